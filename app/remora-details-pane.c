/* remora-details-pane.c: what the session's selection holds, as a grid of
 * named values under headings (the run and its wakeup, the event and each
 * of its fields), every value selectable, the whole copied as text. It
 * watches the session's detail and says nothing of its own.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-details-pane.h"

#include <glib/gi18n.h>

struct _RemoraDetailsPane
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *box;
  GtkGrid   *grid;

  /* Owned */
  RemoraSession *session;
  GSignalGroup  *session_signals;
};

G_DEFINE_FINAL_TYPE (RemoraDetailsPane, remora_details_pane, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_EMPTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fill (RemoraDetailsPane *self)
{
  const RemoraDetail *d = self->session ? remora_session_get_detail (self->session) : NULL;
  g_autoptr (GArray) items = d ? remora_detail_dup_items (d) : NULL;
  GtkWidget *child;
  int        row = 0;
  /* values are names, paths and numbers: a line broken inside one gets no
   * hyphen, which would read as part of it ("sched_stat_ru-ntime") */
  g_autoptr (PangoAttrList) no_hyphens = pango_attr_list_new ();

  pango_attr_list_insert (no_hyphens, pango_attr_insert_hyphens_new (FALSE));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const RemoraDetailItem *item = &g_array_index (items, RemoraDetailItem, i);
      GtkWidget              *value = gtk_label_new (item->value);

      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_attributes (GTK_LABEL (value), no_hyphens);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      if (item->label == NULL)
        {
          /* a heading across both columns */
          gtk_widget_add_css_class (value, "heading");
          if (row > 0)
            gtk_widget_set_margin_top (value, 12);
          gtk_grid_attach (self->grid, value, 0, row++, 2, 1);
          continue;
        }
      {
        GtkWidget *name = gtk_label_new (item->label);

        gtk_label_set_xalign (GTK_LABEL (name), 1);
        gtk_label_set_yalign (GTK_LABEL (name), 0);
        gtk_widget_add_css_class (name, "dim-label");
        gtk_widget_set_hexpand (value, TRUE);
        gtk_grid_attach (self->grid, name, 0, row, 1, 1);
        gtk_grid_attach (self->grid, value, 1, row++, 1, 1);
      }
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.copy", d != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
}

static void
on_detail (RemoraSession *session, GParamSpec *pspec, RemoraDetailsPane *self)
{
  fill (self);
}

/**
 * remora_details_pane_dup_text:
 * @self: a #RemoraDetailsPane
 *
 * Returns: (transfer full): what it shows, as lines of text ("" when it
 *   shows nothing).
 */
char *
remora_details_pane_dup_text (RemoraDetailsPane *self)
{
  const RemoraDetail *d;

  g_return_val_if_fail (REMORA_IS_DETAILS_PANE (self), NULL);
  d = self->session ? remora_session_get_detail (self->session) : NULL;
  return d ? remora_detail_dup_text (d) : g_strdup ("");
}

static void
action_copy (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autofree char *text = remora_details_pane_dup_text (REMORA_DETAILS_PANE (widget));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/**
 * remora_details_pane_set_session:
 * @self: a #RemoraDetailsPane
 * @session: (nullable): the session whose selection it shows
 */
void
remora_details_pane_set_session (RemoraDetailsPane *self, RemoraSession *session)
{
  g_return_if_fail (REMORA_IS_DETAILS_PANE (self));
  if (!g_set_object (&self->session, session))
    return;
  g_signal_group_set_target (self->session_signals, session);
  fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

RemoraSession *
remora_details_pane_get_session (RemoraDetailsPane *self)
{
  g_return_val_if_fail (REMORA_IS_DETAILS_PANE (self), NULL);
  return self->session;
}

static void
remora_details_pane_dispose (GObject *object)
{
  RemoraDetailsPane *self = REMORA_DETAILS_PANE (object);

  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMORA_TYPE_DETAILS_PANE);
  G_OBJECT_CLASS (remora_details_pane_parent_class)->dispose (object);
}

static void
remora_details_pane_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemoraDetailsPane *self = REMORA_DETAILS_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_EMPTY:
      g_value_set_boolean (value, self->session == NULL ||
                                      remora_session_get_detail (self->session) == NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_details_pane_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      remora_details_pane_set_session (REMORA_DETAILS_PANE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_details_pane_class_init (RemoraDetailsPaneClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_details_pane_dispose;
  object_class->get_property = remora_details_pane_get_property;
  object_class->set_property = remora_details_pane_set_property;

  properties[PROP_SESSION] =
      g_param_spec_object ("session", NULL, NULL, REMORA_TYPE_SESSION,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RemoraDetailsPane:empty:
   *
   * Whether the selection holds nothing to show (the window hides the pane).
   */
  properties[PROP_EMPTY] =
      g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/remora/Remora/remora-details-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, RemoraDetailsPane, box);
  gtk_widget_class_bind_template_child (widget_class, RemoraDetailsPane, grid);
  gtk_widget_class_install_action (widget_class, "details.copy", NULL, action_copy);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "remoradetails");
}

static void
remora_details_pane_init (RemoraDetailsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->session_signals = g_signal_group_new (REMORA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::detail", G_CALLBACK (on_detail),
                                 self, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.copy", FALSE);
}
