/* pv-raster-layer.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-layer.h"
#include "pv-raster-style.h"

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

/* Draws the layer with style (NULL: the default style, how the file says it
 * is meant to be seen). Samples the bands a min/max or percentile stretch
 * needs (once per band, cached), so call it from a worker. The layer keeps a
 * frozen copy; redraws follow through "appearance-changed". FALSE with an
 * error naming the file when the style does not fit the raster (no such
 * band, no colour table) or when cancelled; the old style stays. */
gboolean       pv_raster_layer_set_style          (PvRasterLayer  *self,
                                                   PvRasterStyle  *style,
                                                   GCancellable   *cancellable,
                                                   GError        **error);
/* The style in use (frozen: copy it to edit). */
PvRasterStyle *pv_raster_layer_dup_style          (PvRasterLayer  *self) G_GNUC_WARN_UNUSED_RESULT;
PvRasterStyle *pv_raster_layer_dup_default_style  (PvRasterLayer  *self) G_GNUC_WARN_UNUSED_RESULT;
/* The values the current style maps to 0 and 255 on channel (0…2 for RGB,
 * 0 otherwise); FALSE when that channel is not stretched. */
gboolean       pv_raster_layer_get_stretch_range  (PvRasterLayer  *self,
                                                   guint           channel,
                                                   double         *min,
                                                   double         *max);

/* About band (1…n_bands), for style editors. */
const char    *pv_raster_layer_get_band_data_type_name (PvRasterLayer *self,
                                                        int            band);
/* GDAL's colour interpretation name: "Red", "Gray", "Palette", "Undefined"… */
const char    *pv_raster_layer_get_band_color_name     (PvRasterLayer *self,
                                                        int            band);
gboolean       pv_raster_layer_band_has_color_table    (PvRasterLayer *self,
                                                        int            band);
gboolean       pv_raster_layer_get_band_nodata         (PvRasterLayer *self,
                                                        int            band,
                                                        double        *nodata);

G_END_DECLS
