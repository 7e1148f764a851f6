/* remora-trace-info-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-data.h"

G_BEGIN_DECLS

RemoraTraceInfo *remora_trace_info_new (void);

G_END_DECLS
