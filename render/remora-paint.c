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
 * workers), and in it one set per kind of surface painted on (its type, its
 * scale, its transform): Pango lays out anew for each, and a thread that
 * paints on two kinds in turn (the window's timeline and its overview) kept
 * none from one frame to the next when there was one set for all. */
typedef struct
{
  cairo_surface_type_t type;
  double               scale_x, scale_y;
  double               xx, yx, xy, yy; /* the transform, its translation aside */
} TextsKind;

struct _RemoraPaintTexts
{
  TextsKind     kind;
  PangoContext *context;
  guint64       used;    /* when it was last begun, on the thread's count */
  GHashTable   *layouts; /* "font\ntext" → PangoLayout */
};

#define TEXTS_KEPT  4096
#define TEXTS_KINDS 4

typedef struct
{
  struct _RemoraPaintTexts *sets[TEXTS_KINDS];
  guint64                   count;
  guint64                   laid_out; /* texts laid out, for remora_paint_texts_laid_out() */
} ThreadTexts;

static void
texts_free (struct _RemoraPaintTexts *t)
{
  g_hash_table_unref (t->layouts);
  g_object_unref (t->context);
  g_free (t);
}

static void
thread_texts_free (gpointer data)
{
  ThreadTexts *tt = data;

  for (int i = 0; i < TEXTS_KINDS; i++)
    if (tt->sets[i])
      texts_free (tt->sets[i]);
  g_free (tt);
}

static GPrivate thread_texts = G_PRIVATE_INIT (thread_texts_free);

static struct _RemoraPaintTexts *
texts_new (cairo_t *cr, const TextsKind *kind)
{
  struct _RemoraPaintTexts *t = g_new0 (struct _RemoraPaintTexts, 1);
  cairo_font_options_t     *options = cairo_font_options_create ();

  t->kind = *kind;
  t->context = pango_cairo_create_context (cr);
  /* deterministic text: grey antialiasing, no hinting, on every surface */
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (t->context, options);
  cairo_font_options_destroy (options);
  t->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return t;
}

/* The set for @cr's kind of surface: found, or made in place of the one
 * least lately used. */
static struct _RemoraPaintTexts *
texts_for (ThreadTexts *tt, cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t   m;
  TextsKind        kind = { 0 };
  int              oldest = 0;

  cairo_get_matrix (cr, &m);
  kind.type = cairo_surface_get_type (target);
  cairo_surface_get_device_scale (target, &kind.scale_x, &kind.scale_y);
  kind.xx = m.xx;
  kind.yx = m.yx;
  kind.xy = m.xy;
  kind.yy = m.yy;
  tt->count++;
  for (int i = 0; i < TEXTS_KINDS; i++)
    {
      struct _RemoraPaintTexts *t = tt->sets[i];

      if (t && t->kind.type == kind.type && t->kind.scale_x == kind.scale_x &&
          t->kind.scale_y == kind.scale_y && t->kind.xx == kind.xx && t->kind.yx == kind.yx &&
          t->kind.xy == kind.xy && t->kind.yy == kind.yy)
        {
          t->used = tt->count;
          return t;
        }
      if (t == NULL || (tt->sets[oldest] && t->used < tt->sets[oldest]->used))
        oldest = i;
    }
  if (tt->sets[oldest])
    texts_free (tt->sets[oldest]);
  tt->sets[oldest] = texts_new (cr, &kind);
  tt->sets[oldest]->used = tt->count;
  return tt->sets[oldest];
}

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
  ThreadTexts              *tt = g_private_get (&thread_texts);
  struct _RemoraPaintTexts *t;

  if (tt == NULL)
    {
      tt = g_new0 (ThreadTexts, 1);
      g_private_set (&thread_texts, tt);
    }
  /* the set's context was made for the kind of @p's surface, and is not
   * updated from it again: pango_cairo_update_context() counts every call as
   * a change, which would throw the laid out texts away */
  t = texts_for (tt, p->cr);
  if (g_hash_table_size (t->layouts) > TEXTS_KEPT)
    g_hash_table_remove_all (t->layouts);
  p->texts = t;
  p->font = p->theme->font;
}

/**
 * remora_paint_texts_laid_out:
 *
 * Returns: how many texts the calling thread has laid out (shaped) to paint
 * them, which a frame that paints what the one before painted adds none to
 */
guint64
remora_paint_texts_laid_out (void)
{
  ThreadTexts *tt = g_private_get (&thread_texts);

  return tt ? tt->laid_out : 0;
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
      ThreadTexts          *tt = g_private_get (&thread_texts);

      tt->laid_out++;
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
