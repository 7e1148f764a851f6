/* remora-columns-private.h: what the row models share
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

/* a private header is the layer's inside: it may include the layer's
 * headers one by one (tests that include it are inside too) */
#ifndef REMORA_MODEL_COMPILATION
#define REMORA_MODEL_COMPILATION
#endif
#include "remora-columns.h"
#include "remora-data.h"

G_BEGIN_DECLS

/* @t rounded down to a multiple of 2^@shift, for negative times too (a view
 * may begin before time 0; shifting a negative number left is undefined). */
static inline gint64
remora_columns_floor (gint64 t, int shift)
{
  gint64 cell = (gint64) 1 << shift;
  gint64 r = t % cell;

  return r < 0 ? t - r - cell : t - r;
}

int remora_columns_find (const gint64 *edges, int width, gint64 ts);
int remora_columns_find_from (const gint64 *edges, int width, gint64 ts, int hint);
gint64 *
remora_columns_layout (RemoraStore *store, const RemoraTimeRange *range, int width, int *level);

gboolean remora_columns_count_events (RemoraStore  *store,
                                      gboolean      by_pid,
                                      int           id,
                                      int           buffer_id,
                                      const gint64 *edges,
                                      int           width,
                                      guint32      *counts,
                                      GError      **error);

G_END_DECLS
