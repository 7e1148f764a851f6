/* remora-event-list-view.c: the list of every event, under the timeline
 *
 * A GtkColumnView over model/'s RemoraEventList: rows are asked as they
 * scroll into view and filled when their page has been read off the UI
 * thread (until then a row is blank for a frame or two, never a wait).
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-event-list-view.h"

#include <glib/gi18n.h>
#include <string.h>

#include "remora-application.h"
#include "remora-cell.h"
#include "remora-filter-dialog.h"

typedef enum
{
  COL_NUMBER,
  COL_TIME,
  COL_CPU,
  COL_TASK,
  COL_PID,
  COL_EVENT,
  COL_LATENCY,
  COL_INFO,
  N_COLS
} Column;

typedef struct
{
  const char *key;
  const char *title;
  int         width;
  gboolean    numeric;
  gboolean    shown;
} ColumnInfo;

static const ColumnInfo columns[N_COLS] = {
  { "number", N_ ("#"), 70, TRUE, TRUE },         { "time", N_ ("Time"), 110, TRUE, TRUE },
  { "cpu", N_ ("CPU"), 44, TRUE, TRUE },          { "task", N_ ("Task"), 130, FALSE, TRUE },
  { "pid", N_ ("PID"), 60, TRUE, TRUE },          { "event", N_ ("Event"), 150, FALSE, TRUE },
  { "latency", N_ ("Latency"), 64, FALSE, TRUE }, { "info", N_ ("Info"), 500, FALSE, TRUE },
};

struct _RemoraEventListView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget           *bar;
  GtkWidget           *menu_button;
  GtkEntry            *go_to;
  GtkDropDown         *alike;
  GtkLabel            *count;
  GtkSearchEntry      *search;
  GtkWidget           *filter_button;
  GtkWidget           *clear_button;
  GtkProgressBar      *progress;
  GtkWidget           *cancel_button;
  GtkWidget           *scrolled;
  GtkColumnView       *view;
  GtkMultiSelection   *selection;
  guint                primary; /* the selected row the timeline follows */
  GtkSliceListModel   *shown;   /* the list's rows, the first ones first */
  GtkColumnViewColumn *cols[N_COLS];
  GSimpleActionGroup  *actions;

  RemoraStore     *store;
  RemoraEventList *list;
  GCancellable    *finding;     /* a go-to or a step being answered */
  GHashTable      *time_labels; /* bound labels of the time column → item */
  RemoraEventItem *waiting;     /* selected, not yet read */
  gulong           waiting_id;
  gboolean         absolute;        /* times as recorded, not from the start */
  RemoraSession   *session;         /* what the window looks at */
  GSignalGroup    *session_signals; /* its selection, watched */
  gboolean         graph_follows;   /* the timeline selects the row selected */
  gboolean         list_follows;    /* the list selects the timeline's event */
  gboolean         revealing;       /* a selection made to follow the timeline */
  guint            grow_id;         /* the tick that shows (or removes) rows a few at a time */
  guint            adjusted_rows;   /* the rows the scrolling was last laid out for */
  guint            pending_scroll;  /* a row to scroll to once it is */
  guint            scroll_id;       /* the idle that does */
  gboolean         keys_to_row;     /* a go-to: the keys go to the row it selects */
  guint            keys_tick;       /* the frames to wait for that row's widget */
  int              keys_frames;
  int              grow_wait;
  gint64           reveal_after_growing; /* an event to show once all rows are, or -1 */

  /* filters */
  RemoraFilter       *filter; /* applied (the dialog's parts and the search) */
  RemoraFilterTarget  target;
  RemoraEventMask    *mask;  /* what it keeps, NULL for everything */
  RemoraFilterJob    *job;   /* the one running */
  RemoraFilter       *asked; /* what it answers */
  RemoraFilterTarget  asked_target;
  GCancellable       *filtering;
  guint               progress_id;
  RemoraFilterDialog *dialog; /* weak */
  char               *filter_error;
  gint64              filter_started_us;
  gint64              filter_us; /* how long the last one took */
  RemoraEventMask    *found;     /* a filter's answer, shown at the next idle */
  guint               found_id;

  /* copying */
  GCancellable *copying;

  /* CSV export */
  RemoraCsvExport *exporting; /* the one running */
  GCancellable    *export_cancel;
  GtkProgressBar  *export_progress;
  GtkWidget       *export_cancel_button;
  guint            export_progress_id;
};

G_DEFINE_FINAL_TYPE (RemoraEventListView, remora_event_list_view, GTK_TYPE_WIDGET)

enum
{
  FILTER_CHANGED,
  NOTICE,
  COPIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Cells ------------------------------------------------------------------ */

static char *
cell_text (RemoraEventListView *self, RemoraEventItem *item, Column col)
{
  gboolean lost = remora_event_item_get_lost (item);

  if (!remora_event_item_get_loaded (item))
    return g_strdup ("");
  switch (col)
    {
    case COL_NUMBER:
      return lost ? g_strdup ("")
                  : g_strdup_printf ("%" G_GINT64_FORMAT, remora_event_item_get_id (item));
    case COL_TIME:
      if (lost)
        return g_strdup ("");
      return remora_format_timestamp (
          remora_event_item_get_ts (item) -
          (self->absolute ? 0 : remora_store_get_info (self->store)->first_ts));
    case COL_CPU:
      return g_strdup_printf ("%d", remora_event_item_get_cpu (item));
    case COL_TASK:
      if (lost)
        return g_strdup ("");
      if (remora_event_item_get_buffer (item)[0] != 0)
        return g_strdup_printf ("%s: %s", remora_event_item_get_buffer (item),
                                remora_event_item_get_task (item));
      return g_strdup (remora_event_item_get_task (item));
    case COL_PID:
      return lost ? g_strdup ("") : g_strdup_printf ("%d", remora_event_item_get_pid (item));
    case COL_EVENT:
      return g_strdup (remora_event_item_get_name (item));
    case COL_LATENCY:
      return g_strdup (remora_event_item_get_latency (item));
    case COL_INFO:
    case N_COLS:
    default:
      return g_strdup (remora_event_item_get_info (item));
    }
}

static void
update_cell (RemoraEventListView *self, RemoraCell *label, RemoraEventItem *item, Column col)
{
  g_autofree char *text = cell_text (self, item, col);

  remora_cell_set_text (label, text);
  if (remora_event_item_get_lost (item))
    gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
}

static Column
factory_column (GtkListItemFactory *factory)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "remora-column"));
}

static void
on_setup (GtkListItemFactory *factory, GtkListItem *list_item, RemoraEventListView *self)
{
  Column     col = factory_column (factory);
  GtkWidget *label = remora_cell_new (columns[col].numeric ? 1.0 : 0.0);

  if (columns[col].numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

typedef struct
{
  RemoraEventListView *self;
  RemoraCell          *label;
  Column               col;
} Cell;

static void
on_item_loaded (RemoraEventItem *item, GParamSpec *pspec, Cell *cell)
{
  update_cell (cell->self, cell->label, item, cell->col);
}

static void
on_bind (GtkListItemFactory *factory, GtkListItem *list_item, RemoraEventListView *self)
{
  RemoraEventItem *item = gtk_list_item_get_item (list_item);
  RemoraCell      *label = REMORA_CELL (gtk_list_item_get_child (list_item));
  Column           col = factory_column (factory);
  Cell            *cell = g_new0 (Cell, 1);
  gulong           id;

  cell->self = self;
  cell->label = label;
  cell->col = col;
  update_cell (self, label, item, col);
  id = g_signal_connect_data (item, "notify::loaded", G_CALLBACK (on_item_loaded), cell,
                              (GClosureNotify) (void (*) (void)) g_free, 0);
  g_object_set_data (G_OBJECT (label), "remora-loaded-id", GSIZE_TO_POINTER (id));
  if (col == COL_TIME)
    g_hash_table_insert (self->time_labels, label, item);
}

static void
on_unbind (GtkListItemFactory *factory, GtkListItem *list_item, RemoraEventListView *self)
{
  RemoraEventItem *item = gtk_list_item_get_item (list_item);
  GtkWidget       *label = gtk_list_item_get_child (list_item);
  gulong           id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (label), "remora-loaded-id"));

  if (id != 0 && item != NULL)
    g_signal_handler_disconnect (item, id);
  g_object_set_data (G_OBJECT (label), "remora-loaded-id", NULL);
  g_hash_table_remove (self->time_labels, label);
}

static void
refresh_times (RemoraEventListView *self)
{
  GHashTableIter it;
  gpointer       label, item;

  g_hash_table_iter_init (&it, self->time_labels);
  while (g_hash_table_iter_next (&it, &label, &item))
    update_cell (self, label, item, COL_TIME);
}

/* Selection -------------------------------------------------------------- */

static void
stop_waiting (RemoraEventListView *self)
{
  if (self->waiting != NULL)
    g_clear_signal_handler (&self->waiting_id, self->waiting);
  g_clear_object (&self->waiting);
}

static RemoraEventItem *dup_item (RemoraEventListView *self, guint position);

/* A row the user selected: the session's selection, for every view (the
 * timeline moves to it), unless the list's menu says the timeline does not
 * follow the list. */
static void
say_selected (RemoraEventListView *self, RemoraEventItem *item)
{
  if (self->session == NULL || !self->graph_follows)
    return;
  remora_session_select_event (self->session, remora_event_item_get_id (item),
                               remora_event_item_get_ts (item),
                               remora_event_item_get_buffer_id (item),
                               remora_event_item_get_cpu (item), REMORA_SELECT_REVEAL);
}

/* The session selected an event (a click on the timeline): the list shows
 * its row, selected, unless its menu says it does not follow. */
static void
on_session_selection (RemoraSession *session, GParamSpec *pspec, RemoraEventListView *self)
{
  const RemoraSelection *s = remora_session_get_selection (session);
  g_autoptr (RemoraEventItem) item = NULL;

  if (!self->list_follows || s->kind != REMORA_SELECTION_EVENT)
    return;
  item = dup_item (self, remora_event_list_view_get_selected (self));
  if (item != NULL && remora_event_item_get_id (item) == s->event_id)
    return; /* the row selected already */
  remora_event_list_view_reveal_event (self, s->event_id);
}

/* The item at @position of the rows shown, or NULL. */
static RemoraEventItem *
dup_item (RemoraEventListView *self, guint position)
{
  if (position == GTK_INVALID_LIST_POSITION ||
      position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->selection), position);
}

static void
on_waiting_loaded (RemoraEventItem *item, GParamSpec *pspec, RemoraEventListView *self)
{
  g_autoptr (RemoraEventItem) primary = dup_item (self, self->primary);

  g_object_ref (item);
  stop_waiting (self);
  if (primary == item && remora_event_item_get_loaded (item) && !remora_event_item_get_lost (item))
    say_selected (self, item);
  g_object_unref (item);
}

/* The timeline follows the row at @position. */
static void
follow (RemoraEventListView *self, guint position)
{
  g_autoptr (RemoraEventItem) item = dup_item (self, position);

  stop_waiting (self);
  self->primary = position;
  if (item == NULL || remora_event_item_get_lost (item))
    return;
  if (remora_event_item_get_loaded (item))
    {
      say_selected (self, item);
      return;
    }
  /* a row selected before it was read: said when it is */
  self->waiting = g_object_ref (item);
  self->waiting_id =
      g_signal_connect (item, "notify::loaded", G_CALLBACK (on_waiting_loaded), self);
}

/* A click selects a row (the timeline follows it), Ctrl+click adds one (and
 * the timeline follows that one), Shift+click a range (the timeline stays
 * where it was). */
static void
on_selection_changed (GtkSelectionModel   *model,
                      guint                position,
                      guint                n_items,
                      RemoraEventListView *self)
{
  g_autoptr (GtkBitset) selected = NULL;

  if (self->revealing)
    return;
  selected = gtk_selection_model_get_selection (model);
  if (gtk_bitset_is_empty (selected))
    {
      stop_waiting (self);
      self->primary = GTK_INVALID_LIST_POSITION;
    }
  else if (gtk_bitset_get_size (selected) == 1)
    follow (self, gtk_bitset_get_minimum (selected));
  else if (n_items == 1 && gtk_bitset_contains (selected, position))
    follow (self, position);
  else if (self->primary == GTK_INVALID_LIST_POSITION ||
           !gtk_bitset_contains (selected, self->primary))
    {
      /* the one that was followed is no longer selected */
      stop_waiting (self);
      self->primary = gtk_bitset_get_minimum (selected);
    }
}

/* Selects the row at @position alone, without saying so (or nothing). */
static void
select_quietly (RemoraEventListView *self, guint position)
{
  stop_waiting (self);
  self->revealing = TRUE;
  if (position == GTK_INVALID_LIST_POSITION)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  self->revealing = FALSE;
  self->primary = position;
}

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

static void
stop_growing (RemoraEventListView *self)
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

static void
start_growing (RemoraEventListView *self, int wait)
{
  if (self->grow_id != 0)
    return;
  self->grow_wait = wait;
  self->grow_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow, NULL, NULL);
}

/* Every row, now: a row far down is to be shown (blank rows a filter left
 * at the end still go a few per frame). */
static void
show_all_rows (RemoraEventListView *self)
{
  self->reveal_after_growing = -1;
  if (self->list == NULL)
    return;
  gtk_slice_list_model_set_size (self->shown, g_list_model_get_n_items (G_LIST_MODEL (self->list)));
  if (remora_event_list_get_n_rows (self->list) ==
      g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    stop_growing (self);
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

static void
scroll_to (RemoraEventListView *self, guint position)
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
static void
give_keys_to_row (RemoraEventListView *self)
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
    scroll_to (self, position);
  return G_SOURCE_REMOVE;
}

/* The list laid out for its rows: a scroll asked meanwhile goes once the
 * layout is done (within it, GTK sets the scrolling's value again). */
static void
on_adjustment_changed (GtkAdjustment *adj, RemoraEventListView *self)
{
  self->adjusted_rows = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  if (self->pending_scroll != GTK_INVALID_LIST_POSITION && self->scroll_id == 0)
    self->scroll_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, scroll_pending, self, NULL);
}

/**
 * remora_event_list_view_select_position:
 * @self: a #RemoraEventListView
 * @position: a row
 *
 * Selects and shows the row at @position, as a click on it does (the
 * timeline follows through #RemoraEventListView::event-selected).
 */
void
remora_event_list_view_select_position (RemoraEventListView *self, guint position)
{
  g_return_if_fail (REMORA_IS_EVENT_LIST_VIEW (self));
  if (self->list == NULL || position >= remora_event_list_get_n_rows (self->list))
    return;
  show_all_rows (self);
  scroll_to (self, position);
  select_quietly (self, position);
  follow (self, position);
  if (self->keys_to_row)
    give_keys_to_row (self);
}

/**
 * remora_event_list_view_reveal_event:
 * @self: a #RemoraEventListView
 * @event_id: an event
 *
 * Selects and shows the event's row without saying so: the list following
 * the timeline.
 */
void
remora_event_list_view_reveal_event (RemoraEventListView *self, gint64 event_id)
{
  guint position;

  g_return_if_fail (REMORA_IS_EVENT_LIST_VIEW (self));
  if (self->list == NULL || !remora_event_list_get_ready (self->list))
    return;
  position = remora_event_list_position_of_event (self->list, event_id);
  if (position >= remora_event_list_get_n_rows (self->list))
    return;
  show_all_rows (self);
  scroll_to (self, position);
  select_quietly (self, position);
}

/**
 * remora_event_list_view_get_selected:
 * @self: a #RemoraEventListView
 *
 * Returns: the selected row's position, or %GTK_INVALID_LIST_POSITION.
 */
guint
remora_event_list_view_get_selected (RemoraEventListView *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), GTK_INVALID_LIST_POSITION);
  if (self->primary != GTK_INVALID_LIST_POSITION &&
      !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), self->primary))
    return GTK_INVALID_LIST_POSITION;
  return self->primary;
}

/**
 * remora_event_list_view_get_n_selected:
 * @self: a #RemoraEventListView
 *
 * Returns: how many rows are selected.
 */
guint64
remora_event_list_view_get_n_selected (RemoraEventListView *self)
{
  g_autoptr (GtkBitset) selected = NULL;

  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), 0);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return gtk_bitset_get_size (selected);
}

/**
 * remora_event_list_view_select_range:
 * @self: a #RemoraEventListView
 * @first: the first row
 * @n: how many
 *
 * Selects @n rows from @first on, as Shift+click does (the row the
 * timeline follows stays where it is when it is among them, else the
 * first is).
 */
void
remora_event_list_view_select_range (RemoraEventListView *self, guint first, guint n)
{
  g_return_if_fail (REMORA_IS_EVENT_LIST_VIEW (self));
  gtk_selection_model_select_range (GTK_SELECTION_MODEL (self->selection), first, n, TRUE);
}

/**
 * remora_event_list_view_get_vadjustment:
 * @self: a #RemoraEventListView
 *
 * Returns: (transfer none): the rows' vertical scrolling (one row is
 *   upper ÷ rows high).
 */
GtkAdjustment *
remora_event_list_view_get_vadjustment (RemoraEventListView *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), NULL);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
}

/* Go to ------------------------------------------------------------------ */

static void
on_found (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemoraEventListView) self = user_data;
  g_autoptr (GError) error = NULL;
  guint position = remora_event_list_find_time_finish (REMORA_EVENT_LIST (object), result, &error);

  if (position == G_MAXUINT || REMORA_EVENT_LIST (object) != self->list)
    return;
  remora_event_list_view_select_position (self, position);
}

/**
 * remora_event_list_view_go_to:
 * @self: a #RemoraEventListView
 * @text: `#N` for event number N, else a time (remora_parse_time(): from
 *   the trace's start, or `@` and an absolute one)
 * @error: a location for a #GError
 *
 * Selects the event numbered @text, or the first at or after the time
 * @text (when its row has been found off the UI thread).
 *
 * Returns: %FALSE with @error set when @text is neither.
 */
gboolean
remora_event_list_view_go_to (RemoraEventListView *self, const char *text, GError **error)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  gint64           ts;

  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), FALSE);
  if (self->list == NULL)
    return TRUE;
  if (t[0] == '#')
    {
      guint64 id;
      gint64  n = remora_store_get_info (self->store)->events;

      if (!g_ascii_string_to_unsigned (t + 1, 10, 0, MAX (n - 1, 0), &id, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is what was typed, %lld the last event's number */
                       _ ("“%s” is not an event of this trace: they are numbered #0 to #%lld"), t,
                       (long long) MAX (n - 1, 0));
          return FALSE;
        }
      remora_event_list_view_select_position (
          self, remora_event_list_position_of_event (self->list, (gint64) id));
      return TRUE;
    }
  if (!remora_parse_time (t, remora_store_get_info (self->store)->first_ts, &ts, error))
    return FALSE;
  g_cancellable_cancel (self->finding);
  g_clear_object (&self->finding);
  self->finding = g_cancellable_new ();
  remora_event_list_find_time_async (self->list, ts, self->finding, on_found, g_object_ref (self));
  return TRUE;
}

static void
on_go_to (GtkEntry *entry, RemoraEventListView *self)
{
  g_autoptr (GError) error = NULL;

  self->keys_to_row = TRUE;
  if (remora_event_list_view_go_to (self, gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
    }
  else
    {
      self->keys_to_row = FALSE;
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
    }
}

/* Next and previous ------------------------------------------------------ */

static void
on_neighbour (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemoraEventListView) self = user_data;
  g_autoptr (GError) error = NULL;
  guint position =
      remora_event_list_find_neighbour_finish (REMORA_EVENT_LIST (object), result, &error);

  if (REMORA_EVENT_LIST (object) != self->list ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (position == G_MAXUINT)
    {
      /* none: a bell, and the selection stays */
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  remora_event_list_view_select_position (self, position);
}

/**
 * remora_event_list_view_step:
 * @self: a #RemoraEventListView
 * @alike: what the event looked for shares with the selected one
 * @forward: %TRUE for the next one, %FALSE for the one before
 *
 * Selects the nearest event after (or before) the selected one with the same
 * name, task or CPU, when its row has been found off the UI thread; without
 * a selection, the first row. The timeline follows.
 */
void
remora_event_list_view_step (RemoraEventListView *self, RemoraNeighbour alike, gboolean forward)
{
  guint  selected, n;
  gint64 id;

  g_return_if_fail (REMORA_IS_EVENT_LIST_VIEW (self));
  if (self->list == NULL || !remora_event_list_get_ready (self->list) ||
      (n = g_list_model_get_n_items (G_LIST_MODEL (self->list))) == 0)
    return;
  selected = remora_event_list_view_get_selected (self);
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      remora_event_list_view_select_position (self, 0);
      return;
    }
  /* from a gap's row: from the event after it */
  while ((id = remora_event_list_event_at (self->list, selected)) < 0 && selected + 1 < n)
    selected++;
  if (id < 0)
    return;
  g_cancellable_cancel (self->finding);
  g_clear_object (&self->finding);
  self->finding = g_cancellable_new ();
  remora_event_list_find_neighbour_async (self->list, id, alike, forward, self->finding,
                                          on_neighbour, g_object_ref (self));
}

/**
 * remora_event_list_view_get_alike:
 * @self: a #RemoraEventListView
 *
 * Returns: what the next and previous buttons look for (the choice beside
 *   them).
 */
RemoraNeighbour
remora_event_list_view_get_alike (RemoraEventListView *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), REMORA_NEIGHBOUR_NAME);
  return (RemoraNeighbour) gtk_drop_down_get_selected (self->alike);
}

static void
on_step_previous (GtkButton *button, RemoraEventListView *self)
{
  remora_event_list_view_step (self, remora_event_list_view_get_alike (self), FALSE);
}

static void
on_step_next (GtkButton *button, RemoraEventListView *self)
{
  remora_event_list_view_step (self, remora_event_list_view_get_alike (self), TRUE);
}

/* The list --------------------------------------------------------------- */

static void
update_count (RemoraEventListView *self)
{
  g_autofree char *text = NULL;

  if (self->list == NULL)
    text = g_strdup ("");
  else if (remora_event_list_get_error (self->list) != NULL)
    text = g_strdup (remora_event_list_get_error (self->list)->message);
  else if (self->filter_error != NULL)
    text = g_strdup (self->filter_error);
  else if (self->mask != NULL)
    {
      gint64           n = remora_store_get_info (self->store)->events;
      gint64           kept = remora_event_mask_get_count (self->mask);
      g_autofree char *all = g_strdup_printf ("%'" G_GINT64_FORMAT, n);
      g_autofree char *shown = g_strdup_printf ("%'" G_GINT64_FORMAT, kept);

      if (self->target == REMORA_FILTER_TARGET_TIMELINE)
        /* Translators: the first %s is a number of events, the second how
         * many of them the timeline shows */
        text = g_strdup_printf (_ ("%s events; the timeline shows %s"), all, shown);
      else
        /* Translators: how many events a filter keeps, of how many */
        text = g_strdup_printf (_ ("%s of %s events"), shown, all);
    }
  else
    {
      gint64           n = remora_store_get_info (self->store)->events;
      guint            gaps = remora_event_list_get_n_lost_rows (self->list);
      g_autofree char *events = g_strdup_printf ("%'" G_GINT64_FORMAT, n);
      g_autofree char *lost = g_strdup_printf ("%'u", gaps);

      if (gaps > 0)
        /* Translators: the first %s is a number of events, the second of gaps */
        text = g_strdup_printf (_ ("%s events, %s gaps of lost events"), events, lost);
      else
        text = g_strdup_printf (ngettext ("%s event", "%s events", n), events);
    }
  gtk_label_set_label (self->count, text);
}

static void show_filtering (RemoraEventListView *self, gboolean running);
static void stop_filtering (RemoraEventListView *self);
static void stop_exporting (RemoraEventListView *self);
static void show_exporting (RemoraEventListView *self, gboolean running);

static void
on_found_start (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemoraEventListView) self = user_data;
  guint position = remora_event_list_find_time_finish (REMORA_EVENT_LIST (object), result, NULL);

  if (position == G_MAXUINT || REMORA_EVENT_LIST (object) != self->list ||
      remora_event_list_view_get_selected (self) != GTK_INVALID_LIST_POSITION)
    return;
  show_all_rows (self);
  scroll_to (self, position);
}

static void
on_ready (RemoraEventList *list, GParamSpec *pspec, RemoraEventListView *self)
{
  update_count (self);
  stop_growing (self);
  start_growing (self, 1);
  /* a window opened on a part of the trace (--from): the list begins
   * there too, nothing selected */
  if (self->session != NULL && remora_event_list_get_ready (list))
    {
      const RemoraViewport *vp = remora_session_get_viewport (self->session);

      if (vp->visible.begin_ns > vp->trace.begin_ns)
        remora_event_list_find_time_async (list, vp->visible.begin_ns, self->finding,
                                           on_found_start, g_object_ref (self));
    }
}

/**
 * remora_event_list_view_set_session:
 * @self: a #RemoraEventListView
 * @session: (nullable): what the window looks at: the list lists its
 *   store's events, selects the session's event and gives it the row the
 *   user selects
 */
void
remora_event_list_view_set_session (RemoraEventListView *self, RemoraSession *session)
{
  g_return_if_fail (REMORA_IS_EVENT_LIST_VIEW (self));
  if (self->session == session)
    return;
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  remora_event_list_view_set_store (self, session ? remora_session_get_store (session) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

RemoraSession *
remora_event_list_view_get_session (RemoraEventListView *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), NULL);
  return self->session;
}

/**
 * remora_event_list_view_set_store:
 * @self: a #RemoraEventListView
 * @store: (nullable): the store to list
 */
void
remora_event_list_view_set_store (RemoraEventListView *self, RemoraStore *store)
{
  g_return_if_fail (REMORA_IS_EVENT_LIST_VIEW (self));
  stop_waiting (self);
  stop_filtering (self);
  stop_exporting (self);
  g_cancellable_cancel (self->copying);
  g_clear_object (&self->copying);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_pointer (&self->mask, remora_event_mask_unref);
  remora_filter_free (self->filter);
  self->filter = remora_filter_new ();
  g_clear_pointer (&self->filter_error, g_free);
  if (self->search != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  g_cancellable_cancel (self->finding);
  g_clear_object (&self->finding);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  stop_growing (self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      self->list = remora_event_list_new (store);
      g_signal_connect (self->list, "notify::ready", G_CALLBACK (on_ready), self);
    }
  gtk_slice_list_model_set_size (self->shown, 0);
  gtk_slice_list_model_set_model (self->shown, G_LIST_MODEL (self->list));
  update_count (self);
  show_filtering (self, FALSE);
  show_exporting (self, FALSE);
}

/**
 * remora_event_list_view_get_list:
 * @self: a #RemoraEventListView
 *
 * Returns: (transfer none) (nullable): the list shown.
 */
RemoraEventList *
remora_event_list_view_get_list (RemoraEventListView *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), NULL);
  return self->list;
}

/* Filters ------------------------------------------------------------------ */

static void
show_filtering (RemoraEventListView *self, gboolean running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress), running);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_visible (GTK_WIDGET (self->count), !running);
  gtk_widget_set_visible (self->clear_button, !running && !remora_filter_is_empty (self->filter));
  if (running)
    gtk_progress_bar_set_fraction (self->progress, 0);
}

static gboolean
on_progress (gpointer data)
{
  RemoraEventListView *self = data;

  if (self->job != NULL)
    gtk_progress_bar_set_fraction (self->progress, remora_filter_job_get_fraction (self->job));
  return G_SOURCE_CONTINUE;
}

static void
stop_filtering (RemoraEventListView *self)
{
  g_cancellable_cancel (self->filtering);
  g_clear_object (&self->filtering);
  g_clear_pointer (&self->job, remora_filter_job_unref);
  g_clear_pointer (&self->asked, remora_filter_free);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_handle_id (&self->found_id, g_source_remove);
  g_clear_pointer (&self->found, remora_event_mask_unref);
}

/**
 * remora_event_list_view_get_top_row:
 * @self: a #RemoraEventListView
 *
 * Returns: the row at the top of the view, or %GTK_INVALID_LIST_POSITION
 *   when none is shown.
 */
guint
remora_event_list_view_get_top_row (RemoraEventListView *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  guint          n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  double         upper = gtk_adjustment_get_upper (adj);

  if (n == 0 || upper <= 0)
    return GTK_INVALID_LIST_POSITION;
  return MIN ((guint) (gtk_adjustment_get_value (adj) / (upper / n)), n - 1);
}

/* Shows @mask (NULL: every event) in the list if the target has it, keeping
 * the selected event (or the one at the top) in view. */
static void
use_mask (RemoraEventListView *self, RemoraEventMask *mask)
{
  guint  selected = remora_event_list_view_get_selected (self);
  guint  top, position;
  gint64 id = -1;

  if (mask != self->mask)
    {
      g_clear_pointer (&self->mask, remora_event_mask_unref);
      self->mask = mask ? remora_event_mask_ref (mask) : NULL;
    }
  if (self->list == NULL)
    return;
  top = remora_event_list_view_get_top_row (self);
  if (selected != GTK_INVALID_LIST_POSITION)
    id = remora_event_list_event_at (self->list, selected);
  else if (top != GTK_INVALID_LIST_POSITION)
    {
      /* from the first event at or after the top row */
      guint n = remora_event_list_get_n_rows (self->list);
      for (guint p = top; p < n && id < 0 && p < top + 64; p++)
        id = remora_event_list_event_at (self->list, p);
    }
  /* the rows keep their places (and their widgets) and take the events now
   * there: GTK 4.8 would destroy and make anew 200 rows of widgets, some
   * 30 ms, or look for the items it could keep among all the new rows (a
   * stall of seconds on millions of rows) */
  select_quietly (self, GTK_INVALID_LIST_POSITION);
  remora_event_list_set_mask (self->list,
                              self->target == REMORA_FILTER_TARGET_TIMELINE ? NULL : self->mask);
  update_count (self);
  /* the session holds the filter applied: the timeline watches it */
  if (self->session != NULL)
    remora_session_set_filter (self->session, self->filter, self->target, self->mask);
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
  /* the event (or the first kept after it) where it is now, before the
   * rows left blank at the end go, so that the rows' widgets move there
   * rather than going with them; rows added at the end come a few per frame
   * (all at once stalls the main loop about 70 ms), the event once they
   * have */
  self->reveal_after_growing = -1;
  start_growing (self, 0);
  if (id < 0 || remora_event_list_get_n_rows (self->list) == 0)
    {
      if (remora_event_list_get_n_rows (self->list) > 0)
        scroll_to (self, 0);
      return;
    }
  position = remora_event_list_position_of_event (self->list, id);
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->shown)))
    {
      self->reveal_after_growing = id;
      return;
    }
  scroll_to (self, position);
  if (selected != GTK_INVALID_LIST_POSITION &&
      remora_event_list_event_at (self->list, position) == id)
    select_quietly (self, position);
}

/* A filter the session holds that the list does not show (set elsewhere,
 * as a saved investigation would): the list takes it. */
static void
on_session_filter (RemoraSession *session, GParamSpec *pspec, RemoraEventListView *self)
{
  const RemoraFilter *filter = remora_session_get_filter (session);

  if (remora_session_get_filter_mask (session) == self->mask &&
      remora_session_get_filter_target (session) == self->target &&
      remora_filter_equal (filter, self->filter))
    return;
  stop_filtering (self);
  remora_filter_free (self->filter);
  self->filter = filter ? remora_filter_copy (filter) : remora_filter_new ();
  self->target = remora_session_get_filter_target (session);
  use_mask (self, remora_session_get_filter_mask (session));
}

static gboolean
show_found (gpointer data)
{
  RemoraEventListView *self = data;
  g_autoptr (RemoraEventMask) mask = g_steal_pointer (&self->found);

  self->found_id = 0;
  use_mask (self, mask);
  return G_SOURCE_REMOVE;
}

static void
on_filtered (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemoraEventListView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraEventMask) mask = NULL;
  RemoraFilterJob *job = g_task_get_task_data (G_TASK (result));

  mask = remora_filter_job_run_finish (job, result, &error);
  if (job != self->job)
    return; /* another was asked since */
  self->filter_us = g_get_monotonic_time () - self->filter_started_us;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_pointer (&self->job, remora_filter_job_unref);
  g_clear_object (&self->filtering);
  if (mask == NULL)
    {
      g_clear_pointer (&self->asked, remora_filter_free);
      show_filtering (self, FALSE);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (self->dialog != NULL)
        remora_filter_dialog_finish (self->dialog, error);
      else
        {
          g_free (self->filter_error);
          self->filter_error = g_strdup (error->message);
          update_count (self);
          gtk_widget_add_css_class (GTK_WIDGET (self->count), "error");
        }
      return;
    }
  remora_filter_free (self->filter);
  self->filter = g_steal_pointer (&self->asked);
  self->target = self->asked_target;
  show_filtering (self, FALSE);
  /* the old rows' widgets go (some 30 ms with GTK 4.8's 200 rows of them)
   * in a main-loop turn of their own, not after the other work of this one */
  g_clear_pointer (&self->found, remora_event_mask_unref);
  self->found = g_steal_pointer (&mask);
  g_clear_handle_id (&self->found_id, g_source_remove);
  self->found_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_found, self, NULL);
  if (self->dialog != NULL)
    remora_filter_dialog_finish (self->dialog, NULL);
}

/**
 * remora_event_list_view_apply_filter:
 * @self: a #RemoraEventListView
 * @filter: (nullable): what to keep, %NULL for everything
 * @target: what it applies to
 *
 * Finds the events @filter keeps on workers (the bar shows the progress
 * and a button to stop), then shows them; "filter-changed" says so. A
 * filter that fails (an expression that does not parse) changes nothing.
 */
void
remora_event_list_view_apply_filter (RemoraEventListView *self,
                                     const RemoraFilter  *filter,
                                     RemoraFilterTarget   target)
{
  g_return_if_fail (REMORA_IS_EVENT_LIST_VIEW (self));
  stop_filtering (self);
  g_clear_pointer (&self->filter_error, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self->count), "error");
  if (self->store == NULL)
    return;
  if (remora_filter_is_empty (filter))
    {
      remora_filter_free (self->filter);
      self->filter = remora_filter_new ();
      self->target = target;
      show_filtering (self, FALSE);
      use_mask (self, NULL);
      if (self->dialog != NULL)
        remora_filter_dialog_finish (self->dialog, NULL);
      return;
    }
  self->asked = remora_filter_copy (filter);
  self->asked_target = target;
  self->job = remora_filter_job_new (self->store, filter);
  self->filtering = g_cancellable_new ();
  self->filter_started_us = g_get_monotonic_time ();
  show_filtering (self, TRUE);
  self->progress_id = g_timeout_add (100, on_progress, self);
  remora_filter_job_run_async (self->job, self->filtering, on_filtered, g_object_ref (self));
}

/**
 * remora_event_list_view_get_mask:
 * @self: a #RemoraEventListView
 *
 * Returns: (transfer none) (nullable): what the filter applied keeps, %NULL
 *   when there is none.
 */
RemoraEventMask *
remora_event_list_view_get_mask (RemoraEventListView *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), NULL);
  return self->mask;
}

/**
 * remora_event_list_view_get_filter_target:
 * @self: a #RemoraEventListView
 *
 * Returns: what the filter applied applies to.
 */
RemoraFilterTarget
remora_event_list_view_get_filter_target (RemoraEventListView *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), REMORA_FILTER_TARGET_BOTH);
  return self->target;
}

/**
 * remora_event_list_view_get_filtering:
 * @self: a #RemoraEventListView
 *
 * Returns: whether a filter is being applied.
 */
gboolean
remora_event_list_view_get_filtering (RemoraEventListView *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), FALSE);
  return self->job != NULL || self->found_id != 0;
}

/**
 * remora_event_list_view_get_filter_time:
 * @self: a #RemoraEventListView
 *
 * Returns: how long the last filter took to apply, µs.
 */
gint64
remora_event_list_view_get_filter_time (RemoraEventListView *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), 0);
  return self->filter_us;
}

static void
on_dialog_apply (RemoraFilterDialog  *dialog,
                 RemoraFilter        *filter,
                 int                  target,
                 RemoraEventListView *self)
{
  /* the search in the bar goes with the dialog's parts */
  g_autoptr (RemoraFilter) f = remora_filter_copy (filter);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));

  g_free (f->text);
  f->text = text[0] ? g_strdup (text) : NULL;
  remora_event_list_view_apply_filter (self, f, (RemoraFilterTarget) target);
}

/**
 * remora_event_list_view_open_filters:
 * @self: a #RemoraEventListView
 *
 * Opens the dialog that chooses the CPUs, tasks, events and expression
 * shown.
 *
 * Returns: (transfer none) (nullable): the dialog.
 */
RemoraFilterDialog *
remora_event_list_view_open_filters (RemoraEventListView *self)
{
  GtkRoot *root;

  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), NULL);
  if (self->store == NULL)
    return NULL;
  if (self->dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->dialog));
      return self->dialog;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->dialog = remora_filter_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                           self->store, self->filter, self->target);
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  g_signal_connect_object (self->dialog, "apply", G_CALLBACK (on_dialog_apply), self, 0);
  gtk_window_present (GTK_WINDOW (self->dialog));
  return self->dialog;
}

/**
 * remora_event_list_view_focus_go_to:
 * @self: a #RemoraEventListView
 *
 * Gives the go-to entry the keyboard, its text selected to be typed over.
 */
void
remora_event_list_view_focus_go_to (RemoraEventListView *self)
{
  g_return_if_fail (REMORA_IS_EVENT_LIST_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->go_to));
  gtk_editable_select_region (GTK_EDITABLE (self->go_to), 0, -1);
}

/**
 * remora_event_list_view_focus_search:
 * @self: a #RemoraEventListView
 *
 * Moves the keyboard focus to the search of the events' info.
 */
void
remora_event_list_view_focus_search (RemoraEventListView *self)
{
  g_return_if_fail (REMORA_IS_EVENT_LIST_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search));
}

static void
on_search (GtkSearchEntry *entry, RemoraEventListView *self)
{
  g_autoptr (RemoraFilter) f = remora_filter_copy (self->filter);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_free (f->text);
  f->text = text[0] ? g_strdup (text) : NULL;
  if (remora_filter_equal (f, self->filter) && self->job == NULL)
    return;
  remora_event_list_view_apply_filter (self, f, self->target);
}

static void
on_open_filters (GtkButton *button, RemoraEventListView *self)
{
  remora_event_list_view_open_filters (self);
}

static void
on_clear_filter (GtkButton *button, RemoraEventListView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  remora_event_list_view_apply_filter (self, NULL, self->target);
}

static void
on_cancel_filter (GtkButton *button, RemoraEventListView *self)
{
  stop_filtering (self);
  show_filtering (self, FALSE);
}

/* Copy and export ---------------------------------------------------------- */

/* Copying more rows than this is refused: the clipboard is no place for
 * them (Export List as CSV is). */
#define COPY_MAX_ROWS 100000

static void
on_copied (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemoraEventListView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text =
      remora_event_list_copy_rows_finish (REMORA_EVENT_LIST (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->copying);
  if (text == NULL)
    {
      g_signal_emit (self, signals[NOTICE], 0, error->message, TRUE);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  g_signal_emit (self, signals[COPIED], 0);
}

static void
action_copy (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraEventListView *self = REMORA_EVENT_LIST_VIEW (widget);
  g_autoptr (GtkBitset) selected = NULL;
  g_autoptr (GArray) positions = NULL;
  GtkBitsetIter it;
  guint         p;
  guint64       n;

  if (self->list == NULL)
    return;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  n = gtk_bitset_get_size (selected);
  if (n == 0)
    return;
  if (n > COPY_MAX_ROWS)
    {
      g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
      g_autofree char *message = g_strdup_printf (
          /* Translators: %s is a number of rows (more than 100,000) */
          _ ("%s rows are too many to copy: Export List as CSV writes them to a file"), count);
      g_signal_emit (self, signals[NOTICE], 0, message, TRUE);
      return;
    }
  positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), (guint) n);
  for (gboolean ok = gtk_bitset_iter_init_first (&it, selected, &p); ok;
       ok = gtk_bitset_iter_next (&it, &p))
    g_array_append_val (positions, p);
  /* read (and decoded) off the UI thread: they may be far apart */
  g_cancellable_cancel (self->copying);
  g_clear_object (&self->copying);
  self->copying = g_cancellable_new ();
  remora_event_list_copy_rows_async (self->list, (const guint *) (void *) positions->data,
                                     positions->len, self->copying, on_copied, g_object_ref (self));
}

/**
 * remora_event_list_view_copy_selected:
 * @self: a #RemoraEventListView
 *
 * Puts the selected rows on the clipboard, one line each, as
 * `trace-cmd report -t` prints their events (read off the UI thread:
 * #RemoraEventListView::copied says when they are there).
 */
void
remora_event_list_view_copy_selected (RemoraEventListView *self)
{
  g_return_if_fail (REMORA_IS_EVENT_LIST_VIEW (self));
  action_copy (GTK_WIDGET (self), "list.copy", NULL);
}

static void
show_exporting (RemoraEventListView *self, gboolean running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->export_progress), running);
  gtk_widget_set_visible (self->export_cancel_button, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.export-csv",
                                 !running && self->store != NULL);
  if (running)
    gtk_progress_bar_set_fraction (self->export_progress, 0);
}

static void
stop_exporting (RemoraEventListView *self)
{
  g_cancellable_cancel (self->export_cancel);
  g_clear_object (&self->export_cancel);
  g_clear_pointer (&self->exporting, remora_csv_export_unref);
  g_clear_handle_id (&self->export_progress_id, g_source_remove);
  if (self->export_progress != NULL)
    show_exporting (self, FALSE);
}

static gboolean
on_export_progress (gpointer data)
{
  RemoraEventListView *self = data;

  if (self->exporting != NULL)
    gtk_progress_bar_set_fraction (self->export_progress,
                                   remora_csv_export_get_fraction (self->exporting));
  return G_SOURCE_CONTINUE;
}

/* An export in flight: the list, and the application held until the
 * file is whole or removed (a closed window cancels it). */
typedef struct
{
  RemoraEventListView *view;
  GApplication        *held;
} ExportCall;

static void
on_exported (GObject *object, GAsyncResult *result, gpointer user_data)
{
  ExportCall *call = user_data;
  g_autoptr (RemoraEventListView) self = call->view;
  RemoraCsvExport *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gint64           rows = remora_csv_export_run_finish (job, result, &error);
  g_autofree char *text = NULL;

  remora_application_release (call->held);
  g_free (call);

  if (job != self->exporting)
    return; /* stopped */
  if (rows < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      stop_exporting (self);
      return;
    }
  if (rows < 0)
    g_signal_emit (self, signals[NOTICE], 0, error->message, TRUE);
  else
    {
      g_autofree char *name = g_filename_display_name (remora_csv_export_get_path (job));
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Exported %'" G_GINT64_FORMAT " event to “%s”",
                                           "Exported %'" G_GINT64_FORMAT " events to “%s”", rows),
                              rows, name);
      g_signal_emit (self, signals[NOTICE], 0, text, FALSE);
    }
  stop_exporting (self);
}

/**
 * remora_event_list_view_export_csv:
 * @self: a #RemoraEventListView
 * @path: the file to write
 *
 * Writes the events the list shows (the filter's, or all) as CSV on a
 * worker, with progress and a stop button in the bar; "notice" says how
 * it ended.
 */
void
remora_event_list_view_export_csv (RemoraEventListView *self, const char *path)
{
  g_return_if_fail (REMORA_IS_EVENT_LIST_VIEW (self));
  stop_exporting (self);
  if (self->store == NULL)
    return;
  self->exporting = remora_csv_export_new (
      self->store, self->target == REMORA_FILTER_TARGET_TIMELINE ? NULL : self->mask, path);
  self->export_cancel = g_cancellable_new ();
  show_exporting (self, TRUE);
  self->export_progress_id = g_timeout_add (100, on_export_progress, self);
  {
    ExportCall *call = g_new0 (ExportCall, 1);

    call->view = g_object_ref (self);
    call->held = remora_application_hold_for (GTK_WIDGET (self));
    remora_csv_export_run_async (self->exporting, self->export_cancel, on_exported, call);
  }
}

/**
 * remora_event_list_view_get_exporting:
 * @self: a #RemoraEventListView
 *
 * Returns: whether an export runs.
 */
gboolean
remora_event_list_view_get_exporting (RemoraEventListView *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), FALSE);
  return self->exporting != NULL;
}

static void
on_export_response (GtkNativeDialog *dialog, int response, RemoraEventListView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        remora_event_list_view_export_csv (self, path);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
action_export_csv (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraEventListView  *self = REMORA_EVENT_LIST_VIEW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char      *base = NULL;
  g_autofree char      *name = NULL;
  GtkFileFilter        *csv;
  GtkRoot              *root = gtk_widget_get_root (widget);
  char                 *dot;

  if (self->store == NULL)
    return;
  base = g_path_get_basename (remora_store_get_info (self->store)->source_path);
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = 0;
  name = g_strconcat (base, "-events.csv", NULL);
  chooser = gtk_file_chooser_native_new (
      _ ("Export the List as CSV"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  csv = gtk_file_filter_new ();
  gtk_file_filter_set_name (csv, _ ("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  g_object_unref (csv);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_cancel_export (GtkButton *button, RemoraEventListView *self)
{
  stop_exporting (self);
}

/* Columns' choices, kept ---------------------------------------------------- */

static void
on_show_column (GSimpleAction *action, GVariant *state, RemoraEventListView *self)
{
  const char *name = g_action_get_name (G_ACTION (action));

  g_simple_action_set_state (action, state);
  for (int i = 0; i < N_COLS; i++)
    if (g_str_equal (name + strlen ("show-"), columns[i].key))
      gtk_column_view_column_set_visible (self->cols[i], g_variant_get_boolean (state));
}

static void
on_follows (GSimpleAction *action, GVariant *state, RemoraEventListView *self)
{
  g_simple_action_set_state (action, state);
  if (g_str_equal (g_action_get_name (G_ACTION (action)), "graph-follows"))
    self->graph_follows = g_variant_get_boolean (state);
  else
    self->list_follows = g_variant_get_boolean (state);
}

/**
 * remora_event_list_view_get_graph_follows:
 * @self: a #RemoraEventListView
 *
 * Returns: whether the timeline is to select the event of the row the user
 *   selects ("graph follows", the list's menu).
 */
gboolean
remora_event_list_view_get_graph_follows (RemoraEventListView *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), FALSE);
  return self->graph_follows;
}

/**
 * remora_event_list_view_get_list_follows:
 * @self: a #RemoraEventListView
 *
 * Returns: whether the list is to select the event selected on the
 *   timeline.
 */
gboolean
remora_event_list_view_get_list_follows (RemoraEventListView *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), FALSE);
  return self->list_follows;
}

static void
on_absolute (GSimpleAction *action, GVariant *state, RemoraEventListView *self)
{
  g_simple_action_set_state (action, state);
  self->absolute = g_variant_get_boolean (state);
  refresh_times (self);
}

/**
 * remora_event_list_view_load_state:
 * @self: a #RemoraEventListView
 * @kf: the window's kept state
 *
 * Shows the columns, widths and time origin that were kept.
 */
void
remora_event_list_view_load_state (RemoraEventListView *self, GKeyFile *kf)
{
  g_return_if_fail (REMORA_IS_EVENT_LIST_VIEW (self));
  for (int i = 0; i < N_COLS; i++)
    {
      g_autofree char *width_key = g_strconcat (columns[i].key, "-width", NULL);
      g_autofree char *shown_key = g_strconcat (columns[i].key, "-shown", NULL);
      g_autofree char *action = g_strconcat ("show-", columns[i].key, NULL);
      int              width = g_key_file_get_integer (kf, "list", width_key, NULL);

      if (width >= 20 && width <= 4096)
        gtk_column_view_column_set_fixed_width (self->cols[i], width);
      if (g_key_file_has_key (kf, "list", shown_key, NULL))
        g_action_group_change_action_state (
            G_ACTION_GROUP (self->actions), action,
            g_variant_new_boolean (g_key_file_get_boolean (kf, "list", shown_key, NULL)));
    }
  g_action_group_change_action_state (
      G_ACTION_GROUP (self->actions), "absolute-time",
      g_variant_new_boolean (g_key_file_get_boolean (kf, "list", "absolute-time", NULL)));
  for (guint i = 0; i < 2; i++)
    {
      const char *key = i == 0 ? "graph-follows" : "list-follows";
      if (g_key_file_has_key (kf, "list", key, NULL))
        g_action_group_change_action_state (
            G_ACTION_GROUP (self->actions), key,
            g_variant_new_boolean (g_key_file_get_boolean (kf, "list", key, NULL)));
    }
}

/**
 * remora_event_list_view_save_state:
 * @self: a #RemoraEventListView
 * @kf: the window's state, to keep
 */
void
remora_event_list_view_save_state (RemoraEventListView *self, GKeyFile *kf)
{
  g_return_if_fail (REMORA_IS_EVENT_LIST_VIEW (self));
  for (int i = 0; i < N_COLS; i++)
    {
      g_autofree char *width_key = g_strconcat (columns[i].key, "-width", NULL);
      g_autofree char *shown_key = g_strconcat (columns[i].key, "-shown", NULL);
      int              width = gtk_column_view_column_get_fixed_width (self->cols[i]);

      if (width > 0)
        g_key_file_set_integer (kf, "list", width_key, width);
      g_key_file_set_boolean (kf, "list", shown_key,
                              gtk_column_view_column_get_visible (self->cols[i]));
    }
  g_key_file_set_boolean (kf, "list", "absolute-time", self->absolute);
  g_key_file_set_boolean (kf, "list", "graph-follows", self->graph_follows);
  g_key_file_set_boolean (kf, "list", "list-follows", self->list_follows);
}

/* GObject ---------------------------------------------------------------------- */

GtkWidget *
remora_event_list_view_new (void)
{
  return g_object_new (REMORA_TYPE_EVENT_LIST_VIEW, NULL);
}

static GMenuModel *
make_menu (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *shown = g_menu_new ();
  GMenu *times = g_menu_new ();
  GMenu *out = g_menu_new ();

  for (int i = 0; i < N_COLS; i++)
    {
      g_autofree char *action = g_strconcat ("list.show-", columns[i].key, NULL);
      /* the "#" column is named in words in the menu */
      g_menu_append (shown, i == COL_NUMBER ? _ ("Event Number") : _ (columns[i].title), action);
    }
  g_menu_append (times, _ ("Absolute Times"), "list.absolute-time");
  g_menu_append (times, _ ("Timeline Follows the List"), "list.graph-follows");
  g_menu_append (times, _ ("List Follows the Timeline"), "list.list-follows");
  g_menu_append (out, _ ("Copy Selected Events"), "list.copy");
  g_menu_append (out, _ ("Export List as CSV…"), "list.export-csv");
  g_menu_append_section (menu, _ ("Columns"), G_MENU_MODEL (shown));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (times));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (out));
  g_object_unref (out);
  g_object_unref (shown);
  g_object_unref (times);
  return G_MENU_MODEL (menu);
}

static void
remora_event_list_view_dispose (GObject *object)
{
  RemoraEventListView *self = REMORA_EVENT_LIST_VIEW (object);
  GtkWidget           *child;

  remora_event_list_view_set_session (self, NULL);
  remora_event_list_view_set_store (self, NULL);
  g_clear_object (&self->session_signals);
  stop_exporting (self);
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  if (self->keys_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->keys_tick);
  self->keys_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), REMORA_TYPE_EVENT_LIST_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->time_labels, g_hash_table_unref);
  g_clear_pointer (&self->filter, remora_filter_free);
  G_OBJECT_CLASS (remora_event_list_view_parent_class)->dispose (object);
}

static void
remora_event_list_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RemoraEventListView *self = REMORA_EVENT_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_event_list_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RemoraEventListView *self = REMORA_EVENT_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      remora_event_list_view_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_event_list_view_class_init (RemoraEventListViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_event_list_view_dispose;
  object_class->get_property = remora_event_list_view_get_property;
  object_class->set_property = remora_event_list_view_set_property;
  properties[PROP_SESSION] =
      g_param_spec_object ("session", NULL, NULL, REMORA_TYPE_SESSION,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /**
   * RemoraEventListView::filter-changed:
   * @self: the view
   *
   * A filter was applied or cleared: remora_event_list_view_get_mask().
   */
  signals[FILTER_CHANGED] = g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RemoraEventListView::notice:
   * @self: the view
   * @message: what happened
   * @error: whether it is a failure
   *
   * Something to tell the user: how an export ended.
   */
  signals[NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /**
   * RemoraEventListView::copied:
   * @self: the view
   *
   * The selected rows are on the clipboard.
   */
  signals[COPIED] = g_signal_new ("copied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "list.copy", NULL, action_copy);
  gtk_widget_class_install_action (widget_class, "list.export-csv", NULL, action_export_csv);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "list.copy",
                                       NULL);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/remora/Remora/remora-event-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RemoraEventListView, bar);
  gtk_widget_class_bind_template_child (widget_class, RemoraEventListView, go_to);
  gtk_widget_class_bind_template_child (widget_class, RemoraEventListView, alike);
  gtk_widget_class_bind_template_child (widget_class, RemoraEventListView, search);
  gtk_widget_class_bind_template_child (widget_class, RemoraEventListView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, RemoraEventListView, progress);
  gtk_widget_class_bind_template_child (widget_class, RemoraEventListView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RemoraEventListView, export_progress);
  gtk_widget_class_bind_template_child (widget_class, RemoraEventListView, export_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RemoraEventListView, count);
  gtk_widget_class_bind_template_child (widget_class, RemoraEventListView, clear_button);
  gtk_widget_class_bind_template_child (widget_class, RemoraEventListView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RemoraEventListView, scrolled);
  gtk_widget_class_bind_template_callback (widget_class, on_go_to);
  gtk_widget_class_bind_template_callback (widget_class, on_step_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_step_next);
  gtk_widget_class_bind_template_callback (widget_class, on_search);
  gtk_widget_class_bind_template_callback (widget_class, on_open_filters);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_filter);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_export);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filter);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "remora-event-list");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
remora_event_list_view_init (RemoraEventListView *self)
{
  g_autoptr (GMenuModel) menu = make_menu ();

  self->time_labels = g_hash_table_new (NULL, NULL);
  self->reveal_after_growing = -1;
  gtk_orientable_set_orientation (
      GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = remora_filter_new ();
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), menu);

  /* the rows */
  self->shown = gtk_slice_list_model_new (NULL, 0, 0);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  self->primary = GTK_INVALID_LIST_POSITION;
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  self->view =
      GTK_COLUMN_VIEW (gtk_column_view_new (g_object_ref (GTK_SELECTION_MODEL (self->selection))));
  gtk_column_view_set_reorderable (self->view, FALSE);
  gtk_column_view_set_show_column_separators (self->view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Events"), -1);
  self->actions = g_simple_action_group_new ();
  for (int i = 0; i < N_COLS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autofree char    *name = g_strconcat ("show-", columns[i].key, NULL);
      g_autoptr (GSimpleAction) action =
          g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (columns[i].shown));

      g_object_set_data (G_OBJECT (factory), "remora-column", GINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (on_setup), self);
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), self);
      self->cols[i] = gtk_column_view_column_new (_ (columns[i].title), factory);
      gtk_column_view_column_set_resizable (self->cols[i], TRUE);
      gtk_column_view_column_set_fixed_width (self->cols[i], columns[i].width);
      gtk_column_view_column_set_expand (self->cols[i], i == COL_INFO);
      gtk_column_view_column_set_header_menu (self->cols[i], menu);
      gtk_column_view_append_column (self->view, self->cols[i]);
      g_object_unref (self->cols[i]); /* the view holds it */
      g_signal_connect (action, "change-state", G_CALLBACK (on_show_column), self);
      g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
    }
  {
    g_autoptr (GSimpleAction) action =
        g_simple_action_new_stateful ("absolute-time", NULL, g_variant_new_boolean (FALSE));
    g_signal_connect (action, "change-state", G_CALLBACK (on_absolute), self);
    g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
  }
  self->graph_follows = self->list_follows = TRUE;
  self->session_signals = g_signal_group_new (REMORA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::selection",
                                 G_CALLBACK (on_session_selection), self, 0);
  g_signal_group_connect_object (self->session_signals, "notify::filter",
                                 G_CALLBACK (on_session_filter), self, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GSimpleAction) action = g_simple_action_new_stateful (
          i == 0 ? "graph-follows" : "list-follows", NULL, g_variant_new_boolean (TRUE));
      g_signal_connect (action, "change-state", G_CALLBACK (on_follows), self);
      g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "list", G_ACTION_GROUP (self->actions));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->view));
  self->pending_scroll = GTK_INVALID_LIST_POSITION;
  g_signal_connect (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled)),
                    "changed", G_CALLBACK (on_adjustment_changed), self);
  show_exporting (self, FALSE);
}
