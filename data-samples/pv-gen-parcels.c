/* pv-gen-parcels.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The benchmark set: N non-overlapping parcels (a jittered grid whose shared
 * corners and edge midpoints are hashed, so neighbours agree exactly) over the
 * extent of Bình Dương in VN-2000 / TM-3 105°45′, with a land-use code. */

#include "config.h"

#include <math.h>
#include <cpl_error.h>

#include "pv-gen.h"

typedef struct
{
  double x0, y0, w, h;
} Grid;

static void
corner (const Grid *g,
        gint64      i,
        gint64      j,
        double     *x,
        double     *y)
{
  *x = g->x0 + (i + 0.4 * (pv_gen_hash_double (i, j, 21) - 0.5)) * g->w;
  *y = g->y0 + (j + 0.4 * (pv_gen_hash_double (i, j, 22) - 0.5)) * g->h;
}

/* The midpoint of the edge from corner (i, j) going right (horizontal) or up
 * (vertical), bent sideways, or FALSE if that edge stays straight. */
static gboolean
edge_mid (const Grid *g,
          gint64      i,
          gint64      j,
          gboolean    horizontal,
          double     *x,
          double     *y)
{
  guint64 h = pv_gen_hash (i, j, horizontal ? 23 : 24);
  double ax, ay, bx, by, bend;

  if ((h & 3) == 0)
    return FALSE;
  corner (g, i, j, &ax, &ay);
  corner (g, horizontal ? i + 1 : i, horizontal ? j : j + 1, &bx, &by);
  bend = 0.16 * ((h >> 11) * (1.0 / 9007199254740992.0) - 0.5);
  *x = (ax + bx) * 0.5 + (horizontal ? 0.0 : bend * g->w);
  *y = (ay + by) * 0.5 + (horizontal ? bend * g->h : 0.0);
  return TRUE;
}

static const char *
parcel_use (PvGenModel *model,
            double      x,
            double      y,
            guint64     hash)
{
  double r = (hash >> 11) * (1.0 / 9007199254740992.0);
  double u = pv_gen_model_urban (model, x, y, FALSE);
  double forest = pv_gen_fbm (x / 6000.0, y / 6000.0, 3, 77);

  if (u > 0.6)
    return r < 0.7 ? "ODT" : (r < 0.8 ? "TMD" : (r < 0.86 ? "DGT" : (r < 0.92 ? "SKC" : "DGD")));
  if (u > 0.35)
    return r < 0.4 ? "ODT" : (r < 0.55 ? "SKK" : (r < 0.7 ? "CLN" : (r < 0.8 ? "HNK" : "ONT")));
  if (forest > 0.3)
    return r < 0.8 ? "RSX" : "CLN";
  return r < 0.6 ? "CLN" : (r < 0.75 ? "HNK" : (r < 0.85 ? "LUC" : (r < 0.95 ? "ONT" : "SON")));
}

gboolean
pv_gen_write_parcels (const char  *dir,
                      guint        n,
                      GError     **error)
{
  PvGenModel *model;
  g_autofree char *basename = g_strdup_printf ("parcels_%u", n);
  GDALDatasetH ds = NULL;
  OGRLayerH layer;
  OGRFeatureDefnH defn;
  double xmin, ymin, xmax, ymax, x, y;
  Grid grid;
  gint64 nx, ny;
  guint written = 0;

  if (!(model = pv_gen_model_new (error)))
    return FALSE;

  /* The WGS 84 bounding box of the province (vietnam.md §5) in TM-3. */
  pv_gen_lonlat_to_tm3 (&model->crs, 106.3268, 10.8642, &xmin, &ymin);
  pv_gen_lonlat_to_tm3 (&model->crs, 106.9669, 11.5012, &xmax, &ymax);
  pv_gen_lonlat_to_tm3 (&model->crs, 106.3268, 11.5012, &x, &y);
  xmin = floor (MIN (xmin, x)), ymax = ceil (MAX (ymax, y));
  pv_gen_lonlat_to_tm3 (&model->crs, 106.9669, 10.8642, &x, &y);
  xmax = ceil (MAX (xmax, x)), ymin = floor (MIN (ymin, y));

  nx = (gint64) ceil (sqrt ((double) n * (xmax - xmin) / (ymax - ymin)));
  ny = ((gint64) n + nx - 1) / nx;
  grid.x0 = xmin, grid.y0 = ymin;
  grid.w = (xmax - xmin) / nx, grid.h = (ymax - ymin) / ny;

  layer = pv_gen_create_shapefile (dir, basename, model->crs.tm3, wkbPolygon, &ds, error);
  if (layer == NULL)
    {
      pv_gen_model_free (model);
      return FALSE;
    }
  pv_gen_add_field (layer, "id", OFTInteger, 10, 0);
  pv_gen_add_field (layer, "ma_sdd", OFTString, 3, 0);
  defn = OGR_L_GetLayerDefn (layer);

  for (gint64 j = 0; j < ny && written < n; j++)
    for (gint64 i = 0; i < nx && written < n; i++)
      {
        OGRFeatureH f = OGR_F_Create (defn);
        OGRGeometryH poly = OGR_G_CreateGeometry (wkbPolygon);
        OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
        double px, py;

        corner (&grid, i, j, &px, &py);
        OGR_G_AddPoint_2D (ring, px, py);
        if (edge_mid (&grid, i, j, TRUE, &px, &py))
          OGR_G_AddPoint_2D (ring, px, py);
        corner (&grid, i + 1, j, &px, &py);
        OGR_G_AddPoint_2D (ring, px, py);
        if (edge_mid (&grid, i + 1, j, FALSE, &px, &py))
          OGR_G_AddPoint_2D (ring, px, py);
        corner (&grid, i + 1, j + 1, &px, &py);
        OGR_G_AddPoint_2D (ring, px, py);
        if (edge_mid (&grid, i, j + 1, TRUE, &px, &py))
          OGR_G_AddPoint_2D (ring, px, py);
        corner (&grid, i, j + 1, &px, &py);
        OGR_G_AddPoint_2D (ring, px, py);
        if (edge_mid (&grid, i, j, FALSE, &px, &py))
          OGR_G_AddPoint_2D (ring, px, py);
        corner (&grid, i, j, &px, &py);
        OGR_G_AddPoint_2D (ring, px, py);
        OGR_G_AddGeometryDirectly (poly, ring);

        OGR_F_SetFieldInteger (f, 0, (int) written + 1);
        OGR_F_SetFieldString (f, 1, parcel_use (model, grid.x0 + (i + 0.5) * grid.w,
                                                grid.y0 + (j + 0.5) * grid.h,
                                                pv_gen_hash (i, j, 25)));
        OGR_F_SetGeometryDirectly (f, poly);
        if (OGR_L_CreateFeature (layer, f) != OGRERR_NONE)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s/%s.shp: cannot write: %s",
                         dir, basename, CPLGetLastErrorMsg ());
            OGR_F_Destroy (f);
            GDALClose (ds);
            pv_gen_model_free (model);
            return FALSE;
          }
        OGR_F_Destroy (f);
        written++;
      }
  GDALClose (ds);
  g_print ("%s.shp: %u parcels of %.0f × %.0f m\n", basename, written, grid.w, grid.h);
  pv_gen_model_free (model);
  return TRUE;
}
