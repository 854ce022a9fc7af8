/* test-status-bar.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "pv-application.h"
#include "pv-format.h"
#include "pv-gui-test-util.h"
#include "pv-map-view.h"
#include "pv-preferences-window.h"
#include "pv-status-bar.h"

#define NNBSP "\u202f"

/* The VN-2000 reference point in Thủ Dầu Một (vietnam.md §1.4): EPSG:9210
 * metres, and its WGS 84 position. */
#define REF_X   598371.1816
#define REF_Y   1214436.3465
#define REF_LON 106.6519
#define REF_LAT 10.9804

typedef struct
{
  GtkWindow   *window;
  PvMapView   *view;
  PvStatusBar *bar;
  PvMap       *map;
} Fixture;

/* A window with a map view on map (EPSG:9210 unless crs_code is 0), showing
 * 2 km around the reference point, and a status bar. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  int crs_code = GPOINTER_TO_INT (data);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  const double extent[4] = { REF_X - 1000, REF_Y - 1000, REF_X + 1000, REF_Y + 1000 };
  gint64 deadline;

  f->map = pv_map_new ();
  if (crs_code != 0)
    {
      g_autoptr(PvCrs) crs = pv_crs_new_from_epsg (crs_code, NULL);

      pv_map_set_crs (f->map, crs);
    }

  f->view = PV_MAP_VIEW (pv_map_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (f->view), 400, 300);
  f->bar = PV_STATUS_BAR (pv_status_bar_new ());
  pv_status_bar_set_map_view (f->bar, f->view);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->view));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->bar));

  f->window = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_child (f->window, box);
  gtk_window_set_default_size (f->window, 800, 600);
  pv_map_view_set_map (f->view, f->map, extent);
  gtk_window_present (f->window);

  /* The view frames the extent once it has a size. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (pv_viewport_get_width (pv_map_view_get_viewport (f->view)) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  pv_gui_test_iterate ();
}

/* Render workers may still hold the view (and through it the map) for a
 * moment after the window goes: wait for them, then check nothing leaks. */
static void
wait_finalized (gpointer object)
{
  gpointer weak = object;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_null (weak);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  pv_gui_test_iterate ();
  wait_finalized (f->window);
  wait_finalized (f->map);
}

static void
view_center (Fixture *f,
             double  *x,
             double  *y)
{
  pv_viewport_get_center (pv_map_view_get_viewport (f->view), x, y);
}

static void
test_status_bar_position (Fixture       *f,
                          gconstpointer  data)
{
  g_assert_true (pv_status_bar_apply_scale_text (f->bar, "1:500"));
  /* 1:500 on a 96 dpi screen: 0.13 m per pixel, so decimetres. */
  pv_status_bar_set_coordinate_format (f->bar, "decimal");
  pv_status_bar_show_position (f->bar, REF_X, REF_Y);
  g_assert_cmpstr (pv_status_bar_get_position_text (f->bar), ==,
                   "E 598" NNBSP "371.2  N 1" NNBSP "214" NNBSP "436.3");
  g_assert_cmpstr (pv_status_bar_get_geographic_text (f->bar), ==,
                   "10.980400° N  106.651900° E");

  pv_status_bar_set_coordinate_format (f->bar, "dms");
  g_assert_cmpstr (pv_status_bar_get_geographic_text (f->bar), ==,
                   "10°58′49.44″ N  106°39′06.84″ E");

  /* At 1:50 000 the metres are enough. */
  g_assert_true (pv_status_bar_apply_scale_text (f->bar, "50000"));
  pv_status_bar_show_position (f->bar, REF_X, REF_Y);
  g_assert_cmpstr (pv_status_bar_get_position_text (f->bar), ==,
                   "E 598" NNBSP "371  N 1" NNBSP "214" NNBSP "436");

  pv_status_bar_clear_position (f->bar);
  g_assert_cmpstr (pv_status_bar_get_position_text (f->bar), ==, "");
  g_assert_cmpstr (pv_status_bar_get_geographic_text (f->bar), ==, "");
}

static void
test_status_bar_setting (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = pv_application_dup_settings ();

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "coordinate-format", "decimal");
  pv_status_bar_show_position (f->bar, REF_X, REF_Y);
  g_assert_cmpstr (pv_status_bar_get_coordinate_format (f->bar), ==, "decimal");
  g_assert_cmpstr (pv_status_bar_get_geographic_text (f->bar), ==,
                   "10.980400° N  106.651900° E");

  /* The preference switches the status bar at once. */
  g_settings_set_string (settings, "coordinate-format", "dms");
  pv_gui_test_iterate ();
  g_assert_cmpstr (pv_status_bar_get_coordinate_format (f->bar), ==, "dms");
  g_assert_cmpstr (pv_status_bar_get_geographic_text (f->bar), ==,
                   "10°58′49.44″ N  106°39′06.84″ E");

  g_settings_set_string (settings, "coordinate-format", "decimal");
  pv_gui_test_iterate ();
  g_assert_cmpstr (pv_status_bar_get_geographic_text (f->bar), ==,
                   "10.980400° N  106.651900° E");
  g_settings_reset (settings, "coordinate-format");
}

static void
test_status_bar_unknown_crs (Fixture       *f,
                             gconstpointer  data)
{
  pv_status_bar_show_position (f->bar, 1234.5, 6789.5);
  g_assert_cmpstr (pv_status_bar_get_geographic_text (f->bar), ==, "—");
  g_assert_true (g_str_has_prefix (pv_status_bar_get_position_text (f->bar), "X 1" NNBSP "234"));
}

static void
test_status_bar_scale (Fixture       *f,
                       gconstpointer  data)
{
  PvViewport *viewport = pv_map_view_get_viewport (f->view);
  const char *accepted[] = { "1:2000", "2000", "1 : 2 000", "1:2" NNBSP "000", "1/2000",
                             "1:2.000", "1:2,000", "≈1:2 000", " 2000 " };
  const char *refused[] = { "", "1:", "abc", "1:20.00", "2000 m", "1:0", "-2000", "1:2000:3" };
  double x0, y0, x, y;

  view_center (f, &x0, &y0);
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      double scale = 0;

      g_assert_true (pv_format_parse_scale (accepted[i], &scale));
      g_assert_cmpfloat (scale, ==, 2000);
      /* Changing the scale keeps the centre. */
      pv_viewport_set_scale (viewport, 7000);
      g_assert_true (pv_status_bar_apply_scale_text (f->bar, accepted[i]));
      g_assert_cmpfloat_with_epsilon (pv_viewport_get_scale (viewport), 2000, 1e-6);
      view_center (f, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, x0, 1e-6);
      g_assert_cmpfloat_with_epsilon (y, y0, 1e-6);
    }
  g_assert_cmpstr (pv_status_bar_get_scale_text (f->bar), ==, "1:2" NNBSP "000");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      double scale = -1;

      g_assert_false (pv_format_parse_scale (refused[i], &scale));
      g_assert_cmpfloat (scale, ==, -1);
      g_assert_false (pv_status_bar_apply_scale_text (f->bar, refused[i]));
      g_assert_cmpfloat_with_epsilon (pv_viewport_get_scale (viewport), 2000, 1e-6);
    }

  /* Typed in the entry, with Enter. */
  {
    GtkWidget *entry = pv_gui_test_find_widget_of_type (GTK_WIDGET (f->bar), GTK_TYPE_ENTRY);
    /* Enter is the entry's text widget activating. */
    GtkWidget *text = pv_gui_test_find_widget_of_type (entry, GTK_TYPE_TEXT);

    gtk_editable_set_text (GTK_EDITABLE (entry), "1 : 10 000");
    g_signal_emit_by_name (text, "activate");
    g_assert_cmpfloat_with_epsilon (pv_viewport_get_scale (viewport), 10000, 1e-6);
    g_assert_false (gtk_widget_has_css_class (entry, "error"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "ten thousand");
    g_signal_emit_by_name (text, "activate");
    g_assert_cmpfloat_with_epsilon (pv_viewport_get_scale (viewport), 10000, 1e-6);
    g_assert_true (gtk_widget_has_css_class (entry, "error"));
  }

  /* The planning scales, through the menu's action. */
  {
    const guint expected[] = { 500, 1000, 2000, 5000, 10000, 25000, 50000 };
    const guint *scales;
    guint n;

    scales = pv_format_get_planning_scales (&n);
    g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < n; i++)
      {
        g_assert_cmpuint (scales[i], ==, expected[i]);
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->bar), "status.set-scale", "u", scales[i]));
        g_assert_cmpfloat_with_epsilon (pv_viewport_get_scale (viewport), scales[i], 1e-6);
      }
    g_assert_cmpstr (pv_status_bar_get_scale_text (f->bar), ==, "1:50" NNBSP "000");
  }
}

static void
ground_point (PvCrs  *crs,
              double  x,
              double  y,
              double *lon,
              double *lat)
{
  g_autoptr(PvCrs) wgs84 = pv_crs_new_from_epsg (4326, NULL);
  g_autoptr(PvTransform) transform = pv_transform_new (crs, wgs84, NULL);

  *lon = x;
  *lat = y;
  g_assert_true (pv_transform_point (transform, lon, lat, NULL));
}

/* Metres between two WGS 84 positions close to each other. */
static double
ground_distance (double lon1,
                 double lat1,
                 double lon2,
                 double lat2)
{
  double dx = (lon2 - lon1) * 111319.49 * cos (lat1 * G_PI / 180);
  double dy = (lat2 - lat1) * 110574.0;

  return hypot (dx, dy);
}

static void
test_status_bar_change_crs (Fixture       *f,
                            gconstpointer  data)
{
  const int codes[] = { 32648, 4326, 3405, 9210 };
  double lon0, lat0, cx, cy;

  g_assert_true (pv_status_bar_apply_scale_text (f->bar, "1:5000"));
  pv_viewport_set_center (pv_map_view_get_viewport (f->view), REF_X, REF_Y);
  ground_point (pv_map_get_crs (f->map), REF_X, REF_Y, &lon0, &lat0);
  g_assert_cmpfloat_with_epsilon (lon0, REF_LON, 1e-7);
  g_assert_cmpfloat_with_epsilon (lat0, REF_LAT, 1e-7);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(PvCrs) crs = pv_crs_new_from_epsg (codes[i], NULL);
      PvCrs *map_crs;
      double lon, lat, scale;
      g_autofree char *label = NULL;

      pv_status_bar_set_map_crs (f->bar, crs);
      pv_gui_test_iterate ();
      map_crs = pv_map_get_crs (f->map);
      g_assert_cmpint (pv_crs_get_epsg (map_crs), ==, codes[i]);

      /* The same ground point at the centre, within a metre… */
      view_center (f, &cx, &cy);
      ground_point (map_crs, cx, cy, &lon, &lat);
      g_assert_cmpfloat (ground_distance (lon0, lat0, lon, lat), <, 1.0);
      /* …and about the same scale (degrees give an approximate one). */
      scale = pv_format_map_scale (pv_map_view_get_viewport (f->view), map_crs);
      g_assert_cmpfloat (fabs (scale - 5000), <, pv_crs_is_geographic (map_crs) ? 100 : 10);

      /* The status bar follows. */
      label = g_strdup_printf ("EPSG:%d", codes[i]);
      pv_status_bar_show_position (f->bar, cx, cy);
      g_assert_cmpstr (pv_status_bar_get_geographic_text (f->bar), ==,
                       "10.980400° N  106.651900° E");
    }

  /* Back in EPSG:9210: the reference point itself. */
  view_center (f, &cx, &cy);
  g_assert_cmpfloat (hypot (cx - REF_X, cy - REF_Y), <, 1.0);
}

/* The preferences window edits the setting the status bar follows. */
static void
test_status_bar_preferences (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = pv_application_dup_settings ();
  GtkWidget *preferences;
  AdwComboRow *row;

  g_settings_set_string (settings, "coordinate-format", "dms");
  preferences = g_object_ref (pv_preferences_window_new (f->window));
  gtk_window_present (GTK_WINDOW (preferences));
  row = ADW_COMBO_ROW (pv_gui_test_find_widget_of_type (preferences, ADW_TYPE_COMBO_ROW));
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, PV_COORDINATE_FORMAT_DMS);

  pv_status_bar_show_position (f->bar, REF_X, REF_Y);
  adw_combo_row_set_selected (row, PV_COORDINATE_FORMAT_DECIMAL);
  pv_gui_test_iterate ();
  {
    g_autofree char *value = g_settings_get_string (settings, "coordinate-format");

    g_assert_cmpstr (value, ==, "decimal");
  }
  g_assert_cmpstr (pv_status_bar_get_geographic_text (f->bar), ==,
                   "10.980400° N  106.651900° E");
  adw_combo_row_set_selected (row, PV_COORDINATE_FORMAT_DMS);
  pv_gui_test_iterate ();
  g_assert_cmpstr (pv_status_bar_get_geographic_text (f->bar), ==,
                   "10°58′49.44″ N  106°39′06.84″ E");

  gtk_window_destroy (GTK_WINDOW (preferences));
  pv_gui_test_iterate ();
  wait_finalized (preferences);
  g_settings_reset (settings, "coordinate-format");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add ("/gui/status-bar/position", Fixture, GINT_TO_POINTER (9210),
              fixture_set_up, test_status_bar_position, fixture_tear_down);
  g_test_add ("/gui/status-bar/setting", Fixture, GINT_TO_POINTER (9210),
              fixture_set_up, test_status_bar_setting, fixture_tear_down);
  g_test_add ("/gui/status-bar/preferences", Fixture, GINT_TO_POINTER (9210),
              fixture_set_up, test_status_bar_preferences, fixture_tear_down);
  g_test_add ("/gui/status-bar/unknown-crs", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_status_bar_unknown_crs, fixture_tear_down);
  g_test_add ("/gui/status-bar/scale", Fixture, GINT_TO_POINTER (9210),
              fixture_set_up, test_status_bar_scale, fixture_tear_down);
  g_test_add ("/gui/status-bar/change-crs", Fixture, GINT_TO_POINTER (9210),
              fixture_set_up, test_status_bar_change_crs, fixture_tear_down);

  return g_test_run ();
}
