/* remora-latency-plot.c: a histogram or a scatter plot of latencies, on any
 * cairo surface
 *
 * Both are drawn from summaries (a histogram's bins, a scatter plot's
 * density per cell of 3 × 3 pixels), so that a plot of a million pairs
 * costs its pixels. The latency axis is logarithmic, with a line at p50,
 * p90, p99 and the maximum, and the numbers written out under the plot.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-latency-plot.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "remora-paint-private.h"

#define MARGIN_LEFT   72
#define MARGIN_RIGHT  40
#define MARGIN_TOP    28
#define MARGIN_BOTTOM 64
#define CELL          3

/**
 * remora_latency_plot_style_init:
 * @style: (out caller-allocates): a style
 *
 * 1000 × 500, the light theme, no title block.
 */
void
remora_latency_plot_style_init (RemoraLatencyPlotStyle *style)
{
  memset (style, 0, sizeof *style);
  style->width = 1000;
  style->height = 500;
  style->theme = remora_theme_get (FALSE);
}

typedef struct
{
  RemoraPaint                   p;
  const RemoraLatencyPlotStyle *style;
  double                        x0, y0, w, h; /* the plot's box */
  double                        lo, hi;       /* log10 of the latency axis' ends */
  RemoraRgba                    ink;          /* the pairs' colour */
} Plot;

/* Where latency @ns lies along the latency axis: 0 at lo, 1 at hi. */
static double
along (const Plot *g, gint64 ns)
{
  return (log10 ((double) MAX (1, ns)) - g->lo) / MAX (1e-9, g->hi - g->lo);
}

/* The latency axis' decades (1 µs, 10 µs, …) and, when few, their halves
 * of a decade in between (2, 5), each labelled where it fits. */
static void
latency_ticks (Plot *g, gboolean horizontal)
{
  const RemoraTheme *theme = g->style->theme;
  double             last_label = -1e9;

  for (int e = (int) floor (g->lo); e <= (int) ceil (g->hi); e++)
    for (int m = 1; m < 10; m++)
      {
        double           v = log10 (m) + e;
        double           f = (v - g->lo) / MAX (1e-9, g->hi - g->lo);
        gboolean         major = m == 1;
        g_autofree char *text = NULL;
        double           at;

        if (f < -1e-9 || f > 1 + 1e-9 || !(major || ((g->hi - g->lo) < 3 && (m == 2 || m == 5))))
          continue;
        at = horizontal ? g->x0 + f * g->w : g->y0 + g->h - f * g->h;
        remora_paint_set_color (g->p.cr, major ? &theme->grid : &theme->grid);
        if (horizontal)
          cairo_rectangle (g->p.cr, floor (at), g->y0, 1, g->h + 4);
        else
          cairo_rectangle (g->p.cr, g->x0 - 4, floor (at), g->w + 4, 1);
        cairo_fill (g->p.cr);
        text = remora_format_duration ((gint64) llround (pow (10, v)));
        if (horizontal && at - last_label > remora_paint_text_width (text, &g->p) + 10)
          {
            remora_paint_text (&g->p, text, at, g->y0 + g->h + 14, TRUE, &theme->dim);
            last_label = at;
          }
        else if (!horizontal && (last_label < -1e8 || last_label - at > 16))
          {
            remora_paint_text (&g->p, text, g->x0 - 8 - remora_paint_text_width (text, &g->p), at,
                               FALSE, &theme->dim);
            last_label = at;
          }
      }
}

/* Lines at p50, p90, p99 and the maximum, named. */
static void
percentile_lines (Plot *g, const RemoraLatencySummary *s, gboolean horizontal)
{
  const RemoraTheme *theme = g->style->theme;
  const struct
  {
    const char *name;
    gint64      ns;
  } lines[] = { { "p50", s->p50_ns },
                { "p90", s->p90_ns },
                { "p99", s->p99_ns },
                /* Translators: the line at the greatest latency of a plot */
                { N_ ("max"), s->max_ns } };
  double last = -1e9;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      double           f = along (g, lines[i].ns);
      double           at = horizontal ? g->x0 + f * g->w : g->y0 + g->h - f * g->h;
      double           dash[] = { 4, 3 };
      g_autofree char *text = g_strdup_printf ("%s", _ (lines[i].name));

      cairo_save (g->p.cr);
      cairo_set_dash (g->p.cr, dash, 2, 0);
      cairo_set_line_width (g->p.cr, 1);
      remora_paint_set_color (g->p.cr, &theme->foreground);
      if (horizontal)
        {
          cairo_move_to (g->p.cr, floor (at) + 0.5, g->y0);
          cairo_line_to (g->p.cr, floor (at) + 0.5, g->y0 + g->h);
        }
      else
        {
          cairo_move_to (g->p.cr, g->x0, floor (at) + 0.5);
          cairo_line_to (g->p.cr, g->x0 + g->w, floor (at) + 0.5);
        }
      cairo_stroke (g->p.cr);
      cairo_restore (g->p.cr);
      /* the names above the plot (across) or at its right (down), apart */
      if (horizontal && at - last > remora_paint_text_width (text, &g->p) + 4)
        {
          remora_paint_text (&g->p, text, at, g->y0 - 9, TRUE, &theme->foreground);
          last = at;
        }
      else if (!horizontal)
        remora_paint_text (&g->p, text, g->x0 + g->w + 3, at, FALSE, &theme->foreground);
    }
}

static void
paint_histogram (Plot *g, const RemoraLatencyTable *table, const GArray *rows)
{
  RemoraLatencyHistogram hist;
  const RemoraTheme     *theme = g->style->theme;
  guint                  top;

  remora_latency_table_histogram (table, rows, 10, &hist);
  if (hist.n_bins == 0)
    return;
  g->lo = log10 ((double) hist.edges[0]);
  g->hi = log10 ((double) hist.edges[hist.n_bins]);
  latency_ticks (g, TRUE);
  /* counts: a few round numbers up the left */
  top = hist.most;
  for (int k = 0; k <= 4; k++)
    {
      guint            c = (guint) llround ((double) top * k / 4);
      double           y = g->y0 + g->h - (double) c / MAX (1, top) * g->h;
      g_autofree char *text = g_strdup_printf ("%u", c);

      if (k > 0 && c == (guint) llround ((double) top * (k - 1) / 4))
        continue;
      remora_paint_set_color (g->p.cr, &theme->grid);
      cairo_rectangle (g->p.cr, g->x0 - 4, floor (y), g->w + 4, 1);
      cairo_fill (g->p.cr);
      remora_paint_text (&g->p, text, g->x0 - 8 - remora_paint_text_width (text, &g->p), y, FALSE,
                         &theme->dim);
    }
  remora_paint_set_color (g->p.cr, &g->ink);
  for (int b = 0; b < hist.n_bins; b++)
    {
      double x0 = g->x0 + along (g, hist.edges[b]) * g->w;
      double x1 = g->x0 + along (g, hist.edges[b + 1]) * g->w;
      double bh = round ((double) hist.counts[b] / MAX (1, hist.most) * g->h);

      if (hist.counts[b] == 0)
        continue;
      cairo_rectangle (g->p.cr, round (x0) + 1, g->y0 + g->h - MAX (1, bh),
                       MAX (1, round (x1) - round (x0) - 1), MAX (1, bh));
    }
  cairo_fill (g->p.cr);
  percentile_lines (g, &hist.latency, TRUE);
}

static void
paint_scatter (Plot *g, const RemoraLatencyTable *table, const GArray *rows)
{
  RemoraLatencySummary s;
  const RemoraTheme   *theme = g->style->theme;
  int                  cols = MAX (1, (int) (g->w / CELL)), lines = MAX (1, (int) (g->h / CELL));
  g_autofree guint32  *grid = g_new (guint32, (gsize) cols * lines);
  guint32              most = 0;
  g_autoptr (GArray) ticks = NULL;

  remora_latency_summarise (table, rows, &s, NULL);
  if (s.count == 0)
    return;
  g->lo = floor (log10 ((double) MAX (1, s.min_ns)));
  g->hi = ceil (log10 ((double) MAX (1, s.max_ns)) + 1e-9);
  latency_ticks (g, FALSE);
  /* time across, as the timeline's axis */
  ticks = remora_axis_ticks (&g->style->range, g->w, g->style->origin_ns, 12,
                             remora_paint_text_width, &g->p, NULL);
  remora_axis_place_labels (ticks, 0, g->w, 12, remora_paint_text_width, &g->p);
  for (guint i = 0; i < ticks->len; i++)
    {
      RemoraAxisTick *t = &g_array_index (ticks, RemoraAxisTick, i);

      remora_paint_set_color (g->p.cr, &theme->grid);
      cairo_rectangle (g->p.cr, floor (g->x0 + t->x), g->y0, 1, g->h + 4);
      cairo_fill (g->p.cr);
      if (t->show_label)
        remora_paint_text (&g->p, t->label, g->x0 + t->label_x, g->y0 + g->h + 14, FALSE,
                           &theme->dim);
    }
  remora_latency_table_scatter (table, rows, &g->style->range, (gint64) llround (pow (10, g->lo)),
                                (gint64) llround (pow (10, g->hi)), cols, lines, grid);
  for (int c = 0; c < cols * lines; c++)
    most = MAX (most, grid[c]);
  /* each cell as dark as its count, on a logarithmic scale: a lone pair
   * shows, and a crowd stands out */
  for (int y = 0; y < lines; y++)
    for (int x = 0; x < cols; x++)
      {
        guint32    n = grid[y * cols + x];
        RemoraRgba c = g->ink;

        if (n == 0)
          continue;
        c.a = 0.35 + 0.65 * log1p (n) / log1p (MAX (1, most));
        remora_paint_set_color (g->p.cr, &c);
        cairo_rectangle (g->p.cr, g->x0 + x * CELL, g->y0 + y * CELL, CELL, CELL);
        cairo_fill (g->p.cr);
      }
  percentile_lines (g, &s, FALSE);
}

/**
 * remora_latency_plot_paint:
 * @table: the latencies
 * @rows: (element-type guint) (nullable): the pairs of @table to plot,
 *   %NULL for all
 * @kind: a histogram or a scatter plot
 * @style: how
 * @cr: where: any cairo context
 * @error: a location for a #GError
 *
 * Paints a latency plot: for a histogram, how many pairs took how long
 * (bins on a logarithmic axis); for a scatter plot, each pair's latency
 * over the time of its first event; lines at p50, p90, p99 and max; the
 * axes' units; the count and those numbers written out under the plot.
 *
 * Returns: %TRUE on success.
 */
gboolean
remora_latency_plot_paint (const RemoraLatencyTable     *table,
                           const GArray                 *rows,
                           RemoraLatencyPlotKind         kind,
                           const RemoraLatencyPlotStyle *style,
                           cairo_t                      *cr,
                           GError                      **error)
{
  Plot                 g;
  const RemoraTheme   *theme = style->theme;
  RemoraLatencySummary s;
  double               top = style->title_block ? REMORA_PAINT_TITLE_HEIGHT : 0;
  gboolean             block = remora_latency_table_get_kind (table) == REMORA_LATENCY_BLOCK;

  memset (&g, 0, sizeof g);
  g.p.cr = cr;
  g.p.theme = theme;
  g.p.labels = g_array_new (FALSE, FALSE, sizeof (RemoraPaintLabel));
  g.style = style;
  g.ink = block ? theme->block_link : theme->wakeup_link;
  remora_paint_texts_begin (&g.p);
  remora_paint_set_color (cr, &theme->background);
  cairo_paint (cr);
  if (style->title_block)
    {
      remora_paint_set_font (&g.p, "DejaVu Sans Bold 12");
      remora_paint_text (&g.p,
                         style->title ? style->title
                         : block      ? _ ("Block I/O latency")
                                 /* Translators: the title of a plot of wakeup latencies */
                                 : _ ("Scheduling latency (wakeup → run)"),
                         10, 14, FALSE, &theme->foreground);
      remora_paint_set_font (&g.p, theme->font);
      if (style->subtitle)
        remora_paint_text (&g.p, style->subtitle, 10, 34, FALSE, &theme->dim);
    }
  g.x0 = MARGIN_LEFT;
  g.y0 = top + MARGIN_TOP;
  g.w = MAX (10, style->width - MARGIN_LEFT - MARGIN_RIGHT);
  /* a small plot (the window's pane) keeps the numbers under it, not the
   * axes' names */
  g.h = MAX (10, style->height - g.y0 - (style->height < 320 ? MARGIN_BOTTOM - 20 : MARGIN_BOTTOM));
  remora_latency_summarise (table, rows, &s, NULL);
  if (s.count == 0)
    remora_paint_text (&g.p, block ? _ ("No measured block requests") : _ ("No measured wakeups"),
                       g.x0 + g.w / 2, g.y0 + g.h / 2, TRUE, &theme->dim);
  else if (kind == REMORA_LATENCY_PLOT_HISTOGRAM)
    paint_histogram (&g, table, rows);
  else
    paint_scatter (&g, table, rows);
  /* the axes' names and the numbers */
  if (s.count > 0)
    {
      g_autofree char *p50 = remora_format_duration (s.p50_ns);
      g_autofree char *p90 = remora_format_duration (s.p90_ns);
      g_autofree char *p99 = remora_format_duration (s.p99_ns);
      g_autofree char *min = remora_format_duration (s.min_ns);
      g_autofree char *max = remora_format_duration (s.max_ns);
      g_autofree char *mean = remora_format_duration ((gint64) llround (s.mean_ns));
      g_autofree char *line = NULL;
      const char      *axis;

      if (kind == REMORA_LATENCY_PLOT_HISTOGRAM)
        /* Translators: the axes of a latency histogram */
        axis = block ? _ ("latency (logarithmic) → requests per bin")
                     : _ ("latency (logarithmic) → wakeups per bin");
      else
        /* Translators: the axes of a latency scatter plot */
        axis = block ? _ ("time of the issue → latency (logarithmic)")
                     : _ ("time of the wakeup → latency (logarithmic)");
      if (style->height >= 320)
        remora_paint_text (&g.p, axis, g.x0, style->height - 34, FALSE, &theme->dim);
      line = g_strdup_printf (
          /* Translators: under a latency plot: how many pairs, then their numbers */
          g_dngettext (
              GETTEXT_PACKAGE, "%lld pair · min %s · p50 %s · p90 %s · p99 %s · max %s · mean %s",
              "%lld pairs · min %s · p50 %s · p90 %s · p99 %s · max %s · mean %s", s.count),
          (long long) s.count, min, p50, p90, p99, max, mean);
      remora_paint_text (&g.p, line, g.x0, style->height - 14, FALSE, &theme->foreground);
    }
  remora_paint_clear (&g.p);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, REMORA_RENDER_ERROR, REMORA_RENDER_ERROR_CAIRO,
                   _ ("Failed to draw the latency plot: %s"),
                   cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  return TRUE;
}
