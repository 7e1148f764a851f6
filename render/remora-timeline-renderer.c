/* remora-timeline-renderer.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-timeline-renderer.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "remora-axis.h"

G_DEFINE_QUARK (remora_render_error, remora_render_error)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Layout, in logical pixels */
#define LABEL_WIDTH   150
#define AXIS_HEIGHT   26
#define TITLE_HEIGHT  46
#define LEGEND_HEIGHT 28
#define ROW_GAP       2
#define MAX_ROW       34
#define MIN_ROW       12
#define MARKER_HEIGHT 34

typedef struct
{
  const RemoraTimelineScene *scene;
  cairo_t                   *cr;
  PangoLayout               *layout;
  GHashTable                *comms; /* pid -> comm */
  double                     plot_x;
  double                     plot_w;
} Ctx;

RemoraTimelineScene *
remora_timeline_scene_new (RemoraStore *store)
{
  RemoraTimelineScene *scene = g_new0 (RemoraTimelineScene, 1);

  scene->store = store;
  scene->rows = g_array_new (FALSE, TRUE, sizeof (RemoraRowSpec));
  scene->markers = g_array_new (FALSE, TRUE, sizeof (RemoraMarker));
  scene->links = TRUE;
  scene->width = 1280;
  scene->height = 600;
  scene->theme = remora_theme_get (FALSE);
  scene->range.begin_ns = remora_store_get_meta_int (store, "first_ts", 0);
  scene->range.end_ns = remora_store_get_meta_int (store, "last_ts", 0) + 1;
  return scene;
}

void
remora_timeline_scene_free (RemoraTimelineScene *scene)
{
  if (scene == NULL)
    return;
  for (guint i = 0; i < scene->rows->len; i++)
    {
      RemoraRowSpec *r = &g_array_index (scene->rows, RemoraRowSpec, i);
      g_free (r->buffer);
      g_free (r->label);
    }
  g_array_unref (scene->rows);
  for (guint i = 0; i < scene->markers->len; i++)
    g_free (g_array_index (scene->markers, RemoraMarker, i).name);
  g_array_unref (scene->markers);
  g_free (scene->title);
  g_free (scene);
}

void
remora_timeline_scene_add_row (
    RemoraTimelineScene *scene, RemoraRowKind kind, const char *buffer, int id, const char *label)
{
  RemoraRowSpec r = { kind, g_strdup (buffer ? buffer : ""), id, g_strdup (label) };
  g_array_append_val (scene->rows, r);
}

static int
compare_markers (gconstpointer a, gconstpointer b)
{
  gint64 x = ((const RemoraMarker *) a)->ts, y = ((const RemoraMarker *) b)->ts;
  return (x > y) - (x < y);
}

void
remora_timeline_scene_add_marker (RemoraTimelineScene *scene, const char *name, gint64 ts)
{
  RemoraMarker m = { g_strdup (name), ts };
  g_array_append_val (scene->markers, m);
  g_array_sort (scene->markers, compare_markers);
}

static void
set_color (cairo_t *cr, const RemoraRgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static double
text_width (const char *text, gpointer user_data)
{
  PangoLayout *layout = user_data;
  int          w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* Draws @text with its left edge at x (or centred on x), vertically centred
 * on y. */
static void
draw_text (Ctx *ctx, const char *text, double x, double y, gboolean centre, const RemoraRgba *color)
{
  int w, h;

  pango_layout_set_text (ctx->layout, text, -1);
  pango_layout_get_pixel_size (ctx->layout, &w, &h);
  set_color (ctx->cr, color);
  cairo_move_to (ctx->cr, centre ? x - w / 2.0 : x, y - h / 2.0);
  pango_cairo_show_layout (ctx->cr, ctx->layout);
}

static const char *
comm_of (Ctx *ctx, int pid)
{
  const char *comm = g_hash_table_lookup (ctx->comms, GINT_TO_POINTER (pid));

  if (comm == NULL)
    {
      g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
          ctx->scene->store, "SELECT comm FROM tasks WHERE pid = ?", NULL);
      if (st != NULL)
        {
          sqlite3_bind_int (st, 1, pid);
          if (sqlite3_step (st) == SQLITE_ROW)
            comm = (const char *) sqlite3_column_text (st, 0);
        }
      comm = g_strdup (comm ? comm : "<...>");
      g_hash_table_insert (ctx->comms, GINT_TO_POINTER (pid), (char *) comm);
    }
  return comm;
}

static void
draw_axis (Ctx *ctx, double y)
{
  const RemoraTimelineScene *scene = ctx->scene;
  const RemoraTheme         *theme = scene->theme;
  gint64                     origin =
      scene->absolute_time ? 0 : remora_store_get_meta_int (scene->store, "first_ts", 0);
  g_autoptr (GArray) ticks =
      remora_axis_ticks (&scene->range, ctx->plot_w, origin, 12, text_width, ctx->layout, NULL);

  for (guint i = 0; i < ticks->len; i++)
    {
      RemoraAxisTick *t = &g_array_index (ticks, RemoraAxisTick, i);
      double          x = ctx->plot_x + t->x;

      /* the label stays inside the picture */
      double w = text_width (t->label, ctx->layout);
      double lx = CLAMP (x - w / 2, ctx->plot_x - LABEL_WIDTH / 2.0, scene->width - w - 2);
      draw_text (ctx, t->label, lx, y + AXIS_HEIGHT / 2.0 - 3, FALSE, &theme->dim);
      set_color (ctx->cr, &theme->grid);
      cairo_rectangle (ctx->cr, floor (x), y + AXIS_HEIGHT - 5, 1, scene->height);
      cairo_fill (ctx->cr);
    }
}

static void
draw_cpu_row (Ctx *ctx, const RemoraRowSpec *row, double y, double h, GError **error_out)
{
  const RemoraTheme          *theme = ctx->scene->theme;
  int                         width = (int) ctx->plot_w;
  g_autofree RemoraCpuColumn *cols = g_new0 (RemoraCpuColumn, width);

  if (!remora_cpu_row_query (ctx->scene->store, row->buffer, row->id, &ctx->scene->range, width,
                             cols, NULL, error_out))
    return;

  for (int c = 0; c < width;)
    {
      int end = c + 1;
      /* a run of columns showing the same task */
      while (end < width && cols[end].pid == cols[c].pid)
        end++;
      if (cols[c].pid >= 0)
        {
          RemoraRgba  fill = remora_theme_task_color (theme, cols[c].pid);
          const char *comm = comm_of (ctx, cols[c].pid);
          set_color (ctx->cr, &fill);
          cairo_rectangle (ctx->cr, ctx->plot_x + c, y, end - c, h);
          cairo_fill (ctx->cr);
          if (end - c > 30 && h >= 12)
            {
              g_autofree char *name = g_strdup_printf ("%s-%d", comm, cols[c].pid);
              RemoraRgba       ink = remora_theme_text_on (theme, &fill);
              if (text_width (name, ctx->layout) + 6 > end - c)
                g_free (g_steal_pointer (&name)), name = g_strdup (comm);
              if (text_width (name, ctx->layout) + 6 <= end - c)
                {
                  cairo_save (ctx->cr);
                  cairo_rectangle (ctx->cr, ctx->plot_x + c, y, end - c, h);
                  cairo_clip (ctx->cr);
                  draw_text (ctx, name, ctx->plot_x + (c + end) / 2.0, y + h / 2, TRUE, &ink);
                  cairo_restore (ctx->cr);
                }
            }
        }
      else if (cols[c].events > 0 || cols[c].busy_ns == 0)
        {
          /* idle: a low band, so busy and idle read apart in grey scale too */
          set_color (ctx->cr, &theme->idle);
          cairo_rectangle (ctx->cr, ctx->plot_x + c, y + h * 0.65, end - c, h * 0.35);
          cairo_fill (ctx->cr);
        }
      c = end;
    }

  /* marks that share a colour go into one path, filled once (columns do not
   * overlap, so this draws the same pixels as a fill per column) */
  /* events: ticks along the bottom */
  for (int c = 0; c < width; c++)
    if (cols[c].events > 0)
      cairo_rectangle (ctx->cr, ctx->plot_x + c, y + h - 2, 1, 2);
  set_color (ctx->cr, &theme->dim); /* dense at wide zoom: a grey rule, not a black one */
  cairo_fill (ctx->cr);
  /* several tasks in one column: a dark notch on top */
  for (int c = 0; c < width; c++)
    if (cols[c].n_tasks > 1)
      cairo_rectangle (ctx->cr, ctx->plot_x + c, y, 1, MAX (2, h * 0.18));
  cairo_set_source_rgba (ctx->cr, 0, 0, 0, theme->dark ? 0.6 : 0.45);
  cairo_fill (ctx->cr);
  for (int c = 0; c < width; c++)
    if (cols[c].lost > 0)
      {
        set_color (ctx->cr, &theme->lost);
        cairo_move_to (ctx->cr, ctx->plot_x + c + 0.5, y + 5);
        cairo_line_to (ctx->cr, ctx->plot_x + c - 3.5, y - 1);
        cairo_line_to (ctx->cr, ctx->plot_x + c + 4.5, y - 1);
        cairo_close_path (ctx->cr);
        cairo_fill (ctx->cr);
      }
}

static void
draw_task_row (Ctx *ctx, const RemoraRowSpec *row, double y, double h, GError **error_out)
{
  const RemoraTheme           *theme = ctx->scene->theme;
  int                          width = (int) ctx->plot_w;
  g_autofree RemoraTaskColumn *cols = g_new0 (RemoraTaskColumn, width);
  /* heights per state: running full, waiting and blocked tall, asleep low */
  static const double heights[REMORA_TASK_N_STATES] = { 0, 1.0, 0.7, 0.3, 0.7, 0.3 };

  if (!remora_task_row_query (ctx->scene->store, row->buffer, row->id, &ctx->scene->range, width,
                              cols, NULL, error_out))
    return;
  for (int c = 0; c < width;)
    {
      int    end = c + 1;
      int    state = cols[c].state;
      double bh = h * heights[state];

      while (end < width && (int) cols[end].state == state &&
             (state != REMORA_TASK_STATE_RUNNING || cols[end].cpu == cols[c].cpu))
        end++;
      if (state != REMORA_TASK_STATE_UNKNOWN)
        {
          /* running in the task's own colour, as on its CPU's row */
          RemoraRgba fill = state == REMORA_TASK_STATE_RUNNING
                                ? remora_theme_task_color (theme, row->id)
                                : theme->states[state];
          set_color (ctx->cr, &fill);
          cairo_rectangle (ctx->cr, ctx->plot_x + c, y + h - bh, end - c, bh);
          cairo_fill (ctx->cr);
          if (state == REMORA_TASK_STATE_RUNNING && end - c > 40 && h >= 12)
            {
              /* Translators: where a task ran, drawn inside its run */
              g_autofree char *text = g_strdup_printf (_ ("CPU %d"), cols[c].cpu);
              RemoraRgba       ink = remora_theme_text_on (theme, &fill);
              if (text_width (text, ctx->layout) + 6 <= end - c)
                draw_text (ctx, text, ctx->plot_x + (c + end) / 2.0, y + h / 2, TRUE, &ink);
            }
        }
      c = end;
    }
  /* event ticks along the bottom, one path */
  for (int c = 0; c < width; c++)
    if (cols[c].events > 0)
      cairo_rectangle (ctx->cr, ctx->plot_x + c, y + h - 2, 1, 2);
  set_color (ctx->cr, &theme->dim); /* dense at wide zoom: a grey rule, not a black one */
  cairo_fill (ctx->cr);
}

static char *
row_label (Ctx *ctx, const RemoraRowSpec *row)
{
  if (row->label)
    return g_strdup (row->label);
  if (row->kind == REMORA_ROW_CPU)
    return row->buffer[0]
               /* Translators: a CPU row's label in an instance buffer: buffer name, CPU number */
               ? g_strdup_printf (_ ("%s: CPU %d"), row->buffer, row->id)
               /* Translators: a CPU row's label */
               : g_strdup_printf (_ ("CPU %d"), row->id);
  return g_strdup_printf ("%s-%d", comm_of (ctx, row->id), row->id);
}

static void
draw_title (Ctx *ctx)
{
  const RemoraTimelineScene *scene = ctx->scene;
  g_autofree char           *path = remora_store_dup_meta (scene->store, "source_path");
  g_autofree char           *base = path ? g_path_get_basename (path) : g_strdup ("");
  g_autofree char           *kernel = remora_store_dup_meta (scene->store, "kernel");
  g_autofree char           *uname = remora_store_dup_meta (scene->store, "uname");
  g_autofree char           *host = NULL;
  gint64                     first = remora_store_get_meta_int (scene->store, "first_ts", 0);
  g_autofree char           *from = remora_format_timestamp (scene->range.begin_ns - first);
  g_autofree char           *to = remora_format_timestamp (scene->range.end_ns - first);
  g_autofree char *span = remora_format_duration (remora_time_range_get_duration (&scene->range));
  g_autofree char *line = NULL;
  PangoFontDescription *bold = pango_font_description_from_string ("DejaVu Sans Bold 12");

  if (uname)
    {
      g_auto (GStrv) words = g_strsplit (uname, " ", 3);
      if (g_strv_length (words) >= 2)
        host = g_strdup (words[1]);
    }
  pango_layout_set_font_description (ctx->layout, bold);
  draw_text (ctx, scene->title ? scene->title : base, 10, 14, FALSE, &scene->theme->foreground);
  pango_font_description_free (bold);
  {
    PangoFontDescription *font = pango_font_description_from_string (scene->theme->font);
    pango_layout_set_font_description (ctx->layout, font);
    pango_font_description_free (font);
  }
  /* Translators: the line under an export's title: trace file, time range
   * from the trace's start, its length, kernel, host */
  line = g_strdup_printf (_ ("%s · %s s to %s s (%s) · Linux %s · host %s"), base, from, to, span,
                          kernel ? kernel : "?", host ? host : "?");
  draw_text (ctx, line, 10, 34, FALSE, &scene->theme->dim);
}

static void
draw_legend (Ctx *ctx, double y)
{
  const RemoraTheme *theme = ctx->scene->theme;
  struct
  {
    RemoraRgba  color;
    const char *text;
  } items[] = {
    { theme->states[REMORA_TASK_STATE_RUNNING], N_ ("running (in the task’s colour)") },
    { theme->states[REMORA_TASK_STATE_RUNNABLE], N_ ("runnable") },
    { theme->states[REMORA_TASK_STATE_SLEEPING], N_ ("sleeping") },
    { theme->states[REMORA_TASK_STATE_BLOCKED], N_ ("blocked (D)") },
    { theme->states[REMORA_TASK_STATE_OTHER], N_ ("other") },
    { theme->idle, N_ ("idle CPU") },
    { theme->lost, N_ ("lost events") },
  };
  double x = 10;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      const char *text = _ (items[i].text);
      set_color (ctx->cr, &items[i].color);
      cairo_rectangle (ctx->cr, x, y + LEGEND_HEIGHT / 2.0 - 5, 12, 10);
      cairo_fill (ctx->cr);
      draw_text (ctx, text, x + 16, y + LEGEND_HEIGHT / 2.0, FALSE, &theme->foreground);
      x += 16 + text_width (text, ctx->layout) + 18;
    }
}

/* Links are drawn when the range holds at most this many of a kind. */
#define MAX_LINKS 400

static double
x_of (Ctx *ctx, gint64 ts)
{
  const RemoraTimeRange *r = &ctx->scene->range;
  return ctx->plot_x +
         (double) (ts - r->begin_ns) * ctx->plot_w / MAX (1, remora_time_range_get_duration (r));
}

/* The vertical middle of the CPU row of @cpu, or -1 when it is not drawn. */
static double
cpu_row_y (Ctx *ctx, const double *row_y, double row_h, int cpu)
{
  for (guint i = 0; i < ctx->scene->rows->len; i++)
    {
      const RemoraRowSpec *r = &g_array_index (ctx->scene->rows, RemoraRowSpec, i);
      if (r->kind == REMORA_ROW_CPU && r->buffer[0] == 0 && r->id == cpu)
        return row_y[i] + row_h / 2;
    }
  return -1;
}

/* Runs @sql (bound to the range and MAX_LINKS + 1) and returns its rows,
 * @n_cols int64 columns each, or NULL when there are too many to draw. */
static GArray *
fetch_links (Ctx *ctx, const char *sql, int n_cols)
{
  sqlite3_stmt *st = NULL;
  GArray       *out;

  st = remora_store_prepare_cached (ctx->scene->store, sql, NULL);
  if (st == NULL)
    return NULL;
  out = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_bind_int64 (st, 1, ctx->scene->range.begin_ns);
  sqlite3_bind_int64 (st, 2, ctx->scene->range.end_ns);
  sqlite3_bind_int (st, 3, MAX_LINKS + 1);
  /* the links of the buffer the rows show */
  sqlite3_bind_text (
      st, 4,
      ctx->scene->rows->len > 0 ? g_array_index (ctx->scene->rows, RemoraRowSpec, 0).buffer : "",
      -1, SQLITE_STATIC);
  while (sqlite3_step (st) == SQLITE_ROW)
    for (int k = 0; k < n_cols; k++)
      {
        gint64 v = sqlite3_column_int64 (st, k);
        g_array_append_val (out, v);
      }
  sqlite3_reset (st);
  if (out->len / n_cols > MAX_LINKS)
    g_clear_pointer (&out, g_array_unref);
  return out;
}

static void
draw_links (Ctx *ctx, const double *row_y, double row_h)
{
  RemoraRgba ink = ctx->scene->theme->foreground;
  g_autoptr (GArray) wakeups = NULL;
  g_autoptr (GArray) spans = NULL;

  /* wakeups: from the waking CPU at the wakeup to the CPU that ran the task */
  wakeups = fetch_links (ctx,
                         "SELECT wakeup_ts, wakeup_cpu, switch_ts, switch_cpu FROM wakeups "
                         "WHERE buffer = ?4 AND switch_ts IS NOT NULL AND wakeup_ts < ?2 "
                         "AND switch_ts > ?1 AND wakeup_ts > ?1 - 1000000000 "
                         "ORDER BY wakeup_ts LIMIT ?3",
                         4);
  for (guint i = 0; wakeups && i < wakeups->len; i += 4)
    {
      gint64 *l = &g_array_index (wakeups, gint64, i);
      double  y0 = cpu_row_y (ctx, row_y, row_h, (int) l[1]);
      double  y1 = cpu_row_y (ctx, row_y, row_h, (int) l[3]);
      double  x0 = x_of (ctx, l[0]), x1 = x_of (ctx, l[2]);
      double  angle;

      if (y0 < 0 || y1 < 0)
        continue;
      cairo_set_source_rgba (ctx->cr, ink.r, ink.g, ink.b, 0.75);
      cairo_set_line_width (ctx->cr, 1.2);
      cairo_move_to (ctx->cr, x0, y0);
      cairo_line_to (ctx->cr, x1, y1);
      cairo_stroke (ctx->cr);
      /* the arrow head at the switch */
      angle = atan2 (y1 - y0, x1 - x0);
      cairo_move_to (ctx->cr, x1, y1);
      cairo_line_to (ctx->cr, x1 - 7 * cos (angle - 0.4), y1 - 7 * sin (angle - 0.4));
      cairo_line_to (ctx->cr, x1 - 7 * cos (angle + 0.4), y1 - 7 * sin (angle + 0.4));
      cairo_close_path (ctx->cr);
      cairo_fill (ctx->cr);
    }

  /* block requests: a span from issue to completion under the issuing CPU */
  spans = fetch_links (ctx,
                       "SELECT issue_ts, complete_ts, issue_cpu FROM block_requests "
                       "WHERE buffer = ?4 AND complete_ts IS NOT NULL AND issue_ts < ?2 "
                       "AND complete_ts > ?1 AND issue_ts > ?1 - 10000000000 "
                       "ORDER BY issue_ts LIMIT ?3",
                       3);
  for (guint i = 0; spans && i < spans->len; i += 3)
    {
      gint64 *b = &g_array_index (spans, gint64, i);
      double  y = cpu_row_y (ctx, row_y, row_h, (int) b[2]);
      double  x0 = MAX (ctx->plot_x, x_of (ctx, b[0]));
      double  x1 = MIN (ctx->plot_x + ctx->plot_w, x_of (ctx, b[1]));

      if (y < 0)
        continue;
      y += row_h / 2 - 4;
      cairo_set_source_rgba (ctx->cr, ink.r, ink.g, ink.b, 0.85);
      cairo_rectangle (ctx->cr, x0, y, MAX (1, x1 - x0), 2);
      cairo_rectangle (ctx->cr, x0, y - 3, 1, 8);
      cairo_rectangle (ctx->cr, x1 - 1, y - 3, 1, 8);
      cairo_fill (ctx->cr);
    }
}

/* Markers: a line across the rows, the name in a flag, and the time from
 * each marker to the next between them. */
static void
draw_markers (Ctx *ctx, double strip_y, double bottom)
{
  const RemoraTimelineScene *scene = ctx->scene;
  RemoraRgba                 accent = { 0.10, 0.45, 0.90, 1 };
  RemoraRgba                 white = { 1, 1, 1, 1 };

  for (guint i = 0; i < scene->markers->len; i++)
    {
      RemoraMarker *m = &g_array_index (scene->markers, RemoraMarker, i);
      double        x = x_of (ctx, m->ts);
      double        w, fx;

      if (x < ctx->plot_x - 0.5 || x > ctx->plot_x + ctx->plot_w + 0.5)
        continue;
      set_color (ctx->cr, &accent);
      cairo_rectangle (ctx->cr, floor (x), strip_y, 1.5, bottom - strip_y);
      cairo_fill (ctx->cr);
      w = text_width (m->name, ctx->layout) + 8;
      fx = MIN (x, ctx->plot_x + ctx->plot_w - w);
      cairo_rectangle (ctx->cr, fx, strip_y, w, 16);
      cairo_fill (ctx->cr);
      draw_text (ctx, m->name, fx + 4, strip_y + 8, FALSE, &white);
      if (i + 1 < scene->markers->len)
        {
          RemoraMarker    *next = &g_array_index (scene->markers, RemoraMarker, i + 1);
          double           x1 = MIN (x_of (ctx, next->ts), ctx->plot_x + ctx->plot_w);
          g_autofree char *d = remora_format_duration (next->ts - m->ts);
          /* Translators: the time between two markers */
          g_autofree char *text = g_strdup_printf (_ ("Δ %s"), d);
          double           tw = text_width (text, ctx->layout);
          double           y = strip_y + 26;

          set_color (ctx->cr, &accent);
          cairo_rectangle (ctx->cr, x, y, x1 - x, 1);
          cairo_fill (ctx->cr);
          if (tw + 8 < x1 - x)
            {
              set_color (ctx->cr, &scene->theme->background);
              cairo_rectangle (ctx->cr, (x + x1 - tw) / 2 - 3, y - 7, tw + 6, 14);
              cairo_fill (ctx->cr);
              draw_text (ctx, text, (x + x1) / 2, y, TRUE, &accent);
            }
        }
    }
}

/**
 * remora_timeline_render:
 * @scene: what to draw
 * @cr: where: any cairo context (image, SVG, PDF, a widget's)
 * @error: a location for a #GError
 *
 * Draws @scene in logical pixels; scale @cr for HiDPI. Reads the store
 * through the model, about one summary cell per pixel column and row.
 *
 * Returns: %TRUE on success.
 */
gboolean
remora_timeline_render (const RemoraTimelineScene *scene, cairo_t *cr, GError **error)
{
  const RemoraTheme *theme = scene->theme;
  g_autoptr (GError) local_error = NULL;
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoFontDescription *font;
  Ctx                   ctx = { scene, cr };
  double                top, row_h, rows_h, marker_y;
  g_autofree double    *row_y = NULL;
  int                   n = (int) scene->rows->len;

  /* deterministic text: grey antialiasing, no hinting, on every surface */
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  ctx.layout = pango_cairo_create_layout (cr);
  pango_cairo_context_set_font_options (pango_layout_get_context (ctx.layout), options);
  pango_layout_context_changed (ctx.layout);
  cairo_font_options_destroy (options);
  font = pango_font_description_from_string (theme->font);
  pango_layout_set_font_description (ctx.layout, font);
  pango_font_description_free (font);
  ctx.comms = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  ctx.plot_x = LABEL_WIDTH;
  ctx.plot_w = MAX (1, scene->width - LABEL_WIDTH - 8);

  set_color (cr, &theme->background);
  cairo_paint (cr);
  /* one read transaction for the whole frame: one lock, one check that the
   * file is unchanged, instead of one per query */
  sqlite3_exec (remora_store_get_db (scene->store), "BEGIN", NULL, NULL, NULL);

  top = 0;
  if (scene->title_block)
    {
      draw_title (&ctx);
      top += TITLE_HEIGHT;
    }
  draw_axis (&ctx, top);
  top += AXIS_HEIGHT;
  marker_y = top;
  if (scene->markers->len > 0)
    top += MARKER_HEIGHT;
  rows_h = scene->height - top - (scene->title_block ? LEGEND_HEIGHT : 0);
  row_h = n > 0 ? CLAMP (floor (rows_h / n) - ROW_GAP, MIN_ROW, MAX_ROW) : MAX_ROW;
  row_y = g_new0 (double, MAX (1, n));

  for (int i = 0; i < n && !local_error; i++)
    {
      const RemoraRowSpec *row = &g_array_index (scene->rows, RemoraRowSpec, i);
      double               y = top + i * (row_h + ROW_GAP) + 3;
      g_autofree char     *label = row_label (&ctx, row);

      row_y[i] = y;
      if (i % 2)
        {
          set_color (cr, &theme->row_alt);
          cairo_rectangle (cr, 0, y - ROW_GAP / 2.0, scene->width, row_h + ROW_GAP);
          cairo_fill (cr);
        }
      cairo_save (cr);
      cairo_rectangle (cr, 4, y, LABEL_WIDTH - 10, row_h);
      cairo_clip (cr);
      draw_text (&ctx, label, 6, y + row_h / 2, FALSE, &theme->foreground);
      cairo_restore (cr);
      if (row->kind == REMORA_ROW_CPU)
        draw_cpu_row (&ctx, row, y, row_h, &local_error);
      else
        draw_task_row (&ctx, row, y, row_h, &local_error);
    }
  if (scene->title_block && !local_error)
    draw_legend (&ctx, scene->height - LEGEND_HEIGHT);
  /* links and markers stay inside the plot */
  cairo_save (cr);
  cairo_rectangle (cr, ctx.plot_x, 0, ctx.plot_w, scene->height);
  cairo_clip (cr);
  if (scene->links && !local_error)
    draw_links (&ctx, row_y, row_h);
  if (!local_error)
    draw_markers (&ctx, marker_y, top + n * (row_h + ROW_GAP) + 3);
  cairo_restore (cr);

  sqlite3_exec (remora_store_get_db (scene->store), "COMMIT", NULL, NULL, NULL);
  g_object_unref (ctx.layout);
  g_hash_table_unref (ctx.comms);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, REMORA_RENDER_ERROR, REMORA_RENDER_ERROR_CAIRO,
                   _ ("Failed to draw the timeline: %s"),
                   cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  return TRUE;
}
