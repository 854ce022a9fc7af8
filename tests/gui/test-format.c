/* test-format.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "pv-format.h"

#define NNBSP "\u202f"

static void
test_format_grouped (void)
{
  struct
  {
    double      value;
    int         decimals;
    const char *expected;
  } cases[] = {
    { 0, 0, "0" },
    { 12, 0, "12" },
    { 999, 0, "999" },
    { 1000, 0, "1" NNBSP "000" },
    { 598371.1816, 0, "598" NNBSP "371" },
    { 1214436.3465, 2, "1" NNBSP "214" NNBSP "436.35" },
    { 1214436.3465, 1, "1" NNBSP "214" NNBSP "436.3" },
    { -45678.9, 1, "−45" NNBSP "678.9" },
    { -0.001, 2, "0.00" },
    { 106.6519, 4, "106.6519" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pv_format_grouped (cases[i].value, cases[i].decimals);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_format_decimals (void)
{
  g_assert_cmpint (pv_format_decimals_for (25.0, 2), ==, 0);
  g_assert_cmpint (pv_format_decimals_for (1.0, 2), ==, 0);
  g_assert_cmpint (pv_format_decimals_for (0.5, 2), ==, 1);
  g_assert_cmpint (pv_format_decimals_for (0.1, 2), ==, 1);
  g_assert_cmpint (pv_format_decimals_for (0.05, 2), ==, 2);
  g_assert_cmpint (pv_format_decimals_for (0.0001, 2), ==, 2);
  g_assert_cmpint (pv_format_decimals_for (0.0001, 8), ==, 4);
  g_assert_cmpint (pv_format_decimals_for (0, 2), ==, 0);
}

static void
test_format_scale (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) tm3 = pv_crs_new_from_epsg (9210, &error);
  g_autoptr(PvCrs) wgs84 = NULL;
  g_autoptr(PvViewport) viewport = pv_viewport_new ();
  g_autofree char *a = pv_format_scale (25000.2, FALSE);
  g_autofree char *b = pv_format_scale (1234567.8, FALSE);
  g_autofree char *c = pv_format_scale (0, FALSE);
  g_autofree char *d = pv_format_scale (25000, TRUE);

  g_assert_cmpstr (a, ==, "1:25" NNBSP "000");
  g_assert_cmpstr (b, ==, "1:1" NNBSP "234" NNBSP "568");
  g_assert_cmpstr (c, ==, "—");
  g_assert_cmpstr (d, ==, "≈1:25" NNBSP "000");

  g_assert_no_error (error);
  wgs84 = pv_crs_new_from_epsg (4326, &error);
  g_assert_no_error (error);

  /* 1 m per pixel at 96 dpi: 1 px = 0.0254 / 96 m on screen. */
  pv_viewport_set_resolution (viewport, 1.0);
  g_assert_cmpfloat_with_epsilon (pv_format_map_scale (viewport, tm3), 96 / 0.0254, 1e-6);
  g_assert_cmpfloat_with_epsilon (pv_format_map_scale (viewport, NULL), 96 / 0.0254, 1e-6);
  /* A degree per pixel is a degree of the equator. */
  g_assert_cmpfloat_with_epsilon (pv_format_map_scale (viewport, wgs84),
                                  111319.490793 * 96 / 0.0254, 1e-3);
}

static void
test_format_position (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) tm3 = pv_crs_new_from_epsg (9210, &error);
  g_autoptr(PvCrs) wgs84 = NULL;
  g_autofree char *projected = NULL;
  g_autofree char *projected_fine = NULL;
  g_autofree char *geographic = NULL;
  g_autofree char *unknown = NULL;

  g_assert_no_error (error);
  wgs84 = pv_crs_new_from_epsg (4326, &error);
  g_assert_no_error (error);

  /* The VN-2000 reference point of Thủ Dầu Một (domain notes, route A). */
  projected = pv_format_position (tm3, 598371.1816, 1214436.3465, 2.5);
  g_assert_cmpstr (projected, ==, "E 598" NNBSP "371  N 1" NNBSP "214" NNBSP "436");
  projected_fine = pv_format_position (tm3, 598371.1816, 1214436.3465, 0.02);
  g_assert_cmpstr (projected_fine, ==, "E 598" NNBSP "371.18  N 1" NNBSP "214" NNBSP "436.35");
  geographic = pv_format_position (wgs84, 106.6519, 10.9804, 0.0001);
  g_assert_cmpstr (geographic, ==, "Lon 106.6519°  Lat 10.9804°");
  unknown = pv_format_position (NULL, 12.6, -3, 1);
  g_assert_cmpstr (unknown, ==, "X 13  Y −3");
}

static void
test_format_geographic (void)
{
  struct
  {
    double              lon, lat;
    PvCoordinateFormat  format;
    const char         *expected;
  } cases[] = {
    { 106.6519, 10.9804, PV_COORDINATE_FORMAT_DECIMAL, "10.980400° N  106.651900° E" },
    { 106.6519, 10.9804, PV_COORDINATE_FORMAT_DMS, "10°58′49.44″ N  106°39′06.84″ E" },
    /* 59.9999″ rounds up into the next minute and degree. */
    { 105.0 + 59.0 / 60 + 59.9999 / 3600, 0, PV_COORDINATE_FORMAT_DMS, "0°00′00.00″ N  106°00′00.00″ E" },
    { -74.0445, -40.6892, PV_COORDINATE_FORMAT_DECIMAL, "40.689200° S  74.044500° W" },
    { -0.5, -0.25, PV_COORDINATE_FORMAT_DMS, "0°15′00.00″ S  0°30′00.00″ W" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pv_format_geographic (cases[i].lon, cases[i].lat, cases[i].format);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  g_assert_cmpint (pv_coordinate_format_from_string ("dms"), ==, PV_COORDINATE_FORMAT_DMS);
  g_assert_cmpint (pv_coordinate_format_from_string ("decimal"), ==, PV_COORDINATE_FORMAT_DECIMAL);
  g_assert_cmpint (pv_coordinate_format_from_string ("bogus"), ==, PV_COORDINATE_FORMAT_DECIMAL);
  g_assert_cmpstr (pv_coordinate_format_to_string (PV_COORDINATE_FORMAT_DMS), ==, "dms");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/gui/format/grouped", test_format_grouped);
  g_test_add_func ("/gui/format/decimals", test_format_decimals);
  g_test_add_func ("/gui/format/scale", test_format_scale);
  g_test_add_func ("/gui/format/position", test_format_position);
  g_test_add_func ("/gui/format/geographic", test_format_geographic);

  return g_test_run ();
}
