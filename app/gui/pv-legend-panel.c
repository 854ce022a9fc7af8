/* pv-legend-panel.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pv-legend.h"
#include "pv-legend-panel.h"
#include "pv-style.h"
#include "pv-symbol.h"
#include "pv-vector-layer.h"

/* Wide enough for a few hatch lines and a dash or two. */
#define SWATCH_WIDTH 24
#define SWATCH_HEIGHT 16

struct _PvLegendPanel
{
  GtkWidget   parent_instance;

  GtkWidget  *outer;
  GtkBox     *box;

  PvMapView  *map_view;
  PvMap      *map;
  GPtrArray  *watched;   /* PvLayer*: layers whose signals we follow */
  gboolean    queued;    /* a rebuild is pending (touched on the main thread) */
};

G_DEFINE_FINAL_TYPE (PvLegendPanel, pv_legend_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_MAP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  PvStyleCategory symbol;  /* strings NULL */
  PvGeometryKind  kind;
} Swatch;

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  const Swatch *swatch = data;

  /* Logical pixels are CSS pixels: 96 dpi whatever the screen's scale. */
  pv_symbol_draw_swatch (&swatch->symbol, swatch->kind, cr, 1, 1, width - 2, height - 2, 96.0);
}

static GtkWidget *
item_row (const PvLegendItem *item,
          PvGeometryKind      kind)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (item->label);
  g_autofree char *count_text = g_strdup_printf ("%u", item->count);
  GtkWidget *count = gtk_label_new (count_text);
  Swatch *swatch = g_new0 (Swatch, 1);

  swatch->symbol = item->symbol;
  swatch->symbol.value = swatch->symbol.label = swatch->symbol.filter = NULL;
  swatch->kind = kind;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), SWATCH_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), SWATCH_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, swatch, g_free);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, item->label);

  gtk_label_set_xalign (GTK_LABEL (count), 1);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_tooltip_text (count, _("Features drawn with this symbol"));

  gtk_box_append (GTK_BOX (row), area);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), count);
  return row;
}

static void
clear_box (PvLegendPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
}

static void queue_rebuild (PvLegendPanel *self);

static gboolean
queue_rebuild_cb (gpointer data)
{
  queue_rebuild (data);
  return G_SOURCE_REMOVE;
}

static void
style_changed_cb (PvLayer       *layer,
                  PvLegendPanel *self)
{
  /* A style may be set by a loading thread: rebuild on the main thread. */
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT_IDLE,
                              queue_rebuild_cb,
                              g_object_ref (self), g_object_unref);
}

static void
visible_changed_cb (PvLayer       *layer,
                    GParamSpec    *pspec,
                    PvLegendPanel *self)
{
  queue_rebuild (self);
}

static void
unwatch_layers (PvLegendPanel *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (self->watched->pdata[i], self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
watch_layers (PvLegendPanel *self)
{
  unwatch_layers (self);
  if (self->map == NULL)
    return;
  for (guint i = 0; i < pv_map_get_n_layers (self->map); i++)
    {
      PvLayer *layer = pv_map_get_layer (self->map, i);

      g_ptr_array_add (self->watched, g_object_ref (layer));
      g_signal_connect (layer, "notify::visible", G_CALLBACK (visible_changed_cb), self);
      if (PV_IS_VECTOR_LAYER (layer))
        g_signal_connect (layer, "style-changed", G_CALLBACK (style_changed_cb), self);
    }
}

static void
rebuild (PvLegendPanel *self)
{
  g_autoptr(GPtrArray) legend = NULL;
  gboolean unconfirmed = FALSE;

  clear_box (self);
  if (self->map == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  legend = pv_legend_build (self->map);
  for (guint i = 0; i < legend->len; i++)
    {
      PvLegendEntry *entry = legend->pdata[i];
      PvGeometryKind kind = PV_IS_VECTOR_LAYER (entry->layer)
                            ? pv_symbol_get_layer_kind (PV_VECTOR_LAYER (entry->layer))
                            : PV_GEOMETRY_KIND_POLYGON;
      /* A layer of one symbol named after it is one row, not its name twice. */
      gboolean one_row = entry->items->len == 1 &&
                         g_strcmp0 (((PvLegendItem *) entry->items->pdata[0])->label, entry->title) == 0;

      if (!one_row)
        {
          GtkWidget *heading = gtk_label_new (entry->title);

          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
          gtk_widget_set_tooltip_text (heading, entry->title);
          gtk_widget_add_css_class (heading, "caption-heading");
          if (i > 0)
            gtk_widget_set_margin_top (heading, 8);
          gtk_box_append (self->box, heading);
        }

      for (guint j = 0; j < entry->items->len; j++)
        {
          const PvLegendItem *item = entry->items->pdata[j];
          GtkWidget *row = item_row (item, kind);

          if (one_row && i > 0)
            gtk_widget_set_margin_top (row, 8);
          gtk_box_append (self->box, row);
          if (g_strcmp0 (entry->palette_id, PV_PALETTE_VN_LANDUSE) == 0 && !item->confirmed)
            unconfirmed = TRUE;
        }
    }
  if (unconfirmed)
    {
      GtkWidget *note = gtk_label_new (_("Colours not officially confirmed"));

      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_widget_set_margin_top (note, 8);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_widget_add_css_class (note, "caption");
      gtk_widget_set_tooltip_text (note, _("Some colours of the land-use palette come from no official source yet"));
      gtk_box_append (self->box, note);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), legend->len > 0);
}

static gboolean
rebuild_idle (gpointer data)
{
  PvLegendPanel *self = data;

  self->queued = FALSE;
  if (self->watched != NULL)
    rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (PvLegendPanel *self)
{
  if (self->queued)
    return;
  self->queued = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, rebuild_idle, g_object_ref (self), g_object_unref);
}

static void
layers_changed_cb (PvLegendPanel *self)
{
  watch_layers (self);
  queue_rebuild (self);
}

static void
set_map (PvLegendPanel *self,
         PvMap         *map)
{
  if (self->map == map)
    return;
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);
  g_set_object (&self->map, map);
  if (map != NULL)
    g_signal_connect_object (pv_map_get_layers (map), "items-changed", G_CALLBACK (layers_changed_cb),
                             self, G_CONNECT_SWAPPED);
  watch_layers (self);
  rebuild (self);
}

static void
map_view_map_cb (PvLegendPanel *self,
                 GParamSpec    *pspec,
                 PvMapView     *map_view)
{
  set_map (self, pv_map_view_get_map (map_view));
}

GtkWidget *
pv_legend_panel_new (void)
{
  return g_object_new (PV_TYPE_LEGEND_PANEL, NULL);
}

PvMapView *
pv_legend_panel_get_map_view (PvLegendPanel *self)
{
  g_return_val_if_fail (PV_IS_LEGEND_PANEL (self), NULL);

  return self->map_view;
}

void
pv_legend_panel_set_map_view (PvLegendPanel *self,
                              PvMapView     *map_view)
{
  g_return_if_fail (PV_IS_LEGEND_PANEL (self));
  g_return_if_fail (map_view == NULL || PV_IS_MAP_VIEW (map_view));

  if (self->map_view == map_view)
    return;
  if (self->map_view != NULL)
    g_signal_handlers_disconnect_by_func (self->map_view, map_view_map_cb, self);
  g_set_object (&self->map_view, map_view);
  if (map_view != NULL)
    g_signal_connect_object (map_view, "notify::map", G_CALLBACK (map_view_map_cb), self,
                             G_CONNECT_SWAPPED);
  set_map (self, map_view ? pv_map_view_get_map (map_view) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_VIEW]);
}

static void
pv_legend_panel_dispose (GObject *object)
{
  PvLegendPanel *self = PV_LEGEND_PANEL (object);

  if (self->watched != NULL)
    unwatch_layers (self);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);
  if (self->map_view != NULL)
    g_signal_handlers_disconnect_by_func (self->map_view, map_view_map_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_LEGEND_PANEL);
  g_clear_object (&self->map);
  g_clear_object (&self->map_view);

  G_OBJECT_CLASS (pv_legend_panel_parent_class)->dispose (object);
}

static void
pv_legend_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PvLegendPanel *self = PV_LEGEND_PANEL (object);

  switch (prop_id)
    {
    case PROP_MAP_VIEW:
      g_value_set_object (value, self->map_view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_legend_panel_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PvLegendPanel *self = PV_LEGEND_PANEL (object);

  switch (prop_id)
    {
    case PROP_MAP_VIEW:
      pv_legend_panel_set_map_view (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_legend_panel_class_init (PvLegendPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_legend_panel_dispose;
  object_class->get_property = pv_legend_panel_get_property;
  object_class->set_property = pv_legend_panel_set_property;

  properties[PROP_MAP_VIEW] =
    g_param_spec_object ("map-view", NULL, NULL,
                         PV_TYPE_MAP_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-legend-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PvLegendPanel, outer);
  gtk_widget_class_bind_template_child (widget_class, PvLegendPanel, box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pv_legend_panel_init (PvLegendPanel *self)
{
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
