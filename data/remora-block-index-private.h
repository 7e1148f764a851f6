/* remora-block-index-private.h: what the block index and the idle times
 * share
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-block-index.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 begin, end;
} RemoraSpan;

gboolean _remora_store_read_idle_io_spans (
    RemoraStore *store, int buffer_id, GArray *cpus, GPtrArray *spans, GError **error);
RemoraBlockIndex *_remora_block_index_read (RemoraStore *store, int buffer_id, GError **error);

G_END_DECLS
