/* pv-geodesic.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <geodesic.h>
#include <math.h>

#include <glib/gi18n-lib.h>

#include "pv-error.h"
#include "pv-gdal-private.h"
#include "pv-geodesic.h"

/* What measuring in one CRS needs, built once per thread and CRS: PROJ
 * objects belong to one context, and a context to one thread at a time. */
typedef struct
{
  PJ_CONTEXT           *ctx;
  char                 *last_proj_error;

  /* The definition of the CRS the rest is for (NULL: nothing built). */
  char                 *definition;
  /* The CRS's coordinates → its own geographic CRS, longitude first. */
  PJ                   *op;
  /* The geographic CRS's angular unit → degrees. */
  double                to_degrees;
  /* The CRS's linear unit → metres; NaN for a geographic CRS. */
  double                to_metres;
  struct geod_geodesic  geod;
  char                 *ellipsoid_name;
} Measurer;

static void
measurer_reset (Measurer *self)
{
  g_clear_pointer (&self->op, proj_destroy);
  g_clear_pointer (&self->definition, g_free);
  g_clear_pointer (&self->ellipsoid_name, g_free);
}

static void
measurer_free (gpointer data)
{
  Measurer *self = data;

  measurer_reset (self);
  g_clear_pointer (&self->ctx, proj_context_destroy);
  g_clear_pointer (&self->last_proj_error, g_free);
  g_free (self);
}

static GPrivate measurer_key = G_PRIVATE_INIT (measurer_free);

/* The conversion factor of the first axis of crs (to metres or radians). */
static double
get_axis_factor (PJ_CONTEXT *ctx,
                 PJ         *crs)
{
  g_autoptr(PJ) cs = proj_crs_get_coordinate_system (ctx, crs);
  double factor = NAN;

  if (cs == NULL ||
      !proj_cs_get_axis_info (ctx, cs, 0, NULL, NULL, NULL, &factor, NULL, NULL, NULL))
    return NAN;
  return factor;
}

static gboolean
is_geographic_type (PJ_TYPE type)
{
  return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS ||
         type == PJ_TYPE_GEOGRAPHIC_CRS;
}

static void
set_no_ellipsoid_error (Measurer    *self,
                        PvCrs       *crs,
                        GError     **error)
{
  g_autofree char *label = pv_crs_dup_label (crs);

  if (self->last_proj_error != NULL)
    /* translators: %s is a CRS label such as "EPSG:9210", then PROJ's explanation */
    g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_NO_OPERATION,
                 _("Cannot measure on the ellipsoid in %s: it has no geographic "
                   "coordinate system to go to (%s)"),
                 label, self->last_proj_error);
  else
    g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_NO_OPERATION,
                 _("Cannot measure on the ellipsoid in %s: it has no geographic "
                   "coordinate system to go to"),
                 label);
}

/* Builds what measuring in crs needs, in self's context. */
static gboolean
measurer_build (Measurer  *self,
                PvCrs     *crs,
                GError   **error)
{
  g_autofree char *definition = pv_crs_dup_definition (crs);
  g_autoptr(PJ) pj = NULL;
  g_autoptr(PJ) horizontal = NULL;
  g_autoptr(PJ) geographic = NULL;
  g_autoptr(PJ) ellipsoid = NULL;
  g_autoptr(PJ) op = NULL;
  double a = NAN, inv_f = NAN, angle = NAN;
  PJ_TYPE type;

  if (self->definition != NULL && g_strcmp0 (self->definition, definition) == 0)
    return TRUE;
  measurer_reset (self);
  g_clear_pointer (&self->last_proj_error, g_free);

  if (!(pj = proj_create (self->ctx, definition)) ||
      !(horizontal = _pv_proj_get_horizontal_crs (self->ctx, pj)) ||
      !(geographic = proj_crs_get_geodetic_crs (self->ctx, horizontal)) ||
      !is_geographic_type (proj_get_type (geographic)) ||
      !(ellipsoid = proj_get_ellipsoid (self->ctx, geographic)) ||
      !proj_ellipsoid_get_parameters (self->ctx, ellipsoid, &a, NULL, NULL, &inv_f) ||
      !(a > 0) || !isfinite (angle = get_axis_factor (self->ctx, geographic)) ||
      !(op = proj_create_crs_to_crs_from_pj (self->ctx, horizontal, geographic, NULL, NULL)) ||
      !(self->op = proj_normalize_for_visualization (self->ctx, op)))
    {
      set_no_ellipsoid_error (self, crs, error);
      return FALSE;
    }

  /* inv_f is 0 for a sphere. */
  geod_init (&self->geod, a, inv_f > 0 ? 1.0 / inv_f : 0.0);
  self->to_degrees = angle * 180.0 / G_PI;
  type = proj_get_type (horizontal);
  self->to_metres = is_geographic_type (type) ? NAN : get_axis_factor (self->ctx, horizontal);
  self->ellipsoid_name = g_strdup (proj_get_name (ellipsoid));
  self->definition = g_steal_pointer (&definition);
  g_debug ("Measuring in %s on %s (a = %.3f, 1/f = %.9f)", pv_crs_get_name (crs),
           self->ellipsoid_name, a, inv_f);
  return TRUE;
}

/* This thread's measurer, ready for crs. */
static Measurer *
get_measurer (PvCrs   *crs,
              GError **error)
{
  Measurer *self = g_private_get (&measurer_key);

  if (self == NULL)
    {
      self = g_new0 (Measurer, 1);
      self->ctx = _pv_proj_context_new (&self->last_proj_error);
      g_private_set (&measurer_key, self);
    }
  if (!measurer_build (self, crs, error))
    return NULL;
  return self;
}

/* The points as latitudes and longitudes in degrees, in new arrays (of one
 * element at least) the caller frees; returns this thread's measurer for
 * crs, or NULL. */
static Measurer *
to_lat_lon (PvCrs         *crs,
            const double  *xy,
            guint          n_points,
            double       **lats,
            double       **lons,
            GError       **error)
{
  Measurer *self;

  if (!(self = get_measurer (crs, error)))
    return NULL;
  *lats = g_new (double, MAX (n_points, 1));
  *lons = g_new (double, MAX (n_points, 1));
  for (guint i = 0; i < n_points; i++)
    {
      PJ_COORD out = proj_trans (self->op, PJ_FWD, proj_coord (xy[2 * i], xy[2 * i + 1], 0, 0));

      if (!isfinite (xy[2 * i]) || !isfinite (xy[2 * i + 1]) ||
          !isfinite (out.lp.lam) || !isfinite (out.lp.phi))
        {
          g_autofree char *label = pv_crs_dup_label (crs);

          proj_errno_reset (self->op);
          /* translators: (x, y) in the CRS label, e.g. "EPSG:9210" */
          g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_FAILED,
                       _("Cannot measure on the ellipsoid: the point (%.10g, %.10g) of %s has "
                         "no longitude and latitude"),
                       xy[2 * i], xy[2 * i + 1], label);
          return NULL;
        }
      (*lons)[i] = out.lp.lam * self->to_degrees;
      (*lats)[i] = out.lp.phi * self->to_degrees;
    }
  return self;
}

static double
planar_length (const double *xy,
               guint         n_points)
{
  double sum = 0;

  for (guint i = 1; i < n_points; i++)
    sum += hypot (xy[2 * i] - xy[2 * i - 2], xy[2 * i + 1] - xy[2 * i - 1]);
  return sum;
}

/* Shoelace, relative to the first vertex to keep the digits of large
 * projected coordinates. */
static double
planar_area (const double *xy,
             guint         n_points)
{
  double sum = 0;

  for (guint i = 1; i + 1 < n_points; i++)
    {
      double x1 = xy[2 * i] - xy[0], y1 = xy[2 * i + 1] - xy[1];
      double x2 = xy[2 * i + 2] - xy[0], y2 = xy[2 * i + 3] - xy[1];

      sum += x1 * y2 - x2 * y1;
    }
  return fabs (sum) / 2.0;
}

/* Without the last point when it repeats the first. */
static guint
open_ring_size (const double *xy,
                guint         n_points)
{
  if (n_points >= 2 &&
      xy[0] == xy[2 * (n_points - 1)] && xy[1] == xy[2 * (n_points - 1) + 1])
    return n_points - 1;
  return n_points;
}

/**
 * pv_geodesic_length:
 * @crs: (nullable): the CRS of the coordinates
 * @xy: n_points interleaved x, y pairs
 * @geodesic_m: (out) (optional): the length on the ellipsoid in metres, NaN
 *   when crs is NULL
 * @planar: (out) (optional): the length in the CRS's plane in metres, NaN
 *   for a geographic CRS
 */
gboolean
pv_geodesic_length (PvCrs         *crs,
                    const double  *xy,
                    guint          n_points,
                    double        *geodesic_m,
                    double        *planar,
                    GError       **error)
{
  Measurer *self;
  g_autofree double *lats = NULL;
  g_autofree double *lons = NULL;
  double sum = 0;

  g_return_val_if_fail (crs == NULL || PV_IS_CRS (crs), FALSE);
  g_return_val_if_fail (xy != NULL || n_points == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (geodesic_m != NULL)
    *geodesic_m = NAN;
  if (planar != NULL)
    *planar = NAN;

  if (crs == NULL)
    {
      if (planar != NULL)
        *planar = planar_length (xy, n_points);
      return TRUE;
    }

  if (!(self = to_lat_lon (crs, xy, n_points, &lats, &lons, error)))
    return FALSE;

  for (guint i = 1; i < n_points; i++)
    {
      double s12 = 0;

      geod_inverse (&self->geod, lats[i - 1], lons[i - 1], lats[i], lons[i], &s12, NULL, NULL);
      sum += s12;
    }
  if (geodesic_m != NULL)
    *geodesic_m = sum;
  if (planar != NULL)
    *planar = isnan (self->to_metres) ? NAN : planar_length (xy, n_points) * self->to_metres;
  return TRUE;
}

/**
 * pv_geodesic_area:
 * @crs: (nullable): the CRS of the coordinates
 * @xy: n_points interleaved x, y pairs: the ring, closed or not
 * @geodesic_m2: (out) (optional): the area on the ellipsoid in m², NaN when
 *   crs is NULL
 * @planar: (out) (optional): the area in the CRS's plane in m², NaN for a
 *   geographic CRS
 */
gboolean
pv_geodesic_area (PvCrs         *crs,
                  const double  *xy,
                  guint          n_points,
                  double        *geodesic_m2,
                  double        *planar,
                  GError       **error)
{
  Measurer *self;
  g_autofree double *lats = NULL;
  g_autofree double *lons = NULL;
  double area = 0, perimeter = 0;

  g_return_val_if_fail (crs == NULL || PV_IS_CRS (crs), FALSE);
  g_return_val_if_fail (xy != NULL || n_points == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (geodesic_m2 != NULL)
    *geodesic_m2 = NAN;
  if (planar != NULL)
    *planar = NAN;
  n_points = open_ring_size (xy, n_points);

  if (crs == NULL)
    {
      if (planar != NULL)
        *planar = planar_area (xy, n_points);
      return TRUE;
    }

  if (!(self = to_lat_lon (crs, xy, n_points, &lats, &lons, error)))
    return FALSE;

  if (n_points >= 3)
    geod_polygonarea (&self->geod, lats, lons, (int) n_points, &area, &perimeter);
  if (geodesic_m2 != NULL)
    *geodesic_m2 = fabs (area);
  if (planar != NULL)
    *planar = isnan (self->to_metres)
              ? NAN : planar_area (xy, n_points) * self->to_metres * self->to_metres;
  return TRUE;
}

char *
pv_geodesic_dup_ellipsoid_name (PvCrs *crs)
{
  Measurer *self;

  g_return_val_if_fail (crs == NULL || PV_IS_CRS (crs), NULL);

  if (crs == NULL || !(self = get_measurer (crs, NULL)))
    return NULL;
  return g_strdup (self->ellipsoid_name);
}

/**
 * pv_geodesic_metres_per_unit:
 * @crs: (nullable): the map CRS
 * @x: the place, in crs
 * @y:
 *
 * Returns: ground metres per map unit along the parallel through (x, y)
 */
double
pv_geodesic_metres_per_unit (PvCrs  *crs,
                             double  x,
                             double  y)
{
  Measurer *self;
  double lat, half, s12 = NAN;

  g_return_val_if_fail (crs == NULL || PV_IS_CRS (crs), 1.0);

  if (crs == NULL || !(self = get_measurer (crs, NULL)))
    return 1.0;
  if (!isnan (self->to_metres))
    return self->to_metres > 0 && isfinite (self->to_metres) ? self->to_metres : 1.0;

  /* Degrees (or another angular unit): the geodesic between two points
   * 0.001° apart on the parallel, which at that step matches the parallel's
   * arc to about 1e-10 of its length; kept off the poles. */
  lat = CLAMP (y * self->to_degrees, -89.999, 89.999);
  if (!isfinite (lat))
    return 1.0;
  half = 0.0005;
  geod_inverse (&self->geod, lat, -half, lat, half, &s12, NULL, NULL);
  if (!(s12 > 0) || !isfinite (s12))
    return 1.0;
  return s12 / (2 * half) * self->to_degrees;
}
