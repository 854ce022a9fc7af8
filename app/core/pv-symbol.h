/* pv-symbol.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "pv-style.h"
#include "pv-vector-layer.h"

G_BEGIN_DECLS

/* Drawing of style symbols with cairo, shared by the map renderer and the
 * legends (window and exports). Sizes come from the symbol's unit at dpi;
 * coordinates are device pixels. */

/* Sets the dash pattern of a stroke of width device pixels (dashes scale
 * with the width; dashed strokes get butt caps, so gaps stay gaps). Returns
 * FALSE for PV_DASH_NONE: nothing is to be stroked. */
gboolean         pv_symbol_set_dash             (cairo_t               *cr,
                                                 PvDash                 dash,
                                                 double                 width);
/* Adds the outline of a marker of size device pixels (its diameter, or the
 * side of its box) centred on x, y to the path, as a new sub-path. */
void             pv_symbol_add_marker_path      (cairo_t               *cr,
                                                 PvMarker               marker,
                                                 double                 x,
                                                 double                 y,
                                                 double                 size);
/* The hatch of klass as a repeating pattern at dpi, or NULL for
 * PV_HATCH_NONE. The tile is whole device pixels and starts at
 * (origin_x, origin_y) rounded, so hatches are crisp and, with the origin at
 * a fixed map point, stay put on the map while it pans. */
cairo_pattern_t *pv_symbol_create_hatch_pattern (const PvStyleCategory *klass,
                                                 double                 dpi,
                                                 double                 origin_x,
                                                 double                 origin_y) G_GNUC_WARN_UNUSED_RESULT;
/* Draws klass as the legend swatch of features of kind in the box x, y, w,
 * h: a patch with hatch and outline for polygons, a stroke over its casing
 * for lines, a marker for points. Widths too large for the box are reduced. */
void             pv_symbol_draw_swatch          (const PvStyleCategory *klass,
                                                 PvGeometryKind         kind,
                                                 cairo_t               *cr,
                                                 double                 x,
                                                 double                 y,
                                                 double                 w,
                                                 double                 h,
                                                 double                 dpi);
/* The kind of geometry most features of layer have (polygon when none has
 * any): the swatch to draw for it. */
PvGeometryKind   pv_symbol_get_layer_kind       (PvVectorLayer         *layer);

G_END_DECLS
