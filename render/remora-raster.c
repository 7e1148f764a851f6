/* remora-raster.c: a timeline row's fills, written into an image's pixels
 * when they land on whole pixels, else filled by cairo
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "remora-paint-private.h"

void
remora_paint_group_add (
    RemoraPaint *p, int group, const RemoraRgba *color, double x, double y, double w, double h)
{
  RemoraPaintGroup *g = &p->groups[group];
  cairo_rectangle_t r = { x, y, w, h };

  if (g->boxes == NULL)
    g->boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  g->color = *color;
  g_array_append_val (g->boxes, r);
}

void
remora_paint_label_add (
    RemoraPaint *p, char *text, double x, double y, double w, double h, const RemoraRgba *ink)
{
  RemoraPaintLabel l = { text, x, y, w, h, *ink };
  g_array_append_val (p->labels, l);
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
 * pixel (0, 0) is user point (@x, @y) at scale @sx × @sy; @bw × @bh is the
 * part that may be written. */
static void
raster_into (RemoraPaint *p,
             guint8      *data,
             int          stride,
             int          bw,
             int          bh,
             double       x,
             double       y,
             double       sx,
             double       sy)
{
  for (int i = 0; i < REMORA_N_GROUPS; i++)
    {
      RemoraPaintGroup *g = &p->groups[i];
      guint32           pixel;

      if (g->boxes == NULL || g->boxes->len == 0)
        continue;
      pixel = pixel_of (&g->color);
      for (guint k = 0; k < g->boxes->len; k++)
        {
          cairo_rectangle_t *r = &g_array_index (g->boxes, cairo_rectangle_t, k);
          int                x0 = CLAMP ((int) floor ((r->x - x) * sx + 0.5), 0, bw);
          int                x1 = CLAMP ((int) floor ((r->x + r->width - x) * sx + 0.5), 0, bw);
          int                y0 = CLAMP ((int) floor ((r->y - y) * sy + 0.5), 0, bh);
          int                y1 = CLAMP ((int) floor ((r->y + r->height - y) * sy + 0.5), 0, bh);

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

/* Forgets the row's rectangles (when they cannot be shown). */
static void
drop_groups (RemoraPaint *p)
{
  for (int i = 0; i < REMORA_N_GROUPS; i++)
    if (p->groups[i].boxes)
      g_array_set_size (p->groups[i].boxes, 0);
}

/* Every rectangle of a row is whole pixels on an image target (integer
 * positions, integer scale), so the row is written straight into the
 * target's pixels: what cairo's fills would make, without building and
 * filling tens of thousands of rectangle paths per frame. When the row does
 * not map onto the target's pixels that simply (a rotation, a clip that cuts
 * it, a fractional position), it is written into a band image painted in
 * place. */
static void
raster_groups (RemoraPaint *p, double y, double h)
{
  cairo_surface_t *target = cairo_get_target (p->cr);
  cairo_matrix_t   m;
  double           dsx = 1, dsy = 1, dox = 0, doy = 0;
  double           x0 = p->plot_x, y0 = y, x1 = p->plot_x + p->plot_w, y1 = y + h;
  double           cx0, cy0, cx1, cy1;
  double           sx, sy, px, py;
  int              bw, bh;

  cairo_get_matrix (p->cr, &m);
  cairo_surface_get_device_scale (target, &dsx, &dsy);
  cairo_surface_get_device_offset (target, &dox, &doy);
  sx = m.xx * dsx, sy = m.yy * dsy;
  px = (m.xx * x0 + m.x0) * dsx + dox;
  py = (m.yy * y0 + m.y0) * dsy + doy;
  cairo_clip_extents (p->cr, &cx0, &cy0, &cx1, &cy1);
  if (m.xy == 0 && m.yx == 0 && sx > 0 && sy > 0 && px == floor (px) && py == floor (py) &&
      sx * p->plot_w == floor (sx * p->plot_w) && sy * h == floor (sy * h) && cx0 <= x0 &&
      cy0 <= y0 && cx1 >= x1 && cy1 >= y1 &&
      (cairo_image_surface_get_format (target) == CAIRO_FORMAT_ARGB32 ||
       cairo_image_surface_get_format (target) == CAIRO_FORMAT_RGB24) &&
      px >= 0 && py >= 0 && px + sx * p->plot_w <= cairo_image_surface_get_width (target) &&
      py + sy * h <= cairo_image_surface_get_height (target))
    {
      int     stride = cairo_image_surface_get_stride (target);
      guint8 *data;

      cairo_surface_flush (target);
      data = cairo_image_surface_get_data (target) + (gsize) py * stride + (gsize) px * 4;
      bw = (int) (sx * p->plot_w);
      bh = (int) (sy * h);
      raster_into (p, data, stride, bw, bh, p->plot_x, y, sx, sy);
      cairo_surface_mark_dirty_rectangle (target, (int) px - (int) dox, (int) py - (int) doy, bw,
                                          bh);
      return;
    }

  cairo_user_to_device_distance (p->cr, &sx, &sy);
  sx = fabs (sx), sy = fabs (sy);
  /* the band covers only what the clip shows of the row: a preview's row,
   * stretched many times the plot's width, would otherwise be cleared and
   * composited whole */
  x0 = MAX (x0, floor (cx0));
  x1 = MIN (x1, ceil (cx1));
  if (!(x1 > x0 && (x1 - x0) * sx <= 32767 && h * sy <= 32767))
    {
      /* nothing of the row shows, or no image that large to show it */
      drop_groups (p);
      return;
    }
  bw = (int) ceil ((x1 - x0) * sx);
  bh = (int) ceil (h * sy);
  if (p->band == NULL || cairo_image_surface_get_width (p->band) != bw ||
      cairo_image_surface_get_height (p->band) != bh)
    {
      g_clear_pointer (&p->band, cairo_surface_destroy);
      p->band = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, bw, bh);
      if (cairo_surface_status (p->band) != CAIRO_STATUS_SUCCESS)
        {
          g_clear_pointer (&p->band, cairo_surface_destroy);
          drop_groups (p);
          return;
        }
    }
  /* (set each time: a band of the same size may have had another scale) */
  cairo_surface_set_device_scale (p->band, sx, sy);
  cairo_surface_flush (p->band);
  memset (cairo_image_surface_get_data (p->band), 0,
          (gsize) cairo_image_surface_get_stride (p->band) * bh);
  raster_into (p, cairo_image_surface_get_data (p->band), cairo_image_surface_get_stride (p->band),
               bw, bh, x0, y, sx, sy);
  cairo_surface_mark_dirty (p->band);
  cairo_set_source_surface (p->cr, p->band, x0, y);
  /* the band has the device's pixels (a preview's columns, stretched, keep
   * hard edges): it is copied, not filtered. Filtered, a band placed at a
   * fraction of a pixel (the window's rows while an answer for the range
   * shown is on its way: the last one's, moved and scaled into place) came
   * out blurred by half a pixel, at the cost of a bilinear fetch of every
   * pixel. */
  cairo_pattern_set_filter (cairo_get_source (p->cr), CAIRO_FILTER_NEAREST);
  cairo_rectangle (p->cr, x0, y, x1 - x0, h);
  cairo_fill (p->cr);
}

/* Fills every group (in group order), then draws the labels on top. */
void
remora_paint_flush_row (RemoraPaint *p, double y, double h)
{
  if (p->raster)
    raster_groups (p, y, h);
  for (int i = 0; i < REMORA_N_GROUPS && !p->raster; i++)
    {
      RemoraPaintGroup *g = &p->groups[i];
      if (g->boxes == NULL || g->boxes->len == 0)
        continue;
      for (guint k = 0; k < g->boxes->len; k++)
        {
          cairo_rectangle_t *r = &g_array_index (g->boxes, cairo_rectangle_t, k);
          cairo_rectangle (p->cr, r->x, r->y, r->width, r->height);
        }
      remora_paint_set_color (p->cr, &g->color);
      cairo_fill (p->cr);
      g_array_set_size (g->boxes, 0);
    }
  for (guint i = 0; i < p->labels->len; i++)
    {
      RemoraPaintLabel *l = &g_array_index (p->labels, RemoraPaintLabel, i);
      cairo_save (p->cr);
      cairo_rectangle (p->cr, l->x, l->y, l->w, l->h);
      cairo_clip (p->cr);
      remora_paint_text (p, l->text, l->x + l->w / 2, l->y + l->h / 2, TRUE, &l->ink);
      cairo_restore (p->cr);
      g_free (l->text);
    }
  g_array_set_size (p->labels, 0);
}

/* A mark from @y, @h high, over every run of columns whose count (a guint32
 * field of the row's columns: @first is the first column's, @stride the
 * columns' size) is above @above; neighbouring columns make one rectangle.
 * Event ticks are such marks: dense at wide zoom, a grey rule; zoomed in,
 * each a short bar 3 pixels wide (its empty neighbours take the sides). */
void
remora_paint_add_marks (RemoraPaint      *p,
                        int               group,
                        const RemoraRgba *color,
                        const guint32    *first,
                        gsize             stride,
                        guint32           above,
                        double            y,
                        double            h)
{
  int width = p->columns;
#define COUNT(c) (*(const guint32 *) (const void *) ((const guint8 *) first + (gsize) (c) *stride))

  for (int c = 0; c < width; c++)
    if (COUNT (c) > above)
      {
        int end = c + 1;
        int x0, x1;
        while (end < width && COUNT (end) > above)
          end++;
        x0 = c;
        x1 = end;
        /* event ticks: one alone between empty columns is 3 pixels wide,
         * to be seen and pointed at when zoomed in */
        if (group == REMORA_GROUP_TICKS && end == c + 1)
          {
            x0 = MAX (0, c - 1);
            x1 = MIN (width, c + 2);
          }
        remora_paint_group_add (p, group, color, p->plot_x + x0, y, x1 - x0, h);
        c = end;
      }
#undef COUNT
}

void
remora_paint_clear (RemoraPaint *p)
{
  g_clear_pointer (&p->band, cairo_surface_destroy);
  for (int i = 0; i < REMORA_N_GROUPS; i++)
    g_clear_pointer (&p->groups[i].boxes, g_array_unref);
  for (guint i = 0; p->labels && i < p->labels->len; i++)
    g_free (g_array_index (p->labels, RemoraPaintLabel, i).text);
  g_clear_pointer (&p->labels, g_array_unref);
}
