/* remora-timeline-view.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "remora-render.h"

G_BEGIN_DECLS

#define REMORA_TYPE_TIMELINE_VIEW (remora_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (RemoraTimelineView, remora_timeline_view, REMORA, TIMELINE_VIEW, GtkWidget)

GtkWidget     *remora_timeline_view_new (void);
RemoraSession *remora_timeline_view_get_session (RemoraTimelineView *self);
void           remora_timeline_view_set_session (RemoraTimelineView *self, RemoraSession *session);
void           remora_timeline_view_set_dark (RemoraTimelineView *self, gboolean dark);
const RemoraFrame *remora_timeline_view_get_frame (RemoraTimelineView *self);
gboolean
remora_timeline_view_get_row_span (RemoraTimelineView *self, int row, double *top, double *bottom);
guint remora_timeline_view_get_frames_painted (RemoraTimelineView *self);
char *remora_timeline_view_dup_delta (RemoraTimelineView *self);

G_END_DECLS
