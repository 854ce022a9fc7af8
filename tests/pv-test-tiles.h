/* pv-test-tiles.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pv-test-http.h"

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
/* The usual fixture in dir: the source GeoTIFF (its path in *source, may be
 * NULL), its XYZ tree in dir/www for zoom min_zoom…max_zoom (that folder in
 * *www, may be NULL), served on 127.0.0.1. Returns the server, or NULL with
 * *error_message saying why there is none (for g_test_skip()). */
PvTestHttp *pv_test_tiles_serve_xyz (const char  *dir,
                                     int          min_zoom,
                                     int          max_zoom,
                                     char       **source,
                                     char       **www,
                                     char       **error_message);
/* The size of a tile of zoom z in EPSG:3857 metres. */
double pv_test_tiles_span          (int         z);

G_END_DECLS
