/* test-rtree.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "pv-rtree-private.h"

static int
compare_u32 (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static void
check_against_brute_force (guint n_items,
                           guint n_queries)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (n_items);
  g_autofree float *boxes = g_new (float, 4 * (gsize) MAX (n_items, 1));
  g_autoptr(PvRTree) tree = NULL;
  guint n_finite = 0;

  for (guint i = 0; i < n_items; i++)
    {
      float x = g_rand_double_range (rand, 450000, 650000);
      float y = g_rand_double_range (rand, 1200000, 1280000);
      float w = g_rand_double_range (rand, 0, 500);
      float h = g_rand_double_range (rand, 0, 500);

      boxes[4 * i + 0] = x;
      boxes[4 * i + 1] = y;
      boxes[4 * i + 2] = x + w;
      boxes[4 * i + 3] = y + h;
      /* Some features have no geometry: they must stay out of the index. */
      if (i % 97 == 13)
        boxes[4 * i + 0] = NAN;
      else
        n_finite++;
    }
  tree = _pv_rtree_new (boxes, n_items);
  g_assert_cmpuint (_pv_rtree_get_n_items (tree), ==, n_finite);

  for (guint q = 0; q < n_queries; q++)
    {
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint32));
      double qx = g_rand_double_range (rand, 440000, 660000);
      double qy = g_rand_double_range (rand, 1190000, 1290000);
      double qw = q % 10 == 0 ? 300000 : g_rand_double_range (rand, 0, 20000);
      double qh = q % 10 == 0 ? 300000 : g_rand_double_range (rand, 0, 20000);

      _pv_rtree_search (tree, qx, qy, qx + qw, qy + qh, found);
      for (guint i = 0; i < n_items; i++)
        {
          const float *b = boxes + 4 * i;

          if (!isfinite (b[0]))
            continue;
          if (b[2] < qx || b[3] < qy || b[0] > qx + qw || b[1] > qy + qh)
            continue;
          g_array_append_val (expected, i);
        }
      g_array_sort (found, compare_u32);
      g_assert_cmpuint (found->len, ==, expected->len);
      for (guint i = 0; i < found->len; i++)
        g_assert_cmpuint (g_array_index (found, guint32, i), ==, g_array_index (expected, guint32, i));
    }
}

static void
test_rtree_brute_force (void)
{
  /* Sizes around node boundaries and a large one. */
  const guint sizes[] = { 0, 1, 2, 15, 16, 17, 255, 256, 257, 4097, 100000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    check_against_brute_force (sizes[i], sizes[i] > 10000 ? 50 : 200);
}

static void
test_rtree_empty_query (void)
{
  float boxes[] = { 0, 0, 1, 1 };
  g_autoptr(PvRTree) tree = _pv_rtree_new (boxes, 1);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint32));

  _pv_rtree_search (tree, NAN, 0, 1, 1, found);
  g_assert_cmpuint (found->len, ==, 0);
  _pv_rtree_search (tree, 2, 2, 1, 1, found);
  g_assert_cmpuint (found->len, ==, 0);
  _pv_rtree_search (tree, 1, 1, 2, 2, found);
  g_assert_cmpuint (found->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/rtree/brute-force", test_rtree_brute_force);
  g_test_add_func ("/core/rtree/empty-query", test_rtree_empty_query);

  return g_test_run ();
}
