/* pv-furniture.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pv-furniture-private.h"
#include "pv-number.h"
#include "pv-print-legend.h"


PangoLayout *
_pv_furniture_create_layout (cairo_t    *cr,
                             const char *text,
                             double      size_mm,
                             double      units_per_mm,
                             gboolean    bold)
{
  PangoLayout *layout = pv_print_create_layout (cr, MAX (1.0 / PANGO_SCALE, size_mm * units_per_mm), bold);

  pango_layout_set_text (layout, text, -1);
  return layout;
}

void
_pv_furniture_get_layout_size (PangoLayout *layout,
                               double      *width,
                               double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = pango_units_to_double (logical.width);
  if (height != NULL)
    *height = pango_units_to_double (logical.height);
}

char *
_pv_furniture_format_number (double value,
                             int    decimals)
{
  /* Plain spaces and a point: pdftotext and a search find "598 000". */
  char *text = pv_number_format_grouped (value, CLAMP (decimals, 0, 9), " ", FALSE);
  gsize len = strlen (text);

  /* Without trailing zeros of the fraction, nor a point left alone. */
  if (strchr (text, '.') != NULL)
    {
      while (len > 0 && text[len - 1] == '0')
        text[--len] = '\0';
      if (len > 0 && text[len - 1] == '.')
        text[--len] = '\0';
    }
  return text;
}
