/* remora-cpu-rows.c: a CPU row: who ran, idle, events, lost events
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "remora-paint-private.h"

void
remora_paint_cpu_row (RemoraPaint *p, const RemoraFrameRow *row, double y, double h)
{
  const RemoraCpuColumn *cols = row->cpu_columns;
  const RemoraTheme     *theme = p->theme;
  int                    width = p->columns;
  gboolean               cpu_left_out = remora_paint_leaves_out (p, row->spec.id, -1);

  for (int c = 0; c < width;)
    {
      int end = c + 1;
      /* a run of columns showing the same task */
      while (end < width && cols[end].pid == cols[c].pid)
        end++;
      if (cols[c].pid >= 0 && (cpu_left_out || remora_paint_leaves_out (p, -1, cols[c].pid)))
        {
          /* what a filter applied to the timeline leaves out: grey, unnamed,
           * or not drawn when the user asked so */
          if (!p->frame->hide_left_out)
            remora_paint_group_add (p, REMORA_GROUP_LEFT_OUT, &theme->left_out, p->plot_x + c, y,
                                    end - c, h);
        }
      else if (cols[c].pid >= 0)
        {
          int        index = remora_theme_task_color_index (cols[c].pid);
          RemoraRgba fill = remora_theme_task_color_at (theme, index);
          remora_paint_group_add (p, index, &fill, p->plot_x + c, y, end - c, h);
          if (end - c > REMORA_FRAME_NAMED_RUN && h >= 12 && !p->preview)
            {
              /* its name in the middle of the run */
              gint64      at = cols[c].begin_ns + (cols[end - 1].end_ns - cols[c].begin_ns) / 2;
              const char *comm = remora_frame_get_task_name (p->frame, cols[c].pid, at);
              char       *name = g_strdup_printf ("%s-%d", comm, cols[c].pid);
              RemoraRgba  ink = remora_theme_text_on (theme, &fill);
              if (remora_paint_text_width (name, p) + 6 > end - c)
                g_free (name), name = g_strdup (comm);
              if (remora_paint_text_width (name, p) + 6 <= end - c)
                remora_paint_label_add (p, name, p->plot_x + c, y, end - c, h, &ink);
              else
                g_free (name);
            }
        }
      else if (cols[c].events > 0 || cols[c].busy_ns == 0)
        {
          /* idle: a low band, so busy and idle read apart in grey scale too */
          remora_paint_group_add (p, REMORA_GROUP_IDLE, &theme->idle, p->plot_x + c,
                                  y + round (h * 0.65), end - c, h - round (h * 0.65));
        }
      c = end;
    }
  /* idle while a block request was in flight: the idle band tinted, the
   * deeper the more of the column it was */
  if (row->idle_io != NULL)
    for (int c = 0; c < width; c++)
      if (row->idle_io[c] > 0)
        {
          int        k = CLAMP ((int) (row->idle_io[c] * 4), 0, 3);
          RemoraRgba tint = theme->idle_io;

          tint.a = 0.4 + 0.2 * k;
          remora_paint_group_add (p, REMORA_GROUP_IDLE_IO (k), &tint, p->plot_x + c,
                                  y + round (h * 0.65), 1, h - round (h * 0.65));
        }
  /* events: ticks along the bottom */
  {
    /* a filter's events stand out: its matches are what was asked for */
    gboolean filtered = p->frame->mask != NULL;
    int      tick = filtered ? MAX (3, (int) round (h * 0.4)) : 2;

    remora_paint_add_marks (p, REMORA_GROUP_TICKS, filtered ? &theme->foreground : &theme->dim,
                            &cols[0].events, sizeof *cols, 0, y + h - tick, tick);
  }
  /* several tasks in one column: a dark notch on top */
  {
    RemoraRgba notch = { 0, 0, 0, theme->dark ? 0.6 : 0.45 };
    remora_paint_add_marks (p, REMORA_GROUP_NOTCHES, &notch, &cols[0].n_tasks, sizeof *cols, 1, y,
                            MAX (2, round (h * 0.18)));
  }
  remora_paint_flush_row (p, y, h);
  for (int c = 0; c < width; c++)
    if (cols[c].lost > 0)
      {
        cairo_move_to (p->cr, p->plot_x + c + 0.5, y + 5);
        cairo_line_to (p->cr, p->plot_x + c - 3.5, y - 1);
        cairo_line_to (p->cr, p->plot_x + c + 4.5, y - 1);
        cairo_close_path (p->cr);
      }
  remora_paint_set_color (p->cr, &theme->lost);
  cairo_fill (p->cr);
  remora_paint_no_data (p, row->data_end_ns, y, h);
}

/**
 * remora_paint_no_data:
 * @p: the painting
 * @from_ns: where a row's data ends
 * @y: the row's top
 * @h: its height
 *
 * Hatches the row from @from_ns on, over what was drawn there, with "no
 * data" written in it when it is wide enough: a CPU whose data a trace cut
 * short lacks is not idle there, it is unknown.
 */
void
remora_paint_no_data (RemoraPaint *p, gint64 from_ns, double y, double h)
{
  const RemoraTheme     *theme = p->theme;
  const RemoraTimeRange *range = &p->frame->range; /* the rows' columns are its */
  double                 x0, x1 = p->plot_x + p->columns;

  if (from_ns >= range->end_ns)
    return;
  x0 = from_ns <= range->begin_ns ? p->plot_x
                                  : p->plot_x + (double) (from_ns - range->begin_ns) * p->columns /
                                                    MAX (1, remora_time_range_get_duration (range));
  if (x1 - x0 < 1)
    return;
  cairo_save (p->cr);
  cairo_rectangle (p->cr, x0, y, x1 - x0, h);
  cairo_clip (p->cr);
  remora_paint_set_color (p->cr, &theme->background);
  cairo_paint (p->cr);
  remora_paint_set_color (p->cr, &theme->dim);
  cairo_set_line_width (p->cr, 1);
  /* diagonal hatching, fixed to the plot so that panning does not shimmer */
  for (double x = x0 - fmod (x0 - p->plot_x, 8) - h; x < x1; x += 8)
    {
      cairo_move_to (p->cr, x, y + h);
      cairo_line_to (p->cr, x + h, y);
    }
  cairo_stroke (p->cr);
  if (x1 - x0 > 80 && h >= 12 && !p->preview)
    {
      /* Translators: a stretch of a CPU row that the trace has no records of */
      const char *text = _ ("no data");
      double      w = remora_paint_text_width (text, p) + 8;
      double      cx = x0 + (x1 - x0) / 2;

      remora_paint_set_color (p->cr, &theme->background);
      cairo_rectangle (p->cr, cx - w / 2, y + 1, w, h - 2);
      cairo_fill (p->cr);
      remora_paint_text (p, text, cx, y + h / 2, TRUE, &theme->dim);
    }
  cairo_restore (p->cr);
}
