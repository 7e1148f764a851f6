/* remora-axis.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-axis.h"

#include <glib/gi18n-lib.h>
#include <math.h>

static void
clear_tick (gpointer p)
{
  g_free (((RemoraAxisTick *) p)->label);
}

/* A tick's label: its time since @origin_ns, with as many decimals as the
 * step needs (a 20 ms step: "1.22 s"), in the unit that suits the step or,
 * when larger, the labels' magnitude: 20.05 s, not 20050 ms; 330.605 ms, not
 * 330605 µs. */
static char *
tick_label (gint64 t, gint64 step, gint64 magnitude)
{
  const char *unit;
  double      scale;
  int         decimals;
  gint64      a = t < 0 ? -t : t;
  gint64      by = magnitude;

  if (step >= 100000000 || by >= 1000000000)
    {
      /* Translators: the unit of seconds on the time axis */
      unit = _ ("s");
      scale = 1e9;
    }
  else if (step >= 100000 || by >= 1000000)
    {
      /* Translators: the unit of milliseconds on the time axis */
      unit = _ ("ms");
      scale = 1e6;
    }
  else if (step >= 100 || by >= 1000)
    {
      /* Translators: the unit of microseconds on the time axis */
      unit = _ ("µs");
      scale = 1e3;
    }
  else
    {
      /* Translators: the unit of nanoseconds on the time axis */
      unit = _ ("ns");
      scale = 1;
    }
  decimals = (int) MAX (0, ceil (-log10 ((double) step / scale) - 1e-9));
  return g_strdup_printf ("%s%.*f %s", t < 0 ? "−" : "", decimals, a / scale, unit);
}

/**
 * remora_axis_ticks:
 * @range: the time range across @width_px
 * @width_px: the axis's width in pixels
 * @origin_ns: the time labels count from (the trace's start; 0 for absolute times)
 * @min_gap_px: the least room between two labels
 * @measure: measures a label's width
 * @user_data: for @measure
 * @step_ns: (out) (optional): the step chosen
 *
 * Places ticks at multiples of a 1-2-5 step, the smallest step whose labels
 * all fit between their neighbours: labels never overlap.
 *
 * Returns: (transfer full) (element-type RemoraAxisTick): the ticks in order
 */
GArray *
remora_axis_ticks (const RemoraTimeRange *range,
                   double                 width_px,
                   gint64                 origin_ns,
                   double                 min_gap_px,
                   RemoraTextMeasure      measure,
                   gpointer               user_data,
                   gint64                *step_ns)
{
  gint64           len = MAX (1, remora_time_range_get_duration (range));
  double           ns_per_px = len / MAX (1.0, width_px);
  gint64           step = 1;
  static const int ladder[] = { 1, 2, 5 };
  gint64 magnitude = MAX (ABS (range->begin_ns - origin_ns), ABS (range->end_ns - origin_ns));

  for (gint64 decade = 1; decade <= G_MAXINT64 / 10; decade *= 10)
    for (guint k = 0; k < G_N_ELEMENTS (ladder); k++)
      {
        GArray  *ticks;
        gint64   s = decade * ladder[k];
        gint64   first;
        double   widest = 0;
        gboolean fits = TRUE;

        if (s / ns_per_px < 8) /* not denser than 8 px */
          continue;
        /* multiples of the step, counted from the origin */
        first = origin_ns + (gint64) ceil ((double) (range->begin_ns - origin_ns) / s) * s;
        /* the labels share one format: the widest has the most digits, which
         * the first or the last has (the largest magnitude); only those two
         * are made for a step that may not fit */
        if (first <= range->end_ns)
          {
            gint64           n = MIN ((range->end_ns - first) / s, 9999);
            g_autofree char *a = tick_label (first - origin_ns, s, magnitude);
            g_autofree char *b = tick_label (first + n * s - origin_ns, s, magnitude);
            widest = MAX (measure (a, user_data), measure (b, user_data));
          }
        fits = widest + min_gap_px <= s / ns_per_px;
        if (fits || s > len)
          {
            ticks = g_array_new (FALSE, FALSE, sizeof (RemoraAxisTick));
            g_array_set_clear_func (ticks, clear_tick);
            for (gint64 t = first; t <= range->end_ns && ticks->len < 10000; t += s)
              {
                RemoraAxisTick tick = { t,
                                        (t - range->begin_ns) / ns_per_px,
                                        tick_label (t - origin_ns, s, magnitude),
                                        0,
                                        0,
                                        TRUE };
                g_array_append_val (ticks, tick);
              }
            step = s;
            if (step_ns)
              *step_ns = step;
            return ticks;
          }
      }
  g_assert_not_reached ();
}

/**
 * remora_axis_place_labels:
 * @ticks: (element-type RemoraAxisTick): the ticks of remora_axis_ticks()
 * @min_x: the leftmost a label may begin
 * @max_x: the rightmost a label may end
 * @min_gap_px: the least room between two labels
 * @measure: measures a label's width
 * @user_data: for @measure
 *
 * Centres each label on its tick, moved inwards where it would pass @min_x or
 * @max_x; a label so moved that it would come nearer than @min_gap_px to its
 * neighbour's is not shown (the tick still is), so that labels never touch
 * at the ends of the axis either.
 */
void
remora_axis_place_labels (GArray           *ticks,
                          double            min_x,
                          double            max_x,
                          double            min_gap_px,
                          RemoraTextMeasure measure,
                          gpointer          user_data)
{
  for (guint i = 0; i < ticks->len; i++)
    {
      RemoraAxisTick *t = &g_array_index (ticks, RemoraAxisTick, i);

      t->label_w = measure (t->label, user_data);
      t->label_x = MAX (min_x, MIN (t->x - t->label_w / 2, max_x - t->label_w));
      t->show_label = t->label_x >= min_x - 1e-9 && t->label_x + t->label_w <= max_x + 1e-9;
    }
  /* the labels centred on their ticks keep their room (remora_axis_ticks
   * leaves it); one moved inwards gives way to its neighbour */
  for (guint i = 0; i < ticks->len; i++)
    {
      RemoraAxisTick *t = &g_array_index (ticks, RemoraAxisTick, i);
      gboolean        moved = fabs (t->label_x - (t->x - t->label_w / 2)) > 1e-9;

      if (!moved || !t->show_label)
        continue;
      if (i > 0)
        {
          RemoraAxisTick *p = &g_array_index (ticks, RemoraAxisTick, i - 1);
          if (p->show_label && t->label_x < p->label_x + p->label_w + min_gap_px)
            t->show_label = FALSE;
        }
      if (i + 1 < ticks->len)
        {
          RemoraAxisTick *n = &g_array_index (ticks, RemoraAxisTick, i + 1);
          if (n->show_label && n->label_x < t->label_x + t->label_w + min_gap_px)
            t->show_label = FALSE;
        }
    }
}
