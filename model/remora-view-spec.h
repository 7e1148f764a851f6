/* remora-view-spec.h: the parts of what a view looks at
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_MODEL_INSIDE) && !defined(REMORA_MODEL_COMPILATION)
#error "Only <remora-model.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  REMORA_ROW_CPU,
  REMORA_ROW_TASK,
  REMORA_ROW_DEVICE,
} RemoraRowKind;

/* How many rows' heights a row of @kind takes: a device's lanes take three. */
#define REMORA_ROW_UNITS(kind) ((kind) == REMORA_ROW_DEVICE ? 3 : 1)

/**
 * RemoraRowSpec:
 * @kind: a CPU row, a task row or a block device's row
 * @buffer_id: the buffer (0 for the top-level one)
 * @id: the CPU, the task's pid, or the device (REMORA_BLOCK_DEV())
 * @label: (nullable): the row's label; %NULL for "CPU n" or "comm-pid"
 *
 * One row of a timeline.
 */
typedef struct
{
  RemoraRowKind kind;
  int           buffer_id;
  int           id;
  char         *label;
} RemoraRowSpec;

/* How many rows' heights the rows of @rows (of RemoraRowSpec) take. */
static inline guint
remora_rows_units (const GArray *rows)
{
  guint units = 0;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    units += REMORA_ROW_UNITS (((const RemoraRowSpec *) (gconstpointer) rows->data)[i].kind);
  return units;
}

/**
 * RemoraMarker:
 * @name: what the marker is called ("A", "wake")
 * @ts: the time it marks, ns as recorded
 *
 * A named time; a view shows the time from each marker to the next.
 */
typedef struct
{
  char  *name;
  gint64 ts;
} RemoraMarker;

typedef enum
{
  REMORA_SELECTION_NONE,
  REMORA_SELECTION_EVENT,   /* one event, by id */
  REMORA_SELECTION_SLICE,   /* a task's run on a CPU */
  REMORA_SELECTION_STATE,   /* a task's state between two runs */
  REMORA_SELECTION_REQUEST, /* a block request, issue to completion (event_id: its row) */
} RemoraSelectionKind;

/**
 * RemoraSelection:
 * @row: the row of the selection (an index into the view's rows), or -1
 *   when nothing is selected or the event's row is not shown
 * @begin_ns: where it starts
 * @end_ns: where it ends (exclusive; equal to @begin_ns for an event)
 * @kind: what is selected
 * @event_id: for an event, its id; else -1
 * @buffer_id: the buffer of what is selected
 *
 * What is selected, for every view: an event, a slice or a task's state.
 */
typedef struct
{
  int                 row;
  gint64              begin_ns;
  gint64              end_ns;
  RemoraSelectionKind kind;
  gint64              event_id;
  int                 buffer_id;
} RemoraSelection;

/* What a selection does besides selecting (remora_session_select_at(),
 * remora_session_select_event()) */
typedef enum
{
  REMORA_SELECT_MARK_A = 1 << 0, /* marker A goes where it was asked, onto the event found */
  REMORA_SELECT_REVEAL = 1 << 1, /* the visible range moves to it when it lies outside */
} RemoraSelectFlags;

G_END_DECLS
