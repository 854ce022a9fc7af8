/* pv-transform.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "pv-crs.h"

G_BEGIN_DECLS

#define PV_TYPE_TRANSFORM (pv_transform_get_type ())
G_DECLARE_FINAL_TYPE (PvTransform, pv_transform, PV, TRANSFORM, GObject)

/* A coordinate operation from one CRS to another, in visualisation axis order
 * (easting/longitude first). Any CRS on the VN-2000 datum goes through the
 * official Decision 05/2007 parameters (EPSG:6960), never EPSG:5194.
 *
 * A PvTransform owns its PROJ context: use one per thread. */
PvTransform *pv_transform_new                (PvCrs        *source,
                                              PvCrs        *target,
                                              GError      **error) G_GNUC_WARN_UNUSED_RESULT;
PvCrs       *pv_transform_get_source         (PvTransform  *self);
PvCrs       *pv_transform_get_target         (PvTransform  *self);
gboolean     pv_transform_is_identity        (PvTransform  *self);
/* The PROJ pipeline used (for GDAL's COORDINATE_OPERATION option, and docs). */
const char  *pv_transform_get_pipeline       (PvTransform  *self);
gboolean     pv_transform_point              (PvTransform  *self,
                                              double       *x,
                                              double       *y,
                                              GError      **error);
/* Transforms n interleaved x,y pairs in place. Points that cannot be transformed
 * become NaN; returns the number of such failures. */
gsize        pv_transform_points_interleaved (PvTransform  *self,
                                              double       *xy,
                                              gsize         n);
/* Transforms a box by sampling its edges; FALSE when nothing transforms. */
gboolean     pv_transform_bounds             (PvTransform  *self,
                                              double        xmin,
                                              double        ymin,
                                              double        xmax,
                                              double        ymax,
                                              double       *out_xmin,
                                              double       *out_ymin,
                                              double       *out_xmax,
                                              double       *out_ymax);

G_END_DECLS
