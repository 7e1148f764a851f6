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
/* On a device's row: the request @request_id, or the one at @ts (the top
 * lane's of those in flight then, else the nearest within @tolerance_ns). */
static RemoraDetail *
query_request (RemoraStore  *store,
               RemoraDetail *d,
               gint64        ts,
               gint64        tolerance_ns,
               gint64        request_id,
               GError      **error)
{
  g_autoptr (RemoraDetail) owned = d;
  g_autoptr (RemoraBlockIndex) index = NULL;
  const RemoraBlockDevice  *device;
  const RemoraBlockRequest *requests, *found = NULL;
  guint                     n;

  if ((index = remora_store_get_block_index (store, d->spec.buffer_id, error)) == NULL)
    return NULL;
  device = remora_block_index_find_device (index, d->spec.id);
  if (device == NULL)
    return g_steal_pointer (&owned);
  requests = remora_block_device_get_requests (device, &n);
  if (request_id >= 0)
    found = remora_block_device_find_request (device, request_id);
  else
    {
      g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
      gint64 best = G_MAXINT64;

      remora_block_device_collect (device, ts - tolerance_ns, ts + tolerance_ns + 1, G_MAXUINT,
                                   near);
      for (guint i = 0; i < near->len; i++)
        {
          const RemoraBlockRequest *r = &requests[g_array_index (near, guint, i)];
          /* how far from ts, in flight then first, the top lane first */
          gint64 away = r->issue_ts > ts ? r->issue_ts - ts : r->end_ts < ts ? ts - r->end_ts : 0;
          gint64 rank = away * 64 + MIN (r->lane, 63);

          if (rank < best)
            best = rank, found = r;
        }
    }
  if (found == NULL)
    return g_steal_pointer (&owned);
  d->has_request = TRUE;
  d->request = *found;
  if ((d->request_rwbs = remora_store_read_block_rwbs (store, found->id, error)) == NULL ||
      (d->request_comm = dup_name (store, found->issue_pid, found->issue_ts, error)) == NULL)
    return NULL;
  return g_steal_pointer (&owned);
}

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
  /* a device's row: its request there (@event_id names a request) */
  if (spec->kind == REMORA_ROW_DEVICE)
    return query_request (store, g_steal_pointer (&d), ts, tolerance_ns, event_id, error);

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
  if (d->has_wakeup &&
      (d->waker_comm = dup_name (store, d->wakeup.waker_pid, d->wakeup.wakeup_ts, error)) == NULL)
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
      /* the task's name then, for its state */
      if (!d->has_slice && (d->comm = dup_name (store, spec->id, ts, error)) == NULL)
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
          (d->event_fields = remora_store_dup_event_info (store, d->event.id, TRUE, error)) ==
              NULL ||
          (d->event_field_list =
               remora_store_list_fields (store, d->event.id, &d->event_damage, error)) == NULL)
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
  g_clear_pointer (&d->event_field_list, g_array_unref);
  g_free (d->event_damage);
  g_free (d->waker_comm);
  g_free (d->request_rwbs);
  g_free (d->request_comm);
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

/* "254,0 write (WS) 350504 + 32" */
static char *
request_text (const RemoraDetail *d)
{
  g_autofree char *dev = remora_block_dev_name (d->spec.id);

  /* Translators: a block request: its device, kind, flags as the trace
   * has them, first sector and size in sectors */
  return g_strdup_printf (_ ("%s %s (%s) %lld + %d"), dev,
                          remora_format_block_kind (d->request.kind), d->request_rwbs,
                          (long long) d->request.sector, d->request.nr_sector);
}

/* How long the request took, or why that is not known. */
static char *
request_latency (const RemoraDetail *d)
{
  if (d->request.flags & REMORA_BLOCK_COMPLETED)
    return remora_format_duration (d->request.end_ts - d->request.issue_ts);
  if (d->request.flags & REMORA_BLOCK_REQUEUED)
    /* Translators: a block request requeued before it completed */
    return g_strdup (_ ("requeued, no latency"));
  /* Translators: a block request the trace has no completion of */
  return g_strdup (_ ("still in flight at the trace's end"));
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

  if (d->has_request)
    {
      g_autofree char *what = request_text (d);
      g_autofree char *latency = request_latency (d);

      /* Translators: a block request under the pointer: device, kind,
       * sector and size; then how long it took */
      g_string_append_printf (s, _ ("%s: %s"), what, latency);
    }
  else if (d->has_slice)
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

static void
clear_item (gpointer p)
{
  RemoraDetailItem *item = p;

  g_free (item->label);
  g_free (item->value);
}

static void
add_item (GArray *items, const char *label, char *value)
{
  RemoraDetailItem item = { g_strdup (label), value };
  g_array_append_val (items, item);
}

/* "sh-146" as trace-cmd names a task, "<idle>" for pid 0 */
static char *
task_name (const char *comm, int pid)
{
  return pid == 0 ? g_strdup ("<idle>") : g_strdup_printf ("%s-%d", comm ? comm : "<...>", pid);
}

static char *
span_text (const RemoraDetail *d, gint64 begin_ns, gint64 end_ns)
{
  g_autofree char *dur = remora_format_duration (end_ns - begin_ns);
  g_autofree char *from = remora_format_timestamp (begin_ns - d->first_ts);
  g_autofree char *to = remora_format_timestamp (end_ns - d->first_ts);

  /* Translators: a stretch of time: from, to (seconds from the trace's start), how long */
  return g_strdup_printf (_ ("from %s s to %s s (%s)"), from, to, dur);
}

/**
 * remora_detail_dup_items:
 * @d: a detail
 *
 * What @d says, as named values under headings: the slice (the task, its
 * CPU and time, how it ended, the wakeup before it and its waker, the
 * wakeup latency) or the task's state, then the event (its name, time, CPU
 * and task, its text as `trace-cmd report` prints it, and each field, a
 * device as `MAJOR,MINOR`; for a record damaged in the trace, what is
 * wrong with it).
 *
 * Returns: (transfer full) (element-type RemoraDetailItem): the lines.
 */
GArray *
remora_detail_dup_items (const RemoraDetail *d)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (RemoraDetailItem));

  g_array_set_clear_func (items, clear_item);
  if (d->has_request)
    {
      const RemoraBlockRequest *r = &d->request;
      g_autofree char          *at = remora_format_timestamp (r->issue_ts - d->first_ts);
      g_autofree char          *who = task_name (d->request_comm, r->issue_pid);
      g_autofree char          *size =
          g_format_size_full ((guint64) r->nr_sector * 512, G_FORMAT_SIZE_IEC_UNITS);

      /* Translators: a heading of the details pane */
      add_item (items, NULL, g_strdup (_ ("Block request")));
      add_item (items, _ ("Device"), remora_block_dev_name (d->spec.id));
      /* Translators: what a block request did, then its flags as the trace has them */
      add_item (
          items, _ ("Kind"),
          g_strdup_printf (_ ("%s (%s)"), remora_format_block_kind (r->kind), d->request_rwbs));
      /* Translators: a block request's first sector and its size */
      add_item (items, _ ("Sectors"),
                g_strdup_printf (_ ("%lld + %d (%s)"), (long long) r->sector, r->nr_sector, size));
      /* Translators: a block request's issue: when, on which CPU, by which task */
      add_item (items, _ ("Issued"),
                g_strdup_printf (_ ("at %s s on CPU %d by %s"), at, r->issue_cpu, who));
      if (r->flags & REMORA_BLOCK_COMPLETED)
        {
          g_autofree char *done = remora_format_timestamp (r->end_ts - d->first_ts);

          /* Translators: a block request's completion: when, on which CPU */
          add_item (items, _ ("Completed"),
                    r->complete_cpu >= 0
                        ? g_strdup_printf (_ ("at %s s on CPU %d"), done, r->complete_cpu)
                        : g_strdup_printf (_ ("at %s s"), done));
        }
      add_item (items, _ ("Latency"), request_latency (d));
    }
  if (d->has_slice)
    {
      /* Translators: a heading of the details pane */
      add_item (items, NULL, g_strdup (_ ("Run on a CPU")));
      add_item (items, _ ("Task"), task_name (d->comm, d->slice.pid));
      add_item (items, _ ("CPU"), g_strdup_printf ("%d", d->slice.cpu));
      add_item (items, _ ("Time"), span_text (d, d->slice.begin_ns, d->slice.end_ns));
      /* Translators: the state a task was switched out in (S, D, R+, …) */
      add_item (items, _ ("Switched out in"),
                g_strdup (d->slice.end_state ? d->slice.end_state
                                             : _ ("unknown (the trace ends first)")));
      if (d->has_wakeup)
        {
          g_autofree char *wts = remora_format_timestamp (d->wakeup.wakeup_ts - d->first_ts);
          g_autofree char *waker = task_name (d->waker_comm, d->wakeup.waker_pid);

          /* Translators: the wakeup before a run: when, by which task, on which CPU */
          add_item (
              items, _ ("Woken"),
              g_strdup_printf (_ ("at %s s by %s on CPU %d"), wts, waker, d->wakeup.wakeup_cpu));
          add_item (items, _ ("Wakeup latency"), remora_format_duration (d->wakeup.latency_ns));
        }
    }
  else if (d->spec.kind == REMORA_ROW_TASK && d->state_end_ns > d->state_begin_ns)
    {
      add_item (items, NULL, g_strdup (_ ("Task state")));
      add_item (items, _ ("Task"), task_name (d->comm, d->spec.id));
      add_item (items, _ ("State"), g_strdup (state_name (d->state)));
      add_item (items, _ ("Time"), span_text (d, d->state_begin_ns, d->state_end_ns));
    }
  if (d->has_event)
    {
      g_autofree char *at = remora_format_timestamp (d->event.ts - d->first_ts);

      /* Translators: a heading of the details pane */
      add_item (items, NULL, g_strdup (_ ("Event")));
      add_item (items, _ ("Name"), g_strdup (d->event.name));
      add_item (items, _ ("Time"), g_strdup_printf ("%s s", at));
      add_item (items, _ ("CPU"), g_strdup_printf ("%d", d->event.cpu));
      if (d->event_damage != NULL)
        /* Translators: an event whose record was damaged in the trace: its pid and
         * fields cannot be read */
        add_item (items, _ ("Damaged"), g_strdup (d->event_damage));
      else
        {
          add_item (items, _ ("Task"), task_name (d->event_comm, d->event.pid));
          /* Translators: the event's text as trace-cmd report prints it */
          add_item (items, _ ("Info"), g_strdup (d->event_text));
          for (guint i = 0; d->event_field_list && i < d->event_field_list->len; i++)
            {
              const RemoraEventField *f = &g_array_index (d->event_field_list, RemoraEventField, i);
              add_item (items, f->name, g_strdup (f->value));
            }
        }
    }
  return items;
}

/**
 * remora_detail_dup_text:
 * @d: a detail
 *
 * Returns: (transfer full): remora_detail_dup_items() as lines of text,
 *   `Label: value`, headings alone.
 */
char *
remora_detail_dup_text (const RemoraDetail *d)
{
  g_autoptr (GArray) items = remora_detail_dup_items (d);
  g_autoptr (GString) s = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const RemoraDetailItem *item = &g_array_index (items, RemoraDetailItem, i);

      if (item->label == NULL)
        g_string_append_printf (s, "%s%s\n", s->len ? "\n" : "", item->value);
      else
        g_string_append_printf (s, "%s: %s\n", item->label, item->value);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}
