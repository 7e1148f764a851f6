/* remora-session.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_MODEL_INSIDE) && !defined(REMORA_MODEL_COMPILATION)
#error "Only <remora-model.h> can be included directly."
#endif

#include <gio/gio.h>

#include "remora-data.h"
#include "remora-detail.h"
#include "remora-frame.h"
#include "remora-view-spec.h"
#include "remora-viewport.h"

G_BEGIN_DECLS

/**
 * RemoraFollow:
 * @REMORA_FOLLOW_TIMELINE: the timeline selects the event of the row the
 *   user selects in the list ("Timeline Follows the List")
 * @REMORA_FOLLOW_LIST: the list selects the event the user selects on the
 *   timeline ("List Follows the Timeline")
 *
 * How the views follow one another's selection: display toggles of the
 * session, on unless the user turns them off.
 */
typedef enum
{
  REMORA_FOLLOW_TIMELINE,
  REMORA_FOLLOW_LIST,
  REMORA_N_FOLLOWS
} RemoraFollow;

/**
 * RemoraFilterTarget:
 * @REMORA_FILTER_TARGET_BOTH: the list and the timeline
 * @REMORA_FILTER_TARGET_LIST: the list only
 * @REMORA_FILTER_TARGET_TIMELINE: the timeline only
 *
 * What a filter applies to.
 */
typedef enum
{
  REMORA_FILTER_TARGET_BOTH,
  REMORA_FILTER_TARGET_LIST,
  REMORA_FILTER_TARGET_TIMELINE,
} RemoraFilterTarget;

#define REMORA_TYPE_SESSION (remora_session_get_type ())

G_DECLARE_FINAL_TYPE (RemoraSession, remora_session, REMORA, SESSION, GObject)

RemoraSession         *remora_session_new (RemoraStore *store);
RemoraStore           *remora_session_get_store (RemoraSession *self);
void                   remora_session_note_problem (RemoraSession *self, const GError *error);
const char            *remora_session_get_problem (RemoraSession *self);
const RemoraTraceInfo *remora_session_get_info (RemoraSession *self);

const RemoraViewport *remora_session_get_viewport (RemoraSession *self);
void                  remora_session_set_width (RemoraSession *self, int width_px);
void remora_session_set_visible (RemoraSession *self, gint64 begin_ns, gint64 end_ns);
void remora_session_zoom (RemoraSession *self, double factor, double focus_px);
void remora_session_pan (RemoraSession *self, double delta_px);

const GArray *remora_session_get_rows (RemoraSession *self);
void          remora_session_add_row (
             RemoraSession *self, RemoraRowKind kind, int buffer_id, int id, const char *label);
void remora_session_remove_row (RemoraSession *self, guint index);
void remora_session_move_row (RemoraSession *self, guint index, guint to);

const GArray *remora_session_get_markers (RemoraSession *self);
void          remora_session_add_marker (RemoraSession *self, const char *name, gint64 ts);
void          remora_session_remove_marker (RemoraSession *self, guint index);
void          remora_session_rename_marker (RemoraSession *self, guint index, const char *name);

const RemoraSelection *remora_session_get_selection (RemoraSession *self);
void remora_session_select (RemoraSession *self, int row, gint64 begin_ns, gint64 end_ns);
void remora_session_select_at (
    RemoraSession *self, int row, gint64 ts, gint64 tolerance_ns, RemoraSelectFlags flags);
void                remora_session_select_request (RemoraSession    *self,
                                                   int               row,
                                                   gint64            request_id,
                                                   RemoraSelectFlags flags);
void                remora_session_select_event (RemoraSession    *self,
                                                 gint64            event_id,
                                                 gint64            ts,
                                                 int               buffer_id,
                                                 int               cpu,
                                                 RemoraSelectFlags flags);
void                remora_session_clear_selection (RemoraSession *self);
const RemoraDetail *remora_session_get_detail (RemoraSession *self);
void                remora_session_set_marker (RemoraSession *self, const char *name, gint64 ts);
void                remora_session_mark_at (
                   RemoraSession *self, const char *name, int row, gint64 ts, gint64 tolerance_ns);

gboolean    remora_session_get_links (RemoraSession *self);
void        remora_session_set_links (RemoraSession *self, gboolean links);
RemoraLinks remora_session_get_link_kinds (RemoraSession *self);
void        remora_session_set_link_kinds (RemoraSession *self, RemoraLinks kinds);
gboolean    remora_session_get_absolute_time (RemoraSession *self);
gboolean    remora_session_get_follows (RemoraSession *self, RemoraFollow follow);
void        remora_session_set_follows (RemoraSession *self, RemoraFollow follow, gboolean on);
gboolean    remora_session_get_hide_left_out (RemoraSession *self);
void        remora_session_set_hide_left_out (RemoraSession *self, gboolean hide);
gboolean    remora_session_get_idle_io (RemoraSession *self);
void        remora_session_set_idle_io (RemoraSession *self, gboolean shade);
void        remora_session_set_absolute_time (RemoraSession *self, gboolean absolute);
void        remora_session_set_mask (RemoraSession *self, RemoraEventMask *mask);
void        remora_session_set_filter (RemoraSession      *self,
                                       const RemoraFilter *filter,
                                       RemoraFilterTarget  target,
                                       RemoraEventMask    *mask);
const RemoraFilter *remora_session_get_filter (RemoraSession *self);
RemoraFilterTarget  remora_session_get_filter_target (RemoraSession *self);
RemoraEventMask    *remora_session_get_filter_mask (RemoraSession *self);
RemoraEventMask    *remora_session_get_mask (RemoraSession *self);

void remora_session_make_request (RemoraSession *self, int columns, RemoraFrameRequest *request);
RemoraFrameJob *remora_session_start_frame (RemoraSession *self, int columns);
RemoraFrame    *remora_session_compute_frame (RemoraSession *self, int columns, GError **error);
void            remora_session_warm_up (RemoraSession *self);
void            remora_session_request_frame_async (RemoraSession      *self,
                                                    int                 columns,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
RemoraFrame *
remora_session_request_frame_finish (RemoraSession *self, GAsyncResult *result, GError **error);

void remora_session_query_detail_async (RemoraSession      *self,
                                        int                 row,
                                        gint64              ts,
                                        gint64              tolerance_ns,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
void remora_session_query_event_async (RemoraSession      *self,
                                       int                 row,
                                       gint64              ts,
                                       gint64              tolerance_ns,
                                       gint64              event_id,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
RemoraDetail *
remora_session_query_detail_finish (RemoraSession *self, GAsyncResult *result, GError **error);

G_END_DECLS
