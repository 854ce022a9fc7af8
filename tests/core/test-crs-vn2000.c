/* test-crs-vn2000.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cpl_conv.h>
#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <string.h>

#include "pv-core.h"
#include "pv-crs-private.h"
#include "pv-test-util.h"
#include "pv-vn2000-zones.h"

/* vietnam.md §1.4: WGS 84 lat 10.9804 N, lon 106.6519 E (Thủ Dầu Một). */
#define REF_LON 106.6519
#define REF_LAT 10.9804
/* 0.05 m in degrees of latitude, and of longitude at 11° N. */
#define TOLERANCE_M 0.05

/* The official TOWGS84 (Decision 05/2007, Position Vector as GDAL writes it). */
#define TOWGS84_PV "TOWGS84[-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278]"
/* The same parameters with the Decision's (Coordinate Frame) rotation signs. */
#define TOWGS84_CF "TOWGS84[-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278]"
#define TOWGS84_3 "TOWGS84[-191.90441429,-39.30318279,-111.45032835,0,0,0,0]"

#define ESRI_GEOGCS_VN2000 \
  "GEOGCS[\"GCS_VN_2000\",DATUM[\"D_Vietnam_2000\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]," \
  "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]"
#define ESRI_GEOGCS_WGS84 \
  "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]," \
  "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]"
#define ESRI_TM(cm, k) \
  "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0]," \
  "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\"," cm "]," \
  "PARAMETER[\"Scale_Factor\"," k "],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]"
#define WKT1_GEOGCS(name, datum, towgs84) \
  "GEOGCS[\"" name "\",DATUM[\"" datum "\",SPHEROID[\"WGS 84\",6378137,298.257223563]," towgs84 "]," \
  "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]"
#define WKT1_TM(cm, k) \
  "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0]," \
  "PARAMETER[\"central_meridian\"," cm "],PARAMETER[\"scale_factor\"," k "]," \
  "PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]"

typedef struct
{
  const char *what;
  const char *prj;
  int         epsg;
  /* The reference point in that CRS through the official transformation
   * (cs2cs with the +towgs84 of EPSG:6960, vietnam.md §1.4). */
  double      x;
  double      y;
} Fixture;

/* .prj files as ArcGIS, QGIS/GDAL and Vietnamese MapInfo/ESRI tool chains
 * write VN-2000. */
static const Fixture fixtures[] = {
  { "ESRI, D_Vietnam_2000, TM-3 105°45′",
    "PROJCS[\"VN_2000_TM_3_105_45\"," ESRI_GEOGCS_VN2000 "," ESRI_TM ("105.75", "0.9999"),
    9210, 598371.1816, 1214436.3465 },
  { "ESRI, local name on D_WGS_1984 (VN2000_Binh_Duong)",
    "PROJCS[\"VN2000_Binh_Duong\"," ESRI_GEOGCS_WGS84 "," ESRI_TM ("105.75", "0.9999"),
    9210, 598371.1816, 1214436.3465 },
  { "ESRI, VN_2000_UTM_Zone_48N",
    "PROJCS[\"VN_2000_UTM_Zone_48N\"," ESRI_GEOGCS_VN2000 "," ESRI_TM ("105.0", "0.9996"),
    3405, 680299.1724, 1214419.4940 },
  { "ESRI, Đồng Nai TM-3 107°45′",
    "PROJCS[\"VN_2000_Dong_Nai_107_45\"," ESRI_GEOGCS_VN2000 "," ESRI_TM ("107.75", "0.9999"),
    5899, 379793.5755, 1214508.9496 },
  { "ESRI, Bình Phước TM-3 106°15′",
    "PROJCS[\"VN_2000_Binh_Phuoc\"," ESRI_GEOGCS_VN2000 "," ESRI_TM ("106.25", "0.9999"),
    9212, 543726.0017, 1214318.2286 },
  { "WKT1 with the official TOWGS84, \"Vietnam 2000\"",
    "PROJCS[\"VN-2000 / TM-3 Binh Duong\"," WKT1_GEOGCS ("Vietnam 2000", "Vietnam_2000", TOWGS84_PV) ","
    WKT1_TM ("105.75", "0.9999"),
    9210, 598371.1816, 1214436.3465 },
  { "WKT1, anonymous names, only the official TOWGS84 (coordinate-frame signs)",
    "PROJCS[\"Tây Ninh\"," WKT1_GEOGCS ("unnamed", "unknown", TOWGS84_CF) "," WKT1_TM ("105.5", "0.9999"),
    9209, 625696.1520, 1214529.4853 },
  { "WKT1, VN-2000 datum with the three translations only",
    "PROJCS[\"VN-2000 UTM 48\"," WKT1_GEOGCS ("VN-2000", "VN_2000", TOWGS84_3) "," WKT1_TM ("105", "0.9996"),
    3405, 680299.1724, 1214419.4940 },
  { "ESRI geographic GCS_VN_2000",
    ESRI_GEOGCS_VN2000,
    4756, 106.65011240, 10.98141807 },
};

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

/* One point in a new vector file made by GDAL (driver "ESRI Shapefile" or
 * "MapInfo File"), with srs (or none). */
static char *
write_point (const char           *dir,
             const char           *file_name,
             const char           *driver_name,
             OGRSpatialReferenceH  srs,
             double                x,
             double                y)
{
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  GDALDriverH driver = GDALGetDriverByName (driver_name);
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureH feature;
  OGRGeometryH point;
  OGRFieldDefnH field;

  g_assert_nonnull (driver);
  dataset = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (dataset);
  layer = GDALDatasetCreateLayer (dataset, "point", srs, wkbPoint, NULL);
  g_assert_nonnull (layer);
  field = OGR_Fld_Create ("id", OFTInteger);
  g_assert_cmpint (OGR_L_CreateField (layer, field, TRUE), ==, OGRERR_NONE);
  OGR_Fld_Destroy (field);

  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  OGR_F_SetFieldInteger (feature, 0, 1);
  point = OGR_G_CreateGeometry (wkbPoint);
  OGR_G_SetPoint_2D (point, 0, x, y);
  OGR_F_SetGeometryDirectly (feature, point);
  g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);
  GDALClose (dataset);

  return g_steal_pointer (&path);
}

/* A shapefile without .prj, then the .prj text written next to it. */
static char *
write_shapefile_with_prj (const char *dir,
                          const char *stem,
                          const char *prj,
                          double      x,
                          double      y)
{
  g_autofree char *shp_name = g_strconcat (stem, ".shp", NULL);
  g_autofree char *prj_name = g_strconcat (stem, ".prj", NULL);
  g_autofree char *prj_path = g_build_filename (dir, prj_name, NULL);
  g_autoptr(GError) error = NULL;
  char *path = write_point (dir, shp_name, "ESRI Shapefile", NULL, x, y);

  g_file_set_contents (prj_path, prj, -1, &error);
  g_assert_no_error (error);
  return path;
}

static PvLayer *
open_single_layer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (layers);
  g_assert_cmpuint (layers->len, ==, 1);
  return g_object_ref (g_ptr_array_index (layers, 0));
}

/* The layer's single point, back in WGS 84, is the reference point to
 * TOLERANCE_M; and the reference point in the layer's CRS is the fixture's. */
static void
assert_reference_point (PvLayer *layer,
                        double   x,
                        double   y)
{
  g_autoptr(PvCrs) wgs84 = pv_crs_new_from_epsg (4326, NULL);
  g_autoptr(PvTransform) transform = NULL;
  g_autoptr(GError) error = NULL;
  double xmin, ymin, xmax, ymax;
  double lon, lat;

  /* The file holds the point (MapInfo TAB to its grid's precision). */
  g_assert_true (pv_layer_get_extent (layer, &xmin, &ymin, &xmax, &ymax));
  g_assert_cmpfloat (fabs (xmin - x), <, pv_crs_is_geographic (pv_layer_get_crs (layer)) ? 1e-7 : 0.02);
  g_assert_cmpfloat (fabs (ymin - y), <, pv_crs_is_geographic (pv_layer_get_crs (layer)) ? 1e-7 : 0.02);

  transform = pv_transform_new (pv_layer_get_crs (layer), wgs84, &error);
  g_assert_no_error (error);
  lon = x;
  lat = y;
  g_assert_true (pv_transform_point (transform, &lon, &lat, &error));
  g_assert_no_error (error);
  g_test_message ("back in WGS 84: %.9f %.9f", lon, lat);
  g_assert_cmpfloat (fabs (lat - REF_LAT) * 110574.0, <, TOLERANCE_M);
  g_assert_cmpfloat (fabs (lon - REF_LON) * 111320.0 * cos (REF_LAT * G_PI / 180.0), <, TOLERANCE_M);
}

static void
test_prj_variants (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-vn2000-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      const Fixture *f = &fixtures[i];
      g_autofree char *stem = g_strdup_printf ("variant%u", i);
      g_autofree char *path = NULL;
      g_autoptr(PvLayer) layer = NULL;
      PvCrs *crs;

      g_test_message ("%s", f->what);
      path = write_shapefile_with_prj (dir, stem, f->prj, f->x, f->y);
      layer = open_single_layer (path);
      crs = pv_layer_get_crs (layer);
      g_assert_nonnull (crs);
      g_assert_cmpint (pv_crs_get_epsg (crs), ==, f->epsg);
      g_assert_true (pv_crs_is_vn2000 (crs));
      /* The EPSG CRS itself, as a project file stores it. */
      {
        g_autofree char *definition = pv_crs_dup_definition (crs);
        g_autofree char *expected = g_strdup_printf ("EPSG:%d", f->epsg);

        g_assert_cmpstr (definition, ==, expected);
      }
      assert_reference_point (layer, f->x, f->y);
    }
  remove_dir (dir);
}

/* Without the resolution the ESRI .prj on WGS 84 would put the layer
 * ≈200 m off: check the fixture would fail that way. */
static void
test_wgs84_datum_would_be_off (void)
{
  g_autoptr(PvCrs) plain = NULL;
  g_autoptr(PvCrs) wgs84 = pv_crs_new_from_epsg (4326, NULL);
  g_autoptr(PvTransform) transform = NULL;
  g_autoptr(GError) error = NULL;
  double lon = 598371.1816, lat = 1214436.3465;

  plain = pv_crs_new_from_user_input ("+proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 +x_0=500000 "
                                      "+y_0=0 +datum=WGS84 +units=m +no_defs", &error);
  g_assert_no_error (error);
  transform = pv_transform_new (plain, wgs84, &error);
  g_assert_no_error (error);
  g_assert_true (pv_transform_point (transform, &lon, &lat, &error));
  g_assert_cmpfloat (fabs (lon - REF_LON) * 111320.0, >, 100.0);
}

static void
test_resolve_keeps_others (void)
{
  /* Not VN-2000, or VN-2000 with another transformation: unchanged. */
  static const char * const definitions[] = {
    /* Hà Nội-72 style: Krassovsky ellipsoid, same projection. */
    "PROJCS[\"HN72 TM\",GEOGCS[\"Hanoi 1972\",DATUM[\"Hanoi_1972\",SPHEROID[\"Krassowsky 1940\",6378245,298.3]],"
    "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]," WKT1_TM ("105.75", "0.9999"),
    /* WGS 84 / UTM 48N as ESRI writes it: WGS 84's own grid. */
    "PROJCS[\"WGS_1984_UTM_Zone_48N\"," ESRI_GEOGCS_WGS84 "," ESRI_TM ("105.0", "0.9996"),
    /* VN-2000 by name but with EPSG:5194's parameters: the file chose them. */
    "PROJCS[\"VN-2000 / TM-3 105-45\"," WKT1_GEOGCS ("VN-2000", "Vietnam_2000",
    "TOWGS84[-192.873,-39.382,-111.202,-0.00205,-0.0005,0.00335,0.0188]") "," WKT1_TM ("105.75", "0.9999"),
    /* A VN-2000 name on a projection proj.db has no VN-2000 CRS for. */
    "PROJCS[\"VN_2000_custom\"," ESRI_GEOGCS_VN2000 "," ESRI_TM ("105.6", "0.9999"),
    /* A WGS 84 TM with another scale factor: no reason to think VN-2000. */
    "PROJCS[\"custom\"," ESRI_GEOGCS_WGS84 "," ESRI_TM ("105.75", "1.0"),
    /* Feet. */
    "PROJCS[\"VN_2000_feet\"," ESRI_GEOGCS_VN2000 ",PROJECTION[\"Transverse_Mercator\"],"
    "PARAMETER[\"False_Easting\",1640416.667],PARAMETER[\"False_Northing\",0.0],"
    "PARAMETER[\"Central_Meridian\",105.75],PARAMETER[\"Scale_Factor\",0.9999],"
    "PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Foot\",0.3048]]",
    "EPSG:4326",
    "EPSG:32648",
    "EPSG:9210",
  };

  for (guint i = 0; i < G_N_ELEMENTS (definitions); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PvCrs) crs = pv_crs_new_from_user_input (definitions[i], &error);
      g_autoptr(PvCrs) resolved = NULL;

      g_assert_no_error (error);
      resolved = _pv_crs_resolve_vn2000 (crs);
      g_assert_true (resolved == crs);
    }
}

/* GDAL 3.6's MapInfo writer has no VN-2000 datum: EPSG:9210 becomes
 * "CoordSys Earth Projection 8, 104, …" (plain WGS 84); a +towgs84 BoundCRS
 * becomes datum 9999 with the scale's sign flipped. Both read back as
 * EPSG:9210. */
static void
test_mapinfo (void)
{
  static const struct
  {
    const char *file;
    const char *srs;
    int         epsg;
    double      x, y;
  } cases[] = {
    { "epsg9210.tab", "EPSG:9210", 9210, 598371.1816, 1214436.3465 },
    { "epsg9210.mif", "EPSG:9210", 9210, 598371.1816, 1214436.3465 },
    { "towgs84.tab",
      "+proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 "
      "+towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278 "
      "+units=m +no_defs", 9210, 598371.1816, 1214436.3465 },
    { "esri.mif", "PROJCS[\"VN_2000_Dong_Nai\"," ESRI_GEOGCS_VN2000 "," ESRI_TM ("107.75", "0.9999"),
      5899, 379793.5755, 1214508.9496 },
    { "geographic.mif",
      "+proj=longlat +ellps=WGS84 "
      "+towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278 +no_defs",
      4756, 106.65011240, 10.98141807 },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-vn2000-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
      g_autofree char *path = NULL;
      g_autoptr(PvLayer) layer = NULL;

      g_test_message ("%s from %s", cases[i].file, cases[i].srs);
      g_assert_cmpint (OSRSetFromUserInput (srs, cases[i].srs), ==, OGRERR_NONE);
      path = write_point (dir, cases[i].file, "MapInfo File", srs, cases[i].x, cases[i].y);
      OSRRelease (srs);

      layer = open_single_layer (path);
      g_assert_nonnull (pv_layer_get_crs (layer));
      g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (layer)), ==, cases[i].epsg);
      assert_reference_point (layer, cases[i].x, cases[i].y);
    }

  /* What the resolution relies on: GDAL writes no VN-2000 datum (if a later
   * GDAL does, this tells us the MapInfo rule may go). */
  {
    g_autofree char *mif = g_build_filename (dir, "epsg9210.mif", NULL);
    g_autofree char *text = NULL;

    g_file_get_contents (mif, &text, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "CoordSys Earth Projection 8, 104, \"m\", 105.75, 0, 0.9999, 500000, 0"));
  }
  remove_dir (dir);
}

/* The CRS of a real file, as GDAL gives it, as a PvCrs definition. */
static char *
gdal_definition (const char *path)
{
  GDALDatasetH dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  OGRSpatialReferenceH srs;
  const char *options[] = { "FORMAT=WKT2_2019", NULL };
  char *wkt = NULL;
  g_autoptr(PvCrs) crs = NULL;

  g_assert_nonnull (dataset);
  srs = OGR_L_GetSpatialRef (GDALDatasetGetLayer (dataset, 0));
  g_assert_nonnull (srs);
  g_assert_cmpint (OSRExportToWktEx (srs, &wkt, options), ==, OGRERR_NONE);
  crs = pv_crs_new_from_wkt (wkt, NULL);
  CPLFree (wkt);
  GDALClose (dataset);
  g_assert_nonnull (crs);
  return pv_crs_dup_definition (crs);
}

static void
test_real_files_unchanged (void)
{
  static const char * const files[] = {
    "vector/tab_win1251/tab-win1251.TAB",
    "vector/mif_win1251/win1251.mif",
    "vector/shp_poly_osgb27700/poly.shp",
    "vector/shp_stacks_texas_ftus/Stacks.shp",
    "vector/shp_coutwildrnp/coutwildrnp.shp",
  };
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = pv_test_realdata_path (files[i]);
      g_autofree char *expected = NULL;
      g_autofree char *definition = NULL;
      g_autoptr(PvLayer) layer = NULL;

      if (path == NULL)
        continue;
      found++;
      expected = gdal_definition (path);
      layer = open_single_layer (path);
      g_assert_nonnull (pv_layer_get_crs (layer));
      definition = pv_crs_dup_definition (pv_layer_get_crs (layer));
      g_assert_cmpstr (definition, ==, expected);
      g_assert_false (pv_crs_is_vn2000 (pv_layer_get_crs (layer)));
    }
  if (found == 0)
    g_test_skip ("../shared/realdata is absent");
}

/* Zones ------------------------------------------------------------------ */

static void
test_zones_table (void)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  const PvVn2000Zone *zones;
  const PvVn2000Zone *zone;
  guint n;

  zones = pv_vn2000_zones_get (&n);
  /* The 63 provinces and cities of 2008–2025, each once. */
  g_assert_cmpuint (n, ==, 63);
  for (guint i = 0; i < n; i++)
    g_assert_true (g_hash_table_add (names, (gpointer) zones[i].province));

  zone = pv_vn2000_zones_find ("Bình Dương");
  g_assert_nonnull (zone);
  g_assert_cmpint (zone->meridian_minutes, ==, 105 * 60 + 45);
  g_assert_cmpfloat (pv_vn2000_zone_get_central_meridian (zone), ==, 105.75);
  g_assert_cmpint (zone->epsg, ==, 9210);
  g_assert_true (pv_vn2000_zones_find ("binh duong") == zone);
  g_assert_true (pv_vn2000_zones_find ("BINH DUONG") == zone);

  zone = pv_vn2000_zones_find ("dong nai");
  g_assert_nonnull (zone);
  g_assert_cmpstr (zone->province, ==, "Đồng Nai");
  g_assert_cmpint (zone->meridian_minutes, ==, 107 * 60 + 45);
  g_assert_cmpint (zone->epsg, ==, 5899);

  zone = pv_vn2000_zones_find ("Tây Ninh");
  g_assert_cmpint (zone->epsg, ==, 9209);
  zone = pv_vn2000_zones_find ("Bình Phước");
  g_assert_cmpint (zone->epsg, ==, 9212);
  zone = pv_vn2000_zones_find ("Bà Rịa - Vũng Tàu");
  g_assert_cmpint (zone->epsg, ==, 5899);
  zone = pv_vn2000_zones_find ("Hồ Chí Minh");
  g_assert_cmpint (zone->epsg, ==, 9210);

  g_assert_null (pv_vn2000_zones_find ("Bình"));
  g_assert_null (pv_vn2000_zones_find (""));
  g_assert_null (pv_vn2000_zones_find ("Hà Tây"));
}

/* Every code of the table is a VN-2000 TM-3 grid of proj.db with the
 * province's central meridian: checked through PROJ, by transforming the
 * meridian's points to the grid (easting = false easting). */
static void
test_zones_in_proj_db (void)
{
  g_autoptr(PvCrs) vn2000 = pv_crs_new_from_epsg (4756, NULL);
  const PvVn2000Zone *zones;
  guint n;

  zones = pv_vn2000_zones_get (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PvCrs) crs = pv_crs_new_from_epsg (zones[i].epsg, &error);
      g_autoptr(PvCrs) on_meridian = NULL;
      g_autoptr(PvTransform) transform = NULL;
      g_autofree char *proj = NULL;
      double x, y;

      g_assert_no_error (error);
      g_assert_true (pv_crs_is_vn2000 (crs));
      g_assert_false (pv_crs_is_geographic (crs));
      g_assert_true (g_str_has_prefix (pv_crs_get_name (crs), "VN-2000 / TM-3 "));
      if (i > 0)
        g_assert_cmpint (zones[i].meridian_minutes, >=, zones[i - 1].meridian_minutes);

      /* The grid of a TM with this meridian, k 0.9999, on VN-2000. */
      proj = g_strdup_printf ("+proj=tmerc +lat_0=0 +lon_0=%.10g +k=0.9999 +x_0=500000 +y_0=0 "
                              "+ellps=WGS84 +towgs84=-191.90441429,-39.30318279,-111.45032835,"
                              "0.00928836,-0.01975479,0.00427372,0.252906278 +units=m +no_defs",
                              pv_vn2000_zone_get_central_meridian (&zones[i]));
      on_meridian = pv_crs_new_from_user_input (proj, &error);
      g_assert_no_error (error);
      {
        g_autoptr(PvCrs) resolved = _pv_crs_resolve_vn2000 (on_meridian);

        g_assert_cmpint (pv_crs_get_epsg (resolved), ==, zones[i].epsg);
      }
      /* And a point of the meridian (VN-2000 degrees) is at the false
       * easting of the EPSG grid. */
      transform = pv_transform_new (vn2000, crs, &error);
      g_assert_no_error (error);
      x = pv_vn2000_zone_get_central_meridian (&zones[i]);
      y = 12.0;
      g_assert_true (pv_transform_point (transform, &x, &y, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (fabs (x - 500000.0), <, 1e-3);
    }
}

static void
test_zones_provinces_in_list (void)
{
  g_autoptr(GPtrArray) known = pv_crs_list_known ();
  g_autofree char *provinces = pv_vn2000_zones_dup_provinces (9210);

  g_assert_true (g_str_has_prefix (provinces, "Bình Dương, "));
  g_assert_nonnull (strstr (provinces, "Tiền Giang"));
  g_assert_null (pv_vn2000_zones_dup_provinces (3405));

  for (guint i = 0; i < known->len; i++)
    {
      const PvCrsInfo *info = g_ptr_array_index (known, i);

      if (strcmp (info->code, "9210") == 0)
        g_assert_cmpstr (info->provinces, ==, provinces);
      if (strcmp (info->code, "5899") == 0)
        {
          g_assert_nonnull (strstr (info->provinces, "Đồng Nai"));
          g_assert_true (pv_crs_info_matches (info, "dong nai"));
          g_assert_true (pv_crs_info_matches (info, "Đồng Nai"));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/crs-vn2000/prj-variants", test_prj_variants);
  g_test_add_func ("/core/crs-vn2000/wgs84-datum-would-be-off", test_wgs84_datum_would_be_off);
  g_test_add_func ("/core/crs-vn2000/resolve-keeps-others", test_resolve_keeps_others);
  g_test_add_func ("/core/crs-vn2000/mapinfo", test_mapinfo);
  g_test_add_func ("/core/crs-vn2000/real-files-unchanged", test_real_files_unchanged);
  g_test_add_func ("/core/crs-vn2000/zones-table", test_zones_table);
  g_test_add_func ("/core/crs-vn2000/zones-in-proj-db", test_zones_in_proj_db);
  g_test_add_func ("/core/crs-vn2000/zones-provinces-in-list", test_zones_provinces_in_list);

  return g_test_run ();
}
