/* pv-cli-cache-tiles.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "pv-cli.h"
#include "pv-core.h"
#include "pv-tile-cache.h"

/* The screen a view is shown on when --zoom is not given: its width decides
 * the zoom level of a bookmark's tiles. */
#define DEFAULT_WIDTH 1920

/* "A-B" or "A" into *min, *max. */
static gboolean
parse_zoom (const char *text,
            int        *min,
            int        *max)
{
  g_auto(GStrv) parts = g_strsplit (text, "-", 3);
  guint64 a, b;

  if (g_strv_length (parts) < 1 || g_strv_length (parts) > 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, PV_TILE_CACHE_MAX_ZOOM, &a, NULL))
    return FALSE;
  b = a;
  if (parts[1] != NULL &&
      !g_ascii_string_to_unsigned (parts[1], 10, 0, PV_TILE_CACHE_MAX_ZOOM, &b, NULL))
    return FALSE;
  if (a > b)
    return FALSE;
  *min = (int) a;
  *max = (int) b;
  return TRUE;
}

static void
progress_cb (double      fraction,
             const char *what,
             gpointer    user_data)
{
  gboolean *tty = user_data;

  if (*tty)
    g_printerr ("\r%3d %%", (int) (100 * fraction + 0.5));
}

/* Adds an extent in crs, at zoom (min…max) or, when min < 0, from two levels
 * above the one a screen width_px wide shows it at (what a fly-to between
 * bookmarks passes through) to the next one below (zooming in). */
static gboolean
add_extent (PvTileCache  *cache,
            PvCrs        *crs,
            const double *e,
            int           min,
            int           max,
            int           width_px,
            GError      **error)
{
  if (min < 0)
    {
      int z = pv_tile_cache_zoom_for_extent (crs, e[0], e[1], e[2], e[3], width_px, error);

      if (z < 0)
        return FALSE;
      min = MAX (z - 2, 0);
      max = MIN (z + 1, PV_TILE_CACHE_MAX_ZOOM);
    }
  return pv_tile_cache_add_extent (cache, crs, e[0], e[1], e[2], e[3], min, max, error);
}

int
pv_cli_cache_tiles (int    argc,
                    char **argv)
{
  g_autofree char *project = NULL;
  g_auto(GStrv) bookmarks = NULL;
  g_autofree char *extent_text = NULL;
  g_autofree char *crs_text = NULL;
  g_autofree char *zoom_text = NULL;
  gboolean all_bookmarks = FALSE;
  gboolean dry_run = FALSE;
  int width_px = DEFAULT_WIDTH;
  gint64 max_tiles = PV_TILE_CACHE_DEFAULT_LIMIT;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvCrs) crs = NULL;
  g_autoptr(PvTileCache) cache = NULL;
  g_auto(GStrv) positional = NULL;
  g_autofree char *display = NULL;
  int zmin = -1, zmax = -1;
  guint64 n_tiles;
  gboolean tty = isatty (fileno (stderr));
  GStatBuf st;
  gint64 start;
  const GOptionEntry entries[] = {
    { "project", 0, 0, G_OPTION_ARG_FILENAME, &project, N_("The project whose bookmarks to cache"), N_("FILE") },
    { "bookmark", 0, 0, G_OPTION_ARG_STRING_ARRAY, &bookmarks, N_("Cache the view of this bookmark of the project (repeatable)"), N_("NAME") },
    { "all-bookmarks", 0, 0, G_OPTION_ARG_NONE, &all_bookmarks, N_("Cache the views of every bookmark of the project"), NULL },
    { "extent", 0, 0, G_OPTION_ARG_STRING, &extent_text, N_("Cache this area, XMIN,YMIN,XMAX,YMAX in --crs"), N_("EXTENT") },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs_text, N_("CRS of --extent (default: the project’s, else EPSG:3857)"), N_("CRS") },
    { "zoom", 0, 0, G_OPTION_ARG_STRING, &zoom_text, N_("Zoom levels to cache, A-B or A (default: per area, from two levels above the one it is shown at to the next one below)"), N_("A-B") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width_px, N_("Width in pixels of the screen the views are shown on (default 1920)"), N_("PIXELS") },
    { "max-tiles", 0, 0, G_OPTION_ARG_INT64, &max_tiles, N_("Refuse to fetch more tiles than this (default 20000)"), N_("N") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Print how many tiles it would fetch, and stop"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("SOURCE OUTPUT.mbtiles"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  pv_cli_add_trust_options (context);
  g_option_context_set_summary (context,
                                _("Caches the tiles of SOURCE (a web map: an XYZ tile address\n"
                                  "“https://…/{z}/{x}/{y}.png”, “WMS:…” or “WMTS:…”; or a raster file)\n"
                                  "for some areas into an MBTiles file, for a presentation without\n"
                                  "internet: the file opens as a base map with online sources off."));
  g_option_context_set_description (context,
                                    _("The areas: --bookmark NAME or --all-bookmarks of --project, and/or\n"
                                      "--extent. The tile count is printed first; more than --max-tiles is\n"
                                      "refused. A web SOURCE needs --allow-network.\n\n"
                                      "Exit status: 0 success, 1 usage error, 2 when the source, the project\n"
                                      "or the output could not be used."));

  if (!(positional = pv_cli_parse_command (context, "cache-tiles", argc, argv, FALSE)))
    return PV_CLI_EXIT_USAGE;
  if (positional[0] == NULL || positional[1] == NULL)
    {
      pv_cli_print_error (_("cache-tiles: give a SOURCE and an OUTPUT.mbtiles file"));
      return PV_CLI_EXIT_USAGE;
    }
  if (positional[2] != NULL)
    {
      pv_cli_print_error (_("cache-tiles: one source and one output only (“%s” is extra)"), positional[2]);
      return PV_CLI_EXIT_USAGE;
    }
  if ((bookmarks != NULL || all_bookmarks) && project == NULL)
    {
      pv_cli_print_error (_("cache-tiles: --bookmark and --all-bookmarks need --project"));
      return PV_CLI_EXIT_USAGE;
    }
  if (bookmarks == NULL && !all_bookmarks && extent_text == NULL)
    {
      pv_cli_print_error (_("cache-tiles: say which areas: --bookmark NAME, --all-bookmarks or --extent"));
      return PV_CLI_EXIT_USAGE;
    }
  if (zoom_text != NULL && !parse_zoom (zoom_text, &zmin, &zmax))
    {
      pv_cli_print_error (_("cache-tiles: --zoom takes A-B or A, levels 0–%d (not “%s”)"),
                          PV_TILE_CACHE_MAX_ZOOM, zoom_text);
      return PV_CLI_EXIT_USAGE;
    }
  if (width_px < 16 || width_px > 100000)
    {
      pv_cli_print_error (_("cache-tiles: --width must be 16–100000 pixels"));
      return PV_CLI_EXIT_USAGE;
    }
  if (max_tiles <= 0)
    {
      pv_cli_print_error (_("cache-tiles: --max-tiles must be positive"));
      return PV_CLI_EXIT_USAGE;
    }

  cache = pv_tile_cache_new (positional[0]);
  if (project != NULL)
    {
      g_autoptr(GPtrArray) layer_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

      if (!pv_cli_check_input (project))
        return PV_CLI_EXIT_DATA;
      if (!pv_cli_check_project_sources (project))
        {
          g_autofree char *name = g_filename_display_name (project);

          pv_cli_print_error (_("%s: the project was not opened"), name);
          return PV_CLI_EXIT_DATA;
        }
      if (!(map = pv_project_load (project, layer_errors, NULL, NULL, NULL, &error)))
        {
          pv_cli_print_error ("%s", error->message);
          return PV_CLI_EXIT_DATA;
        }
    }

  if (crs_text != NULL)
    {
      if (!(crs = pv_crs_new_from_user_input (crs_text, &error)))
        {
          pv_cli_print_error ("cache-tiles: %s", error->message);
          return PV_CLI_EXIT_USAGE;
        }
    }
  else if (map != NULL && pv_map_get_crs (map) != NULL)
    crs = g_object_ref (pv_map_get_crs (map));

  if (extent_text != NULL)
    {
      double e[4];

      if (!pv_cli_parse_extent (extent_text, e))
        return PV_CLI_EXIT_USAGE;
      if (!add_extent (cache, crs, e, zmin, zmax, width_px, &error))
        {
          pv_cli_print_error ("cache-tiles: %s", error->message);
          return PV_CLI_EXIT_USAGE;
        }
    }

  if (map != NULL && (bookmarks != NULL || all_bookmarks))
    {
      PvBookmarkList *list = pv_map_get_bookmarks (map);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

      for (guint i = 0; bookmarks != NULL && bookmarks[i] != NULL; i++)
        {
          gboolean found = FALSE;

          for (guint k = 0; k < n && !found; k++)
            found = g_strcmp0 (pv_bookmark_get_name (pv_bookmark_list_get_bookmark (list, k)),
                               bookmarks[i]) == 0;
          if (!found)
            {
              g_autofree char *name = g_filename_display_name (project);

              pv_cli_print_error (_("cache-tiles: %s has no bookmark “%s”"), name, bookmarks[i]);
              return PV_CLI_EXIT_DATA;
            }
        }
      if (all_bookmarks && n == 0)
        {
          g_autofree char *name = g_filename_display_name (project);

          pv_cli_print_error (_("cache-tiles: %s has no bookmarks"), name);
          return PV_CLI_EXIT_DATA;
        }
      for (guint k = 0; k < n; k++)
        {
          PvBookmark *bookmark = pv_bookmark_list_get_bookmark (list, k);
          double e[4];

          if (!all_bookmarks && !g_strv_contains ((const char * const *) bookmarks,
                                                  pv_bookmark_get_name (bookmark)))
            continue;
          pv_bookmark_get_extent (bookmark, e);
          if (!add_extent (cache, pv_bookmark_get_crs (bookmark), e, zmin, zmax, width_px, &error))
            {
              pv_cli_print_error (_("cache-tiles: bookmark “%s”: %s"),
                                  pv_bookmark_get_name (bookmark), error->message);
              return PV_CLI_EXIT_DATA;
            }
        }
    }

  n_tiles = pv_tile_cache_count_tiles (cache);
  display = g_filename_display_name (positional[1]);
  {
    g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n_tiles);

    /* translators: the number of tiles, then the number of areas */
    g_print (g_dngettext (GETTEXT_PACKAGE, "%s tiles for %u area\n", "%s tiles for %u areas\n",
                          pv_tile_cache_get_n_extents (cache)),
             count, pv_tile_cache_get_n_extents (cache));
  }
  if (dry_run)
    return PV_CLI_EXIT_OK;

  start = g_get_monotonic_time ();
  if (!pv_tile_cache_write (cache, positional[1], (guint64) max_tiles, progress_cb, &tty, NULL, &error))
    {
      if (tty)
        g_printerr ("\n");
      pv_cli_print_error ("%s", error->message);
      return PV_CLI_EXIT_DATA;
    }
  if (tty)
    g_printerr ("\n");
  if (g_stat (positional[1], &st) == 0)
    {
      g_autofree char *size = g_format_size ((guint64) st.st_size);
      g_autofree char *seconds = pv_cli_format_double ("%.1f", (g_get_monotonic_time () - start) / 1e6);

      /* translators: the file, its size, the seconds it took */
      g_print (_("Wrote %s (%s) in %s s\n"), display, size, seconds);
    }
  return PV_CLI_EXIT_OK;
}
