/* pv-cli-export.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pv-cli.h"
#include "pv-core.h"
#include "pv-export.h"

/* Loads the inputs as "render" does: the first project keeps its CRS, layer
 * order, annotations and stored view (*view, *has_view); the layers of other
 * projects and data files are added above. Missing layers of a project are
 * reported, not fatal; a data file that cannot be read is. */
static PvMap *
load_inputs (char     **inputs,
             double    *view,
             gboolean  *has_view)
{
  g_autoptr(PvMap) map = NULL;
  gboolean failed = FALSE;

  *has_view = FALSE;
  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) layers = NULL;
      g_autoptr(PvMap) project = NULL;
      g_autoptr(GError) error = NULL;

      if (!pv_cli_check_input (inputs[i]))
        {
          failed = TRUE;
          continue;
        }
      if (pv_cli_is_project (inputs[i]))
        {
          g_autoptr(GPtrArray) project_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
          double project_view[4];
          gboolean project_has_view = FALSE;

          project = pv_project_load (inputs[i], project_errors, project_view, &project_has_view, NULL, &error);
          for (guint e = 0; e < project_errors->len; e++)
            pv_cli_print_error ("%s", ((GError *) g_ptr_array_index (project_errors, e))->message);
          if (project != NULL && i == 0)
            {
              map = g_steal_pointer (&project);
              if (project_has_view)
                memcpy (view, project_view, 4 * sizeof (double));
              *has_view = project_has_view;
              continue;
            }
          if (project != NULL)
            {
              layers = g_ptr_array_new ();
              for (guint l = 0; l < pv_map_get_n_layers (project); l++)
                g_ptr_array_add (layers, pv_map_get_layer (project, l));
            }
        }
      else
        layers = pv_layer_open_all (inputs[i], NULL, NULL, &error);

      if (layers == NULL)
        {
          pv_cli_print_error ("%s", error->message);
          failed = TRUE;
          continue;
        }
      if (map == NULL)
        map = pv_map_new ();
      for (guint l = 0; l < layers->len; l++)
        pv_map_add_layer (map, g_ptr_array_index (layers, l));
    }

  if (failed)
    return NULL;
  if (map == NULL || pv_map_get_n_layers (map) == 0)
    {
      pv_cli_print_error (_("export: nothing to export: no layer could be loaded"));
      return NULL;
    }
  return g_steal_pointer (&map);
}

int
pv_cli_export (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *extent_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  gboolean landscape = FALSE;
  double dpi = 300.0;
  double margin = 10.0;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) inputs = NULL;
  g_autoptr(PvMap) map = NULL;
  PvExportOptions options;
  double extent[4];
  double view[4];
  gboolean has_view = FALSE;
  gint64 start;
  const GOptionEntry entries[] = {
    { "output",    'o', 0, G_OPTION_ARG_FILENAME, &output,      N_("The PDF file to write (required)"), N_("OUT.pdf") },
    { "page",      0,   0, G_OPTION_ARG_STRING,   &page_text,   N_("Paper: A4, A3, A2, A1, A0 or a size in mm such as 500x700mm (default A4)"), N_("PAPER") },
    { "landscape", 0,   0, G_OPTION_ARG_NONE,     &landscape,   N_("Turn the page so that its longer side is horizontal"), NULL },
    { "dpi",       0,   0, G_OPTION_ARG_DOUBLE,   &dpi,         N_("Resolution of the rasters on the page (default 300)"), N_("N") },
    { "margin",    0,   0, G_OPTION_ARG_DOUBLE,   &margin,      N_("Margin on every side of the page in mm (default 10)"), N_("MM") },
    { "title",     0,   0, G_OPTION_ARG_STRING,   &title,       N_("Title above the map, also the document title"), N_("TEXT") },
    { "author",    0,   0, G_OPTION_ARG_STRING,   &author,      N_("Author in the document properties"), N_("NAME") },
    { "extent",    0,   0, G_OPTION_ARG_STRING,   &extent_text, N_("Area to show, in the map CRS"), N_("XMIN,YMIN,XMAX,YMAX") },
    { NULL }
  };

  context = g_option_context_new (_("INPUT…"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Exports data files or a .pvproj project to a one-page PDF map: the\n"
                                  "title above a map frame drawn as on screen. The first INPUT is drawn\n"
                                  "at the bottom."));
  g_option_context_set_description (context,
                                    _("The extent is --extent, else the view stored in a project given as\n"
                                      "first INPUT, else the union of the layers; it is fitted into the frame.\n"
                                      "Vectors and text stay vectors and text; rasters are drawn at --dpi.\n"
                                      "The file is replaced only when complete.\n\n"
                                      "Exit status: 0 success, 1 usage error, 2 input or data error."));

  if (!(inputs = pv_cli_parse_command (context, "export", argc, argv, FALSE)))
    return PV_CLI_EXIT_USAGE;

  pv_export_options_init (&options);
  if (output == NULL || *output == '\0')
    {
      pv_cli_print_error (_("export: the output file (-o OUT.pdf) is required"));
      return PV_CLI_EXIT_USAGE;
    }
  if (inputs[0] == NULL)
    {
      pv_cli_print_error (_("export: no input file given"));
      return PV_CLI_EXIT_USAGE;
    }
  if (page_text != NULL &&
      !pv_paper_parse (page_text, &options.paper, &options.width_mm, &options.height_mm))
    {
      pv_cli_print_error (_("export: invalid page “%s”: expected A4, A3, A2, A1, A0 or WxHmm with sides from %g to %g mm"),
                          page_text, PV_EXPORT_MIN_PAGE_MM, PV_EXPORT_MAX_PAGE_MM);
      return PV_CLI_EXIT_USAGE;
    }
  if (!isfinite (dpi) || dpi < PV_EXPORT_MIN_DPI || dpi > PV_EXPORT_MAX_DPI)
    {
      g_autofree char *text = pv_cli_format_double ("%g", dpi);

      pv_cli_print_error (_("export: invalid resolution %s: expected %g to %g dpi"),
                          text, PV_EXPORT_MIN_DPI, PV_EXPORT_MAX_DPI);
      return PV_CLI_EXIT_USAGE;
    }
  if (!isfinite (margin) || margin < 0)
    {
      g_autofree char *text = pv_cli_format_double ("%g", margin);

      pv_cli_print_error (_("export: invalid margin %s mm: expected 0 or more"), text);
      return PV_CLI_EXIT_USAGE;
    }
  if (extent_text != NULL && !pv_cli_parse_extent (extent_text, extent))
    {
      pv_cli_print_error (_("export: invalid extent “%s”: expected XMIN,YMIN,XMAX,YMAX with XMIN < XMAX and YMIN < YMAX"),
                          extent_text);
      return PV_CLI_EXIT_USAGE;
    }
  options.landscape = landscape;
  options.dpi = dpi;
  options.margin_mm = margin;
  options.title = title;
  options.author = author;

  start = g_get_monotonic_time ();
  if (!(map = load_inputs (inputs, view, &has_view)))
    return PV_CLI_EXIT_DATA;
  if (extent_text == NULL && has_view)
    memcpy (extent, view, sizeof extent);
  has_view = has_view || extent_text != NULL;

  if (!pv_export_pdf (map, has_view ? extent : NULL, &options, output, NULL, &error))
    {
      pv_cli_print_error ("%s", error->message);
      return PV_CLI_EXIT_DATA;
    }
  g_debug ("exported %s in %.3f s", output, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return PV_CLI_EXIT_OK;
}
