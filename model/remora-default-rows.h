/* remora-default-rows.h
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

/* How many task rows a view shows by default. */
#define REMORA_DEFAULT_TASK_ROWS 8

gboolean remora_default_rows (RemoraStore           *store,
                              int                    buffer_id,
                              const RemoraTimeRange *range,
                              const char            *cpu_spec,
                              const char            *task_spec,
                              GArray                *cpus,
                              GArray                *pids,
                              GError               **error);
gboolean remora_default_devices (RemoraStore *store, int buffer_id, GArray *devs, GError **error);

/**
 * RemoraDeviceSummary:
 * @dev: a block device (REMORA_BLOCK_DEV())
 * @requests: how many requests it was sent
 */
typedef struct
{
  int   dev;
  guint requests;
} RemoraDeviceSummary;

gboolean remora_device_summaries (RemoraStore *store, int buffer_id, GArray *out, GError **error);

G_END_DECLS
