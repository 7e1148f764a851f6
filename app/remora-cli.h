/* remora-cli.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int      remora_cli_import (int argc, char **argv);
int      remora_cli_stats (int argc, char **argv);
int      remora_cli_events (int argc, char **argv);
int      remora_cli_export (int argc, char **argv);
int      remora_cli_sql (int argc, char **argv);
int      remora_cli_main (int argc, char **argv);
gboolean remora_cli_wants (int argc, char **argv);

G_END_DECLS
