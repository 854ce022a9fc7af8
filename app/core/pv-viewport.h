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

/* Zooms so that the screen box between (x0, y0) and (x1, y1) (device pixels,
 * any two opposite corners) fills the view, centred, keeping square pixels. */
void        pv_viewport_zoom_to_box    (PvViewport *self,
                                        double      x0,
                                        double      y0,
                                        double      x1,
                                        double      y1);
/* Sets the centre and resolution to the view a share t (0…1) of the way from
 * from to to: the resolution changes geometrically, and the map point that
 * both views show at the same screen position stays there (a zoom keeps its
 * anchor; with equal resolutions the centre moves in a straight line). */
void        pv_viewport_interpolate    (PvViewport *self,
                                        PvViewport *from,
                                        PvViewport *to,
                                        double      t);
/* A copy with the same centre, resolution and dpi whose size is enlarged by
 * margin (a share of the width and height) on every side. */
PvViewport *pv_viewport_copy_overscan  (PvViewport *self,
                                        double      margin) G_GNUC_WARN_UNUSED_RESULT;
/* TRUE when self shows all of other at the same resolution and dpi (so a
 * frame of self can stand in for other without scaling). */
gboolean    pv_viewport_covers         (PvViewport *self,
                                        PvViewport *other);
/* Ground metres per device pixel at the centre of the view. Map units are
 * metres, or degrees when geographic is TRUE. */
double      pv_viewport_get_ground_resolution (PvViewport *self,
                                               gboolean    geographic);
/* The largest 1, 2 or 5 × 10^n not above length (> 0), for scale bars; 0
 * when length is not a positive finite number. */
double      pv_viewport_round_length   (double      length);

G_END_DECLS
