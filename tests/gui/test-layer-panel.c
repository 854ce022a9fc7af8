/* test-layer-panel.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pv-attribute-table.h"
#include "pv-gui-test-util.h"
#include "pv-layer-panel.h"
#include "pv-layer-properties.h"
#include "pv-test-util.h"
#include "pv-window.h"

static gboolean
frame_is_current (gpointer data)
{
  PvWindow *window = data;
  PvMapView *view = pv_window_get_map_view (window);
  PvViewport *fv = pv_map_view_get_frame_viewport (view);
  PvViewport *v = pv_map_view_get_viewport (view);
  double ax, ay, bx, by;

  if (pv_window_get_loading (window) || pv_map_view_get_rendering (view) || fv == NULL ||
      pv_map_view_get_frame_texture (view) == NULL)
    return FALSE;
  pv_viewport_get_center (fv, &ax, &ay);
  pv_viewport_get_center (v, &bx, &by);
  return ax == bx && ay == by && pv_viewport_get_resolution (fv) == pv_viewport_get_resolution (v);
}

/* The panel's row widget (the box with the "list-item" data) showing layer. */
static GtkWidget *
find_row (GtkWidget *widget,
          PvLayer   *layer)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (widget), "list-item");

  if (item != NULL && gtk_list_item_get_item (item) == (gpointer) layer)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, layer);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static PvLayerPanel *
window_panel (PvWindow *window)
{
  return PV_LAYER_PANEL (pv_gui_test_find_widget_of_type (GTK_WIDGET (window), PV_TYPE_LAYER_PANEL));
}

static PvWindow *
open_sample_project (PvMap **expected)
{
  g_autofree char *path = pv_test_sample_path ("binh-duong.pvproj");
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  PvWindow *window;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  *expected = pv_project_load (path, errors, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 0);

  window = pv_gui_test_window_new (1000, 800);
  pv_gui_test_window_open_path (window, path);
  pv_gui_test_wait_until (pv_gui_test_not_loading, window, "the sample project");
  pv_gui_test_drain ();
  return window;
}

static guint
position_of (PvMap      *map,
             const char *name)
{
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    if (g_strcmp0 (pv_layer_get_name (pv_map_get_layer (map, i)), name) == 0)
      return i;
  g_error ("no layer named %s", name);
  return 0;
}

static void
test_panel_rows (void)
{
  g_autoptr(PvMap) expected = NULL;
  PvWindow *window = open_sample_project (&expected);
  PvLayerPanel *panel;
  GListModel *rows;
  PvMap *map;
  guint n;

  if (window == NULL)
    {
      g_test_skip ("data-samples/binh-duong.pvproj has not been generated");
      return;
    }
  panel = window_panel (window);
  g_assert_nonnull (panel);
  map = pv_window_get_map (window);
  rows = pv_layer_panel_get_model (panel);
  n = pv_map_get_n_layers (expected);
  g_assert_cmpuint (n, >=, 5);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);

  /* Topmost first: the project lists them bottom first. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PvLayer) row_layer = g_list_model_get_item (rows, i);
      PvLayer *want = pv_map_get_layer (expected, n - 1 - i);
      GtkWidget *row = find_row (GTK_WIDGET (panel), row_layer);
      GtkWidget *check, *label;

      g_assert_true (row_layer == pv_map_get_layer (map, n - 1 - i));
      g_assert_cmpstr (pv_layer_get_name (row_layer), ==, pv_layer_get_name (want));
      /* The row shows the name and the project's visibility. */
      g_assert_nonnull (row);
      check = pv_gui_test_find_widget_of_type (row, GTK_TYPE_CHECK_BUTTON);
      label = pv_gui_test_find_widget_of_type (row, GTK_TYPE_LABEL);
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, pv_layer_get_name (want));
      g_assert_cmpint (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)), ==, pv_layer_get_visible (want));
    }
  /* The sample hides the current land use. */
  g_assert_false (pv_layer_get_visible (pv_map_get_layer (map, position_of (map, "Hiện trạng sử dụng đất 2024"))));

  /* The check box drives the layer. */
  {
    PvLayer *layer = pv_map_get_layer (map, 0);
    GtkWidget *check = pv_gui_test_find_widget_of_type (find_row (GTK_WIDGET (panel), layer), GTK_TYPE_CHECK_BUTTON);

    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !pv_layer_get_visible (layer));
    g_assert_cmpint (pv_layer_get_visible (layer), ==, gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  }

  pv_gui_test_window_destroy_drained (window);
}

static void
test_panel_move (void)
{
  g_autoptr(PvMap) expected = NULL;
  PvWindow *window = open_sample_project (&expected);
  PvLayerPanel *panel;
  PvLayer *bottom, *second, *top;
  GdkTexture *before;
  PvMap *map;
  guint n;

  if (window == NULL)
    {
      g_test_skip ("data-samples/binh-duong.pvproj has not been generated");
      return;
    }
  panel = window_panel (window);
  map = pv_window_get_map (window);
  n = pv_map_get_n_layers (map);
  bottom = pv_map_get_layer (map, 0);
  second = pv_map_get_layer (map, 1);
  top = pv_map_get_layer (map, n - 1);
  pv_gui_test_wait_until (frame_is_current, window, "the first frame");
  before = g_object_ref (pv_map_view_get_frame_texture (pv_window_get_map_view (window)));

  /* Up moves toward the top of the drawing order. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "layer.move-up", "u", 0));
  g_assert_true (pv_map_get_layer (map, 0) == second);
  g_assert_true (pv_map_get_layer (map, 1) == bottom);
  {
    g_autoptr(PvLayer) row = g_list_model_get_item (pv_layer_panel_get_model (panel), n - 2);

    g_assert_true (row == bottom);
  }
  /* The map renders again. */
  pv_gui_test_drain ();
  pv_gui_test_wait_until (frame_is_current, window, "the frame after the move");
  g_assert_true (pv_map_view_get_frame_texture (pv_window_get_map_view (window)) != before);
  g_object_unref (before);

  /* The top cannot go higher, the bottom not lower. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "layer.move-up", "u", n - 1));
  g_assert_true (pv_map_get_layer (map, n - 1) == top);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "layer.move-down", "u", n - 1));
  g_assert_true (pv_map_get_layer (map, n - 2) == top);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "layer.move-down", "u", 0));
  g_assert_true (pv_map_get_layer (map, 0) == second);

  /* The row's own menu action moves its layer. */
  {
    GtkWidget *row = find_row (GTK_WIDGET (panel), top);

    g_assert_nonnull (row);
    g_assert_true (gtk_widget_activate_action (row, "row.move-up", NULL));
    g_assert_true (pv_map_get_layer (map, n - 1) == top);
  }

  pv_gui_test_window_destroy_drained (window);
}

static void
test_panel_rename_remove_opacity (void)
{
  g_autoptr(PvMap) expected = NULL;
  PvWindow *window = open_sample_project (&expected);
  PvLayerPanel *panel;
  AdwMessageDialog *dialog;
  GtkWidget *row, *scale;
  PvLayer *layer;
  g_autoptr(PvLayer) removed = NULL;
  PvMap *map;
  guint n, pos;

  if (window == NULL)
    {
      g_test_skip ("data-samples/binh-duong.pvproj has not been generated");
      return;
    }
  panel = window_panel (window);
  map = pv_window_get_map (window);
  n = pv_map_get_n_layers (map);
  pos = position_of (map, "Giao thông");
  layer = pv_map_get_layer (map, pos);

  /* Rename through the dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "layer.rename", "u", pos));
  pv_gui_test_drain ();
  dialog = ADW_MESSAGE_DIALOG (pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog))),
                   ==, "Giao thông");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "  Đường chính  ");
  adw_message_dialog_response (dialog, "rename");
  pv_gui_test_drain ();
  g_assert_cmpstr (pv_layer_get_name (layer), ==, "Đường chính");
  g_assert_null (pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  row = find_row (GTK_WIDGET (panel), layer);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (pv_gui_test_find_widget_of_type (row, GTK_TYPE_LABEL))), ==, "Đường chính");

  /* Cancelling keeps the name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "layer.rename", "u", pos));
  pv_gui_test_drain ();
  dialog = ADW_MESSAGE_DIALOG (pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "other");
  adw_message_dialog_response (dialog, "cancel");
  pv_gui_test_drain ();
  g_assert_cmpstr (pv_layer_get_name (layer), ==, "Đường chính");

  /* The opacity slider in the row's menu reaches the layer. */
  scale = pv_gui_test_find_widget_of_type (row, GTK_TYPE_SCALE);
  g_assert_nonnull (scale);
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (GTK_RANGE (scale)), pv_layer_get_opacity (layer), 1e-9);
  gtk_range_set_value (GTK_RANGE (scale), 0.4);
  g_assert_cmpfloat_with_epsilon (pv_layer_get_opacity (layer), 0.4, 1e-9);
  pv_layer_set_opacity (layer, 0.9);
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (GTK_RANGE (scale)), 0.9, 1e-9);

  /* Remove, then undo: back in the same place. */
  removed = g_object_ref (layer);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "layer.remove", "u", pos));
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, n - 1);
  g_assert_false (pv_map_get_layer_position (map, removed, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (pv_layer_panel_get_model (panel)), ==, n - 1);
  pv_gui_test_drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "layer.undo-remove", NULL));
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, n);
  g_assert_true (pv_map_get_layer (map, pos) == removed);
  /* Nothing left to undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "layer.undo-remove", NULL));
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, n);

  pv_gui_test_window_destroy_drained (window);
}

/* A visible button with this label, if any. */
static gboolean
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_button_labelled (child, label))
      return TRUE;
  return FALSE;
}

static char *
collect_rows (GtkWidget *widget,
              GString   *out)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_string_append_printf (out, "%s=%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, out);
  return out->str;
}

static void
test_panel_properties (void)
{
  g_autoptr(PvMap) expected = NULL;
  PvWindow *window = open_sample_project (&expected);
  g_autoptr(GString) text = g_string_new (NULL);
  PvLayerPanel *panel;
  PvLayerProperties *dialog;
  PvVectorLayer *districts;
  g_autofree char *features = NULL;
  g_autofree char *source = NULL;
  PvMap *map;
  guint pos;

  if (window == NULL)
    {
      g_test_skip ("data-samples/binh-duong.pvproj has not been generated");
      return;
    }
  panel = window_panel (window);
  map = pv_window_get_map (window);
  pos = position_of (map, "Ranh giới hành chính cấp huyện");
  districts = PV_VECTOR_LAYER (pv_map_get_layer (map, pos));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "layer.properties", "u", pos));
  pv_gui_test_drain ();
  dialog = PV_LAYER_PROPERTIES (pv_gui_test_find_toplevel (PV_TYPE_LAYER_PROPERTIES));
  g_assert_nonnull (dialog);
  g_assert_true (pv_layer_properties_get_layer (dialog) == PV_LAYER (districts));
  collect_rows (GTK_WIDGET (dialog), text);
  g_test_message ("%s", text->str);

  g_assert_nonnull (strstr (text->str, "Driver=ESRI Shapefile\n"));
  g_assert_nonnull (strstr (text->str, "EPSG:9210"));
  g_assert_nonnull (strstr (text->str, "Features=9\n"));
  g_assert_nonnull (strstr (text->str, "Layer in the file=districts\n"));
  source = g_filename_display_name (pv_layer_get_source (PV_LAYER (districts)));
  g_assert_nonnull (strstr (text->str, source));
  g_assert_nonnull (strstr (text->str, "In the map CRS="));
  g_assert_nonnull (strstr (text->str, "In the layer CRS="));
  /* Every field with its type. */
  g_assert_cmpuint (pv_vector_layer_get_n_fields (districts), >, 0);
  for (guint i = 0; i < pv_vector_layer_get_n_fields (districts); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n%s=%s\n", pv_vector_layer_get_field_name (districts, i),
                                               pv_vector_layer_get_field_type_name (districts, i));

      g_assert_nonnull (strstr (text->str, line));
    }
  /* The CRS is known: no "unknown" and no Assign button. */
  g_assert_null (strstr (text->str, "Layer CRS=Unknown"));
  g_assert_false (find_button_labelled (GTK_WIDGET (dialog), "_Assign CRS…"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  pv_gui_test_drain ();
  pv_gui_test_window_destroy_drained (window);
}

/* The row menu opens a vector layer's attribute table; rasters have none. */
static void
test_panel_attribute_table (void)
{
  g_autoptr(PvMap) expected = NULL;
  PvWindow *window = open_sample_project (&expected);
  PvLayerPanel *panel;
  PvAttributeTable *table;
  GtkWidget *row;
  PvMap *map;
  PvLayer *districts = NULL, *ortho = NULL;

  if (window == NULL)
    {
      g_test_skip ("data-samples/binh-duong.pvproj has not been generated");
      return;
    }
  panel = window_panel (window);
  map = pv_window_get_map (window);
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    {
      PvLayer *layer = pv_map_get_layer (map, i);

      if (g_str_equal (pv_layer_get_name (layer), "Ranh giới hành chính cấp huyện"))
        districts = layer;
      else if (PV_IS_RASTER_LAYER (layer))
        ortho = layer;
    }
  g_assert_nonnull (districts);
  g_assert_nonnull (ortho);

  /* A raster row cannot (the action is disabled, hidden from the menu). */
  row = find_row (GTK_WIDGET (panel), ortho);
  g_assert_false (gtk_widget_activate_action (row, "row.attribute-table", NULL) &&
                  pv_gui_test_find_toplevel (PV_TYPE_ATTRIBUTE_TABLE) != NULL);
  pv_gui_test_drain ();
  g_assert_null (pv_gui_test_find_toplevel (PV_TYPE_ATTRIBUTE_TABLE));

  row = find_row (GTK_WIDGET (panel), districts);
  g_assert_true (gtk_widget_activate_action (row, "row.attribute-table", NULL));
  pv_gui_test_drain ();
  table = PV_ATTRIBUTE_TABLE (pv_gui_test_find_toplevel (PV_TYPE_ATTRIBUTE_TABLE));
  g_assert_nonnull (table);
  g_assert_true (PV_LAYER (pv_attribute_table_get_layer (table)) == districts);

  gtk_window_destroy (GTK_WINDOW (table));
  pv_gui_test_drain ();
  pv_gui_test_window_destroy_drained (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/layer-panel/rows", test_panel_rows);
  g_test_add_func ("/gui/layer-panel/move", test_panel_move);
  g_test_add_func ("/gui/layer-panel/rename-remove-opacity", test_panel_rename_remove_opacity);
  g_test_add_func ("/gui/layer-panel/properties", test_panel_properties);
  g_test_add_func ("/gui/layer-panel/attribute-table", test_panel_attribute_table);

  return g_test_run ();
}
