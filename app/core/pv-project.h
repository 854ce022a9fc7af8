/* pv-project.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pv-map.h"
#include "pv-viewport.h"

G_BEGIN_DECLS

#define PV_PROJECT_SCHEMA_VERSION 1

/* Reads a .pvproj file into a new map. Layers whose files are missing or
 * broken are skipped and reported in layer_errors (GPtrArray of GError); the
 * rest loads. If the project stores a view, extent is set to it. */
PvMap    *pv_project_load (const char    *path,
                           GPtrArray     *layer_errors,
                           double        *view_extent,
                           gboolean      *has_view,
                           GCancellable  *cancellable,
                           GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* Writes map (and the viewport's extent, when not NULL) atomically. */
gboolean  pv_project_save (PvMap         *map,
                           PvViewport    *viewport,
                           const char    *path,
                           GError       **error);

G_END_DECLS
