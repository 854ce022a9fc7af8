/* pv-feature-model.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-core.h"
#include "pv-feature-row.h"

G_BEGIN_DECLS

#define PV_TYPE_FEATURE_MODEL (pv_feature_model_get_type ())
G_DECLARE_FINAL_TYPE (PvFeatureModel, pv_feature_model, PV, FEATURE_MODEL, GObject)

/* A lazy GListModel of PvFeatureRow, one per feature of a vector layer, in
 * feature order. Rows are created when asked for; their values are read from
 * the layer on a worker thread, in batches, for the rows someone wants (the
 * ones a table shows), and kept. Whole-column reads for sorting and
 * filtering also run on workers and are cached. */
PvFeatureModel *pv_feature_model_new               (PvVectorLayer        *layer) G_GNUC_WARN_UNUSED_RESULT;
PvVectorLayer  *pv_feature_model_get_layer         (PvFeatureModel       *self);
/* Borrowed; the row of feature index, created on demand. */
PvFeatureRow   *pv_feature_model_get_row           (PvFeatureModel       *self,
                                                    guint                 index);
/* A cell shows row: fetch its values soon (counted; unwant when it goes). */
void            pv_feature_model_want              (PvFeatureModel       *self,
                                                    PvFeatureRow         *row);
void            pv_feature_model_unwant            (PvFeatureModel       *self,
                                                    PvFeatureRow         *row);
/* TRUE while values are being fetched. */
gboolean        pv_feature_model_get_fetching      (PvFeatureModel       *self);

/* The feature indices (n_features entries) sorted by field ascending:
 * numerically for numeric fields, by the locale's collation otherwise, null
 * values first, ties by feature index. Free the result with g_free(). */
void            pv_feature_model_sort_order_async  (PvFeatureModel       *self,
                                                    guint                 field,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
guint32        *pv_feature_model_sort_order_finish (PvFeatureModel       *self,
                                                    GAsyncResult         *result,
                                                    GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* The features having text in some field, ignoring case and Vietnamese
 * diacritics ("binh duong" finds "Bình Dương"). */
void            pv_feature_model_match_text_async  (PvFeatureModel       *self,
                                                    const char           *text,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GtkBitset      *pv_feature_model_match_text_finish (PvFeatureModel       *self,
                                                    GAsyncResult         *result,
                                                    GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* The features matching an OGR SQL WHERE expression. */
void            pv_feature_model_filter_where_async  (PvFeatureModel     *self,
                                                      const char         *where,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
GtkBitset      *pv_feature_model_filter_where_finish (PvFeatureModel     *self,
                                                      GAsyncResult       *result,
                                                      GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* Text folded for matching: lower case, without diacritics, đ as d. */
char           *pv_feature_model_fold_text         (const char           *text) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
