/* remora-bench-probe.c: the window's side of bench/ui
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Inactive unless REMORA_BENCH_PROBE names a report file (bench/ui sets it
 * and documents it in its header). Then a watchdog on the main loop records
 * the longest gap between its 5 ms ticks, and once the timeline has painted
 * a trace:
 *   REMORA_BENCH_DRIVE=zoom    (the default) drives the timeline from the
 *                              whole trace down to 10 µs and back, with pans
 *                              at the bottom, one step per frame, through
 *                              the same session calls as the keys, and
 *                              records each frame's interval (frame clock)
 *                              and the main thread's work in it;
 *   REMORA_BENCH_DRIVE=import  stops a second later (the import's stall,
 *                              and the window's first second, is the
 *                              figure);
 *   REMORA_BENCH_DRIVE=list    a second after the event list shows its rows
 *                              read (the window is settled), jumps 40
 *                              times to random event numbers and times
 *                              through its go-to entry's call, each timed
 *                              until the frame that paints the selected row
 *                              and the rows around it read ("jump" lines),
 *                              then scrolls the list a page per frame for
 *                              300 frames, recording frame intervals, work
 *                              and how many visible rows were still blank
 *                              ("scroll" lines); the stall is the longest
 *                              during all that.
 *   REMORA_BENCH_DRIVE=filter  from the settled window (as the list drive),
 *                              applies filters one after the other to the
 *                              list and the timeline: CPU 1, the task
 *                              REMORA_BENCH_FILTER_PID, the events named in
 *                              REMORA_BENCH_FILTER_EVENTS (comma separated)
 *                              one by one, then each expression of
 *                              REMORA_BENCH_FILTER_EXPRS (separated by
 *                              ";;"), each timed from the call until the
 *                              list holds just the rows kept and those in
 *                              view are read ("filter" lines: kind, µs,
 *                              events kept); the stall is the longest
 *                              during all of them.
 *   REMORA_BENCH_DRIVE=latency from the settled window (as the list drive),
 *                              shows the latency pane and times, at the
 *                              watchdog's 5 ms: each tab until its table
 *                              lists every pair and its plot is drawn
 *                              ("latency first_paint KIND µs"), the
 *                              Scheduling tab sorted by each of its columns
 *                              until sorted ("latency sort COLUMN µs"), and
 *                              Jump to Worst on each tab until the timeline
 *                              paints the range with the pair selected
 *                              ("latency worst KIND µs"); the stall is the
 *                              longest during all that.
 * Then it writes the report (plain lines, read by bench/ui) and quits. With
 * REMORA_BENCH_STALLS set, each gap of the watchdog over 20 ms (and each jump
 * over 40 ms) is printed on stderr with its monotonic time, to find it in a
 * perf record made with -k CLOCK_MONOTONIC.
 */

#include "config.h"

#include "remora-bench-probe.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "remora-event-list-view.h"
#include "remora-timeline-view.h"

#define LIST_JUMPS   40
#define LIST_SCROLLS 300

typedef struct
{
  RemoraWindow *window;
  char         *report;
  gboolean      drive;
  gint64        started;
  gint64        last_tick;
  gint64        stall_max;
  gint64        update_cpu;   /* the main thread's CPU time at the frame's update */
  gboolean      print_stalls; /* REMORA_BENCH_STALLS: each one on stderr */
  gint64        list_settled; /* when the list first had its rows read */
  gint64        stall_at;     /* when the longest stall began */
  char         *stall_page;   /* and the page shown when it ended */
  /* the longest stalls of an import drive: the window's own first frame
   * (its widgets made, styled and painted for the first time), then on the
   * import's page, then once the view shows */
  gint64   stall_first, stall_loading, stall_view;
  gint64   last_tick_frames; /* the window's frames painted at the last tick */
  gint64   first_paint;
  GString *frames;
  /* driving */
  guint              tick_id;
  int                phase; /* 0 in, 1 pan, 2 out */
  int                cycle;
  int                pans;
  gint64             last_frame_time;
  gint64             update_started;
  gboolean           stepped;
  const RemoraFrame *last_frame; /* the answer painted last, to count new ones */
  gulong             update_handler;
  gulong             paint_handler;
  GdkFrameClock     *clock;
  /* the list */
  gboolean list;
  gboolean list_started;
  gboolean settling; /* painted, waiting for the list's rows to start zooming */
  int      jumps;
  int      pause;        /* frames to wait before the next jump */
  gint64   jump_started; /* 0 when no jump is waiting */
  guint    jump_from;    /* the selection before it */
  int      scrolls;
  GRand   *rand;
  /* filters */
  gboolean   filter;
  gboolean   filter_started;
  GPtrArray *filters; /* RemoraFilter, to apply in turn */
  GPtrArray *filter_kinds;
  guint      filter_next;
  gint64     filter_at; /* when the one running was asked, 0 for none */
  /* the latency pane */
  gboolean latency;
  gboolean latency_started;
  int      latency_step;
  gint64   latency_at;
  guint    latency_pairs[2]; /* block, sched, as remora stats counts them */
} Probe;

static void
read_memory (long *hwm, long *rss)
{
  g_autofree char *status = NULL;

  *hwm = *rss = -1;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  for (char *line = status; line && *line;
       line = strchr (line, '\n'), line = line ? line + 1 : NULL)
    {
      if (g_str_has_prefix (line, "VmHWM:"))
        *hwm = g_ascii_strtoll (line + 6, NULL, 10);
      else if (g_str_has_prefix (line, "VmRSS:"))
        *rss = g_ascii_strtoll (line + 6, NULL, 10);
    }
}

static void
finish (Probe *probe)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  long hwm, rss;

  read_memory (&hwm, &rss);
  g_string_append_printf (out, "first_paint_us %" G_GINT64_FORMAT "\n", probe->first_paint);
  g_string_append_printf (out, "stall_max_us %" G_GINT64_FORMAT "\n", probe->stall_max);
  g_string_append_printf (out, "stall_at_us %" G_GINT64_FORMAT "\n", probe->stall_at);
  g_string_append_printf (out, "stall_page %s\n", probe->stall_page ? probe->stall_page : "-");
  g_string_append_printf (out, "stall_first_us %" G_GINT64_FORMAT "\n", probe->stall_first);
  g_string_append_printf (out, "stall_loading_us %" G_GINT64_FORMAT "\n", probe->stall_loading);
  g_string_append_printf (out, "stall_view_us %" G_GINT64_FORMAT "\n", probe->stall_view);
  g_string_append_printf (out, "hwm_kib %ld\nrss_kib %ld\n", hwm, rss);
  g_string_append (out, probe->frames->str);
  if (!g_file_set_contents (probe->report, out->str, (gssize) out->len, &error))
    /* Translators: bench/ui asked for a report that could not be written */
    g_printerr (_ ("remora: the bench report cannot be written: %s\n"), error->message);
  if (probe->clock)
    {
      g_signal_handler_disconnect (probe->clock, probe->update_handler);
      g_signal_handler_disconnect (probe->clock, probe->paint_handler);
    }
  g_application_quit (g_application_get_default ());
}

/* Whether the rows around the selection (what a jump shows) can be read. */
static gboolean
rows_read (RemoraEventList *list, guint selected)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint p = selected > 8 ? selected - 8 : 0; p < MIN (selected + 8, n); p++)
    if (!remora_event_list_is_read (list, p))
      return FALSE;
  return TRUE;
}

static void
list_after_paint (Probe *probe, gint64 now)
{
  RemoraEventListView *view = remora_window_get_event_list (probe->window);
  RemoraEventList     *list = remora_event_list_view_get_list (view);
  GtkAdjustment       *adj = remora_event_list_view_get_vadjustment (view);
  guint                selected = remora_event_list_view_get_selected (view);

  if (probe->jump_started)
    {
      /* painted with the new row and its neighbours read */
      if (selected != probe->jump_from && selected != GTK_INVALID_LIST_POSITION &&
          rows_read (list, selected))
        {
          g_string_append_printf (probe->frames, "jump %" G_GINT64_FORMAT " %d\n",
                                  now - probe->jump_started, probe->jumps % 2);
          if (probe->print_stalls && now - probe->jump_started > 40000)
            g_printerr ("jump %.1f ms from %.6f s\n", (now - probe->jump_started) / 1e3,
                        probe->jump_started / 1e6);
          probe->jump_started = 0;
          probe->pause = 3;
        }
      return;
    }
  if (probe->stepped)
    {
      guint  n = g_list_model_get_n_items (G_LIST_MODEL (list));
      double row = gtk_adjustment_get_upper (adj) / MAX (n, 1);
      guint  top = (guint) (gtk_adjustment_get_value (adj) / row);
      guint  rows = (guint) (gtk_adjustment_get_page_size (adj) / row);
      int    blank = 0;

      probe->stepped = FALSE;
      for (guint p = top; p < MIN (top + rows, n); p++)
        blank += !remora_event_list_is_read (list, p);
      if (probe->last_frame_time)
        g_string_append_printf (
            probe->frames, "scroll %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d %u\n",
            now - probe->last_frame_time, now - probe->update_started, blank, rows);
      probe->last_frame_time = now;
    }
}

static gboolean
on_list_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Probe               *probe = data;
  RemoraEventListView *view = REMORA_EVENT_LIST_VIEW (widget);
  RemoraEventList     *list = remora_event_list_view_get_list (view);
  GtkAdjustment       *adj = remora_event_list_view_get_vadjustment (view);

  if (probe->jump_started && g_get_monotonic_time () - probe->jump_started > 5 * G_USEC_PER_SEC)
    {
      /* never painted: said as such, not waited for forever */
      g_string_append_printf (probe->frames, "jump-timeout %d\n", probe->jumps % 2);
      probe->jump_started = 0;
    }
  if (probe->jump_started)
    return G_SOURCE_CONTINUE;
  if (probe->pause > 0)
    {
      probe->pause--;
      return G_SOURCE_CONTINUE;
    }
  if (probe->jumps < LIST_JUMPS)
    {
      const RemoraTraceInfo *info = remora_store_get_info (remora_session_get_store (
          remora_timeline_view_get_session (remora_window_get_timeline (probe->window))));
      g_autofree char       *target = NULL;

      probe->jumps++;
      /* an event number, then a time, in turn */
      if (probe->jumps % 2)
        target =
            g_strdup_printf ("#%" G_GINT64_FORMAT, (gint64) (g_rand_double (probe->rand) *
                                                             (double) MAX (info->events - 1, 0)));
      else
        target = g_strdup_printf (
            "%" G_GINT64_FORMAT "ns",
            (gint64) (g_rand_double (probe->rand) * (double) (info->last_ts - info->first_ts)));
      probe->jump_from = remora_event_list_view_get_selected (view);
      probe->jump_started = g_get_monotonic_time ();
      remora_event_list_view_go_to (view, target, NULL);
      return G_SOURCE_CONTINUE;
    }
  if (probe->scrolls == 0)
    {
      /* from the top */
      gtk_adjustment_set_value (adj, 0);
      probe->last_frame_time = 0;
    }
  if (probe->scrolls++ == LIST_SCROLLS || list == NULL)
    {
      finish (probe);
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (adj,
                            gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj));
  probe->stepped = TRUE;
  return G_SOURCE_CONTINUE;
}

/* The main thread's CPU time, in µs: its work in a frame apart from the
 * time other programs had the CPU meanwhile. */
static gint64
thread_cpu_us (void)
{
  struct timespec t;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return (gint64) t.tv_sec * G_USEC_PER_SEC + t.tv_nsec / 1000;
}

static void
on_update (GdkFrameClock *clock, Probe *probe)
{
  probe->update_started = g_get_monotonic_time ();
  probe->update_cpu = thread_cpu_us ();
}

static void
on_after_paint (GdkFrameClock *clock, Probe *probe)
{
  RemoraTimelineView   *view = REMORA_TIMELINE_VIEW (remora_window_get_timeline (probe->window));
  const RemoraViewport *viewport =
      remora_session_get_viewport (remora_timeline_view_get_session (view));
  const RemoraFrame *frame = remora_timeline_view_get_frame (view);
  /* the wall clock's, not the frame clock's frame time, which is rounded to
   * the refresh interval */
  gint64   frame_time = g_get_monotonic_time ();
  gboolean fresh = frame && frame->range.begin_ns == viewport->visible.begin_ns &&
                   frame->range.end_ns == viewport->visible.end_ns;

  gboolean answered = frame != probe->last_frame;

  if (probe->list)
    {
      list_after_paint (probe, frame_time);
      return;
    }
  if (!probe->stepped)
    return;
  probe->stepped = FALSE;
  probe->last_frame = frame;
  if (probe->last_frame_time)
    g_string_append_printf (probe->frames,
                            "frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                            " %d %d %" G_GINT64_FORMAT "\n",
                            frame_time - probe->last_frame_time, frame_time - probe->update_started,
                            viewport->visible.end_ns - viewport->visible.begin_ns, fresh, answered,
                            thread_cpu_us () - probe->update_cpu);
  probe->last_frame_time = frame_time;
}

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Probe                *probe = data;
  RemoraSession        *session = remora_timeline_view_get_session (REMORA_TIMELINE_VIEW (widget));
  const RemoraViewport *viewport = remora_session_get_viewport (session);
  gint64                span = viewport->visible.end_ns - viewport->visible.begin_ns;
  double                middle = viewport->width_px / 2.0;

  switch (probe->phase)
    {
    case 0:
      if (span <= 10000)
        probe->phase = 1;
      else
        remora_session_zoom (session, 1 / 0.85, middle);
      break;
    case 1:
      remora_session_pan (session, probe->pans < 40 ? 24 : -24);
      if (++probe->pans == 80)
        probe->phase = 2;
      break;
    default:
      if (span >= viewport->trace.end_ns - viewport->trace.begin_ns)
        {
          probe->pans = 0;
          probe->phase = 0;
          if (++probe->cycle == 3)
            {
              probe->tick_id = 0;
              finish (probe);
              return G_SOURCE_REMOVE;
            }
        }
      else
        remora_session_zoom (session, 0.85, middle);
      break;
    }
  probe->stepped = TRUE;
  return G_SOURCE_CONTINUE;
}

/* The filters to time, from the environment. */
static void
make_filters (Probe *probe, RemoraStore *store)
{
  const char *pid = g_getenv ("REMORA_BENCH_FILTER_PID");
  g_auto (GStrv) names = g_strsplit (g_getenv ("REMORA_BENCH_FILTER_EVENTS") ?: "", ",", -1);
  g_auto (GStrv) exprs = g_strsplit (g_getenv ("REMORA_BENCH_FILTER_EXPRS") ?: "", ";;", -1);
  RemoraFilter *f = remora_filter_new ();
  int           one = 1;

  probe->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) remora_filter_free);
  probe->filter_kinds = g_ptr_array_new_with_free_func (g_free);
  f->cpus = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_val (f->cpus, one);
  g_ptr_array_add (probe->filters, f);
  g_ptr_array_add (probe->filter_kinds, g_strdup ("cpu:1"));
  if (pid != NULL && *pid)
    {
      gint32 p = (gint32) g_ascii_strtoll (pid, NULL, 10);

      f = remora_filter_new ();
      f->pids = g_array_new (FALSE, FALSE, sizeof (gint32));
      g_array_append_val (f->pids, p);
      g_ptr_array_add (probe->filters, f);
      g_ptr_array_add (probe->filter_kinds, g_strdup_printf ("task:%d", p));
    }
  for (guint i = 0; names[i]; i++)
    {
      GArray *types;

      if (!*names[i] || (types = remora_store_find_types (store, names[i], NULL)) == NULL)
        continue;
      f = remora_filter_new ();
      f->types = types;
      g_ptr_array_add (probe->filters, f);
      g_ptr_array_add (probe->filter_kinds, g_strdup_printf ("event:%s", names[i]));
    }
  for (guint i = 0; exprs[i]; i++)
    {
      if (!*exprs[i])
        continue;
      f = remora_filter_new ();
      f->expression = g_strdup (exprs[i]);
      g_ptr_array_add (probe->filters, f);
      g_ptr_array_add (probe->filter_kinds, g_strdup_printf ("expr:%s", exprs[i]));
    }
}

/* Applies the next filter, or records the one that ended; TRUE when all
 * are done. */
static gboolean
drive_filters (Probe *probe, gint64 now)
{
  RemoraEventListView *view = remora_window_get_event_list (probe->window);
  RemoraEventList     *list = remora_event_list_view_get_list (view);

  if (probe->filter_at != 0)
    {
      RemoraEventMask *mask = remora_event_list_view_get_mask (view);

      guint top = remora_event_list_view_get_top_row (view);

      /* settled, with the rows in view read */
      if (remora_event_list_view_get_filtering (view) ||
          !remora_event_list_view_get_all_shown (view) ||
          (top != GTK_INVALID_LIST_POSITION && !rows_read (list, top + 8)))
        return FALSE;
      /* spaces in an expression: the kind is the rest of the line */
      g_string_append_printf (
          probe->frames, "filter %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n",
          now - probe->filter_at, mask ? remora_event_mask_get_count (mask) : -1,
          (char *) g_ptr_array_index (probe->filter_kinds, probe->filter_next - 1));
      probe->filter_at = 0;
    }
  if (probe->filter_next == probe->filters->len)
    return TRUE;
  probe->filter_at = g_get_monotonic_time ();
  remora_event_list_view_apply_filter (
      view, g_ptr_array_index (probe->filters, probe->filter_next++), REMORA_FILTER_TARGET_BOTH);
  return FALSE;
}

/* The sched tab's columns, sorted one after the other. */
static const RemoraLatencyColumn sched_columns[] = {
  REMORA_LATENCY_COLUMN_START, REMORA_LATENCY_COLUMN_END,        REMORA_LATENCY_COLUMN_TASK,
  REMORA_LATENCY_COLUMN_PID,   REMORA_LATENCY_COLUMN_TARGET_CPU, REMORA_LATENCY_COLUMN_END_CPU,
  REMORA_LATENCY_COLUMN_WAKER, REMORA_LATENCY_COLUMN_NEW_TASK,   REMORA_LATENCY_COLUMN_LATENCY,
};

/* Whether the timeline paints the pair selected: its frame is the range's,
 * with the session's selection, and the session's detail is answered. */
static gboolean
worst_painted (Probe *probe)
{
  RemoraTimelineView    *view = remora_window_get_timeline (probe->window);
  RemoraSession         *session = remora_timeline_view_get_session (view);
  const RemoraFrame     *frame = remora_timeline_view_get_frame (view);
  const RemoraSelection *s = remora_session_get_selection (session);

  return frame != NULL && s->kind != REMORA_SELECTION_NONE &&
         remora_session_get_detail (session) != NULL &&
         remora_time_range_equal (&frame->range, &remora_session_get_viewport (session)->visible) &&
         frame->selection.begin_ns == s->begin_ns && frame->selection.end_ns == s->end_ns;
}

/* One step of the latency drive; %TRUE once done. */
static gboolean
drive_latency (Probe *probe, gint64 now)
{
  RemoraLatencyPane *pane = remora_window_get_latency_pane (probe->window);
  RemoraLatencyKind  kinds[2] = { REMORA_LATENCY_BLOCK, REMORA_LATENCY_WAKEUP };
  int                n_sorts = G_N_ELEMENTS (sched_columns);
  int                step = probe->latency_step;

  if (step < 2)
    {
      /* a tab shown, until its table and plot are there */
      if (probe->latency_at == 0)
        {
          probe->latency_at = now;
          if (step == 0)
            gtk_widget_activate_action (GTK_WIDGET (probe->window), "view.latency", NULL);
          remora_latency_pane_show_tab (pane, kinds[step]);
        }
      if (remora_latency_pane_get_pairs (pane, kinds[step]) != probe->latency_pairs[step] ||
          !remora_latency_pane_has_plots (pane, kinds[step]))
        return FALSE;
      g_string_append_printf (probe->frames, "latency first_paint %s %" G_GINT64_FORMAT "\n",
                              step == 0 ? "block" : "sched", now - probe->latency_at);
    }
  else if (step < 2 + n_sorts)
    {
      RemoraLatencyColumn c = sched_columns[step - 2];
      gboolean            desc = c == REMORA_LATENCY_COLUMN_LATENCY;

      if (probe->latency_at == 0)
        {
          probe->latency_at = now;
          remora_latency_pane_sort_by (pane, REMORA_LATENCY_WAKEUP, c, desc);
        }
      if (!remora_latency_pane_is_sorted (pane, REMORA_LATENCY_WAKEUP, c, desc))
        return FALSE;
      g_string_append_printf (probe->frames, "latency sort %d %" G_GINT64_FORMAT "\n", (int) c,
                              now - probe->latency_at);
    }
  else if (step < 4 + n_sorts)
    {
      int k = step - 2 - n_sorts;

      if (probe->latency_at == 0)
        {
          probe->latency_at = now;
          remora_latency_pane_show_tab (pane, kinds[k]);
          remora_session_clear_selection (
              remora_timeline_view_get_session (remora_window_get_timeline (probe->window)));
          remora_latency_pane_jump_to_worst (pane);
        }
      if (!worst_painted (probe))
        return FALSE;
      g_string_append_printf (probe->frames, "latency worst %s %" G_GINT64_FORMAT "\n",
                              k == 0 ? "block" : "sched", now - probe->latency_at);
    }
  else
    return TRUE;
  probe->latency_at = 0;
  probe->latency_step++;
  return FALSE;
}

static gboolean
on_watchdog (gpointer data)
{
  Probe     *probe = data;
  gint64     now = g_get_monotonic_time ();
  GtkWidget *timeline;

  /* each stall, for perf record -k CLOCK_MONOTONIC to find (the same clock) */
  if (probe->print_stalls && probe->last_tick && now - probe->last_tick > 20000)
    g_printerr ("stall %.1f ms from %.6f s (%s, %" G_GINT64_FORMAT " frames painted)\n",
                (now - probe->last_tick) / 1e3, probe->last_tick / 1e6,
                remora_window_get_page (probe->window), probe->last_tick_frames);
  if (probe->last_tick && now - probe->last_tick > probe->stall_max)
    {
      probe->stall_max = now - probe->last_tick;
      probe->stall_at = probe->last_tick - probe->started;
      g_free (probe->stall_page);
      probe->stall_page = g_strdup (remora_window_get_page (probe->window));
    }
  if (probe->last_tick)
    {
      gint64  gap = now - probe->last_tick;
      gint64 *phase = probe->last_tick_frames < 1 ? &probe->stall_first
                      : g_str_equal (remora_window_get_page (probe->window), "view")
                          ? &probe->stall_view
                          : &probe->stall_loading;
      *phase = MAX (*phase, gap);
    }
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (probe->window));
    probe->last_tick_frames = clock ? gdk_frame_clock_get_frame_counter (clock) : 0;
  }
  probe->last_tick = now;
  if (now - probe->started > 600 * G_USEC_PER_SEC)
    {
      /* a drive that does not end (a frame clock that stopped) */
      g_string_append (probe->frames, "timeout 1\n");
      finish (probe);
      return G_SOURCE_REMOVE;
    }
  if (probe->latency && probe->first_paint)
    {
      RemoraEventListView *view = remora_window_get_event_list (probe->window);

      if (!probe->latency_started)
        {
          RemoraEventList *list = remora_event_list_view_get_list (view);
          RemoraStore     *store = remora_session_get_store (
                  remora_timeline_view_get_session (remora_window_get_timeline (probe->window)));
          RemoraLatencySummary s;

          /* from the settled window, as the list drive */
          if (list == NULL || !remora_event_list_view_get_all_shown (view) ||
              !rows_read (list, remora_event_list_view_get_top_row (view) + 8))
            return G_SOURCE_CONTINUE;
          if (probe->list_settled == 0)
            probe->list_settled = now;
          if (now - probe->list_settled < G_USEC_PER_SEC)
            return G_SOURCE_CONTINUE;
          for (int k = 0; k < 2; k++)
            probe->latency_pairs[k] =
                remora_store_read_latency (store,
                                           k == 0 ? REMORA_LATENCY_BLOCK : REMORA_LATENCY_WAKEUP,
                                           NULL, NULL, &s, NULL)
                    ? (guint) s.count
                    : 0;
          probe->latency_started = TRUE;
          probe->stall_max = 0; /* the stalls while the pane works */
          return G_SOURCE_CONTINUE;
        }
      if (drive_latency (probe, now))
        {
          finish (probe);
          return G_SOURCE_REMOVE;
        }
      return G_SOURCE_CONTINUE;
    }
  if (probe->filter && probe->first_paint)
    {
      RemoraEventListView *view = remora_window_get_event_list (probe->window);

      if (!probe->filter_started)
        {
          RemoraEventList *list = remora_event_list_view_get_list (view);

          /* from the settled window, as the list drive */
          if (list == NULL || !remora_event_list_view_get_all_shown (view) ||
              !rows_read (list, remora_event_list_view_get_top_row (view) + 8))
            return G_SOURCE_CONTINUE;
          if (probe->list_settled == 0)
            probe->list_settled = now;
          if (now - probe->list_settled < G_USEC_PER_SEC)
            return G_SOURCE_CONTINUE;
          probe->filter_started = TRUE;
          probe->stall_max = 0; /* the stalls while filtering */
          make_filters (probe, remora_session_get_store (remora_timeline_view_get_session (
                                   remora_window_get_timeline (probe->window))));
        }
      if (drive_filters (probe, now))
        {
          finish (probe);
          return G_SOURCE_REMOVE;
        }
      return G_SOURCE_CONTINUE;
    }
  if (probe->list && probe->first_paint && !probe->list_started)
    {
      RemoraEventListView *view = remora_window_get_event_list (probe->window);
      RemoraEventList     *list = remora_event_list_view_get_list (view);

      /* a second after all its rows are there and those in view read (the
       * import drive measures their coming; the window reads what a first
       * click will ask in the background meanwhile) */
      if (list == NULL || !remora_event_list_view_get_all_shown (view) ||
          !rows_read (list, remora_event_list_view_get_top_row (view) + 8))
        return G_SOURCE_CONTINUE;
      if (probe->list_settled == 0)
        probe->list_settled = now;
      if (now - probe->list_settled < G_USEC_PER_SEC)
        return G_SOURCE_CONTINUE;
      probe->list_started = TRUE;
      probe->stall_max = 0; /* the stalls of the list's work from here */
      probe->clock = gtk_widget_get_frame_clock (GTK_WIDGET (view));
      probe->update_handler =
          g_signal_connect (probe->clock, "update", G_CALLBACK (on_update), probe);
      probe->paint_handler =
          g_signal_connect_after (probe->clock, "after-paint", G_CALLBACK (on_after_paint), probe);
      probe->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (view), on_list_tick, probe, NULL);
      return G_SOURCE_CONTINUE;
    }
  if (!probe->drive && probe->first_paint &&
      now - probe->started > probe->first_paint + G_USEC_PER_SEC)
    {
      /* an import: its stall counts until a second after the first paint
       * (what the window builds once the trace shows, the event list's rows) */
      finish (probe);
      return G_SOURCE_REMOVE;
    }
  if ((probe->first_paint && !probe->settling) ||
      !g_str_equal (remora_window_get_page (probe->window), "view"))
    return G_SOURCE_CONTINUE;
  timeline = GTK_WIDGET (remora_window_get_timeline (probe->window));
  if (remora_timeline_view_get_frames_painted (REMORA_TIMELINE_VIEW (timeline)) == 0)
    return G_SOURCE_CONTINUE;
  if (!probe->first_paint)
    probe->first_paint = now - probe->started;
  if (!probe->drive)
    return G_SOURCE_CONTINUE; /* the second after it, below */
  if (probe->list || probe->filter || probe->latency)
    return G_SOURCE_CONTINUE;
  /* zoom and pan from the settled window: once the event list shows its
   * rows, which come a dozen per frame after the first paint (the import
   * drive measures that second) */
  if (!remora_event_list_view_get_all_shown (remora_window_get_event_list (probe->window)))
    {
      probe->settling = TRUE;
      return G_SOURCE_CONTINUE;
    }
  probe->settling = FALSE;
  probe->clock = gtk_widget_get_frame_clock (timeline);
  probe->update_handler = g_signal_connect (probe->clock, "update", G_CALLBACK (on_update), probe);
  probe->paint_handler =
      g_signal_connect_after (probe->clock, "after-paint", G_CALLBACK (on_after_paint), probe);
  probe->tick_id = gtk_widget_add_tick_callback (timeline, on_tick, probe, NULL);
  return G_SOURCE_CONTINUE;
}

void
remora_bench_probe_attach (RemoraWindow *window)
{
  const char *report = g_getenv ("REMORA_BENCH_PROBE");
  Probe      *probe;

  if (report == NULL || *report == '\0')
    return;
  probe = g_new0 (Probe, 1);
  probe->window = window;
  probe->report = g_strdup (report);
  probe->print_stalls = g_getenv ("REMORA_BENCH_STALLS") != NULL;
  probe->drive = g_strcmp0 (g_getenv ("REMORA_BENCH_DRIVE"), "import") != 0;
  probe->list = g_strcmp0 (g_getenv ("REMORA_BENCH_DRIVE"), "list") == 0;
  probe->filter = g_strcmp0 (g_getenv ("REMORA_BENCH_DRIVE"), "filter") == 0;
  probe->latency = g_strcmp0 (g_getenv ("REMORA_BENCH_DRIVE"), "latency") == 0;
  probe->rand = g_rand_new_with_seed (20261203);
  probe->started = g_get_monotonic_time ();
  probe->frames = g_string_new (NULL);
  /* lives as long as the process: the probe quits it */
  g_timeout_add_full (G_PRIORITY_HIGH, 5, on_watchdog, probe, NULL);
}
