/* pv-map-tool.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _PvMapView PvMapView;

/* A tool that takes pointer and key input on the map (measuring, drawing and
 * editing annotations…): while it is the view's tool (pv_map_view_set_tool),
 * the view hands it presses, drags, motion and keys first, and draws its
 * overlay on top of the map. Coordinates are widget pixels; convert with
 * pv_map_view_widget_to_map / pv_map_view_map_to_widget. Every member may
 * be NULL. */
#define PV_TYPE_MAP_TOOL (pv_map_tool_get_type ())
G_DECLARE_INTERFACE (PvMapTool, pv_map_tool, PV, MAP_TOOL, GObject)

struct _PvMapToolInterface
{
  GTypeInterface parent_iface;

  /* The tool became, or stopped being, the view's tool. */
  void         (*activate)        (PvMapTool       *self,
                                   PvMapView       *view);
  void         (*deactivate)      (PvMapTool       *self,
                                   PvMapView       *view);
  /* A primary-button press (n_press: 1, 2 for a double click…). TRUE: the
   * tool takes it and the drag that may follow (drag_update, release);
   * FALSE: the view pans, zooms or identifies as without a tool. */
  gboolean     (*press)           (PvMapTool       *self,
                                   PvMapView       *view,
                                   int              n_press,
                                   double           x,
                                   double           y,
                                   GdkModifierType  state);
  void         (*drag_update)     (PvMapTool       *self,
                                   PvMapView       *view,
                                   double           x,
                                   double           y);
  void         (*release)         (PvMapTool       *self,
                                   PvMapView       *view,
                                   double           x,
                                   double           y);
  /* The pointer moved over the map with no button held (rubber bands). */
  void         (*motion)          (PvMapTool       *self,
                                   PvMapView       *view,
                                   double           x,
                                   double           y);
  /* A key while the map has the focus; TRUE: handled (Escape, Return,
   * BackSpace, Delete…). */
  gboolean     (*key_pressed)     (PvMapTool       *self,
                                   PvMapView       *view,
                                   guint            keyval,
                                   GdkModifierType  state);
  /* Draws on top of the map, in widget coordinates. */
  void         (*snapshot)        (PvMapTool       *self,
                                   PvMapView       *view,
                                   GtkSnapshot     *snapshot);
  /* The cursor over the map (e.g. "crosshair"), or NULL for the default. */
  const char * (*get_cursor_name) (PvMapTool       *self);
};

void         pv_map_tool_activate        (PvMapTool       *self,
                                          PvMapView       *view);
void         pv_map_tool_deactivate      (PvMapTool       *self,
                                          PvMapView       *view);
gboolean     pv_map_tool_press           (PvMapTool       *self,
                                          PvMapView       *view,
                                          int              n_press,
                                          double           x,
                                          double           y,
                                          GdkModifierType  state);
void         pv_map_tool_drag_update     (PvMapTool       *self,
                                          PvMapView       *view,
                                          double           x,
                                          double           y);
void         pv_map_tool_release         (PvMapTool       *self,
                                          PvMapView       *view,
                                          double           x,
                                          double           y);
void         pv_map_tool_motion          (PvMapTool       *self,
                                          PvMapView       *view,
                                          double           x,
                                          double           y);
gboolean     pv_map_tool_key_pressed     (PvMapTool       *self,
                                          PvMapView       *view,
                                          guint            keyval,
                                          GdkModifierType  state);
void         pv_map_tool_snapshot        (PvMapTool       *self,
                                          PvMapView       *view,
                                          GtkSnapshot     *snapshot);
const char  *pv_map_tool_get_cursor_name (PvMapTool       *self);

G_END_DECLS
