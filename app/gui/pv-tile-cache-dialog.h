/* pv-tile-cache-dialog.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-core.h"
#include "pv-load-queue.h"

G_BEGIN_DECLS

#define PV_TYPE_TILE_CACHE_DIALOG (pv_tile_cache_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PvTileCacheDialog, pv_tile_cache_dialog, PV, TILE_CACHE_DIALOG, AdwWindow)

/* "Cache Tiles for Offline": the tiles of one of map's raster layers (a web
 * map) for the view or every bookmark, at zoom levels chosen from the view's
 * scale, into an MBTiles file (pv-tile-cache.h) on a worker, with the tile
 * count shown before starting, progress and Cancel. The file made can be
 * added to the map through queue. */
GtkWidget  *pv_tile_cache_dialog_new         (GtkWindow         *parent,
                                              PvMap             *map,
                                              PvViewport        *viewport,
                                              PvLoadQueue       *queue) G_GNUC_WARN_UNUSED_RESULT;
/* The output file (the file chooser sets it too). */
void        pv_tile_cache_dialog_set_output  (PvTileCacheDialog *self,
                                              const char        *path);
/* The tiles the current choice covers. */
guint64     pv_tile_cache_dialog_get_n_tiles (PvTileCacheDialog *self);

G_END_DECLS
