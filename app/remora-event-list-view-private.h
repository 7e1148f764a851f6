/* remora-event-list-view-private.h: what the event list's files share
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-event-list-view.h"
#include "remora-filter-dialog.h"

G_BEGIN_DECLS

typedef enum
{
  COL_NUMBER,
  COL_TIME,
  COL_CPU,
  COL_TASK,
  COL_PID,
  COL_EVENT,
  COL_LATENCY,
  COL_INFO,
  N_COLS
} Column;

typedef struct
{
  const char *key;
  const char *title;
  int         width;
  gboolean    numeric;
  gboolean    shown;
} ColumnInfo;

struct _RemoraEventListView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget           *bar;
  GtkWidget           *menu_button;
  GtkEntry            *go_to;
  GtkDropDown         *alike;
  GtkLabel            *count;
  GtkSearchEntry      *search;
  GtkWidget           *filter_button;
  GtkWidget           *clear_button;
  GtkProgressBar      *progress;
  GtkWidget           *cancel_button;
  GtkWidget           *scrolled;
  GtkColumnView       *view;
  GtkMultiSelection   *selection;
  guint                primary; /* the selected row the timeline follows */
  GtkSliceListModel   *shown;   /* the list's rows, the first ones first */
  GtkColumnViewColumn *cols[N_COLS];
  GSimpleActionGroup  *actions;

  RemoraStore     *store;
  RemoraEventList *list;
  GCancellable    *finding;     /* a go-to or a step being answered */
  GHashTable      *time_labels; /* bound labels of the time column → item */
  RemoraEventItem *waiting;     /* selected, not yet read */
  gulong           waiting_id;
  gboolean         absolute;        /* times as recorded, not from the start */
  RemoraSession   *session;         /* what the window looks at */
  GSignalGroup    *session_signals; /* its selection, watched */
  gboolean         graph_follows;   /* the timeline selects the row selected */
  gboolean         list_follows;    /* the list selects the timeline's event */
  gboolean         revealing;       /* a selection made to follow the timeline */
  guint            grow_id;         /* the tick that shows (or removes) rows a few at a time */
  guint            adjusted_rows;   /* the rows the scrolling was last laid out for */
  guint            pending_scroll;  /* a row to scroll to once it is */
  guint            scroll_id;       /* the idle that does */
  gboolean         keys_to_row;     /* a go-to: the keys go to the row it selects */
  guint            keys_tick;       /* the frames to wait for that row's widget */
  int              keys_frames;
  int              grow_wait;
  gint64           reveal_after_growing; /* an event to show once all rows are, or -1 */

  /* filters */
  RemoraFilter       *filter; /* applied (the dialog's parts and the search) */
  RemoraFilterTarget  target;
  RemoraEventMask    *mask;  /* what it keeps, NULL for everything */
  RemoraFilterJob    *job;   /* the one running */
  RemoraFilter       *asked; /* what it answers */
  RemoraFilterTarget  asked_target;
  GCancellable       *filtering;
  guint               progress_id;
  RemoraFilterDialog *dialog; /* weak */
  char               *filter_error;
  gint64              filter_started_us;
  gint64              filter_us; /* how long the last one took */
  RemoraEventMask    *found;     /* a filter's answer, shown at the next idle */
  guint               found_id;

  /* copying */
  GCancellable *copying;

  /* CSV export */
  RemoraCsvExport *exporting; /* the one running */
  GCancellable    *export_cancel;
  GtkProgressBar  *export_progress;
  GtkWidget       *export_cancel_button;
  guint            export_progress_id;
};

enum
{
  FILTER_CHANGED,
  NOTICE,
  COPIED,
  N_SIGNALS
};

extern guint            _remora_event_list_view_signals[N_SIGNALS];
extern const ColumnInfo _remora_event_list_columns[N_COLS];

/* remora-event-list-cells.c */
GtkListItemFactory *_remora_event_list_view_make_factory (RemoraEventListView *self, Column col);
void                _remora_event_list_view_refresh_times (RemoraEventListView *self);

/* remora-event-list-scroll.c */
void _remora_event_list_view_stop_growing (RemoraEventListView *self);
void _remora_event_list_view_show_all_rows (RemoraEventListView *self);
void _remora_event_list_view_give_keys_to_row (RemoraEventListView *self);
void _remora_event_list_view_on_adjustment_changed (GtkAdjustment *adj, RemoraEventListView *self);

void _remora_event_list_view_action_copy (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter);
void _remora_event_list_view_action_export_csv (GtkWidget  *widget,
                                                const char *action_name,
                                                GVariant   *parameter);
void _remora_event_list_view_on_session_filter (RemoraSession       *session,
                                                GParamSpec          *pspec,
                                                RemoraEventListView *self);
void _remora_event_list_view_scroll_to (RemoraEventListView *self, guint position);
void _remora_event_list_view_select_quietly (RemoraEventListView *self, guint position);
void _remora_event_list_view_show_exporting (RemoraEventListView *self, gboolean running);
void _remora_event_list_view_show_filtering (RemoraEventListView *self, gboolean running);
void _remora_event_list_view_start_growing (RemoraEventListView *self, int wait);
void _remora_event_list_view_stop_exporting (RemoraEventListView *self);
void _remora_event_list_view_stop_filtering (RemoraEventListView *self);
void _remora_event_list_view_update_count (RemoraEventListView *self);
void _remora_event_list_view_on_cancel_export (GtkButton *button, RemoraEventListView *self);
void _remora_event_list_view_on_cancel_filter (GtkButton *button, RemoraEventListView *self);
void _remora_event_list_view_on_clear_filter (GtkButton *button, RemoraEventListView *self);
void _remora_event_list_view_on_open_filters (GtkButton *button, RemoraEventListView *self);
void _remora_event_list_view_on_search (GtkSearchEntry *entry, RemoraEventListView *self);

void _remora_event_list_view_on_go_to (GtkEntry *entry, RemoraEventListView *self);
void _remora_event_list_view_on_step_next (GtkButton *button, RemoraEventListView *self);
void _remora_event_list_view_on_step_previous (GtkButton *button, RemoraEventListView *self);

G_END_DECLS
