/* remora-model-error.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-model-error.h"

G_DEFINE_QUARK (remora_model_error, remora_model_error)
