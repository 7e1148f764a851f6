/* remora-export.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-timeline-renderer.h"

G_BEGIN_DECLS

gboolean remora_export_is_supported (const char *path);
gboolean remora_export_scene (const RemoraTimelineScene *scene,
                              const char                *path,
                              double                     scale,
                              GError                   **error);

G_END_DECLS
