/* remora-paint.c: what the painters of a timeline's layers share: colours,
 * text, where a time lies on the plot
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-paint-private.h"

void
remora_paint_set_color (cairo_t *cr, const RemoraRgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

/* The texts a thread painted lately, laid out: a frame paints the axis',
 * rows' and slices' names of the frame before, and shaping a name again
 * costs some tens of µs (half a millisecond of each frame of a zoom). Each
 * thread has its own (a window's frames on the UI thread, exports on
 * workers); they are forgotten when the surface painted on changes the
 * context (another scale, another transform). */
struct _RemoraPaintTexts
{
  PangoContext *context;
  guint         serial;  /* the context's, when its layouts were made */
  GHashTable   *layouts; /* "font\ntext" → PangoLayout */
};

#define TEXTS_KEPT 4096

static void
texts_free (gpointer data)
{
  struct _RemoraPaintTexts *t = data;

  g_hash_table_unref (t->layouts);
  g_object_unref (t->context);
  g_free (t);
}

static GPrivate thread_texts = G_PRIVATE_INIT (texts_free);

/**
 * remora_paint_texts_begin:
 * @p: a painting, its cairo context set
 *
 * Readies the thread's laid out texts for painting on @p's surface, in the
 * theme's font.
 */
void
remora_paint_texts_begin (RemoraPaint *p)
{
  struct _RemoraPaintTexts *t = g_private_get (&thread_texts);

  if (t == NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      t = g_new0 (struct _RemoraPaintTexts, 1);
      t->context = pango_cairo_create_context (p->cr);
      /* deterministic text: grey antialiasing, no hinting, on every surface */
      cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      pango_cairo_context_set_font_options (t->context, options);
      cairo_font_options_destroy (options);
      t->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      t->serial = pango_context_get_serial (t->context);
      g_private_set (&thread_texts, t);
    }
  pango_cairo_update_context (p->cr, t->context);
  if (pango_context_get_serial (t->context) != t->serial ||
      g_hash_table_size (t->layouts) > TEXTS_KEPT)
    {
      g_hash_table_remove_all (t->layouts);
      t->serial = pango_context_get_serial (t->context);
    }
  p->texts = t;
  p->font = p->theme->font;
}

/* Text from here on in @font (a Pango font description's string, kept by
 * the caller). */
void
remora_paint_set_font (RemoraPaint *p, const char *font)
{
  p->font = font;
}

/* @text laid out in the painting's font. */
static PangoLayout *
layout_of (RemoraPaint *p, const char *text)
{
  g_autofree char *key = g_strconcat (p->font, "\n", text, NULL);
  PangoLayout     *layout = g_hash_table_lookup (p->texts->layouts, key);

  if (layout == NULL)
    {
      PangoFontDescription *font = pango_font_description_from_string (p->font);

      layout = pango_layout_new (p->texts->context);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_set_text (layout, text, -1);
      g_hash_table_insert (p->texts->layouts, g_steal_pointer (&key), layout);
    }
  return layout;
}

double
remora_paint_text_width (const char *text, gpointer paint)
{
  int w, h;

  pango_layout_get_pixel_size (layout_of (paint, text), &w, &h);
  return w;
}

/* Draws @text with its left edge at x (or centred on x), vertically centred
 * on y. */
void
remora_paint_text (
    RemoraPaint *p, const char *text, double x, double y, gboolean centre, const RemoraRgba *color)
{
  PangoLayout *layout = layout_of (p, text);
  int          w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  remora_paint_set_color (p->cr, color);
  cairo_move_to (p->cr, centre ? x - w / 2.0 : x, y - h / 2.0);
  pango_cairo_show_layout (p->cr, layout);
}

/* Where @ts lies on the plot, in the range painted across it. */
double
remora_paint_x_of (const RemoraPaint *p, gint64 ts)
{
  return p->plot_x + (double) (ts - p->view.begin_ns) * p->plot_w /
                         MAX (1, remora_time_range_get_duration (&p->view));
}

/**
 * remora_paint_leaves_out:
 * @p: the painting
 * @cpu: a CPU, or -1
 * @pid: a task, or -1
 *
 * Whether the filter applied to the timeline leaves out @cpu or @pid: its
 * slices are then drawn in the theme's left_out grey, so that what it keeps
 * stands out.
 */
gboolean
remora_paint_leaves_out (const RemoraPaint *p, int cpu, int pid)
{
  const RemoraFilter *f = p->frame->mask ? remora_event_mask_get_filter (p->frame->mask) : NULL;

  if (f == NULL)
    return FALSE;
  return (cpu >= 0 && !remora_filter_keeps_cpu (f, cpu)) ||
         (pid >= 0 && !remora_filter_keeps_pid (f, pid));
}
