/* remora-event-list-export.c: the event list's rows copied (the selected
 * ones, read off the UI thread, up to 100,000) and exported as CSV (every
 * row the list shows, with progress and a stop button in the bar).
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "remora-event-list-view-private.h"
#include "remora-hold.h"

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
      g_signal_emit (self, _remora_event_list_view_signals[NOTICE], 0, error->message, TRUE);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  g_signal_emit (self, _remora_event_list_view_signals[COPIED], 0);
}

void
_remora_event_list_view_action_copy (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
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
      g_signal_emit (self, _remora_event_list_view_signals[NOTICE], 0, message, TRUE);
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
  _remora_event_list_view_action_copy (GTK_WIDGET (self), "list.copy", NULL);
}

void
_remora_event_list_view_show_exporting (RemoraEventListView *self, gboolean running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->export_progress), running);
  gtk_widget_set_visible (self->export_cancel_button, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.export-csv",
                                 !running && self->store != NULL);
  if (running)
    gtk_progress_bar_set_fraction (self->export_progress, 0);
}

void
_remora_event_list_view_stop_exporting (RemoraEventListView *self)
{
  g_cancellable_cancel (self->export_cancel);
  g_clear_object (&self->export_cancel);
  g_clear_pointer (&self->exporting, remora_csv_export_unref);
  g_clear_handle_id (&self->export_progress_id, g_source_remove);
  if (self->export_progress != NULL)
    _remora_event_list_view_show_exporting (self, FALSE);
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
      _remora_event_list_view_stop_exporting (self);
      return;
    }
  if (rows < 0)
    g_signal_emit (self, _remora_event_list_view_signals[NOTICE], 0, error->message, TRUE);
  else
    {
      g_autofree char *name = g_filename_display_name (remora_csv_export_get_path (job));
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Exported %'" G_GINT64_FORMAT " event to “%s”",
                                           "Exported %'" G_GINT64_FORMAT " events to “%s”", rows),
                              rows, name);
      g_signal_emit (self, _remora_event_list_view_signals[NOTICE], 0, text, FALSE);
    }
  _remora_event_list_view_stop_exporting (self);
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
  _remora_event_list_view_stop_exporting (self);
  if (self->store == NULL)
    return;
  self->exporting = remora_csv_export_new (
      self->store, self->target == REMORA_FILTER_TARGET_TIMELINE ? NULL : self->mask, path);
  self->export_cancel = g_cancellable_new ();
  _remora_event_list_view_show_exporting (self, TRUE);
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

void
_remora_event_list_view_action_export_csv (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
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

void
_remora_event_list_view_on_cancel_export (GtkButton *button, RemoraEventListView *self)
{
  _remora_event_list_view_stop_exporting (self);
}
