/* pv-application.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PV_TYPE_APPLICATION (pv_application_get_type ())
G_DECLARE_FINAL_TYPE (PvApplication, pv_application, PV, APPLICATION, AdwApplication)

PvApplication *pv_application_new          (void) G_GNUC_WARN_UNUSED_RESULT;
/* The application's settings, or NULL when the schema is neither installed
 * nor compiled in the build tree (the window state is then not kept). */
GSettings     *pv_application_dup_settings (void) G_GNUC_WARN_UNUSED_RESULT;

/* Before the first window: with software OpenGL, use GTK's cairo renderer. */
void           pv_application_prefer_cairo_over_software_gl (void);

G_END_DECLS
