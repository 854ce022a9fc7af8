/* test-open.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pv-gui-test-util.h"
#include "pv-layer-chooser.h"
#include "pv-layer-panel.h"
#include "pv-test-util.h"
#include "pv-window.h"

typedef struct
{
  GPtrArray *errors;     /* messages */
  double     max_fraction;
} Watch;

static void
error_cb (PvLoadQueue  *queue,
          const GError *error,
          Watch        *watch)
{
  g_ptr_array_add (watch->errors, g_strdup (error->message));
}

static void
fraction_cb (PvLoadQueue *queue,
             GParamSpec  *pspec,
             Watch       *watch)
{
  watch->max_fraction = MAX (watch->max_fraction, pv_load_queue_get_fraction (queue));
}

static void
watch_init (Watch    *watch,
            PvWindow *window)
{
  watch->errors = g_ptr_array_new_with_free_func (g_free);
  watch->max_fraction = -1;
  g_signal_connect (pv_window_get_load_queue (window), "error", G_CALLBACK (error_cb), watch);
  g_signal_connect (pv_window_get_load_queue (window), "notify::fraction", G_CALLBACK (fraction_cb), watch);
}

static void
watch_clear (Watch    *watch,
             PvWindow *window)
{
  g_signal_handlers_disconnect_by_data (pv_window_get_load_queue (window), watch);
  g_clear_pointer (&watch->errors, g_ptr_array_unref);
}

static gboolean
chooser_shown (gpointer data)
{
  return pv_gui_test_find_toplevel (PV_TYPE_LAYER_CHOOSER) != NULL;
}

static gboolean
crs_question_shown (gpointer data)
{
  GtkWindow *dialog = pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_widget_has_css_class (GTK_WIDGET (dialog), "pv-ask-crs");
}

static void
test_open_multi_layer (void)
{
  g_autofree char *path = pv_test_realdata_path ("vector/kml_samples/samples.kml");
  PvLayerChooser *chooser;
  PvWindow *window;
  Watch watch = { 0 };
  PvMap *map;
  guint n;

  if (path == NULL)
    {
      g_test_skip ("../shared/realdata is absent");
      return;
    }
  window = pv_gui_test_window_new (1000, 800);
  watch_init (&watch, window);
  map = pv_window_get_map (window);
  pv_gui_test_window_open_path (window, path);

  /* The chooser lists the ten folders before any is read, all ticked. */
  pv_gui_test_wait_until (chooser_shown, NULL, "the layer chooser");
  chooser = PV_LAYER_CHOOSER (pv_gui_test_find_toplevel (PV_TYPE_LAYER_CHOOSER));
  n = pv_layer_chooser_get_n_layers (chooser);
  g_assert_cmpuint (n, ==, 10);
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 0);
  for (guint i = 0; i < n; i++)
    g_assert_true (pv_layer_chooser_get_layer_active (chooser, i));

  /* Select None, then tick Placemarks and Polygons through their rows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chooser), "chooser.select-none", NULL));
  for (guint i = 0; i < n; i++)
    g_assert_false (pv_layer_chooser_get_layer_active (chooser, i));
  {
    GtkWidget *list = pv_gui_test_find_widget_of_type (GTK_WIDGET (chooser), GTK_TYPE_LIST_BOX);
    GtkListBoxRow *row0 = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
    GtkListBoxRow *row6 = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 6);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row0)), ==, "Placemarks");
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row6)), ==, "Polygons");
    g_signal_emit_by_name (row0, "activate");
    g_signal_emit_by_name (row6, "activate");
  }
  g_assert_true (pv_layer_chooser_get_layer_active (chooser, 0));
  g_assert_true (pv_layer_chooser_get_layer_active (chooser, 6));
  g_assert_false (pv_layer_chooser_get_layer_active (chooser, 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chooser), "chooser.open", NULL));

  pv_gui_test_wait_until (pv_gui_test_not_loading, window, "the chosen layers");
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 2);
  g_assert_cmpstr (pv_layer_get_source_layer (pv_map_get_layer (map, 0)), ==, "Placemarks");
  g_assert_cmpstr (pv_layer_get_source_layer (pv_map_get_layer (map, 1)), ==, "Polygons");
  g_assert_cmpuint (watch.errors->len, ==, 0);
  /* Progress went through the two layers. */
  g_assert_cmpfloat (watch.max_fraction, >, 0.0);

  /* Cancel in the chooser adds nothing. */
  pv_gui_test_window_open_path (window, path);
  pv_gui_test_wait_until (chooser_shown, NULL, "the layer chooser again");
  chooser = PV_LAYER_CHOOSER (pv_gui_test_find_toplevel (PV_TYPE_LAYER_CHOOSER));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chooser), "chooser.cancel", NULL));
  pv_gui_test_wait_until (pv_gui_test_not_loading, window, "the cancelled chooser");
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 2);
  g_assert_cmpuint (watch.errors->len, ==, 0);

  watch_clear (&watch, window);
  pv_gui_test_drain ();
  pv_gui_test_window_destroy_drained (window);
}

/* A copy of districts.shp without its .prj: GDAL reports no CRS. */
static char *
write_crs_less_shapefile (const char *dir)
{
  const char *exts[] = { "shp", "shx", "dbf", "cpg" };

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *name = g_strdup_printf ("districts.%s", exts[i]);
      g_autofree char *src = pv_test_sample_path (name);
      g_autofree char *dst_name = g_strdup_printf ("no_crs.%s", exts[i]);
      g_autofree char *dst = g_build_filename (dir, dst_name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;

      g_file_get_contents (src, &contents, &len, &error);
      g_assert_no_error (error);
      g_file_set_contents (dst, contents, len, &error);
      g_assert_no_error (error);
    }
  return g_build_filename (dir, "no_crs.shp", NULL);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
test_open_ask_crs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-open-XXXXXX", &error);
  g_autofree char *path = NULL;
  AdwMessageDialog *dialog;
  PvWindow *window;
  Watch watch = { 0 };
  PvLayer *layer;
  PvMap *map;

  g_assert_no_error (error);
  path = write_crs_less_shapefile (dir);
  window = pv_gui_test_window_new (1000, 800);
  watch_init (&watch, window);
  map = pv_window_get_map (window);

  /* Assign: Bình Dương's zone is the first choice and ticked. */
  pv_gui_test_window_open_path (window, path);
  pv_gui_test_wait_until (crs_question_shown, NULL, "the CRS question");
  dialog = ADW_MESSAGE_DIALOG (pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "no_crs.shp"));
  {
    GtkWidget *check = pv_gui_test_find_widget_of_type (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_CHECK_BUTTON);

    g_assert_cmpstr (gtk_widget_get_name (check), ==, "EPSG:9210");
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  }
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 0);
  adw_message_dialog_response (dialog, "assign");
  pv_gui_test_wait_until (pv_gui_test_not_loading, window, "the layer with its CRS");
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 1);
  layer = pv_map_get_layer (map, 0);
  g_assert_nonnull (pv_layer_get_crs (layer));
  g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (layer)), ==, 9210);
  g_assert_null (pv_layer_get_notice (layer));
  g_assert_cmpint (pv_crs_get_epsg (pv_map_get_crs (map)), ==, 9210);

  /* Another code typed in the entry. */
  pv_gui_test_window_open_path (window, path);
  pv_gui_test_wait_until (crs_question_shown, NULL, "the CRS question again");
  dialog = ADW_MESSAGE_DIALOG (pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  {
    GtkWidget *entry = pv_gui_test_find_widget_of_type (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY);

    gtk_editable_set_text (GTK_EDITABLE (entry), "not a crs");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "assign"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "3405");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "assign"));
  }
  adw_message_dialog_response (dialog, "assign");
  pv_gui_test_wait_until (pv_gui_test_not_loading, window, "the layer with the typed CRS");
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 2);
  g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (pv_map_get_layer (map, 1))), ==, 3405);

  /* Keep unknown. */
  pv_gui_test_window_open_path (window, path);
  pv_gui_test_wait_until (crs_question_shown, NULL, "the CRS question a third time");
  dialog = ADW_MESSAGE_DIALOG (pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "keep");
  pv_gui_test_wait_until (pv_gui_test_not_loading, window, "the layer without CRS");
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 3);
  g_assert_null (pv_layer_get_crs (pv_map_get_layer (map, 2)));
  g_assert_nonnull (pv_layer_get_notice (pv_map_get_layer (map, 2)));
  g_assert_cmpuint (watch.errors->len, ==, 0);

  watch_clear (&watch, window);
  pv_gui_test_drain ();
  pv_gui_test_window_destroy_drained (window);
  remove_dir (dir);
}

static void
test_open_cancel (void)
{
  g_autofree char *path = pv_test_sample_path ("hien_trang_2024.shp");
  PvWindow *window = pv_gui_test_window_new (1000, 800);
  PvLoadQueue *queue = pv_window_get_load_queue (window);
  Watch watch = { 0 };

  watch_init (&watch, window);
  pv_gui_test_window_open_path (window, path);
  g_assert_true (pv_window_get_loading (window));
  g_assert_true (pv_load_queue_get_loading (queue));
  pv_load_queue_cancel (queue);
  pv_gui_test_wait_until (pv_gui_test_not_loading, window, "the cancelled load");
  pv_gui_test_drain ();
  g_assert_cmpuint (pv_map_get_n_layers (pv_window_get_map (window)), ==, 0);
  g_assert_cmpuint (watch.errors->len, ==, 0);

  /* The queue works again afterwards. */
  pv_gui_test_window_open_path (window, path);
  pv_gui_test_wait_until (pv_gui_test_not_loading, window, "the load after the cancel");
  g_assert_cmpuint (pv_map_get_n_layers (pv_window_get_map (window)), ==, 1);

  watch_clear (&watch, window);
  pv_gui_test_window_destroy_drained (window);
}

static void
test_open_error_keeps_others (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-open-XXXXXX", &error);
  g_autofree char *bad = g_build_filename (dir, "hỏng.gpkg", NULL);
  g_autofree char *good = pv_test_sample_path ("rivers.shp");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  PvWindow *window = pv_gui_test_window_new (1000, 800);
  Watch watch = { 0 };

  g_assert_no_error (error);
  g_file_set_contents (bad, "not a geopackage", -1, &error);
  g_assert_no_error (error);
  watch_init (&watch, window);

  g_ptr_array_add (files, g_file_new_for_path (bad));
  g_ptr_array_add (files, g_file_new_for_path (good));
  pv_window_open_files (window, (GFile **) files->pdata, files->len);
  pv_gui_test_wait_until (pv_gui_test_not_loading, window, "the good and the bad file");

  g_assert_cmpuint (pv_map_get_n_layers (pv_window_get_map (window)), ==, 1);
  g_assert_cmpuint (watch.errors->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (watch.errors, 0), "hỏng.gpkg"));

  watch_clear (&watch, window);
  pv_gui_test_window_destroy_drained (window);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/open/multi-layer", test_open_multi_layer);
  g_test_add_func ("/gui/open/ask-crs", test_open_ask_crs);
  g_test_add_func ("/gui/open/cancel", test_open_cancel);
  g_test_add_func ("/gui/open/error-keeps-others", test_open_error_keeps_others);

  return g_test_run ();
}
