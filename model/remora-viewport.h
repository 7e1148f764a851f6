/* remora-viewport.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_MODEL_INSIDE) && !defined(REMORA_MODEL_COMPILATION)
#error "Only <remora-model.h> can be included directly."
#endif

#include "remora-time-range.h"

G_BEGIN_DECLS

/* The narrowest view: this many nanoseconds across the whole width. */
#define REMORA_VIEWPORT_MIN_DURATION_NS 100

/**
 * RemoraViewport:
 * @trace: the trace's time span; the visible range stays inside it
 * @visible: the time range shown across the width
 * @width_px: the width it is drawn on, in pixels
 *
 * What part of a trace a timeline shows. A plain value: copy it freely, and
 * hand copies to workers.
 */
typedef struct
{
  RemoraTimeRange trace;
  RemoraTimeRange visible;
  int             width_px;
} RemoraViewport;

void   remora_viewport_init (RemoraViewport *self, const RemoraTimeRange *trace, int width_px);
void   remora_viewport_set_visible (RemoraViewport *self, gint64 begin_ns, gint64 end_ns);
void   remora_viewport_zoom (RemoraViewport *self, double factor, double focus_px);
void   remora_viewport_pan (RemoraViewport *self, double delta_px);
double remora_viewport_time_to_px (const RemoraViewport *self, gint64 ts_ns);
gint64 remora_viewport_px_to_time (const RemoraViewport *self, double x_px);
double remora_viewport_get_ns_per_px (const RemoraViewport *self);

G_END_DECLS
