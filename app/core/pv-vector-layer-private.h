/* pv-vector-layer-private.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-vector-layer.h"

G_BEGIN_DECLS

/* Reads the layer at layer_index of the source at path (GDAL vector).
 * progress (may be NULL) is called on the calling thread with the fraction
 * of features read. */
PvVectorLayer *_pv_vector_layer_new (const char      *path,
                                     int              layer_index,
                                     PvProgressFunc   progress,
                                     gpointer         user_data,
                                     GCancellable    *cancellable,
                                     GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* Styles the layer with the land-use palette when a text field holds
 * Vietnamese land-use codes (most of its values). */
gboolean       _pv_vector_layer_apply_automatic_style (PvVectorLayer  *self,
                                                       GCancellable   *cancellable,
                                                       GError        **error);

G_END_DECLS
