/* remora-cli-import.c: remora import
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "remora-cli-private.h"
#include "remora-cli.h"

int
remora_cli_import (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraStore) store = NULL;
  g_autoptr (RemoraLoader) loader = NULL;
  g_autofree char *output = NULL;
  g_autofree char *input = NULL;
  gboolean         force = FALSE, quiet = FALSE;
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
  remora_cli_add_input_option (context, &input);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      remora_cli_print_error (error);
      return 2;
    }
  if (!remora_cli_take_input (&argc, &argv, &input, "import", FALSE, NULL))
    return 2;
  loader = remora_loader_new (argv[1]);
  if (remora_loader_get_is_store (loader))
    {
      g_printerr (_ ("remora: “%s” is a Remora store, not a trace\n"), argv[1]);
      return 1;
    }
  remora_loader_set_store_path (loader, output);
  remora_loader_set_force (loader, force);

  store = remora_cli_load (loader, !quiet, !quiet, &error);
  if (store == NULL)
    {
      remora_cli_print_error (error);
      return 1;
    }
  if (quiet)
    return 0;
  if (remora_loader_get_imported (loader))
    {
      gint64 events = remora_loader_get_events_read (loader);
      g_print (ngettext ("Imported %lld event from “%s” into “%s” in %.2f s.\n",
                         "Imported %lld events from “%s” into “%s” in %.2f s.\n", events),
               (long long) events, argv[1], remora_store_get_path (store),
               remora_loader_get_import_seconds (loader));
    }
  else
    g_print (_ ("“%s” is already imported and up to date in “%s” (use --force to import again).\n"),
             argv[1], remora_store_get_path (store));
  return 0;
}
