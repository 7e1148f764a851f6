/* remora-importer.c
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
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "remora-data-autocleanups-private.h"
#include "remora-data-error.h"
#include "remora-importer-private.h"
#include "remora-lod-private.h"
#include "remora-pairing-private.h"
#include "remora-payload-private.h"
#include "remora-sqlite-private.h"
#include "remora-store-private.h"
#include "remora-store.h"
#include "remora-trace-check-private.h"
#include "remora-trace-reader-private.h"
#include "remora-tracecmd-private.h"

/*
 * The import runs in two threads and a child process. The child (see
 * RemoraTraceReader) walks every record of every buffer with libtracecmd,
 * merged in time order, and streams them through a pipe, so that a crash of
 * the library on a damaged file ends the stream instead of Remora. The reader
 * thread (the one that calls remora_importer_run()) decodes the fields the pair
 * tables need, runs the pairing state machines and fills batches.
 * The writer thread owns the SQLite connection while the events stream and
 * inserts the batches through statements prepared once. Batches are recycled
 * through two queues, so memory stays bounded whatever the trace's size.
 * Once the reader is done and the writer has drained, the reader takes the
 * connection back to write the small tables, build the indexes and commit.
 * Everything goes to a temporary file renamed over the store at the end.
 */

#define BATCH_EVENTS    8192
#define N_BATCHES       4
#define CHUNK_SHIFT     10 /* events per payload chunk: 1 << CHUNK_SHIFT */
#define CHECK_INTERVAL  4096
#define TEP_ID_MAP_SIZE 65536
#define PID_BITS        (1 << 22) /* the kernel's largest pid_max */
#define ZSTD_LEVEL      1
#define ROWS_PER_INSERT 64 /* event rows per INSERT statement */
/* The longest trace span imported (2^42 ns, 73 minutes): the level-of-detail
 * summaries hold a cell per 262 µs of it. */
#define REMORA_IMPORT_MAX_SPAN_NS ((gint64) 1 << 42)

typedef struct
{
  gint64 ts;
  gint32 cpu;
  gint32 pid;
  gint32 type;
} EventRec;

typedef struct
{
  gint64  chunk;
  gint64  first_id;
  gint64  last_id;
  gint64  first_ts;
  gint64  last_ts;
  GBytes *data;
} ChunkRec;

typedef struct
{
  gint32   buffer;
  gint32   cpu;
  gint32   pid;
  gint32   prio;
  gint64   start_ts;
  gint64   end_ts;
  gint64   state_raw;
  gboolean has_state;
} SliceRec;

typedef struct
{
  gint32          buffer;
  RemoraWakeupRow row;
} WakeupRec;

typedef struct
{
  gint32         buffer;
  RemoraBlockRow row;
} BlockRec;

typedef struct
{
  gint32   buffer;
  gint32   cpu;
  gint64   ts;
  gint64   count;
  gboolean known;
} LostRec;

typedef struct
{
  gint64 event_id;
  char  *text;
} PrintRec;

/* A task's name from @ts on (task_names). */
typedef struct
{
  gint64  ts;
  gint32  pid;
  guint32 seq; /* the order it was seen in */
  char    comm[16];
} NameRec;

typedef struct
{
  gint32   level;
  gint32   buffer;
  gint32   key; /* the CPU, or the task's pid */
  gint64   block;
  GBytes  *data;
  gboolean task;
} LodRec;

typedef struct
{
  gint64 id;
  gint64 addr;
  char  *name;
} SymbolRec;

typedef struct
{
  gint64   event_id;
  gint64   func;
  gint64   parent;
  gint64   duration_ns;
  gint32   kind;
  gint32   depth;
  gboolean has_parent;
  gboolean has_depth;
  gboolean has_duration;
} FuncRec;

typedef struct
{
  gint32   id;
  gint32   buffer;
  gint32   tep_id;
  gboolean parsed;
  char    *system;
  char    *name;
} TypeRec;

typedef struct
{
  gint64   first_id;
  GArray  *events;
  GArray  *chunks;
  GArray  *slices;
  GArray  *wakeups;
  GArray  *blocks;
  GArray  *lost;
  GArray  *prints;
  GArray  *symbols;
  GArray  *funcs;
  GArray  *types;
  GArray  *lods;
  gboolean final;
} Batch;

typedef struct
{
  gint64 first_ts;
  gint64 last_ts;
  gint64 events;
  gint64 lost_known;
  gint64 lost_marks;
  /* The slice open on this CPU: since slice_start; its task is known once the
   * CPU's first sched_switch is seen, and unknown again after lost events. */
  gint64   slice_start;
  gint32   slice_pid;
  gint32   slice_prio;
  gboolean slice_known;
} CpuState;

typedef struct _Import Import;

typedef struct
{
  struct tep_format_field *comm, *pid;
} NameFields;

typedef struct
{
  Import            *im;
  int                index;
  int                ncpus;
  char              *name;
  struct tep_handle *tep;
  gint32            *type_map; /* tep id -> event_types.id + 1, 0 when not seen yet */
  GArray            *cpus;     /* CpuState */

  int id_switch;
  int id_wakeup;
  int id_wakeup_new;
  int id_issue;
  int id_complete;
  int id_requeue;
  int id_print;
  int id_fentry;
  int id_fexit;
  int id_function;
  int id_exec;
  int id_fork;
  int id_rename;

  struct tep_format_field *sw_prev_comm, *sw_prev_pid, *sw_prev_prio, *sw_prev_state;
  struct tep_format_field *sw_next_comm, *sw_next_pid, *sw_next_prio;
  struct tep_format_field *wk_comm, *wk_pid, *wk_target_cpu;
  struct tep_format_field *wn_comm, *wn_pid, *wn_target_cpu;
  GHashTable              *namers; /* tep id -> NameFields: sched events naming a task */
  struct tep_format_field *ex_filename, *ex_pid;
  struct tep_format_field *fk_parent_comm, *fk_parent_pid, *fk_child_comm, *fk_child_pid;
  struct tep_format_field *rn_pid, *rn_newcomm;
  struct tep_format_field *is_dev, *is_sector, *is_nr_sector, *is_rwbs;
  struct tep_format_field *co_dev, *co_sector, *co_nr_sector, *co_rwbs, *co_error;
  struct tep_format_field *rq_dev, *rq_sector, *rq_nr_sector, *rq_rwbs;
  struct tep_format_field *pr_buf;
  struct tep_format_field *fe_func, *fe_depth;
  struct tep_format_field *fx_func, *fx_depth, *fx_calltime, *fx_rettime;
  struct tep_format_field *fn_ip, *fn_parent_ip;

  RemoraWakeupPairer wakeups;
  RemoraBlockPairer  blocks;
} BufferState;

struct _Import
{
  RemoraImporter *self;
  GCancellable   *cancellable;
  const char     *store_path; /* final path, for messages */
  char           *tmp_path;
  sqlite3        *db;

  GPtrArray             *buffers; /* BufferState */
  struct tracecmd_input *head;    /* the trace's headers: formats, kallsyms, cmdlines */
  RemoraTraceReader     *reader;
  int                    n_types;
  GHashTable            *comms;     /* pid -> char* comm, the last one seen */
  GArray                *names;     /* NameRec: each pid's first name and its changes */
  GHashTable            *names_now; /* pid -> char* comm, its name at the last record */
  GHashTable            *symbols;   /* addr -> id */
  gint64                 n_symbols;

  /* damaged records, by what was wrong (see remora_importer_run) */
  gint64 damaged_unknown; /* an event id with no format */
  gint64 damaged_payload; /* a payload that does not fit its format or its page */
  gint64 damaged_time;    /* a timestamp out of its CPU's order */
  gint64 damaged_span;    /* a timestamp outside the trace's span */
  int    common_size;     /* bytes of the fields every record starts with */

  gint64            next_id;
  gint64            first_ts;
  gint64            last_ts;
  gint64            records_seen_first_ts; /* first record's ts, for progress */
  GByteArray       *chunk_sizes;
  GByteArray       *chunk_data;
  guint32           chunk_count;
  gint64            chunk_first_ts;
  gint64            prev_ts;
  gboolean          ts_monotonic;
  ZSTD_CCtx        *zctx;
  GByteArray       *zbuf;
  GArray           *type_counts; /* gint64 per event_types.id */
  RemoraLodBuilder *lod;
  guint8           *pid_bits; /* pids that emitted records */
  GHashTable       *big_pids; /* the same, for pids >= PID_BITS */

  /* batches */
  Batch        *cur;
  GAsyncQueue  *filled;
  GAsyncQueue  *free_batches;
  GThread      *writer;
  GError       *writer_error; /* set by the writer before it drains */
  volatile gint writer_failed;
  gboolean      stopped;

  /* writer statements */
  sqlite3_stmt *st_event;
  sqlite3_stmt *st_events; /* ROWS_PER_INSERT rows at once */
  sqlite3_stmt *st_chunk;
  sqlite3_stmt *st_chunk_span;
  sqlite3_stmt *st_slice;
  sqlite3_stmt *st_wakeup;
  sqlite3_stmt *st_block;
  sqlite3_stmt *st_lost;
  sqlite3_stmt *st_print;
  sqlite3_stmt *st_symbol;
  sqlite3_stmt *st_func;
  sqlite3_stmt *st_type;
  sqlite3_stmt *st_lod;
  sqlite3_stmt *st_lod_task;
};

struct _RemoraImporter
{
  GObject parent_instance;

  /* Owned, immutable */
  char         *trace_path;
  char         *store_path;
  GMainContext *main_context;

  /* Progress, under @mutex: written by the worker, read anywhere */
  GMutex   mutex;
  double   fraction;
  char    *message;
  gint64   events_read;
  gboolean partial;
  char    *partial_message;
  guint    notify_source;
  gint64   start_us;
};

G_DEFINE_FINAL_TYPE (RemoraImporter, remora_importer, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TRACE_PATH,
  PROP_STORE_PATH,
  PROP_FRACTION,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Progress ----------------------------------------------------------------- */

static gboolean
notify_in_main (gpointer user_data)
{
  RemoraImporter *self = user_data;

  g_mutex_lock (&self->mutex);
  self->notify_source = 0;
  g_mutex_unlock (&self->mutex);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  return G_SOURCE_REMOVE;
}

/* Called from the worker: stores the progress and schedules at most one idle
 * on the importer's main context to emit notify there. */
static void
set_progress (RemoraImporter *self, double fraction, const char *message, gint64 events_read)
{
  g_mutex_lock (&self->mutex);
  self->fraction = CLAMP (fraction, 0.0, 1.0);
  if (message != NULL && g_strcmp0 (message, self->message) != 0)
    {
      g_debug ("%.3f s: %s", (g_get_monotonic_time () - self->start_us) / 1e6, message);
      g_free (self->message);
      self->message = g_strdup (message);
    }
  if (events_read >= 0)
    self->events_read = events_read;
  if (self->notify_source == 0)
    {
      GSource *source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_LOW);
      g_source_set_callback (source, notify_in_main, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[remora] importer progress");
      self->notify_source = g_source_attach (source, self->main_context);
      g_source_unref (source);
    }
  g_mutex_unlock (&self->mutex);
}

/* Batches ------------------------------------------------------------------ */

static void
clear_string_field (GArray *array, gsize offset)
{
  for (guint i = 0; i < array->len; i++)
    g_free (*(char **) (array->data + i * g_array_get_element_size (array) + offset));
}

static void
batch_reset (Batch *b)
{
  for (guint i = 0; i < b->chunks->len; i++)
    g_bytes_unref (g_array_index (b->chunks, ChunkRec, i).data);
  for (guint i = 0; i < b->lods->len; i++)
    g_bytes_unref (g_array_index (b->lods, LodRec, i).data);
  g_array_set_size (b->lods, 0);
  clear_string_field (b->prints, G_STRUCT_OFFSET (PrintRec, text));
  clear_string_field (b->symbols, G_STRUCT_OFFSET (SymbolRec, name));
  clear_string_field (b->types, G_STRUCT_OFFSET (TypeRec, system));
  clear_string_field (b->types, G_STRUCT_OFFSET (TypeRec, name));
  g_array_set_size (b->events, 0);
  g_array_set_size (b->chunks, 0);
  g_array_set_size (b->slices, 0);
  g_array_set_size (b->wakeups, 0);
  g_array_set_size (b->blocks, 0);
  g_array_set_size (b->lost, 0);
  g_array_set_size (b->prints, 0);
  g_array_set_size (b->symbols, 0);
  g_array_set_size (b->funcs, 0);
  g_array_set_size (b->types, 0);
  b->first_id = -1;
  b->final = FALSE;
}

static Batch *
batch_new (void)
{
  Batch *b = g_new0 (Batch, 1);
  b->events = g_array_sized_new (FALSE, FALSE, sizeof (EventRec), BATCH_EVENTS);
  b->chunks = g_array_new (FALSE, FALSE, sizeof (ChunkRec));
  b->slices = g_array_new (FALSE, FALSE, sizeof (SliceRec));
  b->wakeups = g_array_new (FALSE, FALSE, sizeof (WakeupRec));
  b->blocks = g_array_new (FALSE, FALSE, sizeof (BlockRec));
  b->lost = g_array_new (FALSE, FALSE, sizeof (LostRec));
  b->prints = g_array_new (FALSE, FALSE, sizeof (PrintRec));
  b->symbols = g_array_new (FALSE, FALSE, sizeof (SymbolRec));
  b->funcs = g_array_new (FALSE, FALSE, sizeof (FuncRec));
  b->types = g_array_new (FALSE, FALSE, sizeof (TypeRec));
  b->lods = g_array_new (FALSE, FALSE, sizeof (LodRec));
  b->first_id = -1;
  return b;
}

static void
batch_free (Batch *b)
{
  batch_reset (b);
  g_array_unref (b->events);
  g_array_unref (b->chunks);
  g_array_unref (b->slices);
  g_array_unref (b->wakeups);
  g_array_unref (b->blocks);
  g_array_unref (b->lost);
  g_array_unref (b->prints);
  g_array_unref (b->symbols);
  g_array_unref (b->funcs);
  g_array_unref (b->types);
  g_array_unref (b->lods);
  g_free (b);
}

/* Writer thread ------------------------------------------------------------ */

static gboolean
step (Import *im, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return remora_sqlite_check (im->db, rc, _ ("write the store"), im->store_path, error);
}

static gboolean
write_batch (Import *im, Batch *b, GError **error)
{
  for (guint i = 0; i < b->types->len; i++)
    {
      TypeRec *t = &g_array_index (b->types, TypeRec, i);
      sqlite3_bind_int (im->st_type, 1, t->id);
      sqlite3_bind_int (im->st_type, 2, t->buffer);
      sqlite3_bind_int (im->st_type, 3, t->tep_id);
      sqlite3_bind_text (im->st_type, 4, t->system, -1, SQLITE_STATIC);
      sqlite3_bind_text (im->st_type, 5, t->name, -1, SQLITE_STATIC);
      sqlite3_bind_int (im->st_type, 6, t->parsed);
      if (!step (im, im->st_type, error))
        return FALSE;
    }

  /* Many rows per statement: a step per row costs more than the insert. */
  for (guint i = 0; i < b->events->len;)
    {
      gboolean      full = b->events->len - i >= ROWS_PER_INSERT;
      guint         n = full ? ROWS_PER_INSERT : 1;
      sqlite3_stmt *st = full ? im->st_events : im->st_event;

      for (guint k = 0; k < n; k++)
        {
          EventRec *e = &g_array_index (b->events, EventRec, i + k);
          sqlite3_bind_int64 (st, 5 * k + 1, b->first_id + i + k);
          sqlite3_bind_int64 (st, 5 * k + 2, e->ts);
          sqlite3_bind_int (st, 5 * k + 3, e->cpu);
          sqlite3_bind_int (st, 5 * k + 4, e->pid);
          sqlite3_bind_int (st, 5 * k + 5, e->type);
        }
      if (!step (im, st, error))
        return FALSE;
      i += n;
    }

  for (guint i = 0; i < b->chunks->len; i++)
    {
      ChunkRec     *c = &g_array_index (b->chunks, ChunkRec, i);
      gsize         len;
      gconstpointer data = g_bytes_get_data (c->data, &len);
      sqlite3_bind_int64 (im->st_chunk, 1, c->chunk);
      sqlite3_bind_blob (im->st_chunk, 2, data, (int) len, SQLITE_STATIC);
      if (!step (im, im->st_chunk, error))
        return FALSE;
      sqlite3_bind_int64 (im->st_chunk_span, 1, c->chunk);
      sqlite3_bind_int64 (im->st_chunk_span, 2, c->first_id);
      sqlite3_bind_int64 (im->st_chunk_span, 3, c->last_id);
      sqlite3_bind_int64 (im->st_chunk_span, 4, c->first_ts);
      sqlite3_bind_int64 (im->st_chunk_span, 5, c->last_ts);
      if (!step (im, im->st_chunk_span, error))
        return FALSE;
    }

  for (guint i = 0; i < b->slices->len; i++)
    {
      SliceRec     *s = &g_array_index (b->slices, SliceRec, i);
      sqlite3_stmt *st = im->st_slice;
      sqlite3_bind_int (st, 1, s->buffer);
      sqlite3_bind_int (st, 2, s->cpu);
      sqlite3_bind_int (st, 3, s->pid);
      sqlite3_bind_int64 (st, 4, s->start_ts);
      sqlite3_bind_int64 (st, 5, s->end_ts);
      if (s->has_state)
        {
          char text[32];

          sqlite3_bind_text (st, 6, remora_task_state_format (s->state_raw, text), -1,
                             SQLITE_TRANSIENT);
          sqlite3_bind_int64 (st, 7, s->state_raw);
        }
      else
        {
          sqlite3_bind_null (st, 6);
          sqlite3_bind_null (st, 7);
        }
      remora_sqlite_bind_int64_or_null (st, 8, s->prio < 0, s->prio);
      if (!step (im, st, error))
        return FALSE;
    }

  for (guint i = 0; i < b->wakeups->len; i++)
    {
      WakeupRec             *w = &g_array_index (b->wakeups, WakeupRec, i);
      const RemoraWakeupRow *r = &w->row;
      gboolean               open = r->switch_event_id < 0;
      sqlite3_stmt          *st = im->st_wakeup;

      sqlite3_bind_int (st, 1, w->buffer);
      sqlite3_bind_int (st, 2, r->pid);
      sqlite3_bind_text (st, 3, r->comm, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (st, 4, r->wakeup_ts);
      sqlite3_bind_int (st, 5, r->wakeup_cpu);
      remora_sqlite_bind_int64_or_null (st, 6, r->target_cpu < 0, r->target_cpu);
      remora_sqlite_bind_int64_or_null (st, 7, open, r->switch_ts);
      remora_sqlite_bind_int64_or_null (st, 8, open, r->switch_cpu);
      remora_sqlite_bind_int64_or_null (st, 9, open, r->switch_ts - r->wakeup_ts);
      sqlite3_bind_int (st, 10, r->new_task);
      sqlite3_bind_int (st, 11, r->waker_pid);
      sqlite3_bind_int64 (st, 12, r->wakeup_event_id);
      remora_sqlite_bind_int64_or_null (st, 13, open, r->switch_event_id);
      if (!step (im, st, error))
        return FALSE;
    }

  for (guint i = 0; i < b->blocks->len; i++)
    {
      BlockRec             *k = &g_array_index (b->blocks, BlockRec, i);
      const RemoraBlockRow *r = &k->row;
      gboolean              open = r->complete_event_id < 0;
      sqlite3_stmt         *st = im->st_block;
      char                  dev[32];

      g_snprintf (dev, sizeof dev, "%u,%u", r->dev >> 20, r->dev & 0xfffff);
      sqlite3_bind_int (st, 1, k->buffer);
      sqlite3_bind_text (st, 2, dev, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (st, 3, (gint64) r->sector);
      sqlite3_bind_int64 (st, 4, r->nr_sector);
      sqlite3_bind_text (st, 5, r->rwbs, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (st, 6, r->issue_ts);
      sqlite3_bind_int (st, 7, r->issue_cpu);
      sqlite3_bind_int (st, 8, r->issue_pid);
      remora_sqlite_bind_int64_or_null (st, 9, open, r->complete_ts);
      remora_sqlite_bind_int64_or_null (st, 10, open, r->complete_cpu);
      remora_sqlite_bind_int64_or_null (st, 11, open, r->complete_ts - r->issue_ts);
      remora_sqlite_bind_int64_or_null (st, 12, open, r->error);
      sqlite3_bind_int (st, 13, r->requeued);
      sqlite3_bind_int64 (st, 14, r->issue_event_id);
      remora_sqlite_bind_int64_or_null (st, 15, open, r->complete_event_id);
      if (!step (im, st, error))
        return FALSE;
    }

  for (guint i = 0; i < b->lost->len; i++)
    {
      LostRec *l = &g_array_index (b->lost, LostRec, i);
      sqlite3_bind_int (im->st_lost, 1, l->buffer);
      sqlite3_bind_int (im->st_lost, 2, l->cpu);
      sqlite3_bind_int64 (im->st_lost, 3, l->ts);
      remora_sqlite_bind_int64_or_null (im->st_lost, 4, !l->known, l->count);
      if (!step (im, im->st_lost, error))
        return FALSE;
    }

  for (guint i = 0; i < b->prints->len; i++)
    {
      PrintRec *p = &g_array_index (b->prints, PrintRec, i);
      sqlite3_bind_int64 (im->st_print, 1, p->event_id);
      sqlite3_bind_text (im->st_print, 2, p->text, -1, SQLITE_STATIC);
      if (!step (im, im->st_print, error))
        return FALSE;
    }

  for (guint i = 0; i < b->lods->len; i++)
    {
      LodRec       *l = &g_array_index (b->lods, LodRec, i);
      gsize         len;
      gconstpointer data = g_bytes_get_data (l->data, &len);
      sqlite3_stmt *st = l->task ? im->st_lod_task : im->st_lod;
      sqlite3_bind_int (st, 1, l->level);
      sqlite3_bind_int (st, 2, l->buffer);
      sqlite3_bind_int (st, 3, l->key);
      sqlite3_bind_int64 (st, 4, l->block);
      sqlite3_bind_blob (st, 5, data, (int) len, SQLITE_STATIC);
      if (!step (im, st, error))
        return FALSE;
    }

  for (guint i = 0; i < b->symbols->len; i++)
    {
      SymbolRec *s = &g_array_index (b->symbols, SymbolRec, i);
      sqlite3_bind_int64 (im->st_symbol, 1, s->id);
      sqlite3_bind_int64 (im->st_symbol, 2, s->addr);
      remora_sqlite_bind_text_or_null (im->st_symbol, 3, s->name);
      if (!step (im, im->st_symbol, error))
        return FALSE;
    }

  for (guint i = 0; i < b->funcs->len; i++)
    {
      FuncRec      *f = &g_array_index (b->funcs, FuncRec, i);
      sqlite3_stmt *st = im->st_func;
      sqlite3_bind_int64 (st, 1, f->event_id);
      sqlite3_bind_int (st, 2, f->kind);
      sqlite3_bind_int64 (st, 3, f->func);
      remora_sqlite_bind_int64_or_null (st, 4, !f->has_parent, f->parent);
      remora_sqlite_bind_int64_or_null (st, 5, !f->has_depth, f->depth);
      remora_sqlite_bind_int64_or_null (st, 6, !f->has_duration, f->duration_ns);
      if (!step (im, st, error))
        return FALSE;
    }

  return TRUE;
}

static gpointer
writer_thread (gpointer data)
{
  Import *im = data;

  for (;;)
    {
      Batch   *b = g_async_queue_pop (im->filled);
      gboolean final = b->final;

      if (!g_atomic_int_get (&im->writer_failed))
        {
          GError *error = NULL;
          if (!write_batch (im, b, &error))
            {
              im->writer_error = error;
              g_atomic_int_set (&im->writer_failed, 1);
            }
        }
      batch_reset (b);
      g_async_queue_push (im->free_batches, b);
      if (final)
        break;
    }
  return NULL;
}

/* Hands the current batch to the writer and takes a free one (blocking while
 * the writer is behind, which bounds memory). */
static void
flush_batch (Import *im, gboolean final)
{
  im->cur->final = final;
  g_async_queue_push (im->filled, im->cur);
  im->cur = final ? NULL : g_async_queue_pop (im->free_batches);
}

/* Reader ------------------------------------------------------------------- */

/* Compresses the payloads of the last (up to) 1024 events into one chunk:
 * a zstd frame of u32 count, count × u16 sizes, then the payloads (LE). */
static void
flush_chunk (Import *im)
{
  ChunkRec c;
  guint32  n = GUINT32_TO_LE (im->chunk_count);
  gsize    raw_len, bound, len;
  guint8  *raw;

  if (im->chunk_count == 0)
    return;

  raw_len = 4 + im->chunk_sizes->len + im->chunk_data->len;
  raw = g_malloc (raw_len);
  memcpy (raw, &n, 4);
  memcpy (raw + 4, im->chunk_sizes->data, im->chunk_sizes->len);
  memcpy (raw + 4 + im->chunk_sizes->len, im->chunk_data->data, im->chunk_data->len);
  bound = ZSTD_compressBound (raw_len);
  g_byte_array_set_size (im->zbuf, bound);
  len = ZSTD_compressCCtx (im->zctx, im->zbuf->data, bound, raw, raw_len, ZSTD_LEVEL);
  g_assert (!ZSTD_isError (len));
  g_free (raw);

  c.chunk = (im->next_id - 1) >> CHUNK_SHIFT;
  c.first_id = im->next_id - im->chunk_count;
  c.last_id = im->next_id - 1;
  c.first_ts = im->chunk_first_ts;
  c.last_ts = im->prev_ts;
  c.data = g_bytes_new (im->zbuf->data, len);
  g_array_append_val (im->cur->chunks, c);
  g_byte_array_set_size (im->chunk_sizes, 0);
  g_byte_array_set_size (im->chunk_data, 0);
  im->chunk_count = 0;
}

static CpuState *
cpu_state (BufferState *b, int cpu)
{
  while (b->cpus->len <= (guint) cpu)
    {
      CpuState s = { .first_ts = -1, .last_ts = -1, .slice_pid = -1, .slice_prio = -1 };
      g_array_append_val (b->cpus, s);
    }
  return &g_array_index (b->cpus, CpuState, cpu);
}

static gint64
field_num (struct tep_format_field *field, struct tep_record *rec, gint64 fallback)
{
  unsigned long long val;

  if (field == NULL || tep_read_number_field (field, rec->data, &val) != 0)
    return fallback;
  /* sign-extend signed fields narrower than 64 bits */
  if ((field->flags & TEP_FIELD_IS_SIGNED) && field->size < 8)
    {
      int shift = 64 - field->size * 8;
      return ((gint64) (val << shift)) >> shift;
    }
  return (gint64) val;
}

/* Copies a char[N] field (NUL-padded) into @out. */
static const char *
field_str (struct tep_format_field *field, struct tep_record *rec, char *out, gsize out_size)
{
  int offset, size;

  if (field == NULL)
    return NULL;
  offset = field->offset;
  size = field->size;
  if (field->flags & TEP_FIELD_IS_DYNAMIC)
    {
      unsigned long long dyn;
      if (tep_read_number_field (field, rec->data, &dyn) != 0)
        return NULL;
      offset = dyn & 0xffff;
      size = dyn >> 16;
    }
  if (offset < 0 || size < 0 || offset + size > rec->size)
    return NULL;
  size = MIN ((gsize) size, out_size - 1);
  memcpy (out, (const char *) rec->data + offset, size);
  out[size] = 0;
  return out;
}

/* @comm is @pid's name at @ts: the first one seen, or a change, is kept as a
 * row of task_names. The idle task (pid 0) is <idle> on every CPU, never the
 * swapper/N a scheduler event names it. */
static void
note_name (Import *im, int pid, gint64 ts, const char *comm)
{
  const char *old;
  NameRec     n = { .ts = ts, .pid = pid };

  if (comm == NULL || comm[0] == 0 || pid <= 0)
    return;
  old = g_hash_table_lookup (im->names_now, GINT_TO_POINTER (pid));
  if (old != NULL && strcmp (old, comm) == 0)
    return;
  g_hash_table_insert (im->names_now, GINT_TO_POINTER (pid), g_strdup (comm));
  g_strlcpy (n.comm, comm, sizeof n.comm);
  n.seq = im->names->len;
  g_array_append_val (im->names, n);
}

/* The same, from a scheduler event's fields, which also give tasks its one
 * name per pid (the last). */
static void
remember_comm (Import *im, int pid, gint64 ts, const char *comm)
{
  const char *old;

  if (comm == NULL || comm[0] == 0)
    return;
  note_name (im, pid, ts, comm);
  old = g_hash_table_lookup (im->comms, GINT_TO_POINTER (pid));
  if (old == NULL || strcmp (old, comm) != 0)
    g_hash_table_insert (im->comms, GINT_TO_POINTER (pid), g_strdup (comm));
}

static gint64
intern_symbol (Import *im, struct tep_handle *tep, guint64 addr)
{
  gpointer  value;
  SymbolRec s;

  if (g_hash_table_lookup_extended (im->symbols, &addr, NULL, &value))
    return GPOINTER_TO_SIZE (value);
  s.id = ++im->n_symbols;
  s.addr = (gint64) addr;
  s.name = g_strdup (tep_find_function (tep, addr));
  g_array_append_val (im->cur->symbols, s);
  g_hash_table_insert (im->symbols, g_memdup2 (&addr, sizeof addr), GSIZE_TO_POINTER (s.id));
  return s.id;
}

static void
emit_wakeup (const RemoraWakeupRow *row, gpointer user_data)
{
  BufferState *b = user_data;
  WakeupRec    w = { .buffer = b->index, .row = *row };
  g_array_append_val (b->im->cur->wakeups, w);
  remora_lod_builder_add_task_wakeup (b->im->lod, b->index, row->pid, row->wakeup_ts);
}

static void
emit_block (const RemoraBlockRow *row, gpointer user_data)
{
  BufferState *b = user_data;
  BlockRec     k = { .buffer = b->index, .row = *row };
  g_array_append_val (b->im->cur->blocks, k);
}

static int
event_id_of (struct tep_handle *tep, const char *system, const char *name)
{
  struct tep_event *event = tep_find_event_by_name (tep, system, name);
  return event ? event->id : -1;
}

static struct tep_format_field *
find_field (struct tep_handle *tep, int id, const char *name)
{
  struct tep_event *event = id >= 0 ? tep_find_event (tep, id) : NULL;
  return event ? tep_find_any_field (event, name) : NULL;
}

static void
buffer_state_setup (BufferState *b)
{
  struct tep_handle *tep = b->tep;

  b->id_switch = event_id_of (tep, "sched", "sched_switch");
  b->id_wakeup = event_id_of (tep, "sched", "sched_wakeup");
  b->id_wakeup_new = event_id_of (tep, "sched", "sched_wakeup_new");
  b->id_issue = event_id_of (tep, "block", "block_rq_issue");
  b->id_complete = event_id_of (tep, "block", "block_rq_complete");
  b->id_requeue = event_id_of (tep, "block", "block_rq_requeue");
  b->id_print = event_id_of (tep, "ftrace", "print");
  b->id_fentry = event_id_of (tep, "ftrace", "funcgraph_entry");
  b->id_fexit = event_id_of (tep, "ftrace", "funcgraph_exit");
  b->id_function = event_id_of (tep, "ftrace", "function");
  b->id_exec = event_id_of (tep, "sched", "sched_process_exec");
  b->id_fork = event_id_of (tep, "sched", "sched_process_fork");
  b->id_rename = event_id_of (tep, "task", "task_rename");

  b->sw_prev_comm = find_field (tep, b->id_switch, "prev_comm");
  b->sw_prev_pid = find_field (tep, b->id_switch, "prev_pid");
  b->sw_prev_prio = find_field (tep, b->id_switch, "prev_prio");
  b->sw_prev_state = find_field (tep, b->id_switch, "prev_state");
  b->sw_next_comm = find_field (tep, b->id_switch, "next_comm");
  b->sw_next_pid = find_field (tep, b->id_switch, "next_pid");
  b->sw_next_prio = find_field (tep, b->id_switch, "next_prio");
  b->wk_comm = find_field (tep, b->id_wakeup, "comm");
  b->wk_pid = find_field (tep, b->id_wakeup, "pid");
  b->wk_target_cpu = find_field (tep, b->id_wakeup, "target_cpu");
  b->wn_comm = find_field (tep, b->id_wakeup_new, "comm");
  b->wn_pid = find_field (tep, b->id_wakeup_new, "pid");
  b->wn_target_cpu = find_field (tep, b->id_wakeup_new, "target_cpu");
  /* every other sched event whose comm and pid are one task's, as it is
   * then (sched_process_wait's comm is the waiter's, its pid the waited
   * for's) */
  b->namers = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (struct tep_event **e = tep_list_events (tep, TEP_EVENT_SORT_ID); e && *e; e++)
    {
      struct tep_format_field *comm = tep_find_field (*e, "comm");
      struct tep_format_field *pid = tep_find_field (*e, "pid");

      if (comm != NULL && pid != NULL && g_strcmp0 ((*e)->system, "sched") == 0 &&
          g_strcmp0 ((*e)->name, "sched_process_wait") != 0 && (*e)->id != b->id_wakeup &&
          (*e)->id != b->id_wakeup_new)
        {
          NameFields *f = g_new (NameFields, 1);
          f->comm = comm;
          f->pid = pid;
          g_hash_table_insert (b->namers, GINT_TO_POINTER ((*e)->id), f);
        }
    }
  b->ex_filename = find_field (tep, b->id_exec, "filename");
  b->ex_pid = find_field (tep, b->id_exec, "pid");
  b->fk_parent_comm = find_field (tep, b->id_fork, "parent_comm");
  b->fk_parent_pid = find_field (tep, b->id_fork, "parent_pid");
  b->fk_child_comm = find_field (tep, b->id_fork, "child_comm");
  b->fk_child_pid = find_field (tep, b->id_fork, "child_pid");
  b->rn_pid = find_field (tep, b->id_rename, "pid");
  b->rn_newcomm = find_field (tep, b->id_rename, "newcomm");
  b->is_dev = find_field (tep, b->id_issue, "dev");
  b->is_sector = find_field (tep, b->id_issue, "sector");
  b->is_nr_sector = find_field (tep, b->id_issue, "nr_sector");
  b->is_rwbs = find_field (tep, b->id_issue, "rwbs");
  b->co_dev = find_field (tep, b->id_complete, "dev");
  b->co_sector = find_field (tep, b->id_complete, "sector");
  b->co_nr_sector = find_field (tep, b->id_complete, "nr_sector");
  b->co_rwbs = find_field (tep, b->id_complete, "rwbs");
  b->co_error = find_field (tep, b->id_complete, "error");
  b->rq_dev = find_field (tep, b->id_requeue, "dev");
  b->rq_sector = find_field (tep, b->id_requeue, "sector");
  b->rq_nr_sector = find_field (tep, b->id_requeue, "nr_sector");
  b->rq_rwbs = find_field (tep, b->id_requeue, "rwbs");
  b->pr_buf = find_field (tep, b->id_print, "buf");
  b->fe_func = find_field (tep, b->id_fentry, "func");
  b->fe_depth = find_field (tep, b->id_fentry, "depth");
  b->fx_func = find_field (tep, b->id_fexit, "func");
  b->fx_depth = find_field (tep, b->id_fexit, "depth");
  b->fx_calltime = find_field (tep, b->id_fexit, "calltime");
  b->fx_rettime = find_field (tep, b->id_fexit, "rettime");
  b->fn_ip = find_field (tep, b->id_function, "ip");
  b->fn_parent_ip = find_field (tep, b->id_function, "parent_ip");

  /* Pairing needs all of a pair's fields; without them the pair is not built. */
  if (!b->sw_prev_pid || !b->sw_next_pid)
    b->id_switch = -1;
  if (!b->wk_pid)
    b->id_wakeup = -1;
  if (!b->wn_pid)
    b->id_wakeup_new = -1;
  if (!b->is_dev || !b->is_sector || !b->is_nr_sector)
    b->id_issue = -1;
  if (!b->co_dev || !b->co_sector || !b->co_nr_sector)
    b->id_complete = -1;
  if (!b->rq_dev || !b->rq_sector || !b->rq_nr_sector)
    b->id_requeue = -1;
  if (!b->fe_func)
    b->id_fentry = -1;
  if (!b->fx_func)
    b->id_fexit = -1;
  if (!b->fn_ip)
    b->id_function = -1;
}

static gint32
type_of (Import *im, BufferState *b, int tep_id)
{
  struct tep_event *event;
  TypeRec           t;

  /* a record too damaged to have an id is filed under the last one */
  if (tep_id < 0 || tep_id >= TEP_ID_MAP_SIZE)
    tep_id = TEP_ID_MAP_SIZE - 1;
  if (b->type_map[tep_id] != 0)
    return b->type_map[tep_id] - 1;

  event = tep_find_event (b->tep, tep_id);
  t.id = im->n_types++;
  t.buffer = b->index;
  t.tep_id = tep_id;
  if (event != NULL)
    {
      t.system = g_strdup (event->system ? event->system : "");
      t.name = g_strdup (event->name ? event->name : "");
      t.parsed = (event->flags & TEP_EVENT_FL_FAILED) == 0;
    }
  else
    {
      /* An id with no format in the file: keep the record under a name that
       * says so; its fields cannot be decoded. */
      t.system = g_strdup ("");
      t.name = tep_id == TEP_ID_MAP_SIZE - 1 ? g_strdup ("damaged_record")
                                             : g_strdup_printf ("unknown_event_%d", tep_id);
      t.parsed = FALSE;
    }
  g_array_append_val (im->cur->types, t);
  b->type_map[tep_id] = t.id + 1;
  return t.id;
}

static void
emit_lod (
    int level, int buffer, int cpu, gint64 block, const guint8 *data, gsize len, gpointer user_data)
{
  Import *im = user_data;
  LodRec  l = { level, buffer, cpu, block, g_bytes_new (data, len), FALSE };
  g_array_append_val (im->cur->lods, l);
}

static void
emit_lod_task (
    int level, int buffer, int pid, gint64 block, const guint8 *data, gsize len, gpointer user_data)
{
  Import *im = user_data;
  LodRec  l = { level, buffer, pid, block, g_bytes_new (data, len), TRUE };
  g_array_append_val (im->cur->lods, l);
}

/* The state a slice left its task in, as the task summaries number states. */
static int
task_state_after (const SliceRec *s)
{
  return s->has_state ? (int) remora_task_state_from_raw (s->state_raw)
                      : (int) REMORA_TASK_STATE_UNKNOWN;
}

/* Ends the open slice at @ts with no end state (a gap, or the CPU's end). */
static void
end_slice (Import *im, BufferState *b, CpuState *cs, int cpu, gint64 ts)
{
  if (cs->slice_known && ts >= cs->slice_start)
    {
      SliceRec s = { .buffer = b->index,
                     .cpu = cpu,
                     .pid = cs->slice_pid,
                     .prio = cs->slice_prio,
                     .start_ts = cs->slice_start,
                     .end_ts = ts };
      g_array_append_val (im->cur->slices, s);
      remora_lod_builder_add_slice (im->lod, b->index, cpu, s.pid, s.start_ts, s.end_ts);
      remora_lod_builder_add_task_slice (im->lod, b->index, s.pid, cpu, s.start_ts, s.end_ts,
                                         task_state_after (&s));
    }
  cs->slice_known = FALSE;
  cs->slice_start = ts;
}

static void
on_switch (Import *im, BufferState *b, CpuState *cs, struct tep_record *rec, gint64 id, int cpu)
{
  char     prev_comm[17], next_comm[17];
  int      prev_pid = (int) field_num (b->sw_prev_pid, rec, -1);
  int      next_pid = (int) field_num (b->sw_next_pid, rec, -1);
  SliceRec s;

  remember_comm (im, prev_pid, (gint64) rec->ts,
                 field_str (b->sw_prev_comm, rec, prev_comm, sizeof prev_comm));
  remember_comm (im, next_pid, (gint64) rec->ts,
                 field_str (b->sw_next_comm, rec, next_comm, sizeof next_comm));

  /* What ran before this switch: since the previous switch, or since the CPU's
   * first record (the first slice is clipped to the CPU's data). */
  s.buffer = b->index;
  s.cpu = cpu;
  s.pid = prev_pid;
  s.prio = cs->slice_known ? cs->slice_prio : (int) field_num (b->sw_prev_prio, rec, -1);
  s.start_ts = cs->slice_start;
  s.end_ts = (gint64) rec->ts;
  s.has_state = b->sw_prev_state != NULL;
  s.state_raw = field_num (b->sw_prev_state, rec, 0);
  g_array_append_val (im->cur->slices, s);
  remora_lod_builder_add_slice (im->lod, b->index, cpu, s.pid, s.start_ts, s.end_ts);
  remora_lod_builder_add_task_slice (im->lod, b->index, s.pid, cpu, s.start_ts, s.end_ts,
                                     task_state_after (&s));

  cs->slice_known = TRUE;
  cs->slice_start = (gint64) rec->ts;
  cs->slice_pid = next_pid;
  cs->slice_prio = (int) field_num (b->sw_next_prio, rec, -1);

  remora_wakeup_pairer_switch (&b->wakeups, id, (gint64) rec->ts, cpu, prev_pid, next_pid);
}

static void
on_block (BufferState *b, struct tep_record *rec, gint64 id, int cpu, int pid, int type)
{
  char rwbs[9];

  if (type == b->id_issue)
    remora_block_pairer_issue (
        &b->blocks, id, (gint64) rec->ts, cpu, pid, (guint32) field_num (b->is_dev, rec, 0),
        (guint64) field_num (b->is_sector, rec, 0), (guint32) field_num (b->is_nr_sector, rec, 0),
        field_str (b->is_rwbs, rec, rwbs, sizeof rwbs));
  else if (type == b->id_complete)
    remora_block_pairer_complete (
        &b->blocks, id, (gint64) rec->ts, cpu, (guint32) field_num (b->co_dev, rec, 0),
        (guint64) field_num (b->co_sector, rec, 0), (guint32) field_num (b->co_nr_sector, rec, 0),
        field_str (b->co_rwbs, rec, rwbs, sizeof rwbs), (int) field_num (b->co_error, rec, 0));
  else
    remora_block_pairer_requeue (
        &b->blocks, id, (gint64) rec->ts, cpu, (guint32) field_num (b->rq_dev, rec, 0),
        (guint64) field_num (b->rq_sector, rec, 0), (guint32) field_num (b->rq_nr_sector, rec, 0),
        field_str (b->rq_rwbs, rec, rwbs, sizeof rwbs));
}

static void
on_func (Import *im, BufferState *b, struct tep_record *rec, gint64 id, int type)
{
  FuncRec f = { .event_id = id };

  if (type == b->id_function)
    {
      f.kind = 0;
      f.func = intern_symbol (im, b->tep, field_num (b->fn_ip, rec, 0));
      if (b->fn_parent_ip != NULL)
        {
          f.parent = intern_symbol (im, b->tep, field_num (b->fn_parent_ip, rec, 0));
          f.has_parent = TRUE;
        }
    }
  else if (type == b->id_fentry)
    {
      f.kind = 1;
      f.func = intern_symbol (im, b->tep, field_num (b->fe_func, rec, 0));
      f.depth = (int) field_num (b->fe_depth, rec, 0);
      f.has_depth = b->fe_depth != NULL;
    }
  else
    {
      f.kind = 2;
      f.func = intern_symbol (im, b->tep, field_num (b->fx_func, rec, 0));
      f.depth = (int) field_num (b->fx_depth, rec, 0);
      f.has_depth = b->fx_depth != NULL;
      if (b->fx_calltime != NULL && b->fx_rettime != NULL)
        {
          /* the kernel's u64 times: a damaged pair can be any two numbers */
          guint64 ret = (guint64) field_num (b->fx_rettime, rec, 0);
          guint64 call = (guint64) field_num (b->fx_calltime, rec, 0);
          f.duration_ns = ret >= call && ret - call <= G_MAXINT64 ? (gint64) (ret - call) : -1;
          f.has_duration = f.duration_ns >= 0;
        }
    }
  g_array_append_val (im->cur->funcs, f);
}

static void
on_print (Import *im, BufferState *b, struct tep_record *rec, gint64 id)
{
  PrintRec p;
  int      offset = b->pr_buf->offset;
  int      len;

  if (offset >= rec->size)
    return;
  len = strnlen ((const char *) rec->data + offset, rec->size - offset);
  while (len > 0 && ((const char *) rec->data)[offset + len - 1] == '\n')
    len--;
  p.event_id = id;
  p.text = g_strndup ((const char *) rec->data + offset, len);
  g_array_append_val (im->cur->prints, p);
}

/* The events that name a task as it is at that moment, besides the
 * switches and wakeups: sched_waking, sched_process_fork (the child is named
 * at birth), sched_process_exec (the kernel names the task after the base
 * name of what it runs, 15 bytes at most) and task_rename. */
static void
on_name (Import *im, BufferState *b, struct tep_record *rec, int tep_type)
{
  gint64 ts = (gint64) rec->ts;
  char   comm[17];

  if (tep_type == b->id_fork)
    {
      note_name (im, (int) field_num (b->fk_parent_pid, rec, -1), ts,
                 field_str (b->fk_parent_comm, rec, comm, sizeof comm));
      note_name (im, (int) field_num (b->fk_child_pid, rec, -1), ts,
                 field_str (b->fk_child_comm, rec, comm, sizeof comm));
    }
  else if (tep_type == b->id_rename)
    note_name (im, (int) field_num (b->rn_pid, rec, -1), ts,
               field_str (b->rn_newcomm, rec, comm, sizeof comm));
  else if (tep_type == b->id_exec)
    {
      char        path[4096];
      const char *base = field_str (b->ex_filename, rec, path, sizeof path);

      if (base == NULL)
        return;
      if (strrchr (base, '/') != NULL)
        base = strrchr (base, '/') + 1;
      g_strlcpy (comm, base, 16);
      note_name (im, (int) field_num (b->ex_pid, rec, -1), ts, comm);
    }
  else
    {
      NameFields *f = g_hash_table_lookup (b->namers, GINT_TO_POINTER (tep_type));
      note_name (im, (int) field_num (f->pid, rec, -1), ts,
                 field_str (f->comm, rec, comm, sizeof comm));
    }
}

/* Returns FALSE to stop: cancelled, or the writer failed. */
static gboolean
on_record (Import *im, BufferState *b, struct tep_record *rec, guint flags)
{
  CpuState         *cs;
  EventRec          e;
  gint64            id = im->next_id;
  struct tep_event *event = NULL;
  gboolean          damaged = FALSE;
  int               cpu;
  int               tep_type = -1;
  guint16           size16;

  if ((id % CHECK_INTERVAL) == 0)
    {
      double span = (double) MAX (1, im->last_ts - im->first_ts);
      if (g_cancellable_is_cancelled (im->cancellable) || g_atomic_int_get (&im->writer_failed))
        {
          im->stopped = TRUE;
          return FALSE;
        }
      set_progress (im->self,
                    0.02 + 0.88 * CLAMP (((gint64) rec->ts - im->first_ts) / span, 0.0, 1.0), NULL,
                    id);
    }

  cpu = rec->cpu;
  if (cpu < 0 || cpu >= REMORA_TRACE_MAX_CPUS || rec->size < 0 || rec->size > G_MAXUINT16)
    return TRUE;

  /* A damaged record is kept (trace-cmd report shows it too) and counted,
   * but none of its fields is decoded. */
  if (flags & REMORA_RAW_RECORD_DAMAGED_TIME)
    im->damaged_time++;
  if ((gint64) rec->ts < im->first_ts || (gint64) rec->ts > im->last_ts)
    im->damaged_span++;
  if (flags & REMORA_RAW_RECORD_DAMAGED_SIZE)
    {
      im->damaged_payload++;
      damaged = TRUE;
    }
  else
    switch (remora_payload_check (b->tep, im->common_size, rec, &event))
      {
      case REMORA_PAYLOAD_OK:
        tep_type = event->id;
        break;
      case REMORA_PAYLOAD_UNKNOWN:
        im->damaged_unknown++;
        damaged = TRUE;
        tep_type = tep_data_type (b->tep, rec); /* kept as unknown_event_ID */
        break;
      case REMORA_PAYLOAD_SHORT:
      case REMORA_PAYLOAD_MISFIT:
      default:
        im->damaged_payload++;
        damaged = TRUE;
        /* a misfit still has its id: it is counted under its event */
        tep_type = event ? event->id : -1;
        break;
      }

  cs = cpu_state (b, cpu);
  if (cs->first_ts < 0)
    cs->first_ts = cs->slice_start = (gint64) rec->ts;
  cs->last_ts = (gint64) rec->ts;
  cs->events++;

  if (rec->missed_events != 0)
    {
      LostRec l = { .buffer = b->index, .cpu = cpu, .ts = (gint64) rec->ts };
      l.known = rec->missed_events > 0;
      l.count = l.known ? rec->missed_events : 0;
      if (l.known)
        cs->lost_known += rec->missed_events;
      cs->lost_marks++;
      g_array_append_val (im->cur->lost, l);
      remora_wakeup_pairer_lost (&b->wakeups, cpu);
      /* What ran through the gap is unknown: end the open slice here. */
      end_slice (im, b, cs, cpu, (gint64) rec->ts);
    }

  e.ts = (gint64) rec->ts;
  e.cpu = cpu;
  e.pid = tep_type >= 0 ? tep_data_pid (b->tep, rec) : -1;
  e.type = type_of (im, b, tep_type);

  /* Level-of-detail cells: this CPU gets nothing more before its open slice
   * began (a buffer without sched_switch has no slices: before this record). */
  remora_lod_builder_add_event (im->lod, b->index, cpu, (gint64) rec->ts, rec->missed_events != 0);
  if (e.pid >= 0)
    remora_lod_builder_add_task_event (im->lod, b->index, e.pid, (gint64) rec->ts);
  remora_lod_builder_advance (im->lod, b->index, cpu,
                              b->id_switch >= 0 ? cs->slice_start : (gint64) rec->ts);

  if (im->cur->first_id < 0)
    im->cur->first_id = id;
  g_array_append_val (im->cur->events, e);

  if (e.type >= 0)
    {
      if ((guint) e.type >= im->type_counts->len)
        g_array_set_size (im->type_counts, e.type + 1);
      g_array_index (im->type_counts, gint64, e.type)++;
    }
  if (e.pid >= 0 && e.pid < PID_BITS)
    im->pid_bits[e.pid >> 3] |= 1 << (e.pid & 7);
  else if (e.pid >= 0)
    g_hash_table_add (im->big_pids, GINT_TO_POINTER (e.pid));
  if (e.ts < im->prev_ts)
    im->ts_monotonic = FALSE;
  im->prev_ts = e.ts;

  /* payload into the current chunk */
  if (im->chunk_count == 0)
    im->chunk_first_ts = e.ts;
  size16 = GUINT16_TO_LE ((guint16) rec->size);
  g_byte_array_append (im->chunk_sizes, (guint8 *) &size16, 2);
  g_byte_array_append (im->chunk_data, rec->data, rec->size);
  im->chunk_count++;
  im->next_id++;

  if (damaged)
    ;
  else if (tep_type == b->id_switch)
    on_switch (im, b, cs, rec, id, cpu);
  else if (tep_type == b->id_wakeup || tep_type == b->id_wakeup_new)
    {
      gboolean    is_new = tep_type == b->id_wakeup_new;
      char        comm[17];
      int         pid = (int) field_num (is_new ? b->wn_pid : b->wk_pid, rec, 0);
      const char *c = field_str (is_new ? b->wn_comm : b->wk_comm, rec, comm, sizeof comm);
      struct tep_format_field *target = is_new ? b->wn_target_cpu : b->wk_target_cpu;

      remember_comm (im, pid, (gint64) rec->ts, c);
      remora_wakeup_pairer_wakeup (&b->wakeups, id, (gint64) rec->ts, cpu, pid, c,
                                   (int) field_num (target, rec, -1), is_new, e.pid);
    }
  else if (tep_type == b->id_issue || tep_type == b->id_complete || tep_type == b->id_requeue)
    on_block (b, rec, id, cpu, e.pid, tep_type);
  else if (tep_type == b->id_function || tep_type == b->id_fentry || tep_type == b->id_fexit)
    on_func (im, b, rec, id, tep_type);
  else if (tep_type == b->id_print && b->pr_buf != NULL)
    on_print (im, b, rec, id);
  else if (tep_type == b->id_exec || tep_type == b->id_fork || tep_type == b->id_rename ||
           g_hash_table_contains (b->namers, GINT_TO_POINTER (tep_type)))
    on_name (im, b, rec, tep_type);

  if ((im->next_id & ((1 << CHUNK_SHIFT) - 1)) == 0)
    flush_chunk (im);
  if (im->cur->events->len >= BATCH_EVENTS)
    flush_batch (im, FALSE);

  return TRUE;
}

static void
buffer_state_free (gpointer data)
{
  BufferState *b = data;

  remora_wakeup_pairer_clear (&b->wakeups);
  remora_block_pairer_clear (&b->blocks);
  g_clear_pointer (&b->cpus, g_array_unref);
  g_clear_pointer (&b->namers, g_hash_table_unref);
  g_free (b->type_map);
  g_free (b->name);
  g_free (b);
}

static BufferState *
buffer_state_new (Import *im, int index, const char *name, int ncpus, struct tep_handle *tep)
{
  BufferState *b = g_new0 (BufferState, 1);

  b->im = im;
  b->index = index;
  b->name = g_strdup (name);
  b->ncpus = ncpus;
  b->tep = tep;
  b->type_map = g_new0 (gint32, TEP_ID_MAP_SIZE);
  b->cpus = g_array_new (FALSE, FALSE, sizeof (CpuState));
  remora_wakeup_pairer_init (&b->wakeups, emit_wakeup, b);
  remora_block_pairer_init (&b->blocks, emit_block, b);
  buffer_state_setup (b);
  return b;
}

/* Finishing ---------------------------------------------------------------- */

static gboolean
exec_resource (Import *im, const char *resource, GError **error)
{
  g_autoptr (GBytes) bytes = g_resources_lookup_data (resource, 0, error);
  g_autofree char *sql = NULL;

  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return remora_sqlite_exec (im->db, sql, _ ("write the store"), im->store_path, error);
}

static gboolean
put_meta (
    Import *im, const char *key, const char *text, gint64 num, gboolean is_text, GError **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;

  if (!remora_sqlite_prepare (im->db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                              FALSE, &st, im->store_path, error))
    return FALSE;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  if (is_text)
    remora_sqlite_bind_text_or_null (st, 2, text);
  else
    sqlite3_bind_int64 (st, 2, num);
  return remora_sqlite_check (im->db, sqlite3_step (st), _ ("write the store"), im->store_path,
                              error);
}

#define META_TEXT(k, v)                                                                            \
  if (!put_meta (im, k, v, 0, TRUE, error))                                                        \
    return FALSE;
#define META_INT(k, v)                                                                             \
  if (!put_meta (im, k, NULL, v, FALSE, error))                                                    \
    return FALSE;

static int
compare_names (gconstpointer a, gconstpointer b)
{
  const NameRec *x = a, *y = b;

  if (x->pid != y->pid)
    return x->pid < y->pid ? -1 : 1;
  if (x->ts != y->ts)
    return x->ts < y->ts ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* task_names: each pid's first name since 0 (the trace's beginning, or
 * whenever the pid came to be before it was first seen), then a row at each
 * change; the idle task is <idle>. */
static gboolean
write_task_names (Import *im, GError **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  const NameRec *last = NULL;

  if (!remora_sqlite_prepare (
          im->db, "INSERT OR REPLACE INTO task_names (pid, since_ts, comm) VALUES (?, ?, ?)", FALSE,
          &st, im->store_path, error))
    return FALSE;
  if ((im->pid_bits[0] & 1) || g_hash_table_contains (im->comms, GINT_TO_POINTER (0)))
    {
      sqlite3_bind_int (st, 1, 0);
      sqlite3_bind_int64 (st, 2, 0);
      sqlite3_bind_text (st, 3, "<idle>", -1, SQLITE_STATIC);
      if (!step (im, st, error))
        return FALSE;
    }
  g_array_sort (im->names, compare_names);
  for (guint i = 0; i < im->names->len; i++)
    {
      const NameRec *n = &g_array_index (im->names, NameRec, i);
      gboolean       first = last == NULL || last->pid != n->pid;

      if (!first && strcmp (last->comm, n->comm) == 0)
        continue;
      sqlite3_bind_int (st, 1, n->pid);
      sqlite3_bind_int64 (st, 2, first ? 0 : n->ts);
      sqlite3_bind_text (st, 3, n->comm, -1, SQLITE_STATIC);
      if (!step (im, st, error))
        return FALSE;
      last = n;
    }
  return TRUE;
}

static gboolean
put_count (
    sqlite3_stmt *st, Import *im, int buffer_id, const char *name, gint64 value, GError **error)
{
  sqlite3_bind_int (st, 1, buffer_id);
  sqlite3_bind_text (st, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, value);
  return step (im, st, error);
}

static gboolean
write_small_tables (Import *im, GError **error)
{
  g_autoptr (sqlite3_stmt) st_buf = NULL;
  g_autoptr (sqlite3_stmt) st_cpu = NULL;
  g_autoptr (sqlite3_stmt) st_task = NULL;
  g_autoptr (sqlite3_stmt) st_count = NULL;
  GHashTableIter iter;
  gpointer       key, value;

  if (!remora_sqlite_prepare (im->db, "INSERT INTO buffers (id, name, cpus) VALUES (?, ?, ?)",
                              FALSE, &st_buf, im->store_path, error) ||
      !remora_sqlite_prepare (im->db,
                              "INSERT INTO cpus (buffer_id, cpu, first_ts, last_ts, events, "
                              "lost_events, lost_marks) VALUES (?, ?, ?, ?, ?, ?, ?)",
                              FALSE, &st_cpu, im->store_path, error) ||
      !remora_sqlite_prepare (im->db, "INSERT OR REPLACE INTO tasks (pid, comm) VALUES (?, ?)",
                              FALSE, &st_task, im->store_path, error) ||
      !remora_sqlite_prepare (im->db,
                              "INSERT INTO pair_counts (buffer_id, name, value) VALUES (?, ?, ?)",
                              FALSE, &st_count, im->store_path, error))
    return FALSE;

  for (guint i = 0; i < im->buffers->len; i++)
    {
      BufferState        *b = g_ptr_array_index (im->buffers, i);
      RemoraWakeupPairer *w = &b->wakeups;
      RemoraBlockPairer  *k = &b->blocks;
      int                 cpus = MAX ((int) b->cpus->len, b->ncpus);

      sqlite3_bind_int (st_buf, 1, b->index);
      sqlite3_bind_text (st_buf, 2, b->name, -1, SQLITE_STATIC);
      sqlite3_bind_int (st_buf, 3, cpus);
      if (!step (im, st_buf, error))
        return FALSE;

      for (int cpu = 0; cpu < cpus; cpu++)
        {
          CpuState *cs = cpu_state (b, cpu);
          sqlite3_bind_int (st_cpu, 1, b->index);
          sqlite3_bind_int (st_cpu, 2, cpu);
          remora_sqlite_bind_int64_or_null (st_cpu, 3, cs->first_ts < 0, cs->first_ts);
          remora_sqlite_bind_int64_or_null (st_cpu, 4, cs->last_ts < 0, cs->last_ts);
          sqlite3_bind_int64 (st_cpu, 5, cs->events);
          sqlite3_bind_int64 (st_cpu, 6, cs->lost_known);
          sqlite3_bind_int64 (st_cpu, 7, cs->lost_marks);
          if (!step (im, st_cpu, error))
            return FALSE;
        }

      if (!put_count (st_count, im, b->index, "sched_wakeup", w->wakeups, error) ||
          !put_count (st_count, im, b->index, "sched_wakeup_new", w->wakeups_new, error) ||
          !put_count (st_count, im, b->index, "wakeups_matched", w->matched, error) ||
          !put_count (st_count, im, b->index, "wakeup_while_running", w->wakeup_while_running,
                      error) ||
          !put_count (st_count, im, b->index, "duplicate_wakeups", w->duplicate_wakeups, error) ||
          !put_count (st_count, im, b->index, "stale_dropped", w->stale_dropped, error) ||
          !put_count (st_count, im, b->index, "wakeups_unmatched_at_end", w->unmatched_at_end,
                      error) ||
          !put_count (st_count, im, b->index, "block_issued", k->issued, error) ||
          !put_count (st_count, im, b->index, "block_completed", k->completed, error) ||
          !put_count (st_count, im, b->index, "block_matched", k->matched, error) ||
          !put_count (st_count, im, b->index, "block_zero_length_matched", k->zero_length_matched,
                      error) ||
          !put_count (st_count, im, b->index, "block_complete_without_issue",
                      k->complete_without_issue, error) ||
          !put_count (st_count, im, b->index, "block_complete_without_issue_zero_length",
                      k->complete_without_issue_zero_length, error) ||
          !put_count (st_count, im, b->index, "block_requeue_events", k->requeue_events, error) ||
          !put_count (st_count, im, b->index, "block_requeued", k->requeued, error) ||
          !put_count (st_count, im, b->index, "block_issued_not_completed", k->issued_not_completed,
                      error) ||
          !put_count (st_count, im, b->index, "block_complete_with_error", k->complete_with_error,
                      error))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, im->comms);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_bind_int (st_task, 1, GPOINTER_TO_INT (key));
      sqlite3_bind_text (st_task, 2, value, -1, SQLITE_STATIC);
      if (!step (im, st_task, error))
        return FALSE;
    }

  /* Tasks that emitted events but never showed in a sched event's fields get
   * their name from the trace's saved cmdlines. */
  {
    BufferState *top = g_ptr_array_index (im->buffers, 0);
    g_autoptr (GArray) pids = g_array_new (FALSE, FALSE, sizeof (int));

    for (int pid = 0; pid < PID_BITS; pid++)
      if ((im->pid_bits[pid >> 3] & (1 << (pid & 7))) &&
          !g_hash_table_contains (im->comms, GINT_TO_POINTER (pid)))
        g_array_append_val (pids, pid);
    g_hash_table_iter_init (&iter, im->big_pids);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (!g_hash_table_contains (im->comms, key))
        {
          int pid = GPOINTER_TO_INT (key);
          g_array_append_val (pids, pid);
        }
    for (guint i = 0; i < pids->len; i++)
      {
        int         pid = g_array_index (pids, int, i);
        const char *comm = pid == 0 ? "<idle>" : tep_data_comm_from_pid (top->tep, pid);
        NameRec     n = { .ts = 0, .pid = pid, .seq = im->names->len };

        sqlite3_bind_int (st_task, 1, pid);
        sqlite3_bind_text (st_task, 2, comm ? comm : "<...>", -1, SQLITE_TRANSIENT);
        if (!step (im, st_task, error))
          return FALSE;
        if (pid != 0 && !g_hash_table_contains (im->names_now, GINT_TO_POINTER (pid)))
          {
            g_strlcpy (n.comm, comm ? comm : "<...>", sizeof n.comm);
            g_array_append_val (im->names, n);
          }
      }
  }

  if (!write_task_names (im, error))
    return FALSE;

  {
    g_autoptr (sqlite3_stmt) st_type = NULL;
    if (!remora_sqlite_prepare (im->db, "UPDATE event_types SET count = ? WHERE id = ?", FALSE,
                                &st_type, im->store_path, error))
      return FALSE;
    for (guint i = 0; i < im->type_counts->len; i++)
      {
        sqlite3_bind_int64 (st_type, 1, g_array_index (im->type_counts, gint64, i));
        sqlite3_bind_int (st_type, 2, (int) i);
        if (!step (im, st_type, error))
          return FALSE;
      }
  }
  return TRUE;
}

/* Copies the trace's headers (formats, kallsyms, printk formats, cmdlines)
 * into the store as a trace-cmd file without CPU data, so that payloads can be
 * decoded with libtraceevent once the .dat is gone. */
static gboolean
write_headers (Import *im, const char *readable_path, const char *scratch_prefix, GError **error)
{
  g_autofree char       *tmpl = g_strconcat (scratch_prefix, "headers-XXXXXX", NULL);
  struct tracecmd_input *head = im->head;
  g_autoptr (sqlite3_stmt) st = NULL;
  g_autofree char        *contents = NULL;
  struct tracecmd_output *out;
  gsize                   len;
  int                     fd;
  gboolean                ok;

  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int errsv = errno;
      g_set_error (error, REMORA_DATA_ERROR,
                   errsv == ENOSPC ? REMORA_DATA_ERROR_NO_SPACE : REMORA_DATA_ERROR_STORE,
                   _ ("Failed to write the store “%s”: %s"), im->store_path, g_strerror (errsv));
      return FALSE;
    }
  close (fd);

  /* A compressed input passes its compression on to the copy; naming one as
   * well makes libtracecmd 1.3.1 allocate a second compressor and leak the
   * first. */
  out = head ? tracecmd_copy (head, tmpl, REMORA_TRACECMD_FILE_CMD_LINES, 7,
                              remora_trace_reader_get_compression (im->reader) ? NULL : "zstd")
             : NULL;
  if (head != NULL && out == NULL)
    out = tracecmd_copy (head, tmpl, REMORA_TRACECMD_FILE_CMD_LINES, 6, NULL);
  if (out == NULL)
    {
      g_unlink (tmpl);
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                   _ ("Failed to copy the headers of “%s”"),
                   remora_importer_get_trace_path (im->self));
      return FALSE;
    }
  tracecmd_output_close (out);
  ok = g_file_get_contents (tmpl, &contents, &len, error);
  g_unlink (tmpl);
  if (!ok)
    return FALSE;

  if (!remora_sqlite_prepare (im->db, "INSERT INTO trace_headers (id, data) VALUES (0, ?)", FALSE,
                              &st, im->store_path, error))
    return FALSE;
  sqlite3_bind_blob64 (st, 1, contents, len, SQLITE_STATIC);
  if (!remora_sqlite_check (im->db, sqlite3_step (st), _ ("write the store"), im->store_path,
                            error))
    return FALSE;
  /* libtracecmd wrote them from headers this process has read (after a
   * child did): the store's readers in this process need not try them in a
   * child again */
  remora_store_trust_headers (contents, len);
  return TRUE;
}

/* Removes temporary stores left by importers that were killed. */
static void
remove_stale_temporaries (const char *store_path)
{
  g_autofree char *dir = g_path_get_dirname (store_path);
  g_autofree char *base = g_path_get_basename (store_path);
  g_autofree char *prefix = g_strconcat (base, ".tmp-", NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      gint64 pid;

      if (!g_str_has_prefix (name, prefix))
        continue;
      pid = g_ascii_strtoll (name + strlen (prefix), NULL, 10);
      if (pid > 0 && (kill ((pid_t) pid, 0) == 0 || errno != ESRCH))
        continue; /* another import is running */
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    }
}

static gboolean
prepare_writer (Import *im, GError **error)
{
  g_autoptr (GString) multi =
      g_string_new ("INSERT INTO event_rows (id, ts, cpu, pid, type) VALUES (?, ?, ?, ?, ?)");

  for (int k = 1; k < ROWS_PER_INSERT; k++)
    g_string_append (multi, ", (?, ?, ?, ?, ?)");
  if (!remora_sqlite_prepare (im->db, multi->str, TRUE, &im->st_events, im->store_path, error))
    return FALSE;
  return remora_sqlite_prepare (
             im->db, "INSERT INTO event_rows (id, ts, cpu, pid, type) VALUES (?, ?, ?, ?, ?)", TRUE,
             &im->st_event, im->store_path, error) &&
         remora_sqlite_prepare (im->db, "INSERT INTO event_payloads (chunk, data) VALUES (?, ?)",
                                TRUE, &im->st_chunk, im->store_path, error) &&
         remora_sqlite_prepare (im->db,
                                "INSERT INTO event_chunks (chunk, first_id, last_id, first_ts, "
                                "last_ts) VALUES (?, ?, ?, ?, ?)",
                                TRUE, &im->st_chunk_span, im->store_path, error) &&
         remora_sqlite_prepare (im->db,
                                "INSERT INTO sched_slices (buffer_id, cpu, pid, start_ts, end_ts, "
                                "end_state, end_state_raw, prio) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                TRUE, &im->st_slice, im->store_path, error) &&
         remora_sqlite_prepare (
             im->db,
             "INSERT INTO wakeups (buffer_id, pid, comm, wakeup_ts, wakeup_cpu, target_cpu, "
             "switch_ts, switch_cpu, latency_ns, new_task, waker_pid, wakeup_event_id, "
             "switch_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             TRUE, &im->st_wakeup, im->store_path, error) &&
         remora_sqlite_prepare (
             im->db,
             "INSERT INTO block_requests (buffer_id, dev, sector, nr_sector, rwbs, "
             "issue_ts, issue_cpu, issue_pid, complete_ts, complete_cpu, "
             "latency_ns, error, requeued, issue_event_id, complete_event_id) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             TRUE, &im->st_block, im->store_path, error) &&
         remora_sqlite_prepare (
             im->db, "INSERT INTO lost_events (buffer_id, cpu, ts, count) VALUES (?, ?, ?, ?)",
             TRUE, &im->st_lost, im->store_path, error) &&
         remora_sqlite_prepare (im->db, "INSERT INTO prints (event_id, text) VALUES (?, ?)", TRUE,
                                &im->st_print, im->store_path, error) &&
         remora_sqlite_prepare (im->db, "INSERT INTO symbols (id, addr, name) VALUES (?, ?, ?)",
                                TRUE, &im->st_symbol, im->store_path, error) &&
         remora_sqlite_prepare (im->db,
                                "INSERT INTO func_calls (event_id, kind, func, parent, depth, "
                                "duration_ns) VALUES (?, ?, ?, ?, ?, ?)",
                                TRUE, &im->st_func, im->store_path, error) &&
         remora_sqlite_prepare (im->db,
                                "INSERT INTO event_types (id, buffer_id, tep_id, system, name, "
                                "parsed) VALUES (?, ?, ?, ?, ?, ?)",
                                TRUE, &im->st_type, im->store_path, error) &&
         remora_sqlite_prepare (im->db,
                                "INSERT INTO lod_cpu (level, buffer_id, cpu, block, data) "
                                "VALUES (?, ?, ?, ?, ?)",
                                TRUE, &im->st_lod, im->store_path, error) &&
         remora_sqlite_prepare (im->db,
                                "INSERT INTO lod_task (level, buffer_id, pid, block, data) "
                                "VALUES (?, ?, ?, ?, ?)",
                                TRUE, &im->st_lod_task, im->store_path, error);
}

static void
finalize_statements (Import *im)
{
  g_clear_pointer (&im->st_event, sqlite3_finalize);
  g_clear_pointer (&im->st_events, sqlite3_finalize);
  g_clear_pointer (&im->st_chunk, sqlite3_finalize);
  g_clear_pointer (&im->st_chunk_span, sqlite3_finalize);
  g_clear_pointer (&im->st_slice, sqlite3_finalize);
  g_clear_pointer (&im->st_wakeup, sqlite3_finalize);
  g_clear_pointer (&im->st_block, sqlite3_finalize);
  g_clear_pointer (&im->st_lost, sqlite3_finalize);
  g_clear_pointer (&im->st_print, sqlite3_finalize);
  g_clear_pointer (&im->st_symbol, sqlite3_finalize);
  g_clear_pointer (&im->st_func, sqlite3_finalize);
  g_clear_pointer (&im->st_type, sqlite3_finalize);
  g_clear_pointer (&im->st_lod, sqlite3_finalize);
  g_clear_pointer (&im->st_lod_task, sqlite3_finalize);
}

static gboolean
open_temporary_store (Import *im, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (im->store_path);
  int              rc;

  if (g_access (dir, W_OK) != 0)
    {
      int errsv = errno;
      g_set_error (error, REMORA_DATA_ERROR,
                   errsv == ENOENT ? REMORA_DATA_ERROR_NOT_FOUND : REMORA_DATA_ERROR_PERMISSION,
                   _ ("Failed to create the store “%s”: %s"), im->store_path, g_strerror (errsv));
      return FALSE;
    }

  im->tmp_path =
      g_strdup_printf ("%s.tmp-%d-%08x", im->store_path, (int) getpid (), g_random_int ());
  rc = sqlite3_open_v2 (im->tmp_path, &im->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                            SQLITE_OPEN_EXCLUSIVE,
                        NULL);
  if (!remora_sqlite_check (im->db, rc, _ ("create the store"), im->store_path, error))
    return FALSE;
  sqlite3_extended_result_codes (im->db, 1);
  remora_sqlite_watch_cancellable (im->db, im->cancellable);

  /* A temporary file, renamed only when complete: no journal is needed. */
  return remora_sqlite_exec (im->db,
                             "PRAGMA page_size = 16384;"
                             "PRAGMA journal_mode = OFF;"
                             "PRAGMA synchronous = OFF;"
                             "PRAGMA locking_mode = EXCLUSIVE;"
                             "PRAGMA cache_size = -65536;"
                             "PRAGMA temp_store = FILE;"
                             "PRAGMA threads = 0;",
                             _ ("create the store"), im->store_path, error) &&
         exec_resource (im, "/io/github/remora/data/remora-schema.sql", error) &&
         remora_sqlite_exec (im->db, "BEGIN", _ ("write the store"), im->store_path, error);
}

static gboolean
sync_and_rename (Import *im, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (im->store_path);
  int              fd = g_open (im->tmp_path, O_RDONLY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      if (fsync (fd) != 0 && errno == ENOSPC)
        {
          close (fd);
          g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_NO_SPACE,
                       _ ("Failed to write the store “%s”: the disk is full"), im->store_path);
          return FALSE;
        }
      close (fd);
    }
  if (g_rename (im->tmp_path, im->store_path) != 0)
    {
      int errsv = errno;
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE,
                   _ ("Failed to move the new store into place as “%s”: %s"), im->store_path,
                   g_strerror (errsv));
      return FALSE;
    }
  g_clear_pointer (&im->tmp_path, g_free);
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}

static gboolean
write_meta (Import                       *im,
            const RemoraTraceCheck       *check,
            const RemoraTraceFingerprint *fp,
            const char                   *partial_message,
            GError                      **error)
{
  BufferState     *top = g_ptr_array_index (im->buffers, 0);
  const char      *uname = tracecmd_get_uname (im->head);
  const char      *comp_name = remora_trace_reader_get_compression (im->reader);
  g_autofree char *abs_path = NULL;
  g_autofree char *release = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  gint64           lost = 0;

  if (g_path_is_absolute (remora_importer_get_trace_path (im->self)))
    abs_path = g_strdup (remora_importer_get_trace_path (im->self));
  else
    {
      g_autofree char *cwd = g_get_current_dir ();
      abs_path = g_build_filename (cwd, remora_importer_get_trace_path (im->self), NULL);
    }
  if (uname != NULL)
    {
      /* "Linux host 6.1.0-56-amd64 x86_64": the release is the third word */
      g_auto (GStrv) words = g_strsplit (uname, " ", 4);
      if (g_strv_length (words) >= 3)
        release = g_strdup (words[2]);
    }
  for (guint i = 0; i < im->buffers->len; i++)
    {
      BufferState *b = g_ptr_array_index (im->buffers, i);
      for (guint c = 0; c < b->cpus->len; c++)
        lost += g_array_index (b->cpus, CpuState, c).lost_known;
    }

  META_INT ("schema_version", REMORA_STORE_SCHEMA_VERSION);
  META_INT ("importer_version", REMORA_IMPORTER_VERSION);
  META_TEXT ("remora_version", PACKAGE_VERSION);
  META_TEXT ("imported_at", now_text);
  META_TEXT ("source_path", abs_path);
  META_INT ("source_size", fp->size);
  META_INT ("source_mtime_us", fp->mtime_us);
  META_TEXT ("header_hash", fp->hash);
  META_INT ("file_version", check->file_version);
  META_TEXT ("compression", comp_name ? comp_name : "none");
  META_TEXT ("trace_cmd_version", tracecmd_get_version (im->head));
  META_TEXT ("uname", uname);
  META_TEXT ("kernel", release);
  META_TEXT ("clock", tracecmd_get_trace_clock (im->head));
  META_INT ("cpus", top->ncpus);
  META_INT ("buffers", im->buffers->len);
  META_INT ("events", im->next_id);
  META_INT ("first_ts", im->next_id > 0 ? im->first_ts : 0);
  META_INT ("last_ts", im->next_id > 0 ? im->last_ts : 0);
  META_INT ("lost_events", lost);
  META_INT ("long_size", tep_get_long_size (top->tep));
  META_INT ("ts_monotonic", im->ts_monotonic);
  META_INT ("lod_levels", remora_lod_levels_for_span (im->first_ts, im->last_ts));
  META_INT ("partial", partial_message != NULL);
  META_TEXT ("partial_reason", partial_message);
  META_INT ("missing_bytes", (gint64) check->missing_bytes);
  META_INT ("damaged_unknown", im->damaged_unknown);
  META_INT ("damaged_payload", im->damaged_payload);
  META_INT ("damaged_time", im->damaged_time);
  META_INT ("damaged_span", im->damaged_span);
  META_INT ("complete", 1);
  return TRUE;
}

static char *
describe_partial (const RemoraTraceCheck *check, Import *im, const char *damage)
{
  int skipped = remora_trace_reader_get_n_instances_skipped (im->reader);
  g_autoptr (GString) s = g_string_new (NULL);

  if (check->missing_bytes > 0)
    {
      g_autofree char *missing = g_format_size (check->missing_bytes);
      g_autofree char *total = g_format_size (check->cpu_data_bytes);
      g_string_append_printf (s,
                              _ ("The file is cut short: %s of its %s of CPU data are missing; "
                                 "the events before the cut were imported."),
                              missing, total);
    }
  if (skipped > 0)
    {
      if (s->len)
        g_string_append_c (s, ' ');
      g_string_append_printf (s,
                              ngettext ("%d instance buffer could not be read and was skipped.",
                                        "%d instance buffers could not be read and were skipped.",
                                        skipped),
                              skipped);
    }
  if (damage != NULL)
    {
      if (s->len)
        g_string_append_c (s, ' ');
      g_string_append (s, damage);
    }
  if (im->damaged_unknown + im->damaged_payload + im->damaged_time + im->damaged_span > 0)
    {
      gint64 n = im->damaged_unknown + im->damaged_payload + im->damaged_time + im->damaged_span;
      if (s->len)
        g_string_append_c (s, ' ');
      g_string_append_printf (
          s,
          /* Translators: counts of damaged records, by what was wrong with them */
          _ ("%lld damaged records were kept without decoding their fields (unknown event ids: "
             "%lld, payloads that do not fit their format: %lld, timestamps out of their CPU’s "
             "order: %lld, timestamps outside the trace’s span: %lld)."),
          (long long) n, (long long) im->damaged_unknown, (long long) im->damaged_payload,
          (long long) im->damaged_time, (long long) im->damaged_span);
    }
  return s->len ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

static void
import_clear (Import *im)
{
  if (im->cur != NULL)
    batch_free (im->cur);
  if (im->free_batches != NULL)
    {
      Batch *b;
      while ((b = g_async_queue_try_pop (im->free_batches)) != NULL)
        batch_free (b);
      g_async_queue_unref (im->free_batches);
    }
  g_clear_pointer (&im->filled, g_async_queue_unref);
  finalize_statements (im);
  if (im->db != NULL)
    sqlite3_close_v2 (im->db);
  if (im->tmp_path != NULL)
    {
      g_autofree char *journal = g_strconcat (im->tmp_path, "-journal", NULL);
      g_unlink (im->tmp_path);
      g_unlink (journal);
      g_free (im->tmp_path);
    }
  g_clear_pointer (&im->buffers, g_ptr_array_unref);
  g_clear_pointer (&im->reader, remora_trace_reader_free);
  g_clear_pointer (&im->head, tracecmd_close);
  g_clear_pointer (&im->comms, g_hash_table_unref);
  g_clear_pointer (&im->names, g_array_unref);
  g_clear_pointer (&im->names_now, g_hash_table_unref);
  g_clear_pointer (&im->symbols, g_hash_table_unref);
  g_clear_pointer (&im->chunk_sizes, g_byte_array_unref);
  g_clear_pointer (&im->chunk_data, g_byte_array_unref);
  g_clear_pointer (&im->zbuf, g_byte_array_unref);
  g_clear_pointer (&im->zctx, ZSTD_freeCCtx);
  g_clear_pointer (&im->type_counts, g_array_unref);
  g_clear_pointer (&im->pid_bits, g_free);
  g_clear_pointer (&im->big_pids, g_hash_table_unref);
  g_clear_pointer (&im->lod, remora_lod_builder_free);
  g_clear_error (&im->writer_error);
}

/**
 * remora_importer_run:
 * @self: a #RemoraImporter
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Imports the trace into the store, in the calling thread (plus one writer
 * thread of its own). On failure or cancellation no store is left behind and
 * an existing store at the same path is untouched.
 *
 * Returns: %TRUE when the store is complete.
 */
gboolean
remora_importer_run (RemoraImporter *self, GCancellable *cancellable, GError **error)
{
  Import                 im = { 0 };
  RemoraTraceCheck       check = { 0 };
  RemoraTraceFingerprint fp = { 0 };
  g_autofree char       *scratch = NULL;
  g_autofree char       *partial = NULL;
  g_autofree char       *damage = NULL;
  const RemoraRawRecord *raw;
  struct tep_handle     *tep;
  gboolean               ret = FALSE;

  g_return_val_if_fail (REMORA_IS_IMPORTER (self), FALSE);

  im.self = self;
  im.cancellable = cancellable;
  im.store_path = self->store_path;
  /* every scratch file is named STORE.tmp-PID-...: a later import removes
   * those of a process that died */
  scratch = g_strdup_printf ("%s.tmp-%d-", self->store_path, (int) getpid ());

  self->start_us = g_get_monotonic_time ();
  set_progress (self, 0.0, _ ("Checking the trace"), 0);
  remove_stale_temporaries (self->store_path);

  if (!remora_trace_fingerprint_read (&fp, self->trace_path, error) ||
      !remora_trace_check_run (&check, self->trace_path, scratch, cancellable, error))
    goto out;

  im.reader = remora_trace_reader_start (check.readable_path, self->trace_path, cancellable, error);
  if (im.reader == NULL)
    goto out;
  /* The child opened the same headers without crashing: reading them here is safe. */
  remora_store_lock_libraries ();
  remora_store_lock_parser ();
  im.head = tracecmd_open_head (check.readable_path, TRACECMD_FL_LOAD_NO_PLUGINS);
  remora_store_unlock_parser ();
  remora_store_unlock_libraries ();
  if (im.head == NULL)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                   _ ("Failed to read “%s”: the trace is truncated or damaged"), self->trace_path);
      goto out;
    }
  tep = tracecmd_get_tep (im.head);
  im.common_size = remora_payload_common_size (tep);
  im.first_ts = remora_trace_reader_get_first_ts (im.reader);
  im.last_ts = remora_trace_reader_get_last_ts (im.reader);
  /* The span comes from each CPU's first and last records; a damaged one can
   * say anything. Records after the longest span Remora summarizes are
   * damage (the summaries' cost follows the span). */
  if (im.first_ts < 0 || im.last_ts < im.first_ts)
    im.first_ts = im.last_ts = MAX (0, im.first_ts);
  if (im.last_ts - im.first_ts > REMORA_IMPORT_MAX_SPAN_NS)
    im.last_ts = im.first_ts + REMORA_IMPORT_MAX_SPAN_NS;
  im.buffers = g_ptr_array_new_with_free_func (buffer_state_free);
  for (int i = 0; i < remora_trace_reader_get_n_buffers (im.reader); i++)
    g_ptr_array_add (im.buffers,
                     buffer_state_new (&im, i, remora_trace_reader_get_buffer_name (im.reader, i),
                                       remora_trace_reader_get_buffer_cpus (im.reader, i), tep));
  im.comms = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  im.names = g_array_new (FALSE, FALSE, sizeof (NameRec));
  im.names_now = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  im.symbols = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  im.chunk_sizes = g_byte_array_sized_new (2 << CHUNK_SHIFT);
  im.chunk_data = g_byte_array_sized_new (64 << CHUNK_SHIFT);
  im.zbuf = g_byte_array_new ();
  im.zctx = ZSTD_createCCtx ();
  im.type_counts = g_array_new (FALSE, TRUE, sizeof (gint64));
  im.pid_bits = g_malloc0 (PID_BITS / 8);
  im.big_pids = g_hash_table_new (NULL, NULL);
  im.ts_monotonic = TRUE;
  im.prev_ts = G_MININT64;
  im.lod = remora_lod_builder_new (im.first_ts, im.last_ts, emit_lod, emit_lod_task, &im);

  if (!open_temporary_store (&im, error) || !prepare_writer (&im, error))
    goto out;

  set_progress (self, 0.01, _ ("Copying the trace’s formats and symbols"), 0);
  if (!write_headers (&im, check.readable_path, scratch, error))
    goto out;

  /* start the writer */
  im.filled = g_async_queue_new ();
  im.free_batches = g_async_queue_new ();
  for (int i = 0; i < N_BATCHES - 1; i++)
    g_async_queue_push (im.free_batches, batch_new ());
  im.cur = batch_new ();
  im.writer = g_thread_new ("remora-writer", writer_thread, &im);

  set_progress (self, 0.02, _ ("Reading events"), 0);
  while ((raw = remora_trace_reader_next (im.reader)) != NULL)
    {
      struct tep_record rec = { 0 };

      rec.ts = (unsigned long long) raw->ts;
      rec.cpu = raw->cpu;
      rec.size = raw->size;
      rec.missed_events = raw->missed_events;
      rec.data = (void *) raw->data;
      if (!on_record (&im, g_ptr_array_index (im.buffers, raw->buffer), &rec, raw->flags))
        break;
    }
  g_debug ("%.3f s: all records read", (g_get_monotonic_time () - self->start_us) / 1e6);
  if (!im.stopped)
    damage = remora_trace_reader_dup_damage (im.reader);
  partial = describe_partial (&check, &im, damage);

  if (!im.stopped)
    {
      for (guint i = 0; i < im.buffers->len; i++)
        {
          BufferState *b = g_ptr_array_index (im.buffers, i);
          for (guint cpu = 0; cpu < b->cpus->len; cpu++)
            {
              CpuState *cs = &g_array_index (b->cpus, CpuState, cpu);
              end_slice (&im, b, cs, (int) cpu, cs->last_ts);
            }
          remora_wakeup_pairer_finish (&b->wakeups);
          remora_block_pairer_finish (&b->blocks);
        }
      flush_chunk (&im);
      remora_lod_builder_finish (im.lod);
    }
  flush_batch (&im, TRUE);
  g_thread_join (im.writer);
  im.writer = NULL;

  if (im.writer_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&im.writer_error));
      goto out;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  set_progress (self, 0.9, _ ("Writing tasks and CPUs"), im.next_id);
  if (!write_small_tables (&im, error) || !write_meta (&im, &check, &fp, partial, error))
    goto out;

  set_progress (self, 0.92, _ ("Building indexes"), im.next_id);
  if (!exec_resource (&im, "/io/github/remora/data/remora-indexes.sql", error))
    goto out;

  {
    g_autofree char *pragma =
        g_strdup_printf ("PRAGMA user_version = %d", REMORA_STORE_SCHEMA_VERSION);
    if (!remora_sqlite_exec (im.db, pragma, _ ("write the store"), self->store_path, error) ||
        !remora_sqlite_exec (im.db, "COMMIT", _ ("write the store"), self->store_path, error))
      goto out;
  }
  set_progress (self, 0.98, _ ("Saving the store"), im.next_id);
  finalize_statements (&im);
  remora_sqlite_watch_cancellable (im.db, NULL);
  if (!remora_sqlite_check (im.db, sqlite3_close (im.db), _ ("write the store"), self->store_path,
                            error))
    {
      im.db = NULL;
      goto out;
    }
  im.db = NULL;
  if (!sync_and_rename (&im, error))
    goto out;

  g_mutex_lock (&self->mutex);
  self->partial = partial != NULL;
  g_free (self->partial_message);
  self->partial_message = g_steal_pointer (&partial);
  g_mutex_unlock (&self->mutex);
  set_progress (self, 1.0, _ ("Done"), im.next_id);
  ret = TRUE;

out:
  if (im.writer != NULL)
    g_thread_join (im.writer);
  import_clear (&im);
  remora_trace_check_clear (&check);
  remora_trace_fingerprint_clear (&fp);
  return ret;
}

static void
import_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;

  if (remora_importer_run (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * remora_importer_import_async:
 * @self: a #RemoraImporter
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Runs remora_importer_run() in a worker thread. Progress is notified on the
 * main context that was the thread default when @self was created.
 */
void
remora_importer_import_async (RemoraImporter     *self,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (REMORA_IS_IMPORTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remora_importer_import_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, import_thread);
}

gboolean
remora_importer_import_finish (RemoraImporter *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject ------------------------------------------------------------------ */

static void
remora_importer_finalize (GObject *object)
{
  RemoraImporter *self = REMORA_IMPORTER (object);

  g_free (self->trace_path);
  g_free (self->store_path);
  g_free (self->message);
  g_free (self->partial_message);
  g_main_context_unref (self->main_context);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (remora_importer_parent_class)->finalize (object);
}

static void
remora_importer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemoraImporter *self = REMORA_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_TRACE_PATH:
      g_value_set_string (value, self->trace_path);
      break;
    case PROP_STORE_PATH:
      g_value_set_string (value, self->store_path);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, remora_importer_get_fraction (self));
      break;
    case PROP_MESSAGE:
      g_value_take_string (value, remora_importer_dup_message (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_importer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RemoraImporter *self = REMORA_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_TRACE_PATH:
      self->trace_path = g_value_dup_string (value);
      break;
    case PROP_STORE_PATH:
      self->store_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_importer_class_init (RemoraImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remora_importer_finalize;
  object_class->get_property = remora_importer_get_property;
  object_class->set_property = remora_importer_set_property;

  properties[PROP_TRACE_PATH] =
      g_param_spec_string ("trace-path", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE_PATH] =
      g_param_spec_string ("store-path", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
      g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
      g_param_spec_string ("message", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Library chatter stays off the terminal: errors come back as GErrors. */
  tracecmd_set_loglevel (TEP_LOG_NONE);
  tep_set_loglevel (TEP_LOG_NONE);
}

static void
remora_importer_init (RemoraImporter *self)
{
  g_mutex_init (&self->mutex);
  self->main_context = g_main_context_ref_thread_default ();
}

/**
 * remora_importer_new:
 * @trace_path: the trace.dat to import
 * @store_path: where the store goes (replaced atomically when complete)
 *
 * Returns: (transfer full): a new #RemoraImporter. Its progress getters are
 *   thread-safe; run it once.
 */
RemoraImporter *
remora_importer_new (const char *trace_path, const char *store_path)
{
  g_return_val_if_fail (trace_path != NULL, NULL);
  g_return_val_if_fail (store_path != NULL, NULL);
  return g_object_new (REMORA_TYPE_IMPORTER, "trace-path", trace_path, "store-path", store_path,
                       NULL);
}

RemoraImporter *
remora_importer_new_for_context (const char   *trace_path,
                                 const char   *store_path,
                                 GMainContext *context)
{
  RemoraImporter *self = remora_importer_new (trace_path, store_path);

  g_main_context_unref (self->main_context);
  self->main_context = g_main_context_ref (context);
  return self;
}

const char *
remora_importer_get_trace_path (RemoraImporter *self)
{
  return self->trace_path;
}

const char *
remora_importer_get_store_path (RemoraImporter *self)
{
  return self->store_path;
}

/**
 * remora_importer_get_fraction:
 * @self: a #RemoraImporter
 *
 * Returns: how far the import has come, from 0 to 1. Thread-safe.
 */
double
remora_importer_get_fraction (RemoraImporter *self)
{
  double fraction;

  g_mutex_lock (&self->mutex);
  fraction = self->fraction;
  g_mutex_unlock (&self->mutex);
  return fraction;
}

/**
 * remora_importer_dup_message:
 * @self: a #RemoraImporter
 *
 * Returns: (transfer full) (nullable): what the import is doing. Thread-safe.
 */
char *
remora_importer_dup_message (RemoraImporter *self)
{
  char *message;

  g_mutex_lock (&self->mutex);
  message = g_strdup (self->message);
  g_mutex_unlock (&self->mutex);
  return message;
}

/**
 * remora_importer_get_events_read:
 * @self: a #RemoraImporter
 *
 * Returns: how many events have been read so far. Thread-safe.
 */
gint64
remora_importer_get_events_read (RemoraImporter *self)
{
  gint64 n;

  g_mutex_lock (&self->mutex);
  n = self->events_read;
  g_mutex_unlock (&self->mutex);
  return n;
}

/**
 * remora_importer_get_partial:
 * @self: a #RemoraImporter
 *
 * Returns: %TRUE if a finished import could read only part of the trace.
 */
gboolean
remora_importer_get_partial (RemoraImporter *self)
{
  gboolean partial;

  g_mutex_lock (&self->mutex);
  partial = self->partial;
  g_mutex_unlock (&self->mutex);
  return partial;
}

/**
 * remora_importer_dup_partial_message:
 * @self: a #RemoraImporter
 *
 * Returns: (transfer full) (nullable): what part of the trace could not be read.
 */
char *
remora_importer_dup_partial_message (RemoraImporter *self)
{
  char *message;

  g_mutex_lock (&self->mutex);
  message = g_strdup (self->partial_message);
  g_mutex_unlock (&self->mutex);
  return message;
}
