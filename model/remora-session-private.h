/* remora-session-private.h: the session's parts, for its own files
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-session.h"

G_BEGIN_DECLS

struct _RemoraSession
{
  GObject          parent_instance;
  RemoraStore     *store;
  RemoraViewport   viewport;
  GArray          *rows;    /* RemoraRowSpec */
  GArray          *markers; /* RemoraMarker, in time order */
  RemoraSelection  selection;
  RemoraLinks      links;
  RemoraEventMask *mask; /* a filter's, for the rows' events */

  /* the filter applied (remora_session_set_filter()) */
  RemoraFilter      *filter; /* NULL: none */
  RemoraFilterTarget filter_target;
  RemoraEventMask   *filter_mask; /* what it keeps, NULL: none */

  gboolean absolute_time;             /* times as recorded, not from the trace's start */
  gboolean follows[REMORA_N_FOLLOWS]; /* how the views follow one another */
  gboolean hide_left_out;             /* the filter's left-out slices hidden, not greyed */
  gboolean idle_io;                   /* CPU rows shade idle while I/O is in flight */
  char    *problem;                   /* what a view could not read, the first said */

  /* what the selection holds (remora-session-selection.c) */
  RemoraDetail *detail;    /* the selection's, once answered, or NULL */
  GCancellable *selecting; /* the selection being asked */

  /* frames on a worker: one at a time, on its own connection */
  GMutex        worker_lock;
  RemoraStore  *worker_store;
  GCancellable *pending;
};

enum
{
  PROP_0,
  PROP_PROBLEM,
  PROP_SELECTION,
  PROP_DETAIL,
  PROP_FILTER,
  PROP_ABSOLUTE_TIME,
  PROP_FOLLOWS,
  N_PROPS
};

void _remora_session_changed (RemoraSession *self);
void _remora_session_notify (RemoraSession *self, guint prop);
void _remora_session_query (RemoraSession       *self,
                            int                  row,
                            const RemoraRowSpec *spec,
                            gint64               ts,
                            gint64               tolerance_ns,
                            gint64               event_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);
void _remora_session_clear_selection (RemoraSession *self);

G_END_DECLS
