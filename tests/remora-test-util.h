/* remora-test-util.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "remora-model.h"
#include "remora-store-private.h"

G_BEGIN_DECLS

char        *remora_test_fixture_path (const char *name);
char        *remora_test_make_tmpdir (void);
void         remora_test_rmdir (const char *dir);
RemoraStore *remora_test_import (const char *trace_path, const char *dir, char **store_path);
GKeyFile    *remora_test_load_expected (const char *name);
char *remora_test_copy_file (const char *src, const char *dir, const char *name, gsize max_len);
int   remora_test_buffer_id (RemoraStore *store, const char *name);
void  remora_test_check_row_events (RemoraStore           *store,
                                    int                    buffer_id,
                                    gboolean               by_pid,
                                    int                    id,
                                    const RemoraTimeRange *range,
                                    const GArray          *all_ts);

gint64           remora_test_query_int (RemoraStore *store, const char *sql);
void             remora_test_mark_lost (const char *path, const char *src, const char *dir);
RemoraEventItem *remora_test_load_item (RemoraEventList *list, guint position);
RemoraStore     *remora_test_open_shared (const char *name, char **dir, char **copy);
char            *remora_test_without_switch_state (const char *name, const char *info);
PangoLayout     *remora_test_text_layout (void);
double           remora_test_text_width (const char *text, gpointer layout);

G_END_DECLS
