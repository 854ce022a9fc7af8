/* test-furniture.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>

#include "pv-core.h"
#include "pv-crs.h"
#include "pv-geodesic.h"
#include "pv-map-grid.h"
#include "pv-north-arrow.h"
#include "pv-scale-bar.h"
#include "pv-transform.h"
#include "pv-viewport.h"
#include "pv-test-util.h"

/* Prints at 300 dpi: one image pixel per printer dot. */
#define DPI          300.0
#define UNITS_PER_MM (DPI / 25.4)

/* WGS 84, the ellipsoid of VN-2000 and EPSG:4326. */
#define WGS84_A  6378137.0
#define WGS84_RF 298.257223563

static PvCrs *
crs_new (const char *definition)
{
  g_autoptr(GError) error = NULL;
  PvCrs *crs = pv_crs_new_from_user_input (definition, &error);

  g_assert_no_error (error);
  g_assert_nonnull (crs);
  return crs;
}

/* A white image at 300 dpi (cairo units are printer dots). */
static cairo_surface_t *
white_surface (int      width,
               int      height,
               cairo_t **cr)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);

  *cr = cairo_create (surface);
  cairo_set_source_rgb (*cr, 1, 1, 1);
  cairo_paint (*cr);
  return surface;
}

/* The red, green and blue of a pixel, 0–255. */
static void
get_pixel (cairo_surface_t *surface,
           int              x,
           int              y,
           int             *r,
           int             *g,
           int             *b)
{
  guint32 pixel;

  cairo_surface_flush (surface);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  pixel = *(guint32 *) (cairo_image_surface_get_data (surface) +
                        y * cairo_image_surface_get_stride (surface) + 4 * x);
  *r = (pixel >> 16) & 0xff;
  *g = (pixel >> 8) & 0xff;
  *b = pixel & 0xff;
}

static int
get_grey (cairo_surface_t *surface,
          int              x,
          int              y)
{
  int r, g, b;

  get_pixel (surface, x, y, &r, &g, &b);
  return (r + g + b) / 3;
}

static gboolean
is_dark (cairo_surface_t *surface,
         int              x,
         int              y)
{
  return get_grey (surface, x, y) < 128;
}

static gboolean
is_white (cairo_surface_t *surface,
          int              x,
          int              y)
{
  return get_grey (surface, x, y) == 255;
}

/* The number of non-white pixels in a box. */
static guint
count_ink (cairo_surface_t *surface,
           int              x0,
           int              y0,
           int              x1,
           int              y1)
{
  guint n = 0;

  for (int y = MAX (y0, 0); y < MIN (y1, cairo_image_surface_get_height (surface)); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, cairo_image_surface_get_width (surface)); x++)
      if (!is_white (surface, x, y))
        n++;
  return n;
}

/* Runs a command with input on its standard input and returns its output,
 * or NULL (test skipped) when it is not installed. */
static char *
run_program (const char * const *argv,
             const char         *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *path = g_find_program_in_path (argv[0]);
  char *output = NULL;

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed", argv[0]);

      g_test_skip (message);
      return NULL;
    }
  process = g_subprocess_newv (argv,
                               (input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0) |
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return output;
}

/* ---- metres per unit ---- */

static void
test_metres_per_unit (void)
{
  g_autoptr(PvCrs) vn2000 = crs_new (PV_CRS_BINH_DUONG);
  g_autoptr(PvCrs) us_feet = crs_new ("EPSG:2240");
  g_autoptr(PvCrs) wgs84 = crs_new ("EPSG:4326");
  double e2 = (2 - 1 / WGS84_RF) / WGS84_RF;
  double lat = 11 * G_PI / 180;
  /* The radius of the parallel, over 180°/π. */
  double expected = WGS84_A * cos (lat) / sqrt (1 - e2 * sin (lat) * sin (lat)) * G_PI / 180;

  g_assert_cmpfloat_with_epsilon (pv_geodesic_metres_per_unit (vn2000, 598000, 1214000),
                                  1.0, 1e-12);
  /* NAD83 / Georgia West (ftUS): the US survey foot, 1200/3937 m. */
  g_assert_cmpfloat_with_epsilon (pv_geodesic_metres_per_unit (us_feet, 2000000, 1000000),
                                  1200.0 / 3937.0, 1e-12);
  g_assert_cmpfloat (pv_geodesic_metres_per_unit (NULL, 5, 5), ==, 1.0);
  /* About 109 km per degree of longitude at 11° N (within a millimetre). */
  g_assert_cmpfloat_with_epsilon (pv_geodesic_metres_per_unit (wgs84, 106.65, 11), expected,
                                  1e-3);
  g_assert_cmpfloat (expected, >, 109000);
  g_assert_cmpfloat (expected, <, 109500);
  /* The equator's degree is longer, and the sign of the latitude does not matter. */
  g_assert_cmpfloat (pv_geodesic_metres_per_unit (wgs84, 0, 0), >, expected);
  g_assert_cmpfloat_with_epsilon (pv_geodesic_metres_per_unit (wgs84, 0, -11), expected, 1e-3);
}

/* ---- scale bar ---- */

/* A 1:scale print at 300 dpi: metres on the ground per printer dot. */
static double
metres_per_dot (double scale)
{
  return scale * 25.4e-3 / DPI;
}

static void
test_scale_bar_length (void)
{
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (900, 200, &cr);
  double mpu = metres_per_dot (10000);
  PvScaleBarInfo info, measured;
  double x = 40, y = 30, bar_row, seg_w;
  int first = -1, last = -1;
  g_auto(GStrv) labels = NULL;

  /* 60 mm at 1:10 000 is 600 m: the bar is 500 m, 50 mm on paper. */
  g_assert_true (pv_scale_bar_measure (cr, 60 * UNITS_PER_MM, mpu, UNITS_PER_MM, &measured));
  g_assert_true (pv_scale_bar_draw (cr, x, y, 60 * UNITS_PER_MM, mpu, UNITS_PER_MM, &info));
  g_assert_cmpfloat (info.length_m, ==, 500);
  g_assert_cmpuint (info.n_segments, ==, 5);
  g_assert_cmpfloat (memcmp (&info, &measured, sizeof info), ==, 0);
  g_assert_cmpfloat_with_epsilon (info.width, 50 * UNITS_PER_MM, 1e-6);
  g_assert_cmpfloat (info.total_width, <=, 60 * UNITS_PER_MM);
  g_assert_cmpfloat (info.height, >, info.bar_height);

  /* The ink along the bar's middle row spans its length on paper. */
  bar_row = y + info.bar_y + info.bar_height / 2;
  for (int px = 0; px < 900; px++)
    if (is_dark (surface, px, (int) bar_row))
      {
        if (first < 0)
          first = px;
        last = px;
      }
  g_assert_cmpint (first, >=, 0);
  g_assert_cmpfloat_with_epsilon (last + 1 - first, 500.0 / 10000 / 0.0254 * DPI, 1.0);
  g_assert_cmpfloat_with_epsilon (first, x + info.bar_x, 1.0);

  /* Black and white boxes in turn, black first. */
  seg_w = info.width / info.n_segments;
  for (guint i = 0; i < info.n_segments; i++)
    {
      int cx = (int) (x + info.bar_x + (i + 0.5) * seg_w);

      if (i % 2 == 0)
        g_assert_true (is_dark (surface, cx, (int) bar_row));
      else
        g_assert_true (is_white (surface, cx, (int) bar_row));
    }
  /* The labels above the bar, and nothing below it. */
  g_assert_cmpuint (count_ink (surface, (int) x, (int) y, (int) (x + info.total_width),
                               (int) (y + info.bar_y - 1)), >, 50);
  g_assert_cmpuint (count_ink (surface, 0, (int) ceil (y + info.height) + 1, 900, 200), ==, 0);
  g_assert_cmpuint (count_ink (surface, 0, 0, 900, (int) y), ==, 0);
  g_assert_cmpuint (count_ink (surface, 0, 0, (int) x, 200), ==, 0);

  labels = pv_scale_bar_dup_labels (cr, 60 * UNITS_PER_MM, mpu, UNITS_PER_MM);
  g_assert_nonnull (labels);
  g_assert_cmpstrv (labels, ((const char * const[]) { "0", "100", "200", "300", "400", "500 m",
                                                      NULL }));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_scale_bar_labels (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 10, 10);
  cairo_t *cr = cairo_create (surface);
  struct {
    double      scale;
    double      max_mm;
    double      length_m;
    const char *labels[7];
  } cases[] = {
    /* 1:25 000, 50 mm = 1250 m: 1 km in quarters. */
    { 25000, 50, 1000, { "0", "250", "500", "750", "1 km", NULL } },
    /* 1:50 000, 120 mm = 6 km: 5 km in kilometres. */
    { 50000, 120, 5000, { "0", "1", "2", "3", "4", "5 km", NULL } },
    /* 1:50 000, 50 mm = 2.5 km: 2 km; its half kilometres in metres. */
    { 50000, 50, 2000, { "0", "500", "1 000", "1 500", "2 km", NULL } },
    /* 1:500, 30 mm = 15 m: 10 m in quarters, too short for "2.5" and "7.5". */
    { 500, 30, 10, { "0", "5", "10 m", NULL } },
    /* 1:500, 60 mm = 30 m: 20 m, its quarters labelled. */
    { 500, 60, 20, { "0", "5", "10", "15", "20 m", NULL } },
    /* 1:10 000, 14 mm = 140 m: 100 m, 10 mm long, room for its ends only. */
    { 10000, 14, 100, { "0", "100 m", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) labels = NULL;
      PvScaleBarInfo info;

      g_test_message ("1:%g in %g mm", cases[i].scale, cases[i].max_mm);
      g_assert_true (pv_scale_bar_measure (cr, cases[i].max_mm * UNITS_PER_MM,
                                           metres_per_dot (cases[i].scale), UNITS_PER_MM, &info));
      g_assert_cmpfloat (info.length_m, ==, cases[i].length_m);
      g_assert_cmpfloat (info.total_width, <=, cases[i].max_mm * UNITS_PER_MM);
      labels = pv_scale_bar_dup_labels (cr, cases[i].max_mm * UNITS_PER_MM,
                                        metres_per_dot (cases[i].scale), UNITS_PER_MM);
      g_assert_cmpstrv (labels, cases[i].labels);
    }

  /* Nothing fits, or nothing to measure. */
  g_assert_false (pv_scale_bar_measure (cr, 1, metres_per_dot (10000), UNITS_PER_MM, NULL));
  g_assert_false (pv_scale_bar_measure (cr, 500, 0, UNITS_PER_MM, NULL));
  g_assert_false (pv_scale_bar_measure (cr, 500, NAN, UNITS_PER_MM, NULL));
  g_assert_null (pv_scale_bar_dup_labels (cr, 1, metres_per_dot (10000), UNITS_PER_MM));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* ---- north arrow ---- */

/* The clockwise angle from grid north to true north at (x, y) of EPSG:9210,
 * from the meridian's direction: the projected points 1″ south and north. */
static double
meridian_angle (PvTransform *to_geo,
                PvTransform *to_map,
                double       x,
                double       y)
{
  g_autoptr(GError) error = NULL;
  double lon = x, lat = y;
  double xs, ys, xn, yn;

  g_assert_true (pv_transform_point (to_geo, &lon, &lat, &error));
  g_assert_no_error (error);
  xs = xn = lon;
  ys = lat - 1.0 / 3600;
  yn = lat + 1.0 / 3600;
  g_assert_true (pv_transform_point (to_map, &xs, &ys, &error));
  g_assert_true (pv_transform_point (to_map, &xn, &yn, &error));
  return atan2 (xn - xs, yn - ys);
}

static void
test_north_angle (void)
{
  g_autoptr(PvCrs) vn2000 = crs_new (PV_CRS_BINH_DUONG);
  g_autoptr(PvCrs) geographic = crs_new ("EPSG:4756");
  g_autoptr(PvCrs) wgs84 = crs_new ("EPSG:4326");
  g_autoptr(PvTransform) to_geo = pv_transform_new (vn2000, geographic, NULL);
  g_autoptr(PvTransform) to_map = pv_transform_new (geographic, vn2000, NULL);
  /* Thủ Dầu Một (east of the 105°45′ central meridian), the meridian
   * itself, and a point west of it, further north. */
  const double points[][2] = {
    { 598359.367, 1214279.448 },
    { 500000, 1214000 },
    { 420000, 1330000 },
  };
  double angle;

  g_assert_nonnull (to_geo);
  g_assert_nonnull (to_map);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double expected = meridian_angle (to_geo, to_map, points[i][0], points[i][1]);

      angle = pv_north_arrow_get_angle (vn2000, points[i][0], points[i][1]);
      g_test_message ("(%g, %g): %.6f deg (meridian %.6f deg)", points[i][0], points[i][1],
                      angle * 180 / G_PI, expected * 180 / G_PI);
      g_assert_cmpfloat_with_epsilon (angle, expected, 1e-4 * G_PI / 180);
    }
  /* East of the central meridian true north lies anticlockwise of grid
   * north (cs2cs/proj_factors give a convergence of +0.1714°). */
  angle = pv_north_arrow_get_angle (vn2000, points[0][0], points[0][1]);
  g_assert_cmpfloat_with_epsilon (angle * 180 / G_PI, -0.1714, 0.0005);
  g_assert_cmpfloat (fabs (pv_north_arrow_get_angle (vn2000, points[1][0], points[1][1])), <, 1e-9);
  g_assert_cmpfloat (pv_north_arrow_get_angle (vn2000, points[2][0], points[2][1]), >, 0);

  g_assert_cmpfloat (pv_north_arrow_get_angle (wgs84, 106.65, 10.98), ==, 0);
  g_assert_cmpfloat (pv_north_arrow_get_angle (geographic, 106.65, 10.98), ==, 0);
  g_assert_cmpfloat (pv_north_arrow_get_angle (NULL, 598000, 1214000), ==, 0);
}

static void
test_north_arrow_draw (void)
{
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (200, 200, &cr);

  /* Upright: "N" in the top 30 %, the arrowhead's left half black, its
   * right half white inside a black outline. */
  pv_north_arrow_draw (cr, 100, 100, 160, 0, UNITS_PER_MM);
  g_assert_cmpuint (count_ink (surface, 70, 20, 130, 60), >, 100);
  g_assert_true (is_dark (surface, 88, 150));
  g_assert_true (is_white (surface, 112, 150));
  g_assert_true (is_dark (surface, 100 + 36 - 1, 178));
  /* Nothing outside its 160 × 72 box. */
  g_assert_cmpuint (count_ink (surface, 0, 0, 200, 19), ==, 0);
  g_assert_cmpuint (count_ink (surface, 0, 181, 200, 200), ==, 0);
  g_assert_cmpuint (count_ink (surface, 0, 0, 62, 200), ==, 0);
  g_assert_cmpuint (count_ink (surface, 138, 0, 200, 200), ==, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* A quarter turn clockwise: north is to the right, the black half above. */
  surface = white_surface (200, 200, &cr);
  pv_north_arrow_draw (cr, 100, 100, 160, G_PI / 2, UNITS_PER_MM);
  g_assert_true (is_dark (surface, 50, 88));
  g_assert_true (is_white (surface, 50, 112));
  g_assert_cmpuint (count_ink (surface, 140, 70, 180, 130), >, 100);
  g_assert_cmpuint (count_ink (surface, 0, 0, 19, 200), ==, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* ---- grid and graticule ---- */

/* A frame of width_mm × height_mm at 1:scale and 300 dpi, centred on (x, y)
 * of EPSG:9210: one viewport pixel per printer dot. */
static PvViewport *
frame_viewport (double x,
                double y,
                double width_mm,
                double height_mm,
                double scale)
{
  PvViewport *viewport = pv_viewport_new ();

  pv_viewport_set_size (viewport, (int) round (width_mm * UNITS_PER_MM),
                        (int) round (height_mm * UNITS_PER_MM));
  pv_viewport_set_dpi (viewport, DPI);
  pv_viewport_set_center (viewport, x, y);
  pv_viewport_set_resolution (viewport, metres_per_dot (scale));
  return viewport;
}

/* The darkest grey within one pixel of (x, y) along a row. */
static int
darkest_near (cairo_surface_t *surface,
              double           x,
              int              y)
{
  int darkest = 255;

  for (int px = (int) floor (x) - 1; px <= (int) ceil (x) + 1; px++)
    darkest = MIN (darkest, get_grey (surface, px, y));
  return darkest;
}

static void
test_grid_lines (void)
{
  g_autoptr(PvCrs) crs = crs_new (PV_CRS_BINH_DUONG);
  /* 100 × 80 mm at 1:10 000: 1000 × 800 m from (598 050, 1 214 050). */
  g_autoptr(PvViewport) viewport = frame_viewport (598550, 1214450, 100, 80, 10000);
  PvMapGridOptions options = { .grid = TRUE };
  double res = pv_viewport_get_resolution (viewport);
  int fw = pv_viewport_get_width (viewport), fh = pv_viewport_get_height (viewport);
  cairo_t *cr;
  cairo_surface_t *surface;
  double margin, fx, fy, xmin = 598550 - fw * res / 2, ymax = 1214450 + fh * res / 2;
  int row;

  g_assert_cmpfloat (pv_map_grid_choose_interval (viewport), ==, 200);

  surface = white_surface (fw + 200, fh + 200, &cr);
  margin = pv_map_grid_measure_margin (cr, UNITS_PER_MM);
  /* A tick of 1 mm, a gap and a 2.2 mm font's line. */
  g_assert_cmpfloat (margin, >, 3.5 * UNITS_PER_MM);
  g_assert_cmpfloat (margin, <, 6 * UNITS_PER_MM);
  fx = fy = 100;
  pv_map_grid_draw (cr, viewport, crs, fx, fy, fw, fh, UNITS_PER_MM, &options);

  /* A row between the lines of 1 214 400 and 1 214 600. */
  row = (int) (fy + (ymax - 1214500) / res);
  for (double x = 598200; x <= 599000; x += 200)
    {
      double px = fx + (x - xmin) / res;

      g_test_message ("x = %g at %.2f", x, px);
      g_assert_cmpint (darkest_near (surface, px, row), <, 128);
      /* Halfway to the next line: nothing. */
      g_assert_cmpint (darkest_near (surface, px + 100 / res, row), ==, 255);
    }
  /* The lines stop at the frame; the labels (and ticks) are outside it, within the margin. */
  g_assert_true (is_white (surface, (int) (fx + (598200 - xmin) / res), (int) (fy - margin - 2)));
  g_assert_cmpuint (count_ink (surface, (int) fx, (int) (fy + fh + 1), (int) (fx + fw),
                               (int) (fy + fh + margin)), >, 200);
  g_assert_cmpuint (count_ink (surface, (int) (fx - margin), (int) fy, (int) fx - 1,
                               (int) (fy + fh)), >, 200);
  g_assert_cmpuint (count_ink (surface, 0, 0, fw + 200, (int) floor (fy - margin) - 1), ==, 0);
  g_assert_cmpuint (count_ink (surface, 0, (int) ceil (fy + fh + margin) + 1, fw + 200, fh + 200),
                    ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The text of a one-page PDF with the frame's grid and graticule. */
static char *
grid_pdf_text (PvViewport       *viewport,
               PvCrs            *crs,
               PvMapGridOptions *options)
{
  const double points_per_mm = 72 / 25.4;
  g_autofree char *dir = pv_test_make_temp_dir ("furniture");
  g_autofree char *path = g_build_filename (dir, "grid.pdf", NULL);
  double fw = pv_viewport_get_width (viewport) / UNITS_PER_MM * points_per_mm;
  double fh = pv_viewport_get_height (viewport) / UNITS_PER_MM * points_per_mm;
  cairo_surface_t *surface = cairo_pdf_surface_create (path, fw + 100, fh + 100);
  cairo_t *cr = cairo_create (surface);
  const char *argv[] = { "pdftotext", "-raw", path, "-", NULL };
  char *text;

  pv_map_grid_draw (cr, viewport, crs, 50, 50, fw, fh, points_per_mm, options);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  text = run_program (argv, NULL);
  pv_test_remove_dir (dir);
  return text;
}

static void
test_grid_labels (void)
{
  g_autoptr(PvCrs) crs = crs_new (PV_CRS_BINH_DUONG);
  /* 800 m tall: 1 214 030 … 1 214 830, so 1 214 800 lies 3 mm below the
   * top edge. */
  g_autoptr(PvViewport) viewport = frame_viewport (598550, 1214430, 100, 80, 10000);
  PvMapGridOptions options = { .grid = TRUE, .graticule = TRUE,
                               .graticule_interval_deg = 15.0 / 3600 };
  g_autofree char *text = grid_pdf_text (viewport, crs, &options);
  g_autofree char *flat = NULL;
  g_autofree char *squeezed = NULL;

  if (text == NULL)
    return;
  g_test_message ("%s", text);
  /* Text stays text: every grid line's number with its thousands spaced. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *label = g_strdup_printf ("598 %d00", 2 + 2 * i);

      if (i == 4)
        g_assert_nonnull (strstr (text, "599 000"));
      else
        g_assert_nonnull (strstr (text, label));
    }
  /* The left and right ones read upwards; pdftotext breaks turned text at
   * its spaces. 1 214 800 lies too near the top corner for its label. */
  squeezed = g_strdelimit (g_strdup (text), " \n", '_');
  g_assert_nonnull (strstr (squeezed, "1_214_200"));
  g_assert_nonnull (strstr (squeezed, "1_214_400"));
  g_assert_nonnull (strstr (squeezed, "1_214_600"));
  g_assert_null (strstr (squeezed, "1_214_800"));
  /* The graticule in degrees, minutes and seconds (every 15″): the frame
   * spans about 106°38′50″–106°39′23″ E and 10°58′40″–10°59′07″ N. */
  g_assert_nonnull (strstr (text, "106°39′00″"));
  g_assert_nonnull (strstr (text, "106°39′15″"));
  g_assert_nonnull (strstr (text, "10°58′45″"));
  g_assert_nonnull (strstr (text, "10°59′00″"));
  g_assert_null (strstr (text, "10°59′15″"));
  g_assert_null (strstr (text, "106°38′45″"));

  g_assert_cmpstr ((flat = pv_map_grid_format_degrees (106 + 40.0 / 60, 1.0 / 60)), ==, "106°40′");
  g_clear_pointer (&flat, g_free);
  g_assert_cmpstr ((flat = pv_map_grid_format_degrees (-(0.5 + 30.0 / 3600), 30.0 / 3600)), ==,
                   "−0°30′30″");
}

/* The map coordinates cs2cs gives for n latitude, longitude pairs of EPSG:4756. */
static gboolean
cs2cs_to_9210 (const double *lat_lon,
               guint         n,
               double       *xy)
{
  const char *argv[] = { "cs2cs", "-f", "%.4f", "EPSG:4756", "EPSG:9210", NULL };
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < n; i++)
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (input, "%s %s\n", g_ascii_dtostr (a, sizeof a, lat_lon[2 * i]),
                              g_ascii_dtostr (b, sizeof b, lat_lon[2 * i + 1]));
    }
  if (!(output = run_program (argv, input->str)))
    return FALSE;
  lines = g_strsplit (g_strstrip (output), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n);
  for (guint i = 0; i < n; i++)
    {
      char *end = NULL;

      xy[2 * i] = g_ascii_strtod (lines[i], &end);
      xy[2 * i + 1] = g_ascii_strtod (end, &end);
    }
  return TRUE;
}

static void
test_graticule_lines (void)
{
  g_autoptr(PvCrs) crs = crs_new (PV_CRS_BINH_DUONG);
  /* 100 × 80 mm at 1:25 000: 2500 × 2000 m around Thủ Dầu Một. */
  g_autoptr(PvViewport) viewport = frame_viewport (598500, 1214500, 100, 80, 25000);
  PvMapGridOptions options = { .graticule = TRUE, .graticule_interval_deg = 30.0 / 3600 };
  double res = pv_viewport_get_resolution (viewport);
  int fw = pv_viewport_get_width (viewport), fh = pv_viewport_get_height (viewport);
  double xmin = 598500 - fw * res / 2, ymax = 1214500 + fh * res / 2, fx = 60, fy = 60;
  /* Along the parallel 10°59′ N, between the meridians every 30″. */
  const double lat = 10 + 59.0 / 60;
  const double lat_lon[] = { lat, 106.6437, lat, 106.6521, lat, 106.6604 };
  double xy[6];
  cairo_t *cr;
  cairo_surface_t *surface;

  /* 2.5 km is 82″ of longitude: 20″ gives 4 lines. */
  g_assert_cmpfloat_with_epsilon (pv_map_grid_choose_graticule_interval (viewport, crs),
                                  20.0 / 3600, 1e-12);
  g_assert_cmpfloat (pv_map_grid_choose_graticule_interval (viewport, NULL), ==, 0);

  if (!cs2cs_to_9210 (lat_lon, 3, xy))
    return;
  surface = white_surface (fw + 120, fh + 120, &cr);
  pv_map_grid_draw (cr, viewport, crs, fx, fy, fw, fh, UNITS_PER_MM, &options);

  for (guint i = 0; i < 3; i++)
    {
      double px = fx + (xy[2 * i] - xmin) / res;
      double py = fy + (ymax - xy[2 * i + 1]) / res;
      int darkest = 255, r, g, b;
      int best_y = 0;

      g_test_message ("10°59′ N, %g E: cs2cs (%.3f, %.3f), pixel (%.2f, %.2f)", lat_lon[2 * i + 1],
                      xy[2 * i], xy[2 * i + 1], px, py);
      /* The line within a pixel of cs2cs's point (it is not far from level:
       * a pixel is 2.1 m). */
      for (int y = (int) floor (py) - 1; y <= (int) ceil (py) + 1; y++)
        if (get_grey (surface, (int) round (px), y) < darkest)
          {
            darkest = get_grey (surface, (int) round (px), y);
            best_y = y;
          }
      g_assert_cmpint (darkest, <, 160);
      /* Blue: the graticule's colour, not the grid's black. */
      get_pixel (surface, (int) round (px), best_y, &r, &g, &b);
      g_assert_cmpint (b, >, r + 40);
      /* Nothing 5 px (10 m) above or below. */
      g_assert_true (is_white (surface, (int) round (px), (int) round (py) - 5));
      g_assert_true (is_white (surface, (int) round (px), (int) round (py) + 5));
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_grid_geographic (void)
{
  g_autoptr(PvCrs) wgs84 = crs_new ("EPSG:4326");
  g_autoptr(PvViewport) viewport = pv_viewport_new ();
  PvMapGridOptions options = { .grid = TRUE, .interval = 0.01 };
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (700, 700, &cr);
  double x, y;

  /* 0.05° square: lines every 0.01° (36″), straight. */
  pv_viewport_set_size (viewport, 500, 500);
  pv_viewport_set_center (viewport, 106.655, 10.975);
  pv_viewport_set_resolution (viewport, 0.05 / 500);
  pv_map_grid_draw (cr, viewport, wgs84, 100, 100, 500, 500, UNITS_PER_MM, &options);
  pv_viewport_map_to_screen (viewport, 106.65, 10.97, &x, &y);
  g_assert_cmpint (darkest_near (surface, 100 + x, (int) (100 + y + 30)), <, 160);
  g_assert_cmpint (darkest_near (surface, 100 + x + 50, (int) (100 + y + 30)), ==, 255);

  /* No CRS: the grid only; no graticule without one. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  options = (PvMapGridOptions) { .graticule = TRUE };
  pv_map_grid_draw (cr, viewport, NULL, 100, 100, 500, 500, UNITS_PER_MM, &options);
  g_assert_cmpuint (count_ink (surface, 0, 0, 700, 700), ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/furniture/metres-per-unit", test_metres_per_unit);
  g_test_add_func ("/core/furniture/scale-bar/length", test_scale_bar_length);
  g_test_add_func ("/core/furniture/scale-bar/labels", test_scale_bar_labels);
  g_test_add_func ("/core/furniture/north-arrow/angle", test_north_angle);
  g_test_add_func ("/core/furniture/north-arrow/draw", test_north_arrow_draw);
  g_test_add_func ("/core/furniture/grid/lines", test_grid_lines);
  g_test_add_func ("/core/furniture/grid/labels", test_grid_labels);
  g_test_add_func ("/core/furniture/grid/graticule", test_graticule_lines);
  g_test_add_func ("/core/furniture/grid/geographic", test_grid_geographic);

  return g_test_run ();
}
