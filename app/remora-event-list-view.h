/* remora-event-list-view.h: the list of every event, under the timeline
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "remora-filter-dialog.h"
#include "remora-model.h"

G_BEGIN_DECLS

#define REMORA_TYPE_EVENT_LIST_VIEW (remora_event_list_view_get_type ())

G_DECLARE_FINAL_TYPE (
    RemoraEventListView, remora_event_list_view, REMORA, EVENT_LIST_VIEW, GtkWidget)

GtkWidget *remora_event_list_view_new (void);
void       remora_event_list_view_set_store (RemoraEventListView *self, RemoraStore *store);
void       remora_event_list_view_set_session (RemoraEventListView *self, RemoraSession *session);
RemoraSession   *remora_event_list_view_get_session (RemoraEventListView *self);
RemoraEventList *remora_event_list_view_get_list (RemoraEventListView *self);
void             remora_event_list_view_reveal_event (RemoraEventListView *self, gint64 event_id);
void             remora_event_list_view_select_position (RemoraEventListView *self, guint position);
guint            remora_event_list_view_get_selected (RemoraEventListView *self);
guint64          remora_event_list_view_get_n_selected (RemoraEventListView *self);
guint            remora_event_list_view_get_top_row (RemoraEventListView *self);
void remora_event_list_view_select_range (RemoraEventListView *self, guint first, guint n);
GtkAdjustment *remora_event_list_view_get_vadjustment (RemoraEventListView *self);
gboolean       remora_event_list_view_get_all_shown (RemoraEventListView *self);
gboolean remora_event_list_view_go_to (RemoraEventListView *self, const char *text, GError **error);
void
remora_event_list_view_step (RemoraEventListView *self, RemoraNeighbour alike, gboolean forward);
RemoraNeighbour     remora_event_list_view_get_alike (RemoraEventListView *self);
void                remora_event_list_view_apply_filter (RemoraEventListView *self,
                                                         const RemoraFilter  *filter,
                                                         RemoraFilterTarget   target);
RemoraEventMask    *remora_event_list_view_get_mask (RemoraEventListView *self);
RemoraFilterTarget  remora_event_list_view_get_filter_target (RemoraEventListView *self);
gboolean            remora_event_list_view_get_filtering (RemoraEventListView *self);
gint64              remora_event_list_view_get_filter_time (RemoraEventListView *self);
RemoraFilterDialog *remora_event_list_view_open_filters (RemoraEventListView *self);
void                remora_event_list_view_focus_search (RemoraEventListView *self);
void                remora_event_list_view_focus_go_to (RemoraEventListView *self);
gboolean            remora_event_list_view_get_graph_follows (RemoraEventListView *self);
gboolean            remora_event_list_view_get_list_follows (RemoraEventListView *self);
gboolean            remora_event_list_view_get_absolute_time (RemoraEventListView *self);
void                remora_event_list_view_copy_selected (RemoraEventListView *self);
void                remora_event_list_view_export_csv (RemoraEventListView *self, const char *path);
gboolean            remora_event_list_view_get_exporting (RemoraEventListView *self);
void                remora_event_list_view_load_state (RemoraEventListView *self, GKeyFile *kf);
void                remora_event_list_view_save_state (RemoraEventListView *self, GKeyFile *kf);

G_END_DECLS
