/* remora-filter-choice.h: a choice of the filter dialog
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define REMORA_TYPE_CHOICE (remora_choice_get_type ())

G_DECLARE_FINAL_TYPE (RemoraChoice, remora_choice, REMORA, CHOICE, GObject)

struct _RemoraChoice
{
  GObject       parent_instance;
  char         *label;
  char         *detail;
  gint64        id; /* the CPU or the task */
  gint64        count;
  gint64        run_ns;
  gboolean      active;
  gboolean      inconsistent;
  GArray       *types;    /* an event's type ids (one per buffer) */
  GListStore   *children; /* a system's events */
  RemoraChoice *parent;   /* not owned */
  gboolean      syncing;
};

RemoraChoice *remora_choice_new (const char *label, char *detail, gint64 id, gboolean active);

void remora_choice_set_active (RemoraChoice *self, gboolean active);
void remora_choice_sync_parent (RemoraChoice *parent);

G_END_DECLS
