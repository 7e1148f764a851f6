/* remora-detail.c: what a row holds at one time
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-detail.h"

#include <glib/gi18n-lib.h>

#include "remora-format.h"
#include "remora-row-detail.h"
#include "remora-task-row.h"

/* The name @pid had at @ts. */
static char *
dup_name (RemoraStore *store, int pid, gint64 ts, GError **error)
{
  g_autoptr (GHashTable) names = NULL;
  RemoraNameHistory *history = remora_store_get_name_history (store, error);
  const char        *name;

  if (history == NULL)
    return NULL;
  if ((name = remora_name_history_lookup (history, pid, ts)) != NULL)
    return g_strdup (name);
  names = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  if (!remora_store_read_task_names (store, &pid, 1, names, error))
    return NULL;
  return g_strdup (g_hash_table_lookup (names, GINT_TO_POINTER (pid)) ?: "<...>");
}

/**
 * remora_detail_query:
 * @store: a #RemoraStore, used on this thread
 * @row: the row's index, kept in the answer
 * @spec: the row
 * @ts: the time
 * @tolerance_ns: how far from @ts an event may lie to be named (a few
 *   pixels' worth)
 * @error: a location for a #GError
 *
 * Returns: (transfer full): what the row holds at @ts, or %NULL with @error
 *   set.
 */
RemoraDetail *
remora_detail_query (RemoraStore         *store,
                     int                  row,
                     const RemoraRowSpec *spec,
                     gint64               ts,
                     gint64               tolerance_ns,
                     GError             **error)
{
  return remora_detail_query_event (store, row, spec, ts, tolerance_ns, -1, error);
}

/**
 * remora_detail_query_event:
 * @store: a #RemoraStore, used on this thread
 * @row: the row's index, kept in the answer
 * @spec: the row
 * @ts: the time
 * @tolerance_ns: how far from @ts an event may lie to be named
 * @event_id: the event to name when it is among those near @ts (another
 *   event at the same time is not taken for it), or -1 for the nearest
 * @error: a location for a #GError
 *
 * remora_detail_query() naming one event: what selecting a row of the event
 * list selects on the timeline.
 *
 * Returns: (transfer full): what the row holds at @ts, or %NULL with @error
 *   set.
 */
RemoraDetail *
remora_detail_query_event (RemoraStore         *store,
                           int                  row,
                           const RemoraRowSpec *spec,
                           gint64               ts,
                           gint64               tolerance_ns,
                           gint64               event_id,
                           GError             **error)
{
  g_autoptr (RemoraDetail) d = g_new0 (RemoraDetail, 1);
  gboolean        by_pid = spec->kind == REMORA_ROW_TASK;
  RemoraTimeRange near = remora_time_range_make (ts - tolerance_ns, ts + tolerance_ns + 1);
  g_autoptr (GArray) events = NULL;

  d->row = row;
  d->spec = *spec;
  d->spec.label = g_strdup (spec->label);
  d->ts = ts;
  d->first_ts = remora_store_get_info (store)->first_ts;

  if (!remora_store_read_slice_at (store, spec->buffer_id, by_pid, spec->id, ts, &d->slice,
                                   &d->has_slice, error))
    return NULL;
  if (d->has_slice &&
      (d->comm = dup_name (store, d->slice.pid, CLAMP (ts, d->slice.begin_ns, d->slice.end_ns),
                           error)) == NULL)
    return NULL;
  if (d->has_slice && d->slice.pid != 0 &&
      !remora_store_read_wakeup_for_switch (store, spec->buffer_id, d->slice.pid, d->slice.begin_ns,
                                            &d->wakeup, &d->has_wakeup, error))
    return NULL;
  if (by_pid)
    {
      /* the stretch holding ts lies between the task's slice at or before
       * it and its first after it: the intervals of that span only */
      g_autoptr (GArray) around = g_array_new (FALSE, FALSE, sizeof (RemoraTaskSlice));
      g_autoptr (GArray) iv = NULL;
      const RemoraTraceInfo *info = remora_store_get_info (store);
      RemoraTimeRange        span = remora_time_range_make (info->first_ts, info->last_ts + 1);

      if (!remora_store_read_task_slices (store, spec->buffer_id, spec->id, ts, ts + 1, around,
                                          error))
        return NULL;
      if (around->len > 0 && g_array_index (around, RemoraTaskSlice, 0).begin_ns <= ts)
        span.begin_ns = g_array_index (around, RemoraTaskSlice, 0).begin_ns;
      if (around->len > 0 && g_array_index (around, RemoraTaskSlice, around->len - 1).begin_ns > ts)
        span.end_ns = g_array_index (around, RemoraTaskSlice, around->len - 1).end_ns;
      iv = remora_task_row_dup_intervals (store, spec->buffer_id, spec->id, &span, error);
      if (iv == NULL)
        return NULL;
      d->state = REMORA_TASK_STATE_UNKNOWN;
      for (guint i = 0; i < iv->len; i++)
        {
          const RemoraTaskInterval *x = &g_array_index (iv, RemoraTaskInterval, i);
          if (x->begin_ns <= ts && ts < x->end_ns)
            {
              d->state = x->state;
              d->state_begin_ns = x->begin_ns;
              d->state_end_ns = x->end_ns;
            }
        }
    }

  events = remora_row_dup_events (store, spec->buffer_id, by_pid, spec->id, &near, 64, NULL, error);
  if (events == NULL)
    return NULL;
  for (guint i = 0; i < events->len; i++)
    {
      const RemoraRowEvent *e = &g_array_index (events, RemoraRowEvent, i);
      if (d->has_event && d->event.id == event_id)
        break;
      if (!d->has_event || e->id == event_id || ABS (e->ts - ts) < ABS (d->event.ts - ts))
        {
          d->event = *e;
          d->has_event = TRUE;
        }
    }
  if (d->has_event)
    {
      if ((d->event_comm = dup_name (store, d->event.pid, d->event.ts, error)) == NULL ||
          (d->event_text = remora_store_dup_event_info (store, d->event.id, FALSE, error)) ==
              NULL ||
          (d->event_fields = remora_store_dup_event_info (store, d->event.id, TRUE, error)) == NULL)
        return NULL;
    }
  return g_steal_pointer (&d);
}

void
remora_detail_free (RemoraDetail *d)
{
  if (d == NULL)
    return;
  g_free (d->spec.label);
  remora_slice_info_clear (&d->slice);
  g_free (d->comm);
  g_free (d->event_comm);
  g_free (d->event_text);
  g_free (d->event_fields);
  g_free (d);
}

static const char *
state_name (RemoraTaskState state)
{
  switch (state)
    {
    case REMORA_TASK_STATE_RUNNING:
      return _ ("running");
    case REMORA_TASK_STATE_RUNNABLE:
      return _ ("runnable");
    case REMORA_TASK_STATE_SLEEPING:
      return _ ("sleeping");
    case REMORA_TASK_STATE_BLOCKED:
      return _ ("blocked (D)");
    case REMORA_TASK_STATE_OTHER:
      return _ ("other");
    case REMORA_TASK_STATE_UNKNOWN:
    case REMORA_TASK_N_STATES:
    default:
      return _ ("unknown");
    }
}

/* "sh-146 on CPU 2, 1.234 ms (from 0.331 s to 0.332 s)" */
static void
append_slice (GString *s, const RemoraDetail *d, gint64 first_ts)
{
  g_autofree char *dur = remora_format_duration (d->slice.end_ns - d->slice.begin_ns);
  g_autofree char *from = remora_format_timestamp (d->slice.begin_ns - first_ts);
  g_autofree char *to = remora_format_timestamp (d->slice.end_ns - first_ts);

  /* Translators: a slice: task-pid, CPU, duration, start and end (seconds from the trace's
   * start) */
  g_string_append_printf (s, _ ("%s-%d on CPU %d for %s, from %s s to %s s"),
                          d->slice.pid == 0 ? "<idle>" : d->comm, d->slice.pid, d->slice.cpu, dur,
                          from, to);
}

/**
 * remora_detail_dup_summary:
 * @detail: a #RemoraDetail
 *
 * Returns: (transfer full): a tooltip's lines: the task (pid, CPU, start,
 *   end, duration) or the task row's state, and the nearest event's name and
 *   time. Times count from @detail's trace start.
 */
char *
remora_detail_dup_summary (const RemoraDetail *d)
{
  g_autoptr (GString) s = g_string_new (NULL);

  if (d->has_slice)
    append_slice (s, d, d->first_ts);
  else if (d->spec.kind == REMORA_ROW_TASK)
    {
      g_autofree char *dur = remora_format_duration (d->state_end_ns - d->state_begin_ns);
      /* Translators: a task row's state under the pointer and for how long */
      g_string_append_printf (s, _ ("%s for %s"), state_name (d->state), dur);
    }
  if (d->has_event)
    {
      g_autofree char *at = remora_format_timestamp (d->event.ts - d->first_ts);
      if (s->len)
        g_string_append_c (s, '\n');
      /* Translators: the nearest event: its name and time */
      g_string_append_printf (s, _ ("%s at %s s"), d->event.name, at);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/**
 * remora_detail_dup_text:
 * @detail: a #RemoraDetail
 *
 * Returns: (transfer full): everything about it, for a details pane: the
 *   slice's task, CPU, start, end, duration, end state and the wakeup before
 *   it with its latency; the task row's state; the event's report text and
 *   every field.
 */
char *
remora_detail_dup_text (const RemoraDetail *d)
{
  g_autoptr (GString) s = g_string_new (NULL);

  if (d->has_slice)
    {
      g_autofree char *dur = remora_format_duration (d->slice.end_ns - d->slice.begin_ns);
      g_autofree char *from = remora_format_timestamp (d->slice.begin_ns - d->first_ts);
      g_autofree char *to = remora_format_timestamp (d->slice.end_ns - d->first_ts);

      /* Translators: the details of a slice: the task, its pid, the CPU */
      g_string_append_printf (s, _ ("Task %s, pid %d, on CPU %d\n"),
                              d->slice.pid == 0 ? "<idle>" : d->comm, d->slice.pid, d->slice.cpu);
      /* Translators: a slice's start, end (seconds from the trace's start) and duration */
      g_string_append_printf (s, _ ("From %s s to %s s: %s\n"), from, to, dur);
      /* Translators: the state a task was switched out in (S, D, R+, …) */
      g_string_append_printf (s, _ ("Switched out in state %s\n"),
                              d->slice.end_state ? d->slice.end_state : _ ("unknown (the end)"));
      if (d->has_wakeup)
        {
          g_autofree char *wts = remora_format_timestamp (d->wakeup.wakeup_ts - d->first_ts);
          g_autofree char *lat = remora_format_duration (d->wakeup.latency_ns);
          /* Translators: the wakeup before a slice: when, by which pid on which CPU, and the
           * wakeup latency */
          g_string_append_printf (s, _ ("Woken at %s s by pid %d on CPU %d: wakeup latency %s\n"),
                                  wts, d->wakeup.waker_pid, d->wakeup.wakeup_cpu, lat);
        }
    }
  else if (d->spec.kind == REMORA_ROW_TASK)
    {
      g_autofree char *dur = remora_format_duration (d->state_end_ns - d->state_begin_ns);
      g_autofree char *from = remora_format_timestamp (d->state_begin_ns - d->first_ts);
      g_autofree char *to = remora_format_timestamp (d->state_end_ns - d->first_ts);
      /* Translators: a task's state, its start, end (seconds from the trace's start) and
       * duration */
      g_string_append_printf (s, _ ("%s from %s s to %s s: %s\n"), state_name (d->state), from, to,
                              dur);
    }
  if (d->has_event)
    {
      g_autofree char *at = remora_format_timestamp (d->event.ts - d->first_ts);
      /* Translators: an event: name, time, CPU, task-pid; then its report text and fields */
      g_string_append_printf (s, _ ("Event %s at %s s on CPU %d by %s-%d\n%s\n%s\n"), d->event.name,
                              at, d->event.cpu, d->event_comm, d->event.pid, d->event_text,
                              d->event_fields);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}
