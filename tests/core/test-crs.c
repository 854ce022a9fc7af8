/* test-crs.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pv-crs.h"
#include "pv-error.h"
#include "pv-transform.h"

/* Reference point of vietnam.md §1.4, inside Thủ Dầu Một (WGS 84). */
#define REF_LON 106.6519
#define REF_LAT 10.9804

/* The Decision 05/2007 parameters as +towgs84 (vietnam.md §1.1 and §1.3). */
#define TOWGS84_6960 \
  "+towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278"

/* What cs2cs computes for route A with the explicit +towgs84 (vietnam.md §1.4). */
#define TM3_10545_TOWGS84 \
  "+proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 " \
  TOWGS84_6960 " +units=m +no_defs +type=crs"

/* VN-2000 / TM-3 105-45 as an ESRI .prj file writes it (no ids at all). */
#define ESRI_WKT_9210 \
  "PROJCS[\"VN_2000_TM_3_105_45\",GEOGCS[\"GCS_VN_2000\"," \
  "DATUM[\"D_Vietnam_2000\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]," \
  "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]," \
  "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0]," \
  "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",105.75]," \
  "PARAMETER[\"Scale_Factor\",0.9999],PARAMETER[\"Latitude_Of_Origin\",0.0]," \
  "UNIT[\"Meter\",1.0]]"

/* WGS 84 as hand-written PROJJSON. */
#define PROJJSON_4326 \
  "{\"$schema\":\"https://proj.org/schemas/v0.5/projjson.schema.json\"," \
  "\"type\":\"GeographicCRS\",\"name\":\"WGS 84\"," \
  "\"datum\":{\"type\":\"GeodeticReferenceFrame\",\"name\":\"World Geodetic System 1984\"," \
  "\"ellipsoid\":{\"name\":\"WGS 84\",\"semi_major_axis\":6378137,\"inverse_flattening\":298.257223563}}," \
  "\"coordinate_system\":{\"subtype\":\"ellipsoidal\",\"axis\":[" \
  "{\"name\":\"Geodetic latitude\",\"abbreviation\":\"Lat\",\"direction\":\"north\",\"unit\":\"degree\"}," \
  "{\"name\":\"Geodetic longitude\",\"abbreviation\":\"Lon\",\"direction\":\"east\",\"unit\":\"degree\"}]}," \
  "\"id\":{\"authority\":\"EPSG\",\"code\":4326}}"

static PvCrs *
crs_new (const char *definition)
{
  g_autoptr(GError) error = NULL;
  PvCrs *crs = pv_crs_new_from_user_input (definition, &error);

  g_assert_no_error (error);
  g_assert_nonnull (crs);
  return crs;
}

static PvTransform *
transform_new (const char *from,
               const char *to)
{
  g_autoptr(PvCrs) source = crs_new (from);
  g_autoptr(PvCrs) target = crs_new (to);
  g_autoptr(GError) error = NULL;
  PvTransform *transform = pv_transform_new (source, target, &error);

  g_assert_no_error (error);
  g_assert_nonnull (transform);
  return transform;
}

static void
transform_point (const char *from,
                 const char *to,
                 double      x,
                 double      y,
                 double     *out_x,
                 double     *out_y)
{
  g_autoptr(PvTransform) transform = transform_new (from, to);
  g_autoptr(GError) error = NULL;

  *out_x = x;
  *out_y = y;
  g_assert_true (pv_transform_point (transform, out_x, out_y, &error));
  g_assert_no_error (error);
}

/* The WKT of a CRS without any ID[…] (as some writers produce it). */
static char *
wkt_without_ids (PvCrs *crs)
{
  g_autofree char *wkt = pv_crs_dup_wkt (crs);
  g_autoptr(GRegex) regex = g_regex_new (",\\s*ID\\[\"[^\"]*\",[0-9]+\\]", 0, 0, NULL);
  char *stripped = g_regex_replace_literal (regex, wkt, -1, 0, "", 0, NULL);

  g_assert_null (strstr (stripped, "ID[\"EPSG\""));
  return stripped;
}

/* ------------------------------------------------------------------------ */

static void
test_crs_parse_epsg (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) upper = crs_new ("EPSG:9210");
  g_autoptr(PvCrs) lower = crs_new ("  epsg:9210\n");
  g_autoptr(PvCrs) by_code = pv_crs_new_from_epsg (9210, &error);
  g_autoptr(PvCrs) wgs84 = crs_new ("EPSG:4326");
  g_autofree char *label = NULL;
  g_autofree char *definition = NULL;
  g_autofree char *wkt = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pv_crs_get_name (upper), ==, "VN-2000 / TM-3 105-45");
  g_assert_cmpint (pv_crs_get_epsg (upper), ==, 9210);
  g_assert_cmpint (pv_crs_get_epsg (lower), ==, 9210);
  g_assert_cmpint (pv_crs_get_epsg (by_code), ==, 9210);
  label = pv_crs_dup_label (upper);
  g_assert_cmpstr (label, ==, "EPSG:9210");
  definition = pv_crs_dup_definition (lower);
  g_assert_cmpstr (definition, ==, "EPSG:9210");
  g_assert_true (pv_crs_equals (upper, lower));
  g_assert_true (pv_crs_equals (upper, by_code));
  g_assert_false (pv_crs_is_geographic (upper));
  g_assert_true (pv_crs_is_geographic (wgs84));
  g_assert_false (pv_crs_equals (upper, wgs84));

  wkt = pv_crs_dup_wkt (upper);
  g_assert_true (g_str_has_prefix (wkt, "PROJCRS["));
  g_assert_nonnull (strstr (wkt, "ID[\"EPSG\",9210]"));

  g_assert_finalize_object (g_steal_pointer (&upper));
}

static void
test_crs_parse_wkt (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) reference = crs_new ("EPSG:9210");
  g_autofree char *wkt2 = pv_crs_dup_wkt (reference);
  g_autoptr(PvCrs) from_wkt2 = pv_crs_new_from_wkt (wkt2, &error);
  g_autoptr(PvCrs) from_user_wkt2 = crs_new (wkt2);
  g_autoptr(PvCrs) from_esri = crs_new (ESRI_WKT_9210);
  g_autoptr(PvCrs) from_wkt1 = NULL;

  g_assert_no_error (error);
  g_assert_true (pv_crs_equals (reference, from_wkt2));
  g_assert_true (pv_crs_equals (reference, from_user_wkt2));
  g_assert_cmpint (pv_crs_get_epsg (from_wkt2), ==, 9210);
  /* The ESRI file carries no id: same projection, same datum. */
  g_assert_true (pv_crs_equals (reference, from_esri));
  g_assert_cmpint (pv_crs_get_epsg (from_esri), ==, 9210);

  /* WKT1 as GDAL writes it, with an AUTHORITY. */
  from_wkt1 = crs_new ("GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
                       "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],"
                       "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
                       "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],"
                       "AUTHORITY[\"EPSG\",\"4326\"]]");
  g_assert_cmpint (pv_crs_get_epsg (from_wkt1), ==, 4326);
  g_assert_true (pv_crs_is_geographic (from_wkt1));
}

static void
test_crs_parse_proj_string (void)
{
  g_autoptr(PvCrs) typed = crs_new ("+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs +type=crs");
  g_autoptr(PvCrs) untyped = crs_new ("+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs");
  g_autoptr(PvCrs) epsg = crs_new ("EPSG:32648");
  g_autoptr(PvCrs) towgs84 = crs_new (TM3_10545_TOWGS84);
  g_autoptr(PvCrs) compound = crs_new ("EPSG:9210+5773");
  g_autoptr(PvCrs) longlat = crs_new ("+proj=longlat +datum=WGS84");

  g_assert_true (pv_crs_equals (typed, untyped));
  g_assert_true (pv_crs_equals (typed, epsg));
  g_assert_false (pv_crs_is_geographic (typed));
  g_assert_true (pv_crs_is_geographic (longlat));
  g_assert_false (pv_crs_is_geographic (towgs84));
  g_assert_true (pv_crs_is_vn2000 (compound));
  g_assert_false (pv_crs_is_geographic (compound));
  /* Not an EPSG object, whatever it resembles below 90 % confidence. */
  g_assert_cmpint (pv_crs_get_epsg (towgs84), ==, 0);
}

static void
test_crs_parse_projjson (void)
{
  g_autoptr(PvCrs) json = crs_new (PROJJSON_4326);
  g_autoptr(PvCrs) epsg = crs_new ("EPSG:4326");

  g_assert_true (pv_crs_is_geographic (json));
  g_assert_cmpint (pv_crs_get_epsg (json), ==, 4326);
  g_assert_true (pv_crs_equals (json, epsg));
}

static void
assert_invalid (const char *definition)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) crs = pv_crs_new_from_user_input (definition, &error);

  g_assert_null (crs);
  g_assert_error (error, PV_CRS_ERROR, PV_CRS_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_test_message ("%s", error->message);
}

static void
test_crs_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) crs = NULL;
  g_autoptr(GString) long_input = g_string_new ("+proj=nonsense");

  assert_invalid ("");
  assert_invalid ("   ");
  assert_invalid ("foo");             /* PROJ alone would find "Amersfoort" */
  assert_invalid ("EPSG:999999");
  assert_invalid ("EPSG:");
  assert_invalid ("+proj=nonsense +type=crs");
  assert_invalid ("GEOGCS[\"broken\",DATUM[");
  assert_invalid ("{\"type\": \"GeographicCRS\"");
  /* Not CRSs: a coordinate operation, a pipeline. */
  assert_invalid ("EPSG:6960");
  assert_invalid ("+proj=pipeline +step +proj=axisswap +order=2,1");

  /* The message quotes the input, shortened when long. */
  crs = pv_crs_new_from_user_input ("EPSG:999999", &error);
  g_assert_error (error, PV_CRS_ERROR, PV_CRS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“EPSG:999999”"));
  g_clear_error (&error);

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (long_input, " +p%u=%u", i, i);
  crs = pv_crs_new_from_user_input (long_input->str, &error);
  g_assert_null (crs);
  g_assert_error (error, PV_CRS_ERROR, PV_CRS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“+proj=nonsense +p0=0"));
  g_assert_nonnull (strstr (error->message, "…”"));
  g_assert_null (strstr (error->message, "+p39=39"));
  g_clear_error (&error);

  crs = pv_crs_new_from_epsg (999999, &error);
  g_assert_null (crs);
  g_assert_error (error, PV_CRS_ERROR, PV_CRS_ERROR_INVALID);
  g_clear_error (&error);

  crs = pv_crs_new_from_wkt ("PROJCS[\"x\"", &error);
  g_assert_null (crs);
  g_assert_error (error, PV_CRS_ERROR, PV_CRS_ERROR_INVALID);
}

static void
test_crs_vn2000 (void)
{
  const char *vn2000[] = { "EPSG:9210", "EPSG:3405", "EPSG:4756", "EPSG:5897", ESRI_WKT_9210 };
  const char *others[] = { "EPSG:4326", "EPSG:32648", "EPSG:4147", "EPSG:3857",
                           TM3_10545_TOWGS84 /* datum unknown: only the ellipsoid is named */ };

  for (guint i = 0; i < G_N_ELEMENTS (vn2000); i++)
    {
      g_autoptr(PvCrs) crs = crs_new (vn2000[i]);

      g_assert_true (pv_crs_is_vn2000 (crs));
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(PvCrs) crs = crs_new (others[i]);

      g_assert_false (pv_crs_is_vn2000 (crs));
    }
}

static void
test_crs_vn2000_by_name (void)
{
  /* Hand-written WKTs with the datum spelt in the ways files spell it, and
   * no ids at all. */
  const char *spellings[] = { "D_Vietnam_2000", "Vietnam 2000", "VN-2000", "VN_2000", "vietnam_2000" };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autofree char *wkt =
        g_strdup_printf ("GEOGCS[\"GCS_Some_Name\",DATUM[\"%s\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
                         "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]",
                         spellings[i]);
      g_autoptr(PvCrs) crs = crs_new (wkt);

      g_assert_true (pv_crs_is_geographic (crs));
      g_assert_true (pv_crs_is_vn2000 (crs));
    }
}

static void
test_crs_identify (void)
{
  g_autoptr(PvCrs) reference = crs_new ("EPSG:9210");
  g_autofree char *wkt = wkt_without_ids (reference);
  g_autoptr(PvCrs) crs = crs_new (wkt);
  g_autofree char *label = NULL;
  g_autofree char *definition = NULL;
  g_autoptr(PvCrs) again = NULL;

  g_assert_cmpint (pv_crs_get_epsg (crs), ==, 9210);
  label = pv_crs_dup_label (crs);
  g_assert_cmpstr (label, ==, "EPSG:9210");
  g_assert_true (pv_crs_is_vn2000 (crs));
  g_assert_true (pv_crs_equals (crs, reference));

  /* Without an id the definition stays the WKT, and reads back. */
  definition = pv_crs_dup_definition (crs);
  g_assert_false (g_str_has_prefix (definition, "EPSG:"));
  again = crs_new (definition);
  g_assert_true (pv_crs_equals (again, crs));
}

static void
test_crs_definition_round_trip (void)
{
  const char *inputs[] = {
    "EPSG:9210", "EPSG:4326", "EPSG:3405", ESRI_WKT_9210, PROJJSON_4326, TM3_10545_TOWGS84,
    "+proj=utm +zone=48 +datum=WGS84", "+proj=longlat +ellps=WGS84 " TOWGS84_6960,
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(PvCrs) crs = crs_new (inputs[i]);
      g_autofree char *definition = pv_crs_dup_definition (crs);
      g_autoptr(PvCrs) again = crs_new (definition);
      g_autofree char *definition_again = pv_crs_dup_definition (again);

      g_assert_true (pv_crs_equals (crs, again));
      g_assert_cmpstr (definition, ==, definition_again);
      g_assert_cmpint (pv_crs_is_vn2000 (crs), ==, pv_crs_is_vn2000 (again));
    }
}

static void
test_crs_area_of_use (void)
{
  g_autoptr(PvCrs) crs = crs_new ("EPSG:9210");
  g_autoptr(PvCrs) custom = crs_new ("+proj=tmerc +lon_0=105.75 +k=0.9999 +x_0=500000 +ellps=WGS84");
  double west, south, east, north;

  g_assert_true (pv_crs_get_area_of_use (crs, &west, &south, &east, &north));
  g_assert_cmpfloat_with_epsilon (west, 105.26, 1e-9);
  g_assert_cmpfloat_with_epsilon (south, 9.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (east, 107.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (north, 23.12, 1e-9);
  g_assert_false (pv_crs_get_area_of_use (custom, NULL, NULL, NULL, NULL));
}

typedef struct
{
  PvCrs *a;
  PvCrs *b;
} SharedCrs;

static gpointer
query_worker (gpointer data)
{
  SharedCrs *shared = data;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *wkt = pv_crs_dup_wkt (shared->a);
      g_autofree char *label = pv_crs_dup_label (shared->b);

      if (wkt == NULL || label == NULL || pv_crs_get_epsg (shared->a) != 9210 ||
          !pv_crs_equals (shared->a, shared->b) || !pv_crs_equals (shared->b, shared->a))
        return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

static void
test_crs_threads (void)
{
  g_autoptr(PvCrs) reference = crs_new ("EPSG:9210");
  g_autofree char *wkt = wkt_without_ids (reference);
  g_autoptr(PvCrs) a = crs_new (wkt);
  g_autoptr(PvCrs) b = crs_new (ESRI_WKT_9210);
  SharedCrs shared = { a, b };
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("crs-query", query_worker, &shared);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

/* ------------------------------------------------------------------------ */

static void
test_transform_vn2000_route_a (void)
{
  g_autoptr(PvTransform) transform = transform_new ("EPSG:4326", "EPSG:9210");
  g_autoptr(GError) error = NULL;
  double x = REF_LON, y = REF_LAT;
  const char *pipeline;

  g_assert_false (pv_transform_is_identity (transform));
  g_assert_true (pv_transform_point (transform, &x, &y, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (x, 598371.1816, 0.01);
  g_assert_cmpfloat_with_epsilon (y, 1214436.3465, 0.01);
  /* Not route C (EPSG:5194), 0.8 m away. */
  g_assert_cmpfloat (fabs (x - 598370.3862), >, 0.5);

  /* The pipeline is the single EPSG:6960 operation, in EPSG:4326 axis order. */
  pipeline = pv_transform_get_pipeline (transform);
  g_assert_nonnull (pipeline);
  g_test_message ("pipeline: %s", pipeline);
  g_assert_true (g_str_has_prefix (pipeline, "+proj=pipeline +step +proj=axisswap +order=2,1"));
  g_assert_nonnull (strstr (pipeline, "+x=-191.90441429 +y=-39.30318279 +z=-111.45032835"));
  g_assert_nonnull (strstr (pipeline, "+s=0.252906278"));
  g_assert_nonnull (strstr (pipeline, "+lon_0=105.75"));
  g_assert_null (strstr (pipeline, "-192.873"));

  /* The horizontal part of a compound CRS is pinned the same way. */
  {
    double cx, cy;

    transform_point ("EPSG:4326", "EPSG:9210+5773", REF_LON, REF_LAT, &cx, &cy);
    g_assert_cmpfloat_with_epsilon (cx, 598371.1816, 0.01);
    g_assert_cmpfloat_with_epsilon (cy, 1214436.3465, 0.01);
  }
}

static void
test_transform_vn2000_route_b (void)
{
  double x, y;

  transform_point ("EPSG:4326", "EPSG:3405", REF_LON, REF_LAT, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 680299.1724, 0.01);
  g_assert_cmpfloat_with_epsilon (y, 1214419.4940, 0.01);

  /* Same datum shift from a lon/lat WGS 84 given as a PROJ string. */
  transform_point ("+proj=longlat +datum=WGS84", "EPSG:3405", REF_LON, REF_LAT, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 680299.1724, 0.01);
  g_assert_cmpfloat_with_epsilon (y, 1214419.4940, 0.01);
}

/* Against cs2cs with the explicit +towgs84 (a CRS that carries its own
 * TOWGS84 keeps it), on both sides of 11.04°N where PROJ alone would switch
 * from EPSG:5194 to EPSG:6960. */
static void
test_transform_vn2000_north_south (void)
{
  g_autoptr(PvTransform) transform = transform_new ("EPSG:4326", "EPSG:9210");
  g_autoptr(PvTransform) reference = transform_new ("EPSG:4326", TM3_10545_TOWGS84);
  const double lats[] = { 11.20, 11.0401, 11.0399, 10.90, 10.98 };
  double east[G_N_ELEMENTS (lats)];
  double ref_east[G_N_ELEMENTS (lats)];

  for (guint i = 0; i < G_N_ELEMENTS (lats); i++)
    {
      double x = 106.65, y = lats[i];
      double rx = 106.65, ry = lats[i];

      g_assert_true (pv_transform_point (transform, &x, &y, NULL));
      g_assert_true (pv_transform_point (reference, &rx, &ry, NULL));
      g_assert_cmpfloat_with_epsilon (x, rx, 0.01);
      g_assert_cmpfloat_with_epsilon (y, ry, 0.01);
      east[i] = x;
      ref_east[i] = rx;
    }

  /* No 0.8 m jump at 11.04°N: over 22 m of latitude the easting only moves
   * by the grid convergence (≈ 7 cm), as with the single +towgs84 route. */
  g_assert_cmpfloat_with_epsilon (east[1] - east[2], ref_east[1] - ref_east[2], 0.01);
  g_assert_cmpfloat (fabs (east[1] - east[2]), <, 0.2);

  /* And the reference itself reproduces route A. */
  {
    double x = REF_LON, y = REF_LAT;

    g_assert_true (pv_transform_point (reference, &x, &y, NULL));
    g_assert_cmpfloat_with_epsilon (x, 598371.1816, 0.01);
    g_assert_cmpfloat_with_epsilon (y, 1214436.3465, 0.01);
  }
}

static void
test_transform_vn2000_inverse (void)
{
  double x, y;

  transform_point ("EPSG:9210", "EPSG:4326", 598371.1816, 1214436.3465, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, REF_LON, 1e-8);
  g_assert_cmpfloat_with_epsilon (y, REF_LAT, 1e-8);

  transform_point ("EPSG:3405", "EPSG:4326", 680299.1724, 1214419.4940, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, REF_LON, 1e-8);
  g_assert_cmpfloat_with_epsilon (y, REF_LAT, 1e-8);
}

static void
test_transform_vn2000_geographic (void)
{
  double x, y;

  /* EPSG:4756 is latitude-first by definition; PvTransform gives lon first. */
  transform_point ("EPSG:4326", "EPSG:4756", REF_LON, REF_LAT, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 106.65011240, 1e-7);
  g_assert_cmpfloat_with_epsilon (y, 10.98141807, 1e-7);

  transform_point ("EPSG:4756", "EPSG:4326", 106.65011240, 10.98141807, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, REF_LON, 1e-7);
  g_assert_cmpfloat_with_epsilon (y, REF_LAT, 1e-7);
}

static void
test_transform_vn2000_projections (void)
{
  g_autoptr(PvTransform) direct = transform_new ("EPSG:9210", "EPSG:3405");
  g_autoptr(PvTransform) to_geographic = transform_new ("EPSG:9210", "EPSG:4756");
  g_autoptr(PvTransform) from_geographic = transform_new ("EPSG:4756", "EPSG:3405");
  g_autoptr(PvTransform) from_esri = transform_new (ESRI_WKT_9210, "EPSG:3405");
  const char *pipeline = pv_transform_get_pipeline (direct);
  double x = 598371.1816, y = 1214436.3465;
  double gx = x, gy = y;
  double ex = x, ey = y;

  /* A projection change only: no datum shift in the pipeline. */
  g_assert_nonnull (pipeline);
  g_test_message ("pipeline: %s", pipeline);
  g_assert_null (strstr (pipeline, "helmert"));

  g_assert_true (pv_transform_point (direct, &x, &y, NULL));
  g_assert_true (pv_transform_point (to_geographic, &gx, &gy, NULL));
  g_assert_cmpfloat_with_epsilon (gx, 106.65011240, 1e-7);
  g_assert_cmpfloat_with_epsilon (gy, 10.98141807, 1e-7);
  g_assert_true (pv_transform_point (from_geographic, &gx, &gy, NULL));
  g_assert_cmpfloat_with_epsilon (x, gx, 0.001);
  g_assert_cmpfloat_with_epsilon (y, gy, 0.001);
  g_assert_true (pv_transform_point (from_esri, &ex, &ey, NULL));
  g_assert_cmpfloat_with_epsilon (x, ex, 0.001);
  g_assert_cmpfloat_with_epsilon (y, ey, 0.001);

  /* Route A's point lands on route B's. */
  g_assert_cmpfloat_with_epsilon (x, 680299.1724, 0.01);
  g_assert_cmpfloat_with_epsilon (y, 1214419.4940, 0.01);
}

static void
test_transform_identity (void)
{
  g_autoptr(PvTransform) same = transform_new ("EPSG:9210", ESRI_WKT_9210);
  g_autoptr(PvTransform) axes = transform_new ("EPSG:4326", "OGC:CRS84");
  g_autoptr(PvTransform) different = transform_new ("EPSG:4326", "EPSG:32648");
  double xy[] = { 598371.1816, 1214436.3465, NAN, NAN };
  double x = 598371.1816, y = 1214436.3465;
  double xmin, ymin, xmax, ymax;

  g_assert_true (pv_transform_is_identity (same));
  g_assert_true (pv_transform_is_identity (axes));
  g_assert_false (pv_transform_is_identity (different));
  g_assert_cmpstr (pv_transform_get_pipeline (same), ==, "+proj=noop");
  g_assert_nonnull (strstr (pv_transform_get_pipeline (axes), "axisswap"));

  g_assert_true (pv_transform_point (same, &x, &y, NULL));
  g_assert_cmpfloat (x, ==, 598371.1816);
  g_assert_cmpfloat (y, ==, 1214436.3465);
  g_assert_cmpuint (pv_transform_points_interleaved (same, xy, 2), ==, 0);
  g_assert_cmpfloat (xy[0], ==, 598371.1816);
  g_assert_true (isnan (xy[2]));
  g_assert_true (pv_transform_bounds (same, 10, 20, 30, 40, &xmin, &ymin, &xmax, &ymax));
  g_assert_cmpfloat (xmin, ==, 10);
  g_assert_cmpfloat (ymax, ==, 40);

  g_assert_true (pv_transform_get_source (same) != pv_transform_get_target (same));
  g_assert_cmpint (pv_crs_get_epsg (pv_transform_get_source (same)), ==, 9210);
}

static void
test_transform_batch (void)
{
  g_autoptr(PvTransform) transform = transform_new ("EPSG:4326", "EPSG:9210");
  g_autoptr(PvTransform) to_utm = transform_new ("EPSG:4326", "EPSG:32648");
  double xy[] = {
    REF_LON, REF_LAT,
    NAN, NAN,                /* a separator: stays NaN, not a failure */
    106.65, 11.20,
    106.65, 95.0,            /* no such latitude: a failure */
    106.65, NAN,
  };
  g_autoptr(GArray) big = g_array_new (FALSE, FALSE, sizeof (double));

  g_assert_cmpuint (pv_transform_points_interleaved (transform, xy, 5), ==, 1);
  g_assert_cmpfloat_with_epsilon (xy[0], 598371.1816, 0.01);
  g_assert_cmpfloat_with_epsilon (xy[1], 1214436.3465, 0.01);
  g_assert_true (isnan (xy[2]) && isnan (xy[3]));
  g_assert_true (isfinite (xy[4]) && isfinite (xy[5]));
  g_assert_true (isnan (xy[6]) && isnan (xy[7]));
  g_assert_true (isnan (xy[8]) && isnan (xy[9]));

  /* More points than one PROJ batch; each agrees with pv_transform_point(). */
  for (guint i = 0; i < 2500; i++)
    {
      double x = 106.3 + 0.6 * i / 2500.0;
      double y = 10.8 + 0.7 * ((i * 7) % 2500) / 2500.0;

      g_array_append_val (big, x);
      g_array_append_val (big, y);
    }
  {
    g_autofree double *copy = g_memdup2 (big->data, big->len * sizeof (double));

    g_assert_cmpuint (pv_transform_points_interleaved (to_utm, copy, big->len / 2), ==, 0);
    for (guint i = 0; i < big->len / 2; i += 97)
      {
        double x = g_array_index (big, double, 2 * i);
        double y = g_array_index (big, double, 2 * i + 1);

        g_assert_true (pv_transform_point (to_utm, &x, &y, NULL));
        g_assert_cmpfloat (x, ==, copy[2 * i]);
        g_assert_cmpfloat (y, ==, copy[2 * i + 1]);
      }
  }
}

static void
test_transform_point_failure (void)
{
  g_autoptr(PvTransform) transform = transform_new ("EPSG:4326", "EPSG:9210");
  g_autoptr(GError) error = NULL;
  double x = 106.65, y = 95.0;

  g_assert_false (pv_transform_point (transform, &x, &y, &error));
  g_assert_error (error, PV_CRS_ERROR, PV_CRS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "EPSG:4326"));
  g_assert_nonnull (strstr (error->message, "EPSG:9210"));
  g_test_message ("%s", error->message);
}

static void
test_transform_no_operation (void)
{
  g_autoptr(PvCrs) local = crs_new ("ENGCRS[\"Site grid\",EDATUM[\"Site\"],CS[Cartesian,2],"
                                    "AXIS[\"x\",east,LENGTHUNIT[\"metre\",1]],"
                                    "AXIS[\"y\",north,LENGTHUNIT[\"metre\",1]]]");
  g_autoptr(PvCrs) target = crs_new ("EPSG:9210");
  g_autoptr(GError) error = NULL;
  g_autoptr(PvTransform) transform = pv_transform_new (local, target, &error);

  g_assert_null (transform);
  g_assert_error (error, PV_CRS_ERROR, PV_CRS_ERROR_NO_OPERATION);
  g_assert_nonnull (strstr (error->message, "Site grid"));
  g_assert_nonnull (strstr (error->message, "EPSG:9210"));
  g_test_message ("%s", error->message);
}

static void
test_transform_bounds (void)
{
  g_autoptr(PvTransform) transform = transform_new ("EPSG:4326", "EPSG:9210");
  g_autoptr(PvTransform) polar = transform_new ("EPSG:3995", "EPSG:4326");
  const double corners[4][2] = { { 106.3, 10.8 }, { 106.95, 10.8 }, { 106.3, 11.5 }, { 106.95, 11.5 } };
  double xmin, ymin, xmax, ymax;

  /* Bình Dương, roughly: the box holds every corner, and not much more. */
  g_assert_true (pv_transform_bounds (transform, 106.3, 10.8, 106.95, 11.5,
                                      &xmin, &ymin, &xmax, &ymax));
  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    {
      double x = corners[i][0], y = corners[i][1];

      g_assert_true (pv_transform_point (transform, &x, &y, NULL));
      g_assert_cmpfloat (x, >=, xmin - 1e-6);
      g_assert_cmpfloat (x, <=, xmax + 1e-6);
      g_assert_cmpfloat (y, >=, ymin - 1e-6);
      g_assert_cmpfloat (y, <=, ymax + 1e-6);
    }
  g_assert_cmpfloat (xmax - xmin, <, 72000);
  g_assert_cmpfloat (ymax - ymin, <, 78000);
  g_assert_cmpfloat (xmax - xmin, >, 70000);

  /* The same box in reverse, out of the argument order. */
  g_assert_true (pv_transform_bounds (transform, 106.95, 11.5, 106.3, 10.8,
                                      &xmin, &ymin, &xmax, &ymax));
  g_assert_cmpfloat (xmin, <, xmax);

  /* Nothing transforms. */
  g_assert_false (pv_transform_bounds (transform, 106.0, 91.0, 107.0, 95.0,
                                       &xmin, &ymin, &xmax, &ymax));

  /* A polar stereographic box around the North Pole reaches it. */
  g_assert_true (pv_transform_bounds (polar, -1000000, -1000000, 1000000, 1000000,
                                      &xmin, &ymin, &xmax, &ymax));
  g_assert_cmpfloat (ymax, ==, 90.0);
  g_assert_cmpfloat (xmin, ==, -180.0);
  g_assert_cmpfloat (xmax, ==, 180.0);
  /* …and its corners are the farthest from it. */
  {
    double x = 1000000, y = 1000000;

    g_assert_true (pv_transform_point (polar, &x, &y, NULL));
    g_assert_cmpfloat_with_epsilon (ymin, y, 1e-9);
    g_assert_cmpfloat (ymin, >, 76.0);
  }
}

/* The CRS database for choosers */

static const PvCrsInfo *
find_info (GPtrArray  *infos,
           const char *code)
{
  for (guint i = 0; i < infos->len; i++)
    {
      const PvCrsInfo *info = g_ptr_array_index (infos, i);

      if (strcmp (info->auth, "EPSG") == 0 && strcmp (info->code, code) == 0)
        return info;
    }
  return NULL;
}

static void
test_crs_list_known_order (void)
{
  g_autoptr(GPtrArray) infos = pv_crs_list_known ();
  g_autoptr(GPtrArray) again = pv_crs_list_known ();
  const PvCrsInfo *first, *info;
  guint last_vn2000 = 0, first_other = G_MAXUINT;
  int rank = 0;

  /* Thousands of EPSG CRSs, read once. */
  g_assert_cmpuint (infos->len, >, 4000);
  g_assert_true (infos == again);

  first = g_ptr_array_index (infos, 0);
  g_assert_cmpstr (first->auth, ==, "EPSG");
  g_assert_cmpstr (first->code, ==, "9210");
  g_assert_cmpstr (first->name, ==, "VN-2000 / TM-3 105-45");
  g_assert_true (first->is_vn2000);
  g_assert_true (first->is_projected);
  g_assert_false (first->is_geographic);
  g_assert_nonnull (strstr (first->provinces, "Bình Dương"));

  /* The provincial zones, then the other VN-2000 CRSs, then the rest. */
  for (guint i = 1; i < infos->len; i++)
    {
      int r;

      info = g_ptr_array_index (infos, i);
      r = info->provinces != NULL ? 1 : info->is_vn2000 ? 2 : 3;
      g_assert_cmpint (r, >=, rank);
      rank = r;
      if (info->is_vn2000)
        last_vn2000 = i;
      else
        first_other = MIN (first_other, i);
      /* Nothing deprecated: the old TM-3 zones have FE/FN swapped. */
      g_assert_cmpstr (info->code, !=, "6956");
      g_assert_cmpstr (info->code, !=, "6959");
    }
  g_assert_cmpuint (last_vn2000, <, first_other);
  /* 9205…9218 (14), 5897…5899, UTM 48N/49N, TM-3 481, the geographic 4756. */
  g_assert_cmpuint (last_vn2000, >=, 14 + 3 + 2 + 1 + 1 - 1);

  info = find_info (infos, "4756");
  g_assert_nonnull (info);
  g_assert_true (info->is_vn2000);
  g_assert_true (info->is_geographic);
  g_assert_null (info->provinces);
  info = find_info (infos, "4326");
  g_assert_nonnull (info);
  g_assert_false (info->is_vn2000);
  g_assert_true (info->is_geographic);
  info = find_info (infos, "9212");
  g_assert_nonnull (strstr (info->provinces, "Bình Phước"));
  g_assert_null (find_info (infos, "6956"));

  /* 5897 has two areas of use in proj.db but is listed once. */
  for (guint i = 0, n = 0; i < infos->len; i++)
    {
      info = g_ptr_array_index (infos, i);
      if (strcmp (info->code, "5897") == 0)
        g_assert_cmpuint (++n, ==, 1);
    }
}

static void
test_crs_fold_for_search (void)
{
  struct { const char *in, *out; } cases[] = {
    { "Bình Dương", "binh duong" },
    { "ĐẮK LẮK", "dak lak" },
    { "  VN-2000 / TM-3 105-45 ", "vn 2000 tm 3 105 45" },
    { "EPSG:9210", "epsg 9210" },
    { "Bà Rịa–Vũng Tàu", "ba ria vung tau" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = pv_crs_fold_for_search (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

static guint
count_matches (GPtrArray  *infos,
               const char *query,
               const char *code)
{
  guint n = 0;

  for (guint i = 0; i < infos->len; i++)
    {
      const PvCrsInfo *info = g_ptr_array_index (infos, i);

      if (pv_crs_info_matches (info, query))
        {
          n++;
          if (code != NULL)
            g_assert_true (strcmp (info->code, code) == 0 || n > 1);
        }
    }
  return n;
}

static void
test_crs_info_matches (void)
{
  g_autoptr(GPtrArray) infos = pv_crs_list_known ();
  const PvCrsInfo *bd = find_info (infos, "9210");
  const PvCrsInfo *utm48 = find_info (infos, "32648");

  g_assert_true (pv_crs_info_matches (bd, "9210"));
  g_assert_true (pv_crs_info_matches (bd, "EPSG:9210"));
  g_assert_true (pv_crs_info_matches (bd, "epsg 9210"));
  g_assert_true (pv_crs_info_matches (bd, "Bình Dương"));
  g_assert_true (pv_crs_info_matches (bd, "binh duong"));
  g_assert_true (pv_crs_info_matches (bd, "BINH DUO"));
  g_assert_true (pv_crs_info_matches (bd, "vn-2000 105-45"));
  g_assert_true (pv_crs_info_matches (bd, ""));
  g_assert_true (pv_crs_info_matches (bd, NULL));
  g_assert_false (pv_crs_info_matches (bd, "Bình Phước"));
  g_assert_false (pv_crs_info_matches (bd, "9211"));
  /* Words match at their start: "210" is not found inside "9210". */
  g_assert_false (pv_crs_info_matches (bd, "210"));

  g_assert_true (pv_crs_info_matches (utm48, "UTM 48N"));
  g_assert_true (pv_crs_info_matches (utm48, "wgs 84 utm 48n"));
  g_assert_false (pv_crs_info_matches (utm48, "UTM 49N"));

  /* "9210" finds 9210 first and nothing else starting with it but codes
   * beginning with 9210 (none in EPSG). */
  g_assert_cmpuint (count_matches (infos, "9210", "9210"), ==, 1);
  /* Bình Dương: only its own zone names it. */
  g_assert_cmpuint (count_matches (infos, "binh duong", "9210"), ==, 1);
  g_assert_cmpuint (count_matches (infos, "utm 48n", NULL), >, 5);
}

static void
test_crs_info_create (void)
{
  g_autoptr(GPtrArray) infos = pv_crs_list_known ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) crs = NULL;
  g_autofree char *label = NULL;
  PvCrsInfo *info = g_ptr_array_index (infos, 0);
  g_autoptr(PvCrsInfo) ref = pv_crs_info_ref (info);

  label = pv_crs_info_dup_label (ref);
  g_assert_cmpstr (label, ==, "EPSG:9210");
  crs = pv_crs_info_create_crs (ref, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pv_crs_get_epsg (crs), ==, 9210);
  g_assert_true (pv_crs_is_vn2000 (crs));
  g_assert_true (G_TYPE_IS_BOXED (PV_TYPE_CRS_INFO));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/crs/parse-epsg", test_crs_parse_epsg);
  g_test_add_func ("/core/crs/parse-wkt", test_crs_parse_wkt);
  g_test_add_func ("/core/crs/parse-proj-string", test_crs_parse_proj_string);
  g_test_add_func ("/core/crs/parse-projjson", test_crs_parse_projjson);
  g_test_add_func ("/core/crs/invalid", test_crs_invalid);
  g_test_add_func ("/core/crs/vn2000", test_crs_vn2000);
  g_test_add_func ("/core/crs/vn2000-by-name", test_crs_vn2000_by_name);
  g_test_add_func ("/core/crs/identify", test_crs_identify);
  g_test_add_func ("/core/crs/definition-round-trip", test_crs_definition_round_trip);
  g_test_add_func ("/core/crs/area-of-use", test_crs_area_of_use);
  g_test_add_func ("/core/crs/threads", test_crs_threads);
  g_test_add_func ("/core/crs/list-known-order", test_crs_list_known_order);
  g_test_add_func ("/core/crs/fold-for-search", test_crs_fold_for_search);
  g_test_add_func ("/core/crs/info-matches", test_crs_info_matches);
  g_test_add_func ("/core/crs/info-create", test_crs_info_create);
  g_test_add_func ("/core/transform/vn2000-route-a", test_transform_vn2000_route_a);
  g_test_add_func ("/core/transform/vn2000-route-b", test_transform_vn2000_route_b);
  g_test_add_func ("/core/transform/vn2000-north-south", test_transform_vn2000_north_south);
  g_test_add_func ("/core/transform/vn2000-inverse", test_transform_vn2000_inverse);
  g_test_add_func ("/core/transform/vn2000-geographic", test_transform_vn2000_geographic);
  g_test_add_func ("/core/transform/vn2000-projections", test_transform_vn2000_projections);
  g_test_add_func ("/core/transform/identity", test_transform_identity);
  g_test_add_func ("/core/transform/batch", test_transform_batch);
  g_test_add_func ("/core/transform/point-failure", test_transform_point_failure);
  g_test_add_func ("/core/transform/no-operation", test_transform_no_operation);
  g_test_add_func ("/core/transform/bounds", test_transform_bounds);

  return g_test_run ();
}
