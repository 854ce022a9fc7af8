/* pv-north-arrow.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "pv-crs.h"

G_BEGIN_DECLS

/* The north arrow drawn by core, for prints and presenter overlays. */

/* The angle (radians, clockwise from the frame's up) of true north at map
 * point (x, y) of crs, for a frame whose up is the CRS's northing axis: for a
 * projected CRS minus PROJ's meridian convergence (proj_factors; true north
 * lies anticlockwise of grid north east of the central meridian: about
 * −0.17° at Thủ Dầu Một in EPSG:9210, whose convergence PROJ gives as
 * +0.17°); 0 for a geographic, unknown (NULL) or unusable CRS or a point
 * outside the projection. */
double pv_north_arrow_get_angle (PvCrs   *crs,
                                 double   x,
                                 double   y);
/* Draws a north arrow with "N" above it, the whole size cairo units tall,
 * centred at (cx, cy) and turned clockwise by angle radians about that
 * centre: a tall arrowhead, its left half black and its right half white in
 * a black outline. Its width is size × 0.45. */
void   pv_north_arrow_draw      (cairo_t *cr,
                                 double   cx,
                                 double   cy,
                                 double   size,
                                 double   angle,
                                 double   units_per_mm);

G_END_DECLS
