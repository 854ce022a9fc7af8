/* pv-map-view.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-core.h"
#include "pv-map-tool.h"

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
/* Zooms (animated) so the widget box between (x0, y0) and (x1, y1) fills the
 * view, as a Shift-drag does; boxes under 4 px are ignored. */
void        pv_map_view_zoom_to_box         (PvMapView    *self,
                                             double        x0,
                                             double        y0,
                                             double        x1,
                                             double        y1);
/* Moves the map by (dx, dy) widget pixels, as a drag does (no history entry). */
void        pv_map_view_pan                 (PvMapView    *self,
                                             double        dx,
                                             double        dy);
/* Lets the map glide on with the velocity (widget px/s) of a released drag,
 * slowing down on the frame clock; a press or any navigation stops it. */
void        pv_map_view_fling               (PvMapView    *self,
                                             double        velocity_x,
                                             double        velocity_y);
/* TRUE while a fling or an animated zoom, pan or history jump is running. */
gboolean    pv_map_view_get_animating       (PvMapView    *self);
/* The map coordinates under the widget point (x, y). */
void        pv_map_view_widget_to_map       (PvMapView    *self,
                                             double        x,
                                             double        y,
                                             double       *map_x,
                                             double       *map_y);
/* Map units per widget pixel. */
double      pv_map_view_get_resolution      (PvMapView    *self);

/* The last finished frame and the viewport it shows, or NULL before the first
 * one (for tests and overlays). Frames are rendered larger than the view (a
 * margin on every side) so that pans show content at once; the frame
 * viewport has the view's centre and resolution when the frame is sharp. */
GdkTexture *pv_map_view_get_frame_texture   (PvMapView    *self);
PvViewport *pv_map_view_get_frame_viewport  (PvMapView    *self);
/* TRUE when the last frame shows the current view and map content. */
gboolean    pv_map_view_get_frame_is_sharp  (PvMapView    *self);
/* TRUE while a frame is queued or being rendered. */
gboolean    pv_map_view_get_rendering       (PvMapView    *self);
/* Renders the map again though the view did not move, e.g. after a layer's
 * selection changed. */
void        pv_map_view_queue_render        (PvMapView    *self);

/* The map point at (map_x, map_y) in widget coordinates. */
void        pv_map_view_map_to_widget       (PvMapView    *self,
                                             double        map_x,
                                             double        map_y,
                                             double       *x,
                                             double       *y);

/* The tool that takes pointer and key input first (measuring, annotating…),
 * or NULL: pan, zoom and identify. The view holds a reference. */
void        pv_map_view_set_tool            (PvMapView    *self,
                                             PvMapTool    *tool);
PvMapTool  *pv_map_view_get_tool            (PvMapView    *self);

/* Draws over the map on every frame (annotations, measurements): cr's user
 * space is the viewport's device pixels, as for the renderer. Returns an id
 * for pv_map_view_remove_overlay(); destroy (may be NULL) frees data. */
typedef void (*PvMapOverlayFunc) (cairo_t    *cr,
                                  PvViewport *viewport,
                                  gpointer    data);
guint       pv_map_view_add_overlay         (PvMapView        *self,
                                             PvMapOverlayFunc  func,
                                             gpointer          data,
                                             GDestroyNotify    destroy);
void        pv_map_view_remove_overlay      (PvMapView        *self,
                                             guint             id);

G_END_DECLS
