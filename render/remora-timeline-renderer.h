/* remora-timeline-renderer.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_RENDER_INSIDE) && !defined(REMORA_RENDER_COMPILATION)
#error "Only <remora-render.h> can be included directly."
#endif

#include <cairo.h>

#include "remora-theme.h"

G_BEGIN_DECLS

#define REMORA_RENDER_ERROR (remora_render_error_quark ())

typedef enum
{
  REMORA_RENDER_ERROR_CAIRO,
  REMORA_RENDER_ERROR_FORMAT,
} RemoraRenderError;

GQuark remora_render_error_quark (void);

/**
 * RemoraTimelineStyle:
 * @width: the picture's width, in logical pixels
 * @height: its height, in logical pixels
 * @theme: the colours
 * @absolute_time: label times as recorded, not from the trace's start
 * @title_block: draw a title, the trace's description and a legend (exports)
 * @title: (nullable): the title; %NULL for the trace's file name
 *
 * How a frame is painted: the same frame and style paint the same picture in
 * the window and in an export.
 */
typedef struct
{
  int                width;
  int                height;
  const RemoraTheme *theme;
  gboolean           absolute_time;
  gboolean           title_block;
  const char        *title;
} RemoraTimelineStyle;

void   remora_timeline_style_init (RemoraTimelineStyle *style);
int    remora_timeline_get_columns (const RemoraTimelineStyle *style);
double remora_timeline_get_plot_x (const RemoraTimelineStyle *style);
double remora_timeline_get_rows_top (const RemoraTimelineStyle *style, gboolean markers);
int
remora_timeline_get_row_at (const RemoraTimelineStyle *style, const RemoraFrame *frame, double y);
gboolean remora_timeline_get_row_box (const RemoraTimelineStyle *style,
                                      const RemoraFrame         *frame,
                                      int                        row,
                                      double                    *top,
                                      double                    *height);
int      remora_timeline_get_height_for_rows (gboolean title_block, guint n_rows);
gint64   remora_timeline_get_request_at (
      const RemoraTimelineStyle *style, const RemoraFrame *frame, int row, double x, double y);
gboolean remora_timeline_paint_chrome (const RemoraFrame         *frame,
                                       const RemoraTimeRange     *view,
                                       const RemoraTimelineStyle *style,
                                       cairo_t                   *cr,
                                       GError                   **error);
gboolean remora_timeline_paint_body (const RemoraFrame         *frame,
                                     const RemoraTimeRange     *view,
                                     const RemoraTimelineStyle *style,
                                     cairo_t                   *cr,
                                     GError                   **error);
gboolean remora_timeline_paint (const RemoraFrame         *frame,
                                const RemoraTimeRange     *view,
                                const RemoraTimelineStyle *style,
                                cairo_t                   *cr,
                                GError                   **error);

guint64 remora_paint_texts_laid_out (void);

gboolean remora_overview_paint (const RemoraFrame         *frame,
                                const RemoraTimeRange     *visible,
                                const RemoraTimelineStyle *style,
                                cairo_t                   *cr,
                                GError                   **error);
void     remora_overview_paint_activity (const RemoraFrame         *frame,
                                         const RemoraTimelineStyle *style,
                                         cairo_t                   *cr);
void     remora_overview_paint_visible (const RemoraFrame         *frame,
                                        const RemoraTimeRange     *visible,
                                        const RemoraTimelineStyle *style,
                                        cairo_t                   *cr);

G_END_DECLS
