/* remora-paint.c: what the painters of a timeline's layers share: colours,
 * text, where a time lies on the plot
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-paint-private.h"

void
remora_paint_set_color (cairo_t *cr, const RemoraRgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

double
remora_paint_text_width (const char *text, gpointer user_data)
{
  PangoLayout *layout = user_data;
  int          w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* Draws @text with its left edge at x (or centred on x), vertically centred
 * on y. */
void
remora_paint_text (
    RemoraPaint *p, const char *text, double x, double y, gboolean centre, const RemoraRgba *color)
{
  int w, h;

  pango_layout_set_text (p->layout, text, -1);
  pango_layout_get_pixel_size (p->layout, &w, &h);
  remora_paint_set_color (p->cr, color);
  cairo_move_to (p->cr, centre ? x - w / 2.0 : x, y - h / 2.0);
  pango_cairo_show_layout (p->cr, p->layout);
}

/* Where @ts lies on the plot, in the range painted across it. */
double
remora_paint_x_of (const RemoraPaint *p, gint64 ts)
{
  return p->plot_x + (double) (ts - p->view.begin_ns) * p->plot_w /
                         MAX (1, remora_time_range_get_duration (&p->view));
}

/**
 * remora_paint_leaves_out:
 * @p: the painting
 * @cpu: a CPU, or -1
 * @pid: a task, or -1
 *
 * Whether the filter applied to the timeline leaves out @cpu or @pid: its
 * slices are then drawn in the theme's left_out grey, so that what it keeps
 * stands out.
 */
gboolean
remora_paint_leaves_out (const RemoraPaint *p, int cpu, int pid)
{
  const RemoraFilter *f = p->frame->mask ? remora_event_mask_get_filter (p->frame->mask) : NULL;

  if (f == NULL)
    return FALSE;
  return (cpu >= 0 && !remora_filter_keeps_cpu (f, cpu)) ||
         (pid >= 0 && !remora_filter_keeps_pid (f, pid));
}
