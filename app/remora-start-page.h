/* remora-start-page.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REMORA_TYPE_START_PAGE (remora_start_page_get_type ())

G_DECLARE_FINAL_TYPE (RemoraStartPage, remora_start_page, REMORA, START_PAGE, AdwBin)

void  remora_start_page_refresh (RemoraStartPage *self);
guint remora_start_page_get_n_recent (RemoraStartPage *self);
void  remora_start_page_remember (GFile *file, gint64 events);

G_END_DECLS
