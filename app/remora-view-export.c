/* remora-view-export.c: the view drawn as `remora export` draws it (the
 * same range, rows and markers, as high as the rows need, with a title
 * block), into a file or an image for the clipboard, off the UI thread.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-view-export.h"

#include "remora-hold.h"

typedef struct
{
  char               *store_path;
  char               *output; /* NULL: an image for the clipboard */
  char               *title;
  RemoraFrameRequest  request;
  RemoraTimelineStyle style;
  GApplication       *held;    /* until the file is whole or removed */
  gboolean            busiest; /* the default rows of the range, not those shown */
} ExportJob;

/**
 * remora_export_options_init:
 * @options: options to set
 *
 * What `remora export` draws by default: 1600 pixels, light, the trace's
 * name as the title, the markers.
 */
void
remora_export_options_init (RemoraExportOptions *options)
{
  *options = (RemoraExportOptions){ NULL, REMORA_EXPORT_DEFAULT_WIDTH, FALSE, TRUE, FALSE };
}

/**
 * remora_export_options_clear:
 * @options: options
 *
 * Frees what @options hold.
 */
void
remora_export_options_clear (RemoraExportOptions *options)
{
  g_clear_pointer (&options->title, g_free);
}

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  /* released by remora_view_export_finish(), on the main thread */
  g_warn_if_fail (job->held == NULL);
  g_free (job->store_path);
  g_free (job->output);
  g_free (job->title);
  remora_frame_request_clear (&job->request);
  g_free (job);
}

static void
export_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError    *error = NULL;
  g_autoptr (RemoraStore) store = remora_store_open (job->store_path, &error);
  g_autoptr (RemoraFrame) frame = NULL;
  cairo_surface_t *surface;
  cairo_t         *cr;
  gboolean         ok;

  if (store != NULL && job->busiest)
    {
      /* every CPU and the busiest tasks of the range, as remora export */
      g_autoptr (GArray) cpus = g_array_new (FALSE, FALSE, sizeof (int));
      g_autoptr (GArray) pids = g_array_new (FALSE, FALSE, sizeof (int));
      g_autoptr (GArray) devs = g_array_new (FALSE, FALSE, sizeof (int));

      if (!remora_default_rows (store, 0, &job->request.range, NULL, NULL, cpus, pids, &error) ||
          !remora_default_devices (store, 0, devs, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_array_set_size (job->request.rows, 0);
      for (guint i = 0; i < cpus->len + devs->len + pids->len; i++)
        {
          RemoraRowSpec row = { REMORA_ROW_CPU, 0, 0, NULL };

          if (i < cpus->len)
            row.id = g_array_index (cpus, int, i);
          else if (i < cpus->len + devs->len)
            row = (RemoraRowSpec){ REMORA_ROW_DEVICE, 0, g_array_index (devs, int, i - cpus->len),
                                   NULL };
          else
            row = (RemoraRowSpec){ REMORA_ROW_TASK, 0,
                                   g_array_index (pids, int, i - cpus->len - devs->len), NULL };
          g_array_append_val (job->request.rows, row);
        }
      job->style.height =
          remora_timeline_get_height_for_rows (TRUE, remora_rows_units (job->request.rows));
    }
  if (store != NULL)
    frame = remora_frame_compute (store, &job->request, cancellable, &error);
  if (frame != NULL && frame->problem != NULL)
    {
      /* a picture with rows left out is no picture of the trace */
      g_task_return_new_error (task, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT, "%s",
                               frame->problem);
      return;
    }
  if (frame == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->output != NULL)
    {
      if (remora_export_frame (frame, &job->style, job->output, 1.0, &error))
        g_task_return_pointer (task, NULL, NULL);
      else
        g_task_return_error (task, error);
      return;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->style.width, job->style.height);
  cr = cairo_create (surface);
  ok = remora_timeline_paint (frame, NULL, &job->style, cr, &error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (!ok)
    {
      cairo_surface_destroy (surface);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

/**
 * remora_view_export_async:
 * @session: the session whose view is drawn
 * @options: (nullable): what the user chose; %NULL for `remora export`'s
 *   defaults
 * @output: (nullable): a .png, .svg or .pdf file, or %NULL for an image
 * @widget: the widget whose application is held until the file is whole
 *   or removed
 * @cancellable: (nullable): cancels the export (the file is not left)
 * @callback: called on the thread-default main context when done
 * @user_data: for @callback
 *
 * Draws the visible range, rows and markers of @session in a worker thread.
 */
void
remora_view_export_async (RemoraSession             *session,
                          const RemoraExportOptions *options,
                          const char                *output,
                          GtkWidget                 *widget,
                          GCancellable              *cancellable,
                          GAsyncReadyCallback        callback,
                          gpointer                   user_data)
{
  RemoraExportOptions defaults;
  ExportJob          *job = g_new0 (ExportJob, 1);
  g_autoptr (GTask) task = NULL;

  remora_export_options_init (&defaults);
  if (options == NULL)
    options = &defaults;
  job->store_path = g_strdup (remora_store_get_path (remora_session_get_store (session)));
  job->output = g_strdup (output);
  job->title = options->title != NULL && *options->title != '\0' ? g_strdup (options->title) : NULL;
  remora_timeline_style_init (&job->style);
  job->style.width = CLAMP (options->width, REMORA_EXPORT_MIN_WIDTH, REMORA_EXPORT_MAX_WIDTH);
  job->style.theme = remora_theme_get (options->dark);
  job->style.title_block = TRUE;
  job->style.title = job->title;
  remora_session_make_request (session, remora_timeline_get_columns (&job->style), &job->request);
  if (!options->markers)
    g_clear_pointer (&job->request.markers, g_array_unref);
  job->busiest = options->busiest;
  job->style.height =
      remora_timeline_get_height_for_rows (TRUE, remora_rows_units (job->request.rows));
  if (output != NULL)
    job->held = remora_application_hold_for (widget);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, remora_view_export_async);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * remora_view_export_finish:
 * @result: the result given to the callback
 * @error: where to say why the export failed
 *
 * Returns: (transfer full) (nullable): the image when no file was asked for;
 *   %NULL with @error unset when the file is whole, %NULL with @error set
 *   when it failed (and no file was left)
 */
cairo_surface_t *
remora_view_export_finish (GAsyncResult *result, GError **error)
{
  ExportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  job = g_task_get_task_data (G_TASK (result));
  if (job->held != NULL)
    remora_application_release (g_steal_pointer (&job->held));
  return g_task_propagate_pointer (G_TASK (result), error);
}
