/* remora-task-item.c: one task of the window's task list ("name-pid", how
 * long it ran), an item of the list model its GtkListView shows, so that the
 * list makes widgets only for the rows on screen however many tasks a trace
 * has.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-task-item.h"

#include <glib/gi18n.h>
#include <remora-model.h>

struct _RemoraTaskItem
{
  GObject       parent_instance;
  RemoraRowKind kind;
  int           pid; /* or the device */
  char         *title;
  char         *subtitle;
};

enum
{
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RemoraTaskItem, remora_task_item, G_TYPE_OBJECT)

static void
remora_task_item_finalize (GObject *object)
{
  RemoraTaskItem *self = REMORA_TASK_ITEM (object);

  g_free (self->title);
  g_free (self->subtitle);
  G_OBJECT_CLASS (remora_task_item_parent_class)->finalize (object);
}

static void
remora_task_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemoraTaskItem *self = REMORA_TASK_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_task_item_class_init (RemoraTaskItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remora_task_item_finalize;
  object_class->get_property = remora_task_item_get_property;
  /* what the list's search matches */
  properties[PROP_TITLE] =
      g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remora_task_item_init (RemoraTaskItem *self)
{
}

RemoraTaskItem *
remora_task_item_new (int pid, const char *comm, gint64 run_ns)
{
  RemoraTaskItem  *self = g_object_new (REMORA_TYPE_TASK_ITEM, NULL);
  g_autofree char *run = remora_format_duration (run_ns);

  self->kind = REMORA_ROW_TASK;
  self->pid = pid;
  self->title = g_strdup_printf ("%s-%d", comm, pid);
  /* Translators: how long a task ran, in the list of tasks */
  self->subtitle = g_strdup_printf (_ ("ran %s"), run);
  return self;
}

/**
 * remora_task_item_new_device:
 * @dev: a block device (REMORA_BLOCK_DEV())
 * @requests: how many requests it was sent
 *
 * Returns: (transfer full): an item that adds the device's row.
 */
RemoraTaskItem *
remora_task_item_new_device (int dev, guint requests)
{
  RemoraTaskItem *self = g_object_new (REMORA_TYPE_TASK_ITEM, NULL);

  self->kind = REMORA_ROW_DEVICE;
  self->pid = dev;
  /* Translators: a block device's row in the list of rows to add: its MAJOR,MINOR numbers */
  self->title = g_strdup_printf (_ ("Device %d,%d"), REMORA_BLOCK_DEV_MAJOR (dev),
                                 REMORA_BLOCK_DEV_MINOR (dev));
  self->subtitle = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u block request", "%u block requests", requests), requests);
  return self;
}

/**
 * remora_task_item_get_kind:
 * @self: an item
 *
 * Returns: the kind of row it adds: a task's or a device's
 *   (remora_task_item_get_pid() is then the device).
 */
RemoraRowKind
remora_task_item_get_kind (RemoraTaskItem *self)
{
  g_return_val_if_fail (REMORA_IS_TASK_ITEM (self), REMORA_ROW_TASK);
  return self->kind;
}

int
remora_task_item_get_pid (RemoraTaskItem *self)
{
  g_return_val_if_fail (REMORA_IS_TASK_ITEM (self), -1);
  return self->pid;
}

const char *
remora_task_item_get_title (RemoraTaskItem *self)
{
  g_return_val_if_fail (REMORA_IS_TASK_ITEM (self), NULL);
  return self->title;
}

const char *
remora_task_item_get_subtitle (RemoraTaskItem *self)
{
  g_return_val_if_fail (REMORA_IS_TASK_ITEM (self), NULL);
  return self->subtitle;
}
