/* test-render-markers.c: marker flags never cover each other and never
 * leave the strip, whatever the markers' names, times and the width; a
 * shortened name is a prefix of the name and an ellipsis; A→B is measured
 * between A and B whatever else is marked between them.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "remora-render.h"
#include "remora-test-util.h"

static void
clear_marker (gpointer data)
{
  g_free (((RemoraMarker *) data)->name);
}

static GArray *
new_markers (void)
{
  GArray *markers = g_array_new (FALSE, TRUE, sizeof (RemoraMarker));

  g_array_set_clear_func (markers, clear_marker);
  return markers;
}

static void
add_marker (GArray *markers, const char *name, gint64 ts)
{
  RemoraMarker m = { g_strdup (name), ts };
  guint        i = 0;

  while (i < markers->len && g_array_index (markers, RemoraMarker, i).ts <= ts)
    i++;
  g_array_insert_val (markers, i, m);
}

static void
check_flags (
    GArray *markers, const RemoraTimeRange *view, double min_x, double max_x, PangoLayout *layout)
{
  g_autoptr (GArray) flags =
      remora_markers_place (markers, view, min_x, max_x, remora_test_text_width, layout);
  guint shown = 0;

  for (guint i = 0; i < markers->len; i++)
    {
      gint64 ts = g_array_index (markers, RemoraMarker, i).ts;
      shown += ts >= view->begin_ns && ts <= view->end_ns;
    }
  /* every marker in view has its line */
  g_assert_cmpuint (flags->len, >=, shown);
  for (guint i = 0; i < flags->len; i++)
    {
      RemoraMarkerFlag   *f = &g_array_index (flags, RemoraMarkerFlag, i);
      const RemoraMarker *m = &g_array_index (markers, RemoraMarker, f->marker);

      g_assert_cmpfloat (f->line_x, >=, min_x - 0.5);
      g_assert_cmpfloat (f->line_x, <=, max_x + 0.5);
      if (f->label == NULL)
        continue;
      g_assert_true (f->row == 0 || f->row == 1);
      g_assert_cmpfloat (f->x, >=, min_x - 1e-6);
      g_assert_cmpfloat (f->x + f->w, <=, max_x + 1e-6);
      g_assert_cmpfloat (f->w, ==, remora_test_text_width (f->label, layout) + 8);
      if (strcmp (f->label, m->name) != 0)
        {
          /* a prefix of the name, then an ellipsis */
          gsize len = strlen (f->label) - strlen ("…");

          g_assert_true (g_str_has_suffix (f->label, "…"));
          g_assert_cmpuint (len, >, 0);
          g_assert_true (strncmp (f->label, m->name, len) == 0);
        }
      for (guint j = 0; j < i; j++)
        {
          RemoraMarkerFlag *g = &g_array_index (flags, RemoraMarkerFlag, j);

          if (g->label == NULL || g->row != f->row)
            continue;
          if (f->x < g->x + g->w + REMORA_MARKER_ROW_GAP - 1e-6 &&
              g->x < f->x + f->w + REMORA_MARKER_ROW_GAP - 1e-6)
            g_error ("flags “%s” (%.1f+%.1f) and “%s” (%.1f+%.1f) overlap on row %d", g->label,
                     g->x, g->w, f->label, f->x, f->w, f->row);
        }
    }
}

static void
test_no_overlap (void)
{
  static const char *names[] = { "A",
                                 "B",
                                 "io start",
                                 "done",
                                 "wakeup of kworker/u16:3",
                                 "x",
                                 "the long name of an incident's first sign",
                                 "µs" };
  g_autoptr (PangoLayout) layout = remora_test_text_layout ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261207);

  for (int round = 0; round < 2000; round++)
    {
      g_autoptr (GArray) markers = new_markers ();
      RemoraTimeRange view = { 1000000, 1000000 + g_rand_int_range (rand, 1000, 100000000) };
      double          min_x = g_rand_double_range (rand, 0, 200);
      double          max_x = min_x + g_rand_double_range (rand, 30, 3000);
      int             n = g_rand_int_range (rand, 1, 12);

      for (int i = 0; i < n; i++)
        {
          gint64 span = remora_time_range_get_duration (&view);
          /* some outside the view, some on top of each other */
          gint64 ts = view.begin_ns + (gint64) (g_rand_double_range (rand, -0.2, 1.2) * span);

          if (i > 0 && g_rand_int_range (rand, 0, 4) == 0)
            ts = g_array_index (markers, RemoraMarker, g_rand_int_range (rand, 0, markers->len)).ts;
          add_marker (markers, names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))], ts);
        }
      check_flags (markers, &view, min_x, max_x, layout);
    }
}

/* The report: A, a named marker and B gave "Δ 45.45 ms" (A to the named
 * marker), not A→B 45.93 ms; and the flags overlapped ("w B st io done"). */
static void
test_a_to_b (void)
{
  g_autoptr (PangoLayout) layout = remora_test_text_layout ();
  g_autoptr (GArray) markers = new_markers ();
  RemoraTimeRange view = { 0, 100000000 };
  g_autoptr (GArray) measures = NULL;
  RemoraMarkerMeasure *me;

  add_marker (markers, "A", 10000000);
  add_marker (markers, "io start", 55450000);
  add_marker (markers, "done", 55460000);
  add_marker (markers, "B", 55930000);
  measures = remora_markers_measure (markers, &view, 0, 1000);
  g_assert_cmpuint (measures->len, ==, 1);
  me = &g_array_index (measures, RemoraMarkerMeasure, 0);
  g_assert_cmpstr (me->text, ==, "A→B 45.93 ms");
  g_assert_cmpfloat (fabs (me->x0 - 100), <, 1e-6);
  g_assert_cmpfloat (fabs (me->x1 - 559.3), <, 1e-6);
  check_flags (markers, &view, 0, 1000, layout);
  g_clear_pointer (&measures, g_array_unref);

  /* B before A: negative; clipped to the strip when A is outside */
  g_array_remove_range (markers, 0, markers->len);
  add_marker (markers, "B", 20000000);
  add_marker (markers, "A", 150000000);
  measures = remora_markers_measure (markers, &view, 0, 1000);
  g_assert_cmpuint (measures->len, ==, 1);
  me = &g_array_index (measures, RemoraMarkerMeasure, 0);
  g_assert_true (g_str_has_prefix (me->text, "A→B −130.0 ms"));
  g_assert_cmpfloat (me->x1, ==, 1000);
  g_clear_pointer (&measures, g_array_unref);

  /* without B: from each marker to the next, only those in view */
  g_array_remove_range (markers, 0, markers->len);
  add_marker (markers, "A", 10000000);
  add_marker (markers, "one", 30000000);
  add_marker (markers, "two", 35000000);
  add_marker (markers, "later", 300000000);
  add_marker (markers, "latest", 400000000);
  measures = remora_markers_measure (markers, &view, 0, 1000);
  g_assert_cmpuint (measures->len, ==, 3);
  g_assert_cmpstr (g_array_index (measures, RemoraMarkerMeasure, 0).text, ==, "Δ 20.00 ms");
  g_assert_cmpstr (g_array_index (measures, RemoraMarkerMeasure, 1).text, ==, "Δ 5.000 ms");
  g_assert_cmpfloat (g_array_index (measures, RemoraMarkerMeasure, 2).x1, ==, 1000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/render/markers/flags-never-overlap", test_no_overlap);
  g_test_add_func ("/remora/render/markers/a-to-b", test_a_to_b);
  return g_test_run ();
}
