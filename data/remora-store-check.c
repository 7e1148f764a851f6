/* remora-store-check.c: what a store must be before it is read: a file of
 * the size its header says, exactly the importer's schema, and b-trees that
 * hold what the schema says they hold
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "remora-data-autocleanups-private.h"
#include "remora-data-error.h"
#include "remora-sqlite-private.h"
#include "remora-store-check-private.h"
#include "remora-store-private.h"

gboolean
remora_store_damaged (GError **error, const char *path, const char *what)
{
  g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
               _ ("Failed to open the store “%s”: it is damaged (%s)"), path, what);
  return FALSE;
}

/* SQLite's header says how many pages the file has: a store cut short (or
 * grown) is damaged, whatever page the cut fell in. */
gboolean
remora_store_check_file_size (const char *path, GError **error)
{
  guint8      head[100];
  struct stat st;
  guint32     page_size, pages, counter, valid_for;
  int         fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean    ok;

  if (fd < 0)
    {
      int errsv = errno;
      g_set_error (error, REMORA_DATA_ERROR,
                   errsv == EACCES || errsv == EPERM ? REMORA_DATA_ERROR_PERMISSION
                                                     : REMORA_DATA_ERROR_NOT_FOUND,
                   _ ("Failed to open the store “%s”: %s"), path, g_strerror (errsv));
      return FALSE;
    }
  ok = fstat (fd, &st) == 0 && pread (fd, head, sizeof head, 0) == sizeof head;
  close (fd);
  if (!ok)
    return remora_store_damaged (error, path, _ ("its header is cut short"));
  page_size = (guint32) head[16] << 8 | head[17];
  if (page_size == 1)
    page_size = 65536;
  pages = GUINT32_FROM_BE (*(guint32 *) (head + 28));
  counter = GUINT32_FROM_BE (*(guint32 *) (head + 24));
  valid_for = GUINT32_FROM_BE (*(guint32 *) (head + 92));
  if (page_size < 512 || (page_size & (page_size - 1)) != 0 || st.st_size % page_size != 0 ||
      (counter == valid_for && (guint64) pages * page_size != (guint64) st.st_size))
    return remora_store_damaged (error, path, _ ("its size does not match its header"));
  return TRUE;
}

/* The schema a store of this version has, as sqlite_schema lists it: made
 * once from the same SQL the importer runs, in memory. */
static GHashTable *
expected_schema (void)
{
  static gsize       once;
  static GHashTable *schema;

  if (g_once_init_enter (&once))
    {
      GHashTable *h = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      sqlite3    *db = NULL;

      if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
        {
          const char   *resources[] = { "/io/github/remora/data/remora-schema.sql",
                                        "/io/github/remora/data/remora-indexes.sql" };
          sqlite3_stmt *st = NULL;

          for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
            {
              g_autoptr (GBytes) bytes = g_resources_lookup_data (resources[i], 0, NULL);
              g_autofree char *sql =
                  bytes ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))
                        : NULL;
              if (sql)
                sqlite3_exec (db, sql, NULL, NULL, NULL);
            }
          if (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema", -1,
                                  &st, NULL) == SQLITE_OK)
            while (sqlite3_step (st) == SQLITE_ROW)
              g_hash_table_insert (h,
                                   g_strdup_printf ("%s %s", sqlite3_column_text (st, 0),
                                                    sqlite3_column_text (st, 1)),
                                   g_strdup_printf ("%s|%s", sqlite3_column_text (st, 2),
                                                    (const char *) sqlite3_column_text (st, 3)
                                                        ? (const char *) sqlite3_column_text (st, 3)
                                                        : ""));
          sqlite3_finalize (st);
        }
      sqlite3_close (db);
      schema = h;
      g_once_init_leave (&once, 1);
    }
  return schema;
}

/* Every table, index and view the schema promises, exactly as the importer
 * makes them, and nothing else: a table missing, a table that is a view, a
 * trigger or a view of someone else's all make the store damaged. */
gboolean
remora_store_check_schema (sqlite3 *db, const char *path, GError **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  GHashTable *expected = expected_schema ();
  guint       seen = 0;
  int         rc;

  if (!remora_sqlite_prepare (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema", FALSE, &st,
                              path, error))
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char      *sql = (const char *) sqlite3_column_text (st, 3);
      g_autofree char *key =
          g_strdup_printf ("%s %s", sqlite3_column_text (st, 0), sqlite3_column_text (st, 1));
      g_autofree char *value =
          g_strdup_printf ("%s|%s", sqlite3_column_text (st, 2), sql ? sql : "");
      const char *want = g_hash_table_lookup (expected, key);

      if (want == NULL || !g_str_equal (want, value))
        {
          g_autofree char *what = g_strdup_printf (_ ("its schema has an unexpected %s"), key);
          return remora_store_damaged (error, path, what);
        }
      seen++;
    }
  if (!remora_sqlite_check (db, rc, _ ("read the store"), path, error))
    return FALSE;
  if (seen != g_hash_table_size (expected))
    return remora_store_damaged (error, path, _ ("tables or indexes of its schema are missing"));
  return TRUE;
}

/* B-trees ------------------------------------------------------------------ */

/* The schema's text says what each table holds, but sqlite_schema's rootpage
 * says where, and a damaged or hostile store can point a table at another
 * table's pages (or at a part of its own). SQLite itself refuses a root of
 * the wrong kind (a table's b-tree where an index's should be) once it reads
 * it; what it cannot know is whose rows are there. So: every table's first
 * and last row have the storage classes its columns are declared with, every
 * index's first and last entries are those of the rows they name, no two
 * objects share a root, and the tables whose keys the meta table fixes
 * (events, their chunks, buffers) hold exactly those keys. A few reads per
 * object, whatever the store's size. */

static gboolean
column_type_ok (const char *declared, gboolean not_null, int type)
{
  if (type == SQLITE_NULL)
    return !not_null;
  if (g_ascii_strcasecmp (declared, "INTEGER") == 0)
    return type == SQLITE_INTEGER;
  if (g_ascii_strcasecmp (declared, "TEXT") == 0)
    return type == SQLITE_TEXT;
  if (g_ascii_strcasecmp (declared, "BLOB") == 0)
    return type == SQLITE_BLOB;
  return TRUE; /* no type declared (meta.value) */
}

static gboolean
btree_damaged (GError **error, const char *path, const char *object)
{
  g_autofree char *what =
      g_strdup_printf (_ ("its table or index “%s” does not hold what the schema says"), object);
  return remora_store_damaged (error, path, what);
}

/* The first and the last row of @table, by its key. */
static gboolean
check_table_rows (sqlite3 *db, const char *path, const char *table, gboolean rowid, GError **error)
{
  g_autoptr (sqlite3_stmt) info = NULL;
  g_autoptr (GString) select = g_string_new ("SELECT ");
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) not_null = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_xinfo(\"%s\")", table);
  int              rc;

  if (!remora_sqlite_prepare (db, sql, FALSE, &info, path, error))
    return FALSE;
  while ((rc = sqlite3_step (info)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (info, 1);
      const char *type = (const char *) sqlite3_column_text (info, 2);
      gboolean    nn = sqlite3_column_int (info, 3) != 0;
      int         pk = sqlite3_column_int (info, 5);

      if (sqlite3_column_int (info, 6) != 0) /* generated: not stored */
        continue;
      if (pk > 0 && !rowid)
        {
          if ((guint) pk > keys->len)
            g_ptr_array_set_size (keys, pk);
          g_free (keys->pdata[pk - 1]);
          keys->pdata[pk - 1] = g_strdup_printf ("\"%s\"", name);
        }
      g_string_append_printf (select, "%stypeof(\"%s\")", types->len ? ", " : "", name);
      g_ptr_array_add (types, g_strdup (type ? type : ""));
      g_array_append_val (not_null, nn);
    }
  if (!remora_sqlite_check (db, rc, _ ("read the store"), path, error))
    return FALSE;
  if (types->len == 0)
    return btree_damaged (error, path, table);
  if (rowid)
    g_ptr_array_add (keys, g_strdup ("rowid"));

  for (int desc = 0; desc < 2; desc++)
    {
      g_autoptr (GString) q = g_string_new (select->str);
      g_autoptr (sqlite3_stmt) st = NULL;

      g_string_append_printf (q, " FROM \"%s\" ORDER BY ", table);
      for (guint i = 0; i < keys->len; i++)
        g_string_append_printf (q, "%s%s%s", i ? ", " : "",
                                keys->pdata[i] ? (char *) keys->pdata[i] : "NULL",
                                desc ? " DESC" : "");
      g_string_append (q, " LIMIT 1");
      if (!remora_sqlite_prepare (db, q->str, FALSE, &st, path, error))
        return FALSE;
      rc = sqlite3_step (st);
      if (rc == SQLITE_ROW)
        {
          for (guint i = 0; i < types->len; i++)
            {
              const char *t = (const char *) sqlite3_column_text (st, i);
              int         type = g_strcmp0 (t, "integer") == 0 ? SQLITE_INTEGER
                                 : g_strcmp0 (t, "text") == 0  ? SQLITE_TEXT
                                 : g_strcmp0 (t, "blob") == 0  ? SQLITE_BLOB
                                 : g_strcmp0 (t, "real") == 0  ? SQLITE_FLOAT
                                                               : SQLITE_NULL;
              if (!column_type_ok (types->pdata[i], g_array_index (not_null, gboolean, i), type))
                return btree_damaged (error, path, table);
            }
        }
      else if (!remora_sqlite_check (db, rc, _ ("read the store"), path, error))
        return FALSE;
    }
  return TRUE;
}

/* The first and the last entry of @index, each against the row it names. */
static gboolean
check_index_entries (
    sqlite3 *db, const char *path, const char *index, const char *table, GError **error)
{
  g_autoptr (sqlite3_stmt) info = NULL;
  g_autoptr (GString) cols = g_string_new (NULL);
  g_autoptr (GString) match = g_string_new (NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA index_info(\"%s\")", index);
  int              rc, n = 0;

  if (!remora_sqlite_prepare (db, sql, FALSE, &info, path, error))
    return FALSE;
  while ((rc = sqlite3_step (info)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (info, 2);

      if (name == NULL) /* an expression: the schema has none */
        return btree_damaged (error, path, index);
      n++;
      g_string_append_printf (cols, "%s\"%s\"", cols->len ? ", " : "", name);
      g_string_append_printf (match, " AND \"%s\" IS ?%d", name, n);
    }
  if (!remora_sqlite_check (db, rc, _ ("read the store"), path, error))
    return FALSE;
  if (n == 0)
    return btree_damaged (error, path, index);

  for (int desc = 0; desc < 2; desc++)
    {
      g_autoptr (sqlite3_stmt) entry = NULL;
      g_autoptr (sqlite3_stmt) row = NULL;
      g_autofree char *order = g_strdup (cols->str);
      g_autofree char *q1 = NULL;
      g_autofree char *q2 = NULL;

      if (desc)
        {
          g_auto (GStrv) parts = g_strsplit (cols->str, ", ", -1);
          g_autofree char *joined = g_strjoinv (" DESC, ", parts);
          g_free (order);
          order = g_strconcat (joined, " DESC", NULL);
        }
      /* the index alone (it covers the query), then the table by rowid */
      q1 = g_strdup_printf ("SELECT %s, rowid FROM \"%s\" INDEXED BY \"%s\" ORDER BY %s LIMIT 1",
                            cols->str, table, index, order);
      q2 = g_strdup_printf ("SELECT 1 FROM \"%s\" NOT INDEXED WHERE rowid = ?%d%s", table, n + 1,
                            match->str);
      if (!remora_sqlite_prepare (db, q1, FALSE, &entry, path, error))
        return FALSE;
      rc = sqlite3_step (entry);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        return remora_sqlite_check (db, rc, _ ("read the store"), path, error);
      if (!remora_sqlite_prepare (db, q2, FALSE, &row, path, error))
        return FALSE;
      for (int i = 0; i <= n; i++)
        sqlite3_bind_value (row, i + 1, sqlite3_column_value (entry, i));
      rc = sqlite3_step (row);
      if (rc == SQLITE_DONE)
        return btree_damaged (error, path, index);
      if (rc != SQLITE_ROW)
        return remora_sqlite_check (db, rc, _ ("read the store"), path, error);
    }
  return TRUE;
}

typedef struct
{
  const char *table;
  const char *key;
  gboolean    of_buffers; /* keys 0 ... buffers - 1, else of the events */
  int         shift;
} KeyRange;

/* Tables whose keys the meta table fixes. */
static const KeyRange key_ranges[] = {
  { "event_rows", "id", FALSE, 0 },
  { "event_payloads", "chunk", FALSE, REMORA_STORE_CHUNK_SHIFT },
  { "event_chunks", "chunk", FALSE, REMORA_STORE_CHUNK_SHIFT },
  { "buffers", "id", TRUE, 0 },
};

static gboolean
check_key_ranges (sqlite3 *db, const char *path, gint64 events, gint64 buffers, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (key_ranges); i++)
    {
      const KeyRange *k = &key_ranges[i];
      g_autoptr (sqlite3_stmt) st = NULL;
      g_autofree char *sql =
          g_strdup_printf ("SELECT (SELECT min(%s) FROM %s), (SELECT max(%s) FROM %s)", k->key,
                           k->table, k->key, k->table);
      gint64 count = k->of_buffers ? buffers : events;
      gint64 last = count > 0 ? (count - 1) >> k->shift : -1;
      int    rc;

      if (!remora_sqlite_prepare (db, sql, FALSE, &st, path, error))
        return FALSE;
      rc = sqlite3_step (st);
      if (rc != SQLITE_ROW)
        return remora_sqlite_check (db, rc, _ ("read the store"), path, error);
      if (last < 0 ? sqlite3_column_type (st, 0) != SQLITE_NULL
                   : (sqlite3_column_type (st, 0) != SQLITE_INTEGER ||
                      sqlite3_column_int64 (st, 0) != 0 || sqlite3_column_int64 (st, 1) != last))
        return btree_damaged (error, path, k->table);
    }
  return TRUE;
}

/**
 * remora_store_check_btrees:
 * @db: the store's connection
 * @path: its path, for messages
 * @events: its events, as the meta table says (checked)
 * @buffers: its buffers, as the meta table says (checked)
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set when a table or index does not hold what
 *   the schema says it holds.
 */
gboolean
remora_store_check_btrees (
    sqlite3 *db, const char *path, gint64 events, gint64 buffers, GError **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  g_autoptr (GHashTable) roots = g_hash_table_new (g_direct_hash, g_direct_equal);
  int rc;

  if (!remora_sqlite_prepare (
          db, "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema ORDER BY rowid", FALSE,
          &st, path, error))
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (st, 0);
      const char *name = (const char *) sqlite3_column_text (st, 1);
      const char *table = (const char *) sqlite3_column_text (st, 2);
      gint64      root = sqlite3_column_int64 (st, 3);
      const char *sql = (const char *) sqlite3_column_text (st, 4);

      if (g_strcmp0 (type, "view") == 0)
        continue;
      if (name == NULL || table == NULL || root <= 0 || root > G_MAXINT32 ||
          !g_hash_table_add (roots, GINT_TO_POINTER ((int) root)))
        return btree_damaged (error, path, name ? name : "?");
      if (g_strcmp0 (type, "table") == 0)
        {
          if (!check_table_rows (db, path, name,
                                 sql == NULL || strstr (sql, "WITHOUT ROWID") == NULL, error))
            return FALSE;
        }
      else if (!check_index_entries (db, path, name, table, error))
        return FALSE;
    }
  if (!remora_sqlite_check (db, rc, _ ("read the store"), path, error))
    return FALSE;
  return check_key_ranges (db, path, events, buffers, error);
}
