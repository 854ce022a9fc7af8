/* pv-geodesic.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pv-crs.h"

G_BEGIN_DECLS

/* Lengths and areas of shapes given in a map CRS, measured two ways:
 *
 * - geodesic: on the ellipsoid of the CRS's own geographic CRS (for
 *   EPSG:9210, VN-2000 on WGS 84), with PROJ's geodesic functions (Karney's
 *   algorithms, as the `geod` program). The vertices are taken to that
 *   geographic CRS by the CRS's own projection only (no datum shift), and
 *   consecutive vertices are joined by geodesics.
 * - planar: in the CRS's own plane, in its unit converted to metres (m²);
 *   NaN for a geographic CRS (degrees have no planar length). With no CRS
 *   (crs NULL, a layer without one) the coordinates are taken as metres.
 *
 * xy holds n_points interleaved x, y pairs in the CRS's visualisation order
 * (easting or longitude first), as everywhere in PlanViewer. Both out
 * parameters may be NULL.
 *
 * Safe from any thread: each thread keeps its own PROJ context and the
 * objects of the last CRS it measured in. */

/* The length of the polyline through the points (0 for fewer than two).
 * crs NULL: returns TRUE with *geodesic_m NaN. FALSE with error when a
 * vertex cannot be taken to longitude/latitude or the CRS has no ellipsoid. */
gboolean  pv_geodesic_length              (PvCrs         *crs,
                                           const double  *xy,
                                           guint          n_points,
                                           double        *geodesic_m,
                                           double        *planar,
                                           GError       **error);
/* The area of the polygon with the points as its ring (closed or not, either
 * orientation; the area is never negative; 0 for fewer than three distinct
 * points). Self-intersecting rings give PROJ's signed sum, made positive. */
gboolean  pv_geodesic_area                (PvCrs         *crs,
                                           const double  *xy,
                                           guint          n_points,
                                           double        *geodesic_m2,
                                           double        *planar,
                                           GError       **error);
/* The name of the ellipsoid geodesic measures use for crs ("WGS 84"), or
 * NULL when crs is NULL or has none. */
char     *pv_geodesic_dup_ellipsoid_name  (PvCrs         *crs) G_GNUC_WARN_UNUSED_RESULT;

/* Ground metres per map unit at (x, y) in crs, measured along the parallel
 * (east-west): the linear unit's length for a projected CRS (1 for metres,
 * 0.3048 for international feet, 1200/3937 for US survey feet), and for a
 * geographic CRS the geodesic length on its ellipsoid of one unit of
 * longitude at latitude y (about 109 km per degree at 11° N). crs NULL, or a
 * CRS without a geographic base or known unit: 1 (taken as metres). For
 * scale bars and print scales. */
double    pv_geodesic_metres_per_unit     (PvCrs         *crs,
                                           double         x,
                                           double         y);

G_END_DECLS
