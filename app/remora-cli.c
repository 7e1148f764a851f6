/* remora-cli.c: the headless subcommands (import, stats)
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-cli.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "remora-render.h"

typedef struct
{
  GMainLoop      *loop;
  GCancellable   *cancellable;
  RemoraImporter *importer;
  GError         *error;
  gboolean        ok;
  gboolean        show_progress;
  gint64          start_us;
  gsize           last_width;
} ImportRun;

static void
print_error (const GError *error)
{
  /* Translators: the program name before an error message */
  g_printerr (_ ("remora: %s\n"), error->message);
}

static void
on_progress (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  ImportRun       *run = user_data;
  double           f = remora_importer_get_fraction (run->importer);
  g_autofree char *message = remora_importer_dup_message (run->importer);
  gint64           events = remora_importer_get_events_read (run->importer);
  double           elapsed = (g_get_monotonic_time () - run->start_us) / 1e6;
  g_autoptr (GString) line = g_string_new (NULL);

  if (!run->show_progress)
    return;
  g_string_append_printf (line, "\r%3d%%  %s", (int) (f * 100), message ? message : "");
  if (events > 0 && elapsed > 0.05)
    /* Translators: import speed, in millions of events per second */
    g_string_append_printf (line, _ (", %.2f M events/s"), events / elapsed / 1e6);
  if (f > 0.05 && f < 1.0 && elapsed > 0.5)
    /* Translators: estimated time left, in seconds */
    g_string_append_printf (line, _ (", %.0f s left"), elapsed * (1.0 - f) / f);
  while (line->len < run->last_width)
    g_string_append_c (line, ' ');
  run->last_width = line->len;
  fputs (line->str, stderr);
  fflush (stderr);
}

static void
on_import_done (GObject *object, GAsyncResult *result, gpointer user_data)
{
  ImportRun *run = user_data;

  run->ok = remora_importer_import_finish (REMORA_IMPORTER (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
on_sigint (gpointer user_data)
{
  ImportRun *run = user_data;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

/* Imports @trace into @store_path with progress on a terminal; Ctrl+C cancels
 * and leaves nothing behind. */
static gboolean
run_import (const char *trace, const char *store_path, gboolean quiet, GError **error)
{
  ImportRun run = { 0 };
  guint     sigint_id, sigterm_id;
  gulong    handler;
  double    seconds;

  run.loop = g_main_loop_new (NULL, FALSE);
  run.cancellable = g_cancellable_new ();
  run.importer = remora_importer_new (trace, store_path);
  run.show_progress = !quiet && isatty (STDERR_FILENO);
  run.start_us = g_get_monotonic_time ();
  handler = g_signal_connect (run.importer, "notify::fraction", G_CALLBACK (on_progress), &run);
  sigint_id = g_unix_signal_add (SIGINT, on_sigint, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, on_sigint, &run);

  remora_importer_import_async (run.importer, run.cancellable, on_import_done, &run);
  g_main_loop_run (run.loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_signal_handler_disconnect (run.importer, handler);
  if (run.show_progress && run.last_width > 0)
    g_printerr ("\r%*s\r", (int) run.last_width, "");
  seconds = (g_get_monotonic_time () - run.start_us) / 1e6;

  if (run.ok)
    {
      g_autofree char *partial = remora_importer_dup_partial_message (run.importer);
      gint64           events = remora_importer_get_events_read (run.importer);

      if (partial != NULL)
        /* Translators: a warning after importing a damaged trace */
        g_printerr (_ ("remora: warning: “%s” is damaged: %s\n"), trace, partial);
      if (!quiet)
        g_print (ngettext ("Imported %lld event from “%s” into “%s” in %.2f s.\n",
                           "Imported %lld events from “%s” into “%s” in %.2f s.\n", events),
                 (long long) events, trace, store_path, seconds);
    }
  else
    g_propagate_error (error, g_steal_pointer (&run.error));

  g_object_unref (run.importer);
  g_object_unref (run.cancellable);
  g_main_loop_unref (run.loop);
  return run.ok;
}

/* Finds the store of @trace that is up to date, importing (again) when there
 * is none, it is outdated or damaged, or @force is set. */
static RemoraStore *
open_or_import (const char *trace,
                const char *explicit_store,
                gboolean    force,
                gboolean    quiet,
                gboolean   *imported,
                GError    **error)
{
  g_autofree char *beside = remora_store_path_beside (trace);
  g_autofree char *cache = remora_store_path_in_cache (trace);
  g_autofree char *target = NULL;
  const char      *candidates[3] = { 0 };
  gboolean         in_cache = FALSE;
  RemoraStore     *store;

  if (imported)
    *imported = FALSE;
  if (explicit_store != NULL)
    candidates[0] = explicit_store;
  else
    {
      candidates[0] = beside;
      candidates[1] = cache;
    }

  for (guint i = 0; !force && candidates[i] != NULL; i++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autofree char *reason = NULL;

      if (!g_file_test (candidates[i], G_FILE_TEST_EXISTS))
        continue;
      store = remora_store_open (candidates[i], &local_error);
      if (store != NULL && remora_store_matches_trace (store, trace, &reason))
        return store;
      if (store != NULL)
        {
          if (!quiet)
            g_printerr (_ ("remora: the store “%s” is out of date (%s); importing again\n"),
                        candidates[i], reason);
          g_object_unref (store);
        }
      else if (g_error_matches (local_error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_OUTDATED))
        g_printerr (_ ("remora: the store “%s” was written by another version of Remora; "
                       "importing again\n"),
                    candidates[i]);
      else
        g_printerr (_ ("remora: the store “%s” cannot be used (%s); importing again\n"),
                    candidates[i], local_error->message);
      if (explicit_store == NULL)
        target = g_strdup (candidates[i]);
      break;
    }

  if (explicit_store != NULL)
    target = g_strdup (explicit_store);
  else if (target == NULL ||
           (g_str_equal (target, beside) && !g_file_test (target, G_FILE_TEST_EXISTS)))
    {
      g_free (target);
      target = remora_store_choose_path (trace, &in_cache);
      if (in_cache && !quiet)
        g_printerr (_ ("remora: the directory of “%s” is not writable; the store goes in “%s”\n"),
                    trace, target);
    }
  else if (g_str_equal (target, beside))
    {
      /* an old store beside the trace: replace it there if we can */
      g_autofree char *dir = g_path_get_dirname (trace);
      if (access (dir, W_OK) != 0)
        {
          g_free (target);
          target = remora_store_choose_path (trace, &in_cache);
          if (!quiet)
            g_printerr (
                _ ("remora: the directory of “%s” is not writable; the store goes in “%s”\n"),
                trace, target);
        }
    }

  if (!run_import (trace, target, quiet, error))
    return NULL;
  if (imported)
    *imported = TRUE;
  return remora_store_open (target, error);
}

int
remora_cli_import (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraStore) store = NULL;
  g_autofree char *output = NULL;
  gboolean         force = FALSE, quiet = FALSE;
  gboolean         imported = FALSE;
  GOptionEntry     entries[] = {
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
          N_ ("Write the store to STORE (default: TRACE.remora beside the trace)"), N_ ("STORE") },
        { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_ ("Import even if an up-to-date store exists"),
          NULL },
        { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_ ("Print nothing but errors"), NULL },
        { NULL }
  };

  context = g_option_context_new (_ ("TRACE — import a trace.dat into a Remora store"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error (error);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr (_ ("remora: import needs one trace file (see “remora import --help”)\n"));
      return 2;
    }
  if (remora_store_is_store_file (argv[1]))
    {
      g_printerr (_ ("remora: “%s” is a Remora store, not a trace\n"), argv[1]);
      return 1;
    }

  store = open_or_import (argv[1], output, force, quiet, &imported, &error);
  if (store == NULL)
    {
      print_error (error);
      return 1;
    }
  if (!imported && !quiet)
    g_print (_ ("“%s” is already imported and up to date in “%s” (use --force to import again).\n"),
             argv[1], remora_store_get_path (store));
  return 0;
}

/* Parses a TRACE|STORE command's options and opens its store: the store
 * itself, or the trace's (imported first when needed, quietly if *@quiet
 * is set once the options are parsed). Returns NULL with *status set to the
 * exit status on failure. */
/* The text option whose value is not UTF-8 (GOption would only say that some
 * byte sequence is invalid), or NULL. File names may be any bytes. */
static const char *
find_invalid_text_option (int argc, char **argv, const GOptionEntry *entries)
{
  for (int i = 1; i < argc; i++)
    for (const GOptionEntry *e = entries; e->long_name != NULL; e++)
      {
        gsize       n = strlen (e->long_name);
        const char *value = NULL;

        if (e->arg != G_OPTION_ARG_STRING && e->arg != G_OPTION_ARG_STRING_ARRAY)
          continue;
        if (g_str_has_prefix (argv[i], "--") && strncmp (argv[i] + 2, e->long_name, n) == 0)
          {
            if (argv[i][2 + n] == '=')
              value = argv[i] + 3 + n;
            else if (argv[i][2 + n] == 0 && i + 1 < argc)
              value = argv[i + 1];
          }
        else if (e->short_name && argv[i][0] == '-' && argv[i][1] == e->short_name)
          value = argv[i][2] ? argv[i] + 2 : (i + 1 < argc ? argv[i + 1] : NULL);
        if (value != NULL && !g_utf8_validate (value, -1, NULL))
          return e->long_name;
      }
  return NULL;
}

static RemoraStore *
parse_and_open (int            *argc,
                char         ***argv,
                GOptionEntry   *entries,
                const char     *summary,
                const char     *command,
                const gboolean *quiet,
                int            *status)
{
  g_autoptr (GOptionContext) context = g_option_context_new (summary);
  g_autoptr (GError) error = NULL;
  RemoraStore *store;

  const char *bad;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((bad = find_invalid_text_option (*argc, *argv, entries)) != NULL)
    {
      g_printerr (_ ("remora: the value of --%s is not valid UTF-8 text\n"), bad);
      *status = 2;
      return NULL;
    }
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error (error);
      *status = 2;
      return NULL;
    }
  if (*argc != 2)
    {
      /* Translators: %s is a subcommand: stats, events */
      g_printerr (_ ("remora: %s needs one trace or store (see “remora %s --help”)\n"), command,
                  command);
      *status = 2;
      return NULL;
    }
  if (remora_store_is_store_file ((*argv)[1]))
    store = remora_store_open ((*argv)[1], &error);
  else
    store = open_or_import ((*argv)[1], NULL, FALSE, *quiet, NULL, &error);
  if (store == NULL)
    {
      print_error (error);
      *status = 1;
    }
  return store;
}

/* stats --------------------------------------------------------------------- */

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
                          remora_store_get_meta_int (store, "damaged_unknown", 0),
                          remora_store_get_meta_int (store, "damaged_payload", 0),
                          remora_store_get_meta_int (store, "damaged_time", 0),
                          remora_store_get_meta_int (store, "damaged_span", 0));

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
  gboolean     json = FALSE;
  int          status = 0;
  GOptionEntry entries[] = { { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
                             { NULL } };

  store = parse_and_open (&argc, &argv, entries,
                          _ ("TRACE|STORE — print event counts and latency summaries"), "stats",
                          &json, &status);
  if (store == NULL)
    return status;

  stats = remora_trace_stats_new (store, &error);
  if (stats == NULL)
    {
      print_error (error);
      return 1;
    }
  if (json)
    {
      g_autofree char *text = stats_json (stats, store);
      fputs (text, stdout);
    }
  else
    stats_text (stats, store);
  return 0;
}

/* events -------------------------------------------------------------------- */

int
remora_cli_events (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraStore) store = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt    *st = NULL;
  gint64           first = 0, limit = -1;
  gboolean         raw = FALSE;
  int              rc;
  int              status = 0;
  const gboolean   quiet = TRUE;
  GOptionEntry     entries[] = {
        { "first", 0, 0, G_OPTION_ARG_INT64, &first, N_ ("Start at the event with this id"),
          N_ ("ID") },
        { "limit", 'n', 0, G_OPTION_ARG_INT64, &limit, N_ ("Print at most N events"), N_ ("N") },
        { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_ ("Print only events of this name"),
          N_ ("NAME") },
        { "raw", 'R', 0, G_OPTION_ARG_NONE, &raw,
          N_ ("Print every field as name=value instead of the event’s format"), NULL },
        { NULL }
  };

  store = parse_and_open (&argc, &argv, entries,
                          _ ("TRACE|STORE — list events as trace-cmd report does"), "events",
                          &quiet, &status);
  if (store == NULL)
    return status;
  if (limit < -1 || first < 0)
    {
      /* Translators: %s is an option, --limit or --first */
      g_printerr (_ ("remora: %s must be 0 or more\n"), first < 0 ? "--first" : "--limit");
      return 2;
    }

  rc = sqlite3_prepare_v2 (remora_store_get_db (store),
                           "SELECT e.id, e.ts, e.cpu, e.pid, e.name, e.buffer, t.comm "
                           "FROM events e LEFT JOIN tasks t ON t.pid = e.pid "
                           "WHERE e.id >= ?1 AND (?2 IS NULL OR e.name = ?2) ORDER BY e.id "
                           "LIMIT ?3",
                           -1, &st, NULL);
  if (!remora_store_check (store, rc, &error))
    {
      print_error (error);
      return 1;
    }
  sqlite3_bind_int64 (st, 1, first);
  if (name)
    sqlite3_bind_text (st, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, limit);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64           id = sqlite3_column_int64 (st, 0);
      gint64           ts = sqlite3_column_int64 (st, 1);
      const char      *buffer = (const char *) sqlite3_column_text (st, 5);
      const char      *comm = (const char *) sqlite3_column_text (st, 6);
      g_autofree char *stamp = remora_format_timestamp (ts);
      g_autofree char *info = remora_store_dup_event_info (store, id, raw, &error);

      if (info == NULL)
        {
          print_error (error);
          sqlite3_finalize (st);
          return 1;
        }
      /* the layout of trace-cmd report -t */
      g_print ("%s%s%16s-%-5d [%03d] %s: %s: %s\n", buffer[0] ? buffer : "", buffer[0] ? ": " : "",
               comm ? comm : "<...>", sqlite3_column_int (st, 3), sqlite3_column_int (st, 2), stamp,
               sqlite3_column_text (st, 4), info);
    }
  sqlite3_finalize (st);
  if (!remora_store_check (store, rc, &error))
    {
      print_error (error);
      return 1;
    }
  return 0;
}

/* export -------------------------------------------------------------------- */

static gboolean cli_fail (int *status, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
cli_fail (int *status, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr (_ ("remora: %s\n"), message);
  *status = 1;
  return FALSE;
}

/* The largest picture export draws: 40 million pixels (160 MB in memory),
 * at most 10,000 on a side. */
#define EXPORT_MAX_PIXELS 40000000
#define EXPORT_MAX_SIDE   10000

/* Parses a --from or --to TIME, which must fall inside the trace. */
static gboolean
parse_time_option (
    const char *option, const char *text, gint64 first, gint64 last, gint64 *out, int *status)
{
  g_autoptr (GError) error = NULL;

  if (!remora_parse_time (text, first, out, &error))
    {
      cli_fail (status, "%s: %s", option, error->message);
      *status = 2;
      return FALSE;
    }
  if (*out < first || *out > last)
    {
      g_autofree char *span = remora_format_duration (last - first);
      cli_fail (
          status,
          /* Translators: "--from 10s is outside the trace, which lasts 4.3 s (from 0 to 4.3 s)" */
          _ ("%s %s is outside the trace, which lasts %s (give a time from 0 to %s, or an "
             "absolute one with @)"),
          option, text, span, span);
      *status = 2;
      return FALSE;
    }
  return TRUE;
}

/* Parses "0-3,6" into CPU numbers that the trace has. */
static gboolean
parse_cpus (RemoraStore *store, const char *spec, GArray *cpus, int *status)
{
  int n = (int) remora_store_get_meta_int (store, "cpus", 0);
  g_auto (GStrv) parts = g_strsplit (spec, ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      char  *dash = strchr (parts[i], '-');
      char  *end = NULL;
      gint64 a = g_ascii_strtoll (parts[i], &end, 10), b = a;

      if (end == parts[i] || (dash == NULL && *end) || (dash && end != dash))
        return cli_fail (status, _ ("“%s” is not a list of CPUs such as 0-3,6"), spec);
      if (dash)
        {
          b = g_ascii_strtoll (dash + 1, &end, 10);
          if (end == dash + 1 || *end || b < a)
            return cli_fail (status, _ ("“%s” is not a list of CPUs such as 0-3,6"), spec);
        }
      for (gint64 c = a; c <= b; c++)
        {
          int cpu = (int) c;
          if (c < 0 || c >= n)
            return cli_fail (status, _ ("the trace has no CPU %lld (it has CPUs 0 to %d)"),
                             (long long) c, n - 1);
          g_array_append_val (cpus, cpu);
        }
    }
  return TRUE;
}

/* Parses "1234,kworker/1:2": pids, or task names standing for every pid of
 * that name; each must have run or emitted events in the trace. */
static gboolean
parse_tasks (RemoraStore *store, const char *spec, GArray *pids, int *status)
{
  g_auto (GStrv) parts = g_strsplit (spec, ",", -1);
  sqlite3 *db = remora_store_get_db (store);

  for (guint i = 0; parts[i]; i++)
    {
      sqlite3_stmt *st = NULL;
      char         *end = NULL;
      gint64        pid = g_ascii_strtoll (parts[i], &end, 10);
      gboolean      by_pid = end != parts[i] && *end == 0;
      guint         before = pids->len;

      if (parts[i][0] == 0)
        continue;
      sqlite3_prepare_v2 (db,
                          by_pid ? "SELECT pid FROM tasks WHERE pid = ? AND pid != 0 AND "
                                   "(pid IN (SELECT pid FROM sched_slices) OR pid IN "
                                   "(SELECT pid FROM event_rows))"
                                 : "SELECT pid FROM tasks WHERE comm = ? AND pid != 0 ORDER BY pid",
                          -1, &st, NULL);
      if (by_pid)
        sqlite3_bind_int64 (st, 1, pid);
      else
        sqlite3_bind_text (st, 1, parts[i], -1, SQLITE_STATIC);
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          int p = sqlite3_column_int (st, 0);
          g_array_append_val (pids, p);
        }
      sqlite3_finalize (st);
      if (pids->len == before)
        return cli_fail (status, _ ("no task “%s” ran in the trace"), parts[i]);
    }
  return TRUE;
}

/* Whether the trace recorded an instance buffer named @name. */
static gboolean
buffer_exists (RemoraStore *store, const char *name)
{
  sqlite3_stmt *st = NULL;
  gboolean      found = FALSE;

  if (sqlite3_prepare_v2 (remora_store_get_db (store), "SELECT 1 FROM buffers WHERE name = ?", -1,
                          &st, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (st, 1, name, -1, SQLITE_STATIC);
      found = sqlite3_step (st) == SQLITE_ROW;
    }
  sqlite3_finalize (st);
  return found;
}

/* The tasks that ran longest in @range, idle aside. */
static gboolean
busiest_tasks (RemoraStore           *store,
               const char            *buffer,
               const RemoraTimeRange *range,
               int                    n,
               GArray                *pids,
               GError               **error)
{
  g_autoptr (GArray) totals = remora_busiest_tasks (store, buffer, range, n, error);

  if (totals == NULL)
    return FALSE;
  for (guint i = 0; i < totals->len; i++)
    g_array_append_val (pids, g_array_index (totals, RemoraTaskTotal, i).pid);
  return TRUE;
}

int
remora_cli_export (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraStore) store = NULL;
  g_autoptr (RemoraTimelineScene) scene = NULL;
  g_autoptr (GArray) cpus = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) pids = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *output = NULL, *from = NULL, *to = NULL, *cpu_spec = NULL;
  g_autofree char *task_spec = NULL, *rows = NULL, *title = NULL, *theme = NULL;
  g_autofree char *dir = NULL, *buffer = NULL;
  int              width = 1600, height = 0, status = 0;
  double           scale = 1.0;
  gboolean         absolute = FALSE, no_links = FALSE, links = FALSE;
  g_auto (GStrv) markers = NULL;
  const gboolean quiet = TRUE;
  gint64         first, last;
  GOptionEntry   entries[] = {
      { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
        N_ ("Write the picture to FILE: .png, .svg or .pdf"), N_ ("FILE") },
      { "from", 0, 0, G_OPTION_ARG_STRING, &from,
        N_ ("Start at TIME: 1.2034s, 850ms, 12us from the trace's start, or @5123.456789"),
        N_ ("TIME") },
      { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_ ("End at TIME"), N_ ("TIME") },
      { "cpus", 0, 0, G_OPTION_ARG_STRING, &cpu_spec, N_ ("CPU rows to draw, such as 0-3,6"),
        N_ ("LIST") },
      { "tasks", 0, 0, G_OPTION_ARG_STRING, &task_spec,
        N_ ("Task rows to draw: pids or names, such as 1234,kworker/1:2"), N_ ("LIST") },
      { "buffer", 0, 0, G_OPTION_ARG_STRING, &buffer,
        N_ ("Draw the rows of the instance buffer NAME (default: the top-level buffer)"),
        N_ ("NAME") },
      { "rows", 0, 0, G_OPTION_ARG_STRING, &rows,
        N_ ("Which rows: cpus, tasks or both (default: both)"), N_ ("ROWS") },
      { "width", 0, 0, G_OPTION_ARG_INT, &width, N_ ("Width in pixels (default: 1600)"), N_ ("N") },
      { "height", 0, 0, G_OPTION_ARG_INT, &height, N_ ("Height in pixels (default: fit the rows)"),
        N_ ("N") },
      { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_ ("Pixels per point for PNG, 2 for HiDPI"),
        N_ ("N") },
      { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_ ("The picture's title"), N_ ("TEXT") },
      { "theme", 0, 0, G_OPTION_ARG_STRING, &theme, N_ ("light or dark (default: light)"),
        N_ ("THEME") },
      { "marker", 0, 0, G_OPTION_ARG_STRING_ARRAY, &markers,
        N_ ("Mark a time, as NAME@TIME (repeat it: the time between markers is shown)"),
        N_ ("NAME@TIME") },
      { "links", 0, 0, G_OPTION_ARG_NONE, &links,
        N_ ("Draw wakeup and block I/O links when zoomed in enough (the default)"), NULL },
      { "no-links", 0, 0, G_OPTION_ARG_NONE, &no_links, N_ ("Do not draw links"), NULL },
      { "absolute", 0, 0, G_OPTION_ARG_NONE, &absolute,
        N_ ("Label times as recorded instead of from the trace's start"), NULL },
      { NULL }
  };

  store = parse_and_open (&argc, &argv, entries,
                          _ ("TRACE|STORE — draw a timeline into a PNG, SVG or PDF file"), "export",
                          &quiet, &status);
  if (store == NULL)
    return status;

  if (output == NULL)
    return cli_fail (&status, _ ("export needs an output file (-o FILE)")), 2;
  if (!remora_export_is_supported (output))
    return cli_fail (&status, _ ("cannot write “%s”: the name must end in .png, .svg or .pdf"),
                     output),
           2;
  dir = g_path_get_dirname (output);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return cli_fail (&status, _ ("cannot write “%s”: the folder “%s” does not exist"), output, dir),
           1;
  if (rows && !g_str_equal (rows, "cpus") && !g_str_equal (rows, "tasks") &&
      !g_str_equal (rows, "both"))
    return cli_fail (&status, _ ("--rows takes cpus, tasks or both, not “%s”"), rows), 2;
  if (theme && !g_str_equal (theme, "light") && !g_str_equal (theme, "dark"))
    return cli_fail (&status, _ ("--theme takes light or dark, not “%s”"), theme), 2;
  if (width < 300 || width > EXPORT_MAX_SIDE)
    return cli_fail (&status, _ ("--width must be 300 to %d pixels, not %d"), EXPORT_MAX_SIDE,
                     width),
           2;
  if (height != 0 && (height < 100 || height > EXPORT_MAX_SIDE))
    return cli_fail (&status, _ ("--height must be 100 to %d pixels, not %d"), EXPORT_MAX_SIDE,
                     height),
           2;
  if (!isfinite (scale) || scale < 0.5 || scale > 4)
    return cli_fail (&status, _ ("--scale must be 0.5 to 4, not %g"), scale), 2;

  if (buffer == NULL)
    buffer = g_strdup ("");
  else if (!buffer_exists (store, buffer))
    return cli_fail (&status, _ ("the trace has no buffer “%s”"), buffer), 1;

  scene = remora_timeline_scene_new (store);
  first = scene->range.begin_ns;
  last = scene->range.end_ns;
  if (from && !parse_time_option ("--from", from, first, last, &scene->range.begin_ns, &status))
    return status;
  if (to && !parse_time_option ("--to", to, first, last, &scene->range.end_ns, &status))
    return status;
  if (scene->range.end_ns <= scene->range.begin_ns)
    return cli_fail (&status, _ ("the range must end after it begins (--from %s, --to %s)"),
                     from ? from : "0", to ? to : _ ("the trace’s end")),
           2;

  if (!rows || !g_str_equal (rows, "tasks"))
    {
      if (cpu_spec)
        {
          if (!parse_cpus (store, cpu_spec, cpus, &status))
            return status;
        }
      else
        for (int c = 0; c < remora_store_get_meta_int (store, "cpus", 0); c++)
          g_array_append_val (cpus, c);
    }
  if (!rows || !g_str_equal (rows, "cpus"))
    {
      if (task_spec)
        {
          if (!parse_tasks (store, task_spec, pids, &status))
            return status;
        }
      else if (!busiest_tasks (store, buffer, &scene->range, 8, pids, &error))
        return cli_fail (&status, "%s", error->message), 1;
    }
  for (guint i = 0; i < cpus->len; i++)
    remora_timeline_scene_add_row (scene, REMORA_ROW_CPU, buffer, g_array_index (cpus, int, i),
                                   NULL);
  for (guint i = 0; i < pids->len; i++)
    remora_timeline_scene_add_row (scene, REMORA_ROW_TASK, buffer, g_array_index (pids, int, i),
                                   NULL);

  scene->width = width;
  scene->height = height ? height : 46 + 26 + 28 + 10 + (int) scene->rows->len * 26;
  if ((double) scene->width * scene->height * scale * scale > EXPORT_MAX_PIXELS ||
      scene->height > EXPORT_MAX_SIDE)
    return cli_fail (&status,
                     _ ("the picture would be %.0f × %.0f pixels; the limit is %d million pixels "
                        "(width × height × scale²) and %d on a side: choose fewer rows, a smaller "
                        "size or scale"),
                     scene->width * scale, scene->height * scale, EXPORT_MAX_PIXELS / 1000000,
                     EXPORT_MAX_SIDE),
           2;
  scene->theme = remora_theme_get (theme && g_str_equal (theme, "dark"));
  scene->absolute_time = absolute;
  scene->title_block = TRUE;
  scene->title = g_strdup (title);
  scene->links = !no_links;
  for (guint i = 0; markers && markers[i]; i++)
    {
      const char      *at = strchr (markers[i], '@');
      g_autofree char *name = at ? g_strndup (markers[i], at - markers[i]) : NULL;
      gint64           ts;

      if (at == NULL || name[0] == 0 || !remora_parse_time (at + 1, first, &ts, &error))
        return cli_fail (&status, _ ("“%s” is not a marker: write NAME@TIME, such as A@1.25s"),
                         markers[i]),
               2;
      remora_timeline_scene_add_marker (scene, name, ts);
    }
  if (!remora_export_scene (scene, output, scale, &error))
    return cli_fail (&status, "%s", error->message), 1;
  return 0;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s",
           _ ("Usage:\n"
              "  remora TRACE                      open a trace in the window\n"
              "  remora import TRACE [-o STORE] [--force] [--quiet]\n"
              "                                    import a trace.dat into a store\n"
              "  remora stats TRACE|STORE [--json] print event counts and latency summaries\n"
              "  remora events TRACE|STORE [--first ID] [--limit N] [--name NAME] [--raw]\n"
              "                                    list events as trace-cmd report does\n"
              "  remora export TRACE|STORE -o FILE.png|.svg|.pdf [--from T] [--to T]\n"
              "         [--buffer NAME] [--cpus LIST] [--tasks LIST] [--rows cpus|tasks|both]\n"
              "         [--width N] [--height N] [--scale N] [--title TEXT] [--theme light|dark]\n"
              "         [--marker NAME@TIME]... [--no-links] [--absolute]\n"
              "                                    draw a timeline without a display\n"
              "  remora --version                  print the version\n"
              "  remora --help                     print this help\n"
              "\n"
              "Remora reads trace.dat files recorded by trace-cmd (file versions 6 and 7).\n"
              "A trace's store is kept beside it as TRACE.remora, or under\n"
              "$XDG_CACHE_HOME/remora/ when its directory is not writable.\n"));
}

/**
 * remora_cli_main:
 * @argc: argument count
 * @argv: arguments
 *
 * Dispatches the command line without touching GTK.
 *
 * Returns: the exit status
 */
int
remora_cli_main (int argc, char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "-V"))
    {
      g_print ("remora %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_str_equal (argv[1], "import"))
    return remora_cli_import (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "stats"))
    return remora_cli_stats (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "events"))
    return remora_cli_events (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "export"))
    return remora_cli_export (argc - 1, argv + 1);
  if (argv[1][0] == '-')
    {
      g_printerr (_ ("remora: unknown option “%s” (see “remora --help”)\n"), argv[1]);
      return 2;
    }
  g_printerr (_ ("remora: this version has no window yet; use “remora import %s” and "
                 "“remora stats %s”\n"),
              argv[1], argv[1]);
  return 2;
}
