/* remora-data.h: the public header of Remora's data layer
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#define REMORA_DATA_INSIDE
#include "remora-block-index.h"
#include "remora-data-error.h"
#include "remora-importer.h"
#include "remora-loader.h"
#include "remora-lod.h"
#include "remora-name-history.h"
#include "remora-store-fields.h"
#include "remora-store-filter.h"
#include "remora-store-idle.h"
#include "remora-store-listing.h"
#include "remora-store-pairs.h"
#include "remora-store-report.h"
#include "remora-store-rows.h"
#include "remora-store-stats.h"
#include "remora-store.h"
#include "remora-task-state.h"
#include "remora-trace-info.h"
#undef REMORA_DATA_INSIDE
