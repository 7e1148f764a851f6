/* remora-data-error.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-data-error.h"

G_DEFINE_QUARK (remora_data_error, remora_data_error)
