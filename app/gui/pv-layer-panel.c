/* pv-layer-panel.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pv-layer-panel.h"
#include "pv-layer-properties.h"
#include "pv-reversed-model.h"

/* Margin around a layer's extent when zooming to it. */
#define ZOOM_MARGIN 0.05

struct _PvLayerPanel
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkWidget        *box;
  GtkWidget        *placeholder;
  GtkWidget        *scroller;
  GtkListView      *list_view;
  GtkRevealer      *progress_revealer;
  GtkLabel         *progress_label;
  GtkProgressBar   *progress_bar;
  GMenuModel       *row_menu;

  PvMapView        *map_view;
  PvMap            *map;
  PvLoadQueue      *load_queue;
  PvReversedModel  *model;
  GtkSingleSelection *selection;
  guint             pulse_source;

  /* The last removed layer, for Undo. */
  PvLayer          *removed_layer;
  guint             removed_position;
  AdwToast         *removed_toast;
};

G_DEFINE_FINAL_TYPE (PvLayerPanel, pv_layer_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAP_VIEW,
  PROP_LOAD_QUEUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static PvLayer *
layer_at (PvLayerPanel *self,
          GVariant     *parameter)
{
  guint position = g_variant_get_uint32 (parameter);

  if (self->map == NULL || position >= pv_map_get_n_layers (self->map))
    return NULL;
  return pv_map_get_layer (self->map, position);
}

static void
update_visibility (PvLayerPanel *self)
{
  gboolean has_layers = self->map != NULL && pv_map_get_n_layers (self->map) > 0;

  gtk_widget_set_visible (self->scroller, has_layers);
  gtk_widget_set_visible (self->placeholder, !has_layers);
}

static void
update_actions (PvLayerPanel *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "layer.undo-remove", self->removed_layer != NULL);
}

static void
layers_changed_cb (PvLayerPanel *self,
                   guint         position,
                   guint         removed,
                   guint         added,
                   GListModel   *layers)
{
  update_visibility (self);
}

static void
set_map (PvLayerPanel *self,
         PvMap        *map)
{
  if (self->map == map)
    return;
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);
  g_set_object (&self->map, map);
  if (map != NULL)
    g_signal_connect_object (pv_map_get_layers (map), "items-changed", G_CALLBACK (layers_changed_cb),
                             self, G_CONNECT_SWAPPED);
  pv_reversed_model_set_model (self->model, map ? pv_map_get_layers (map) : NULL);

  /* Undo would put a layer into another map. */
  g_clear_object (&self->removed_layer);
  if (self->removed_toast != NULL)
    adw_toast_dismiss (self->removed_toast);
  g_clear_object (&self->removed_toast);
  update_actions (self);
  update_visibility (self);
}

static void
map_view_map_cb (PvLayerPanel *self,
                 GParamSpec   *pspec,
                 PvMapView    *map_view)
{
  set_map (self, pv_map_view_get_map (map_view));
}

static GtkWindow *
parent_window (PvLayerPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
add_toast (PvLayerPanel *self,
           AdwToast     *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
}

/* Actions */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PvLayerPanel *self = PV_LAYER_PANEL (widget);
  PvLayer *layer = layer_at (self, parameter);
  double xmin, ymin, xmax, ymax, dx, dy, pad;

  if (layer == NULL || self->map_view == NULL)
    return;
  if (!pv_layer_get_extent_in (layer, pv_map_get_crs (self->map), &xmin, &ymin, &xmax, &ymax))
    return;
  if (!isfinite (xmin) || !isfinite (ymin) || !isfinite (xmax) || !isfinite (ymax))
    return;
  dx = xmax - xmin;
  dy = ymax - ymin;
  /* A single point still needs some ground around it. */
  pad = MAX (dx, dy) * ZOOM_MARGIN;
  if (pad <= 0)
    {
      PvCrs *crs = pv_map_get_crs (self->map);

      pad = crs != NULL && pv_crs_is_geographic (crs) ? 0.001 : 100.0;
    }
  pv_viewport_fit_extent (pv_map_view_get_viewport (self->map_view),
                          xmin - pad, ymin - pad, xmax + pad, ymax + pad);
}

static void
properties_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PvLayerPanel *self = PV_LAYER_PANEL (widget);
  PvLayer *layer = layer_at (self, parameter);
  GtkWidget *dialog;

  if (layer == NULL)
    return;
  dialog = pv_layer_properties_new (parent_window (self), layer, self->map);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PvLayer          *layer)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "rename") == 0)
    {
      name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
      if (name[0] != '\0')
        pv_layer_set_name (layer, name);
    }
  /* A button closes the dialog itself; a response from code does not. */
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
rename_entry_activate_cb (GtkEntry         *entry,
                          AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "rename");
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PvLayerPanel *self = PV_LAYER_PANEL (widget);
  PvLayer *layer = layer_at (self, parameter);
  GtkWidget *dialog, *entry;

  if (layer == NULL)
    return;
  dialog = adw_message_dialog_new (parent_window (self), _("Rename Layer"), NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), pv_layer_get_name (layer));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Layer name"),
                                  -1);
  g_signal_connect (entry, "activate", G_CALLBACK (rename_entry_activate_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_signal_connect_data (dialog, "response", G_CALLBACK (rename_response_cb),
                         g_object_ref (layer), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
select_layer (PvLayerPanel *self,
              PvLayer      *layer)
{
  guint position;

  if (pv_map_get_layer_position (self->map, layer, &position))
    gtk_single_selection_set_selected (self->selection, pv_map_get_n_layers (self->map) - 1 - position);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PvLayerPanel *self = PV_LAYER_PANEL (widget);
  PvLayer *layer = layer_at (self, parameter);
  guint position, n;

  if (layer == NULL)
    return;
  position = g_variant_get_uint32 (parameter);
  n = pv_map_get_n_layers (self->map);
  /* Up in the panel is up the drawing order. */
  if (g_str_equal (action_name, "layer.move-up") && position + 1 < n)
    pv_map_move_layer (self->map, position, position + 1);
  else if (g_str_equal (action_name, "layer.move-down") && position > 0)
    pv_map_move_layer (self->map, position, position - 1);
  else
    return;
  select_layer (self, layer);
}

static void
undo_toast_clicked_cb (PvLayerPanel *self,
                       AdwToast     *toast)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "layer.undo-remove", NULL);
}

static void
undo_toast_dismissed_cb (PvLayerPanel *self,
                         AdwToast     *toast)
{
  if (self->removed_toast == toast)
    g_clear_object (&self->removed_toast);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PvLayerPanel *self = PV_LAYER_PANEL (widget);
  PvLayer *layer = layer_at (self, parameter);
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;

  if (layer == NULL)
    return;
  g_set_object (&self->removed_layer, layer);
  self->removed_position = g_variant_get_uint32 (parameter);
  pv_map_remove_layer (self->map, self->removed_position);

  if (self->removed_toast != NULL)
    adw_toast_dismiss (self->removed_toast);
  g_clear_object (&self->removed_toast);
  escaped = g_markup_escape_text (pv_layer_get_name (layer) ? pv_layer_get_name (layer) : "", -1);
  /* Translators: %s is a layer name. */
  title = g_strdup_printf (_("“%s” removed"), escaped);
  self->removed_toast = adw_toast_new (title);
  adw_toast_set_button_label (self->removed_toast, _("_Undo"));
  g_signal_connect_object (self->removed_toast, "button-clicked", G_CALLBACK (undo_toast_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->removed_toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb),
                           self, G_CONNECT_SWAPPED);
  add_toast (self, self->removed_toast);
  update_actions (self);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PvLayerPanel *self = PV_LAYER_PANEL (widget);
  g_autoptr(PvLayer) layer = g_steal_pointer (&self->removed_layer);

  if (layer == NULL || self->map == NULL)
    return;
  pv_map_insert_layer (self->map, self->removed_position, layer);
  if (self->removed_toast != NULL)
    adw_toast_dismiss (self->removed_toast);
  g_clear_object (&self->removed_toast);
  select_layer (self, layer);
  update_actions (self);
}

/* The selected row's actions, for the keyboard. */
static gboolean
selected_action_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  PvLayerPanel *self = PV_LAYER_PANEL (widget);
  const char *action = g_variant_get_string (args, NULL);
  PvLayer *layer = gtk_single_selection_get_selected_item (self->selection);
  guint position;

  if (layer == NULL || !pv_map_get_layer_position (self->map, layer, &position))
    return FALSE;
  if (g_str_equal (action, "menu"))
    {
      GtkListItem *item = NULL;
      GtkWidget *child;

      /* The row widgets are the list view's children; find the selected one. */
      for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          GtkWidget *box = gtk_widget_get_first_child (child);

          if (box != NULL && g_object_get_data (G_OBJECT (box), "list-item") != NULL)
            {
              item = g_object_get_data (G_OBJECT (box), "list-item");
              if (gtk_list_item_get_item (item) == (gpointer) layer)
                {
                  gtk_menu_button_popup (g_object_get_data (G_OBJECT (item), "menu-button"));
                  return TRUE;
                }
            }
        }
      return FALSE;
    }
  return gtk_widget_activate_action (widget, action, "u", position);
}

/* Rows */

static void
swatch_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GtkListItem *list_item = user_data;
  PvLayer *layer = gtk_list_item_get_item (list_item);
  double rgb[3];

  if (layer == NULL)
    return;
  pv_layer_get_color (layer, rgb);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* Activates action_name on the panel with the map position of the row's
 * layer, when that layer is of layer_type. */
static void
activate_for_row (GtkListItem *list_item,
                  GType        layer_type,
                  const char  *action_name)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  PvLayerPanel *self = PV_LAYER_PANEL (gtk_widget_get_ancestor (box, PV_TYPE_LAYER_PANEL));
  PvLayer *layer = gtk_list_item_get_item (list_item);
  guint position;

  if (self == NULL || !G_TYPE_CHECK_INSTANCE_TYPE (layer, layer_type) ||
      !pv_map_get_layer_position (self->map, layer, &position))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), action_name, "u", position);
}

/* A row's "row." action: the panel's "layer." one for the row's layer. */
static void
row_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  g_autofree char *name = g_strconcat ("layer.", g_action_get_name (G_ACTION (action)), NULL);

  activate_for_row (user_data, PV_TYPE_LAYER, name);
}

/* The attribute table belongs to the window (one per layer, shared with
 * identify): hand it the row's layer. */
static void
row_attribute_table_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  activate_for_row (user_data, PV_TYPE_VECTOR_LAYER, "win.open-attribute-table");
}

/* A layer whose file is missing: the window finds it (file chooser, then
 * the layer opens in place with its saved style). */
static void
row_locate_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  activate_for_row (user_data, PV_TYPE_MISSING_LAYER, "win.locate-layer");
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *list_item)
{
  PvLayer *layer = gtk_list_item_get_item (list_item);

  if (layer == NULL)
    return NULL;
  return gdk_content_provider_new_typed (PV_TYPE_LAYER, layer);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               GtkListItem   *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (box);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkListItem   *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  PvLayerPanel *self = PV_LAYER_PANEL (gtk_widget_get_ancestor (box, PV_TYPE_LAYER_PANEL));
  PvLayer *dragged = g_value_get_object (value);
  PvLayer *onto = gtk_list_item_get_item (list_item);
  guint from, to;
  gboolean above;

  if (self == NULL || self->map == NULL || dragged == NULL || onto == NULL || dragged == onto)
    return FALSE;
  if (!pv_map_get_layer_position (self->map, dragged, &from) ||
      !pv_map_get_layer_position (self->map, onto, &to))
    return FALSE;
  /* The upper half of a row drops above it: higher in the drawing order. */
  above = y < gtk_widget_get_height (box) / 2.0;
  if (above)
    to = from < to ? to : to + 1;
  else
    to = from < to ? to - 1 : to;
  pv_map_move_layer (self->map, from, to);
  select_layer (self, dragged);
  return TRUE;
}

static const GActionEntry row_actions[] = {
  { .name = "zoom", .activate = row_action_cb },
  { .name = "properties", .activate = row_action_cb },
  { .name = "attribute-table", .activate = row_attribute_table_cb },
  { .name = "locate", .activate = row_locate_cb },
  { .name = "rename", .activate = row_action_cb },
  { .name = "move-up", .activate = row_action_cb },
  { .name = "move-down", .activate = row_action_cb },
  { .name = "remove", .activate = row_action_cb },
};

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PvLayerPanel             *self)
{
  GtkWidget *box, *check, *swatch, *raster_icon, *label, *notice_icon, *menu_button, *popover, *scale;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkDragSource *drag_source;
  GtkDropTarget *drop_target;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  check = gtk_check_button_new ();
  gtk_widget_set_tooltip_text (check, _("Show or hide the layer"));
  swatch = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), swatch_draw, list_item, NULL);
  raster_icon = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  notice_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (notice_icon, "warning");

  popover = gtk_popover_menu_new_from_model (self->row_menu);
  scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0.0, 1.0, 0.05);
  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_widget_set_size_request (scale, 160, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Opacity"),
                                  -1);
  gtk_popover_menu_add_child (GTK_POPOVER_MENU (popover), scale, "opacity");
  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_widget_set_tooltip_text (menu_button, _("Layer Menu"));
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), raster_icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), notice_icon);
  gtk_box_append (GTK_BOX (box), menu_button);
  gtk_list_item_set_child (list_item, box);

  g_action_map_add_action_entries (G_ACTION_MAP (group), row_actions, G_N_ELEMENTS (row_actions), list_item);
  gtk_widget_insert_action_group (box, "row", G_ACTION_GROUP (group));
  g_object_set_data_full (G_OBJECT (list_item), "row-actions", g_object_ref (group), g_object_unref);

  drag_source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag_source, GDK_ACTION_MOVE);
  g_signal_connect (drag_source, "prepare", G_CALLBACK (drag_prepare_cb), list_item);
  g_signal_connect (drag_source, "drag-begin", G_CALLBACK (drag_begin_cb), list_item);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (drag_source));
  drop_target = gtk_drop_target_new (PV_TYPE_LAYER, GDK_ACTION_MOVE);
  g_signal_connect (drop_target, "drop", G_CALLBACK (drop_cb), list_item);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (drop_target));

  g_object_set_data (G_OBJECT (box), "list-item", list_item);
  g_object_set_data (G_OBJECT (list_item), "check", check);
  g_object_set_data (G_OBJECT (list_item), "swatch", swatch);
  g_object_set_data (G_OBJECT (list_item), "raster-icon", raster_icon);
  g_object_set_data (G_OBJECT (list_item), "label", label);
  g_object_set_data (G_OBJECT (list_item), "notice-icon", notice_icon);
  g_object_set_data (G_OBJECT (list_item), "menu-button", menu_button);
  g_object_set_data (G_OBJECT (list_item), "scale", scale);
}

static gboolean
notice_to_visible (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_string (from) != NULL);
  return TRUE;
}

static void
update_tooltip (GtkWidget *label,
                PvLayer   *layer)
{
  const char *source = pv_layer_get_source (layer);
  g_autofree char *tooltip = NULL;

  if (source != NULL)
    {
      g_autofree char *display = g_filename_display_name (source);

      tooltip = g_strdup_printf ("%s\n%s", pv_layer_get_name (layer), display);
    }
  gtk_widget_set_tooltip_text (label, tooltip ? tooltip : pv_layer_get_name (layer));
}

static void
layer_name_cb (PvLayer     *layer,
               GParamSpec  *pspec,
               GtkListItem *list_item)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (list_item), "label");
  GtkWidget *check = g_object_get_data (G_OBJECT (list_item), "check");
  GtkWidget *menu_button = g_object_get_data (G_OBJECT (list_item), "menu-button");
  g_autofree char *menu_label = NULL;

  update_tooltip (label, layer);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, pv_layer_get_name (layer),
                                  -1);
  /* Translators: accessible name of a layer's menu button; %s is the layer. */
  menu_label = g_strdup_printf (_("Menu of %s"), pv_layer_get_name (layer));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label,
                                  -1);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             PvLayerPanel             *self)
{
  PvLayer *layer = gtk_list_item_get_item (list_item);
  GtkWidget *check = g_object_get_data (G_OBJECT (list_item), "check");
  GtkWidget *swatch = g_object_get_data (G_OBJECT (list_item), "swatch");
  GtkWidget *raster_icon = g_object_get_data (G_OBJECT (list_item), "raster-icon");
  GtkWidget *label = g_object_get_data (G_OBJECT (list_item), "label");
  GtkWidget *notice_icon = g_object_get_data (G_OBJECT (list_item), "notice-icon");
  GtkWidget *scale = g_object_get_data (G_OBJECT (list_item), "scale");
  GPtrArray *bindings = g_ptr_array_new ();
  gboolean is_raster = PV_IS_RASTER_LAYER (layer);
  GActionMap *row_actions_map = g_object_get_data (G_OBJECT (list_item), "row-actions");

  /* Only vector layers have attributes. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (row_actions_map, "attribute-table")),
                               PV_IS_VECTOR_LAYER (layer));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (row_actions_map, "locate")),
                               PV_IS_MISSING_LAYER (layer));

  g_ptr_array_add (bindings, g_object_bind_property (layer, "visible", check, "active",
                                                     G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL));
  g_ptr_array_add (bindings, g_object_bind_property (layer, "name", label, "label",
                                                     G_BINDING_SYNC_CREATE));
  g_ptr_array_add (bindings, g_object_bind_property (layer, "notice", notice_icon, "tooltip-text",
                                                     G_BINDING_SYNC_CREATE));
  g_ptr_array_add (bindings, g_object_bind_property_full (layer, "notice", notice_icon, "visible",
                                                          G_BINDING_SYNC_CREATE,
                                                          notice_to_visible, NULL, NULL, NULL));
  g_ptr_array_add (bindings, g_object_bind_property (layer, "opacity",
                                                     gtk_range_get_adjustment (GTK_RANGE (scale)), "value",
                                                     G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL));
  g_object_set_data_full (G_OBJECT (list_item), "bindings", bindings, (GDestroyNotify) g_ptr_array_unref);

  g_signal_connect (layer, "notify::name", G_CALLBACK (layer_name_cb), list_item);
  layer_name_cb (layer, NULL, list_item);

  gtk_widget_set_visible (swatch, !is_raster);
  gtk_widget_set_visible (raster_icon, is_raster);
  gtk_widget_queue_draw (swatch);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PvLayerPanel             *self)
{
  GPtrArray *bindings = g_object_get_data (G_OBJECT (list_item), "bindings");
  PvLayer *layer = gtk_list_item_get_item (list_item);

  if (bindings != NULL)
    for (guint i = 0; i < bindings->len; i++)
      g_binding_unbind (g_ptr_array_index (bindings, i));
  g_object_set_data (G_OBJECT (list_item), "bindings", NULL);
  if (layer != NULL)
    g_signal_handlers_disconnect_by_func (layer, layer_name_cb, list_item);
}

/* Loading progress */

static gboolean
pulse_cb (gpointer user_data)
{
  PvLayerPanel *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
load_queue_changed_cb (PvLayerPanel *self)
{
  gboolean loading = self->load_queue != NULL && pv_load_queue_get_loading (self->load_queue);
  double fraction = self->load_queue ? pv_load_queue_get_fraction (self->load_queue) : 0.0;
  const char *status = self->load_queue ? pv_load_queue_get_status (self->load_queue) : NULL;
  gboolean pulse = loading && fraction < 0;

  gtk_revealer_set_reveal_child (self->progress_revealer, loading);
  gtk_label_set_label (self->progress_label, status ? status : "");
  if (!pulse)
    gtk_progress_bar_set_fraction (self->progress_bar, MAX (fraction, 0.0));
  if (pulse && self->pulse_source == 0)
    {
      self->pulse_source = g_timeout_add (100, pulse_cb, self);
      g_source_set_name_by_id (self->pulse_source, "[planviewer] loading pulse");
    }
  else if (!pulse)
    g_clear_handle_id (&self->pulse_source, g_source_remove);
}

static void
cancel_clicked_cb (PvLayerPanel *self)
{
  if (self->load_queue != NULL)
    pv_load_queue_cancel (self->load_queue);
}

/* GObject */

static void
pv_layer_panel_dispose (GObject *object)
{
  PvLayerPanel *self = PV_LAYER_PANEL (object);

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  pv_layer_panel_set_load_queue (self, NULL);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);
  if (self->map_view != NULL)
    g_signal_handlers_disconnect_by_func (self->map_view, map_view_map_cb, self);
  g_clear_weak_pointer (&self->map_view);

  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_LAYER_PANEL);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->map);
  g_clear_object (&self->removed_layer);
  g_clear_object (&self->removed_toast);

  G_OBJECT_CLASS (pv_layer_panel_parent_class)->dispose (object);
}

static void
pv_layer_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PvLayerPanel *self = PV_LAYER_PANEL (object);

  switch (prop_id)
    {
    case PROP_MAP_VIEW:
      g_value_set_object (value, self->map_view);
      break;

    case PROP_LOAD_QUEUE:
      g_value_set_object (value, self->load_queue);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_layer_panel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PvLayerPanel *self = PV_LAYER_PANEL (object);

  switch (prop_id)
    {
    case PROP_MAP_VIEW:
      pv_layer_panel_set_map_view (self, g_value_get_object (value));
      break;

    case PROP_LOAD_QUEUE:
      pv_layer_panel_set_load_queue (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_selected_binding (GtkWidgetClass  *widget_class,
                      guint            keyval,
                      GdkModifierType  mods,
                      const char      *action)
{
  gtk_widget_class_add_binding (widget_class, keyval, mods, selected_action_cb, "s", action);
}

static void
pv_layer_panel_class_init (PvLayerPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_layer_panel_dispose;
  object_class->get_property = pv_layer_panel_get_property;
  object_class->set_property = pv_layer_panel_set_property;

  properties[PROP_MAP_VIEW] =
    g_param_spec_object ("map-view", NULL, NULL, PV_TYPE_MAP_VIEW,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOAD_QUEUE] =
    g_param_spec_object ("load-queue", NULL, NULL, PV_TYPE_LOAD_QUEUE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-layer-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PvLayerPanel, box);
  gtk_widget_class_bind_template_child (widget_class, PvLayerPanel, placeholder);
  gtk_widget_class_bind_template_child (widget_class, PvLayerPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, PvLayerPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, PvLayerPanel, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, PvLayerPanel, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PvLayerPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PvLayerPanel, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "layer.zoom", "u", zoom_action);
  gtk_widget_class_install_action (widget_class, "layer.properties", "u", properties_action);
  gtk_widget_class_install_action (widget_class, "layer.rename", "u", rename_action);
  gtk_widget_class_install_action (widget_class, "layer.move-up", "u", move_action);
  gtk_widget_class_install_action (widget_class, "layer.move-down", "u", move_action);
  gtk_widget_class_install_action (widget_class, "layer.remove", "u", remove_action);
  gtk_widget_class_install_action (widget_class, "layer.undo-remove", NULL, undo_remove_action);

  add_selected_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "layer.move-up");
  add_selected_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "layer.move-down");
  add_selected_binding (widget_class, GDK_KEY_F2, 0, "layer.rename");
  add_selected_binding (widget_class, GDK_KEY_Delete, 0, "layer.remove");
  add_selected_binding (widget_class, GDK_KEY_Return, GDK_ALT_MASK, "layer.properties");
  add_selected_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "menu");
  add_selected_binding (widget_class, GDK_KEY_Menu, 0, "menu");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pv_layer_panel_init (PvLayerPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->model = pv_reversed_model_new (NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_autoselect (self->selection, FALSE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_factory (self->list_view, factory);

  update_actions (self);
  update_visibility (self);
}

GtkWidget *
pv_layer_panel_new (void)
{
  return g_object_new (PV_TYPE_LAYER_PANEL, NULL);
}

PvMapView *
pv_layer_panel_get_map_view (PvLayerPanel *self)
{
  g_return_val_if_fail (PV_IS_LAYER_PANEL (self), NULL);

  return self->map_view;
}

void
pv_layer_panel_set_map_view (PvLayerPanel *self,
                             PvMapView    *map_view)
{
  g_return_if_fail (PV_IS_LAYER_PANEL (self));
  g_return_if_fail (map_view == NULL || PV_IS_MAP_VIEW (map_view));

  if (self->map_view == map_view)
    return;
  if (self->map_view != NULL)
    g_signal_handlers_disconnect_by_func (self->map_view, map_view_map_cb, self);
  g_set_weak_pointer (&self->map_view, map_view);
  if (map_view != NULL)
    {
      g_signal_connect_object (map_view, "notify::map", G_CALLBACK (map_view_map_cb), self,
                               G_CONNECT_SWAPPED);
      set_map (self, pv_map_view_get_map (map_view));
    }
  else
    set_map (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_VIEW]);
}

PvLoadQueue *
pv_layer_panel_get_load_queue (PvLayerPanel *self)
{
  g_return_val_if_fail (PV_IS_LAYER_PANEL (self), NULL);

  return self->load_queue;
}

void
pv_layer_panel_set_load_queue (PvLayerPanel *self,
                               PvLoadQueue  *load_queue)
{
  g_return_if_fail (PV_IS_LAYER_PANEL (self));
  g_return_if_fail (load_queue == NULL || PV_IS_LOAD_QUEUE (load_queue));

  if (self->load_queue == load_queue)
    return;
  if (self->load_queue != NULL)
    g_signal_handlers_disconnect_by_func (self->load_queue, load_queue_changed_cb, self);
  g_set_object (&self->load_queue, load_queue);
  if (load_queue != NULL)
    {
      g_signal_connect_object (load_queue, "notify::loading", G_CALLBACK (load_queue_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (load_queue, "notify::fraction", G_CALLBACK (load_queue_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (load_queue, "notify::status", G_CALLBACK (load_queue_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  load_queue_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_QUEUE]);
}

GListModel *
pv_layer_panel_get_model (PvLayerPanel *self)
{
  g_return_val_if_fail (PV_IS_LAYER_PANEL (self), NULL);

  return G_LIST_MODEL (self->model);
}
