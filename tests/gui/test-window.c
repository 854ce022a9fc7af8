/* test-window.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "pv-gui-test-util.h"
#include "pv-test-util.h"
#include "pv-layer-panel.h"
#include "pv-window.h"

/* The square of pv_gui_test_write_zoning_square(), and its centre. */
#define SQUARE_XMIN 590000.0
#define SQUARE_YMIN 1210000.0
#define SQUARE_XMAX 600000.0
#define SQUARE_YMAX 1220000.0
#define SQUARE_CX   595000.0
#define SQUARE_CY   1215000.0

typedef struct
{
  guchar *pixels;
  int     width;
  int     height;
  gsize   stride;
} Frame;

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->pixels, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Frame, frame_clear)

/* The view shows a finished frame of exactly its current viewport. */
static gboolean
frame_is_current (gpointer window)
{
  PvMapView *view = pv_window_get_map_view (window);
  PvViewport *frame_viewport = pv_map_view_get_frame_viewport (view);

  return !pv_window_get_loading (window)
         && pv_map_view_get_frame_texture (view) != NULL
         && !pv_map_view_get_rendering (view)
         && frame_viewport != NULL
         && pv_map_view_get_frame_is_sharp (view);
}

static void
frame_download (PvWindow *window,
                Frame    *frame)
{
  GdkTexture *texture = pv_map_view_get_frame_texture (pv_window_get_map_view (window));

  frame->width = gdk_texture_get_width (texture);
  frame->height = gdk_texture_get_height (texture);
  frame->stride = (gsize) frame->width * 4;
  frame->pixels = g_malloc (frame->stride * frame->height);
  gdk_texture_download (texture, frame->pixels, frame->stride);
}

/* Premultiplied ARGB of cairo's byte order, as GDK_MEMORY_DEFAULT. */
static guint32
frame_pixel (Frame *frame,
             int    x,
             int    y)
{
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, frame->width);
  g_assert_cmpint (y, <, frame->height);
  return *(guint32 *) (frame->pixels + y * frame->stride + x * 4);
}

static double
frame_painted_share (Frame *frame)
{
  guint64 painted = 0;

  for (int y = 0; y < frame->height; y++)
    for (int x = 0; x < frame->width; x++)
      if ((frame_pixel (frame, x, y) >> 24) != 0)
        painted++;
  return (double) painted / ((double) frame->width * frame->height);
}

/* The frame pixel showing the map point (mx, my). */
static guint32
frame_pixel_at_map (PvWindow *window,
                    Frame    *frame,
                    double    mx,
                    double    my)
{
  PvViewport *frame_viewport = pv_map_view_get_frame_viewport (pv_window_get_map_view (window));
  double sx, sy;

  pv_viewport_map_to_screen (frame_viewport, mx, my, &sx, &sy);
  return frame_pixel (frame, (int) floor (sx), (int) floor (sy));
}

static void
assert_pixel_has_color (guint32       pixel,
                        const double *rgb)
{
  g_assert_cmpuint (pixel >> 24, ==, 0xff);
  g_assert_cmpint (ABS ((int) ((pixel >> 16) & 0xff) - (int) round (rgb[0] * 255)), <=, 2);
  g_assert_cmpint (ABS ((int) ((pixel >> 8) & 0xff) - (int) round (rgb[1] * 255)), <=, 2);
  g_assert_cmpint (ABS ((int) (pixel & 0xff) - (int) round (rgb[2] * 255)), <=, 2);
}

static GtkGesture *
find_drag_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE (controller);
    }
  return NULL;
}

static void
open_paths (PvWindow   *window,
            const char *first,
            ...)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *path = first; path != NULL; path = va_arg (args, const char *))
    g_ptr_array_add (files, g_file_new_for_path (path));
  va_end (args);
  pv_window_open_files (window, (GFile **) files->pdata, files->len);
}

static void
test_window_empty (void)
{
  PvWindow *window = pv_gui_test_window_new (900, 700);
  PvMapView *view = pv_window_get_map_view (window);

  pv_gui_test_iterate ();
  g_assert_cmpuint (pv_map_get_n_layers (pv_window_get_map (window)), ==, 0);
  /* The status page is shown instead of the map, which renders nothing. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_null (pv_map_view_get_frame_texture (view));
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (window), "Open a PlanViewer project"));

  pv_gui_test_window_destroy (window);
}

static void
test_window_data_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-window-XXXXXX", &error);
  g_autofree char *square = NULL;
  g_autofree char *broken = NULL;
  g_auto(Frame) frame = { 0 };
  g_auto(Frame) panned = { 0 };
  g_auto(Frame) hidden = { 0 };
  PvWindow *window;
  PvMapView *view;
  PvViewport *viewport;
  PvLayer *layer;
  GtkGesture *drag;
  GtkWidget *check;
  double rgb[3], cx, cy, cx2, cy2, res, mx, my, mx2, my2;

  g_assert_no_error (error);
  square = pv_gui_test_write_zoning_square (dir);
  broken = g_build_filename (dir, "broken.shp", NULL);
  g_file_set_contents (broken, "this is not a shapefile", -1, &error);
  g_assert_no_error (error);

  window = pv_gui_test_window_new (900, 700);
  view = pv_window_get_map_view (window);
  viewport = pv_map_view_get_viewport (view);
  open_paths (window, square, broken, NULL);
  g_assert_true (pv_window_get_loading (window));
  pv_gui_test_wait_until (frame_is_current, window, "the first frame");

  /* The broken file is reported by name; the good one is shown. */
  g_assert_cmpuint (pv_map_get_n_layers (pv_window_get_map (window)), ==, 1);
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (window), "broken.shp"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "zoning.geojson"));
  layer = pv_map_get_layer (pv_window_get_map (window), 0);
  /* Its "code" field holds a land-use code: the window shows the palette's
   * colour for ODT (urban residential, 255,160,255), not a default one. */
  {
    g_autoptr(PvStyle) style = pv_vector_layer_dup_style (PV_VECTOR_LAYER (layer));

    g_assert_nonnull (style);
    memcpy (rgb, pv_style_get_category (style, pv_style_classify (style, "ODT"))->fill, sizeof (double) * 3);
    g_assert_cmpfloat_with_epsilon (rgb[1], 160 / 255.0, 1e-9);
  }

  /* The initial view is the full extent: the square fills most of it, the
   * margin around it is background, its centre has the layer's colour. */
  frame_download (window, &frame);
  /* Frames have a margin around the view (overscan). */
  g_assert_cmpint (frame.width, >, pv_viewport_get_width (viewport));
  g_assert_cmpint (frame.height, >, pv_viewport_get_height (viewport));
  g_assert_cmpfloat (frame_painted_share (&frame), >, 0.4);
  g_assert_cmpuint (frame_pixel (&frame, 1, 1) >> 24, ==, 0);
  assert_pixel_has_color (frame_pixel_at_map (window, &frame, SQUARE_CX, SQUARE_CY), rgb);
  assert_pixel_has_color (frame_pixel_at_map (window, &frame, SQUARE_XMIN + 200, SQUARE_YMAX - 200), rgb);

  /* Drag through the view's own gesture: the map follows the pointer. */
  drag = find_drag_gesture (GTK_WIDGET (view));
  g_assert_nonnull (drag);
  pv_viewport_get_center (viewport, &cx, &cy);
  res = pv_viewport_get_resolution (viewport);
  pv_map_view_widget_to_map (view, 300, 200, &mx, &my);
  g_signal_emit_by_name (drag, "drag-begin", 300.0, 200.0);
  g_signal_emit_by_name (drag, "drag-update", 60.0, -20.0);
  g_signal_emit_by_name (drag, "drag-update", 120.0, -40.0);
  g_signal_emit_by_name (drag, "drag-end", 120.0, -40.0);
  pv_viewport_get_center (viewport, &cx2, &cy2);
  g_assert_cmpfloat_with_epsilon (cx2, cx - 120 * res, res * 1e-6);
  g_assert_cmpfloat_with_epsilon (cy2, cy - 40 * res, res * 1e-6);
  /* The point that was under the pointer is under it again. */
  pv_map_view_widget_to_map (view, 300 + 120, 200 - 40, &mx2, &my2);
  g_assert_cmpfloat_with_epsilon (mx2, mx, res * 1e-6);
  g_assert_cmpfloat_with_epsilon (my2, my, res * 1e-6);

  /* A sharp frame of the moved view replaces the old one. */
  pv_gui_test_wait_until (frame_is_current, window, "the frame after the pan");
  frame_download (window, &panned);
  assert_pixel_has_color (frame_pixel_at_map (window, &panned, SQUARE_CX, SQUARE_CY), rgb);
  g_assert_cmpuint (frame_pixel (&panned, 1, panned.height / 2) >> 24, ==, 0);

  /* Zooming keeps the point under the pointer. */
  pv_map_view_widget_to_map (view, 250, 150, &mx, &my);
  pv_map_view_zoom_at (view, 2.0, 250, 150);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (viewport), res / 2, res * 1e-9);
  pv_map_view_widget_to_map (view, 250, 150, &mx2, &my2);
  g_assert_cmpfloat_with_epsilon (mx2, mx, res * 1e-6);
  g_assert_cmpfloat_with_epsilon (my2, my, res * 1e-6);

  /* Home: back to the full extent. */
  gtk_widget_activate_action (GTK_WIDGET (view), "map.zoom-full", NULL);
  g_assert_cmpfloat_with_epsilon (pv_viewport_get_resolution (viewport), res, res * 1e-9);

  /* Unticking the layer in the layer list hides it and re-renders. */
  check = pv_gui_test_find_widget_of_type (pv_gui_test_find_widget_of_type (GTK_WIDGET (window), PV_TYPE_LAYER_PANEL),
                                           GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_assert_false (pv_layer_get_visible (layer));
  pv_gui_test_wait_until (frame_is_current, window, "the frame without the layer");
  frame_download (window, &hidden);
  g_assert_cmpfloat (frame_painted_share (&hidden), ==, 0);
  pv_layer_set_visible (layer, TRUE);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  pv_gui_test_wait_until (frame_is_current, window, "the frame with the layer again");

  pv_gui_test_window_destroy (window);
  g_remove (square);
  g_remove (broken);
  g_rmdir (dir);
}

static void
test_window_sample_project (void)
{
  g_autofree char *path = pv_test_sample_path ("binh-duong.pvproj");
  g_autoptr(GPtrArray) layer_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(PvMap) expected = NULL;
  g_auto(Frame) frame = { 0 };
  double view_extent[4], xmin, ymin, xmax, ymax;
  gboolean has_view = FALSE;
  PvWindow *window;
  PvViewport *viewport;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data-samples/binh-duong.pvproj has not been generated (make samples)");
      return;
    }

  /* What the window must show, read directly. */
  expected = pv_project_load (path, layer_errors, view_extent, &has_view, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layer_errors->len, ==, 0);
  g_assert_cmpuint (pv_map_get_n_layers (expected), >, 0);

  window = pv_gui_test_window_new (900, 700);
  viewport = pv_map_view_get_viewport (pv_window_get_map_view (window));
  open_paths (window, path, NULL);
  pv_gui_test_wait_until (pv_gui_test_not_loading, window, "the project");
  g_assert_cmpuint (pv_map_get_n_layers (pv_window_get_map (window)), ==, pv_map_get_n_layers (expected));
  /* The header shows the project's stored title. */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Bình Dương"));
  pv_gui_test_wait_until (frame_is_current, window, "the first frame of the project");

  /* The stored view (or the full extent) is inside the frame and fills it
   * along one axis. */
  if (!has_view)
    g_assert_true (pv_map_get_extent (expected, &view_extent[0], &view_extent[1],
                                      &view_extent[2], &view_extent[3]));
  pv_viewport_get_extent (viewport, &xmin, &ymin, &xmax, &ymax);
  g_assert_cmpfloat (xmin, <=, view_extent[0] + 1e-6 * (xmax - xmin));
  g_assert_cmpfloat (ymin, <=, view_extent[1] + 1e-6 * (ymax - ymin));
  g_assert_cmpfloat (xmax, >=, view_extent[2] - 1e-6 * (xmax - xmin));
  g_assert_cmpfloat (ymax, >=, view_extent[3] - 1e-6 * (ymax - ymin));

  frame_download (window, &frame);
  g_assert_cmpfloat (frame_painted_share (&frame), >, 0.2);

  pv_gui_test_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/window/empty", test_window_empty);
  g_test_add_func ("/gui/window/data-files", test_window_data_files);
  g_test_add_func ("/gui/window/sample-project", test_window_sample_project);

  return g_test_run ();
}
