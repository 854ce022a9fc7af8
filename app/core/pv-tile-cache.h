/* pv-tile-cache.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pv-crs.h"
#include "pv-layer.h"

G_BEGIN_DECLS

/* Caches the tiles of a raster source (a web service, or any raster GDAL
 * reads) for some extents into an MBTiles file, for a presentation without
 * internet: the file opens as a base map (EPSG:3857, PNG tiles, one zoom
 * level per overview) with online sources off. GDAL writes the file.
 *
 * Each extent has its own zoom range; a tile is 256 × 256 pixels of the
 * web-mercator grid ("XYZ" zoom levels: level z has 2^z × 2^z tiles). */
typedef struct _PvTileCache PvTileCache;

/* Largest zoom level written. */
#define PV_TILE_CACHE_MAX_ZOOM 22
/* Default limit on tiles fetched by one run (pv_tile_cache_write()). */
#define PV_TILE_CACHE_DEFAULT_LIMIT 20000

PvTileCache *pv_tile_cache_new          (const char    *source) G_GNUC_WARN_UNUSED_RESULT;
void         pv_tile_cache_free         (PvTileCache   *self);
const char  *pv_tile_cache_get_source   (PvTileCache   *self);
/* Adds xmin…ymax in crs (NULL: EPSG:3857) at zoom levels min_zoom…max_zoom
 * (0…PV_TILE_CACHE_MAX_ZOOM). FALSE with an error when the extent cannot be
 * brought into EPSG:3857 or the zoom range is invalid. */
gboolean     pv_tile_cache_add_extent   (PvTileCache   *self,
                                         PvCrs         *crs,
                                         double         xmin,
                                         double         ymin,
                                         double         xmax,
                                         double         ymax,
                                         int            min_zoom,
                                         int            max_zoom,
                                         GError       **error);
guint        pv_tile_cache_get_n_extents (PvTileCache  *self);
/* How many tiles the extents cover, over their zoom ranges (a tile that two
 * extents share counts once). This is how many tiles a run fetches, at
 * most, and roughly how many it writes (empty ones are not stored). */
guint64      pv_tile_cache_count_tiles  (PvTileCache   *self);
/* The zoom level whose tiles are as fine as xmin…ymax (in crs) shown
 * width_pixels wide: the level a view of that extent reads. -1 with an error
 * when the extent does not transform. */
int          pv_tile_cache_zoom_for_extent (PvCrs      *crs,
                                            double      xmin,
                                            double      ymin,
                                            double      xmax,
                                            double      ymax,
                                            int         width_pixels,
                                            GError    **error);

/* Writes the tiles into a new MBTiles file at output (replaced only when
 * the run succeeds; a cancelled or failed run leaves no file). Refuses, with
 * an error giving both numbers, when pv_tile_cache_count_tiles() exceeds
 * max_tiles (0: PV_TILE_CACHE_DEFAULT_LIMIT). progress is called on the
 * calling thread with the fraction of tiles done. A web source needs online
 * sources on. Blocking: call from a worker. */
gboolean     pv_tile_cache_write        (PvTileCache    *self,
                                         const char     *output,
                                         guint64         max_tiles,
                                         PvProgressFunc  progress,
                                         gpointer        user_data,
                                         GCancellable   *cancellable,
                                         GError        **error);
/* pv_tile_cache_write() on a worker thread; the cache must not change
 * meanwhile. progress is called on the worker thread. */
void         pv_tile_cache_write_async  (PvTileCache        *self,
                                         const char         *output,
                                         guint64             max_tiles,
                                         PvProgressFunc      progress,
                                         gpointer            user_data,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            callback_data);
gboolean     pv_tile_cache_write_finish (GAsyncResult       *result,
                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvTileCache, pv_tile_cache_free)

G_END_DECLS
