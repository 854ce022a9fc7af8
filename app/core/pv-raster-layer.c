/* pv-raster-layer.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_utils.h>
#include <gdalwarper.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pv-error.h"
#include "pv-gdal-private.h"
#include "pv-raster-layer-private.h"
#include "pv-transform.h"
#include "pv-web-source-private.h"

/* How a raster is read:
 *
 * - The layer keeps a small pool of GDAL handles on the file, one per thread
 *   that is drawing at the moment (stripes of one frame draw in parallel), so
 *   no GDAL handle is ever used by two threads at once.
 * - prepare() decides, per map CRS, which dataset is read: the file itself
 *   when it is already in the map CRS (or either CRS is unknown), else a GDAL
 *   warped VRT into the map CRS, created with the PROJ pipeline PvTransform
 *   chose (VN-2000 goes through the official parameters). Every handle builds
 *   its own warped VRT from the same inputs, so all stripes see one grid.
 * - render() maps the visible part of the cairo clip back to source pixels,
 *   picks the overview just finer than the view, reads that window resampled
 *   to about the visible device pixels, converts it to premultiplied ARGB32
 *   and paints it with the full affine pixel → device matrix (rotated
 *   geotransforms included). Memory follows the view, never the file.
 * - The last reads are cached, so the same view repaints without GDAL.
 */

#define MAX_FREE_HANDLES   8
#define MAX_PREPARED       4
#define MAX_CACHED_READS   16
#define MAX_CACHED_BYTES   ((gsize) 256 * 1024 * 1024)
/* Device pixels added around the visible part, for the resampling filters. */
#define DEVICE_MARGIN      2.0
/* Without a fitting overview, bilinear resampling would read every pixel of
 * the level; beyond this reduction nearest neighbour reads only a sample. */
#define MAX_BILINEAR_RATIO 4.0
/* Pixels sampled for the min/max stretch. */
#define STATS_SIZE         256
/* The most source pixels decoded for the stretch's sample, and for one
 * frame: a raster of 10^6 × 10^6 pixels without overviews would take hours
 * to sample whole (read_cost()). */
#define MAX_STATS_COST     ((double) 64 * 1024 * 1024)
#define MAX_FRAME_COST     ((double) 512 * 1024 * 1024)
/* Cairo coordinates beyond this overflow its fixed point. */
#define MAX_DEVICE_COORD   1.0e6
/* Vector output reads and embeds a raster in strips of at most this many
 * pixels (16 MB each as ARGB32). */
#define PRINT_STRIP_PIXELS ((double) 4 * 1024 * 1024)

typedef enum
{
  KIND_GREY,
  KIND_RGB,
  KIND_PALETTE,
  KIND_PSEUDOCOLOR,
} Kind;

/* What the style resolves to on this layer (bands, stretch values, tables):
 * immutable, shared by the Prepared built for it. */
typedef struct
{
  gatomicrefcount     ref_count;
  PvRasterStyle      *style;
  Kind                kind;
  int                 n_colour_bands; /* 1 or 3 */
  int                 colour_bands[3];
  int                 alpha_band;     /* 0: none */
  gboolean            use_mask;       /* a per-dataset mask that is not an alpha band */
  gboolean            has_nodata[3];
  double              nodata[3];
  gboolean            stretch[3];
  double              stretch_min[3];
  double              stretch_max[3];
  guint8             *palette;        /* n_palette × RGBA */
  guint               n_palette;
  guint8              ramp[256 * 3];  /* pseudocolour: RGB per stretched value */
  PvRasterResampling  resampling;
} Look;

/* A sample of one band's valid values, sorted, for the stretches. */
typedef struct
{
  gboolean  computed;
  double   *values;
  gsize     n_values;
} BandStats;

/* What the editor shows about a band. */
typedef struct
{
  const char *data_type;   /* GDAL's static strings */
  const char *color;
  gboolean    has_color_table;
  gboolean    has_nodata;
  double      nodata;
} BandInfo;

typedef struct
{
  int      width;
  int      height;
  int      block_width;
  int      block_height;
} Level;

typedef struct
{
  gatomicrefcount  ref_count;
  PvCrs           *target;    /* the map CRS warped to; NULL: the file's own grid */
  guint            generation; /* the layer's, when built: a new layer CRS rebuilds */
  gboolean         warped;
  char            *dst_wkt;   /* NULL: the source's own (GCPs) */
  char            *pipeline;  /* COORDINATE_OPERATION, or NULL */
  double           gt[6];     /* of the dataset read, pixel → map CRS */
  int              width;
  int              height;
  Level           *levels;    /* 0: full resolution, k: overview k - 1 */
  int              n_levels;
  Look            *look;      /* what it reads and how it colours */
} Prepared;

typedef struct
{
  GDALDatasetH  dataset;   /* a handle on the file */
  Prepared     *warp_for;  /* what warped was built for */
  GDALDatasetH  subset;    /* the part of dataset warped, or NULL: all of it */
  GDALDatasetH  warped;
} Handle;

typedef struct
{
  Prepared        *prepared;
  int              level;
  int              x, y, w, h;
  int              bw, bh;
  GDALRIOResampleAlg alg;
  cairo_surface_t *surface;
} CachedRead;

struct _PvRasterLayer
{
  PvLayer          parent_instance;

  char            *path;
  char            *gdal_name;      /* what GDAL opens (a web source's description), or NULL: path */
  char            *driver_name;
  char            *data_type_name;
  int              width;
  int              height;
  int              n_bands;
  int              n_overviews;
  gboolean         georeferenced;
  gboolean         has_gcps;
  double           gt[6];          /* pixel → layer CRS (or pixel space) */
  double           extent[4];

  /* What the file holds (the default style draws it so). */
  Kind             kind;
  int              n_colour_bands; /* 1 or 3 */
  int              colour_bands[3];
  int              alpha_band;     /* 0: none */
  BandInfo        *bands;          /* n_bands */

  GMutex           mutex;          /* guards everything below */
  Look            *look;           /* the current style, resolved */
  BandStats       *stats;          /* n_bands, filled on demand */
  GPtrArray       *prepared;       /* Prepared, most recent last */
  GPtrArray       *free_handles;   /* Handle */
  GQueue           cache;          /* CachedRead, most recent first */
  gsize            cache_bytes;
  PvRasterReadInfo last_read;
};

G_DEFINE_FINAL_TYPE (PvRasterLayer, pv_raster_layer, PV_TYPE_LAYER)

/* ---------------------------------------------------------------- helpers */

static void
look_unref (Look *look)
{
  if (look == NULL || !g_atomic_ref_count_dec (&look->ref_count))
    return;
  g_clear_object (&look->style);
  g_free (look->palette);
  g_free (look);
}

static Look *
look_ref (Look *look)
{
  g_atomic_ref_count_inc (&look->ref_count);
  return look;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Look, look_unref)

static void
prepared_unref (Prepared *p)
{
  if (p == NULL || !g_atomic_ref_count_dec (&p->ref_count))
    return;
  g_clear_pointer (&p->look, look_unref);
  g_clear_object (&p->target);
  g_free (p->dst_wkt);
  g_free (p->pipeline);
  g_free (p->levels);
  g_free (p);
}

static Prepared *
prepared_ref (Prepared *p)
{
  g_atomic_ref_count_inc (&p->ref_count);
  return p;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prepared, prepared_unref)

static Prepared *
prepared_new (PvCrs *target)
{
  Prepared *p = g_new0 (Prepared, 1);

  g_atomic_ref_count_init (&p->ref_count);
  p->target = target ? g_object_ref (target) : NULL;
  return p;
}

static void
handle_free (Handle *h)
{
  if (h == NULL)
    return;
  /* The warped VRT references the dataset: close it first. */
  g_clear_pointer (&h->warped, GDALClose);
  g_clear_pointer (&h->subset, GDALClose);
  g_clear_pointer (&h->warp_for, prepared_unref);
  g_clear_pointer (&h->dataset, GDALClose);
  g_free (h);
}

static void
cached_read_free (CachedRead *c)
{
  g_clear_pointer (&c->prepared, prepared_unref);
  g_clear_pointer (&c->surface, cairo_surface_destroy);
  g_free (c);
}

static gboolean
crs_equal_or_both_null (PvCrs *a,
                        PvCrs *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a == b || pv_crs_equals (a, b);
}

static int CPL_STDCALL
progress_cb (double      complete,
             const char *message,
             void       *data)
{
  return !g_cancellable_is_cancelled (G_CANCELLABLE (data));
}

static gboolean
block_size_too_large (int bx,
                      int by)
{
  return bx <= 0 || by <= 0 || (gsize) bx * (gsize) by > PV_MAX_READ_PIXELS;
}

static gboolean
blocks_too_large (GDALRasterBandH band)
{
  int bx = 0, by = 0;

  GDALGetBlockSize (band, &bx, &by);
  return block_size_too_large (bx, by);
}

static void
set_too_large_error (PvRasterLayer  *self,
                     int             bx,
                     int             by,
                     GError        **error)
{
  g_autofree char *display = g_filename_display_name (self->path);

  /* translators: the file, then the block size in pixels it claims */
  g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
               _("%s: the raster is stored in blocks of %d × %d pixels, too large to read"),
               display, bx, by);
}

/* Source pixels GDAL decodes to read the window (x, y, w, h) of a level
 * stored in bx × by blocks into bw × bh buffer pixels: every block that the
 * sampled rows and columns meet (all the window's blocks unless the read
 * samples nearest neighbours). */
static double
read_cost (int                bx,
           int                by,
           int                x,
           int                y,
           int                w,
           int                h,
           int                bw,
           int                bh,
           GDALRIOResampleAlg alg)
{
  double nx, ny;

  if (bx <= 0 || by <= 0 || w <= 0 || h <= 0)
    return 0;
  nx = (x + w - 1) / bx - x / bx + 1;
  ny = (y + h - 1) / by - y / by + 1;
  if (alg == GRIORA_NearestNeighbour)
    {
      nx = MIN (nx, bw);
      ny = MIN (ny, bh);
    }
  return nx * ny * bx * by;
}

/* The band of a level: 0 is the band itself, k the overview k - 1. */
static GDALRasterBandH
level_band (GDALRasterBandH band,
            int             level)
{
  return level == 0 ? band : GDALGetOverview (band, level - 1);
}

/* ---------------------------------------------------------------- handles */

static GDALDatasetH
open_dataset (const char *path)
{
  return GDALOpenEx (path, GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                     NULL, NULL, NULL);
}

static Handle *
acquire_handle (PvRasterLayer  *self,
                GError        **error)
{
  Handle *h = NULL;

  /* A web layer's open datasets would still fetch (GDAL's WMS driver does
   * not go through the HTTP fetch callback pv-trust refuses with): with
   * online sources off, GDAL is not asked at all. */
  if (self->gdal_name != NULL && !_pv_web_source_check_online (self->path, error))
    return NULL;

  g_mutex_lock (&self->mutex);
  if (self->free_handles->len > 0)
    h = g_ptr_array_steal_index (self->free_handles, self->free_handles->len - 1);
  g_mutex_unlock (&self->mutex);
  if (h != NULL)
    return h;

  CPLErrorReset ();
  h = g_new0 (Handle, 1);
  if (!(h->dataset = open_dataset (self->gdal_name ? self->gdal_name : self->path)))
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND, self->path,
                          _("the raster cannot be opened again"));
      handle_free (h);
      return NULL;
    }
  return h;
}

static void
release_handle (PvRasterLayer *self,
                Handle        *h)
{
  g_mutex_lock (&self->mutex);
  if (self->free_handles->len < MAX_FREE_HANDLES)
    {
      g_ptr_array_add (self->free_handles, h);
      h = NULL;
    }
  g_mutex_unlock (&self->mutex);
  handle_free (h);
}

/* A warped VRT of dataset for p: colour bands 1..n, then an alpha band that
 * is 0 outside the source and where the source is nodata or masked. */
static GDALDatasetH
create_warped (PvRasterLayer  *self,
               GDALDatasetH    dataset,
               Prepared       *p,
               GError        **error)
{
  GDALWarpOptions *options = GDALCreateWarpOptions ();
  const Look *look = p->look;
  GDALResampleAlg alg = GRA_Bilinear;
  GDALDatasetH warped = NULL;

  /* Palette indices are never interpolated. */
  if (look->kind == KIND_PALETTE)
    alg = GRA_NearestNeighbour;
  else
    switch (look->resampling)
      {
      case PV_RASTER_RESAMPLING_NEAREST:
        alg = GRA_NearestNeighbour;
        break;
      case PV_RASTER_RESAMPLING_CUBIC:
        alg = GRA_Cubic;
        break;
      case PV_RASTER_RESAMPLING_AVERAGE:
        alg = GRA_Average;
        break;
      case PV_RASTER_RESAMPLING_AUTO:
      case PV_RASTER_RESAMPLING_BILINEAR:
      default:
        alg = GRA_Bilinear;
        break;
      }

  options->nBandCount = look->n_colour_bands;
  options->panSrcBands = CPLMalloc (sizeof (int) * look->n_colour_bands);
  options->panDstBands = CPLMalloc (sizeof (int) * look->n_colour_bands);
  for (int i = 0; i < look->n_colour_bands; i++)
    {
      options->panSrcBands[i] = look->colour_bands[i];
      options->panDstBands[i] = i + 1;
    }
  options->nSrcAlphaBand = look->alpha_band;
  options->nDstAlphaBand = look->n_colour_bands + 1;

  CPLErrorReset ();
  if (p->pipeline != NULL)
    {
      g_autofree char *co = g_strconcat ("COORDINATE_OPERATION=", p->pipeline, NULL);
      char *transformer_options[] = { co, NULL };

      warped = GDALAutoCreateWarpedVRTEx (dataset, NULL, p->dst_wkt, alg, 0.125, options,
                                          (CSLConstList) transformer_options);
      g_mutex_lock (&self->mutex);
      self->last_read.warped_with_pipeline = warped != NULL;
      g_mutex_unlock (&self->mutex);
      if (warped == NULL)
        {
          g_debug ("%s: warping with “%s” failed (%s); using the CRS definitions",
                   self->path, p->pipeline, CPLGetLastErrorMsg ());
          CPLErrorReset ();
        }
    }
  if (warped == NULL)
    warped = GDALAutoCreateWarpedVRTEx (dataset, NULL, p->dst_wkt, alg, 0.125, options, NULL);
  GDALDestroyWarpOptions (options);

  if (warped == NULL)
    _pv_set_gdal_error (error, PV_CRS_ERROR, PV_CRS_ERROR_NO_OPERATION, self->path,
                        _("the raster cannot be reprojected into the map’s coordinate system"));
  return warped;
}

/* A raster that covers far more than the map CRS is meant for (a web map of
 * the whole world in EPSG:3857, drawn in VN-2000) is warped only around the
 * map CRS's area of use, with a margin of WARP_MARGIN degrees: a transverse
 * Mercator grid of the whole world would be meaningless, and its resolution
 * (GDAL's average over that extent) far from the source's where the map is.
 * Returns a VRT of that window (it keeps the dataset's overviews), or NULL
 * to warp the whole dataset. */
#define WARP_MARGIN 2.0

static GDALDatasetH
create_subset (PvRasterLayer *self,
               GDALDatasetH   dataset,
               Prepared      *p)
{
  PvCrs *crs = pv_layer_get_crs (PV_LAYER (self));
  g_autoptr(PvCrs) wgs84 = NULL;
  g_autoptr(PvTransform) transform = NULL;
  double area[4], box[4], inverse[6];
  double px[2], py[2];
  int x0, y0, x1, y1;

  if (p->target == NULL || crs == NULL || self->has_gcps || self->gt[2] != 0 || self->gt[4] != 0)
    return NULL;
  if (!pv_crs_get_area_of_use (p->target, &area[0], &area[1], &area[2], &area[3]) ||
      area[0] > area[2])
    return NULL;
  area[0] = MAX (area[0] - WARP_MARGIN, -180.0);
  area[1] = MAX (area[1] - WARP_MARGIN, -85.0);
  area[2] = MIN (area[2] + WARP_MARGIN, 180.0);
  area[3] = MIN (area[3] + WARP_MARGIN, 85.0);
  if (!(wgs84 = pv_crs_new_from_epsg (4326, NULL)) ||
      !(transform = pv_transform_new (wgs84, crs, NULL)) ||
      !pv_transform_bounds (transform, area[0], area[1], area[2], area[3],
                            &box[0], &box[1], &box[2], &box[3]) ||
      !GDALInvGeoTransform (self->gt, inverse))
    return NULL;
  for (int i = 0; i < 2; i++)
    {
      double x = box[2 * i], y = box[2 * i + 1];

      px[i] = inverse[0] + x * inverse[1] + y * inverse[2];
      py[i] = inverse[3] + x * inverse[4] + y * inverse[5];
    }
  x0 = (int) CLAMP (floor (MIN (px[0], px[1])), 0, self->width);
  x1 = (int) CLAMP (ceil (MAX (px[0], px[1])), 0, self->width);
  y0 = (int) CLAMP (floor (MIN (py[0], py[1])), 0, self->height);
  y1 = (int) CLAMP (ceil (MAX (py[0], py[1])), 0, self->height);
  /* Nothing to gain, or nothing there (the warp says so itself). */
  if (x1 - x0 <= 0 || y1 - y0 <= 0 ||
      ((double) (x1 - x0) > 0.9 * self->width && (double) (y1 - y0) > 0.9 * self->height))
    return NULL;
  {
    g_autofree char *sx = g_strdup_printf ("%d", x0);
    g_autofree char *sy = g_strdup_printf ("%d", y0);
    g_autofree char *sw = g_strdup_printf ("%d", x1 - x0);
    g_autofree char *sh = g_strdup_printf ("%d", y1 - y0);
    char *argv[] = { "-of", "VRT", "-srcwin", sx, sy, sw, sh, NULL };
    GDALTranslateOptions *options = GDALTranslateOptionsNew (argv, NULL);
    GDALDatasetH subset = GDALTranslate ("", dataset, options, NULL);

    GDALTranslateOptionsFree (options);
    if (subset == NULL)
      CPLErrorReset ();
    return subset;
  }
}

/* The dataset to read for p, on a handle the caller holds. */
static GDALDatasetH
handle_get_dataset (PvRasterLayer  *self,
                    Handle         *h,
                    Prepared       *p,
                    GError        **error)
{
  if (!p->warped)
    return h->dataset;
  if (h->warp_for != p)
    {
      g_clear_pointer (&h->warped, GDALClose);
      g_clear_pointer (&h->subset, GDALClose);
      g_clear_pointer (&h->warp_for, prepared_unref);
      h->subset = create_subset (self, h->dataset, p);
      if (!(h->warped = create_warped (self, h->subset ? h->subset : h->dataset, p, error)))
        return NULL;
      h->warp_for = prepared_ref (p);
      g_mutex_lock (&self->mutex);
      self->last_read.n_warped++;
      g_mutex_unlock (&self->mutex);
    }
  return h->warped;
}

/* ---------------------------------------------------------------- GObject */

static void
clear_cache (PvRasterLayer *self)
{
  g_queue_clear_full (&self->cache, (GDestroyNotify) cached_read_free);
  self->cache_bytes = 0;
}

static void
pv_raster_layer_finalize (GObject *object)
{
  PvRasterLayer *self = PV_RASTER_LAYER (object);

  clear_cache (self);
  g_clear_pointer (&self->free_handles, g_ptr_array_unref);
  g_clear_pointer (&self->prepared, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->gdal_name, g_free);
  g_clear_pointer (&self->driver_name, g_free);
  g_clear_pointer (&self->data_type_name, g_free);
  g_clear_pointer (&self->look, look_unref);
  for (int i = 0; self->stats != NULL && i < self->n_bands; i++)
    g_free (self->stats[i].values);
  g_clear_pointer (&self->stats, g_free);
  g_clear_pointer (&self->bands, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pv_raster_layer_parent_class)->finalize (object);
}

/* ---------------------------------------------------------------- prepare */

/* NULL when the file's own grid serves map_crs. */
static PvCrs *
warp_target (PvRasterLayer *self,
             PvCrs         *map_crs)
{
  PvCrs *crs = pv_layer_get_crs (PV_LAYER (self));

  if (crs != NULL && map_crs != NULL && !pv_crs_equals (crs, map_crs))
    return map_crs;
  return NULL;
}

static Prepared *
lookup_prepared (PvRasterLayer *self,
                 PvCrs         *target)
{
  Prepared *found = NULL;

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->prepared->len; i++)
    {
      Prepared *p = self->prepared->pdata[i];

      if (crs_equal_or_both_null (p->target, target) && p->look == self->look &&
          p->generation == _pv_layer_get_generation (PV_LAYER (self)))
        {
          found = prepared_ref (p);
          break;
        }
    }
  g_mutex_unlock (&self->mutex);
  return found;
}

/* Builds what reading in target needs; a warped VRT is made on one handle to
 * learn its grid, and that handle keeps it for the first render. */
static Prepared *
build_prepared (PvRasterLayer  *self,
                PvCrs          *target,
                GError        **error)
{
  g_autoptr(Prepared) p = prepared_new (target);
  PvCrs *crs = pv_layer_get_crs (PV_LAYER (self));
  GDALDatasetH dataset;
  Handle *h;

  p->generation = _pv_layer_get_generation (PV_LAYER (self));
  g_mutex_lock (&self->mutex);
  p->look = look_ref (self->look);
  g_mutex_unlock (&self->mutex);

  p->warped = target != NULL || self->has_gcps;
  if (target != NULL)
    {
      g_autoptr(PvTransform) transform = NULL;
      g_autoptr(GError) local_error = NULL;

      p->dst_wkt = pv_crs_dup_wkt (target);
      if ((transform = pv_transform_new (crs, target, &local_error)))
        p->pipeline = g_strdup (pv_transform_get_pipeline (transform));
      else
        g_debug ("%s: no PvTransform (%s); GDAL chooses the operation",
                 self->path, local_error->message);
    }

  if (!(h = acquire_handle (self, error)))
    return NULL;
  if (!(dataset = handle_get_dataset (self, h, p, error)))
    {
      release_handle (self, h);
      return NULL;
    }
  if (p->warped)
    {
      GDALGetGeoTransform (dataset, p->gt);
      p->width = GDALGetRasterXSize (dataset);
      p->height = GDALGetRasterYSize (dataset);
    }
  else
    {
      memcpy (p->gt, self->gt, sizeof p->gt);
      p->width = self->width;
      p->height = self->height;
    }

  /* The levels every colour band has. */
  {
    static const int warped_bands[3] = { 1, 2, 3 };
    const int *bands = p->warped ? warped_bands : p->look->colour_bands;
    GDALRasterBandH band = GDALGetRasterBand (dataset, bands[0]);
    int n = GDALGetOverviewCount (band);

    for (int i = 1; i < p->look->n_colour_bands; i++)
      n = MIN (n, GDALGetOverviewCount (GDALGetRasterBand (dataset, bands[i])));
    p->levels = g_new0 (Level, n + 1);
    for (int k = 0; k <= n; k++)
      {
        GDALRasterBandH b = level_band (band, k);
        Level *level = &p->levels[k];

        /* Levels are addressed by overview number: stop at a broken one. */
        if (b == NULL || GDALGetRasterBandXSize (b) <= 0 || GDALGetRasterBandYSize (b) <= 0)
          break;
        level->width = GDALGetRasterBandXSize (b);
        level->height = GDALGetRasterBandYSize (b);
        GDALGetBlockSize (b, &level->block_width, &level->block_height);
        p->n_levels++;
      }
  }
  release_handle (self, h);

  if (p->n_levels == 0)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_EMPTY,
                   _("%s: the file holds no raster bands"), display);
      return NULL;
    }
  return g_steal_pointer (&p);
}

static Prepared *
get_prepared (PvRasterLayer  *self,
              PvCrs          *map_crs,
              GError        **error)
{
  PvCrs *target = warp_target (self, map_crs);
  Prepared *p, *existing;

  if ((p = lookup_prepared (self, target)))
    return p;
  if (!(p = build_prepared (self, target, error)))
    return NULL;

  /* Another thread may have prepared the same CRS meanwhile: keep one. */
  if ((existing = lookup_prepared (self, target)))
    {
      prepared_unref (p);
      return existing;
    }
  g_mutex_lock (&self->mutex);
  if (self->prepared->len >= MAX_PREPARED)
    g_ptr_array_remove_index (self->prepared, 0);
  g_ptr_array_add (self->prepared, prepared_ref (p));
  g_mutex_unlock (&self->mutex);
  return p;
}

static gboolean
pv_raster_layer_prepare (PvLayer       *layer,
                         PvCrs         *map_crs,
                         GCancellable  *cancellable,
                         GError       **error)
{
  PvRasterLayer *self = PV_RASTER_LAYER (layer);
  g_autoptr(Prepared) p = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  p = get_prepared (self, map_crs, error);
  return p != NULL;
}

/* ---------------------------------------------------------------- reading */

typedef struct
{
  GDALDatasetH        dataset;
  int                 level;
  int                 x, y, w, h;
  int                 bw, bh;
  GDALRIOResampleAlg  alg;
  const Look         *look;
  GCancellable       *cancellable;
} Read;

static gboolean
read_band (PvRasterLayer    *self,
           const Read       *r,
           GDALRasterBandH   band,
           GDALDataType      type,
           void             *buffer,
           GError          **error)
{
  GDALRasterIOExtraArg extra;
  CPLErr err;

  INIT_RASTERIO_EXTRA_ARG (extra);
  extra.eResampleAlg = r->alg;
  if (r->cancellable != NULL)
    {
      extra.pfnProgress = progress_cb;
      extra.pProgressData = r->cancellable;
    }

  CPLErrorReset ();
  err = GDALRasterIOEx (band, GF_Read, r->x, r->y, r->w, r->h, buffer, r->bw, r->bh,
                        type, 0, 0, &extra);
  if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
    return FALSE;
  if (err != CE_None)
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT, self->path,
                          _("the raster’s pixels cannot be read"));
      return FALSE;
    }
  return TRUE;
}

static inline guint8
stretch_value (double v,
               double min,
               double max)
{
  double t = (v - min) / (max - min) * 255.0 + 0.5;

  return (guint8) CLAMP (t, 0.0, 255.0);
}

static inline gboolean
is_nodata (double   v,
           gboolean has_nodata,
           double   nodata)
{
  if (isnan (v))
    return TRUE;
  return has_nodata && (v == nodata || (isnan (nodata) && isnan (v)));
}

/* Reads colour band i of the layer into channel (8 bits per pixel) and
 * counts nodata pixels in nodata_count. */
static gboolean
read_colour_band (PvRasterLayer    *self,
                  const Read       *r,
                  int               i,
                  gboolean          warped,
                  guint8           *channel,
                  guint8           *nodata_count,
                  GError          **error)
{
  const Look *look = r->look;
  GDALRasterBandH band = GDALGetRasterBand (r->dataset, warped ? i + 1 : look->colour_bands[i]);
  gsize n = (gsize) r->bw * r->bh;

  band = level_band (band, r->level);
  if (GDALGetRasterDataType (band) == GDT_Byte)
    {
      guint8 lut[256];
      gboolean nd[256];

      if (!read_band (self, r, band, GDT_Byte, channel, error))
        return FALSE;
      for (int v = 0; v < 256; v++)
        {
          lut[v] = look->stretch[i] ? stretch_value (v, look->stretch_min[i], look->stretch_max[i])
                                    : (guint8) v;
          nd[v] = look->has_nodata[i] && look->nodata[i] == v;
        }
      for (gsize k = 0; k < n; k++)
        {
          nodata_count[k] += nd[channel[k]];
          if (look->kind != KIND_PALETTE)
            channel[k] = lut[channel[k]];
        }
    }
  else
    {
      g_autofree double *values = g_try_new (double, n);

      if (values == NULL)
        {
          g_autofree char *display = g_filename_display_name (self->path);

          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
                       _("%s: not enough memory to read the raster"), display);
          return FALSE;
        }
      if (!read_band (self, r, band, GDT_Float64, values, error))
        return FALSE;
      for (gsize k = 0; k < n; k++)
        {
          double v = values[k];

          if (is_nodata (v, look->has_nodata[i], look->nodata[i]))
            {
              nodata_count[k]++;
              channel[k] = 0;
            }
          else if (look->kind == KIND_PALETTE)
            channel[k] = 0; /* indices above 255: looked up below */
          else if (look->stretch[i])
            channel[k] = stretch_value (v, look->stretch_min[i], look->stretch_max[i]);
          else
            channel[k] = (guint8) CLAMP (v, 0.0, 255.0);
        }
    }
  return TRUE;
}

/* Palette indices that do not fit a byte. */
static gboolean
read_wide_palette (PvRasterLayer *self,
                   const Read    *r,
                   gboolean       warped,
                   guint8        *rgba,
                   guint8        *nodata_count,
                   GError       **error)
{
  const Look *look = r->look;
  GDALRasterBandH band = GDALGetRasterBand (r->dataset, warped ? 1 : look->colour_bands[0]);
  gsize n = (gsize) r->bw * r->bh;
  g_autofree double *values = NULL;

  band = level_band (band, r->level);
  if (!(values = g_try_new (double, n)) ||
      !read_band (self, r, band, GDT_Float64, values, error))
    {
      if (values == NULL)
        {
          g_autofree char *display = g_filename_display_name (self->path);

          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
                       _("%s: not enough memory to read the raster"), display);
        }
      return FALSE;
    }
  for (gsize k = 0; k < n; k++)
    {
      double v = values[k];

      if (is_nodata (v, look->has_nodata[0], look->nodata[0]) || v < 0 || v >= look->n_palette)
        {
          nodata_count[k] = 1;
          continue;
        }
      memcpy (rgba + 4 * k, look->palette + 4 * (gsize) v, 4);
    }
  return TRUE;
}

static gboolean
read_alpha (PvRasterLayer    *self,
            const Read       *r,
            GDALRasterBandH   band,
            guint8           *alpha,
            GError          **error)
{
  gsize n = (gsize) r->bw * r->bh;
  GDALDataType type = GDALGetRasterDataType (band);
  g_autofree double *values = NULL;

  if (type == GDT_Byte)
    return read_band (self, r, band, GDT_Byte, alpha, error);

  if (!(values = g_try_new (double, n)))
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
                   _("%s: not enough memory to read the raster"), display);
      return FALSE;
    }
  if (!read_band (self, r, band, GDT_Float64, values, error))
    return FALSE;
  for (gsize k = 0; k < n; k++)
    {
      double v = type == GDT_UInt16 ? values[k] / 257.0 : values[k];

      alpha[k] = isnan (v) ? 0 : (guint8) CLAMP (v + 0.5, 0.0, 255.0);
    }
  return TRUE;
}

/* Reads r into a new premultiplied ARGB32 surface. */
static cairo_surface_t *
read_surface (PvRasterLayer  *self,
              const Read     *r,
              gboolean        warped,
              GError        **error)
{
  const Look *look = r->look;
  gsize n = (gsize) r->bw * r->bh;
  g_autofree guint8 *rgba = NULL;
  g_autofree guint8 *nodata_count = NULL;
  g_autofree guint8 *channel = NULL;
  g_autofree guint8 *alpha = NULL;
  GDALRasterBandH alpha_band = NULL;
  cairo_surface_t *surface;
  guint8 *data;
  int stride;

  rgba = g_try_malloc (n * 4);
  nodata_count = g_try_malloc0 (n);
  channel = g_try_malloc (n);
  if (rgba == NULL || nodata_count == NULL || channel == NULL)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
                   _("%s: not enough memory to read the raster"), display);
      return NULL;
    }

  if (look->kind == KIND_PALETTE)
    {
      GDALRasterBandH band = GDALGetRasterBand (r->dataset, warped ? 1 : look->colour_bands[0]);

      memset (rgba, 0, n * 4);
      if (GDALGetRasterDataType (band) == GDT_Byte)
        {
          if (!read_colour_band (self, r, 0, warped, channel, nodata_count, error))
            return NULL;
          for (gsize k = 0; k < n; k++)
            {
              if (channel[k] < look->n_palette)
                memcpy (rgba + 4 * k, look->palette + 4 * (gsize) channel[k], 4);
              else
                nodata_count[k] = 1;
            }
        }
      else if (!read_wide_palette (self, r, warped, rgba, nodata_count, error))
        return NULL;
    }
  else
    {
      for (int i = 0; i < look->n_colour_bands; i++)
        {
          if (!read_colour_band (self, r, i, warped, channel, nodata_count, error))
            return NULL;
          if (look->kind == KIND_GREY)
            for (gsize k = 0; k < n; k++)
              rgba[4 * k] = rgba[4 * k + 1] = rgba[4 * k + 2] = channel[k];
          else if (look->kind == KIND_PSEUDOCOLOR)
            for (gsize k = 0; k < n; k++)
              memcpy (rgba + 4 * k, look->ramp + 3 * channel[k], 3);
          else
            for (gsize k = 0; k < n; k++)
              rgba[4 * k + i] = channel[k];
        }
      for (gsize k = 0; k < n; k++)
        rgba[4 * k + 3] = 255;
    }

  /* Transparency: an alpha band (the warped VRT always has one), or a
   * per-dataset mask; nodata was counted per band above. */
  if (warped || look->alpha_band > 0)
    {
      int index = warped ? look->n_colour_bands + 1 : look->alpha_band;

      alpha_band = level_band (GDALGetRasterBand (r->dataset, index), r->level);
    }
  if ((alpha_band == NULL && (warped || look->alpha_band > 0)) || look->use_mask)
    {
      GDALRasterBandH colour = GDALGetRasterBand (r->dataset, warped ? 1 : look->colour_bands[0]);

      /* For an overview without its own alpha overview, and for masks. */
      alpha_band = GDALGetMaskBand (level_band (colour, r->level));
    }
  if (alpha_band != NULL)
    {
      if (!(alpha = g_try_malloc (n)))
        {
          g_autofree char *display = g_filename_display_name (self->path);

          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
                       _("%s: not enough memory to read the raster"), display);
          return NULL;
        }
      if (!read_alpha (self, r, alpha_band, alpha, error))
        return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, r->bw, r->bh);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      cairo_surface_destroy (surface);
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
                   _("%s: not enough memory to read the raster"), display);
      return NULL;
    }
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < r->bh; y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < r->bw; x++)
        {
          gsize k = (gsize) y * r->bw + x;
          const guint8 *px = rgba + 4 * k;
          guint a = px[3];

          /* Grey and palette: the band is nodata. RGB: every band is, so
           * that a real black pixel inside an image stays black. */
          if (nodata_count[k] >= (look->kind == KIND_RGB ? look->n_colour_bands : 1))
            a = 0;
          if (alpha != NULL)
            a = a * alpha[k] / 255;
          if (a == 0)
            row[x] = 0;
          else
            row[x] = (guint32) a << 24 |
                     (guint32) ((px[0] * a + 127) / 255) << 16 |
                     (guint32) ((px[1] * a + 127) / 255) << 8 |
                     (guint32) ((px[2] * a + 127) / 255);
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* ---------------------------------------------------------------- render */

static cairo_surface_t *
lookup_cache (PvRasterLayer *self,
              Prepared      *p,
              const Read    *r)
{
  cairo_surface_t *found = NULL;

  g_mutex_lock (&self->mutex);
  for (GList *l = self->cache.head; l != NULL; l = l->next)
    {
      CachedRead *c = l->data;

      if (c->prepared == p && c->level == r->level && c->x == r->x && c->y == r->y &&
          c->w == r->w && c->h == r->h && c->bw == r->bw && c->bh == r->bh && c->alg == r->alg)
        {
          found = cairo_surface_reference (c->surface);
          g_queue_unlink (&self->cache, l);
          g_queue_push_head_link (&self->cache, l);
          break;
        }
    }
  g_mutex_unlock (&self->mutex);
  return found;
}

static void
store_cache (PvRasterLayer   *self,
             Prepared        *p,
             const Read      *r,
             cairo_surface_t *surface)
{
  CachedRead *c = g_new0 (CachedRead, 1);

  c->prepared = prepared_ref (p);
  c->level = r->level;
  c->x = r->x, c->y = r->y, c->w = r->w, c->h = r->h;
  c->bw = r->bw, c->bh = r->bh;
  c->alg = r->alg;
  c->surface = cairo_surface_reference (surface);

  g_mutex_lock (&self->mutex);
  g_queue_push_head (&self->cache, c);
  self->cache_bytes += (gsize) r->bw * r->bh * 4;
  while (self->cache.length > 1 &&
         (self->cache.length > MAX_CACHED_READS || self->cache_bytes > MAX_CACHED_BYTES))
    {
      CachedRead *old = g_queue_pop_tail (&self->cache);

      self->cache_bytes -= (gsize) old->bw * old->bh * 4;
      cached_read_free (old);
    }
  self->last_read.level = r->level;
  self->last_read.x = r->x;
  self->last_read.y = r->y;
  self->last_read.width = r->w;
  self->last_read.height = r->h;
  self->last_read.buffer_width = r->bw;
  self->last_read.buffer_height = r->bh;
  self->last_read.n_reads++;
  g_mutex_unlock (&self->mutex);
}

/* The level (0 or overview + 1) whose pixels are just finer than
 * source_per_device level-0 pixels per device pixel. */
static int
choose_level (Prepared *p,
              double    source_per_device)
{
  int best = 0;
  double best_factor = 1.0;

  for (int k = 1; k < p->n_levels; k++)
    {
      double factor = MIN ((double) p->width / p->levels[k].width,
                           (double) p->height / p->levels[k].height);

      if (factor > best_factor && factor <= source_per_device * 1.01)
        {
          best = k;
          best_factor = factor;
        }
    }
  return best;
}

/* Paints surface, the buffer of r, on cr: buffer pixel → level pixel →
 * level-0 pixel (fx, fy) → device (pixel_to_device). scale_x, scale_y: device
 * pixels per level pixel. */
/* Whether cairo's image backend (pixman, 16.16 fixed point) can sample
 * through m: beyond that it gives up and leaves the whole frame's cairo_t in
 * "out of memory". Only an absurd georeferencing (a pixel of 10^52 m) comes
 * near; its raster is not drawn. */
static gboolean
pixman_can_take (const cairo_matrix_t *m)
{
  const double linear_max = 32767.0;
  const double offset_max = 1073741824.0;

  return fabs (m->xx) <= linear_max && fabs (m->yx) <= linear_max &&
         fabs (m->xy) <= linear_max && fabs (m->yy) <= linear_max &&
         fabs (m->x0) <= offset_max && fabs (m->y0) <= offset_max;
}

static void
paint_read (cairo_t              *cr,
            const Read           *r,
            cairo_surface_t      *surface,
            double                fx,
            double                fy,
            const cairo_matrix_t *pixel_to_device,
            double                scale_x,
            double                scale_y)
{
  cairo_matrix_t level_m, buffer_m, full, inverse;
  cairo_pattern_t *pattern;
  double corners[8];
  gboolean huge = FALSE;

  cairo_matrix_init (&buffer_m, (double) r->w / r->bw, 0, 0, (double) r->h / r->bh, r->x, r->y);
  cairo_matrix_init_scale (&level_m, fx, fy);
  cairo_matrix_multiply (&full, &buffer_m, &level_m);
  cairo_matrix_multiply (&full, &full, pixel_to_device);
  inverse = full;
  if (cairo_matrix_invert (&inverse) != CAIRO_STATUS_SUCCESS || !pixman_can_take (&inverse))
    return;

  corners[0] = 0, corners[1] = 0;
  corners[2] = r->bw, corners[3] = 0;
  corners[4] = r->bw, corners[5] = r->bh;
  corners[6] = 0, corners[7] = r->bh;
  for (int i = 0; i < 4; i++)
    {
      cairo_matrix_transform_point (&full, &corners[2 * i], &corners[2 * i + 1]);
      huge |= fabs (corners[2 * i]) > MAX_DEVICE_COORD || fabs (corners[2 * i + 1]) > MAX_DEVICE_COORD;
    }

  pattern = cairo_pattern_create_for_surface (surface);
  cairo_pattern_set_matrix (pattern, &inverse);
  /* Magnifying: crisp pixels, unless the style asks for interpolation; the
   * buffer is at about device resolution otherwise, where a smooth filter
   * avoids shimmering. */
  if (scale_x >= 1.0 || scale_y >= 1.0)
    {
      cairo_filter_t filter;

      switch (r->look->resampling)
        {
        case PV_RASTER_RESAMPLING_BILINEAR:
        case PV_RASTER_RESAMPLING_AVERAGE:
          filter = CAIRO_FILTER_BILINEAR;
          break;
        case PV_RASTER_RESAMPLING_CUBIC:
          filter = CAIRO_FILTER_BEST;
          break;
        case PV_RASTER_RESAMPLING_AUTO:
        case PV_RASTER_RESAMPLING_NEAREST:
        default:
          filter = CAIRO_FILTER_NEAREST;
          break;
        }
      cairo_pattern_set_filter (pattern, filter);
    }
  else
    cairo_pattern_set_filter (pattern, CAIRO_FILTER_GOOD);
  cairo_save (cr);
  cairo_set_source (cr, pattern);
  if (huge)
    {
      /* Coordinates this far out overflow cairo: paint within the clip. */
      cairo_pattern_set_extend (pattern, CAIRO_EXTEND_NONE);
      cairo_paint (cr);
    }
  else
    {
      /* The buffer's outline, so that the edge pixels keep their colour. */
      cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
      cairo_new_path (cr);
      cairo_move_to (cr, corners[0], corners[1]);
      for (int i = 1; i < 4; i++)
        cairo_line_to (cr, corners[2 * i], corners[2 * i + 1]);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  cairo_restore (cr);
  cairo_pattern_destroy (pattern);
}

/* Reads r (a new handle from the pool) into a new surface. drop_blocks:
 * GDAL's cache lets go of the blocks read (a print reads each once). */
static cairo_surface_t *
read_with_handle (PvRasterLayer  *self,
                  Prepared       *p,
                  Read           *r,
                  gboolean        drop_blocks,
                  GError        **error)
{
  cairo_surface_t *surface = NULL;
  Handle *h;

  if (!(h = acquire_handle (self, error)))
    return NULL;
  if ((r->dataset = handle_get_dataset (self, h, p, error)))
    {
      surface = read_surface (self, r, p->warped, error);
      if (drop_blocks)
        GDALFlushCache (r->dataset);
    }
  r->dataset = NULL;
  release_handle (self, h);
  return surface;
}

/* Vector output: r read and painted in strips of rows, each strip its own
 * image of at most PRINT_STRIP_PIXELS, so that memory holds one strip's
 * reading at a time (the document keeps only the finished images), and
 * GDAL's cache not the whole raster. Each
 * strip reaches one level row into the next, which paints over it: no
 * seam between them. */
static gboolean
paint_strips (PvRasterLayer         *self,
              Prepared              *p,
              cairo_t               *cr,
              const Read            *r,
              double                 fx,
              double                 fy,
              const cairo_matrix_t  *pixel_to_device,
              double                 scale_x,
              double                 scale_y,
              GError               **error)
{
  double rows_per_level = (double) r->bh / r->h;
  int level_rows = MAX (1, (int) floor (PRINT_STRIP_PIXELS / ((double) r->bw * rows_per_level)));

  for (int y = r->y; y < r->y + r->h; y += level_rows)
    {
      Read strip = *r;
      cairo_surface_t *surface;

      strip.y = y;
      strip.h = MIN (level_rows + 1, r->y + r->h - y);
      strip.bh = MAX (1, (int) ceil (strip.h * rows_per_level - 1e-6));
      if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
        return FALSE;
      if (!(surface = read_with_handle (self, p, &strip, TRUE, error)))
        return FALSE;
      paint_read (cr, &strip, surface, fx, fy, pixel_to_device, scale_x, scale_y);
      cairo_surface_destroy (surface);
    }
  return TRUE;
}

static gboolean
pv_raster_layer_render (PvLayer                *layer,
                        cairo_t                *cr,
                        const PvRenderContext  *ctx,
                        GError                **error)
{
  PvRasterLayer *self = PV_RASTER_LAYER (layer);
  g_autoptr(Prepared) p = NULL;
  cairo_surface_t *surface = NULL;
  cairo_matrix_t view, geo, pixel_to_device, device_to_pixel;
  double clip[4], px_min = G_MAXDOUBLE, px_max = -G_MAXDOUBLE, py_min = G_MAXDOUBLE, py_max = -G_MAXDOUBLE;
  double cx, cy, res, d_p, d_l, fx, fy, scale_x, scale_y;
  int vw, vh, lw, lh;
  gboolean magnify;
  Read r = { 0 };

  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;
  if (!(p = get_prepared (self, ctx->map_crs, error)))
    return FALSE;

  cairo_clip_extents (cr, &clip[0], &clip[1], &clip[2], &clip[3]);
  if (clip[2] <= clip[0] || clip[3] <= clip[1])
    return TRUE;

  /* pixel → map (geotransform) → device (viewport). */
  pv_viewport_get_center (ctx->viewport, &cx, &cy);
  res = pv_viewport_get_resolution (ctx->viewport);
  vw = pv_viewport_get_width (ctx->viewport);
  vh = pv_viewport_get_height (ctx->viewport);
  if (!(res > 0) || !isfinite (res))
    return TRUE;
  cairo_matrix_init (&geo, p->gt[1], p->gt[4], p->gt[2], p->gt[5], p->gt[0], p->gt[3]);
  cairo_matrix_init (&view, 1.0 / res, 0, 0, -1.0 / res, vw / 2.0 - cx / res, vh / 2.0 + cy / res);
  cairo_matrix_multiply (&pixel_to_device, &geo, &view);
  device_to_pixel = pixel_to_device;
  if (cairo_matrix_invert (&device_to_pixel) != CAIRO_STATUS_SUCCESS)
    return TRUE;

  /* The source pixels under the visible part (plus a margin). */
  clip[0] -= DEVICE_MARGIN, clip[1] -= DEVICE_MARGIN;
  clip[2] += DEVICE_MARGIN, clip[3] += DEVICE_MARGIN;
  for (int i = 0; i < 4; i++)
    {
      double x = clip[(i & 1) ? 2 : 0], y = clip[(i & 2) ? 3 : 1];

      cairo_matrix_transform_point (&device_to_pixel, &x, &y);
      px_min = MIN (px_min, x), px_max = MAX (px_max, x);
      py_min = MIN (py_min, y), py_max = MAX (py_max, y);
    }
  if (!(px_max > 0 && py_max > 0 && px_min < p->width && py_min < p->height))
    return TRUE;

  /* Device pixels per source pixel along each pixel axis. */
  d_p = hypot (pixel_to_device.xx, pixel_to_device.yx);
  d_l = hypot (pixel_to_device.xy, pixel_to_device.yy);
  if (!(d_p > 0 && d_l > 0))
    return TRUE;

  r.level = choose_level (p, 1.0 / MAX (d_p, d_l));
  lw = p->levels[r.level].width;
  lh = p->levels[r.level].height;
  if (block_size_too_large (p->levels[r.level].block_width, p->levels[r.level].block_height))
    {
      set_too_large_error (self, p->levels[r.level].block_width,
                           p->levels[r.level].block_height, error);
      return FALSE;
    }
  fx = (double) p->width / lw;
  fy = (double) p->height / lh;

  /* The window in level pixels, one level pixel of margin, inside the level. */
  r.x = (int) CLAMP (floor (px_min / fx) - 1, 0, lw);
  r.y = (int) CLAMP (floor (py_min / fy) - 1, 0, lh);
  r.w = (int) CLAMP (ceil (px_max / fx) + 1, 0, lw) - r.x;
  r.h = (int) CLAMP (ceil (py_max / fy) + 1, 0, lh) - r.y;
  if (r.w <= 0 || r.h <= 0)
    return TRUE;

  /* Device pixels per level pixel: the buffer never holds more pixels than
   * the device shows, and holds the level's own pixels when magnifying. */
  scale_x = d_p * fx;
  scale_y = d_l * fy;
  r.bw = MAX (1, (int) ceil (r.w * MIN (1.0, scale_x) - 1e-6));
  r.bh = MAX (1, (int) ceil (r.h * MIN (1.0, scale_y) - 1e-6));
  if ((gsize) r.bw * r.bh > PV_MAX_READ_PIXELS)
    {
      double shrink = sqrt ((double) PV_MAX_READ_PIXELS / ((double) r.bw * r.bh));

      r.bw = MAX (1, (int) floor (r.bw * shrink));
      r.bh = MAX (1, (int) floor (r.bh * shrink));
    }
  magnify = r.bw == r.w && r.bh == r.h;
  r.look = p->look;
  if (magnify || r.look->kind == KIND_PALETTE ||
      MAX ((double) r.w / r.bw, (double) r.h / r.bh) > MAX_BILINEAR_RATIO)
    r.alg = GRIORA_NearestNeighbour;
  else
    switch (r.look->resampling)
      {
      case PV_RASTER_RESAMPLING_NEAREST:
        r.alg = GRIORA_NearestNeighbour;
        break;
      case PV_RASTER_RESAMPLING_CUBIC:
        r.alg = GRIORA_Cubic;
        break;
      case PV_RASTER_RESAMPLING_AVERAGE:
        r.alg = GRIORA_Average;
        break;
      case PV_RASTER_RESAMPLING_AUTO:
      case PV_RASTER_RESAMPLING_BILINEAR:
      default:
        r.alg = GRIORA_Bilinear;
        break;
      }
  r.cancellable = ctx->cancellable;

  /* A frame that would decode more than a few hundred million pixels (a
   * raster of 10^6 × 10^6 pixels without overviews, seen whole) is not
   * drawn: the user is told to zoom in or to add overviews. A VRT reads its
   * sources, not blocks of its own (the source's overviews), except when it
   * is warped: the warper reads every source pixel under the warped blocks
   * the read meets (as many as theirs, at the source's matching level). */
  if ((p->warped || g_strcmp0 (self->driver_name, "VRT") != 0) &&
      read_cost (p->levels[r.level].block_width, p->levels[r.level].block_height,
                 r.x, r.y, r.w, r.h, r.bw, r.bh, r.alg) > MAX_FRAME_COST)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
                   _("%s: the raster has no overviews for this scale, and drawing it would read "
                     "too many pixels; zoom in, or add overviews (gdaladdo)"), display);
      return FALSE;
    }

  if (ctx->vector_output && (gsize) r.bw * r.bh > PRINT_STRIP_PIXELS && r.h > 1)
    return paint_strips (self, p, cr, &r, fx, fy, &pixel_to_device, scale_x, scale_y, error);

  if (!(surface = lookup_cache (self, p, &r)))
    {
      if (!(surface = read_with_handle (self, p, &r, FALSE, error)))
        return FALSE;
      store_cache (self, p, &r, surface);
    }

  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  paint_read (cr, &r, surface, fx, fy, &pixel_to_device, scale_x, scale_y);
  cairo_surface_destroy (surface);
  return TRUE;
}

/* ---------------------------------------------------------------- extent */

static gboolean
pv_raster_layer_get_extent (PvLayer *layer,
                            double  *xmin,
                            double  *ymin,
                            double  *xmax,
                            double  *ymax)
{
  PvRasterLayer *self = PV_RASTER_LAYER (layer);

  *xmin = self->extent[0];
  *ymin = self->extent[1];
  *xmax = self->extent[2];
  *ymax = self->extent[3];
  return TRUE;
}

static void
extent_from_geotransform (const double *gt,
                          int           width,
                          int           height,
                          double       *extent)
{
  extent[0] = extent[1] = G_MAXDOUBLE;
  extent[2] = extent[3] = -G_MAXDOUBLE;
  for (int i = 0; i < 4; i++)
    {
      double p = (i & 1) ? width : 0, l = (i & 2) ? height : 0;
      double x = gt[0] + p * gt[1] + l * gt[2];
      double y = gt[3] + p * gt[4] + l * gt[5];

      extent[0] = MIN (extent[0], x), extent[2] = MAX (extent[2], x);
      extent[1] = MIN (extent[1], y), extent[3] = MAX (extent[3], y);
    }
}

/* ---------------------------------------------------------------- class */

static void
pv_raster_layer_class_init (PvRasterLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PvLayerClass *layer_class = PV_LAYER_CLASS (klass);

  object_class->finalize = pv_raster_layer_finalize;
  layer_class->prepare = pv_raster_layer_prepare;
  layer_class->render = pv_raster_layer_render;
  layer_class->get_extent = pv_raster_layer_get_extent;
}

static void
pv_raster_layer_init (PvRasterLayer *self)
{
  g_mutex_init (&self->mutex);
  self->prepared = g_ptr_array_new_with_free_func ((GDestroyNotify) prepared_unref);
  self->free_handles = g_ptr_array_new_with_free_func ((GDestroyNotify) handle_free);
  g_queue_init (&self->cache);
}

/* ---------------------------------------------------------------- opening */

/* Which bands make the picture, and how they are coloured. */
static void
detect_kind (PvRasterLayer *self,
             GDALDatasetH   dataset)
{
  GDALRasterBandH first = GDALGetRasterBand (dataset, 1);
  GDALColorTableH table = GDALGetRasterColorTable (first);
  int red = 0, green = 0, blue = 0;

  for (int i = 1; i <= self->n_bands; i++)
    {
      switch ((int) GDALGetRasterColorInterpretation (GDALGetRasterBand (dataset, i)))
        {
        case GCI_AlphaBand:
          if (self->alpha_band == 0 && i > 1)
            self->alpha_band = i;
          break;
        case GCI_RedBand:
          red = red ? red : i;
          break;
        case GCI_GreenBand:
          green = green ? green : i;
          break;
        case GCI_BlueBand:
          blue = blue ? blue : i;
          break;
        default:
          break;
        }
    }

  if (GDALGetRasterColorInterpretation (first) == GCI_PaletteIndex && table != NULL &&
      GDALGetColorEntryCount (table) > 0)
    {
      self->kind = KIND_PALETTE;
      self->n_colour_bands = 1;
      self->colour_bands[0] = 1;
    }
  else if (red && green && blue)
    {
      self->kind = KIND_RGB;
      self->n_colour_bands = 3;
      self->colour_bands[0] = red;
      self->colour_bands[1] = green;
      self->colour_bands[2] = blue;
    }
  else if (self->n_bands - (self->alpha_band > 0) >= 3)
    {
      self->kind = KIND_RGB;
      self->n_colour_bands = 3;
      for (int i = 1, j = 0; i <= self->n_bands && j < 3; i++)
        if (i != self->alpha_band)
          self->colour_bands[j++] = i;
      /* Four bands of which none says alpha: the fourth is taken as alpha. */
      if (self->alpha_band == 0 && self->n_bands == 4 &&
          GDALGetRasterColorInterpretation (GDALGetRasterBand (dataset, 4)) == GCI_Undefined)
        self->alpha_band = 4;
    }
  else
    {
      self->kind = KIND_GREY;
      self->n_colour_bands = 1;
      self->colour_bands[0] = 1;
    }
}

/* What the layer drew before styles could be chosen: RGB as it is (8-bit
 * bands) or stretched min/max (wider ones), grey stretched, the palette. */
static PvRasterStyle *
default_style (PvRasterLayer *self)
{
  PvRasterStyle *style;

  switch (self->kind)
    {
    case KIND_PALETTE:
      return pv_raster_style_new_palette (self->colour_bands[0]);
    case KIND_RGB:
      style = pv_raster_style_new_rgb (self->colour_bands[0], self->colour_bands[1],
                                       self->colour_bands[2], self->alpha_band);
      for (int i = 0; i < 3; i++)
        if (g_strcmp0 (self->bands[self->colour_bands[i] - 1].data_type, "Byte") != 0)
          pv_raster_style_set_stretch (style, PV_RASTER_STRETCH_MIN_MAX, 0, 0);
      return style;
    case KIND_GREY:
    case KIND_PSEUDOCOLOR:
    default:
      return pv_raster_style_new_grey (self->colour_bands[0]);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The valid values of band (1-based) in a small nearest-neighbour sample of
 * the coarsest level whose blocks are sane, sorted: cheap on any claimed
 * size, approximate on big rasters. Cached; computed on the caller's thread. */
static gboolean
ensure_band_stats (PvRasterLayer  *self,
                   GDALDatasetH    dataset,
                   int             index,
                   GCancellable   *cancellable,
                   GError        **error)
{
  GDALRasterBandH band = GDALGetRasterBand (dataset, index);
  GDALRasterBandH sample_band = NULL;
  const BandInfo *info = &self->bands[index - 1];
  g_autofree double *values = NULL;
  gsize n_valid = 0;
  int n_overviews = GDALGetOverviewCount (band);
  gboolean computed;

  g_mutex_lock (&self->mutex);
  computed = self->stats[index - 1].computed;
  g_mutex_unlock (&self->mutex);
  if (computed)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  for (int level = n_overviews; level >= 0 && sample_band == NULL; level--)
    {
      GDALRasterBandH b = level_band (band, level);

      int bx = 0, by = 0;

      if (b == NULL || blocks_too_large (b))
        continue;
      /* A VRT reads its sources, not blocks of its own: its cost is theirs. */
      GDALGetBlockSize (b, &bx, &by);
      if (g_strcmp0 (self->driver_name, "VRT") == 0 ||
          read_cost (bx, by, 0, 0, GDALGetRasterBandXSize (b), GDALGetRasterBandYSize (b),
                     MIN (GDALGetRasterBandXSize (b), STATS_SIZE),
                     MIN (GDALGetRasterBandYSize (b), STATS_SIZE),
                     GRIORA_NearestNeighbour) <= MAX_STATS_COST)
        sample_band = b;
    }

  if (sample_band != NULL)
    {
      GDALRasterIOExtraArg extra;
      int w = GDALGetRasterBandXSize (sample_band);
      int h = GDALGetRasterBandYSize (sample_band);
      int bw = MIN (w, STATS_SIZE);
      int bh = MIN (h, STATS_SIZE);

      values = g_new (double, (gsize) bw * bh);
      INIT_RASTERIO_EXTRA_ARG (extra);
      if (cancellable != NULL)
        {
          extra.pfnProgress = progress_cb;
          extra.pProgressData = cancellable;
        }
      CPLErrorReset ();
      if (GDALRasterIOEx (sample_band, GF_Read, 0, 0, w, h, values, bw, bh, GDT_Float64,
                          0, 0, &extra) == CE_None)
        {
          for (gsize k = 0; k < (gsize) bw * bh; k++)
            {
              double v = values[k];

              if (isfinite (v) && !is_nodata (v, info->has_nodata, info->nodata))
                values[n_valid++] = v;
            }
          qsort (values, n_valid, sizeof (double), compare_doubles);
        }
      else
        {
          g_debug ("%s: cannot sample band %d for its range (%s)", self->path,
                   index, CPLGetLastErrorMsg ());
          CPLErrorReset ();
        }
    }

  g_mutex_lock (&self->mutex);
  if (!self->stats[index - 1].computed)
    {
      self->stats[index - 1].computed = TRUE;
      self->stats[index - 1].n_values = n_valid;
      self->stats[index - 1].values = n_valid > 0 ? g_steal_pointer (&values) : NULL;
    }
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

/* The value at percent (0…100) of a sorted sample, interpolated. */
static double
sample_percentile (const double *values,
                   gsize         n,
                   double        percent)
{
  double pos = CLAMP (percent, 0.0, 100.0) / 100.0 * (double) (n - 1);
  gsize i = (gsize) floor (pos);

  if (i + 1 >= n)
    return values[n - 1];
  return values[i] + (values[i + 1] - values[i]) * (pos - (double) i);
}

/* The stretch range of band (1-based) for style's channel. */
static void
resolve_range (PvRasterLayer *self,
               PvRasterStyle *style,
               guint          channel,
               int            index,
               double        *min_out,
               double        *max_out)
{
  double min = G_MAXDOUBLE, max = -G_MAXDOUBLE;

  if (pv_raster_style_get_stretch (style) == PV_RASTER_STRETCH_USER)
    pv_raster_style_get_channel_range (style, channel, &min, &max);
  else
    {
      const BandStats *stats;

      g_mutex_lock (&self->mutex);
      stats = &self->stats[index - 1];
      if (stats->n_values > 0)
        {
          if (pv_raster_style_get_stretch (style) == PV_RASTER_STRETCH_PERCENTILE)
            {
              double low, high;

              pv_raster_style_get_percentiles (style, &low, &high);
              min = sample_percentile (stats->values, stats->n_values, low);
              max = sample_percentile (stats->values, stats->n_values, high);
            }
          else
            {
              min = stats->values[0];
              max = stats->values[stats->n_values - 1];
            }
        }
      g_mutex_unlock (&self->mutex);
    }

  if (min > max)
    {
      /* Nothing valid was read: the data type's range. */
      const char *type = self->bands[index - 1].data_type;

      if (g_strcmp0 (type, "Byte") == 0)
        min = 0, max = 255;
      else if (g_strcmp0 (type, "UInt16") == 0)
        min = 0, max = 65535;
      else if (g_strcmp0 (type, "Int16") == 0)
        min = -32768, max = 32767;
      else
        min = 0, max = 1;
    }
  if (max <= min)
    max = min + 1;
  *min_out = min;
  *max_out = max;
}

static gboolean
check_band (PvRasterLayer  *self,
            int             index,
            GError        **error)
{
  g_autofree char *display = NULL;

  if (index >= 1 && index <= self->n_bands)
    return TRUE;
  display = g_filename_display_name (self->path);
  /* translators: the file, a band number, then how many bands the file has */
  g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER,
               g_dngettext (GETTEXT_PACKAGE, "%s: there is no band %d (the raster has %d band)",
                            "%s: there is no band %d (the raster has %d bands)", self->n_bands),
               display, index, self->n_bands);
  return FALSE;
}

/* Resolves style on dataset (a handle the caller holds): bands, stretch
 * values (sampling bands as needed), colour table, ramp. */
static Look *
build_look (PvRasterLayer  *self,
            PvRasterStyle  *style,
            GDALDatasetH    dataset,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(Look) look = g_new0 (Look, 1);
  PvRasterMode mode = pv_raster_style_get_mode (style);
  PvRasterStretch stretch = pv_raster_style_get_stretch (style);
  int flags;

  g_atomic_ref_count_init (&look->ref_count);
  look->resampling = pv_raster_style_get_resampling (style);
  switch (mode)
    {
    case PV_RASTER_MODE_RGB:
      look->kind = KIND_RGB;
      look->n_colour_bands = 3;
      look->alpha_band = pv_raster_style_get_band (style, 3);
      if (look->alpha_band != 0 && !check_band (self, look->alpha_band, error))
        return NULL;
      break;
    case PV_RASTER_MODE_PALETTE:
      look->kind = KIND_PALETTE;
      look->n_colour_bands = 1;
      break;
    case PV_RASTER_MODE_PSEUDOCOLOR:
      look->kind = KIND_PSEUDOCOLOR;
      look->n_colour_bands = 1;
      break;
    case PV_RASTER_MODE_GREY:
    default:
      look->kind = KIND_GREY;
      look->n_colour_bands = 1;
      break;
    }

  for (int i = 0; i < look->n_colour_bands; i++)
    {
      int index = pv_raster_style_get_band (style, i);

      if (!check_band (self, index, error))
        return NULL;
      look->colour_bands[i] = index;
      look->has_nodata[i] = self->bands[index - 1].has_nodata;
      look->nodata[i] = self->bands[index - 1].nodata;
      look->stretch[i] = look->kind != KIND_PALETTE && stretch != PV_RASTER_STRETCH_NONE;
      if (look->stretch[i])
        {
          if (stretch != PV_RASTER_STRETCH_USER &&
              !ensure_band_stats (self, dataset, index, cancellable, error))
            return NULL;
          resolve_range (self, style, i, index, &look->stretch_min[i], &look->stretch_max[i]);
        }
    }

  if (look->kind == KIND_PALETTE)
    {
      GDALRasterBandH band = GDALGetRasterBand (dataset, look->colour_bands[0]);
      GDALColorTableH table = GDALGetRasterColorTable (band);

      if (table == NULL || GDALGetColorEntryCount (table) <= 0)
        {
          g_autofree char *display = g_filename_display_name (self->path);

          /* translators: the file, then a band number */
          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_EMPTY,
                       _("%s: band %d has no colour table"), display, look->colour_bands[0]);
          return NULL;
        }
      look->n_palette = MIN (GDALGetColorEntryCount (table), 65536);
      look->palette = g_new (guint8, 4 * (gsize) look->n_palette);
      for (guint i = 0; i < look->n_palette; i++)
        {
          GDALColorEntry e;

          GDALGetColorEntryAsRGB (table, (int) i, &e);
          look->palette[4 * i + 0] = (guint8) CLAMP (e.c1, 0, 255);
          look->palette[4 * i + 1] = (guint8) CLAMP (e.c2, 0, 255);
          look->palette[4 * i + 2] = (guint8) CLAMP (e.c3, 0, 255);
          look->palette[4 * i + 3] = (guint8) CLAMP (e.c4, 0, 255);
        }
    }
  else if (look->kind == KIND_PSEUDOCOLOR)
    {
      for (int v = 0; v < 256; v++)
        {
          double rgb[3];

          pv_color_ramp_get_color (pv_raster_style_get_ramp (style), v / 255.0,
                                   pv_raster_style_get_inverted (style), rgb);
          for (int c = 0; c < 3; c++)
            look->ramp[3 * v + c] = (guint8) CLAMP (rgb[c] * 255.0 + 0.5, 0.0, 255.0);
        }
    }

  flags = GDALGetMaskFlags (GDALGetRasterBand (dataset, look->colour_bands[0]));
  look->use_mask = look->alpha_band == 0 && (flags & GMF_PER_DATASET) &&
                   !(flags & (GMF_ALPHA | GMF_NODATA | GMF_ALL_VALID));

  look->style = pv_raster_style_copy (style);
  _pv_raster_style_freeze (look->style);
  return g_steal_pointer (&look);
}

static void
read_band_info (PvRasterLayer *self,
                GDALDatasetH   dataset)
{
  self->bands = g_new0 (BandInfo, self->n_bands);
  self->stats = g_new0 (BandStats, self->n_bands);
  for (int i = 0; i < self->n_bands; i++)
    {
      GDALRasterBandH band = GDALGetRasterBand (dataset, i + 1);
      GDALColorTableH table = GDALGetRasterColorTable (band);
      BandInfo *info = &self->bands[i];
      int has = FALSE;

      info->data_type = GDALGetDataTypeName (GDALGetRasterDataType (band));
      info->color = GDALGetColorInterpretationName (GDALGetRasterColorInterpretation (band));
      info->has_color_table = table != NULL && GDALGetColorEntryCount (table) > 0;
      info->nodata = GDALGetRasterNoDataValue (band, &has);
      info->has_nodata = has;
    }
}

/* Makes look the current one: what was prepared and read for the old one
 * is dropped, and the map redraws. */
static void
set_look (PvRasterLayer *self,
          Look          *look)
{
  Look *old;

  g_mutex_lock (&self->mutex);
  old = g_steal_pointer (&self->look);
  self->look = look;
  g_ptr_array_set_size (self->prepared, 0);
  clear_cache (self);
  g_mutex_unlock (&self->mutex);
  look_unref (old);
}

static PvRasterLayer *raster_layer_new (const char  *path,
                                         const char  *gdal_name,
                                         GError     **error);

PvRasterLayer *
pv_raster_layer_new (const char  *path,
                     GError     **error)
{
  return raster_layer_new (path, NULL, error);
}

PvRasterLayer *
_pv_raster_layer_new_for_gdal (const char  *source,
                               const char  *gdal_name,
                               GError     **error)
{
  g_return_val_if_fail (gdal_name != NULL, NULL);

  return raster_layer_new (source, gdal_name, error);
}

/* path: the layer's source; gdal_name: what GDAL opens for it (a web
 * service's description), or NULL for path itself. */
static PvRasterLayer *
raster_layer_new (const char  *path,
                  const char  *gdal_name,
                  GError     **error)
{
  g_autoptr(PvRasterLayer) self = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *display = NULL;
  g_autoptr(PvCrs) crs = NULL;
  GDALDatasetH dataset;
  GDALRasterBandH first;
  Handle *h;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  if (gdal_name == NULL && !g_str_has_prefix (path, "/vsi") && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND,
                   _("%s: the file does not exist"), display);
      return NULL;
    }

  CPLErrorReset ();
  if (!(dataset = open_dataset (gdal_name ? gdal_name : path)))
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED, path,
                          _("not a readable raster file"));
      return NULL;
    }

  self = g_object_new (PV_TYPE_RASTER_LAYER, NULL);
  self->path = g_strdup (path);
  self->gdal_name = g_strdup (gdal_name);
  /* The dataset becomes the first handle of the pool. */
  h = g_new0 (Handle, 1);
  h->dataset = dataset;
  g_ptr_array_add (self->free_handles, h);

  self->width = GDALGetRasterXSize (dataset);
  self->height = GDALGetRasterYSize (dataset);
  self->n_bands = GDALGetRasterCount (dataset);
  if (self->n_bands <= 0 || self->width <= 0 || self->height <= 0)
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_EMPTY,
                   _("%s: the file holds no raster bands"), display);
      return NULL;
    }
  first = GDALGetRasterBand (dataset, 1);
  self->driver_name = g_strdup (GDALGetDriverShortName (GDALGetDatasetDriver (dataset)));
  self->data_type_name = g_strdup (GDALGetDataTypeName (GDALGetRasterDataType (first)));
  self->n_overviews = GDALGetOverviewCount (first);

  _pv_layer_set_source (PV_LAYER (self), path, NULL);
  basename = g_path_get_basename (path);
  pv_layer_set_name (PV_LAYER (self), basename);

  /* A file that claims blocks larger than anything we would read, at every
   * level, cannot be drawn without allocating what it claims. */
  if (blocks_too_large (first))
    {
      gboolean readable = FALSE;

      for (int k = 0; k < self->n_overviews && !readable; k++)
        readable = GDALGetOverview (first, k) != NULL && !blocks_too_large (GDALGetOverview (first, k));
      if (!readable)
        {
          int bx, by;

          GDALGetBlockSize (first, &bx, &by);
          set_too_large_error (self, bx, by, error);
          return NULL;
        }
    }

  read_band_info (self, dataset);
  detect_kind (self, dataset);
  {
    g_autoptr(PvRasterStyle) style = default_style (self);
    Look *look;

    /* The dataset is the pool's only handle, and nobody else has the layer. */
    if (!(look = build_look (self, style, dataset, NULL, error)))
      return NULL;
    set_look (self, look);
  }

  /* Georeferencing: a geotransform, else GCPs, else pixel space. */
  if (GDALGetGeoTransform (dataset, self->gt) == CE_None)
    {
      self->georeferenced = TRUE;
      crs = _pv_crs_new_from_osr (GDALGetSpatialRef (dataset));
    }
  else if (GDALGetGCPCount (dataset) > 0)
    {
      self->georeferenced = TRUE;
      self->has_gcps = TRUE;
      crs = _pv_crs_new_from_osr (GDALGetGCPSpatialRef (dataset));
    }
  else
    {
      /* Pixel space: x to the right, y up, one unit per pixel, the top-left
       * corner at (0, 0), so the image spans (0, -height) … (width, 0). */
      self->gt[0] = 0, self->gt[1] = 1, self->gt[2] = 0;
      self->gt[3] = 0, self->gt[4] = 0, self->gt[5] = -1;
      {
        g_autofree char *notice = NULL;

        /* translators: %s is the file name */
        notice = g_strdup_printf (_("%s has no georeferencing; shown in pixel coordinates"),
                                  basename);
        _pv_layer_set_notice (PV_LAYER (self), notice);
      }
    }
  CPLErrorReset ();

  _pv_layer_set_crs (PV_LAYER (self), crs);
  if (self->georeferenced && crs == NULL)
    _pv_layer_set_notice (PV_LAYER (self),
                          _("The file does not say which coordinate system it uses (unknown CRS)."));

  if (self->has_gcps)
    {
      /* The extent of the GCPs' warp into their own CRS. */
      g_autoptr(Prepared) p = get_prepared (self, NULL, error);

      if (p == NULL)
        return NULL;
      extent_from_geotransform (p->gt, p->width, p->height, self->extent);
    }
  else
    extent_from_geotransform (self->gt, self->width, self->height, self->extent);

  return g_steal_pointer (&self);
}

/* ---------------------------------------------------------------- getters */

const char *
pv_raster_layer_get_driver_name (PvRasterLayer *self)
{
  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), NULL);

  return self->driver_name;
}

int
pv_raster_layer_get_width (PvRasterLayer *self)
{
  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), 0);

  return self->width;
}

int
pv_raster_layer_get_height (PvRasterLayer *self)
{
  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), 0);

  return self->height;
}

int
pv_raster_layer_get_n_bands (PvRasterLayer *self)
{
  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), 0);

  return self->n_bands;
}

const char *
pv_raster_layer_get_data_type_name (PvRasterLayer *self)
{
  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), NULL);

  return self->data_type_name;
}

int
pv_raster_layer_get_n_overviews (PvRasterLayer *self)
{
  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), 0);

  return self->n_overviews;
}

gboolean
pv_raster_layer_is_georeferenced (PvRasterLayer *self)
{
  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), FALSE);

  return self->georeferenced;
}

const char *
pv_raster_layer_get_kind_name (PvRasterLayer *self)
{
  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), NULL);

  switch (self->kind)
    {
    case KIND_PALETTE:
      return "palette";
    case KIND_RGB:
      return self->alpha_band > 0 ? "RGBA" : "RGB";
    case KIND_GREY:
    default:
      return "grey";
    }
}

void
_pv_raster_layer_get_last_read (PvRasterLayer    *self,
                                PvRasterReadInfo *info)
{
  g_return_if_fail (PV_IS_RASTER_LAYER (self));
  g_return_if_fail (info != NULL);

  g_mutex_lock (&self->mutex);
  *info = self->last_read;
  g_mutex_unlock (&self->mutex);
}

gboolean
pv_raster_layer_sample (PvRasterLayer  *self,
                        PvCrs          *map_crs,
                        double          x,
                        double          y,
                        GArray         *values,
                        GArray         *nodata,
                        int            *column,
                        int            *row,
                        GError        **error)
{
  PvCrs *crs = pv_layer_get_crs (PV_LAYER (self));
  double inverse[6], px, py;
  Handle *h;
  int col, line;
  gboolean ok = TRUE;

  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), FALSE);
  g_return_val_if_fail (values != NULL && nodata != NULL, FALSE);

  g_array_set_size (values, 0);
  g_array_set_size (nodata, 0);
  if (!isfinite (x) || !isfinite (y))
    return FALSE;
  if (map_crs != NULL && crs != NULL && !pv_crs_equals (map_crs, crs))
    {
      g_autoptr(PvTransform) transform = pv_transform_new (map_crs, crs, error);

      if (transform == NULL || !pv_transform_point (transform, &x, &y, NULL))
        return FALSE;
    }
  if (!GDALInvGeoTransform (self->gt, inverse))
    return FALSE;
  px = inverse[0] + x * inverse[1] + y * inverse[2];
  py = inverse[3] + x * inverse[4] + y * inverse[5];
  if (!(px >= 0 && py >= 0 && px < self->width && py < self->height))
    return FALSE;
  col = (int) px;
  line = (int) py;

  if (!(h = acquire_handle (self, error)))
    return FALSE;
  for (int b = 1; b <= self->n_bands && ok; b++)
    {
      GDALRasterBandH band = GDALGetRasterBand (h->dataset, b);
      double value = 0;
      int has_nodata = FALSE;
      double nodata_value;
      gboolean missing;

      CPLErrorReset ();
      if (GDALRasterIO (band, GF_Read, col, line, 1, 1, &value, 1, 1, GDT_Float64, 0, 0) != CE_None)
        {
          _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT, self->path,
                              _("the pixel cannot be read"));
          ok = FALSE;
          break;
        }
      nodata_value = GDALGetRasterNoDataValue (band, &has_nodata);
      missing = (has_nodata && (value == nodata_value || (isnan (value) && isnan (nodata_value)))) ||
                isnan (value);
      g_array_append_val (values, value);
      g_array_append_val (nodata, missing);
    }
  release_handle (self, h);
  if (column)
    *column = col;
  if (row)
    *row = line;
  return ok;
}

/* ---------------------------------------------------------------- style */

gboolean
pv_raster_layer_set_style (PvRasterLayer  *self,
                           PvRasterStyle  *style,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autoptr(PvRasterStyle) fallback = NULL;
  Look *look;
  Handle *h;

  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), FALSE);
  g_return_val_if_fail (style == NULL || PV_IS_RASTER_STYLE (style), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (style == NULL)
    style = fallback = default_style (self);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!(h = acquire_handle (self, error)))
    return FALSE;
  look = build_look (self, style, h->dataset, cancellable, error);
  release_handle (self, h);
  if (look == NULL)
    return FALSE;
  /* A newer style may have been asked for meanwhile: this one lost. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      look_unref (look);
      return FALSE;
    }
  set_look (self, look);
  _pv_layer_emit_appearance_changed (PV_LAYER (self));
  return TRUE;
}

PvRasterStyle *
pv_raster_layer_dup_style (PvRasterLayer *self)
{
  PvRasterStyle *style;

  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), NULL);

  g_mutex_lock (&self->mutex);
  style = g_object_ref (self->look->style);
  g_mutex_unlock (&self->mutex);
  return style;
}

PvRasterStyle *
pv_raster_layer_dup_default_style (PvRasterLayer *self)
{
  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), NULL);

  return default_style (self);
}

gboolean
pv_raster_layer_get_stretch_range (PvRasterLayer *self,
                                   guint          channel,
                                   double        *min,
                                   double        *max)
{
  gboolean stretched;

  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), FALSE);
  g_return_val_if_fail (channel < 3, FALSE);

  g_mutex_lock (&self->mutex);
  stretched = (int) channel < self->look->n_colour_bands && self->look->stretch[channel];
  if (stretched)
    {
      if (min)
        *min = self->look->stretch_min[channel];
      if (max)
        *max = self->look->stretch_max[channel];
    }
  g_mutex_unlock (&self->mutex);
  return stretched;
}

const char *
pv_raster_layer_get_band_data_type_name (PvRasterLayer *self,
                                         int            band)
{
  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), NULL);
  g_return_val_if_fail (band >= 1 && band <= self->n_bands, NULL);

  return self->bands[band - 1].data_type;
}

const char *
pv_raster_layer_get_band_color_name (PvRasterLayer *self,
                                     int            band)
{
  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), NULL);
  g_return_val_if_fail (band >= 1 && band <= self->n_bands, NULL);

  return self->bands[band - 1].color;
}

gboolean
pv_raster_layer_band_has_color_table (PvRasterLayer *self,
                                      int            band)
{
  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), FALSE);
  g_return_val_if_fail (band >= 1 && band <= self->n_bands, FALSE);

  return self->bands[band - 1].has_color_table;
}

gboolean
pv_raster_layer_get_band_nodata (PvRasterLayer *self,
                                 int            band,
                                 double        *nodata)
{
  g_return_val_if_fail (PV_IS_RASTER_LAYER (self), FALSE);
  g_return_val_if_fail (band >= 1 && band <= self->n_bands, FALSE);

  if (nodata)
    *nodata = self->bands[band - 1].nodata;
  return self->bands[band - 1].has_nodata;
}
