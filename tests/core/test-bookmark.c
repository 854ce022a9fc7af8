/* test-bookmark.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "pv-bookmark.h"
#include "pv-core.h"
#include "pv-test-util.h"

/* 1 cm in degrees of latitude (and less than 1 cm of longitude here). */
#define CM_IN_DEGREES (0.01 / 111320.0)

static PvCrs *
crs_from_epsg (int code)
{
  g_autoptr(GError) error = NULL;
  PvCrs *crs = pv_crs_new_from_epsg (code, &error);

  g_assert_no_error (error);
  return crs;
}

/* Model: add, insert, remove, move, rename; items-changed and changed. */

typedef struct
{
  guint position, removed, added;
  guint n_items_changed;
  guint n_changed;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->n_items_changed++;
}

static void
changed_cb (PvBookmarkList *list,
            Changes        *changes)
{
  changes->n_changed++;
}

static void
assert_names (PvBookmarkList *list,
              const char     *expected)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(PvBookmark) bookmark = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (bookmark == pv_bookmark_list_get_bookmark (list, i));
      if (i > 0)
        g_string_append_c (names, ',');
      g_string_append (names, pv_bookmark_get_name (bookmark));
    }
  g_assert_cmpstr (names->str, ==, expected);
}

static void
test_list_model (void)
{
  g_autoptr(PvBookmarkList) list = pv_bookmark_list_new ();
  g_autoptr(PvCrs) crs = crs_from_epsg (9210);
  Changes changes = { 0 };
  PvBookmark *names[5];
  g_autofree char *next = NULL;
  guint position;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == PV_TYPE_BOOKMARK);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_signal_connect (list, "changed", G_CALLBACK (changed_cb), &changes);

  next = pv_bookmark_list_dup_next_name (list);
  g_assert_cmpstr (next, ==, "Bookmark 1");
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("%c", 'A' + i);

      names[i] = pv_bookmark_new (name, crs, 500000 + i, 1220000, 501000 + i, 1221000);
      pv_bookmark_list_add (list, names[i]);
      g_assert_cmpuint (changes.position, ==, i);
      g_assert_cmpuint (changes.added, ==, 1);
      g_assert_cmpuint (changes.removed, ==, 0);
    }
  assert_names (list, "A,B,C,D");
  g_assert_cmpuint (changes.n_items_changed, ==, 4);
  g_assert_cmpuint (changes.n_changed, ==, 4);

  names[4] = pv_bookmark_new ("E", NULL, 0, 0, 1, 1);
  pv_bookmark_list_insert (list, 1, names[4]);
  assert_names (list, "A,E,B,C,D");
  g_assert_cmpuint (changes.position, ==, 1);
  /* Past the end appends. */
  pv_bookmark_list_insert (list, 99, names[0]);
  assert_names (list, "A,E,B,C,D,A");
  pv_bookmark_list_remove (list, 5);
  assert_names (list, "A,E,B,C,D");

  /* Moving down and up: one signal over the rows in between. */
  changes.n_items_changed = 0;
  pv_bookmark_list_move (list, 1, 3);
  assert_names (list, "A,B,C,E,D");
  g_assert_cmpuint (changes.n_items_changed, ==, 1);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 3);
  g_assert_cmpuint (changes.added, ==, 3);
  pv_bookmark_list_move (list, 4, 0);
  assert_names (list, "D,A,B,C,E");
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 5);
  pv_bookmark_list_move (list, 2, 2);
  g_assert_cmpuint (changes.n_items_changed, ==, 2);

  g_assert_true (pv_bookmark_list_get_position (list, names[2], &position));
  g_assert_cmpuint (position, ==, 3);

  /* Renaming goes through the bookmark; the list reports it. */
  changes.n_changed = 0;
  pv_bookmark_set_name (names[2], "Thủ Dầu Một");
  g_assert_cmpuint (changes.n_changed, ==, 1);
  pv_bookmark_set_name (names[2], "Thủ Dầu Một");
  g_assert_cmpuint (changes.n_changed, ==, 1);
  assert_names (list, "D,A,B,Thủ Dầu Một,E");

  pv_bookmark_list_remove (list, 0);
  assert_names (list, "A,B,Thủ Dầu Một,E");
  g_assert_false (pv_bookmark_list_get_position (list, names[3], &position));
  /* A removed bookmark no longer counts as a change of the list. */
  changes.n_changed = 0;
  pv_bookmark_set_name (names[3], "D2");
  g_assert_cmpuint (changes.n_changed, ==, 0);

  /* Default names count the bookmarks and skip names in use. */
  g_clear_pointer (&next, g_free);
  next = pv_bookmark_list_dup_next_name (list);
  g_assert_cmpstr (next, ==, "Bookmark 5");
  pv_bookmark_set_name (names[0], "Bookmark 5");
  pv_bookmark_set_name (names[1], "Bookmark 6");
  g_clear_pointer (&next, g_free);
  next = pv_bookmark_list_dup_next_name (list);
  g_assert_cmpstr (next, ==, "Bookmark 7");

  pv_bookmark_list_remove_all (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (changes.removed, ==, 4);

  for (guint i = 0; i < 5; i++)
    g_assert_finalize_object (names[i]);
}

/* Properties notify once per change, and not without one. */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

static void
test_bookmark_properties (void)
{
  g_autoptr(PvCrs) crs = crs_from_epsg (9210);
  g_autoptr(PvBookmark) bookmark = pv_bookmark_new ("Trung tâm", crs, 1, 2, 3, 4);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(PvBookmarkLayer) layer = pv_bookmark_layer_new ("/data/a.shp", "a", NULL);
  g_autoptr(PvBookmark) copy = NULL;
  double e[4];

  g_signal_connect (bookmark, "notify", G_CALLBACK (count_notify_cb), log);
  pv_bookmark_set_subtitle (bookmark, "Quy hoạch 2030");
  pv_bookmark_set_subtitle (bookmark, "Quy hoạch 2030");
  pv_bookmark_set_notes (bookmark, "");
  pv_bookmark_set_notes (bookmark, "Ghi chú");
  pv_bookmark_set_extent (bookmark, 1, 2, 5, 4);
  pv_bookmark_set_crs (bookmark, crs);
  pv_bookmark_set_crs (bookmark, NULL);
  pv_bookmark_set_layers (bookmark, &layer, 1);
  pv_bookmark_set_layers (bookmark, &layer, 1);
  g_assert_cmpstr (log->str, ==, "subtitle;notes;xmax;crs;layers;");

  g_assert_null (pv_bookmark_get_crs (bookmark));
  pv_bookmark_get_extent (bookmark, e);
  g_assert_cmpfloat (e[2], ==, 5);
  g_assert_cmpuint (pv_bookmark_get_n_layers (bookmark), ==, 1);
  g_assert_cmpstr (pv_bookmark_get_layer (bookmark, 0)->source, ==, "/data/a.shp");

  copy = pv_bookmark_copy (bookmark);
  g_assert_true (pv_bookmark_equal (copy, bookmark));
  pv_bookmark_set_notes (copy, NULL);
  g_assert_false (pv_bookmark_equal (copy, bookmark));
}

/* JSON: a serialised and parsed list equals the original; sources under the
 * project folder are written relative to it and resolved on reading. */

static JsonNode *
reparse (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_json_round_trip (void)
{
  g_autofree char *dir = pv_test_make_temp_dir ("pv-bookmark");
  g_autofree char *moved = pv_test_make_temp_dir ("pv-bookmark");
  g_autofree char *inside = g_build_filename (dir, "du-lieu", "quy_hoach_2030.shp", NULL);
  g_autofree char *drawing = g_build_filename (dir, "ban-ve.dxf", NULL);
  g_autoptr(PvBookmarkList) list = pv_bookmark_list_new ();
  g_autoptr(PvBookmarkList) loaded = NULL;
  g_autoptr(PvBookmarkList) loaded_moved = NULL;
  g_autoptr(PvCrs) vn2000 = crs_from_epsg (9210);
  g_autoptr(PvCrs) wgs84 = crs_from_epsg (4326);
  g_autoptr(PvBookmark) a = pv_bookmark_new ("Trung tâm Thủ Dầu Một", vn2000,
                                             502345.125, 1212345.0625, 507890.1, 1216000.3333333333);
  g_autoptr(PvBookmark) b = pv_bookmark_new ("Toàn tỉnh", wgs84, 106.3, 10.85, 106.99, 11.5);
  g_autoptr(PvBookmark) c = pv_bookmark_new ("No CRS", NULL, -10, -20, 30, 40);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  PvBookmarkLayer *layers[4];
  JsonArray *array, *json_layers;

  layers[0] = pv_bookmark_layer_new (inside, "quy_hoach_2030", NULL);
  layers[1] = pv_bookmark_layer_new (drawing, "entities", "RANH_GIOI");
  layers[2] = pv_bookmark_layer_new ("/srv/gis/ranh_gioi_tinh.gpkg", "ranh_gioi", NULL);
  layers[3] = pv_bookmark_layer_new ("PG:dbname=quyhoach", "public.thua_dat", NULL);
  pv_bookmark_set_layers (a, layers, 4);
  pv_bookmark_set_layers (b, layers + 2, 1);
  pv_bookmark_set_subtitle (a, "Quy hoạch sử dụng đất 2021–2030");
  pv_bookmark_set_notes (a, "Nhấn mạnh đất ở tại đô thị.\nSecond line, \"quoted\".");
  pv_bookmark_list_add (list, a);
  pv_bookmark_list_add (list, b);
  pv_bookmark_list_add (list, c);

  node = pv_bookmark_list_to_json (list, dir);
  parsed = reparse (node);

  /* What is written: relative inside the project folder, as is outside. */
  g_assert_true (JSON_NODE_HOLDS_ARRAY (parsed));
  array = json_node_get_array (parsed);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  json_layers = json_object_get_array_member (json_array_get_object_element (array, 0), "layers");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_layers, 0), "source"),
                   ==, "du-lieu/quy_hoach_2030.shp");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_layers, 1), "source"),
                   ==, "ban-ve.dxf");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_layers, 1), "sublayer"),
                   ==, "RANH_GIOI");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_layers, 2), "source"),
                   ==, "/srv/gis/ranh_gioi_tinh.gpkg");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_layers, 3), "source"),
                   ==, "PG:dbname=quyhoach");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (array, 2), "crs"));
  g_assert_false (json_object_has_member (json_array_get_object_element (array, 1), "notes"));

  /* A file beside the project folder is "../…", as the project's layers. */
  {
    g_autoptr(PvBookmarkList) beside = pv_bookmark_list_new ();
    g_autoptr(PvBookmark) d = pv_bookmark_new ("Bên cạnh", vn2000, 0, 0, 1, 1);
    g_autofree char *source = g_build_filename (moved, "chung.shp", NULL);
    g_autofree char *base = g_path_get_basename (moved);
    g_autofree char *want = g_build_filename ("..", base, "chung.shp", NULL);
    PvBookmarkLayer *layer = pv_bookmark_layer_new (source, "chung", NULL);
    g_autoptr(JsonNode) beside_node = NULL;
    JsonArray *beside_layers;

    pv_bookmark_set_layers (d, &layer, 1);
    pv_bookmark_layer_free (layer);
    pv_bookmark_list_add (beside, d);
    beside_node = pv_bookmark_list_to_json (beside, dir);
    beside_layers = json_object_get_array_member (json_array_get_object_element (json_node_get_array (beside_node), 0),
                                                  "layers");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (beside_layers, 0), "source"),
                     ==, want);
  }

  loaded = pv_bookmark_list_new_from_json (parsed, dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (pv_bookmark_equal (pv_bookmark_list_get_bookmark (loaded, i),
                                      pv_bookmark_list_get_bookmark (list, i)));

  /* A project folder that moved takes its relative sources along. */
  loaded_moved = pv_bookmark_list_new_from_json (parsed, moved, &error);
  g_assert_no_error (error);
  {
    PvBookmark *m = pv_bookmark_list_get_bookmark (loaded_moved, 0);
    g_autofree char *want = g_build_filename (moved, "du-lieu", "quy_hoach_2030.shp", NULL);

    g_assert_cmpstr (pv_bookmark_get_layer (m, 0)->source, ==, want);
    g_assert_cmpstr (pv_bookmark_get_layer (m, 2)->source, ==, "/srv/gis/ranh_gioi_tinh.gpkg");
    g_assert_cmpstr (pv_bookmark_get_layer (m, 3)->source, ==, "PG:dbname=quyhoach");
  }

  /* Without a project folder, sources stay as they are. */
  {
    g_autoptr(JsonNode) absolute = pv_bookmark_list_to_json (list, NULL);
    JsonArray *l = json_object_get_array_member (json_array_get_object_element (json_node_get_array (absolute), 0),
                                                 "layers");

    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (l, 0), "source"), ==, inside);
  }

  /* An empty list, and a null member. */
  {
    g_autoptr(PvBookmarkList) empty = pv_bookmark_list_new ();
    g_autoptr(JsonNode) empty_node = pv_bookmark_list_to_json (empty, dir);
    g_autoptr(PvBookmarkList) back = pv_bookmark_list_new_from_json (empty_node, dir, &error);
    g_autoptr(JsonNode) null_node = json_node_new (JSON_NODE_NULL);
    g_autoptr(PvBookmarkList) from_null = pv_bookmark_list_new_from_json (null_node, dir, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (back)), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (from_null)), ==, 0);
  }

  for (guint i = 0; i < 4; i++)
    pv_bookmark_layer_free (layers[i]);
  pv_test_remove_dir (dir);
  pv_test_remove_dir (moved);
}

static void
test_json_errors (void)
{
  const struct
  {
    const char *json;
    const char *message_part;
  } cases[] = {
    { "{\"name\": \"x\"}", "not a list" },
    { "[42]", "Bookmark 1 is not a JSON object" },
    { "[{\"extent\": [0, 0, 1, 1]}]", "Bookmark 1 has no name" },
    { "[{\"name\": \"A\", \"extent\": [0, 0, 1, 1]}, {\"name\": 5, \"extent\": [0, 0, 1, 1]}]",
      "Bookmark 2 has no name" },
    { "[{\"name\": \"Bến Cát\", \"extent\": [0, 0, 1]}]", "“Bến Cát”: the extent is not four numbers" },
    { "[{\"name\": \"A\", \"extent\": [0, 0, \"1\", 1]}]", "the extent is not four numbers" },
    { "[{\"name\": \"A\", \"extent\": [5, 0, 1, 1]}]", "the extent is empty" },
    { "[{\"name\": \"A\", \"crs\": \"EPSG:999999\", \"extent\": [0, 0, 1, 1]}]",
      "the coordinate system is not valid" },
    { "[{\"name\": \"A\", \"crs\": 4326, \"extent\": [0, 0, 1, 1]}]", "the coordinate system is not text" },
    { "[{\"name\": \"A\", \"extent\": [0, 0, 1, 1], \"layers\": [{\"layer\": \"x\"}]}]",
      "layer 1 has no source file" },
    { "[{\"name\": \"A\", \"extent\": [0, 0, 1, 1], \"layers\": {}}]", "the layers are not a list" },
    { "[{\"name\": \"A\", \"notes\": [], \"extent\": [0, 0, 1, 1]}]", "the notes are not text" },
    { "[{\"name\": \"A\", \"extent\": [0, 0, 1, 1], \"compare\": {\"mode\": \"fade\"}}]",
      "the compare mode is not" },
    { "[{\"name\": \"A\", \"extent\": [0, 0, 1, 1], \"compare\": \"swipe\"}]", "the compare mode is not" },
    { "[{\"name\": \"A\", \"extent\": [0, 0, 1, 1], \"compare\": {\"mode\": \"swipe\", \"layers\": 3}}]",
      "the compared layers are not a list" },
    { "[{\"name\": \"A\", \"extent\": [0, 0, 1, 1], \"compare\": {\"mode\": \"spyglass\", \"layers\": [{}]}}]",
      "compared layer 1 has no source file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(PvBookmarkList) list = NULL;

      json_parser_load_from_data (parser, cases[i].json, -1, &error);
      g_assert_no_error (error);
      list = pv_bookmark_list_new_from_json (json_parser_get_root (parser), "/tmp", &error);
      g_assert_null (list);
      g_assert_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID);
      if (strstr (error->message, cases[i].message_part) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].message_part);
    }
}

/* Capture from a view and restore the visible layers, with layers of a CAD
 * drawing told apart by their sub-layer. */

static PvLayer *
open_cad (const char *path,
          const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_sublayer (path, NULL, "Layer", value, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  return g_object_ref (g_ptr_array_index (layers, 0));
}

static void
test_apply_layers (void)
{
  g_autofree char *roads_path = pv_test_sample_path ("roads.shp");
  g_autofree char *rivers_path = pv_test_sample_path ("rivers.shp");
  g_autofree char *districts_path = pv_test_sample_path ("districts.shp");
  g_autofree char *dir = NULL;
  g_autofree char *drawing = NULL;
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) viewport = pv_viewport_new ();
  g_autoptr(PvCrs) vn2000 = crs_from_epsg (9210);
  g_autoptr(PvBookmark) bookmark = NULL;
  g_autoptr(PvBookmarkList) list = pv_bookmark_list_new ();
  g_autoptr(PvBookmarkList) loaded = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const gboolean visible[] = { TRUE, FALSE, TRUE, TRUE, FALSE };
  PvLayer *layers[5];
  double e[4], v[4];

  if (!g_file_test (roads_path, G_FILE_TEST_EXISTS) || !g_file_test (districts_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data-samples have not been generated");
      return;
    }
  dir = pv_test_make_temp_dir ("pv-bookmark");
  drawing = pv_test_write_cad_drawing (dir);
  layers[0] = pv_test_open_layer (roads_path);
  layers[1] = pv_test_open_layer (rivers_path);
  layers[2] = pv_test_open_layer (districts_path);
  layers[3] = open_cad (drawing, "RANH_GIOI");
  layers[4] = open_cad (drawing, "Đường");
  for (guint i = 0; i < 5; i++)
    {
      pv_map_add_layer (map, layers[i]);
      pv_layer_set_visible (layers[i], visible[i]);
    }
  /* The samples mix VN-2000 zones: the map shows Bình Dương's. */
  pv_map_set_crs (map, vn2000);
  pv_viewport_set_size (viewport, 800, 600);
  pv_viewport_fit_extent (viewport, 590000, 1210000, 610000, 1225000);

  bookmark = pv_bookmark_new_from_view ("Hiện trạng", map, viewport);
  g_assert_cmpstr (pv_bookmark_get_name (bookmark), ==, "Hiện trạng");
  g_assert_true (pv_crs_equals (pv_bookmark_get_crs (bookmark), pv_map_get_crs (map)));
  g_assert_cmpint (pv_crs_get_epsg (pv_bookmark_get_crs (bookmark)), ==, 9210);
  pv_bookmark_get_extent (bookmark, e);
  pv_viewport_get_extent (viewport, &v[0], &v[1], &v[2], &v[3]);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (e[i], ==, v[i]);
  /* Bottom first, the visible ones only; the drawing's two layers differ by
   * their sub-layer alone. */
  g_assert_cmpuint (pv_bookmark_get_n_layers (bookmark), ==, 3);
  g_assert_cmpstr (pv_bookmark_get_layer (bookmark, 0)->source, ==, roads_path);
  g_assert_cmpstr (pv_bookmark_get_layer (bookmark, 1)->source, ==, districts_path);
  g_assert_cmpstr (pv_bookmark_get_layer (bookmark, 2)->source, ==, drawing);
  g_assert_cmpstr (pv_bookmark_get_layer (bookmark, 2)->sublayer, ==, "RANH_GIOI");
  g_assert_cmpstr (pv_bookmark_get_layer (bookmark, 2)->source_layer, ==,
                   pv_layer_get_source_layer (layers[4]));

  /* Everything the other way round, then back to the bookmark. */
  for (guint i = 0; i < 5; i++)
    pv_layer_set_visible (layers[i], !visible[i]);
  g_assert_true (pv_bookmark_apply_layers (bookmark, map));
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (pv_layer_get_visible (layers[i]), ==, visible[i]);

  /* Through a project file: the bookmark finds the layers again. */
  pv_bookmark_list_add (list, bookmark);
  node = pv_bookmark_list_to_json (list, dir);
  loaded = pv_bookmark_list_new_from_json (node, dir, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    pv_layer_set_visible (layers[i], TRUE);
  g_assert_true (pv_bookmark_apply_layers (pv_bookmark_list_get_bookmark (loaded, 0), map));
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (pv_layer_get_visible (layers[i]), ==, visible[i]);

  /* A path spelled differently still names the same file. */
  {
    g_autofree char *parent = g_path_get_dirname (roads_path);
    g_autofree char *base = g_path_get_basename (parent);
    g_autofree char *detour = g_build_filename (parent, "..", base, ".", "roads.shp", NULL);
    g_autoptr(PvBookmarkLayer) same = pv_bookmark_layer_new (detour, pv_layer_get_source_layer (layers[0]), NULL);
    g_autoptr(PvBookmarkLayer) other_sub = pv_bookmark_layer_new (drawing, pv_layer_get_source_layer (layers[3]),
                                                                  "KHAC");

    g_assert_true (pv_bookmark_layer_matches (same, layers[0]));
    g_assert_false (pv_bookmark_layer_matches (same, layers[1]));
    g_assert_false (pv_bookmark_layer_matches (other_sub, layers[3]));
  }

  /* A layer that is gone is ignored: the others still follow, and FALSE
   * says that something was missing. */
  {
    g_autoptr(PvBookmarkLayer) gone = pv_bookmark_layer_new ("/nonexistent/thua_dat.shp", "thua_dat", NULL);
    g_autoptr(PvBookmarkLayer) rivers = pv_bookmark_layer_new_for_layer (layers[1]);
    PvBookmarkLayer *wanted[] = { gone, rivers };

    pv_bookmark_set_layers (bookmark, wanted, 2);
    g_assert_false (pv_bookmark_apply_layers (bookmark, map));
    for (guint i = 0; i < 5; i++)
      g_assert_cmpint (pv_layer_get_visible (layers[i]), ==, i == 1);
  }

  for (guint i = 0; i < 5; i++)
    g_object_unref (layers[i]);
  pv_test_remove_dir (dir);
}

/* Compare settings: notify, copy and equality, JSON ("compare" absent when
 * off, relative sources as for the layers), and group B as a map. */

static void
count_changes_cb (guint *changes)
{
  (*changes)++;
}

static void
test_compare (void)
{
  g_autofree char *dir = pv_test_make_temp_dir ("pv-bookmark");
  g_autofree char *inside = g_build_filename (dir, "du-lieu", "quy_hoach_2030.shp", NULL);
  g_autoptr(PvCrs) vn2000 = crs_from_epsg (9210);
  g_autoptr(PvBookmark) bookmark = pv_bookmark_new ("Trước / sau", vn2000, 0, 0, 10, 10);
  g_autoptr(PvBookmark) plain = pv_bookmark_new ("Không so sánh", vn2000, 0, 0, 10, 10);
  g_autoptr(PvBookmark) copy = NULL;
  g_autoptr(PvBookmarkList) list = pv_bookmark_list_new ();
  g_autoptr(PvBookmarkList) loaded = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PvBookmarkLayer *group_a[1], *group_b[2], **got;
  JsonObject *compare, *first;
  guint n = 99;

  group_a[0] = pv_bookmark_layer_new ("/srv/gis/hien_trang_2024.shp", "hien_trang_2024", NULL);
  group_b[0] = pv_bookmark_layer_new (inside, "quy_hoach_2030", NULL);
  group_b[1] = pv_bookmark_layer_new ("PG:dbname=quyhoach", "public.ranh_gioi", NULL);
  pv_bookmark_set_layers (bookmark, group_a, 1);
  pv_bookmark_set_layers (plain, group_a, 1);

  /* Off by default, with no layers. */
  g_assert_cmpint (pv_bookmark_get_compare_mode (bookmark), ==, PV_BOOKMARK_COMPARE_NONE);
  got = pv_bookmark_get_compare_layers (bookmark, &n);
  g_assert_cmpuint (n, ==, 0);

  g_signal_connect (bookmark, "notify", G_CALLBACK (count_notify_cb), log);
  pv_bookmark_set_compare_mode (bookmark, PV_BOOKMARK_COMPARE_SWIPE);
  pv_bookmark_set_compare_mode (bookmark, 1);
  pv_bookmark_set_compare_layers (bookmark, group_b, 2);
  pv_bookmark_set_compare_layers (bookmark, group_b, 2);
  g_assert_cmpstr (log->str, ==, "compare-mode;compare-layers;");
  got = pv_bookmark_get_compare_layers (bookmark, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (got[0]->source, ==, inside);
  g_assert_cmpstr (got[1]->source_layer, ==, "public.ranh_gioi");
  /* The copies are the bookmark's own. */
  g_assert_true (got[0] != group_b[0]);

  /* Equality and copies include them. */
  copy = pv_bookmark_copy (bookmark);
  g_assert_true (pv_bookmark_equal (copy, bookmark));
  pv_bookmark_set_compare_mode (copy, PV_BOOKMARK_COMPARE_SPYGLASS);
  g_assert_false (pv_bookmark_equal (copy, bookmark));
  pv_bookmark_set_compare_mode (copy, PV_BOOKMARK_COMPARE_SWIPE);
  pv_bookmark_set_compare_layers (copy, group_b, 1);
  g_assert_false (pv_bookmark_equal (copy, bookmark));
  pv_bookmark_set_compare_layers (copy, group_b, 2);
  g_assert_true (pv_bookmark_equal (copy, bookmark));

  pv_bookmark_list_add (list, bookmark);
  pv_bookmark_list_add (list, plain);
  pv_bookmark_list_add (list, copy);
  pv_bookmark_set_compare_mode (copy, PV_BOOKMARK_COMPARE_SPYGLASS);
  node = pv_bookmark_list_to_json (list, dir);
  parsed = reparse (node);

  /* What is written: the mode as a word, sources relative inside the project
   * folder; nothing at all for a bookmark without compare. */
  first = json_array_get_object_element (json_node_get_array (parsed), 0);
  compare = json_object_get_object_member (first, "compare");
  g_assert_nonnull (compare);
  g_assert_cmpstr (json_object_get_string_member (compare, "mode"), ==, "swipe");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (compare, "layers")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (compare, "layers"), 0),
                                                  "source"), ==, "du-lieu/quy_hoach_2030.shp");
  g_assert_false (json_object_has_member (json_array_get_object_element (json_node_get_array (parsed), 1),
                                          "compare"));
  compare = json_object_get_object_member (json_array_get_object_element (json_node_get_array (parsed), 2),
                                           "compare");
  g_assert_cmpstr (json_object_get_string_member (compare, "mode"), ==, "spyglass");

  /* A bookmark without compare writes exactly what it wrote before there
   * was compare: the members in their order, nothing more. */
  json_generator_set_root (generator, json_array_get_element (json_node_get_array (parsed), 1));
  text = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (text, ==,
                   "{\"name\":\"Không so sánh\",\"crs\":\"EPSG:9210\",\"extent\":[0.0,0.0,10.0,10.0],"
                   "\"layers\":[{\"source\":\"/srv/gis/hien_trang_2024.shp\",\"layer\":\"hien_trang_2024\","
                   "\"sublayer\":null}]}");

  loaded = pv_bookmark_list_new_from_json (parsed, dir, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    g_assert_true (pv_bookmark_equal (pv_bookmark_list_get_bookmark (loaded, i),
                                      pv_bookmark_list_get_bookmark (list, i)));
  g_assert_cmpint (pv_bookmark_get_compare_mode (pv_bookmark_list_get_bookmark (loaded, 1)), ==,
                   PV_BOOKMARK_COMPARE_NONE);
  g_assert_cmpint (pv_bookmark_get_compare_mode (pv_bookmark_list_get_bookmark (loaded, 2)), ==,
                   PV_BOOKMARK_COMPARE_SPYGLASS);

  /* A change of the compare settings is a change of the list (to save). */
  {
    guint changes = 0;

    g_signal_connect_swapped (list, "changed", G_CALLBACK (count_changes_cb), &changes);
    pv_bookmark_set_compare_layers (bookmark, NULL, 0);
    pv_bookmark_set_compare_mode (bookmark, PV_BOOKMARK_COMPARE_NONE);
    g_assert_cmpuint (changes, ==, 2);
  }

  pv_bookmark_layer_free (group_a[0]);
  for (guint i = 0; i < 2; i++)
    pv_bookmark_layer_free (group_b[i]);
  pv_test_remove_dir (dir);
}

/* Group B as a map: the compare layers shown whatever their visible flag,
 * the layers' own flags and the original map left alone. */
static void
test_compare_map (void)
{
  g_autofree char *roads_path = pv_test_sample_path ("roads.shp");
  g_autofree char *rivers_path = pv_test_sample_path ("rivers.shp");
  g_autofree char *districts_path = pv_test_sample_path ("districts.shp");
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvMap) group_b = NULL;
  g_autoptr(PvBookmark) bookmark = pv_bookmark_new ("So sánh", NULL, 0, 0, 1, 1);
  g_autoptr(PvBookmarkLayer) rivers = NULL;
  g_autoptr(PvBookmarkLayer) gone = pv_bookmark_layer_new ("/nonexistent/x.shp", "x", NULL);
  PvBookmarkLayer *wanted[2];
  PvLayer *layers[3];

  if (!g_file_test (roads_path, G_FILE_TEST_EXISTS) || !g_file_test (districts_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data-samples have not been generated");
      return;
    }
  layers[0] = pv_test_open_layer (roads_path);
  layers[1] = pv_test_open_layer (rivers_path);
  layers[2] = pv_test_open_layer (districts_path);
  for (guint i = 0; i < 3; i++)
    pv_map_add_layer (map, layers[i]);
  pv_layer_set_visible (layers[1], FALSE);

  rivers = pv_bookmark_layer_new_for_layer (layers[1]);
  wanted[0] = gone;
  wanted[1] = rivers;
  pv_bookmark_set_compare_layers (bookmark, wanted, 2);
  group_b = pv_bookmark_dup_compare_map (bookmark, map);
  g_assert_true (group_b != map);
  g_assert_cmpuint (pv_map_get_n_layers (group_b), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (pv_map_get_layer (group_b, i) == layers[i]);
      g_assert_cmpint (pv_map_shows_layer (group_b, layers[i]), ==, i == 1);
    }
  /* The window's map and the flags did not change. */
  g_assert_false (pv_layer_get_visible (layers[1]));
  g_assert_true (pv_map_shows_layer (map, layers[0]));
  g_assert_false (pv_map_shows_layer (map, layers[1]));

  for (guint i = 0; i < 3; i++)
    g_object_unref (layers[i]);
}

/* The extent in another CRS encloses the transformed edges: references from
 * PROJ's cct with the same EPSG:6960 operation, on 20 001 points per edge. */

static void
test_extent_transform (void)
{
  g_autoptr(PvCrs) vn2000 = crs_from_epsg (9210);
  g_autoptr(PvCrs) wgs84 = crs_from_epsg (4326);
  g_autoptr(GError) error = NULL;
  /* Both boxes straddle the central meridian 105°45′, where edges bend most:
   * their corners alone miss the extent by up to 1.4 m. */
  g_autoptr(PvBookmark) projected = pv_bookmark_new ("TM-3", vn2000, 490000, 1210000, 512000, 1232000);
  g_autoptr(PvBookmark) geographic = pv_bookmark_new ("WGS 84", wgs84, 105.70, 10.95, 105.85, 11.10);
  const double want_geographic[4] = { 105.660236272784, 10.941605430225, 105.861656339938, 11.140533954182 };
  const double want_projected[4] = { 494339.651764, 1210926.210211, 510733.889771, 1227518.602784 };
  double out[4], same[4];

  g_assert_true (pv_bookmark_get_extent_in (projected, wgs84, out, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (out[i], want_geographic[i], CM_IN_DEGREES);

  g_assert_true (pv_bookmark_get_extent_in (geographic, vn2000, out, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (out[i], want_projected[i], 0.01);

  /* The same CRS, or an unknown one, leaves the extent as it is. */
  g_assert_true (pv_bookmark_get_extent_in (projected, vn2000, same, &error));
  g_assert_cmpfloat (same[0], ==, 490000);
  g_assert_cmpfloat (same[3], ==, 1232000);
  g_assert_true (pv_bookmark_get_extent_in (projected, NULL, same, &error));
  g_assert_cmpfloat (same[2], ==, 512000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/bookmark/list-model", test_list_model);
  g_test_add_func ("/core/bookmark/properties", test_bookmark_properties);
  g_test_add_func ("/core/bookmark/json-round-trip", test_json_round_trip);
  g_test_add_func ("/core/bookmark/json-errors", test_json_errors);
  g_test_add_func ("/core/bookmark/apply-layers", test_apply_layers);
  g_test_add_func ("/core/bookmark/extent-transform", test_extent_transform);
  g_test_add_func ("/core/bookmark/compare", test_compare);
  g_test_add_func ("/core/bookmark/compare-map", test_compare_map);

  return g_test_run ();
}
