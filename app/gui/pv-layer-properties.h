/* pv-layer-properties.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-core.h"

G_BEGIN_DECLS

#define PV_TYPE_LAYER_PROPERTIES (pv_layer_properties_get_type ())
G_DECLARE_FINAL_TYPE (PvLayerProperties, pv_layer_properties, PV, LAYER_PROPERTIES, AdwWindow)

/* A window with pages about a layer. Information: source, driver, kind, CRS
 * (with "Assign CRS…" when it is unknown), extent in the map and layer CRS,
 * features or raster size and bands, fields. Style: its style editor. Labels
 * (vector layers): a PvLabelEditor. Display: opacity, fill opacity (vector)
 * and scale range, with "use the current scale" taken from the map view of
 * parent when parent is a PvWindow. map may be NULL. */
GtkWidget *pv_layer_properties_new       (GtkWindow         *parent,
                                          PvLayer           *layer,
                                          PvMap             *map);
PvLayer   *pv_layer_properties_get_layer (PvLayerProperties *self);

G_END_DECLS
