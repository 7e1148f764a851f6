/* test-data-loader.c: RemoraLoader's rules on a committed trace: import when
 * there is no store, reuse an up-to-date one, import again when the trace
 * changed or the store is damaged, open a store given as such, report
 * progress and notices on the main context, and leave nothing behind when
 * cancelled.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "remora-test-util.h"

typedef struct
{
  GMainLoop   *loop;
  RemoraStore *store;
  GError      *error;
  GPtrArray   *notices;
  guint        progress;
  double       last_fraction;
} Run;

static void
on_notice (RemoraLoader *loader, const char *text, gpointer user_data)
{
  Run *run = user_data;
  g_ptr_array_add (run->notices, g_strdup (text));
}

static void
on_fraction (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  Run   *run = user_data;
  double f = remora_loader_get_fraction (REMORA_LOADER (object));

  /* progress never goes back */
  g_assert_cmpfloat (f, >=, run->last_fraction);
  run->last_fraction = f;
  run->progress++;
}

static void
on_loaded (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;
  run->store = remora_loader_load_finish (REMORA_LOADER (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

/* Loads @loader on a main loop, as the window and the command line do. */
static void
load (RemoraLoader *loader, GCancellable *cancellable, Run *run)
{
  memset (run, 0, sizeof *run);
  run->loop = g_main_loop_new (NULL, FALSE);
  run->notices = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (loader, "notice", G_CALLBACK (on_notice), run);
  g_signal_connect (loader, "notify::fraction", G_CALLBACK (on_fraction), run);
  remora_loader_load_async (loader, cancellable, on_loaded, run);
  g_main_loop_run (run->loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_signal_handlers_disconnect_by_data (loader, run);
  g_main_loop_unref (run->loop);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->store);
  g_clear_error (&run->error);
  g_clear_pointer (&run->notices, g_ptr_array_unref);
}

static gboolean
notices_mention (Run *run, const char *words)
{
  for (guint i = 0; i < run->notices->len; i++)
    if (strstr (run->notices->pdata[i], words))
      return TRUE;
  return FALSE;
}

static void
test_rules (void)
{
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *fixture = remora_test_fixture_path ("sched-block-v6.dat");
  g_autofree char *trace = remora_test_copy_file (fixture, dir, "trace.dat", G_MAXSIZE);
  g_autofree char *beside = remora_store_path_beside (trace);
  gint64           events;
  Run              run;

  /* no store: imported beside the trace, with progress up to the end */
  {
    g_autoptr (RemoraLoader) loader = remora_loader_new (trace);
    load (loader, NULL, &run);
    g_assert_no_error (run.error);
    g_assert_nonnull (run.store);
    g_assert_true (remora_loader_get_imported (loader));
    g_assert_false (remora_loader_get_is_store (loader));
    g_assert_cmpstr (remora_store_get_path (run.store), ==, beside);
    g_assert_cmpuint (run.progress, >, 0);
    g_assert_cmpfloat (remora_loader_get_fraction (loader), ==, 1.0);
    events = remora_store_get_info (run.store)->events;
    g_assert_cmpint (events, ==, 13531);
    g_assert_cmpint (remora_loader_get_events_read (loader), ==, events);
    g_assert_cmpuint (run.notices->len, ==, 0);
    run_clear (&run);
  }
  /* up to date: reused, nothing imported, nothing said */
  {
    g_autoptr (RemoraLoader) loader = remora_loader_new (trace);
    load (loader, NULL, &run);
    g_assert_no_error (run.error);
    g_assert_false (remora_loader_get_imported (loader));
    g_assert_cmpstr (remora_store_get_path (run.store), ==, beside);
    g_assert_cmpuint (run.progress, ==, 0);
    g_assert_cmpuint (run.notices->len, ==, 0);
    run_clear (&run);
  }
  /* the store given as such: opened, whatever the trace */
  {
    g_autoptr (RemoraLoader) loader = remora_loader_new (beside);
    g_assert_true (remora_loader_get_is_store (loader));
    load (loader, NULL, &run);
    g_assert_no_error (run.error);
    g_assert_false (remora_loader_get_imported (loader));
    g_assert_cmpint (remora_store_get_info (run.store)->events, ==, events);
    run_clear (&run);
  }
  /* the trace changed (another mtime): imported again, and said so */
  {
    g_autoptr (RemoraLoader) loader = remora_loader_new (trace);
    struct utimbuf times = { 1000000000, 1000000000 };
    g_assert_cmpint (g_utime (trace, &times), ==, 0);
    load (loader, NULL, &run);
    g_assert_no_error (run.error);
    g_assert_true (remora_loader_get_imported (loader));
    g_assert_true (notices_mention (&run, "out of date"));
    g_assert_true (notices_mention (&run, beside));
    run_clear (&run);
  }
  /* a damaged store: imported again, and said so */
  {
    g_autoptr (RemoraLoader) loader = remora_loader_new (trace);
    g_assert_true (g_file_set_contents (beside, "SQLite format 3\0garbage", 23, NULL));
    load (loader, NULL, &run);
    g_assert_no_error (run.error);
    g_assert_true (remora_loader_get_imported (loader));
    g_assert_true (notices_mention (&run, "cannot be used"));
    g_assert_cmpint (remora_store_get_info (run.store)->events, ==, events);
    run_clear (&run);
  }
  /* --force and an explicit store path */
  {
    g_autoptr (RemoraLoader) loader = remora_loader_new (trace);
    g_autofree char *other = g_build_filename (dir, "other.remora", NULL);
    remora_loader_set_store_path (loader, other);
    remora_loader_set_force (loader, TRUE);
    load (loader, NULL, &run);
    g_assert_no_error (run.error);
    g_assert_true (remora_loader_get_imported (loader));
    g_assert_cmpstr (remora_store_get_path (run.store), ==, other);
    run_clear (&run);
  }
  /* cancelled before it starts: G_IO_ERROR_CANCELLED, the store untouched */
  {
    g_autoptr (RemoraLoader) loader = remora_loader_new (trace);
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    GStatBuf before, after;

    g_assert_cmpint (g_stat (beside, &before), ==, 0);
    remora_loader_set_force (loader, TRUE);
    g_cancellable_cancel (cancellable);
    load (loader, cancellable, &run);
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (run.store);
    g_assert_cmpint (g_stat (beside, &after), ==, 0);
    g_assert_cmpint (before.st_ino, ==, after.st_ino);
    run_clear (&run);
  }
  /* a file that is not a trace: the importer's own error, naming it */
  {
    g_autofree char *junk = g_build_filename (dir, "junk.dat", NULL);
    g_autofree char *junk_store = remora_store_path_beside (junk);
    g_autoptr (RemoraLoader) loader = remora_loader_new (junk);
    g_assert_true (g_file_set_contents (junk, "not a trace at all, just text\n", -1, NULL));
    load (loader, NULL, &run);
    g_assert_error (run.error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_NOT_A_TRACE);
    g_assert_nonnull (strstr (run.error->message, junk));
    g_assert_false (g_file_test (junk_store, G_FILE_TEST_EXISTS));
    run_clear (&run);
  }
  remora_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/data/loader/rules", test_rules);
  return g_test_run ();
}
