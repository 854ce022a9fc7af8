/* pv-compare-popover.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-map-view.h"

G_BEGIN_DECLS

#define PV_TYPE_COMPARE_POPOVER (pv_compare_popover_get_type ())
G_DECLARE_FINAL_TYPE (PvComparePopover, pv_compare_popover, PV, COMPARE_POPOVER, GtkPopover)

/* Compare and pointer tools for a map view, e.g. as a header bar menu
 * button's popover: which of the map's layers are group B (a check list),
 * the compare mode (off, swipe, spyglass) and the pointer tool. It follows
 * the view: its map's layers, and modes set from elsewhere. */
GtkWidget  *pv_compare_popover_new              (void);
void        pv_compare_popover_set_map_view     (PvComparePopover *self,
                                                 PvMapView        *view);
PvMapView  *pv_compare_popover_get_map_view     (PvComparePopover *self);
/* Whether the layer at index (of the view's map, bottom first) is in group B. */
gboolean    pv_compare_popover_get_layer_active (PvComparePopover *self,
                                                 guint             index);
void        pv_compare_popover_set_layer_active (PvComparePopover *self,
                                                 guint             index,
                                                 gboolean          active);
/* Sets the view's compare mode with the chosen group B (NONE: off). */
void        pv_compare_popover_set_mode         (PvComparePopover *self,
                                                 PvCompareMode     mode);
/* Compare off, or back on in the last mode used (swipe at first); for an
 * accelerator. With no layer chosen for group B it pops up instead, for the
 * choice. */
void        pv_compare_popover_toggle_compare   (PvComparePopover *self);
/* The next pointer tool: none → laser → spotlight → magnifier → none. */
void        pv_compare_popover_cycle_pointer    (PvComparePopover *self);

G_END_DECLS
