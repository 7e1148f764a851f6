/* remora-overview.c: the strip above a window's rows: the whole trace's CPU
 * activity per pixel, its lost-event marks, and the visible range in it
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "remora-paint-private.h"

/**
 * remora_overview_paint:
 * @frame: a frame of the whole trace whose rows are CPU rows
 * @visible: the range a view shows
 * @style: the strip's size and theme
 * @cr: where
 * @error: a location for a #GError
 *
 * Paints per pixel column how busy the CPUs were (the share of their time
 * that tasks other than idle ran), a mark where events were lost, and
 * @visible framed with the rest dimmed. Its columns lie where a timeline of
 * the same width puts its plot.
 *
 * Returns: %TRUE on success.
 */
/**
 * remora_overview_paint_activity:
 * @frame: the whole trace's frame (its CPU rows)
 * @style: the layout and theme
 * @cr: where to paint, the strip's top left at its origin
 *
 * Paints the strip without the visible range: its label, how busy the CPUs
 * were in each column, the lost events. What does not change while the
 * view zooms and pans: the window keeps it in an image.
 */
void
remora_overview_paint_activity (const RemoraFrame         *frame,
                                const RemoraTimelineStyle *style,
                                cairo_t                   *cr)
{
  const RemoraTheme *theme = style->theme;
  double             x0 = remora_timeline_get_plot_x (style);
  double             h = style->height;
  RemoraRgba         busy = theme->states[REMORA_TASK_STATE_RUNNING];
  int                n_cpu = 0;

  remora_paint_set_color (cr, &theme->background);
  cairo_paint (cr);
  {
    PangoLayout          *layout = pango_cairo_create_layout (cr);
    PangoFontDescription *font = pango_font_description_from_string (theme->font);
    int                   tw, th;

    pango_layout_set_font_description (layout, font);
    pango_font_description_free (font);
    /* Translators: the label of the strip that shows the whole trace */
    pango_layout_set_text (layout, _ ("Whole trace"), -1);
    pango_layout_get_pixel_size (layout, &tw, &th);
    remora_paint_set_color (cr, &theme->dim);
    cairo_move_to (cr, 6, (h - th) / 2);
    pango_cairo_show_layout (cr, layout);
    g_object_unref (layout);
  }
  for (guint r = 0; r < frame->n_rows; r++)
    n_cpu += frame->rows[r].spec.kind == REMORA_ROW_CPU;
  /* activity: one bar per column, as high as the CPUs were busy */
  remora_paint_set_color (cr, &busy);
  for (int c = 0; c < frame->columns && n_cpu > 0; c++)
    {
      gint64 ns = 0, len = 0;
      double share;

      for (guint r = 0; r < frame->n_rows; r++)
        if (frame->rows[r].spec.kind == REMORA_ROW_CPU)
          {
            const RemoraCpuColumn *col = &frame->rows[r].cpu_columns[c];
            ns += col->busy_ns;
            len = col->end_ns - col->begin_ns;
          }
      share = len > 0 ? CLAMP ((double) ns / ((double) len * n_cpu), 0, 1) : 0;
      if (share > 0)
        cairo_rectangle (cr, x0 + c, h - 2 - round ((h - 6) * share), 1, round ((h - 6) * share));
    }
  cairo_fill (cr);
  /* lost events: a mark at the top */
  remora_paint_set_color (cr, &theme->lost);
  for (int c = 0; c < frame->columns; c++)
    for (guint r = 0; r < frame->n_rows; r++)
      if (frame->rows[r].spec.kind == REMORA_ROW_CPU && frame->rows[r].cpu_columns[c].lost > 0)
        {
          cairo_rectangle (cr, x0 + c, 0, 1, 4);
          break;
        }
  cairo_fill (cr);
}

/**
 * remora_overview_paint_visible:
 * @frame: the whole trace's frame
 * @visible: the range the view shows
 * @style: the layout and theme
 * @cr: where to paint, over remora_overview_paint_activity()'s
 *
 * Frames the visible range on the strip and dims the rest.
 */
void
remora_overview_paint_visible (const RemoraFrame         *frame,
                               const RemoraTimeRange     *visible,
                               const RemoraTimelineStyle *style,
                               cairo_t                   *cr)
{
  const RemoraTheme *theme = style->theme;
  double             x0 = remora_timeline_get_plot_x (style);
  double             w = frame->columns, h = style->height;
  double             dur = MAX (1, remora_time_range_get_duration (&frame->range));
  RemoraRgba         accent = { 0.10, 0.45, 0.90, 1 };
  double             vx0, vx1;

  vx0 = x0 + (visible->begin_ns - frame->range.begin_ns) * w / dur;
  vx1 = x0 + (visible->end_ns - frame->range.begin_ns) * w / dur;
  vx0 = CLAMP (vx0, x0, x0 + w);
  vx1 = CLAMP (MAX (vx1, vx0 + 2), x0, x0 + w);
  cairo_set_source_rgba (cr, theme->background.r, theme->background.g, theme->background.b, 0.6);
  cairo_rectangle (cr, x0, 0, vx0 - x0, h);
  cairo_rectangle (cr, vx1, 0, x0 + w - vx1, h);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, accent.r, accent.g, accent.b, 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_rectangle (cr, floor (vx0) + 0.75, 0.75, MAX (1, floor (vx1) - floor (vx0) - 1.5), h - 1.5);
  cairo_stroke (cr);
}

gboolean
remora_overview_paint (const RemoraFrame         *frame,
                       const RemoraTimeRange     *visible,
                       const RemoraTimelineStyle *style,
                       cairo_t                   *cr,
                       GError                   **error)
{
  remora_overview_paint_activity (frame, style, cr);
  remora_overview_paint_visible (frame, visible, style, cr);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, REMORA_RENDER_ERROR, REMORA_RENDER_ERROR_CAIRO,
                   _ ("Failed to draw the overview: %s"),
                   cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  return TRUE;
}
