/* remora-store-idle.h: how long each CPU was idle, and idle while block I/O
 * was in flight
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

typedef struct
{
  char  *buffer; /* "" for the top-level buffer */
  int    cpu;
  gint64 known_ns;   /* how long its state is known: from its first sched_switch */
  gint64 idle_ns;    /* of it, idle (pid 0 running) */
  gint64 idle_io_ns; /* of that, with a block request in flight */
} RemoraIdleDuringIo;

GArray *remora_store_read_idle_during_io (RemoraStore *store, GError **error);

G_END_DECLS
