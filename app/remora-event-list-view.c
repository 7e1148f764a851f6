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
#include "remora-event-list-view-private.h"

G_DEFINE_FINAL_TYPE (RemoraEventListView, remora_event_list_view, GTK_TYPE_WIDGET)

guint _remora_event_list_view_signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
void
_remora_event_list_view_select_quietly (RemoraEventListView *self, guint position)
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
  _remora_event_list_view_show_all_rows (self);
  _remora_event_list_view_scroll_to (self, position);
  _remora_event_list_view_select_quietly (self, position);
  follow (self, position);
  if (self->keys_to_row)
    _remora_event_list_view_give_keys_to_row (self);
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
  _remora_event_list_view_show_all_rows (self);
  _remora_event_list_view_scroll_to (self, position);
  _remora_event_list_view_select_quietly (self, position);
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

/* The list --------------------------------------------------------------- */

void
_remora_event_list_view_update_count (RemoraEventListView *self)
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

static void
on_found_start (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemoraEventListView) self = user_data;
  guint position = remora_event_list_find_time_finish (REMORA_EVENT_LIST (object), result, NULL);

  if (position == G_MAXUINT || REMORA_EVENT_LIST (object) != self->list ||
      remora_event_list_view_get_selected (self) != GTK_INVALID_LIST_POSITION)
    return;
  _remora_event_list_view_show_all_rows (self);
  _remora_event_list_view_scroll_to (self, position);
}

static void
on_ready (RemoraEventList *list, GParamSpec *pspec, RemoraEventListView *self)
{
  _remora_event_list_view_update_count (self);
  _remora_event_list_view_stop_growing (self);
  _remora_event_list_view_start_growing (self, 1);
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
  /* the list's kept choice is the new session's */
  if (session != NULL)
    {
      remora_session_set_absolute_time (session, self->absolute);
      remora_session_set_follows (session, REMORA_FOLLOW_TIMELINE, self->graph_follows);
      remora_session_set_follows (session, REMORA_FOLLOW_LIST, self->list_follows);
    }
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
  _remora_event_list_view_stop_filtering (self);
  _remora_event_list_view_stop_exporting (self);
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
  _remora_event_list_view_stop_growing (self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      self->list = remora_event_list_new (store);
      g_signal_connect (self->list, "notify::ready", G_CALLBACK (on_ready), self);
    }
  gtk_slice_list_model_set_size (self->shown, 0);
  gtk_slice_list_model_set_model (self->shown, G_LIST_MODEL (self->list));
  _remora_event_list_view_update_count (self);
  _remora_event_list_view_show_filtering (self, FALSE);
  _remora_event_list_view_show_exporting (self, FALSE);
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

/* Columns' choices, kept ---------------------------------------------------- */

static void
on_show_column (GSimpleAction *action, GVariant *state, RemoraEventListView *self)
{
  const char *name = g_action_get_name (G_ACTION (action));

  g_simple_action_set_state (action, state);
  for (int i = 0; i < N_COLS; i++)
    if (g_str_equal (name + strlen ("show-"), _remora_event_list_columns[i].key))
      gtk_column_view_column_set_visible (self->cols[i], g_variant_get_boolean (state));
}

static void
on_follows (GSimpleAction *action, GVariant *state, RemoraEventListView *self)
{
  RemoraFollow follow = g_str_equal (g_action_get_name (G_ACTION (action)), "graph-follows")
                            ? REMORA_FOLLOW_TIMELINE
                            : REMORA_FOLLOW_LIST;

  g_simple_action_set_state (action, state);
  if (follow == REMORA_FOLLOW_TIMELINE)
    self->graph_follows = g_variant_get_boolean (state);
  else
    self->list_follows = g_variant_get_boolean (state);
  /* display toggles of the session */
  if (self->session != NULL)
    remora_session_set_follows (self->session, follow, g_variant_get_boolean (state));
}

/* The session's toggles, set elsewhere: the menu's items follow. */
static void
on_session_follows (RemoraSession *session, GParamSpec *pspec, RemoraEventListView *self)
{
  for (guint i = 0; i < REMORA_N_FOLLOWS; i++)
    {
      gboolean on = remora_session_get_follows (session, i);
      gboolean now = i == REMORA_FOLLOW_TIMELINE ? self->graph_follows : self->list_follows;

      if (!on != !now)
        g_action_group_change_action_state (G_ACTION_GROUP (self->actions),
                                            i == REMORA_FOLLOW_TIMELINE ? "graph-follows"
                                                                        : "list-follows",
                                            g_variant_new_boolean (on));
    }
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
  _remora_event_list_view_refresh_times (self);
  /* a display toggle of the session: the timeline's axis follows */
  if (self->session != NULL)
    remora_session_set_absolute_time (self->session, self->absolute);
}

/**
 * remora_event_list_view_get_absolute_time:
 * @self: a #RemoraEventListView
 *
 * Returns: whether the list shows times as recorded.
 */
gboolean
remora_event_list_view_get_absolute_time (RemoraEventListView *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST_VIEW (self), FALSE);
  return self->absolute;
}

/* The session's toggle, set elsewhere: the menu's item and the times follow. */
static void
on_session_absolute (RemoraSession *session, GParamSpec *pspec, RemoraEventListView *self)
{
  gboolean absolute = remora_session_get_absolute_time (session);

  if (!absolute != !self->absolute)
    g_action_group_change_action_state (G_ACTION_GROUP (self->actions), "absolute-time",
                                        g_variant_new_boolean (absolute));
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
      g_autofree char *width_key = g_strconcat (_remora_event_list_columns[i].key, "-width", NULL);
      g_autofree char *shown_key = g_strconcat (_remora_event_list_columns[i].key, "-shown", NULL);
      g_autofree char *action = g_strconcat ("show-", _remora_event_list_columns[i].key, NULL);
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
      g_autofree char *width_key = g_strconcat (_remora_event_list_columns[i].key, "-width", NULL);
      g_autofree char *shown_key = g_strconcat (_remora_event_list_columns[i].key, "-shown", NULL);
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
      g_autofree char *action = g_strconcat ("list.show-", _remora_event_list_columns[i].key, NULL);
      /* the "#" column is named in words in the menu */
      g_menu_append (shown,
                     i == COL_NUMBER ? _ ("Event Number") : _ (_remora_event_list_columns[i].title),
                     action);
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
  _remora_event_list_view_stop_exporting (self);
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
  _remora_event_list_view_signals[FILTER_CHANGED] =
      g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 0);
  /**
   * RemoraEventListView::notice:
   * @self: the view
   * @message: what happened
   * @error: whether it is a failure
   *
   * Something to tell the user: how an export ended.
   */
  _remora_event_list_view_signals[NOTICE] =
      g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /**
   * RemoraEventListView::copied:
   * @self: the view
   *
   * The selected rows are on the clipboard.
   */
  _remora_event_list_view_signals[COPIED] = g_signal_new (
      "copied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "list.copy", NULL,
                                   _remora_event_list_view_action_copy);
  gtk_widget_class_install_action (widget_class, "list.export-csv", NULL,
                                   _remora_event_list_view_action_export_csv);
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
  gtk_widget_class_bind_template_callback_full (widget_class, "on_go_to",
                                                G_CALLBACK (_remora_event_list_view_on_go_to));
  gtk_widget_class_bind_template_callback_full (
      widget_class, "on_step_previous", G_CALLBACK (_remora_event_list_view_on_step_previous));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_step_next",
                                                G_CALLBACK (_remora_event_list_view_on_step_next));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search",
                                                G_CALLBACK (_remora_event_list_view_on_search));
  gtk_widget_class_bind_template_callback_full (
      widget_class, "on_open_filters", G_CALLBACK (_remora_event_list_view_on_open_filters));
  gtk_widget_class_bind_template_callback_full (
      widget_class, "on_cancel_filter", G_CALLBACK (_remora_event_list_view_on_cancel_filter));
  gtk_widget_class_bind_template_callback_full (
      widget_class, "on_cancel_export", G_CALLBACK (_remora_event_list_view_on_cancel_export));
  gtk_widget_class_bind_template_callback_full (
      widget_class, "on_clear_filter", G_CALLBACK (_remora_event_list_view_on_clear_filter));
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
      GtkListItemFactory *factory = _remora_event_list_view_make_factory (self, i);
      g_autofree char    *name = g_strconcat ("show-", _remora_event_list_columns[i].key, NULL);
      g_autoptr (GSimpleAction) action = g_simple_action_new_stateful (
          name, NULL, g_variant_new_boolean (_remora_event_list_columns[i].shown));

      self->cols[i] = gtk_column_view_column_new (_ (_remora_event_list_columns[i].title), factory);
      gtk_column_view_column_set_resizable (self->cols[i], TRUE);
      gtk_column_view_column_set_fixed_width (self->cols[i], _remora_event_list_columns[i].width);
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
                                 G_CALLBACK (_remora_event_list_view_on_session_filter), self, 0);
  g_signal_group_connect_object (self->session_signals, "notify::absolute-time",
                                 G_CALLBACK (on_session_absolute), self, 0);
  g_signal_group_connect_object (self->session_signals, "notify::follows",
                                 G_CALLBACK (on_session_follows), self, 0);
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
                    "changed", G_CALLBACK (_remora_event_list_view_on_adjustment_changed), self);
  _remora_event_list_view_show_exporting (self, FALSE);
}
