/* remora-cli-events.c: remora events
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "remora-cli-private.h"
#include "remora-cli.h"

static gboolean
print_line (const char *line, gint64 event_id, gpointer user_data, GError **error)
{
  /* a trace's text, never a command to the terminal */
  g_autofree char *escaped = remora_cli_escape_controls (line);

  /* stdio's buffer, not g_print's flush after each line */
  if (fputs (escaped ? escaped : line, stdout) < 0 || putc ('\n', stdout) == EOF)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Failed to write the listing: %s"), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Whether the trace names one of @pids at least; said when it does not. */
static gboolean
pids_known (RemoraStore *store, const char *spec, GArray *pids)
{
  g_autoptr (GHashTable) names = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < pids->len && g_hash_table_size (names) == 0; i++)
    if (!remora_store_read_task_names (store, &g_array_index (pids, int, i), 1, names, &error))
      {
        remora_cli_print_error (error);
        return FALSE;
      }
  if (g_hash_table_size (names) == 0)
    {
      g_printerr (_ ("remora: --pid: no task of “%s” is in the trace\n"), spec);
      return FALSE;
    }
  return TRUE;
}

/* The pids of --pid: "1234,1240-1250"; FALSE, said, when @text is no such
 * list or the trace names none of them (a range may hold pids that are not
 * there). */
static gboolean
parse_pids (RemoraStore *store, const char *text, GArray *out)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      g_auto (GStrv) ends = g_strsplit (parts[i], "-", 2);
      guint64 a, b;

      if (!g_ascii_string_to_unsigned (ends[0], 10, 0, G_MAXINT32, &a, NULL) ||
          (ends[1] != NULL && !g_ascii_string_to_unsigned (ends[1], 10, a, G_MAXINT32, &b, NULL)))
        {
          g_printerr (_ ("remora: --pid takes numbers and ranges (0,2-3), not “%s”\n"), text);
          return FALSE;
        }
      if (ends[1] == NULL)
        b = a;
      if (b - a > 1 << 20)
        {
          g_printerr (_ ("remora: --pid takes numbers and ranges (0,2-3), not “%s”\n"), text);
          return FALSE;
        }
      for (guint64 v = a; v <= b; v++)
        {
          gint32 pid = (gint32) v;
          g_array_append_val (out, pid);
        }
    }
  return pids_known (store, text, out);
}

/* A time of --from or --to, which must lie in the trace. */
static gboolean
parse_time (RemoraStore *store, const char *option, const char *text, gint64 *ts)
{
  g_autoptr (GError) error = NULL;

  if (text == NULL)
    return TRUE;
  if (!remora_parse_view_time (option, text, remora_store_get_info (store), ts, &error))
    {
      g_printerr ("remora: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* The CPUs of --cpu; FALSE, said, when a CPU is not the trace's. */
static gboolean
parse_cpus (RemoraStore *store, const char *text, GArray *cpus)
{
  g_autoptr (GError) error = NULL;

  if (!remora_parse_cpu_list (text, remora_store_get_info (store)->cpus, cpus, &error))
    {
      g_printerr ("remora: --cpu: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Counts with a filter the window uses (CPUs, pids, an expression, a text, a
 * name), or writes them to a CSV file. */
static int
count_or_export (RemoraStore *store,
                 const char  *cpus,
                 const char  *pids,
                 char       **expressions,
                 GArray      *types,
                 const char  *text,
                 const char  *csv,
                 gint64       first)
{
  g_autoptr (RemoraFilter) filter = remora_filter_new ();
  g_autoptr (RemoraFilterJob) job = NULL;
  g_autoptr (RemoraEventMask) mask = NULL;
  g_autoptr (GError) error = NULL;

  if (cpus != NULL)
    {
      filter->cpus = g_array_new (FALSE, FALSE, sizeof (int));
      if (!parse_cpus (store, cpus, filter->cpus))
        return 2;
    }
  if (pids != NULL)
    {
      filter->pids = g_array_new (FALSE, FALSE, sizeof (gint32));
      if (!parse_pids (store, pids, filter->pids))
        return 2;
    }
  filter->types = types != NULL ? g_array_ref (types) : NULL;
  filter->expression = expressions ? g_strdup (expressions[0]) : NULL;
  filter->text = g_strdup (text);
  job = remora_filter_job_new (store, filter);
  if (!remora_filter_is_empty (filter) &&
      (mask = remora_filter_job_run (job, NULL, &error)) == NULL)
    {
      remora_cli_print_error (error);
      return error->domain == REMORA_DATA_ERROR && error->code == REMORA_DATA_ERROR_BAD_FILTER ? 2
                                                                                               : 1;
    }
  if (csv != NULL)
    {
      g_autoptr (RemoraCsvExport) out = remora_csv_export_new (store, mask, csv);
      gint64           rows = remora_csv_export_run (out, NULL, &error);
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, rows);

      if (rows < 0)
        {
          remora_cli_print_error (error);
          return 1;
        }
      /* Translators: %s is a number of events, the other a file */
      g_printerr (_ ("remora: wrote %s events to “%s”\n"), n, csv);
      return 0;
    }
  g_print ("%" G_GINT64_FORMAT "\n",
           mask ? remora_event_mask_get_count (mask) - remora_event_mask_rank (mask, first)
                : MAX (0, remora_store_get_info (store)->events - first));
  return 0;
}

int
remora_cli_events (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraStore) store = NULL;
  g_autoptr (GByteArray) cpu_set = g_byte_array_new ();
  g_autoptr (GArray) types = NULL;
  g_autoptr (GPtrArray) pid_list = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = NULL;
  g_autofree char *cpus = NULL;
  g_autofree char *pids = NULL;
  g_auto (GStrv) expressions = NULL;
  g_auto (GStrv) comms = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gint64           first = 0, limit = -1;
  gboolean         raw = FALSE, nsec = FALSE, invert = FALSE, no_irqs = FALSE, no_softirqs = FALSE,
           imported = FALSE, count = FALSE;
  int                 status = 0;
  RemoraReportOptions o;
  GOptionEntry        entries[] = {
           { "first", 0, 0, G_OPTION_ARG_INT64, &first, N_ ("Start at the event with this id"),
             N_ ("ID") },
           { "limit", 'n', 0, G_OPTION_ARG_INT64, &limit, N_ ("Print at most N events"), N_ ("N") },
           { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_ ("Print only events of this name"),
             N_ ("NAME") },
           { "nsec", 't', 0, G_OPTION_ARG_NONE, &nsec,
             N_ ("Print times in nanoseconds, as trace-cmd report -t"), NULL },
           { "raw", 'R', 0, G_OPTION_ARG_NONE, &raw,
             N_ ("Print every field as name=value instead of the event’s format"), NULL },
           { "cpu", 0, 0, G_OPTION_ARG_STRING, &cpus,
             N_ ("Print only events of these CPUs (0,2-3), as trace-cmd report --cpu"), N_ ("CPUS") },
           { "pid", 'P', 0, G_OPTION_ARG_STRING, &pids,
             N_ ("Print only events of these tasks (1234,1240), or that name them"), N_ ("PIDS") },
           { "comm", 0, 0, G_OPTION_ARG_STRING_ARRAY, &comms,
             N_ ("Print only events of the tasks of this name, or that name them"), N_ ("NAME") },
           { "filter", 'F', 0, G_OPTION_ARG_STRING_ARRAY, &expressions,
             N_ ("Print only events that match a libtraceevent filter, as trace-cmd report -F "
                        "(\"sched_switch: prev_state == 2\")"),
             N_ ("FILTER") },
           { "invert", 'v', 0, G_OPTION_ARG_NONE, &invert,
             N_ ("Print the events the filters of -F do not match, as trace-cmd report -v -F"), NULL },
           { "no-irqs", 'I', 0, G_OPTION_ARG_NONE, &no_irqs,
             N_ ("Leave out events recorded in a hard interrupt, as trace-cmd report -I"), NULL },
           { "no-softirqs", 'S', 0, G_OPTION_ARG_NONE, &no_softirqs,
             N_ ("Leave out events recorded in a soft interrupt, as trace-cmd report -S"), NULL },
           { "from", 0, 0, G_OPTION_ARG_STRING, &from,
             N_ ("Start at this time (1.5s, 850ms from the trace’s start, or @5123.456789)"),
             N_ ("TIME") },
           { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_ ("End before this time"), N_ ("TIME") },
           { "grep", 0, 0, G_OPTION_ARG_STRING, &text,
             N_ ("Print only events whose info holds this text (letters in any case)"), N_ ("TEXT") },
           { "count", 'c', 0, G_OPTION_ARG_NONE, &count,
             N_ ("Print how many events match instead of the events"), NULL },
           { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv,
             N_ ("Write the events (those that match) to a CSV file instead of printing them"),
             N_ ("FILE") },
           { NULL }
  };

  store = remora_cli_parse_and_open (&argc, &argv, entries,
                                     _ ("TRACE|STORE — list events as trace-cmd report does"),
                                     "events", &status, &imported, NULL);
  if (store == NULL)
    return status;
  if (limit < -1 || first < 0)
    {
      /* Translators: %s is an option, --limit or --first */
      g_printerr (_ ("remora: %s must be 0 or more\n"), first < 0 ? "--first" : "--limit");
      return 2;
    }
  if (first > 0 && first >= remora_store_get_info (store)->events)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, first);
      g_autofree char *last =
          g_strdup_printf ("%" G_GINT64_FORMAT, remora_store_get_info (store)->events - 1);

      if (remora_store_get_info (store)->events == 0)
        g_printerr (_ ("remora: --first %s: the trace has no events\n"), n);
      else
        /* Translators: "--first 999999: the trace's events have ids 0 to 13530" */
        g_printerr (_ ("remora: --first %s: the trace’s events have ids 0 to %s\n"), n, last);
      return 2;
    }
  if (name != NULL)
    {
      types = remora_store_find_types (store, name, &error);
      if (types == NULL)
        {
          remora_cli_print_error (error);
          return 1;
        }
      if (types->len == 0)
        {
          /* Translators: --name's value; "remora stats" lists the events */
          g_printerr (_ ("remora: --name %s: the trace has no event of that name (“remora stats” "
                         "lists them)\n"),
                      name);
          return 2;
        }
    }
  if (csv != NULL && (first != 0 || limit >= 0 || raw || nsec))
    {
      /* Translators: the option names are not to be translated */
      g_printerr (_ ("remora: --csv writes every matching event with its info: --first, --limit, "
                     "--raw and --nsec do not apply to it\n"));
      return 2;
    }
  if ((csv != NULL || count) &&
      (invert || no_irqs || no_softirqs || comms != NULL || from != NULL || to != NULL ||
       (expressions != NULL && g_strv_length (expressions) > 1)))
    {
      /* Translators: the option names are not to be translated */
      g_printerr (_ ("remora: --csv and --count take --cpu, --pid, --name, --grep and one -F; "
                     "-v, -I, -S, --comm, --from and --to only go with a listing\n"));
      return 2;
    }
  /* a field no event has: accepted, as trace-cmd does, and said */
  if (expressions != NULL)
    {
      g_autoptr (GHashTable) known = remora_store_read_field_names (store, NULL);

      for (guint i = 0; known != NULL && expressions[i] != NULL; i++)
        {
          g_auto (GStrv) unknown = remora_filter_find_unknown_fields (expressions[i], known);

          for (guint k = 0; unknown[k] != NULL; k++)
            /* Translators: %s is a field's name in a filter expression */
            g_printerr (_ ("remora: warning: no event of this trace has a field “%s”: the "
                           "filter keeps no event by it\n"),
                        unknown[k]);
        }
    }
  if (csv != NULL || count)
    return count_or_export (store, cpus, pids, expressions, types, text, csv, first);

  remora_report_options_init (&o);
  o.nsec = nsec;
  o.raw = raw;
  o.first_id = first;
  o.limit = limit;
  o.no_irqs = no_irqs;
  o.no_softirqs = no_softirqs;
  o.name = name;
  o.text = text;
  if (cpus != NULL)
    {
      g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (int));

      if (!parse_cpus (store, cpus, list))
        return 2;
      /* as a byte set */
      for (guint i = 0; i < list->len; i++)
        {
          int cpu = g_array_index (list, int, i);

          while ((guint) cpu >= cpu_set->len)
            g_byte_array_append (cpu_set, (const guint8 *) "", 1);
          cpu_set->data[cpu] = 1;
        }
      o.cpus = cpu_set->data;
      o.n_cpus = cpu_set->len;
    }
  if (pids != NULL)
    {
      g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (gint32));

      if (!parse_pids (store, pids, list))
        return 2;
      for (guint i = 0; i < list->len; i++)
        g_ptr_array_add (pid_list, g_strdup_printf ("%d", g_array_index (list, gint32, i)));
      g_ptr_array_add (pid_list, NULL);
      o.pids = (const char *const *) pid_list->pdata;
    }
  o.comms = (const char *const *) comms;
  if (invert)
    o.notrace = (const char *const *) expressions;
  else
    o.filters = (const char *const *) expressions;
  if (!parse_time (store, "--from", from, &o.from_ns) || !parse_time (store, "--to", to, &o.to_ns))
    return 2;
  if (from != NULL && to != NULL && o.to_ns <= o.from_ns)
    {
      g_printerr (_ ("remora: --to %s is not after --from %s\n"), to, from);
      return 2;
    }
  if (remora_store_report (store, &o, print_line, NULL, NULL, &error) && fflush (stdout) != 0)
    {
      int saved = errno;

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Failed to write the listing: %s"), g_strerror (saved));
    }
  if (error != NULL)
    {
      remora_cli_print_error (error);
      return error->domain == REMORA_DATA_ERROR && error->code == REMORA_DATA_ERROR_BAD_FILTER ? 2
                                                                                               : 1;
    }
  remora_cli_say_store (store, argv[1], imported);
  return 0;
}
