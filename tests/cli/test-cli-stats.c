/* test-cli-stats.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdal.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <string.h>

#include "pv-cli-test-util.h"
#include "pv-core.h"
#include "pv-landuse-stats.h"
#include "pv-test-util.h"

static char *tmp_dir;
static char *fixture_path;

/* Three squares in EPSG:9210 near Thủ Dầu Một: ODT and CLN 1 km, and a
 * 300 m one of a code no list knows. */
static void
write_fixture (void)
{
  const struct { const char *code; double x, y, size; } squares[] = {
    { "ODT", 600000, 1215000, 1000 },
    { "CLN", 602000, 1215000, 1000 },
    { "XYZ", 604000, 1215000, 300 },
  };
  GDALDatasetH ds;
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
  OGRLayerH layer;
  OGRFieldDefnH field;
  GError *error = NULL;

  tmp_dir = g_dir_make_tmp ("pv-cli-stats-XXXXXX", &error);
  g_assert_no_error (error);
  fixture_path = g_build_filename (tmp_dir, "su-dung-dat.gpkg", NULL);
  ds = GDALCreate (GDALGetDriverByName ("GPKG"), fixture_path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (ds);
  g_assert_cmpint (OSRImportFromEPSG (srs, 9210), ==, OGRERR_NONE);
  layer = GDALDatasetCreateLayer (ds, "su_dung_dat", srs, wkbPolygon, NULL);
  field = OGR_Fld_Create ("ma_sdd", OFTString);
  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  for (guint i = 0; i < G_N_ELEMENTS (squares); i++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
      OGRGeometryH polygon = OGR_G_CreateGeometry (wkbPolygon);
      double x = squares[i].x, y = squares[i].y, s = squares[i].size;

      OGR_G_AddPoint_2D (ring, x, y);
      OGR_G_AddPoint_2D (ring, x + s, y);
      OGR_G_AddPoint_2D (ring, x + s, y + s);
      OGR_G_AddPoint_2D (ring, x, y + s);
      OGR_G_AddPoint_2D (ring, x, y);
      OGR_G_AddGeometryDirectly (polygon, ring);
      OGR_F_SetGeometryDirectly (feature, polygon);
      OGR_F_SetFieldString (feature, 0, squares[i].code);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  OSRRelease (srs);
  GDALClose (ds);
}

/* The CSV the core makes for the fixture in scope (in this process, in the
 * tests' C.UTF-8 locale, as the CLI runs). */
static char *
core_csv (const char *scope_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (fixture_path, NULL, NULL, &error);
  g_autoptr(PvLanduseScope) scope = NULL;
  g_autoptr(PvLanduseStats) stats = NULL;

  g_assert_no_error (error);
  scope = pv_landuse_scope_parse (scope_text, &error);
  g_assert_no_error (error);
  stats = pv_landuse_stats_compute (g_ptr_array_index (layers, 0), "ma_sdd", scope, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return pv_landuse_stats_to_csv (stats);
}

static void
test_text (void)
{
  g_autoptr(PvCliResult) result = pv_cli_run ("stats", fixture_path, "--field", "ma_sdd", NULL);
  g_auto(GStrv) lines = NULL;
  gboolean in_table = FALSE;
  glong width = -1;
  guint n_table_lines = 0;

  pv_cli_assert_exit (result, 0);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_true (g_utf8_validate (result->out, -1, NULL));
  g_assert_nonnull (strstr (result->out, "Scope: whole layer\n"));
  g_assert_nonnull (strstr (result->out, "Field: ma_sdd\n"));
  g_assert_nonnull (strstr (result->out, "Areas are geodesic, on the WGS 84 ellipsoid"));

  /* Header, CLN (agricultural) before ODT, XYZ, total: every line of the
   * table as wide in characters (not bytes: "Đất" takes 5 bytes); the code
   * column as wide as its title "Code". */
  lines = g_strsplit (result->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Code "))
        in_table = TRUE;
      if (!in_table)
        continue;
      if (lines[i][0] == '\0')
        break;
      if (width < 0)
        width = g_utf8_strlen (lines[i], -1);
      g_assert_cmpint (g_utf8_strlen (lines[i], -1), ==, width);
      switch (n_table_lines++)
        {
        case 1: g_assert_true (g_str_has_prefix (lines[i], "CLN   Đất trồng cây lâu năm ")); break;
        case 2: g_assert_true (g_str_has_prefix (lines[i], "ODT   Đất ở tại đô thị ")); break;
        case 3: g_assert_true (g_str_has_prefix (lines[i], "XYZ   XYZ ")); break;
        case 4:
          g_assert_true (g_str_has_prefix (lines[i], "      Total "));
          g_assert_true (g_regex_match_simple ("  100\\.00 +3$", lines[i], 0, 0));
          break;
        default: break;
        }
      /* The areas: 2 decimals, right-aligned. */
      if (n_table_lines > 1)
        g_assert_true (g_regex_match_simple ("  [0-9]+\\.[0-9]{2}  +[0-9]+\\.[0-9]{2}  +[0-9]+$", lines[i], 0, 0));
    }
  g_assert_cmpuint (n_table_lines, ==, 5);
}

static void
test_csv (void)
{
  const char *scopes[] = {
    "all",
    "extent:600500,1214000,602500,1217000",
    "wkt:POLYGON ((600000 1215000,601000 1215000,600000 1216000,600000 1215000))",
  };

  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      g_autoptr(PvCliResult) result = pv_cli_run ("stats", fixture_path, "--field", "ma_sdd", "--csv",
                                                  "--scope", scopes[i], NULL);
      g_autofree char *expected = core_csv (scopes[i]);

      pv_cli_assert_exit (result, 0);
      g_assert_cmpstr (result->err, ==, "");
      g_assert_cmpstr (result->out, ==, expected);
    }

  /* Half of ODT and half of CLN lie in the extent. */
  {
    g_autoptr(PvCliResult) result = pv_cli_run ("stats", fixture_path, "--field", "ma_sdd", "--csv",
                                                "--scope", "extent:600500,1214000,602500,1217000", NULL);
    g_auto(GStrv) lines = g_strsplit (result->out, "\n", -1);

    g_assert_cmpstr (lines[0], ==, "Code,Name,Area (ha),Share (%),Features");
    /* Geodesic hectares: TM-3 metres here are a little longer than true
     * ones, so each half is 50 ha less a few ares. */
    g_assert_true (g_regex_match_simple ("^CLN,Đất trồng cây lâu năm,(49\\.99|50\\.00),50\\.0[0-9],1$", lines[1], 0, 0));
    g_assert_true (g_regex_match_simple ("^ODT,Đất ở tại đô thị,(49\\.99|50\\.00),(49|50)\\.[0-9]{2},1$", lines[2], 0, 0));
    g_assert_true (g_regex_match_simple ("^,Total,(99\\.9[89]|100\\.00),100\\.00,2$", lines[3], 0, 0));
    g_assert_nonnull (strstr (lines[4], "geodesic"));
  }
}

static void
test_errors (void)
{
  g_autofree char *missing = g_build_filename (tmp_dir, "khong-co.shp", NULL);
  struct {
    int         status;
    const char *args[8];
  } cases[] = {
    { 2, { "stats", fixture_path, "--field", "khong_co", NULL } },
    { 1, { "stats", fixture_path, NULL } },
    { 1, { "stats", "--field", "ma_sdd", NULL } },
    { 1, { "stats", fixture_path, "--field", "ma_sdd", "--scope", "extent:1,2,3", NULL } },
    { 1, { "stats", fixture_path, "--field", "ma_sdd", "--scope", "wkt:POINT (1 2)", NULL } },
    { 1, { "stats", fixture_path, "--field", "ma_sdd", "--scope", "somewhere", NULL } },
    { 1, { "stats", fixture_path, "--field", "ma_sdd", "--bogus", NULL } },
    { 2, { "stats", missing, "--field", "ma_sdd", NULL } },
    { 2, { "stats", fixture_path, "--field", "ma_sdd", "--layer", "khong_co", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PvCliResult) result = pv_cli_runv (cases[i].args);

      pv_cli_assert_exit (result, cases[i].status);
      pv_cli_assert_one_error_line (result);
      g_assert_cmpstr (result->out, ==, "");
    }

  /* The bad field is named, with the file. */
  {
    g_autoptr(PvCliResult) result = pv_cli_run ("stats", fixture_path, "--field", "khong_co", NULL);

    g_assert_nonnull (strstr (result->err, "khong_co"));
    g_assert_nonnull (strstr (result->err, "su-dung-dat.gpkg"));
  }
}

/* The sample project: --layer picks the planned land use by its name. */
static void
test_project (void)
{
  g_autofree char *project = pv_cli_sample_or_skip ("binh-duong.pvproj");
  g_autoptr(PvCliResult) result = NULL;
  g_autoptr(PvCliResult) ambiguous = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  if (project == NULL)
    return;
  result = pv_cli_run ("stats", project, "--layer", "Quy hoạch sử dụng đất 2021–2030",
                       "--field", "ma_sdd", "--csv", NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_cmpstr (result->err, ==, "");
  lines = g_strsplit (result->out, "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >, 10);
  /* The total row counts every polygon of the layer. */
  g_assert_true (g_str_has_prefix (lines[n - 3], ",Total,"));
  g_assert_true (g_str_has_suffix (lines[n - 3], ",100.00,8682"));

  ambiguous = pv_cli_run ("stats", project, "--field", "ma_sdd", NULL);
  pv_cli_assert_exit (ambiguous, 1);
  pv_cli_assert_one_error_line (ambiguous);
  g_assert_nonnull (strstr (ambiguous->err, "--layer"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pv_core_init ();
  write_fixture ();

  g_test_add_func ("/cli/stats/text", test_text);
  g_test_add_func ("/cli/stats/csv", test_csv);
  g_test_add_func ("/cli/stats/errors", test_errors);
  g_test_add_func ("/cli/stats/project", test_project);

  status = g_test_run ();
  g_remove (fixture_path);
  g_rmdir (tmp_dir);
  g_free (fixture_path);
  g_free (tmp_dir);
  return status;
}
