/* remora-bench-probe.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-window.h"

G_BEGIN_DECLS

void remora_bench_probe_attach (RemoraWindow *window);

G_END_DECLS
