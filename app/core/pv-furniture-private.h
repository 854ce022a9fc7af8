/* pv-furniture-private.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* Shared by the map furniture (scale bar, north arrow, grid): text and
 * numbers drawn the same way on paper and on screen. */

/* Text sizes, millimetres on paper (or on screen through units_per_mm). */
#define PV_FURNITURE_LABEL_MM 2.2

/* A layout for cr in Noto Sans (then DejaVu Sans) whose em is size_mm on
 * paper, without hinting (so a PDF and an image agree on every width). */
PangoLayout *_pv_furniture_create_layout   (cairo_t    *cr,
                                            const char *text,
                                            double      size_mm,
                                            double      units_per_mm,
                                            gboolean    bold) G_GNUC_WARN_UNUSED_RESULT;
/* The layout's logical size in cr's user units. */
void         _pv_furniture_get_layout_size (PangoLayout *layout,
                                            double      *width,
                                            double      *height);
/* value with at most decimals decimals (trailing zeros dropped), a point
 * as decimal mark and its thousands grouped by spaces as Vietnamese maps
 * write them: "598 000", "1 214 500", "2.5". */
char        *_pv_furniture_format_number   (double      value,
                                            int         decimals) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
