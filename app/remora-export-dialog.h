/* remora-export-dialog.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "remora-view-export.h"

G_BEGIN_DECLS

#define REMORA_TYPE_EXPORT_DIALOG (remora_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RemoraExportDialog, remora_export_dialog, REMORA, EXPORT_DIALOG, GtkWindow)

RemoraExportDialog *remora_export_dialog_new (GtkWindow *parent, GFile *trace, guint n_markers);
void  remora_export_dialog_get_options (RemoraExportDialog *self, RemoraExportOptions *options);
char *remora_export_dialog_get_path (RemoraExportDialog *self);

G_END_DECLS
