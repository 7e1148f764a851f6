/* remora-markers.c: markers and the time between them
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "remora-paint-private.h"

/* Markers: a line across the rows, the name in a flag, and the time from
 * each marker to the next between them. */
void
remora_paint_markers (RemoraPaint *p, double strip_y, double bottom)
{
  const GArray *markers = p->frame->markers;
  RemoraRgba    accent = { 0.10, 0.45, 0.90, 1 };
  RemoraRgba    white = { 1, 1, 1, 1 };

  for (guint i = 0; i < markers->len; i++)
    {
      RemoraMarker *m = &g_array_index (markers, RemoraMarker, i);
      double        x = remora_paint_x_of (p, m->ts);
      double        w, fx;

      if (x < p->plot_x - 0.5 || x > p->plot_x + p->plot_w + 0.5)
        continue;
      remora_paint_set_color (p->cr, &accent);
      cairo_rectangle (p->cr, floor (x), strip_y, 1.5, bottom - strip_y);
      cairo_fill (p->cr);
      w = remora_paint_text_width (m->name, p->layout) + 8;
      fx = MIN (x, p->plot_x + p->plot_w - w);
      cairo_rectangle (p->cr, fx, strip_y, w, 16);
      cairo_fill (p->cr);
      remora_paint_text (p, m->name, fx + 4, strip_y + 8, FALSE, &white);
      if (i + 1 < markers->len)
        {
          RemoraMarker    *next = &g_array_index (markers, RemoraMarker, i + 1);
          double           x1 = MIN (remora_paint_x_of (p, next->ts), p->plot_x + p->plot_w);
          g_autofree char *d = remora_format_duration (next->ts - m->ts);
          /* Translators: the time between two markers */
          g_autofree char *text = g_strdup_printf (_ ("Δ %s"), d);
          double           tw = remora_paint_text_width (text, p->layout);
          double           y = strip_y + 26;

          remora_paint_set_color (p->cr, &accent);
          cairo_rectangle (p->cr, x, y, x1 - x, 1);
          cairo_fill (p->cr);
          if (tw + 8 < x1 - x)
            {
              remora_paint_set_color (p->cr, &p->theme->background);
              cairo_rectangle (p->cr, (x + x1 - tw) / 2 - 3, y - 7, tw + 6, 14);
              cairo_fill (p->cr);
              remora_paint_text (p, text, (x + x1) / 2, y, TRUE, &accent);
            }
        }
    }
}
