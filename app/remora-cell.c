/* remora-cell.c: one line of text in a list's cell, cheap to lay out
 *
 * GTK 4.8's list views keep a widget for up to 200 rows, and a column
 * view's row has one per column: the event list's 1,600 cells are measured
 * whenever rows change. A cell is one line high whatever its text and as
 * wide as its column gives it, so measuring it is a constant; its text is
 * laid out only when it is drawn, ellipsized to its width.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-cell.h"

struct _RemoraCell
{
  GtkWidget             parent_instance;
  char                 *text;
  float                 xalign;
  PangoLayout          *layout; /* of text, for the width it was drawn at */
  int                   layout_width;
  int                   line_height; /* 0 until measured with the widget's font */
  PangoFontDescription *font;        /* the font it was measured with */
};

G_DEFINE_FINAL_TYPE (RemoraCell, remora_cell, GTK_TYPE_WIDGET)

static void
forget_layout (RemoraCell *self)
{
  g_clear_object (&self->layout);
}

static void
remora_cell_measure (GtkWidget     *widget,
                     GtkOrientation orientation,
                     int            for_size,
                     int           *minimum,
                     int           *natural,
                     int           *minimum_baseline,
                     int           *natural_baseline)
{
  RemoraCell *self = REMORA_CELL (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 0;
      return;
    }
  if (self->line_height == 0)
    {
      PangoLayout *probe = gtk_widget_create_pango_layout (widget, "Xg");
      int          w, h;

      pango_layout_get_pixel_size (probe, &w, &h);
      self->line_height = h;
      g_object_unref (probe);
    }
  *minimum = *natural = self->line_height;
}

static void
remora_cell_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  RemoraCell *self = REMORA_CELL (widget);
  int         width = gtk_widget_get_width (widget);
  int         height = gtk_widget_get_height (widget);
  GdkRGBA     color;
  int         w, h;

  if (self->text == NULL || self->text[0] == 0 || width <= 0)
    return;
  if (self->layout == NULL || self->layout_width != width)
    {
      forget_layout (self);
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_width (self->layout, width * PANGO_SCALE);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      self->layout_width = width;
    }
  pango_layout_get_pixel_size (self->layout, &w, &h);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MAX (0, (width - w) * self->xalign),
                                                          MAX (0, (height - h) / 2)));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
remora_cell_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  RemoraCell                 *self = REMORA_CELL (widget);
  const PangoFontDescription *font;

  GTK_WIDGET_CLASS (remora_cell_parent_class)->css_changed (widget, change);
  /* a new font: measured and laid out again; a row's hover or selection
   * changes its colour only, which the parent class redraws */
  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (self->font != NULL && font != NULL && pango_font_description_equal (self->font, font))
    return;
  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = font ? pango_font_description_copy (font) : NULL;
  self->line_height = 0;
  forget_layout (self);
  gtk_widget_queue_resize (widget);
}

static void
remora_cell_finalize (GObject *object)
{
  RemoraCell *self = REMORA_CELL (object);

  forget_layout (self);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_free (self->text);
  G_OBJECT_CLASS (remora_cell_parent_class)->finalize (object);
}

static void
remora_cell_class_init (RemoraCellClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = remora_cell_finalize;
  widget_class->measure = remora_cell_measure;
  widget_class->snapshot = remora_cell_snapshot;
  widget_class->css_changed = remora_cell_css_changed;
  gtk_widget_class_set_css_name (widget_class, "remora-cell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
remora_cell_init (RemoraCell *self)
{
}

/**
 * remora_cell_new:
 * @xalign: 0 for text on the left, 1 on the right
 *
 * Returns: (transfer floating): an empty cell.
 */
GtkWidget *
remora_cell_new (float xalign)
{
  RemoraCell *self = g_object_new (REMORA_TYPE_CELL, NULL);

  self->xalign = CLAMP (xalign, 0, 1);
  return GTK_WIDGET (self);
}

/**
 * remora_cell_set_text:
 * @self: a #RemoraCell
 * @text: (nullable): its line
 */
void
remora_cell_set_text (RemoraCell *self, const char *text)
{
  g_return_if_fail (REMORA_IS_CELL (self));
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  forget_layout (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text ? text : "", -1);
  /* the same size: drawn again, not measured again */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
