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

/* How geographic coordinates are written (the "coordinate-format" setting). */
typedef enum
{
  PV_COORDINATE_FORMAT_DECIMAL,   /* 10.980400° N  106.651900° E */
  PV_COORDINATE_FORMAT_DMS,       /* 10°58′49.44″ N  106°39′06.84″ E */
} PvCoordinateFormat;

/* "decimal" or "dms" (GSettings values) and back; unknown text is decimal. */
PvCoordinateFormat  pv_coordinate_format_from_string (const char *text);
const char         *pv_coordinate_format_to_string   (PvCoordinateFormat format);

/* A WGS 84 position, latitude first with hemisphere letters: decimal
 * degrees with 6 decimals (0.1 m) or degrees, minutes and seconds with 2
 * decimals (0.3 m). */
char *pv_format_geographic     (double             lon,
                                double             lat,
                                PvCoordinateFormat format) G_GNUC_WARN_UNUSED_RESULT;
/* Reads a scale typed by a user: "1:2000", "2000", "1 : 2 000", "1/2 000",
 * "1:2.000" or "≈1:25 000". FALSE unless it is a whole number from 1 to
 * 1 000 000 000. */
gboolean pv_format_parse_scale (const char *text,
                                double     *scale);
/* The planning scales, 500 to 50 000, largest scale (smallest number) first. */
const guint *pv_format_get_planning_scales (guint *n_scales);

G_END_DECLS
