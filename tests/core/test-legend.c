/* test-legend.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "pv-core.h"
#include "pv-legend.h"
#include "pv-test-util.h"
#include "pv-style.h"
#include "pv-vector-layer.h"

#define FEATURE(code, x) \
  "{\"type\": \"Feature\", \"properties\": {\"mdsd\": \"" code "\"}," \
  " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[" #x ", 10.9], [" #x ".01, 10.9], [" #x ".01, 10.91], [" #x ", 10.9]]]}}"

static PvLayer *
open_layer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  return g_object_ref (layers->pdata[0]);
}

static void
assert_palette_colour (const PvLegendItem *item,
                       PvStyle            *palette,
                       const char         *code)
{
  const PvStyleCategory *category = pv_style_get_category (palette, pv_style_classify (palette, code));

  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (item->fill[i], ==, category->fill[i]);
      g_assert_cmpfloat (item->outline[i], ==, category->outline[i]);
    }
  g_assert_cmpint (item->confirmed, ==, category->confirmed);
}

/* Categories present only, "other" last, with the palette colours; hidden
 * layers absent; topmost layer first. */
static void
test_legend_build (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-legend-XXXXXX", &error);
  g_autofree char *zones_path = g_build_filename (dir, "zones.geojson", NULL);
  g_autofree char *plain_path = g_build_filename (dir, "plain.geojson", NULL);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvLayer) zones = NULL;
  g_autoptr(PvLayer) hidden = NULL;
  g_autoptr(PvLayer) plain = NULL;
  g_autoptr(PvStyle) palette = NULL;
  g_autoptr(GPtrArray) legend = NULL;
  PvLegendEntry *entry;
  PvLegendItem *item;
  double rgb[3];

  g_assert_no_error (error);
  g_file_set_contents (zones_path,
                       "{\"type\": \"FeatureCollection\", \"features\": ["
                       FEATURE ("ODT", 106.60) ", " FEATURE ("SON", 106.62) ", "
                       FEATURE ("odt", 106.64) ", " FEATURE ("XYZ", 106.66) "]}", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (plain_path,
                       "{\"type\": \"FeatureCollection\", \"features\": ["
                       "{\"type\": \"Feature\", \"properties\": {\"ten\": \"Thủ Dầu Một\"},"
                       " \"geometry\": {\"type\": \"Point\", \"coordinates\": [106.65, 10.98]}}]}", -1, &error);
  g_assert_no_error (error);

  zones = open_layer (zones_path);
  hidden = open_layer (zones_path);
  plain = open_layer (plain_path);
  pv_layer_set_name (hidden, "hidden");
  pv_layer_set_visible (hidden, FALSE);
  pv_map_add_layer (map, zones);
  pv_map_add_layer (map, hidden);
  pv_map_add_layer (map, plain);
  palette = pv_style_new_from_palette (PV_PALETTE_VN_LANDUSE, "mdsd", &error);
  g_assert_no_error (error);

  legend = pv_legend_build (map);
  g_assert_cmpuint (legend->len, ==, 2);

  /* Topmost first: the single-colour layer, one item in its colour. */
  entry = legend->pdata[0];
  g_assert_true (entry->layer == plain);
  g_assert_cmpstr (entry->title, ==, pv_layer_get_name (plain));
  g_assert_null (entry->palette_id);
  g_assert_cmpuint (entry->items->len, ==, 1);
  item = entry->items->pdata[0];
  pv_layer_get_color (plain, rgb);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (item->fill[i], ==, rgb[i]);
  g_assert_cmpuint (item->count, ==, 1);

  /* The land-use layer: ODT (2), SON (1), other (1). */
  entry = legend->pdata[1];
  g_assert_true (entry->layer == zones);
  g_assert_cmpstr (entry->palette_id, ==, PV_PALETTE_VN_LANDUSE);
  g_assert_cmpuint (entry->items->len, ==, 3);
  item = entry->items->pdata[0];
  g_assert_true (g_str_has_prefix (item->label, "ODT"));
  g_assert_cmpuint (item->count, ==, 2);
  g_assert_false (item->other);
  assert_palette_colour (item, palette, "ODT");
  item = entry->items->pdata[1];
  g_assert_true (g_str_has_prefix (item->label, "SON"));
  g_assert_cmpuint (item->count, ==, 1);
  assert_palette_colour (item, palette, "SON");
  item = entry->items->pdata[2];
  g_assert_true (item->other);
  g_assert_cmpuint (item->count, ==, 1);
  assert_palette_colour (item, palette, "XYZ");

  /* Showing the hidden layer brings it in between; hiding all empties it. */
  pv_layer_set_visible (hidden, TRUE);
  g_clear_pointer (&legend, g_ptr_array_unref);
  legend = pv_legend_build (map);
  g_assert_cmpuint (legend->len, ==, 3);
  g_assert_true (((PvLegendEntry *) legend->pdata[1])->layer == hidden);
  g_assert_cmpstr (((PvLegendEntry *) legend->pdata[1])->title, ==, "hidden");
  for (guint i = 0; i < 3; i++)
    pv_layer_set_visible (pv_map_get_layer (map, i), FALSE);
  g_clear_pointer (&legend, g_ptr_array_unref);
  legend = pv_legend_build (map);
  g_assert_cmpuint (legend->len, ==, 0);

  g_unlink (zones_path);
  g_unlink (plain_path);
  g_rmdir (dir);
}

/* A layer whose file has gone missing stays in the project but has no
 * legend entry (it draws nothing). */
static void
test_legend_missing_layer (void)
{
  g_autofree char *dir = pv_test_make_temp_dir ("pv-test-legend");
  g_autofree char *path = g_build_filename (dir, "plan.pvproj", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layer_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(PvProject) project = NULL;
  g_autoptr(GPtrArray) legend = NULL;
  PvMap *map;

  g_file_set_contents (path, "{\"planviewer_project\": 1, \"layers\": "
                             "[{\"name\": \"Đường\", \"source\": \"da-chuyen.shp\"}]}", -1, &error);
  g_assert_no_error (error);
  project = pv_project_open (path, PV_PROJECT_OPEN_DEFAULT, layer_errors, NULL, &error);
  g_assert_no_error (error);
  map = pv_project_get_map (project);
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 1);
  g_assert_cmpuint (layer_errors->len, ==, 1);
  legend = pv_legend_build (map);
  g_assert_cmpuint (legend->len, ==, 0);
  g_remove (path);
  pv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/legend/build", test_legend_build);
  g_test_add_func ("/core/legend/missing-layer", test_legend_missing_layer);

  return g_test_run ();
}
