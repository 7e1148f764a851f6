/* remora-timeline-actions.c: the timeline's actions, one callback each, and
 * their keys: zoom and pan, the history of ranges, rows added, moved and
 * removed, markers A and B set and cleared
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-timeline-view-private.h"

/* Zoom and pan ----------------------------------------------------------- */

/* Zooms by @factor about the pointer, or the middle when it is elsewhere. */
static void
zoom_by_key (RemoraTimelineView *self, double factor)
{
  _remora_timeline_view_zoom (self, factor,
                              self->pointer_x > _remora_timeline_view_plot_x (self)
                                  ? self->pointer_x
                                  : _remora_timeline_view_plot_x (self) +
                                        _remora_timeline_view_plot_width (self) / 2.0);
}

static void
action_zoom_in (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  zoom_by_key (REMORA_TIMELINE_VIEW (widget), ZOOM_STEP);
}

static void
action_zoom_out (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  zoom_by_key (REMORA_TIMELINE_VIEW (widget), 1 / ZOOM_STEP);
}

static void
action_zoom_fit (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraTimelineView   *self = REMORA_TIMELINE_VIEW (widget);
  const RemoraViewport *vp;

  if (self->session == NULL)
    return;
  vp = remora_session_get_viewport (self->session);
  remora_session_set_visible (self->session, vp->trace.begin_ns, vp->trace.end_ns);
  _remora_timeline_view_history_push (self);
}

/* Pans by an eighth of the view, @direction -1 (left) or 1 (right). */
static void
pan_by_key (RemoraTimelineView *self, int direction)
{
  _remora_timeline_view_pan (self,
                             direction * MAX (1, _remora_timeline_view_plot_width (self) / 8));
  _remora_timeline_view_history_push (self);
}

static void
action_pan_left (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  pan_by_key (REMORA_TIMELINE_VIEW (widget), -1);
}

static void
action_pan_right (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  pan_by_key (REMORA_TIMELINE_VIEW (widget), 1);
}

/* Rows ------------------------------------------------------------------- */

static void
action_add_task (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraTimelineView *self = REMORA_TIMELINE_VIEW (widget);

  if (self->session != NULL)
    remora_session_add_row (self->session, REMORA_ROW_TASK, 0, g_variant_get_int32 (parameter),
                            NULL);
}

/* The row the parameter names, or -1 when there is none. */
static int
row_of (RemoraTimelineView *self, GVariant *parameter)
{
  int row = g_variant_get_int32 (parameter);

  if (self->session == NULL || row < 0 ||
      (guint) row >= remora_session_get_rows (self->session)->len)
    return -1;
  return row;
}

static void
action_pin_row (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraTimelineView *self = REMORA_TIMELINE_VIEW (widget);
  int                 row = row_of (self, parameter);

  if (row >= 0)
    remora_session_move_row (self->session, row, 0);
}

static void
action_remove_row (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraTimelineView *self = REMORA_TIMELINE_VIEW (widget);
  int                 row = row_of (self, parameter);

  if (row >= 0)
    remora_session_remove_row (self->session, row);
}

/* History ---------------------------------------------------------------- */

/* Remembers the visible range as a step of the history, dropping the steps
 * ahead of it (as a browser does after going back). */
void
_remora_timeline_view_history_push (RemoraTimelineView *self)
{
  const RemoraTimeRange *now;

  if (self->session == NULL)
    return;
  now = &remora_session_get_viewport (self->session)->visible;
  if (self->history->len > 0 &&
      remora_time_range_equal (&g_array_index (self->history, RemoraTimeRange, self->history_at),
                               now))
    return;
  if (self->history->len > 0)
    g_array_set_size (self->history, self->history_at + 1);
  g_array_append_val (self->history, *now);
  self->history_at = self->history->len - 1;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.back", self->history_at > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.forward", FALSE);
}

/* One step of the history back, or forward. */
static void
go_history (RemoraTimelineView *self, gboolean back)
{
  GtkWidget      *widget = GTK_WIDGET (self);
  RemoraTimeRange r;

  if (self->session == NULL || (back && self->history_at == 0) ||
      (!back && self->history_at + 1 >= self->history->len))
    return;
  self->history_at += back ? -1 : 1;
  r = g_array_index (self->history, RemoraTimeRange, self->history_at);
  remora_session_set_visible (self->session, r.begin_ns, r.end_ns);
  gtk_widget_action_set_enabled (widget, "timeline.back", self->history_at > 0);
  gtk_widget_action_set_enabled (widget, "timeline.forward",
                                 self->history_at + 1 < self->history->len);
}

static void
action_back (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  go_history (REMORA_TIMELINE_VIEW (widget), TRUE);
}

static void
action_forward (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  go_history (REMORA_TIMELINE_VIEW (widget), FALSE);
}

/* Markers ---------------------------------------------------------------- */

/* Marker @name at the pointer, or the middle when it is elsewhere. */
static void
mark_by_key (RemoraTimelineView *self, const char *name)
{
  double x =
      self->pointer_x > _remora_timeline_view_plot_x (self)
          ? self->pointer_x
          : _remora_timeline_view_plot_x (self) + _remora_timeline_view_plot_width (self) / 2.0;

  if (self->session != NULL)
    remora_session_set_marker (self->session, name, _remora_timeline_view_time_at (self, x));
}

static void
action_marker_a (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  mark_by_key (REMORA_TIMELINE_VIEW (widget), "A");
}

static void
action_marker_b (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  mark_by_key (REMORA_TIMELINE_VIEW (widget), "B");
}

static void
action_clear_markers (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraTimelineView *self = REMORA_TIMELINE_VIEW (widget);

  while (self->session != NULL && remora_session_get_markers (self->session)->len > 0)
    remora_session_remove_marker (self->session, 0);
}

/* Installs the timeline's actions and their keys. */
void
_remora_timeline_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, action_zoom_in);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, action_zoom_out);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, action_zoom_fit);
  gtk_widget_class_install_action (widget_class, "timeline.pan-left", NULL, action_pan_left);
  gtk_widget_class_install_action (widget_class, "timeline.pan-right", NULL, action_pan_right);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.pan-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.pan-right", NULL);
  gtk_widget_class_install_action (widget_class, "timeline.back", NULL, action_back);
  gtk_widget_class_install_action (widget_class, "timeline.forward", NULL, action_forward);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "timeline.back",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "timeline.forward", NULL);
  gtk_widget_class_install_action (widget_class, "timeline.add-task", "i", action_add_task);
  gtk_widget_class_install_action (widget_class, "timeline.pin-row", "i", action_pin_row);
  gtk_widget_class_install_action (widget_class, "timeline.remove-row", "i", action_remove_row);
  gtk_widget_class_install_action (widget_class, "timeline.marker-a", NULL, action_marker_a);
  gtk_widget_class_install_action (widget_class, "timeline.marker-b", NULL, action_marker_b);
  gtk_widget_class_install_action (widget_class, "timeline.clear-markers", NULL,
                                   action_clear_markers);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, 0, "timeline.marker-a", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, 0, "timeline.marker-b", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "timeline.clear-markers",
                                       NULL);
}
