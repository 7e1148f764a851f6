/* remora-title.c: an export's title block and legend
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "remora-paint-private.h"

/* The title block of an export: a title, then the trace, the range, the
 * kernel and the host. */
void
remora_paint_title (RemoraPaint *p)
{
  const RemoraTraceInfo *info = p->frame->info;
  g_autofree char       *base =
      info->source_path ? g_path_get_basename (info->source_path) : g_strdup ("");
  g_autofree char *host = remora_trace_info_dup_host (info);
  g_autofree char *from = remora_format_timestamp (p->view.begin_ns - info->first_ts);
  g_autofree char *to = remora_format_timestamp (p->view.end_ns - info->first_ts);
  g_autofree char *span = remora_format_duration (remora_time_range_get_duration (&p->view));
  g_autofree char *line = NULL;

  remora_paint_set_font (p, "DejaVu Sans Bold 12");
  remora_paint_text (p, p->style->title ? p->style->title : base, 10, 14, FALSE,
                     &p->theme->foreground);
  remora_paint_set_font (p, p->theme->font);
  /* Translators: the line under an export's title: trace file, time range
   * from the trace's start, its length, kernel, host */
  line = g_strdup_printf (_ ("%s · %s s to %s s (%s) · Linux %s · host %s"), base, from, to, span,
                          info->kernel ? info->kernel : "?", host ? host : "?");
  remora_paint_text (p, line, 10, 34, FALSE, &p->theme->dim);
}

/* Whether an entry of the legend with @text, from @x, fits in the picture's
 * width: one that does not is left out, and those after it (a narrow
 * picture's legend is the kinds of slices and marks, then the links, as room
 * allows), rather than written past the picture's edge. */
static gboolean
legend_fits (RemoraPaint *p, double x, const char *text)
{
  return x + 18 + remora_paint_text_width (text, p) <= p->style->width - 4;
}

/* An entry of the legend: a swatch of @color and @text, at *@x, which moves
 * on; %FALSE when it does not fit. */
static gboolean
legend_swatch (RemoraPaint *p, double *x, double y, const RemoraRgba *color, const char *text)
{
  if (!legend_fits (p, *x, text))
    return FALSE;
  remora_paint_set_color (p->cr, color);
  cairo_rectangle (p->cr, *x, y + REMORA_PAINT_LEGEND_HEIGHT / 2.0 - 5, 12, 10);
  cairo_fill (p->cr);
  remora_paint_text (p, text, *x + 16, y + REMORA_PAINT_LEGEND_HEIGHT / 2.0, FALSE,
                     &p->theme->foreground);
  *x += 16 + remora_paint_text_width (text, p) + 18;
  return TRUE;
}

/* Whether a CPU row shows the tint of idle with I/O in flight. */
static gboolean
shows_idle_io (const RemoraPaint *p)
{
  for (guint i = 0; i < p->frame->n_rows; i++)
    {
      const RemoraFrameRow *row = &p->frame->rows[i];

      for (int c = 0; row->idle_io != NULL && c < p->frame->columns; c++)
        if (row->idle_io[c] > 0)
          return TRUE;
    }
  return FALSE;
}

/* The kinds of requests (bit k: RemoraBlockKind k) the device rows show
 * one by one, and bit REMORA_BLOCK_N_KINDS when one shows the depth. */
static guint
device_kinds (const RemoraPaint *p)
{
  guint kinds = 0;

  for (guint i = 0; i < p->frame->n_rows; i++)
    {
      const RemoraFrameRow     *row = &p->frame->rows[i];
      const RemoraBlockRequest *requests;
      guint                     n;

      if (row->device == NULL)
        continue;
      if (row->depth_max != NULL)
        kinds |= 1u << REMORA_BLOCK_N_KINDS;
      requests = remora_block_device_get_requests (row->device, &n);
      for (guint k = 0; row->boxes != NULL && k < row->boxes->len; k++)
        kinds |=
            1u << MIN (requests[g_array_index (row->boxes, guint, k)].kind, REMORA_BLOCK_OTHER);
    }
  return kinds;
}

void
remora_paint_legend (RemoraPaint *p, double y)
{
  const RemoraTheme *theme = p->theme;
  struct
  {
    RemoraRgba  color;
    const char *text;
  } items[] = {
    { theme->states[REMORA_TASK_STATE_RUNNING], N_ ("running (in the task’s colour)") },
    { theme->states[REMORA_TASK_STATE_RUNNABLE], N_ ("runnable") },
    { theme->states[REMORA_TASK_STATE_SLEEPING], N_ ("sleeping") },
    { theme->states[REMORA_TASK_STATE_BLOCKED], N_ ("blocked (D)") },
    { theme->states[REMORA_TASK_STATE_OTHER], N_ ("other") },
    { theme->idle, N_ ("idle CPU") },
    { theme->lost, N_ ("lost events") },
    /* Translators: the legend of the slices of tasks and CPUs that a filter leaves out */
    { theme->left_out, N_ ("left out by the filter") },
  };
  double x = 10;
  guint  n = G_N_ELEMENTS (items) - 1; /* the last only with such a filter */
  /* a filter applied to the timeline that names CPUs or tasks */
  const RemoraFilter *filter =
      p->frame->mask ? remora_event_mask_get_filter (p->frame->mask) : NULL;

  if (filter != NULL && (filter->cpus != NULL || filter->pids != NULL) && !p->frame->hide_left_out)
    n++;
  for (guint i = 0; i < n; i++)
    {
      if (!legend_swatch (p, &x, y, &items[i].color, _ (items[i].text)))
        return;
      /* after the idle CPU: the same, with block I/O in flight */
      if (i == 5 && shows_idle_io (p) &&
          /* Translators: the legend of the tint of an idle CPU while a block
           * request is in flight */
          !legend_swatch (p, &x, y, &theme->idle_io, _ ("idle CPU, I/O in flight")))
        return;
    }
  /* the kinds of block requests the device rows show, or their depth */
  {
    guint kinds = device_kinds (p);
    /* Translators: the legend of the kinds of block requests, by the colour
     * of their boxes in a device's row */
    static const char *const names[] = { N_ ("read"), N_ ("write"), N_ ("flush"), N_ ("discard"),
                                         N_ ("other I/O") };

    for (int k = 0; k < REMORA_BLOCK_N_KINDS; k++)
      if ((kinds & (1u << k)) && !legend_swatch (p, &x, y, &theme->block_kinds[k], _ (names[k])))
        return;
    /* Translators: the legend of a device's row zoomed out: how many
     * requests were in flight in each pixel column */
    if ((kinds & (1u << REMORA_BLOCK_N_KINDS)) &&
        !legend_swatch (p, &x, y, &theme->block_link, _ ("requests in flight")))
      return;
  }
  /* the links, when the picture has some: a wakeup's arrow, a block
   * request's span */
  if (p->frame->wakeup_links && p->frame->wakeup_links->len > 0)
    {
      /* Translators: the legend of the arrows from a wakeup to the switch
       * that ran the task */
      const char *text = _ ("wakeup → run");
      double      cy = y + REMORA_PAINT_LEGEND_HEIGHT / 2.0;

      if (!legend_fits (p, x, text))
        return;
      remora_paint_set_color (p->cr, &theme->wakeup_link);
      cairo_set_line_width (p->cr, 1.2);
      cairo_move_to (p->cr, x, cy + 4);
      cairo_line_to (p->cr, x + 11, cy - 3);
      cairo_stroke (p->cr);
      cairo_move_to (p->cr, x + 13, cy - 4.5);
      cairo_line_to (p->cr, x + 6.5, cy - 3.5);
      cairo_line_to (p->cr, x + 9.5, cy + 1);
      cairo_close_path (p->cr);
      cairo_fill (p->cr);
      remora_paint_text (p, text, x + 18, cy, FALSE, &theme->foreground);
      x += 18 + remora_paint_text_width (text, p) + 18;
    }
  if (p->frame->block_links && p->frame->block_links->len > 0)
    {
      /* Translators: the legend of the ticks on CPU rows where a block
       * request was issued and where it completed */
      const char *text = _ ("I/O issue, completion");
      double      cy = y + REMORA_PAINT_LEGEND_HEIGHT / 2.0;

      if (!legend_fits (p, x, text))
        return;
      remora_paint_set_color (p->cr, &theme->block_link);
      cairo_rectangle (p->cr, x + 2, cy - 6, 2, 12);
      cairo_rectangle (p->cr, x + 10, cy - 6, 2, 12);
      cairo_fill (p->cr);
      remora_paint_text (p, text, x + 18, cy, FALSE, &theme->foreground);
      x += 18 + remora_paint_text_width (text, p) + 18;
    }
  /* a trace cut short: what its hatching says, when a row shows it */
  for (guint i = 0; i < p->frame->n_rows; i++)
    if (p->frame->rows[i].data_end_ns < p->frame->range.end_ns)
      {
        /* Translators: the legend of a CPU row's stretch that the trace has no records of */
        const char *text = _ ("no data (the trace is cut short)");
        double      cy = y + REMORA_PAINT_LEGEND_HEIGHT / 2.0;

        if (!legend_fits (p, x, text))
          return;
        cairo_save (p->cr);
        cairo_rectangle (p->cr, x, cy - 5, 12, 10);
        cairo_clip (p->cr);
        remora_paint_set_color (p->cr, &theme->dim);
        cairo_set_line_width (p->cr, 1);
        for (double hx = x - 10; hx < x + 12; hx += 4)
          {
            cairo_move_to (p->cr, hx, cy + 5);
            cairo_line_to (p->cr, hx + 10, cy - 5);
          }
        cairo_stroke (p->cr);
        cairo_restore (p->cr);
        remora_paint_text (p, text, x + 16, cy, FALSE, &theme->foreground);
        break;
      }
}
