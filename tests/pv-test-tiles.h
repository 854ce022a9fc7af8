/* pv-test-tiles.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Web-map fixtures made with GDAL: a raster around Thủ Dầu Một in EPSG:3857
 * and the XYZ tile tree of it, for pv-test-http to serve. */

#define PV_TEST_MERCATOR_HALF 20037508.342789244
/* Thủ Dầu Một (106.65° E, 10.98° N) in EPSG:3857. */
#define PV_TEST_TILES_CENTRE_X 11872223.693
#define PV_TEST_TILES_CENTRE_Y 1229838.818
/* The source: 10 km square, 10 m pixels, squares of 50 pixels (500 m). */
#define PV_TEST_TILES_HALF     5000.0
#define PV_TEST_TILES_PIXEL    10.0
#define PV_TEST_TILES_SQUARE   50

/* The colour of square (i, j) (column, row from the top-left). */
void   pv_test_tiles_square_colour (int         i,
                                    int         j,
                                    guint8     *rgb);
/* Writes the source GeoTIFF at path. */
void   pv_test_tiles_write_source  (const char *path);
/* Writes root/{z}/{x}/{y}.png of source for zoom min_zoom…max_zoom over its
 * extent (transparent outside it). Returns the number of tiles. */
guint  pv_test_tiles_write_xyz     (const char *root,
                                    const char *source,
                                    int         min_zoom,
                                    int         max_zoom);
/* The size of a tile of zoom z in EPSG:3857 metres. */
double pv_test_tiles_span          (int         z);

G_END_DECLS
