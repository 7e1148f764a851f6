/* remora-cli-stats.c: remora stats
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "remora-cli-private.h"
#include "remora-cli.h"

static void
json_string (GString *s, const char *text)
{
  g_string_append_c (s, '"');
  for (const char *p = text ? text : ""; *p; p++)
    {
      unsigned char c = *p;
      if (c == '"' || c == '\\')
        g_string_append_printf (s, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (s, "\\u%04x", c);
      else
        g_string_append_c (s, c);
    }
  g_string_append_c (s, '"');
}

static void
json_latency (GString *s, const RemoraLatencySummary *l)
{
  g_autofree char *min = remora_format_us (l->min_ns);
  g_autofree char *p50 = remora_format_us (l->p50_ns);
  g_autofree char *p90 = remora_format_us (l->p90_ns);
  g_autofree char *p99 = remora_format_us (l->p99_ns);
  g_autofree char *max = remora_format_us (l->max_ns);

  if (l->count == 0)
    {
      g_string_append (s, "{\"count\": 0}");
      return;
    }
  g_string_append_printf (s,
                          "{\"count\": %" G_GINT64_FORMAT ", \"min_us\": %s, \"p50_us\": %s, "
                          "\"p90_us\": %s, \"p99_us\": %s, \"max_us\": %s, \"mean_us\": %.3f}",
                          l->count, min, p50, p90, p99, max, l->mean_ns / 1000.0);
}

static void
json_pair_counts (GString *s, RemoraTraceStats *stats, const char *const names[])
{
  for (guint i = 0; names[i]; i++)
    g_string_append_printf (s, "%s\"%s\": %" G_GINT64_FORMAT, i ? ", " : "", names[i],
                            remora_trace_stats_get_pair_count (stats, NULL, names[i]));
}

static const char *const wakeup_counts[] = {
  "sched_wakeup",      "sched_wakeup_new", "wakeups_matched",          "wakeup_while_running",
  "duplicate_wakeups", "stale_dropped",    "wakeups_unmatched_at_end", NULL
};
static const char *const block_counts[] = { "block_issued",
                                            "block_completed",
                                            "block_matched",
                                            "block_zero_length_matched",
                                            "block_complete_without_issue",
                                            "block_complete_without_issue_zero_length",
                                            "block_requeue_events",
                                            "block_requeued",
                                            "block_issued_not_completed",
                                            "block_complete_with_error",
                                            NULL };

static char *
stats_json (RemoraTraceStats *stats, RemoraStore *store)
{
  const RemoraTraceInfo *info = remora_store_get_info (store);
  g_autoptr (GString) s = g_string_new ("{\n  \"trace\": ");
  g_autoptr (GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GPtrArray) buffers = g_ptr_array_new ();

  json_string (s, stats->trace_path);
  g_string_append (s, ",\n  \"store\": ");
  json_string (s, remora_store_get_path (store));
  g_string_append_printf (s,
                          ",\n  \"file_version\": %d,\n  \"compression\": ", stats->file_version);
  json_string (s, stats->compression);
  g_string_append (s, ",\n  \"trace_cmd_version\": ");
  json_string (s, stats->trace_cmd_version);
  g_string_append (s, ",\n  \"kernel_release\": ");
  json_string (s, stats->kernel);
  g_string_append (s, ",\n  \"clock\": ");
  json_string (s, stats->clock);
  g_string_append_printf (
      s,
      ",\n  \"cpus\": %d,\n  \"events_total\": %" G_GINT64_FORMAT
      ",\n  \"first_ts_ns\": %" G_GINT64_FORMAT ",\n  \"last_ts_ns\": %" G_GINT64_FORMAT
      ",\n  \"duration_ns\": %" G_GINT64_FORMAT ",\n  \"tasks\": %" G_GINT64_FORMAT
      ",\n  \"lost_events\": %" G_GINT64_FORMAT ",\n  \"lost_event_marks\": %" G_GINT64_FORMAT
      ",\n  \"partial\": %s",
      stats->cpus, stats->events, stats->first_ts, stats->last_ts, stats->last_ts - stats->first_ts,
      stats->tasks, stats->lost_events, stats->lost_marks, stats->partial ? "true" : "false");
  if (stats->partial)
    {
      g_string_append (s, ",\n  \"partial_reason\": ");
      json_string (s, stats->partial_reason);
    }
  g_string_append_printf (s,
                          ",\n  \"damaged_records\": {\"unknown_id\": %" G_GINT64_FORMAT
                          ", \"payload\": %" G_GINT64_FORMAT ", \"time_order\": %" G_GINT64_FORMAT
                          ", \"outside_span\": %" G_GINT64_FORMAT "}",
                          info->damaged_unknown, info->damaged_payload, info->damaged_time,
                          info->damaged_span);

  /* events_by_name sums over buffers; events_by_buffer keeps them apart */
  for (guint i = 0; i < stats->event_counts->len; i++)
    {
      RemoraEventCount *c = &g_array_index (stats->event_counts, RemoraEventCount, i);
      gint64           *n = g_hash_table_lookup (by_name, c->name);
      if (n == NULL)
        {
          n = g_new0 (gint64, 1);
          g_hash_table_insert (by_name, c->name, n);
          g_ptr_array_add (names, c->name);
        }
      *n += c->count;
      if (!g_ptr_array_find_with_equal_func (buffers, c->buffer, g_str_equal, NULL))
        g_ptr_array_add (buffers, c->buffer);
    }
  g_string_append (s, ",\n  \"events_by_name\": {");
  for (guint i = 0; i < names->len; i++)
    {
      g_string_append (s, i ? ", " : "");
      json_string (s, names->pdata[i]);
      g_string_append_printf (s, ": %" G_GINT64_FORMAT,
                              *(gint64 *) g_hash_table_lookup (by_name, names->pdata[i]));
    }
  g_string_append (s, "},\n  \"events_by_buffer\": {");
  for (guint b = 0; b < buffers->len; b++)
    {
      gboolean first = TRUE;
      g_string_append (s, b ? ", " : "");
      json_string (s, buffers->pdata[b]);
      g_string_append (s, ": {");
      for (guint i = 0; i < stats->event_counts->len; i++)
        {
          RemoraEventCount *c = &g_array_index (stats->event_counts, RemoraEventCount, i);
          if (!g_str_equal (c->buffer, buffers->pdata[b]))
            continue;
          g_string_append (s, first ? "" : ", ");
          json_string (s, c->name);
          g_string_append_printf (s, ": %" G_GINT64_FORMAT, c->count);
          first = FALSE;
        }
      g_string_append (s, "}");
    }
  g_string_append (s, "},\n  \"events_by_cpu\": [");
  for (guint i = 0; i < stats->cpu_stats->len; i++)
    {
      RemoraCpuStats *c = &g_array_index (stats->cpu_stats, RemoraCpuStats, i);
      g_string_append (s, i ? ",\n    " : "\n    ");
      g_string_append (s, "{\"buffer\": ");
      json_string (s, c->buffer);
      g_string_append_printf (
          s,
          ", \"cpu\": %d, \"events\": %" G_GINT64_FORMAT ", \"first_ts_ns\": %" G_GINT64_FORMAT
          ", \"last_ts_ns\": %" G_GINT64_FORMAT ", \"lost_events\": %" G_GINT64_FORMAT
          ", \"lost_event_marks\": %" G_GINT64_FORMAT "}",
          c->cpu, c->events, c->first_ts, c->last_ts, c->lost_events, c->lost_marks);
    }
  g_string_append (s, "],\n  \"wakeup_latency\": {");
  json_pair_counts (s, stats, wakeup_counts);
  g_string_append (s, ", \"latency\": ");
  json_latency (s, &stats->wakeup_latency);
  g_string_append (s, "},\n  \"block_requests\": {");
  json_pair_counts (s, stats, block_counts);
  g_string_append (s, ", \"latency\": ");
  json_latency (s, &stats->block_latency);
  g_string_append (s, ", \"latency_by_device\": [");
  for (guint i = 0; i < stats->block_groups->len; i++)
    {
      RemoraBlockGroup *g = &g_array_index (stats->block_groups, RemoraBlockGroup, i);
      g_string_append (s, i ? ",\n    " : "\n    ");
      g_string_append (s, "{\"dev\": ");
      json_string (s, g->dev);
      g_string_append (s, ", \"kind\": ");
      json_string (s, g->kind);
      g_string_append (s, ", \"latency\": ");
      json_latency (s, &g->latency);
      g_string_append (s, "}");
    }
  g_string_append (s, "]}\n}\n");

  {
    GHashTableIter iter;
    gpointer       value;
    g_hash_table_iter_init (&iter, by_name);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_free (value);
  }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
print_latency_row (const char *label, const char *kind, const RemoraLatencySummary *l)
{
  g_autofree char *min = remora_format_us (l->min_ns);
  g_autofree char *p50 = remora_format_us (l->p50_ns);
  g_autofree char *p90 = remora_format_us (l->p90_ns);
  g_autofree char *p99 = remora_format_us (l->p99_ns);
  g_autofree char *max = remora_format_us (l->max_ns);

  if (l->count == 0)
    g_print ("  %-8s %-8s %8d\n", label, kind, 0);
  else
    g_print ("  %-8s %-8s %8" G_GINT64_FORMAT " %12s %12s %12s %12s %12s\n", label, kind, l->count,
             min, p50, p90, p99, max);
}

static void
stats_text (RemoraTraceStats *stats, RemoraStore *store)
{
  g_autofree char *first = remora_format_timestamp (stats->first_ts);
  g_autofree char *last = remora_format_timestamp (stats->last_ts);
  g_autofree char *span = remora_format_duration (stats->last_ts - stats->first_ts);

  g_print (_ ("Trace:      %s\n"), stats->trace_path);
  g_print (_ ("Store:      %s\n"), remora_store_get_path (store));
  g_print (_ ("Format:     trace.dat version %d, compression %s, recorded by trace-cmd %s\n"),
           stats->file_version, stats->compression, stats->trace_cmd_version);
  g_print (_ ("Kernel:     %s, clock “%s”, %d CPUs\n"), stats->kernel, stats->clock, stats->cpus);
  g_print (_ ("Time span:  %s to %s (%s)\n"), first, last, span);
  g_print (_ ("Events:     %lld in %u types; %lld tasks\n"), (long long) stats->events,
           stats->event_counts->len, (long long) stats->tasks);
  g_print (_ ("Lost:       %lld events in %lld gaps\n"), (long long) stats->lost_events,
           (long long) stats->lost_marks);
  if (stats->partial)
    g_print (_ ("Partial:    %s\n"), stats->partial_reason);

  g_print (_ ("\nEvents by name:\n"));
  for (guint i = 0; i < stats->event_counts->len; i++)
    {
      RemoraEventCount *c = &g_array_index (stats->event_counts, RemoraEventCount, i);
      g_autofree char  *label =
          c->buffer[0] ? g_strdup_printf ("%s:%s", c->buffer, c->name) : g_strdup (c->name);
      g_print ("  %-36s %10" G_GINT64_FORMAT "\n", label, c->count);
    }

  g_print (_ ("\nCPUs:\n"));
  for (guint i = 0; i < stats->cpu_stats->len; i++)
    {
      RemoraCpuStats  *c = &g_array_index (stats->cpu_stats, RemoraCpuStats, i);
      g_autofree char *cf = remora_format_timestamp (c->first_ts);
      g_autofree char *cl = remora_format_timestamp (c->last_ts);
      g_autofree char *label = c->buffer[0] ? g_strdup_printf ("%s:%d", c->buffer, c->cpu)
                                            : g_strdup_printf ("%d", c->cpu);
      /* Translators: one line per CPU: CPU, events, first and last timestamp, lost events */
      g_print (_ ("  CPU %-8s %10lld events  %s – %s  lost %lld\n"), label, (long long) c->events,
               cf, cl, (long long) c->lost_events);
    }

  g_print (_ ("\nLatencies in µs (percentiles by nearest rank):\n"));
  g_print ("  %-8s %-8s %8s %12s %12s %12s %12s %12s\n", "", "", _ ("count"), _ ("min"), _ ("p50"),
           _ ("p90"), _ ("p99"), _ ("max"));
  print_latency_row (_ ("wakeup"), "", &stats->wakeup_latency);
  g_print (_ ("  (wakeups of a running task: %lld; repeated wakeups: %lld; dropped by a "
              "switch-out: %lld; still waiting at the end: %lld)\n"),
           (long long) remora_trace_stats_get_pair_count (stats, NULL, "wakeup_while_running"),
           (long long) remora_trace_stats_get_pair_count (stats, NULL, "duplicate_wakeups"),
           (long long) remora_trace_stats_get_pair_count (stats, NULL, "stale_dropped"),
           (long long) remora_trace_stats_get_pair_count (stats, NULL, "wakeups_unmatched_at_end"));
  print_latency_row (_ ("block"), _ ("all"), &stats->block_latency);
  for (guint i = 0; i < stats->block_groups->len; i++)
    {
      RemoraBlockGroup *g = &g_array_index (stats->block_groups, RemoraBlockGroup, i);
      print_latency_row (g->dev, g->kind, &g->latency);
    }
  g_print (
      _ ("  (completions without an issue: %lld; issued, never completed: %lld; "
         "requeued: %lld)\n"),
      (long long) remora_trace_stats_get_pair_count (stats, NULL, "block_complete_without_issue"),
      (long long) remora_trace_stats_get_pair_count (stats, NULL, "block_issued_not_completed"),
      (long long) remora_trace_stats_get_pair_count (stats, NULL, "block_requeued"));
}

int
remora_cli_stats (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraStore) store = NULL;
  g_autoptr (RemoraTraceStats) stats = NULL;
  gboolean     json = FALSE, imported = FALSE;
  int          status = 0;
  GOptionEntry entries[] = { { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
                             { NULL } };

  store = remora_cli_parse_and_open (&argc, &argv, entries,
                                     _ ("TRACE|STORE — print event counts and latency summaries"),
                                     "stats", &status, &imported);
  if (store == NULL)
    return status;

  stats = remora_trace_stats_new (store, &error);
  if (stats == NULL)
    {
      remora_cli_print_error (error);
      return 1;
    }
  if (json)
    {
      g_autofree char *text = stats_json (stats, store);
      fputs (text, stdout);
    }
  else
    stats_text (stats, store);
  remora_cli_say_store (store, argv[1], imported);
  return 0;
}
