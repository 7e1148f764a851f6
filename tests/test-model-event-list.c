/* test-model-event-list.c: the event list's pages hold exactly the store's
 * events in order, wherever they are asked, with the gaps of lost events
 * where trace-cmd report prints them; its rows read as trace-cmd report -l
 * prints them.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <string.h>

#include "remora-test-util.h"

static void
wait_ready (RemoraEventList *list)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!remora_event_list_get_ready (list))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_null (remora_event_list_get_error (list));
}

/* The item at @position is the store's event @id, as the events view has it. */
static void
check_event (RemoraStore *store, sqlite3_stmt *st, RemoraEventItem *item, gint64 id)
{
  g_autofree char *info = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (remora_event_item_get_lost (item));
  g_assert_cmpint (remora_event_item_get_id (item), ==, id);
  sqlite3_reset (st);
  sqlite3_bind_int64 (st, 1, id);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpint (remora_event_item_get_ts (item), ==, sqlite3_column_int64 (st, 0));
  g_assert_cmpint (remora_event_item_get_cpu (item), ==, sqlite3_column_int (st, 1));
  g_assert_cmpint (remora_event_item_get_pid (item), ==, sqlite3_column_int (st, 2));
  g_assert_cmpstr (remora_event_item_get_name (item), ==,
                   (const char *) sqlite3_column_text (st, 3));
  g_assert_cmpint (remora_event_item_get_buffer_id (item), ==, sqlite3_column_int (st, 4));
  info = remora_store_dup_event_info (store, id, FALSE, &error);
  g_assert_no_error (error);
  g_strchomp (info);
  g_assert_cmpstr (remora_event_item_get_info (item), ==, info);
}

/* Pages asked in random order, far apart and back, hold the store's events. */
static void
test_random_offsets (gconstpointer data)
{
  const char      *fixture = data;
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *src = remora_test_fixture_path (fixture);
  g_autofree char *path = remora_test_copy_file (src, dir, "trace.dat", G_MAXSIZE);
  g_autoptr (RemoraStore) store = remora_test_import (path, dir, NULL);
  g_autoptr (RemoraEventList) list = remora_event_list_new (store);
  gint64        events = remora_store_get_info (store)->events;
  sqlite3_stmt *st = NULL;
  GRand        *rand = g_rand_new_with_seed (20261203);

  wait_ready (list);
  g_assert_cmpint (remora_event_list_get_n_lost_rows (list), ==,
                   remora_test_query_int (store, "SELECT count(*) FROM lost_events"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    events + remora_event_list_get_n_lost_rows (list));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), events));
  g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (store),
                                       "SELECT ts, cpu, pid, name, buffer_id FROM events "
                                       "WHERE id = ?",
                                       -1, &st, NULL),
                   ==, SQLITE_OK);
  for (int i = 0; i < 60; i++)
    {
      /* the ends, then anywhere; a few rows on from each */
      guint position = i == 0   ? 0
                       : i == 1 ? (guint) events - 1
                                : (guint) g_rand_int_range (rand, 0, (gint32) events);
      for (guint j = position; j < MIN (position + 3, events); j++)
        {
          g_autoptr (RemoraEventItem) item = remora_test_load_item (list, j);
          check_event (store, st, item, j);
          g_assert_cmpint (remora_event_list_event_at (list, j), ==, j);
          g_assert_cmpuint (remora_event_list_position_of_event (list, j), ==, j);
        }
    }
  /* an item asked again while held is the same one */
  {
    g_autoptr (RemoraEventItem) a = g_list_model_get_item (G_LIST_MODEL (list), 5);
    g_autoptr (RemoraEventItem) b = g_list_model_get_item (G_LIST_MODEL (list), 5);
    g_assert_true (a == b);
  }
  sqlite3_finalize (st);
  g_rand_free (rand);
  g_clear_object (&list);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

typedef struct
{
  char  *lost; /* the whole line of a gap, else NULL */
  gint64 ts;   /* as printed: sec.nsec */
  int    pid;
  int    cpu;
  char  *latency; /* after the CPU: d..2. */
  char  *name;
  char  *info;
} ReportLine;

static void
report_line_clear (gpointer p)
{
  ReportLine *l = p;

  g_free (l->lost);
  g_free (l->latency);
  g_free (l->name);
  g_free (l->info);
}

/* trace-cmd report -l -t, line by line; NULL without trace-cmd. */
static GArray *
read_report (const char *trace)
{
  g_autofree char *trace_cmd = g_find_program_in_path ("trace-cmd");
  g_autofree char *out = NULL;
  const char      *argv[] = { "trace-cmd", "report", "-l", "-t", "-i", trace, NULL };
  g_auto (GStrv) lines = NULL;
  g_autoptr (GRegex) re = NULL;
  GArray *report;
  int     status;

  if (trace_cmd == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* comm-pid, CPU and latency, time: name: info */
  re = g_regex_new (
      "^\\s*(.*)-(\\d+)\\s+(\\d+)(\\S{5})\\s+(\\d+)\\.(\\d{9}):\\s+([^:\\s]+):\\s*(.*)$",
      G_REGEX_OPTIMIZE, 0, NULL);
  report = g_array_new (FALSE, TRUE, sizeof (ReportLine));
  g_array_set_clear_func (report, report_line_clear);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr (GMatchInfo) m = NULL;
      ReportLine l = { 0 };

      if (lines[i][0] == 0 || g_str_has_prefix (lines[i], "cpus="))
        continue;
      if (g_str_has_prefix (lines[i], "CPU:"))
        l.lost = g_strdup (lines[i]);
      else
        {
          g_autofree char *pid = NULL, *cpu = NULL, *sec = NULL, *nsec = NULL;

          if (!g_regex_match (re, lines[i], 0, &m))
            g_error ("trace-cmd report printed a line not understood: %s", lines[i]);
          pid = g_match_info_fetch (m, 2);
          cpu = g_match_info_fetch (m, 3);
          sec = g_match_info_fetch (m, 5);
          nsec = g_match_info_fetch (m, 6);
          l.pid = atoi (pid);
          l.cpu = atoi (cpu);
          l.latency = g_match_info_fetch (m, 4);
          l.ts = g_ascii_strtoll (sec, NULL, 10) * 1000000000 + g_ascii_strtoll (nsec, NULL, 10);
          l.name = g_match_info_fetch (m, 7);
          l.info = g_strchomp (g_match_info_fetch (m, 8));
        }
      g_array_append_val (report, l);
    }
  return report;
}

/* Every row of the list against trace-cmd report -l on a trace with a gap of
 * lost events: the gap's line in the same place, then the same events with
 * the same times, CPUs, pids, latency formats, names and texts. */
static void
test_reads_as_report (void)
{
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *src = remora_test_fixture_path ("sched-block-v6.dat");
  g_autofree char *path = remora_test_copy_file (src, dir, "lost.dat", G_MAXSIZE);
  g_autoptr (RemoraStore) store = NULL;
  g_autoptr (RemoraEventList) list = NULL;
  g_autoptr (GArray) report = NULL;
  guint n, gaps = 0;

  remora_test_mark_lost (path, src, dir);
  store = remora_test_import (path, dir, NULL);
  list = remora_event_list_new (store);
  wait_ready (list);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (remora_event_list_get_n_lost_rows (list), ==, 1);
  g_assert_cmpuint (n, ==, remora_store_get_info (store)->events + 1);

  report = read_report (path);
  if (report == NULL)
    g_test_message ("trace-cmd is not installed: the rows are not compared with its report");
  else
    g_assert_cmpuint (report->len, ==, n);
  for (guint p = 0; p < n; p++)
    {
      g_autoptr (RemoraEventItem) item = remora_test_load_item (list, p);
      const ReportLine *l = report ? &g_array_index (report, ReportLine, p) : NULL;

      if (remora_event_item_get_lost (item))
        {
          gaps++;
          g_assert_cmpint (remora_event_list_event_at (list, p), ==, -1);
          g_assert_cmpint (remora_event_item_get_cpu (item), ==, 1);
          /* before the first event of its CPU after the gap */
          {
            g_autoptr (RemoraEventItem) next = remora_test_load_item (list, p + 1);
            g_assert_cmpuint (
                remora_event_list_position_of_event (list, remora_event_item_get_id (next)), ==,
                p + 1);
          }
          if (l)
            g_assert_cmpstr (remora_event_item_get_info (item), ==, l->lost);
          continue;
        }
      g_assert_cmpint (remora_event_item_get_id (item), ==, (gint64) p - gaps);
      g_assert_cmpint (remora_event_list_event_at (list, p), ==, (gint64) p - gaps);
      if (l == NULL)
        continue;
      g_assert_null (l->lost);
      g_assert_cmpint (remora_event_item_get_ts (item), ==, l->ts);
      g_assert_cmpint (remora_event_item_get_cpu (item), ==, l->cpu);
      g_assert_cmpint (remora_event_item_get_pid (item), ==, l->pid);
      g_assert_cmpstr (remora_event_item_get_latency (item), ==, l->latency);
      g_assert_cmpstr (remora_event_item_get_name (item), ==, l->name);
      {
        g_autofree char *mine =
            remora_test_without_switch_state (l->name, remora_event_item_get_info (item));
        g_autofree char *theirs = remora_test_without_switch_state (l->name, l->info);
        g_assert_cmpstr (mine, ==, theirs);
      }
    }
  g_assert_cmpuint (gaps, ==, 1);
  g_assert_cmpuint (remora_event_list_get_pages_fetched (list), >, 0);
  g_clear_object (&list);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

static void
add_said (GMatchInfo *m, int name, GArray *pids, GPtrArray *names)
{
  g_autofree char *pid = g_match_info_fetch (m, name + 1);
  int              value = atoi (pid);

  g_array_append_val (pids, value);
  g_ptr_array_add (names, g_match_info_fetch (m, name));
}

/* What a line of trace-cmd report says of one task's name at its time:
 * sched_switch names both tasks (the one switched out is the one that
 * recorded it), sched_wakeup, sched_waking and sched_stat_* the one they
 * are about. Adds (pid, name) pairs to @pids and @names. */
static void
names_said (const ReportLine *l, GArray *pids, GPtrArray *names)
{
  static GRegex *sw, *wk, *eq;
  g_autoptr (GMatchInfo) m = NULL;

  if (sw == NULL)
    {
      sw = g_regex_new ("^(.+):(\\d+) \\[-?\\d+\\] \\S+ ==> (.+):(\\d+) \\[-?\\d+\\]$",
                        G_REGEX_OPTIMIZE, 0, NULL);
      wk = g_regex_new ("^(.+):(\\d+) \\[-?\\d+\\] (success=1 )?CPU:\\d+$", G_REGEX_OPTIMIZE, 0,
                        NULL);
      eq = g_regex_new ("^comm=(.+) pid=(\\d+) ", G_REGEX_OPTIMIZE, 0, NULL);
    }
  if (g_str_equal (l->name, "sched_switch") && g_regex_match (sw, l->info, 0, &m))
    {
      add_said (m, 1, pids, names);
      add_said (m, 3, pids, names);
    }
  else if (g_str_has_prefix (l->name, "sched_wakeup") && g_regex_match (wk, l->info, 0, &m))
    add_said (m, 1, pids, names);
  else if ((g_str_equal (l->name, "sched_waking") || g_str_has_prefix (l->name, "sched_stat_")) &&
           g_regex_match (eq, l->info, 0, &m))
    add_said (m, 1, pids, names);
}

/* The Task column is the name the task had at that moment: the name every
 * line of trace-cmd report gives a task in its fields at that line's time
 * (the idle task is <idle>), and the switched-out task's name for the row
 * of a sched_switch. Where a pid was renamed (exec, prctl) the list says so
 * where its one name in tasks would not. */
static void
check_names (const char *path, RemoraStore *store, gboolean renames)
{
  g_autoptr (RemoraEventList) list = remora_event_list_new (store);
  g_autoptr (GArray) report = read_report (path);
  g_autoptr (GError) error = NULL;
  RemoraNameHistory *names = remora_store_get_name_history (store, &error);
  guint              checked = 0, renamed = 0, n;

  g_assert_no_error (error);
  if (report == NULL)
    {
      g_test_skip ("trace-cmd is not installed");
      return;
    }
  wait_ready (list);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (report->len, ==, n);
  for (guint p = 0; p < n; p++)
    {
      const ReportLine *l = &g_array_index (report, ReportLine, p);
      g_autoptr (GArray) pids = g_array_new (FALSE, FALSE, sizeof (int));
      g_autoptr (GPtrArray) said = g_ptr_array_new_with_free_func (g_free);

      names_said (l, pids, said);
      for (guint k = 0; k < pids->len; k++)
        {
          int              pid = g_array_index (pids, int, k);
          const char      *want = pid == 0 ? "<idle>" : g_ptr_array_index (said, k);
          g_autofree char *sql = g_strdup_printf ("SELECT comm FROM tasks WHERE pid = %d", pid);
          g_autofree char *one = NULL;

          g_assert_cmpstr (remora_name_history_lookup (names, pid, l->ts), ==, want);
          {
            sqlite3_stmt *st = NULL;
            g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (store), sql, -1, &st, NULL),
                             ==, SQLITE_OK);
            if (sqlite3_step (st) == SQLITE_ROW)
              one = g_strdup ((const char *) sqlite3_column_text (st, 0));
            sqlite3_finalize (st);
          }
          if (pid != 0 && g_strcmp0 (one, want) != 0)
            renamed++;
          checked++;
          /* the row of a switch is the switched-out task's */
          if (k == 0 && g_str_equal (l->name, "sched_switch") && pid == l->pid)
            {
              g_autoptr (RemoraEventItem) item = remora_test_load_item (list, p);
              g_assert_cmpint (remora_event_item_get_pid (item), ==, pid);
              g_assert_cmpstr (remora_event_item_get_task (item), ==, want);
            }
        }
    }
  g_test_message ("%u names checked, %u of them not the pid's one name in tasks", checked, renamed);
  g_assert_cmpuint (checked, >, 100);
  if (renames)
    g_assert_cmpuint (renamed, >, 0);
}

static void
test_names (gconstpointer data)
{
  const char      *fixture = data;
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *src = remora_test_fixture_path (fixture);
  g_autoptr (RemoraStore) store = remora_test_import (src, dir, NULL);

  check_names (src, store, TRUE);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

static void
test_names_shared (gconstpointer data)
{
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autoptr (RemoraStore) store = remora_test_open_shared (data, &dir, &copy);

  if (store == NULL)
    return;
  check_names (copy, store, FALSE);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

/* A time finds the first event at or after it. */
static void
on_found (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  *(guint *) user_data =
      remora_event_list_find_time_finish (REMORA_EVENT_LIST (object), result, &error);
  g_assert_no_error (error);
}

static void
test_find_time (void)
{
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *src = remora_test_fixture_path ("sched-block-v6.dat");
  g_autoptr (RemoraStore) store = remora_test_import (src, dir, NULL);
  g_autoptr (RemoraEventList) list = remora_event_list_new (store);
  const RemoraTraceInfo *info = remora_store_get_info (store);
  gint64                 times[] = { info->first_ts - 1000,
                                     info->first_ts,
                                     info->first_ts + 123456789,
                                     (info->first_ts + info->last_ts) / 2,
                                     info->last_ts,
                                     info->last_ts + 1 };

  wait_ready (list);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      guint            got = G_MAXUINT;
      g_autofree char *sql = g_strdup_printf (
          "SELECT coalesce((SELECT min(id) FROM event_rows WHERE ts >= %" G_GINT64_FORMAT
          "), (SELECT max(id) FROM event_rows))",
          times[i]);

      remora_event_list_find_time_async (list, times[i], NULL, on_found, &got);
      while (got == G_MAXUINT)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (got, ==, remora_test_query_int (store, sql));
    }
  g_clear_object (&list);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

/* Next and previous of the same name, task or CPU, against plain scans. */
static void
on_neighbour (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  *(guint *) user_data =
      remora_event_list_find_neighbour_finish (REMORA_EVENT_LIST (object), result, &error);
  g_assert_no_error (error);
}

static void
test_neighbours (gconstpointer data)
{
  const char      *fixture = data;
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *src = remora_test_fixture_path (fixture);
  g_autoptr (RemoraStore) store = remora_test_import (src, dir, NULL);
  g_autoptr (RemoraEventList) list = remora_event_list_new (store);
  gint64      events = remora_store_get_info (store)->events;
  GRand      *rand = g_rand_new_with_seed (4242);
  const char *columns[] = { "name", "pid", "cpu" };

  wait_ready (list);
  for (int i = 0; i < 40; i++)
    {
      gint64 id = i == 0 ? 0 : i == 1 ? events - 1 : g_rand_int_range (rand, 0, (gint32) events);

      for (int alike = 0; alike < 3; alike++)
        for (int forward = 0; forward < 2; forward++)
          {
            guint got = G_MAXUINT - 1;
            /* the same column in the events view, scanned: names and CPUs
             * within the buffer, a task in any buffer */
            g_autofree char *sql = g_strdup_printf (
                "SELECT coalesce((SELECT %s(n.id) FROM events n, events e WHERE e.id = "
                "%" G_GINT64_FORMAT " AND n.%s = e.%s AND (%d OR n.buffer = e.buffer) "
                "AND n.id %s e.id), -1)",
                forward ? "min" : "max", id, columns[alike], columns[alike], alike == 1,
                forward ? ">" : "<");
            gint64 want = remora_test_query_int (store, sql);

            remora_event_list_find_neighbour_async (list, id, (RemoraNeighbour) alike, forward,
                                                    NULL, on_neighbour, &got);
            while (got == G_MAXUINT - 1)
              g_main_context_iteration (NULL, TRUE);
            if (want < 0)
              g_assert_cmpuint (got, ==, G_MAXUINT);
            else
              g_assert_cmpuint (got, ==, remora_event_list_position_of_event (list, want));
          }
    }
  g_rand_free (rand);
  g_clear_object (&list);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/remora/model/event-list/random-offsets/sched-block-v6",
                        "sched-block-v6.dat", test_random_offsets);
  g_test_add_data_func ("/remora/model/event-list/random-offsets/function-graph-v7",
                        "function-graph-v7.dat", test_random_offsets);
  g_test_add_data_func ("/remora/model/event-list/random-offsets/multi-buffer-v7",
                        "multi-buffer-v7.dat", test_random_offsets);
  g_test_add_func ("/remora/model/event-list/reads-as-report", test_reads_as_report);
  g_test_add_func ("/remora/model/event-list/find-time", test_find_time);
  g_test_add_data_func ("/remora/model/event-list/neighbours/sched-block-v6", "sched-block-v6.dat",
                        test_neighbours);
  g_test_add_data_func ("/remora/model/event-list/neighbours/multi-buffer-v7",
                        "multi-buffer-v7.dat", test_neighbours);
  g_test_add_data_func ("/remora/model/event-list/names/sched-block-v6", "sched-block-v6.dat",
                        test_names);
  {
    const char *shared[] = { "sched-block-small.dat", "sched-block-v7-zstd.dat",
                             "function-filtered.dat" };
    for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
      {
        g_autofree char *name =
            g_strdup_printf ("/remora/model/event-list/names/shared/%s", shared[i]);
        g_test_add_data_func (name, shared[i], test_names_shared);
      }
  }
  return g_test_run ();
}
