/* remora-viewport.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-viewport.h"

#include <math.h>

/**
 * remora_viewport_init:
 * @self: (out caller-allocates): the viewport
 * @trace: the trace's time span
 * @width_px: the width in pixels (at least 1)
 *
 * Shows the whole trace.
 */
void
remora_viewport_init (RemoraViewport *self, const RemoraTimeRange *trace, int width_px)
{
  self->trace = *trace;
  if (remora_time_range_get_duration (&self->trace) < REMORA_VIEWPORT_MIN_DURATION_NS)
    self->trace.end_ns = self->trace.begin_ns + REMORA_VIEWPORT_MIN_DURATION_NS;
  self->width_px = MAX (1, width_px);
  self->visible = self->trace;
}

/**
 * remora_viewport_set_visible:
 * @self: a viewport
 * @begin_ns: the first time to show
 * @end_ns: the time after the last one to show
 *
 * Shows [@begin_ns, @end_ns), moved inside the trace and widened to at least
 * %REMORA_VIEWPORT_MIN_DURATION_NS when needed; a range wider than the trace
 * shows the whole trace.
 */
void
remora_viewport_set_visible (RemoraViewport *self, gint64 begin_ns, gint64 end_ns)
{
  gint64 trace_len = remora_time_range_get_duration (&self->trace);
  gint64 len;

  if (end_ns < begin_ns)
    {
      gint64 t = begin_ns;
      begin_ns = end_ns;
      end_ns = t;
    }
  len = CLAMP (end_ns - begin_ns, REMORA_VIEWPORT_MIN_DURATION_NS, trace_len);
  if (end_ns - begin_ns < len)
    {
      /* widen around the middle */
      gint64 mid = begin_ns + (end_ns - begin_ns) / 2;
      begin_ns = mid - len / 2;
    }
  begin_ns = CLAMP (begin_ns, self->trace.begin_ns, self->trace.end_ns - len);
  self->visible.begin_ns = begin_ns;
  self->visible.end_ns = begin_ns + len;
}

/**
 * remora_viewport_zoom:
 * @self: a viewport
 * @factor: how much narrower the new range is: 2 zooms in twice, 0.5 out
 * @focus_px: the pixel whose time stays under it (the pointer)
 *
 * Zooms around @focus_px: the time under it before is under it after, unless
 * the trace's edges or the zoom limits get in the way.
 */
void
remora_viewport_zoom (RemoraViewport *self, double factor, double focus_px)
{
  double len = (double) remora_time_range_get_duration (&self->visible);
  double new_len;
  double frac;
  gint64 focus_ns;
  gint64 begin;

  if (!(factor > 0) || !isfinite (factor))
    return;
  frac = CLAMP (focus_px / self->width_px, 0.0, 1.0);
  focus_ns = remora_viewport_px_to_time (self, focus_px);
  new_len = CLAMP (len / factor, (double) REMORA_VIEWPORT_MIN_DURATION_NS,
                   (double) remora_time_range_get_duration (&self->trace));
  begin = focus_ns - (gint64) llround (frac * new_len);
  remora_viewport_set_visible (self, begin, begin + (gint64) llround (new_len));
}

/**
 * remora_viewport_pan:
 * @self: a viewport
 * @delta_px: how far to move, in pixels; positive shows later times
 *
 * Moves the visible range, stopping at the trace's edges.
 */
void
remora_viewport_pan (RemoraViewport *self, double delta_px)
{
  gint64 delta = (gint64) llround (delta_px * remora_viewport_get_ns_per_px (self));
  remora_viewport_set_visible (self, self->visible.begin_ns + delta, self->visible.end_ns + delta);
}

double
remora_viewport_get_ns_per_px (const RemoraViewport *self)
{
  return (double) remora_time_range_get_duration (&self->visible) / self->width_px;
}

/* Pixels from the left edge; times outside the visible range map outside
 * [0, width]. */
double
remora_viewport_time_to_px (const RemoraViewport *self, gint64 ts_ns)
{
  return (double) (ts_ns - self->visible.begin_ns) / remora_viewport_get_ns_per_px (self);
}

gint64
remora_viewport_px_to_time (const RemoraViewport *self, double x_px)
{
  return self->visible.begin_ns + (gint64) llround (x_px * remora_viewport_get_ns_per_px (self));
}
