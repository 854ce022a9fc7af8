/* pv-bookmark.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pv-crs.h"
#include "pv-map.h"
#include "pv-viewport.h"

G_BEGIN_DECLS

/* One layer a bookmark shows, by a stable identity (not a pointer, so that it
 * survives closing and reopening the project): the source as the layer was
 * read from it (an absolute path, or a GDAL connection string), the GDAL
 * layer inside it (NULL when the source has one), and for a layer of a CAD
 * drawing the value of its sub-layer field (DXF "Layer", DGN "Level"), else
 * NULL. The same identity pv-project.c saves for a layer. */
typedef struct
{
  char *source;
  char *source_layer;
  char *sublayer;
} PvBookmarkLayer;

#define PV_TYPE_BOOKMARK_LAYER (pv_bookmark_layer_get_type ())

GType            pv_bookmark_layer_get_type      (void) G_GNUC_CONST;
PvBookmarkLayer *pv_bookmark_layer_new           (const char            *source,
                                                  const char            *source_layer,
                                                  const char            *sublayer) G_GNUC_WARN_UNUSED_RESULT;
/* The identity of a map layer. */
PvBookmarkLayer *pv_bookmark_layer_new_for_layer (PvLayer               *layer) G_GNUC_WARN_UNUSED_RESULT;
PvBookmarkLayer *pv_bookmark_layer_copy          (const PvBookmarkLayer *self) G_GNUC_WARN_UNUSED_RESULT;
void             pv_bookmark_layer_free          (PvBookmarkLayer       *self);
gboolean         pv_bookmark_layer_equal         (const PvBookmarkLayer *a,
                                                  const PvBookmarkLayer *b);
/* TRUE when layer was read from this source, layer and sub-layer (paths are
 * compared in canonical form, with "." and ".." resolved); a NULL layer name
 * matches any layer of the source. */
gboolean         pv_bookmark_layer_matches       (const PvBookmarkLayer *self,
                                                  PvLayer               *layer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvBookmarkLayer, pv_bookmark_layer_free)

#define PV_TYPE_BOOKMARK (pv_bookmark_get_type ())
G_DECLARE_FINAL_TYPE (PvBookmark, pv_bookmark, PV, BOOKMARK, GObject)

/* A named view: an extent in a CRS and the layers visible in it, plus a
 * subtitle and speaker notes for when bookmarks become slides. Every setter
 * notifies its property ("name", "subtitle", "notes", "crs", "xmin", "ymin",
 * "xmax", "ymax", "layers") when the value changes. */
PvBookmark  *pv_bookmark_new                (const char       *name,
                                             PvCrs            *crs,
                                             double            xmin,
                                             double            ymin,
                                             double            xmax,
                                             double            ymax) G_GNUC_WARN_UNUSED_RESULT;
/* The view shown by viewport (its extent in the map CRS), the map CRS (NULL
 * when unknown) and the map's visible layers, bottom first. */
PvBookmark  *pv_bookmark_new_from_view      (const char       *name,
                                             PvMap            *map,
                                             PvViewport       *viewport) G_GNUC_WARN_UNUSED_RESULT;
/* Takes the extent, CRS and visible layers again from the view; keeps the
 * name, subtitle and notes. */
void         pv_bookmark_update_from_view   (PvBookmark       *self,
                                             PvMap            *map,
                                             PvViewport       *viewport);
/* A deep copy, compare settings included (the CRS is immutable and shared). */
PvBookmark  *pv_bookmark_copy               (PvBookmark       *self) G_GNUC_WARN_UNUSED_RESULT;
/* Same name, subtitle, notes, CRS, extent (exactly), layers (in order) and
 * compare settings. */
gboolean     pv_bookmark_equal              (PvBookmark       *a,
                                             PvBookmark       *b);

const char  *pv_bookmark_get_name           (PvBookmark       *self);
void         pv_bookmark_set_name           (PvBookmark       *self,
                                             const char       *name);
/* NULL when none. An empty string is stored as NULL. */
const char  *pv_bookmark_get_subtitle       (PvBookmark       *self);
void         pv_bookmark_set_subtitle       (PvBookmark       *self,
                                             const char       *subtitle);
const char  *pv_bookmark_get_notes          (PvBookmark       *self);
void         pv_bookmark_set_notes          (PvBookmark       *self,
                                             const char       *notes);
/* NULL when the map CRS was unknown. */
PvCrs       *pv_bookmark_get_crs            (PvBookmark       *self);
void         pv_bookmark_set_crs            (PvBookmark       *self,
                                             PvCrs            *crs);
/* xmin, ymin, xmax, ymax in the bookmark's CRS. */
void         pv_bookmark_get_extent         (PvBookmark       *self,
                                             double            out[4]);
/* Ignored (with a critical) unless finite with xmin < xmax and ymin < ymax. */
void         pv_bookmark_set_extent         (PvBookmark       *self,
                                             double            xmin,
                                             double            ymin,
                                             double            xmax,
                                             double            ymax);
/* The extent transformed into crs (by PROJ, along edges sampled densely so
 * curved edges are enclosed). Returned unchanged when crs or the bookmark's
 * CRS is NULL, or they are equal. */
gboolean     pv_bookmark_get_extent_in      (PvBookmark       *self,
                                             PvCrs            *crs,
                                             double            out[4],
                                             GError          **error);

guint                  pv_bookmark_get_n_layers (PvBookmark   *self);
const PvBookmarkLayer *pv_bookmark_get_layer    (PvBookmark   *self,
                                                 guint         index);
/* Replaces the visible layers with copies of layers[0..n). */
void         pv_bookmark_set_layers         (PvBookmark       *self,
                                             PvBookmarkLayer **layers,
                                             guint             n);
/* Shows the map layers the bookmark lists and hides the others. FALSE when
 * some listed layer is not in the map (it is ignored). */
gboolean     pv_bookmark_apply_layers       (PvBookmark       *self,
                                             PvMap            *map);

/* Compare (a slide that starts in swipe or spyglass compare): the mode, and
 * group B, the layers shown right of the divider or inside the spyglass over
 * the bookmark's own layers (group A). Notify "compare-mode" and
 * "compare-layers"; saved as "compare" in the JSON, absent when off. */
typedef enum
{
  PV_BOOKMARK_COMPARE_NONE,
  PV_BOOKMARK_COMPARE_SWIPE,
  PV_BOOKMARK_COMPARE_SPYGLASS,
} PvBookmarkCompareMode;

/* A PvBookmarkCompareMode (0 none, 1 swipe, 2 spyglass; the values of the
 * map view's PvCompareMode). */
int          pv_bookmark_get_compare_mode   (PvBookmark       *self);
void         pv_bookmark_set_compare_mode   (PvBookmark       *self,
                                             int               mode);
/* Borrowed array of *n layers (bottom first), valid until the next change. */
PvBookmarkLayer **pv_bookmark_get_compare_layers (PvBookmark  *self,
                                                  guint       *n);
/* Replaces group B with copies of layers[0..n). */
void         pv_bookmark_set_compare_layers (PvBookmark       *self,
                                             PvBookmarkLayer **layers,
                                             guint             n);
/* Group B as a map to render: a pv_map_copy() of map showing the map layers
 * that match the compare layers (pv_map_set_shown_layers), whatever their
 * visible flags; the layers are shared with map. */
PvMap       *pv_bookmark_dup_compare_map    (PvBookmark       *self,
                                             PvMap            *map) G_GNUC_WARN_UNUSED_RESULT;

#define PV_TYPE_BOOKMARK_LIST (pv_bookmark_list_get_type ())
G_DECLARE_FINAL_TYPE (PvBookmarkList, pv_bookmark_list, PV, BOOKMARK_LIST, GObject)

/* The ordered bookmarks of a map: a GListModel of PvBookmark. Emits
 * "items-changed" for additions, removals and moves, and "changed" for those
 * and for any change of a bookmark it holds (for "unsaved changes"). */
PvBookmarkList *pv_bookmark_list_new           (void) G_GNUC_WARN_UNUSED_RESULT;
/* Borrowed; NULL past the end. */
PvBookmark     *pv_bookmark_list_get_bookmark  (PvBookmarkList  *self,
                                                guint            position);
void            pv_bookmark_list_add           (PvBookmarkList  *self,
                                                PvBookmark      *bookmark);
/* Appends when position is past the end. */
void            pv_bookmark_list_insert        (PvBookmarkList  *self,
                                                guint            position,
                                                PvBookmark      *bookmark);
void            pv_bookmark_list_remove        (PvBookmarkList  *self,
                                                guint            position);
void            pv_bookmark_list_remove_all    (PvBookmarkList  *self);
/* Moves the bookmark at from to position to; one items-changed covering the
 * rows in between. */
void            pv_bookmark_list_move          (PvBookmarkList  *self,
                                                guint            from,
                                                guint            to);
gboolean        pv_bookmark_list_get_position  (PvBookmarkList  *self,
                                                PvBookmark      *bookmark,
                                                guint           *position);
/* "Bookmark N" (translated): N is one more than the number of bookmarks,
 * or the next N after it that no bookmark is named. */
char           *pv_bookmark_list_dup_next_name (PvBookmarkList  *self) G_GNUC_WARN_UNUSED_RESULT;

/* A JSON array, one object per bookmark: "name", "subtitle" and "notes"
 * (when set), "crs" (a definition, or null), "extent" [xmin, ymin, xmax, ymax]
 * and "layers" [{"source", "layer", "sublayer"}], sources relative to
 * project_dir when they lie under it (project_dir may be NULL); with compare
 * on, "compare": {"mode": "swipe"|"spyglass", "layers": [as above]}. */
JsonNode       *pv_bookmark_list_to_json       (PvBookmarkList  *self,
                                                const char      *project_dir) G_GNUC_WARN_UNUSED_RESULT;
/* Reads what pv_bookmark_list_to_json() writes (relative sources resolved
 * against project_dir). A null node is an empty list; anything malformed is
 * a PV_PROJECT_ERROR_INVALID naming the bookmark and the problem. */
PvBookmarkList *pv_bookmark_list_new_from_json (JsonNode        *node,
                                                const char      *project_dir,
                                                GError         **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
