/* remora-library-locks.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void remora_store_lock_libraries (void);
void remora_store_unlock_libraries (void);
void remora_store_lock_parser (void);
void remora_store_unlock_parser (void);

G_END_DECLS
