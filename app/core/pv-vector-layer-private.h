/* pv-vector-layer-private.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdal.h>
#include <ogr_api.h>

#include "pv-encoding.h"
#include "pv-labeling.h"
#include "pv-rtree-private.h"
#include "pv-vector-layer.h"

G_BEGIN_DECLS

/* kinds[] of a feature without geometry. */
#define KIND_NONE 0xFF

/* The layer's geometry brought into one map CRS, with its spatial index
 * (immutable once built, shared with render threads). */
typedef struct
{
  gatomicrefcount  ref_count;
  PvCrs           *crs;        /* the map CRS this was prepared for (NULL: as is) */
  guint            generation; /* the layer's when prepared: a new layer CRS re-prepares */
  double          *xy;         /* coordinates in the map CRS (may alias the layer's) */
  gboolean         owns_xy;
  PvRTree         *tree;
} Prepared;

/* A style and the category of every feature under it (immutable, shared
 * with render threads). */
typedef struct
{
  gatomicrefcount  ref_count;
  PvStyle         *style;
  guint16         *categories; /* per feature */
  guint           *counts;     /* per category */
} ClassMap;

void _pv_class_map_unref (ClassMap *cm);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClassMap, _pv_class_map_unref)

/* A labeling and the label text of every feature under it (immutable,
 * shared with render threads; built in pv-vector-labels.c). */
typedef struct
{
  gatomicrefcount  ref_count;
  PvLabeling      *labeling;
  char            *text;       /* the texts, each NUL-terminated ("" for none) */
  guint32         *offsets;    /* per feature, into text */
} PvLabelTexts;

void _pv_label_texts_unref (PvLabelTexts *texts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvLabelTexts, _pv_label_texts_unref)

/* How a layer's text reaches it from GDAL. */
typedef struct
{
  gboolean         raw;         /* GDAL hands over the file's bytes */
  const char      *wrap;        /* …wrapped as this single-byte charset in UTF-8 (DXF: "ISO-8859-1"), or NULL */
  PvEncoding       encoding;    /* of raw text */
  PvEncodingOrigin origin;
  double           confidence;
} PvTextMode;

struct _PvVectorLayer
{
  PvLayer          parent_instance;

  char            *driver_name;
  char            *geometry_type_name;
  int              layer_index;
  GPtrArray       *field_names;
  GPtrArray       *field_types;
  GArray          *field_numeric; /* gboolean per field */

  /* Geometry, flattened: feature → parts → vertices. */
  guint            n_features;
  guint            n_geometries;
  guint8          *kinds;        /* PvGeometryKind, or KIND_NONE */
  guint32         *part_starts;  /* n_features + 1, into parts */
  guint32         *vertex_starts;/* n_parts + 1, into xy (vertex units) */
  guint            n_parts;
  double          *xy;           /* n_vertices × 2 in the layer's CRS */
  guint            n_vertices;
  gint64          *fids;         /* NULL when fid = index + fid_offset */
  gint64           fid_offset;
  double           extent[4];
  gboolean         has_extent;

  GMutex           mutex;        /* guards prepared and selection: held briefly */
  Prepared        *prepared;
  /* Attribute reads scan the file for long stretches: their own lock, so that
   * renders, identify and selection never wait for a table's filter. */
  GMutex           attribute_mutex;
  GDALDatasetH     attribute_dataset;
  GHashTable      *index_by_fid; /* built on demand when fids are not consecutive */
  GBytes          *selection;    /* immutable bitset of n_features bits, or NULL */
  ClassMap        *class_map;    /* the style and each feature's category, or NULL */
  PvLabelTexts    *label_texts;  /* the labeling and each feature's text, or NULL; guarded by mutex */
  guint            n_selected;

  /* Text (pv-vector-text.c; changed only with attribute_mutex held). Legacy
   * sources are opened "raw", without GDAL's recoding, and decoded here. */
  PvTextMode       text;
  PvTextMode       text_auto;       /* as declared or detected at load */
  char            *declared_encoding; /* as the source declares it, or NULL */
  char            *declared_by;       /* translated: where it is declared */
  GDALDatasetH     mirror;          /* the attributes decoded, for SQL filters on raw text */
  GPtrArray       *retired_names;   /* field names replaced by a new encoding (callers may hold them) */

  /* Only the features whose field holds this (decoded) value: a layer of a
   * DXF drawing, a level of a DGN file. NULL: all. */
  char            *subset_field;
  char            *subset_value;

  /* A database source (PostGIS): only the features in a window around the
   * view are in memory, (re)loaded by prepare_view(). A window swap replaces
   * the geometry arrays (and the fids, prepared data, class map, label texts)
   * under window_lock for writing: whatever reads them across calls (render,
   * identify, the labeler, setting styles and labels and the selection)
   * holds it for reading. */
  gboolean         windowed;
  GRWLock          window_lock;
  GMutex           window_mutex;   /* one window load at a time; guards window_dataset */
  GDALDatasetH     window_dataset;
  GDALDatasetH     window_dataset2; /* a second connection: big windows are read by two */
  gboolean         has_window;
  double           window[4];      /* in the layer's CRS */
  double           window_resolution; /* layer units per pixel of the view it was loaded for */
  guint            window_serial;  /* bumped by every window swap */
  gboolean         window_fixed;   /* pv_vector_layer_read_table()'s: no other window */
};

/* TRUE on a thread rebuilding a new window's class map and label texts: no
 * signals then (the style did not change; "features-changed" follows). */
gboolean       _pv_vector_layer_quiet (void);
/* For a windowed layer: restricts the attribute handle's layer to the
 * current window (scans then see the window's features only). Call with
 * attribute_mutex held. */
void           _pv_vector_layer_window_filter_locked (PvVectorLayer *self,
                                                      OGRLayerH      layer);

Prepared      *_pv_prepared_ref (Prepared *p);
void           _pv_prepared_unref (Prepared *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prepared, _pv_prepared_unref)
/* Squared distance from (px, py) to the segment a–b. */
static inline double
_pv_segment_distance2 (double px,
                       double py,
                       double ax,
                       double ay,
                       double bx,
                       double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return dx * dx + dy * dy;
}

/* Makes layer read only these fields (by index), without geometry; undo with
 * OGR_L_SetIgnoredFields (layer, NULL). */
void           _pv_ogr_read_only_fields (OGRLayerH  layer,
                                         const int *fields,
                                         guint      n_fields);
/* The feature index of an OGR feature id. Call with attribute_mutex held. */
gboolean       _pv_vector_layer_index_of_fid_locked (PvVectorLayer *self,
                                                     gint64         fid,
                                                     guint         *index);
/* The prepared geometry (a new reference) or NULL when not prepared. */
Prepared      *_pv_vector_layer_dup_prepared (PvVectorLayer *self);


/* Opens a vector source; raw: its text as the file's bytes (see text_raw). */
GDALDatasetH   _pv_vector_open_source (const char *path,
                                       gboolean    raw);
/* At load: opens the source (NULL on failure, with GDAL's error) and finds
 * how the text of the layer at layer_index is encoded, opening the source raw
 * when the layer decodes it. */
void           _pv_vector_layer_init_text (PvVectorLayer *self,
                                           const char    *path,
                                           GDALDatasetH  *dataset);
/* A text value or field name from GDAL, as NFC UTF-8 (never NULL). Call with
 * attribute_mutex held, or before the layer is shared. */
char          *_pv_vector_layer_decode (PvVectorLayer *self,
                                        const char    *text) G_GNUC_WARN_UNUSED_RESULT;
/* The layer to run OGR SQL filters on: the attribute handle, or for raw text
 * a decoded copy of the attributes. Call with attribute_mutex held. */
OGRLayerH      _pv_vector_layer_filter_layer_locked (PvVectorLayer  *self,
                                                     GCancellable   *cancellable,
                                                     GError        **error);
void           _pv_vector_layer_clear_text (PvVectorLayer *self);
void           _pv_vector_layer_emit_text_changed (PvVectorLayer *self);

/* Like _pv_vector_layer_new(), the features whose subset_field holds
 * subset_value (decoded text), e.g. field "Layer" of a DXF drawing. */
PvVectorLayer *_pv_vector_layer_new_subset (const char      *path,
                                            int              layer_index,
                                            const char      *subset_field,
                                            const char      *subset_value,
                                            PvProgressFunc   progress,
                                            gpointer         user_data,
                                            GCancellable    *cancellable,
                                            GError         **error);
/* The distinct decoded values of a field (the CAD sublayers), in the order
 * first met, with their feature counts (PvSublayer). NULL when the field is
 * missing. */
typedef struct
{
  char  *value;
  guint  n_features;
} PvSublayer;
GPtrArray     *_pv_vector_list_sublayers (const char   *path,
                                          int           layer_index,
                                          const char   *field,
                                          GCancellable *cancellable);

/* Reads the layer at layer_index of the source at path (GDAL vector).
 * progress (may be NULL) is called on the calling thread with the fraction
 * of features read. */
PvVectorLayer *_pv_vector_layer_new (const char      *path,
                                     int              layer_index,
                                     PvProgressFunc   progress,
                                     gpointer         user_data,
                                     GCancellable    *cancellable,
                                     GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* Styles the layer with the land-use palette when a text field holds
 * Vietnamese land-use codes (most of its values). */
gboolean       _pv_vector_layer_apply_automatic_style (PvVectorLayer  *self,
                                                       GCancellable   *cancellable,
                                                       GError        **error);

G_END_DECLS
