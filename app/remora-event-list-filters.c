/* remora-event-list-filters.c: the event list's filters: the search and the
 * filter dialog's choices run as a RemoraFilterJob off the UI thread, with
 * progress and a stop button in the bar; what it keeps is shown keeping the
 * selected event in view, and given to the session (which the timeline
 * watches); a filter the session is given from elsewhere is taken.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "remora-application.h"
#include "remora-event-list-view-private.h"

/* Filters ------------------------------------------------------------------ */

void
_remora_event_list_view_show_filtering (RemoraEventListView *self, gboolean running)
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

void
_remora_event_list_view_stop_filtering (RemoraEventListView *self)
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
  _remora_event_list_view_select_quietly (self, GTK_INVALID_LIST_POSITION);
  remora_event_list_set_mask (self->list,
                              self->target == REMORA_FILTER_TARGET_TIMELINE ? NULL : self->mask);
  _remora_event_list_view_update_count (self);
  /* the session holds the filter applied: the timeline watches it */
  if (self->session != NULL)
    remora_session_set_filter (self->session, self->filter, self->target, self->mask);
  g_signal_emit (self, _remora_event_list_view_signals[FILTER_CHANGED], 0);
  /* the event (or the first kept after it) where it is now, before the
   * rows left blank at the end go, so that the rows' widgets move there
   * rather than going with them; rows added at the end come a few per frame
   * (all at once stalls the main loop about 70 ms), the event once they
   * have */
  self->reveal_after_growing = -1;
  _remora_event_list_view_start_growing (self, 0);
  if (id < 0 || remora_event_list_get_n_rows (self->list) == 0)
    {
      if (remora_event_list_get_n_rows (self->list) > 0)
        _remora_event_list_view_scroll_to (self, 0);
      return;
    }
  position = remora_event_list_position_of_event (self->list, id);
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->shown)))
    {
      self->reveal_after_growing = id;
      return;
    }
  _remora_event_list_view_scroll_to (self, position);
  if (selected != GTK_INVALID_LIST_POSITION &&
      remora_event_list_event_at (self->list, position) == id)
    _remora_event_list_view_select_quietly (self, position);
}

/* A filter the session holds that the list does not show (set elsewhere,
 * as a saved investigation would): the list takes it. */
void
_remora_event_list_view_on_session_filter (RemoraSession       *session,
                                           GParamSpec          *pspec,
                                           RemoraEventListView *self)
{
  const RemoraFilter *filter = remora_session_get_filter (session);

  if (remora_session_get_filter_mask (session) == self->mask &&
      remora_session_get_filter_target (session) == self->target &&
      remora_filter_equal (filter, self->filter))
    return;
  _remora_event_list_view_stop_filtering (self);
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
      _remora_event_list_view_show_filtering (self, FALSE);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (self->dialog != NULL)
        remora_filter_dialog_finish (self->dialog, error);
      else
        {
          g_free (self->filter_error);
          self->filter_error = g_strdup (error->message);
          _remora_event_list_view_update_count (self);
          gtk_widget_add_css_class (GTK_WIDGET (self->count), "error");
        }
      return;
    }
  remora_filter_free (self->filter);
  self->filter = g_steal_pointer (&self->asked);
  self->target = self->asked_target;
  _remora_event_list_view_show_filtering (self, FALSE);
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
  _remora_event_list_view_stop_filtering (self);
  g_clear_pointer (&self->filter_error, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self->count), "error");
  if (self->store == NULL)
    return;
  if (remora_filter_is_empty (filter))
    {
      remora_filter_free (self->filter);
      self->filter = remora_filter_new ();
      self->target = target;
      _remora_event_list_view_show_filtering (self, FALSE);
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
  _remora_event_list_view_show_filtering (self, TRUE);
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
  /* a display toggle of the session: the timeline greys or hides */
  if (self->session != NULL)
    remora_session_set_hide_left_out (self->session,
                                      remora_filter_dialog_get_hide_left_out (dialog));
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
  if (self->session != NULL)
    remora_filter_dialog_set_hide_left_out (self->dialog,
                                            remora_session_get_hide_left_out (self->session));
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

void
_remora_event_list_view_on_search (GtkSearchEntry *entry, RemoraEventListView *self)
{
  g_autoptr (RemoraFilter) f = remora_filter_copy (self->filter);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_free (f->text);
  f->text = text[0] ? g_strdup (text) : NULL;
  if (remora_filter_equal (f, self->filter) && self->job == NULL)
    return;
  remora_event_list_view_apply_filter (self, f, self->target);
}

void
_remora_event_list_view_on_open_filters (GtkButton *button, RemoraEventListView *self)
{
  remora_event_list_view_open_filters (self);
}

void
_remora_event_list_view_on_clear_filter (GtkButton *button, RemoraEventListView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  remora_event_list_view_apply_filter (self, NULL, self->target);
}

void
_remora_event_list_view_on_cancel_filter (GtkButton *button, RemoraEventListView *self)
{
  _remora_event_list_view_stop_filtering (self);
  _remora_event_list_view_show_filtering (self, FALSE);
}
