/* pv-project.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pv-map.h"
#include "pv-missing-layer.h"
#include "pv-trust.h"
#include "pv-viewport.h"

G_BEGIN_DECLS

/* The major version of the .pvproj schema (docs/project-schema.md). Members
 * added without changing the meaning of the others keep the version. */
#define PV_PROJECT_SCHEMA_VERSION 1

/* Reads a .pvproj file into a new map. Layers whose files are missing or
 * broken are skipped and reported in layer_errors (GPtrArray of GError); the
 * rest loads. Every source is opened, outside the project's folder or on the
 * network (if online sources are on): check them first with
 * pv_project_list_outside_sources(). If the project stores a view, extent is set to it. */
PvMap    *pv_project_load (const char    *path,
                           GPtrArray     *layer_errors,
                           double        *view_extent,
                           gboolean      *has_view,
                           GCancellable  *cancellable,
                           GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* Writes map (and the viewport's extent, when not NULL) atomically. */
gboolean  pv_project_save (PvMap         *map,
                           PvViewport    *viewport,
                           const char    *path,
                           GError       **error);

/* Replaces the file at path with data so that a crash at any moment leaves
 * either the old file or the new one, complete: a new file beside it is
 * written and flushed, renamed over the old one, and the folder flushed. A
 * failure leaves the old file as it was and removes the new one.
 *
 * For tests, the environment variable PV_TEST_SAVE_FAULT injects a fault:
 * "write" fails after half the data is written (as a full disk would),
 * "rename" fails just before the rename, "kill" sends the process SIGKILL
 * after half the data is written. */
gboolean  pv_project_write_atomically (const char    *path,
                                       const char    *data,
                                       gsize          length,
                                       GError       **error);

/* A project: the map it shows, the file it belongs to and whether the map
 * changed since it was opened or saved ("modified"). Any change the project
 * file stores counts: layers added, removed or reordered, a layer's name,
 * visibility, opacity, CRS, style, labels, colour, scale range or text
 * encoding, the map's title and CRS. The view alone does not. Changes made on
 * any thread are reported on the main context: "changed" once per batch of
 * changes, and "notify::modified". */
#define PV_TYPE_PROJECT (pv_project_get_type ())
G_DECLARE_FINAL_TYPE (PvProject, pv_project, PV, PROJECT, GObject)

typedef enum
{
  PV_PROJECT_OPEN_DEFAULT  = 0,
  /* A recovery file (pv_project_save_recovery()): the project gets the path
   * of the project it recovers (NULL when that was never saved) and is
   * modified from the start. */
  PV_PROJECT_OPEN_RECOVERY = 1 << 0,
  /* Open the sources outside the project's folder tree (by default they
   * stay closed, as PvMissingLayers saying why, and saving keeps them;
   * pv_project_list_outside_sources() lists them to ask the user). A
   * recovery file allows them: the application wrote it. */
  PV_PROJECT_OPEN_ALLOW_OUTSIDE = 1 << 1,
  /* Open the sources on the network, if online sources are enabled
   * (pv_trust_set_network_enabled()). */
  PV_PROJECT_OPEN_ALLOW_NETWORK = 1 << 2,
} PvProjectOpenFlags;

/* An untitled, unmodified project around map. */
PvProject  *pv_project_new                (PvMap               *map) G_GNUC_WARN_UNUSED_RESULT;
/* Reads a .pvproj file. Unlike pv_project_load(), a layer whose file is
 * missing or unreadable stays in the map as a PvMissingLayer (and is
 * reported in layer_errors), so that saving keeps it. A malformed file, or
 * one of a newer schema, is an error naming the file. Nothing is written. */
PvProject  *pv_project_open               (const char          *path,
                                           PvProjectOpenFlags   flags,
                                           GPtrArray           *layer_errors,
                                           GCancellable        *cancellable,
                                           GError             **error) G_GNUC_WARN_UNUSED_RESULT;
/* The sources of the project file at path that lie outside its folder tree
 * or on the network (PvProjectSource, pv-trust.h): layers' files, print
 * layouts' logos. Reads the project file and the VRTs inside its folder;
 * opens no data. A malformed file is an error naming it. */
GPtrArray  *pv_project_list_outside_sources (const char        *path,
                                             GError           **error) G_GNUC_WARN_UNUSED_RESULT;
PvMap      *pv_project_get_map            (PvProject           *self);
/* The absolute path of the project file, or NULL before the first save. */
const char *pv_project_get_path           (PvProject           *self);
/* The name to show: the map's title, else the file name without .pvproj,
 * else NULL (untitled). */
char       *pv_project_dup_display_name   (PvProject           *self) G_GNUC_WARN_UNUSED_RESULT;
/* The view stored in the file (xmin, ymin, xmax, ymax in the map CRS). */
gboolean    pv_project_get_view           (PvProject           *self,
                                           double              *extent);
gboolean    pv_project_get_modified       (PvProject           *self);
void        pv_project_set_modified       (PvProject           *self,
                                           gboolean             modified);
/* How many changes were seen so far (grows with every change). */
guint       pv_project_get_change_count   (PvProject           *self);
/* Saves to path (NULL: the project's own path) atomically; the project then
 * belongs to path and is unmodified, unless it changed meanwhile. */
gboolean    pv_project_save_to            (PvProject           *self,
                                           PvViewport          *viewport,
                                           const char          *path,
                                           GError             **error);
/* The project as .pvproj JSON, for a file in project_dir (NULL: every
 * source is written as an absolute path). */
char       *pv_project_to_data            (PvProject           *self,
                                           PvViewport          *viewport,
                                           const char          *project_dir,
                                           gsize               *length) G_GNUC_WARN_UNUSED_RESULT;
/* The data of a recovery file: the project with absolute sources and a
 * "recovery" member naming the project file it belongs to. Written with
 * pv_project_write_atomically(), read with PV_PROJECT_OPEN_RECOVERY. */
char       *pv_project_to_recovery_data   (PvProject           *self,
                                           PvViewport          *viewport,
                                           gsize               *length) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
