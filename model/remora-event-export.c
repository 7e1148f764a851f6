/* remora-event-export.c: a trace's events (or a filter's) written as CSV,
 * off the caller's thread
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-event-export.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "remora-format.h"
#include "remora-model-error.h"

#define FLUSH_BYTES (1 << 20)

struct _RemoraCsvExport
{
  gatomicrefcount  ref;
  char            *store_path;
  char            *path;
  RemoraEventMask *mask;
  gint64           total;
  gint64           first_ts;
  gpointer         done; /* atomic: rows written */
};

/**
 * remora_csv_export_new:
 * @store: the store (its path: the job opens a store of its own)
 * @mask: (nullable): the events to write, %NULL for all
 * @path: the CSV file to write (replaced only once it is whole)
 *
 * Returns: (transfer full): the job.
 */
RemoraCsvExport *
remora_csv_export_new (RemoraStore *store, RemoraEventMask *mask, const char *path)
{
  RemoraCsvExport *job = g_new0 (RemoraCsvExport, 1);

  g_atomic_ref_count_init (&job->ref);
  job->store_path = g_strdup (remora_store_get_path (store));
  job->path = g_strdup (path);
  job->mask = mask ? remora_event_mask_ref (mask) : NULL;
  job->total = mask ? remora_event_mask_get_count (mask) : remora_store_get_info (store)->events;
  job->first_ts = remora_store_get_info (store)->first_ts;
  return job;
}

/**
 * remora_csv_export_ref:
 * @job: a #RemoraCsvExport
 *
 * Returns: @job
 */
RemoraCsvExport *
remora_csv_export_ref (RemoraCsvExport *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

/**
 * remora_csv_export_unref:
 * @job: a #RemoraCsvExport
 */
void
remora_csv_export_unref (RemoraCsvExport *job)
{
  if (job == NULL || !g_atomic_ref_count_dec (&job->ref))
    return;
  g_clear_pointer (&job->mask, remora_event_mask_unref);
  g_free (job->store_path);
  g_free (job->path);
  g_free (job);
}

/**
 * remora_csv_export_get_fraction:
 * @job: a #RemoraCsvExport
 *
 * Returns: how much is written, 0 to 1; from any thread.
 */
double
remora_csv_export_get_fraction (RemoraCsvExport *job)
{
  gint64 done = (gint64) (gintptr) g_atomic_pointer_get (&job->done);

  return job->total > 0 ? CLAMP ((double) done / job->total, 0.0, 1.0) : 1.0;
}

/**
 * remora_csv_export_get_path:
 * @job: a #RemoraCsvExport
 *
 * Returns: the file it writes.
 */
const char *
remora_csv_export_get_path (RemoraCsvExport *job)
{
  return job->path;
}

typedef struct
{
  RemoraCsvExport *job;
  RemoraStore     *store;
  FILE            *out;
  GString         *buf;
  gint64           rows;
  GCancellable    *cancellable;
  int              write_errno;
} Writing;

static gboolean
flush (Writing *w)
{
  if (w->buf->len > 0 && fwrite (w->buf->str, 1, w->buf->len, w->out) != w->buf->len)
    {
      w->write_errno = errno ? errno : EIO;
      return FALSE;
    }
  g_string_truncate (w->buf, 0);
  return TRUE;
}

static void
add_field (GString *buf, const char *text, gboolean last)
{
  g_autofree char *field = remora_format_csv_field (text);

  g_string_append (buf, field);
  g_string_append_c (buf, last ? '\n' : ',');
}

static gboolean
write_row (const RemoraListedEvent *e, gpointer user_data, GError **error)
{
  Writing         *w = user_data;
  g_autofree char *info = g_strdup (e->info);
  g_autofree char *time = NULL;

  /* one line per event: a print event's own newline is not kept */
  g_strchomp (info);
  time = remora_format_timestamp (e->ts - w->job->first_ts);
  g_string_append_printf (w->buf, "%" G_GINT64_FORMAT ",", e->id);
  add_field (w->buf, e->buffer, FALSE);
  g_string_append_printf (w->buf, "%" G_GINT64_FORMAT ",%s,%d,", e->ts, time, e->cpu);
  add_field (w->buf, e->task, FALSE);
  g_string_append_printf (w->buf, "%d,", e->pid);
  add_field (w->buf, e->name, FALSE);
  add_field (w->buf, e->latency, FALSE);
  add_field (w->buf, info, TRUE);
  w->rows++;
  if ((w->rows & 1023) == 0)
    {
      g_atomic_pointer_set (&w->job->done, (gpointer) (gintptr) w->rows);
      if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
        return FALSE;
    }
  if (w->buf->len >= FLUSH_BYTES && !flush (w))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (w->write_errno),
                   _ ("Failed to write “%s”: %s"), w->job->path, g_strerror (w->write_errno));
      return FALSE;
    }
  return TRUE;
}

/* The next event to write: the mask's, or every one. */
static gint64
next_row (gint64 id, gpointer user_data)
{
  RemoraCsvExport *job = user_data;

  if (job->mask != NULL)
    return remora_event_mask_next (job->mask, id);
  return id < job->total ? id : -1;
}

/**
 * remora_csv_export_run:
 * @job: a #RemoraCsvExport
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Writes the events, one line each after a header: id, buffer, ts (ns as
 * recorded), time (s from the trace's start), cpu, task, pid, event,
 * latency, info, as the list shows them. The file is written beside its
 * place and renamed there when whole: a failure or a cancel leaves what was
 * there before.
 *
 * Returns: how many events were written, or -1 with @error set.
 */
gint64
remora_csv_export_run (RemoraCsvExport *job, GCancellable *cancellable, GError **error)
{
  g_autoptr (RemoraStore) store = NULL;
  g_autofree char *part = g_strdup_printf ("%s.part-%d", job->path, (int) getpid ());
  Writing          w = { job };
  gboolean         ok;
  int              saved;

  if ((store = remora_store_open (job->store_path, error)) == NULL)
    return -1;
  w.store = store;
  w.cancellable = cancellable;
  if ((w.out = g_fopen (part, "wbx")) == NULL)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _ ("Failed to write “%s”: %s"),
                   job->path, g_strerror (saved));
      return -1;
    }
  w.buf = g_string_sized_new (FLUSH_BYTES + 4096);
  g_string_append (w.buf, "id,buffer,ts,time,cpu,task,pid,event,latency,info\n");
  ok = remora_store_list_chosen_events (store, next_row, job, TRUE, write_row, &w, error);
  if (ok && !flush (&w))
    {
      ok = FALSE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (w.write_errno),
                   _ ("Failed to write “%s”: %s"), job->path, g_strerror (w.write_errno));
    }
  g_string_free (w.buf, TRUE);
  if ((fflush (w.out) != 0 || fsync (fileno (w.out)) != 0) && ok)
    {
      saved = errno;
      ok = FALSE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _ ("Failed to write “%s”: %s"),
                   job->path, g_strerror (saved));
    }
  if (fclose (w.out) != 0 && ok)
    {
      saved = errno;
      ok = FALSE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _ ("Failed to write “%s”: %s"),
                   job->path, g_strerror (saved));
    }
  if (ok && g_rename (part, job->path) != 0)
    {
      saved = errno;
      ok = FALSE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _ ("Failed to write “%s”: %s"),
                   job->path, g_strerror (saved));
    }
  if (!ok)
    {
      g_unlink (part);
      return -1;
    }
  g_atomic_pointer_set (&job->done, (gpointer) (gintptr) w.rows);
  return w.rows;
}

static void
run_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  gint64  rows;

  remora_lower_thread_priority ();
  rows = remora_csv_export_run (task_data, cancellable, &error);
  if (rows >= 0)
    g_task_return_int (task, rows);
  else
    g_task_return_error (task, error);
}

/**
 * remora_csv_export_run_async:
 * @job: a #RemoraCsvExport
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context
 * @user_data: for @callback
 *
 * Runs the job on a worker: remora_csv_export_run().
 */
void
remora_csv_export_run_async (RemoraCsvExport    *job,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, remora_csv_export_run_async);
  g_task_set_task_data (task, remora_csv_export_ref (job),
                        (GDestroyNotify) remora_csv_export_unref);
  g_task_run_in_thread (task, run_thread);
}

/**
 * remora_csv_export_run_finish:
 * @job: a #RemoraCsvExport
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: how many events were written, or -1 with @error set.
 */
gint64
remora_csv_export_run_finish (RemoraCsvExport *job, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);
  return g_task_propagate_int (G_TASK (result), error);
}
