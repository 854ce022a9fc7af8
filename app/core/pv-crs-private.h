/* pv-crs-private.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-crs.h"

G_BEGIN_DECLS

/* The EPSG CRS a VN-2000 definition without (or with a different) EPSG
 * identity stands for, as ESRI and MapInfo tools write them: a CRS on the
 * WGS 84 ellipsoid, Greenwich, whose datum, geographic CRS or projected CRS
 * is named for VN-2000 ("D_Vietnam_2000", "GCS_VN_2000", "VN2000_…",
 * "Vietnam 2000") or which carries the official TOWGS84 of Decision
 * 05/2007/QĐ-BTNMT (either rotation convention, either sign of the scale
 * as GDAL's MapInfo writer flips it, or its three translations only), or
 * a MapInfo-style Transverse Mercator on the plain WGS 84 datum with the
 * parameters of a provincial VN-2000 TM-3 grid (k0 0.9999, which no WGS 84
 * CRS uses). Geographic degrees resolve to EPSG:4756; a projection resolves
 * to the non-deprecated VN-2000 projected CRS of proj.db with the same
 * method and parameters (Transverse Mercator: latitude of origin, central
 * meridian, scale factor, false easting and northing, metres).
 *
 * Returns a new reference to that EPSG CRS, or to crs itself when it is not
 * VN-2000, already EPSG, carries another TOWGS84, or nothing in proj.db
 * matches (non-VN-2000 CRSs are never changed). */
PvCrs *_pv_crs_resolve_vn2000 (PvCrs *crs) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
