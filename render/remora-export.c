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
#include <glib/gi18n-lib.h>
#include <math.h>

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

static gboolean
check_surface (cairo_surface_t *surface, const char *path, GError **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, REMORA_RENDER_ERROR, REMORA_RENDER_ERROR_CAIRO,
               _ ("Failed to write “%s”: %s"), path, cairo_status_to_string (status));
  return FALSE;
}

/**
 * remora_export_scene:
 * @scene: what to draw
 * @path: the file: PNG, SVG or PDF by its suffix
 * @scale: device pixels per logical pixel for PNG (2 for HiDPI)
 * @error: a location for a #GError
 *
 * Draws @scene into a file, without a display.
 *
 * Returns: %TRUE when the file is complete.
 */
gboolean
remora_export_scene (const RemoraTimelineScene *scene,
                     const char                *path,
                     double                     scale,
                     GError                   **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  cairo_surface_t *surface;
  cairo_t         *cr;
  gboolean         ok;
  gboolean         png = g_str_has_suffix (lower, ".png");

  scale = CLAMP (scale, 0.25, 8.0);
  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (scene->width * scale),
                                          (int) ceil (scene->height * scale));
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (path, scene->width, scene->height);
  else if (g_str_has_suffix (lower, ".pdf"))
    surface = cairo_pdf_surface_create (path, scene->width, scene->height);
  else
    {
      g_set_error (error, REMORA_RENDER_ERROR, REMORA_RENDER_ERROR_FORMAT,
                   _ ("Cannot write “%s”: the name must end in .png, .svg or .pdf"), path);
      return FALSE;
    }
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cr = cairo_create (surface);
  if (png)
    cairo_scale (cr, scale, scale);
  ok = remora_timeline_render (scene, cr, error);
  cairo_destroy (cr);
  if (ok && png)
    {
      cairo_status_t status = cairo_surface_write_to_png (surface, path);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, REMORA_RENDER_ERROR, REMORA_RENDER_ERROR_CAIRO,
                       _ ("Failed to write “%s”: %s"), path, cairo_status_to_string (status));
          ok = FALSE;
        }
    }
  cairo_surface_finish (surface);
  if (ok)
    ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}
