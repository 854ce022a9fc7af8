/* test-attribute-table.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pv-attribute-table.h"
#include "pv-feature-model.h"
#include "pv-gui-test-util.h"
#include "pv-identify-popover.h"
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

/* Another encoding: the table reads everything again */

/* What a name written in one encoding reads as in another. */
static char *
misread (const char *utf8,
         PvEncoding  written,
         PvEncoding  read)
{
  g_autofree char *bytes = pv_test_encode_legacy (written, utf8);

  return pv_encoding_decode (read, bytes, -1);
}

/* The place name of feature i as the layer decodes it now. */
static char *
place_as (guint      i,
          PvEncoding read)
{
  return misread (pv_test_place_names[i], PV_ENCODING_TCVN3, read);
}

static const char *
column_title (PvAttributeTable *table,
              guint             position)
{
  g_autoptr(GtkColumnViewColumn) column =
    g_list_model_get_item (gtk_column_view_get_columns (pv_attribute_table_get_column_view (table)), position);

  return gtk_column_view_column_get_title (column);
}

typedef struct
{
  PvAttributeTable *table;
  char             *title;
} Title;

static gboolean
first_title_is (gpointer data)
{
  Title *title = data;

  return g_strcmp0 (column_title (title->table, 0), title->title) == 0;
}

/* The rows shown are the features with ma < limit whose name (as decoded
 * with read) has search in it, sorted by that name, ties by feature index. */
static void
assert_rows (PvAttributeTable *table,
             const char       *search,
             guint             limit,
             PvEncoding        read)
{
  g_autofree char *needle = pv_feature_model_fold_text (search);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  guint expected = 0, n = n_rows (table);

  for (guint i = 0; i < pv_test_n_place_names; i++)
    {
      g_autofree char *name = place_as (i, read);
      g_autofree char *folded = pv_feature_model_fold_text (name);

      expected += i < limit && strstr (folded, needle) != NULL;
      g_ptr_array_add (keys, g_utf8_collate_key (name, -1));
    }
  g_assert_cmpuint (n, ==, expected);
  for (guint pos = 0; pos < n; pos++)
    {
      guint f = pv_attribute_table_get_feature_at (table, pos);
      g_autofree char *name = place_as (f, read);
      g_autofree char *folded = pv_feature_model_fold_text (name);

      g_assert_cmpuint (f, <, limit);
      g_assert_nonnull (strstr (folded, needle));
      if (pos > 0)
        {
          guint e = pv_attribute_table_get_feature_at (table, pos - 1);
          int cmp = strcmp (g_ptr_array_index (keys, e), g_ptr_array_index (keys, f));

          g_assert_true (cmp < 0 || (cmp == 0 && e < f));
        }
    }
}

/* The loaded rows shown hold the names decoded with read, and only they. */
static void
assert_values (PvAttributeTable *table,
               PvEncoding        read)
{
  GListModel *rows = G_LIST_MODEL (pv_attribute_table_get_rows (table));

  for (guint pos = 0; pos < g_list_model_get_n_items (rows); pos++)
    {
      g_autoptr(PvFeatureRow) row = g_list_model_get_item (rows, pos);
      guint f = pv_feature_row_get_index (row);
      g_autofree char *name = place_as (f, read);

      if (pv_feature_row_get_loaded (row))
        g_assert_cmpstr (pv_feature_row_get_value (row, 0), ==, name);
    }
}

typedef struct
{
  PvVectorLayer *layer;
  PvEncoding     encoding;
  gboolean       automatic;
  gboolean       done;
} Recode;

static void
recode_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Recode *recode = task_data;
  GError *error = NULL;

  if (!pv_vector_layer_set_encoding (recode->layer, recode->encoding, recode->automatic, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
recode_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Recode *recode = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_task_propagate_boolean (G_TASK (result), &error));
  g_assert_no_error (error);
  recode->done = TRUE;
}

static gboolean
recode_done (gpointer data)
{
  return ((Recode *) data)->done;
}

/* Decodes the layer anew on a worker, as layer properties do. */
static void
recode_on_worker (PvVectorLayer *layer,
                  PvEncoding     encoding,
                  gboolean       automatic)
{
  Recode recode = { layer, encoding, automatic, FALSE };
  g_autoptr(GTask) task = g_task_new (NULL, NULL, recode_done_cb, &recode);

  g_task_set_task_data (task, &recode, NULL);
  g_task_run_in_thread (task, recode_worker);
  g_clear_object (&task);
  pv_gui_test_wait_until (recode_done, &recode, "the layer decoded anew");
}

static gboolean
popover_shows (PvIdentifyPopover *popover,
               const char        *text)
{
  return pv_gui_test_tree_has_label_containing (GTK_WIDGET (popover), text);
}

typedef struct
{
  PvIdentifyPopover *popover;
  const char        *text;
} Shown;

static gboolean
popover_shows_cb (gpointer data)
{
  Shown *shown = data;

  return popover_shows (shown->popover, shown->text);
}

static gboolean
scrolls (gpointer adjustment)
{
  return gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment);
}

static gboolean
is_at_top (gpointer adjustment)
{
  return gtk_adjustment_get_value (adjustment) == 0;
}

typedef struct
{
  GtkAdjustment *adjustment;
  double         value;
  gulong         id;
} Scroll;

static void
scroll_after_layout_cb (GdkFrameClock *clock,
                        Scroll        *scroll)
{
  g_clear_signal_handler (&scroll->id, clock);
  gtk_adjustment_set_value (scroll->adjustment, scroll->value);
}

static gboolean
scrolled (gpointer data)
{
  return ((Scroll *) data)->id == 0;
}

/* As a user scrolls: when the rows are laid out (setting the adjustment
 * warns while new rows are not). */
static void
scroll_table (PvAttributeTable *table,
              double            value)
{
  GtkWidget *column_view = GTK_WIDGET (pv_attribute_table_get_column_view (table));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (column_view);
  Scroll scroll = { gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view)), value, 0 };

  scroll.id = g_signal_connect_after (clock, "layout", G_CALLBACK (scroll_after_layout_cb), &scroll);
  gtk_widget_queue_allocate (column_view);
  pv_gui_test_wait_until (scrolled, &scroll, "the table scrolled");
}

/* Scrolled to the end (the last row in view). */
static gboolean
is_scrolled (gpointer adjustment)
{
  return gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
         >= gtk_adjustment_get_upper (adjustment) - 1;
}

/* Scrolls the table to its end, and says whether the end is in view. */
static gboolean
scrolled_to_end (gpointer data)
{
  PvAttributeTable *table = data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (pv_attribute_table_get_column_view (table)));

  scroll_table (table, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  return is_scrolled (adjustment);
}

static PvIdentifyPopover *
find_popover (PvMapView *view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (PV_IS_IDENTIFY_POPOVER (child))
      return PV_IDENTIFY_POPOVER (child);
  return NULL;
}

/* A TCVN3 shapefile read as VNI and back: column titles, cells, sorting,
 * search and filter follow the text, selection and scrolling stay. */
static void
test_text_changed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-table-text-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *vni_title = misread ("Tên", PV_ENCODING_TCVN3, PV_ENCODING_VNI);
  g_autofree char *vni_capital = place_as (0, PV_ENCODING_VNI);
  g_autoptr(GArray) indices = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  PvIdentifyPopover *popover;
  PvAttributeTable *table;
  PvVectorLayer *layer;
  PvMapView *map_view;
  PvWindow *window;
  GtkAdjustment *adjustment;
  Title title;
  Shown shown;
  guint k;
  double x0, y0, x1, y1, scroll;

  g_assert_no_error (error);
  path = pv_test_write_place_names (dir, "x.shp", "ESRI Shapefile", PV_ENCODING_TCVN3);
  /* The misreading differs from the text, or the test tells nothing. */
  g_assert_cmpstr (vni_title, !=, "Tên");
  g_assert_cmpstr (vni_capital, !=, "Thủ Dầu Một");

  window = pv_gui_test_window_new (900, 700);
  pv_gui_test_window_open_path (window, path);
  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, window, "the layer");
  g_assert_cmpuint (pv_map_get_n_layers (pv_window_get_map (window)), ==, 1);
  layer = PV_VECTOR_LAYER (pv_map_get_layer (pv_window_get_map (window), 0));
  g_assert_cmpint (pv_vector_layer_get_encoding (layer), ==, PV_ENCODING_TCVN3);
  g_assert_cmpuint (pv_vector_layer_get_n_features (layer), ==, pv_test_n_place_names);
  g_assert_cmpstr (pv_vector_layer_get_field_name (layer, 0), ==, "Tên");

  /* The identify popover open on Thủ Dầu Một follows the text too. */
  map_view = pv_window_get_map_view (window);
  popover = find_popover (map_view);
  g_assert_nonnull (popover);
  g_assert_true (pv_vector_layer_get_feature_extent (layer, 0, &x0, &y0, &x1, &y1));
  pv_viewport_set_center (pv_map_view_get_viewport (map_view), (x0 + x1) / 2, (y0 + y1) / 2);
  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, window, "the map centred on Thủ Dầu Một");
  g_assert_cmpuint (pv_identify_popover_identify_at (popover, gtk_widget_get_width (GTK_WIDGET (map_view)) / 2.0,
                                                     gtk_widget_get_height (GTK_WIDGET (map_view)) / 2.0), ==, 1);
  g_assert_cmpuint (pv_identify_popover_get_feature (popover, 0), ==, 0);
  g_assert_true (popover_shows (popover, "Thủ Dầu Một"));
  g_assert_true (popover_shows (popover, "Tên"));
  recode_on_worker (layer, PV_ENCODING_VNI, FALSE);
  shown = (Shown) { popover, vni_capital };
  pv_gui_test_wait_until (popover_shows_cb, &shown, "the popover read anew");
  g_assert_true (popover_shows (popover, vni_title));
  g_assert_false (popover_shows (popover, "Thủ Dầu Một"));
  g_assert_false (popover_shows (popover, "Tên"));
  /* Back as detected, from this thread. */
  g_assert_true (pv_vector_layer_set_encoding (layer, PV_ENCODING_VNI, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pv_vector_layer_get_encoding (layer), ==, PV_ENCODING_TCVN3);
  shown.text = "Thủ Dầu Một";
  pv_gui_test_wait_until (popover_shows_cb, &shown, "the popover read again");
  g_assert_true (popover_shows (popover, "Tên"));
  g_assert_false (popover_shows (popover, vni_capital));
  gtk_popover_popdown (GTK_POPOVER (popover));
  pv_gui_test_drain ();

  /* The table: titles and cells as decoded. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-attribute-table", "u", 0);
  table = g_object_get_data (G_OBJECT (layer), "pv-attribute-table");
  g_assert_true (PV_IS_ATTRIBUTE_TABLE (table));
  g_object_ref (table);
  /* Fewer rows than the names fit: it scrolls. */
  gtk_window_set_default_size (GTK_WINDOW (table), 700, 300);
  wait_idle (table);
  g_assert_cmpstr (column_title (table, 0), ==, "Tên");
  wait_for_cell (table, "Thủ Dầu Một");
  assert_values (table, PV_ENCODING_TCVN3);

  /* Sorted by name, searched, filtered, one feature selected. */
  pv_attribute_table_sort_by_field (table, 0, GTK_SORT_ASCENDING);
  pv_attribute_table_set_search_text (table, "an");
  pv_attribute_table_set_where (table, "ma < 20");
  wait_idle (table);
  g_assert_null (pv_attribute_table_get_where_error (table));
  assert_rows (table, "an", 20, PV_ENCODING_TCVN3);
  k = 4;  /* Thuận An: "an" read either way */
  indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (indices, k);
  pv_vector_layer_set_selection (layer, indices);
  wait_for_cell (table, "Tân Uyên");
  assert_values (table, PV_ENCODING_TCVN3);

  /* Read as VNI (on a worker, as layer properties do). */
  recode_on_worker (layer, PV_ENCODING_VNI, FALSE);
  title = (Title) { table, vni_title };
  pv_gui_test_wait_until (first_title_is, &title, "the column titled anew");
  wait_idle (table);
  g_assert_null (pv_attribute_table_get_where_error (table));
  /* The search and filter redone, and the sort, on the new values: fewer
   * names have "an" now ("Tân" reads "T©n"). */
  assert_rows (table, "an", 20, PV_ENCODING_VNI);
  g_assert_cmpuint (n_rows (table), <, 7);
  g_assert_cmpuint (n_rows (table), >, 0);
  {
    g_autofree char *thuan = place_as (4, PV_ENCODING_VNI);

    wait_for_cell (table, thuan);
  }
  assert_values (table, PV_ENCODING_VNI);
  g_assert_false (tree_has_inscription (GTK_WIDGET (table), "Thủ Dầu Một"));
  g_assert_false (tree_has_inscription (GTK_WIDGET (table), "Thuận An"));
  g_assert_false (tree_has_inscription (GTK_WIDGET (table), "Tân Uyên"));
  /* The selection stays. */
  g_assert_true (pv_vector_layer_is_selected (layer, k));
  selected = gtk_selection_model_get_selection (pv_attribute_table_get_rows (table));
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_cmpuint (pv_attribute_table_get_feature_at (table, gtk_bitset_get_nth (selected, 0)), ==, k);
  g_clear_pointer (&selected, gtk_bitset_unref);

  /* Every row, scrolled to the end; then back as detected, from this
   * thread: the rows, the selection and the scrolling stay. */
  pv_attribute_table_set_search_text (table, "");
  pv_attribute_table_set_where (table, "");
  wait_idle (table);
  g_assert_cmpuint (n_rows (table), ==, pv_test_n_place_names);
  assert_values (table, PV_ENCODING_VNI);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (pv_attribute_table_get_column_view (table)));
  pv_gui_test_wait_until (scrolls, adjustment, "the rows laid out");
  /* Rows still loading may grow the list after a scroll: until the end is
   * in view. */
  pv_gui_test_wait_until (scrolled_to_end, table, "the table scrolled to its end");
  scroll = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (scroll, >, 0);

  g_assert_true (pv_vector_layer_set_encoding (layer, PV_ENCODING_VNI, TRUE, NULL, &error));
  g_assert_no_error (error);
  title.title = (char *) "Tên";
  pv_gui_test_wait_until (first_title_is, &title, "the column titled as detected");
  wait_idle (table);
  pv_gui_test_drain ();
  g_assert_cmpuint (n_rows (table), ==, pv_test_n_place_names);
  assert_rows (table, "", pv_test_n_place_names, PV_ENCODING_TCVN3);
  wait_for_cell (table, "Thủ Dầu Một");
  assert_values (table, PV_ENCODING_TCVN3);
  g_assert_false (tree_has_inscription (GTK_WIDGET (table), vni_capital));
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adjustment) - scroll), <, 1);
  selected = gtk_selection_model_get_selection (pv_attribute_table_get_rows (table));
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_cmpuint (pv_attribute_table_get_feature_at (table, gtk_bitset_get_nth (selected, 0)), ==, k);

  /* Opening the table again brings the selected row into view. */
  scroll_table (table, 0);
  g_assert_true (is_at_top (adjustment));
  k = pv_attribute_table_get_feature_at (table, pv_test_n_place_names - 1);
  g_array_index (indices, guint32, 0) = k;
  pv_vector_layer_set_selection (layer, indices);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-attribute-table", "u", 0);
  g_assert_true (g_object_get_data (G_OBJECT (layer), "pv-attribute-table") == table);
  pv_gui_test_wait_until (is_scrolled, adjustment, "the selected row scrolled to");

  pv_gui_test_window_destroy_drained (table);
  pv_gui_test_window_destroy (window);
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_remove (file);
    }
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
  g_test_add_func ("/gui/attribute-table/text-changed", test_text_changed);

  return g_test_run ();
}
