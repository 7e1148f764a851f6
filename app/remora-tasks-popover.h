/* remora-tasks-popover.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "remora-render.h"

G_BEGIN_DECLS

#define REMORA_TYPE_TASKS_POPOVER (remora_tasks_popover_get_type ())

G_DECLARE_FINAL_TYPE (RemoraTasksPopover, remora_tasks_popover, REMORA, TASKS_POPOVER, GtkPopover)

void           remora_tasks_popover_set_session (RemoraTasksPopover *self, RemoraSession *session);
RemoraSession *remora_tasks_popover_get_session (RemoraTasksPopover *self);
void           remora_tasks_popover_set_tasks (RemoraTasksPopover *self, const GArray *tasks);
void           remora_tasks_popover_set_devices (RemoraTasksPopover *self, const GArray *devices);
int            remora_tasks_popover_add_first (RemoraTasksPopover *self, const char *search);

G_END_DECLS
