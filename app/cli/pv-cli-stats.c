/* pv-cli-stats.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pv-cli.h"
#include "pv-core.h"
#include "pv-landuse-stats.h"

static void
print_errors (GPtrArray *errors)
{
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    pv_cli_print_error ("%s", ((GError *) g_ptr_array_index (errors, i))->message);
}

/* The vector layers of input (a data file or a project), in their order. */
static GPtrArray *
load_layers (const char  *input,
             const char  *layer_name,
             PvCrs       *assumed,
             GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) vectors = g_ptr_array_new_with_free_func (g_object_unref);

  if (pv_cli_is_project (input))
    {
      g_autoptr(PvMap) map = NULL;
      g_autoptr(GPtrArray) layer_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

      if (!pv_cli_check_project_sources (input))
        {
          g_autofree char *display = g_filename_display_name (input);

          g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_NOT_ALLOWED,
                       _("%s: the project was not opened"), display);
          return NULL;
        }
      if (!(map = pv_project_load (input, layer_errors, NULL, NULL, NULL, error)))
        return NULL;
      /* Layers of a project whose files are missing are reported, not fatal. */
      print_errors (layer_errors);
      all = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < pv_map_get_n_layers (map); i++)
        g_ptr_array_add (all, g_object_ref (pv_map_get_layer (map, i)));
    }
  else
    {
      /* For a data file, --layer names one of its layers as GDAL lists them. */
      if (!(all = pv_layer_open_all (input, layer_name, NULL, error)))
        return NULL;
    }

  if (assumed != NULL)
    pv_cli_assume_crs (assumed, input, all);
  for (guint i = 0; i < all->len; i++)
    if (PV_IS_VECTOR_LAYER (g_ptr_array_index (all, i)))
      g_ptr_array_add (vectors, g_object_ref (g_ptr_array_index (all, i)));
  return g_steal_pointer (&vectors);
}

/* The layer --layer names (by its name in the project or its source layer),
 * or the only vector layer; NULL after printing why. */
static PvVectorLayer *
choose_layer (const char *input,
              GPtrArray  *layers,
              const char *layer_name,
              int        *status)
{
  g_autofree char *display = g_filename_display_name (input);
  g_autoptr(GString) names = g_string_new (NULL);

  if (layer_name != NULL)
    {
      for (guint i = 0; i < layers->len; i++)
        {
          PvLayer *layer = g_ptr_array_index (layers, i);

          if (g_strcmp0 (pv_layer_get_name (layer), layer_name) == 0 ||
              g_strcmp0 (pv_layer_get_source_layer (layer), layer_name) == 0)
            return PV_VECTOR_LAYER (layer);
        }
    }
  else if (layers->len == 1)
    return PV_VECTOR_LAYER (g_ptr_array_index (layers, 0));

  for (guint i = 0; i < layers->len; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "“%s”", pv_layer_get_name (g_ptr_array_index (layers, i)));
    }
  if (layers->len == 0)
    {
      pv_cli_print_error (_("stats: %s: no vector layer to count"), display);
      *status = PV_CLI_EXIT_DATA;
    }
  else if (layer_name != NULL)
    {
      /* translators: a file, a layer name, then the names of its layers */
      pv_cli_print_error (_("stats: %s: there is no vector layer “%s” (layers: %s)"),
                          display, layer_name, names->str);
      *status = PV_CLI_EXIT_DATA;
    }
  else
    {
      pv_cli_print_error (_("stats: %s has several vector layers: choose one with --layer (%s)"),
                          display, names->str);
      *status = PV_CLI_EXIT_USAGE;
    }
  return NULL;
}

static void
print_padded (const char *text,
              int         width,
              gboolean    right)
{
  int pad = MAX (0, width - (int) g_utf8_strlen (text, -1));

  if (right)
    g_print ("%*s%s", pad, "", text);
  else
    g_print ("%s%*s", text, pad, "");
}

/* The table in columns aligned by characters, so Vietnamese names line up. */
static void
print_table (PvLanduseStats *stats,
             const char     *display)
{
  guint n = pv_landuse_stats_get_n_rows (stats);
  guint n_lines = n + 1;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  int widths[5] = { 0 };
  const gboolean right[5] = { FALSE, FALSE, TRUE, TRUE, TRUE };

  /* Header, rows, total: 5 cells each. */
  for (guint c = 0; c < 5; c++)
    g_ptr_array_add (cells, g_strdup (pv_landuse_stats_get_column_title (c)));
  for (guint i = 0; i <= n; i++)
    {
      const PvLanduseStatsRow *row = i < n ? pv_landuse_stats_get_row (stats, i) : NULL;
      double area = row ? row->area_ha : pv_landuse_stats_get_total_area_ha (stats);
      double share = row ? row->share : (pv_landuse_stats_get_total_area_ha (stats) > 0 ? 100.0 : 0.0);
      guint count = row ? row->count : pv_landuse_stats_get_total_count (stats);

      g_ptr_array_add (cells, g_strdup (row ? row->code : ""));
      g_ptr_array_add (cells, g_strdup (row ? row->name : pv_landuse_stats_get_total_label ()));
      g_ptr_array_add (cells, pv_cli_format_double ("%.2f", area));
      g_ptr_array_add (cells, pv_cli_format_double ("%.2f", share));
      g_ptr_array_add (cells, g_strdup_printf ("%u", count));
    }
  for (guint i = 0; i < cells->len; i++)
    widths[i % 5] = MAX (widths[i % 5], (int) g_utf8_strlen (g_ptr_array_index (cells, i), -1));

  /* translators: the heading lines of the land-use table in the CLI */
  g_print ("%s %s\n", _("Layer:"), pv_landuse_stats_get_layer_name (stats));
  g_print ("%s %s\n", _("File:"), display);
  g_print ("%s %s\n", _("Field:"), pv_landuse_stats_get_field (stats));
  g_print ("%s %s\n\n", _("Scope:"), pv_landuse_stats_get_scope_description (stats));
  for (guint line = 0; line <= n_lines; line++)
    {
      for (guint c = 0; c < 5; c++)
        {
          if (c > 0)
            g_print ("  ");
          print_padded (g_ptr_array_index (cells, 5 * line + c), widths[c], right[c]);
        }
      g_print ("\n");
    }
  g_print ("\n%s\n", pv_landuse_stats_get_note (stats));
}

/* Loads every feature of a database layer (a view of its whole extent). */
int
pv_cli_stats (int    argc,
              char **argv)
{
  g_autofree char *field = NULL;
  g_autofree char *layer_name = NULL;
  g_autofree char *scope_text = NULL;
  g_autofree char *assume_text = NULL;
  g_autofree char *display = NULL;
  gboolean csv = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) assumed = NULL;
  g_autoptr(PvLanduseScope) scope = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(PvLanduseStats) stats = NULL;
  g_auto(GStrv) positional = NULL;
  PvVectorLayer *layer;
  int status = PV_CLI_EXIT_DATA;
  const GOptionEntry entries[] = {
    { "field", 0, 0, G_OPTION_ARG_STRING, &field, N_("The field holding the land-use code of each polygon (required)"), N_("FIELD") },
    { "layer", 0, 0, G_OPTION_ARG_STRING, &layer_name, N_("The layer to count, by its name in the file or the project"), N_("NAME") },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope_text, N_("What to count: all (the default), extent:XMIN,YMIN,XMAX,YMAX or wkt:WKT, in the layer’s CRS"), N_("SCOPE") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV (UTF-8, ‘.’ decimals) instead of a table"), NULL },
    { "assume-crs", 0, 0, G_OPTION_ARG_STRING, &assume_text, N_("CRS of a layer that has none (EPSG:n, WKT or PROJ string); a layer with a CRS keeps it"), N_("CRS") },
    { NULL }
  };

  context = g_option_context_new (_("INPUT"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  pv_cli_add_trust_options (context);
  g_option_context_set_summary (context,
                                _("Prints the land-use structure table (bảng cơ cấu sử dụng đất) of a\n"
                                  "polygon layer of INPUT, a data file or a .pvproj project: per code of\n"
                                  "--field its name, area in hectares, share in per cent and number of\n"
                                  "features, and a total row."));
  g_option_context_set_description (context,
                                    _("Areas are geodesic, on the ellipsoid of the layer’s CRS; a layer\n"
                                      "without CRS is measured in the plane (its units taken for metres)\n"
                                      "unless --assume-crs gives it one, and the output says which.\n"
                                      "extent: and wkt: scopes clip the polygons; wkt: takes a POLYGON or\n"
                                      "MULTIPOLYGON. Codes of the Vietnamese land-use list come first, in\n"
                                      "the order of the land-use table, then other values.\n\n"
                                      "Exit status: 0 success, 1 usage error, 2 when the input, the field or\n"
                                      "the data could not be used."));

  if (!(positional = pv_cli_parse_command (context, "stats", argc, argv, FALSE)))
    return PV_CLI_EXIT_USAGE;
  if (positional[0] == NULL)
    {
      pv_cli_print_error (_("stats: no input file given"));
      return PV_CLI_EXIT_USAGE;
    }
  if (positional[1] != NULL)
    {
      pv_cli_print_error (_("stats: one input only (“%s” is extra)"), positional[1]);
      return PV_CLI_EXIT_USAGE;
    }
  if (field == NULL || *field == '\0')
    {
      pv_cli_print_error (_("stats: --field FIELD is required"));
      return PV_CLI_EXIT_USAGE;
    }
  if (!(scope = pv_landuse_scope_parse (scope_text ? scope_text : "all", &error)))
    {
      pv_cli_print_error ("stats: %s", error->message);
      return PV_CLI_EXIT_USAGE;
    }
  if (assume_text != NULL && !(assumed = pv_cli_parse_assume_crs ("stats", assume_text)))
    return PV_CLI_EXIT_DATA;
  if (!pv_cli_check_input (positional[0]))
    return PV_CLI_EXIT_DATA;

  display = g_filename_display_name (positional[0]);
  if (!(layers = load_layers (positional[0], pv_cli_is_project (positional[0]) ? NULL : layer_name, assumed, &error)))
    {
      pv_cli_print_error ("%s", error->message);
      return PV_CLI_EXIT_DATA;
    }
  if (!(layer = choose_layer (positional[0], layers, layer_name, &status)))
    return status;
  if (!(stats = pv_landuse_stats_compute (layer, field, scope, NULL, NULL, NULL, &error)))
    {
      pv_cli_print_error ("%s", error->message);
      return PV_CLI_EXIT_DATA;
    }

  if (csv)
    {
      g_autofree char *text = pv_landuse_stats_to_csv (stats);

      fwrite (text, 1, strlen (text), stdout);
    }
  else
    print_table (stats, display);
  return PV_CLI_EXIT_OK;
}
