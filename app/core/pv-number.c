/* pv-number.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pv-number.h"

char *
pv_number_format_grouped (double      value,
                          int         decimals,
                          const char *separator,
                          gboolean    locale_mark)
{
  g_autofree char *digits = NULL;
  const char *p, *int_end;
  GString *out;
  gsize n_int;

  g_return_val_if_fail (separator != NULL, NULL);

  if (!isfinite (value))
    return g_strdup ("—");
  decimals = CLAMP (decimals, 0, 12);
  if (locale_mark)
    digits = g_strdup_printf ("%.*f", decimals, value);
  else
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE + 320];
      char format[8];

      g_snprintf (format, sizeof format, "%%.%df", decimals);
      digits = g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
    }

  p = digits;
  out = g_string_new (NULL);
  if (*p == '-')
    {
      /* No "-0" for values that round to zero. */
      if (strspn (p + 1, "0.,") != strlen (p + 1))
        g_string_append (out, "−");
      p++;
    }
  for (int_end = p; g_ascii_isdigit (*int_end); int_end++)
    ;
  n_int = int_end - p;
  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, p[i]);
    }
  g_string_append (out, int_end);
  return g_string_free (out, FALSE);
}
