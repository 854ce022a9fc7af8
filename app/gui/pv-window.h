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

/* The project the window shows: its file and whether it has unsaved
 * changes ("modified"). Replaced when another project opens. */
PvProject   *pv_window_get_project       (PvWindow   *self);
/* Saves the project to file (NULL: its own file), as Save and Save As do:
 * the recovery file goes, the title loses its modified mark, the file joins
 * the recent files. */
gboolean     pv_window_save              (PvWindow   *self,
                                          GFile      *file,
                                          GError    **error);
/* Opens file in place of the missing layer at position (bottom first), with
 * the layer's saved style, labels and encoding, as "Locate File…" does. */
void         pv_window_locate_layer      (PvWindow   *self,
                                          guint       position,
                                          GFile      *file);
/* Lists the recovery files crashed sessions left and, if there are any,
 * asks whether to recover them (TRUE) or not (FALSE: nothing to offer).
 * The application's first window does this by itself once it is shown. */
gboolean     pv_window_offer_recovery    (PvWindow   *self);
/* This window's recovery file (written a few seconds after a change), or
 * NULL while none was written. */
const char  *pv_window_get_recovery_path (PvWindow   *self);

G_END_DECLS
