/* remora-cli-stats.c: remora stats
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "remora-cli-private.h"
#include "remora-cli.h"

static void
add_int (JsonBuilder *b, const char *member, gint64 value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

/* A latency summary, in whole nanoseconds: exact, where a double in
 * microseconds would print as 133.76400000000001 */
static void
add_latency (JsonBuilder *b, const char *member, const RemoraLatencySummary *l)
{
  const struct
  {
    const char *name;
    gint64      ns;
  } values[] = { { "min_ns", l->min_ns }, { "p50_ns", l->p50_ns },
                 { "p90_ns", l->p90_ns }, { "p99_ns", l->p99_ns },
                 { "max_ns", l->max_ns }, { "mean_ns", (gint64) round (l->mean_ns) } };

  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, l->count);
  if (l->count > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        add_int (b, values[i].name, values[i].ns);
    }
  json_builder_end_object (b);
}

static void
add_string (JsonBuilder *b, const char *member, const char *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value ? value : "");
}

static void
add_pair_counts (JsonBuilder *b, RemoraTraceStats *stats, const char *const names[])
{
  for (guint i = 0; names[i]; i++)
    add_int (b, names[i], remora_trace_stats_get_pair_count (stats, NULL, names[i]));
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

/* What stats_text prints, as JSON (README: "remora stats --json"). */
static char *
stats_json (RemoraTraceStats *stats, RemoraStore *store)
{
  const RemoraTraceInfo *info = remora_store_get_info (store);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GPtrArray) buffers = g_ptr_array_new ();

  json_builder_begin_object (b);
  add_string (b, "trace", stats->trace_path);
  add_string (b, "store", remora_store_get_path (store));
  add_int (b, "file_version", stats->file_version);
  add_string (b, "compression", stats->compression);
  add_string (b, "trace_cmd_version", stats->trace_cmd_version);
  add_string (b, "kernel_release", stats->kernel);
  add_string (b, "clock", stats->clock);
  add_int (b, "cpus", stats->cpus);
  add_int (b, "events_total", stats->events);
  add_int (b, "first_ts_ns", stats->first_ts);
  add_int (b, "last_ts_ns", stats->last_ts);
  add_int (b, "duration_ns", stats->last_ts - stats->first_ts);
  json_builder_set_member_name (b, "tasks");
  json_builder_begin_object (b);
  add_int (b, "emitted_events", stats->tasks_emitting);
  add_int (b, "named", stats->tasks_named);
  json_builder_end_object (b);
  add_int (b, "lost_events", stats->lost_events);
  add_int (b, "lost_event_marks", stats->lost_marks);
  json_builder_set_member_name (b, "partial");
  json_builder_add_boolean_value (b, stats->partial);
  if (stats->partial)
    add_string (b, "partial_reason", stats->partial_reason);
  json_builder_set_member_name (b, "damaged_records");
  json_builder_begin_object (b);
  add_int (b, "unknown_id", info->damaged_unknown);
  add_int (b, "payload", info->damaged_payload);
  add_int (b, "time_order", info->damaged_time);
  add_int (b, "outside_span", info->damaged_span);
  json_builder_end_object (b);

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
  json_builder_set_member_name (b, "events_by_name");
  json_builder_begin_object (b);
  for (guint i = 0; i < names->len; i++)
    add_int (b, names->pdata[i], *(gint64 *) g_hash_table_lookup (by_name, names->pdata[i]));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "events_by_buffer");
  json_builder_begin_object (b);
  for (guint k = 0; k < buffers->len; k++)
    {
      json_builder_set_member_name (b, buffers->pdata[k]);
      json_builder_begin_object (b);
      for (guint i = 0; i < stats->event_counts->len; i++)
        {
          RemoraEventCount *c = &g_array_index (stats->event_counts, RemoraEventCount, i);
          if (g_str_equal (c->buffer, buffers->pdata[k]))
            add_int (b, c->name, c->count);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "events_by_cpu");
  json_builder_begin_array (b);
  for (guint i = 0; i < stats->cpu_stats->len; i++)
    {
      RemoraCpuStats *c = &g_array_index (stats->cpu_stats, RemoraCpuStats, i);
      json_builder_begin_object (b);
      add_string (b, "buffer", c->buffer);
      add_int (b, "cpu", c->cpu);
      add_int (b, "events", c->events);
      add_int (b, "first_ts_ns", c->first_ts);
      add_int (b, "last_ts_ns", c->last_ts);
      add_int (b, "lost_events", c->lost_events);
      add_int (b, "lost_event_marks", c->lost_marks);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "wakeup_latency");
  json_builder_begin_object (b);
  add_pair_counts (b, stats, wakeup_counts);
  add_latency (b, "latency", &stats->wakeup_latency);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "block_requests");
  json_builder_begin_object (b);
  add_pair_counts (b, stats, block_counts);
  add_latency (b, "latency", &stats->block_latency);
  json_builder_set_member_name (b, "latency_by_device");
  json_builder_begin_array (b);
  for (guint i = 0; i < stats->block_groups->len; i++)
    {
      RemoraBlockGroup *g = &g_array_index (stats->block_groups, RemoraBlockGroup, i);
      json_builder_begin_object (b);
      add_string (b, "dev", g->dev);
      add_string (b, "kind", g->kind);
      add_latency (b, "latency", &g->latency);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "idle_during_io");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "by_cpu");
  json_builder_begin_array (b);
  for (guint i = 0; i < stats->idle_during_io->len; i++)
    {
      RemoraIdleDuringIo *c = &g_array_index (stats->idle_during_io, RemoraIdleDuringIo, i);
      json_builder_begin_object (b);
      add_string (b, "buffer", c->buffer);
      add_int (b, "cpu", c->cpu);
      add_int (b, "known_ns", c->known_ns);
      add_int (b, "idle_ns", c->idle_ns);
      add_int (b, "idle_io_ns", c->idle_io_ns);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  return json_generator_to_data (gen, NULL);
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

/* A share of @whole, in percent, as text. */
static char *
share (gint64 part, gint64 whole)
{
  return g_strdup_printf ("%.1f %%", whole > 0 ? 100.0 * (double) part / (double) whole : 0.0);
}

static void
print_idle_during_io (RemoraTraceStats *stats)
{
  /* Translators: the heading of remora stats' table of idle CPUs while
   * block requests were in flight; "known" is the time from the CPU's first
   * sched_switch to the trace's end */
  g_print (_ ("\nIdle CPUs while block I/O was in flight (shares of the time each CPU’s task "
              "is known):\n"));
  g_print ("  %-8s %14s %14s %9s %14s %9s\n", _ ("CPU"), _ ("known"), _ ("idle"), _ ("share"),
           /* Translators: idle while block I/O was in flight */
           _ ("idle, I/O"), _ ("share"));
  for (guint i = 0; i < stats->idle_during_io->len; i++)
    {
      RemoraIdleDuringIo *c = &g_array_index (stats->idle_during_io, RemoraIdleDuringIo, i);
      g_autofree char    *label = c->buffer[0] ? g_strdup_printf ("%s:%d", c->buffer, c->cpu)
                                               : g_strdup_printf ("%d", c->cpu);
      g_autofree char    *known = remora_format_duration (c->known_ns);
      g_autofree char    *idle = remora_format_duration (c->idle_ns);
      g_autofree char    *idle_share = share (c->idle_ns, c->known_ns);
      g_autofree char    *io = remora_format_duration (c->idle_io_ns);
      g_autofree char    *io_share = share (c->idle_io_ns, c->known_ns);

      g_print ("  %-8s %14s %14s %9s %14s %9s\n", label, known, idle, idle_share, io, io_share);
    }
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
  g_print (_ ("Events:     %lld in %u types\n"), (long long) stats->events,
           stats->event_counts->len);
  /* Translators: pids that emitted events, and pids the trace names anywhere */
  g_print (_ ("Tasks:      %lld emitted events (idle included); %lld named in the trace "
              "(also in scheduler events’ fields)\n"),
           (long long) stats->tasks_emitting, (long long) stats->tasks_named);
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
  /* Translators: "all" is every device, then every kind of request */
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

  print_idle_during_io (stats);
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
                                     "stats", &status, &imported, NULL);
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
      g_print ("%s\n", text);
    }
  else
    stats_text (stats, store);
  remora_cli_say_store (store, argv[1], imported);
  return 0;
}
