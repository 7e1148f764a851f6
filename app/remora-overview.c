/* remora-overview.c: the strip above the rows. It shows the whole trace
 * (a frame of every CPU row over the whole trace, asked off the UI thread of
 * a session of its own) with the view's range framed; dragging inside the
 * frame moves the view, dragging its edges resizes it, a click elsewhere
 * centres the view there.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-overview.h"

#include <glib/gi18n.h>

#define HEIGHT 40
#define EDGE   5 /* pixels within which a press takes an edge */

typedef enum
{
  DRAG_NONE,
  DRAG_MOVE,
  DRAG_BEGIN,
  DRAG_END,
} DragKind;

struct _RemoraOverview
{
  GtkWidget parent_instance;

  /* Owned */
  RemoraSession *session; /* the view's */
  RemoraSession *whole;   /* the whole trace's, every CPU */
  RemoraFrame   *frame;
  GCancellable  *cancellable;
  /* the strip without the visible range, painted once per frame, size and
   * theme (not again at every step of a zoom) */
  cairo_surface_t   *activity; /* dropped with the frame */
  const RemoraTheme *activity_theme;
  gulong             changed_handler;
  gboolean           dark;

  DragKind        drag;
  RemoraTimeRange drag_start; /* the view when the drag began */
};

G_DEFINE_FINAL_TYPE (RemoraOverview, remora_overview, GTK_TYPE_WIDGET)

static void
fill_style (RemoraOverview *self, RemoraTimelineStyle *style)
{
  remora_timeline_style_init (style);
  style->width = MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));
  style->height = HEIGHT;
  style->theme = remora_theme_get (self->dark);
}

static void
on_frame (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemoraOverview) self = user_data;
  g_autoptr (GError) error = NULL;
  RemoraFrame *frame =
      remora_session_request_frame_finish (REMORA_SESSION (object), result, &error);

  if (frame == NULL)
    {
      /* the window says it, through the view's session */
      if (REMORA_SESSION (object) == self->whole && self->session != NULL)
        remora_session_note_problem (self->session, error);
      return;
    }
  if (REMORA_SESSION (object) != self->whole)
    {
      remora_frame_unref (frame);
      return;
    }
  if (frame->problem != NULL && self->session != NULL)
    {
      g_autoptr (GError) problem =
          g_error_new_literal (REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT, frame->problem);
      remora_session_note_problem (self->session, problem);
    }
  g_clear_pointer (&self->frame, remora_frame_unref);
  g_clear_pointer (&self->activity, cairo_surface_destroy);
  self->frame = frame;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
request_frame (RemoraOverview *self)
{
  RemoraTimelineStyle style;

  if (self->whole == NULL || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return;
  fill_style (self, &style);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  remora_session_request_frame_async (self->whole, remora_timeline_get_columns (&style),
                                      self->cancellable, on_frame, g_object_ref (self));
}

static void
remora_overview_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  RemoraOverview     *self = REMORA_OVERVIEW (widget);
  RemoraTimelineStyle style;

  fill_style (self, &style);
  if (self->frame == NULL || self->frame->columns != remora_timeline_get_columns (&style))
    request_frame (self);
}

static void
remora_overview_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  RemoraOverview     *self = REMORA_OVERVIEW (widget);
  RemoraTimelineStyle style;
  int                 scale = gtk_widget_get_scale_factor (widget);
  cairo_t            *cr;

  if (self->frame == NULL || self->session == NULL)
    return;
  fill_style (self, &style);
  if (self->activity == NULL || self->activity_theme != style.theme ||
      cairo_image_surface_get_width (self->activity) != style.width * scale ||
      cairo_image_surface_get_height (self->activity) != style.height * scale)
    {
      g_clear_pointer (&self->activity, cairo_surface_destroy);
      self->activity = cairo_image_surface_create (CAIRO_FORMAT_RGB24, style.width * scale,
                                                   style.height * scale);
      cairo_surface_set_device_scale (self->activity, scale, scale);
      cr = cairo_create (self->activity);
      remora_overview_paint_activity (self->frame, &style, cr);
      cairo_destroy (cr);
      self->activity_theme = style.theme;
    }
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, style.width, style.height));
  cairo_set_source_surface (cr, self->activity, 0, 0);
  cairo_paint (cr);
  remora_overview_paint_visible (self->frame, &remora_session_get_viewport (self->session)->visible,
                                 &style, cr);
  cairo_destroy (cr);
}

static void
remora_overview_measure (GtkWidget     *widget,
                         GtkOrientation orientation,
                         int            for_size,
                         int           *minimum,
                         int           *natural,
                         int           *minimum_baseline,
                         int           *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 400 : HEIGHT;
}

/* The time at widget pixel @x of the whole trace. */
static gint64
time_at (RemoraOverview *self, double x)
{
  RemoraTimelineStyle   style;
  const RemoraViewport *vp = remora_session_get_viewport (self->session);
  double                x0, w;

  fill_style (self, &style);
  x0 = remora_timeline_get_plot_x (&style);
  w = remora_timeline_get_columns (&style);
  return vp->trace.begin_ns +
         (gint64) (CLAMP ((x - x0) / w, 0, 1) * remora_time_range_get_duration (&vp->trace));
}

static double
x_of (RemoraOverview *self, gint64 ts)
{
  RemoraTimelineStyle   style;
  const RemoraViewport *vp = remora_session_get_viewport (self->session);

  fill_style (self, &style);
  return remora_timeline_get_plot_x (&style) +
         (double) (ts - vp->trace.begin_ns) * remora_timeline_get_columns (&style) /
             MAX (1, remora_time_range_get_duration (&vp->trace));
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, RemoraOverview *self)
{
  const RemoraTimeRange *v;
  double                 x0, x1;

  if (self->session == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  v = &remora_session_get_viewport (self->session)->visible;
  x0 = x_of (self, v->begin_ns);
  x1 = x_of (self, v->end_ns);
  if (ABS (x - x0) <= EDGE && x1 - x0 > 2 * EDGE)
    self->drag = DRAG_BEGIN;
  else if (ABS (x - x1) <= EDGE)
    self->drag = DRAG_END;
  else
    {
      if (x < x0 || x > x1)
        {
          /* a press outside the frame centres the view there */
          gint64 len = remora_time_range_get_duration (v), t = time_at (self, x);
          remora_session_set_visible (self->session, t - len / 2, t - len / 2 + len);
        }
      self->drag = DRAG_MOVE;
    }
  self->drag_start = remora_session_get_viewport (self->session)->visible;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, RemoraOverview *self)
{
  double          start_x;
  RemoraTimeRange r = self->drag_start;
  gint64          shift;

  if (self->session == NULL || self->drag == DRAG_NONE)
    return;
  gtk_gesture_drag_get_start_point (gesture, &start_x, NULL);
  shift = time_at (self, start_x + dx) - time_at (self, start_x);
  if (self->drag == DRAG_MOVE)
    remora_session_set_visible (self->session, r.begin_ns + shift, r.end_ns + shift);
  else if (self->drag == DRAG_BEGIN)
    remora_session_set_visible (self->session, MIN (r.begin_ns + shift, r.end_ns - 1), r.end_ns);
  else
    remora_session_set_visible (self->session, r.begin_ns, MAX (r.end_ns + shift, r.begin_ns + 1));
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, RemoraOverview *self)
{
  self->drag = DRAG_NONE;
}

static void
on_session_changed (RemoraSession *session, RemoraOverview *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * remora_overview_set_session:
 * @self: a #RemoraOverview
 * @session: (nullable): the view whose range it frames and moves
 */
void
remora_overview_set_session (RemoraOverview *self, RemoraSession *session)
{
  g_return_if_fail (REMORA_IS_OVERVIEW (self));

  if (self->session)
    g_clear_signal_handler (&self->changed_handler, self->session);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->whole);
  g_clear_pointer (&self->frame, remora_frame_unref);
  g_clear_pointer (&self->activity, cairo_surface_destroy);
  g_set_object (&self->session, session);
  if (session)
    {
      const RemoraTraceInfo *info = remora_session_get_info (session);

      self->changed_handler =
          g_signal_connect (session, "changed", G_CALLBACK (on_session_changed), self);
      self->whole = remora_session_new (remora_session_get_store (session));
      remora_session_set_links (self->whole, FALSE);
      for (guint b = 0; b < info->buffers->len; b++)
        if (g_array_index (info->buffers, RemoraBufferInfo, b).id == 0)
          for (int cpu = 0; cpu < g_array_index (info->buffers, RemoraBufferInfo, b).cpus; cpu++)
            remora_session_add_row (self->whole, REMORA_ROW_CPU, 0, cpu, NULL);
    }
  request_frame (self);
}

/**
 * remora_overview_get_frame:
 * @self: a #RemoraOverview
 *
 * Returns: (transfer none) (nullable): the whole trace's frame it paints.
 */
const RemoraFrame *
remora_overview_get_frame (RemoraOverview *self)
{
  return self->frame;
}

void
remora_overview_set_dark (RemoraOverview *self, gboolean dark)
{
  self->dark = !!dark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
remora_overview_dispose (GObject *object)
{
  RemoraOverview *self = REMORA_OVERVIEW (object);

  if (self->session)
    g_clear_signal_handler (&self->changed_handler, self->session);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->whole);
  g_clear_pointer (&self->frame, remora_frame_unref);
  g_clear_pointer (&self->activity, cairo_surface_destroy);
  G_OBJECT_CLASS (remora_overview_parent_class)->dispose (object);
}

static void
remora_overview_class_init (RemoraOverviewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = remora_overview_dispose;
  widget_class->snapshot = remora_overview_snapshot;
  widget_class->size_allocate = remora_overview_size_allocate;
  widget_class->measure = remora_overview_measure;
  gtk_widget_class_set_css_name (widget_class, "remoraoverview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
remora_overview_init (RemoraOverview *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _ ("The whole trace: drag the frame to move the view, its edges "
                                  "to resize it"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Overview of the whole trace"), -1);
}
