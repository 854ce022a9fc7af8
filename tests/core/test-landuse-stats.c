/* test-landuse-stats.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdal.h>
#include <geodesic.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <proj.h>
#include <string.h>

#include "pv-core.h"
#include "pv-error.h"
#include "pv-landuse-stats.h"
#include "pv-test-util.h"

/* The fixture: polygons in EPSG:9210 near Thủ Dầu Một, in metres from
 * (X0, Y0). Rings are closed, exteriors first. */
#define X0 600000.0
#define Y0 1215000.0

typedef struct
{
  const char *code;   /* NULL: no value */
  const char *wkt;    /* relative to (X0, Y0) */
} Feature;

static const Feature fixture[] = {
  /* 0: a 1 km × 1 km square */
  { "ODT", "POLYGON ((0 0,1000 0,1000 1000,0 1000,0 0))" },
  /* 1: a square with a 200 m hole */
  { "LUC", "POLYGON ((2000 0,3000 0,3000 1000,2000 1000,2000 0),(2400 400,2400 600,2600 600,2600 400,2400 400))" },
  /* 2: two squares in one multipolygon */
  { "ODT", "MULTIPOLYGON (((0 2000,500 2000,500 2500,0 2500,0 2000)),((1000 2000,1500 2000,1500 2500,1000 2500,1000 2000)))" },
  /* 3: a code of no palette */
  { "XYZ", "POLYGON ((4000 0,4300 0,4300 300,4000 300,4000 0))" },
  /* 4: a palette code in lower case with a trailing space */
  { "odt ", "POLYGON ((4000 2000,4100 2000,4100 2100,4000 2100,4000 2000))" },
  /* 5: no value */
  { NULL, "POLYGON ((6000 0,6100 0,6100 100,6000 100,6000 0))" },
  /* 6: the square the extent test cuts in half */
  { "CLN", "POLYGON ((8000 0,9000 0,9000 1000,8000 1000,8000 0))" },
  /* 7: a point: no area, not counted */
  { "ODT", "POINT (500 500)" },
  /* 8: a name with a comma (CSV quoting) */
  { "TMD", "POLYGON ((6000 2000,6100 2000,6100 2100,6000 2100,6000 2000))" },
};

/* ---------------------------------------------------------------- helpers */

/* Writes the fixture as a GeoPackage; epsg 0: without CRS. */
static char *
write_fixture (const char *dir,
               int         epsg)
{
  g_autofree char *path = g_build_filename (dir, epsg ? "landuse.gpkg" : "landuse-nocrs.gpkg", NULL);
  GDALDriverH driver = GDALGetDriverByName ("GPKG");
  GDALDatasetH ds;
  OGRSpatialReferenceH srs = NULL;
  OGRLayerH layer;
  OGRFieldDefnH field;

  g_assert_nonnull (driver);
  ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (ds);
  if (epsg != 0)
    {
      srs = OSRNewSpatialReference (NULL);
      g_assert_cmpint (OSRImportFromEPSG (srs, epsg), ==, OGRERR_NONE);
    }
  layer = GDALDatasetCreateLayer (ds, "landuse", srs, wkbUnknown, NULL);
  g_assert_nonnull (layer);
  field = OGR_Fld_Create ("ma_sdd", OFTString);
  g_assert_cmpint (OGR_L_CreateField (layer, field, TRUE), ==, OGRERR_NONE);
  OGR_Fld_Destroy (field);

  for (guint i = 0; i < G_N_ELEMENTS (fixture); i++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH geom = NULL;
      char *wkt = (char *) fixture[i].wkt;

      g_assert_cmpint (OGR_G_CreateFromWkt (&wkt, NULL, &geom), ==, OGRERR_NONE);
      {
        /* Shift to (X0, Y0). */
        OGRGeometryH shifted = geom;
        int n_geoms = OGR_G_GetGeometryCount (geom);

        if (n_geoms == 0)
          OGR_G_SetPoint_2D (geom, 0, X0 + OGR_G_GetX (geom, 0), Y0 + OGR_G_GetY (geom, 0));
        for (int g = 0; g < n_geoms; g++)
          {
            OGRGeometryH sub = OGR_G_GetGeometryRef (shifted, g);
            int n_rings = OGR_G_GetGeometryCount (sub);

            if (n_rings == 0)
              {
                for (int p = 0; p < OGR_G_GetPointCount (sub); p++)
                  OGR_G_SetPoint_2D (sub, p, X0 + OGR_G_GetX (sub, p), Y0 + OGR_G_GetY (sub, p));
                continue;
              }
            for (int r = 0; r < n_rings; r++)
              {
                OGRGeometryH ring = OGR_G_GetGeometryRef (sub, r);

                for (int p = 0; p < OGR_G_GetPointCount (ring); p++)
                  OGR_G_SetPoint_2D (ring, p, X0 + OGR_G_GetX (ring, p), Y0 + OGR_G_GetY (ring, p));
              }
          }
      }
      if (fixture[i].code != NULL)
        OGR_F_SetFieldString (feature, 0, fixture[i].code);
      OGR_F_SetGeometryDirectly (feature, geom);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  if (srs != NULL)
    OSRRelease (srs);
  GDALClose (ds);
  return g_steal_pointer (&path);
}

static PvVectorLayer *
open_layer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (layers);
  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_true (PV_IS_VECTOR_LAYER (g_ptr_array_index (layers, 0)));
  return g_object_ref (g_ptr_array_index (layers, 0));
}

/* The geodesic area (m²) of a ring given in metres from (X0, Y0) in
 * EPSG:9210, computed apart from the code under test: PROJ brings the
 * vertices to VN-2000 longitudes and latitudes, and geod_polygonarea()
 * measures them on the WGS 84 ellipsoid. */
static double
expected_ring_area (const double *local_xy,
                    guint         n)
{
  PJ_CONTEXT *ctx = proj_context_create ();
  PJ *raw = proj_create_crs_to_crs (ctx, "EPSG:9210", "EPSG:4756", NULL);
  PJ *op = proj_normalize_for_visualization (ctx, raw);
  struct geod_geodesic g;
  g_autofree double *lats = g_new (double, n);
  g_autofree double *lons = g_new (double, n);
  double area = 0, perimeter = 0;

  g_assert_nonnull (op);
  for (guint i = 0; i < n; i++)
    {
      PJ_COORD c = proj_coord (X0 + local_xy[2 * i], Y0 + local_xy[2 * i + 1], 0, 0);

      c = proj_trans (op, PJ_FWD, c);
      lons[i] = c.xy.x;
      lats[i] = c.xy.y;
      g_assert_true (fabs (lons[i] - 106.66) < 0.1 && fabs (lats[i] - 10.99) < 0.1);
    }
  geod_init (&g, 6378137, 1 / 298.257223563);
  geod_polygonarea (&g, lats, lons, (int) n, &area, &perimeter);
  proj_destroy (op);
  proj_destroy (raw);
  proj_context_destroy (ctx);
  return fabs (area);
}

static double
expected_box_area (double x0,
                   double y0,
                   double x1,
                   double y1)
{
  const double xy[] = { x0, y0, x1, y0, x1, y1, x0, y1 };

  return expected_ring_area (xy, 4);
}

static const PvLanduseStatsRow *
find_row (PvLanduseStats *stats,
          const char     *code)
{
  for (guint i = 0; i < pv_landuse_stats_get_n_rows (stats); i++)
    if (g_str_equal (pv_landuse_stats_get_row (stats, i)->code, code))
      return pv_landuse_stats_get_row (stats, i);
  return NULL;
}

typedef struct
{
  char           *dir;
  char           *path;
  PvVectorLayer  *layer;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  GError *error = NULL;

  f->dir = g_dir_make_tmp ("pv-landuse-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = write_fixture (f->dir, GPOINTER_TO_INT (data));
  f->layer = open_layer (f->path);
  /* GeoPackage gives a layer without CRS an "undefined" one: forget it, as
   * for a shapefile without .prj. */
  if (GPOINTER_TO_INT (data) == 0)
    pv_layer_set_crs (PV_LAYER (f->layer), NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_assert_finalize_object (f->layer);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* ---------------------------------------------------------------- tests */

static void
test_whole_layer (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvLanduseStats) stats = NULL;
  const PvLanduseStatsRow *row;
  double odt, luc, cln, xyz, small, total = 0, sum_rows = 0, sum_shares = 0;
  const char *order[] = { "LUC", "CLN", "ODT", "TMD", "XYZ", "" };

  stats = pv_landuse_stats_compute (f->layer, "ma_sdd", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pv_landuse_stats_get_geodesic (stats));
  g_assert_cmpstr (pv_landuse_stats_get_ellipsoid (stats), ==, "WGS 84");
  g_assert_cmpstr (pv_landuse_stats_get_field (stats), ==, "ma_sdd");
  g_assert_cmpint (pv_landuse_stats_get_scope_kind (stats), ==, PV_LANDUSE_SCOPE_ALL);
  g_assert_nonnull (strstr (pv_landuse_stats_get_note (stats), "geodesic"));
  g_assert_nonnull (strstr (pv_landuse_stats_get_note (stats), "WGS 84"));

  /* Palette codes grouped (agricultural, then non-agricultural), then
   * unknown codes, then no value. */
  g_assert_cmpuint (pv_landuse_stats_get_n_rows (stats), ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (pv_landuse_stats_get_row (stats, i)->code, ==, order[i]);

  /* A 1 km square against geod_polygonarea, to 1 m²; "odt " joins ODT. */
  odt = expected_box_area (0, 0, 1000, 1000);
  g_assert_cmpfloat_with_epsilon (odt, 1e6, 1e4);  /* sanity: about 100 ha */
  small = expected_box_area (4000, 2000, 4100, 2100);
  odt += expected_box_area (0, 2000, 500, 2500) + expected_box_area (1000, 2000, 1500, 2500) + small;
  row = find_row (stats, "ODT");
  g_assert_nonnull (row);
  g_assert_true (row->known);
  g_assert_cmpstr (row->name, ==, "Đất ở tại đô thị");
  g_assert_cmpuint (row->count, ==, 3);   /* the point does not count */
  g_assert_cmpfloat_with_epsilon (row->area_ha * 1e4, odt, 1.0);

  /* The hole subtracts. */
  luc = expected_box_area (2000, 0, 3000, 1000) - expected_box_area (2400, 400, 2600, 600);
  row = find_row (stats, "LUC");
  g_assert_cmpfloat_with_epsilon (row->area_ha * 1e4, luc, 1.0);
  g_assert_cmpstr (row->name, ==, "Đất chuyên trồng lúa nước");
  g_assert_cmpuint (row->count, ==, 1);

  cln = expected_box_area (8000, 0, 9000, 1000);
  g_assert_cmpfloat_with_epsilon (find_row (stats, "CLN")->area_ha * 1e4, cln, 1.0);

  /* Unknown codes keep their value as name; no value comes last. */
  xyz = expected_box_area (4000, 0, 4300, 300);
  row = find_row (stats, "XYZ");
  g_assert_false (row->known);
  g_assert_cmpstr (row->name, ==, "XYZ");
  g_assert_cmpfloat_with_epsilon (row->area_ha * 1e4, xyz, 1.0);
  row = find_row (stats, "");
  g_assert_false (row->known);
  g_assert_cmpuint (row->count, ==, 1);

  total = odt + luc + cln + xyz + expected_box_area (6000, 0, 6100, 100) +
          expected_box_area (6000, 2000, 6100, 2100);
  for (guint i = 0; i < pv_landuse_stats_get_n_rows (stats); i++)
    {
      sum_rows += pv_landuse_stats_get_row (stats, i)->area_ha;
      sum_shares += pv_landuse_stats_get_row (stats, i)->share;
    }
  g_assert_cmpfloat_with_epsilon (pv_landuse_stats_get_total_area_ha (stats), total / 1e4, 0.01);
  g_assert_cmpfloat_with_epsilon (sum_rows, pv_landuse_stats_get_total_area_ha (stats), 1e-9);
  g_assert_cmpfloat_with_epsilon (sum_shares, 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (find_row (stats, "LUC")->share,
                                  100 * luc / total, 1e-6);
  g_assert_cmpuint (pv_landuse_stats_get_total_count (stats), ==, 8);
}

static void
test_extent_scope (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvLanduseStats) stats = NULL;
  g_autoptr(PvLanduseStats) hole = NULL;
  g_autoptr(PvLanduseScope) scope = NULL;
  g_autoptr(PvLanduseScope) in_hole = NULL;
  double full = expected_box_area (8000, 0, 9000, 1000);
  const PvLanduseStatsRow *row;

  /* Half the CLN square lies in the box; nothing else does. */
  scope = pv_landuse_scope_new_extent (X0 + 8500, Y0 - 500, X0 + 9500, Y0 + 1500);
  stats = pv_landuse_stats_compute (f->layer, "ma_sdd", scope, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pv_landuse_stats_get_scope_kind (stats), ==, PV_LANDUSE_SCOPE_EXTENT);
  g_assert_cmpuint (pv_landuse_stats_get_n_rows (stats), ==, 1);
  row = pv_landuse_stats_get_row (stats, 0);
  g_assert_cmpstr (row->code, ==, "CLN");
  g_assert_cmpuint (row->count, ==, 1);
  g_assert_cmpfloat (fabs (row->area_ha * 1e4 / (full / 2) - 1), <, 0.001);
  g_assert_cmpfloat_with_epsilon (row->area_ha * 1e4, expected_box_area (8500, 0, 9000, 1000), 1.0);
  g_assert_cmpfloat_with_epsilon (row->share, 100.0, 1e-9);

  /* A box inside the hole of the LUC square holds none of it. */
  in_hole = pv_landuse_scope_new_extent (X0 + 2450, Y0 + 450, X0 + 2550, Y0 + 550);
  hole = pv_landuse_stats_compute (f->layer, "ma_sdd", in_hole, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_landuse_stats_get_n_rows (hole), ==, 0);
  g_assert_cmpfloat (pv_landuse_stats_get_total_area_ha (hole), ==, 0);
  g_assert_cmpuint (pv_landuse_stats_get_total_count (hole), ==, 0);
}

static void
test_polygon_scope (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvLanduseStats) stats = NULL;
  g_autoptr(PvLanduseStats) around = NULL;
  g_autoptr(PvLanduseStats) geographic = NULL;
  g_autoptr(PvLanduseScope) triangle = NULL;
  g_autoptr(PvLanduseScope) box = NULL;
  g_autoptr(PvLanduseScope) lonlat = NULL;
  g_autoptr(PvCrs) vn2000 = NULL;
  g_autofree char *wkt = NULL;
  const double tri_xy[] = { 0, 0, 1000, 0, 0, 1000 };
  /* The LUC square and a margin, with its hole: a polygon through the API. */
  const double box_xy[] = { X0 + 1900, Y0 - 100, X0 + 3100, Y0 - 100, X0 + 3100, Y0 + 1100,
                            X0 + 1900, Y0 + 1100 };
  double luc = expected_box_area (2000, 0, 3000, 1000) - expected_box_area (2400, 400, 2600, 600);
  char sx[3][G_ASCII_DTOSTR_BUF_SIZE], sy[3][G_ASCII_DTOSTR_BUF_SIZE];

  /* The lower-left half of the ODT square, as WKT. */
  for (guint i = 0; i < 3; i++)
    {
      g_ascii_dtostr (sx[i], sizeof sx[i], X0 + tri_xy[2 * i]);
      g_ascii_dtostr (sy[i], sizeof sy[i], Y0 + tri_xy[2 * i + 1]);
    }
  wkt = g_strdup_printf ("wkt:POLYGON ((%s %s,%s %s,%s %s,%s %s))",
                         sx[0], sy[0], sx[1], sy[1], sx[2], sy[2], sx[0], sy[0]);
  triangle = pv_landuse_scope_parse (wkt, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pv_landuse_scope_get_kind (triangle), ==, PV_LANDUSE_SCOPE_POLYGON);
  stats = pv_landuse_stats_compute (f->layer, "ma_sdd", triangle, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_landuse_stats_get_n_rows (stats), ==, 1);
  g_assert_cmpstr (pv_landuse_stats_get_row (stats, 0)->code, ==, "ODT");
  g_assert_cmpuint (pv_landuse_stats_get_row (stats, 0)->count, ==, 1);
  g_assert_cmpfloat_with_epsilon (pv_landuse_stats_get_row (stats, 0)->area_ha * 1e4,
                                  expected_ring_area (tri_xy, 3), 1.0);

  box = pv_landuse_scope_new_polygon (box_xy, 4, &error);
  g_assert_no_error (error);
  around = pv_landuse_stats_compute (f->layer, "ma_sdd", box, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_landuse_stats_get_n_rows (around), ==, 1);
  g_assert_cmpstr (pv_landuse_stats_get_row (around, 0)->code, ==, "LUC");
  g_assert_cmpfloat_with_epsilon (pv_landuse_stats_get_row (around, 0)->area_ha * 1e4, luc, 1.0);

  /* The same box in VN-2000 degrees: the scope is brought to the layer's CRS. */
  {
    PJ_CONTEXT *ctx = proj_context_create ();
    PJ *raw = proj_create_crs_to_crs (ctx, "EPSG:9210", "EPSG:4756", NULL);
    PJ *op = proj_normalize_for_visualization (ctx, raw);
    double ll[8];

    for (guint i = 0; i < 4; i++)
      {
        PJ_COORD c = proj_trans (op, PJ_FWD, proj_coord (box_xy[2 * i], box_xy[2 * i + 1], 0, 0));

        ll[2 * i] = c.xy.x;
        ll[2 * i + 1] = c.xy.y;
      }
    proj_destroy (op);
    proj_destroy (raw);
    proj_context_destroy (ctx);
    lonlat = pv_landuse_scope_new_polygon (ll, 4, &error);
    g_assert_no_error (error);
  }
  vn2000 = pv_crs_new_from_epsg (4756, &error);
  g_assert_no_error (error);
  pv_landuse_scope_set_crs (lonlat, vn2000);
  geographic = pv_landuse_stats_compute (f->layer, "ma_sdd", lonlat, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_landuse_stats_get_n_rows (geographic), ==, 1);
  g_assert_cmpfloat_with_epsilon (pv_landuse_stats_get_row (geographic, 0)->area_ha * 1e4, luc, 1.0);
}

static void
test_selection_scope (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvLanduseStats) stats = NULL;
  g_autoptr(PvLanduseScope) scope = NULL;
  g_autofree char *description = NULL;
  /* The ODT square, the XYZ square (twice) and the point. */
  const guint indices[] = { 3, 0, 3, 7 };

  scope = pv_landuse_scope_new_selection (indices, G_N_ELEMENTS (indices));
  description = pv_landuse_scope_dup_description (scope);
  g_assert_cmpstr (description, ==, "3 selected features");
  stats = pv_landuse_stats_compute (f->layer, "ma_sdd", scope, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_landuse_stats_get_n_rows (stats), ==, 2);
  g_assert_cmpstr (pv_landuse_stats_get_row (stats, 0)->code, ==, "ODT");
  g_assert_cmpuint (pv_landuse_stats_get_row (stats, 0)->count, ==, 1);
  g_assert_cmpfloat_with_epsilon (pv_landuse_stats_get_row (stats, 0)->area_ha * 1e4,
                                  expected_box_area (0, 0, 1000, 1000), 1.0);
  g_assert_cmpstr (pv_landuse_stats_get_row (stats, 1)->code, ==, "XYZ");
  g_assert_cmpuint (pv_landuse_stats_get_total_count (stats), ==, 2);
}

static void
test_planar_without_crs (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvLanduseStats) stats = NULL;
  g_autoptr(PvLanduseScope) scope = NULL;

  g_assert_null (pv_layer_get_crs (PV_LAYER (f->layer)));
  stats = pv_landuse_stats_compute (f->layer, "MA_SDD", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (pv_landuse_stats_get_geodesic (stats));
  g_assert_null (pv_landuse_stats_get_ellipsoid (stats));
  g_assert_nonnull (strstr (pv_landuse_stats_get_note (stats), "planar"));
  /* Plane geometry: 100 ha exactly, less a hole of 4 ha. */
  g_assert_cmpfloat_with_epsilon (find_row (stats, "LUC")->area_ha, 96.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (find_row (stats, "CLN")->area_ha, 100.0, 1e-9);

  scope = pv_landuse_scope_new_extent (X0 + 8500, Y0 - 500, X0 + 9500, Y0 + 1500);
  g_clear_object (&stats);
  stats = pv_landuse_stats_compute (f->layer, "ma_sdd", scope, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (pv_landuse_stats_get_total_area_ha (stats), 50.0, 1e-9);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvLanduseStats) stats = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *tsv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) row_re = g_regex_new ("^[^,]*,(\"[^\"]*\"|[^,\"]*),[0-9]+\\.[0-9]{2},[0-9]+\\.[0-9]{2},[0-9]+$",
                                          0, 0, NULL);
  g_autofree char *total_line = NULL;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  guint n;

  stats = pv_landuse_stats_compute (f->layer, "ma_sdd", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  csv = pv_landuse_stats_to_csv (stats);
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  g_assert_true (g_str_has_suffix (csv, "\n"));
  lines = g_strsplit (csv, "\n", -1);
  n = g_strv_length (lines);
  /* header, 6 rows, total, note, and the empty string after the last \n */
  g_assert_cmpuint (n, ==, 1 + 6 + 1 + 1 + 1);
  g_assert_cmpstr (lines[0], ==, "Code,Name,Area (ha),Share (%),Features");
  for (guint i = 1; i <= 7; i++)
    g_assert_true (g_regex_match (row_re, lines[i], 0, NULL));
  g_assert_true (g_str_has_prefix (lines[1], "LUC,Đất chuyên trồng lúa nước,"));
  g_assert_true (g_str_has_prefix (lines[4], "TMD,\"Đất thương mại, dịch vụ\","));
  g_assert_true (g_str_has_prefix (lines[6], ",(no code),"));
  total_line = g_strdup_printf (",Total,%s,100.00,8",
                                g_ascii_formatd (buffer, sizeof buffer, "%.2f",
                                                 pv_landuse_stats_get_total_area_ha (stats)));
  g_assert_cmpstr (lines[7], ==, total_line);
  g_assert_nonnull (strstr (lines[8], "geodesic"));
  g_assert_nonnull (strstr (lines[8], "whole layer"));
  g_assert_cmpstr (lines[9], ==, "");

  tsv = pv_landuse_stats_to_tsv (stats);
  g_assert_true (g_str_has_prefix (tsv, "Code\tName\tArea (ha)\tShare (%)\tFeatures\n"));
  g_assert_nonnull (strstr (tsv, "\nTMD\tĐất thương mại, dịch vụ\t"));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvLanduseStats) stats = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const char *bad_scopes[] = {
    "everything", "extent:1,2,3", "extent:3,0,1,1", "extent:a,b,c,d", "wkt:POLYGON ((0 0", "wkt:POINT (1 2)",
    "wkt:LINESTRING (0 0,1 1)",
  };
  const double line_xy[] = { 0, 0, 1, 1, 0, 0 };

  stats = pv_landuse_stats_compute (f->layer, "no_such_field", NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND);
  g_assert_null (stats);
  g_assert_nonnull (strstr (error->message, "landuse.gpkg"));
  g_assert_nonnull (strstr (error->message, "no_such_field"));
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_scopes); i++)
    {
      g_autoptr(PvLanduseScope) scope = pv_landuse_scope_parse (bad_scopes[i], &error);

      g_assert_null (scope);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  g_assert_null (pv_landuse_scope_new_polygon (line_xy, 3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  stats = pv_landuse_stats_compute (f->layer, "ma_sdd", NULL, NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (stats);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PvLanduseStats **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pv_landuse_stats_compute_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvLanduseStats) sync = NULL;
  g_autoptr(PvLanduseStats) async = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  sync = pv_landuse_stats_compute (f->layer, "ma_sdd", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  pv_landuse_stats_compute_async (f->layer, "ma_sdd", NULL, NULL, NULL, NULL, async_done_cb, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  a = pv_landuse_stats_to_csv (sync);
  b = pv_landuse_stats_to_csv (async);
  g_assert_cmpstr (a, ==, b);
}

/* ---------------------------------------------------------------- sample data */

static void
progress_cb (double      fraction,
             const char *what,
             gpointer    user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

/* The planned land use of the sample project: geodesic areas near the
 * TM-3 zone's scale-1 lines differ from the planar areas the file stores by
 * less than 0.1 %. */
static void
test_sample_plan (void)
{
  g_autofree char *path = pv_test_sample_path ("quy_hoach_2030.shp");
  g_autoptr(PvVectorLayer) layer = NULL;
  g_autoptr(PvLanduseStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  char **planar = NULL;   /* NULL for null values: freed by length */
  double planar_ha = 0, sum = 0;
  gint64 start;
  int field = -1;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data-samples/quy_hoach_2030.shp is absent");
      return;
    }
  layer = open_layer (path);
  start = g_get_monotonic_time ();
  stats = pv_landuse_stats_compute (layer, "ma_sdd", NULL, progress_cb, fractions, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%u features in %.3f s", pv_landuse_stats_get_total_count (stats),
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_true (pv_landuse_stats_get_geodesic (stats));
  g_assert_cmpuint (pv_landuse_stats_get_total_count (stats), ==, pv_vector_layer_get_n_features (layer));
  for (guint i = 0; i < pv_landuse_stats_get_n_rows (stats); i++)
    {
      g_assert_true (pv_landuse_stats_get_row (stats, i)->known);
      sum += pv_landuse_stats_get_row (stats, i)->area_ha;
    }
  g_assert_cmpfloat_with_epsilon (sum, pv_landuse_stats_get_total_area_ha (stats), 1e-6);

  for (guint i = 0; i < pv_vector_layer_get_n_fields (layer); i++)
    if (g_str_equal (pv_vector_layer_get_field_name (layer, i), "dien_tich"))
      field = (int) i;
  g_assert_cmpint (field, >=, 0);
  planar = pv_vector_layer_dup_column (layer, (guint) field, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pv_vector_layer_get_n_features (layer); i++)
    if (planar[i] != NULL)
      planar_ha += g_ascii_strtod (planar[i], NULL) / 1e4;
  pv_vector_layer_free_values (g_steal_pointer (&planar), pv_vector_layer_get_n_features (layer));
  g_test_message ("geodesic %.2f ha, planar %.2f ha", pv_landuse_stats_get_total_area_ha (stats), planar_ha);
  g_assert_cmpfloat (fabs (pv_landuse_stats_get_total_area_ha (stats) / planar_ha - 1), <, 0.001);

  /* Progress rose to 1. */
  g_assert_cmpuint (fractions->len, >, 1);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

/* Real boundaries (geoBoundaries, WGS 84 degrees): every province against
 * its area in a Lambert azimuthal equal-area projection on the same
 * ellipsoid, computed by OGR apart from the code under test (the edges are
 * short: the two agree to 0.05 %); Vietnam's land area is about 331 000 km². */
static void
test_realdata_provinces (void)
{
  g_autofree char *path = pv_test_realdata_path ("vietnam/geoBoundaries-VNM-ADM1.shp");
  g_autoptr(PvVectorLayer) layer = NULL;
  g_autoptr(PvLanduseStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  OGRSpatialReferenceH laea;
  OGRCoordinateTransformationH ct;
  GDALDatasetH ds;
  OGRLayerH ogr_layer;
  OGRFeatureH feature;
  const PvLanduseStatsRow *row;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("../shared/realdata is absent");
      return;
    }
  layer = open_layer (path);
  stats = pv_landuse_stats_compute (layer, "shapeName", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pv_landuse_stats_get_geodesic (stats));
  g_assert_cmpuint (pv_landuse_stats_get_n_rows (stats), >=, 63);
  g_assert_cmpuint (pv_landuse_stats_get_total_count (stats), ==, pv_vector_layer_get_n_features (layer));

  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  ogr_layer = GDALDatasetGetLayer (ds, 0);
  laea = OSRNewSpatialReference (NULL);
  g_assert_cmpint (OSRImportFromProj4 (laea, "+proj=laea +lat_0=16 +lon_0=106 +ellps=WGS84 +units=m"), ==, OGRERR_NONE);
  OSRSetAxisMappingStrategy (laea, OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy (OGR_L_GetSpatialRef (ogr_layer), OAMS_TRADITIONAL_GIS_ORDER);
  ct = OCTNewCoordinateTransformation (OGR_L_GetSpatialRef (ogr_layer), laea);
  g_assert_nonnull (ct);
  while ((feature = OGR_L_GetNextFeature (ogr_layer)) != NULL)
    {
      OGRGeometryH geom = OGR_G_Clone (OGR_F_GetGeometryRef (feature));
      const char *name = OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, "shapeName"));
      double *area = g_hash_table_lookup (expected, name);

      if (area == NULL)
        g_hash_table_insert (expected, g_strdup (name), (area = g_new0 (double, 1)));
      g_assert_cmpint (OGR_G_Transform (geom, ct), ==, OGRERR_NONE);
      *area += OGR_G_Area (geom) / 1e4;
      OGR_G_DestroyGeometry (geom);
      OGR_F_Destroy (feature);
    }
  OCTDestroyCoordinateTransformation (ct);
  OSRRelease (laea);
  GDALClose (ds);

  g_assert_cmpuint (g_hash_table_size (expected), ==, pv_landuse_stats_get_n_rows (stats));
  for (guint i = 0; i < pv_landuse_stats_get_n_rows (stats); i++)
    {
      double *area;

      row = pv_landuse_stats_get_row (stats, i);
      area = g_hash_table_lookup (expected, row->code);
      g_assert_nonnull (area);
      g_assert_cmpfloat (fabs (row->area_ha / *area - 1), <, 0.0005);
    }
  row = find_row (stats, "Bình Dương");
  g_assert_nonnull (row);
  g_assert_false (row->known);
  g_test_message ("Bình Dương: %.1f km², Vietnam: %.0f km²", row->area_ha / 100,
                  pv_landuse_stats_get_total_area_ha (stats) / 100);
  g_assert_cmpfloat (fabs (pv_landuse_stats_get_total_area_ha (stats) / 100 / 331000 - 1), <, 0.05);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add ("/core/landuse-stats/whole-layer", Fixture, GINT_TO_POINTER (9210),
              fixture_setup, test_whole_layer, fixture_teardown);
  g_test_add ("/core/landuse-stats/extent", Fixture, GINT_TO_POINTER (9210),
              fixture_setup, test_extent_scope, fixture_teardown);
  g_test_add ("/core/landuse-stats/polygon", Fixture, GINT_TO_POINTER (9210),
              fixture_setup, test_polygon_scope, fixture_teardown);
  g_test_add ("/core/landuse-stats/selection", Fixture, GINT_TO_POINTER (9210),
              fixture_setup, test_selection_scope, fixture_teardown);
  g_test_add ("/core/landuse-stats/planar", Fixture, GINT_TO_POINTER (0),
              fixture_setup, test_planar_without_crs, fixture_teardown);
  g_test_add ("/core/landuse-stats/csv", Fixture, GINT_TO_POINTER (9210),
              fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/core/landuse-stats/errors", Fixture, GINT_TO_POINTER (9210),
              fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/core/landuse-stats/async", Fixture, GINT_TO_POINTER (9210),
              fixture_setup, test_async, fixture_teardown);
  g_test_add_func ("/core/landuse-stats/sample-plan", test_sample_plan);
  g_test_add_func ("/core/landuse-stats/realdata-provinces", test_realdata_provinces);

  return g_test_run ();
}
