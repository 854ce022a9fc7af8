/* test-compare.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "pv-compare-popover.h"
#include "pv-gui-test-util.h"
#include "pv-map-view.h"
#include "pv-test-util.h"
#include "pv-vector-layer.h"

#define VIEW_WIDTH  800
#define VIEW_HEIGHT 600

/* Group A draws the square green, group B blue; the laser is red. */
#define GREEN 0x00A000
#define BLUE  0x0000FF
#define WHITE 0xFFFFFF
#define LASER 0xFF1A1A

typedef struct
{
  char      *dir;
  PvMap     *map;
  PvMap     *group_b;
  PvLayer   *layer_a;
  PvLayer   *layer_b;
  GtkWidget *window;
  PvMapView *view;
  PvComparePopover *popover;
} Fixture;

/* Render nodes stay alive until the test ends: a renderer may cache what it
 * drew for a node by its address. */
static GPtrArray *kept_nodes;

static gboolean
is_sharp (gpointer view)
{
  return pv_map_view_get_frame_is_sharp (view) && !pv_map_view_get_rendering (view)
         && !pv_map_view_get_animating (view);
}

static PvLayer *
open_square (const char   *dir,
             const double *rgb)
{
  g_autofree char *path = pv_gui_test_write_zoning_square (dir);
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(PvStyle) style = pv_style_new_single (rgb);
  g_autoptr(GError) error = NULL;

  layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pv_vector_layer_set_style (g_ptr_array_index (layers, 0), style, NULL, &error));
  g_assert_no_error (error);
  return g_object_ref (g_ptr_array_index (layers, 0));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const double green[3] = { 0, 0xA0 / 255.0, 0 };
  const double blue[3] = { 0, 0, 1 };
  g_autofree char *dir_a = NULL;
  g_autofree char *dir_b = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  GtkWidget *header, *button;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  fixture->dir = pv_test_make_temp_dir ("pv-test-compare");
  dir_a = g_build_filename (fixture->dir, "a", NULL);
  dir_b = g_build_filename (fixture->dir, "b", NULL);
  g_mkdir_with_parents (dir_a, 0700);
  g_mkdir_with_parents (dir_b, 0700);
  fixture->layer_a = open_square (dir_a, green);
  fixture->layer_b = open_square (dir_b, blue);

  /* The window shows A; group B shows B whatever its visible flag says. */
  fixture->map = pv_map_new ();
  pv_map_add_layer (fixture->map, fixture->layer_a);
  pv_map_add_layer (fixture->map, fixture->layer_b);
  pv_layer_set_visible (fixture->layer_b, FALSE);
  fixture->group_b = pv_map_copy (fixture->map);
  g_ptr_array_add (shown, fixture->layer_b);
  pv_map_set_shown_layers (fixture->group_b, shown);

  /* As in the main window: a header bar button opens the popover. */
  fixture->window = gtk_window_new ();
  g_object_ref_sink (fixture->window);
  header = gtk_header_bar_new ();
  button = gtk_menu_button_new ();
  fixture->popover = PV_COMPARE_POPOVER (pv_compare_popover_new ());
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), GTK_WIDGET (fixture->popover));
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), button);
  gtk_window_set_titlebar (GTK_WINDOW (fixture->window), header);
  fixture->view = PV_MAP_VIEW (pv_map_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (fixture->view), VIEW_WIDTH, VIEW_HEIGHT);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  pv_compare_popover_set_map_view (fixture->popover, fixture->view);
  pv_map_view_set_map (fixture->view, fixture->map, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  pv_gui_test_wait_until (is_sharp, fixture->view, "the first frame");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->view)), ==, VIEW_WIDTH);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->view)), ==, VIEW_HEIGHT);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pv_gui_test_wait_until (is_sharp, fixture->view, "the view to be idle");
  g_clear_pointer (&kept_nodes, g_ptr_array_unref);
  pv_gui_test_window_destroy (g_steal_pointer (&fixture->window));
  g_assert_finalize_object (g_steal_pointer (&fixture->group_b));
  g_assert_finalize_object (g_steal_pointer (&fixture->map));
  g_assert_finalize_object (g_steal_pointer (&fixture->layer_a));
  g_assert_finalize_object (g_steal_pointer (&fixture->layer_b));
  pv_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* The view as the screen shows it. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  if (kept_nodes == NULL)
    kept_nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);
  g_ptr_array_add (kept_nodes, node);
  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                           gtk_widget_get_height (widget)));
}

static guint32
probe (Fixture *fixture,
       double   x,
       double   y)
{
  g_autoptr(GdkTexture) texture = render_widget (GTK_WIDGET (fixture->view));
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  double sx = width / (double) gtk_widget_get_width (GTK_WIDGET (fixture->view));
  guint32 pixel, alpha, rgb = 0;

  gdk_texture_download (texture, pixels, stride);
  /* To look at what was drawn: the last probe, or each one numbered when
   * the name holds "%u". */
  if (g_getenv ("PV_TEST_COMPARE_PNG") != NULL)
    {
      static guint n_probes;
      const char *name = g_getenv ("PV_TEST_COMPARE_PNG");
      g_autofree char *path = strstr (name, "%u") != NULL ? g_strdup_printf (name, n_probes++) : g_strdup (name);

      gdk_texture_save_to_png (texture, path);
    }
  pixel = *(guint32 *) (pixels + (gsize) (y * sx) * stride + 4 * (gsize) (x * sx));
  /* Over the view's white background (CSS, not part of its snapshot):
   * premultiplied, so each channel gains what the alpha leaves. */
  alpha = pixel >> 24;
  for (int shift = 0; shift <= 16; shift += 8)
    rgb |= MIN (255, ((pixel >> shift) & 0xFF) + 255 - alpha) << shift;
  return rgb;
}

static void
assert_rgb_near_at (guint32 got,
                    guint32 expected,
                    int     line)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((got >> shift) & 0xFF) - (int) ((expected >> shift) & 0xFF)) > 16)
      g_error ("line %d: pixel %06x is not %06x", line, got, expected);
}

#define assert_rgb_near(got, expected) assert_rgb_near_at ((got), (expected), __LINE__)

static GtkEventController *
motion_controller (Fixture *fixture)
{
  GtkEventController *motion = pv_gui_test_find_view_controller (fixture->view, GTK_TYPE_EVENT_CONTROLLER_MOTION,
                                                                 GTK_PHASE_BUBBLE);

  g_assert_nonnull (motion);
  return motion;
}

static void
move_pointer (Fixture *fixture,
              double   x,
              double   y)
{
  g_signal_emit_by_name (motion_controller (fixture), "motion", x, y);
}

/* Zoomed in so that the square fills the view. */
static void
fill_view (Fixture *fixture)
{
  pv_map_view_zoom_at (fixture->view, 2.0, VIEW_WIDTH / 2.0, VIEW_HEIGHT / 2.0);
  pv_gui_test_wait_until (is_sharp, fixture->view, "the zoomed frame");
}

/* ---------------------------------------------------------------- tests */

/* A left, B right of the divider; the divider moves the boundary. */
static void
test_swipe (Fixture       *fixture,
            gconstpointer  data)
{
  fill_view (fixture);
  assert_rgb_near (probe (fixture, 600, 300), GREEN);
  g_assert_cmpint (pv_map_view_get_compare_mode (fixture->view), ==, PV_COMPARE_NONE);
  g_assert_cmpfloat (pv_map_view_get_compare_position (fixture->view), ==, 0.5);

  pv_map_view_set_compare (fixture->view, fixture->group_b, PV_COMPARE_SWIPE);
  g_assert_cmpint (pv_map_view_get_compare_mode (fixture->view), ==, PV_COMPARE_SWIPE);
  g_assert_true (pv_map_view_get_compare_map (fixture->view) == fixture->group_b);
  /* Group B's own frame renders; until then the view is not sharp. */
  g_assert_false (pv_map_view_get_frame_is_sharp (fixture->view));
  pv_gui_test_wait_until (is_sharp, fixture->view, "group B's frame");

  assert_rgb_near (probe (fixture, 100, 200), GREEN);
  assert_rgb_near (probe (fixture, 380, 200), GREEN);
  assert_rgb_near (probe (fixture, 420, 200), BLUE);
  assert_rgb_near (probe (fixture, 700, 200), BLUE);
  /* The divider itself: a white line. */
  assert_rgb_near (probe (fixture, 400, 100), WHITE);

  /* At 0.8 (x = 640) the boundary moves right; the property says so. */
  g_object_set (fixture->view, "compare-position", 0.8, NULL);
  g_assert_cmpfloat (pv_map_view_get_compare_position (fixture->view), ==, 0.8);
  assert_rgb_near (probe (fixture, 420, 200), GREEN);
  assert_rgb_near (probe (fixture, 620, 200), GREEN);
  assert_rgb_near (probe (fixture, 660, 200), BLUE);
  /* Moving the divider renders nothing. */
  g_assert_false (pv_map_view_get_rendering (fixture->view));

  /* Both groups move together and come back sharp after a pan. */
  pv_map_view_pan (fixture->view, -50, 0);
  assert_rgb_near (probe (fixture, 620, 200), GREEN);
  assert_rgb_near (probe (fixture, 660, 200), BLUE);
  pv_gui_test_wait_until (is_sharp, fixture->view, "both frames after a pan");
  assert_rgb_near (probe (fixture, 660, 200), BLUE);

  /* Off: A everywhere. */
  pv_map_view_set_compare (fixture->view, NULL, PV_COMPARE_SWIPE);
  g_assert_cmpint (pv_map_view_get_compare_mode (fixture->view), ==, PV_COMPARE_NONE);
  g_assert_null (pv_map_view_get_compare_map (fixture->view));
  assert_rgb_near (probe (fixture, 700, 200), GREEN);
}

/* Dragging the divider's handle moves it and not the map; a drag elsewhere
 * pans as ever and leaves the divider alone. */
static void
test_divider_drag (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkGesture *drag = GTK_GESTURE (pv_gui_test_find_view_controller (fixture->view, GTK_TYPE_GESTURE_DRAG,
                                                                    GTK_PHASE_BUBBLE));
  PvViewport *viewport = pv_map_view_get_viewport (fixture->view);
  double cx, cy, x, y;

  g_assert_nonnull (drag);
  fill_view (fixture);
  pv_map_view_set_compare (fixture->view, fixture->group_b, PV_COMPARE_SWIPE);
  pv_gui_test_wait_until (is_sharp, fixture->view, "group B's frame");
  pv_viewport_get_center (viewport, &cx, &cy);

  /* A press a few pixels beside the line takes the handle (which does not
   * jump to the press: it moves as far as the pointer). */
  g_signal_emit_by_name (drag, "drag-begin", 404.0, 300.0);
  g_assert_cmpfloat (pv_map_view_get_compare_position (fixture->view), ==, 0.5);
  g_signal_emit_by_name (drag, "drag-update", 80.0, 15.0);
  g_assert_cmpfloat_with_epsilon (pv_map_view_get_compare_position (fixture->view), 480.0 / VIEW_WIDTH, 1e-9);
  g_signal_emit_by_name (drag, "drag-update", 160.0, 40.0);
  g_signal_emit_by_name (drag, "drag-end", 160.0, 40.0);
  g_assert_cmpfloat_with_epsilon (pv_map_view_get_compare_position (fixture->view), 560.0 / VIEW_WIDTH, 1e-9);
  /* A press further away than the handle's reach is the map's. */
  g_signal_emit_by_name (drag, "drag-begin", 560.0 + 30, 300.0);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  g_assert_cmpfloat_with_epsilon (pv_map_view_get_compare_position (fixture->view), 560.0 / VIEW_WIDTH, 1e-9);
  pv_viewport_get_center (viewport, &x, &y);
  g_assert_cmpfloat (x, ==, cx);
  g_assert_cmpfloat (y, ==, cy);
  g_assert_false (pv_map_view_get_animating (fixture->view));
  assert_rgb_near (probe (fixture, 540, 200), GREEN);
  assert_rgb_near (probe (fixture, 590, 200), BLUE);

  /* Past the edge it stops at the edge. */
  g_signal_emit_by_name (drag, "drag-begin", 560.0, 300.0);
  g_signal_emit_by_name (drag, "drag-end", 900.0, 0.0);
  g_assert_cmpfloat (pv_map_view_get_compare_position (fixture->view), ==, 1.0);
  pv_map_view_set_compare_position (fixture->view, 0.5);

  /* Away from the divider the drag pans the map (both groups). */
  g_signal_emit_by_name (drag, "drag-begin", 200.0, 300.0);
  g_signal_emit_by_name (drag, "drag-update", 40.0, 0.0);
  g_signal_emit_by_name (drag, "drag-end", 40.0, 0.0);
  pv_viewport_get_center (viewport, &x, &y);
  g_assert_cmpfloat (x, <, cx);
  g_assert_cmpfloat (pv_map_view_get_compare_position (fixture->view), ==, 0.5);
  pv_gui_test_wait_until (is_sharp, fixture->view, "both frames after the pan");
  assert_rgb_near (probe (fixture, 380, 200), GREEN);
  assert_rgb_near (probe (fixture, 420, 200), BLUE);
}

/* B inside the circle around the pointer, A outside; Ctrl-free scroll still
 * zooms, the radius follows its property. */
static void
test_spyglass (Fixture       *fixture,
               gconstpointer  data)
{
  double r = 0.18 * VIEW_HEIGHT;

  fill_view (fixture);
  pv_map_view_set_compare (fixture->view, fixture->group_b, PV_COMPARE_SPYGLASS);
  g_assert_cmpint (pv_map_view_get_compare_mode (fixture->view), ==, PV_COMPARE_SPYGLASS);
  pv_gui_test_wait_until (is_sharp, fixture->view, "group B's frame");
  g_assert_cmpfloat (pv_map_view_get_spyglass_radius (fixture->view), ==, 0.18);

  move_pointer (fixture, 250, 250);
  assert_rgb_near (probe (fixture, 250, 250), BLUE);
  assert_rgb_near (probe (fixture, 250 + r - 8, 250), BLUE);
  assert_rgb_near (probe (fixture, 250, 250 - r + 8), BLUE);
  assert_rgb_near (probe (fixture, 250 + r + 8, 250), GREEN);
  assert_rgb_near (probe (fixture, 600, 400), GREEN);
  /* The ring: white. */
  assert_rgb_near (probe (fixture, 250 - r, 250), WHITE);

  /* It follows the pointer, without a render. */
  move_pointer (fixture, 600, 400);
  g_assert_false (pv_map_view_get_rendering (fixture->view));
  assert_rgb_near (probe (fixture, 600, 400), BLUE);
  assert_rgb_near (probe (fixture, 250, 250), GREEN);

  /* A smaller circle. */
  g_object_set (fixture->view, "spyglass-radius", 0.1, NULL);
  assert_rgb_near (probe (fixture, 600 + 0.1 * VIEW_HEIGHT + 8, 400), GREEN);
  assert_rgb_near (probe (fixture, 600 + 0.1 * VIEW_HEIGHT - 8, 400), BLUE);
}

/* The pointer tools draw over the frames; none of them renders the map
 * (the magnifier renders only its lens). */
static void
test_pointer_tools (Fixture       *fixture,
                    gconstpointer  data)
{
  guint32 dimmed;
  double ex, ey;

  /* The square's left edge, at the full extent. */
  pv_map_view_map_to_widget (fixture->view, 590000, 1215000, &ex, &ey);
  g_assert_cmpfloat (ex, >, 60);
  assert_rgb_near (probe (fixture, ex - 3, 300), WHITE);
  assert_rgb_near (probe (fixture, ex + 5, 300), GREEN);

  /* Laser: a red dot at the pointer, the cursor hidden. */
  pv_map_view_set_pointer_mode (fixture->view, PV_POINTER_LASER);
  g_assert_cmpint (pv_map_view_get_pointer_mode (fixture->view), ==, PV_POINTER_LASER);
  move_pointer (fixture, 400, 300);
  g_assert_false (pv_map_view_get_rendering (fixture->view));
  assert_rgb_near (probe (fixture, 400, 300), LASER);
  assert_rgb_near (probe (fixture, 403, 300), LASER);
  assert_rgb_near (probe (fixture, 430, 300), GREEN);
  g_assert_nonnull (gtk_widget_get_cursor (GTK_WIDGET (fixture->view)));
  g_assert_cmpstr (gdk_cursor_get_name (gtk_widget_get_cursor (GTK_WIDGET (fixture->view))), ==, "none");
  move_pointer (fixture, 450, 320);
  assert_rgb_near (probe (fixture, 450, 320), LASER);
  assert_rgb_near (probe (fixture, 400, 300), GREEN);

  /* Spotlight: outside the circle dimmed by 65 %, inside as it is. */
  pv_map_view_set_pointer_mode (fixture->view, PV_POINTER_SPOTLIGHT);
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (fixture->view)));
  move_pointer (fixture, 400, 300);
  assert_rgb_near (probe (fixture, 400, 300), GREEN);
  assert_rgb_near (probe (fixture, 400 + 0.15 * VIEW_HEIGHT - 6, 300), GREEN);
  dimmed = probe (fixture, 400 + 0.15 * VIEW_HEIGHT + 20, 300);
  assert_rgb_near (dimmed, (guint32) round (0xA0 * 0.35) << 8);
  assert_rgb_near (probe (fixture, ex - 20, 300), 0x595959);
  g_assert_false (pv_map_view_get_rendering (fixture->view));

  /* Magnifier: around the pointer just inside the edge, the lens shows the
   * map twice as large: the edge moves out, away from the pointer. */
  pv_map_view_set_pointer_mode (fixture->view, PV_POINTER_MAGNIFIER);
  move_pointer (fixture, ex + 10, 300);
  /* At once (the view's frame enlarged) and once its own frame came. */
  assert_rgb_near (probe (fixture, ex - 3, 300), GREEN);
  assert_rgb_near (probe (fixture, ex - 40, 300), WHITE);
  pv_gui_test_wait_until (is_sharp, fixture->view, "the lens's frame");
  assert_rgb_near (probe (fixture, ex - 3, 300), GREEN);
  assert_rgb_near (probe (fixture, ex - 40, 300), WHITE);
  /* Outside the lens: the map as it is. */
  assert_rgb_near (probe (fixture, ex - 3, 300 + 0.15 * VIEW_HEIGHT + 10), WHITE);

  /* Off: as before. */
  pv_map_view_set_pointer_mode (fixture->view, PV_POINTER_NONE);
  assert_rgb_near (probe (fixture, ex - 3, 300), WHITE);

  /* The pointer gone, nothing follows it. */
  pv_map_view_set_pointer_mode (fixture->view, PV_POINTER_LASER);
  move_pointer (fixture, 400, 300);
  g_signal_emit_by_name (motion_controller (fixture), "leave");
  assert_rgb_near (probe (fixture, 400, 300), GREEN);
  pv_map_view_set_pointer_mode (fixture->view, PV_POINTER_NONE);
}

/* A bookmark's compare settings: through JSON and back, then shown. */
static void
test_bookmark (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PvBookmark) bookmark = NULL;
  g_autoptr(PvBookmarkList) list = pv_bookmark_list_new ();
  g_autoptr(PvBookmarkList) loaded = NULL;
  g_autoptr(PvBookmarkLayer) b = pv_bookmark_layer_new_for_layer (fixture->layer_b);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PvMap) group_b = NULL;
  PvBookmark *back;

  fill_view (fixture);
  bookmark = pv_bookmark_new_from_view ("Trước / sau", fixture->map, pv_map_view_get_viewport (fixture->view));
  pv_bookmark_set_compare_mode (bookmark, PV_COMPARE_SWIPE);
  pv_bookmark_set_compare_layers (bookmark, &b, 1);
  pv_bookmark_list_add (list, bookmark);
  node = pv_bookmark_list_to_json (list, fixture->dir);
  loaded = pv_bookmark_list_new_from_json (node, fixture->dir, &error);
  g_assert_no_error (error);
  back = pv_bookmark_list_get_bookmark (loaded, 0);
  g_assert_true (pv_bookmark_equal (back, bookmark));

  group_b = pv_bookmark_dup_compare_map (back, fixture->map);
  pv_map_view_set_compare (fixture->view, group_b, pv_bookmark_get_compare_mode (back));
  pv_gui_test_wait_until (is_sharp, fixture->view, "group B's frame");
  assert_rgb_near (probe (fixture, 300, 200), GREEN);
  assert_rgb_near (probe (fixture, 500, 200), BLUE);
  pv_map_view_set_compare (fixture->view, NULL, PV_COMPARE_NONE);
}

/* The popover lists the layers, builds group B from the ticked ones and
 * follows the view. */
static void
test_popover (Fixture       *fixture,
              gconstpointer  data)
{
  PvComparePopover *popover = fixture->popover;
  PvMap *other;

  fill_view (fixture);
  g_assert_true (pv_compare_popover_get_map_view (popover) == fixture->view);
  g_assert_false (pv_compare_popover_get_layer_active (popover, 0));
  g_assert_false (pv_compare_popover_get_layer_active (popover, 1));

  /* Nothing chosen: the accelerator asks (pops up) rather than compare. */
  pv_compare_popover_toggle_compare (popover);
  g_assert_cmpint (pv_map_view_get_compare_mode (fixture->view), ==, PV_COMPARE_NONE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (popover), "Layers to compare"));
  gtk_popover_popdown (GTK_POPOVER (popover));

  pv_compare_popover_set_layer_active (popover, 1, TRUE);
  pv_compare_popover_set_mode (popover, PV_COMPARE_SWIPE);
  g_assert_cmpint (pv_map_view_get_compare_mode (fixture->view), ==, PV_COMPARE_SWIPE);
  other = pv_map_view_get_compare_map (fixture->view);
  g_assert_nonnull (other);
  g_assert_false (pv_map_shows_layer (other, fixture->layer_a));
  g_assert_true (pv_map_shows_layer (other, fixture->layer_b));
  pv_gui_test_wait_until (is_sharp, fixture->view, "group B's frame");
  assert_rgb_near (probe (fixture, 300, 200), GREEN);
  assert_rgb_near (probe (fixture, 500, 200), BLUE);

  /* Another choice, another group B. */
  pv_compare_popover_set_layer_active (popover, 0, TRUE);
  other = pv_map_view_get_compare_map (fixture->view);
  g_assert_true (pv_map_shows_layer (other, fixture->layer_a));
  g_assert_true (pv_map_shows_layer (other, fixture->layer_b));

  /* The accelerator: off, and on again in the last mode. */
  pv_compare_popover_toggle_compare (popover);
  g_assert_cmpint (pv_map_view_get_compare_mode (fixture->view), ==, PV_COMPARE_NONE);
  pv_compare_popover_set_mode (popover, PV_COMPARE_SPYGLASS);
  pv_compare_popover_toggle_compare (popover);
  g_assert_cmpint (pv_map_view_get_compare_mode (fixture->view), ==, PV_COMPARE_NONE);
  pv_compare_popover_toggle_compare (popover);
  g_assert_cmpint (pv_map_view_get_compare_mode (fixture->view), ==, PV_COMPARE_SPYGLASS);

  /* Pointer tools cycle; a mode set on the view shows in the popover. */
  pv_compare_popover_cycle_pointer (popover);
  g_assert_cmpint (pv_map_view_get_pointer_mode (fixture->view), ==, PV_POINTER_LASER);
  pv_compare_popover_cycle_pointer (popover);
  pv_compare_popover_cycle_pointer (popover);
  pv_compare_popover_cycle_pointer (popover);
  g_assert_cmpint (pv_map_view_get_pointer_mode (fixture->view), ==, PV_POINTER_NONE);
  pv_map_view_set_compare (fixture->view, NULL, PV_COMPARE_NONE);
  pv_compare_popover_toggle_compare (popover);
  g_assert_cmpint (pv_map_view_get_compare_mode (fixture->view), ==, PV_COMPARE_SPYGLASS);

  /* A layer added to the map is listed, unticked. */
  {
    const double red[3] = { 1, 0, 0 };
    g_autofree char *dir_c = g_build_filename (fixture->dir, "c", NULL);
    g_autoptr(PvLayer) layer_c = NULL;

    g_mkdir_with_parents (dir_c, 0700);
    layer_c = open_square (dir_c, red);
    pv_map_add_layer (fixture->map, layer_c);
    g_assert_false (pv_compare_popover_get_layer_active (popover, 2));
    g_assert_true (pv_compare_popover_get_layer_active (popover, 1));
    g_assert_false (pv_map_shows_layer (pv_map_view_get_compare_map (fixture->view), layer_c));
    pv_map_view_set_compare (fixture->view, NULL, PV_COMPARE_NONE);
    pv_map_remove_layer (fixture->map, 2);
  }

  pv_compare_popover_set_map_view (popover, NULL);
  g_assert_null (pv_compare_popover_get_map_view (popover));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add ("/gui/compare/swipe", Fixture, NULL, fixture_setup, test_swipe, fixture_teardown);
  g_test_add ("/gui/compare/divider-drag", Fixture, NULL, fixture_setup, test_divider_drag, fixture_teardown);
  g_test_add ("/gui/compare/spyglass", Fixture, NULL, fixture_setup, test_spyglass, fixture_teardown);
  g_test_add ("/gui/compare/pointer-tools", Fixture, NULL, fixture_setup, test_pointer_tools, fixture_teardown);
  g_test_add ("/gui/compare/bookmark", Fixture, NULL, fixture_setup, test_bookmark, fixture_teardown);
  g_test_add ("/gui/compare/popover", Fixture, NULL, fixture_setup, test_popover, fixture_teardown);

  return g_test_run ();
}
