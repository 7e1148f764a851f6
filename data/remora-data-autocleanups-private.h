/* remora-data-autocleanups-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>
#include <trace-cmd/trace-cmd.h>

G_BEGIN_DECLS

typedef struct tracecmd_input RemoraTracecmdInput;
typedef struct trace_seq      RemoraTraceSeq;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close_v2)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraTracecmdInput, tracecmd_close)

G_END_DECLS
