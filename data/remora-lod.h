/* remora-lod.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include <glib.h>

#include "remora-task-state.h"

G_BEGIN_DECLS

/* The geometry of the level-of-detail summaries of the lod_cpu table (see
 * SCHEMA.md): level k has cells of REMORA_LOD_CELL_NS (k) nanoseconds, aligned
 * on multiples of that width, stored REMORA_LOD_BLOCK_CELLS to a row. */
#define REMORA_LOD_SHIFT0        18
#define REMORA_LOD_LEVEL_SHIFT   2
#define REMORA_LOD_BLOCK_SHIFT   6
#define REMORA_LOD_BLOCK_CELLS   (1 << REMORA_LOD_BLOCK_SHIFT)
#define REMORA_LOD_MAX_LEVELS    16
#define REMORA_LOD_CELL_SHIFT(k) (REMORA_LOD_SHIFT0 + REMORA_LOD_LEVEL_SHIFT * (k))
#define REMORA_LOD_CELL_NS(k)    ((gint64) 1 << REMORA_LOD_CELL_SHIFT (k))

typedef struct
{
  gint32 pid;
  gint64 run_ns;
} RemoraLodRun;

typedef struct
{
  guint32       events;
  guint32       lost;
  guint32       n_runs;
  RemoraLodRun *runs; /* points into the caller's storage */
} RemoraLodCell;

gboolean
remora_lod_decode_block (const guint8 *data, gsize len, RemoraLodCell *cells, GArray *runs);

/* Task summaries (lod_task): states numbered as RemoraTaskState */
#define REMORA_LOD_TASK_STATES REMORA_TASK_N_STATES

typedef struct
{
  gint32        offset; /* the cell within its block */
  gint64        state_ns[REMORA_LOD_TASK_STATES];
  guint32       events;
  guint32       n_cpus;
  RemoraLodRun *cpus; /* run time per CPU, in the pid field; points into the caller's storage */
  gint32        end_state;
  gint32        end_cpu;
} RemoraLodTaskCell;

gboolean remora_lod_decode_task_block (
    const guint8 *data, gsize len, RemoraLodTaskCell *cells, int *n_cells, GArray *runs);

G_END_DECLS
