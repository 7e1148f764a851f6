/* test-data-import.c: committed fixtures imported and checked against values
 * from trace-cmd report (tests/traces/NAME.expected) and against pairs that
 * this test computes on its own from the raw events kept in the store.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <utime.h>

#include "remora-test-util.h"

static const char *fixtures[] = { "sched-block-v6", "multi-buffer-v7", "function-graph-v7", NULL };

typedef struct
{
  char        *name;
  char        *dir;
  char        *trace;
  char        *store_path;
  RemoraStore *store;
  GKeyFile    *expected;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autofree char *file = g_strconcat (data, ".dat", NULL);

  f->name = g_strdup (data);
  f->trace = remora_test_fixture_path (file);
  if (!g_file_test (f->trace, G_FILE_TEST_EXISTS))
    return;
  f->dir = remora_test_make_tmpdir ();
  f->store = remora_test_import (f->trace, f->dir, &f->store_path);
  f->expected = remora_test_load_expected (f->name);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->expected, g_key_file_unref);
  if (f->dir)
    remora_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->trace);
  g_free (f->store_path);
  g_free (f->name);
}

static gboolean
skip_if_missing (Fixture *f)
{
  if (f->store == NULL)
    {
      g_test_skip ("fixture not committed");
      return TRUE;
    }
  return FALSE;
}

static void
test_counts (Fixture *f, gconstpointer data)
{
  g_auto (GStrv) names = NULL;
  gsize         n_names;
  sqlite3_stmt *st = NULL;
  gint64        total = 0;

  if (skip_if_missing (f))
    return;

  names = g_key_file_get_keys (f->expected, "events", &n_names, NULL);
  g_assert_cmpuint (n_names, >, 0);
  g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (f->store),
                                       "SELECT count(*) FROM events WHERE name = ?", -1, &st, NULL),
                   ==, SQLITE_OK);
  for (gsize i = 0; i < n_names; i++)
    {
      gint64 want = g_key_file_get_int64 (f->expected, "events", names[i], NULL);
      sqlite3_bind_text (st, 1, names[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
      if (sqlite3_column_int64 (st, 0) != want)
        g_error ("%s: %s: store has %" G_GINT64_FORMAT ", trace-cmd report %" G_GINT64_FORMAT,
                 f->name, names[i], (gint64) sqlite3_column_int64 (st, 0), want);
      sqlite3_reset (st);
      total += want;
    }
  sqlite3_finalize (st);

  g_assert_cmpint (total, ==, g_key_file_get_int64 (f->expected, "trace", "events", NULL));
  g_assert_cmpint (remora_test_query_int (f->store, "SELECT count(*) FROM events"), ==, total);
  g_assert_cmpint (remora_test_query_int (f->store, "SELECT count(DISTINCT name) FROM events"), ==,
                   n_names);
  g_assert_cmpint (remora_store_get_meta_int (f->store, "events", -1), ==, total);
  g_assert_cmpint (remora_store_get_meta_int (f->store, "first_ts", -1), ==,
                   g_key_file_get_int64 (f->expected, "trace", "first_ts", NULL));
  g_assert_cmpint (remora_store_get_meta_int (f->store, "last_ts", -1), ==,
                   g_key_file_get_int64 (f->expected, "trace", "last_ts", NULL));
  g_assert_cmpint (remora_store_get_meta_int (f->store, "cpus", -1), ==,
                   g_key_file_get_int64 (f->expected, "trace", "cpus", NULL));
  g_assert_cmpint (remora_store_get_meta_int (f->store, "partial", -1), ==, 0);
  g_assert_cmpint (remora_test_query_int (f->store, "SELECT sum(count) FROM event_types"), ==,
                   total);
  g_assert_cmpint (remora_test_query_int (f->store, "SELECT sum(events) FROM cpus"), ==, total);

  /* per buffer */
  {
    g_auto (GStrv) bufs = g_key_file_get_keys (f->expected, "buffers", NULL, NULL);
    for (guint i = 0; bufs && bufs[i]; i++)
      {
        const char      *buf = g_str_equal (bufs[i], "top") ? "" : bufs[i];
        char            *q = sqlite3_mprintf ("SELECT count(*) FROM events WHERE buffer = %Q", buf);
        g_autofree char *sql = g_strdup (q);
        sqlite3_free (q);
        g_assert_cmpint (remora_test_query_int (f->store, sql), ==,
                         g_key_file_get_int64 (f->expected, "buffers", bufs[i], NULL));
      }
  }

  /* id order is time order */
  g_assert_cmpint (remora_store_get_meta_int (f->store, "ts_monotonic", -1), ==, 1);
  g_assert_cmpint (remora_test_query_int (f->store,
                                          "SELECT count(*) FROM event_rows a JOIN event_rows b "
                                          "ON b.id = a.id + 1 WHERE b.ts < a.ts"),
                   ==, 0);
}

/* The value of "key=" in a raw field listing, or NULL. */
static const char *
raw_field (const char *text, const char *key, char *buf, gsize len)
{
  gsize       klen = strlen (key);
  const char *p = text;

  while ((p = strstr (p, key)) != NULL)
    {
      if ((p == text || p[-1] == ' ') && p[klen] == '=')
        {
          const char *v = p + klen + 1;
          gsize       n = strcspn (v, " ");
          n = MIN (n, len - 1);
          memcpy (buf, v, n);
          buf[n] = 0;
          return buf;
        }
      p += klen;
    }
  return NULL;
}

static gint64
raw_int (const char *text, const char *key)
{
  char buf[64];
  g_assert_nonnull (raw_field (text, key, buf, sizeof buf));
  return g_ascii_strtoll (buf, NULL, 0);
}

typedef struct
{
  gint64 ts;
  int    pid;
} Pending;

typedef struct
{
  guint64  key_sector;
  gint64   dev;
  gint64   ts;
  char     rwbs[16];
  gboolean zero;
} OpenReq;

static int
cmp_i64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

/* The pairing rules of SCHEMA.md written again, plainly, over events decoded
 * from the store's payloads; compared with the importer's pair tables. */
static void
test_pairs_independent (Fixture *f, gconstpointer data)
{
  g_autoptr (GArray) wake_lat = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) block_lat = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) stored = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GHashTable) pending = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr (GArray) open = g_array_new (FALSE, FALSE, sizeof (OpenReq));
  int           running[256];
  gint64        while_running = 0, duplicates = 0, stale = 0, without_issue = 0;
  sqlite3_stmt *st = NULL;

  if (skip_if_missing (f))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (running); i++)
    running[i] = -1;

  /* the top-level buffer, in id (time) order */
  g_assert_cmpint (
      sqlite3_prepare_v2 (remora_store_get_db (f->store),
                          "SELECT id, ts, cpu, name FROM events WHERE buffer = '' AND name IN "
                          "('sched_switch', 'sched_wakeup', 'sched_wakeup_new', 'block_rq_issue', "
                          "'block_rq_complete', 'block_rq_requeue') ORDER BY id",
                          -1, &st, NULL),
      ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autoptr (GError) error = NULL;
      gint64           id = sqlite3_column_int64 (st, 0);
      gint64           ts = sqlite3_column_int64 (st, 1);
      int              cpu = sqlite3_column_int (st, 2);
      const char      *name = (const char *) sqlite3_column_text (st, 3);
      g_autofree char *raw = remora_store_dup_event_info (f->store, id, TRUE, &error);

      g_assert_no_error (error);
      g_assert_cmpint (cpu, <, (int) G_N_ELEMENTS (running));
      if (g_str_equal (name, "sched_switch"))
        {
          int      prev = (int) raw_int (raw, "prev_pid");
          int      next = (int) raw_int (raw, "next_pid");
          Pending *p;

          if (prev != 0 && g_hash_table_remove (pending, GINT_TO_POINTER (prev)))
            stale++;
          if (next != 0 && (p = g_hash_table_lookup (pending, GINT_TO_POINTER (next))))
            {
              gint64 lat = ts - p->ts;
              g_array_append_val (wake_lat, lat);
              g_hash_table_remove (pending, GINT_TO_POINTER (next));
            }
          running[cpu] = next;
        }
      else if (g_str_has_prefix (name, "sched_wakeup"))
        {
          int      pid = (int) raw_int (raw, "pid");
          gboolean is_running = FALSE;

          if (pid == 0)
            continue;
          for (guint c = 0; c < G_N_ELEMENTS (running); c++)
            is_running |= running[c] == pid;
          if (is_running)
            while_running++;
          else if (g_hash_table_contains (pending, GINT_TO_POINTER (pid)))
            duplicates++;
          else
            {
              Pending *p = g_new0 (Pending, 1);
              p->ts = ts;
              p->pid = pid;
              g_hash_table_insert (pending, GINT_TO_POINTER (pid), p);
            }
        }
      else
        {
          OpenReq r = { 0 };
          char    rwbs[16];
          gint64  nr = raw_int (raw, "nr_sector");
          guint   i;

          r.dev = raw_int (raw, "dev");
          r.zero = nr == 0;
          r.key_sector = r.zero ? 0
                                : (guint64) g_ascii_strtoull (
                                      raw_field (raw, "sector", rwbs, sizeof rwbs), NULL, 0);
          g_strlcpy (r.rwbs, raw_field (raw, "rwbs", rwbs, sizeof rwbs), sizeof r.rwbs);
          r.ts = ts;
          if (g_str_equal (name, "block_rq_issue"))
            {
              g_array_append_val (open, r);
              continue;
            }
          for (i = 0; i < open->len; i++)
            {
              OpenReq *o = &g_array_index (open, OpenReq, i);
              if (o->dev == r.dev && o->zero == r.zero &&
                  (r.zero ? g_str_equal (o->rwbs, r.rwbs) : o->key_sector == r.key_sector))
                break;
            }
          if (i == open->len)
            {
              if (g_str_equal (name, "block_rq_complete"))
                without_issue++;
              continue;
            }
          if (g_str_equal (name, "block_rq_complete"))
            {
              gint64 lat = ts - g_array_index (open, OpenReq, i).ts;
              g_array_append_val (block_lat, lat);
            }
          g_array_remove_index (open, i);
        }
    }
  sqlite3_finalize (st);

  /* the stored latencies, as a sorted list, equal the recomputed ones */
  g_array_sort (wake_lat, cmp_i64);
  g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (f->store),
                                       "SELECT latency_ns FROM wakeups WHERE buffer_id = 0 AND "
                                       "latency_ns IS NOT NULL ORDER BY latency_ns",
                                       -1, &st, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 v = sqlite3_column_int64 (st, 0);
      g_array_append_val (stored, v);
    }
  sqlite3_finalize (st);
  g_assert_cmpuint (stored->len, ==, wake_lat->len);
  g_assert_cmpmem (stored->data, stored->len * sizeof (gint64), wake_lat->data,
                   wake_lat->len * sizeof (gint64));
  g_test_message ("%s: %u wakeups measured", f->name, wake_lat->len);

  g_array_set_size (stored, 0);
  g_array_sort (block_lat, cmp_i64);
  g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (f->store),
                                       "SELECT latency_ns FROM block_requests WHERE buffer_id = 0 "
                                       "AND latency_ns IS NOT NULL ORDER BY latency_ns",
                                       -1, &st, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 v = sqlite3_column_int64 (st, 0);
      g_array_append_val (stored, v);
    }
  sqlite3_finalize (st);
  g_assert_cmpuint (stored->len, ==, block_lat->len);
  g_assert_cmpmem (stored->data, stored->len * sizeof (gint64), block_lat->data,
                   block_lat->len * sizeof (gint64));

  /* counters and the nearest-rank summary */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (RemoraTraceStats) stats = remora_trace_stats_new (f->store, &error);
    g_assert_no_error (error);
    g_assert_cmpint (remora_trace_stats_get_pair_count (stats, "", "wakeup_while_running"), ==,
                     while_running);
    g_assert_cmpint (remora_trace_stats_get_pair_count (stats, "", "duplicate_wakeups"), ==,
                     duplicates);
    g_assert_cmpint (remora_trace_stats_get_pair_count (stats, "", "stale_dropped"), ==, stale);
    g_assert_cmpint (remora_trace_stats_get_pair_count (stats, "", "wakeups_unmatched_at_end"), ==,
                     g_hash_table_size (pending));
    g_assert_cmpint (remora_trace_stats_get_pair_count (stats, "", "block_complete_without_issue"),
                     ==, without_issue);
    g_assert_cmpint (remora_trace_stats_get_pair_count (stats, "", "block_issued_not_completed"),
                     ==, open->len);
    if (wake_lat->len > 0 && remora_store_get_meta_int (f->store, "buffers", 1) == 1)
      {
        guint n = wake_lat->len;
        /* p(q) = sorted[ceil(q n) - 1] */
        g_assert_cmpint (stats->wakeup_latency.count, ==, n);
        g_assert_cmpint (stats->wakeup_latency.min_ns, ==, g_array_index (wake_lat, gint64, 0));
        g_assert_cmpint (stats->wakeup_latency.max_ns, ==, g_array_index (wake_lat, gint64, n - 1));
        g_assert_cmpint (stats->wakeup_latency.p50_ns, ==,
                         g_array_index (wake_lat, gint64, (50 * n + 99) / 100 - 1));
        g_assert_cmpint (stats->wakeup_latency.p99_ns, ==,
                         g_array_index (wake_lat, gint64, (99 * n + 99) / 100 - 1));
      }
  }
}

static void
test_slices (Fixture *f, gconstpointer data)
{
  if (skip_if_missing (f))
    return;
  /* slices of one CPU never overlap and lie within the CPU's span */
  g_assert_cmpint (remora_test_query_int (
                       f->store, "SELECT count(*) FROM sched_slices a JOIN sched_slices b "
                                 "ON a.buffer_id = b.buffer_id AND a.cpu = b.cpu AND a.id < b.id "
                                 "AND a.end_ts > b.start_ts AND b.end_ts > a.start_ts"),
                   ==, 0);
  g_assert_cmpint (remora_test_query_int (f->store,
                                          "SELECT count(*) FROM sched_slices s JOIN cpus c ON "
                                          "c.buffer_id = s.buffer_id AND c.cpu = s.cpu WHERE "
                                          "s.start_ts < c.first_ts OR s.end_ts > c.last_ts"),
                   ==, 0);
  /* one slice ends at every switch, plus the last open slice of each CPU */
  g_assert_cmpint (
      remora_test_query_int (f->store,
                             "SELECT count(*) FROM sched_slices WHERE end_state IS NOT NULL"),
      ==,
      remora_test_query_int (f->store, "SELECT count(*) FROM events WHERE name = 'sched_switch'"));
}

static void
test_decode (Fixture *f, gconstpointer data)
{
  sqlite3_stmt *st = NULL;
  int           n = 0;

  if (skip_if_missing (f))
    return;
  /* trace_marker text, decoded from the payload, holds what the prints table says */
  g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (f->store),
                                       "SELECT event_id, text FROM prints", -1, &st, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *info =
          remora_store_dup_event_info (f->store, sqlite3_column_int64 (st, 0), FALSE, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (info, (const char *) sqlite3_column_text (st, 1)));
      n++;
    }
  sqlite3_finalize (st);
  g_test_message ("%s: %d print events decoded", f->name, n);

  /* a switch's decoded next_pid is the pid of the slice that starts there */
  g_assert_cmpint (
      sqlite3_prepare_v2 (remora_store_get_db (f->store),
                          "SELECT e.id, s.pid FROM events e JOIN sched_slices s ON "
                          "s.buffer_id = e.buffer_id AND s.cpu = e.cpu AND s.start_ts = e.ts "
                          "WHERE e.name = 'sched_switch' LIMIT 200",
                          -1, &st, NULL),
      ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *raw =
          remora_store_dup_event_info (f->store, sqlite3_column_int64 (st, 0), TRUE, &error);
      g_assert_no_error (error);
      g_assert_cmpint (raw_int (raw, "next_pid"), ==, sqlite3_column_int (st, 1));
    }
  sqlite3_finalize (st);

  /* an id past the end is an error, not a crash */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *none = remora_store_dup_event_info (f->store, G_MAXINT64 / 2, FALSE, &error);
    g_assert_null (none);
    g_assert_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_NOT_FOUND_IN_STORE);
  }
}

static void
assert_plan_uses (RemoraStore *store, const char *sql, const char *index)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr (GString) plan = g_string_new (NULL);
  sqlite3_stmt *st = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (store), explain, -1, &st, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (st, 3));
  sqlite3_finalize (st);
  if (strstr (plan->str, index) == NULL)
    g_error ("query “%s” does not use %s:\n%s", sql, index, plan->str);
}

static void
test_indexes (Fixture *f, gconstpointer data)
{
  if (skip_if_missing (f))
    return;
  assert_plan_uses (f->store,
                    "SELECT chunk FROM chunk_cpus WHERE buffer_id = 0 AND cpu = 1 "
                    "AND chunk BETWEEN 1 AND 9",
                    "PRIMARY KEY (buffer_id=? AND cpu=? AND chunk>? AND chunk<?)");
  assert_plan_uses (f->store,
                    "SELECT chunk FROM chunk_pids WHERE pid = 12 AND chunk BETWEEN 1 AND 9",
                    "PRIMARY KEY (pid=? AND chunk>? AND chunk<?)");
  assert_plan_uses (f->store,
                    "SELECT chunk FROM chunk_types WHERE type = 3 AND chunk BETWEEN 1 AND 9",
                    "PRIMARY KEY (type=? AND chunk>? AND chunk<?)");
  /* a chunk's events are a rowid range */
  assert_plan_uses (f->store,
                    "SELECT n.id FROM chunk_pids c CROSS JOIN event_rows n WHERE c.pid = 12 AND "
                    "n.id BETWEEN c.chunk << 10 AND (c.chunk << 10) + 1023 AND n.pid = 12",
                    "INTEGER PRIMARY KEY (rowid>? AND rowid<?)");
  assert_plan_uses (f->store,
                    "SELECT * FROM sched_slices WHERE cpu = 0 AND start_ts BETWEEN 1 AND 2",
                    "sched_slices_cpu_ts");
  assert_plan_uses (f->store, "SELECT * FROM wakeups ORDER BY latency_ns DESC LIMIT 10",
                    "wakeups_latency");
  assert_plan_uses (f->store, "SELECT first_id FROM event_chunks WHERE last_ts >= 5 LIMIT 1",
                    "event_chunks_last_ts");
}

static void
test_reuse (Fixture *f, gconstpointer data)
{
  g_autofree char *copy = NULL;
  g_autofree char *reason = NULL;
  g_autoptr (RemoraStore) store = NULL;
  g_autofree char *store_path = NULL;
  struct utimbuf   times = { 1000000000, 1000000000 };

  if (skip_if_missing (f))
    return;
  g_assert_true (remora_store_matches_trace (f->store, f->trace, NULL));

  /* a copy of the trace with another mtime is not the same trace */
  copy = remora_test_copy_file (f->trace, f->dir, "copy.dat", G_MAXSIZE);
  store = remora_test_import (copy, f->dir, &store_path);
  g_assert_true (remora_store_matches_trace (store, copy, NULL));
  g_assert_cmpint (utime (copy, &times), ==, 0);
  g_assert_false (remora_store_matches_trace (store, copy, &reason));
  g_assert_nonnull (reason);

  /* the store stands alone: the trace is gone, the store still answers */
  g_assert_cmpint (g_unlink (copy), ==, 0);
  g_clear_object (&store);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (RemoraTraceStats) stats = NULL;
    g_autoptr (RemoraStore) again = remora_store_open (store_path, &error);
    g_autofree char *info = NULL;
    g_assert_no_error (error);
    stats = remora_trace_stats_new (again, &error);
    g_assert_no_error (error);
    g_assert_cmpint (stats->events, >, 0);
    info = remora_store_dup_event_info (again, stats->events - 1, FALSE, &error);
    g_assert_no_error (error);
    g_assert_nonnull (info);
  }
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  int        notifies;
  double     last_fraction;
  gboolean   went_back;
} AsyncRun;

static void
on_fraction (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  AsyncRun *run = user_data;
  double    f = remora_importer_get_fraction (REMORA_IMPORTER (object));

  /* notifications arrive on the main thread */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  if (f < run->last_fraction)
    run->went_back = TRUE;
  run->last_fraction = f;
  run->notifies++;
}

static void
on_done (GObject *object, GAsyncResult *result, gpointer user_data)
{
  AsyncRun *run = user_data;
  run->ok = remora_importer_import_finish (REMORA_IMPORTER (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_async_progress (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (RemoraImporter) importer = NULL;
  AsyncRun run = { 0 };

  if (skip_if_missing (f))
    return;
  path = g_build_filename (f->dir, "async.remora", NULL);
  importer = remora_importer_new (f->trace, path);
  run.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (importer, "notify::fraction", G_CALLBACK (on_fraction), &run);
  remora_importer_import_async (importer, NULL, on_done, &run);
  g_main_loop_run (run.loop);
  /* the last notification may come after the callback */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpint (run.notifies, >, 0);
  g_assert_false (run.went_back);
  g_assert_cmpfloat (remora_importer_get_fraction (importer), ==, 1.0);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_main_loop_unref (run.loop);
}

static guint
count_files (const char *dir, const char *prefix)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint       n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    n += g_str_has_prefix (name, prefix);
  return n;
}

static void
cancel_soon (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  /* cancel once the events are streaming in */
  if (remora_importer_get_events_read (REMORA_IMPORTER (object)) > 0)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (RemoraImporter) importer = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  AsyncRun run = { 0 };

  if (skip_if_missing (f))
    return;

  /* cancelled before it starts */
  path = g_build_filename (f->dir, "cancelled.remora", NULL);
  importer = remora_importer_new (f->trace, path);
  g_cancellable_cancel (cancellable);
  g_assert_false (remora_importer_run (importer, cancellable, &run.error));
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (f->dir, "cancelled.remora"), ==, 0);
  g_clear_object (&importer);

  /* cancelled while it runs: nothing is left behind */
  g_cancellable_reset (cancellable);
  importer = remora_importer_new (f->trace, path);
  run.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (importer, "notify::fraction", G_CALLBACK (cancel_soon), cancellable);
  remora_importer_import_async (importer, cancellable, on_done, &run);
  g_main_loop_run (run.loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* a small fixture may finish before the cancellation is seen */
  if (run.ok)
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  else
    {
      g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  g_clear_error (&run.error);
  g_assert_cmpuint (count_files (f->dir, "cancelled.remora.tmp"), ==, 0);
  g_assert_cmpuint (count_files (f->dir, ".remora-"), ==, 0);
  g_main_loop_unref (run.loop);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; fixtures[i]; i++)
    {
      static const struct
      {
        const char *name;
        void (*func) (Fixture *, gconstpointer);
      } cases[] = {
        { "counts", test_counts },
        { "pairs-independent", test_pairs_independent },
        { "slices", test_slices },
        { "decode", test_decode },
        { "indexes", test_indexes },
        { "reuse", test_reuse },
        { "async-progress", test_async_progress },
        { "cancel", test_cancel },
      };
      for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
        {
          g_autofree char *path =
              g_strdup_printf ("/remora/data/import/%s/%s", fixtures[i], cases[c].name);
          g_test_add (path, Fixture, fixtures[i], fixture_setup, cases[c].func, fixture_teardown);
        }
    }
  return g_test_run ();
}
