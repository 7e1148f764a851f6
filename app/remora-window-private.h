/* remora-window-private.h: what the window's files share
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-details-pane.h"
#include "remora-event-list-view.h"
#include "remora-export-dialog.h"
#include "remora-latency-pane.h"
#include "remora-markers-popover.h"
#include "remora-overview.h"
#include "remora-start-page.h"
#include "remora-tasks-popover.h"
#include "remora-window.h"

G_BEGIN_DECLS

/* The narrowest details pane kept with the window's size. */
#define DETAILS_MIN_WIDTH 240

struct _RemoraWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toasts;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  RemoraStartPage      *start_page;
  GtkWidget            *zoom_box;
  GtkWidget            *tasks_button;
  GtkWidget            *menu_button;
  GtkWidget            *markers_button;
  RemoraMarkersPopover *markers_popover;
  RemoraTasksPopover   *tasks_popover;
  GtkLabel             *delta_label;
  GtkPaned             *paned;
  GtkPaned             *bottom_paned;
  RemoraEventListView  *events;
  GtkStack             *bottom_stack; /* the event list, or the latency pane */
  RemoraLatencyPane    *latency_pane;
  GtkWidget            *latency_button;
  RemoraDetailsPane    *details_pane;
  RemoraTimelineView   *timeline;
  RemoraOverview       *overview;
  GtkRevealer          *problem_banner;
  GtkLabel             *problem_label;

  int      list_height;   /* the event list's, kept with the window's size */
  int      details_width; /* the details pane's, kept too */
  gboolean list_placed;   /* the list's height set once the pane had its size */

  /* Owned */
  AdwToast      *error_toast; /* the last error shown, until a trace opens */
  char          *pre_cpus;    /* what the command line preselected, or NULL */
  char          *pre_tasks;
  char          *pre_from;
  char          *pre_to;
  RemoraLoader  *loader;
  GCancellable  *cancellable;
  RemoraSession *session;
  GFile         *file;
  char          *details_text; /* remora_window_get_details()'s */
  GtkWidget     *view_focus;   /* where the keyboard was in the views (weak) */
  GActionGroup  *link_toggles; /* "view.wakeup-links", "view.block-links", "view.idle-io" */
  guint          return_focus_id;
};

void        _remora_window_watch_focus (RemoraWindow *self);
void        _remora_window_unwatch_focus (RemoraWindow *self);
void        _remora_window_class_init_actions (GtkWidgetClass *widget_class);
void        _remora_window_add_view_actions (RemoraWindow *self);
RemoraLinks _remora_window_get_link_kinds (RemoraWindow *self);
gboolean    _remora_window_get_idle_io (RemoraWindow *self);
void        _remora_window_update_actions (RemoraWindow *self);
void        _remora_window_show_error (RemoraWindow *self, const char *message);
void        _remora_window_set_page (RemoraWindow *self, const char *name);
void        _remora_window_restore_state (RemoraWindow *self);
gboolean    _remora_window_save_state (GtkWindow *window, gpointer data);
void        _remora_window_show_trace (RemoraWindow          *self,
                                       RemoraSession         *session,
                                       const GArray          *cpu_rows,
                                       const GArray          *device_rows,
                                       const GArray          *task_rows,
                                       const GArray          *task_list,
                                       const RemoraTimeRange *range);

G_END_DECLS
