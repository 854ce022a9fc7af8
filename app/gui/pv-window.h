/* pv-window.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-core.h"
#include "pv-load-queue.h"
#include "pv-map-view.h"

G_BEGIN_DECLS

#define PV_TYPE_WINDOW (pv_window_get_type ())
G_DECLARE_FINAL_TYPE (PvWindow, pv_window, PV, WINDOW, AdwApplicationWindow)

/* Loads files on a worker thread: .pvproj projects replace the map, every
 * other file adds all its layers. Files that fail are reported in a toast. */
void       pv_window_open_files   (PvWindow   *self,
                                   GFile     **files,
                                   int         n_files);
PvMap     *pv_window_get_map      (PvWindow   *self);
PvMapView *pv_window_get_map_view (PvWindow   *self);
/* TRUE while files are being loaded. */
gboolean   pv_window_get_loading  (PvWindow   *self);
/* Opens the map data files (layer chooser, progress, CRS questions). */
PvLoadQueue *pv_window_get_load_queue (PvWindow *self);

G_END_DECLS
