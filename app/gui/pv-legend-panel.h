/* pv-legend-panel.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-map-view.h"

G_BEGIN_DECLS

#define PV_TYPE_LEGEND_PANEL (pv_legend_panel_get_type ())
G_DECLARE_FINAL_TYPE (PvLegendPanel, pv_legend_panel, PV, LEGEND_PANEL, GtkWidget)

/* The legend (pv_legend_build()) of the map shown by a PvMapView: per
 * visible layer a heading, per symbol a swatch, its label and its count.
 * Follows the layers, their visibility and their styles. Hidden while the
 * legend is empty. */
GtkWidget  *pv_legend_panel_new          (void);
PvMapView  *pv_legend_panel_get_map_view (PvLegendPanel *self);
void        pv_legend_panel_set_map_view (PvLegendPanel *self,
                                          PvMapView     *map_view);

G_END_DECLS
