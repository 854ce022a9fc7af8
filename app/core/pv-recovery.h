/* pv-recovery.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Recovery files: the unsaved state of each open project, written a few
 * seconds after each change (pv_project_to_recovery_data() +
 * pv_project_write_atomically()) into $XDG_STATE_HOME/planviewer/recovery/,
 * and removed when the project is saved or closed cleanly. Each process
 * holds a lock (a session) for its own files while it runs, so that the
 * files a crashed or killed process left behind can be told from the files
 * of a PlanViewer still running. */

typedef struct
{
  char      *path;      /* the recovery file */
  char      *project;   /* the project file it recovers, or NULL (untitled) */
  char      *name;      /* a name to show, or NULL */
  GDateTime *saved;     /* when it was written */
} PvRecoveryFile;

void            pv_recovery_file_free    (PvRecoveryFile  *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvRecoveryFile, pv_recovery_file_free)

/* The folder of recovery files (not created). */
char           *pv_recovery_dup_dir      (void) G_GNUC_WARN_UNUSED_RESULT;
/* A path for one more recovery file of this process (say, a window's),
 * taking this process's session lock on the first call. Nothing is written. */
char           *pv_recovery_new_path     (GError         **error) G_GNUC_WARN_UNUSED_RESULT;
/* The recovery files left by processes that are no longer running, newest
 * first (GPtrArray of PvRecoveryFile). Files that cannot be read as a
 * PlanViewer recovery file are not listed (and not removed). */
GPtrArray      *pv_recovery_list_orphans (GError         **error) G_GNUC_WARN_UNUSED_RESULT;
/* Removes a recovery file (no error when it is gone already). */
gboolean        pv_recovery_discard      (const char      *path,
                                          GError         **error);

G_END_DECLS
