/* pv-layer-chooser.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-core.h"

G_BEGIN_DECLS

#define PV_TYPE_LAYER_CHOOSER (pv_layer_chooser_get_type ())
G_DECLARE_FINAL_TYPE (PvLayerChooser, pv_layer_chooser, PV, LAYER_CHOOSER, AdwWindow)

/* Asks which layers of a source to open, before any is read. layers holds
 * PvSourceLayer (pv_layer_list_source()); all are ticked at first. Emits
 * "response" (TRUE for Open, FALSE for Cancel or close) once, then closes. */
PvLayerChooser *pv_layer_chooser_new              (GtkWindow      *parent,
                                                   const char     *path,
                                                   GPtrArray      *layers);
guint           pv_layer_chooser_get_n_layers     (PvLayerChooser *self);
gboolean        pv_layer_chooser_get_layer_active (PvLayerChooser *self,
                                                   guint           index);
void            pv_layer_chooser_set_layer_active (PvLayerChooser *self,
                                                   guint           index,
                                                   gboolean        active);

G_END_DECLS
