/* remora-cli-common.c: loading a trace or a store for a subcommand, with
 * progress on a terminal and Ctrl+C
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "remora-cli-private.h"

/**
 * remora_cli_escape_controls:
 * @text: UTF-8 text, from a store or a trace among others
 *
 * Text a store or a trace holds may hold anything, escape sequences that
 * set a terminal's title or colours among it: each control character but
 * tab and newline (C0, DEL and C1) becomes `\xHH` (`\u00HH` for C1), so
 * that what is printed is what is there, never a command to the terminal.
 *
 * Returns: (transfer full) (nullable): the escaped text, or %NULL when
 *   @text holds nothing to escape (the common case, at no copy).
 */
char *
remora_cli_escape_controls (const char *text)
{
  const guchar *p = (const guchar *) text;
  GString      *out;

  /* printable ASCII, the common case, in one comparison a byte */
  for (; *p; p++)
    if (G_UNLIKELY ((guchar) (*p - 0x20) >= 0x5f) &&
        ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f ||
         (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)))
      break;
  if (*p == 0)
    return NULL;
  out = g_string_new_len (text, (const char *) p - text);
  for (; *p; p++)
    {
      if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
        g_string_append_printf (out, "\\x%02x", *p);
      else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
        {
          g_string_append_printf (out, "\\u%04x", p[1]);
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* What g_print() and g_printerr() print: escaped, in the locale's
 * character set. */
static void
print_escaped (FILE *out, const char *text)
{
  g_autofree char *escaped = remora_cli_escape_controls (text);
  const char      *charset;

  if (escaped)
    text = escaped;
  if (!g_get_charset (&charset))
    {
      g_autofree char *converted =
          g_convert_with_fallback (text, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
      if (converted)
        {
          fputs (converted, out);
          fflush (out);
          return;
        }
    }
  fputs (text, out);
  fflush (out);
}

static void
print_handler (const char *text)
{
  print_escaped (stdout, text);
}

static void
printerr_handler (const char *text)
{
  print_escaped (stderr, text);
}

/**
 * remora_cli_escape_output:
 *
 * Makes g_print() and g_printerr() escape control characters (see
 * remora_cli_escape_controls()): the command line prints what stores and
 * traces hold through them.
 */
void
remora_cli_escape_output (void)
{
  g_set_print_handler (print_handler);
  g_set_printerr_handler (printerr_handler);
}

void
remora_cli_print_error (const GError *error)
{
  /* Translators: the program name before an error message */
  g_printerr (_ ("remora: %s\n"), error->message);
}

gboolean
remora_cli_fail (int *status, const char *format, ...)
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

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  RemoraLoader *loader;
  RemoraStore  *store;
  GError       *error;
  gboolean      show_progress;
  gboolean      show_notices;
  gsize         last_width;
} LoadRun;

static void
on_progress (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  LoadRun         *run = user_data;
  double           f = remora_loader_get_fraction (run->loader);
  g_autofree char *message = remora_loader_dup_message (run->loader);
  double           speed = remora_loader_get_events_per_second (run->loader);
  double           left = remora_loader_get_seconds_left (run->loader);
  g_autoptr (GString) line = g_string_new (NULL);

  if (!run->show_progress)
    return;
  g_string_append_printf (line, "\r%3d%%  %s", (int) (f * 100), message ? message : "");
  if (speed > 0)
    /* Translators: import speed, in millions of events per second */
    g_string_append_printf (line, _ (", %.2f M events/s"), speed / 1e6);
  if (left >= 0)
    /* Translators: estimated time left, in seconds */
    g_string_append_printf (line, _ (", %.0f s left"), left);
  while (line->len < run->last_width)
    g_string_append_c (line, ' ');
  run->last_width = line->len;
  fputs (line->str, stderr);
  fflush (stderr);
}

static void
on_notice (RemoraLoader *loader, const char *text, gpointer user_data)
{
  LoadRun *run = user_data;

  if (!run->show_notices)
    return;
  if (run->show_progress && run->last_width > 0)
    {
      /* straight to the terminal: g_printerr() escapes a carriage return */
      fprintf (stderr, "\r%*s\r", (int) run->last_width, "");
      run->last_width = 0;
    }
  g_printerr (_ ("remora: %s\n"), text);
}

static void
on_loaded (GObject *object, GAsyncResult *result, gpointer user_data)
{
  LoadRun *run = user_data;

  run->store = remora_loader_load_finish (REMORA_LOADER (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  LoadRun *run = user_data;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

/**
 * remora_cli_load:
 * @loader: what to load
 * @progress: show the progress of an import on a terminal
 * @notices: print what the loader decides
 * @error: a location for a #GError
 *
 * Runs @loader, with its progress on a terminal when asked; Ctrl+C or SIGTERM cancel it
 * and leave nothing behind. Prints what the loader decides (a store out of
 * date imported again, a store put in the cache) when asked and, after an
 * import of a damaged trace, what could not be read.
 *
 * Returns: (transfer full): the store, or %NULL with @error set.
 */
RemoraStore *
remora_cli_load (RemoraLoader *loader, gboolean progress, gboolean notices, GError **error)
{
  LoadRun run = { 0 };
  guint   sigint_id, sigterm_id;
  gulong  progress_handler, notice_handler;

  run.loop = g_main_loop_new (NULL, FALSE);
  run.cancellable = g_cancellable_new ();
  run.loader = loader;
  run.show_progress = progress && isatty (STDERR_FILENO);
  run.show_notices = notices;
  progress_handler = g_signal_connect (loader, "notify::fraction", G_CALLBACK (on_progress), &run);
  notice_handler = g_signal_connect (loader, "notice", G_CALLBACK (on_notice), &run);
  sigint_id = g_unix_signal_add (SIGINT, on_signal, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, &run);

  remora_loader_load_async (loader, run.cancellable, on_loaded, &run);
  g_main_loop_run (run.loop);
  /* notices queued before the answer */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_signal_handler_disconnect (loader, progress_handler);
  g_signal_handler_disconnect (loader, notice_handler);
  if (run.show_progress && run.last_width > 0)
    fprintf (stderr, "\r%*s\r", (int) run.last_width, "");

  if (run.store != NULL && remora_loader_get_imported (loader))
    {
      g_autofree char *partial = remora_loader_dup_partial_message (loader);

      if (partial != NULL)
        /* Translators: a warning after importing a damaged trace */
        g_printerr (_ ("remora: warning: “%s” is damaged: %s\n"), remora_loader_get_path (loader),
                    partial);
      if (g_cancellable_is_cancelled (run.cancellable))
        g_printerr (_ ("remora: the import of “%s” was complete when it was interrupted: its "
                       "store is whole and kept\n"),
                    remora_loader_get_path (loader));
    }
  else if (run.store == NULL && g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* said of the file, and of what is left: nothing */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                 remora_loader_get_is_store (loader)
                     ? _ ("Cancelled opening “%s”")
                     : _ ("Cancelled before a store of “%s” was complete: nothing was written"),
                 remora_loader_get_path (loader));
  else if (run.store == NULL)
    g_propagate_error (error, g_steal_pointer (&run.error));

  g_clear_error (&run.error);
  g_object_unref (run.cancellable);
  g_main_loop_unref (run.loop);
  return run.store;
}

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

/**
 * remora_cli_add_input_option:
 * @context: a subcommand's options
 * @input: where the file of `-i FILE` goes
 *
 * Adds trace-cmd's `-i FILE`, the trace (or store) to read.
 */
void
remora_cli_add_input_option (GOptionContext *context, char **input)
{
  /* the group copies the entries */
  GOptionEntry entries[] = { { "input", 'i', 0, G_OPTION_ARG_FILENAME, input,
                               N_ ("Read this trace or store, as trace-cmd report -i"),
                               N_ ("FILE") },
                             { NULL } };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/**
 * remora_cli_take_input:
 * @argc: (inout): the arguments left after the options
 * @argv: (inout): them
 * @input: (inout) (transfer full): the file of -i, or %NULL; taken
 * @command: the subcommand, for messages
 * @store: whether the command reads a store as well as a trace
 * @rest: (out) (optional) (transfer full): where the arguments after the
 *   file go, for a command that takes more (%NULL: it takes none)
 *
 * Puts the file of `-i FILE` (trace-cmd's habit) where a file given on its
 * own would be: then argv[1] is the one file. Says so when there is none or
 * more than one.
 *
 * Returns: %FALSE when the command was not given exactly one file.
 */
gboolean
remora_cli_take_input (
    int *argc, char ***argv, char **input, const char *command, gboolean store, GStrv *rest)
{
  /* the program's strings and the option's file (which lives as long as
   * the command: it is kept here) */
  static char *args[3];
  int          first_rest = *input != NULL ? 1 : 2;

  if ((*input == NULL && *argc < 2) || (rest == NULL && *argc > first_rest))
    {
      if (store)
        /* Translators: %s is a subcommand: stats, events, export */
        g_printerr (_ ("remora: %s needs one trace or store, given alone or after -i "
                       "(see “remora %s --help”)\n"),
                    command, command);
      else
        /* Translators: %s is a subcommand: import */
        g_printerr (_ ("remora: %s needs one trace, given alone or after -i "
                       "(see “remora %s --help”)\n"),
                    command, command);
      return FALSE;
    }
  if (rest != NULL)
    *rest = g_strdupv (*argv + MIN (first_rest, *argc));
  args[0] = (*argv)[0];
  args[1] = *input != NULL ? g_steal_pointer (input) : (*argv)[1];
  args[2] = NULL;
  *argv = args;
  *argc = 2;
  return TRUE;
}

/**
 * remora_cli_parse_and_open:
 * @argc: the subcommand's argument count
 * @argv: its arguments
 * @entries: its options
 * @summary: what it does, for --help
 * @command: its name
 * @status: (out): the exit status on failure
 * @imported: (out): whether the trace was imported (rather than its store
 *   reused)
 * @rest: (out) (optional) (transfer full): the arguments after the file,
 *   for a command that takes more (%NULL: it takes none)
 *
 * Parses a TRACE|STORE command's options and loads its store: the store
 * itself, or the trace's (imported first when needed, quietly).
 *
 * Returns: (transfer full): the store, or %NULL with *@status set.
 */
RemoraStore *
remora_cli_parse_and_open (int          *argc,
                           char       ***argv,
                           GOptionEntry *entries,
                           const char   *summary,
                           const char   *command,
                           int          *status,
                           gboolean     *imported,
                           GStrv        *rest)
{
  g_autoptr (GOptionContext) context = g_option_context_new (summary);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraLoader) loader = NULL;
  g_autofree char *input = NULL;
  RemoraStore     *store;
  const char      *bad;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  remora_cli_add_input_option (context, &input);
  if ((bad = find_invalid_text_option (*argc, *argv, entries)) != NULL)
    {
      g_printerr (_ ("remora: the value of --%s is not valid UTF-8 text\n"), bad);
      *status = 2;
      return NULL;
    }
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      remora_cli_print_error (error);
      *status = 2;
      return NULL;
    }
  if (!remora_cli_take_input (argc, argv, &input, command, TRUE, rest))
    {
      *status = 2;
      return NULL;
    }
  loader = remora_loader_new ((*argv)[1]);
  store = remora_cli_load (loader, FALSE, TRUE, &error);
  if (store == NULL)
    {
      remora_cli_print_error (error);
      *status = 1;
      return NULL;
    }
  *imported = remora_loader_get_imported (loader);
  if (*imported)
    /* Translators: said once a command has imported a trace it was given */
    g_printerr (_ ("remora: imported “%s” into “%s”\n"), (*argv)[1], remora_store_get_path (store));
  return store;
}

/**
 * remora_cli_say_store:
 * @store: the store a command read
 * @path: what the command was given
 * @imported: whether the command imported it
 *
 * At the end of a command given a trace whose store it reused, says which
 * store it read (an import says so when it happens).
 */
void
remora_cli_say_store (RemoraStore *store, const char *path, gboolean imported)
{
  if (!imported && !remora_store_is_store_file (path))
    /* Translators: said at the end of a command given a trace: the trace, its store */
    g_printerr (_ ("remora: read “%s” from its store “%s”\n"), path, remora_store_get_path (store));
}
