/* pv-test-tiles.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdal.h>
#include <gdal_utils.h>
#include <glib/gstdio.h>
#include <math.h>

#include "pv-test-tiles.h"

#define HALF PV_TEST_MERCATOR_HALF

void
pv_test_tiles_square_colour (int     i,
                             int     j,
                             guint8 *rgb)
{
  rgb[0] = (guint8) (20 + (i * 37) % 220);
  rgb[1] = (guint8) (20 + (j * 59) % 220);
  rgb[2] = (guint8) ((i + j) % 2 ? 230 : 40);
}

void
pv_test_tiles_write_source (const char *path)
{
  int n = (int) (2 * PV_TEST_TILES_HALF / PV_TEST_TILES_PIXEL);
  double gt[6] = { PV_TEST_TILES_CENTRE_X - PV_TEST_TILES_HALF, PV_TEST_TILES_PIXEL, 0,
                   PV_TEST_TILES_CENTRE_Y + PV_TEST_TILES_HALF, 0, -PV_TEST_TILES_PIXEL };
  GDALDatasetH ds = GDALCreate (GDALGetDriverByName ("GTiff"), path, n, n, 3, GDT_Byte, NULL);
  g_autofree guint8 *pixels = g_malloc ((gsize) n * n * 3);

  g_assert_nonnull (ds);
  for (int y = 0; y < n; y++)
    for (int x = 0; x < n; x++)
      {
        guint8 rgb[3];

        pv_test_tiles_square_colour (x / PV_TEST_TILES_SQUARE, y / PV_TEST_TILES_SQUARE, rgb);
        for (int c = 0; c < 3; c++)
          pixels[(gsize) c * n * n + (gsize) y * n + x] = rgb[c];
      }
  GDALSetGeoTransform (ds, gt);
  GDALSetProjection (ds, "EPSG:3857");
  g_assert_cmpint (GDALDatasetRasterIO (ds, GF_Write, 0, 0, n, n, pixels, n, n, GDT_Byte, 3, NULL,
                                        0, 0, 0), ==, CE_None);
  GDALClose (ds);
}

double
pv_test_tiles_span (int z)
{
  return 2 * HALF / (double) (1 << z);
}

guint
pv_test_tiles_write_xyz (const char *root,
                         const char *source,
                         int         min_zoom,
                         int         max_zoom)
{
  GDALDatasetH src = GDALOpen (source, GA_ReadOnly);
  double xmin = PV_TEST_TILES_CENTRE_X - PV_TEST_TILES_HALF;
  double xmax = PV_TEST_TILES_CENTRE_X + PV_TEST_TILES_HALF;
  double ymin = PV_TEST_TILES_CENTRE_Y - PV_TEST_TILES_HALF;
  double ymax = PV_TEST_TILES_CENTRE_Y + PV_TEST_TILES_HALF;
  guint n_tiles = 0;

  g_assert_nonnull (src);
  for (int z = min_zoom; z <= max_zoom; z++)
    {
      double span = pv_test_tiles_span (z);
      int x0 = (int) floor ((xmin + HALF) / span), x1 = (int) floor ((xmax + HALF) / span);
      int y0 = (int) floor ((HALF - ymax) / span), y1 = (int) floor ((HALF - ymin) / span);

      for (int x = x0; x <= x1; x++)
        for (int y = y0; y <= y1; y++)
          {
            g_autofree char *dir = g_strdup_printf ("%s/%d/%d", root, z, x);
            g_autofree char *png = g_strdup_printf ("%s/%d.png", dir, y);
            g_autofree char *te0 = g_strdup_printf ("%.10f", -HALF + x * span);
            g_autofree char *te1 = g_strdup_printf ("%.10f", HALF - (y + 1) * span);
            g_autofree char *te2 = g_strdup_printf ("%.10f", -HALF + (x + 1) * span);
            g_autofree char *te3 = g_strdup_printf ("%.10f", HALF - y * span);
            char *argv[] = { "-of", "MEM", "-te", te0, te1, te2, te3, "-ts", "256", "256",
                             "-r", "near", "-dstalpha", NULL };
            GDALWarpAppOptions *options = GDALWarpAppOptionsNew (argv, NULL);
            GDALDatasetH tile = GDALWarp ("", NULL, 1, &src, options, NULL);
            GDALDatasetH png_ds;

            GDALWarpAppOptionsFree (options);
            g_assert_nonnull (tile);
            g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
            png_ds = GDALCreateCopy (GDALGetDriverByName ("PNG"), png, tile, FALSE, NULL, NULL, NULL);
            g_assert_nonnull (png_ds);
            GDALClose (png_ds);
            GDALClose (tile);
            n_tiles++;
          }
    }
  GDALClose (src);
  return n_tiles;
}

PvTestHttp *
pv_test_tiles_serve_xyz (const char  *dir,
                         int          min_zoom,
                         int          max_zoom,
                         char       **source,
                         char       **www,
                         char       **error_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *www_dir = g_build_filename (dir, "www", NULL);
  g_autofree char *source_path = g_build_filename (dir, "source.tif", NULL);
  PvTestHttp *server;

  g_assert_cmpint (g_mkdir (www_dir, 0755), ==, 0);
  pv_test_tiles_write_source (source_path);
  pv_test_tiles_write_xyz (www_dir, source_path, min_zoom, max_zoom);
  server = pv_test_http_new (www_dir, &error);
  *error_message = server == NULL ? g_strdup_printf ("no HTTP server on 127.0.0.1: %s", error->message) : NULL;
  if (source != NULL)
    *source = g_steal_pointer (&source_path);
  if (www != NULL)
    *www = g_steal_pointer (&www_dir);
  return server;
}
