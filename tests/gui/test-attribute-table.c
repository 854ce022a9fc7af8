/* test-attribute-table.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pv-attribute-table.h"
#include "pv-gui-test-util.h"
#include "pv-test-util.h"
#include "pv-window.h"

#define N_FEATURES 500

/* A grid of small squares in Bình Dương's VN-2000 TM-3 grid: feature i has the
 * name ten (three Vietnamese places in turn), the area dien_tich (all
 * different, so "10.5" < "9.5" as text but not as numbers) and so = i. */
static double
feature_area (guint i)
{
  return (i * 7919) % 1000 + 0.5;
}

static const char *
feature_place (guint i)
{
  static const char *places[] = { "Bình Dương", "Thủ Dầu Một", "Dĩ An" };

  return places[i % 3];
}

static char *
write_layer (const char *dir)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "thua_dat.geojson", NULL);

  g_string_append (json, "{ \"type\": \"FeatureCollection\", \"name\": \"thua_dat\",\n"
                         "  \"crs\": { \"type\": \"name\", \"properties\": { \"name\": \"urn:ogc:def:crs:EPSG::9210\" } },\n"
                         "  \"features\": [\n");
  for (guint i = 0; i < N_FEATURES; i++)
    {
      double x = 590000 + (i % 25) * 100.0, y = 1210000 + (i / 25) * 100.0;
      char area[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (area, sizeof area, feature_area (i));
      g_string_append_printf (json,
                              "    { \"type\": \"Feature\", \"properties\": { \"ten\": \"%s %u\", \"dien_tich\": %s, \"so\": %u },\n"
                              "      \"geometry\": { \"type\": \"Polygon\", \"coordinates\": [ [ [%.0f, %.0f], [%.0f, %.0f], [%.0f, %.0f], [%.0f, %.0f], [%.0f, %.0f] ] ] } }%s\n",
                              feature_place (i), i, area, i,
                              x, y, x + 80, y, x + 80, y + 80, x, y + 80, x, y,
                              i + 1 < N_FEATURES ? "," : "");
    }
  g_string_append (json, "  ] }\n");
  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
table_is_idle (gpointer table)
{
  return !pv_attribute_table_get_busy (table);
}

static void
wait_idle (PvAttributeTable *table)
{
  /* Sorting starts when the sort model first compares: iterate once first. */
  pv_gui_test_iterate ();
  pv_gui_test_wait_until (table_is_idle, table, "the attribute table");
  pv_gui_test_iterate ();
}

static guint
n_rows (PvAttributeTable *table)
{
  return g_list_model_get_n_items (G_LIST_MODEL (pv_attribute_table_get_rows (table)));
}

static gboolean
tree_has_inscription (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (tree_has_inscription (child, text))
      return TRUE;
  return FALSE;
}

typedef struct
{
  PvAttributeTable *table;
  const char       *text;
} Cell;

static gboolean
cell_is_shown (gpointer data)
{
  Cell *cell = data;

  return tree_has_inscription (GTK_WIDGET (cell->table), cell->text);
}

static void
wait_for_cell (PvAttributeTable *table,
               const char       *text)
{
  Cell cell = { table, text };
  g_autofree char *what = g_strdup_printf ("a cell “%s”", text);

  pv_gui_test_wait_until (cell_is_shown, &cell, what);
}

static void
test_attribute_table (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-table-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GArray) indices = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  PvAttributeTable *table;
  PvVectorLayer *layer;
  PvWindow *window;
  PvViewport *viewport;
  GtkSelectionModel *rows;
  guint n, k;
  double fx0, fy0, fx1, fy1, vx0, vy0, vx1, vy1;

  g_assert_no_error (error);
  path = write_layer (dir);

  window = pv_gui_test_window_new (900, 700);
  pv_gui_test_window_open_path (window, path);
  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, window, "the layer");
  g_assert_cmpuint (pv_map_get_n_layers (pv_window_get_map (window)), ==, 1);
  layer = PV_VECTOR_LAYER (pv_map_get_layer (pv_window_get_map (window), 0));
  g_assert_cmpuint (pv_vector_layer_get_n_features (layer), ==, N_FEATURES);

  /* Through the window's action, as the layer panel and the identify
   * popover open it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-attribute-table", "u", 0);
  table = g_object_get_data (G_OBJECT (layer), "pv-attribute-table");
  g_assert_true (PV_IS_ATTRIBUTE_TABLE (table));
  g_object_ref (table);
  g_assert_true (pv_attribute_table_get_layer (table) == layer);
  rows = pv_attribute_table_get_rows (table);
  wait_idle (table);

  /* Every feature, a column per field. */
  g_assert_cmpuint (n_rows (table), ==, N_FEATURES);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (pv_attribute_table_get_column_view (table))),
                    ==, pv_vector_layer_get_n_fields (layer));
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (table), "500 of 500 features"));
  /* The rows on screen are read (on a worker) and shown, Vietnamese intact. */
  wait_for_cell (table, "Bình Dương 0");
  wait_for_cell (table, "Thủ Dầu Một 1");

  /* Sorted by the numeric area: numerically, both ways. */
  g_assert_cmpstr (pv_vector_layer_get_field_name (layer, 1), ==, "dien_tich");
  pv_attribute_table_sort_by_field (table, 1, GTK_SORT_ASCENDING);
  wait_idle (table);
  g_assert_cmpuint (n_rows (table), ==, N_FEATURES);
  for (guint pos = 1; pos < N_FEATURES; pos++)
    g_assert_cmpfloat (feature_area (pv_attribute_table_get_feature_at (table, pos - 1)), <,
                       feature_area (pv_attribute_table_get_feature_at (table, pos)));
  pv_attribute_table_sort_by_field (table, 1, GTK_SORT_DESCENDING);
  wait_idle (table);
  for (guint pos = 1; pos < N_FEATURES; pos++)
    g_assert_cmpfloat (feature_area (pv_attribute_table_get_feature_at (table, pos - 1)), >,
                       feature_area (pv_attribute_table_get_feature_at (table, pos)));

  /* Text search over all fields, ignoring case and diacritics. */
  pv_attribute_table_set_search_text (table, "binh duong");
  wait_idle (table);
  n = n_rows (table);
  g_assert_cmpuint (n, ==, (N_FEATURES + 2) / 3);
  /* Still sorted by area, descending: the largest Bình Dương parcel first. */
  for (guint pos = 1; pos < n; pos++)
    g_assert_cmpfloat (feature_area (pv_attribute_table_get_feature_at (table, pos - 1)), >,
                       feature_area (pv_attribute_table_get_feature_at (table, pos)));
  for (guint pos = 0; pos < n; pos++)
    g_assert_cmpuint (pv_attribute_table_get_feature_at (table, pos) % 3, ==, 0);
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (table), "167 of 500 features"));
  pv_attribute_table_set_search_text (table, "Một 12");
  wait_idle (table);
  /* "Thủ Dầu Một 12", "… 121", "… 124", "… 127": i % 3 == 1. */
  n = n_rows (table);
  g_assert_cmpuint (n, >, 0);
  for (guint pos = 0; pos < n; pos++)
    {
      guint f = pv_attribute_table_get_feature_at (table, pos);
      g_autofree char *name = g_strdup_printf ("%u", f);

      g_assert_cmpuint (f % 3, ==, 1);
      g_assert_true (g_str_has_prefix (name, "12"));
    }
  pv_attribute_table_set_search_text (table, "");
  wait_idle (table);
  g_assert_cmpuint (n_rows (table), ==, N_FEATURES);

  /* An OGR SQL WHERE filter. */
  pv_attribute_table_set_where (table, "dien_tich > 900");
  wait_idle (table);
  g_assert_null (pv_attribute_table_get_where_error (table));
  n = n_rows (table);
  k = 0;
  for (guint i = 0; i < N_FEATURES; i++)
    k += feature_area (i) > 900;
  g_assert_cmpuint (n, ==, k);
  for (guint pos = 0; pos < n; pos++)
    g_assert_cmpfloat (feature_area (pv_attribute_table_get_feature_at (table, pos)), >, 900);
  /* An invalid one says why, and leaves the rows as they were. */
  pv_attribute_table_set_where (table, "dien_tich >>> 'x");
  wait_idle (table);
  g_assert_nonnull (pv_attribute_table_get_where_error (table));
  g_assert_nonnull (strstr (pv_attribute_table_get_where_error (table), "thua_dat.geojson"));
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (table), pv_attribute_table_get_where_error (table)));
  g_assert_cmpuint (n_rows (table), ==, n);
  pv_attribute_table_set_where (table, "");
  wait_idle (table);
  g_assert_null (pv_attribute_table_get_where_error (table));
  g_assert_cmpuint (n_rows (table), ==, N_FEATURES);

  /* Selecting rows selects the features on the map… */
  gtk_selection_model_select_range (rows, 0, 3, TRUE);
  indices = pv_vector_layer_dup_selection (layer);
  g_assert_cmpuint (indices->len, ==, 3);
  for (guint pos = 0; pos < 3; pos++)
    g_assert_true (pv_vector_layer_is_selected (layer, pv_attribute_table_get_feature_at (table, pos)));
  g_clear_pointer (&indices, g_array_unref);

  /* …and selecting features on the map selects their rows. */
  indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  k = 123;
  g_array_append_val (indices, k);
  pv_vector_layer_set_selection (layer, indices);
  selected = gtk_selection_model_get_selection (rows);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_cmpuint (pv_attribute_table_get_feature_at (table, gtk_bitset_get_nth (selected, 0)), ==, k);
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (table), "1 selected"));

  /* A selected feature hidden by a filter stays selected. */
  pv_attribute_table_set_where (table, "so < 10");
  wait_idle (table);
  g_assert_cmpuint (n_rows (table), ==, 10);
  gtk_selection_model_select_item (rows, 0, FALSE);
  g_assert_cmpuint (pv_vector_layer_get_n_selected (layer), ==, 2);
  g_assert_true (pv_vector_layer_is_selected (layer, k));
  pv_attribute_table_set_where (table, "");
  wait_idle (table);
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (rows);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 2);

  /* Zoom to selection: the view then shows the feature, closely. */
  pv_vector_layer_set_selection (layer, indices);
  viewport = pv_map_view_get_viewport (pv_window_get_map_view (window));
  pv_viewport_get_extent (viewport, &vx0, &vy0, &vx1, &vy1);
  g_assert_true (pv_vector_layer_get_feature_extent (layer, k, &fx0, &fy0, &fx1, &fy1));
  gtk_widget_activate_action (GTK_WIDGET (table), "table.zoom-to-selection", NULL);
  {
    double wx0, wy0, wx1, wy1;

    pv_viewport_get_extent (viewport, &wx0, &wy0, &wx1, &wy1);
    g_assert_cmpfloat (wx0, <=, fx0);
    g_assert_cmpfloat (wy0, <=, fy0);
    g_assert_cmpfloat (wx1, >=, fx1);
    g_assert_cmpfloat (wy1, >=, fy1);
    /* Zoomed in: the whole layer (2.5 × 2 km) no longer fits. */
    g_assert_cmpfloat (wx1 - wx0, <, (vx1 - vx0) / 2);
  }

  /* Clear selection. */
  gtk_widget_activate_action (GTK_WIDGET (table), "table.clear-selection", NULL);
  g_assert_cmpuint (pv_vector_layer_get_n_selected (layer), ==, 0);
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (rows);
  g_assert_true (gtk_bitset_is_empty (selected));

  /* Opening it again shows the same window. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-attribute-table", "u", 0);
  g_assert_true (g_object_get_data (G_OBJECT (layer), "pv-attribute-table") == table);

  pv_gui_test_window_destroy (table);
  pv_gui_test_window_destroy (window);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/attribute-table/filter-sort-select", test_attribute_table);

  return g_test_run ();
}
