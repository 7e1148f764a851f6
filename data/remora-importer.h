/* remora-importer.h
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

G_BEGIN_DECLS

#define REMORA_TYPE_IMPORTER (remora_importer_get_type ())

G_DECLARE_FINAL_TYPE (RemoraImporter, remora_importer, REMORA, IMPORTER, GObject)

RemoraImporter *remora_importer_new (const char *trace_path, const char *store_path);
const char     *remora_importer_get_trace_path (RemoraImporter *self);
const char     *remora_importer_get_store_path (RemoraImporter *self);
double          remora_importer_get_fraction (RemoraImporter *self);
char           *remora_importer_dup_message (RemoraImporter *self);
gint64          remora_importer_get_events_read (RemoraImporter *self);
gboolean        remora_importer_get_partial (RemoraImporter *self);
char           *remora_importer_dup_partial_message (RemoraImporter *self);
gboolean remora_importer_run (RemoraImporter *self, GCancellable *cancellable, GError **error);
void     remora_importer_import_async (RemoraImporter     *self,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gboolean remora_importer_import_finish (RemoraImporter *self, GAsyncResult *result, GError **error);

G_END_DECLS
