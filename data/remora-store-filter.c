/* remora-store-filter.c: a store's events that match a filter
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-store-filter.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "remora-child-private.h"
#include "remora-data-error.h"
#include "remora-payload-private.h"
#include "remora-sqlite-private.h"
#include "remora-store-private.h"
#include "remora-store-rows.h"
#include "remora-trace-check-private.h"
#include "remora-tracecmd-private.h"

/* matches handed over at a time; also how often cancelling is looked at */
#define BATCH 4096

/* A filter is answered as every event but those of another filter when it
 * rejects at most this share of the events. */
#define COMPLEMENT_SHARE 4

typedef struct
{
  RemoraStore             *store;
  const RemoraEventFilter *filter;
  GArray                  *buffer_of_type; /* gint32 by event_types.id */
  guint8                  *types;          /* the types kept, NULL for all */
  guint                    n_types;
  struct tep_handle       *tep;
  int                      common_size;
  struct tep_event_filter *expression;
  char                    *text; /* folded to lower case */
  struct trace_seq         seq;
  RemoraFilterMatch        out[BATCH];
  guint                    n_out;
  gint64                   seen;  /* rows read, for progress */
  gint64                   total; /* rows expected */
  gint64                   range; /* ids asked for */
  RemoraFilterFunc         func;
  gpointer                 user_data;
  GCancellable            *cancellable;
  gboolean                 stopped;
} Scan;

/* What filters choose from ------------------------------------------------ */

static void
event_type_clear (gpointer p)
{
  RemoraEventType *t = p;

  g_free (t->buffer);
  g_free (t->system);
  g_free (t->name);
}

/**
 * remora_store_read_event_types:
 * @store: a #RemoraStore
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type RemoraEventType): the trace's event
 *   types by buffer, system and name, or %NULL with @error set.
 */
GArray *
remora_store_read_event_types (RemoraStore *store, GError **error)
{
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      store,
      "SELECT t.id, t.buffer_id, b.name, t.system, t.name, t.count FROM event_types t "
      "JOIN buffers b ON b.id = t.buffer_id ORDER BY t.buffer_id, t.system, t.name",
      error);
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (RemoraEventType));
  int rc;

  if (st == NULL)
    return NULL;
  g_array_set_clear_func (out, event_type_clear);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraEventType t = {
        remora_store_column_in (store, st, 0, 0, G_MAXINT32),
        remora_store_column_int32 (store, st, 1),
        g_strdup ((const char *) sqlite3_column_text (st, 2)),
        g_strdup ((const char *) sqlite3_column_text (st, 3)),
        g_strdup ((const char *) sqlite3_column_text (st, 4)),
        remora_store_column_id (store, st, 5),
      };
      g_array_append_val (out, t);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}

/**
 * remora_store_find_types:
 * @store: a #RemoraStore
 * @name: an event's name (`sched_switch`) or system and name
 *   (`sched:sched_switch`)
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the ids of the event types
 *   of that name in every buffer (none when the trace has none), or %NULL
 *   with @error set.
 */
GArray *
remora_store_find_types (RemoraStore *store, const char *name, GError **error)
{
  g_autoptr (GArray) types = remora_store_read_event_types (store, error);
  GArray     *ids;
  const char *colon = strchr (name, ':');

  if (types == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < types->len; i++)
    {
      const RemoraEventType *t = &g_array_index (types, RemoraEventType, i);
      gboolean               same = colon
                                        ? strncmp (name, t->system, colon - name) == 0 &&
                                t->system[colon - name] == '\0' && g_str_equal (colon + 1, t->name)
                                        : g_str_equal (name, t->name);
      if (same)
        g_array_append_val (ids, t->id);
    }
  return ids;
}

static void
task_tally_clear (gpointer p)
{
  g_free (((RemoraTaskTally *) p)->comm);
}

/**
 * remora_store_read_task_tallies:
 * @store: a #RemoraStore
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Every task with its events (summed from chunk_pids) and run time.
 *
 * Returns: (transfer full) (element-type RemoraTaskTally): the tasks by pid,
 *   or %NULL with @error set.
 */
GArray *
remora_store_read_task_tallies (RemoraStore *store, GCancellable *cancellable, GError **error)
{
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      store,
      "SELECT t.pid, t.comm, coalesce(e.n, 0), coalesce(r.ns, 0) FROM tasks t "
      "LEFT JOIN (SELECT pid, sum(events) AS n FROM chunk_pids GROUP BY pid) e ON e.pid = t.pid "
      "LEFT JOIN (SELECT pid, sum(end_ts - start_ts) AS ns FROM sched_slices GROUP BY pid) r "
      "ON r.pid = t.pid ORDER BY t.pid",
      error);
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (RemoraTaskTally));
  int rc;

  if (st == NULL)
    return NULL;
  g_array_set_clear_func (out, task_tally_clear);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraTaskTally t = {
        remora_store_column_int32 (store, st, 0),
        g_strdup ((const char *) sqlite3_column_text (st, 1)),
        remora_store_column_id (store, st, 2),
        remora_store_column_ts (store, st, 3),
      };
      g_array_append_val (out, t);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}

/* Expressions --------------------------------------------------------------- */

/* What libtraceevent says of @expression (NULL when it parses), in a
 * child: some expressions that do not parse crash it (libtraceevent 1.7
 * dereferences NULL on "sched_switch: prev_state =="). */
typedef struct
{
  struct tep_handle *tep;
  const char        *expression;
} Parse;

static void
parse_child (int out_fd, gpointer user_data)
{
  Parse                   *p = user_data;
  struct tep_event_filter *filter = tep_filter_alloc (p->tep);
  enum tep_errno           ret;
  char                     why[256] = "";
  gsize                    len;

  if (filter == NULL)
    _exit (3);
  ret = tep_filter_add_filter_str (filter, p->expression);
  if (ret >= 0)
    {
      if (write (out_fd, "1", 1) != 1)
        _exit (4);
      _exit (0);
    }
  if (tep_filter_strerror (filter, ret, why, sizeof why) < 0 || why[0] == '\0')
    tep_strerror (p->tep, ret, why, sizeof why);
  why[sizeof why - 1] = '\0';
  len = strlen (why);
  if (write (out_fd, "0", 1) != 1 || write (out_fd, why, len) != (gssize) len)
    _exit (4);
  _exit (0);
}

/* The same in a spawned child: the trace's headers on @fd, the expression
 * in @args. */
void
remora_store_check_filter_job (int fd, char **args, int out_fd)
{
  struct tracecmd_input *handle;
  Parse                  p;

  if (fd < 0 || args[0] == NULL)
    _exit (2);
  /* the event formats are all an expression is parsed against (the
   * parent's handle has read the rest: kallsyms, printk formats, cmdlines) */
  handle = tracecmd_alloc_fd (fd, TRACECMD_FL_LOAD_NO_PLUGINS);
  if (handle == NULL || tracecmd_read_headers (handle, REMORA_TRACECMD_FILE_ALL_EVENTS) < 0)
    _exit (3);
  p.tep = tracecmd_get_tep (handle);
  p.expression = args[0];
  parse_child (out_fd, &p);
}

/**
 * remora_store_compile_filter:
 * @store: a #RemoraStore whose formats are loaded
 * @tep: a handle with the store's formats
 * @expression: a filter in libtraceevent's syntax
 * @error: a location for a #GError
 *
 * Checks @expression in a child (libtraceevent 1.7 crashes on some), then
 * compiles it against @tep.
 *
 * Returns: (transfer full): the filter, or %NULL with @error set to
 *   libtraceevent's message.
 */
struct tep_event_filter *
remora_store_compile_filter (RemoraStore       *store,
                             struct tep_handle *tep,
                             const char        *expression,
                             GError           **error)
{
  struct tep_event_filter *filter;
  Parse                    p = { tep, expression };
  g_autoptr (GBytes) answer = NULL;
  const char *said;
  gsize       len;
  int         status;
  gboolean    stalled, ok;
  int         fd = remora_store_dup_headers_fd (store);

  /* in a new process (see remora_child_spawn_run()); forked when it cannot
   * be started */
  if (fd >= 0)
    {
      const char *args[] = { expression, NULL };

      answer =
          remora_child_spawn_run ("check-filter", args, fd, 512, NULL, &status, &stalled, NULL);
      close (fd);
    }
  if (answer == NULL)
    answer = remora_child_run (parse_child, &p, 512, NULL, &status, &stalled, error);
  if (answer == NULL)
    return NULL;
  said = g_bytes_get_data (answer, &len);
  if (len == 0 || said[0] != '1')
    {
      g_autofree char *why =
          len > 1 ? g_strndup (said + 1, len - 1)
                  /* Translators: why a filter expression is not valid, when
                   * libtraceevent crashed on it */
                  : g_strdup (_ ("libtraceevent fails on it (it crashed parsing it)"));

      g_strchomp (why);
      if (strchr (why, '\n') != NULL)
        /* libtraceevent's own lines: the expression, a caret under the
         * place, and what is wrong there */
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_BAD_FILTER,
                     /* Translators: the first %s is a filter expression, the
                      * second what libtraceevent says is wrong with it, on
                      * lines of its own */
                     _ ("The filter “%s” is not valid:\n%s"), expression, why);
      else
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_BAD_FILTER,
                     /* Translators: the first %s is a filter expression, the
                      * second what libtraceevent says is wrong with it */
                     _ ("The filter “%s” is not valid: %s"), expression, why);
      return NULL;
    }

  /* (one parse at a time in the process: the parser's input is a global) */
  filter = tep_filter_alloc (tep);
  remora_store_lock_parser ();
  ok = filter != NULL && tep_filter_add_filter_str (filter, expression) >= 0;
  remora_store_unlock_parser ();
  if (!ok)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_BAD_FILTER,
                   _ ("The filter “%s” is not valid: %s"), expression, g_strerror (ENOMEM));
      if (filter != NULL)
        tep_filter_free (filter);
      return NULL;
    }
  return filter;
}

/**
 * remora_store_check_filter_expression:
 * @store: a #RemoraStore
 * @expression: a filter in libtraceevent's syntax
 * @error: a location for a #GError
 *
 * Parses @expression against the trace's formats, as
 * remora_store_filter_events() would.
 *
 * Returns: %TRUE when it parses; else %FALSE with @error set to
 *   libtraceevent's message.
 */
gboolean
remora_store_check_filter_expression (RemoraStore *store, const char *expression, GError **error)
{
  struct tep_handle       *tep;
  struct tep_event_filter *filter;

  g_return_val_if_fail (REMORA_IS_STORE (store), FALSE);
  g_return_val_if_fail (expression != NULL, FALSE);
  if ((tep = remora_store_get_tep (store, error)) == NULL)
    return FALSE;
  if ((filter = remora_store_compile_filter (store, tep, expression, error)) == NULL)
    return FALSE;
  tep_filter_free (filter);
  return TRUE;
}

/* Matching -------------------------------------------------------------- */

static gboolean
flush (Scan *scan)
{
  gint64 scanned =
      scan->total > 0
          ? (gint64) ((double) scan->range * MIN (scan->seen, scan->total) / scan->total)
          : scan->range;

  if (g_cancellable_is_cancelled (scan->cancellable) ||
      !scan->func (scan->out, scan->n_out, scanned, scan->user_data))
    scan->stopped = TRUE;
  scan->n_out = 0;
  return !scan->stopped;
}

/* ASCII letters in any case */
static gboolean
holds_text (const char *hay, gsize len, const char *needle)
{
  gsize n = strlen (needle);

  if (n == 0)
    return TRUE;
  for (gsize i = 0; i + n <= len; i++)
    {
      gsize j = 0;

      while (j < n && g_ascii_tolower (hay[i + j]) == needle[j])
        j++;
      if (j == n)
        return TRUE;
    }
  return FALSE;
}

static gboolean
payload_matches (Scan *scan, gint64 id, gint64 ts, int cpu, GError **error)
{
  struct tep_record rec;
  struct tep_event *event;

  if (!remora_store_read_record (scan->store, id, ts, cpu, &rec, error))
    return FALSE;
  /* a damaged record has no fields to match */
  if (remora_payload_check (scan->tep, scan->common_size, &rec, &event) != REMORA_PAYLOAD_OK)
    return FALSE;
  if (scan->expression != NULL &&
      tep_filter_match (scan->expression, &rec) != TEP_ERRNO__FILTER_MATCH)
    return FALSE;
  if (scan->text != NULL)
    {
      trace_seq_reset (&scan->seq);
      remora_store_print_event (scan->tep, &scan->seq, &rec, TEP_PRINT_INFO);
      if (!holds_text (scan->seq.buffer, scan->seq.len, scan->text))
        return FALSE;
    }
  return TRUE;
}

static gboolean
in_sorted (const gint32 *set, guint n, gint32 v)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (set[mid] < v)
        lo = mid + 1;
      else if (set[mid] > v)
        hi = mid;
      else
        return TRUE;
    }
  return FALSE;
}

/* Looks at one event; FALSE on a failure (error set) */
static gboolean
consider (Scan *scan, gint64 id, gint64 ts, gint32 cpu, gint32 pid, gint64 type, GError **error)
{
  const RemoraEventFilter *f = scan->filter;
  GError                  *local = NULL;

  if (f->cpus != NULL && (cpu < 0 || (guint) cpu >= f->n_cpus || !f->cpus[cpu]))
    return TRUE;
  if (scan->types != NULL && (type < 0 || type >= scan->n_types || !scan->types[type]))
    return TRUE;
  if (f->pids != NULL && !in_sorted (f->pids, f->n_pids, pid))
    return TRUE;
  if ((scan->expression != NULL || scan->text != NULL) &&
      !payload_matches (scan, id, ts, cpu, &local))
    {
      if (local == NULL)
        return TRUE;
      g_propagate_error (error, local);
      return FALSE;
    }
  scan->out[scan->n_out++] = (RemoraFilterMatch){
    id,
    ts,
    cpu,
    pid,
    type >= 0 && type < scan->buffer_of_type->len
        ? g_array_index (scan->buffer_of_type, gint32, type)
        : 0,
  };
  return TRUE;
}

/* Reads the rows one statement gives (id, ts, cpu, pid, type). */
static gboolean
run (Scan *scan, sqlite3_stmt *st, GError **error)
{
  int rc;

  while (!scan->stopped && (rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const RemoraEventFilter *f = scan->filter;
      gint64                   type = sqlite3_column_int64 (st, 4);
      gint32                   cpu = sqlite3_column_int (st, 2);

      /* the cheap parts first: most rows of a narrow filter stop there */
      if ((scan->types == NULL || (type >= 0 && type < scan->n_types && scan->types[type])) &&
          (f->cpus == NULL || (cpu >= 0 && (guint) cpu < f->n_cpus && f->cpus[cpu])) &&
          !consider (scan, remora_store_column_id (scan->store, st, 0),
                     remora_store_column_ts (scan->store, st, 1), cpu,
                     remora_store_column_int32 (scan->store, st, 3), type, error))
        return FALSE;
      if ((++scan->seen % BATCH) == 0 || scan->n_out == BATCH)
        if (!flush (scan))
          return TRUE;
    }
  if (scan->stopped)
    return TRUE;
  return remora_store_check (scan->store, rc, error);
}

/* The types the filter's types and its expression keep: an expression
 * names the events it keeps (`sched_switch: …`, `sched/.*: …`). */
static gboolean
read_types (Scan *scan, GError **error)
{
  const RemoraEventFilter *f = scan->filter;
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      scan->store, "SELECT id, buffer_id, tep_id FROM event_types ORDER BY id", error);
  int rc;

  if (st == NULL)
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 type = sqlite3_column_int64 (st, 0);
      gint32 buffer = sqlite3_column_int (st, 1);

      if (type < 0 || type > 1 << 24)
        continue;
      if (type >= scan->buffer_of_type->len)
        g_array_set_size (scan->buffer_of_type, type + 1);
      g_array_index (scan->buffer_of_type, gint32, type) = buffer;
    }
  if (!remora_store_check (scan->store, rc, error))
    return FALSE;
  if (f->types == NULL && scan->expression == NULL)
    return TRUE;
  scan->n_types = scan->buffer_of_type->len;
  scan->types = g_new0 (guint8, MAX (scan->n_types, 1));
  sqlite3_reset (st);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 type = sqlite3_column_int64 (st, 0);
      int    tep_id = sqlite3_column_int (st, 2);

      if (type < 0 || type >= scan->n_types)
        continue;
      scan->types[type] =
          (f->types == NULL || (type < f->n_types && f->types[type])) &&
          (scan->expression == NULL || tep_event_filtered (scan->expression, tep_id));
    }
  return remora_store_check (scan->store, rc, error);
}

/* Chunks ------------------------------------------------------------------ */

/* Adds 1 to @hits[c − @first] for each chunk c of [@first, @last] that holds
 * events of one of the values @sql is run with (?1; ?2 and ?3 the chunks),
 * once however many values it holds. */
static gboolean
mark_chunks (Scan         *scan,
             const char   *sql,
             const gint32 *values,
             guint         n_values,
             gint64        first,
             gint64        last,
             guint8       *hits,
             GError      **error)
{
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (scan->store, sql, error);
  g_autofree guint8 *seen = g_new0 (guint8, last - first + 1);
  int                rc = SQLITE_DONE;

  if (st == NULL)
    return FALSE;
  for (guint i = 0; i < n_values && rc == SQLITE_DONE; i++)
    {
      sqlite3_reset (st);
      sqlite3_bind_int (st, 1, values[i]);
      sqlite3_bind_int64 (st, 2, first);
      sqlite3_bind_int64 (st, 3, last);
      while ((rc = sqlite3_step (st)) == SQLITE_ROW)
        {
          gint64 c = sqlite3_column_int64 (st, 0);
          if (c >= first && c <= last)
            seen[c - first] = 1;
        }
    }
  if (!remora_store_check (scan->store, rc, error))
    return FALSE;
  for (gint64 c = 0; c <= last - first; c++)
    hits[c] += seen[c];
  return TRUE;
}

/* The indexes of @kept that are set */
static GArray *
values_kept (const guint8 *kept, guint n)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (gint32));

  for (guint i = 0; i < n; i++)
    if (kept[i])
      {
        gint32 v = (gint32) i;
        g_array_append_val (values, v);
      }
  return values;
}

/* The chunks of ids @first_id … @last_id that can hold events the filter
 * keeps: those holding events of a type, a CPU and a task it keeps (each
 * of them that it names). Returns the number of columns named, 0 when the
 * filter names none (every chunk can); -1 on failure. */
static int
find_chunks (Scan *scan, gint64 first_id, gint64 last_id, guint8 **hits, GError **error)
{
  const RemoraEventFilter *f = scan->filter;
  gint64                   first = first_id >> REMORA_STORE_CHUNK_SHIFT;
  gint64                   last = last_id >> REMORA_STORE_CHUNK_SHIFT;
  g_autoptr (GArray) types = scan->types ? values_kept (scan->types, scan->n_types) : NULL;
  g_autoptr (GArray) cpus = f->cpus ? values_kept (f->cpus, f->n_cpus) : NULL;

  *hits = g_new0 (guint8, last - first + 1);
  if (types != NULL &&
      !mark_chunks (scan,
                    "SELECT chunk FROM chunk_types WHERE type = ?1 AND chunk BETWEEN ?2 AND ?3",
                    (const gint32 *) (void *) types->data, types->len, first, last, *hits, error))
    return -1;
  if (cpus != NULL &&
      !mark_chunks (scan,
                    "SELECT chunk FROM chunk_cpus WHERE buffer_id IN (SELECT id FROM buffers) "
                    "AND cpu = ?1 AND chunk BETWEEN ?2 AND ?3",
                    (const gint32 *) (void *) cpus->data, cpus->len, first, last, *hits, error))
    return -1;
  if (f->pids != NULL &&
      !mark_chunks (scan, "SELECT chunk FROM chunk_pids WHERE pid = ?1 AND chunk BETWEEN ?2 AND ?3",
                    f->pids, f->n_pids, first, last, *hits, error))
    return -1;
  return (types != NULL) + (cpus != NULL) + (f->pids != NULL);
}

/* Reads the rows of ids @first_id … @last_id */
static gboolean
scan_ids (Scan *scan, gint64 first_id, gint64 last_id, GError **error)
{
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      scan->store, "SELECT id, ts, cpu, pid, type FROM event_rows WHERE id BETWEEN ?1 AND ?2",
      error);

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, first_id);
  sqlite3_bind_int64 (st, 2, last_id);
  return run (scan, st, error);
}

/**
 * remora_store_filter_events:
 * @store: a #RemoraStore
 * @filter: what to keep
 * @first_id: the first event looked at
 * @last_id: the last
 * @func: given the matches, in batches
 * @user_data: for @func
 * @cancellable: (nullable): stops the scan (not an error)
 * @error: a location for a #GError
 *
 * Finds the events of @first_id … @last_id that pass @filter, in id order:
 * only the chunks of ids that hold events of the types, CPUs and tasks it
 * keeps are read (chunk_types, chunk_cpus, chunk_pids); expressions with
 * libtraceevent's filter on the stored records, as `trace-cmd report -F`
 * matches them.
 *
 * Returns: %FALSE with @error set on failure; %TRUE when done or stopped.
 */
gboolean
remora_store_filter_events (RemoraStore             *store,
                            const RemoraEventFilter *filter,
                            gint64                   first_id,
                            gint64                   last_id,
                            RemoraFilterFunc         func,
                            gpointer                 user_data,
                            GCancellable            *cancellable,
                            GError                 **error)
{
  Scan              *scan;
  g_autofree guint8 *hits = NULL;
  gint64             first_chunk = first_id >> REMORA_STORE_CHUNK_SHIFT;
  gint64             n_chunks = 0, n_hits = 0;
  int                columns;
  gboolean           ok = FALSE;

  g_return_val_if_fail (REMORA_IS_STORE (store), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  scan = g_new0 (Scan, 1);
  scan->store = store;
  scan->filter = filter;
  scan->func = func;
  scan->user_data = user_data;
  scan->cancellable = cancellable;
  scan->buffer_of_type = g_array_new (FALSE, TRUE, sizeof (gint32));
  scan->range = MAX (0, last_id - first_id + 1);
  trace_seq_init (&scan->seq);
  if (filter->expression != NULL || filter->text != NULL)
    {
      if ((scan->tep = remora_store_get_tep (store, error)) == NULL)
        goto out;
      scan->common_size = remora_payload_common_size (scan->tep);
    }
  if (filter->expression != NULL && (scan->expression = remora_store_compile_filter (
                                         store, scan->tep, filter->expression, error)) == NULL)
    goto out;
  if (filter->text != NULL)
    scan->text = g_ascii_strdown (filter->text, -1);
  if (!read_types (scan, error))
    goto out;

  /* the chunks that can hold matches, read in id order; all of them in one
   * go when they are most of the range */
  if (last_id < first_id)
    {
      ok = TRUE;
      goto out;
    }
  if ((columns = find_chunks (scan, first_id, last_id, &hits, error)) < 0)
    goto out;
  n_chunks = (last_id >> REMORA_STORE_CHUNK_SHIFT) - first_chunk + 1;
  for (gint64 c = 0; c < n_chunks; c++)
    if (hits[c] == columns)
      n_hits++;
  if (n_hits * 4 >= n_chunks * 3)
    {
      scan->total = scan->range;
      ok = scan_ids (scan, first_id, last_id, error);
    }
  else
    {
      scan->total = n_hits << REMORA_STORE_CHUNK_SHIFT;
      ok = TRUE;
      for (gint64 c = 0; ok && !scan->stopped && c < n_chunks;)
        {
          gint64 end = c;

          if (hits[c] != columns)
            {
              c++;
              continue;
            }
          while (end + 1 < n_chunks && hits[end + 1] == columns)
            end++;
          ok = scan_ids (scan, MAX (first_id, (first_chunk + c) << REMORA_STORE_CHUNK_SHIFT),
                         MIN (last_id, ((first_chunk + end + 1) << REMORA_STORE_CHUNK_SHIFT) - 1),
                         error);
          c = end + 1;
        }
    }
  if (ok && !scan->stopped)
    {
      scan->seen = scan->total;
      flush (scan);
    }

out:
  if (scan->expression != NULL)
    tep_filter_free (scan->expression);
  trace_seq_destroy (&scan->seq);
  g_free (scan->text);
  g_array_unref (scan->buffer_of_type);
  g_free (scan->types);
  g_free (scan);
  return ok;
}

/* Everything but what a filter keeps -------------------------------------- */

/**
 * remora_store_filter_complement:
 * @store: a #RemoraStore
 * @filter: what to keep
 * @complement: (out caller-allocates): what @filter does not keep
 * @values: (out) (transfer full): the complement's CPUs or types, for the
 *   caller to free with it
 * @error: a location for a #GError
 *
 * Whether @filter is best answered as every event but those of another
 * filter: when it keeps events by CPU only or by type only, rejects a
 * quarter of the trace or less (those are found through the chunk tables), and the
 * store is whole (no damaged record: then the summaries' per-cell event
 * counts, remora_store_read_cell_events(), count exactly the events of
 * each CPU and task).
 *
 * Returns: %TRUE with @complement and @values set when it is; %FALSE (with
 *   @error set on a failure to read) when not.
 */
gboolean
remora_store_filter_complement (RemoraStore             *store,
                                const RemoraEventFilter *filter,
                                RemoraEventFilter       *complement,
                                guint8                 **values,
                                GError                 **error)
{
  const RemoraTraceInfo *info = remora_store_get_info (store);
  g_autoptr (RemoraCachedStmt) st = NULL;
  g_autoptr (GArray) counts = g_array_new (FALSE, TRUE, sizeof (gint64));
  gboolean by_cpu = filter->cpus != NULL;
  gint64   rejected = 0;
  int      rc;

  *values = NULL;
  memset (complement, 0, sizeof *complement);
  if (by_cpu == (filter->types != NULL) || filter->pids != NULL || filter->expression != NULL ||
      filter->text != NULL || info->partial || info->damaged_unknown > 0 ||
      info->damaged_payload > 0 || info->damaged_time > 0 || info->damaged_span > 0)
    return FALSE;
  st = remora_store_prepare_cached (store,
                                    by_cpu ? "SELECT cpu, sum (events) FROM cpus GROUP BY cpu"
                                           : "SELECT id, count FROM event_types",
                                    error);
  if (st == NULL)
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (st, 0);

      if (value < 0 || value > (by_cpu ? REMORA_TRACE_MAX_CPUS : 1 << 24))
        return FALSE;
      if ((guint) value >= counts->len)
        g_array_set_size (counts, value + 1);
      g_array_index (counts, gint64, value) = remora_store_column_id (store, st, 1);
    }
  if (!remora_store_check (store, rc, error))
    return FALSE;
  *values = g_new0 (guint8, MAX (counts->len, 1));
  for (guint v = 0; v < counts->len; v++)
    {
      gboolean kept =
          by_cpu ? v < filter->n_cpus && filter->cpus[v] : v < filter->n_types && filter->types[v];
      if (!kept)
        {
          (*values)[v] = 1;
          rejected += g_array_index (counts, gint64, v);
        }
    }
  if (rejected > info->events / COMPLEMENT_SHARE)
    {
      g_clear_pointer (values, g_free);
      return FALSE;
    }
  if (by_cpu)
    {
      complement->cpus = *values;
      complement->n_cpus = counts->len;
    }
  else
    {
      complement->types = *values;
      complement->n_types = counts->len;
    }
  return TRUE;
}

typedef struct
{
  RemoraCellEventsFunc func;
  gpointer             user_data;
  gboolean             by_pid;
  int                  buffer_id;
  int                  id;
} Counting;

static void
count_cpu_cell (gint64 cell, const RemoraLodCell *c, gpointer user_data)
{
  Counting *k = user_data;

  if (c->events > 0)
    k->func (FALSE, k->buffer_id, k->id, cell, c->events, k->user_data);
}

static void
count_task_cell (gint64 cell, const RemoraLodTaskCell *c, gpointer user_data)
{
  Counting *k = user_data;

  if (c->events > 0)
    k->func (TRUE, k->buffer_id, k->id, cell, c->events, k->user_data);
}

/**
 * remora_store_read_cell_events:
 * @store: a #RemoraStore
 * @func: called with each cell of level 0 of the summaries that holds
 *   events, CPU by CPU (@by_pid %FALSE) then task by task (idle aside), each
 *   one's cells in time order
 * @user_data: for @func
 * @error: a location for a #GError
 *
 * How many events each CPU and each task recorded in each time cell of
 * 2^REMORA_LOD_CELL_SHIFT (0) ns.
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_cell_events (RemoraStore         *store,
                               RemoraCellEventsFunc func,
                               gpointer             user_data,
                               GError             **error)
{
  const RemoraTraceInfo *info = remora_store_get_info (store);
  gint64                 first = info->first_ts >> REMORA_LOD_CELL_SHIFT (0);
  gint64                 end = (info->last_ts >> REMORA_LOD_CELL_SHIFT (0)) + 1;
  g_autoptr (GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint32));

  for (int by_pid = 0; by_pid < 2; by_pid++)
    {
      g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
          store,
          by_pid ? "SELECT DISTINCT buffer_id, pid FROM lod_task WHERE level = 0 AND pid > 0"
                 : "SELECT buffer_id, cpu FROM cpus ORDER BY buffer_id, cpu",
          error);
      int rc;

      if (st == NULL)
        return FALSE;
      g_array_set_size (keys, 0);
      while ((rc = sqlite3_step (st)) == SQLITE_ROW)
        {
          gint32 key[2] = { sqlite3_column_int (st, 0), sqlite3_column_int (st, 1) };
          g_array_append_vals (keys, key, 2);
        }
      if (!remora_store_check (store, rc, error))
        return FALSE;
      g_clear_pointer (&st, remora_cached_stmt_release);
      for (guint i = 0; i + 1 < keys->len; i += 2)
        {
          Counting k = { func, user_data, by_pid, g_array_index (keys, gint32, i),
                         g_array_index (keys, gint32, i + 1) };

          if (!(by_pid ? remora_store_read_task_cells (store, k.buffer_id, k.id, 0, first, end,
                                                       count_task_cell, &k, error)
                       : remora_store_read_cpu_cells (store, k.buffer_id, k.id, 0, first, end,
                                                      count_cpu_cell, &k, error)))
            return FALSE;
        }
    }
  return TRUE;
}
