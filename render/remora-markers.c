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

#define FLAG_H  15 /* a flag's height; two rows of flags, then the measure */
#define ROW_GAP 2
#define MEASURE (2 * (FLAG_H + ROW_GAP) + 6)

/* @name cut to @width pixels with an ellipsis, or NULL when not even one
 * letter fits. */
static char *
fit_name (RemoraPaint *p, const char *name, double width)
{
  g_autoptr (GString) s = g_string_new (name);

  if (remora_paint_text_width (name, p->layout) + 8 <= width)
    return g_strdup (name);
  while (s->len > 0)
    {
      const char      *last = g_utf8_find_prev_char (s->str, s->str + s->len);
      g_autofree char *t = NULL;

      g_string_truncate (s, last ? (gsize) (last - s->str) : 0);
      t = g_strconcat (s->str, "…", NULL);
      if (s->len > 0 && remora_paint_text_width (t, p->layout) + 8 <= width)
        return g_steal_pointer (&t);
    }
  return NULL;
}

/* The time from @from to @to, measured along the strip's bottom line from
 * x0 to x1, with @text in the middle when it fits. */
static void
paint_measure (RemoraPaint *p, double x0, double x1, double y, const char *text)
{
  RemoraRgba accent = { 0.10, 0.45, 0.90, 1 };
  double     tw = remora_paint_text_width (text, p->layout);

  x0 = MAX (x0, p->plot_x);
  x1 = MIN (x1, p->plot_x + p->plot_w);
  if (x1 <= x0)
    return;
  remora_paint_set_color (p->cr, &accent);
  cairo_rectangle (p->cr, x0, y, x1 - x0, 1);
  cairo_fill (p->cr);
  if (tw + 8 < x1 - x0)
    {
      remora_paint_set_color (p->cr, &p->theme->background);
      cairo_rectangle (p->cr, (x0 + x1 - tw) / 2 - 3, y - 7, tw + 6, 14);
      cairo_fill (p->cr);
      remora_paint_text (p, text, (x0 + x1) / 2, y, TRUE, &accent);
    }
}

/* Markers: a line across the rows, the name in a flag (flags that would
 * overlap go on a second row, or are shortened: they never cover each
 * other), and the time between markers along the strip's bottom: from A to
 * B when both are set, whatever else is marked between them, else from each
 * marker to the next. */
void
remora_paint_markers (RemoraPaint *p, double strip_y, double bottom)
{
  const GArray       *markers = p->frame->markers;
  RemoraRgba          accent = { 0.10, 0.45, 0.90, 1 };
  RemoraRgba          white = { 1, 1, 1, 1 };
  double              row_end[2] = { -G_MAXDOUBLE, -G_MAXDOUBLE }; /* each flag row's last flag */
  const RemoraMarker *a = NULL, *b = NULL;

  for (guint i = 0; i < markers->len; i++)
    {
      RemoraMarker    *m = &g_array_index (markers, RemoraMarker, i);
      double           x = remora_paint_x_of (p, m->ts);
      double           w, fx, room = 0;
      int              row = -1;
      g_autofree char *name = NULL;

      if (g_str_equal (m->name, "A"))
        a = m;
      else if (g_str_equal (m->name, "B"))
        b = m;
      if (x < p->plot_x - 0.5 || x > p->plot_x + p->plot_w + 0.5)
        continue;
      remora_paint_set_color (p->cr, &accent);
      cairo_rectangle (p->cr, floor (x), strip_y, 1.5, bottom - strip_y);
      cairo_fill (p->cr);

      /* the first row with room for the whole name, else the roomier one
       * with the name shortened */
      w = remora_paint_text_width (m->name, p->layout) + 8;
      fx = MIN (x, p->plot_x + p->plot_w - w);
      for (int r = 0; r < 2 && row < 0; r++)
        if (fx >= row_end[r] + ROW_GAP)
          row = r;
      if (row < 0)
        {
          fx = x;
          row = row_end[0] <= row_end[1] ? 0 : 1;
          room = p->plot_x + p->plot_w - MAX (fx, row_end[row] + ROW_GAP);
          fx = MAX (fx, row_end[row] + ROW_GAP);
          /* the next marker's flag takes its own place */
          if (i + 1 < markers->len)
            room =
                MIN (room, remora_paint_x_of (p, g_array_index (markers, RemoraMarker, i + 1).ts) -
                               fx - ROW_GAP);
          name = fit_name (p, m->name, room);
          if (name == NULL)
            continue;
          w = remora_paint_text_width (name, p->layout) + 8;
        }
      else
        name = g_strdup (m->name);
      cairo_rectangle (p->cr, fx, strip_y + row * (FLAG_H + ROW_GAP), w, FLAG_H);
      cairo_fill (p->cr);
      remora_paint_text (p, name, fx + 4, strip_y + row * (FLAG_H + ROW_GAP) + FLAG_H / 2.0, FALSE,
                         &white);
      row_end[row] = fx + w;
    }

  if (a != NULL && b != NULL)
    {
      g_autofree char *d = remora_format_duration (ABS (b->ts - a->ts));
      /* Translators: the time from marker A to marker B (negative when B comes first) */
      g_autofree char *text = g_strdup_printf (_ ("A→B %s%s"), b->ts < a->ts ? "−" : "", d);
      double           xa = remora_paint_x_of (p, a->ts), xb = remora_paint_x_of (p, b->ts);

      paint_measure (p, MIN (xa, xb), MAX (xa, xb), strip_y + MEASURE, text);
      return;
    }
  for (guint i = 0; i + 1 < markers->len; i++)
    {
      RemoraMarker    *m = &g_array_index (markers, RemoraMarker, i);
      RemoraMarker    *next = &g_array_index (markers, RemoraMarker, i + 1);
      g_autofree char *d = remora_format_duration (next->ts - m->ts);
      /* Translators: the time between two markers */
      g_autofree char *text = g_strdup_printf (_ ("Δ %s"), d);

      paint_measure (p, remora_paint_x_of (p, m->ts), remora_paint_x_of (p, next->ts),
                     strip_y + MEASURE, text);
    }
}
