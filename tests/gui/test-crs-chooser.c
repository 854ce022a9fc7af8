/* test-crs-chooser.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pv-crs-chooser.h"
#include "pv-gui-test-util.h"
#include "pv-vn2000-zones.h"

static PvCrsChooser *
new_chooser (PvCrs *initial)
{
  /* GTK owns toplevels; the test keeps its own reference. */
  PvCrsChooser *chooser = pv_crs_chooser_new (NULL, "Test", initial);

  return g_object_ref (chooser);
}

static void
test_crs_chooser_order (void)
{
  PvCrsChooser *chooser = new_chooser (NULL);
  guint n = pv_crs_chooser_get_n_results (chooser);
  const PvCrsInfo *info;
  gboolean seen_other = FALSE;

  g_assert_cmpuint (n, >, 4000);
  info = pv_crs_chooser_get_result (chooser, 0);
  g_assert_cmpstr (info->code, ==, "9210");
  g_assert_true (info->is_vn2000);
  for (guint i = 1; i < n; i++)
    {
      info = pv_crs_chooser_get_result (chooser, i);
      /* Every VN-2000 CRS before any other. */
      if (!info->is_vn2000)
        seen_other = TRUE;
      else
        g_assert_false (seen_other);
    }
  g_assert_true (seen_other);
  g_assert_null (pv_crs_chooser_get_result (chooser, n));

  pv_gui_test_window_destroy (chooser);
}

static void
assert_only_9210 (PvCrsChooser *chooser,
                  const char   *query)
{
  pv_crs_chooser_set_search_text (chooser, query);
  g_assert_cmpuint (pv_crs_chooser_get_n_results (chooser), ==, 1);
  g_assert_cmpstr (pv_crs_chooser_get_result (chooser, 0)->code, ==, "9210");
}

static void
test_crs_chooser_search (void)
{
  PvCrsChooser *chooser = new_chooser (NULL);
  guint n;
  gboolean has_32648 = FALSE;

  assert_only_9210 (chooser, "9210");
  assert_only_9210 (chooser, "EPSG:9210");
  assert_only_9210 (chooser, "Bình Dương");
  assert_only_9210 (chooser, "binh duong");
  assert_only_9210 (chooser, "BÌNH DƯƠNG");

  /* VN-2000's UTM zone first, then WGS 84's and the others. */
  pv_crs_chooser_set_search_text (chooser, "UTM 48N");
  n = pv_crs_chooser_get_n_results (chooser);
  g_assert_cmpuint (n, >, 3);
  g_assert_cmpstr (pv_crs_chooser_get_result (chooser, 0)->code, ==, "3405");
  for (guint i = 0; i < n; i++)
    {
      const PvCrsInfo *info = pv_crs_chooser_get_result (chooser, i);

      g_assert_nonnull (strstr (info->name, "48N"));
      has_32648 |= strcmp (info->code, "32648") == 0;
    }
  g_assert_true (has_32648);

  pv_crs_chooser_set_search_text (chooser, "no such coordinate system");
  g_assert_cmpuint (pv_crs_chooser_get_n_results (chooser), ==, 0);
  pv_crs_chooser_set_search_text (chooser, "");
  g_assert_cmpuint (pv_crs_chooser_get_n_results (chooser), >, 4000);

  pv_gui_test_window_destroy (chooser);
}

/* Whether a search for query lists EPSG:code. */
static gboolean
results_have_code (PvCrsChooser *chooser,
                   const char   *query,
                   int           code)
{
  g_autofree char *text = g_strdup_printf ("%d", code);

  pv_crs_chooser_set_search_text (chooser, query);
  for (guint i = 0; i < pv_crs_chooser_get_n_results (chooser); i++)
    if (strcmp (pv_crs_chooser_get_result (chooser, i)->code, text) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  PvCrsChooser *chooser;
  const char   *needle;
} RowWait;

static gboolean
row_shows_cb (gpointer data)
{
  RowWait *wait = data;

  return pv_gui_test_tree_has_label_containing (GTK_WIDGET (wait->chooser), wait->needle);
}

/* Every province of the VN-2000 table finds its TM-3 zone, typed with or
 * without diacritics, and the row names the provinces. */
static void
test_crs_chooser_provinces (void)
{
  PvCrsChooser *chooser = new_chooser (NULL);
  const PvVn2000Zone *zones;
  guint n_zones;

  zones = pv_vn2000_zones_get (&n_zones);
  g_assert_cmpuint (n_zones, ==, 63);
  for (guint i = 0; i < n_zones; i++)
    {
      g_autofree char *folded = pv_crs_fold_for_search (zones[i].province);

      g_assert_true (results_have_code (chooser, zones[i].province, zones[i].epsg));
      g_assert_true (results_have_code (chooser, folded, zones[i].epsg));
    }

  /* "dong nai" lists only Đồng Nai's 107°45′ zone; the row says so. */
  pv_crs_chooser_set_search_text (chooser, "dong nai");
  g_assert_cmpuint (pv_crs_chooser_get_n_results (chooser), ==, 1);
  g_assert_cmpstr (pv_crs_chooser_get_result (chooser, 0)->code, ==, "5899");
  gtk_window_present (GTK_WINDOW (chooser));
  {
    RowWait wait = { chooser, "Đồng Nai" };

    pv_gui_test_wait_until (row_shows_cb, &wait, "the Đồng Nai row");
    g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (chooser), "EPSG:5899"));
  }

  /* Bình Dương's row shows its neighbours on the same meridian. */
  pv_crs_chooser_set_search_text (chooser, "Bình Dương");
  g_assert_cmpuint (pv_crs_chooser_get_n_results (chooser), ==, 1);
  {
    RowWait wait = { chooser, "Bình Dương, Hồ Chí Minh" };

    pv_gui_test_wait_until (row_shows_cb, &wait, "the Bình Dương row");
  }
  g_assert_true (results_have_code (chooser, "tien giang", 9210));
  g_assert_false (results_have_code (chooser, "tien giang", 9209));
  g_assert_true (results_have_code (chooser, "BÀ RỊA VŨNG TÀU", 5899));

  pv_gui_test_window_destroy (chooser);
}

static void
crs_chosen_cb (PvCrsChooser  *chooser,
               PvCrs         *crs,
               PvCrs        **out)
{
  g_set_object (out, crs);
}

static void
test_crs_chooser_choose (void)
{
  PvCrsChooser *chooser = new_chooser (NULL);
  g_autoptr(PvCrs) chosen = NULL;

  g_signal_connect (chooser, "crs-chosen", G_CALLBACK (crs_chosen_cb), &chosen);
  gtk_window_present (GTK_WINDOW (chooser));
  pv_crs_chooser_set_search_text (chooser, "32648");
  g_assert_true (pv_crs_chooser_choose_result (chooser, 0));
  g_assert_nonnull (chosen);
  g_assert_cmpint (pv_crs_get_epsg (chosen), ==, 32648);
  g_assert_true (pv_crs_chooser_get_crs (chooser) == chosen);
  /* It closed itself. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chooser)));

  pv_gui_test_window_destroy (chooser);
}

static void
test_crs_chooser_custom (void)
{
  PvCrsChooser *chooser = new_chooser (NULL);
  g_autoptr(PvCrs) chosen = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (chooser, "crs-chosen", G_CALLBACK (crs_chosen_cb), &chosen);
  gtk_window_present (GTK_WINDOW (chooser));

  g_assert_false (pv_crs_chooser_choose_custom (chooser, "+proj=nonsense +type=crs", &error));
  g_assert_error (error, PV_CRS_ERROR, PV_CRS_ERROR_INVALID);
  g_assert_null (chosen);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chooser)));
  g_clear_error (&error);

  g_assert_true (pv_crs_chooser_choose_custom (chooser,
                                               "+proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 "
                                               "+x_0=500000 +y_0=0 +ellps=WGS84 +units=m",
                                               &error));
  g_assert_no_error (error);
  g_assert_nonnull (chosen);
  g_assert_false (pv_crs_is_geographic (chosen));

  pv_gui_test_window_destroy (chooser);
}

static void
test_crs_chooser_initial (void)
{
  g_autoptr(PvCrs) crs = pv_crs_new_from_epsg (9210, NULL);
  PvCrsChooser *chooser = new_chooser (crs);

  /* The current CRS is found and selected. */
  g_assert_cmpuint (pv_crs_chooser_get_n_results (chooser), ==, 1);
  g_assert_cmpstr (pv_crs_chooser_get_result (chooser, 0)->code, ==, "9210");

  pv_gui_test_window_destroy (chooser);
}

static void
choose_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_crs_chooser_async (void)
{
  PvCrsChooser *chooser = new_chooser (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) crs = NULL;

  pv_crs_chooser_choose_async (chooser, NULL, choose_done_cb, &result);
  pv_crs_chooser_set_search_text (chooser, "4326");
  g_assert_true (pv_crs_chooser_choose_result (chooser, 0));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  crs = pv_crs_chooser_choose_finish (chooser, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pv_crs_get_epsg (crs), ==, 4326);
  /* The result holds the chooser. */
  g_clear_object (&result);
  pv_gui_test_window_destroy (chooser);

  /* Closed without a choice. */
  chooser = new_chooser (NULL);
  pv_crs_chooser_choose_async (chooser, NULL, choose_done_cb, &result);
  gtk_window_close (GTK_WINDOW (chooser));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (pv_crs_chooser_choose_finish (chooser, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);
  pv_gui_test_window_destroy (chooser);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/crs-chooser/order", test_crs_chooser_order);
  g_test_add_func ("/gui/crs-chooser/search", test_crs_chooser_search);
  g_test_add_func ("/gui/crs-chooser/provinces", test_crs_chooser_provinces);
  g_test_add_func ("/gui/crs-chooser/choose", test_crs_chooser_choose);
  g_test_add_func ("/gui/crs-chooser/custom", test_crs_chooser_custom);
  g_test_add_func ("/gui/crs-chooser/initial", test_crs_chooser_initial);
  g_test_add_func ("/gui/crs-chooser/async", test_crs_chooser_async);

  return g_test_run ();
}
