/* remora-loader.c: one way to get from a path to an up-to-date store
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-loader.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "remora-data-error.h"
#include "remora-importer-private.h"

/**
 * RemoraLoader:
 *
 * Takes a trace.dat or a store and gives back a store that is up to date:
 * the one beside the trace or in the cache folder when its fingerprint
 * matches the trace, else a new import (into the old store's place, beside
 * the trace, or into the cache folder when the trace's folder is not
 * writable). It is the only place that knows these rules; the command line
 * and the window both use it. What it decides on the way (an outdated store
 * replaced, a store put in the cache) is told through #RemoraLoader::notice,
 * and an import's progress through the fraction and message properties, on
 * the main context that was the thread default when the loader was made.
 */
struct _RemoraLoader
{
  GObject       parent_instance;
  char         *path;
  char         *store_path; /* an explicit target, or NULL */
  gboolean      force;
  gboolean      is_store;
  GMainContext *main_context;

  /* under @mutex: written by the worker */
  GMutex          mutex;
  RemoraImporter *importer;
  gboolean        imported;
  char           *partial_message;
  gint64          import_start_us;
  gint64          import_end_us;
};

G_DEFINE_FINAL_TYPE (RemoraLoader, remora_loader, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FRACTION,
  PROP_MESSAGE,
  N_PROPS
};

enum
{
  NOTICE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

typedef struct
{
  RemoraLoader *self;
  char         *text;
} Notice;

static gboolean
emit_notice (gpointer data)
{
  Notice *n = data;

  g_signal_emit (n->self, signals[NOTICE], 0, n->text);
  return G_SOURCE_REMOVE;
}

static void
notice_free (gpointer data)
{
  Notice *n = data;

  g_object_unref (n->self);
  g_free (n->text);
  g_free (n);
}

static void notice (RemoraLoader *self, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Tells @format on the loader's main context, in order with the rest. */
static void
notice (RemoraLoader *self, const char *format, ...)
{
  Notice *n = g_new0 (Notice, 1);
  va_list args;

  va_start (args, format);
  n->text = g_strdup_vprintf (format, args);
  va_end (args);
  n->self = g_object_ref (self);
  g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT, emit_notice, n, notice_free);
}

static void
on_importer_progress (GObject *importer, GParamSpec *pspec, gpointer user_data)
{
  RemoraLoader *self = user_data;

  if (g_str_equal (pspec->name, "fraction"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

static gboolean
import_into (RemoraLoader *self, const char *target, GCancellable *cancellable, GError **error)
{
  g_autoptr (RemoraImporter) importer =
      remora_importer_new_for_context (self->path, target, self->main_context);
  gboolean ok;

  g_signal_connect_object (importer, "notify::fraction", G_CALLBACK (on_importer_progress), self,
                           0);
  g_signal_connect_object (importer, "notify::message", G_CALLBACK (on_importer_progress), self, 0);
  g_mutex_lock (&self->mutex);
  g_set_object (&self->importer, importer);
  self->import_start_us = g_get_monotonic_time ();
  g_mutex_unlock (&self->mutex);

  ok = remora_importer_run (importer, cancellable, error);

  g_mutex_lock (&self->mutex);
  self->import_end_us = g_get_monotonic_time ();
  self->imported = ok;
  if (ok)
    self->partial_message = remora_importer_dup_partial_message (importer);
  g_mutex_unlock (&self->mutex);
  return ok;
}

static RemoraStore *
load (RemoraLoader *self, GCancellable *cancellable, GError **error)
{
  const char      *trace = self->path;
  g_autofree char *beside = NULL, *cache = NULL, *target = NULL;
  const char      *candidates[3] = { 0 };
  gboolean         in_cache = FALSE;

  if (self->is_store)
    return remora_store_open (self->path, error);

  beside = remora_store_path_beside (trace);
  cache = remora_store_path_in_cache (trace);
  if (self->store_path != NULL)
    candidates[0] = self->store_path;
  else
    {
      candidates[0] = beside;
      candidates[1] = cache;
    }

  for (guint i = 0; !self->force && candidates[i] != NULL; i++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autofree char *reason = NULL;
      RemoraStore     *store;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!g_file_test (candidates[i], G_FILE_TEST_EXISTS))
        continue;
      store = remora_store_open (candidates[i], &local_error);
      if (store != NULL && remora_store_matches_trace (store, trace, &reason))
        return store;
      if (store != NULL)
        {
          notice (self, _ ("the store “%s” is out of date (%s); importing again"), candidates[i],
                  reason);
          g_object_unref (store);
        }
      else if (g_error_matches (local_error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_OUTDATED))
        notice (self,
                _ ("the store “%s” was written by another version of Remora; importing again"),
                candidates[i]);
      else
        notice (self, _ ("the store “%s” cannot be used (%s); importing again"), candidates[i],
                local_error->message);
      if (self->store_path == NULL)
        target = g_strdup (candidates[i]);
      break;
    }

  if (self->store_path != NULL)
    target = g_strdup (self->store_path);
  else if (target == NULL ||
           (g_str_equal (target, beside) && !g_file_test (target, G_FILE_TEST_EXISTS)))
    {
      g_free (target);
      target = remora_store_choose_path (trace, &in_cache);
      if (in_cache)
        notice (self, _ ("the directory of “%s” is not writable; the store goes in “%s”"), trace,
                target);
    }
  else if (g_str_equal (target, beside))
    {
      /* an old store beside the trace: replace it there if we can */
      g_autofree char *dir = g_path_get_dirname (trace);
      if (g_access (dir, W_OK) != 0)
        {
          g_free (target);
          target = remora_store_choose_path (trace, &in_cache);
          notice (self, _ ("the directory of “%s” is not writable; the store goes in “%s”"), trace,
                  target);
        }
    }

  if (!import_into (self, target, cancellable, error))
    return NULL;
  return remora_store_open (target, error);
}

/**
 * remora_lower_thread_priority:
 *
 * Makes the calling thread (a worker of the window) yield to the main
 * thread and to the display server, once per thread: on two cores an answer
 * or an import a little later costs less than a frame missed. Linux gives
 * each thread its own nice value, which the threads and processes it starts
 * (the importer's writer and trace reader) inherit.
 */
void
remora_lower_thread_priority (void)
{
  static GPrivate lowered;

  if (g_private_get (&lowered))
    return;
  g_private_set (&lowered, GINT_TO_POINTER (1));
#ifdef __linux__
  (void) setpriority (PRIO_PROCESS, (id_t) gettid (), 10);
#endif
}

static void
load_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GError      *error = NULL;
  RemoraStore *store;

  remora_lower_thread_priority ();
  store = load (source_object, cancellable, &error);

  if (store != NULL)
    g_task_return_pointer (task, store, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * remora_loader_load_async:
 * @self: a #RemoraLoader
 * @cancellable: (nullable): cancels the checks and the import (which then
 *   leaves nothing behind)
 * @callback: called on the caller's thread-default main context
 * @user_data: for @callback
 *
 * Finds or makes the up-to-date store of the loader's path in a worker
 * thread. Load once.
 */
void
remora_loader_load_async (RemoraLoader       *self,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (REMORA_IS_LOADER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remora_loader_load_async);
  g_task_set_return_on_cancel (task, FALSE);
  /* a store complete when the cancel came is a success: the answer is what
   * happened (GTask would turn it into "cancelled", the store kept) */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

/**
 * remora_loader_load_finish:
 * @self: a #RemoraLoader
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the store, or %NULL with @error set (what is
 *   wrong with the trace or the store, or G_IO_ERROR_CANCELLED).
 */
RemoraStore *
remora_loader_load_finish (RemoraLoader *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * remora_loader_load:
 * @self: a #RemoraLoader
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * remora_loader_load_async() on this thread, for tests and tools that have
 * no main loop to run (notices and progress are still queued on the main
 * context).
 *
 * Returns: (transfer full): the store, or %NULL with @error set.
 */
RemoraStore *
remora_loader_load (RemoraLoader *self, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (REMORA_IS_LOADER (self), NULL);
  return load (self, cancellable, error);
}

/* Progress ---------------------------------------------------------------- */

static RemoraImporter *
dup_importer (RemoraLoader *self)
{
  RemoraImporter *importer;

  g_mutex_lock (&self->mutex);
  importer = self->importer ? g_object_ref (self->importer) : NULL;
  g_mutex_unlock (&self->mutex);
  return importer;
}

/**
 * remora_loader_get_fraction:
 * @self: a #RemoraLoader
 *
 * Returns: how far an import has come, from 0 to 1 (0 before any).
 */
double
remora_loader_get_fraction (RemoraLoader *self)
{
  g_autoptr (RemoraImporter) importer = dup_importer (self);
  return importer ? remora_importer_get_fraction (importer) : 0.0;
}

/**
 * remora_loader_dup_message:
 * @self: a #RemoraLoader
 *
 * Returns: (transfer full) (nullable): what the import is doing.
 */
char *
remora_loader_dup_message (RemoraLoader *self)
{
  g_autoptr (RemoraImporter) importer = dup_importer (self);
  return importer ? remora_importer_dup_message (importer) : NULL;
}

gint64
remora_loader_get_events_read (RemoraLoader *self)
{
  g_autoptr (RemoraImporter) importer = dup_importer (self);
  return importer ? remora_importer_get_events_read (importer) : 0;
}

static double
import_seconds (RemoraLoader *self)
{
  gint64 start, end;

  g_mutex_lock (&self->mutex);
  start = self->import_start_us;
  end = self->import_end_us ? self->import_end_us : g_get_monotonic_time ();
  g_mutex_unlock (&self->mutex);
  return start ? (end - start) / 1e6 : 0.0;
}

/**
 * remora_loader_get_events_per_second:
 * @self: a #RemoraLoader
 *
 * Returns: the import's speed so far, or 0 when it is too early to tell.
 */
double
remora_loader_get_events_per_second (RemoraLoader *self)
{
  double seconds = import_seconds (self);
  gint64 events = remora_loader_get_events_read (self);

  return events > 0 && seconds > 0.05 ? events / seconds : 0.0;
}

/**
 * remora_loader_get_seconds_left:
 * @self: a #RemoraLoader
 *
 * Returns: an estimate of the import's time left, or -1 when it is too early
 *   (or too late) to tell.
 */
double
remora_loader_get_seconds_left (RemoraLoader *self)
{
  double seconds = import_seconds (self);
  double f = remora_loader_get_fraction (self);

  return f > 0.05 && f < 1.0 && seconds > 0.5 ? seconds * (1.0 - f) / f : -1.0;
}

/**
 * remora_loader_get_import_seconds:
 * @self: a #RemoraLoader
 *
 * Returns: how long the import took (or has taken so far), 0 without one.
 */
double
remora_loader_get_import_seconds (RemoraLoader *self)
{
  return import_seconds (self);
}

/**
 * remora_loader_get_imported:
 * @self: a #RemoraLoader
 *
 * Returns: %TRUE once a load has imported the trace (rather than reused a
 *   store).
 */
gboolean
remora_loader_get_imported (RemoraLoader *self)
{
  gboolean imported;

  g_mutex_lock (&self->mutex);
  imported = self->imported;
  g_mutex_unlock (&self->mutex);
  return imported;
}

/**
 * remora_loader_dup_partial_message:
 * @self: a #RemoraLoader
 *
 * Returns: (transfer full) (nullable): after an import of a damaged trace,
 *   what part of it could not be read.
 */
char *
remora_loader_dup_partial_message (RemoraLoader *self)
{
  char *message;

  g_mutex_lock (&self->mutex);
  message = g_strdup (self->partial_message);
  g_mutex_unlock (&self->mutex);
  return message;
}

/* Setup ------------------------------------------------------------------- */

/**
 * remora_loader_new:
 * @path: a trace.dat, or a store (a file that starts like an SQLite
 *   database)
 *
 * Returns: (transfer full): a loader for @path.
 */
RemoraLoader *
remora_loader_new (const char *path)
{
  RemoraLoader *self;

  g_return_val_if_fail (path != NULL, NULL);
  self = g_object_new (REMORA_TYPE_LOADER, NULL);
  self->path = g_strdup (path);
  self->is_store = remora_store_is_store_file (path);
  return self;
}

/**
 * remora_loader_set_store_path:
 * @self: a #RemoraLoader of a trace
 * @store_path: (nullable): the store to reuse or write, instead of the one
 *   beside the trace or in the cache folder
 */
void
remora_loader_set_store_path (RemoraLoader *self, const char *store_path)
{
  g_return_if_fail (REMORA_IS_LOADER (self));
  g_free (self->store_path);
  self->store_path = g_strdup (store_path);
}

/**
 * remora_loader_set_force:
 * @self: a #RemoraLoader of a trace
 * @force: import even when an up-to-date store exists
 */
void
remora_loader_set_force (RemoraLoader *self, gboolean force)
{
  g_return_if_fail (REMORA_IS_LOADER (self));
  self->force = force;
}

const char *
remora_loader_get_path (RemoraLoader *self)
{
  return self->path;
}

/**
 * remora_loader_get_is_store:
 * @self: a #RemoraLoader
 *
 * Returns: %TRUE when the loader's path is a store rather than a trace.
 */
gboolean
remora_loader_get_is_store (RemoraLoader *self)
{
  return self->is_store;
}

static void
remora_loader_finalize (GObject *object)
{
  RemoraLoader *self = REMORA_LOADER (object);

  g_free (self->path);
  g_free (self->store_path);
  g_free (self->partial_message);
  g_clear_object (&self->importer);
  g_main_context_unref (self->main_context);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (remora_loader_parent_class)->finalize (object);
}

static void
remora_loader_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemoraLoader *self = REMORA_LOADER (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, remora_loader_get_fraction (self));
      break;
    case PROP_MESSAGE:
      g_value_take_string (value, remora_loader_dup_message (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_loader_class_init (RemoraLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remora_loader_finalize;
  object_class->get_property = remora_loader_get_property;

  properties[PROP_FRACTION] =
      g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
      g_param_spec_string ("message", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RemoraLoader::notice:
   * @self: the loader
   * @text: a sentence, translated, without the program's name
   *
   * What the loader decided that a user should know: an outdated or damaged
   * store imported again, a store put in the cache folder.
   */
  signals[NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
remora_loader_init (RemoraLoader *self)
{
  g_mutex_init (&self->mutex);
  self->main_context = g_main_context_ref_thread_default ();
}
