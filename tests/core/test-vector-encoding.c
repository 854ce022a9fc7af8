/* test-vector-encoding.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <string.h>

#include "pv-core.h"
#include "pv-labeler.h"
#include "pv-test-util.h"

#define names pv_test_place_names

static const PvEncoding legacy[] = {
  PV_ENCODING_CP1258, PV_ENCODING_TCVN3, PV_ENCODING_VNI, PV_ENCODING_VISCII,
};

static char *
make_temp_dir (void)
{
  return pv_test_make_temp_dir ("pv-test-vector-encoding");
}

static char *
write_points (const char *dir,
              const char *file,
              const char *driver_name,
              PvEncoding  enc)
{
  return pv_test_write_place_names (dir, file, driver_name, enc);
}

static void
write_text (const char *dir,
            const char *file,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Replaces the MapInfo table's "!charset Neutral" with @charset. */
static void
declare_tab_charset (const char *tab_path,
                     const char *charset)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;

  g_autofree char *line = g_strdup_printf ("!charset %s", charset);
  g_autofree char *definition = g_strdup_printf ("Charset \"%s\"", charset);

  g_file_get_contents (tab_path, &contents, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (contents);
  /* A .tab says it twice, a .mif once. */
  g_assert_cmpuint (g_string_replace (text, "!charset Neutral", line, 0) +
                    g_string_replace (text, "Charset \"Neutral\"", definition, 0), >=, 1);
  g_file_set_contents (tab_path, text->str, -1, &error);
  g_assert_no_error (error);
}

static PvVectorLayer *
open_vector (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_true (PV_IS_VECTOR_LAYER (g_ptr_array_index (layers, 0)));
  return g_object_ref (g_ptr_array_index (layers, 0));
}

/* Every name exact, to the last character, through attributes and columns. */
static void
assert_names (PvVectorLayer *layer)
{
  const char *driver = pv_vector_layer_get_driver_name (layer);
  g_autoptr(GError) error = NULL;
  char **column = NULL;   /* NULL for null values: freed by length */

  g_assert_cmpuint (pv_vector_layer_get_n_features (layer), ==, pv_test_n_place_names);
  g_assert_cmpstr (pv_vector_layer_get_field_name (layer, 0), ==,
                   g_str_equal (driver, "MapInfo File") ? "ten" : "Tên");
  column = pv_vector_layer_dup_column (layer, 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pv_test_n_place_names; i++)
    {
      char **values = pv_vector_layer_dup_attributes (layer, i, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (values[0], ==, names[i]);
      g_assert_cmpstr (column[i], ==, names[i]);
      pv_vector_layer_free_values (values, pv_vector_layer_get_n_fields (layer));
    }
  pv_vector_layer_free_values (column, pv_vector_layer_get_n_features (layer));
}

static void
test_shapefile_undeclared (void)
{
  g_autofree char *dir = make_temp_dir ();

  for (guint k = 0; k < G_N_ELEMENTS (legacy); k++)
    {
      g_autofree char *file = g_strdup_printf ("undeclared-%s.shp", pv_encoding_get_name (legacy[k]));
      g_autofree char *path = write_points (dir, file, "ESRI Shapefile", legacy[k]);
      g_autoptr(PvVectorLayer) layer = open_vector (path);
      g_autofree char *description = pv_vector_layer_dup_encoding_description (layer);

      g_test_message ("%s: %s", file, description);
      g_assert_cmpint (pv_vector_layer_get_encoding (layer), ==, legacy[k]);
      g_assert_cmpint (pv_vector_layer_get_encoding_origin (layer), ==, PV_ENCODING_ORIGIN_DETECTED);
      g_assert_true (pv_vector_layer_can_set_encoding (layer));
      assert_names (layer);
    }
  pv_test_remove_dir (dir);
}

static void
test_shapefile_declared (void)
{
  g_autofree char *dir = make_temp_dir ();
  /* .cpg as ESRI and GDAL write it; TCVN3 and VNI have no standard name. */
  const struct { PvEncoding enc; const char *cpg; } cases[] = {
    { PV_ENCODING_UTF8, "UTF-8" },
    { PV_ENCODING_CP1258, "1258" },
    { PV_ENCODING_TCVN3, "TCVN" },
    { PV_ENCODING_VNI, "VNI" },
    { PV_ENCODING_VISCII, "VISCII" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *base = g_strdup_printf ("declared-%u", k);
      g_autofree char *shp = g_strconcat (base, ".shp", NULL);
      g_autofree char *cpg = g_strconcat (base, ".cpg", NULL);
      g_autofree char *path = write_points (dir, shp, "ESRI Shapefile", cases[k].enc);
      g_autoptr(PvVectorLayer) layer = NULL;

      write_text (dir, cpg, cases[k].cpg);
      layer = open_vector (path);
      g_assert_cmpint (pv_vector_layer_get_encoding (layer), ==, cases[k].enc);
      g_assert_cmpint (pv_vector_layer_get_encoding_origin (layer), ==, PV_ENCODING_ORIGIN_DECLARED);
      g_assert_cmpstr (pv_vector_layer_get_declared_encoding (layer), ==, cases[k].cpg);
      assert_names (layer);
    }
  pv_test_remove_dir (dir);
}

/* MapInfo tables: "WindowsVietnamese" (CP1258) declared, which GDAL 3.6 cannot
 * decode, and "Neutral" (no declaration: detected). */
static void
test_mapinfo (void)
{
  g_autofree char *dir = make_temp_dir ();

  {
    g_autofree char *path = write_points (dir, "vn.tab", "MapInfo File", PV_ENCODING_CP1258);
    g_autoptr(PvVectorLayer) layer = NULL;

    declare_tab_charset (path, "WindowsVietnamese");
    layer = open_vector (path);
    g_assert_cmpint (pv_vector_layer_get_encoding (layer), ==, PV_ENCODING_CP1258);
    g_assert_cmpint (pv_vector_layer_get_encoding_origin (layer), ==, PV_ENCODING_ORIGIN_DECLARED);
    g_assert_cmpstr (pv_vector_layer_get_declared_encoding (layer), ==, "WindowsVietnamese");
    assert_names (layer);
  }
  {
    g_autofree char *path = write_points (dir, "bang.mif", "MapInfo File", PV_ENCODING_CP1258);
    g_autoptr(PvVectorLayer) layer = NULL;

    declare_tab_charset (path, "WindowsVietnamese");
    layer = open_vector (path);
    g_assert_cmpint (pv_vector_layer_get_encoding (layer), ==, PV_ENCODING_CP1258);
    g_assert_cmpint (pv_vector_layer_get_encoding_origin (layer), ==, PV_ENCODING_ORIGIN_DECLARED);
    assert_names (layer);
  }
  /* Tables made with the ABC (.VnTime) or VNI fonts declare WindowsLatin1:
   * GDAL decodes that as Windows-1252, the layer sees through it. */
  for (guint k = 1; k < 3; k++)
    {
      g_autofree char *file = g_strdup_printf ("latin1-%u.tab", k);
      g_autofree char *path = write_points (dir, file, "MapInfo File", legacy[k]);
      g_autoptr(PvVectorLayer) layer = NULL;
      g_autoptr(GError) error = NULL;

      declare_tab_charset (path, "WindowsLatin1");
      layer = open_vector (path);
      g_assert_cmpint (pv_vector_layer_get_encoding (layer), ==, legacy[k]);
      g_assert_cmpint (pv_vector_layer_get_encoding_origin (layer), ==, PV_ENCODING_ORIGIN_DETECTED);
      assert_names (layer);
      /* And the user can still choose. */
      g_assert_true (pv_vector_layer_can_set_encoding (layer));
      g_assert_true (pv_vector_layer_set_encoding (layer, legacy[3 - k], FALSE, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (pv_vector_layer_set_encoding (layer, PV_ENCODING_UTF8, TRUE, NULL, &error));
      assert_names (layer);
    }
  for (guint k = 0; k < G_N_ELEMENTS (legacy); k++)
    {
      g_autofree char *file = g_strdup_printf ("neutral-%u.tab", k);
      g_autofree char *path = write_points (dir, file, "MapInfo File", legacy[k]);
      g_autoptr(PvVectorLayer) layer = open_vector (path);

      g_assert_cmpint (pv_vector_layer_get_encoding (layer), ==, legacy[k]);
      g_assert_cmpint (pv_vector_layer_get_encoding_origin (layer), ==, PV_ENCODING_ORIGIN_DETECTED);
      assert_names (layer);
    }
  pv_test_remove_dir (dir);
}

/* The user's choice decodes anew (field names too); automatic goes back. */
static void
test_override (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_points (dir, "tcvn.shp", "ESRI Shapefile", PV_ENCODING_TCVN3);
  g_autoptr(PvVectorLayer) layer = open_vector (path);
  g_autoptr(GError) error = NULL;
  char **values = NULL;   /* NULL for null values: freed by length */
  guint changed = 0;

  g_signal_connect_swapped (layer, "text-changed", G_CALLBACK (g_atomic_int_inc), &changed);
  g_assert_true (pv_vector_layer_set_encoding (layer, PV_ENCODING_VNI, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (pv_vector_layer_get_encoding (layer), ==, PV_ENCODING_VNI);
  g_assert_cmpint (pv_vector_layer_get_encoding_origin (layer), ==, PV_ENCODING_ORIGIN_USER);
  values = pv_vector_layer_dup_attributes (layer, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (values[0], !=, "Thủ Dầu Một");
  g_assert_cmpstr (pv_vector_layer_get_field_name (layer, 0), !=, "Tên");
  pv_vector_layer_free_values (g_steal_pointer (&values), pv_vector_layer_get_n_fields (layer));

  g_assert_true (pv_vector_layer_set_encoding (layer, PV_ENCODING_UTF8, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pv_vector_layer_get_encoding (layer), ==, PV_ENCODING_TCVN3);
  g_assert_cmpint (pv_vector_layer_get_encoding_origin (layer), ==, PV_ENCODING_ORIGIN_DETECTED);
  assert_names (layer);
  pv_test_remove_dir (dir);
}

/* A chosen encoding is saved in the project and applied when it loads; a
 * detected one is not written (it is found again). */
static void
test_project (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *vni_path = write_points (dir, "vni.shp", "ESRI Shapefile", PV_ENCODING_VNI);
  g_autofree char *tcvn_path = write_points (dir, "tcvn.shp", "ESRI Shapefile", PV_ENCODING_TCVN3);
  g_autofree char *project = g_build_filename (dir, "plan.pvproj", NULL);
  g_autofree char *json = NULL;
  g_autoptr(PvVectorLayer) vni = open_vector (vni_path);
  g_autoptr(PvVectorLayer) tcvn = open_vector (tcvn_path);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvMap) loaded = NULL;
  g_autoptr(GPtrArray) layer_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  gboolean has_view = FALSE;
  double view[4];

  /* The user knows better than the detector (here: wrongly). */
  g_assert_true (pv_vector_layer_set_encoding (tcvn, PV_ENCODING_VISCII, FALSE, NULL, &error));
  g_assert_no_error (error);
  pv_map_add_layer (map, PV_LAYER (vni));
  pv_map_add_layer (map, PV_LAYER (tcvn));
  g_assert_true (pv_project_save (map, NULL, project, &error));
  g_assert_no_error (error);
  g_file_get_contents (project, &json, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"encoding\" : \"VISCII\""));
  g_assert_null (strstr (json, "VNI"));

  loaded = pv_project_load (project, layer_errors, view, &has_view, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layer_errors->len, ==, 0);
  g_assert_cmpuint (pv_map_get_n_layers (loaded), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      PvVectorLayer *layer = PV_VECTOR_LAYER (pv_map_get_layer (loaded, i));

      if (g_str_has_suffix (pv_layer_get_source (PV_LAYER (layer)), "tcvn.shp"))
        {
          g_assert_cmpint (pv_vector_layer_get_encoding (layer), ==, PV_ENCODING_VISCII);
          g_assert_cmpint (pv_vector_layer_get_encoding_origin (layer), ==, PV_ENCODING_ORIGIN_USER);
        }
      else
        {
          g_assert_cmpint (pv_vector_layer_get_encoding (layer), ==, PV_ENCODING_VNI);
          g_assert_cmpint (pv_vector_layer_get_encoding_origin (layer), ==, PV_ENCODING_ORIGIN_DETECTED);
          assert_names (layer);
        }
    }
  pv_test_remove_dir (dir);
}

/* SQL filters and categories compare the decoded text. */
static void
test_filter_and_style (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_points (dir, "vni.shp", "ESRI Shapefile", PV_ENCODING_VNI);
  g_autoptr(PvVectorLayer) layer = open_vector (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) matches = pv_vector_layer_filter_where (layer, "\"Tên\" = 'Thủ Dầu Một' OR \"Tên\" LIKE 'Đất%'",
                                                           NULL, &error);
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GArray) counts = NULL;
  const char *values[] = { "Bình Dương", "Một" };

  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 3);
  g_assert_cmpuint (g_array_index (matches, guint32, 0), ==, 0);
  g_assert_cmpuint (g_array_index (matches, guint32, 1), ==, 2);
  g_assert_cmpuint (g_array_index (matches, guint32, 2), ==, 21);

  style = pv_style_new_unique_values ("Tên", values, G_N_ELEMENTS (values));
  g_assert_true (pv_vector_layer_set_style (layer, style, NULL, &error));
  g_assert_no_error (error);
  counts = pv_vector_layer_dup_category_counts (layer);
  g_assert_cmpuint (g_array_index (counts, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (counts, guint, 1), ==, 1);
  pv_test_remove_dir (dir);
}

/* The labels placed for drawing carry the decoded names, last letter and all. */
static void
test_labels (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_points (dir, "tcvn.shp", "ESRI Shapefile", PV_ENCODING_TCVN3);
  g_autoptr(PvVectorLayer) layer = open_vector (path);
  g_autoptr(PvLabeling) labeling = pv_labeling_new ("{Tên}");
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) viewport = pv_viewport_new ();
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  guint found = 0;

  g_assert_true (pv_vector_layer_set_labeling (layer, labeling, NULL, &error));
  g_assert_no_error (error);
  pv_map_add_layer (map, PV_LAYER (layer));
  pv_viewport_set_size (viewport, 1600, 1200);
  pv_viewport_fit_extent (viewport, 598000, 1213000, 610000, 1225000);
  labels = pv_labeler_place (map, viewport, NULL);
  for (guint i = 0; i < labels->len; i++)
    {
      PvPlacedLabel *label = g_ptr_array_index (labels, i);

      for (guint k = 0; k < pv_test_n_place_names; k++)
        found += g_strcmp0 (label->text, names[k]) == 0;
    }
  g_assert_cmpuint (found, ==, labels->len);
  g_assert_cmpuint (found, >=, pv_test_n_place_names - 3);
  pv_test_remove_dir (dir);
}

/* The labels of a TCVN3 layer draw exactly as those of the same names in
 * UTF-8: pixel for pixel. */
static void
test_rendered_labels (void)
{
  g_autofree char *dir = make_temp_dir ();
  const PvEncoding encodings[] = { PV_ENCODING_UTF8, PV_ENCODING_TCVN3, PV_ENCODING_VNI };
  cairo_surface_t *images[G_N_ELEMENTS (encodings)];

  for (guint k = 0; k < G_N_ELEMENTS (encodings); k++)
    {
      g_autofree char *file = g_strdup_printf ("labels-%u.shp", k);
      g_autofree char *path = write_points (dir, file, "ESRI Shapefile", encodings[k]);
      g_autoptr(PvVectorLayer) layer = open_vector (path);
      g_autoptr(PvLabeling) labeling = pv_labeling_new ("{Tên}");
      g_autoptr(PvMap) map = pv_map_new ();
      g_autoptr(PvViewport) viewport = pv_viewport_new ();
      g_autoptr(GError) error = NULL;
      const double rgb[3] = { 0.2, 0.4, 0.6 };

      /* The same symbol for each: only the labels can differ. */
      pv_layer_set_color (PV_LAYER (layer), rgb);
      g_assert_true (pv_vector_layer_set_labeling (layer, labeling, NULL, &error));
      g_assert_no_error (error);
      pv_map_add_layer (map, PV_LAYER (layer));
      pv_viewport_set_size (viewport, 1000, 800);
      pv_viewport_fit_extent (viewport, 598000, 1213000, 610000, 1225000);
      images[k] = pv_render_map_to_image (map, viewport, 1, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      cairo_surface_flush (images[k]);
    }
  for (guint k = 1; k < G_N_ELEMENTS (encodings); k++)
    {
      int stride = cairo_image_surface_get_stride (images[0]);
      int height = cairo_image_surface_get_height (images[0]);

      g_assert_cmpint (memcmp (cairo_image_surface_get_data (images[0]), cairo_image_surface_get_data (images[k]),
                               (gsize) stride * height), ==, 0);
    }
  for (guint k = 0; k < G_N_ELEMENTS (encodings); k++)
    cairo_surface_destroy (images[k]);
  pv_test_remove_dir (dir);
}

/* A DXF drawing with $DWGCODEPAGE ANSI_1258: GDAL alone drops the last letter. */
static void
test_dxf_code_page (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.dxf", NULL);
  g_autofree char *bytes = pv_test_encode_legacy (PV_ENCODING_CP1258, "Thủ Dầu Một");
  g_autofree char *layer_bytes = pv_test_encode_legacy (PV_ENCODING_CP1258, "Đường");
  g_autofree char *contents = NULL;
  g_autoptr(GString) dxf = NULL;
  g_autoptr(PvVectorLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;
  int text_field = -1, layer_field = -1;

  {
    GDALDriverH driver = GDALGetDriverByName ("DXF");
    GDALDatasetH dataset = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
    OGRLayerH out = GDALDatasetCreateLayer (dataset, "entities", NULL, wkbUnknown, NULL);
    OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (out));
    OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);
    g_autofree char *style = g_strdup_printf ("LABEL(f:\"Arial\",t:\"%s\")", bytes);

    OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, "Layer"), layer_bytes);
    OGR_F_SetStyleString (feature, style);
    OGR_G_SetPoint_2D (point, 0, 600000, 1215000);
    OGR_F_SetGeometryDirectly (feature, point);
    g_assert_cmpint (OGR_L_CreateFeature (out, feature), ==, OGRERR_NONE);
    OGR_F_Destroy (feature);
    GDALClose (dataset);
  }
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  dxf = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (dxf, "ANSI_1252", "ANSI_1258", 1), ==, 1);
  g_file_set_contents (path, dxf->str, dxf->len, &error);
  g_assert_no_error (error);

  layer = open_vector (path);
  g_assert_cmpint (pv_vector_layer_get_encoding (layer), ==, PV_ENCODING_CP1258);
  g_assert_cmpint (pv_vector_layer_get_encoding_origin (layer), ==, PV_ENCODING_ORIGIN_DECLARED);
  g_assert_cmpstr (pv_vector_layer_get_declared_encoding (layer), ==, "ANSI_1258");
  for (guint i = 0; i < pv_vector_layer_get_n_fields (layer); i++)
    {
      if (g_str_equal (pv_vector_layer_get_field_name (layer, i), "Text"))
        text_field = (int) i;
      if (g_str_equal (pv_vector_layer_get_field_name (layer, i), "Layer"))
        layer_field = (int) i;
    }
  g_assert_cmpint (text_field, >=, 0);
  g_assert_cmpint (layer_field, >=, 0);
  values = pv_vector_layer_dup_attributes (layer, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (values[text_field], ==, "Thủ Dầu Một");
  g_assert_cmpstr (values[layer_field], ==, "Đường");
  /* NULL for the DXF's null fields: g_strfreev would stop at the first. */
  pv_vector_layer_free_values (g_steal_pointer (&values), pv_vector_layer_get_n_fields (layer));
  pv_test_remove_dir (dir);
}

/* Files in other languages keep their own encodings (detection must not
 * force Vietnamese on them). */
static void
test_realdata_other_languages (void)
{
  const struct { const char *path; guint field; guint feature; const char *expected; } cases[] = {
    { "vector/shp_latin1_nocpg/latin1.shp", G_MAXUINT, 0, NULL },
    { "vector/shp_multipatch_mpatch3/mpatch3.shp", G_MAXUINT, 0, "Föryngringsskog" },
    { "vector/dbf_chinese_cp936/chinese.dbf", 0, 0, "中国" },
    { "vector/tab_win1251/tab-win1251.TAB", 0, 0, NULL },
    { "vector/shp_naturalearth_lowres/naturalearth_lowres.shp", G_MAXUINT, 0, "Côte d'Ivoire" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *path = pv_test_realdata_path (cases[k].path);
      g_autoptr(PvVectorLayer) layer = NULL;
      g_autofree char *description = NULL;
      gboolean seen = cases[k].expected == NULL;

      if (path == NULL)
        {
          g_test_skip ("../shared/realdata is absent");
          return;
        }
      layer = open_vector (path);
      description = pv_vector_layer_dup_encoding_description (layer);
      g_test_message ("%s: %s", cases[k].path, description);
      g_assert_true (pv_vector_layer_get_encoding (layer) == PV_ENCODING_UTF8 ||
                     pv_vector_layer_get_encoding (layer) == PV_ENCODING_LATIN1);
      for (guint f = 0; f < pv_vector_layer_get_n_features (layer) && !seen; f++)
        {
          g_autoptr(GError) error = NULL;
          char **values = pv_vector_layer_dup_attributes (layer, f, &error);

          g_assert_no_error (error);
          for (guint i = 0; i < pv_vector_layer_get_n_fields (layer); i++)
            if (values[i] != NULL && g_str_equal (values[i], cases[k].expected))
              seen = TRUE;
          pv_vector_layer_free_values (values, pv_vector_layer_get_n_fields (layer));
        }
      g_assert_true (seen);
    }

  /* Latin-1 without .cpg: "éà"; CP1251 field names: "Поле_А". */
  {
    g_autofree char *path = pv_test_realdata_path ("vector/shp_latin1_nocpg/latin1.shp");
    g_autoptr(PvVectorLayer) layer = open_vector (path);
    g_autoptr(GError) error = NULL;
    gboolean seen = FALSE;

    g_assert_cmpint (pv_vector_layer_get_encoding (layer), ==, PV_ENCODING_LATIN1);
    for (guint f = 0; f < pv_vector_layer_get_n_features (layer); f++)
      {
        char **values = pv_vector_layer_dup_attributes (layer, f, &error);

        g_assert_no_error (error);
        for (guint i = 0; i < pv_vector_layer_get_n_fields (layer); i++)
          seen |= values[i] != NULL && strstr (values[i], "éà") != NULL;
        pv_vector_layer_free_values (values, pv_vector_layer_get_n_fields (layer));
      }
    g_assert_true (seen);
  }
  {
    g_autofree char *path = pv_test_realdata_path ("vector/tab_win1251/tab-win1251.TAB");
    g_autoptr(PvVectorLayer) layer = open_vector (path);

    g_assert_cmpstr (pv_vector_layer_get_field_name (layer, 0), ==, "Поле_А");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/vector-encoding/shapefile-undeclared", test_shapefile_undeclared);
  g_test_add_func ("/core/vector-encoding/shapefile-declared", test_shapefile_declared);
  g_test_add_func ("/core/vector-encoding/mapinfo", test_mapinfo);
  g_test_add_func ("/core/vector-encoding/override", test_override);
  g_test_add_func ("/core/vector-encoding/project", test_project);
  g_test_add_func ("/core/vector-encoding/filter-and-style", test_filter_and_style);
  g_test_add_func ("/core/vector-encoding/labels", test_labels);
  g_test_add_func ("/core/vector-encoding/rendered-labels", test_rendered_labels);
  g_test_add_func ("/core/vector-encoding/dxf-code-page", test_dxf_code_page);
  g_test_add_func ("/core/vector-encoding/realdata-other-languages", test_realdata_other_languages);

  return g_test_run ();
}
