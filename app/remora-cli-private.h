/* remora-cli-private.h: what the subcommands share
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-render.h"

G_BEGIN_DECLS

char    *remora_cli_escape_controls (const char *text);
void     remora_cli_escape_output (void);
void     remora_cli_print_error (const GError *error);
gboolean remora_cli_fail (int *status, const char *format, ...) G_GNUC_PRINTF (2, 3);
RemoraStore *
remora_cli_load (RemoraLoader *loader, gboolean progress, gboolean notices, GError **error);
RemoraStore *remora_cli_parse_and_open (int          *argc,
                                        char       ***argv,
                                        GOptionEntry *entries,
                                        const char   *summary,
                                        const char   *command,
                                        int          *status,
                                        gboolean     *imported,
                                        GStrv        *rest);
void         remora_cli_add_input_option (GOptionContext *context, char **input);
gboolean     remora_cli_take_input (
        int *argc, char ***argv, char **input, const char *command, gboolean store, GStrv *rest);
void remora_cli_say_store (RemoraStore *store, const char *path, gboolean imported);

G_END_DECLS
