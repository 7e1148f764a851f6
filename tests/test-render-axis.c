/* test-render-axis.c: the time axis's labels never overlap, at any range and
 * width, also where the ends of the axis move them inwards, and its ticks
 * fall on a 1-2-5 step.
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

/* The labels placed between @min_x and @max_x: inside, apart, and every one
 * not moved by an end shown. */
static void
check_placed (GArray *ticks, double min_x, double max_x, PangoLayout *layout, const char *what)
{
  const RemoraAxisTick *last = NULL;
  guint                 shown = 0;

  remora_axis_place_labels (ticks, min_x, max_x, 12, remora_test_text_width, layout);
  for (guint i = 0; i < ticks->len; i++)
    {
      const RemoraAxisTick *t = &g_array_index (ticks, RemoraAxisTick, i);

      g_assert_cmpfloat (t->label_w, ==, remora_test_text_width (t->label, layout));
      if (!t->show_label)
        {
          /* only a label the ends moved gives way */
          g_assert_true (fabs (t->label_x - (t->x - t->label_w / 2)) > 1e-9);
          continue;
        }
      shown++;
      g_assert_cmpfloat (t->label_x, >=, min_x - 1e-6);
      g_assert_cmpfloat (t->label_x + t->label_w, <=, max_x + 1e-6);
      if (last != NULL && t->label_x - (last->label_x + last->label_w) < 12 - 1e-6)
        g_error ("%s: labels “%s” and “%s” overlap at the ends of the axis", what, last->label,
                 t->label);
      last = t;
    }
  g_assert_cmpuint (shown + 2, >=, ticks->len);
}

static void
test_no_overlap (void)
{
  g_autoptr (PangoLayout) layout = remora_test_text_layout ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (99);
  gint64 origin = 4620480355;

  for (int round = 0; round < 800; round++)
    {
      /* 10 ns to 1000 s, anywhere after the origin, 100 to 4000 pixels */
      gint64          len = (gint64) (10 * pow (1e11, g_rand_double (rand)));
      gint64          begin = origin + (gint64) (g_rand_double (rand) * 1e12);
      double          width = g_rand_double_range (rand, 100, 4000);
      RemoraTimeRange range = { begin, begin + len };
      gint64          step = 0, mantissa;
      g_autoptr (GArray) ticks =
          remora_axis_ticks (&range, width, origin, 12, remora_test_text_width, layout, &step);

      /* a 1-2-5 step */
      mantissa = step;
      while (mantissa % 10 == 0)
        mantissa /= 10;
      g_assert_true (mantissa == 1 || mantissa == 2 || mantissa == 5);
      for (guint i = 0; i < ticks->len; i++)
        {
          RemoraAxisTick *t = &g_array_index (ticks, RemoraAxisTick, i);
          g_assert_cmpint ((t->ts - origin) % step, ==, 0);
          g_assert_true (t->x >= -0.5 && t->x <= width + 0.5);
          if (i > 0)
            {
              RemoraAxisTick *p = &g_array_index (ticks, RemoraAxisTick, i - 1);
              /* labels are centred on their ticks: they must not touch */
              double gap = (t->x - remora_test_text_width (t->label, layout) / 2) -
                           (p->x + remora_test_text_width (p->label, layout) / 2);
              if (gap < 12 - 1e-6)
                g_error ("labels “%s” and “%s” overlap (range %" G_GINT64_FORMAT
                         " ns over %.0f px)",
                         p->label, t->label, len, width);
              g_assert_cmpstr (p->label, !=, t->label);
            }
        }
      /* placed in a picture whose right margin is narrow; then again with
       * the range ending on a tick, at the very end of the axis */
      check_placed (ticks, -40, width + 2, layout, "a range");
      if (ticks->len >= 2)
        {
          RemoraTimeRange snapped = { begin,
                                      g_array_index (ticks, RemoraAxisTick, ticks->len - 1).ts };
          g_autoptr (GArray) again =
              remora_axis_ticks (&snapped, width, origin, 12, remora_test_text_width, layout, NULL);
          check_placed (again, -40, width + 2, layout, "a range ending on a tick");
        }
    }
}

/* The report: "1.8019 s1.8020 s" at the right end of a 2 ms window. */
static void
test_ends (void)
{
  g_autoptr (PangoLayout) layout = remora_test_text_layout ();
  gint64          origin = 4620480355;
  RemoraTimeRange range = { origin + 1800000000, origin + 1802000000 };
  g_autoptr (GArray) ticks = NULL;
  const RemoraAxisTick *end;

  ticks = remora_axis_ticks (&range, 700, origin, 12, remora_test_text_width, layout, NULL);
  end = &g_array_index (ticks, RemoraAxisTick, ticks->len - 1);
  g_assert_cmpstr (end->label, ==, "1.8020 s");
  check_placed (ticks, -40, 700 + 2, layout, "2 ms at 1.8 s over 700 px");
  /* the end's label, moved inwards, gave way; its neighbour kept its place */
  g_assert_false (end->show_label);
  g_assert_true (g_array_index (ticks, RemoraAxisTick, ticks->len - 2).show_label);
}

static void
test_labels (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t         *cr = cairo_create (surface);
  PangoLayout     *layout = pango_cairo_create_layout (cr);
  RemoraTimeRange  range = { 1000000000, 2000000000 };
  g_autoptr (GArray) ticks =
      remora_axis_ticks (&range, 1000, 1000000000, 12, remora_test_text_width, layout, NULL);

  /* a second over 1000 px: a 100 ms step, labelled in seconds from the origin */
  g_assert_cmpuint (ticks->len, ==, 11);
  g_assert_cmpstr (g_array_index (ticks, RemoraAxisTick, 0).label, ==, "0.0 s");
  g_assert_cmpstr (g_array_index (ticks, RemoraAxisTick, 1).label, ==, "0.1 s");
  g_assert_cmpstr (g_array_index (ticks, RemoraAxisTick, 10).label, ==, "1.0 s");
  g_clear_pointer (&ticks, g_array_unref);

  /* 500 ms, 20 s after the origin: labels read in seconds, not "20050 ms" */
  range = (RemoraTimeRange){ 21000000000, 21500000000 };
  ticks = remora_axis_ticks (&range, 1000, 1000000000, 12, remora_test_text_width, layout, NULL);
  g_assert_cmpuint (ticks->len, >=, 6);
  g_assert_cmpstr (g_array_index (ticks, RemoraAxisTick, 0).label, ==, "20.00 s");
  g_assert_cmpstr (g_array_index (ticks, RemoraAxisTick, 1).label, ==, "20.05 s");
  g_clear_pointer (&ticks, g_array_unref);

  /* 20 µs, 330 ms after the origin: milliseconds with µs decimals */
  range = (RemoraTimeRange){ 1330600000, 1330620000 };
  ticks = remora_axis_ticks (&range, 800, 1000000000, 12, remora_test_text_width, layout, NULL);
  g_assert_cmpuint (ticks->len, >=, 3);
  g_assert_true (g_str_has_prefix (g_array_index (ticks, RemoraAxisTick, 0).label, "330.60"));
  g_assert_true (g_str_has_suffix (g_array_index (ticks, RemoraAxisTick, 0).label, " ms"));
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/render/axis/labels-never-overlap", test_no_overlap);
  g_test_add_func ("/remora/render/axis/labels", test_labels);
  g_test_add_func ("/remora/render/axis/ends", test_ends);
  return g_test_run ();
}
