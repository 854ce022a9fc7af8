/* test-raster-style.c
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
#include "pv-raster-style.h"
#include "pv-test-util.h"

static char *tmp_dir;

/* ---------------------------------------------------------------- fixtures */

#define ORIGIN_X 600000.0
#define ORIGIN_Y 1220000.0
#define PIXEL    10.0

static const double vn_gt[6] = { ORIGIN_X, PIXEL, 0, ORIGIN_Y, 0, -PIXEL };

#define PX(col) (ORIGIN_X + ((col) + 0.5) * PIXEL)
#define PY(row) (ORIGIN_Y - ((row) + 0.5) * PIXEL)

static char *
fixture_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static GDALDatasetH
create_tiff (const char   *path,
             int           width,
             int           height,
             int           n_bands,
             GDALDataType  type)
{
  GDALDatasetH ds = GDALCreate (GDALGetDriverByName ("GTiff"), path, width, height, n_bands,
                                type, NULL);
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);

  g_assert_nonnull (ds);
  g_assert_cmpint (GDALSetGeoTransform (ds, (double *) vn_gt), ==, CE_None);
  g_assert_cmpint (OSRImportFromEPSG (srs, 9210), ==, OGRERR_NONE);
  g_assert_cmpint (GDALSetSpatialRef (ds, srs), ==, CE_None);
  OSRRelease (srs);
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

/* A 4 × 4 RGB image: red 200, green 100, blue 50 everywhere but pixel
 * (0, 0), which is 10, 20, 30. */
static char *
write_rgb (void)
{
  char *path = fixture_path ("rgb.tif");
  guint8 r[16], g[16], b[16];
  GDALDatasetH ds;

  for (int i = 0; i < 16; i++)
    r[i] = 200, g[i] = 100, b[i] = 50;
  r[0] = 10, g[0] = 20, b[0] = 30;
  ds = create_tiff (path, 4, 4, 3, GDT_Byte);
  write_band (ds, 1, GDT_Byte, r);
  write_band (ds, 2, GDT_Byte, g);
  write_band (ds, 3, GDT_Byte, b);
  GDALClose (ds);
  return path;
}

/* A 10 × 10 Int16 DEM: pixel k holds 1000 + k, except pixel 0 (-5000, an
 * outlier), pixel 99 (30000, an outlier) and pixel 55 (nodata -9999). */
#define DEM_NODATA -9999
static char *
write_dem (void)
{
  char *path = fixture_path ("dem.tif");
  gint16 v[100];
  GDALDatasetH ds;

  for (int k = 0; k < 100; k++)
    v[k] = (gint16) (1000 + k);
  v[0] = -5000;
  v[99] = 30000;
  v[55] = DEM_NODATA;
  ds = create_tiff (path, 10, 10, 1, GDT_Int16);
  write_band (ds, 1, GDT_Int16, v);
  GDALSetRasterNoDataValue (GDALGetRasterBand (ds, 1), DEM_NODATA);
  GDALClose (ds);
  return path;
}

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

static void
set_style (PvRasterLayer *layer,
           PvRasterStyle *style)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pv_raster_layer_set_style (layer, style, NULL, &error));
  g_assert_no_error (error);
}

/* A viewport that shows a width × height grid of vn_gt magnified 8×. */
static PvViewport *
magnified_viewport (int width,
                    int height)
{
  PvViewport *vp = pv_viewport_new ();

  pv_viewport_set_size (vp, width * 8, height * 8);
  pv_viewport_set_resolution (vp, PIXEL / 8.0);
  pv_viewport_set_center (vp, ORIGIN_X + width * PIXEL / 2.0, ORIGIN_Y - height * PIXEL / 2.0);
  return vp;
}

static cairo_surface_t *
render (PvRasterLayer *layer,
        PvViewport    *vp)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;

  pv_map_add_layer (map, PV_LAYER (layer));
  image = pv_render_map_to_image (map, vp, 2, NULL, errors, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < errors->len; i++)
    g_test_message ("layer error: %s", ((GError *) errors->pdata[i])->message);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_nonnull (image);
  cairo_surface_flush (image);
  return image;
}

/* Unpremultiplied RGBA at map point (mx, my). */
static void
probe (cairo_surface_t *image,
       PvViewport      *vp,
       double           mx,
       double           my,
       guint8          *rgba)
{
  guint8 *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);
  double sx, sy;
  guint32 argb;
  guint a;
  int x, y;

  pv_viewport_map_to_screen (vp, mx, my, &sx, &sy);
  x = (int) floor (sx), y = (int) floor (sy);
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

/* The colour of pixel k (row-major) of a width-wide grid. */
static void
probe_pixel (cairo_surface_t *image,
             PvViewport      *vp,
             int              width,
             int              k,
             guint8          *rgba)
{
  probe (image, vp, PX (k % width), PY (k / width), rgba);
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

static void
appearance_changed_cb (PvLayer *layer,
                       guint   *count)
{
  (*count)++;
}

/* ---------------------------------------------------------------- tests */

static void
test_band_mapping (void)
{
  g_autofree char *path = write_rgb ();
  g_autoptr(PvRasterLayer) layer = open_layer (path);
  g_autoptr(PvViewport) vp = magnified_viewport (4, 4);
  g_autoptr(PvRasterStyle) style = NULL;
  g_autoptr(PvRasterStyle) current = NULL;
  cairo_surface_t *image;
  guint changed = 0;
  guint8 px[4];

  /* The default: the bands as they are, no stretch. */
  current = pv_raster_layer_dup_style (layer);
  g_assert_cmpint (pv_raster_style_get_mode (current), ==, PV_RASTER_MODE_RGB);
  g_assert_cmpint (pv_raster_style_get_band (current, 0), ==, 1);
  g_assert_cmpint (pv_raster_style_get_band (current, 2), ==, 3);
  g_assert_cmpint (pv_raster_style_get_stretch (current), ==, PV_RASTER_STRETCH_NONE);
  g_assert_true (pv_raster_style_is_frozen (current));
  g_clear_object (&current);
  image = render (layer, vp);
  probe_pixel (image, vp, 4, 5, px);
  assert_rgba (px, 200, 100, 50, 255, 0);
  cairo_surface_destroy (image);

  /* Blue → red, red → blue; the cached read of the same view is not reused. */
  g_signal_connect (layer, "appearance-changed", G_CALLBACK (appearance_changed_cb), &changed);
  style = pv_raster_style_new_rgb (3, 2, 1, 0);
  set_style (layer, style);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (pv_raster_style_is_frozen (style));
  current = pv_raster_layer_dup_style (layer);
  g_assert_true (pv_raster_style_equal (current, style));
  image = render (layer, vp);
  probe_pixel (image, vp, 4, 5, px);
  assert_rgba (px, 50, 100, 200, 255, 0);
  probe_pixel (image, vp, 4, 0, px);
  assert_rgba (px, 30, 20, 10, 255, 0);
  cairo_surface_destroy (image);
  g_clear_object (&style);

  /* Green in every channel: grey. */
  style = pv_raster_style_new_rgb (2, 2, 2, 0);
  set_style (layer, style);
  image = render (layer, vp);
  probe_pixel (image, vp, 4, 5, px);
  assert_rgba (px, 100, 100, 100, 255, 0);
  cairo_surface_destroy (image);
  g_clear_object (&style);

  /* Band 1 as the alpha band: 200 → 78 % opaque, 10 → 4 %. */
  style = pv_raster_style_new_rgb (1, 2, 3, 1);
  set_style (layer, style);
  image = render (layer, vp);
  probe_pixel (image, vp, 4, 5, px);
  assert_rgba (px, 200, 100, 50, 200, 2);
  cairo_surface_destroy (image);
  g_clear_object (&style);

  /* A band the file lacks: an error naming the file; the style stays. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PvRasterStyle) before = pv_raster_layer_dup_style (layer);
    g_autoptr(PvRasterStyle) after = NULL;

    style = pv_raster_style_new_rgb (1, 2, 4, 0);
    g_assert_false (pv_raster_layer_set_style (layer, style, NULL, &error));
    g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER);
    g_assert_nonnull (strstr (error->message, "rgb.tif"));
    after = pv_raster_layer_dup_style (layer);
    g_assert_true (after == before);
    g_clear_object (&style);
  }

  /* NULL: back to the default. */
  set_style (layer, NULL);
  image = render (layer, vp);
  probe_pixel (image, vp, 4, 5, px);
  assert_rgba (px, 200, 100, 50, 255, 0);
  cairo_surface_destroy (image);
  g_signal_handlers_disconnect_by_func (layer, appearance_changed_cb, &changed);

  g_assert_finalize_object (g_steal_pointer (&layer));
}

/* Grey value of a DEM value under a min … max stretch (as the layer rounds). */
static int
stretched (double v,
           double min,
           double max)
{
  return (int) CLAMP ((v - min) / (max - min) * 255.0 + 0.5, 0.0, 255.0);
}

static void
test_min_max (void)
{
  g_autofree char *path = write_dem ();
  g_autoptr(PvRasterLayer) layer = open_layer (path);
  g_autoptr(PvViewport) vp = magnified_viewport (10, 10);
  g_autoptr(PvRasterStyle) style = NULL;
  cairo_surface_t *image;
  double min, max;
  guint8 px[4];

  /* The default is grey, min/max: -5000 → black, 30000 → white. */
  style = pv_raster_layer_dup_style (layer);
  g_assert_cmpint (pv_raster_style_get_mode (style), ==, PV_RASTER_MODE_GREY);
  g_assert_cmpint (pv_raster_style_get_stretch (style), ==, PV_RASTER_STRETCH_MIN_MAX);
  g_assert_true (pv_raster_layer_get_stretch_range (layer, 0, &min, &max));
  g_assert_cmpfloat (min, ==, -5000);
  g_assert_cmpfloat (max, ==, 30000);
  image = render (layer, vp);
  probe_pixel (image, vp, 10, 0, px);
  assert_rgba (px, 0, 0, 0, 255, 0);
  probe_pixel (image, vp, 10, 99, px);
  assert_rgba (px, 255, 255, 255, 255, 0);
  probe_pixel (image, vp, 10, 50, px);
  assert_rgba (px, stretched (1050, -5000, 30000), stretched (1050, -5000, 30000),
               stretched (1050, -5000, 30000), 255, 1);
  /* Nodata is transparent. */
  probe_pixel (image, vp, 10, 55, px);
  assert_rgba (px, 0, 0, 0, 0, 0);
  cairo_surface_destroy (image);
  g_clear_object (&style);

  /* A user range: 1010 → black, 1090 → white, beyond clamped. */
  style = pv_raster_style_new_grey (1);
  pv_raster_style_set_stretch (style, PV_RASTER_STRETCH_USER, 1010, 1090);
  set_style (layer, style);
  g_assert_true (pv_raster_layer_get_stretch_range (layer, 0, &min, &max));
  g_assert_cmpfloat (min, ==, 1010);
  g_assert_cmpfloat (max, ==, 1090);
  image = render (layer, vp);
  probe_pixel (image, vp, 10, 10, px);
  assert_rgba (px, 0, 0, 0, 255, 0);
  probe_pixel (image, vp, 10, 90, px);
  assert_rgba (px, 255, 255, 255, 255, 0);
  probe_pixel (image, vp, 10, 50, px);
  assert_rgba (px, 128, 128, 128, 255, 1);
  probe_pixel (image, vp, 10, 5, px);
  assert_rgba (px, 0, 0, 0, 255, 0);
  probe_pixel (image, vp, 10, 55, px);
  assert_rgba (px, 0, 0, 0, 0, 0);
  cairo_surface_destroy (image);
  g_clear_object (&style);

  /* No stretch: values taken as 0…255, so everything here saturates. */
  style = pv_raster_style_new_grey (1);
  pv_raster_style_set_stretch (style, PV_RASTER_STRETCH_NONE, 0, 0);
  set_style (layer, style);
  g_assert_false (pv_raster_layer_get_stretch_range (layer, 0, NULL, NULL));
  image = render (layer, vp);
  probe_pixel (image, vp, 10, 50, px);
  assert_rgba (px, 255, 255, 255, 255, 0);
  probe_pixel (image, vp, 10, 0, px);
  assert_rgba (px, 0, 0, 0, 255, 0);
  cairo_surface_destroy (image);
}

static void
test_percentile (void)
{
  g_autofree char *path = write_dem ();
  g_autoptr(PvRasterLayer) layer = open_layer (path);
  g_autoptr(PvViewport) vp = magnified_viewport (10, 10);
  g_autoptr(PvRasterStyle) style = pv_raster_style_new_grey (1);
  cairo_surface_t *image;
  double min, max, low, high;
  guint8 px[4];

  /* 99 valid values sorted: -5000, 1001 … 1098 (no 1055), 30000. The 2 %
   * and 98 % points fall between 1001/1002 and 1097/1098: the outliers are
   * clipped, and the middle of the range is mid-grey. */
  pv_raster_style_set_stretch (style, PV_RASTER_STRETCH_PERCENTILE, 2, 98);
  pv_raster_style_get_percentiles (style, &low, &high);
  g_assert_cmpfloat (low, ==, 2);
  g_assert_cmpfloat (high, ==, 98);
  set_style (layer, style);
  g_assert_true (pv_raster_layer_get_stretch_range (layer, 0, &min, &max));
  g_test_message ("2–98 %%: %g … %g", min, max);
  g_assert_cmpfloat (min, >, 1001);
  g_assert_cmpfloat (min, <, 1003);
  g_assert_cmpfloat (max, >, 1096);
  g_assert_cmpfloat (max, <, 1098);

  image = render (layer, vp);
  probe_pixel (image, vp, 10, 0, px);
  assert_rgba (px, 0, 0, 0, 255, 0);
  probe_pixel (image, vp, 10, 99, px);
  assert_rgba (px, 255, 255, 255, 255, 0);
  probe_pixel (image, vp, 10, 1, px);
  assert_rgba (px, 0, 0, 0, 255, 0);
  probe_pixel (image, vp, 10, 98, px);
  assert_rgba (px, 255, 255, 255, 255, 0);
  /* 1050 sits in the middle: about 128, where min/max gave about 44. */
  probe_pixel (image, vp, 10, 50, px);
  assert_rgba (px, stretched (1050, min, max), stretched (1050, min, max),
               stretched (1050, min, max), 255, 1);
  g_assert_cmpint (px[0], >, 120);
  g_assert_cmpint (px[0], <, 136);
  g_assert_cmpint (stretched (1050, -5000, 30000), <, 50);
  cairo_surface_destroy (image);
}

static void
test_ramp (void)
{
  g_autofree char *path = write_dem ();
  g_autoptr(PvRasterLayer) layer = open_layer (path);
  g_autoptr(PvViewport) vp = magnified_viewport (10, 10);
  cairo_surface_t *image;
  guint8 px[4];
  double rgb[3];

  /* The built-in ramps have their documented ends. */
  pv_color_ramp_get_color (PV_COLOR_RAMP_VIRIDIS, 0, FALSE, rgb);
  g_assert_cmpint ((int) (rgb[0] * 255 + 0.5), ==, 0x44);
  g_assert_cmpint ((int) (rgb[2] * 255 + 0.5), ==, 0x54);
  pv_color_ramp_get_color (PV_COLOR_RAMP_VIRIDIS, 1, TRUE, rgb);
  g_assert_cmpint ((int) (rgb[0] * 255 + 0.5), ==, 0x44);
  g_assert_cmpint (pv_color_ramp_from_id ("terrain"), ==, PV_COLOR_RAMP_TERRAIN);
  g_assert_cmpint (pv_color_ramp_from_id ("nope"), ==, -1);
  for (int r = 0; r < PV_N_COLOR_RAMPS; r++)
    {
      g_assert_cmpint (pv_color_ramp_from_id (pv_color_ramp_get_id (r)), ==, r);
      g_assert_nonnull (pv_color_ramp_get_display_name (r));
    }

  for (int inverted = 0; inverted <= 1; inverted++)
    {
      g_autoptr(PvRasterStyle) style = pv_raster_style_new_pseudocolor (1, PV_COLOR_RAMP_VIRIDIS, inverted);
      guint32 low = inverted ? 0xfde725 : 0x440154;
      guint32 high = inverted ? 0x440154 : 0xfde725;

      pv_raster_style_set_stretch (style, PV_RASTER_STRETCH_USER, 1010, 1090);
      set_style (layer, style);
      image = render (layer, vp);
      /* The minimum, and below it, take the first colour. */
      probe_pixel (image, vp, 10, 10, px);
      assert_rgba (px, low >> 16, (low >> 8) & 0xff, low & 0xff, 255, 0);
      probe_pixel (image, vp, 10, 0, px);
      assert_rgba (px, low >> 16, (low >> 8) & 0xff, low & 0xff, 255, 0);
      /* The maximum, and above it, the last. */
      probe_pixel (image, vp, 10, 90, px);
      assert_rgba (px, high >> 16, (high >> 8) & 0xff, high & 0xff, 255, 0);
      probe_pixel (image, vp, 10, 99, px);
      assert_rgba (px, high >> 16, (high >> 8) & 0xff, high & 0xff, 255, 0);
      /* Viridis's middle (#21918c) in the middle. */
      probe_pixel (image, vp, 10, 50, px);
      assert_rgba (px, 0x21, 0x91, 0x8c, 255, 3);
      /* Nodata stays transparent in colour. */
      probe_pixel (image, vp, 10, 55, px);
      assert_rgba (px, 0, 0, 0, 0, 0);
      cairo_surface_destroy (image);
    }

  /* Terrain, min/max: green at the lowest point, near white at the top. */
  {
    g_autoptr(PvRasterStyle) style = pv_raster_style_new_pseudocolor (1, PV_COLOR_RAMP_TERRAIN, FALSE);

    set_style (layer, style);
    image = render (layer, vp);
    probe_pixel (image, vp, 10, 0, px);
    assert_rgba (px, 0x00, 0xa6, 0x00, 255, 0);
    probe_pixel (image, vp, 10, 99, px);
    assert_rgba (px, 0xf2, 0xf2, 0xf2, 255, 0);
    cairo_surface_destroy (image);
  }
}

static void
test_palette (void)
{
  g_autofree char *tif_path = fixture_path ("palette2.tif");
  g_autofree char *path = fixture_path ("palette2.vrt");
  static const GDALColorEntry entries[] = {
    { 255, 0, 0, 255 }, { 0, 255, 0, 255 }, { 0, 0, 255, 255 }, { 10, 20, 30, 255 },
  };
  g_autoptr(PvRasterLayer) layer = NULL;
  g_autoptr(PvViewport) vp = magnified_viewport (4, 4);
  g_autoptr(PvRasterStyle) style = NULL;
  g_autoptr(GError) error = NULL;
  GDALColorTableH table;
  cairo_surface_t *image;
  guint8 idx[16], other[16], px[4];
  GDALDatasetH ds;
  double nodata;

  /* Band 1: grey data; band 2: palette indices with a colour table (a VRT
   * over a GeoTIFF, which keeps colour tables on band 1 only). */
  for (int i = 0; i < 16; i++)
    idx[i] = i % 4, other[i] = (guint8) (i * 10);
  ds = create_tiff (tif_path, 4, 4, 2, GDT_Byte);
  write_band (ds, 1, GDT_Byte, other);
  write_band (ds, 2, GDT_Byte, idx);
  GDALClose (ds);
  {
    GDALDatasetH tif = GDALOpen (tif_path, GA_ReadOnly);

    g_assert_nonnull (tif);
    ds = GDALCreateCopy (GDALGetDriverByName ("VRT"), path, tif, FALSE, NULL, NULL, NULL);
    g_assert_nonnull (ds);
    GDALClose (ds);
    GDALClose (tif);
    ds = GDALOpen (path, GA_Update);
    g_assert_nonnull (ds);
  }
  table = GDALCreateColorTable (GPI_RGB);
  for (int i = 0; i < 4; i++)
    GDALSetColorEntry (table, i, &entries[i]);
  g_assert_cmpint (GDALSetRasterColorTable (GDALGetRasterBand (ds, 2), table), ==, CE_None);
  GDALDestroyColorTable (table);
  GDALSetRasterNoDataValue (GDALGetRasterBand (ds, 2), 3);
  GDALClose (ds);

  layer = open_layer (path);
  g_assert_cmpint (pv_raster_layer_get_n_bands (layer), ==, 2);
  g_assert_false (pv_raster_layer_band_has_color_table (layer, 1));
  g_assert_true (pv_raster_layer_band_has_color_table (layer, 2));
  g_assert_cmpstr (pv_raster_layer_get_band_data_type_name (layer, 2), ==, "Byte");
  g_assert_nonnull (pv_raster_layer_get_band_color_name (layer, 1));
  g_assert_false (pv_raster_layer_get_band_nodata (layer, 1, NULL));
  g_assert_true (pv_raster_layer_get_band_nodata (layer, 2, &nodata));
  g_assert_cmpfloat (nodata, ==, 3);

  /* A band without a colour table cannot draw as a palette. */
  style = pv_raster_style_new_palette (1);
  g_assert_false (pv_raster_layer_set_style (layer, style, NULL, &error));
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "palette2.vrt"));
  g_clear_error (&error);
  g_clear_object (&style);

  style = pv_raster_style_new_palette (2);
  /* Resampling never interpolates indices. */
  pv_raster_style_set_resampling (style, PV_RASTER_RESAMPLING_CUBIC);
  set_style (layer, style);
  image = render (layer, vp);
  for (int col = 0; col < 4; col++)
    {
      probe (image, vp, PX (col), PY (1), px);
      assert_rgba (px, entries[col].c1, entries[col].c2, entries[col].c3, col == 3 ? 0 : 255, 0);
    }
  cairo_surface_destroy (image);
  g_clear_object (&style);

  /* The same band as grey numbers: 0…2 stretched, 3 is nodata. */
  style = pv_raster_style_new_grey (2);
  set_style (layer, style);
  image = render (layer, vp);
  probe (image, vp, PX (0), PY (1), px);
  assert_rgba (px, 0, 0, 0, 255, 0);
  probe (image, vp, PX (2), PY (1), px);
  assert_rgba (px, 255, 255, 255, 255, 0);
  probe (image, vp, PX (3), PY (1), px);
  assert_rgba (px, 0, 0, 0, 0, 0);
  cairo_surface_destroy (image);
}

static void
test_resampling (void)
{
  g_autofree char *path = fixture_path ("checker.tif");
  g_autoptr(PvRasterLayer) layer = NULL;
  g_autoptr(PvViewport) vp = magnified_viewport (4, 4);
  guint8 v[16], nearest[4], bilinear[4], px[4];
  GDALDatasetH ds;

  for (int i = 0; i < 16; i++)
    v[i] = ((i % 4) + (i / 4)) % 2 ? 255 : 0;
  ds = create_tiff (path, 4, 4, 1, GDT_Byte);
  write_band (ds, 1, GDT_Byte, v);
  GDALClose (ds);
  layer = open_layer (path);

  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(PvRasterStyle) style = pv_raster_style_new_grey (1);
      cairo_surface_t *image;

      pv_raster_style_set_stretch (style, PV_RASTER_STRETCH_NONE, 0, 0);
      pv_raster_style_set_resampling (style, pass == 0 ? PV_RASTER_RESAMPLING_NEAREST
                                                       : PV_RASTER_RESAMPLING_BILINEAR);
      set_style (layer, style);
      image = render (layer, vp);
      /* Near the edge between black pixel (1, 1) and white pixel (2, 1). */
      probe (image, vp, PX (1) + 0.45 * PIXEL, PY (1), pass == 0 ? nearest : bilinear);
      /* The middle of a pixel keeps its value either way. */
      probe (image, vp, PX (1), PY (1), px);
      g_assert_cmpint (px[0], <=, pass == 0 ? 0 : 40);
      cairo_surface_destroy (image);
    }
  g_test_message ("nearest %d, bilinear %d", nearest[0], bilinear[0]);
  assert_rgba (nearest, 0, 0, 0, 255, 0);
  g_assert_cmpint (bilinear[0], >, 60);
  g_assert_cmpint (bilinear[0], <, 195);
  g_assert_cmpint (bilinear[3], ==, 255);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static PvRasterStyle *
round_trip (PvRasterStyle *style)
{
  g_autoptr(JsonNode) node = pv_raster_style_to_json (style);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  PvRasterStyle *copy;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_test_message ("%s", text);
  parsed = parse (text);
  copy = pv_raster_style_new_from_json (parsed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  return copy;
}

static void
test_json (void)
{
  g_autoptr(PvRasterStyle) rgb = pv_raster_style_new_rgb (4, 3, 2, 5);
  g_autoptr(PvRasterStyle) pseudo = pv_raster_style_new_pseudocolor (2, PV_COLOR_RAMP_SPECTRAL, TRUE);
  g_autoptr(PvRasterStyle) palette = pv_raster_style_new_palette (1);
  g_autoptr(PvRasterStyle) copy = NULL;
  static const char * const bad[] = {
    "[]",
    "{\"mode\": \"hsv\", \"band\": 1}",
    "{\"mode\": \"grey\", \"band\": 0}",
    "{\"mode\": \"grey\", \"band\": 1.5}",
    "{\"mode\": \"rgb\", \"bands\": [1, 2]}",
    "{\"mode\": \"pseudocolor\", \"band\": 1, \"ramp\": \"rainbow\"}",
    "{\"mode\": \"grey\", \"band\": 1, \"stretch\": \"percentile\", \"percentiles\": [98, 2]}",
    "{\"mode\": \"grey\", \"band\": 1, \"stretch\": \"user\"}",
    "{\"mode\": \"grey\", \"band\": 1, \"stretch\": \"user\", \"ranges\": [[5, 5]]}",
    "{\"mode\": \"grey\", \"band\": 1, \"stretch\": \"sigmoid\"}",
    "{\"mode\": \"grey\", \"band\": 1, \"resampling\": \"lanczos\"}",
  };

  pv_raster_style_set_stretch (rgb, PV_RASTER_STRETCH_USER, 0, 4000);
  pv_raster_style_set_channel_range (rgb, 2, 10, 3000);
  pv_raster_style_set_resampling (rgb, PV_RASTER_RESAMPLING_AVERAGE);
  copy = round_trip (rgb);
  g_assert_true (pv_raster_style_equal (copy, rgb));
  g_assert_cmpint (pv_raster_style_get_band (copy, 3), ==, 5);
  {
    double min, max;

    pv_raster_style_get_channel_range (copy, 2, &min, &max);
    g_assert_cmpfloat (min, ==, 10);
    g_assert_cmpfloat (max, ==, 3000);
  }
  g_clear_object (&copy);

  pv_raster_style_set_stretch (pseudo, PV_RASTER_STRETCH_PERCENTILE, 5, 95);
  pv_raster_style_set_resampling (pseudo, PV_RASTER_RESAMPLING_CUBIC);
  copy = round_trip (pseudo);
  g_assert_true (pv_raster_style_equal (copy, pseudo));
  g_assert_cmpint (pv_raster_style_get_ramp (copy), ==, PV_COLOR_RAMP_SPECTRAL);
  g_assert_true (pv_raster_style_get_inverted (copy));
  g_assert_false (pv_raster_style_equal (copy, rgb));
  g_clear_object (&copy);

  copy = round_trip (palette);
  g_assert_true (pv_raster_style_equal (copy, palette));
  g_assert_cmpint (pv_raster_style_get_mode (copy), ==, PV_RASTER_MODE_PALETTE);
  g_clear_object (&copy);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(PvRasterStyle) style = pv_raster_style_new_from_json (node, &error);

      g_test_message ("%s: %s", bad[i], error ? error->message : "(accepted)");
      g_assert_null (style);
      g_assert_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID);
    }
}

static void
test_project (void)
{
  g_autofree char *dem = write_dem ();
  g_autofree char *project = fixture_path ("styled.pvproj");
  g_autofree char *broken = fixture_path ("broken.pvproj");
  g_autoptr(PvRasterLayer) layer = open_layer (dem);
  g_autoptr(PvRasterStyle) style = pv_raster_style_new_pseudocolor (1, PV_COLOR_RAMP_TERRAIN, FALSE);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvMap) loaded = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(PvRasterStyle) back = NULL;
  g_autofree char *contents = NULL;

  pv_raster_style_set_stretch (style, PV_RASTER_STRETCH_PERCENTILE, 2, 98);
  pv_raster_style_set_resampling (style, PV_RASTER_RESAMPLING_BILINEAR);
  set_style (layer, style);
  pv_map_add_layer (map, PV_LAYER (layer));
  g_assert_true (pv_project_save (map, NULL, project, &error));
  g_assert_no_error (error);

  loaded = pv_project_load (project, errors, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpuint (pv_map_get_n_layers (loaded), ==, 1);
  g_assert_true (PV_IS_RASTER_LAYER (pv_map_get_layer (loaded, 0)));
  back = pv_raster_layer_dup_style (PV_RASTER_LAYER (pv_map_get_layer (loaded, 0)));
  g_assert_true (pv_raster_style_equal (back, style));
  g_clear_object (&loaded);

  /* A bad raster style, and a style for a band the file lacks: both are
   * reported, and the layers still load in their default style. */
  g_assert_true (g_file_get_contents (project, &contents, NULL, NULL));
  {
    g_autofree char *escaped = g_strescape (dem, NULL);
    g_autofree char *text = g_strdup_printf (
      "{\"planviewer_project\": 1, \"layers\": ["
      "{\"source\": \"%s\", \"raster_style\": {\"mode\": \"grey\", \"band\": 1, \"stretch\": \"bogus\"}},"
      "{\"source\": \"%s\", \"raster_style\": {\"mode\": \"grey\", \"band\": 7}}]}",
      escaped, escaped);

    g_assert_true (g_file_set_contents (broken, text, -1, NULL));
  }
  loaded = pv_project_load (broken, errors, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_map_get_n_layers (loaded), ==, 2);
  g_assert_cmpuint (errors->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      GError *e = errors->pdata[i];
      g_autoptr(PvRasterStyle) def = NULL;

      g_test_message ("%s", e->message);
      g_assert_nonnull (strstr (e->message, "dem.tif"));
      g_clear_object (&back);
      back = pv_raster_layer_dup_style (PV_RASTER_LAYER (pv_map_get_layer (loaded, i)));
      def = pv_raster_layer_dup_default_style (PV_RASTER_LAYER (pv_map_get_layer (loaded, i)));
      g_assert_true (pv_raster_style_equal (back, def));
    }
}

static void
test_frozen (void)
{
  g_autofree char *path = write_rgb ();
  g_autoptr(PvRasterLayer) layer = open_layer (path);
  g_autoptr(PvRasterStyle) current = pv_raster_layer_dup_style (layer);
  g_autoptr(PvRasterStyle) copy = pv_raster_style_copy (current);

  g_assert_false (pv_raster_style_is_frozen (copy));
  pv_raster_style_set_resampling (copy, PV_RASTER_RESAMPLING_CUBIC);
  g_assert_false (pv_raster_style_equal (copy, current));
  if (g_test_subprocess ())
    {
      pv_raster_style_set_resampling (current, PV_RASTER_RESAMPLING_CUBIC);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*frozen*");
}

/* ---------------------------------------------------------------- realdata */

static void
test_realdata (void)
{
  g_autofree char *rgb_path = pv_test_realdata_path ("raster/RGB.byte.tif");
  g_autofree char *dem_path = pv_test_realdata_path ("raster/n43.dt0");
  g_autoptr(PvRasterLayer) rgb = NULL;
  g_autoptr(PvRasterLayer) dem = NULL;
  g_autoptr(PvRasterStyle) style = NULL;
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  cairo_surface_t *before, *after;
  double e[4], cx, cy, min, max, pmin, pmax;
  guint8 a[4], b[4];
  int n_checked = 0;

  if (rgb_path == NULL || dem_path == NULL)
    {
      g_test_skip ("../shared/realdata is absent");
      return;
    }

  /* Landsat RGB, magnified 2× around the centre: swapping red and blue
   * swaps every probed pixel's red and blue. */
  rgb = open_layer (rgb_path);
  g_assert_true (pv_layer_get_extent (PV_LAYER (rgb), &e[0], &e[1], &e[2], &e[3]));
  cx = (e[0] + e[2]) / 2, cy = (e[1] + e[3]) / 2;
  pv_viewport_set_size (vp, 200, 200);
  pv_viewport_set_resolution (vp, (e[2] - e[0]) / pv_raster_layer_get_width (rgb) / 2);
  pv_viewport_set_center (vp, cx, cy);
  before = render (rgb, vp);
  style = pv_raster_style_new_rgb (3, 2, 1, 0);
  set_style (rgb, style);
  after = render (rgb, vp);
  for (int i = -4; i <= 4; i++)
    {
      double mx = cx + i * 300, my = cy - i * 200;

      probe (before, vp, mx, my, a);
      probe (after, vp, mx, my, b);
      if (a[3] == 0)
        continue;
      assert_rgba (b, a[2], a[1], a[0], a[3], 0);
      n_checked++;
    }
  g_assert_cmpint (n_checked, >, 3);
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
  g_clear_object (&style);

  /* The DTED elevation model: 2–98 % lies inside min … max. */
  dem = open_layer (dem_path);
  g_assert_true (pv_raster_layer_get_stretch_range (dem, 0, &min, &max));
  style = pv_raster_style_new_pseudocolor (1, PV_COLOR_RAMP_TERRAIN, FALSE);
  pv_raster_style_set_stretch (style, PV_RASTER_STRETCH_PERCENTILE, 2, 98);
  set_style (dem, style);
  g_assert_true (pv_raster_layer_get_stretch_range (dem, 0, &pmin, &pmax));
  g_test_message ("n43: min/max %g … %g, 2–98 %% %g … %g", min, max, pmin, pmax);
  g_assert_cmpfloat (pmin, >=, min);
  g_assert_cmpfloat (pmax, <=, max);
  g_assert_cmpfloat (pmax - pmin, <, max - min);
  g_assert_true (pv_layer_get_extent (PV_LAYER (dem), &e[0], &e[1], &e[2], &e[3]));
  pv_viewport_set_size (vp, 121, 121);
  pv_viewport_fit_extent (vp, e[0], e[1], e[2], e[3]);
  before = render (dem, vp);
  {
    guint8 px[4];

    probe (before, vp, (e[0] + e[2]) / 2, (e[1] + e[3]) / 2, px);
    g_assert_cmpint (px[3], ==, 255);
  }
  cairo_surface_destroy (before);
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
  tmp_dir = g_dir_make_tmp ("pv-test-raster-style-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/raster-style/band-mapping", test_band_mapping);
  g_test_add_func ("/core/raster-style/min-max", test_min_max);
  g_test_add_func ("/core/raster-style/percentile", test_percentile);
  g_test_add_func ("/core/raster-style/ramp", test_ramp);
  g_test_add_func ("/core/raster-style/palette", test_palette);
  g_test_add_func ("/core/raster-style/resampling", test_resampling);
  g_test_add_func ("/core/raster-style/json", test_json);
  g_test_add_func ("/core/raster-style/project", test_project);
  g_test_add_func ("/core/raster-style/frozen", test_frozen);
  g_test_add_func ("/core/raster-style/realdata", test_realdata);

  status = g_test_run ();
  remove_tmp_dir ();
  g_free (tmp_dir);
  return status;
}
