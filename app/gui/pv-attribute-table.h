/* pv-attribute-table.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-core.h"
#include "pv-map-view.h"

G_BEGIN_DECLS

#define PV_TYPE_ATTRIBUTE_TABLE (pv_attribute_table_get_type ())
G_DECLARE_FINAL_TYPE (PvAttributeTable, pv_attribute_table, PV, ATTRIBUTE_TABLE, AdwWindow)

/* A window with the features of a vector layer as a table: sortable columns,
 * a text search over all fields, an OGR SQL WHERE filter, and a row selection
 * that is the layer's selection (highlighted on map_view's map). */
PvAttributeTable  *pv_attribute_table_new                (PvVectorLayer    *layer,
                                                          PvMapView        *map_view);
/* The layer's table (one per layer), created when needed, transient for
 * parent, and presented. */
PvAttributeTable  *pv_attribute_table_present_for_layer  (GtkWindow        *parent,
                                                          PvVectorLayer    *layer,
                                                          PvMapView        *map_view);
PvVectorLayer     *pv_attribute_table_get_layer          (PvAttributeTable *self);
GtkColumnView     *pv_attribute_table_get_column_view    (PvAttributeTable *self);
/* The rows shown (filtered, then sorted), as the column view's selection. */
GtkSelectionModel *pv_attribute_table_get_rows           (PvAttributeTable *self);
/* The feature index of the row at position of get_rows(). */
guint              pv_attribute_table_get_feature_at     (PvAttributeTable *self,
                                                          guint             position);
/* Sets the search entry and filters at once (no typing delay). */
void               pv_attribute_table_set_search_text    (PvAttributeTable *self,
                                                          const char       *text);
/* Sets the WHERE entry and applies it; "" shows every feature. */
void               pv_attribute_table_set_where          (PvAttributeTable *self,
                                                          const char       *where);
/* Why the last WHERE expression failed, or NULL. */
const char        *pv_attribute_table_get_where_error    (PvAttributeTable *self);
/* Sorts by a field (as a click on its column header). */
void               pv_attribute_table_sort_by_field      (PvAttributeTable *self,
                                                          guint             field,
                                                          GtkSortType       order);
/* TRUE while a search, filter or sort is being computed. */
gboolean           pv_attribute_table_get_busy           (PvAttributeTable *self);

G_END_DECLS
