/* remora-export.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-export.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

/**
 * remora_export_is_supported:
 * @path: an output file name
 *
 * Returns: %TRUE if its suffix is .png, .svg or .pdf (any case)
 */
gboolean
remora_export_is_supported (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  return g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".svg") ||
         g_str_has_suffix (lower, ".pdf");
}

/* Where an export is written: a temporary file beside the target, renamed
 * over it once complete, so that a full disk or an error never leaves a
 * cut or empty picture under the target's name. */
typedef struct
{
  int   fd;
  int   errsv; /* the first write error */
  char *tmp_path;
} Output;

static cairo_status_t
output_write (void *closure, const unsigned char *data, unsigned int length)
{
  Output *out = closure;

  while (length > 0 && out->errsv == 0)
    {
      ssize_t n = write (out->fd, data, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          out->errsv = n < 0 ? errno : EIO;
          break;
        }
      data += n;
      length -= n;
    }
  return out->errsv ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static gboolean
fail_output (Output *out, const char *path, const char *detail, GError **error)
{
  g_set_error (error, REMORA_RENDER_ERROR, REMORA_RENDER_ERROR_CAIRO,
               _ ("Failed to write “%s”: %s"), path, out->errsv ? g_strerror (out->errsv) : detail);
  return FALSE;
}

/**
 * remora_export_frame:
 * @frame: what to draw
 * @style: how
 * @path: the file: PNG, SVG or PDF by its suffix
 * @scale: device pixels per logical pixel for PNG (2 for HiDPI), 0.25 to 8
 * @error: a location for a #GError
 *
 * Paints @frame into a file, without a display. The file appears whole or
 * not at all.
 *
 * Returns: %TRUE when the file is complete.
 */
/**
 * remora_export_paint:
 * @path: where: a name ending in .png, .svg or .pdf
 * @width: the picture's width in logical pixels
 * @height: its height
 * @scale: pixels per logical pixel for PNG
 * @paint: (scope call): paints the picture onto the context it is given
 * @data: for @paint
 * @error: a location for a #GError
 *
 * Writes what @paint paints to @path, through a temporary file renamed into
 * place only when whole.
 *
 * Returns: %TRUE on success.
 */
gboolean
remora_export_paint (const char         *path,
                     int                 width,
                     int                 height,
                     double              scale,
                     RemoraExportPainter paint,
                     gpointer            data,
                     GError            **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  cairo_surface_t *surface;
  cairo_t         *cr;
  cairo_status_t   status;
  Output           out = { .fd = -1 };
  gboolean         ok;
  gboolean         png = g_str_has_suffix (lower, ".png");

  g_return_val_if_fail (isfinite (scale) && scale >= 0.25 && scale <= 8.0, FALSE);
  if (!remora_export_is_supported (path))
    {
      g_set_error (error, REMORA_RENDER_ERROR, REMORA_RENDER_ERROR_FORMAT,
                   _ ("Cannot write “%s”: the name must end in .png, .svg or .pdf"), path);
      return FALSE;
    }
  out.tmp_path = g_strdup_printf ("%s/.%s.tmp-XXXXXX", dir, base);
  out.fd = g_mkstemp_full (out.tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (out.fd < 0)
    {
      out.errsv = errno;
      g_free (out.tmp_path);
      return fail_output (&out, path, NULL, error);
    }

  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                          (int) ceil (height * scale));
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create_for_stream (output_write, &out, width, height);
  else
    surface = cairo_pdf_surface_create_for_stream (output_write, &out, width, height);
  status = cairo_surface_status (surface);
  ok = status == CAIRO_STATUS_SUCCESS ||
       fail_output (&out, path, cairo_status_to_string (status), error);

  if (ok)
    {
      cr = cairo_create (surface);
      if (png)
        cairo_scale (cr, scale, scale);
      ok = paint (cr, data, error);
      cairo_destroy (cr);
    }
  if (ok && png)
    {
      status = cairo_surface_write_to_png_stream (surface, output_write, &out);
      ok = status == CAIRO_STATUS_SUCCESS ||
           fail_output (&out, path, cairo_status_to_string (status), error);
    }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  /* cairo's PDF surface does not always pass on a failed write of its
   * last objects (a full disk): every write is checked here too */
  if (ok && (status != CAIRO_STATUS_SUCCESS || out.errsv != 0))
    ok = fail_output (&out, path, cairo_status_to_string (status), error);
  cairo_surface_destroy (surface);

  if (ok && (fsync (out.fd) != 0 || close (out.fd) != 0))
    {
      out.errsv = errno;
      out.fd = -1;
      ok = fail_output (&out, path, NULL, error);
    }
  else if (ok)
    out.fd = -1;
  if (ok && g_rename (out.tmp_path, path) != 0)
    {
      out.errsv = errno;
      ok = fail_output (&out, path, NULL, error);
    }
  if (out.fd >= 0)
    close (out.fd);
  if (!ok)
    g_unlink (out.tmp_path);
  g_free (out.tmp_path);
  return ok;
}

typedef struct
{
  const RemoraFrame         *frame;
  const RemoraTimelineStyle *style;
} FramePainting;

static gboolean
paint_frame (cairo_t *cr, gpointer data, GError **error)
{
  FramePainting *f = data;
  return remora_timeline_paint (f->frame, NULL, f->style, cr, error);
}

/**
 * remora_export_frame:
 * @frame: a frame
 * @style: how to paint it
 * @path: where: a name ending in .png, .svg or .pdf
 * @scale: pixels per logical pixel for PNG
 * @error: a location for a #GError
 *
 * remora_export_paint() of remora_timeline_paint().
 *
 * Returns: %TRUE on success.
 */
gboolean
remora_export_frame (const RemoraFrame         *frame,
                     const RemoraTimelineStyle *style,
                     const char                *path,
                     double                     scale,
                     GError                   **error)
{
  FramePainting f = { frame, style };

  return remora_export_paint (path, style->width, style->height, scale, paint_frame, &f, error);
}
