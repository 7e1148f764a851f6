/* remora-latency-model.h: a latency table's pairs in an order, as a list
 * model for a column view
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "remora-model.h"

G_BEGIN_DECLS

#define REMORA_TYPE_LATENCY_ITEM (remora_latency_item_get_type ())
G_DECLARE_FINAL_TYPE (RemoraLatencyItem, remora_latency_item, REMORA, LATENCY_ITEM, GObject)

#define REMORA_TYPE_LATENCY_MODEL (remora_latency_model_get_type ())
G_DECLARE_FINAL_TYPE (RemoraLatencyModel, remora_latency_model, REMORA, LATENCY_MODEL, GObject)

const RemoraLatencyTable *remora_latency_item_get_table (RemoraLatencyItem *self);
guint                     remora_latency_item_get_index (RemoraLatencyItem *self);

/* rows shown a first time: this many per frame (a row of cells costs some
 * 2.5 ms of the main thread to make) */
#define REMORA_LATENCY_MODEL_STEP 8

RemoraLatencyModel *remora_latency_model_new (void);
gboolean            remora_latency_model_grow (RemoraLatencyModel *self);
void   remora_latency_model_set (RemoraLatencyModel *self, RemoraLatencyTable *table, GArray *rows);
gint64 remora_latency_model_get_index (RemoraLatencyModel *self, guint position);
guint  remora_latency_model_find (RemoraLatencyModel *self, guint index);
GArray *remora_latency_model_get_rows (RemoraLatencyModel *self);

G_END_DECLS
