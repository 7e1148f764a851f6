/* remora-format.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-format.h"

#include <glib/gi18n-lib.h>

/**
 * remora_format_duration:
 * @ns: a duration in nanoseconds
 *
 * Formats a duration for people, in the largest unit that keeps it at or
 * above 1, with 4 significant digits: "850 ns", "12.34 µs", "4.567 ms", "1.234 s".
 * The window, exports and the command line all format durations here.
 *
 * Returns: (transfer full): the text
 */
char *
remora_format_duration (gint64 ns)
{
  const char *sign = ns < 0 ? "-" : "";
  guint64     a = ns < 0 ? (guint64) - (ns + 1) + 1 : (guint64) ns;
  double      v;
  const char *unit;

  if (a < 1000)
    /* Translators: a duration in nanoseconds */
    return g_strdup_printf (_ ("%s%llu ns"), sign, (unsigned long long) a);
  if (a < 1000000)
    {
      v = a / 1e3;
      /* Translators: the unit of microseconds */
      unit = _ ("µs");
    }
  else if (a < 1000000000)
    {
      v = a / 1e6;
      /* Translators: the unit of milliseconds */
      unit = _ ("ms");
    }
  else
    {
      v = a / 1e9;
      /* Translators: the unit of seconds */
      unit = _ ("s");
    }
  return g_strdup_printf ("%s%.*f %s", sign, v >= 100 ? 1 : v >= 10 ? 2 : 3, v, unit);
}

/**
 * remora_format_timestamp:
 * @ts_ns: a timestamp in nanoseconds
 *
 * Returns: (transfer full): seconds with 9 decimals, as trace-cmd prints them
 */
char *
remora_format_timestamp (gint64 ts_ns)
{
  const char *sign = ts_ns < 0 ? "-" : "";
  guint64     a = ts_ns < 0 ? (guint64) - (ts_ns + 1) + 1 : (guint64) ts_ns;
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%09" G_GUINT64_FORMAT, sign, a / 1000000000,
                          a % 1000000000);
}

/**
 * remora_format_us:
 * @ns: a duration in nanoseconds
 *
 * Returns: (transfer full): microseconds with 3 decimals, exact to the ns
 *   ("2982.785"), the unit of latency tables
 */
char *
remora_format_us (gint64 ns)
{
  const char *sign = ns < 0 ? "-" : "";
  guint64     a = ns < 0 ? (guint64) - (ns + 1) + 1 : (guint64) ns;
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%03" G_GUINT64_FORMAT, sign, a / 1000, a % 1000);
}
