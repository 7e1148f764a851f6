/* remora-columns-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-data.h"
#include "remora-time-range.h"

G_BEGIN_DECLS

gboolean remora_columns_buffer_id (RemoraStore *store, const char *buffer, int *id, GError **error);
int      remora_columns_find (const gint64 *edges, int width, gint64 ts);
int      remora_columns_find_from (const gint64 *edges, int width, gint64 ts, int hint);
gint64  *remora_columns_layout (RemoraStore           *store,
                                const char            *buffer,
                                const RemoraTimeRange *range,
                                int                    width,
                                int                   *buffer_id,
                                int                   *level,
                                GError               **error);

gboolean remora_columns_decode_failed (RemoraStore *store, GError **error);
gboolean remora_columns_count_events (RemoraStore  *store,
                                      gboolean      by_pid,
                                      int           id,
                                      int           buffer_id,
                                      const gint64 *edges,
                                      int           width,
                                      guint32      *counts,
                                      GError      **error);

G_END_DECLS
