/* remora-render.h: the public header of Remora's drawing layer
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-model.h"

#define REMORA_RENDER_INSIDE
#include "remora-axis.h"
#include "remora-export.h"
#include "remora-latency-plot.h"
#include "remora-markers.h"
#include "remora-theme.h"
#include "remora-timeline-renderer.h"
#undef REMORA_RENDER_INSIDE
