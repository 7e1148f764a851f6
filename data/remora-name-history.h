/* remora-name-history.h: every name each task had, and since when
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include "remora-store.h"

G_BEGIN_DECLS

/**
 * RemoraNameHistory:
 *
 * The store's task_names, read once: what a task was called at any moment
 * (a task is renamed by exec, prctl or a thread's name). Immutable and
 * reference-counted: any thread may read it.
 */
typedef struct _RemoraNameHistory RemoraNameHistory;

RemoraNameHistory *remora_name_history_read (RemoraStore *store, GError **error);
RemoraNameHistory *remora_name_history_ref (RemoraNameHistory *self);
void               remora_name_history_unref (RemoraNameHistory *self);
const char        *remora_name_history_lookup (const RemoraNameHistory *self, int pid, gint64 ts);
guint              remora_name_history_get_size (const RemoraNameHistory *self);

RemoraNameHistory *remora_store_get_name_history (RemoraStore *store, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraNameHistory, remora_name_history_unref)

G_END_DECLS
