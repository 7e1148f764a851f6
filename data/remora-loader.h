/* remora-loader.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include <gio/gio.h>

#include "remora-store.h"

G_BEGIN_DECLS

#define REMORA_TYPE_LOADER (remora_loader_get_type ())

G_DECLARE_FINAL_TYPE (RemoraLoader, remora_loader, REMORA, LOADER, GObject)

RemoraLoader *remora_loader_new (const char *path);
void          remora_loader_set_store_path (RemoraLoader *self, const char *store_path);
void          remora_loader_set_force (RemoraLoader *self, gboolean force);
const char   *remora_loader_get_path (RemoraLoader *self);
gboolean      remora_loader_get_is_store (RemoraLoader *self);
double        remora_loader_get_fraction (RemoraLoader *self);
char         *remora_loader_dup_message (RemoraLoader *self);
gint64        remora_loader_get_events_read (RemoraLoader *self);
double        remora_loader_get_events_per_second (RemoraLoader *self);
double        remora_loader_get_seconds_left (RemoraLoader *self);
gboolean      remora_loader_get_imported (RemoraLoader *self);
char         *remora_loader_dup_partial_message (RemoraLoader *self);
double        remora_loader_get_import_seconds (RemoraLoader *self);
void          remora_loader_load_async (RemoraLoader       *self,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
RemoraStore  *remora_loader_load_finish (RemoraLoader *self, GAsyncResult *result, GError **error);
RemoraStore  *remora_loader_load (RemoraLoader *self, GCancellable *cancellable, GError **error);

void remora_lower_thread_priority (void);

G_END_DECLS
