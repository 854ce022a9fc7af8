/* test-stats-panel.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pv-gui-test-util.h"
#include "pv-landuse-stats.h"
#include "pv-stats-panel.h"
#include "pv-test-util.h"
#include "pv-window.h"

#define PLANNED "Quy hoạch sử dụng đất 2021–2030"

static gboolean
panel_settled (gpointer data)
{
  PvStatsPanel *panel = data;

  return !pv_stats_panel_get_busy (panel) &&
         (pv_stats_panel_get_stats (panel) != NULL || pv_stats_panel_get_message (panel) != NULL);
}

static void
wait_settled (PvStatsPanel *panel,
              const char   *what)
{
  pv_gui_test_wait_until (panel_settled, panel, what);
}

/* The core's table for the same layer, field and scope, computed here. */
static char *
core_csv (PvVectorLayer  *layer,
          PvLanduseScope *scope)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvLanduseStats) stats = pv_landuse_stats_compute (layer, "ma_sdd", scope, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return pv_landuse_stats_to_csv (stats);
}

static void
assert_shows (PvStatsPanel   *panel,
              PvVectorLayer  *layer,
              PvLanduseScope *scope)
{
  g_autofree char *expected = core_csv (layer, scope);
  g_autofree char *shown = pv_landuse_stats_to_csv (pv_stats_panel_get_stats (panel));

  g_assert_cmpstr (shown, ==, expected);
}

static void
text_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

typedef struct
{
  const char *path;
  const char *expected;
} FileQuery;

static gboolean
file_has (gpointer data)
{
  FileQuery *q = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (q->path, &contents, NULL, NULL) && g_strcmp0 (contents, q->expected) == 0;
}

static void
test_stats_panel_sample (void)
{
  g_autoptr(GError) error = NULL;
  PvWindow *window;
  PvMapView *map_view;
  PvStatsPanel *panel;
  GtkWidget *panel_window;
  PvVectorLayer *layer;
  PvLanduseStats *stats;
  double whole_ha;

  window = pv_gui_test_open_sample_project (1000, 800);
  if (window == NULL)
    return;
  map_view = pv_window_get_map_view (window);

  /* It opens on the zoning drawn with the land-use palette, by its style's
   * field, for the whole layer. */
  panel = pv_stats_panel_present_window (GTK_WINDOW (window), map_view, NULL);
  panel_window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (panel)));
  wait_settled (panel, "the whole layer's table");
  layer = pv_stats_panel_get_layer (panel);
  g_assert_nonnull (layer);
  g_assert_cmpstr (pv_layer_get_name (PV_LAYER (layer)), ==, PLANNED);
  g_assert_cmpstr (pv_stats_panel_get_field (panel), ==, "ma_sdd");
  g_assert_cmpint (pv_stats_panel_get_scope (panel), ==, PV_STATS_SCOPE_LAYER);
  stats = pv_stats_panel_get_stats (panel);
  g_assert_nonnull (stats);
  assert_shows (panel, layer, NULL);
  g_assert_cmpuint (pv_landuse_stats_get_total_count (stats), ==, pv_vector_layer_get_n_features (layer));
  whole_ha = pv_landuse_stats_get_total_area_ha (stats);
  /* The rows, the total and the note are on screen. */
  g_assert_true (pv_gui_test_tree_has_label_containing (panel_window, "Đất ở tại đô thị"));
  g_assert_true (pv_gui_test_tree_has_label_containing (panel_window, pv_landuse_stats_get_total_label ()));
  g_assert_true (pv_gui_test_tree_has_label_containing (panel_window, "Areas are geodesic, on the WGS 84 ellipsoid"));

  /* Copy: tab-separated, for a spreadsheet. */
  {
    g_autofree char *copied = NULL;
    g_autofree char *tsv = pv_landuse_stats_to_tsv (stats);
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (panel));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "stats.copy", NULL));
    gdk_clipboard_read_text_async (clipboard, NULL, text_read_cb, &copied);
    pv_gui_test_wait_until (is_set, &copied, "the clipboard's text");
    g_assert_cmpstr (copied, ==, tsv);
  }

  /* Export: the CSV, byte for byte. */
  {
    g_autofree char *dir = g_dir_make_tmp ("pv-stats-panel-XXXXXX", &error);
    g_autofree char *csv_path = g_build_filename (dir, "cơ cấu.csv", NULL);
    g_autofree char *csv = pv_landuse_stats_to_csv (stats);
    g_autoptr(GFile) file = g_file_new_for_path (csv_path);
    FileQuery q = { csv_path, csv };

    g_assert_no_error (error);
    pv_stats_panel_export (panel, file);
    pv_gui_test_wait_until (file_has, &q, "the exported CSV");
    g_remove (csv_path);
    g_rmdir (dir);
  }

  /* The current view: 6 km × 6 km over Thủ Dầu Một. */
  {
    g_autoptr(PvLanduseScope) scope = NULL;
    PvViewport *viewport = pv_map_view_get_viewport (map_view);
    int w = pv_viewport_get_width (viewport), h = pv_viewport_get_height (viewport);
    double xy[8];

    pv_viewport_fit_extent (viewport, 598000, 1212000, 604000, 1218000);
    pv_stats_panel_set_scope (panel, PV_STATS_SCOPE_VIEW);
    g_assert_true (pv_stats_panel_get_busy (panel));
    wait_settled (panel, "the current view's table");
    pv_viewport_screen_to_map (viewport, 0, 0, &xy[0], &xy[1]);
    pv_viewport_screen_to_map (viewport, w, 0, &xy[2], &xy[3]);
    pv_viewport_screen_to_map (viewport, w, h, &xy[4], &xy[5]);
    pv_viewport_screen_to_map (viewport, 0, h, &xy[6], &xy[7]);
    scope = pv_landuse_scope_new_polygon (xy, 4, &error);
    g_assert_no_error (error);
    assert_shows (panel, layer, scope);
    stats = pv_stats_panel_get_stats (panel);
    g_assert_cmpfloat (pv_landuse_stats_get_total_area_ha (stats), >, 3000);
    g_assert_cmpfloat (pv_landuse_stats_get_total_area_ha (stats), <, whole_ha);
    g_assert_true (pv_gui_test_tree_has_label_containing (panel_window, "inside a polygon"));
  }

  /* The selection: nothing selected says so; three features count three. */
  {
    g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
    g_autoptr(PvLanduseScope) scope = NULL;
    const guint some[] = { 5, 17, 40 };

    pv_vector_layer_set_selection (layer, NULL);
    pv_stats_panel_set_scope (panel, PV_STATS_SCOPE_SELECTION);
    wait_settled (panel, "the empty selection's message");
    g_assert_null (pv_stats_panel_get_stats (panel));
    g_assert_true (pv_gui_test_tree_has_label_containing (panel_window, "No feature of this layer is selected"));

    g_array_append_vals (indices, some, G_N_ELEMENTS (some));
    pv_vector_layer_set_selection (layer, indices);
    g_assert_true (pv_stats_panel_get_busy (panel));
    wait_settled (panel, "the selection's table");
    g_assert_cmpuint (pv_landuse_stats_get_total_count (pv_stats_panel_get_stats (panel)), ==, 3);
    scope = pv_landuse_scope_new_selection (some, G_N_ELEMENTS (some));
    assert_shows (panel, layer, scope);
    pv_vector_layer_set_selection (layer, NULL);
  }

  /* A drawn polygon: a 2 km square near the centre of Thủ Dầu Một. */
  {
    const double square[] = { 600000, 1214000, 602000, 1214000, 602000, 1216000, 600000, 1216000 };
    g_autoptr(PvLanduseScope) scope = pv_landuse_scope_new_polygon (square, 4, &error);

    g_assert_no_error (error);
    pv_stats_panel_set_scope (panel, PV_STATS_SCOPE_LAYER);
    wait_settled (panel, "the whole layer's table again");
    pv_stats_panel_set_polygon (panel, square, 4);
    g_assert_cmpint (pv_stats_panel_get_scope (panel), ==, PV_STATS_SCOPE_POLYGON);
    wait_settled (panel, "the polygon's table");
    assert_shows (panel, layer, scope);
    /* Within 0.5 % of 400 ha (the square is covered by land-use polygons). */
    g_assert_cmpfloat (pv_landuse_stats_get_total_area_ha (pv_stats_panel_get_stats (panel)), >, 398);
    g_assert_cmpfloat (pv_landuse_stats_get_total_area_ha (pv_stats_panel_get_stats (panel)), <, 402);

    /* Without a polygon the panel asks for one. */
    pv_stats_panel_set_polygon (panel, NULL, 0);
    wait_settled (panel, "the message asking for a polygon");
    g_assert_null (pv_stats_panel_get_stats (panel));
    g_assert_nonnull (pv_stats_panel_get_message (panel));
  }

  /* Another field: the district names count as unknown codes. */
  pv_stats_panel_set_scope (panel, PV_STATS_SCOPE_LAYER);
  pv_stats_panel_set_field (panel, "huyen");
  wait_settled (panel, "the table by district");
  g_assert_cmpstr (pv_landuse_stats_get_field (pv_stats_panel_get_stats (panel)), ==, "huyen");
  g_assert_false (pv_landuse_stats_get_row (pv_stats_panel_get_stats (panel), 0)->known);
  g_assert_cmpfloat_with_epsilon (pv_landuse_stats_get_total_area_ha (pv_stats_panel_get_stats (panel)),
                                  whole_ha, 1e-6);

  gtk_window_destroy (GTK_WINDOW (panel_window));
  pv_gui_test_drain ();
  pv_gui_test_window_destroy_drained (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/stats-panel/sample", test_stats_panel_sample);

  return g_test_run ();
}
