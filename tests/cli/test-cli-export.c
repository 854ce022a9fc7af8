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

  status = g_test_run ();
  pv_test_remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
