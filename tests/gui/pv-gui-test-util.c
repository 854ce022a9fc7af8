/* pv-gui-test-util.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pv-gui-test-util.h"
#include "pv-test-util.h"

void
pv_gui_test_wait_until (PvGuiTestCondition  condition,
                        gpointer            data,
                        const char         *what)
{
  /* Slow builds (the sanitizer run) wait longer, as meson's own
   * --timeout-multiplier lets them. */
  const char *multiplier_env = g_getenv ("PV_TEST_WAIT_MULTIPLIER");
  guint multiplier = multiplier_env != NULL ? MAX (1, (guint) g_ascii_strtoull (multiplier_env, NULL, 10)) : 1;
  guint seconds = PV_GUI_TEST_WAIT_SECONDS * multiplier;
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Gave up after %u s waiting for %s", seconds, what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

void
pv_gui_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

void
pv_gui_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
pv_gui_test_drain (void)
{
  for (guint i = 0; i < 50; i++)
    pv_gui_test_iterate ();
}

gboolean
pv_gui_test_not_loading (gpointer window)
{
  return !pv_window_get_loading (window);
}

gboolean
pv_gui_test_frame_is_ready (gpointer window)
{
  PvMapView *view = pv_window_get_map_view (window);

  return !pv_window_get_loading (window)
         && pv_map_view_get_frame_texture (view) != NULL
         && !pv_map_view_get_rendering (view);
}

GtkWidget *
pv_gui_test_find_widget_of_type (GtkWidget *widget,
                                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pv_gui_test_find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWindow *
pv_gui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

gboolean
pv_gui_test_tree_has_label_containing (GtkWidget  *widget,
                                       const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (pv_gui_test_tree_has_label_containing (child, needle))
      return TRUE;
  return FALSE;
}

PvWindow *
pv_gui_test_window_new (int width,
                        int height)
{
  PvWindow *window = g_object_new (PV_TYPE_WINDOW, NULL);

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

void
pv_gui_test_window_open_path (PvWindow   *window,
                              const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  pv_window_open_files (window, &file, 1);
}

void
pv_gui_test_window_destroy (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  pv_gui_test_iterate ();
  g_assert_finalize_object (window);
}

void
pv_gui_test_window_destroy_drained (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  pv_gui_test_drain ();
  g_assert_finalize_object (window);
}

static const char zoning_square_geojson[] =
  "{ \"type\": \"FeatureCollection\", \"name\": \"zoning\",\n"
  "  \"crs\": { \"type\": \"name\", \"properties\": { \"name\": \"urn:ogc:def:crs:EPSG::9210\" } },\n"
  "  \"features\": [ { \"type\": \"Feature\", \"properties\": { \"code\": \"ODT\" },\n"
  "    \"geometry\": { \"type\": \"Polygon\", \"coordinates\": [ [\n"
  "      [590000, 1210000], [600000, 1210000], [600000, 1220000], [590000, 1220000], [590000, 1210000]\n"
  "    ] ] } } ] }\n";

PvWindow *
pv_gui_test_open_sample_project (int width,
                                 int height)
{
  g_autofree char *path = pv_test_sample_path ("binh-duong.pvproj");
  PvWindow *window;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data-samples/binh-duong.pvproj has not been generated");
      return NULL;
    }
  window = pv_gui_test_window_new (width, height);
  pv_gui_test_window_open_path (window, path);
  pv_gui_test_wait_until (pv_gui_test_not_loading, window, "the sample project");
  pv_gui_test_drain ();
  return window;
}

char *
pv_gui_test_write_zoning_square (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "zoning.geojson", NULL);

  g_file_set_contents (path, zoning_square_geojson, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

GtkEventController *
pv_gui_test_find_controller (GtkWidget *widget,
                             GType      type,
                             guint      button)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type) &&
          (!GTK_IS_GESTURE_SINGLE (controller) ||
           gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == button))
        return controller;
    }
  return NULL;
}

GtkEventController *
pv_gui_test_find_view_controller (PvMapView           *view,
                                  GType                type,
                                  GtkPropagationPhase  phase)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type) &&
          gtk_event_controller_get_name (controller) == NULL &&
          gtk_event_controller_get_propagation_phase (controller) == phase &&
          (!GTK_IS_GESTURE_SINGLE (controller) ||
           gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_PRIMARY))
        return controller;
    }
  return NULL;
}

void
pv_gui_test_map_click (PvMapView *view,
                       int        n_press,
                       double     x,
                       double     y)
{
  GtkEventController *drag = pv_gui_test_find_controller (GTK_WIDGET (view), GTK_TYPE_GESTURE_DRAG, 1);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  g_assert_nonnull (drag);
  g_signal_emit_by_name (drag, "drag-begin", x, y);
  /* Every primary-button click gesture sees the press (the view's own, the
   * identify popover's…). */
  for (guint i = 0; n_press > 1 && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == 1)
        g_signal_emit_by_name (controller, "pressed", n_press, x, y);
    }
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
}

GtkWidget *
pv_gui_test_find_named (GtkWidget  *widget,
                        const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pv_gui_test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}
