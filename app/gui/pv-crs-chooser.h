/* pv-crs-chooser.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-core.h"

G_BEGIN_DECLS

#define PV_TYPE_CRS_CHOOSER (pv_crs_chooser_get_type ())
G_DECLARE_FINAL_TYPE (PvCrsChooser, pv_crs_chooser, PV, CRS_CHOOSER, AdwWindow)

/* A modal window to pick a coordinate reference system: PROJ's EPSG CRSs
 * searchable by name, code, area or province (Bình Dương's EPSG:9210 and the
 * other VN-2000 CRSs first), or a custom WKT / PROJ definition.
 *
 * Emits "crs-chosen" (PvCrs) and closes when the user picks one; closing it
 * otherwise picks nothing. pv_crs_chooser_choose_async() wraps both.
 * Like any toplevel window, the chooser is owned by GTK until it closes. */
PvCrsChooser    *pv_crs_chooser_new              (GtkWindow           *parent,
                                                  const char          *title,
                                                  PvCrs               *initial);
/* Presents the chooser; finishes with the chosen CRS, or G_IO_ERROR_CANCELLED
 * when it is closed without a choice (or cancellable is cancelled). */
void             pv_crs_chooser_choose_async     (PvCrsChooser        *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
PvCrs           *pv_crs_chooser_choose_finish    (PvCrsChooser        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error) G_GNUC_WARN_UNUSED_RESULT;
/* The CRS chosen so far, or NULL. */
PvCrs           *pv_crs_chooser_get_crs          (PvCrsChooser        *self);

/* Searches now, as typing in the search entry does (after its delay). */
void             pv_crs_chooser_set_search_text  (PvCrsChooser        *self,
                                                  const char          *text);
/* The CRSs the search shows, in order. */
guint            pv_crs_chooser_get_n_results    (PvCrsChooser        *self);
const PvCrsInfo *pv_crs_chooser_get_result       (PvCrsChooser        *self,
                                                  guint                position);
/* Picks the result at position (as activating its row does). */
gboolean         pv_crs_chooser_choose_result    (PvCrsChooser        *self,
                                                  guint                position);
/* Picks the CRS of a WKT, PROJ string, PROJJSON or "AUTH:code" definition
 * (as the Custom page does); on failure shows the error inline and sets it. */
gboolean         pv_crs_chooser_choose_custom    (PvCrsChooser        *self,
                                                  const char          *definition,
                                                  GError             **error);

G_END_DECLS
