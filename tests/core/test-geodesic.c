/* test-geodesic.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <geodesic.h>
#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "pv-crs.h"
#include "pv-error.h"
#include "pv-geodesic.h"

/* The tolerances. */
#define TOLERANCE_M  0.001
#define TOLERANCE_M2 1.0

/* WGS 84, the ellipsoid of VN-2000 (vietnam.md §1.1). */
#define WGS84_A  6378137.0
#define WGS84_RF 298.257223563

/* A 1 km × 1 km square in EPSG:9210 around (600000, 1215000), Thủ Dầu Một,
 * counter-clockwise and closed. */
static const double square_9210[] = {
  599500, 1214500,
  600500, 1214500,
  600500, 1215500,
  599500, 1215500,
  599500, 1214500,
};

static PvCrs *
crs_new (const char *definition)
{
  g_autoptr(GError) error = NULL;
  PvCrs *crs = pv_crs_new_from_user_input (definition, &error);

  g_assert_no_error (error);
  g_assert_nonnull (crs);
  return crs;
}

/* Runs a PROJ command-line program with input on its standard input and
 * returns its output, or NULL (test skipped) when it is not installed. */
static char *
run_proj_program (const char * const *argv,
                  const char         *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *path = g_find_program_in_path (argv[0]);
  char *output = NULL;

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s (Debian package proj-bin) is not installed",
                                                  argv[0]);
      g_test_skip (message);
      return NULL;
    }
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return output;
}

/* The points of xy in crs (a PROJ definition cs2cs reads) as latitudes and
 * longitudes of target, by cs2cs. FALSE: skipped. */
static gboolean
cs2cs_lat_lon (const char   *crs,
               const char   *target,
               const double *xy,
               guint         n_points,
               double       *lats,
               double       *lons)
{
  const char *argv[] = { "cs2cs", "-d", "12", crs, target, NULL };
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < n_points; i++)
    {
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (input, "%s %s\n", g_ascii_dtostr (x, sizeof x, xy[2 * i]),
                              g_ascii_dtostr (y, sizeof y, xy[2 * i + 1]));
    }
  if (!(output = run_proj_program (argv, input->str)))
    return FALSE;
  lines = g_strsplit (g_strstrip (output), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_points);
  for (guint i = 0; i < n_points; i++)
    {
      /* "lat\tlon 0.000": the geographic CRSs here are latitude first. */
      char *end = NULL;

      lats[i] = g_ascii_strtod (lines[i], &end);
      lons[i] = g_ascii_strtod (end, &end);
      g_assert_true (isfinite (lats[i]) && isfinite (lons[i]));
    }
  return TRUE;
}

/* The sum of the geodesic distances between consecutive points, by geod -I
 * on the ellipsoid given as PROJ parameters. -1: skipped. */
static double
geod_length (const char   *ellipsoid,
             const double *lats,
             const double *lons,
             guint         n_points)
{
  g_auto(GStrv) ellps = g_strsplit (ellipsoid, " ", -1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  double sum = 0;

  g_ptr_array_add (argv, (char *) "geod");
  for (guint i = 0; ellps[i] != NULL; i++)
    g_ptr_array_add (argv, ellps[i]);
  g_ptr_array_add (argv, (char *) "-I");
  g_ptr_array_add (argv, (char *) "-f");
  g_ptr_array_add (argv, (char *) "%.12f");
  g_ptr_array_add (argv, (char *) "-F");
  g_ptr_array_add (argv, (char *) "%.6f");
  g_ptr_array_add (argv, NULL);

  for (guint i = 1; i < n_points; i++)
    {
      char buf[4][G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (input, "%s %s %s %s\n",
                              g_ascii_dtostr (buf[0], sizeof buf[0], lats[i - 1]),
                              g_ascii_dtostr (buf[1], sizeof buf[1], lons[i - 1]),
                              g_ascii_dtostr (buf[2], sizeof buf[2], lats[i]),
                              g_ascii_dtostr (buf[3], sizeof buf[3], lons[i]));
    }
  if (!(output = run_proj_program ((const char * const *) argv->pdata, input->str)))
    return -1;
  lines = g_strsplit (g_strstrip (output), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_points - 1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* "az1\taz2\tdistance" */
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      sum += g_ascii_strtod (fields[2], NULL);
    }
  return sum;
}

/* The 1 km square of EPSG:9210: perimeter and area as geod and PROJ's
 * geodesic polygon area give them on the square's corners that cs2cs
 * computes, to 1 mm and 1 m²; the planar values are exact. */
static void
test_square_9210 (void)
{
  g_autoptr(PvCrs) crs = crs_new ("EPSG:9210");
  g_autoptr(GError) error = NULL;
  const guint n = G_N_ELEMENTS (square_9210) / 2;
  double lats[G_N_ELEMENTS (square_9210) / 2], lons[G_N_ELEMENTS (square_9210) / 2];
  double expected_length, expected_area, expected_perimeter;
  double length, planar_length, area, planar_area;
  struct geod_geodesic g;

  if (!cs2cs_lat_lon ("EPSG:9210", "EPSG:4756", square_9210, n, lats, lons))
    return;
  /* Thủ Dầu Một. */
  g_assert_cmpfloat_with_epsilon (lats[0], 10.98, 0.01);
  g_assert_cmpfloat_with_epsilon (lons[0], 106.66, 0.01);
  if ((expected_length = geod_length ("+ellps=WGS84", lats, lons, n)) < 0)
    return;
  geod_init (&g, WGS84_A, 1 / WGS84_RF);
  geod_polygonarea (&g, lats, lons, n - 1, &expected_area, &expected_perimeter);
  g_test_message ("geod: perimeter %.4f m, area %.4f m²", expected_length, expected_area);

  g_assert_true (pv_geodesic_length (crs, square_9210, n, &length, &planar_length, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (length, expected_length, TOLERANCE_M);
  g_assert_cmpfloat_with_epsilon (length, expected_perimeter, TOLERANCE_M);
  g_assert_cmpfloat (planar_length, ==, 4000.0);
  /* 100 km east of the central meridian the grid scale is about
   * 0.9999 × (1 + x² / 2R²) ≈ 1.000023: the ground is 9 cm shorter. */
  g_assert_cmpfloat (length, >, 3999.85);
  g_assert_cmpfloat (length, <, 3999.95);

  g_assert_true (pv_geodesic_area (crs, square_9210, n, &area, &planar_area, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (area, expected_area, TOLERANCE_M2);
  g_assert_cmpfloat (planar_area, ==, 1000000.0);
  g_assert_cmpfloat (area, >, 999900.0);
  g_assert_cmpfloat (area, <, 999980.0);

  /* The ring unclosed, and clockwise: the same area. */
  {
    double reversed[G_N_ELEMENTS (square_9210)];
    double area2, planar2;

    g_assert_true (pv_geodesic_area (crs, square_9210, n - 1, &area2, &planar2, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (area2, expected_area, TOLERANCE_M2);
    g_assert_cmpfloat (planar2, ==, 1000000.0);

    for (guint i = 0; i < n; i++)
      {
        reversed[2 * i] = square_9210[2 * (n - 1 - i)];
        reversed[2 * i + 1] = square_9210[2 * (n - 1 - i) + 1];
      }
    g_assert_true (pv_geodesic_area (crs, reversed, n, &area2, &planar2, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (area2, expected_area, TOLERANCE_M2);
    g_assert_cmpfloat (planar2, ==, 1000000.0);
  }

  {
    g_autofree char *name = pv_geodesic_dup_ellipsoid_name (crs);

    g_assert_cmpstr (name, ==, "WGS 84");
  }
}

/* A line and a triangle in EPSG:4326: geodesic as geod gives it, no planar
 * value for degrees. */
static void
test_geographic (void)
{
  g_autoptr(PvCrs) crs = crs_new ("EPSG:4326");
  g_autoptr(GError) error = NULL;
  /* Longitude first, as everywhere in PlanViewer. */
  static const double line[] = {
    106.6519, 10.9804,
    106.7000, 11.0500,
    106.8000, 10.9000,
  };
  double lats[3], lons[3];
  double expected, length, planar, area, expected_area, perimeter;
  struct geod_geodesic g;

  for (guint i = 0; i < 3; i++)
    lons[i] = line[2 * i], lats[i] = line[2 * i + 1];
  if ((expected = geod_length ("+ellps=WGS84", lats, lons, 3)) < 0)
    return;
  g_assert_true (pv_geodesic_length (crs, line, 3, &length, &planar, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (length, expected, TOLERANCE_M);
  g_assert_true (isnan (planar));
  /* Roughly 9.3 km + 19.3 km. */
  g_assert_cmpfloat (length, >, 25000);
  g_assert_cmpfloat (length, <, 32000);

  geod_init (&g, WGS84_A, 1 / WGS84_RF);
  geod_polygonarea (&g, lats, lons, 3, &expected_area, &perimeter);
  g_assert_true (pv_geodesic_area (crs, line, 3, &area, &planar, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (area, fabs (expected_area), TOLERANCE_M2);
  g_assert_true (isnan (planar));
}

/* UTM zone 48N: a line across Bình Dương, through cs2cs and geod. */
static void
test_utm_48n (void)
{
  g_autoptr(PvCrs) crs = crs_new ("EPSG:32648");
  g_autoptr(GError) error = NULL;
  static const double line[] = {
    680000, 1210000,
    692345.6, 1231000.25,
    701000, 1240000,
    671000, 1250000,
  };
  double lats[4], lons[4];
  double expected, length, planar, expected_planar = 0;

  if (!cs2cs_lat_lon ("EPSG:32648", "EPSG:4326", line, 4, lats, lons))
    return;
  if ((expected = geod_length ("+ellps=WGS84", lats, lons, 4)) < 0)
    return;
  for (guint i = 1; i < 4; i++)
    expected_planar += hypot (line[2 * i] - line[2 * i - 2], line[2 * i + 1] - line[2 * i - 1]);

  g_assert_true (pv_geodesic_length (crs, line, 4, &length, &planar, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (length, expected, TOLERANCE_M);
  g_assert_cmpfloat_with_epsilon (planar, expected_planar, 1e-6);
  /* 500 km from UTM's central meridian the grid is about 1.6 ‰ too long. */
  g_assert_cmpfloat (fabs (length - planar), >, 1.0);
}

/* Another ellipsoid: Hà Nội 1972 is on Krassowsky 1940. */
static void
test_other_ellipsoid (void)
{
  g_autoptr(PvCrs) crs = crs_new ("EPSG:4147");
  g_autoptr(GError) error = NULL;
  static const double line[] = {
    105.8, 21.0,
    106.6, 10.9,
  };
  double lats[2] = { 21.0, 10.9 }, lons[2] = { 105.8, 106.6 };
  double expected, wgs84, length;
  g_autofree char *name = pv_geodesic_dup_ellipsoid_name (crs);

  g_assert_cmpstr (name, ==, "Krassowsky 1940");
  if ((expected = geod_length ("+ellps=krass", lats, lons, 2)) < 0 ||
      (wgs84 = geod_length ("+ellps=WGS84", lats, lons, 2)) < 0)
    return;
  g_assert_true (pv_geodesic_length (crs, line, 2, &length, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (length, expected, TOLERANCE_M);
  g_assert_cmpfloat (fabs (length - wgs84), >, 1.0);
}

/* Planar values come in metres whatever the CRS's unit. */
static void
test_feet (void)
{
  /* NAD83 / California zone 3 (ftUS). */
  g_autoptr(PvCrs) crs = crs_new ("EPSG:2227");
  g_autoptr(GError) error = NULL;
  static const double square[] = {
    6000000, 2100000,
    6001000, 2100000,
    6001000, 2101000,
    6000000, 2101000,
  };
  double length, planar, area, planar_area;
  const double ft = 1200.0 / 3937.0;

  g_assert_true (pv_geodesic_length (crs, square, 2, &length, &planar, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (planar, 1000 * ft, 1e-9);
  /* Lambert conformal: within 1 ‰ of the ground in the zone. */
  g_assert_cmpfloat_with_epsilon (length, 1000 * ft, 0.3);
  g_assert_true (pv_geodesic_area (crs, square, 4, &area, &planar_area, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (planar_area, 1e6 * ft * ft, 1e-6);
  g_assert_cmpfloat_with_epsilon (area, 1e6 * ft * ft, 200);
}

/* No CRS: the planar value in the coordinates' units, no geodesic one. */
static void
test_no_crs (void)
{
  g_autoptr(GError) error = NULL;
  static const double triangle[] = { 10, 20, 13, 24, 10, 24 };
  double length = 0, planar = 0, area = 0, planar_area = 0;

  g_assert_true (pv_geodesic_length (NULL, triangle, 3, &length, &planar, &error));
  g_assert_no_error (error);
  g_assert_true (isnan (length));
  g_assert_cmpfloat_with_epsilon (planar, 8.0, 1e-12);
  g_assert_true (pv_geodesic_area (NULL, triangle, 3, &area, &planar_area, &error));
  g_assert_no_error (error);
  g_assert_true (isnan (area));
  g_assert_cmpfloat_with_epsilon (planar_area, 6.0, 1e-12);
  g_assert_null (pv_geodesic_dup_ellipsoid_name (NULL));
}

/* Fewer points than a segment or a polygon needs measure 0. */
static void
test_degenerate (void)
{
  g_autoptr(PvCrs) crs = crs_new ("EPSG:9210");
  g_autoptr(GError) error = NULL;
  double length = -1, planar = -1, area = -1, planar_area = -1;

  g_assert_true (pv_geodesic_length (crs, NULL, 0, &length, &planar, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (length, ==, 0);
  g_assert_cmpfloat (planar, ==, 0);
  g_assert_true (pv_geodesic_length (crs, square_9210, 1, &length, &planar, &error));
  g_assert_cmpfloat (length, ==, 0);
  g_assert_cmpfloat (planar, ==, 0);
  /* Two points, or a ring closed on its second point. */
  g_assert_true (pv_geodesic_area (crs, square_9210, 2, &area, &planar_area, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (area, ==, 0);
  g_assert_cmpfloat (planar_area, ==, 0);
  {
    static const double back[] = { 599500, 1214500, 600500, 1214500, 599500, 1214500 };

    g_assert_true (pv_geodesic_area (crs, back, 3, &area, &planar_area, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat (area, ==, 0);
    g_assert_cmpfloat (planar_area, ==, 0);
  }
}

/* A vertex without longitude and latitude is an error naming the point
 * and the CRS, not a NaN. */
static void
test_bad_point (void)
{
  g_autoptr(PvCrs) crs = crs_new ("EPSG:9210");
  g_autoptr(GError) error = NULL;
  const double line[] = { 600000, 1215000, NAN, 1215000 };
  const double far[] = { 600000, 1215000, 1e12, 1215000 };
  double length = 0, planar = 0;

  g_assert_false (pv_geodesic_length (crs, line, 2, &length, &planar, &error));
  g_assert_error (error, PV_CRS_ERROR, PV_CRS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "EPSG:9210"));
  g_assert_true (isnan (length));
  g_clear_error (&error);

  g_assert_false (pv_geodesic_area (crs, far, 2, NULL, NULL, &error));
  g_assert_error (error, PV_CRS_ERROR, PV_CRS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "1e+12"));
}

typedef struct
{
  PvCrs  *crs;
  double  area;
} ThreadData;

static gpointer
measure_worker (gpointer data)
{
  ThreadData *td = data;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 50; i++)
    {
      g_assert_true (pv_geodesic_area (td->crs, square_9210, 5, &td->area, NULL, &error));
      g_assert_no_error (error);
    }
  return NULL;
}

/* Threads measure at once, each in its own PROJ context, and agree; the
 * CRS changing between calls rebuilds what is cached. */
static void
test_threads (void)
{
  g_autoptr(PvCrs) crs = crs_new ("EPSG:9210");
  g_autoptr(PvCrs) utm = crs_new ("EPSG:32648");
  ThreadData data[4];
  GThread *threads[4];
  double area, area_utm;

  g_assert_true (pv_geodesic_area (crs, square_9210, 5, &area, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      data[i].crs = i % 2 == 0 ? crs : utm;
      data[i].area = NAN;
      threads[i] = g_thread_new ("measure", measure_worker, &data[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_true (pv_geodesic_area (utm, square_9210, 5, &area_utm, NULL, NULL));
  g_assert_cmpfloat (area_utm, !=, area);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpfloat (data[i].area, ==, i % 2 == 0 ? area : area_utm);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/geodesic/square-9210", test_square_9210);
  g_test_add_func ("/core/geodesic/geographic", test_geographic);
  g_test_add_func ("/core/geodesic/utm-48n", test_utm_48n);
  g_test_add_func ("/core/geodesic/other-ellipsoid", test_other_ellipsoid);
  g_test_add_func ("/core/geodesic/feet", test_feet);
  g_test_add_func ("/core/geodesic/no-crs", test_no_crs);
  g_test_add_func ("/core/geodesic/degenerate", test_degenerate);
  g_test_add_func ("/core/geodesic/bad-point", test_bad_point);
  g_test_add_func ("/core/geodesic/threads", test_threads);

  return g_test_run ();
}
