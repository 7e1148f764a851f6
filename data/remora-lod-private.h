/* remora-lod-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

/* a private header is the layer's inside: it may include the layer's
 * headers one by one (tests that include it are inside too) */
#ifndef REMORA_DATA_COMPILATION
#define REMORA_DATA_COMPILATION
#endif
#include "remora-lod.h"

G_BEGIN_DECLS

/*
 * Level-of-detail summaries of CPU rows, built while the importer streams.
 *
 * Level k cuts time into cells of REMORA_LOD_CELL_NS (k) nanoseconds, aligned
 * on multiples of that width (level 0: 2^18 ns, about 262 µs; each level 4
 * times wider). A cell of a CPU holds how long each task ran on it within the cell
 * (from sched_slices, exactly), and how many events and lost-event marks fell
 * in it. Cells are stored 64 to a row of lod_cpu; see SCHEMA.md for the
 * encoding. A timeline whose pixel columns are at least one level-0 cell wide
 * reads these instead of the slices and events: a frame reads about width ×
 * rows cells, whatever the trace's size.
 *
 * The importer feeds each CPU's slices and events in time order. A cell is
 * final once the CPU's open slice started after it and an event after it was
 * seen; a final level-0 cell goes into the open cell of level 1, and a
 * level-k cell into level k + 1 when the next level-k cell opens (each level
 * merges a quarter as many cells as the one below); blocks are written out
 * as they fill, so memory holds only the cells not yet final and one open
 * block per level. Task summaries (lod_task) are swept level by level from
 * each task's slices, wakeups and events. Not thread-safe.
 */

typedef struct _RemoraLodBuilder RemoraLodBuilder;

typedef void (*RemoraLodEmitTask) (int           level,
                                   int           buffer,
                                   int           pid,
                                   gint64        block,
                                   const guint8 *data,
                                   gsize         len,
                                   gpointer      user_data);

/* Called with each finished block: the encoded cells of one (level, buffer,
 * cpu, block). @data is valid during the call. */
typedef void (*RemoraLodEmit) (int           level,
                               int           buffer,
                               int           cpu,
                               gint64        block,
                               const guint8 *data,
                               gsize         len,
                               gpointer      user_data);

RemoraLodBuilder *remora_lod_builder_new (gint64            first_ts,
                                          gint64            last_ts,
                                          RemoraLodEmit     emit,
                                          RemoraLodEmitTask emit_task,
                                          gpointer          user_data);
void              remora_lod_builder_free (RemoraLodBuilder *self);
int               remora_lod_levels_for_span (gint64 first_ts, gint64 last_ts);
void              remora_lod_builder_add_slice (
                 RemoraLodBuilder *self, int buffer, int cpu, int pid, gint64 start_ts, gint64 end_ts);
void remora_lod_builder_add_event (
    RemoraLodBuilder *self, int buffer, int cpu, gint64 ts, gboolean lost_before);
void
remora_lod_builder_advance (RemoraLodBuilder *self, int buffer, int cpu, gint64 final_before_ts);
void remora_lod_builder_add_task_slice (RemoraLodBuilder *self,
                                        int               buffer,
                                        int               pid,
                                        int               cpu,
                                        gint64            start_ts,
                                        gint64            end_ts,
                                        int               after);
void
remora_lod_builder_add_task_wakeup (RemoraLodBuilder *self, int buffer, int pid, gint64 wakeup_ts);
void remora_lod_builder_add_task_event (RemoraLodBuilder *self, int buffer, int pid, gint64 ts);
void remora_lod_builder_finish (RemoraLodBuilder *self);

G_END_DECLS
