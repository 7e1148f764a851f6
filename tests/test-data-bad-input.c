/* test-data-bad-input.c: damaged, empty and wrong files give clear errors,
 * partial imports where something is readable, and never a crash or a
 * leftover store.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "remora-test-util.h"

static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Imports @trace into @dir and expects @code; checks the message names the
 * file and nothing but the inputs is left in @dir. */
static void
expect_failure (const char *trace, const char *dir, int code)
{
  g_autofree char *store = g_build_filename (dir, "out.remora", NULL);
  g_autoptr (RemoraImporter) importer = remora_importer_new (trace, store);
  g_autoptr (GError) error = NULL;
  guint before = count_entries (dir);

  g_assert_false (remora_importer_run (importer, NULL, &error));
  g_assert_error (error, REMORA_DATA_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, trace));
  g_assert_false (g_file_test (store, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, before);
}

static char *
write_file (const char *dir, const char *name, const void *data, gsize len)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_not_traces (void)
{
  g_autofree char  *dir = remora_test_make_tmpdir ();
  g_autofree char  *missing = g_build_filename (dir, "missing.dat", NULL);
  g_autofree char  *empty = write_file (dir, "empty.dat", "", 0);
  g_autofree char  *text = write_file (dir, "notes.dat", "hello, this is not a trace\n", 27);
  g_autofree char  *magic = write_file (dir, "magic.dat", "\027\010\104tra", 6);
  g_autofree char  *subdir = g_build_filename (dir, "folder.dat", NULL);
  static const char v8[] = "\027\010\104tracing8\0";
  g_autofree char  *future = write_file (dir, "future.dat", v8, sizeof v8);

  g_mkdir (subdir, 0700);
  expect_failure (missing, dir, REMORA_DATA_ERROR_NOT_FOUND);
  expect_failure (empty, dir, REMORA_DATA_ERROR_EMPTY);
  expect_failure (text, dir, REMORA_DATA_ERROR_NOT_A_TRACE);
  expect_failure (magic, dir, REMORA_DATA_ERROR_TRUNCATED);
  expect_failure (subdir, dir, REMORA_DATA_ERROR_NOT_A_TRACE);
  expect_failure (future, dir, REMORA_DATA_ERROR_UNSUPPORTED_VERSION);
  remora_test_rmdir (dir);
}

static void
test_truncated_header (void)
{
  g_autofree char   *dir = remora_test_make_tmpdir ();
  g_autofree char   *src = remora_test_fixture_path ("sched-block-v6.dat");
  static const gsize cuts[] = { 12, 100, 5000, 300000, 2000000 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autofree char *name = g_strdup_printf ("cut-%" G_GSIZE_FORMAT ".dat", cuts[i]);
      g_autofree char *path = remora_test_copy_file (src, dir, name, cuts[i]);
      g_autofree char *store = g_build_filename (dir, "out.remora", NULL);
      g_autoptr (RemoraImporter) importer = remora_importer_new (path, store);
      g_autoptr (GError) error = NULL;

      g_assert_false (remora_importer_run (importer, NULL, &error));
      g_assert_true (g_error_matches (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_TRUNCATED) ||
                     g_error_matches (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT));
      g_assert_nonnull (strstr (error->message, path));
      g_assert_false (g_file_test (store, G_FILE_TEST_EXISTS));
      g_unlink (path);
    }
  g_assert_cmpuint (count_entries (dir), ==, 0);
  remora_test_rmdir (dir);
}

/* A version 6 file cut inside its CPU data: libtracecmd 1.3.1 would crash on
 * it; Remora imports what was recorded before the cut and marks it partial. */
static void
test_truncated_cpu_data (void)
{
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *src = remora_test_fixture_path ("sched-block-v6.dat");
  g_autoptr (GKeyFile) expected = remora_test_load_expected ("sched-block-v6");
  gint64           total = g_key_file_get_int64 (expected, "trace", "events", NULL);
  gint64           last = G_MAXINT64;
  gsize            size;
  static const int percents[] = { 99, 97, 93, 88 };
  g_autofree char *contents = NULL;

  g_file_get_contents (src, &contents, &size, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (percents); i++)
    {
      g_autofree char *name = g_strdup_printf ("cut-%d.dat", percents[i]);
      g_autofree char *path = remora_test_copy_file (src, dir, name, size * percents[i] / 100);
      g_autofree char *store_path = NULL;
      g_autoptr (RemoraStore) store = remora_test_import (path, dir, &store_path);
      g_autofree char *reason = remora_store_dup_meta (store, "partial_reason");
      gint64           events = remora_store_get_meta_int (store, "events", -1);

      g_assert_cmpint (remora_store_get_meta_int (store, "partial", 0), ==, 1);
      g_assert_cmpint (remora_store_get_meta_int (store, "missing_bytes", 0), >, 0);
      g_assert_nonnull (reason);
      g_test_message ("cut at %d%%: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " events; %s",
                      percents[i], events, total, reason);
      g_assert_cmpint (events, >, 0);
      g_assert_cmpint (events, <, total);
      /* the shorter the file, the fewer the events */
      g_assert_cmpint (events, <=, last);
      last = events;
      g_clear_object (&store);
      g_unlink (store_path);
      g_unlink (path);
    }
  /* no padded copies or temporaries remain */
  g_assert_cmpuint (count_entries (dir), ==, 0);
  remora_test_rmdir (dir);
}

/* Version 7 keeps its options at the end: a cut file cannot be opened at all. */
static void
test_truncated_v7 (void)
{
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *src = remora_test_fixture_path ("multi-buffer-v7.dat");
  gsize            size;
  g_autofree char *contents = NULL;

  g_file_get_contents (src, &contents, &size, NULL);
  for (int percent = 30; percent < 100; percent += 30)
    {
      g_autofree char *path = remora_test_copy_file (src, dir, "cut.dat", size * percent / 100);
      expect_failure (path, dir, REMORA_DATA_ERROR_CORRUPT);
      g_unlink (path);
    }
  remora_test_rmdir (dir);
}

/* Random bytes over the CPU data: the import reads what it can, never crashes. */
static void
test_corrupt_cpu_data (void)
{
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *src = remora_test_fixture_path ("sched-block-v6.dat");
  g_autofree char *contents = NULL;
  gsize            size;
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261126);

  g_file_get_contents (src, &contents, &size, NULL);
  for (int round = 0; round < 4; round++)
    {
      g_autofree char *bad = g_memdup2 (contents, size);
      g_autofree char *path = NULL;
      g_autofree char *store = g_build_filename (dir, "bad.dat.remora", NULL);
      g_autoptr (RemoraImporter) importer = NULL;
      g_autoptr (GError) error = NULL;

      /* scribble over the last 20% of the file, where the CPU data is */
      for (int k = 0; k < 30; k++)
        {
          gsize off = g_rand_int_range (rand, size * 8 / 10, size - 64);
          for (int b = 0; b < 48; b++)
            bad[off + b] = (char) g_rand_int_range (rand, 0, 256);
        }
      path = write_file (dir, "bad.dat", bad, size);
      importer = remora_importer_new (path, store);
      if (remora_importer_run (importer, NULL, &error))
        {
          g_autoptr (RemoraStore) s = remora_store_open (store, &error);
          g_assert_no_error (error);
          g_assert_cmpint (remora_store_get_meta_int (s, "events", 0), >, 0);
        }
      else
        {
          g_test_message ("round %d: %s", round, error->message);
          g_assert_nonnull (strstr (error->message, path));
        }
      g_unlink (store);
      g_unlink (path);
    }
  g_assert_cmpuint (count_entries (dir), ==, 0);
  remora_test_rmdir (dir);
}

static void
test_bad_stores (void)
{
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *trace = remora_test_fixture_path ("multi-buffer-v7.dat");
  g_autofree char *store_path = NULL;
  g_autoptr (RemoraStore) store = remora_test_import (trace, dir, &store_path);
  g_autofree char *contents = NULL;
  gsize            size;

  g_clear_object (&store);
  g_file_get_contents (store_path, &contents, &size, NULL);

  /* not a store at all */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *path = write_file (dir, "junk.remora", "junk junk junk junk", 19);
    g_assert_null (remora_store_open (path, &error));
    g_assert_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT);
    g_assert_nonnull (strstr (error->message, path));
  }
  /* a store cut in half */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *path = write_file (dir, "half.remora", contents, size / 2);
    g_autoptr (RemoraStore) s = remora_store_open (path, &error);
    if (s != NULL)
      {
        /* the header pages survived: the damage shows on reading */
        g_autoptr (RemoraTraceStats) stats = remora_trace_stats_new (s, &error);
        g_assert_null (stats);
      }
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
  }
  /* a store of another schema version */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *path = write_file (dir, "old.remora", contents, size);
    sqlite3         *db = NULL;
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 0", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    g_assert_null (remora_store_open (path, &error));
    g_assert_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_OUTDATED);
  }
  /* a store that was never finished */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *path = write_file (dir, "unfinished.remora", contents, size);
    sqlite3         *db = NULL;
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM meta WHERE key = 'complete'", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (db);
    g_assert_null (remora_store_open (path, &error));
    g_assert_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT);
  }
  /* an output directory that does not exist */
  {
    g_autofree char *nowhere = g_build_filename (dir, "no", "such", "dir", NULL);
    g_autofree char *out = g_build_filename (nowhere, "x.remora", NULL);
    g_autoptr (RemoraImporter) importer = remora_importer_new (trace, out);
    g_autoptr (GError) error = NULL;
    g_assert_false (remora_importer_run (importer, NULL, &error));
    g_assert_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, out));
  }
  remora_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/data/bad-input/not-traces", test_not_traces);
  g_test_add_func ("/remora/data/bad-input/truncated-header", test_truncated_header);
  g_test_add_func ("/remora/data/bad-input/truncated-cpu-data", test_truncated_cpu_data);
  g_test_add_func ("/remora/data/bad-input/truncated-v7", test_truncated_v7);
  g_test_add_func ("/remora/data/bad-input/corrupt-cpu-data", test_corrupt_cpu_data);
  g_test_add_func ("/remora/data/bad-input/bad-stores", test_bad_stores);
  return g_test_run ();
}
