/* remora-application.c: the GTK application: a window per trace, or a start
 * page; app-wide actions and their keys
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-application.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>

#include "remora-bench-probe.h"
#include "remora-resources.h"
#include "remora-window.h"

struct _RemoraApplication
{
  AdwApplication parent_instance;

  /* Owned */
  GPtrArray *files; /* GFile: what the command line asked to open */
  char      *cpus;  /* what it preselected: --cpu, --pid and --task, --from, --to */
  GString   *tasks;
  char      *from;
  char      *to;
};

G_DEFINE_FINAL_TYPE (RemoraApplication, remora_application, ADW_TYPE_APPLICATION)

static void
remora_application_activate (GApplication *app)
{
  RemoraApplication *self = REMORA_APPLICATION (app);

  if (self->files->len == 0)
    {
      gtk_window_present (GTK_WINDOW (remora_window_new (GTK_APPLICATION (app))));
      return;
    }
  for (guint i = 0; i < self->files->len; i++)
    {
      RemoraWindow *window = remora_window_new (GTK_APPLICATION (app));
      gtk_window_present (GTK_WINDOW (window));
      if (i == 0)
        remora_bench_probe_attach (window);
      remora_window_preselect (window, self->cpus, self->tasks->len ? self->tasks->str : NULL,
                               self->from, self->to);
      remora_window_open (window, self->files->pdata[i]);
    }
  g_ptr_array_set_size (self->files, 0);
}

static void
action_new_window (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  gtk_window_present (GTK_WINDOW (remora_window_new (GTK_APPLICATION (user_data))));
}

/* Quitting closes every window, as their close buttons do: each keeps its
 * size and cancels its work, and the application ends once the work still
 * running (an import, an export) has removed what it had begun to write
 * (see remora_window_open()), not before. */
static void
quit (RemoraApplication *self)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
}

static void
action_quit (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  quit (REMORA_APPLICATION (user_data));
}

/* Ctrl+C in the terminal that started the window, or SIGTERM: quit */
static gboolean
on_quit_signal (gpointer user_data)
{
  quit (REMORA_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static void
action_about (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWidget *about = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _ ("Remora"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), "remora-timeline-symbolic");
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _ ("Timelines and latencies of Linux ftrace recordings"));
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), _ ("The Remora authors"));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_2_0);
  if (parent)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "new-window", action_new_window },
  { "about", action_about },
  { "quit", action_quit },
};

static void
remora_application_startup (GApplication *app)
{
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new-window", { "<Control>n", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-fit", { "<Control>0", NULL } },
    { "win.export", { "<Shift><Control>e", NULL } },
    { "win.copy-image", { "<Shift><Control>c", NULL } },
    { "win.filter", { "<Shift><Control>f", NULL } },
    { "win.search", { "<Control>f", NULL } },
  };

  remora_register_resource ();
  G_APPLICATION_CLASS (remora_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  g_unix_signal_add (SIGINT, on_quit_signal, app);
  g_unix_signal_add (SIGTERM, on_quit_signal, app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

RemoraApplication *
remora_application_new (void)
{
  return g_object_new (REMORA_TYPE_APPLICATION, "application-id", APPLICATION_ID, "flags",
                       G_APPLICATION_NON_UNIQUE, NULL);
}

static void
remora_application_finalize (GObject *object)
{
  RemoraApplication *self = REMORA_APPLICATION (object);

  g_ptr_array_unref (self->files);
  g_free (self->cpus);
  g_string_free (self->tasks, TRUE);
  g_free (self->from);
  g_free (self->to);
  G_OBJECT_CLASS (remora_application_parent_class)->finalize (object);
}

static void
remora_application_class_init (RemoraApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = remora_application_finalize;
  G_APPLICATION_CLASS (klass)->activate = remora_application_activate;
  G_APPLICATION_CLASS (klass)->startup = remora_application_startup;
}

static void
remora_application_init (RemoraApplication *self)
{
  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->tasks = g_string_new (NULL);
}

/**
 * remora_application_main:
 * @argc: argument count
 * @argv: arguments: nothing (a start page), `FILE…` or `-i FILE`
 *
 * Runs the window on the traces or stores named, each in a window of its
 * own. A name that is no file is refused before any window opens.
 *
 * Returns: the exit status
 */
int
remora_application_main (int argc, char **argv)
{
  g_autoptr (RemoraApplication) app = remora_application_new ();
  char *app_argv[] = { argv[0], NULL };

  for (int i = 1; i < argc; i++)
    {
      const char *name = argv[i];

      const char *const valued[] = { "--cpu", "--pid", "--task", "--from", "--to", NULL };

      if (g_strv_contains (valued, name))
        {
          const char *value;

          if (i + 1 >= argc)
            {
              /* Translators: %s is an option: --cpu, --pid, --task, --from or --to */
              g_printerr (_ ("remora: %s needs a value (see “remora --help”)\n"), name);
              return 2;
            }
          value = argv[++i];
          if (g_str_equal (name, "--cpu"))
            g_free (app->cpus), app->cpus = g_strdup (value);
          else if (g_str_equal (name, "--from"))
            g_free (app->from), app->from = g_strdup (value);
          else if (g_str_equal (name, "--to"))
            g_free (app->to), app->to = g_strdup (value);
          else
            g_string_append_printf (app->tasks, "%s%s", app->tasks->len ? "," : "", value);
          continue;
        }
      if (g_str_equal (name, "-i"))
        {
          if (i + 1 >= argc)
            {
              g_printerr (_ ("remora: -i needs a trace file\n"));
              return 2;
            }
          name = argv[++i];
        }
      else if (name[0] == '-')
        {
          g_printerr (_ ("remora: unknown option “%s” (see “remora --help”)\n"), name);
          return 2;
        }
      if (!g_file_test (name, G_FILE_TEST_EXISTS))
        {
          g_printerr (_ ("remora: “%s” is neither a file nor a command (see “remora --help”)\n"),
                      name);
          return 2;
        }
      g_ptr_array_add (app->files, g_file_new_for_commandline_arg (name));
    }
  if (!gtk_init_check ())
    {
      g_printerr (_ ("remora: cannot open a window: there is no display (the commands of "
                     "“remora --help” work without one)\n"));
      return 1;
    }
  g_set_application_name (_ ("Remora"));
  return g_application_run (G_APPLICATION (app), 1, app_argv);
}
