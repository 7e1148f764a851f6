/* remora-row-lists.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-row-lists.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "remora-format.h"

/**
 * remora_parse_cpu_list:
 * @spec: "0-3,6"
 * @n_cpus: how many CPUs the trace has
 * @cpus: (element-type int): where the CPUs are appended
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set (%REMORA_MODEL_ERROR_INVALID_LIST) when
 *   @spec is no list of CPUs or names one the trace does not have.
 */
gboolean
remora_parse_cpu_list (const char *spec, int n_cpus, GArray *cpus, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (spec, ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      char  *dash = strchr (parts[i], '-');
      char  *end = NULL;
      gint64 a = g_ascii_strtoll (parts[i], &end, 10), b = a;

      if (end == parts[i] || (dash == NULL && *end) || (dash && end != dash))
        goto bad;
      if (dash)
        {
          b = g_ascii_strtoll (dash + 1, &end, 10);
          if (end == dash + 1 || *end || b < a)
            goto bad;
        }
      for (gint64 c = a; c <= b; c++)
        {
          int cpu = (int) c;
          if (c < 0 || c >= n_cpus)
            {
              g_set_error (error, REMORA_MODEL_ERROR, REMORA_MODEL_ERROR_INVALID_LIST,
                           _ ("the trace has no CPU %lld (it has CPUs 0 to %d)"), (long long) c,
                           n_cpus - 1);
              return FALSE;
            }
          g_array_append_val (cpus, cpu);
        }
    }
  return TRUE;

bad:
  g_set_error (error, REMORA_MODEL_ERROR, REMORA_MODEL_ERROR_INVALID_LIST,
               _ ("“%s” is not a list of CPUs such as 0-3,6"), spec);
  return FALSE;
}

/**
 * remora_parse_task_list:
 * @store: the trace's store (read on this thread)
 * @spec: "1234,kworker/1:2": pids, or names standing for every pid of that
 *   name
 * @pids: (element-type int): where the tasks are appended
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set when the store fails or a task did not
 *   run in the trace (%REMORA_MODEL_ERROR_INVALID_LIST).
 */
gboolean
remora_parse_task_list (RemoraStore *store, const char *spec, GArray *pids, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (spec, ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      guint before = pids->len;

      if (parts[i][0] == 0)
        continue;
      if (!remora_store_find_tasks (store, parts[i], pids, error))
        return FALSE;
      if (pids->len == before)
        {
          g_set_error (error, REMORA_MODEL_ERROR, REMORA_MODEL_ERROR_INVALID_LIST,
                       _ ("no task “%s” ran in the trace"), parts[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * remora_parse_view_time:
 * @option: the option the time was given with ("--from"), for the message
 * @text: "1.2034s", "850ms", "12us" from the trace's start, or "@5.123456789"
 * @info: the trace
 * @ts_ns: (out): the time
 * @error: a location for a #GError
 *
 * A time that bounds a view, which must lie in the trace.
 *
 * Returns: %FALSE with @error set when @text is no time or lies outside.
 */
gboolean
remora_parse_view_time (const char            *option,
                        const char            *text,
                        const RemoraTraceInfo *info,
                        gint64                *ts_ns,
                        GError               **error)
{
  g_autoptr (GError) local_error = NULL;
  gint64 first = info->first_ts, last = info->last_ts + 1;

  if (!remora_parse_time (text, first, ts_ns, &local_error))
    {
      g_set_error (error, REMORA_MODEL_ERROR, REMORA_MODEL_ERROR_INVALID_TIME, "%s: %s", option,
                   local_error->message);
      return FALSE;
    }
  if (*ts_ns < first || *ts_ns > last)
    {
      g_autofree char *span = remora_format_duration (last - first);
      g_set_error (
          error, REMORA_MODEL_ERROR, REMORA_MODEL_ERROR_INVALID_TIME,
          /* Translators: "--from 10s is outside the trace, which lasts 4.3 s (from 0 to 4.3 s)" */
          _ ("%s %s is outside the trace, which lasts %s (give a time from 0 to %s, or an "
             "absolute one with @)"),
          option, text, span, span);
      return FALSE;
    }
  return TRUE;
}
