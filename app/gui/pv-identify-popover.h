/* pv-identify-popover.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-core.h"
#include "pv-map-view.h"

G_BEGIN_DECLS

#define PV_TYPE_IDENTIFY_POPOVER (pv_identify_popover_get_type ())
G_DECLARE_FINAL_TYPE (PvIdentifyPopover, pv_identify_popover, PV, IDENTIFY_POPOVER, GtkPopover)

/* Identify on map_view: a click (not a drag, not a double click) on the map
 * lists the attributes of the features under it, for every visible vector
 * layer, topmost first, in a popover pointing at the click; the shown feature
 * of each layer is that layer's selection (highlighted) until the popover
 * closes. Also re-renders map_view when any layer's selection changes. The
 * popover is map_view's child and goes with it. */
PvIdentifyPopover *pv_identify_popover_new              (PvMapView         *map_view);
/* Identifies at the widget point (x, y) of the map view, as a click there
 * does. Returns the number of layers with features there (0 closes it). */
guint              pv_identify_popover_identify_at      (PvIdentifyPopover *self,
                                                         double             x,
                                                         double             y);
/* What is shown: the layers (topmost first) and their shown feature. */
guint              pv_identify_popover_get_n_layers     (PvIdentifyPopover *self);
PvVectorLayer     *pv_identify_popover_get_layer        (PvIdentifyPopover *self,
                                                         guint              i);
guint              pv_identify_popover_get_n_hits       (PvIdentifyPopover *self,
                                                         guint              i);
guint              pv_identify_popover_get_feature      (PvIdentifyPopover *self,
                                                         guint              i);
/* Shows the next (step 1) or previous (-1) feature of layer i. */
void               pv_identify_popover_step             (PvIdentifyPopover *self,
                                                         guint              i,
                                                         int                step);

/* Raster layers whose pixel values are shown (besides the vector layers). */
guint              pv_identify_popover_get_n_rasters    (PvIdentifyPopover *self);

G_END_DECLS
