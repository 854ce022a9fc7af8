/* test-cli-transform.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "pv-cli-test-util.h"
#include "pv-test-util.h"

#define WGS84_WKT \
  "GEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\"," \
  "ELLIPSOID[\"WGS 84\",6378137,298.257223563,LENGTHUNIT[\"metre\",1]]]," \
  "PRIMEM[\"Greenwich\",0,ANGLEUNIT[\"degree\",0.0174532925199433]]," \
  "CS[ellipsoidal,2],AXIS[\"geodetic latitude (Lat)\",north,ORDER[1]," \
  "ANGLEUNIT[\"degree\",0.0174532925199433]],AXIS[\"geodetic longitude (Lon)\",east,ORDER[2]," \
  "ANGLEUNIT[\"degree\",0.0174532925199433]],ID[\"EPSG\",4326]]"

static void
assert_transform (const char *from,
                  const char *to,
                  const char *x,
                  const char *y,
                  const char *expected)
{
  g_autoptr(PvCliResult) result = pv_cli_run ("transform", "--from", from, "--to", to, x, y, NULL);

  pv_cli_assert_exit (result, 0);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpstr (result->out, ==, expected);
}

/* vietnam.md §1.4: the official EPSG:6960 / Decision 05/2007 route, not the
 * EPSG:5194 that plain PROJ would pick. */
static void
test_vn2000_reference (void)
{
  assert_transform ("EPSG:4326", "EPSG:9210", "106.6519", "10.9804", "598371.1816 1214436.3465\n");
  assert_transform ("EPSG:4326", "EPSG:3405", "106.6519", "10.9804", "680299.1724 1214419.4940\n");
  /* And back again. */
  assert_transform ("EPSG:9210", "EPSG:4326", "598371.1816", "1214436.3465", "106.6519 10.9804\n");
}

static void
test_negative_numbers (void)
{
  assert_transform ("EPSG:4326", "EPSG:3857", "-0.5", "-1.5", "-55659.7454 -166998.3138\n");
  /* Options may follow the numbers, and "--" ends the options. */
  {
    g_autoptr(PvCliResult) result = pv_cli_run ("transform", "-0.5", "-1.5", "--from", "EPSG:4326",
                                                "--to=EPSG:3857", NULL);

    pv_cli_assert_exit (result, 0);
    g_assert_cmpstr (result->out, ==, "-55659.7454 -166998.3138\n");
  }
  {
    g_autoptr(PvCliResult) result = pv_cli_run ("transform", "--from", "EPSG:4326", "--to",
                                                "EPSG:3857", "--", "-0.5", "-1.5", NULL);

    pv_cli_assert_exit (result, 0);
    g_assert_cmpstr (result->out, ==, "-55659.7454 -166998.3138\n");
  }
}

static void
test_definitions (void)
{
  /* WKT (with latitude-first axes: the output stays easting first) and PROJ strings. */
  assert_transform (WGS84_WKT, "EPSG:9210", "106.6519", "10.9804", "598371.1816 1214436.3465\n");
  assert_transform ("+proj=longlat +datum=WGS84 +no_defs +type=crs", "EPSG:32648",
                    "106.6519", "10.9804", "680495.1637 1214307.9548\n");
  assert_transform ("EPSG:4326", "+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs +type=crs",
                    "106.6519", "10.9804", "680495.1637 1214307.9548\n");
  assert_transform ("EPSG:4326", "EPSG:4326", "106.6519", "10.9804", "106.6519 10.9804\n");
}

static void
test_bad_crs (void)
{
  const char *bad[] = { "EPSG:999999", "not a crs", "GEOGCRS[\"broken\"", "+proj=nonsense" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PvCliResult) from = pv_cli_run ("transform", "--from", bad[i], "--to", "EPSG:4326",
                                                "1", "2", NULL);
      g_autoptr(PvCliResult) to = pv_cli_run ("transform", "--from", "EPSG:4326", "--to", bad[i],
                                              "1", "2", NULL);

      pv_cli_assert_exit (from, 2);
      pv_cli_assert_one_error_line (from);
      g_assert_cmpstr (from->out, ==, "");
      pv_cli_assert_exit (to, 2);
      pv_cli_assert_one_error_line (to);
      g_assert_cmpstr (to->out, ==, "");
    }
}

static void
test_point_outside (void)
{
  /* A latitude of 95° has no Mercator coordinate. */
  g_autoptr(PvCliResult) result = pv_cli_run ("transform", "--from", "EPSG:4326", "--to", "EPSG:3857",
                                              "10", "95", NULL);

  pv_cli_assert_exit (result, 2);
  pv_cli_assert_one_error_line (result);
  g_assert_cmpstr (result->out, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/transform/vn2000-reference", test_vn2000_reference);
  g_test_add_func ("/cli/transform/negative-numbers", test_negative_numbers);
  g_test_add_func ("/cli/transform/definitions", test_definitions);
  g_test_add_func ("/cli/transform/bad-crs", test_bad_crs);
  g_test_add_func ("/cli/transform/point-outside", test_point_outside);

  return g_test_run ();
}
