/* remora-cell.h: one line of text in a list's cell, cheap to lay out
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REMORA_TYPE_CELL (remora_cell_get_type ())

G_DECLARE_FINAL_TYPE (RemoraCell, remora_cell, REMORA, CELL, GtkWidget)

GtkWidget *remora_cell_new (float xalign);
void       remora_cell_set_text (RemoraCell *self, const char *text);

G_END_DECLS
