/* pv-style-editor.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-vector-layer.h"

G_BEGIN_DECLS

#define PV_TYPE_STYLE_EDITOR (pv_style_editor_get_type ())
G_DECLARE_FINAL_TYPE (PvStyleEditor, pv_style_editor, PV, STYLE_EDITOR, GtkWidget)

/* The symbology of a vector layer: single symbol, categorized (land-use
 * palette or one colour per value), graduated (equal interval, quantile,
 * Jenks; colour ramp) or rule-based (OGR SQL filters), its classes with
 * their symbols, labels and feature counts, and the import of QGIS .qml
 * styles. Every edit is applied to the layer at once (live preview), on a
 * worker thread; a style that fails leaves the layer as it was and shows
 * why. */
GtkWidget     *pv_style_editor_new         (PvVectorLayer *layer);
PvVectorLayer *pv_style_editor_get_layer   (PvStyleEditor *self);
/* Opens the symbol editor of class index (G_MAXUINT: what all classes
 * share) in a window of its own; returns its PvSymbolEditor. */
GtkWidget     *pv_style_editor_edit_symbol (PvStyleEditor *self,
                                            guint          index);
/* Whether a style is being built or applied. */
gboolean       pv_style_editor_get_busy    (PvStyleEditor *self);

G_END_DECLS
