/* test-model-viewport.c: zooming, panning and clamping of the visible range,
 * and the time specs users type.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <math.h>

#include "remora-model.h"

/* a trace from 4.62 s to 6.29 s after boot, as sched-block-small.dat */
static const RemoraTimeRange trace = { 4620480355, 6288250813 };

static void
test_zoom_keeps_focus (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);

  for (int round = 0; round < 2000; round++)
    {
      RemoraViewport vp;
      int            width = g_rand_int_range (rand, 1, 4000);
      double         focus = g_rand_double_range (rand, 0, width);
      double         factor = g_rand_double_range (rand, 1.01, 16.0);
      gint64         before, after;

      remora_viewport_init (&vp, &trace, width);
      /* somewhere inside the trace first */
      for (int k = g_rand_int_range (rand, 0, 12); k > 0; k--)
        remora_viewport_zoom (&vp, 2.0, g_rand_double_range (rand, 0, width));
      before = remora_viewport_px_to_time (&vp, focus);
      remora_viewport_zoom (&vp, factor, focus);
      after = remora_viewport_px_to_time (&vp, focus);
      /* zooming in never meets an edge: the time under the pointer stays put,
       * to the nanosecond (rounding) unless the zoom limit stopped it */
      if (remora_time_range_get_duration (&vp.visible) > REMORA_VIEWPORT_MIN_DURATION_NS)
        g_assert_cmpint (ABS (after - before), <=, 2);
      g_assert_true (vp.visible.begin_ns >= trace.begin_ns && vp.visible.end_ns <= trace.end_ns);
    }
}

static void
test_zoom_limits (void)
{
  RemoraViewport vp;

  remora_viewport_init (&vp, &trace, 1920);
  remora_viewport_zoom (&vp, 0.25, 500); /* out from the whole trace: stays whole */
  g_assert_true (remora_time_range_equal (&vp.visible, &trace));
  for (int i = 0; i < 100; i++)
    remora_viewport_zoom (&vp, 10.0, 960);
  g_assert_cmpint (remora_time_range_get_duration (&vp.visible), ==,
                   REMORA_VIEWPORT_MIN_DURATION_NS);
  for (int i = 0; i < 100; i++)
    remora_viewport_zoom (&vp, 0.1, 10);
  g_assert_true (remora_time_range_equal (&vp.visible, &trace));
  /* nonsense factors change nothing */
  remora_viewport_zoom (&vp, 0.0, 10);
  remora_viewport_zoom (&vp, -3.0, 10);
  remora_viewport_zoom (&vp, NAN, 10);
  g_assert_true (remora_time_range_equal (&vp.visible, &trace));
}

static void
test_ranges_outside (void)
{
  RemoraViewport vp;
  gint64         ms = 1000000;

  remora_viewport_init (&vp, &trace, 800);
  /* before the trace: moved in, length kept */
  remora_viewport_set_visible (&vp, trace.begin_ns - 50 * ms, trace.begin_ns - 40 * ms);
  g_assert_cmpint (vp.visible.begin_ns, ==, trace.begin_ns);
  g_assert_cmpint (remora_time_range_get_duration (&vp.visible), ==, 10 * ms);
  /* after it */
  remora_viewport_set_visible (&vp, trace.end_ns + 5 * ms, trace.end_ns + 7 * ms);
  g_assert_cmpint (vp.visible.end_ns, ==, trace.end_ns);
  g_assert_cmpint (remora_time_range_get_duration (&vp.visible), ==, 2 * ms);
  /* wider than the trace: the whole trace */
  remora_viewport_set_visible (&vp, 0, G_MAXINT64 / 2);
  g_assert_true (remora_time_range_equal (&vp.visible, &trace));
  /* reversed: the same range */
  remora_viewport_set_visible (&vp, trace.begin_ns + 3 * ms, trace.begin_ns + ms);
  g_assert_cmpint (vp.visible.begin_ns, ==, trace.begin_ns + ms);
  g_assert_cmpint (vp.visible.end_ns, ==, trace.begin_ns + 3 * ms);
}

static void
test_one_event (void)
{
  RemoraViewport vp;
  gint64         ts = 5123456789;

  /* a range of one event is widened around it to the narrowest view */
  remora_viewport_init (&vp, &trace, 1000);
  remora_viewport_set_visible (&vp, ts, ts);
  g_assert_cmpint (remora_time_range_get_duration (&vp.visible), ==,
                   REMORA_VIEWPORT_MIN_DURATION_NS);
  g_assert_true (remora_time_range_contains (&vp.visible, ts));
  /* a trace of one event is shown as the narrowest view */
  {
    RemoraTimeRange one = { ts, ts };
    remora_viewport_init (&vp, &one, 1000);
    g_assert_cmpint (remora_time_range_get_duration (&vp.visible), ==,
                     REMORA_VIEWPORT_MIN_DURATION_NS);
    g_assert_true (remora_time_range_contains (&vp.visible, ts));
  }
}

static void
test_pan_and_mapping (void)
{
  RemoraViewport vp;

  remora_viewport_init (&vp, &trace, 1000);
  remora_viewport_zoom (&vp, 100.0, 0);
  g_assert_cmpint (vp.visible.begin_ns, ==, trace.begin_ns);
  remora_viewport_pan (&vp, -500); /* already at the start */
  g_assert_cmpint (vp.visible.begin_ns, ==, trace.begin_ns);
  remora_viewport_pan (&vp, 250);
  g_assert_cmpint (vp.visible.begin_ns, ==,
                   trace.begin_ns + (gint64) llround (250 * remora_viewport_get_ns_per_px (&vp)));
  for (int i = 0; i < 1000; i++)
    remora_viewport_pan (&vp, 1000);
  g_assert_cmpint (vp.visible.end_ns, ==, trace.end_ns);
  /* pixels and times map back and forth */
  for (double x = 0; x <= 1000; x += 37.5)
    g_assert_cmpfloat_with_epsilon (
        remora_viewport_time_to_px (&vp, remora_viewport_px_to_time (&vp, x)), x, 0.01);
}

static void
test_parse_time (void)
{
  static const struct
  {
    const char *text;
    gint64      want; /* relative to begin, unless absolute */
    gboolean    absolute;
  } good[] = {
    { "1.2034s", 1203400000, FALSE },
    { "850ms", 850000000, FALSE },
    { "12us", 12000, FALSE },
    { "12µs", 12000, FALSE },
    { "300ns", 300, FALSE },
    { "2", 2000000000, FALSE },
    { " 0.5s ", 500000000, FALSE },
    { "1.000000001s", 1000000001, FALSE },
    { "0.0000000019s", 1, FALSE },
    { "-3ms", -3000000, FALSE },
    { "@5123.456789", 5123456789000, TRUE },
    { "@4.620480355", 4620480355, TRUE },
    { "@6288250813ns", 6288250813, TRUE },
  };
  static const char *bad[] = { "",        "s",    "ms", "abc", "1.2.3s",
                               "12 ms x", "1e3s", "@",  "12h", "99999999999999999999s" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 ts = 0;
      g_assert_true (remora_parse_time (good[i].text, trace.begin_ns, &ts, &error));
      g_assert_no_error (error);
      g_assert_cmpint (ts, ==, good[i].absolute ? good[i].want : trace.begin_ns + good[i].want);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 ts = 0;
      g_assert_false (remora_parse_time (bad[i], trace.begin_ns, &ts, &error));
      g_assert_error (error, REMORA_MODEL_ERROR, REMORA_MODEL_ERROR_INVALID_TIME);
    }
}

static void
test_format (void)
{
  static const struct
  {
    gint64      ns;
    const char *want;
  } cases[] = {
    { 0, "0 ns" },           { 850, "850 ns" },
    { 1000, "1.000 µs" },    { 12345, "12.35 µs" },
    { 99999, "100.0 µs" },   { 999999, "1.000 ms" },
    { 4567890, "4.568 ms" }, { 1234567890, "1.235 s" },
    { -2500, "-2.500 µs" },  { 123456789012, "123.5 s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = remora_format_duration (cases[i].ns);
      g_assert_cmpstr (text, ==, cases[i].want);
    }
  {
    g_autofree char *t = remora_format_timestamp (4620480355);
    g_autofree char *u = remora_format_us (52007565);
    g_assert_cmpstr (t, ==, "4.620480355");
    g_assert_cmpstr (u, ==, "52007.565");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/model/viewport/zoom-keeps-focus", test_zoom_keeps_focus);
  g_test_add_func ("/remora/model/viewport/zoom-limits", test_zoom_limits);
  g_test_add_func ("/remora/model/viewport/ranges-outside-the-trace", test_ranges_outside);
  g_test_add_func ("/remora/model/viewport/one-event", test_one_event);
  g_test_add_func ("/remora/model/viewport/pan-and-mapping", test_pan_and_mapping);
  g_test_add_func ("/remora/model/format/parse-time", test_parse_time);
  g_test_add_func ("/remora/model/format/durations", test_format);
  return g_test_run ();
}
