/* remora-test-input.h: a user's pointer and keys for the GUI tests
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean remora_test_input_available (void);
void     remora_test_input_focus (GtkWidget *window);
void     remora_test_pointer_move (GtkWidget *widget, double x, double y);
void     remora_test_click (GtkWidget *widget, double x, double y, GdkModifierType mods);
void     remora_test_drag (GtkWidget *widget, double x0, double y0, double x1, double y1);
void     remora_test_wheel (GtkWidget *widget, double x, double y, int notches);
void     remora_test_key (GtkWidget *window, guint keyval, GdkModifierType mods);
void     remora_test_type (GtkWidget *window, const char *text);
void     remora_test_settle_input (void);
gboolean remora_test_wait_for (GSourceFunc cond, gpointer data, double seconds);
void     remora_test_save_png (GtkWidget *window, const char *path);

G_END_DECLS
