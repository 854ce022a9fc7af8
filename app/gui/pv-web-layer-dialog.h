/* pv-web-layer-dialog.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-core.h"
#include "pv-web-source.h"

G_BEGIN_DECLS

#define PV_TYPE_WEB_LAYER_DIALOG (pv_web_layer_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PvWebLayerDialog, pv_web_layer_dialog, PV, WEB_LAYER_DIALOG, AdwWindow)

/* "Add Web Layer": a WMS, WMTS, XYZ or OGC API Features service, typed or
 * chosen from the saved ones; the layers of WMS, WMTS and OGC API services
 * are listed on a worker; Add opens the chosen one on a worker and adds it
 * to map. While online sources are off it says so and offers to turn them
 * on; nothing is fetched before. */
GtkWidget *pv_web_layer_dialog_new         (GtkWindow        *parent,
                                            PvMap            *map) G_GNUC_WARN_UNUSED_RESULT;
/* Fills in the service kind and address (as choosing a saved one does). */
void       pv_web_layer_dialog_set_service (PvWebLayerDialog *self,
                                            PvWebService      service,
                                            const char       *url);

G_END_DECLS
