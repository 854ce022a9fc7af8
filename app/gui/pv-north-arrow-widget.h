/* pv-north-arrow-widget.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PV_TYPE_NORTH_ARROW (pv_north_arrow_get_type ())
G_DECLARE_FINAL_TYPE (PvNorthArrow, pv_north_arrow, PV, NORTH_ARROW, GtkWidget)

/* A small north arrow with an "N" for the map's top-right corner. The map
 * view has no rotation, so it points up: grid north of the map CRS (true
 * north differs from it by the meridian convergence, under 1° in VN-2000
 * zones). Lets events fall through. */
GtkWidget *pv_north_arrow_new (void);

G_END_DECLS
