/* test-map.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pv-core.h"
#include "pv-test-util.h"

/* Opens the first layer of a sample file. */
static PvLayer *
open_sample (const char *name)
{
  g_autofree char *path = pv_test_sample_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  return g_object_ref (g_ptr_array_index (layers, 0));
}

static char *
layer_order (PvMap *map)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, pv_layer_get_name (pv_map_get_layer (map, i)));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

typedef struct
{
  guint position, removed, added, calls;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
}

static void
test_map_move (void)
{
  g_autoptr(PvMap) map = pv_map_new ();
  const char *names[] = { "a", "b", "c", "d" };
  Change change = { 0 };
  g_autofree char *order = NULL;
  guint pos = 99;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(PvLayer) layer = open_sample ("districts.shp");

      pv_layer_set_name (layer, names[i]);
      pv_map_add_layer (map, layer);
    }
  g_signal_connect (pv_map_get_layers (map), "items-changed", G_CALLBACK (items_changed_cb), &change);

  /* Bottom to top. */
  pv_map_move_layer (map, 0, 2);
  order = layer_order (map);
  g_assert_cmpstr (order, ==, "b,c,a,d");
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 3);
  g_assert_cmpuint (change.added, ==, 3);

  /* Top to bottom, and past the end clamps. */
  pv_map_move_layer (map, 3, 0);
  g_free (order);
  order = layer_order (map);
  g_assert_cmpstr (order, ==, "d,b,c,a");
  pv_map_move_layer (map, 0, 100);
  g_free (order);
  order = layer_order (map);
  g_assert_cmpstr (order, ==, "b,c,a,d");

  /* No move: no signal. */
  change.calls = 0;
  pv_map_move_layer (map, 2, 2);
  g_assert_cmpuint (change.calls, ==, 0);

  g_assert_true (pv_map_get_layer_position (map, pv_map_get_layer (map, 2), &pos));
  g_assert_cmpuint (pos, ==, 2);
  g_assert_cmpstr (pv_layer_get_name (pv_map_get_layer (map, pos)), ==, "a");

  /* Remove, then put back where it was (the panel's undo). */
  {
    g_autoptr(PvLayer) removed = g_object_ref (pv_map_get_layer (map, 1));

    pv_map_remove_layer (map, 1);
    g_assert_false (pv_map_get_layer_position (map, removed, NULL));
    g_free (order);
    order = layer_order (map);
    g_assert_cmpstr (order, ==, "b,a,d");
    pv_map_insert_layer (map, 1, removed);
    g_free (order);
    order = layer_order (map);
    g_assert_cmpstr (order, ==, "b,c,a,d");
    /* Past the end appends. */
    pv_map_insert_layer (map, 1000, pv_map_get_layer (map, 0));
    g_assert_cmpuint (pv_map_get_n_layers (map), ==, 5);
    g_assert_true (pv_map_get_layer (map, 4) == pv_map_get_layer (map, 0));
  }
}

static void
crs_notify_cb (PvMap      *map,
               GParamSpec *pspec,
               guint      *count)
{
  (*count)++;
}

/* A shapefile with a .prj removed: GDAL reports no CRS. */
static char *
write_crs_less_copy (const char *dir)
{
  const char *exts[] = { "shp", "shx", "dbf", "cpg" };

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *name = g_strdup_printf ("districts.%s", exts[i]);
      g_autofree char *src = pv_test_sample_path (name);
      g_autofree char *dst = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;
      g_autoptr(GError) error = NULL;

      g_file_get_contents (src, &contents, &len, &error);
      g_assert_no_error (error);
      g_file_set_contents (dst, contents, len, &error);
      g_assert_no_error (error);
    }
  return g_build_filename (dir, "districts.shp", NULL);
}

static void
test_layer_set_crs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-map-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(PvCrs) crs = NULL;
  g_autoptr(PvMap) map = pv_map_new ();
  PvLayer *layer;
  guint generation, map_notifies = 0;
  double a, b, c, d;

  g_assert_no_error (error);
  path = write_crs_less_copy (dir);
  layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_assert_no_error (error);
  layer = g_ptr_array_index (layers, 0);
  g_assert_null (pv_layer_get_crs (layer));
  g_assert_nonnull (pv_layer_get_notice (layer));

  pv_map_add_layer (map, layer);
  g_assert_null (pv_map_get_crs (map));
  g_signal_connect (map, "notify::crs", G_CALLBACK (crs_notify_cb), &map_notifies);

  generation = _pv_layer_get_generation (layer);
  crs = pv_crs_new_from_user_input (PV_CRS_BINH_DUONG, &error);
  g_assert_no_error (error);
  pv_layer_set_crs (layer, crs);
  g_assert_true (pv_layer_get_crs (layer) == crs);
  g_assert_null (pv_layer_get_notice (layer));
  g_assert_cmpuint (_pv_layer_get_generation (layer), !=, generation);
  /* The map follows its only layer's CRS. */
  g_assert_cmpuint (map_notifies, ==, 1);
  g_assert_cmpint (pv_crs_get_epsg (pv_map_get_crs (map)), ==, 9210);
  g_assert_true (pv_layer_get_extent_in (layer, pv_map_get_crs (map), &a, &b, &c, &d));
  g_assert_cmpfloat (a, <, c);

  /* The same CRS again changes nothing. */
  generation = _pv_layer_get_generation (layer);
  pv_layer_set_crs (layer, crs);
  g_assert_cmpuint (_pv_layer_get_generation (layer), ==, generation);

  /* Removed layers no longer drive the map's notifications. */
  pv_map_remove_layer (map, 0);
  g_assert_cmpuint (map_notifies, ==, 2);
  pv_layer_set_crs (layer, NULL);
  g_assert_cmpuint (map_notifies, ==, 2);
  g_assert_null (pv_layer_get_crs (layer));

  g_clear_pointer (&layers, g_ptr_array_unref);
  g_clear_object (&map);
  {
    const char *exts[] = { "shp", "shx", "dbf", "cpg" };

    for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
      {
        g_autofree char *name = g_strdup_printf ("districts.%s", exts[i]);
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

static void
test_list_source_sample (void)
{
  g_autofree char *path = pv_test_sample_path ("districts.shp");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = pv_layer_list_source (path, &error);
  PvSourceLayer *item;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  item = g_ptr_array_index (list, 0);
  g_assert_cmpstr (item->name, ==, "districts");
  g_assert_false (item->is_raster);
  g_assert_cmpint (item->n_features, ==, 9);
  g_assert_nonnull (item->geometry_type);
  g_assert_nonnull (strstr (item->geometry_type, "Polygon"));

  g_clear_pointer (&list, g_ptr_array_unref);
  g_free (path);
  path = pv_test_sample_path ("ortho_thu_dau_mot.tif");
  list = pv_layer_list_source (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  item = g_ptr_array_index (list, 0);
  g_assert_true (item->is_raster);
  g_assert_cmpint (item->width, >, 0);
  g_assert_cmpint (item->n_bands, >=, 1);

  g_clear_pointer (&list, g_ptr_array_unref);
  list = pv_layer_list_source ("/nonexistent/file.gpkg", &error);
  g_assert_null (list);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "file.gpkg"));
}

typedef struct
{
  GPtrArray *steps;
  double     last;
} Progress;

static void
progress_cb (double      fraction,
             const char *what,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_assert_cmpfloat (fraction, >=, p->last);
  p->last = fraction;
  g_ptr_array_add (p->steps, g_strdup (what));
}

static void
test_list_source_kml (void)
{
  g_autofree char *path = pv_test_realdata_path ("vector/kml_samples/samples.kml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  Progress p = { g_ptr_array_new_with_free_func (g_free), 0 };
  gint64 total = 0;

  if (path == NULL)
    {
      g_test_skip ("../shared/realdata is absent");
      g_ptr_array_unref (p.steps);
      return;
    }
  list = pv_layer_list_source (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 10);
  g_assert_cmpstr (((PvSourceLayer *) g_ptr_array_index (list, 0))->name, ==, "Placemarks");
  g_assert_cmpstr (((PvSourceLayer *) g_ptr_array_index (list, 6))->name, ==, "Polygons");
  for (guint i = 0; i < list->len; i++)
    total += ((PvSourceLayer *) g_ptr_array_index (list, i))->n_features;
  g_assert_cmpint (total, ==, 21);

  /* One named layer, with progress. */
  layers = pv_layer_open_all_with_progress (path, "Polygons", progress_cb, &p, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_cmpstr (pv_layer_get_source_layer (g_ptr_array_index (layers, 0)), ==, "Polygons");
  g_assert_cmpuint (p.steps->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (p.steps, 0), ==, "Polygons");
  g_assert_cmpfloat (p.last, ==, 1.0);
  g_ptr_array_unref (p.steps);
}

static void
test_open_cancelled (void)
{
  g_autofree char *path = pv_test_sample_path ("districts.shp");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;

  g_cancellable_cancel (cancellable);
  layers = pv_layer_open_all_with_progress (path, NULL, NULL, NULL, cancellable, &error);
  g_assert_null (layers);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Styles survive a project save and load: the palette by name, other
 * categories with their colours. */
static void
test_project_styles (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-styles-XXXXXX", &error);
  g_autofree char *data = g_build_filename (dir, "zones.geojson", NULL);
  g_autofree char *project = g_build_filename (dir, "styles.pvproj", NULL);
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvMap) loaded = NULL;
  g_autoptr(PvStyle) by_name = NULL;
  g_autoptr(PvStyle) palette = NULL;
  g_autoptr(PvStyle) names = NULL;
  const char *values[] = { "Phú Hòa", "Chánh Nghĩa" };
  PvVectorLayer *a, *b;
  double extent[4];
  gboolean has_view;

  g_assert_no_error (error);
  g_file_set_contents (data,
                       "{\"type\": \"FeatureCollection\", \"features\": ["
                       "{\"type\": \"Feature\", \"properties\": {\"kh\": \"ODT\", \"phuong\": \"Phú Hòa\"},"
                       " \"geometry\": {\"type\": \"Point\", \"coordinates\": [106.65, 10.98]}},"
                       "{\"type\": \"Feature\", \"properties\": {\"kh\": \"TMD\", \"phuong\": \"Chánh Nghĩa\"},"
                       " \"geometry\": {\"type\": \"Point\", \"coordinates\": [106.66, 10.99]}}]}", -1, &error);
  g_assert_no_error (error);

  /* Two layers of the same file: one keeps the palette found on opening,
   * the other gets one colour per ward name. */
  layers = pv_layer_open_all (data, NULL, NULL, &error);
  g_assert_no_error (error);
  a = g_object_ref (layers->pdata[0]);
  g_clear_pointer (&layers, g_ptr_array_unref);
  layers = pv_layer_open_all (data, NULL, NULL, &error);
  b = g_object_ref (layers->pdata[0]);
  palette = pv_vector_layer_dup_style (a);
  g_assert_nonnull (palette);
  g_assert_cmpstr (pv_style_get_field (palette), ==, "kh");
  names = pv_style_new_unique_values ("phuong", values, G_N_ELEMENTS (values));
  g_assert_true (pv_vector_layer_set_style (b, names, NULL, &error));
  g_assert_no_error (error);
  pv_layer_set_scale_range (PV_LAYER (a), 500, 10000);
  pv_map_add_layer (map, PV_LAYER (a));
  pv_map_add_layer (map, PV_LAYER (b));
  g_assert_true (pv_project_save (map, NULL, project, &error));
  g_assert_no_error (error);

  loaded = pv_project_load (project, errors, extent, &has_view, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpuint (pv_map_get_n_layers (loaded), ==, 2);
  {
    g_autoptr(PvStyle) first = pv_vector_layer_dup_style (PV_VECTOR_LAYER (pv_map_get_layer (loaded, 0)));
    g_autoptr(PvStyle) second = pv_vector_layer_dup_style (PV_VECTOR_LAYER (pv_map_get_layer (loaded, 1)));
    guint k;

    double min_scale, max_scale;

    g_assert_cmpstr (pv_style_get_palette_id (first), ==, PV_PALETTE_VN_LANDUSE);
    /* The scale range comes back too; none was set on the second layer. */
    pv_layer_get_scale_range (pv_map_get_layer (loaded, 0), &min_scale, &max_scale);
    g_assert_cmpfloat (min_scale, ==, 500);
    g_assert_cmpfloat (max_scale, ==, 10000);
    pv_layer_get_scale_range (pv_map_get_layer (loaded, 1), &min_scale, &max_scale);
    g_assert_cmpfloat (min_scale, ==, 0);
    g_assert_cmpfloat (max_scale, ==, 0);
    g_assert_cmpstr (pv_style_get_field (second), ==, "phuong");
    g_assert_null (pv_style_get_palette_id (second));
    g_assert_cmpuint (pv_style_get_n_categories (second), ==, pv_style_get_n_categories (names));
    k = pv_style_classify (second, "Chánh Nghĩa");
    g_assert_cmpstr (pv_style_get_category (second, k)->label, ==, "Chánh Nghĩa");
    for (guint i = 0; i < 3; i++)
      g_assert_cmpfloat_with_epsilon (pv_style_get_category (second, k)->fill[i],
                                      pv_style_get_category (names, pv_style_classify (names, "Chánh Nghĩa"))->fill[i],
                                      1.0 / 255);
  }
  g_object_unref (a);
  g_object_unref (b);
  g_unlink (project);
  g_unlink (data);
  g_rmdir (dir);
}

/* The map's annotations are in its CRS, and the renderer draws them over
 * the layers when asked (images, CLI), in another view CRS too. */
static void
test_map_annotations (void)
{
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvCrs) vn2000 = pv_crs_new_from_epsg (9210, NULL);
  g_autoptr(PvCrs) wgs84 = pv_crs_new_from_epsg (4326, NULL);
  g_autoptr(PvAnnotation) box = pv_annotation_new (PV_ANNOTATION_RECTANGLE);
  g_autoptr(PvViewport) viewport = pv_viewport_new ();
  PvAnnotationStyle style;
  PvAnnotationSet *set;
  cairo_surface_t *image;
  cairo_t *cr;
  guint32 inside, outside;

  g_assert_false (pv_map_has_annotations (map));
  pv_map_set_crs (map, vn2000);
  set = pv_map_get_annotations (map);
  g_assert_true (pv_crs_equals (pv_annotation_set_get_crs (set), vn2000));
  pv_annotation_set_rectangle (box, 600000, 1215000, 600100, 1215100);
  pv_annotation_get_style (box, &style);
  style.fill[0] = 0, style.fill[1] = 0, style.fill[2] = 1, style.fill[3] = 1;
  pv_annotation_set_style (box, &style);
  pv_annotation_set_add (set, box);
  g_assert_true (pv_map_has_annotations (map));

  /* Shown in WGS 84: the box lands where its corners transform to. */
  pv_map_set_crs (map, wgs84);
  pv_viewport_set_size (viewport, 200, 200);
  {
    double x0 = 600000, y0 = 1215000, x1 = 600100, y1 = 1215100;

    g_assert_true (pv_annotation_set_point_to_crs (set, wgs84, &x0, &y0));
    g_assert_true (pv_annotation_set_point_to_crs (set, wgs84, &x1, &y1));
    pv_viewport_fit_extent (viewport, x0 - (x1 - x0), y0 - (y1 - y0), x1 + (x1 - x0), y1 + (y1 - y0));
  }
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 200);
  cr = cairo_create (image);
  pv_render_map_annotations (map, viewport, cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  inside = *(guint32 *) (cairo_image_surface_get_data (image) + 100 * cairo_image_surface_get_stride (image) + 4 * 100);
  outside = *(guint32 *) (cairo_image_surface_get_data (image) + 10 * cairo_image_surface_get_stride (image) + 4 * 10);
  g_assert_cmphex (inside, ==, 0xFF0000FF);
  g_assert_cmphex (outside >> 24, ==, 0);
  cairo_surface_destroy (image);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/map/move", test_map_move);
  g_test_add_func ("/core/map/layer-set-crs", test_layer_set_crs);
  g_test_add_func ("/core/map/list-source-sample", test_list_source_sample);
  g_test_add_func ("/core/map/list-source-kml", test_list_source_kml);
  g_test_add_func ("/core/map/open-cancelled", test_open_cancelled);
  g_test_add_func ("/core/map/project-styles", test_project_styles);
  g_test_add_func ("/core/map/annotations", test_map_annotations);

  return g_test_run ();
}
