/* pv-annotation-private.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-annotation.h"

G_BEGIN_DECLS

/* Transforms n interleaved points from the set's CRS to crs (to_set FALSE)
 * or from crs to the set's (to_set TRUE), in place. FALSE when there is no
 * transformation or a point fails (those points become NaN). */
gboolean _pv_annotation_set_transform_points (PvAnnotationSet *self,
                                              PvCrs           *crs,
                                              gboolean         to_set,
                                              double          *xy,
                                              guint            n);

G_END_DECLS
