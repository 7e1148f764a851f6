/* remora-columns-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-data.h"

G_BEGIN_DECLS

gboolean remora_columns_buffer_id (RemoraStore *store, const char *buffer, int *id, GError **error);
int      remora_columns_find (const gint64 *edges, int width, gint64 ts);

G_END_DECLS
