/* test-data-pairing.c: the pairing rules on made-up event sequences
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-pairing-private.h"

static void
collect_wakeup (const RemoraWakeupRow *row, gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, *row);
}

static void
collect_block (const RemoraBlockRow *row, gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, *row);
}

static void
test_wakeup_basic (void)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (RemoraWakeupRow));
  RemoraWakeupPairer p;

  remora_wakeup_pairer_init (&p, collect_wakeup, rows);
  /* CPU 1 runs pid 10; pid 20 is woken on CPU 1 and runs on CPU 2 */
  remora_wakeup_pairer_switch (&p, 1, 100, 1, 0, 10);
  remora_wakeup_pairer_wakeup (&p, 2, 200, 1, 20, "b", 2, FALSE, 10);
  remora_wakeup_pairer_switch (&p, 3, 350, 2, 0, 20);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (g_array_index (rows, RemoraWakeupRow, 0).pid, ==, 20);
  g_assert_cmpint (g_array_index (rows, RemoraWakeupRow, 0).switch_ts -
                       g_array_index (rows, RemoraWakeupRow, 0).wakeup_ts,
                   ==, 150);
  g_assert_cmpint (g_array_index (rows, RemoraWakeupRow, 0).switch_cpu, ==, 2);
  g_assert_cmpint (g_array_index (rows, RemoraWakeupRow, 0).switch_event_id, ==, 3);
  g_assert_cmpint (p.matched, ==, 1);
  remora_wakeup_pairer_clear (&p);
}

static void
test_wakeup_running_and_duplicates (void)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (RemoraWakeupRow));
  RemoraWakeupPairer p;

  remora_wakeup_pairer_init (&p, collect_wakeup, rows);
  remora_wakeup_pairer_switch (&p, 1, 100, 0, 0, 30);                /* 30 runs on CPU 0 */
  remora_wakeup_pairer_wakeup (&p, 2, 110, 1, 30, "c", 0, FALSE, 5); /* running: not measured */
  g_assert_cmpint (p.wakeup_while_running, ==, 1);
  remora_wakeup_pairer_switch (&p, 3, 120, 0, 30, 0); /* 30 sleeps */
  remora_wakeup_pairer_wakeup (&p, 4, 130, 1, 30, "c", 0, FALSE, 5);
  remora_wakeup_pairer_wakeup (&p, 5, 140, 1, 30, "c", 0, FALSE, 5); /* a second one */
  g_assert_cmpint (p.duplicate_wakeups, ==, 1);
  remora_wakeup_pairer_switch (&p, 6, 200, 3, 0, 30);
  g_assert_cmpuint (rows->len, ==, 1);
  /* the earliest wakeup stands */
  g_assert_cmpint (g_array_index (rows, RemoraWakeupRow, 0).wakeup_ts, ==, 130);
  /* pid 0 is never measured */
  remora_wakeup_pairer_wakeup (&p, 7, 210, 1, 0, "swapper", 0, FALSE, 5);
  g_assert_cmpint (g_hash_table_size (p.pending), ==, 0);
  remora_wakeup_pairer_clear (&p);
}

static void
test_wakeup_stale_and_lost (void)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (RemoraWakeupRow));
  RemoraWakeupPairer p;

  remora_wakeup_pairer_init (&p, collect_wakeup, rows);
  /* 40 runs on CPU 2, but CPU 2's first switch is not seen: unknown, so the
   * wakeup is measured; 40 then switches out: the wakeup is dropped */
  remora_wakeup_pairer_wakeup (&p, 1, 100, 1, 40, "d", 2, FALSE, 1);
  remora_wakeup_pairer_switch (&p, 2, 150, 2, 40, 0);
  g_assert_cmpint (p.stale_dropped, ==, 1);
  g_assert_cmpuint (rows->len, ==, 0);

  /* after lost events on CPU 2, what runs there is unknown again */
  remora_wakeup_pairer_switch (&p, 3, 160, 2, 0, 41);
  remora_wakeup_pairer_lost (&p, 2);
  remora_wakeup_pairer_wakeup (&p, 4, 170, 1, 41, "e", 2, FALSE, 1);
  g_assert_cmpint (p.wakeup_while_running, ==, 0);
  remora_wakeup_pairer_switch (&p, 5, 180, 3, 0, 41);
  g_assert_cmpuint (rows->len, ==, 1);

  /* wakeups still pending at the end are emitted without a switch */
  remora_wakeup_pairer_wakeup (&p, 6, 190, 1, 50, "f", 0, TRUE, 1);
  remora_wakeup_pairer_finish (&p);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (g_array_index (rows, RemoraWakeupRow, 1).switch_event_id, ==, -1);
  g_assert_true (g_array_index (rows, RemoraWakeupRow, 1).new_task);
  g_assert_cmpint (p.unmatched_at_end, ==, 1);
  remora_wakeup_pairer_clear (&p);
}

static void
test_block_fifo (void)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (RemoraBlockRow));
  RemoraBlockPairer p;
  guint32           dev = (254 << 20) | 0;

  remora_block_pairer_init (&p, collect_block, rows);
  remora_block_pairer_issue (&p, 1, 100, 0, 9, dev, 800, 8, "RS");
  remora_block_pairer_issue (&p, 2, 110, 1, 9, dev, 800, 8, "RS"); /* same key */
  remora_block_pairer_issue (&p, 3, 120, 1, 9, dev, 900, 8, "WS");
  remora_block_pairer_complete (&p, 4, 150, 0, dev, 800, 8, "RS", 0);
  remora_block_pairer_complete (&p, 5, 170, 0, dev, 900, 8, "WS", 0);
  remora_block_pairer_complete (&p, 6, 190, 0, dev, 800, 8, "RS", -5);
  g_assert_cmpuint (rows->len, ==, 3);
  /* the oldest open request of a key closes first */
  g_assert_cmpint (g_array_index (rows, RemoraBlockRow, 0).issue_ts, ==, 100);
  g_assert_cmpint (g_array_index (rows, RemoraBlockRow, 2).issue_ts, ==, 110);
  g_assert_cmpint (g_array_index (rows, RemoraBlockRow, 2).error, ==, -5);
  g_assert_cmpint (p.complete_with_error, ==, 1);
  remora_block_pairer_clear (&p);
}

static void
test_block_zero_length_requeue (void)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (RemoraBlockRow));
  RemoraBlockPairer p;
  guint32           dev = (8 << 20) | 16;

  remora_block_pairer_init (&p, collect_block, rows);
  /* a flush: sector 0 at issue, 2^64-1 at completion, matched by rwbs */
  remora_block_pairer_issue (&p, 1, 100, 0, 1, dev, 0, 0, "FF");
  remora_block_pairer_complete (&p, 2, 140, 0, dev, G_MAXUINT64, 0, "FF", 0);
  /* the flush state machine's completion with no issue */
  remora_block_pairer_complete (&p, 3, 141, 0, dev, G_MAXUINT64, 0, "WS", 0);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (p.zero_length_matched, ==, 1);
  g_assert_cmpint (p.complete_without_issue, ==, 1);
  g_assert_cmpint (p.complete_without_issue_zero_length, ==, 1);

  /* a requeue closes the request without a latency; the next issue starts over */
  remora_block_pairer_issue (&p, 4, 200, 0, 1, dev, 64, 8, "W");
  remora_block_pairer_requeue (&p, 5, 210, 0, dev, 64, 8, "W");
  remora_block_pairer_issue (&p, 6, 220, 0, 1, dev, 64, 8, "W");
  remora_block_pairer_complete (&p, 7, 260, 0, dev, 64, 8, "W", 0);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_true (g_array_index (rows, RemoraBlockRow, 1).requeued);
  g_assert_cmpint (g_array_index (rows, RemoraBlockRow, 1).complete_event_id, ==, -1);
  g_assert_cmpint (g_array_index (rows, RemoraBlockRow, 2).complete_ts -
                       g_array_index (rows, RemoraBlockRow, 2).issue_ts,
                   ==, 40);

  /* still open at the end: kept without completion */
  remora_block_pairer_issue (&p, 8, 300, 0, 1, dev, 128, 8, "R");
  remora_block_pairer_finish (&p);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpint (g_array_index (rows, RemoraBlockRow, 3).complete_event_id, ==, -1);
  g_assert_cmpint (p.issued_not_completed, ==, 1);
  remora_block_pairer_clear (&p);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/data/pairing/wakeup-basic", test_wakeup_basic);
  g_test_add_func ("/remora/data/pairing/wakeup-running-and-duplicates",
                   test_wakeup_running_and_duplicates);
  g_test_add_func ("/remora/data/pairing/wakeup-stale-and-lost", test_wakeup_stale_and_lost);
  g_test_add_func ("/remora/data/pairing/block-fifo", test_block_fifo);
  g_test_add_func ("/remora/data/pairing/block-zero-length-requeue",
                   test_block_zero_length_requeue);
  return g_test_run ();
}
