/* remora-store-fields.c: one field of one event, by name, as libtraceevent
 * reads it from the payload kept in the store
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-store-fields.h"

#include <string.h>

#include "remora-data-error.h"
#include "remora-payload-private.h"
#include "remora-store-private.h"

/**
 * remora_field_value_clear:
 * @value: what remora_store_read_field() gave
 */
void
remora_field_value_clear (RemoraFieldValue *value)
{
  g_clear_pointer (&value->bytes, g_bytes_unref);
  value->kind = REMORA_FIELD_ABSENT;
  value->integer = 0;
}

/* The bytes of @field in @rec: where a dynamic field's descriptor points
 * (checked to lie in the record), else where the format says. */
static gboolean
field_bytes (struct tep_handle       *tep,
             struct tep_format_field *field,
             struct tep_record       *rec,
             const guint8           **data,
             gsize                   *len)
{
  const guint8 *base = rec->data;
  gsize         size = (gsize) rec->size;
  gsize         at = (gsize) field->offset, n = (gsize) field->size;

  if (field->offset < 0 || field->size < 0 || at + n > size)
    return FALSE;
  if (field->flags & TEP_FIELD_IS_DYNAMIC)
    {
      /* a 4-byte descriptor: length << 16 | offset (from the field's end
       * when relative) */
      guint64 loc = tep_read_number (tep, base + at, MIN (field->size, 4));

      n = (gsize) (loc >> 16) & 0xffff;
      at = (gsize) (loc & 0xffff) + ((field->flags & TEP_FIELD_IS_RELATIVE) ? at + field->size : 0);
      if (at + n > size)
        return FALSE;
    }
  *data = base + at;
  *len = n;
  return TRUE;
}

/**
 * remora_store_read_field:
 * @store: a #RemoraStore
 * @event_id: an event's id
 * @name: a field of its format (`runtime`, `nr_sector`), common fields
 *   (`common_pid`) included
 * @value: (out caller-allocates): the value; clear it with
 *   remora_field_value_clear()
 * @error: a location for a #GError
 *
 * Reads one field of an event from its payload with the trace's formats. An
 * event without that field, or whose record is damaged, gives
 * %REMORA_FIELD_ABSENT.
 *
 * Returns: %FALSE with @error set when the store has no such event or cannot
 *   be read.
 */
gboolean
remora_store_read_field (
    RemoraStore *store, gint64 event_id, const char *name, RemoraFieldValue *value, GError **error)
{
  struct tep_handle       *tep;
  struct tep_record        rec;
  struct tep_event        *event = NULL;
  struct tep_format_field *field;
  const guint8            *data;
  gsize                    len;
  gint64                   ts;
  int                      cpu;

  memset (value, 0, sizeof *value);
  if ((tep = remora_store_get_tep (store, error)) == NULL)
    return FALSE;
  if (!remora_store_locate_event (store, event_id, &ts, &cpu, error) ||
      !remora_store_read_record (store, event_id, ts, cpu, &rec, error))
    return FALSE;
  if (remora_payload_check (tep, remora_payload_common_size (tep), &rec, &event) !=
          REMORA_PAYLOAD_OK ||
      (field = tep_find_any_field (event, name)) == NULL ||
      !field_bytes (tep, field, &rec, &data, &len))
    return TRUE;

  if (field->flags & TEP_FIELD_IS_STRING)
    {
      const guint8 *nul = memchr (data, 0, len);

      value->kind = REMORA_FIELD_TEXT;
      value->bytes = g_bytes_new (data, nul ? (gsize) (nul - data) : len);
    }
  else if ((field->flags & (TEP_FIELD_IS_ARRAY | TEP_FIELD_IS_DYNAMIC)) || len == 0 || len > 8)
    {
      value->kind = REMORA_FIELD_BYTES;
      value->bytes = g_bytes_new (data, len);
    }
  else
    {
      guint64 v = tep_read_number (tep, data, (int) len);

      /* sign-extended when the format says signed */
      if ((field->flags & TEP_FIELD_IS_SIGNED) && len < 8 && (v >> (len * 8 - 1)) & 1)
        v |= ~G_GUINT64_CONSTANT (0) << (len * 8);
      value->kind = REMORA_FIELD_INTEGER;
      value->integer = (gint64) v;
    }
  return TRUE;
}

static void
clear_event_field (gpointer p)
{
  RemoraEventField *f = p;

  g_free (f->name);
  g_free (f->value);
}

/* @field's value in @rec as text: a device as MAJOR,MINOR (the kernel's
 * dev_t: 12 bits and 20), a pointer in hex, another number in decimal, a
 * string as it is (valid UTF-8), other arrays as hex bytes. */
static char *
field_text (struct tep_handle *tep, struct tep_format_field *field, struct tep_record *rec)
{
  const guint8 *data;
  gsize         len;

  if (!field_bytes (tep, field, rec, &data, &len))
    return g_strdup ("?");
  if (field->flags & TEP_FIELD_IS_STRING)
    {
      const guint8 *nul = memchr (data, 0, len);
      return g_utf8_make_valid ((const char *) data, nul ? (gssize) (nul - data) : (gssize) len);
    }
  if ((field->flags & (TEP_FIELD_IS_ARRAY | TEP_FIELD_IS_DYNAMIC)) || len == 0 || len > 8)
    {
      GString *hex = g_string_new (NULL);
      for (gsize i = 0; i < MIN (len, 64); i++)
        g_string_append_printf (hex, "%s%02x", i ? " " : "", data[i]);
      if (len > 64)
        g_string_append (hex, " …");
      return g_string_free (hex, FALSE);
    }
  {
    guint64 v = tep_read_number (tep, data, (int) len);

    if (field->type != NULL && strcmp (field->type, "dev_t") == 0)
      return g_strdup_printf ("%u,%u", (guint) (v >> 20), (guint) (v & 0xfffff));
    if (field->type != NULL && strchr (field->type, '*') != NULL)
      return g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", v);
    if ((field->flags & TEP_FIELD_IS_SIGNED) && len < 8 && (v >> (len * 8 - 1)) & 1)
      v |= ~G_GUINT64_CONSTANT (0) << (len * 8);
    return (field->flags & TEP_FIELD_IS_SIGNED) ? g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) v)
                                                : g_strdup_printf ("%" G_GUINT64_FORMAT, v);
  }
}

/**
 * remora_store_list_fields:
 * @store: a #RemoraStore
 * @event_id: an event's id
 * @damage: (out) (optional): set to what is wrong with its record when it
 *   was damaged in the trace (no field is read then), else %NULL
 * @error: a location for a #GError
 *
 * The event's own fields (its format's, the common ones aside) with their
 * values as text: a device as `MAJOR,MINOR` (as `trace-cmd report` prints
 * block devices), a pointer in hex, numbers in decimal, strings as they
 * are, other arrays as hex bytes.
 *
 * Returns: (transfer full) (element-type RemoraEventField): the fields, or
 *   %NULL with @error set.
 */
GArray *
remora_store_list_fields (RemoraStore *store, gint64 event_id, char **damage, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (RemoraEventField));
  struct tep_handle *tep;
  struct tep_record  rec;
  struct tep_event  *event = NULL;
  RemoraPayloadCheck check;
  gint64             ts;
  int                cpu;

  g_array_set_clear_func (out, clear_event_field);
  if (damage)
    *damage = NULL;
  if ((tep = remora_store_get_tep (store, error)) == NULL ||
      !remora_store_locate_event (store, event_id, &ts, &cpu, error) ||
      !remora_store_read_record (store, event_id, ts, cpu, &rec, error))
    return NULL;
  check = remora_payload_check (tep, remora_payload_common_size (tep), &rec, &event);
  if (check != REMORA_PAYLOAD_OK)
    {
      if (damage)
        *damage = remora_store_describe_damaged (check, &rec, event);
      return g_steal_pointer (&out);
    }
  for (struct tep_format_field *f = event->format.fields; f != NULL; f = f->next)
    {
      RemoraEventField e = { g_strdup (f->name), field_text (tep, f, &rec) };
      g_array_append_val (out, e);
    }
  return g_steal_pointer (&out);
}

/**
 * remora_store_read_field_names:
 * @store: a #RemoraStore
 * @error: a location for a #GError
 *
 * The names of every field of every event format of the trace, the common
 * ones too: what a filter expression may compare.
 *
 * Returns: (transfer full) (element-type utf8 utf8): a set of the names, or
 *   %NULL with @error set.
 */
GHashTable *
remora_store_read_field_names (RemoraStore *store, GError **error)
{
  struct tep_handle *tep = remora_store_get_tep (store, error);
  GHashTable        *names;

  if (tep == NULL)
    return NULL;
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (int i = 0; i < tep_get_events_count (tep); i++)
    {
      struct tep_event *event = tep_get_event (tep, i);

      if (event == NULL)
        continue;
      for (struct tep_format_field *f = event->format.fields; f != NULL; f = f->next)
        g_hash_table_add (names, g_strdup (f->name));
      for (struct tep_format_field *f = event->format.common_fields; f != NULL; f = f->next)
        g_hash_table_add (names, g_strdup (f->name));
    }
  return names;
}

/**
 * remora_store_extension_path:
 *
 * Where Remora's SQLite extension is (remora-sqlite-extension.c, which
 * gives sqlite3 these fields): $REMORA_SQLITE_EXTENSION when set, else the
 * one built beside the running program when it runs from the build tree,
 * else the installed one. The file may be missing.
 *
 * Returns: (transfer full): the extension's path, with its ".so"
 */
char *
remora_store_extension_path (void)
{
  const char      *env = g_getenv ("REMORA_SQLITE_EXTENSION");
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = g_canonicalize_filename (REMORA_BUILD_ROOT, NULL);
  g_autofree char *prefix = g_strconcat (root, G_DIR_SEPARATOR_S, NULL);

  if (env != NULL && env[0] != 0)
    return g_strdup (env);
  if (self != NULL && g_str_has_prefix (self, prefix) &&
      g_file_test (REMORA_SQLITE_EXTENSION_BUILT, G_FILE_TEST_IS_REGULAR))
    return g_strdup (REMORA_SQLITE_EXTENSION_BUILT);
  return g_build_filename (REMORA_SQLITE_EXTENSION_DIR, "remora.so", NULL);
}
