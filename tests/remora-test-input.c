/* remora-test-input.c: a user's pointer and keys for the GUI tests. Events
 * go through the X server (XTEST), so they reach the window as a user's do:
 * through GDK, its event controllers and gestures, focus and key bindings,
 * not through the widgets' functions.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-test-input.h"

#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#include <gdk/x11/gdkx.h>

static Display *
xdisplay (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  return GDK_IS_X11_DISPLAY (display) ? gdk_x11_display_get_xdisplay (display) : NULL;
}

/**
 * remora_test_input_available:
 *
 * Returns: whether the display takes synthesized input (an X server with
 *   XTEST, as Xvfb is).
 */
gboolean
remora_test_input_available (void)
{
  Display *dpy = xdisplay ();
  int      event, error, major, minor;

  return dpy != NULL && XTestQueryExtension (dpy, &event, &error, &major, &minor);
}

/**
 * remora_test_settle_input:
 *
 * Lets the events sent so far reach the widgets and their answers run: the
 * X server has them, and the main loop turns until they are handled.
 */
void
remora_test_settle_input (void)
{
  gint64 end;

  XSync (xdisplay (), False);
  end = g_get_monotonic_time () + 40 * 1000;
  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

/* Widget coordinates on the screen. */
static void
to_root (GtkWidget *widget, double x, double y, int *rx, int *ry)
{
  GtkNative       *native = gtk_widget_get_native (widget);
  graphene_point_t p;
  double           sx, sy;
  Window           child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT ((float) x, (float) y), &p));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (xdisplay (), gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                         DefaultRootWindow (xdisplay ()), (int) lround (p.x + sx),
                         (int) lround (p.y + sy), rx, ry, &child);
}

/**
 * remora_test_input_focus:
 * @window: a toplevel
 *
 * Gives @window the keyboard, as a click on it would (there is no window
 * manager under Xvfb).
 */
void
remora_test_input_focus (GtkWidget *window)
{
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));

  XRaiseWindow (xdisplay (), xid);
  XSetInputFocus (xdisplay (), xid, RevertToParent, CurrentTime);
  remora_test_settle_input ();
}

/**
 * remora_test_pointer_move:
 * @widget: a widget
 * @x: where in it
 * @y: where in it
 */
void
remora_test_pointer_move (GtkWidget *widget, double x, double y)
{
  int rx, ry;

  to_root (widget, x, y, &rx, &ry);
  XTestFakeMotionEvent (xdisplay (), -1, rx, ry, CurrentTime);
  remora_test_settle_input ();
}

static const struct
{
  GdkModifierType mask;
  KeySym          key;
} modifier_keys[] = {
  { GDK_SHIFT_MASK, XK_Shift_L },
  { GDK_CONTROL_MASK, XK_Control_L },
  { GDK_ALT_MASK, XK_Alt_L },
};

static void
press_modifiers (GdkModifierType mods, gboolean down)
{
  for (guint i = 0; i < G_N_ELEMENTS (modifier_keys); i++)
    if (mods & modifier_keys[i].mask)
      XTestFakeKeyEvent (xdisplay (), XKeysymToKeycode (xdisplay (), modifier_keys[i].key), down,
                         CurrentTime);
}

/**
 * remora_test_click:
 * @widget: a widget
 * @x: where in it
 * @y: where in it
 * @mods: modifier keys held (Shift, Control, Alt)
 *
 * A click of the primary button.
 */
void
remora_test_click (GtkWidget *widget, double x, double y, GdkModifierType mods)
{
  remora_test_pointer_move (widget, x, y);
  press_modifiers (mods, TRUE);
  XTestFakeButtonEvent (xdisplay (), 1, True, CurrentTime);
  remora_test_settle_input ();
  XTestFakeButtonEvent (xdisplay (), 1, False, CurrentTime);
  press_modifiers (mods, FALSE);
  remora_test_settle_input ();
}

/**
 * remora_test_drag:
 * @widget: a widget
 * @x0: where the button goes down
 * @y0: where the button goes down
 * @x1: where it comes up
 * @y1: where it comes up
 *
 * A drag with the primary button, moved in steps as a hand moves it.
 */
void
remora_test_drag (GtkWidget *widget, double x0, double y0, double x1, double y1)
{
  remora_test_pointer_move (widget, x0, y0);
  XTestFakeButtonEvent (xdisplay (), 1, True, CurrentTime);
  remora_test_settle_input ();
  for (int i = 1; i <= 8; i++)
    remora_test_pointer_move (widget, x0 + (x1 - x0) * i / 8, y0 + (y1 - y0) * i / 8);
  XTestFakeButtonEvent (xdisplay (), 1, False, CurrentTime);
  remora_test_settle_input ();
}

/**
 * remora_test_wheel:
 * @widget: a widget
 * @x: where in it
 * @y: where in it
 * @notches: how many notches of the wheel: positive down, negative up
 */
void
remora_test_wheel (GtkWidget *widget, double x, double y, int notches)
{
  remora_test_pointer_move (widget, x, y);
  for (int i = 0; i < ABS (notches); i++)
    {
      XTestFakeButtonEvent (xdisplay (), notches > 0 ? 5 : 4, True, CurrentTime);
      XTestFakeButtonEvent (xdisplay (), notches > 0 ? 5 : 4, False, CurrentTime);
      remora_test_settle_input ();
    }
}

/**
 * remora_test_key:
 * @window: the toplevel that has the keyboard (remora_test_input_focus())
 * @keyval: a key (GDK_KEY_plus, GDK_KEY_g…)
 * @mods: modifier keys held with it
 *
 * Presses and releases a key, with Shift too when the keyboard's layout
 * needs it for @keyval ('+' on a US layout).
 */
void
remora_test_key (GtkWidget *window, guint keyval, GdkModifierType mods)
{
  Display *dpy = xdisplay ();
  KeyCode  code = XKeysymToKeycode (dpy, (KeySym) keyval);

  g_assert_cmpint (code, !=, 0);
  if (XkbKeycodeToKeysym (dpy, code, 0, 0) != (KeySym) keyval &&
      XkbKeycodeToKeysym (dpy, code, 0, 1) == (KeySym) keyval)
    mods |= GDK_SHIFT_MASK;
  press_modifiers (mods, TRUE);
  XTestFakeKeyEvent (dpy, code, True, CurrentTime);
  XTestFakeKeyEvent (dpy, code, False, CurrentTime);
  press_modifiers (mods, FALSE);
  remora_test_settle_input ();
}

/**
 * remora_test_type:
 * @window: the toplevel that has the keyboard
 * @text: ASCII text
 *
 * Types @text, a key at a time.
 */
void
remora_test_type (GtkWidget *window, const char *text)
{
  for (const char *p = text; *p; p++)
    remora_test_key (window, gdk_unicode_to_keyval ((guchar) *p), 0);
}

/**
 * remora_test_wait_for:
 * @cond: what to wait for
 * @data: for @cond
 * @seconds: at most this long
 *
 * Runs the main loop until @cond holds, then a few more turns to let the
 * window paint.
 *
 * Returns: whether @cond came to hold in time.
 */
gboolean
remora_test_wait_for (GSourceFunc cond, gpointer data, double seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  return TRUE;
}

/**
 * remora_test_save_png:
 * @window: a toplevel, painted
 * @path: the PNG to write
 *
 * Saves what @window shows now, as GTK's renderer draws it.
 */
void
remora_test_save_png (GtkWidget *window, const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot   *snapshot = gtk_snapshot_new ();
  int            w = gtk_widget_get_width (window), h = gtk_widget_get_height (window);
  GskRenderNode *node;

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    {
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
      g_autoptr (GdkTexture) texture =
          gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
      g_assert_true (gdk_texture_save_to_png (texture, path));
      gsk_render_node_unref (node);
      g_test_message ("screenshot: %s", path);
    }
}
