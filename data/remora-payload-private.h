/* remora-payload-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <glib.h>
#include <traceevent/event-parse.h>

G_BEGIN_DECLS

typedef enum
{
  REMORA_PAYLOAD_OK,
  REMORA_PAYLOAD_SHORT,   /* too short for the fields every record starts with */
  REMORA_PAYLOAD_UNKNOWN, /* its id names no event of the trace */
  REMORA_PAYLOAD_MISFIT,  /* its fields do not fit inside it */
} RemoraPayloadCheck;

int                remora_payload_common_size (struct tep_handle *tep);
gboolean           remora_payload_fits (struct tep_event *event, const void *data, int size);
RemoraPayloadCheck remora_payload_check (struct tep_handle *tep,
                                         int                common_size,
                                         struct tep_record *rec,
                                         struct tep_event **event);

int remora_print_sched_switch (struct trace_seq  *s,
                               struct tep_record *record,
                               struct tep_event  *event,
                               gboolean           save_comms);

G_END_DECLS
