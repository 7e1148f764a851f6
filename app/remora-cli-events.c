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
  g_autofree char *stamp = remora_format_timestamp (e->ts);
  g_autofree char *info = remora_store_dup_event_info (l->store, e->id, l->raw, error);

  if (info == NULL)
    return FALSE;
  /* the layout of trace-cmd report -t */
  g_print ("%s%s%16s-%-5d [%03d] %s: %s: %s\n", e->buffer, e->buffer[0] ? ": " : "",
           e->comm ? e->comm : "<...>", e->pid, e->cpu, stamp, e->name, info);
  return TRUE;
}

int
remora_cli_events (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraStore) store = NULL;
  g_autofree char *name = NULL;
  gint64           first = 0, limit = -1;
  gboolean         raw = FALSE, imported = FALSE;
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
  if (!remora_store_list_events (store, first, name, limit, print_event, &listing, &error))
    {
      remora_cli_print_error (error);
      return 1;
    }
  remora_cli_say_store (store, argv[1], imported);
  return 0;
}
