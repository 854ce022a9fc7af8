/* pv-vector-layer.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-encoding.h"
#include "pv-layer.h"
#include "pv-labeling.h"
#include "pv-style.h"

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

/* Features whose geometry (in the map CRS, after prepare()) lies under
 * (x, y) or within tolerance map units of it, topmost (last drawn) first. */
GArray     *pv_vector_layer_identify               (PvVectorLayer  *self,
                                                    double          x,
                                                    double          y,
                                                    double          tolerance) G_GNUC_WARN_UNUSED_RESULT;
/* Bounding box of one feature in the map CRS (after prepare()). */
gboolean    pv_vector_layer_get_feature_extent     (PvVectorLayer  *self,
                                                    guint           index,
                                                    double         *xmin,
                                                    double         *ymin,
                                                    double         *xmax,
                                                    double         *ymax);
/* The selected features (indices) are drawn highlighted by the renderer.
 * Emits "selection-changed". NULL or empty clears. */
void        pv_vector_layer_set_selection          (PvVectorLayer  *self,
                                                    GArray         *indices);
/* Selected indices, ascending. */
GArray     *pv_vector_layer_dup_selection          (PvVectorLayer  *self) G_GNUC_WARN_UNUSED_RESULT;
guint       pv_vector_layer_get_n_selected         (PvVectorLayer  *self);
gboolean    pv_vector_layer_is_selected            (PvVectorLayer  *self,
                                                    guint           index);
/* Indices (ascending) of the features matching an OGR SQL WHERE expression,
 * e.g. "ma_sdd = 'ODT' AND dien_tich > 5000". */
GArray     *pv_vector_layer_filter_where           (PvVectorLayer  *self,
                                                    const char     *where,
                                                    GCancellable   *cancellable,
                                                    GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Every feature's value of one field as text (n_features entries, NULL for
 * null), e.g. for sorting and filtering a table. */
GStrv       pv_vector_layer_dup_column             (PvVectorLayer  *self,
                                                    guint           field,
                                                    GCancellable   *cancellable,
                                                    GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Frees what dup_attributes (n_fields values) or dup_column (n_features
 * values) returned: they hold NULL for null values, where g_strfreev would
 * stop and leak the rest. */
void        pv_vector_layer_free_values            (char          **values,
                                                    guint           n_values);
/* TRUE for integer and real fields (sort numerically). */
gboolean    pv_vector_layer_field_is_numeric       (PvVectorLayer  *self,
                                                    guint           field);

/* How the layer draws. A categorized style reads its field from the file
 * (once) to find each feature's category. NULL: the layer's single colour.
 * Emits "style-changed". */
gboolean    pv_vector_layer_set_style              (PvVectorLayer  *self,
                                                    PvStyle        *style,
                                                    GCancellable   *cancellable,
                                                    GError        **error);
PvStyle    *pv_vector_layer_dup_style              (PvVectorLayer  *self) G_GNUC_WARN_UNUSED_RESULT;
/* Features per category of the style (the last is "other": unknown codes
 * are counted there, never dropped). */
GArray     *pv_vector_layer_dup_category_counts    (PvVectorLayer  *self) G_GNUC_WARN_UNUSED_RESULT;

/* Labels the features with labeling (NULL: no labels). Reads the fields the
 * text uses from the source, so call it from a worker thread for big layers.
 * A text naming a field the layer lacks is an error and keeps the labels
 * as they were. Emits "style-changed". */
gboolean    pv_vector_layer_set_labeling           (PvVectorLayer  *self,
                                                    PvLabeling     *labeling,
                                                    GCancellable   *cancellable,
                                                    GError        **error);
PvLabeling *pv_vector_layer_dup_labeling           (PvVectorLayer  *self) G_GNUC_WARN_UNUSED_RESULT;

/* A layer of a CAD drawing holds only the features whose field (DXF
 * "Layer", DGN "Level") has one value: TRUE and those, else FALSE. */
gboolean         pv_vector_layer_get_subset              (PvVectorLayer  *self,
                                                          const char    **field,
                                                          const char    **value);

/* The encoding the layer's text (values and field names) is decoded from, and
 * why. Legacy sources (shapefiles, DXF, DGN, MapInfo tables GDAL cannot
 * decode, CSV) are read as bytes and decoded in core, to the last character. */
PvEncoding       pv_vector_layer_get_encoding            (PvVectorLayer  *self);
PvEncodingOrigin pv_vector_layer_get_encoding_origin     (PvVectorLayer  *self);
/* How sure the detection was (0…1); 1 when declared or chosen. */
double           pv_vector_layer_get_encoding_confidence (PvVectorLayer  *self);
/* The encoding as the source declares it (.cpg, DBF LDID, MapInfo charset,
 * DXF code page), e.g. "1258", "ISO-8859-1", "WindowsVietnamese", or NULL. */
const char      *pv_vector_layer_get_declared_encoding   (PvVectorLayer  *self);
/* A translated sentence for layer properties and the CLI, e.g.
 * "TCVN3 (ABC) — detected (96 %)". */
char            *pv_vector_layer_dup_encoding_description (PvVectorLayer *self) G_GNUC_WARN_UNUSED_RESULT;
/* FALSE when the format is Unicode by definition (GeoPackage, GeoJSON…) or
 * GDAL decodes it from a declaration the layer cannot undo. */
gboolean         pv_vector_layer_can_set_encoding        (PvVectorLayer  *self);
/* Decodes the layer's text from @encoding (PV_ENCODING_ORIGIN_USER), or, with
 * @automatic, as declared or detected again. Styles and labels are read again;
 * field names may change. Reads the file: call off the main thread.
 * Emits "text-changed". */
gboolean         pv_vector_layer_set_encoding            (PvVectorLayer  *self,
                                                          PvEncoding      encoding,
                                                          gboolean        automatic,
                                                          GCancellable   *cancellable,
                                                          GError        **error);

/* A layer read from a database (PostGIS): its features are those of a
 * window around the last view prepared (pv_layer_prepare_view()), loaded
 * with a spatial filter the server runs; feature indices, counts, columns,
 * filters and styles cover that window (land-use stats read the table for
 * their scope: pv_vector_layer_read_table()). "features-changed" is emitted
 * (on the main context) when a new window replaced the features; the
 * selection is kept by feature id. */
gboolean         pv_vector_layer_is_windowed             (PvVectorLayer  *self);
/* The current window in the layer's CRS; FALSE before the first view. */
gboolean         pv_vector_layer_get_window              (PvVectorLayer  *self,
                                                          double         *xmin,
                                                          double         *ymin,
                                                          double         *xmax,
                                                          double         *ymax);
/* A new layer holding the features of a windowed layer's table whose boxes
 * meet @extent (layer CRS), or every feature when @extent is NULL, for work
 * that must cover more than the view (land-use stats of the whole table).
 * It keeps them: it is never windowed anew, styled or drawn. Reads the
 * server: call off the main thread. */
PvVectorLayer   *pv_vector_layer_read_table              (PvVectorLayer  *self,
                                                          const double   *extent,
                                                          PvProgressFunc  progress,
                                                          gpointer        user_data,
                                                          GCancellable   *cancellable,
                                                          GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* For a windowed layer: how many features of the whole table match @where
 * (an SQL WHERE clause the server runs), and the box of their geometries in
 * the layer's CRS (all NAN when none has one). An expression the server
 * refuses is an error saying why. Asks the server: call off the main
 * thread. */
gboolean         pv_vector_layer_find_in_source          (PvVectorLayer  *self,
                                                          const char     *where,
                                                          gint64         *n_matches,
                                                          double         *box,
                                                          GCancellable   *cancellable,
                                                          GError        **error);
/* The features and the features with a geometry of the whole source: for a
 * windowed (database) layer counted by the server, not the window's. */
gboolean         pv_vector_layer_count_source            (PvVectorLayer  *self,
                                                          gint64         *n_features,
                                                          gint64         *n_geometries,
                                                          GError        **error);

G_END_DECLS
