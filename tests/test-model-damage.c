/* test-model-damage.c: a store whose level-of-detail summaries are damaged
 * (bytes flipped, blocks cut short or lengthened, offsets out of order) is
 * reported, never read out of bounds: every query that meets a damaged
 * block either answers or fails with a "store corrupt" error naming the
 * file; a frame drawn from it fails the same way. Under AddressSanitizer this
 * also proves the decoders stay inside the blocks.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <string.h>

#include "remora-render.h"
#include "remora-test-util.h"

typedef struct
{
  gboolean task; /* lod_task, else lod_cpu */
  int      level;
  int      buffer_id;
  int      id; /* cpu or pid */
  gint64   block;
  GBytes  *data;
} Block;

static void
block_free (gpointer p)
{
  Block *b = p;
  g_bytes_unref (b->data);
  g_free (b);
}

static GPtrArray *
load_blocks (sqlite3 *db)
{
  GPtrArray    *out = g_ptr_array_new_with_free_func (block_free);
  sqlite3_stmt *st = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT 0, level, buffer_id, cpu, block, data FROM lod_cpu "
                                       "UNION ALL "
                                       "SELECT 1, level, buffer_id, pid, block, data FROM lod_task",
                                       -1, &st, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      Block *b = g_new0 (Block, 1);
      b->task = sqlite3_column_int (st, 0);
      b->level = sqlite3_column_int (st, 1);
      b->buffer_id = sqlite3_column_int (st, 2);
      b->id = sqlite3_column_int (st, 3);
      b->block = sqlite3_column_int64 (st, 4);
      b->data = g_bytes_new (sqlite3_column_blob (st, 5), sqlite3_column_bytes (st, 5));
      g_ptr_array_add (out, b);
    }
  sqlite3_finalize (st);
  return out;
}

static void
put_block (sqlite3 *db, const Block *b, const guint8 *data, gsize len)
{
  sqlite3_stmt *st = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       b->task ? "UPDATE lod_task SET data = ?1 WHERE level = ?2 "
                                                 "AND buffer_id = ?3 AND pid = ?4 AND block = ?5"
                                               : "UPDATE lod_cpu SET data = ?1 WHERE level = ?2 "
                                                 "AND buffer_id = ?3 AND cpu = ?4 AND block = ?5",
                                       -1, &st, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_blob (st, 1, data, (int) len, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 2, b->level);
  sqlite3_bind_int (st, 3, b->buffer_id);
  sqlite3_bind_int (st, 4, b->id);
  sqlite3_bind_int64 (st, 5, b->block);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (st);
}

/* The range of @b's 64 cells, which a row of 64 columns reads at its level. */
static RemoraTimeRange
block_range (const Block *b)
{
  int             shift = REMORA_LOD_CELL_SHIFT (b->level);
  RemoraTimeRange r = { (b->block << REMORA_LOD_BLOCK_SHIFT) << shift,
                        ((b->block + 1) << REMORA_LOD_BLOCK_SHIFT) << shift };
  return r;
}

static char *
buffer_name (RemoraStore *store, int buffer_id)
{
  sqlite3_stmt *st = NULL;
  char         *name = NULL;

  sqlite3_prepare_v2 (remora_store_get_db (store), "SELECT name FROM buffers WHERE id = ?", -1, &st,
                      NULL);
  sqlite3_bind_int (st, 1, buffer_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  return name;
}

/* Asks the row @b belongs to for @b's range; returns whether it answered,
 * and checks the error when it did not. */
static gboolean
query_block (const char *path, const Block *b)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraStore) store = remora_store_open (path, &error);
  g_autofree char *buffer = NULL;
  RemoraTimeRange  range = block_range (b);
  gboolean         ok;
  int              level = -2;

  g_assert_no_error (error);
  buffer = buffer_name (store, b->buffer_id);
  g_assert_nonnull (buffer);
  if (b->task)
    {
      RemoraTaskColumn cols[REMORA_LOD_BLOCK_CELLS];
      ok = remora_task_row_query (store, remora_test_buffer_id (store, buffer), b->id, &range,
                                  REMORA_LOD_BLOCK_CELLS, cols, &level, &error);
    }
  else
    {
      RemoraCpuColumn cols[REMORA_LOD_BLOCK_CELLS];
      ok = remora_cpu_row_query (store, remora_test_buffer_id (store, buffer), b->id, &range,
                                 REMORA_LOD_BLOCK_CELLS, cols, &level, &error);
    }
  /* the block's own level was read */
  g_assert_cmpint (level, ==, b->level);
  if (!ok)
    {
      g_assert_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT);
      g_assert_nonnull (strstr (error->message, path));
    }
  return ok;
}

static void
test_damaged_blocks (void)
{
  g_autofree char *trace = remora_test_fixture_path ("sched-block-v6.dat");
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261126);
  g_autoptr (GPtrArray) blocks = NULL;
  sqlite3     *db = NULL;
  int          failed = 0, answered = 0;
  RemoraStore *imported = remora_test_import (trace, dir, &path);

  g_object_unref (imported);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  blocks = load_blocks (db);
  g_assert_cmpuint (blocks->len, >, 10);

  /* undamaged: every block answers */
  for (guint i = 0; i < blocks->len; i += MAX (1, blocks->len / 20))
    g_assert_true (query_block (path, g_ptr_array_index (blocks, i)));

  for (int round = 0; round < 300; round++)
    {
      const Block       *b = g_ptr_array_index (blocks, g_rand_int_range (rand, 0, blocks->len));
      gsize              len;
      const guint8      *orig = g_bytes_get_data (b->data, &len);
      g_autofree guint8 *bad = g_malloc (len + 16);
      gsize              bad_len = len;

      memcpy (bad, orig, len);
      switch (round % 4)
        {
        case 0: /* a byte changed */
          bad[g_rand_int_range (rand, 0, len)] ^= 1 + g_rand_int_range (rand, 0, 255);
          break;
        case 1: /* cut short */
          bad_len = g_rand_int_range (rand, 0, len);
          break;
        case 2: /* junk after it */
          for (int k = 0; k < 16; k++)
            bad[len + k] = g_rand_int_range (rand, 0, 256);
          bad_len = len + 1 + g_rand_int_range (rand, 0, 16);
          break;
        default: /* a large number where a small one was */
          bad[g_rand_int_range (rand, 0, len)] = 0xff;
          break;
        }
      put_block (db, b, bad, bad_len);
      if (query_block (path, b))
        answered++;
      else
        failed++;
      put_block (db, b, orig, len);
    }
  g_test_message ("damaged blocks: %d reported, %d read as other values", failed, answered);
  /* a block cut short or lengthened never decodes */
  g_assert_cmpint (failed, >=, 150);

  /* a frame over a damaged block comes with that CPU's rows unreadable and
   * says why; another CPU's row is read */
  {
    const Block *b = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (RemoraStore) store = NULL;
    RemoraFrameRequest request;
    RemoraFrame       *frame;

    for (guint i = 0; i < blocks->len && b == NULL; i++)
      {
        const Block *c = g_ptr_array_index (blocks, i);
        if (!c->task && c->buffer_id == 0)
          b = c;
      }
    g_assert_nonnull (b);
    put_block (db, b, (const guint8 *) "\x05", 1);
    store = remora_store_open (path, &error);
    g_assert_no_error (error);
    remora_frame_request_init (&request);
    request.range = block_range (b);
    request.columns = 64;
    for (int k = 0; k < 3; k++)
      {
        RemoraRowSpec row = { REMORA_ROW_CPU, 0, k < 2 ? b->id : (b->id + 1) % 4, NULL };
        g_array_append_val (request.rows, row);
      }
    frame = remora_frame_compute (store, &request, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (frame);
    g_assert_true (frame->rows[0].unreadable);
    g_assert_true (frame->rows[1].unreadable);
    g_assert_false (frame->rows[2].unreadable);
    g_assert_nonnull (frame->problem);
    g_assert_nonnull (strstr (frame->problem, "a summary block is damaged"));
    g_assert_nonnull (strstr (frame->problem, path));
    remora_frame_unref (frame);
    remora_frame_request_clear (&request);
  }
  sqlite3_close (db);
  remora_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/model/damage/summary-blocks", test_damaged_blocks);
  return g_test_run ();
}
