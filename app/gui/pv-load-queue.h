/* pv-load-queue.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-core.h"

G_BEGIN_DECLS

#define PV_TYPE_LOAD_QUEUE (pv_load_queue_get_type ())
G_DECLARE_FINAL_TYPE (PvLoadQueue, pv_load_queue, PV, LOAD_QUEUE, GObject)

/* Opens map data files one after the other, off the UI thread: lists a
 * source's layers first and asks which to open when it has several, reads
 * them with progress, asks for a CRS when a file has none, then emits
 * "layers-loaded" (path, GPtrArray of PvLayer). Failures emit "error" with a
 * GError naming the file; the other files and layers still load. Dialogs are
 * modal for parent. */
PvLoadQueue *pv_load_queue_new          (GtkWindow          *parent) G_GNUC_WARN_UNUSED_RESULT;
void         pv_load_queue_add          (PvLoadQueue        *self,
                                         const char * const *paths);
/* Stops the file being read and drops the ones waiting; nothing is added
 * and no error is reported for them. */
void         pv_load_queue_cancel       (PvLoadQueue        *self);
gboolean     pv_load_queue_get_loading  (PvLoadQueue        *self);
/* 0…1, or negative while the amount of work is unknown. */
double       pv_load_queue_get_fraction (PvLoadQueue        *self);
/* What is being read, for the user, or NULL. */
const char  *pv_load_queue_get_status   (PvLoadQueue        *self);

/* The file chooser filters for map data (and projects). */
void         pv_load_add_file_filters   (GtkFileChooser     *chooser,
                                         gboolean            with_projects);

/* A menu of the projects and map data files opened lately (~10), newest
 * first, each item activating "win.open-recent" with the file's URI; it
 * follows GtkRecentManager. Owned by the callee. */
GMenuModel  *pv_load_recent_menu_get    (void);

G_END_DECLS
