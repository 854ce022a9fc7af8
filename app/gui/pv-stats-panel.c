/* pv-stats-panel.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pv-format.h"
#include "pv-stats-panel.h"

/* Panning fires many view changes: count once the view rests. */
#define VIEW_SETTLE_MS 300

struct _PvStatsPanel
{
  GtkWidget        parent_instance;

  GtkWidget       *outer;
  GtkDropDown     *layer_dropdown;
  GtkDropDown     *field_dropdown;
  GtkDropDown     *scope_dropdown;
  GtkStack        *stack;
  GtkGrid         *table;
  GtkSpinner      *spinner;
  GtkLabel        *busy_label;
  GtkLabel        *message_label;
  GtkLabel        *note_label;

  PvMapView       *map_view;
  PvMap           *map;
  PvViewport      *viewport;
  GPtrArray       *layers;        /* PvVectorLayer: the layer chooser's rows */
  PvVectorLayer   *layer;
  char            *field;
  PvStatsScope     scope;
  GArray          *polygon;       /* double x, y in the map CRS, or NULL */

  GCancellable    *cancellable;   /* of the computation running */
  guint            generation;    /* of the computation wanted */
  guint            queued_id;
  gboolean         busy;
  gboolean         syncing;       /* filling the choosers: ignore their signals */
  PvLanduseStats  *stats;
  char            *message;
};

G_DEFINE_FINAL_TYPE (PvStatsPanel, pv_stats_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_MAP_VIEW,
  PROP_LAYER,
  PROP_FIELD,
  PROP_SCOPE,
  PROP_BUSY,
  PROP_STATS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void queue_compute (PvStatsPanel *self,
                           guint         delay_ms);

/* ---------------------------------------------------------------- showing */

static void
set_busy (PvStatsPanel *self,
          gboolean      busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_actions (PvStatsPanel *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.copy", self->stats != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.export", self->stats != NULL);
}

static void
show_message (PvStatsPanel *self,
              const char   *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message);
  gtk_label_set_text (self->note_label, "");
  gtk_stack_set_visible_child_name (self->stack, "message");
  if (self->stats != NULL)
    {
      g_clear_object (&self->stats);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATS]);
    }
  update_actions (self);
}

static GtkWidget *
cell (const char *text,
      float       xalign,
      gboolean    bold)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (xalign > 0.5f)
    gtk_widget_add_css_class (label, "numeric");
  if (bold)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
add_row (GtkGrid    *grid,
         int         row,
         const char *code,
         const char *name,
         double      area_ha,
         double      share,
         guint       count,
         gboolean    bold)
{
  g_autofree char *area_text = pv_format_grouped (area_ha, 2);
  g_autofree char *share_text = pv_format_grouped (share, 2);
  g_autofree char *count_text = pv_format_grouped (count, 0);
  GtkWidget *name_label = cell (name, 0, bold);

  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_label_set_wrap (GTK_LABEL (name_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (name_label), 40);
  gtk_grid_attach (grid, cell (code, 0, bold), 0, row, 1, 1);
  gtk_grid_attach (grid, name_label, 1, row, 1, 1);
  gtk_grid_attach (grid, cell (area_text, 1, bold), 2, row, 1, 1);
  gtk_grid_attach (grid, cell (share_text, 1, bold), 3, row, 1, 1);
  gtk_grid_attach (grid, cell (count_text, 1, bold), 4, row, 1, 1);
}

static void
show_stats (PvStatsPanel   *self,
            PvLanduseStats *stats)
{
  GtkWidget *child;
  guint n = pv_landuse_stats_get_n_rows (stats);
  g_autofree char *note = NULL;

  g_set_object (&self->stats, stats);
  g_clear_pointer (&self->message, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);

  for (guint c = 0; c < 5; c++)
    {
      GtkWidget *title = cell (pv_landuse_stats_get_column_title (c), c >= 2 ? 1 : 0, TRUE);

      gtk_widget_add_css_class (title, "dim-label");
      gtk_grid_attach (self->table, title, (int) c, 0, 1, 1);
    }
  for (guint i = 0; i < n; i++)
    {
      const PvLanduseStatsRow *row = pv_landuse_stats_get_row (stats, i);

      add_row (self->table, (int) i + 1, row->code, row->name, row->area_ha, row->share, row->count, FALSE);
    }
  gtk_grid_attach (self->table, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, (int) n + 1, 5, 1);
  add_row (self->table, (int) n + 2, "", pv_landuse_stats_get_total_label (),
           pv_landuse_stats_get_total_area_ha (stats),
           pv_landuse_stats_get_total_area_ha (stats) > 0 ? 100.0 : 0.0,
           pv_landuse_stats_get_total_count (stats), TRUE);

  /* translators: the note on the areas, then what was counted */
  note = g_strdup_printf (_("%s Scope: %s."), pv_landuse_stats_get_note (stats),
                          pv_landuse_stats_get_scope_description (stats));
  gtk_label_set_text (self->note_label, note);
  gtk_stack_set_visible_child_name (self->stack, "table");
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATS]);
}

/* ---------------------------------------------------------------- computing */

typedef struct
{
  PvStatsPanel *self;
  guint         generation;
} Job;

static void
progress_cb (double      fraction,
             const char *what,
             gpointer    user_data)
{
  Job *job = user_data;
  g_autofree char *text = NULL;

  if (job->generation != job->self->generation || fraction < 0)
    return;
  /* translators: %d is a percentage */
  text = g_strdup_printf (_("Measuring the areas… %d %%"), (int) (100 * fraction));
  gtk_label_set_text (job->self->busy_label, text);
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(PvStatsPanel) self = job->self;
  g_autoptr(PvLanduseStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  stats = pv_landuse_stats_compute_finish (result, &error);
  if (job->generation == self->generation)
    {
      g_clear_object (&self->cancellable);
      if (stats != NULL)
        show_stats (self, stats);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      set_busy (self, FALSE);
    }
  g_free (job);
}

/* The scope to count, in the map CRS; NULL and *why when there is none. */
static PvLanduseScope *
make_scope (PvStatsPanel  *self,
            const char   **why)
{
  PvLanduseScope *scope = NULL;
  PvCrs *map_crs = self->map ? pv_map_get_crs (self->map) : NULL;

  switch (self->scope)
    {
    case PV_STATS_SCOPE_VIEW:
      {
        double xy[8];
        int w, h;

        if (self->viewport == NULL || (w = pv_viewport_get_width (self->viewport)) <= 0 ||
            (h = pv_viewport_get_height (self->viewport)) <= 0)
          {
            *why = _("The map view is not shown yet.");
            return NULL;
          }
        /* The four corners: a rotated view is no box. */
        pv_viewport_screen_to_map (self->viewport, 0, 0, &xy[0], &xy[1]);
        pv_viewport_screen_to_map (self->viewport, w, 0, &xy[2], &xy[3]);
        pv_viewport_screen_to_map (self->viewport, w, h, &xy[4], &xy[5]);
        pv_viewport_screen_to_map (self->viewport, 0, h, &xy[6], &xy[7]);
        if (!(scope = pv_landuse_scope_new_polygon (xy, 4, NULL)))
          {
            *why = _("The map view has no area.");
            return NULL;
          }
        break;
      }

    case PV_STATS_SCOPE_SELECTION:
      {
        g_autoptr(GArray) selection = pv_vector_layer_dup_selection (self->layer);

        if (selection == NULL || selection->len == 0)
          {
            *why = _("No feature of this layer is selected.");
            return NULL;
          }
        return pv_landuse_scope_new_selection ((const guint *) selection->data, selection->len);
      }

    case PV_STATS_SCOPE_POLYGON:
      if (self->polygon == NULL ||
          !(scope = pv_landuse_scope_new_polygon ((const double *) self->polygon->data,
                                                  self->polygon->len / 2, NULL)))
        {
          *why = _("Draw a polygon on the map to count what lies inside it.");
          return NULL;
        }
      break;

    case PV_STATS_SCOPE_LAYER:
    default:
      return pv_landuse_scope_new_all ();
    }

  /* The map draws a layer without CRS as it is: its coordinates are the map's. */
  if (map_crs != NULL && pv_layer_get_crs (PV_LAYER (self->layer)) != NULL)
    pv_landuse_scope_set_crs (scope, map_crs);
  return scope;
}

static gboolean
compute_now_cb (gpointer data)
{
  PvStatsPanel *self = data;
  g_autoptr(PvLanduseScope) scope = NULL;
  const char *why = NULL;
  Job *job;

  self->queued_id = 0;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->generation++;

  if (self->layer == NULL)
    {
      show_message (self, _("The map has no vector layer to count."));
      set_busy (self, FALSE);
      return G_SOURCE_REMOVE;
    }
  if (self->field == NULL)
    {
      show_message (self, _("The layer has no field to count by."));
      set_busy (self, FALSE);
      return G_SOURCE_REMOVE;
    }
  if (!(scope = make_scope (self, &why)))
    {
      show_message (self, why);
      set_busy (self, FALSE);
      return G_SOURCE_REMOVE;
    }

  self->cancellable = g_cancellable_new ();
  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->generation = self->generation;
  gtk_label_set_text (self->busy_label, _("Measuring the areas…"));
  gtk_stack_set_visible_child_name (self->stack, "busy");
  set_busy (self, TRUE);
  pv_landuse_stats_compute_async (self->layer, self->field, scope, progress_cb, job,
                                  self->cancellable, computed_cb, job);
  return G_SOURCE_REMOVE;
}

static void
queue_compute (PvStatsPanel *self,
               guint         delay_ms)
{
  g_clear_handle_id (&self->queued_id, g_source_remove);
  /* Busy from now: a test or a caller waiting for the table waits for this. */
  set_busy (self, TRUE);
  if (delay_ms == 0)
    self->queued_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, compute_now_cb, self, NULL);
  else
    self->queued_id = g_timeout_add (delay_ms, compute_now_cb, self);
}

/* ---------------------------------------------------------------- choosers */

static int
field_index (PvVectorLayer *layer,
             const char    *field)
{
  for (guint i = 0; field != NULL && i < pv_vector_layer_get_n_fields (layer); i++)
    if (g_strcmp0 (pv_vector_layer_get_field_name (layer, i), field) == 0)
      return (int) i;
  return -1;
}

/* The field of the layer's categorized style, else its first field. */
static const char *
default_field (PvVectorLayer *layer)
{
  g_autoptr(PvStyle) style = pv_vector_layer_dup_style (layer);

  if (style != NULL && pv_style_get_kind (style) == PV_STYLE_CATEGORIZED &&
      field_index (layer, pv_style_get_field (style)) >= 0)
    return pv_vector_layer_get_field_name (layer, (guint) field_index (layer, pv_style_get_field (style)));
  return pv_vector_layer_get_n_fields (layer) > 0 ? pv_vector_layer_get_field_name (layer, 0) : NULL;
}

static void
fill_fields (PvStatsPanel *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  int selected;

  if (self->layer != NULL)
    for (guint i = 0; i < pv_vector_layer_get_n_fields (self->layer); i++)
      gtk_string_list_append (names, pv_vector_layer_get_field_name (self->layer, i));
  selected = self->layer != NULL ? field_index (self->layer, self->field) : -1;

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->field_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->field_dropdown, selected >= 0 ? (guint) selected : GTK_INVALID_LIST_POSITION);
  self->syncing = FALSE;
}

static void
fill_layers (PvStatsPanel *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->layers, 0);
  for (guint i = 0; self->map != NULL && i < pv_map_get_n_layers (self->map); i++)
    {
      PvLayer *layer = pv_map_get_layer (self->map, i);

      if (!PV_IS_VECTOR_LAYER (layer))
        continue;
      if (PV_VECTOR_LAYER (layer) == self->layer)
        selected = self->layers->len;
      g_ptr_array_add (self->layers, g_object_ref (layer));
      gtk_string_list_append (names, pv_layer_get_name (layer));
    }

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->layer_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->layer_dropdown, selected);
  self->syncing = FALSE;
}

/* The first vector layer drawn with the land-use palette (visible ones
 * first), else the first vector layer. */
static PvVectorLayer *
default_layer (PvStatsPanel *self)
{
  PvVectorLayer *fallback = NULL;

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->layers->len; i++)
      {
        PvVectorLayer *layer = g_ptr_array_index (self->layers, i);
        g_autoptr(PvStyle) style = pv_vector_layer_dup_style (layer);

        if (fallback == NULL)
          fallback = layer;
        if (style != NULL && g_strcmp0 (pv_style_get_palette_id (style), PV_PALETTE_VN_LANDUSE) == 0 &&
            (pass == 1 || pv_layer_get_visible (PV_LAYER (layer))))
          return layer;
      }
  return fallback;
}

static void
selection_changed_cb (PvVectorLayer *layer,
                      PvStatsPanel  *self)
{
  if (self->scope == PV_STATS_SCOPE_SELECTION)
    queue_compute (self, 0);
}

static void
apply_layer (PvStatsPanel  *self,
             PvVectorLayer *layer,
             const char    *field)
{
  if (self->layer != layer)
    {
      if (self->layer != NULL)
        g_signal_handlers_disconnect_by_func (self->layer, selection_changed_cb, self);
      g_set_object (&self->layer, layer);
      if (layer != NULL)
        g_signal_connect_object (layer, "selection-changed", G_CALLBACK (selection_changed_cb), self, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYER]);
    }
  if (layer != NULL && (field == NULL || field_index (layer, field) < 0))
    field = default_field (layer);
  if (layer == NULL)
    field = NULL;
  if (g_strcmp0 (self->field, field) != 0)
    {
      g_autofree char *copy = g_strdup (field);

      g_free (self->field);
      self->field = g_steal_pointer (&copy);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELD]);
    }
  fill_layers (self);
  fill_fields (self);
  queue_compute (self, 0);
}

static void
layers_changed_cb (GListModel   *model,
                   guint         position,
                   guint         removed,
                   guint         added,
                   PvStatsPanel *self)
{
  gboolean still_there = FALSE;

  fill_layers (self);
  for (guint i = 0; i < self->layers->len; i++)
    still_there |= g_ptr_array_index (self->layers, i) == (gpointer) self->layer;
  if (!still_there || self->layer == NULL)
    apply_layer (self, default_layer (self), NULL);
}

static void
layer_selected_cb (GtkDropDown  *dropdown,
                   GParamSpec   *pspec,
                   PvStatsPanel *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || i >= self->layers->len)
    return;
  apply_layer (self, g_ptr_array_index (self->layers, i), NULL);
}

static void
field_selected_cb (GtkDropDown  *dropdown,
                   GParamSpec   *pspec,
                   PvStatsPanel *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  if (self->syncing || item == NULL)
    return;
  pv_stats_panel_set_field (self, gtk_string_object_get_string (item));
}

static void
scope_selected_cb (GtkDropDown  *dropdown,
                   GParamSpec   *pspec,
                   PvStatsPanel *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || i > PV_STATS_SCOPE_POLYGON)
    return;
  pv_stats_panel_set_scope (self, (PvStatsScope) i);
}

static void
viewport_changed_cb (PvViewport   *viewport,
                     PvStatsPanel *self)
{
  if (self->scope == PV_STATS_SCOPE_VIEW)
    queue_compute (self, VIEW_SETTLE_MS);
}

static void
map_changed_cb (PvMapView    *map_view,
                GParamSpec   *pspec,
                PvStatsPanel *self)
{
  PvMap *map = pv_map_view_get_map (map_view);

  if (self->map == map)
    return;
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);
  g_set_object (&self->map, map);
  if (map != NULL)
    g_signal_connect_object (pv_map_get_layers (map), "items-changed", G_CALLBACK (layers_changed_cb), self, 0);
  fill_layers (self);
  apply_layer (self, default_layer (self), NULL);
}

/* ---------------------------------------------------------------- actions */

void
pv_stats_panel_copy (PvStatsPanel *self)
{
  g_autofree char *tsv = NULL;

  g_return_if_fail (PV_IS_STATS_PANEL (self));

  if (self->stats == NULL)
    return;
  tsv = pv_landuse_stats_to_tsv (self->stats);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), tsv);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pv_stats_panel_copy (PV_STATS_PANEL (widget));
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PvStatsPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  GtkWidget *dialog;
  g_autofree char *display = NULL;

  if (g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  display = g_file_get_parse_name (G_FILE (source));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("The table could not be exported"), NULL);
  /* translators: a file name, then why */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("%s: %s"), display, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pv_stats_panel_export (PvStatsPanel *self,
                       GFile        *file)
{
  g_autoptr(GBytes) bytes = NULL;
  char *csv;

  g_return_if_fail (PV_IS_STATS_PANEL (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->stats == NULL)
    return;
  csv = pv_landuse_stats_to_csv (self->stats);
  bytes = g_bytes_new_take (csv, strlen (csv));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, written_cb, g_object_ref (self));
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(PvStatsPanel) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        pv_stats_panel_export (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PvStatsPanel *self = PV_STATS_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->stats == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Land-Use Table"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* translators: the suggested file name; keep ".csv" */
  name = g_strdup_printf (_("%s – land use.csv"), pv_landuse_stats_get_layer_name (self->stats));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---------------------------------------------------------------- object */

static void
pv_stats_panel_dispose (GObject *object)
{
  PvStatsPanel *self = PV_STATS_PANEL (object);

  g_clear_handle_id (&self->queued_id, g_source_remove);
  /* A computation still running finds nothing to show its result in. */
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  pv_stats_panel_set_map_view (self, NULL);
  if (self->layer != NULL)
    g_signal_handlers_disconnect_by_func (self->layer, selection_changed_cb, self);
  g_clear_object (&self->layer);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_object (&self->stats);
  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_STATS_PANEL);

  G_OBJECT_CLASS (pv_stats_panel_parent_class)->dispose (object);
}

static void
pv_stats_panel_finalize (GObject *object)
{
  PvStatsPanel *self = PV_STATS_PANEL (object);

  g_clear_pointer (&self->field, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->polygon, g_array_unref);

  G_OBJECT_CLASS (pv_stats_panel_parent_class)->finalize (object);
}

static void
pv_stats_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PvStatsPanel *self = PV_STATS_PANEL (object);

  switch (prop_id)
    {
    case PROP_MAP_VIEW:
      g_value_set_object (value, self->map_view);
      break;
    case PROP_LAYER:
      g_value_set_object (value, self->layer);
      break;
    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;
    case PROP_SCOPE:
      g_value_set_int (value, self->scope);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_STATS:
      g_value_set_object (value, self->stats);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_stats_panel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PvStatsPanel *self = PV_STATS_PANEL (object);

  switch (prop_id)
    {
    case PROP_MAP_VIEW:
      pv_stats_panel_set_map_view (self, g_value_get_object (value));
      break;
    case PROP_LAYER:
      pv_stats_panel_set_layer (self, g_value_get_object (value));
      break;
    case PROP_FIELD:
      pv_stats_panel_set_field (self, g_value_get_string (value));
      break;
    case PROP_SCOPE:
      pv_stats_panel_set_scope (self, (PvStatsScope) g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_stats_panel_class_init (PvStatsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_stats_panel_dispose;
  object_class->finalize = pv_stats_panel_finalize;
  object_class->get_property = pv_stats_panel_get_property;
  object_class->set_property = pv_stats_panel_set_property;

  properties[PROP_MAP_VIEW] =
    g_param_spec_object ("map-view", NULL, NULL, PV_TYPE_MAP_VIEW,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL, PV_TYPE_VECTOR_LAYER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCOPE] =
    g_param_spec_int ("scope", NULL, NULL, PV_STATS_SCOPE_LAYER, PV_STATS_SCOPE_POLYGON, PV_STATS_SCOPE_LAYER,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATS] =
    g_param_spec_object ("stats", NULL, NULL, PV_TYPE_LANDUSE_STATS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-stats-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PvStatsPanel, outer);
  gtk_widget_class_bind_template_child (widget_class, PvStatsPanel, layer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PvStatsPanel, field_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PvStatsPanel, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PvStatsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, PvStatsPanel, table);
  gtk_widget_class_bind_template_child (widget_class, PvStatsPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, PvStatsPanel, busy_label);
  gtk_widget_class_bind_template_child (widget_class, PvStatsPanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, PvStatsPanel, note_label);

  gtk_widget_class_install_action (widget_class, "stats.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "stats.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "stats.copy", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pvstatspanel");
}

static void
pv_stats_panel_init (PvStatsPanel *self)
{
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->layer_dropdown, "notify::selected", G_CALLBACK (layer_selected_cb), self);
  g_signal_connect (self->field_dropdown, "notify::selected", G_CALLBACK (field_selected_cb), self);
  g_signal_connect (self->scope_dropdown, "notify::selected", G_CALLBACK (scope_selected_cb), self);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

GtkWidget *
pv_stats_panel_new (void)
{
  return g_object_new (PV_TYPE_STATS_PANEL, NULL);
}

PvMapView *
pv_stats_panel_get_map_view (PvStatsPanel *self)
{
  g_return_val_if_fail (PV_IS_STATS_PANEL (self), NULL);

  return self->map_view;
}

void
pv_stats_panel_set_map_view (PvStatsPanel *self,
                             PvMapView    *map_view)
{
  g_return_if_fail (PV_IS_STATS_PANEL (self));
  g_return_if_fail (map_view == NULL || PV_IS_MAP_VIEW (map_view));

  if (self->map_view == map_view)
    return;
  if (self->map_view != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->map_view, map_changed_cb, self);
      if (self->viewport != NULL)
        g_signal_handlers_disconnect_by_func (self->viewport, viewport_changed_cb, self);
      if (self->map != NULL)
        g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);
    }
  g_clear_object (&self->viewport);
  g_clear_object (&self->map);
  g_set_object (&self->map_view, map_view);
  if (map_view != NULL)
    {
      self->viewport = g_object_ref (pv_map_view_get_viewport (map_view));
      g_signal_connect_object (self->viewport, "changed", G_CALLBACK (viewport_changed_cb), self, 0);
      g_signal_connect_object (map_view, "notify::map", G_CALLBACK (map_changed_cb), self, 0);
      map_changed_cb (map_view, NULL, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_VIEW]);
}

PvVectorLayer *
pv_stats_panel_get_layer (PvStatsPanel *self)
{
  g_return_val_if_fail (PV_IS_STATS_PANEL (self), NULL);

  return self->layer;
}

void
pv_stats_panel_set_layer (PvStatsPanel  *self,
                          PvVectorLayer *layer)
{
  g_return_if_fail (PV_IS_STATS_PANEL (self));
  g_return_if_fail (layer == NULL || PV_IS_VECTOR_LAYER (layer));

  if (layer == NULL)
    {
      fill_layers (self);
      layer = default_layer (self);
    }
  apply_layer (self, layer, NULL);
}

const char *
pv_stats_panel_get_field (PvStatsPanel *self)
{
  g_return_val_if_fail (PV_IS_STATS_PANEL (self), NULL);

  return self->field;
}

void
pv_stats_panel_set_field (PvStatsPanel *self,
                          const char   *field)
{
  g_return_if_fail (PV_IS_STATS_PANEL (self));

  if (self->layer == NULL || (field != NULL && g_strcmp0 (self->field, field) == 0))
    return;
  apply_layer (self, self->layer, field);
}

PvStatsScope
pv_stats_panel_get_scope (PvStatsPanel *self)
{
  g_return_val_if_fail (PV_IS_STATS_PANEL (self), PV_STATS_SCOPE_LAYER);

  return self->scope;
}

void
pv_stats_panel_set_scope (PvStatsPanel *self,
                          PvStatsScope  scope)
{
  g_return_if_fail (PV_IS_STATS_PANEL (self));

  scope = CLAMP (scope, PV_STATS_SCOPE_LAYER, PV_STATS_SCOPE_POLYGON);
  if (self->scope == scope)
    return;
  self->scope = scope;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->scope_dropdown, scope);
  self->syncing = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
  queue_compute (self, 0);
}

void
pv_stats_panel_set_polygon (PvStatsPanel *self,
                            const double *xy,
                            guint         n)
{
  g_return_if_fail (PV_IS_STATS_PANEL (self));
  g_return_if_fail (xy != NULL || n == 0);

  g_clear_pointer (&self->polygon, g_array_unref);
  if (n >= 3)
    {
      self->polygon = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);
      g_array_append_vals (self->polygon, xy, 2 * n);
    }
  if (self->polygon != NULL && self->scope != PV_STATS_SCOPE_POLYGON)
    pv_stats_panel_set_scope (self, PV_STATS_SCOPE_POLYGON);
  else if (self->scope == PV_STATS_SCOPE_POLYGON)
    queue_compute (self, 0);
}

gboolean
pv_stats_panel_get_busy (PvStatsPanel *self)
{
  g_return_val_if_fail (PV_IS_STATS_PANEL (self), FALSE);

  return self->busy;
}

PvLanduseStats *
pv_stats_panel_get_stats (PvStatsPanel *self)
{
  g_return_val_if_fail (PV_IS_STATS_PANEL (self), NULL);

  return self->stats;
}

const char *
pv_stats_panel_get_message (PvStatsPanel *self)
{
  g_return_val_if_fail (PV_IS_STATS_PANEL (self), NULL);

  return self->message;
}

PvStatsPanel *
pv_stats_panel_present_window (GtkWindow     *parent,
                               PvMapView     *map_view,
                               PvVectorLayer *layer)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *panel = pv_stats_panel_new ();

  g_return_val_if_fail (map_view == NULL || PV_IS_MAP_VIEW (map_view), NULL);

  gtk_window_set_title (GTK_WINDOW (window), _("Land-Use Structure Table"));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 600);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (panel, TRUE);
  gtk_box_append (GTK_BOX (box), panel);
  adw_window_set_content (ADW_WINDOW (window), box);
  pv_stats_panel_set_map_view (PV_STATS_PANEL (panel), map_view);
  if (layer != NULL)
    pv_stats_panel_set_layer (PV_STATS_PANEL (panel), layer);
  gtk_window_present (GTK_WINDOW (window));
  return PV_STATS_PANEL (panel);
}
