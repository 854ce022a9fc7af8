/* pv-feature-row.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PV_TYPE_FEATURE_ROW (pv_feature_row_get_type ())
G_DECLARE_FINAL_TYPE (PvFeatureRow, pv_feature_row, PV, FEATURE_ROW, GObject)

/* One feature of a vector layer, as a row of an attribute table. Its values
 * arrive later (fetched on a worker): "loaded" turns TRUE when they do. */
PvFeatureRow *pv_feature_row_new        (guint         index) G_GNUC_WARN_UNUSED_RESULT;
/* The feature's index in its layer (0 … n_features-1). */
guint         pv_feature_row_get_index  (PvFeatureRow *self);
gboolean      pv_feature_row_get_loaded (PvFeatureRow *self);
/* The value of one field as text; NULL for a null value or before loading. */
const char   *pv_feature_row_get_value  (PvFeatureRow *self,
                                         guint         field);
/* Takes the n_values values (NULL entries for nulls, so not a GStrv to
 * g_strfreev()) and notifies "loaded". */
void          pv_feature_row_set_values (PvFeatureRow *self,
                                         char        **values,
                                         guint         n_values);

G_END_DECLS
