/* remora-task-rows.c: a task row: its states, where it ran, its events
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
remora_paint_task_row (RemoraPaint *p, const RemoraFrameRow *row, double y, double h)
{
  const RemoraTaskColumn *cols = row->task_columns;
  const RemoraTheme      *theme = p->theme;
  int                     width = p->columns;
  /* heights per state: running full, waiting and blocked tall, asleep low */
  static const double heights[REMORA_TASK_N_STATES] = { 0, 1.0, 0.7, 0.3, 0.7, 0.3 };
  /* running in the task's own colour, as on its CPU's row */
  RemoraRgba running = remora_theme_task_color (theme, row->spec.id);
  /* a task a filter applied to the timeline leaves out: grey, unnamed */
  gboolean left_out = remora_paint_leaves_out (p, -1, row->spec.id);
  for (int c = 0; c < width;)
    {
      int    end = c + 1;
      int    state = cols[c].state;
      double bh = round (h * heights[state]);

      while (end < width && (int) cols[end].state == state &&
             (state != REMORA_TASK_STATE_RUNNING || cols[end].cpu == cols[c].cpu))
        end++;
      if (state != REMORA_TASK_STATE_UNKNOWN)
        {
          const RemoraRgba *fill =
              state == REMORA_TASK_STATE_RUNNING ? &running : &theme->states[state];
          /* left out: grey, or not drawn when the user asked so */
          if (left_out && !p->frame->hide_left_out)
            remora_paint_group_add (p, REMORA_GROUP_LEFT_OUT, &theme->left_out, p->plot_x + c,
                                    y + h - bh, end - c, bh);
          else if (!left_out)
            remora_paint_group_add (p, REMORA_GROUP_STATE (state), fill, p->plot_x + c, y + h - bh,
                                    end - c, bh);
          if (state == REMORA_TASK_STATE_RUNNING && end - c > 40 && h >= 12 && !p->preview &&
              !left_out)
            {
              /* Translators: where a task ran, drawn inside its run */
              char      *text = g_strdup_printf (_ ("CPU %d"), cols[c].cpu);
              RemoraRgba ink = remora_theme_text_on (theme, fill);
              if (remora_paint_text_width (text, p) + 6 <= end - c)
                remora_paint_label_add (p, text, p->plot_x + c, y, end - c, h, &ink);
              else
                g_free (text);
            }
        }
      c = end;
    }
  /* event ticks along the bottom */
  {
    /* a filter's events stand out: its matches are what was asked for */
    gboolean filtered = p->frame->mask != NULL;
    int      tick = filtered ? MAX (3, (int) round (h * 0.4)) : 2;

    remora_paint_add_marks (p, REMORA_GROUP_TICKS, filtered ? &theme->foreground : &theme->dim,
                            &cols[0].events, sizeof *cols, 0, y + h - tick, tick);
  }
  remora_paint_flush_row (p, y, h);
}
