/* pv-core.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <proj.h>
#include <stdlib.h>

#include "pv-core.h"
#include "pv-core-resources.h"
#include "pv-task.h"
#include "pv-trust-private.h"

static void
gdal_error_handler (CPLErr      level,
                    CPLErrorNum number,
                    const char *message)
{
  /* Errors reach the user as GErrors through CPLGetLastErrorMsg(); printing
   * them here would only garble the CLI's one-line messages. */
  g_debug ("GDAL %s %d: %s", level >= CE_Failure ? "error" : "warning", number, message);
}

/* The installed catalogues, or the build tree's when running uninstalled
 * (make run, the tests): the first that has one of the user's languages. */
static const char *
find_localedir (void)
{
  const char * const *languages = g_get_language_names_with_category ("LC_MESSAGES");

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *installed = g_build_filename (LOCALEDIR, languages[i], "LC_MESSAGES",
                                                     GETTEXT_PACKAGE ".mo", NULL);
      g_autofree char *built = g_build_filename (PV_BUILD_LOCALEDIR, languages[i], "LC_MESSAGES",
                                                 GETTEXT_PACKAGE ".mo", NULL);

      if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
        return LOCALEDIR;
      if (g_file_test (built, G_FILE_TEST_IS_REGULAR))
        return PV_BUILD_LOCALEDIR;
    }
  return LOCALEDIR;
}

/* Runs before GDAL's, PROJ's and the C++ runtime's own exit handlers (they
 * were registered before main()), so no worker is still reading a dataset or
 * transforming while they free their state. A worker stuck longer than the
 * web sources' timeout is left to its fate. */
static void
wait_for_workers_at_exit (void)
{
  if (!pv_task_cancel_and_wait (15000))
    g_debug ("%u workers still running at exit", pv_task_get_n_running ());
}

void
pv_core_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
#ifdef __GLIBC__
      /* Layers hold a few huge arrays: keep them in their own mappings so
       * that freeing one (a closed layer, a merge buffer) returns the memory
       * instead of leaving it in a thread's malloc arena. */
      mallopt (M_MMAP_THRESHOLD, 1024 * 1024);
#endif
      /* After setlocale(): the user's languages decide where to look. */
      bindtextdomain (GETTEXT_PACKAGE, find_localedir ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

      /* Reading must never write .aux.xml files next to the user's data. */
      CPLSetConfigOption ("GDAL_PAM_ENABLED", "NO");
      /* When the user enables online sources (pv_trust_set_network_enabled()). */
      CPLSetConfigOption ("GDAL_HTTP_TIMEOUT", "10");
      CPLSetConfigOption ("CPL_VSIL_CURL_USE_HEAD", "NO");
      CPLSetErrorHandler (gdal_error_handler);
      GDALAllRegister ();
      /* Online sources off, and no program run through GDAL (pv-trust.h). */
      _pv_trust_init ();
      pv_core_register_resource ();
      atexit (wait_for_workers_at_exit);

      g_once_init_leave (&initialized, 1);
    }
}

const char *
pv_core_get_gdal_version (void)
{
  return GDALVersionInfo ("RELEASE_NAME");
}

const char *
pv_core_get_proj_version (void)
{
  return proj_info ().version;
}
