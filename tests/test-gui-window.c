/* test-gui-window.c: the window on a committed trace, under a display: open
 * it through the same path as File → Open and wait for its import, zoom and
 * pan with the timeline's actions and check the visible range and the frame
 * painted, open a file that is not a trace and check the window says so and
 * stays usable, cancel an import. Each step saves a screenshot into
 * meson-logs/screenshots/.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "remora-resources.h"
#include "remora-test-input.h"
#include "remora-test-util.h"
#include "remora-window.h"

static char *shots;

static gboolean
count_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  (*(int *) data)++;
  return G_SOURCE_CONTINUE;
}

/* Lets the window paint two frames of what it shows now. */
static void
settle (GtkWidget *window)
{
  int    ticks = 0;
  guint  id = gtk_widget_add_tick_callback (window, count_tick, &ticks, NULL);
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (window);
  while (ticks < 3 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (window, id);
}

static void
screenshot (GtkWidget *window, const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.png", shots, name);

  settle (window);
  remora_test_save_png (window, path);
}

static gboolean
shows_trace (gpointer data)
{
  RemoraTimelineView *view = remora_window_get_timeline (data);
  return g_str_equal (remora_window_get_page (data), "view") &&
         remora_timeline_view_get_frame (view) != NULL &&
         remora_timeline_view_get_frames_painted (view) > 0;
}

/* the frame painted is the one of the visible range */
static gboolean
frame_is_current (gpointer data)
{
  RemoraTimelineView *view = remora_window_get_timeline (data);
  const RemoraFrame  *frame = remora_timeline_view_get_frame (view);
  RemoraSession      *session = remora_timeline_view_get_session (view);

  return frame != NULL && session != NULL &&
         remora_time_range_equal (&frame->range, &remora_session_get_viewport (session)->visible);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static RemoraTimelineView *the_view;

/* what the session selected, once answered */
static const RemoraDetail *
selected (void)
{
  return remora_session_get_detail (remora_timeline_view_get_session (the_view));
}

static gboolean
selected_at (gpointer data)
{
  const RemoraDetail *d = selected ();
  return d != NULL && d->ts == *(gint64 *) data;
}

/* how many answers to a selection the session has had */
static guint n_selected;

static void
on_view_selected (RemoraSession *session, GParamSpec *pspec, gpointer data)
{
  if (remora_session_get_detail (session) != NULL)
    n_selected++;
}

/* Selects as a click at @ts on @row does: what is there, and marker A. */
static void
click_select (RemoraSession *session, int row, gint64 ts)
{
  gint64 tolerance =
      (gint64) (4 * remora_viewport_get_ns_per_px (remora_session_get_viewport (session)));

  remora_session_select_at (session, row, ts, tolerance, REMORA_SELECT_MARK_A);
}

static gboolean
answered (gpointer data)
{
  return n_selected >= *(guint *) data;
}

static gboolean
has_overview (gpointer data)
{
  return remora_window_get_overview_frame (data) != NULL;
}

static gboolean
has_details (gpointer data)
{
  return remora_window_get_details (data)[0] != 0;
}

static guint wanted_rows;

static gboolean
frame_has_rows (gpointer data)
{
  const RemoraFrame *frame = remora_timeline_view_get_frame (remora_window_get_timeline (data));
  return frame != NULL && frame->n_rows == wanted_rows;
}

static gboolean
shows_start (gpointer data)
{
  return g_str_equal (remora_window_get_page (data), "start");
}

static void
test_open_zoom_pan (void)
{
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *fixture = remora_test_fixture_path ("sched-block-v6.dat");
  g_autofree char *trace = remora_test_copy_file (fixture, dir, "trace.dat", G_MAXSIZE);
  g_autoptr (GFile) file = g_file_new_for_path (trace);
  RemoraWindow         *window = remora_window_new (NULL);
  RemoraTimelineView   *view = remora_window_get_timeline (window);
  RemoraSession        *session;
  const RemoraViewport *vp;
  gint64                len, begin;

  the_view = view;
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 760);
  gtk_window_present (GTK_WINDOW (window));
  remora_test_wait_for (shows_start, window, 5);
  screenshot (GTK_WIDGET (window), "01-start");

  /* File → Open's path: remora_window_open() with the chosen file */
  remora_window_open (window, file);
  g_assert_true (remora_test_wait_for (shows_trace, window, 60));
  session = remora_timeline_view_get_session (view);
  g_assert_nonnull (session);
  vp = remora_session_get_viewport (session);
  /* the whole trace, every CPU, the block device and the busiest tasks */
  g_assert_true (remora_time_range_equal (&vp->visible, &vp->trace));
  g_assert_cmpuint (remora_session_get_rows (session)->len, ==, 4 + 1 + 8);
  g_assert_cmpint (g_array_index (remora_session_get_rows (session), RemoraRowSpec, 4).kind, ==,
                   REMORA_ROW_DEVICE);
  g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
  g_assert_true (remora_test_wait_for (has_overview, window, 10));
  {
    const RemoraFrame *whole = remora_window_get_overview_frame (window);
    /* the overview: every CPU over the whole trace */
    g_assert_cmpuint (whole->n_rows, ==, 4);
    g_assert_true (remora_time_range_equal (&whole->range, &vp->trace));
  }
  screenshot (GTK_WIDGET (window), "02-whole-trace");

  /* zoom in (the + key's action) keeps the middle, 1.5 × narrower */
  len = remora_time_range_get_duration (&vp->visible);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.zoom-in", NULL));
  g_assert_cmpfloat (fabs ((double) remora_time_range_get_duration (&vp->visible) - len / 1.5), <,
                     2);
  g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
  screenshot (GTK_WIDGET (window), "03-zoomed-in");

  /* zoom far in, then pan right: the range moves later, by an eighth */
  for (int i = 0; i < 18; i++)
    gtk_widget_activate_action (GTK_WIDGET (view), "timeline.zoom-in", NULL);
  len = remora_time_range_get_duration (&vp->visible);
  g_assert_cmpint (len, <, 1000000);
  begin = vp->visible.begin_ns;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.pan-right", NULL));
  g_assert_cmpint (vp->visible.begin_ns, >, begin);
  g_assert_cmpint (vp->visible.begin_ns - begin, <=, len / 7);
  g_assert_cmpint (remora_time_range_get_duration (&vp->visible), ==, len);
  g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
  screenshot (GTK_WIDGET (window), "04-zoomed-far-in");

  /* markers A and B, and the time between them as the header bar says it */
  {
    gint64           a_ts, b_ts = vp->visible.begin_ns + len / 10;
    g_autofree char *delta = NULL, *want = NULL, *d = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.marker-a", NULL));
    g_assert_cmpuint (remora_session_get_markers (session)->len, ==, 1);
    a_ts = g_array_index (remora_session_get_markers (session), RemoraMarker, 0).ts;
    /* the pointer is not over the plot: A goes to the middle */
    g_assert_cmpint (ABS (a_ts - (vp->visible.begin_ns + len / 2)), <=, len / 100);
    g_assert_null (remora_timeline_view_dup_delta (view));
    remora_session_add_marker (session, "B", b_ts);
    d = remora_format_duration (a_ts - b_ts);
    want = g_strdup_printf ("A→B −%s", d);
    delta = remora_timeline_view_dup_delta (view);
    g_assert_cmpstr (delta, ==, want);
    g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
    screenshot (GTK_WIDGET (window), "05-markers");
  }

  /* named markers: added in the middle of the view, renamed, jumped to */
  {
    const GArray *markers = remora_session_get_markers (session);
    guint         n = markers->len;
    gint64        mid = vp->visible.begin_ns + remora_time_range_get_duration (&vp->visible) / 2;

    remora_window_add_marker (window, "irq storm");
    remora_window_add_marker (window, NULL);
    g_assert_cmpuint (markers->len, ==, n + 2);
    for (guint i = 0; i < markers->len; i++)
      if (g_str_equal (g_array_index (markers, RemoraMarker, i).name, "irq storm"))
        {
          g_assert_cmpint (g_array_index (markers, RemoraMarker, i).ts, ==, mid);
          remora_session_rename_marker (session, i, "storm");
          g_assert_cmpstr (g_array_index (markers, RemoraMarker, i).name, ==, "storm");
        }
    /* the two, unnamed "M…" and "storm", go again: A and B stay */
    for (guint i = markers->len; i-- > 0;)
      if (!g_str_equal (g_array_index (markers, RemoraMarker, i).name, "A") &&
          !g_str_equal (g_array_index (markers, RemoraMarker, i).name, "B"))
        remora_session_remove_marker (session, i);
    g_assert_cmpuint (markers->len, ==, n);
  }

  /* the view exported is what `remora export` draws of the same range, rows
   * and markers */
  {
    g_autofree char *png = g_build_filename (dir, "view.png", NULL);
    g_autofree char *cli_png = g_build_filename (dir, "cli.png", NULL);
    g_autofree char *store = remora_store_path_beside (trace);
    g_autoptr (GString) tasks = g_string_new (NULL);
    g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
    const GArray *rows = remora_session_get_rows (session);
    const GArray *markers = remora_session_get_markers (session);
    g_autoptr (GError) error = NULL;
    cairo_surface_t *a, *b;
    int              status;

    remora_window_export_view (window, png, NULL);
    g_assert_true (remora_test_wait_for ((GSourceFunc) file_exists, png, 30));
    for (guint i = 0; i < rows->len; i++)
      if (g_array_index (rows, RemoraRowSpec, i).kind == REMORA_ROW_TASK)
        g_string_append_printf (tasks, "%s%d", tasks->len ? "," : "",
                                g_array_index (rows, RemoraRowSpec, i).id);
    g_ptr_array_add (args, g_strdup (g_getenv ("REMORA_EXE")));
    g_ptr_array_add (args, g_strdup ("export"));
    g_ptr_array_add (args, g_strdup (store));
    g_ptr_array_add (args, g_strdup ("-o"));
    g_ptr_array_add (args, g_strdup (cli_png));
    g_ptr_array_add (args, g_strdup_printf ("--from=@%.9f", vp->visible.begin_ns / 1e9));
    g_ptr_array_add (args, g_strdup_printf ("--to=@%.9f", vp->visible.end_ns / 1e9));
    g_ptr_array_add (args, g_strdup_printf ("--tasks=%s", tasks->str));
    for (guint i = 0; i < markers->len; i++)
      {
        const RemoraMarker *m = &g_array_index (markers, RemoraMarker, i);
        g_ptr_array_add (args, g_strdup_printf ("--marker=%s@@%.9f", m->name, m->ts / 1e9));
      }
    g_ptr_array_add (args, NULL);
    g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    a = cairo_image_surface_create_from_png (png);
    b = cairo_image_surface_create_from_png (cli_png);
    g_assert_cmpint (cairo_surface_status (a), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (a), ==, cairo_image_surface_get_width (b));
    g_assert_cmpint (cairo_image_surface_get_height (a), ==, cairo_image_surface_get_height (b));
    g_assert_cmpmem (cairo_image_surface_get_data (a),
                     cairo_image_surface_get_stride (a) * cairo_image_surface_get_height (a),
                     cairo_image_surface_get_data (b),
                     cairo_image_surface_get_stride (b) * cairo_image_surface_get_height (b));
    cairo_surface_destroy (a);
    cairo_surface_destroy (b);
  }

  /* and back to the whole trace through the window's action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL));
  g_assert_true (remora_time_range_equal (&vp->visible, &vp->trace));
  g_assert_true (remora_test_wait_for (frame_is_current, window, 10));

  /* a click on CPU 0's row 0.3 s into the trace (what a click does, from
   * the time on) selects the slice running there: the details pane names its
   * task and times, as the store has them */
  {
    RemoraStore     *store = remora_session_get_store (session);
    gint64           t = remora_store_get_info (store)->first_ts + 300000000;
    gint64           first = remora_store_get_info (store)->first_ts;
    sqlite3_stmt    *st = NULL;
    g_autofree char *task = NULL, *from = NULL, *to = NULL, *want_from = NULL;
    int              pid;

    g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (store),
                                         "SELECT s.pid, s.start_ts, s.end_ts, t.comm FROM "
                                         "sched_slices s JOIN tasks t USING (pid) WHERE "
                                         "s.buffer_id = 0 AND s.cpu = 0 AND s.start_ts <= ?1 "
                                         "AND s.end_ts > ?1",
                                         -1, &st, NULL),
                     ==, SQLITE_OK);
    sqlite3_bind_int64 (st, 1, t);
    g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
    pid = sqlite3_column_int (st, 0);
    from = remora_format_timestamp (sqlite3_column_int64 (st, 1) - first);
    to = remora_format_timestamp (sqlite3_column_int64 (st, 2) - first);
    task = pid == 0 ? g_strdup ("Task: <idle>\nCPU: 0")
                    : g_strdup_printf ("Task: %s-%d\nCPU: 0",
                                       (const char *) sqlite3_column_text (st, 3), pid);
    want_from = g_strdup_printf ("Time: from %s s to %s s", from, to);
    sqlite3_finalize (st);

    click_select (session, 0, t);
    g_assert_true (remora_test_wait_for (has_details, window, 10));
    g_assert_nonnull (strstr (remora_window_get_details (window), task));
    g_assert_nonnull (strstr (remora_window_get_details (window), want_from));
    g_assert_cmpint (remora_session_get_selection (session)->row, ==, 0);
    g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
    screenshot (GTK_WIDGET (window), "06-selected");

    /* a click sets marker A too, on the nearest event when one is close */
    {
      const RemoraDetail *d;
      const GArray       *markers = remora_session_get_markers (session);

      gulong id = g_signal_connect (session, "notify::detail", G_CALLBACK (on_view_selected), NULL);
      guint  want;

      /* one answer at a time: the earlier selection's detail, still held,
       * must not be taken for this one's */
      gtk_widget_activate_action (GTK_WIDGET (view), "timeline.clear-markers", NULL);
      want = n_selected + 1;
      click_select (session, 0, t + 1);
      g_assert_true (remora_test_wait_for (answered, &want, 10));
      want = n_selected + 1;
      click_select (session, 0, t);
      g_assert_true (remora_test_wait_for (answered, &want, 10));
      g_assert_true (selected_at (&t));
      g_signal_handler_disconnect (session, id);
      d = selected ();
      g_assert_true (d->has_event);
      g_assert_cmpuint (markers->len, ==, 1);
      g_assert_cmpint (g_array_index (markers, RemoraMarker, 0).ts, ==, d->event.ts);
    }
  }

  /* closing keeps the window's size for the next one */
  gtk_window_close (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

static void
test_bad_file_and_cancel (void)
{
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *junk = g_build_filename (dir, "notes.dat", NULL);
  g_autofree char *fixture = remora_test_fixture_path ("sched-block-v6.dat");
  g_autofree char *trace = remora_test_copy_file (fixture, dir, "trace.dat", G_MAXSIZE);
  g_autofree char *store = remora_store_path_beside (trace);
  g_autoptr (GFile) junk_file = g_file_new_for_path (junk);
  g_autoptr (GFile) trace_file = g_file_new_for_path (trace);
  RemoraWindow *window = remora_window_new (NULL);
  int           w, h;

  gtk_window_get_default_size (GTK_WINDOW (window), &w, &h);
  g_assert_cmpint (w, ==, 1280);
  g_assert_cmpint (h, ==, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (g_file_set_contents (junk, "just some notes\n", -1, NULL));
  remora_window_open (window, junk_file);
  /* said in the window, which goes back to its start page */
  g_assert_true (remora_test_wait_for (shows_start, window, 30));
  screenshot (GTK_WIDGET (window), "07-not-a-trace");

  /* an import cancelled at once leaves the window usable and no store */
  remora_window_open (window, trace_file);
  g_assert_cmpstr (remora_window_get_page (window), ==, "loading");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-open", NULL));
  g_assert_true (remora_test_wait_for (shows_start, window, 30));
  g_assert_false (g_file_test (store, G_FILE_TEST_EXISTS));

  /* and opening it again works, with what the command line preselects
   * (remora --cpu 1,3 --pid 141 --from @5.8925 --to @5.8935 trace.dat) */
  remora_window_preselect (window, "1,3", "141", "@5.8925", "@5.8935");
  remora_window_open (window, trace_file);
  g_assert_true (remora_test_wait_for (shows_trace, window, 60));
  {
    RemoraSession *session = remora_timeline_view_get_session (remora_window_get_timeline (window));
    const GArray  *rows = remora_session_get_rows (session);
    const RemoraViewport *vp = remora_session_get_viewport (session);

    /* the block device's row too, between the CPUs and the tasks */
    g_assert_cmpuint (rows->len, ==, 4);
    g_assert_cmpint (g_array_index (rows, RemoraRowSpec, 0).id, ==, 1);
    g_assert_cmpint (g_array_index (rows, RemoraRowSpec, 1).id, ==, 3);
    g_assert_cmpint (g_array_index (rows, RemoraRowSpec, 2).kind, ==, REMORA_ROW_DEVICE);
    g_assert_cmpint (g_array_index (rows, RemoraRowSpec, 3).kind, ==, REMORA_ROW_TASK);
    g_assert_cmpint (g_array_index (rows, RemoraRowSpec, 3).id, ==, 141);
    g_assert_cmpint (vp->visible.begin_ns, ==, 5892500000);
    g_assert_cmpint (vp->visible.end_ns, ==, 5893500000);
    g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
    screenshot (GTK_WIDGET (window), "08-preselected");

    /* a row's menu: add a task's row, move it to the top, remove it */
    {
      GtkWidget *view = GTK_WIDGET (remora_window_get_timeline (window));

      g_assert_true (gtk_widget_activate_action (view, "timeline.add-task", "i", 146));
      g_assert_cmpuint (rows->len, ==, 5);
      g_assert_true (gtk_widget_activate_action (view, "timeline.pin-row", "i", 4));
      g_assert_cmpint (g_array_index (rows, RemoraRowSpec, 0).id, ==, 146);
      g_assert_cmpint (g_array_index (rows, RemoraRowSpec, 1).id, ==, 1);
      /* the range did not change: the answer to wait for is the one with
       * the new row */
      wanted_rows = 5;
      g_assert_true (remora_test_wait_for (frame_has_rows, window, 10));
      g_assert_true (frame_is_current (window));
      screenshot (GTK_WIDGET (window), "09-row-added");
      g_assert_true (gtk_widget_activate_action (view, "timeline.remove-row", "i", 0));
      g_assert_cmpuint (rows->len, ==, 4);
      g_assert_cmpint (g_array_index (rows, RemoraRowSpec, 0).id, ==, 1);
      /* a device's row, moved and removed as the others */
      g_assert_true (gtk_widget_activate_action (view, "timeline.pin-row", "i", 2));
      g_assert_cmpint (g_array_index (rows, RemoraRowSpec, 0).kind, ==, REMORA_ROW_DEVICE);
      g_assert_true (gtk_widget_activate_action (view, "timeline.remove-row", "i", 0));
      g_assert_cmpuint (rows->len, ==, 3);
      /* and added again from the list of rows to add */
      g_assert_cmpint (remora_window_add_task_row (window, "Device 254,0"), ==,
                       REMORA_BLOCK_DEV (254, 0));
      g_assert_cmpuint (rows->len, ==, 4);
      g_assert_cmpint (g_array_index (rows, RemoraRowSpec, 3).kind, ==, REMORA_ROW_DEVICE);
      remora_session_remove_row (session, 3);

      /* the searchable list of tasks: "dd" finds dd's pids, the busiest first */
      g_assert_cmpint (remora_window_add_task_row (window, "dd-"), >, 0);
      g_assert_cmpuint (rows->len, ==, 4);
      g_assert_cmpint (remora_window_add_task_row (window, "no such task"), ==, -1);
      g_assert_cmpuint (rows->len, ==, 4);
    }
  }
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

/* The event list and the timeline follow each other ----------------------- */

static RemoraEventListView *the_list;
static gint64               wanted_event;

static gboolean
list_shows_rows (gpointer data)
{
  RemoraEventList *list = remora_event_list_view_get_list (the_list);
  g_autoptr (RemoraEventItem) first = NULL;

  if (list == NULL || !remora_event_list_get_ready (list))
    return FALSE;
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  return first != NULL && remora_event_item_get_loaded (first);
}

static gboolean
timeline_selected_event (gpointer data)
{
  const RemoraDetail *d = selected ();
  return d != NULL && d->has_event && d->event.id == wanted_event;
}

static gboolean
list_selected_event (gpointer data)
{
  RemoraEventList *list = remora_event_list_view_get_list (the_list);
  guint            selected = remora_event_list_view_get_selected (the_list);

  return selected != GTK_INVALID_LIST_POSITION &&
         remora_event_list_event_at (list, selected) == wanted_event;
}

/* A window of the default size, opening @path. */
static RemoraWindow *
present_on (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  RemoraWindow *window = remora_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 760);
  gtk_window_present (GTK_WINDOW (window));
  remora_window_open (window, file);
  return window;
}

/* A window showing a copy of sched-block-v6.dat (in a new @dir), its list
 * with rows. */
static RemoraWindow *
open_sample (char **dir)
{
  g_autofree char *fixture = remora_test_fixture_path ("sched-block-v6.dat");
  g_autofree char *trace = NULL;
  RemoraWindow    *window;

  *dir = remora_test_make_tmpdir ();
  trace = remora_test_copy_file (fixture, *dir, "trace.dat", G_MAXSIZE);
  window = present_on (trace);
  the_view = remora_window_get_timeline (window);
  the_list = remora_window_get_event_list (window);
  g_assert_true (remora_test_wait_for (shows_trace, window, 60));
  g_assert_true (remora_test_wait_for (list_shows_rows, window, 30));
  return window;
}

static void
test_event_list (void)
{
  g_autofree char      *dir = NULL;
  RemoraWindow         *window = open_sample (&dir);
  RemoraSession        *session;
  RemoraStore          *store;
  RemoraEventList      *list;
  const RemoraViewport *vp;
  gint64                first, id, ts;
  guint                 want;
  gulong                handler;

  session = remora_timeline_view_get_session (the_view);
  store = remora_session_get_store (session);
  list = remora_event_list_view_get_list (the_list);
  vp = remora_session_get_viewport (session);
  first = remora_store_get_info (store)->first_ts;
  /* every event, no gaps in this trace */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    remora_store_get_info (store)->events);
  screenshot (GTK_WIDGET (window), "10-event-list");

  /* a row of CPU 2's, far from the view: the timeline moves to it and
   * selects that very event on CPU 2's row */
  remora_session_set_visible (session, first, first + 1000000);
  id = remora_test_query_int (store, "SELECT min(id) FROM events WHERE cpu = 2 AND id > 6000");
  ts = remora_test_query_int (store, "SELECT ts FROM events WHERE id = (SELECT min(id) FROM events "
                                     "WHERE cpu = 2 AND id > 6000)");
  g_assert_cmpint (ts, >, first + 1000000);
  wanted_event = id;
  remora_event_list_view_select_position (the_list, remora_event_list_position_of_event (list, id));
  g_assert_true (remora_test_wait_for (timeline_selected_event, window, 10));
  g_assert_cmpint (vp->visible.begin_ns, <=, ts);
  g_assert_cmpint (vp->visible.end_ns, >, ts);
  g_assert_cmpint (remora_time_range_get_duration (&vp->visible), ==, 1000000);
  g_assert_cmpint (remora_session_get_selection (session)->row, ==, 2);
  g_assert_cmpint (remora_session_get_selection (session)->begin_ns, ==, ts);
  g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
  screenshot (GTK_WIDGET (window), "11-list-selects-timeline");

  /* "Timeline Follows the List" off: a row selected leaves the timeline */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (the_list), "list.graph-follows", NULL));
  g_assert_false (remora_event_list_view_get_graph_follows (the_list));
  remora_event_list_view_select_position (the_list,
                                          remora_event_list_position_of_event (list, id + 40));
  for (int i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true (timeline_selected_event (NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (the_list), "list.graph-follows", NULL));
  g_assert_true (remora_event_list_view_get_graph_follows (the_list));

  /* a click on CPU 0's row near an event: the list selects and shows it */
  {
    gint64 at = remora_test_query_int (store, "SELECT ts FROM events WHERE cpu = 0 AND id > 9000 "
                                              "ORDER BY id LIMIT 1");
    const RemoraDetail *d;

    want = n_selected + 1;
    handler = g_signal_connect (session, "notify::detail", G_CALLBACK (on_view_selected), NULL);
    remora_session_set_visible (session, at - 500000, at + 500000);
    click_select (session, 0, at);
    g_assert_true (remora_test_wait_for (answered, &want, 10));
    g_signal_handler_disconnect (session, handler);
    d = selected ();
    g_assert_true (d->has_event);
    g_assert_cmpint (d->event.cpu, ==, 0);
    wanted_event = d->event.id;
    g_assert_true (list_selected_event (NULL));
    g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
    screenshot (GTK_WIDGET (window), "12-timeline-selects-list");
  }

  /* go to an event number, and to a time */
  {
    g_autoptr (GError) error = NULL;
    gint64 at;

    wanted_event = 1234;
    g_assert_true (remora_event_list_view_go_to (the_list, "#1234", &error));
    g_assert_no_error (error);
    g_assert_true (remora_test_wait_for (list_selected_event, window, 10));
    g_assert_true (remora_test_wait_for (timeline_selected_event, window, 10));

    at = first + 300000000;
    {
      g_autofree char *sql =
          g_strdup_printf ("SELECT min(id) FROM event_rows WHERE ts >= %" G_GINT64_FORMAT, at);
      wanted_event = remora_test_query_int (store, sql);
    }
    g_assert_true (remora_event_list_view_go_to (the_list, "0.3s", &error));
    g_assert_no_error (error);
    g_assert_true (remora_test_wait_for (list_selected_event, window, 10));
    g_assert_true (remora_test_wait_for (timeline_selected_event, window, 10));
    screenshot (GTK_WIDGET (window), "13-go-to-time");

    /* n: the next event of the same name, as its key does (in the window,
     * whichever view has the focus) */
    {
      g_autofree char *sql =
          g_strdup_printf ("SELECT min(n.id) FROM events n, events e WHERE e.id = %" G_GINT64_FORMAT
                           " AND n.name = e.name AND n.id > e.id",
                           wanted_event);
      wanted_event = remora_test_query_int (store, sql);
    }
    g_assert_cmpint (remora_event_list_view_get_alike (the_list), ==, REMORA_NEIGHBOUR_NAME);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-event", NULL));
    g_assert_true (remora_test_wait_for (list_selected_event, window, 10));
    g_assert_true (remora_test_wait_for (timeline_selected_event, window, 10));
    screenshot (GTK_WIDGET (window), "14-next-same-event");

    /* what is neither says so, and changes nothing */
    g_assert_false (remora_event_list_view_go_to (the_list, "soon", &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (remora_event_list_view_go_to (the_list, "#99999999", &error));
    g_assert_nonnull (strstr (error->message, "#99999999"));
    g_assert_true (list_selected_event (NULL));
  }

  gtk_window_close (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

static gboolean
not_filtering (gpointer data)
{
  /* and the rows settled: those a filter left blank at the end removed, those
   * it added shown */
  return !remora_event_list_view_get_filtering (the_list) &&
         remora_event_list_view_get_all_shown (the_list);
}

static gboolean
dialog_loaded (gpointer data)
{
  return remora_filter_dialog_get_loaded (data);
}

static gboolean
dialog_says (gpointer data)
{
  return remora_filter_dialog_get_error (*(RemoraFilterDialog **) data) != NULL ||
         *(RemoraFilterDialog **) data == NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return *(RemoraFilterDialog **) data == NULL;
}

/* the frame painted uses the session's mask */
static gboolean
frame_is_masked (gpointer data)
{
  const RemoraFrame *frame = remora_timeline_view_get_frame (the_view);
  RemoraSession     *session = remora_timeline_view_get_session (the_view);

  return frame_is_current (data) && frame->mask == remora_session_get_mask (session);
}

/* Each row of the list (read one by one) is of @cpu. */
static void
check_rows_of_cpu (RemoraEventList *list, int cpu)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint p = 0; p < n; p += MAX (1, n / 40))
    {
      g_autoptr (RemoraEventItem) item = remora_test_load_item (list, p);
      g_assert_cmpint (remora_event_item_get_cpu (item), ==, cpu);
    }
}

/* The events a frame's CPU rows count, row by row. */
static gint64
frame_row_events (const RemoraFrame *frame, int cpu)
{
  gint64 n = 0;

  for (guint r = 0; r < frame->n_rows; r++)
    if (frame->rows[r].spec.kind == REMORA_ROW_CPU && frame->rows[r].spec.id == cpu)
      for (int c = 0; c < frame->columns; c++)
        n += frame->rows[r].cpu_columns[c].events;
  return n;
}

static char    *clipboard_text;
static gboolean clipboard_read;

static void
on_clipboard_text (GObject *object, GAsyncResult *result, gpointer data)
{
  clipboard_text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  clipboard_read = TRUE;
}

static gboolean
clipboard_was_read (gpointer data)
{
  return clipboard_read;
}

static gboolean copied;

static void
on_copied (RemoraEventListView *view, gpointer data)
{
  copied = TRUE;
}

static gboolean
was_copied (gpointer data)
{
  return copied;
}

static gboolean
selected_row_loaded (gpointer data)
{
  RemoraEventList *list = remora_event_list_view_get_list (the_list);
  guint            selected = remora_event_list_view_get_selected (the_list);
  g_autoptr (RemoraEventItem) item = NULL;

  if (selected == GTK_INVALID_LIST_POSITION)
    return FALSE;
  item = g_list_model_get_item (G_LIST_MODEL (list), selected);
  return item != NULL && remora_event_item_get_loaded (item);
}

static char    *notice_text;
static gboolean notice_error;

static void
on_notice (RemoraEventListView *view, const char *message, gboolean error, gpointer data)
{
  g_free (notice_text);
  notice_text = g_strdup (message);
  notice_error = error;
}

static gboolean
not_exporting (gpointer data)
{
  return !remora_event_list_view_get_exporting (the_list);
}

static guint
count_lines (const char *path)
{
  g_autofree char *text = NULL;
  guint            n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (const char *c = text; *c; c++)
    n += *c == '\n';
  return n;
}

/* Filters: a CPU filter keeps that CPU's events in the list and the
 * timeline; an expression that does not parse is refused with
 * libtraceevent's message and changes nothing; one that parses is applied
 * from the dialog; the search keeps what the info holds; clearing shows all. */
static void
test_filters (void)
{
  g_autofree char    *dir = NULL;
  RemoraWindow       *window = open_sample (&dir);
  RemoraSession      *session;
  RemoraStore        *store;
  RemoraEventList    *list;
  RemoraFilterDialog *dialog;
  gint64              events, on_cpu1, first, last;

  session = remora_timeline_view_get_session (the_view);
  store = remora_session_get_store (session);
  list = remora_event_list_view_get_list (the_list);
  events = remora_store_get_info (store)->events;
  first = remora_store_get_info (store)->first_ts;
  last = remora_store_get_info (store)->last_ts;
  on_cpu1 = remora_test_query_int (store, "SELECT count(*) FROM events WHERE cpu = 1");
  g_assert_cmpint (on_cpu1, >, 0);
  g_assert_cmpint (on_cpu1, <, events);

  /* CPU 1, in both views */
  {
    g_autoptr (RemoraFilter) f = remora_filter_new ();
    int                one = 1;
    const RemoraFrame *frame;

    f->cpus = g_array_new (FALSE, FALSE, sizeof (int));
    g_array_append_val (f->cpus, one);
    remora_event_list_view_apply_filter (the_list, f, REMORA_FILTER_TARGET_BOTH);
    g_assert_true (remora_event_list_view_get_filtering (the_list));
    g_assert_true (remora_test_wait_for (not_filtering, window, 30));
    g_assert_nonnull (remora_event_list_view_get_mask (the_list));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, on_cpu1);
    check_rows_of_cpu (list, 1);
    g_assert_true (remora_session_get_mask (session) == remora_event_list_view_get_mask (the_list));
    /* the whole trace (summaries) and 2 ms of it (events one by one) */
    remora_session_set_visible (session, first, last + 1);
    g_assert_true (remora_test_wait_for (frame_is_masked, window, 10));
    frame = remora_timeline_view_get_frame (the_view);
    g_assert_cmpint (frame_row_events (frame, 0), ==, 0);
    g_assert_cmpint (frame_row_events (frame, 1), ==, on_cpu1);
    screenshot (GTK_WIDGET (window), "15-filter-cpu1");
    {
      gint64           mid = first + (last - first) / 2;
      g_autofree char *sql =
          g_strdup_printf ("SELECT count(*) FROM events WHERE cpu = 1 AND ts >= %" G_GINT64_FORMAT
                           " AND ts < %" G_GINT64_FORMAT,
                           mid, mid + 2000000);

      remora_session_set_visible (session, mid, mid + 2000000);
      g_assert_true (remora_test_wait_for (frame_is_masked, window, 10));
      frame = remora_timeline_view_get_frame (the_view);
      g_assert_cmpint (frame->rows[0].level, <, 0);
      g_assert_cmpint (frame_row_events (frame, 0), ==, 0);
      g_assert_cmpint (frame_row_events (frame, 1), ==, remora_test_query_int (store, sql));
    }
  }

  /* the dialog: a bad expression is refused, a good one applied */
  dialog = remora_event_list_view_open_filters (the_list);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (remora_test_wait_for (dialog_loaded, dialog, 30));
  remora_filter_dialog_set_expression (dialog, "sched_switch: (prev_state == 2");
  remora_filter_dialog_apply (dialog);
  g_assert_true (remora_test_wait_for (dialog_says, &dialog, 30));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (remora_filter_dialog_get_error (dialog), "Unbalanced"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, on_cpu1);
  screenshot (GTK_WIDGET (dialog), "16-filter-dialog-error");
  {
    /* the CPU filter stays (the dialog shows it), with the expression */
    g_autoptr (RemoraFilter) f = remora_filter_dialog_get_filter (dialog);
    g_autoptr (RemoraFilter) g = remora_filter_new ();
    g_autoptr (RemoraFilterJob) job = NULL;
    g_autoptr (RemoraEventMask) mask = NULL;
    g_autoptr (GError) error = NULL;
    int one = 1;

    g_assert_nonnull (f->cpus);
    g_assert_cmpuint (f->cpus->len, ==, 1);
    remora_filter_dialog_set_expression (dialog, "sched_switch: prev_state == 2");
    remora_filter_dialog_apply (dialog);
    g_assert_true (remora_test_wait_for (dialog_gone, &dialog, 30));
    g_assert_true (remora_test_wait_for (not_filtering, window, 30));
    /* what the model keeps for the same filter */
    g->cpus = g_array_new (FALSE, FALSE, sizeof (int));
    g_array_append_val (g->cpus, one);
    g->expression = g_strdup ("sched_switch: prev_state == 2");
    job = remora_filter_job_new (store, g);
    mask = remora_filter_job_run (job, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (remora_event_mask_get_count (mask), >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                      remora_event_mask_get_count (mask));
    check_rows_of_cpu (list, 1);
    {
      g_autoptr (RemoraEventItem) item = remora_test_load_item (list, 0);
      g_assert_cmpstr (remora_event_item_get_name (item), ==, "sched_switch");
      g_assert_nonnull (strstr (remora_event_item_get_info (item), " D ==> "));
    }
    screenshot (GTK_WIDGET (window), "17-filter-expression");
  }

  /* clear: every event again, in both views */
  remora_event_list_view_apply_filter (the_list, NULL, REMORA_FILTER_TARGET_BOTH);
  g_assert_true (remora_test_wait_for (not_filtering, window, 30));
  g_assert_null (remora_event_list_view_get_mask (the_list));
  g_assert_null (remora_session_get_mask (session));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    events + remora_event_list_get_n_lost_rows (list));

  /* the search, as typed in the bar: list only */
  {
    g_autoptr (RemoraFilter) f = remora_filter_new ();
    gint64 n;

    f->text = g_strdup ("KWORKER");
    remora_event_list_view_apply_filter (the_list, f, REMORA_FILTER_TARGET_LIST);
    g_assert_true (remora_test_wait_for (not_filtering, window, 30));
    n = g_list_model_get_n_items (G_LIST_MODEL (list));
    g_assert_cmpint (n, >, 0);
    g_assert_cmpint (n, <, events);
    g_assert_null (remora_session_get_mask (session));
    for (guint p = 0; p < n; p += MAX (1, n / 20))
      {
        g_autoptr (RemoraEventItem) item = remora_test_load_item (list, p);
        g_autofree char *info = g_ascii_strdown (remora_event_item_get_info (item), -1);
        g_assert_nonnull (strstr (info, "kworker"));
      }
    screenshot (GTK_WIDGET (window), "18-search");

    /* the selected rows, copied: the lines trace-cmd report -t prints, one
     * selected, then five (Shift+click's range) */
    g_signal_connect (the_list, "copied", G_CALLBACK (on_copied), NULL);
    for (guint rows = 1; rows <= 5; rows += 4)
      {
        g_autoptr (GRegex) re = g_regex_new (
            "^\\s*(.*)-(\\d+)\\s+\\[(\\d+)\\]\\s+(\\d+)\\.(\\d{9}): ([^:]+): (.*)$", 0, 0, NULL);
        g_auto (GStrv) lines = NULL;

        remora_event_list_view_select_position (the_list, 2);
        g_assert_true (remora_test_wait_for (selected_row_loaded, window, 10));
        if (rows > 1)
          remora_event_list_view_select_range (the_list, 2, rows);
        g_assert_cmpuint (remora_event_list_view_get_n_selected (the_list), ==, rows);
        /* the timeline still follows the row clicked first */
        g_assert_cmpuint (remora_event_list_view_get_selected (the_list), ==, 2);
        if (rows > 1)
          screenshot (GTK_WIDGET (window), "18b-rows-selected");
        copied = FALSE;
        remora_event_list_view_copy_selected (the_list);
        g_assert_true (remora_test_wait_for (was_copied, NULL, 10));
        gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                       on_clipboard_text, NULL);
        clipboard_read = FALSE;
        g_assert_true (remora_test_wait_for (clipboard_was_read, NULL, 10));
        g_assert_nonnull (clipboard_text);
        g_test_message ("copied: %s", clipboard_text);
        g_assert_true (g_str_has_suffix (clipboard_text, "\n"));
        lines = g_strsplit (clipboard_text, "\n", -1);
        g_assert_cmpuint (g_strv_length (lines), ==, rows + 1);
        for (guint r = 0; r < rows; r++)
          {
            g_autoptr (RemoraEventItem) item = remora_test_load_item (list, 2 + r);
            g_autoptr (GMatchInfo) m = NULL;
            g_autofree char *comm = NULL, *pid = NULL, *cpu = NULL, *sec = NULL, *nsec = NULL,
                            *name = NULL, *info = NULL;

            g_assert_true (g_regex_match (re, lines[r], 0, &m));
            comm = g_match_info_fetch (m, 1);
            pid = g_match_info_fetch (m, 2);
            cpu = g_match_info_fetch (m, 3);
            sec = g_match_info_fetch (m, 4);
            nsec = g_match_info_fetch (m, 5);
            name = g_match_info_fetch (m, 6);
            info = g_match_info_fetch (m, 7);
            g_assert_cmpstr (comm, ==, remora_event_item_get_task (item));
            g_assert_cmpint (atoi (pid), ==, remora_event_item_get_pid (item));
            g_assert_cmpint (atoi (cpu), ==, remora_event_item_get_cpu (item));
            g_assert_cmpint (g_ascii_strtoll (sec, NULL, 10) * 1000000000 +
                                 g_ascii_strtoll (nsec, NULL, 10),
                             ==, remora_event_item_get_ts (item));
            g_assert_cmpstr (name, ==, remora_event_item_get_name (item));
            g_assert_cmpstr (info, ==, remora_event_item_get_info (item));
          }
        g_clear_pointer (&clipboard_text, g_free);
      }

    /* the list as it is filtered, exported as CSV: a header and its rows */
    {
      g_autofree char *csv = g_build_filename (dir, "events.csv", NULL);

      g_signal_connect (the_list, "notice", G_CALLBACK (on_notice), NULL);
      remora_event_list_view_export_csv (the_list, csv);
      g_assert_true (remora_event_list_view_get_exporting (the_list));
      g_assert_true (remora_test_wait_for (not_exporting, window, 60));
      g_assert_nonnull (notice_text);
      g_assert_false (notice_error);
      g_assert_nonnull (strstr (notice_text, "events.csv"));
      g_assert_cmpuint (count_lines (csv), ==, n + 1);
      screenshot (GTK_WIDGET (window), "19-exported-csv");
      g_clear_pointer (&notice_text, g_free);
      g_signal_handlers_disconnect_by_func (the_list, on_notice, NULL);
    }
  }

  gtk_window_close (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

/* A damaged store --------------------------------------------------------- */

static gboolean
shows_problem (gpointer data)
{
  return remora_window_get_problem (data) != NULL;
}

/* A store whose summary blocks of CPU 0 are damaged opens, and the window
 * says what is wrong above the timeline (it went to stderr only) until the
 * banner is hidden. */
static void
test_damaged_store (void)
{
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *fixture = remora_test_fixture_path ("sched-block-v6.dat");
  g_autofree char *trace = remora_test_copy_file (fixture, dir, "trace.dat", G_MAXSIZE);
  g_autofree char *store_path = NULL;
  RemoraWindow    *window;
  sqlite3         *db = NULL;

  g_clear_object (&(RemoraStore *){ remora_test_import (trace, dir, &store_path) });
  g_assert_cmpint (sqlite3_open (store_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (db, "UPDATE lod_cpu SET data = x'28b52ffd00' WHERE cpu = 0", NULL, NULL, NULL),
      ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), >, 0);
  sqlite3_close (db);

  window = present_on (store_path);
  g_assert_true (remora_test_wait_for (shows_problem, window, 60));
  g_assert_cmpstr (remora_window_get_page (window), ==, "view");
  g_assert_nonnull (strstr (remora_window_get_problem (window), "summary block is damaged"));
  g_assert_nonnull (strstr (remora_window_get_problem (window), store_path));
  screenshot (GTK_WIDGET (window), "20-damaged-store");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.hide-problem", NULL));
  g_assert_null (remora_window_get_problem (window));
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();
  /* pages switch at once, so that each screenshot shows one */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  remora_register_resource ();
  shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", "..",
                            "meson-logs", "screenshots", NULL);
  g_mkdir_with_parents (shots, 0755);
  g_test_add_func ("/remora/gui/window/open-zoom-pan", test_open_zoom_pan);
  g_test_add_func ("/remora/gui/window/bad-file-and-cancel", test_bad_file_and_cancel);
  g_test_add_func ("/remora/gui/window/event-list", test_event_list);
  g_test_add_func ("/remora/gui/window/filters", test_filters);
  g_test_add_func ("/remora/gui/window/damaged-store", test_damaged_store);
  return g_test_run ();
}
