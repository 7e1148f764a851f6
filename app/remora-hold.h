/* remora-hold.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GApplication *remora_application_hold_for (GtkWidget *widget);
void          remora_application_release (GApplication *app);

G_END_DECLS
