/* remora-data-error.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

#define REMORA_DATA_ERROR (remora_data_error_quark ())

/**
 * RemoraDataError:
 * @REMORA_DATA_ERROR_NOT_FOUND: the trace or store does not exist
 * @REMORA_DATA_ERROR_PERMISSION: the file cannot be read or written for lack of permission
 * @REMORA_DATA_ERROR_EMPTY: the file is empty
 * @REMORA_DATA_ERROR_NOT_A_TRACE: the file is not a trace-cmd recording
 * @REMORA_DATA_ERROR_UNSUPPORTED_VERSION: a trace file version Remora cannot read
 * @REMORA_DATA_ERROR_TRUNCATED: the file ends before its headers do
 * @REMORA_DATA_ERROR_CORRUPT: the trace is damaged beyond what can be read
 * @REMORA_DATA_ERROR_STORE: a store could not be written or read
 * @REMORA_DATA_ERROR_STORE_OUTDATED: the store was written by another importer version
 * @REMORA_DATA_ERROR_STORE_CORRUPT: the store is damaged or incomplete
 * @REMORA_DATA_ERROR_NO_SPACE: the disk is full
 * @REMORA_DATA_ERROR_NOT_FOUND_IN_STORE: a row asked for does not exist
 * @REMORA_DATA_ERROR_BAD_FILTER: a filter expression does not parse
 *
 * Error codes of the data layer.
 */
typedef enum
{
  REMORA_DATA_ERROR_NOT_FOUND,
  REMORA_DATA_ERROR_PERMISSION,
  REMORA_DATA_ERROR_EMPTY,
  REMORA_DATA_ERROR_NOT_A_TRACE,
  REMORA_DATA_ERROR_UNSUPPORTED_VERSION,
  REMORA_DATA_ERROR_TRUNCATED,
  REMORA_DATA_ERROR_CORRUPT,
  REMORA_DATA_ERROR_STORE,
  REMORA_DATA_ERROR_STORE_OUTDATED,
  REMORA_DATA_ERROR_STORE_CORRUPT,
  REMORA_DATA_ERROR_NO_SPACE,
  REMORA_DATA_ERROR_NOT_FOUND_IN_STORE,
  REMORA_DATA_ERROR_BAD_FILTER,
} RemoraDataError;

GQuark remora_data_error_quark (void);

G_END_DECLS
