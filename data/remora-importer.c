/* remora-importer.c: the import's orchestration and progress
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-import-private.h"

/*
 * The import runs in two threads and a child process. The child (see
 * RemoraTraceReader) walks every record of every buffer with libtracecmd,
 * merged in time order, and streams them through a pipe, so that a crash of
 * the library on a damaged file ends the stream instead of Remora. The reader
 * thread (the one that calls remora_importer_run()) decodes the fields the pair
 * tables need, runs the pairing state machines and fills batches.
 * The writer thread owns the SQLite connection while the events stream and
 * inserts the batches through statements prepared once. Batches are recycled
 * through two queues, so memory stays bounded whatever the trace's size.
 * Once the reader is done and the writer has drained, the reader takes the
 * connection back to write the small tables, build the indexes and commit.
 * Everything goes to a temporary file renamed over the store at the end.
 */

struct _RemoraImporter
{
  GObject parent_instance;

  /* Owned, immutable */
  char         *trace_path;
  char         *store_path;
  GMainContext *main_context;

  /* Progress, under @mutex: written by the worker, read anywhere */
  GMutex   mutex;
  double   fraction;
  char    *message;
  gint64   events_read;
  gboolean partial;
  char    *partial_message;
  guint    notify_source;
  gint64   start_us;
};

G_DEFINE_FINAL_TYPE (RemoraImporter, remora_importer, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TRACE_PATH,
  PROP_STORE_PATH,
  PROP_FRACTION,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Progress ----------------------------------------------------------------- */

static gboolean
notify_in_main (gpointer user_data)
{
  RemoraImporter *self = user_data;

  g_mutex_lock (&self->mutex);
  self->notify_source = 0;
  g_mutex_unlock (&self->mutex);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  return G_SOURCE_REMOVE;
}

/* Called from the worker: stores the progress and schedules at most one idle
 * on the importer's main context to emit notify there. */
static void
set_progress (RemoraImporter *self, double fraction, const char *message, gint64 events_read)
{
  g_mutex_lock (&self->mutex);
  self->fraction = CLAMP (fraction, 0.0, 1.0);
  if (message != NULL && g_strcmp0 (message, self->message) != 0)
    {
      g_debug ("%.3f s: %s", (g_get_monotonic_time () - self->start_us) / 1e6, message);
      g_free (self->message);
      self->message = g_strdup (message);
    }
  if (events_read >= 0)
    self->events_read = events_read;
  if (self->notify_source == 0)
    {
      GSource *source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_LOW);
      g_source_set_callback (source, notify_in_main, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[remora] importer progress");
      self->notify_source = g_source_attach (source, self->main_context);
      g_source_unref (source);
    }
  g_mutex_unlock (&self->mutex);
}

/* Removes temporary stores left by importers that were killed. */
static void
remove_stale_temporaries (const char *store_path)
{
  g_autofree char *dir = g_path_get_dirname (store_path);
  g_autofree char *base = g_path_get_basename (store_path);
  g_autofree char *prefix = g_strconcat (base, ".tmp-", NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      gint64 pid;

      if (!g_str_has_prefix (name, prefix))
        continue;
      pid = g_ascii_strtoll (name + strlen (prefix), NULL, 10);
      if (pid > 0 && (kill ((pid_t) pid, 0) == 0 || errno != ESRCH))
        continue; /* another import is running */
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    }
}

static char *
describe_partial (const RemoraTraceCheck *check, Import *im, const char *damage)
{
  int skipped = remora_trace_reader_get_n_instances_skipped (im->reader);
  g_autoptr (GString) s = g_string_new (NULL);

  if (check->missing_bytes > 0)
    {
      g_autofree char *missing = g_format_size (check->missing_bytes);
      g_autofree char *total = g_format_size (check->cpu_data_bytes);
      g_string_append_printf (s,
                              _ ("The file is cut short: %s of its %s of CPU data are missing; "
                                 "the events before the cut were imported."),
                              missing, total);
    }
  if (skipped > 0)
    {
      if (s->len)
        g_string_append_c (s, ' ');
      g_string_append_printf (s,
                              ngettext ("%d instance buffer could not be read and was skipped.",
                                        "%d instance buffers could not be read and were skipped.",
                                        skipped),
                              skipped);
    }
  if (damage != NULL)
    {
      if (s->len)
        g_string_append_c (s, ' ');
      g_string_append (s, damage);
    }
  if (im->damaged_unknown + im->damaged_payload + im->damaged_time + im->damaged_span > 0)
    {
      gint64 n = im->damaged_unknown + im->damaged_payload + im->damaged_time + im->damaged_span;
      if (s->len)
        g_string_append_c (s, ' ');
      g_string_append_printf (
          s,
          /* Translators: counts of damaged records, by what was wrong with them */
          _ ("%lld damaged records were kept without decoding their fields (unknown event ids: "
             "%lld, payloads that do not fit their format: %lld, timestamps out of their CPU’s "
             "order: %lld, timestamps outside the trace’s span: %lld)."),
          (long long) n, (long long) im->damaged_unknown, (long long) im->damaged_payload,
          (long long) im->damaged_time, (long long) im->damaged_span);
    }
  return s->len ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

static void
import_clear (Import *im)
{
  if (im->cur != NULL)
    remora_import_batch_free (im->cur);
  if (im->free_batches != NULL)
    {
      Batch *b;
      while ((b = g_async_queue_try_pop (im->free_batches)) != NULL)
        remora_import_batch_free (b);
      g_async_queue_unref (im->free_batches);
    }
  g_clear_pointer (&im->filled, g_async_queue_unref);
  remora_import_finalize_statements (im);
  if (im->db != NULL)
    sqlite3_close_v2 (im->db);
  if (im->tmp_path != NULL)
    {
      g_autofree char *journal = g_strconcat (im->tmp_path, "-journal", NULL);
      g_unlink (im->tmp_path);
      g_unlink (journal);
      g_free (im->tmp_path);
    }
  g_clear_pointer (&im->buffers, g_ptr_array_unref);
  g_clear_pointer (&im->reader, remora_trace_reader_free);
  g_clear_pointer (&im->head, tracecmd_close);
  g_clear_pointer (&im->comms, g_hash_table_unref);
  g_clear_pointer (&im->names, g_array_unref);
  g_clear_pointer (&im->names_now, g_hash_table_unref);
  g_clear_pointer (&im->symbols, g_hash_table_unref);
  g_clear_pointer (&im->symbol_rows, g_array_unref);
  g_clear_pointer (&im->chunk_data, g_byte_array_unref);
  g_clear_pointer (&im->zbuf, g_byte_array_unref);
  g_clear_pointer (&im->zctx, ZSTD_freeCCtx);
  g_clear_pointer (&im->lod_zbuf, g_byte_array_unref);
  g_clear_pointer (&im->lod_zctx, ZSTD_freeCCtx);
  g_clear_pointer (&im->type_counts, g_array_unref);
  remora_import_chunk_tally_clear (&im->chunk_types);
  remora_import_chunk_tally_clear (&im->chunk_pids);
  remora_import_chunk_tally_clear (&im->chunk_cpus);
  g_clear_pointer (&im->pid_bits, g_free);
  g_clear_pointer (&im->big_pids, g_hash_table_unref);
  g_clear_pointer (&im->lod, remora_lod_builder_free);
  g_clear_error (&im->writer_error);
}

/* The trace's headers, read here once the reader child has read them
 * without crashing. */
static gboolean
open_headers (Import *im, const char *readable_path, GError **error)
{
  remora_store_lock_libraries ();
  remora_store_lock_parser ();
  im->head = tracecmd_open_head (readable_path, TRACECMD_FL_LOAD_NO_PLUGINS);
  remora_store_unlock_parser ();
  remora_store_unlock_libraries ();
  if (im->head == NULL)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                   _ ("Failed to read “%s”: the trace is truncated or damaged"),
                   im->self->trace_path);
      return FALSE;
    }
  return TRUE;
}

/* The decoder's state: the span, each buffer's, names, chunks, summaries. */
static void
setup_state (Import *im)
{
  struct tep_handle *tep = tracecmd_get_tep (im->head);

  im->common_size = remora_payload_common_size (tep);
  im->first_ts = remora_trace_reader_get_first_ts (im->reader);
  im->last_ts = remora_trace_reader_get_last_ts (im->reader);
  /* The span comes from each CPU's first and last records; a damaged one can
   * say anything. Records after the longest span Remora summarizes are
   * damage (the summaries' cost follows the span). */
  if (im->first_ts < 0 || im->last_ts < im->first_ts)
    im->first_ts = im->last_ts = MAX (0, im->first_ts);
  if (im->last_ts - im->first_ts > REMORA_IMPORT_MAX_SPAN_NS)
    im->last_ts = im->first_ts + REMORA_IMPORT_MAX_SPAN_NS;
  im->buffers = g_ptr_array_new_with_free_func (remora_import_buffer_state_free);
  for (int i = 0; i < remora_trace_reader_get_n_buffers (im->reader); i++)
    g_ptr_array_add (im->buffers, remora_import_buffer_state_new (
                                      im, i, remora_trace_reader_get_buffer_name (im->reader, i),
                                      remora_trace_reader_get_buffer_cpus (im->reader, i), tep));
  im->comms = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  im->names = g_array_new (FALSE, FALSE, sizeof (NameRec));
  im->names_now = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  im->symbols = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  im->symbol_rows = g_array_new (FALSE, TRUE, sizeof (SymbolRec));
  g_array_set_clear_func (im->symbol_rows, remora_import_symbol_clear);
  im->chunk_data = g_byte_array_sized_new (64 << REMORA_STORE_CHUNK_SHIFT);
  g_byte_array_set_size (im->chunk_data, CHUNK_HEAD);
  im->zbuf = g_byte_array_new ();
  im->zctx = ZSTD_createCCtx ();
  im->lod_zctx = ZSTD_createCCtx ();
  im->lod_zbuf = g_byte_array_new ();
  im->type_counts = g_array_new (FALSE, TRUE, sizeof (gint64));
  remora_import_chunk_tally_init (&im->chunk_types);
  remora_import_chunk_tally_init (&im->chunk_pids);
  remora_import_chunk_tally_init (&im->chunk_cpus);
  im->pid_bits = g_malloc0 (PID_BITS / 8);
  im->big_pids = g_hash_table_new (NULL, NULL);
  im->ts_monotonic = TRUE;
  im->prev_ts = G_MININT64;
  im->lod = remora_lod_builder_new (im->first_ts, im->last_ts, remora_import_emit_lod,
                                    remora_import_emit_lod_task, im);
}

/* Every record through the decoder, the batches through the writer thread;
 * @partial says what damage was met. */
static gboolean
stream_records (Import *im, const RemoraTraceCheck *check, char **partial, GError **error)
{
  g_autofree char       *damage = NULL;
  const RemoraRawRecord *raw;

  /* start the writer */
  im->filled = g_async_queue_new ();
  im->free_batches = g_async_queue_new ();
  for (int i = 0; i < N_BATCHES - 1; i++)
    g_async_queue_push (im->free_batches, remora_import_batch_new ());
  im->cur = remora_import_batch_new ();
  im->writer = g_thread_new ("remora-writer", remora_import_writer_thread, im);

  set_progress (im->self, 0.02, _ ("Reading events"), 0);
  while ((raw = remora_trace_reader_next (im->reader)) != NULL)
    {
      struct tep_record rec = { 0 };

      if ((im->next_id % CHECK_INTERVAL) == 0)
        {
          double span = (double) MAX (1, im->last_ts - im->first_ts);

          if (g_cancellable_is_cancelled (im->cancellable) || g_atomic_int_get (&im->writer_failed))
            {
              im->stopped = TRUE;
              break;
            }
          set_progress (im->self, 0.02 + 0.88 * CLAMP ((raw->ts - im->first_ts) / span, 0.0, 1.0),
                        NULL, im->next_id);
        }

      rec.ts = (unsigned long long) raw->ts;
      rec.cpu = raw->cpu;
      rec.size = raw->size;
      rec.missed_events = raw->missed_events;
      rec.data = (void *) raw->data;
      if (!remora_import_on_record (im, g_ptr_array_index (im->buffers, raw->buffer), &rec,
                                    raw->flags))
        break;
    }
  g_debug ("%.3f s: all records read", (g_get_monotonic_time () - im->self->start_us) / 1e6);
  if (!im->stopped)
    damage = remora_trace_reader_dup_damage (im->reader);
  *partial = describe_partial (check, im, damage);

  if (!im->stopped)
    {
      for (guint i = 0; i < im->buffers->len; i++)
        {
          BufferState *b = g_ptr_array_index (im->buffers, i);
          for (guint cpu = 0; cpu < b->cpus->len; cpu++)
            {
              CpuState *cs = &g_array_index (b->cpus, CpuState, cpu);
              remora_import_end_slice (im, b, cs, (int) cpu, cs->last_ts);
            }
          remora_wakeup_pairer_finish (&b->wakeups);
          remora_block_pairer_finish (&b->blocks);
        }
      remora_import_flush_chunk (im);
      remora_lod_builder_finish (im->lod);
    }
  remora_import_flush_batch (im, TRUE);
  g_thread_join (im->writer);
  im->writer = NULL;

  if (im->writer_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&im->writer_error));
      return FALSE;
    }
  return !g_cancellable_set_error_if_cancelled (im->cancellable, error);
}

/* The small tables, meta, the indexes, the commit, and the rename of the
 * temporary file over the store. */
static gboolean
finish_store (Import                       *im,
              const RemoraTraceCheck       *check,
              const RemoraTraceFingerprint *fp,
              const char                   *partial,
              GError                      **error)
{
  set_progress (im->self, 0.9, _ ("Writing tasks and CPUs"), im->next_id);
  if (!remora_import_write_small_tables (im, error) ||
      !remora_import_write_meta (im, check, fp, partial, error))
    return FALSE;

  set_progress (im->self, 0.92, _ ("Building indexes"), im->next_id);
  if (!remora_import_exec_resource (im, "/io/github/remora/data/remora-indexes.sql", error))
    return FALSE;

  {
    g_autofree char *pragma =
        g_strdup_printf ("PRAGMA user_version = %d", REMORA_STORE_SCHEMA_VERSION);
    if (!remora_sqlite_exec (im->db, pragma, _ ("write the store"), im->store_path, error) ||
        !remora_sqlite_exec (im->db, "COMMIT", _ ("write the store"), im->store_path, error))
      return FALSE;
  }
  set_progress (im->self, 0.98, _ ("Saving the store"), im->next_id);
  remora_import_finalize_statements (im);
  remora_sqlite_watch_cancellable (im->db, NULL);
  if (!remora_sqlite_check (im->db, sqlite3_close (im->db), _ ("write the store"), im->store_path,
                            error))
    {
      im->db = NULL;
      return FALSE;
    }
  im->db = NULL;
  if (!remora_import_sync_and_rename (im, error))
    return FALSE;
  return TRUE;
}

/**
 * remora_importer_run:
 * @self: a #RemoraImporter
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Imports the trace into the store, in the calling thread (plus one writer
 * thread of its own). On failure or cancellation no store is left behind and
 * an existing store at the same path is untouched.
 *
 * Returns: %TRUE when the store is complete.
 */
gboolean
remora_importer_run (RemoraImporter *self, GCancellable *cancellable, GError **error)
{
  Import                 im = { 0 };
  RemoraTraceCheck       check = { 0 };
  RemoraTraceFingerprint fp = { 0 };
  g_autofree char       *scratch = NULL;
  g_autofree char       *partial = NULL;
  gboolean               ret = FALSE;

  g_return_val_if_fail (REMORA_IS_IMPORTER (self), FALSE);

  im.self = self;
  im.cancellable = cancellable;
  im.trace_path = self->trace_path;
  im.store_path = self->store_path;
  /* every scratch file is named STORE.tmp-PID-...: a later import removes
   * those of a process that died */
  scratch = g_strdup_printf ("%s.tmp-%d-", self->store_path, (int) getpid ());

  self->start_us = g_get_monotonic_time ();
  set_progress (self, 0.0, _ ("Checking the trace"), 0);
  remove_stale_temporaries (self->store_path);

  if (!remora_trace_fingerprint_read (&fp, self->trace_path, error) ||
      !remora_trace_check_run (&check, self->trace_path, scratch, cancellable, error))
    goto out;

  /* the reader child opens the trace first: libtracecmd may crash or leak
   * on a damaged file, which the child's open finds */
  im.reader = remora_trace_reader_start (check.readable_path, self->trace_path, cancellable, error);
  if (im.reader == NULL || !open_headers (&im, check.readable_path, error))
    goto out;
  setup_state (&im);

  if (!remora_import_open_temporary_store (&im, error) ||
      !remora_import_prepare_writer (&im, error))
    goto out;

  set_progress (self, 0.01, _ ("Copying the trace’s formats and symbols"), 0);
  if (!remora_import_write_headers (&im, check.readable_path, scratch, error))
    goto out;

  if (!stream_records (&im, &check, &partial, error) ||
      !finish_store (&im, &check, &fp, partial, error))
    goto out;

  g_mutex_lock (&self->mutex);
  self->partial = partial != NULL;
  g_free (self->partial_message);
  self->partial_message = g_steal_pointer (&partial);
  g_mutex_unlock (&self->mutex);
  set_progress (self, 1.0, _ ("Done"), im.next_id);
  ret = TRUE;

out:
  if (im.writer != NULL)
    g_thread_join (im.writer);
  import_clear (&im);
  remora_trace_check_clear (&check);
  remora_trace_fingerprint_clear (&fp);
  return ret;
}

static void
import_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;

  if (remora_importer_run (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * remora_importer_import_async:
 * @self: a #RemoraImporter
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Runs remora_importer_run() in a worker thread. Progress is notified on the
 * main context that was the thread default when @self was created.
 */
void
remora_importer_import_async (RemoraImporter     *self,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (REMORA_IS_IMPORTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remora_importer_import_async);
  g_task_set_return_on_cancel (task, FALSE);
  /* a store complete when the cancel came is a success: the answer is what
   * happened (GTask would turn it into "cancelled", the store kept) */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, import_thread);
}

gboolean
remora_importer_import_finish (RemoraImporter *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject ------------------------------------------------------------------ */

static void
remora_importer_finalize (GObject *object)
{
  RemoraImporter *self = REMORA_IMPORTER (object);

  g_free (self->trace_path);
  g_free (self->store_path);
  g_free (self->message);
  g_free (self->partial_message);
  g_main_context_unref (self->main_context);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (remora_importer_parent_class)->finalize (object);
}

static void
remora_importer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemoraImporter *self = REMORA_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_TRACE_PATH:
      g_value_set_string (value, self->trace_path);
      break;
    case PROP_STORE_PATH:
      g_value_set_string (value, self->store_path);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, remora_importer_get_fraction (self));
      break;
    case PROP_MESSAGE:
      g_value_take_string (value, remora_importer_dup_message (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_importer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RemoraImporter *self = REMORA_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_TRACE_PATH:
      self->trace_path = g_value_dup_string (value);
      break;
    case PROP_STORE_PATH:
      self->store_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_importer_class_init (RemoraImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remora_importer_finalize;
  object_class->get_property = remora_importer_get_property;
  object_class->set_property = remora_importer_set_property;

  properties[PROP_TRACE_PATH] =
      g_param_spec_string ("trace-path", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE_PATH] =
      g_param_spec_string ("store-path", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
      g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
      g_param_spec_string ("message", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Library chatter stays off the terminal: errors come back as GErrors. */
  tracecmd_set_loglevel (TEP_LOG_NONE);
  tep_set_loglevel (TEP_LOG_NONE);
}

static void
remora_importer_init (RemoraImporter *self)
{
  g_mutex_init (&self->mutex);
  self->main_context = g_main_context_ref_thread_default ();
}

/**
 * remora_importer_new:
 * @trace_path: the trace.dat to import
 * @store_path: where the store goes (replaced atomically when complete)
 *
 * Returns: (transfer full): a new #RemoraImporter. Its progress getters are
 *   thread-safe; run it once.
 */
RemoraImporter *
remora_importer_new (const char *trace_path, const char *store_path)
{
  g_return_val_if_fail (trace_path != NULL, NULL);
  g_return_val_if_fail (store_path != NULL, NULL);
  return g_object_new (REMORA_TYPE_IMPORTER, "trace-path", trace_path, "store-path", store_path,
                       NULL);
}

RemoraImporter *
remora_importer_new_for_context (const char   *trace_path,
                                 const char   *store_path,
                                 GMainContext *context)
{
  RemoraImporter *self = remora_importer_new (trace_path, store_path);

  g_main_context_unref (self->main_context);
  self->main_context = g_main_context_ref (context);
  return self;
}

const char *
remora_importer_get_trace_path (RemoraImporter *self)
{
  return self->trace_path;
}

const char *
remora_importer_get_store_path (RemoraImporter *self)
{
  return self->store_path;
}

/**
 * remora_importer_get_fraction:
 * @self: a #RemoraImporter
 *
 * Returns: how far the import has come, from 0 to 1. Thread-safe.
 */
double
remora_importer_get_fraction (RemoraImporter *self)
{
  double fraction;

  g_mutex_lock (&self->mutex);
  fraction = self->fraction;
  g_mutex_unlock (&self->mutex);
  return fraction;
}

/**
 * remora_importer_dup_message:
 * @self: a #RemoraImporter
 *
 * Returns: (transfer full) (nullable): what the import is doing. Thread-safe.
 */
char *
remora_importer_dup_message (RemoraImporter *self)
{
  char *message;

  g_mutex_lock (&self->mutex);
  message = g_strdup (self->message);
  g_mutex_unlock (&self->mutex);
  return message;
}

/**
 * remora_importer_get_events_read:
 * @self: a #RemoraImporter
 *
 * Returns: how many events have been read so far. Thread-safe.
 */
gint64
remora_importer_get_events_read (RemoraImporter *self)
{
  gint64 n;

  g_mutex_lock (&self->mutex);
  n = self->events_read;
  g_mutex_unlock (&self->mutex);
  return n;
}

/**
 * remora_importer_get_partial:
 * @self: a #RemoraImporter
 *
 * Returns: %TRUE if a finished import could read only part of the trace.
 */
gboolean
remora_importer_get_partial (RemoraImporter *self)
{
  gboolean partial;

  g_mutex_lock (&self->mutex);
  partial = self->partial;
  g_mutex_unlock (&self->mutex);
  return partial;
}

/**
 * remora_importer_dup_partial_message:
 * @self: a #RemoraImporter
 *
 * Returns: (transfer full) (nullable): what part of the trace could not be read.
 */
char *
remora_importer_dup_partial_message (RemoraImporter *self)
{
  char *message;

  g_mutex_lock (&self->mutex);
  message = g_strdup (self->partial_message);
  g_mutex_unlock (&self->mutex);
  return message;
}
