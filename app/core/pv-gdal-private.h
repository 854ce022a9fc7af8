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

/* A GDAL message as one line of valid UTF-8, for a GError: GDAL quotes the
 * bytes of broken files (expat's "attribute '\377'") and embeds newlines. */
char       *_pv_gdal_clean_message (const char *message);
/* Sets error to "file: what (GDAL's last message)" and clears GDAL's error. */
void        _pv_set_gdal_error   (GError             **error,
                                  GQuark               domain,
                                  int                  code,
                                  const char          *path,
                                  const char          *what);
/* A PvCrs for a GDAL spatial reference, or NULL (unknown) when srs is NULL
 * or unusable. */
PvCrs      *_pv_crs_new_from_osr (OGRSpatialReferenceH srs);
/* A new PROJ context that keeps its last error message, without PROJ's
 * "proj_xxx: " prefix, in *last_error (replacing the previous one) instead of
 * printing it; *last_error must outlive the context and the caller frees it. */
PJ_CONTEXT *_pv_proj_context_new (char               **last_error) G_GNUC_WARN_UNUSED_RESULT;
/* The 2D/3D horizontal part of a PROJ CRS: the base of a BoundCRS, the first
 * component of a CompoundCRS (a clone of crs itself otherwise), or NULL. */
PJ         *_pv_proj_get_horizontal_crs (PJ_CONTEXT *ctx,
                                         PJ         *crs) G_GNUC_WARN_UNUSED_RESULT;
/* The largest raster GDAL may be asked to allocate for one read. */
#define PV_MAX_READ_PIXELS ((gsize) 64 * 1024 * 1024)

G_END_DECLS
