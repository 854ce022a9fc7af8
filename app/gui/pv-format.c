/* pv-format.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "pv-format.h"
#include "pv-number.h"

#define NARROW_NBSP "\u202f"
/* One degree along the WGS 84 equator: 6 378 137 m × π / 180. */
#define METRES_PER_DEGREE 111319.490793

char *
pv_format_grouped (double value,
                   int    decimals)
{
  /* The locale's decimal separator, as the rest of the UI. */
  return pv_number_format_grouped (value, decimals, PV_NUMBER_NARROW_NBSP, TRUE);
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

PvCoordinateFormat
pv_coordinate_format_from_string (const char *text)
{
  if (g_strcmp0 (text, "dms") == 0)
    return PV_COORDINATE_FORMAT_DMS;
  return PV_COORDINATE_FORMAT_DECIMAL;
}

const char *
pv_coordinate_format_to_string (PvCoordinateFormat format)
{
  return format == PV_COORDINATE_FORMAT_DMS ? "dms" : "decimal";
}

/* "10°58′49.44″" for |value|; rounded once, in hundredths of a second, so
 * 59.999″ carries into the minutes. */
static char *
format_dms (double value)
{
  gint64 hundredths = (gint64) llround (fabs (value) * 360000.0);
  gint64 degrees = hundredths / 360000;
  int minutes = (int) (hundredths / 6000 % 60);
  int seconds = (int) (hundredths / 100 % 60);
  int fraction = (int) (hundredths % 100);
  char sep[G_ASCII_DTOSTR_BUF_SIZE];
  struct lconv *lc = localeconv ();

  /* The locale's decimal separator, as in every other number shown. */
  g_strlcpy (sep, lc && lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".", sizeof sep);
  return g_strdup_printf ("%" G_GINT64_FORMAT "°%02d′%02d%s%02d″",
                          degrees, minutes, seconds, sep, fraction);
}

char *
pv_format_geographic (double             lon,
                      double             lat,
                      PvCoordinateFormat format)
{
  g_autofree char *lat_text = NULL;
  g_autofree char *lon_text = NULL;
  /* Translators: hemisphere letters after a latitude or longitude:
   * north, south, east, west (in Vietnamese B, N, Đ, T). */
  const char *ns = lat >= 0 ? C_("hemisphere", "N") : C_("hemisphere", "S");
  const char *ew = lon >= 0 ? C_("hemisphere", "E") : C_("hemisphere", "W");

  if (!isfinite (lon) || !isfinite (lat))
    return g_strdup ("—");

  if (format == PV_COORDINATE_FORMAT_DMS)
    {
      lat_text = format_dms (lat);
      lon_text = format_dms (lon);
    }
  else
    {
      lat_text = g_strdup_printf ("%.6f°", fabs (lat));
      lon_text = g_strdup_printf ("%.6f°", fabs (lon));
    }
  /* Translators: a WGS 84 position, latitude first, e.g.
   * "10.980400° N  106.651900° E"; the second and fourth %s are hemispheres. */
  return g_strdup_printf (_("%s %s  %s %s"), lat_text, ns, lon_text, ew);
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00a0 || c == 0x202f || c == 0x2009;
}

gboolean
pv_format_parse_scale (const char *text,
                       double     *scale)
{
  g_autoptr(GString) compact = g_string_new (NULL);
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p;
  gsize group = 0;
  gboolean grouped = FALSE;
  gboolean first_group = TRUE;
  double value;

  g_return_val_if_fail (scale != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  /* Spaces of any kind go: "1 : 2 000" → "1:2000". */
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_space (c))
        g_string_append_unichar (compact, c);
    }

  p = compact->str;
  if (g_str_has_prefix (p, "≈"))
    p += strlen ("≈");
  else if (*p == '~')
    p++;
  if (p[0] == '1' && (p[1] == ':' || p[1] == '/'))
    p += 2;

  /* Digits, optionally grouped by three with '.', ',' or '\''. */
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          group++;
        }
      else if ((*p == '.' || *p == ',' || *p == '\'') && group > 0 &&
               (first_group ? group <= 3 : group == 3) &&
               g_ascii_isdigit (p[1]))
        {
          grouped = TRUE;
          first_group = FALSE;
          group = 0;
        }
      else
        return FALSE;
    }
  if (digits->len == 0 || (grouped && group != 3) || digits->len > 10)
    return FALSE;

  value = g_ascii_strtod (digits->str, NULL);
  if (value < 1 || value > 1e9)
    return FALSE;
  *scale = value;
  return TRUE;
}

static const guint planning_scales[] = { 500, 1000, 2000, 5000, 10000, 25000, 50000 };

const guint *
pv_format_get_planning_scales (guint *n_scales)
{
  if (n_scales != NULL)
    *n_scales = G_N_ELEMENTS (planning_scales);
  return planning_scales;
}
