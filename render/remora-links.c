/* remora-links.c: links between paired events, and the selection
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "remora-paint-private.h"

/* The vertical middle of the CPU row of @cpu in the links' buffer, or -1
 * when it is not drawn. */
static double
cpu_row_y (RemoraPaint *p, const double *row_y, double row_h, int cpu)
{
  for (guint i = 0; i < p->frame->n_rows; i++)
    {
      const RemoraRowSpec *r = &p->frame->rows[i].spec;
      if (r->kind == REMORA_ROW_CPU && r->buffer_id == p->frame->links_buffer_id && r->id == cpu)
        return row_y[i] + row_h / 2;
    }
  return -1;
}

/* Whether a filter applied to the timeline keeps a link: one of its events,
 * or its task when the filter names tasks. */
static gboolean
keeps_link (const RemoraPaint *p, gint64 first_id, gint64 second_id, int pid)
{
  const RemoraEventMask *mask = p->frame->mask;
  const RemoraFilter    *f = mask ? remora_event_mask_get_filter (mask) : NULL;

  return mask == NULL || remora_event_mask_contains (mask, first_id) ||
         remora_event_mask_contains (mask, second_id) ||
         (f != NULL && f->pids != NULL && remora_filter_keeps_pid (f, pid));
}

/* An arrow head: its tip and the direction it points in. */
typedef struct
{
  double x, y, angle;
} Head;

/* Wakeups from the waking CPU at the wakeup to the CPU that ran the task;
 * block requests as ticks at their issue and completion on their CPUs.
 * The frame holds them when the range has few enough to be read. A filter
 * applied to the timeline hides those it leaves out. */
void
remora_paint_links (RemoraPaint *p, const double *row_y, double row_h)
{
  const RemoraRgba *wake = &p->theme->wakeup_link;
  const RemoraRgba *block = &p->theme->block_link;
  const GArray     *wakeups = p->frame->wakeup_links;
  const GArray     *spans = p->frame->block_links;
  g_autoptr (GArray) heads = g_array_new (FALSE, FALSE, sizeof (Head));

  /* every link's line in one path, stroked once, then every arrow head in
   * one path, filled once: a stroke and a fill per link cost some 5 ms of
   * the UI thread for the few hundred links of 70 ms of a busy trace */
  for (guint i = 0; wakeups && i < wakeups->len; i++)
    {
      const RemoraWakeupLink *l = &g_array_index (wakeups, RemoraWakeupLink, i);
      double                  y0 = cpu_row_y (p, row_y, row_h, l->wakeup_cpu);
      double                  y1 = cpu_row_y (p, row_y, row_h, l->switch_cpu);
      double                  x0 = remora_paint_x_of (p, l->wakeup_ts);
      double                  x1 = remora_paint_x_of (p, l->switch_ts);
      Head                    head;

      if (y0 < 0 || y1 < 0 || !keeps_link (p, l->wakeup_event_id, l->switch_event_id, l->pid))
        continue;
      /* a link with neither end in view would only be a line across the
       * names in the slices */
      if ((x0 < p->plot_x && x1 < p->plot_x) ||
          (x0 > p->plot_x + p->plot_w && x1 > p->plot_x + p->plot_w) ||
          (x0 < p->plot_x && x1 > p->plot_x + p->plot_w))
        continue;
      if (l->wakeup_cpu == l->switch_cpu)
        {
          /* on one row, a line along it would strike through the names in
           * its slices: the link bows over the row's top edge instead */
          double top = y0 - row_h / 2;

          y1 = top;
          cairo_move_to (p->cr, x0, top);
          cairo_curve_to (p->cr, x0, top - 7, x1, top - 7, x1, top);
          head.angle = G_PI / 2;
        }
      else
        {
          /* from the edge of one row facing the other to the other's facing
           * edge: between adjacent rows, along the gap between them */
          double toward = y1 > y0 ? row_h / 2 : -row_h / 2;

          y0 += toward;
          y1 -= toward;
          cairo_move_to (p->cr, x0, y0);
          cairo_line_to (p->cr, x1, y1);
          head.angle = atan2 (y1 - y0, x1 - x0);
        }
      head.x = x1;
      head.y = y1;
      g_array_append_val (heads, head);
    }
  /* antialiased on a coarser grid: the same lines to the eye (compared at
   * twice the size), at half the cost of cairo's finest grid, which made the
   * links the dearest layer of a frame of 50 to 100 ms of a busy trace */
  cairo_save (p->cr);
  cairo_set_antialias (p->cr, CAIRO_ANTIALIAS_FAST);
  /* on a halo of the background, so that the line reads on slices of any
   * task's colour (its own hue among them) */
  cairo_set_source_rgba (p->cr, p->theme->background.r, p->theme->background.g,
                         p->theme->background.b, 0.6);
  cairo_set_line_width (p->cr, 3);
  cairo_stroke_preserve (p->cr);
  remora_paint_set_color (p->cr, wake);
  cairo_set_line_width (p->cr, 1.2);
  cairo_stroke (p->cr);
  /* the arrow heads at the switches */
  for (guint i = 0; i < heads->len; i++)
    {
      const Head *h = &g_array_index (heads, Head, i);

      cairo_move_to (p->cr, h->x, h->y);
      cairo_line_to (p->cr, h->x - 7 * cos (h->angle - 0.4), h->y - 7 * sin (h->angle - 0.4));
      cairo_line_to (p->cr, h->x - 7 * cos (h->angle + 0.4), h->y - 7 * sin (h->angle + 0.4));
      cairo_close_path (p->cr);
    }
  cairo_fill (p->cr);
  cairo_restore (p->cr);

  /* a block request: a tick on the issuing CPU's row at its issue and one
   * on the completing CPU's at its completion (its box is in its device's
   * row) */
  for (guint i = 0; spans && i < spans->len; i++)
    {
      const RemoraBlockLink *b = &g_array_index (spans, RemoraBlockLink, i);
      double                 y0 = cpu_row_y (p, row_y, row_h, b->issue_cpu);
      double                 y1 = cpu_row_y (p, row_y, row_h, b->complete_cpu);

      if (!keeps_link (p, b->issue_event_id, b->complete_event_id, b->pid))
        continue;
      if (y0 >= 0)
        cairo_rectangle (p->cr, round (remora_paint_x_of (p, b->issue_ts)) - 1, y0 - row_h / 2, 2,
                         row_h);
      if (y1 >= 0)
        cairo_rectangle (p->cr, round (remora_paint_x_of (p, b->complete_ts)) - 1, y1 - row_h / 2,
                         2, row_h);
    }
  remora_paint_set_color (p->cr, block);
  cairo_fill (p->cr);
}

/* The selected slice or event: a frame around it on its row, at least a few
 * pixels wide so that an event shows. */
void
remora_paint_selection (RemoraPaint *p, const double *row_y, double row_h)
{
  const RemoraSelection *s = &p->frame->selection;
  RemoraRgba             accent = { 0.10, 0.45, 0.90, 1 };
  double                 x0, x1, y, h;

  if (s->row < 0 || s->row >= (int) p->frame->n_rows)
    return;
  x0 = remora_paint_x_of (p, s->begin_ns);
  x1 = remora_paint_x_of (p, s->end_ns);
  if (x1 - x0 < 5)
    {
      double mid = (x0 + x1) / 2;
      x0 = mid - 2.5;
      x1 = mid + 2.5;
    }
  y = row_y[s->row];
  h = remora_paint_row_height (row_h, &p->frame->rows[s->row].spec);
  cairo_save (p->cr);
  remora_paint_set_color (p->cr, &accent);
  cairo_set_line_width (p->cr, 2);
  cairo_rectangle (p->cr, x0, y - 1, x1 - x0, h + 2);
  cairo_stroke_preserve (p->cr);
  cairo_set_source_rgba (p->cr, accent.r, accent.g, accent.b, 0.15);
  cairo_fill (p->cr);
  cairo_restore (p->cr);
}
