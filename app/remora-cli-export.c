/* remora-cli-export.c: remora export
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "remora-cli-latency.h"
#include "remora-cli-private.h"
#include "remora-cli.h"

/* The largest picture export draws: 40 million pixels (160 MB in memory),
 * at most 10,000 on a side. */
#define EXPORT_MAX_PIXELS 40000000
#define EXPORT_MAX_SIDE   10000

/* Parses a --from or --to TIME, which must fall inside the trace. */
static gboolean
parse_time_option (
    const char *option, const char *text, RemoraStore *store, gint64 *out, int *status)
{
  g_autoptr (GError) error = NULL;

  if (!remora_parse_view_time (option, text, remora_store_get_info (store), out, &error))
    {
      remora_cli_fail (status, "%s", error->message);
      *status = 2;
      return FALSE;
    }
  return TRUE;
}

int
remora_cli_export (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraStore) store = NULL;
  g_autoptr (RemoraSession) session = NULL;
  g_autoptr (RemoraFrame) frame = NULL;
  const RemoraBufferInfo *buffer_info;
  RemoraTimelineStyle     style;
  g_autoptr (GArray) cpus = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) pids = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) devs = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *output = NULL, *from = NULL, *to = NULL, *cpu_spec = NULL;
  g_autofree char *task_spec = NULL, *rows = NULL, *title = NULL, *theme = NULL;
  g_autofree char *dir = NULL, *buffer = NULL;
  g_autofree char *latency = NULL, *plot = NULL, *device_spec = NULL;
  gboolean         imported = FALSE;
  int              width = 1600, height = 0, status = 0;
  double           scale = 1.0;
  gboolean         absolute = FALSE, no_links = FALSE, links = FALSE;
  gboolean         no_wakeup_links = FALSE, no_block_links = FALSE, no_idle_io = FALSE;
  g_auto (GStrv) markers = NULL;
  gint64       first, last, begin, end;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_ ("Write the picture to FILE: .png, .svg or .pdf"), N_ ("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_ ("Start at TIME: 1.2034s, 850ms, 12us from the trace's start, or @5123.456789"),
      N_ ("TIME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_ ("End at TIME"), N_ ("TIME") },
    { "cpus", 0, 0, G_OPTION_ARG_STRING, &cpu_spec, N_ ("CPU rows to draw, such as 0-3,6"),
      N_ ("LIST") },
    { "tasks", 0, 0, G_OPTION_ARG_STRING, &task_spec,
      N_ ("Task rows to draw: pids or names, such as 1234,kworker/1:2"), N_ ("LIST") },
    { "buffer", 0, 0, G_OPTION_ARG_STRING, &buffer,
      N_ ("Draw the rows of the instance buffer NAME (default: the top-level buffer)"),
      N_ ("NAME") },
    { "rows", 0, 0, G_OPTION_ARG_STRING, &rows,
      N_ ("Which rows: cpus, tasks or both (default: both)"), N_ ("ROWS") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_ ("Width in pixels (default: 1600)"), N_ ("N") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_ ("Height in pixels (default: fit the rows)"),
      N_ ("N") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_ ("Pixels per point for PNG, 2 for HiDPI"),
      N_ ("N") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_ ("The picture's title"), N_ ("TEXT") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme, N_ ("light or dark (default: light)"),
      N_ ("THEME") },
    { "marker", 0, 0, G_OPTION_ARG_STRING_ARRAY, &markers,
      N_ ("Mark a time, as NAME@TIME (repeat it: the time between markers is shown)"),
      N_ ("NAME@TIME") },
    { "links", 0, 0, G_OPTION_ARG_NONE, &links,
      N_ ("Draw wakeup and block I/O links when zoomed in enough (the default)"), NULL },
    { "no-links", 0, 0, G_OPTION_ARG_NONE, &no_links, N_ ("Do not draw links"), NULL },
    { "no-wakeup-links", 0, 0, G_OPTION_ARG_NONE, &no_wakeup_links,
      N_ ("Do not draw the arrows from wakeups to the switches that ran the tasks"), NULL },
    { "no-block-links", 0, 0, G_OPTION_ARG_NONE, &no_block_links,
      N_ ("Do not draw the ticks where block I/O requests were issued and completed"), NULL },
    { "no-idle-io", 0, 0, G_OPTION_ARG_NONE, &no_idle_io,
      N_ ("Do not tint the CPUs' idle stretches while block I/O was in flight"), NULL },
    { "absolute", 0, 0, G_OPTION_ARG_NONE, &absolute,
      N_ ("Label times as recorded instead of from the trace's start"), NULL },
    { "latency", 0, 0, G_OPTION_ARG_STRING, &latency,
      N_ ("Draw a plot of latencies instead of the timeline: block (issue to completion) or "
          "sched (wakeup to run); to a .csv file, their table"),
      N_ ("KIND") },
    { "plot", 0, 0, G_OPTION_ARG_STRING, &plot,
      N_ ("With --latency: histogram (the default) or scatter (latency over time)"), N_ ("PLOT") },
    { "devices", 0, 0, G_OPTION_ARG_STRING, &device_spec,
      N_ ("Block devices to draw, as MAJOR,MINOR separated by spaces or semicolons, such as "
          "\"8,0;8,16\" (default: every device with requests)"),
      N_ ("LIST") },
    { NULL }
  };

  store = remora_cli_parse_and_open (
      &argc, &argv, entries, _ ("TRACE|STORE — draw a timeline into a PNG, SVG or PDF file"),
      "export", &status, &imported, NULL);
  if (store == NULL)
    return status;

  if (output == NULL)
    return remora_cli_fail (&status, _ ("export needs an output file (-o FILE)")), 2;
  if (!remora_export_is_supported (output) &&
      !(latency != NULL && g_str_has_suffix (output, ".csv")))
    return remora_cli_fail (
               &status, _ ("cannot write “%s”: the name must end in .png, .svg or .pdf"), output),
           2;
  dir = g_path_get_dirname (output);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return remora_cli_fail (&status, _ ("cannot write “%s”: the folder “%s” does not exist"),
                            output, dir),
           1;
  if (rows && !g_str_equal (rows, "cpus") && !g_str_equal (rows, "tasks") &&
      !g_str_equal (rows, "both"))
    return remora_cli_fail (&status, _ ("--rows takes cpus, tasks or both, not “%s”"), rows), 2;
  if (theme && !g_str_equal (theme, "light") && !g_str_equal (theme, "dark"))
    return remora_cli_fail (&status, _ ("--theme takes light or dark, not “%s”"), theme), 2;
  if (width < 300 || width > EXPORT_MAX_SIDE)
    return remora_cli_fail (&status, _ ("--width must be 300 to %d pixels, not %d"),
                            EXPORT_MAX_SIDE, width),
           2;
  if (height != 0 && (height < 100 || height > EXPORT_MAX_SIDE))
    return remora_cli_fail (&status, _ ("--height must be 100 to %d pixels, not %d"),
                            EXPORT_MAX_SIDE, height),
           2;
  if (!isfinite (scale) || scale < 0.5 || scale > 4)
    return remora_cli_fail (&status, _ ("--scale must be 0.5 to 4, not %g"), scale), 2;

  buffer_info = remora_trace_info_find_buffer (remora_store_get_info (store), buffer ? buffer : "");
  if (buffer_info == NULL)
    {
      const GArray *all = remora_store_get_info (store)->buffers;
      g_autoptr (GString) names = g_string_new (NULL);

      for (guint i = 0; i < all->len; i++)
        {
          const char *name = g_array_index (all, RemoraBufferInfo, i).name;

          if (name[0] != 0)
            g_string_append_printf (names, "%s“%s”", names->len ? ", " : "", name);
        }
      if (names->len == 0)
        return remora_cli_fail (&status,
                                _ ("--buffer: the trace has no buffer “%s” (it has only the "
                                   "top-level buffer)"),
                                buffer),
               2;
      /* Translators: the last %s lists the trace's buffers: “blk”, “irq” */
      return remora_cli_fail (&status,
                              _ ("--buffer: the trace has no buffer “%s” (it has the top-level "
                                 "buffer and %s)"),
                              buffer, names->str),
             2;
    }

  session = remora_session_new (store);
  first = remora_session_get_viewport (session)->trace.begin_ns;
  last = remora_session_get_viewport (session)->trace.end_ns;
  begin = first;
  end = last;
  if (from && !parse_time_option ("--from", from, store, &begin, &status))
    return status;
  if (to && !parse_time_option ("--to", to, store, &end, &status))
    return status;
  if (end <= begin)
    return remora_cli_fail (&status, _ ("the range must end after it begins (--from %s, --to %s)"),
                            from ? from : "0", to ? to : _ ("the trace’s end")),
           2;

  if (plot != NULL && latency == NULL)
    return remora_cli_fail (&status, _ ("--plot needs --latency block or --latency sched")), 2;
  if (latency != NULL)
    {
      RemoraLatencyOptions o = { argv[1],   latency,
                                 plot,      output,
                                 title,     cpu_spec,
                                 task_spec, device_spec,
                                 begin,     end,
                                 width,     height ? height : 600,
                                 scale,     theme && g_str_equal (theme, "dark"),
                                 absolute };

      if (!remora_cli_export_latency (store, &o, &status))
        return status;
      remora_cli_say_store (store, argv[1], imported);
      return 0;
    }

  remora_session_set_visible (session, begin, end);

  /* the rows the window shows first, for the same range */
  if ((!rows || !g_str_equal (rows, "tasks")) &&
      !remora_default_rows (store, buffer_info->id, &remora_session_get_viewport (session)->visible,
                            cpu_spec, NULL, cpus, NULL, &error))
    return remora_cli_fail (&status, "--cpus: %s", error->message), 2;
  if ((!rows || !g_str_equal (rows, "cpus")) &&
      !remora_default_rows (store, buffer_info->id, &remora_session_get_viewport (session)->visible,
                            NULL, task_spec, NULL, pids, &error))
    return task_spec ? remora_cli_fail (&status, "--tasks: %s", error->message)
                     : remora_cli_fail (&status, "%s", error->message),
           error->domain == REMORA_MODEL_ERROR ? 2 : 1;
  for (guint i = 0; i < cpus->len; i++)
    remora_session_add_row (session, REMORA_ROW_CPU, buffer_info->id, g_array_index (cpus, int, i),
                            NULL);
  /* every device with block requests (or those listed), below the CPUs, as
   * the window shows them */
  if (device_spec && !remora_cli_parse_devices (device_spec, devs, &error))
    return remora_cli_fail (&status, "--devices: %s", error->message), 2;
  if (!device_spec && (!rows || !g_str_equal (rows, "tasks")) &&
      !remora_default_devices (store, buffer_info->id, devs, &error))
    return remora_cli_fail (&status, "%s", error->message), 1;
  for (guint i = 0; i < devs->len; i++)
    remora_session_add_row (session, REMORA_ROW_DEVICE, buffer_info->id,
                            g_array_index (devs, int, i), NULL);
  for (guint i = 0; i < pids->len; i++)
    remora_session_add_row (session, REMORA_ROW_TASK, buffer_info->id, g_array_index (pids, int, i),
                            NULL);

  remora_timeline_style_init (&style);
  style.width = width;
  style.height = height ? height
                        : remora_timeline_get_height_for_rows (
                              TRUE, remora_rows_units (remora_session_get_rows (session)));
  if ((double) style.width * style.height * scale * scale > EXPORT_MAX_PIXELS ||
      style.height > EXPORT_MAX_SIDE)
    return remora_cli_fail (
               &status,
               _ ("the picture would be %.0f × %.0f pixels; the limit is %d million pixels "
                  "(width × height × scale²) and %d on a side: choose fewer rows, a smaller "
                  "size or scale"),
               style.width * scale, style.height * scale, EXPORT_MAX_PIXELS / 1000000,
               EXPORT_MAX_SIDE),
           2;
  style.theme = remora_theme_get (theme && g_str_equal (theme, "dark"));
  style.absolute_time = absolute;
  style.title_block = TRUE;
  style.title = title;
  remora_session_set_link_kinds (
      session, no_links ? REMORA_LINKS_NONE
                        : REMORA_LINKS_ALL & ~(no_wakeup_links ? REMORA_LINKS_WAKEUPS : 0) &
                              ~(no_block_links ? REMORA_LINKS_BLOCK : 0));
  remora_session_set_idle_io (session, !no_idle_io);
  for (guint i = 0; markers && markers[i]; i++)
    {
      const char      *at = strchr (markers[i], '@');
      g_autofree char *name = at ? g_strndup (markers[i], at - markers[i]) : NULL;
      gint64           ts;

      if (at == NULL || name[0] == 0 || !remora_parse_time (at + 1, first, &ts, &error))
        return remora_cli_fail (
                   &status, _ ("--marker: “%s” is not a marker: write NAME@TIME, such as A@1.25s"),
                   markers[i]),
               2;
      if (!parse_time_option ("--marker", at + 1, store, &ts, &status))
        return status;
      remora_session_add_marker (session, name, ts);
    }
  frame = remora_session_compute_frame (session, remora_timeline_get_columns (&style), &error);
  /* a picture with rows left out is no picture of the trace */
  if (frame != NULL && frame->problem != NULL)
    return remora_cli_fail (&status, "%s", frame->problem), 1;
  if (frame == NULL || !remora_export_frame (frame, &style, output, scale, &error))
    return remora_cli_fail (&status, "%s", error->message), 1;
  remora_cli_say_store (store, argv[1], imported);
  return 0;
}
