/* pv-gdal-private.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdal.h>
#include <glib.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <proj.h>

#include "pv-crs.h"

G_BEGIN_DECLS

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GDALDatasetH, GDALClose, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRFeatureH, OGR_F_Destroy, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRGeometryH, OGR_G_DestroyGeometry, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRSpatialReferenceH, OSRRelease, NULL)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PJ, proj_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PJ_CONTEXT, proj_context_destroy)

/* Sets error to "file: what (GDAL's last message)" and clears GDAL's error. */
void   _pv_set_gdal_error    (GError      **error,
                              GQuark        domain,
                              int           code,
                              const char   *path,
                              const char   *what);
/* A PvCrs for a GDAL spatial reference, or NULL (unknown) when srs is NULL
 * or unusable. */
PvCrs *_pv_crs_new_from_osr  (OGRSpatialReferenceH srs);
/* The largest raster GDAL may be asked to allocate for one read. */
#define PV_MAX_READ_PIXELS ((gsize) 64 * 1024 * 1024)

G_END_DECLS
