/* remora-event-list-goto.c: the event list's go-to entry (a time from the
 * trace's start, an absolute one or an event number: found off the UI
 * thread, the row selected and given the keys) and the next and previous
 * event alike (of the same name, task or CPU as the selected one).
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "remora-event-list-view-private.h"

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

void
_remora_event_list_view_on_go_to (GtkEntry *entry, RemoraEventListView *self)
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

void
_remora_event_list_view_on_step_previous (GtkButton *button, RemoraEventListView *self)
{
  remora_event_list_view_step (self, remora_event_list_view_get_alike (self), FALSE);
}

void
_remora_event_list_view_on_step_next (GtkButton *button, RemoraEventListView *self)
{
  remora_event_list_view_step (self, remora_event_list_view_get_alike (self), TRUE);
}
