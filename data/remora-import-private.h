/* remora-import-private.h: what the importer's three parts share: the
 * orchestration (remora-importer.c), decoding records into rows and pairs
 * (remora-import-decode.c) and the store writer (remora-import-writer.c)
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

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

G_BEGIN_DECLS

#define BATCH_EVENTS 8192
#define N_BATCHES    4
/* a chunk's count and sizes before its payloads (see event_payloads) */
#define CHUNK_HEAD      (4 + (2 << REMORA_STORE_CHUNK_SHIFT))
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

/* How many events of one key (a type, a task, a CPU) a chunk holds: the
 * rows of chunk_types, chunk_pids and chunk_cpus. */
typedef struct
{
  gint64 chunk;
  gint64 events;
  gint32 buffer; /* chunk_cpus only */
  gint32 key;
} ChunkKeyRec;

/* The keys of the chunk being filled and their events */
typedef struct
{
  GHashTable *slots; /* key + 1 -> index in @keys + 1 */
  GArray     *keys;  /* ChunkKeyRec */
  guint       last;  /* the slot of the last key added */
} ChunkTally;

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

/* A row of symbols: a function the function events name, and what they
 * say of it */
typedef struct
{
  gint64 addr;
  char  *name;
  gint64 calls;
  gint64 returns;
  gint64 total_ns;
  gint64 max_ns;
} SymbolRec;

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
  GArray  *chunk_types; /* ChunkKeyRec */
  GArray  *chunk_pids;
  GArray  *chunk_cpus;
  GArray  *slices;
  GArray  *wakeups;
  GArray  *blocks;
  GArray  *lost;
  GArray  *prints;
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
  const char     *trace_path;
  const char     *store_path; /* final path, for messages */
  char           *tmp_path;
  sqlite3        *db;

  GPtrArray             *buffers; /* BufferState */
  struct tracecmd_input *head;    /* the trace's headers: formats, kallsyms, cmdlines */
  RemoraTraceReader     *reader;
  int                    n_types;
  GHashTable            *comms;       /* pid -> char* comm, the last one seen */
  GArray                *names;       /* NameRec: each pid's first name and its changes */
  GHashTable            *names_now;   /* pid -> char* comm, its name at the last record */
  GHashTable            *symbols;     /* addr -> id */
  GArray                *symbol_rows; /* SymbolRec by id − 1, written at the end */

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
  GByteArray       *chunk_data;            /* CHUNK_HEAD bytes, then the payloads */
  guint32           chunk_count;
  gint64            chunk_first_ts;
  ChunkTally        chunk_types;
  ChunkTally        chunk_pids;
  ChunkTally        chunk_cpus; /* key: buffer << 16 | cpu */
  gint64            prev_ts;
  gboolean          ts_monotonic;
  ZSTD_CCtx        *zctx;
  GByteArray       *zbuf;
  ZSTD_CCtx        *lod_zctx; /* the writer's, for lod_cpu blocks */
  GByteArray       *lod_zbuf;
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
  sqlite3_stmt *st_chunk_type;
  sqlite3_stmt *st_chunk_types; /* ROWS_PER_INSERT rows at once */
  sqlite3_stmt *st_chunk_pid;
  sqlite3_stmt *st_chunk_pids;
  sqlite3_stmt *st_chunk_cpu;
  sqlite3_stmt *st_chunk_cpus;
  sqlite3_stmt *st_slice;
  sqlite3_stmt *st_slices; /* ROWS_PER_INSERT rows at once */
  sqlite3_stmt *st_wakeup;
  sqlite3_stmt *st_wakeups; /* ROWS_PER_INSERT rows at once */
  sqlite3_stmt *st_block;
  sqlite3_stmt *st_lost;
  sqlite3_stmt *st_print;
  sqlite3_stmt *st_type;
  sqlite3_stmt *st_lod;
  sqlite3_stmt *st_lod_task;
};

void     remora_import_batch_free (Batch *b);
void     remora_import_finalize_statements (Import *im);
Batch   *remora_import_batch_new (void);
gpointer remora_import_writer_thread (gpointer data);
void     remora_import_flush_batch (Import *im, gboolean final);
void     remora_import_flush_chunk (Import *im);
void     remora_import_chunk_tally_init (ChunkTally *t);
void     remora_import_chunk_tally_clear (ChunkTally *t);
void     remora_import_symbol_clear (gpointer data);
void     remora_import_emit_lod (int           level,
                                 int           buffer,
                                 int           cpu,
                                 gint64        block,
                                 const guint8 *data,
                                 gsize         len,
                                 gpointer      user_data);
void     remora_import_emit_lod_task (int           level,
                                      int           buffer,
                                      int           pid,
                                      gint64        block,
                                      const guint8 *data,
                                      gsize         len,
                                      gpointer      user_data);
void     remora_import_end_slice (Import *im, BufferState *b, CpuState *cs, int cpu, gint64 ts);
gboolean remora_import_on_record (Import *im, BufferState *b, struct tep_record *rec, guint flags);
void     remora_import_buffer_state_free (gpointer data);
BufferState *remora_import_buffer_state_new (
    Import *im, int index, const char *name, int ncpus, struct tep_handle *tep);
gboolean remora_import_exec_resource (Import *im, const char *resource, GError **error);
gboolean remora_import_write_small_tables (Import *im, GError **error);
gboolean remora_import_write_headers (Import     *im,
                                      const char *readable_path,
                                      const char *scratch_prefix,
                                      GError    **error);
gboolean remora_import_prepare_writer (Import *im, GError **error);
gboolean remora_import_open_temporary_store (Import *im, GError **error);
gboolean remora_import_sync_and_rename (Import *im, GError **error);
gboolean remora_import_write_meta (Import                       *im,
                                   const RemoraTraceCheck       *check,
                                   const RemoraTraceFingerprint *fp,
                                   const char                   *partial_message,
                                   GError                      **error);

/* A CPU's state in a buffer, made when first met. */
static inline CpuState *
cpu_state (BufferState *b, int cpu)
{
  while (b->cpus->len <= (guint) cpu)
    {
      CpuState s = { .first_ts = -1, .last_ts = -1, .slice_pid = -1, .slice_prio = -1 };
      g_array_append_val (b->cpus, s);
    }
  return &g_array_index (b->cpus, CpuState, cpu);
}

G_END_DECLS
