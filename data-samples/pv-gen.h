/* pv-gen.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shared parts of pv-generate-samples: a seeded PRNG and noise (so every run
 * writes the same bytes), the pinned WGS 84 → VN-2000 transformations, the
 * land-use table and the synthetic geography of Bình Dương. The generator is
 * a build tool: it uses GDAL/OGR and GLib only, never libpvcore. */

#pragma once

#include <gio/gio.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

G_BEGIN_DECLS

/* ---- deterministic randomness ------------------------------------------ */

typedef struct
{
  guint64 state;
} PvGenRng;

void    pv_gen_rng_init    (PvGenRng *rng,
                            guint64   seed);
guint64 pv_gen_rng_next    (PvGenRng *rng);
double  pv_gen_rng_double  (PvGenRng *rng);          /* [0, 1) */
double  pv_gen_rng_range   (PvGenRng *rng,
                            double    lo,
                            double    hi);
guint64 pv_gen_hash        (guint64   a,
                            guint64   b,
                            guint64   c);
double  pv_gen_hash_double (guint64   a,
                            guint64   b,
                            guint64   c);            /* [0, 1) */
double  pv_gen_noise       (double    x,
                            double    y,
                            guint32   seed);         /* smooth value noise in [-1, 1] */
double  pv_gen_fbm         (double    x,
                            double    y,
                            int       octaves,
                            guint32   seed);         /* about [-1, 1] */

/* ---- coordinate reference systems --------------------------------------- */

/* Transformations pinned to the official VN-2000 parameters (Decision
 * 05/2007/QĐ-BTNMT = EPSG:6960, as +towgs84) with traditional GIS axis order
 * (longitude first). Files are written with the EPSG definitions. */
typedef struct
{
  OGRSpatialReferenceH           wgs84;      /* EPSG:4326, for writing */
  OGRSpatialReferenceH           tm3;        /* EPSG:9210, for writing */
  OGRSpatialReferenceH           utm48;      /* EPSG:3405, for writing */
  OGRCoordinateTransformationH   to_tm3;     /* WGS 84 lon/lat → VN-2000 TM-3 105°45′ */
  OGRCoordinateTransformationH   to_utm48;   /* WGS 84 lon/lat → VN-2000 UTM 48N */
  OGRCoordinateTransformationH   tm3_to_utm48;
} PvGenCrs;

gboolean pv_gen_crs_init      (PvGenCrs  *crs,
                               GError   **error);
void     pv_gen_crs_clear     (PvGenCrs  *crs);
void     pv_gen_lonlat_to_tm3 (PvGenCrs  *crs,
                               double     lon,
                               double     lat,
                               double    *x,
                               double    *y);

/* ---- land use ----------------------------------------------------------- */

typedef struct
{
  const char *code;
  const char *name;       /* Vietnamese, Circular 27/2018/TT-BTNMT wording */
  guint8      r, g, b;    /* vietnam.md §2.1 */
} PvGenLandUse;

const PvGenLandUse *pv_gen_land_use_lookup (const char *code);
guint               pv_gen_land_use_index  (const char *code);
const PvGenLandUse *pv_gen_land_use_nth    (guint       index);
guint               pv_gen_land_use_count  (void);

/* ---- synthetic geography ------------------------------------------------ */

typedef struct
{
  double *xy;             /* x0, y0, x1, y1, … in TM-3 metres */
  guint   n;
} PvGenLine;

typedef struct
{
  const char *name;
  const char *code;
  const char *type;
  double      lat, lon;   /* centroid, vietnam.md §5 */
  double      area_km2;   /* official area */
  double      cx, cy;     /* centroid in TM-3 */
  double      weight;     /* power-diagram weight, fitted to the area */
} PvGenDistrict;

#define PV_GEN_N_DISTRICTS 9

typedef struct
{
  const char *name;
  const char *cls;
  const char *status;     /* "hiện hữu" or "quy hoạch" */
  double      width;      /* right of way in metres */
  PvGenLine   tm3;
  PvGenLine   utm48;
  PvGenLine   lonlat;
} PvGenRoad;

typedef struct
{
  const char *name;
  double      width;
  PvGenLine   tm3;
} PvGenRiver;

typedef struct
{
  const char *name;
  double      x, y;       /* TM-3 centre */
  double      rx, ry;     /* semi-axes in metres */
  double      angle;      /* radians */
  gboolean    planned;    /* only in the 2030 plan */
} PvGenPark;

typedef struct
{
  double x, y;
  double radius;          /* metres, 2024 */
  double growth;          /* radius factor by 2030 */
  double weight;
} PvGenCentre;

typedef struct
{
  PvGenCrs       crs;
  PvGenDistrict  districts[PV_GEN_N_DISTRICTS];
  PvGenLine      outline;       /* closed ring, TM-3 */
  OGRGeometryH   outline_geom;  /* polygon */
  GPtrArray     *rivers;        /* PvGenRiver* */
  GPtrArray     *roads;         /* PvGenRoad* */
  GArray        *parks;         /* PvGenPark */
  GArray        *centres;       /* PvGenCentre */
  double         xmin, ymin, xmax, ymax;   /* outline envelope */
} PvGenModel;

PvGenModel *pv_gen_model_new             (GError     **error);
void        pv_gen_model_free            (PvGenModel  *model);
int         pv_gen_model_district_at     (PvGenModel  *model,
                                          double       x,
                                          double       y);
double      pv_gen_model_urban           (PvGenModel  *model,
                                          double       x,
                                          double       y,
                                          gboolean     plan);
double      pv_gen_model_road_distance   (PvGenModel  *model,
                                          double       x,
                                          double       y);
double      pv_gen_model_river_distance  (PvGenModel  *model,
                                          double       x,
                                          double       y,
                                          const char  *name);
const char *pv_gen_model_land_use        (PvGenModel  *model,
                                          double       x,
                                          double       y,
                                          guint64      cell_hash,
                                          gboolean     plan);

double      pv_gen_line_distance         (const PvGenLine *line,
                                          double           x,
                                          double           y);
OGRGeometryH pv_gen_line_to_geometry     (const PvGenLine *line);

/* A place that must end up in a given district (a town hall, say). */
typedef struct
{
  double x, y;            /* TM-3 */
  int    district;
} PvGenAnchor;

/* The nine district polygons, tiling the outline exactly (shared borders
 * are the same line work in both neighbours), each holding its anchors;
 * checked before returning. */
gboolean     pv_gen_build_districts      (PvGenModel         *model,
                                          const PvGenAnchor  *anchors,
                                          guint               n_anchors,
                                          OGRGeometryH        districts[PV_GEN_N_DISTRICTS],
                                          GError            **error);

/* ---- output ------------------------------------------------------------- */

OGRLayerH pv_gen_create_shapefile (const char            *dir,
                                   const char            *basename,
                                   OGRSpatialReferenceH   srs,
                                   OGRwkbGeometryType     type,
                                   GDALDatasetH          *out_dataset,
                                   GError               **error);
void      pv_gen_add_field        (OGRLayerH              layer,
                                   const char            *name,
                                   OGRFieldType           type,
                                   int                    width,
                                   int                    precision);

gboolean pv_gen_write_sample  (const char  *dir,
                               GError     **error);
gboolean pv_gen_write_parcels (const char  *dir,
                               guint        n,
                               GError     **error);

G_END_DECLS
