/* remora-task-item.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <remora-model.h>

G_BEGIN_DECLS

#define REMORA_TYPE_TASK_ITEM (remora_task_item_get_type ())

G_DECLARE_FINAL_TYPE (RemoraTaskItem, remora_task_item, REMORA, TASK_ITEM, GObject)

RemoraTaskItem *remora_task_item_new (int pid, const char *comm, gint64 run_ns);
RemoraTaskItem *remora_task_item_new_device (int dev, guint requests);
RemoraRowKind   remora_task_item_get_kind (RemoraTaskItem *self);
int             remora_task_item_get_pid (RemoraTaskItem *self);
const char     *remora_task_item_get_title (RemoraTaskItem *self);
const char     *remora_task_item_get_subtitle (RemoraTaskItem *self);

G_END_DECLS
