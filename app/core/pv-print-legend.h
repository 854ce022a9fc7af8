/* pv-print-legend.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "pv-legend.h"

G_BEGIN_DECLS

/* What a print block's layout did. */
typedef struct
{
  double   height;    /* cairo units used, heading included */
  double   width;     /* cairo units used (≤ the width given) */
  guint    n_columns; /* side by side (1 for a table) */
  double   font_mm;   /* the text size chosen, in mm on paper or screen */
  gboolean truncated; /* even the smallest text did not fit: some was left out */
} PvPrintLegendInfo;

/* Text size of the print legend and table: what they start with, and the
 * smallest they shrink to, in mm. */
#define PV_PRINT_LEGEND_FONT_MM     2.8
#define PV_PRINT_LEGEND_MIN_FONT_MM 2.0

/* A layout for cr in the print font ("Noto Sans", then "DejaVu Sans") of
 * size cairo units, bold or not, with hinting off (the same measures on any
 * surface): text stays text in a PDF. */
PangoLayout *pv_print_create_layout (cairo_t  *cr,
                                     double    size,
                                     gboolean  bold) G_GNUC_WARN_UNUSED_RESULT;

/* Measures (and with draw TRUE draws) the legend entries (from
 * pv_legend_build_for_extent) in a column of the given width in cairo units,
 * top-left at (x, y): a heading ("Legend"), per layer its title and its items
 * (the swatch of pv_symbol_draw_swatch and the label, wrapped). Returns the
 * height used. When the entries do not fit max_height (≤ 0: no limit), it lays
 * them out in more columns side by side, then shrinks the text down to
 * PV_PRINT_LEGEND_MIN_FONT_MM; when even that does not fit, the items that do
 * not are left out and a last line says how many. units_per_mm: cairo units
 * per millimetre (72 / 25.4 on paper in points, dpi / 25.4 on screen). info
 * (may be NULL) tells what it did. */
double       pv_print_legend_layout (cairo_t           *cr,
                                     GPtrArray         *entries,
                                     double             x,
                                     double             y,
                                     double             width,
                                     double             max_height,
                                     double             units_per_mm,
                                     gboolean           draw,
                                     PvPrintLegendInfo *info);

G_END_DECLS
