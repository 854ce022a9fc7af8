/* pv-format.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pv-format.h"

#define NARROW_NBSP "\u202f"
/* One degree along the WGS 84 equator: 6 378 137 m × π / 180. */
#define METRES_PER_DEGREE 111319.490793

char *
pv_format_grouped (double value,
                   int    decimals)
{
  g_autofree char *digits = NULL;
  GString *out;
  const char *p, *int_end;
  gsize n_int;

  if (!isfinite (value))
    return g_strdup ("—");

  decimals = CLAMP (decimals, 0, 12);
  /* The locale's decimal separator, as the rest of the UI. */
  digits = g_strdup_printf ("%.*f", decimals, value);

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
        g_string_append (out, NARROW_NBSP);
      g_string_append_c (out, p[i]);
    }
  g_string_append (out, int_end);

  return g_string_free (out, FALSE);
}

int
pv_format_decimals_for (double resolution,
                        int    max_decimals)
{
  if (!(resolution > 0) || !isfinite (resolution))
    return 0;
  return CLAMP ((int) ceil (-log10 (resolution) - 1e-9), 0, max_decimals);
}

char *
pv_format_position (PvCrs  *crs,
                    double  x,
                    double  y,
                    double  resolution)
{
  g_autofree char *xs = NULL;
  g_autofree char *ys = NULL;

  if (crs != NULL && pv_crs_is_geographic (crs))
    {
      int decimals = pv_format_decimals_for (resolution, 8);

      xs = pv_format_grouped (x, decimals);
      ys = pv_format_grouped (y, decimals);
      /* Translators: longitude and latitude in degrees in the status bar. */
      return g_strdup_printf (_("Lon %s°  Lat %s°"), xs, ys);
    }

  xs = pv_format_grouped (x, pv_format_decimals_for (resolution, 2));
  ys = pv_format_grouped (y, pv_format_decimals_for (resolution, 2));
  if (crs == NULL)
    /* Translators: map coordinates in an unknown coordinate system. */
    return g_strdup_printf (_("X %s  Y %s"), xs, ys);
  /* Translators: easting and northing in the status bar, e.g. "E 598 371  N 1 214 436". */
  return g_strdup_printf (_("E %s  N %s"), xs, ys);
}

char *
pv_format_scale (double   scale,
                 gboolean approximate)
{
  g_autofree char *n = NULL;

  if (!(scale > 0) || !isfinite (scale))
    return g_strdup ("—");
  n = pv_format_grouped (round (scale), 0);
  if (approximate)
    /* Translators: an approximate map scale, e.g. "≈1:25 000". */
    return g_strdup_printf (_("≈1:%s"), n);
  /* Translators: the map scale, e.g. "1:25 000". */
  return g_strdup_printf (_("1:%s"), n);
}

double
pv_format_map_scale (PvViewport *viewport,
                     PvCrs      *crs)
{
  double scale = pv_viewport_get_scale (viewport);

  if (crs != NULL && pv_crs_is_geographic (crs))
    scale *= METRES_PER_DEGREE;
  return scale;
}
