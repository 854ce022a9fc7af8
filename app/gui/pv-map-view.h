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
/* TRUE when the last frame shows the current view and map content (with
 * compare on, group B's frame too). */
gboolean    pv_map_view_get_frame_is_sharp  (PvMapView    *self);
/* TRUE while a frame (of the map, group B or the magnifier) is queued or
 * being rendered. */
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

/* Compare: group B (other, a PvMap sharing the view's layers, e.g.
 * pv_map_copy() + pv_map_set_shown_layers(), or pv_bookmark_dup_compare_map())
 * over the view's own map (group A). It is rendered like the view's frame (on
 * workers, shown moved and scaled while the sharp one renders). */
typedef enum
{
  PV_COMPARE_NONE,
  PV_COMPARE_SWIPE,      /* B right of a draggable vertical divider */
  PV_COMPARE_SPYGLASS,   /* B inside a circle following the pointer */
} PvCompareMode;

#define PV_TYPE_COMPARE_MODE (pv_compare_mode_get_type ())
GType         pv_compare_mode_get_type         (void) G_GNUC_CONST;

/* Shows other right of the divider (SWIPE) or in the spyglass (SPYGLASS);
 * NULL or PV_COMPARE_NONE turns compare off. The view holds a reference to
 * other. A new map (pv_map_view_set_map) turns compare off. */
void          pv_map_view_set_compare          (PvMapView     *self,
                                                PvMap         *other,
                                                PvCompareMode  mode);
PvCompareMode pv_map_view_get_compare_mode     (PvMapView     *self);
/* Group B, or NULL when compare is off. */
PvMap        *pv_map_view_get_compare_map      (PvMapView     *self);
/* The divider's place, 0 (left edge) … 1 (right edge) of the width: the
 * "compare-position" property (default 0.5), also set by dragging the
 * divider's handle. */
void          pv_map_view_set_compare_position (PvMapView     *self,
                                                double         position);
double        pv_map_view_get_compare_position (PvMapView     *self);
/* The spyglass radius as a share of the view's smaller side, 0.05 … 0.5
 * (default 0.18; Ctrl+scroll changes it): "spyglass-radius". */
void          pv_map_view_set_spyglass_radius  (PvMapView     *self,
                                                double         radius);
double        pv_map_view_get_spyglass_radius  (PvMapView     *self);

/* Pointer tools for presenting, drawn over the shown frames at display
 * rate (no map render, except the magnifier's own sharp lens frame). */
typedef enum
{
  PV_POINTER_NONE,
  PV_POINTER_LASER,      /* a bright red dot, the pointer's cursor hidden */
  PV_POINTER_SPOTLIGHT,  /* everything outside a circle dimmed */
  PV_POINTER_MAGNIFIER,  /* a lens showing the map at 2× */
} PvPointerMode;

#define PV_TYPE_POINTER_MODE (pv_pointer_mode_get_type ())
GType         pv_pointer_mode_get_type         (void) G_GNUC_CONST;

/* "pointer-mode". */
void          pv_map_view_set_pointer_mode     (PvMapView     *self,
                                                PvPointerMode  mode);
PvPointerMode pv_map_view_get_pointer_mode     (PvMapView     *self);
/* The spotlight's and the magnifier's radius as a share of the view's
 * smaller side, 0.05 … 0.5 (default 0.15; Ctrl+scroll changes it while one
 * of them is on): "pointer-radius". */
void          pv_map_view_set_pointer_radius   (PvMapView     *self,
                                                double         radius);
double        pv_map_view_get_pointer_radius   (PvMapView     *self);

G_END_DECLS
