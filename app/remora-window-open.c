/* remora-window-open.c: a window opening a trace: the import's progress
 * (through the same RemoraLoader as the command line) with Cancel, then the
 * first rows and range chosen off the UI thread (remora_default_rows: what
 * --cpus, --tasks, --from and --to asked, else every CPU and the busiest
 * tasks), then the trace shown.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "remora-hold.h"
#include "remora-window-private.h"

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

/* The rows to show first, chosen off the UI thread with a connection of
 * their own: the CPUs and tasks the command line named, else every CPU and
 * the busiest tasks of the whole trace. */
typedef struct
{
  char   *path;
  char   *cpus;  /* a list, or NULL */
  char   *tasks; /* a list, or NULL */
  GArray *cpu_rows;
  GArray *task_rows;
  GArray *device_rows;
  GArray *device_list; /* RemoraDeviceSummary: every device, for the list to add rows from */
  GArray *task_list;   /* RemoraTaskSummary: every task, for the list to add rows from */
  char   *from;        /* --from and --to, or NULL */
  char   *to;
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
  g_clear_pointer (&job->device_rows, g_array_unref);
  g_clear_pointer (&job->device_list, g_array_unref);
  g_clear_pointer (&job->task_list, g_array_unref);
  g_clear_error (&job->warning);
  g_clear_error (&job->problem);
  g_free (job);
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
  /* every device with block requests (a damaged table: said, and none) */
  job->device_rows = g_array_new (FALSE, FALSE, sizeof (int));
  job->device_list = g_array_new (FALSE, FALSE, sizeof (RemoraDeviceSummary));
  if (remora_device_summaries (store, 0, job->device_list, job->problem ? NULL : &job->problem))
    for (guint i = 0; i < job->device_list->len; i++)
      g_array_append_val (job->device_rows,
                          g_array_index (job->device_list, RemoraDeviceSummary, i).dev);
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
  if (job->cpu_rows != NULL)
    {
      remora_tasks_popover_set_devices (self->tasks_popover, job->device_list);
      _remora_window_show_trace (self, session, job->cpu_rows, job->device_rows, job->task_rows,
                                 job->task_list, &job->range);
    }
  else
    _remora_window_show_trace (self, session, NULL, NULL, NULL, NULL, NULL);
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
      _remora_window_set_page (self, self->session ? "view" : "start");
      return;
    }
  if (store == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _remora_window_show_error (self, error->message);
      _remora_window_set_page (self, self->session ? "view" : "start");
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
  _remora_window_set_page (self, "loading");
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
