/* remora-overview.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "remora-render.h"

G_BEGIN_DECLS

#define REMORA_TYPE_OVERVIEW (remora_overview_get_type ())

G_DECLARE_FINAL_TYPE (RemoraOverview, remora_overview, REMORA, OVERVIEW, GtkWidget)

void               remora_overview_set_session (RemoraOverview *self, RemoraSession *session);
void               remora_overview_set_dark (RemoraOverview *self, gboolean dark);
const RemoraFrame *remora_overview_get_frame (RemoraOverview *self);

G_END_DECLS
