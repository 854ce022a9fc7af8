/* pv-layer-chooser.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pv-layer-chooser.h"

struct _PvLayerChooser
{
  AdwWindow   parent_instance;

  GtkLabel   *description_label;
  GtkListBox *list_box;

  GPtrArray  *checks;     /* GtkCheckButton, one per layer */
  gboolean    responded;
};

G_DEFINE_FINAL_TYPE (PvLayerChooser, pv_layer_chooser, ADW_TYPE_WINDOW)

enum {
  SIGNAL_RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
respond (PvLayerChooser *self,
         gboolean        accepted)
{
  if (self->responded)
    return;
  self->responded = TRUE;
  g_signal_emit (self, signals[SIGNAL_RESPONSE], 0, accepted);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
update_open (PvLayerChooser *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->checks->len && !any; i++)
    any = gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chooser.open", any);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  respond (PV_LAYER_CHOOSER (widget), TRUE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  respond (PV_LAYER_CHOOSER (widget), FALSE);
}

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PvLayerChooser *self = PV_LAYER_CHOOSER (widget);
  gboolean active = g_str_equal (action_name, "chooser.select-all");

  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i), active);
}

static gboolean
pv_layer_chooser_close_request (GtkWindow *window)
{
  PvLayerChooser *self = PV_LAYER_CHOOSER (window);

  if (!self->responded)
    {
      self->responded = TRUE;
      g_signal_emit (self, signals[SIGNAL_RESPONSE], 0, FALSE);
    }
  return GTK_WINDOW_CLASS (pv_layer_chooser_parent_class)->close_request (window);
}

static void
pv_layer_chooser_dispose (GObject *object)
{
  PvLayerChooser *self = PV_LAYER_CHOOSER (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_LAYER_CHOOSER);

  G_OBJECT_CLASS (pv_layer_chooser_parent_class)->dispose (object);
}

static void
pv_layer_chooser_class_init (PvLayerChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pv_layer_chooser_dispose;
  window_class->close_request = pv_layer_chooser_close_request;

  signals[SIGNAL_RESPONSE] =
    g_signal_new ("response",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-layer-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, PvLayerChooser, description_label);
  gtk_widget_class_bind_template_child (widget_class, PvLayerChooser, list_box);

  gtk_widget_class_install_action (widget_class, "chooser.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "chooser.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "chooser.select-all", NULL, select_action);
  gtk_widget_class_install_action (widget_class, "chooser.select-none", NULL, select_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "chooser.cancel", NULL);
}

static void
pv_layer_chooser_init (PvLayerChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
}

static char *
describe_layer (PvSourceLayer *layer)
{
  const char *geometry;

  if (layer->is_raster)
    /* Translators: raster size in pixels and number of bands. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Raster, %d × %d pixels, %d band",
                                         "Raster, %d × %d pixels, %d bands",
                                         layer->n_bands),
                            layer->width, layer->height, layer->n_bands);
  if (layer->sublayer_value != NULL)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu feature", "%lu features",
                                         (gulong) layer->n_features),
                            (gulong) layer->n_features);
  /* Translators: a layer that does not declare one geometry type. */
  geometry = layer->geometry_type ? layer->geometry_type : _("Any geometry");
  if (layer->n_features < 0)
    /* Translators: %s is a geometry type, e.g. "Polygon". */
    return g_strdup_printf (_("%s, features not counted"), geometry);
  /* Translators: %s is a geometry type, e.g. "Polygon". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %lu feature", "%s, %lu features",
                                       (gulong) layer->n_features),
                          geometry, (gulong) layer->n_features);
}

PvLayerChooser *
pv_layer_chooser_new (GtkWindow  *parent,
                      const char *path,
                      GPtrArray  *layers)
{
  PvLayerChooser *self;
  g_autofree char *base = NULL;
  g_autofree char *display = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (layers != NULL, NULL);

  self = g_object_new (PV_TYPE_LAYER_CHOOSER, "transient-for", parent, NULL);

  base = g_path_get_basename (path);
  display = g_filename_display_name (base);
  /* Translators: %s is a file name. */
  description = g_strdup_printf (_("“%s” holds several layers. Choose the ones to open."), display);
  gtk_label_set_label (self->description_label, description);

  for (guint i = 0; i < layers->len; i++)
    {
      PvSourceLayer *layer = g_ptr_array_index (layers, i);
      g_autofree char *subtitle = describe_layer (layer);
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gboolean whole_drawing = FALSE;

      for (guint k = 0; k < layers->len && !layer->is_raster && layer->sublayer_value == NULL; k++)
        {
          PvSourceLayer *other = g_ptr_array_index (layers, k);

          whole_drawing |= other->sublayer_value != NULL && g_strcmp0 (other->name, layer->name) == 0;
        }
      if (layer->is_raster)
        title = g_strdup (_("Raster image"));
      else if (layer->sublayer_value != NULL && g_strcmp0 (layer->sublayer_field, "Level") == 0)
        /* Translators: a level of a MicroStation DGN file, e.g. "Level 5". */
        title = g_markup_printf_escaped (_("Level %s"), layer->sublayer_value);
      else if (layer->sublayer_value != NULL)
        /* Translators: a layer of a CAD (DXF) drawing, e.g. "Layer “RANH_GIOI”". */
        title = g_markup_printf_escaped (_("Layer “%s”"), layer->sublayer_value);
      else if (whole_drawing)
        /* Translators: %s is the name GDAL gives the drawing's entities, e.g. "entities". */
        title = g_markup_printf_escaped (_("The whole drawing (%s)"), layer->name ? layer->name : "");
      else
        title = g_markup_escape_text (layer->name ? layer->name : "", -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      /* A drawing's layers one by one, not also all of it at once. */
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !whole_drawing);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_open), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->list_box, row);
      g_ptr_array_add (self->checks, check);
    }
  update_open (self);

  return self;
}

guint
pv_layer_chooser_get_n_layers (PvLayerChooser *self)
{
  g_return_val_if_fail (PV_IS_LAYER_CHOOSER (self), 0);

  return self->checks->len;
}

gboolean
pv_layer_chooser_get_layer_active (PvLayerChooser *self,
                                   guint           index)
{
  g_return_val_if_fail (PV_IS_LAYER_CHOOSER (self), FALSE);
  g_return_val_if_fail (index < self->checks->len, FALSE);

  return gtk_check_button_get_active (g_ptr_array_index (self->checks, index));
}

void
pv_layer_chooser_set_layer_active (PvLayerChooser *self,
                                   guint           index,
                                   gboolean        active)
{
  g_return_if_fail (PV_IS_LAYER_CHOOSER (self));
  g_return_if_fail (index < self->checks->len);

  gtk_check_button_set_active (g_ptr_array_index (self->checks, index), active);
}
