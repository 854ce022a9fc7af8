/* pv-crs-suggest.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "pv-crs-suggest.h"
#include "pv-transform.h"

/* Vietnam in degrees (vietnam.md; generous to the islands' side). */
#define VN_LON_MIN 102.0
#define VN_LON_MAX 110.0
#define VN_LAT_MIN 8.0
#define VN_LAT_MAX 24.0

/* VN-2000 zone grids in Vietnam: false easting 500 000 m, a 3° or 6° zone
 * reaches at most ±400 km from its central meridian at these latitudes
 * (UTM 48N reaches 109.5°E); northings from Cà Mau (≈8.5°N) to Hà Giang
 * (≈23.4°N). */
#define ZONE_EASTING_MIN 100000.0
#define ZONE_EASTING_MAX 900000.0
#define ZONE_NORTHING_MIN 850000.0
#define ZONE_NORTHING_MAX 2650000.0

static gboolean
box_within (double xmin,
            double ymin,
            double xmax,
            double ymax,
            double west,
            double south,
            double east,
            double north)
{
  return xmin >= west && xmax <= east && ymin >= south && ymax <= north;
}

static gboolean
add_epsg (GPtrArray  *out,
          int         code,
          GError    **error)
{
  PvCrs *crs = pv_crs_new_from_epsg (code, error);

  if (crs == NULL)
    return FALSE;
  g_ptr_array_add (out, crs);
  return TRUE;
}

/* Whether the centre of the box, read in candidate, falls inside the
 * candidate's area of use. */
static gboolean
centre_in_area_of_use (PvCrs   *candidate,
                       PvCrs   *wgs84,
                       double   cx,
                       double   cy,
                       GError **error)
{
  g_autoptr(PvTransform) transform = NULL;
  double west, south, east, north;

  if (!pv_crs_get_area_of_use (candidate, &west, &south, &east, &north))
    return FALSE;
  transform = pv_transform_new (candidate, wgs84, error);
  if (transform == NULL)
    return FALSE;
  /* A point outside the projection's domain is not a fit, not an error. */
  if (!pv_transform_point (transform, &cx, &cy, NULL))
    return FALSE;
  if (!isfinite (cx) || !isfinite (cy))
    return FALSE;
  return cx >= west && cx <= east && cy >= south && cy <= north;
}

GPtrArray *
pv_crs_suggest_for_extent (double   xmin,
                           double   ymin,
                           double   xmax,
                           double   ymax,
                           GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) known = NULL;
  g_autoptr(PvCrs) wgs84 = NULL;
  double cx, cy;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!isfinite (xmin) || !isfinite (ymin) || !isfinite (xmax) || !isfinite (ymax) ||
      xmin > xmax || ymin > ymax)
    return g_steal_pointer (&out);

  if (box_within (xmin, ymin, xmax, ymax, VN_LON_MIN, VN_LAT_MIN, VN_LON_MAX, VN_LAT_MAX))
    {
      if (!add_epsg (out, 4756, error) || !add_epsg (out, 4326, error))
        return NULL;
      return g_steal_pointer (&out);
    }

  if (!box_within (xmin, ymin, xmax, ymax,
                   ZONE_EASTING_MIN, ZONE_NORTHING_MIN, ZONE_EASTING_MAX, ZONE_NORTHING_MAX))
    return g_steal_pointer (&out);

  wgs84 = pv_crs_new_from_epsg (4326, error);
  if (wgs84 == NULL)
    return NULL;
  cx = xmin + (xmax - xmin) / 2.0;
  cy = ymin + (ymax - ymin) / 2.0;

  /* pv_crs_list_known() puts EPSG:9210 first, then the provincial TM-3
   * zones, then the other VN-2000 CRSs: the order of likelihood here. */
  known = pv_crs_list_known ();
  for (guint i = 0; i < known->len; i++)
    {
      const PvCrsInfo *info = g_ptr_array_index (known, i);
      g_autoptr(PvCrs) crs = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!info->is_vn2000 || !info->is_projected)
        continue;
      crs = pv_crs_info_create_crs (info, error);
      if (crs == NULL)
        return NULL;
      if (!centre_in_area_of_use (crs, wgs84, cx, cy, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          continue;
        }
      g_ptr_array_add (out, g_steal_pointer (&crs));
    }
  return g_steal_pointer (&out);
}
