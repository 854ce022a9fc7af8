/* main.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pv-cli.h"
#include "pv-core.h"

typedef struct
{
  const char *name;
  int       (*run) (int    argc,
                    char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "cache-tiles", pv_cli_cache_tiles, N_("Cache the tiles of a web map for some areas into an MBTiles file") },
  { "export",    pv_cli_export,    N_("Export data files or a project to a PDF map") },
  { "info",      pv_cli_info,      N_("Describe the layers of data files") },
  { "render",    pv_cli_render,    N_("Render data files or a project to a PNG image") },
  { "stats",     pv_cli_stats,     N_("Print the land-use structure table of a polygon layer") },
  { "transform", pv_cli_transform, N_("Transform a coordinate from one CRS to another") },
};

static void
print_usage (void)
{
  g_print ("%s\n  planviewer-cli %s\n\n", _("Usage:"), _("COMMAND [OPTION…] ARGUMENT…"));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-11s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("Options:"));
  g_print ("  -h, --help  %s\n", _("Show this help"));
  g_print ("  --version   %s\n", _("Show the versions of the program, GDAL and PROJ"));
  g_print ("\n%s\n", _("Run “planviewer-cli COMMAND --help” for the options of a command."));
  g_print ("%s\n", _("Exit status: 0 success, 1 usage error, 2 input or data error."));
}

static void
print_version (void)
{
  g_print ("planviewer-cli %s\n", PACKAGE_VERSION);
  g_print ("GDAL %s\n", pv_core_get_gdal_version ());
  g_print ("PROJ %s\n", pv_core_get_proj_version ());
}

int
main (int    argc,
      char **argv)
{
  const char *name;

  setlocale (LC_ALL, "");
  /* pv_core_init() binds the catalogues. */
  pv_core_init ();
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      pv_cli_print_error (_("no command given (try “planviewer-cli --help”)"));
      return PV_CLI_EXIT_USAGE;
    }

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage ();
      return PV_CLI_EXIT_OK;
    }
  if (g_str_equal (name, "--version"))
    {
      print_version ();
      return PV_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (name, commands[i].name))
        {
          g_autofree char *prgname = g_strdup_printf ("planviewer-cli %s", name);

          /* GOptionContext prints "Usage: planviewer-cli COMMAND …". */
          g_set_prgname (prgname);
          return commands[i].run (argc - 1, argv + 1);
        }
    }

  if (name[0] == '-')
    pv_cli_print_error (_("unknown option %s (try “planviewer-cli --help”)"), name);
  else
    pv_cli_print_error (_("unknown command “%s” (try “planviewer-cli --help”)"), name);
  return PV_CLI_EXIT_USAGE;
}
