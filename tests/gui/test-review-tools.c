/* test-review-tools.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window's review tools, as a planner uses them: measure an area, keep
 * it as an annotation, undo and redo it, ask for the land-use table of the
 * measured area, annotate, bookmark the view. */

#include "config.h"

#include <adwaita.h>

#include "pv-annotation-tool.h"
#include "pv-bookmarks-panel.h"
#include "pv-gui-test-util.h"
#include "pv-measure-tool.h"
#include "pv-stats-panel.h"
#include "pv-test-util.h"
#include "pv-window.h"

static PvWindow *
open_sample (void)
{
  PvWindow *window = pv_gui_test_open_sample_project (1200, 800);

  if (window != NULL)
    pv_gui_test_wait_until (pv_gui_test_frame_is_ready, window, "the sample project");
  return window;
}

static gboolean
stats_done (gpointer data)
{
  GtkWindow *toplevel = pv_gui_test_find_toplevel (GTK_TYPE_WINDOW);
  PvStatsPanel *panel = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL && panel == NULL; l = g_list_delete_link (l, l))
    {
      GtkWidget *found = pv_gui_test_find_widget_of_type (l->data, PV_TYPE_STATS_PANEL);

      if (found != NULL)
        panel = PV_STATS_PANEL (found);
    }
  (void) toplevel;
  *(PvStatsPanel **) data = panel;
  return panel != NULL && !pv_stats_panel_get_busy (panel) && pv_stats_panel_get_stats (panel) != NULL;
}

static void
test_measure_keep_undo_table (void)
{
  PvWindow *window = open_sample ();
  PvMapView *view;
  PvMap *map;
  PvAnnotationSet *set;
  PvAnnotation *kept;
  PvStatsPanel *panel = NULL;
  int w, h;

  if (window == NULL)
    return;
  view = PV_MAP_VIEW (pv_gui_test_find_widget_of_type (GTK_WIDGET (window), PV_TYPE_MAP_VIEW));
  map = pv_window_get_map (window);
  w = gtk_widget_get_width (GTK_WIDGET (view));
  h = gtk_widget_get_height (GTK_WIDGET (view));

  /* Measure an area: three corners, a double click on the last. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "tools.tool", "s", "measure-area"));
  g_assert_true (PV_IS_MEASURE_TOOL (pv_map_view_get_tool (view)));
  pv_gui_test_map_click (view, 1, w * 0.40, h * 0.40);
  pv_gui_test_map_click (view, 1, w * 0.60, h * 0.40);
  pv_gui_test_map_click (view, 1, w * 0.60, h * 0.60);
  pv_gui_test_map_click (view, 2, w * 0.60, h * 0.60);
  g_test_message ("%u points, view %d×%d", pv_measure_tool_get_n_points (PV_MEASURE_TOOL (pv_map_view_get_tool (view))), w, h);
  g_assert_true (pv_measure_tool_get_finished (PV_MEASURE_TOOL (pv_map_view_get_tool (view))));

  /* The land-use table of the measured area. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "tools.landuse-table", NULL));
  pv_gui_test_wait_until (stats_done, &panel, "the land-use table of the measured area");
  g_assert_cmpint (pv_stats_panel_get_scope (panel), ==, PV_STATS_SCOPE_POLYGON);
  g_assert_cmpfloat (pv_landuse_stats_get_total_area_ha (pv_stats_panel_get_stats (panel)), >, 0);
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (panel))));
  pv_gui_test_drain ();

  /* Kept as an annotation with its result; undo and redo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "tools.keep-measurement", NULL));
  set = pv_map_get_annotations (map);
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (set), ==, 1);
  kept = pv_annotation_set_get_annotation (set, 0);
  g_assert_cmpint (pv_annotation_get_kind (kept), ==, PV_ANNOTATION_MEASUREMENT);
  g_assert_true (pv_annotation_get_closed (kept));
  g_assert_cmpuint (pv_annotation_get_n_points (kept), ==, 3);
  g_assert_true (g_str_has_suffix (pv_annotation_get_text (kept), ")"));  /* "… ha (planar … ha)" */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "tools.undo", NULL));
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (set), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "tools.redo", NULL));
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (set), ==, 1);

  /* Annotating shows its toolbar and takes the map; the same action again
   * puts it away, and the view pans and identifies again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "tools.tool", "s", "annotate"));
  g_assert_true (PV_IS_ANNOTATION_TOOL (pv_map_view_get_tool (view)));
  g_assert_true (pv_annotation_tool_get_annotations (PV_ANNOTATION_TOOL (pv_map_view_get_tool (view))) == set);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "tools.tool", "s", "annotate"));
  g_assert_null (pv_map_view_get_tool (view));

  /* Ctrl+D bookmarks the view, after the sample's own bookmarks. */
  {
    guint before = g_list_model_get_n_items (G_LIST_MODEL (pv_map_get_bookmarks (map)));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-bookmark", NULL));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pv_map_get_bookmarks (map))), ==, before + 1);
  }

  pv_gui_test_window_destroy_drained (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/review-tools/measure-keep-undo-table", test_measure_keep_undo_table);

  return g_test_run ();
}
