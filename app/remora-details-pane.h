/* remora-details-pane.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "remora-render.h"

G_BEGIN_DECLS

#define REMORA_TYPE_DETAILS_PANE (remora_details_pane_get_type ())

G_DECLARE_FINAL_TYPE (RemoraDetailsPane, remora_details_pane, REMORA, DETAILS_PANE, GtkWidget)

void           remora_details_pane_set_session (RemoraDetailsPane *self, RemoraSession *session);
RemoraSession *remora_details_pane_get_session (RemoraDetailsPane *self);
char          *remora_details_pane_dup_text (RemoraDetailsPane *self);

G_END_DECLS
