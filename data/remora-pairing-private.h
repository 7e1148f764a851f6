/* remora-pairing-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The pairing rules of SCHEMA.md as two small state machines, fed one buffer's
 * events in time order. They know nothing of SQLite or libtracecmd, so tests
 * can drive them with made-up sequences. Not thread-safe; one per buffer.
 */

typedef struct
{
  gint64   wakeup_event_id;
  gint64   switch_event_id; /* -1 while pending */
  gint64   wakeup_ts;
  gint64   switch_ts;
  int      pid;
  int      wakeup_cpu;
  int      target_cpu;
  int      switch_cpu;
  int      waker_pid;
  gboolean new_task;
  char     comm[17];
} RemoraWakeupRow;

typedef void (*RemoraWakeupEmit) (const RemoraWakeupRow *row, gpointer user_data);

typedef struct
{
  RemoraWakeupEmit emit;
  gpointer         user_data;
  GHashTable      *pending;    /* pid -> RemoraWakeupRow* */
  GHashTable      *running_on; /* pid -> cpu + 1 */
  GArray          *running;    /* int per cpu: pid, or -1 while unknown */
  /* counts */
  gint64 wakeups;
  gint64 wakeups_new;
  gint64 matched;
  gint64 wakeup_while_running;
  gint64 duplicate_wakeups;
  gint64 stale_dropped;
  gint64 unmatched_at_end;
} RemoraWakeupPairer;

void
remora_wakeup_pairer_init (RemoraWakeupPairer *self, RemoraWakeupEmit emit, gpointer user_data);
void remora_wakeup_pairer_clear (RemoraWakeupPairer *self);
void remora_wakeup_pairer_wakeup (RemoraWakeupPairer *self,
                                  gint64              event_id,
                                  gint64              ts,
                                  int                 cpu,
                                  int                 pid,
                                  const char         *comm,
                                  int                 target_cpu,
                                  gboolean            new_task,
                                  int                 waker_pid);
void remora_wakeup_pairer_switch (
    RemoraWakeupPairer *self, gint64 event_id, gint64 ts, int cpu, int prev_pid, int next_pid);
void remora_wakeup_pairer_lost (RemoraWakeupPairer *self, int cpu);
void remora_wakeup_pairer_finish (RemoraWakeupPairer *self);

typedef struct
{
  gint64   issue_event_id;
  gint64   complete_event_id; /* -1 when not completed */
  gint64   issue_ts;
  gint64   complete_ts;
  guint64  sector;
  guint32  nr_sector;
  guint32  dev; /* major << 20 | minor */
  int      issue_cpu;
  int      issue_pid;
  int      complete_cpu;
  int      error;
  gboolean requeued;
  char     rwbs[9];
} RemoraBlockRow;

typedef void (*RemoraBlockEmit) (const RemoraBlockRow *row, gpointer user_data);

typedef struct
{
  RemoraBlockEmit emit;
  gpointer        user_data;
  GHashTable     *open; /* key -> GQueue of RemoraBlockRow* */
  gint64          issued;
  gint64          completed;
  gint64          matched;
  gint64          zero_length_matched;
  gint64          complete_without_issue;
  gint64          complete_without_issue_zero_length;
  gint64          requeue_events;
  gint64          requeued;
  gint64          issued_not_completed;
  gint64          complete_with_error;
} RemoraBlockPairer;

void remora_block_pairer_init (RemoraBlockPairer *self, RemoraBlockEmit emit, gpointer user_data);
void remora_block_pairer_clear (RemoraBlockPairer *self);
void remora_block_pairer_issue (RemoraBlockPairer *self,
                                gint64             event_id,
                                gint64             ts,
                                int                cpu,
                                int                pid,
                                guint32            dev,
                                guint64            sector,
                                guint32            nr_sector,
                                const char        *rwbs);
void remora_block_pairer_complete (RemoraBlockPairer *self,
                                   gint64             event_id,
                                   gint64             ts,
                                   int                cpu,
                                   guint32            dev,
                                   guint64            sector,
                                   guint32            nr_sector,
                                   const char        *rwbs,
                                   int                error);
void remora_block_pairer_requeue (RemoraBlockPairer *self,
                                  gint64             event_id,
                                  gint64             ts,
                                  int                cpu,
                                  guint32            dev,
                                  guint64            sector,
                                  guint32            nr_sector,
                                  const char        *rwbs);
void remora_block_pairer_finish (RemoraBlockPairer *self);

G_END_DECLS
