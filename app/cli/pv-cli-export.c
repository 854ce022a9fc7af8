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

/* The layout saved in the map's project under name, or NULL. */
static PvPrintLayout *
find_layout (PvMap      *map,
             const char *name)
{
  GListModel *layouts = pv_map_get_layouts (map);

  for (guint i = 0; i < g_list_model_get_n_items (layouts); i++)
    {
      g_autoptr(PvPrintLayout) layout = g_list_model_get_item (layouts, i);

      if (g_strcmp0 (pv_print_layout_get_name (layout), name) == 0)
        return g_steal_pointer (&layout);
    }
  return NULL;
}

/* The pages: one per bookmark asked for, else one for the extent. */
static GPtrArray *
build_pages (PvMap       *map,
             const char  *bookmark_name,
             gboolean     all_bookmarks,
             const double *extent)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_export_page_free);
  PvBookmarkList *bookmarks = pv_map_get_bookmarks (map);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (bookmarks));

  if (bookmark_name == NULL && !all_bookmarks)
    {
      g_ptr_array_add (pages, pv_export_page_new (extent));
      return g_steal_pointer (&pages);
    }
  for (guint i = 0; i < n; i++)
    {
      PvBookmark *bookmark = pv_bookmark_list_get_bookmark (bookmarks, i);
      g_autoptr(GError) error = NULL;
      PvExportPage *page;

      if (!all_bookmarks && g_strcmp0 (pv_bookmark_get_name (bookmark), bookmark_name) != 0)
        continue;
      if (!(page = pv_export_page_new_for_bookmark (map, bookmark, &error)))
        {
          pv_cli_print_error (_("export: bookmark “%s”: %s"), pv_bookmark_get_name (bookmark), error->message);
          return NULL;
        }
      g_ptr_array_add (pages, page);
      if (!all_bookmarks)
        break;
    }
  if (pages->len == 0)
    {
      if (all_bookmarks)
        pv_cli_print_error (_("export: --all-bookmarks: the input has no bookmarks"));
      else
        pv_cli_print_error (_("export: there is no bookmark named “%s”"), bookmark_name);
      return NULL;
    }
  return g_steal_pointer (&pages);
}

int
pv_cli_export (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *extent_text = NULL;
  g_autofree char *layout_name = NULL;
  g_autofree char *bookmark = NULL;
  g_autofree char *texts[8] = { NULL };
  static const char *text_properties[G_N_ELEMENTS (texts)] = {
    "title", "subtitle", "organisation", "author", "date", "notes", "attribution", "logo-path",
  };
  gboolean landscape = FALSE, portrait = FALSE, all_bookmarks = FALSE;
  gboolean no_legend = FALSE, no_scale_bar = FALSE, no_north_arrow = FALSE;
  gboolean grid = FALSE, graticule = FALSE, landuse_table = FALSE;
  double dpi = NAN, margin = NAN, scale = NAN, grid_interval = NAN;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) inputs = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvPrintLayout) layout = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  PvExportFormat format;
  PvPaper paper = PV_PAPER_A4;
  double paper_w = 0, paper_h = 0;
  double extent[4];
  double view[4];
  gboolean has_view = FALSE;
  const GOptionEntry entries[] = {
    { "output",        'o', 0, G_OPTION_ARG_FILENAME, &output,        N_("The file to write: .pdf, .png (with a .pgw world file and a .prj) or .svg (required)"), N_("OUT") },
    { "layout",        0,   0, G_OPTION_ARG_STRING,   &layout_name,   N_("Start from the print layout saved under this name in the project; the options below change it"), N_("NAME") },
    { "page",          0,   0, G_OPTION_ARG_STRING,   &page_text,     N_("Paper: A4, A3, A2, A1, A0 or a size in mm such as 500x700mm (default A4)"), N_("PAPER") },
    { "landscape",     0,   0, G_OPTION_ARG_NONE,     &landscape,     N_("Turn the page so that its longer side is horizontal"), NULL },
    { "portrait",      0,   0, G_OPTION_ARG_NONE,     &portrait,      N_("Turn the page so that its longer side is vertical (the default)"), NULL },
    { "scale",         0,   0, G_OPTION_ARG_DOUBLE,   &scale,         N_("Print the map at 1:N (e.g. 10000), centred on the extent; default: the extent fitted into the frame"), N_("N") },
    { "dpi",           0,   0, G_OPTION_ARG_DOUBLE,   &dpi,           N_("Resolution of the map frame: rasters, and the pixels of a PNG (default 300)"), N_("N") },
    { "margin",        0,   0, G_OPTION_ARG_DOUBLE,   &margin,        N_("Margin on every side of the page in mm (default 10)"), N_("MM") },
    { "extent",        0,   0, G_OPTION_ARG_STRING,   &extent_text,   N_("Area to show, in the map CRS"), N_("XMIN,YMIN,XMAX,YMAX") },
    { "bookmark",      0,   0, G_OPTION_ARG_STRING,   &bookmark,      N_("Show the project's bookmark of this name (its extent and layers)"), N_("NAME") },
    { "all-bookmarks", 0,   0, G_OPTION_ARG_NONE,     &all_bookmarks, N_("One page per bookmark of the project, in order"), NULL },
    { "title",         0,   0, G_OPTION_ARG_STRING,   &texts[0],      N_("Title above the map, also the document title"), N_("TEXT") },
    { "subtitle",      0,   0, G_OPTION_ARG_STRING,   &texts[1],      N_("Subtitle under the title"), N_("TEXT") },
    { "organisation",  0,   0, G_OPTION_ARG_STRING,   &texts[2],      N_("Organisation above the title"), N_("TEXT") },
    { "author",        0,   0, G_OPTION_ARG_STRING,   &texts[3],      N_("Author, in the footer and the document properties"), N_("NAME") },
    { "date",          0,   0, G_OPTION_ARG_STRING,   &texts[4],      N_("Date in the footer (default: today)"), N_("TEXT") },
    { "notes",         0,   0, G_OPTION_ARG_STRING,   &texts[5],      N_("Notes beside the map"), N_("TEXT") },
    { "attribution",   0,   0, G_OPTION_ARG_STRING,   &texts[6],      N_("Sources of the data, in the footer"), N_("TEXT") },
    { "logo",          0,   0, G_OPTION_ARG_FILENAME, &texts[7],      N_("An image (PNG, JPEG…) placed beside the map"), N_("FILE") },
    { "no-legend",     0,   0, G_OPTION_ARG_NONE,     &no_legend,     N_("Leave out the legend"), NULL },
    { "no-scale-bar",  0,   0, G_OPTION_ARG_NONE,     &no_scale_bar,  N_("Leave out the scale bar"), NULL },
    { "no-north-arrow", 0,  0, G_OPTION_ARG_NONE,     &no_north_arrow, N_("Leave out the north arrow"), NULL },
    { "grid",          0,   0, G_OPTION_ARG_NONE,     &grid,          N_("Draw a coordinate grid labelled in the map CRS"), NULL },
    { "grid-interval", 0,   0, G_OPTION_ARG_DOUBLE,   &grid_interval, N_("Map units between grid lines (default: automatic)"), N_("N") },
    { "graticule",     0,   0, G_OPTION_ARG_NONE,     &graticule,     N_("Draw latitude and longitude lines"), NULL },
    { "landuse-table", 0,   0, G_OPTION_ARG_NONE,     &landuse_table, N_("Add the land-use structure table of the area shown"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("INPUT…"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  pv_cli_add_trust_options (context);
  g_option_context_set_summary (context,
                                _("Exports data files or a .pvproj project to a printed map: PDF (one page\n"
                                  "or one per bookmark, georeferenced), PNG or SVG. The page holds the\n"
                                  "title, the map frame drawn as on screen with its annotations, the\n"
                                  "legend of what the frame shows, a scale bar, a north arrow and the\n"
                                  "blocks asked for. The first INPUT is drawn at the bottom."));
  g_option_context_set_description (context,
                                    _("The extent is --extent, else the view stored in a project given as\n"
                                      "first INPUT, else the union of the layers. Vectors and text stay\n"
                                      "vectors and text; rasters are drawn at --dpi. PNG and SVG hold one\n"
                                      "page: several pages are written as OUT-1.png, OUT-2.png…\n"
                                      "Files are replaced only when complete.\n\n"
                                      "Exit status: 0 success, 1 usage error, 2 input or data error."));

  if (!(inputs = pv_cli_parse_command (context, "export", argc, argv, FALSE)))
    return PV_CLI_EXIT_USAGE;

  if (output == NULL || *output == '\0')
    {
      pv_cli_print_error (_("export: the output file (-o OUT.pdf) is required"));
      return PV_CLI_EXIT_USAGE;
    }
  if (!pv_export_format_from_path (output, &format))
    {
      pv_cli_print_error (_("export: cannot tell the format of “%s”: name it .pdf, .png or .svg"), output);
      return PV_CLI_EXIT_USAGE;
    }
  if (inputs[0] == NULL)
    {
      pv_cli_print_error (_("export: no input file given"));
      return PV_CLI_EXIT_USAGE;
    }
  if (landscape && portrait)
    {
      pv_cli_print_error (_("export: --landscape and --portrait exclude each other"));
      return PV_CLI_EXIT_USAGE;
    }
  if (bookmark != NULL && all_bookmarks)
    {
      pv_cli_print_error (_("export: --bookmark and --all-bookmarks exclude each other"));
      return PV_CLI_EXIT_USAGE;
    }
  if ((bookmark != NULL || all_bookmarks) && extent_text != NULL)
    {
      pv_cli_print_error (_("export: --extent and bookmarks exclude each other (a bookmark has its extent)"));
      return PV_CLI_EXIT_USAGE;
    }
  if (page_text != NULL && !pv_paper_parse (page_text, &paper, &paper_w, &paper_h))
    {
      pv_cli_print_error (_("export: invalid page “%s”: expected A4, A3, A2, A1, A0 or WxHmm with sides from %g to %g mm"),
                          page_text, PV_EXPORT_MIN_PAGE_MM, PV_EXPORT_MAX_PAGE_MM);
      return PV_CLI_EXIT_USAGE;
    }
  if (!isnan (dpi) && (!isfinite (dpi) || dpi < PV_EXPORT_MIN_DPI || dpi > PV_EXPORT_MAX_DPI))
    {
      g_autofree char *text = pv_cli_format_double ("%g", dpi);

      pv_cli_print_error (_("export: invalid resolution %s: expected %g to %g dpi"),
                          text, PV_EXPORT_MIN_DPI, PV_EXPORT_MAX_DPI);
      return PV_CLI_EXIT_USAGE;
    }
  if (!isnan (margin) && (!isfinite (margin) || margin < 0))
    {
      g_autofree char *text = pv_cli_format_double ("%g", margin);

      pv_cli_print_error (_("export: invalid margin %s mm: expected 0 or more"), text);
      return PV_CLI_EXIT_USAGE;
    }
  if (!isnan (scale) && (!isfinite (scale) || scale < PV_EXPORT_MIN_SCALE || scale > PV_EXPORT_MAX_SCALE))
    {
      g_autofree char *text = pv_cli_format_double ("%g", scale);

      pv_cli_print_error (_("export: invalid scale %s: expected the N of 1:N, from %g to %g"),
                          text, PV_EXPORT_MIN_SCALE, PV_EXPORT_MAX_SCALE);
      return PV_CLI_EXIT_USAGE;
    }
  if (!isnan (grid_interval) && (!isfinite (grid_interval) || grid_interval <= 0))
    {
      g_autofree char *text = pv_cli_format_double ("%g", grid_interval);

      pv_cli_print_error (_("export: invalid grid interval %s: expected a length above 0"), text);
      return PV_CLI_EXIT_USAGE;
    }
  if (extent_text != NULL && !pv_cli_parse_extent (extent_text, extent))
    {
      pv_cli_print_error (_("export: invalid extent “%s”: expected XMIN,YMIN,XMAX,YMAX with XMIN < XMAX and YMIN < YMAX"),
                          extent_text);
      return PV_CLI_EXIT_USAGE;
    }

  if (!(map = pv_cli_load_inputs ("export", inputs, view, &has_view)))
    return PV_CLI_EXIT_DATA;
  if (extent_text == NULL && has_view)
    memcpy (extent, view, sizeof extent);
  has_view = has_view || extent_text != NULL;

  if (layout_name != NULL)
    {
      g_autoptr(PvPrintLayout) saved = find_layout (map, layout_name);

      if (saved == NULL)
        {
          pv_cli_print_error (_("export: the input has no print layout named “%s”"), layout_name);
          return PV_CLI_EXIT_DATA;
        }
      layout = pv_print_layout_copy (saved);
    }
  else
    layout = pv_print_layout_new ();

  if (page_text != NULL)
    g_object_set (layout, "paper", paper, "width-mm", paper_w, "height-mm", paper_h, NULL);
  if (landscape || portrait)
    g_object_set (layout, "landscape", landscape, NULL);
  if (!isnan (dpi))
    g_object_set (layout, "dpi", dpi, NULL);
  if (!isnan (margin))
    g_object_set (layout, "margin-mm", margin, NULL);
  if (!isnan (scale))
    g_object_set (layout, "scale", scale, NULL);
  if (!isnan (grid_interval))
    g_object_set (layout, "grid-interval", grid_interval, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL)
      g_object_set (layout, text_properties[i], texts[i], NULL);
  if (no_legend)
    g_object_set (layout, "show-legend", FALSE, NULL);
  if (no_scale_bar)
    g_object_set (layout, "show-scale-bar", FALSE, NULL);
  if (no_north_arrow)
    g_object_set (layout, "show-north-arrow", FALSE, NULL);
  if (grid)
    g_object_set (layout, "show-grid", TRUE, NULL);
  if (graticule)
    g_object_set (layout, "show-graticule", TRUE, NULL);
  if (landuse_table)
    g_object_set (layout, "show-landuse-table", TRUE, NULL);
  if (!pv_print_layout_validate (layout, &error))
    {
      pv_cli_print_error (_("export: %s"), error->message);
      return PV_CLI_EXIT_USAGE;
    }

  if (!(pages = build_pages (map, bookmark, all_bookmarks, has_view ? extent : NULL)))
    return PV_CLI_EXIT_DATA;
  if (!pv_export_write (map, layout, pages, format, output, NULL, NULL, NULL, &error))
    {
      pv_cli_print_error ("%s", error->message);
      return PV_CLI_EXIT_DATA;
    }
  return PV_CLI_EXIT_OK;
}
