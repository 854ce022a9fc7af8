/* pv-map-tool.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pv-map-tool.h"

G_DEFINE_INTERFACE (PvMapTool, pv_map_tool, G_TYPE_OBJECT)

static void
pv_map_tool_default_init (PvMapToolInterface *iface)
{
}

#define TOOL_IFACE(self) PV_MAP_TOOL_GET_IFACE (self)

void
pv_map_tool_activate (PvMapTool *self,
                      PvMapView *view)
{
  g_return_if_fail (PV_IS_MAP_TOOL (self));

  if (TOOL_IFACE (self)->activate != NULL)
    TOOL_IFACE (self)->activate (self, view);
}

void
pv_map_tool_deactivate (PvMapTool *self,
                        PvMapView *view)
{
  g_return_if_fail (PV_IS_MAP_TOOL (self));

  if (TOOL_IFACE (self)->deactivate != NULL)
    TOOL_IFACE (self)->deactivate (self, view);
}

gboolean
pv_map_tool_press (PvMapTool       *self,
                   PvMapView       *view,
                   int              n_press,
                   double           x,
                   double           y,
                   GdkModifierType  state)
{
  g_return_val_if_fail (PV_IS_MAP_TOOL (self), FALSE);

  return TOOL_IFACE (self)->press != NULL && TOOL_IFACE (self)->press (self, view, n_press, x, y, state);
}

void
pv_map_tool_drag_update (PvMapTool *self,
                         PvMapView *view,
                         double     x,
                         double     y)
{
  g_return_if_fail (PV_IS_MAP_TOOL (self));

  if (TOOL_IFACE (self)->drag_update != NULL)
    TOOL_IFACE (self)->drag_update (self, view, x, y);
}

void
pv_map_tool_release (PvMapTool *self,
                     PvMapView *view,
                     double     x,
                     double     y)
{
  g_return_if_fail (PV_IS_MAP_TOOL (self));

  if (TOOL_IFACE (self)->release != NULL)
    TOOL_IFACE (self)->release (self, view, x, y);
}

void
pv_map_tool_motion (PvMapTool *self,
                    PvMapView *view,
                    double     x,
                    double     y)
{
  g_return_if_fail (PV_IS_MAP_TOOL (self));

  if (TOOL_IFACE (self)->motion != NULL)
    TOOL_IFACE (self)->motion (self, view, x, y);
}

gboolean
pv_map_tool_key_pressed (PvMapTool       *self,
                         PvMapView       *view,
                         guint            keyval,
                         GdkModifierType  state)
{
  g_return_val_if_fail (PV_IS_MAP_TOOL (self), FALSE);

  return TOOL_IFACE (self)->key_pressed != NULL && TOOL_IFACE (self)->key_pressed (self, view, keyval, state);
}

void
pv_map_tool_snapshot (PvMapTool   *self,
                      PvMapView   *view,
                      GtkSnapshot *snapshot)
{
  g_return_if_fail (PV_IS_MAP_TOOL (self));

  if (TOOL_IFACE (self)->snapshot != NULL)
    TOOL_IFACE (self)->snapshot (self, view, snapshot);
}

const char *
pv_map_tool_get_cursor_name (PvMapTool *self)
{
  g_return_val_if_fail (PV_IS_MAP_TOOL (self), NULL);

  return TOOL_IFACE (self)->get_cursor_name != NULL ? TOOL_IFACE (self)->get_cursor_name (self) : NULL;
}
