/* remora-columns.h: how a row's pixel columns cut time
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

int  remora_columns_choose_level (const RemoraTimeRange *range, int width, int n_levels);
void remora_columns_edges (const RemoraTimeRange *range, int width, int level, gint64 *edges);

G_END_DECLS
