/* remora-payload-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <glib.h>
#include <traceevent/event-parse.h>

G_BEGIN_DECLS

int      remora_payload_common_size (struct tep_handle *tep);
gboolean remora_payload_fits (struct tep_event *event, const void *data, int size);

G_END_DECLS
