/* pv-map-tools.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pv-annotation-edit.h"
#include "pv-annotation-tool.h"
#include "pv-annotation-toolbar.h"
#include "pv-map-tools.h"
#include "pv-measure-tool.h"
#include "pv-stats-panel.h"

struct _PvMapTools
{
  GObject             parent_instance;

  GtkWindow          *window;          /* weak */
  PvMapView          *map_view;        /* weak */
  GtkRevealer        *revealer;        /* weak */
  PvMap              *map;
  PvUndoStack        *undo_stack;
  PvMeasureTool      *measure_distance;
  PvMeasureTool      *measure_area;
  PvAnnotationTool   *annotation_tool;
  GtkWidget          *toolbar;
  GSimpleActionGroup *actions;
  PvStatsPanel       *stats_panel;     /* weak */
};

G_DEFINE_FINAL_TYPE (PvMapTools, pv_map_tools, G_TYPE_OBJECT)

static GAction *
lookup (PvMapTools *self,
        const char *name)
{
  return g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);
}

static PvMeasureTool *
current_measure_tool (PvMapTools *self)
{
  PvMapTool *tool = self->map_view ? pv_map_view_get_tool (self->map_view) : NULL;

  return tool != NULL && PV_IS_MEASURE_TOOL (tool) ? PV_MEASURE_TOOL (tool) : NULL;
}

static void
update_actions (PvMapTools *self)
{
  PvMeasureTool *measure = current_measure_tool (self);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (lookup (self, "keep-measurement")),
                               measure != NULL && pv_measure_tool_get_finished (measure) && self->map != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (lookup (self, "undo")), pv_undo_stack_get_can_undo (self->undo_stack));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (lookup (self, "redo")), pv_undo_stack_get_can_redo (self->undo_stack));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (lookup (self, "export-annotations")),
                               self->map != NULL && pv_map_has_annotations (self->map));
}

static void
set_tool (PvMapTools *self,
          const char *name)
{
  PvMapTool *tool = NULL;

  if (g_str_equal (name, "measure-distance"))
    tool = PV_MAP_TOOL (self->measure_distance);
  else if (g_str_equal (name, "measure-area"))
    tool = PV_MAP_TOOL (self->measure_area);
  else if (g_str_equal (name, "annotate") && self->annotation_tool != NULL)
    tool = PV_MAP_TOOL (self->annotation_tool);
  else
    name = "none";

  if (self->map_view != NULL)
    pv_map_view_set_tool (self->map_view, tool);
  if (self->revealer != NULL)
    gtk_revealer_set_reveal_child (self->revealer, g_str_equal (name, "annotate"));
  g_simple_action_set_state (G_SIMPLE_ACTION (lookup (self, "tool")), g_variant_new_string (name));
  update_actions (self);
}

static void
tool_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PvMapTools *self = user_data;
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));
  const char *wanted = g_variant_get_string (parameter, NULL);

  /* The tool that is on goes off (a toggle button, a menu item). */
  set_tool (self, g_str_equal (g_variant_get_string (state, NULL), wanted) ? "none" : wanted);
}

static void
undo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  pv_undo_stack_undo (PV_MAP_TOOLS (user_data)->undo_stack);
}

static void
redo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  pv_undo_stack_redo (PV_MAP_TOOLS (user_data)->undo_stack);
}

/* The finished measurement, kept on the map with its result as the text. */
static void
keep_measurement_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PvMapTools *self = user_data;
  PvMeasureTool *measure = current_measure_tool (self);
  g_autoptr(GArray) xy = NULL;
  g_autoptr(PvAnnotation) annotation = NULL;
  PvAnnotationSet *set;
  PvCrs *crs;

  if (measure == NULL || self->map == NULL || !pv_measure_tool_get_points (measure, &xy))
    return;
  set = pv_map_get_annotations (self->map);
  crs = pv_measure_tool_get_crs (measure);
  for (guint i = 0; i < xy->len / 2; i++)
    if (!pv_annotation_set_point_from_crs (set, crs, &g_array_index (xy, double, 2 * i),
                                           &g_array_index (xy, double, 2 * i + 1)))
      return;
  annotation = pv_annotation_new (PV_ANNOTATION_MEASUREMENT);
  pv_annotation_set_points (annotation, (const double *) xy->data, xy->len / 2);
  pv_annotation_set_closed (annotation, pv_measure_tool_get_mode (measure) == PV_MEASURE_MODE_AREA);
  pv_annotation_set_text (annotation, pv_measure_tool_get_result (measure));
  pv_annotation_edit_add (self->undo_stack, set, annotation);
  pv_measure_tool_clear (measure);
  update_actions (self);
}

/* The layer a structure table is asked for: the topmost visible polygon
 * layer styled by a field, else the topmost visible vector layer. */
static PvVectorLayer *
table_layer (PvMapTools *self)
{
  PvVectorLayer *fallback = NULL;

  for (guint i = self->map ? pv_map_get_n_layers (self->map) : 0; i > 0; i--)
    {
      PvLayer *layer = pv_map_get_layer (self->map, i - 1);
      g_autoptr(PvStyle) style = NULL;

      if (!PV_IS_VECTOR_LAYER (layer) || !pv_layer_get_visible (layer))
        continue;
      if (fallback == NULL)
        fallback = PV_VECTOR_LAYER (layer);
      style = pv_vector_layer_dup_style (PV_VECTOR_LAYER (layer));
      if (style != NULL && pv_style_get_field (style) != NULL &&
          g_strcmp0 (pv_vector_layer_get_geometry_type_name (PV_VECTOR_LAYER (layer)), "Point") != 0)
        return PV_VECTOR_LAYER (layer);
    }
  return fallback;
}

static void
landuse_table_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  PvMapTools *self = user_data;
  g_autoptr(GArray) ring = NULL;

  if (self->window == NULL || self->map_view == NULL)
    return;
  if (self->stats_panel == NULL)
    {
      PvStatsPanel *panel = pv_stats_panel_present_window (self->window, self->map_view, table_layer (self));

      g_set_weak_pointer (&self->stats_panel, panel);
    }
  else
    gtk_window_present (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self->stats_panel))));
  /* A measured area is the natural "inside a polygon" scope. */
  if (self->stats_panel != NULL && pv_measure_tool_get_finished (self->measure_area) &&
      pv_measure_tool_get_points (self->measure_area, &ring))
    pv_stats_panel_set_polygon (self->stats_panel, (const double *) ring->data, ring->len / 2);
}

static void
show_error (PvMapTools   *self,
            const char   *heading,
            const GError *error)
{
  GtkWidget *dialog;

  if (self->window == NULL)
    return;
  dialog = adw_message_dialog_new (self->window, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_exchange_filters (GtkFileChooser *chooser)
{
  static const struct { const char *name; const char *pattern; } formats[] = {
    { N_("GeoPackage"), "*.gpkg" },
    { N_("GeoJSON"), "*.geojson" },
    { N_("KML (Google Earth)"), "*.kml" },
  };
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("Annotation files"));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    gtk_file_filter_add_pattern (all, formats[i].pattern);
  gtk_file_chooser_add_filter (chooser, all);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(formats[i].name));
      gtk_file_filter_add_pattern (filter, formats[i].pattern);
      gtk_file_chooser_add_filter (chooser, filter);
    }
}

/* A modal chooser of annotation exchange files (current_name: the suggested
 * name when saving, or NULL); response_cb gets a reference to self. */
static void
show_exchange_chooser (PvMapTools           *self,
                       const char           *title,
                       GtkFileChooserAction  action,
                       const char           *accept_label,
                       const char           *current_name,
                       GCallback             response_cb)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, self->window, action, accept_label, _("_Cancel"));
  add_exchange_filters (GTK_FILE_CHOOSER (chooser));
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", response_cb, g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(PvMapTools) self = user_data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL && self->map != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (path, -1);

      /* A name typed without a known suffix is a GeoPackage. */
      if (!g_str_has_suffix (lower, ".gpkg") && !g_str_has_suffix (lower, ".geojson") &&
          !g_str_has_suffix (lower, ".kml"))
        {
          char *with_suffix = g_strconcat (path, ".gpkg", NULL);

          g_free (path);
          path = with_suffix;
        }
      if (!pv_annotation_set_export (pv_map_get_annotations (self->map), path, &error))
        show_error (self, _("The annotations were not exported"), error);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_annotations_activated (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  PvMapTools *self = user_data;

  show_exchange_chooser (self, _("Export Annotations"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                         /* Translators: the default file name of exported annotations. */
                         _("annotations.gpkg"),
                         G_CALLBACK (export_response_cb));
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(PvMapTools) self = user_data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL && self->map != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PvAnnotationSet) imported = pv_annotation_set_import (path, &error);
      PvAnnotationSet *set = pv_map_get_annotations (self->map);

      if (imported != NULL && pv_annotation_set_get_crs (set) != NULL &&
          !pv_annotation_set_transform_to (imported, pv_annotation_set_get_crs (set), &error))
        g_clear_object (&imported);
      if (imported == NULL)
        show_error (self, _("The annotations were not imported"), error);
      else
        while (pv_annotation_set_get_n_annotations (imported) > 0)
          {
            g_autoptr(PvAnnotation) annotation = g_object_ref (pv_annotation_set_get_annotation (imported, 0));

            pv_annotation_set_remove (imported, annotation);
            pv_annotation_edit_add (self->undo_stack, set, annotation);
          }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
import_annotations_activated (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  PvMapTools *self = user_data;

  show_exchange_chooser (self, _("Import Annotations"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                         NULL, G_CALLBACK (import_response_cb));
}

/* Escape that the tool does not want (nothing drawn, nothing selected)
 * puts the tool away. */
static gboolean
key_pressed_cb (PvMapTools      *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  if (keyval != GDK_KEY_Escape || self->map_view == NULL || pv_map_view_get_tool (self->map_view) == NULL)
    return FALSE;
  set_tool (self, "none");
  return TRUE;
}

static void
pv_map_tools_dispose (GObject *object)
{
  PvMapTools *self = PV_MAP_TOOLS (object);

  if (self->undo_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_stack, self);
  if (self->measure_distance != NULL)
    g_signal_handlers_disconnect_by_data (self->measure_distance, self);
  if (self->measure_area != NULL)
    g_signal_handlers_disconnect_by_data (self->measure_area, self);
  g_clear_weak_pointer (&self->window);
  g_clear_weak_pointer (&self->map_view);
  g_clear_weak_pointer (&self->revealer);
  g_clear_weak_pointer (&self->stats_panel);
  g_clear_object (&self->map);
  g_clear_object (&self->measure_distance);
  g_clear_object (&self->measure_area);
  g_clear_object (&self->annotation_tool);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (pv_map_tools_parent_class)->dispose (object);
}

static void
pv_map_tools_class_init (PvMapToolsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pv_map_tools_dispose;
}

static void
pv_map_tools_init (PvMapTools *self)
{
  const GActionEntry entries[] = {
    { "tool", tool_activated, "s", "'none'", NULL },
    { "undo", undo_activated },
    { "redo", redo_activated },
    { "keep-measurement", keep_measurement_activated },
    { "landuse-table", landuse_table_activated },
    { "export-annotations", export_annotations_activated },
    { "import-annotations", import_annotations_activated },
  };

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  self->undo_stack = pv_undo_stack_new ();
  self->measure_distance = pv_measure_tool_new (PV_MEASURE_MODE_DISTANCE);
  self->measure_area = pv_measure_tool_new (PV_MEASURE_MODE_AREA);
  g_signal_connect_object (self->undo_stack, "notify::can-undo", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_stack, "notify::can-redo", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->measure_distance, "notify::finished", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->measure_area, "notify::finished", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
}

PvMapTools *
pv_map_tools_new (GtkWindow   *window,
                  PvMapView   *map_view,
                  GtkRevealer *toolbar_parent)
{
  PvMapTools *self;
  GtkEventController *keys;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (PV_IS_MAP_VIEW (map_view), NULL);
  g_return_val_if_fail (toolbar_parent == NULL || GTK_IS_REVEALER (toolbar_parent), NULL);

  self = g_object_new (PV_TYPE_MAP_TOOLS, NULL);
  g_set_weak_pointer (&self->window, window);
  g_set_weak_pointer (&self->map_view, map_view);
  if (toolbar_parent != NULL)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();

      g_set_weak_pointer (&self->revealer, toolbar_parent);
      self->toolbar = pv_annotation_toolbar_new ();
      /* The toolbar is wide: scrolled, it does not make the window's
       * content wider (which would fold the sidebar away). */
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->toolbar);
      gtk_revealer_set_child (toolbar_parent, scroller);
    }
  gtk_widget_insert_action_group (GTK_WIDGET (window), "tools", G_ACTION_GROUP (self->actions));
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (map_view), keys);
  update_actions (self);
  return self;
}

static void
annotations_changed_cb (PvMapTools *self)
{
  update_actions (self);
}

void
pv_map_tools_set_map (PvMapTools *self,
                      PvMap      *map)
{
  PvAnnotationSet *set;

  g_return_if_fail (PV_IS_MAP_TOOLS (self));
  g_return_if_fail (PV_IS_MAP (map));

  if (self->map == map)
    return;
  set_tool (self, "none");
  g_set_object (&self->map, map);
  /* Another project: its own history. */
  pv_undo_stack_clear (self->undo_stack);
  set = pv_map_get_annotations (map);
  g_signal_connect_object (set, "changed", G_CALLBACK (annotations_changed_cb), self, G_CONNECT_SWAPPED);
  if (self->annotation_tool == NULL)
    {
      self->annotation_tool = pv_annotation_tool_new (set, self->undo_stack);
      if (self->toolbar != NULL)
        pv_annotation_toolbar_set_tool (PV_ANNOTATION_TOOLBAR (self->toolbar), self->annotation_tool);
    }
  else
    pv_annotation_tool_set_annotations (self->annotation_tool, set);
  pv_measure_tool_clear (self->measure_distance);
  pv_measure_tool_clear (self->measure_area);
  update_actions (self);
}

PvUndoStack *
pv_map_tools_get_undo_stack (PvMapTools *self)
{
  g_return_val_if_fail (PV_IS_MAP_TOOLS (self), NULL);

  return self->undo_stack;
}
