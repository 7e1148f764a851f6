/* remora-latency-plot.h: a histogram or a scatter plot of latencies, on any
 * cairo surface
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

#include "remora-model.h"
#include "remora-theme.h"

G_BEGIN_DECLS

typedef enum
{
  REMORA_LATENCY_PLOT_HISTOGRAM,
  REMORA_LATENCY_PLOT_SCATTER,
} RemoraLatencyPlotKind;

/**
 * RemoraLatencyPlotStyle:
 * @width: in logical pixels
 * @height: likewise
 * @theme: the colours
 * @title_block: whether a title and a line saying what is plotted go on top
 * @title: (nullable): the title (the trace's name when %NULL)
 * @subtitle: (nullable): the line under it (the trace, range and filters)
 * @range: for a scatter plot, the time across it
 * @origin_ns: what its times count from (the trace's start, or 0)
 *
 * How a latency plot is drawn.
 */
typedef struct
{
  int                width;
  int                height;
  const RemoraTheme *theme;
  gboolean           title_block;
  const char        *title;
  const char        *subtitle;
  RemoraTimeRange    range;
  gint64             origin_ns;
} RemoraLatencyPlotStyle;

void     remora_latency_plot_style_init (RemoraLatencyPlotStyle *style);
gboolean remora_latency_plot_paint (const RemoraLatencyTable     *table,
                                    const GArray                 *rows,
                                    RemoraLatencyPlotKind         kind,
                                    const RemoraLatencyPlotStyle *style,
                                    cairo_t                      *cr,
                                    GError                      **error);

G_END_DECLS
