/* test-raster.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_srs_api.h>
#include <string.h>

#include "pv-core.h"
#include "pv-raster-layer-private.h"
#include "pv-test-util.h"

static char *tmp_dir;

/* ---------------------------------------------------------------- fixtures */

static char *
fixture_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* A GeoTIFF written by GDAL; gt NULL: no geotransform, epsg 0: no CRS. */
static GDALDatasetH
create_tiff (const char   *path,
             int           width,
             int           height,
             int           n_bands,
             GDALDataType  type,
             const double *gt,
             int           epsg,
             const char  **options)
{
  GDALDatasetH ds = GDALCreate (GDALGetDriverByName ("GTiff"), path, width, height, n_bands,
                                type, (char **) options);

  g_assert_nonnull (ds);
  if (gt != NULL)
    g_assert_cmpint (GDALSetGeoTransform (ds, (double *) gt), ==, CE_None);
  if (epsg != 0)
    {
      OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);

      g_assert_cmpint (OSRImportFromEPSG (srs, epsg), ==, OGRERR_NONE);
      g_assert_cmpint (GDALSetSpatialRef (ds, srs), ==, CE_None);
      OSRRelease (srs);
    }
  return ds;
}

static void
write_band (GDALDatasetH  ds,
            int           band,
            GDALDataType  type,
            const void   *values)
{
  int w = GDALGetRasterXSize (ds), h = GDALGetRasterYSize (ds);

  g_assert_cmpint (GDALRasterIO (GDALGetRasterBand (ds, band), GF_Write, 0, 0, w, h,
                                 (void *) values, w, h, type, 0, 0), ==, CE_None);
}

/* 10 m pixels in VN-2000 / TM-3 105°45′ (Bình Dương), top-left corner here. */
#define ORIGIN_X 600000.0
#define ORIGIN_Y 1220000.0
#define PIXEL    10.0

static const double vn_gt[6] = { ORIGIN_X, PIXEL, 0, ORIGIN_Y, 0, -PIXEL };

/* ---------------------------------------------------------------- helpers */

static PvRasterLayer *
open_layer (const char *path)
{
  g_autoptr(GError) error = NULL;
  PvRasterLayer *layer = pv_raster_layer_new (path, &error);

  g_assert_no_error (error);
  g_assert_true (PV_IS_RASTER_LAYER (layer));
  return layer;
}

static cairo_surface_t *
render (PvLayer    *layer,
        PvCrs      *map_crs,
        PvViewport *vp,
        guint       n_threads)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;

  pv_map_add_layer (map, layer);
  if (map_crs != NULL)
    pv_map_set_crs (map, map_crs);
  image = pv_render_map_to_image (map, vp, n_threads, NULL, errors, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < errors->len; i++)
    g_test_message ("layer error: %s", ((GError *) errors->pdata[i])->message);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_nonnull (image);
  cairo_surface_flush (image);
  return image;
}

/* The colour (unpremultiplied RGBA) of the device pixel at device (x, y). */
static void
pixel_at (cairo_surface_t *image,
          int              x,
          int              y,
          guint8          *rgba)
{
  guint8 *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);
  guint32 argb;
  guint a;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (image));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (image));
  argb = ((guint32 *) (data + (gsize) y * stride))[x];
  a = argb >> 24;
  rgba[3] = a;
  for (int i = 0; i < 3; i++)
    {
      guint c = (argb >> (16 - 8 * i)) & 0xff;

      rgba[i] = a ? (c * 255 + a / 2) / a : 0;
    }
}

/* The colour at map coordinates (mx, my). */
static void
probe (cairo_surface_t *image,
       PvViewport      *vp,
       double           mx,
       double           my,
       guint8          *rgba)
{
  double sx, sy;

  pv_viewport_map_to_screen (vp, mx, my, &sx, &sy);
  pixel_at (image, (int) floor (sx), (int) floor (sy), rgba);
}

#define assert_rgba(px, r, g, b, a, tol) G_STMT_START {                    \
    g_assert_cmpint (ABS ((int) (px)[3] - (int) (a)), <=, (tol));            \
    if ((a) > 0)                                                             \
      {                                                                      \
        g_assert_cmpint (ABS ((int) (px)[0] - (int) (r)), <=, (tol));        \
        g_assert_cmpint (ABS ((int) (px)[1] - (int) (g)), <=, (tol));        \
        g_assert_cmpint (ABS ((int) (px)[2] - (int) (b)), <=, (tol));        \
      }                                                                      \
  } G_STMT_END

/* A viewport that shows the fixture grid magnified: 8 device px per pixel. */
static PvViewport *
magnified_viewport (int width,
                    int height)
{
  PvViewport *vp = pv_viewport_new ();

  pv_viewport_set_size (vp, 96, 96);
  pv_viewport_set_resolution (vp, PIXEL / 8.0);
  pv_viewport_set_center (vp, ORIGIN_X + width * PIXEL / 2.0, ORIGIN_Y - height * PIXEL / 2.0);
  return vp;
}

/* The map coordinates of the centre of pixel (col, row) of vn_gt. */
#define PX(col) (ORIGIN_X + ((col) + 0.5) * PIXEL)
#define PY(row) (ORIGIN_Y - ((row) + 0.5) * PIXEL)

/* ---------------------------------------------------------------- tests */

static void
test_raster_rgb (void)
{
  g_autofree char *path = fixture_path ("rgb.tif");
  guint8 r[16], g[16], b[16], px[4];
  g_autoptr(PvRasterLayer) layer = NULL;
  g_autoptr(PvViewport) vp = NULL;
  cairo_surface_t *image;
  GDALDatasetH ds;
  double e[4];

  for (int i = 0; i < 16; i++)
    r[i] = 10 + 60 * (i % 4), g[i] = 10 + 60 * (i / 4), b[i] = 200;
  ds = create_tiff (path, 4, 4, 3, GDT_Byte, vn_gt, 9210, NULL);
  write_band (ds, 1, GDT_Byte, r);
  write_band (ds, 2, GDT_Byte, g);
  write_band (ds, 3, GDT_Byte, b);
  GDALClose (ds);

  layer = open_layer (path);
  g_assert_cmpstr (pv_layer_get_name (PV_LAYER (layer)), ==, "rgb.tif");
  g_assert_cmpstr (pv_layer_get_source (PV_LAYER (layer)), ==, path);
  g_assert_cmpstr (pv_raster_layer_get_kind_name (layer), ==, "RGB");
  g_assert_cmpstr (pv_raster_layer_get_driver_name (layer), ==, "GTiff");
  g_assert_cmpstr (pv_raster_layer_get_data_type_name (layer), ==, "Byte");
  g_assert_cmpint (pv_raster_layer_get_n_bands (layer), ==, 3);
  g_assert_cmpint (pv_raster_layer_get_width (layer), ==, 4);
  g_assert_cmpint (pv_raster_layer_get_height (layer), ==, 4);
  g_assert_cmpint (pv_raster_layer_get_n_overviews (layer), ==, 0);
  g_assert_true (pv_raster_layer_is_georeferenced (layer));
  g_assert_null (pv_layer_get_notice (PV_LAYER (layer)));
  g_assert_nonnull (pv_layer_get_crs (PV_LAYER (layer)));
  g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (PV_LAYER (layer))), ==, 9210);
  g_assert_true (pv_layer_get_extent (PV_LAYER (layer), &e[0], &e[1], &e[2], &e[3]));
  g_assert_cmpfloat (e[0], ==, ORIGIN_X);
  g_assert_cmpfloat (e[1], ==, ORIGIN_Y - 4 * PIXEL);
  g_assert_cmpfloat (e[2], ==, ORIGIN_X + 4 * PIXEL);
  g_assert_cmpfloat (e[3], ==, ORIGIN_Y);

  /* Magnified 8×, drawn in 4 parallel stripes: every pixel keeps its colour
   * (nearest filter), and outside the raster nothing is drawn. */
  vp = magnified_viewport (4, 4);
  image = render (PV_LAYER (layer), NULL, vp, 4);
  for (int row = 0; row < 4; row++)
    for (int col = 0; col < 4; col++)
      {
        probe (image, vp, PX (col), PY (row), px);
        assert_rgba (px, r[row * 4 + col], g[row * 4 + col], 200, 255, 0);
        /* Near the pixel's corners too: crisp pixels. */
        probe (image, vp, PX (col) - 0.4 * PIXEL, PY (row) + 0.4 * PIXEL, px);
        assert_rgba (px, r[row * 4 + col], g[row * 4 + col], 200, 255, 0);
      }
  probe (image, vp, ORIGIN_X - 0.5 * PIXEL, ORIGIN_Y + 0.5 * PIXEL, px);
  assert_rgba (px, 0, 0, 0, 0, 0);
  pixel_at (image, 95, 95, px);
  assert_rgba (px, 0, 0, 0, 0, 0);
  cairo_surface_destroy (image);

  g_assert_finalize_object (g_steal_pointer (&layer));
}

static void
test_raster_rgba (void)
{
  g_autofree char *path = fixture_path ("rgba.tif");
  const char *options[] = { "PHOTOMETRIC=RGB", "ALPHA=YES", NULL };
  guint8 r[16], g[16], b[16], a[16], px[4];
  g_autoptr(PvRasterLayer) layer = NULL;
  g_autoptr(PvViewport) vp = NULL;
  cairo_surface_t *image;
  GDALDatasetH ds;

  for (int i = 0; i < 16; i++)
    {
      r[i] = 200, g[i] = 100, b[i] = 50;
      a[i] = (i % 4) == 0 ? 0 : (i % 4) == 1 ? 128 : 255;
    }
  ds = create_tiff (path, 4, 4, 4, GDT_Byte, vn_gt, 9210, options);
  write_band (ds, 1, GDT_Byte, r);
  write_band (ds, 2, GDT_Byte, g);
  write_band (ds, 3, GDT_Byte, b);
  write_band (ds, 4, GDT_Byte, a);
  GDALClose (ds);

  layer = open_layer (path);
  g_assert_cmpstr (pv_raster_layer_get_kind_name (layer), ==, "RGBA");
  vp = magnified_viewport (4, 4);
  image = render (PV_LAYER (layer), NULL, vp, 2);
  for (int row = 0; row < 4; row++)
    {
      probe (image, vp, PX (0), PY (row), px);
      assert_rgba (px, 0, 0, 0, 0, 0);
      probe (image, vp, PX (1), PY (row), px);
      assert_rgba (px, 200, 100, 50, 128, 2);
      probe (image, vp, PX (3), PY (row), px);
      assert_rgba (px, 200, 100, 50, 255, 0);
    }
  cairo_surface_destroy (image);
}

static void
test_raster_palette (void)
{
  g_autofree char *path = fixture_path ("palette.tif");
  static const GDALColorEntry entries[] = {
    { 255, 0, 0, 255 }, { 0, 255, 0, 255 }, { 0, 0, 255, 255 }, { 10, 20, 30, 255 },
  };
  guint8 idx[16], px[4];
  g_autoptr(PvRasterLayer) layer = NULL;
  g_autoptr(PvViewport) vp = NULL;
  cairo_surface_t *image;
  GDALColorTableH table;
  GDALDatasetH ds;

  for (int i = 0; i < 16; i++)
    idx[i] = i % 4;
  ds = create_tiff (path, 4, 4, 1, GDT_Byte, vn_gt, 9210, NULL);
  write_band (ds, 1, GDT_Byte, idx);
  table = GDALCreateColorTable (GPI_RGB);
  for (int i = 0; i < 4; i++)
    GDALSetColorEntry (table, i, &entries[i]);
  GDALSetRasterColorTable (GDALGetRasterBand (ds, 1), table);
  GDALSetRasterColorInterpretation (GDALGetRasterBand (ds, 1), GCI_PaletteIndex);
  GDALDestroyColorTable (table);
  /* TIFF colour maps hold no alpha: index 3 is transparent as nodata. */
  GDALSetRasterNoDataValue (GDALGetRasterBand (ds, 1), 3);
  GDALClose (ds);

  layer = open_layer (path);
  g_assert_cmpstr (pv_raster_layer_get_kind_name (layer), ==, "palette");
  vp = magnified_viewport (4, 4);
  image = render (PV_LAYER (layer), NULL, vp, 2);
  for (int col = 0; col < 4; col++)
    {
      probe (image, vp, PX (col), PY (2), px);
      assert_rgba (px, entries[col].c1, entries[col].c2, entries[col].c3, col == 3 ? 0 : 255, 0);
    }
  cairo_surface_destroy (image);
}

static void
test_raster_grey_stretch (void)
{
  g_autofree char *path16 = fixture_path ("grey16.tif");
  g_autofree char *pathf = fixture_path ("float.tif");
  guint16 v16[4] = { 1000, 2000, 3000, 1500 };
  float vf[4] = { -1.0f, 0.5f, 2.0f, NAN };
  g_autoptr(PvViewport) vp = NULL;
  cairo_surface_t *image;
  GDALDatasetH ds;
  guint8 px[4];

  ds = create_tiff (path16, 4, 1, 1, GDT_UInt16, vn_gt, 9210, NULL);
  write_band (ds, 1, GDT_UInt16, v16);
  GDALClose (ds);
  ds = create_tiff (pathf, 4, 1, 1, GDT_Float32, vn_gt, 9210, NULL);
  write_band (ds, 1, GDT_Float32, vf);
  GDALClose (ds);

  vp = magnified_viewport (4, 1);

  /* UInt16: min/max 1000…3000 stretched to 0…255. */
  {
    g_autoptr(PvRasterLayer) layer = open_layer (path16);

    g_assert_cmpstr (pv_raster_layer_get_kind_name (layer), ==, "grey");
    g_assert_cmpstr (pv_raster_layer_get_data_type_name (layer), ==, "UInt16");
    image = render (PV_LAYER (layer), NULL, vp, 2);
    probe (image, vp, PX (0), PY (0), px);
    assert_rgba (px, 0, 0, 0, 255, 0);
    probe (image, vp, PX (1), PY (0), px);
    assert_rgba (px, 128, 128, 128, 255, 1);
    probe (image, vp, PX (2), PY (0), px);
    assert_rgba (px, 255, 255, 255, 255, 0);
    probe (image, vp, PX (3), PY (0), px);
    assert_rgba (px, 64, 64, 64, 255, 1);
    cairo_surface_destroy (image);
  }

  /* Float32: −1…2, and NaN is transparent. */
  {
    g_autoptr(PvRasterLayer) layer = open_layer (pathf);

    g_assert_cmpstr (pv_raster_layer_get_data_type_name (layer), ==, "Float32");
    image = render (PV_LAYER (layer), NULL, vp, 1);
    probe (image, vp, PX (0), PY (0), px);
    assert_rgba (px, 0, 0, 0, 255, 0);
    probe (image, vp, PX (1), PY (0), px);
    assert_rgba (px, 128, 128, 128, 255, 1);
    probe (image, vp, PX (2), PY (0), px);
    assert_rgba (px, 255, 255, 255, 255, 0);
    probe (image, vp, PX (3), PY (0), px);
    assert_rgba (px, 0, 0, 0, 0, 0);
    cairo_surface_destroy (image);
  }
}

static void
test_raster_nodata (void)
{
  g_autofree char *grey_path = fixture_path ("nodata-grey.tif");
  g_autofree char *rgb_path = fixture_path ("nodata-rgb.tif");
  guint8 grey[4] = { 0, 50, 100, 200 };
  guint8 r[4] = { 0, 0, 90, 0 }, g[4] = { 0, 50, 90, 0 }, b[4] = { 0, 0, 90, 7 };
  g_autoptr(PvViewport) vp = magnified_viewport (4, 1);
  cairo_surface_t *image;
  GDALDatasetH ds;
  guint8 px[4];

  ds = create_tiff (grey_path, 4, 1, 1, GDT_Byte, vn_gt, 9210, NULL);
  GDALSetRasterNoDataValue (GDALGetRasterBand (ds, 1), 0);
  write_band (ds, 1, GDT_Byte, grey);
  GDALClose (ds);
  ds = create_tiff (rgb_path, 4, 1, 3, GDT_Byte, vn_gt, 9210, NULL);
  for (int i = 1; i <= 3; i++)
    GDALSetRasterNoDataValue (GDALGetRasterBand (ds, i), 0);
  write_band (ds, 1, GDT_Byte, r);
  write_band (ds, 2, GDT_Byte, g);
  write_band (ds, 3, GDT_Byte, b);
  GDALClose (ds);

  /* Grey: nodata is transparent and left out of the stretch (50…200). */
  {
    g_autoptr(PvRasterLayer) layer = open_layer (grey_path);

    image = render (PV_LAYER (layer), NULL, vp, 2);
    probe (image, vp, PX (0), PY (0), px);
    assert_rgba (px, 0, 0, 0, 0, 0);
    probe (image, vp, PX (1), PY (0), px);
    assert_rgba (px, 0, 0, 0, 255, 0);
    probe (image, vp, PX (2), PY (0), px);
    assert_rgba (px, 85, 85, 85, 255, 1);
    probe (image, vp, PX (3), PY (0), px);
    assert_rgba (px, 255, 255, 255, 255, 0);
    cairo_surface_destroy (image);
  }

  /* RGB: transparent only where every band is nodata. */
  {
    g_autoptr(PvRasterLayer) layer = open_layer (rgb_path);

    image = render (PV_LAYER (layer), NULL, vp, 2);
    probe (image, vp, PX (0), PY (0), px);
    assert_rgba (px, 0, 0, 0, 0, 0);
    probe (image, vp, PX (1), PY (0), px);
    assert_rgba (px, 0, 50, 0, 255, 0);
    probe (image, vp, PX (2), PY (0), px);
    assert_rgba (px, 90, 90, 90, 255, 0);
    probe (image, vp, PX (3), PY (0), px);
    assert_rgba (px, 0, 0, 7, 255, 0);
    cairo_surface_destroy (image);
  }
}

/* Identify on a raster: the band values of the pixel under a map point, in
 * the layer's CRS or through the map's. */
static void
test_raster_sample (void)
{
  g_autofree char *path = fixture_path ("sample-uint16.tif");
  guint16 a[4] = { 0, 1200, 65535, 7 }, b[4] = { 9, 8, 7, 6 };
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) nodata = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(PvRasterLayer) layer = NULL;
  g_autoptr(PvCrs) utm48 = pv_crs_new_from_user_input ("EPSG:3405", NULL);
  g_autoptr(PvTransform) to_utm = NULL;
  g_autoptr(GError) error = NULL;
  GDALDatasetH ds;
  int column = -1, row = -1;
  double x = PX (1), y = PY (0);

  ds = create_tiff (path, 4, 1, 2, GDT_UInt16, vn_gt, 9210, NULL);
  GDALSetRasterNoDataValue (GDALGetRasterBand (ds, 1), 0);
  write_band (ds, 1, GDT_UInt16, a);
  write_band (ds, 2, GDT_UInt16, b);
  GDALClose (ds);
  layer = open_layer (path);

  g_assert_true (pv_raster_layer_sample (layer, NULL, x, y, values, nodata, &column, &row, &error));
  g_assert_no_error (error);
  g_assert_cmpint (column, ==, 1);
  g_assert_cmpint (row, ==, 0);
  g_assert_cmpuint (values->len, ==, 2);
  g_assert_cmpfloat (g_array_index (values, double, 0), ==, 1200);
  g_assert_cmpfloat (g_array_index (values, double, 1), ==, 8);
  g_assert_false (g_array_index (nodata, gboolean, 0));

  /* Nodata is said so. */
  g_assert_true (pv_raster_layer_sample (layer, NULL, PX (0), PY (0), values, nodata, NULL, NULL, &error));
  g_assert_true (g_array_index (nodata, gboolean, 0));
  g_assert_false (g_array_index (nodata, gboolean, 1));

  /* The same point given in UTM 48N (a map in another CRS). */
  to_utm = pv_transform_new (pv_layer_get_crs (PV_LAYER (layer)), utm48, &error);
  g_assert_no_error (error);
  x = PX (2);
  y = PY (0);
  g_assert_true (pv_transform_point (to_utm, &x, &y, &error));
  g_assert_true (pv_raster_layer_sample (layer, utm48, x, y, values, nodata, &column, NULL, &error));
  g_assert_cmpint (column, ==, 2);
  g_assert_cmpfloat (g_array_index (values, double, 0), ==, 65535);

  /* Outside: FALSE, and no error. */
  g_assert_false (pv_raster_layer_sample (layer, NULL, ORIGIN_X - 5, ORIGIN_Y - 5, values, nodata, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 0);
}

static void
test_raster_no_georeferencing (void)
{
  g_autofree char *path = fixture_path ("photo.tif");
  guint8 v[6] = { 0, 51, 102, 153, 204, 255 };
  g_autoptr(PvRasterLayer) layer = NULL;
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  cairo_surface_t *image;
  GDALDatasetH ds;
  guint8 px[4];
  double e[4];

  ds = create_tiff (path, 3, 2, 1, GDT_Byte, NULL, 0, NULL);
  write_band (ds, 1, GDT_Byte, v);
  GDALClose (ds);

  layer = open_layer (path);
  g_assert_false (pv_raster_layer_is_georeferenced (layer));
  g_assert_null (pv_layer_get_crs (PV_LAYER (layer)));
  g_assert_nonnull (pv_layer_get_notice (PV_LAYER (layer)));
  g_assert_nonnull (strstr (pv_layer_get_notice (PV_LAYER (layer)), "photo.tif"));

  /* Pixel space: x right, y up, one unit per pixel, top-left at (0, 0). */
  g_assert_true (pv_layer_get_extent (PV_LAYER (layer), &e[0], &e[1], &e[2], &e[3]));
  g_assert_cmpfloat (e[0], ==, 0);
  g_assert_cmpfloat (e[1], ==, -2);
  g_assert_cmpfloat (e[2], ==, 3);
  g_assert_cmpfloat (e[3], ==, 0);

  pv_viewport_set_size (vp, 60, 40);
  pv_viewport_fit_extent (vp, e[0], e[1], e[2], e[3]);
  image = render (PV_LAYER (layer), NULL, vp, 1);
  for (int i = 0; i < 6; i++)
    {
      probe (image, vp, (i % 3) + 0.5, -((i / 3) + 0.5), px);
      assert_rgba (px, v[i], v[i], v[i], 255, 0);
    }
  cairo_surface_destroy (image);
}

static void
test_raster_rotated (void)
{
  g_autofree char *path = fixture_path ("rotated.tif");
  /* 30° rotation, 10 m pixels. */
  const double c = 10 * cos (G_PI / 6), s = 10 * sin (G_PI / 6);
  const double gt[6] = { ORIGIN_X, c, s, ORIGIN_Y, s, -c };
  guint8 v[12];
  g_autoptr(PvRasterLayer) layer = NULL;
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  cairo_surface_t *image;
  GDALDatasetH ds;
  guint8 px[4];
  double e[4];

  for (int i = 0; i < 12; i++)
    v[i] = (i * 255) / 11; /* 0 … 255: the stretch is the identity */
  ds = create_tiff (path, 4, 3, 1, GDT_Byte, gt, 9210, NULL);
  write_band (ds, 1, GDT_Byte, v);
  GDALClose (ds);

  layer = open_layer (path);
  /* The extent covers all four rotated corners. */
  g_assert_true (pv_layer_get_extent (PV_LAYER (layer), &e[0], &e[1], &e[2], &e[3]));
  g_assert_cmpfloat_with_epsilon (e[0], ORIGIN_X, 1e-6);
  g_assert_cmpfloat_with_epsilon (e[2], ORIGIN_X + 4 * c + 3 * s, 1e-6);
  g_assert_cmpfloat_with_epsilon (e[1], ORIGIN_Y - 3 * c, 1e-6);
  g_assert_cmpfloat_with_epsilon (e[3], ORIGIN_Y + 4 * s, 1e-6);

  pv_viewport_set_size (vp, 200, 200);
  pv_viewport_fit_extent (vp, e[0], e[1], e[2], e[3]);
  image = render (PV_LAYER (layer), NULL, vp, 2);
  for (int i = 0; i < 12; i++)
    {
      double p = (i % 4) + 0.5, l = (i / 4) + 0.5;

      probe (image, vp, gt[0] + p * gt[1] + l * gt[2], gt[3] + p * gt[4] + l * gt[5], px);
      assert_rgba (px, v[i], v[i], v[i], 255, 0);
    }
  /* The corner of the extent box lies outside the rotated image. */
  probe (image, vp, e[0] + 1, e[3] - 1, px);
  assert_rgba (px, 0, 0, 0, 0, 0);
  cairo_surface_destroy (image);
}

static void
test_raster_gcps (void)
{
  g_autofree char *path = fixture_path ("gcps.tif");
  GDAL_GCP gcps[4];
  guint8 v[16];
  g_autoptr(PvRasterLayer) layer = NULL;
  g_autoptr(PvViewport) vp = NULL;
  OGRSpatialReferenceH srs;
  cairo_surface_t *image;
  GDALDatasetH ds;
  guint8 px[4];
  double e[4];

  for (int i = 0; i < 16; i++)
    v[i] = i * 17;
  ds = create_tiff (path, 4, 4, 1, GDT_Byte, NULL, 0, NULL);
  write_band (ds, 1, GDT_Byte, v);
  /* Corner GCPs of the same grid as vn_gt: an affine warp. */
  GDALInitGCPs (4, gcps);
  for (int i = 0; i < 4; i++)
    {
      gcps[i].dfGCPPixel = (i & 1) ? 4 : 0;
      gcps[i].dfGCPLine = (i & 2) ? 4 : 0;
      gcps[i].dfGCPX = ORIGIN_X + gcps[i].dfGCPPixel * PIXEL;
      gcps[i].dfGCPY = ORIGIN_Y - gcps[i].dfGCPLine * PIXEL;
    }
  srs = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (srs, 9210);
  g_assert_cmpint (GDALSetGCPs2 (ds, 4, gcps, srs), ==, CE_None);
  OSRRelease (srs);
  GDALDeinitGCPs (4, gcps);
  GDALClose (ds);

  layer = open_layer (path);
  g_assert_true (pv_raster_layer_is_georeferenced (layer));
  g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (PV_LAYER (layer))), ==, 9210);
  g_assert_true (pv_layer_get_extent (PV_LAYER (layer), &e[0], &e[1], &e[2], &e[3]));
  g_assert_cmpfloat_with_epsilon (e[0], ORIGIN_X, PIXEL / 10);
  g_assert_cmpfloat_with_epsilon (e[3], ORIGIN_Y, PIXEL / 10);
  g_assert_cmpfloat_with_epsilon (e[2], ORIGIN_X + 4 * PIXEL, PIXEL / 10);
  g_assert_cmpfloat_with_epsilon (e[1], ORIGIN_Y - 4 * PIXEL, PIXEL / 10);

  vp = magnified_viewport (4, 4);
  image = render (PV_LAYER (layer), NULL, vp, 2);
  for (int i = 0; i < 16; i++)
    {
      probe (image, vp, PX (i % 4), PY (i / 4), px);
      assert_rgba (px, v[i], v[i], v[i], 255, 0);
    }
  cairo_surface_destroy (image);
}

static void
test_raster_overviews (void)
{
  g_autofree char *path = fixture_path ("overviews.tif");
  const char *options[] = { "TILED=YES", NULL };
  int levels[] = { 2, 4, 8, 16 };
  const int size = 1024;
  g_autofree guint8 *v = g_new (guint8, size * size);
  g_autoptr(PvRasterLayer) layer = NULL;
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  PvRasterReadInfo info;
  cairo_surface_t *image;
  GDALDatasetH ds;
  guint n_reads;
  guint8 px[4];

  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      v[y * size + x] = (x < size / 2) ? 40 : 220;
  ds = create_tiff (path, size, size, 1, GDT_Byte, vn_gt, 9210, options);
  write_band (ds, 1, GDT_Byte, v);
  g_assert_cmpint (GDALBuildOverviews (ds, "AVERAGE", G_N_ELEMENTS (levels), levels, 0, NULL,
                                       NULL, NULL), ==, CE_None);
  GDALClose (ds);

  layer = open_layer (path);
  g_assert_cmpint (pv_raster_layer_get_n_overviews (layer), ==, 4);

  /* The whole 1024² raster in 128² device pixels: overview 8× (level 3). */
  pv_viewport_set_size (vp, 128, 128);
  pv_viewport_fit_extent (vp, ORIGIN_X, ORIGIN_Y - size * PIXEL, ORIGIN_X + size * PIXEL, ORIGIN_Y);
  image = render (PV_LAYER (layer), NULL, vp, 1);
  _pv_raster_layer_get_last_read (layer, &info);
  g_assert_cmpint (info.level, ==, 3);
  g_assert_cmpint (info.width, ==, 128);
  g_assert_cmpint (info.buffer_width, <=, 128);
  g_assert_cmpint (info.buffer_height, <=, 128);
  probe (image, vp, ORIGIN_X + 100 * PIXEL, ORIGIN_Y - 500 * PIXEL, px);
  assert_rgba (px, 0, 0, 0, 255, 0);
  probe (image, vp, ORIGIN_X + 900 * PIXEL, ORIGIN_Y - 500 * PIXEL, px);
  assert_rgba (px, 255, 255, 255, 255, 0);
  cairo_surface_destroy (image);

  /* The same view again: served from the cache, no read. */
  n_reads = info.n_reads;
  image = render (PV_LAYER (layer), NULL, vp, 1);
  _pv_raster_layer_get_last_read (layer, &info);
  g_assert_cmpuint (info.n_reads, ==, n_reads);
  cairo_surface_destroy (image);

  /* 3 source pixels per device pixel: the 2× overview (level 1), and never
   * more than the visible device pixels plus the margin. */
  pv_viewport_set_resolution (vp, 3 * PIXEL);
  image = render (PV_LAYER (layer), NULL, vp, 1);
  _pv_raster_layer_get_last_read (layer, &info);
  g_assert_cmpint (info.level, ==, 1);
  g_assert_cmpint (info.buffer_width, <=, 128 + 8);
  g_assert_cmpint (info.buffer_height, <=, 128 + 8);
  g_assert_cmpuint (info.n_reads, ==, n_reads + 1);
  cairo_surface_destroy (image);

  /* Zoomed in 4×: full resolution, only the visible 32² pixels (+ margin);
   * each of the 2 stripes (64 device rows) reads only its 16 rows. */
  pv_viewport_set_resolution (vp, PIXEL / 4);
  image = render (PV_LAYER (layer), NULL, vp, 2);
  _pv_raster_layer_get_last_read (layer, &info);
  g_assert_cmpint (info.level, ==, 0);
  g_assert_cmpint (info.width, <=, 32 + 4);
  g_assert_cmpint (info.height, <=, 16 + 4);
  g_assert_cmpint (info.buffer_width, ==, info.width);
  g_assert_cmpint (info.buffer_height, ==, info.height);
  cairo_surface_destroy (image);
}

static void
test_raster_reprojected (void)
{
  g_autofree char *path = fixture_path ("wgs84.tif");
  /* 40 × 40 pixels of 1e-4° (about 11 m) near Thủ Dầu Một; left half red,
   * right half blue, top rows green. */
  const double gt[6] = { 106.65, 1e-4, 0, 11.0, 0, -1e-4 };
  g_autofree guint8 *r = g_new0 (guint8, 1600);
  g_autofree guint8 *g = g_new0 (guint8, 1600);
  g_autofree guint8 *b = g_new0 (guint8, 1600);
  g_autoptr(PvRasterLayer) layer = NULL;
  g_autoptr(PvCrs) wgs84 = NULL;
  g_autoptr(PvCrs) vn2000 = NULL;
  g_autoptr(PvTransform) transform = NULL;
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(GError) error = NULL;
  PvRasterReadInfo info;
  cairo_surface_t *image;
  GDALDatasetH ds;
  double e[4], x, y, sx, sy, boundary_x = -1, expected_x;
  guint8 px[4];
  int row;

  for (int i = 0; i < 1600; i++)
    {
      if (i / 40 < 10)
        g[i] = 255;
      else if (i % 40 < 20)
        r[i] = 255;
      else
        b[i] = 255;
    }
  ds = create_tiff (path, 40, 40, 3, GDT_Byte, gt, 4326, NULL);
  write_band (ds, 1, GDT_Byte, r);
  write_band (ds, 2, GDT_Byte, g);
  write_band (ds, 3, GDT_Byte, b);
  GDALClose (ds);

  layer = open_layer (path);
  g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (PV_LAYER (layer))), ==, 4326);
  vn2000 = pv_crs_new_from_user_input (PV_CRS_BINH_DUONG, &error);
  g_assert_no_error (error);
  wgs84 = pv_crs_new_from_epsg (4326, &error);
  g_assert_no_error (error);
  transform = pv_transform_new (wgs84, vn2000, &error);
  g_assert_no_error (error);

  /* About 2 m per device pixel: one source pixel spans ~5.5 device pixels. */
  g_assert_true (pv_layer_get_extent_in (PV_LAYER (layer), vn2000, &e[0], &e[1], &e[2], &e[3]));
  pv_viewport_set_size (vp, 256, 256);
  pv_viewport_set_center (vp, (e[0] + e[2]) / 2, (e[1] + e[3]) / 2);
  pv_viewport_set_resolution (vp, 2.0);
  image = render (PV_LAYER (layer), vn2000, vp, 2);
  _pv_raster_layer_get_last_read (layer, &info);
  g_assert_cmpuint (info.n_warped, >=, 1);
  /* Through PvTransform's pipeline (the VN-2000 official parameters), not a
   * fallback on the CRS definitions. */
  g_assert_true (info.warped_with_pipeline);

  /* Pixel centres well inside each colour land where PvTransform puts them. */
  x = 106.65 + 5.5e-4, y = 11.0 - 20.5e-4;
  g_assert_true (pv_transform_point (transform, &x, &y, NULL));
  probe (image, vp, x, y, px);
  assert_rgba (px, 255, 0, 0, 255, 0);
  x = 106.65 + 34.5e-4, y = 11.0 - 30.5e-4;
  g_assert_true (pv_transform_point (transform, &x, &y, NULL));
  probe (image, vp, x, y, px);
  assert_rgba (px, 0, 0, 255, 255, 0);
  x = 106.65 + 20e-4, y = 11.0 - 4.5e-4;
  g_assert_true (pv_transform_point (transform, &x, &y, NULL));
  probe (image, vp, x, y, px);
  assert_rgba (px, 0, 255, 0, 255, 0);

  /* The red/blue edge at 106.652°: scan a device row across it. */
  x = 106.652, y = 11.0 - 25e-4;
  g_assert_true (pv_transform_point (transform, &x, &y, NULL));
  pv_viewport_map_to_screen (vp, x, y, &sx, &sy);
  expected_x = sx;
  row = (int) floor (sy);
  for (int col = (int) sx - 40; col < (int) sx + 40; col++)
    {
      guint8 left[4], right[4];

      pixel_at (image, col, row, left);
      pixel_at (image, col + 1, row, right);
      if (left[0] >= 128 && right[0] < 128)
        {
          boundary_x = col + 1;
          break;
        }
    }
  g_test_message ("red/blue edge at device x %.1f, PvTransform says %.1f", boundary_x, expected_x);
  /* Within one source pixel (~5.5 device pixels). */
  g_assert_cmpfloat (fabs (boundary_x - expected_x), <=, 5.5);

  /* Outside the source: transparent. */
  x = 106.65 - 3e-4, y = 11.0 - 20e-4;
  g_assert_true (pv_transform_point (transform, &x, &y, NULL));
  probe (image, vp, x, y, px);
  assert_rgba (px, 0, 0, 0, 0, 0);
  cairo_surface_destroy (image);
}

static void
test_raster_cancelled (void)
{
  g_autofree char *path = fixture_path ("cancel.tif");
  guint8 v[4] = { 1, 2, 3, 4 };
  g_autoptr(PvRasterLayer) layer = NULL;
  g_autoptr(PvViewport) vp = magnified_viewport (2, 2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 96, 96);
  cairo_t *cr = cairo_create (image);
  PvRenderContext ctx = { .viewport = vp, .device_scale = 1, .cancellable = cancellable };
  GDALDatasetH ds;

  ds = create_tiff (path, 2, 2, 1, GDT_Byte, vn_gt, 9210, NULL);
  write_band (ds, 1, GDT_Byte, v);
  GDALClose (ds);

  layer = open_layer (path);
  g_cancellable_cancel (cancellable);
  g_assert_false (pv_layer_render (PV_LAYER (layer), cr, &ctx, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
}

static void
test_raster_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvRasterLayer) layer = pv_raster_layer_new ("/nonexistent/anh_ve_tinh.tif", &error);

  g_assert_null (layer);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "anh_ve_tinh.tif"));
}

/* ---------------------------------------------------------------- realdata */

typedef struct
{
  const char *path;
  const char *kind;
  gboolean    georeferenced;
  int         epsg;         /* 0: unknown CRS */
  int         n_overviews;
} RealRaster;

/* As GDAL 3.6 reports them (realdata/MANIFEST.md, raster/). */
static const RealRaster real_rasters[] = {
  { "raster/RGB.byte.tif", "RGB", TRUE, 32618, 0 },
  { "raster/shade.tif", "grey", TRUE, 3857, 0 },
  { "raster/small_world_pct.tif", "palette", TRUE, 4326, 0 },
  { "raster/polygonize_check_area.tif", "grey", TRUE, 26912, 0 },
  { "raster/n43.dt0", "grey", TRUE, 4326, 0 },
  { "raster/cogeo.tif", "RGB", TRUE, 3857, 6 },
  { "raster/stefan_full_rgba.tif", "RGBA", FALSE, 0, 0 },
  { "raster/rotated.tif", "grey", TRUE, 0, 0 },
  { "raster/utmsmall.tif", "grey", TRUE, 26711, 0 },
  { "raster/land_shallow_topo_2048.tif", "RGB", TRUE, 0, 0 },
};

static void
test_raster_realdata (void)
{
  g_autofree char *root = pv_test_realdata_path ("");

  if (root == NULL)
    {
      g_test_skip ("../shared/realdata is absent");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (real_rasters); i++)
    {
      const RealRaster *rr = &real_rasters[i];
      g_autofree char *path = pv_test_realdata_path (rr->path);
      g_autoptr(GPtrArray) layers = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PvViewport) vp = pv_viewport_new ();
      PvRasterLayer *layer;
      PvCrs *crs;
      cairo_surface_t *image;
      guint n_drawn = 0, n_transparent = 0;
      double e[4];

      g_test_message ("%s", rr->path);
      layers = pv_layer_open_all (path, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (layers->len, ==, 1);
      g_assert_true (PV_IS_RASTER_LAYER (layers->pdata[0]));
      layer = layers->pdata[0];
      g_assert_cmpstr (pv_raster_layer_get_kind_name (layer), ==, rr->kind);
      g_assert_cmpint (pv_raster_layer_is_georeferenced (layer), ==, rr->georeferenced);
      g_assert_cmpint (pv_raster_layer_get_n_overviews (layer), ==, rr->n_overviews);
      crs = pv_layer_get_crs (PV_LAYER (layer));
      if (rr->epsg == 0)
        {
          g_assert_null (crs);
          g_assert_nonnull (pv_layer_get_notice (PV_LAYER (layer)));
        }
      else
        {
          g_assert_nonnull (crs);
          g_assert_cmpint (pv_crs_get_epsg (crs), ==, rr->epsg);
        }

      /* Whole extent, then a 4× zoom on the centre. */
      g_assert_true (pv_layer_get_extent (PV_LAYER (layer), &e[0], &e[1], &e[2], &e[3]));
      pv_viewport_set_size (vp, 200, 150);
      pv_viewport_fit_extent (vp, e[0], e[1], e[2], e[3]);
      image = render (PV_LAYER (layer), NULL, vp, 2);
      for (int y = 0; y < 150; y++)
        for (int x = 0; x < 200; x++)
          {
            guint8 px[4];

            pixel_at (image, x, y, px);
            n_drawn += px[3] > 0;
            n_transparent += px[3] < 255;
          }
      g_assert_cmpuint (n_drawn, >, 200 * 150 / 10);
      cairo_surface_destroy (image);
      pv_viewport_zoom_at (vp, 4.0, 100, 75);
      image = render (PV_LAYER (layer), NULL, vp, 2);
      cairo_surface_destroy (image);

      /* Into another CRS: through a warped VRT. */
      if (crs != NULL)
        {
          g_autoptr(PvCrs) vn2000 = pv_crs_new_from_epsg (rr->epsg == 4326 ? 3857 : 4326, NULL);

          g_assert_true (pv_layer_get_extent_in (PV_LAYER (layer), vn2000, &e[0], &e[1], &e[2], &e[3]));
          pv_viewport_fit_extent (vp, e[0], e[1], e[2], e[3]);
          image = render (PV_LAYER (layer), vn2000, vp, 2);
          cairo_surface_destroy (image);
        }
      (void) n_transparent;
    }
}

/* Pixel-exact against GDAL: one image pixel per device pixel. */
static void
test_raster_realdata_pixels (void)
{
  g_autofree char *path = pv_test_realdata_path ("raster/RGB.byte.tif");
  g_autoptr(PvRasterLayer) layer = NULL;
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  cairo_surface_t *image;
  GDALDatasetH ds;
  double gt[6];
  int w, h;

  if (path == NULL)
    {
      g_test_skip ("../shared/realdata is absent");
      return;
    }

  layer = open_layer (path);
  ds = GDALOpen (path, GA_ReadOnly);
  g_assert_nonnull (ds);
  GDALGetGeoTransform (ds, gt);
  w = GDALGetRasterXSize (ds), h = GDALGetRasterYSize (ds);
  pv_viewport_set_size (vp, w, h);
  pv_viewport_set_resolution (vp, gt[1]);
  pv_viewport_set_center (vp, gt[0] + w * gt[1] / 2, gt[3] + h * gt[5] / 2);
  image = render (PV_LAYER (layer), NULL, vp, 4);

  for (int i = 0; i < 50; i++)
    {
      int col = (i * 97) % w, row = (i * 61) % h;
      guint8 want[3], px[4];
      gboolean collar;

      for (int band = 0; band < 3; band++)
        g_assert_cmpint (GDALRasterIO (GDALGetRasterBand (ds, band + 1), GF_Read, col, row, 1, 1,
                                       &want[band], 1, 1, GDT_Byte, 0, 0), ==, CE_None);
      collar = want[0] == 0 && want[1] == 0 && want[2] == 0;
      pixel_at (image, col, row, px);
      assert_rgba (px, want[0], want[1], want[2], collar ? 0 : 255, 0);
    }
  GDALClose (ds);
  cairo_surface_destroy (image);
}

/* ---------------------------------------------------------------- bad data */

static const char *bad_rasters[] = {
  "bad/huge4GB.tif",
  "bad/scanline_more_than_2GB.tif",
  "bad/tiff_dos_strip_chop.tif",
  "bad/hugeblocksize.tif",
  "bad/byte_truncated.tif",
  "bad/excessive-memory-TIFFFillTile.tif",
  "bad/corrupt.tif",
  "bad/corrupted_gtiff_tags.tif",
  "bad/tiled_bad_offset.tif",
  "bad/zackthecat_corrupted.tif",
  "bad/idat_broken.png",
  "bad/IMAGERY.TIF",
};

static void
test_raster_bad (void)
{
  g_autofree char *root = pv_test_realdata_path ("");

  if (root == NULL)
    {
      g_test_skip ("../shared/realdata is absent");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_rasters); i++)
    {
      g_autofree char *path = pv_test_realdata_path (bad_rasters[i]);
      g_autofree char *basename = g_path_get_basename (path);
      g_autoptr(PvRasterLayer) layer = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PvViewport) vp = pv_viewport_new ();
      double e[4];

      layer = pv_raster_layer_new (path, &error);
      if (layer == NULL)
        {
          g_test_message ("%s: open: %s", bad_rasters[i], error->message);
          g_assert_nonnull (error);
          g_assert_true (error->domain == PV_DATA_ERROR);
          g_assert_nonnull (strstr (error->message, basename));
          continue;
        }

      /* Whole extent, a 1:1 view of the top-left corner and a deep zoom. */
      g_assert_true (pv_layer_get_extent (PV_LAYER (layer), &e[0], &e[1], &e[2], &e[3]));
      pv_viewport_set_size (vp, 256, 256);
      for (int view = 0; view < 3; view++)
        {
          cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
          cairo_t *cr = cairo_create (image);
          PvRenderContext ctx = { .viewport = vp, .device_scale = 1 };
          gboolean ok;

          if (view == 0)
            pv_viewport_fit_extent (vp, e[0], e[1], e[2], e[3]);
          else
            {
              double res = view == 1 ? (e[2] - e[0]) / pv_raster_layer_get_width (layer)
                                     : (e[2] - e[0]) / pv_raster_layer_get_width (layer) / 16;

              pv_viewport_set_resolution (vp, res);
              pv_viewport_set_center (vp, e[0] + 128 * res, e[3] - 128 * res);
            }
          ctx.map_crs = pv_layer_get_crs (PV_LAYER (layer));
          ok = pv_layer_prepare (PV_LAYER (layer), ctx.map_crs, NULL, &error) &&
               pv_layer_render (PV_LAYER (layer), cr, &ctx, &error);
          if (!ok)
            {
              g_test_message ("%s: view %d: %s", bad_rasters[i], view, error->message);
              g_assert_true (error->domain == PV_DATA_ERROR);
              g_assert_nonnull (strstr (error->message, basename));
              g_clear_error (&error);
            }
          else
            g_test_message ("%s: view %d drawn", bad_rasters[i], view);
          cairo_destroy (cr);
          cairo_surface_destroy (image);
        }
    }
}

/* ---------------------------------------------------------------- main */

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (tmp_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  pv_core_init ();
  tmp_dir = g_dir_make_tmp ("pv-test-raster-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/raster/rgb", test_raster_rgb);
  g_test_add_func ("/core/raster/rgba", test_raster_rgba);
  g_test_add_func ("/core/raster/palette", test_raster_palette);
  g_test_add_func ("/core/raster/grey-stretch", test_raster_grey_stretch);
  g_test_add_func ("/core/raster/nodata", test_raster_nodata);
  g_test_add_func ("/core/raster/sample", test_raster_sample);
  g_test_add_func ("/core/raster/no-georeferencing", test_raster_no_georeferencing);
  g_test_add_func ("/core/raster/rotated", test_raster_rotated);
  g_test_add_func ("/core/raster/gcps", test_raster_gcps);
  g_test_add_func ("/core/raster/overviews", test_raster_overviews);
  g_test_add_func ("/core/raster/reprojected", test_raster_reprojected);
  g_test_add_func ("/core/raster/cancelled", test_raster_cancelled);
  g_test_add_func ("/core/raster/missing", test_raster_missing);
  g_test_add_func ("/core/raster/realdata", test_raster_realdata);
  g_test_add_func ("/core/raster/realdata-pixels", test_raster_realdata_pixels);
  g_test_add_func ("/core/raster/bad", test_raster_bad);

  status = g_test_run ();
  remove_tmp_dir ();
  g_free (tmp_dir);
  return status;
}
