/* remora-filter-dialog.c: choosing what the list and the timeline show
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-filter-dialog.h"

#include <glib/gi18n.h>

#include "remora-filter-choice.h"

/* The dialog ---------------------------------------------------------------- */

struct _RemoraFilterDialog
{
  GtkWindow parent_instance;

  char         *store_path;
  RemoraFilter *initial;
  gboolean      loaded;
  GCancellable *loading;

  GtkStack            *stack;
  GtkWidget           *spinner;
  GListStore          *cpus;
  GListStore          *tasks;
  GListStore          *systems;
  GtkSearchEntry      *task_search;
  GtkCustomFilter     *task_filter;
  GtkFilterListModel  *tasks_shown;
  GtkColumnView       *cpu_view;
  GtkColumnView       *task_view;
  GtkColumnView       *event_view;
  GtkColumnViewColumn *task_column;
  GtkColumnViewColumn *task_events_column;
  GtkColumnViewColumn *task_run_column;
  GtkEntry            *expression;
  GtkLabel            *unknown; /* the fields the expression names that no event has */
  GHashTable          *fields;  /* the trace's field names */
  GtkLabel            *error;
  GtkDropDown         *target;
  GtkCheckButton      *hide;
  GtkWidget           *apply;
  GtkWidget           *busy;
};

/* @message in the error label: libtraceevent's own lines after the first
 * (the expression with a caret under where it failed) in monospace, so the
 * caret stays under its character. */
static void
show_error (RemoraFilterDialog *self, const char *message)
{
  const char      *nl = strchr (message, '\n');
  g_autofree char *head = g_markup_escape_text (message, nl ? nl - message : -1);
  g_autofree char *tail = nl ? g_markup_escape_text (nl + 1, -1) : NULL;
  g_autofree char *markup =
      tail ? g_strdup_printf ("%s\n<tt>%s</tt>", head, tail) : g_strdup (head);

  gtk_label_set_markup (self->error, markup);
  gtk_widget_set_visible (GTK_WIDGET (self->error), TRUE);
}

G_DEFINE_FINAL_TYPE (RemoraFilterDialog, remora_filter_dialog, GTK_TYPE_WINDOW)

static void on_expression_changed (RemoraFilterDialog *self);

enum
{
  APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Loading what there is to choose, on a worker -------------------------------- */

typedef struct
{
  GArray     *cpus;   /* RemoraCpuStats */
  GArray     *types;  /* RemoraEventType */
  GArray     *tasks;  /* RemoraTaskTally */
  GHashTable *fields; /* every format's field names */
} Loaded;

static void
loaded_free (gpointer data)
{
  Loaded *l = data;

  g_clear_pointer (&l->cpus, g_array_unref);
  g_clear_pointer (&l->types, g_array_unref);
  g_clear_pointer (&l->tasks, g_array_unref);
  g_clear_pointer (&l->fields, g_hash_table_unref);
  g_free (l);
}

static void
load_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr (RemoraStore) store = NULL;
  GError *error = NULL;
  Loaded *l = g_new0 (Loaded, 1);

  remora_lower_thread_priority ();
  if ((store = remora_store_open (path, &error)) == NULL ||
      (l->cpus = remora_store_read_cpu_stats (store, &error)) == NULL ||
      (l->types = remora_store_read_event_types (store, &error)) == NULL ||
      (l->tasks = remora_store_read_task_tallies (store, cancellable, &error)) == NULL ||
      (l->fields = remora_store_read_field_names (store, &error)) == NULL)
    {
      loaded_free (l);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, l, loaded_free);
}

static gboolean
in_ints (GArray *set, gsize size, gint64 v)
{
  if (set == NULL)
    return TRUE;
  for (guint i = 0; i < set->len; i++)
    {
      gint64 x = size == sizeof (gint64)   ? g_array_index (set, gint64, i)
                 : size == sizeof (gint32) ? g_array_index (set, gint32, i)
                                           : g_array_index (set, int, i);
      if (x == v)
        return TRUE;
    }
  return FALSE;
}

static void
fill_cpus (RemoraFilterDialog *self, GArray *stats)
{
  g_autoptr (GArray) events = g_array_new (FALSE, TRUE, sizeof (gint64));

  /* by number, every buffer's CPU of that number together */
  for (guint i = 0; i < stats->len; i++)
    {
      const RemoraCpuStats *c = &g_array_index (stats, RemoraCpuStats, i);
      if (c->cpu < 0 || c->cpu > 8192)
        continue;
      if ((guint) c->cpu >= events->len)
        g_array_set_size (events, c->cpu + 1);
      g_array_index (events, gint64, c->cpu) += c->events;
    }
  for (guint cpu = 0; cpu < events->len; cpu++)
    {
      g_autofree char *label = g_strdup_printf (_ ("CPU %u"), cpu);
      gint64           n = g_array_index (events, gint64, cpu);
      g_autoptr (RemoraChoice) c = remora_choice_new (
          label,
          g_strdup_printf (
              ngettext ("%'" G_GINT64_FORMAT " event", "%'" G_GINT64_FORMAT " events", n), n),
          cpu, in_ints (self->initial->cpus, sizeof (int), cpu));
      c->count = n;
      g_list_store_append (self->cpus, c);
    }
}

static void
fill_tasks (RemoraFilterDialog *self, GArray *tasks)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < tasks->len; i++)
    {
      const RemoraTaskTally *t = &g_array_index (tasks, RemoraTaskTally, i);
      g_autofree char       *label = g_strdup_printf ("%s-%d", t->comm ? t->comm : "<...>", t->pid);
      RemoraChoice          *c = remora_choice_new (label, NULL, t->pid,
                                                    in_ints (self->initial->pids, sizeof (gint32), t->pid));

      c->count = t->events;
      c->run_ns = t->run_ns;
      g_ptr_array_add (all, c);
    }
  g_list_store_splice (self->tasks, 0, 0, all->pdata, all->len);
}

static void
fill_events (RemoraFilterDialog *self, GArray *types)
{
  g_autoptr (GHashTable) systems = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* the systems with their counts, given to the tree once counted: a row
   * shown takes its count when it is bound */
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  /* systems, then events, by name; an event of several buffers is one */
  for (guint i = 0; i < types->len; i++)
    {
      const RemoraEventType *t = &g_array_index (types, RemoraEventType, i);
      RemoraChoice          *sys = g_hash_table_lookup (systems, t->system);
      g_autofree char       *key = g_strconcat (t->system, ":", t->name, NULL);
      RemoraChoice          *ev;

      if (sys == NULL)
        {
          sys = remora_choice_new (t->system, NULL, 0, TRUE);
          sys->children = g_list_store_new (REMORA_TYPE_CHOICE);
          g_ptr_array_add (all, sys);
          g_hash_table_insert (systems, sys->label, sys);
        }
      ev = g_hash_table_lookup (events, key);
      if (ev == NULL)
        {
          ev = remora_choice_new (t->name, NULL, 0,
                                  in_ints (self->initial->types, sizeof (gint64), t->id));
          ev->types = g_array_new (FALSE, FALSE, sizeof (gint64));
          ev->parent = sys;
          g_list_store_append (sys->children, ev);
          g_hash_table_insert (events, g_steal_pointer (&key), ev);
          g_object_unref (ev);
        }
      g_array_append_val (ev->types, t->id);
      ev->count += t->count;
      sys->count += t->count;
    }
  for (guint i = 0; i < all->len; i++)
    {
      RemoraChoice *sys = g_ptr_array_index (all, i);
      guint         n = g_list_model_get_n_items (G_LIST_MODEL (sys->children));

      sys->detail = g_strdup_printf (
          ngettext ("%'" G_GINT64_FORMAT " event", "%'" G_GINT64_FORMAT " events", sys->count),
          sys->count);
      for (guint j = 0; j < n; j++)
        {
          g_autoptr (RemoraChoice) ev = g_list_model_get_item (G_LIST_MODEL (sys->children), j);
          ev->detail = g_strdup_printf (
              ngettext ("%'" G_GINT64_FORMAT " event", "%'" G_GINT64_FORMAT " events", ev->count),
              ev->count);
        }
      remora_choice_sync_parent (sys);
    }
  g_list_store_splice (self->systems, 0, 0, all->pdata, all->len);
}

static void
on_loaded (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  Loaded             *l = g_task_propagate_pointer (G_TASK (result), &error);
  RemoraFilterDialog *self;

  if (l == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = REMORA_FILTER_DIALOG (user_data);
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_widget_set_visible (self->spinner, FALSE);
  if (l == NULL)
    {
      show_error (self, error->message);
      return;
    }
  fill_cpus (self, l->cpus);
  fill_tasks (self, l->tasks);
  fill_events (self, l->types);
  self->fields = g_steal_pointer (&l->fields);
  loaded_free (l);
  on_expression_changed (self);
  self->loaded = TRUE;
  gtk_widget_set_sensitive (self->apply, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->stack), TRUE);
}

/* What was chosen -------------------------------------------------------------- */

/* The ids of the active choices, or NULL when all are. */
static GArray *
chosen (GListModel *model, gsize size)
{
  GArray  *ids = g_array_new (FALSE, FALSE, size);
  guint    n = g_list_model_get_n_items (model);
  gboolean all = TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RemoraChoice) c = g_list_model_get_item (model, i);
      if (!c->active)
        {
          all = FALSE;
          continue;
        }
      if (size == sizeof (int))
        {
          int v = (int) c->id;
          g_array_append_val (ids, v);
        }
      else
        {
          gint32 v = (gint32) c->id;
          g_array_append_val (ids, v);
        }
    }
  if (all)
    g_clear_pointer (&ids, g_array_unref);
  return ids;
}

/**
 * remora_filter_dialog_get_filter:
 * @self: a #RemoraFilterDialog
 *
 * Returns: (transfer full): the filter chosen (without a text to search:
 *   the list's bar has it).
 */
RemoraFilter *
remora_filter_dialog_get_filter (RemoraFilterDialog *self)
{
  RemoraFilter    *f = remora_filter_new ();
  g_autofree char *expr =
      g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->expression))));
  guint    n = g_list_model_get_n_items (G_LIST_MODEL (self->systems));
  gboolean all = TRUE;

  g_return_val_if_fail (REMORA_IS_FILTER_DIALOG (self), f);
  if (!self->loaded)
    {
      remora_filter_free (f);
      return remora_filter_copy (self->initial);
    }
  f->cpus = chosen (G_LIST_MODEL (self->cpus), sizeof (int));
  f->pids = chosen (G_LIST_MODEL (self->tasks), sizeof (gint32));
  f->types = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RemoraChoice) sys = g_list_model_get_item (G_LIST_MODEL (self->systems), i);
      guint m = g_list_model_get_n_items (G_LIST_MODEL (sys->children));

      for (guint j = 0; j < m; j++)
        {
          g_autoptr (RemoraChoice) ev = g_list_model_get_item (G_LIST_MODEL (sys->children), j);
          if (ev->active)
            g_array_append_vals (f->types, ev->types->data, ev->types->len);
          else
            all = FALSE;
        }
    }
  if (all)
    g_clear_pointer (&f->types, g_array_unref);
  if (expr[0] != '\0')
    f->expression = g_steal_pointer (&expr);
  f->text = g_strdup (self->initial->text);
  return f;
}

/**
 * remora_filter_dialog_get_target:
 * @self: a #RemoraFilterDialog
 *
 * Returns: what the filter applies to.
 */
RemoraFilterTarget
remora_filter_dialog_get_target (RemoraFilterDialog *self)
{
  g_return_val_if_fail (REMORA_IS_FILTER_DIALOG (self), REMORA_FILTER_TARGET_BOTH);
  return (RemoraFilterTarget) gtk_drop_down_get_selected (self->target);
}

/**
 * remora_filter_dialog_get_loaded:
 * @self: a #RemoraFilterDialog
 *
 * Returns: whether the CPUs, tasks and events to choose from are there.
 */
gboolean
remora_filter_dialog_get_loaded (RemoraFilterDialog *self)
{
  g_return_val_if_fail (REMORA_IS_FILTER_DIALOG (self), FALSE);
  return self->loaded;
}

/**
 * remora_filter_dialog_set_expression:
 * @self: a #RemoraFilterDialog
 * @expression: a libtraceevent filter
 */
void
remora_filter_dialog_set_expression (RemoraFilterDialog *self, const char *expression)
{
  g_return_if_fail (REMORA_IS_FILTER_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->expression), expression);
}

/**
 * remora_filter_dialog_finish:
 * @self: a #RemoraFilterDialog
 * @error: (nullable): why the filter could not be applied
 *
 * Said when the filter asked for is applied (the dialog closes) or failed
 * (the dialog says why and stays).
 */
void
remora_filter_dialog_finish (RemoraFilterDialog *self, const GError *error)
{
  g_return_if_fail (REMORA_IS_FILTER_DIALOG (self));
  gtk_widget_set_visible (self->busy, FALSE);
  gtk_widget_set_sensitive (self->apply, TRUE);
  if (error == NULL)
    {
      /* GTK 4.8 warns when a window goes with the focus in an entry */
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  show_error (self, error->message);
  if (error->domain == REMORA_DATA_ERROR && error->code == REMORA_DATA_ERROR_BAD_FILTER)
    {
      gtk_stack_set_visible_child_name (self->stack, "expression");
      gtk_widget_grab_focus (GTK_WIDGET (self->expression));
    }
}

static void
on_apply (GtkButton *button, RemoraFilterDialog *self)
{
  g_autoptr (RemoraFilter) f = remora_filter_dialog_get_filter (self);

  gtk_widget_set_visible (GTK_WIDGET (self->error), FALSE);
  gtk_widget_set_visible (self->busy, TRUE);
  gtk_widget_set_sensitive (self->apply, FALSE);
  g_signal_emit (self, signals[APPLY], 0, f, (int) remora_filter_dialog_get_target (self));
}

/**
 * remora_filter_dialog_apply:
 * @self: a #RemoraFilterDialog
 *
 * Applies the filter chosen, as its button does.
 */
void
remora_filter_dialog_apply (RemoraFilterDialog *self)
{
  g_return_if_fail (REMORA_IS_FILTER_DIALOG (self));
  if (gtk_widget_get_sensitive (self->apply))
    on_apply (NULL, self);
}

/**
 * remora_filter_dialog_get_hide_left_out:
 * @self: a #RemoraFilterDialog
 *
 * Returns: whether the timeline is to hide what the filter leaves out
 *   rather than grey it.
 */
gboolean
remora_filter_dialog_get_hide_left_out (RemoraFilterDialog *self)
{
  g_return_val_if_fail (REMORA_IS_FILTER_DIALOG (self), FALSE);
  return gtk_check_button_get_active (self->hide);
}

/**
 * remora_filter_dialog_set_hide_left_out:
 * @self: a #RemoraFilterDialog
 * @hide: the choice shown
 */
void
remora_filter_dialog_set_hide_left_out (RemoraFilterDialog *self, gboolean hide)
{
  g_return_if_fail (REMORA_IS_FILTER_DIALOG (self));
  gtk_check_button_set_active (self->hide, hide);
}

/**
 * remora_filter_dialog_get_error:
 * @self: a #RemoraFilterDialog
 *
 * Returns: (nullable): why the last filter asked for failed, as shown.
 */
const char *
remora_filter_dialog_get_error (RemoraFilterDialog *self)
{
  g_return_val_if_fail (REMORA_IS_FILTER_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error)) ? gtk_label_get_text (self->error)
                                                           : NULL;
}

static void
on_cancel (GtkButton *button, RemoraFilterDialog *self)
{
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Pages --------------------------------------------------------------------- */

static void
on_check_setup (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_list_item_set_child (item, check);
}

static void
on_check_bind (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  RemoraChoice *c = gtk_list_item_get_item (item);
  GtkWidget    *check = gtk_list_item_get_child (item);
  GBinding     *b = g_object_bind_property (c, "active", check, "active",
                                            G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  gtk_check_button_set_label (GTK_CHECK_BUTTON (check), c->label);
  g_object_set_data (G_OBJECT (check), "remora-binding", b);
}

static void
on_check_unbind (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  GBinding  *b = g_object_get_data (G_OBJECT (check), "remora-binding");

  if (b != NULL)
    g_binding_unbind (b);
  g_object_set_data (G_OBJECT (check), "remora-binding", NULL);
}

static void
on_text_setup (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
on_events_bind (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  RemoraChoice    *c = gtk_list_item_get_item (item);
  g_autofree char *text = g_strdup_printf ("%'" G_GINT64_FORMAT, c->count);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
on_run_bind (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  RemoraChoice    *c = gtk_list_item_get_item (item);
  g_autofree char *text = remora_format_duration (c->run_ns);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static int
by_label (gconstpointer a, gconstpointer b, gpointer data)
{
  const RemoraChoice *x = a, *y = b;
  int                 r = g_utf8_collate (x->label, y->label);

  return r != 0 ? r : (x->id > y->id) - (x->id < y->id);
}

static int
by_count (gconstpointer a, gconstpointer b, gpointer data)
{
  const RemoraChoice *x = a, *y = b;

  return (x->count > y->count) - (x->count < y->count);
}

static int
by_run (gconstpointer a, gconstpointer b, gpointer data)
{
  const RemoraChoice *x = a, *y = b;

  return (x->run_ns > y->run_ns) - (x->run_ns < y->run_ns);
}

static gboolean
task_matches (gpointer item, gpointer data)
{
  RemoraFilterDialog *self = data;
  const RemoraChoice *c = item;
  const char         *text = gtk_editable_get_text (GTK_EDITABLE (self->task_search));
  g_autofree char    *folded = NULL, *label = NULL;

  if (text[0] == '\0')
    return TRUE;
  folded = g_utf8_casefold (text, -1);
  label = g_utf8_casefold (c->label, -1);
  return strstr (label, folded) != NULL;
}

static void
on_task_search (GtkSearchEntry *entry, RemoraFilterDialog *self)
{
  gtk_filter_changed (GTK_FILTER (self->task_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* All or none of @model's shown choices. */
static void
set_all (GListModel *model, gboolean active)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RemoraChoice) c = g_list_model_get_item (model, i);
      remora_choice_set_active (c, active);
    }
}

/* The choices the page of @view lists (those the search shows). */
static GListModel *
choices_of (RemoraFilterDialog *self, GtkColumnView *view)
{
  if (view == self->cpu_view)
    return G_LIST_MODEL (self->cpus);
  if (view == self->task_view)
    return G_LIST_MODEL (self->tasks_shown);
  return G_LIST_MODEL (self->systems);
}

static void
on_all (GtkButton *button, GtkColumnView *view)
{
  RemoraFilterDialog *self = REMORA_FILTER_DIALOG (gtk_widget_get_root (GTK_WIDGET (button)));

  set_all (choices_of (self, view), TRUE);
}

static void
on_none (GtkButton *button, GtkColumnView *view)
{
  RemoraFilterDialog *self = REMORA_FILTER_DIALOG (gtk_widget_get_root (GTK_WIDGET (button)));

  set_all (choices_of (self, view), FALSE);
}

static GListModel *
event_children (gpointer item, gpointer data)
{
  RemoraChoice *c = item;

  return c->children ? g_object_ref (G_LIST_MODEL (c->children)) : NULL;
}

static void
on_tree_setup (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *expander = gtk_tree_expander_new ();

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), gtk_check_button_new ());
  gtk_list_item_set_child (item, expander);
}

static void
on_tree_bind (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  RemoraChoice   *c = gtk_tree_list_row_get_item (row);
  GtkWidget      *expander = gtk_list_item_get_child (item);
  GtkWidget      *check = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GBinding       *a, *b;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_check_button_set_label (GTK_CHECK_BUTTON (check), c->label);
  a = g_object_bind_property (c, "active", check, "active",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  b = g_object_bind_property (c, "inconsistent", check, "inconsistent", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (check), "remora-binding", a);
  g_object_set_data (G_OBJECT (check), "remora-binding-2", b);
  g_object_unref (c);
}

static void
on_tree_unbind (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *check = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));

  for (int i = 0; i < 2; i++)
    {
      const char *key = i == 0 ? "remora-binding" : "remora-binding-2";
      GBinding   *b = g_object_get_data (G_OBJECT (check), key);
      if (b != NULL)
        g_binding_unbind (b);
      g_object_set_data (G_OBJECT (check), key, NULL);
    }
}

static void
on_tree_count_bind (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr (RemoraChoice) c = gtk_tree_list_row_get_item (row);
  g_autofree char *text = g_strdup_printf ("%'" G_GINT64_FORMAT, c->count);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

/* A field the expression compares that no event has: libtraceevent takes
 * it, as trace-cmd does, and the comparison keeps nothing; say so as it is
 * typed. */
static void
on_expression_changed (RemoraFilterDialog *self)
{
  g_auto (GStrv) unknown = NULL;
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;

  if (self->fields == NULL)
    return;
  unknown = remora_filter_find_unknown_fields (
      gtk_editable_get_text (GTK_EDITABLE (self->expression)), self->fields);
  gtk_widget_set_visible (GTK_WIDGET (self->unknown), unknown[0] != NULL);
  if (unknown[0] == NULL)
    return;
  list = g_strjoinv ("”, “", unknown);
  text = g_strdup_printf (
      /* Translators: %s is one or more field names, “a”, “b”; a filter naming a field that
       * no event has keeps no event by that comparison (trace-cmd accepts it too) */
      ngettext ("No event of this trace has a field “%s”: the filter keeps no event by it.",
                "No event of this trace has the fields “%s”: the filter keeps no event by them.",
                g_strv_length (unknown)),
      list);
  gtk_label_set_text (self->unknown, text);
}

static void
on_expression_activate (GtkEntry *entry, RemoraFilterDialog *self)
{
  if (gtk_widget_get_sensitive (self->apply))
    on_apply (NULL, self);
}

/* GObject --------------------------------------------------------------------- */

/**
 * remora_filter_dialog_new:
 * @parent: the window
 * @store: the store whose events are filtered
 * @filter: the filter applied now
 * @target: what it applies to
 *
 * Returns: (transfer none): a dialog that emits "apply" with the filter
 *   chosen and what it applies to; the caller answers with
 *   remora_filter_dialog_finish().
 */
RemoraFilterDialog *
remora_filter_dialog_new (GtkWindow          *parent,
                          RemoraStore        *store,
                          const RemoraFilter *filter,
                          RemoraFilterTarget  target)
{
  RemoraFilterDialog *self =
      g_object_new (REMORA_TYPE_FILTER_DIALOG, "transient-for", parent, NULL);
  g_autoptr (GTask) task = NULL;

  self->store_path = g_strdup (remora_store_get_path (store));
  self->initial = filter ? remora_filter_copy (filter) : remora_filter_new ();
  if (self->initial->expression != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->expression), self->initial->expression);
  gtk_drop_down_set_selected (self->target, target);
  task = g_task_new (NULL, self->loading, on_loaded, self);
  g_task_set_task_data (task, g_strdup (self->store_path), g_free);
  g_task_run_in_thread (task, load_thread);
  return self;
}

static void
remora_filter_dialog_dispose (GObject *object)
{
  RemoraFilterDialog *self = REMORA_FILTER_DIALOG (object);

  g_cancellable_cancel (self->loading);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMORA_TYPE_FILTER_DIALOG);
  G_OBJECT_CLASS (remora_filter_dialog_parent_class)->dispose (object);
}

static void
remora_filter_dialog_finalize (GObject *object)
{
  RemoraFilterDialog *self = REMORA_FILTER_DIALOG (object);

  g_clear_object (&self->loading);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_object (&self->cpus);
  g_clear_object (&self->tasks);
  g_clear_object (&self->systems);
  g_clear_object (&self->task_filter);
  g_clear_object (&self->tasks_shown);
  remora_filter_free (self->initial);
  g_free (self->store_path);
  G_OBJECT_CLASS (remora_filter_dialog_parent_class)->finalize (object);
}

static void
remora_filter_dialog_class_init (RemoraFilterDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_filter_dialog_dispose;
  object_class->finalize = remora_filter_dialog_finalize;
  /**
   * RemoraFilterDialog::apply:
   * @self: the dialog
   * @filter: the filter chosen
   * @target: a #RemoraFilterTarget
   */
  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 2, REMORA_TYPE_FILTER, G_TYPE_INT);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/remora/Remora/remora-filter-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, error);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, target);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, hide);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, busy);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, apply);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, cpu_view);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, task_search);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, task_view);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, task_column);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, task_events_column);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, task_run_column);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, event_view);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, expression);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterDialog, unknown);
  gtk_widget_class_bind_template_callback (widget_class, on_check_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_check_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_check_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_text_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_events_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_run_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_tree_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_tree_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_tree_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_tree_count_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_all);
  gtk_widget_class_bind_template_callback (widget_class, on_none);
  gtk_widget_class_bind_template_callback (widget_class, on_task_search);
  gtk_widget_class_bind_template_callback (widget_class, on_expression_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_expression_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel);
  gtk_widget_class_bind_template_callback (widget_class, on_apply);
}

static void
remora_filter_dialog_init (RemoraFilterDialog *self)
{
  GtkSortListModel *sorted;
  GtkTreeListModel *tree;

  self->loading = g_cancellable_new ();
  self->cpus = g_list_store_new (REMORA_TYPE_CHOICE);
  self->tasks = g_list_store_new (REMORA_TYPE_CHOICE);
  self->systems = g_list_store_new (REMORA_TYPE_CHOICE);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the pages' lists: what the trace holds, once it is read */
  gtk_column_view_set_model (self->cpu_view, GTK_SELECTION_MODEL (gtk_no_selection_new (
                                                 g_object_ref (G_LIST_MODEL (self->cpus)))));
  self->task_filter = gtk_custom_filter_new (task_matches, self, NULL);
  self->tasks_shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->tasks)),
                                                 GTK_FILTER (g_object_ref (self->task_filter)));
  gtk_column_view_column_set_sorter (self->task_column,
                                     GTK_SORTER (gtk_custom_sorter_new (by_label, NULL, NULL)));
  gtk_column_view_column_set_sorter (self->task_events_column,
                                     GTK_SORTER (gtk_custom_sorter_new (by_count, NULL, NULL)));
  gtk_column_view_column_set_sorter (self->task_run_column,
                                     GTK_SORTER (gtk_custom_sorter_new (by_run, NULL, NULL)));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->tasks_shown)),
                                    g_object_ref (gtk_column_view_get_sorter (self->task_view)));
  gtk_column_view_set_model (self->task_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));
  gtk_column_view_sort_by_column (self->task_view, self->task_events_column, GTK_SORT_DESCENDING);
  tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->systems)), FALSE, FALSE,
                                  event_children, NULL, NULL);
  gtk_column_view_set_model (self->event_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (tree))));
}
