/* remora-start-page.c: the page a window shows before a trace: Open, and
 * the traces opened lately (only those that opened: a file the window could
 * not open, or a picture exported, is not one), each with its size, events
 * and when; a trace moved or deleted since is said to be missing and can be
 * removed from the list.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-start-page.h"

#include <glib/gi18n.h>

/* The group of recent files the window adds: a file chooser's own (what it
 * opened or saved) are not traces that opened. */
#define RECENT_GROUP "remora-trace"
#define MAX_RECENT   8

struct _RemoraStartPage
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkListBox *recent_list;

  guint n_recent;
};

G_DEFINE_FINAL_TYPE (RemoraStartPage, remora_start_page, ADW_TYPE_BIN)

/* A recent trace as the page lists it. */
typedef struct
{
  char      *uri;
  char      *description;
  GDateTime *when;
} Recent;

static void
recent_free (Recent *r)
{
  g_free (r->uri);
  g_free (r->description);
  g_clear_pointer (&r->when, g_date_time_unref);
  g_free (r);
}

static Recent *
recent_new (const char *uri, const char *description, GDateTime *when)
{
  Recent *r = g_new0 (Recent, 1);

  r->uri = g_strdup (uri);
  r->description = g_strdup (description);
  r->when = when ? g_date_time_ref (when) : NULL;
  return r;
}

/* The traces this process opened, kept here as well as in the recent files:
 * those are one file shared by every program of the desktop, read again
 * whenever one of them writes it, and a trace just opened can be missing
 * from it for a while (another program's list written over ours before ours
 * was saved, the file replaced or removed meanwhile). */
static GPtrArray *opened_here;

static int
find_opened_here (const char *uri)
{
  for (guint i = 0; opened_here != NULL && i < opened_here->len; i++)
    if (g_strcmp0 (((Recent *) opened_here->pdata[i])->uri, uri) == 0)
      return (int) i;
  return -1;
}

enum
{
  OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * remora_start_page_remember:
 * @file: a trace (or store) that opened
 * @events: how many events it holds
 *
 * Adds @file to the recent traces the start page lists.
 */
void
remora_start_page_remember (GFile *file, gint64 events)
{
  g_autofree char *uri = g_file_get_uri (file);
  /* Translators: a recent trace's description: how many events it holds */
  g_autofree char *description = g_strdup_printf (_ ("%lld events"), (long long) events);
  const char      *groups[] = { RECENT_GROUP, NULL };
  GtkRecentData    data = { 0 };

  data.description = description;
  data.mime_type = (char *) "application/octet-stream";
  data.app_name = (char *) g_get_application_name ();
  data.app_exec = (char *) "remora %f";
  data.groups = (char **) groups;
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);

  {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    int i = find_opened_here (uri);

    if (opened_here == NULL)
      opened_here = g_ptr_array_new_with_free_func ((GDestroyNotify) recent_free);
    if (i >= 0)
      g_ptr_array_remove_index (opened_here, (guint) i);
    g_ptr_array_add (opened_here, recent_new (uri, description, now));
  }
}

static int
newest_first (gconstpointer a, gconstpointer b)
{
  GDateTime *x = (*(Recent **) a)->when;
  GDateTime *y = (*(Recent **) b)->when;

  return x && y ? g_date_time_compare (y, x) : 0;
}

static void
on_remove (GtkButton *button, RemoraStartPage *self)
{
  const char *uri = g_object_get_data (G_OBJECT (button), "uri");
  int         i = find_opened_here (uri);

  if (i >= 0)
    g_ptr_array_remove_index (opened_here, (guint) i);
  gtk_recent_manager_remove_item (gtk_recent_manager_get_default (), uri, NULL);
  remora_start_page_refresh (self);
}

static void
on_row_activated (GtkListBox *box, GtkListBoxRow *row, RemoraStartPage *self)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  g_autoptr (GFile) file = NULL;

  if (uri == NULL || !gtk_list_box_row_get_activatable (row))
    return;
  file = g_file_new_for_uri (uri);
  g_signal_emit (self, signals[OPEN], 0, file);
}

static GtkWidget *
recent_row (RemoraStartPage *self, const Recent *recent)
{
  g_autoptr (GFile) file = g_file_new_for_uri (recent->uri);
  g_autoptr (GFileInfo) finfo =
      g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *where = g_file_get_parse_name (file);
  g_autofree char *subtitle = NULL;
  GDateTime       *when = recent->when;
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  if (finfo != NULL)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (finfo));
      /* Translators: when a recent trace was last opened (a strftime format) */
      g_autofree char *date =
          when ? g_date_time_format (when, _ ("%-d %b %Y, %H:%M")) : g_strdup ("");
      const char *events = recent->description;

      /* Translators: a recent trace: its size, its events, when it was last opened */
      subtitle = g_strdup_printf (_ ("%s · %s · opened %s"), size, events ? events : "", date);
    }
  else
    /* Translators: a recent trace that is no longer where it was: its path */
    subtitle = g_strdup_printf (_ ("Missing: %s is not there any more"), where);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, where);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), finfo != NULL);
  if (finfo == NULL)
    gtk_widget_add_css_class (row, "dim-label");
  g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (recent->uri), g_free);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _ ("Remove From the List"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Remove From the List"), -1);
  g_object_set_data_full (G_OBJECT (remove), "uri", g_strdup (recent->uri), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

/**
 * remora_start_page_refresh:
 * @self: a #RemoraStartPage
 *
 * Lists the recent traces again, newest first.
 */
void
remora_start_page_refresh (RemoraStartPage *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr (GPtrArray) recent = g_ptr_array_new_with_free_func ((GDestroyNotify) recent_free);
  GtkWidget *child;

  g_return_if_fail (REMORA_IS_START_PAGE (self));
  for (GList *l = items; l != NULL; l = l->next)
    if (gtk_recent_info_has_group (l->data, RECENT_GROUP) &&
        find_opened_here (gtk_recent_info_get_uri (l->data)) < 0)
      g_ptr_array_add (recent, recent_new (gtk_recent_info_get_uri (l->data),
                                           gtk_recent_info_get_description (l->data),
                                           gtk_recent_info_get_modified (l->data)));
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  for (guint i = 0; opened_here != NULL && i < opened_here->len; i++)
    {
      Recent *r = opened_here->pdata[i];
      g_ptr_array_add (recent, recent_new (r->uri, r->description, r->when));
    }
  g_ptr_array_sort (recent, newest_first);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  self->n_recent = 0;
  for (guint i = 0; i < recent->len && self->n_recent < MAX_RECENT; i++)
    {
      gtk_list_box_append (self->recent_list, recent_row (self, recent->pdata[i]));
      self->n_recent++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), self->n_recent > 0);
}

/**
 * remora_start_page_get_n_recent:
 * @self: a #RemoraStartPage
 *
 * Returns: how many recent traces it lists.
 */
guint
remora_start_page_get_n_recent (RemoraStartPage *self)
{
  g_return_val_if_fail (REMORA_IS_START_PAGE (self), 0);
  return self->n_recent;
}

static void
remora_start_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REMORA_TYPE_START_PAGE);
  G_OBJECT_CLASS (remora_start_page_parent_class)->dispose (object);
}

static void
remora_start_page_class_init (RemoraStartPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_start_page_dispose;

  /**
   * RemoraStartPage::open:
   * @self: the page
   * @file: a recent trace the user chose
   */
  signals[OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/remora/Remora/remora-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RemoraStartPage, recent_list);
}

static void
remora_start_page_init (RemoraStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->recent_list, "row-activated", G_CALLBACK (on_row_activated), self);
  remora_start_page_refresh (self);
}
