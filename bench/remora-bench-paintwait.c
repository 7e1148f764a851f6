/* remora-bench-paintwait.c: launches a program on an X display and reports
 * how long it takes until a painted timeline is on screen, measured the same
 * way for any program (Remora, KernelShark): the root window is read every
 * few milliseconds and the time is taken when the number of strongly
 * coloured pixels (task slices) first passes a threshold and then stays
 * there for a settle time. Also reports the program's peak memory (VmHWM)
 * when it is ended.
 *
 * Usage: remora-bench-paintwait [--timeout S] [--threshold N] [--settle MS]
 *                               [--hold MS] [--save PNG] -- COMMAND ARGS...
 * Prints one line: "paint-ms 812.3 pixels 45210 hwm-kib 153204"
 * (or "paint-ms timeout ..."), exit 0 when painted, 1 on a timeout.
 *
 * Copyright 2026 The Remora authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <cairo.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long
count_coloured (XImage *image)
{
  long n = 0;

  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      {
        unsigned long p = XGetPixel (image, x, y);
        int r = (int) ((p >> 16) & 0xff), g = (int) ((p >> 8) & 0xff), b = (int) (p & 0xff);
        int hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
        int lo = r < g ? (r < b ? r : b) : (g < b ? g : b);

        if (hi - lo >= 80)
          n++;
      }
  return n;
}

static void
save_png (XImage *image, const char *path)
{
  cairo_surface_t *surface =
      cairo_image_surface_create (CAIRO_FORMAT_RGB24, image->width, image->height);
  unsigned char *data = cairo_image_surface_get_data (surface);
  int            stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      ((unsigned int *) (data + (long) y * stride))[x] =
          (unsigned int) (XGetPixel (image, x, y) & 0xffffff);
  cairo_surface_mark_dirty (surface);
  cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
}

static long
read_hwm (pid_t pid)
{
  char  path[64], line[256];
  long  kib = -1;
  FILE *f;

  snprintf (path, sizeof path, "/proc/%d/status", (int) pid);
  f = fopen (path, "r");
  if (f == NULL)
    return -1;
  while (fgets (line, sizeof line, f))
    if (strncmp (line, "VmHWM:", 6) == 0)
      kib = strtol (line + 6, NULL, 10);
  fclose (f);
  return kib;
}

int
main (int argc, char **argv)
{
  double            timeout_s = 60, settle_ms = 300, hold_ms = 0;
  long              threshold = 4000;
  const char       *save = NULL;
  int               i;
  Display          *display;
  Window            root;
  XWindowAttributes attrs;
  pid_t             child;
  double            t0, first = -1, painted = -1;
  long              pixels = 0, hwm;
  XImage           *last = NULL;

  for (i = 1; i < argc && strcmp (argv[i], "--") != 0; i++)
    {
      if (i + 1 >= argc)
        break;
      if (strcmp (argv[i], "--timeout") == 0)
        timeout_s = atof (argv[++i]);
      else if (strcmp (argv[i], "--threshold") == 0)
        threshold = atol (argv[++i]);
      else if (strcmp (argv[i], "--settle") == 0)
        settle_ms = atof (argv[++i]);
      else if (strcmp (argv[i], "--hold") == 0)
        hold_ms = atof (argv[++i]);
      else if (strcmp (argv[i], "--save") == 0)
        save = argv[++i];
      else
        break;
    }
  if (i >= argc - 1 || strcmp (argv[i], "--") != 0)
    {
      fprintf (stderr,
               "usage: %s [--timeout S] [--threshold N] [--settle MS] [--hold MS] "
               "[--save PNG] -- COMMAND ARGS...\n",
               argv[0]);
      return 2;
    }
  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "paintwait: cannot open the display %s\n", getenv ("DISPLAY"));
      return 2;
    }
  root = DefaultRootWindow (display);
  XGetWindowAttributes (display, root, &attrs);

  t0 = now_ms ();
  child = fork ();
  if (child == 0)
    {
      setpgid (0, 0);
      execvp (argv[i + 1], argv + i + 1);
      fprintf (stderr, "paintwait: cannot run %s: %s\n", argv[i + 1], strerror (errno));
      _exit (127);
    }
  setpgid (child, child);

  while (now_ms () - t0 < timeout_s * 1e3)
    {
      XImage *image = XGetImage (display, root, 0, 0, (unsigned) attrs.width,
                                 (unsigned) attrs.height, AllPlanes, ZPixmap);
      double  t = now_ms ();
      long    n = image ? count_coloured (image) : 0;
      int     status;

      if (n >= threshold)
        {
          if (first < 0)
            first = t - t0;
          if (t - t0 - first >= settle_ms)
            {
              painted = first;
              pixels = n;
              if (last)
                XDestroyImage (last);
              last = image;
              break;
            }
        }
      else
        first = -1;
      if (last)
        XDestroyImage (last);
      last = image;
      if (waitpid (child, &status, WNOHANG) == child)
        {
          fprintf (stderr, "paintwait: %s ended before painting (status %d)\n", argv[i + 1],
                   status);
          return 1;
        }
      usleep (5000);
    }
  if (save && last)
    save_png (last, save);
  if (hold_ms > 0)
    usleep ((useconds_t) (hold_ms * 1e3));
  hwm = read_hwm (child);
  kill (-child, SIGTERM);
  usleep (200000);
  kill (-child, SIGKILL);
  waitpid (child, NULL, 0);
  if (painted < 0)
    {
      printf ("paint-ms timeout pixels 0 hwm-kib %ld\n", hwm);
      return 1;
    }
  printf ("paint-ms %.1f pixels %ld hwm-kib %ld\n", painted, pixels, hwm);
  return 0;
}
