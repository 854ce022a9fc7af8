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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PvApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* pv_core_init() binds the catalogues. */
  pv_core_init ();
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("PlanViewer"));

  app = pv_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
