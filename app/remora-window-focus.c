/* remora-window-focus.c: the keyboard goes back to the view that had it
 * once a menu, a popover or a dialog of the window closes (not left on the
 * header bar's button that opened it, or nowhere).
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-window-private.h"

/* Whether @widget is in one of the views (the timeline, the overview, the
 * event list, the details) and is where a user works with the keyboard: a
 * button there only opens something. */
static gboolean
in_views (RemoraWindow *self, GtkWidget *widget)
{
  return widget != NULL && gtk_widget_is_ancestor (widget, GTK_WIDGET (self->paned)) &&
         !GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (widget);
}

static void
on_focus_widget (GtkWindow *window, GParamSpec *pspec, RemoraWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  if (in_views (self, focus))
    g_set_weak_pointer (&self->view_focus, focus);
}

static gboolean
return_focus (gpointer data)
{
  RemoraWindow *self = data;
  GtkWidget    *focus = gtk_root_get_focus (GTK_ROOT (self));

  self->return_focus_id = 0;
  /* the user went on elsewhere in the views meanwhile: leave it there */
  if (in_views (self, focus) || self->view_focus == NULL ||
      !gtk_widget_get_mapped (self->view_focus))
    return G_SOURCE_REMOVE;
  gtk_widget_grab_focus (self->view_focus);
  return G_SOURCE_REMOVE;
}

/* Once the popover or dialog has gone (GTK gives the focus to the button
 * that opened it as it closes). */
static void
return_focus_soon (RemoraWindow *self)
{
  if (self->return_focus_id == 0)
    self->return_focus_id = g_idle_add (return_focus, self);
}

static void
on_toplevels_changed (
    GListModel *toplevels, guint position, guint removed, guint added, RemoraWindow *self)
{
  /* a dialog of the window closed (the window is still there: it is not
   * what closed) */
  if (removed > 0 && gtk_widget_get_visible (GTK_WIDGET (self)))
    return_focus_soon (self);
}

/**
 * _remora_window_watch_focus:
 * @self: a #RemoraWindow
 *
 * Remembers where the keyboard is in the views, and returns it there when
 * the main menu, the markers or tasks popover or a dialog closes (the
 * timeline's own menu returns it to the timeline).
 */
void
_remora_window_watch_focus (RemoraWindow *self)
{
  GtkWidget *popovers[] = {
    GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->menu_button))),
    GTK_WIDGET (self->markers_popover),
    GTK_WIDGET (self->tasks_popover),
  };

  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget), self);
  for (guint i = 0; i < G_N_ELEMENTS (popovers); i++)
    if (popovers[i] != NULL)
      g_signal_connect_swapped (popovers[i], "closed", G_CALLBACK (return_focus_soon), self);
  /* disconnected by _remora_window_unwatch_focus() */
  g_signal_connect (gtk_window_get_toplevels (), "items-changed", G_CALLBACK (on_toplevels_changed),
                    self);
}

/**
 * _remora_window_unwatch_focus:
 * @self: a #RemoraWindow
 *
 * Stops returning the keyboard (the window is going).
 */
void
_remora_window_unwatch_focus (RemoraWindow *self)
{
  g_signal_handlers_disconnect_by_data (gtk_window_get_toplevels (), self);
  g_clear_handle_id (&self->return_focus_id, g_source_remove);
  g_clear_weak_pointer (&self->view_focus);
}
