/* test-query.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "pv-core.h"

/* Feature 0: a block with a courtyard; 1: a smaller block overlapping its
 * east side (drawn later, so on top); 2: a road; 3: a point. */
static const char *fixture_json =
  "{\"type\": \"FeatureCollection\", "
  "\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::9210\"}},"
  "\"features\": ["
  "{\"type\": \"Feature\", \"properties\": {\"ma_sdd\": \"ODT\", \"ten\": \"Khu dân cư Phú Hòa\", \"dien_tich\": 1000000},"
  " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": ["
  "  [[598000, 1214000], [599000, 1214000], [599000, 1215000], [598000, 1215000], [598000, 1214000]],"
  "  [[598400, 1214400], [598400, 1214600], [598600, 1214600], [598600, 1214400], [598400, 1214400]]]}},"
  "{\"type\": \"Feature\", \"properties\": {\"ma_sdd\": \"TMD\", \"ten\": \"Chợ Thủ Dầu Một\", \"dien_tich\": 250000},"
  " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": ["
  "  [[598800, 1214200], [599300, 1214200], [599300, 1214700], [598800, 1214700], [598800, 1214200]]]}},"
  "{\"type\": \"Feature\", \"properties\": {\"ma_sdd\": \"DGT\", \"ten\": \"Đại lộ Bình Dương\", \"dien_tich\": null},"
  " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[597000, 1213000], [600000, 1216000]]}},"
  "{\"type\": \"Feature\", \"properties\": {\"ma_sdd\": null, \"ten\": \"Tháp nước\", \"dien_tich\": null},"
  " \"geometry\": {\"type\": \"Point\", \"coordinates\": [598100, 1214900]}}"
  "]}";

typedef struct
{
  char          *dir;
  char          *path;
  PvVectorLayer *layer;
  PvMap         *map;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;

  fixture->dir = g_dir_make_tmp ("pv-test-query-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "zoning.geojson", NULL);
  g_file_set_contents (fixture->path, fixture_json, -1, &error);
  g_assert_no_error (error);
  layers = pv_layer_open_all (fixture->path, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->layer = g_object_ref (layers->pdata[0]);
  fixture->map = pv_map_new ();
  pv_map_add_layer (fixture->map, PV_LAYER (fixture->layer));
  g_assert_true (pv_layer_prepare (PV_LAYER (fixture->layer), pv_map_get_crs (fixture->map), NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->map);
  g_clear_object (&fixture->layer);
  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static GArray *
identify (Fixture *fixture,
          double   x,
          double   y,
          double   tolerance)
{
  return pv_vector_layer_identify (fixture->layer, x, y, tolerance);
}

#define assert_hits(hits, ...) G_STMT_START {                            \
    const guint32 expected[] = { __VA_ARGS__ };                        \
    g_assert_cmpuint ((hits)->len, ==, G_N_ELEMENTS (expected));       \
    for (guint i_ = 0; i_ < G_N_ELEMENTS (expected); i_++)             \
      g_assert_cmpuint (g_array_index ((hits), guint32, i_), ==, expected[i_]); \
  } G_STMT_END

static void
test_identify (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GArray) block = identify (fixture, 598200, 1214800, 1);
  g_autoptr(GArray) courtyard = identify (fixture, 598500, 1214500, 1);
  g_autoptr(GArray) overlap = identify (fixture, 598900, 1214300, 1);
  g_autoptr(GArray) road = identify (fixture, 597503, 1213497, 10);
  g_autoptr(GArray) road_far = identify (fixture, 597530, 1213470, 10);
  g_autoptr(GArray) point = identify (fixture, 598103, 1214904, 6);
  g_autoptr(GArray) nothing = identify (fixture, 590000, 1210000, 5);
  g_autoptr(GArray) nan = identify (fixture, NAN, 1214800, 5);

  /* Inside the block, off the road (the diagonal y - x = 616000). */
  assert_hits (block, 0);
  /* The courtyard is a hole; the road crosses it. */
  assert_hits (courtyard, 2);
  /* Where the market overlaps the block, the later (top) one comes first. */
  assert_hits (overlap, 1, 0);
  assert_hits (road, 2);
  g_assert_cmpuint (road_far->len, ==, 0);
  assert_hits (point, 3, 0);
  g_assert_cmpuint (nothing->len, ==, 0);
  g_assert_cmpuint (nan->len, ==, 0);
}

static void
test_feature_extent (Fixture       *fixture,
                     gconstpointer  data)
{
  double e[4];

  g_assert_true (pv_vector_layer_get_feature_extent (fixture->layer, 1, &e[0], &e[1], &e[2], &e[3]));
  g_assert_cmpfloat_with_epsilon (e[0], 598800, 0.2);
  g_assert_cmpfloat_with_epsilon (e[1], 1214200, 0.2);
  g_assert_cmpfloat_with_epsilon (e[2], 599300, 0.2);
  g_assert_cmpfloat_with_epsilon (e[3], 1214700, 0.2);
  g_assert_false (pv_vector_layer_get_feature_extent (fixture->layer, 99, &e[0], &e[1], &e[2], &e[3]));
}

static void
selection_changed_cb (PvVectorLayer *layer,
                      guint         *count)
{
  (*count)++;
}

static void
test_selection (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GArray) request = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) selected = NULL;
  guint32 ids[] = { 3, 1, 3, 77 };
  guint changes = 0;

  g_signal_connect (fixture->layer, "selection-changed", G_CALLBACK (selection_changed_cb), &changes);
  g_array_append_vals (request, ids, G_N_ELEMENTS (ids));
  pv_vector_layer_set_selection (fixture->layer, request);
  g_assert_cmpuint (changes, ==, 1);
  /* Duplicates and out-of-range indices are dropped; the result is sorted. */
  g_assert_cmpuint (pv_vector_layer_get_n_selected (fixture->layer), ==, 2);
  selected = pv_vector_layer_dup_selection (fixture->layer);
  assert_hits (selected, 1, 3);
  g_assert_true (pv_vector_layer_is_selected (fixture->layer, 3));
  g_assert_false (pv_vector_layer_is_selected (fixture->layer, 0));

  pv_vector_layer_set_selection (fixture->layer, NULL);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (pv_vector_layer_get_n_selected (fixture->layer), ==, 0);
  /* Clearing an empty selection changes nothing. */
  pv_vector_layer_set_selection (fixture->layer, NULL);
  g_assert_cmpuint (changes, ==, 2);
}

static guint32
probe (cairo_surface_t *image,
       PvViewport      *vp,
       double           x,
       double           y)
{
  double sx, sy;

  pv_viewport_map_to_screen (vp, x, y, &sx, &sy);
  cairo_surface_flush (image);
  return *(guint32 *) (cairo_image_surface_get_data (image) +
                       (gsize) floor (sy) * cairo_image_surface_get_stride (image) + 4 * (gsize) floor (sx));
}

static void
test_selection_drawn (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(GArray) request = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GError) error = NULL;
  const double black[3] = { 0, 0, 0 };
  guint32 market = 1, before, after;
  cairo_surface_t *image;

  /* The land-use codes styled it; this test wants one plain colour. */
  g_assert_true (pv_vector_layer_set_style (fixture->layer, NULL, NULL, NULL));
  pv_layer_set_color (PV_LAYER (fixture->layer), black);
  pv_viewport_set_size (vp, 300, 300);
  pv_viewport_fit_extent (vp, 597900, 1213900, 599400, 1215100);
  image = pv_render_map_to_image (fixture->map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  before = probe (image, vp, 599200, 1214300);
  cairo_surface_destroy (image);

  g_array_append_val (request, market);
  pv_vector_layer_set_selection (fixture->layer, request);
  image = pv_render_map_to_image (fixture->map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  after = probe (image, vp, 599200, 1214300);
  /* Black before; tinted by the yellow highlight after. */
  g_assert_cmphex (before, ==, 0xFF000000);
  g_assert_cmpuint ((after >> 16) & 0xFF, >, 0x40);
  g_assert_cmpuint ((after >> 8) & 0xFF, >, 0x30);
  g_assert_cmpuint (after & 0xFF, <, 0x20);
  /* An unselected feature keeps its colour. */
  g_assert_cmphex (probe (image, vp, 598100, 1214200), ==, 0xFF000000);
  cairo_surface_destroy (image);
}

static void
test_filter_where (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) big = pv_vector_layer_filter_where (fixture->layer, "dien_tich > 500000", NULL, &error);
  g_autoptr(GArray) codes = NULL;
  g_autoptr(GArray) nulls = NULL;
  g_autoptr(GArray) bad = NULL;

  g_assert_no_error (error);
  assert_hits (big, 0);
  codes = pv_vector_layer_filter_where (fixture->layer, "ma_sdd IN ('TMD', 'DGT')", NULL, &error);
  g_assert_no_error (error);
  assert_hits (codes, 1, 2);
  nulls = pv_vector_layer_filter_where (fixture->layer, "dien_tich IS NULL", NULL, &error);
  g_assert_no_error (error);
  assert_hits (nulls, 2, 3);

  bad = pv_vector_layer_filter_where (fixture->layer, "ma_sdd = = 'x'", NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "zoning.geojson"));
  g_clear_error (&error);

  /* The failed filter left nothing behind: all features read again. */
  {
    char **names = pv_vector_layer_dup_column (fixture->layer, 1, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pv_vector_layer_get_n_features (fixture->layer), ==, 4);
    for (guint i = 0; i < 4; i++)
      g_assert_nonnull (names[i]);
    pv_vector_layer_free_values (names, 4);
  }
}

static void
test_column (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* NULL for null values: freed by length. */
  char **names = NULL;
  char **codes = NULL;
  char **areas = NULL;
  guint n_features = pv_vector_layer_get_n_features (fixture->layer);
  guint name_field = G_MAXUINT, code_field = G_MAXUINT, area_field = G_MAXUINT;

  for (guint i = 0; i < pv_vector_layer_get_n_fields (fixture->layer); i++)
    {
      const char *name = pv_vector_layer_get_field_name (fixture->layer, i);

      if (g_str_equal (name, "ten"))
        name_field = i;
      else if (g_str_equal (name, "ma_sdd"))
        code_field = i;
      else if (g_str_equal (name, "dien_tich"))
        area_field = i;
    }
  g_assert_cmpuint (name_field, !=, G_MAXUINT);

  names = pv_vector_layer_dup_column (fixture->layer, name_field, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (names[0], ==, "Khu dân cư Phú Hòa");
  g_assert_cmpstr (names[2], ==, "Đại lộ Bình Dương");
  codes = pv_vector_layer_dup_column (fixture->layer, code_field, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (codes[1], ==, "TMD");
  g_assert_null (codes[3]);
  areas = pv_vector_layer_dup_column (fixture->layer, area_field, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (g_ascii_strtod (areas[1], NULL), ==, 250000);
  g_assert_true (pv_vector_layer_field_is_numeric (fixture->layer, area_field));
  g_assert_false (pv_vector_layer_field_is_numeric (fixture->layer, code_field));

  /* Attributes of one feature agree with the column. */
  {
    char **row = pv_vector_layer_dup_attributes (fixture->layer, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (row[name_field], ==, names[2]);
    pv_vector_layer_free_values (row, pv_vector_layer_get_n_fields (fixture->layer));
  }
  pv_vector_layer_free_values (names, n_features);
  pv_vector_layer_free_values (codes, n_features);
  pv_vector_layer_free_values (areas, n_features);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add ("/core/query/identify", Fixture, NULL, fixture_set_up, test_identify, fixture_tear_down);
  g_test_add ("/core/query/feature-extent", Fixture, NULL, fixture_set_up, test_feature_extent, fixture_tear_down);
  g_test_add ("/core/query/selection", Fixture, NULL, fixture_set_up, test_selection, fixture_tear_down);
  g_test_add ("/core/query/selection-drawn", Fixture, NULL, fixture_set_up, test_selection_drawn, fixture_tear_down);
  g_test_add ("/core/query/filter-where", Fixture, NULL, fixture_set_up, test_filter_where, fixture_tear_down);
  g_test_add ("/core/query/column", Fixture, NULL, fixture_set_up, test_column, fixture_tear_down);

  return g_test_run ();
}
