/* remora-format.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "remora-data.h"

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
  /* the unit is chosen after rounding to 4 significant digits, so 999999 ns
   * reads 1.000 ms, not 1000.0 µs */
  if (a < 999950)
    {
      v = a / 1e3;
      /* Translators: the unit of microseconds */
      unit = _ ("µs");
    }
  else if (a < 999950000)
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
  return g_strdup_printf ("%s%.*f %s", sign, v >= 99.995 ? 1 : v >= 9.9995 ? 2 : 3, v, unit);
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
 * remora_format_report_line:
 * @buffer: the event's buffer ("" for the top-level one)
 * @comm: (nullable): the task's name
 * @pid: the task
 * @cpu: the CPU
 * @ts_ns: the time
 * @name: the event's name
 * @info: its report text
 *
 * Returns: (transfer full): the event as `trace-cmd report -t` prints it,
 *   without a newline.
 */
char *
remora_format_report_line (const char *buffer,
                           const char *comm,
                           int         pid,
                           int         cpu,
                           gint64      ts_ns,
                           const char *name,
                           const char *info)
{
  g_autofree char *stamp = remora_format_timestamp (ts_ns);

  return g_strdup_printf ("%s%s%16s-%-5d [%03d] %s: %s: %s", buffer, buffer[0] ? ": " : "",
                          comm ? comm : "<...>", pid, cpu, stamp, name, info);
}

/**
 * remora_format_csv_field:
 * @text: a field's text
 *
 * Returns: (transfer full): @text as a CSV field (RFC 4180): in double
 *   quotes, its own doubled, when it holds a comma, a quote or a line break.
 */
char *
remora_format_csv_field (const char *text)
{
  GString *out;

  if (strpbrk (text, ",\"\r\n") == NULL)
    return g_strdup (text);
  out = g_string_new ("\"");
  for (const char *c = text; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
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

/* Parses "DIGITS[.DIGITS]" as @scale_ns units, exactly, into @value_ns. */
static gboolean
parse_decimal (const char *p, const char *end, gint64 scale_ns, gint64 *value_ns)
{
  guint64  whole = 0, frac = 0, frac_scale = 1;
  gboolean digits = FALSE, dot = FALSE;

  for (; p < end; p++)
    {
      if (*p == '.' && !dot)
        {
          dot = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        return FALSE;
      digits = TRUE;
      if (!dot)
        {
          if (whole > (guint64) G_MAXINT64 / 10)
            return FALSE;
          whole = whole * 10 + (*p - '0');
        }
      else if (frac_scale < (guint64) scale_ns)
        {
          /* digits finer than a nanosecond are dropped */
          frac = frac * 10 + (*p - '0');
          frac_scale *= 10;
        }
    }
  if (!digits || whole > (guint64) G_MAXINT64 / (guint64) scale_ns)
    return FALSE;
  *value_ns = (gint64) (whole * scale_ns + frac * (scale_ns / frac_scale));
  return TRUE;
}

/**
 * remora_parse_time:
 * @text: a time as users write it: `1.2034s`, `850ms`, `12us` (or `µs`),
 *   `300ns`, seconds since the trace's start; or `@5123.456789`, an absolute
 *   timestamp in seconds as trace-cmd report prints it
 * @trace_begin_ns: the trace's first timestamp, for relative times
 * @ts_ns: (out): the timestamp in ns
 * @error: a location for a #GError
 *
 * Parses exactly, without floating point. A number without a unit is seconds.
 *
 * Returns: %TRUE if @text is a time.
 */
gboolean
remora_parse_time (const char *text, gint64 trace_begin_ns, gint64 *ts_ns, GError **error)
{
  static const struct
  {
    const char *suffix;
    gint64      scale;
  } units[] = {
    { "ns", 1 }, { "us", 1000 }, { "µs", 1000 }, { "ms", 1000000 }, { "s", 1000000000 },
  };
  const char *p = text;
  const char *end;
  gboolean    absolute = FALSE, negative = FALSE;
  gint64      scale = 1000000000, value;

  g_return_val_if_fail (text != NULL, FALSE);

  while (g_ascii_isspace (*p))
    p++;
  end = p + strlen (p);
  while (end > p && g_ascii_isspace (end[-1]))
    end--;
  if (*p == '@')
    {
      absolute = TRUE;
      p++;
    }
  else if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      gsize len = strlen (units[i].suffix);
      if ((gsize) (end - p) > len && memcmp (end - len, units[i].suffix, len) == 0)
        {
          scale = units[i].scale;
          end -= len;
          break;
        }
    }
  if (!parse_decimal (p, end, scale, &value))
    {
      g_set_error (error, REMORA_MODEL_ERROR, REMORA_MODEL_ERROR_INVALID_TIME,
                   /* Translators: %s is what the user typed */
                   _ ("“%s” is not a time: write seconds from the trace’s start such as "
                      "1.2034s, 850ms, 12us or 300ns, or an absolute time such as @5123.456789"),
                   text);
      return FALSE;
    }
  if (absolute)
    *ts_ns = value;
  else
    *ts_ns = trace_begin_ns + (negative ? -value : value);
  return TRUE;
}

/**
 * remora_format_block_kind:
 * @kind: a #RemoraBlockKind
 *
 * Returns: (transfer none): what a block request of @kind did, translated
 *   ("read", "write", "flush", "discard", "other").
 */
const char *
remora_format_block_kind (int kind)
{
  switch (kind)
    {
    case REMORA_BLOCK_READ:
      return _ ("read");
    case REMORA_BLOCK_WRITE:
      return _ ("write");
    case REMORA_BLOCK_FLUSH:
      return _ ("flush");
    case REMORA_BLOCK_DISCARD:
      return _ ("discard");
    default:
      /* Translators: a block request neither read, write, flush nor discard */
      return _ ("other");
    }
}
