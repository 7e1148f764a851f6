/* remora-latency-model.c: a latency table's pairs in an order, as a list
 * model for a column view: an item is made only for a row on screen, so a
 * table of a million pairs costs the rows shown. The order comes sorted
 * from a worker.
 *
 * A new order or a new choice of pairs keeps the items alive (those of the
 * rows on screen, a few hundred at most): each is pointed at its position's
 * new pair and says so (notify::index), and its cells show the new text;
 * only the rows past the shorter of the two lists are said gone or come.
 * Telling a GTK 4.8 column view that every row was replaced makes it throw
 * away and build again the widgets of its 200 rows kept (150 to 250 ms on
 * the main thread); a new model given to it does the same.
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
  guint               position;
  RemoraLatencyModel *model; /* (weak): it forgets the item when it goes */
};

enum
{
  ITEM_PROP_0,
  ITEM_PROP_INDEX,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

G_DEFINE_FINAL_TYPE (RemoraLatencyItem, remora_latency_item, G_TYPE_OBJECT)

struct _RemoraLatencyModel
{
  GObject             parent_instance;
  RemoraLatencyTable *table;
  GArray             *rows;  /* guint: the pairs, in the order shown */
  GArray             *where; /* int: each pair's position, or -1; made when asked */
  GHashTable         *live;  /* position -> RemoraLatencyItem alive (not owned) */
  guint               limit; /* how many rows are said to be there (see _grow()) */
};

static void
remora_latency_item_dispose (GObject *object)
{
  RemoraLatencyItem *self = REMORA_LATENCY_ITEM (object);

  if (self->model != NULL &&
      g_hash_table_lookup (self->model->live, GUINT_TO_POINTER (self->position)) == self)
    g_hash_table_remove (self->model->live, GUINT_TO_POINTER (self->position));
  self->model = NULL;
  G_OBJECT_CLASS (remora_latency_item_parent_class)->dispose (object);
}

static void
remora_latency_item_finalize (GObject *object)
{
  g_clear_pointer (&REMORA_LATENCY_ITEM (object)->table, remora_latency_table_unref);
  G_OBJECT_CLASS (remora_latency_item_parent_class)->finalize (object);
}

static void
remora_latency_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case ITEM_PROP_INDEX:
      g_value_set_uint (value, REMORA_LATENCY_ITEM (object)->index);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_latency_item_class_init (RemoraLatencyItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = remora_latency_item_dispose;
  object_class->finalize = remora_latency_item_finalize;
  object_class->get_property = remora_latency_item_get_property;
  /* the pair it shows: it changes when the rows are ordered anew */
  item_properties[ITEM_PROP_INDEX] =
      g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
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
 * Returns: its pair's index in its table (#RemoraLatencyItem:index).
 */
guint
remora_latency_item_get_index (RemoraLatencyItem *self)
{
  return self->index;
}

static GType
get_item_type (GListModel *list)
{
  return REMORA_TYPE_LATENCY_ITEM;
}

static guint
get_n_items (GListModel *list)
{
  RemoraLatencyModel *self = REMORA_LATENCY_MODEL (list);
  return self->rows ? MIN (self->rows->len, self->limit) : 0;
}

static gpointer
get_item (GListModel *list, guint position)
{
  RemoraLatencyModel *self = REMORA_LATENCY_MODEL (list);
  RemoraLatencyItem  *item;

  if (self->rows == NULL || position >= self->rows->len)
    return NULL;
  item = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  if (item != NULL)
    return g_object_ref (item);
  item = g_object_new (REMORA_TYPE_LATENCY_ITEM, NULL);
  item->table = remora_latency_table_ref (self->table);
  item->index = g_array_index (self->rows, guint, position);
  item->position = position;
  item->model = self;
  g_hash_table_insert (self->live, GUINT_TO_POINTER (position), item);
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

/* The items alive forget the model (it goes first). */
static void
forget_items (RemoraLatencyModel *self)
{
  GHashTableIter iter;
  gpointer       item;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    ((RemoraLatencyItem *) item)->model = NULL;
  g_hash_table_remove_all (self->live);
}

static void
remora_latency_model_finalize (GObject *object)
{
  RemoraLatencyModel *self = REMORA_LATENCY_MODEL (object);

  forget_items (self);
  g_clear_pointer (&self->live, g_hash_table_unref);
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
  self->live = g_hash_table_new (NULL, NULL);
  self->limit = G_MAXUINT;
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
 *
 * Shows @rows: the items alive up to the shorter of the old and new lists
 * are pointed at their new pairs (each notifies "index"); those past it
 * are said gone or come. A new table replaces every item.
 */
void
remora_latency_model_set (RemoraLatencyModel *self, RemoraLatencyTable *table, GArray *rows)
{
  guint    before = get_n_items (G_LIST_MODEL (self)), after;
  gboolean same_table = table != NULL && table == self->table;
  guint    kept;

  if (table == NULL && rows != NULL)
    g_clear_pointer (&rows, g_array_unref);
  if (!same_table && before > 0)
    {
      /* another table: every row goes */
      forget_items (self);
      g_clear_pointer (&self->rows, g_array_unref);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, before, 0);
      before = 0;
    }
  if (!same_table)
    {
      if (table)
        remora_latency_table_ref (table);
      g_clear_pointer (&self->table, remora_latency_table_unref);
      self->table = table;
    }
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->where, g_array_unref);
  self->rows = rows;
  /* a table shown first comes a screenful at a time (_grow()): the view
   * makes the widgets of 200 rows, a few dozen per frame rather than all
   * in one */
  self->limit = before == 0 ? REMORA_LATENCY_MODEL_STEP : G_MAXUINT;
  after = get_n_items (G_LIST_MODEL (self));
  kept = MIN (before, after);
  {
    /* the items alive, in the rows kept: their new pairs (collected first:
     * a notify may let an item go) */
    g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
    GHashTableIter iter;
    gpointer       item;

    g_hash_table_iter_init (&iter, self->live);
    while (g_hash_table_iter_next (&iter, NULL, &item))
      g_ptr_array_add (items, g_object_ref (item));
    for (guint i = 0; i < items->len; i++)
      {
        RemoraLatencyItem *it = g_ptr_array_index (items, i);

        if (it->position >= kept)
          {
            /* past the rows kept: said gone below */
            g_hash_table_remove (self->live, GUINT_TO_POINTER (it->position));
            it->model = NULL;
            continue;
          }
        it->index = g_array_index (self->rows, guint, it->position);
        g_object_notify_by_pspec (G_OBJECT (it), item_properties[ITEM_PROP_INDEX]);
      }
  }
  if (before != after)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, before - kept, after - kept);
}

/**
 * remora_latency_model_grow:
 * @self: a model
 *
 * Shows %REMORA_LATENCY_MODEL_STEP rows more of those set, or all of them
 * past the 200 rows a view keeps widgets for.
 *
 * Returns: %TRUE while rows are left to show.
 */
gboolean
remora_latency_model_grow (RemoraLatencyModel *self)
{
  guint before = get_n_items (G_LIST_MODEL (self));

  if (self->rows == NULL || self->limit >= self->rows->len)
    {
      self->limit = G_MAXUINT;
      return FALSE;
    }
  self->limit += REMORA_LATENCY_MODEL_STEP;
  if (self->limit >= 240)
    self->limit = G_MAXUINT;
  g_list_model_items_changed (G_LIST_MODEL (self), before, 0,
                              get_n_items (G_LIST_MODEL (self)) - before);
  return self->limit != G_MAXUINT;
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
  if (self->rows == NULL || position >= get_n_items (G_LIST_MODEL (self)))
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
  if (self->rows == NULL || self->table == NULL)
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
  /* not shown yet: all of them now */
  while ((guint) g_array_index (self->where, int, index) >= get_n_items (G_LIST_MODEL (self)))
    remora_latency_model_grow (self);
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
