/* test-cli-postgis.c — planviewer-cli on a PostGIS table, against a real
 * PostgreSQL + PostGIS server (tests/pg/pv-pg-server.sh).
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cairo.h>
#include <string.h>

#include "pv-cli-test-util.h"
#include "pv-pg-test-util.h"
#include "pv-test-util.h"

static PvTestPg *pg;
static char *dir;

#define CITY "597871,1214136,598871,1214736"

static const char *const with_password[] = { "PGPASSWORD=" PV_TEST_PG_PASSWORD, "PGPASSFILE=/nonexistent/pgpass", NULL };
static const char *const without_password[] = { "PGPASSWORD=", "PGPASSFILE=/nonexistent/pgpass", NULL };

static gboolean
need_server (void)
{
  if (pg == NULL)
    {
      g_test_skip ("PostGIS tests: the test server could not start (see the log)");
      return FALSE;
    }
  return TRUE;
}

/* The number of pixels that differ between two PNG files of one size. */
static guint
count_different_pixels (const char *a,
                        const char *b)
{
  cairo_surface_t *sa = cairo_image_surface_create_from_png (a);
  cairo_surface_t *sb = cairo_image_surface_create_from_png (b);
  int width = cairo_image_surface_get_width (sa), height = cairo_image_surface_get_height (sa);
  guint n = 0;

  g_assert_cmpint (cairo_surface_status (sa), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (sb), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (width, ==, cairo_image_surface_get_width (sb));
  g_assert_cmpint (height, ==, cairo_image_surface_get_height (sb));
  for (int y = 0; y < height; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (sa) + y * cairo_image_surface_get_stride (sa));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (sb) + y * cairo_image_surface_get_stride (sb));

      for (int x = 0; x < width; x++)
        n += ra[x] != rb[x];
    }
  cairo_surface_destroy (sa);
  cairo_surface_destroy (sb);
  return n;
}

/* The city view of the table renders as the same view of the shapefile. */
static void
test_render (void)
{
  g_autofree char *sample = pv_test_sample_path ("hien_trang_2024.shp");
  g_autofree char *from_pg = g_build_filename (dir, "pg.png", NULL);
  g_autofree char *from_file = g_build_filename (dir, "file.png", NULL);
  g_autoptr(PvCliResult) r = NULL;
  g_autoptr(PvCliResult) f = NULL;

  if (!need_server ())
    return;
  {
    const char *args[] = { "render", "--allow-network", "-o", from_pg, "--size", "800x480",
                           "--extent", CITY, pg->source, NULL };

    r = pv_cli_runv_env (args, with_password);
  }
  pv_cli_assert_exit (r, 0);
  {
    const char *args[] = { "render", "-o", from_file, "--size", "800x480", "--extent", CITY, sample, NULL };

    f = pv_cli_runv_env (args, NULL);
  }
  pv_cli_assert_exit (f, 0);
  g_assert_cmpuint (count_different_pixels (from_pg, from_file), ==, 0);
}

/* Without --allow-network, or without the password, it says so. */
static void
test_refused (void)
{
  g_autofree char *out = g_build_filename (dir, "refused.png", NULL);
  g_autoptr(PvCliResult) r = NULL;
  g_autoptr(PvCliResult) p = NULL;

  if (!need_server ())
    return;
  {
    const char *args[] = { "render", "-o", out, pg->source, NULL };

    r = pv_cli_runv_env (args, with_password);
  }
  pv_cli_assert_exit (r, 2);
  g_assert_nonnull (strstr (r->err, "--allow-network"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  {
    const char *args[] = { "render", "--allow-network", "-o", out, pg->source, NULL };

    p = pv_cli_runv_env (args, without_password);
  }
  pv_cli_assert_exit (p, 2);
  g_assert_nonnull (strstr (p->err, "planviewer@"));
  g_assert_nonnull (strstr (p->err, "password"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* The value of a member "name": N of info --json's output. */
static gint64
json_count (const char *out,
            const char *name)
{
  g_autofree char *key = g_strdup_printf ("\"%s\"", name);
  const char *p = strstr (out, key);

  g_assert_nonnull (p);
  p = strchr (p + strlen (key), ':');
  g_assert_nonnull (p);
  return g_ascii_strtoll (p + 1, NULL, 10);
}

/* info counts the table's rows on the server (no view, so no window in
 * memory): the shapefile's count, not 0. */
static void
test_info (void)
{
  g_autofree char *sample = pv_test_sample_path ("hien_trang_2024.shp");
  g_autoptr(PvCliResult) r = NULL;
  g_autoptr(PvCliResult) f = NULL;
  gint64 n;

  if (!need_server ())
    return;
  {
    const char *args[] = { "info", "--allow-network", "--json", pg->source, NULL };

    r = pv_cli_runv_env (args, with_password);
  }
  pv_cli_assert_exit (r, 0);
  {
    const char *args[] = { "info", "--json", sample, NULL };

    f = pv_cli_runv_env (args, NULL);
  }
  pv_cli_assert_exit (f, 0);
  n = json_count (f->out, "feature_count");
  g_assert_cmpint (n, >, 0);
  g_assert_cmpint (json_count (r->out, "feature_count"), ==, n);
  g_assert_cmpint (json_count (r->out, "geometry_count"), ==, json_count (f->out, "geometry_count"));
}

/* The land-use table of the whole table is the shapefile's. */
static void
test_stats (void)
{
  g_autofree char *sample = pv_test_sample_path ("hien_trang_2024.shp");
  g_autoptr(PvCliResult) r = NULL;
  g_autoptr(PvCliResult) f = NULL;

  if (!need_server ())
    return;
  {
    const char *args[] = { "stats", "--allow-network", "--csv", "--field", "ma_sdd", pg->source, NULL };

    r = pv_cli_runv_env (args, with_password);
  }
  pv_cli_assert_exit (r, 0);
  {
    const char *args[] = { "stats", "--csv", "--field", "ma_sdd", sample, NULL };

    f = pv_cli_runv_env (args, NULL);
  }
  pv_cli_assert_exit (f, 0);
  g_assert_nonnull (strstr (r->out, "ODT"));
  g_assert_cmpstr (r->out, ==, f->out);
}

/* An A4 PDF of the table. */
static void
test_export (void)
{
  g_autofree char *pdf = g_build_filename (dir, "pg.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(PvCliResult) r = NULL;
  gsize length = 0;

  if (!need_server ())
    return;
  {
    const char *args[] = { "export", "--allow-network", "-o", pdf, "--page", "A4",
                           "--extent", CITY, pg->source, NULL };

    r = pv_cli_runv_env (args, with_password);
  }
  pv_cli_assert_exit (r, 0);
  g_assert_true (g_file_get_contents (pdf, &text, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  if (pv_test_have_tool ("pdfinfo"))
    {
      const char *argv[] = { "pdfinfo", pdf, NULL };
      g_autofree char *info = pv_test_run_tool (argv);

      g_assert_nonnull (strstr (info, "Pages:           1"));
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/postgis/render", test_render);
  g_test_add_func ("/cli/postgis/refused", test_refused);
  g_test_add_func ("/cli/postgis/info", test_info);
  g_test_add_func ("/cli/postgis/stats", test_stats);
  g_test_add_func ("/cli/postgis/export", test_export);

  dir = pv_test_make_temp_dir ("pv-cli-postgis");
  {
    g_autofree char *sample = pv_test_sample_path ("hien_trang_2024.shp");

    pg = pv_test_pg_start ();
    if (pg != NULL)
      pv_test_pg_load (pg, sample, "parcels", "-a_srs", "EPSG:9210", NULL);
  }
  status = g_test_run ();
  pv_test_pg_stop (pg);
  pv_test_remove_dir (dir);
  g_free (dir);
  return status;
}
