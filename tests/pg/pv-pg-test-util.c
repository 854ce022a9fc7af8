/* pv-pg-test-util.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdarg.h>
#include <unistd.h>

#include "pv-pg-test-util.h"
#include "pv-test-util.h"

#define PORT "54329"

static char *
script_path (void)
{
  const char *root = g_getenv ("PV_SOURCE_ROOT");

  return g_build_filename (root ? root : ".", "tests", "pg", "pv-pg-server.sh", NULL);
}

static gboolean
run_script (const char * const *argv,
            char              **err)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, err, &status, &error))
    {
      *err = g_strdup (error->message);
      return FALSE;
    }
  return g_spawn_check_wait_status (status, NULL);
}

PvTestPg *
pv_test_pg_start (void)
{
  g_autofree char *script = script_path ();
  g_autofree char *err = NULL;
  g_autofree char *dir = NULL;
  PvTestPg *pg;

  /* A short path: Unix socket paths are at most 107 bytes. */
  dir = g_dir_make_tmp ("pv-pg-XXXXXX", NULL);
  if (dir == NULL)
    {
      g_test_skip ("PostGIS tests: cannot make a temporary folder for the server");
      return NULL;
    }
  {
    const char *argv[] = { "sh", script, "start", dir, NULL };
    g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());

    /* Stopped by a watchdog if this process aborts before pv_test_pg_stop(). */
    g_setenv ("PV_PG_OWNER_PID", pid, TRUE);
    if (!run_script (argv, &err))
      {
        const char *stop[] = { "sh", script, "stop", dir, NULL };
        g_autofree char *ignored = NULL;
        g_autofree char *message = g_strdup_printf ("PostGIS tests: no test server: %s",
                                                    err && err[0] ? g_strstrip (err) : "pv-pg-server.sh failed");

        run_script (stop, &ignored);
        g_test_skip (message);
        return NULL;
      }
  }
  pg = g_new0 (PvTestPg, 1);
  pg->dir = g_steal_pointer (&dir);
  pg->source = g_strdup_printf ("PG:host=%s port=" PORT " dbname=planviewer user=planviewer", pg->dir);
  pg->plain_source = g_strdup_printf ("PG:host=%s port=" PORT " dbname=plain user=planviewer", pg->dir);
  return pg;
}

void
pv_test_pg_load (PvTestPg   *pg,
                 const char *file,
                 const char *table,
                 ...)
{
  g_autofree char *script = script_path ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) "sh");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (gpointer) "load");
  g_ptr_array_add (argv, pg->dir);
  g_ptr_array_add (argv, (gpointer) file);
  g_ptr_array_add (argv, (gpointer) table);
  va_start (ap, table);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  if (!run_script ((const char * const *) argv->pdata, &err))
    g_error ("cannot load %s into the test server: %s", file, err ? err : "");
}

void
pv_test_pg_stop (PvTestPg *pg)
{
  g_autofree char *script = script_path ();
  g_autofree char *err = NULL;

  if (pg == NULL)
    return;
  {
    const char *argv[] = { "sh", script, "stop", pg->dir, NULL };

    run_script (argv, &err);
  }
  g_free (pg->dir);
  g_free (pg->source);
  g_free (pg->plain_source);
  g_free (pg);
}
