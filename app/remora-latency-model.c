/* remora-latency-model.c: a latency table's pairs in an order, as a list
 * model for a column view: an item is made only for a row on screen, so a
 * table of a million pairs costs the rows shown. The order comes sorted
 * from a worker.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-latency-model.h"

struct _RemoraLatencyItem
{
  GObject             parent_instance;
  RemoraLatencyTable *table;
  guint               index;
};

G_DEFINE_FINAL_TYPE (RemoraLatencyItem, remora_latency_item, G_TYPE_OBJECT)

static void
remora_latency_item_finalize (GObject *object)
{
  g_clear_pointer (&REMORA_LATENCY_ITEM (object)->table, remora_latency_table_unref);
  G_OBJECT_CLASS (remora_latency_item_parent_class)->finalize (object);
}

static void
remora_latency_item_class_init (RemoraLatencyItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = remora_latency_item_finalize;
}

static void
remora_latency_item_init (RemoraLatencyItem *self)
{
}

const RemoraLatencyTable *
remora_latency_item_get_table (RemoraLatencyItem *self)
{
  return self->table;
}

/**
 * remora_latency_item_get_index:
 * @self: an item
 *
 * Returns: its pair's index in its table.
 */
guint
remora_latency_item_get_index (RemoraLatencyItem *self)
{
  return self->index;
}

struct _RemoraLatencyModel
{
  GObject             parent_instance;
  RemoraLatencyTable *table;
  GArray             *rows;  /* guint: the pairs, in the order shown */
  GArray             *where; /* int: each pair's position, or -1; made when asked */
};

static GType
get_item_type (GListModel *list)
{
  return REMORA_TYPE_LATENCY_ITEM;
}

static guint
get_n_items (GListModel *list)
{
  RemoraLatencyModel *self = REMORA_LATENCY_MODEL (list);
  return self->rows ? self->rows->len : 0;
}

static gpointer
get_item (GListModel *list, guint position)
{
  RemoraLatencyModel *self = REMORA_LATENCY_MODEL (list);
  RemoraLatencyItem  *item;

  if (self->rows == NULL || position >= self->rows->len)
    return NULL;
  item = g_object_new (REMORA_TYPE_LATENCY_ITEM, NULL);
  item->table = remora_latency_table_ref (self->table);
  item->index = g_array_index (self->rows, guint, position);
  return item;
}

static void
list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (RemoraLatencyModel,
                               remora_latency_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_init))

static void
remora_latency_model_finalize (GObject *object)
{
  RemoraLatencyModel *self = REMORA_LATENCY_MODEL (object);

  g_clear_pointer (&self->table, remora_latency_table_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->where, g_array_unref);
  G_OBJECT_CLASS (remora_latency_model_parent_class)->finalize (object);
}

static void
remora_latency_model_class_init (RemoraLatencyModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = remora_latency_model_finalize;
}

static void
remora_latency_model_init (RemoraLatencyModel *self)
{
}

RemoraLatencyModel *
remora_latency_model_new (void)
{
  return g_object_new (REMORA_TYPE_LATENCY_MODEL, NULL);
}

/**
 * remora_latency_model_set:
 * @self: a model
 * @table: (nullable): the pairs
 * @rows: (transfer full) (nullable) (element-type guint): those shown, in
 *   order
 */
void
remora_latency_model_set (RemoraLatencyModel *self, RemoraLatencyTable *table, GArray *rows)
{
  guint before = get_n_items (G_LIST_MODEL (self));

  if (table)
    remora_latency_table_ref (table);
  g_clear_pointer (&self->table, remora_latency_table_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->where, g_array_unref);
  self->table = table;
  self->rows = table ? rows : (rows ? (g_array_unref (rows), NULL) : NULL);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, before, get_n_items (G_LIST_MODEL (self)));
}

/**
 * remora_latency_model_get_index:
 * @self: a model
 * @position: a row
 *
 * Returns: the row's pair (its index in the table), or -1.
 */
gint64
remora_latency_model_get_index (RemoraLatencyModel *self, guint position)
{
  if (self->rows == NULL || position >= self->rows->len)
    return -1;
  return g_array_index (self->rows, guint, position);
}

/**
 * remora_latency_model_find:
 * @self: a model
 * @index: a pair of its table
 *
 * Returns: the row that shows it, or %GTK_INVALID_LIST_POSITION.
 */
guint
remora_latency_model_find (RemoraLatencyModel *self, guint index)
{
  if (self->rows == NULL)
    return G_MAXUINT;
  if (self->where == NULL)
    {
      guint n = remora_latency_table_get_n (self->table);

      self->where = g_array_sized_new (FALSE, FALSE, sizeof (int), n);
      g_array_set_size (self->where, n);
      for (guint i = 0; i < n; i++)
        g_array_index (self->where, int, i) = -1;
      for (guint k = 0; k < self->rows->len; k++)
        g_array_index (self->where, int, g_array_index (self->rows, guint, k)) = (int) k;
    }
  if (index >= self->where->len || g_array_index (self->where, int, index) < 0)
    return G_MAXUINT;
  return (guint) g_array_index (self->where, int, index);
}

/**
 * remora_latency_model_get_rows:
 * @self: a model
 *
 * Returns: (transfer none) (element-type guint): the pairs shown, in order.
 */
GArray *
remora_latency_model_get_rows (RemoraLatencyModel *self)
{
  if (self->rows == NULL)
    self->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  return self->rows;
}
