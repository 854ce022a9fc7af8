/* test-render.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "pv-core.h"
#include "pv-test-util.h"

/* Reference point of vietnam.md §1.4: WGS 84 10.9804 N 106.6519 E is, in
 * VN-2000 / TM-3 105°45′ with the official parameters, E 598371.1816 N 1214436.3465. */
#define REF_LON 106.6519
#define REF_LAT 10.9804
#define REF_E   598371.1816
#define REF_N   1214436.3465

typedef struct
{
  char *dir;
} Fixture;

static char *
write_geojson (Fixture    *fixture,
               const char *name,
               const char *crs_urn,
               const char *features)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  text = g_strdup_printf ("{\"type\": \"FeatureCollection\", %s%s%s \"features\": [%s]}",
                          crs_urn ? "\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"" : "",
                          crs_urn ? crs_urn : "",
                          crs_urn ? "\"}}," : "",
                          features);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static PvLayer *
open_single (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  /* These tests draw geometry in the layer's plain colour, whatever codes
   * the attributes hold (the palette has its own test). */
  if (PV_IS_VECTOR_LAYER (layers->pdata[0]))
    g_assert_true (pv_vector_layer_set_style (layers->pdata[0], NULL, NULL, NULL));
  return g_object_ref (layers->pdata[0]);
}

/* The pixel at map coordinates (x, y) as 0xAARRGGBB. */
static guint32
probe (cairo_surface_t *image,
       PvViewport      *vp,
       double           x,
       double           y)
{
  double sx, sy;
  int ix, iy;

  pv_viewport_map_to_screen (vp, x, y, &sx, &sy);
  ix = (int) floor (sx);
  iy = (int) floor (sy);
  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (image));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (image));
  cairo_surface_flush (image);
  return *(guint32 *) (cairo_image_surface_get_data (image) +
                       (gsize) iy * cairo_image_surface_get_stride (image) + 4 * ix);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("pv-test-render-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* A square block with a square courtyard (hole), in VN-2000 metres. */
static const char *block_with_hole =
  "{\"type\": \"Feature\", \"properties\": {\"MDSD\": \"ODT\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": ["
  "[[598000, 1214000], [599000, 1214000], [599000, 1215000], [598000, 1215000], [598000, 1214000]],"
  "[[598400, 1214400], [598400, 1214600], [598600, 1214600], [598600, 1214400], [598400, 1214400]]]}}";

static void
test_render_polygon_probes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = write_geojson (fixture, "block.geojson", "urn:ogc:def:crs:EPSG::9210", block_with_hole);
  g_autoptr(PvLayer) layer = open_single (path);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(GError) error = NULL;
  const double red[3] = { 1, 0, 0 };
  cairo_surface_t *image;

  pv_layer_set_color (layer, red);
  pv_map_add_layer (map, layer);
  g_assert_cmpint (pv_crs_get_epsg (pv_map_get_crs (map)), ==, 9210);
  pv_viewport_set_size (vp, 400, 300);
  pv_viewport_fit_extent (vp, 597500, 1213500, 599500, 1215500);
  image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Inside the block: the fill colour, opaque. */
  g_assert_cmphex (probe (image, vp, 598200, 1214200), ==, 0xFFFF0000);
  g_assert_cmphex (probe (image, vp, 598800, 1214900), ==, 0xFFFF0000);
  /* The courtyard is a hole, and outside is untouched. */
  g_assert_cmphex (probe (image, vp, 598500, 1214500), ==, 0x00000000);
  g_assert_cmphex (probe (image, vp, 597700, 1214500), ==, 0x00000000);
  g_assert_cmphex (probe (image, vp, 598500, 1215300), ==, 0x00000000);
  cairo_surface_destroy (image);
}

static void
test_render_stripes_match (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = write_geojson (fixture, "block.geojson", "urn:ogc:def:crs:EPSG::9210", block_with_hole);
  g_autoptr(PvLayer) layer = open_single (path);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *one, *many;
  int stride, height;

  pv_map_add_layer (map, layer);
  pv_viewport_set_size (vp, 333, 517);
  pv_viewport_fit_extent (vp, 597900, 1213950, 599100, 1215050);
  one = pv_render_map_to_image (map, vp, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  many = pv_render_map_to_image (map, vp, 5, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Parallel stripes draw exactly what one pass draws. */
  stride = cairo_image_surface_get_stride (one);
  height = cairo_image_surface_get_height (one);
  g_assert_cmpmem (cairo_image_surface_get_data (one), stride * height,
                   cairo_image_surface_get_data (many), stride * height);
  cairo_surface_destroy (one);
  cairo_surface_destroy (many);
}

static void
test_render_subpixel_features (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GString) features = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(PvLayer) layer = NULL;
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(GError) error = NULL;
  const double blue[3] = { 0, 0, 1 };
  cairo_surface_t *image;

  /* 40 × 40 parcels of 2 m in a 100 m grid: at 10 m per pixel each is a fifth
   * of a pixel, and each must still show as one pixel. (Written with %.1f: %g
   * kept 6 digits, 1.22005e+06, and made every parcel a flat line, which
   * the reader now skips as a polygon without area.) */
  for (int i = 0; i < 40; i++)
    for (int j = 0; j < 40; j++)
      {
        double x = 600000 + 100 * i + 50, y = 1220000 + 100 * j + 50;

        g_string_append_printf (features,
                                "%s{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Polygon\", "
                                "\"coordinates\": [[[%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f]]]}}",
                                features->len ? "," : "", x, y, x + 2, y, x + 2, y + 2, x, y + 2, x, y);
      }
  path = write_geojson (fixture, "tiny.geojson", "urn:ogc:def:crs:EPSG::9210", features->str);
  layer = open_single (path);
  pv_layer_set_color (layer, blue);
  pv_map_add_layer (map, layer);
  pv_viewport_set_size (vp, 400, 400);
  pv_viewport_set_center (vp, 602000, 1222000);
  pv_viewport_set_resolution (vp, 10);
  image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 40; i += 7)
    for (int j = 0; j < 40; j += 5)
      g_assert_cmphex (probe (image, vp, 600000 + 100 * i + 51, 1220000 + 100 * j + 51), ==, 0xFF0000FF);
  g_assert_cmphex (probe (image, vp, 600000 + 25, 1220000 + 25), ==, 0);
  cairo_surface_destroy (image);
}

static void
test_render_opacity_and_order (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = write_geojson (fixture, "block.geojson", "urn:ogc:def:crs:EPSG::9210", block_with_hole);
  g_autoptr(PvLayer) bottom = open_single (path);
  g_autoptr(PvLayer) top = open_single (path);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(GError) error = NULL;
  const double red[3] = { 1, 0, 0 }, white[3] = { 1, 1, 1 };
  cairo_surface_t *image;
  guint32 pixel;

  pv_layer_set_color (bottom, red);
  pv_layer_set_color (top, white);
  pv_layer_set_opacity (top, 0.5);
  pv_map_add_layer (map, bottom);
  pv_map_add_layer (map, top);
  pv_viewport_set_size (vp, 200, 200);
  pv_viewport_fit_extent (vp, 597900, 1213900, 599100, 1215100);
  image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Half-white over red is pink: the top layer is drawn last, at half opacity. */
  pixel = probe (image, vp, 598200, 1214200);
  g_assert_cmphex (pixel >> 24, ==, 0xFF);
  g_assert_cmphex ((pixel >> 16) & 0xFF, ==, 0xFF);
  g_assert_cmpint ((pixel >> 8) & 0xFF, >=, 0x7D);
  g_assert_cmpint ((pixel >> 8) & 0xFF, <=, 0x82);

  /* A hidden layer is not drawn. */
  cairo_surface_destroy (image);
  pv_layer_set_visible (top, FALSE);
  image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmphex (probe (image, vp, 598200, 1214200), ==, 0xFFFF0000);
  cairo_surface_destroy (image);
}

/* A WGS 84 point drawn on a VN-2000 map lands where the official parameters
 * put it: at 1 cm per pixel, the 0.8 m error of EPSG:5194 would be 80 pixels. */
static void
test_render_reprojected_point (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *feature = g_strdup_printf ("{\"type\": \"Feature\", \"properties\": {}, \"geometry\": "
                                              "{\"type\": \"Point\", \"coordinates\": [%.7f, %.7f]}}",
                                              REF_LON, REF_LAT);
  g_autofree char *path = write_geojson (fixture, "poi.geojson", NULL, feature);
  g_autoptr(PvLayer) layer = open_single (path);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(PvCrs) vn2000 = pv_crs_new_from_user_input ("EPSG:9210", NULL);
  g_autoptr(GError) error = NULL;
  const double green[3] = { 0, 1, 0 };
  cairo_surface_t *image;
  double e[4];

  pv_layer_set_color (layer, green);
  pv_map_add_layer (map, layer);
  pv_map_set_crs (map, vn2000);
  g_assert_true (pv_map_get_extent (map, &e[0], &e[1], &e[2], &e[3]));
  g_assert_cmpfloat_with_epsilon (e[0], REF_E, 0.01);
  g_assert_cmpfloat_with_epsilon (e[1], REF_N, 0.01);

  pv_viewport_set_size (vp, 200, 200);
  pv_viewport_set_center (vp, REF_E, REF_N);
  pv_viewport_set_resolution (vp, 0.01);
  image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* The marker (3 px radius) covers the centre of the image. */
  g_assert_cmphex (probe (image, vp, REF_E, REF_N), ==, 0xFF00FF00);
  g_assert_cmphex (probe (image, vp, REF_E + 0.5, REF_N), ==, 0);
  cairo_surface_destroy (image);
}

/* A file without CRS draws its numbers as they are; once the user assigns
 * one, the next frame reprojects it. */
static void
test_render_assigned_crs (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "poi.csv", NULL);
  g_autofree char *csv = g_strdup_printf ("id,WKT\n1,\"POINT (%.7f %.7f)\"\n", REF_LON, REF_LAT);
  g_autoptr(PvLayer) layer = NULL;
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(PvCrs) vn2000 = pv_crs_new_from_user_input ("EPSG:9210", NULL);
  g_autoptr(PvCrs) wgs84 = pv_crs_new_from_user_input ("EPSG:4326", NULL);
  g_autoptr(GError) error = NULL;
  const double green[3] = { 0, 1, 0 };
  cairo_surface_t *image;

  g_file_set_contents (path, csv, -1, &error);
  g_assert_no_error (error);
  layer = open_single (path);
  g_assert_null (pv_layer_get_crs (layer));
  pv_layer_set_color (layer, green);
  pv_map_add_layer (map, layer);
  pv_map_set_crs (map, vn2000);
  pv_viewport_set_size (vp, 200, 200);
  pv_viewport_set_center (vp, REF_E, REF_N);
  pv_viewport_set_resolution (vp, 0.01);

  image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmphex (probe (image, vp, REF_E, REF_N), ==, 0);
  cairo_surface_destroy (image);

  pv_layer_set_crs (layer, wgs84);
  image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmphex (probe (image, vp, REF_E, REF_N), ==, 0xFF00FF00);
  cairo_surface_destroy (image);

  /* Reassigned again (same map CRS): the same numbers read as VN-2000
   * latitude/longitude are some 200 m away, so nothing is at the point. */
  {
    g_autoptr(PvCrs) vn2000_geographic = pv_crs_new_from_user_input ("EPSG:4756", NULL);

    pv_layer_set_crs (layer, vn2000_geographic);
    image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmphex (probe (image, vp, REF_E, REF_N), ==, 0);
    cairo_surface_destroy (image);
  }
  g_unlink (path);
}

/* Land-use codes draw in the Vietnamese palette by themselves; a code the
 * palette does not know is drawn in the "other" style and counted. */
static void
test_render_land_use_palette (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *features =
    "{\"type\": \"Feature\", \"properties\": {\"LoaiDat\": \"ODT\"}, \"geometry\": {\"type\": \"Polygon\", "
    "\"coordinates\": [[[598000, 1214000], [598400, 1214000], [598400, 1214400], [598000, 1214400], [598000, 1214000]]]}},"
    "{\"type\": \"Feature\", \"properties\": {\"LoaiDat\": \"luc\"}, \"geometry\": {\"type\": \"Polygon\", "
    "\"coordinates\": [[[598500, 1214000], [598900, 1214000], [598900, 1214400], [598500, 1214400], [598500, 1214000]]]}},"
    "{\"type\": \"Feature\", \"properties\": {\"LoaiDat\": \"XYZ\"}, \"geometry\": {\"type\": \"Polygon\", "
    "\"coordinates\": [[[599000, 1214000], [599400, 1214000], [599400, 1214400], [599000, 1214400], [599000, 1214000]]]}},"
    "{\"type\": \"Feature\", \"properties\": {\"LoaiDat\": \"SON\"}, \"geometry\": {\"type\": \"Polygon\", "
    "\"coordinates\": [[[599500, 1214000], [599900, 1214000], [599900, 1214400], [599500, 1214400], [599500, 1214000]]]}}";
  g_autofree char *path = write_geojson (fixture, "landuse.geojson", "urn:ogc:def:crs:EPSG::9210", features);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GArray) counts = NULL;
  PvVectorLayer *layer;
  cairo_surface_t *image;
  guint other;

  g_assert_no_error (error);
  layer = layers->pdata[0];
  style = pv_vector_layer_dup_style (layer);
  g_assert_nonnull (style);
  g_assert_cmpstr (pv_style_get_palette_id (style), ==, PV_PALETTE_VN_LANDUSE);
  g_assert_cmpstr (pv_style_get_field (style), ==, "LoaiDat");

  pv_map_add_layer (map, PV_LAYER (layer));
  pv_viewport_set_size (vp, 400, 100);
  pv_viewport_fit_extent (vp, 597900, 1213900, 600000, 1214500);
  image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* ODT 255,160,255; LUC (any case) 255,252,140; SON 160,255,255. */
  g_assert_cmphex (probe (image, vp, 598200, 1214200), ==, 0xFFFFA0FF);
  g_assert_cmphex (probe (image, vp, 598700, 1214200), ==, 0xFFFFFC8C);
  g_assert_cmphex (probe (image, vp, 599700, 1214200), ==, 0xFFA0FFFF);
  /* The unknown code is drawn, in the "other" style. */
  other = pv_style_get_n_categories (style) - 1;
  g_assert_true (pv_style_get_category (style, other)->other);
  {
    const double *fill = pv_style_get_category (style, other)->fill;
    guint32 expected = 0xFF000000 | ((guint32) (fill[0] * 255 + 0.5) << 16) |
                       ((guint32) (fill[1] * 255 + 0.5) << 8) | (guint32) (fill[2] * 255 + 0.5);

    g_assert_cmphex (probe (image, vp, 599200, 1214200), ==, expected);
  }
  cairo_surface_destroy (image);

  counts = pv_vector_layer_dup_category_counts (layer);
  g_assert_cmpuint (counts->len, ==, pv_style_get_n_categories (style));
  g_assert_cmpuint (g_array_index (counts, guint, other), ==, 1);
  g_assert_cmpuint (g_array_index (counts, guint, pv_style_classify (style, "ODT")), ==, 1);
  g_assert_cmpuint (g_array_index (counts, guint, pv_style_classify (style, " Luc ")), ==, 1);

  /* Selecting a feature keeps every feature's class: the others are drawn
   * as before, in their land-use colours. */
  {
    g_autoptr(GArray) selected = g_array_new (FALSE, FALSE, sizeof (guint32));
    guint32 last = pv_vector_layer_get_n_features (layer) - 1;
    g_autoptr(PvStyle) after = NULL;

    g_array_append_val (selected, last);
    pv_vector_layer_set_selection (layer, selected);
    after = pv_vector_layer_dup_style (layer);
    g_assert_true (after == style);
    image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmphex (probe (image, vp, 598200, 1214200), ==, 0xFFFFA0FF);
    g_assert_cmphex (probe (image, vp, 598700, 1214200), ==, 0xFFFFFC8C);
    cairo_surface_destroy (image);
  }
}

/* A layer limited to a scale range is drawn only inside it. */
static void
test_render_scale_range (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = write_geojson (fixture, "block.geojson", "urn:ogc:def:crs:EPSG::9210", block_with_hole);
  g_autoptr(PvLayer) layer = open_single (path);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(GError) error = NULL;
  const double red[3] = { 1, 0, 0 };
  cairo_surface_t *image;

  pv_layer_set_color (layer, red);
  /* Parcels only from 1:10 000 inwards. */
  pv_layer_set_scale_range (layer, 0, 10000);
  pv_map_add_layer (map, layer);
  pv_viewport_set_size (vp, 200, 200);
  pv_viewport_set_center (vp, 598200, 1214200);

  pv_viewport_set_scale (vp, 5000);
  g_assert_true (pv_layer_is_visible_at_scale (layer, 5000));
  image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmphex (probe (image, vp, 598200, 1214200), ==, 0xFFFF0000);
  cairo_surface_destroy (image);

  pv_viewport_set_scale (vp, 25000);
  g_assert_false (pv_layer_is_visible_at_scale (layer, 25000));
  image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmphex (probe (image, vp, 598200, 1214200), ==, 0);
  cairo_surface_destroy (image);

  /* And the other limit. */
  pv_layer_set_scale_range (layer, 2000, 0);
  pv_viewport_set_scale (vp, 1000);
  image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmphex (probe (image, vp, 598200, 1214200), ==, 0);
  cairo_surface_destroy (image);
}

static void
test_render_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = write_geojson (fixture, "block.geojson", "urn:ogc:def:crs:EPSG::9210", block_with_hole);
  g_autoptr(PvLayer) layer = open_single (path);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;

  pv_map_add_layer (map, layer);
  g_cancellable_cancel (cancellable);
  image = pv_render_map_to_image (map, vp, 0, cancellable, NULL, NULL, &error);
  g_assert_null (image);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
render_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  cairo_surface_t **out = user_data;
  g_autoptr(GPtrArray) layer_errors = NULL;
  g_autoptr(GError) error = NULL;

  *out = pv_render_map_to_image_finish (result, &layer_errors, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layer_errors->len, ==, 0);
}

static void
test_render_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = write_geojson (fixture, "block.geojson", "urn:ogc:def:crs:EPSG::9210", block_with_hole);
  g_autoptr(PvLayer) layer = open_single (path);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  const double red[3] = { 1, 0, 0 };
  cairo_surface_t *image = NULL;

  pv_layer_set_color (layer, red);
  pv_map_add_layer (map, layer);
  pv_viewport_set_size (vp, 100, 100);
  pv_viewport_fit_extent (vp, 597500, 1213500, 599500, 1215500);
  pv_render_map_to_image_async (map, vp, NULL, render_done_cb, &image);
  while (image == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmphex (probe (image, vp, 598200, 1214200), ==, 0xFFFF0000);
  cairo_surface_destroy (image);
}

static void
test_render_sample_project (void)
{
  g_autofree char *path = pv_test_sample_path ("binh-duong.pvproj");
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  double e[4];
  gboolean has_view;
  guint n_drawn = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data-samples/binh-duong.pvproj not generated yet");
      return;
    }
  map = pv_project_load (path, errors, e, &has_view, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpuint (pv_map_get_n_layers (map), >=, 6);
  g_assert_cmpint (pv_crs_get_epsg (pv_map_get_crs (map)), ==, 9210);
  if (!has_view)
    g_assert_true (pv_map_get_extent (map, &e[0], &e[1], &e[2], &e[3]));
  pv_viewport_set_size (vp, 640, 480);
  pv_viewport_fit_extent (vp, e[0], e[1], e[2], e[3]);
  image = pv_render_map_to_image (map, vp, 0, NULL, errors, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 0);
  cairo_surface_flush (image);
  for (int y = 0; y < 480; y++)
    for (int x = 0; x < 640; x++)
      n_drawn += (*(guint32 *) (cairo_image_surface_get_data (image) +
                                y * cairo_image_surface_get_stride (image) + 4 * x)) >> 24 != 0;
  /* Most of the province is covered by zoning. */
  g_assert_cmpuint (n_drawn, >, 640 * 480 / 4);
  cairo_surface_destroy (image);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add ("/render/polygon-probes", Fixture, NULL, fixture_set_up, test_render_polygon_probes, fixture_tear_down);
  g_test_add ("/render/stripes-match", Fixture, NULL, fixture_set_up, test_render_stripes_match, fixture_tear_down);
  g_test_add ("/render/subpixel-features", Fixture, NULL, fixture_set_up, test_render_subpixel_features, fixture_tear_down);
  g_test_add ("/render/opacity-and-order", Fixture, NULL, fixture_set_up, test_render_opacity_and_order, fixture_tear_down);
  g_test_add ("/render/reprojected-point", Fixture, NULL, fixture_set_up, test_render_reprojected_point, fixture_tear_down);
  g_test_add ("/render/assigned-crs", Fixture, NULL, fixture_set_up, test_render_assigned_crs, fixture_tear_down);
  g_test_add ("/render/land-use-palette", Fixture, NULL, fixture_set_up, test_render_land_use_palette, fixture_tear_down);
  g_test_add ("/render/scale-range", Fixture, NULL, fixture_set_up, test_render_scale_range, fixture_tear_down);
  g_test_add ("/render/cancelled", Fixture, NULL, fixture_set_up, test_render_cancelled, fixture_tear_down);
  g_test_add ("/render/async", Fixture, NULL, fixture_set_up, test_render_async, fixture_tear_down);
  g_test_add_func ("/render/sample-project", test_render_sample_project);

  return g_test_run ();
}
