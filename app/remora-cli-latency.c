/* remora-cli-latency.c: remora export --latency: a histogram or a scatter
 * plot of block I/O or wakeup latencies into a PNG, SVG or PDF file
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-cli-latency.h"

#include <glib/gi18n.h>

#include "remora-cli-private.h"

/**
 * remora_cli_parse_devices:
 * @spec: "8,0 254,0" or "8:0;254:0"
 * @devs: (element-type int): where the devices go (REMORA_BLOCK_DEV())
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set (%REMORA_MODEL_ERROR) when @spec is not a
 *   list of devices.
 */
gboolean
remora_cli_parse_devices (const char *spec, GArray *devs, GError **error)
{
  g_auto (GStrv) items = g_regex_split_simple ("[\\s;]+", spec, 0, 0);

  for (guint i = 0; items[i]; i++)
    {
      g_autofree char *item = g_strdelimit (g_strdup (items[i]), ":", ',');
      int              dev;

      if (item[0] == '\0')
        continue;
      if ((dev = remora_block_dev_parse (item)) < 0)
        {
          g_set_error (error, REMORA_MODEL_ERROR, REMORA_MODEL_ERROR_INVALID_LIST,
                       _ ("“%s” is not a device: write MAJOR,MINOR as trace-cmd report prints it, "
                          "such as 8,0"),
                       items[i]);
          return FALSE;
        }
      g_array_append_val (devs, dev);
    }
  if (devs->len == 0)
    {
      g_set_error (error, REMORA_MODEL_ERROR, REMORA_MODEL_ERROR_INVALID_LIST,
                   _ ("no device in “%s”: write MAJOR,MINOR, such as 8,0"), spec);
      return FALSE;
    }
  return TRUE;
}

static gboolean
contains (const GArray *values, int v)
{
  for (guint i = 0; values && i < values->len; i++)
    if (g_array_index (values, int, i) == v)
      return TRUE;
  return FALSE;
}

typedef struct
{
  const RemoraLatencyTable     *table;
  const GArray                 *rows;
  RemoraLatencyPlotKind         kind;
  const RemoraLatencyPlotStyle *style;
} Painting;

static gboolean
paint (cairo_t *cr, gpointer data, GError **error)
{
  Painting *p = data;
  return remora_latency_plot_paint (p->table, p->rows, p->kind, p->style, cr, error);
}

/**
 * remora_cli_export_latency:
 * @store: the trace's store
 * @o: the options of remora export
 * @status: (out): the exit status on failure
 *
 * Returns: %TRUE when the plot was written.
 */
gboolean
remora_cli_export_latency (RemoraStore *store, const RemoraLatencyOptions *o, int *status)
{
  g_autoptr (GError) error = NULL;
  const RemoraTraceInfo *info = remora_store_get_info (store);
  RemoraLatencyKind      kind;
  RemoraLatencyPlotKind  plot;
  RemoraLatencyPlotStyle style;
  RemoraLatencyFilter    filter;
  g_autoptr (RemoraLatencyTable) table = NULL;
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GArray) cpus = NULL;
  g_autoptr (GArray) pids = NULL;
  g_autoptr (GArray) devs = NULL;
  g_autoptr (GString) subtitle = NULL;
  g_autofree char *base = g_path_get_basename (info->source_path ? info->source_path : o->input);
  g_autofree char *from = NULL, *to = NULL;
  Painting         painting;

  if (g_str_equal (o->latency, "block"))
    kind = REMORA_LATENCY_BLOCK;
  else if (g_str_equal (o->latency, "sched"))
    kind = REMORA_LATENCY_WAKEUP;
  else
    return remora_cli_fail (status, _ ("--latency takes block or sched, not “%s”"), o->latency),
           *status = 2, FALSE;
  if (o->plot == NULL || g_str_equal (o->plot, "histogram"))
    plot = REMORA_LATENCY_PLOT_HISTOGRAM;
  else if (g_str_equal (o->plot, "scatter"))
    plot = REMORA_LATENCY_PLOT_SCATTER;
  else
    return remora_cli_fail (status, _ ("--plot takes histogram or scatter, not “%s”"), o->plot),
           *status = 2, FALSE;
  if (o->cpus)
    {
      cpus = g_array_new (FALSE, FALSE, sizeof (int));
      if (!remora_parse_cpu_list (o->cpus, info->cpus, cpus, &error))
        return remora_cli_fail (status, "--cpus: %s", error->message), *status = 2, FALSE;
    }
  if (o->tasks)
    {
      pids = g_array_new (FALSE, FALSE, sizeof (int));
      if (!remora_parse_task_list (store, o->tasks, pids, &error))
        return remora_cli_fail (status, "--tasks: %s", error->message),
               *status = error->domain == REMORA_MODEL_ERROR ? 2 : 1, FALSE;
    }
  if (o->devices)
    {
      devs = g_array_new (FALSE, FALSE, sizeof (int));
      if (!remora_cli_parse_devices (o->devices, devs, &error))
        return remora_cli_fail (status, "--devices: %s", error->message), *status = 2, FALSE;
    }

  table = remora_latency_table_read (store, kind, &error);
  if (table == NULL)
    return remora_cli_fail (status, "%s", error->message), *status = 1, FALSE;
  remora_latency_filter_init (&filter);
  filter.range = remora_time_range_make (o->begin_ns, o->end_ns);
  rows = remora_latency_table_select (table, &filter);
  /* the lists: a pair of a task listed, with an event on a CPU listed, of a
   * device listed */
  for (guint k = 0; k < rows->len;)
    {
      const RemoraLatencyPair *p = remora_latency_table_get (table, g_array_index (rows, guint, k));

      if ((pids && !contains (pids, p->pid)) ||
          (cpus && !contains (cpus, p->start_cpu) && !contains (cpus, p->end_cpu)) ||
          (devs && !contains (devs, p->dev)))
        g_array_remove_index (rows, k);
      else
        k++;
    }

  if (g_str_has_suffix (o->output, ".csv"))
    {
      /* the table, the longest first */
      remora_latency_table_sort (table, rows, REMORA_LATENCY_COLUMN_LATENCY, TRUE);
      if (!remora_latency_table_write_csv (table, rows, o->output, &error))
        return remora_cli_fail (status, "%s", error->message), *status = 1, FALSE;
      return TRUE;
    }
  remora_latency_plot_style_init (&style);
  style.width = o->width;
  style.height = o->height;
  style.theme = remora_theme_get (o->dark);
  style.title_block = TRUE;
  style.title = o->title;
  style.range = filter.range;
  style.origin_ns = o->absolute ? 0 : info->first_ts;
  from = remora_format_timestamp (o->begin_ns - style.origin_ns);
  to = remora_format_timestamp (o->end_ns - style.origin_ns);
  subtitle = g_string_new (NULL);
  /* Translators: under a latency plot's title: the trace and the range */
  g_string_printf (subtitle, _ ("%s · %s s to %s s"), base, from, to);
  if (o->tasks)
    /* Translators: the tasks a latency plot is of, as the user listed them */
    g_string_append_printf (subtitle, _ (" · tasks %s"), o->tasks);
  if (o->cpus)
    g_string_append_printf (subtitle, _ (" · CPUs %s"), o->cpus);
  if (o->devices)
    g_string_append_printf (subtitle, _ (" · devices %s"), o->devices);
  style.subtitle = subtitle->str;
  painting = (Painting){ table, rows, plot, &style };
  if (!remora_export_paint (o->output, style.width, style.height, o->scale, paint, &painting,
                            &error))
    return remora_cli_fail (status, "%s", error->message), *status = 1, FALSE;
  return TRUE;
}
