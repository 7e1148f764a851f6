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

G_END_DECLS
