/* remora-event-list.c: every event of a store as a list model
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-event-list.h"

#include <glib/gi18n-lib.h>

#include "remora-format.h"

/**
 * RemoraEventList:
 *
 * Every event of a store in id (time) order, with a row of its own before
 * the first event after each gap of lost events, where `trace-cmd report`
 * prints `CPU:N [K EVENTS DROPPED]`. Its items are #RemoraEventItem: an item
 * asked for is returned at once and filled when its page of events has been
 * read and decoded on a worker thread with a store connection of its own
 * (#RemoraEventItem:loaded says when). The newest page asked for is read
 * first, so that a jump far away does not wait for the rows scrolled past.
 * The list is empty until the gaps have been read (#RemoraEventList:ready).
 */

#define PAGE_SIZE 64
#define MAX_PAGES 256

typedef struct
{
  gint64 id;
  gint64 ts;
  gint32 cpu;
  gint32 buffer_id;
  gint32 pid;
  char  *buffer;
  char  *task;
  char  *name;
  char  *latency;
  char  *info;
} Row;

typedef struct
{
  gint64  page;
  guint64 age;
  guint   n;
  Row     rows[PAGE_SIZE];
} Page;

struct _RemoraEventItem
{
  GObject          parent_instance;
  RemoraEventList *list; /* not owned; cleared when the list goes */
  guint            position;
  gboolean         loaded;
  gboolean         lost;
  Row              row;
};

struct _RemoraEventList
{
  GObject  parent_instance;
  char    *path;
  gint64   n_events;
  gboolean ready;
  GError  *error;
  GArray  *lost;    /* RemoraLostRow, by event_id */
  guint    n_items; /* what the list says it holds */
  guint    n_rows;  /* the rows of its mask: after a filter keeps fewer, the
                     * rows from n_rows to n_items are blank until trimmed */
  /* when filtered: the events kept, and no gap rows. A page holds the rows
   * of 64 slots: events by id unfiltered, by position filtered. */
  RemoraEventMask *mask;
  guint            generation; /* of the mask: pages read for another are dropped */

  GHashTable *items;    /* position → RemoraEventItem, not owned */
  GHashTable *pages;    /* page → Page */
  GHashTable *wanted;   /* pages asked for and not yet read */
  GQueue      queue;    /* the same, newest first */
  gboolean    reading;  /* pages are being read */
  guint       start_id; /* an idle to start reading */
  guint64     clock;
  guint       pages_fetched;

  /* the worker's connection, one job at a time */
  GMutex       lock;
  RemoraStore *worker_store;
};

static void remora_event_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE (RemoraEventItem, remora_event_item, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE_WITH_CODE (RemoraEventList,
                               remora_event_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      remora_event_list_model_init))

enum
{
  ITEM_PROP_0,
  ITEM_PROP_LOADED,
  N_ITEM_PROPS
};

static GParamSpec *item_props[N_ITEM_PROPS];

enum
{
  LIST_PROP_0,
  LIST_PROP_READY,
  N_LIST_PROPS
};

static GParamSpec *list_props[N_LIST_PROPS];

static void
row_clear (Row *row)
{
  g_clear_pointer (&row->buffer, g_free);
  g_clear_pointer (&row->task, g_free);
  g_clear_pointer (&row->latency, g_free);
  g_clear_pointer (&row->info, g_free);
}

static void
row_copy (Row *to, const Row *from)
{
  *to = *from;
  to->buffer = g_strdup (from->buffer);
  to->task = g_strdup (from->task);
  to->latency = g_strdup (from->latency);
  to->info = g_strdup (from->info);
}

static void
page_free (gpointer p)
{
  Page *page = p;

  for (guint i = 0; i < page->n; i++)
    row_clear (&page->rows[i]);
  g_free (page);
}

/* Items ------------------------------------------------------------------ */

static void
remora_event_item_finalize (GObject *object)
{
  RemoraEventItem *self = REMORA_EVENT_ITEM (object);

  if (self->list != NULL &&
      g_hash_table_lookup (self->list->items, GUINT_TO_POINTER (self->position)) == self)
    g_hash_table_remove (self->list->items, GUINT_TO_POINTER (self->position));
  row_clear (&self->row);
  G_OBJECT_CLASS (remora_event_item_parent_class)->finalize (object);
}

static void
remora_event_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemoraEventItem *self = REMORA_EVENT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_event_item_class_init (RemoraEventItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remora_event_item_finalize;
  object_class->get_property = remora_event_item_get_property;
  /**
   * RemoraEventItem:loaded:
   *
   * Whether the item's event has been read; until then its texts are "".
   */
  item_props[ITEM_PROP_LOADED] =
      g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_props);
}

static void
remora_event_item_init (RemoraEventItem *self)
{
  self->row.id = -1;
}

/**
 * remora_event_item_get_position:
 * @self: a #RemoraEventItem
 *
 * Returns: its position in the list.
 */
guint
remora_event_item_get_position (RemoraEventItem *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_ITEM (self), 0);
  return self->position;
}

/**
 * remora_event_item_get_loaded:
 * @self: a #RemoraEventItem
 *
 * Returns: whether its texts have been read.
 */
gboolean
remora_event_item_get_loaded (RemoraEventItem *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_ITEM (self), FALSE);
  return self->loaded;
}

/**
 * remora_event_item_get_lost:
 * @self: a #RemoraEventItem
 *
 * Returns: %TRUE for the row of a gap of lost events (it has a CPU, a
 *   buffer and an info text, no id, time, task or name).
 */
gboolean
remora_event_item_get_lost (RemoraEventItem *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_ITEM (self), FALSE);
  return self->lost;
}

#define ITEM_GETTER(type, field, fallback)                                                         \
  type remora_event_item_get_##field (RemoraEventItem *self)                                       \
  {                                                                                                \
    g_return_val_if_fail (REMORA_IS_EVENT_ITEM (self), fallback);                                  \
    return self->row.field;                                                                        \
  }

/**
 * remora_event_item_get_id:
 * @self: a #RemoraEventItem
 *
 * Returns: the event's id, -1 for a gap's row.
 */
ITEM_GETTER (gint64, id, -1)
/**
 * remora_event_item_get_ts:
 * @self: a #RemoraEventItem
 *
 * Returns: the event's time, ns as recorded (a gap's: the time of the
 *   event after it).
 */
ITEM_GETTER (gint64, ts, 0)
/**
 * remora_event_item_get_cpu:
 * @self: a #RemoraEventItem
 *
 * Returns: the CPU.
 */
ITEM_GETTER (int, cpu, -1)
/**
 * remora_event_item_get_buffer_id:
 * @self: a #RemoraEventItem
 *
 * Returns: the buffer's id.
 */
ITEM_GETTER (int, buffer_id, 0)
/**
 * remora_event_item_get_pid:
 * @self: a #RemoraEventItem
 *
 * Returns: the task that was running.
 */
ITEM_GETTER (int, pid, 0)

#undef ITEM_GETTER

#define ITEM_TEXT(field)                                                                           \
  const char *remora_event_item_get_##field (RemoraEventItem *self)                                \
  {                                                                                                \
    g_return_val_if_fail (REMORA_IS_EVENT_ITEM (self), "");                                        \
    return self->row.field ? self->row.field : "";                                                 \
  }

/**
 * remora_event_item_get_buffer:
 * @self: a #RemoraEventItem
 *
 * Returns: its buffer's name, "" for the top-level one.
 */
ITEM_TEXT (buffer)
/**
 * remora_event_item_get_task:
 * @self: a #RemoraEventItem
 *
 * Returns: the running task's name, as `remora events` prints it.
 */
ITEM_TEXT (task)
/**
 * remora_event_item_get_name:
 * @self: a #RemoraEventItem
 *
 * Returns: the event's name.
 */
ITEM_TEXT (name)
/**
 * remora_event_item_get_latency:
 * @self: a #RemoraEventItem
 *
 * Returns: its latency format, as `trace-cmd report -l` prints it (`d..2.`).
 */
ITEM_TEXT (latency)
/**
 * remora_event_item_get_info:
 * @self: a #RemoraEventItem
 *
 * Returns: its report text, as `remora events` prints it (without the
 *   newline that ends a `print` event's text).
 */
ITEM_TEXT (info)

#undef ITEM_TEXT

/* Positions -------------------------------------------------------------- */

/* How many gap rows come before event @id's row. */
static guint
lost_before (RemoraEventList *self, gint64 id)
{
  guint lo = 0, hi = self->lost ? self->lost->len : 0;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (self->lost, RemoraLostRow, mid).event_id <= id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The gap row at @position, or -1; else *id is the event there. */
static int
lost_at (RemoraEventList *self, guint position, gint64 *id)
{
  if (self->mask != NULL)
    {
      *id = remora_event_mask_select (self->mask, position);
      return -1;
    }
  {
    /* gap k sits at lost[k].event_id + k, which grows strictly with k */
    guint lo = 0, hi = self->lost ? self->lost->len : 0;

    while (lo < hi)
      {
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index (self->lost, RemoraLostRow, mid).event_id + mid <= position)
          lo = mid + 1;
        else
          hi = mid;
      }
    /* lo gaps lie at or before position */
    if (lo > 0 && g_array_index (self->lost, RemoraLostRow, lo - 1).event_id + lo - 1 == position)
      return (int) lo - 1;
    *id = (gint64) position - lo;
    return -1;
  }
}

/* The slot of the row at @position (whose event is @id): what pages hold. */
static gint64
slot_of (RemoraEventList *self, guint position, gint64 id)
{
  return self->mask != NULL ? (gint64) position : id;
}

/* The position of the row in slot @slot. */
static guint
position_of_slot (RemoraEventList *self, gint64 slot)
{
  if (self->mask != NULL)
    return (guint) slot;
  return (guint) (slot + lost_before (self, slot));
}

/**
 * remora_event_list_position_of_event:
 * @self: a #RemoraEventList
 * @event_id: an event's id
 *
 * Returns: the position of the event's row.
 */
guint
remora_event_list_position_of_event (RemoraEventList *self, gint64 event_id)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST (self), 0);
  event_id = CLAMP (event_id, 0, MAX (self->n_events - 1, 0));
  if (self->mask != NULL)
    {
      /* the first event kept at or after it (the last one kept, when none is) */
      gint64 k = remora_event_mask_rank (self->mask, event_id);
      return (guint) MIN (k, MAX (remora_event_mask_get_count (self->mask) - 1, 0));
    }
  return (guint) (event_id + lost_before (self, event_id));
}

/**
 * remora_event_list_event_at:
 * @self: a #RemoraEventList
 * @position: a position
 *
 * Returns: the id of the event at @position, -1 for a gap's row or a
 *   position past the end.
 */
gint64
remora_event_list_event_at (RemoraEventList *self, guint position)
{
  gint64 id = -1;

  g_return_val_if_fail (REMORA_IS_EVENT_LIST (self), -1);
  if (position >= self->n_rows || lost_at (self, position, &id) >= 0)
    return -1;
  return id;
}

/**
 * remora_event_list_is_read:
 * @self: a #RemoraEventList
 * @position: a position
 *
 * Returns: whether the row at @position can be shown at once: a gap's row,
 *   or an event whose page has been read (and is still kept).
 */
gboolean
remora_event_list_is_read (RemoraEventList *self, guint position)
{
  gint64 id = -1;

  g_return_val_if_fail (REMORA_IS_EVENT_LIST (self), FALSE);
  if (position >= self->n_rows)
    return FALSE;
  if (lost_at (self, position, &id) >= 0)
    return TRUE;
  return g_hash_table_contains (self->pages, &(gint64){ slot_of (self, position, id) / PAGE_SIZE });
}

/* Pages ------------------------------------------------------------------ */

/* the pages one job reads: those asked in one layout of the list */
#define MAX_BATCH 8

typedef struct
{
  guint            n;
  gint64           pages[MAX_BATCH];
  RemoraEventMask *mask;
  guint            generation;
  RemoraEventList *list; /* not owned: on_pages holds the list */
} PageJob;

static void
page_job_free (gpointer data)
{
  PageJob *job = data;

  g_clear_pointer (&job->mask, remora_event_mask_unref);
  g_free (job);
}

static gboolean
open_worker_store (RemoraEventList *self, GError **error)
{
  if (self->worker_store == NULL)
    self->worker_store = remora_store_open (self->path, error);
  return self->worker_store != NULL;
}

typedef struct
{
  RemoraStore     *store;
  Page            *page;
  RemoraEventMask *mask;
  gint64           first; /* the page's first event */
  gint64           end;   /* unfiltered: the event after its last */
} Filling;

static gboolean
add_row (const RemoraListedEvent *e, gpointer user_data, GError **error)
{
  Filling *f = user_data;
  Row     *row = &f->page->rows[f->page->n];

  row->id = e->id;
  row->ts = e->ts;
  row->cpu = e->cpu;
  row->buffer_id = e->buffer_id;
  row->pid = e->pid;
  row->buffer = g_strdup (e->buffer);
  row->task = g_strdup (e->task);
  row->name = (char *) g_intern_string (e->name);
  row->latency = g_strdup (e->latency);
  /* one line per event: a print event's own newline is not shown */
  row->info = g_strchomp (g_strdup (e->info));
  f->page->n++;
  return TRUE;
}

/* The events of a page: 64 ids in a row, or the mask's 64 from its first. */
static gint64
next_of_page (gint64 id, gpointer user_data)
{
  Filling *f = user_data;

  if (f->page->n >= PAGE_SIZE)
    return -1;
  if (f->mask != NULL)
    return remora_event_mask_next (f->mask, MAX (id, f->first));
  id = MAX (id, f->first);
  return id < f->end ? id : -1;
}

static Page *
read_page (RemoraEventList *self, RemoraEventMask *mask, gint64 number)
{
  GError *error = NULL;
  Page   *page = g_new0 (Page, 1);

  page->page = number;
  if (open_worker_store (self, &error))
    {
      Filling f = { self->worker_store, page, mask, number * PAGE_SIZE,
                    MIN ((number + 1) * PAGE_SIZE, self->n_events) };

      /* the events the filter keeps from the page's first on */
      if (mask != NULL)
        f.first = remora_event_mask_select (mask, number * PAGE_SIZE);
      if (f.first >= 0)
        remora_store_list_chosen_events (self->worker_store, next_of_page, &f, TRUE, add_row, &f,
                                         &error);
    }
  if (error != NULL)
    {
      /* what could not be read says why, in the rows themselves */
      g_autofree char *why =
          /* Translators: the text of an event list's row that could not be
           * read; %s is why */
          g_strdup_printf (_ ("[not read: %s]"), error->message);
      gint64 first = number * PAGE_SIZE;
      gint64 slots = mask ? remora_event_mask_get_count (mask) : self->n_events;

      for (guint i = page->n; i > 0 && page->rows[i - 1].latency == NULL; i--)
        {
          row_clear (&page->rows[i - 1]);
          page->n = i - 1;
        }
      for (guint i = page->n; i < PAGE_SIZE && first + i < slots; i++)
        {
          page->rows[i].id = mask ? remora_event_mask_select (mask, first + i) : first + i;
          page->rows[i].info = g_strdup (why);
          page->rows[i].latency = g_strdup ("");
          page->rows[i].name = (char *) "";
          page->n = i + 1;
        }
      g_clear_error (&error);
    }
  return page;
}

static void
page_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  PageJob         *job = task_data;
  RemoraEventList *self = job->list;
  GPtrArray       *pages = g_ptr_array_new_with_free_func (page_free);

  remora_lower_thread_priority ();
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < job->n; i++)
    g_ptr_array_add (pages, read_page (self, job->mask, job->pages[i]));
  g_mutex_unlock (&self->lock);
  g_task_return_pointer (task, pages, (GDestroyNotify) g_ptr_array_unref);
}

static void read_next_page (RemoraEventList *self);

static void
fill_item (RemoraEventList *self, RemoraEventItem *item, const Page *page, gint64 slot)
{
  gint64 i = slot - page->page * PAGE_SIZE;

  if (i < 0 || i >= page->n || item->loaded)
    return;
  row_copy (&item->row, &page->rows[i]);
  item->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (item), item_props[ITEM_PROP_LOADED]);
}

static void
forget_old_pages (RemoraEventList *self)
{
  GHashTableIter it;
  gpointer       value;
  Page          *oldest = NULL;

  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      oldest = NULL;
      g_hash_table_iter_init (&it, self->pages);
      while (g_hash_table_iter_next (&it, NULL, &value))
        if (oldest == NULL || ((Page *) value)->age < oldest->age)
          oldest = value;
      g_hash_table_remove (self->pages, &oldest->page);
    }
}

static void
add_page (RemoraEventList *self, Page *page)
{
  guint first, last;

  g_hash_table_remove (self->wanted, &page->page);
  page->age = ++self->clock;
  self->pages_fetched++;
  g_hash_table_replace (self->pages, &page->page, page);
  /* the items waiting for it */
  first = position_of_slot (self, page->page * PAGE_SIZE);
  last = position_of_slot (self, page->page * PAGE_SIZE + PAGE_SIZE - 1);
  for (guint p = first; p <= last && p < self->n_rows; p++)
    {
      RemoraEventItem *item = g_hash_table_lookup (self->items, GUINT_TO_POINTER (p));
      gint64           id;

      if (item != NULL && lost_at (self, p, &id) < 0)
        fill_item (self, item, page, slot_of (self, p, id));
    }
}

/* A read's end, on the main thread: the list is held by it (not by the
 * task, whose last reference a worker may drop), so that a list is never
 * finalized, nor its store closed, in a worker: at a process's exit that
 * raced with libtracecmd's own teardown. */
static void
on_pages (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemoraEventList) self = user_data;
  g_autoptr (GPtrArray) pages = g_task_propagate_pointer (G_TASK (result), NULL);
  PageJob *job = g_task_get_task_data (G_TASK (result));

  self->reading = FALSE;
  if (job->generation != self->generation)
    {
      /* read for another filter */
      read_next_page (self);
      return;
    }
  /* the pages go into the cache */
  g_ptr_array_set_free_func (pages, NULL);
  for (guint i = 0; i < pages->len; i++)
    add_page (self, g_ptr_array_index (pages, i));
  forget_old_pages (self);
  read_next_page (self);
}

/* Whether an item of page @page is still shown (held by someone). */
static gboolean
page_is_waited_for (RemoraEventList *self, gint64 page)
{
  guint first = position_of_slot (self, page * PAGE_SIZE);
  guint last = position_of_slot (self, page * PAGE_SIZE + PAGE_SIZE - 1);

  for (guint p = first; p <= last && p < self->n_rows; p++)
    if (g_hash_table_contains (self->items, GUINT_TO_POINTER (p)))
      return TRUE;
  return FALSE;
}

/* Reads the pages asked for and still shown, newest first, in one job. */
static gboolean
start_reading (gpointer data)
{
  RemoraEventList *self = data;
  PageJob         *job = g_new0 (PageJob, 1);

  self->start_id = 0;
  while (job->n < MAX_BATCH && !g_queue_is_empty (&self->queue))
    {
      gint64 *page = g_queue_pop_head (&self->queue);
      gint64  number = *page;

      g_free (page);
      if (page_is_waited_for (self, number))
        job->pages[job->n++] = number;
      else
        g_hash_table_remove (self->wanted, &number);
    }
  if (job->n == 0)
    page_job_free (job);
  else
    {
      g_autoptr (GTask) task = g_task_new (NULL, NULL, on_pages, g_object_ref (self));

      job->list = self;
      job->mask = self->mask ? remora_event_mask_ref (self->mask) : NULL;
      job->generation = self->generation;
      g_task_set_source_tag (task, start_reading);
      g_task_set_task_data (task, job, page_job_free);
      self->reading = TRUE;
      g_task_run_in_thread (task, page_thread);
    }
  return G_SOURCE_REMOVE;
}

static void
read_next_page (RemoraEventList *self)
{
  /* after the layout that asked for rows: all it asked for go in one job */
  if (!self->reading && self->start_id == 0 && !g_queue_is_empty (&self->queue))
    self->start_id = g_idle_add_full (G_PRIORITY_HIGH, start_reading, self, NULL);
}

static void
want_page (RemoraEventList *self, gint64 page)
{
  gint64 *key;

  if (g_hash_table_contains (self->wanted, &page))
    {
      /* asked again: to the front */
      GList *link = g_queue_find_custom (&self->queue, &page, (GCompareFunc) g_int64_equal);
      if (link != NULL && link != self->queue.head)
        {
          gpointer data = link->data;
          g_queue_delete_link (&self->queue, link);
          g_queue_push_head (&self->queue, data);
        }
      return;
    }
  key = g_new (gint64, 1);
  *key = page;
  g_hash_table_add (self->wanted, key);
  g_queue_push_head (&self->queue, g_memdup2 (key, sizeof *key));
  read_next_page (self);
}

/* GListModel ------------------------------------------------------------- */

static void fill_slot (RemoraEventList *self, RemoraEventItem *item);

static GType
remora_event_list_get_item_type (GListModel *model)
{
  return REMORA_TYPE_EVENT_ITEM;
}

static guint
remora_event_list_get_n_items (GListModel *model)
{
  return REMORA_EVENT_LIST (model)->n_items;
}

static gpointer
remora_event_list_get_item (GListModel *model, guint position)
{
  RemoraEventList *self = REMORA_EVENT_LIST (model);
  RemoraEventItem *item;

  if (position >= self->n_items)
    return NULL;
  item = g_hash_table_lookup (self->items, GUINT_TO_POINTER (position));
  if (item != NULL)
    return g_object_ref (item);

  item = g_object_new (REMORA_TYPE_EVENT_ITEM, NULL);
  item->list = self;
  item->position = position;
  g_hash_table_insert (self->items, GUINT_TO_POINTER (position), item);
  if (position >= self->n_rows)
    return item; /* a blank row, until trimmed */
  fill_slot (self, item);
  return item;
}

static char *
dup_gap_text (const RemoraLostRow *l)
{
  return l->count >= 0
             /* Translators: a row of the event list where events were lost,
              * as trace-cmd report prints it */
             ? g_strdup_printf (_ ("CPU:%d [%" G_GINT64_FORMAT " EVENTS DROPPED]"), l->cpu,
                                l->count)
             : g_strdup_printf (_ ("CPU:%d [EVENTS DROPPED]"), l->cpu);
}

/* Fills @item (at a position of the mask's rows) from the pages read, or
 * asks for its page; a gap's row at once. */
static void
fill_slot (RemoraEventList *self, RemoraEventItem *item)
{
  guint  position = item->position;
  gint64 id = -1, slot;
  int    gap;
  Page  *page;

  gap = lost_at (self, position, &id);
  if (gap >= 0)
    {
      const RemoraLostRow *l = &g_array_index (self->lost, RemoraLostRow, gap);

      item->lost = TRUE;
      item->loaded = TRUE;
      item->row.cpu = l->cpu;
      item->row.buffer_id = l->buffer_id;
      item->row.name = (char *) "";
      item->row.latency = g_strdup ("");
      item->row.info = dup_gap_text (l);
      return;
    }
  slot = slot_of (self, position, id);
  page = g_hash_table_lookup (self->pages, &(gint64){ slot / PAGE_SIZE });
  if (page != NULL)
    {
      page->age = ++self->clock;
      fill_item (self, item, page, slot);
    }
  else
    want_page (self, slot / PAGE_SIZE);
}

static void
remora_event_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = remora_event_list_get_item_type;
  iface->get_n_items = remora_event_list_get_n_items;
  iface->get_item = remora_event_list_get_item;
}

/* The gaps, read first ----------------------------------------------------- */

static void
lost_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  RemoraEventList *self = source_object;
  GError          *error = NULL;
  GArray          *lost = NULL;

  remora_lower_thread_priority ();
  g_mutex_lock (&self->lock);
  if (open_worker_store (self, &error))
    lost = remora_store_read_lost_rows (self->worker_store, &error);
  g_mutex_unlock (&self->lock);
  if (lost != NULL)
    g_task_return_pointer (task, lost, (GDestroyNotify) g_array_unref);
  else
    g_task_return_error (task, error);
}

static void
on_lost (GObject *object, GAsyncResult *result, gpointer user_data)
{
  RemoraEventList *self = REMORA_EVENT_LIST (object);
  GError          *error = NULL;
  GArray          *lost = g_task_propagate_pointer (G_TASK (result), &error);

  if (lost == NULL)
    {
      self->error = error;
      lost = g_array_new (FALSE, FALSE, sizeof (RemoraLostRow));
    }
  self->lost = lost;
  self->n_items = self->error  ? 0
                  : self->mask ? (guint) MIN (remora_event_mask_get_count (self->mask), G_MAXUINT)
                               : (guint) MIN (self->n_events + lost->len, G_MAXUINT);
  self->n_rows = self->n_items;
  self->ready = TRUE;
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
  g_object_notify_by_pspec (G_OBJECT (self), list_props[LIST_PROP_READY]);
}

/* Finding an event on the worker: at a time, or alike another --------------- */

typedef struct
{
  gboolean         by_time;
  gint64           ts;
  gint64           id;
  RemoraNeighbour  alike;
  gboolean         forward;
  RemoraEventMask *mask;
} FindJob;

static void
find_job_free (gpointer data)
{
  FindJob *job = data;

  g_clear_pointer (&job->mask, remora_event_mask_unref);
  g_free (job);
}

static void
find_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  RemoraEventList *self = source_object;
  FindJob         *job = task_data;
  GError          *error = NULL;
  gint64           found = -1;
  gboolean         ok = FALSE;

  g_mutex_lock (&self->lock);
  if (open_worker_store (self, &error))
    {
      if (job->by_time)
        ok = remora_store_find_event_at (self->worker_store, job->ts, &found, &error);
      else
        {
          /* filtered: on to the next one the filter keeps */
          gint64 from = job->id;

          for (;;)
            {
              ok = remora_store_find_neighbour (self->worker_store, from, job->alike, job->forward,
                                                &found, &error);
              if (!ok || found < 0 || job->mask == NULL ||
                  remora_event_mask_contains (job->mask, found) ||
                  g_cancellable_is_cancelled (cancellable))
                break;
              from = found;
            }
        }
    }
  g_mutex_unlock (&self->lock);
  if (ok)
    g_task_return_int (task, found);
  else
    g_task_return_error (task, error);
}

static void
find_async (RemoraEventList    *self,
            FindJob            *job,
            gpointer            tag,
            GCancellable       *cancellable,
            GAsyncReadyCallback callback,
            gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  job->mask = self->mask ? remora_event_mask_ref (self->mask) : NULL;
  g_task_set_task_data (task, job, find_job_free);
  g_task_run_in_thread (task, find_thread);
}

/* The found event's position, G_MAXUINT for none or an error. */
static guint
find_finish (RemoraEventList *self, GAsyncResult *result, GError **error)
{
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, self), G_MAXUINT);
  id = g_task_propagate_int (G_TASK (result), error);
  if (id < 0)
    return G_MAXUINT;
  return remora_event_list_position_of_event (self, id);
}

/**
 * remora_event_list_find_time_async:
 * @self: a #RemoraEventList
 * @ts: a time, ns as recorded
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context
 * @user_data: for @callback
 *
 * Finds the first event at or after @ts (the last one when none is) on the
 * list's worker.
 */
void
remora_event_list_find_time_async (RemoraEventList    *self,
                                   gint64              ts,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  FindJob *job;

  g_return_if_fail (REMORA_IS_EVENT_LIST (self));
  job = g_new0 (FindJob, 1);
  job->by_time = TRUE;
  job->ts = ts;
  find_async (self, job, remora_event_list_find_time_async, cancellable, callback, user_data);
}

/**
 * remora_event_list_find_time_finish:
 * @self: a #RemoraEventList
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: the position of the event's row, or G_MAXUINT with @error set.
 */
guint
remora_event_list_find_time_finish (RemoraEventList *self, GAsyncResult *result, GError **error)
{
  return find_finish (self, result, error);
}

/**
 * remora_event_list_find_neighbour_async:
 * @self: a #RemoraEventList
 * @event_id: an event
 * @alike: what the event looked for shares with it
 * @forward: %TRUE for the next one, %FALSE for the one before
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context
 * @user_data: for @callback
 *
 * Finds the nearest event after (or before) @event_id with the same name,
 * task or CPU (remora_store_find_neighbour()) on the list's worker.
 */
void
remora_event_list_find_neighbour_async (RemoraEventList    *self,
                                        gint64              event_id,
                                        RemoraNeighbour     alike,
                                        gboolean            forward,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data)
{
  FindJob *job;

  g_return_if_fail (REMORA_IS_EVENT_LIST (self));
  job = g_new0 (FindJob, 1);
  job->id = event_id;
  job->alike = alike;
  job->forward = forward;
  find_async (self, job, remora_event_list_find_neighbour_async, cancellable, callback, user_data);
}

/**
 * remora_event_list_find_neighbour_finish:
 * @self: a #RemoraEventList
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: the position of the event's row; G_MAXUINT when there is no such
 *   event (@error unset) or on failure (@error set).
 */
guint
remora_event_list_find_neighbour_finish (RemoraEventList *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  return find_finish (self, result, error);
}

/* Copying rows as report text --------------------------------------------- */

typedef struct
{
  gint64 id;   /* the event, -1 for a gap */
  char  *text; /* its line */
} CopyLine;

typedef struct
{
  GArray *lines; /* CopyLine, in the list's (id) order */
  guint   next;  /* the next line an event is read for */
} CopyJob;

static void
copy_job_free (gpointer data)
{
  CopyJob *job = data;

  for (guint i = 0; i < job->lines->len; i++)
    g_free (g_array_index (job->lines, CopyLine, i).text);
  g_array_unref (job->lines);
  g_free (job);
}

static gint64
next_to_copy (gint64 id, gpointer user_data)
{
  CopyJob *job = user_data;

  while (job->next < job->lines->len &&
         (g_array_index (job->lines, CopyLine, job->next).id < id ||
          g_array_index (job->lines, CopyLine, job->next).text != NULL))
    job->next++;
  return job->next < job->lines->len ? g_array_index (job->lines, CopyLine, job->next).id : -1;
}

typedef struct
{
  CopyJob      *job;
  GCancellable *cancellable;
} Copying;

static gboolean
copy_line (const RemoraListedEvent *e, gpointer user_data, GError **error)
{
  Copying         *c = user_data;
  CopyLine        *l = &g_array_index (c->job->lines, CopyLine, c->job->next);
  g_autofree char *info = g_strchomp (g_strdup (e->info));

  l->text = remora_format_report_line (e->buffer, e->task, e->pid, e->cpu, e->ts, e->name, info);
  return !g_cancellable_set_error_if_cancelled (c->cancellable, error);
}

static void
copy_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  RemoraEventList *self = source_object;
  CopyJob         *job = task_data;
  Copying          c = { job, cancellable };
  GError          *error = NULL;
  gboolean         ok;
  GString         *text;

  remora_lower_thread_priority ();
  g_mutex_lock (&self->lock);
  ok = open_worker_store (self, &error) &&
       remora_store_list_chosen_events (self->worker_store, next_to_copy, job, TRUE, copy_line, &c,
                                        &error);
  g_mutex_unlock (&self->lock);
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  text = g_string_new (NULL);
  for (guint i = 0; i < job->lines->len; i++)
    {
      g_string_append (text, g_array_index (job->lines, CopyLine, i).text);
      g_string_append_c (text, '\n');
    }
  g_task_return_pointer (task, g_string_free (text, FALSE), g_free);
}

/**
 * remora_event_list_copy_rows_async:
 * @self: a #RemoraEventList
 * @positions: (array length=n): rows, in increasing order
 * @n: how many
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context
 * @user_data: for @callback
 *
 * Writes the rows as `trace-cmd report -t` prints their events (with the
 * names the tasks had then), one line each, a gap's row as its line, on
 * the list's worker.
 */
void
remora_event_list_copy_rows_async (RemoraEventList    *self,
                                   const guint        *positions,
                                   guint               n,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CopyJob *job;

  g_return_if_fail (REMORA_IS_EVENT_LIST (self));
  job = g_new0 (CopyJob, 1);
  job->lines = g_array_sized_new (FALSE, FALSE, sizeof (CopyLine), n);
  for (guint i = 0; i < n; i++)
    {
      CopyLine l = { -1, NULL };
      gint64   id = -1;
      int      gap;

      if (positions[i] >= self->n_rows)
        continue;
      gap = lost_at (self, positions[i], &id);
      if (gap >= 0)
        l.text = dup_gap_text (&g_array_index (self->lost, RemoraLostRow, gap));
      else
        l.id = id;
      g_array_append_val (job->lines, l);
    }
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remora_event_list_copy_rows_async);
  g_task_set_task_data (task, job, copy_job_free);
  g_task_run_in_thread (task, copy_thread);
}

/**
 * remora_event_list_copy_rows_finish:
 * @self: a #RemoraEventList
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the rows' text, or %NULL with @error set.
 */
char *
remora_event_list_copy_rows_finish (RemoraEventList *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject -------------------------------------------------------------------- */

/**
 * remora_event_list_new:
 * @store: the store
 *
 * Returns: (transfer full): a list that fills itself when its gaps have been
 *   read on its worker.
 */
RemoraEventList *
remora_event_list_new (RemoraStore *store)
{
  RemoraEventList *self;
  g_autoptr (GTask) task = NULL;

  g_return_val_if_fail (REMORA_IS_STORE (store), NULL);
  self = g_object_new (REMORA_TYPE_EVENT_LIST, NULL);
  self->path = g_strdup (remora_store_get_path (store));
  self->n_events = remora_store_get_info (store)->events;
  task = g_task_new (self, NULL, on_lost, NULL);
  g_task_set_source_tag (task, remora_event_list_new);
  g_task_run_in_thread (task, lost_thread);
  return self;
}

/**
 * remora_event_list_get_ready:
 * @self: a #RemoraEventList
 *
 * Returns: whether the list has its rows (or failed:
 *   remora_event_list_get_error()).
 */
gboolean
remora_event_list_get_ready (RemoraEventList *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST (self), FALSE);
  return self->ready;
}

/**
 * remora_event_list_get_error:
 * @self: a #RemoraEventList
 *
 * Returns: (nullable): why the list is empty, when its store could not be
 *   read.
 */
const GError *
remora_event_list_get_error (RemoraEventList *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST (self), NULL);
  return self->error;
}

/**
 * remora_event_list_get_n_lost_rows:
 * @self: a #RemoraEventList
 *
 * Returns: how many rows are gaps of lost events.
 */
guint
remora_event_list_get_n_lost_rows (RemoraEventList *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST (self), 0);
  return self->lost ? self->lost->len : 0;
}

/**
 * remora_event_list_get_pages_fetched:
 * @self: a #RemoraEventList
 *
 * Returns: how many pages of events have been read so far.
 */
guint
remora_event_list_get_pages_fetched (RemoraEventList *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST (self), 0);
  return self->pages_fetched;
}

/* Forgets every page: the rows are those of another filter. */
static void
forget_pages (RemoraEventList *self)
{
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->wanted);
  g_queue_clear_full (&self->queue, g_free);
  g_queue_init (&self->queue);
  g_clear_handle_id (&self->start_id, g_source_remove);
}

static int
compare_positions_down (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

/**
 * remora_event_list_set_mask:
 * @self: a #RemoraEventList
 * @mask: (nullable): the events to list, %NULL for all (with the gaps of
 *   lost events)
 *
 * Lists only the events @mask keeps (it must be of the list's store).
 *
 * The items held keep their places and take the rows now there (each is
 * blank until its page has been read: #RemoraEventItem:loaded), so that a
 * view keeps its rows' widgets (GTK 4.8 takes some 30 ms to destroy and
 * make anew a column view's 200 rows). When the mask keeps fewer rows than
 * were listed, the rows past its last are blank until
 * remora_event_list_trim() removes them; when it keeps more, they are added
 * at the end.
 */
void
remora_event_list_set_mask (RemoraEventList *self, RemoraEventMask *mask)
{
  g_autoptr (GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter it;
  gpointer       value;
  guint          before;

  g_return_if_fail (REMORA_IS_EVENT_LIST (self));
  g_return_if_fail (mask == NULL || remora_event_mask_get_n_events (mask) == self->n_events);
  if (mask == self->mask)
    return;
  forget_pages (self);
  g_clear_pointer (&self->mask, remora_event_mask_unref);
  self->mask = mask ? remora_event_mask_ref (mask) : NULL;
  self->generation++;
  if (!self->ready || self->error != NULL)
    return;
  before = self->n_items;
  self->n_rows = self->mask != NULL
                     ? (guint) MIN (remora_event_mask_get_count (self->mask), G_MAXUINT)
                     : (guint) MIN (self->n_events + self->lost->len, G_MAXUINT);
  /* the items held take their new rows (what a notification does may
   * ask for items: not while the table is walked) */
  g_hash_table_iter_init (&it, self->items);
  while (g_hash_table_iter_next (&it, NULL, &value))
    g_ptr_array_add (held, g_object_ref (value));
  for (guint i = 0; i < held->len; i++)
    {
      RemoraEventItem *item = g_ptr_array_index (held, i);
      gboolean         was_loaded = item->loaded;

      row_clear (&item->row);
      item->row = (Row){ .id = -1 };
      item->lost = FALSE;
      item->loaded = FALSE;
      if (item->position < self->n_rows)
        fill_slot (self, item);
      if (was_loaded || item->loaded)
        g_object_notify_by_pspec (G_OBJECT (item), item_props[ITEM_PROP_LOADED]);
    }
  if (self->n_rows > before)
    {
      self->n_items = self->n_rows;
      g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->n_rows - before);
    }
}

/**
 * remora_event_list_get_n_rows:
 * @self: a #RemoraEventList
 *
 * Returns: how many rows its mask lists (the items past them are blank
 *   until trimmed).
 */
guint
remora_event_list_get_n_rows (RemoraEventList *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST (self), 0);
  return self->n_rows;
}

/**
 * remora_event_list_trim:
 * @self: a #RemoraEventList
 * @max_held: how many items held by someone (a view's rows) to remove at
 *   most
 *
 * Removes blank items from the end, after a mask that keeps fewer rows:
 * all those that nobody holds, and @max_held of those held (a view
 * destroys their widgets: a few per frame keep the frames short).
 *
 * Returns: %TRUE when the list holds just its rows.
 */
gboolean
remora_event_list_trim (RemoraEventList *self, guint max_held)
{
  g_autoptr (GArray) held = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter it;
  gpointer       key;
  guint          end, before = self->n_items;

  g_return_val_if_fail (REMORA_IS_EVENT_LIST (self), TRUE);
  if (self->n_items <= self->n_rows)
    return TRUE;
  g_hash_table_iter_init (&it, self->items);
  while (g_hash_table_iter_next (&it, &key, NULL))
    if (GPOINTER_TO_UINT (key) >= self->n_rows)
      {
        guint p = GPOINTER_TO_UINT (key);
        g_array_append_val (held, p);
      }
  g_array_sort (held, compare_positions_down);
  /* the rows from the max_held-th held item from the end on */
  if (held->len <= max_held)
    end = self->n_rows;
  else if (max_held == 0)
    end = g_array_index (held, guint, 0) + 1;
  else
    end = g_array_index (held, guint, max_held - 1);
  end = MAX (end, self->n_rows);
  if (end >= before)
    return FALSE;
  self->n_items = end;
  g_list_model_items_changed (G_LIST_MODEL (self), end, before - end, 0);
  return self->n_items <= self->n_rows;
}

/**
 * remora_event_list_get_mask:
 * @self: a #RemoraEventList
 *
 * Returns: (transfer none) (nullable): the mask the list shows.
 */
RemoraEventMask *
remora_event_list_get_mask (RemoraEventList *self)
{
  g_return_val_if_fail (REMORA_IS_EVENT_LIST (self), NULL);
  return self->mask;
}

static void
remora_event_list_dispose (GObject *object)
{
  RemoraEventList *self = REMORA_EVENT_LIST (object);
  GHashTableIter   it;
  gpointer         value;

  g_clear_handle_id (&self->start_id, g_source_remove);
  if (self->items != NULL)
    {
      g_hash_table_iter_init (&it, self->items);
      while (g_hash_table_iter_next (&it, NULL, &value))
        ((RemoraEventItem *) value)->list = NULL;
      g_hash_table_remove_all (self->items);
    }
  G_OBJECT_CLASS (remora_event_list_parent_class)->dispose (object);
}

static void
remora_event_list_finalize (GObject *object)
{
  RemoraEventList *self = REMORA_EVENT_LIST (object);

  g_queue_clear_full (&self->queue, g_free);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->wanted, g_hash_table_unref);
  g_clear_pointer (&self->lost, g_array_unref);
  g_clear_pointer (&self->mask, remora_event_mask_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->worker_store);
  g_free (self->path);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (remora_event_list_parent_class)->finalize (object);
}

static void
remora_event_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemoraEventList *self = REMORA_EVENT_LIST (object);

  switch (prop_id)
    {
    case LIST_PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_event_list_class_init (RemoraEventListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = remora_event_list_dispose;
  object_class->finalize = remora_event_list_finalize;
  object_class->get_property = remora_event_list_get_property;
  /**
   * RemoraEventList:ready:
   *
   * Whether the list has its rows.
   */
  list_props[LIST_PROP_READY] =
      g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_LIST_PROPS, list_props);
}

static void
remora_event_list_init (RemoraEventList *self)
{
  g_mutex_init (&self->lock);
  self->items = g_hash_table_new (NULL, NULL);
  self->pages = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, page_free);
  self->wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_queue_init (&self->queue);
}
