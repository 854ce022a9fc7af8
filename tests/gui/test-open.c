/* test-open.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdal.h>
#include <ogr_api.h>
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

/* A shapefile without .prj, made by GDAL, whose points are in Bình Dương's
 * TM-3 105°45′ grid (x 600 000–610 000, y 1 210 000–1 220 000: Thủ Dầu Một,
 * Thuận An). */
static char *
write_tm3_shapefile (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "tm3_no_prj.shp", NULL);
  GDALDriverH driver = GDALGetDriverByName ("ESRI Shapefile");
  GDALDatasetH dataset;
  OGRLayerH layer;
  const double points[][2] = { { 600000, 1210000 }, { 610000, 1220000 }, { 604500, 1214200 } };

  g_assert_nonnull (driver);
  dataset = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (dataset);
  layer = GDALDatasetCreateLayer (dataset, "tm3_no_prj", NULL, wkbPoint, NULL);
  g_assert_nonnull (layer);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);

      OGR_G_SetPoint_2D (point, 0, points[i][0], points[i][1]);
      OGR_F_SetGeometryDirectly (feature, point);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  return g_steal_pointer (&path);
}

static gboolean
suggestions_shown (gpointer data)
{
  AdwMessageDialog *dialog = data;
  GtkWidget *box = pv_gui_test_find_named (adw_message_dialog_get_extra_child (dialog), "suggestions");

  /* It holds check buttons once the worker is done (or hides: none). */
  g_assert_nonnull (box);
  return pv_gui_test_find_widget_of_type (box, GTK_TYPE_CHECK_BUTTON) != NULL || !gtk_widget_get_visible (box);
}

/* The likely CRSs of the file's coordinates come first, Bình Dương's
 * ticked, before the fixed choices; nothing is assigned until Assign. */
static void
test_open_ask_crs_suggested (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-open-XXXXXX", &error);
  g_autofree char *path = NULL;
  AdwMessageDialog *dialog;
  PvWindow *window;
  Watch watch = { 0 };
  GtkWidget *box;
  PvMap *map;
  guint n_suggested = 0;
  guint n_visible_9210 = 0;

  g_assert_no_error (error);
  path = write_tm3_shapefile (dir);
  window = pv_gui_test_window_new (1000, 800);
  watch_init (&watch, window);
  map = pv_window_get_map (window);

  pv_gui_test_window_open_path (window, path);
  pv_gui_test_wait_until (crs_question_shown, NULL, "the CRS question");
  dialog = ADW_MESSAGE_DIALOG (pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  pv_gui_test_wait_until (suggestions_shown, dialog, "the suggested CRSs");

  box = pv_gui_test_find_named (adw_message_dialog_get_extra_child (dialog), "suggestions");
  g_assert_true (gtk_widget_get_visible (box));
  /* It comes first in the dialog: the first choice is a suggestion. */
  g_assert_true (gtk_widget_has_css_class (pv_gui_test_find_widget_of_type (adw_message_dialog_get_extra_child (dialog),
                                                                            GTK_TYPE_CHECK_BUTTON),
                                           "pv-suggested-crs"));
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_CHECK_BUTTON (child))
        continue;
      g_assert_true (gtk_widget_has_css_class (child, "pv-suggested-crs"));
      if (n_suggested++ == 0)
        {
          /* EPSG:9210 first, ticked, named with its provinces. */
          g_assert_cmpstr (gtk_widget_get_name (child), ==, "EPSG:9210");
          g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)));
          g_assert_nonnull (strstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (child)), "Bình Dương"));
        }
      else
        g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)));
    }
  /* Other VN-2000 grids that fit these coordinates follow. */
  g_assert_cmpuint (n_suggested, >, 1);
  g_test_message ("%u suggestions", n_suggested);

  /* The fixed choice EPSG:9210 is not offered twice. */
  for (GtkWidget *w = gtk_widget_get_next_sibling (box); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_CHECK_BUTTON (w) && gtk_widget_get_visible (w) &&
        g_strcmp0 (gtk_widget_get_name (w), "EPSG:9210") == 0)
      n_visible_9210++;
  g_assert_cmpuint (n_visible_9210, ==, 0);
  /* The fixed choices are still there, after the suggestions. */
  g_assert_nonnull (pv_gui_test_find_named (adw_message_dialog_get_extra_child (dialog), "EPSG:32648"));

  /* Nothing assumed before the user answers. */
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 0);
  adw_message_dialog_response (dialog, "assign");
  pv_gui_test_wait_until (pv_gui_test_not_loading, window, "the layer with the suggested CRS");
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 1);
  g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (pv_map_get_layer (map, 0))), ==, 9210);
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
  g_test_add_func ("/gui/open/ask-crs-suggested", test_open_ask_crs_suggested);
  g_test_add_func ("/gui/open/cancel", test_open_cancel);
  g_test_add_func ("/gui/open/error-keeps-others", test_open_error_keeps_others);

  return g_test_run ();
}
