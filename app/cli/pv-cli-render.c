/* pv-cli-render.c
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
#include "pv-qml.h"

#define DEFAULT_WIDTH  1920
#define DEFAULT_HEIGHT 1080
/* 16384² ARGB pixels are 1 GiB: anything larger is a typo, not a map. */
#define MAX_SIDE       16384

static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  g_auto(GStrv) parts = NULL;
  guint64 w, h;

  parts = g_strsplit_set (text, "xX", -1);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, MAX_SIDE, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, MAX_SIDE, &h, NULL))
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

static char *
world_file_path (const char *png_path)
{
  gsize len = strlen (png_path);
  g_autofree char *stem = NULL;

  /* map.png → map.pgw, as GDAL and GIS programs look for it. */
  if (len > 4 && g_ascii_strcasecmp (png_path + len - 4, ".png") == 0)
    stem = g_strndup (png_path, len - 4);
  else
    stem = g_strdup (png_path);
  return g_strconcat (stem, ".pgw", NULL);
}

static void
print_errors (GPtrArray *errors)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  /* Stripes rendered in parallel may each meet the same broken layer. */
  for (guint i = 0; i < errors->len; i++)
    {
      const char *message = ((GError *) g_ptr_array_index (errors, i))->message;

      if (g_hash_table_add (seen, (gpointer) message))
        pv_cli_print_error ("%s", message);
    }
}

static void
print_timing (const char *what,
              double      seconds)
{
  g_autofree char *value = pv_cli_format_double ("%.3f", seconds);

  /* Not translated: tests/bench parses these lines. */
  g_printerr ("timing: %s %s s\n", what, value);
}

/* Writes the six lines of an ESRI world file: pixel size in x, two rotation
 * terms, minus the pixel size in y, and the map coordinates of the centre of
 * the top-left pixel. */
static gboolean
write_world_file (PvViewport  *viewport,
                  const char  *path,
                  GError     **error)
{
  double resolution = pv_viewport_get_resolution (viewport);
  double x, y;
  g_autoptr(GString) text = g_string_new (NULL);
  double lines[6];

  pv_viewport_screen_to_map (viewport, 0.5, 0.5, &x, &y);
  lines[0] = resolution;
  lines[1] = 0.0;
  lines[2] = 0.0;
  lines[3] = -resolution;
  lines[4] = x;
  lines[5] = y;
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *number = pv_cli_format_double ("%.10f", lines[i]);

      g_string_append_printf (text, "%s\n", number);
    }

  return g_file_set_contents (path, text->str, text->len, error);
}

/* Parses the value of --style: LAYER=FILE, split at the first '='. */
static gboolean
parse_style_option (const char  *text,
                    char       **layer,
                    char       **file)
{
  const char *equals = strchr (text, '=');

  if (equals == NULL || equals == text || equals[1] == '\0')
    return FALSE;
  *layer = g_strndup (text, equals - text);
  *file = g_strdup (equals + 1);
  return TRUE;
}

/* The layer a --style names: a 1-based position in drawing order (bottom
 * first) or a layer name. */
static PvLayer *
find_layer (PvMap      *map,
            const char *name)
{
  guint64 index;

  if (g_ascii_string_to_unsigned (name, 10, 1, pv_map_get_n_layers (map), &index, NULL))
    return pv_map_get_layer (map, index - 1);
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    if (g_strcmp0 (pv_layer_get_name (pv_map_get_layer (map, i)), name) == 0)
      return pv_map_get_layer (map, i);
  return NULL;
}

/* A style from a QGIS .qml file or a PlanViewer style in JSON (as a project
 * stores it). Notices about approximations go to stderr. */
static PvStyle *
load_style (const char  *path,
            GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".qml"))
    {
      g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_free);
      PvStyle *style = pv_style_new_from_qml_file_full (path, notices, error);

      for (guint i = 0; i < notices->len; i++)
        pv_cli_print_error ("%s", (char *) g_ptr_array_index (notices, i));
      return style;
    }
  else
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) local_error = NULL;
      PvStyle *style;

      if (!json_parser_load_from_file (parser, path, &local_error))
        {
          /* json-glib's message quotes the bad token cut inside a character. */
          g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                       _("%s: not a style file (.qml, or a style in JSON): %s"), display, reason);
          return NULL;
        }
      if (!(style = pv_style_new_from_json (json_parser_get_root (parser), &local_error)))
        {
          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT, "%s: %s", display, local_error->message);
          return NULL;
        }
      return style;
    }
}

/* Applies the --style options to the loaded layers; FALSE (after printing
 * why) when a layer or style cannot be used. */
static gboolean
apply_styles (PvMap       *map,
              char       **styles)
{
  for (guint i = 0; styles != NULL && styles[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *file = NULL;
      g_autoptr(PvStyle) style = NULL;
      g_autoptr(GError) error = NULL;
      PvLayer *layer;

      parse_style_option (styles[i], &name, &file);
      if ((layer = find_layer (map, name)) == NULL)
        {
          pv_cli_print_error (_("render: --style: there is no layer “%s” (give its name or its number, from 1 to %u)"),
                              name, pv_map_get_n_layers (map));
          return FALSE;
        }
      if (!PV_IS_VECTOR_LAYER (layer))
        {
          pv_cli_print_error (_("render: --style: layer “%s” is not a vector layer"), pv_layer_get_name (layer));
          return FALSE;
        }
      if (!(style = load_style (file, &error)) ||
          !pv_vector_layer_set_style (PV_VECTOR_LAYER (layer), style, NULL, &error))
        {
          pv_cli_print_error ("%s", error->message);
          return FALSE;
        }
    }
  return TRUE;
}

int
pv_cli_render (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *extent_text = NULL;
  g_autofree char *crs_text = NULL;
  g_autofree char *assume_text = NULL;
  g_autofree char *encoding_text = NULL;
  int encoding = -1;
  g_autofree char *world_path = NULL;
  g_auto(GStrv) styles = NULL;
  gboolean timings_wanted = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) inputs = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvCrs) crs = NULL;
  g_autoptr(PvCrs) assumed = NULL;
  g_autoptr(PvCrs) view_crs = NULL;
  g_autoptr(PvViewport) viewport = NULL;
  g_autoptr(GPtrArray) layer_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  cairo_surface_t *surface;
  cairo_status_t status;
  PvRenderTimings timings = { 0 };
  int width = DEFAULT_WIDTH;
  int height = DEFAULT_HEIGHT;
  double extent[4];
  double view[4];
  gboolean has_view = FALSE;
  gboolean failed = FALSE;
  gint64 load_start;
  double load_seconds;
  const GOptionEntry entries[] = {
    { "output",  'o', 0, G_OPTION_ARG_FILENAME, &output,         N_("The PNG file to write (required)"), N_("OUT.png") },
    { "size",    0,   0, G_OPTION_ARG_STRING,   &size_text,      N_("Image size in pixels (default 1920x1080)"), N_("WxH") },
    { "extent",  0,   0, G_OPTION_ARG_STRING,   &extent_text,    N_("Area to show, in the map CRS"), N_("XMIN,YMIN,XMAX,YMAX") },
    { "crs",     0,   0, G_OPTION_ARG_STRING,   &crs_text,       N_("Map CRS (EPSG:n, WKT or PROJ string)"), N_("CRS") },
    { "assume-crs", 0, 0, G_OPTION_ARG_STRING,  &assume_text,    N_("CRS of the layers that have none (EPSG:n, WKT or PROJ string); a layer with a CRS keeps it"), N_("CRS") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING,    &encoding_text,  N_("Read the text of the files as ENCODING (UTF-8, CP1258, TCVN3, VNI, VISCII, ISO-8859-1) instead of the declared or detected one"), N_("ENCODING") },
    { "style",   0,   0, G_OPTION_ARG_STRING_ARRAY, &styles,     N_("Draw a layer (its name or number, 1 = bottom) with a QGIS .qml style or a style in JSON; repeatable"), N_("LAYER=FILE") },
    { "timings", 0,   0, G_OPTION_ARG_NONE,     &timings_wanted, N_("Print the load, index and render times to stderr"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("INPUT…"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  pv_cli_add_trust_options (context);
  g_option_context_set_summary (context,
                                _("Renders data files or a .pvproj project to a PNG image and writes a\n"
                                  "world file (.pgw) next to it. The first INPUT is drawn at the bottom."));
  g_option_context_set_description (context,
                                    _("The map CRS is --crs, else the CRS of a project given as first INPUT,\n"
                                      "else that of the first layer with a known CRS. The extent is --extent,\n"
                                      "else the view stored in a project given as first INPUT, else the union\n"
                                      "of the layers; it is fitted into the image keeping square pixels.\n\n"
                                      "A data file that cannot be read stops the render (exit status 2).\n"
                                      "Layers of a project whose files are missing or broken are reported on\n"
                                      "stderr and the rest is rendered (exit status 0); only a project from\n"
                                      "which nothing loads fails. A layer that fails while drawing is\n"
                                      "reported, the image is written without it and the exit status is 2.\n\n"
                                      "--style LAYER=FILE draws a layer, given by its name or its number\n"
                                      "(1 = the bottom one), with a QGIS .qml style (single symbol, categorized\n"
                                      "or graduated) or a PlanViewer style in JSON; a style or layer that\n"
                                      "cannot be used stops the render (exit status 2).\n\n"
                                      "--assume-crs CRS gives the layers whose files carry no CRS (e.g. a\n"
                                      "shapefile without .prj) that CRS; a layer with its own CRS keeps it\n"
                                      "and stderr says so. Without it they are drawn with their coordinates as\n"
                                      "they are.\n\n"
                                      "Exit status: 0 success, 1 usage error, 2 input or data error."));

  if (!(inputs = pv_cli_parse_command (context, "render", argc, argv, FALSE)))
    return PV_CLI_EXIT_USAGE;

  if (output == NULL || *output == '\0')
    {
      pv_cli_print_error (_("render: the output file (-o OUT.png) is required"));
      return PV_CLI_EXIT_USAGE;
    }
  if (inputs[0] == NULL)
    {
      pv_cli_print_error (_("render: no input file given"));
      return PV_CLI_EXIT_USAGE;
    }
  if (size_text != NULL && !parse_size (size_text, &width, &height))
    {
      pv_cli_print_error (_("render: invalid size “%s”: expected WxH, from 1 to %d pixels per side"),
                          size_text, MAX_SIDE);
      return PV_CLI_EXIT_USAGE;
    }
  if (extent_text != NULL && !pv_cli_parse_extent (extent_text, extent))
    {
      pv_cli_print_error (_("render: invalid extent “%s”: expected XMIN,YMIN,XMAX,YMAX with XMIN < XMAX and YMIN < YMAX"),
                          extent_text);
      return PV_CLI_EXIT_USAGE;
    }

  for (guint i = 0; styles != NULL && styles[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *file = NULL;

      if (!parse_style_option (styles[i], &name, &file))
        {
          pv_cli_print_error (_("render: invalid style “%s”: expected LAYER=FILE"), styles[i]);
          return PV_CLI_EXIT_USAGE;
        }
    }

  if (crs_text != NULL && !(crs = pv_crs_new_from_user_input (crs_text, &error)))
    {
      pv_cli_print_error ("%s", error->message);
      return PV_CLI_EXIT_DATA;
    }
  if (!pv_cli_parse_encoding ("render", encoding_text, &encoding))
    return PV_CLI_EXIT_USAGE;
  if (assume_text != NULL && !(assumed = pv_cli_parse_assume_crs ("render", assume_text)))
    return PV_CLI_EXIT_DATA;

  /* Load ----------------------------------------------------------------- */
  load_start = g_get_monotonic_time ();
  for (guint i = 0; inputs[i] != NULL; i++)
    {
      const char *input = inputs[i];

      if (!pv_cli_check_input (input))
        {
          failed = TRUE;
          continue;
        }
      if (pv_cli_is_project (input) && !pv_cli_check_project_sources (input))
        {
          failed = TRUE;
          continue;
        }
      if (pv_cli_is_project (input))
        {
          g_autoptr(PvMap) project = NULL;
          g_autoptr(GPtrArray) project_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
          double project_view[4];
          gboolean project_has_view = FALSE;

          project = pv_project_load (input, project_errors, project_view, &project_has_view, NULL, &error);
          if (project == NULL)
            {
              pv_cli_print_error ("%s", error->message);
              g_clear_error (&error);
              failed = TRUE;
              continue;
            }
          /* Missing or broken layers of a project are reported, not fatal. */
          print_errors (project_errors);
          /* Layers the project saved without CRS. */
          if (assumed != NULL)
            {
              g_autoptr(GPtrArray) project_layers = g_ptr_array_new ();

              for (guint l = 0; l < pv_map_get_n_layers (project); l++)
                g_ptr_array_add (project_layers, pv_map_get_layer (project, l));
              pv_cli_assume_crs (assumed, input, project_layers);
            }

          if (i == 0)
            {
              /* The first project keeps its CRS, order and stored view. */
              map = g_steal_pointer (&project);
              if (project_has_view)
                {
                  memcpy (view, project_view, sizeof view);
                  g_set_object (&view_crs, pv_map_get_crs (map));
                  has_view = TRUE;
                }
            }
          else
            {
              if (map == NULL)
                map = pv_map_new ();
              for (guint l = 0; l < pv_map_get_n_layers (project); l++)
                pv_map_add_layer (map, pv_map_get_layer (project, l));
            }
        }
      else
        {
          g_autoptr(GPtrArray) layers = pv_layer_open_all (input, NULL, NULL, &error);

          if (layers == NULL)
            {
              pv_cli_print_error ("%s", error->message);
              g_clear_error (&error);
              failed = TRUE;
              continue;
            }
          /* Before the map takes its CRS from the first layer that has one. */
          pv_cli_assume_crs (assumed, input, layers);
          if (!pv_cli_apply_encoding (encoding, input, layers))
            failed = TRUE;
          if (map == NULL)
            map = pv_map_new ();
          for (guint l = 0; l < layers->len; l++)
            pv_map_add_layer (map, g_ptr_array_index (layers, l));
        }
    }
  load_seconds = (g_get_monotonic_time () - load_start) / (double) G_USEC_PER_SEC;

  if (failed)
    return PV_CLI_EXIT_DATA;
  if (map == NULL || pv_map_get_n_layers (map) == 0)
    {
      pv_cli_print_error (_("render: nothing to render: no layer could be loaded"));
      return PV_CLI_EXIT_DATA;
    }

  if (!apply_styles (map, styles))
    return PV_CLI_EXIT_DATA;

  /* Frame ---------------------------------------------------------------- */
  if (crs != NULL)
    pv_map_set_crs (map, crs);

  if (extent_text == NULL && has_view)
    {
      PvCrs *map_crs = pv_map_get_crs (map);

      if (view_crs == NULL || map_crs == NULL || pv_crs_equals (view_crs, map_crs))
        memcpy (extent, view, sizeof extent);
      else
        {
          /* --crs changed the CRS the project's view was saved in. */
          g_autoptr(PvTransform) transform = pv_transform_new (view_crs, map_crs, NULL);

          has_view = transform != NULL &&
                     pv_transform_bounds (transform, view[0], view[1], view[2], view[3],
                                          &extent[0], &extent[1], &extent[2], &extent[3]);
        }
    }
  if (extent_text == NULL && !has_view &&
      !pv_map_get_extent (map, &extent[0], &extent[1], &extent[2], &extent[3]))
    {
      if (inputs[1] == NULL)
        {
          g_autofree char *display = g_filename_display_name (inputs[0]);

          pv_cli_print_error (_("%s: nothing to render: no feature or pixel has a position in the map CRS"),
                              display);
        }
      else
        pv_cli_print_error (_("render: nothing to render: no feature or pixel of the inputs has a position in the map CRS"));
      return PV_CLI_EXIT_DATA;
    }
  for (guint i = 0; i < 4; i++)
    {
      if (!isfinite (extent[i]))
        {
          pv_cli_print_error (_("render: nothing to render: the extent of the layers is not finite"));
          return PV_CLI_EXIT_DATA;
        }
    }

  viewport = pv_viewport_new ();
  pv_viewport_set_size (viewport, width, height);
  pv_viewport_fit_extent (viewport, extent[0], extent[1], extent[2], extent[3]);

  /* Render --------------------------------------------------------------- */
  surface = pv_render_map_to_image (map, viewport, 0, NULL, layer_errors, &timings, &error);
  if (timings_wanted)
    {
      print_timing ("load", load_seconds);
      print_timing ("index", timings.prepare_seconds);
      print_timing ("render", timings.render_seconds);
      print_timing ("labels", timings.labels_seconds);
    }
  if (surface == NULL)
    {
      pv_cli_print_error ("%s", error->message);
      return PV_CLI_EXIT_DATA;
    }
  /* A project's annotations, over the layers and labels. */
  if (pv_map_has_annotations (map))
    {
      cairo_t *cr = cairo_create (surface);

      pv_render_map_annotations (map, viewport, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
    }
  print_errors (layer_errors);

  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png (surface, output);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (output);

      pv_cli_print_error (_("%s: cannot write the PNG image: %s"), display, cairo_status_to_string (status));
      return PV_CLI_EXIT_DATA;
    }

  world_path = world_file_path (output);
  if (!write_world_file (viewport, world_path, &error))
    {
      pv_cli_print_error ("%s", error->message);
      return PV_CLI_EXIT_DATA;
    }

  return layer_errors->len > 0 ? PV_CLI_EXIT_DATA : PV_CLI_EXIT_OK;
}
