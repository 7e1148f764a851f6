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

#define MEASURE (2 * (REMORA_MARKER_FLAG_HEIGHT + REMORA_MARKER_ROW_GAP) + 6)

static double
x_of (const RemoraTimeRange *view, double min_x, double max_x, gint64 ts)
{
  return min_x + (double) (ts - view->begin_ns) * (max_x - min_x) /
                     MAX (1, remora_time_range_get_duration (view));
}

/* @name cut to @width pixels with an ellipsis, or NULL when not even one
 * letter fits. */
static char *
fit_name (const char *name, double width, RemoraTextMeasure measure, gpointer user_data)
{
  g_autoptr (GString) s = g_string_new (name);

  if (measure (name, user_data) + 8 <= width)
    return g_strdup (name);
  while (s->len > 0)
    {
      const char      *last = g_utf8_find_prev_char (s->str, s->str + s->len);
      g_autofree char *t = NULL;

      g_string_truncate (s, last ? (gsize) (last - s->str) : 0);
      t = g_strconcat (s->str, "…", NULL);
      if (s->len > 0 && measure (t, user_data) + 8 <= width)
        return g_steal_pointer (&t);
    }
  return NULL;
}

static void
clear_flag (gpointer data)
{
  RemoraMarkerFlag *f = data;

  g_clear_pointer (&f->label, g_free);
}

static void
clear_measure (gpointer data)
{
  RemoraMarkerMeasure *m = data;

  g_clear_pointer (&m->text, g_free);
}

/**
 * remora_markers_place:
 * @markers: (element-type RemoraMarker): the markers, in time order
 * @view: the time range shown between @min_x and @max_x
 * @min_x: where @view begins
 * @max_x: where it ends
 * @measure: measures a label's width in pixels
 * @user_data: for @measure
 *
 * Where each marker's line and flag go: the markers inside @view, each
 * flag on the first of two rows with room for the whole name, else on the
 * roomier row with the name shortened to the room left (before the next
 * marker's line and the strip's end), else the line alone. Flags never
 * cover each other and never leave [@min_x, @max_x].
 *
 * Returns: (transfer full) (element-type RemoraMarkerFlag): one flag per
 *   marker inside @view, in time order
 */
GArray *
remora_markers_place (const GArray          *markers,
                      const RemoraTimeRange *view,
                      double                 min_x,
                      double                 max_x,
                      RemoraTextMeasure      measure,
                      gpointer               user_data)
{
  GArray *flags = g_array_new (FALSE, TRUE, sizeof (RemoraMarkerFlag));
  double  row_end[2] = { -G_MAXDOUBLE, -G_MAXDOUBLE }; /* each flag row's last flag */

  g_array_set_clear_func (flags, clear_flag);
  for (guint i = 0; markers != NULL && i < markers->len; i++)
    {
      const RemoraMarker *m = &g_array_index (markers, RemoraMarker, i);
      RemoraMarkerFlag    f = { .marker = i, .line_x = x_of (view, min_x, max_x, m->ts) };
      double              room;

      if (f.line_x < min_x - 0.5 || f.line_x > max_x + 0.5)
        continue;
      f.w = measure (m->name, user_data) + 8;
      f.x = MAX (min_x, MIN (f.line_x, max_x - f.w));
      f.row = -1;
      for (int r = 0; r < 2 && f.row < 0; r++)
        if (f.x >= row_end[r] + REMORA_MARKER_ROW_GAP && f.x + f.w <= max_x)
          f.row = r;
      if (f.row >= 0)
        f.label = g_strdup (m->name);
      else
        {
          f.row = row_end[0] <= row_end[1] ? 0 : 1;
          f.x = MAX (MIN (f.line_x, max_x), row_end[f.row] + REMORA_MARKER_ROW_GAP);
          room = max_x - f.x;
          /* the next marker's flag takes its own place */
          if (i + 1 < markers->len)
            room = MIN (room,
                        x_of (view, min_x, max_x, g_array_index (markers, RemoraMarker, i + 1).ts) -
                            f.x - REMORA_MARKER_ROW_GAP);
          f.label = fit_name (m->name, room, measure, user_data);
          if (f.label == NULL)
            {
              f.w = 0;
              g_array_append_val (flags, f);
              continue;
            }
          f.w = measure (f.label, user_data) + 8;
        }
      row_end[f.row] = f.x + f.w;
      g_array_append_val (flags, f);
    }
  return flags;
}

/**
 * remora_markers_measure:
 * @markers: (element-type RemoraMarker): the markers, in time order
 * @view: the time range shown between @min_x and @max_x
 * @min_x: where @view begins
 * @max_x: where it ends
 *
 * The times measured between markers: from A to B when both are set,
 * whatever else is marked between them (negative when B comes first), else
 * from each marker to the next. Each measure is clipped to [@min_x,
 * @max_x]; those wholly outside are left out.
 *
 * Returns: (transfer full) (element-type RemoraMarkerMeasure): the measures
 */
GArray *
remora_markers_measure (const GArray          *markers,
                        const RemoraTimeRange *view,
                        double                 min_x,
                        double                 max_x)
{
  GArray             *out = g_array_new (FALSE, TRUE, sizeof (RemoraMarkerMeasure));
  const RemoraMarker *a = NULL, *b = NULL;

  g_array_set_clear_func (out, clear_measure);
  for (guint i = 0; markers != NULL && i < markers->len; i++)
    {
      const RemoraMarker *m = &g_array_index (markers, RemoraMarker, i);

      if (g_str_equal (m->name, "A"))
        a = m;
      else if (g_str_equal (m->name, "B"))
        b = m;
    }
  if (a != NULL && b != NULL)
    {
      g_autofree char *d = remora_format_duration (ABS (b->ts - a->ts));
      double           xa = x_of (view, min_x, max_x, a->ts), xb = x_of (view, min_x, max_x, b->ts);
      RemoraMarkerMeasure me = { MAX (MIN (xa, xb), min_x), MIN (MAX (xa, xb), max_x), NULL };

      /* Translators: the time from marker A to marker B (negative when B comes first) */
      me.text = g_strdup_printf (_ ("A→B %s%s"), b->ts < a->ts ? "−" : "", d);
      if (me.x1 > me.x0)
        g_array_append_val (out, me);
      else
        g_free (me.text);
      return out;
    }
  for (guint i = 0; markers != NULL && i + 1 < markers->len; i++)
    {
      const RemoraMarker *m = &g_array_index (markers, RemoraMarker, i);
      const RemoraMarker *next = &g_array_index (markers, RemoraMarker, i + 1);
      g_autofree char    *d = remora_format_duration (next->ts - m->ts);
      RemoraMarkerMeasure me = { MAX (x_of (view, min_x, max_x, m->ts), min_x),
                                 MIN (x_of (view, min_x, max_x, next->ts), max_x), NULL };

      if (me.x1 <= me.x0)
        continue;
      /* Translators: the time between two markers */
      me.text = g_strdup_printf (_ ("Δ %s"), d);
      g_array_append_val (out, me);
    }
  return out;
}

/* Markers: a line across the rows, the name in a flag, and the time
 * between markers along the strip's bottom (remora_markers_place,
 * remora_markers_measure). */
void
remora_paint_markers (RemoraPaint *p, double strip_y, double bottom)
{
  RemoraRgba accent = { 0.10, 0.45, 0.90, 1 };
  RemoraRgba white = { 1, 1, 1, 1 };
  double     x0 = p->plot_x, x1 = p->plot_x + p->plot_w;
  g_autoptr (GArray) flags =
      remora_markers_place (p->frame->markers, &p->view, x0, x1, remora_paint_text_width, p);
  g_autoptr (GArray) measures = remora_markers_measure (p->frame->markers, &p->view, x0, x1);

  for (guint i = 0; i < flags->len; i++)
    {
      RemoraMarkerFlag *f = &g_array_index (flags, RemoraMarkerFlag, i);
      double            y = strip_y + f->row * (REMORA_MARKER_FLAG_HEIGHT + REMORA_MARKER_ROW_GAP);

      remora_paint_set_color (p->cr, &accent);
      cairo_rectangle (p->cr, floor (f->line_x), strip_y, 1.5, bottom - strip_y);
      cairo_fill (p->cr);
      if (f->label == NULL)
        continue;
      cairo_rectangle (p->cr, f->x, y, f->w, REMORA_MARKER_FLAG_HEIGHT);
      cairo_fill (p->cr);
      remora_paint_text (p, f->label, f->x + 4, y + REMORA_MARKER_FLAG_HEIGHT / 2.0, FALSE, &white);
    }
  for (guint i = 0; i < measures->len; i++)
    {
      RemoraMarkerMeasure *me = &g_array_index (measures, RemoraMarkerMeasure, i);
      double               y = strip_y + MEASURE;
      double               tw = remora_paint_text_width (me->text, p);

      remora_paint_set_color (p->cr, &accent);
      cairo_rectangle (p->cr, me->x0, y, me->x1 - me->x0, 1);
      cairo_fill (p->cr);
      if (tw + 8 < me->x1 - me->x0)
        {
          remora_paint_set_color (p->cr, &p->theme->background);
          cairo_rectangle (p->cr, (me->x0 + me->x1 - tw) / 2 - 3, y - 7, tw + 6, 14);
          cairo_fill (p->cr);
          remora_paint_text (p, me->text, (me->x0 + me->x1) / 2, y, TRUE, &accent);
        }
    }
}
