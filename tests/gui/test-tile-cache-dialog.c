/* test-tile-cache-dialog.c — "Cache Tiles for Offline" with an XYZ layer
 * served on 127.0.0.1 by this test.
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pv-gui-test-util.h"
#include "pv-test-http.h"
#include "pv-test-tiles.h"
#include "pv-test-util.h"
#include "pv-tile-cache-dialog.h"

static char *tmp_dir;
static PvTestHttp *server;
static char *server_error;

static gboolean
add_visible (gpointer data)
{
  GtkLabel *status = GTK_LABEL (pv_gui_test_find_named (data, "status"));

  /* Done: the Add button, or a message that is not the "…" of the work. */
  return gtk_widget_get_visible (pv_gui_test_find_named (data, "add")) ||
         (g_str_has_suffix (gtk_label_get_text (status), ".") &&
          !g_str_has_suffix (gtk_label_get_text (status), "…"));
}

static void
layers_loaded_cb (PvLoadQueue *queue,
                  const char  *path,
                  GPtrArray   *layers,
                  PvMap       *map)
{
  for (guint i = 0; i < layers->len; i++)
    pv_map_add_layer (map, g_ptr_array_index (layers, i));
}

static gboolean
map_has_two_layers (gpointer data)
{
  return pv_map_get_n_layers (data) >= 2;
}

static void
test_cache_view (void)
{
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(PvCrs) vn2000 = pv_crs_new_from_epsg (9210, NULL);
  g_autoptr(PvCrs) mercator = pv_crs_new_from_epsg (3857, NULL);
  g_autoptr(PvTransform) t = pv_transform_new (mercator, vn2000, NULL);
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PvLoadQueue) queue = NULL;
  g_autofree char *url = NULL;
  g_autofree char *output = NULL;
  GtkWidget *parent;
  GtkWidget *dialog;
  double x = PV_TEST_TILES_CENTRE_X, y = PV_TEST_TILES_CENTRE_Y;

  if (server == NULL)
    {
      g_test_skip (server_error);
      return;
    }
  url = g_strdup_printf ("%s/{z}/{x}/{y}.png", pv_test_http_get_base_url (server));
  output = g_build_filename (tmp_dir, "hoi-nghi.mbtiles", NULL);
  pv_trust_set_network_enabled (TRUE);
  layers = pv_layer_open_all (url, NULL, NULL, &error);
  g_assert_no_error (error);
  pv_map_set_crs (map, vn2000);
  pv_map_add_layer (map, g_ptr_array_index (layers, 0));
  g_assert_true (pv_transform_point (t, &x, &y, NULL));
  pv_viewport_set_size (vp, 400, 300);
  pv_viewport_set_resolution (vp, 5.0);
  pv_viewport_set_center (vp, x, y);

  parent = gtk_window_new ();
  queue = pv_load_queue_new (GTK_WINDOW (parent));
  g_signal_connect (queue, "layers-loaded", G_CALLBACK (layers_loaded_cb), map);
  dialog = pv_tile_cache_dialog_new (GTK_WINDOW (parent), map, vp, queue);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  pv_gui_test_iterate ();

  /* The view at 5 m/px is shown at zoom 15: 13 (two out) to 16 (one in);
   * the estimate shown before starting. Cached: zoom 15 only. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (pv_gui_test_find_named (dialog, "min-zoom"))), ==, 13);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (pv_gui_test_find_named (dialog, "max-zoom"))), ==, 16);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (pv_gui_test_find_named (dialog, "max-zoom")), 15);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (pv_gui_test_find_named (dialog, "min-zoom")), 15);
  g_assert_cmpuint (pv_tile_cache_dialog_get_n_tiles (PV_TILE_CACHE_DIALOG (dialog)), >, 0);
  g_assert_cmpuint (pv_tile_cache_dialog_get_n_tiles (PV_TILE_CACHE_DIALOG (dialog)), <=, 9);
  g_assert_true (pv_gui_test_tree_has_label_containing (dialog, "tiles to fetch"));

  pv_tile_cache_dialog_set_output (PV_TILE_CACHE_DIALOG (dialog), output);
  pv_test_http_reset (server);
  g_signal_emit_by_name (pv_gui_test_find_named (dialog, "start"), "clicked");
  pv_gui_test_wait_until (add_visible, dialog, "the tiles cached");
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (pv_gui_test_find_named (dialog, "status"))));
  g_assert_true (gtk_widget_get_visible (pv_gui_test_find_named (dialog, "add")));
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (pv_test_http_get_n_requests (server), <=,
                    pv_tile_cache_dialog_get_n_tiles (PV_TILE_CACHE_DIALOG (dialog)));

  /* Added to the map through the load queue, it reads no tile over HTTP. */
  pv_trust_set_network_enabled (FALSE);
  g_signal_emit_by_name (pv_gui_test_find_named (dialog, "add"), "clicked");
  pv_gui_test_wait_until (map_has_two_layers, map, "the tile cache added");
  g_assert_cmpstr (pv_layer_get_source (pv_map_get_layer (map, 1)), ==, output);
  pv_gui_test_spin (50);
  g_assert_null (dialog);
  gtk_window_destroy (GTK_WINDOW (parent));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;
  int status;

  tmp_dir = pv_test_make_temp_dir ("pv-test-tile-cache-dialog");
  cache = g_build_filename (tmp_dir, "gdalwmscache", NULL);
  g_setenv ("GDAL_DEFAULT_WMS_CACHE_PATH", cache, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  server = pv_test_tiles_serve_xyz (tmp_dir, 15, 16, NULL, NULL, &server_error);

  g_test_add_func ("/gui/tile-cache-dialog/cache-view", test_cache_view);
  status = g_test_run ();

  g_clear_pointer (&server, pv_test_http_free);
  pv_test_remove_dir (tmp_dir);
  g_free (server_error);
  g_free (tmp_dir);
  return status;
}
