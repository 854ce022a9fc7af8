/* pv-vector-labels-private.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-vector-layer-private.h"

G_BEGIN_DECLS

/* The layer's labeling and texts (a new reference), or NULL without labels. */
PvLabelTexts *_pv_vector_layer_dup_label_texts (PvVectorLayer *self);

static inline const char *
_pv_label_texts_get (const PvLabelTexts *texts,
                     guint               feature)
{
  return texts->text + texts->offsets[feature];
}

G_END_DECLS
