/* pv-map-view.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-core.h"

G_BEGIN_DECLS

#define PV_TYPE_MAP_VIEW (pv_map_view_get_type ())
G_DECLARE_FINAL_TYPE (PvMapView, pv_map_view, PV, MAP_VIEW, GtkWidget)

/* Shows a PvMap rendered by core on worker threads. Never waits for a render:
 * while a frame is being drawn the last one is shown moved and scaled to the
 * current view. Coordinates of the public API are widget (CSS) pixels. */
GtkWidget  *pv_map_view_new                 (void);
PvMap      *pv_map_view_get_map             (PvMapView    *self);
/* Shows map; the view starts at view_extent (xmin, ymin, xmax, ymax in the map
 * CRS) when not NULL, else at the map's full extent. */
void        pv_map_view_set_map             (PvMapView    *self,
                                             PvMap        *map,
                                             const double *view_extent);
/* The view's viewport (device pixels); owned by the view, emits "changed". */
PvViewport *pv_map_view_get_viewport        (PvMapView    *self);
void        pv_map_view_zoom_full           (PvMapView    *self);
/* Zooms by factor (> 1 zooms in) keeping the point at (x, y) in place. */
void        pv_map_view_zoom_at             (PvMapView    *self,
                                             double        factor,
                                             double        x,
                                             double        y);
/* Moves the map by (dx, dy) widget pixels, as a drag does. */
void        pv_map_view_pan                 (PvMapView    *self,
                                             double        dx,
                                             double        dy);
/* The map coordinates under the widget point (x, y). */
void        pv_map_view_widget_to_map       (PvMapView    *self,
                                             double        x,
                                             double        y,
                                             double       *map_x,
                                             double       *map_y);
/* Map units per widget pixel. */
double      pv_map_view_get_resolution      (PvMapView    *self);

/* The last finished frame and the viewport it shows, or NULL before the first
 * one (for tests and overlays). */
GdkTexture *pv_map_view_get_frame_texture   (PvMapView    *self);
PvViewport *pv_map_view_get_frame_viewport  (PvMapView    *self);
/* TRUE while a frame is queued or being rendered. */
gboolean    pv_map_view_get_rendering       (PvMapView    *self);

G_END_DECLS
