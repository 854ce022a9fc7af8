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

G_END_DECLS
