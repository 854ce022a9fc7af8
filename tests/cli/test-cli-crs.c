/* test-cli-crs.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdal.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <string.h>

#include "pv-cli-test-util.h"
#include "pv-test-util.h"

/* --assume-crs and the suggestions for layers without CRS. Fixtures are
 * made here with GDAL: points in Bình Dương's TM-3 105°45′ grid, once
 * without .prj and once with a CRS of their own (EPSG:3405). */

static char *tmp_dir;
static char *no_prj_path;   /* tm3.shp, no .prj */
static char *with_crs_path; /* utm.shp, EPSG:3405 */

static char *
write_points (const char *file_name,
              int         epsg)
{
  g_autofree char *path = g_build_filename (tmp_dir, file_name, NULL);
  GDALDriverH driver = GDALGetDriverByName ("ESRI Shapefile");
  OGRSpatialReferenceH srs = NULL;
  GDALDatasetH dataset;
  OGRLayerH layer;
  /* Thủ Dầu Một (vietnam.md §1.4) and a point 10 km to the north-east. */
  const double tm3[][2] = { { 598371.1816, 1214436.3465 }, { 608371.1816, 1224436.3465 } };
  const double utm[][2] = { { 680299.1724, 1214419.4940 }, { 690299.1724, 1224419.4940 } };
  const double (*points)[2] = epsg == 0 ? tm3 : utm;

  g_assert_nonnull (driver);
  if (epsg != 0)
    {
      srs = OSRNewSpatialReference (NULL);
      g_assert_cmpint (OSRImportFromEPSG (srs, epsg), ==, OGRERR_NONE);
    }
  dataset = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (dataset);
  layer = GDALDatasetCreateLayer (dataset, "points", srs, wkbPoint, NULL);
  g_assert_nonnull (layer);
  for (guint i = 0; i < 2; i++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);

      OGR_G_SetPoint_2D (point, 0, points[i][0], points[i][1]);
      OGR_F_SetGeometryDirectly (feature, point);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  if (srs != NULL)
    OSRRelease (srs);
  return g_steal_pointer (&path);
}

/* The commands' --help lists --assume-crs. */
static gboolean
help_has_assume_crs (const char *command)
{
  g_autoptr(PvCliResult) result = pv_cli_run (command, "--help", NULL);

  pv_cli_assert_exit (result, 0);
  return strstr (result->out, "--assume-crs") != NULL;
}

/* The tests of info need pv-cli-info.c to wire --assume-crs and the
 * suggestions in (pv_cli_assume_crs, pv_cli_suggest_crs). */
static gboolean
info_ready_or_skip (void)
{
  if (help_has_assume_crs ("info"))
    return TRUE;
  g_test_skip ("info has no --assume-crs yet (pv-cli-info.c does not call pv_cli_assume_crs)");
  return FALSE;
}

static JsonObject *
parse_single_layer (const char *out,
                    JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  return json_array_get_object_element (array, 0);
}

static void
test_help (void)
{
  g_assert_true (help_has_assume_crs ("render"));
  g_assert_true (help_has_assume_crs ("transform"));
  if (!info_ready_or_skip ())
    return;
}

static void
test_info_suggests (void)
{
  g_autoptr(PvCliResult) text = NULL;
  g_autoptr(PvCliResult) json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *layer;
  JsonArray *suggested;
  const char *line;

  if (!info_ready_or_skip ())
    return;

  /* Plain text: the CRS stays unknown, the suggestions follow, 9210 first. */
  text = pv_cli_run ("info", no_prj_path, NULL);
  pv_cli_assert_exit (text, 0);
  g_assert_cmpstr (text->err, ==, "");
  g_assert_nonnull (strstr (text->out, "CRS:           unknown\n"));
  line = strstr (text->out, "Suggested:");
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Suggested:     EPSG:9210 (VN-2000 / TM-3 105-45)"));

  /* JSON: crs null, suggested_crs in order. */
  json = pv_cli_run ("info", "--json", no_prj_path, NULL);
  pv_cli_assert_exit (json, 0);
  layer = parse_single_layer (json->out, parser);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (layer, "crs")));
  suggested = json_object_get_array_member (layer, "suggested_crs");
  g_assert_cmpuint (json_array_get_length (suggested), >, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (suggested, 0), "label"),
                   ==, "EPSG:9210");
}

static void
test_info_assume (void)
{
  g_autoptr(PvCliResult) result = NULL;
  g_autoptr(PvCliResult) kept = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  JsonObject *layer;
  JsonObject *crs;

  if (!info_ready_or_skip ())
    return;

  /* A layer without CRS takes it, and is not offered suggestions. */
  result = pv_cli_run ("info", "--json", "--assume-crs", "EPSG:9210", no_prj_path, NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_cmpstr (result->err, ==, "");
  layer = parse_single_layer (result->out, parser);
  crs = json_object_get_object_member (layer, "crs");
  g_assert_nonnull (crs);
  g_assert_cmpint (json_object_get_int_member (crs, "epsg"), ==, 9210);
  g_assert_false (json_object_has_member (layer, "suggested_crs"));

  /* A layer with its own CRS keeps it; stderr says so, once. */
  kept = pv_cli_run ("info", "--json", "--assume-crs", "EPSG:9210", with_crs_path, NULL);
  pv_cli_assert_exit (kept, 0);
  pv_cli_assert_one_error_line (kept);
  g_assert_nonnull (strstr (kept->err, "utm.shp"));
  g_assert_nonnull (strstr (kept->err, "EPSG:3405"));
  g_assert_nonnull (strstr (kept->err, "EPSG:9210"));
  layer = parse_single_layer (kept->out, parser2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (layer, "crs"), "epsg"), ==, 3405);
}

static void
test_bad_assume (void)
{
  const char *commands[] = { "render", "info" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *png = g_build_filename (tmp_dir, "bad.png", NULL);
      g_autoptr(PvCliResult) result = NULL;

      if (i == 1 && !info_ready_or_skip ())
        return;
      if (i == 0)
        result = pv_cli_run ("render", "-o", png, "--assume-crs", "not a crs", no_prj_path, NULL);
      else
        result = pv_cli_run ("info", "--assume-crs", "not a crs", no_prj_path, NULL);
      pv_cli_assert_exit (result, 2);
      pv_cli_assert_one_error_line (result);
      g_assert_nonnull (strstr (result->err, "--assume-crs"));
      g_assert_nonnull (strstr (result->err, "not a crs"));
    }
}

/* The world file's top-left pixel centre, from its last two lines. */
static void
read_world_origin (const char *pgw,
                   double     *x,
                   double     *y)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (pgw, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 6);
  *x = g_ascii_strtod (lines[4], NULL);
  *y = g_ascii_strtod (lines[5], NULL);
}

static void
test_render_assume (void)
{
  g_autofree char *png = g_build_filename (tmp_dir, "assumed.png", NULL);
  g_autofree char *pgw = g_build_filename (tmp_dir, "assumed.pgw", NULL);
  g_autofree char *png2 = g_build_filename (tmp_dir, "plain.png", NULL);
  g_autofree char *pgw2 = g_build_filename (tmp_dir, "plain.pgw", NULL);
  g_autoptr(PvCliResult) result = NULL;
  g_autoptr(PvCliResult) plain = NULL;
  g_autoptr(PvCliResult) kept = NULL;
  double x, y;

  /* Assumed in EPSG:9210 and drawn in WGS 84: around Thủ Dầu Một. */
  result = pv_cli_run ("render", "-o", png, "--size", "200x200", "--crs", "EPSG:4326",
                       "--assume-crs", "EPSG:9210", no_prj_path, NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_cmpstr (result->err, ==, "");
  read_world_origin (pgw, &x, &y);
  g_assert_cmpfloat (x, >, 106.6);
  g_assert_cmpfloat (x, <, 106.8);
  g_assert_cmpfloat (y, >, 10.9);
  g_assert_cmpfloat (y, <, 11.1);

  /* Without it the coordinates stay as they are (nothing assumed). */
  plain = pv_cli_run ("render", "-o", png2, "--size", "200x200", no_prj_path, NULL);
  pv_cli_assert_exit (plain, 0);
  read_world_origin (pgw2, &x, &y);
  g_assert_cmpfloat (x, >, 590000);
  g_assert_cmpfloat (y, >, 1200000);

  /* A layer with its own CRS keeps it: the one without takes 9210, both
   * land on the same place in the map CRS of the first (EPSG:3405). */
  kept = pv_cli_run ("render", "-o", png, "--size", "200x200", "--assume-crs", "EPSG:9210",
                     with_crs_path, no_prj_path, NULL);
  pv_cli_assert_exit (kept, 0);
  pv_cli_assert_one_error_line (kept);
  g_assert_nonnull (strstr (kept->err, "utm.shp"));
  read_world_origin (pgw, &x, &y);
  /* UTM 48N eastings (680 000…), not TM-3's (598 000…) nor WGS 84 degrees. */
  g_assert_cmpfloat (x, >, 670000);
  g_assert_cmpfloat (x, <, 700000);
}

static void
test_transform_assume (void)
{
  g_autoptr(PvCliResult) result = NULL;
  g_autoptr(PvCliResult) both = NULL;
  g_autoptr(PvCliResult) neither = NULL;

  /* vietnam.md §1.4 route A, inverted. */
  result = pv_cli_run ("transform", "--assume-crs", "EPSG:9210", "--to", "EPSG:4326",
                       "598371.1816", "1214436.3465", NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_cmpstr (result->out, ==, "106.6519 10.9804\n");
  g_assert_cmpstr (result->err, ==, "");

  /* --from is the CRS the coordinates have: it wins, and stderr says so. */
  both = pv_cli_run ("transform", "--from", "EPSG:4326", "--assume-crs", "EPSG:9210", "--to", "EPSG:9210",
                     "106.6519", "10.9804", NULL);
  pv_cli_assert_exit (both, 0);
  g_assert_cmpstr (both->out, ==, "598371.1816 1214436.3465\n");
  pv_cli_assert_one_error_line (both);
  g_assert_nonnull (strstr (both->err, "--assume-crs"));

  neither = pv_cli_run ("transform", "--to", "EPSG:9210", "1", "2", NULL);
  pv_cli_assert_exit (neither, 1);
  pv_cli_assert_one_error_line (neither);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  tmp_dir = g_dir_make_tmp ("pv-test-cli-crs-XXXXXX", &error);
  g_assert_no_error (error);
  no_prj_path = write_points ("tm3.shp", 0);
  with_crs_path = write_points ("utm.shp", 3405);

  g_test_add_func ("/cli/crs/help", test_help);
  g_test_add_func ("/cli/crs/info-suggests", test_info_suggests);
  g_test_add_func ("/cli/crs/info-assume", test_info_assume);
  g_test_add_func ("/cli/crs/bad-assume", test_bad_assume);
  g_test_add_func ("/cli/crs/render-assume", test_render_assume);
  g_test_add_func ("/cli/crs/transform-assume", test_transform_assume);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (tmp_dir, name, NULL);

        g_unlink (file);
      }
    g_rmdir (tmp_dir);
  }
  g_clear_pointer (&no_prj_path, g_free);
  g_clear_pointer (&with_crs_path, g_free);
  g_clear_pointer (&tmp_dir, g_free);
  return status;
}
