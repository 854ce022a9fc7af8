/* pv-attribute-table.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pv-attribute-table.h"
#include "pv-feature-model.h"
#include "pv-feature-view.h"
#include "pv-format.h"
#include "pv-task.h"

#define TABLE_DATA_KEY "pv-attribute-table"
/* Around a zoomed-to selection: a share of its size, and at least this many
 * pixels (a point or a tiny parcel is shown with its surroundings). */
#define ZOOM_MARGIN      0.15
#define ZOOM_MIN_PIXELS  120.0

typedef struct
{
  PvAttributeTable *table;    /* not owned */
  guint             field;
} ColumnData;

/* A sorted order being computed: for which field, from which text. */
typedef struct
{
  PvAttributeTable *table;    /* owned */
  guint             field;
  guint             generation;
} OrderRequest;

/* What the layer's "text-changed" handler (run on any thread) holds. */
typedef struct
{
  GWeakRef          table;
} TextWatch;

struct _PvAttributeTable
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkSpinner         *spinner;
  GtkSearchEntry     *search_entry;
  GtkEntry           *where_entry;
  GtkLabel           *where_error;
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  GtkWidget          *table_matches_bar;
  GtkLabel           *table_matches_label;
  GtkLabel           *selected_label;

  PvVectorLayer      *layer;
  PvMapView          *map_view;       /* weak */
  PvFeatureModel     *model;
  PvFeatureView      *view;           /* the rows shown: filtered and sorted */
  GtkMultiSelection  *selection;

  GtkBitset          *text_matches;   /* NULL: no search */
  GtkBitset          *where_matches;  /* NULL: no WHERE filter */
  char               *applied_where;  /* the WHERE expression last run */
  char               *where_error_text;
  GCancellable       *text_cancellable;
  GCancellable       *where_cancellable;
  GCancellable       *sort_cancellable;
  /* A database layer: the table's features, counted by the server (-1
   * until known). */
  GCancellable       *count_cancellable;
  gint64              table_count;
  /* The WHERE filter over the whole table: its matches' box (layer CRS). */
  GCancellable       *matches_cancellable;
  char               *matches_where;   /* the filter they are of */
  double              matches_box[4];
  guint               n_busy;

  guint               n_fields;
  guint32           **orders;         /* per field: features sorted, NULL until read */
  gboolean           *order_loading;
  ColumnData         *columns;
  GtkSorter         **sorters;
  /* What the column headers ask for (found by probing their sorter). */
  int                 sort_field;     /* -1: feature order */
  gboolean            sort_descending;
  int                 probed_field;

  gboolean            syncing;
  guint               scroll_source;

  /* The layer's text was decoded anew: every order, match and row read
   * from the old text is dropped, and the generation counts up. Until the
   * new search, filter and order are known, the rows keep their places
   * (holding), showing the new values. */
  gulong              text_changed_id;
  guint               generation;
  gboolean            holding;
  /* A database layer read a new window: other features, in their order. */
  gboolean            new_features;
  double              held_scroll;
  /* Scrolling once the rows are laid out: to held_scroll, or to the
   * selection. */
  GdkFrameClock      *scroll_clock;
  gulong              scroll_id;
  gboolean            scroll_to_selection;
};

G_DEFINE_FINAL_TYPE (PvAttributeTable, pv_attribute_table, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
busy_changed (PvAttributeTable *self)
{
  gboolean busy = pv_attribute_table_get_busy (self);

  /* A query finishing after the window is gone. */
  if (self->spinner == NULL)
    return;
  if (busy == gtk_widget_get_visible (GTK_WIDGET (self->spinner)))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_busy (PvAttributeTable *self,
          gboolean          busy)
{
  if (busy)
    self->n_busy++;
  else if (self->n_busy > 0)
    self->n_busy--;
  busy_changed (self);
}

/* Counts and actions */

static void
update_counts (PvAttributeTable *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->view));
  guint total = pv_vector_layer_get_n_features (self->layer);
  guint selected = pv_vector_layer_get_n_selected (self->layer);
  g_autofree char *shown_text = pv_format_grouped (shown, 0);
  g_autofree char *total_text = pv_format_grouped (total, 0);
  g_autofree char *count = NULL;
  g_autofree char *sel = NULL;

  /* Translators: "12 of 8 671 features" in the attribute table (the numbers
   * grouped by three already). */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s feature", "%s of %s features", total),
                           shown_text, total_text);
  if (self->table_count >= 0)
    {
      /* Translators: the features of a database table, after "12 of 480
       * features" (those around the map's view) in the attribute table. */
      g_autofree char *grouped = pv_format_grouped ((double) self->table_count, 0);
      g_autofree char *in_table = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in the table",
                                                                "%s in the table",
                                                                (gulong) self->table_count),
                                                   grouped);
      g_autofree char *both = g_strdup_printf ("%s · %s", count, in_table);

      g_free (count);
      count = g_steal_pointer (&both);
    }
  gtk_label_set_label (self->count_label, count);
  if (selected > 0)
    sel = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", selected), selected);
  gtk_label_set_label (self->selected_label, sel ? sel : "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.zoom-to-selection", selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.clear-selection", selected > 0);
}

static void
count_table_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  PvVectorLayer *layer = task_data;
  GError *error = NULL;
  gint64 n_features, n_geometries;

  if (pv_vector_layer_count_source (layer, &n_features, &n_geometries, &error))
    g_task_return_int (task, (gssize) n_features);
  else
    g_task_return_error (task, error);
}

static void
count_table_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gssize count = g_task_propagate_int (G_TASK (result), &error);
  PvAttributeTable *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = PV_ATTRIBUTE_TABLE (source);
  g_clear_object (&self->count_cancellable);
  /* Not counted: the window's count stands alone. */
  if (error != NULL)
    {
      g_debug ("%s: %s", pv_layer_get_name (PV_LAYER (self->layer)), error->message);
      return;
    }
  self->table_count = count;
  update_counts (self);
}

/* Selection, both ways */

static void
sync_from_layer (PvAttributeTable *self)
{
  g_autoptr(GArray) indices = pv_vector_layer_dup_selection (self->layer);
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->view));

  if (indices->len > 0)
    {
      const guint32 *positions = pv_feature_view_get_positions (self->view);

      for (guint i = 0; i < indices->len; i++)
        {
          guint32 pos = positions[g_array_index (indices, guint32, i)];

          if (pos != G_MAXUINT32)
            gtk_bitset_add (selected, pos);
        }
    }
  mask = gtk_bitset_new_range (0, n);
  self->syncing = TRUE;
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
  self->syncing = FALSE;
  update_counts (self);
}

static void
layer_selection_changed_cb (PvAttributeTable *self,
                            PvVectorLayer    *layer)
{
  if (!self->syncing)
    sync_from_layer (self);
  else
    update_counts (self);
}

static void
rows_selection_changed_cb (PvAttributeTable  *self,
                           guint              position,
                           guint              n_items,
                           GtkSelectionModel *model)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GArray) previous = NULL;
  g_autoptr(GArray) indices = NULL;
  GtkBitsetIter iter;
  guint pos;

  if (self->syncing)
    return;

  indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  selected = gtk_selection_model_get_selection (model);
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &pos); ok;
       ok = gtk_bitset_iter_next (&iter, &pos))
    {
      guint32 index = pv_feature_view_get_index (self->view, pos);

      g_array_append_val (indices, index);
    }
  /* Selected features the filters hide stay selected. */
  previous = pv_vector_layer_dup_selection (self->layer);
  if (previous->len > 0)
    {
      const guint32 *positions = pv_feature_view_get_positions (self->view);

      for (guint i = 0; i < previous->len; i++)
        if (positions[g_array_index (previous, guint32, i)] == G_MAXUINT32)
          g_array_append_val (indices, g_array_index (previous, guint32, i));
    }

  self->syncing = TRUE;
  pv_vector_layer_set_selection (self->layer, indices);
  self->syncing = FALSE;
  update_counts (self);
}

static void
rows_changed_cb (PvAttributeTable *self,
                 guint             position,
                 guint             removed,
                 guint             added,
                 GListModel       *model)
{
  /* New rows, new positions: select the layer's selection where it now is. */
  sync_from_layer (self);
}

/* Filtering and sorting: the shown rows are composed at once from the
 * matches and the sorted order, both computed on workers. */

/* Scrolling happens after the window's layout, never before: the list
 * cannot place a scroll position among rows it has not measured yet (and
 * warns). */

static void
stop_scrolling (PvAttributeTable *self)
{
  /* A clock disposed with its window has dropped the handler already. */
  if (self->scroll_clock != NULL && g_signal_handler_is_connected (self->scroll_clock, self->scroll_id))
    g_signal_handler_disconnect (self->scroll_clock, self->scroll_id);
  self->scroll_id = 0;
  g_clear_object (&self->scroll_clock);
}

static void
scroll_after_layout_cb (GdkFrameClock    *clock,
                        PvAttributeTable *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  g_autoptr(GtkBitset) selected = NULL;
  double value = self->held_scroll;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->view));

  stop_scrolling (self);
  if (adjustment == NULL)
    return;
  if (self->scroll_to_selection)
    {
      /* The first selected row, a third down (GTK 4.8 has no scroll_to:
       * rows have one height, so the adjustment is proportional). */
      self->scroll_to_selection = FALSE;
      selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
      if (n == 0 || gtk_bitset_is_empty (selected))
        return;
      value = gtk_adjustment_get_upper (adjustment) * gtk_bitset_get_minimum (selected) / n
              - gtk_adjustment_get_page_size (adjustment) / 3;
    }
  if (gtk_adjustment_get_value (adjustment) != value)
    gtk_adjustment_set_value (adjustment, value);
}

/* To held_scroll, or to the selection, once laid out. */
static void
scroll_after_layout (PvAttributeTable *self,
                     gboolean          to_selection)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->column_view));

  stop_scrolling (self);
  self->scroll_to_selection = to_selection;
  if (clock == NULL)
    return;
  self->scroll_clock = g_object_ref (clock);
  self->scroll_id = g_signal_connect_after (clock, "layout", G_CALLBACK (scroll_after_layout_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self->column_view));
}

/* A search, filter or sort of the current text is being computed. */
static gboolean
queries_pending (PvAttributeTable *self)
{
  return self->text_cancellable != NULL || self->where_cancellable != NULL ||
         (self->sort_field >= 0 && self->order_loading[self->sort_field]);
}

static void
compose_rows (PvAttributeTable *self)
{
  guint n = pv_vector_layer_get_n_features (self->layer);
  const guint32 *sorted = NULL;
  guint32 *order;
  guint k = 0;
  gboolean released = FALSE;

  /* After the text changed, the rows change once: when every result of
   * the new text is in. */
  if (self->holding)
    {
      if (queries_pending (self))
        return;
      self->holding = FALSE;
      released = TRUE;
    }

  order = g_new (guint32, MAX (n, 1));
  if (self->sort_field >= 0)
    sorted = self->orders[self->sort_field];
  for (guint i = 0; i < n; i++)
    {
      guint32 index = sorted == NULL ? i : self->sort_descending ? sorted[n - 1 - i] : sorted[i];

      if (self->text_matches != NULL && !gtk_bitset_contains (self->text_matches, index))
        continue;
      if (self->where_matches != NULL && !gtk_bitset_contains (self->where_matches, index))
        continue;
      order[k++] = index;
    }
  pv_feature_view_set_order (self->view, order, k);
  if (released)
    scroll_after_layout (self, FALSE);
}

static void
text_matched_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PvAttributeTable) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkBitset) matches = NULL;

  matches = pv_feature_model_match_text_finish (PV_FEATURE_MODEL (source_object), result, &error);
  set_busy (self, FALSE);
  /* Cancelled: another search (or the window's end) took its place. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->text_cancellable);
  if (matches == NULL)
    g_warning ("%s", error->message);
  else
    {
      g_clear_pointer (&self->text_matches, gtk_bitset_unref);
      self->text_matches = g_steal_pointer (&matches);
    }
  compose_rows (self);
}

static void
apply_search (PvAttributeTable *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_cancellable_cancel (self->text_cancellable);
  g_clear_object (&self->text_cancellable);

  if (text == NULL || *text == '\0')
    {
      if (self->text_matches != NULL)
        {
          g_clear_pointer (&self->text_matches, gtk_bitset_unref);
          compose_rows (self);
        }
      return;
    }
  self->text_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  pv_feature_model_match_text_async (self->model, text, self->text_cancellable,
                                     text_matched_cb, g_object_ref (self));
}

static void
search_changed_cb (PvAttributeTable *self,
                   GtkSearchEntry   *entry)
{
  apply_search (self);
}

static void
show_where_error (PvAttributeTable *self,
                  const char       *message)
{
  g_free (self->where_error_text);
  self->where_error_text = g_strdup (message);
  gtk_label_set_label (self->where_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->where_error), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->where_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->where_entry), "error");
}

static void
where_filtered_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PvAttributeTable) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkBitset) matches = NULL;

  matches = pv_feature_model_filter_where_finish (PV_FEATURE_MODEL (source_object), result, &error);
  set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->where_cancellable);
  if (matches == NULL)
    {
      /* A bad expression leaves the table as it was, and says why. */
      show_where_error (self, error->message);
      if (self->holding)
        compose_rows (self);
      return;
    }
  show_where_error (self, NULL);
  g_clear_pointer (&self->where_matches, gtk_bitset_unref);
  self->where_matches = g_steal_pointer (&matches);
  compose_rows (self);
}

static void zoom_to_box (PvAttributeTable *self,
                         const double     *box);

typedef struct
{
  PvVectorLayer *layer;
  char          *where;
  gint64         n_matches;
  double         box[4];
} TableMatches;

static void
table_matches_free (TableMatches *matches)
{
  g_clear_object (&matches->layer);
  g_free (matches->where);
  g_free (matches);
}

static void
find_in_table_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  TableMatches *matches = task_data;
  GError *error = NULL;

  if (pv_vector_layer_find_in_source (matches->layer, matches->where, &matches->n_matches, matches->box,
                                      cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
find_in_table_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  PvAttributeTable *self;
  TableMatches *matches;
  g_autofree char *grouped = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = PV_ATTRIBUTE_TABLE (source);
  g_clear_object (&self->matches_cancellable);
  if (error != NULL)
    {
      show_where_error (self, error->message);
      return;
    }
  matches = g_task_get_task_data (G_TASK (result));
  memcpy (self->matches_box, matches->box, sizeof self->matches_box);
  grouped = pv_format_grouped ((double) matches->n_matches, 0);
  /* Translators: under the WHERE filter of a database table's attribute
   * table, which shows the features around the map's view. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s feature of the whole table matches.",
                                       "%s features of the whole table match.", (gulong) matches->n_matches),
                          grouped);
  gtk_label_set_label (self->table_matches_label, text);
  gtk_widget_set_visible (self->table_matches_bar, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.show-table-matches",
                                 self->map_view != NULL && !isnan (self->matches_box[0]));
}

/* A database table: the filter runs on the whole table too, for how many
 * match there and where they are. */
static void
find_in_table (PvAttributeTable *self,
               const char       *where)
{
  g_autoptr(GTask) task = NULL;
  TableMatches *matches;

  /* The same filter again on a new window: the table's matches stand. */
  if (g_strcmp0 (where, self->matches_where) == 0)
    return;
  g_cancellable_cancel (self->matches_cancellable);
  g_clear_object (&self->matches_cancellable);
  g_free (self->matches_where);
  self->matches_where = g_strdup (where);
  gtk_widget_set_visible (self->table_matches_bar, FALSE);
  if (!pv_vector_layer_is_windowed (self->layer) || *where == '\0')
    return;
  matches = g_new0 (TableMatches, 1);
  matches->layer = g_object_ref (self->layer);
  matches->where = g_strdup (where);
  self->matches_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->matches_cancellable, find_in_table_done, NULL);
  g_task_set_source_tag (task, find_in_table);
  g_task_set_task_data (task, matches, (GDestroyNotify) table_matches_free);
  pv_task_run_in_thread (task, find_in_table_thread);
}

static void
show_table_matches_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PvAttributeTable *self = PV_ATTRIBUTE_TABLE (widget);
  PvCrs *map_crs, *layer_crs = pv_layer_get_crs (PV_LAYER (self->layer));
  double b[4];

  if (self->map_view == NULL || isnan (self->matches_box[0]))
    return;
  memcpy (b, self->matches_box, sizeof b);
  map_crs = pv_map_get_crs (pv_map_view_get_map (self->map_view));
  if (map_crs != NULL && layer_crs != NULL && !pv_crs_equals (map_crs, layer_crs))
    {
      g_autoptr(PvTransform) transform = pv_transform_new (layer_crs, map_crs, NULL);

      if (transform == NULL || !pv_transform_bounds (transform, b[0], b[1], b[2], b[3], &b[0], &b[1], &b[2], &b[3]))
        return;
    }
  zoom_to_box (self, b);
}

static void
run_where (PvAttributeTable *self,
           const char       *text)
{
  g_autofree char *where = g_strstrip (g_strdup (text ? text : ""));

  g_cancellable_cancel (self->where_cancellable);
  g_clear_object (&self->where_cancellable);
  g_free (self->applied_where);
  self->applied_where = g_strdup (where);
  find_in_table (self, where);

  if (*where == '\0')
    {
      show_where_error (self, NULL);
      if (self->where_matches != NULL)
        {
          g_clear_pointer (&self->where_matches, gtk_bitset_unref);
          compose_rows (self);
        }
      return;
    }
  self->where_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  pv_feature_model_filter_where_async (self->model, where, self->where_cancellable,
                                       where_filtered_cb, g_object_ref (self));
}

static void
apply_where (PvAttributeTable *self)
{
  run_where (self, gtk_editable_get_text (GTK_EDITABLE (self->where_entry)));
}

static void
where_activate_cb (PvAttributeTable *self,
                   GtkEntry         *entry)
{
  apply_where (self);
}

static void
order_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  OrderRequest *request = user_data;
  g_autoptr(PvAttributeTable) self = request->table;
  guint field = request->field;
  gboolean current = request->generation == self->generation;
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *order = NULL;

  g_free (request);
  order = pv_feature_model_sort_order_finish (PV_FEATURE_MODEL (source_object), result, &error);
  set_busy (self, FALSE);
  /* Cancelled or of an older text: the window is gone, or the text changed
   * and the order is computed again. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !current)
    return;
  self->order_loading[field] = FALSE;
  if (order == NULL)
    g_warning ("%s", error->message);
  else
    self->orders[field] = g_steal_pointer (&order);
  if (self->sort_field == (int) field)
    compose_rows (self);
}

/* Computes the sorted order of field (on a worker) unless it is known or
 * on its way. */
static void
request_order (PvAttributeTable *self,
               guint             field)
{
  OrderRequest *request;

  if (self->orders[field] != NULL || self->order_loading[field])
    return;
  self->order_loading[field] = TRUE;
  set_busy (self, TRUE);
  request = g_new0 (OrderRequest, 1);
  request->table = g_object_ref (self);
  request->field = field;
  request->generation = self->generation;
  pv_feature_model_sort_order_async (self->model, field, self->sort_cancellable, order_done_cb, request);
}

/* The column sorters only tell which column the headers sort by: the column
 * view's sorter asks its primary column first and flips the answer when
 * descending. */
static int
probe_sorter_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  ColumnData *column = user_data;

  if (column->table->probed_field < 0)
    column->table->probed_field = column->field;
  return GTK_ORDERING_SMALLER;
}

static void
sort_changed_cb (PvAttributeTable *self,
                 GtkSorterChange   change,
                 GtkSorter        *sorter)
{
  guint n = pv_vector_layer_get_n_features (self->layer);
  GtkOrdering ordering = GTK_ORDERING_EQUAL;

  self->probed_field = -1;
  if (n >= 2)
    ordering = gtk_sorter_compare (sorter,
                                   pv_feature_model_get_row (self->model, 0),
                                   pv_feature_model_get_row (self->model, 1));
  self->sort_field = ordering == GTK_ORDERING_EQUAL ? -1 : self->probed_field;
  self->sort_descending = ordering == GTK_ORDERING_LARGER;

  if (self->sort_field >= 0 && self->orders[self->sort_field] == NULL)
    {
      request_order (self, self->sort_field);
      return;
    }
  compose_rows (self);
}

/* Cells */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               ColumnData               *column)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 12);
  if (pv_vector_layer_field_is_numeric (column->table->layer, column->field))
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0);
      gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_list_item_set_child (list_item, cell);
}

static void
cell_show (GtkListItem  *list_item,
           PvFeatureRow *row)
{
  ColumnData *column = g_object_get_data (G_OBJECT (list_item), "column");
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), pv_feature_row_get_value (row, column->field));
}

static void
row_loaded_cb (PvFeatureRow *row,
               GParamSpec   *pspec,
               GtkListItem  *list_item)
{
  cell_show (list_item, row);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ColumnData               *column)
{
  PvFeatureRow *row = gtk_list_item_get_item (list_item);

  g_object_set_data (G_OBJECT (list_item), "column", column);
  cell_show (list_item, row);
  if (!pv_feature_row_get_loaded (row))
    {
      g_signal_connect_object (row, "notify::loaded", G_CALLBACK (row_loaded_cb), list_item, 0);
      pv_feature_model_want (column->table->model, row);
      /* The row's own model: the table's may be another by unbind. */
      g_object_set_data_full (G_OBJECT (list_item), "wanted-by", g_object_ref (column->table->model),
                              g_object_unref);
    }
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ColumnData               *column)
{
  PvFeatureRow *row = gtk_list_item_get_item (list_item);
  PvFeatureModel *model;

  if (row == NULL)
    return;
  g_signal_handlers_disconnect_by_func (row, row_loaded_cb, list_item);
  model = g_object_get_data (G_OBJECT (list_item), "wanted-by");
  if (model != NULL)
    {
      pv_feature_model_unwant (model, row);
      g_object_set_data (G_OBJECT (list_item), "wanted-by", NULL);
    }
}

static void
add_columns (PvAttributeTable *self)
{
  self->n_fields = pv_vector_layer_get_n_fields (self->layer);
  self->columns = g_new0 (ColumnData, MAX (self->n_fields, 1));
  self->orders = g_new0 (guint32 *, MAX (self->n_fields, 1));
  self->order_loading = g_new0 (gboolean, MAX (self->n_fields, 1));
  self->sorters = g_new0 (GtkSorter *, MAX (self->n_fields, 1));

  for (guint field = 0; field < self->n_fields; field++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      ColumnData *data = &self->columns[field];

      data->table = self;
      data->field = field;
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), data);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), data);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), data);

      self->sorters[field] = GTK_SORTER (gtk_custom_sorter_new (probe_sorter_cb, data, NULL));
      column = gtk_column_view_column_new (pv_vector_layer_get_field_name (self->layer, field),
                                           g_object_ref (factory));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_sorter (column, self->sorters[field]);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* The column of field (the user may have moved it). */
static GtkColumnViewColumn *
get_column (PvAttributeTable *self,
            guint             field)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_sorter (column) == self->sorters[field])
        return column;
    }
  return NULL;
}

/* The layer's text was decoded anew (another encoding): the titles, the
 * values, the sorted orders and the matches all come from the new text. The
 * old model is dropped, not changed: workers may still use its columns. The
 * rows stay in their places (and selected, and scrolled to) until the search,
 * filter and sort of the new text are in. */
static void
reread_text (PvAttributeTable *self)
{
  GtkAdjustment *adjustment;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->view));
  guint32 *order = g_new (guint32, MAX (n, 1));

  /* Nothing computed from the old text is used again. */
  self->generation++;
  g_cancellable_cancel (self->sort_cancellable);
  g_clear_object (&self->sort_cancellable);
  self->sort_cancellable = g_cancellable_new ();
  for (guint field = 0; field < self->n_fields; field++)
    {
      g_clear_pointer (&self->orders[field], g_free);
      self->order_loading[field] = FALSE;
    }
  g_clear_pointer (&self->text_matches, gtk_bitset_unref);
  g_clear_pointer (&self->where_matches, gtk_bitset_unref);

  /* The layer keeps its number of fields; their names may change. */
  for (guint field = 0; field < self->n_fields && field < pv_vector_layer_get_n_fields (self->layer); field++)
    {
      GtkColumnViewColumn *column = get_column (self, field);

      if (column != NULL)
        gtk_column_view_column_set_title (column, pv_vector_layer_get_field_name (self->layer, field));
    }

  /* New rows in the same places: one items-changed, after which the list
   * stays where it was scrolled to and the layer's selection is selected
   * again. The cells of the old rows unbind (unwanting them from their own
   * model), the new rows bind and are read. */
  if (self->new_features)
    {
      n = pv_vector_layer_get_n_features (self->layer);
      order = g_renew (guint32, order, MAX (n, 1));
    }
  for (guint pos = 0; pos < n; pos++)
    order[pos] = self->new_features ? pos : pv_feature_view_get_index (self->view, pos);
  self->new_features = FALSE;
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  self->held_scroll = adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;
  g_clear_object (&self->model);
  self->model = pv_feature_model_new (self->layer);
  pv_feature_view_set_model (self->view, self->model, order, n);
  scroll_after_layout (self, FALSE);

  self->holding = TRUE;
  apply_search (self);
  run_where (self, self->applied_where);
  if (self->sort_field >= 0)
    request_order (self, self->sort_field);
  compose_rows (self);
}

static gboolean
text_changed_idle_cb (gpointer user_data)
{
  PvAttributeTable *self = user_data;

  /* Not once the window is gone. */
  if (self->column_view != NULL)
    reread_text (self);
  return G_SOURCE_REMOVE;
}

/* Runs on the thread that decoded the layer anew, a worker usually: an idle
 * takes it to the main thread (always an idle: g_main_context_invoke() may
 * run it right here when the main loop is between iterations). */
static void
layer_text_changed_cb (PvVectorLayer *layer,
                       TextWatch     *watch)
{
  PvAttributeTable *self = g_weak_ref_get (&watch->table);

  /* The idle owns the reference and drops it on the main thread. */
  if (self != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, text_changed_idle_cb, self, g_object_unref);
}

/* Emitted on the main thread. */
static void
layer_features_changed_cb (PvAttributeTable *self)
{
  if (self->column_view == NULL)
    return;
  self->new_features = TRUE;
  reread_text (self);
}

static void
text_watch_free (gpointer  data,
                 GClosure *closure)
{
  TextWatch *watch = data;

  g_weak_ref_clear (&watch->table);
  g_free (watch);
}

/* Actions */

static void
zoom_to_features (PvAttributeTable *self,
                  GArray           *indices)
{
  double xmin = INFINITY, ymin = INFINITY, xmax = -INFINITY, ymax = -INFINITY;

  if (self->map_view == NULL)
    return;
  for (guint i = 0; i < indices->len; i++)
    {
      double x0, y0, x1, y1;

      if (pv_vector_layer_get_feature_extent (self->layer, g_array_index (indices, guint32, i),
                                              &x0, &y0, &x1, &y1))
        {
          xmin = MIN (xmin, x0);
          ymin = MIN (ymin, y0);
          xmax = MAX (xmax, x1);
          ymax = MAX (ymax, y1);
        }
    }
  {
    const double box[4] = { xmin, ymin, xmax, ymax };

    zoom_to_box (self, box);
  }
}

/* Fits the view to the box (map CRS), with a margin, and no closer than a
 * few pixels to a point. */
static void
zoom_to_box (PvAttributeTable *self,
             const double     *box)
{
  double xmin = box[0], ymin = box[1], xmax = box[2], ymax = box[3];
  double res, w, h, cx, cy;

  if (self->map_view == NULL || !(xmax >= xmin) || !(ymax >= ymin))
    return;
  res = pv_map_view_get_resolution (self->map_view);
  w = MAX ((xmax - xmin) * (1 + 2 * ZOOM_MARGIN), ZOOM_MIN_PIXELS * res);
  h = MAX ((ymax - ymin) * (1 + 2 * ZOOM_MARGIN), ZOOM_MIN_PIXELS * res);
  cx = (xmin + xmax) / 2;
  cy = (ymin + ymax) / 2;
  pv_viewport_fit_extent (pv_map_view_get_viewport (self->map_view),
                          cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
}

static void
zoom_to_selection_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PvAttributeTable *self = PV_ATTRIBUTE_TABLE (widget);
  g_autoptr(GArray) indices = pv_vector_layer_dup_selection (self->layer);

  zoom_to_features (self, indices);
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  pv_vector_layer_set_selection (PV_ATTRIBUTE_TABLE (widget)->layer, NULL);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (PV_ATTRIBUTE_TABLE (widget)->search_entry));
}

static void
row_activate_cb (PvAttributeTable *self,
                 guint             position,
                 GtkColumnView    *column_view)
{
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 index = pv_attribute_table_get_feature_at (self, position);

  g_array_append_val (indices, index);
  zoom_to_features (self, indices);
}

/* GObject */

static void
pv_attribute_table_dispose (GObject *object)
{
  PvAttributeTable *self = PV_ATTRIBUTE_TABLE (object);

  g_cancellable_cancel (self->text_cancellable);
  g_cancellable_cancel (self->where_cancellable);
  g_cancellable_cancel (self->sort_cancellable);
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  g_cancellable_cancel (self->matches_cancellable);
  g_clear_object (&self->matches_cancellable);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  stop_scrolling (self);
  if (self->layer != NULL)
    {
      if (g_object_get_data (G_OBJECT (self->layer), TABLE_DATA_KEY) == self)
        g_object_set_data (G_OBJECT (self->layer), TABLE_DATA_KEY, NULL);
      g_signal_handlers_disconnect_by_func (self->layer, layer_selection_changed_cb, self);
      g_clear_signal_handler (&self->text_changed_id, self->layer);
    }
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, rows_selection_changed_cb, self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_func (self->view, rows_changed_cb, self);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view), sort_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_ATTRIBUTE_TABLE);

  g_clear_object (&self->selection);
  g_clear_object (&self->view);
  for (guint i = 0; self->sorters != NULL && i < self->n_fields; i++)
    g_clear_object (&self->sorters[i]);
  g_clear_weak_pointer (&self->map_view);

  G_OBJECT_CLASS (pv_attribute_table_parent_class)->dispose (object);
}

static void
pv_attribute_table_finalize (GObject *object)
{
  PvAttributeTable *self = PV_ATTRIBUTE_TABLE (object);

  for (guint i = 0; self->orders != NULL && i < self->n_fields; i++)
    g_free (self->orders[i]);
  g_free (self->orders);
  g_free (self->order_loading);
  g_free (self->sorters);
  g_free (self->columns);
  g_free (self->where_error_text);
  g_free (self->applied_where);
  g_free (self->matches_where);
  g_clear_pointer (&self->text_matches, gtk_bitset_unref);
  g_clear_pointer (&self->where_matches, gtk_bitset_unref);
  g_clear_object (&self->text_cancellable);
  g_clear_object (&self->where_cancellable);
  g_clear_object (&self->sort_cancellable);
  g_clear_object (&self->model);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (pv_attribute_table_parent_class)->finalize (object);
}

static void
pv_attribute_table_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PvAttributeTable *self = PV_ATTRIBUTE_TABLE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, pv_attribute_table_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_attribute_table_class_init (PvAttributeTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_attribute_table_dispose;
  object_class->finalize = pv_attribute_table_finalize;
  object_class->get_property = pv_attribute_table_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-attribute-table.ui");
  gtk_widget_class_bind_template_child (widget_class, PvAttributeTable, window_title);
  gtk_widget_class_bind_template_child (widget_class, PvAttributeTable, spinner);
  gtk_widget_class_bind_template_child (widget_class, PvAttributeTable, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PvAttributeTable, where_entry);
  gtk_widget_class_bind_template_child (widget_class, PvAttributeTable, where_error);
  gtk_widget_class_bind_template_child (widget_class, PvAttributeTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, PvAttributeTable, count_label);
  gtk_widget_class_bind_template_child (widget_class, PvAttributeTable, table_matches_bar);
  gtk_widget_class_bind_template_child (widget_class, PvAttributeTable, table_matches_label);
  gtk_widget_class_bind_template_child (widget_class, PvAttributeTable, selected_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, where_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activate_cb);

  gtk_widget_class_install_action (widget_class, "table.zoom-to-selection", NULL, zoom_to_selection_action);
  gtk_widget_class_install_action (widget_class, "table.show-table-matches", NULL, show_table_matches_action);
  gtk_widget_class_install_action (widget_class, "table.clear-selection", NULL, clear_selection_action);
  gtk_widget_class_install_action (widget_class, "table.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "table.zoom-to-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "table.clear-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "table.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
pv_attribute_table_init (PvAttributeTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->sort_cancellable = g_cancellable_new ();
  self->sort_field = -1;
  self->table_count = -1;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.show-table-matches", FALSE);
}

/* Public API */

PvAttributeTable *
pv_attribute_table_new (PvVectorLayer *layer,
                        PvMapView     *map_view)
{
  PvAttributeTable *self;
  g_autofree char *title = NULL;
  TextWatch *watch;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (layer), NULL);
  g_return_val_if_fail (map_view == NULL || PV_IS_MAP_VIEW (map_view), NULL);

  self = g_object_new (PV_TYPE_ATTRIBUTE_TABLE, NULL);
  self->layer = g_object_ref (layer);
  g_set_weak_pointer (&self->map_view, map_view);

  /* Translators: the attribute table window's title; %s is the layer name. */
  title = g_strdup_printf (_("Attributes of %s"), pv_layer_get_name (PV_LAYER (layer)));
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, pv_layer_get_name (PV_LAYER (layer)));
  adw_window_title_set_subtitle (self->window_title, C_("attribute table", "Attributes"));

  add_columns (self);

  g_signal_connect_object (layer, "selection-changed", G_CALLBACK (layer_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->model = pv_feature_model_new (layer);
  self->view = pv_feature_view_new (self->model);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->view)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->view, "items-changed", G_CALLBACK (rows_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (rows_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  sync_from_layer (self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sort_changed_cb), self, G_CONNECT_SWAPPED);
  /* A new encoding: read everything again. The handler holds the table
   * weakly: it may run on a worker while the window goes. */
  watch = g_new0 (TextWatch, 1);
  g_weak_ref_init (&watch->table, self);
  self->text_changed_id = g_signal_connect_data (layer, "text-changed", G_CALLBACK (layer_text_changed_cb),
                                                 watch, text_watch_free, 0);
  /* A database layer shows the features of the map's window, and says so. */
  g_signal_connect_object (layer, "features-changed", G_CALLBACK (layer_features_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (pv_vector_layer_is_windowed (layer))
    {
      g_autoptr(GTask) task = NULL;

      adw_window_title_set_subtitle (self->window_title,
                                     C_("attribute table", "Features around the map’s view"));
      self->count_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->count_cancellable, count_table_done, NULL);
      g_task_set_source_tag (task, count_table_thread);
      g_task_set_task_data (task, g_object_ref (layer), g_object_unref);
      pv_task_run_in_thread (task, count_table_thread);
    }
  return self;
}

/* Brings the first selected row into view, once the window shows. */
static gboolean
scroll_to_selection_cb (gpointer user_data)
{
  PvAttributeTable *self = user_data;

  self->scroll_source = 0;
  if (self->column_view != NULL)
    scroll_after_layout (self, TRUE);
  return G_SOURCE_REMOVE;
}

PvAttributeTable *
pv_attribute_table_present_for_layer (GtkWindow     *parent,
                                      PvVectorLayer *layer,
                                      PvMapView     *map_view)
{
  PvAttributeTable *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (layer), NULL);

  self = g_object_get_data (G_OBJECT (layer), TABLE_DATA_KEY);
  if (self == NULL)
    {
      self = pv_attribute_table_new (layer, map_view);
      g_object_set_data (G_OBJECT (layer), TABLE_DATA_KEY, self);
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
      if (parent != NULL && gtk_window_get_application (parent) != NULL)
        gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }
  gtk_window_present (GTK_WINDOW (self));
  if (self->scroll_source == 0)
    self->scroll_source = g_timeout_add_full (G_PRIORITY_LOW, 100, scroll_to_selection_cb, self, NULL);
  return self;
}

PvVectorLayer *
pv_attribute_table_get_layer (PvAttributeTable *self)
{
  g_return_val_if_fail (PV_IS_ATTRIBUTE_TABLE (self), NULL);

  return self->layer;
}

GtkColumnView *
pv_attribute_table_get_column_view (PvAttributeTable *self)
{
  g_return_val_if_fail (PV_IS_ATTRIBUTE_TABLE (self), NULL);

  return self->column_view;
}

GtkSelectionModel *
pv_attribute_table_get_rows (PvAttributeTable *self)
{
  g_return_val_if_fail (PV_IS_ATTRIBUTE_TABLE (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

guint
pv_attribute_table_get_feature_at (PvAttributeTable *self,
                                   guint             position)
{
  g_return_val_if_fail (PV_IS_ATTRIBUTE_TABLE (self), G_MAXUINT);

  return pv_feature_view_get_index (self->view, position);
}

void
pv_attribute_table_set_search_text (PvAttributeTable *self,
                                    const char       *text)
{
  g_return_if_fail (PV_IS_ATTRIBUTE_TABLE (self));

  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  apply_search (self);
}

void
pv_attribute_table_set_where (PvAttributeTable *self,
                              const char       *where)
{
  g_return_if_fail (PV_IS_ATTRIBUTE_TABLE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->where_entry), where ? where : "");
  apply_where (self);
}

const char *
pv_attribute_table_get_where_error (PvAttributeTable *self)
{
  g_return_val_if_fail (PV_IS_ATTRIBUTE_TABLE (self), NULL);

  return self->where_error_text;
}

void
pv_attribute_table_sort_by_field (PvAttributeTable *self,
                                  guint             field,
                                  GtkSortType       order)
{
  g_return_if_fail (PV_IS_ATTRIBUTE_TABLE (self));
  g_return_if_fail (field < self->n_fields);

  gtk_column_view_sort_by_column (self->column_view, get_column (self, field), order);
}

gboolean
pv_attribute_table_get_busy (PvAttributeTable *self)
{
  g_return_val_if_fail (PV_IS_ATTRIBUTE_TABLE (self), FALSE);

  return self->n_busy > 0;
}

