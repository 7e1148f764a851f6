/* remora-tasks-popover.c: "Add a Row": the trace's block devices, then every
 * task of the trace, the busiest first, searched by name or pid; the one picked (clicked, or
 * Enter on the only match, or the arrows and Enter) gets a row in the
 * session it watches. A list view builds widgets only for the rows on
 * screen: a trace's thousands of tasks cost items, not widgets; and those
 * items are made when the popover first shows, not while the trace opens
 * (where they and the hidden list's first rows took some 17 ms of the
 * main loop on a trace of 1.3 M events).
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-tasks-popover.h"

#include "remora-task-item.h"

struct _RemoraTasksPopover
{
  GtkPopover parent_instance;

  /* Template widgets */
  GtkSearchEntry *search;
  GtkListView    *list;

  RemoraSession      *session;
  GListStore         *items;   /* of RemoraTaskItem, the whole trace's */
  GArray             *tasks;   /* of RemoraTaskSummary, until the items are made */
  GArray             *devices; /* of RemoraDeviceSummary, likewise */
  GtkStringFilter    *filter;  /* what the search asks */
  GtkFilterListModel *shown;   /* the items that the search lets through */
};

G_DEFINE_FINAL_TYPE (RemoraTasksPopover, remora_tasks_popover, GTK_TYPE_POPOVER)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  RemoraTaskItem *task = gtk_list_item_get_item (item);
  GtkWidget      *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_label_set_text (GTK_LABEL (title), remora_task_item_get_title (task));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (title)),
                      remora_task_item_get_subtitle (task));
}

/* The task at @position of those shown gets a row. */
static int
choose (RemoraTasksPopover *self, guint position)
{
  g_autoptr (RemoraTaskItem) task = g_list_model_get_item (G_LIST_MODEL (self->shown), position);
  int pid;

  if (task == NULL || self->session == NULL)
    return -1;
  pid = remora_task_item_get_pid (task);
  remora_session_add_row (self->session, remora_task_item_get_kind (task), 0, pid, NULL);
  gtk_popover_popdown (GTK_POPOVER (self));
  return pid;
}

static void
on_activate (RemoraTasksPopover *self, guint position)
{
  choose (self, position);
}

static void
on_search_changed (RemoraTasksPopover *self)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search)));
}

/* Enter in the search: the one task it matches gets its row; with several,
 * the list takes the keys, to pick one with the arrows and Enter. */
static void
on_search_activate (RemoraTasksPopover *self)
{
  guint n;

  /* the entry tells the filter after a delay; Enter asks now */
  on_search_changed (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  if (n == 1)
    choose (self, 0);
  else if (n > 1)
    gtk_widget_child_focus (GTK_WIDGET (self->list), GTK_DIR_TAB_FORWARD);
}

/* The items of the tasks kept, once. */
static void
make_items (RemoraTasksPopover *self)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; self->devices != NULL && i < self->devices->len; i++)
    {
      const RemoraDeviceSummary *d = &g_array_index (self->devices, RemoraDeviceSummary, i);
      g_ptr_array_add (items, remora_task_item_new_device (d->dev, d->requests));
    }
  for (guint i = 0; self->tasks != NULL && i < self->tasks->len; i++)
    {
      const RemoraTaskSummary *t = &g_array_index (self->tasks, RemoraTaskSummary, i);

      g_ptr_array_add (items, remora_task_item_new (t->pid, t->comm, t->run_ns));
    }
  g_clear_pointer (&self->tasks, g_array_unref);
  g_clear_pointer (&self->devices, g_array_unref);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
}

static void
on_show (RemoraTasksPopover *self)
{
  if (self->tasks != NULL || self->devices != NULL)
    make_items (self);
}

/**
 * remora_tasks_popover_set_tasks:
 * @self: a #RemoraTasksPopover
 * @tasks: (nullable) (element-type RemoraTaskSummary): every task, busiest
 *   first
 */
void
remora_tasks_popover_set_tasks (RemoraTasksPopover *self, const GArray *tasks)
{
  g_return_if_fail (REMORA_IS_TASKS_POPOVER (self));
  g_clear_pointer (&self->tasks, g_array_unref);
  /* the caller's array, kept as it is (it is not changed once made) */
  self->tasks = tasks ? g_array_ref ((GArray *) tasks) : NULL;
  g_list_store_remove_all (self->items);
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    make_items (self);
}

/**
 * remora_tasks_popover_set_devices:
 * @self: a #RemoraTasksPopover
 * @devices: (nullable) (element-type RemoraDeviceSummary): the block
 *   devices, listed before the tasks
 */
void
remora_tasks_popover_set_devices (RemoraTasksPopover *self, const GArray *devices)
{
  g_return_if_fail (REMORA_IS_TASKS_POPOVER (self));
  g_clear_pointer (&self->devices, g_array_unref);
  self->devices = devices ? g_array_ref ((GArray *) devices) : NULL;
  g_list_store_remove_all (self->items);
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    make_items (self);
}

/**
 * remora_tasks_popover_add_first:
 * @self: a #RemoraTasksPopover
 * @search: what is typed in the search
 *
 * Adds a row for the first task that the list shows for @search, as picking
 * it there does.
 *
 * Returns: the task's pid, or -1 when the list shows none.
 */
int
remora_tasks_popover_add_first (RemoraTasksPopover *self, const char *search)
{
  g_return_val_if_fail (REMORA_IS_TASKS_POPOVER (self), -1);
  on_show (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search), search);
  /* the entry tells the filter after a delay; a caller asks now */
  gtk_string_filter_set_search (self->filter, search);
  return choose (self, 0);
}

/**
 * remora_tasks_popover_set_session:
 * @self: a #RemoraTasksPopover
 * @session: (nullable): the session the rows are added to
 */
void
remora_tasks_popover_set_session (RemoraTasksPopover *self, RemoraSession *session)
{
  g_return_if_fail (REMORA_IS_TASKS_POPOVER (self));
  if (g_set_object (&self->session, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

RemoraSession *
remora_tasks_popover_get_session (RemoraTasksPopover *self)
{
  g_return_val_if_fail (REMORA_IS_TASKS_POPOVER (self), NULL);
  return self->session;
}

static void
remora_tasks_popover_dispose (GObject *object)
{
  RemoraTasksPopover *self = REMORA_TASKS_POPOVER (object);

  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMORA_TYPE_TASKS_POPOVER);
  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->items);
  g_clear_pointer (&self->tasks, g_array_unref);
  g_clear_pointer (&self->devices, g_array_unref);
  G_OBJECT_CLASS (remora_tasks_popover_parent_class)->dispose (object);
}

static void
remora_tasks_popover_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, REMORA_TASKS_POPOVER (object)->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_tasks_popover_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      remora_tasks_popover_set_session (REMORA_TASKS_POPOVER (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_tasks_popover_class_init (RemoraTasksPopoverClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_tasks_popover_dispose;
  object_class->get_property = remora_tasks_popover_get_property;
  object_class->set_property = remora_tasks_popover_set_property;

  properties[PROP_SESSION] =
      g_param_spec_object ("session", NULL, NULL, REMORA_TYPE_SESSION,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/remora/Remora/remora-tasks-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, RemoraTasksPopover, search);
  gtk_widget_class_bind_template_child (widget_class, RemoraTasksPopover, list);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
}

static void
remora_tasks_popover_init (RemoraTasksPopover *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection     *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_list_store_new (REMORA_TYPE_TASK_ITEM);
  self->filter =
      gtk_string_filter_new (gtk_property_expression_new (REMORA_TYPE_TASK_ITEM, NULL, "title"));
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  /* the list model takes its own references; the popover keeps its own */
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                           g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_signal_connect (self, "show", G_CALLBACK (on_show), NULL);
}
