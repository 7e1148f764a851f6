/* remora-filter-choice.c: a choice of the filter dialog: a CPU, a task, an
 * event, or a system of events (active when all its events are,
 * inconsistent when some are), with what the lists show of it.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-filter-choice.h"

G_DEFINE_FINAL_TYPE (RemoraChoice, remora_choice, G_TYPE_OBJECT)

enum
{
  CHOICE_PROP_0,
  CHOICE_PROP_ACTIVE,
  CHOICE_PROP_INCONSISTENT,
  N_CHOICE_PROPS
};

static GParamSpec *choice_props[N_CHOICE_PROPS];

/* A system is active when all its events are, inconsistent when some are. */
void
remora_choice_sync_parent (RemoraChoice *parent)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (parent->children)), on = 0;

  if (parent->syncing)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RemoraChoice) c = g_list_model_get_item (G_LIST_MODEL (parent->children), i);
      on += c->active;
    }
  parent->syncing = TRUE;
  if (parent->active != (on == n))
    {
      parent->active = on == n;
      g_object_notify_by_pspec (G_OBJECT (parent), choice_props[CHOICE_PROP_ACTIVE]);
    }
  if (parent->inconsistent != (on > 0 && on < n))
    {
      parent->inconsistent = on > 0 && on < n;
      g_object_notify_by_pspec (G_OBJECT (parent), choice_props[CHOICE_PROP_INCONSISTENT]);
    }
  parent->syncing = FALSE;
}

void
remora_choice_set_active (RemoraChoice *self, gboolean active)
{
  if (self->active == active && !self->inconsistent)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), choice_props[CHOICE_PROP_ACTIVE]);
  if (self->children != NULL && !self->syncing)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->children));

      self->syncing = TRUE;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (RemoraChoice) c = g_list_model_get_item (G_LIST_MODEL (self->children), i);
          remora_choice_set_active (c, active);
        }
      self->syncing = FALSE;
      if (self->inconsistent)
        {
          self->inconsistent = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), choice_props[CHOICE_PROP_INCONSISTENT]);
        }
    }
  if (self->parent != NULL)
    remora_choice_sync_parent (self->parent);
}

static void
remora_choice_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemoraChoice *self = REMORA_CHOICE (object);

  switch (prop_id)
    {
    case CHOICE_PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case CHOICE_PROP_INCONSISTENT:
      g_value_set_boolean (value, self->inconsistent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_choice_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RemoraChoice *self = REMORA_CHOICE (object);

  switch (prop_id)
    {
    case CHOICE_PROP_ACTIVE:
      remora_choice_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_choice_finalize (GObject *object)
{
  RemoraChoice *self = REMORA_CHOICE (object);

  g_free (self->label);
  g_free (self->detail);
  g_clear_pointer (&self->types, g_array_unref);
  g_clear_object (&self->children);
  G_OBJECT_CLASS (remora_choice_parent_class)->finalize (object);
}

static void
remora_choice_class_init (RemoraChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remora_choice_finalize;
  object_class->get_property = remora_choice_get_property;
  object_class->set_property = remora_choice_set_property;
  choice_props[CHOICE_PROP_ACTIVE] =
      g_param_spec_boolean ("active", NULL, NULL, TRUE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  choice_props[CHOICE_PROP_INCONSISTENT] =
      g_param_spec_boolean ("inconsistent", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_CHOICE_PROPS, choice_props);
}

static void
remora_choice_init (RemoraChoice *self)
{
  self->active = TRUE;
}

RemoraChoice *
remora_choice_new (const char *label, char *detail, gint64 id, gboolean active)
{
  RemoraChoice *c = g_object_new (REMORA_TYPE_CHOICE, NULL);

  c->label = g_strdup (label);
  c->detail = detail;
  c->id = id;
  c->active = active;
  return c;
}
