/* pv-map-tools.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-core.h"
#include "pv-map-view.h"
#include "pv-undo.h"

G_BEGIN_DECLS

#define PV_TYPE_MAP_TOOLS (pv_map_tools_get_type ())
G_DECLARE_FINAL_TYPE (PvMapTools, pv_map_tools, PV, MAP_TOOLS, GObject)

/* The review tools of a window: measuring, annotating (with its toolbar and
 * undo), the land-use structure table and exchanging annotations. Installs
 * the "tools" action group on window:
 *   tools.tool (s)         the map tool: "none", "measure-distance",
 *                          "measure-area", "annotate"; activating the
 *                          current one turns it off
 *   tools.undo, tools.redo annotation edits
 *   tools.keep-measurement the finished measurement as an annotation
 *   tools.landuse-table    the land-use structure table (of the measured
 *                          area when an area is measured)
 *   tools.export-annotations, tools.import-annotations
 * toolbar_parent (a GtkRevealer) receives the annotation toolbar and is
 * revealed while annotating. */
PvMapTools *pv_map_tools_new      (GtkWindow    *window,
                                   PvMapView    *map_view,
                                   GtkRevealer  *toolbar_parent) G_GNUC_WARN_UNUSED_RESULT;
/* The map whose annotations are edited (a new project: a new undo history). */
void        pv_map_tools_set_map  (PvMapTools   *self,
                                   PvMap        *map);
PvUndoStack *pv_map_tools_get_undo_stack (PvMapTools *self);

G_END_DECLS
