/* test-measure-tool.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pv-geodesic.h"
#include "pv-gui-test-util.h"
#include "pv-map-view.h"
#include "pv-measure-tool.h"
#include "pv-test-util.h"
#include "pv-window.h"

typedef struct
{
  char               *dir;
  char               *path;
  PvWindow           *window;
  PvMapView          *view;
  GtkEventController *drag;
  GtkEventController *click;
  GtkEventController *keys;
  GtkEventController *motion;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  fixture->dir = pv_test_make_temp_dir ("pv-test-measure");
  fixture->path = pv_gui_test_write_zoning_square (fixture->dir);

  fixture->window = pv_gui_test_window_new (900, 700);
  pv_gui_test_window_open_path (fixture->window, fixture->path);
  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, fixture->window, "the zoning square");
  fixture->view = pv_window_get_map_view (fixture->window);
  g_assert_nonnull (pv_map_get_crs (pv_map_view_get_map (fixture->view)));
  g_assert_cmpint (pv_crs_get_epsg (pv_map_get_crs (pv_map_view_get_map (fixture->view))), ==, 9210);

  fixture->drag = pv_gui_test_find_view_controller (fixture->view, GTK_TYPE_GESTURE_DRAG,
                                                    GTK_PHASE_BUBBLE);
  fixture->click = pv_gui_test_find_view_controller (fixture->view, GTK_TYPE_GESTURE_CLICK,
                                                     GTK_PHASE_BUBBLE);
  fixture->keys = pv_gui_test_find_view_controller (fixture->view, GTK_TYPE_EVENT_CONTROLLER_KEY,
                                                    GTK_PHASE_CAPTURE);
  fixture->motion = pv_gui_test_find_view_controller (fixture->view, GTK_TYPE_EVENT_CONTROLLER_MOTION,
                                                      GTK_PHASE_BUBBLE);
  g_assert_nonnull (fixture->drag);
  g_assert_nonnull (fixture->click);
  g_assert_nonnull (fixture->keys);
  g_assert_nonnull (fixture->motion);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pv_map_view_set_tool (fixture->view, NULL);
  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, fixture->window, "the view to be idle");
  pv_gui_test_window_destroy_drained (g_steal_pointer (&fixture->window));
  pv_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* A click as the view's gestures see it: a drag that does not move. */
static void
click (Fixture *fixture,
       double   x,
       double   y)
{
  g_signal_emit_by_name (fixture->drag, "drag-begin", x, y);
  g_signal_emit_by_name (fixture->drag, "drag-end", 0.0, 0.0);
}

/* The second click of a double click: its press is the click gesture's
 * n_press 2, inside a drag of its own. */
static void
double_click (Fixture *fixture,
              double   x,
              double   y)
{
  click (fixture, x, y);
  g_signal_emit_by_name (fixture->drag, "drag-begin", x, y);
  g_signal_emit_by_name (fixture->click, "pressed", 2, x, y);
  g_signal_emit_by_name (fixture->drag, "drag-end", 0.0, 0.0);
}

static gboolean
press_key (Fixture *fixture,
           guint    keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (fixture->keys, "key-pressed", keyval, 0, 0, &handled);
  return handled;
}

/* The map points under widget points. */
static GArray *
to_map (PvMapView    *view,
        const double *widget_xy,
        guint         n)
{
  GArray *xy = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n; i++)
    {
      double x, y;

      pv_map_view_widget_to_map (view, widget_xy[2 * i], widget_xy[2 * i + 1], &x, &y);
      g_array_append_val (xy, x);
      g_array_append_val (xy, y);
    }
  return xy;
}

static char *
expected_text (PvMeasureMode mode,
               double        geodesic,
               double        planar)
{
  g_autofree char *g = NULL;
  g_autofree char *p = NULL;

  g = mode == PV_MEASURE_MODE_AREA ? pv_measure_format_area (geodesic) : pv_measure_format_length (geodesic);
  if (isnan (planar))
    return g_steal_pointer (&g);
  p = mode == PV_MEASURE_MODE_AREA ? pv_measure_format_area (planar) : pv_measure_format_length (planar);
  return g_strdup_printf ("%s (planar %s)", g, p);
}

static GdkTexture *
render_widget (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                           gtk_widget_get_height (widget)));
}

/* The pixel at (x, y) of the view as drawn, as 0xRRGGBB. */
static guint32
pixel_at (PvMapView *view,
          int        x,
          int        y)
{
  g_autoptr(GdkTexture) texture = render_widget (GTK_WIDGET (view));
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  double scale = (double) width / gtk_widget_get_width (GTK_WIDGET (view));

  gdk_texture_download (texture, pixels, stride);
  x = (int) (x * scale);
  y = (int) (y * scale);
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  return *(guint32 *) (pixels + (gsize) y * stride + 4 * (gsize) x) & 0xFFFFFF;
}

static void
measured_cb (PvMeasureTool *tool,
             double         geodesic,
             double         planar,
             double        *values)
{
  values[0] += 1;
  values[1] = geodesic;
  values[2] = planar;
}

/* Clicks place vertices, the value is pv_geodesic_length's on the map
 * points under them, a double click finishes, the line is drawn. */
static void
test_distance (Fixture       *fixture,
               gconstpointer  data)
{
  PvMapView *view = fixture->view;
  g_autoptr(PvMeasureTool) tool = pv_measure_tool_new (PV_MEASURE_MODE_DISTANCE);
  PvCrs *crs = pv_map_get_crs (pv_map_view_get_map (view));
  static const double clicks[] = { 200, 300, 600, 300, 650, 500 };
  g_autoptr(GArray) map_xy = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  double values[3] = { 0, NAN, NAN };
  double geodesic, planar;
  guint32 before, after;

  g_signal_connect (tool, "measured", G_CALLBACK (measured_cb), values);
  before = pixel_at (view, 400, 300);
  pv_map_view_set_tool (view, PV_MAP_TOOL (tool));
  map_xy = to_map (view, clicks, 3);

  click (fixture, clicks[0], clicks[1]);
  g_assert_cmpuint (pv_measure_tool_get_n_points (tool), ==, 1);
  g_assert_null (pv_measure_tool_get_result (tool));
  g_assert_true (isnan (pv_measure_tool_get_geodesic (tool)));
  g_assert_cmpstr (pv_measure_tool_get_notice (tool), ==, "Geodesic on the WGS 84 ellipsoid");
  g_assert_false (pv_measure_tool_get_points (tool, &points));
  g_assert_null (points);

  click (fixture, clicks[2], clicks[3]);
  g_assert_cmpuint (pv_measure_tool_get_n_points (tool), ==, 2);
  g_assert_true (pv_geodesic_length (crs, (double *) map_xy->data, 2, &geodesic, &planar, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (pv_measure_tool_get_geodesic (tool), geodesic, 1e-6);
  g_assert_cmpfloat_with_epsilon (pv_measure_tool_get_planar (tool), planar, 1e-6);
  /* 400 px on a view of a 10 km square: kilometres, and the ground shorter
   * than the grid 90 km east of the central meridian. */
  g_assert_cmpfloat (planar, >, 1000);
  g_assert_cmpfloat (geodesic, <, planar);
  text = expected_text (PV_MEASURE_MODE_DISTANCE, geodesic, planar);
  g_assert_cmpstr (pv_measure_tool_get_result (tool), ==, text);
  g_assert_nonnull (strstr (text, " km (planar "));
  g_clear_pointer (&text, g_free);

  /* The rubber band changes the drawing, not the result. */
  g_signal_emit_by_name (fixture->motion, "motion", 640.0, 450.0);
  g_assert_cmpfloat_with_epsilon (pv_measure_tool_get_geodesic (tool), geodesic, 1e-6);

  /* The third vertex by a double click, which finishes: three points. */
  double_click (fixture, clicks[4], clicks[5]);
  g_assert_true (pv_measure_tool_get_finished (tool));
  g_assert_cmpuint (pv_measure_tool_get_n_points (tool), ==, 3);
  g_assert_true (pv_geodesic_length (crs, (double *) map_xy->data, 3, &geodesic, &planar, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (pv_measure_tool_get_geodesic (tool), geodesic, 1e-6);
  text = expected_text (PV_MEASURE_MODE_DISTANCE, geodesic, planar);
  g_assert_cmpstr (pv_measure_tool_get_result (tool), ==, text);
  g_assert_cmpfloat (values[0], ==, 1);
  g_assert_cmpfloat_with_epsilon (values[1], geodesic, 1e-6);
  g_assert_cmpfloat_with_epsilon (values[2], planar, 1e-6);

  g_assert_true (pv_measure_tool_get_points (tool, &points));
  g_assert_cmpuint (points->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (points, double, i), g_array_index (map_xy, double, i), 1e-9);
  g_assert_true (pv_crs_equals (pv_measure_tool_get_crs (tool), crs));

  /* The first segment is drawn in the tool's blue over the map. */
  after = pixel_at (view, 400, 300);
  g_assert_cmphex (after, !=, before);
  g_assert_cmpuint (after & 0xFF, >, 180);            /* blue */
  g_assert_cmpuint ((after >> 16) & 0xFF, <, 120);    /* red */

  /* A click after a finished measurement starts a new one. */
  click (fixture, 300, 400);
  g_assert_false (pv_measure_tool_get_finished (tool));
  g_assert_cmpuint (pv_measure_tool_get_n_points (tool), ==, 1);
  g_assert_cmpfloat (values[0], ==, 1);
}

/* BackSpace takes back the last vertex, Escape clears, then leaves Escape
 * to others; a drag pans instead of placing a vertex. */
static void
test_keys_and_pan (Fixture       *fixture,
                   gconstpointer  data)
{
  PvMapView *view = fixture->view;
  g_autoptr(PvMeasureTool) tool = pv_measure_tool_new (PV_MEASURE_MODE_DISTANCE);
  PvCrs *crs = pv_map_get_crs (pv_map_view_get_map (view));
  static const double clicks[] = { 200, 200, 500, 250, 700, 450 };
  g_autoptr(GArray) map_xy = NULL;
  double geodesic, planar, cx, cy;
  PvViewport *viewport = pv_map_view_get_viewport (view);

  pv_map_view_set_tool (view, PV_MAP_TOOL (tool));
  g_assert_cmpstr (pv_map_tool_get_cursor_name (PV_MAP_TOOL (tool)), ==, "crosshair");
  map_xy = to_map (view, clicks, 3);
  for (guint i = 0; i < 3; i++)
    click (fixture, clicks[2 * i], clicks[2 * i + 1]);
  g_assert_cmpuint (pv_measure_tool_get_n_points (tool), ==, 3);

  g_assert_true (press_key (fixture, GDK_KEY_BackSpace));
  g_assert_cmpuint (pv_measure_tool_get_n_points (tool), ==, 2);
  g_assert_true (pv_geodesic_length (crs, (double *) map_xy->data, 2, &geodesic, &planar, NULL));
  g_assert_cmpfloat_with_epsilon (pv_measure_tool_get_geodesic (tool), geodesic, 1e-6);

  /* Return finishes; BackSpace reopens it. */
  g_assert_true (press_key (fixture, GDK_KEY_Return));
  g_assert_true (pv_measure_tool_get_finished (tool));
  g_assert_true (press_key (fixture, GDK_KEY_BackSpace));
  g_assert_false (pv_measure_tool_get_finished (tool));
  g_assert_cmpuint (pv_measure_tool_get_n_points (tool), ==, 1);
  g_assert_null (pv_measure_tool_get_result (tool));

  /* A drag moves the map and places nothing. */
  pv_viewport_get_center (viewport, &cx, &cy);
  g_signal_emit_by_name (fixture->drag, "drag-begin", 400.0, 300.0);
  g_signal_emit_by_name (fixture->drag, "drag-update", 60.0, 0.0);
  g_signal_emit_by_name (fixture->drag, "drag-end", 80.0, 0.0);
  g_assert_cmpuint (pv_measure_tool_get_n_points (tool), ==, 1);
  {
    double nx, ny;

    pv_viewport_get_center (viewport, &nx, &ny);
    g_assert_cmpfloat (nx, <, cx);
    g_assert_cmpfloat_with_epsilon (ny, cy, 1e-6);
  }

  g_assert_true (press_key (fixture, GDK_KEY_Escape));
  g_assert_cmpuint (pv_measure_tool_get_n_points (tool), ==, 0);
  g_assert_null (pv_measure_tool_get_result (tool));
  g_assert_null (pv_measure_tool_get_notice (tool));
  g_assert_null (pv_measure_tool_get_crs (tool));
  g_assert_false (press_key (fixture, GDK_KEY_Escape));
  g_assert_false (press_key (fixture, GDK_KEY_BackSpace));
  /* Other keys go on to the view. */
  g_assert_false (press_key (fixture, GDK_KEY_a));
}

/* A polygon: area as pv_geodesic_area gives it, the planar one from the
 * map points, the inside filled translucent. */
static void
test_area (Fixture       *fixture,
           gconstpointer  data)
{
  PvMapView *view = fixture->view;
  g_autoptr(PvMeasureTool) tool = pv_measure_tool_new (PV_MEASURE_MODE_AREA);
  PvCrs *crs = pv_map_get_crs (pv_map_view_get_map (view));
  static const double clicks[] = { 300, 200, 600, 200, 600, 500, 300, 500 };
  g_autoptr(GArray) map_xy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  double geodesic, planar, res;
  guint32 before, after;

  before = pixel_at (view, 450, 350);
  pv_map_view_set_tool (view, PV_MAP_TOOL (tool));
  g_assert_cmpint (pv_measure_tool_get_mode (tool), ==, PV_MEASURE_MODE_AREA);
  map_xy = to_map (view, clicks, 4);
  for (guint i = 0; i < 4; i++)
    click (fixture, clicks[2 * i], clicks[2 * i + 1]);
  g_assert_true (press_key (fixture, GDK_KEY_Return));
  g_assert_true (pv_measure_tool_get_finished (tool));

  g_assert_true (pv_geodesic_area (crs, (double *) map_xy->data, 4, &geodesic, &planar, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (pv_measure_tool_get_geodesic (tool), geodesic, 1e-3);
  g_assert_cmpfloat_with_epsilon (pv_measure_tool_get_planar (tool), planar, 1e-3);
  /* A 300 px square of the view, in map units squared. */
  res = pv_map_view_get_resolution (view);
  g_assert_cmpfloat_with_epsilon (planar, 300 * res * 300 * res, 1e-3 * planar);
  text = expected_text (PV_MEASURE_MODE_AREA, geodesic, planar);
  g_assert_cmpstr (pv_measure_tool_get_result (tool), ==, text);
  g_assert_nonnull (strstr (text, " ha (planar "));

  /* The inside is tinted: the map shows through a quarter of the tool's
   * blue (0.21, 0.52, 0.89). */
  after = pixel_at (view, 450, 350);
  g_assert_cmphex (after, !=, before);
  for (guint shift = 0; shift <= 16; shift += 8)
    {
      double blue = shift == 16 ? 0.21 : shift == 8 ? 0.52 : 0.89;
      double expected = ((before >> shift) & 0xFF) * 0.75 + blue * 255 * 0.25;

      g_assert_cmpfloat_with_epsilon ((after >> shift) & 0xFF, expected, 3.0);
    }

  /* Switching to distance clears. */
  pv_measure_tool_set_mode (tool, PV_MEASURE_MODE_DISTANCE);
  g_assert_cmpuint (pv_measure_tool_get_n_points (tool), ==, 0);
  g_assert_null (pv_measure_tool_get_result (tool));
}

/* In a geographic map CRS there is no planar value; a CRS change between
 * measurements starts afresh. */
static void
test_geographic (Fixture       *fixture,
                 gconstpointer  data)
{
  PvMapView *view = fixture->view;
  PvMap *map = pv_map_view_get_map (view);
  g_autoptr(PvMeasureTool) tool = pv_measure_tool_new (PV_MEASURE_MODE_DISTANCE);
  g_autoptr(PvCrs) wgs84 = pv_crs_new_from_epsg (4326, NULL);
  static const double clicks[] = { 250, 300, 650, 320 };
  g_autoptr(GArray) map_xy = NULL;
  double geodesic, planar;

  pv_map_view_set_tool (view, PV_MAP_TOOL (tool));
  click (fixture, 100, 100);
  g_assert_cmpuint (pv_measure_tool_get_n_points (tool), ==, 1);

  pv_map_set_crs (map, wgs84);
  pv_map_view_zoom_full (view);
  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, fixture->window, "the map in WGS 84");
  map_xy = to_map (view, clicks, 2);
  g_assert_cmpfloat (g_array_index (map_xy, double, 0), >, 106);
  g_assert_cmpfloat (g_array_index (map_xy, double, 0), <, 107);
  click (fixture, clicks[0], clicks[1]);
  /* The old vertex was in EPSG:9210: forgotten. */
  g_assert_cmpuint (pv_measure_tool_get_n_points (tool), ==, 1);
  click (fixture, clicks[2], clicks[3]);
  g_assert_true (pv_crs_equals (pv_measure_tool_get_crs (tool), wgs84));

  g_assert_true (pv_geodesic_length (wgs84, (double *) map_xy->data, 2, &geodesic, &planar, NULL));
  g_assert_true (isnan (planar));
  g_assert_true (isnan (pv_measure_tool_get_planar (tool)));
  g_assert_cmpfloat_with_epsilon (pv_measure_tool_get_geodesic (tool), geodesic, 1e-6);
  {
    g_autofree char *text = pv_measure_format_length (geodesic);

    g_assert_cmpstr (pv_measure_tool_get_result (tool), ==, text);
    g_assert_null (strstr (text, "planar"));
  }
}

/* m below 1 km, km above; m² below 1 ha, ha above; grouped digits. */
static void
test_format (void)
{
  static const struct { double value; gboolean area; const char *text; } cases[] = {
    { 5.274, FALSE, "5.27 m" },
    { 850.31, FALSE, "850.3 m" },
    { 999.97, FALSE, "1.000 km" },
    { 1234.4, FALSE, "1.234 km" },
    { 12480, FALSE, "12.48 km" },
    { 123456, FALSE, "123.5 km" },
    { 1234567, FALSE, "1\u202f234.6 km" },
    { 45.26, TRUE, "45.3 m²" },
    { 950.2, TRUE, "950 m²" },
    { 9999.4, TRUE, "9\u202f999 m²" },
    { 32500, TRUE, "3.25 ha" },
    { 123456789, TRUE, "12\u202f345.68 ha" },
    { NAN, TRUE, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cases[i].area ? pv_measure_format_area (cases[i].value)
                                            : pv_measure_format_length (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* The tool on its own: no view, nothing measured, and it goes away. */
static void
test_lifecycle (void)
{
  PvMeasureTool *tool = pv_measure_tool_new (PV_MEASURE_MODE_AREA);
  GArray *points = NULL;
  PvMeasureMode mode;

  g_object_get (tool, "mode", &mode, NULL);
  g_assert_cmpint (mode, ==, PV_MEASURE_MODE_AREA);
  g_assert_false (pv_measure_tool_get_finished (tool));
  g_assert_false (pv_measure_tool_get_points (tool, &points));
  g_assert_null (points);
  g_assert_true (isnan (pv_measure_tool_get_geodesic (tool)));
  g_assert_finalize_object (tool);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/measure-tool/format", test_format);
  g_test_add_func ("/gui/measure-tool/lifecycle", test_lifecycle);
#define ADD(path, func) \
  g_test_add ("/gui/measure-tool/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("distance", test_distance);
  ADD ("keys-and-pan", test_keys_and_pan);
  ADD ("area", test_area);
  ADD ("geographic", test_geographic);
#undef ADD

  return g_test_run ();
}
