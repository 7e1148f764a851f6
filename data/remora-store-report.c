/* remora-store-report.c: a store's events as trace-cmd report prints them
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The lines are those of trace-cmd 3.1's `trace-cmd report` (its
 * trace_show_data()), printed by libtraceevent with the same format strings
 * and plugins from the trace's own formats kept in the store, in the order
 * libtracecmd merged the records. Two printers are Remora's: sched_switch's
 * prev_state is written as the kernel's format writes it (the plugin of
 * libtraceevent 1.7 maps the state bits as kernels before 4.14 did), and the
 * function graph's, which look at the next record as libtracecmd's do, read
 * here from the store.
 */

#include "config.h"

#include "remora-store-report.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/param.h>
#include <unistd.h>

#include "remora-data-error.h"
#include "remora-store-listing.h"
#include "remora-store-private.h"
#include "remora-task-state.h"
#include "remora-trace-info.h"
#include "remora-tracecmd-private.h"

enum
{
  TIME_USEC,
  TIME_NSEC,
  TIME_COUNTER,
};

typedef struct
{
  RemoraStore               *store;
  const RemoraReportOptions *o;
  struct tracecmd_input     *handle;
  struct tep_handle         *tep;
  int                        common_size;
  int                        time; /* TIME_* */

  /* the function graph's look ahead */
  struct tep_event *fgraph_exit;
  gint64            current_id;
  int               current_buffer;
  GHashTable       *consumed; /* ids of exits printed with their entry */
  guint8           *peek_data;

  /* filters, as libtracecmd's tracecmd_filter_match() */
  GPtrArray *filters; /* struct tep_event_filter */
  GPtrArray *notrace;
  int        kernel_stack_id, user_stack_id;
  gboolean  *last_printed; /* per CPU */
  int        n_last_printed;

  GArray     *lost; /* RemoraLostRow, by event id */
  guint       next_lost;
  GHashTable *buffers; /* buffer id -> its prefix, "" for the top level */
} Report;

/**
 * remora_report_options_init:
 * @options: (out caller-allocates): options
 *
 * Every event, as `trace-cmd report` prints them without options.
 */
void
remora_report_options_init (RemoraReportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->from_ns = G_MININT64;
  options->to_ns = G_MAXINT64;
  options->limit = -1;
}

/* sched_switch ----------------------------------------------------------------- */

static int
sched_switch_handler (struct trace_seq  *s,
                      struct tep_record *record,
                      struct tep_event  *event,
                      void              *context)
{
  return remora_print_sched_switch (s, record, event, TRUE);
}

/* The function graph, as libtracecmd 1.3's trace-ftrace.c prints it ---------- */

#define TRACE_GRAPH_INDENT 2

static void
print_graph_overhead (struct trace_seq *s, unsigned long long duration)
{
  if (duration == ~0ULL)
    trace_seq_printf (s, "  ");
  else if (duration > 1000000000ULL)
    trace_seq_printf (s, "$ ");
  else if (duration > 1000000ULL)
    trace_seq_printf (s, "# ");
  else if (duration > 100000ULL)
    trace_seq_printf (s, "! ");
  else if (duration > 10000ULL)
    trace_seq_printf (s, "+ ");
  else
    trace_seq_printf (s, "  ");
}

static void
print_graph_duration (struct trace_seq *s, unsigned long long duration)
{
  unsigned long usecs = duration / 1000;
  unsigned long nsecs_rem = duration % 1000;
  char          nsecs_str[5];
  int           len = s->len;

  trace_seq_printf (s, "%lu", usecs);
  /* nsecs, as long as the number stays under 7 digits (libtracecmd sizes
   * its buffer with the line's length: always the 4 bytes there are) */
  if ((s->len - len) < 7)
    {
      snprintf (nsecs_str, MIN (sizeof nsecs_str, (size_t) (8 - len)), "%03lu", nsecs_rem);
      trace_seq_printf (s, ".%s", nsecs_str);
    }
  len = s->len - len;
  trace_seq_puts (s, " us ");
  for (int i = len; i < 7; i++)
    trace_seq_putc (s, ' ');
  trace_seq_puts (s, "|  ");
}

static int
print_graph_function (struct trace_seq  *s,
                      struct tep_event  *event,
                      struct tep_record *record,
                      const char        *after)
{
  unsigned long long depth, val;
  const char        *func;

  if (tep_get_field_val (s, event, "depth", record, &depth, 1))
    return trace_seq_putc (s, '!');
  for (int i = 0; i < (int) (depth * TRACE_GRAPH_INDENT); i++)
    trace_seq_putc (s, ' ');
  if (tep_get_field_val (s, event, "func", record, &val, 1))
    return trace_seq_putc (s, '!');
  func = tep_find_function (event->tep, val);
  if (func)
    return trace_seq_printf (s, "%s()%s", func, after);
  return trace_seq_printf (s, "%llx()%s", val, after);
}

/* The record after the one printed in its buffer, when it is the exit of
 * the same function of the same task: a leaf, printed on one line. */
static gboolean
read_leaf_exit (
    Report *r, struct trace_seq *s, int pid, unsigned long long func, struct tep_record *exit_rec)
{
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      r->store,
      "SELECT e.id, e.ts, e.cpu FROM event_rows e JOIN event_types t ON t.id = e.type "
      "WHERE e.id > ?1 AND t.buffer_id = ?2 ORDER BY e.id LIMIT 1",
      NULL);
  unsigned long long type, next_pid, next_func;
  gint64             id;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, r->current_id);
  sqlite3_bind_int (st, 2, r->current_buffer);
  if (sqlite3_step (st) != SQLITE_ROW)
    return FALSE;
  id = remora_store_column_id (r->store, st, 0);
  if (g_hash_table_contains (r->consumed, &id) ||
      !remora_store_read_record (r->store, id, remora_store_column_ts (r->store, st, 1),
                                 remora_store_column_cpu (r->store, st, 2), exit_rec, NULL))
    return FALSE;
  if (tep_get_common_field_val (s, r->fgraph_exit, "common_type", exit_rec, &type, 1) ||
      type != (unsigned long long) r->fgraph_exit->id ||
      tep_get_common_field_val (s, r->fgraph_exit, "common_pid", exit_rec, &next_pid, 1) ||
      next_pid != (unsigned long long) pid ||
      tep_get_field_val (s, r->fgraph_exit, "func", exit_rec, &next_func, 1) || next_func != func)
    return FALSE;
  /* a copy: the store's chunk may change before it is printed */
  r->peek_data = g_realloc (r->peek_data, exit_rec->size);
  memcpy (r->peek_data, exit_rec->data, exit_rec->size);
  exit_rec->data = r->peek_data;
  g_hash_table_add (r->consumed, g_memdup2 (&id, sizeof id));
  return TRUE;
}

static int
fgraph_entry_handler (struct trace_seq  *s,
                      struct tep_record *record,
                      struct tep_event  *event,
                      void              *context)
{
  Report            *r = context;
  unsigned long long pid, func, rettime, calltime;
  struct tep_record  exit_rec;

  if (r->fgraph_exit == NULL)
    return -1;
  if (tep_get_common_field_val (s, event, "common_pid", record, &pid, 1))
    return trace_seq_putc (s, '!');
  if (tep_get_field_val (s, event, "func", record, &func, 1))
    return trace_seq_putc (s, '!');
  if (!read_leaf_exit (r, s, (int) pid, func, &exit_rec))
    {
      /* nested: no overhead, no time */
      print_graph_overhead (s, ~0ULL);
      trace_seq_puts (s, "           |  ");
      print_graph_function (s, event, record, " {");
      return 0;
    }
  if (tep_get_field_val (s, r->fgraph_exit, "rettime", &exit_rec, &rettime, 1))
    return trace_seq_putc (s, '!');
  if (tep_get_field_val (s, r->fgraph_exit, "calltime", &exit_rec, &calltime, 1))
    return trace_seq_putc (s, '!');
  print_graph_overhead (s, rettime - calltime);
  print_graph_duration (s, rettime - calltime);
  /* (a handler that returns other than 0 has the event's own format
   * printed after its text) */
  print_graph_function (s, event, record, ";");
  return 0;
}

static int
fgraph_exit_handler (struct trace_seq  *s,
                     struct tep_record *record,
                     struct tep_event  *event,
                     void              *context)
{
  unsigned long long rettime, calltime, depth;

  if (tep_get_field_val (s, event, "rettime", record, &rettime, 1))
    return trace_seq_putc (s, '!');
  if (tep_get_field_val (s, event, "calltime", record, &calltime, 1))
    return trace_seq_putc (s, '!');
  print_graph_overhead (s, rettime - calltime);
  print_graph_duration (s, rettime - calltime);
  if (tep_get_field_val (s, event, "depth", record, &depth, 1))
    return trace_seq_putc (s, '!');
  for (int i = 0; i < (int) (depth * TRACE_GRAPH_INDENT); i++)
    trace_seq_putc (s, ' ');
  trace_seq_putc (s, '}');
  return 0;
}

/* Filters ----------------------------------------------------------------------- */

static gboolean
add_filters (Report *r, GPtrArray *to, const char *const *expressions, GError **error)
{
  for (guint i = 0; expressions != NULL && expressions[i] != NULL; i++)
    {
      struct tep_event_filter *f =
          remora_store_compile_filter (r->store, r->tep, expressions[i], error);
      if (f == NULL)
        return FALSE;
      g_ptr_array_add (to, f);
    }
  return TRUE;
}

/* trace-cmd report's --pid and --comm: one filter of every pid asked for,
 * the pids of a name as the saved cmdlines have them. */
static gboolean
add_pid_filter (Report *r, GError **error)
{
  g_autoptr (GString) expression = NULL;
  g_autoptr (GPtrArray) pids = g_ptr_array_new_with_free_func (g_free);
  const char *one[2] = { NULL, NULL };

  for (guint i = 0; r->o->comms != NULL && r->o->comms[i] != NULL; i++)
    {
      struct tep_cmdline *cmdline = tep_data_pid_from_comm (r->tep, r->o->comms[i], NULL);

      if (cmdline == NULL)
        {
          g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_BAD_FILTER,
                       /* Translators: %s is a task's name */
                       _ ("No task of the trace is named “%s”"), r->o->comms[i]);
          return FALSE;
        }
      for (; cmdline != NULL; cmdline = tep_data_pid_from_comm (r->tep, r->o->comms[i], cmdline))
        g_ptr_array_add (pids, g_strdup_printf ("%d", tep_cmdline_pid (r->tep, cmdline)));
    }
  for (guint i = 0; r->o->pids != NULL && r->o->pids[i] != NULL; i++)
    g_ptr_array_insert (pids, (int) i, g_strdup (r->o->pids[i]));
  if (pids->len == 0)
    return TRUE;
  expression = g_string_new (".*:");
  for (guint i = 0; i < pids->len; i++)
    {
      const char *pid = g_ptr_array_index (pids, i);
      g_string_append_printf (expression, "%s(common_pid==%s)||(pid==%s)||(next_pid==%s)",
                              i > 0 ? "||" : "", pid, pid, pid);
    }
  one[0] = expression->str;
  return add_filters (r, r->filters, one, error);
}

/* A damaged record is listed unless a filter asks for what it cannot tell
 * (its event, fields or flags); --cpu applies. */
static gboolean
keeps_damaged (Report *r, struct tep_record *rec)
{
  if (r->filters->len > 0 || r->notrace->len > 0 || r->o->no_irqs || r->o->no_softirqs ||
      r->o->name != NULL)
    return FALSE;
  return r->o->cpus == NULL ||
         (rec->cpu >= 0 && (guint) rec->cpu < r->o->n_cpus && r->o->cpus[rec->cpu]);
}

/* libtracecmd's tracecmd_filter_match(), and trace-cmd report's -I and -S */
static gboolean
keeps (Report *r, struct tep_record *rec)
{
  gboolean found = FALSE;

  if (r->filters->len > 0 || r->notrace->len > 0)
    {
      for (guint i = 0; i < r->filters->len && !found; i++)
        {
          int ret = tep_filter_match (g_ptr_array_index (r->filters, i), rec);
          found = ret == TEP_ERRNO__NO_FILTER || ret == TEP_ERRNO__FILTER_MATCH;
        }
      if (!found && r->filters->len > 0)
        {
          /* a stack trace after an event printed is printed */
          int id = tep_data_type (r->tep, rec);

          if ((id != r->kernel_stack_id && id != r->user_stack_id) || id < 0 ||
              rec->cpu >= r->n_last_printed || !r->last_printed[rec->cpu])
            return FALSE;
        }
      found = FALSE;
      for (guint i = 0; i < r->notrace->len && !found; i++)
        {
          int ret = tep_filter_match (g_ptr_array_index (r->notrace, i), rec);
          found = ret == TEP_ERRNO__NO_FILTER || ret == TEP_ERRNO__FILTER_MATCH;
        }
      if (rec->cpu >= 0 && rec->cpu < r->n_last_printed)
        r->last_printed[rec->cpu] = !found;
      if (found)
        return FALSE;
    }
  if (r->o->cpus != NULL &&
      (rec->cpu < 0 || (guint) rec->cpu >= r->o->n_cpus || !r->o->cpus[rec->cpu]))
    return FALSE;
  if (r->o->no_irqs || r->o->no_softirqs)
    {
      int flags = tep_data_flags (r->tep, rec);

      if ((r->o->no_irqs && (flags & TRACE_FLAG_HARDIRQ)) ||
          (r->o->no_softirqs && (flags & TRACE_FLAG_SOFTIRQ)))
        return FALSE;
    }
  return TRUE;
}

/* Lines ------------------------------------------------------------------------- */

/* trace-cmd report's trace_show_data(); returns where the event's text
 * begins in @s. */
static guint
show_data (Report *r, struct trace_seq *s, struct tep_record *rec, const char *prefix)
{
  guint             info;
  struct tep_event *event = tep_find_event_by_record (r->tep, rec);
  const char       *name = event ? event->name : "(NULL)";
  static const char spaces[] = "                    ";
  int               len = (int) strlen (name);

  trace_seq_puts (s, prefix);
  tep_print_event (r->tep, s, rec, "%16s-%-5d [%03d]", TEP_PRINT_COMM, TEP_PRINT_PID,
                   TEP_PRINT_CPU);
  /* (literal formats: libtraceevent checks them as printf's) */
  switch (r->time)
    {
    case TIME_COUNTER:
      tep_print_event (r->tep, s, rec, "%12d:", TEP_PRINT_TIME);
      break;
    case TIME_NSEC:
      tep_print_event (r->tep, s, rec, " %9.1d:", TEP_PRINT_TIME);
      break;
    case TIME_USEC:
    default:
      tep_print_event (r->tep, s, rec, " %6.1000d:", TEP_PRINT_TIME);
      break;
    }
  trace_seq_printf (s, " %s: ", name);
  if (len < 20)
    trace_seq_printf (s, "%.*s", 20 - len, spaces);
  info = s->len;
  tep_print_event (r->tep, s, rec, "%s", r->o->raw ? TEP_PRINT_INFO_RAW : TEP_PRINT_INFO);
  if (s->len > 0 && s->buffer[s->len - 1] == '\n')
    s->len--;
  trace_seq_terminate (s);
  return info;
}

/* A record damaged in the trace (remora_payload_check()): its time and CPU,
 * the pid of its row, and what is wrong in place of its fields. */
static guint
show_damaged (Report            *r,
              struct trace_seq  *s,
              struct tep_record *rec,
              RemoraPayloadCheck check,
              struct tep_event  *event,
              int                pid,
              const char        *prefix)
{
  g_autofree char *text = remora_store_describe_damaged (check, rec, event);
  guint            info;
  gint64           ts = (gint64) rec->ts;

  if (pid >= 0)
    trace_seq_printf (s, "%s%16s-%-5d [%03d]", prefix, "<...>", pid, rec->cpu);
  else /* too short to hold one */
    trace_seq_printf (s, "%s%16s-%-5s [%03d]", prefix, "<...>", "?", rec->cpu);
  if (r->time == TIME_USEC)
    trace_seq_printf (s, " %6" G_GINT64_FORMAT ".%06d:", ts / 1000000000,
                      (int) (ts % 1000000000 / 1000));
  else
    trace_seq_printf (s, " %6" G_GINT64_FORMAT ".%09d:", ts / 1000000000, (int) (ts % 1000000000));
  trace_seq_puts (s, " ");
  info = s->len;
  trace_seq_puts (s, text);
  trace_seq_terminate (s);
  return info;
}

/* Whether @haystack holds @needle, letters in any case. */
static gboolean
holds_text (const char *haystack, const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = haystack; *p; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return TRUE;
  return n == 0;
}

/* The prefix of a buffer's lines: an instance's name, right-aligned to the
 * longest, or as many spaces for the top level's. */
static gboolean
read_buffers (Report *r, GError **error)
{
  const RemoraTraceInfo *info = remora_store_get_info (r->store);
  int                    width = 0;

  for (guint i = 0; i < info->buffers->len; i++)
    width = MAX (width, (int) strlen (g_array_index (info->buffers, RemoraBufferInfo, i).name));
  r->buffers = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint i = 0; i < info->buffers->len; i++)
    {
      const RemoraBufferInfo *b = &g_array_index (info->buffers, RemoraBufferInfo, i);
      /* with instances, trace-cmd report prefixes every line: the top
       * level's with spaces as wide */
      g_hash_table_insert (r->buffers, GINT_TO_POINTER (b->id),
                           b->name[0]               ? g_strdup_printf ("%*s: ", width, b->name)
                           : info->buffers->len > 1 ? g_strdup_printf ("%*s  ", width, "")
                                                    : g_strdup (""));
    }
  return TRUE;
}

/* The time format of trace-cmd report: microseconds for the clocks in
 * nanoseconds (libtracecmd's TRACECMD_FL_IN_USECS), nanoseconds with -t, a
 * counter as it is. */
static int
time_format (Report *r)
{
  const char *clock = remora_store_get_info (r->store)->clock;
  gboolean    in_usecs = clock == NULL || clock[0] == 0 || g_str_equal (clock, "local") ||
                      g_str_equal (clock, "global") || g_str_equal (clock, "uptime") ||
                      g_str_equal (clock, "perf") || g_str_has_prefix (clock, "mono") ||
                      g_str_equal (clock, "tsc2nsec") || g_str_equal (clock, "tai");

  if (!in_usecs)
    return TIME_COUNTER;
  return r->o->nsec ? TIME_NSEC : TIME_USEC;
}

/* A handle of its own on the store's formats: the names the plugins learn
 * from the lines printed are those of this listing alone, as trace-cmd's. */
static gboolean
open_handle (Report *r, GError **error)
{
  int fd;
  int ok;

  if (!remora_store_load_formats (r->store, error))
    return FALSE;
  if ((fd = remora_store_dup_headers_fd (r->store)) < 0)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE,
                   _ ("Failed to read the store “%s”: its trace headers cannot be read again"),
                   remora_store_get_path (r->store));
      return FALSE;
    }
  remora_store_lock_libraries ();
  r->handle = tracecmd_alloc_fd (fd, 0);
  remora_store_unlock_libraries ();
  if (r->handle == NULL)
    close (fd);
  remora_store_lock_parser ();
  ok = r->handle != NULL && tracecmd_read_headers (r->handle, REMORA_TRACECMD_FILE_CMD_LINES) >= 0;
  remora_store_unlock_parser ();
  if (!ok)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
                   _ ("Failed to read the store “%s”: its trace headers are damaged"),
                   remora_store_get_path (r->store));
      return FALSE;
    }
  r->tep = tracecmd_get_tep (r->handle);
  r->common_size = remora_payload_common_size (r->tep);
  if (r->o->nsec)
    tep_set_flag (r->tep, TEP_NSEC_OUTPUT);
  remora_store_lock_libraries ();
  tep_register_event_handler (r->tep, -1, "sched", "sched_switch", sched_switch_handler, r);
  tep_register_event_handler (r->tep, -1, "ftrace", "funcgraph_entry", fgraph_entry_handler, r);
  tep_register_event_handler (r->tep, -1, "ftrace", "funcgraph_exit", fgraph_exit_handler, r);
  remora_store_unlock_libraries ();
  r->fgraph_exit = tep_find_event_by_name (r->tep, "ftrace", "funcgraph_exit");
  {
    struct tep_event *e = tep_find_event_by_name (r->tep, "ftrace", "kernel_stack");
    r->kernel_stack_id = e ? e->id : -1;
    e = tep_find_event_by_name (r->tep, "ftrace", "user_stack");
    r->user_stack_id = e ? e->id : -1;
  }
  return TRUE;
}

static void
report_clear (Report *r)
{
  if (r->filters != NULL)
    g_ptr_array_unref (r->filters);
  if (r->notrace != NULL)
    g_ptr_array_unref (r->notrace);
  if (r->handle != NULL)
    {
      remora_store_lock_libraries ();
      tracecmd_close (r->handle);
      remora_store_unlock_libraries ();
    }
  g_clear_pointer (&r->consumed, g_hash_table_unref);
  g_clear_pointer (&r->lost, g_array_unref);
  g_clear_pointer (&r->buffers, g_hash_table_unref);
  g_free (r->peek_data);
  g_free (r->last_printed);
}

/* One line out; FALSE to stop (@error set). */
static gboolean
emit (RemoraReportLineFunc func, gpointer user_data, const char *line, gint64 id, GError **error)
{
  return func (line, id, user_data, error);
}

/* The lines of @s (each ends with a newline), out. */
static gboolean
emit_lines (RemoraReportLineFunc func,
            gpointer             user_data,
            struct trace_seq    *s,
            const char          *prefix,
            GError             **error)
{
  g_auto (GStrv) lines = NULL;

  trace_seq_terminate (s);
  lines = g_strsplit (s->buffer, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      g_autofree char *line = g_strconcat (i == 0 ? prefix : "", lines[i], NULL);
      if (!emit (func, user_data, line, -1, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * remora_store_report:
 * @store: a #RemoraStore
 * @options: what to print
 * @func: given each line
 * @user_data: for @func
 * @cancellable: (nullable): stops the listing (G_IO_ERROR_CANCELLED)
 * @error: a location for a #GError
 *
 * The lines `trace-cmd report` prints of the trace with the same options,
 * byte for byte but for sched_switch's state (the kernel's letters: see the
 * file's comment): `cpus=N`, then each event, a line `CPU:N [K EVENTS
 * DROPPED]` before the first event printed after a gap of lost events.
 *
 * Returns: %FALSE with @error set when the store, an expression or @func
 *   fails.
 */
gboolean
remora_store_report (RemoraStore               *store,
                     const RemoraReportOptions *options,
                     RemoraReportLineFunc       func,
                     gpointer                   user_data,
                     GCancellable              *cancellable,
                     GError                   **error)
{
  Report   r = { store, options };
  gboolean ok = FALSE;
  g_autoptr (RemoraCachedStmt) st = NULL;
  struct trace_seq s, line;
  gint64           printed = 0;
  guint            text_at;
  int              rc;

  g_return_val_if_fail (REMORA_IS_STORE (store), FALSE);
  trace_seq_init (&s);
  trace_seq_init (&line);
  r.filters = g_ptr_array_new_with_free_func ((GDestroyNotify) tep_filter_free);
  r.notrace = g_ptr_array_new_with_free_func ((GDestroyNotify) tep_filter_free);
  r.consumed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (!open_handle (&r, error) || !read_buffers (&r, error) || !add_pid_filter (&r, error) ||
      !add_filters (&r, r.filters, options->filters, error) ||
      !add_filters (&r, r.notrace, options->notrace, error) ||
      (r.lost = remora_store_read_lost_rows (store, error)) == NULL)
    goto out;
  r.time = time_format (&r);
  r.n_last_printed = MAX (1, remora_store_get_info (store)->cpus);
  r.last_printed = g_new0 (gboolean, r.n_last_printed);

  {
    g_autofree char       *header = NULL;
    const RemoraTraceInfo *info = remora_store_get_info (store);
    int                    cpus = info->cpus;

    for (guint i = 0; i < info->buffers->len; i++)
      if (g_array_index (info->buffers, RemoraBufferInfo, i).id == 0)
        cpus = g_array_index (info->buffers, RemoraBufferInfo, i).cpus;
    header = g_strdup_printf ("cpus=%d", cpus);
    if (!emit (func, user_data, header, -1, error))
      goto out;
  }

  st = remora_store_prepare_cached (
      store,
      "SELECT e.id, e.ts, e.cpu, t.buffer_id, e.pid FROM event_rows e JOIN event_types t "
      "ON t.id = e.type WHERE e.id >= ?1 ORDER BY e.id",
      error);
  if (st == NULL)
    goto out;
  {
    gint64 first = options->first_id;

    if (options->from_ns != G_MININT64)
      {
        gint64 at = 0;
        if (!remora_store_find_event_at (store, options->from_ns, &at, error))
          goto out;
        first = MAX (first, at);
      }
    sqlite3_bind_int64 (st, 1, first);
  }
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64             id = remora_store_column_id (store, st, 0);
      gint64             ts = remora_store_column_ts (store, st, 1);
      int                cpu = remora_store_column_cpu (store, st, 2);
      g_autofree guint8 *data = NULL;
      struct tep_record  rec;
      const char        *prefix;
      RemoraPayloadCheck damaged;
      struct tep_event  *damaged_event = NULL;

      if (ts >= options->to_ns || (options->limit >= 0 && printed >= options->limit))
        break;
      if ((id & 4095) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      /* the gaps before it (lost events are said on the line before the
       * first record after them, when that one is printed) */
      while (r.next_lost < r.lost->len &&
             g_array_index (r.lost, RemoraLostRow, r.next_lost).event_id < id)
        r.next_lost++;
      if (g_hash_table_remove (r.consumed, &id))
        continue; /* printed with its entry */
      if (ts < options->from_ns)
        continue;
      if (!remora_store_read_record (store, id, ts, cpu, &rec, error))
        goto out;
      /* a copy: a leaf's exit may be read from the next chunk */
      data = g_memdup2 (rec.data, rec.size);
      rec.data = data;
      damaged = remora_payload_check (r.tep, r.common_size, &rec, &damaged_event);
      if (damaged != REMORA_PAYLOAD_OK)
        {
          /* a record damaged in the trace: no filter can match what cannot
           * be decoded; said as such, in its place */
          if (!keeps_damaged (&r, &rec))
            continue;
        }
      else if (!keeps (&r, &rec))
        continue;
      if (options->name != NULL && damaged == REMORA_PAYLOAD_OK)
        {
          struct tep_event *event = tep_find_event_by_record (r.tep, &rec);
          const char       *colon = strchr (options->name, ':');

          if (event == NULL || (colon == NULL ? !g_str_equal (event->name, options->name)
                                              : !g_str_equal (event->name, colon + 1) ||
                                                    strncmp (event->system, options->name,
                                                             colon - options->name) != 0 ||
                                                    event->system[colon - options->name] != 0))
            continue;
        }
      prefix = g_hash_table_lookup (r.buffers, GINT_TO_POINTER (sqlite3_column_int (st, 3)));
      trace_seq_reset (&s);
      trace_seq_reset (&line);
      for (guint k = r.next_lost;
           k < r.lost->len && g_array_index (r.lost, RemoraLostRow, k).event_id == id; k++)
        {
          const RemoraLostRow *l = &g_array_index (r.lost, RemoraLostRow, k);

          if (l->count > 0)
            trace_seq_printf (&s, "CPU:%d [%" G_GINT64_FORMAT " EVENTS DROPPED]\n", l->cpu,
                              l->count);
          else
            trace_seq_printf (&s, "CPU:%d [EVENTS DROPPED]\n", l->cpu);
        }
      r.current_id = id;
      r.current_buffer = sqlite3_column_int (st, 3);
      remora_store_lock_libraries ();
      /* trace-cmd report prints the prefix, then the lines of lost events and
       * the event's as one text: the prefix lands on the first */
      if (damaged == REMORA_PAYLOAD_OK)
        text_at = show_data (&r, &line, &rec, s.len > 0 || prefix == NULL ? "" : prefix);
      else
        text_at = show_damaged (&r, &line, &rec, damaged, damaged_event, sqlite3_column_int (st, 4),
                                s.len > 0 || prefix == NULL ? "" : prefix);
      remora_store_unlock_libraries ();
      if (options->text != NULL && !holds_text (line.buffer + text_at, options->text))
        continue;
      /* the gaps before it are said before it */
      if (s.len > 0 && !emit_lines (func, user_data, &s, prefix ? prefix : "", error))
        goto out;
      if (!emit (func, user_data, line.buffer, id, error))
        goto out;
      printed++;
    }
  if (!remora_store_check (store, rc == SQLITE_ROW ? SQLITE_OK : rc, error))
    goto out;
  ok = TRUE;

out:
  trace_seq_destroy (&s);
  trace_seq_destroy (&line);
  report_clear (&r);
  return ok;
}
