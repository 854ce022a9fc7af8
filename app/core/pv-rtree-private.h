/* pv-rtree-private.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A static, packed Hilbert R-tree over item bounding boxes (bulk-loaded once,
 * read-only afterwards, so any number of threads may search it at once). */
typedef struct _PvRTree PvRTree;

/* boxes holds n_items × {xmin, ymin, xmax, ymax}; items whose box is not finite
 * are left out of the index. */
PvRTree *_pv_rtree_new        (const float *boxes,
                               guint        n_items) G_GNUC_WARN_UNUSED_RESULT;
void     _pv_rtree_free       (PvRTree     *tree);
/* Appends to ids (a GArray of guint32) every item whose box meets the query box. */
void     _pv_rtree_search     (PvRTree     *tree,
                               double       xmin,
                               double       ymin,
                               double       xmax,
                               double       ymax,
                               GArray      *ids);
/* The box of item id as indexed (FALSE when the item is not in the index). */
gboolean _pv_rtree_get_box    (PvRTree     *tree,
                               guint32      id,
                               float       *box);
guint    _pv_rtree_get_n_items (PvRTree    *tree);
gsize    _pv_rtree_get_memory  (PvRTree    *tree);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvRTree, _pv_rtree_free)

G_END_DECLS
