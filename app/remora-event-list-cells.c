/* remora-event-list-cells.c: the event list's cells: each column's text of
 * an event, filled when its page has been read
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "remora-cell.h"
#include "remora-event-list-view-private.h"

const ColumnInfo _remora_event_list_columns[N_COLS] = {
  { "number", N_ ("#"), 70, TRUE, TRUE },         { "time", N_ ("Time"), 110, TRUE, TRUE },
  { "cpu", N_ ("CPU"), 44, TRUE, TRUE },          { "task", N_ ("Task"), 130, FALSE, TRUE },
  { "pid", N_ ("PID"), 60, TRUE, TRUE },          { "event", N_ ("Event"), 150, FALSE, TRUE },
  { "latency", N_ ("Latency"), 64, FALSE, TRUE }, { "info", N_ ("Info"), 500, FALSE, TRUE },
};

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
  GtkWidget *label = remora_cell_new (_remora_event_list_columns[col].numeric ? 1.0 : 0.0);

  if (_remora_event_list_columns[col].numeric)
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

void
_remora_event_list_view_refresh_times (RemoraEventListView *self)
{
  GHashTableIter it;
  gpointer       label, item;

  g_hash_table_iter_init (&it, self->time_labels);
  while (g_hash_table_iter_next (&it, &label, &item))
    update_cell (self, label, item, COL_TIME);
}

/* The factory of the cells of column @col. */
GtkListItemFactory *
_remora_event_list_view_make_factory (RemoraEventListView *self, Column col)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "remora-column", GINT_TO_POINTER (col));
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), self);
  return factory;
}
