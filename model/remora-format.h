/* remora-format.h
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

#include "remora-model-error.h"

G_BEGIN_DECLS

char       *remora_format_duration (gint64 ns);
const char *remora_format_block_kind (int kind);
char       *remora_format_timestamp (gint64 ts_ns);
char       *remora_format_us (gint64 ns);
char       *remora_format_report_line (const char *buffer,
                                       const char *comm,
                                       int         pid,
                                       int         cpu,
                                       gint64      ts_ns,
                                       const char *name,
                                       const char *info);
char       *remora_format_csv_field (const char *text);

gboolean remora_parse_time (const char *text, gint64 trace_begin_ns, gint64 *ts_ns, GError **error);

G_END_DECLS
