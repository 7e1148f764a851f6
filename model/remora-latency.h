/* remora-latency.h: the measured latencies of a trace, for the latency
 * pane and its plots: sorted, filtered, grouped, binned
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_MODEL_INSIDE) && !defined(REMORA_MODEL_COMPILATION)
#error "Only <remora-model.h> can be included directly."
#endif

#include "remora-data.h"
#include "remora-time-range.h"

G_BEGIN_DECLS

typedef enum
{
  REMORA_LATENCY_COLUMN_LATENCY,
  REMORA_LATENCY_COLUMN_START,
  REMORA_LATENCY_COLUMN_END,
  REMORA_LATENCY_COLUMN_DEVICE, /* requests */
  REMORA_LATENCY_COLUMN_KIND,   /* requests */
  REMORA_LATENCY_COLUMN_SECTOR, /* requests */
  REMORA_LATENCY_COLUMN_SIZE,   /* requests */
  REMORA_LATENCY_COLUMN_TASK,   /* the issuing task, or the woken one, by name */
  REMORA_LATENCY_COLUMN_PID,
  REMORA_LATENCY_COLUMN_START_CPU,
  REMORA_LATENCY_COLUMN_END_CPU,
  REMORA_LATENCY_COLUMN_TARGET_CPU, /* wakeups */
  REMORA_LATENCY_COLUMN_WAKER,      /* wakeups, by name */
  REMORA_LATENCY_COLUMN_NEW_TASK,   /* wakeups */
  REMORA_LATENCY_N_COLUMNS,
} RemoraLatencyColumn;

typedef enum
{
  REMORA_LATENCY_BY_DEVICE_KIND, /* requests: each device ("all"), then by kind */
  REMORA_LATENCY_BY_TASK,
  REMORA_LATENCY_BY_CPU, /* the completing CPU, or the one the task ran on */
} RemoraLatencyGroupBy;

/**
 * RemoraLatencyFilter:
 * @range: only pairs whose first event lies in it (an empty range: all)
 * @pid: only this task's (the issuer or the woken task), or -1
 * @cpu: only pairs with an event on this CPU, or -1
 * @dev: only this device's requests, or -1
 * @kind: only requests of this #RemoraBlockKind, or -1
 * @min_latency_ns: only latencies of at least this
 * @task: (nullable): only pairs whose task ("comm-pid", the issuer or the
 *   woken task) holds this text
 */
typedef struct
{
  RemoraTimeRange range;
  int             pid;
  int             cpu;
  int             dev;
  int             kind;
  gint64          min_latency_ns;
  const char     *task;
} RemoraLatencyFilter;

/**
 * RemoraLatencyGroup:
 * @label: what the group is ("254,0 write", "sh-146", "CPU 2", "254,0 all")
 * @latency: its summary (as remora stats gives it)
 * @total_ns: the sum of its latencies
 */
typedef struct
{
  char                *label;
  RemoraLatencySummary latency;
  gint64               total_ns;
} RemoraLatencyGroup;

/* A histogram's bins: bin b holds latencies in [edges[b], edges[b + 1]). */
#define REMORA_LATENCY_MAX_BINS 128

typedef struct
{
  int                  n_bins;
  gint64               edges[REMORA_LATENCY_MAX_BINS + 1];
  guint                counts[REMORA_LATENCY_MAX_BINS];
  guint                most; /* the fullest bin's count */
  RemoraLatencySummary latency;
} RemoraLatencyHistogram;

typedef struct _RemoraLatencyTable RemoraLatencyTable;

RemoraLatencyTable *
remora_latency_table_read (RemoraStore *store, RemoraLatencyKind kind, GError **error);
RemoraLatencyTable *remora_latency_table_ref (RemoraLatencyTable *table);
void                remora_latency_table_unref (RemoraLatencyTable *table);

RemoraLatencyKind        remora_latency_table_get_kind (const RemoraLatencyTable *table);
guint                    remora_latency_table_get_n (const RemoraLatencyTable *table);
const RemoraLatencyPair *remora_latency_table_get (const RemoraLatencyTable *table, guint i);
const char              *remora_latency_table_get_task (const RemoraLatencyTable *table, guint i);
const char              *remora_latency_table_get_waker (const RemoraLatencyTable *table, guint i);
char                    *remora_latency_table_dup_cell (const RemoraLatencyTable *table,
                                                        guint                     i,
                                                        RemoraLatencyColumn       column,
                                                        gint64                    origin);

void    remora_latency_filter_init (RemoraLatencyFilter *filter);
GArray *remora_latency_table_select (const RemoraLatencyTable  *table,
                                     const RemoraLatencyFilter *filter);
void    remora_latency_table_sort (const RemoraLatencyTable *table,
                                   GArray                   *rows,
                                   RemoraLatencyColumn       column,
                                   gboolean                  descending);
GArray *remora_latency_table_groups (const RemoraLatencyTable *table,
                                     const GArray             *rows,
                                     RemoraLatencyGroupBy      by);
void    remora_latency_summarise (const RemoraLatencyTable *table,
                                  const GArray             *rows,
                                  RemoraLatencySummary     *summary,
                                  gint64                   *total_ns);
void    remora_latency_table_histogram (const RemoraLatencyTable *table,
                                        const GArray             *rows,
                                        int                       bins_per_decade,
                                        RemoraLatencyHistogram   *out);
void    remora_latency_table_scatter (const RemoraLatencyTable *table,
                                      const GArray             *rows,
                                      const RemoraTimeRange    *range,
                                      gint64                    min_ns,
                                      gint64                    max_ns,
                                      int                       width,
                                      int                       height,
                                      guint32                  *grid);

gboolean remora_latency_table_write_csv (const RemoraLatencyTable *table,
                                         const GArray             *rows,
                                         const char               *path,
                                         GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraLatencyTable, remora_latency_table_unref)

G_END_DECLS
