/* pv-presentation.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-core.h"
#include "pv-map-view.h"

G_BEGIN_DECLS

#define PV_TYPE_PRESENTATION (pv_presentation_get_type ())
G_DECLARE_FINAL_TYPE (PvPresentation, pv_presentation, PV, PRESENTATION, GtkWindow)

typedef enum
{
  PV_PRESENTATION_BLANK_NONE,
  PV_PRESENTATION_BLANK_BLACK,
  PV_PRESENTATION_BLANK_WHITE,
} PvPresentationBlank;

/* The overlays drawn over the map, each switchable (keys T, L, S, N, P). */
typedef enum
{
  PV_PRESENTATION_OVERLAY_TITLE       = 1 << 0,
  PV_PRESENTATION_OVERLAY_LEGEND      = 1 << 1,
  PV_PRESENTATION_OVERLAY_SCALE_BAR   = 1 << 2,
  PV_PRESENTATION_OVERLAY_NORTH_ARROW = 1 << 3,
  PV_PRESENTATION_OVERLAY_NUMBER      = 1 << 4,
} PvPresentationOverlays;

/* Presents map full screen, without window chrome: the slides are the map's
 * bookmarks in order, each showing its extent and its layers (and its swipe
 * or spyglass compare, when it was saved with one). The layers are
 * shown through a copy of the map (pv_map_set_shown_layers), so the layers'
 * visible flags, the main window's map and its view stay as they were. With
 * two or more monitors the map goes to one that is not parent's and a
 * presenter console (current slide, next slide, notes, clock) to parent's;
 * with one, the map alone. start_view (may be NULL) is where the
 * presentation opens: from there it flies to the first slide. Esc leaves
 * (the window is destroyed); returns the presentation window, owned by GTK
 * like any toplevel. */
PvPresentation *pv_presentation_start         (GtkWindow      *parent,
                                               PvMap          *map,
                                               PvViewport     *start_view);

PvMapView      *pv_presentation_get_map_view  (PvPresentation *self);
/* The map the presentation shows (a copy of the presented map restricted to
 * the slide's layers). */
PvMap          *pv_presentation_get_map       (PvPresentation *self);
guint           pv_presentation_get_n_slides  (PvPresentation *self);
/* The slide shown or being flown to (0-based); -1 before the first. */
int             pv_presentation_get_slide     (PvPresentation *self);
/* Goes to slide index (clamped), flying unless animations are off. */
void            pv_presentation_go_to         (PvPresentation *self,
                                               guint           index);
void            pv_presentation_next          (PvPresentation *self);
void            pv_presentation_previous      (PvPresentation *self);
/* TRUE while flying from one slide to the next (the frame clock draws
 * cached frames) or waiting for the map view's sharp frame after it. */
gboolean        pv_presentation_get_flying    (PvPresentation *self);
/* While in the air, the share (0…1) of the path flown; else -1 (also while
 * landed and waiting for the sharp frame). */
double          pv_presentation_get_flight_progress (PvPresentation *self);
PvPresentationBlank pv_presentation_get_blank (PvPresentation *self);
void            pv_presentation_set_blank     (PvPresentation *self,
                                               PvPresentationBlank blank);
PvPresentationOverlays pv_presentation_get_overlays (PvPresentation *self);
void            pv_presentation_set_overlays  (PvPresentation *self,
                                               PvPresentationOverlays overlays);
/* The slide's bookmark (borrowed), NULL out of range. */
PvBookmark     *pv_presentation_get_bookmark  (PvPresentation *self,
                                               int             index);
/* A copy of the presented map showing slide index's layers, and the slide's
 * extent in the map CRS; NULL when there is no such slide or its extent
 * cannot be brought into the map CRS. */
PvMap          *pv_presentation_dup_slide_map (PvPresentation *self,
                                               guint           index,
                                               double          extent[4]) G_GNUC_WARN_UNUSED_RESULT;
/* The last problem with a slide (translated), or NULL. */
const char     *pv_presentation_get_message   (PvPresentation *self);
/* Handles a key as the presentation window does (for the presenter
 * console, which forwards its keys): TRUE when it was one of ours. */
gboolean        pv_presentation_handle_key    (PvPresentation *self,
                                               guint           keyval,
                                               GdkModifierType state);

G_END_DECLS
