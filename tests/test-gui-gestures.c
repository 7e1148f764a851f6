/* test-gui-gestures.c: the window driven as a user drives it, with the
 * pointer and the keys (through the X server: remora-test-input.c): each
 * gesture does one thing, and keys go where the user expects. Each step
 * saves a screenshot into meson-logs/screenshots/.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "remora-export-dialog.h"
#include "remora-filter-dialog.h"
#include "remora-markers-popover.h"
#include "remora-resources.h"
#include "remora-start-page.h"
#include "remora-test-input.h"
#include "remora-test-util.h"
#include "remora-window.h"

static char *shots;

static void
screenshot (GtkWidget *window, const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.png", shots, name);

  remora_test_settle_input ();
  remora_test_save_png (window, path);
}

static gboolean
shows_trace (gpointer data)
{
  RemoraTimelineView *view = remora_window_get_timeline (data);
  return g_str_equal (remora_window_get_page (data), "view") &&
         remora_timeline_view_get_frame (view) != NULL &&
         remora_timeline_view_get_frames_painted (view) > 0;
}

static gboolean
frame_is_current (gpointer data)
{
  RemoraTimelineView *view = remora_window_get_timeline (data);
  const RemoraFrame  *frame = remora_timeline_view_get_frame (view);
  RemoraSession      *session = remora_timeline_view_get_session (view);

  return frame != NULL && session != NULL &&
         remora_time_range_equal (&frame->range, &remora_session_get_viewport (session)->visible);
}

/* A window of the default size showing a copy of sched-block-v6.dat (in a
 * new @dir), with the keyboard. */
static RemoraWindow *
open_sample (char **dir)
{
  g_autofree char *fixture = remora_test_fixture_path ("sched-block-v6.dat");
  g_autofree char *trace = NULL;
  g_autoptr (GFile) file = NULL;
  RemoraWindow *window = remora_window_new (NULL);

  *dir = remora_test_make_tmpdir ();
  trace = remora_test_copy_file (fixture, *dir, "trace.dat", G_MAXSIZE);
  file = g_file_new_for_path (trace);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 760);
  gtk_window_present (GTK_WINDOW (window));
  remora_window_open (window, file);
  g_assert_true (remora_test_wait_for (shows_trace, window, 60));
  g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
  remora_test_input_focus (GTK_WIDGET (window));
  return window;
}

/* The timeline's layout, as its painter lays it out now. */
static void
view_style (RemoraTimelineView *view, RemoraTimelineStyle *style)
{
  remora_timeline_style_init (style);
  style->width = gtk_widget_get_width (GTK_WIDGET (view));
  style->height = gtk_widget_get_height (GTK_WIDGET (view));
}

/* The middle of row @row, in the view's pixels. */
static double
row_middle (RemoraTimelineView *view, int row)
{
  double top, bottom;

  g_assert_true (remora_timeline_view_get_row_span (view, row, &top, &bottom));
  return (top + bottom) / 2;
}

/* Finding 1 of issue 24: a drag pans and nothing else; a drag on the time
 * axis zooms and nothing else. Neither sets a marker or the selection. */
static void
test_drag_pans_only (void)
{
  g_autofree char      *dir = NULL;
  RemoraWindow         *window = open_sample (&dir);
  RemoraTimelineView   *view = remora_window_get_timeline (window);
  RemoraSession        *session = remora_timeline_view_get_session (view);
  const RemoraViewport *vp = remora_session_get_viewport (session);
  RemoraTimelineStyle   style;
  RemoraTimeRange       before;
  double                x, y;

  view_style (view, &style);
  x = remora_timeline_get_plot_x (&style);
  y = row_middle (view, 0);

  /* zoomed in first, so that there is somewhere to pan to */
  for (int i = 0; i < 4; i++)
    remora_test_key (GTK_WIDGET (window), GDK_KEY_plus, 0);
  g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
  before = vp->visible;
  g_assert_cmpint (remora_time_range_get_duration (&before), <,
                   remora_time_range_get_duration (&vp->trace));

  /* a drag to the left on CPU 0's row: the trace follows the pointer */
  remora_test_drag (GTK_WIDGET (view), x + 600, y, x + 400, y);
  g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
  screenshot (GTK_WIDGET (window), "g01-dragged");
  g_assert_cmpint (vp->visible.begin_ns, >, before.begin_ns);
  g_assert_cmpint (remora_time_range_get_duration (&vp->visible), ==,
                   remora_time_range_get_duration (&before));
  g_assert_cmpuint (remora_session_get_markers (session)->len, ==, 0);
  g_assert_cmpint (remora_session_get_selection (session)->row, ==, -1);
  g_assert_null (remora_session_get_detail (session));

  /* a drag on the time axis: the view zooms to the range picked */
  before = vp->visible;
  remora_test_drag (GTK_WIDGET (view), x + 200, remora_timeline_get_rows_top (&style, FALSE) - 8,
                    x + 500, remora_timeline_get_rows_top (&style, FALSE) - 8);
  g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
  screenshot (GTK_WIDGET (window), "g02-axis-zoomed");
  g_assert_cmpint (remora_time_range_get_duration (&vp->visible), <,
                   remora_time_range_get_duration (&before) / 2);
  g_assert_cmpuint (remora_session_get_markers (session)->len, ==, 0);
  g_assert_cmpint (remora_session_get_selection (session)->row, ==, -1);

  /* a click selects and sets marker A */
  remora_test_click (GTK_WIDGET (view), x + 300, y, 0);
  g_assert_cmpuint (remora_session_get_markers (session)->len, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

/* The first descendant of @root that @match accepts with @data, or NULL:
 * the one walk of the widget tree behind the finders below. */
typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_descendant (GtkWidget *root, WidgetMatch match, gconstpointer data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, data))
        return child;
      if ((found = find_descendant (child, match, data)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_entry_with_placeholder (GtkWidget *w, gconstpointer text)
{
  g_autofree char *placeholder = NULL;

  if (GTK_IS_SEARCH_ENTRY (w))
    {
      g_object_get (w, "placeholder-text", &placeholder, NULL);
      return g_strcmp0 (placeholder, text) == 0;
    }
  return GTK_IS_ENTRY (w) && g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (w)), text) == 0;
}

/* Likewise, on screen (each of a stack's pages has its own). */
static gboolean
is_shown_entry_with_placeholder (GtkWidget *w, gconstpointer text)
{
  return gtk_widget_get_mapped (w) && is_entry_with_placeholder (w, text);
}

/* The first descendant of @root that is an entry whose placeholder is @text. */
static GtkWidget *
find_entry (GtkWidget *root, const char *text)
{
  return find_descendant (root, is_entry_with_placeholder, text);
}

static gboolean
is_button_with_label (GtkWidget *w, gconstpointer text)
{
  GtkWidget *inner;

  if (!GTK_IS_BUTTON (w))
    return FALSE;
  inner = gtk_button_get_child (GTK_BUTTON (w));
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), text) == 0 ||
         (GTK_IS_LABEL (inner) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (inner)), text) == 0);
}

/* The first descendant of @root that is a button (or a toggle button of a
 * stack switcher) whose label is @text. */
static GtkWidget *
find_button (GtkWidget *root, const char *text)
{
  return find_descendant (root, is_button_with_label, text);
}

static gboolean
is_button_with_icon (GtkWidget *w, gconstpointer icon)
{
  return GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (w)), icon) == 0;
}

/* The first descendant of @root that is a button showing @icon. */
static GtkWidget *
find_button_by_icon (GtkWidget *root, const char *icon)
{
  return find_descendant (root, is_button_with_icon, icon);
}

static gboolean
is_label_reading (GtkWidget *w, gconstpointer text)
{
  return GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), text) == 0;
}

/* The first descendant of @root that is a label reading @text (its
 * mnemonic's underline aside). */
static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  return find_descendant (root, is_label_reading, text);
}

static gboolean
is_shown_label_reading (GtkWidget *w, gconstpointer text)
{
  return gtk_widget_get_mapped (w) && is_label_reading (w, text);
}

/* Whether a label under @root shows @text. */
static gboolean
shows_label (GtkWidget *root, const char *text)
{
  return find_descendant (root, is_shown_label_reading, text) != NULL;
}

static gboolean
is_of_type (GtkWidget *w, gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (w, GPOINTER_TO_SIZE (type));
}

/* The first descendant of @root of @type, or NULL. */
static GtkWidget *
find_of_type (GtkWidget *root, GType type)
{
  return find_descendant (root, is_of_type, GSIZE_TO_POINTER (type));
}

/* The toplevel of @type shown, or NULL. */
static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (w))
        return w;
    }
  return NULL;
}

static RemoraEventListView *the_list;
static guint                wanted_row;

static gboolean
list_selected_row (gpointer data)
{
  return remora_event_list_view_get_selected (the_list) == wanted_row;
}

static gboolean
list_shows_rows (gpointer data)
{
  RemoraEventList *list = remora_event_list_view_get_list (the_list);
  g_autoptr (RemoraEventItem) first = NULL;

  if (list == NULL || !remora_event_list_get_ready (list))
    return FALSE;
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  return first != NULL && remora_event_item_get_loaded (first);
}

/* Finding 2: after "Go to", the list's keys go on from the row gone to. */
static void
test_keys_after_go_to (void)
{
  g_autofree char *dir = NULL;
  RemoraWindow    *window = open_sample (&dir);
  GtkWidget       *go_to = find_entry (GTK_WIDGET (window), "Go to time or #event");
  RemoraEventList *list;

  the_list = remora_window_get_event_list (window);
  g_assert_true (remora_test_wait_for (list_shows_rows, window, 30));
  list = remora_event_list_view_get_list (the_list);
  g_assert_nonnull (go_to);
  remora_test_click (go_to, 40, gtk_widget_get_height (go_to) / 2.0, 0);
  g_assert_true (gtk_widget_has_focus (go_to) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), go_to));
  remora_test_type (GTK_WIDGET (window), "#5000");
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Return, 0);
  wanted_row = remora_event_list_position_of_event (list, 5000);
  g_assert_true (remora_test_wait_for (list_selected_row, window, 10));
  /* Down: the next row, not one near where the list had the keyboard */
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Down, 0);
  wanted_row = remora_event_list_position_of_event (list, 5001);
  g_assert_true (remora_test_wait_for (list_selected_row, window, 10));
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Down, 0);
  wanted_row = remora_event_list_position_of_event (list, 5002);
  g_assert_true (remora_test_wait_for (list_selected_row, window, 10));
  screenshot (GTK_WIDGET (window), "g03-down-after-go-to");
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

static gboolean
popover_shown (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));
  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL;
}

static gboolean
popover_gone (gpointer data)
{
  return !popover_shown (data);
}

/* Finding 3: the zoom keys work from anywhere outside a text entry, after
 * a menu closed with Escape too; Ctrl+G and Ctrl+L go to the go-to entry,
 * whose text is then the user's. */
static void
test_keys_from_anywhere (void)
{
  g_autofree char *dir = NULL;
  RemoraWindow    *window = open_sample (&dir);
  RemoraSession   *session = remora_timeline_view_get_session (remora_window_get_timeline (window));
  const RemoraViewport *vp = remora_session_get_viewport (session);
  GtkWidget            *go_to = find_entry (GTK_WIDGET (window), "Go to time or #event");
  gint64                len = remora_time_range_get_duration (&vp->visible);

  /* the main menu, opened with F10 and closed with Escape */
  remora_test_key (GTK_WIDGET (window), GDK_KEY_F10, 0);
  g_assert_true (remora_test_wait_for (popover_shown, window, 5));
  screenshot (GTK_WIDGET (window), "g04-main-menu");
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Escape, 0);
  g_assert_true (remora_test_wait_for (popover_gone, window, 5));
  remora_test_key (GTK_WIDGET (window), GDK_KEY_plus, 0);
  g_assert_cmpint (remora_time_range_get_duration (&vp->visible), <, len);
  len = remora_time_range_get_duration (&vp->visible);
  remora_test_key (GTK_WIDGET (window), GDK_KEY_minus, 0);
  g_assert_cmpint (remora_time_range_get_duration (&vp->visible), >, len);
  remora_test_key (GTK_WIDGET (window), GDK_KEY_0, 0);
  g_assert_true (remora_time_range_equal (&vp->visible, &vp->trace));

  /* Ctrl+G: the go-to entry, its old text selected to be typed over */
  remora_test_key (GTK_WIDGET (window), GDK_KEY_g, GDK_CONTROL_MASK);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), go_to));
  remora_test_type (GTK_WIDGET (window), "#5000");
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Return, 0);
  g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
  /* and again with Ctrl+L: what was typed before is replaced, not added to */
  remora_test_key (GTK_WIDGET (window), GDK_KEY_l, GDK_CONTROL_MASK);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), go_to));
  remora_test_type (GTK_WIDGET (window), "#6000");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (go_to)), ==, "#6000");
  /* in the entry, + and 0 are text: the view does not zoom */
  len = remora_time_range_get_duration (&vp->visible);
  remora_test_type (GTK_WIDGET (window), "+0");
  g_assert_cmpint (remora_time_range_get_duration (&vp->visible), ==, len);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (go_to)), ==, "#6000+0");
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

static gboolean
is_menu_button_with_tooltip (GtkWidget *w, gconstpointer tooltip)
{
  return GTK_IS_MENU_BUTTON (w) && g_strcmp0 (gtk_widget_get_tooltip_text (w), tooltip) == 0;
}

/* The first descendant of @root that is a menu button with @tooltip. */
static GtkWidget *
find_menu_button (GtkWidget *root, const char *tooltip)
{
  return find_descendant (root, is_menu_button_with_tooltip, tooltip);
}

/* The keyboard is in the event list (a row or the list), not on a button. */
static gboolean
keys_in_list (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (the_list)) &&
         !GTK_IS_BUTTON (focus) && !GTK_IS_EDITABLE (focus) &&
         gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) == NULL;
}

static gboolean
keys_in_timeline (gpointer data)
{
  return gtk_root_get_focus (GTK_ROOT (data)) ==
         GTK_WIDGET (remora_window_get_timeline (REMORA_WINDOW (data)));
}

static gboolean dialog_loaded (gpointer data);

static gboolean
no_filter_dialog (gpointer data)
{
  return find_toplevel (REMORA_TYPE_FILTER_DIALOG) == NULL;
}

/* Finding 3: after a menu or a dialog closes, the keyboard is back in the
 * view that had it (the list's arrows go on from its row; the timeline's
 * keys are the timeline's), not on the button that opened it. */
static void
test_focus_returns (void)
{
  g_autofree char    *dir = NULL;
  RemoraWindow       *window = open_sample (&dir);
  RemoraTimelineView *view = remora_window_get_timeline (window);
  GtkWidget          *go_to = find_entry (GTK_WIDGET (window), "Go to time or #event");
  GtkWidget          *menu = find_menu_button (GTK_WIDGET (window), "Main Menu");
  GtkWidget          *filter = find_button (GTK_WIDGET (window), "Filter…");
  RemoraEventList    *list;
  GtkWidget          *dialog;
  RemoraTimelineStyle style;

  the_list = remora_window_get_event_list (window);
  g_assert_true (remora_test_wait_for (list_shows_rows, window, 30));
  list = remora_event_list_view_get_list (the_list);
  g_assert_nonnull (menu);
  g_assert_nonnull (filter);

  /* the keyboard on row 5000 of the list */
  remora_test_click (go_to, 40, gtk_widget_get_height (go_to) / 2.0, 0);
  remora_test_type (GTK_WIDGET (window), "#5000");
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Return, 0);
  wanted_row = remora_event_list_position_of_event (list, 5000);
  g_assert_true (remora_test_wait_for (list_selected_row, window, 10));
  g_assert_true (remora_test_wait_for (keys_in_list, window, 10));

  /* the main menu, opened with the pointer and closed with Escape */
  remora_test_click (menu, 8, 8, 0);
  g_assert_true (remora_test_wait_for (popover_shown, window, 5));
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Escape, 0);
  g_assert_true (remora_test_wait_for (popover_gone, window, 5));
  g_assert_true (remora_test_wait_for (keys_in_list, window, 5));
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Down, 0);
  wanted_row = remora_event_list_position_of_event (list, 5001);
  g_assert_true (remora_test_wait_for (list_selected_row, window, 10));

  /* the filter dialog, opened and cancelled */
  remora_test_click (filter, 10, 10, 0);
  dialog = find_toplevel (REMORA_TYPE_FILTER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (remora_test_wait_for (dialog_loaded, dialog, 30));
  remora_test_input_focus (dialog);
  remora_test_click (find_button (dialog, "Cancel"), 10, 10, 0);
  g_assert_true (remora_test_wait_for (no_filter_dialog, NULL, 5));
  remora_test_input_focus (GTK_WIDGET (window));
  g_assert_true (remora_test_wait_for (keys_in_list, window, 5));
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Down, 0);
  wanted_row = remora_event_list_position_of_event (list, 5002);
  g_assert_true (remora_test_wait_for (list_selected_row, window, 10));

  /* the timeline clicked, the menu opened and closed: the timeline again */
  view_style (view, &style);
  remora_test_click (GTK_WIDGET (view), remora_timeline_get_plot_x (&style) + 200,
                     row_middle (view, 0), 0);
  g_assert_true (keys_in_timeline (window));
  remora_test_click (menu, 8, 8, 0);
  g_assert_true (remora_test_wait_for (popover_shown, window, 5));
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Escape, 0);
  g_assert_true (remora_test_wait_for (popover_gone, window, 5));
  g_assert_true (remora_test_wait_for (keys_in_timeline, window, 5));
  screenshot (GTK_WIDGET (window), "g15-focus-back-in-timeline");
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

/* Finding 4: the rows scroll under the time axis, which stays put, and a
 * row's label is never cut by it. */
static void
test_axis_stays (void)
{
  g_autofree char      *dir = NULL;
  RemoraWindow         *window = open_sample (&dir);
  RemoraTimelineView   *view = remora_window_get_timeline (window);
  RemoraSession        *session = remora_timeline_view_get_session (view);
  const RemoraViewport *vp = remora_session_get_viewport (session);
  GtkAdjustment        *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  RemoraTimelineStyle   style;
  double                x, top;
  gint64                len;

  view_style (view, &style);
  x = remora_timeline_get_plot_x (&style);
  top = remora_timeline_get_rows_top (&style, FALSE);
  /* more rows than room: they scroll */
  for (int pid = 130;
       pid < 160 && gtk_adjustment_get_upper (adj) <= gtk_adjustment_get_page_size (adj) + 100;
       pid++)
    {
      remora_session_add_row (session, REMORA_ROW_TASK, 0, pid, NULL);
      g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
    }
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj), >, gtk_adjustment_get_page_size (adj) + 100);
  remora_test_wheel (GTK_WIDGET (view), x + 300, top + 100, 5);
  g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
  screenshot (GTK_WIDGET (window), "g05-rows-scrolled");
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
  /* the widget did not move: the axis is where it was, and a drag on it
   * zooms */
  {
    graphene_point_t p;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (window),
                                             &GRAPHENE_POINT_INIT (0, 0), &p));
    g_assert_cmpfloat (p.y, >, 0);
    g_assert_cmpfloat (p.y, <, 200);
  }
  len = remora_time_range_get_duration (&vp->visible);
  remora_test_drag (GTK_WIDGET (view), x + 200, top - 8, x + 500, top - 8);
  g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
  g_assert_cmpint (remora_time_range_get_duration (&vp->visible), <, len / 2);
  /* just under the axis is a row scrolled up to it, not CPU 0 */
  g_assert_cmpfloat (row_middle (view, 0), <, top);
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

static gboolean
dialog_loaded (gpointer data)
{
  return remora_filter_dialog_get_loaded (data);
}

static gboolean
label_shown (gpointer data)
{
  const char **what = data;
  return shows_label (GTK_WIDGET (what[0]), what[1]);
}

/* Finding 7: the filter dialog's event tree counts the events of each
 * system on the system's row. */
static void
test_filter_tree_counts (void)
{
  g_autofree char *dir = NULL;
  RemoraWindow    *window = open_sample (&dir);
  RemoraSession   *session = remora_timeline_view_get_session (remora_window_get_timeline (window));
  GtkWidget       *filter = find_button (GTK_WIDGET (window), "Filter…");
  RemoraFilterDialog *dialog;
  g_autofree char    *sched = g_strdup_printf (
         "%" G_GINT64_FORMAT,
         remora_test_query_int (remora_session_get_store (session),
                                "SELECT sum(count) FROM event_types WHERE system = 'sched'"));
  const char *what[2];

  g_assert_nonnull (filter);
  remora_test_click (filter, 10, 10, 0);
  dialog = REMORA_FILTER_DIALOG (find_toplevel (REMORA_TYPE_FILTER_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (remora_test_wait_for (dialog_loaded, dialog, 30));
  remora_test_input_focus (GTK_WIDGET (dialog));
  remora_test_click (find_button (GTK_WIDGET (dialog), "Events"), 10, 10, 0);
  what[0] = (const char *) dialog;
  what[1] = sched;
  g_assert_true (remora_test_wait_for (label_shown, what, 10));
  screenshot (GTK_WIDGET (dialog), "g06-filter-events");

  /* None and All (the page's own buttons, not another page's) */
  {
    GtkWidget *page = gtk_stack_get_visible_child (
        GTK_STACK (find_of_type (GTK_WIDGET (dialog), GTK_TYPE_STACK)));
    g_autoptr (RemoraFilter) none = NULL;
    g_autoptr (RemoraFilter) all = NULL;

    remora_test_click (find_button (page, "None"), 10, 10, 0);
    none = remora_filter_dialog_get_filter (dialog);
    g_assert_nonnull (none->types);
    g_assert_cmpuint (none->types->len, ==, 0);
    g_assert_null (none->cpus);
    remora_test_click (find_button (page, "All"), 10, 10, 0);
    all = remora_filter_dialog_get_filter (dialog);
    g_assert_null (all->types);
  }

  /* finding 11: a field no event has is named as it is typed */
  remora_test_click (find_button (GTK_WIDGET (dialog), "Expression"), 10, 10, 0);
  remora_test_click (find_entry (GTK_WIDGET (dialog), "No filter: every event"), 10, 10, 0);
  remora_test_type (GTK_WIDGET (dialog), "block_rq_complete: nr_sectorz > 64");
  what[1] = "No event of this trace has a field “nr_sectorz”: the filter keeps no event by it.";
  g_assert_true (remora_test_wait_for (label_shown, what, 10));
  screenshot (GTK_WIDGET (dialog), "g07-filter-unknown-field");
  remora_test_key (GTK_WIDGET (dialog), GDK_KEY_BackSpace, 0);
  remora_test_key (GTK_WIDGET (dialog), GDK_KEY_BackSpace, 0);
  remora_test_key (GTK_WIDGET (dialog), GDK_KEY_BackSpace, 0);
  remora_test_key (GTK_WIDGET (dialog), GDK_KEY_BackSpace, 0);
  remora_test_key (GTK_WIDGET (dialog), GDK_KEY_BackSpace, 0);
  remora_test_key (GTK_WIDGET (dialog), GDK_KEY_BackSpace, 0);
  remora_test_type (GTK_WIDGET (dialog), " > 64");
  g_assert_false (shows_label (GTK_WIDGET (dialog), what[1]));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

/* The row of @page's recent traces of the file @path, or NULL. */
static GtkWidget *
recent_row (GtkWidget *page, const char *path)
{
  GtkWidget *list = find_of_type (page, GTK_TYPE_LIST_BOX);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) && g_strcmp0 (gtk_widget_get_tooltip_text (row), path) == 0)
      return row;
  return NULL;
}

/* Finding 6: the recent traces are the traces that opened (not a picture
 * exported, not a file that failed to open); one moved away is said to be
 * missing and can be removed. */
static void
test_recent_traces (void)
{
  g_autofree char  *dir = NULL;
  RemoraWindow     *window;
  g_autofree char  *trace = NULL, *picture = NULL, *notes = NULL;
  GtkRecentManager *recent = gtk_recent_manager_get_default ();
  RemoraWindow     *other;
  GtkWidget        *page, *row;

  window = open_sample (&dir);
  trace = g_build_filename (dir, "trace.dat", NULL);
  picture = g_build_filename (dir, "view.png", NULL);
  notes = g_build_filename (dir, "notes.dat", NULL);

  /* what a file chooser adds of its own: a picture saved, a file opened
   * that was no trace */
  g_assert_true (g_file_set_contents (picture, "\x89PNG", -1, NULL));
  g_assert_true (g_file_set_contents (notes, "notes\n", -1, NULL));
  for (int i = 0; i < 2; i++)
    {
      g_autoptr (GFile) f = g_file_new_for_path (i ? picture : notes);
      g_autofree char *uri = g_file_get_uri (f);
      GtkRecentData    data = { .mime_type = (char *) (i ? "image/png" : "text/plain"),
                                .app_name = (char *) "chooser",
                                .app_exec = (char *) "chooser %u" };

      g_assert_true (gtk_recent_manager_add_full (recent, uri, &data));
      g_assert_true (gtk_recent_manager_has_item (recent, uri));
    }
  gtk_window_destroy (GTK_WINDOW (window));

  other = remora_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (other), 1280, 760);
  gtk_window_present (GTK_WINDOW (other));
  page = find_of_type (GTK_WIDGET (other), REMORA_TYPE_START_PAGE);
  /* what this process opened is listed at once (not only after the shared
   * recent files have been saved and read back) */
  remora_start_page_refresh (REMORA_START_PAGE (page));
  g_assert_cmpuint (remora_start_page_get_n_recent (REMORA_START_PAGE (page)), >, 0);
  g_assert_nonnull (recent_row (page, trace));
  g_assert_null (recent_row (page, picture));
  g_assert_null (recent_row (page, notes));
  screenshot (GTK_WIDGET (other), "g07-recent");

  /* the trace moved away: said missing, not opened; removed with its button */
  g_assert_cmpint (g_unlink (trace), ==, 0);
  remora_start_page_refresh (REMORA_START_PAGE (page));
  row = recent_row (page, trace);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Missing"));
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  screenshot (GTK_WIDGET (other), "g08-recent-missing");
  remora_test_input_focus (GTK_WIDGET (other));
  remora_test_click (find_of_type (row, GTK_TYPE_BUTTON), 8, 8, 0);
  g_assert_null (recent_row (page, trace));
  gtk_window_destroy (GTK_WINDOW (other));
  remora_test_rmdir (dir);
}

static gboolean
list_scrolled (gpointer data)
{
  GtkAdjustment *adj = remora_event_list_view_get_vadjustment (the_list);
  return gtk_adjustment_get_value (adj) > 0;
}

/* Finding 11: a window opened on a part of the trace (--from, --to) shows
 * the list there too, not at event 0. */
static void
test_list_starts_at_from (void)
{
  g_autofree char *fixture = remora_test_fixture_path ("sched-block-v6.dat");
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *trace = remora_test_copy_file (fixture, dir, "trace.dat", G_MAXSIZE);
  g_autoptr (GFile) file = g_file_new_for_path (trace);
  RemoraWindow    *window = remora_window_new (NULL);
  RemoraEventList *list;
  GtkAdjustment   *adj;
  double           row_h;
  guint            middle;
  gint64           ts;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 760);
  gtk_window_present (GTK_WINDOW (window));
  remora_window_preselect (window, NULL, NULL, "@5.8925", "@5.8935");
  remora_window_open (window, file);
  g_assert_true (remora_test_wait_for (shows_trace, window, 60));
  the_list = remora_window_get_event_list (window);
  g_assert_true (remora_test_wait_for (list_shows_rows, window, 30));
  g_assert_true (remora_test_wait_for (list_scrolled, window, 10));
  list = remora_event_list_view_get_list (the_list);
  adj = remora_event_list_view_get_vadjustment (the_list);
  row_h = gtk_adjustment_get_upper (adj) / g_list_model_get_n_items (G_LIST_MODEL (list));
  middle =
      (guint) ((gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) / 2) / row_h);
  {
    g_autoptr (RemoraEventItem) item = remora_test_load_item (list, middle);
    ts = remora_event_item_get_ts (item);
  }
  g_assert_cmpint (ABS (ts - 5892500000), <, 2000000);
  screenshot (GTK_WIDGET (window), "g09-list-at-from");
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

static gboolean
shows_problem (gpointer data)
{
  return remora_window_get_problem (data) != NULL;
}

/* Finding 5: a trace cut short says so in the window, as remora stats does,
 * and the CPUs whose data it lost are drawn as "no data" there, not idle. */
static void
test_damaged_trace (void)
{
  g_autofree char *fixture = remora_test_fixture_path ("sched-block-v6.dat");
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *trace = remora_test_copy_file (fixture, dir, "cut.dat", G_MAXSIZE);
  g_autoptr (GFile) file = g_file_new_for_path (trace);
  RemoraWindow      *window = remora_window_new (NULL);
  const RemoraFrame *frame;
  gsize              size;
  guint              cut = 0;

  /* the last 5 % of the file gone: CPUs 2 and 3 lose all their data */
  {
    g_autofree char *data = NULL;
    g_assert_true (g_file_get_contents (trace, &data, &size, NULL));
    g_assert_true (g_file_set_contents (trace, data, size * 95 / 100, NULL));
  }
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 760);
  gtk_window_present (GTK_WINDOW (window));
  remora_window_open (window, file);
  g_assert_true (remora_test_wait_for (shows_trace, window, 60));
  g_assert_true (remora_test_wait_for (shows_problem, window, 10));
  g_assert_nonnull (strstr (remora_window_get_problem (window), "cut short"));
  g_assert_nonnull (strstr (remora_window_get_problem (window), "cut.dat"));
  frame = remora_timeline_view_get_frame (remora_window_get_timeline (window));
  for (guint i = 0; i < frame->n_rows; i++)
    if (frame->rows[i].spec.kind == REMORA_ROW_CPU &&
        frame->rows[i].data_end_ns < frame->range.end_ns)
      cut++;
  g_assert_cmpuint (cut, >=, 2);
  screenshot (GTK_WIDGET (window), "g10-damaged-trace");
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

static RemoraExportOptions chosen;
static char               *chosen_path;

static void
on_dialog_export (RemoraExportDialog *dialog, gpointer data)
{
  remora_export_options_clear (&chosen);
  remora_export_dialog_get_options (dialog, &chosen);
  g_free (chosen_path);
  chosen_path = remora_export_dialog_get_path (dialog);
}

static gboolean
toplevel_shown (gpointer type)
{
  return find_toplevel ((GType) GPOINTER_TO_SIZE (type)) != NULL;
}

static gboolean
toplevel_gone (gpointer type)
{
  return find_toplevel ((GType) GPOINTER_TO_SIZE (type)) == NULL;
}

/* The PNG at @path once it is whole (NULL before). */
static cairo_surface_t *
load_png (const char *path)
{
  cairo_surface_t *surface;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  surface = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
    return surface;
  cairo_surface_destroy (surface);
  return NULL;
}

static gboolean
png_written (gpointer path)
{
  cairo_surface_t *surface = load_png (path);

  if (surface != NULL)
    cairo_surface_destroy (surface);
  return surface != NULL;
}

static gboolean
file_written (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* The brightness of the picture's top left corner (its background), 0-255. */
static int
corner_brightness (const char *path)
{
  cairo_surface_t *surface = load_png (path);
  guint32          px;
  int              v;

  g_assert_nonnull (surface);
  cairo_surface_flush (surface);
  px = *(guint32 *) cairo_image_surface_get_data (surface);
  v = (int) (((px >> 16) & 0xff) + ((px >> 8) & 0xff) + (px & 0xff)) / 3;
  cairo_surface_destroy (surface);
  return v;
}

static gboolean
is_combo_row_titled (GtkWidget *w, gconstpointer title)
{
  return ADW_IS_COMBO_ROW (w) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title) == 0;
}

/* The combo row of @root titled @title. */
static GtkWidget *
find_combo_row (GtkWidget *root, const char *title)
{
  return find_descendant (root, is_combo_row_titled, title);
}

static void
click_middle (GtkWidget *widget)
{
  remora_test_click (widget, gtk_widget_get_width (widget) / 2.0,
                     gtk_widget_get_height (widget) / 2.0, 0);
}

/* Finding 9: Export View asks for the title (and colours, width, markers,
 * format, name, folder) before it writes, and asks before replacing a
 * file; what it writes is what was chosen. */
static void
test_export_dialog (void)
{
  g_autofree char *dir = NULL;
  RemoraWindow    *window = open_sample (&dir);
  g_autofree char *png = g_build_filename (dir, "trace-view.png", NULL);
  GtkWidget       *dialog, *spin, *ask;
  GType            type = REMORA_TYPE_EXPORT_DIALOG;
  cairo_surface_t *surface;
  RemoraSession   *session = remora_timeline_view_get_session (remora_window_get_timeline (window));
  /* the default rows' heights (a device's row takes three) */
  guint all_rows = remora_rows_units (remora_session_get_rows (session));

  remora_window_add_marker (window, "A");
  /* a (task) row fewer than the default ones: "As Shown" draws those shown */
  remora_session_remove_row (session, remora_session_get_rows (session)->len - 1);
  /* Export View… (Shift+Ctrl+E is the application's accelerator, and this
   * window has none) */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  g_assert_true (remora_test_wait_for (toplevel_shown, GSIZE_TO_POINTER (type), 10));
  dialog = find_toplevel (type);
  g_signal_connect (dialog, "export", G_CALLBACK (on_dialog_export), NULL);
  remora_test_input_focus (dialog);
  /* the title has the keyboard, its text selected: typing replaces it */
  remora_test_type (dialog, "Incident 4711");
  spin = find_of_type (dialog, GTK_TYPE_SPIN_BUTTON);
  remora_test_click (spin, 15, gtk_widget_get_height (spin) / 2.0, 0);
  remora_test_key (dialog, GDK_KEY_a, GDK_CONTROL_MASK);
  remora_test_type (dialog, "1200");
  remora_test_key (dialog, GDK_KEY_Tab, 0);
  /* the colours and the rows: a list opens on a click, Down and Enter
   * choose Dark, and every CPU with the busiest tasks */
  click_middle (find_combo_row (dialog, "Colours"));
  remora_test_key (dialog, GDK_KEY_Down, 0);
  remora_test_key (dialog, GDK_KEY_Return, 0);
  click_middle (find_combo_row (dialog, "Rows"));
  remora_test_key (dialog, GDK_KEY_Down, 0);
  remora_test_key (dialog, GDK_KEY_Return, 0);
  screenshot (dialog, "g11-export-dialog");
  click_middle (find_button (dialog, "_Export"));
  g_assert_true (remora_test_wait_for (toplevel_gone, GSIZE_TO_POINTER (type), 10));
  g_assert_true (remora_test_wait_for (png_written, png, 30));
  g_assert_cmpstr (chosen.title, ==, "Incident 4711");
  g_assert_cmpint (chosen.width, ==, 1200);
  g_assert_true (chosen.dark);
  g_assert_true (chosen.markers);
  g_assert_true (chosen.busiest);
  g_assert_cmpstr (chosen_path, ==, png);
  surface = load_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==,
                   remora_timeline_get_height_for_rows (TRUE, all_rows));
  cairo_surface_destroy (surface);
  g_assert_cmpint (corner_brightness (png), <, 80);

  /* again, light: the file is there, so Export asks; Enter keeps it */
  /* Export View… (Shift+Ctrl+E is the application's accelerator, and this
   * window has none) */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  g_assert_true (remora_test_wait_for (toplevel_shown, GSIZE_TO_POINTER (type), 10));
  dialog = find_toplevel (type);
  g_signal_connect (dialog, "export", G_CALLBACK (on_dialog_export), NULL);
  remora_test_input_focus (dialog);
  remora_test_key (dialog, GDK_KEY_Return, 0);
  g_assert_true (
      remora_test_wait_for (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 10));
  ask = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  screenshot (ask, "g12-export-replace");
  remora_test_input_focus (ask);
  remora_test_key (ask, GDK_KEY_Return, 0);
  g_assert_true (
      remora_test_wait_for (toplevel_gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 10));
  g_assert_nonnull (find_toplevel (type));
  g_assert_cmpint (corner_brightness (png), <, 80);
  /* and Replace writes it, light, 1600 pixels wide */
  remora_test_input_focus (dialog);
  remora_test_key (dialog, GDK_KEY_Return, 0);
  g_assert_true (
      remora_test_wait_for (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 10));
  ask = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  click_middle (find_button (ask, "_Replace"));
  g_assert_true (remora_test_wait_for (toplevel_gone, GSIZE_TO_POINTER (type), 10));
  g_assert_null (chosen.title);
  g_assert_false (chosen.dark);
  for (int i = 0; i < 3000 && corner_brightness (png) < 128; i++)
    remora_test_wait_for (png_written, png, 0.01);
  g_assert_cmpint (corner_brightness (png), >, 200);
  surface = load_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==,
                   remora_timeline_get_height_for_rows (TRUE, all_rows - 1));
  cairo_surface_destroy (surface);
  remora_export_options_clear (&chosen);
  g_clear_pointer (&chosen_path, g_free);
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

/* Finding 11: in "Add a Row", Enter adds the one task the search
 * matches; with several, Enter takes the keys to the list, where the arrows
 * and Enter pick one. */
static void
test_add_task_row_keys (void)
{
  g_autofree char *dir = NULL;
  RemoraWindow    *window = open_sample (&dir);
  RemoraSession   *session = remora_timeline_view_get_session (remora_window_get_timeline (window));
  GtkWidget       *button = find_menu_button (GTK_WIDGET (window), "Add a Row");
  GtkPopover      *popover;
  GtkWidget       *list;
  guint            rows = remora_session_get_rows (session)->len;
  const RemoraRowSpec *last;

  g_assert_nonnull (button);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  list = find_of_type (GTK_WIDGET (popover), GTK_TYPE_LIST_VIEW);
  click_middle (button);
  g_assert_true (remora_test_wait_for (popover_shown, window, 5));
  remora_test_type (GTK_WIDGET (window), "kcompactd");
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Return, 0);
  g_assert_true (remora_test_wait_for (popover_gone, window, 5));
  g_assert_cmpuint (remora_session_get_rows (session)->len, ==, rows + 1);
  last = &g_array_index (remora_session_get_rows (session), RemoraRowSpec, rows);
  g_assert_cmpint (last->kind, ==, REMORA_ROW_TASK);
  g_assert_cmpint (last->id, ==, 44);

  /* several mkfifo: Enter goes to the list, Down and Enter pick the second */
  click_middle (button);
  g_assert_true (remora_test_wait_for (popover_shown, window, 5));
  remora_test_key (GTK_WIDGET (window), GDK_KEY_a, GDK_CONTROL_MASK);
  remora_test_type (GTK_WIDGET (window), "mkfifo");
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Return, 0);
  g_assert_cmpuint (remora_session_get_rows (session)->len, ==, rows + 1);
  g_assert_cmpuint (
      g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)))), >,
      1);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), list));
  screenshot (GTK_WIDGET (window), "g13-add-task-several");
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Down, 0);
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Return, 0);
  g_assert_true (remora_test_wait_for (popover_gone, window, 5));
  g_assert_cmpuint (remora_session_get_rows (session)->len, ==, rows + 2);
  last = &g_array_index (remora_session_get_rows (session), RemoraRowSpec, rows + 1);
  g_assert_cmpint (last->kind, ==, REMORA_ROW_TASK);
  g_assert_cmpint (last->id, !=, 44);
  {
    g_autofree char *sql =
        g_strdup_printf ("SELECT count(*) FROM tasks WHERE pid = %d AND comm = 'mkfifo'", last->id);
    g_assert_cmpint (remora_test_query_int (remora_session_get_store (session), sql), ==, 1);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

/* The markers' popover watches the session: a name typed and Enter adds a
 * marker in the middle of the view, listed at once; its delete button
 * removes it; markers set elsewhere are listed too. */
static void
test_markers_popover (void)
{
  g_autofree char *dir = NULL;
  RemoraWindow    *window = open_sample (&dir);
  RemoraSession   *session = remora_timeline_view_get_session (remora_window_get_timeline (window));
  const RemoraViewport *vp = remora_session_get_viewport (session);
  GtkWidget            *button = find_menu_button (GTK_WIDGET (window), "Markers");
  GtkWidget            *popover, *list;
  gint64 mid = vp->visible.begin_ns + remora_time_range_get_duration (&vp->visible) / 2;

  g_assert_nonnull (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_true (REMORA_IS_MARKERS_POPOVER (popover));
  g_assert_true (remora_markers_popover_get_session (REMORA_MARKERS_POPOVER (popover)) == session);
  list = find_of_type (popover, GTK_TYPE_LIST_BOX);
  click_middle (button);
  g_assert_true (remora_test_wait_for (popover_shown, window, 5));
  remora_test_type (GTK_WIDGET (window), "io start");
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Return, 0);
  g_assert_cmpuint (remora_session_get_markers (session)->len, ==, 1);
  g_assert_cmpstr (g_array_index (remora_session_get_markers (session), RemoraMarker, 0).name, ==,
                   "io start");
  g_assert_cmpint (g_array_index (remora_session_get_markers (session), RemoraMarker, 0).ts, ==,
                   mid);
  g_assert_true (gtk_widget_get_visible (list));
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  /* its delete button */
  click_middle (find_button_by_icon (list, "user-trash-symbolic"));
  g_assert_cmpuint (remora_session_get_markers (session)->len, ==, 0);
  g_assert_false (gtk_widget_get_visible (list));
  remora_test_key (GTK_WIDGET (window), GDK_KEY_Escape, 0);
  g_assert_true (remora_test_wait_for (popover_gone, window, 5));
  /* a marker set elsewhere (as the timeline sets A) is listed */
  remora_session_add_marker (session, "A", mid);
  g_assert_cmpuint (remora_session_get_markers (session)->len, ==, 1);
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

static gboolean
list_shows_session_filter (gpointer data)
{
  RemoraWindow        *window = data;
  RemoraEventListView *list = remora_window_get_event_list (window);
  RemoraSession *session = remora_timeline_view_get_session (remora_window_get_timeline (window));

  return remora_event_list_view_get_mask (list) == remora_session_get_filter_mask (session) &&
         !remora_event_list_view_get_filtering (list);
}

/* One session, watched: a filter applied from the dialog is the session's
 * (the timeline's frames use it), and a filter the session is given from
 * elsewhere (as a saved investigation will) is the list's too. */
static void
test_session_filter (void)
{
  g_autofree char *dir = NULL;
  RemoraWindow    *window = open_sample (&dir);
  RemoraSession   *session = remora_timeline_view_get_session (remora_window_get_timeline (window));
  RemoraEventListView *list = remora_window_get_event_list (window);
  g_autoptr (RemoraFilter) filter = remora_filter_new ();
  g_autoptr (RemoraFilterJob) job = NULL;
  g_autoptr (RemoraEventMask) mask = NULL;
  g_autoptr (GError) error = NULL;
  int cpu = 1;

  /* applied in the list's bar: the session holds it */
  remora_event_list_view_apply_filter (list, NULL, REMORA_FILTER_TARGET_BOTH);
  g_assert_null (remora_session_get_filter (session));
  filter->cpus = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_val (filter->cpus, cpu);
  remora_event_list_view_apply_filter (list, filter, REMORA_FILTER_TARGET_BOTH);
  g_assert_true (remora_test_wait_for (list_shows_session_filter, window, 30));
  g_assert_nonnull (remora_session_get_mask (session));
  g_assert_true (remora_filter_equal (remora_session_get_filter (session), filter));

  /* given to the session: the list shows it, the timeline not (list only) */
  g_array_index (filter->cpus, int, 0) = 2;
  job = remora_filter_job_new (remora_session_get_store (session), filter);
  mask = remora_filter_job_run (job, NULL, &error);
  g_assert_no_error (error);
  remora_session_set_filter (session, filter, REMORA_FILTER_TARGET_LIST, mask);
  g_assert_true (remora_test_wait_for (list_shows_session_filter, window, 30));
  g_assert_true (remora_event_list_view_get_mask (list) == mask);
  g_assert_cmpint (remora_event_list_view_get_filter_target (list), ==, REMORA_FILTER_TARGET_LIST);
  g_assert_null (remora_session_get_mask (session));
  g_assert_cmpuint (remora_event_list_get_n_rows (remora_event_list_view_get_list (list)), ==,
                    (guint) remora_event_mask_get_count (mask));
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

static gboolean
first_row_read (gpointer data)
{
  RemoraEventList *events = remora_event_list_view_get_list (data);

  return events != NULL && remora_event_list_is_read (events, 0) &&
         remora_event_list_view_get_top_row (data) != GTK_INVALID_LIST_POSITION;
}

/* A display toggle is the session's: Absolute Times in the list's menu
 * makes the timeline's axis absolute too, and the session's toggle set
 * elsewhere moves the menu's item; the same for the follow toggles. */
static void
test_absolute_time (void)
{
  g_autofree char *dir = NULL;
  RemoraWindow    *window = open_sample (&dir);
  RemoraSession   *session = remora_timeline_view_get_session (remora_window_get_timeline (window));
  RemoraEventListView *list = remora_window_get_event_list (window);

  g_assert_false (remora_session_get_absolute_time (session));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.absolute-time", NULL));
  g_assert_true (remora_event_list_view_get_absolute_time (list));
  g_assert_true (remora_session_get_absolute_time (session));
  g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
  g_assert_true (remora_test_wait_for (first_row_read, list, 10));
  screenshot (GTK_WIDGET (window), "g14-absolute-time");
  remora_session_set_absolute_time (session, FALSE);
  g_assert_false (remora_event_list_view_get_absolute_time (list));

  /* so are the follow toggles: the list's menu sets the session's, the
   * session's set elsewhere move the menu's items */
  g_assert_true (remora_session_get_follows (session, REMORA_FOLLOW_LIST));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.list-follows", NULL));
  g_assert_false (remora_event_list_view_get_list_follows (list));
  g_assert_false (remora_session_get_follows (session, REMORA_FOLLOW_LIST));
  g_assert_true (remora_session_get_follows (session, REMORA_FOLLOW_TIMELINE));
  remora_session_set_follows (session, REMORA_FOLLOW_TIMELINE, FALSE);
  g_assert_false (remora_event_list_view_get_graph_follows (list));
  remora_session_set_follows (session, REMORA_FOLLOW_LIST, TRUE);
  g_assert_true (remora_event_list_view_get_list_follows (list));
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

static RemoraLinks wanted_links;

/* The timeline shows a frame of the visible range with the links of the
 * kinds wanted, and none of the others. */
static gboolean
links_shown (gpointer data)
{
  RemoraTimelineView *view = remora_window_get_timeline (data);
  const RemoraFrame  *frame = remora_timeline_view_get_frame (view);

  return frame_is_current (data) &&
         remora_session_get_link_kinds (remora_timeline_view_get_session (view)) == wanted_links &&
         (frame->wakeup_links != NULL && frame->wakeup_links->len > 0) ==
             !!(wanted_links & REMORA_LINKS_WAKEUPS) &&
         (frame->block_links != NULL && frame->block_links->len > 0) ==
             !!(wanted_links & REMORA_LINKS_BLOCK);
}

/* Whether the timeline's frame, current, has CPU rows shading idle while
 * I/O is in flight (wanted_idle_io) or none, and the device row shows its
 * requests one by one. */
static gboolean wanted_idle_io;

static gboolean
idle_io_shown (gpointer data)
{
  const RemoraFrame *frame = remora_timeline_view_get_frame (remora_window_get_timeline (data));
  gboolean           shaded = FALSE, device = FALSE;

  if (!frame_is_current (data))
    return FALSE;
  for (guint i = 0; i < frame->n_rows; i++)
    {
      shaded |= frame->rows[i].idle_io != NULL;
      device |= frame->rows[i].spec.kind == REMORA_ROW_DEVICE && frame->rows[i].boxes != NULL &&
                frame->rows[i].boxes->len > 0;
    }
  return shaded == wanted_idle_io && device;
}

/* Clicks the main menu's item @label with the pointer (the menu shown saved
 * as @shot, when given). */
static void
click_main_menu_item (RemoraWindow *window, const char *label, const char *shot)
{
  GtkWidget *menu = find_menu_button (GTK_WIDGET (window), "Main Menu");
  GtkWidget *item;

  remora_test_click (menu, 8, 8, 0);
  g_assert_true (remora_test_wait_for (popover_shown, window, 5));
  item = find_label (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu))), label);
  g_assert_nonnull (item);
  if (shot)
    screenshot (GTK_WIDGET (window), shot);
  remora_test_click (item, 4, gtk_widget_get_height (item) / 2.0, 0);
  g_assert_true (remora_test_wait_for (popover_gone, window, 5));
}

/* Each kind of link switched off and on again from the main menu: the
 * timeline's frames answer only the kinds left on. */
static void
test_link_kinds (void)
{
  g_autofree char *dir = NULL;
  RemoraWindow    *window = open_sample (&dir);
  RemoraSession   *session = remora_timeline_view_get_session (remora_window_get_timeline (window));
  gint64           first = remora_session_get_info (session)->first_ts, begin, end;

  /* a millisecond with wakeups and a block request in flight */
  g_assert_true (remora_parse_time ("@5.8925", first, &begin, NULL));
  g_assert_true (remora_parse_time ("@5.8935", first, &end, NULL));
  remora_session_set_visible (session, begin, end);
  wanted_links = REMORA_LINKS_ALL;
  g_assert_true (remora_test_wait_for (links_shown, window, 10));

  click_main_menu_item (window, "Block I/O Issues and Completions", "g16-main-menu-links");
  wanted_links = REMORA_LINKS_WAKEUPS;
  g_assert_true (remora_test_wait_for (links_shown, window, 10));
  screenshot (GTK_WIDGET (window), "g17-no-block-links");
  click_main_menu_item (window, "Wakeup Arrows", NULL);
  wanted_links = REMORA_LINKS_NONE;
  g_assert_true (remora_test_wait_for (links_shown, window, 10));
  click_main_menu_item (window, "Block I/O Issues and Completions", NULL);
  wanted_links = REMORA_LINKS_BLOCK;
  g_assert_true (remora_test_wait_for (links_shown, window, 10));
  screenshot (GTK_WIDGET (window), "g18-block-links-only");

  /* idle CPUs while I/O is in flight: shaded when the window opens (the
   * trace has block requests, and the device's row below the CPUs), then
   * not, then again; on the 12 ms when CPU 0 sat idle with a request in
   * flight */
  g_assert_true (remora_parse_time ("@6.140", first, &begin, NULL));
  g_assert_true (remora_parse_time ("@6.165", first, &end, NULL));
  remora_session_set_visible (session, begin, end);
  wanted_idle_io = TRUE;
  g_assert_true (remora_test_wait_for (idle_io_shown, window, 10));
  screenshot (GTK_WIDGET (window), "g19-idle-io");
  click_main_menu_item (window, "Idle CPUs While I/O Is in Flight", NULL);
  wanted_idle_io = FALSE;
  g_assert_true (remora_test_wait_for (idle_io_shown, window, 10));
  g_assert_false (remora_session_get_idle_io (session));
  click_main_menu_item (window, "Idle CPUs While I/O Is in Flight", NULL);
  wanted_idle_io = TRUE;
  g_assert_true (remora_test_wait_for (idle_io_shown, window, 10));
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

/* A request's box clicked on a device's row selects the request: the
 * details pane shows it, and markers A and B go on its issue and its
 * completion exactly. */
static gboolean
request_selected (gpointer data)
{
  RemoraSession *session = remora_timeline_view_get_session (remora_window_get_timeline (data));
  const RemoraSelection *s = remora_session_get_selection (session);

  return s->kind == REMORA_SELECTION_REQUEST && remora_session_get_detail (session) != NULL &&
         shows_label (GTK_WIDGET (data), "Block request");
}

static void
test_request_box (void)
{
  g_autofree char          *dir = NULL;
  RemoraWindow             *window = open_sample (&dir);
  RemoraTimelineView       *view = remora_window_get_timeline (window);
  RemoraSession            *session = remora_timeline_view_get_session (view);
  gint64                    first = remora_session_get_info (session)->first_ts, begin, end;
  const RemoraFrame        *frame;
  const RemoraFrameRow     *row = NULL;
  const RemoraBlockRequest *requests, *wanted = NULL;
  RemoraTimelineStyle       style;
  const RemoraDetail       *d;
  const GArray             *markers;
  double                    top, bottom, x, y = -1;
  guint                     n;
  int                       index = -1;

  /* 20 ms with a 32-sector write from 581.0 to 584.7 ms */
  g_assert_true (remora_parse_time ("580ms", first, &begin, NULL));
  g_assert_true (remora_parse_time ("600ms", first, &end, NULL));
  remora_session_set_visible (session, begin, end);
  g_assert_true (remora_test_wait_for (frame_is_current, window, 10));
  frame = remora_timeline_view_get_frame (view);
  for (guint i = 0; i < frame->n_rows && row == NULL; i++)
    if (frame->rows[i].spec.kind == REMORA_ROW_DEVICE)
      row = &frame->rows[index = (int) i];
  g_assert_nonnull (row);
  g_assert_nonnull (row->boxes);
  requests = remora_block_device_get_requests (row->device, &n);
  for (guint i = 0; i < row->boxes->len; i++)
    if (requests[g_array_index (row->boxes, guint, i)].sector == 350504)
      wanted = &requests[g_array_index (row->boxes, guint, i)];
  g_assert_nonnull (wanted);
  g_assert_true (wanted->flags & REMORA_BLOCK_COMPLETED);
  /* the middle of its box: across, from its times; down, its lane's */
  view_style (view, &style);
  x = remora_timeline_get_plot_x (&style) +
      (double) ((wanted->issue_ts + wanted->end_ts) / 2 - frame->range.begin_ns) * frame->columns /
          remora_time_range_get_duration (&frame->range);
  /* down: the middle of its lane, as the painter lays the lanes out in the
   * row's span */
  g_assert_true (remora_timeline_view_get_row_span (view, index, &top, &bottom));
  y = top + (wanted->lane + 0.5) * floor ((bottom - top - (row->overflow ? 4 : 0)) / row->lanes);
  g_assert_cmpfloat (y, <, bottom);
  remora_test_click (GTK_WIDGET (view), x, y, 0);
  g_assert_true (remora_test_wait_for (request_selected, window, 10));
  screenshot (GTK_WIDGET (window), "g20-request-selected");
  d = remora_session_get_detail (session);
  g_assert_true (d->has_request);
  g_assert_cmpint (d->request.id, ==, wanted->id);
  g_assert_cmpint (remora_session_get_selection (session)->begin_ns, ==, wanted->issue_ts);
  g_assert_cmpint (remora_session_get_selection (session)->end_ns, ==, wanted->end_ts);
  markers = remora_session_get_markers (session);
  g_assert_cmpuint (markers->len, ==, 2);
  g_assert_cmpstr (g_array_index (markers, RemoraMarker, 0).name, ==, "A");
  g_assert_cmpint (g_array_index (markers, RemoraMarker, 0).ts, ==, wanted->issue_ts);
  g_assert_cmpstr (g_array_index (markers, RemoraMarker, 1).name, ==, "B");
  g_assert_cmpint (g_array_index (markers, RemoraMarker, 1).ts, ==, wanted->end_ts);
  {
    g_autofree char *text = remora_detail_dup_text (d);
    g_autofree char *latency = remora_format_duration (wanted->end_ts - wanted->issue_ts);

    g_assert_nonnull (strstr (text, "Device: 254,0"));
    g_assert_nonnull (strstr (text, "350504 + 32"));
    g_assert_nonnull (strstr (text, latency));
    g_assert_true (shows_label (GTK_WIDGET (window), latency));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

/* The latency pane: the header bar's Latency button shows it in place of
 * the event list; its tables list every pair remora stats counts, its plots
 * are drawn; Jump to Worst selects the longest request on the timeline
 * (zoomed to it, A and B on its issue and completion); the Scheduling tab's
 * table sorts by a header clicked, and its worst wakeup is selected as the
 * switch that ran the task. */
static RemoraLatencyKind wanted_kind;
static guint             wanted_pairs;

static gboolean
pane_filled (gpointer data)
{
  RemoraLatencyPane *pane = remora_window_get_latency_pane (data);

  return remora_latency_pane_get_pairs (pane, wanted_kind) == wanted_pairs &&
         remora_latency_pane_has_plots (pane, wanted_kind);
}

static gint64 wanted_begin, wanted_end;

static gboolean
worst_selected (gpointer data)
{
  RemoraSession *session = remora_timeline_view_get_session (remora_window_get_timeline (data));
  const RemoraSelection *s = remora_session_get_selection (session);
  const RemoraViewport  *vp = remora_session_get_viewport (session);

  return remora_session_get_detail (session) != NULL && s->begin_ns == wanted_begin &&
         s->end_ns == wanted_end && vp->visible.begin_ns < wanted_begin &&
         vp->visible.end_ns > wanted_end && frame_is_current (data);
}

static gint64 sorted_first_start;
static gint64 wanted_selected;

static gboolean
row_follows (gpointer data)
{
  return remora_latency_pane_get_selected (remora_window_get_latency_pane (data),
                                           REMORA_LATENCY_BLOCK) == wanted_selected;
}

static gboolean
sorted_by_start (gpointer data)
{
  RemoraLatencyPane        *pane = remora_window_get_latency_pane (data);
  const RemoraLatencyTable *t = remora_latency_pane_get_table (pane, REMORA_LATENCY_WAKEUP);
  gint64                    first = remora_latency_pane_get_row (pane, REMORA_LATENCY_WAKEUP, 0);
  gint64                    second = remora_latency_pane_get_row (pane, REMORA_LATENCY_WAKEUP, 1);

  return t != NULL && first >= 0 && second >= 0 &&
         remora_latency_table_get (t, first)->start_ts == sorted_first_start &&
         remora_latency_table_get (t, first)->start_ts <=
             remora_latency_table_get (t, second)->start_ts;
}

static void
test_latency_pane (void)
{
  g_autofree char *dir = NULL;
  RemoraWindow    *window = open_sample (&dir);
  RemoraSession   *session = remora_timeline_view_get_session (remora_window_get_timeline (window));
  RemoraStore     *store = remora_session_get_store (session);
  RemoraLatencyPane        *pane = remora_window_get_latency_pane (window);
  RemoraLatencySummary      block, sched;
  const RemoraLatencyTable *t;
  const GArray             *markers;
  GtkWidget                *header;
  gint64                    worst = -1;

  g_assert_true (remora_store_read_latency (store, REMORA_LATENCY_BLOCK, NULL, NULL, &block, NULL));
  g_assert_true (
      remora_store_read_latency (store, REMORA_LATENCY_WAKEUP, NULL, NULL, &sched, NULL));
  click_middle (find_button (GTK_WIDGET (window), "_Latency"));
  wanted_kind = REMORA_LATENCY_BLOCK;
  wanted_pairs = (guint) block.count;
  g_assert_true (remora_test_wait_for (pane_filled, window, 20));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (pane)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (remora_window_get_event_list (window))));

  /* the worst request */
  t = remora_latency_pane_get_table (pane, REMORA_LATENCY_BLOCK);
  g_assert_cmpint (
      remora_latency_table_get (t, remora_latency_pane_get_row (pane, wanted_kind, 0))->latency_ns,
      ==, block.max_ns);
  for (guint i = 0; i < remora_latency_table_get_n (t); i++)
    if (remora_latency_table_get (t, i)->latency_ns == block.max_ns)
      worst = i;
  wanted_begin = remora_latency_table_get (t, worst)->start_ts;
  wanted_end = remora_latency_table_get (t, worst)->end_ts;
  click_middle (find_button (GTK_WIDGET (pane), "_Jump to Worst"));
  g_assert_true (remora_test_wait_for (worst_selected, window, 10));
  g_assert_cmpint (remora_session_get_selection (session)->kind, ==, REMORA_SELECTION_REQUEST);
  markers = remora_session_get_markers (session);
  g_assert_cmpint (g_array_index (markers, RemoraMarker, 0).ts, ==, wanted_begin);
  g_assert_cmpint (g_array_index (markers, RemoraMarker, 1).ts, ==, wanted_end);
  screenshot (GTK_WIDGET (window), "g21-latency-block-worst");
  g_assert_cmpint (remora_latency_pane_get_selected (pane, REMORA_LATENCY_BLOCK), ==, worst);
  /* a request selected on the timeline selects its row: the first one */
  {
    const GArray *rows = remora_session_get_rows (session);
    int           device = -1;

    for (guint i = 0; i < rows->len; i++)
      if (g_array_index (rows, RemoraRowSpec, i).kind == REMORA_ROW_DEVICE)
        device = (int) i;
    wanted_selected = 0;
    remora_session_select_request (session, device, remora_latency_table_get (t, 0)->id, 0);
    g_assert_true (remora_test_wait_for (row_follows, window, 10));
  }

  /* the Scheduling tab */
  click_middle (find_button (GTK_WIDGET (pane), "Scheduling"));
  wanted_kind = REMORA_LATENCY_WAKEUP;
  wanted_pairs = (guint) sched.count;
  g_assert_true (remora_test_wait_for (pane_filled, window, 20));
  t = remora_latency_pane_get_table (pane, REMORA_LATENCY_WAKEUP);
  /* its "Woken" header clicked: the earliest wakeup first */
  sorted_first_start = G_MAXINT64;
  for (guint i = 0; i < remora_latency_table_get_n (t); i++)
    sorted_first_start = MIN (sorted_first_start, remora_latency_table_get (t, i)->start_ts);
  header = find_label (GTK_WIDGET (pane), "Woken");
  g_assert_nonnull (header);
  click_middle (header);
  g_assert_true (remora_test_wait_for (sorted_by_start, window, 10));
  screenshot (GTK_WIDGET (window), "g22-latency-sched-sorted");
  /* W: the worst wakeup, as the switch that ran the task */
  for (guint i = 0; i < remora_latency_table_get_n (t); i++)
    if (remora_latency_table_get (t, i)->latency_ns == sched.max_ns)
      worst = i;
  remora_latency_pane_jump_to_worst (pane);
  wanted_begin = wanted_end = remora_latency_table_get (t, worst)->end_ts;
  g_assert_true (remora_test_wait_for (worst_selected, window, 10));
  g_assert_cmpint (remora_session_get_selection (session)->event_id, ==,
                   remora_latency_table_get (t, worst)->end_event_id);
  screenshot (GTK_WIDGET (window), "g23-latency-sched-worst");
  /* the table filtered by a task typed in its filter: the wakeups of the
   * tasks whose names hold "sh-" */
  {
    GtkWidget *entry = find_descendant (GTK_WIDGET (pane), is_shown_entry_with_placeholder, "Task");
    guint      want = 0;

    g_assert_nonnull (entry);
    for (guint i = 0; i < remora_latency_table_get_n (t); i++)
      want += strstr (remora_latency_table_get_task (t, i), "sh-") != NULL;
    g_assert_cmpuint (want, >, 0);
    g_assert_cmpuint (want, <, sched.count);
    click_middle (entry);
    remora_test_type (GTK_WIDGET (window), "sh-");
    wanted_pairs = want;
    g_assert_true (remora_test_wait_for (pane_filled, window, 20));
    screenshot (GTK_WIDGET (window), "g25-latency-sched-filtered");
    /* and cleared */
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
    wanted_pairs = (guint) sched.count;
    g_assert_true (remora_test_wait_for (pane_filled, window, 20));
  }
  /* the scatter plot shown, then exported as a PNG, and the table as CSV */
  click_middle (find_button (GTK_WIDGET (pane), "Over Time"));
  g_assert_true (remora_test_wait_for (pane_filled, window, 20));
  screenshot (GTK_WIDGET (window), "g24-latency-sched-over-time");
  {
    g_autofree char *png = g_build_filename (dir, "sched.png", NULL);
    g_autofree char *csv = g_build_filename (dir, "sched.csv", NULL);
    g_autofree char *text = NULL;
    g_auto (GStrv) lines = NULL;
    cairo_surface_t *surface;

    remora_latency_pane_export (pane, png, TRUE);
    g_assert_true (remora_test_wait_for (png_written, png, 20));
    surface = load_png (png);
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
    cairo_surface_destroy (surface);
    remora_latency_pane_export (pane, csv, FALSE);
    g_assert_true (remora_test_wait_for (file_written, csv, 20));
    g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
    /* a header and a line per wakeup */
    lines = g_strsplit (text, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, sched.count + 2);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  remora_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *data_home = NULL;
  int              ret;

  g_test_init (&argc, &argv, NULL);
  /* recent files of this process's own (the suite's other programs keep
   * theirs in the build's gui-home): read by the recent traces' test */
  data_home = remora_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  if (!gtk_init_check () || !remora_test_input_available ())
    {
      g_test_skip ("no X display with XTEST");
      ret = g_test_run ();
      remora_test_rmdir (data_home);
      return ret;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  remora_register_resource ();
  shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", "..",
                            "meson-logs", "screenshots", NULL);
  g_mkdir_with_parents (shots, 0755);
  g_test_add_func ("/remora/gui/gestures/drag-pans-only", test_drag_pans_only);
  g_test_add_func ("/remora/gui/gestures/keys-after-go-to", test_keys_after_go_to);
  g_test_add_func ("/remora/gui/gestures/keys-from-anywhere", test_keys_from_anywhere);
  g_test_add_func ("/remora/gui/gestures/focus-returns", test_focus_returns);
  g_test_add_func ("/remora/gui/gestures/axis-stays", test_axis_stays);
  g_test_add_func ("/remora/gui/gestures/filter-tree-counts", test_filter_tree_counts);
  g_test_add_func ("/remora/gui/gestures/recent-traces", test_recent_traces);
  g_test_add_func ("/remora/gui/gestures/list-starts-at-from", test_list_starts_at_from);
  g_test_add_func ("/remora/gui/gestures/damaged-trace", test_damaged_trace);
  g_test_add_func ("/remora/gui/gestures/export-dialog", test_export_dialog);
  g_test_add_func ("/remora/gui/gestures/add-task-row-keys", test_add_task_row_keys);
  g_test_add_func ("/remora/gui/gestures/markers-popover", test_markers_popover);
  g_test_add_func ("/remora/gui/gestures/session-filter", test_session_filter);
  g_test_add_func ("/remora/gui/gestures/absolute-time", test_absolute_time);
  g_test_add_func ("/remora/gui/gestures/link-kinds", test_link_kinds);
  g_test_add_func ("/remora/gui/gestures/request-box", test_request_box);
  g_test_add_func ("/remora/gui/gestures/latency-pane", test_latency_pane);
  ret = g_test_run ();
  remora_test_rmdir (data_home);
  return ret;
}
