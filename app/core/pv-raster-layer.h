/* pv-raster-layer.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-layer.h"

G_BEGIN_DECLS

#define PV_TYPE_RASTER_LAYER (pv_raster_layer_get_type ())
G_DECLARE_FINAL_TYPE (PvRasterLayer, pv_raster_layer, PV, RASTER_LAYER, PvLayer)

/* Opens a raster GDAL reads. A raster without georeferencing opens in pixel
 * space (y up, one unit per pixel) with a notice. */
PvRasterLayer *pv_raster_layer_new                (const char     *path,
                                                   GError        **error) G_GNUC_WARN_UNUSED_RESULT;
const char    *pv_raster_layer_get_driver_name    (PvRasterLayer  *self);
int            pv_raster_layer_get_width          (PvRasterLayer  *self);
int            pv_raster_layer_get_height         (PvRasterLayer  *self);
int            pv_raster_layer_get_n_bands        (PvRasterLayer  *self);
/* GDAL's data type name of band 1, e.g. "Byte", "UInt16". */
const char    *pv_raster_layer_get_data_type_name (PvRasterLayer  *self);
int            pv_raster_layer_get_n_overviews    (PvRasterLayer  *self);
gboolean       pv_raster_layer_is_georeferenced   (PvRasterLayer  *self);
/* e.g. "RGB", "RGBA", "grey", "palette". */
const char    *pv_raster_layer_get_kind_name      (PvRasterLayer  *self);

/* The value of every band at map point (x, y): map_crs is the CRS of the
 * point (NULL: the layer's own). Reads one full-resolution pixel. values gets
 * one double per band and nodata one gboolean per band (TRUE: no data there).
 * Returns FALSE without an error when the point is outside the raster. */
gboolean       pv_raster_layer_sample             (PvRasterLayer  *self,
                                                   PvCrs          *map_crs,
                                                   double          x,
                                                   double          y,
                                                   GArray         *values,
                                                   GArray         *nodata,
                                                   int            *column,
                                                   int            *row,
                                                   GError        **error);

G_END_DECLS
