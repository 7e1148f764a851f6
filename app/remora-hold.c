/* remora-hold.c: work that writes files (an import, an export) keeps the
 * application running until it has ended and removed what it had begun
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-hold.h"

/**
 * remora_application_hold_for:
 * @widget: a widget that starts work that writes files (an import, an
 *   export)
 *
 * Keeps the application of @widget's window running until
 * remora_application_release(): its window may close and Quit may be
 * chosen meanwhile, and the work must still end (cancelled) and remove
 * what it had begun to write before the process exits.
 *
 * Returns: (transfer full) (nullable): the application held, for
 *   remora_application_release(); %NULL outside an application's window.
 */
GApplication *
remora_application_hold_for (GtkWidget *widget)
{
  GtkRoot        *root = gtk_widget_get_root (widget);
  GtkApplication *app =
      GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  if (app == NULL)
    return NULL;
  g_application_hold (G_APPLICATION (app));
  return G_APPLICATION (g_object_ref (app));
}

/**
 * remora_application_release:
 * @app: (transfer full) (nullable): from remora_application_hold_for()
 *
 * Ends a hold of remora_application_hold_for(), on the main thread.
 */
void
remora_application_release (GApplication *app)
{
  if (app == NULL)
    return;
  g_application_release (app);
  g_object_unref (app);
}
