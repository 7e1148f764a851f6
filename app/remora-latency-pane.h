/* remora-latency-pane.h: the latency pane
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "remora-render.h"

G_BEGIN_DECLS

#define REMORA_TYPE_LATENCY_PANE (remora_latency_pane_get_type ())
G_DECLARE_FINAL_TYPE (RemoraLatencyPane, remora_latency_pane, REMORA, LATENCY_PANE, GtkWidget)

void           remora_latency_pane_set_session (RemoraLatencyPane *self, RemoraSession *session);
RemoraSession *remora_latency_pane_get_session (RemoraLatencyPane *self);
void           remora_latency_pane_set_dark (RemoraLatencyPane *self, gboolean dark);
void           remora_latency_pane_jump_to_worst (RemoraLatencyPane *self);
void           remora_latency_pane_show_tab (RemoraLatencyPane *self, RemoraLatencyKind kind);
guint          remora_latency_pane_get_pairs (RemoraLatencyPane *self, RemoraLatencyKind kind);
gint64
remora_latency_pane_get_row (RemoraLatencyPane *self, RemoraLatencyKind kind, guint position);
const RemoraLatencyTable *remora_latency_pane_get_table (RemoraLatencyPane *self,
                                                         RemoraLatencyKind  kind);
gboolean remora_latency_pane_has_plots (RemoraLatencyPane *self, RemoraLatencyKind kind);
gint64   remora_latency_pane_get_selected (RemoraLatencyPane *self, RemoraLatencyKind kind);
void     remora_latency_pane_export (RemoraLatencyPane *self, const char *path, gboolean plot);
gboolean remora_latency_pane_sort_by (RemoraLatencyPane  *self,
                                      RemoraLatencyKind   kind,
                                      RemoraLatencyColumn column,
                                      gboolean            descending);
gboolean remora_latency_pane_is_sorted (RemoraLatencyPane  *self,
                                        RemoraLatencyKind   kind,
                                        RemoraLatencyColumn column,
                                        gboolean            descending);

G_END_DECLS
