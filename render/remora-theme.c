/* remora-theme.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-theme.h"

#include <math.h>

#define RGB(x)                                                                                     \
  {                                                                                                \
    ((x) >> 16 & 0xff) / 255.0, ((x) >> 8 & 0xff) / 255.0, ((x) &0xff) / 255.0, 1.0                \
  }

static const RemoraTheme light = {
  .dark = FALSE,
  .background = RGB (0xffffff),
  .foreground = RGB (0x1e1e1e),
  .dim = RGB (0x6b6b6b),
  .grid = { 0, 0, 0, 0.10 },
  .row_alt = { 0, 0, 0, 0.035 },
  .idle = RGB (0xe8e8e8),
  .lost = RGB (0xd21f1f),
  .left_out = RGB (0xcfcfcf),
  .wakeup_link = RGB (0x613583),
  .block_link = RGB (0x1a5fb4),
  .idle_io = RGB (0x0f8b8d),
  .block_kinds = {
    [REMORA_BLOCK_READ] = RGB (0x3584e4),
    [REMORA_BLOCK_WRITE] = RGB (0xe66100),
    [REMORA_BLOCK_FLUSH] = RGB (0x9141ac),
    [REMORA_BLOCK_DISCARD] = RGB (0x865e3c),
    [REMORA_BLOCK_OTHER] = RGB (0x77767b),
  },
  .states = {
    [REMORA_TASK_STATE_UNKNOWN] = { 0, 0, 0, 0 },
    [REMORA_TASK_STATE_RUNNING] = RGB (0x2f9e44),
    [REMORA_TASK_STATE_RUNNABLE] = RGB (0xf0a020),
    [REMORA_TASK_STATE_SLEEPING] = RGB (0xc9d6e3),
    [REMORA_TASK_STATE_BLOCKED] = RGB (0xc2255c),
    [REMORA_TASK_STATE_OTHER] = RGB (0x9a9a9a),
  },
  .font = "DejaVu Sans 9",
};

static const RemoraTheme dark = {
  .dark = TRUE,
  .background = RGB (0x1e1e1e),
  .foreground = RGB (0xeeeeee),
  .dim = RGB (0xa0a0a0),
  .grid = { 1, 1, 1, 0.12 },
  .row_alt = { 1, 1, 1, 0.04 },
  .idle = RGB (0x303030),
  .lost = RGB (0xff5c5c),
  .left_out = RGB (0x4a4a4a),
  .wakeup_link = RGB (0xdc8add),
  .block_link = RGB (0x99c1f1),
  .idle_io = RGB (0x5bc8af),
  .block_kinds = {
    [REMORA_BLOCK_READ] = RGB (0x62a0ea),
    [REMORA_BLOCK_WRITE] = RGB (0xffa348),
    [REMORA_BLOCK_FLUSH] = RGB (0xc061cb),
    [REMORA_BLOCK_DISCARD] = RGB (0xb5835a),
    [REMORA_BLOCK_OTHER] = RGB (0x9a9996),
  },
  .states = {
    [REMORA_TASK_STATE_UNKNOWN] = { 0, 0, 0, 0 },
    [REMORA_TASK_STATE_RUNNING] = RGB (0x51cf66),
    [REMORA_TASK_STATE_RUNNABLE] = RGB (0xffb82e),
    [REMORA_TASK_STATE_SLEEPING] = RGB (0x3b4a5a),
    [REMORA_TASK_STATE_BLOCKED] = RGB (0xf06595),
    [REMORA_TASK_STATE_OTHER] = RGB (0x6b6b6b),
  },
  .font = "DejaVu Sans 9",
};

/**
 * remora_theme_get:
 * @dark: the dark theme, else the light one
 *
 * Returns: (transfer none): a built-in theme
 */
const RemoraTheme *
remora_theme_get (gboolean dark_theme)
{
  return dark_theme ? &dark : &light;
}

static RemoraRgba
hsl (double h, double s, double l)
{
  double     c = (1 - fabs (2 * l - 1)) * s;
  double     hp = fmod (h, 1.0) * 6;
  double     x = c * (1 - fabs (fmod (hp, 2) - 1));
  double     m = l - c / 2;
  RemoraRgba out = { m, m, m, 1.0 };

  if (hp < 1)
    out.r += c, out.g += x;
  else if (hp < 2)
    out.r += x, out.g += c;
  else if (hp < 3)
    out.g += c, out.b += x;
  else if (hp < 4)
    out.g += x, out.b += c;
  else if (hp < 5)
    out.r += x, out.b += c;
  else
    out.r += c, out.b += x;
  return out;
}

/* The hues tasks are drawn in, in degrees: spread by eye rather than evenly
 * (evenly spaced hues give many greens that look alike), and none of the
 * oranges (20° to 50°) and pinks (320° to 350°) that task rows use for
 * runnable and blocked: a running task never looks like a waiting one. */
static const guint16 task_hues[] = { 0, 55, 75, 110, 140, 165, 185, 205, 225, 250, 275, 300 };

G_STATIC_ASSERT (G_N_ELEMENTS (task_hues) * 3 == REMORA_THEME_TASK_COLORS);

/**
 * remora_theme_task_color_index:
 * @pid: a task
 *
 * Which of the %REMORA_THEME_TASK_COLORS task colours @pid gets: the pid is
 * hashed, so that pids close together land far apart. Drawing code groups
 * slices by it to fill each colour once.
 *
 * Returns: an index below %REMORA_THEME_TASK_COLORS
 */
int
remora_theme_task_color_index (int pid)
{
  guint32 h = (guint32) pid * 0x9e3779b1u;

  h ^= h >> 15;
  h *= 0x85ebca77u;
  h ^= h >> 13;
  return (int) (h % REMORA_THEME_TASK_COLORS);
}

/**
 * remora_theme_task_color_at:
 * @theme: a theme
 * @index: an index below %REMORA_THEME_TASK_COLORS
 *
 * One of 12 hues in three lightness bands: 36 colours, all light enough (or
 * dark enough, in the dark theme) for a task name to be read on them.
 *
 * Returns: the colour
 */
RemoraRgba
remora_theme_task_color_at (const RemoraTheme *theme, int index)
{
  int    n = (int) G_N_ELEMENTS (task_hues);
  double hue = task_hues[index % n] / 360.0;
  double band = (index / n % 3) * 0.1;

  if (theme->dark)
    return hsl (hue, 0.50, 0.30 + band);
  return hsl (hue, 0.60, 0.52 + band);
}

/**
 * remora_theme_task_color:
 * @theme: a theme
 * @pid: a task
 *
 * A task's colour: the same for the same pid in every picture.
 *
 * Returns: the colour
 */
RemoraRgba
remora_theme_task_color (const RemoraTheme *theme, int pid)
{
  return remora_theme_task_color_at (theme, remora_theme_task_color_index (pid));
}

/* CPUs get hues of their own, spread the same way from another start. */
RemoraRgba
remora_theme_cpu_color (const RemoraTheme *theme, int cpu)
{
  double hue = fmod (0.58 + cpu * 0.6180339887498949, 1.0);
  return hsl (hue, 0.50, theme->dark ? 0.45 : 0.55);
}

/**
 * remora_theme_text_on:
 * @theme: a theme
 * @fill: a background colour
 *
 * Returns: black or white, whichever reads better on @fill
 */
RemoraRgba
remora_theme_text_on (const RemoraTheme *theme, const RemoraRgba *fill)
{
  /* relative luminance, sRGB weights */
  double     y = 0.2126 * fill->r + 0.7152 * fill->g + 0.0722 * fill->b;
  RemoraRgba black = { 0.08, 0.08, 0.08, 1 }, white = { 1, 1, 1, 1 };
  return y > 0.55 ? black : white;
}
