/* pv-layer-panel.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-load-queue.h"
#include "pv-map-view.h"

G_BEGIN_DECLS

#define PV_TYPE_LAYER_PANEL (pv_layer_panel_get_type ())
G_DECLARE_FINAL_TYPE (PvLayerPanel, pv_layer_panel, PV, LAYER_PANEL, GtkWidget)

/* The layers of the map shown by a PvMapView, topmost first: visibility,
 * drag to reorder, and a menu per row. Its "layer." actions take the layer's
 * position in the map (bottom first, "u"): zoom, properties, rename,
 * move-up, move-down, remove; "layer.undo-remove" takes nothing. It also shows
 * the progress of a PvLoadQueue with a Cancel button. */
GtkWidget    *pv_layer_panel_new            (void);
PvMapView    *pv_layer_panel_get_map_view   (PvLayerPanel *self);
void          pv_layer_panel_set_map_view   (PvLayerPanel *self,
                                             PvMapView    *map_view);
PvLoadQueue  *pv_layer_panel_get_load_queue (PvLayerPanel *self);
void          pv_layer_panel_set_load_queue (PvLayerPanel *self,
                                             PvLoadQueue  *load_queue);
/* The rows, topmost layer first (a PvLayer list model). */
GListModel   *pv_layer_panel_get_model      (PvLayerPanel *self);

G_END_DECLS
