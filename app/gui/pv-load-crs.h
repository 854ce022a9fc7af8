/* pv-load-crs.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-core.h"

G_BEGIN_DECLS

/* Asks which CRS the coordinates of a file without one are in: VN-2000 /
 * Bình Dương first, other VN-2000 zones and UTM 48N, any EPSG code or PROJ
 * definition, or keep it unknown. The dialog is an AdwMessageDialog, modal
 * for parent, with the responses "assign" and "keep". */
void   pv_load_ask_crs_async  (GtkWindow            *parent,
                               const char           *file_name,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data);
/* The same question for a file whose layers (without CRS) cover extent
 * (xmin, ymin, xmax, ymax in the file's coordinates; NULL when unknown):
 * the CRSs pv_crs_suggest_for_extent() finds likely are computed on a worker
 * thread and offered first, the most likely one ticked, before the fixed
 * choices; nothing is assigned until the user answers "assign". */
void   pv_load_ask_crs_for_extent_async (GtkWindow            *parent,
                                         const char           *file_name,
                                         const double         *extent,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* The chosen CRS, or NULL with no error when the user keeps it unknown
 * (either function's result). */
PvCrs *pv_load_ask_crs_finish (GAsyncResult         *result,
                               GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
