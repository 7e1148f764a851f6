/* remora-trace-info-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

/* a private header is the layer's inside: it may include the layer's
 * headers one by one (tests that include it are inside too) */
#ifndef REMORA_DATA_COMPILATION
#define REMORA_DATA_COMPILATION
#endif
#include "remora-trace-info.h"

G_BEGIN_DECLS

RemoraTraceInfo *remora_trace_info_new (void);

G_END_DECLS
