/* pv-layer.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "pv-crs.h"
#include "pv-viewport.h"

G_BEGIN_DECLS

#define PV_TYPE_LAYER (pv_layer_get_type ())
G_DECLARE_DERIVABLE_TYPE (PvLayer, pv_layer, PV, LAYER, GObject)

typedef struct _PvRenderContext PvRenderContext;

/* Everything one layer needs to draw itself on a cairo_t whose user space is
 * device pixels of the viewport (origin top-left). */
struct _PvRenderContext
{
  PvViewport   *viewport;     /* what the frame shows, in the map CRS */
  PvCrs        *map_crs;      /* may be NULL when every layer's CRS is unknown */
  double        device_scale; /* device pixels per CSS pixel (line widths) */
  GCancellable *cancellable;
  /* cr draws into a document (PDF, SVG): geometry is emitted at the device
   * resolution, nothing finer (see pv_render_is_vector_target()). */
  gboolean      vector_output;
};

struct _PvLayerClass
{
  GObjectClass parent_class;

  /* Brings the layer into the map CRS (transform, spatial index). Called on a
   * worker thread before render(); must be idempotent and thread-safe. */
  gboolean (*prepare)    (PvLayer                *self,
                          PvCrs                  *map_crs,
                          GCancellable           *cancellable,
                          GError                **error);
  /* Draws on cr. May be called from several threads at once (stripes) after a
   * successful prepare() for the same map CRS. */
  gboolean (*render)     (PvLayer                *self,
                          cairo_t                *cr,
                          const PvRenderContext  *ctx,
                          GError                **error);
  /* Extent in the layer's own CRS; FALSE when empty. */
  gboolean (*get_extent) (PvLayer                *self,
                          double                 *xmin,
                          double                 *ymin,
                          double                 *xmax,
                          double                 *ymax);
  /* Optional: called on a worker before prepare() with what the frame will
   * show (map_crs may be NULL), so that a layer reading from a database loads
   * only the features there. Thread-safe; TRUE when nothing needs doing. */
  gboolean (*prepare_view) (PvLayer              *self,
                            PvCrs                *map_crs,
                            PvViewport           *viewport,
                            GCancellable         *cancellable,
                            GError              **error);

  gpointer padding[7];
};

const char *pv_layer_get_name         (PvLayer       *self);
void        pv_layer_set_name         (PvLayer       *self,
                                       const char    *name);
/* The path or GDAL connection string the layer was read from. */
const char *pv_layer_get_source       (PvLayer       *self);
/* The GDAL layer name inside the source (vector), or NULL. */
const char *pv_layer_get_source_layer (PvLayer       *self);
/* NULL when the data carries no CRS ("unknown"); never guessed. */
PvCrs      *pv_layer_get_crs          (PvLayer       *self);
gboolean    pv_layer_get_visible      (PvLayer       *self);
void        pv_layer_set_visible      (PvLayer       *self,
                                       gboolean       visible);
double      pv_layer_get_opacity      (PvLayer       *self);
void        pv_layer_set_opacity      (PvLayer       *self,
                                       double         opacity);
/* Opacity of polygon fills (0 draws outlines only, e.g. boundaries). */
/* Shown only between these scale denominators (0: no limit), e.g. parcels
 * only from 1:10 000 inwards: max_scale 10000. */
void        pv_layer_set_scale_range  (PvLayer       *self,
                                       double         min_scale,
                                       double         max_scale);
void        pv_layer_get_scale_range  (PvLayer       *self,
                                       double        *min_scale,
                                       double        *max_scale);
gboolean    pv_layer_is_visible_at_scale (PvLayer    *self,
                                       double         scale);
double      pv_layer_get_fill_opacity (PvLayer       *self);
void        pv_layer_set_fill_opacity (PvLayer       *self,
                                       double         fill_opacity);
/* A notice for the user that is not an error (e.g. "no georeferencing"). */
const char *pv_layer_get_notice       (PvLayer       *self);
/* The layer's default colour, distinct per layer. */
void        pv_layer_get_color        (PvLayer       *self,
                                       double        *rgb);
void        pv_layer_set_color        (PvLayer       *self,
                                       const double  *rgb);
gboolean    pv_layer_get_extent       (PvLayer       *self,
                                       double        *xmin,
                                       double        *ymin,
                                       double        *xmax,
                                       double        *ymax);
/* Extent transformed into map_crs (the layer's own when either is NULL). */
gboolean    pv_layer_get_extent_in    (PvLayer       *self,
                                       PvCrs         *map_crs,
                                       double        *xmin,
                                       double        *ymin,
                                       double        *xmax,
                                       double        *ymax);
gboolean    pv_layer_prepare          (PvLayer       *self,
                                       PvCrs         *map_crs,
                                       GCancellable  *cancellable,
                                       GError       **error);
/* Calls the layer's prepare_view() (TRUE for layers without one). */
gboolean    pv_layer_prepare_view     (PvLayer       *self,
                                       PvCrs         *map_crs,
                                       PvViewport    *viewport,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean    pv_layer_render           (PvLayer                *self,
                                       cairo_t                *cr,
                                       const PvRenderContext  *ctx,
                                       GError                **error);

/* Opens every layer of a vector or raster source that GDAL reads. When
 * layer_name is not NULL only that layer of the source is returned.
 * Returns a GPtrArray of PvLayer. */
GPtrArray  *pv_layer_open_all         (const char    *path,
                                       const char    *layer_name,
                                       GCancellable  *cancellable,
                                       GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* Assigns a CRS to a layer (e.g. a file that carries none); NULL makes it
 * unknown again. Clears the "unknown CRS" notice, notifies "crs" and bumps the
 * layer's generation, so prepared data for the old CRS is not reused. */
void        pv_layer_set_crs          (PvLayer       *self,
                                       PvCrs         *crs);

/* Called on the loading thread, at most every few thousand features or once
 * per layer: fraction of the work done (0…1, or negative when unknown) and the
 * name of what is being read. */
typedef void (*PvProgressFunc) (double      fraction,
                                const char *what,
                                gpointer    user_data);

/* pv_layer_open_all() that reports progress per layer read. */
GPtrArray  *pv_layer_open_all_with_progress (const char      *path,
                                             const char      *layer_name,
                                             PvProgressFunc   progress,
                                             gpointer         user_data,
                                             GCancellable    *cancellable,
                                             GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* One layer of a source, listed without reading its features. */
typedef struct
{
  char    *name;            /* GDAL layer name; NULL for the raster bands */
  char    *geometry_type;   /* OGR's geometry type name; NULL for a raster or
                             * when the layer declares none (any geometry) */
  gint64   n_features;      /* -1 when GDAL cannot count them quickly */
  gboolean is_raster;
  int      width;           /* raster size and bands, else 0 */
  int      height;
  int      n_bands;
  char    *sublayer_field;  /* a layer of a CAD drawing: the features whose */
  char    *sublayer_value;  /* field (DXF "Layer", DGN "Level") has this value */
} PvSourceLayer;

void        pv_source_layer_free      (PvSourceLayer *layer);

/* Opens one layer of a CAD drawing: the features of layer_name (NULL: the
 * first layer) whose field has value (decoded text), e.g. field "Layer" =
 * "RANH_GIOI" of a DXF file. Returns a GPtrArray of one PvLayer. */
GPtrArray  *pv_layer_open_sublayer    (const char      *path,
                                       const char      *layer_name,
                                       const char      *field,
                                       const char      *value,
                                       PvProgressFunc   progress,
                                       gpointer         user_data,
                                       GCancellable    *cancellable,
                                       GError         **error) G_GNUC_WARN_UNUSED_RESULT;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvSourceLayer, pv_source_layer_free)

/* The raster (if the source has bands, first) and the vector layers of a
 * source, in GDAL's order, as PvSourceLayer. Counts features only where the
 * driver can do so without a full scan, or the file is small. */
GPtrArray  *pv_layer_list_source      (const char    *path,
                                       GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* Protected, for subclasses. */
void        _pv_layer_set_source      (PvLayer       *self,
                                       const char    *source,
                                       const char    *source_layer);
void        _pv_layer_set_crs         (PvLayer       *self,
                                       PvCrs         *crs);
void        _pv_layer_set_notice      (PvLayer       *self,
                                       const char    *notice);
/* Bumped whenever the layer's CRS changes: prepare() caches compare it. */
guint       _pv_layer_get_generation  (PvLayer       *self);
/* Emits "appearance-changed": the layer draws differently now. */
void        _pv_layer_emit_appearance_changed (PvLayer   *self);

G_END_DECLS
