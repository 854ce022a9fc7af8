/* test-web-layer-dialog.c — "Add Web Layer" against an XYZ tree and a WMTS
 * capabilities document served on 127.0.0.1 by this test.
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pv-application.h"
#include "pv-gui-test-util.h"
#include "pv-test-http.h"
#include "pv-test-tiles.h"
#include "pv-test-util.h"
#include "pv-web-layer-dialog.h"

static char *tmp_dir;
static PvTestHttp *server;
static char *server_error;

/* The widget named name inside widget (the template sets names). */
static gboolean
map_has_layer (gpointer data)
{
  return pv_map_get_n_layers (data) > 0;
}

/* Listed, or failed (a status that is not the "…" of the work going on). */
static gboolean
layers_listed (gpointer data)
{
  GtkWidget *list = pv_gui_test_find_named (data, "layers");
  const char *status = gtk_label_get_text (GTK_LABEL (pv_gui_test_find_named (data, "status")));

  return gtk_widget_get_first_child (list) != NULL ||
         (strlen (status) > 0 && !g_str_has_suffix (status, "…"));
}

static void
write_wmts (const char *root,
            const char *base)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autofree char *path = g_build_filename (root, "wmts.xml", NULL);

  g_string_append_printf (xml,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Capabilities xmlns=\"http://www.opengis.net/wmts/1.0\" xmlns:ows=\"http://www.opengis.net/ows/1.1\""
    " version=\"1.0.0\"><Contents><Layer><ows:Title>Ảnh Thủ Dầu Một</ows:Title>"
    "<ows:Identifier>tdm</ows:Identifier>"
    "<ows:WGS84BoundingBox><ows:LowerCorner>106.60 10.93</ows:LowerCorner>"
    "<ows:UpperCorner>106.70 11.03</ows:UpperCorner></ows:WGS84BoundingBox>"
    "<Style isDefault=\"true\"><ows:Identifier>default</ows:Identifier></Style>"
    "<Format>image/png</Format>"
    "<TileMatrixSetLink><TileMatrixSet>g</TileMatrixSet></TileMatrixSetLink>"
    "<ResourceURL format=\"image/png\" resourceType=\"tile\" template=\"%s/{TileMatrix}/{TileCol}/{TileRow}.png\"/>"
    "</Layer><TileMatrixSet><ows:Identifier>g</ows:Identifier>"
    "<ows:SupportedCRS>urn:ogc:def:crs:EPSG::3857</ows:SupportedCRS>", base);
  for (int z = 0; z <= 14; z++)
    g_string_append_printf (xml,
      "<TileMatrix><ows:Identifier>%d</ows:Identifier><ScaleDenominator>%.10f</ScaleDenominator>"
      "<TopLeftCorner>%.10f %.10f</TopLeftCorner><TileWidth>256</TileWidth><TileHeight>256</TileHeight>"
      "<MatrixWidth>%d</MatrixWidth><MatrixHeight>%d</MatrixHeight></TileMatrix>",
      z, 559082264.0287178 / (1 << z), -PV_TEST_MERCATOR_HALF, PV_TEST_MERCATOR_HALF, 1 << z, 1 << z);
  g_string_append (xml, "</TileMatrixSet></Contents></Capabilities>\n");
  g_assert_true (g_file_set_contents (path, xml->str, -1, NULL));
}

/* Online sources off: the dialog says so, Add fetches nothing; turned on
 * from the dialog, Add opens the XYZ layer and saves the service. */
static void
test_xyz_offline_then_online (void)
{
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(GSettings) settings = pv_application_dup_settings ();
  g_autofree char *url = NULL;
  g_auto(GStrv) saved = NULL;
  GtkWidget *dialog;
  GtkWidget *add, *online;

  if (server == NULL)
    {
      g_test_skip (server_error);
      return;
    }
  url = g_strdup_printf ("%s/{z}/{x}/{y}.png", pv_test_http_get_base_url (server));
  pv_trust_set_network_enabled (FALSE);
  pv_test_http_reset (server);

  dialog = pv_web_layer_dialog_new (NULL, map);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  pv_gui_test_iterate ();
  add = pv_gui_test_find_named (dialog, "add");
  online = pv_gui_test_find_named (dialog, "online");
  g_assert_true (gtk_widget_get_visible (online));
  g_assert_true (pv_gui_test_tree_has_label_containing (dialog, "Online sources are off"));
  g_assert_false (gtk_widget_get_sensitive (add));

  /* A template without {z}: nothing to add. */
  pv_web_layer_dialog_set_service (PV_WEB_LAYER_DIALOG (dialog), PV_WEB_SERVICE_XYZ,
                                   "https://example.org/tiles.png");
  g_assert_false (gtk_widget_get_sensitive (add));
  pv_web_layer_dialog_set_service (PV_WEB_LAYER_DIALOG (dialog), PV_WEB_SERVICE_XYZ, url);
  g_assert_true (gtk_widget_get_sensitive (add));

  g_signal_emit_by_name (add, "clicked");
  pv_gui_test_spin (100);
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 0);
  g_assert_cmpuint (pv_test_http_get_n_requests (server), ==, 0);

  g_signal_emit_by_name (online, "clicked");
  g_assert_true (pv_trust_get_network_enabled ());
  g_signal_emit_by_name (add, "clicked");
  pv_gui_test_wait_until (map_has_layer, map, "the web layer added");
  g_assert_cmpstr (pv_layer_get_source (pv_map_get_layer (map, 0)), ==, url);
  g_assert_true (PV_IS_RASTER_LAYER (pv_map_get_layer (map, 0)));
  pv_gui_test_spin (50);
  g_assert_null (dialog);

  if (settings != NULL)
    {
      g_autofree char *entry = g_strconcat ("xyz ", url, NULL);

      saved = g_settings_get_strv (settings, "web-services");
      g_assert_cmpstr (saved[0], ==, entry);
      g_settings_set_boolean (settings, "online-sources", FALSE);
    }
  pv_trust_set_network_enabled (FALSE);
}

/* A WMTS service: its layers listed on a worker, the chosen one added. */
static void
test_wmts_list_and_add (void)
{
  g_autoptr(PvMap) map = pv_map_new ();
  g_autofree char *url = NULL;
  GtkWidget *dialog;
  GtkWidget *list;

  if (server == NULL)
    {
      g_test_skip (server_error);
      return;
    }
  url = g_strdup_printf ("%s/wmts.xml", pv_test_http_get_base_url (server));
  pv_trust_set_network_enabled (TRUE);

  dialog = pv_web_layer_dialog_new (NULL, map);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  pv_web_layer_dialog_set_service (PV_WEB_LAYER_DIALOG (dialog), PV_WEB_SERVICE_WMTS, url);
  g_assert_false (gtk_widget_get_sensitive (pv_gui_test_find_named (dialog, "add")));
  g_signal_emit_by_name (pv_gui_test_find_named (dialog, "list"), "clicked");
  pv_gui_test_wait_until (layers_listed, dialog, "the WMTS layers listed");
  list = pv_gui_test_find_named (dialog, "layers");
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  g_assert_true (gtk_widget_get_sensitive (pv_gui_test_find_named (dialog, "add")));

  g_signal_emit_by_name (pv_gui_test_find_named (dialog, "add"), "clicked");
  pv_gui_test_wait_until (map_has_layer, map, "the WMTS layer added");
  g_assert_true (g_str_has_prefix (pv_layer_get_source (pv_map_get_layer (map, 0)), "WMTS:"));
  g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (pv_map_get_layer (map, 0))), ==, 3857);
  pv_gui_test_spin (50);
  g_assert_null (dialog);
  pv_trust_set_network_enabled (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *www = NULL;
  g_autofree char *cache = NULL;
  int status;

  /* GDAL's tile cache of this run only, set before any thread starts. */
  tmp_dir = pv_test_make_temp_dir ("pv-test-web-layer-dialog");
  cache = g_build_filename (tmp_dir, "gdalwmscache", NULL);
  g_setenv ("GDAL_DEFAULT_WMS_CACHE_PATH", cache, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  if ((server = pv_test_tiles_serve_xyz (tmp_dir, 12, 13, NULL, &www, &server_error)) != NULL)
    write_wmts (www, pv_test_http_get_base_url (server));

  g_test_add_func ("/gui/web-layer-dialog/xyz-offline-then-online", test_xyz_offline_then_online);
  g_test_add_func ("/gui/web-layer-dialog/wmts-list-and-add", test_wmts_list_and_add);
  status = g_test_run ();

  g_clear_pointer (&server, pv_test_http_free);
  pv_test_remove_dir (tmp_dir);
  g_free (server_error);
  g_free (tmp_dir);
  return status;
}
