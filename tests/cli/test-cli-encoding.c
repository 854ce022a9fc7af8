/* test-cli-encoding.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pv-cli-test-util.h"
#include "pv-core.h"
#include "pv-test-util.h"

static char *
make_temp_dir (void)
{
  return pv_test_make_temp_dir ("pv-test-cli-encoding");
}

/* `info --json --features` of a one-layer file, parsed. */
static JsonNode *
info_json (const char *path,
           const char *encoding)
{
  g_autoptr(PvCliResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (encoding != NULL)
    result = pv_cli_run ("info", "--json", "--features", "--encoding", encoding, path, NULL);
  else
    result = pv_cli_run ("info", "--json", "--features", path, NULL);
  pv_cli_assert_exit (result, 0);
  root = json_from_string (result->out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return root;
}

static JsonObject *
first_layer (JsonNode *root)
{
  return json_array_get_object_element (json_node_get_array (root), 0);
}

/* Every legacy encoding, undeclared: the CLI shows the names exactly, to the
 * last letter, and says which encoding it found. */
static void
test_info_decodes (void)
{
  g_autofree char *dir = make_temp_dir ();
  const PvEncoding encodings[] = {
    PV_ENCODING_CP1258, PV_ENCODING_TCVN3, PV_ENCODING_VNI, PV_ENCODING_VISCII,
  };

  for (guint k = 0; k < G_N_ELEMENTS (encodings); k++)
    {
      g_autofree char *file = g_strdup_printf ("dia-danh-%u.shp", k);
      g_autofree char *path = pv_test_write_place_names (dir, file, "ESRI Shapefile", encodings[k]);
      g_autoptr(JsonNode) root = info_json (path, NULL);
      JsonObject *layer = first_layer (root);
      JsonObject *encoding = json_object_get_object_member (layer, "encoding");
      JsonArray *features = json_object_get_array_member (layer, "features");

      g_assert_cmpstr (json_object_get_string_member (encoding, "name"), ==, pv_encoding_get_name (encodings[k]));
      g_assert_cmpstr (json_object_get_string_member (encoding, "origin"), ==, "detected");
      g_assert_cmpuint (json_array_get_length (features), ==, pv_test_n_place_names);
      for (guint i = 0; i < pv_test_n_place_names; i++)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (features, i), "Tên"), ==,
                         pv_test_place_names[i]);
    }
  pv_test_remove_dir (dir);
}

/* --encoding overrides the detection; a wrong name is a usage error. */
static void
test_info_override (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = pv_test_write_place_names (dir, "vni.shp", "ESRI Shapefile", PV_ENCODING_VNI);
  g_autoptr(JsonNode) root = info_json (path, "tcvn3");
  JsonObject *encoding = json_object_get_object_member (first_layer (root), "encoding");
  g_autoptr(PvCliResult) text = pv_cli_run ("info", path, NULL);
  g_autoptr(PvCliResult) bad = pv_cli_run ("info", "--encoding", "klingon", path, NULL);

  g_assert_cmpstr (json_object_get_string_member (encoding, "name"), ==, "TCVN3");
  g_assert_cmpstr (json_object_get_string_member (encoding, "origin"), ==, "chosen");

  pv_cli_assert_exit (text, 0);
  g_assert_nonnull (strstr (text->out, "VNI-Windows"));
  g_assert_nonnull (strstr (text->out, "Tên (String)"));

  pv_cli_assert_exit (bad, 1);
  pv_cli_assert_one_error_line (bad);
  g_assert_nonnull (strstr (bad->err, "klingon"));
  pv_test_remove_dir (dir);
}

/* A drawing's layers are listed with their decoded names. */
static void
test_info_cad_layers (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = pv_test_write_cad_drawing (dir);
  g_autoptr(JsonNode) root = info_json (path, NULL);
  JsonObject *layer = first_layer (root);
  JsonArray *cad = json_object_get_array_member (layer, "cad_layers");
  JsonObject *encoding = json_object_get_object_member (layer, "encoding");
  gboolean seen = FALSE;

  g_assert_cmpstr (json_object_get_string_member (encoding, "declared"), ==, "ANSI_1258");
  g_assert_cmpuint (json_array_get_length (cad), ==, 2);
  for (guint i = 0; i < json_array_get_length (cad); i++)
    {
      JsonObject *entry = json_array_get_object_element (cad, i);

      if (g_str_equal (json_object_get_string_member (entry, "value"), "Đường"))
        {
          seen = TRUE;
          g_assert_cmpint (json_object_get_int_member (entry, "feature_count"), ==, 2);
        }
    }
  g_assert_true (seen);
  pv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/cli/encoding/info-decodes", test_info_decodes);
  g_test_add_func ("/cli/encoding/info-override", test_info_override);
  g_test_add_func ("/cli/encoding/info-cad-layers", test_info_cad_layers);

  return g_test_run ();
}
