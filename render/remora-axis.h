/* remora-axis.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_RENDER_INSIDE) && !defined(REMORA_RENDER_COMPILATION)
#error "Only <remora-render.h> can be included directly."
#endif

#include "remora-model.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   ts;         /* the tick's time */
  double   x;          /* its position, pixels from the left */
  char    *label;      /* the time as the tick shows it */
  double   label_x;    /* where its label begins (remora_axis_place_labels) */
  double   label_w;    /* the label's width */
  gboolean show_label; /* whether the label is drawn */
} RemoraAxisTick;

/* Measures the width in pixels of @text as it will be drawn. */
typedef double (*RemoraTextMeasure) (const char *text, gpointer user_data);

GArray *remora_axis_ticks (const RemoraTimeRange *range,
                           double                 width_px,
                           gint64                 origin_ns,
                           double                 min_gap_px,
                           RemoraTextMeasure      measure,
                           gpointer               user_data,
                           gint64                *step_ns);

void remora_axis_place_labels (GArray           *ticks,
                               double            min_x,
                               double            max_x,
                               double            min_gap_px,
                               RemoraTextMeasure measure,
                               gpointer          user_data);

G_END_DECLS
