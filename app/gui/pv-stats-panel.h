/* pv-stats-panel.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-core.h"
#include "pv-landuse-stats.h"
#include "pv-map-view.h"

G_BEGIN_DECLS

/* What the land-use table counts. */
typedef enum
{
  PV_STATS_SCOPE_LAYER,      /* the whole layer */
  PV_STATS_SCOPE_VIEW,       /* features clipped to the map view */
  PV_STATS_SCOPE_SELECTION,  /* the selected features */
  PV_STATS_SCOPE_POLYGON,    /* features clipped to a drawn polygon */
} PvStatsScope;

#define PV_TYPE_STATS_PANEL (pv_stats_panel_get_type ())
G_DECLARE_FINAL_TYPE (PvStatsPanel, pv_stats_panel, PV, STATS_PANEL, GtkWidget)

/* The land-use structure table (bảng cơ cấu sử dụng đất) of a vector layer
 * of the map view's map, per code of a field, computed on a worker thread
 * whenever the layer, field or scope changes (and, for those scopes, the view
 * or the selection). Actions: stats.copy (TSV to the clipboard) and
 * stats.export (CSV file). */
GtkWidget      *pv_stats_panel_new          (void);
PvMapView      *pv_stats_panel_get_map_view (PvStatsPanel   *self);
void            pv_stats_panel_set_map_view (PvStatsPanel   *self,
                                             PvMapView      *map_view);
/* NULL chooses: the first vector layer drawn with the land-use palette, else
 * the first vector layer. */
PvVectorLayer  *pv_stats_panel_get_layer    (PvStatsPanel   *self);
void            pv_stats_panel_set_layer    (PvStatsPanel   *self,
                                             PvVectorLayer  *layer);
/* NULL chooses: the field of the layer's categorized style, else its first
 * field. */
const char     *pv_stats_panel_get_field    (PvStatsPanel   *self);
void            pv_stats_panel_set_field    (PvStatsPanel   *self,
                                             const char     *field);
PvStatsScope    pv_stats_panel_get_scope    (PvStatsPanel   *self);
void            pv_stats_panel_set_scope    (PvStatsPanel   *self,
                                             PvStatsScope    scope);
/* The polygon to clip to, n vertices xy (x0, y0, x1, y1, …) in the map CRS
 * (from the drawing tool); n < 3 forgets it. Switches to
 * PV_STATS_SCOPE_POLYGON when a polygon is given. */
void            pv_stats_panel_set_polygon  (PvStatsPanel   *self,
                                             const double   *xy,
                                             guint           n);
/* TRUE while a table is being computed ("busy" is notified). */
gboolean        pv_stats_panel_get_busy     (PvStatsPanel   *self);
/* The table shown, or NULL ("stats" is notified). */
PvLanduseStats *pv_stats_panel_get_stats    (PvStatsPanel   *self);
/* The message shown instead of a table (an error, or why there is none), or
 * NULL. */
const char     *pv_stats_panel_get_message  (PvStatsPanel   *self);
/* Copies the table as tab-separated text (stats.copy). */
void            pv_stats_panel_copy         (PvStatsPanel   *self);
/* Writes the table as CSV to file (stats.export asks for it), on a worker;
 * errors are shown in a dialog. */
void            pv_stats_panel_export       (PvStatsPanel   *self,
                                             GFile          *file);

/* Presents a window holding a new panel for map_view (layer may be NULL),
 * transient for parent; returns the panel (owned by the window). */
PvStatsPanel   *pv_stats_panel_present_window (GtkWindow    *parent,
                                               PvMapView    *map_view,
                                               PvVectorLayer *layer);

G_END_DECLS
