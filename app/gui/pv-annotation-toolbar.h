/* pv-annotation-toolbar.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-annotation-tool.h"

G_BEGIN_DECLS

#define PV_TYPE_ANNOTATION_TOOLBAR (pv_annotation_toolbar_get_type ())
G_DECLARE_FINAL_TYPE (PvAnnotationToolbar, pv_annotation_toolbar, PV, ANNOTATION_TOOLBAR, GtkWidget)

/* The controls of a PvAnnotationTool: its mode (select, text, arrow, line,
 * polygon, rectangle, freehand, callout), the colour, line width, fill and
 * text size of new or selected annotations, Delete, Undo and Redo (on the
 * tool's undo stack). Property "tool". */
GtkWidget        *pv_annotation_toolbar_new      (void);
PvAnnotationTool *pv_annotation_toolbar_get_tool (PvAnnotationToolbar *self);
void              pv_annotation_toolbar_set_tool (PvAnnotationToolbar *self,
                                                  PvAnnotationTool    *tool);

G_END_DECLS
