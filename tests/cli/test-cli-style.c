/* test-cli-style.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pv-cli-test-util.h"
#include "pv-core.h"
#include "pv-test-util.h"

/* Inside polygon id 3718 of quy_hoach_2030.shp (ma_sdd ODT), 60 m from any
 * edge, and an extent around that polygon. */
#define ODT_X 598830.11
#define ODT_Y 1222188.66
#define EXTENT "598307,1221597,599407,1222728"

static char *tmp_dir;

static char *
qml_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "qml", name, NULL);
}

/* The colour (0xRRGGBB) of the rendered pixel at a map point, found with the
 * world file written next to the PNG. */
static guint32
pixel_at (const char *png,
          double      x,
          double      y)
{
  g_autofree char *stem = g_strndup (png, strlen (png) - strlen (".png"));
  g_autofree char *pgw = g_strconcat (stem, ".pgw", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  cairo_surface_t *surface;
  double res, x0, y0;
  int col, row;
  guint32 pixel;

  g_file_get_contents (pgw, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 6);
  res = g_ascii_strtod (lines[0], NULL);
  x0 = g_ascii_strtod (lines[4], NULL);
  y0 = g_ascii_strtod (lines[5], NULL);
  col = (int) floor ((x - x0) / res + 0.5);
  row = (int) floor ((y0 - y) / res + 0.5);

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (col, >=, 0);
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpint (col, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (row, <, cairo_image_surface_get_height (surface));
  pixel = *(guint32 *) (cairo_image_surface_get_data (surface) +
                        (gsize) row * cairo_image_surface_get_stride (surface) + 4 * (gsize) col);
  cairo_surface_destroy (surface);
  return pixel;
}

/* By name and by number, the .qml's ODT colour fills the ODT polygon
 * instead of the automatic land-use palette. */
static void
test_cli_style_qml (void)
{
  g_autofree char *shp = pv_cli_sample_or_skip ("quy_hoach_2030.shp");
  g_autofree char *qml = NULL;
  g_autofree char *by_name = NULL;
  g_autofree char *by_number = NULL;
  g_autofree char *plain = g_build_filename (tmp_dir, "plain.png", NULL);
  g_autofree char *named = g_build_filename (tmp_dir, "named.png", NULL);
  g_autofree char *numbered = g_build_filename (tmp_dir, "numbered.png", NULL);

  if (shp == NULL)
    return;
  qml = qml_path ("categorized-3.28.qml");
  by_name = g_strconcat ("quy_hoach_2030=", qml, NULL);
  by_number = g_strconcat ("1=", qml, NULL);

  {
    g_autoptr(PvCliResult) result = pv_cli_run ("render", "-o", plain, "--size", "400x400",
                                                "--extent", EXTENT, shp, NULL);

    pv_cli_assert_exit (result, 0);
    g_assert_cmphex (pixel_at (plain, ODT_X, ODT_Y) & 0xFFFFFF, !=, 0xC92D82);
  }
  {
    g_autoptr(PvCliResult) result = pv_cli_run ("render", "-o", named, "--size", "400x400",
                                                "--extent", EXTENT, "--style", by_name, shp, NULL);

    pv_cli_assert_exit (result, 0);
    g_assert_cmpstr (result->err, ==, "");
    g_assert_cmphex (pixel_at (named, ODT_X, ODT_Y), ==, 0xFFC92D82);
  }
  {
    g_autoptr(PvCliResult) result = pv_cli_run ("render", "-o", numbered, "--size", "400x400",
                                                "--extent", EXTENT, "--style", by_number, shp, NULL);

    pv_cli_assert_exit (result, 0);
    g_assert_cmphex (pixel_at (numbered, ODT_X, ODT_Y), ==, 0xFFC92D82);
  }
}

/* A style in JSON, as a project stores it. */
static void
test_cli_style_json (void)
{
  g_autofree char *shp = pv_cli_sample_or_skip ("quy_hoach_2030.shp");
  g_autofree char *json = g_build_filename (tmp_dir, "red.json", NULL);
  g_autofree char *png = g_build_filename (tmp_dir, "red.png", NULL);
  g_autofree char *option = g_strconcat ("1=", json, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCliResult) result = NULL;

  if (shp == NULL)
    return;
  g_file_set_contents (json, "{\"type\": \"single\", \"classes\": [{\"color\": \"#12ab34\"}]}", -1, &error);
  g_assert_no_error (error);
  result = pv_cli_run ("render", "-o", png, "--size", "400x400", "--extent", EXTENT,
                       "--style", option, shp, NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_cmphex (pixel_at (png, ODT_X, ODT_Y), ==, 0xFF12AB34);
}

/* A malformed option is a usage error (1); a layer or style that cannot be
 * used is an input error (2); each says why on one line. */
static void
test_cli_style_errors (void)
{
  g_autofree char *shp = pv_cli_sample_or_skip ("quy_hoach_2030.shp");
  g_autofree char *png = g_build_filename (tmp_dir, "bad.png", NULL);
  g_autofree char *rules_qml = qml_path ("rule-based.qml");
  g_autofree char *roads_qml = qml_path ("roads-3.22.qml");
  g_autofree char *rules = NULL;
  g_autofree char *roads = NULL;
  g_autofree char *bad = g_build_filename (tmp_dir, "bad.qml", NULL);
  g_autoptr(GError) error = NULL;
  const char *usage[] = { "quy_hoach_2030", "=x.qml", "1=" };

  if (shp == NULL)
    return;
  rules = g_strconcat ("1=", rules_qml, NULL);
  roads = g_strconcat ("1=", roads_qml, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_autoptr(PvCliResult) result = pv_cli_run ("render", "-o", png, "--style", usage[i], shp, NULL);

      pv_cli_assert_exit (result, 1);
      pv_cli_assert_one_error_line (result);
    }
  {
    g_autoptr(PvCliResult) result = pv_cli_run ("render", "-o", png, "--style", "2=x.qml", shp, NULL);

    pv_cli_assert_exit (result, 2);
    pv_cli_assert_one_error_line (result);
    g_assert_nonnull (strstr (result->err, "“2”"));
  }
  {
    g_autoptr(PvCliResult) result = pv_cli_run ("render", "-o", png, "--style", "rivers=x.qml", shp, NULL);

    pv_cli_assert_exit (result, 2);
    pv_cli_assert_one_error_line (result);
  }
  {
    g_autoptr(PvCliResult) result = pv_cli_run ("render", "-o", png, "--style", rules, shp, NULL);

    pv_cli_assert_exit (result, 2);
    pv_cli_assert_one_error_line (result);
    g_assert_nonnull (strstr (result->err, "rule-based.qml"));
  }
  {
    /* The roads style categorizes on a field the zoning plan lacks. */
    g_autoptr(PvCliResult) result = pv_cli_run ("render", "-o", png, "--style", roads, shp, NULL);

    pv_cli_assert_exit (result, 2);
    pv_cli_assert_one_error_line (result);
  }
  {
    g_autofree char *option = g_strconcat ("1=", bad, NULL);
    g_autoptr(PvCliResult) result = NULL;

    g_file_set_contents (bad, "<qgis><renderer-v2 type=\"singleSymbol\"><symbols>", -1, &error);
    g_assert_no_error (error);
    result = pv_cli_run ("render", "-o", png, "--style", option, shp, NULL);
    pv_cli_assert_exit (result, 2);
    pv_cli_assert_one_error_line (result);
    g_assert_nonnull (strstr (result->err, "bad.qml"));
  }
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

/* A project's annotations are drawn over its layers in the render. */
static void
test_cli_render_annotations (void)
{
  g_autofree char *dir = pv_test_make_temp_dir ("pv-test-cli-annotations");
  g_autofree char *points = pv_test_write_place_names (dir, "dia-danh.shp", "ESRI Shapefile", PV_ENCODING_UTF8);
  g_autofree char *project = g_build_filename (dir, "plan.pvproj", NULL);
  g_autofree char *png = g_build_filename (dir, "plan.png", NULL);
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvAnnotation) box = pv_annotation_new (PV_ANNOTATION_RECTANGLE);
  g_autoptr(PvCliResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PvAnnotationStyle style;

  layers = pv_layer_open_all (points, NULL, NULL, &error);
  g_assert_no_error (error);
  pv_map_add_layer (map, g_ptr_array_index (layers, 0));
  pv_annotation_set_rectangle (box, 601000, 1216000, 601600, 1216600);
  pv_annotation_get_style (box, &style);
  style.fill[0] = 0, style.fill[1] = 0, style.fill[2] = 1, style.fill[3] = 1;
  pv_annotation_set_style (box, &style);
  pv_annotation_set_add (pv_map_get_annotations (map), box);
  g_assert_true (pv_project_save (map, NULL, project, &error));
  g_assert_no_error (error);

  result = pv_cli_run ("render", "-o", png, "--size", "300x300", "--extent", "600000,1215000,603000,1218000",
                       project, NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_cmphex (pixel_at (png, 601300, 1216300) & 0xFFFFFF, ==, 0x0000FF);
  g_assert_cmphex (pixel_at (png, 602500, 1217500) & 0xFFFFFF, !=, 0x0000FF);
  pv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  tmp_dir = g_dir_make_tmp ("pv-cli-style-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/style/qml", test_cli_style_qml);
  g_test_add_func ("/cli/style/json", test_cli_style_json);
  g_test_add_func ("/cli/style/errors", test_cli_style_errors);
  g_test_add_func ("/cli/style/annotations", test_cli_render_annotations);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
