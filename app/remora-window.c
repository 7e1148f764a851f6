/* remora-window.c: a window on one trace: a start page, the import's
 * progress, then the timeline. Opening goes through data/'s RemoraLoader,
 * as the command line's does; the timeline asks model/ for frames off the UI
 * thread.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "remora-application.h"
#include "remora-event-list-view.h"
#include "remora-overview.h"
#include "remora-start-page.h"
#include "remora-window-private.h"

G_DEFINE_FINAL_TYPE (RemoraWindow, remora_window, ADW_TYPE_APPLICATION_WINDOW)

void
_remora_window_show_error (RemoraWindow *self, const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0); /* until dismissed: it may need reading */
  g_set_object (&self->error_toast, toast);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

void
_remora_window_set_page (RemoraWindow *self, const char *name)
{
  /* a window opened on a file shows its first page at once, without fading
   * the start page out; the view appears at once too: a fade would paint
   * the whole view (its costliest frame, the first) and the page before it
   * together in every frame of the fade, stalling the main loop for some
   * 200 ms in all */
  gtk_stack_set_transition_type (self->stack, gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                                                      !g_str_equal (name, "view")
                                                  ? GTK_STACK_TRANSITION_TYPE_CROSSFADE
                                                  : GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (self->zoom_box, g_str_equal (name, "view"));
  gtk_widget_set_visible (self->tasks_button, g_str_equal (name, "view"));
  gtk_widget_set_visible (self->latency_button, g_str_equal (name, "view"));
  gtk_widget_set_visible (self->markers_button, g_str_equal (name, "view"));
  _remora_window_update_actions (self);
}

/* What the session selected: its details, in the pane beside the list. */
static void
on_session_detail (RemoraSession *session, GParamSpec *pspec, RemoraWindow *self)
{
  gboolean show = remora_session_get_detail (session) != NULL;

  if (session != self->session)
    return;
  if (show && !gtk_widget_get_visible (GTK_WIDGET (self->details_pane)))
    {
      /* the pane opens as wide as it was last (kept with the window's size) */
      int width = gtk_widget_get_width (GTK_WIDGET (self->bottom_paned));
      int wanted = self->details_width >= DETAILS_MIN_WIDTH ? self->details_width : 380;
      gtk_widget_set_visible (GTK_WIDGET (self->details_pane), TRUE);
      if (width > wanted + 300)
        gtk_paned_set_position (self->bottom_paned, width - wanted);
    }
  else if (!show)
    gtk_widget_set_visible (GTK_WIDGET (self->details_pane), FALSE);
}

/* How a job of the list ended. */
static void
on_list_notice (RemoraEventListView *list, const char *message, gboolean error, RemoraWindow *self)
{
  if (error)
    _remora_window_show_error (self, message);
  else
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

/* The list gets its height once the pane has its own. */
static void
on_paned_size (GtkPaned *paned, GParamSpec *pspec, RemoraWindow *self)
{
  int max = 0;

  g_object_get (paned, "max-position", &max, NULL);
  if (self->list_placed || max <= 0 || gtk_widget_get_height (GTK_WIDGET (paned)) <= 0)
    return;
  self->list_placed = TRUE;
  {
    int height = gtk_widget_get_height (GTK_WIDGET (paned));
    int list = self->list_height > 0 ? self->list_height : 250;
    gtk_paned_set_position (paned, CLAMP (height - list, height / 3, max));
  }
}

/**
 * remora_window_get_problem:
 * @self: a #RemoraWindow
 *
 * Returns: (nullable): what the banner above the timeline says of the store
 *   (remora_session_note_problem()) while it is shown, or %NULL.
 */
const char *
remora_window_get_problem (RemoraWindow *self)
{
  g_return_val_if_fail (REMORA_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->problem_banner)
             ? gtk_label_get_label (self->problem_label)
             : NULL;
}

/**
 * remora_window_get_details:
 * @self: a #RemoraWindow
 *
 * Returns: the details pane's text ("" when it is hidden).
 */
const char *
remora_window_get_details (RemoraWindow *self)
{
  g_free (self->details_text);
  self->details_text = gtk_widget_get_visible (GTK_WIDGET (self->details_pane))
                           ? remora_details_pane_dup_text (self->details_pane)
                           : g_strdup ("");
  return self->details_text;
}

/* Markers -------------------------------------------------------------------------- */

/**
 * remora_window_add_marker:
 * @self: a #RemoraWindow showing a trace
 * @name: (nullable): the marker's name; %NULL or "" for the next free "M1", "M2"…
 *
 * Adds a named marker in the middle of the view, as the markers' list does.
 */
void
remora_window_add_marker (RemoraWindow *self, const char *name)
{
  remora_markers_popover_add (self->markers_popover, name);
}

static void
on_session_changed (RemoraSession *session, RemoraWindow *self)
{
  g_autofree char *delta = remora_timeline_view_dup_delta (self->timeline);

  gtk_widget_set_visible (GTK_WIDGET (self->delta_label), delta != NULL);
  gtk_label_set_label (self->delta_label, delta ? delta : "");
}

/**
 * remora_window_add_task_row:
 * @self: a #RemoraWindow
 * @search: what is typed in the task list's search
 *
 * Adds a row for the first task that the list shows for @search, as picking
 * it there does.
 *
 * Returns: the task's pid, or -1 when the list shows none.
 */
int
remora_window_add_task_row (RemoraWindow *self, const char *search)
{
  return remora_tasks_popover_add_first (self->tasks_popover, search);
}

/* A view could not read the store: said above the timeline, until hidden
 * or another trace opens (the rows it could not read stay blank). */
/* The banner above the timeline: what is wrong with the trace (as remora
 * stats says it) and with its store, when anything is. */
static void
update_banner (RemoraWindow *self)
{
  const RemoraTraceInfo *info = self->session ? remora_session_get_info (self->session) : NULL;
  const char *problem = self->session ? remora_session_get_problem (self->session) : NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  if (info != NULL && info->partial)
    {
      g_autofree char *base = g_file_get_basename (self->file);
      /* Translators: a trace damaged or cut short, and what remora stats says of it */
      g_string_append_printf (text, _ ("“%s” is damaged: %s"), base,
                              info->partial_reason ? info->partial_reason : "");
    }
  if (problem != NULL)
    {
      if (text->len)
        g_string_append (text, "\n");
      /* Translators: %s says what is wrong, e.g. "Failed to read the store
       * “x.remora”: a summary block is damaged" */
      g_string_append_printf (
          text,
          _ ("%s. What cannot be read stays blank; importing the trace again makes a new store "
             "(remora import --force TRACE)."),
          problem);
    }
  gtk_label_set_label (self->problem_label, text->str);
  gtk_revealer_set_reveal_child (self->problem_banner, text->len > 0);
}

static void
on_session_problem (RemoraSession *session, GParamSpec *pspec, RemoraWindow *self)
{
  if (session == self->session)
    update_banner (self);
}

/* Shows @session: its first rows (@cpu_rows, @device_rows and @task_rows,
 * NULL for none),
 * the tasks to add rows from, the range shown first (NULL for the whole);
 * every view watches it from now. */
void
_remora_window_show_trace (RemoraWindow          *self,
                           RemoraSession         *session,
                           const GArray          *cpu_rows,
                           const GArray          *device_rows,
                           const GArray          *task_rows,
                           const GArray          *task_list,
                           const RemoraTimeRange *range)
{
  const RemoraTraceInfo *info = remora_session_get_info (session);
  g_autofree char       *base = g_file_get_basename (self->file);
  g_autofree char       *span = remora_format_duration (info->last_ts - info->first_ts);
  g_autofree char       *subtitle = NULL;

  for (guint i = 0; cpu_rows && i < cpu_rows->len; i++)
    remora_session_add_row (session, REMORA_ROW_CPU, 0, g_array_index (cpu_rows, int, i), NULL);
  for (guint i = 0; device_rows && i < device_rows->len; i++)
    remora_session_add_row (session, REMORA_ROW_DEVICE, 0, g_array_index (device_rows, int, i),
                            NULL);
  remora_tasks_popover_set_tasks (self->tasks_popover, task_list);
  for (guint i = 0; task_rows && i < task_rows->len; i++)
    remora_session_add_row (session, REMORA_ROW_TASK, 0, g_array_index (task_rows, int, i), NULL);
  if (range)
    remora_session_set_visible (session, range->begin_ns, range->end_ns);
  remora_session_set_link_kinds (session, _remora_window_get_link_kinds (self));
  remora_session_set_idle_io (session, _remora_window_get_idle_io (self));
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed), self, 0);
  g_signal_connect_object (session, "notify::problem", G_CALLBACK (on_session_problem), self, 0);
  g_signal_connect_object (session, "notify::detail", G_CALLBACK (on_session_detail), self, 0);
  update_banner (self);
  remora_timeline_view_set_session (self->timeline, session);
  remora_overview_set_session (self->overview, session);
  remora_event_list_view_set_session (self->events, session);
  remora_details_pane_set_session (self->details_pane, session);
  remora_latency_pane_set_session (self->latency_pane, session);
  remora_markers_popover_set_session (self->markers_popover, session);
  remora_tasks_popover_set_session (self->tasks_popover, session);
  on_session_changed (session, self);
  /* Translators: the window's subtitle: events, CPUs, duration of a trace */
  subtitle = g_strdup_printf (_ ("%lld events · %d CPUs · %s"), (long long) info->events,
                              info->cpus, span);
  adw_window_title_set_title (self->window_title, base);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), base);
  _remora_window_set_page (self, "view");
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
  /* an error from before this trace opened is read by now */
  if (self->error_toast)
    adw_toast_dismiss (self->error_toast);
  g_clear_object (&self->error_toast);
}

/**
 * remora_window_get_event_list:
 * @self: a #RemoraWindow
 *
 * Returns: (transfer none): the event list under the timeline.
 */
RemoraEventListView *
remora_window_get_event_list (RemoraWindow *self)
{
  g_return_val_if_fail (REMORA_IS_WINDOW (self), NULL);
  return self->events;
}

/**
 * remora_window_get_overview_frame:
 * @self: a #RemoraWindow
 *
 * Returns: (transfer none) (nullable): the whole trace's frame the overview
 *   strip paints.
 */
const RemoraFrame *
remora_window_get_overview_frame (RemoraWindow *self)
{
  return remora_overview_get_frame (self->overview);
}

/**
 * remora_window_get_latency_pane:
 * @self: a #RemoraWindow
 *
 * Returns: (transfer none): its latency pane.
 */
RemoraLatencyPane *
remora_window_get_latency_pane (RemoraWindow *self)
{
  return self->latency_pane;
}

RemoraTimelineView *
remora_window_get_timeline (RemoraWindow *self)
{
  return self->timeline;
}

const char *
remora_window_get_page (RemoraWindow *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

/* Recent traces --------------------------------------------------------------- */

static void
on_recent_open (RemoraStartPage *page, GFile *file, RemoraWindow *self)
{
  remora_window_open (self, file);
}

/* Drag and drop ----------------------------------------------------------------- */

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, RemoraWindow *self)
{
  GSList *files = g_value_get_boxed (value);

  if (files == NULL)
    return FALSE;
  remora_window_open (self, files->data);
  return TRUE;
}

/* Style ------------------------------------------------------------------------- */

static void
on_dark_changed (AdwStyleManager *manager, GParamSpec *pspec, RemoraWindow *self)
{
  remora_timeline_view_set_dark (self->timeline, adw_style_manager_get_dark (manager));
  remora_overview_set_dark (self->overview, adw_style_manager_get_dark (manager));
  remora_latency_pane_set_dark (self->latency_pane, adw_style_manager_get_dark (manager));
}

/* GObject ------------------------------------------------------------------------ */

RemoraWindow *
remora_window_new (GtkApplication *application)
{
  return g_object_new (REMORA_TYPE_WINDOW, "application", application, NULL);
}

static void
remora_window_dispose (GObject *object)
{
  RemoraWindow *self = REMORA_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->loader);
  g_clear_object (&self->session);
  g_clear_object (&self->file);
  g_clear_object (&self->error_toast);
  g_clear_object (&self->link_toggles);
  g_clear_pointer (&self->pre_cpus, g_free);
  g_clear_pointer (&self->pre_tasks, g_free);
  g_clear_pointer (&self->pre_from, g_free);
  g_clear_pointer (&self->pre_to, g_free);
  g_clear_pointer (&self->details_text, g_free);
  _remora_window_unwatch_focus (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMORA_TYPE_WINDOW);
  G_OBJECT_CLASS (remora_window_parent_class)->dispose (object);
}

static void
remora_window_class_init (RemoraWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_window_dispose;

  g_type_ensure (REMORA_TYPE_TIMELINE_VIEW);
  g_type_ensure (REMORA_TYPE_OVERVIEW);
  g_type_ensure (REMORA_TYPE_EVENT_LIST_VIEW);
  g_type_ensure (REMORA_TYPE_START_PAGE);
  g_type_ensure (REMORA_TYPE_DETAILS_PANE);
  g_type_ensure (REMORA_TYPE_LATENCY_PANE);
  g_type_ensure (REMORA_TYPE_MARKERS_POPOVER);
  g_type_ensure (REMORA_TYPE_TASKS_POPOVER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/remora/Remora/remora-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, bottom_stack);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, latency_pane);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, latency_button);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, tasks_button);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, markers_button);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, markers_popover);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, tasks_popover);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, delta_label);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, bottom_paned);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, events);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, details_pane);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, overview);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, problem_banner);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, problem_label);

  _remora_window_class_init_actions (widget_class);
}

static void
remora_window_init (RemoraWindow *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkDropTarget   *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  gtk_icon_theme_add_resource_path (
      gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
      "/io/github/remora/Remora/icons");
  gtk_widget_init_template (GTK_WIDGET (self));
  _remora_window_add_view_actions (self);
  g_signal_connect (self->start_page, "open", G_CALLBACK (on_recent_open), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  g_signal_connect (self->events, "notice", G_CALLBACK (on_list_notice), self);
  g_signal_connect (self->paned, "notify::max-position", G_CALLBACK (on_paned_size), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  g_signal_connect_object (style, "notify::dark", G_CALLBACK (on_dark_changed), self, 0);
  on_dark_changed (style, NULL, self);
  _remora_window_watch_focus (self);
  _remora_window_restore_state (self);
  g_signal_connect (self, "close-request", G_CALLBACK (_remora_window_save_state), NULL);
  _remora_window_set_page (self, "start");
}
