/* remora-markers-popover.c: the markers of the session it watches, as a
 * list: each named (renamed in place), at its time, shown in the middle of
 * the view or deleted; a name typed above adds one in the middle of the
 * view. It follows the session's markers, unless a name is being edited.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-markers-popover.h"

#include <glib/gi18n.h>

struct _RemoraMarkersPopover
{
  GtkPopover parent_instance;

  /* Template widgets */
  GtkEntry   *entry;
  GtkListBox *list;

  RemoraSession *session;
  GSignalGroup  *session_signals;
  guint          shown; /* how many markers the list shows */
};

G_DEFINE_FINAL_TYPE (RemoraMarkersPopover, remora_markers_popover, GTK_TYPE_POPOVER)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
index_of (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "index"));
}

static void
on_jump (GtkButton *button, RemoraMarkersPopover *self)
{
  const GArray         *markers = remora_session_get_markers (self->session);
  const RemoraViewport *vp = remora_session_get_viewport (self->session);
  gint64                len = remora_time_range_get_duration (&vp->visible), ts;
  guint                 i = index_of (button);

  if (i >= markers->len)
    return;
  ts = g_array_index (markers, RemoraMarker, i).ts;
  remora_session_set_visible (self->session, ts - len / 2, ts - len / 2 + len);
}

static void
on_delete (GtkButton *button, RemoraMarkersPopover *self)
{
  guint i = index_of (button);

  if (i < remora_session_get_markers (self->session)->len)
    remora_session_remove_marker (self->session, i);
}

static void
on_renamed (GtkEditableLabel *label, GParamSpec *pspec, RemoraMarkersPopover *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (label));
  guint       i = index_of (label);

  if (gtk_editable_label_get_editing (label) || name[0] == 0)
    return;
  if (i < remora_session_get_markers (self->session)->len)
    remora_session_rename_marker (self->session, i, name);
}

static void
fill (RemoraMarkersPopover *self)
{
  const GArray *markers = self->session ? remora_session_get_markers (self->session) : NULL;
  gint64        first = self->session ? remora_session_get_info (self->session)->first_ts : 0;
  GtkWidget    *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->shown = markers ? markers->len : 0;
  for (guint i = 0; i < self->shown; i++)
    {
      const RemoraMarker *m = &g_array_index (markers, RemoraMarker, i);
      g_autofree char    *at = remora_format_timestamp (m->ts - first);
      g_autofree char    *when = g_strdup_printf ("%s s", at);
      GtkWidget          *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget          *name = gtk_editable_label_new (m->name);
      GtkWidget          *time = gtk_label_new (when);
      GtkWidget          *jump = gtk_button_new_from_icon_name ("go-jump-symbolic");
      GtkWidget          *del = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_add_css_class (time, "dim-label");
      gtk_widget_add_css_class (time, "numeric");
      gtk_widget_set_tooltip_text (jump, _ ("Show in the middle of the view"));
      gtk_widget_set_tooltip_text (del, _ ("Delete the marker"));
      gtk_widget_add_css_class (jump, "flat");
      gtk_widget_add_css_class (del, "flat");
      for (GtkWidget **w = (GtkWidget *[]){ name, jump, del, NULL }; *w; w++)
        g_object_set_data (G_OBJECT (*w), "index", GUINT_TO_POINTER (i));
      g_signal_connect (jump, "clicked", G_CALLBACK (on_jump), self);
      g_signal_connect (del, "clicked", G_CALLBACK (on_delete), self);
      g_signal_connect (name, "notify::editing", G_CALLBACK (on_renamed), self);
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), time);
      gtk_box_append (GTK_BOX (box), jump);
      gtk_box_append (GTK_BOX (box), del);
      gtk_list_box_append (self->list, box);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->shown > 0);
}

/* The list follows the markers, unless a name is being edited in it (the
 * popover open, as many markers as shown). */
static void
on_changed (RemoraSession *session, RemoraMarkersPopover *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self)) ||
      remora_session_get_markers (session)->len != self->shown)
    fill (self);
}

/**
 * remora_markers_popover_add:
 * @self: a #RemoraMarkersPopover
 * @name: (nullable): the marker's name; %NULL or "" for the next free "M1",
 *   "M2"…
 *
 * Adds a named marker in the middle of the view, as typing its name does.
 */
void
remora_markers_popover_add (RemoraMarkersPopover *self, const char *name)
{
  const RemoraViewport *vp;
  g_autofree char      *auto_name = NULL;

  g_return_if_fail (REMORA_IS_MARKERS_POPOVER (self));
  if (self->session == NULL)
    return;
  vp = remora_session_get_viewport (self->session);
  if (name == NULL || name[0] == 0)
    name = auto_name = g_strdup_printf ("M%u", remora_session_get_markers (self->session)->len + 1);
  remora_session_add_marker (self->session, name,
                             vp->visible.begin_ns +
                                 remora_time_range_get_duration (&vp->visible) / 2);
}

static void
on_add (RemoraMarkersPopover *self)
{
  remora_markers_popover_add (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

/**
 * remora_markers_popover_set_session:
 * @self: a #RemoraMarkersPopover
 * @session: (nullable): the session whose markers it shows
 */
void
remora_markers_popover_set_session (RemoraMarkersPopover *self, RemoraSession *session)
{
  g_return_if_fail (REMORA_IS_MARKERS_POPOVER (self));
  if (!g_set_object (&self->session, session))
    return;
  g_signal_group_set_target (self->session_signals, session);
  fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

RemoraSession *
remora_markers_popover_get_session (RemoraMarkersPopover *self)
{
  g_return_val_if_fail (REMORA_IS_MARKERS_POPOVER (self), NULL);
  return self->session;
}

static void
remora_markers_popover_dispose (GObject *object)
{
  RemoraMarkersPopover *self = REMORA_MARKERS_POPOVER (object);

  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMORA_TYPE_MARKERS_POPOVER);
  G_OBJECT_CLASS (remora_markers_popover_parent_class)->dispose (object);
}

static void
remora_markers_popover_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, REMORA_MARKERS_POPOVER (object)->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_markers_popover_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      remora_markers_popover_set_session (REMORA_MARKERS_POPOVER (object),
                                          g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_markers_popover_class_init (RemoraMarkersPopoverClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_markers_popover_dispose;
  object_class->get_property = remora_markers_popover_get_property;
  object_class->set_property = remora_markers_popover_set_property;

  properties[PROP_SESSION] =
      g_param_spec_object ("session", NULL, NULL, REMORA_TYPE_SESSION,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/remora/Remora/remora-markers-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, RemoraMarkersPopover, entry);
  gtk_widget_class_bind_template_child (widget_class, RemoraMarkersPopover, list);
  gtk_widget_class_bind_template_callback (widget_class, on_add);
}

static void
remora_markers_popover_init (RemoraMarkersPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->session_signals = g_signal_group_new (REMORA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed", G_CALLBACK (on_changed), self,
                                 0);
}
