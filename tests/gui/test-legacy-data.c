/* test-legacy-data.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Data as it arrives from planning offices, opened as a user would: CAD
 * drawings with layers, shapefiles in legacy Vietnamese encodings. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pv-attribute-table.h"
#include "pv-gui-test-util.h"
#include "pv-layer-chooser.h"
#include "pv-layer-panel.h"
#include "pv-layer-properties.h"
#include "pv-test-util.h"
#include "pv-window.h"

static char *
make_temp_dir (void)
{
  return pv_test_make_temp_dir ("pv-test-legacy-data");
}

static gboolean
chooser_shown (gpointer data)
{
  return pv_gui_test_find_toplevel (PV_TYPE_LAYER_CHOOSER) != NULL;
}

static gboolean
crs_question_or_done (gpointer window)
{
  GtkWindow *dialog = pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return (dialog != NULL && gtk_widget_has_css_class (GTK_WIDGET (dialog), "pv-ask-crs")) ||
         pv_gui_test_not_loading (window);
}

static gboolean
suggestion_ticked (gpointer data)
{
  GtkWidget *suggested = pv_gui_test_find_named (adw_message_dialog_get_extra_child (data), "EPSG:9210");

  return suggested != NULL && GTK_IS_CHECK_BUTTON (suggested) &&
         gtk_check_button_get_active (GTK_CHECK_BUTTON (suggested));
}

/* A drawing carries no CRS: take the suggested one (its coordinates are
 * Bình Dương's TM-3 zone) each time it is asked. */
static void
answer_crs_questions (PvWindow *window)
{
  for (guint n = 0; n < 4; n++)
    {
      AdwMessageDialog *dialog;

      pv_gui_test_wait_until (crs_question_or_done, window, "the CRS question or the layers");
      dialog = ADW_MESSAGE_DIALOG (pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      if (dialog == NULL)
        return;
      pv_gui_test_wait_until (suggestion_ticked, dialog, "EPSG:9210 suggested");
      adw_message_dialog_response (dialog, "assign");
      pv_gui_test_drain ();
    }
}

static gboolean
has_layer_named (PvMap      *map,
                 const char *name)
{
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    if (g_strcmp0 (pv_layer_get_name (pv_map_get_layer (map, i)), name) == 0)
      return TRUE;
  return FALSE;
}

/* Opening a drawing offers its layers by their (decoded) names, ticked one
 * by one rather than the whole drawing, and adds them as map layers. */
static void
test_dxf_layers_chooser (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = pv_test_write_cad_drawing (dir);
  PvWindow *window = pv_gui_test_window_new (1000, 800);
  PvMap *map = pv_window_get_map (window);
  PvLayerChooser *chooser;
  guint n_active = 0;

  pv_gui_test_window_open_path (window, path);
  pv_gui_test_wait_until (chooser_shown, NULL, "the layer chooser");
  chooser = PV_LAYER_CHOOSER (pv_gui_test_find_toplevel (PV_TYPE_LAYER_CHOOSER));
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (chooser), "Đường"));
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (chooser), "RANH_GIOI"));
  g_assert_cmpuint (pv_layer_chooser_get_n_layers (chooser), ==, 3);
  /* The whole drawing comes first, unticked. */
  g_assert_false (pv_layer_chooser_get_layer_active (chooser, 0));
  for (guint i = 0; i < pv_layer_chooser_get_n_layers (chooser); i++)
    n_active += pv_layer_chooser_get_layer_active (chooser, i);
  g_assert_cmpuint (n_active, ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chooser), "chooser.open", NULL));
  answer_crs_questions (window);
  pv_gui_test_wait_until (pv_gui_test_not_loading, window, "the drawing's layers");
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 2);
  g_assert_true (has_layer_named (map, "quy-hoach.dxf — Đường"));
  g_assert_true (has_layer_named (map, "quy-hoach.dxf — RANH_GIOI"));
  g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (pv_map_get_layer (map, 0))), ==, 9210);

  pv_gui_test_window_destroy_drained (window);
  pv_test_remove_dir (dir);
}

static PvLayerProperties *
open_properties (PvWindow *window)
{
  GtkWidget *panel = pv_gui_test_find_widget_of_type (GTK_WIDGET (window), PV_TYPE_LAYER_PANEL);
  PvLayerProperties *dialog;

  g_assert_true (gtk_widget_activate_action (panel, "layer.properties", "u", 0));
  pv_gui_test_drain ();
  dialog = PV_LAYER_PROPERTIES (pv_gui_test_find_toplevel (PV_TYPE_LAYER_PROPERTIES));
  g_assert_nonnull (dialog);
  return dialog;
}

static gpointer
child (PvLayerProperties *dialog,
       const char        *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), PV_TYPE_LAYER_PROPERTIES, name);

  g_assert_nonnull (object);
  return object;
}

typedef struct
{
  PvVectorLayer *layer;
  PvEncoding     encoding;
  AdwActionRow  *row;
} EncodingWait;

/* The layer decodes as wanted and the dialog says so. */
static gboolean
encoding_is (gpointer data)
{
  EncodingWait *wait = data;
  const char *subtitle = adw_action_row_get_subtitle (wait->row);
  const char *label = pv_encoding_get_label (wait->encoding);
  g_autofree char *escaped = g_markup_escape_text (label, -1);

  return pv_vector_layer_get_encoding (wait->layer) == wait->encoding &&
         subtitle != NULL && strstr (subtitle, escaped) != NULL;
}

/* Layer properties show the detected encoding; choosing another decodes
 * the layer anew (its field names too); "Automatic" goes back. */
static void
test_encoding_in_properties (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = pv_test_write_place_names (dir, "dia-danh.shp", "ESRI Shapefile", PV_ENCODING_TCVN3);
  PvWindow *window = pv_gui_test_window_new (1000, 800);
  PvMap *map = pv_window_get_map (window);
  PvLayerProperties *dialog;
  AdwComboRow *row;
  GtkWidget *fields;
  EncodingWait wait;
  PvVectorLayer *layer;

  pv_gui_test_window_open_path (window, path);
  pv_gui_test_wait_until (pv_gui_test_not_loading, window, "the TCVN3 shapefile");
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 1);
  layer = PV_VECTOR_LAYER (pv_map_get_layer (map, 0));
  dialog = open_properties (window);
  row = child (dialog, "encoding_row");
  fields = child (dialog, "fields_group");
  wait = (EncodingWait) { layer, PV_ENCODING_TCVN3, ADW_ACTION_ROW (row) };
  g_assert_true (encoding_is (&wait));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_true (pv_gui_test_tree_has_label_containing (fields, "Tên"));

  adw_combo_row_set_selected (row, 1 + PV_ENCODING_VNI);
  wait.encoding = PV_ENCODING_VNI;
  pv_gui_test_wait_until (encoding_is, &wait, "the layer read as VNI");
  pv_gui_test_drain ();
  g_assert_cmpint (pv_vector_layer_get_encoding_origin (layer), ==, PV_ENCODING_ORIGIN_USER);
  g_assert_false (pv_gui_test_tree_has_label_containing (fields, "Tên"));

  adw_combo_row_set_selected (row, 0);
  wait.encoding = PV_ENCODING_TCVN3;
  pv_gui_test_wait_until (encoding_is, &wait, "the layer read as detected again");
  pv_gui_test_drain ();
  g_assert_true (pv_gui_test_tree_has_label_containing (fields, "Tên"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  pv_gui_test_window_destroy_drained (window);
  pv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/legacy-data/dxf-layers-chooser", test_dxf_layers_chooser);
  g_test_add_func ("/gui/legacy-data/encoding-in-properties", test_encoding_in_properties);

  return g_test_run ();
}
