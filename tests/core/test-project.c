/* test-project.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pv-annotation.h"
#include "pv-bookmark.h"
#include "pv-core.h"
#include "pv-print-layout.h"
#include "pv-recovery.h"
#include "pv-test-util.h"

/* The fixtures' projects live in a temporary folder and name the sample
 * data where it is, outside that folder (test-trust.c tests the refusal). */
#define FIXTURE_OPEN_FLAGS PV_PROJECT_OPEN_ALLOW_OUTSIDE

/* Helpers */

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

/* Copies a shapefile (all its side files) from the samples into dir. */
static char *
copy_sample (const char *dir,
             const char *base)
{
  static const char * const shapefile[] = { ".shp", ".shx", ".dbf", ".prj", ".cpg", NULL };
  static const char * const single[] = { "", NULL };
  const char * const *suffixes = g_str_has_suffix (base, ".tif") ? single : shapefile;
  g_autofree char *stem = g_str_has_suffix (base, ".tif") ? g_strdup (base) : g_strndup (base, strlen (base) - 4);

  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (stem, suffixes[i], NULL);
      g_autofree char *from = pv_test_sample_path (name);
      g_autofree char *to = g_build_filename (dir, name, NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        copy_file (from, to);
    }
  return g_build_filename (dir, base, NULL);
}

static GPtrArray *
new_error_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}

/* The names in a folder, sorted, as one string. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_ascii_strcasecmp);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

static void
iterate_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A map with one of each kind of layer and member the schema has. */
typedef struct
{
  char  *root;       /* temporary folder */
  char  *data_dir;   /* root/data */
  char  *project;    /* root/projects/plan.pvproj */
  PvMap *map;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *districts_path = NULL, *rivers_path = NULL, *ortho_path = NULL, *names_path = NULL;
  g_autofree char *dxf_path = NULL, *projects = NULL;
  g_autoptr(PvLayer) districts = NULL, rivers = NULL, ortho = NULL, names = NULL;
  g_autoptr(GPtrArray) cad = NULL;
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(PvLabeling) labeling = NULL;
  g_autoptr(PvRasterStyle) raster_style = NULL;
  g_autoptr(PvCrs) crs = NULL;
  const char *values[] = { "Thủ Dầu Một", "Dĩ An", "Thuận An" };
  const double purple[3] = { 0.48, 0.18, 0.55 };

  fixture->root = pv_test_make_temp_dir ("pv-test-project");
  fixture->data_dir = g_build_filename (fixture->root, "data", NULL);
  projects = g_build_filename (fixture->root, "projects", NULL);
  g_mkdir (fixture->data_dir, 0755);
  g_mkdir (projects, 0755);
  fixture->project = g_build_filename (projects, "plan.pvproj", NULL);

  districts_path = copy_sample (fixture->data_dir, "districts.shp");
  rivers_path = copy_sample (fixture->data_dir, "rivers.shp");
  ortho_path = copy_sample (fixture->data_dir, "ortho_thu_dau_mot.tif");
  names_path = pv_test_write_place_names (fixture->data_dir, "ten.shp", "ESRI Shapefile", PV_ENCODING_TCVN3);
  dxf_path = pv_test_write_cad_drawing (fixture->data_dir);

  fixture->map = pv_map_new ();
  pv_map_set_title (fixture->map, "Quy hoạch Thủ Dầu Một");
  crs = pv_crs_new_from_user_input ("EPSG:9210", &error);
  g_assert_no_error (error);
  pv_map_set_crs (fixture->map, crs);

  /* Raster with a style of its own. */
  ortho = pv_test_open_layer (ortho_path);
  raster_style = pv_raster_style_new_grey (1);
  g_assert_true (pv_raster_layer_set_style (PV_RASTER_LAYER (ortho), raster_style, NULL, &error));
  g_assert_no_error (error);
  pv_layer_set_opacity (ortho, 0.6);
  pv_map_add_layer (fixture->map, ortho);

  /* Categories, labels, a colour, fill opacity and a scale range. */
  districts = pv_test_open_layer (districts_path);
  pv_layer_set_name (districts, "Ranh giới huyện");
  style = pv_style_new_unique_values ("ten", values, G_N_ELEMENTS (values));
  g_assert_true (pv_vector_layer_set_style (PV_VECTOR_LAYER (districts), style, NULL, &error));
  g_assert_no_error (error);
  labeling = pv_labeling_new ("ten");
  pv_labeling_set_size (labeling, 11);
  pv_labeling_set_bold (labeling, TRUE);
  g_assert_true (pv_vector_layer_set_labeling (PV_VECTOR_LAYER (districts), labeling, NULL, &error));
  g_assert_no_error (error);
  pv_layer_set_color (districts, purple);
  pv_layer_set_fill_opacity (districts, 0.25);
  pv_layer_set_scale_range (districts, 2000, 250000);
  pv_map_add_layer (fixture->map, districts);

  /* Hidden. */
  rivers = pv_test_open_layer (rivers_path);
  pv_layer_set_visible (rivers, FALSE);
  pv_map_add_layer (fixture->map, rivers);

  /* Text encoding chosen by the user, and a CRS the file does not carry. */
  names = pv_test_open_layer (names_path);
  g_assert_true (pv_vector_layer_set_encoding (PV_VECTOR_LAYER (names), PV_ENCODING_VNI, FALSE, NULL, &error));
  g_assert_no_error (error);
  if (pv_layer_get_crs (names) == NULL)
    pv_layer_set_crs (names, crs);
  pv_map_add_layer (fixture->map, names);

  /* One layer of a CAD drawing. */
  cad = pv_layer_open_sublayer (dxf_path, NULL, "Layer", "Đường", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  pv_map_add_layer (fixture->map, g_ptr_array_index (cad, 0));

  /* A note, an arrow, and a bookmark showing two of the layers. */
  {
    PvAnnotationSet *annotations = pv_map_get_annotations (fixture->map);
    g_autoptr(PvAnnotation) note = pv_annotation_new (PV_ANNOTATION_TEXT);
    g_autoptr(PvAnnotation) arrow = pv_annotation_new (PV_ANNOTATION_ARROW);
    g_autoptr(PvBookmark) bookmark = NULL;
    g_autoptr(PvViewport) viewport = pv_viewport_new ();
    const double at[2] = { 596100.5, 1215200.25 };
    const double line[4] = { 596000, 1215000, 596400, 1215300 };

    pv_annotation_set_points (note, at, 1);
    pv_annotation_set_text (note, "Đất ở đô thị — kiểm tra lại ranh");
    pv_annotation_set_points (arrow, line, 2);
    pv_annotation_set_add (annotations, note);
    pv_annotation_set_add (annotations, arrow);

    pv_viewport_set_size (viewport, 640, 480);
    pv_viewport_set_center (viewport, 596000.0, 1215000.0);
    pv_viewport_set_resolution (viewport, 5.0);
    bookmark = pv_bookmark_new_from_view ("Khu trung tâm", fixture->map, viewport);
    pv_bookmark_list_add (pv_map_get_bookmarks (fixture->map), bookmark);
  }
  {
    g_autoptr(PvPrintLayout) layout = pv_print_layout_new ();
    g_autoptr(GPtrArray) layouts = g_ptr_array_new ();
    g_autofree char *logo = g_build_filename (fixture->data_dir, "logo.png", NULL);

    g_object_set (layout, "name", "A1 quy hoạch", "paper", PV_PAPER_A1, "landscape", TRUE,
                  "scale", 10000.0, "title", "Quy hoạch phân khu Phú Lợi", "logo-path", logo,
                  "show-grid", TRUE, NULL);
    g_ptr_array_add (layouts, layout);
    pv_map_set_layouts (fixture->map, layouts);
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->map);
  pv_test_remove_dir (fixture->root);
  g_free (fixture->root);
  g_free (fixture->data_dir);
  g_free (fixture->project);
}

static void
assert_layers_equal (PvLayer *a,
                     PvLayer *b)
{
  double ca[3], cb[3], mina, maxa, minb, maxb;

  g_assert_cmpstr (G_OBJECT_TYPE_NAME (a), ==, G_OBJECT_TYPE_NAME (b));
  g_assert_cmpstr (pv_layer_get_name (a), ==, pv_layer_get_name (b));
  g_assert_cmpstr (pv_layer_get_source (a), ==, pv_layer_get_source (b));
  g_assert_cmpstr (pv_layer_get_source_layer (a), ==, pv_layer_get_source_layer (b));
  g_assert_cmpint (pv_layer_get_visible (a), ==, pv_layer_get_visible (b));
  g_assert_cmpfloat (pv_layer_get_opacity (a), ==, pv_layer_get_opacity (b));
  g_assert_cmpfloat (pv_layer_get_fill_opacity (a), ==, pv_layer_get_fill_opacity (b));
  pv_layer_get_scale_range (a, &mina, &maxa);
  pv_layer_get_scale_range (b, &minb, &maxb);
  g_assert_cmpfloat (mina, ==, minb);
  g_assert_cmpfloat (maxa, ==, maxb);
  pv_layer_get_color (a, ca);
  pv_layer_get_color (b, cb);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat_with_epsilon (ca[i], cb[i], 0.5 / 255);
  g_assert_true ((pv_layer_get_crs (a) == NULL) == (pv_layer_get_crs (b) == NULL));
  if (pv_layer_get_crs (a) != NULL)
    g_assert_true (pv_crs_equals (pv_layer_get_crs (a), pv_layer_get_crs (b)));
  if (PV_IS_VECTOR_LAYER (a))
    {
      PvVectorLayer *va = PV_VECTOR_LAYER (a), *vb = PV_VECTOR_LAYER (b);
      g_autoptr(PvStyle) sa = pv_vector_layer_dup_style (va);
      g_autoptr(PvStyle) sb = pv_vector_layer_dup_style (vb);
      g_autoptr(PvLabeling) la = pv_vector_layer_dup_labeling (va);
      g_autoptr(PvLabeling) lb = pv_vector_layer_dup_labeling (vb);
      const char *fa = NULL, *fb = NULL, *xa = NULL, *xb = NULL;

      g_assert_cmpint (pv_vector_layer_get_encoding (va), ==, pv_vector_layer_get_encoding (vb));
      g_assert_cmpint (pv_vector_layer_get_encoding_origin (va) == PV_ENCODING_ORIGIN_USER, ==,
                       pv_vector_layer_get_encoding_origin (vb) == PV_ENCODING_ORIGIN_USER);
      g_assert_cmpint (pv_vector_layer_get_subset (va, &fa, &xa), ==, pv_vector_layer_get_subset (vb, &fb, &xb));
      g_assert_cmpstr (fa, ==, fb);
      g_assert_cmpstr (xa, ==, xb);
      g_assert_true ((sa == NULL) == (sb == NULL));
      if (sa != NULL)
        {
          g_autoptr(JsonNode) ja = pv_style_to_json (sa);
          g_autoptr(JsonNode) jb = pv_style_to_json (sb);

          g_assert_true (json_node_equal (ja, jb));
        }
      g_assert_true ((la == NULL) == (lb == NULL));
      if (la != NULL)
        {
          g_autoptr(JsonNode) ja = pv_labeling_to_json (la);
          g_autoptr(JsonNode) jb = pv_labeling_to_json (lb);

          g_assert_true (json_node_equal (ja, jb));
        }
      g_assert_cmpuint (pv_vector_layer_get_n_features (va), ==, pv_vector_layer_get_n_features (vb));
    }
  if (PV_IS_RASTER_LAYER (a))
    {
      g_autoptr(PvRasterStyle) sa = pv_raster_layer_dup_style (PV_RASTER_LAYER (a));
      g_autoptr(PvRasterStyle) sb = pv_raster_layer_dup_style (PV_RASTER_LAYER (b));

      g_assert_true (pv_raster_style_equal (sa, sb));
    }
}

/* Save → open gives the same map, member by member, and the same file. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvProject) original = pv_project_new (fixture->map);
  g_autoptr(PvProject) loaded = NULL;
  g_autoptr(GPtrArray) errors = new_error_array ();
  g_autoptr(PvViewport) viewport = pv_viewport_new ();
  g_autofree char *first = NULL, *second = NULL, *dir = g_path_get_dirname (fixture->project);
  g_autofree char *name = NULL;
  double view[4];
  PvMap *map;

  pv_viewport_set_size (viewport, 800, 600);
  pv_viewport_set_center (viewport, 596000.0, 1215000.0);
  pv_viewport_set_resolution (viewport, 12.5);

  g_assert_null (pv_project_get_path (original));
  g_assert_true (pv_project_save_to (original, viewport, fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pv_project_get_path (original), ==, fixture->project);
  first = pv_test_read_file (fixture->project);

  loaded = pv_project_open (fixture->project, FIXTURE_OPEN_FLAGS, errors, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < errors->len; i++)
    g_printerr ("%s\n", ((GError *) g_ptr_array_index (errors, i))->message);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_false (pv_project_get_modified (loaded));
  g_assert_cmpstr (pv_project_get_path (loaded), ==, fixture->project);
  name = pv_project_dup_display_name (loaded);
  g_assert_cmpstr (name, ==, "Quy hoạch Thủ Dầu Một");

  map = pv_project_get_map (loaded);
  g_assert_cmpstr (pv_map_get_title (map), ==, pv_map_get_title (fixture->map));
  g_assert_true (pv_crs_equals (pv_map_get_crs (map), pv_map_get_crs (fixture->map)));
  g_assert_true (pv_project_get_view (loaded, view));
  {
    double e[4];

    pv_viewport_get_extent (viewport, &e[0], &e[1], &e[2], &e[3]);
    for (guint i = 0; i < 4; i++)
      g_assert_cmpfloat_with_epsilon (view[i], e[i], 1e-6);
  }
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, pv_map_get_n_layers (fixture->map));
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    assert_layers_equal (pv_map_get_layer (fixture->map, i), pv_map_get_layer (map, i));
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (pv_map_get_annotations (map)), ==, 2);
  g_assert_true (pv_annotation_set_equal (pv_map_get_annotations (map), pv_map_get_annotations (fixture->map), 0));
  {
    PvBookmarkList *a = pv_map_get_bookmarks (fixture->map), *b = pv_map_get_bookmarks (map);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (b)), ==, 1);
    g_assert_true (pv_bookmark_equal (pv_bookmark_list_get_bookmark (a, 0), pv_bookmark_list_get_bookmark (b, 0)));
    g_assert_cmpuint (pv_bookmark_get_n_layers (pv_bookmark_list_get_bookmark (b, 0)), >, 0);
  }

  /* And the file it writes is the same, byte for byte. */
  second = pv_project_to_data (loaded, viewport, dir, NULL);
  g_assert_cmpstr (second, ==, first);

  /* The sources are relative to the project's folder. */
  g_assert_nonnull (strstr (first, "\"source\" : \"../data/districts.shp\""));
  g_assert_nonnull (strstr (first, "\"source\" : \"../data/quy-hoach.dxf\""));
  g_assert_nonnull (strstr (first, "\"encoding\" : \"VNI-Windows\""));
  g_assert_nonnull (strstr (first, "\"sublayer\""));
  g_assert_nonnull (strstr (first, "\"annotations\""));
  g_assert_nonnull (strstr (first, "Đất ở đô thị — kiểm tra lại ranh"));
  g_assert_nonnull (strstr (first, "\"bookmarks\""));
  g_assert_nonnull (strstr (first, "Khu trung tâm"));
  /* The print layout, its logo relative to the project like the sources. */
  g_assert_nonnull (strstr (first, "\"layouts\""));
  g_assert_nonnull (strstr (first, "\"logo_path\" : \"../data/logo.png\""));
  {
    GListModel *a = pv_map_get_layouts (fixture->map), *b = pv_map_get_layouts (map);
    g_autoptr(PvPrintLayout) la = g_list_model_get_item (a, 0);
    g_autoptr(PvPrintLayout) lb = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (b), ==, 1);
    lb = g_list_model_get_item (b, 0);
    g_assert_true (pv_print_layout_equal (la, lb));
  }
  /* Saving a layout as a template is a change to the project. */
  {
    g_autoptr(PvPrintLayout) template = pv_print_layout_new ();
    g_autoptr(GPtrArray) layouts = g_ptr_array_new ();

    g_object_set (template, "name", "A4 dọc", NULL);
    g_ptr_array_add (layouts, template);
    pv_map_set_layouts (map, layouts);
    iterate_main_context ();
    g_assert_true (pv_project_get_modified (loaded));
  }

  g_assert_finalize_object (g_steal_pointer (&loaded));
  g_assert_finalize_object (g_steal_pointer (&original));
}

/* Paths inside, beside and far from the project's folder; the whole tree
 * moved elsewhere still opens. */
static void
test_relative_paths (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvProject) project = pv_project_new (fixture->map);
  g_autoptr(PvProject) moved = NULL;
  g_autoptr(GPtrArray) errors = new_error_array ();
  g_autofree char *inside = g_build_filename (fixture->data_dir, "inside.pvproj", NULL);
  g_autofree char *moved_root = g_strconcat (fixture->root, "-moved", NULL);
  g_autofree char *moved_project = g_build_filename (moved_root, "projects", "plan.pvproj", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (pv_project_save_to (project, NULL, inside, &error));
  g_assert_no_error (error);
  contents = pv_test_read_file (inside);
  g_assert_nonnull (strstr (contents, "\"source\" : \"districts.shp\""));
  g_clear_pointer (&contents, g_free);

  g_assert_true (pv_project_save_to (project, NULL, fixture->project, &error));
  g_assert_no_error (error);
  contents = pv_test_read_file (fixture->project);
  g_assert_nonnull (strstr (contents, "\"source\" : \"../data/rivers.shp\""));
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *layers;

    g_assert_true (json_parser_load_from_data (parser, contents, -1, &error));
    layers = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "layers");
    for (guint i = 0; i < json_array_get_length (layers); i++)
      g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (layers, i),
                                                                      "source"), "../data/"));
  }

  g_assert_cmpint (g_rename (fixture->root, moved_root), ==, 0);
  moved = pv_project_open (moved_project, FIXTURE_OPEN_FLAGS, errors, NULL, &error);
  g_assert_cmpint (g_rename (moved_root, fixture->root), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpuint (pv_map_get_n_layers (pv_project_get_map (moved)), ==, pv_map_get_n_layers (fixture->map));
  for (guint i = 0; i < pv_map_get_n_layers (fixture->map); i++)
    {
      PvLayer *layer = pv_map_get_layer (pv_project_get_map (moved), i);

      g_assert_false (PV_IS_MISSING_LAYER (layer));
      g_assert_true (g_str_has_prefix (pv_layer_get_source (layer), moved_root));
    }

  /* A source that shares only "/" with the project stays absolute. */
  {
    g_autoptr(PvMap) map = pv_map_new ();
    g_autofree char *sample = pv_test_sample_path ("rivers.shp");
    g_autofree char *canonical = g_canonicalize_filename (sample, NULL);
    g_autoptr(PvLayer) layer = pv_test_open_layer (canonical);
    g_autofree char *far = g_build_filename (g_get_tmp_dir (), "pv-far.pvproj", NULL);
    g_autofree char *expected = g_strdup_printf ("\"source\" : \"%s\"", canonical);
    g_autofree char *far_contents = NULL;

    if (g_str_has_prefix (canonical, g_get_tmp_dir ()))
      {
        g_test_message ("the samples are under the temporary folder: not checked");
      }
    else
      {
        pv_map_add_layer (map, layer);
        g_assert_true (pv_project_save (map, NULL, far, &error));
        g_assert_no_error (error);
        far_contents = pv_test_read_file (far);
        g_unlink (far);
        g_assert_nonnull (strstr (far_contents, expected));
      }
  }
  pv_test_remove_dir (moved_root);
}

/* A fault while saving leaves the previous file as it was. */
static void
test_save_fault (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *fault = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PvProject) project = pv_project_new (fixture->map);
  g_autofree char *before = NULL, *after = NULL, *dir = g_path_get_dirname (fixture->project);
  g_autofree char *listing = NULL, *listing_after = NULL;

  g_assert_true (pv_project_save_to (project, NULL, fixture->project, &error));
  g_assert_no_error (error);
  before = pv_test_read_file (fixture->project);
  listing = list_dir (dir);

  /* A different map: ten layers more would make the new file larger. */
  pv_layer_set_name (pv_map_get_layer (fixture->map, 1), "Đổi tên");
  pv_map_remove_layer (fixture->map, 0);
  iterate_main_context ();
  g_assert_true (pv_project_get_modified (project));

  g_setenv ("PV_TEST_SAVE_FAULT", fault, TRUE);
  g_assert_false (pv_project_save_to (project, NULL, fixture->project, &error));
  g_unsetenv ("PV_TEST_SAVE_FAULT");
  g_assert_error (error, G_IO_ERROR, (g_str_equal (fault, "write") ? G_IO_ERROR_NO_SPACE : G_IO_ERROR_FAILED));
  g_assert_nonnull (strstr (error->message, "plan.pvproj"));
  g_clear_error (&error);
  g_assert_true (pv_project_get_modified (project));

  after = pv_test_read_file (fixture->project);
  g_assert_cmpstr (after, ==, before);
  /* Nothing left behind. */
  listing_after = list_dir (dir);
  g_assert_cmpstr (listing_after, ==, listing);

  /* And the next save works. */
  g_assert_true (pv_project_save_to (project, NULL, fixture->project, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = pv_test_read_file (fixture->project);
  g_assert_cmpstr (after, !=, before);
  g_assert_nonnull (strstr (after, "Đổi tên"));
  g_assert_false (pv_project_get_modified (project));
  g_assert_finalize_object (g_steal_pointer (&project));
}

/* The process is killed (SIGKILL) half way through writing: the previous
 * file is intact and opens. */
static void
test_save_killed (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(PvProject) reopened = NULL;
  g_autoptr(GPtrArray) errors = new_error_array ();

  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("PV_TEST_PROJECT_PATH");
      g_autoptr(PvProject) project = pv_project_new (fixture->map);

      /* The layers stay readable (open), the child's folder goes. */
      pv_test_remove_dir (fixture->root);
      pv_map_remove_layer (fixture->map, 0);
      g_setenv ("PV_TEST_SAVE_FAULT", "kill", TRUE);
      pv_project_save_to (project, NULL, path, NULL);
      /* Not reached. */
      return;
    }

  g_assert_true (pv_project_save (fixture->map, NULL, fixture->project, &error));
  g_assert_no_error (error);
  before = pv_test_read_file (fixture->project);

  g_setenv ("PV_TEST_PROJECT_PATH", fixture->project, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("PV_TEST_PROJECT_PATH");
  g_test_trap_assert_failed ();
  /* Killed, not a failed assertion. */
  g_assert_false (g_test_trap_has_passed ());

  after = pv_test_read_file (fixture->project);
  g_assert_cmpstr (after, ==, before);

  /* The killed save left its hidden temporary file; beside it, one of a
   * save in progress (locked, as a save holds it), and hidden files that
   * are no temporary file of this project's saves. */
  {
    g_autofree char *dir = g_path_get_dirname (fixture->project);
    g_autofree char *orphan = NULL;
    g_autofree char *in_progress = g_build_filename (dir, ".plan.pvproj.0badf00d.tmp", NULL);
    const char *others[] = { ".plan.pvproj.notes.tmp", ".plan.pvproj.0badf00d.tmp~", ".other.pvproj.12345678.tmp",
                             "plan.pvproj.12345678.tmp" };
    g_autoptr(GDir) gdir = g_dir_open (dir, 0, &error);
    const char *name;
    int held;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (gdir)) != NULL)
      if (g_str_has_prefix (name, ".plan.pvproj.") && g_str_has_suffix (name, ".tmp"))
        {
          g_assert_null (orphan);
          orphan = g_build_filename (dir, name, NULL);
        }
    g_assert_nonnull (orphan);
    g_assert_true (g_file_set_contents (in_progress, "{", 1, &error));
    held = open (in_progress, O_RDONLY | O_CLOEXEC);
    g_assert_cmpint (held, >=, 0);
    g_assert_cmpint (flock (held, LOCK_EX | LOCK_NB), ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      {
        g_autofree char *other = g_build_filename (dir, others[i], NULL);

        g_assert_true (g_file_set_contents (other, "{", 1, &error));
      }

    /* Opening the project removes the orphan, and only it. */
    reopened = pv_project_open (fixture->project, FIXTURE_OPEN_FLAGS, errors, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pv_map_get_n_layers (pv_project_get_map (reopened)), ==, pv_map_get_n_layers (fixture->map));
    g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (in_progress, G_FILE_TEST_EXISTS));
    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      {
        g_autofree char *other = g_build_filename (dir, others[i], NULL);

        g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
      }

    /* Saving it keeps the one in progress while it is held; once that
     * save has died (its lock gone), the next save removes it. */
    g_assert_true (pv_project_save_to (reopened, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (in_progress, G_FILE_TEST_EXISTS));
    close (held);
    g_assert_true (pv_project_save_to (reopened, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (in_progress, G_FILE_TEST_EXISTS));
    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      {
        g_autofree char *other = g_build_filename (dir, others[i], NULL);

        g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
        g_assert_cmpint (g_unlink (other), ==, 0);
      }
  }
}

/* Malformed projects: an error naming the file, and nothing written. */
static void
test_malformed (void)
{
  static const struct
  {
    const char *contents;
    int         code;
    const char *mentions;
  } cases[] = {
    { "{ \"planviewer_project\": 1, \"layers\": [ ", PV_PROJECT_ERROR_INVALID, NULL },
    { "[1, 2, 3]", PV_PROJECT_ERROR_INVALID, NULL },
    { "{ \"layers\": [] }", PV_PROJECT_ERROR_INVALID, NULL },
    { "{ \"planviewer_project\": \"1\" }", PV_PROJECT_ERROR_INVALID, NULL },
    { "{ \"planviewer_project\": 1.5 }", PV_PROJECT_ERROR_INVALID, NULL },
    { "{ \"planviewer_project\": 2, \"layers\": [] }", PV_PROJECT_ERROR_VERSION, "newer" },
    { "{ \"planviewer_project\": 1, \"layers\": {} }", PV_PROJECT_ERROR_INVALID, "layers" },
    { "{ \"planviewer_project\": 1, \"title\": 7 }", PV_PROJECT_ERROR_INVALID, "title" },
    { "{ \"planviewer_project\": 1, \"crs\": \"EPSG:99999999\" }", PV_PROJECT_ERROR_INVALID, NULL },
    { "{ \"planviewer_project\": 1, \"view\": { \"extent\": [1, 2, 3] } }", PV_PROJECT_ERROR_INVALID, "view" },
    { "{ \"planviewer_project\": 1, \"layers\": [ 5 ] }", PV_PROJECT_ERROR_INVALID, "1" },
    { "{ \"planviewer_project\": 1, \"layers\": [ { \"name\": \"x\" } ] }", PV_PROJECT_ERROR_INVALID, "source" },
    { "{ \"planviewer_project\": 1, \"layers\": [ { \"source\": \"a.shp\", \"visible\": \"yes\" } ] }",
      PV_PROJECT_ERROR_INVALID, "visible" },
    { "{ \"planviewer_project\": 1, \"layers\": [ { \"source\": \"a.shp\", \"opacity\": \"0.5\" } ] }",
      PV_PROJECT_ERROR_INVALID, "opacity" },
    { "{ \"planviewer_project\": 1, \"layers\": [ { \"source\": \"a.shp\", \"color\": \"red\" } ] }",
      PV_PROJECT_ERROR_INVALID, "color" },
    { "{ \"planviewer_project\": 1, \"layers\": [ { \"source\": \"a.shp\", \"sublayer\": { \"field\": 1 } } ] }",
      PV_PROJECT_ERROR_INVALID, "sublayer" },
    { "\xff\xfe{}", PV_PROJECT_ERROR_INVALID, "UTF-8" },
  };
  g_autofree char *dir = pv_test_make_temp_dir ("pv-test-malformed");
  g_autofree char *path = g_build_filename (dir, "hỏng.pvproj", NULL);
  g_autofree char *recovery_dir = pv_recovery_dup_dir ();
  g_autofree char *recovery_before = list_dir (recovery_dir);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) errors = new_error_array ();
      g_autoptr(PvProject) project = NULL;
      g_autoptr(PvMap) map = NULL;
      g_autofree char *after = NULL, *listing = NULL, *recovery_after = NULL;
      struct stat before_stat, after_stat;
      g_autofree char *escaped = g_strescape (cases[i].contents, NULL);

      g_test_message ("case %u: %s", i, escaped);
      g_file_set_contents (path, cases[i].contents, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &before_stat), ==, 0);

      project = pv_project_open (path, FIXTURE_OPEN_FLAGS, errors, NULL, &error);
      g_assert_null (project);
      g_assert_error (error, PV_PROJECT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "hỏng.pvproj"));
      if (cases[i].mentions != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].mentions));
      g_clear_error (&error);

      /* The older entry point says the same. */
      map = pv_project_load (path, errors, NULL, NULL, NULL, &error);
      g_assert_null (map);
      g_assert_error (error, PV_PROJECT_ERROR, cases[i].code);

      /* Nothing changed on disk: the file, the folder, the recovery files. */
      after = pv_test_read_file (path);
      g_assert_cmpstr (after, ==, cases[i].contents);
      g_assert_cmpint (g_stat (path, &after_stat), ==, 0);
      g_assert_cmpint (after_stat.st_mtime, ==, before_stat.st_mtime);
      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, "hỏng.pvproj");
      recovery_after = list_dir (recovery_dir);
      g_assert_cmpstr (recovery_after, ==, recovery_before);
    }
  pv_test_remove_dir (dir);
}

/* A layer whose file is gone stays in the project, is saved back as it was,
 * and opens with its style once the file is found. */
static void
test_missing_layer (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvProject) project = pv_project_new (fixture->map);
  g_autoptr(PvProject) opened = NULL;
  g_autoptr(PvProject) reopened = NULL;
  g_autoptr(GPtrArray) errors = new_error_array ();
  g_autoptr(GPtrArray) located = NULL;
  g_autofree char *moved_dir = g_build_filename (fixture->root, "elsewhere", NULL);
  g_autofree char *save_as_dir = g_build_filename (fixture->root, "copies", NULL);
  g_autofree char *save_as = g_build_filename (save_as_dir, "copy.pvproj", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) first_entry = NULL;
  static const char * const parts[] = { ".shp", ".shx", ".dbf", ".prj", ".cpg" };
  PvLayer *layer;
  guint position = 1;   /* districts */

  g_assert_true (pv_project_save_to (project, NULL, fixture->project, &error));
  g_assert_no_error (error);
  /* A member a newer PlanViewer might have written, in the layer. */
  contents = pv_test_read_file (fixture->project);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    JsonObject *entry;

    g_assert_true (json_parser_load_from_data (parser, contents, -1, &error));
    entry = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                         "layers"), position);
    json_object_set_string_member (entry, "future_member", "giữ nguyên");
    json_generator_set_root (generator, json_parser_get_root (parser));
    g_assert_true (json_generator_to_file (generator, fixture->project, &error));
    first_entry = json_node_copy (json_array_get_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                                         "layers"), position));
  }

  /* The file moves away. */
  g_mkdir (moved_dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *name = g_strconcat ("districts", parts[i], NULL);
      g_autofree char *from = g_build_filename (fixture->data_dir, name, NULL);
      g_autofree char *to = g_build_filename (moved_dir, name, NULL);

      g_rename (from, to);
    }

  opened = pv_project_open (fixture->project, FIXTURE_OPEN_FLAGS, errors, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (errors, 0))->message, "districts.shp"));
  g_assert_cmpuint (pv_map_get_n_layers (pv_project_get_map (opened)), ==, pv_map_get_n_layers (fixture->map));
  layer = pv_map_get_layer (pv_project_get_map (opened), position);
  g_assert_true (PV_IS_MISSING_LAYER (layer));
  g_assert_cmpstr (pv_layer_get_name (layer), ==, "Ranh giới huyện");
  g_assert_nonnull (pv_layer_get_notice (layer));
  g_assert_true (g_str_has_suffix (pv_layer_get_source (layer), "data/districts.shp"));
  g_assert_false (pv_project_get_modified (opened));

  /* Saved elsewhere: the same entry, its source now relative to the copy. */
  g_mkdir (save_as_dir, 0755);
  g_assert_true (pv_project_save_to (opened, NULL, save_as, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *entry, *expected = json_node_get_object (first_entry);
    g_autoptr(GList) members = json_object_get_members (expected);

    g_assert_true (json_parser_load_from_file (parser, save_as, &error));
    entry = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                         "layers"), position);
    g_assert_cmpstr (json_object_get_string_member (entry, "source"), ==, "../data/districts.shp");
    g_assert_cmpuint (json_object_get_size (entry), ==, json_object_get_size (expected));
    for (GList *l = members; l != NULL; l = l->next)
      {
        if (g_str_equal (l->data, "source"))
          continue;
        g_assert_true (json_object_has_member (entry, l->data));
        g_assert_true (json_node_equal (json_object_get_member (entry, l->data), json_object_get_member (expected, l->data)));
      }
  }

  /* Located: it opens in place with its style, labels and colour. */
  {
    g_autofree char *found = g_build_filename (moved_dir, "districts.shp", NULL);
    g_autoptr(GPtrArray) locate_errors = new_error_array ();
    PvLayer *original = pv_map_get_layer (fixture->map, position);
    PvLayer *located_layer;
    g_autoptr(PvStyle) style = NULL;
    g_autoptr(PvLabeling) labeling = NULL;
    double rgb[3], expected_rgb[3];

    located = pv_missing_layer_locate (PV_MISSING_LAYER (layer), found, locate_errors, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (locate_errors->len, ==, 0);
    g_assert_cmpuint (located->len, ==, 1);
    located_layer = g_ptr_array_index (located, 0);
    g_assert_cmpstr (pv_layer_get_name (located_layer), ==, "Ranh giới huyện");
    style = pv_vector_layer_dup_style (PV_VECTOR_LAYER (located_layer));
    g_assert_nonnull (style);
    g_assert_cmpstr (pv_style_get_field (style), ==, "ten");
    labeling = pv_vector_layer_dup_labeling (PV_VECTOR_LAYER (located_layer));
    g_assert_nonnull (labeling);
    g_assert_cmpstr (pv_labeling_get_text (labeling), ==, "ten");
    pv_layer_get_color (located_layer, rgb);
    pv_layer_get_color (original, expected_rgb);
    g_assert_cmpfloat_with_epsilon (rgb[0], expected_rgb[0], 0.5 / 255);
    g_assert_cmpfloat (pv_layer_get_fill_opacity (located_layer), ==, 0.25);
    /* And the member this version does not know travels with it. */
    pv_map_remove_layer (pv_project_get_map (opened), position);
    pv_map_insert_layer (pv_project_get_map (opened), position, located_layer);
    g_assert_true (pv_project_save_to (opened, NULL, save_as, &error));
    g_assert_no_error (error);
    g_clear_pointer (&contents, g_free);
    contents = pv_test_read_file (save_as);
    g_assert_nonnull (strstr (contents, "\"future_member\" : \"giữ nguyên\""));
    g_assert_nonnull (strstr (contents, "../elsewhere/districts.shp"));
  }
  iterate_main_context ();
}

/* Unknown members of the project are kept too. */
static void
test_unknown_members (void)
{
  g_autofree char *dir = pv_test_make_temp_dir ("pv-test-unknown");
  g_autofree char *path = g_build_filename (dir, "a.pvproj", NULL);
  g_autofree char *copy = g_build_filename (dir, "b.pvproj", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PvProject) project = NULL;
  g_autoptr(GPtrArray) errors = new_error_array ();
  const char *text =
    "{ \"planviewer_project\": 1, \"title\": \"Thử\", \"layers\": [],\n"
    "  \"annotations\": { \"annotations\": [ { \"kind\": \"hình lạ\", \"points\": [[1, 2]] } ] },\n"
    "  \"slides\": [ { \"name\": \"Trang 1\", \"extent\": [1, 2, 3, 4] } ] }";

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  project = pv_project_open (path, FIXTURE_OPEN_FLAGS, errors, NULL, &error);
  g_assert_no_error (error);
  /* Annotations this version cannot read are reported, and kept. */
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (errors, 0))->message, "a.pvproj"));
  g_assert_true (pv_project_save_to (project, NULL, copy, &error));
  g_assert_no_error (error);
  contents = pv_test_read_file (copy);
  g_assert_nonnull (strstr (contents, "hình lạ"));
  g_assert_nonnull (strstr (contents, "\"slides\""));
  g_assert_nonnull (strstr (contents, "\"Trang 1\""));
  g_assert_null (strstr (contents, "\"recovery\""));
  pv_test_remove_dir (dir);
}

static void
count_changed_cb (PvProject *project,
                  guint     *count)
{
  (*count)++;
}

static gpointer
set_style_thread (gpointer data)
{
  PvVectorLayer *layer = data;
  const double red[3] = { 1, 0, 0 };
  g_autoptr(PvStyle) style = pv_style_new_single (red);

  pv_vector_layer_set_style (layer, style, NULL, NULL);
  return NULL;
}

/* What counts as a change, and what saving does to it. */
static void
test_modified (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvProject) project = pv_project_new (fixture->map);
  g_autoptr(PvViewport) viewport = pv_viewport_new ();
  g_autoptr(GThread) thread = NULL;
  PvLayer *layer = pv_map_get_layer (fixture->map, 1);
  guint changed = 0, count;

  g_signal_connect (project, "changed", G_CALLBACK (count_changed_cb), &changed);
  iterate_main_context ();
  g_assert_false (pv_project_get_modified (project));
  g_assert_cmpuint (changed, ==, 0);

  /* The view alone is not a change. */
  pv_viewport_set_center (viewport, 1, 2);
  iterate_main_context ();
  g_assert_false (pv_project_get_modified (project));

  pv_layer_set_visible (layer, FALSE);
  g_assert_true (pv_project_get_modified (project));
  iterate_main_context ();
  g_assert_cmpuint (changed, ==, 1);

  g_assert_true (pv_project_save_to (project, viewport, fixture->project, &error));
  g_assert_no_error (error);
  g_assert_false (pv_project_get_modified (project));

  /* Each kind of change the file stores. */
  count = pv_project_get_change_count (project);
  pv_layer_set_opacity (layer, 0.3);
  g_assert_cmpuint (pv_project_get_change_count (project), >, count);
  count = pv_project_get_change_count (project);
  pv_layer_set_name (layer, "Tên mới");
  g_assert_cmpuint (pv_project_get_change_count (project), >, count);
  count = pv_project_get_change_count (project);
  pv_map_move_layer (fixture->map, 0, 2);
  g_assert_cmpuint (pv_project_get_change_count (project), >, count);
  count = pv_project_get_change_count (project);
  pv_map_set_title (fixture->map, "Khác");
  g_assert_cmpuint (pv_project_get_change_count (project), >, count);
  count = pv_project_get_change_count (project);
  pv_layer_set_fill_opacity (layer, 0.9);
  g_assert_cmpuint (pv_project_get_change_count (project), >, count);
  count = pv_project_get_change_count (project);
  pv_annotation_set_text (pv_annotation_set_get_annotation (pv_map_get_annotations (fixture->map), 0), "Sửa ghi chú");
  g_assert_cmpuint (pv_project_get_change_count (project), >, count);
  count = pv_project_get_change_count (project);
  pv_bookmark_list_remove (pv_map_get_bookmarks (fixture->map), 0);
  g_assert_cmpuint (pv_project_get_change_count (project), >, count);
  count = pv_project_get_change_count (project);
  {
    g_autoptr(PvAnnotationSet) replaced = pv_annotation_set_new (NULL);

    pv_map_set_annotations (fixture->map, replaced);
    g_assert_cmpuint (pv_project_get_change_count (project), >, count);
    count = pv_project_get_change_count (project);
    g_assert_true (pv_map_get_annotations (fixture->map) == replaced);
    {
      g_autoptr(PvAnnotation) line = pv_annotation_new (PV_ANNOTATION_LINE);
      const double xy[4] = { 0, 0, 1, 1 };

      pv_annotation_set_points (line, xy, 2);
      pv_annotation_set_add (replaced, line);
    }
    g_assert_cmpuint (pv_project_get_change_count (project), >, count);
  }
  /* An empty set taking the map's CRS is nothing the file stores. */
  {
    g_autoptr(PvAnnotationSet) empty = pv_annotation_set_new (NULL);

    pv_map_set_annotations (fixture->map, empty);
    count = pv_project_get_change_count (project);
    pv_annotation_set_set_crs (empty, pv_map_get_crs (fixture->map));
    g_assert_cmpuint (pv_project_get_change_count (project), ==, count);
  }

  /* A style set on a worker thread is reported on the main context. */
  g_assert_true (pv_project_save_to (project, viewport, NULL, &error));
  g_assert_no_error (error);
  iterate_main_context ();
  g_assert_false (pv_project_get_modified (project));
  changed = 0;
  thread = g_thread_new ("style", set_style_thread, layer);
  g_thread_join (g_steal_pointer (&thread));
  g_assert_true (pv_project_get_modified (project));
  g_assert_cmpuint (changed, ==, 0);
  iterate_main_context ();
  g_assert_cmpuint (changed, ==, 1);

  /* Removing a layer; declaring it clean. */
  pv_map_remove_layer (fixture->map, 0);
  pv_project_set_modified (project, FALSE);
  iterate_main_context ();
  g_assert_false (pv_project_get_modified (project));
  pv_project_set_modified (project, TRUE);
  g_assert_true (pv_project_get_modified (project));
  g_assert_finalize_object (g_steal_pointer (&project));
}

/* Recovery files: those of a process that ended are offered, ours are not,
 * and opening one gives the project it belongs to, modified. */
static void
test_recovery (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GPtrArray) errors = new_error_array ();
  g_autoptr(PvProject) recovered = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *child_path = NULL;
  PvRecoveryFile *file = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(PvProject) project = NULL;
      g_autofree char *path = pv_recovery_new_path (&error);
      g_autofree char *data = NULL;
      gsize length;

      /* The parent's project, edited. */
      pv_test_remove_dir (fixture->root);
      g_assert_no_error (error);
      project = pv_project_open (g_getenv ("PV_TEST_PROJECT_PATH"), FIXTURE_OPEN_FLAGS, NULL, NULL, &error);
      g_assert_no_error (error);
      pv_layer_set_name (pv_map_get_layer (pv_project_get_map (project), 2), "Sông đã sửa");
      data = pv_project_to_recovery_data (project, NULL, &length);
      g_assert_true (pv_project_write_atomically (path, data, length, &error));
      g_assert_no_error (error);
      g_print ("%s\n", path);
      /* A crash: the recovery file stays. */
      raise (SIGKILL);
      return;
    }

  g_assert_true (pv_project_save (fixture->map, NULL, fixture->project, &error));
  g_assert_no_error (error);
  g_setenv ("PV_TEST_PROJECT_PATH", fixture->project, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("PV_TEST_PROJECT_PATH");
  g_test_trap_assert_failed ();

  /* Ours, while we run, is not an orphan. */
  ours = pv_recovery_new_path (&error);
  g_assert_no_error (error);
  g_assert_true (pv_project_write_atomically (ours, "{}", 2, &error));

  /* An autosave killed half way left a temporary file: a recovery file in
   * all but its name. It is removed, never offered. */
  {
    g_autofree char *dir = g_path_get_dirname (ours);
    g_autofree char *temp = g_build_filename (dir, ".4242-0badf00d-1.pvproj.12345678.tmp", NULL);
    g_autoptr(PvProject) project = pv_project_new (fixture->map);
    g_autofree char *contents = NULL;
    gsize length;

    contents = pv_project_to_recovery_data (project, NULL, &length);
    g_assert_true (g_file_set_contents (temp, contents, length, &error));
    g_assert_no_error (error);
    orphans = pv_recovery_list_orphans (&error);
    g_assert_no_error (error);
    g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
    for (guint i = 0; i < orphans->len; i++)
      g_assert_cmpstr (((PvRecoveryFile *) g_ptr_array_index (orphans, i))->path, !=, temp);
    g_clear_pointer (&orphans, g_ptr_array_unref);
  }

  orphans = pv_recovery_list_orphans (&error);
  g_assert_no_error (error);
  for (guint i = 0; i < orphans->len; i++)
    {
      PvRecoveryFile *candidate = g_ptr_array_index (orphans, i);

      g_assert_cmpstr (candidate->path, !=, ours);
      if (g_strcmp0 (candidate->project, fixture->project) == 0)
        file = candidate;
    }
  g_assert_nonnull (file);
  g_assert_cmpstr (file->name, ==, "Quy hoạch Thủ Dầu Một");
  g_assert_nonnull (file->saved);
  child_path = g_strdup (file->path);

  recovered = pv_project_open (child_path, PV_PROJECT_OPEN_RECOVERY, errors, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpstr (pv_project_get_path (recovered), ==, fixture->project);
  g_assert_true (pv_project_get_modified (recovered));
  g_assert_cmpstr (pv_layer_get_name (pv_map_get_layer (pv_project_get_map (recovered), 2)), ==, "Sông đã sửa");

  /* Saved where it belongs: relative paths again, no recovery member. */
  g_assert_true (pv_project_save_to (recovered, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (pv_project_get_modified (recovered));
  {
    g_autofree char *contents = pv_test_read_file (fixture->project);

    g_assert_nonnull (strstr (contents, "Sông đã sửa"));
    g_assert_nonnull (strstr (contents, "\"../data/rivers.shp\""));
    g_assert_null (strstr (contents, "\"recovery\""));
  }

  g_assert_true (pv_recovery_discard (child_path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (child_path, G_FILE_TEST_EXISTS));
  g_assert_true (pv_recovery_discard (child_path, &error));
  g_assert_true (pv_recovery_discard (ours, &error));
  g_clear_pointer (&orphans, g_ptr_array_unref);
  orphans = pv_recovery_list_orphans (&error);
  for (guint i = 0; i < orphans->len; i++)
    g_assert_cmpstr (((PvRecoveryFile *) g_ptr_array_index (orphans, i))->path, !=, child_path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = NULL;

  /* Recovery files go to a folder of the test's own. */
  if (g_getenv ("PV_TEST_STATE_HOME") == NULL)
    {
      state = g_build_filename (g_get_tmp_dir (), "pv-test-project-state-XXXXXX", NULL);
      g_assert_nonnull (g_mkdtemp (state));
      g_setenv ("PV_TEST_STATE_HOME", state, TRUE);
    }
  g_setenv ("XDG_STATE_HOME", g_getenv ("PV_TEST_STATE_HOME"), TRUE);

  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add ("/core/project/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/core/project/relative-paths", Fixture, NULL, fixture_set_up, test_relative_paths, fixture_tear_down);
  g_test_add ("/core/project/save-fault/write", Fixture, "write", fixture_set_up, test_save_fault, fixture_tear_down);
  g_test_add ("/core/project/save-fault/rename", Fixture, "rename", fixture_set_up, test_save_fault,
              fixture_tear_down);
  g_test_add ("/core/project/save-fault/killed", Fixture, NULL, fixture_set_up, test_save_killed, fixture_tear_down);
  g_test_add_func ("/core/project/malformed", test_malformed);
  g_test_add ("/core/project/missing-layer", Fixture, NULL, fixture_set_up, test_missing_layer, fixture_tear_down);
  g_test_add_func ("/core/project/unknown-members", test_unknown_members);
  g_test_add ("/core/project/modified", Fixture, NULL, fixture_set_up, test_modified, fixture_tear_down);
  g_test_add ("/core/project/recovery", Fixture, NULL, fixture_set_up, test_recovery, fixture_tear_down);

  {
    int status = g_test_run ();

    if (state != NULL)
      pv_test_remove_dir (state);
    return status;
  }
}
