/* test-legend-panel.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pv-gui-test-util.h"
#include "pv-legend.h"
#include "pv-legend-panel.h"
#include "pv-style.h"
#include "pv-test-util.h"
#include "pv-window.h"

#define PLANNED "Quy hoạch sử dụng đất 2021–2030"
#define CURRENT "Hiện trạng sử dụng đất 2024"

/* A label under widget whose text starts with prefix (or equals it). */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *prefix,
            gboolean    exact)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (exact ? g_strcmp0 (text, prefix) == 0 : g_str_has_prefix (text, prefix))
        return GTK_LABEL (widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, prefix, exact);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_labels (GtkWidget  *widget,
              const char *text)
{
  guint n = GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);
  return n;
}

typedef struct
{
  GtkWidget  *panel;
  const char *text;
  gboolean    exact;
  gboolean    present;
} LabelQuery;

static gboolean
label_is_as_wanted (gpointer data)
{
  LabelQuery *q = data;

  return (find_label (q->panel, q->text, q->exact) != NULL) == q->present;
}

static PvLayer *
layer_named (PvMap      *map,
             const char *name)
{
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    if (g_strcmp0 (pv_layer_get_name (pv_map_get_layer (map, i)), name) == 0)
      return pv_map_get_layer (map, i);
  g_error ("no layer named %s", name);
  return NULL;
}

static void
test_legend_panel_sample (void)
{
  g_autoptr(GPtrArray) legend = NULL;
  PvWindow *window;
  GtkWidget *panel;
  PvMap *map;
  LabelQuery q;
  gboolean unconfirmed = FALSE;
  guint n_planned_items = 0;

  window = pv_gui_test_open_sample_project (1000, 800);
  if (window == NULL)
    return;
  map = pv_map_view_get_map (pv_window_get_map_view (window));
  panel = pv_gui_test_find_widget_of_type (GTK_WIDGET (window), PV_TYPE_LEGEND_PANEL);
  g_assert_nonnull (panel);
  g_assert_true (pv_legend_panel_get_map_view (PV_LEGEND_PANEL (panel)) == pv_window_get_map_view (window));

  /* The planned zoning is drawn with the land-use palette: its codes are
   * listed under its heading; the hidden current use is not. */
  q = (LabelQuery) { panel, PLANNED, TRUE, TRUE };
  pv_gui_test_wait_until (label_is_as_wanted, &q, "the planned zoning's heading in the legend");
  q = (LabelQuery) { panel, "ODT", FALSE, TRUE };
  pv_gui_test_wait_until (label_is_as_wanted, &q, "an ODT row in the legend");
  g_assert_true (gtk_widget_get_visible (panel));
  g_assert_null (find_label (panel, CURRENT, TRUE));
  g_assert_false (pv_layer_get_visible (layer_named (map, CURRENT)));

  /* Rows match the shared model: every category present, the note when an
   * unconfirmed palette colour is shown. */
  legend = pv_legend_build (map);
  for (guint i = 0; i < legend->len; i++)
    {
      PvLegendEntry *entry = legend->pdata[i];

      g_assert_nonnull (find_label (panel, entry->title, TRUE));
      for (guint j = 0; j < entry->items->len; j++)
        {
          PvLegendItem *item = entry->items->pdata[j];

          g_assert_nonnull (find_label (panel, item->label, TRUE));
          if (g_strcmp0 (entry->palette_id, PV_PALETTE_VN_LANDUSE) == 0 && !item->confirmed)
            unconfirmed = TRUE;
        }
      if (g_strcmp0 (entry->title, PLANNED) == 0)
        n_planned_items = entry->items->len;
    }
  g_assert_cmpuint (n_planned_items, >, 1);
  /* The roads have one symbol named after the layer: one row, not a heading
   * and a row of the same name. */
  g_assert_cmpuint (count_labels (panel, "Giao thông"), ==, 1);
  g_assert_cmpuint (count_labels (panel, PLANNED), ==, 1);
  g_assert_true ((find_label (panel, _("Colours not officially confirmed"), TRUE) != NULL) == unconfirmed);

  /* Showing the current use brings its heading; hiding the zoning drops it. */
  pv_layer_set_visible (layer_named (map, CURRENT), TRUE);
  q = (LabelQuery) { panel, CURRENT, TRUE, TRUE };
  pv_gui_test_wait_until (label_is_as_wanted, &q, "the current use's heading in the legend");
  pv_layer_set_visible (layer_named (map, PLANNED), FALSE);
  q = (LabelQuery) { panel, PLANNED, TRUE, FALSE };
  pv_gui_test_wait_until (label_is_as_wanted, &q, "the planned zoning's heading to leave the legend");

  /* Every layer hidden: the panel hides itself. */
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    pv_layer_set_visible (pv_map_get_layer (map, i), FALSE);
  pv_gui_test_drain ();
  g_assert_false (gtk_widget_get_visible (panel));

  pv_gui_test_window_destroy_drained (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/legend-panel/sample", test_legend_panel_sample);

  return g_test_run ();
}
