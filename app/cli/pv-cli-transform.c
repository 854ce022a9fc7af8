/* pv-cli-transform.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pv-cli.h"
#include "pv-core.h"

int
pv_cli_transform (int    argc,
                  char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *assume_text = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) source = NULL;
  g_autoptr(PvCrs) target = NULL;
  g_autoptr(PvTransform) transform = NULL;
  g_auto(GStrv) positional = NULL;
  g_autofree char *x_text = NULL;
  g_autofree char *y_text = NULL;
  double x, y;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Source CRS (EPSG:n, WKT or PROJ string)"), N_("CRS") },
    { "to",   0, 0, G_OPTION_ARG_STRING, &to,   N_("Target CRS (EPSG:n, WKT or PROJ string)"), N_("CRS") },
    { "assume-crs", 0, 0, G_OPTION_ARG_STRING, &assume_text, N_("Source CRS when --from is not given, e.g. for coordinates read from a file without CRS"), N_("CRS") },
    { NULL }
  };

  context = g_option_context_new (_("X Y"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Transforms one coordinate and prints “X Y” with 4 decimals,\n"
                                  "easting or longitude first, through the same coordinate\n"
                                  "operations the map uses (VN-2000 through the official\n"
                                  "Decision 05/2007 parameters). Negative numbers are accepted."));
  g_option_context_set_description (context,
                                    _("--assume-crs CRS is the source CRS when --from is not given (the\n"
                                      "coordinates come from data that carries no CRS); with --from, --from\n"
                                      "is used and stderr says so.\n\n"
                                      "Example:\n"
                                      "  planviewer-cli transform --from EPSG:4326 --to EPSG:9210 106.6519 10.9804\n\n"
                                      "Exit status: 0 success, 1 usage error, 2 CRS or transformation error."));

  if (!(positional = pv_cli_parse_command (context, "transform", argc, argv, TRUE)))
    return PV_CLI_EXIT_USAGE;

  if (from != NULL && assume_text != NULL)
    pv_cli_print_error (_("transform: --from %s is the source CRS: --assume-crs %s not applied"),
                        from, assume_text);
  else if (from == NULL && assume_text != NULL)
    from = g_strdup (assume_text);
  if (from == NULL || to == NULL)
    {
      pv_cli_print_error (_("transform: both --from (or --assume-crs) and --to are required"));
      return PV_CLI_EXIT_USAGE;
    }
  if (g_strv_length (positional) != 2)
    {
      pv_cli_print_error (_("transform: expected two coordinates X Y, got %u arguments"),
                          g_strv_length (positional));
      return PV_CLI_EXIT_USAGE;
    }
  for (guint i = 0; i < 2; i++)
    {
      if (!pv_cli_parse_double (positional[i], i == 0 ? &x : &y))
        {
          pv_cli_print_error (_("transform: “%s” is not a number"), positional[i]);
          return PV_CLI_EXIT_USAGE;
        }
    }

  if (!(source = pv_crs_new_from_user_input (from, &error)) ||
      !(target = pv_crs_new_from_user_input (to, &error)) ||
      !(transform = pv_transform_new (source, target, &error)) ||
      !pv_transform_point (transform, &x, &y, &error))
    {
      pv_cli_print_error ("%s", error->message);
      return PV_CLI_EXIT_DATA;
    }

  x_text = pv_cli_format_double ("%.4f", x);
  y_text = pv_cli_format_double ("%.4f", y);
  g_print ("%s %s\n", x_text, y_text);

  return PV_CLI_EXIT_OK;
}
