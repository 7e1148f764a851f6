/* remora-event-list.h: every event of a store as a list model, fetched in
 * pages off the caller's thread
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
#include "remora-event-mask.h"

G_BEGIN_DECLS

#define REMORA_TYPE_EVENT_ITEM (remora_event_item_get_type ())

G_DECLARE_FINAL_TYPE (RemoraEventItem, remora_event_item, REMORA, EVENT_ITEM, GObject)

guint       remora_event_item_get_position (RemoraEventItem *self);
gboolean    remora_event_item_get_loaded (RemoraEventItem *self);
gboolean    remora_event_item_get_lost (RemoraEventItem *self);
gint64      remora_event_item_get_id (RemoraEventItem *self);
gint64      remora_event_item_get_ts (RemoraEventItem *self);
int         remora_event_item_get_cpu (RemoraEventItem *self);
int         remora_event_item_get_buffer_id (RemoraEventItem *self);
int         remora_event_item_get_pid (RemoraEventItem *self);
const char *remora_event_item_get_buffer (RemoraEventItem *self);
const char *remora_event_item_get_task (RemoraEventItem *self);
const char *remora_event_item_get_name (RemoraEventItem *self);
const char *remora_event_item_get_latency (RemoraEventItem *self);
const char *remora_event_item_get_info (RemoraEventItem *self);

#define REMORA_TYPE_EVENT_LIST (remora_event_list_get_type ())

G_DECLARE_FINAL_TYPE (RemoraEventList, remora_event_list, REMORA, EVENT_LIST, GObject)

RemoraEventList *remora_event_list_new (RemoraStore *store);
gboolean         remora_event_list_get_ready (RemoraEventList *self);
const GError    *remora_event_list_get_error (RemoraEventList *self);
guint            remora_event_list_get_n_lost_rows (RemoraEventList *self);
guint            remora_event_list_position_of_event (RemoraEventList *self, gint64 event_id);
gint64           remora_event_list_event_at (RemoraEventList *self, guint position);
gboolean         remora_event_list_is_read (RemoraEventList *self, guint position);
guint            remora_event_list_get_pages_fetched (RemoraEventList *self);
void             remora_event_list_set_mask (RemoraEventList *self, RemoraEventMask *mask);
guint            remora_event_list_get_n_rows (RemoraEventList *self);
gboolean         remora_event_list_trim (RemoraEventList *self, guint max_held);
RemoraEventMask *remora_event_list_get_mask (RemoraEventList *self);

void remora_event_list_find_time_async (RemoraEventList    *self,
                                        gint64              ts,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
guint
remora_event_list_find_time_finish (RemoraEventList *self, GAsyncResult *result, GError **error);

void  remora_event_list_find_neighbour_async (RemoraEventList    *self,
                                              gint64              event_id,
                                              RemoraNeighbour     alike,
                                              gboolean            forward,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
guint remora_event_list_find_neighbour_finish (RemoraEventList *self,
                                               GAsyncResult    *result,
                                               GError         **error);

void remora_event_list_copy_rows_async (RemoraEventList    *self,
                                        const guint        *positions,
                                        guint               n,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
char *
remora_event_list_copy_rows_finish (RemoraEventList *self, GAsyncResult *result, GError **error);

G_END_DECLS
