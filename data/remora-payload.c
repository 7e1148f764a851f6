/* remora-payload.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <string.h>

#include "remora-payload-private.h"
#include "remora-task-state.h"

/* libtraceevent reads a record's fields where its format says they are,
 * without looking at the record's size: a damaged record (or a damaged
 * format) would make it read past the payload. These checks come first. */

static gboolean
field_fits (const struct tep_format_field *field, const guint8 *data, int size)
{
  guint32 loc;
  guint64 begin, len;

  if (field->offset < 0 || field->size < 0 || (gint64) field->offset + field->size > size)
    return FALSE;
  if ((field->flags & TEP_FIELD_IS_DYNAMIC) == 0)
    return TRUE;
  /* __data_loc: 16 bits of offset, 16 of length; __rel_loc counts the
   * offset from the end of the field itself */
  if (field->size < 4)
    return FALSE;
  memcpy (&loc, data + field->offset, 4);
  if (field->event != NULL && field->event->tep != NULL &&
      tep_is_file_bigendian (field->event->tep) != tep_is_local_bigendian (field->event->tep))
    loc = GUINT32_SWAP_LE_BE (loc);
  begin = loc & 0xffff;
  len = loc >> 16;
  if (field->flags & TEP_FIELD_IS_RELATIVE)
    begin += (guint64) field->offset + field->size;
  return begin + len <= (guint64) size;
}

/**
 * remora_payload_common_size:
 * @tep: a trace's formats
 *
 * Returns: how many bytes the fields common to every event take (where the
 *   event's type and pid are), or -1 if the formats do not say.
 */
int
remora_payload_common_size (struct tep_handle *tep)
{
  struct tep_event **events = tep_list_events (tep, TEP_EVENT_SORT_ID);
  int                end = -1;

  if (events == NULL || events[0] == NULL)
    return -1;
  for (const struct tep_format_field *f = events[0]->format.common_fields; f != NULL; f = f->next)
    {
      if (f->offset < 0 || f->size < 0 || f->offset > 4096 || f->size > 4096)
        return -1;
      end = MAX (end, f->offset + f->size);
    }
  return end;
}

/**
 * remora_payload_fits:
 * @event: the record's event format
 * @data: the payload
 * @size: its size in bytes
 *
 * Returns: %TRUE if every field of @event, its dynamic arrays and strings
 *   included, lies inside the @size bytes of @data.
 */
gboolean
remora_payload_fits (struct tep_event *event, const void *data, int size)
{
  if (size < 0)
    return FALSE;
  for (const struct tep_format_field *f = event->format.common_fields; f != NULL; f = f->next)
    if (!field_fits (f, data, size))
      return FALSE;
  for (const struct tep_format_field *f = event->format.fields; f != NULL; f = f->next)
    if (!field_fits (f, data, size))
      return FALSE;
  return TRUE;
}

/**
 * remora_payload_check:
 * @tep: the trace's formats
 * @common_size: remora_payload_common_size() of @tep
 * @rec: a record
 * @event: (out) (optional): its event, when it has one
 *
 * Returns: whether libtraceevent may read @rec's fields, and if not, why.
 */
RemoraPayloadCheck
remora_payload_check (struct tep_handle *tep,
                      int                common_size,
                      struct tep_record *rec,
                      struct tep_event **event)
{
  struct tep_event  *e = NULL;
  RemoraPayloadCheck check;

  if (common_size <= 0 || rec->size < common_size)
    check = REMORA_PAYLOAD_SHORT;
  else if ((e = tep_find_event (tep, tep_data_type (tep, rec))) == NULL)
    check = REMORA_PAYLOAD_UNKNOWN;
  else if (!remora_payload_fits (e, rec->data, rec->size))
    check = REMORA_PAYLOAD_MISFIT;
  else
    check = REMORA_PAYLOAD_OK;
  if (event)
    *event = e;
  return check;
}

/* sched_switch ----------------------------------------------------------------- */

/* libtraceevent's plugin_sched_switch's write_and_save_comm(): the comm, and
 * (save) the pid it names for later lines (where the saved cmdlines do not). */
static void
write_and_save_comm (struct tep_format_field *field,
                     struct tep_record       *record,
                     struct trace_seq        *s,
                     int                      pid,
                     gboolean                 save)
{
  const char *comm = (const char *) record->data + field->offset;
  int         len = s->len;

  trace_seq_printf (s, "%.*s", field->size, comm);
  trace_seq_terminate (s);
  if (save)
    tep_register_comm (field->event->tep, &s->buffer[len], pid);
}

/**
 * remora_print_sched_switch:
 * @s: where to print
 * @record: a sched_switch record
 * @event: its format
 * @save_comms: %TRUE to teach the handle the names the record gives (as
 *   trace-cmd report does, reading in order), %FALSE for an event read alone
 *
 * Prints a sched_switch as libtraceevent's sched_switch plugin does, but
 * for the state, in the kernel's letters: everything that prints an event
 * (the listing, the event list, details, remora_text()) says it alike.
 *
 * Returns: 0, as a tep event handler
 */
int
remora_print_sched_switch (struct trace_seq  *s,
                           struct tep_record *record,
                           struct tep_event  *event,
                           gboolean           save_comms)
{
  struct tep_format_field *field;
  unsigned long long       val;
  char                     state[24];

  if (tep_get_field_val (s, event, "prev_pid", record, &val, 1))
    return trace_seq_putc (s, '!');
  field = tep_find_any_field (event, "prev_comm");
  if (field)
    {
      write_and_save_comm (field, record, s, (int) val, save_comms);
      trace_seq_putc (s, ':');
    }
  trace_seq_printf (s, "%lld ", val);
  if (tep_get_field_val (s, event, "prev_prio", record, &val, 1) == 0)
    trace_seq_printf (s, "[%d] ", (int) val);
  /* the one difference: the kernel's letters (remora_task_state_format) */
  if (tep_get_field_val (s, event, "prev_state", record, &val, 1) == 0)
    trace_seq_puts (s, remora_task_state_format ((gint64) val, state));
  trace_seq_puts (s, " ==> ");
  if (tep_get_field_val (s, event, "next_pid", record, &val, 1))
    return trace_seq_putc (s, '!');
  field = tep_find_any_field (event, "next_comm");
  if (field)
    {
      write_and_save_comm (field, record, s, (int) val, save_comms);
      trace_seq_putc (s, ':');
    }
  trace_seq_printf (s, "%lld", val);
  if (tep_get_field_val (s, event, "next_prio", record, &val, 1) == 0)
    trace_seq_printf (s, " [%d]", (int) val);
  return 0;
}
