/* test-cli-render.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "pv-cli-test-util.h"
#include "pv-test-util.h"

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static char *
world_file_for (const char *png)
{
  g_autofree char *stem = g_strndup (png, strlen (png) - strlen (".png"));

  return g_strconcat (stem, ".pgw", NULL);
}

/* Checks the PNG has the size and shows something: at least 0.1 % of the
 * pixels differ from the most common (background) value. */
static void
assert_png (const char *path,
            int         width,
            int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint max_count = 0;
  guint n_pixels;
  const guchar *data;
  int stride;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          gpointer key = GUINT_TO_POINTER (row[x]);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1;

          g_hash_table_insert (counts, key, GUINT_TO_POINTER (count));
          max_count = MAX (max_count, count);
        }
    }
  cairo_surface_destroy (surface);

  n_pixels = (guint) width * (guint) height;
  g_test_message ("%s: %u colours, %u of %u pixels are not background", path,
                  g_hash_table_size (counts), n_pixels - max_count, n_pixels);
  g_assert_cmpuint (n_pixels - max_count, >=, MAX (1, n_pixels / 1000));
}

static void
read_world_file (const char *path,
                 double     *values)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  /* Six lines, each ending with a newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  g_assert_cmpstr (lines[6], ==, "");
  for (guint i = 0; i < 6; i++)
    {
      char *end = NULL;

      values[i] = g_ascii_strtod (lines[i], &end);
      g_assert_true (end != lines[i] && *end == '\0');
      g_assert_true (isfinite (values[i]));
    }
}

/* The extent fitted into width × height with square pixels, centred. */
static void
assert_world_file (const char *path,
                   int         width,
                   int         height,
                   double      xmin,
                   double      ymin,
                   double      xmax,
                   double      ymax)
{
  double values[6];
  double res = MAX ((xmax - xmin) / width, (ymax - ymin) / height);
  double cx = (xmin + xmax) / 2.0;
  double cy = (ymin + ymax) / 2.0;
  double tolerance = res * 1e-6;

  read_world_file (path, values);
  g_assert_cmpfloat_with_epsilon (values[0], res, tolerance);
  g_assert_cmpfloat (values[1], ==, 0.0);
  g_assert_cmpfloat (values[2], ==, 0.0);
  g_assert_cmpfloat_with_epsilon (values[3], -res, tolerance);
  /* Centre of the top-left pixel. */
  g_assert_cmpfloat_with_epsilon (values[4], cx - width / 2.0 * res + res / 2.0, tolerance);
  g_assert_cmpfloat_with_epsilon (values[5], cy + height / 2.0 * res - res / 2.0, tolerance);
}

/* The extent `info --json` reports for the first layer of file. */
static void
layer_extent (const char *file,
              double     *extent)
{
  g_autoptr(PvCliResult) result = pv_cli_run ("info", "--json", file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *layer;
  JsonArray *array;

  pv_cli_assert_exit (result, 0);
  json_parser_load_from_data (parser, result->out, -1, &error);
  g_assert_no_error (error);
  layer = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  array = json_object_get_array_member (layer, "extent");
  for (guint i = 0; i < 4; i++)
    extent[i] = json_array_get_double_element (array, i);
}

static void
assert_render_fails (const char * const *args,
                     const char         *output)
{
  g_autoptr(PvCliResult) result = pv_cli_runv (args);
  g_autofree char *pgw = world_file_for (output);

  pv_cli_assert_exit (result, 2);
  pv_cli_assert_one_error_line (result);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (pgw, G_FILE_TEST_EXISTS));
}

static void
test_vector (void)
{
  g_autofree char *poly = pv_cli_realdata_or_skip ("vector/shp_poly_osgb27700/poly.shp");
  g_autofree char *png = tmp_path ("poly.png");
  g_autofree char *pgw = world_file_for (png);
  g_autoptr(PvCliResult) result = NULL;
  double extent[4];

  if (poly == NULL)
    return;

  result = pv_cli_run ("render", "-o", png, "--size", "400x300", poly, NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpstr (result->out, ==, "");
  assert_png (png, 400, 300);
  /* Default extent: the layer's. */
  layer_extent (poly, extent);
  assert_world_file (pgw, 400, 300, extent[0], extent[1], extent[2], extent[3]);
}

static void
test_raster (void)
{
  g_autofree char *rgb = pv_cli_realdata_or_skip ("raster/RGB.byte.tif");
  g_autofree char *png = tmp_path ("rgb.png");
  g_autofree char *pgw = world_file_for (png);
  g_autoptr(PvCliResult) result = NULL;

  if (rgb == NULL)
    return;

  result = pv_cli_run ("render", "--size=791x718", "-o", png, rgb, NULL);
  pv_cli_assert_exit (result, 0);
  assert_png (png, 791, 718);
  /* One image pixel per output pixel: the world file is the raster's own. */
  assert_world_file (pgw, 791, 718, 101985.0, 2611485.0, 339315.0, 2826915.0);
}

static void
test_default_size (void)
{
  g_autofree char *poly = pv_cli_realdata_or_skip ("vector/shp_poly_osgb27700/poly.shp");
  g_autofree char *png = tmp_path ("default.png");
  g_autoptr(PvCliResult) result = NULL;

  if (poly == NULL)
    return;

  result = pv_cli_run ("render", poly, "-o", png, NULL);
  pv_cli_assert_exit (result, 0);
  assert_png (png, 1920, 1080);
}

static void
test_extent (void)
{
  g_autofree char *poly = pv_cli_realdata_or_skip ("vector/shp_poly_osgb27700/poly.shp");
  g_autofree char *png = tmp_path ("extent.png");
  g_autofree char *pgw = world_file_for (png);
  g_autoptr(PvCliResult) result = NULL;

  if (poly == NULL)
    return;

  /* Taller than the image: the width grows to keep pixels square. */
  result = pv_cli_run ("render", "-o", png, "--size", "300x200", "--extent",
                       "479000,4763000,480500,4765000", poly, NULL);
  pv_cli_assert_exit (result, 0);
  assert_png (png, 300, 200);
  assert_world_file (pgw, 300, 200, 479000, 4763000, 480500, 4765000);
}

static void
test_negative_extent (void)
{
  g_autofree char *world = pv_cli_realdata_or_skip ("raster/small_world_pct.tif");
  g_autofree char *png = tmp_path ("west.png");
  g_autofree char *pgw = world_file_for (png);
  g_autoptr(PvCliResult) result = NULL;

  if (world == NULL)
    return;

  result = pv_cli_run ("render", "-o", png, "--size", "200x100", "--extent", "-120,-30,-40,10",
                       world, NULL);
  pv_cli_assert_exit (result, 0);
  assert_png (png, 200, 100);
  assert_world_file (pgw, 200, 100, -120, -30, -40, 10);
}

static void
test_crs (void)
{
  g_autofree char *counties = pv_cli_realdata_or_skip ("vector/shp_mn_counties_utm15n/mn_counties.shp");
  g_autofree char *png = tmp_path ("counties.png");
  g_autofree char *pgw = world_file_for (png);
  g_autoptr(PvCliResult) result = NULL;
  double values[6];

  if (counties == NULL)
    return;

  /* UTM 15N drawn in longitude/latitude: Minnesota is 97.3°W–89.4°W, 43.4°N–49.4°N,
   * wider than tall, so the square image reaches further north and south. */
  result = pv_cli_run ("render", "-o", png, "--size", "500x500", "--crs", "EPSG:4326", counties, NULL);
  pv_cli_assert_exit (result, 0);
  assert_png (png, 500, 500);
  read_world_file (pgw, values);
  g_assert_cmpfloat (values[0], >, 0.005);
  g_assert_cmpfloat (values[0], <, 0.02);
  g_assert_cmpfloat (values[4], >, -98.5);
  g_assert_cmpfloat (values[4], <, -96.5);
  g_assert_cmpfloat (values[5], >, 49.3);
  g_assert_cmpfloat (values[5], <, 51.0);

  {
    g_autofree char *bad_png = tmp_path ("bad-crs.png");
    const char *args[] = { "render", "-o", bad_png, "--crs", "EPSG:999999", counties, NULL };

    assert_render_fails (args, bad_png);
  }
}

static void
test_several_inputs (void)
{
  const char *names[] = { "states", "roads", "cities" };
  g_autofree char *png = tmp_path ("mexico.png");
  g_autofree char *pgw = world_file_for (png);
  g_autoptr(PvCliResult) result = NULL;
  char *paths[3] = { NULL };
  double extent[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *relative = g_strdup_printf ("vector/shp_mexico_noprj/%s.shp", names[i]);
      double e[4];

      if (!(paths[i] = pv_cli_realdata_or_skip (relative)))
        goto out;
      layer_extent (paths[i], e);
      extent[0] = MIN (extent[0], e[0]);
      extent[1] = MIN (extent[1], e[1]);
      extent[2] = MAX (extent[2], e[2]);
      extent[3] = MAX (extent[3], e[3]);
    }

  /* Unknown CRS everywhere: drawn as they are; the extent is the union. */
  result = pv_cli_run ("render", "-o", png, "--size", "640x480", paths[0], paths[1], paths[2], NULL);
  pv_cli_assert_exit (result, 0);
  assert_png (png, 640, 480);
  assert_world_file (pgw, 640, 480, extent[0], extent[1], extent[2], extent[3]);

out:
  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
}

static void
test_timings (void)
{
  g_autofree char *poly = pv_cli_realdata_or_skip ("vector/shp_poly_osgb27700/poly.shp");
  g_autofree char *png = tmp_path ("timings.png");
  g_autoptr(PvCliResult) result = NULL;
  g_auto(GStrv) lines = NULL;
  const char *what[] = { "load", "index", "render", "labels" };

  if (poly == NULL)
    return;

  result = pv_cli_run ("render", "--timings", "-o", png, "--size", "200x200", poly, NULL);
  pv_cli_assert_exit (result, 0);
  lines = g_strsplit (result->err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *pattern = g_strdup_printf ("^timing: %s [0-9]+\\.[0-9]{3} s$", what[i]);

      g_assert_true (g_regex_match_simple (pattern, lines[i], 0, 0));
    }
  g_assert_cmpstr (lines[4], ==, "");
}

static void
test_failures (void)
{
  g_autofree char *poly = pv_cli_realdata_or_skip ("vector/shp_poly_osgb27700/poly.shp");
  g_autofree char *png = tmp_path ("never.png");
  g_autofree char *in_missing_dir = g_build_filename (tmp_dir, "no-such-dir", "x.png", NULL);

  if (poly == NULL)
    return;

  {
    const char *args[] = { "render", "-o", png, "/nonexistent/input.shp", NULL };

    assert_render_fails (args, png);
  }
  {
    /* One of several inputs fails: nothing is written. */
    const char *args[] = { "render", "-o", png, poly, "/nonexistent/input.shp", NULL };

    assert_render_fails (args, png);
  }
  {
    const char *args[] = { "render", "-o", in_missing_dir, poly, NULL };

    assert_render_fails (args, in_missing_dir);
  }
  {
    /* The output is a directory. */
    g_autoptr(PvCliResult) result = pv_cli_run ("render", "-o", tmp_dir, poly, NULL);

    pv_cli_assert_exit (result, 2);
    pv_cli_assert_one_error_line (result);
  }
}

static void
test_empty (void)
{
  const char *files[] = { "bad/shp_empty/empty.shp", "bad/shp_extentnan/extentnan.shp" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = pv_cli_realdata_or_skip (files[i]);
      g_autofree char *png = tmp_path ("empty.png");
      const char *args[] = { "render", "-o", png, path, NULL };

      if (path == NULL)
        return;
      /* Nothing to draw: no extent, exit 2 with a message. */
      assert_render_fails (args, png);
    }
}

/* data-samples/ ------------------------------------------------------------ */

static void
test_samples (void)
{
  const char *names[] = { "ortho_thu_dau_mot.tif", "districts.shp", "quy_hoach_2030.shp",
                          "roads.shp", "poi.geojson" };
  char *paths[G_N_ELEMENTS (names)] = { NULL };
  g_autofree char *png = tmp_path ("samples.png");
  g_autofree char *pgw = world_file_for (png);
  g_autoptr(PvCliResult) result = NULL;
  double values[6];

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (!(paths[i] = pv_cli_sample_or_skip (names[i])))
        goto out;
    }

  result = pv_cli_run ("render", "-o", png, "--size", "800x600", "--crs", "EPSG:9210",
                       paths[0], paths[1], paths[2], paths[3], paths[4], NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_cmpstr (result->err, ==, "");
  assert_png (png, 800, 600);
  /* VN-2000 / TM-3 105°45′ metres around Bình Dương (E ≈ 560–640 km, N ≈ 1190–1260 km). */
  read_world_file (pgw, values);
  g_assert_cmpfloat (values[0], >, 0.01);
  g_assert_cmpfloat (values[0], <, 1000.0);
  g_assert_cmpfloat (values[4], >, 500000.0);
  g_assert_cmpfloat (values[4], <, 700000.0);
  g_assert_cmpfloat (values[5], >, 1150000.0);
  g_assert_cmpfloat (values[5], <, 1300000.0);

out:
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_free (paths[i]);
}

/* The sample project stores EPSG:9210 and the view 561000,1199000 – 634000,1271000. */
static void
test_project (void)
{
  g_autofree char *project = pv_cli_sample_or_skip ("binh-duong.pvproj");
  g_autofree char *png = tmp_path ("project.png");
  g_autofree char *pgw = world_file_for (png);
  g_autoptr(PvCliResult) result = NULL;
  double values[6];

  if (project == NULL)
    return;

  /* The stored view, fitted into the image. */
  result = pv_cli_run ("render", "-o", png, "--size", "640x480", project, NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_cmpstr (result->err, ==, "");
  assert_png (png, 640, 480);
  assert_world_file (pgw, 640, 480, 561000, 1199000, 634000, 1271000);

  /* --extent wins over the stored view. */
  g_clear_pointer (&result, pv_cli_result_free);
  result = pv_cli_run ("render", "-o", png, "--size", "640x480", "--extent",
                       "590000,1205000,606000,1222000", project, NULL);
  pv_cli_assert_exit (result, 0);
  assert_png (png, 640, 480);
  assert_world_file (pgw, 640, 480, 590000, 1205000, 606000, 1222000);

  /* --crs wins over the project's CRS; the stored view follows it into
   * VN-2000 / UTM 48N (eastings about 80 km larger at this latitude). */
  g_clear_pointer (&result, pv_cli_result_free);
  result = pv_cli_run ("render", "-o", png, "--size", "640x480", "--crs", "EPSG:3405", project, NULL);
  pv_cli_assert_exit (result, 0);
  assert_png (png, 640, 480);
  read_world_file (pgw, values);
  g_assert_cmpfloat (values[0], >, 140.0);
  g_assert_cmpfloat (values[0], <, 180.0);
  g_assert_cmpfloat (values[4], >, 547578.0 + 60000.0);
  g_assert_cmpfloat (values[4], <, 547578.0 + 100000.0);
  g_assert_cmpfloat (values[5], >, 1260000.0);
  g_assert_cmpfloat (values[5], <, 1290000.0);
}

static gboolean
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (from, &contents, &length, NULL))
    return FALSE;
  return g_file_set_contents (to, contents, length, NULL);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
test_project_broken (void)
{
  g_autofree char *project = pv_cli_sample_or_skip ("binh-duong.pvproj");
  g_autofree char *samples = NULL;
  g_autofree char *copy = tmp_path ("binh-duong.pvproj");
  g_autofree char *junk = tmp_path ("junk.pvproj");
  g_autofree char *png = tmp_path ("moved.png");
  const char *exts[] = { ".shp", ".shx", ".dbf", ".prj", ".cpg" };

  if (project == NULL)
    return;
  samples = g_path_get_dirname (project);

  /* Moved away from its data: every layer is missing and nothing loads. */
  g_assert_true (copy_file (project, copy));
  {
    const char *args[] = { "render", "-o", png, copy, NULL };
    g_autoptr(PvCliResult) result = pv_cli_runv (args);

    pv_cli_assert_exit (result, 2);
    pv_cli_assert_error_lines (result);
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }

  /* With only the district boundaries beside it: the six missing layers are
   * reported one per line, the rest is drawn, and that is a success. */
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *name = g_strconcat ("districts", exts[i], NULL);
      g_autofree char *from = g_build_filename (samples, name, NULL);
      g_autofree char *to = tmp_path (name);

      copy_file (from, to);
    }
  {
    g_autoptr(PvCliResult) result = pv_cli_run ("render", "-o", png, "--size", "320x240", copy, NULL);

    pv_cli_assert_exit (result, 0);
    pv_cli_assert_error_lines (result);
    g_assert_cmpuint (count_lines (result->err), ==, 6);
    g_assert_nonnull (strstr (result->err, "roads.shp"));
    g_assert_nonnull (strstr (result->err, "ortho_thu_dau_mot.tif"));
    assert_png (png, 320, 240);
  }

  g_assert_true (g_file_set_contents (junk, "{ this is not json", -1, NULL));
  {
    const char *args[] = { "render", "-o", png, junk, NULL };
    g_autofree char *pgw = world_file_for (png);

    g_remove (png);
    g_remove (pgw);
    assert_render_fails (args, png);
  }
}

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = tmp_path (name);

      g_remove (path);
    }
  g_rmdir (tmp_dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("pv-cli-render-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/cli/render/vector", test_vector);
  g_test_add_func ("/cli/render/raster", test_raster);
  g_test_add_func ("/cli/render/default-size", test_default_size);
  g_test_add_func ("/cli/render/extent", test_extent);
  g_test_add_func ("/cli/render/negative-extent", test_negative_extent);
  g_test_add_func ("/cli/render/crs", test_crs);
  g_test_add_func ("/cli/render/several-inputs", test_several_inputs);
  g_test_add_func ("/cli/render/timings", test_timings);
  g_test_add_func ("/cli/render/failures", test_failures);
  g_test_add_func ("/cli/render/empty", test_empty);
  g_test_add_func ("/cli/render/samples", test_samples);
  g_test_add_func ("/cli/render/project", test_project);
  g_test_add_func ("/cli/render/project-broken", test_project_broken);

  status = g_test_run ();
  remove_tmp_dir ();
  g_free (tmp_dir);
  return status;
}
