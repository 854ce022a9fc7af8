/* test-cli-trust.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pv-cli-test-util.h"
#include "pv-test-util.h"

#define GEOJSON \
  "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"ma\":\"ONT\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[106.65,11.0],[106.66,11.0],[106.66,11.01]," \
  "[106.65,11.0]]]}}]}"

typedef struct
{
  char *root;
  char *outside;     /* root/proj/plan.pvproj: a layer in ../outside */
  char *network;     /* root/proj/net.pvproj: a layer on /vsicurl/ */
  char *resolved;    /* the outside file, resolved */
  char *png;
} Fixture;

static void
write_in (const char *dir,
          const char *relative,
          const char *contents)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0755);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *fixture)
{
  g_autofree char *root = pv_test_make_temp_dir ("test-cli-trust-XXXXXX");
  char real[4096];

  g_assert_nonnull (realpath (root, real));
  fixture->root = g_strdup (real);
  write_in (fixture->root, "proj/inside.geojson", GEOJSON);
  write_in (fixture->root, "outside/far.geojson", GEOJSON);
  write_in (fixture->root, "proj/plan.pvproj",
            "{\"planviewer_project\": 1, \"layers\": [{\"source\": \"inside.geojson\"},"
            "{\"source\": \"../proj/../outside/far.geojson\"}]}");
  /* Port 9 (discard): nothing is reached either way. */
  write_in (fixture->root, "proj/net.pvproj",
            "{\"planviewer_project\": 1, \"layers\": [{\"source\": \"inside.geojson\"},"
            "{\"source\": \"/vsicurl/http://127.0.0.1:9/far.tif\"}]}");
  fixture->outside = g_build_filename (fixture->root, "proj", "plan.pvproj", NULL);
  fixture->network = g_build_filename (fixture->root, "proj", "net.pvproj", NULL);
  fixture->resolved = g_build_filename (fixture->root, "outside", "far.geojson", NULL);
  fixture->png = g_build_filename (fixture->root, "out.png", NULL);
}

static void
fixture_tear_down (Fixture *fixture)
{
  pv_test_remove_dir (fixture->root);
  g_free (fixture->root);
  g_free (fixture->outside);
  g_free (fixture->network);
  g_free (fixture->resolved);
  g_free (fixture->png);
}

/* Refused with exit status 2, every stderr line "planviewer-cli: ", one of
 * them naming the resolved path and the option. */
static void
assert_refused (PvCliResult *result,
                const char  *path,
                const char  *option)
{
  pv_cli_assert_exit (result, 2);
  pv_cli_assert_error_lines (result);
  g_assert_nonnull (strstr (result->err, path));
  g_assert_nonnull (strstr (result->err, option));
  g_assert_null (strstr (result->err, "/../"));
}

static void
test_cli_trust_outside (void)
{
  Fixture fixture;

  fixture_set_up (&fixture);
  {
    g_autoptr(PvCliResult) render = pv_cli_run ("render", "-o", fixture.png, fixture.outside, NULL);
    g_autoptr(PvCliResult) stats = pv_cli_run ("stats", "--field", "ma", fixture.outside, NULL);
    g_autoptr(PvCliResult) exported = NULL;
    g_autoptr(PvCliResult) allowed = NULL;
    g_autofree char *pdf = g_build_filename (fixture.root, "out.pdf", NULL);

    assert_refused (render, fixture.resolved, "--allow-outside");
    g_assert_false (g_file_test (fixture.png, G_FILE_TEST_EXISTS));
    assert_refused (stats, fixture.resolved, "--allow-outside");
    exported = pv_cli_run ("export", "-o", pdf, fixture.outside, NULL);
    assert_refused (exported, fixture.resolved, "--allow-outside");
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

    allowed = pv_cli_run ("render", "--allow-outside", "-o", fixture.png, fixture.outside, NULL);
    pv_cli_assert_exit (allowed, 0);
    g_assert_true (g_file_test (fixture.png, G_FILE_TEST_IS_REGULAR));
  }
  fixture_tear_down (&fixture);
}

static void
test_cli_trust_network (void)
{
  Fixture fixture;

  fixture_set_up (&fixture);
  {
    g_autoptr(PvCliResult) render = pv_cli_run ("render", "--allow-outside", "-o", fixture.png, fixture.network,
                                                NULL);
    g_autoptr(PvCliResult) allowed = NULL;

    /* --allow-outside is not --allow-network. */
    assert_refused (render, "/vsicurl/http://127.0.0.1:9/far.tif", "--allow-network");
    g_assert_false (g_file_test (fixture.png, G_FILE_TEST_EXISTS));

    /* Allowed, the layer is tried (and reported: nothing listens there); the
     * rest is drawn. */
    allowed = pv_cli_run ("render", "--allow-network", "-o", fixture.png, fixture.network, NULL);
    pv_cli_assert_exit (allowed, 0);
    g_assert_nonnull (strstr (allowed->err, "127.0.0.1"));
    g_assert_true (g_file_test (fixture.png, G_FILE_TEST_IS_REGULAR));
  }
  fixture_tear_down (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/trust/outside", test_cli_trust_outside);
  g_test_add_func ("/cli/trust/network", test_cli_trust_network);

  return g_test_run ();
}
