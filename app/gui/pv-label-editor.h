/* pv-label-editor.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-core.h"

G_BEGIN_DECLS

#define PV_TYPE_LABEL_EDITOR (pv_label_editor_get_type ())
G_DECLARE_FINAL_TYPE (PvLabelEditor, pv_label_editor, PV, LABEL_EDITOR, AdwBin)

/* Edits the labels of a vector layer with a live preview: "Show labels", the
 * text (a field, or a template such as "{ma_sdd} – {ten_sdd}" with a menu
 * that inserts fields), font family, size, bold, colour, halo, priority,
 * scale range and the offset of point labels. Every change builds a new
 * PvLabeling and sets it on the layer from a worker thread (the previous
 * one cancelled; typing and spinning debounced); the map redraws on the
 * layer's "appearance-changed". A text naming a field the layer lacks is
 * shown in the editor and the layer keeps its labels. */
GtkWidget     *pv_label_editor_new       (PvVectorLayer *layer);
PvVectorLayer *pv_label_editor_get_layer (PvLabelEditor *self);
/* TRUE while a change waits for its debounce or is being applied
 * (notifies "busy"). */
gboolean       pv_label_editor_get_busy  (PvLabelEditor *self);
/* The message the editor shows about the last change, or NULL. */
const char    *pv_label_editor_get_error (PvLabelEditor *self);

G_END_DECLS
