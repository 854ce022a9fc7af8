/* test-cli-export.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pv-cli-test-util.h"
#include "pv-test-util.h"

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* A GeoJSON polygon layer in EPSG:9210 written for the test. */
static char *
write_layer (void)
{
  char *path = tmp_path ("ranh-gioi.geojson");
  const char *json =
    "{\"type\": \"FeatureCollection\","
    " \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::9210\"}},"
    " \"features\": [{\"type\": \"Feature\", \"properties\": {\"ma\": \"CLN\"},"
    " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[600000, 1200000], [600500, 1200000],"
    " [600500, 1200300], [600000, 1200000]]]}}]}";

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  return path;
}

/* pdfinfo's output for path, or NULL after g_test_skip() without poppler. */
static char *
pdfinfo (const char *path)
{
  g_autofree char *tool = g_find_program_in_path ("pdfinfo");
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (tool == NULL)
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed");
      return NULL;
    }
  g_spawn_sync (NULL, (char *[]) { tool, (char *) "-enc", (char *) "UTF-8", (char *) path, NULL },
                NULL, 0, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return out;
}

static void
test_usage_errors (void)
{
  g_autofree char *layer = write_layer ();
  g_autofree char *pdf = tmp_path ("usage.pdf");
  const char *cases[][8] = {
    { "export", layer, NULL },
    { "export", "-o", pdf, NULL },
    { "export", "-o", pdf, "--page", "A5", layer, NULL },
    { "export", "-o", pdf, "--page", "10x20cm", layer, NULL },
    { "export", "-o", pdf, "--dpi", "0", layer, NULL },
    { "export", "-o", pdf, "--dpi", "many", layer, NULL },
    { "export", "-o", pdf, "--extent", "1,2,3", layer, NULL },
    { "export", "-o", pdf, "--extent", "5,0,1,1", layer, NULL },
    { "export", "-o", "map.jpg", layer, NULL },
    { "export", "-o", pdf, "--scale", "5", layer, NULL },
    { "export", "-o", pdf, "--bookmark", "A", "--all-bookmarks", layer, NULL },
    { "export", "-o", pdf, "--landscape", "--portrait", layer, NULL },
    { "export", "-o", pdf, "--grid-interval", "0", layer, NULL },
    { "export", "-o", pdf, "--margin", "200", layer, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PvCliResult) result = pv_cli_runv (cases[i]);

      pv_cli_assert_exit (result, 1);
      pv_cli_assert_one_error_line (result);
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
    }

  {
    g_autoptr(PvCliResult) result = pv_cli_run ("export", "--no-such-option", "-o", pdf, layer, NULL);

    pv_cli_assert_exit (result, 1);
    pv_cli_assert_one_error_line (result);
  }
  {
    g_autoptr(PvCliResult) result = pv_cli_run ("export", "--help", NULL);

    pv_cli_assert_exit (result, 0);
    g_assert_nonnull (strstr (result->out, "--page"));
    g_assert_nonnull (strstr (result->out, "--landscape"));
  }
}

/* A file that cannot be read: exit 2, its name on stderr, an existing output
 * left as it was. */
static void
test_data_errors (void)
{
  g_autofree char *missing = tmp_path ("khong-co.shp");
  g_autofree char *pdf = tmp_path ("keep.pdf");
  g_autofree char *contents = NULL;
  g_autoptr(PvCliResult) result = NULL;

  g_assert_true (g_file_set_contents (pdf, "old", -1, NULL));
  result = pv_cli_run ("export", "-o", pdf, missing, NULL);
  pv_cli_assert_exit (result, 2);
  pv_cli_assert_one_error_line (result);
  g_assert_nonnull (strstr (result->err, "khong-co.shp"));
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_unlink (pdf);
}

static void
test_layer (void)
{
  g_autofree char *layer = write_layer ();
  g_autofree char *pdf = tmp_path ("ranh-gioi.pdf");
  g_autofree char *info = NULL;
  g_autoptr(PvCliResult) result = NULL;

  result = pv_cli_run ("export", "-o", pdf, "--page", "A3", "--landscape", "--dpi", "150",
                       "--title", "Ranh giới khu công nghiệp Mỹ Phước",
                       "--extent", "599900,1199900,600600,1200400", layer, NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_cmpstr (result->err, ==, "");
  if (!(info = pdfinfo (pdf)))
    return;
  g_assert_nonnull (strstr (info, "Page size:       1190.55 x 841.89 pts (A3)"));
  g_assert_nonnull (strstr (info, "Ranh giới khu công nghiệp Mỹ Phước"));
  g_assert_nonnull (strstr (info, "PlanViewer"));

  /* A custom page, portrait: the shorter side is horizontal. */
  g_clear_pointer (&info, g_free);
  g_clear_pointer (&result, pv_cli_result_free);
  result = pv_cli_run ("export", "-o", pdf, "--page", "700x500mm", layer, NULL);
  pv_cli_assert_exit (result, 0);
  info = pdfinfo (pdf);
  g_assert_nonnull (strstr (info, "Page size:       1417.32 x 1984.25 pts"));
  g_unlink (pdf);
}

/* A project with the layer, two bookmarks and a saved A3 landscape layout. */
static char *
write_project (void)
{
  g_autofree char *layer = write_layer ();
  char *path = tmp_path ("du-an.pvproj");
  const char *json =
    "{\"planviewer_project\": 1, \"crs\": \"EPSG:9210\","
    " \"layers\": [{\"name\": \"Ranh giới\", \"source\": \"ranh-gioi.geojson\", \"visible\": true}],"
    " \"bookmarks\": ["
    "  {\"name\": \"Góc tây\", \"crs\": \"EPSG:9210\", \"extent\": [599900, 1199900, 600200, 1200200],"
    "   \"layers\": [{\"source\": \"ranh-gioi.geojson\", \"layer\": null, \"sublayer\": null}]},"
    "  {\"name\": \"Toàn khu\", \"crs\": \"EPSG:9210\", \"extent\": [599800, 1199800, 600700, 1200400],"
    "   \"layers\": [{\"source\": \"ranh-gioi.geojson\", \"layer\": null, \"sublayer\": null}]}],"
    " \"layouts\": [{\"name\": \"A3 ngang\", \"paper\": \"A3\", \"landscape\": true, \"dpi\": 150,"
    "   \"title\": \"Khu công nghiệp Mỹ Phước\"}]}";

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  return path;
}

static int
count_pages (const char *info)
{
  const char *line = strstr (info, "Pages:");
  int pages = 0;

  g_assert_nonnull (line);
  g_assert_cmpint (sscanf (line, "Pages: %d", &pages), ==, 1);
  return pages;
}

/* One page per bookmark, one bookmark, a saved layout; missing names are
 * data errors naming what is missing. */
static void
test_bookmarks_and_layouts (void)
{
  g_autofree char *project = write_project ();
  g_autofree char *pdf = tmp_path ("slides.pdf");
  g_autofree char *info = NULL;
  g_autoptr(PvCliResult) result = NULL;

  result = pv_cli_run ("export", "-o", pdf, "--all-bookmarks", project, NULL);
  pv_cli_assert_exit (result, 0);
  if (!(info = pdfinfo (pdf)))
    return;
  g_assert_cmpint (count_pages (info), ==, 2);

  g_clear_pointer (&info, g_free);
  g_clear_pointer (&result, pv_cli_result_free);
  result = pv_cli_run ("export", "-o", pdf, "--bookmark", "Toàn khu", "--layout", "A3 ngang", project, NULL);
  pv_cli_assert_exit (result, 0);
  info = pdfinfo (pdf);
  g_assert_cmpint (count_pages (info), ==, 1);
  g_assert_nonnull (strstr (info, "Page size:       1190.55 x 841.89 pts (A3)"));
  g_assert_nonnull (strstr (info, "Khu công nghiệp Mỹ Phước"));

  /* The layout's settings give way to the options given. */
  g_clear_pointer (&info, g_free);
  g_clear_pointer (&result, pv_cli_result_free);
  result = pv_cli_run ("export", "-o", pdf, "--layout", "A3 ngang", "--portrait", "--title", "Mới", project, NULL);
  pv_cli_assert_exit (result, 0);
  info = pdfinfo (pdf);
  g_assert_nonnull (strstr (info, "Page size:       841.89 x 1190.55 pts (A3)"));
  g_assert_nonnull (strstr (info, "Title:           Mới"));

  g_clear_pointer (&result, pv_cli_result_free);
  result = pv_cli_run ("export", "-o", pdf, "--bookmark", "Không có", project, NULL);
  pv_cli_assert_exit (result, 2);
  pv_cli_assert_one_error_line (result);
  g_assert_nonnull (strstr (result->err, "Không có"));

  g_clear_pointer (&result, pv_cli_result_free);
  result = pv_cli_run ("export", "-o", pdf, "--layout", "A0 dọc", project, NULL);
  pv_cli_assert_exit (result, 2);
  pv_cli_assert_one_error_line (result);
  g_assert_nonnull (strstr (result->err, "A0 dọc"));
  g_unlink (pdf);
}

/* PNG with its world file and .prj; SVG; several pages as numbered files. */
static void
test_png_and_svg (void)
{
  g_autofree char *project = write_project ();
  g_autofree char *png = tmp_path ("ban-do.png");
  g_autofree char *pgw = tmp_path ("ban-do.pgw");
  g_autofree char *prj = tmp_path ("ban-do.prj");
  g_autofree char *svg = tmp_path ("ban-do.svg");
  g_autofree char *png1 = tmp_path ("trang-1.png");
  g_autofree char *png2 = tmp_path ("trang-2.png");
  g_autofree char *pages = tmp_path ("trang.png");
  g_autofree char *contents = NULL;
  g_autoptr(PvCliResult) result = NULL;

  result = pv_cli_run ("export", "-o", png, "--dpi", "96", project, NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (pgw, &contents, NULL, NULL));
  {
    g_auto(GStrv) lines = g_strsplit (g_strstrip (contents), "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 6);
  }
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (prj, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "VN"));

  g_clear_pointer (&result, pv_cli_result_free);
  result = pv_cli_run ("export", "-o", svg, project, NULL);
  pv_cli_assert_exit (result, 0);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));

  g_clear_pointer (&result, pv_cli_result_free);
  result = pv_cli_run ("export", "-o", pages, "--dpi", "72", "--all-bookmarks", project, NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_true (g_file_test (png1, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (png2, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (pages, G_FILE_TEST_EXISTS));
}

static void
test_project (void)
{
  g_autofree char *project = pv_cli_sample_or_skip ("binh-duong.pvproj");
  g_autofree char *pdf = tmp_path ("binh-duong.pdf");
  g_autofree char *info = NULL;
  g_autoptr(PvCliResult) result = NULL;

  if (project == NULL)
    return;
  result = pv_cli_run ("export", "-o", pdf, "--page", "A3", "--landscape",
                       "--title", "Hiện trạng sử dụng đất tỉnh Bình Dương", project, NULL);
  pv_cli_assert_exit (result, 0);
  if (!(info = pdfinfo (pdf)))
    return;
  g_assert_nonnull (strstr (info, "Page size:       1190.55 x 841.89 pts (A3)"));
  g_assert_nonnull (strstr (info, "Hiện trạng sử dụng đất tỉnh Bình Dương"));
  g_unlink (pdf);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = pv_test_make_temp_dir ("pv-cli-export");

  g_test_add_func ("/cli/export/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/export/data-errors", test_data_errors);
  g_test_add_func ("/cli/export/layer", test_layer);
  g_test_add_func ("/cli/export/project", test_project);
  g_test_add_func ("/cli/export/bookmarks-and-layouts", test_bookmarks_and_layouts);
  g_test_add_func ("/cli/export/png-and-svg", test_png_and_svg);

  status = g_test_run ();
  pv_test_remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
