/* remora-library-locks.c: the locks libtraceevent and libtracecmd are used
 * under, by every thread of the process (stores, the importer, children
 * forked)
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-library-locks.h"

/* libtraceevent's function plugin keeps its state (a stack per CPU, its
 * options) in globals that every handle shares, and frees them when a handle
 * unloads it: handles are loaded, print and are closed one thread at a
 * time. */
static GMutex print_lock;

/* libtraceevent's parser (of event formats and of filter expressions) reads
 * its input through globals: one parse at a time, in any thread, while
 * others print. */
static GMutex parse_lock;

/**
 * remora_store_lock_libraries:
 *
 * Takes the lock held while libtraceevent prints and libtracecmd opens
 * headers (which loads plugins with dlopen()): a fork() made while another
 * thread is inside dlopen() leaves the child's loader inconsistent (glibc
 * aborts it on its next dlopen()), so remora_child_fork() forks under it.
 */
void
remora_store_lock_libraries (void)
{
  g_mutex_lock (&print_lock);
}

/**
 * remora_store_lock_parser:
 *
 * Takes the lock held while libtraceevent parses (event formats, filter
 * expressions): its parser's input is a global.
 */
void
remora_store_lock_parser (void)
{
  g_mutex_lock (&parse_lock);
}

/**
 * remora_store_unlock_parser:
 *
 * Gives remora_store_lock_parser()'s lock back.
 */
void
remora_store_unlock_parser (void)
{
  g_mutex_unlock (&parse_lock);
}

/**
 * remora_store_unlock_libraries:
 *
 * Gives remora_store_lock_libraries()'s lock back (in a forked child too).
 */
void
remora_store_unlock_libraries (void)
{
  g_mutex_unlock (&print_lock);
}
