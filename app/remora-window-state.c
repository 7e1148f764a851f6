/* remora-window-state.c: what a window keeps for the next one (its size,
 * whether maximized, the list's height, the details pane's width, the
 * list's columns) in window.ini in the user's configuration folder; saved
 * when the window closes, whose work (an import) is then cancelled.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-window-private.h"

static char *
state_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "remora", "window.ini", NULL);
}

void
_remora_window_restore_state (RemoraWindow *self)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = state_path ();
  int              w, h;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    return;
  w = g_key_file_get_integer (kf, "window", "width", NULL);
  h = g_key_file_get_integer (kf, "window", "height", NULL);
  if (w >= 400 && w <= 16384 && h >= 300 && h <= 16384)
    gtk_window_set_default_size (GTK_WINDOW (self), w, h);
  if (g_key_file_get_boolean (kf, "window", "maximized", NULL))
    gtk_window_maximize (GTK_WINDOW (self));
  self->list_height = CLAMP (g_key_file_get_integer (kf, "window", "list", NULL), 0, 4096);
  self->details_width =
      CLAMP (g_key_file_get_integer (kf, "window", "details-width", NULL), 0, 4096);
  remora_event_list_view_load_state (self->events, kf);
}

gboolean
_remora_window_save_state (GtkWindow *window, gpointer data)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = state_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  int              w, h;

  gtk_window_get_default_size (window, &w, &h);
  g_key_file_set_integer (kf, "window", "width", w);
  g_key_file_set_integer (kf, "window", "height", h);
  g_key_file_set_boolean (kf, "window", "maximized", gtk_window_is_maximized (window));
  {
    RemoraWindow *self = REMORA_WINDOW (window);
    int           list = self->list_height, details = self->details_width;

    if (self->list_placed)
      list =
          gtk_widget_get_height (GTK_WIDGET (self->paned)) - gtk_paned_get_position (self->paned);
    if (gtk_widget_get_visible (GTK_WIDGET (self->details_pane)))
      details = gtk_widget_get_width (GTK_WIDGET (self->bottom_paned)) -
                gtk_paned_get_position (self->bottom_paned);
    if (list > 0)
      g_key_file_set_integer (kf, "window", "list", list);
    /* a pane squeezed by a wide list is not a width to keep */
    if (details >= DETAILS_MIN_WIDTH)
      g_key_file_set_integer (kf, "window", "details-width", details);
    remora_event_list_view_save_state (self->events, kf);
  }
  /* a size not kept is no reason to keep a window open */
  if (g_mkdir_with_parents (dir, 0700) == 0)
    g_key_file_save_to_file (kf, path, NULL);
  /* the window's work ends with it: an import removes what it wrote (the
   * application waits for that, see remora_application_hold_for()) */
  g_cancellable_cancel (REMORA_WINDOW (window)->cancellable);
  return FALSE;
}
