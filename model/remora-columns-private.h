/* remora-columns-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int remora_columns_find (const gint64 *edges, int width, gint64 ts);

G_END_DECLS
