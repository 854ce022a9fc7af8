/* pv-print-table.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "pv-landuse-stats.h"
#include "pv-print-legend.h"

G_BEGIN_DECLS

/* Measures (and with draw TRUE draws) the land-use structure table of stats
 * in a box of the given width in cairo units, top-left at (x, y): a heading
 * and a caption (the layer and the scope), a ruled table (code, name, area
 * in ha, share in %) with a total row, and the note on how areas were
 * measured. Numbers as the statistics panel writes them: two decimals, the
 * locale's decimal separator, digits grouped by three. Returns the height
 * used. When it does not fit max_height (≤ 0: no limit) the text shrinks down
 * to PV_PRINT_LEGEND_MIN_FONT_MM; when even that does not fit, the last rows
 * (never the total) are left out and a row says how many. units_per_mm:
 * cairo units per millimetre. info (may be NULL) tells what it did
 * (n_columns is 1). */
double pv_print_table_layout (cairo_t           *cr,
                              PvLanduseStats    *stats,
                              double             x,
                              double             y,
                              double             width,
                              double             max_height,
                              double             units_per_mm,
                              gboolean           draw,
                              PvPrintLegendInfo *info);

G_END_DECLS
