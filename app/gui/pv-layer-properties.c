/* pv-layer-properties.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pv-format.h"
#include "pv-label-editor.h"
#include "pv-layer-properties.h"
#include "pv-load-crs.h"
#include "pv-map-view.h"
#include "pv-raster-style-editor.h"
#include "pv-style-editor.h"
#include "pv-task.h"
#include "pv-window.h"

struct _PvLayerProperties
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  AdwViewStackPage     *style_page;
  AdwViewStackPage     *labels_page;
  AdwBin               *style_bin;
  AdwBin               *labels_bin;
  AdwPreferencesGroup  *source_group;
  AdwPreferencesGroup  *crs_group;
  AdwActionRow         *crs_row;
  GtkWidget            *assign_button;
  AdwPreferencesGroup  *extent_group;
  AdwPreferencesGroup  *content_group;
  AdwPreferencesGroup  *fields_group;
  AdwPreferencesGroup  *encoding_group;
  AdwComboRow          *encoding_row;
  GtkScale             *opacity_scale;
  GtkWidget            *fill_opacity_row;
  GtkScale             *fill_opacity_scale;
  GtkSpinButton        *min_scale_spin;
  GtkSpinButton        *max_scale_spin;
  GtkWidget            *min_scale_current_button;
  GtkWidget            *max_scale_current_button;
  GtkLabel             *scale_warning;

  PvLayer              *layer;
  PvMap                *map;
  GPtrArray            *rows;      /* (group, row) pairs added by refresh() */
  GBinding             *opacity_binding;
  GCancellable         *cancellable;
  gboolean              syncing;   /* writing the layer's values into widgets */
  gboolean              sync_queued;
  GCancellable         *encoding_cancellable;
};

G_DEFINE_FINAL_TYPE (PvLayerProperties, pv_layer_properties, ADW_TYPE_WINDOW)

static void
add_row (PvLayerProperties   *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (value ? value : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, group);
  g_ptr_array_add (self->rows, row);
}

static char *
format_extent (double xmin,
               double ymin,
               double xmax,
               double ymax,
               PvCrs  *crs)
{
  int decimals = crs != NULL && pv_crs_is_geographic (crs) ? 6 : 2;
  g_autofree char *a = pv_format_grouped (xmin, decimals);
  g_autofree char *b = pv_format_grouped (ymin, decimals);
  g_autofree char *c = pv_format_grouped (xmax, decimals);
  g_autofree char *d = pv_format_grouped (ymax, decimals);

  /* Translators: an extent: lower-left and upper-right corners (x, y). */
  return g_strdup_printf (_("%s, %s — %s, %s"), a, b, c, d);
}

static char *
crs_text (PvCrs *crs)
{
  g_autofree char *label = NULL;

  if (crs == NULL)
    return g_strdup (_("Unknown"));
  label = pv_crs_dup_label (crs);
  if (g_strcmp0 (label, pv_crs_get_name (crs)) == 0)
    return g_steal_pointer (&label);
  /* Translators: "EPSG:9210 — VN-2000 / TM-3 105-45". */
  return g_strdup_printf (_("%s — %s"), label, pv_crs_get_name (crs));
}

static gboolean
can_assign_crs (PvLayer *layer)
{
  if (pv_layer_get_crs (layer) != NULL)
    return FALSE;
  if (PV_IS_RASTER_LAYER (layer))
    return pv_raster_layer_is_georeferenced (PV_RASTER_LAYER (layer));
  return TRUE;
}

/* Row 0 of the encoding list is "automatic"; row 1 + n is PvEncoding n. */
static void
sync_encoding (PvLayerProperties *self)
{
  PvVectorLayer *vector = PV_IS_VECTOR_LAYER (self->layer) ? PV_VECTOR_LAYER (self->layer) : NULL;
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;
  gboolean syncing = self->syncing;

  gtk_widget_set_visible (GTK_WIDGET (self->encoding_group), vector != NULL);
  if (vector == NULL)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (self->encoding_row), "error");
  description = pv_vector_layer_dup_encoding_description (vector);
  escaped = g_markup_escape_text (description, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), escaped);
  gtk_widget_set_sensitive (GTK_WIDGET (self->encoding_row), pv_vector_layer_can_set_encoding (vector));
  self->syncing = TRUE;
  if (pv_vector_layer_get_encoding_origin (vector) == PV_ENCODING_ORIGIN_USER)
    adw_combo_row_set_selected (self->encoding_row, 1 + pv_vector_layer_get_encoding (vector));
  else
    adw_combo_row_set_selected (self->encoding_row, 0);
  self->syncing = syncing;
}

static void
set_encoding_worker (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  PvVectorLayer *layer = source_object;
  guint selected = GPOINTER_TO_UINT (task_data);
  GError *error = NULL;

  if (pv_vector_layer_set_encoding (layer, selected == 0 ? PV_ENCODING_UTF8 : (PvEncoding) (selected - 1),
                                    selected == 0, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void refresh (PvLayerProperties *self);

static void
set_encoding_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PvLayerProperties) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->layer != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (error->message, -1);

          refresh (self);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), escaped);
          gtk_widget_add_css_class (GTK_WIDGET (self->encoding_row), "error");
        }
      return;
    }
  if (self->layer != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    refresh (self);
}

static void
encoding_selected_cb (PvLayerProperties *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->syncing || self->layer == NULL || !PV_IS_VECTOR_LAYER (self->layer))
    return;
  g_cancellable_cancel (self->encoding_cancellable);
  g_clear_object (&self->encoding_cancellable);
  self->encoding_cancellable = g_cancellable_new ();
  /* Decoding anew reads the whole file for styles and labels. */
  task = g_task_new (self->layer, self->encoding_cancellable, set_encoding_cb, g_object_ref (self));
  g_task_set_source_tag (task, encoding_selected_cb);
  g_task_set_name (task, "[planviewer] layer encoding");
  g_task_set_task_data (task, GUINT_TO_POINTER (adw_combo_row_get_selected (self->encoding_row)), NULL);
  pv_task_run_in_thread (task, set_encoding_worker);
}

static void
refresh (PvLayerProperties *self)
{
  PvLayer *layer = self->layer;
  PvCrs *crs = pv_layer_get_crs (layer);
  PvCrs *map_crs = self->map ? pv_map_get_crs (self->map) : NULL;
  g_autofree char *crs_label = crs_text (crs);
  double xmin, ymin, xmax, ymax;

  for (guint i = 0; i + 1 < self->rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->rows, i), g_ptr_array_index (self->rows, i + 1));
  g_ptr_array_set_size (self->rows, 0);

  adw_view_switcher_title_set_subtitle (self->switcher_title, pv_layer_get_name (layer));

  /* Source */
  add_row (self, self->source_group, _("Name"), pv_layer_get_name (layer));
  if (pv_layer_get_source (layer) != NULL)
    {
      g_autofree char *display = g_filename_display_name (pv_layer_get_source (layer));

      add_row (self, self->source_group, _("File"), display);
    }
  if (pv_layer_get_source_layer (layer) != NULL)
    add_row (self, self->source_group, _("Layer in the file"), pv_layer_get_source_layer (layer));
  if (PV_IS_VECTOR_LAYER (layer))
    {
      PvVectorLayer *vector = PV_VECTOR_LAYER (layer);
      /* Translators: the kind of a layer, then its geometry type. */
      g_autofree char *kind = g_strdup_printf (_("Vector, %s"), pv_vector_layer_get_geometry_type_name (vector));

      add_row (self, self->source_group, _("Driver"), pv_vector_layer_get_driver_name (vector));
      add_row (self, self->source_group, _("Kind"), kind);
    }
  else if (PV_IS_RASTER_LAYER (layer))
    {
      PvRasterLayer *raster = PV_RASTER_LAYER (layer);
      /* Translators: the kind of a layer, then its colour kind (RGB, grey…). */
      g_autofree char *kind = g_strdup_printf (_("Raster, %s"), pv_raster_layer_get_kind_name (raster));

      add_row (self, self->source_group, _("Driver"), pv_raster_layer_get_driver_name (raster));
      add_row (self, self->source_group, _("Kind"), kind);
    }
  if (pv_layer_get_notice (layer) != NULL)
    add_row (self, self->source_group, _("Notice"), pv_layer_get_notice (layer));

  /* CRS */
  adw_action_row_set_subtitle (self->crs_row, crs_label);
  gtk_widget_set_visible (self->assign_button, can_assign_crs (layer));
  if (map_crs != NULL && crs != NULL)
    {
      g_autofree char *map_label = crs_text (map_crs);

      add_row (self, self->crs_group, _("Map CRS"), map_label);
    }

  /* Extent */
  if (pv_layer_get_extent (layer, &xmin, &ymin, &xmax, &ymax))
    {
      g_autofree char *own = format_extent (xmin, ymin, xmax, ymax, crs);

      add_row (self, self->extent_group, _("In the layer CRS"), own);
      if (pv_layer_get_extent_in (layer, map_crs, &xmin, &ymin, &xmax, &ymax))
        {
          g_autofree char *in_map = format_extent (xmin, ymin, xmax, ymax, map_crs);

          add_row (self, self->extent_group, _("In the map CRS"), in_map);
        }
    }
  else
    add_row (self, self->extent_group, _("Extent"), _("Empty"));

  /* Content and fields */
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), PV_IS_VECTOR_LAYER (layer));
  if (PV_IS_VECTOR_LAYER (layer))
    {
      PvVectorLayer *vector = PV_VECTOR_LAYER (layer);
      g_autofree char *features = g_strdup_printf ("%u", pv_vector_layer_get_n_features (vector));
      g_autofree char *geometries = g_strdup_printf ("%u", pv_vector_layer_get_n_geometries (vector));
      g_autofree char *vertices = g_strdup_printf ("%u", pv_vector_layer_get_n_vertices (vector));
      guint n_fields = pv_vector_layer_get_n_fields (vector);

      add_row (self, self->content_group, _("Features"), features);
      add_row (self, self->content_group, _("With a geometry"), geometries);
      add_row (self, self->content_group, _("Vertices"), vertices);
      for (guint i = 0; i < n_fields; i++)
        add_row (self, self->fields_group,
                 pv_vector_layer_get_field_name (vector, i),
                 pv_vector_layer_get_field_type_name (vector, i));
      if (n_fields == 0)
        add_row (self, self->fields_group, _("No fields"), NULL);
    }
  else if (PV_IS_RASTER_LAYER (layer))
    {
      PvRasterLayer *raster = PV_RASTER_LAYER (layer);
      /* Translators: raster width × height in pixels. */
      g_autofree char *size = g_strdup_printf (_("%d × %d pixels"),
                                               pv_raster_layer_get_width (raster),
                                               pv_raster_layer_get_height (raster));
      g_autofree char *bands = g_strdup_printf ("%d", pv_raster_layer_get_n_bands (raster));
      g_autofree char *overviews = g_strdup_printf ("%d", pv_raster_layer_get_n_overviews (raster));

      add_row (self, self->content_group, _("Size"), size);
      add_row (self, self->content_group, _("Bands"), bands);
      add_row (self, self->content_group, _("Data type"), pv_raster_layer_get_data_type_name (raster));
      add_row (self, self->content_group, _("Overviews"), overviews);
      add_row (self, self->content_group, _("Georeferenced"),
               pv_raster_layer_is_georeferenced (raster) ? _("Yes") : _("No, drawn in pixels"));
    }
  sync_encoding (self);
}

/* The scale shown by the map view of the window this one belongs to, or 0. */
static double
current_map_scale (PvLayerProperties *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  PvMapView *map_view;

  if (!PV_IS_WINDOW (parent))
    return 0;
  map_view = pv_window_get_map_view (PV_WINDOW (parent));
  if (map_view == NULL || pv_map_view_get_viewport (map_view) == NULL)
    return 0;
  return pv_viewport_get_scale (pv_map_view_get_viewport (map_view));
}

static void
update_scale_warning (PvLayerProperties *self,
                      double             min_scale,
                      double             max_scale)
{
  gboolean empty = min_scale > 0 && max_scale > 0 && min_scale > max_scale;

  if (empty)
    {
      g_autofree char *from = pv_format_grouped (max_scale, 0);
      g_autofree char *to = pv_format_grouped (min_scale, 0);
      /* Translators: the two scale denominators of a layer's scale range
       * ("Visible from 1:%s to 1:%s") the wrong way round. */
      g_autofree char *text = g_strdup_printf (_("1:%s is more zoomed in than 1:%s, so the layer is never drawn."),
                                               from, to);

      gtk_label_set_text (self->scale_warning, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->scale_warning), empty);
}

/* Writes the layer's fill opacity and scale range into the widgets. */
static void
sync_display (PvLayerProperties *self)
{
  double min_scale, max_scale;

  if (self->layer == NULL)
    return;
  pv_layer_get_scale_range (self->layer, &min_scale, &max_scale);
  self->syncing = TRUE;
  gtk_range_set_value (GTK_RANGE (self->fill_opacity_scale), pv_layer_get_fill_opacity (self->layer));
  gtk_spin_button_set_value (self->min_scale_spin, min_scale);
  gtk_spin_button_set_value (self->max_scale_spin, max_scale);
  self->syncing = FALSE;
  update_scale_warning (self, min_scale, max_scale);
}

static gboolean
sync_display_idle_cb (gpointer data)
{
  PvLayerProperties *self = data;

  self->sync_queued = FALSE;
  sync_display (self);
  return G_SOURCE_REMOVE;
}

static gboolean
queue_sync_display_cb (gpointer data)
{
  PvLayerProperties *self = data;

  if (!self->sync_queued && self->layer != NULL)
    {
      self->sync_queued = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, sync_display_idle_cb, g_object_ref (self), g_object_unref);
    }
  return G_SOURCE_REMOVE;
}

static void
appearance_changed_cb (PvLayer           *layer,
                       PvLayerProperties *self)
{
  /* Emitted from worker threads too: look at the layer on the main thread. */
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT_IDLE, queue_sync_display_cb,
                              g_object_ref (self), g_object_unref);
}

static void
fill_opacity_changed_cb (PvLayerProperties *self)
{
  double value = gtk_range_get_value (GTK_RANGE (self->fill_opacity_scale));

  if (self->syncing || self->layer == NULL)
    return;
  if (fabs (value - pv_layer_get_fill_opacity (self->layer)) > 1e-9)
    pv_layer_set_fill_opacity (self->layer, value);
}

static void
scale_range_changed_cb (PvLayerProperties *self)
{
  double min_scale = gtk_spin_button_get_value (self->min_scale_spin);
  double max_scale = gtk_spin_button_get_value (self->max_scale_spin);
  double old_min, old_max;

  if (self->syncing || self->layer == NULL)
    return;
  update_scale_warning (self, min_scale, max_scale);
  pv_layer_get_scale_range (self->layer, &old_min, &old_max);
  if (old_min != min_scale || old_max != max_scale)
    pv_layer_set_scale_range (self->layer, min_scale, max_scale);
}

static void
min_scale_current_cb (PvLayerProperties *self)
{
  double scale = current_map_scale (self);

  if (scale > 0)
    gtk_spin_button_set_value (self->min_scale_spin, round (scale));
}

static void
max_scale_current_cb (PvLayerProperties *self)
{
  double scale = current_map_scale (self);

  if (scale > 0)
    gtk_spin_button_set_value (self->max_scale_spin, round (scale));
}

/* The Style and Labels pages, which edit the layer itself. */
static void
add_editors (PvLayerProperties *self)
{
  if (PV_IS_VECTOR_LAYER (self->layer))
    {
      /* The style editor scrolls its own preferences page. */
      adw_bin_set_child (self->style_bin, pv_style_editor_new (PV_VECTOR_LAYER (self->layer)));
      adw_bin_set_child (self->labels_bin, pv_label_editor_new (PV_VECTOR_LAYER (self->layer)));
      adw_view_stack_page_set_visible (self->labels_page, TRUE);
    }
  else if (PV_IS_RASTER_LAYER (self->layer))
    {
      GtkWidget *page = adw_preferences_page_new ();

      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                                ADW_PREFERENCES_GROUP (pv_raster_style_editor_new (PV_RASTER_LAYER (self->layer))));
      adw_bin_set_child (self->style_bin, page);
    }
  gtk_widget_set_visible (self->fill_opacity_row, PV_IS_VECTOR_LAYER (self->layer));
  adw_view_stack_page_set_visible (self->style_page, adw_bin_get_child (self->style_bin) != NULL);
}

static void
ask_crs_cb (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PvLayerProperties) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) crs = pv_load_ask_crs_finish (result, &error);

  if (crs != NULL && self->layer != NULL)
    pv_layer_set_crs (self->layer, crs);
}

static void
assign_clicked_cb (PvLayerProperties *self)
{
  const char *source = pv_layer_get_source (self->layer);
  g_autofree char *base = source ? g_path_get_basename (source) : NULL;
  g_autofree char *display = base ? g_filename_display_name (base) : g_strdup (pv_layer_get_name (self->layer));

  double extent[4];

  /* The layer's own coordinates tell which CRSs fit (nothing assumed). */
  if (pv_layer_get_extent (self->layer, &extent[0], &extent[1], &extent[2], &extent[3]))
    pv_load_ask_crs_for_extent_async (GTK_WINDOW (self), display, extent, self->cancellable, ask_crs_cb,
                                      g_object_ref (self));
  else
    pv_load_ask_crs_async (GTK_WINDOW (self), display, self->cancellable, ask_crs_cb, g_object_ref (self));
}

static void
pv_layer_properties_dispose (GObject *object)
{
  PvLayerProperties *self = PV_LAYER_PROPERTIES (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->encoding_cancellable);
  g_clear_object (&self->encoding_cancellable);
  if (self->layer != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->layer, refresh, self);
      g_signal_handlers_disconnect_by_func (self->layer, appearance_changed_cb, self);
    }
  if (self->opacity_binding != NULL)
    g_binding_unbind (self->opacity_binding);
  self->opacity_binding = NULL;
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_LAYER_PROPERTIES);
  g_clear_object (&self->layer);
  g_clear_object (&self->map);

  G_OBJECT_CLASS (pv_layer_properties_parent_class)->dispose (object);
}

static void
pv_layer_properties_class_init (PvLayerPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_layer_properties_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-layer-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, style_page);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, labels_page);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, style_bin);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, labels_bin);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, source_group);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, crs_group);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, crs_row);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, assign_button);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, extent_group);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, content_group);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, fields_group);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, encoding_group);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, opacity_scale);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, fill_opacity_row);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, fill_opacity_scale);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, min_scale_spin);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, max_scale_spin);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, min_scale_current_button);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, max_scale_current_button);
  gtk_widget_class_bind_template_child (widget_class, PvLayerProperties, scale_warning);
  gtk_widget_class_bind_template_callback (widget_class, assign_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, encoding_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, fill_opacity_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scale_range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, min_scale_current_cb);
  gtk_widget_class_bind_template_callback (widget_class, max_scale_current_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pv_layer_properties_init (PvLayerProperties *self)
{
  g_autoptr(GtkStringList) encodings = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Translators: the text encoding is found from the file (declared or detected). */
  gtk_string_list_append (encodings, _("Automatic"));
  for (guint i = 0; i < PV_ENCODING_N_ENCODINGS; i++)
    gtk_string_list_append (encodings, pv_encoding_get_label (i));
  self->syncing = TRUE;
  adw_combo_row_set_model (self->encoding_row, G_LIST_MODEL (encodings));
  self->syncing = FALSE;
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
pv_layer_properties_new (GtkWindow *parent,
                         PvLayer   *layer,
                         PvMap     *map)
{
  PvLayerProperties *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PV_IS_LAYER (layer), NULL);
  g_return_val_if_fail (map == NULL || PV_IS_MAP (map), NULL);

  self = g_object_new (PV_TYPE_LAYER_PROPERTIES, "transient-for", parent, NULL);
  self->layer = g_object_ref (layer);
  self->map = map ? g_object_ref (map) : NULL;
  self->opacity_binding = g_object_bind_property (layer, "opacity",
                                                  gtk_range_get_adjustment (GTK_RANGE (self->opacity_scale)),
                                                  "value",
                                                  G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_signal_connect_object (layer, "notify::crs", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (layer, "notify::name", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  if (PV_IS_VECTOR_LAYER (layer))
    g_signal_connect (layer, "text-changed", G_CALLBACK (appearance_changed_cb), self);
  g_signal_connect (layer, "appearance-changed", G_CALLBACK (appearance_changed_cb), self);
  gtk_widget_set_sensitive (self->min_scale_current_button, current_map_scale (self) > 0);
  gtk_widget_set_sensitive (self->max_scale_current_button, current_map_scale (self) > 0);
  refresh (self);
  sync_display (self);
  add_editors (self);

  return GTK_WIDGET (self);
}

PvLayer *
pv_layer_properties_get_layer (PvLayerProperties *self)
{
  g_return_val_if_fail (PV_IS_LAYER_PROPERTIES (self), NULL);

  return self->layer;
}
