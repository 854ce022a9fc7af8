/* pv-feature-view.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pv-feature-model.h"

G_BEGIN_DECLS

#define PV_TYPE_FEATURE_VIEW (pv_feature_view_get_type ())
G_DECLARE_FINAL_TYPE (PvFeatureView, pv_feature_view, PV, FEATURE_VIEW, GObject)

/* Some rows of a PvFeatureModel in a given order (the table's filtered and
 * sorted rows). Setting a new order is one items-changed and costs nothing
 * per row, so 100 000 rows re-sort and re-filter without a stall: the order
 * itself is computed elsewhere. Starts with every row in feature order. */
PvFeatureView *pv_feature_view_new        (PvFeatureModel *model) G_GNUC_WARN_UNUSED_RESULT;
/* Takes order (n feature indices, each at most once). */
void           pv_feature_view_set_order  (PvFeatureView  *self,
                                           guint32        *order,
                                           guint           n);
/* Shows the rows of another model of the same layer (its text decoded
 * anew, or a database layer's new window, which may hold another number of
 * features), in order (taken, as set_order()): one items-changed, so a list
 * keeps its scroll position. */
void           pv_feature_view_set_model  (PvFeatureView  *self,
                                           PvFeatureModel *model,
                                           guint32        *order,
                                           guint           n);
PvFeatureModel *pv_feature_view_get_model (PvFeatureView  *self);
/* The feature index at position (< n_items). */
guint          pv_feature_view_get_index  (PvFeatureView  *self,
                                           guint           position);
/* The position of every feature index (G_MAXUINT32 when not shown), n_features
 * entries; borrowed, valid until the order changes. */
const guint32 *pv_feature_view_get_positions (PvFeatureView *self);

G_END_DECLS
