/* pv-tile-cache.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pv-error.h"
#include "pv-gdal-private.h"
#include "pv-task.h"
#include "pv-tile-cache.h"
#include "pv-transform.h"
#include "pv-web-source-private.h"

/* How the tiles are written:
 *
 * - The extents are brought into EPSG:3857 and cut into the tiles of each of
 *   their zoom levels (the XYZ grid: 2^z × 2^z tiles of 256 pixels).
 * - GDAL's MBTiles driver creates the file over the union of the extents at
 *   the deepest level (its origin on the tile grid of the shallowest level,
 *   so every level's tiles are whole blocks), and "NONE" overviews give the
 *   shallower levels without computing anything.
 * - Per level, per block of up to CHUNK × CHUNK tiles, GDALWarp reads the
 *   source into memory at exactly that level's grid (a web service's own
 *   overview for that level, so the service is asked for the tiles of that
 *   level only; a source in another CRS is warped with the PROJ pipeline
 *   PvTransform chose), and each tile not yet written is written into the
 *   level's band. Fully transparent tiles are not stored. */

#define MERCATOR_HALF 20037508.342789244
#define HALF_WORLD    MERCATOR_HALF
#define TILE          256
#define CHUNK         8
/* The deepest level's raster must stay within GDAL's int sizes. */
#define MAX_RASTER    ((gint64) G_MAXINT / 2)

typedef struct
{
  double xmin, ymin, xmax, ymax;  /* EPSG:3857 */
  int    min_zoom, max_zoom;
} Extent;

struct _PvTileCache
{
  char   *source;
  GArray *extents;   /* Extent */
};

/* Tile columns and rows of e at zoom z, inclusive. */
typedef struct
{
  gint64 x0, y0, x1, y1;
} TileRange;

static double
tile_span (int z)
{
  return 2.0 * MERCATOR_HALF / (double) ((gint64) 1 << z);
}

static TileRange
tile_range (const Extent *e,
            int           z)
{
  gint64 n = (gint64) 1 << z;
  double span = tile_span (z);
  TileRange r;

  r.x0 = (gint64) floor ((e->xmin + MERCATOR_HALF) / span);
  r.x1 = (gint64) ceil ((e->xmax + MERCATOR_HALF) / span) - 1;
  r.y0 = (gint64) floor ((MERCATOR_HALF - e->ymax) / span);
  r.y1 = (gint64) ceil ((MERCATOR_HALF - e->ymin) / span) - 1;
  r.x0 = CLAMP (r.x0, 0, n - 1);
  r.x1 = CLAMP (r.x1, r.x0, n - 1);
  r.y0 = CLAMP (r.y0, 0, n - 1);
  r.y1 = CLAMP (r.y1, r.y0, n - 1);
  return r;
}

PvTileCache *
pv_tile_cache_new (const char *source)
{
  PvTileCache *self;

  g_return_val_if_fail (source != NULL, NULL);

  self = g_new0 (PvTileCache, 1);
  self->source = g_strdup (source);
  self->extents = g_array_new (FALSE, FALSE, sizeof (Extent));
  return self;
}

static PvTileCache *
tile_cache_copy (PvTileCache *self)
{
  PvTileCache *copy = pv_tile_cache_new (self->source);

  g_array_append_vals (copy->extents, self->extents->data, self->extents->len);
  return copy;
}

void
pv_tile_cache_free (PvTileCache *self)
{
  if (self == NULL)
    return;
  g_free (self->source);
  g_array_unref (self->extents);
  g_free (self);
}

const char *
pv_tile_cache_get_source (PvTileCache *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->source;
}

guint
pv_tile_cache_get_n_extents (PvTileCache *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->extents->len;
}

static gboolean
to_mercator (PvCrs   *crs,
             double   xmin,
             double   ymin,
             double   xmax,
             double   ymax,
             double   out[4],
             GError **error)
{
  g_autoptr(PvCrs) mercator = NULL;
  g_autoptr(PvTransform) transform = NULL;

  if (!(isfinite (xmin) && isfinite (ymin) && isfinite (xmax) && isfinite (ymax)) ||
      xmin >= xmax || ymin >= ymax)
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("The extent %g, %g – %g, %g is empty or not a number"), xmin, ymin, xmax, ymax);
      return FALSE;
    }
  if (crs == NULL || pv_crs_get_epsg (crs) == 3857)
    {
      out[0] = xmin, out[1] = ymin, out[2] = xmax, out[3] = ymax;
    }
  else
    {
      if (!(mercator = pv_crs_new_from_epsg (3857, error)))
        return FALSE;
      if (!(transform = pv_transform_new (crs, mercator, error)))
        return FALSE;
      if (!pv_transform_bounds (transform, xmin, ymin, xmax, ymax,
                                &out[0], &out[1], &out[2], &out[3]))
        {
          g_autofree char *label = pv_crs_dup_label (crs);

          g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_FAILED,
                       _("The extent in %s cannot be brought into web mercator (EPSG:3857)"), label);
          return FALSE;
        }
    }
  out[0] = CLAMP (out[0], -MERCATOR_HALF, MERCATOR_HALF);
  out[2] = CLAMP (out[2], -MERCATOR_HALF, MERCATOR_HALF);
  out[1] = CLAMP (out[1], -MERCATOR_HALF, MERCATOR_HALF);
  out[3] = CLAMP (out[3], -MERCATOR_HALF, MERCATOR_HALF);
  if (out[0] >= out[2] || out[1] >= out[3])
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("The extent lies outside the web mercator world"));
      return FALSE;
    }
  return TRUE;
}

gboolean
pv_tile_cache_add_extent (PvTileCache  *self,
                          PvCrs        *crs,
                          double        xmin,
                          double        ymin,
                          double        xmax,
                          double        ymax,
                          int           min_zoom,
                          int           max_zoom,
                          GError      **error)
{
  Extent e;
  double m[4];

  g_return_val_if_fail (self != NULL, FALSE);

  if (min_zoom < 0 || max_zoom > PV_TILE_CACHE_MAX_ZOOM || min_zoom > max_zoom)
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("The zoom levels %d–%d are not a range within 0–%d"),
                   min_zoom, max_zoom, PV_TILE_CACHE_MAX_ZOOM);
      return FALSE;
    }
  if (!to_mercator (crs, xmin, ymin, xmax, ymax, m, error))
    return FALSE;
  e.xmin = m[0], e.ymin = m[1], e.xmax = m[2], e.ymax = m[3];
  e.min_zoom = min_zoom;
  e.max_zoom = max_zoom;
  g_array_append_val (self->extents, e);
  return TRUE;
}

int
pv_tile_cache_zoom_for_extent (PvCrs   *crs,
                               double   xmin,
                               double   ymin,
                               double   xmax,
                               double   ymax,
                               int      width_pixels,
                               GError **error)
{
  double m[4], resolution;
  int z;

  g_return_val_if_fail (width_pixels > 0, -1);

  if (!to_mercator (crs, xmin, ymin, xmax, ymax, m, error))
    return -1;
  /* Mercator units per screen pixel; the level whose pixels are at least as
   * fine. */
  resolution = (m[2] - m[0]) / width_pixels;
  z = (int) ceil (log2 (tile_span (0) / TILE / resolution) - 1e-9);
  return CLAMP (z, 0, PV_TILE_CACHE_MAX_ZOOM);
}

/* ---------------------------------------------------------------- counting */

static int
global_min_zoom (PvTileCache *self)
{
  int z = PV_TILE_CACHE_MAX_ZOOM;

  for (guint i = 0; i < self->extents->len; i++)
    z = MIN (z, g_array_index (self->extents, Extent, i).min_zoom);
  return z;
}

static int
global_max_zoom (PvTileCache *self)
{
  int z = 0;

  for (guint i = 0; i < self->extents->len; i++)
    z = MAX (z, g_array_index (self->extents, Extent, i).max_zoom);
  return z;
}

static gint64
range_count (TileRange r)
{
  return (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1);
}

/* Tiles at zoom z covered by the extents that include z, shared ones once:
 * row by row, the merged column intervals. */
static guint64
count_level (PvTileCache *self,
             int          z)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (TileRange));
  gint64 row0 = G_MAXINT64, row1 = -1;
  guint64 naive = 0, total = 0;

  for (guint i = 0; i < self->extents->len; i++)
    {
      const Extent *e = &g_array_index (self->extents, Extent, i);

      if (z < e->min_zoom || z > e->max_zoom)
        continue;
      {
        TileRange r = tile_range (e, z);

        g_array_append_val (ranges, r);
        naive += range_count (r);
        row0 = MIN (row0, r.y0);
        row1 = MAX (row1, r.y1);
      }
    }
  if (ranges->len <= 1 || row1 - row0 > 1000000)
    return naive;

  for (gint64 y = row0; y <= row1; y++)
    {
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (TileRange));
      gint64 end = -1;

      for (guint i = 0; i < ranges->len; i++)
        {
          TileRange r = g_array_index (ranges, TileRange, i);

          if (y >= r.y0 && y <= r.y1)
            g_array_append_val (spans, r);
        }
      /* Sorted by first column (few extents: insertion sort). */
      for (guint i = 1; i < spans->len; i++)
        for (guint j = i; j > 0 &&
             g_array_index (spans, TileRange, j).x0 < g_array_index (spans, TileRange, j - 1).x0; j--)
          {
            TileRange t = g_array_index (spans, TileRange, j);

            g_array_index (spans, TileRange, j) = g_array_index (spans, TileRange, j - 1);
            g_array_index (spans, TileRange, j - 1) = t;
          }
      for (guint i = 0; i < spans->len; i++)
        {
          TileRange r = g_array_index (spans, TileRange, i);
          gint64 start = MAX (r.x0, end + 1);

          if (r.x1 >= start)
            {
              total += r.x1 - start + 1;
              end = r.x1;
            }
        }
    }
  return total;
}

guint64
pv_tile_cache_count_tiles (PvTileCache *self)
{
  guint64 total = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (self->extents->len == 0)
    return 0;
  for (int z = global_min_zoom (self); z <= global_max_zoom (self); z++)
    total += count_level (self, z);
  return total;
}

/* ---------------------------------------------------------------- writing */

typedef struct
{
  PvTileCache    *self;
  GDALDatasetH    source;        /* RGB(A) or grey, any CRS */
  char           *pipeline;      /* source CRS → EPSG:3857, or NULL */
  gboolean        mercator;      /* the source is in EPSG:3857, north up */
  double          gt[6];         /* of the source when mercator */
  GDALDatasetH    output;
  int             min_zoom;
  int             max_zoom;
  gint64          origin_x;      /* the base raster's first tile at min_zoom */
  gint64          origin_y;
  guint64         total;
  guint64         done;
  guint64         written;
  PvProgressFunc  progress;
  gpointer        user_data;
  GCancellable   *cancellable;
  GHashTable     *level_done;    /* tiles of the current level handled */
} Run;

static int CPL_STDCALL
warp_progress_cb (double      complete,
                  const char *message,
                  void       *data)
{
  return !g_cancellable_is_cancelled (G_CANCELLABLE (data));
}

/* The band of level z in the output (the base, or the overview of that
 * size). */
static GDALRasterBandH
level_band (Run *run,
            int  band,
            int  z)
{
  GDALRasterBandH base = GDALGetRasterBand (run->output, band);
  int width = GDALGetRasterBandXSize (base) >> (run->max_zoom - z);

  if (z == run->max_zoom)
    return base;
  for (int k = 0; k < GDALGetOverviewCount (base); k++)
    {
      GDALRasterBandH ovr = GDALGetOverview (base, k);

      if (ovr != NULL && GDALGetRasterBandXSize (ovr) == width)
        return ovr;
    }
  return NULL;
}

/* Reads tiles r (at zoom z) of a source already in EPSG:3857 straight from
 * the source (GDAL picks the overview of that level: a tile service is
 * asked for exactly those tiles, without the margin a warp reads). Colour
 * bands, then alpha (the source's, or its mask). */
static GDALDatasetH
read_chunk (Run        *run,
            int         z,
            TileRange   r,
            GError    **error)
{
  double span = tile_span (z);
  int w = (int) (r.x1 - r.x0 + 1) * TILE, h = (int) (r.y1 - r.y0 + 1) * TILE;
  double bx0 = -HALF_WORLD + r.x0 * span, bx1 = -HALF_WORLD + (r.x1 + 1) * span;
  double by1 = HALF_WORLD - r.y0 * span, by0 = HALF_WORLD - (r.y1 + 1) * span;
  int sw = GDALGetRasterXSize (run->source), sh = GDALGetRasterYSize (run->source);
  int n_bands = GDALGetRasterCount (run->source);
  gboolean has_alpha = GDALGetRasterColorInterpretation (GDALGetRasterBand (run->source, n_bands)) ==
                       GCI_AlphaBand;
  int n_colour = has_alpha ? n_bands - 1 : n_bands;
  double fx0, fx1, fy0, fy1, cx0, cx1, cy0, cy1;
  int ox0, ox1, oy0, oy1;
  GDALDatasetH mem;
  GDALRasterIOExtraArg extra;
  gboolean aligned;

  n_colour = n_colour >= 3 ? 3 : 1;
  mem = GDALCreate (GDALGetDriverByName ("MEM"), "", w, h, n_colour + 1, GDT_Byte, NULL);
  if (mem == NULL)
    {
      _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, run->self->source,
                          _("the tiles cannot be read"));
      return NULL;
    }

  /* The chunk in source pixels, and the part of it the source covers. */
  fx0 = (bx0 - run->gt[0]) / run->gt[1];
  fx1 = (bx1 - run->gt[0]) / run->gt[1];
  fy0 = (by1 - run->gt[3]) / run->gt[5];
  fy1 = (by0 - run->gt[3]) / run->gt[5];
  cx0 = CLAMP (fx0, 0, sw), cx1 = CLAMP (fx1, 0, sw);
  cy0 = CLAMP (fy0, 0, sh), cy1 = CLAMP (fy1, 0, sh);
  ox0 = (int) round ((cx0 - fx0) / (fx1 - fx0) * w);
  ox1 = (int) round ((cx1 - fx0) / (fx1 - fx0) * w);
  oy0 = (int) round ((cy0 - fy0) / (fy1 - fy0) * h);
  oy1 = (int) round ((cy1 - fy0) / (fy1 - fy0) * h);
  if (ox1 <= ox0 || oy1 <= oy0 || cx1 <= cx0 || cy1 <= cy0)
    return mem;

  /* A source on the tile grid is copied; another is resampled. */
  aligned = fabs (fx0 - round (fx0)) < 1e-6 && fabs (fy0 - round (fy0)) < 1e-6 &&
            fabs ((fx1 - fx0) / w - round ((fx1 - fx0) / w)) < 1e-6;
  INIT_RASTERIO_EXTRA_ARG (extra);
  extra.eResampleAlg = aligned ? GRIORA_NearestNeighbour : GRIORA_Bilinear;
  extra.pfnProgress = warp_progress_cb;
  extra.pProgressData = run->cancellable;
  extra.bFloatingPointWindowValidity = TRUE;
  extra.dfXOff = cx0;
  extra.dfYOff = cy0;
  extra.dfXSize = cx1 - cx0;
  extra.dfYSize = cy1 - cy0;
  for (int b = 0; b <= n_colour; b++)
    {
      GDALRasterBandH src;
      GDALRasterBandH dst = GDALGetRasterBand (mem, b + 1);
      g_autofree guint8 *buffer = g_malloc ((gsize) (ox1 - ox0) * (oy1 - oy0));

      if (b < n_colour)
        src = GDALGetRasterBand (run->source, b + 1);
      else if (has_alpha)
        src = GDALGetRasterBand (run->source, n_bands);
      else
        src = GDALGetMaskBand (GDALGetRasterBand (run->source, 1));
      CPLErrorReset ();
      if (GDALRasterIOEx (src, GF_Read, (int) floor (cx0), (int) floor (cy0),
                          MAX (1, (int) ceil (cx1) - (int) floor (cx0)),
                          MAX (1, (int) ceil (cy1) - (int) floor (cy0)),
                          buffer, ox1 - ox0, oy1 - oy0, GDT_Byte, 0, 0, &extra) != CE_None ||
          GDALRasterIO (dst, GF_Write, ox0, oy0, ox1 - ox0, oy1 - oy0, buffer, ox1 - ox0, oy1 - oy0,
                        GDT_Byte, 0, 0) != CE_None)
        {
          GDALClose (mem);
          if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
            return NULL;
          _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, run->self->source,
                              _("the tiles cannot be read"));
          return NULL;
        }
    }
  return mem;
}

/* Reads tiles r (at zoom z) of the source into memory at that level's grid. */
static GDALDatasetH
warp_chunk (Run        *run,
            int         z,
            TileRange   r,
            GError    **error)
{
  double span = tile_span (z);
  g_autofree char *te0 = g_strdup_printf ("%.10f", -MERCATOR_HALF + r.x0 * span);
  g_autofree char *te1 = g_strdup_printf ("%.10f", MERCATOR_HALF - (r.y1 + 1) * span);
  g_autofree char *te2 = g_strdup_printf ("%.10f", -MERCATOR_HALF + (r.x1 + 1) * span);
  g_autofree char *te3 = g_strdup_printf ("%.10f", MERCATOR_HALF - r.y0 * span);
  g_autofree char *ts0 = g_strdup_printf ("%d", (int) (r.x1 - r.x0 + 1) * TILE);
  g_autofree char *ts1 = g_strdup_printf ("%d", (int) (r.y1 - r.y0 + 1) * TILE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  GDALWarpAppOptions *options;
  GDALDatasetH result;
  int usage_error = FALSE;
  int n_bands = GDALGetRasterCount (run->source);
  gboolean has_alpha = GDALGetRasterColorInterpretation (GDALGetRasterBand (run->source, n_bands)) ==
                       GCI_AlphaBand;

  g_ptr_array_add (argv, "-of");
  g_ptr_array_add (argv, "MEM");
  g_ptr_array_add (argv, "-t_srs");
  g_ptr_array_add (argv, "EPSG:3857");
  g_ptr_array_add (argv, "-te");
  g_ptr_array_add (argv, te0);
  g_ptr_array_add (argv, te1);
  g_ptr_array_add (argv, te2);
  g_ptr_array_add (argv, te3);
  g_ptr_array_add (argv, "-ts");
  g_ptr_array_add (argv, ts0);
  g_ptr_array_add (argv, ts1);
  g_ptr_array_add (argv, "-r");
  g_ptr_array_add (argv, "bilinear");
  if (!has_alpha)
    g_ptr_array_add (argv, "-dstalpha");
  if (run->pipeline != NULL)
    {
      g_ptr_array_add (argv, "-ct");
      g_ptr_array_add (argv, run->pipeline);
    }
  g_ptr_array_add (argv, NULL);

  options = GDALWarpAppOptionsNew ((char **) argv->pdata, NULL);
  GDALWarpAppOptionsSetProgress (options, warp_progress_cb, run->cancellable);
  CPLErrorReset ();
  result = GDALWarp ("", NULL, 1, &run->source, options, &usage_error);
  GDALWarpAppOptionsFree (options);
  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    {
      g_clear_pointer (&result, GDALClose);
      return NULL;
    }
  if (result == NULL)
    _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, run->self->source,
                        _("the tiles cannot be read"));
  return result;
}

static gboolean
write_chunk (Run        *run,
             int         z,
             TileRange   r,
             GError    **error)
{
  g_auto(GDALDatasetH) chunk = NULL;
  g_autofree guint8 *pixels = NULL;
  int n_bands;
  gint64 level_x0 = run->origin_x << (z - run->min_zoom);
  gint64 level_y0 = run->origin_y << (z - run->min_zoom);
  gboolean any = FALSE;

  for (gint64 ty = r.y0; ty <= r.y1 && !any; ty++)
    for (gint64 tx = r.x0; tx <= r.x1 && !any; tx++)
      {
        gint64 key = (ty << 32) | tx;

        any = !g_hash_table_contains (run->level_done, &key);
      }
  if (!any)
    return TRUE;

  if (!(chunk = run->mercator ? read_chunk (run, z, r, error) : warp_chunk (run, z, r, error)))
    return FALSE;
  n_bands = GDALGetRasterCount (chunk);
  pixels = g_malloc ((gsize) TILE * TILE * 4);

  for (gint64 ty = r.y0; ty <= r.y1; ty++)
    for (gint64 tx = r.x0; tx <= r.x1; tx++)
      {
        gint64 key = (ty << 32) | tx;
        int cx = (int) (tx - r.x0) * TILE, cy = (int) (ty - r.y0) * TILE;
        gboolean empty = TRUE;

        if (g_hash_table_contains (run->level_done, &key))
          continue;
        g_hash_table_add (run->level_done, g_memdup2 (&key, sizeof key));

        /* RGBA from what the warp made: grey (+ alpha), RGB (+ alpha). */
        for (int c = 0; c < 4; c++)
          {
            int src;

            if (c == 3)
              src = n_bands;
            else
              src = n_bands >= 3 ? c + 1 : 1;
            CPLErrorReset ();
            if (GDALRasterIO (GDALGetRasterBand (chunk, src), GF_Read, cx, cy, TILE, TILE,
                              pixels + (gsize) c * TILE * TILE, TILE, TILE, GDT_Byte, 0, 0) != CE_None)
              {
                _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, run->self->source,
                                    _("the tiles cannot be read"));
                return FALSE;
              }
          }
        for (gsize i = 0; i < (gsize) TILE * TILE && empty; i++)
          empty = pixels[3 * (gsize) TILE * TILE + i] == 0;

        if (!empty)
          {
            int px = (int) (tx - level_x0) * TILE;
            int py = (int) (ty - level_y0) * TILE;

            for (int c = 0; c < 4; c++)
              {
                GDALRasterBandH band = level_band (run, c + 1, z);

                CPLErrorReset ();
                if (band == NULL ||
                    GDALRasterIO (band, GF_Write, px, py, TILE, TILE,
                                  pixels + (gsize) c * TILE * TILE, TILE, TILE, GDT_Byte, 0, 0) != CE_None)
                  {
                    _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED,
                                        GDALGetDescription (run->output),
                                        _("the tiles cannot be written"));
                    return FALSE;
                  }
              }
            run->written++;
          }
        run->done++;
        if (run->progress != NULL)
          run->progress ((double) run->done / MAX (run->total, 1), run->self->source, run->user_data);
      }
  return TRUE;
}

static gboolean
write_level (Run     *run,
             int      z,
             GError **error)
{
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  run->level_done = done;
  for (guint i = 0; i < run->self->extents->len; i++)
    {
      const Extent *e = &g_array_index (run->self->extents, Extent, i);
      TileRange all;

      if (z < e->min_zoom || z > e->max_zoom)
        continue;
      all = tile_range (e, z);
      for (gint64 y = all.y0; y <= all.y1; y += CHUNK)
        for (gint64 x = all.x0; x <= all.x1; x += CHUNK)
          {
            TileRange r = { x, y, MIN (x + CHUNK - 1, all.x1), MIN (y + CHUNK - 1, all.y1) };

            if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
              return FALSE;
            if (!write_chunk (run, z, r, error))
              return FALSE;
          }
    }
  run->level_done = NULL;
  return TRUE;
}

/* The source as GDAL opens it, palettes expanded to RGBA. */
static GDALDatasetH
open_source (PvTileCache  *self,
             char        **pipeline,
             gboolean     *mercator,
             GError      **error)
{
  g_autofree char *gdal_name = NULL;
  GDALDatasetH dataset;
  g_autoptr(PvCrs) crs = NULL;
  g_autoptr(PvCrs) mercator_crs = NULL;
  g_autofree char *display = NULL;

  if (pv_web_source_get_service (self->source) != PV_WEB_SERVICE_NONE)
    {
      if (pv_web_source_get_service (self->source) == PV_WEB_SERVICE_OAPIF)
        {
          g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                       _("%s: an OGC API Features service has features, not tiles to cache"),
                       self->source);
          return NULL;
        }
      if (!_pv_web_source_check_online (self->source, error))
        return NULL;
    }
  gdal_name = _pv_web_source_dup_gdal_name (self->source);
  CPLErrorReset ();
  dataset = GDALOpenEx (gdal_name, GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                        NULL, NULL, NULL);
  if (dataset == NULL)
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED, self->source,
                          _("not a readable raster or web map"));
      return NULL;
    }
  display = g_filename_display_name (self->source);
  if (GDALGetRasterCount (dataset) == 0)
    {
      GDALClose (dataset);
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_EMPTY,
                   _("%s: no raster to cache (a service: choose one of its layers)"), display);
      return NULL;
    }
  if (!(crs = _pv_crs_new_from_osr (GDALGetSpatialRef (dataset))))
    {
      GDALClose (dataset);
      g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_UNKNOWN,
                   _("%s: the raster does not say which coordinate system it uses"), display);
      return NULL;
    }
  *mercator = pv_crs_get_epsg (crs) == 3857;
  if (!*mercator && (mercator_crs = pv_crs_new_from_epsg (3857, NULL)) != NULL)
    {
      g_autoptr(PvTransform) transform = pv_transform_new (crs, mercator_crs, NULL);

      if (transform != NULL && pv_transform_get_pipeline (transform) != NULL)
        *pipeline = g_strdup (pv_transform_get_pipeline (transform));
    }
  if (GDALGetRasterColorTable (GDALGetRasterBand (dataset, 1)) != NULL)
    {
      char *argv[] = { "-of", "VRT", "-expand", "rgba", NULL };
      GDALTranslateOptions *options = GDALTranslateOptionsNew (argv, NULL);
      g_autofree char *vrt = g_strdup_printf ("/vsimem/pv-tile-cache-%p.vrt", (void *) self);
      GDALDatasetH expanded = GDALTranslate (vrt, dataset, options, NULL);

      GDALTranslateOptionsFree (options);
      if (expanded == NULL)
        {
          GDALClose (dataset);
          _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED, self->source,
                              _("the palette cannot be expanded"));
          return NULL;
        }
      /* The VRT holds its own reference to the source. */
      GDALClose (dataset);
      VSIUnlink (vrt);
      dataset = expanded;
    }
  return dataset;
}

gboolean
pv_tile_cache_write (PvTileCache    *self,
                     const char     *output,
                     guint64         max_tiles,
                     PvProgressFunc  progress,
                     gpointer        user_data,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autofree char *partial = NULL;
  g_autofree char *display = NULL;
  g_autofree char *pipeline = NULL;
  g_auto(GDALDatasetH) source = NULL;
  GDALDatasetH out;
  GDALDriverH driver;
  Run run = { 0 };
  TileRange base = { G_MAXINT64, G_MAXINT64, -1, -1 };
  gint64 width, height;
  int zmin, zmax;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);

  display = g_filename_display_name (output);
  if (max_tiles == 0)
    max_tiles = PV_TILE_CACHE_DEFAULT_LIMIT;
  if (self->extents->len == 0)
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("%s: no extent to cache tiles for"), display);
      return FALSE;
    }
  run.total = pv_tile_cache_count_tiles (self);
  if (run.total > max_tiles)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, run.total);
      g_autofree char *limit = g_strdup_printf ("%" G_GUINT64_FORMAT, max_tiles);

      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   /* translators: the output file, the tile count, the limit */
                   _("%s: caching would fetch %s tiles, more than the limit of %s; "
                     "choose fewer zoom levels or a smaller area"),
                   display, count, limit);
      return FALSE;
    }

  if (!(source = open_source (self, &pipeline, &run.mercator, error)))
    return FALSE;
  if (run.mercator &&
      (GDALGetGeoTransform (source, run.gt) != CE_None || run.gt[2] != 0 || run.gt[4] != 0 ||
       !(run.gt[1] > 0) || !(run.gt[5] < 0)))
    run.mercator = FALSE;

  /* The deepest level's raster, its origin on the shallowest level's grid. */
  zmin = global_min_zoom (self);
  zmax = global_max_zoom (self);
  for (guint i = 0; i < self->extents->len; i++)
    {
      TileRange r = tile_range (&g_array_index (self->extents, Extent, i), zmin);

      base.x0 = MIN (base.x0, r.x0);
      base.y0 = MIN (base.y0, r.y0);
      base.x1 = MAX (base.x1, r.x1);
      base.y1 = MAX (base.y1, r.y1);
    }
  width = (base.x1 - base.x0 + 1) * TILE << (zmax - zmin);
  height = (base.y1 - base.y0 + 1) * TILE << (zmax - zmin);
  if (width > MAX_RASTER || height > MAX_RASTER)
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("%s: the areas are too far apart for zoom levels %d–%d in one file"),
                   display, zmin, zmax);
      return FALSE;
    }

  driver = GDALGetDriverByName ("MBTiles");
  if (driver == NULL)
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED,
                   _("%s: this GDAL cannot write MBTiles"), display);
      return FALSE;
    }
  partial = g_strconcat (output, ".part", NULL);
  g_unlink (partial);
  {
    g_autofree char *name = g_path_get_basename (output);
    g_autofree char *name_option = g_strconcat ("NAME=", name, NULL);
    char *options[] = { "TILE_FORMAT=PNG", "BLOCKSIZE=256", name_option, NULL };
    double span = tile_span (zmax) / TILE;
    double gt[6] = {
      -MERCATOR_HALF + base.x0 * tile_span (zmin), span, 0,
      MERCATOR_HALF - base.y0 * tile_span (zmin), 0, -span
    };

    CPLErrorReset ();
    out = GDALCreate (driver, partial, (int) width, (int) height, 4, GDT_Byte, options);
    if (out == NULL)
      {
        _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, output,
                            _("the tile cache cannot be created"));
        return FALSE;
      }
    if (GDALSetProjection (out, "EPSG:3857") != CE_None ||
        GDALSetGeoTransform (out, gt) != CE_None)
      {
        _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, output,
                            _("the tile cache cannot be created"));
        ok = FALSE;
      }
  }
  if (ok && zmax > zmin)
    {
      g_autofree int *factors = g_new (int, zmax - zmin);

      for (int k = 0; k < zmax - zmin; k++)
        factors[k] = 1 << (k + 1);
      CPLErrorReset ();
      if (GDALBuildOverviews (out, "NONE", zmax - zmin, factors, 0, NULL, NULL, NULL) != CE_None)
        {
          _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, output,
                              _("the zoom levels cannot be created"));
          ok = FALSE;
        }
    }

  run.self = self;
  run.source = source;
  run.pipeline = pipeline;
  run.output = out;
  run.min_zoom = zmin;
  run.max_zoom = zmax;
  run.origin_x = base.x0;
  run.origin_y = base.y0;
  run.progress = progress;
  run.user_data = user_data;
  run.cancellable = cancellable;
  if (progress != NULL)
    progress (0.0, self->source, user_data);
  for (int z = zmax; ok && z >= zmin; z--)
    ok = write_level (&run, z, error);

  if (ok)
    {
      g_autofree char *minzoom = g_strdup_printf ("%d", zmin);

      GDALSetMetadataItem (out, "minzoom", minzoom, NULL);
    }
  CPLErrorReset ();
  GDALClose (out);
  if (ok && CPLGetLastErrorType () >= CE_Failure)
    {
      _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, output,
                          _("the tile cache cannot be written"));
      ok = FALSE;
    }
  if (ok && g_rename (partial, output) != 0)
    {
      int saved = errno;

      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED,
                   _("%s: cannot be written (%s)"), display, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (partial);
  g_debug ("%s: %" G_GUINT64_FORMAT " tiles of %" G_GUINT64_FORMAT " stored, zoom %d–%d",
           output, run.written, run.total, zmin, zmax);
  return ok;
}

typedef struct
{
  PvTileCache    *cache;
  char           *output;
  guint64         max_tiles;
  PvProgressFunc  progress;
  gpointer        user_data;
} WriteData;

static void
write_data_free (WriteData *data)
{
  pv_tile_cache_free (data->cache);
  g_free (data->output);
  g_free (data);
}

static void
write_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (pv_tile_cache_write (data->cache, data->output, data->max_tiles, data->progress,
                           data->user_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pv_tile_cache_write_async (PvTileCache         *self,
                           const char          *output,
                           guint64              max_tiles,
                           PvProgressFunc       progress,
                           gpointer             user_data,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             callback_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, callback_data);
  WriteData *data = g_new0 (WriteData, 1);

  g_return_if_fail (self != NULL);
  g_return_if_fail (output != NULL);

  data->cache = tile_cache_copy (self);
  data->output = g_strdup (output);
  data->max_tiles = max_tiles;
  data->progress = progress;
  data->user_data = user_data;
  g_task_set_source_tag (task, pv_tile_cache_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  pv_task_run_in_thread (task, write_worker);
}

gboolean
pv_tile_cache_write_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
