/* remora-sqlite-extension.c: a SQLite loadable extension that reads what
 * only the payloads of a Remora store hold, from the stock sqlite3 shell:
 *
 *   sqlite3 trace.dat.remora
 *   sqlite> .load /usr/lib/x86_64-linux-gnu/remora/remora
 *   sqlite> SELECT id, remora_field(id, 'runtime') FROM events
 *      ...>  WHERE name = 'sched_stat_runtime' LIMIT 5;
 *
 * remora_field(ID, NAME)  any field of an event by name (common_* too):
 *                         an integer, a text for strings, a blob for other
 *                         arrays; NULL when the event has no such field
 * remora_text(ID[, RAW])  the event's text as trace-cmd report prints it
 *                         (RAW non-zero: every field as name=value, as -R)
 * remora_rel_ns(TS)       a time as nanoseconds from the trace's start
 * remora_rel_s(TS)        the same in seconds (a real), as the command line
 *                         and the window count time
 *
 * The functions read the store the connection opened ("main"), with a
 * connection of their own. `remora sql STORE` opens the shell with them.
 * See SCHEMA.md, "Every field from SQL".
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <sqlite3ext.h>

#include "remora-child-private.h"
#include "remora-data.h"

SQLITE_EXTENSION_INIT1

typedef struct
{
  sqlite3     *db;
  GMutex       lock;
  RemoraStore *store;
} Extension;

static void
extension_clear (gpointer p)
{
  Extension *ext = p;

  g_clear_object (&ext->store);
  g_mutex_clear (&ext->lock);
}

static void
extension_release (void *p)
{
  g_atomic_rc_box_release_full (p, extension_clear);
}

/* The store of the connection, opened on first use; NULL with the error
 * given as the function's result. */
static RemoraStore *
get_store (sqlite3_context *ctx, Extension *ext)
{
  g_autoptr (GError) error = NULL;
  const char *path;

  if (ext->store != NULL)
    return ext->store;
  path = sqlite3_db_filename (ext->db, "main");
  if (path == NULL || path[0] == 0)
    {
      sqlite3_result_error (
          ctx, _ ("Remora’s functions read the store of a trace, opened from its file"), -1);
      return NULL;
    }
  ext->store = remora_store_open (path, &error);
  if (ext->store == NULL)
    sqlite3_result_error (ctx, error->message, -1);
  return ext->store;
}

static void
result_error (sqlite3_context *ctx, const GError *error)
{
  if (error->domain == REMORA_DATA_ERROR && error->code == REMORA_DATA_ERROR_NOT_FOUND_IN_STORE)
    sqlite3_result_null (ctx); /* an id the store does not have, as a join that finds none */
  else
    sqlite3_result_error (ctx, error->message, -1);
}

static void
field_func (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  Extension *ext = sqlite3_user_data (ctx);
  g_autoptr (GError) error = NULL;
  RemoraFieldValue value = { 0 };
  RemoraStore     *store;
  const char      *name = (const char *) sqlite3_value_text (argv[1]);
  gsize            len;
  gconstpointer    data;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL || name == NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  g_mutex_lock (&ext->lock);
  if ((store = get_store (ctx, ext)) == NULL)
    goto out;
  if (!remora_store_read_field (store, sqlite3_value_int64 (argv[0]), name, &value, &error))
    {
      result_error (ctx, error);
      goto out;
    }
  switch (value.kind)
    {
    case REMORA_FIELD_INTEGER:
      sqlite3_result_int64 (ctx, value.integer);
      break;
    case REMORA_FIELD_TEXT:
      data = g_bytes_get_data (value.bytes, &len);
      sqlite3_result_text (ctx, len ? data : "", (int) len, SQLITE_TRANSIENT);
      break;
    case REMORA_FIELD_BYTES:
      data = g_bytes_get_data (value.bytes, &len);
      sqlite3_result_blob (ctx, len ? data : "", (int) len, SQLITE_TRANSIENT);
      break;
    case REMORA_FIELD_ABSENT:
    default:
      sqlite3_result_null (ctx);
      break;
    }
out:
  remora_field_value_clear (&value);
  g_mutex_unlock (&ext->lock);
}

static void
text_func (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  Extension *ext = sqlite3_user_data (ctx);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  RemoraStore     *store;
  gboolean         raw = argc > 1 && sqlite3_value_int (argv[1]) != 0;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  g_mutex_lock (&ext->lock);
  if ((store = get_store (ctx, ext)) != NULL)
    {
      text = remora_store_dup_event_info (store, sqlite3_value_int64 (argv[0]), raw, &error);
      if (text == NULL)
        result_error (ctx, error);
      else
        sqlite3_result_text (ctx, g_strstrip (text), -1, SQLITE_TRANSIENT);
    }
  g_mutex_unlock (&ext->lock);
}

/* A time less the trace's first; FALSE when there is none to give. */
static gboolean
relative (sqlite3_context *ctx, sqlite3_value *ts, gint64 *ns)
{
  Extension   *ext = sqlite3_user_data (ctx);
  RemoraStore *store;

  if (sqlite3_value_type (ts) == SQLITE_NULL)
    {
      sqlite3_result_null (ctx);
      return FALSE;
    }
  g_mutex_lock (&ext->lock);
  store = get_store (ctx, ext);
  if (store != NULL)
    *ns = sqlite3_value_int64 (ts) - remora_store_get_info (store)->first_ts;
  g_mutex_unlock (&ext->lock);
  return store != NULL;
}

static void
rel_ns_func (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  gint64 ns;

  if (relative (ctx, argv[0], &ns))
    sqlite3_result_int64 (ctx, ns);
}

static void
rel_s_func (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  gint64 ns;

  if (relative (ctx, argv[0], &ns))
    sqlite3_result_double (ctx, ns / 1e9);
}

/* Named after the file (remora.so): `.load …/remora` finds it. */
G_MODULE_EXPORT int
sqlite3_remora_init (sqlite3 *db, char **error_message, const sqlite3_api_routines *api);

G_MODULE_EXPORT int
sqlite3_remora_init (sqlite3 *db, char **error_message, const sqlite3_api_routines *api)
{
  static const struct
  {
    const char *name;
    int         argc;
    void (*func) (sqlite3_context *, int, sqlite3_value **);
  } functions[] = {
    { "remora_field", 2, field_func }, { "remora_text", 1, text_func },
    { "remora_text", 2, text_func },   { "remora_rel_ns", 1, rel_ns_func },
    { "remora_rel_s", 1, rel_s_func },
  };
  Extension *ext;

  SQLITE_EXTENSION_INIT2 (api);
  /* its messages in the user's language, as the rest of Remora's */
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* a helper process of a store is a fork here: the program is sqlite3 */
  remora_child_forbid_spawn ();
  ext = g_atomic_rc_box_new0 (Extension);
  ext->db = db;
  g_mutex_init (&ext->lock);
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      int rc = sqlite3_create_function_v2 (
          db, functions[i].name, functions[i].argc, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
          g_atomic_rc_box_acquire (ext), functions[i].func, NULL, NULL, extension_release);

      if (rc != SQLITE_OK)
        {
          /* Translators: %s() is an SQL function, remora_field(); then SQLite's reason */
          *error_message = sqlite3_mprintf (_ ("remora: cannot add %s(): %s"), functions[i].name,
                                            sqlite3_errmsg (db));
          extension_release (ext);
          return rc;
        }
    }
  extension_release (ext);
  return SQLITE_OK;
}
