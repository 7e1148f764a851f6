/* remora-device-rows.c: a block device's row: its requests as boxes in
 * lanes, or, when too many to tell apart, the queue depth per column
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "remora-paint-private.h"

/* Where @ts lies in the row's column units (a preview's transform maps
 * them onto the plot). */
static double
column_x (const RemoraPaint *p, gint64 ts)
{
  const RemoraTimeRange *range = &p->frame->range;

  return p->plot_x + (double) (ts - range->begin_ns) * p->columns /
                         MAX (1, remora_time_range_get_duration (range));
}

/* Text over the row's plot, in the plot's own coordinates (a preview's
 * transform is undone for it). */
static void
row_note (RemoraPaint *p, const char *text, double x, double y, gboolean right)
{
  double w = remora_paint_text_width (text, p);

  cairo_save (p->cr);
  cairo_identity_matrix (p->cr);
  if (right)
    x -= w;
  remora_paint_set_color (p->cr, &p->theme->background);
  cairo_rectangle (p->cr, x - 3, y - 7, w + 6, 14);
  cairo_fill (p->cr);
  remora_paint_text (p, text, x, y, FALSE, &p->theme->dim);
  cairo_restore (p->cr);
}

static void
paint_depth (RemoraPaint *p, const RemoraFrameRow *row, double y, double h)
{
  const RemoraTheme *theme = p->theme;
  RemoraRgba         most = theme->block_link, fewest = theme->block_link;
  double             scale = (h - 2) / MAX (1, row->depth_peak);

  most.a = 0.35;
  fewest.a = 0.85;
  for (int c = 0; c < p->columns; c++)
    {
      double hi = round (row->depth_max[c] * scale), lo = round (row->depth_min[c] * scale);

      if (hi > lo)
        remora_paint_group_add (p, 0, &most, p->plot_x + c, y + h - hi, 1, hi - lo);
      if (lo > 0)
        remora_paint_group_add (p, 1, &fewest, p->plot_x + c, y + h - lo, 1, lo);
    }
  remora_paint_flush_row (p, y, h);
  if (!p->preview && row->depth_peak > 0)
    {
      /* Translators: the scale of a block device's row zoomed out: the most
       * requests in flight at once in the view */
      g_autofree char *text =
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d request in flight at most",
                                        "%d requests in flight at most", row->depth_peak),
                           row->depth_peak);
      row_note (p, text, p->plot_x + 4, y + 8, FALSE);
    }
}

static void
paint_boxes (RemoraPaint *p, const RemoraFrameRow *row, double y, double h)
{
  const RemoraTheme        *theme = p->theme;
  guint                     n;
  const RemoraBlockRequest *requests = remora_block_device_get_requests (row->device, &n);
  int                       lanes = MAX (1, row->lanes);
  double                    lane_h = floor ((h - (row->overflow ? 4 : 0)) / lanes);
  double                    plot_end = p->plot_x + p->columns;
  g_autoptr (GArray) overflow_x = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < row->boxes->len; i++)
    {
      const RemoraBlockRequest *r = &requests[g_array_index (row->boxes, guint, i)];
      double                    x0 = MAX (p->plot_x - 1, column_x (p, r->issue_ts));
      double                    x1 = MIN (plot_end + 1, column_x (p, r->end_ts));
      double                    ly = y + r->lane * lane_h;
      RemoraRgba                fill = theme->block_kinds[MIN (r->kind, REMORA_BLOCK_OTHER)];

      if (r->lane >= lanes)
        {
          g_array_append_val (overflow_x, x0);
          continue;
        }
      /* a box on whole pixels (the same drawn as pixels or as paths), at
       * least one wide */
      x0 = round (x0);
      x1 = MAX (x0 + 1, round (x1));
      /* never completed: lighter, open to the end */
      if (!(r->flags & REMORA_BLOCK_COMPLETED))
        fill.a = 0.5;
      remora_paint_group_add (p, MIN (r->kind, REMORA_BLOCK_OTHER) + (fill.a < 1 ? 5 : 0), &fill,
                              x0, ly + 1, x1 - x0, lane_h - 1);
      if (!p->preview && lane_h >= 11 && x1 - x0 > 30)
        {
          /* Translators: inside a block request's box: its first sector and
           * its size in sectors, as trace-cmd prints them */
          char      *text = g_strdup_printf (_ ("%lld + %d"), (long long) r->sector, r->nr_sector);
          RemoraRgba ink = remora_theme_text_on (theme, &fill);

          if (remora_paint_text_width (text, p) + 6 <= x1 - x0)
            remora_paint_label_add (p, text, MAX (x0, p->plot_x), ly + 1,
                                    MIN (x1, plot_end) - MAX (x0, p->plot_x), lane_h - 1, &ink);
          else
            g_free (text);
        }
    }
  /* the overflow: a mark along the bottom where each request lies */
  for (guint i = 0; i < overflow_x->len; i++)
    remora_paint_group_add (p, 10, &theme->foreground,
                            floor (g_array_index (overflow_x, double, i)), y + h - 3, 1, 3);
  remora_paint_flush_row (p, y, h);
  if (row->overflow > 0 && !p->preview)
    {
      /* Translators: on a block device's row: requests in flight beyond the
       * lanes it shows (marked along its bottom) */
      g_autofree char *text = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "+%u more in flight", "+%u more in flight", row->overflow),
          row->overflow);
      row_note (p, text, plot_end - 4, y + h - 9, TRUE);
    }
}

void
remora_paint_device_row (RemoraPaint *p, const RemoraFrameRow *row, double y, double h)
{
  if (row->device == NULL)
    {
      if (!p->preview)
        row_note (p, _ ("no block requests"), p->plot_x + 8, y + h / 2, FALSE);
      return;
    }
  if (row->boxes != NULL)
    paint_boxes (p, row, y, h);
  else if (row->depth_max != NULL)
    paint_depth (p, row, y, h);
}
