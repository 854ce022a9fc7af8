/* pv-generate-samples.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes PlanViewer's synthetic Bình Dương sample (`--output DIR`) or a large
 * benchmark layer of N parcels (`--parcels N --output DIR`). Deterministic:
 * the same bytes on every run. A developer tool, so its messages are not
 * translated. */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <cpl_conv.h>
#include <glib/gstdio.h>

#include "pv-gen.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  gint64 parcels = 0;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Folder to write to", "DIR" },
    { "parcels", 'n', 0, G_OPTION_ARG_INT64, &parcels,
      "Write only DIR/parcels_N.shp, a benchmark layer of N parcels", "N" },
    { NULL }
  };
  gboolean ok;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— generate PlanViewer's sample data");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pv-generate-samples: %s\n", error->message);
      return 1;
    }
  if (output == NULL || argc > 1 || parcels < 0 || parcels > G_MAXINT32)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return 1;
    }
  if (g_mkdir_with_parents (output, 0755) != 0)
    {
      g_printerr ("pv-generate-samples: %s: cannot create the folder: %s\n", output,
                  g_strerror (errno));
      return 1;
    }

  /* No side files (.aux.xml), no network. */
  CPLSetConfigOption ("GDAL_PAM_ENABLED", "NO");
  CPLSetConfigOption ("PROJ_NETWORK", "OFF");
  GDALAllRegister ();

  if (parcels > 0)
    ok = pv_gen_write_parcels (output, (guint) parcels, &error);
  else
    ok = pv_gen_write_sample (output, &error);
  if (!ok)
    {
      g_printerr ("pv-generate-samples: %s\n", error->message);
      return 1;
    }
  return 0;
}
