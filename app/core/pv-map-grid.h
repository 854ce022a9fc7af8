/* pv-map-grid.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "pv-crs.h"
#include "pv-viewport.h"

G_BEGIN_DECLS

/* The coordinate grid and the latitude/longitude graticule over a map
 * frame, drawn by core for prints and presenter overlays. */

typedef struct
{
  double   interval;               /* map units between grid lines; 0: automatic (round, 4–10 lines
                                    * across the frame's longer side) */
  gboolean grid;                   /* lines of constant map x / y, labelled in the map CRS */
  gboolean graticule;              /* lines of constant latitude / longitude (curved in projected
                                    * CRSs), labelled in degrees and minutes */
  double   graticule_interval_deg; /* 0: automatic (1, 2, 5, 10, 15, 20 or 30 ″ or ′, or whole
                                    * degrees, 4 or more lines across the longer side) */
} PvMapGridOptions;

/* Draws the grid over the map frame: the rectangle (frame_x, frame_y,
 * frame_w, frame_h) in cairo units showing viewport, whose device pixels
 * map linearly onto it. Lines are clipped to the frame; each labelled line
 * gets a tick and a label outside the frame, upright above and below it
 * ("598 000"), turned to read upwards left and right of it ("1 214 000").
 * With only the grid or only the graticule, every side is labelled; with
 * both, the grid is labelled below and left and the graticule
 * ("106°40′", "11°00′30″") above and right. Labels that would overlap
 * their neighbour or pass the frame's corner are left out.
 *
 * crs is the map CRS: the graticule goes through PROJ between it and its
 * own geographic CRS (no datum shift), lines densified to stay smooth. crs
 * NULL: the grid only. In a geographic CRS grid and graticule are the same
 * lines, drawn once and labelled in degrees. */
void   pv_map_grid_draw          (cairo_t                *cr,
                                  PvViewport             *viewport,
                                  PvCrs                  *crs,
                                  double                  frame_x,
                                  double                  frame_y,
                                  double                  frame_w,
                                  double                  frame_h,
                                  double                  units_per_mm,
                                  const PvMapGridOptions *options);
/* The room (cairo units) the ticks and labels need outside each side of
 * the frame, so a page layout can reserve it. */
double pv_map_grid_measure_margin (cairo_t *cr,
                                   double   units_per_mm);
/* The grid interval (map units) pv_map_grid_draw() uses for options->interval 0. */
double pv_map_grid_choose_interval (PvViewport *viewport);
/* The graticule interval (degrees) pv_map_grid_draw() uses for
 * options->graticule_interval_deg 0; 0 when crs has no geographic CRS or the
 * frame has no longitude and latitude. */
double pv_map_grid_choose_graticule_interval (PvViewport *viewport,
                                              PvCrs      *crs);
/* "106°40′", "11°00′30″", "−0°30′": degrees with minutes, and seconds
 * when step (degrees, the distance between neighbouring labels) needs them. */
char  *pv_map_grid_format_degrees (double value,
                                   double step) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
