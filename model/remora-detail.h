/* remora-detail.h: what a row holds at one time, for a tooltip and the
 * details of a selection
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
#include "remora-view-spec.h"

G_BEGIN_DECLS

/**
 * RemoraDetail:
 * @row: the row asked about (an index into the session's rows)
 * @spec: that row
 * @ts: the time asked about
 * @first_ts: the trace's first time, which the texts count from
 * @has_slice: whether a slice runs there (a CPU row's task, or a task row's
 *   run); then @slice holds it and @comm the task's name
 * @state: on a task row, the task's state there
 * @state_begin_ns: when that state began
 * @state_end_ns: when it ended
 * @has_wakeup: whether @slice's switch-in was paired with a wakeup
 * @wakeup: that wakeup
 * @has_event: whether an event lies within the tolerance asked for; the
 *   nearest is then described by the event fields
 * @event_text: the event's info as `trace-cmd report` prints it
 * @event_fields: every field as name=value
 *
 * What a row holds at one time: immutable once answered.
 */
typedef struct
{
  int              row;
  RemoraRowSpec    spec;
  gint64           ts;
  gint64           first_ts;
  gboolean         has_slice;
  RemoraSliceInfo  slice;
  char            *comm;
  RemoraTaskState  state;
  gint64           state_begin_ns;
  gint64           state_end_ns;
  gboolean         has_wakeup;
  RemoraWakeupInfo wakeup;
  gboolean         has_event;
  RemoraRowEvent   event;
  char            *event_comm;
  char            *event_text;
  char            *event_fields;
  GArray          *event_field_list; /* RemoraEventField */
  char            *event_damage;     /* what is wrong with its record, or NULL */
  char            *waker_comm;       /* the waker's name at the wakeup */
  /* on a device's row: the block request there */
  gboolean           has_request;
  RemoraBlockRequest request;
  char              *request_rwbs;
  char              *request_comm; /* the issuing task's name at the issue */
} RemoraDetail;

/**
 * RemoraDetailItem:
 * @label: what the value is ("Task", "Wakeup latency", a field's name), or
 *   %NULL for a heading
 * @value: the value, or a heading's text
 *
 * One line of what a detail says, for a pane of named values.
 */
typedef struct
{
  char *label;
  char *value;
} RemoraDetailItem;

RemoraDetail *remora_detail_query (RemoraStore         *store,
                                   int                  row,
                                   const RemoraRowSpec *spec,
                                   gint64               ts,
                                   gint64               tolerance_ns,
                                   GError             **error);
RemoraDetail *remora_detail_query_event (RemoraStore         *store,
                                         int                  row,
                                         const RemoraRowSpec *spec,
                                         gint64               ts,
                                         gint64               tolerance_ns,
                                         gint64               event_id,
                                         GError             **error);
void          remora_detail_free (RemoraDetail *detail);
char         *remora_detail_dup_summary (const RemoraDetail *detail);
char         *remora_detail_dup_text (const RemoraDetail *detail);
GArray       *remora_detail_dup_items (const RemoraDetail *detail);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraDetail, remora_detail_free)

G_END_DECLS
