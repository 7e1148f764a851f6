/* remora-cli-events.c: remora events
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "remora-cli-private.h"
#include "remora-cli.h"

typedef struct
{
  RemoraStore *store;
  gboolean     raw;
} Listing;

static gboolean
print_event (const RemoraListedEvent *e, gpointer user_data, GError **error)
{
  Listing         *l = user_data;
  g_autofree char *info = remora_store_dup_event_info (l->store, e->id, l->raw, error);
  g_autofree char *line = NULL;

  if (info == NULL)
    return FALSE;
  /* the layout of trace-cmd report -t */
  line = remora_format_report_line (e->buffer, e->comm, e->pid, e->cpu, e->ts, e->name, info);
  g_print ("%s\n", line);
  return TRUE;
}

/* "0,2-3" as trace-cmd report --cpu takes it */
static gboolean
parse_list (const char *text, const char *option, GArray *out, gsize size)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      g_auto (GStrv) ends = g_strsplit (parts[i], "-", 2);
      guint64 a, b;

      if (!g_ascii_string_to_unsigned (ends[0], 10, 0, G_MAXINT32, &a, NULL) ||
          (ends[1] != NULL && !g_ascii_string_to_unsigned (ends[1], 10, a, G_MAXINT32, &b, NULL)))
        {
          /* Translators: the first %s is an option (--cpu), the second what
           * followed it */
          g_printerr (_ ("remora: %s takes numbers and ranges (0,2-3), not “%s”\n"), option, text);
          return FALSE;
        }
      if (ends[1] == NULL)
        b = a;
      if (b - a > 1 << 20)
        {
          g_printerr (_ ("remora: %s takes numbers and ranges (0,2-3), not “%s”\n"), option, text);
          return FALSE;
        }
      for (guint64 v = a; v <= b; v++)
        {
          gint32 v32 = (gint32) v;
          int    vi = (int) v;
          g_array_append_vals (out, size == sizeof (int) ? (gconstpointer) &vi : &v32, 1);
        }
    }
  return TRUE;
}

static gboolean
print_filtered (RemoraStore     *store,
                RemoraEventMask *mask,
                gint64           first,
                gint64           limit,
                Listing         *listing,
                GError         **error)
{
  gint64 n = remora_event_mask_get_count (mask);

  for (gint64 k = remora_event_mask_rank (mask, first); k < n && limit != 0; k++, limit--)
    if (!remora_store_list_events (store, remora_event_mask_select (mask, k), NULL, 1, print_event,
                                   listing, error))
      return FALSE;
  return TRUE;
}

int
remora_cli_events (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraStore) store = NULL;
  g_autofree char *name = NULL;
  g_autofree char *cpus = NULL;
  g_autofree char *pids = NULL;
  g_autofree char *expression = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  gint64           first = 0, limit = -1;
  gboolean         raw = FALSE, imported = FALSE, count = FALSE;
  int              status = 0;
  Listing          listing;
  GOptionEntry     entries[] = {
        { "first", 0, 0, G_OPTION_ARG_INT64, &first, N_ ("Start at the event with this id"),
          N_ ("ID") },
        { "limit", 'n', 0, G_OPTION_ARG_INT64, &limit, N_ ("Print at most N events"), N_ ("N") },
        { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_ ("Print only events of this name"),
          N_ ("NAME") },
        { "raw", 'R', 0, G_OPTION_ARG_NONE, &raw,
          N_ ("Print every field as name=value instead of the event’s format"), NULL },
        { "cpu", 0, 0, G_OPTION_ARG_STRING, &cpus,
          N_ ("Print only events of these CPUs (0,2-3), as trace-cmd report --cpu"), N_ ("CPUS") },
        { "pid", 'P', 0, G_OPTION_ARG_STRING, &pids, N_ ("Print only events of these tasks"),
          N_ ("PIDS") },
        { "filter", 'F', 0, G_OPTION_ARG_STRING, &expression,
          N_ ("Print only events that match a libtraceevent filter, as trace-cmd report -F "
                  "(\"sched_switch: prev_state == 2\")"),
          N_ ("FILTER") },
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
                                     "events", &status, &imported);
  if (store == NULL)
    return status;
  if (limit < -1 || first < 0)
    {
      /* Translators: %s is an option, --limit or --first */
      g_printerr (_ ("remora: %s must be 0 or more\n"), first < 0 ? "--first" : "--limit");
      return 2;
    }
  listing = (Listing){ store, raw };
  if (csv != NULL && (first != 0 || limit >= 0 || raw))
    {
      /* Translators: the option names are not to be translated */
      g_printerr (_ ("remora: --csv writes every matching event with its info: --first, --limit "
                     "and --raw do not apply to it\n"));
      return 2;
    }
  if (cpus != NULL || pids != NULL || expression != NULL || text != NULL || count || csv != NULL)
    {
      g_autoptr (RemoraFilter) filter = remora_filter_new ();
      g_autoptr (RemoraFilterJob) job = NULL;
      g_autoptr (RemoraEventMask) mask = NULL;

      if (cpus != NULL)
        {
          filter->cpus = g_array_new (FALSE, FALSE, sizeof (int));
          if (!parse_list (cpus, "--cpu", filter->cpus, sizeof (int)))
            return 2;
        }
      if (pids != NULL)
        {
          filter->pids = g_array_new (FALSE, FALSE, sizeof (gint32));
          if (!parse_list (pids, "--pid", filter->pids, sizeof (gint32)))
            return 2;
        }
      if (name != NULL && (filter->types = remora_store_find_types (store, name, &error)) == NULL)
        {
          remora_cli_print_error (error);
          return 1;
        }
      filter->expression = g_steal_pointer (&expression);
      filter->text = g_steal_pointer (&text);
      job = remora_filter_job_new (store, filter);
      if (!remora_filter_is_empty (filter) &&
          (mask = remora_filter_job_run (job, NULL, &error)) == NULL)
        {
          remora_cli_print_error (error);
          return error->domain == REMORA_DATA_ERROR && error->code == REMORA_DATA_ERROR_BAD_FILTER
                     ? 2
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
        }
      else if (count)
        g_print ("%" G_GINT64_FORMAT "\n",
                 mask ? remora_event_mask_get_count (mask) - remora_event_mask_rank (mask, first)
                      : MAX (0, remora_store_get_info (store)->events - first));
      else if (mask == NULL)
        {
          if (!remora_store_list_events (store, first, name, limit, print_event, &listing, &error))
            {
              remora_cli_print_error (error);
              return 1;
            }
        }
      else if (!print_filtered (store, mask, first, limit, &listing, &error))
        {
          remora_cli_print_error (error);
          return 1;
        }
    }
  else if (!remora_store_list_events (store, first, name, limit, print_event, &listing, &error))
    {
      remora_cli_print_error (error);
      return 1;
    }
  remora_cli_say_store (store, argv[1], imported);
  return 0;
}
