/* remora-cli-sql.c: remora sql, the sqlite3 shell on a store with Remora's
 * SQLite extension loaded (data/remora-sqlite-extension.c)
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "remora-cli-private.h"
#include "remora-cli.h"

int
remora_cli_sql (int argc, char **argv)
{
  g_autoptr (RemoraStore) store = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) queries = NULL;
  g_auto (GStrv) shell_options = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *shell = NULL;
  g_autofree char *load = NULL;
  gboolean         imported = FALSE, write = FALSE;
  int              status = 0;
  GOptionEntry     entries[] = {
        { "write", 0, 0, G_OPTION_ARG_NONE, &write,
          N_ ("Open the store for writing too (a table of your own makes Remora import the "
                  "trace again next time)"),
          NULL },
        { "sqlite3-option", 'O', 0, G_OPTION_ARG_STRING_ARRAY, &shell_options,
          N_ ("Give the sqlite3 shell this option (-O -header -O -csv)"), N_ ("OPTION") },
        { NULL }
  };

  store = remora_cli_parse_and_open (
      &argc, &argv, entries,
      _ ("TRACE|STORE [QUERY…] — the sqlite3 shell on a trace's store, with Remora's functions "
         "(remora_field, remora_text, remora_rel_s: see SCHEMA.md)"),
      "sql", &status, &imported, &queries);
  if (store == NULL)
    return status;

  extension = remora_store_extension_path ();
  if (!g_file_test (extension, G_FILE_TEST_IS_REGULAR))
    {
      /* Translators: the file is Remora's SQLite extension, remora.so */
      g_printerr (_ ("remora: Remora’s SQLite extension “%s” is missing (is Remora installed?)\n"),
                  extension);
      return 1;
    }
  if ((shell = g_find_program_in_path ("sqlite3")) == NULL)
    {
      g_printerr (_ ("remora: sql needs the sqlite3 shell, which is not installed (Debian: apt "
                     "install sqlite3)\n"));
      return 1;
    }

  /* .load takes the file without its suffix, quoted for spaces */
  extension[strlen (extension) - strlen (".so")] = 0;
  if (strchr (extension, '"') != NULL)
    {
      g_printerr (_ ("remora: cannot load “%s”: its name holds a double quote\n"), extension);
      return 1;
    }
  load = g_strdup_printf (".load \"%s\"", extension);
  g_ptr_array_add (args, g_strdup ("sqlite3"));
  if (!write)
    g_ptr_array_add (args, g_strdup ("-readonly"));
  for (guint i = 0; shell_options != NULL && shell_options[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (shell_options[i]));
  g_ptr_array_add (args, g_strdup ("-cmd"));
  g_ptr_array_add (args, g_strdup (load));
  g_ptr_array_add (args, g_strdup (remora_store_get_path (store)));
  for (guint i = 0; queries[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (queries[i]));
  g_ptr_array_add (args, NULL);

  remora_cli_say_store (store, argv[1], imported);
  g_clear_object (&store);
  fflush (stdout);
  execv (shell, (char **) args->pdata);
  g_printerr (_ ("remora: cannot start “%s”: %s\n"), shell, g_strerror (errno));
  return 1;
}
