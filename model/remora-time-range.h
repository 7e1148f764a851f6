/* remora-time-range.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_MODEL_INSIDE) && !defined(REMORA_MODEL_COMPILATION)
#error "Only <remora-model.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/**
 * RemoraTimeRange:
 * @begin_ns: the first nanosecond in the range
 * @end_ns: the first nanosecond after it (the range is half-open)
 *
 * A span of trace time, in the trace's nanoseconds.
 */
typedef struct
{
  gint64 begin_ns;
  gint64 end_ns;
} RemoraTimeRange;

static inline RemoraTimeRange
remora_time_range_make (gint64 begin_ns, gint64 end_ns)
{
  RemoraTimeRange r = { begin_ns, end_ns };
  return r;
}

static inline gint64
remora_time_range_get_duration (const RemoraTimeRange *range)
{
  return range->end_ns - range->begin_ns;
}

static inline gint64
remora_time_range_get_middle (const RemoraTimeRange *range)
{
  return range->begin_ns + (range->end_ns - range->begin_ns) / 2;
}

static inline gboolean
remora_time_range_is_empty (const RemoraTimeRange *range)
{
  return range->end_ns <= range->begin_ns;
}

static inline gboolean
remora_time_range_contains (const RemoraTimeRange *range, gint64 ts_ns)
{
  return ts_ns >= range->begin_ns && ts_ns < range->end_ns;
}

static inline gboolean
remora_time_range_overlaps (const RemoraTimeRange *range, gint64 begin_ns, gint64 end_ns)
{
  return begin_ns < range->end_ns && end_ns > range->begin_ns;
}

static inline gboolean
remora_time_range_equal (const RemoraTimeRange *a, const RemoraTimeRange *b)
{
  return a->begin_ns == b->begin_ns && a->end_ns == b->end_ns;
}

G_END_DECLS
