/* test-identify.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "pv-gui-test-util.h"
#include "pv-identify-popover.h"
#include "pv-measure-tool.h"
#include "pv-test-util.h"
#include "pv-window.h"

static PvIdentifyPopover *
find_popover (PvMapView *view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (PV_IS_IDENTIFY_POPOVER (child))
      return PV_IDENTIFY_POPOVER (child);
  return NULL;
}

static GtkGesture *
find_identify_gesture (PvMapView *view)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller)
          && g_strcmp0 (gtk_event_controller_get_name (controller), "identify") == 0)
        return GTK_GESTURE (controller);
    }
  return NULL;
}

static GtkWidget *
find_table_button (GtkWidget *widget,
                   guint32    position)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.open-attribute-table") == 0
      && g_variant_get_uint32 (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget))) == position)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_table_button (child, position);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
field_index (PvVectorLayer *layer,
             const char    *name)
{
  for (guint i = 0; i < pv_vector_layer_get_n_fields (layer); i++)
    if (g_strcmp0 (pv_vector_layer_get_field_name (layer, i), name) == 0)
      return i;
  return -1;
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

static gboolean
popover_is_up (gpointer window)
{
  PvIdentifyPopover *popover = find_popover (pv_window_get_map_view (window));

  return gtk_widget_get_visible (GTK_WIDGET (popover));
}

static void
click (GtkGesture *gesture,
       int         n_press,
       double      x0,
       double      y0,
       double      x1,
       double      y1)
{
  g_signal_emit_by_name (gesture, "pressed", n_press, x0, y0);
  g_signal_emit_by_name (gesture, "released", n_press, x1, y1);
}

static void
test_identify_sample_project (void)
{
  g_autofree char *path = pv_test_sample_path ("binh-duong.pvproj");
  g_autoptr(GArray) selection = NULL;
  char **values = NULL;   /* NULL for null values: freed by length */
  PvVectorLayer *layer = NULL;
  PvIdentifyPopover *popover;
  PvWindow *window;
  PvMapView *view;
  PvViewport *viewport;
  GtkGesture *gesture;
  PvMap *map;
  guint feature = G_MAXUINT, group = G_MAXUINT;
  int name_field, code_field;
  double cx = 0, cy = 0, x0, y0, x1, y1, sx, sy, scale;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data-samples/binh-duong.pvproj has not been generated (make samples)");
      return;
    }

  window = pv_gui_test_window_new (900, 700);
  view = pv_window_get_map_view (window);
  viewport = pv_map_view_get_viewport (view);
  popover = find_popover (view);
  g_assert_nonnull (popover);
  gesture = find_identify_gesture (view);
  g_assert_nonnull (gesture);

  pv_gui_test_window_open_path (window, path);
  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, window, "the sample project");

  map = pv_window_get_map (window);
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    {
      PvLayer *l = pv_map_get_layer (map, i);

      if (PV_IS_VECTOR_LAYER (l) && g_str_has_suffix (pv_layer_get_source (l), "quy_hoach_2030.shp"))
        layer = PV_VECTOR_LAYER (l);
    }
  g_assert_nonnull (layer);
  name_field = field_index (layer, "ten_sdd");
  code_field = field_index (layer, "ma_sdd");
  g_assert_cmpint (name_field, >=, 0);
  g_assert_cmpint (code_field, >=, 0);

  /* A feature with a Vietnamese name whose extent centre lies in it, on top
   * of the layer's other features there (core says so). */
  for (guint f = 0; f < pv_vector_layer_get_n_features (layer) && feature == G_MAXUINT; f++)
    {
      g_autoptr(GArray) hits = NULL;
      char **v = NULL;
      gboolean named;

      if (!pv_vector_layer_get_feature_extent (layer, f, &x0, &y0, &x1, &y1))
        continue;
      v = pv_vector_layer_dup_attributes (layer, f, NULL);
      named = v != NULL && v[name_field] != NULL && !is_ascii (v[name_field]);
      pv_vector_layer_free_values (v, pv_vector_layer_get_n_fields (layer));
      if (!named)
        continue;
      hits = pv_vector_layer_identify (layer, (x0 + x1) / 2, (y0 + y1) / 2, 0);
      if (hits->len > 0 && g_array_index (hits, guint32, 0) == f)
        {
          feature = f;
          cx = (x0 + x1) / 2;
          cy = (y0 + y1) / 2;
        }
    }
  g_assert_cmpuint (feature, !=, G_MAXUINT);
  values = pv_vector_layer_dup_attributes (layer, feature, NULL);
  g_assert_nonnull (values);

  /* Frame the feature, and click its centre through the identify gesture. */
  pv_layer_get_extent_in (PV_LAYER (layer), pv_map_get_crs (map), &x0, &y0, &x1, &y1);
  pv_vector_layer_get_feature_extent (layer, feature, &x0, &y0, &x1, &y1);
  pv_viewport_fit_extent (viewport, x0 - (x1 - x0), y0 - (y1 - y0), x1 + (x1 - x0), y1 + (y1 - y0));
  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, window, "the frame around the feature");
  scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (view)));
  pv_viewport_map_to_screen (viewport, cx, cy, &sx, &sy);
  sx /= scale;
  sy /= scale;

  /* The end of a drag is not a click. */
  click (gesture, 1, sx, sy, sx + 40, sy + 10);
  pv_gui_test_spin (700);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpuint (pv_vector_layer_get_n_selected (layer), ==, 0);

  /* Nor is a double click (it zooms). */
  g_signal_emit_by_name (gesture, "pressed", 1, sx, sy);
  g_signal_emit_by_name (gesture, "released", 1, sx, sy);
  g_signal_emit_by_name (gesture, "pressed", 2, sx, sy);
  g_signal_emit_by_name (gesture, "released", 2, sx, sy);
  pv_gui_test_spin (700);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* Nor a click while a map tool (here: measuring) has the clicks. */
  {
    g_autoptr(PvMeasureTool) tool = pv_measure_tool_new (PV_MEASURE_MODE_DISTANCE);

    pv_map_view_set_tool (view, PV_MAP_TOOL (tool));
    click (gesture, 1, sx, sy, sx, sy);
    pv_gui_test_spin (700);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
    pv_map_view_set_tool (view, NULL);
  }

  /* A click. */
  click (gesture, 1, sx, sy, sx + 1, sy);
  pv_gui_test_wait_until (popover_is_up, window, "the identify popover");

  for (guint i = 0; i < pv_identify_popover_get_n_layers (popover); i++)
    if (pv_identify_popover_get_layer (popover, i) == layer)
      group = i;
  g_assert_cmpuint (group, !=, G_MAXUINT);
  g_assert_cmpuint (pv_identify_popover_get_feature (popover, group), ==, feature);
  /* Layers are listed topmost first: the map's order reversed. */
  for (guint i = 1; i < pv_identify_popover_get_n_layers (popover); i++)
    {
      guint above, below;

      g_assert_true (pv_map_get_layer_position (map, PV_LAYER (pv_identify_popover_get_layer (popover, i - 1)), &above));
      g_assert_true (pv_map_get_layer_position (map, PV_LAYER (pv_identify_popover_get_layer (popover, i)), &below));
      g_assert_cmpuint (above, >, below);
    }
  /* Its Vietnamese name and its code are shown, the layer's name heads it. */
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (popover), values[name_field]));
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (popover), values[code_field]));
  pv_vector_layer_free_values (g_steal_pointer (&values), pv_vector_layer_get_n_fields (layer));
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (popover), pv_layer_get_name (PV_LAYER (layer))));

  /* The feature is the layer's selection, and the map renders it anew. */
  selection = pv_vector_layer_dup_selection (layer);
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_cmpuint (g_array_index (selection, guint32, 0), ==, feature);
  g_assert_true (pv_map_view_get_rendering (view));
  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, window, "the frame with the highlight");

  /* Closing it clears the highlight. */
  gtk_popover_popdown (GTK_POPOVER (popover));
  g_assert_cmpuint (pv_vector_layer_get_n_selected (layer), ==, 0);

  /* "Open attribute table" in the popover: the table shows the layer with
   * the feature still selected; the other layers' highlights are gone. */
  click (gesture, 1, sx, sy, sx, sy);
  pv_gui_test_wait_until (popover_is_up, window, "the identify popover again");
  {
    guint position;
    GtkWidget *button;
    GtkWindow *table;

    g_assert_true (pv_map_get_layer_position (map, PV_LAYER (layer), &position));
    button = find_table_button (GTK_WIDGET (popover), position);
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
    table = g_object_get_data (G_OBJECT (layer), "pv-attribute-table");
    g_assert_true (GTK_IS_WINDOW (table));
    g_assert_true (pv_vector_layer_is_selected (layer, feature));
    g_assert_cmpuint (pv_vector_layer_get_n_selected (layer), ==, 1);
    for (guint i = 0; i < pv_map_get_n_layers (map); i++)
      if (PV_IS_VECTOR_LAYER (pv_map_get_layer (map, i)) && pv_map_get_layer (map, i) != PV_LAYER (layer))
        g_assert_cmpuint (pv_vector_layer_get_n_selected (PV_VECTOR_LAYER (pv_map_get_layer (map, i))), ==, 0);
    gtk_window_destroy (table);
    pv_vector_layer_set_selection (layer, NULL);
  }

  /* A click on nothing shows nothing. */
  g_assert_cmpuint (pv_identify_popover_identify_at (popover, -5000, -5000), ==, 0);
  g_assert_cmpuint (pv_identify_popover_get_n_rasters (popover), ==, 0);

  /* Over the orthophoto, the raster's pixel is listed with its band values. */
  {
    PvMapView *view = pv_window_get_map_view (window);
    double wx = gtk_widget_get_width (GTK_WIDGET (view)) / 2.0;
    double wy = gtk_widget_get_height (GTK_WIDGET (view)) / 2.0;
    double mx, my;

    pv_map_view_widget_to_map (view, wx, wy, &mx, &my);
    /* Put the view's centre on the orthophoto (Thủ Dầu Một, 6 km square). */
    pv_map_view_pan (view, (mx - 600130) / pv_map_view_get_resolution (view),
                     (1216060 - my) / pv_map_view_get_resolution (view));
    pv_map_view_widget_to_map (view, wx, wy, &mx, &my);
    g_assert_cmpfloat (fabs (mx - 600130), <, 2 * pv_map_view_get_resolution (view));
    pv_identify_popover_identify_at (popover, wx, wy);
    g_assert_cmpuint (pv_identify_popover_get_n_rasters (popover), ==, 1);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
    g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (popover), "Band 3"));
    gtk_popover_popdown (GTK_POPOVER (popover));
  }
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  pv_gui_test_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/identify/sample-project", test_identify_sample_project);

  return g_test_run ();
}
