/* pv-bookmarks-panel.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-bookmark.h"
#include "pv-map-view.h"

G_BEGIN_DECLS

#define PV_TYPE_BOOKMARKS_PANEL (pv_bookmarks_panel_get_type ())
G_DECLARE_FINAL_TYPE (PvBookmarksPanel, pv_bookmarks_panel, PV, BOOKMARKS_PANEL, GtkWidget)

/* The bookmarks (named views) of a map: add one of the current view, rename
 * it in place, reorder (drag and drop, or Move Up/Down), delete (with an Undo
 * toast when the panel is inside an AdwToastOverlay) and go to one: the map
 * view moves there, animated, and shows the bookmark's layers.
 *
 * Actions (prefix "bookmarks."): add; go-to, rename, details, update,
 * move-up, move-down, delete (each with the position, "u"); undo-delete. */
GtkWidget      *pv_bookmarks_panel_new           (void);
PvBookmarkList *pv_bookmarks_panel_get_bookmarks (PvBookmarksPanel *self);
void            pv_bookmarks_panel_set_bookmarks (PvBookmarksPanel *self,
                                                  PvBookmarkList   *bookmarks);
PvMapView      *pv_bookmarks_panel_get_map_view  (PvBookmarksPanel *self);
void            pv_bookmarks_panel_set_map_view  (PvBookmarksPanel *self,
                                                  PvMapView        *map_view);
/* Adds a bookmark of the map view's current view at the end, named
 * "Bookmark N", selects it and starts renaming it in place, as the Add
 * button does. Returns it (borrowed), or NULL without a map to capture. */
PvBookmark     *pv_bookmarks_panel_add_bookmark  (PvBookmarksPanel *self);
/* Moves the map view to the bookmark at position (animated) and shows its
 * layers, as activating its row does. FALSE when it cannot be shown there
 * (no map, or its extent does not transform into the map CRS). */
gboolean        pv_bookmarks_panel_go_to         (PvBookmarksPanel *self,
                                                  guint             position);

G_END_DECLS
