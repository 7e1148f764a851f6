/* remora-importer-private.h
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
#include "remora-importer.h"

G_BEGIN_DECLS

/* An importer that notifies its progress on @context (the loader's), not on
 * the thread-default context of the thread creating it. */
RemoraImporter *remora_importer_new_for_context (const char   *trace_path,
                                                 const char   *store_path,
                                                 GMainContext *context);

G_END_DECLS
