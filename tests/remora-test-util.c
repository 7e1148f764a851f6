/* remora-test-util.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include "remora-trace-check-private.h"

/* A committed fixture: tests/traces/NAME */
char *
remora_test_fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "traces", name, NULL);
}

char *
remora_test_make_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("remora-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

void
remora_test_rmdir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remora_test_rmdir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* Imports @trace_path into DIR/basename.remora and opens the store. */
RemoraStore *
remora_test_import (const char *trace_path, const char *dir, char **store_path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *base = g_path_get_basename (trace_path);
  g_autofree char *name = g_strconcat (base, ".remora", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (RemoraImporter) importer = remora_importer_new (trace_path, path);
  RemoraStore *store;
  gboolean     ok = remora_importer_run (importer, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  store = remora_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store_path)
    *store_path = g_steal_pointer (&path);
  return store;
}

/* tests/traces/NAME.expected, written by make-expected.py from trace-cmd report */
GKeyFile *
remora_test_load_expected (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".expected", NULL);
  g_autofree char *path = remora_test_fixture_path (file);
  GKeyFile        *kf = g_key_file_new ();

  g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  return kf;
}

/* Copies at most @max_len bytes of @src to DIR/NAME (G_MAXSIZE: all of it). */
char *
remora_test_copy_file (const char *src, const char *dir, const char *name, gsize max_len)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  char            *path = g_build_filename (dir, name, NULL);
  gsize            len;

  g_file_get_contents (src, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, MIN (len, max_len), &error);
  g_assert_no_error (error);
  return path;
}

static int
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

/* The id of the buffer named @name (asserted to exist). */
int
remora_test_buffer_id (RemoraStore *store, const char *name)
{
  const RemoraBufferInfo *b = remora_trace_info_find_buffer (remora_store_get_info (store), name);

  g_assert_nonnull (b);
  return b->id;
}

/* remora_row_dup_events() for a row against @all_ts, the times of all the
 * row's events: the same times in @range, in time order, each named; and
 * with a cap below their number, the first ones and "more". */
void
remora_test_check_row_events (RemoraStore           *store,
                              int                    buffer_id,
                              gboolean               by_pid,
                              int                    id,
                              const RemoraTimeRange *range,
                              const GArray          *all_ts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) got = NULL;
  gboolean more = TRUE;

  for (guint i = 0; i < all_ts->len; i++)
    {
      gint64 ts = g_array_index (all_ts, gint64, i);
      if (ts >= range->begin_ns && ts < range->end_ns)
        g_array_append_val (want, ts);
    }
  g_array_sort (want, compare_int64);
  got = remora_row_dup_events (store, buffer_id, by_pid, id, range, want->len + 5, &more, &error);
  g_assert_no_error (error);
  g_assert_false (more);
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint i = 0; i < got->len; i++)
    {
      const RemoraRowEvent *e = &g_array_index (got, RemoraRowEvent, i);
      g_assert_cmpint (e->ts, ==, g_array_index (want, gint64, i));
      g_assert_cmpint (by_pid ? e->pid : e->cpu, ==, id);
      g_assert_nonnull (e->name);
      g_assert_cmpstr (e->name, !=, "");
      if (i > 0)
        g_assert_cmpint (e->id, >, g_array_index (got, RemoraRowEvent, i - 1).id);
    }
  if (want->len >= 2)
    {
      guint cap = want->len / 2;
      g_clear_pointer (&got, g_array_unref);
      got = remora_row_dup_events (store, buffer_id, by_pid, id, range, cap, &more, &error);
      g_assert_no_error (error);
      g_assert_true (more);
      g_assert_cmpuint (got->len, ==, cap);
      for (guint i = 0; i < cap; i++)
        g_assert_cmpint (g_array_index (got, RemoraRowEvent, i).ts, ==,
                         g_array_index (want, gint64, i));
    }
}

#define PAGE_SIZE      4096
#define MISSING_EVENTS (1u << 31) /* in the page header's commit word */

/**
 * remora_test_mark_lost:
 * @path: a copy of @src to change
 * @src: a trace with at least four pages of CPU 1 data
 * @dir: a scratch folder
 *
 * Sets MISSING_EVENTS in the header of CPU 1's third page, as the kernel
 * does after an overrun: libtracecmd then reports lost events (of unknown
 * count) on that page's first record, and `trace-cmd report` prints
 * `CPU:1 [EVENTS DROPPED]` before it.
 */
void
remora_test_mark_lost (const char *path, const char *src, const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  RemoraTraceCheck check;
  guint64          offset, size, page;
  guint32          commit;
  gsize            len;
  const int        cpu = 1;

  /* where CPU 1's third page is */
  g_assert_true (remora_trace_check_run (&check, src, dir, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (check.cpu_data->len, >=, 2 * (cpu + 1));
  offset = g_array_index (check.cpu_data, guint64, 2 * cpu);
  size = g_array_index (check.cpu_data, guint64, 2 * cpu + 1);
  remora_trace_check_clear (&check);
  g_assert_cmpuint (size, >=, 4 * PAGE_SIZE);
  page = offset + 2 * PAGE_SIZE;

  /* set MISSING_EVENTS in its header: u64 timestamp, then the commit word
   * (little-endian; the low 32 bits hold the flags on a 64-bit kernel) */
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  memcpy (&commit, contents + page + 8, 4);
  commit = GUINT32_FROM_LE (commit) | MISSING_EVENTS;
  commit = GUINT32_TO_LE (commit);
  memcpy (contents + page + 8, &commit, 4);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

/**
 * remora_test_query_int:
 * @store: a store
 * @sql: a query of one row and one integer column
 *
 * Returns: the query's answer (the test fails when it has no row).
 */
gint64
remora_test_query_int (RemoraStore *store, const char *sql)
{
  sqlite3_stmt *st = NULL;
  gint64        v;

  g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (store), sql, -1, &st, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return v;
}

/* The list's item at @position, once its page has been read. */
RemoraEventItem *
remora_test_load_item (RemoraEventList *list, guint position)
{
  RemoraEventItem *item = g_list_model_get_item (G_LIST_MODEL (list), position);
  gint64           deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_nonnull (item);
  while (!remora_event_item_get_loaded (item))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (remora_event_item_get_position (item), ==, position);
  return item;
}

/* A copy of ../shared/traces/@name imported into a new folder (*@dir, its
 * path in *@copy), or NULL after g_test_skip() when the folder is not
 * there (a clone without ../shared). */
RemoraStore *
remora_test_open_shared (const char *name, char **dir, char **copy)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR") ?: ".", "..", "..", "shared",
                                            "traces", name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("../shared/traces is not there");
      return NULL;
    }
  *dir = remora_test_make_tmpdir ();
  *copy = remora_test_copy_file (path, *dir, "trace.dat", G_MAXSIZE);
  return remora_test_import (*copy, *dir, NULL);
}

/**
 * remora_test_without_switch_state:
 * @name: an event's name
 * @info: its text
 *
 * The text of a sched_switch with its state left out ("prev:1 [120] ? ==>
 * next:2 [120]"): Remora prints the kernel's letters where trace-cmd report
 * prints its plugin's (test-listing.py compares those with report -N).
 *
 * Returns: (transfer full): @info, its state masked when @name is sched_switch
 */
char *
remora_test_without_switch_state (const char *name, const char *info)
{
  const char *arrow = strstr (info, " ==> ");
  const char *state = NULL;

  if (g_strcmp0 (name, "sched_switch") != 0 || arrow == NULL)
    return g_strdup (info);
  for (const char *p = info; p < arrow; p++)
    if (p[0] == ']' && p[1] == ' ')
      state = p + 2;
  if (state == NULL)
    return g_strdup (info);
  return g_strdup_printf ("%.*s?%s", (int) (state - info), info, arrow);
}

/* A layout in the renderer's font (DejaVu Sans 9), to measure labels as the
 * painters do. */
PangoLayout *
remora_test_text_layout (void)
{
  cairo_surface_t      *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t              *cr = cairo_create (surface);
  PangoLayout          *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans 9");

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return layout;
}

/* @text's width in pixels in @layout (a RemoraTextMeasure) */
double
remora_test_text_width (const char *text, gpointer layout)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}
