/* remora-latency-pane.c: the latency pane: a tab for block I/O and one for
 * scheduling (wakeup → run), each a table of every pair, sortable by any
 * column, its grouped statistics, a histogram and a scatter plot; Jump to
 * Worst and Next Worse / Next Better walk the pairs by latency. A section
 * watching the session (`session` property): activating a pair zooms the
 * timeline to it and selects it there.
 *
 * Everything that grows with the trace runs on a worker: reading the pairs
 * (remora_latency_table_read(), on a connection of its own), sorting them,
 * and drawing the plots (remora_latency_plot_paint() into an image); the
 * main loop builds only the table's visible rows.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-latency-pane.h"

#include <glib/gi18n.h>

#include "remora-latency-model.h"

/* What one tab shows. */
typedef struct
{
  RemoraLatencyPane   *pane; /* not owned */
  RemoraLatencyKind    kind;
  RemoraLatencyTable  *table;
  GArray              *by_latency; /* the pairs shown, the longest first */
  GArray              *rank;       /* of each pair of the table: its place in by_latency, or -1 */
  int                  current;    /* the place in by_latency of the pair walked to, or -1 */
  RemoraLatencyModel  *model;
  GtkSingleSelection  *selection;
  GtkColumnView       *view;
  GtkColumnViewColumn *latency_column;
  GtkLabel            *status;
  GtkLabel            *stats;
  GtkDrawingArea      *plots[2];
  cairo_surface_t     *pictures[2]; /* the plots as last drawn */
  GCancellable        *loading;
  GCancellable        *sorting;
  GCancellable        *drawing;
  RemoraLatencyColumn  sort_column;
  gboolean             sort_descending;
  int                  probing;   /* the column whose sorter was asked, while probing */
  GHashTable          *by_id;     /* a request's id, or a wakeup's switch event, to its pair + 1 */
  gboolean             following; /* the table's selection set from the session's */
  int                  pending;   /* an export asked before the pairs were read: 1 plot, 2 table */
  gboolean             busy;      /* a reload under way */
  guint                growing;   /* the tick that shows the rows a screenful a frame */
  /* the tab's filters */
  GtkEditable         *task_entry;
  GtkEditable         *cpu_entry;
  GtkEditable         *min_entry;
  GtkDropDown         *kind_drop; /* requests only */
  GtkEditable         *dev_entry; /* requests only */
  gboolean             full_busy; /* one that selects the pairs anew */
  GtkColumnViewColumn *columns[REMORA_LATENCY_N_COLUMNS];
} Page;

struct _RemoraLatencyPane
{
  GtkWidget parent_instance;

  RemoraSession  *session;
  GSignalGroup   *session_signals;
  GtkStack       *stack;
  GtkCheckButton *visible_only;
  Page            pages[2]; /* block, sched */
  gboolean        dark;
};

G_DEFINE_FINAL_TYPE (RemoraLatencyPane, remora_latency_pane, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (Page *page);
static void redraw_plots (Page *page);
static void ask_export (RemoraLatencyPane *self, gboolean plot);
static void on_row_selected (GtkSingleSelection *selection, GParamSpec *pspec, Page *page);
static void load_shown_first (RemoraLatencyPane *self);
static void read_filters (Page *page, RemoraLatencyFilter *filter, char **task);

/* The page on show. */
static Page *
shown_page (RemoraLatencyPane *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  return &self->pages[g_strcmp0 (name, "sched") == 0 ? 1 : 0];
}

/* Taking a worker's answers -------------------------------------------------- */

/* A model of rows, and a selection over it, for the table. */
static void
new_model (Page *page)
{
  page->model = remora_latency_model_new ();
  page->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (page->model)));
  gtk_single_selection_set_autoselect (page->selection, FALSE);
  gtk_single_selection_set_can_unselect (page->selection, TRUE);
  g_signal_connect (page->selection, "notify::selected", G_CALLBACK (on_row_selected), page);
}

/* The table's rows in a new order or a new choice (the model keeps the
 * rows' widgets: remora-latency-model.c); the selection follows its pair. */
static gboolean
grow_rows (GtkWidget *view, GdkFrameClock *clock, gpointer data)
{
  Page *page = data;

  if (remora_latency_model_grow (page->model))
    return G_SOURCE_CONTINUE;
  page->growing = 0;
  return G_SOURCE_REMOVE;
}

static void
set_rows (Page *page, GArray *rows)
{
  gint64 selected = remora_latency_model_get_index (
      page->model, gtk_single_selection_get_selected (page->selection));
  guint position;

  page->following = TRUE;
  gtk_single_selection_set_selected (page->selection, GTK_INVALID_LIST_POSITION);
  remora_latency_model_set (page->model, page->table, rows);
  if (selected >= 0 && (position = remora_latency_model_find (page->model, (guint) selected)) !=
                           GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (page->selection, position);
  page->following = FALSE;
  /* the rest of a table shown first, a screenful a frame */
  if (page->growing == 0 && rows != NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (page->model)) < rows->len)
    page->growing = gtk_widget_add_tick_callback (GTK_WIDGET (page->view), grow_rows, page, NULL);
}

/* The pairs' places by latency (-1 for those not shown). */
static GArray *
make_rank (guint n, const GArray *by_latency)
{
  GArray *rank = g_array_sized_new (FALSE, FALSE, sizeof (int), n);

  g_array_set_size (rank, n);
  for (guint i = 0; i < n; i++)
    g_array_index (rank, int, i) = -1;
  for (guint k = 0; by_latency && k < by_latency->len; k++)
    g_array_index (rank, int, g_array_index (by_latency, guint, k)) = (int) k;
  return rank;
}

/* The grouped statistics, as text in columns. */
static char *
dup_stats (RemoraLatencyTable *table, RemoraLatencyKind kind, const GArray *rows)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GArray) groups = remora_latency_table_groups (
      table, rows,
      kind == REMORA_LATENCY_BLOCK ? REMORA_LATENCY_BY_DEVICE_KIND : REMORA_LATENCY_BY_CPU);

  /* Translators: the heading of the latency pane's grouped statistics */
  g_string_append_printf (text, "%-14s %7s %10s %10s %10s %10s %10s %10s\n", _ ("group"),
                          _ ("count"), _ ("min"), "p50", "p90", "p99", _ ("max"), _ ("mean"));
  for (guint i = 0; i < groups->len; i++)
    {
      const RemoraLatencyGroup *g = &g_array_index (groups, RemoraLatencyGroup, i);
      g_autofree char          *min = remora_format_duration (g->latency.min_ns);
      g_autofree char          *p50 = remora_format_duration (g->latency.p50_ns);
      g_autofree char          *p90 = remora_format_duration (g->latency.p90_ns);
      g_autofree char          *p99 = remora_format_duration (g->latency.p99_ns);
      g_autofree char          *max = remora_format_duration (g->latency.max_ns);
      g_autofree char          *mean = remora_format_duration ((gint64) (g->latency.mean_ns + 0.5));

      g_string_append_printf (text, "%-14s %7lld %10s %10s %10s %10s %10s %10s\n", g->label,
                              (long long) g->latency.count, min, p50, p90, p99, max, mean);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_status (Page *page)
{
  guint            n = page->by_latency ? page->by_latency->len : 0;
  g_autofree char *count =
      page->kind == REMORA_LATENCY_BLOCK
          ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request", "%u requests", n), n)
          : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u wakeup", "%u wakeups", n), n);

  gtk_label_set_text (page->status, count);
}

/* Reading the pairs ---------------------------------------------------------- */

typedef struct
{
  char               *store_path;
  RemoraLatencyKind   kind;
  RemoraLatencyTable *table;
  RemoraLatencyFilter filter;
  GArray             *shown;      /* in the table's order */
  GArray             *by_latency; /* the longest first */
  GArray             *rank;       /* each pair's place in by_latency */
  GHashTable         *by_id;      /* when the table was read now */
  char               *stats;
  gboolean            sort_only; /* by_latency given: only shown is sorted */
  char               *task;      /* the filter's task text */
  RemoraLatencyColumn column;
  gboolean            descending;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_free (job->store_path);
  g_clear_pointer (&job->table, remora_latency_table_unref);
  g_clear_pointer (&job->shown, g_array_unref);
  g_clear_pointer (&job->by_latency, g_array_unref);
  g_clear_pointer (&job->rank, g_array_unref);
  g_clear_pointer (&job->by_id, g_hash_table_unref);
  g_free (job->stats);
  g_free (job->task);
  g_free (job);
}

static void
load_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  LoadJob *job = data;
  GError  *error = NULL;

  remora_lower_thread_priority ();
  if (job->table == NULL)
    {
      g_autoptr (RemoraStore) store = remora_store_open (job->store_path, &error);

      if (store == NULL ||
          (job->table = remora_latency_table_read (store, job->kind, &error)) == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      /* a request's id, or the switch that ended a wakeup's latency, to its
       * pair (plus one): what a selection on the timeline finds its row by */
      job->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < remora_latency_table_get_n (job->table); i++)
        {
          const RemoraLatencyPair *p = remora_latency_table_get (job->table, i);
          gint64 key = job->kind == REMORA_LATENCY_BLOCK ? p->id : p->end_event_id;

          g_hash_table_insert (job->by_id, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (i + 1));
        }
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (job->sort_only)
    {
      /* the same pairs in another order */
      job->shown = g_array_copy (job->by_latency);
      remora_latency_table_sort (job->table, job->shown, job->column, job->descending);
      g_task_return_boolean (task, TRUE);
      return;
    }
  job->by_latency = remora_latency_table_select (job->table, &job->filter);
  remora_latency_table_sort (job->table, job->by_latency, REMORA_LATENCY_COLUMN_LATENCY, TRUE);
  job->rank = make_rank (remora_latency_table_get_n (job->table), job->by_latency);
  job->stats = dup_stats (job->table, job->kind, job->by_latency);
  job->shown = g_array_copy (job->by_latency);
  if (job->column != REMORA_LATENCY_COLUMN_LATENCY || !job->descending)
    remora_latency_table_sort (job->table, job->shown, job->column, job->descending);
  g_task_return_boolean (task, TRUE);
}

static void
on_loaded (GObject *object, GAsyncResult *result, gpointer data)
{
  Page    *page = data;
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          page->busy = page->full_busy = FALSE;
          gtk_label_set_text (page->status, error->message);
          if (page->pane->session)
            remora_session_note_problem (page->pane->session, error);
        }
      return;
    }
  if (page->table != job->table)
    {
      g_clear_pointer (&page->table, remora_latency_table_unref);
      page->table = remora_latency_table_ref (job->table);
    }
  if (job->by_id != NULL)
    {
      g_clear_pointer (&page->by_id, g_hash_table_unref);
      page->by_id = g_steal_pointer (&job->by_id);
    }
  page->busy = FALSE;
  page->full_busy = FALSE;
  set_rows (page, g_steal_pointer (&job->shown));
  if (job->sort_only)
    return;
  g_clear_pointer (&page->by_latency, g_array_unref);
  g_clear_pointer (&page->rank, g_array_unref);
  page->by_latency = g_steal_pointer (&job->by_latency);
  page->rank = g_steal_pointer (&job->rank);
  page->current = -1;
  update_status (page);
  gtk_label_set_text (page->stats, job->stats);
  redraw_plots (page);
  /* the other tab next */
  load_shown_first (page->pane);
  if (page->pending)
    {
      gboolean plot = page->pending == 1;

      page->pending = 0;
      ask_export (page->pane, plot);
    }
}

/* The tab's filters as the user typed them; one that does not parse is
 * marked and left out. */
static void
read_filters (Page *page, RemoraLatencyFilter *filter, char **task)
{
  RemoraSession   *session = page->pane->session;
  const char      *cpu = gtk_editable_get_text (page->cpu_entry);
  const char      *min = gtk_editable_get_text (page->min_entry);
  guint64          n;
  gint64           first = remora_session_get_info (session)->first_ts, at;
  g_autofree char *stripped = g_strstrip (g_strdup (cpu));

  *task = g_strstrip (g_strdup (gtk_editable_get_text (page->task_entry)));
  filter->task = *task;
  gtk_widget_remove_css_class (GTK_WIDGET (page->cpu_entry), "error");
  if (stripped[0] != '\0')
    {
      if (g_ascii_string_to_unsigned (stripped, 10, 0, 8191, &n, NULL))
        filter->cpu = (int) n;
      else
        gtk_widget_add_css_class (GTK_WIDGET (page->cpu_entry), "error");
    }
  gtk_widget_remove_css_class (GTK_WIDGET (page->min_entry), "error");
  if (min[0] != '\0')
    {
      /* a duration as the go-to entry reads one: 500us, 1.5ms */
      if (remora_parse_time (min, first, &at, NULL) && at >= first)
        filter->min_latency_ns = at - first;
      else
        gtk_widget_add_css_class (GTK_WIDGET (page->min_entry), "error");
    }
  if (page->dev_entry != NULL)
    {
      g_autofree char *dev = g_strstrip (g_strdup (gtk_editable_get_text (page->dev_entry)));

      gtk_widget_remove_css_class (GTK_WIDGET (page->dev_entry), "error");
      /* as trace-cmd prints it, 8,0 (or 8:0) */
      g_strdelimit (dev, ":", ',');
      if (dev[0] != '\0' && (filter->dev = remora_block_dev_parse (dev)) < 0)
        gtk_widget_add_css_class (GTK_WIDGET (page->dev_entry), "error");
    }
  if (page->kind_drop != NULL && gtk_drop_down_get_selected (page->kind_drop) > 0 &&
      gtk_drop_down_get_selected (page->kind_drop) != GTK_INVALID_LIST_POSITION)
    filter->kind = (int) gtk_drop_down_get_selected (page->kind_drop) - 1;
}

/* Reads (once) and selects the pairs, the whole trace's or the visible
 * range's, in the order asked; with @sort_only, the pairs shown in another
 * order. */
static void
reload_full (Page *page, gboolean sort_only)
{
  RemoraLatencyPane *self = page->pane;
  g_autoptr (GTask) task = NULL;
  LoadJob *job;

  if (self->session == NULL)
    return;
  g_cancellable_cancel (page->loading);
  g_clear_object (&page->loading);
  page->loading = g_cancellable_new ();
  page->busy = TRUE;
  job = g_new0 (LoadJob, 1);
  job->store_path = g_strdup (remora_store_get_path (remora_session_get_store (self->session)));
  job->kind = page->kind;
  job->table = page->table ? remora_latency_table_ref (page->table) : NULL;
  remora_latency_filter_init (&job->filter);
  if (gtk_check_button_get_active (self->visible_only))
    job->filter.range = remora_session_get_viewport (self->session)->visible;
  read_filters (page, &job->filter, &job->task);
  job->column = page->sort_column;
  job->descending = page->sort_descending;
  /* a sort does not cancel a new selection on its way: it is made with it */
  job->sort_only = sort_only && !page->full_busy && page->table != NULL && page->by_latency != NULL;
  page->full_busy = !job->sort_only;
  if (job->sort_only)
    job->by_latency = g_array_ref (page->by_latency);
  task = g_task_new (self, page->loading, on_loaded, page);
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, job, load_job_free);
  g_task_run_in_thread (task, load_thread);
}

static void
reload (Page *page)
{
  reload_full (page, FALSE);
}

/* Sorting: the column view's headers say the order; the rows are sorted on
 * a worker --------------------------------------------------------------- */

static int
probe_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  int *probing = g_object_get_data (G_OBJECT (data), "probing");
  int  column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (data), "column"));

  /* the first column asked is the primary one: it answers "smaller", which
   * the column view turns into "larger" when it sorts descending */
  if (*probing < 0)
    *probing = column;
  return *probing == column ? GTK_ORDERING_SMALLER : GTK_ORDERING_EQUAL;
}

static void
on_sort_changed (GtkSorter *sorter, GtkSorterChange change, Page *page)
{
  g_autoptr (GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  page->probing = -1;
  order = gtk_sorter_compare (sorter, a, b);
  if (page->probing < 0 || order == GTK_ORDERING_EQUAL)
    {
      page->sort_column = REMORA_LATENCY_COLUMN_LATENCY;
      page->sort_descending = TRUE;
    }
  else
    {
      page->sort_column = page->probing;
      page->sort_descending = order == GTK_ORDERING_LARGER;
    }
  page->probing = -1;
  reload_full (page, TRUE);
}

/* Walking to a pair ----------------------------------------------------------- */

/* The row of the session's rows that shows @dev, or -1. */
static int
device_row (RemoraSession *session, int dev)
{
  const GArray *rows = remora_session_get_rows (session);

  for (guint i = 0; i < rows->len; i++)
    {
      const RemoraRowSpec *r = &g_array_index (rows, RemoraRowSpec, i);
      if (r->kind == REMORA_ROW_DEVICE && r->buffer_id == 0 && r->id == dev)
        return (int) i;
    }
  return -1;
}

/* Zooms the timeline to pair @i of the table (with a margin each side of a
 * quarter of its length), selects it there and puts markers A and B on its
 * two events. */
static void
show_pair (Page *page, guint i)
{
  RemoraSession           *session = page->pane->session;
  const RemoraLatencyPair *p = remora_latency_table_get (page->table, i);
  gint64                   margin = MAX (1000, p->latency_ns / 4);
  int                      row;

  remora_session_set_visible (session, p->start_ts - margin, p->end_ts + margin);
  remora_session_set_marker (session, "A", p->start_ts);
  remora_session_set_marker (session, "B", p->end_ts);
  if (page->kind == REMORA_LATENCY_BLOCK && (row = device_row (session, p->dev)) >= 0)
    remora_session_select_request (session, row, p->id, 0);
  else if (p->end_event_id >= 0)
    /* the switch that ran the task, on its CPU's row */
    remora_session_select_event (session, p->end_event_id, p->end_ts, p->buffer_id, p->end_cpu, 0);
  else
    remora_session_select_event (session, p->start_event_id, p->start_ts, p->buffer_id,
                                 p->start_cpu, 0);
}

/* The column view's list, which scrolls to an item. */
static GtkWidget *
inner_list (Page *page)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (page->view)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_VIEW (c))
      return c;
  return NULL;
}

/* Selects pair @i of the table in the table (scrolled to it) and on the
 * timeline. */
static void
walk_to (Page *page, guint i)
{
  guint      position = remora_latency_model_find (page->model, i);
  GtkWidget *list = inner_list (page);

  page->current = g_array_index (page->rank, int, i);
  if (position != GTK_INVALID_LIST_POSITION)
    {
      page->following = TRUE;
      gtk_single_selection_set_selected (page->selection, position);
      page->following = FALSE;
      if (list)
        gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
    }
  show_pair (page, i);
}

static void
walk (RemoraLatencyPane *self, int step)
{
  Page *page = shown_page (self);
  int   to;

  if (page->by_latency == NULL || page->by_latency->len == 0)
    return;
  /* from the worst, or from the pair walked to */
  to = step == 0 ? 0 : CLAMP (page->current + step, 0, (int) page->by_latency->len - 1);
  if (step != 0 && page->current < 0)
    to = 0;
  walk_to (page, g_array_index (page->by_latency, guint, to));
}

static void
on_worst (RemoraLatencyPane *self)
{
  walk (self, 0);
}

static void
on_worse (RemoraLatencyPane *self)
{
  walk (self, -1);
}

static void
on_better (RemoraLatencyPane *self)
{
  walk (self, 1);
}

/* A row selected: its pair selected on the timeline too (where it is, the
 * range kept); activating it zooms there. */
static void
on_row_selected (GtkSingleSelection *selection, GParamSpec *pspec, Page *page)
{
  RemoraSession *session = page->pane->session;
  gint64         i =
      remora_latency_model_get_index (page->model, gtk_single_selection_get_selected (selection));
  const RemoraLatencyPair *p;
  int                      row;

  if (page->following || session == NULL || i < 0)
    return;
  p = remora_latency_table_get (page->table, (guint) i);
  page->current = g_array_index (page->rank, int, i);
  if (page->kind == REMORA_LATENCY_BLOCK && (row = device_row (session, p->dev)) >= 0)
    remora_session_select_request (session, row, p->id, 0);
  else if (p->end_event_id >= 0)
    remora_session_select_event (session, p->end_event_id, p->end_ts, p->buffer_id, p->end_cpu, 0);
}

/* The session's selection: a request, or the switch that ended a wakeup's
 * latency, selects its row. */
static void
on_selection (RemoraSession *session, GParamSpec *pspec, RemoraLatencyPane *self)
{
  const RemoraSelection *s = remora_session_get_selection (session);

  for (int k = 0; k < 2; k++)
    {
      Page  *page = &self->pages[k];
      gint64 key = s->event_id;
      guint  i, position;

      if (page->by_id == NULL ||
          (page->kind == REMORA_LATENCY_BLOCK) != (s->kind == REMORA_SELECTION_REQUEST) ||
          (s->kind != REMORA_SELECTION_REQUEST && s->kind != REMORA_SELECTION_EVENT))
        continue;
      i = GPOINTER_TO_UINT (g_hash_table_lookup (page->by_id, &key));
      if (i-- == 0)
        continue;
      position = remora_latency_model_find (page->model, i);
      if (position == GTK_INVALID_LIST_POSITION ||
          gtk_single_selection_get_selected (page->selection) == position)
        continue;
      page->following = TRUE;
      gtk_single_selection_set_selected (page->selection, position);
      page->following = FALSE;
      page->current = g_array_index (page->rank, int, i);
      if (inner_list (page))
        gtk_widget_activate_action (inner_list (page), "list.scroll-to-item", "u", position);
    }
}

static void
on_activate (GtkColumnView *view, guint position, Page *page)
{
  gint64 i = remora_latency_model_get_index (page->model, position);

  if (i >= 0)
    walk_to (page, (guint) i);
}

/* Plots, drawn on a worker ---------------------------------------------------- */

typedef struct
{
  RemoraLatencyTable    *table;
  GArray                *rows;
  RemoraLatencyPlotKind  kind;
  RemoraLatencyPlotStyle style;
  int                    scale;
  cairo_surface_t       *surface;
} DrawJob;

static void
draw_job_free (gpointer data)
{
  DrawJob *job = data;

  g_clear_pointer (&job->table, remora_latency_table_unref);
  g_clear_pointer (&job->rows, g_array_unref);
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_free (job);
}

static void
draw_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  DrawJob *job = data;
  cairo_t *cr;
  GError  *error = NULL;

  remora_lower_thread_priority ();
  job->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->style.width * job->scale,
                                             job->style.height * job->scale);
  cairo_surface_set_device_scale (job->surface, job->scale, job->scale);
  cr = cairo_create (job->surface);
  if (!remora_latency_plot_paint (job->table, job->rows, job->kind, &job->style, cr, &error))
    {
      cairo_destroy (cr);
      g_task_return_error (task, error);
      return;
    }
  cairo_destroy (cr);
  g_task_return_boolean (task, TRUE);
}

static void
on_drawn (GObject *object, GAsyncResult *result, gpointer data)
{
  GtkDrawingArea *area = data;
  DrawJob        *job = g_task_get_task_data (G_TASK (result));
  Page           *page = g_object_get_data (G_OBJECT (area), "page");
  int             which = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "which"));

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || page == NULL)
    {
      g_object_unref (area);
      return;
    }
  g_clear_pointer (&page->pictures[which], cairo_surface_destroy);
  page->pictures[which] = g_steal_pointer (&job->surface);
  gtk_widget_queue_draw (GTK_WIDGET (area));
  g_object_unref (area);
}

/* How the pane's plots are drawn: over the trace or the visible range, in
 * the session's times. */
static void
plot_style (
    RemoraLatencyPane *self, RemoraLatencyPlotStyle *style, int width, int height, gboolean dark)
{
  const RemoraTraceInfo *info = remora_session_get_info (self->session);

  remora_latency_plot_style_init (style);
  style->width = width;
  style->height = height;
  style->theme = remora_theme_get (dark);
  style->range = gtk_check_button_get_active (self->visible_only)
                     ? remora_session_get_viewport (self->session)->visible
                     : remora_time_range_make (info->first_ts, info->last_ts + 1);
  style->origin_ns = remora_session_get_absolute_time (self->session) ? 0 : info->first_ts;
}

static void
redraw_plots (Page *page)
{
  RemoraLatencyPane *self = page->pane;

  if (page->table == NULL || page->by_latency == NULL || self->session == NULL)
    return;
  g_cancellable_cancel (page->drawing);
  g_clear_object (&page->drawing);
  page->drawing = g_cancellable_new ();
  for (int which = 0; which < 2; which++)
    {
      GtkWidget *area = GTK_WIDGET (page->plots[which]);
      g_autoptr (GTask) task = NULL;
      DrawJob *job;
      int      w = gtk_widget_get_width (area), h = gtk_widget_get_height (area);

      if (w < 50 || h < 50)
        continue;
      job = g_new0 (DrawJob, 1);
      job->table = remora_latency_table_ref (page->table);
      job->rows = g_array_ref (page->by_latency);
      job->kind = which == 0 ? REMORA_LATENCY_PLOT_HISTOGRAM : REMORA_LATENCY_PLOT_SCATTER;
      plot_style (self, &job->style, w, h, self->dark);
      job->scale = gtk_widget_get_scale_factor (area);
      task = g_task_new (NULL, page->drawing, on_drawn, g_object_ref (area));
      g_task_set_source_tag (task, redraw_plots);
      g_task_set_task_data (task, job, draw_job_free);
      g_task_run_in_thread (task, draw_thread);
    }
}

static void
draw_plot (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  Page            *page = data;
  int              which = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "which"));
  cairo_surface_t *picture = page->pictures[which];
  double           sx, sy;

  if (picture == NULL)
    return;
  cairo_surface_get_device_scale (picture, &sx, &sy);
  /* the last picture, stretched to the new size until its own is drawn */
  cairo_scale (cr, width / (cairo_image_surface_get_width (picture) / sx),
               height / (cairo_image_surface_get_height (picture) / sy));
  cairo_set_source_surface (cr, picture, 0, 0);
  cairo_paint (cr);
}

static void
on_plot_resize (GtkDrawingArea *area, int width, int height, Page *page)
{
  redraw_plots (page);
}

/* Building a page ------------------------------------------------------------- */

/* A cell: an inscription, which takes the size its column gives it rather
 * than measuring its text (a table's 200 rows kept by the view cost a
 * tenth of what labels do, made and rebound). */
static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), GPOINTER_TO_INT (data) ? 1 : 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 10);
  gtk_list_item_set_child (item, cell);
}

/* A cell's text, from its item's pair. */
static void
show_cell (RemoraLatencyItem *it, GParamSpec *pspec, GtkListItem *item)
{
  GtkListItemFactory *factory = g_object_get_data (G_OBJECT (item), "factory");
  Page               *page = g_object_get_data (G_OBJECT (factory), "page");
  RemoraLatencyColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  RemoraSession      *session = page->pane->session;
  gint64              origin = 0;
  g_autofree char    *text = NULL;

  if (session && !remora_session_get_absolute_time (session))
    origin = remora_session_get_info (session)->first_ts;
  text = remora_latency_table_dup_cell (remora_latency_item_get_table (it),
                                        remora_latency_item_get_index (it), column, origin);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  RemoraLatencyItem *it = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (item), "factory", factory);
  show_cell (it, NULL, item);
  /* the rows ordered anew: the same item, another pair */
  g_signal_connect_object (it, "notify::index", G_CALLBACK (show_cell), item, 0);
}

static void
unbind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  RemoraLatencyItem *it = gtk_list_item_get_item (item);

  if (it != NULL)
    g_signal_handlers_disconnect_by_func (it, show_cell, item);
}

static GtkColumnViewColumn *
add_column (Page *page, RemoraLatencyColumn column, const char *title, gboolean numeric)
{
  GtkListItemFactory  *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *c;
  GtkSorter           *sorter;
  GObject             *key = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (G_OBJECT (factory), "page", page);
  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), NULL);
  c = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (c, TRUE);
  /* times whole: 0.374574180 */
  if (column == REMORA_LATENCY_COLUMN_START || column == REMORA_LATENCY_COLUMN_END)
    gtk_column_view_column_set_fixed_width (c, 104);
  /* a sorter per column makes its header clickable; what it says is read
   * by probing (GTK 4.8 does not tell which column sorts) */
  g_object_set_data (key, "probing", &page->probing);
  g_object_set_data (key, "column", GINT_TO_POINTER (column));
  sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, key, g_object_unref));
  gtk_column_view_column_set_sorter (c, sorter);
  g_object_unref (sorter);
  gtk_column_view_append_column (page->view, c);
  g_object_unref (c);
  page->columns[column] = c;
  return c;
}

static GtkWidget *
build_page (RemoraLatencyPane *self, Page *page)
{
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *stats_scroll = gtk_scrolled_window_new ();
  GtkWidget *table_box;
  gboolean   block = page->kind == REMORA_LATENCY_BLOCK;

  page->pane = self;
  page->current = -1;
  page->probing = -1;
  page->sort_column = REMORA_LATENCY_COLUMN_LATENCY;
  page->sort_descending = TRUE;
  new_model (page);
  page->view =
      GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (page->selection))));
  gtk_column_view_set_show_column_separators (page->view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (page->view), "data-table");
  page->latency_column = add_column (page, REMORA_LATENCY_COLUMN_LATENCY, _ ("Latency"), TRUE);
  /* Translators: a latency table's column: when its first event happened */
  add_column (page, REMORA_LATENCY_COLUMN_START, block ? _ ("Issued") : _ ("Woken"), TRUE);
  add_column (page, REMORA_LATENCY_COLUMN_END, block ? _ ("Completed") : _ ("Ran"), TRUE);
  if (block)
    {
      add_column (page, REMORA_LATENCY_COLUMN_DEVICE, _ ("Device"), FALSE);
      add_column (page, REMORA_LATENCY_COLUMN_KIND, _ ("Kind"), FALSE);
      add_column (page, REMORA_LATENCY_COLUMN_SECTOR, _ ("Sector"), TRUE);
      add_column (page, REMORA_LATENCY_COLUMN_SIZE, _ ("Size"), TRUE);
      add_column (page, REMORA_LATENCY_COLUMN_TASK, _ ("Issued by"), FALSE);
      add_column (page, REMORA_LATENCY_COLUMN_START_CPU, _ ("Issue CPU"), TRUE);
      add_column (page, REMORA_LATENCY_COLUMN_END_CPU, _ ("Completion CPU"), TRUE);
    }
  else
    {
      add_column (page, REMORA_LATENCY_COLUMN_TASK, _ ("Task"), FALSE);
      add_column (page, REMORA_LATENCY_COLUMN_PID, _ ("PID"), TRUE);
      add_column (page, REMORA_LATENCY_COLUMN_TARGET_CPU, _ ("Target CPU"), TRUE);
      add_column (page, REMORA_LATENCY_COLUMN_END_CPU, _ ("Ran on CPU"), TRUE);
      add_column (page, REMORA_LATENCY_COLUMN_WAKER, _ ("Woken by"), FALSE);
      add_column (page, REMORA_LATENCY_COLUMN_NEW_TASK, _ ("New"), FALSE);
    }
  gtk_column_view_sort_by_column (page->view, page->latency_column, GTK_SORT_DESCENDING);
  g_signal_connect (gtk_column_view_get_sorter (page->view), "changed",
                    G_CALLBACK (on_sort_changed), page);
  g_signal_connect (page->view, "activate", G_CALLBACK (on_activate), page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (page->view));
  gtk_widget_set_hexpand (scrolled, TRUE);
  gtk_widget_set_vexpand (scrolled, TRUE);
  /* the filters, over the table */
  {
    GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
    GtkWidget *task = gtk_search_entry_new ();
    GtkWidget *cpu = gtk_entry_new ();
    GtkWidget *min = gtk_entry_new ();

    page->task_entry = GTK_EDITABLE (task);
    page->cpu_entry = GTK_EDITABLE (cpu);
    page->min_entry = GTK_EDITABLE (min);
    /* Translators: the latency pane's filter of a task (the issuer of a
     * request, the woken task): a part of its name or its pid */
    g_object_set (task, "placeholder-text", _ ("Task"), NULL);
    gtk_widget_set_tooltip_text (task, block ? _ ("The task that issued the request: a part of "
                                                  "its name or its pid")
                                             : _ ("The task woken: a part of its name or its pid"));
    gtk_widget_set_hexpand (task, TRUE);
    /* Translators: the latency pane's filter of one CPU (either event's) */
    gtk_entry_set_placeholder_text (GTK_ENTRY (cpu), _ ("CPU"));
    gtk_editable_set_width_chars (GTK_EDITABLE (cpu), 3);
    /* Translators: the latency pane's threshold: only latencies at least this, 1ms, 250us */
    gtk_entry_set_placeholder_text (GTK_ENTRY (min), _ ("At least"));
    gtk_widget_set_tooltip_text (min, _ ("Only latencies of at least this long: 1ms, 250us"));
    gtk_editable_set_width_chars (GTK_EDITABLE (min), 7);
    g_signal_connect_swapped (task, "search-changed", G_CALLBACK (reload), page);
    g_signal_connect_swapped (cpu, "activate", G_CALLBACK (reload), page);
    g_signal_connect_swapped (min, "activate", G_CALLBACK (reload), page);
    gtk_box_append (GTK_BOX (bar), task);
    gtk_box_append (GTK_BOX (bar), cpu);
    gtk_box_append (GTK_BOX (bar), min);
    if (block)
      {
        static const char *const kinds[] = {
          N_ ("Any kind"), N_ ("read"),  N_ ("write"), N_ ("flush"),
          N_ ("discard"),  N_ ("other"), NULL
        };
        const char *names[G_N_ELEMENTS (kinds)];
        GtkWidget  *dev = gtk_entry_new ();

        for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
          names[k] = kinds[k] ? _ (kinds[k]) : NULL;

        page->dev_entry = GTK_EDITABLE (dev);
        /* Translators: the latency pane's filter of a block device, MAJOR,MINOR */
        gtk_entry_set_placeholder_text (GTK_ENTRY (dev), _ ("Device"));
        gtk_widget_set_tooltip_text (dev, _ ("A block device as trace-cmd prints it: MAJOR,MINOR"));
        gtk_editable_set_width_chars (GTK_EDITABLE (dev), 5);
        g_signal_connect_swapped (dev, "activate", G_CALLBACK (reload), page);
        gtk_box_append (GTK_BOX (bar), dev);
        page->kind_drop = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (names));
        g_signal_connect_swapped (page->kind_drop, "notify::selected", G_CALLBACK (reload), page);
        gtk_box_append (GTK_BOX (bar), GTK_WIDGET (page->kind_drop));
      }
    /* across the whole tab: the table and its plots show what they keep */
    gtk_widget_set_margin_start (bar, 6);
    gtk_widget_set_margin_end (bar, 6);
    table_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
    gtk_box_append (GTK_BOX (table_box), bar);
  }

  page->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (page->status, 0);
  gtk_widget_add_css_class (GTK_WIDGET (page->status), "dim-label");
  page->stats = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (page->stats, 0);
  gtk_label_set_yalign (page->stats, 0);
  gtk_label_set_selectable (page->stats, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (page->stats), "monospace");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (stats_scroll), GTK_WIDGET (page->stats));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (stats_scroll), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  /* the histogram, the scatter plot and the statistics, one at a time, as
   * large as the pane allows */
  {
    GtkWidget *views = gtk_stack_new ();
    GtkWidget *switcher = gtk_stack_switcher_new ();
    GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    for (int which = 0; which < 2; which++)
      {
        GtkWidget *area = gtk_drawing_area_new ();

        page->plots[which] = GTK_DRAWING_AREA (area);
        g_object_set_data (G_OBJECT (area), "page", page);
        g_object_set_data (G_OBJECT (area), "which", GINT_TO_POINTER (which));
        gtk_drawing_area_set_draw_func (page->plots[which], draw_plot, page, NULL);
        g_signal_connect (area, "resize", G_CALLBACK (on_plot_resize), page);
        gtk_widget_set_vexpand (area, TRUE);
        gtk_widget_set_hexpand (area, TRUE);
        gtk_widget_set_size_request (area, 300, 120);
        gtk_accessible_update_property (
            GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
            which == 0 ? _ ("Histogram of the latencies") : _ ("Latencies over time"), -1);
        /* Translators: the latency pane's views of the pairs */
        gtk_stack_add_titled (GTK_STACK (views), area, which == 0 ? "histogram" : "scatter",
                              which == 0 ? _ ("Histogram") : _ ("Over Time"));
      }
    gtk_stack_add_titled (GTK_STACK (views), stats_scroll, "statistics", _ ("Statistics"));
    gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (views));
    gtk_box_append (GTK_BOX (top), switcher);
    gtk_widget_set_hexpand (GTK_WIDGET (page->status), TRUE);
    gtk_label_set_xalign (page->status, 1);
    gtk_box_append (GTK_BOX (top), GTK_WIDGET (page->status));
    gtk_box_append (GTK_BOX (side), top);
    gtk_widget_set_vexpand (views, TRUE);
    gtk_box_append (GTK_BOX (side), views);
  }
  gtk_widget_set_margin_start (side, 6);
  gtk_widget_set_margin_end (side, 6);
  gtk_paned_set_start_child (GTK_PANED (paned), scrolled);
  gtk_paned_set_end_child (GTK_PANED (paned), side);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_widget_set_size_request (scrolled, 360, -1);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (table_box), paned);
  return table_box;
}

/* The session ----------------------------------------------------------------- */

static void
on_changed (RemoraSession *session, RemoraLatencyPane *self)
{
  /* the visible range: only when the pane follows it */
  if (gtk_check_button_get_active (self->visible_only))
    for (int i = 0; i < 2; i++)
      {
        const RemoraTimeRange *now = &remora_session_get_viewport (session)->visible;
        RemoraTimeRange       *last = g_object_get_data (G_OBJECT (self), i ? "range1" : "range0");

        if (last && remora_time_range_equal (last, now))
          continue;
        g_object_set_data_full (G_OBJECT (self), i ? "range1" : "range0",
                                g_memdup2 (now, sizeof *now), g_free);
        reload (&self->pages[i]);
      }
}

static void
on_visible_only (GtkCheckButton *button, RemoraLatencyPane *self)
{
  for (int i = 0; i < 2; i++)
    reload (&self->pages[i]);
}

static void
clear_page (Page *page)
{
  if (page->growing)
    gtk_widget_remove_tick_callback (GTK_WIDGET (page->view), page->growing);
  page->growing = 0;
  g_cancellable_cancel (page->loading);
  g_cancellable_cancel (page->drawing);
  g_clear_object (&page->loading);
  g_clear_object (&page->drawing);
  g_clear_pointer (&page->table, remora_latency_table_unref);
  g_clear_pointer (&page->by_latency, g_array_unref);
  g_clear_pointer (&page->rank, g_array_unref);
  g_clear_pointer (&page->by_id, g_hash_table_unref);
  for (int i = 0; i < 2; i++)
    g_clear_pointer (&page->pictures[i], cairo_surface_destroy);
  page->current = -1;
  if (page->model)
    remora_latency_model_set (page->model, NULL, NULL);
  if (page->stats)
    gtk_label_set_text (page->stats, "");
}

/**
 * remora_latency_pane_set_session:
 * @self: a #RemoraLatencyPane
 * @session: (nullable): the session to watch
 */
void
remora_latency_pane_set_session (RemoraLatencyPane *self, RemoraSession *session)
{
  g_return_if_fail (REMORA_IS_LATENCY_PANE (self));
  if (self->session == session)
    return;
  for (int i = 0; i < 2; i++)
    clear_page (&self->pages[i]);
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  g_object_set_data (G_OBJECT (self), "range0", NULL);
  g_object_set_data (G_OBJECT (self), "range1", NULL);
  /* read when first shown */
  load_shown_first (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

RemoraSession *
remora_latency_pane_get_session (RemoraLatencyPane *self)
{
  g_return_val_if_fail (REMORA_IS_LATENCY_PANE (self), NULL);
  return self->session;
}

/**
 * remora_latency_pane_set_dark:
 * @self: a #RemoraLatencyPane
 * @dark: plot in the dark theme's colours
 */
void
remora_latency_pane_set_dark (RemoraLatencyPane *self, gboolean dark)
{
  g_return_if_fail (REMORA_IS_LATENCY_PANE (self));
  if (!dark == !self->dark)
    return;
  self->dark = !!dark;
  for (int i = 0; i < 2; i++)
    redraw_plots (&self->pages[i]);
}

/**
 * remora_latency_pane_jump_to_worst:
 * @self: a #RemoraLatencyPane
 *
 * Selects the longest pair of the tab shown, in its table and on the
 * timeline (zoomed to it).
 */
void
remora_latency_pane_jump_to_worst (RemoraLatencyPane *self)
{
  g_return_if_fail (REMORA_IS_LATENCY_PANE (self));
  on_worst (self);
}

/**
 * remora_latency_pane_show_tab:
 * @self: a #RemoraLatencyPane
 * @kind: the tab to show
 */
void
remora_latency_pane_show_tab (RemoraLatencyPane *self, RemoraLatencyKind kind)
{
  g_return_if_fail (REMORA_IS_LATENCY_PANE (self));
  gtk_stack_set_visible_child_name (self->stack, kind == REMORA_LATENCY_BLOCK ? "block" : "sched");
}

/**
 * remora_latency_pane_get_pairs:
 * @self: a #RemoraLatencyPane
 * @kind: a tab
 *
 * Returns: how many pairs the tab's table lists (0 until they are read).
 */
guint
remora_latency_pane_get_pairs (RemoraLatencyPane *self, RemoraLatencyKind kind)
{
  g_return_val_if_fail (REMORA_IS_LATENCY_PANE (self), 0);
  return remora_latency_model_get_rows (self->pages[kind == REMORA_LATENCY_BLOCK ? 0 : 1].model)
      ->len;
}

/* The tab shown read first, then the other (both on the same cores). */
static void
load_shown_first (RemoraLatencyPane *self)
{
  Page *shown = shown_page (self), *other = &self->pages[shown == &self->pages[0] ? 1 : 0];

  if (self->session == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (shown->table == NULL && shown->loading == NULL)
    reload (shown);
  else if (shown->table != NULL && other->table == NULL && other->loading == NULL)
    reload (other);
}

static void
on_map (RemoraLatencyPane *self)
{
  load_shown_first (self);
}

static void
on_tab (GtkStack *stack, GParamSpec *pspec, RemoraLatencyPane *self)
{
  load_shown_first (self);
}

static void
remora_latency_pane_dispose (GObject *object)
{
  RemoraLatencyPane *self = REMORA_LATENCY_PANE (object);
  GtkWidget         *child;

  /* no more of the session's news: the widgets they touch go next */
  if (self->session_signals)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  for (int i = 0; i < 2; i++)
    {
      clear_page (&self->pages[i]);
      for (int k = 0; k < 2; k++)
        if (self->pages[i].plots[k])
          g_object_set_data (G_OBJECT (self->pages[i].plots[k]), "page", NULL);
      g_clear_object (&self->pages[i].selection);
      g_clear_object (&self->pages[i].model);
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (remora_latency_pane_parent_class)->dispose (object);
}

static void
remora_latency_pane_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemoraLatencyPane *self = REMORA_LATENCY_PANE (object);

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
remora_latency_pane_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RemoraLatencyPane *self = REMORA_LATENCY_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      remora_latency_pane_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Exports ------------------------------------------------------------------- */

typedef struct
{
  RemoraLatencyTable    *table;
  GArray                *rows;
  char                  *path;
  gboolean               plot; /* else the table as CSV */
  RemoraLatencyPlotKind  kind;
  RemoraLatencyPlotStyle style;
  char                  *subtitle;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_pointer (&job->table, remora_latency_table_unref);
  g_clear_pointer (&job->rows, g_array_unref);
  g_free (job->path);
  g_free (job->subtitle);
  g_free (job);
}

static gboolean
paint_export (cairo_t *cr, gpointer data, GError **error)
{
  ExportJob *job = data;
  return remora_latency_plot_paint (job->table, job->rows, job->kind, &job->style, cr, error);
}

static void
export_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ExportJob *job = data;
  GError    *error = NULL;
  gboolean   ok;

  remora_lower_thread_priority ();
  if (job->plot)
    ok = remora_export_paint (job->path, job->style.width, job->style.height, 1, paint_export, job,
                              &error);
  else
    ok = remora_latency_table_write_csv (job->table, job->rows, job->path, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_exported (GObject *object, GAsyncResult *result, gpointer data)
{
  RemoraLatencyPane *self = REMORA_LATENCY_PANE (object);
  Page              *page = data;
  ExportJob         *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *base = g_path_get_basename (job->path);
  g_autofree char *text = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    /* Translators: said in the latency pane once a file is written */
    text = g_strdup_printf (_ ("Wrote “%s”"), base);
  else
    text = g_strdup (error->message);
  gtk_label_set_text (page->status, text);
  (void) self;
}

/* Writes the page's table (in its order) or its plot on show to @path. */
static void
export_to (Page *page, const char *path, gboolean plot)
{
  RemoraLatencyPane     *self = page->pane;
  const RemoraTraceInfo *info = remora_session_get_info (self->session);
  g_autoptr (GTask) task = NULL;
  ExportJob *job = g_new0 (ExportJob, 1);

  job->table = remora_latency_table_ref (page->table);
  job->path = g_strdup (path);
  job->plot = plot;
  if (plot)
    {
      g_autofree char *base = g_path_get_basename (info->source_path ? info->source_path : "");

      job->rows = g_array_ref (page->by_latency);
      job->kind = gtk_widget_get_mapped (GTK_WIDGET (page->plots[1]))
                      ? REMORA_LATENCY_PLOT_SCATTER
                      : REMORA_LATENCY_PLOT_HISTOGRAM;
      plot_style (self, &job->style, 1200, 600, FALSE);
      job->style.title_block = TRUE;
      job->subtitle = gtk_check_button_get_active (self->visible_only)
                          /* Translators: under an exported latency plot's title */
                          ? g_strdup_printf (_ ("%s · the visible range"), base)
                          : g_strdup (base);
      job->style.subtitle = job->subtitle;
    }
  else
    job->rows = g_array_ref (remora_latency_model_get_rows (page->model));
  task = g_task_new (self, NULL, on_exported, page);
  g_task_set_source_tag (task, export_to);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_export_response (GtkNativeDialog *chooser, int response, Page *page)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      gboolean         plot = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "plot"));

      if (path && plot && !remora_export_is_supported (path))
        {
          g_autofree char *with = g_strconcat (path, ".png", NULL);
          export_to (page, with, TRUE);
        }
      else if (path)
        export_to (page, path, plot);
    }
  g_object_unref (chooser);
}

static void
ask_export (RemoraLatencyPane *self, gboolean plot)
{
  Page                 *page = shown_page (self);
  GtkRoot              *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  GtkFileFilter        *filter = gtk_file_filter_new ();

  if (page->table == NULL || page->by_latency == NULL)
    {
      /* asked once they are read */
      page->pending = plot ? 1 : 2;
      return;
    }
  chooser = gtk_file_chooser_native_new (
      plot ? _ ("Export the Latency Plot") : _ ("Export the Latency Table as CSV"),
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"),
      _ ("_Cancel"));
  gtk_file_chooser_set_current_name (
      GTK_FILE_CHOOSER (chooser),
      plot ? (page->kind == REMORA_LATENCY_BLOCK ? "block-latency.png" : "sched-latency.png")
           : (page->kind == REMORA_LATENCY_BLOCK ? "block-latency.csv" : "sched-latency.csv"));
  if (plot)
    {
      gtk_file_filter_set_name (filter, _ ("PNG, SVG or PDF"));
      gtk_file_filter_add_suffix (filter, "png");
      gtk_file_filter_add_suffix (filter, "svg");
      gtk_file_filter_add_suffix (filter, "pdf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _ ("CSV files"));
      gtk_file_filter_add_suffix (filter, "csv");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_object_set_data (G_OBJECT (chooser), "plot", GINT_TO_POINTER (plot));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), page);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * remora_latency_pane_export:
 * @self: a #RemoraLatencyPane
 * @path: (nullable): where; %NULL to ask with a file chooser
 * @plot: the plot on show (PNG, SVG or PDF by @path's name), else the
 *   table in its order as CSV
 *
 * Writes the tab shown's plot or table, off the main thread; the pane says
 * when it is written, or why not.
 */
void
remora_latency_pane_export (RemoraLatencyPane *self, const char *path, gboolean plot)
{
  g_return_if_fail (REMORA_IS_LATENCY_PANE (self));
  if (path == NULL)
    ask_export (self, plot);
  else if (shown_page (self)->table != NULL)
    export_to (shown_page (self), path, plot);
}

static void
action_export_table (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ask_export (REMORA_LATENCY_PANE (widget), FALSE);
}

static void
action_export_plot (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ask_export (REMORA_LATENCY_PANE (widget), TRUE);
}

static void
action_worst (GtkWidget *widget, const char *name, GVariant *parameter)
{
  on_worst (REMORA_LATENCY_PANE (widget));
}

static void
action_worse (GtkWidget *widget, const char *name, GVariant *parameter)
{
  on_worse (REMORA_LATENCY_PANE (widget));
}

static void
action_better (GtkWidget *widget, const char *name, GVariant *parameter)
{
  on_better (REMORA_LATENCY_PANE (widget));
}

static void
remora_latency_pane_class_init (RemoraLatencyPaneClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_latency_pane_dispose;
  object_class->get_property = remora_latency_pane_get_property;
  object_class->set_property = remora_latency_pane_set_property;
  properties[PROP_SESSION] =
      g_param_spec_object ("session", NULL, NULL, REMORA_TYPE_SESSION,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_install_action (widget_class, "latency.worst", NULL, action_worst);
  gtk_widget_class_install_action (widget_class, "latency.worse", NULL, action_worse);
  gtk_widget_class_install_action (widget_class, "latency.better", NULL, action_better);
  gtk_widget_class_install_action (widget_class, "latency.export-table", NULL, action_export_table);
  gtk_widget_class_install_action (widget_class, "latency.export-plot", NULL, action_export_plot);
  /* W: the worst; Page Up/Down with Alt: the next worse, the next better */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, 0, "latency.worst", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK, "latency.worse",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK,
                                       "latency.better", NULL);
}

static GtkWidget *
text_button (const char *label, const char *action, const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static void
remora_latency_pane_init (RemoraLatencyPane *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *switcher = gtk_stack_switcher_new ();

  gtk_orientable_set_orientation (
      GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);
  self->stack = GTK_STACK (gtk_stack_new ());
  self->pages[0].kind = REMORA_LATENCY_BLOCK;
  self->pages[1].kind = REMORA_LATENCY_WAKEUP;
  /* Translators: the latency pane's tab of block requests */
  gtk_stack_add_titled (self->stack, build_page (self, &self->pages[0]), "block", _ ("Block I/O"));
  /* Translators: the latency pane's tab of wakeups to the switches that ran the tasks */
  gtk_stack_add_titled (self->stack, build_page (self, &self->pages[1]), "sched", _ ("Scheduling"));
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), self->stack);
  g_signal_connect (self->stack, "notify::visible-child", G_CALLBACK (on_tab), self);
  self->visible_only =
      GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_ ("_Visible Range Only")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->visible_only),
                               _ ("List and plot only the pairs whose first event lies in the "
                                  "timeline's visible range"));
  g_signal_connect (self->visible_only, "toggled", G_CALLBACK (on_visible_only), self);
  gtk_box_append (GTK_BOX (bar), switcher);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->visible_only));
  {
    GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
    gtk_widget_set_hexpand (spacer, TRUE);
    gtk_box_append (GTK_BOX (bar), spacer);
  }
  {
    GtkWidget *menu = gtk_menu_button_new ();
    g_autoptr (GMenu) model = g_menu_new ();

    g_menu_append (model, _ ("Export the _Plot…"), "latency.export-plot");
    g_menu_append (model, _ ("Export the _Table as CSV…"), "latency.export-table");
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu), G_MENU_MODEL (model));
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "document-save-symbolic");
    gtk_widget_set_tooltip_text (menu, _ ("Export the latencies"));
    gtk_box_append (GTK_BOX (bar), menu);
  }
  gtk_box_append (GTK_BOX (bar), text_button (_ ("Next _Worse"), "latency.worse",
                                              _ ("The next longer pair (Alt+Page Up)")));
  gtk_box_append (GTK_BOX (bar), text_button (_ ("Next _Better"), "latency.better",
                                              _ ("The next shorter pair (Alt+Page Down)")));
  {
    GtkWidget *worst = text_button (_ ("_Jump to Worst"), "latency.worst",
                                    _ ("The longest pair, on the timeline (W)"));
    gtk_widget_add_css_class (worst, "suggested-action");
    gtk_box_append (GTK_BOX (bar), worst);
  }
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 4);
  gtk_widget_set_margin_bottom (bar, 4);
  gtk_widget_set_parent (bar, GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
  self->session_signals = g_signal_group_new (REMORA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed", G_CALLBACK (on_changed), self,
                                 G_CONNECT_DEFAULT);
  g_signal_group_connect_object (self->session_signals, "notify::selection",
                                 G_CALLBACK (on_selection), self, G_CONNECT_DEFAULT);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Latencies"), -1);
}

/**
 * remora_latency_pane_get_row:
 * @self: a #RemoraLatencyPane
 * @kind: a tab
 * @position: a row of its table
 *
 * Returns: the pair the row shows (its index in remora_latency_pane_get_table()),
 *   or -1.
 */
gint64
remora_latency_pane_get_row (RemoraLatencyPane *self, RemoraLatencyKind kind, guint position)
{
  g_return_val_if_fail (REMORA_IS_LATENCY_PANE (self), -1);
  return remora_latency_model_get_index (self->pages[kind == REMORA_LATENCY_BLOCK ? 0 : 1].model,
                                         position);
}

/**
 * remora_latency_pane_get_table:
 * @self: a #RemoraLatencyPane
 * @kind: a tab
 *
 * Returns: (nullable): the tab's pairs, once read.
 */
const RemoraLatencyTable *
remora_latency_pane_get_table (RemoraLatencyPane *self, RemoraLatencyKind kind)
{
  g_return_val_if_fail (REMORA_IS_LATENCY_PANE (self), NULL);
  return self->pages[kind == REMORA_LATENCY_BLOCK ? 0 : 1].table;
}

/**
 * remora_latency_pane_has_plots:
 * @self: a #RemoraLatencyPane
 * @kind: a tab
 *
 * Returns: whether the tab's plot on show is drawn.
 */
gboolean
remora_latency_pane_has_plots (RemoraLatencyPane *self, RemoraLatencyKind kind)
{
  Page *page;

  g_return_val_if_fail (REMORA_IS_LATENCY_PANE (self), FALSE);
  page = &self->pages[kind == REMORA_LATENCY_BLOCK ? 0 : 1];
  for (int which = 0; which < 2; which++)
    if (gtk_widget_get_mapped (GTK_WIDGET (page->plots[which])) && page->pictures[which] == NULL)
      return FALSE;
  return page->pictures[0] != NULL || page->pictures[1] != NULL;
}

/**
 * remora_latency_pane_get_selected:
 * @self: a #RemoraLatencyPane
 * @kind: a tab
 *
 * Returns: the pair of the tab's selected row (its index in
 *   remora_latency_pane_get_table()), or -1.
 */
gint64
remora_latency_pane_get_selected (RemoraLatencyPane *self, RemoraLatencyKind kind)
{
  Page *page;

  g_return_val_if_fail (REMORA_IS_LATENCY_PANE (self), -1);
  page = &self->pages[kind == REMORA_LATENCY_BLOCK ? 0 : 1];
  return remora_latency_model_get_index (page->model,
                                         gtk_single_selection_get_selected (page->selection));
}

/**
 * remora_latency_pane_sort_by:
 * @self: a #RemoraLatencyPane
 * @kind: a tab
 * @column: one of its columns
 * @descending: the largest first
 *
 * Sorts the tab's table as a click on the column's header does.
 *
 * Returns: %FALSE when the tab has no such column.
 */
gboolean
remora_latency_pane_sort_by (RemoraLatencyPane  *self,
                             RemoraLatencyKind   kind,
                             RemoraLatencyColumn column,
                             gboolean            descending)
{
  Page *page;

  g_return_val_if_fail (REMORA_IS_LATENCY_PANE (self), FALSE);
  page = &self->pages[kind == REMORA_LATENCY_BLOCK ? 0 : 1];
  if (column >= REMORA_LATENCY_N_COLUMNS || page->columns[column] == NULL)
    return FALSE;
  gtk_column_view_sort_by_column (page->view, page->columns[column],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  return TRUE;
}

/**
 * remora_latency_pane_is_sorted:
 * @self: a #RemoraLatencyPane
 * @kind: a tab
 * @column: a column
 * @descending: the order
 *
 * Returns: whether the tab's table shows its rows in that order, read and
 *   sorted (no answer is awaited).
 */
gboolean
remora_latency_pane_is_sorted (RemoraLatencyPane  *self,
                               RemoraLatencyKind   kind,
                               RemoraLatencyColumn column,
                               gboolean            descending)
{
  Page *page;

  g_return_val_if_fail (REMORA_IS_LATENCY_PANE (self), FALSE);
  page = &self->pages[kind == REMORA_LATENCY_BLOCK ? 0 : 1];
  return !page->busy && page->table != NULL && page->sort_column == column &&
         !page->sort_descending == !descending;
}
