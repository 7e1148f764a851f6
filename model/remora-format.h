/* remora-format.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *remora_format_duration (gint64 ns);
char *remora_format_timestamp (gint64 ts_ns);
char *remora_format_us (gint64 ns);

#define REMORA_MODEL_ERROR (remora_model_error_quark ())

typedef enum
{
  REMORA_MODEL_ERROR_INVALID_TIME,
} RemoraModelError;

GQuark   remora_model_error_quark (void);
gboolean remora_parse_time (const char *text, gint64 trace_begin_ns, gint64 *ts_ns, GError **error);

G_END_DECLS
