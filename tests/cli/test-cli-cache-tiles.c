/* test-cli-cache-tiles.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pv-cli-test-util.h"
#include "pv-core.h"
#include "pv-test-http.h"
#include "pv-test-tiles.h"
#include "pv-test-util.h"

/* planviewer-cli cache-tiles against an XYZ tree served on 127.0.0.1 by
 * this test: a project's bookmark cached into MBTiles, which then opens
 * with online sources off. */

static char *tmp_dir;
static char *project;
static char *xyz_url;
static PvTestHttp *server;
static char *server_error;

#define NEED_SERVER()                                                          \
  G_STMT_START {                                                               \
    if (server == NULL)                                                        \
      {                                                                        \
        g_test_skip (server_error);                                            \
        return;                                                                \
      }                                                                        \
  } G_STMT_END

/* A project in VN-2000 with the bookmark "Thủ Dầu Một" (2 × 1.5 km around
 * the centre of the served tiles) and "Ngoài" (far outside them). */
static char *
write_project (void)
{
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvCrs) vn2000 = pv_crs_new_from_epsg (9210, NULL);
  g_autoptr(PvCrs) mercator = pv_crs_new_from_epsg (3857, NULL);
  g_autoptr(PvTransform) t = pv_transform_new (mercator, vn2000, NULL);
  g_autoptr(PvBookmark) inside = NULL;
  g_autoptr(PvBookmark) outside = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, "trinh-chieu.pvproj", NULL);
  double x = PV_TEST_TILES_CENTRE_X, y = PV_TEST_TILES_CENTRE_Y;

  g_assert_true (pv_transform_point (t, &x, &y, NULL));
  pv_map_set_crs (map, vn2000);
  inside = pv_bookmark_new ("Thủ Dầu Một", vn2000, x - 1000, y - 750, x + 1000, y + 750);
  outside = pv_bookmark_new ("Ngoài", vn2000, x + 20000, y - 750, x + 22000, y + 750);
  pv_bookmark_list_add (pv_map_get_bookmarks (map), inside);
  pv_bookmark_list_add (pv_map_get_bookmarks (map), outside);
  g_assert_true (pv_project_save (map, NULL, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_cache_bookmark (void)
{
  g_autofree char *output = NULL;
  g_autoptr(PvCliResult) result = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_tiles = 0;
  guint n_requests;
  PvLayer *layer;

  NEED_SERVER ();
  output = g_build_filename (tmp_dir, "bookmark.mbtiles", NULL);
  pv_test_http_reset (server);
  result = pv_cli_run ("cache-tiles", xyz_url, output, "--project", project,
                       "--bookmark", "Thủ Dầu Một", "--zoom", "13-15", "--allow-network", NULL);
  pv_cli_assert_exit (result, 0);
  g_test_message ("%s", result->out);
  g_assert_cmpint (sscanf (result->out, "%" G_GUINT64_FORMAT " tiles for 1 area", &n_tiles), ==, 1);
  g_assert_cmpuint (n_tiles, >=, 6);
  n_requests = pv_test_http_get_n_requests (server);
  g_test_message ("%u requests for %" G_GUINT64_FORMAT " tiles", n_requests, n_tiles);
  g_assert_cmpuint (n_requests, >, 0);
  g_assert_cmpuint (n_requests, <=, n_tiles);
  g_assert_nonnull (strstr (result->out, "Wrote "));

  /* Offline, it opens as a raster in web mercator with its zoom levels. */
  pv_trust_set_network_enabled (FALSE);
  layers = pv_layer_open_all (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  layer = g_ptr_array_index (layers, 0);
  g_assert_cmpstr (pv_raster_layer_get_driver_name (PV_RASTER_LAYER (layer)), ==, "MBTiles");
  g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (layer)), ==, 3857);
  g_assert_cmpint (pv_raster_layer_get_n_overviews (PV_RASTER_LAYER (layer)), >=, 2);
}

static void
test_dry_run_and_limit (void)
{
  g_autofree char *output = NULL;
  g_autoptr(PvCliResult) dry = NULL;
  g_autoptr(PvCliResult) limited = NULL;
  g_autoptr(PvCliResult) all = NULL;
  guint64 n_one = 0, n_all = 0;

  NEED_SERVER ();
  output = g_build_filename (tmp_dir, "dry.mbtiles", NULL);
  pv_test_http_reset (server);

  dry = pv_cli_run ("cache-tiles", xyz_url, output, "--project", project, "--bookmark", "Thủ Dầu Một",
                    "--dry-run", NULL);
  pv_cli_assert_exit (dry, 0);
  g_assert_cmpint (sscanf (dry->out, "%" G_GUINT64_FORMAT " tiles", &n_one), ==, 1);
  g_assert_cmpuint (n_one, >, 0);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  all = pv_cli_run ("cache-tiles", xyz_url, output, "--project", project, "--all-bookmarks",
                    "--dry-run", NULL);
  pv_cli_assert_exit (all, 0);
  g_assert_cmpint (sscanf (all->out, "%" G_GUINT64_FORMAT " tiles for 2 areas", &n_all), ==, 1);
  g_assert_cmpuint (n_all, >, n_one);

  limited = pv_cli_run ("cache-tiles", xyz_url, output, "--project", project, "--all-bookmarks",
                        "--max-tiles", "3", "--allow-network", NULL);
  pv_cli_assert_exit (limited, 2);
  pv_cli_assert_one_error_line (limited);
  g_assert_nonnull (strstr (limited->err, "more than the limit of 3"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (pv_test_http_get_n_requests (server), ==, 0);
}

static void
test_offline_refused (void)
{
  g_autofree char *output = NULL;
  g_autoptr(PvCliResult) result = NULL;

  NEED_SERVER ();
  output = g_build_filename (tmp_dir, "offline.mbtiles", NULL);
  pv_test_http_reset (server);
  result = pv_cli_run ("cache-tiles", xyz_url, output, "--extent",
                       "11871000,1228800,11873000,1230800", "--zoom", "14", NULL);
  pv_cli_assert_exit (result, 2);
  pv_cli_assert_one_error_line (result);
  g_assert_nonnull (strstr (result->err, "online sources are off"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (pv_test_http_get_n_requests (server), ==, 0);
}

static void
test_usage (void)
{
  static const char *const cases[][8] = {
    { "cache-tiles", "https://t.example.org/{z}/{x}/{y}.png", NULL },
    { "cache-tiles", "https://t.example.org/{z}/{x}/{y}.png", "o.mbtiles", NULL },
    { "cache-tiles", "https://t.example.org/{z}/{x}/{y}.png", "o.mbtiles", "--all-bookmarks", NULL },
    { "cache-tiles", "https://t.example.org/{z}/{x}/{y}.png", "o.mbtiles", "--extent", "1,2,3,4",
      "--zoom", "9-3", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PvCliResult) result = pv_cli_runv (cases[i]);

      pv_cli_assert_exit (result, 1);
      pv_cli_assert_one_error_line (result);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = pv_test_make_temp_dir ("pv-test-cli-cache-tiles");
  /* GDAL's tile cache of this run only (the CLI inherits it). */
  cache = g_build_filename (tmp_dir, "gdalwmscache", NULL);
  g_setenv ("GDAL_DEFAULT_WMS_CACHE_PATH", cache, TRUE);
  pv_core_init ();

  project = write_project ();
  if ((server = pv_test_tiles_serve_xyz (tmp_dir, 13, 15, NULL, NULL, &server_error)) != NULL)
    xyz_url = g_strdup_printf ("%s/{z}/{x}/{y}.png", pv_test_http_get_base_url (server));

  g_test_add_func ("/cli/cache-tiles/usage", test_usage);
  g_test_add_func ("/cli/cache-tiles/offline-refused", test_offline_refused);
  g_test_add_func ("/cli/cache-tiles/dry-run-and-limit", test_dry_run_and_limit);
  g_test_add_func ("/cli/cache-tiles/bookmark", test_cache_bookmark);
  ret = g_test_run ();

  g_clear_pointer (&server, pv_test_http_free);
  pv_test_remove_dir (tmp_dir);
  g_free (server_error);
  g_free (xyz_url);
  g_free (project);
  g_free (tmp_dir);
  return ret;
}
