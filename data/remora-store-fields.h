/* remora-store-fields.h: one field of one event, by name
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include <glib.h>

#include "remora-store.h"

G_BEGIN_DECLS

/**
 * RemoraFieldKind:
 * @REMORA_FIELD_ABSENT: the event has no field of that name (or its record
 *   is damaged)
 * @REMORA_FIELD_INTEGER: a number (signed or not as the format says; an
 *   unsigned 64-bit value above 2^63 wraps, as SQLite's integers do)
 * @REMORA_FIELD_TEXT: a string (a char array or a dynamic string), up to its
 *   first NUL
 * @REMORA_FIELD_BYTES: any other array, as the bytes the kernel wrote
 */
typedef enum
{
  REMORA_FIELD_ABSENT,
  REMORA_FIELD_INTEGER,
  REMORA_FIELD_TEXT,
  REMORA_FIELD_BYTES,
} RemoraFieldKind;

typedef struct
{
  RemoraFieldKind kind;
  gint64          integer;
  GBytes         *bytes; /* TEXT (not NUL-terminated) and BYTES */
} RemoraFieldValue;

/**
 * RemoraEventField:
 * @name: the field's name, as its format says
 * @value: its value as text (see remora_store_list_fields())
 */
typedef struct
{
  char *name;
  char *value;
} RemoraEventField;

void remora_field_value_clear (RemoraFieldValue *value);
GArray       *
remora_store_list_fields (RemoraStore *store, gint64 event_id, char **damage, GError **error);
char *remora_store_extension_path (void);
GHashTable *remora_store_read_field_names (RemoraStore *store, GError **error);
gboolean    remora_store_read_field (
       RemoraStore *store, gint64 event_id, const char *name, RemoraFieldValue *value, GError **error);

G_END_DECLS
