/* pv-scale-bar.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* A segmented scale bar drawn by core, for prints and presenter overlays:
 * alternating black and white boxes of a round ground length (1, 2 or 5 ×
 * 10^n m), labelled above at its boundaries ("0", "500", "1 km"; the unit
 * only at the end). Text goes through pango in Noto Sans, sized in
 * millimetres through units_per_mm (cairo units per millimetre: 72/25.4 on
 * paper in points, dpi/25.4 on screen in pixels). */

typedef struct
{
  double length_m;    /* ground length of the whole bar (a round 1, 2 or 5 × 10^n) */
  double width;       /* the bar's drawn width, cairo units (length_m / metres_per_unit) */
  double height;      /* everything drawn incl. labels, cairo units */
  guint  n_segments;
  /* Where the bar itself (the boxes, outline included) lies relative to
   * (x, y), cairo units: labels overhang its ends by half their width. */
  double bar_x;
  double bar_y;
  double bar_height;
  double total_width; /* everything drawn incl. labels, cairo units (≤ max_width) */
} PvScaleBarInfo;

/* Draws the bar with the top-left of everything drawn at (x, y), no wider
 * than max_width cairo units in all. metres_per_unit: ground metres per
 * cairo unit at the bar's place (for a print at 1:N in points:
 * N * 25.4e-3 / 72). Returns FALSE, drawing nothing, when no round length
 * fits (or metres_per_unit is not a positive number). info may be NULL. */
gboolean pv_scale_bar_draw    (cairo_t        *cr,
                               double          x,
                               double          y,
                               double          max_width,
                               double          metres_per_unit,
                               double          units_per_mm,
                               PvScaleBarInfo *info);
/* The same computation without drawing (to lay out a page); cr is only
 * measured with. */
gboolean pv_scale_bar_measure (cairo_t        *cr,
                               double          max_width,
                               double          metres_per_unit,
                               double          units_per_mm,
                               PvScaleBarInfo *info);
/* The texts of the labels pv_scale_bar_draw() draws with these arguments,
 * left to right ("0", "500", "1 km"), or NULL when it would draw nothing. */
GStrv    pv_scale_bar_dup_labels (cairo_t *cr,
                                  double   max_width,
                                  double   metres_per_unit,
                                  double   units_per_mm) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
