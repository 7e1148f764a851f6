/* remora-cli.c: the command line's dispatcher; each subcommand has a file
 * of its own (remora-cli-import.c, -stats.c, -events.c, -export.c, -sql.c)
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "remora-cli-private.h"

static void
print_usage (FILE *out)
{
  fprintf (out, "%s",
           _ ("Usage:\n"
              "  remora [TRACE|STORE]...           open traces in the window (none: a start page)\n"
              "  remora -i TRACE                   the same, as kernelshark -i and trace-cmd -i\n"
              "         [--cpu 1,4-7] [--pid PID] [--task NAME] [--from T] [--to T]\n"
              "                                    what the window shows first\n"
              "  remora import TRACE [-o STORE] [--force] [--quiet]\n"
              "                                    import a trace.dat into a store\n"
              "  remora stats TRACE|STORE [--json] print event counts and latency summaries\n"
              "  remora events TRACE|STORE [-t] [-R] [--cpu LIST] [-F FILTER [-v]] [-I] [-S]\n"
              "         [--pid LIST] [--comm NAME] [--name NAME] [--from T] [--to T]\n"
              "         [--first ID] [--limit N] [--grep TEXT] [--count] [--csv FILE]\n"
              "                                    list events as trace-cmd report does\n"
              "  remora sql TRACE|STORE [QUERY]... [--write] [-O SQLITE3-OPTION]...\n"
              "                                    the sqlite3 shell on the store, with\n"
              "                                    remora_field() and friends (SCHEMA.md)\n"
              "  remora export TRACE|STORE -o FILE.png|.svg|.pdf [--from T] [--to T]\n"
              "         [--buffer NAME] [--cpus LIST] [--tasks LIST] [--rows cpus|tasks|both]\n"
              "         [--width N] [--height N] [--scale N] [--title TEXT] [--theme light|dark]\n"
              "         [--marker NAME@TIME]... [--no-links] [--absolute]\n"
              "                                    draw a timeline without a display\n"
              "  remora --version                  print the version\n"
              "  remora --help                     print this help\n"
              "\n"
              "Every TRACE may also be given as -i TRACE, as trace-cmd does.\n"
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
  remora_cli_escape_output ();
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
  /* "Usage: remora events [OPTION…]" in a subcommand's --help */
  if (remora_cli_wants (argc, argv) && argv[1][0] != '-')
    {
      g_autofree char *name = g_strconcat ("remora ", argv[1], NULL);
      g_set_prgname (name);
    }
  if (g_str_equal (argv[1], "import"))
    return remora_cli_import (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "stats"))
    return remora_cli_stats (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "events"))
    return remora_cli_events (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "export"))
    return remora_cli_export (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "sql"))
    return remora_cli_sql (argc - 1, argv + 1);
  g_printerr (_ ("remora: unknown option “%s” (see “remora --help”)\n"), argv[1]);
  return 2;
}

/**
 * remora_cli_wants:
 * @argc: argument count
 * @argv: arguments
 *
 * Returns: %TRUE when the command line is the headless one's (a
 *   subcommand, --help, --version, an option of its own), %FALSE when it is
 *   the window's (nothing, files, -i FILE): then GTK is never touched.
 */
gboolean
remora_cli_wants (int argc, char **argv)
{
  static const char *const commands[] = { "import", "stats", "events",    "export", "sql", "help",
                                          "--help", "-h",    "--version", "-V",     NULL };

  static const char *const window_options[] = { "-i",     "--cpu", "--pid", "--task",
                                                "--from", "--to",  NULL };

  if (argc < 2)
    return FALSE;
  if (g_strv_contains (commands, argv[1]))
    return TRUE;
  return argv[1][0] == '-' && !g_strv_contains (window_options, argv[1]);
}
