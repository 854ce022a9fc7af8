/* pv-presentation-console.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-presentation.h"

G_BEGIN_DECLS

#define PV_TYPE_PRESENTATION_CONSOLE (pv_presentation_console_get_type ())
G_DECLARE_FINAL_TYPE (PvPresentationConsole, pv_presentation_console, PV, PRESENTATION_CONSOLE, GtkWindow)

/* The presenter's window on the laptop while presentation shows the map on
 * the projector: the current slide as the hall sees it, the next slide, the
 * speaker notes, the clock and the time since the start. Its keys drive the
 * presentation. */
PvPresentationConsole *pv_presentation_console_new    (PvPresentation        *presentation);
/* Shows the presentation's current slide (after a slide change). */
void                   pv_presentation_console_update (PvPresentationConsole *self);

G_END_DECLS
