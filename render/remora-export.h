/* remora-export.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_RENDER_INSIDE) && !defined(REMORA_RENDER_COMPILATION)
#error "Only <remora-render.h> can be included directly."
#endif

#include "remora-timeline-renderer.h"

G_BEGIN_DECLS

typedef gboolean (*RemoraExportPainter) (cairo_t *cr, gpointer data, GError **error);

gboolean remora_export_is_supported (const char *path);
gboolean remora_export_paint (const char         *path,
                              int                 width,
                              int                 height,
                              double              scale,
                              RemoraExportPainter paint,
                              gpointer            data,
                              GError            **error);
gboolean remora_export_frame (const RemoraFrame         *frame,
                              const RemoraTimelineStyle *style,
                              const char                *path,
                              double                     scale,
                              GError                   **error);

G_END_DECLS
