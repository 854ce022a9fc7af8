/* pv-vector-layer.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-layer.h"

G_BEGIN_DECLS

#define PV_TYPE_VECTOR_LAYER (pv_vector_layer_get_type ())
G_DECLARE_FINAL_TYPE (PvVectorLayer, pv_vector_layer, PV, VECTOR_LAYER, PvLayer)

typedef enum
{
  PV_GEOMETRY_KIND_POINT,
  PV_GEOMETRY_KIND_LINE,
  PV_GEOMETRY_KIND_POLYGON,
} PvGeometryKind;

const char *pv_vector_layer_get_driver_name        (PvVectorLayer  *self);
/* OGR's name of the layer's geometry type, e.g. "Multi Polygon". */
const char *pv_vector_layer_get_geometry_type_name (PvVectorLayer  *self);
/* Features read (with or without a drawable geometry). */
guint       pv_vector_layer_get_n_features         (PvVectorLayer  *self);
/* Features with a drawable geometry. */
guint       pv_vector_layer_get_n_geometries       (PvVectorLayer  *self);
guint       pv_vector_layer_get_n_vertices         (PvVectorLayer  *self);
guint       pv_vector_layer_get_n_fields           (PvVectorLayer  *self);
const char *pv_vector_layer_get_field_name         (PvVectorLayer  *self,
                                                    guint           field);
const char *pv_vector_layer_get_field_type_name    (PvVectorLayer  *self,
                                                    guint           field);
/* The attribute values of the feature at index (0 … n_features-1) as text,
 * NULL entries for null values. Reads from the source under a lock. */
GStrv       pv_vector_layer_dup_attributes         (PvVectorLayer  *self,
                                                    guint           index,
                                                    GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Indices of the features whose bounding box in the map CRS meets the box;
 * only valid after prepare() for that CRS. */
GArray     *pv_vector_layer_query_box              (PvVectorLayer  *self,
                                                    double          xmin,
                                                    double          ymin,
                                                    double          xmax,
                                                    double          ymax) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
