/* remora-event-mask.h: what a filter keeps of a trace's events, found off
 * the caller's thread
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_MODEL_INSIDE) && !defined(REMORA_MODEL_COMPILATION)
#error "Only <remora-model.h> can be included directly."
#endif

#include <gio/gio.h>

#include "remora-data.h"

G_BEGIN_DECLS

/**
 * RemoraFilter:
 * @cpus: (element-type int) (nullable): the CPUs kept, %NULL for all
 * @pids: (element-type gint32) (nullable): the tasks kept, %NULL for all
 * @types: (element-type gint64) (nullable): the event types kept (by
 *   `event_types.id`), %NULL for all
 * @expression: (nullable): a libtraceevent filter (`sched_switch: prev_state
 *   == 2`), as `trace-cmd report -F` takes it
 * @text: (nullable): text the event's info holds (ASCII letters in any case)
 *
 * What a filter keeps: the events that pass every part given.
 */
typedef struct
{
  GArray *cpus;
  GArray *pids;
  GArray *types;
  char   *expression;
  char   *text;
} RemoraFilter;

#define REMORA_TYPE_FILTER (remora_filter_get_type ())

GType         remora_filter_get_type (void) G_GNUC_CONST;
RemoraFilter *remora_filter_new (void);
RemoraFilter *remora_filter_copy (const RemoraFilter *filter);
void          remora_filter_free (RemoraFilter *filter);
gboolean      remora_filter_is_empty (const RemoraFilter *filter);
gboolean      remora_filter_equal (const RemoraFilter *a, const RemoraFilter *b);
gboolean      remora_filter_keeps_cpu (const RemoraFilter *filter, int cpu);
gboolean      remora_filter_keeps_pid (const RemoraFilter *filter, int pid);
gboolean      remora_filter_has_event_parts (const RemoraFilter *filter);
char        **remora_filter_find_unknown_fields (const char *expression, GHashTable *known);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraFilter, remora_filter_free)

typedef struct _RemoraEventMask RemoraEventMask;

#define REMORA_TYPE_EVENT_MASK (remora_event_mask_get_type ())

GType               remora_event_mask_get_type (void) G_GNUC_CONST;
RemoraEventMask    *remora_event_mask_ref (RemoraEventMask *mask);
void                remora_event_mask_unref (RemoraEventMask *mask);
const RemoraFilter *remora_event_mask_get_filter (const RemoraEventMask *mask);
gint64              remora_event_mask_get_n_events (const RemoraEventMask *mask);
gint64              remora_event_mask_get_count (const RemoraEventMask *mask);
gboolean            remora_event_mask_contains (const RemoraEventMask *mask, gint64 id);
gint64              remora_event_mask_rank (const RemoraEventMask *mask, gint64 id);
gint64              remora_event_mask_next (const RemoraEventMask *mask, gint64 id);
gint64              remora_event_mask_select (const RemoraEventMask *mask, gint64 k);
gint64              remora_event_mask_count_cells (const RemoraEventMask *mask,
                                                   gboolean               by_pid,
                                                   int                    buffer_id,
                                                   int                    id,
                                                   gint64                 first_cell,
                                                   gint64                 end_cell);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraEventMask, remora_event_mask_unref)

/* The time cells of remora_event_mask_count_cells(): level 0 of the
 * summaries. */
#define REMORA_EVENT_MASK_CELL_SHIFT REMORA_LOD_CELL_SHIFT (0)

typedef struct _RemoraFilterJob RemoraFilterJob;

RemoraFilterJob *remora_filter_job_new (RemoraStore *store, const RemoraFilter *filter);
RemoraFilterJob *remora_filter_job_ref (RemoraFilterJob *job);
void             remora_filter_job_unref (RemoraFilterJob *job);
void             remora_filter_job_set_scan_all (RemoraFilterJob *job, gboolean scan_all);
gboolean         remora_filter_job_get_all_but (RemoraFilterJob *job);
double           remora_filter_job_get_fraction (RemoraFilterJob *job);
RemoraEventMask      *
remora_filter_job_run (RemoraFilterJob *job, GCancellable *cancellable, GError **error);
void remora_filter_job_run_async (RemoraFilterJob    *job,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
RemoraEventMask *
remora_filter_job_run_finish (RemoraFilterJob *job, GAsyncResult *result, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraFilterJob, remora_filter_job_unref)

G_END_DECLS
