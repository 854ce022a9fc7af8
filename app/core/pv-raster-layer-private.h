/* pv-raster-layer-private.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-raster-layer.h"

G_BEGIN_DECLS

/* What the last read from GDAL was (for tests and the debug overlay). */
typedef struct
{
  int   level;         /* 0: full resolution, k: GDAL overview k - 1 */
  int   x, y;          /* window in the pixels of that level */
  int   width, height;
  int   buffer_width;  /* what it was resampled to */
  int   buffer_height;
  guint n_reads;       /* GDAL reads so far (cache misses) */
  guint n_warped;      /* warped VRTs created so far */
  gboolean warped_with_pipeline; /* the last one used PvTransform's pipeline */
} PvRasterReadInfo;

/* A raster layer whose source is source while GDAL opens gdal_name (the
 * GDAL_WMS description of a web service: pv-web-source.c). */
PvRasterLayer *_pv_raster_layer_new_for_gdal (const char  *source,
                                              const char  *gdal_name,
                                              GError     **error) G_GNUC_WARN_UNUSED_RESULT;

void _pv_raster_layer_get_last_read (PvRasterLayer    *self,
                                     PvRasterReadInfo *info);

G_END_DECLS
