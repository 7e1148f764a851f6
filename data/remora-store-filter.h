/* remora-store-filter.h: a store's events that match a filter
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include <gio/gio.h>

#include "remora-store.h"

G_BEGIN_DECLS

/**
 * RemoraEventFilter:
 * @cpus: (nullable) (array length=n_cpus): the CPUs shown (non-zero), by
 *   number in every buffer; %NULL for every CPU
 * @n_cpus: the length of @cpus; CPUs past it are not shown
 * @pids: (nullable) (array length=n_pids): the tasks shown, sorted; %NULL
 *   for every task
 * @n_pids: the length of @pids
 * @types: (nullable) (array length=n_types): the event types shown
 *   (non-zero), by `event_types.id`; %NULL for every type
 * @n_types: the length of @types; types past it are not shown
 * @expression: (nullable): a filter in libtraceevent's syntax
 *   (`sched_switch: prev_state == 2`), as `trace-cmd report -F` takes it
 * @text: (nullable): text that the event's info (its report text) holds,
 *   ASCII letters in any case
 *
 * What events to keep: those that pass every part given.
 */
typedef struct
{
  const guint8 *cpus;
  guint         n_cpus;
  const gint32 *pids;
  guint         n_pids;
  const guint8 *types;
  guint         n_types;
  const char   *expression;
  const char   *text;
} RemoraEventFilter;

/**
 * RemoraFilterMatch:
 * @id: the event
 * @ts: its time
 * @cpu: its CPU
 * @pid: the task
 * @buffer_id: its buffer
 */
typedef struct
{
  gint64 id;
  gint64 ts;
  gint32 cpu;
  gint32 pid;
  gint32 buffer_id;
} RemoraFilterMatch;

/**
 * RemoraFilterFunc:
 * @matches: (array length=n): matches, in id order within one call (calls
 *   may go back when the filter reads one event type after another)
 * @n: how many
 * @scanned: how many of the events asked for have been looked at so far
 * @user_data: the data given
 *
 * Returns: %FALSE to stop.
 */
typedef gboolean (*RemoraFilterFunc) (const RemoraFilterMatch *matches,
                                      guint                    n,
                                      gint64                   scanned,
                                      gpointer                 user_data);

/**
 * RemoraEventType:
 * @id: its `event_types.id`
 * @buffer_id: its buffer
 * @buffer: the buffer's name ("" for the top-level one)
 * @system: its system (`sched`)
 * @name: its name (`sched_switch`)
 * @count: how many events of it the trace has
 */
typedef struct
{
  gint64 id;
  gint32 buffer_id;
  char  *buffer;
  char  *system;
  char  *name;
  gint64 count;
} RemoraEventType;

/**
 * RemoraTaskTally:
 * @pid: the task
 * @comm: its name (the last a scheduler event gave it)
 * @events: how many events were recorded while it ran
 * @run_ns: how long it ran, on every CPU
 */
typedef struct
{
  gint32 pid;
  char  *comm;
  gint64 events;
  gint64 run_ns;
} RemoraTaskTally;

GArray *remora_store_read_event_types (RemoraStore *store, GError **error);
GArray *remora_store_find_types (RemoraStore *store, const char *name, GError **error);
GArray *
remora_store_read_task_tallies (RemoraStore *store, GCancellable *cancellable, GError **error);
gboolean
remora_store_check_filter_expression (RemoraStore *store, const char *expression, GError **error);
gboolean remora_store_filter_events (RemoraStore             *store,
                                     const RemoraEventFilter *filter,
                                     gint64                   first_id,
                                     gint64                   last_id,
                                     RemoraFilterFunc         func,
                                     gpointer                 user_data,
                                     GCancellable            *cancellable,
                                     GError                 **error);

/**
 * RemoraCellEventsFunc:
 * @by_pid: %TRUE for a task's cell, %FALSE for a CPU's
 * @buffer_id: the buffer
 * @id: the CPU or the task
 * @cell: the cell (ts >> REMORA_LOD_CELL_SHIFT (0))
 * @events: how many events
 * @user_data: the data given with it
 */
typedef void (*RemoraCellEventsFunc) (
    gboolean by_pid, int buffer_id, int id, gint64 cell, guint32 events, gpointer user_data);

gboolean remora_store_filter_complement (RemoraStore             *store,
                                         const RemoraEventFilter *filter,
                                         RemoraEventFilter       *complement,
                                         guint8                 **values,
                                         GError                 **error);
gboolean remora_store_read_cell_events (RemoraStore         *store,
                                        RemoraCellEventsFunc func,
                                        gpointer             user_data,
                                        GError             **error);

G_END_DECLS
