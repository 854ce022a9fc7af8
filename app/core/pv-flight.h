/* pv-flight.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pv-viewport.h"

G_BEGIN_DECLS

/* The trade-off between zooming and panning of van Wijk & Nuij's optimal
 * path ("Smooth and efficient zooming and panning", InfoVis 2003): √2, the
 * value their user study found most pleasing (1.42 in the paper). */
#define PV_FLIGHT_RHO G_SQRT2

/* Seconds of flight per unit of path length, and the bounds of a flight's
 * duration. */
#define PV_FLIGHT_SECONDS_PER_UNIT 0.8
#define PV_FLIGHT_MIN_SECONDS      0.6
#define PV_FLIGHT_MAX_SECONDS      3.0

/* The optimal path from one view to another, a view being a centre (x, y)
 * and the width w of the map it shows (map units; any fixed measure of the
 * view's size will do, as long as both views use it). Along the path the
 * centre moves in a straight line, u(s) the distance travelled from the
 * start, and the width first grows (zoom out), then shrinks (zoom in) when
 * the centres are far apart compared to the widths:
 *
 *   b_i  = (w1² − w0² + (−1)^i ρ⁴ u1²) / (2 w_i ρ² u1),  i = 0, 1
 *   r_i  = ln (−b_i + √(b_i² + 1))
 *   S    = (r1 − r0) / ρ
 *   u(s) = w0 / ρ² · (cosh r0 · tanh (ρ s + r0) − sinh r0)
 *   w(s) = w0 · cosh r0 / cosh (ρ s + r0)
 *
 * for s in [0, S], S the path length (in the paper's metric, which counts a
 * zoom by e as 1/ρ and a pan by one view width as about 1 when zoomed out
 * optimally). When the centres coincide (to 1e-9 of the width) it is a pure
 * zoom: w(s) = w0 · e^(±ρ s), S = |ln (w1 / w0)| / ρ, the centre fixed. A
 * plain struct: fill it with pv_flight_init(). */
typedef struct
{
  double x0, y0, w0;
  double x1, y1, w1;
  double rho;
  /* Derived by pv_flight_init(). */
  double u1;       /* distance between the centres */
  double r0, r1;
  double length;   /* S */
  gboolean pure_zoom;
} PvFlight;

/* Fills flight for the path from (x0, y0, w0) to (x1, y1, w1) with the
 * trade-off rho (> 0; PV_FLIGHT_RHO). FALSE (flight untouched) when a width
 * is not a positive finite number or a centre is not finite. */
gboolean pv_flight_init           (PvFlight       *flight,
                                   double          x0,
                                   double          y0,
                                   double          w0,
                                   double          x1,
                                   double          y1,
                                   double          w1,
                                   double          rho);
/* The same between two viewports: their centres and the width of the map
 * they show (resolution × width in pixels). */
gboolean pv_flight_init_viewports (PvFlight       *flight,
                                   PvViewport     *from,
                                   PvViewport     *to,
                                   double          rho);
/* S, the length of the path (0 when the views are the same). */
double   pv_flight_get_length     (const PvFlight *flight);
/* u(s): the distance the centre has moved at s (clamped to [0, S]). */
double   pv_flight_get_distance   (const PvFlight *flight,
                                   double          s);
/* w(s): the width of the view at s (clamped to [0, S]). */
double   pv_flight_get_width      (const PvFlight *flight,
                                   double          s);
/* The view at s (clamped to [0, S]); exactly the start at s ≤ 0 and the end
 * at s ≥ S. Any of x, y, w may be NULL. */
void     pv_flight_get_view       (const PvFlight *flight,
                                   double          s,
                                   double         *x,
                                   double         *y,
                                   double         *w);
/* The widest view on the path (the highest overview): where it is (s) and
 * its width. One of the ends when the path does not zoom out. */
double   pv_flight_get_widest     (const PvFlight *flight,
                                   double         *s);
/* Sets viewport's centre and resolution to the view at s (its pixel size
 * unchanged: resolution = w(s) / its width). */
void     pv_flight_apply          (const PvFlight *flight,
                                   double          s,
                                   PvViewport     *viewport);
/* How long the flight takes: PV_FLIGHT_SECONDS_PER_UNIT × S, clamped to
 * [PV_FLIGHT_MIN_SECONDS, PV_FLIGHT_MAX_SECONDS]; 0 when S is 0. */
double   pv_flight_get_duration   (const PvFlight *flight);
/* The path parameter s at share t (0…1) of the duration: S × t with a
 * gentle ease in and out (a sine ramp), monotone, exactly 0 and S at the
 * ends. */
double   pv_flight_get_s_at       (const PvFlight *flight,
                                   double          t);

G_END_DECLS
