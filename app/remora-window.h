/* remora-window.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "remora-event-list-view.h"
#include "remora-latency-pane.h"
#include "remora-timeline-view.h"
#include "remora-view-export.h"

G_BEGIN_DECLS

#define REMORA_TYPE_WINDOW (remora_window_get_type ())

G_DECLARE_FINAL_TYPE (RemoraWindow, remora_window, REMORA, WINDOW, AdwApplicationWindow)

RemoraWindow *remora_window_new (GtkApplication *application);
void          remora_window_open (RemoraWindow *self, GFile *file);
void          remora_window_preselect (
             RemoraWindow *self, const char *cpus, const char *tasks, const char *from, const char *to);
RemoraTimelineView  *remora_window_get_timeline (RemoraWindow *self);
RemoraLatencyPane   *remora_window_get_latency_pane (RemoraWindow *self);
RemoraEventListView *remora_window_get_event_list (RemoraWindow *self);
const char          *remora_window_get_page (RemoraWindow *self);
void                 remora_window_export_view (RemoraWindow              *self,
                                                const char                *output,
                                                const RemoraExportOptions *options);
const char          *remora_window_get_details (RemoraWindow *self);
const RemoraFrame   *remora_window_get_overview_frame (RemoraWindow *self);
int                  remora_window_add_task_row (RemoraWindow *self, const char *search);
void                 remora_window_add_marker (RemoraWindow *self, const char *name);
const char          *remora_window_get_problem (RemoraWindow *self);

G_END_DECLS
