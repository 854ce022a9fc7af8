/* pv-cli-crs.c
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
#include "pv-crs-suggest.h"

/* --assume-crs: the CRS of layers that carry none. Nothing is guessed: a
 * layer with its own CRS keeps it, and info only suggests. */

PvCrs *
pv_cli_parse_assume_crs (const char *command,
                         const char *text)
{
  g_autoptr(GError) error = NULL;
  PvCrs *crs;

  g_return_val_if_fail (command != NULL, NULL);

  if (text == NULL)
    return NULL;
  if (!(crs = pv_crs_new_from_user_input (text, &error)))
    /* translators: the first %s is the command (info, render…), the second why */
    pv_cli_print_error (_("%s: --assume-crs: %s"), command, error->message);
  return crs;
}

gboolean
pv_cli_assume_crs (PvCrs      *assumed,
                   const char *file,
                   GPtrArray  *layers)
{
  gboolean any = FALSE;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (layers != NULL, FALSE);

  if (assumed == NULL)
    return FALSE;

  for (guint i = 0; i < layers->len; i++)
    {
      PvLayer *layer = g_ptr_array_index (layers, i);
      PvCrs *own = pv_layer_get_crs (layer);
      g_autofree char *display = g_filename_display_name (file);
      g_autofree char *assumed_label = pv_crs_dup_label (assumed);

      /* A picture without georeferencing is in pixels: no CRS fits it. */
      if (PV_IS_RASTER_LAYER (layer) && !pv_raster_layer_is_georeferenced (PV_RASTER_LAYER (layer)))
        continue;
      if (own != NULL)
        {
          g_autofree char *own_label = pv_crs_dup_label (own);

          if (!pv_crs_equals (own, assumed))
            /* translators: file, layer, its own CRS, then the --assume-crs value */
            pv_cli_print_error (_("%s: layer “%s” has its own CRS %s: kept, --assume-crs %s not applied"),
                                display, pv_layer_get_name (layer), own_label, assumed_label);
          continue;
        }
      pv_layer_set_crs (layer, assumed);
      any = TRUE;
    }
  return any;
}

GPtrArray *
pv_cli_suggest_crs (PvLayer *layer)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *suggested;
  double e[4];

  g_return_val_if_fail (PV_IS_LAYER (layer), NULL);

  if (pv_layer_get_crs (layer) != NULL ||
      (PV_IS_RASTER_LAYER (layer) && !pv_raster_layer_is_georeferenced (PV_RASTER_LAYER (layer))) ||
      !pv_layer_get_extent (layer, &e[0], &e[1], &e[2], &e[3]))
    return g_ptr_array_new_with_free_func (g_object_unref);
  if (!(suggested = pv_crs_suggest_for_extent (e[0], e[1], e[2], e[3], &error)))
    {
      g_debug ("No CRS suggestion for %s: %s", pv_layer_get_name (layer), error->message);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }
  return suggested;
}

char *
pv_cli_format_suggestions (GPtrArray *suggested)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (suggested != NULL, NULL);

  if (suggested->len == 0)
    return NULL;
  for (guint i = 0; i < suggested->len; i++)
    {
      PvCrs *crs = g_ptr_array_index (suggested, i);
      g_autofree char *label = pv_crs_dup_label (crs);

      if (i > 0)
        g_string_append (text, ", ");
      /* translators: a suggested CRS: its code and its name, "EPSG:9210 (VN-2000 / TM-3 105-45)" */
      g_string_append_printf (text, _("%s (%s)"), label, pv_crs_get_name (crs));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
