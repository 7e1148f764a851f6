/* remora-importer-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-data.h"

G_BEGIN_DECLS

/* An importer that notifies its progress on @context (the loader's), not on
 * the thread-default context of the thread creating it. */
RemoraImporter *remora_importer_new_for_context (const char   *trace_path,
                                                 const char   *store_path,
                                                 GMainContext *context);

G_END_DECLS
