/* pv-cli-util.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdarg.h>
#include <sys/stat.h>

#include "pv-cli.h"
#include "pv-core.h"

/* --allow-outside and --allow-network (pv_cli_add_trust_options()). */
static gboolean allow_outside;
static gboolean allow_network;

void
pv_cli_print_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Scripts rely on one line per error: GDAL messages may hold line breaks. */
  g_strdelimit (message, "\r\n", ' ');
  g_strstrip (message);
  g_printerr ("planviewer-cli: %s\n", message);
}

gboolean
pv_cli_check_input (const char *path)
{
  GStatBuf info;

  if (g_stat (path, &info) != 0 || S_ISREG (info.st_mode) || S_ISDIR (info.st_mode))
    return TRUE;

  {
    g_autofree char *display = g_filename_display_name (path);

    pv_cli_print_error (_("%s: not a regular file or folder"), display);
  }
  return FALSE;
}

gboolean
pv_cli_parse_double (const char *text,
                     double     *value)
{
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

char *
pv_cli_format_double (const char *format,
                      double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static gboolean
is_negative_number (const char *arg)
{
  double value;

  return arg[0] == '-' && pv_cli_parse_double (arg, &value);
}

GStrv
pv_cli_parse_command (GOptionContext  *context,
                      const char      *command,
                      int              argc,
                      char           **argv,
                      gboolean         allow_negative_numbers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) positional = g_strv_builder_new ();
  g_auto(GStrv) args = g_new0 (char *, argc + 1);
  gboolean options_ended = FALSE;

  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  /* GOptionContext takes "-0.5" for a group of short options: let unknown
   * options through and sort numbers from real unknown options below. */
  g_option_context_set_ignore_unknown_options (context, allow_negative_numbers);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      pv_cli_print_error ("%s: %s", command, error->message);
      return NULL;
    }
  /* GDAL's network access stays off unless the user asks for it. */
  if (allow_network)
    pv_trust_set_network_enabled (TRUE);

  for (guint i = 1; args[i] != NULL; i++)
    {
      const char *arg = args[i];

      if (!options_ended && g_str_equal (arg, "--"))
        {
          options_ended = TRUE;
          continue;
        }
      if (allow_negative_numbers && !options_ended &&
          arg[0] == '-' && arg[1] != '\0' && !is_negative_number (arg))
        {
          /* An unknown option that was let through for the numbers' sake. */
          pv_cli_print_error (_("%s: unknown option %s"), command, arg);
          return NULL;
        }
      g_strv_builder_add (positional, arg);
    }

  return g_strv_builder_end (positional);
}

gboolean
pv_cli_parse_extent (const char *text,
                     double     *extent)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      g_strstrip (parts[i]);
      if (!pv_cli_parse_double (parts[i], &extent[i]))
        return FALSE;
    }
  return extent[0] < extent[2] && extent[1] < extent[3];
}

gboolean
pv_cli_is_project (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".pvproj");
}

void
pv_cli_add_trust_options (GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "allow-outside", 0, 0, G_OPTION_ARG_NONE, &allow_outside,
      N_("Open the files a project names outside its own folder"), NULL },
    { "allow-network", 0, 0, G_OPTION_ARG_NONE, &allow_network,
      N_("Let GDAL use the network, and open a project’s network sources (URLs, web services, databases)"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

gboolean
pv_cli_check_project_sources (const char *path)
{
  g_autoptr(GPtrArray) sources = NULL;
  gboolean allowed = TRUE;

  /* A project that cannot be read is reported by its loader. */
  if (!(sources = pv_project_list_outside_sources (path, NULL)))
    return TRUE;
  for (guint i = 0; i < sources->len; i++)
    {
      PvProjectSource *source = g_ptr_array_index (sources, i);
      g_autofree char *project = g_filename_display_name (path);
      g_autofree char *resolved = g_filename_display_name (source->resolved);
      g_autofree char *target = source->target ? g_filename_display_name (source->target) : NULL;

      if (source->kind == PV_SOURCE_OUTSIDE && !allow_outside)
        {
          if (target != NULL)
            /* Translators: project: file reads other file, outside … */
            pv_cli_print_error (_("%s: %s reads %s, outside the project’s folder: not opened without --allow-outside"),
                                project, resolved, target);
          else
            pv_cli_print_error (_("%s: %s is outside the project’s folder: not opened without --allow-outside"),
                                project, resolved);
          allowed = FALSE;
        }
      else if (source->kind == PV_SOURCE_NETWORK && !allow_network)
        {
          if (target != NULL)
            pv_cli_print_error (_("%s: %s reads %s, on the network: not opened without --allow-network"),
                                project, resolved, target);
          else
            pv_cli_print_error (_("%s: %s is on the network: not opened without --allow-network"),
                                project, resolved);
          allowed = FALSE;
        }
    }
  return allowed;
}

/* Loads the inputs as "render" does: the first project keeps its CRS, layer
 * order, annotations and stored view (*view, *has_view); the layers of other
 * projects and data files are added above. Missing layers of a project are
 * reported, not fatal; a data file that cannot be read is. */
PvMap *
pv_cli_load_inputs (const char  *command,
                    char       **inputs,
                    double      *view,
                    gboolean    *has_view)
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
      if (pv_cli_is_project (inputs[i]) && !pv_cli_check_project_sources (inputs[i]))
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
      pv_cli_print_error (_("%s: no layer could be loaded"), command);
      return NULL;
    }
  return g_steal_pointer (&map);
}
