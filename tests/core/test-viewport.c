/* test-viewport.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "pv-viewport.h"

static void
test_viewport_round_trip (void)
{
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  double sx, sy, mx, my;

  pv_viewport_set_size (vp, 800, 600);
  pv_viewport_set_center (vp, 500000.0, 1220000.0);
  pv_viewport_set_resolution (vp, 2.5);
  pv_viewport_map_to_screen (vp, 500100.0, 1220050.0, &sx, &sy);
  g_assert_cmpfloat_with_epsilon (sx, 400 + 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (sy, 300 - 20, 1e-9);
  pv_viewport_screen_to_map (vp, sx, sy, &mx, &my);
  g_assert_cmpfloat_with_epsilon (mx, 500100.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (my, 1220050.0, 1e-6);
}

static void
test_viewport_fit_extent (void)
{
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  double x0, y0, x1, y1;

  pv_viewport_set_size (vp, 1000, 500);
  /* Taller than the viewport: the height decides the resolution. */
  pv_viewport_fit_extent (vp, 0, 0, 1000, 1000);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (vp), 2.0, 1e-12);
  pv_viewport_get_extent (vp, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x0, -500, 1e-9);
  g_assert_cmpfloat_with_epsilon (x1, 1500, 1e-9);
  g_assert_cmpfloat_with_epsilon (y0, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (y1, 1000, 1e-9);

  /* NaN never reaches the view. */
  pv_viewport_fit_extent (vp, NAN, 0, 1, 1);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (vp), 2.0, 1e-12);
  pv_viewport_set_center (vp, INFINITY, 0);
  pv_viewport_get_extent (vp, &x0, &y0, &x1, &y1);
  g_assert_true (isfinite (x0));
}

static void
test_viewport_zoom_at_keeps_anchor (void)
{
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  double before_x, before_y, after_x, after_y;

  pv_viewport_set_size (vp, 640, 480);
  pv_viewport_set_center (vp, 598371.18, 1214436.35);
  pv_viewport_set_resolution (vp, 10);
  pv_viewport_screen_to_map (vp, 100, 400, &before_x, &before_y);
  pv_viewport_zoom_at (vp, 2.0, 100, 400);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (vp), 5.0, 1e-12);
  pv_viewport_screen_to_map (vp, 100, 400, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (after_x, before_x, 1e-6);
  g_assert_cmpfloat_with_epsilon (after_y, before_y, 1e-6);
}

static void
test_viewport_pan (void)
{
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  double x, y;

  pv_viewport_set_size (vp, 100, 100);
  pv_viewport_set_resolution (vp, 2);
  /* Dragging right by 10 px moves the map right: the centre goes west. */
  pv_viewport_pan_pixels (vp, 10, 5);
  pv_viewport_get_center (vp, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, -20, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 10, 1e-12);
}

static void
test_viewport_scale (void)
{
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(PvViewport) copy = NULL;

  pv_viewport_set_dpi (vp, 96);
  pv_viewport_set_scale (vp, 2000);
  /* 1:2000 at 96 dpi: one pixel is 0.0254/96 m on paper, 2000 times that on the ground. */
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (vp), 2000 * 0.0254 / 96, 1e-12);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_scale (vp), 2000, 1e-9);
  copy = pv_viewport_copy (vp);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_scale (copy), 2000, 1e-9);
  pv_viewport_set_resolution (vp, -1);
  g_assert_cmpfloat (pv_viewport_get_resolution (vp), >, 0);
  g_assert_finalize_object (g_steal_pointer (&copy));
}

static void
test_viewport_zoom_to_box (void)
{
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  double x0, y0, x1, y1;

  pv_viewport_set_size (vp, 800, 600);
  pv_viewport_set_center (vp, 1000, 2000);
  pv_viewport_set_resolution (vp, 4);
  /* Corners in either order: a 200 × 100 px box right of and above the centre. */
  pv_viewport_zoom_to_box (vp, 600, 200, 400, 300);
  /* 800 m × 400 m into 800 × 600 px: the width decides, 1 m/px. */
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (vp), 1.0, 1e-12);
  pv_viewport_get_extent (vp, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x0, 1000, 1e-9);
  g_assert_cmpfloat_with_epsilon (x1, 1800, 1e-9);
  g_assert_cmpfloat_with_epsilon ((y0 + y1) / 2, 2000 + 200, 1e-9);

  /* NaN corners leave the view alone. */
  pv_viewport_zoom_to_box (vp, NAN, 0, 10, 10);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (vp), 1.0, 1e-12);
}

static void
test_viewport_interpolate (void)
{
  g_autoptr(PvViewport) from = pv_viewport_new ();
  g_autoptr(PvViewport) to = NULL;
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  double ax, ay, bx, by, x, y;

  pv_viewport_set_size (from, 640, 480);
  pv_viewport_set_size (vp, 640, 480);
  pv_viewport_set_center (from, 598371.18, 1214436.35);
  pv_viewport_set_resolution (from, 8);

  /* A zoom by 4 about (100, 50): every step keeps that map point there, and
   * halfway the resolution is the geometric mean. */
  to = pv_viewport_copy (from);
  pv_viewport_screen_to_map (from, 100, 50, &ax, &ay);
  pv_viewport_zoom_at (to, 4.0, 100, 50);
  pv_viewport_interpolate (vp, from, to, 0.5);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (vp), 4.0, 1e-9);
  pv_viewport_screen_to_map (vp, 100, 50, &bx, &by);
  g_assert_cmpfloat_with_epsilon (bx, ax, 1e-6);
  g_assert_cmpfloat_with_epsilon (by, ay, 1e-6);
  pv_viewport_interpolate (vp, from, to, 0);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (vp), 8.0, 1e-12);
  pv_viewport_interpolate (vp, from, to, 1);
  pv_viewport_get_center (vp, &x, &y);
  pv_viewport_get_center (to, &bx, &by);
  g_assert_cmpfloat (x, ==, bx);
  g_assert_cmpfloat (y, ==, by);
  g_assert_cmpfloat (pv_viewport_get_resolution (vp), ==, 2.0);

  /* A pan: a straight line at constant resolution. */
  g_clear_object (&to);
  to = pv_viewport_copy (from);
  pv_viewport_pan_pixels (to, -100, 40);
  pv_viewport_interpolate (vp, from, to, 0.25);
  g_assert_cmpfloat (pv_viewport_get_resolution (vp), ==, 8.0);
  pv_viewport_get_center (vp, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 598371.18 + 25 * 8, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, 1214436.35 + 10 * 8, 1e-6);
}

static void
test_viewport_overscan (void)
{
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(PvViewport) big = NULL;
  double x0, y0, x1, y1, bx0, by0, bx1, by1;

  pv_viewport_set_size (vp, 800, 600);
  pv_viewport_set_center (vp, 500, 500);
  pv_viewport_set_resolution (vp, 2);
  big = pv_viewport_copy_overscan (vp, 0.125);
  g_assert_cmpint (pv_viewport_get_width (big), ==, 1000);
  g_assert_cmpint (pv_viewport_get_height (big), ==, 750);
  pv_viewport_get_extent (vp, &x0, &y0, &x1, &y1);
  pv_viewport_get_extent (big, &bx0, &by0, &bx1, &by1);
  g_assert_cmpfloat_with_epsilon (bx0, x0 - 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (by1, y1 + 150, 1e-9);

  g_assert_true (pv_viewport_covers (big, vp));
  g_assert_false (pv_viewport_covers (vp, big));
  /* A pan of 100 px stays inside the 100 px margin, one more pixel does not. */
  pv_viewport_pan_pixels (vp, 100, 0);
  g_assert_true (pv_viewport_covers (big, vp));
  pv_viewport_pan_pixels (vp, 1, 0);
  g_assert_false (pv_viewport_covers (big, vp));
  /* Another resolution never counts as covered. */
  pv_viewport_pan_pixels (vp, -101, 0);
  pv_viewport_zoom_at (vp, 2, 400, 300);
  g_assert_false (pv_viewport_covers (big, vp));
}

static void
test_viewport_ground_resolution (void)
{
  g_autoptr(PvViewport) vp = pv_viewport_new ();

  pv_viewport_set_resolution (vp, 2.5);
  g_assert_cmpfloat (pv_viewport_get_ground_resolution (vp, FALSE), ==, 2.5);
  /* Degrees at the equator and at 60° N (cos 60° = 0.5). */
  pv_viewport_set_center (vp, 106.65, 0);
  pv_viewport_set_resolution (vp, 1e-4);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_ground_resolution (vp, TRUE), 11.131949, 1e-6);
  pv_viewport_set_center (vp, 106.65, 60);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_ground_resolution (vp, TRUE), 11.131949 / 2, 1e-6);
}

static void
test_viewport_round_length (void)
{
  g_assert_cmpfloat (pv_viewport_round_length (1), ==, 1);
  g_assert_cmpfloat (pv_viewport_round_length (1.99), ==, 1);
  g_assert_cmpfloat (pv_viewport_round_length (2), ==, 2);
  g_assert_cmpfloat (pv_viewport_round_length (4.9), ==, 2);
  g_assert_cmpfloat (pv_viewport_round_length (7), ==, 5);
  g_assert_cmpfloat (pv_viewport_round_length (1000), ==, 1000);
  g_assert_cmpfloat (pv_viewport_round_length (999.9), ==, 500);
  g_assert_cmpfloat_with_epsilon (pv_viewport_round_length (0.034), 0.02, 1e-15);
  g_assert_cmpfloat (pv_viewport_round_length (0), ==, 0);
  g_assert_cmpfloat (pv_viewport_round_length (-5), ==, 0);
  g_assert_cmpfloat (pv_viewport_round_length (NAN), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/viewport/round-trip", test_viewport_round_trip);
  g_test_add_func ("/core/viewport/fit-extent", test_viewport_fit_extent);
  g_test_add_func ("/core/viewport/zoom-at", test_viewport_zoom_at_keeps_anchor);
  g_test_add_func ("/core/viewport/pan", test_viewport_pan);
  g_test_add_func ("/core/viewport/scale", test_viewport_scale);
  g_test_add_func ("/core/viewport/zoom-to-box", test_viewport_zoom_to_box);
  g_test_add_func ("/core/viewport/interpolate", test_viewport_interpolate);
  g_test_add_func ("/core/viewport/overscan", test_viewport_overscan);
  g_test_add_func ("/core/viewport/ground-resolution", test_viewport_ground_resolution);
  g_test_add_func ("/core/viewport/round-length", test_viewport_round_length);

  return g_test_run ();
}
