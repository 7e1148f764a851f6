/* remora-model.h: the public header of Remora's model layer
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-data.h"

#define REMORA_MODEL_INSIDE
#include "remora-busiest-tasks.h"
#include "remora-columns.h"
#include "remora-cpu-row.h"
#include "remora-default-rows.h"
#include "remora-detail.h"
#include "remora-event-export.h"
#include "remora-event-list.h"
#include "remora-event-mask.h"
#include "remora-format.h"
#include "remora-frame.h"
#include "remora-latency.h"
#include "remora-model-error.h"
#include "remora-row-detail.h"
#include "remora-row-lists.h"
#include "remora-session.h"
#include "remora-task-row.h"
#include "remora-time-range.h"
#include "remora-trace-stats.h"
#include "remora-view-spec.h"
#include "remora-viewport.h"
#undef REMORA_MODEL_INSIDE
