/* pv-crs-suggest.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pv-crs.h"

G_BEGIN_DECLS

/* The likely CRSs (PvCrs) of a layer that carries none, from its extent,
 * most likely first; the user is to confirm one, nothing is assumed.
 *
 * - Projected metres in the ranges of Vietnam's zones (easting around the
 *   false easting 500 000, northing 0.85–2.65 million): the VN-2000
 *   projected CRSs of PROJ's database whose area of use contains the centre
 *   of the extent, transformed to longitude/latitude from that CRS.
 *   Bình Dương's EPSG:9210 first, then the provincial TM-3 zones, then the
 *   others (UTM 48N/49N, generic TM-3 zones).
 * - Degrees within Vietnam (longitude 102–110, latitude 8–24): VN-2000
 *   geographic (EPSG:4756), then WGS 84 (EPSG:4326).
 * - Anything else, NaN or infinite coordinates: an empty array.
 *
 * Returns NULL with error set only when PROJ fails. */
GPtrArray *pv_crs_suggest_for_extent (double   xmin,
                                      double   ymin,
                                      double   xmax,
                                      double   ymax,
                                      GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
