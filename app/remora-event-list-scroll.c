/* remora-event-list-scroll.c: the event list's rows brought into view: rows
 * shown a few per frame, a row scrolled to the middle of the view, the keys
 * given to the row a go-to selected
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-event-list-view-private.h"

static GtkWidget *
inner_list (RemoraEventListView *self)
{
  /* the column view's rows are a GtkListView, whose list.scroll-to-item
   * action is GTK 4.8's way to bring a row into view */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* The rows appear a few per frame: GTK 4.8's list views make a widget for
 * up to 200 rows around the visible ones at once, and a column view's row
 * has a widget per column, so all of them in one frame would stall the main
 * loop for about 100 ms. The first frame after the list has its rows is left
 * to the timeline. The same goes for the rows a filter leaves blank at the
 * end (removing a row destroys its widgets: some 0.15 ms each). */
#define GROW_ROWS  12
#define GROW_LIMIT 240
#define TRIM_ROWS  24

void
_remora_event_list_view_stop_growing (RemoraEventListView *self)
{
  self->reveal_after_growing = -1;
  if (self->grow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->grow_id);
  self->grow_id = 0;
}

static gboolean
grow (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  RemoraEventListView *self = REMORA_EVENT_LIST_VIEW (widget);
  gboolean trimmed = self->list == NULL || remora_event_list_trim (self->list, TRIM_ROWS);
  guint    n = self->list ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  guint    size = gtk_slice_list_model_get_size (self->shown);

  if (self->grow_wait-- > 0)
    return G_SOURCE_CONTINUE;
  /* past the rows GTK makes widgets for, the rest at once */
  size = size < n && size + GROW_ROWS < MIN (n, GROW_LIMIT) ? size + GROW_ROWS : n;
  gtk_slice_list_model_set_size (self->shown, size);
  if (size < n || !trimmed)
    return G_SOURCE_CONTINUE;
  self->grow_id = 0;
  if (self->reveal_after_growing >= 0)
    {
      gint64 id = self->reveal_after_growing;

      self->reveal_after_growing = -1;
      remora_event_list_view_reveal_event (self, id);
    }
  return G_SOURCE_REMOVE;
}

void
_remora_event_list_view_start_growing (RemoraEventListView *self, int wait)
{
  if (self->grow_id != 0)
    return;
  self->grow_wait = wait;
  self->grow_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow, NULL, NULL);
}

/* Every row, now: a row far down is to be shown (blank rows a filter left
 * at the end still go a few per frame). */
void
_remora_event_list_view_show_all_rows (RemoraEventListView *self)
{
  self->reveal_after_growing = -1;
  if (self->list == NULL)
    return;
  gtk_slice_list_model_set_size (self->shown, g_list_model_get_n_items (G_LIST_MODEL (self->list)));
  if (remora_event_list_get_n_rows (self->list) ==
      g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    _remora_event_list_view_stop_growing (self);
}

/**
 * remora_event_list_view_get_all_shown:
 * @self: a #RemoraEventListView
 *
 * Returns: whether the list shows all its rows (they appear a few per frame
 *   once it has them).
 */
gboolean
remora_event_list_view_get_all_shown (RemoraEventListView *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), FALSE);
  return self->list != NULL && remora_event_list_get_ready (self->list) && self->grow_id == 0;
}

void
_remora_event_list_view_scroll_to (RemoraEventListView *self, guint position)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  guint          n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  double         upper = gtk_adjustment_get_upper (adj), page = gtk_adjustment_get_page_size (adj);
  GtkWidget     *list = inner_list (self);

  /* rows just added or removed: the scrolling knows them once the list is
   * laid out again (on_adjustment_changed) */
  self->pending_scroll = GTK_INVALID_LIST_POSITION;
  if (n != self->adjusted_rows)
    {
      self->pending_scroll = position;
      return;
    }

  /* rows are all one line high: the row in the middle of the view, as
   * KernelShark's list shows the event it jumps to */
  if (n > 0 && upper > page && page > 0)
    {
      double row = upper / n;
      double value = row * position - (page - row) / 2;
      if (position * row < gtk_adjustment_get_value (adj) ||
          (position + 1) * row > gtk_adjustment_get_value (adj) + page)
        gtk_adjustment_set_value (adj, CLAMP (value, 0, upper - page));
    }
  else if (list != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
}

/* The widget of the row at @position, when the list shows it: the row
 * that holds its time cell. */
static GtkWidget *
row_widget_at (RemoraEventListView *self, guint position)
{
  GtkWidget     *list = inner_list (self);
  GHashTableIter it;
  gpointer       label, item;

  g_hash_table_iter_init (&it, self->time_labels);
  while (g_hash_table_iter_next (&it, &label, &item))
    if (remora_event_item_get_position (item) == position)
      {
        GtkWidget *row = label;

        while (row != NULL && gtk_widget_get_parent (row) != list)
          row = gtk_widget_get_parent (row);
        return row;
      }
  return NULL;
}

static gboolean
keys_to_row_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  RemoraEventListView *self = data;
  GtkWidget           *row = row_widget_at (self, self->primary);

  /* the row's widget is made when the list is laid out at its place */
  if (row == NULL && ++self->keys_frames < 30)
    return G_SOURCE_CONTINUE;
  self->keys_tick = 0;
  /* a row taking the focus makes the list's keys go on from it */
  if (row != NULL)
    gtk_widget_grab_focus (row);
  return G_SOURCE_REMOVE;
}

/* The keyboard to the row just selected, at once to the list (keys leave
 * the entry), and to the row's own widget once the list shows it (GTK 4.8's
 * lists move from the row that has the focus). */
void
_remora_event_list_view_give_keys_to_row (RemoraEventListView *self)
{
  GtkWidget *list = inner_list (self);

  if (list != NULL)
    gtk_widget_grab_focus (list);
  self->keys_to_row = FALSE;
  self->keys_frames = 0;
  if (self->keys_tick == 0)
    self->keys_tick =
        gtk_widget_add_tick_callback (GTK_WIDGET (self), keys_to_row_tick, self, NULL);
}

static gboolean
scroll_pending (gpointer data)
{
  RemoraEventListView *self = data;
  guint                position = self->pending_scroll;

  self->scroll_id = 0;
  if (position != GTK_INVALID_LIST_POSITION)
    _remora_event_list_view_scroll_to (self, position);
  return G_SOURCE_REMOVE;
}

/* The list laid out for its rows: a scroll asked meanwhile goes once the
 * layout is done (within it, GTK sets the scrolling's value again). */
void
_remora_event_list_view_on_adjustment_changed (GtkAdjustment *adj, RemoraEventListView *self)
{
  self->adjusted_rows = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  if (self->pending_scroll != GTK_INVALID_LIST_POSITION && self->scroll_id == 0)
    self->scroll_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, scroll_pending, self, NULL);
}
