/* remora-timeline-gestures.c: the timeline's zoom and pan: the wheel (with
 * Ctrl, or on the time axis, it zooms about the pointer), a drag on the rows
 * pans and nothing else, a drag on the time axis zooms to its range and
 * nothing else, pinch; the pointer's place for the hover (the keys'
 * actions are in remora-timeline-actions.c).
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "remora-timeline-view-private.h"

/* Zooming and panning -------------------------------------------------------- */

double
_remora_timeline_view_focus_px (RemoraTimelineView *self, double widget_x)
{
  return CLAMP (widget_x - _remora_timeline_view_plot_x (self), 0,
                _remora_timeline_view_plot_width (self));
}

void
_remora_timeline_view_zoom (RemoraTimelineView *self, double factor, double widget_x)
{
  if (self->session)
    {
      remora_session_zoom (self->session, factor, _remora_timeline_view_focus_px (self, widget_x));
      _remora_timeline_view_history_push (self);
    }
}

void
_remora_timeline_view_pan (RemoraTimelineView *self, double px)
{
  if (self->session)
    remora_session_pan (self->session, px);
}

gboolean
_remora_timeline_view_on_scroll (GtkEventControllerScroll *controller,
                                 double                    dx,
                                 double                    dy,
                                 RemoraTimelineView       *self)
{
  GdkModifierType mods =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (self->session == NULL)
    return FALSE;
  if (mods & GDK_CONTROL_MASK)
    {
      _remora_timeline_view_zoom (self, dy < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, self->pointer_x);
      return TRUE;
    }
  if (mods & GDK_SHIFT_MASK || dx != 0)
    {
      _remora_timeline_view_pan (self, (dx != 0 ? dx : dy) * 40);
      return TRUE;
    }
  /* a plain wheel scrolls the rows (the scrolled window around the view) */
  return FALSE;
}

void
_remora_timeline_view_on_motion (GtkEventControllerMotion *controller,
                                 double                    x,
                                 double                    y,
                                 RemoraTimelineView       *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  /* asked once the pointer rests, not at every motion */
  g_clear_handle_id (&self->hover_source, g_source_remove);
  if (self->session != NULL)
    self->hover_source = g_timeout_add (80, _remora_timeline_view_ask_hover, self);
}

/* The pointer left (for a popover or a menu over the view, too): no tooltip
 * is to come of where it was. */
void
_remora_timeline_view_on_leave (GtkEventControllerMotion *controller, RemoraTimelineView *self)
{
  g_clear_handle_id (&self->hover_source, g_source_remove);
  g_cancellable_cancel (self->hover_cancellable);
  g_clear_pointer (&self->hover, remora_detail_free);
}

void
_remora_timeline_view_on_drag_begin (GtkGestureDrag     *gesture,
                                     double              x,
                                     double              y,
                                     RemoraTimelineView *self)
{
  RemoraTimelineStyle style;

  self->drag_last_x = 0;
  self->picking = FALSE;
  self->dragged = FALSE;
  if (x < _remora_timeline_view_plot_x (self) || self->session == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  _remora_timeline_view_fill_style (self, &style);
  /* above the rows, on the axis: pick a range */
  if (self->frame && y < remora_timeline_get_rows_top (&style, self->frame->markers->len > 0))
    {
      self->picking = TRUE;
      self->pick_x0 = self->pick_x1 = x;
    }
}

void
_remora_timeline_view_on_drag_update (GtkGestureDrag     *gesture,
                                      double              dx,
                                      double              dy,
                                      RemoraTimelineView *self)
{
  double x;

  if (!self->dragged &&
      gtk_drag_check_threshold (GTK_WIDGET (self), 0, 0, (int) dx, (int) dy) == FALSE)
    return;
  self->dragged = TRUE;
  if (self->picking)
    {
      gtk_gesture_drag_get_start_point (gesture, &x, NULL);
      self->pick_x1 =
          CLAMP (x + dx, _remora_timeline_view_plot_x (self),
                 _remora_timeline_view_plot_x (self) + _remora_timeline_view_plot_width (self));
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  /* the trace follows the pointer */
  _remora_timeline_view_pan (self, -(dx - self->drag_last_x));
  self->drag_last_x = dx;
}

void
_remora_timeline_view_on_drag_end (GtkGestureDrag     *gesture,
                                   double              dx,
                                   double              dy,
                                   RemoraTimelineView *self)
{
  if (self->picking)
    {
      self->picking = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      if (ABS (self->pick_x1 - self->pick_x0) >= 3 && self->session)
        {
          remora_session_set_visible (
              self->session,
              _remora_timeline_view_time_at (self, MIN (self->pick_x0, self->pick_x1)),
              _remora_timeline_view_time_at (self, MAX (self->pick_x0, self->pick_x1)));
          _remora_timeline_view_history_push (self);
        }
      return;
    }
  if (dx != 0)
    _remora_timeline_view_history_push (self);
}

void
_remora_timeline_view_on_pinch_begin (GtkGesture         *gesture,
                                      GdkEventSequence   *sequence,
                                      RemoraTimelineView *self)
{
  self->pinch_last = 1;
}

void
_remora_timeline_view_on_pinch (GtkGestureZoom *gesture, double scale, RemoraTimelineView *self)
{
  double x, y;

  if (gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y) && scale > 0)
    _remora_timeline_view_zoom (self, scale / self->pinch_last, x);
  self->pinch_last = scale;
}
