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

static void
set_page (RemoraWindow *self, const char *name)
{
  /* a window opened on a file shows its first page at once, without fading
   * the start page out */
  gtk_stack_set_transition_type (self->stack, gtk_widget_get_mapped (GTK_WIDGET (self))
                                                  ? GTK_STACK_TRANSITION_TYPE_CROSSFADE
                                                  : GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (self->zoom_box, g_str_equal (name, "view"));
  gtk_widget_set_visible (self->tasks_button, g_str_equal (name, "view"));
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

/* A filter applied to the timeline: its rows count and mark only the events
 * it keeps. */
static void
on_filter_changed (RemoraEventListView *list, RemoraWindow *self)
{
  if (self->session == NULL)
    return;
  remora_session_set_mask (self->session, remora_event_list_view_get_filter_target (list) !=
                                                  REMORA_FILTER_TARGET_LIST
                                              ? remora_event_list_view_get_mask (list)
                                              : NULL);
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

/* Progress ------------------------------------------------------------------ */

static void
on_progress (RemoraLoader *loader, GParamSpec *pspec, RemoraWindow *self)
{
  double           f = remora_loader_get_fraction (loader);
  double           speed = remora_loader_get_events_per_second (loader);
  double           left = remora_loader_get_seconds_left (loader);
  g_autofree char *message = remora_loader_dup_message (loader);
  g_autoptr (GString) text = g_string_new (message ? message : "");

  gtk_progress_bar_set_fraction (self->progress_bar, f);
  if (speed > 0)
    {
      /* Translators: import speed, in millions of events per second */
      g_string_append_printf (text, _ (" · %.2f M events/s"), speed / 1e6);
    }
  if (left >= 0)
    {
      /* Translators: estimated time left of an import, in seconds */
      g_string_append_printf (text, _ (" · %.0f s left"), left);
    }
  gtk_label_set_label (self->progress_label, text->str);
}

static void
on_notice (RemoraLoader *loader, const char *text, RemoraWindow *self)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

/* Opening ------------------------------------------------------------------ */

/* The rows to show first, chosen off the UI thread with a connection of
 * their own: the CPUs and tasks the command line named, else every CPU and
 * the busiest tasks of the whole trace. */
typedef struct
{
  char           *path;
  char           *cpus;  /* a list, or NULL */
  char           *tasks; /* a list, or NULL */
  GArray         *cpu_rows;
  GArray         *task_rows;
  GArray         *task_list; /* RemoraTaskSummary: every task, for the list to add rows from */
  char           *from;      /* --from and --to, or NULL */
  char           *to;
  RemoraTimeRange range;   /* the range shown first */
  GError         *warning; /* a list that did not parse: said, and the default used */
  GError         *problem; /* the store could not say which tasks: rows without them */
} RowsJob;

static void
rows_job_free (gpointer data)
{
  RowsJob *job = data;

  g_free (job->path);
  g_free (job->cpus);
  g_free (job->tasks);
  g_free (job->from);
  g_free (job->to);
  g_clear_pointer (&job->cpu_rows, g_array_unref);
  g_clear_pointer (&job->task_rows, g_array_unref);
  g_clear_pointer (&job->task_list, g_array_unref);
  g_clear_error (&job->warning);
  g_clear_error (&job->problem);
  g_free (job);
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

static void
show_trace (RemoraWindow *self, RemoraSession *session, RowsJob *rows)
{
  const RemoraTraceInfo *info = remora_session_get_info (session);
  g_autofree char       *base = g_file_get_basename (self->file);
  g_autofree char       *span = remora_format_duration (info->last_ts - info->first_ts);
  g_autofree char       *subtitle = NULL;

  for (guint i = 0; rows && i < rows->cpu_rows->len; i++)
    remora_session_add_row (session, REMORA_ROW_CPU, 0, g_array_index (rows->cpu_rows, int, i),
                            NULL);
  remora_tasks_popover_set_tasks (self->tasks_popover, rows ? rows->task_list : NULL);
  for (guint i = 0; rows && i < rows->task_rows->len; i++)
    remora_session_add_row (session, REMORA_ROW_TASK, 0, g_array_index (rows->task_rows, int, i),
                            NULL);
  if (rows)
    remora_session_set_visible (session, rows->range.begin_ns, rows->range.end_ns);
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed), self, 0);
  g_signal_connect_object (session, "notify::problem", G_CALLBACK (on_session_problem), self, 0);
  g_signal_connect_object (session, "notify::detail", G_CALLBACK (on_session_detail), self, 0);
  update_banner (self);
  remora_timeline_view_set_session (self->timeline, session);
  remora_overview_set_session (self->overview, session);
  remora_event_list_view_set_session (self->events, session);
  remora_details_pane_set_session (self->details_pane, session);
  remora_markers_popover_set_session (self->markers_popover, session);
  remora_tasks_popover_set_session (self->tasks_popover, session);
  on_session_changed (session, self);
  /* Translators: the window's subtitle: events, CPUs, duration of a trace */
  subtitle = g_strdup_printf (_ ("%lld events · %d CPUs · %s"), (long long) info->events,
                              info->cpus, span);
  adw_window_title_set_title (self->window_title, base);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), base);
  set_page (self, "view");
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
  /* an error from before this trace opened is read by now */
  if (self->error_toast)
    adw_toast_dismiss (self->error_toast);
  g_clear_object (&self->error_toast);
}

/* The busiest tasks of the whole trace, the default task rows, read off the
 * UI thread with a connection of their own. */
static void
rows_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  RowsJob *job = task_data;
  GError  *error = NULL;
  g_autoptr (RemoraStore) store = remora_store_open (job->path, &error);
  const RemoraTraceInfo *info;

  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  info = remora_store_get_info (store);
  /* the range the window shows first: --from and --to, else the whole */
  job->range = remora_time_range_make (info->first_ts, info->last_ts + 1);
  if ((job->from &&
       !remora_parse_view_time ("--from", job->from, info, &job->range.begin_ns, &job->warning)) ||
      (job->to && !remora_parse_view_time ("--to", job->to, info, &job->range.end_ns,
                                           job->warning ? NULL : &job->warning)) ||
      job->range.end_ns <= job->range.begin_ns)
    job->range = remora_time_range_make (info->first_ts, info->last_ts + 1);
  /* the rows asked for, else those of remora export's for that range; a
   * list that does not parse is said, and the default used */
  job->cpu_rows = g_array_new (FALSE, FALSE, sizeof (int));
  job->task_rows = g_array_new (FALSE, FALSE, sizeof (int));
  if (!remora_default_rows (store, 0, &job->range, job->cpus, NULL, job->cpu_rows, NULL,
                            job->warning ? NULL : &job->warning))
    remora_default_rows (store, 0, &job->range, NULL, NULL, job->cpu_rows, NULL, NULL);
  if (job->tasks != NULL &&
      !remora_default_rows (store, 0, &job->range, NULL, job->tasks, NULL, job->task_rows,
                            job->warning ? NULL : &job->warning))
    g_clear_pointer (&job->tasks, g_free);
  /* a damaged store: the CPUs shown all the same, and the banner says why
   * there are no tasks */
  if (job->tasks == NULL)
    remora_default_rows (store, 0, &job->range, NULL, NULL, NULL, job->task_rows, &job->problem);
  job->task_list = remora_store_read_task_summaries (store, 0, job->problem ? NULL : &job->problem);
  if (job->task_list == NULL)
    job->task_list = g_array_new (FALSE, TRUE, sizeof (RemoraTaskSummary));
  if (g_error_matches (job->problem, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&job->problem));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_rows (GObject *object, GAsyncResult *result, gpointer user_data)
{
  RemoraWindow *self = REMORA_WINDOW (object);
  g_autoptr (RemoraSession) session = user_data;
  g_autoptr (GError) error = NULL;
  RowsJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _remora_window_show_error (self, error->message);
    }
  if (job->warning)
    _remora_window_show_error (self, job->warning->message);
  show_trace (self, session, job->cpu_rows ? job : NULL);
  if (job->problem)
    remora_session_note_problem (session, job->problem);
}

/* A load in flight: its window, and the application held until the load
 * has ended (an import cancelled by a close removes its files first). */
typedef struct
{
  RemoraWindow *window;
  GApplication *held;
  GCancellable *cancellable;
} LoadCall;

static void
on_loaded (GObject *object, GAsyncResult *result, gpointer user_data)
{
  LoadCall *call = user_data;
  g_autoptr (RemoraWindow) self = call->window;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraStore) store =
      remora_loader_load_finish (REMORA_LOADER (object), result, &error);

  gboolean cancelled = g_cancellable_is_cancelled (call->cancellable);

  remora_application_release (call->held);
  g_object_unref (call->cancellable);
  g_free (call);
  /* closed, or another trace opened meanwhile: a store it completed stays
   * for next time */
  if (self->loader != REMORA_LOADER (object))
    return;
  g_clear_object (&self->loader);
  if (cancelled)
    {
      set_page (self, self->session ? "view" : "start");
      return;
    }
  if (store == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _remora_window_show_error (self, error->message);
      set_page (self, self->session ? "view" : "start");
      return;
    }
  {
    g_autoptr (RemoraSession) session = remora_session_new (store);
    GTask *task;

    /* a trace that opened: one of the start page's recent traces */
    remora_start_page_remember (self->file, remora_store_get_info (store)->events);

    task = g_task_new (self, self->cancellable, on_rows, g_object_ref (session));
    {
      RowsJob *job = g_new0 (RowsJob, 1);
      job->path = g_strdup (remora_store_get_path (store));
      job->cpus = g_strdup (self->pre_cpus);
      job->tasks = g_strdup (self->pre_tasks);
      job->from = g_strdup (self->pre_from);
      job->to = g_strdup (self->pre_to);
      g_task_set_task_data (task, job, rows_job_free);
    }
    g_task_run_in_thread (task, rows_thread);
    g_object_unref (task);
  }
}

/**
 * remora_window_open:
 * @self: a #RemoraWindow
 * @file: a trace.dat or a store
 *
 * Opens @file in @self: imports it first when it has no up-to-date store,
 * with progress and Cancel, the window usable meanwhile. Errors are shown
 * in the window.
 */
void
remora_window_open (RemoraWindow *self, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *title = NULL;

  g_return_if_fail (REMORA_IS_WINDOW (self));
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message =
          g_strdup_printf (_ ("Cannot open “%s”: only local files can be opened"), uri);
      _remora_window_show_error (self, message);
      return;
    }
  if (self->loader)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->file, file);
  self->loader = remora_loader_new (path);
  g_signal_connect_object (self->loader, "notify::fraction", G_CALLBACK (on_progress), self, 0);
  g_signal_connect_object (self->loader, "notify::message", G_CALLBACK (on_progress), self, 0);
  g_signal_connect_object (self->loader, "notice", G_CALLBACK (on_notice), self, 0);
  /* Translators: the title of the page shown while a trace is imported */
  title = g_strdup_printf (_ ("Opening “%s”"), base);
  adw_status_page_set_title (self->loading_page, title);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_label (self->progress_label, "");
  set_page (self, "loading");
  {
    LoadCall *call = g_new0 (LoadCall, 1);

    call->window = g_object_ref (self);
    call->held = remora_application_hold_for (GTK_WIDGET (self));
    call->cancellable = g_object_ref (self->cancellable);
    remora_loader_load_async (self->loader, self->cancellable, on_loaded, call);
  }
}

/**
 * remora_window_preselect:
 * @self: a #RemoraWindow
 * @cpus: (nullable): the CPU rows to show ("1,4-7"), %NULL for all
 * @tasks: (nullable): the task rows ("1234,kworker/1:2"), %NULL for the
 *   busiest
 * @from: (nullable): where the view begins, as `remora export --from` takes it
 * @to: (nullable): where it ends
 *
 * What the next trace opened in @self shows first, as KernelShark's
 * command-line options preselect it.
 */
void
remora_window_preselect (
    RemoraWindow *self, const char *cpus, const char *tasks, const char *from, const char *to)
{
  g_return_if_fail (REMORA_IS_WINDOW (self));
  g_free (self->pre_cpus);
  g_free (self->pre_tasks);
  g_free (self->pre_from);
  g_free (self->pre_to);
  self->pre_cpus = g_strdup (cpus);
  self->pre_tasks = g_strdup (tasks);
  self->pre_from = g_strdup (from);
  self->pre_to = g_strdup (to);
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
}

/* The window's size, kept for the next one ------------------------------------ */

static char *
state_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "remora", "window.ini", NULL);
}

static void
restore_size (RemoraWindow *self)
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

static gboolean
on_close_request (GtkWindow *window, gpointer data)
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
  g_clear_pointer (&self->pre_cpus, g_free);
  g_clear_pointer (&self->pre_tasks, g_free);
  g_clear_pointer (&self->pre_from, g_free);
  g_clear_pointer (&self->pre_to, g_free);
  g_clear_pointer (&self->details_text, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, tasks_button);
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
  g_signal_connect (self->start_page, "open", G_CALLBACK (on_recent_open), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  g_signal_connect (self->events, "filter-changed", G_CALLBACK (on_filter_changed), self);
  g_signal_connect (self->events, "notice", G_CALLBACK (on_list_notice), self);
  g_signal_connect (self->paned, "notify::max-position", G_CALLBACK (on_paned_size), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  g_signal_connect_object (style, "notify::dark", G_CALLBACK (on_dark_changed), self, 0);
  on_dark_changed (style, NULL, self);
  restore_size (self);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  set_page (self, "start");
}
