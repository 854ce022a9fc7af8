/* pv-recovery.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "pv-project-private.h"
#include "pv-recovery.h"

#define RECOVERY_SUFFIX ".pvproj"
#define LOCK_SUFFIX ".lock"

/* This process's session: "<pid>-<random>", its lock held open. */
G_LOCK_DEFINE_STATIC (session);
static char *session_id;
static int session_fd = -1;
static guint n_paths;

void
pv_recovery_file_free (PvRecoveryFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->project);
  g_free (file->name);
  g_clear_pointer (&file->saved, g_date_time_unref);
  g_free (file);
}

char *
pv_recovery_dup_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "planviewer", "recovery", NULL);
}

static gboolean
set_dir_error (GError     **error,
               const char  *dir,
               int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (dir);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("%s: the folder for recovery files cannot be used (%s)"), display, g_strerror (saved_errno));
  return FALSE;
}

/* The lock file appears already locked: written under another name,
 * locked, then renamed into place. */
static gboolean
start_session (const char  *dir,
               GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *lock = NULL;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_dir_error (error, dir, errno);
  id = g_strdup_printf ("%d-%08x", (int) getpid (), g_random_int ());
  temp = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s" LOCK_SUFFIX, dir, id);
  lock = g_strdup_printf ("%s" G_DIR_SEPARATOR_S "%s" LOCK_SUFFIX, dir, id);
  fd = open (temp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_dir_error (error, dir, errno);
  if (flock (fd, LOCK_EX | LOCK_NB) != 0 || rename (temp, lock) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (temp);
      return set_dir_error (error, dir, saved_errno);
    }
  session_id = g_steal_pointer (&id);
  session_fd = fd;
  return TRUE;
}

char *
pv_recovery_new_path (GError **error)
{
  g_autofree char *dir = pv_recovery_dup_dir ();
  char *path;

  G_LOCK (session);
  if (session_id == NULL && !start_session (dir, error))
    {
      G_UNLOCK (session);
      return NULL;
    }
  path = g_strdup_printf ("%s" G_DIR_SEPARATOR_S "%s-%u" RECOVERY_SUFFIX, dir, session_id, ++n_paths);
  G_UNLOCK (session);
  return path;
}

/* Whether the process that owns session has ended (its lock is free). */
static gboolean
session_ended (const char *dir,
               const char *session)
{
  g_autofree char *lock = g_strdup_printf ("%s" G_DIR_SEPARATOR_S "%s" LOCK_SUFFIX, dir, session);
  gboolean ended;
  int fd;

  G_LOCK (session);
  ended = g_strcmp0 (session, session_id) != 0;
  G_UNLOCK (session);
  if (!ended)
    return FALSE;
  fd = open (lock, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return errno == ENOENT;
  ended = flock (fd, LOCK_EX | LOCK_NB) == 0;
  close (fd);
  return ended;
}

static PvRecoveryFile *
read_recovery_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(PvRecoveryFile) file = g_new0 (PvRecoveryFile, 1);
  JsonObject *root, *recovery;
  const char *saved;

  if (!json_parser_load_from_mapped_file (parser, path, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      !json_object_has_member ((root = json_node_get_object (json_parser_get_root (parser))), "recovery") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "recovery")))
    return NULL;
  recovery = json_object_get_object_member (root, "recovery");
  file->path = g_strdup (path);
  if (json_object_has_member (recovery, "project") && !json_object_get_null_member (recovery, "project"))
    file->project = g_strdup (json_object_get_string_member_with_default (recovery, "project", NULL));
  if (json_object_has_member (recovery, "name") && !json_object_get_null_member (recovery, "name"))
    file->name = g_strdup (json_object_get_string_member_with_default (recovery, "name", NULL));
  saved = json_object_get_string_member_with_default (recovery, "saved", NULL);
  if (saved != NULL)
    file->saved = g_date_time_new_from_iso8601 (saved, NULL);
  if (file->saved == NULL)
    {
      g_autoptr(GFile) gfile = g_file_new_for_path (path);
      g_autoptr(GFileInfo) info = g_file_query_info (gfile, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);

      file->saved = info != NULL ? g_file_info_get_modification_date_time (info) : g_date_time_new_now_utc ();
    }
  return g_steal_pointer (&file);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const PvRecoveryFile *fa = *(PvRecoveryFile * const *) a;
  const PvRecoveryFile *fb = *(PvRecoveryFile * const *) b;

  return g_date_time_compare (fb->saved, fa->saved);
}

GPtrArray *
pv_recovery_list_orphans (GError **error)
{
  g_autofree char *dir = pv_recovery_dup_dir ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_recovery_file_free);
  g_autoptr(GHashTable) live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) with_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  gdir = g_dir_open (dir, 0, &local_error);
  if (gdir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&files);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* Autosaves killed half way left their temporary files (hidden, never
   * listed below). */
  _pv_project_remove_orphaned_temps (dir, NULL);
  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *session = NULL;
      g_autofree char *path = NULL;
      const char *dash;
      gboolean ended;

      if (name[0] == '.' || !g_str_has_suffix (name, RECOVERY_SUFFIX) || (dash = strrchr (name, '-')) == NULL)
        continue;
      session = g_strndup (name, dash - name);
      g_hash_table_add (with_files, g_strdup (session));
      if (g_hash_table_contains (live, session))
        continue;
      ended = session_ended (dir, session);
      if (!ended)
        {
          g_hash_table_add (live, g_strdup (session));
          continue;
        }
      path = g_build_filename (dir, name, NULL);
      {
        PvRecoveryFile *file = read_recovery_file (path);

        if (file != NULL)
          g_ptr_array_add (files, file);
      }
    }
  /* The locks of ended sessions that left nothing to recover. */
  g_dir_rewind (gdir);
  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *session = NULL;

      if (name[0] == '.' || !g_str_has_suffix (name, LOCK_SUFFIX))
        continue;
      session = g_strndup (name, strlen (name) - strlen (LOCK_SUFFIX));
      if (!g_hash_table_contains (with_files, session) && session_ended (dir, session))
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_unlink (path);
        }
    }
  g_ptr_array_sort (files, compare_newest_first);
  return g_steal_pointer (&files);
}

gboolean
pv_recovery_discard (const char  *path,
                     GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s: the recovery file cannot be removed (%s)"), display, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
