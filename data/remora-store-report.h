/* remora-store-report.h: a store's events as trace-cmd report prints them
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include <gio/gio.h>

#include "remora-store.h"

G_BEGIN_DECLS

/**
 * RemoraReportOptions:
 * @nsec: times in nanoseconds (`trace-cmd report -t`)
 * @raw: every field as name=value (`-R`)
 * @cpus: (array length=n_cpus) (nullable): the CPUs to print (`--cpu`), a
 *   byte per CPU, %NULL for all
 * @n_cpus: how many bytes @cpus has
 * @filters: (array zero-terminated=1) (nullable): expressions in
 *   libtraceevent's syntax (`-F`): an event is printed when one of them
 *   keeps it (an event none names is not)
 * @notrace: (array zero-terminated=1) (nullable): expressions whose events
 *   are not printed (`-v -F`)
 * @pids: (array zero-terminated=1) (nullable): tasks by pid (`--pid`): an
 *   event is printed when it was recorded while one ran, or names one in a
 *   `pid` or `next_pid` field
 * @comms: (array zero-terminated=1) (nullable): tasks by name (`--comm`),
 *   as the trace's saved cmdlines name them, as --pid
 * @no_irqs: no event recorded in a hard interrupt (`-I`)
 * @no_softirqs: no event recorded in a soft interrupt (`-S`)
 * @name: (nullable): only events of this name (`sched_switch`, or
 *   `sched:sched_switch`)
 * @text: (nullable): only events whose text holds this (ASCII letters in
 *   any case)
 * @from_ns: the first time to print (ns as recorded), G_MININT64 for all
 * @to_ns: the time after the last to print, G_MAXINT64 for all
 * @first_id: the first event to look at
 * @limit: how many events to print at most, -1 for all
 *
 * What `trace-cmd report` takes, with the same options.
 */
typedef struct
{
  gboolean           nsec;
  gboolean           raw;
  const guint8      *cpus;
  guint              n_cpus;
  const char *const *filters;
  const char *const *notrace;
  const char *const *pids;
  const char *const *comms;
  gboolean           no_irqs;
  gboolean           no_softirqs;
  const char        *name;
  const char        *text;
  gint64             from_ns;
  gint64             to_ns;
  gint64             first_id;
  gint64             limit;
} RemoraReportOptions;

void remora_report_options_init (RemoraReportOptions *options);

/**
 * RemoraReportLineFunc:
 * @line: a line, without its newline
 * @event_id: the event it prints, -1 for the header and the lines of lost
 *   events
 * @user_data: the data given with it
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set to stop.
 */
typedef gboolean (*RemoraReportLineFunc) (const char *line,
                                          gint64      event_id,
                                          gpointer    user_data,
                                          GError    **error);

gboolean remora_store_report (RemoraStore               *store,
                              const RemoraReportOptions *options,
                              RemoraReportLineFunc       func,
                              gpointer                   user_data,
                              GCancellable              *cancellable,
                              GError                   **error);

G_END_DECLS
