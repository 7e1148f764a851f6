/* remora-filter-dialog.h: choosing what the list and the timeline show
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "remora-model.h"

G_BEGIN_DECLS

#define REMORA_TYPE_FILTER_DIALOG (remora_filter_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RemoraFilterDialog, remora_filter_dialog, REMORA, FILTER_DIALOG, GtkWindow)

RemoraFilterDialog *remora_filter_dialog_new (GtkWindow          *parent,
                                              RemoraStore        *store,
                                              const RemoraFilter *filter,
                                              RemoraFilterTarget  target);
RemoraFilter       *remora_filter_dialog_get_filter (RemoraFilterDialog *self);
RemoraFilterTarget  remora_filter_dialog_get_target (RemoraFilterDialog *self);
void                remora_filter_dialog_finish (RemoraFilterDialog *self, const GError *error);
gboolean            remora_filter_dialog_get_loaded (RemoraFilterDialog *self);
void                remora_filter_dialog_apply (RemoraFilterDialog *self);
const char         *remora_filter_dialog_get_error (RemoraFilterDialog *self);
gboolean            remora_filter_dialog_get_hide_left_out (RemoraFilterDialog *self);
void remora_filter_dialog_set_hide_left_out (RemoraFilterDialog *self, gboolean hide);
void remora_filter_dialog_set_expression (RemoraFilterDialog *self, const char *expression);

G_END_DECLS
