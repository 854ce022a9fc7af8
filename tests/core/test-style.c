/* test-style.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pv-core.h"
#include "pv-legend.h"

static void
assert_breaks (GArray       *breaks,
               const double *expected,
               guint         n)
{
  g_assert_cmpuint (breaks->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (breaks, double, i), expected[i], 1e-9);
}

/* Three obvious clusters: natural breaks must cut between them. */
static void
test_style_jenks_clusters (void)
{
  const double values[] = { 22, 1, 11, 2, 21, 3, 10, 12, 20, NAN };
  const double expected[] = { 1, 3, 12, 22 };
  g_autoptr(GArray) breaks = pv_style_compute_breaks (values, G_N_ELEMENTS (values), 3, PV_CLASSIFY_JENKS);

  assert_breaks (breaks, expected, G_N_ELEMENTS (expected));
}

/* Natural breaks are the cut with the least squared deviation: checked
 * against every possible cut of random data. */
static void
test_style_jenks_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 20; round++)
    {
      double values[12];
      double best_cost = INFINITY;
      double best_upper = 0;
      g_autoptr(GArray) breaks = NULL;
      double sorted[12];

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        values[i] = g_rand_int_range (rand, 0, 1000);
      memcpy (sorted, values, sizeof values);
      for (guint i = 0; i < 12; i++)
        for (guint j = i + 1; j < 12; j++)
          if (sorted[j] < sorted[i])
            {
              double t = sorted[i];

              sorted[i] = sorted[j];
              sorted[j] = t;
            }
      /* Every cut into two non-empty classes. */
      for (guint cut = 1; cut < 12; cut++)
        {
          double cost = 0;

          for (guint part = 0; part < 2; part++)
            {
              guint a = part == 0 ? 0 : cut, b = part == 0 ? cut : 12;
              double mean = 0;

              for (guint i = a; i < b; i++)
                mean += sorted[i] / (b - a);
              for (guint i = a; i < b; i++)
                cost += (sorted[i] - mean) * (sorted[i] - mean);
            }
          if (cost < best_cost - 1e-9)
            {
              best_cost = cost;
              best_upper = sorted[cut - 1];
            }
        }
      breaks = pv_style_compute_breaks (values, 12, 2, PV_CLASSIFY_JENKS);
      g_assert_cmpuint (breaks->len, ==, 3);
      g_assert_cmpfloat (g_array_index (breaks, double, 1), ==, best_upper);
    }
}

static void
test_style_equal_and_quantile (void)
{
  const double values[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 100 };
  const double equal[] = { 0, 25, 50, 75, 100 };
  const double quantile[] = { 0, 4, 100 };
  g_autoptr(GArray) a = pv_style_compute_breaks (values, G_N_ELEMENTS (values), 4, PV_CLASSIFY_EQUAL_INTERVAL);
  g_autoptr(GArray) b = pv_style_compute_breaks (values, G_N_ELEMENTS (values), 2, PV_CLASSIFY_QUANTILE);
  g_autoptr(GArray) none = pv_style_compute_breaks (values, 0, 3, PV_CLASSIFY_JENKS);

  assert_breaks (a, equal, G_N_ELEMENTS (equal));
  /* Half the values (0…4) in the first class, the rest in the second. */
  assert_breaks (b, quantile, G_N_ELEMENTS (quantile));
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_style_graduated_classify (void)
{
  const double limits[] = { 0, 10, 20, 40 };
  const double from[3] = { 1, 1, 0.8 }, to[3] = { 0.8, 0, 0 };
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(PvStyle) copy = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;

  g_array_append_vals (breaks, limits, G_N_ELEMENTS (limits));
  style = pv_style_new_graduated ("dien_tich", breaks, from, to);
  g_assert_cmpint (pv_style_get_kind (style), ==, PV_STYLE_GRADUATED);
  g_assert_cmpuint (pv_style_get_n_categories (style), ==, 4);
  g_assert_cmpuint (pv_style_classify (style, "0"), ==, 0);
  g_assert_cmpuint (pv_style_classify (style, "10"), ==, 0);
  g_assert_cmpuint (pv_style_classify (style, "10.5"), ==, 1);
  g_assert_cmpuint (pv_style_classify (style, "40"), ==, 2);
  /* Out of range, empty or not a number: "other". */
  g_assert_cmpuint (pv_style_classify (style, "41"), ==, 3);
  g_assert_cmpuint (pv_style_classify (style, "abc"), ==, 3);
  g_assert_cmpuint (pv_style_classify (style, NULL), ==, 3);
  g_assert_true (pv_style_get_category (style, 3)->other);
  /* The ramp runs from the first colour to the last. */
  g_assert_cmpfloat_with_epsilon (pv_style_get_category (style, 0)->fill[2], 0.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (pv_style_get_category (style, 2)->fill[0], 0.8, 1e-9);

  json = pv_style_to_json (style);
  copy = pv_style_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pv_style_get_kind (copy), ==, PV_STYLE_GRADUATED);
  g_assert_cmpuint (pv_style_classify (copy, "15"), ==, 1);
  for (guint c = 0; c < 3; c++)
    g_assert_cmpfloat_with_epsilon (pv_style_get_category (copy, 1)->fill[c],
                                    pv_style_get_category (style, 1)->fill[c], 1.0 / 255);

  /* The method the breaks came from is kept for editing, in copies and files. */
  {
    PvClassifyMethod method = PV_CLASSIFY_EQUAL_INTERVAL;
    g_autoptr(PvStyle) edited = NULL;
    g_autoptr(PvStyle) saved = NULL;
    g_autoptr(JsonNode) node = NULL;

    g_assert_false (pv_style_get_method (copy, &method));
    pv_style_set_method (style, PV_CLASSIFY_QUANTILE);
    edited = pv_style_copy (style);
    g_assert_true (pv_style_get_method (edited, &method));
    g_assert_cmpint (method, ==, PV_CLASSIFY_QUANTILE);
    node = pv_style_to_json (edited);
    saved = pv_style_new_from_json (node, &error);
    g_assert_no_error (error);
    method = PV_CLASSIFY_EQUAL_INTERVAL;
    g_assert_true (pv_style_get_method (saved, &method));
    g_assert_cmpint (method, ==, PV_CLASSIFY_QUANTILE);
  }
}

/* A graduated style on a real layer draws each polygon in its class colour. */
static void
test_style_graduated_render (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-style-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "lots.geojson", NULL);
  g_autoptr(GString) json = g_string_new ("{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", "
                                          "\"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::9210\"}}, \"features\": [");
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GArray) breaks = NULL;
  const double areas[] = { 100, 200, 5000, 5200, 90000 };
  const double from[3] = { 1, 1, 0 }, to[3] = { 0, 0, 1 };
  cairo_surface_t *image;

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    g_string_append_printf (json, "%s{\"type\": \"Feature\", \"properties\": {\"dien_tich\": %g}, \"geometry\": "
                            "{\"type\": \"Polygon\", \"coordinates\": [[[%d, 1214000], [%d, 1214000], [%d, 1214100], "
                            "[%d, 1214100], [%d, 1214000]]]}}",
                            i ? "," : "", areas[i], 598000 + 200 * i, 598100 + 200 * i, 598100 + 200 * i,
                            598000 + 200 * i, 598000 + 200 * i);
  g_string_append (json, "]}");
  g_file_set_contents (path, json->str, -1, &error);
  g_assert_no_error (error);
  layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_assert_no_error (error);

  breaks = pv_style_compute_breaks (areas, G_N_ELEMENTS (areas), 3, PV_CLASSIFY_JENKS);
  style = pv_style_new_graduated ("dien_tich", breaks, from, to);
  g_assert_true (pv_vector_layer_set_style (layers->pdata[0], style, NULL, &error));
  g_assert_no_error (error);
  pv_map_add_layer (map, layers->pdata[0]);
  pv_viewport_set_size (vp, 500, 100);
  pv_viewport_fit_extent (vp, 597950, 1213950, 599000, 1214150);
  image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  cairo_surface_flush (image);
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      double sx, sy;
      guint32 pixel;
      const double *fill;
      char value[32];

      pv_viewport_map_to_screen (vp, 598050 + 200 * i, 1214050, &sx, &sy);
      pixel = *(guint32 *) (cairo_image_surface_get_data (image) +
                            (gsize) sy * cairo_image_surface_get_stride (image) + 4 * (gsize) sx);
      g_ascii_formatd (value, sizeof value, "%g", areas[i]);
      fill = pv_style_get_category (style, pv_style_classify (style, value))->fill;
      g_test_message ("feature %u: pixel %08x, class %u", i, pixel, pv_style_classify (style, value));
      g_assert_cmpuint ((pixel >> 16) & 0xFF, ==, (guint) (fill[0] * 255 + 0.5));
      g_assert_cmpuint (pixel & 0xFF, ==, (guint) (fill[2] * 255 + 0.5));
    }
  /* The legend lists the three classes with their limits and counts. */
  {
    g_autoptr(GPtrArray) legend = pv_legend_build (map);
    PvLegendEntry *entry;

    g_assert_cmpuint (legend->len, ==, 1);
    entry = g_ptr_array_index (legend, 0);
    g_assert_cmpuint (entry->items->len, ==, 3);
    g_assert_cmpstr (((PvLegendItem *) g_ptr_array_index (entry->items, 0))->label, ==, "100 – 200");
    g_assert_cmpuint (((PvLegendItem *) g_ptr_array_index (entry->items, 1))->count, ==, 2);
  }
  /* Jenks put 100/200, 5000/5200 and 90000 in three classes. */
  g_assert_cmpuint (pv_style_classify (style, "200"), ==, 0);
  g_assert_cmpuint (pv_style_classify (style, "5000"), ==, 1);
  g_assert_cmpuint (pv_style_classify (style, "90000"), ==, 2);
  cairo_surface_destroy (image);
  g_clear_pointer (&layers, g_ptr_array_unref);
  g_unlink (path);
  g_rmdir (dir);
}

/* Rules: OGR SQL filters in order, the first match wins, the rest "other". */
static void
test_style_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-rules-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "lots.geojson", NULL);
  g_autoptr(GString) json = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(PvStyle) style = pv_style_new_rule_based ();
  g_autoptr(PvStyle) bad = pv_style_new_rule_based ();
  g_autoptr(PvStyle) copy = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(JsonNode) node = NULL;
  const double areas[] = { 100, 200, 5000, 5200, 90000 };
  const double red[3] = { 1, 0, 0 }, green[3] = { 0, 1, 0 };
  PvVectorLayer *layer;

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    g_string_append_printf (json, "%s{\"type\": \"Feature\", \"properties\": {\"dien_tich\": %g}, "
                            "\"geometry\": {\"type\": \"Point\", \"coordinates\": [%u, 0]}}",
                            i ? "," : "", areas[i], i);
  g_string_append (json, "]}");
  g_file_set_contents (path, json->str, -1, &error);
  g_assert_no_error (error);
  layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_assert_no_error (error);
  layer = layers->pdata[0];

  pv_style_add_rule (style, "Lớn", "dien_tich > 5000", red);
  pv_style_add_rule (style, "Vừa", "dien_tich >= 200", green);
  g_assert_cmpuint (pv_style_get_n_categories (style), ==, 3);
  g_assert_true (pv_style_get_category (style, 2)->other);
  g_assert_true (pv_vector_layer_set_style (layer, style, NULL, &error));
  g_assert_no_error (error);
  counts = pv_vector_layer_dup_category_counts (layer);
  /* 5200 and 90000 match the first rule; 200 and 5000 the second; 100 none. */
  g_assert_cmpuint (g_array_index (counts, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (counts, guint, 1), ==, 2);
  g_assert_cmpuint (g_array_index (counts, guint, 2), ==, 1);

  /* An invalid filter fails the style and names the file; the old one stays. */
  pv_style_add_rule (bad, NULL, "dien_tich >>> 1", red);
  g_assert_false (pv_vector_layer_set_style (layer, bad, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "lots.geojson"));
  g_clear_error (&error);
  {
    g_autoptr(PvStyle) still = pv_vector_layer_dup_style (layer);

    g_assert_true (still == style);
  }

  node = pv_style_to_json (style);
  copy = pv_style_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pv_style_get_kind (copy), ==, PV_STYLE_RULE_BASED);
  g_assert_cmpuint (pv_style_get_n_categories (copy), ==, 3);
  g_assert_cmpstr (pv_style_get_category (copy, 1)->filter, ==, "dien_tich >= 200");
  g_assert_cmpstr (pv_style_get_category (copy, 0)->label, ==, "Lớn");

  g_clear_pointer (&layers, g_ptr_array_unref);
  g_unlink (path);
  g_rmdir (dir);
}

/* A single-symbol style stays with the layer (its symbol draws and is
 * saved), and its colour becomes the layer's. */
static void
test_style_single_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-single-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "lots.geojson", NULL);
  g_autoptr(GPtrArray) layers = NULL;
  const double teal[3] = { 0, 0.5, 0.5 };
  g_autoptr(PvStyle) style = pv_style_new_single (teal);
  PvStyleCategory symbol = *pv_style_get_category (style, 0);
  PvVectorLayer *layer;
  double rgb[3];

  g_file_set_contents (path, "{\"type\": \"FeatureCollection\", \"features\": ["
                       "{\"type\": \"Feature\", \"properties\": {\"ten\": \"a\"}, \"geometry\": "
                       "{\"type\": \"Point\", \"coordinates\": [1, 2]}}]}", -1, &error);
  g_assert_no_error (error);
  layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_assert_no_error (error);
  layer = layers->pdata[0];
  symbol.marker = PV_MARKER_TRIANGLE;
  pv_style_set_category_symbol (style, 0, &symbol);
  g_assert_true (pv_vector_layer_set_style (layer, style, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PvStyle) kept = pv_vector_layer_dup_style (layer);
    g_autoptr(GArray) counts = pv_vector_layer_dup_category_counts (layer);

    g_assert_true (kept == style);
    g_assert_cmpint (pv_style_get_category (kept, 0)->marker, ==, PV_MARKER_TRIANGLE);
    g_assert_cmpuint (counts->len, ==, 1);
    g_assert_cmpuint (g_array_index (counts, guint, 0), ==, 1);
  }
  pv_layer_get_color (PV_LAYER (layer), rgb);
  g_assert_cmpfloat (rgb[1], ==, 0.5);
  /* No style: back to the layer's own colour and the default symbol. */
  g_assert_true (pv_vector_layer_set_style (layer, NULL, NULL, &error));
  g_assert_null (pv_vector_layer_dup_style (layer));

  g_clear_pointer (&layers, g_ptr_array_unref);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/style/jenks-clusters", test_style_jenks_clusters);
  g_test_add_func ("/core/style/jenks-brute-force", test_style_jenks_brute_force);
  g_test_add_func ("/core/style/equal-and-quantile", test_style_equal_and_quantile);
  g_test_add_func ("/core/style/graduated-classify", test_style_graduated_classify);
  g_test_add_func ("/core/style/graduated-render", test_style_graduated_render);
  g_test_add_func ("/core/style/rules", test_style_rules);
  g_test_add_func ("/core/style/single-kept", test_style_single_kept);

  return g_test_run ();
}
