/* pv-cli-encoding.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pv-cli.h"
#include "pv-core.h"

gboolean
pv_cli_parse_encoding (const char *command,
                       const char *text,
                       int        *encoding)
{
  PvEncoding parsed;

  if (text == NULL)
    {
      *encoding = -1;
      return TRUE;
    }
  if (!pv_encoding_from_name (text, &parsed))
    {
      /* translators: the command, then the value given to --encoding */
      pv_cli_print_error (_("%s: --encoding: unknown encoding “%s” (UTF-8, CP1258, TCVN3, VNI, VISCII, "
                            "ISO-8859-1)"), command, text);
      return FALSE;
    }
  *encoding = (int) parsed;
  return TRUE;
}

gboolean
pv_cli_apply_encoding (int         encoding,
                       const char *file,
                       GPtrArray  *layers)
{
  gboolean ok = TRUE;

  if (encoding < 0)
    return TRUE;
  for (guint i = 0; i < layers->len; i++)
    {
      PvLayer *layer = g_ptr_array_index (layers, i);
      g_autoptr(GError) error = NULL;

      if (!PV_IS_VECTOR_LAYER (layer))
        continue;
      if (!pv_vector_layer_can_set_encoding (PV_VECTOR_LAYER (layer)))
        {
          g_autofree char *display = g_filename_display_name (file);
          g_autofree char *description = pv_vector_layer_dup_encoding_description (PV_VECTOR_LAYER (layer));

          /* translators: file, layer, then how its text is decoded */
          pv_cli_print_error (_("%s: layer “%s” keeps its encoding (%s): --encoding not applied"),
                              display, pv_layer_get_name (layer), description);
          continue;
        }
      if (!pv_vector_layer_set_encoding (PV_VECTOR_LAYER (layer), (PvEncoding) encoding, FALSE, NULL, &error))
        {
          pv_cli_print_error ("%s", error->message);
          ok = FALSE;
        }
    }
  return ok;
}
