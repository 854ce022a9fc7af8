/* pv-format.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-core.h"

G_BEGIN_DECLS

/* value with decimals digits after the point and its integer digits grouped
 * by three with narrow no-break spaces: 1214436.25 → "1 214 436.25". */
char *pv_format_grouped        (double  value,
                                int     decimals) G_GNUC_WARN_UNUSED_RESULT;
/* Decimals worth showing for a coordinate when one pixel is resolution
 * map units: 0 for metres per pixel or more, up to max_decimals. */
int   pv_format_decimals_for   (double  resolution,
                                int     max_decimals);
/* The pointer position for the status bar, e.g. "E 598 371  N 1 214 436"
 * for a projected CRS, longitude/latitude for a geographic one and X/Y when
 * the CRS is unknown (crs NULL). */
char *pv_format_position       (PvCrs  *crs,
                                double  x,
                                double  y,
                                double  resolution) G_GNUC_WARN_UNUSED_RESULT;
/* "1:25 000", or "≈1:25 000" when approximate. */
char *pv_format_scale          (double   scale,
                                gboolean approximate) G_GNUC_WARN_UNUSED_RESULT;
/* The scale denominator of viewport for a map in crs: the viewport's own for
 * metres; for degrees, a degree is taken as 111 319.49 m (the equator's). */
double pv_format_map_scale     (PvViewport *viewport,
                                PvCrs      *crs);

G_END_DECLS
