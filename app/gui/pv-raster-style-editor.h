/* pv-raster-style-editor.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-raster-layer.h"

G_BEGIN_DECLS

#define PV_TYPE_RASTER_STYLE_EDITOR (pv_raster_style_editor_get_type ())
G_DECLARE_FINAL_TYPE (PvRasterStyleEditor, pv_raster_style_editor, PV, RASTER_STYLE_EDITOR, AdwPreferencesGroup)

/* A preferences group that edits layer's raster style with live preview:
 * every change builds a new PvRasterStyle and applies it on a worker (a
 * newer change cancels the one in flight); the map redraws through the
 * layer's "appearance-changed". Add it to an AdwPreferencesPage. */
GtkWidget     *pv_raster_style_editor_new       (PvRasterLayer       *layer);
PvRasterLayer *pv_raster_style_editor_get_layer (PvRasterStyleEditor *self);
/* TRUE while a style is being applied. */
gboolean       pv_raster_style_editor_is_busy   (PvRasterStyleEditor *self);

G_END_DECLS
