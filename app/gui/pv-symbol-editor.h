/* pv-symbol-editor.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-style.h"
#include "pv-vector-layer.h"

G_BEGIN_DECLS

#define PV_TYPE_SYMBOL_EDITOR (pv_symbol_editor_get_type ())
G_DECLARE_FINAL_TYPE (PvSymbolEditor, pv_symbol_editor, PV, SYMBOL_EDITOR, GtkWidget)

/* Edits the symbol of one class of a style (colours, opacity, outline, dash,
 * hatch, line casing, marker; sizes in mm, pt or px), showing what the
 * geometry kind uses. With all_classes, edits what every class shares: the
 * fill and outline colours are left out. Emits "changed" on every edit. */
GtkWidget  *pv_symbol_editor_new             (const PvStyleCategory *symbol,
                                              PvGeometryKind         kind,
                                              gboolean               all_classes);
/* Copies the edited symbol fields into symbol (its value, label, filter and
 * flags are left alone). */
void        pv_symbol_editor_get_symbol      (PvSymbolEditor        *self,
                                              PvStyleCategory       *symbol);
gboolean    pv_symbol_editor_get_all_classes (PvSymbolEditor        *self);

/* Copies the symbol fields (not value, label, filter, flags) of src to dest;
 * with shared_only, leaves the fill colour (not its opacity) and the outline
 * colour of dest alone, as an edit of all classes does. */
void        pv_symbol_editor_copy_fields     (PvStyleCategory       *dest,
                                              const PvStyleCategory *src,
                                              gboolean               shared_only);

G_END_DECLS
