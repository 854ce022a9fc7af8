/* pv-scale-bar-widget.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-core.h"

G_BEGIN_DECLS

#define PV_TYPE_SCALE_BAR (pv_scale_bar_get_type ())
G_DECLARE_FINAL_TYPE (PvScaleBar, pv_scale_bar, PV, SCALE_BAR, GtkWidget)

/* A map scale bar: a bar of a round ground length (1, 2 or 5 × 10^n m or km)
 * with its label, for the centre of a viewport. Lets events fall through. */
GtkWidget  *pv_scale_bar_new            (void);
/* The viewport measured (device pixels); followed through its "changed". */
void        pv_scale_bar_set_viewport   (PvScaleBar *self,
                                         PvViewport *viewport);
/* Map units are degrees (TRUE) or metres (FALSE). */
void        pv_scale_bar_set_geographic (PvScaleBar *self,
                                         gboolean    geographic);
/* The ground length the bar stands for in metres, and its length in widget
 * pixels (0 when there is no viewport). */
double      pv_scale_bar_get_length     (PvScaleBar *self);
double      pv_scale_bar_get_bar_width  (PvScaleBar *self);

G_END_DECLS
