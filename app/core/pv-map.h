/* pv-map.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pv-crs.h"
#include "pv-layer.h"

G_BEGIN_DECLS

typedef struct _PvAnnotationSet PvAnnotationSet;
typedef struct _PvBookmarkList PvBookmarkList;

#define PV_TYPE_MAP (pv_map_get_type ())
G_DECLARE_FINAL_TYPE (PvMap, pv_map, PV, MAP, GObject)

/* The ordered layers (bottom first) and the map CRS. The map CRS is the first
 * layer's (with a known CRS) unless set explicitly. */
PvMap      *pv_map_new              (void) G_GNUC_WARN_UNUSED_RESULT;
GListModel *pv_map_get_layers       (PvMap     *self);
guint       pv_map_get_n_layers     (PvMap     *self);
PvLayer    *pv_map_get_layer        (PvMap     *self,
                                     guint      position);
void        pv_map_add_layer        (PvMap     *self,
                                     PvLayer   *layer);
void        pv_map_remove_layer     (PvMap     *self,
                                     guint      position);
/* Inserts at position (bottom first), appending when past the end. */
void        pv_map_insert_layer     (PvMap     *self,
                                     guint      position,
                                     PvLayer   *layer);
/* Moves the layer at from to position to (both bottom first); one
 * items-changed covering the rows in between. */
void        pv_map_move_layer       (PvMap     *self,
                                     guint      from,
                                     guint      to);
/* FALSE when the layer is not in the map. */
gboolean    pv_map_get_layer_position (PvMap   *self,
                                       PvLayer *layer,
                                       guint   *position);
/* The map's title (a project's "title"), or NULL. */
const char *pv_map_get_title        (PvMap     *self);
void        pv_map_set_title        (PvMap     *self,
                                     const char *title);
PvCrs      *pv_map_get_crs          (PvMap     *self);
void        pv_map_set_crs          (PvMap     *self,
                                     PvCrs     *crs);
/* Union of the visible layers' extents in the map CRS. */
gboolean    pv_map_get_extent       (PvMap     *self,
                                     double    *xmin,
                                     double    *ymin,
                                     double    *xmax,
                                     double    *ymax);
/* The map's annotations (created empty on first use, in the map CRS); a
 * project's replace them with pv_map_set_annotations() (notify::annotations). */
PvAnnotationSet *pv_map_get_annotations (PvMap           *self);
void        pv_map_set_annotations  (PvMap           *self,
                                     PvAnnotationSet *annotations);
/* TRUE when there is at least one annotation (without creating the set). */
gboolean    pv_map_has_annotations  (PvMap           *self);

/* The map's bookmarks, the slides of a presentation (created empty on first
 * use); a project's replace them (notify::bookmarks). */
PvBookmarkList *pv_map_get_bookmarks (PvMap          *self);
void        pv_map_set_bookmarks    (PvMap           *self,
                                     PvBookmarkList  *bookmarks);

/* The print layouts saved with the map (PvPrintLayout templates, found by
 * name; created empty on first use). */
GListModel *pv_map_get_layouts      (PvMap           *self);
/* Replaces the saved layouts (PvPrintLayout*; NULL: none). */
void        pv_map_set_layouts      (PvMap           *self,
                                     GPtrArray       *layouts);
/* TRUE when at least one layout is saved. */
gboolean    pv_map_has_layouts      (PvMap           *self);

/* Restricts what the map shows to layers (some of its own, whatever their
 * visible flag says), or lifts the restriction (NULL). For the copies that
 * export a bookmark's page: the layers' own visibility, shared with the
 * window, is left alone. */
void        pv_map_set_shown_layers (PvMap     *self,
                                     GPtrArray *layers);
/* Whether the map shows layer: its visible flag, or its place among the
 * shown layers. The renderer, labels, legend and extent ask this. */
gboolean    pv_map_shows_layer      (PvMap     *self,
                                     PvLayer   *layer);

/* A new map holding the same layer objects (for render workers). */
PvMap      *pv_map_copy             (PvMap     *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
