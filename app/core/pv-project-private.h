/* pv-project-private.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "pv-missing-layer.h"
#include "pv-project.h"

G_BEGIN_DECLS

/* Removes the temporary files of saves killed half way in dir (those of the
 * file base, or all with base NULL); those of saves in progress stay. */
void            _pv_project_remove_orphaned_temps (const char *dir,
                                                   const char *base);

/* source relative to project_dir ("../" where needed), or as it is when the
 * two share nothing but the root, or source is not a plain path (a
 * connection string, /vsi…). */
char           *_pv_project_relative_source (const char    *project_dir,
                                             const char    *source) G_GNUC_WARN_UNUSED_RESULT;

/* Opens the layers of one entry of a project's "layers" (validated), the
 * file being resolved (an absolute path); display names the project file in
 * messages and index is the entry's position (0-based). */
GPtrArray      *_pv_project_open_entry      (JsonObject    *entry,
                                             const char    *resolved,
                                             const char    *display,
                                             guint          index,
                                             GPtrArray     *layer_errors,
                                             GCancellable  *cancellable,
                                             GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* source: the absolute path the entry resolves to; entry: the entry as read
 * (copied); reason: why it could not be opened. */
PvMissingLayer *_pv_missing_layer_new       (const char    *source,
                                             JsonObject    *entry,
                                             const char    *reason) G_GNUC_WARN_UNUSED_RESULT;
/* The entry as read (borrowed). */
JsonObject     *_pv_missing_layer_get_entry (PvMissingLayer *self);

G_END_DECLS
