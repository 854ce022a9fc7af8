/* pv-flight.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "pv-flight.h"

/* Centres closer than this share of the larger width are the same: the path
 * is a pure zoom (the general formulas divide by u1). */
#define PURE_ZOOM_EPSILON 1e-9

static double
r_of (double w0,
      double w1,
      double wi,
      double rho,
      double u1,
      int    sign)
{
  double rho2 = rho * rho;
  double b = (w1 * w1 - w0 * w0 + sign * rho2 * rho2 * u1 * u1) / (2.0 * wi * rho2 * u1);

  /* ln (−b + √(b² + 1)) = −asinh (b), which stays accurate for large |b|
   * where the difference of the logarithm's argument cancels. */
  return -asinh (b);
}

gboolean
pv_flight_init (PvFlight *flight,
                double    x0,
                double    y0,
                double    w0,
                double    x1,
                double    y1,
                double    w1,
                double    rho)
{
  double u1;

  g_return_val_if_fail (flight != NULL, FALSE);
  g_return_val_if_fail (rho > 0 && isfinite (rho), FALSE);

  if (!isfinite (x0) || !isfinite (y0) || !isfinite (x1) || !isfinite (y1)
      || !(w0 > 0) || !(w1 > 0) || !isfinite (w0) || !isfinite (w1))
    return FALSE;

  u1 = hypot (x1 - x0, y1 - y0);
  flight->x0 = x0;
  flight->y0 = y0;
  flight->w0 = w0;
  flight->x1 = x1;
  flight->y1 = y1;
  flight->w1 = w1;
  flight->rho = rho;
  flight->u1 = u1;

  if (u1 <= PURE_ZOOM_EPSILON * MAX (w0, w1))
    {
      flight->pure_zoom = TRUE;
      flight->r0 = flight->r1 = 0;
      flight->length = fabs (log (w1 / w0)) / rho;
      return TRUE;
    }

  flight->pure_zoom = FALSE;
  flight->r0 = r_of (w0, w1, w0, rho, u1, 1);
  flight->r1 = r_of (w0, w1, w1, rho, u1, -1);
  flight->length = MAX (0.0, (flight->r1 - flight->r0) / rho);
  return TRUE;
}

gboolean
pv_flight_init_viewports (PvFlight   *flight,
                          PvViewport *from,
                          PvViewport *to,
                          double      rho)
{
  double x0, y0, x1, y1;

  g_return_val_if_fail (PV_IS_VIEWPORT (from), FALSE);
  g_return_val_if_fail (PV_IS_VIEWPORT (to), FALSE);

  pv_viewport_get_center (from, &x0, &y0);
  pv_viewport_get_center (to, &x1, &y1);
  return pv_flight_init (flight,
                         x0, y0, pv_viewport_get_resolution (from) * pv_viewport_get_width (from),
                         x1, y1, pv_viewport_get_resolution (to) * pv_viewport_get_width (to),
                         rho);
}

double
pv_flight_get_length (const PvFlight *flight)
{
  g_return_val_if_fail (flight != NULL, 0);

  return flight->length;
}

double
pv_flight_get_distance (const PvFlight *flight,
                        double          s)
{
  double rho2;

  g_return_val_if_fail (flight != NULL, 0);

  if (flight->pure_zoom || !(s > 0))
    return 0;
  if (s >= flight->length)
    return flight->u1;
  rho2 = flight->rho * flight->rho;
  return flight->w0 / rho2 * (cosh (flight->r0) * tanh (flight->rho * s + flight->r0)
                              - sinh (flight->r0));
}

double
pv_flight_get_width (const PvFlight *flight,
                     double          s)
{
  g_return_val_if_fail (flight != NULL, 0);

  if (!(s > 0))
    return flight->w0;
  if (s >= flight->length)
    return flight->w1;
  if (flight->pure_zoom)
    return flight->w0 * exp ((flight->w1 > flight->w0 ? 1.0 : -1.0) * flight->rho * s);
  return flight->w0 * cosh (flight->r0) / cosh (flight->rho * s + flight->r0);
}

void
pv_flight_get_view (const PvFlight *flight,
                    double          s,
                    double         *x,
                    double         *y,
                    double         *w)
{
  double cx, cy;

  g_return_if_fail (flight != NULL);

  if (!(s > 0))
    {
      cx = flight->x0;
      cy = flight->y0;
    }
  else if (s >= flight->length)
    {
      cx = flight->x1;
      cy = flight->y1;
    }
  else if (flight->pure_zoom)
    {
      /* The centres differ by less than a nanometre a kilometre: move them
       * in step with the zoom so the end is exact. */
      double t = flight->length > 0 ? s / flight->length : 1.0;

      cx = flight->x0 + (flight->x1 - flight->x0) * t;
      cy = flight->y0 + (flight->y1 - flight->y0) * t;
    }
  else
    {
      double f = pv_flight_get_distance (flight, s) / flight->u1;

      cx = flight->x0 + (flight->x1 - flight->x0) * f;
      cy = flight->y0 + (flight->y1 - flight->y0) * f;
    }

  if (x != NULL)
    *x = cx;
  if (y != NULL)
    *y = cy;
  if (w != NULL)
    *w = pv_flight_get_width (flight, s);
}

double
pv_flight_get_widest (const PvFlight *flight,
                      double         *s)
{
  double s_max;

  g_return_val_if_fail (flight != NULL, 0);

  /* w(s) peaks where ρ s + r0 = 0. */
  s_max = flight->pure_zoom ? -1 : -flight->r0 / flight->rho;
  if (!(s_max > 0 && s_max < flight->length))
    s_max = flight->w1 > flight->w0 ? flight->length : 0;
  if (s != NULL)
    *s = s_max;
  return pv_flight_get_width (flight, s_max);
}

void
pv_flight_apply (const PvFlight *flight,
                 double          s,
                 PvViewport     *viewport)
{
  double x, y, w;
  int width;

  g_return_if_fail (flight != NULL);
  g_return_if_fail (PV_IS_VIEWPORT (viewport));

  width = pv_viewport_get_width (viewport);
  pv_flight_get_view (flight, s, &x, &y, &w);
  g_object_freeze_notify (G_OBJECT (viewport));
  pv_viewport_set_center (viewport, x, y);
  if (width > 0)
    pv_viewport_set_resolution (viewport, w / width);
  g_object_thaw_notify (G_OBJECT (viewport));
}

double
pv_flight_get_duration (const PvFlight *flight)
{
  g_return_val_if_fail (flight != NULL, 0);

  if (!(flight->length > 0))
    return 0;
  return CLAMP (flight->length * PV_FLIGHT_SECONDS_PER_UNIT, PV_FLIGHT_MIN_SECONDS,
                PV_FLIGHT_MAX_SECONDS);
}

double
pv_flight_get_s_at (const PvFlight *flight,
                    double          t)
{
  g_return_val_if_fail (flight != NULL, 0);

  if (!(t > 0))
    return 0;
  if (t >= 1)
    return flight->length;
  /* Mostly constant speed (the paper's choice: the path's metric already
   * makes it look uniform), eased at both ends over a fifth of the time by
   * a sine ramp: s'(t) rises from 0 and falls back to 0. Integrated, with
   * the total normalised to 1. */
  {
    const double e = 0.2;
    double area = 1.0 - e;   /* ∫ speed over [0, 1] with the ramps */
    double a;

    if (t < e)
      a = (t - e / G_PI * sin (G_PI * t / e)) / 2.0;
    else if (t > 1.0 - e)
      a = area - ((1.0 - t) - e / G_PI * sin (G_PI * (1.0 - t) / e)) / 2.0;
    else
      a = e / 2.0 + (t - e);
    return CLAMP (flight->length * a / area, 0, flight->length);
  }
}
