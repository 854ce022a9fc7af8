/* test-cad-layers.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <ogr_api.h>
#include <string.h>

#include "pv-core.h"
#include "pv-labeler.h"
#include "pv-ogr-style.h"
#include "pv-test-util.h"

static char *
make_temp_dir (void)
{
  return pv_test_make_temp_dir ("pv-test-cad-layers");
}

static void
add_feature (OGRLayerH   layer,
             const char *dxf_layer,
             const char *wkt,
             const char *style)
{
  OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  OGRGeometryH geometry = NULL;
  char *text = (char *) wkt;

  g_assert_cmpint (OGR_G_CreateFromWkt (&text, NULL, &geometry), ==, OGRERR_NONE);
  if (dxf_layer != NULL)
    OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, "Layer"), dxf_layer);
  OGR_F_SetStyleString (feature, style);
  OGR_F_SetGeometryDirectly (feature, geometry);
  g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);
}

static PvSourceLayer *
find_sublayer (GPtrArray  *list,
               const char *value)
{
  for (guint i = 0; i < list->len; i++)
    {
      PvSourceLayer *item = g_ptr_array_index (list, i);

      if (g_strcmp0 (item->sublayer_value, value) == 0)
        return item;
    }
  return NULL;
}

/* The drawing's layers are listed with decoded names and open one by one,
 * in their CAD colours, with the text as a label. */
static void
test_dxf_layers (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = pv_test_write_cad_drawing (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = pv_layer_list_source (path, &error);
  g_autoptr(GPtrArray) roads = NULL;
  g_autoptr(GPtrArray) bounds = NULL;
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(PvLabeling) labeling = NULL;
  PvSourceLayer *road_item, *bound_item;
  PvVectorLayer *road;
  const char *field, *value;

  g_assert_no_error (error);
  road_item = find_sublayer (list, "Đường");
  bound_item = find_sublayer (list, "RANH_GIOI");
  g_assert_nonnull (road_item);
  g_assert_nonnull (bound_item);
  g_assert_cmpstr (road_item->sublayer_field, ==, "Layer");
  g_assert_cmpint (road_item->n_features, ==, 2);
  g_assert_cmpint (bound_item->n_features, ==, 2);

  roads = pv_layer_open_sublayer (path, road_item->name, "Layer", "Đường", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  road = PV_VECTOR_LAYER (g_ptr_array_index (roads, 0));
  g_assert_cmpuint (pv_vector_layer_get_n_features (road), ==, 2);
  g_assert_true (pv_vector_layer_get_subset (road, &field, &value));
  g_assert_cmpstr (value, ==, "Đường");
  g_assert_cmpstr (pv_layer_get_name (PV_LAYER (road)), ==, "quy-hoach.dxf — Đường");

  /* CAD colours: the drawing's own pen, by feature. */
  style = pv_vector_layer_dup_style (road);
  g_assert_nonnull (style);
  g_assert_cmpstr (pv_style_get_field (style), ==, PV_OGR_STYLE_FIELD);
  g_assert_cmpfloat (pv_style_get_category (style, 0)->fill[2], >, 0.99);
  g_assert_cmpfloat (pv_style_get_category (style, 0)->fill[0], <, 0.01);
  /* The text's point is not drawn: its class is invisible. */
  g_assert_cmpuint (pv_style_get_n_categories (style), ==, 3);
  g_assert_cmpstr (pv_style_get_category (style, 1)->value, ==, PV_OGR_STYLE_TEXT_VALUE);
  g_assert_cmpfloat (pv_style_get_category (style, 1)->fill[3], ==, 0);
  {
    g_autoptr(GArray) counts = pv_vector_layer_dup_category_counts (road);

    g_assert_cmpuint (g_array_index (counts, guint, 0), ==, 1);
    g_assert_cmpuint (g_array_index (counts, guint, 1), ==, 1);
    g_assert_cmpuint (g_array_index (counts, guint, 2), ==, 0);
  }

  /* The text entity is a label, decoded to the last letter. */
  labeling = pv_vector_layer_dup_labeling (road);
  g_assert_nonnull (labeling);
  {
    g_autoptr(PvMap) map = pv_map_new ();
    g_autoptr(PvViewport) viewport = pv_viewport_new ();
    g_autoptr(GPtrArray) labels = NULL;

    pv_map_add_layer (map, PV_LAYER (road));
    pv_viewport_set_size (viewport, 800, 800);
    pv_viewport_fit_extent (viewport, 599900, 1214900, 600500, 1215500);
    labels = pv_labeler_place (map, viewport, NULL);
    g_assert_cmpuint (labels->len, ==, 1);
    g_assert_cmpstr (((PvPlacedLabel *) g_ptr_array_index (labels, 0))->text, ==, "Đại lộ Bình Dương");
  }

  bounds = pv_layer_open_sublayer (path, bound_item->name, "Layer", "RANH_GIOI", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_vector_layer_get_n_features (g_ptr_array_index (bounds, 0)), ==, 2);

  /* A project keeps which layer of the drawing it shows. */
  {
    g_autofree char *project = g_build_filename (dir, "plan.pvproj", NULL);
    g_autoptr(PvMap) map = pv_map_new ();
    g_autoptr(PvMap) loaded = NULL;
    g_autoptr(GPtrArray) layer_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
    double view[4];
    gboolean has_view;

    pv_map_add_layer (map, PV_LAYER (road));
    g_assert_true (pv_project_save (map, NULL, project, &error));
    g_assert_no_error (error);
    loaded = pv_project_load (project, layer_errors, view, &has_view, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (layer_errors->len, ==, 0);
    g_assert_cmpuint (pv_map_get_n_layers (loaded), ==, 1);
    g_assert_true (pv_vector_layer_get_subset (PV_VECTOR_LAYER (pv_map_get_layer (loaded, 0)), &field, &value));
    g_assert_cmpstr (field, ==, "Layer");
    g_assert_cmpstr (value, ==, "Đường");
    g_assert_cmpuint (pv_vector_layer_get_n_features (PV_VECTOR_LAYER (pv_map_get_layer (loaded, 0))), ==, 2);
  }

  pv_test_remove_dir (dir);
}

/* Block inserts of a real drawing are drawn (GDAL inlines them). */
static void
test_dxf_blocks (void)
{
  g_autofree char *path = pv_test_realdata_path ("vector/dxf_assorted/assorted.dxf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(PvLabeling) labeling = NULL;
  PvVectorLayer *layer;
  guint n_block_parts = 0;

  if (path == NULL)
    {
      g_test_skip ("../shared/realdata is absent");
      return;
    }
  layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_assert_no_error (error);
  layer = PV_VECTOR_LAYER (g_ptr_array_index (layers, 0));
  g_assert_true (pv_layer_prepare (PV_LAYER (layer), NULL, NULL, &error));
  g_assert_no_error (error);
  /* GDAL inlines the INSERT: one feature, the block's entities as its
   * geometry, in the place the insert puts them. */
  for (guint i = 0; i < pv_vector_layer_get_n_fields (layer); i++)
    if (g_str_equal (pv_vector_layer_get_field_name (layer, i), "SubClasses"))
      {
        char **column = pv_vector_layer_dup_column (layer, i, NULL, &error);

        g_assert_no_error (error);
        for (guint f = 0; f < pv_vector_layer_get_n_features (layer); f++)
          if (column[f] != NULL && strstr (column[f], "AcDbBlockReference") != NULL)
            {
              double extent[4];

              g_assert_true (pv_vector_layer_get_feature_extent (layer, f, &extent[0], &extent[1],
                                                                 &extent[2], &extent[3]));
              g_assert_cmpfloat (extent[2] - extent[0], >, 0);
              n_block_parts++;
            }
        /* NULL for null values: freed by length. */
        pv_vector_layer_free_values (column, pv_vector_layer_get_n_features (layer));
      }
  g_assert_cmpuint (n_block_parts, >, 0);
  g_assert_cmpuint (pv_vector_layer_get_n_geometries (layer), ==, pv_vector_layer_get_n_features (layer));
  labeling = pv_vector_layer_dup_labeling (layer);
  g_assert_nonnull (labeling);
}

/* DGN v7 levels are listed as layers to choose; a file of one level is one
 * layer. */
static void
test_dgn_levels (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "ranh-gioi.dgn", NULL);
  g_autofree char *canada = pv_test_realdata_path ("vector/dgn_canada/canada.dgn");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const int levels[] = { 3, 5, 5, 12 };
  guint n_levels = 0;

  {
    GDALDatasetH dataset = GDALCreate (GDALGetDriverByName ("DGN"), path, 0, 0, 0, GDT_Unknown, NULL);
    OGRLayerH layer = GDALDatasetCreateLayer (dataset, "elements", NULL, wkbUnknown, NULL);

    for (guint k = 0; k < G_N_ELEMENTS (levels); k++)
      {
        OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
        OGRGeometryH line = OGR_G_CreateGeometry (wkbLineString);

        OGR_G_AddPoint_2D (line, 100.0 * k, 0);
        OGR_G_AddPoint_2D (line, 100.0 * k + 50, 50);
        OGR_F_SetFieldInteger (feature, OGR_F_GetFieldIndex (feature, "Level"), levels[k]);
        OGR_F_SetGeometryDirectly (feature, line);
        g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
        OGR_F_Destroy (feature);
      }
    GDALClose (dataset);
  }

  list = pv_layer_list_source (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      PvSourceLayer *item = g_ptr_array_index (list, i);
      g_autoptr(GPtrArray) opened = NULL;

      if (item->sublayer_field == NULL)
        continue;
      g_assert_cmpstr (item->sublayer_field, ==, "Level");
      n_levels++;
      opened = pv_layer_open_sublayer (path, item->name, "Level", item->sublayer_value, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pv_vector_layer_get_n_features (g_ptr_array_index (opened, 0)), ==, item->n_features);
      g_assert_cmpint (item->n_features, ==, g_str_equal (item->sublayer_value, "5") ? 2 : 1);
    }
  g_assert_cmpuint (n_levels, ==, 3);
  pv_test_remove_dir (dir);

  if (canada != NULL)
    {
      g_autoptr(GPtrArray) canada_list = pv_layer_list_source (canada, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < canada_list->len; i++)
        g_assert_null (((PvSourceLayer *) g_ptr_array_index (canada_list, i))->sublayer_field);
    }
}

/* A DWG says what to do with it, when opened like any file. */
static void
test_dwg_message (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "ban-ve.dwg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  char header[128] = "AC1027";

  g_file_set_contents (path, header, sizeof header, &error);
  g_assert_no_error (error);
  layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_assert_null (layers);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "ban-ve.dwg"));
  g_assert_nonnull (strstr (error->message, "DXF"));
  pv_test_remove_dir (dir);
}

/* A MapInfo table draws with its own brushes and pens by default. */
static void
test_mapinfo_styles (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "khu.tab", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) viewport = pv_viewport_new ();
  cairo_surface_t *image;
  guint32 inside;

  {
    GDALDatasetH dataset = GDALCreate (GDALGetDriverByName ("MapInfo File"), path, 0, 0, 0, GDT_Unknown, NULL);
    OGRLayerH layer = GDALDatasetCreateLayer (dataset, "khu", NULL, wkbPolygon, NULL);
    OGRFieldDefnH field = OGR_Fld_Create ("ma", OFTString);

    OGR_L_CreateField (layer, field, FALSE);
    OGR_Fld_Destroy (field);
    add_feature (layer, NULL, "POLYGON ((0 0,100 0,100 100,0 100,0 0))",
                 "PEN(w:1px,c:#000000,id:\"mapinfo-pen-2,ogr-pen-0\");BRUSH(fc:#ff8000,bc:#ffffff,id:\"mapinfo-brush-2,ogr-brush-0\")");
    add_feature (layer, NULL, "POLYGON ((200 0,300 0,300 100,200 100,200 0))",
                 "PEN(w:1px,c:#000000,id:\"mapinfo-pen-2,ogr-pen-0\");BRUSH(fc:#00a000,bc:#ffffff,id:\"mapinfo-brush-2,ogr-brush-0\")");
    GDALClose (dataset);
  }
  layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_assert_no_error (error);
  style = pv_vector_layer_dup_style (g_ptr_array_index (layers, 0));
  g_assert_nonnull (style);
  g_assert_cmpstr (pv_style_get_field (style), ==, PV_OGR_STYLE_FIELD);
  g_assert_cmpuint (pv_style_get_n_categories (style), ==, 3);

  pv_map_add_layer (map, g_ptr_array_index (layers, 0));
  pv_viewport_set_size (viewport, 300, 100);
  pv_viewport_fit_extent (viewport, 0, 0, 300, 100);
  image = pv_render_map_to_image (map, viewport, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  cairo_surface_flush (image);
  /* The middle of the first square, in its brush colour (ARGB32). */
  {
    double wx = 50, wy = 50, px, py;

    pv_viewport_map_to_screen (viewport, wx, wy, &px, &py);
    inside = *(guint32 *) (cairo_image_surface_get_data (image) +
                           (gsize) py * cairo_image_surface_get_stride (image) + 4 * (gsize) px);
  }
  g_assert_cmphex (inside & 0xFFFFFF, ==, 0xFF8000);
  cairo_surface_destroy (image);
  pv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/cad-layers/dxf-layers", test_dxf_layers);
  g_test_add_func ("/core/cad-layers/dxf-blocks", test_dxf_blocks);
  g_test_add_func ("/core/cad-layers/dgn-levels", test_dgn_levels);
  g_test_add_func ("/core/cad-layers/dwg-message", test_dwg_message);
  g_test_add_func ("/core/cad-layers/mapinfo-styles", test_mapinfo_styles);

  return g_test_run ();
}
