/* remora-timeline-view.c: the timeline widget. It keeps a RemoraSession,
 * asks it for frames off the UI thread whenever it changes or the widget is
 * resized, and paints the last answer: over the current range, moved and
 * stretched, until the next one arrives. It has no drawing or query code of
 * its own: frames come from model/, pixels from render/.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "remora-timeline-view-private.h"

G_DEFINE_FINAL_TYPE_WITH_CODE (RemoraTimelineView,
                               remora_timeline_view,
                               GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

/* How high the rows want to be, with the axis and the markers' strip. */
static int
content_height (RemoraTimelineView *self)
{
  RemoraTimelineStyle style;
  guint    n = self->session ? remora_rows_units (remora_session_get_rows (self->session)) : 0;
  gboolean markers = self->session && remora_session_get_markers (self->session)->len > 0;

  remora_timeline_style_init (&style);
  return remora_timeline_get_height_for_rows (FALSE, MAX (1, n)) +
         (int) (remora_timeline_get_rows_top (&style, markers) -
                remora_timeline_get_rows_top (&style, FALSE));
}

/* The picture is painted whole (as high as its rows want, or as the widget
 * when that is higher); the widget shows its top strip and a window of its
 * rows, scrolled. */
void
_remora_timeline_view_fill_style (RemoraTimelineView *self, RemoraTimelineStyle *style)
{
  remora_timeline_style_init (style);
  style->width = MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));
  style->height = MAX (MAX (1, gtk_widget_get_height (GTK_WIDGET (self))), content_height (self));
  style->theme = remora_theme_get (self->dark);
  style->absolute_time = self->session != NULL && remora_session_get_absolute_time (self->session);
}

/* How far the rows are scrolled, in pixels. */
static double
scroll_y (RemoraTimelineView *self)
{
  return self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

/* Where the rows begin in the widget: above is the strip that stays put. */
static double
strip_height (RemoraTimelineView *self)
{
  RemoraTimelineStyle style;

  _remora_timeline_view_fill_style (self, &style);
  return remora_timeline_get_rows_top (&style, self->frame && self->frame->markers->len > 0);
}

/* A widget height in the whole picture's. */
static double
picture_y (RemoraTimelineView *self, double y)
{
  return y < strip_height (self) ? y : y + scroll_y (self);
}

static void
configure_scrolling (RemoraTimelineView *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->vadjustment == NULL)
    return;
  gtk_adjustment_configure (self->vadjustment,
                            CLAMP (gtk_adjustment_get_value (self->vadjustment), 0,
                                   MAX (0, content_height (self) - height)),
                            0, MAX (height, content_height (self)), height * 0.1, height * 0.9,
                            height);
}

static void
on_scrolled (GtkAdjustment *adjustment, RemoraTimelineView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (RemoraTimelineView *self, GtkAdjustment **slot, GtkAdjustment *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, on_scrolled, self);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  g_set_object (slot, g_object_ref_sink (adjustment));
  g_object_unref (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_scrolled), self);
  configure_scrolling (self);
}

/* The plot's left edge in widget pixels, and its width. */
int
_remora_timeline_view_plot_width (RemoraTimelineView *self)
{
  RemoraTimelineStyle style;

  _remora_timeline_view_fill_style (self, &style);
  return remora_timeline_get_columns (&style);
}

double
_remora_timeline_view_plot_x (RemoraTimelineView *self)
{
  RemoraTimelineStyle style;

  _remora_timeline_view_fill_style (self, &style);
  return remora_timeline_get_plot_x (&style);
}

typedef struct
{
  RemoraTimelineView *self;
  GCancellable       *cancellable;
} FrameAsk;

static void request_frame (RemoraTimelineView *self);

static void
on_frame (GObject *object, GAsyncResult *result, gpointer user_data)
{
  FrameAsk *ask = user_data;
  g_autoptr (RemoraTimelineView) self = ask->self;
  g_autoptr (GCancellable) cancellable = ask->cancellable;
  g_autoptr (GError) error = NULL;
  RemoraFrame *frame =
      remora_session_request_frame_finish (REMORA_SESSION (object), result, &error);

  g_free (ask);
  if (cancellable != self->cancellable)
    {
      /* an answer for a session or request given up */
      g_clear_pointer (&frame, remora_frame_unref);
      return;
    }
  self->in_flight = FALSE;
  if (frame == NULL)
    {
      if (self->session != NULL)
        remora_session_note_problem (self->session, error); /* the window says it */
    }
  else
    {
      if (frame->problem != NULL && self->session != NULL)
        {
          g_autoptr (GError) problem = g_error_new_literal (
              REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT, frame->problem);
          remora_session_note_problem (self->session, problem);
        }
      g_clear_pointer (&self->frame, remora_frame_unref);
      self->frame = frame;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      /* the first click's reads, once the trace shows */
      if (!self->warmed_up)
        remora_session_warm_up (self->session);
      self->warmed_up = TRUE;
    }
  if (self->want_frame)
    request_frame (self);
}

/* Asks for a frame of the session as it is now, for the widget's width.
 * While one is being answered, the next waits for it and asks for the
 * session as it is then: answers keep arriving while the view moves at every
 * frame, instead of each change cancelling the one before. */
static void
request_frame (RemoraTimelineView *self)
{
  int       width = gtk_widget_get_width (GTK_WIDGET (self));
  FrameAsk *ask;

  if (self->session == NULL || width <= 0)
    return;
  remora_session_set_width (self->session, _remora_timeline_view_plot_width (self));
  if (self->in_flight)
    {
      self->want_frame = TRUE;
      return;
    }
  self->in_flight = TRUE;
  self->want_frame = FALSE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  ask = g_new0 (FrameAsk, 1);
  ask->self = g_object_ref (self);
  ask->cancellable = g_object_ref (self->cancellable);
  remora_session_request_frame_async (self->session, _remora_timeline_view_plot_width (self),
                                      self->cancellable, on_frame, ask);
}

/* Gives up the request in flight (its answer is dropped) */
static void
cancel_frame (RemoraTimelineView *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->in_flight = FALSE;
  self->want_frame = FALSE;
}

static void
on_session_changed (RemoraSession *session, RemoraTimelineView *self)
{
  /* rows may have come or gone: the size and the scrolling follow */
  if (remora_session_get_rows (session)->len != self->n_rows)
    {
      self->n_rows = remora_session_get_rows (session)->len;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  configure_scrolling (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  request_frame (self);
}

static void
remora_timeline_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  RemoraTimelineView *self = REMORA_TIMELINE_VIEW (widget);

  if (self->frame == NULL || self->frame->columns != _remora_timeline_view_plot_width (self))
    request_frame (self);
  configure_scrolling (self);
  if (self->menu)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
remora_timeline_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  RemoraTimelineView *self = REMORA_TIMELINE_VIEW (widget);
  RemoraTimelineStyle style;
  int                 scale = gtk_widget_get_scale_factor (widget);
  cairo_surface_t    *surface;
  cairo_t            *cr;
  g_autoptr (GError) error = NULL;

  if (self->frame == NULL || self->session == NULL)
    return;
  _remora_timeline_view_fill_style (self, &style);
  /* painted into an image, where rows are written straight into pixels,
   * and shown as a texture: the one of three snapshots ago again when it
   * has the size (a new one costs a page fault on each of its pages, and a
   * TLB shootdown when it goes; the last two may still be in GTK's nodes,
   * and cairo would copy one of those before it is written) */
  surface = self->shown[2];
  if (surface != NULL && cairo_surface_get_reference_count (surface) == 1 &&
      cairo_image_surface_get_width (surface) == style.width * scale &&
      cairo_image_surface_get_height (surface) == style.height * scale)
    self->shown[2] = NULL;
  else
    surface =
        /* opaque (the chrome paints the background), so that showing it is
         * a copy rather than a blend */
        cairo_image_surface_create (CAIRO_FORMAT_RGB24, style.width * scale, style.height * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  if (!remora_timeline_paint (self->frame, &remora_session_get_viewport (self->session)->visible,
                              &style, cr, &error))
    g_warning ("%s", error->message);
  cairo_destroy (cr);
  /* shown through a cairo node: a texture made from the same pixels costs a
   * per-pixel format conversion in GTK 4.8's cairo renderer (half the frame,
   * measured with bench/ui), a cairo node one blit in either renderer */
  {
    /* the strip above the rows as it is, the rows scrolled under it */
    int    height = gtk_widget_get_height (widget);
    double strip = MIN (strip_height (self), height);

    cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, style.width, height));
    cairo_rectangle (cr, 0, 0, style.width, strip);
    cairo_clip (cr);
    cairo_set_source_surface (cr, surface, 0, 0);
    cairo_paint (cr);
    cairo_reset_clip (cr);
    cairo_rectangle (cr, 0, strip, style.width, height - strip);
    cairo_clip (cr);
    cairo_set_source_surface (cr, surface, 0, -scroll_y (self));
    cairo_paint (cr);
    cairo_destroy (cr);
  }
  /* the node refers to the image until GTK drops it, after the next frame:
   * an image let go of sooner would be copied by cairo first */
  g_clear_pointer (&self->shown[2], cairo_surface_destroy);
  self->shown[2] = self->shown[1];
  self->shown[1] = self->shown[0];
  self->shown[0] = surface;
  if (self->picking)
    {
      /* the range a drag on the axis picks */
      GdkRGBA pick = { 0.10, 0.45, 0.90, 0.18 };
      double  x0 = MIN (self->pick_x0, self->pick_x1), x1 = MAX (self->pick_x0, self->pick_x1);

      gtk_snapshot_append_color (snapshot, &pick,
                                 &GRAPHENE_RECT_INIT (x0, 0, MAX (1, x1 - x0), style.height));
    }
  self->frames_painted++;
}

static void
remora_timeline_view_measure (GtkWidget     *widget,
                              GtkOrientation orientation,
                              int            for_size,
                              int           *minimum,
                              int           *natural,
                              int           *minimum_baseline,
                              int           *natural_baseline)
{
  RemoraTimelineView *self = REMORA_TIMELINE_VIEW (widget);
  guint               n = self->session ? remora_session_get_rows (self->session)->len : 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 400;
  else
    {
      /* the axis and a row at least: the rest scrolls */
      *minimum = remora_timeline_get_height_for_rows (FALSE, 1);
      *natural = MAX (*minimum, content_height (self));
    }
  (void) n;
}

/* Hover and selection ------------------------------------------------------------ */

/* The row under widget height @y, or -1. */
static int
row_at (RemoraTimelineView *self, double y)
{
  RemoraTimelineStyle style;

  if (self->session == NULL || self->frame == NULL)
    return -1;
  _remora_timeline_view_fill_style (self, &style);
  return remora_timeline_get_row_at (&style, self->frame, picture_y (self, y));
}

/* The block request whose box is under widget point (@x, @y) of @row, a
 * device's, in the frame shown, or -1. */
static gint64
request_at (RemoraTimelineView *self, int row, double x, double y)
{
  RemoraTimelineStyle style;

  if (self->frame == NULL ||
      !remora_time_range_equal (&self->frame->range,
                                &remora_session_get_viewport (self->session)->visible))
    return -1;
  _remora_timeline_view_fill_style (self, &style);
  return remora_timeline_get_request_at (&style, self->frame, row, x, picture_y (self, y));
}

/**
 * remora_timeline_view_get_row_span:
 * @self: a #RemoraTimelineView
 * @row: a row
 * @top: (out): where it begins in the widget
 * @bottom: (out): where it ends
 *
 * Where row @row is drawn, scrolled as the rows are: above the widget's
 * strip when scrolled past.
 *
 * Returns: %FALSE when the view has no such row.
 */
gboolean
remora_timeline_view_get_row_span (RemoraTimelineView *self, int row, double *top, double *bottom)
{
  RemoraTimelineStyle style;
  double              y, h;

  g_return_val_if_fail (REMORA_IS_TIMELINE_VIEW (self), FALSE);
  if (self->frame == NULL)
    return FALSE;
  _remora_timeline_view_fill_style (self, &style);
  if (!remora_timeline_get_row_box (&style, self->frame, row, &y, &h))
    return FALSE;
  *top = y - scroll_y (self);
  *bottom = y + h - scroll_y (self);
  return TRUE;
}

/* An event this close to the pointer is the one under it: 4 pixels. */
static gint64
tolerance_ns (RemoraTimelineView *self)
{
  return (gint64) (4 * remora_viewport_get_ns_per_px (remora_session_get_viewport (self->session)));
}

static void
on_hover (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemoraTimelineView) self = user_data;
  RemoraDetail *detail = remora_session_query_detail_finish (REMORA_SESSION (object), result, NULL);

  if (detail == NULL)
    return;
  if (self->session == NULL || REMORA_SESSION (object) != self->session)
    {
      remora_detail_free (detail);
      return;
    }
  g_clear_pointer (&self->hover, remora_detail_free);
  self->hover = detail;
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

gboolean
_remora_timeline_view_ask_hover (gpointer data)
{
  RemoraTimelineView *self = data;
  int                 row = row_at (self, self->pointer_y);

  self->hover_source = 0;
  if (self->session == NULL || row < 0 || self->pointer_x < _remora_timeline_view_plot_x (self))
    return G_SOURCE_REMOVE;
  g_cancellable_cancel (self->hover_cancellable);
  g_clear_object (&self->hover_cancellable);
  self->hover_cancellable = g_cancellable_new ();
  remora_session_query_detail_async (
      self->session, row, _remora_timeline_view_time_at (self, self->pointer_x),
      tolerance_ns (self), self->hover_cancellable, on_hover, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static gboolean
on_query_tooltip (
    GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip, gpointer data)
{
  RemoraTimelineView *self = REMORA_TIMELINE_VIEW (widget);
  g_autofree char    *text = NULL;
  gint64              t;

  GtkRoot   *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (self->hover == NULL || self->session == NULL || row_at (self, y) != self->hover->row)
    return FALSE;
  /* never over a menu, a popover or a dialog of the window */
  if (!gtk_event_controller_motion_contains_pointer (GTK_EVENT_CONTROLLER_MOTION (self->motion)) ||
      (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL) ||
      (GTK_IS_WINDOW (root) && !gtk_window_is_active (GTK_WINDOW (root))))
    return FALSE;
  /* the answer is of where the pointer was: still under it? */
  t = _remora_timeline_view_time_at (self, x);
  if (ABS (t - self->hover->ts) > 2 * tolerance_ns (self))
    return FALSE;
  text = remora_detail_dup_summary (self->hover);
  if (text[0] == 0)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Rows ------------------------------------------------------------------------- */

static void
on_menu_detail (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemoraTimelineView) self = user_data;
  g_autoptr (RemoraDetail) d =
      remora_session_query_detail_finish (REMORA_SESSION (object), result, NULL);
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) rows = g_menu_new ();
  g_autoptr (GMenu) links = g_menu_new ();
  GdkRectangle at;

  if (d == NULL || REMORA_SESSION (object) != self->session)
    return;
  if (d->spec.kind == REMORA_ROW_CPU && d->has_slice && d->slice.pid > 0)
    {
      g_autofree char *label = g_strdup_printf (_ ("Add a Row for %s-%d"), d->comm, d->slice.pid);
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "timeline.add-task",
                                               g_variant_new_int32 (d->slice.pid));
      g_menu_append_item (menu, item);
    }
  {
    g_autoptr (GMenuItem) top = g_menu_item_new (_ ("Move to the _Top"), NULL);
    g_autoptr (GMenuItem) remove = g_menu_item_new (_ ("_Remove Row"), NULL);
    g_menu_item_set_action_and_target_value (top, "timeline.pin-row", g_variant_new_int32 (d->row));
    g_menu_item_set_action_and_target_value (remove, "timeline.remove-row",
                                             g_variant_new_int32 (d->row));
    g_menu_append_item (rows, top);
    g_menu_append_item (rows, remove);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (rows));
    /* the window's toggles of the kinds of links */
    g_menu_append (links, _ ("_Wakeup Arrows"), "view.wakeup-links");
    g_menu_append (links, _ ("_Block I/O Issues and Completions"), "view.block-links");
    g_menu_append (links, _ ("_Idle CPUs While I/O Is in Flight"), "view.idle-io");
    g_menu_append_section (menu, _ ("On the Timeline"), G_MENU_MODEL (links));
  }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));
  at = (GdkRectangle){ (int) self->pointer_x, (int) self->pointer_y, 1, 1 };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &at);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static gboolean
return_focus (gpointer data)
{
  RemoraTimelineView *self = data;

  self->return_focus_id = 0;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* The keyboard back to the timeline once its menu has gone. */
static void
on_menu_closed (RemoraTimelineView *self)
{
  if (self->return_focus_id == 0)
    self->return_focus_id = g_idle_add (return_focus, self);
}

static void
on_secondary_click (
    GtkGestureClick *gesture, int n_press, double x, double y, RemoraTimelineView *self)
{
  int row = row_at (self, y);

  if (row < 0)
    return;
  self->pointer_x = x;
  self->pointer_y = y;
  remora_session_query_detail_async (
      self->session, row,
      x < _remora_timeline_view_plot_x (self)
          ? remora_session_get_viewport (self->session)->visible.begin_ns
          : _remora_timeline_view_time_at (self, x),
      0, NULL, on_menu_detail, g_object_ref (self));
}

/* Markers ----------------------------------------------------------------------- */

/* The time under widget pixel @x, inside the visible range. */
gint64
_remora_timeline_view_time_at (RemoraTimelineView *self, double x)
{
  return remora_viewport_px_to_time (remora_session_get_viewport (self->session),
                                     _remora_timeline_view_focus_px (self, x));
}

static void
on_click (GtkGestureClick *gesture, int n_press, double x, double y, RemoraTimelineView *self)
{
  GdkModifierType mods =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  int row;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  /* the release of a drag: it panned or zoomed, and does nothing else */
  if (self->dragged)
    {
      self->dragged = FALSE;
      return;
    }
  if (self->session == NULL || n_press != 1 || x < _remora_timeline_view_plot_x (self))
    return;
  row = row_at (self, y);
  /* a click selects what is there and sets marker A (on the event found);
   * Shift+click sets marker B */
  if (mods & GDK_SHIFT_MASK)
    remora_session_mark_at (self->session, "B", row, _remora_timeline_view_time_at (self, x),
                            tolerance_ns (self));
  else if (row >= 0 && request_at (self, row, x, y) >= 0)
    /* a request's box: the pair of its issue and completion */
    remora_session_select_request (self->session, row, request_at (self, row, x, y),
                                   REMORA_SELECT_MARK_A);
  else if (row >= 0)
    remora_session_select_at (self->session, row, _remora_timeline_view_time_at (self, x),
                              tolerance_ns (self), REMORA_SELECT_MARK_A);
  else
    remora_session_set_marker (self->session, "A", _remora_timeline_view_time_at (self, x));
}

/**
 * remora_timeline_view_dup_delta:
 * @self: a #RemoraTimelineView
 *
 * Returns: (transfer full) (nullable): "Δ A–B" with the time from marker A
 *   to marker B, or %NULL unless both are set.
 */
char *
remora_timeline_view_dup_delta (RemoraTimelineView *self)
{
  const GArray *markers;
  gint64        a = 0, b = 0;
  gboolean      has_a = FALSE, has_b = FALSE;

  if (self->session == NULL)
    return NULL;
  markers = remora_session_get_markers (self->session);
  for (guint i = 0; i < markers->len; i++)
    {
      const RemoraMarker *m = &g_array_index (markers, RemoraMarker, i);
      if (g_str_equal (m->name, "A"))
        has_a = TRUE, a = m->ts;
      else if (g_str_equal (m->name, "B"))
        has_b = TRUE, b = m->ts;
    }
  if (!has_a || !has_b)
    return NULL;
  {
    g_autofree char *d = remora_format_duration (ABS (b - a));
    /* Translators: the time from marker A to marker B, in the header bar */
    return g_strdup_printf (_ ("A→B %s%s"), b < a ? "−" : "", d);
  }
}

/* Setup ------------------------------------------------------------------ */

/**
 * remora_timeline_view_set_session:
 * @self: a #RemoraTimelineView
 * @session: (nullable): what to show
 */
void
remora_timeline_view_set_session (RemoraTimelineView *self, RemoraSession *session)
{
  g_return_if_fail (REMORA_IS_TIMELINE_VIEW (self));

  if (self->session == session)
    return;
  if (self->session)
    {
      g_clear_signal_handler (&self->changed_handler, self->session);
      g_signal_handlers_disconnect_by_func (self->session, gtk_widget_queue_draw, self);
    }
  cancel_frame (self);
  g_clear_pointer (&self->frame, remora_frame_unref);
  g_set_object (&self->session, session);
  self->warmed_up = FALSE;
  if (session)
    {
      self->changed_handler =
          g_signal_connect (session, "changed", G_CALLBACK (on_session_changed), self);
      /* the axis reads as the session says */
      g_signal_connect_swapped (session, "notify::absolute-time",
                                G_CALLBACK (gtk_widget_queue_draw), self);
    }
  g_clear_pointer (&self->hover, remora_detail_free);
  g_array_set_size (self->history, 0);
  self->history_at = 0;
  _remora_timeline_view_history_push (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  request_frame (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

RemoraSession *
remora_timeline_view_get_session (RemoraTimelineView *self)
{
  g_return_val_if_fail (REMORA_IS_TIMELINE_VIEW (self), NULL);
  return self->session;
}

/**
 * remora_timeline_view_get_frame:
 * @self: a #RemoraTimelineView
 *
 * Returns: (transfer none) (nullable): the frame it paints (the last
 *   answered), or %NULL before the first.
 */
const RemoraFrame *
remora_timeline_view_get_frame (RemoraTimelineView *self)
{
  g_return_val_if_fail (REMORA_IS_TIMELINE_VIEW (self), NULL);
  return self->frame;
}

/**
 * remora_timeline_view_get_frames_painted:
 * @self: a #RemoraTimelineView
 *
 * Returns: how many times it has painted a frame.
 */
guint
remora_timeline_view_get_frames_painted (RemoraTimelineView *self)
{
  return self->frames_painted;
}

/**
 * remora_timeline_view_set_dark:
 * @self: a #RemoraTimelineView
 * @dark: paint with the dark theme
 */
void
remora_timeline_view_set_dark (RemoraTimelineView *self, gboolean dark)
{
  g_return_if_fail (REMORA_IS_TIMELINE_VIEW (self));
  self->dark = !!dark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GtkWidget *
remora_timeline_view_new (void)
{
  return g_object_new (REMORA_TYPE_TIMELINE_VIEW, NULL);
}

static void
remora_timeline_view_dispose (GObject *object)
{
  RemoraTimelineView *self = REMORA_TIMELINE_VIEW (object);

  if (self->session)
    {
      g_clear_signal_handler (&self->changed_handler, self->session);
      g_signal_handlers_disconnect_by_func (self->session, gtk_widget_queue_draw, self);
    }
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->frame, remora_frame_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->shown); i++)
    g_clear_pointer (&self->shown[i], cairo_surface_destroy);
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_handle_id (&self->hover_source, g_source_remove);
  if (self->hover_cancellable)
    g_cancellable_cancel (self->hover_cancellable);
  g_clear_object (&self->hover_cancellable);
  g_clear_pointer (&self->hover, remora_detail_free);
  g_clear_handle_id (&self->return_focus_id, g_source_remove);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  if (self->vadjustment)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_scrolled, self);
  if (self->hadjustment)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_scrolled, self);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->hadjustment);
  G_OBJECT_CLASS (remora_timeline_view_parent_class)->dispose (object);
}

static void
remora_timeline_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemoraTimelineView *self = REMORA_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_timeline_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RemoraTimelineView *self = REMORA_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      remora_timeline_view_set_session (self, g_value_get_object (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_timeline_view_class_init (RemoraTimelineViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_timeline_view_dispose;
  object_class->get_property = remora_timeline_view_get_property;
  object_class->set_property = remora_timeline_view_set_property;
  widget_class->snapshot = remora_timeline_view_snapshot;
  widget_class->size_allocate = remora_timeline_view_size_allocate;
  widget_class->measure = remora_timeline_view_measure;

  properties[PROP_SESSION] =
      g_param_spec_object ("session", NULL, NULL, REMORA_TYPE_SESSION,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  _remora_timeline_view_install_actions (widget_class);
  gtk_widget_class_set_css_name (widget_class, "remoratimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
remora_timeline_view_init (RemoraTimelineView *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (
      GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture         *drag = gtk_gesture_drag_new ();
  GtkGesture         *pinch = gtk_gesture_zoom_new ();
  GtkGesture         *click = gtk_gesture_click_new ();
  GtkGesture         *secondary = gtk_gesture_click_new ();

  g_signal_connect (scroll, "scroll", G_CALLBACK (_remora_timeline_view_on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (motion, "motion", G_CALLBACK (_remora_timeline_view_on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (_remora_timeline_view_on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  self->motion = motion;
  g_signal_connect (drag, "drag-begin", G_CALLBACK (_remora_timeline_view_on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (_remora_timeline_view_on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (_remora_timeline_view_on_drag_end), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (on_secondary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
  self->menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  g_signal_connect_swapped (self->menu, "closed", G_CALLBACK (on_menu_closed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (pinch, "begin", G_CALLBACK (_remora_timeline_view_on_pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (_remora_timeline_view_on_pinch), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  self->cancellable = g_cancellable_new ();
  self->history = g_array_new (FALSE, FALSE, sizeof (RemoraTimeRange));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.back", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.forward", FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Timeline"), -1);
}
