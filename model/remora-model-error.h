/* remora-model-error.h
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

G_BEGIN_DECLS

#define REMORA_MODEL_ERROR (remora_model_error_quark ())

/**
 * RemoraModelError:
 * @REMORA_MODEL_ERROR_INVALID_TIME: a time that does not parse, or lies
 *   outside the trace
 * @REMORA_MODEL_ERROR_INVALID_LIST: a list of CPUs or tasks that does not
 *   parse, or names one the trace does not have
 */
typedef enum
{
  REMORA_MODEL_ERROR_INVALID_TIME,
  REMORA_MODEL_ERROR_INVALID_LIST,
} RemoraModelError;

GQuark remora_model_error_quark (void);

G_END_DECLS
