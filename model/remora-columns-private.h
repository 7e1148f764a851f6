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

/* SQL for the id range of the events in [?2, ?3), from event_chunks (ids
 * follow time): the first id is 1 << 62 when no event lies at or after ?2. */
#define REMORA_COLUMNS_FIRST_ID                                                                    \
  "coalesce((SELECT first_id FROM event_chunks WHERE last_ts >= ?2 "                               \
  "ORDER BY last_ts LIMIT 1), 1 << 62)"
#define REMORA_COLUMNS_LAST_ID                                                                     \
  "coalesce((SELECT last_id FROM event_chunks WHERE last_ts >= ?3 "                                \
  "ORDER BY last_ts LIMIT 1), (SELECT max(id) FROM event_rows))"

/* @t rounded down to a multiple of 2^@shift, for negative times too (a view
 * may begin before time 0; shifting a negative number left is undefined). */
static inline gint64
remora_columns_floor (gint64 t, int shift)
{
  gint64 cell = (gint64) 1 << shift;
  gint64 r = t % cell;

  return r < 0 ? t - r - cell : t - r;
}

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

typedef void (*RemoraCpuCellFunc) (gint64 cell, const RemoraLodCell *c, gpointer user_data);
gboolean remora_columns_read_cpu_cells (RemoraStore      *store,
                                        int               buffer_id,
                                        int               cpu,
                                        int               level,
                                        gint64            first_cell,
                                        gint64            end_cell,
                                        RemoraCpuCellFunc func,
                                        gpointer          user_data,
                                        GError          **error);
gboolean remora_columns_count_events (RemoraStore  *store,
                                      gboolean      by_pid,
                                      int           id,
                                      int           buffer_id,
                                      const gint64 *edges,
                                      int           width,
                                      guint32      *counts,
                                      GError      **error);

G_END_DECLS
