/* remora-row-lists.h: the lists of rows people type (--cpu 0-3,6,
 * --tasks 1234,kworker/1:2) and the times that bound a view
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

G_BEGIN_DECLS

gboolean remora_parse_cpu_list (const char *spec, int n_cpus, GArray *cpus, GError **error);
gboolean
remora_parse_task_list (RemoraStore *store, const char *spec, GArray *pids, GError **error);
gboolean remora_parse_view_time (const char            *option,
                                 const char            *text,
                                 const RemoraTraceInfo *info,
                                 gint64                *ts_ns,
                                 GError               **error);

G_END_DECLS
