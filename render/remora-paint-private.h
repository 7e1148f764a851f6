/* remora-paint-private.h: what the painters of a timeline's layers share
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

/* a private header is the layer's inside: it may include the layer's
 * headers one by one (tests that include it are inside too) */
#ifndef REMORA_RENDER_COMPILATION
#define REMORA_RENDER_COMPILATION
#endif
#include "remora-markers.h"
#include "remora-model.h"
#include "remora-theme.h"
#include "remora-timeline-renderer.h"

G_BEGIN_DECLS

/* Layout, in logical pixels */
#define REMORA_PAINT_LABEL_WIDTH   150
#define REMORA_PAINT_AXIS_HEIGHT   26
#define REMORA_PAINT_TITLE_HEIGHT  46
#define REMORA_PAINT_LEGEND_HEIGHT 28
#define REMORA_PAINT_ROW_GAP       2
#define REMORA_PAINT_MAX_ROW       34
#define REMORA_PAINT_MIN_ROW       12
#define REMORA_PAINT_MARKER_HEIGHT 48
#define REMORA_PAINT_RIGHT_MARGIN  8

/* Rectangles of one colour waiting to be filled: a row's slices are
 * gathered by colour and each colour filled once, a few dozen fills per row
 * instead of one per slice (the pixels are the same: they do not overlap). */
#define REMORA_GROUP_IDLE       REMORA_THEME_TASK_COLORS
#define REMORA_GROUP_STATE(s)   (REMORA_THEME_TASK_COLORS + 1 + (s))
#define REMORA_GROUP_LEFT_OUT   REMORA_GROUP_STATE (REMORA_TASK_N_STATES)
#define REMORA_GROUP_IDLE_IO(k) (REMORA_GROUP_LEFT_OUT + 1 + (k)) /* k: 0 … 3, by share */
#define REMORA_GROUP_TICKS      REMORA_GROUP_IDLE_IO (4)
#define REMORA_GROUP_NOTCHES    (REMORA_GROUP_TICKS + 1)
#define REMORA_N_GROUPS         (REMORA_GROUP_NOTCHES + 1) /* filled in this order */

typedef struct
{
  RemoraRgba color;
  GArray    *boxes; /* cairo_rectangle_t */
} RemoraPaintGroup;

/* How high a row of @spec is, when a row of one unit is @row_h. */
static inline double
remora_paint_row_height (double row_h, const RemoraRowSpec *spec)
{
  int units = REMORA_ROW_UNITS (spec->kind);
  return units * row_h + (units - 1) * REMORA_PAINT_ROW_GAP;
}

/* A name drawn inside a slice, after the slices' fills. */
typedef struct
{
  char      *text;
  double     x, y, w, h; /* the slice it is centred in and clipped to */
  RemoraRgba ink;
} RemoraPaintLabel;

/* One painting of a frame. Rows are drawn in column units: column c of the
 * frame spans [col_x + c, col_x + c + 1) in the rows' coordinates, which a
 * preview (a frame painted over another range or width than it answered)
 * maps onto the plot with a transform. */
typedef struct
{
  const RemoraFrame         *frame;
  const RemoraTimelineStyle *style;
  const RemoraTheme         *theme;
  RemoraTimeRange            view; /* the range across the plot */
  cairo_t                   *cr;
  struct _RemoraPaintTexts  *texts; /* the thread's laid out texts (remora-paint.c) */
  const char                *font;  /* the font text is painted in now */
  double                     plot_x;
  double                     plot_w;
  int                        columns; /* the frame's */
  gboolean                   preview; /* rows transformed: no names inside slices */
  RemoraPaintGroup           groups[REMORA_N_GROUPS];
  GArray                    *labels; /* RemoraPaintLabel */
  gboolean                   raster; /* rows rasterized by hand: see remora_paint_flush_row() */
  cairo_surface_t           *band;   /* a row's plot, when raster */
} RemoraPaint;

void   remora_paint_set_color (cairo_t *cr, const RemoraRgba *c);
void   remora_paint_texts_begin (RemoraPaint *p);
void   remora_paint_set_font (RemoraPaint *p, const char *font);
double remora_paint_text_width (const char *text, gpointer paint);
void   remora_paint_text (
      RemoraPaint *p, const char *text, double x, double y, gboolean centre, const RemoraRgba *color);
double remora_paint_x_of (const RemoraPaint *p, gint64 ts);
void   remora_paint_no_data (RemoraPaint *p, gint64 from_ns, double y, double h);

/* remora-raster.c: a row's fills */
void remora_paint_group_add (
    RemoraPaint *p, int group, const RemoraRgba *color, double x, double y, double w, double h);
void remora_paint_label_add (
    RemoraPaint *p, char *text, double x, double y, double w, double h, const RemoraRgba *ink);
void remora_paint_add_marks (RemoraPaint      *p,
                             int               group,
                             const RemoraRgba *color,
                             const guint32    *first,
                             gsize             stride,
                             guint32           above,
                             double            y,
                             double            h);
void remora_paint_flush_row (RemoraPaint *p, double y, double h);
void remora_paint_clear (RemoraPaint *p);

/* one file per layer */
void     remora_paint_cpu_row (RemoraPaint *p, const RemoraFrameRow *row, double y, double h);
void     remora_paint_task_row (RemoraPaint *p, const RemoraFrameRow *row, double y, double h);
void     remora_paint_device_row (RemoraPaint *p, const RemoraFrameRow *row, double y, double h);
void     remora_paint_links (RemoraPaint *p, const double *row_y, double row_h);
void     remora_paint_selection (RemoraPaint *p, const double *row_y, double row_h);
void     remora_paint_markers (RemoraPaint *p, double strip_y, double bottom);
gboolean remora_paint_leaves_out (const RemoraPaint *p, int cpu, int pid);
void     remora_paint_title (RemoraPaint *p);
void     remora_paint_legend (RemoraPaint *p, double y);

G_END_DECLS
