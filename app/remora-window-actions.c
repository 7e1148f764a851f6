/* remora-window-actions.c: the window's actions, one callback each, and the
 * keys that run them (GNOME Text Editor's editor-window-actions.c)
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "remora-window-private.h"

static void
on_chooser_response (GtkNativeDialog *dialog, int response, RemoraWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      /* a window shows one trace: another opens beside it */
      if (self->session != NULL && app != NULL)
        {
          RemoraWindow *other = remora_window_new (app);
          gtk_window_present (GTK_WINDOW (other));
          remora_window_open (other, file);
        }
      else
        remora_window_open (self, file);
    }
  g_object_unref (dialog);
}

static void
action_open (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraWindow         *self = REMORA_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter        *traces = gtk_file_filter_new ();
  GtkFileFilter        *all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_ ("Open a Trace"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  gtk_file_filter_set_name (traces, _ ("Traces (trace.dat, stores)"));
  gtk_file_filter_add_pattern (traces, "*.dat");
  gtk_file_filter_add_pattern (traces, "*.remora");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), traces);
  gtk_file_filter_set_name (all, _ ("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_object_unref (traces);
  g_object_unref (all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
action_cancel_open (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraWindow *self = REMORA_WINDOW (widget);

  /* the work of the trace shown goes on with a cancellable of its own */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* Export ------------------------------------------------------------------------ */

typedef struct
{
  RemoraWindow *window;
  char         *output;
} Exported;

static void
on_exported (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Exported     *e = user_data;
  RemoraWindow *self = e->window;
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface = remora_view_export_finish (result, &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _remora_window_show_error (self, error->message);
    }
  else if (e->output != NULL)
    {
      g_autofree char *text = g_strdup_printf (_ ("Exported the view to “%s”"), e->output);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
    }
  else
    {
      g_autoptr (GBytes) bytes =
          g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) *
                                          cairo_image_surface_get_height (surface),
                                      (GDestroyNotify) cairo_surface_destroy, surface);
      g_autoptr (GdkTexture) texture = gdk_memory_texture_new (
          cairo_image_surface_get_width (surface), cairo_image_surface_get_height (surface),
          GDK_MEMORY_B8G8R8A8_PREMULTIPLIED, bytes, cairo_image_surface_get_stride (surface));

      gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_ ("Copied the view as an image")));
    }
  g_object_unref (e->window);
  g_free (e->output);
  g_free (e);
}

/**
 * remora_window_export_view:
 * @self: a #RemoraWindow showing a trace
 * @output: (nullable): a .png, .svg or .pdf file, or %NULL to copy the view
 *   to the clipboard as an image
 * @options: (nullable): what the export dialog chose; %NULL for `remora
 *   export`'s defaults
 *
 * Draws what `remora export` draws of the visible range, rows and markers,
 * off the UI thread; says in the window when it is done or why it failed.
 */
void
remora_window_export_view (RemoraWindow              *self,
                           const char                *output,
                           const RemoraExportOptions *options)
{
  Exported *e;

  g_return_if_fail (REMORA_IS_WINDOW (self));
  if (self->session == NULL)
    return;
  if (output != NULL && !remora_export_is_supported (output))
    {
      g_autofree char *text = g_strdup_printf (
          _ ("Cannot write “%s”: the name must end in .png, .svg or .pdf"), output);
      _remora_window_show_error (self, text);
      return;
    }
  e = g_new0 (Exported, 1);
  e->window = g_object_ref (self);
  e->output = g_strdup (output);
  remora_view_export_async (self->session, options, output, GTK_WIDGET (self), self->cancellable,
                            on_exported, e);
}

static void
on_export (RemoraExportDialog *dialog, RemoraWindow *self)
{
  RemoraExportOptions options;
  g_autofree char    *path = remora_export_dialog_get_path (dialog);

  remora_export_dialog_get_options (dialog, &options);
  remora_window_export_view (self, path, &options);
  remora_export_options_clear (&options);
}

static void
action_export (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraWindow       *self = REMORA_WINDOW (widget);
  RemoraExportDialog *dialog;

  if (self->session == NULL)
    return;
  dialog = remora_export_dialog_new (GTK_WINDOW (self), self->file,
                                     remora_session_get_markers (self->session)->len);
  g_signal_connect_object (dialog, "export", G_CALLBACK (on_export), self, 0);
}

/* The next or previous event like the selected one (the list's choice). */
static void
action_next_event (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraWindow *self = REMORA_WINDOW (widget);

  remora_event_list_view_step (self->events, remora_event_list_view_get_alike (self->events), TRUE);
}

static void
action_previous_event (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraWindow *self = REMORA_WINDOW (widget);

  remora_event_list_view_step (self->events, remora_event_list_view_get_alike (self->events),
                               FALSE);
}

static void
action_filter (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  remora_event_list_view_open_filters (REMORA_WINDOW (widget)->events);
}

static void
action_search (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  remora_event_list_view_focus_search (REMORA_WINDOW (widget)->events);
}

static void
action_export_list (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_widget_activate_action (GTK_WIDGET (REMORA_WINDOW (widget)->events), "list.export-csv", NULL);
}

/* The latency pane shown, and its plot on show exported. */
static void
action_export_latency_plot (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraWindow *self = REMORA_WINDOW (widget);

  if (self->link_toggles)
    g_action_group_change_action_state (self->link_toggles, "latency",
                                        g_variant_new_boolean (TRUE));
  remora_latency_pane_export (self->latency_pane, NULL, TRUE);
}

static void
action_go_to (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  remora_event_list_view_focus_go_to (REMORA_WINDOW (widget)->events);
}

/* The timeline's own actions, from anywhere in the window (its keys work
 * when the focus is elsewhere too, but in a text entry: the entry takes
 * them first) */
static void
forward_to_timeline (GtkWidget *widget, const char *action)
{
  gtk_widget_activate_action (GTK_WIDGET (REMORA_WINDOW (widget)->timeline), action, NULL);
}

static void
action_zoom_in (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  forward_to_timeline (widget, "timeline.zoom-in");
}

static void
action_zoom_out (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  forward_to_timeline (widget, "timeline.zoom-out");
}

static void
action_zoom_fit (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  forward_to_timeline (widget, "timeline.zoom-fit");
}

static void
action_marker_a (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  forward_to_timeline (widget, "timeline.marker-a");
}

static void
action_marker_b (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  forward_to_timeline (widget, "timeline.marker-b");
}

static void
action_copy_image (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  remora_window_export_view (REMORA_WINDOW (widget), NULL, NULL);
}

static void
action_hide_problem (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_revealer_set_reveal_child (REMORA_WINDOW (widget)->problem_banner, FALSE);
}

/* Every action and its keys ---------------------------------------------------- */

/* Actions that need a trace shown. */
static const char *const view_actions[] = {
  "win.zoom-in",
  "win.zoom-out",
  "win.zoom-fit",
  "win.export",
  "win.copy-image",
  "win.export-list",
  "win.next-event",
  "win.previous-event",
  "win.filter",
  "win.search",
  "win.export-latency-plot",
  "win.go-to",
  "win.marker-a",
  "win.marker-b",
};

/**
 * _remora_window_update_actions:
 * @self: a #RemoraWindow
 *
 * Enables the actions that the page shown allows.
 */
void
_remora_window_update_actions (RemoraWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean    view = g_strcmp0 (page, "view") == 0 && self->session != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (view_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), view_actions[i], view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-open",
                                 g_strcmp0 (page, "loading") == 0);
}

void
_remora_window_class_init_actions (GtkWidgetClass *widget_class)
{
  static const struct
  {
    const char *name;
    void (*activate) (GtkWidget *, const char *, GVariant *);
  } actions[] = {
    { "win.open", action_open },
    { "win.cancel-open", action_cancel_open },
    { "win.hide-problem", action_hide_problem },
    { "win.zoom-in", action_zoom_in },
    { "win.zoom-out", action_zoom_out },
    { "win.zoom-fit", action_zoom_fit },
    { "win.marker-a", action_marker_a },
    { "win.marker-b", action_marker_b },
    { "win.export", action_export },
    { "win.copy-image", action_copy_image },
    { "win.next-event", action_next_event },
    { "win.previous-event", action_previous_event },
    { "win.filter", action_filter },
    { "win.search", action_search },
    { "win.export-list", action_export_list },
    { "win.export-latency-plot", action_export_latency_plot },
    { "win.go-to", action_go_to },
  };
  static const struct
  {
    guint           key;
    GdkModifierType mods;
    const char     *action;
  } keys[] = {
    /* in the bubble phase: a text entry with the focus takes them first */
    { GDK_KEY_n, 0, "win.next-event" },
    { GDK_KEY_N, GDK_SHIFT_MASK, "win.previous-event" },
    { GDK_KEY_plus, 0, "win.zoom-in" },
    { GDK_KEY_plus, GDK_SHIFT_MASK, "win.zoom-in" },
    { GDK_KEY_equal, 0, "win.zoom-in" },
    { GDK_KEY_KP_Add, 0, "win.zoom-in" },
    { GDK_KEY_minus, 0, "win.zoom-out" },
    { GDK_KEY_KP_Subtract, 0, "win.zoom-out" },
    { GDK_KEY_0, 0, "win.zoom-fit" },
    { GDK_KEY_a, 0, "win.marker-a" },
    { GDK_KEY_b, 0, "win.marker-b" },
    { GDK_KEY_g, GDK_CONTROL_MASK, "win.go-to" },
    { GDK_KEY_l, GDK_CONTROL_MASK, "win.go-to" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, NULL, actions[i].activate);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].key, keys[i].mods, keys[i].action,
                                         NULL);
}

/* The kinds of links the timeline draws, each a toggle ("view.wakeup-links",
 * "view.block-links", in the main menu and the timeline's menu), and the
 * shading of idle CPUs while I/O is in flight ("view.idle-io"); the window
 * keeps them for the next trace it opens. */
static const struct
{
  const char *name;
  RemoraLinks kind;
} link_actions[] = {
  { "wakeup-links", REMORA_LINKS_WAKEUPS },
  { "block-links", REMORA_LINKS_BLOCK },
};

RemoraLinks
_remora_window_get_link_kinds (RemoraWindow *self)
{
  GActionGroup *group = self->link_toggles;
  RemoraLinks   kinds = REMORA_LINKS_NONE;

  for (guint i = 0; group != NULL && i < G_N_ELEMENTS (link_actions); i++)
    {
      g_autoptr (GVariant) state = g_action_group_get_action_state (group, link_actions[i].name);
      if (state != NULL && g_variant_get_boolean (state))
        kinds |= link_actions[i].kind;
    }
  return kinds;
}

static void
on_link_kind (GSimpleAction *action, GVariant *state, gpointer user_data)
{
  RemoraWindow *self = user_data;

  g_simple_action_set_state (action, state);
  if (self->session != NULL)
    remora_session_set_link_kinds (self->session, _remora_window_get_link_kinds (self));
}

/* Whether CPU rows shade idle while I/O is in flight ("view.idle-io"). */
gboolean
_remora_window_get_idle_io (RemoraWindow *self)
{
  g_autoptr (GVariant) state =
      self->link_toggles ? g_action_group_get_action_state (self->link_toggles, "idle-io") : NULL;

  return state == NULL || g_variant_get_boolean (state);
}

static void
on_idle_io (GSimpleAction *action, GVariant *state, gpointer user_data)
{
  RemoraWindow *self = user_data;

  g_simple_action_set_state (action, state);
  if (self->session != NULL)
    remora_session_set_idle_io (self->session, g_variant_get_boolean (state));
}

/* The latency pane in place of the event list ("view.latency"). */
static void
on_latency (GSimpleAction *action, GVariant *state, gpointer user_data)
{
  RemoraWindow *self = user_data;

  g_simple_action_set_state (action, state);
  gtk_stack_set_visible_child_name (self->bottom_stack,
                                    g_variant_get_boolean (state) ? "latency" : "events");
}

/* Adds the window's "view" actions: toggles with a state. */
void
_remora_window_add_view_actions (RemoraWindow *self)
{
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr (GSimpleAction) idle_io =
      g_simple_action_new_stateful ("idle-io", NULL, g_variant_new_boolean (TRUE));

  g_autoptr (GSimpleAction) latency =
      g_simple_action_new_stateful ("latency", NULL, g_variant_new_boolean (FALSE));
  GtkEventController *keys = gtk_shortcut_controller_new ();

  g_signal_connect_object (idle_io, "change-state", G_CALLBACK (on_idle_io), self, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (idle_io));
  g_signal_connect_object (latency, "change-state", G_CALLBACK (on_latency), self, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (latency));
  /* Shift+Ctrl+L shows and hides the latency pane */
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_L, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                        gtk_named_action_new ("view.latency")));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  for (guint i = 0; i < G_N_ELEMENTS (link_actions); i++)
    {
      g_autoptr (GSimpleAction) action =
          g_simple_action_new_stateful (link_actions[i].name, NULL, g_variant_new_boolean (TRUE));
      g_signal_connect_object (action, "change-state", G_CALLBACK (on_link_kind), self, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "view", G_ACTION_GROUP (group));
  g_set_object (&self->link_toggles, G_ACTION_GROUP (group));
}
