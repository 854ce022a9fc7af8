/* pv-transform.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <proj_experimental.h>

#include "pv-error.h"
#include "pv-gdal-private.h"
#include "pv-transform.h"

/* Points per side of the grid that pv_transform_bounds() samples. */
#define BOUNDS_SAMPLES 21

/* Points per proj_trans_generic() call in pv_transform_points_interleaved(). */
#define BATCH_SIZE 1024

/* Decision 05/2007/QĐ-BTNMT, VN-2000 → WGS 84 = EPSG:6960 "VN-2000 to WGS 84 (2)",
 * written as PROJ's +towgs84 (Position Vector convention, hence the rotation signs).
 * Only used should proj.db lack EPSG:6960. */
#define VN2000_TOWGS84_CRS \
  "+proj=longlat +ellps=WGS84 " \
  "+towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278 " \
  "+no_defs +type=crs"

struct _PvTransform
{
  GObject     parent_instance;

  PvCrs      *source;
  PvCrs      *target;

  /* Used by one thread at a time, as the header says: no lock. */
  PJ_CONTEXT *ctx;
  /* The operation in visualisation order (easting/longitude first); NULL
   * for the identity. */
  PJ         *op;
  char       *pipeline;
  char       *last_proj_error;
  gboolean    identity;
};

G_DEFINE_FINAL_TYPE (PvTransform, pv_transform, G_TYPE_OBJECT)

static void
pv_transform_finalize (GObject *object)
{
  PvTransform *self = PV_TRANSFORM (object);

  g_clear_pointer (&self->op, proj_destroy);
  g_clear_pointer (&self->ctx, proj_context_destroy);
  g_clear_pointer (&self->pipeline, g_free);
  g_clear_pointer (&self->last_proj_error, g_free);
  g_clear_object (&self->source);
  g_clear_object (&self->target);

  G_OBJECT_CLASS (pv_transform_parent_class)->finalize (object);
}

static void
pv_transform_class_init (PvTransformClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pv_transform_finalize;
}

static void
pv_transform_init (PvTransform *self)
{
  self->ctx = _pv_proj_context_new (&self->last_proj_error);
}

/* The CRS again, as an object of this transform's own context. */
static PJ *
create_crs_in_context (PJ_CONTEXT *ctx,
                       PvCrs      *crs)
{
  g_autofree char *definition = pv_crs_dup_definition (crs);

  return proj_create (ctx, definition);
}

/* The official VN-2000 → WGS 84 transformation (EPSG:6960) and its target CRS. */
static gboolean
get_vn2000_transformation (PJ_CONTEXT  *ctx,
                           PJ         **transformation,
                           PJ         **hub)
{
  g_autoptr(PJ) op = NULL;
  g_autoptr(PJ) bound = NULL;

  op = proj_create_from_database (ctx, "EPSG", "6960", PJ_CATEGORY_COORDINATE_OPERATION,
                                  FALSE, NULL);
  if (op == NULL)
    {
      /* The same parameters, from the +towgs84 form. */
      if (!(bound = proj_create (ctx, VN2000_TOWGS84_CRS)) ||
          !(op = proj_crs_get_coordoperation (ctx, bound)))
        return FALSE;
    }
  if (!(*hub = proj_get_target_crs (ctx, op)))
    return FALSE;
  *transformation = g_steal_pointer (&op);
  return TRUE;
}

/* A VN-2000 CRS bound to WGS 84 through EPSG:6960, so that PROJ cannot pick
 * EPSG:5194 (see vietnam.md §1.4). A CRS that already carries its own
 * transformation to WGS 84 (a BoundCRS, e.g. from +towgs84 or a WKT1
 * TOWGS84[]) keeps it. Returns a new reference either way. */
static PJ *
bind_vn2000 (PJ_CONTEXT *ctx,
             PJ         *crs)
{
  g_autoptr(PJ) transformation = NULL;
  g_autoptr(PJ) hub = NULL;

  switch ((int) proj_get_type (crs))
    {
    case PJ_TYPE_BOUND_CRS:
      return proj_clone (ctx, crs);

    case PJ_TYPE_COMPOUND_CRS:
      {
        g_autoptr(PJ) horizontal = proj_crs_get_sub_crs (ctx, crs, 0);
        g_autoptr(PJ) vertical = proj_crs_get_sub_crs (ctx, crs, 1);
        g_autoptr(PJ) bound = NULL;
        PJ *compound;

        if (horizontal == NULL || vertical == NULL ||
            !(bound = bind_vn2000 (ctx, horizontal)))
          return proj_clone (ctx, crs);
        compound = proj_create_compound_crs (ctx, proj_get_name (crs), bound, vertical);
        return compound != NULL ? compound : proj_clone (ctx, crs);
      }

    default:
      if (!get_vn2000_transformation (ctx, &transformation, &hub))
        return proj_clone (ctx, crs);
      return proj_crs_create_bound_crs (ctx, crs, hub, transformation);
    }
}

static gboolean
is_bound (PJ *crs)
{
  return proj_get_type (crs) == PJ_TYPE_BOUND_CRS;
}

static void
set_no_operation_error (PvTransform  *self,
                        GError      **error)
{
  g_autofree char *from = pv_crs_dup_label (self->source);
  g_autofree char *to = pv_crs_dup_label (self->target);

  if (self->last_proj_error != NULL)
    /* translators: the %s are CRS labels such as "EPSG:9210", then PROJ's explanation */
    g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_NO_OPERATION,
                 _("No coordinate transformation from %s to %s (%s)"),
                 from, to, self->last_proj_error);
  else
    g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_NO_OPERATION,
                 _("No coordinate transformation from %s to %s"), from, to);
}

/* The operation from source to target (authority axis order), and its PROJ
 * string when it is a single operation. When PROJ knows several candidates
 * (other datums than VN-2000, e.g. Hà Nội 1972 → WGS 84), the returned object
 * chooses per point like proj_create_crs_to_crs() and *pipeline is NULL. */
static PJ *
create_operation (PJ_CONTEXT  *ctx,
                  PJ          *source,
                  PJ          *target,
                  char       **pipeline)
{
  PJ_OPERATION_FACTORY_CONTEXT *factory;
  PJ_OBJ_LIST *operations;
  PJ *op = NULL;
  int count = 0;

  *pipeline = NULL;

  factory = proj_create_operation_factory_context (ctx, NULL);
  if (factory != NULL)
    {
      /* The same criteria as proj_create_crs_to_crs_from_pj(). */
      proj_operation_factory_context_set_spatial_criterion (
        ctx, factory, PROJ_SPATIAL_CRITERION_PARTIAL_INTERSECTION);
      proj_operation_factory_context_set_grid_availability_use (
        ctx, factory,
        proj_context_is_network_enabled (ctx) ? PROJ_GRID_AVAILABILITY_KNOWN_AVAILABLE
                                              : PROJ_GRID_AVAILABILITY_DISCARD_OPERATION_IF_MISSING_GRID);
      operations = proj_create_operations (ctx, source, target, factory);
      count = operations != NULL ? proj_list_get_count (operations) : 0;
      g_debug ("%d candidate operation(s) from %s to %s", count,
               proj_get_name (source), proj_get_name (target));
      if (count == 1)
        op = proj_list_get (ctx, operations, 0);
      g_clear_pointer (&operations, proj_list_destroy);
      proj_operation_factory_context_destroy (factory);
    }

  if (op == NULL)
    op = proj_create_crs_to_crs_from_pj (ctx, source, target, NULL, NULL);
  if (op == NULL)
    return NULL;

  if (count == 1)
    {
      const char *text = proj_as_proj_string (ctx, op, PJ_PROJ_5, NULL);

      *pipeline = g_strdup (text);
    }
  return op;
}

PvTransform *
pv_transform_new (PvCrs   *source,
                  PvCrs   *target,
                  GError **error)
{
  g_autoptr(PvTransform) self = NULL;
  g_autoptr(PJ) source_pj = NULL;
  g_autoptr(PJ) target_pj = NULL;
  g_autoptr(PJ) op = NULL;
  g_autofree char *pipeline = NULL;

  g_return_val_if_fail (PV_IS_CRS (source), NULL);
  g_return_val_if_fail (PV_IS_CRS (target), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PV_TYPE_TRANSFORM, NULL);
  self->source = g_object_ref (source);
  self->target = g_object_ref (target);

  if (!(source_pj = create_crs_in_context (self->ctx, source)) ||
      !(target_pj = create_crs_in_context (self->ctx, target)))
    {
      set_no_operation_error (self, error);
      return NULL;
    }

  if (pv_crs_equals (source, target))
    {
      /* Nothing to compute; the operation only serves get_pipeline(), where
       * it may still swap the axes of two geographic CRSs. */
      self->identity = TRUE;
      op = proj_create_crs_to_crs_from_pj (self->ctx, source_pj, target_pj, NULL, NULL);
      if (op != NULL)
        self->pipeline = g_strdup (proj_as_proj_string (self->ctx, op, PJ_PROJ_5, NULL));
      if (self->pipeline == NULL)
        self->pipeline = g_strdup ("+proj=noop");
      return g_steal_pointer (&self);
    }

  /* Two plain VN-2000 CRSs need no datum shift at all: PROJ finds the pure
   * projection change. Otherwise pin EPSG:6960 on every VN-2000 side. */
  if (!(pv_crs_is_vn2000 (source) && pv_crs_is_vn2000 (target) &&
        !is_bound (source_pj) && !is_bound (target_pj)))
    {
      if (pv_crs_is_vn2000 (source))
        {
          PJ *bound = bind_vn2000 (self->ctx, source_pj);

          g_clear_pointer (&source_pj, proj_destroy);
          source_pj = bound;
        }
      if (pv_crs_is_vn2000 (target))
        {
          PJ *bound = bind_vn2000 (self->ctx, target_pj);

          g_clear_pointer (&target_pj, proj_destroy);
          target_pj = bound;
        }
      if (source_pj == NULL || target_pj == NULL)
        {
          set_no_operation_error (self, error);
          return NULL;
        }
    }

  if (!(op = create_operation (self->ctx, source_pj, target_pj, &pipeline)) ||
      !(self->op = proj_normalize_for_visualization (self->ctx, op)))
    {
      set_no_operation_error (self, error);
      return NULL;
    }
  self->pipeline = g_steal_pointer (&pipeline);
  g_debug ("Transform %s → %s: %s", pv_crs_get_name (source), pv_crs_get_name (target),
           self->pipeline != NULL ? self->pipeline : "(chosen per point)");

  return g_steal_pointer (&self);
}

PvCrs *
pv_transform_get_source (PvTransform *self)
{
  g_return_val_if_fail (PV_IS_TRANSFORM (self), NULL);

  return self->source;
}

PvCrs *
pv_transform_get_target (PvTransform *self)
{
  g_return_val_if_fail (PV_IS_TRANSFORM (self), NULL);

  return self->target;
}

gboolean
pv_transform_is_identity (PvTransform *self)
{
  g_return_val_if_fail (PV_IS_TRANSFORM (self), FALSE);

  return self->identity;
}

/**
 * pv_transform_get_pipeline:
 *
 * The PROJ string of the operation this transform applies, in the axis order
 * of the two CRS definitions (authority order: latitude, longitude in degrees
 * for EPSG:4326 and EPSG:4756; easting, northing in metres for EPSG:9210).
 * That is what GDAL's COORDINATE_OPERATION option (OGRCoordinateTransformation,
 * gdalwarp -ct, GDALCreateGenImgProjTransformer2) expects: GDAL converts its
 * data axis order to the CRS axis order before applying it. PvTransform
 * itself applies the same operation normalised for visualisation
 * (easting/longitude first). For the identity it is "+proj=noop" or an axis
 * swap.
 *
 * Returns: (nullable): the pipeline, or NULL when PROJ knows several
 *   candidate operations and chooses one per point (never the case for
 *   VN-2000 against WGS 84, which is pinned to EPSG:6960); a caller then lets
 *   GDAL choose the same way.
 */
const char *
pv_transform_get_pipeline (PvTransform *self)
{
  g_return_val_if_fail (PV_IS_TRANSFORM (self), NULL);

  return self->pipeline;
}

gboolean
pv_transform_point (PvTransform  *self,
                    double       *x,
                    double       *y,
                    GError      **error)
{
  PJ_COORD in;
  PJ_COORD out;

  g_return_val_if_fail (PV_IS_TRANSFORM (self), FALSE);
  g_return_val_if_fail (x != NULL && y != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->identity)
    return TRUE;

  in = proj_coord (*x, *y, 0, 0);
  out = proj_trans (self->op, PJ_FWD, in);
  if (!isfinite (*x) || !isfinite (*y) || !isfinite (out.xy.x) || !isfinite (out.xy.y))
    {
      g_autofree char *from = pv_crs_dup_label (self->source);
      g_autofree char *to = pv_crs_dup_label (self->target);
      int errnum = proj_errno (self->op);

      if (errnum != 0)
        /* translators: (x, y) from CRS label to CRS label, then PROJ's reason */
        g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_FAILED,
                     _("Cannot transform the point (%.10g, %.10g) from %s to %s (%s)"),
                     *x, *y, from, to, proj_context_errno_string (self->ctx, errnum));
      else
        g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_FAILED,
                     _("Cannot transform the point (%.10g, %.10g) from %s to %s"),
                     *x, *y, from, to);
      proj_errno_reset (self->op);
      return FALSE;
    }

  *x = out.xy.x;
  *y = out.xy.y;
  return TRUE;
}

/**
 * pv_transform_points_interleaved:
 *
 * NaN inputs (e.g. part separators) stay NaN and are not counted as failures;
 * finite points that PROJ cannot transform become NaN and are counted.
 */
gsize
pv_transform_points_interleaved (PvTransform *self,
                                 double      *xy,
                                 gsize        n)
{
  const size_t stride = 2 * sizeof (double);
  gsize failures = 0;

  g_return_val_if_fail (PV_IS_TRANSFORM (self), 0);
  g_return_val_if_fail (xy != NULL || n == 0, 0);

  if (self->identity)
    return 0;

  for (gsize start = 0; start < n; start += BATCH_SIZE)
    {
      gsize count = MIN (BATCH_SIZE, n - start);
      double *chunk = xy + 2 * start;
      gboolean was_finite[BATCH_SIZE];

      for (gsize i = 0; i < count; i++)
        was_finite[i] = isfinite (chunk[2 * i]) && isfinite (chunk[2 * i + 1]);

      proj_trans_generic (self->op, PJ_FWD,
                          chunk, stride, count,
                          chunk + 1, stride, count,
                          NULL, 0, 0,
                          NULL, 0, 0);

      for (gsize i = 0; i < count; i++)
        {
          if (isfinite (chunk[2 * i]) && isfinite (chunk[2 * i + 1]))
            continue;
          /* HUGE_VAL marks a failure: make it NaN, which callers skip. */
          chunk[2 * i] = NAN;
          chunk[2 * i + 1] = NAN;
          if (was_finite[i])
            failures++;
        }
    }
  proj_errno_reset (self->op);

  return failures;
}

static void
extend (double  x,
        double  y,
        double *box,
        guint  *n_ok)
{
  if (!isfinite (x) || !isfinite (y))
    return;
  if ((*n_ok)++ == 0)
    {
      box[0] = box[2] = x;
      box[1] = box[3] = y;
      return;
    }
  box[0] = MIN (box[0], x);
  box[1] = MIN (box[1], y);
  box[2] = MAX (box[2], x);
  box[3] = MAX (box[3], y);
}

/* Samples a BOUNDS_SAMPLES × BOUNDS_SAMPLES grid: the edges, densified, and
 * the interior lines, which catch extremes inside the box (a pole, a bulge
 * of a conic projection). Points that fail are skipped. */
gboolean
pv_transform_bounds (PvTransform *self,
                     double       xmin,
                     double       ymin,
                     double       xmax,
                     double       ymax,
                     double      *out_xmin,
                     double      *out_ymin,
                     double      *out_xmax,
                     double      *out_ymax)
{
  double xy[2 * BOUNDS_SAMPLES * BOUNDS_SAMPLES];
  double box[4] = { 0, 0, 0, 0 };
  guint n_ok = 0;
  guint k = 0;

  g_return_val_if_fail (PV_IS_TRANSFORM (self), FALSE);

  if (!isfinite (xmin) || !isfinite (ymin) || !isfinite (xmax) || !isfinite (ymax))
    return FALSE;
  if (xmin > xmax)
    {
      double t = xmin;
      xmin = xmax;
      xmax = t;
    }
  if (ymin > ymax)
    {
      double t = ymin;
      ymin = ymax;
      ymax = t;
    }

  if (self->identity)
    {
      box[0] = xmin;
      box[1] = ymin;
      box[2] = xmax;
      box[3] = ymax;
      n_ok = 1;
    }
  else
    {
      for (guint j = 0; j < BOUNDS_SAMPLES; j++)
        for (guint i = 0; i < BOUNDS_SAMPLES; i++)
          {
            xy[k++] = xmin + (xmax - xmin) * i / (BOUNDS_SAMPLES - 1);
            xy[k++] = ymin + (ymax - ymin) * j / (BOUNDS_SAMPLES - 1);
          }
      pv_transform_points_interleaved (self, xy, BOUNDS_SAMPLES * BOUNDS_SAMPLES);
      for (guint i = 0; i < BOUNDS_SAMPLES * BOUNDS_SAMPLES; i++)
        extend (xy[2 * i], xy[2 * i + 1], box, &n_ok);

      /* A pole inside the source box: the box reaches it, at every longitude. */
      if (n_ok > 0 && pv_crs_is_geographic (self->target))
        {
          for (int sign = -1; sign <= 1; sign += 2)
            {
              PJ_COORD pole = proj_trans (self->op, PJ_INV, proj_coord (0, sign * 90.0, 0, 0));

              if (isfinite (pole.xy.x) && isfinite (pole.xy.y) &&
                  pole.xy.x >= xmin && pole.xy.x <= xmax &&
                  pole.xy.y >= ymin && pole.xy.y <= ymax)
                {
                  box[0] = -180.0;
                  box[2] = 180.0;
                  if (sign < 0)
                    box[1] = -90.0;
                  else
                    box[3] = 90.0;
                }
            }
          proj_errno_reset (self->op);
        }
    }

  if (n_ok == 0)
    return FALSE;
  if (out_xmin != NULL)
    *out_xmin = box[0];
  if (out_ymin != NULL)
    *out_ymin = box[1];
  if (out_xmax != NULL)
    *out_xmax = box[2];
  if (out_ymax != NULL)
    *out_ymax = box[3];
  return TRUE;
}
