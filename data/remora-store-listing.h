/* remora-store-listing.h: a store's events, one by one, as listings print them
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include "remora-store.h"

G_BEGIN_DECLS

/**
 * RemoraListedEvent:
 * @id: the event's id (time order)
 * @ts: its time, ns as recorded
 * @cpu: the CPU that recorded it
 * @pid: the task that was running
 * @name: the event's name
 * @buffer: its buffer's name ("" for the top-level one)
 * @comm: (nullable): the task's one name in tasks (its last, as scheduler
 *   events gave it)
 * @buffer_id: its buffer's id
 * @task: (not nullable): the name the task had at that moment (task_names:
 *   `<idle>` for pid 0, `<...>` for a task the store does not name)
 * @info: (nullable): its text as `trace-cmd report` prints it, when asked
 * @latency: (nullable): its latency flags as `trace-cmd report -l` prints
 *   them (`d..2.`), when asked
 *
 * One event of a listing; the strings are valid during the callback only.
 */
typedef struct
{
  gint64      id;
  gint64      ts;
  gint32      cpu;
  gint32      pid;
  const char *name;
  const char *buffer;
  const char *comm;
  gint32      buffer_id;
  const char *task;
  const char *info;
  const char *latency;
} RemoraListedEvent;

typedef gboolean (*RemoraListedEventFunc) (const RemoraListedEvent *event,
                                           gpointer                 user_data,
                                           GError                 **error);

/**
 * RemoraNextIdFunc:
 * @id: an event id
 * @user_data: the data given with it
 *
 * Returns: the first event wanted at or after @id, -1 when no more is.
 */
typedef gint64 (*RemoraNextIdFunc) (gint64 id, gpointer user_data);

gboolean remora_store_list_chosen_events (RemoraStore          *store,
                                          RemoraNextIdFunc      next,
                                          gpointer              next_data,
                                          gboolean              texts,
                                          RemoraListedEventFunc func,
                                          gpointer              user_data,
                                          GError              **error);
gboolean remora_store_list_events (RemoraStore          *store,
                                   gint64                first_id,
                                   const char           *name,
                                   gint64                limit,
                                   RemoraListedEventFunc func,
                                   gpointer              user_data,
                                   GError              **error);

/**
 * RemoraLostRow:
 * @event_id: the first event of its CPU after the gap: the line comes
 *   before it
 * @buffer_id: the buffer
 * @cpu: the CPU that lost events
 * @count: how many, -1 when the kernel did not know
 *
 * A gap of lost events, where `trace-cmd report` prints
 * `CPU:N [K EVENTS DROPPED]`.
 */
typedef struct
{
  gint64 event_id;
  gint32 buffer_id;
  gint32 cpu;
  gint64 count;
} RemoraLostRow;

/**
 * RemoraNeighbour:
 * @REMORA_NEIGHBOUR_NAME: an event of the same name (in the same buffer)
 * @REMORA_NEIGHBOUR_TASK: an event recorded while the same task ran (in any
 *   buffer: a task is one pid)
 * @REMORA_NEIGHBOUR_CPU: an event of the same CPU (of the same buffer)
 *
 * What "the next one" is alike in.
 */
typedef enum
{
  REMORA_NEIGHBOUR_NAME,
  REMORA_NEIGHBOUR_TASK,
  REMORA_NEIGHBOUR_CPU,
} RemoraNeighbour;

gboolean remora_store_find_neighbour (RemoraStore    *store,
                                      gint64          event_id,
                                      RemoraNeighbour alike,
                                      gboolean        forward,
                                      gint64         *found,
                                      GError        **error);
GArray  *remora_store_read_lost_rows (RemoraStore *store, GError **error);
gboolean remora_store_find_event_at (RemoraStore *store, gint64 ts, gint64 *id, GError **error);

G_END_DECLS
