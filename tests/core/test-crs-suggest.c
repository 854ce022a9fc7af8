/* test-crs-suggest.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "pv-core.h"
#include "pv-crs-suggest.h"
#include "pv-test-util.h"

/* Reference point of vietnam.md §1.4, inside Thủ Dầu Một (WGS 84), and its
 * EPSG:9210 coordinates by route A (official EPSG:6960 parameters). */
#define REF_LON 106.6519
#define REF_LAT 10.9804
#define REF_9210_E 598371.1816
#define REF_9210_N 1214436.3465

static GPtrArray *
suggest (double xmin,
         double ymin,
         double xmax,
         double ymax)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = pv_crs_suggest_for_extent (xmin, ymin, xmax, ymax, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static int
epsg_at (GPtrArray *list,
         guint      i)
{
  g_assert_cmpuint (i, <, list->len);
  return pv_crs_get_epsg (g_ptr_array_index (list, i));
}

static gboolean
contains_epsg (GPtrArray *list,
               int        code)
{
  for (guint i = 0; i < list->len; i++)
    if (pv_crs_get_epsg (g_ptr_array_index (list, i)) == code)
      return TRUE;
  return FALSE;
}

static void
assert_all_vn2000_projected (GPtrArray *list)
{
  for (guint i = 0; i < list->len; i++)
    {
      PvCrs *crs = g_ptr_array_index (list, i);

      g_assert_true (pv_crs_is_vn2000 (crs));
      g_assert_false (pv_crs_is_geographic (crs));
    }
}

static void
test_binh_duong_reference (void)
{
  g_autoptr(GPtrArray) list = suggest (REF_9210_E - 500, REF_9210_N - 500,
                                       REF_9210_E + 500, REF_9210_N + 500);

  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *label = pv_crs_dup_label (g_ptr_array_index (list, i));

      g_test_message ("suggestion %u: %s", i, label);
    }
  g_assert_cmpint (epsg_at (list, 0), ==, 9210);
  assert_all_vn2000_projected (list);
  /* Zones whose area of use is far from Bình Dương are not offered:
   * Lạng Sơn (9215) and Điện Biên/Lai Châu (9205). */
  g_assert_false (contains_epsg (list, 9215));
  g_assert_false (contains_epsg (list, 9205));
  /* Read as UTM 48N the same numbers lie in southern Vietnam too. */
  g_assert_true (contains_epsg (list, 3405));
  g_assert_false (contains_epsg (list, 3406));
}

static void
test_sample_extent (void)
{
  g_autofree char *path = pv_test_sample_path ("quy_hoach_2030.shp");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_autoptr(GPtrArray) list = NULL;
  PvLayer *layer;
  double xmin, ymin, xmax, ymax;

  g_assert_no_error (error);
  g_assert_nonnull (layers);
  g_assert_cmpuint (layers->len, >=, 1);
  layer = g_ptr_array_index (layers, 0);
  /* The sample is in EPSG:9210: its extent must lead back to it. */
  g_assert_nonnull (pv_layer_get_crs (layer));
  g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (layer)), ==, 9210);
  g_assert_true (pv_layer_get_extent (layer, &xmin, &ymin, &xmax, &ymax));

  list = suggest (xmin, ymin, xmax, ymax);
  g_assert_cmpint (epsg_at (list, 0), ==, 9210);
  assert_all_vn2000_projected (list);
}

static void
test_utm48_hcmc (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) wgs84 = pv_crs_new_from_epsg (4326, &error);
  g_autoptr(PvCrs) utm48 = NULL;
  g_autoptr(PvTransform) transform = NULL;
  g_autoptr(GPtrArray) list = NULL;
  double x = REF_LON, y = REF_LAT;

  g_assert_no_error (error);
  utm48 = pv_crs_new_from_epsg (3405, &error);
  g_assert_no_error (error);
  transform = pv_transform_new (wgs84, utm48, &error);
  g_assert_no_error (error);
  g_assert_true (pv_transform_point (transform, &x, &y, &error));
  g_assert_no_error (error);
  /* Route B of vietnam.md §1.4. */
  g_assert_cmpfloat_with_epsilon (x, 680299.1724, 0.01);
  g_assert_cmpfloat_with_epsilon (y, 1214419.4940, 0.01);

  list = suggest (x - 2000, y - 2000, x + 2000, y + 2000);
  g_assert_true (contains_epsg (list, 3405));
  g_assert_false (contains_epsg (list, 3406));
  assert_all_vn2000_projected (list);
}

static void
test_degrees (void)
{
  g_autoptr(GPtrArray) list = suggest (REF_LON - 0.1, REF_LAT - 0.1, REF_LON + 0.1, REF_LAT + 0.1);

  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (epsg_at (list, 0), ==, 4756);
  g_assert_cmpint (epsg_at (list, 1), ==, 4326);
  g_assert_true (pv_crs_is_geographic (g_ptr_array_index (list, 0)));
}

static void
test_outside (void)
{
  /* Paris in Lambert-93 metres. */
  g_autoptr(GPtrArray) paris = suggest (651000, 6861000, 653000, 6863000);
  /* Paris in degrees. */
  g_autoptr(GPtrArray) paris_deg = suggest (2.2, 48.8, 2.4, 48.9);
  /* Northings of Vietnam but an easting no zone has. */
  g_autoptr(GPtrArray) far_east = suggest (2500000, 1200000, 2600000, 1300000);
  /* A box wider than the country. */
  g_autoptr(GPtrArray) huge = suggest (-1e9, -1e9, 1e9, 1e9);

  g_assert_cmpuint (paris->len, ==, 0);
  g_assert_cmpuint (paris_deg->len, ==, 0);
  g_assert_cmpuint (far_east->len, ==, 0);
  g_assert_cmpuint (huge->len, ==, 0);
}

static void
test_not_finite (void)
{
  g_autoptr(GPtrArray) nan_box = suggest (NAN, REF_9210_N, REF_9210_E, REF_9210_N + 10);
  g_autoptr(GPtrArray) inf_box = suggest (REF_9210_E, REF_9210_N, INFINITY, REF_9210_N + 10);
  g_autoptr(GPtrArray) reversed = suggest (REF_9210_E + 10, REF_9210_N, REF_9210_E, REF_9210_N + 10);

  g_assert_cmpuint (nan_box->len, ==, 0);
  g_assert_cmpuint (inf_box->len, ==, 0);
  g_assert_cmpuint (reversed->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/crs-suggest/binh-duong-reference", test_binh_duong_reference);
  g_test_add_func ("/core/crs-suggest/sample-extent", test_sample_extent);
  g_test_add_func ("/core/crs-suggest/utm48-hcmc", test_utm48_hcmc);
  g_test_add_func ("/core/crs-suggest/degrees", test_degrees);
  g_test_add_func ("/core/crs-suggest/outside", test_outside);
  g_test_add_func ("/core/crs-suggest/not-finite", test_not_finite);

  return g_test_run ();
}
