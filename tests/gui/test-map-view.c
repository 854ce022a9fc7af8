/* test-map-view.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "pv-gui-test-util.h"
#include "pv-map-view.h"
#include "pv-north-arrow-widget.h"
#include "pv-scale-bar-widget.h"
#include "pv-test-util.h"

#define VIEW_WIDTH   800
#define VIEW_HEIGHT  600

typedef struct
{
  char      *dir;
  char      *path;
  PvMap     *map;
  GtkWidget *window;
  PvMapView *view;
} Fixture;

static void
set_animations (gboolean enabled)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", enabled, NULL);
}

static gboolean
is_sharp (gpointer view)
{
  return pv_map_view_get_frame_is_sharp (view) && !pv_map_view_get_rendering (view);
}

static gboolean
is_still (gpointer view)
{
  return !pv_map_view_get_animating (view);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;

  set_animations (FALSE);
  fixture->dir = pv_test_make_temp_dir ("pv-test-map-view");
  fixture->path = pv_gui_test_write_zoning_square (fixture->dir);
  layers = pv_layer_open_all (fixture->path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);

  fixture->map = pv_map_new ();
  pv_map_add_layer (fixture->map, g_ptr_array_index (layers, 0));

  fixture->window = gtk_window_new ();
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), VIEW_WIDTH, VIEW_HEIGHT);
  fixture->view = PV_MAP_VIEW (pv_map_view_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  pv_map_view_set_map (fixture->view, fixture->map, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  pv_gui_test_wait_until (is_sharp, fixture->view, "the first frame");
}

static gboolean
is_idle (gpointer view)
{
  return !pv_map_view_get_rendering (view) && !pv_map_view_get_animating (view);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  /* A worker holds the view and the map until it returns. */
  pv_gui_test_wait_until (is_idle, fixture->view, "the view to be idle");
  pv_gui_test_window_destroy (g_steal_pointer (&fixture->window));
  g_assert_finalize_object (g_steal_pointer (&fixture->map));
  pv_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
  set_animations (FALSE);
}

static GtkWidget *
find_child_of_type (GtkWidget *widget,
                    GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
      return child;
  return NULL;
}

static void
get_view (PvMapView *view,
          double    *cx,
          double    *cy,
          double    *res)
{
  PvViewport *viewport = pv_map_view_get_viewport (view);

  pv_viewport_get_center (viewport, cx, cy);
  *res = pv_viewport_get_resolution (viewport);
}

static void
assert_view (PvMapView *view,
             double     cx,
             double     cy,
             double     res)
{
  double x, y, r;

  get_view (view, &x, &y, &r);
  g_assert_cmpfloat_with_epsilon (r, res, res * 1e-9);
  g_assert_cmpfloat_with_epsilon (x, cx, res * 1e-6);
  g_assert_cmpfloat_with_epsilon (y, cy, res * 1e-6);
}

static void
test_drag_pan (Fixture       *fixture,
               gconstpointer  data)
{
  PvMapView *view = fixture->view;
  GtkEventController *drag = pv_gui_test_find_controller (GTK_WIDGET (view), GTK_TYPE_GESTURE_DRAG, 1);
  GtkEventController *swipe = pv_gui_test_find_controller (GTK_WIDGET (view), GTK_TYPE_GESTURE_SWIPE, 1);
  double cx, cy, res, mx, my, mx2, my2;
  GdkTexture *frame_before;
  PvViewport *frame_viewport;

  g_assert_nonnull (drag);
  g_assert_nonnull (swipe);
  get_view (view, &cx, &cy, &res);
  frame_before = pv_map_view_get_frame_texture (view);
  /* The frame is larger than the view by a margin on every side. */
  frame_viewport = pv_map_view_get_frame_viewport (view);
  g_assert_true (pv_viewport_covers (frame_viewport, pv_map_view_get_viewport (view)));
  g_assert_cmpint (pv_viewport_get_width (frame_viewport), >=,
                   pv_viewport_get_width (pv_map_view_get_viewport (view)) * 5 / 4);

  /* The point under the pointer stays under it through the drag. */
  pv_map_view_widget_to_map (view, 300, 200, &mx, &my);
  g_signal_emit_by_name (drag, "drag-begin", 300.0, 200.0);
  g_signal_emit_by_name (drag, "drag-update", 30.0, -10.0);
  pv_map_view_widget_to_map (view, 330, 190, &mx2, &my2);
  g_assert_cmpfloat_with_epsilon (mx2, mx, res * 1e-6);
  g_assert_cmpfloat_with_epsilon (my2, my, res * 1e-6);
  g_signal_emit_by_name (drag, "drag-update", 60.0, -20.0);
  g_signal_emit_by_name (drag, "drag-end", 60.0, -20.0);
  /* A slow release: the swipe does not fling. */
  g_signal_emit_by_name (swipe, "swipe", 20.0, 0.0);
  assert_view (view, cx - 60 * res, cy - 20 * res, res);
  g_assert_false (pv_map_view_get_animating (view));

  /* The old frame is still shown (moved); the margin covers a 60 px pan, so
   * no render starts until the view has been idle, then the sharp one. */
  g_assert_true (pv_map_view_get_frame_texture (view) == frame_before);
  g_assert_true (pv_viewport_covers (pv_map_view_get_frame_viewport (view),
                                     pv_map_view_get_viewport (view)));
  pv_gui_test_wait_until (is_sharp, view, "the frame after the pan");
  g_assert_true (pv_map_view_get_frame_texture (view) != frame_before);

  /* The drag is one history entry: back returns to the start. */
  gtk_widget_activate_action (GTK_WIDGET (view), "map.back", NULL);
  assert_view (view, cx, cy, res);
  gtk_widget_activate_action (GTK_WIDGET (view), "map.forward", NULL);
  assert_view (view, cx - 60 * res, cy - 20 * res, res);
}

static void
test_scroll_zoom (Fixture       *fixture,
                  gconstpointer  data)
{
  PvMapView *view = fixture->view;
  GtkEventController *scroll = pv_gui_test_find_controller (GTK_WIDGET (view), GTK_TYPE_EVENT_CONTROLLER_SCROLL, 0);
  GtkEventController *motion = pv_gui_test_find_controller (GTK_WIDGET (view), GTK_TYPE_EVENT_CONTROLLER_MOTION, 0);
  double cx, cy, res, mx, my, mx2, my2;
  gboolean handled = FALSE;

  g_assert_nonnull (scroll);
  g_assert_nonnull (motion);
  get_view (view, &cx, &cy, &res);

  /* Two wheel notches towards the user zoom in around the pointer. */
  g_signal_emit_by_name (motion, "motion", 200.0, 450.0);
  pv_map_view_widget_to_map (view, 200, 450, &mx, &my);
  g_signal_emit_by_name (scroll, "scroll", 0.0, -1.0, &handled);
  g_assert_true (handled);
  g_signal_emit_by_name (scroll, "scroll", 0.0, -1.0, &handled);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (pv_map_view_get_viewport (view)),
                                  res / 2.25, res * 1e-9);
  pv_map_view_widget_to_map (view, 200, 450, &mx2, &my2);
  g_assert_cmpfloat_with_epsilon (mx2, mx, res * 1e-6);
  g_assert_cmpfloat_with_epsilon (my2, my, res * 1e-6);

  /* The burst is one history entry once it has ended. */
  pv_gui_test_wait_until (is_sharp, view, "the frame after the scroll zoom");
  pv_gui_test_spin (500);
  gtk_widget_activate_action (GTK_WIDGET (view), "map.back", NULL);
  assert_view (view, cx, cy, res);
}

/* TRUE when a shortcut of the view's class maps (keyval, modifiers) to the
 * named action. */
static gboolean
has_key_binding (GtkWidget       *widget,
                 guint            keyval,
                 GdkModifierType  modifiers,
                 const char      *action_name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers
              && GTK_IS_NAMED_ACTION (action)
              && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), action_name))
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_keyboard_actions (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->view);
  PvViewport *viewport = pv_map_view_get_viewport (fixture->view);
  double cx, cy, res, w, h;

  g_assert_true (has_key_binding (widget, GDK_KEY_Left, 0, "map.pan-left"));
  g_assert_true (has_key_binding (widget, GDK_KEY_Right, 0, "map.pan-right"));
  g_assert_true (has_key_binding (widget, GDK_KEY_Up, 0, "map.pan-up"));
  g_assert_true (has_key_binding (widget, GDK_KEY_Down, 0, "map.pan-down"));
  g_assert_true (has_key_binding (widget, GDK_KEY_plus, 0, "map.zoom-in"));
  g_assert_true (has_key_binding (widget, GDK_KEY_equal, 0, "map.zoom-in"));
  g_assert_true (has_key_binding (widget, GDK_KEY_minus, 0, "map.zoom-out"));
  g_assert_true (has_key_binding (widget, GDK_KEY_Home, 0, "map.zoom-full"));
  g_assert_true (has_key_binding (widget, GDK_KEY_Left, GDK_ALT_MASK, "map.back"));
  g_assert_true (has_key_binding (widget, GDK_KEY_Right, GDK_ALT_MASK, "map.forward"));

  get_view (fixture->view, &cx, &cy, &res);
  w = pv_viewport_get_width (viewport);
  h = pv_viewport_get_height (viewport);

  /* Arrows move by a quarter of the view: Left shows what is west. */
  g_assert_true (gtk_widget_activate_action (widget, "map.pan-left", NULL));
  assert_view (fixture->view, cx - w / 4 * res, cy, res);
  gtk_widget_activate_action (widget, "map.pan-up", NULL);
  assert_view (fixture->view, cx - w / 4 * res, cy + h / 4 * res, res);
  gtk_widget_activate_action (widget, "map.pan-right", NULL);
  gtk_widget_activate_action (widget, "map.pan-down", NULL);
  assert_view (fixture->view, cx, cy, res);

  /* Zoom steps about the centre. */
  gtk_widget_activate_action (widget, "map.zoom-in", NULL);
  assert_view (fixture->view, cx, cy, res / 2);
  gtk_widget_activate_action (widget, "map.zoom-in", NULL);
  gtk_widget_activate_action (widget, "map.zoom-out", NULL);
  assert_view (fixture->view, cx, cy, res / 2);
  gtk_widget_activate_action (widget, "map.pan-left", NULL);
  gtk_widget_activate_action (widget, "map.zoom-full", NULL);
  assert_view (fixture->view, cx, cy, res);

  /* Every step was an entry: walk back through them and forward again. */
  gtk_widget_activate_action (widget, "map.back", NULL);
  assert_view (fixture->view, cx - w / 4 * res / 2, cy, res / 2);
  gtk_widget_activate_action (widget, "map.back", NULL);
  assert_view (fixture->view, cx, cy, res / 2);
  gtk_widget_activate_action (widget, "map.back", NULL);
  assert_view (fixture->view, cx, cy, res / 4);
  gtk_widget_activate_action (widget, "map.forward", NULL);
  gtk_widget_activate_action (widget, "map.forward", NULL);
  gtk_widget_activate_action (widget, "map.forward", NULL);
  assert_view (fixture->view, cx, cy, res);
  /* Nothing ahead: forward does nothing. */
  gtk_widget_activate_action (widget, "map.forward", NULL);
  assert_view (fixture->view, cx, cy, res);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->view);
  double cx, cy, res, x, y, r;
  guint steps = 0;

  get_view (fixture->view, &cx, &cy, &res);

  /* Going back, then navigating, drops the views ahead. */
  gtk_widget_activate_action (widget, "map.zoom-in", NULL);
  gtk_widget_activate_action (widget, "map.pan-left", NULL);
  gtk_widget_activate_action (widget, "map.back", NULL);
  gtk_widget_activate_action (widget, "map.pan-down", NULL);
  gtk_widget_activate_action (widget, "map.forward", NULL);
  get_view (fixture->view, &x, &y, &r);
  g_assert_cmpfloat_with_epsilon (r, res / 2, res * 1e-9);
  g_assert_cmpfloat_with_epsilon (x, cx, res * 1e-6);
  g_assert_cmpfloat (y, <, cy);

  /* A view set from outside (the status bar's scale) is recorded when the
   * next navigation starts. */
  pv_viewport_set_resolution (pv_map_view_get_viewport (fixture->view), res / 8);
  gtk_widget_activate_action (widget, "map.zoom-out", NULL);
  gtk_widget_activate_action (widget, "map.back", NULL);
  get_view (fixture->view, &x, &y, &r);
  g_assert_cmpfloat_with_epsilon (r, res / 8, res * 1e-9);

  /* The history keeps the last 100 views. */
  for (int i = 0; i < 150; i++)
    gtk_widget_activate_action (widget, "map.pan", "(dd)", 10.0, 0.0);
  for (;;)
    {
      double px, py, pr;

      get_view (fixture->view, &px, &py, &pr);
      gtk_widget_activate_action (widget, "map.back", NULL);
      get_view (fixture->view, &x, &y, &r);
      if (x == px && y == py && r == pr)
        break;
      steps++;
      g_assert_cmpuint (steps, <=, 100);
    }
  g_assert_cmpuint (steps, ==, 99);
}

static void
test_box_zoom (Fixture       *fixture,
               gconstpointer  data)
{
  PvMapView *view = fixture->view;
  double cx, cy, res, ax, ay, bx, by, x0, y0, x1, y1;

  get_view (view, &cx, &cy, &res);
  /* A 200 × 100 px box: 200 px wide fills 800 px, so 4 × finer. */
  pv_map_view_widget_to_map (view, 100, 100, &ax, &ay);
  pv_map_view_widget_to_map (view, 300, 200, &bx, &by);
  pv_map_view_zoom_to_box (view, 300, 200, 100, 100);
  pv_gui_test_wait_until (is_still, view, "the end of the box zoom");
  pv_viewport_get_extent (pv_map_view_get_viewport (view), &x0, &y0, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (pv_map_view_get_viewport (view)),
                                  res / 4, res * 1e-9);
  g_assert_cmpfloat_with_epsilon (x0, ax, res * 1e-6);
  g_assert_cmpfloat_with_epsilon (x1, bx, res * 1e-6);
  g_assert_cmpfloat_with_epsilon ((y0 + y1) / 2, (ay + by) / 2, res * 1e-6);

  /* A slip of the mouse is no zoom. */
  pv_map_view_zoom_to_box (view, 100, 100, 102, 300);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (pv_map_view_get_viewport (view)),
                                  res / 4, res * 1e-9);

  gtk_widget_activate_action (GTK_WIDGET (view), "map.back", NULL);
  assert_view (view, cx, cy, res);
}

#ifdef GDK_WINDOWING_X11
static void
child_exited_cb (GPid     pid,
                 int      status,
                 gpointer user_data)
{
  int *result = user_data;

  *result = status;
  g_spawn_close_pid (pid);
}

/* Real input through the X server (Xvfb) for what needs modifier state and
 * event timing: Shift-drag, keys, a fling. The main loop runs meanwhile, so
 * the events arrive one by one as they would from a hand. */
static gboolean
xdotool (GtkWidget  *window,
         const char *script)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  g_autofree char *program = g_find_program_in_path ("xdotool");
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  const char *argv[] = { "/bin/sh", "-c", NULL, NULL };
  GPid pid;
  int status = -1;

  if (program == NULL || !GDK_IS_X11_SURFACE (surface))
    return FALSE;
  command = g_strdup_printf ("W=%lu; %s", (unsigned long) gdk_x11_surface_get_xid (surface), script);
  argv[2] = command;
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, child_exited_cb, &status);
  while (status == -1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return TRUE;
}
#endif

static void
test_real_input (Fixture       *fixture,
                            gconstpointer  data)
{
#ifdef GDK_WINDOWING_X11
  PvMapView *view = fixture->view;
  double cx, cy, res, ax, ay, bx, by, x0, y0, x1, y1;

  get_view (view, &cx, &cy, &res);
  pv_map_view_widget_to_map (view, 200, 150, &ax, &ay);
  pv_map_view_widget_to_map (view, 400, 250, &bx, &by);

  /* Escape cancels a box being drawn. */
  if (!xdotool (fixture->window,
                "xdotool mousemove --window $W 200 150 sleep 0.1 keydown shift mousedown 1 "
                "mousemove --window $W 300 200 sleep 0.05 mousemove --window $W 400 250 sleep 0.05 "
                "key Escape mouseup 1 keyup shift"))
    {
      g_test_skip ("needs xdotool and an X11 display");
      return;
    }
  pv_gui_test_spin (300);
  assert_view (view, cx, cy, res);

  /* Shift-drag zooms to the box: 200 px of 800 wide. */
  xdotool (fixture->window,
           "xdotool mousemove --window $W 200 150 sleep 0.1 keydown shift mousedown 1 "
           "mousemove --window $W 300 200 sleep 0.05 mousemove --window $W 400 250 sleep 0.05 "
           "mouseup 1 keyup shift");
  pv_gui_test_spin (300);
  pv_gui_test_wait_until (is_still, view, "the end of the box zoom");
  pv_viewport_get_extent (pv_map_view_get_viewport (view), &x0, &y0, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (pv_map_view_get_viewport (view)),
                                  res / 4, res * 1e-9);
  g_assert_cmpfloat_with_epsilon (x0, ax, res * 1e-6);
  g_assert_cmpfloat_with_epsilon (x1, bx, res * 1e-6);

  /* Real keys: Alt+Left goes back, Home shows everything. */
  xdotool (fixture->window, "xdotool mousemove --window $W 400 300 sleep 0.1 key alt+Left");
  pv_gui_test_spin (300);
  assert_view (view, cx, cy, res);
  xdotool (fixture->window, "xdotool key minus sleep 0.05 key Home");
  pv_gui_test_spin (300);
  assert_view (view, cx, cy, res);

  /* A quick real drag of 180 px to the left (about 750 px/s), released
   * while moving: the map glides on past the release point, then stops. */
  set_animations (TRUE);
  xdotool (fixture->window,
           "xdotool mousemove --window $W 600 300 sleep 0.1 mousedown 1 "
           "mousemove --window $W 570 300 sleep 0.04 mousemove --window $W 540 300 sleep 0.04 "
           "mousemove --window $W 510 300 sleep 0.04 mousemove --window $W 480 300 sleep 0.04 "
           "mousemove --window $W 450 300 sleep 0.04 mousemove --window $W 420 300 mouseup 1");
  pv_gui_test_spin (300);
  pv_gui_test_wait_until (is_still, view, "the end of the fling");
  {
    double x, y, r;

    get_view (view, &x, &y, &r);
    g_assert_cmpfloat (r, ==, res);
    g_assert_cmpfloat ((x - cx) / res, >, 180 + 20);
  }
#else
  g_test_skip ("needs an X11 display");
#endif
}

static void
test_animated_zoom (Fixture       *fixture,
                    gconstpointer  data)
{
  PvMapView *view = fixture->view;
  double cx, cy, res, x, y, r;
  gboolean saw_between = FALSE;

  set_animations (TRUE);
  get_view (view, &cx, &cy, &res);
  gtk_widget_activate_action (GTK_WIDGET (view), "map.zoom-in", NULL);
  g_assert_true (pv_map_view_get_animating (view));
  /* A second step during the first one compounds: × 4 in all. */
  gtk_widget_activate_action (GTK_WIDGET (view), "map.zoom-in", NULL);
  while (pv_map_view_get_animating (view))
    {
      g_main_context_iteration (NULL, TRUE);
      get_view (view, &x, &y, &r);
      if (r < res * 0.99 && r > res / 4 * 1.01)
        saw_between = TRUE;
    }
  g_assert_true (saw_between);
  assert_view (view, cx, cy, res / 4);
  /* The animation is one entry. */
  gtk_widget_activate_action (GTK_WIDGET (view), "map.back", NULL);
  pv_gui_test_wait_until (is_still, view, "the end of the jump back");
  assert_view (view, cx, cy, res);
}

static void
test_fling (Fixture       *fixture,
            gconstpointer  data)
{
  PvMapView *view = fixture->view;
  GtkEventController *swipe = pv_gui_test_find_controller (GTK_WIDGET (view), GTK_TYPE_GESTURE_SWIPE, 1);
  GtkEventController *drag = pv_gui_test_find_controller (GTK_WIDGET (view), GTK_TYPE_GESTURE_DRAG, 1);
  double cx, cy, res, x, y, r, last_x;
  guint moves = 0;

  set_animations (TRUE);
  get_view (view, &cx, &cy, &res);

  /* A release at 1000 px/s to the right: the map glides on, slowing down,
   * and stops. With v = v0 e^(-t/τ) it travels v0 τ = 300 px, less the few
   * pixels left when it is slow enough to stop. */
  g_signal_emit_by_name (swipe, "swipe", 1000.0, 0.0);
  g_assert_true (pv_map_view_get_animating (view));
  last_x = cx;
  while (pv_map_view_get_animating (view))
    {
      g_main_context_iteration (NULL, TRUE);
      get_view (view, &x, &y, &r);
      if (x != last_x)
        {
          g_assert_cmpfloat (x, <, last_x);
          moves++;
        }
      last_x = x;
    }
  g_assert_cmpuint (moves, >, 3);
  get_view (view, &x, &y, &r);
  g_assert_cmpfloat (r, ==, res);
  g_assert_cmpfloat_with_epsilon (y, cy, res * 1e-6);
  g_assert_cmpfloat ((cx - x) / res, <=, 300.0 + 1e-6);
  g_assert_cmpfloat ((cx - x) / res, >=, 290.0);

  /* The whole fling is one history entry. */
  gtk_widget_activate_action (GTK_WIDGET (view), "map.back", NULL);
  pv_gui_test_wait_until (is_still, view, "the end of the jump back");
  assert_view (view, cx, cy, res);

  /* A new press stops a fling at once. */
  pv_map_view_fling (view, 0, -2000);
  g_main_context_iteration (NULL, TRUE);
  g_main_context_iteration (NULL, TRUE);
  g_signal_emit_by_name (drag, "drag-begin", 100.0, 100.0);
  g_assert_false (pv_map_view_get_animating (view));
  get_view (view, &x, &y, &r);
  pv_gui_test_spin (100);
  assert_view (view, x, y, r);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);

  /* Too slow to fling. */
  pv_map_view_fling (view, 50, 0);
  g_assert_false (pv_map_view_get_animating (view));
}

/* The view as the screen shows it: its snapshot (frame, overlays and
 * children) drawn by the window's renderer. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static guint
count_opaque (const guchar *pixels,
              gsize         stride,
              int           x0,
              int           y0,
              int           x1,
              int           y1)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (pixels[y * stride + x * 4 + 3] > 64)  /* B G R A in memory, little endian */
        n++;
  return n;
}

static void
test_overlays (Fixture       *fixture,
               gconstpointer  data)
{
  PvMapView *view = fixture->view;
  PvScaleBar *scale_bar = PV_SCALE_BAR (find_child_of_type (GTK_WIDGET (view), PV_TYPE_SCALE_BAR));
  GtkWidget *arrow = find_child_of_type (GTK_WIDGET (view), PV_TYPE_NORTH_ARROW);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  double length, bar_width, mantissa, res;
  int width, height;
  gsize stride;

  g_assert_nonnull (scale_bar);
  g_assert_nonnull (arrow);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (scale_bar)));
  g_assert_true (gtk_widget_get_visible (arrow));

  /* A round length, drawn at its true size on the map. */
  res = pv_map_view_get_resolution (view);
  length = pv_scale_bar_get_length (scale_bar);
  bar_width = pv_scale_bar_get_bar_width (scale_bar);
  mantissa = length / pow (10, floor (log10 (length) + 1e-9));
  g_assert_true (fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9 || fabs (mantissa - 5) < 1e-9);
  g_assert_cmpfloat_with_epsilon (bar_width, length / res, 1e-6);
  g_assert_cmpfloat (bar_width, >=, 48);
  g_assert_cmpfloat (bar_width, <=, 120);
  gtk_widget_activate_action (GTK_WIDGET (view), "map.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (pv_scale_bar_get_bar_width (scale_bar),
                                  pv_scale_bar_get_length (scale_bar) / pv_map_view_get_resolution (view),
                                  1e-6);
  g_assert_cmpfloat (pv_scale_bar_get_length (scale_bar), <, length);

  /* Over an empty map (the layer hidden) only the overlays and the zoom
   * buttons draw: the scale bar bottom left, the arrow top right. */
  pv_layer_set_visible (pv_map_get_layer (fixture->map, 0), FALSE);
  pv_gui_test_wait_until (is_sharp, view, "the frame without the layer");
  texture = render_widget (GTK_WIDGET (view));
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  g_assert_cmpuint (count_opaque (pixels, stride, 0, height - 60, 150, height), >, 200);
  g_assert_cmpuint (count_opaque (pixels, stride, width - 60, 0, width, 70), >, 100);
  g_assert_cmpuint (count_opaque (pixels, stride, width / 2 - 100, height / 2 - 100,
                                  width / 2 + 100, height / 2 + 100), ==, 0);

  /* With the layer, its colour fills the middle. */
  pv_layer_set_visible (pv_map_get_layer (fixture->map, 0), TRUE);
  pv_gui_test_wait_until (is_sharp, view, "the frame with the layer");
  g_clear_object (&texture);
  texture = render_widget (GTK_WIDGET (view));
  gdk_texture_download (texture, pixels, stride);
  g_assert_cmpuint (count_opaque (pixels, stride, width / 2 - 100, height / 2 - 100,
                                  width / 2 + 100, height / 2 + 100), ==, 200 * 200);
}

/* A tool that records what the view hands it. */
#define TEST_TYPE_TOOL (test_tool_get_type ())
G_DECLARE_FINAL_TYPE (TestTool, test_tool, TEST, TOOL, GObject)

struct _TestTool
{
  GObject   parent_instance;
  gboolean  take_press;
  GString  *log;
  double    last_x;
  double    last_y;
};

static void test_tool_iface_init (PvMapToolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestTool, test_tool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PV_TYPE_MAP_TOOL, test_tool_iface_init))

static void
test_tool_finalize (GObject *object)
{
  g_string_free (TEST_TOOL (object)->log, TRUE);
  G_OBJECT_CLASS (test_tool_parent_class)->finalize (object);
}

static void
test_tool_class_init (TestToolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_tool_finalize;
}

static void
test_tool_init (TestTool *self)
{
  self->log = g_string_new (NULL);
}

static void
tool_activate (PvMapTool *tool, PvMapView *view)
{
  g_string_append (TEST_TOOL (tool)->log, "activate;");
}

static void
tool_deactivate (PvMapTool *tool, PvMapView *view)
{
  g_string_append (TEST_TOOL (tool)->log, "deactivate;");
}

static gboolean
tool_press (PvMapTool *tool, PvMapView *view, int n_press, double x, double y, GdkModifierType state)
{
  TestTool *self = TEST_TOOL (tool);

  g_string_append_printf (self->log, "press%d;", n_press);
  self->last_x = x, self->last_y = y;
  return self->take_press;
}

static void
tool_drag_update (PvMapTool *tool, PvMapView *view, double x, double y)
{
  TestTool *self = TEST_TOOL (tool);

  g_string_append (self->log, "drag;");
  self->last_x = x, self->last_y = y;
}

static void
tool_release (PvMapTool *tool, PvMapView *view, double x, double y)
{
  TestTool *self = TEST_TOOL (tool);

  g_string_append (self->log, "release;");
  self->last_x = x, self->last_y = y;
}

static gboolean
tool_key_pressed (PvMapTool *tool, PvMapView *view, guint keyval, GdkModifierType state)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  g_string_append (TEST_TOOL (tool)->log, "escape;");
  return TRUE;
}

static const char *
tool_cursor (PvMapTool *tool)
{
  return "crosshair";
}

static void
test_tool_iface_init (PvMapToolInterface *iface)
{
  iface->activate = tool_activate;
  iface->deactivate = tool_deactivate;
  iface->press = tool_press;
  iface->drag_update = tool_drag_update;
  iface->release = tool_release;
  iface->key_pressed = tool_key_pressed;
  iface->get_cursor_name = tool_cursor;
}

static void
count_overlay_cb (cairo_t    *cr,
                  PvViewport *viewport,
                  gpointer    data)
{
  /* Draws a red square in the view's centre, in device pixels. */
  (*(guint *) data)++;
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_rectangle (cr, pv_viewport_get_width (viewport) / 2.0 - 10, pv_viewport_get_height (viewport) / 2.0 - 10,
                   20, 20);
  cairo_fill (cr);
}

/* A tool takes presses and drags before the view pans; one that declines
 * them leaves panning alone; keys reach it first; overlays draw. */
static void
test_tool (Fixture       *fixture,
           gconstpointer  data)
{
  PvMapView *view = fixture->view;
  GtkEventController *drag = pv_gui_test_find_controller (GTK_WIDGET (view), GTK_TYPE_GESTURE_DRAG, 1);
  g_autoptr(TestTool) tool = g_object_new (TEST_TYPE_TOOL, NULL);
  double cx, cy, res;
  guint n_drawn = 0, id;

  get_view (view, &cx, &cy, &res);
  pv_map_view_set_tool (view, PV_MAP_TOOL (tool));
  g_assert_true (pv_map_view_get_tool (view) == PV_MAP_TOOL (tool));
  tool->take_press = TRUE;
  g_signal_emit_by_name (drag, "drag-begin", 300.0, 200.0);
  g_signal_emit_by_name (drag, "drag-update", 30.0, -10.0);
  g_signal_emit_by_name (drag, "drag-end", 40.0, -20.0);
  g_assert_cmpstr (tool->log->str, ==, "activate;press1;drag;release;");
  g_assert_cmpfloat (tool->last_x, ==, 340.0);
  g_assert_cmpfloat (tool->last_y, ==, 180.0);
  /* The map did not move. */
  assert_view (view, cx, cy, res);

  /* Declined: the drag pans as without a tool. */
  tool->take_press = FALSE;
  g_string_truncate (tool->log, 0);
  g_signal_emit_by_name (drag, "drag-begin", 300.0, 200.0);
  g_signal_emit_by_name (drag, "drag-update", 60.0, -20.0);
  g_signal_emit_by_name (drag, "drag-end", 60.0, -20.0);
  g_assert_cmpstr (tool->log->str, ==, "press1;");
  assert_view (view, cx - 60 * res, cy - 20 * res, res);

  /* Escape goes to the tool first; other keys go on to the view. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
    GtkEventController *keys = NULL;
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && keys == NULL; i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
            gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
          keys = controller;
      }
    g_assert_nonnull (keys);
    g_string_truncate (tool->log, 0);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Escape, 0, 0, &handled);
    g_assert_true (handled);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_a, 0, 0, &handled);
    g_assert_false (handled);
    g_assert_cmpstr (tool->log->str, ==, "escape;");
  }

  id = pv_map_view_add_overlay (view, count_overlay_cb, &n_drawn, NULL);
  {
    g_autoptr(GdkTexture) texture = render_widget (GTK_WIDGET (view));
    int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
    gsize stride = (gsize) width * 4;
    g_autofree guchar *pixels = g_malloc (stride * height);
    guint32 centre;

    gdk_texture_download (texture, pixels, stride);
    centre = *(guint32 *) (pixels + (gsize) (height / 2) * stride + 4 * (gsize) (width / 2));
    g_assert_cmpuint (n_drawn, >, 0);
    g_assert_cmphex (centre & 0xFFFFFF, ==, 0xFF0000);
  }
  pv_map_view_remove_overlay (view, id);

  pv_map_view_set_tool (view, NULL);
  g_assert_null (pv_map_view_get_tool (view));
  g_assert_nonnull (strstr (tool->log->str, "deactivate;"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

#define ADD(path, func) \
  g_test_add ("/gui/map-view/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("drag-pan", test_drag_pan);
  ADD ("scroll-zoom", test_scroll_zoom);
  ADD ("keyboard-actions", test_keyboard_actions);
  ADD ("history", test_history);
  ADD ("box-zoom", test_box_zoom);
  ADD ("real-input", test_real_input);
  ADD ("animated-zoom", test_animated_zoom);
  ADD ("fling", test_fling);
  ADD ("overlays", test_overlays);
  ADD ("tool", test_tool);
#undef ADD

  return g_test_run ();
}
