/* remora-row-detail.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_MODEL_INSIDE) && !defined(REMORA_MODEL_COMPILATION)
#error "Only <remora-model.h> can be included directly."
#endif

#include "remora-data.h"
#include "remora-time-range.h"

G_BEGIN_DECLS

GArray *remora_cpu_row_dup_slices (
    RemoraStore *store, int buffer_id, int cpu, const RemoraTimeRange *range, GError **error);
GArray *remora_row_dup_events (RemoraStore           *store,
                               int                    buffer_id,
                               gboolean               by_pid,
                               int                    id,
                               const RemoraTimeRange *range,
                               guint                  max,
                               gboolean              *more,
                               GError               **error);

G_END_DECLS
