/* pv-missing-layer.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-layer.h"

G_BEGIN_DECLS

#define PV_TYPE_MISSING_LAYER (pv_missing_layer_get_type ())
G_DECLARE_FINAL_TYPE (PvMissingLayer, pv_missing_layer, PV, MISSING_LAYER, PvLayer)

/* A layer of a project whose file was missing or unreadable when the project
 * was opened. It draws nothing and has no extent; its "notice" says what is
 * wrong. It keeps the layer's entry of the project file, so that saving the
 * project writes it back (with the name, visibility and opacity it has now),
 * and so that locating the file opens it with its saved style, labels and
 * encoding. Made by pv_project_open(). */

/* Opens the layers of path (the file the entry named, found elsewhere) with
 * the entry's settings. Problems with the style or labels are added to
 * layer_errors (GError); the layers open anyway. Reads the file: call it on
 * a worker thread. Returns a GPtrArray of PvLayer. */
GPtrArray *pv_missing_layer_locate (PvMissingLayer  *self,
                                    const char      *path,
                                    GPtrArray       *layer_errors,
                                    GCancellable    *cancellable,
                                    GError         **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
