/* test-model-filter.c: what each kind of filter keeps is what trace-cmd
 * report keeps with --cpu and -F (the same events, in the same order), what
 * the store's own tables count, and what the report's text holds; a filter
 * that does not parse says what libtraceevent says; the event list shows the
 * events a filter keeps, and its CSV export holds them.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <string.h>

#include "remora-test-util.h"

typedef struct
{
  gint64 ts;
  int    cpu;
  int    pid;
} Seen;

/* The events of trace-cmd report -t ARGS, and (in @infos, when given) their
 * info; NULL without trace-cmd. */
static GArray *
read_report (const char *trace, const char *const *args, GPtrArray *infos)
{
  g_autofree char *trace_cmd = g_find_program_in_path ("trace-cmd");
  g_autofree char *out = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) lines = NULL;
  g_autoptr (GRegex) re = NULL;
  GArray *seen;
  int     status;

  if (trace_cmd == NULL)
    return NULL;
  g_ptr_array_add (argv, (char *) "trace-cmd");
  g_ptr_array_add (argv, (char *) "report");
  g_ptr_array_add (argv, (char *) "-t");
  /* without plugins, the function-graph plugin's merging of an entry and its
   * exit into one line included: one line per event */
  if (infos == NULL)
    g_ptr_array_add (argv, (char *) "-N");
  for (guint i = 0; args && args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, (char *) "-i");
  g_ptr_array_add (argv, (char *) trace);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  re =
      g_regex_new ("^\\s*(.*)-(\\d+)\\s+\\[(\\d+)\\]\\s+(\\d+)\\.(\\d{9}):\\s+([^:\\s]+):\\s*(.*)$",
                   G_REGEX_OPTIMIZE, 0, NULL);
  seen = g_array_new (FALSE, FALSE, sizeof (Seen));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr (GMatchInfo) m = NULL;
      g_autofree char *pid = NULL, *cpu = NULL, *sec = NULL, *nsec = NULL;
      Seen             s;

      if (lines[i][0] == 0 || g_str_has_prefix (lines[i], "cpus=") ||
          g_str_has_prefix (lines[i], "CPU:"))
        continue;
      if (!g_regex_match (re, lines[i], 0, &m))
        g_error ("trace-cmd report printed a line not understood: %s", lines[i]);
      pid = g_match_info_fetch (m, 2);
      cpu = g_match_info_fetch (m, 3);
      sec = g_match_info_fetch (m, 4);
      nsec = g_match_info_fetch (m, 5);
      s.pid = atoi (pid);
      s.cpu = atoi (cpu);
      s.ts = g_ascii_strtoll (sec, NULL, 10) * 1000000000 + g_ascii_strtoll (nsec, NULL, 10);
      g_array_append_val (seen, s);
      if (infos != NULL)
        g_ptr_array_add (infos, g_strchomp (g_match_info_fetch (m, 7)));
    }
  return seen;
}

/* Whether trace-cmd report -F refuses the filter (TRUE without trace-cmd). */
static gboolean
report_fails (const char *trace, const char *const *args)
{
  g_autofree char *trace_cmd = g_find_program_in_path ("trace-cmd");
  const char      *argv[] = { "trace-cmd", "report", args[0], args[1], "-i", trace, NULL };
  int              status;

  if (trace_cmd == NULL)
    return TRUE;
  g_assert_true (
      g_spawn_sync (NULL, (char **) argv, NULL,
                    G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, NULL));
  return !g_spawn_check_wait_status (status, NULL);
}

static RemoraEventMask *
run_filter (RemoraStore *store, const RemoraFilter *filter, GError **error)
{
  g_autoptr (RemoraFilterJob) job = remora_filter_job_new (store, filter);
  RemoraEventMask *mask = remora_filter_job_run (job, NULL, error);

  if (mask != NULL)
    g_assert_cmpfloat (remora_filter_job_get_fraction (job), ==, 1.0);
  return mask;
}

/* The mask's events, from the store. */
static GArray *
mask_events (RemoraStore *store, RemoraEventMask *mask)
{
  GArray       *seen = g_array_new (FALSE, FALSE, sizeof (Seen));
  sqlite3_stmt *st = NULL;
  gint64        n = remora_event_mask_get_count (mask);

  g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (store),
                                       "SELECT ts, cpu, pid FROM events WHERE id = ?", -1, &st,
                                       NULL),
                   ==, SQLITE_OK);
  for (gint64 k = 0; k < n; k++)
    {
      gint64 id = remora_event_mask_select (mask, k);
      Seen   s;

      g_assert_cmpint (id, >=, 0);
      g_assert_true (remora_event_mask_contains (mask, id));
      g_assert_cmpint (remora_event_mask_rank (mask, id), ==, k);
      sqlite3_reset (st);
      sqlite3_bind_int64 (st, 1, id);
      g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
      s.ts = sqlite3_column_int64 (st, 0);
      s.cpu = sqlite3_column_int (st, 1);
      s.pid = sqlite3_column_int (st, 2);
      g_array_append_val (seen, s);
    }
  g_assert_cmpint (remora_event_mask_select (mask, n), ==, -1);
  sqlite3_finalize (st);
  return seen;
}

static void
assert_same_events (GArray *ours, GArray *report, const char *what)
{
  if (ours->len != report->len)
    g_error ("%s: Remora keeps %u events, trace-cmd report %u", what, ours->len, report->len);
  for (guint i = 0; i < ours->len; i++)
    {
      Seen *a = &g_array_index (ours, Seen, i), *b = &g_array_index (report, Seen, i);
      if (a->ts != b->ts || a->cpu != b->cpu || a->pid != b->pid)
        g_error ("%s: event %u is %" G_GINT64_FORMAT " [%d] %d in Remora, %" G_GINT64_FORMAT
                 " [%d] %d in trace-cmd report",
                 what, i, a->ts, a->cpu, a->pid, b->ts, b->cpu, b->pid);
    }
}

/* The cells the timeline reads add up to the kept events of each CPU. */
static void
check_cells (RemoraStore *store, RemoraEventMask *mask)
{
  const RemoraTraceInfo *info = remora_store_get_info (store);
  gint64                 total = 0;

  for (guint b = 0; b < info->buffers->len; b++)
    {
      const RemoraBufferInfo *buffer = &g_array_index (info->buffers, RemoraBufferInfo, b);

      for (int cpu = 0; cpu < MAX (info->cpus, buffer->cpus); cpu++)
        total += remora_event_mask_count_cells (mask, FALSE, buffer->id, cpu, 0, G_MAXINT64);
    }
  g_assert_cmpint (total, ==, remora_event_mask_get_count (mask));
}

static gint64
type_of (RemoraStore *store, const char *name)
{
  g_autofree char *sql =
      g_strdup_printf ("SELECT coalesce(min(id), -1) FROM event_types WHERE name = '%s'", name);
  return remora_test_query_int (store, sql);
}

static void
check_against_report (RemoraStore        *store,
                      const char         *trace,
                      const RemoraFilter *filter,
                      const char *const  *args,
                      const char         *what)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraEventMask) mask = run_filter (store, filter, &error);
  g_autoptr (GArray) ours = NULL;
  g_autoptr (GArray) report = read_report (trace, args, NULL);

  g_assert_no_error (error);
  g_assert_nonnull (mask);
  check_cells (store, mask);
  if (report == NULL)
    return;
  ours = mask_events (store, mask);
  g_test_message ("%s: %u events", what, ours->len);
  assert_same_events (ours, report, what);
}

static void
check_trace (const char *trace, RemoraStore *store)
{
  gint64 events = remora_store_get_info (store)->events;
  int    cpus = remora_store_get_info (store)->cpus;
  gint64 top_pid = remora_test_query_int (
      store, "SELECT pid FROM event_rows WHERE pid != 0 GROUP BY pid ORDER BY count(*) DESC, pid "
             "LIMIT 1");
  gint64 top_type =
      remora_test_query_int (store, "SELECT id FROM event_types ORDER BY count DESC, id LIMIT 1");
  gint64 sched_switch = type_of (store, "sched_switch");

  /* every CPU alone, and two together */
  for (int cpu = 0; cpu < MIN (cpus, 3); cpu++)
    {
      g_autoptr (RemoraFilter) f = remora_filter_new ();
      g_autofree char *arg = g_strdup_printf ("%d", cpu);
      const char      *args[] = { "--cpu", arg, NULL };
      g_autofree char *what = g_strdup_printf ("%s: CPU %d", trace, cpu);

      f->cpus = g_array_new (FALSE, FALSE, sizeof (int));
      g_array_append_val (f->cpus, cpu);
      check_against_report (store, trace, f, args, what);
      if (cpu + 1 < cpus)
        {
          int              next = cpu + 1;
          g_autofree char *arg2 = g_strdup_printf ("%d,%d", cpu, next);
          const char      *args2[] = { "--cpu", arg2, NULL };
          g_autofree char *what2 = g_strdup_printf ("%s: CPUs %s", trace, arg2);

          g_array_append_val (f->cpus, next);
          check_against_report (store, trace, f, args2, what2);
        }
    }

  /* the busiest task */
  {
    g_autoptr (RemoraFilter) f = remora_filter_new ();
    gint32           pid = (gint32) top_pid;
    g_autofree char *expr = g_strdup_printf (".*: common_pid == %d", pid);
    const char      *args[] = { "-F", expr, NULL };
    g_autofree char *what = g_strdup_printf ("%s: task %d", trace, pid);

    f->pids = g_array_new (FALSE, FALSE, sizeof (gint32));
    g_array_append_val (f->pids, pid);
    check_against_report (store, trace, f, args, what);
  }

  /* event types: the commonest, sched_switch, both */
  {
    g_autoptr (RemoraFilter) f = remora_filter_new ();
    g_autofree char *name = NULL;
    g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) FROM event_rows WHERE type = %" G_GINT64_FORMAT, top_type);
    g_autoptr (GError) error = NULL;
    g_autoptr (RemoraEventMask) mask = NULL;

    f->types = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_array_append_val (f->types, top_type);
    mask = run_filter (store, f, &error);
    g_assert_no_error (error);
    g_assert_cmpint (remora_event_mask_get_count (mask), ==, remora_test_query_int (store, sql));
    g_assert_cmpint (remora_event_mask_get_count (mask), <=, events);
    (void) name;
  }
  if (sched_switch >= 0)
    {
      g_autoptr (RemoraFilter) f = remora_filter_new ();
      const char *args[] = { "-F", "sched_switch", NULL };
      const char *args_cpu[] = { "--cpu", "0", "-F", "sched_switch", NULL };
      const char *args_state[] = { "-F", "sched_switch: prev_state == 2", NULL };
      int         zero = 0;

      f->types = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (f->types, sched_switch);
      check_against_report (store, trace, f, args, "sched_switch");
      f->cpus = g_array_new (FALSE, FALSE, sizeof (int));
      g_array_append_val (f->cpus, zero);
      check_against_report (store, trace, f, args_cpu, "sched_switch on CPU 0");

      g_clear_pointer (&f->types, g_array_unref);
      g_clear_pointer (&f->cpus, g_array_unref);
      f->expression = g_strdup ("sched_switch: prev_state == 2");
      check_against_report (store, trace, f, args_state, f->expression);
    }

  /* expressions */
  {
    const char *expressions[] = {
      "block_rq_complete: nr_sector > 64",
      "sched_wakeup: prio < 120 || target_cpu == 1",
      "sched/.*: common_pid != 0",
      ".*: COMM ~ \"kworker*\"",
      "sched_switch: next_comm ~ \"kworker*\" && prev_state & 1",
      "function: ip != 0",
      /* libtraceevent takes an unknown field as false, as trace-cmd does */
      "sched_switch: nosuch_field == 2",
    };
    for (guint i = 0; i < G_N_ELEMENTS (expressions); i++)
      {
        g_autoptr (RemoraFilter) f = remora_filter_new ();
        const char *args[] = { "-F", expressions[i], NULL };
        g_autoptr (GError) error = NULL;
        g_autoptr (RemoraEventMask) mask = NULL;

        f->expression = g_strdup (expressions[i]);
        mask = run_filter (store, f, &error);
        if (mask == NULL)
          {
            /* an event the trace does not have: trace-cmd report refuses it */
            g_assert_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_BAD_FILTER);
            g_test_message ("%s: %s", expressions[i], error->message);
            g_assert_true (report_fails (trace, args));
            continue;
          }
        check_against_report (store, trace, f, args, expressions[i]);
      }
  }

  /* text: the report lines whose info holds it */
  {
    const char *texts[] = { "KWORKER", "prev_state=D", "==>", "sector" };
    g_autoptr (GPtrArray) infos = g_ptr_array_new_with_free_func (g_free);
    g_autoptr (GArray) report = NULL;

    /* the function-graph plugin prints an entry and its exit as one line,
     * and Remora each event with its own text */
    if (type_of (store, "funcgraph_entry") < 0)
      report = read_report (trace, NULL, infos);
    for (guint i = 0; report != NULL && i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr (RemoraFilter) f = remora_filter_new ();
        g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (Seen));
        g_autoptr (GArray) ours = NULL;
        g_autoptr (GError) error = NULL;
        g_autoptr (RemoraEventMask) mask = NULL;
        g_autofree char *folded = g_ascii_strdown (texts[i], -1);

        f->text = g_strdup (texts[i]);
        mask = run_filter (store, f, &error);
        g_assert_no_error (error);
        for (guint j = 0; j < report->len; j++)
          {
            g_autofree char *info = g_ascii_strdown (g_ptr_array_index (infos, j), -1);
            if (strstr (info, folded) != NULL)
              g_array_append_val (expected, g_array_index (report, Seen, j));
          }
        ours = mask_events (store, mask);
        g_test_message ("text %s: %u events", texts[i], ours->len);
        assert_same_events (ours, expected, texts[i]);
      }
  }
}

/* A copy of fixture @name imported in a directory of its own. */
static RemoraStore *
open_fixture (const char *name, char **dir)
{
  g_autofree char *src = remora_test_fixture_path (name);
  g_autofree char *path = NULL;

  *dir = remora_test_make_tmpdir ();
  path = remora_test_copy_file (src, *dir, "trace.dat", G_MAXSIZE);
  return remora_test_import (path, *dir, NULL);
}

/* The two masks count the same events in each cell of @first … @end - 1:
 * halves compared where either counts any (counts are never negative: a
 * range where both count none has none in any cell). */
static void
assert_same_cells (RemoraEventMask *a,
                   RemoraEventMask *b,
                   gboolean         by_pid,
                   int              buffer,
                   int              id,
                   gint64           first,
                   gint64           end)
{
  gint64 na = remora_event_mask_count_cells (a, by_pid, buffer, id, first, end);

  g_assert_cmpint (na, ==, remora_event_mask_count_cells (b, by_pid, buffer, id, first, end));
  if (na == 0 || end - first <= 1)
    return;
  assert_same_cells (a, b, by_pid, buffer, id, first, first + (end - first) / 2);
  assert_same_cells (a, b, by_pid, buffer, id, first + (end - first) / 2, end);
}

/* Two masks of one filter keep the same events, and count the same number
 * of them in every time cell of every CPU and every task (the idle task
 * aside: no task row shows it). */
static void
assert_same_masks (RemoraStore *store, RemoraEventMask *a, RemoraEventMask *b)
{
  const RemoraTraceInfo *info = remora_store_get_info (store);
  gint64                 first = info->first_ts >> REMORA_EVENT_MASK_CELL_SHIFT;
  gint64                 last = info->last_ts >> REMORA_EVENT_MASK_CELL_SHIFT;
  sqlite3_stmt          *st = NULL;
  guint                  keys = 0;

  g_assert_cmpint (remora_event_mask_get_count (a), ==, remora_event_mask_get_count (b));
  for (gint64 id = remora_event_mask_next (a, 0); id >= 0; id = remora_event_mask_next (a, id + 1))
    g_assert_cmpint (remora_event_mask_next (b, id), ==, id);
  g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (store),
                                       "SELECT DISTINCT t.buffer_id, 0, e.cpu FROM event_rows e "
                                       "JOIN event_types t ON t.id = e.type UNION "
                                       "SELECT DISTINCT t.buffer_id, 1, e.pid FROM event_rows e "
                                       "JOIN event_types t ON t.id = e.type WHERE e.pid > 0",
                                       -1, &st, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      int      buffer = sqlite3_column_int (st, 0), id = sqlite3_column_int (st, 2);
      gboolean by_pid = sqlite3_column_int (st, 1);

      assert_same_cells (a, b, by_pid, buffer, id, first, last + 1);
      keys++;
    }
  sqlite3_finalize (st);
  g_assert_cmpuint (keys, >, 1);
}

/* A filter of types or CPUs only that rejects few events is answered as
 * every event but those, with the summaries' counts per cell: the same mask
 * as reading every row. */
static void
check_all_but (RemoraStore        *store,
               const RemoraFilter *filter,
               gboolean            rejects_few,
               const char         *what)
{
  g_autoptr (RemoraFilterJob) scan = remora_filter_job_new (store, filter);
  g_autoptr (RemoraFilterJob) all_but = remora_filter_job_new (store, filter);
  g_autoptr (RemoraEventMask) a = NULL;
  g_autoptr (RemoraEventMask) b = NULL;
  g_autoptr (GError) error = NULL;

  remora_filter_job_set_scan_all (scan, TRUE);
  a = remora_filter_job_run (scan, NULL, &error);
  g_assert_no_error (error);
  b = remora_filter_job_run (all_but, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (remora_filter_job_get_fraction (all_but), ==, 1.0);
  g_assert_false (remora_filter_job_get_all_but (scan));
  g_assert_cmpint (remora_filter_job_get_all_but (all_but), ==, rejects_few);
  g_test_message ("%s: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " events", what,
                  remora_event_mask_get_count (b), remora_store_get_info (store)->events);
  assert_same_masks (store, a, b);
  check_cells (store, b);
}

static void
check_rejecting_few (RemoraStore *store, const char *what)
{
  gint64 events = remora_store_get_info (store)->events;
  gint64 kept = 0, quietest = 0;
  g_autoptr (RemoraFilter) by_type = remora_filter_new ();
  g_autoptr (RemoraFilter) by_cpu = remora_filter_new ();
  g_autofree char *what_types = g_strdup_printf ("%s: all but the rarest types", what);
  g_autofree char *what_cpus = g_strdup_printf ("%s: all CPUs but the quietest", what);
  sqlite3_stmt    *st = NULL;

  /* the commonest types, until what is left is under a quarter */
  by_type->types = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (store),
                                       "SELECT id, count FROM event_types ORDER BY count DESC, id",
                                       -1, &st, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 type = sqlite3_column_int64 (st, 0);

      if (by_type->types->len == 0 || events - kept > events / 4)
        {
          g_array_append_val (by_type->types, type);
          kept += sqlite3_column_int64 (st, 1);
        }
    }
  sqlite3_finalize (st);
  g_assert_cmpint (events - kept, <=, events / 4);
  check_all_but (store, by_type, TRUE, what_types);
  {
    /* and a few types only: read through the index, no different */
    g_autoptr (RemoraFilter) few = remora_filter_new ();
    gint64           type = g_array_index (by_type->types, gint64, by_type->types->len - 1);
    g_autofree char *sql =
        g_strdup_printf ("SELECT count FROM event_types WHERE id = %" G_GINT64_FORMAT, type);

    few->types = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_array_append_val (few->types, type);

    check_all_but (store, few, events - remora_test_query_int (store, sql) <= events / 4, what);
  }
  /* every CPU but the quietest, when it has a quarter of the events or less */
  by_cpu->cpus = g_array_new (FALSE, FALSE, sizeof (int));
  g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (store),
                                       "SELECT cpu, sum (events) FROM cpus GROUP BY cpu "
                                       "ORDER BY 2, cpu",
                                       -1, &st, NULL),
                   ==, SQLITE_OK);
  for (int i = 0; sqlite3_step (st) == SQLITE_ROW; i++)
    {
      int cpu = sqlite3_column_int (st, 0);

      if (i > 0)
        g_array_append_val (by_cpu->cpus, cpu);
      else
        quietest = sqlite3_column_int64 (st, 1);
    }
  sqlite3_finalize (st);
  check_all_but (store, by_cpu, quietest <= events / 4, what_cpus);
}

static void
test_rejecting_few (gconstpointer data)
{
  g_autofree char *dir = NULL;
  g_autoptr (RemoraStore) store = open_fixture (data, &dir);

  check_rejecting_few (store, data);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

static void
test_fixture (gconstpointer data)
{
  g_autofree char *dir = NULL;
  g_autoptr (RemoraStore) store = open_fixture (data, &dir);

  check_trace (remora_store_get_info (store)->source_path, store);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

static void
test_shared (gconstpointer data)
{
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autoptr (RemoraStore) store = remora_test_open_shared (data, &dir, &copy);

  if (store == NULL)
    return;
  check_trace (copy, store);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

/* A filter that does not parse says what libtraceevent says (also where
 * libtraceevent would crash on it), and gives no mask. */
static void
test_bad_expression (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (RemoraStore) store = open_fixture ("sched-block-v6.dat", &dir);
  const char *bad[] = { "sched_switch: prev_state ==", "sched_switch: (prev_state == 2",
                        "nosuch_event", "sched_switch: prev_state == 2 &&" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (RemoraFilter) f = remora_filter_new ();
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) check = NULL;
      g_autoptr (RemoraEventMask) mask = NULL;

      f->expression = g_strdup (bad[i]);
      mask = run_filter (store, f, &error);
      g_assert_null (mask);
      g_assert_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_BAD_FILTER);
      g_test_message ("%s: %s", bad[i], error->message);
      /* the expression and a reason after it */
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_assert_cmpuint (strlen (error->message), >, strlen (bad[i]) + 24);
      g_assert_false (remora_store_check_filter_expression (store, bad[i], &check));
      g_assert_cmpstr (check->message, ==, error->message);
    }
  g_assert_true (
      remora_store_check_filter_expression (store, "sched_switch: prev_state == 2", NULL));
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

/* A job cancelled stops and says so. */
static void
test_cancel (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (RemoraStore) store = open_fixture ("sched-block-v6.dat", &dir);
  g_autoptr (RemoraFilter) f = remora_filter_new ();
  g_autoptr (RemoraFilterJob) job = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraEventMask) mask = NULL;

  f->text = g_strdup ("sched");
  job = remora_filter_job_new (store, f);
  g_cancellable_cancel (cancellable);
  mask = remora_filter_job_run (job, cancellable, &error);
  g_assert_null (mask);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

static void
on_found (GObject *object, GAsyncResult *result, gpointer user_data)
{
  guint *position = user_data;
  g_autoptr (GError) error = NULL;

  *position = remora_event_list_find_neighbour_finish (REMORA_EVENT_LIST (object), result, &error);
  g_assert_no_error (error);
}

/* A list given a mask shows the events it keeps, and its next of the same
 * CPU is the next kept one; without the mask, every event again. */
static void
test_list (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (RemoraStore) store = open_fixture ("sched-block-v6.dat", &dir);
  g_autoptr (RemoraEventList) list = remora_event_list_new (store);
  g_autoptr (RemoraFilter) f = remora_filter_new ();
  g_autoptr (RemoraEventMask) mask = NULL;
  g_autoptr (GError) error = NULL;
  gint64 events = remora_store_get_info (store)->events;
  gint64 sched_switch = type_of (store, "sched_switch");
  gint64 n;
  int    one = 1;

  while (!remora_event_list_get_ready (list))
    g_main_context_iteration (NULL, TRUE);
  f->types = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (f->types, sched_switch);
  mask = run_filter (store, f, &error);
  g_assert_no_error (error);
  n = remora_event_mask_get_count (mask);
  g_assert_cmpint (n, ==,
                   remora_test_query_int (store, "SELECT count(*) FROM events WHERE name = "
                                                 "'sched_switch'"));
  {
    /* items held keep their places and take the rows now there; a row past
     * the mask's last stays, blank, until trimmed */
    g_autoptr (RemoraEventItem) held = remora_test_load_item (list, 10);
    g_autoptr (RemoraEventItem) past = remora_test_load_item (list, (guint) n + 100);

    g_assert_cmpint (remora_event_item_get_id (held), ==, 10);
    remora_event_list_set_mask (list, mask);
    g_assert_cmpuint (remora_event_list_get_n_rows (list), ==, n);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, events);
    g_assert_false (remora_event_item_get_loaded (held));
    g_assert_false (remora_event_item_get_loaded (past));
    {
      g_autoptr (RemoraEventItem) again = remora_test_load_item (list, 10);
      g_assert_true (again == held);
      g_assert_cmpint (remora_event_item_get_id (held), ==, remora_event_mask_select (mask, 10));
      g_assert_cmpstr (remora_event_item_get_name (held), ==, "sched_switch");
    }
    g_assert_cmpint (remora_event_list_event_at (list, (guint) n + 100), ==, -1);
    /* the rows nobody holds go at once, a held one when allowed */
    g_assert_false (remora_event_list_trim (list, 0));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n + 101);
    g_assert_false (remora_event_item_get_loaded (past));
    g_assert_true (remora_event_list_trim (list, 1));
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  for (guint p = 0; p < n; p += 97)
    {
      g_autoptr (RemoraEventItem) item = remora_test_load_item (list, p);
      g_assert_cmpstr (remora_event_item_get_name (item), ==, "sched_switch");
      g_assert_cmpint (remora_event_item_get_id (item), ==, remora_event_mask_select (mask, p));
      g_assert_cmpint (remora_event_list_event_at (list, p), ==, remora_event_item_get_id (item));
      g_assert_cmpuint (remora_event_list_position_of_event (list, remora_event_item_get_id (item)),
                        ==, p);
    }
  /* the next sched_switch of CPU 1 after the first one of CPU 1 */
  {
    g_autofree char *sql = g_strdup_printf (
        "SELECT id FROM events WHERE name = 'sched_switch' AND cpu = %d ORDER BY id LIMIT 1", one);
    gint64 first = remora_test_query_int (store, sql);
    gint64 second = remora_test_query_int (
        store, "SELECT id FROM events WHERE name = 'sched_switch' AND cpu = 1 ORDER BY id "
               "LIMIT 1 OFFSET 1");
    guint position = G_MAXUINT - 1;

    remora_event_list_find_neighbour_async (list, first, REMORA_NEIGHBOUR_CPU, TRUE, NULL, on_found,
                                            &position);
    while (position == G_MAXUINT - 1)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpint (remora_event_list_event_at (list, position), ==, second);
  }
  /* more rows again: added at once */
  remora_event_list_set_mask (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    events + remora_event_list_get_n_lost_rows (list));
  g_assert_true (remora_event_list_trim (list, 0));
  {
    g_autoptr (RemoraEventItem) item = remora_test_load_item (list, 5);
    g_assert_cmpint (remora_event_item_get_id (item), ==, 5);
  }
  g_clear_object (&list);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

/* The rows of a CSV file (RFC 4180: quoted fields, doubled quotes). */
static GPtrArray *
read_csv (const char *path)
{
  g_autofree char *text = NULL;
  GPtrArray       *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray       *row = NULL;
  g_autoptr (GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (const char *c = text; *c; c++)
    {
      if (row == NULL)
        {
          row = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (rows, row);
        }
      if (quoted)
        {
          if (*c == '"' && c[1] == '"')
            g_string_append_c (field, *c++);
          else if (*c == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *c);
        }
      else if (*c == '"')
        {
          g_assert_cmpuint (field->len, ==, 0);
          quoted = TRUE;
        }
      else if (*c == ',' || *c == '\n')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (*c == '\n')
            row = NULL;
        }
      else
        g_string_append_c (field, *c);
    }
  g_assert_false (quoted);
  g_assert_null (row); /* the last line ends */
  return rows;
}

static gint64
export_csv (RemoraStore *store, RemoraEventMask *mask, const char *path, GError **error)
{
  g_autoptr (RemoraCsvExport) job = remora_csv_export_new (store, mask, path);
  gint64 rows = remora_csv_export_run (job, NULL, error);

  if (rows >= 0)
    g_assert_cmpfloat (remora_csv_export_get_fraction (job), ==, 1.0);
  return rows;
}

/* The CSV export of a filter holds its events, with the time, CPU, pid and
 * info trace-cmd report prints for them; of no filter, every event; a file
 * that cannot be written, or a cancel, leaves nothing behind. */
static void
test_csv (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (RemoraStore) store = open_fixture ("sched-block-v6.dat", &dir);
  g_autofree char *trace = g_strdup (remora_store_get_info (store)->source_path);
  g_autofree char *path = g_build_filename (dir, "cpu0.csv", NULL);
  g_autoptr (RemoraFilter) f = remora_filter_new ();
  g_autoptr (RemoraEventMask) mask = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) infos = g_ptr_array_new_with_free_func (g_free);
  const char *args[] = { "--cpu", "0", NULL };
  g_autoptr (GArray) report = read_report (trace, args, infos);
  gint64 first_ts = remora_store_get_info (store)->first_ts;
  gint64 n;
  int    zero = 0;

  f->cpus = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_val (f->cpus, zero);
  mask = run_filter (store, f, &error);
  g_assert_no_error (error);
  n = remora_event_mask_get_count (mask);
  g_assert_cmpint (n, >, 1000);
  g_assert_cmpint (export_csv (store, mask, path, &error), ==, n);
  g_assert_no_error (error);
  rows = read_csv (path);
  g_assert_cmpuint (rows->len, ==, n + 1);
  {
    GPtrArray  *header = g_ptr_array_index (rows, 0);
    const char *names[] = { "id",   "buffer", "ts",    "time",    "cpu",
                            "task", "pid",    "event", "latency", "info" };
    g_assert_cmpuint (header->len, ==, G_N_ELEMENTS (names));
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      g_assert_cmpstr (g_ptr_array_index (header, i), ==, names[i]);
  }
  if (report != NULL)
    g_assert_cmpuint (report->len, ==, n);
  for (guint k = 0; k < n; k++)
    {
      GPtrArray *row = g_ptr_array_index (rows, k + 1);
      gint64     ts;

      g_assert_cmpuint (row->len, ==, 10);
      g_assert_cmpint (g_ascii_strtoll (g_ptr_array_index (row, 0), NULL, 10), ==,
                       remora_event_mask_select (mask, k));
      ts = g_ascii_strtoll (g_ptr_array_index (row, 2), NULL, 10);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (g_ptr_array_index (row, 3), NULL),
                                      (ts - first_ts) / 1e9, 1e-9);
      g_assert_cmpstr (g_ptr_array_index (row, 4), ==, "0");
      if (report == NULL)
        continue;
      {
        Seen            *s = &g_array_index (report, Seen, k);
        g_autofree char *mine = remora_test_without_switch_state (g_ptr_array_index (row, 7),
                                                                  g_ptr_array_index (row, 9));
        g_autofree char *theirs = remora_test_without_switch_state (g_ptr_array_index (row, 7),
                                                                    g_ptr_array_index (infos, k));

        g_assert_cmpint (ts, ==, s->ts);
        g_assert_cmpint (atoi (g_ptr_array_index (row, 6)), ==, s->pid);
        g_assert_cmpstr (mine, ==, theirs);
      }
    }

  /* every event */
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_cmpint (export_csv (store, NULL, path, &error), ==,
                   remora_store_get_info (store)->events);
  g_assert_no_error (error);
  rows = read_csv (path);
  g_assert_cmpint (rows->len, ==, remora_store_get_info (store)->events + 1);
  for (guint k = 1; k < rows->len; k++)
    {
      GPtrArray *row = g_ptr_array_index (rows, k);
      g_assert_cmpint (g_ascii_strtoll (g_ptr_array_index (row, 0), NULL, 10), ==, k - 1);
    }

  /* a directory that is not there */
  {
    g_autofree char *nowhere = g_build_filename (dir, "nosuch", "out.csv", NULL);
    g_assert_cmpint (export_csv (store, mask, nowhere, &error), ==, -1);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, nowhere));
    g_clear_error (&error);
  }

  /* a cancel keeps the file that was there, and no part of the new one */
  {
    g_autoptr (RemoraCsvExport) job = remora_csv_export_new (store, mask, path);
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (GDir) d = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    const char      *name;
    guint            files = 0;

    g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
    g_cancellable_cancel (cancellable);
    g_assert_cmpint (remora_csv_export_run (job, cancellable, &error), ==, -1);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (before, ==, after);
    d = g_dir_open (dir, 0, NULL);
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_assert_null (strstr (name, ".part"));
        files++;
      }
    g_assert_cmpuint (files, >, 0);
  }
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

/* Finding 11 of issue 24: a field no event has is accepted (as trace-cmd
 * does: it keeps no event) and named, so the user hears of the typo. */
static void
test_unknown_fields (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (RemoraStore) store = open_fixture ("sched-block-v6.dat", &dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) known = remora_store_read_field_names (store, &error);
  static const struct
  {
    const char *expression;
    const char *unknown; /* joined by spaces */
  } cases[] = {
    { "block_rq_complete: nr_sectorz > 64", "nr_sectorz" },
    { "block_rq_complete: nr_sector > 64", "" },
    { "sched_switch: next_comm == \"a == b\" && prev_prio<120", "" },
    { "COMM == \"sh\" || CPU != 1 || common_pid == 5", "" },
    { "sched_switch: prev_statee==2 || foo & 4 || foo > 1", "prev_statee foo" },
    { "sched/.*: common_pidd =~ \"x\"", "common_pidd" },
    { "sched_wakeup, sched_wakeup_new", "" },
  };
  g_autoptr (RemoraFilter) f = remora_filter_new ();
  g_autoptr (RemoraEventMask) mask = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (GStrv) unknown = remora_filter_find_unknown_fields (cases[i].expression, known);
      g_autofree char *joined = g_strjoinv (" ", unknown);

      g_assert_cmpstr (joined, ==, cases[i].unknown);
    }
  /* and the filter still applies, keeping no event */
  f->expression = g_strdup (cases[0].expression);
  mask = run_filter (store, f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remora_event_mask_get_count (mask), ==, 0);
}

int
main (int argc, char **argv)
{
  const char *fixtures[] = { "sched-block-v6.dat", "function-graph-v7.dat" };
  const char *shared[] = { "sched-block-small.dat", "sched-block-v7-zstd.dat", "function-graph.dat",
                           "function-filtered.dat" };

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *name = g_strdup_printf ("/model/filter/report/%s", fixtures[i]);
      g_test_add_data_func (name, fixtures[i], test_fixture);
    }
  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    {
      g_autofree char *name = g_strdup_printf ("/model/filter/shared/%s", shared[i]);
      g_test_add_data_func (name, shared[i], test_shared);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *name = g_strdup_printf ("/model/filter/rejecting-few/%s", fixtures[i]);
      g_test_add_data_func (name, fixtures[i], test_rejecting_few);
    }
  g_test_add_data_func ("/model/filter/rejecting-few/multi-buffer-v7.dat", "multi-buffer-v7.dat",
                        test_rejecting_few);
  g_test_add_func ("/model/filter/bad-expression", test_bad_expression);
  g_test_add_func ("/model/filter/unknown-fields", test_unknown_fields);
  g_test_add_func ("/model/filter/cancel", test_cancel);
  g_test_add_func ("/model/filter/list", test_list);
  g_test_add_func ("/model/filter/csv", test_csv);
  return g_test_run ();
}
