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

/* Rectangles of one colour waiting to be filled: a row's slices are
 * gathered by colour and each colour filled once, a few dozen fills per row
 * instead of one per slice (the pixels are the same: they do not overlap). */
#define GROUP_IDLE     REMORA_THEME_TASK_COLORS
#define GROUP_STATE(s) (REMORA_THEME_TASK_COLORS + 1 + (s))
#define GROUP_TICKS    GROUP_STATE (REMORA_TASK_N_STATES)
#define GROUP_NOTCHES  (GROUP_TICKS + 1)
#define N_GROUPS       (GROUP_NOTCHES + 1) /* filled in this order */

typedef struct
{
  RemoraRgba color;
  GArray    *boxes; /* cairo_rectangle_t */
} Group;

/* A name drawn inside a slice, after the slices' fills. */
typedef struct
{
  char      *text;
  double     x, y, w, h; /* the slice it is centred in and clipped to */
  RemoraRgba ink;
} Label;

typedef struct
{
  const RemoraTimelineScene *scene;
  cairo_t                   *cr;
  PangoLayout               *layout;
  GHashTable                *comms; /* pid -> comm */
  double                     plot_x;
  double                     plot_w;
  Group                      groups[N_GROUPS];
  GArray                    *labels; /* Label */
  gboolean                   raster; /* rows rasterized by hand: see flush_row() */
  cairo_surface_t           *band;   /* a row's plot, when raster */
} Ctx;

/* What a scene keeps between frames: each row's columns. Large blocks
 * allocated afresh every frame would be fresh pages, faulted in and cleared
 * by the kernel every frame. */
typedef struct
{
  int    width;
  guint  n_rows;
  char **columns; /* n_rows blocks for width columns of either kind */
} SceneBuffers;

static void
scene_buffers_free (SceneBuffers *b)
{
  for (guint i = 0; i < b->n_rows; i++)
    g_free (b->columns[i]);
  g_free (b->columns);
  b->columns = NULL;
  b->n_rows = 0;
}

static gpointer *
scene_buffers_get (const RemoraTimelineScene *scene, int width)
{
  SceneBuffers *b = scene->priv;
  guint         n = scene->rows->len;

  if (b->width != width || b->n_rows < n)
    {
      scene_buffers_free (b);
      b->width = width;
      b->n_rows = n;
      b->columns = g_new0 (char *, MAX (1, n));
      for (guint i = 0; i < n; i++)
        b->columns[i] = g_malloc (MAX (sizeof (RemoraCpuColumn), sizeof (RemoraTaskColumn)) *
                                  (gsize) MAX (1, width));
    }
  return (gpointer *) b->columns;
}

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
  scene->priv = g_new0 (SceneBuffers, 1);
  /* the helper thread's connection, opened with the view rather than in its
   * first frame (a failure here is met again, and handled, there) */
  if (g_get_num_processors () > 1)
    remora_store_get_companion (store, NULL);
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
  scene_buffers_free (scene->priv);
  g_free (scene->priv);
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
group_add (Ctx *ctx, int group, const RemoraRgba *color, double x, double y, double w, double h)
{
  Group            *g = &ctx->groups[group];
  cairo_rectangle_t r = { x, y, w, h };

  if (g->boxes == NULL)
    g->boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  g->color = *color;
  g_array_append_val (g->boxes, r);
}

static void
label_add (Ctx *ctx, char *text, double x, double y, double w, double h, const RemoraRgba *ink)
{
  Label l = { text, x, y, w, h, *ink };
  g_array_append_val (ctx->labels, l);
}

/* A colour as cairo stores it for a solid fill: premultiplied, 8 bits. */
static guint32
pixel_of (const RemoraRgba *c)
{
  /* cairo's double -> 16 bits (× (65536 - 1e-5)), then pixman's 16 -> 8 */
  guint a = (guint) (c->a * 65535.99999) >> 8;
  guint r = (guint) (c->r * c->a * 65535.99999) >> 8;
  guint g = (guint) (c->g * c->a * 65535.99999) >> 8;
  guint b = (guint) (c->b * c->a * 65535.99999) >> 8;

  return a << 24 | r << 16 | g << 8 | b;
}

/* pixman's x × a / 255, rounded */
static inline guint
mul_un8 (guint x, guint a)
{
  guint t = x * a + 0x80;
  return ((t >> 8) + t) >> 8;
}

/* Source-over of @src on @dst, premultiplied 8-bit ARGB, as pixman does. */
static inline guint32
over (guint32 src, guint32 dst)
{
  guint   ia = 255 - (src >> 24);
  guint32 out = 0;

  for (int shift = 0; shift < 32; shift += 8)
    out |= MIN (255u, ((src >> shift) & 0xff) + mul_un8 ((dst >> shift) & 0xff, ia)) << shift;
  return out;
}

/* Writes the groups' rectangles into @data (@stride bytes per line), whose
 * pixel (0, 0) is user point (plot_x, y) at scale @sx × @sy; @bw × @bh is the
 * part that may be written. */
static void
raster_into (Ctx *ctx, guint8 *data, int stride, int bw, int bh, double y, double sx, double sy)
{
  for (int i = 0; i < N_GROUPS; i++)
    {
      Group  *g = &ctx->groups[i];
      guint32 pixel;

      if (g->boxes == NULL || g->boxes->len == 0)
        continue;
      pixel = pixel_of (&g->color);
      for (guint k = 0; k < g->boxes->len; k++)
        {
          cairo_rectangle_t *r = &g_array_index (g->boxes, cairo_rectangle_t, k);
          int                x0 = CLAMP ((int) floor ((r->x - ctx->plot_x) * sx + 0.5), 0, bw);
          int x1 = CLAMP ((int) floor ((r->x + r->width - ctx->plot_x) * sx + 0.5), 0, bw);
          int y0 = CLAMP ((int) floor ((r->y - y) * sy + 0.5), 0, bh);
          int y1 = CLAMP ((int) floor ((r->y + r->height - y) * sy + 0.5), 0, bh);

          for (int py = y0; py < y1; py++)
            {
              guint32 *line = (guint32 *) (void *) (data + (gsize) py * stride);
              if (pixel >> 24 == 255)
                for (int px = x0; px < x1; px++)
                  line[px] = pixel;
              else
                for (int px = x0; px < x1; px++)
                  line[px] = over (pixel, line[px]);
            }
        }
      g_array_set_size (g->boxes, 0);
    }
}

/* Every rectangle of a row is whole pixels on an image target (integer
 * positions, integer scale), so the row is written straight into the
 * target's pixels: what cairo's fills would make, without building and
 * filling tens of thousands of rectangle paths per frame. When the row does
 * not map onto the target's pixels that simply (a rotation, a clip that cuts
 * it, a fractional position), it is written into a band image painted in
 * place. */
static void
raster_groups (Ctx *ctx, double y, double h)
{
  cairo_surface_t *target = cairo_get_target (ctx->cr);
  cairo_matrix_t   m;
  double           dsx = 1, dsy = 1, dox = 0, doy = 0;
  double           x0 = ctx->plot_x, y0 = y, x1 = ctx->plot_x + ctx->plot_w, y1 = y + h;
  double           cx0, cy0, cx1, cy1;
  double           sx, sy, px, py;
  int              bw, bh;

  cairo_get_matrix (ctx->cr, &m);
  cairo_surface_get_device_scale (target, &dsx, &dsy);
  cairo_surface_get_device_offset (target, &dox, &doy);
  sx = m.xx * dsx, sy = m.yy * dsy;
  px = (m.xx * x0 + m.x0) * dsx + dox;
  py = (m.yy * y0 + m.y0) * dsy + doy;
  cairo_clip_extents (ctx->cr, &cx0, &cy0, &cx1, &cy1);
  if (m.xy == 0 && m.yx == 0 && sx > 0 && sy > 0 && px == floor (px) && py == floor (py) &&
      sx * ctx->plot_w == floor (sx * ctx->plot_w) && sy * h == floor (sy * h) && cx0 <= x0 &&
      cy0 <= y0 && cx1 >= x1 && cy1 >= y1 &&
      cairo_image_surface_get_format (target) == CAIRO_FORMAT_ARGB32 && px >= 0 && py >= 0 &&
      px + sx * ctx->plot_w <= cairo_image_surface_get_width (target) &&
      py + sy * h <= cairo_image_surface_get_height (target))
    {
      int     stride = cairo_image_surface_get_stride (target);
      guint8 *data;

      cairo_surface_flush (target);
      data = cairo_image_surface_get_data (target) + (gsize) py * stride + (gsize) px * 4;
      bw = (int) (sx * ctx->plot_w);
      bh = (int) (sy * h);
      raster_into (ctx, data, stride, bw, bh, y, sx, sy);
      cairo_surface_mark_dirty_rectangle (target, (int) px - (int) dox, (int) py - (int) doy, bw,
                                          bh);
      return;
    }

  cairo_user_to_device_distance (ctx->cr, &sx, &sy);
  sx = fabs (sx), sy = fabs (sy);
  bw = (int) ceil (ctx->plot_w * sx);
  bh = (int) ceil (h * sy);
  if (ctx->band == NULL || cairo_image_surface_get_width (ctx->band) != bw ||
      cairo_image_surface_get_height (ctx->band) != bh)
    {
      g_clear_pointer (&ctx->band, cairo_surface_destroy);
      ctx->band = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, bw, bh);
      cairo_surface_set_device_scale (ctx->band, sx, sy);
    }
  cairo_surface_flush (ctx->band);
  memset (cairo_image_surface_get_data (ctx->band), 0,
          (gsize) cairo_image_surface_get_stride (ctx->band) * bh);
  raster_into (ctx, cairo_image_surface_get_data (ctx->band),
               cairo_image_surface_get_stride (ctx->band), bw, bh, y, sx, sy);
  cairo_surface_mark_dirty (ctx->band);
  cairo_set_source_surface (ctx->cr, ctx->band, ctx->plot_x, y);
  cairo_rectangle (ctx->cr, ctx->plot_x, y, ctx->plot_w, h);
  cairo_fill (ctx->cr);
}

/* Fills every group (in group order), then draws the labels on top. */
static void
flush_row (Ctx *ctx, double y, double h)
{
  if (ctx->raster)
    raster_groups (ctx, y, h);
  for (int i = 0; i < N_GROUPS && !ctx->raster; i++)
    {
      Group *g = &ctx->groups[i];
      if (g->boxes == NULL || g->boxes->len == 0)
        continue;
      for (guint k = 0; k < g->boxes->len; k++)
        {
          cairo_rectangle_t *r = &g_array_index (g->boxes, cairo_rectangle_t, k);
          cairo_rectangle (ctx->cr, r->x, r->y, r->width, r->height);
        }
      set_color (ctx->cr, &g->color);
      cairo_fill (ctx->cr);
      g_array_set_size (g->boxes, 0);
    }
  for (guint i = 0; i < ctx->labels->len; i++)
    {
      Label *l = &g_array_index (ctx->labels, Label, i);
      cairo_save (ctx->cr);
      cairo_rectangle (ctx->cr, l->x, l->y, l->w, l->h);
      cairo_clip (ctx->cr);
      draw_text (ctx, l->text, l->x + l->w / 2, l->y + l->h / 2, TRUE, &l->ink);
      cairo_restore (ctx->cr);
      g_free (l->text);
    }
  g_array_set_size (ctx->labels, 0);
}

/* A mark from @y, @h high, over every run of columns whose count (a guint32
 * field of the row's columns: @first is the first column's, @stride the
 * columns' size) is above @above; neighbouring columns make one rectangle.
 * Event ticks are such marks: dense at wide zoom, a grey rule. */
static void
add_marks (Ctx              *ctx,
           int               group,
           const RemoraRgba *color,
           const guint32    *first,
           gsize             stride,
           guint32           above,
           double            y,
           double            h)
{
  int width = (int) ctx->plot_w;
#define COUNT(c) (*(const guint32 *) (const void *) ((const guint8 *) first + (gsize) (c) *stride))

  for (int c = 0; c < width; c++)
    if (COUNT (c) > above)
      {
        int end = c + 1;
        while (end < width && COUNT (end) > above)
          end++;
        group_add (ctx, group, color, ctx->plot_x + c, y, end - c, h);
        c = end;
      }
#undef COUNT
}

static void
draw_cpu_row (Ctx *ctx, const RemoraCpuColumn *cols, double y, double h)
{
  const RemoraTheme *theme = ctx->scene->theme;
  int                width = (int) ctx->plot_w;

  for (int c = 0; c < width;)
    {
      int end = c + 1;
      /* a run of columns showing the same task */
      while (end < width && cols[end].pid == cols[c].pid)
        end++;
      if (cols[c].pid >= 0)
        {
          int        index = remora_theme_task_color_index (cols[c].pid);
          RemoraRgba fill = remora_theme_task_color_at (theme, index);
          group_add (ctx, index, &fill, ctx->plot_x + c, y, end - c, h);
          if (end - c > 30 && h >= 12)
            {
              const char *comm = comm_of (ctx, cols[c].pid);
              char       *name = g_strdup_printf ("%s-%d", comm, cols[c].pid);
              RemoraRgba  ink = remora_theme_text_on (theme, &fill);
              if (text_width (name, ctx->layout) + 6 > end - c)
                g_free (name), name = g_strdup (comm);
              if (text_width (name, ctx->layout) + 6 <= end - c)
                label_add (ctx, name, ctx->plot_x + c, y, end - c, h, &ink);
              else
                g_free (name);
            }
        }
      else if (cols[c].events > 0 || cols[c].busy_ns == 0)
        {
          /* idle: a low band, so busy and idle read apart in grey scale too */
          group_add (ctx, GROUP_IDLE, &theme->idle, ctx->plot_x + c, y + round (h * 0.65), end - c,
                     h - round (h * 0.65));
        }
      c = end;
    }
  /* events: ticks along the bottom */
  add_marks (ctx, GROUP_TICKS, &theme->dim, &cols[0].events, sizeof *cols, 0, y + h - 2, 2);
  /* several tasks in one column: a dark notch on top */
  {
    RemoraRgba notch = { 0, 0, 0, theme->dark ? 0.6 : 0.45 };
    add_marks (ctx, GROUP_NOTCHES, &notch, &cols[0].n_tasks, sizeof *cols, 1, y,
               MAX (2, round (h * 0.18)));
  }
  flush_row (ctx, y, h);
  for (int c = 0; c < width; c++)
    if (cols[c].lost > 0)
      {
        cairo_move_to (ctx->cr, ctx->plot_x + c + 0.5, y + 5);
        cairo_line_to (ctx->cr, ctx->plot_x + c - 3.5, y - 1);
        cairo_line_to (ctx->cr, ctx->plot_x + c + 4.5, y - 1);
        cairo_close_path (ctx->cr);
      }
  set_color (ctx->cr, &theme->lost);
  cairo_fill (ctx->cr);
}

static void
draw_task_row (Ctx *ctx, const RemoraRowSpec *row, const RemoraTaskColumn *cols, double y, double h)
{
  const RemoraTheme *theme = ctx->scene->theme;
  int                width = (int) ctx->plot_w;
  /* heights per state: running full, waiting and blocked tall, asleep low */
  static const double heights[REMORA_TASK_N_STATES] = { 0, 1.0, 0.7, 0.3, 0.7, 0.3 };
  /* running in the task's own colour, as on its CPU's row */
  RemoraRgba running = remora_theme_task_color (theme, row->id);
  for (int c = 0; c < width;)
    {
      int    end = c + 1;
      int    state = cols[c].state;
      double bh = round (h * heights[state]);

      while (end < width && (int) cols[end].state == state &&
             (state != REMORA_TASK_STATE_RUNNING || cols[end].cpu == cols[c].cpu))
        end++;
      if (state != REMORA_TASK_STATE_UNKNOWN)
        {
          const RemoraRgba *fill =
              state == REMORA_TASK_STATE_RUNNING ? &running : &theme->states[state];
          group_add (ctx, GROUP_STATE (state), fill, ctx->plot_x + c, y + h - bh, end - c, bh);
          if (state == REMORA_TASK_STATE_RUNNING && end - c > 40 && h >= 12)
            {
              /* Translators: where a task ran, drawn inside its run */
              char      *text = g_strdup_printf (_ ("CPU %d"), cols[c].cpu);
              RemoraRgba ink = remora_theme_text_on (theme, fill);
              if (text_width (text, ctx->layout) + 6 <= end - c)
                label_add (ctx, text, ctx->plot_x + c, y, end - c, h, &ink);
              else
                g_free (text);
            }
        }
      c = end;
    }
  /* event ticks along the bottom */
  add_marks (ctx, GROUP_TICKS, &theme->dim, &cols[0].events, sizeof *cols, 0, y + h - 2, 2);
  flush_row (ctx, y, h);
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

/* Runs @sql (bound to the range, MAX_LINKS + 1, the rows' buffer and how far
 * before the range a link may start) and returns its rows, @n_cols int64
 * columns each, or NULL when there are too many to draw. @count_sql counts
 * the links that start in the range from an index alone, so that a range
 * with thousands of them costs a count, not a fetch. */
static GArray *
fetch_links (Ctx *ctx, const char *count_sql, const char *sql, int n_cols, gint64 lookback)
{
  const RemoraTimeRange *range = &ctx->scene->range;
  sqlite3_stmt          *st = NULL;
  GArray                *out;

  st = remora_store_prepare_cached (ctx->scene->store, count_sql, NULL);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, range->begin_ns);
  sqlite3_bind_int64 (st, 2, range->end_ns);
  sqlite3_bind_int (st, 3, MAX_LINKS + 1);
  if (sqlite3_step (st) != SQLITE_ROW || sqlite3_column_int (st, 0) > MAX_LINKS)
    {
      sqlite3_reset (st);
      return NULL;
    }
  sqlite3_reset (st);

  st = remora_store_prepare_cached (ctx->scene->store, sql, NULL);
  if (st == NULL)
    return NULL;
  out = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_bind_int64 (st, 1, range->begin_ns);
  sqlite3_bind_int64 (st, 2, range->end_ns);
  sqlite3_bind_int (st, 3, MAX_LINKS + 1);
  /* the links of the buffer the rows show */
  sqlite3_bind_text (
      st, 4,
      ctx->scene->rows->len > 0 ? g_array_index (ctx->scene->rows, RemoraRowSpec, 0).buffer : "",
      -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 5, range->begin_ns - lookback);
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

static gint64
max_latency (Ctx *ctx, const char *sql)
{
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (ctx->scene->store, sql, NULL);

  if (st == NULL || sqlite3_step (st) != SQLITE_ROW)
    return 0;
  return MAX (0, sqlite3_column_int64 (st, 0)) + 1;
}

static void
draw_links (Ctx *ctx, const double *row_y, double row_h)
{
  RemoraRgba ink = ctx->scene->theme->foreground;
  g_autoptr (GArray) wakeups = NULL;
  g_autoptr (GArray) spans = NULL;
  /* Links that start before the range and end in it are looked for as far
   * back as the longest one in the trace (an index's last entry), up to 1 s
   * for wakeups and 10 s for block requests: each one looked at costs a row
   * read. */
  gint64 wakeup_lookback = MIN (max_latency (ctx, "SELECT max(latency_ns) FROM wakeups"),
                                G_GINT64_CONSTANT (1000000000));
  gint64 block_lookback = MIN (max_latency (ctx, "SELECT max(latency_ns) FROM block_requests"),
                               G_GINT64_CONSTANT (10000000000));

  /* wakeups: from the waking CPU at the wakeup to the CPU that ran the task */
  wakeups = fetch_links (ctx,
                         "SELECT count(*) FROM (SELECT 1 FROM wakeups "
                         "WHERE wakeup_ts >= ?1 AND wakeup_ts < ?2 LIMIT ?3)",
                         "SELECT wakeup_ts, wakeup_cpu, switch_ts, switch_cpu FROM wakeups "
                         "WHERE buffer = ?4 AND switch_ts IS NOT NULL AND wakeup_ts < ?2 "
                         "AND switch_ts > ?1 AND wakeup_ts > ?5 "
                         "ORDER BY wakeup_ts LIMIT ?3",
                         4, wakeup_lookback);
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
                       "SELECT count(*) FROM (SELECT 1 FROM block_requests "
                       "WHERE issue_ts >= ?1 AND issue_ts < ?2 LIMIT ?3)",
                       "SELECT issue_ts, complete_ts, issue_cpu FROM block_requests "
                       "WHERE buffer = ?4 AND complete_ts IS NOT NULL AND issue_ts < ?2 "
                       "AND complete_ts > ?1 AND issue_ts > ?5 "
                       "ORDER BY issue_ts LIMIT ?3",
                       3, block_lookback);
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

/* The rows' queries, answered before drawing by the calling thread and, on
 * a machine with more than one core, a helper thread with a connection of
 * its own: each takes the next row not taken yet. */
typedef struct
{
  const RemoraTimelineScene *scene;
  int                        width;
  gpointer                  *columns; /* per row: RemoraCpuColumn[] or RemoraTaskColumn[] */
  GError                   **errors;  /* per row */
  int                        next;    /* atomic: the next row to take */
  RemoraStore               *helper_store;
} RowJobs;

static void
query_rows (RowJobs *jobs, RemoraStore *store)
{
  const RemoraTimelineScene *scene = jobs->scene;
  int                        n = (int) scene->rows->len;
  int                        i;

  while ((i = g_atomic_int_add (&jobs->next, 1)) < n)
    {
      const RemoraRowSpec *row = &g_array_index (scene->rows, RemoraRowSpec, i);
      if (row->kind == REMORA_ROW_CPU)
        remora_cpu_row_query (store, row->buffer, row->id, &scene->range, jobs->width,
                              jobs->columns[i], NULL, &jobs->errors[i]);
      else
        remora_task_row_query (store, row->buffer, row->id, &scene->range, jobs->width,
                               jobs->columns[i], NULL, &jobs->errors[i]);
    }
}

static gpointer
helper_main (gpointer data)
{
  RowJobs *jobs = data;

  remora_store_begin_snapshot (jobs->helper_store);
  query_rows (jobs, jobs->helper_store);
  remora_store_end_snapshot (jobs->helper_store);
  return NULL;
}

/* Starts the helper thread on the rows when there is a second core, a second
 * connection and a thread to be had; NULL when this thread does it all. */
static GThread *
start_row_jobs (RowJobs *jobs)
{
  if (jobs->scene->rows->len < 2 || g_get_num_processors () < 2)
    return NULL;
  jobs->helper_store = remora_store_get_companion (jobs->scene->store, NULL);
  if (jobs->helper_store == NULL)
    return NULL;
  return g_thread_try_new ("remora-rows", helper_main, jobs, NULL);
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
  double                top, row_h, rows_h, marker_y, axis_y;
  GThread              *helper;
  g_autofree double    *row_y = NULL;
  int                   n = (int) scene->rows->len;
  gboolean              own_snapshot;
  RowJobs               jobs = { 0 };

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
  ctx.labels = g_array_new (FALSE, FALSE, sizeof (Label));
  /* an image (a window's frame, a PNG): rows rasterized by hand; vector
   * surfaces (SVG, PDF) get rectangles */
  ctx.raster = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;
  ctx.plot_x = LABEL_WIDTH;
  ctx.plot_w = MAX (1, scene->width - LABEL_WIDTH - 8);

  /* the layout */
  top = scene->title_block ? TITLE_HEIGHT : 0;
  axis_y = top;
  top += AXIS_HEIGHT;
  marker_y = top;
  if (scene->markers->len > 0)
    top += MARKER_HEIGHT;
  rows_h = scene->height - top - (scene->title_block ? LEGEND_HEIGHT : 0);
  row_h = n > 0 ? CLAMP (floor (rows_h / n) - ROW_GAP, MIN_ROW, MAX_ROW) : MAX_ROW;
  row_y = g_new0 (double, MAX (1, n));
  for (int i = 0; i < n; i++)
    row_y[i] = top + i * (row_h + ROW_GAP) + 3;

  /* the rows' queries start on the helper thread while this one draws what
   * does not depend on them; then this one takes its share */
  jobs.scene = scene;
  jobs.width = (int) ctx.plot_w;
  jobs.columns = scene_buffers_get (scene, jobs.width);
  jobs.errors = g_new0 (GError *, MAX (1, n));
  helper = start_row_jobs (&jobs);

  set_color (cr, &theme->background);
  cairo_paint (cr);
  /* one read transaction for the whole frame: one lock, one check that the
   * file is unchanged, instead of one per query */
  own_snapshot = !remora_store_in_snapshot (scene->store);
  remora_store_begin_snapshot (scene->store);
  if (scene->title_block)
    draw_title (&ctx);
  draw_axis (&ctx, axis_y);
  for (int i = 0; i < n; i++)
    {
      const RemoraRowSpec *row = &g_array_index (scene->rows, RemoraRowSpec, i);
      g_autofree char     *label = row_label (&ctx, row);

      if (i % 2)
        {
          set_color (cr, &theme->row_alt);
          cairo_rectangle (cr, 0, row_y[i] - ROW_GAP / 2.0, scene->width, row_h + ROW_GAP);
          cairo_fill (cr);
        }
      cairo_save (cr);
      cairo_rectangle (cr, 4, row_y[i], LABEL_WIDTH - 10, row_h);
      cairo_clip (cr);
      draw_text (&ctx, label, 6, row_y[i] + row_h / 2, FALSE, &theme->foreground);
      cairo_restore (cr);
    }

  query_rows (&jobs, scene->store);
  if (helper)
    g_thread_join (helper);
  for (int i = 0; i < n && !local_error; i++)
    if (jobs.errors[i])
      local_error = g_error_copy (jobs.errors[i]);
  for (int i = 0; i < n && !local_error; i++)
    {
      const RemoraRowSpec *row = &g_array_index (scene->rows, RemoraRowSpec, i);

      if (row->kind == REMORA_ROW_CPU)
        draw_cpu_row (&ctx, jobs.columns[i], row_y[i], row_h);
      else
        draw_task_row (&ctx, row, jobs.columns[i], row_y[i], row_h);
    }
  for (int i = 0; i < n; i++)
    g_clear_error (&jobs.errors[i]);
  g_free (jobs.errors);
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

  if (own_snapshot)
    remora_store_end_snapshot (scene->store);
  g_object_unref (ctx.layout);
  g_hash_table_unref (ctx.comms);
  g_array_unref (ctx.labels);
  g_clear_pointer (&ctx.band, cairo_surface_destroy);
  for (int i = 0; i < N_GROUPS; i++)
    g_clear_pointer (&ctx.groups[i].boxes, g_array_unref);
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
