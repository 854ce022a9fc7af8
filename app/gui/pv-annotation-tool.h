/* pv-annotation-tool.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-annotation.h"
#include "pv-map-view.h"
#include "pv-undo.h"

G_BEGIN_DECLS

/* What a press on the map does: select and edit, or draw one kind. */
typedef enum
{
  PV_ANNOTATION_TOOL_SELECT,
  PV_ANNOTATION_TOOL_TEXT,
  PV_ANNOTATION_TOOL_ARROW,
  PV_ANNOTATION_TOOL_LINE,
  PV_ANNOTATION_TOOL_POLYGON,
  PV_ANNOTATION_TOOL_RECTANGLE,
  PV_ANNOTATION_TOOL_FREEHAND,
  PV_ANNOTATION_TOOL_CALLOUT,
} PvAnnotationToolMode;

#define PV_TYPE_ANNOTATION_TOOL_MODE (pv_annotation_tool_mode_get_type ())
GType pv_annotation_tool_mode_get_type (void) G_GNUC_CONST;

#define PV_TYPE_ANNOTATION_TOOL (pv_annotation_tool_get_type ())
G_DECLARE_FINAL_TYPE (PvAnnotationTool, pv_annotation_tool, PV, ANNOTATION_TOOL, GObject)

/* The map tool (pv_map_view_set_tool) that draws and edits the annotations
 * of set; every edit is a step of stack.
 *   text:       a click places it and opens a text entry (Enter keeps it);
 *   arrow, line, rectangle, freehand: a drag;
 *   polygon:    clicks, a double click or Return ends it, BackSpace drops
 *               the last point;
 *   callout:    a click on the target, then a click (or the end of a drag)
 *               where the text goes, then its text;
 *   select:     a click selects (elsewhere the map pans), a drag moves it,
 *               its handles move points, a double click edits the text,
 *               Delete removes it.
 * Escape cancels what is being drawn, or clears the selection.
 * Properties: "mode", "selected", "style" (PvAnnotationStyle for new
 * annotations), "annotations", "undo-stack". */
PvAnnotationTool     *pv_annotation_tool_new             (PvAnnotationSet         *set,
                                                          PvUndoStack             *stack) G_GNUC_WARN_UNUSED_RESULT;
PvAnnotationSet      *pv_annotation_tool_get_annotations (PvAnnotationTool        *self);
void                  pv_annotation_tool_set_annotations (PvAnnotationTool        *self,
                                                          PvAnnotationSet         *set);
PvUndoStack          *pv_annotation_tool_get_undo_stack  (PvAnnotationTool        *self);
void                  pv_annotation_tool_set_undo_stack  (PvAnnotationTool        *self,
                                                          PvUndoStack             *stack);
PvAnnotationToolMode  pv_annotation_tool_get_mode        (PvAnnotationTool        *self);
/* Cancels what is being drawn. */
void                  pv_annotation_tool_set_mode        (PvAnnotationTool        *self,
                                                          PvAnnotationToolMode     mode);
PvAnnotation         *pv_annotation_tool_get_selected    (PvAnnotationTool        *self);
void                  pv_annotation_tool_set_selected    (PvAnnotationTool        *self,
                                                          PvAnnotation            *annotation);
/* The style of new annotations (fill: of areas and text boxes). */
void                  pv_annotation_tool_get_style       (PvAnnotationTool        *self,
                                                          PvAnnotationStyle       *style);
/* Sets the style of new annotations and, when one is selected, restyles it
 * (an undoable step; calls with the same non-zero merge_key, e.g. while a
 * spin button turns, are one step). */
void                  pv_annotation_tool_set_style       (PvAnnotationTool        *self,
                                                          const PvAnnotationStyle *style,
                                                          guint                    merge_key);
/* Removes the selected annotation (undoable); FALSE when none is selected. */
gboolean              pv_annotation_tool_delete_selected (PvAnnotationTool        *self);
/* Opens the text entry on the selected annotation; FALSE when none is
 * selected or the tool is not on a view. */
gboolean              pv_annotation_tool_edit_text       (PvAnnotationTool        *self);

/* Draws set over view's map, in the map's CRS, redrawn when set changes
 * (pv_map_view_remove_overlay() takes the id). The window does this once for
 * the map's annotations. */
guint                 pv_annotation_overlay_add          (PvMapView               *view,
                                                          PvAnnotationSet         *set);

G_END_DECLS
