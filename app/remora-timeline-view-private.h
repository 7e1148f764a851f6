/* remora-timeline-view-private.h: what the timeline widget's files share
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-timeline-view.h"

G_BEGIN_DECLS

/* How much a wheel notch, a key or a button zooms. */
#define ZOOM_STEP 1.5

struct _RemoraTimelineView
{
  GtkWidget parent_instance;

  /* Owned */
  RemoraSession   *session;
  RemoraFrame     *frame;       /* the last answer, or NULL */
  GCancellable    *cancellable; /* of the request in flight */
  gboolean         in_flight;   /* a request is being answered */
  gboolean         want_frame;  /* the session changed since it was asked */
  cairo_surface_t *shown[3];    /* the images of the last three snapshots */
  gulong           changed_handler;
  gboolean         dark;
  guint            frames_painted;
  guint            return_focus_id; /* the keyboard back here once the menu has gone */

  /* a drag that pans: where it began, in the session's pixels */
  double drag_last_x;
  /* the press became a drag (past GTK's threshold): its release is no click */
  gboolean dragged;
  /* a drag on the time axis that picks a range to zoom to: its ends, in
   * widget pixels, while it lasts */
  gboolean picking;
  double   pick_x0, pick_x1;
  /* where the pointer is, for zooming around it from the keyboard */
  double pointer_x;
  /* a pinch's scale so far */
  double pinch_last;
  /* the views gone back from and to (RemoraTimeRange), and where in them */
  GArray *history;
  guint   history_at;

  /* what is under the pointer (asked a moment after it stops) and what a
   * click selected */
  double              pointer_y;
  guint               hover_source;
  GtkEventController *motion; /* the widget's */
  guint               n_rows; /* the session's rows when last sized */
  GCancellable       *hover_cancellable;
  gboolean            warmed_up; /* the session has read what a first click reads */
  RemoraDetail       *hover;

  /* a row's context menu */
  GtkWidget *menu;

  /* the rows scroll under the time axis, which stays put (GtkScrollable:
   * the scrolled window around the view moves vadjustment) */
  GtkAdjustment      *hadjustment;
  GtkAdjustment      *vadjustment;
  GtkScrollablePolicy hscroll_policy;
  GtkScrollablePolicy vscroll_policy;
};

double   _remora_timeline_view_focus_px (RemoraTimelineView *self, double widget_x);
double   _remora_timeline_view_plot_x (RemoraTimelineView *self);
gboolean _remora_timeline_view_ask_hover (gpointer data);
gboolean _remora_timeline_view_on_scroll (GtkEventControllerScroll *controller,
                                          double                    dx,
                                          double                    dy,
                                          RemoraTimelineView       *self);
gint64   _remora_timeline_view_time_at (RemoraTimelineView *self, double x);
int      _remora_timeline_view_plot_width (RemoraTimelineView *self);
void     _remora_timeline_view_fill_style (RemoraTimelineView *self, RemoraTimelineStyle *style);
void     _remora_timeline_view_history_push (RemoraTimelineView *self);
void     _remora_timeline_view_install_actions (GtkWidgetClass *widget_class);
void     _remora_timeline_view_on_drag_begin (GtkGestureDrag     *gesture,
                                              double              x,
                                              double              y,
                                              RemoraTimelineView *self);
void     _remora_timeline_view_on_drag_end (GtkGestureDrag     *gesture,
                                            double              dx,
                                            double              dy,
                                            RemoraTimelineView *self);
void     _remora_timeline_view_on_drag_update (GtkGestureDrag     *gesture,
                                               double              dx,
                                               double              dy,
                                               RemoraTimelineView *self);
void     _remora_timeline_view_on_leave (GtkEventControllerMotion *controller,
                                         RemoraTimelineView       *self);
void     _remora_timeline_view_on_motion (GtkEventControllerMotion *controller,
                                          double                    x,
                                          double                    y,
                                          RemoraTimelineView       *self);
void
_remora_timeline_view_on_pinch (GtkGestureZoom *gesture, double scale, RemoraTimelineView *self);
void _remora_timeline_view_on_pinch_begin (GtkGesture         *gesture,
                                           GdkEventSequence   *sequence,
                                           RemoraTimelineView *self);
void _remora_timeline_view_pan (RemoraTimelineView *self, double px);
void _remora_timeline_view_zoom (RemoraTimelineView *self, double factor, double widget_x);

G_END_DECLS
