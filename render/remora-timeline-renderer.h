/* remora-timeline-renderer.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <cairo.h>

#include "remora-theme.h"

G_BEGIN_DECLS

#define REMORA_RENDER_ERROR (remora_render_error_quark ())

typedef enum
{
  REMORA_RENDER_ERROR_CAIRO,
  REMORA_RENDER_ERROR_FORMAT,
} RemoraRenderError;

GQuark remora_render_error_quark (void);

typedef enum
{
  REMORA_ROW_CPU,
  REMORA_ROW_TASK,
} RemoraRowKind;

/**
 * RemoraRowSpec:
 * @kind: a CPU row or a task row
 * @buffer: the buffer's name ("" for the top-level one)
 * @id: the CPU, or the task's pid
 * @label: (nullable): the row's label; %NULL for "CPU n" or "comm-pid"
 */
typedef struct
{
  RemoraRowKind kind;
  char         *buffer;
  int           id;
  char         *label;
} RemoraRowSpec;

/**
 * RemoraTimelineScene:
 * @store: the store to draw from (borrowed; used from the drawing thread)
 * @range: the time range across the rows
 * @rows: (element-type RemoraRowSpec): the rows, top to bottom
 * @width: the picture's width, in logical pixels
 * @height: its height, in logical pixels
 * @theme: the colours
 * @absolute_time: label times as recorded, not from the trace's start
 * @title_block: draw a title, the trace's description and a legend (exports)
 * @title: (nullable): the title; %NULL for the trace's file name
 * @markers: (element-type RemoraMarker): named times, drawn with the time
 *   between each and the next
 * @links: draw links between paired events (wakeup to switch, block issue to
 *   completion) when the range holds few enough of them to be read
 * @priv: the renderer's: memory kept between frames of the scene
 *
 * Everything a timeline picture depends on: the same scene draws the same
 * picture in the window and in an export.
 */
typedef struct
{
  char  *name;
  gint64 ts;
} RemoraMarker;

typedef struct
{
  RemoraStore       *store;
  RemoraTimeRange    range;
  GArray            *rows;
  int                width;
  int                height;
  const RemoraTheme *theme;
  gboolean           absolute_time;
  gboolean           title_block;
  char              *title;
  GArray            *markers; /* RemoraMarker */
  gboolean           links;
  gpointer           priv;
} RemoraTimelineScene;

RemoraTimelineScene *remora_timeline_scene_new (RemoraStore *store);
void                 remora_timeline_scene_free (RemoraTimelineScene *scene);
void                 remora_timeline_scene_add_row (
                    RemoraTimelineScene *scene, RemoraRowKind kind, const char *buffer, int id, const char *label);
void     remora_timeline_scene_add_marker (RemoraTimelineScene *scene, const char *name, gint64 ts);
gboolean remora_timeline_render (const RemoraTimelineScene *scene, cairo_t *cr, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraTimelineScene, remora_timeline_scene_free)

G_END_DECLS
