/* remora-store.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "remora-block-index-private.h"
#include "remora-child-private.h"
#include "remora-data-autocleanups-private.h"
#include "remora-data-error.h"
#include "remora-lod-private.h"
#include "remora-name-history.h"
#include "remora-payload-private.h"
#include "remora-sqlite-private.h"
#include "remora-store-check-private.h"
#include "remora-store-private.h"
#include "remora-trace-info-private.h"
#include "remora-tracecmd-private.h"

#define FINGERPRINT_SPAN (64 * 1024)

/**
 * RemoraStore:
 *
 * A complete store opened read-only. One SQLite connection: use a store from
 * one thread at a time; workers open a #RemoraStore of their own.
 */
struct _RemoraStore
{
  GObject parent_instance;

  /* Owned */
  char                  *path;
  sqlite3               *db;
  struct tracecmd_input *headers; /* lazily, to decode payloads */
  int                    headers_fd;
  gint64                 cached_chunk;
  GBytes                *cached_chunk_data;
  guint32               *cached_offsets; /* where each record of the chunk starts */
  guint16               *cached_sizes;
  guint32                cached_n;
  sqlite3_stmt          *st_event;   /* prepared once, for decoding */
  GHashTable            *meta;       /* key -> value text: the meta table never changes */
  GHashTable            *statements; /* SQL text -> sqlite3_stmt, for the model's queries */
  sqlite3_stmt          *st_chunk;
  GHashTable            *snapshot_data; /* key -> data, while a snapshot is open */
  gboolean               in_snapshot;
  RemoraTraceInfo       *info;
  RemoraStore           *companion; /* a second connection, for a helper thread */
  gboolean               companion_failed;
  RemoraNameHistory     *names;     /* read on first use */
  GHashTable            *blocks;    /* buffer id -> RemoraBlockIndex, read on first use */
  char                  *bad_value; /* the column of a value out of its range, until said */
};

G_DEFINE_FINAL_TYPE (RemoraStore, remora_store, G_TYPE_OBJECT)

/* Fingerprints ------------------------------------------------------------- */

/**
 * remora_trace_fingerprint_read:
 * @fp: (out caller-allocates): the fingerprint, cleared with remora_trace_fingerprint_clear()
 * @trace_path: a trace.dat
 * @error: a location for a #GError
 *
 * Reads what identifies @trace_path: size, modification time, and a SHA-256 of
 * its size, its first 64 KiB (the file's header) and its last 64 KiB (CPU data
 * or options, which differ between two recordings with identical headers).
 *
 * Returns: %TRUE on success.
 */
gboolean
remora_trace_fingerprint_read (RemoraTraceFingerprint *fp, const char *trace_path, GError **error)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buf = g_malloc (FINGERPRINT_SPAN);
  struct stat        st;
  char               size_text[32];
  ssize_t            n;
  int                fd;

  memset (fp, 0, sizeof *fp);
  fd = g_open (trace_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) < 0)
    {
      int errsv = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, REMORA_DATA_ERROR,
                   errsv == ENOENT || errsv == ENOTDIR ? REMORA_DATA_ERROR_NOT_FOUND
                   : errsv == EACCES || errsv == EPERM ? REMORA_DATA_ERROR_PERMISSION
                                                       : REMORA_DATA_ERROR_CORRUPT,
                   _ ("Failed to open “%s”: %s"), trace_path, g_strerror (errsv));
      return FALSE;
    }

  fp->size = st.st_size;
  fp->mtime_us = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  g_snprintf (size_text, sizeof size_text, "%" G_GINT64_FORMAT ":", fp->size);
  g_checksum_update (sum, (guchar *) size_text, -1);
  n = pread (fd, buf, FINGERPRINT_SPAN, 0);
  if (n > 0)
    g_checksum_update (sum, buf, n);
  if (st.st_size > FINGERPRINT_SPAN)
    {
      n = pread (fd, buf, FINGERPRINT_SPAN, MAX (FINGERPRINT_SPAN, st.st_size - FINGERPRINT_SPAN));
      if (n > 0)
        g_checksum_update (sum, buf, n);
    }
  close (fd);
  fp->hash = g_strdup (g_checksum_get_string (sum));
  return TRUE;
}

void
remora_trace_fingerprint_clear (RemoraTraceFingerprint *fp)
{
  g_clear_pointer (&fp->hash, g_free);
}

/* Locations ---------------------------------------------------------------- */

/**
 * remora_store_path_beside:
 * @trace_path: a trace.dat
 *
 * Returns: (transfer full): `TRACE.remora`, the store's default place.
 */
char *
remora_store_path_beside (const char *trace_path)
{
  return g_strconcat (trace_path, ".remora", NULL);
}

/**
 * remora_store_path_in_cache:
 * @trace_path: a trace.dat
 *
 * Returns: (transfer full): the store's place under `$XDG_CACHE_HOME/remora/`,
 *   used when the trace's directory is not writable. The name holds a hash of
 *   the trace's absolute path so that two traces of the same name do not meet.
 */
char *
remora_store_path_in_cache (const char *trace_path)
{
  g_autoptr (GFile) file = g_file_new_for_path (trace_path);
  g_autofree char *abs = g_file_get_path (file);
  g_autofree char *base = g_path_get_basename (trace_path);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, abs, -1);
  g_autofree char *name = g_strdup_printf ("%.16s-%s.remora", hash, base);
  return g_build_filename (g_get_user_cache_dir (), "remora", name, NULL);
}

/**
 * remora_store_choose_path:
 * @trace_path: a trace.dat
 * @in_cache: (out) (optional): set to %TRUE when the path is in the cache
 *
 * Picks where a new store for @trace_path goes: beside it when its directory
 * is writable, else in the user's cache directory (created if needed).
 *
 * Returns: (transfer full): the store path.
 */
char *
remora_store_choose_path (const char *trace_path, gboolean *in_cache)
{
  g_autofree char *dir = g_path_get_dirname (trace_path);
  char            *path;

  if (g_access (dir, W_OK) == 0)
    {
      if (in_cache)
        *in_cache = FALSE;
      return remora_store_path_beside (trace_path);
    }
  path = remora_store_path_in_cache (trace_path);
  {
    g_autofree char *cache_dir = g_path_get_dirname (path);
    g_mkdir_with_parents (cache_dir, 0700);
  }
  if (in_cache)
    *in_cache = TRUE;
  return path;
}

/**
 * remora_store_is_store_file:
 * @path: a file
 *
 * Returns: %TRUE if @path starts like an SQLite database (a store, or a damaged
 *   one); a trace.dat does not.
 */
gboolean
remora_store_is_store_file (const char *path)
{
  char    head[16];
  int     fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  ssize_t n;

  if (fd < 0)
    return FALSE;
  n = pread (fd, head, sizeof head, 0);
  close (fd);
  return n == sizeof head && memcmp (head, "SQLite format 3", 16) == 0;
}

typedef struct
{
  const char *key;
  gint64      min;
  gint64      max;
} MetaRange;

/* Numbers the views trust: each a decimal integer in its range. */
static const MetaRange meta_ranges[] = {
  { "complete", 1, 1 },
  { "schema_version", REMORA_STORE_SCHEMA_VERSION, REMORA_STORE_SCHEMA_VERSION },
  { "source_size", 0, G_MAXINT64 },
  { "source_mtime_us", G_MININT64, G_MAXINT64 },
  { "file_version", 6, 7 },
  { "cpus", 0, 8192 },
  { "buffers", 1, 251 },
  { "events", 0, (gint64) 1 << 40 },
  { "first_ts", 0, (gint64) 1 << 62 },
  { "last_ts", 0, (gint64) 1 << 62 },
  { "lost_events", 0, G_MAXINT64 },
  { "long_size", 4, 8 },
  { "ts_monotonic", 0, 1 },
  { "lod_levels", 1, 64 },
  { "partial", 0, 1 },
  { "missing_bytes", 0, G_MAXINT64 },
  { "damaged_unknown", 0, (gint64) 1 << 40 },
  { "damaged_payload", 0, (gint64) 1 << 40 },
  { "damaged_time", 0, (gint64) 1 << 40 },
  { "damaged_span", 0, (gint64) 1 << 40 },
};

static gboolean
read_meta (RemoraStore *self, GError **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  gint64 importer = 0, first, last;
  int    rc;

  self->meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!remora_sqlite_prepare (self->db, "SELECT key, value FROM meta LIMIT 1000", FALSE, &st,
                              self->path, error))
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    if (sqlite3_column_type (st, 0) == SQLITE_TEXT && sqlite3_column_type (st, 1) != SQLITE_NULL)
      g_hash_table_insert (self->meta, g_strdup ((const char *) sqlite3_column_text (st, 0)),
                           g_strdup ((const char *) sqlite3_column_text (st, 1)));
  if (!remora_sqlite_check (self->db, rc, _ ("read the store"), self->path, error))
    return FALSE;

  /* an unfinished or other importer's store first: those are imported again */
  if (g_strcmp0 (g_hash_table_lookup (self->meta, "complete"), "1") != 0)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
                   _ ("Failed to read the store “%s”: it is incomplete"), self->path);
      return FALSE;
    }
  if (!g_ascii_string_to_signed (g_hash_table_lookup (self->meta, "importer_version") ?: "", 10, 0,
                                 G_MAXINT, &importer, NULL) ||
      importer != REMORA_IMPORTER_VERSION)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_OUTDATED,
                   _ ("The store “%s” was written by importer version %d; this Remora’s "
                      "importer is version %d"),
                   self->path, (int) importer, REMORA_IMPORTER_VERSION);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (meta_ranges); i++)
    {
      const char *text = g_hash_table_lookup (self->meta, meta_ranges[i].key);
      gint64      v;

      if (text == NULL ||
          !g_ascii_string_to_signed (text, 10, meta_ranges[i].min, meta_ranges[i].max, &v, NULL))
        {
          g_autofree char *what = g_strdup_printf (_ ("its “%s” is “%s”"), meta_ranges[i].key,
                                                   text ? text : _ ("missing"));
          return remora_store_damaged (error, self->path, what);
        }
    }
  first = g_ascii_strtoll (g_hash_table_lookup (self->meta, "first_ts"), NULL, 10);
  last = g_ascii_strtoll (g_hash_table_lookup (self->meta, "last_ts"), NULL, 10);
  if (last < first || last - first > ((gint64) 1 << 42) ||
      g_ascii_strtoll (g_hash_table_lookup (self->meta, "lod_levels"), NULL, 10) !=
          remora_lod_levels_for_span (first, last))
    return remora_store_damaged (error, self->path, _ ("its time span is impossible"));
  return TRUE;
}

static char *
meta_text (RemoraStore *self, const char *key)
{
  return g_strdup (g_hash_table_lookup (self->meta, key));
}

static gint64
meta_int (RemoraStore *self, const char *key)
{
  const char *text = g_hash_table_lookup (self->meta, key);
  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* The trace's description, from the checked meta and the buffers table. */
static gboolean
read_info (RemoraStore *self, GError **error)
{
  RemoraTraceInfo *info = remora_trace_info_new ();
  g_autoptr (sqlite3_stmt) st = NULL;
  int rc;

  self->info = info;
  info->first_ts = meta_int (self, "first_ts");
  info->last_ts = meta_int (self, "last_ts");
  info->cpus = (int) meta_int (self, "cpus");
  info->lod_levels = (int) meta_int (self, "lod_levels");
  info->events = meta_int (self, "events");
  info->file_version = (int) meta_int (self, "file_version");
  info->source_path = meta_text (self, "source_path");
  info->kernel = meta_text (self, "kernel");
  info->uname = meta_text (self, "uname");
  info->clock = meta_text (self, "clock");
  info->trace_cmd_version = meta_text (self, "trace_cmd_version");
  info->compression = meta_text (self, "compression");
  info->partial = meta_int (self, "partial") != 0;
  info->partial_reason = meta_text (self, "partial_reason");
  info->damaged_unknown = meta_int (self, "damaged_unknown");
  info->damaged_payload = meta_int (self, "damaged_payload");
  info->damaged_time = meta_int (self, "damaged_time");
  info->damaged_span = meta_int (self, "damaged_span");
  info->missing_bytes = meta_int (self, "missing_bytes");

  if (!remora_sqlite_prepare (self->db, "SELECT id, name, cpus FROM buffers ORDER BY id LIMIT 256",
                              FALSE, &st, self->path, error))
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char      *name = (const char *) sqlite3_column_text (st, 1);
      RemoraBufferInfo b = { (int) remora_store_column_in (self, st, 0, 0, 250),
                             g_strdup (name ? name : ""),
                             (int) remora_store_column_in (self, st, 2, 0, 8192) };
      g_array_append_val (info->buffers, b);
    }
  if (!remora_store_check (self, rc, error))
    return FALSE;
  if (info->buffers->len == 0 || remora_trace_info_get_buffer_name (info, 0) == NULL ||
      remora_trace_info_get_buffer_name (info, 0)[0] != 0)
    return remora_store_damaged (error, self->path, _ ("it has no top-level buffer"));
  return TRUE;
}

/* Opening ------------------------------------------------------------------ */

/* What opening a store may take: its checks read a few pages. */
#define OPEN_BUDGET_US (2 * G_USEC_PER_SEC)

static int
open_budget_cb (void *user_data)
{
  return g_get_monotonic_time () > *(gint64 *) user_data;
}

static void
remora_store_finalize (GObject *object)
{
  RemoraStore *self = REMORA_STORE (object);

  g_clear_pointer (&self->cached_chunk_data, g_bytes_unref);
  g_clear_pointer (&self->cached_offsets, g_free);
  g_clear_pointer (&self->cached_sizes, g_free);
  g_clear_pointer (&self->st_event, sqlite3_finalize);
  g_clear_pointer (&self->meta, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->st_chunk, sqlite3_finalize);
  g_clear_pointer (&self->snapshot_data, g_hash_table_unref);
  g_clear_object (&self->companion);
  g_clear_pointer (&self->info, remora_trace_info_unref);
  g_clear_pointer (&self->names, remora_name_history_unref);
  g_clear_pointer (&self->blocks, g_hash_table_unref);
  g_clear_pointer (&self->bad_value, g_free);
  if (self->headers != NULL)
    {
      remora_store_lock_libraries ();
      tracecmd_close (self->headers); /* closes headers_fd */
      remora_store_unlock_libraries ();
    }
  else if (self->headers_fd >= 0)
    close (self->headers_fd);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  G_OBJECT_CLASS (remora_store_parent_class)->finalize (object);
}

static void
remora_store_class_init (RemoraStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = remora_store_finalize;
}

static void
remora_store_init (RemoraStore *self)
{
  self->headers_fd = -1;
  self->cached_chunk = -1;
}

/* Snapshots ---------------------------------------------------------------- */

typedef struct
{
  gpointer       data;
  GDestroyNotify destroy;
} SnapshotItem;

/**
 * remora_store_begin_snapshot:
 * @self: a #RemoraStore
 *
 * Opens one read transaction for a batch of queries (a frame of a view): one
 * lock and one check that the file is unchanged instead of one per query,
 * and a place for results that several queries of the batch share
 * (remora_store_set_snapshot_data()). Does nothing if one is open.
 *
 * Returns: %FALSE with @error set when the store cannot be read.
 */
gboolean
remora_store_begin_snapshot (RemoraStore *self, GError **error)
{
  g_return_val_if_fail (REMORA_IS_STORE (self), FALSE);
  if (self->in_snapshot)
    return TRUE;
  if (!remora_sqlite_exec (self->db, "BEGIN", _ ("read the store"), self->path, error))
    return FALSE;
  self->in_snapshot = TRUE;
  return TRUE;
}

static void
snapshot_item_free (gpointer data)
{
  SnapshotItem *item = data;

  if (item->destroy)
    item->destroy (item->data);
  g_free (item);
}

/**
 * remora_store_end_snapshot:
 * @self: a #RemoraStore
 *
 * Ends the snapshot that remora_store_begin_snapshot() opened and frees what
 * was kept for it.
 */
void
remora_store_end_snapshot (RemoraStore *self)
{
  g_return_if_fail (REMORA_IS_STORE (self));
  if (!self->in_snapshot)
    return;
  /* a read transaction: ending it cannot lose anything, and when COMMIT
   * fails (a statement still running) ROLLBACK ends it all the same */
  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_snapshot = FALSE;
  if (self->snapshot_data)
    g_hash_table_remove_all (self->snapshot_data);
}

/**
 * remora_store_in_snapshot:
 * @self: a #RemoraStore
 *
 * Returns: whether a snapshot is open.
 */
gboolean
remora_store_in_snapshot (RemoraStore *self)
{
  g_return_val_if_fail (REMORA_IS_STORE (self), FALSE);
  return self->in_snapshot;
}

/**
 * remora_store_get_snapshot_data:
 * @self: a #RemoraStore
 * @key: a key
 *
 * Returns: (transfer none) (nullable): what was set for @key in the open
 *   snapshot, or %NULL.
 */
gpointer
remora_store_get_snapshot_data (RemoraStore *self, const char *key)
{
  SnapshotItem *item;

  g_return_val_if_fail (REMORA_IS_STORE (self), NULL);
  item = self->snapshot_data ? g_hash_table_lookup (self->snapshot_data, key) : NULL;
  return item ? item->data : NULL;
}

/**
 * remora_store_set_snapshot_data:
 * @self: a #RemoraStore with a snapshot open
 * @key: a key
 * @data: (transfer full): what to keep for @key until the snapshot ends
 * @destroy: (nullable): frees @data
 *
 * Keeps @data (replacing what @key had); freed with @destroy when the
 * snapshot ends.
 */
void
remora_store_set_snapshot_data (RemoraStore   *self,
                                const char    *key,
                                gpointer       data,
                                GDestroyNotify destroy)
{
  SnapshotItem *item;

  g_return_if_fail (REMORA_IS_STORE (self));
  g_return_if_fail (self->in_snapshot);
  item = g_new (SnapshotItem, 1);
  item->data = data;
  item->destroy = destroy;
  if (self->snapshot_data == NULL)
    self->snapshot_data =
        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, snapshot_item_free);
  g_hash_table_replace (self->snapshot_data, g_strdup (key), item);
}

static gboolean
query_int (sqlite3 *db, const char *sql, gint64 *value, const char *path, GError **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  int rc;

  if (!remora_sqlite_prepare (db, sql, FALSE, &st, path, error))
    return FALSE;
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (st, 0);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
                   _ ("Failed to read the store “%s”: it is incomplete"), path);
      return FALSE;
    }
  return remora_sqlite_check (db, rc, _ ("read the store"), path, error);
}

/**
 * remora_store_open:
 * @path: a store written by #RemoraImporter
 * @error: a location for a #GError
 *
 * Opens a complete store read-only. Fails with
 * %REMORA_DATA_ERROR_STORE_OUTDATED for a store of another schema version and
 * %REMORA_DATA_ERROR_STORE_CORRUPT for a damaged or incomplete one.
 *
 * Returns: (transfer full): the store, or %NULL.
 */
RemoraStore *
remora_store_open (const char *path, GError **error)
{
  g_autoptr (RemoraStore) self = NULL;
  gint64   version = 0, deadline;
  gboolean ok;
  int      rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_access (path, F_OK) != 0)
    {
      int errsv = errno;
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_NOT_FOUND,
                   _ ("Failed to open the store “%s”: %s"), path, g_strerror (errsv));
      return NULL;
    }
  if (!remora_store_is_store_file (path))
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
                   _ ("Failed to open the store “%s”: it is not a Remora store"), path);
      return NULL;
    }

  if (!remora_store_check_file_size (path, error))
    return NULL;

  self = g_object_new (REMORA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (!remora_sqlite_check (self->db, rc, _ ("open the store"), path, error))
    return NULL;
  sqlite3_extended_result_codes (self->db, 1);
  /* A store is a file anyone can hand over: nothing in it runs (no schema
   * functions, no triggers), and what the checks below read is bounded. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_limit (self->db, SQLITE_LIMIT_LENGTH, 256 * 1024 * 1024);
  deadline = g_get_monotonic_time () + OPEN_BUDGET_US;
  sqlite3_progress_handler (self->db, 1000, open_budget_cb, &deadline);

  /* Views read the same pages frame after frame: map the file (as much of
   * it as SQLite allows, 2 GB as Debian builds it), so those pages are the
   * kernel's to keep or drop, and keep a real cache for the rest instead of
   * SQLite's 2 MB default (the store never changes once written). */
  sqlite3_exec (self->db, "PRAGMA mmap_size = 17179869184; PRAGMA cache_size = -32768", NULL, NULL,
                NULL);
  ok = query_int (self->db, "PRAGMA user_version", &version, path, error);
  if (ok && version != REMORA_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_OUTDATED,
                   _ ("The store “%s” has schema version %d; this Remora writes version %d"), path,
                   (int) version, REMORA_STORE_SCHEMA_VERSION);
      ok = FALSE;
    }
  ok = ok && remora_store_check_schema (self->db, path, error) && read_meta (self, error) &&
       remora_store_check_btrees (self->db, path, meta_int (self, "events"),
                                  meta_int (self, "buffers"), error) &&
       read_info (self, error);
  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  if (!ok)
    {
      if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (error);
          g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
                       _ ("Failed to open the store “%s”: it is damaged (reading its tables "
                          "did not end)"),
                       path);
        }
      return NULL;
    }
  self->statements =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sqlite3_finalize);
  return g_steal_pointer (&self);
}

/**
 * remora_store_prepare_cached:
 * @self: a #RemoraStore
 * @sql: a query, the same text every time it is asked for
 * @error: a location for a #GError
 *
 * Returns: (transfer none): the statement for @sql, prepared once per store
 *   and handed back reset with its bindings cleared; valid until @self is
 *   finalized. Use from the thread that uses @self, one at a time per @sql.
 */
sqlite3_stmt *
remora_store_prepare_cached (RemoraStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *st = g_hash_table_lookup (self->statements, sql);

  if (st == NULL)
    {
      if (!remora_sqlite_prepare (self->db, sql, TRUE, &st, self->path, error))
        return NULL;
      g_hash_table_insert (self->statements, g_strdup (sql), st);
    }
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  return st;
}

/**
 * remora_store_get_companion:
 * @self: a #RemoraStore
 * @error: a location for a #GError
 *
 * A second connection to the same store, for one helper thread to query
 * while the thread that uses @self queries too (a frame's rows split over
 * two cores). Opened on first use and kept with @self (a failure is not
 * tried again); use it from one thread at a time, and only while @self is
 * alive.
 *
 * Returns: (transfer none) (nullable): the companion, or %NULL with @error
 *   set.
 */
RemoraStore *
remora_store_get_companion (RemoraStore *self, GError **error)
{
  g_return_val_if_fail (REMORA_IS_STORE (self), NULL);
  if (self->companion == NULL && self->companion_failed)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE,
                   _ ("Failed to open a second connection to the store “%s”"), self->path);
      return NULL;
    }
  if (self->companion == NULL)
    {
      self->companion = remora_store_open (self->path, error);
      self->companion_failed = self->companion == NULL;
    }
  return self->companion;
}

/**
 * remora_store_get_name_history:
 * @store: a #RemoraStore, used on this thread
 * @error: a location for a #GError
 *
 * The names of the store's tasks over time, read on first use and kept with
 * @store.
 *
 * Returns: (transfer none) (nullable): the names, or %NULL with @error set.
 */
RemoraNameHistory *
remora_store_get_name_history (RemoraStore *store, GError **error)
{
  g_return_val_if_fail (REMORA_IS_STORE (store), NULL);
  if (store->names == NULL)
    store->names = remora_name_history_read (store, error);
  return store->names;
}

/**
 * remora_store_get_block_index:
 * @store: a #RemoraStore, used on this thread
 * @buffer_id: a buffer
 * @error: a location for a #GError
 *
 * The buffer's block requests by device and lane, their queue depth and the
 * CPUs' idle times with a request in flight, read on first use and kept
 * with @store.
 *
 * Returns: (transfer full) (nullable): the index, or %NULL with @error set.
 */
RemoraBlockIndex *
remora_store_get_block_index (RemoraStore *store, int buffer_id, GError **error)
{
  RemoraBlockIndex *index;

  g_return_val_if_fail (REMORA_IS_STORE (store), NULL);
  if (store->blocks == NULL)
    store->blocks =
        g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) remora_block_index_unref);
  index = g_hash_table_lookup (store->blocks, GINT_TO_POINTER (buffer_id));
  if (index == NULL)
    {
      if ((index = _remora_block_index_read (store, buffer_id, error)) == NULL)
        return NULL;
      g_hash_table_insert (store->blocks, GINT_TO_POINTER (buffer_id), index);
    }
  return remora_block_index_ref (index);
}

/**
 * remora_store_get_info:
 * @self: a #RemoraStore
 *
 * Returns: (transfer none): what the store says of its trace; valid while
 *   @self lives (take a reference to keep it longer).
 */
const RemoraTraceInfo *
remora_store_get_info (RemoraStore *self)
{
  g_return_val_if_fail (REMORA_IS_STORE (self), NULL);
  return self->info;
}

const char *
remora_store_get_path (RemoraStore *self)
{
  g_return_val_if_fail (REMORA_IS_STORE (self), NULL);
  return self->path;
}

/**
 * remora_store_get_db:
 * @self: a #RemoraStore
 *
 * Returns: (transfer none): the store's read-only connection, for the model's
 *   queries. Use it from the thread that uses @self.
 */
sqlite3 *
remora_store_get_db (RemoraStore *self)
{
  g_return_val_if_fail (REMORA_IS_STORE (self), NULL);
  return self->db;
}

/**
 * remora_store_check:
 * @self: a #RemoraStore
 * @rc: a SQLite result code from a query on remora_store_get_db()
 * @error: a location for a #GError
 *
 * Also says, once, that a value read since the last check was out of its
 * range (remora_store_column_in()).
 *
 * Returns: %TRUE if @rc is a success code and every value read was in its
 *   range, else %FALSE with @error set.
 */
gboolean
remora_store_check (RemoraStore *self, int rc, GError **error)
{
  if (self->bad_value != NULL)
    {
      g_autofree char *column = g_steal_pointer (&self->bad_value);

      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
                   _ ("Failed to read the store “%s”: it is damaged (a value of “%s” is out of "
                      "its range)"),
                   self->path, column);
      return FALSE;
    }
  return remora_sqlite_check (self->db, rc, _ ("read the store"), self->path, error);
}

/**
 * remora_store_column_out_of_range:
 * @self: the #RemoraStore @st reads
 * @st: a statement on a row
 * @col: a column of it, whose value @value is out of [@min, @max]
 * @value: the value
 * @min: the least value the column can hold in a sound store
 * @max: the greatest
 *
 * The slow path of remora_store_column_in(): notes the column, for the next
 * remora_store_check() to refuse the store.
 *
 * Returns: @value clamped into [@min, @max].
 */
gint64
remora_store_column_out_of_range (
    RemoraStore *self, sqlite3_stmt *st, int col, gint64 value, gint64 min, gint64 max)
{
  if (self->bad_value == NULL)
    self->bad_value = g_utf8_make_valid (sqlite3_column_name (st, col) ?: "?", -1);
  return CLAMP (value, min, max);
}

/**
 * remora_store_dup_meta:
 * @self: a #RemoraStore
 * @key: a key of the meta table
 *
 * Returns: (transfer full) (nullable): the value as text, or %NULL if unset.
 */
char *
remora_store_dup_meta (RemoraStore *self, const char *key)
{
  g_autoptr (sqlite3_stmt) st = NULL;

  g_return_val_if_fail (REMORA_IS_STORE (self), NULL);

  if (self->meta != NULL)
    return g_strdup (g_hash_table_lookup (self->meta, key));
  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL) !=
      SQLITE_OK)
    return NULL;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW && sqlite3_column_type (st, 0) != SQLITE_NULL)
    return g_strdup ((const char *) sqlite3_column_text (st, 0));
  return NULL;
}

gint64
remora_store_get_meta_int (RemoraStore *self, const char *key, gint64 fallback)
{
  g_autofree char *text = remora_store_dup_meta (self, key);
  return text ? g_ascii_strtoll (text, NULL, 10) : fallback;
}

/**
 * remora_store_matches_trace:
 * @self: a #RemoraStore
 * @trace_path: a trace.dat
 * @reason: (out) (optional) (transfer full): why not, when it does not
 *
 * Returns: %TRUE if @self was imported from @trace_path as it is now (same
 *   size, modification time and fingerprint hash).
 */
gboolean
remora_store_matches_trace (RemoraStore *self, const char *trace_path, char **reason)
{
  RemoraTraceFingerprint fp;
  g_autofree char       *hash = NULL;
  gboolean               same;

  if (!remora_trace_fingerprint_read (&fp, trace_path, NULL))
    {
      if (reason)
        *reason = g_strdup (_ ("the trace cannot be read"));
      return FALSE;
    }
  hash = remora_store_dup_meta (self, "header_hash");
  same = fp.size == remora_store_get_meta_int (self, "source_size", -1) &&
         fp.mtime_us == remora_store_get_meta_int (self, "source_mtime_us", -1) &&
         g_strcmp0 (fp.hash, hash) == 0;
  if (!same && reason)
    *reason = g_strdup (_ ("the trace changed since it was imported"));
  remora_trace_fingerprint_clear (&fp);
  return same;
}

/* Decoding ----------------------------------------------------------------- */

/* the state in the kernel's letters, as the listing prints it */
static int
print_sched_switch (struct trace_seq  *s,
                    struct tep_record *record,
                    struct tep_event  *event,
                    void              *context)
{
  return remora_print_sched_switch (s, record, event, FALSE);
}

/* libtracecmd's own function_graph printers look ahead at the next record of
 * the open trace to merge an entry with its exit; the store's headers handle
 * has no records, so these print each record on its own instead. */
static int
print_funcgraph_entry (struct trace_seq  *s,
                       struct tep_record *record,
                       struct tep_event  *event,
                       void              *context)
{
  unsigned long long func = 0, depth = 0;
  const char        *name;

  tep_get_field_val (s, event, "func", record, &func, 0);
  tep_get_field_val (s, event, "depth", record, &depth, 0);
  name = tep_find_function (event->tep, func);
  trace_seq_printf (s, "%*s", (int) MIN (depth, 64) * 2, "");
  if (name)
    trace_seq_printf (s, "%s() {", name);
  else
    trace_seq_printf (s, "0x%llx() {", func);
  return 0;
}

static int
print_funcgraph_exit (struct trace_seq  *s,
                      struct tep_record *record,
                      struct tep_event  *event,
                      void              *context)
{
  unsigned long long func = 0, depth = 0, calltime = 0, rettime = 0;
  const char        *name;

  tep_get_field_val (s, event, "func", record, &func, 0);
  tep_get_field_val (s, event, "depth", record, &depth, 0);
  tep_get_field_val (s, event, "calltime", record, &calltime, 0);
  tep_get_field_val (s, event, "rettime", record, &rettime, 0);
  name = tep_find_function (event->tep, func);
  trace_seq_printf (s, "%*s", (int) MIN (depth, 64) * 2, "");
  if (name)
    trace_seq_printf (s, "} /* %s */", name);
  else
    trace_seq_printf (s, "} /* 0x%llx */", func);
  if (rettime >= calltime)
    trace_seq_printf (s, " %llu.%03llu us", (rettime - calltime) / 1000,
                      (rettime - calltime) % 1000);
  return 0;
}

/* In a child: can libtracecmd and libtraceevent read these headers? A store
 * holds a copy of the trace's headers, and a damaged or hostile one would
 * crash them in this process. */
static void
try_headers_child (int out_fd, gpointer user_data)
{
  struct tracecmd_input *handle =
      tracecmd_alloc_fd (GPOINTER_TO_INT (user_data), TRACECMD_FL_LOAD_NO_PLUGINS);
  char ok = 1;

  if (handle == NULL || tracecmd_read_headers (handle, REMORA_TRACECMD_FILE_CMD_LINES) < 0)
    _exit (3);
  if (write (out_fd, &ok, 1) != 1)
    _exit (4);
}

/* The same in a spawned child, on its descriptor @fd. */
void
remora_store_try_headers_job (int fd, char **args, int out_fd)
{
  if (fd < 0)
    _exit (2);
  try_headers_child (out_fd, GINT_TO_POINTER (fd));
}

/**
 * remora_store_dup_headers_fd:
 * @self: a #RemoraStore whose headers are loaded
 *
 * Returns: a descriptor of its own (its own offset) on the store's copy of
 *   the trace's headers, to hand a child; -1 when there is none.
 */
int
remora_store_dup_headers_fd (RemoraStore *self)
{
  g_autofree char *path = NULL;

  if (self->headers_fd < 0)
    return -1;
  path = g_strdup_printf ("/proc/self/fd/%d", self->headers_fd);
  return open (path, O_RDONLY | O_CLOEXEC);
}

/* Headers that a child has read without harm, by their SHA-256: a store's
 * workers (each with a connection and handle of its own) need not try them
 * again. */
static GMutex      good_headers_lock;
static GHashTable *good_headers;

static gboolean
headers_known_good (RemoraStore *self, const void *data, int len)
{
  g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
  gboolean         known;

  g_mutex_lock (&good_headers_lock);
  known = good_headers != NULL && g_hash_table_contains (good_headers, sum);
  g_mutex_unlock (&good_headers_lock);
  return known;
}

static void
headers_mark_good (const void *data, int len)
{
  char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);

  g_mutex_lock (&good_headers_lock);
  if (good_headers == NULL)
    good_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (good_headers, sum);
  g_mutex_unlock (&good_headers_lock);
}

/**
 * remora_store_trust_headers:
 * @data: a store's trace headers
 * @len: their size
 *
 * Says that this process has read these headers without harm: a store that
 * holds them reads them without trying them in a child first.
 */
void
remora_store_trust_headers (const void *data, gsize len)
{
  headers_mark_good (data, (int) MIN (len, G_MAXINT));
}

static gboolean
ensure_headers (RemoraStore *self, GError **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  const void *data;
  int         len;
  int         rc;
  gboolean    ok;

  if (self->headers != NULL)
    return TRUE;

  if (!remora_sqlite_prepare (self->db, "SELECT data FROM trace_headers WHERE id = 0", FALSE, &st,
                              self->path, error))
    return FALSE;
  rc = sqlite3_step (st);
  if (rc != SQLITE_ROW)
    {
      if (remora_sqlite_check (self->db, rc, _ ("read the store"), self->path, error))
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
                     _ ("Failed to read the store “%s”: it has no trace headers"), self->path);
      return FALSE;
    }
  data = sqlite3_column_blob (st, 0);
  len = sqlite3_column_bytes (st, 0);

  /* libtracecmd reads headers from a file descriptor: hand it a memory file. */
  self->headers_fd = memfd_create ("remora-headers", MFD_CLOEXEC);
  if (self->headers_fd < 0 || write (self->headers_fd, data, len) != len ||
      lseek (self->headers_fd, 0, SEEK_SET) != 0)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE,
                   _ ("Failed to read the store “%s”: %s"), self->path, g_strerror (errno));
      return FALSE;
    }
  if (!headers_known_good (self, data, len))
    {
      g_autoptr (GBytes) answer = NULL;
      gboolean stalled;
      int      status;

      int fd = remora_store_dup_headers_fd (self);

      /* in a new process (see remora_child_spawn_run()); forked when it
       * cannot be started */
      answer = fd >= 0 ? remora_child_spawn_run ("try-headers", NULL, fd, 1, NULL, &status,
                                                 &stalled, NULL)
                       : NULL;
      if (fd >= 0)
        close (fd);
      if (answer == NULL)
        answer = remora_child_run (try_headers_child, GINT_TO_POINTER (self->headers_fd), 1, NULL,
                                   &status, &stalled, error);
      if (answer == NULL)
        return FALSE;
      if (g_bytes_get_size (answer) != 1 || lseek (self->headers_fd, 0, SEEK_SET) != 0)
        {
          g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
                       _ ("Failed to read the store “%s”: its trace headers are damaged"),
                       self->path);
          return FALSE;
        }
      headers_mark_good (data, len);
    }
  /* the handle is made (its plugins loaded) while no other prints, and
   * its formats parsed while no other parses: other handles print
   * meanwhile (a trace's kallsyms take some 0.1 s) */
  remora_store_lock_libraries ();
  self->headers = tracecmd_alloc_fd (self->headers_fd, 0);
  remora_store_unlock_libraries ();
  remora_store_lock_parser ();
  ok = self->headers != NULL &&
       tracecmd_read_headers (self->headers, REMORA_TRACECMD_FILE_CMD_LINES) >= 0;
  remora_store_unlock_parser ();
  if (!ok)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
                   _ ("Failed to read the store “%s”: its trace headers are damaged"), self->path);
      return FALSE;
    }
  remora_store_lock_libraries ();
  tep_register_event_handler (tracecmd_get_tep (self->headers), -1, "ftrace", "funcgraph_entry",
                              print_funcgraph_entry, NULL);
  tep_register_event_handler (tracecmd_get_tep (self->headers), -1, "ftrace", "funcgraph_exit",
                              print_funcgraph_exit, NULL);
  tep_register_event_handler (tracecmd_get_tep (self->headers), -1, "sched", "sched_switch",
                              print_sched_switch, NULL);
  remora_store_unlock_libraries ();
  return TRUE;
}

static gboolean
load_chunk (RemoraStore *self, gint64 chunk, GError **error)
{
  sqlite3_stmt *st;
  int           rc;

  if (self->cached_chunk == chunk)
    return TRUE;
  if (self->st_chunk == NULL &&
      !remora_sqlite_prepare (self->db, "SELECT data FROM event_payloads WHERE chunk = ?", TRUE,
                              &self->st_chunk, self->path, error))
    return FALSE;
  st = self->st_chunk;
  sqlite3_reset (st);
  sqlite3_bind_int64 (st, 1, chunk);
  rc = sqlite3_step (st);
  if (rc != SQLITE_ROW)
    {
      if (remora_sqlite_check (self->db, rc, _ ("read the store"), self->path, error))
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_NOT_FOUND_IN_STORE,
                     _ ("The store “%s” has no event payloads for chunk %lld"), self->path,
                     (long long) chunk);
      return FALSE;
    }
  {
    const void        *z = sqlite3_column_blob (st, 0);
    gsize              zlen = sqlite3_column_bytes (st, 0);
    unsigned long long size = ZSTD_getFrameContentSize (z, zlen);
    g_autofree guint8 *raw = NULL;
    gsize              got;

    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
        size > 64 * 1024 * 1024)
      goto corrupt;
    raw = g_malloc (MAX (size, 1));
    got = ZSTD_decompress (raw, size, z, zlen);
    if (ZSTD_isError (got) || got != size)
      goto corrupt;
    /* the records' sizes, then the records back to back */
    {
      guint32 n;
      gsize   offset;

      if (size < 4)
        goto corrupt;
      memcpy (&n, raw, 4);
      n = GUINT32_FROM_LE (n);
      if (n > (1 << REMORA_STORE_CHUNK_SHIFT) || 4 + (gsize) n * 2 > size)
        goto corrupt;
      g_clear_pointer (&self->cached_offsets, g_free);
      g_clear_pointer (&self->cached_sizes, g_free);
      self->cached_offsets = g_new (guint32, MAX (n, 1));
      self->cached_sizes = g_new (guint16, MAX (n, 1));
      offset = 4 + (gsize) n * 2;
      for (guint32 i = 0; i < n; i++)
        {
          guint16 rsize;

          memcpy (&rsize, raw + 4 + 2 * i, 2);
          rsize = GUINT16_FROM_LE (rsize);
          if (offset + rsize > size)
            goto corrupt_offsets;
          self->cached_offsets[i] = offset;
          self->cached_sizes[i] = rsize;
          offset += rsize;
        }
      self->cached_n = n;
    }
    g_clear_pointer (&self->cached_chunk_data, g_bytes_unref);
    self->cached_chunk_data = g_bytes_new_take (g_steal_pointer (&raw), size);
    self->cached_chunk = chunk;
    return TRUE;
  }

corrupt_offsets:
  self->cached_chunk = -1;
  g_clear_pointer (&self->cached_chunk_data, g_bytes_unref);
corrupt:
  g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
               _ ("Failed to read the store “%s”: the event payloads of chunk %lld are damaged"),
               self->path, (long long) chunk);
  return FALSE;
}

static char *dup_event_text (RemoraStore *self, gint64 event_id, const char *what, GError **error);

/**
 * remora_store_dup_event_info:
 * @self: a #RemoraStore
 * @event_id: an event's id
 * @raw_fields: %TRUE for `name=value` pairs of every field (as
 *   `trace-cmd report -R` prints them), %FALSE for the event's own print
 *   format (as `trace-cmd report` prints its info)
 * @error: a location for a #GError
 *
 * Decodes an event's payload with libtraceevent and the trace's formats, all
 * kept in the store.
 *
 * Returns: (transfer full): the text, or %NULL with @error set.
 */
char *
remora_store_dup_event_info (RemoraStore *self,
                             gint64       event_id,
                             gboolean     raw_fields,
                             GError     **error)
{
  return dup_event_text (self, event_id, raw_fields ? TEP_PRINT_INFO_RAW : TEP_PRINT_INFO, error);
}

/**
 * remora_store_dup_event_latency:
 * @self: a #RemoraStore
 * @event_id: an event's id
 * @error: a location for a #GError
 *
 * The event's latency format from its common fields (interrupts off,
 * need-resched, hard or soft interrupt, preempt depth), as
 * `trace-cmd report -l` prints it: `d..2.`.
 *
 * Returns: (transfer full): the text ("" for a damaged record), or %NULL with
 *   @error set.
 */
char *
remora_store_dup_event_latency (RemoraStore *self, gint64 event_id, GError **error)
{
  return dup_event_text (self, event_id, TEP_PRINT_LATENCY, error);
}

/**
 * remora_store_load_formats:
 * @self: a #RemoraStore
 * @error: a location for a #GError
 *
 * Reads the trace's formats (the headers kept in the store) now rather than
 * on the first event decoded: some 0.1 s on a trace with kallsyms, during
 * which other connections wait to decode (libtraceevent parses one handle at
 * a time).
 *
 * Returns: %FALSE with @error set when they cannot be read.
 */
gboolean
remora_store_load_formats (RemoraStore *self, GError **error)
{
  g_return_val_if_fail (REMORA_IS_STORE (self), FALSE);
  return ensure_headers (self, error);
}

/**
 * remora_store_get_tep:
 * @self: a #RemoraStore
 * @error: a location for a #GError
 *
 * The trace's formats, read from the store's copy of its headers on first
 * use, owned by the store and used from its thread only.
 *
 * Returns: (transfer none): the handle, or %NULL with @error set.
 */
struct tep_handle *
remora_store_get_tep (RemoraStore *self, GError **error)
{
  if (!ensure_headers (self, error))
    return NULL;
  return tracecmd_get_tep (self->headers);
}

/**
 * remora_store_read_record:
 * @self: a #RemoraStore
 * @event_id: an event's id
 * @ts: its time
 * @cpu: its CPU
 * @rec: (out caller-allocates): the record, its data valid until the next
 *   read of another chunk
 * @error: a location for a #GError
 *
 * The raw record of an event, from its chunk of payloads (the last chunk
 * read is kept).
 *
 * Returns: %FALSE with @error set when the payloads are missing or damaged.
 */
gboolean
remora_store_read_record (
    RemoraStore *self, gint64 event_id, gint64 ts, int cpu, struct tep_record *rec, GError **error)
{
  guint index = event_id & ((1 << REMORA_STORE_CHUNK_SHIFT) - 1);

  if (!load_chunk (self, event_id >> REMORA_STORE_CHUNK_SHIFT, error))
    return FALSE;
  if (index >= self->cached_n)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
                   _ ("Failed to read the store “%s”: the payload of event %lld is damaged"),
                   self->path, (long long) event_id);
      return FALSE;
    }
  memset (rec, 0, sizeof *rec);
  rec->ts = ts;
  rec->cpu = cpu;
  rec->size = self->cached_sizes[index];
  rec->data = (void *) ((const guint8 *) g_bytes_get_data (self->cached_chunk_data, NULL) +
                        self->cached_offsets[index]);
  return TRUE;
}

/**
 * remora_store_print_event:
 * @tep: a store's handle
 * @seq: where the text goes
 * @rec: the record
 * @what: TEP_PRINT_INFO, TEP_PRINT_INFO_RAW or TEP_PRINT_LATENCY
 *
 * tep_print_event(), one thread at a time.
 */
void
remora_store_print_event (struct tep_handle *tep,
                          struct trace_seq  *seq,
                          struct tep_record *rec,
                          const char        *what)
{
  remora_store_lock_libraries ();
  tep_print_event (tep, seq, rec, "%s", what);
  remora_store_unlock_libraries ();
}

/**
 * remora_store_locate_event:
 * @self: a #RemoraStore
 * @event_id: an event's id
 * @ts: (out): its time
 * @cpu: (out): its CPU
 * @error: a location for a #GError
 *
 * Where an event's record is: what remora_store_read_record() takes.
 *
 * Returns: %FALSE with @error set (%REMORA_DATA_ERROR_NOT_FOUND_IN_STORE
 *   when the store has no such event).
 */
gboolean
remora_store_locate_event (RemoraStore *self, gint64 event_id, gint64 *ts, int *cpu, GError **error)
{
  sqlite3_stmt *st;
  int           rc;

  if (self->st_event == NULL &&
      !remora_sqlite_prepare (self->db, "SELECT ts, cpu FROM event_rows WHERE id = ?", TRUE,
                              &self->st_event, self->path, error))
    return FALSE;
  st = self->st_event;
  sqlite3_reset (st);
  sqlite3_bind_int64 (st, 1, event_id);
  if ((rc = sqlite3_step (st)) != SQLITE_ROW)
    {
      if (remora_store_check (self, rc, error))
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_NOT_FOUND_IN_STORE,
                     _ ("The store “%s” has no event %lld"), self->path, (long long) event_id);
      return FALSE;
    }
  *ts = remora_store_column_ts (self, st, 0);
  *cpu = remora_store_column_cpu (self, st, 1);
  if (!remora_store_check (self, rc, error))
    return FALSE;
  sqlite3_reset (st);
  return TRUE;
}

static char *
dup_event_text (RemoraStore *self, gint64 event_id, const char *what, GError **error)
{
  gint64 ts;
  int    cpu;

  g_return_val_if_fail (REMORA_IS_STORE (self), NULL);

  if (!remora_store_locate_event (self, event_id, &ts, &cpu, error))
    return NULL;
  return remora_store_dup_event_text_at (self, event_id, ts, cpu, what, error);
}

/**
 * remora_store_describe_damaged:
 * @check: what remora_payload_check() found, not %REMORA_PAYLOAD_OK
 * @rec: the record
 * @event: the event its id names, if any
 *
 * Returns: (transfer full): the text shown for a record that was damaged in
 *   the trace, in place of its fields
 */
char *
remora_store_describe_damaged (RemoraPayloadCheck check,
                               struct tep_record *rec,
                               struct tep_event  *event)
{
  switch (check)
    {
    case REMORA_PAYLOAD_SHORT:
      return g_strdup_printf (_ ("[damaged record: %d bytes are too few for an event]"), rec->size);
    case REMORA_PAYLOAD_UNKNOWN:
      return g_strdup (_ ("[damaged record: no event of the trace has its id]"));
    case REMORA_PAYLOAD_MISFIT:
    case REMORA_PAYLOAD_OK:
    default:
      return g_strdup_printf (_ ("[damaged record: its %d bytes do not fit the format of %s]"),
                              rec->size, event != NULL && event->name ? event->name : "?");
    }
}

/**
 * remora_store_dup_event_text_at:
 * @self: a #RemoraStore
 * @event_id: an event's id
 * @ts: its time
 * @cpu: its CPU
 * @what: TEP_PRINT_INFO, TEP_PRINT_INFO_RAW or TEP_PRINT_LATENCY
 * @error: a location for a #GError
 *
 * remora_store_dup_event_info() or remora_store_dup_event_latency() of an
 * event whose time and CPU the caller has read already.
 *
 * Returns: (transfer full): the text, or %NULL with @error set.
 */
char *
remora_store_dup_event_text_at (
    RemoraStore *self, gint64 event_id, gint64 ts, int cpu, const char *what, GError **error)
{
  struct tep_record rec = { 0 };
  struct trace_seq  seq;
  char             *text;

  if (!ensure_headers (self, error))
    return NULL;
  if (!remora_store_read_record (self, event_id, ts, cpu, &rec, error))
    return NULL;

  /* libtraceevent reads fields where the format says, whatever the size: a
   * record that was damaged in the trace is described, not decoded */
  {
    struct tep_handle *tep = tracecmd_get_tep (self->headers);
    struct tep_event  *event;

    RemoraPayloadCheck check =
        remora_payload_check (tep, remora_payload_common_size (tep), &rec, &event);

    if (check != REMORA_PAYLOAD_OK && g_str_equal (what, TEP_PRINT_LATENCY))
      return g_strdup ("");
    if (check != REMORA_PAYLOAD_OK)
      return remora_store_describe_damaged (check, &rec, event);
  }

  trace_seq_init (&seq);
  remora_store_print_event (tracecmd_get_tep (self->headers), &seq, &rec, what);
  trace_seq_terminate (&seq);
  text = g_strndup (seq.buffer, seq.len);
  trace_seq_destroy (&seq);
  return text;
}
