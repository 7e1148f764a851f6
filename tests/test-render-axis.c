/* test-render-axis.c: the time axis's labels never overlap, at any range and
 * width, and its ticks fall on a 1-2-5 step.
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

static double
measure (const char *text, gpointer user_data)
{
  int w, h;
  pango_layout_set_text (user_data, text, -1);
  pango_layout_get_pixel_size (user_data, &w, &h);
  return w;
}

static void
test_no_overlap (void)
{
  cairo_surface_t      *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t              *cr = cairo_create (surface);
  PangoLayout          *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans 9");
  g_autoptr (GRand) rand = g_rand_new_with_seed (99);
  gint64 origin = 4620480355;

  pango_layout_set_font_description (layout, font);
  for (int round = 0; round < 800; round++)
    {
      /* 10 ns to 1000 s, anywhere after the origin, 100 to 4000 pixels */
      gint64          len = (gint64) (10 * pow (1e11, g_rand_double (rand)));
      gint64          begin = origin + (gint64) (g_rand_double (rand) * 1e12);
      double          width = g_rand_double_range (rand, 100, 4000);
      RemoraTimeRange range = { begin, begin + len };
      gint64          step = 0, mantissa;
      g_autoptr (GArray) ticks =
          remora_axis_ticks (&range, width, origin, 12, measure, layout, &step);

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
              double gap =
                  (t->x - measure (t->label, layout) / 2) - (p->x + measure (p->label, layout) / 2);
              if (gap < 12 - 1e-6)
                g_error ("labels “%s” and “%s” overlap (range %" G_GINT64_FORMAT
                         " ns over %.0f px)",
                         p->label, t->label, len, width);
              g_assert_cmpstr (p->label, !=, t->label);
            }
        }
    }
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_labels (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t         *cr = cairo_create (surface);
  PangoLayout     *layout = pango_cairo_create_layout (cr);
  RemoraTimeRange  range = { 1000000000, 2000000000 };
  g_autoptr (GArray) ticks =
      remora_axis_ticks (&range, 1000, 1000000000, 12, measure, layout, NULL);

  /* a second over 1000 px: a 100 ms step, labelled in seconds from the origin */
  g_assert_cmpuint (ticks->len, ==, 11);
  g_assert_cmpstr (g_array_index (ticks, RemoraAxisTick, 0).label, ==, "0.0 s");
  g_assert_cmpstr (g_array_index (ticks, RemoraAxisTick, 1).label, ==, "0.1 s");
  g_assert_cmpstr (g_array_index (ticks, RemoraAxisTick, 10).label, ==, "1.0 s");
  g_clear_pointer (&ticks, g_array_unref);

  /* 500 ms, 20 s after the origin: labels read in seconds, not "20050 ms" */
  range = (RemoraTimeRange){ 21000000000, 21500000000 };
  ticks = remora_axis_ticks (&range, 1000, 1000000000, 12, measure, layout, NULL);
  g_assert_cmpuint (ticks->len, >=, 6);
  g_assert_cmpstr (g_array_index (ticks, RemoraAxisTick, 0).label, ==, "20.00 s");
  g_assert_cmpstr (g_array_index (ticks, RemoraAxisTick, 1).label, ==, "20.05 s");
  g_clear_pointer (&ticks, g_array_unref);

  /* 20 µs, 330 ms after the origin: milliseconds with µs decimals */
  range = (RemoraTimeRange){ 1330600000, 1330620000 };
  ticks = remora_axis_ticks (&range, 800, 1000000000, 12, measure, layout, NULL);
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
  return g_test_run ();
}
