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
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "remora-cli-private.h"
#include "remora-cli.h"

/* A line of the shell's error output, said of the store: "Error: stepping,
 * database disk image is malformed (11)" alone does not say which file. The
 * lines after the first of a message (a query quoted with a caret under it)
 * are printed as they are. */
static void
relay_error_line (const char *line, const char *store)
{
  const char *text = line;

  if (g_str_has_prefix (text, "Error: "))
    text += strlen ("Error: ");
  if (line[0] == ' ' || line[0] == '\t' || line[0] == 0)
    g_printerr ("%s\n", line);
  else if (strstr (text, "malformed") != NULL || strstr (text, "not a database") != NULL)
    /* Translators: the second %s is sqlite3's own message */
    g_printerr (_ ("remora: the store “%s” is damaged: %s\n"), store, text);
  else
    /* Translators: the second %s is sqlite3's own message */
    g_printerr (_ ("remora: sqlite3 on the store “%s”: %s\n"), store, text);
}

typedef struct
{
  int         fd;
  GString    *pending;
  gboolean    errors; /* the shell's stderr; else its stdout, escaped */
  const char *store;
} Relay;

static void
relay_lines (Relay *r, gboolean all)
{
  char *nl;

  while ((nl = memchr (r->pending->str, '\n', r->pending->len)) != NULL ||
         (all && r->pending->len > 0))
    {
      gsize            n = nl ? (gsize) (nl - r->pending->str) : r->pending->len;
      g_autofree char *line = g_utf8_make_valid (r->pending->str, n);

      if (r->errors)
        relay_error_line (line, r->store);
      else
        {
          g_autofree char *escaped = remora_cli_escape_controls (line);
          fputs (escaped ? escaped : line, stdout);
          if (nl)
            fputc ('\n', stdout);
        }
      g_string_erase (r->pending, 0, nl ? n + 1 : n);
    }
  if (!r->errors)
    fflush (stdout);
}

/* Runs the sqlite3 shell with the terminal as its input: its errors are
 * said of the store, and what it prints goes through
 * remora_cli_escape_controls() when it answers queries given on the command
 * line or piped to it onto a terminal (a store's text may hold escape
 * sequences). An interactive shell's output is its own: it edits its line
 * with those. */
static int
run_shell (const char *shell, char **argv, const char *store, gboolean queries)
{
  g_autoptr (GError) error = NULL;
  gboolean escape_output = (queries || !isatty (STDIN_FILENO)) && isatty (STDOUT_FILENO);
  Relay    relays[2] = { { -1, g_string_new (NULL), TRUE, store },
                         { -1, g_string_new (NULL), FALSE, store } };
  GPid     pid;
  int      wait_status = 0;
  void (*old_int) (int);
  void (*old_quit) (int);

  if (!g_spawn_async_with_pipes (
          NULL, argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
          &pid, NULL, escape_output ? &relays[1].fd : NULL, &relays[0].fd, &error))
    {
      g_printerr (_ ("remora: cannot start “%s”: %s\n"), shell, error->message);
      g_string_free (relays[0].pending, TRUE);
      g_string_free (relays[1].pending, TRUE);
      return 1;
    }
  /* Ctrl+C stops the shell's query, not this relay */
  old_int = signal (SIGINT, SIG_IGN);
  old_quit = signal (SIGQUIT, SIG_IGN);
  while (relays[0].fd >= 0 || relays[1].fd >= 0)
    {
      struct pollfd fds[2];
      nfds_t        n = 0;
      Relay        *which[2];

      for (int i = 0; i < 2; i++)
        if (relays[i].fd >= 0)
          {
            fds[n] = (struct pollfd){ relays[i].fd, POLLIN, 0 };
            which[n++] = &relays[i];
          }
      if (poll (fds, n, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      for (nfds_t i = 0; i < n; i++)
        if (fds[i].revents != 0)
          {
            char    buf[65536];
            ssize_t got = read (fds[i].fd, buf, sizeof buf);

            if (got < 0 && errno == EINTR)
              continue;
            if (got <= 0)
              {
                relay_lines (which[i], TRUE);
                close (which[i]->fd);
                which[i]->fd = -1;
                continue;
              }
            g_string_append_len (which[i]->pending, buf, got);
            relay_lines (which[i], FALSE);
          }
    }
  for (int i = 0; i < 2; i++)
    {
      if (relays[i].fd >= 0)
        close (relays[i].fd);
      g_string_free (relays[i].pending, TRUE);
    }
  while (waitpid (pid, &wait_status, 0) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid (pid);
  signal (SIGINT, old_int);
  signal (SIGQUIT, old_quit);
  if (WIFSIGNALED (wait_status))
    return 128 + WTERMSIG (wait_status);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : 1;
}

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
  g_ptr_array_add (args, g_strdup (shell));
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
  {
    g_autofree char *path = g_strdup (remora_store_get_path (store));

    g_clear_object (&store);
    fflush (stdout);
    return run_shell (shell, (char **) args->pdata, path, queries[0] != NULL);
  }
}
