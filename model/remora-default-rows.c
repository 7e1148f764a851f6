/* remora-default-rows.c: the rows a view shows first, the window's and
 * remora export's alike
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-default-rows.h"

#include "remora-busiest-tasks.h"
#include "remora-row-lists.h"

/**
 * remora_default_rows:
 * @store: a #RemoraStore, used on this thread
 * @buffer_id: the buffer whose rows
 * @range: the range the view shows first
 * @cpu_spec: (nullable): the CPUs asked for ("0-3,6"), or %NULL for every
 *   CPU of the buffer
 * @task_spec: (nullable): the tasks asked for (pids or names), or %NULL for
 *   the busiest of @range (remora_busiest_tasks(), at most
 *   %REMORA_DEFAULT_TASK_ROWS)
 * @cpus: (nullable) (element-type int): where the CPU rows go, %NULL for
 *   none
 * @pids: (nullable) (element-type int): where the task rows go, %NULL for
 *   none
 * @error: a location for a #GError
 *
 * The rows a view of @range shows first: what was asked for, else every CPU
 * and the tasks that ran longest in the range.
 *
 * Returns: %FALSE with @error set when a list does not parse
 *   (%REMORA_MODEL_ERROR) or the store fails.
 */
gboolean
remora_default_rows (RemoraStore           *store,
                     int                    buffer_id,
                     const RemoraTimeRange *range,
                     const char            *cpu_spec,
                     const char            *task_spec,
                     GArray                *cpus,
                     GArray                *pids,
                     GError               **error)
{
  const RemoraTraceInfo *info = remora_store_get_info (store);
  int                    n_cpus = info->cpus;

  for (guint i = 0; i < info->buffers->len; i++)
    if (g_array_index (info->buffers, RemoraBufferInfo, i).id == buffer_id)
      n_cpus = g_array_index (info->buffers, RemoraBufferInfo, i).cpus;
  if (cpus != NULL)
    {
      if (cpu_spec != NULL)
        {
          if (!remora_parse_cpu_list (cpu_spec, n_cpus, cpus, error))
            return FALSE;
        }
      else
        for (int c = 0; c < n_cpus; c++)
          g_array_append_val (cpus, c);
    }
  if (pids != NULL)
    {
      if (task_spec != NULL)
        return remora_parse_task_list (store, task_spec, pids, error);
      {
        g_autoptr (GArray) busiest =
            remora_busiest_tasks (store, buffer_id, range, REMORA_DEFAULT_TASK_ROWS, error);

        if (busiest == NULL)
          return FALSE;
        for (guint i = 0; i < busiest->len; i++)
          g_array_append_val (pids, g_array_index (busiest, RemoraTaskTotal, i).pid);
      }
    }
  return TRUE;
}

/**
 * remora_default_devices:
 * @store: a #RemoraStore, used on this thread
 * @buffer_id: the buffer whose devices
 * @devs: (element-type int): where the devices that issued block requests
 *   go, in order of their numbers
 * @error: a location for a #GError
 *
 * The device rows a view shows first: every device with block requests.
 *
 * Returns: %FALSE with @error set when the store fails.
 */
gboolean
remora_default_devices (RemoraStore *store, int buffer_id, GArray *devs, GError **error)
{
  g_autoptr (RemoraBlockIndex) index = remora_store_get_block_index (store, buffer_id, error);

  if (index == NULL)
    return FALSE;
  for (guint i = 0; i < remora_block_index_get_n_devices (index); i++)
    {
      int dev = remora_block_device_get_dev (remora_block_index_get_device (index, i));
      g_array_append_val (devs, dev);
    }
  return TRUE;
}

/**
 * remora_device_summaries:
 * @store: a #RemoraStore, used on this thread
 * @buffer_id: the buffer whose devices
 * @out: (element-type RemoraDeviceSummary): where every device with block
 *   requests goes, in order of their numbers, with its count
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set when the store fails.
 */
gboolean
remora_device_summaries (RemoraStore *store, int buffer_id, GArray *out, GError **error)
{
  g_autoptr (RemoraBlockIndex) index = remora_store_get_block_index (store, buffer_id, error);

  if (index == NULL)
    return FALSE;
  for (guint i = 0; i < remora_block_index_get_n_devices (index); i++)
    {
      const RemoraBlockDevice *d = remora_block_index_get_device (index, i);
      RemoraDeviceSummary      s = { remora_block_device_get_dev (d), 0 };

      remora_block_device_get_requests (d, &s.requests);
      g_array_append_val (out, s);
    }
  return TRUE;
}
