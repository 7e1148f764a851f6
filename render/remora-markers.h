/* remora-markers.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_RENDER_INSIDE) && !defined(REMORA_RENDER_COMPILATION)
#error "Only <remora-render.h> can be included directly."
#endif

#include "remora-axis.h"
#include "remora-model.h"

G_BEGIN_DECLS

#define REMORA_MARKER_FLAG_HEIGHT 15 /* a flag's height; two rows of flags */
#define REMORA_MARKER_ROW_GAP     2

/**
 * RemoraMarkerFlag:
 * @marker: the marker's index in the markers placed
 * @line_x: where its line is drawn
 * @x: where its flag begins
 * @w: the flag's width (the label's and 4 pixels on each side)
 * @row: the flag's row, 0 or 1
 * @label: the name as the flag shows it (shortened with an ellipsis when
 *   the whole name has no room); %NULL when the marker shows its line alone
 *
 * Where a marker's flag goes (remora_markers_place).
 */
typedef struct
{
  guint  marker;
  double line_x;
  double x;
  double w;
  int    row;
  char  *label;
} RemoraMarkerFlag;

/**
 * RemoraMarkerMeasure:
 * @x0: where the measure begins
 * @x1: where it ends
 * @text: the time it measures, as shown
 *
 * A time measured between markers along the strip's bottom.
 */
typedef struct
{
  double x0;
  double x1;
  char  *text;
} RemoraMarkerMeasure;

GArray *remora_markers_place (const GArray          *markers,
                              const RemoraTimeRange *view,
                              double                 min_x,
                              double                 max_x,
                              RemoraTextMeasure      measure,
                              gpointer               user_data);

GArray *remora_markers_measure (const GArray          *markers,
                                const RemoraTimeRange *view,
                                double                 min_x,
                                double                 max_x);

G_END_DECLS
