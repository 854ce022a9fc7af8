/* pv-status-bar.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-core.h"
#include "pv-map-view.h"

G_BEGIN_DECLS

#define PV_TYPE_STATUS_BAR (pv_status_bar_get_type ())
G_DECLARE_FINAL_TYPE (PvStatusBar, pv_status_bar, PV, STATUS_BAR, GtkWidget)

/* The map window's status bar: the pointer position in the map CRS and in
 * WGS 84 (decimal degrees or DMS, the "coordinate-format" setting), the
 * scale (editable, with the planning scales) and the map CRS, whose button
 * opens a CRS chooser. It follows the map shown by its map view. */
GtkWidget  *pv_status_bar_new                  (void);
PvMapView  *pv_status_bar_get_map_view         (PvStatusBar *self);
void        pv_status_bar_set_map_view         (PvStatusBar *self,
                                                PvMapView   *map_view);
/* "decimal" or "dms"; bound to the setting when the schema is installed. */
const char *pv_status_bar_get_coordinate_format (PvStatusBar *self);
void        pv_status_bar_set_coordinate_format (PvStatusBar *self,
                                                 const char  *format);
/* Shows the map point (x, y) in the map CRS, as the pointer does. */
void        pv_status_bar_show_position        (PvStatusBar *self,
                                                double       x,
                                                double       y);
void        pv_status_bar_clear_position       (PvStatusBar *self);
/* The texts shown: map-CRS position, WGS 84 position, scale. */
const char *pv_status_bar_get_position_text    (PvStatusBar *self);
const char *pv_status_bar_get_geographic_text  (PvStatusBar *self);
const char *pv_status_bar_get_scale_text       (PvStatusBar *self);
/* Sets the scale from what a user typed ("1:2000", "2 000", …) keeping the
 * view centre; FALSE (and nothing changes) when it is not a scale. */
gboolean    pv_status_bar_apply_scale_text     (PvStatusBar *self,
                                                const char  *text);
/* Makes crs the map CRS, keeping the same ground point at the view centre
 * and about the same scale; the map re-renders in the new CRS. */
void        pv_status_bar_set_map_crs          (PvStatusBar *self,
                                                PvCrs       *crs);
/* Opens the CRS chooser for the map CRS (the CRS button does). */
void        pv_status_bar_choose_crs           (PvStatusBar *self);

G_END_DECLS
