/* remora-theme.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_RENDER_INSIDE) && !defined(REMORA_RENDER_COMPILATION)
#error "Only <remora-render.h> can be included directly."
#endif

#include "remora-model.h"

G_BEGIN_DECLS

/**
 * RemoraRgba:
 *
 * A colour, components from 0 to 1. render/ knows no GDK: the app turns its
 * style into a #RemoraTheme.
 */
typedef struct
{
  double r, g, b, a;
} RemoraRgba;

/**
 * RemoraTheme:
 *
 * The colours and metrics a timeline is drawn with.
 */
typedef struct
{
  gboolean    dark;
  RemoraRgba  background;
  RemoraRgba  foreground;
  RemoraRgba  dim; /* secondary text, ticks */
  RemoraRgba  grid;
  RemoraRgba  row_alt;     /* every other row's background */
  RemoraRgba  idle;        /* an idle CPU */
  RemoraRgba  lost;        /* lost-event marks */
  RemoraRgba  left_out;    /* a slice a filter applied to the timeline leaves out */
  RemoraRgba  wakeup_link; /* a wakeup's arrow, to the switch that ran the task */
  RemoraRgba  block_link;  /* a block request's ticks on its CPUs, a device's queue depth */
  RemoraRgba  idle_io;     /* a CPU idle while a block request is in flight */
  RemoraRgba  block_kinds[REMORA_BLOCK_N_KINDS]; /* requests by RemoraBlockKind */
  RemoraRgba  states[REMORA_TASK_N_STATES];
  const char *font; /* a Pango font description */
} RemoraTheme;

/* how many colours tasks are drawn in */
#define REMORA_THEME_TASK_COLORS 36

const RemoraTheme *remora_theme_get (gboolean dark);
int                remora_theme_task_color_index (int pid);
RemoraRgba         remora_theme_task_color_at (const RemoraTheme *theme, int index);
RemoraRgba         remora_theme_task_color (const RemoraTheme *theme, int pid);
RemoraRgba         remora_theme_cpu_color (const RemoraTheme *theme, int cpu);
RemoraRgba         remora_theme_text_on (const RemoraTheme *theme, const RemoraRgba *fill);

G_END_DECLS
