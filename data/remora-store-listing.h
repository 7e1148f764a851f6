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
 * @comm: (nullable): the task's name
 * @buffer_id: its buffer's id
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
} RemoraListedEvent;

typedef gboolean (*RemoraListedEventFunc) (const RemoraListedEvent *event,
                                           gpointer                 user_data,
                                           GError                 **error);

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
