/* remora-timeline-renderer.c: a frame painted onto any cairo surface
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-timeline-renderer.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "remora-axis.h"
#include "remora-paint-private.h"

G_DEFINE_QUARK (remora_render_error, remora_render_error)

/**
 * remora_timeline_style_init:
 * @style: (out caller-allocates): a style
 *
 * 1280 × 600, the light theme, times from the trace's start, no title block.
 */
void
remora_timeline_style_init (RemoraTimelineStyle *style)
{
  memset (style, 0, sizeof *style);
  style->width = 1280;
  style->height = 600;
  style->theme = remora_theme_get (FALSE);
}

/**
 * remora_timeline_get_columns:
 * @style: a style
 *
 * Returns: how many pixel columns the rows have at the style's width: the
 *   columns to ask a frame for.
 */
int
remora_timeline_get_columns (const RemoraTimelineStyle *style)
{
  return MAX (1, style->width - REMORA_PAINT_LABEL_WIDTH - REMORA_PAINT_RIGHT_MARGIN);
}

/**
 * remora_timeline_get_plot_x:
 * @style: a style
 *
 * Returns: where the rows' plot begins, in logical pixels from the left
 *   (the row labels are before it): column c of a frame painted over its
 *   own range lies at this plus c.
 */
double
remora_timeline_get_plot_x (const RemoraTimelineStyle *style)
{
  return REMORA_PAINT_LABEL_WIDTH;
}

/**
 * remora_timeline_get_height_for_rows:
 * @title_block: whether the picture has a title block
 * @n_rows: how many rows' heights (remora_rows_units(): a device's row
 *   takes three)
 *
 * Returns: a height that fits @n_rows rows of the usual size.
 */
int
remora_timeline_get_height_for_rows (gboolean title_block, guint n_rows)
{
  return (title_block ? REMORA_PAINT_TITLE_HEIGHT + REMORA_PAINT_LEGEND_HEIGHT : 0) +
         REMORA_PAINT_AXIS_HEIGHT + 10 + (int) n_rows * 26;
}

static void
paint_axis (RemoraPaint *p, double y)
{
  const RemoraTheme *theme = p->theme;
  gint64             origin = p->style->absolute_time ? 0 : p->frame->info->first_ts;
  g_autoptr (GArray) ticks =
      remora_axis_ticks (&p->view, p->plot_w, origin, 12, remora_paint_text_width, p, NULL);

  /* the labels stay inside the picture */
  remora_axis_place_labels (ticks, -REMORA_PAINT_LABEL_WIDTH / 2.0, p->style->width - 2 - p->plot_x,
                            12, remora_paint_text_width, p);
  for (guint i = 0; i < ticks->len; i++)
    {
      RemoraAxisTick *t = &g_array_index (ticks, RemoraAxisTick, i);
      double          x = p->plot_x + t->x;

      if (t->show_label)
        remora_paint_text (p, t->label, p->plot_x + t->label_x,
                           y + REMORA_PAINT_AXIS_HEIGHT / 2.0 - 3, FALSE, &theme->dim);
      remora_paint_set_color (p->cr, &theme->grid);
      cairo_rectangle (p->cr, floor (x), y + REMORA_PAINT_AXIS_HEIGHT - 5, 1, p->style->height);
      cairo_fill (p->cr);
    }
}

static char *
row_label (RemoraPaint *p, const RemoraRowSpec *row)
{
  const char *buffer;

  if (row->label)
    return g_strdup (row->label);
  if (row->kind == REMORA_ROW_DEVICE)
    /* Translators: a block device's row: its MAJOR,MINOR numbers, as trace-cmd prints them */
    return g_strdup_printf (_ ("Device %d,%d"), REMORA_BLOCK_DEV_MAJOR (row->id),
                            REMORA_BLOCK_DEV_MINOR (row->id));
  if (row->kind == REMORA_ROW_TASK)
    /* its name in the middle of the view */
    return g_strdup_printf ("%s-%d",
                            remora_frame_get_task_name (
                                p->frame, row->id, remora_time_range_get_middle (&p->frame->range)),
                            row->id);
  buffer = remora_trace_info_get_buffer_name (p->frame->info, row->buffer_id);
  return buffer && buffer[0]
             /* Translators: a CPU row's label in an instance buffer: buffer name, CPU number */
             ? g_strdup_printf (_ ("%s: CPU %d"), buffer, row->id)
             /* Translators: a CPU row's label */
             : g_strdup_printf (_ ("CPU %d"), row->id);
}

/* The rows' bodies. A frame painted over its own range at its own width
 * lands column for column on the plot's pixels; over another range or width
 * (a preview while the next frame is answered) its columns are moved and
 * stretched to where their times now lie, without the names inside slices. */
static void
paint_rows (RemoraPaint *p, const double *row_y, double row_h)
{
  const RemoraFrame *frame = p->frame;
  double             plot_w = p->plot_w;

  if (p->preview)
    {
      double k = plot_w / MAX (1, remora_time_range_get_duration (&p->view));
      double a = (double) (frame->range.begin_ns - p->view.begin_ns) * k;
      double per_column =
          (double) remora_time_range_get_duration (&frame->range) / frame->columns * k;

      /* a frame much wider or narrower than the view says too little of
       * it: the rows wait for their own frame */
      if (!(per_column <= 16 && per_column >= 1.0 / 16))
        return;
      cairo_save (p->cr);
      cairo_rectangle (p->cr, p->plot_x, 0, plot_w, p->style->height);
      cairo_clip (p->cr);
      cairo_translate (p->cr, p->plot_x + a, 0);
      cairo_scale (p->cr, MAX (per_column, 1e-6), 1);
      cairo_translate (p->cr, -p->plot_x, 0);
      p->plot_w = frame->columns;
    }
  for (guint i = 0; i < frame->n_rows; i++)
    {
      const RemoraFrameRow *row = &frame->rows[i];

      if (row->unreadable)
        {
          /* across the plot (a preview's transform is undone for text) */
          cairo_save (p->cr);
          cairo_identity_matrix (p->cr);
          remora_paint_text (p, _ ("cannot be read: the store is damaged"), p->plot_x + 8,
                             row_y[i] + row_h / 2, FALSE, &p->theme->dim);
          cairo_restore (p->cr);
        }
      else if (row->spec.kind == REMORA_ROW_CPU)
        remora_paint_cpu_row (p, row, row_y[i], row_h);
      else if (row->spec.kind == REMORA_ROW_TASK)
        remora_paint_task_row (p, row, row_y[i], row_h);
      else
        remora_paint_device_row (p, row, row_y[i], remora_paint_row_height (row_h, &row->spec));
    }
  if (p->preview)
    {
      p->plot_w = plot_w;
      cairo_restore (p->cr);
    }
}

/* The rows' layout: where the first row begins (below the title, the axis
 * and the markers' strip), and how high each row is. */
static void
rows_layout (const RemoraTimelineStyle *style,
             guint                      units,
             gboolean                   markers,
             double                    *axis_y,
             double                    *marker_y,
             double                    *top,
             double                    *row_h)
{
  double rows_h;

  *top = style->title_block ? REMORA_PAINT_TITLE_HEIGHT : 0;
  *axis_y = *top;
  *top += REMORA_PAINT_AXIS_HEIGHT;
  *marker_y = *top;
  if (markers)
    *top += REMORA_PAINT_MARKER_HEIGHT;
  rows_h = style->height - *top - (style->title_block ? REMORA_PAINT_LEGEND_HEIGHT : 0);
  *row_h = units > 0 ? CLAMP (floor (rows_h / units) - REMORA_PAINT_ROW_GAP, REMORA_PAINT_MIN_ROW,
                              REMORA_PAINT_MAX_ROW)
                     : REMORA_PAINT_MAX_ROW;
}

/* The top of the row that begins @units rows' heights down. */
static double
row_top (double top, double row_h, guint units)
{
  return top + units * (row_h + REMORA_PAINT_ROW_GAP) + 3;
}

static guint
frame_units (const RemoraFrame *frame, guint n)
{
  guint units = 0;

  for (guint i = 0; i < n; i++)
    units += REMORA_ROW_UNITS (frame->rows[i].spec.kind);
  return units;
}

/**
 * remora_timeline_get_row_box:
 * @style: the style @frame is painted with
 * @frame: a frame
 * @row: one of its rows
 * @top: (out): where the row is painted, in logical pixels from the top
 * @height: (out): how high
 *
 * Returns: %FALSE when @frame has no such row.
 */
gboolean
remora_timeline_get_row_box (const RemoraTimelineStyle *style,
                             const RemoraFrame         *frame,
                             int                        row,
                             double                    *top,
                             double                    *height)
{
  double axis_y, marker_y, rows_top, row_h;

  if (row < 0 || row >= (int) frame->n_rows)
    return FALSE;
  rows_layout (style, frame_units (frame, frame->n_rows), frame->markers->len > 0, &axis_y,
               &marker_y, &rows_top, &row_h);
  *top = row_top (rows_top, row_h, frame_units (frame, (guint) row));
  *height = remora_paint_row_height (row_h, &frame->rows[row].spec);
  return TRUE;
}

/**
 * remora_timeline_get_row_at:
 * @style: the style a frame is painted with
 * @frame: the frame
 * @y: a height, in logical pixels from the top
 *
 * Returns: the row painted at @y, or -1 outside every row.
 */
int
remora_timeline_get_row_at (const RemoraTimelineStyle *style, const RemoraFrame *frame, double y)
{
  double axis_y, marker_y, top, row_h;
  guint  units = 0;

  rows_layout (style, frame_units (frame, frame->n_rows), frame->markers->len > 0, &axis_y,
               &marker_y, &top, &row_h);
  for (guint i = 0; i < frame->n_rows; i++)
    {
      double y0 = row_top (top, row_h, units);

      if (y >= y0 && y < y0 + remora_paint_row_height (row_h, &frame->rows[i].spec))
        return (int) i;
      units += REMORA_ROW_UNITS (frame->rows[i].spec.kind);
    }
  return -1;
}

/**
 * remora_timeline_get_rows_top:
 * @style: the style a frame is painted with
 * @markers: whether it has markers
 *
 * Returns: where the rows begin, in logical pixels from the top: above them
 *   are the title block, the time axis and the markers' strip.
 */
double
remora_timeline_get_rows_top (const RemoraTimelineStyle *style, gboolean markers)
{
  double axis_y, marker_y, top, row_h;

  rows_layout (style, 1, markers, &axis_y, &marker_y, &top, &row_h);
  return top;
}

/* What painting a frame in two parts shares: the layout. */
typedef struct
{
  RemoraPaint p;
  double      top, row_h, marker_y, axis_y;
  double     *row_y;
} Painting;

static void
painting_begin (Painting                  *g,
                const RemoraFrame         *frame,
                const RemoraTimeRange     *view,
                const RemoraTimelineStyle *style,
                cairo_t                   *cr)
{
  RemoraPaint *p = &g->p;
  int          n = (int) frame->n_rows;

  memset (g, 0, sizeof *g);
  p->frame = frame;
  p->style = style;
  p->theme = style->theme;
  p->view = view ? *view : frame->range;
  p->cr = cr;
  remora_paint_texts_begin (p);
  p->labels = g_array_new (FALSE, FALSE, sizeof (RemoraPaintLabel));
  /* an image (a window's frame, a PNG): rows rasterized by hand; vector
   * surfaces (SVG, PDF) get rectangles */
  p->raster = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;
  p->plot_x = REMORA_PAINT_LABEL_WIDTH;
  p->plot_w = remora_timeline_get_columns (style);
  p->columns = frame->columns;
  p->preview =
      frame->columns != (int) p->plot_w || !remora_time_range_equal (&p->view, &frame->range);

  /* the layout */
  rows_layout (style, frame_units (frame, (guint) n), frame->markers->len > 0, &g->axis_y,
               &g->marker_y, &g->top, &g->row_h);
  g->row_y = g_new0 (double, MAX (1, n));
  for (int i = 0; i < n; i++)
    g->row_y[i] = row_top (g->top, g->row_h, frame_units (frame, (guint) i));
}

static gboolean
painting_end (Painting *g, GError **error)
{
  cairo_t *cr = g->p.cr;

  remora_paint_clear (&g->p);
  g_free (g->row_y);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, REMORA_RENDER_ERROR, REMORA_RENDER_ERROR_CAIRO,
                   _ ("Failed to draw the timeline: %s"),
                   cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  return TRUE;
}

/**
 * remora_timeline_paint_chrome:
 * @frame: what to paint: a complete frame, or one still being answered
 *   (remora_frame_job_get_frame())
 * @view: (nullable): the time range across the plot, as for
 *   remora_timeline_paint()
 * @style: how
 * @cr: where
 * @error: a location for a #GError
 *
 * Paints what does not depend on the rows' columns: the background, the
 * title block, the time axis, the rows' backgrounds and labels. With
 * remora_timeline_paint_body() after it, the same picture as
 * remora_timeline_paint(); a caller that answers frames itself paints this
 * part while the rows are answered.
 *
 * Returns: %TRUE on success.
 */
gboolean
remora_timeline_paint_chrome (const RemoraFrame         *frame,
                              const RemoraTimeRange     *view,
                              const RemoraTimelineStyle *style,
                              cairo_t                   *cr,
                              GError                   **error)
{
  Painting           g;
  RemoraPaint       *p = &g.p;
  const RemoraTheme *theme = style->theme;

  painting_begin (&g, frame, view, style, cr);
  remora_paint_set_color (cr, &theme->background);
  cairo_paint (cr);
  if (style->title_block)
    remora_paint_title (p);
  paint_axis (p, g.axis_y);
  for (guint i = 0; i < frame->n_rows; i++)
    {
      g_autofree char *label = row_label (p, &frame->rows[i].spec);
      double           h = remora_paint_row_height (g.row_h, &frame->rows[i].spec);

      if (i % 2)
        {
          remora_paint_set_color (cr, &theme->row_alt);
          cairo_rectangle (cr, 0, g.row_y[i] - REMORA_PAINT_ROW_GAP / 2.0, style->width,
                           h + REMORA_PAINT_ROW_GAP);
          cairo_fill (cr);
        }
      cairo_save (cr);
      cairo_rectangle (cr, 4, g.row_y[i], REMORA_PAINT_LABEL_WIDTH - 10, h);
      cairo_clip (cr);
      remora_paint_text (p, label, 6, g.row_y[i] + h / 2, FALSE, &theme->foreground);
      cairo_restore (cr);
    }
  return painting_end (&g, error);
}

/**
 * remora_timeline_paint_body:
 * @frame: a complete frame
 * @view: (nullable): as for remora_timeline_paint_chrome()
 * @style: how
 * @cr: where, after remora_timeline_paint_chrome()
 * @error: a location for a #GError
 *
 * Paints the rows' columns, the legend, the links, the selection and the
 * markers over what remora_timeline_paint_chrome() painted.
 *
 * Returns: %TRUE on success.
 */
gboolean
remora_timeline_paint_body (const RemoraFrame         *frame,
                            const RemoraTimeRange     *view,
                            const RemoraTimelineStyle *style,
                            cairo_t                   *cr,
                            GError                   **error)
{
  Painting     g;
  RemoraPaint *p = &g.p;

  painting_begin (&g, frame, view, style, cr);
  paint_rows (p, g.row_y, g.row_h);
  if (style->title_block)
    remora_paint_legend (p, style->height - REMORA_PAINT_LEGEND_HEIGHT);
  /* links, the selection and markers stay inside the plot */
  cairo_save (cr);
  cairo_rectangle (cr, p->plot_x, 0, p->plot_w, style->height);
  cairo_clip (cr);
  remora_paint_links (p, g.row_y, g.row_h);
  remora_paint_selection (p, g.row_y, g.row_h);
  remora_paint_markers (p, g.marker_y,
                        row_top (g.top, g.row_h, frame_units (frame, frame->n_rows)));
  cairo_restore (cr);
  return painting_end (&g, error);
}

/**
 * remora_timeline_paint:
 * @frame: what to paint
 * @view: (nullable): the time range across the plot; %NULL for the frame's
 *   own (another range paints a preview of @frame moved and stretched to it)
 * @style: how
 * @cr: where: any cairo context (image, SVG, PDF, a widget's)
 * @error: a location for a #GError
 *
 * Paints @frame in logical pixels; scale @cr for HiDPI. Reads nothing: what
 * it paints is all in @frame, so any thread may paint it while the next
 * frame is answered.
 *
 * Returns: %TRUE on success.
 */
gboolean
remora_timeline_paint (const RemoraFrame         *frame,
                       const RemoraTimeRange     *view,
                       const RemoraTimelineStyle *style,
                       cairo_t                   *cr,
                       GError                   **error)
{
  return remora_timeline_paint_chrome (frame, view, style, cr, error) &&
         remora_timeline_paint_body (frame, view, style, cr, error);
}

/**
 * remora_timeline_get_request_at:
 * @style: the style @frame is painted with
 * @frame: a frame
 * @row: one of its rows, a device's
 * @x: a place in the picture, in logical pixels
 * @y: likewise
 *
 * Returns: the id (a row of `block_requests`) of the request whose box is
 *   painted at (@x, @y), within 2 pixels across, or -1.
 */
gint64
remora_timeline_get_request_at (
    const RemoraTimelineStyle *style, const RemoraFrame *frame, int row, double x, double y)
{
  const RemoraFrameRow     *r;
  const RemoraBlockRequest *requests;
  double                    top, h, lane_h, plot_x = REMORA_PAINT_LABEL_WIDTH;
  double                    per_ns;
  gint64                    best = -1;
  double                    best_away = 3;
  guint                     n;
  int                       lane;

  if (!remora_timeline_get_row_box (style, frame, row, &top, &h))
    return -1;
  r = &frame->rows[row];
  if (r->spec.kind != REMORA_ROW_DEVICE || r->device == NULL || r->boxes == NULL)
    return -1;
  lane_h = floor ((h - (r->overflow ? 4 : 0)) / MAX (1, r->lanes));
  lane = (int) floor ((y - top) / lane_h);
  if (lane < 0 || lane >= r->lanes)
    return -1;
  per_ns = (double) frame->columns / MAX (1, remora_time_range_get_duration (&frame->range));
  requests = remora_block_device_get_requests (r->device, &n);
  for (guint i = 0; i < r->boxes->len; i++)
    {
      const RemoraBlockRequest *q = &requests[g_array_index (r->boxes, guint, i)];
      double x0 = round (plot_x + (double) (q->issue_ts - frame->range.begin_ns) * per_ns);
      double x1 =
          MAX (x0 + 1, round (plot_x + (double) (q->end_ts - frame->range.begin_ns) * per_ns));
      double away = x < x0 ? x0 - x : x >= x1 ? x - x1 + 1 : 0;

      if (q->lane == lane && away < best_away)
        {
          best_away = away;
          best = q->id;
        }
    }
  return best;
}
