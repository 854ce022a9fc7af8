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

  return g_test_run ();
}
