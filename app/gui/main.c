/* main.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pv-application.h"
#include "pv-core.h"

/* The installed catalogues, else those compiled in the build tree (po/),
 * so that uninstalled runs (make run, the tests) are translated too. */
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PvApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* pv_core_init() binds the domain to LOCALEDIR: bind it after. */
  pv_core_init ();
  bindtextdomain (GETTEXT_PACKAGE, find_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("PlanViewer"));

  app = pv_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
