/* remora-view-export.h: the view drawn as `remora export` draws it, off the
 * UI thread
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "remora-render.h"

G_BEGIN_DECLS

/**
 * RemoraExportOptions:
 * @title: (nullable): the picture's title; %NULL for the trace's name
 * @width: its width in pixels
 * @dark: dark colours rather than light
 * @markers: whether the markers and the time between them are drawn
 * @busiest: every CPU and the tasks busiest in the range shown (as
 *   `remora export` chooses them) rather than the rows shown
 *
 * What the export dialog lets the user choose.
 */
typedef struct
{
  char    *title;
  int      width;
  gboolean dark;
  gboolean markers;
  gboolean busiest;
} RemoraExportOptions;

#define REMORA_EXPORT_DEFAULT_WIDTH 1600
#define REMORA_EXPORT_MIN_WIDTH     300
#define REMORA_EXPORT_MAX_WIDTH     8000

void remora_export_options_init (RemoraExportOptions *options);
void remora_export_options_clear (RemoraExportOptions *options);

void             remora_view_export_async (RemoraSession             *session,
                                           const RemoraExportOptions *options,
                                           const char                *output,
                                           GtkWidget                 *widget,
                                           GCancellable              *cancellable,
                                           GAsyncReadyCallback        callback,
                                           gpointer                   user_data);
cairo_surface_t *remora_view_export_finish (GAsyncResult *result, GError **error);

G_END_DECLS
