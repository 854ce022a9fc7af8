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

#define FONT_FAMILIES "Noto Sans,DejaVu Sans,sans-serif"

PangoLayout *
_pv_furniture_create_layout (cairo_t    *cr,
                             const char *text,
                             double      size_mm,
                             double      units_per_mm,
                             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILIES);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  /* Absolute sizes are in cr's user units. */
  pango_font_description_set_absolute_size (font, MAX (1.0, size_mm * units_per_mm * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_context_changed (layout);
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
  char digits[G_ASCII_DTOSTR_BUF_SIZE + 32];
  char format[8];
  GString *out = g_string_new (NULL);
  const char *point, *p;
  gsize int_len;

  decimals = CLAMP (decimals, 0, 9);
  /* No "-0". */
  if (fabs (value) < 0.5 * pow (10, -decimals))
    value = 0;
  /* In any locale, a point as decimal mark. */
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (digits, sizeof digits, format, fabs (value));
  if (decimals > 0)
    {
      /* Drop trailing zeros of the fraction, and the point with them. */
      gsize len = strlen (digits);

      while (len > 0 && digits[len - 1] == '0')
        digits[--len] = '\0';
      if (len > 0 && digits[len - 1] == '.')
        digits[--len] = '\0';
    }

  if (value < 0)
    g_string_append (out, "−");
  point = strchr (digits, '.');
  int_len = point != NULL ? (gsize) (point - digits) : strlen (digits);
  for (p = digits; (gsize) (p - digits) < int_len; p++)
    {
      gsize left = int_len - (gsize) (p - digits);

      if (p != digits && left % 3 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, *p);
    }
  if (point != NULL)
    g_string_append (out, point);
  return g_string_free (out, FALSE);
}
