/* test-flight.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "pv-flight.h"

/* The province of Bình Dương (about 60 km across) and central Thủ Dầu Một
 * (1 km across), VN-2000 metres. */
#define PROVINCE_X 590000.0
#define PROVINCE_Y 1230000.0
#define PROVINCE_W 60000.0
#define CITY_X     598371.0
#define CITY_Y     1214436.0
#define CITY_W     1000.0

static void
test_flight_end_points (void)
{
  PvFlight flight;
  double x, y, w, S;

  g_assert_true (pv_flight_init (&flight, PROVINCE_X, PROVINCE_Y, PROVINCE_W,
                                 CITY_X, CITY_Y, CITY_W, PV_FLIGHT_RHO));
  S = pv_flight_get_length (&flight);
  g_assert_cmpfloat (S, >, 0);

  /* Exact, not merely close: the last frame is the slide's extent. */
  pv_flight_get_view (&flight, 0, &x, &y, &w);
  g_assert_cmpfloat (x, ==, PROVINCE_X);
  g_assert_cmpfloat (y, ==, PROVINCE_Y);
  g_assert_cmpfloat (w, ==, PROVINCE_W);
  pv_flight_get_view (&flight, S, &x, &y, &w);
  g_assert_cmpfloat (x, ==, CITY_X);
  g_assert_cmpfloat (y, ==, CITY_Y);
  g_assert_cmpfloat (w, ==, CITY_W);
  /* Beyond the ends: clamped. */
  pv_flight_get_view (&flight, -1, &x, &y, &w);
  g_assert_cmpfloat (x, ==, PROVINCE_X);
  g_assert_cmpfloat (w, ==, PROVINCE_W);
  pv_flight_get_view (&flight, S + 5, &x, &y, &w);
  g_assert_cmpfloat (y, ==, CITY_Y);
  g_assert_cmpfloat (w, ==, CITY_W);

  /* The closed forms reach the ends too (continuity at S). */
  g_assert_cmpfloat_with_epsilon (flight.w0 / (flight.rho * flight.rho)
                                  * (cosh (flight.r0) * tanh (flight.rho * S + flight.r0)
                                     - sinh (flight.r0)),
                                  flight.u1, 1e-6 * flight.u1);
  g_assert_cmpfloat_with_epsilon (flight.w0 * cosh (flight.r0) / cosh (flight.rho * S + flight.r0),
                                  CITY_W, 1e-6 * CITY_W);
  g_assert_cmpfloat_with_epsilon (pv_flight_get_width (&flight, S * (1 - 1e-12)), CITY_W, 1e-3);
}

/* u(s), w(s) and S against the paper's formulas computed here independently
 * (with its logarithms, where the code uses asinh), and the centre on the
 * straight line between the centres. */
static void
test_flight_closed_forms (void)
{
  const double rho = PV_FLIGHT_RHO;
  const double w0 = 2000, w1 = 500, x1 = 8000, y1 = 6000;
  double u1 = 10000, b0, b1, r0, r1, S;
  PvFlight flight;

  g_assert_true (pv_flight_init (&flight, 0, 0, w0, x1, y1, w1, rho));
  b0 = (w1 * w1 - w0 * w0 + pow (rho, 4) * u1 * u1) / (2 * w0 * rho * rho * u1);
  b1 = (w1 * w1 - w0 * w0 - pow (rho, 4) * u1 * u1) / (2 * w1 * rho * rho * u1);
  r0 = log (-b0 + sqrt (b0 * b0 + 1));
  r1 = log (-b1 + sqrt (b1 * b1 + 1));
  S = (r1 - r0) / rho;
  g_assert_cmpfloat_with_epsilon (flight.u1, u1, 1e-9);
  g_assert_cmpfloat_with_epsilon (pv_flight_get_length (&flight), S, 1e-9);

  for (int i = 1; i < 20; i++)
    {
      double s = S * i / 20.0;
      double u = w0 / (rho * rho) * cosh (r0) * tanh (rho * s + r0) - w0 / (rho * rho) * sinh (r0);
      double w = w0 * cosh (r0) / cosh (rho * s + r0);
      double x, y, fw;

      g_assert_cmpfloat_with_epsilon (pv_flight_get_distance (&flight, s), u, 1e-6 * u1);
      g_assert_cmpfloat_with_epsilon (pv_flight_get_width (&flight, s), w, 1e-9 * w);
      /* The centre moves along the straight line between the centres. */
      pv_flight_get_view (&flight, s, &x, &y, &fw);
      g_assert_cmpfloat_with_epsilon (x, x1 * u / u1, 1e-6);
      g_assert_cmpfloat_with_epsilon (y, y1 * u / u1, 1e-6);
      g_assert_cmpfloat (fw, ==, pv_flight_get_width (&flight, s));
    }
}

/* Along the path the centre never goes back, and the time parameter never
 * runs backwards: the flight is monotone. */
static void
test_flight_monotone (void)
{
  PvFlight flight;
  double S, last_s = 0, last_u = 0;

  g_assert_true (pv_flight_init (&flight, PROVINCE_X, PROVINCE_Y, PROVINCE_W,
                                 CITY_X, CITY_Y, CITY_W, PV_FLIGHT_RHO));
  S = pv_flight_get_length (&flight);
  g_assert_cmpfloat (pv_flight_get_s_at (&flight, 0), ==, 0);
  g_assert_cmpfloat (pv_flight_get_s_at (&flight, 1), ==, S);
  for (int i = 1; i <= 1000; i++)
    {
      double s = pv_flight_get_s_at (&flight, i / 1000.0);
      double u = pv_flight_get_distance (&flight, s);

      g_assert_cmpfloat (s, >, last_s);
      g_assert_cmpfloat (u, >=, last_u);
      last_s = s;
      last_u = u;
    }
  g_assert_cmpfloat (last_s, ==, S);
  g_assert_cmpfloat (last_u, ==, flight.u1);

  /* Mostly constant speed: the middle half of the time covers more than
   * half the path (the ends are eased), but not all of it. */
  {
    double mid = pv_flight_get_s_at (&flight, 0.75) - pv_flight_get_s_at (&flight, 0.25);

    g_assert_cmpfloat (mid, >, 0.5 * S);
    g_assert_cmpfloat (mid, <, 0.7 * S);
  }
}

/* Between two city views 30 km apart the path zooms out in the middle to
 * see both, well beyond either end's width, and in again. */
static void
test_flight_zoom_out_far (void)
{
  PvFlight flight;
  double s_max, w_max, S;

  g_assert_true (pv_flight_init (&flight, 580000, 1210000, CITY_W,
                                 610000, 1210000, CITY_W, PV_FLIGHT_RHO));
  S = pv_flight_get_length (&flight);
  w_max = pv_flight_get_widest (&flight, &s_max);
  /* Equal widths: symmetric, the top in the middle, halfway across. */
  g_assert_cmpfloat_with_epsilon (s_max, S / 2, 1e-9 * S);
  g_assert_cmpfloat_with_epsilon (pv_flight_get_distance (&flight, S / 2), 15000, 1e-6);
  g_assert_cmpfloat (w_max, >, 10 * CITY_W);
  g_assert_cmpfloat_with_epsilon (w_max, pv_flight_get_width (&flight, S / 2), 1e-9 * w_max);
  /* Up until the top, down after it. */
  for (int i = 1; i <= 100; i++)
    {
      double a = S * (i - 1) / 100.0, b = S * i / 100.0;

      if (b <= s_max)
        g_assert_cmpfloat (pv_flight_get_width (&flight, b), >, pv_flight_get_width (&flight, a));
      else if (a >= s_max)
        g_assert_cmpfloat (pv_flight_get_width (&flight, b), <, pv_flight_get_width (&flight, a));
    }
  /* Further apart, a longer path and a higher overview. */
  {
    PvFlight farther;

    g_assert_true (pv_flight_init (&farther, 580000, 1210000, CITY_W,
                                   640000, 1210000, CITY_W, PV_FLIGHT_RHO));
    g_assert_cmpfloat (pv_flight_get_length (&farther), >, S);
    g_assert_cmpfloat (pv_flight_get_widest (&farther, NULL), >, w_max);
  }

  /* A near pan (the target half a view away) zooms out a little: by
   * cosh (asinh (ρ² u1 / 2w)) = √1.25, about 12 %. */
  g_assert_true (pv_flight_init (&flight, 0, 0, 1000, 500, 0, 1000, PV_FLIGHT_RHO));
  w_max = pv_flight_get_widest (&flight, &s_max);
  g_assert_cmpfloat_with_epsilon (w_max, 1000 * sqrt (1.25), 1e-9);
}

/* Same centre: a pure zoom, the centre fixed, the width geometric in s. */
static void
test_flight_pure_zoom (void)
{
  PvFlight flight;
  double S, x, y, w;

  g_assert_true (pv_flight_init (&flight, CITY_X, CITY_Y, 8000, CITY_X, CITY_Y, 1000,
                                 PV_FLIGHT_RHO));
  g_assert_true (flight.pure_zoom);
  S = pv_flight_get_length (&flight);
  g_assert_cmpfloat_with_epsilon (S, log (8.0) / PV_FLIGHT_RHO, 1e-12);
  for (int i = 0; i <= 10; i++)
    {
      double s = S * i / 10.0;

      pv_flight_get_view (&flight, s, &x, &y, &w);
      g_assert_cmpfloat (x, ==, CITY_X);
      g_assert_cmpfloat (y, ==, CITY_Y);
      /* Halfway in s is the geometric mean of the widths. */
      g_assert_cmpfloat_with_epsilon (w, 8000 * pow (1000.0 / 8000.0, i / 10.0), 1e-6);
    }
  g_assert_cmpfloat (pv_flight_get_widest (&flight, NULL), ==, 8000);

  /* Zooming out the other way: the widest view is the end. */
  g_assert_true (pv_flight_init (&flight, CITY_X, CITY_Y, 1000, CITY_X, CITY_Y, 8000,
                                 PV_FLIGHT_RHO));
  g_assert_cmpfloat (pv_flight_get_widest (&flight, NULL), ==, 8000);
  g_assert_cmpfloat_with_epsilon (pv_flight_get_width (&flight, pv_flight_get_length (&flight) / 3),
                                  2000, 1e-6);

  /* The same view: nothing to fly. */
  g_assert_true (pv_flight_init (&flight, 1, 2, 3, 1, 2, 3, PV_FLIGHT_RHO));
  g_assert_cmpfloat (pv_flight_get_length (&flight), ==, 0);
  g_assert_cmpfloat (pv_flight_get_duration (&flight), ==, 0);
  pv_flight_get_view (&flight, 0.5, &x, &y, &w);
  g_assert_cmpfloat (x, ==, 1);
  g_assert_cmpfloat (w, ==, 3);
}

static void
test_flight_duration (void)
{
  PvFlight flight;

  /* A 2× zoom: S = ln 2 / √2 ≈ 0.49, 0.39 s at 0.8 s a unit: the minimum. */
  g_assert_true (pv_flight_init (&flight, 0, 0, 2000, 0, 0, 1000, PV_FLIGHT_RHO));
  g_assert_cmpfloat (pv_flight_get_duration (&flight), ==, PV_FLIGHT_MIN_SECONDS);
  /* Province to a city block: in between, proportional to S. */
  g_assert_true (pv_flight_init (&flight, PROVINCE_X, PROVINCE_Y, PROVINCE_W,
                                 CITY_X, CITY_Y, CITY_W, PV_FLIGHT_RHO));
  g_assert_cmpfloat_with_epsilon (pv_flight_get_duration (&flight),
                                  PV_FLIGHT_SECONDS_PER_UNIT * pv_flight_get_length (&flight), 1e-12);
  g_assert_cmpfloat (pv_flight_get_duration (&flight), >, PV_FLIGHT_MIN_SECONDS);
  g_assert_cmpfloat (pv_flight_get_duration (&flight), <, PV_FLIGHT_MAX_SECONDS);
  /* Across the world at street level: the maximum. */
  g_assert_true (pv_flight_init (&flight, 0, 0, 100, 2e7, 0, 100, PV_FLIGHT_RHO));
  g_assert_cmpfloat (pv_flight_get_duration (&flight), ==, PV_FLIGHT_MAX_SECONDS);
}

static void
test_flight_viewports (void)
{
  g_autoptr(PvViewport) from = pv_viewport_new ();
  g_autoptr(PvViewport) to = pv_viewport_new ();
  g_autoptr(PvViewport) view = pv_viewport_new ();
  PvFlight flight;
  double x, y;

  pv_viewport_set_size (from, 1600, 900);
  pv_viewport_set_size (to, 1600, 900);
  pv_viewport_set_size (view, 1600, 900);
  pv_viewport_fit_extent (from, 560000, 1190000, 620000, 1250000);
  pv_viewport_fit_extent (to, 597871, 1214136, 598871, 1214736);
  g_assert_true (pv_flight_init_viewports (&flight, from, to, PV_FLIGHT_RHO));
  g_assert_cmpfloat_with_epsilon (flight.w0, pv_viewport_get_resolution (from) * 1600, 1e-9);
  g_assert_cmpfloat_with_epsilon (flight.w1, pv_viewport_get_resolution (to) * 1600, 1e-9);

  pv_flight_apply (&flight, pv_flight_get_length (&flight), view);
  pv_viewport_get_center (view, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 598371, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 1214436, 1e-9);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (view), pv_viewport_get_resolution (to),
                                  1e-12);
  pv_flight_apply (&flight, 0, view);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (view), pv_viewport_get_resolution (from),
                                  1e-12);

  /* Invalid views are refused. */
  g_assert_false (pv_flight_init (&flight, 0, 0, 0, 1, 1, 1, PV_FLIGHT_RHO));
  g_assert_false (pv_flight_init (&flight, 0, 0, 1, NAN, 1, 1, PV_FLIGHT_RHO));
  g_assert_false (pv_flight_init (&flight, 0, 0, 1, 1, 1, INFINITY, PV_FLIGHT_RHO));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/flight/end-points", test_flight_end_points);
  g_test_add_func ("/core/flight/closed-forms", test_flight_closed_forms);
  g_test_add_func ("/core/flight/monotone", test_flight_monotone);
  g_test_add_func ("/core/flight/zoom-out-far", test_flight_zoom_out_far);
  g_test_add_func ("/core/flight/pure-zoom", test_flight_pure_zoom);
  g_test_add_func ("/core/flight/duration", test_flight_duration);
  g_test_add_func ("/core/flight/viewports", test_flight_viewports);

  return g_test_run ();
}
