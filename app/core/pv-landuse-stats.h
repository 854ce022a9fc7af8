/* pv-landuse-stats.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pv-crs.h"
#include "pv-layer.h"
#include "pv-vector-layer.h"

G_BEGIN_DECLS

/* The land-use structure table (bảng cơ cấu sử dụng đất, vietnam.md §4) of
 * a polygon layer: per value of a category field, its name, area, share of
 * the total and number of features, plus a total row.
 *
 * Areas are geodesic: every ring is brought to the geographic CRS of the
 * layer's CRS and measured on its ellipsoid with PROJ's geodesic functions
 * (holes subtract, the parts of a multipolygon add up). A layer without CRS
 * is measured in the plane, its units taken for metres, and the result says
 * so. Only polygons count: points and lines of a mixed layer are left out. */

typedef enum
{
  PV_LANDUSE_SCOPE_ALL,        /* the whole layer */
  PV_LANDUSE_SCOPE_EXTENT,     /* features clipped to a box */
  PV_LANDUSE_SCOPE_SELECTION,  /* some features, whole */
  PV_LANDUSE_SCOPE_POLYGON,    /* features clipped to a polygon */
} PvLanduseScopeKind;

/* Where to count: immutable once made (set its CRS before sharing it),
 * reference counted. */
typedef struct _PvLanduseScope PvLanduseScope;

#define PV_TYPE_LANDUSE_SCOPE (pv_landuse_scope_get_type ())
GType               pv_landuse_scope_get_type     (void) G_GNUC_CONST;
PvLanduseScope     *pv_landuse_scope_ref          (PvLanduseScope *self);
void                pv_landuse_scope_unref        (PvLanduseScope *self);
PvLanduseScope     *pv_landuse_scope_new_all      (void) G_GNUC_WARN_UNUSED_RESULT;
/* Features clipped to the box. */
PvLanduseScope     *pv_landuse_scope_new_extent   (double          xmin,
                                                   double          ymin,
                                                   double          xmax,
                                                   double          ymax) G_GNUC_WARN_UNUSED_RESULT;
/* The features at these indices (0 … n_features-1), whole. */
PvLanduseScope     *pv_landuse_scope_new_selection (const guint    *indices,
                                                    guint           n_indices) G_GNUC_WARN_UNUSED_RESULT;
/* Features clipped to the polygon of the n vertices xy (x0, y0, x1, y1, …;
 * closed or not). NULL (and error) for fewer than 3 distinct vertices. */
PvLanduseScope     *pv_landuse_scope_new_polygon  (const double   *xy,
                                                   guint           n,
                                                   GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Features clipped to a polygon or multipolygon in WKT. */
PvLanduseScope     *pv_landuse_scope_new_wkt      (const char     *wkt,
                                                   GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* "all", "extent:XMIN,YMIN,XMAX,YMAX" or "wkt:WKT" (the CLI's --scope). */
PvLanduseScope     *pv_landuse_scope_parse        (const char     *text,
                                                   GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* The CRS the coordinates of an extent or polygon scope are in (e.g. the
 * map's, for the current view); NULL (the default): the layer's CRS. */
void                pv_landuse_scope_set_crs      (PvLanduseScope *self,
                                                   PvCrs          *crs);
PvCrs              *pv_landuse_scope_get_crs      (PvLanduseScope *self);
PvLanduseScopeKind  pv_landuse_scope_get_kind     (PvLanduseScope *self);
/* A translated description, e.g. "whole layer", "3 selected features". */
char               *pv_landuse_scope_dup_description (PvLanduseScope *self) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvLanduseScope, pv_landuse_scope_unref)

/* One row of the table. */
typedef struct
{
  char     *code;     /* the palette's code, else the value as read ("" for none) */
  char     *name;     /* the palette's name of the code, else the value */
  double    area_ha;  /* hectares, not rounded */
  double    share;    /* percent of the total area, not rounded */
  guint     count;    /* features (with some area in the scope) */
  gboolean  known;    /* a code of the land-use palette */
} PvLanduseStatsRow;

#define PV_TYPE_LANDUSE_STATS (pv_landuse_stats_get_type ())
G_DECLARE_FINAL_TYPE (PvLanduseStats, pv_landuse_stats, PV, LANDUSE_STATS, GObject)

/* Counts the polygons of layer by the values of field within scope (NULL:
 * the whole layer). Reads the field from the file: call it off the main
 * thread for big layers. progress (may be NULL) is called on the calling
 * thread with the fraction done. Rows: the codes of the land-use palette in
 * the order of the land-use table (agricultural, non-agricultural, unused
 * land; the palette's order within each group), then other values in
 * alphabetical order, then features without value. */
PvLanduseStats          *pv_landuse_stats_compute        (PvVectorLayer        *layer,
                                                          const char           *field,
                                                          PvLanduseScope       *scope,
                                                          PvProgressFunc        progress,
                                                          gpointer              progress_data,
                                                          GCancellable         *cancellable,
                                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same on a worker thread. progress (may be NULL) is called on the
 * caller's thread-default main context, coalesced, until the result is
 * ready; progress_data must live until callback runs. */
void                     pv_landuse_stats_compute_async  (PvVectorLayer        *layer,
                                                          const char           *field,
                                                          PvLanduseScope       *scope,
                                                          PvProgressFunc        progress,
                                                          gpointer              progress_data,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
PvLanduseStats          *pv_landuse_stats_compute_finish (GAsyncResult         *result,
                                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;

guint                    pv_landuse_stats_get_n_rows     (PvLanduseStats       *self);
const PvLanduseStatsRow *pv_landuse_stats_get_row        (PvLanduseStats       *self,
                                                          guint                 index);
double                   pv_landuse_stats_get_total_area_ha (PvLanduseStats    *self);
guint                    pv_landuse_stats_get_total_count (PvLanduseStats      *self);
/* TRUE: areas are geodesic on the ellipsoid; FALSE: planar (no CRS). */
gboolean                 pv_landuse_stats_get_geodesic   (PvLanduseStats       *self);
/* The ellipsoid's name ("WGS 84"), or NULL when planar. */
const char              *pv_landuse_stats_get_ellipsoid  (PvLanduseStats       *self);
const char              *pv_landuse_stats_get_field      (PvLanduseStats       *self);
const char              *pv_landuse_stats_get_layer_name (PvLanduseStats       *self);
PvLanduseScopeKind       pv_landuse_stats_get_scope_kind (PvLanduseStats       *self);
/* Translated, e.g. "whole layer". */
const char              *pv_landuse_stats_get_scope_description (PvLanduseStats *self);
/* A translated sentence for under the table: "Areas are geodesic, on the
 * WGS 84 ellipsoid (a = 6378137 m, 1/f = 298.257223563)." or why planar. */
const char              *pv_landuse_stats_get_note       (PvLanduseStats       *self);
/* The table as CSV (RFC 4180, UTF-8, CRLF-free "\n" lines): a header row,
 * one row per code, a total row ('.' decimals, area and share with 2
 * decimals), then a line with the note and the scope. */
char                    *pv_landuse_stats_to_csv         (PvLanduseStats       *self) G_GNUC_WARN_UNUSED_RESULT;
/* The same table separated by tabs (for the clipboard: spreadsheets paste
 * it into cells). */
char                    *pv_landuse_stats_to_tsv         (PvLanduseStats       *self) G_GNUC_WARN_UNUSED_RESULT;
/* Translated column titles of the table: code, name, area (ha), share (%),
 * features (0 … 4), and the name of the total row. */
const char              *pv_landuse_stats_get_column_title (guint              column);
const char              *pv_landuse_stats_get_total_label (void);

G_END_DECLS
