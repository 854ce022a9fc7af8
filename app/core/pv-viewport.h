/* pv-viewport.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PV_TYPE_VIEWPORT (pv_viewport_get_type ())
G_DECLARE_FINAL_TYPE (PvViewport, pv_viewport, PV, VIEWPORT, GObject)

/* What a frame shows: the centre in map-CRS units, the resolution in map units
 * per device pixel, the size in device pixels and the device resolution in dpi.
 * Screen y grows downwards, map y upwards. */
PvViewport *pv_viewport_new            (void) G_GNUC_WARN_UNUSED_RESULT;
PvViewport *pv_viewport_copy           (PvViewport *self) G_GNUC_WARN_UNUSED_RESULT;
void        pv_viewport_set_center     (PvViewport *self,
                                        double      x,
                                        double      y);
void        pv_viewport_get_center     (PvViewport *self,
                                        double     *x,
                                        double     *y);
double      pv_viewport_get_resolution (PvViewport *self);
void        pv_viewport_set_resolution (PvViewport *self,
                                        double      resolution);
void        pv_viewport_set_size       (PvViewport *self,
                                        int         width,
                                        int         height);
int         pv_viewport_get_width      (PvViewport *self);
int         pv_viewport_get_height     (PvViewport *self);
double      pv_viewport_get_dpi        (PvViewport *self);
void        pv_viewport_set_dpi        (PvViewport *self,
                                        double      dpi);
/* Scale denominator (1:N) for this resolution, assuming metre map units. */
double      pv_viewport_get_scale      (PvViewport *self);
void        pv_viewport_set_scale      (PvViewport *self,
                                        double      scale);
void        pv_viewport_get_extent     (PvViewport *self,
                                        double     *xmin,
                                        double     *ymin,
                                        double     *xmax,
                                        double     *ymax);
/* Fits the box into the current size, centred, keeping square pixels. */
void        pv_viewport_fit_extent     (PvViewport *self,
                                        double      xmin,
                                        double      ymin,
                                        double      xmax,
                                        double      ymax);
void        pv_viewport_map_to_screen  (PvViewport *self,
                                        double      map_x,
                                        double      map_y,
                                        double     *screen_x,
                                        double     *screen_y);
void        pv_viewport_screen_to_map  (PvViewport *self,
                                        double      screen_x,
                                        double      screen_y,
                                        double     *map_x,
                                        double     *map_y);
/* Zooms by factor (>1 zooms in) keeping the map point under (screen_x, screen_y). */
void        pv_viewport_zoom_at        (PvViewport *self,
                                        double      factor,
                                        double      screen_x,
                                        double      screen_y);
/* Moves the view so the map follows a drag of (dx, dy) device pixels. */
void        pv_viewport_pan_pixels     (PvViewport *self,
                                        double      dx,
                                        double      dy);

G_END_DECLS
