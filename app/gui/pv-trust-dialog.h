/* pv-trust-dialog.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-project.h"

G_BEGIN_DECLS

#define PV_TYPE_TRUST_DIALOG (pv_trust_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PvTrustDialog, pv_trust_dialog, PV, TRUST_DIALOG, AdwMessageDialog)

/* Asks before a project opens what it names outside its folder or on the
 * network: sources is what pv_project_list_outside_sources() returned (not
 * empty), each listed with its resolved path and kind. Responses: "cancel"
 * (do not open the project), "inside" (Only Inside the Folder, the default)
 * and "all" (Open All; network sources only while online sources are on). */
GtkWidget          *pv_trust_dialog_new               (GtkWindow    *parent,
                                                       const char   *project_path,
                                                       GPtrArray    *sources);
/* The flags for pv_project_open() a response stands for. */
PvProjectOpenFlags  pv_trust_dialog_flags_for_response (const char  *response);
/* Turns GDAL's network access on and off with the "online-sources" key of
 * settings, now and whenever it changes (settings must live as long). */
void                pv_trust_dialog_follow_settings   (GSettings    *settings);

G_END_DECLS
