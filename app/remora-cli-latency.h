/* remora-cli-latency.h: remora export --latency
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-render.h"

G_BEGIN_DECLS

typedef struct
{
  const char *input;   /* the trace's path, as given */
  const char *latency; /* "block" or "sched" */
  const char *plot;    /* "histogram", "scatter" or NULL */
  const char *output;
  const char *title;
  const char *cpus;
  const char *tasks;
  const char *devices;
  gint64      begin_ns, end_ns;
  int         width, height;
  double      scale;
  gboolean    dark;
  gboolean    absolute;
} RemoraLatencyOptions;

gboolean remora_cli_export_latency (RemoraStore *store, const RemoraLatencyOptions *o, int *status);
gboolean remora_cli_parse_devices (const char *spec, GArray *devs, GError **error);

G_END_DECLS
