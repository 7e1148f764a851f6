/* remora-markers-popover.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "remora-render.h"

G_BEGIN_DECLS

#define REMORA_TYPE_MARKERS_POPOVER (remora_markers_popover_get_type ())

G_DECLARE_FINAL_TYPE (
    RemoraMarkersPopover, remora_markers_popover, REMORA, MARKERS_POPOVER, GtkPopover)

void remora_markers_popover_set_session (RemoraMarkersPopover *self, RemoraSession *session);
RemoraSession *remora_markers_popover_get_session (RemoraMarkersPopover *self);
void           remora_markers_popover_add (RemoraMarkersPopover *self, const char *name);

G_END_DECLS
