/* test-data-lost-events.c: a real trace whose ring-buffer page says events
 * were lost before it (the MISSING_EVENTS flag of the page header, which the
 * kernel sets after an overrun). libtracecmd reports it as record->missed_events
 * on the page's first record; Remora must keep it in lost_events.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "remora-test-util.h"
#include "remora-trace-check-private.h"

/* The timestamp of the first record trace-cmd report prints after
 * "CPU:N [EVENTS DROPPED]", or -1. */
static gint64
report_drop_ts (const char *trace, int cpu)
{
  g_autofree char *out = NULL;
  g_autofree char *marker = g_strdup_printf ("CPU:%d [EVENTS DROPPED]", cpu);
  g_autofree char *tag = g_strdup_printf ("[%03d]", cpu);
  const char      *argv[] = { "trace-cmd", "report", "-t", "-i", trace, NULL };
  g_auto (GStrv) lines = NULL;
  gboolean seen = FALSE;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, NULL))
    return -1;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *p;
      if (strstr (lines[i], marker))
        seen = TRUE;
      else if (seen && (p = strstr (lines[i], tag)) != NULL)
        {
          guint64 sec = 0, nsec = 0;
          if (sscanf (p + strlen (tag), " %" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT, &sec, &nsec) ==
              2)
            return (gint64) (sec * 1000000000 + nsec);
        }
    }
  return -1;
}

static void
test_missing_events_flag (void)
{
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *src = remora_test_fixture_path ("sched-block-v6.dat");
  g_autofree char *path = remora_test_copy_file (src, dir, "lost.dat", G_MAXSIZE);
  g_autoptr (GKeyFile) expected = remora_test_load_expected ("sched-block-v6");
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraStore) store = NULL;
  g_autofree char *store_path = NULL;
  const int        cpu = 1;
  g_autofree char *trace_cmd = g_find_program_in_path ("trace-cmd");
  gint64           lost_ts, want_ts;

  remora_test_mark_lost (path, src, dir);
  store = remora_test_import (path, dir, &store_path);

  /* the records are all there; one gap of unknown size on CPU 1 */
  g_assert_cmpint (remora_store_get_meta_int (store, "events", -1), ==,
                   g_key_file_get_int64 (expected, "trace", "events", NULL));
  g_assert_cmpint (remora_test_query_int (store, "SELECT count(*) FROM lost_events"), ==, 1);
  g_assert_cmpint (remora_test_query_int (store, "SELECT cpu FROM lost_events"), ==, cpu);
  g_assert_cmpint (remora_test_query_int (store, "SELECT count IS NULL FROM lost_events"), ==, 1);
  g_assert_cmpint (remora_test_query_int (store, "SELECT lost_marks FROM cpus WHERE cpu = 1"), ==,
                   1);
  g_assert_cmpint (remora_test_query_int (store, "SELECT sum(lost_marks) FROM cpus"), ==, 1);
  /* the gap is at the first record of that page: inside CPU 1's span */
  lost_ts = remora_test_query_int (store, "SELECT ts FROM lost_events");
  g_assert_cmpint (lost_ts, >,
                   remora_test_query_int (store, "SELECT first_ts FROM cpus WHERE cpu = 1"));
  g_assert_cmpint (lost_ts, <=,
                   remora_test_query_int (store, "SELECT last_ts FROM cpus WHERE cpu = 1"));
  /* the open slice ends at the gap; no slice crosses it */
  g_assert_cmpint (remora_test_query_int (store,
                                          "SELECT count(*) FROM sched_slices WHERE cpu = 1 AND "
                                          "start_ts < (SELECT ts FROM lost_events) AND "
                                          "end_ts > (SELECT ts FROM lost_events)"),
                   ==, 0);

  {
    g_autoptr (RemoraTraceStats) stats = remora_trace_stats_new (store, &error);
    g_assert_no_error (error);
    g_assert_cmpint (stats->lost_marks, ==, 1);
    g_assert_cmpint (stats->lost_events, ==, 0);
  }

  /* trace-cmd report marks the same place */
  if (trace_cmd != NULL)
    {
      want_ts = report_drop_ts (path, cpu);
      g_assert_cmpint (want_ts, ==, lost_ts);
    }
  else
    g_test_message ("trace-cmd is not installed: the gap's time is not cross-checked");
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/data/lost-events/missing-events-flag", test_missing_events_flag);
  return g_test_run ();
}
