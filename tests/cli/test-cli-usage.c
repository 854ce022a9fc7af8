/* test-cli-usage.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "pv-cli-test-util.h"
#include "pv-test-util.h"

/* Usage errors: exit status 1, one line "planviewer-cli: …" on stderr and
 * nothing on stdout. */
static void
assert_usage_error (const char * const *args)
{
  g_autoptr(PvCliResult) result = pv_cli_runv (args);

  pv_cli_assert_exit (result, 1);
  pv_cli_assert_one_error_line (result);
  g_assert_cmpstr (result->out, ==, "");
}

static void
test_no_command (void)
{
  const char *args[] = { NULL };

  assert_usage_error (args);
}

static void
test_unknown_command (void)
{
  const char *args[] = { "frobnicate", "file.shp", NULL };
  const char *option[] = { "--frobnicate", NULL };

  assert_usage_error (args);
  assert_usage_error (option);
}

static void
test_unknown_option (void)
{
  const char *info[] = { "info", "--bogus", "x.shp", NULL };
  const char *render[] = { "render", "-o", "x.png", "--bogus", "x.shp", NULL };
  const char *render_short[] = { "render", "-o", "x.png", "-Z", "x.shp", NULL };
  const char *transform[] = { "transform", "--from", "EPSG:4326", "--to", "EPSG:9210",
                              "--bogus", "1", "2", NULL };

  assert_usage_error (info);
  assert_usage_error (render);
  assert_usage_error (render_short);
  assert_usage_error (transform);
}

static void
test_missing_arguments (void)
{
  const char *info[] = { "info", NULL };
  const char *info_json[] = { "info", "--json", NULL };
  const char *render_no_output[] = { "render", "x.shp", NULL };
  const char *render_no_input[] = { "render", "-o", "x.png", NULL };
  const char *render_dangling[] = { "render", "x.shp", "-o", NULL };
  const char *transform_no_to[] = { "transform", "--from", "EPSG:4326", "1", "2", NULL };
  const char *transform_no_from[] = { "transform", "--to", "EPSG:4326", "1", "2", NULL };
  const char *transform_one[] = { "transform", "--from", "EPSG:4326", "--to", "EPSG:9210", "1", NULL };
  const char *transform_three[] = { "transform", "--from", "EPSG:4326", "--to", "EPSG:9210",
                                    "1", "2", "3", NULL };
  const char *transform_word[] = { "transform", "--from", "EPSG:4326", "--to", "EPSG:9210",
                                   "east", "2", NULL };
  const char *transform_nan[] = { "transform", "--from", "EPSG:4326", "--to", "EPSG:9210",
                                  "nan", "2", NULL };
  const char *transform_comma[] = { "transform", "--from", "EPSG:4326", "--to", "EPSG:9210",
                                    "106,6519", "10.9804", NULL };

  assert_usage_error (info);
  assert_usage_error (info_json);
  assert_usage_error (render_no_output);
  assert_usage_error (render_no_input);
  assert_usage_error (render_dangling);
  assert_usage_error (transform_no_to);
  assert_usage_error (transform_no_from);
  assert_usage_error (transform_one);
  assert_usage_error (transform_three);
  assert_usage_error (transform_word);
  assert_usage_error (transform_nan);
  assert_usage_error (transform_comma);
}

static void
test_bad_size (void)
{
  const char *sizes[] = { "100", "0x10", "10x0", "axb", "100x", "x100", "100x100x3",
                          "-5x5", "20000x10", "1e3x10", "" };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      /* The syntax is checked before any input is opened. */
      const char *args[] = { "render", "-o", "x.png", "--size", sizes[i], "missing.shp", NULL };

      assert_usage_error (args);
    }
}

static void
test_bad_extent (void)
{
  const char *extents[] = { "1,2,3", "1,2,3,4,5", "a,b,c,d", "3,0,1,1", "0,3,1,1",
                            "0,0,0,1", "nan,0,1,1", "0,0,inf,1", "1;2;3;4", "" };

  for (guint i = 0; i < G_N_ELEMENTS (extents); i++)
    {
      const char *args[] = { "render", "-o", "x.png", "--extent", extents[i], "missing.shp", NULL };

      assert_usage_error (args);
    }
}

static void
test_help (void)
{
  const char *commands[] = { "info", "render", "transform" };

  {
    g_autoptr(PvCliResult) result = pv_cli_run ("--help", NULL);

    pv_cli_assert_exit (result, 0);
    g_assert_cmpstr (result->err, ==, "");
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      g_assert_nonnull (strstr (result->out, commands[i]));
  }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(PvCliResult) result = pv_cli_run (commands[i], "--help", NULL);
      g_autofree char *usage = g_strdup_printf ("planviewer-cli %s", commands[i]);

      pv_cli_assert_exit (result, 0);
      g_assert_cmpstr (result->err, ==, "");
      g_assert_nonnull (strstr (result->out, usage));
    }

  {
    g_autoptr(PvCliResult) result = pv_cli_run ("render", "--help", NULL);

    g_assert_nonnull (strstr (result->out, "--size"));
    g_assert_nonnull (strstr (result->out, "--extent"));
    g_assert_nonnull (strstr (result->out, "--crs"));
    g_assert_nonnull (strstr (result->out, "--timings"));
  }
}

static void
test_version (void)
{
  g_autoptr(PvCliResult) result = pv_cli_run ("--version", NULL);
  g_auto(GStrv) lines = NULL;

  pv_cli_assert_exit (result, 0);
  g_assert_cmpstr (result->err, ==, "");
  lines = g_strsplit (result->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "planviewer-cli " PACKAGE_VERSION);
  g_assert_true (g_str_has_prefix (lines[1], "GDAL 3."));
  g_assert_true (g_str_has_prefix (lines[2], "PROJ 9."));
  g_assert_cmpstr (lines[3], ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/usage/no-command", test_no_command);
  g_test_add_func ("/cli/usage/unknown-command", test_unknown_command);
  g_test_add_func ("/cli/usage/unknown-option", test_unknown_option);
  g_test_add_func ("/cli/usage/missing-arguments", test_missing_arguments);
  g_test_add_func ("/cli/usage/bad-size", test_bad_size);
  g_test_add_func ("/cli/usage/bad-extent", test_bad_extent);
  g_test_add_func ("/cli/usage/help", test_help);
  g_test_add_func ("/cli/usage/version", test_version);

  return g_test_run ();
}
