/* remora-event-export.h: a trace's events (or a filter's) written as CSV,
 * off the caller's thread
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

typedef struct _RemoraCsvExport RemoraCsvExport;

RemoraCsvExport *
remora_csv_export_new (RemoraStore *store, RemoraEventMask *mask, const char *path);
RemoraCsvExport *remora_csv_export_ref (RemoraCsvExport *job);
void             remora_csv_export_unref (RemoraCsvExport *job);
double           remora_csv_export_get_fraction (RemoraCsvExport *job);
const char      *remora_csv_export_get_path (RemoraCsvExport *job);
gint64 remora_csv_export_run (RemoraCsvExport *job, GCancellable *cancellable, GError **error);
void   remora_csv_export_run_async (RemoraCsvExport    *job,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
gint64 remora_csv_export_run_finish (RemoraCsvExport *job, GAsyncResult *result, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraCsvExport, remora_csv_export_unref)

G_END_DECLS
