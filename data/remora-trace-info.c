/* remora-trace-info.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <string.h>

#include "remora-trace-info-private.h"

G_DEFINE_BOXED_TYPE (RemoraTraceInfo,
                     remora_trace_info,
                     remora_trace_info_ref,
                     remora_trace_info_unref)

static void
clear_buffer (gpointer p)
{
  g_free (((RemoraBufferInfo *) p)->name);
}

RemoraTraceInfo *
remora_trace_info_new (void)
{
  RemoraTraceInfo *info = g_atomic_rc_box_new0 (RemoraTraceInfo);

  info->buffers = g_array_new (FALSE, TRUE, sizeof (RemoraBufferInfo));
  g_array_set_clear_func (info->buffers, clear_buffer);
  return info;
}

RemoraTraceInfo *
remora_trace_info_ref (RemoraTraceInfo *info)
{
  return g_atomic_rc_box_acquire (info);
}

static void
info_clear (gpointer p)
{
  RemoraTraceInfo *info = p;

  g_free (info->source_path);
  g_free (info->kernel);
  g_free (info->uname);
  g_free (info->clock);
  g_free (info->trace_cmd_version);
  g_free (info->compression);
  g_free (info->partial_reason);
  g_array_unref (info->buffers);
}

void
remora_trace_info_unref (RemoraTraceInfo *info)
{
  if (info != NULL)
    g_atomic_rc_box_release_full (info, info_clear);
}

/**
 * remora_trace_info_find_buffer:
 * @info: a #RemoraTraceInfo
 * @name: a buffer's name ("" for the top-level one)
 *
 * Returns: (nullable): the buffer named @name, or %NULL when the trace has
 *   none.
 */
const RemoraBufferInfo *
remora_trace_info_find_buffer (const RemoraTraceInfo *info, const char *name)
{
  for (guint i = 0; i < info->buffers->len; i++)
    {
      const RemoraBufferInfo *b = &g_array_index (info->buffers, RemoraBufferInfo, i);
      if (strcmp (b->name, name) == 0)
        return b;
    }
  return NULL;
}

/**
 * remora_trace_info_get_buffer_name:
 * @info: a #RemoraTraceInfo
 * @id: a buffer id
 *
 * Returns: (nullable): the buffer's name, or %NULL for an id the trace does
 *   not have.
 */
const char *
remora_trace_info_get_buffer_name (const RemoraTraceInfo *info, int id)
{
  for (guint i = 0; i < info->buffers->len; i++)
    {
      const RemoraBufferInfo *b = &g_array_index (info->buffers, RemoraBufferInfo, i);
      if (b->id == id)
        return b->name;
    }
  return NULL;
}

/**
 * remora_trace_info_dup_host:
 * @info: a #RemoraTraceInfo
 *
 * Returns: (transfer full) (nullable): the recording machine's host name
 *   (the second word of its uname), or %NULL.
 */
char *
remora_trace_info_dup_host (const RemoraTraceInfo *info)
{
  g_auto (GStrv) words = NULL;

  if (info->uname == NULL)
    return NULL;
  words = g_strsplit (info->uname, " ", 3);
  return g_strv_length (words) >= 2 ? g_strdup (words[1]) : NULL;
}
