/* pv-vector-layer.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cpl_conv.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pv-error.h"
#include "pv-ogr-style.h"
#include "pv-gdal-private.h"
#include "pv-pg-private.h"
#include "pv-rtree-private.h"
#include "pv-style.h"
#include "pv-symbol.h"
#include "pv-transform.h"
#include "pv-vector-layer-private.h"

/* Drawing limits in device pixels: beyond them cairo's 24.8 fixed point
 * overflows, so coordinates are clamped (the visible part is unaffected). */
#define MAX_DEVICE_COORD 4.0e6
/* Vertices of one part drawn at most at the finest tolerance, and the
 * coarsest tolerance (device pixels) used to bring a part down to them. */
#define MAX_PART_PATH_VERTICES 65536
#define MAX_PART_PATH_TOLERANCE 64.0
/* Features whose box is smaller than this (px) are drawn as pixels/boxes. */
#define BOX_THRESHOLD 3.0
/* The same in vector output: what is smaller than a device pixel is not a
 * path of its own (the printer could not draw its shape anyway). */
#define PRINT_BOX_THRESHOLD 1.0
/* Features narrower than this (px) get no outline: the fills must show. */
#define OUTLINE_THRESHOLD 8.0
#define CANCEL_CHECK_INTERVAL 8192
/* Geometries are read through at most this many nested collections. */
#define MAX_GEOMETRY_NESTING 32
/* A coordinate beyond this is far outside any map in any unit (the Earth's
 * circumference is 4 × 10⁷ m, 4 × 10¹⁰ mm): such a feature is not drawn. */
#define MAX_COORDINATE 1.0e10

enum {
  SIGNAL_SELECTION_CHANGED,
  SIGNAL_STYLE_CHANGED,
  SIGNAL_TEXT_CHANGED,
  SIGNAL_FEATURES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int field_index (PvVectorLayer *self,
                        const char    *name);
static gboolean read_window_extent (PvVectorLayer *self,
                                    OGRLayerH      layer);
static gboolean pv_vector_layer_prepare_view (PvLayer       *layer,
                                              PvCrs         *map_crs,
                                              PvViewport    *viewport,
                                              GCancellable  *cancellable,
                                              GError       **error);
static gboolean prepare_window_locked (PvLayer       *layer,
                                       PvCrs         *map_crs,
                                       GCancellable  *cancellable,
                                       GError       **error);
static gboolean render_window_locked (PvLayer                *layer,
                                      cairo_t                *cr,
                                      const PvRenderContext  *ctx,
                                      GError                **error);

void
_pv_class_map_unref (ClassMap *cm)
{
  if (cm == NULL || !g_atomic_ref_count_dec (&cm->ref_count))
    return;
  g_clear_object (&cm->style);
  g_free (cm->categories);
  g_free (cm->counts);
  g_free (cm);
}



G_DEFINE_FINAL_TYPE (PvVectorLayer, pv_vector_layer, PV_TYPE_LAYER)

void
_pv_label_texts_unref (PvLabelTexts *texts)
{
  if (texts == NULL || !g_atomic_ref_count_dec (&texts->ref_count))
    return;
  g_clear_object (&texts->labeling);
  g_free (texts->text);
  g_free (texts->offsets);
  g_free (texts);
}

void
_pv_prepared_unref (Prepared *p)
{
  if (p == NULL || !g_atomic_ref_count_dec (&p->ref_count))
    return;
  g_clear_object (&p->crs);
  if (p->owns_xy)
    g_free (p->xy);
  _pv_rtree_free (p->tree);
  g_free (p);
}

Prepared *
_pv_prepared_ref (Prepared *p)
{
  g_atomic_ref_count_inc (&p->ref_count);
  return p;
}

/* Frees the features and all that is computed from them (what a new
 * window of a database table replaces). */
static void
clear_features (PvVectorLayer *self)
{
  g_clear_pointer (&self->prepared, _pv_prepared_unref);
  g_clear_pointer (&self->class_map, _pv_class_map_unref);
  g_clear_pointer (&self->label_texts, _pv_label_texts_unref);
  g_clear_pointer (&self->index_by_fid, g_hash_table_unref);
  g_clear_pointer (&self->selection, g_bytes_unref);
  g_clear_pointer (&self->kinds, g_free);
  g_clear_pointer (&self->part_starts, g_free);
  g_clear_pointer (&self->vertex_starts, g_free);
  g_clear_pointer (&self->xy, g_free);
  g_clear_pointer (&self->fids, g_free);
}

static void
pv_vector_layer_finalize (GObject *object)
{
  PvVectorLayer *self = PV_VECTOR_LAYER (object);

  clear_features (self);
  g_clear_pointer (&self->attribute_dataset, GDALClose);
  _pv_vector_layer_clear_text (self);
  g_clear_pointer (&self->subset_field, g_free);
  g_clear_pointer (&self->subset_value, g_free);
  g_clear_pointer (&self->driver_name, g_free);
  g_clear_pointer (&self->geometry_type_name, g_free);
  g_clear_pointer (&self->field_names, g_ptr_array_unref);
  g_clear_pointer (&self->field_types, g_ptr_array_unref);
  g_clear_pointer (&self->field_numeric, g_array_unref);
  g_clear_pointer (&self->window_dataset, GDALClose);
  g_clear_pointer (&self->window_dataset2, GDALClose);
  g_mutex_clear (&self->mutex);
  g_mutex_clear (&self->attribute_mutex);
  g_mutex_clear (&self->window_mutex);
  g_rw_lock_clear (&self->window_lock);

  G_OBJECT_CLASS (pv_vector_layer_parent_class)->finalize (object);
}

/* ---------------------------------------------------------------- loading */

typedef struct
{
  GArray *kinds;
  GArray *part_starts;
  GArray *vertex_starts;
  GArray *xy;
  GArray *fids;
  /* What add_geometry found wrong in the current feature (DROPPED_*). */
  guint   dropped;
  /* Features read without their geometry, by what was wrong with it. */
  guint   n_non_finite;
  guint   n_out_of_range;
  guint   n_too_deep;
  guint   n_degenerate;
  guint   n_unreadable;
  /* With a style: each feature's category, classified from the field
   * classify_field as it is read (a window of a database table then needs
   * no second query for its style). */
  PvStyle       *classify_style;
  PvVectorLayer *classify_layer;  /* decodes the values */
  int            classify_field;
  GArray        *categories;      /* guint16 */
} Builder;

enum {
  DROPPED_NON_FINITE = 1 << 0,   /* a NaN or infinite coordinate */
  DROPPED_OUT_OF_RANGE = 1 << 1, /* a coordinate beyond MAX_COORDINATE */
  DROPPED_TOO_DEEP = 1 << 2,     /* collections nested too deep */
  DROPPED_DEGENERATE = 1 << 3,   /* a ring without area */
  DROPPED_UNREADABLE = 1 << 4,   /* GDAL failed to read it (e.g. WKB nested too deep) */
};

static double
ring_signed_area (const double *xy,
                  guint         n)
{
  double area = 0;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    area += (xy[2 * j] - xy[2 * i]) * (xy[2 * j + 1] + xy[2 * i + 1]);
  return area / 2.0;
}

static void
reverse_ring (double *xy,
              guint   n)
{
  for (guint i = 0, j = n - 1; i < j; i++, j--)
    {
      double tx = xy[2 * i], ty = xy[2 * i + 1];

      xy[2 * i] = xy[2 * j];
      xy[2 * i + 1] = xy[2 * j + 1];
      xy[2 * j] = tx;
      xy[2 * j + 1] = ty;
    }
}

/* Whether a ring of n vertices has an area: not empty, at least three
 * corners, not flat (relative to its size, so that rounding does not count). */
static gboolean
ring_has_area (const double *xy,
               guint         n,
               double        area)
{
  double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY, size;

  if (n < 3)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      minx = MIN (minx, xy[2 * i]);
      maxx = MAX (maxx, xy[2 * i]);
      miny = MIN (miny, xy[2 * i + 1]);
      maxy = MAX (maxy, xy[2 * i + 1]);
    }
  size = MAX (maxx - minx, maxy - miny);
  return fabs (area) > 1e-9 * size * size;
}

/* Appends a simple curve (point, line string, ring) as one part. For rings,
 * exterior rings turn counter-clockwise and holes clockwise, so that one
 * non-zero fill draws holes as holes and adjacent features as a union.
 * Returns FALSE, adding nothing, for an empty part or a ring without area;
 * flags wild coordinates in b->dropped. */
static gboolean
add_part (Builder      *b,
          OGRGeometryH  geom,
          int           ring_role) /* 0: not a ring, 1: exterior, -1: hole */
{
  int n = OGR_G_GetPointCount (geom);
  guint start = b->xy->len / 2;
  guint32 end;
  double *xy;

  if (n <= 0)
    {
      if (ring_role != 0)
        b->dropped |= DROPPED_DEGENERATE;
      return FALSE;
    }
  g_array_set_size (b->xy, b->xy->len + 2 * (guint) n);
  xy = &g_array_index (b->xy, double, 2 * start);
  OGR_G_GetPoints (geom, xy, 2 * sizeof (double), xy + 1, 2 * sizeof (double), NULL, 0);
  for (guint i = 0; i < 2 * (guint) n; i++)
    {
      if (!isfinite (xy[i]))
        b->dropped |= DROPPED_NON_FINITE;
      else if (fabs (xy[i]) > MAX_COORDINATE)
        b->dropped |= DROPPED_OUT_OF_RANGE;
    }
  if (ring_role != 0)
    {
      double area = ring_signed_area (xy, (guint) n);

      if (!ring_has_area (xy, (guint) n, area))
        {
          b->dropped |= DROPPED_DEGENERATE;
          g_array_set_size (b->xy, 2 * start);
          return FALSE;
        }
      if ((ring_role > 0 && area < 0) || (ring_role < 0 && area > 0))
        reverse_ring (xy, (guint) n);
    }
  end = b->xy->len / 2;
  g_array_append_val (b->vertex_starts, end);
  return TRUE;
}

static int
add_geometry (Builder      *b,
              OGRGeometryH  geom,
              int           depth)
{
  OGRwkbGeometryType type;
  int kind = -1;

  if (geom == NULL || OGR_G_IsEmpty (geom))
    return -1;
  if (depth > MAX_GEOMETRY_NESTING)
    {
      b->dropped |= DROPPED_TOO_DEEP;
      return -1;
    }

  type = wkbFlatten (OGR_G_GetGeometryType (geom));
  switch ((int) type)
    {
    case wkbPoint:
      add_part (b, geom, 0);
      return PV_GEOMETRY_KIND_POINT;

    case wkbLineString:
    case wkbLinearRing:
      add_part (b, geom, 0);
      return PV_GEOMETRY_KIND_LINE;

    case wkbPolygon:
    case wkbTriangle:
      /* Without an exterior ring that has an area there is nothing to
       * draw; a hole without area is left out. */
      for (int i = 0; i < OGR_G_GetGeometryCount (geom); i++)
        if (!add_part (b, OGR_G_GetGeometryRef (geom, i), i == 0 ? 1 : -1) && i == 0)
          return -1;
      return PV_GEOMETRY_KIND_POLYGON;

    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
    case wkbPolyhedralSurface:
    case wkbTIN:
      for (int i = 0; i < OGR_G_GetGeometryCount (geom); i++)
        {
          int sub = add_geometry (b, OGR_G_GetGeometryRef (geom, i), depth + 1);

          /* A mixed collection draws as its "largest" kind. */
          kind = MAX (kind, sub);
        }
      return kind;

    default:
      /* Curve types, even when their parts happen to be straight. */
      if (OGR_GT_IsNonLinear (type))
        {
          g_auto(OGRGeometryH) linear = OGR_G_GetLinearGeometry (geom, 0, NULL);

          return add_geometry (b, linear, depth + 1);
        }
      return -1;
    }
}

/* The most features a builder makes room for at first: a file's count of
 * its features is a claim (a hostile header says billions), and the arrays
 * grow as features come. */
#define BUILDER_MAX_HINT (1u << 18)

static void
builder_init (Builder *b,
              guint    size_hint)
{
  guint32 zero = 0;

  size_hint = MIN (size_hint, BUILDER_MAX_HINT);
  b->kinds = g_array_sized_new (FALSE, FALSE, 1, MAX (size_hint, 64));
  b->part_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint32), MAX (size_hint, 64) + 1);
  b->vertex_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint32), MAX (size_hint, 64) + 1);
  b->xy = g_array_sized_new (FALSE, FALSE, sizeof (double), MAX (size_hint, 64) * 12);
  b->fids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MAX (size_hint, 64));
  b->dropped = b->n_non_finite = b->n_out_of_range = b->n_too_deep = b->n_degenerate = b->n_unreadable = 0;
  g_array_append_val (b->part_starts, zero);
  g_array_append_val (b->vertex_starts, zero);
}

static void
builder_clear (Builder *b)
{
  g_clear_pointer (&b->kinds, g_array_unref);
  g_clear_pointer (&b->part_starts, g_array_unref);
  g_clear_pointer (&b->vertex_starts, g_array_unref);
  g_clear_pointer (&b->xy, g_array_unref);
  g_clear_pointer (&b->fids, g_array_unref);
  g_clear_pointer (&b->categories, g_array_unref);
}

/* Appends other to b, shifting other's offsets past b's parts and vertices. */
static void
builder_append (Builder *b,
                Builder *other)
{
  guint32 part_base = b->vertex_starts->len - 1;
  guint32 vertex_base = b->xy->len / 2;
  guint old_parts = b->part_starts->len;
  guint old_vertices = b->vertex_starts->len;

  g_array_append_vals (b->kinds, other->kinds->data, other->kinds->len);
  g_array_append_vals (b->fids, other->fids->data, other->fids->len);
  if (b->categories != NULL && other->categories != NULL)
    g_array_append_vals (b->categories, other->categories->data, other->categories->len);
  g_array_append_vals (b->xy, other->xy->data, other->xy->len);
  g_array_append_vals (b->part_starts, &g_array_index (other->part_starts, guint32, 1),
                       other->part_starts->len - 1);
  g_array_append_vals (b->vertex_starts, &g_array_index (other->vertex_starts, guint32, 1),
                       other->vertex_starts->len - 1);
  for (guint i = old_parts; i < b->part_starts->len; i++)
    g_array_index (b->part_starts, guint32, i) += part_base;
  for (guint i = old_vertices; i < b->vertex_starts->len; i++)
    g_array_index (b->vertex_starts, guint32, i) += vertex_base;
  b->n_non_finite += other->n_non_finite;
  b->n_out_of_range += other->n_out_of_range;
  b->n_too_deep += other->n_too_deep;
  b->n_degenerate += other->n_degenerate;
  b->n_unreadable += other->n_unreadable;
}

/* Keeps a feature whose geometry add_geometry (from the given lengths of the
 * builder's arrays on) found wrong, as one without geometry; counts it. */
static int
drop_wrong_geometry (Builder *b,
                     int      kind,
                     guint    xy_len,
                     guint    vertex_starts_len)
{
  guint dropped = b->dropped;

  b->dropped = 0;
  if (dropped & (DROPPED_NON_FINITE | DROPPED_OUT_OF_RANGE))
    {
      /* Drawn in part, such a feature would be a wrong shape. */
      g_array_set_size (b->xy, xy_len);
      g_array_set_size (b->vertex_starts, vertex_starts_len);
      if (dropped & DROPPED_NON_FINITE)
        b->n_non_finite++;
      else
        b->n_out_of_range++;
      return -1;
    }
  if (kind < 0 && (dropped & DROPPED_TOO_DEEP))
    b->n_too_deep++;
  else if (kind < 0 && (dropped & DROPPED_DEGENERATE))
    b->n_degenerate++;
  else if (kind < 0 && (dropped & DROPPED_UNREADABLE))
    b->n_unreadable++;
  return kind;
}

/* The layer's notice says which features were read without their geometry
 * and why (after what the reader already noticed, e.g. an unknown CRS). */
static void
notice_dropped (PvVectorLayer *self,
                const Builder *b)
{
  g_autoptr(GString) notice = g_string_new (pv_layer_get_notice (PV_LAYER (self)));

  if (b->n_non_finite > 0)
    {
      g_string_append_c (notice, ' ');
      g_string_append_printf (notice,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u feature with coordinates that are not numbers (NaN or infinite) was skipped.",
                                           "%u features with coordinates that are not numbers (NaN or infinite) were skipped.",
                                           b->n_non_finite),
                              b->n_non_finite);
    }
  if (b->n_out_of_range > 0)
    {
      g_string_append_c (notice, ' ');
      g_string_append_printf (notice,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u feature with coordinates beyond ±10¹⁰ (far outside any map) was skipped.",
                                           "%u features with coordinates beyond ±10¹⁰ (far outside any map) were skipped.",
                                           b->n_out_of_range),
                              b->n_out_of_range);
    }
  if (b->n_too_deep > 0)
    {
      g_string_append_c (notice, ' ');
      g_string_append_printf (notice,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u feature whose geometry is nested more than %d collections deep was skipped.",
                                           "%u features whose geometry is nested more than %d collections deep were skipped.",
                                           b->n_too_deep),
                              b->n_too_deep, MAX_GEOMETRY_NESTING);
    }
  if (b->n_degenerate > 0)
    {
      g_string_append_c (notice, ' ');
      g_string_append_printf (notice,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u feature whose polygons have no area (empty rings, fewer than three corners or all in a line) was skipped.",
                                           "%u features whose polygons have no area (empty rings, fewer than three corners or all in a line) were skipped.",
                                           b->n_degenerate),
                              b->n_degenerate);
    }
  if (b->n_unreadable > 0)
    {
      g_string_append_c (notice, ' ');
      g_string_append_printf (notice,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u feature whose geometry cannot be read (corrupt, or nested too deep) was skipped.",
                                           "%u features whose geometry cannot be read (corrupt, or nested too deep) were skipped.",
                                           b->n_unreadable),
                              b->n_unreadable);
    }
  g_strstrip (notice->str);
  if (notice->str[0] != '\0')
    _pv_layer_set_notice (PV_LAYER (self), notice->str);
}

static void
set_ignored_fields_but (OGRLayerH layer,
                        int       kept)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  int n_fields = OGR_FD_GetFieldCount (defn);
  g_autoptr(GPtrArray) ignored = g_ptr_array_new ();

  /* Attributes are read on demand: loading geometry alone is much faster. */
  for (int i = 0; i < n_fields; i++)
    if (i != kept)
      g_ptr_array_add (ignored, (gpointer) OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)));
  g_ptr_array_add (ignored, (gpointer) "OGR_STYLE");
  g_ptr_array_add (ignored, NULL);
  OGR_L_SetIgnoredFields (layer, (const char **) ignored->pdata);
}

static void
set_ignored_fields (OGRLayerH layer)
{
  set_ignored_fields_but (layer, -1);
}

void
_pv_ogr_read_only_fields (OGRLayerH  layer,
                          const int *fields,
                          guint      n_fields)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  g_autoptr(GPtrArray) ignored = g_ptr_array_new ();

  for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
    {
      gboolean used = FALSE;

      for (guint k = 0; k < n_fields; k++)
        used |= fields[k] == i;
      if (!used)
        g_ptr_array_add (ignored, (gpointer) OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)));
    }
  g_ptr_array_add (ignored, (gpointer) "OGR_GEOMETRY");
  g_ptr_array_add (ignored, (gpointer) "OGR_STYLE");
  g_ptr_array_add (ignored, NULL);
  OGR_L_SetIgnoredFields (layer, (const char **) ignored->pdata);
}

/* Features read so far by all reading threads; reported on the thread that
 * started the read (callers expect their own thread). */
typedef struct
{
  PvProgressFunc  progress;
  gpointer        user_data;
  GThread        *caller;
  gint64          total;    /* <= 0: unknown */
  gint            read;     /* atomic */
} ReadProgress;

static void
read_progress_add (ReadProgress *rp,
                   guint         n)
{
  gint read;

  if (rp == NULL || rp->progress == NULL)
    return;
  read = g_atomic_int_add (&rp->read, (gint) n) + (gint) n;
  if (g_thread_self () == rp->caller && rp->total > 0)
    rp->progress (MIN ((double) read / rp->total, 1.0), NULL, rp->user_data);
}

/* The first error GDAL raised while a handler of these was pushed: a
 * database's refusal of a query comes first, what failed after it (closing
 * its cursor) last. */
typedef struct
{
  char *message;
} FirstError;

static void
first_error_clear (FirstError *first)
{
  g_clear_pointer (&first->message, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FirstError, first_error_clear)

static void CPL_STDCALL
keep_first_error (CPLErr      klass,
                  CPLErrorNum number,
                  const char *message)
{
  FirstError *first = CPLGetErrorHandlerUserData ();

  if (klass >= CE_Failure && first->message == NULL && message != NULL)
    {
      /* "ERROR:  column … does not exist\nLINE 1: …": its first line. */
      first->message = g_strstrip (g_strndup (message, strcspn (message, "\n")));
      if (g_str_has_prefix (first->message, "ERROR:"))
        memmove (first->message, first->message + 6, strlen (first->message + 6) + 1);
      g_strchug (first->message);
    }
}

/* The next feature, GDAL's last error being the one reading it raised. */
static OGRFeatureH
next_feature (OGRLayerH layer)
{
  CPLErrorReset ();
  return OGR_L_GetNextFeature (layer);
}

/* Reads up to max_features features (all when negative) from the layer's
 * current position into b; with a subset, only the features whose
 * subset_field holds the subset value (decoded). */
static gboolean
read_features (PvVectorLayer *subset,
               int            subset_field,
               OGRLayerH      layer,
               const char    *path,
               gint64         max_features,
               Builder       *b,
               ReadProgress  *rp,
               GCancellable  *cancellable,
               GError       **error)
{
  guint count = 0;

  CPLErrorReset ();
  while (max_features < 0 || count < max_features)
    {
      g_auto(OGRFeatureH) feature = next_feature (layer);
      guint8 kind;
      gint64 fid;
      guint32 parts_end;
      int k;

      if (feature == NULL)
        {
          /* The end, or a read error GDAL could not get past. */
          if (CPLGetLastErrorType () >= CE_Failure && count == 0 && b->kinds->len == 0)
            {
              _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT, path,
                                  _("the features cannot be read"));
              return FALSE;
            }
          break;
        }

      if (++count % CANCEL_CHECK_INTERVAL == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          read_progress_add (rp, CANCEL_CHECK_INTERVAL);
        }
      if (b->kinds->len >= G_MAXUINT32 / 4 || b->xy->len >= G_MAXUINT32 / 2)
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
                       _("%s: too many features or vertices to draw"), display);
          return FALSE;
        }

      if (subset != NULL)
        {
          g_autofree char *value = _pv_vector_layer_decode (subset, OGR_F_GetFieldAsString (feature, subset_field));

          if (g_strcmp0 (value, subset->subset_value) != 0)
            continue;
        }
      {
        guint xy_len = b->xy->len, vertex_starts_len = b->vertex_starts->len;

        OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

        /* A geometry GDAL failed to read comes as none. */
        b->dropped = geometry == NULL && CPLGetLastErrorType () >= CE_Failure ? DROPPED_UNREADABLE : 0;
        k = add_geometry (b, geometry, 0);
        k = drop_wrong_geometry (b, k, xy_len, vertex_starts_len);
      }
      kind = k < 0 ? KIND_NONE : (guint8) k;
      fid = OGR_F_GetFID (feature);
      parts_end = b->vertex_starts->len - 1;
      g_array_append_val (b->kinds, kind);
      g_array_append_val (b->part_starts, parts_end);
      g_array_append_val (b->fids, fid);
      if (b->categories != NULL)
        {
          guint other = MIN (pv_style_get_n_categories (b->classify_style) - 1, G_MAXUINT16);
          guint16 category = (guint16) other;

          if (OGR_F_IsFieldSetAndNotNull (feature, b->classify_field))
            {
              const char *value = OGR_F_GetFieldAsString (feature, b->classify_field);
              g_autofree char *decoded = b->classify_layer->text.raw
                ? _pv_vector_layer_decode (b->classify_layer, value) : NULL;

              category = (guint16) MIN (pv_style_classify (b->classify_style, decoded ? decoded : value), other);
            }
          g_array_append_val (b->categories, category);
        }
    }
  return TRUE;
}

typedef struct
{
  const char   *path;
  int           layer_index;
  gint64        start;
  gint64        count;
  GCancellable *cancellable;
  ReadProgress *progress;
  Builder       builder;
  GError       *error;
} RangeJob;

/* Reads one range of features through its own GDAL handle (handles are not
 * shared between threads). */
static gpointer
read_range_worker (gpointer data)
{
  RangeJob *job = data;
  g_auto(GDALDatasetH) dataset = GDALOpenEx (job->path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  OGRLayerH layer = dataset ? GDALDatasetGetLayer (dataset, job->layer_index) : NULL;

  if (layer == NULL)
    {
      _pv_set_gdal_error (&job->error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT, job->path,
                          _("the layer cannot be opened"));
      return NULL;
    }
  set_ignored_fields (layer);
  if (OGR_L_SetNextByIndex (layer, job->start) != OGRERR_NONE)
    {
      _pv_set_gdal_error (&job->error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT, job->path,
                          _("the features cannot be read"));
      return NULL;
    }
  read_features (NULL, -1, layer, job->path, job->count, &job->builder, job->progress, job->cancellable, &job->error);
  return NULL;
}

#define PARALLEL_READ_MIN_FEATURES 100000
#define N_READ_RANGES 16

typedef struct
{
  RangeJob *jobs;
  guint     first;
  guint     step;
} ThreadJob;

static gpointer
read_ranges_worker (gpointer data)
{
  ThreadJob *tj = data;

  for (guint r = tj->first; r < N_READ_RANGES; r += tj->step)
    {
      /* A cancelled read starts no further range. */
      if (g_cancellable_set_error_if_cancelled (tj->jobs[r].cancellable, &tj->jobs[r].error))
        {
          builder_init (&tj->jobs[r].builder, 0);
          continue;
        }
      /* The ranges share the first room: a count a header claims, split
       * 16 ways, would still make room for 16 times the bound. */
      builder_init (&tj->jobs[r].builder, (guint) MIN (tj->jobs[r].count, BUILDER_MAX_HINT / N_READ_RANGES));
      read_range_worker (&tj->jobs[r]);
    }
  return NULL;
}

static gboolean
read_layer (PvVectorLayer  *self,
            const char     *path,
            OGRLayerH       layer,
            ReadProgress   *rp,
            GCancellable   *cancellable,
            GError        **error)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  int n_fields = OGR_FD_GetFieldCount (defn);
  GIntBig n_hint = OGR_L_TestCapability (layer, OLCFastFeatureCount) ? OGR_L_GetFeatureCount (layer, FALSE) : -1;
  guint n_threads = MIN (g_get_num_processors (), 4);
  Builder b = { NULL };
  double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;

  self->field_names = g_ptr_array_new_with_free_func (g_free);
  self->field_types = g_ptr_array_new_with_free_func (g_free);
  self->field_numeric = g_array_new (FALSE, FALSE, sizeof (gboolean));
  for (int i = 0; i < n_fields; i++)
    {
      OGRFieldDefnH fd = OGR_FD_GetFieldDefn (defn, i);
      OGRFieldSubType sub = OGR_Fld_GetSubType (fd);
      OGRFieldType type = OGR_Fld_GetType (fd);
      gboolean numeric = type == OFTInteger || type == OFTInteger64 || type == OFTReal;

      g_ptr_array_add (self->field_names, _pv_vector_layer_decode (self, OGR_Fld_GetNameRef (fd)));
      if (sub != OFSTNone)
        g_ptr_array_add (self->field_types,
                         g_strdup_printf ("%s(%s)", OGR_GetFieldTypeName (OGR_Fld_GetType (fd)),
                                          OGR_GetFieldSubTypeName (sub)));
      else
        g_ptr_array_add (self->field_types, g_strdup (OGR_GetFieldTypeName (OGR_Fld_GetType (fd))));
      g_array_append_val (self->field_numeric, numeric);
    }

  /* A database: the features come window by window (prepare_view()). */
  if (self->windowed)
    return read_window_extent (self, layer);

  if (self->subset_field == NULL && n_hint >= PARALLEL_READ_MIN_FEATURES && n_hint < G_MAXUINT32 / 4 && n_threads > 1 &&
      OGR_L_TestCapability (layer, OLCFastSetNextByIndex))
    {
      /* Big files with random access (shapefiles, FlatGeobuf, GeoPackage):
       * contiguous ranges of features read by one thread per core. More
       * ranges than threads keep the merge's extra memory to one range. */
      RangeJob jobs[N_READ_RANGES];
      ThreadJob thread_jobs[4];
      GThread *threads[4] = { NULL };
      GError *first_error = NULL;

      for (guint r = 0; r < N_READ_RANGES; r++)
        {
          jobs[r] = (RangeJob) {
            .path = path,
            .layer_index = self->layer_index,
            .start = n_hint * r / N_READ_RANGES,
            .count = n_hint * (r + 1) / N_READ_RANGES - n_hint * r / N_READ_RANGES,
            .cancellable = cancellable,
            .progress = rp,
          };
        }
      for (guint t = 0; t < n_threads; t++)
        {
          thread_jobs[t] = (ThreadJob) { .jobs = jobs, .first = t, .step = n_threads };
          if (t > 0)
            threads[t] = g_thread_new ("pv-read-range", read_ranges_worker, &thread_jobs[t]);
        }
      read_ranges_worker (&thread_jobs[0]);
      for (guint t = 1; t < n_threads; t++)
        g_thread_join (threads[t]);

      b = jobs[0].builder;
      for (guint r = 0; r < N_READ_RANGES; r++)
        {
          if (jobs[r].error != NULL && first_error == NULL)
            first_error = g_steal_pointer (&jobs[r].error);
          g_clear_error (&jobs[r].error);
          if (r > 0)
            {
              if (first_error == NULL)
                builder_append (&b, &jobs[r].builder);
              builder_clear (&jobs[r].builder);
            }
        }
      if (first_error != NULL)
        {
          builder_clear (&b);
          g_propagate_error (error, first_error);
          return FALSE;
        }
    }
  else
    {
      int subset_field = self->subset_field ? field_index (self, self->subset_field) : -1;

      if (self->subset_field != NULL && subset_field < 0)
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER,
                       _("%s: there is no field “%s” to select features by"), display, self->subset_field);
          return FALSE;
        }
      if (subset_field < 0)
        set_ignored_fields (layer);
      else
        {
          /* The geometry and the field that selects the subset. */
          g_autoptr(GPtrArray) ignored = g_ptr_array_new ();

          for (int i = 0; i < n_fields; i++)
            if (i != subset_field)
              g_ptr_array_add (ignored, (gpointer) OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)));
          g_ptr_array_add (ignored, (gpointer) "OGR_STYLE");
          g_ptr_array_add (ignored, NULL);
          OGR_L_SetIgnoredFields (layer, (const char **) ignored->pdata);
        }
      OGR_L_ResetReading (layer);
      builder_init (&b, n_hint > 0 ? (guint) MIN (n_hint, 1 << 20) : 64);
      if (!read_features (subset_field >= 0 ? self : NULL, subset_field, layer, path, -1, &b, rp, cancellable, error))
        {
          builder_clear (&b);
          return FALSE;
        }
    }

  notice_dropped (self, &b);
  self->n_features = b.kinds->len;
  self->n_parts = b.vertex_starts->len - 1;
  self->n_vertices = b.xy->len / 2;
  self->kinds = (guint8 *) g_array_free (g_steal_pointer (&b.kinds), FALSE);
  self->part_starts = (guint32 *) g_array_free (g_steal_pointer (&b.part_starts), FALSE);
  self->vertex_starts = (guint32 *) g_array_free (g_steal_pointer (&b.vertex_starts), FALSE);
  self->xy = (double *) g_array_free (g_steal_pointer (&b.xy), FALSE);
  self->fids = (gint64 *) g_array_free (g_steal_pointer (&b.fids), FALSE);

  for (guint f = 0; f < self->n_features; f++)
    if (self->kinds[f] != KIND_NONE)
      self->n_geometries++;

  /* Most drivers number features consecutively: keep only the first id. */
  if (self->n_features > 0)
    {
      gboolean consecutive = TRUE;

      for (guint f = 1; f < self->n_features && consecutive; f++)
        consecutive = self->fids[f] == self->fids[0] + f;
      if (consecutive)
        {
          self->fid_offset = self->fids[0];
          g_clear_pointer (&self->fids, g_free);
        }
    }
  for (guint v = 0; v < self->n_vertices; v++)
    {
      double x = self->xy[2 * v], y = self->xy[2 * v + 1];

      if (!isfinite (x) || !isfinite (y))
        continue;
      if (x < minx) minx = x;
      if (x > maxx) maxx = x;
      if (y < miny) miny = y;
      if (y > maxy) maxy = y;
    }
  self->has_extent = minx <= maxx && miny <= maxy;
  self->extent[0] = minx; self->extent[1] = miny;
  self->extent[2] = maxx; self->extent[3] = maxy;
  return TRUE;
}

PvVectorLayer *
_pv_vector_layer_new (const char      *path,
                      int              layer_index,
                      PvProgressFunc   progress,
                      gpointer         user_data,
                      GCancellable    *cancellable,
                      GError         **error)
{
  return _pv_vector_layer_new_subset (path, layer_index, NULL, NULL, progress, user_data, cancellable, error);
}

PvVectorLayer *
_pv_vector_layer_new_subset (const char      *path,
                             int              layer_index,
                             const char      *subset_field,
                             const char      *subset_value,
                             PvProgressFunc   progress,
                             gpointer         user_data,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(PvVectorLayer) self = NULL;
  g_auto(GDALDatasetH) dataset = NULL;
  g_autofree char *basename = NULL;
  OGRLayerH layer;
  const char *layer_name;

  self = g_object_new (PV_TYPE_VECTOR_LAYER, NULL);
  self->layer_index = layer_index;
  self->subset_field = g_strdup (subset_field);
  self->subset_value = g_strdup (subset_value);
  /* Legacy text: the source may be opened without GDAL's recoding. */
  _pv_vector_layer_init_text (self, path, &dataset);
  if (dataset == NULL)
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED, path,
                          _("not a readable vector file"));
      return NULL;
    }
  if (!(layer = GDALDatasetGetLayer (dataset, layer_index)))
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER, path,
                          _("the layer cannot be opened"));
      return NULL;
    }
  self->driver_name = g_strdup (GDALGetDriverShortName (GDALGetDatasetDriver (dataset)));
  self->windowed = g_strcmp0 (self->driver_name, "PostgreSQL") == 0 && subset_field == NULL;
  self->geometry_type_name = g_strdup (OGRGeometryTypeToName (OGR_L_GetGeomType (layer)));
  layer_name = OGR_L_GetName (layer);
  {
    /* A database's password is never part of the source a project stores. */
    g_autofree char *source = _pv_pg_remember_password (path);

    _pv_layer_set_source (PV_LAYER (self), source, layer_name);
  }

  basename = g_path_get_basename (path);
  if (subset_value != NULL)
    {
      /* Translators: a layer of a CAD drawing: "plan.dxf — ROADS". */
      g_autofree char *name = g_strdup_printf (_("%s — %s"), basename, subset_value);

      pv_layer_set_name (PV_LAYER (self), name);
    }
  else if (!self->windowed && GDALDatasetGetLayerCount (dataset) > 1 && layer_name != NULL && layer_name[0] != '\0')
    {
      g_autofree char *name = g_strdup_printf ("%s — %s", basename, layer_name);

      pv_layer_set_name (PV_LAYER (self), name);
    }
  else if (layer_name != NULL && layer_name[0] != '\0')
    pv_layer_set_name (PV_LAYER (self), layer_name);
  else
    pv_layer_set_name (PV_LAYER (self), basename);

  {
    g_autoptr(PvCrs) crs = _pv_crs_new_from_osr (OGR_L_GetSpatialRef (layer));

    _pv_layer_set_crs (PV_LAYER (self), crs);
    if (crs == NULL)
      _pv_layer_set_notice (PV_LAYER (self),
                            _("The file does not say which coordinate system it uses (unknown CRS)."));
  }

  {
    ReadProgress rp = {
      .progress = progress,
      .user_data = user_data,
      .caller = g_thread_self (),
      .total = OGR_L_TestCapability (layer, OLCFastFeatureCount) ? OGR_L_GetFeatureCount (layer, FALSE) : -1,
    };

    if (!read_layer (self, path, layer, &rp, cancellable, error))
      return NULL;
  }

  return g_steal_pointer (&self);
}

/* ---------------------------------------------------------------- prepare */

static float *
compute_boxes (PvVectorLayer *self,
               const double  *xy)
{
  float *boxes = g_new (float, 4 * (gsize) MAX (self->n_features, 1));

  for (guint f = 0; f < self->n_features; f++)
    {
      float *box = boxes + 4 * (gsize) f;
      double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
      guint v0 = self->vertex_starts[self->part_starts[f]];
      guint v1 = self->vertex_starts[self->part_starts[f + 1]];

      for (guint v = v0; v < v1; v++)
        {
          double x = xy[2 * v], y = xy[2 * v + 1];

          if (!isfinite (x) || !isfinite (y))
            continue;
          if (x < minx) minx = x;
          if (x > maxx) maxx = x;
          if (y < miny) miny = y;
          if (y > maxy) maxy = y;
        }
      if (self->kinds[f] == KIND_NONE || !(minx <= maxx))
        {
          box[0] = box[1] = box[2] = box[3] = NAN;
          continue;
        }
      /* Round outwards so the float box still contains the feature. */
      box[0] = nextafterf ((float) minx, -INFINITY);
      box[1] = nextafterf ((float) miny, -INFINITY);
      box[2] = nextafterf ((float) maxx, INFINITY);
      box[3] = nextafterf ((float) maxy, INFINITY);
    }
  return boxes;
}

static gboolean
same_crs (PvCrs *a,
          PvCrs *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a == b || pv_crs_equals (a, b);
}

static gboolean
pv_vector_layer_prepare (PvLayer       *layer,
                         PvCrs         *map_crs,
                         GCancellable  *cancellable,
                         GError       **error)
{
  PvVectorLayer *self = PV_VECTOR_LAYER (layer);
  PvCrs *layer_crs = pv_layer_get_crs (layer);
  g_autoptr(Prepared) p = NULL;
  gboolean as_is;

  /* Unknown CRS on either side: draw the coordinates as they are. */
  as_is = map_crs == NULL || layer_crs == NULL || same_crs (layer_crs, map_crs);

  g_mutex_lock (&self->mutex);
  if (self->prepared != NULL && self->prepared->generation == _pv_layer_get_generation (layer) &&
      (as_is ? self->prepared->crs == NULL : same_crs (self->prepared->crs, map_crs)))
    {
      g_mutex_unlock (&self->mutex);
      return TRUE;
    }

  p = g_new0 (Prepared, 1);
  g_atomic_ref_count_init (&p->ref_count);
  p->generation = _pv_layer_get_generation (layer);
  if (as_is)
    p->xy = self->xy;
  else
    {
      g_autoptr(PvTransform) transform = pv_transform_new (layer_crs, map_crs, error);
      const gsize chunk = 65536;

      if (transform == NULL)
        {
          g_mutex_unlock (&self->mutex);
          return FALSE;
        }
      p->crs = g_object_ref (map_crs);
      p->owns_xy = TRUE;
      p->xy = g_memdup2 (self->xy, MAX (self->n_vertices, 1) * 2 * sizeof (double));
      for (gsize i = 0; i < self->n_vertices; i += chunk)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              g_mutex_unlock (&self->mutex);
              return FALSE;
            }
          pv_transform_points_interleaved (transform, p->xy + 2 * i, MIN (chunk, self->n_vertices - i));
        }
    }
  {
    /* The tree keeps the boxes; this copy only feeds it. */
    g_autofree float *boxes = compute_boxes (self, p->xy);

    p->tree = _pv_rtree_new (boxes, self->n_features);
  }

  g_clear_pointer (&self->prepared, _pv_prepared_unref);
  self->prepared = g_steal_pointer (&p);
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

Prepared *
_pv_vector_layer_dup_prepared (PvVectorLayer *self)
{
  Prepared *p = NULL;

  g_mutex_lock (&self->mutex);
  if (self->prepared)
    p = _pv_prepared_ref (self->prepared);
  g_mutex_unlock (&self->mutex);
  return p;
}

/* ---------------------------------------------------------------- render */

typedef struct
{
  double x0;       /* map x of device x = 0 */
  double y0;       /* map y of device y = 0 */
  double inv_res;
  /* Vector output (PDF, SVG): vertices snap to the device pixel grid and
   * the ones that add nothing there are dropped, so a print carries the
   * geometry at the printer's resolution and no finer. */
  gboolean snap;
} DeviceMap;

static inline double
clamp_device (double v)
{
  return CLAMP (v, -MAX_DEVICE_COORD, MAX_DEVICE_COORD);
}

/* Adds the part's vertices to the path, dropping those within half a device
 * pixel of the last one kept. Returns FALSE when nothing was drawable. */
/* add_part_path() for vector output: each vertex rounded to the device
 * pixel grid; repeated vertices and the middle one of three collinear ones
 * are dropped (exact on the integer grid). */
static gboolean
add_part_path_snapped (cairo_t         *cr,
                       const double    *xy,
                       guint            n,
                       const DeviceMap *dm,
                       gboolean         close)
{
  /* The kept vertices not yet emitted: the last one may still be dropped as
   * collinear with the next. */
  double px = 0, py = 0, qx = 0, qy = 0;
  guint kept = 0;

  for (guint i = 0; i < n; i++)
    {
      double x = (xy[2 * i] - dm->x0) * dm->inv_res;
      double y = (dm->y0 - xy[2 * i + 1]) * dm->inv_res;

      if (!isfinite (x) || !isfinite (y))
        continue;
      x = round (clamp_device (x));
      y = round (clamp_device (y));
      if (kept == 0)
        {
          cairo_move_to (cr, x, y);
          px = x;
          py = y;
          kept = 1;
          continue;
        }
      if (kept == 1)
        {
          if (x == px && y == py)
            continue;
          qx = x;
          qy = y;
          kept = 2;
          continue;
        }
      if (x == qx && y == qy)
        continue;
      if ((qx - px) * (y - py) - (qy - py) * (x - px) == 0 &&
          (qx - px) * (x - qx) + (qy - py) * (y - qy) > 0)
        {
          /* q lies on the straight way from p to (x, y). */
          qx = x;
          qy = y;
          continue;
        }
      cairo_line_to (cr, qx, qy);
      px = qx;
      py = qy;
      qx = x;
      qy = y;
      kept++;
    }
  if (kept >= 2)
    cairo_line_to (cr, qx, qy);
  if (close && kept > 0)
    cairo_close_path (cr);
  return kept > 0;
}

/* The vertices of a part kept when those within tolerance device pixels of
 * the last one kept are dropped; emitted on cr unless it is NULL. */
static guint
add_part_vertices (cairo_t         *cr,
                   const double    *xy,
                   guint            n,
                   const DeviceMap *dm,
                   double           tolerance)
{
  double last_x = 0, last_y = 0;
  guint kept = 0;

  for (guint i = 0; i < n; i++)
    {
      double x = (xy[2 * i] - dm->x0) * dm->inv_res;
      double y = (dm->y0 - xy[2 * i + 1]) * dm->inv_res;

      if (!isfinite (x) || !isfinite (y))
        continue;
      x = clamp_device (x);
      y = clamp_device (y);
      if (kept == 0)
        {
          if (cr != NULL)
            cairo_move_to (cr, x, y);
        }
      else if (fabs (x - last_x) >= tolerance || fabs (y - last_y) >= tolerance || i == n - 1)
        {
          if (cr != NULL)
            cairo_line_to (cr, x, y);
        }
      else
        continue;
      last_x = x;
      last_y = y;
      kept++;
    }
  return kept;
}

static gboolean
add_part_path (cairo_t         *cr,
               const double    *xy,
               guint            n,
               const DeviceMap *dm,
               gboolean         close)
{
  double tolerance = 0.5;
  guint kept;

  if (dm->snap)
    return add_part_path_snapped (cr, xy, n, dm, close);

  /* A part of more vertices than a screen can show apart (a zigzag of a
   * million spikes) would keep cairo's stroker and tessellator busy for
   * minutes, out of reach of cancellation: it is drawn at a coarser
   * tolerance, as the shape it makes at this scale. */
  if (n > MAX_PART_PATH_VERTICES)
    while (tolerance < MAX_PART_PATH_TOLERANCE &&
           add_part_vertices (NULL, xy, n, dm, tolerance) > MAX_PART_PATH_VERTICES)
      tolerance *= 2;
  kept = add_part_vertices (cr, xy, n, dm, tolerance);
  if (close && kept > 0)
    cairo_close_path (cr);
  return kept > 0;
}

/* ------------------------------------------------------- print dissolve */

/* The fill of a symbol group in vector output, dissolved: the rings of all
 * its polygons on the device pixel grid, as directed edges; an edge and its
 * reverse (the border two neighbours share, rings being counter-clockwise)
 * cancel. The winding number of every point stays what it was, so the
 * group's non-zero fill is the same, with half the path or less for a
 * cadastre where neighbours share their borders and often their class.
 *
 * The edges are kept in the order they came (file order: near in space), the
 * hash tables hold only their indices: the loops come out in file order,
 * which deflates better, and mostly follow that order. */

typedef struct
{
  gint32 x0, y0, x1, y1;   /* (x0, y0) < (x1, y1): either direction */
  gint32 n;                /* copies from 0 to 1 minus those from 1 to 0 */
} DissolveEdge;

/* An edge that is left, with its direction. */
typedef struct
{
  gint32 x0, y0, x1, y1;
} LiveEdge;

/* A vertex of the live edges: one cache line read finds its next edge. */
typedef struct
{
  guint32 tag;             /* high bits of the hash */
  guint32 index;           /* an edge leaving it (into live), + 1; 0: empty */
  guint32 head;            /* its first unused edge, or G_MAXUINT32 */
} VertexSlot;

typedef struct
{
  guint32 tag;             /* high bits of the hash */
  guint32 index;           /* into edges, + 1; 0: empty slot */
} DissolveSlot;

typedef struct
{
  GArray       *edges;     /* DissolveEdge, in the order added */
  DissolveSlot *slots;     /* edge → index, open addressing */
  gsize         mask;      /* n_slots − 1 */
  gsize         n_used;    /* slots filled since the last rehash */
  gsize         n_live;    /* sum of |n| */
  GArray       *ring;      /* gint32 x, y of the ring being added */
} Dissolve;

static inline guint64
dissolve_hash (gint32 x0,
               gint32 y0,
               gint32 x1,
               gint32 y1)
{
  guint64 h = ((guint64) (guint32) x0 << 32 | (guint32) y0) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  h ^= ((guint64) (guint32) x1 << 32 | (guint32) y1) * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F);
  h ^= h >> 31;
  h *= G_GUINT64_CONSTANT (0x165667B19E3779F9);
  return h ^ (h >> 29);
}


static void
dissolve_init (Dissolve *d)
{
  memset (d, 0, sizeof *d);
  d->edges = g_array_new (FALSE, FALSE, sizeof (DissolveEdge));
  d->ring = g_array_new (FALSE, FALSE, 2 * sizeof (gint32));
}

static void
dissolve_clear (Dissolve *d)
{
  g_clear_pointer (&d->slots, g_free);
  d->mask = 0;
  d->n_used = 0;
  d->n_live = 0;
  g_array_set_size (d->edges, 0);
  g_array_set_size (d->ring, 0);
}

static void
dissolve_free (Dissolve *d)
{
  dissolve_clear (d);
  g_array_unref (d->edges);
  g_array_unref (d->ring);
}

/* The slot of the edge, or the empty slot where it would go. */
static inline DissolveSlot *
dissolve_lookup (Dissolve *d,
                 gint32    x0,
                 gint32    y0,
                 gint32    x1,
                 gint32    y1)
{
  guint64 h = dissolve_hash (x0, y0, x1, y1);
  guint32 tag = (guint32) (h >> 32);
  gsize i = h & d->mask;
  const DissolveEdge *edges = (const DissolveEdge *) d->edges->data;

  for (;;)
    {
      DissolveSlot *slot = &d->slots[i];

      if (slot->index == 0)
        return slot;
      if (slot->tag == tag)
        {
          const DissolveEdge *e = &edges[slot->index - 1];

          if (e->x0 == x0 && e->y0 == y0 && e->x1 == x1 && e->y1 == y1)
            return slot;
        }
      i = (i + 1) & d->mask;
    }
}

/* Keeps the table at most half full (linear probing stays short), dropping
 * the cancelled edges. */
static void
dissolve_reserve (Dissolve *d,
                  gsize     n_more)
{
  const DissolveEdge *edges = (const DissolveEdge *) d->edges->data;
  gsize n = 1024;

  if (d->slots != NULL && 2 * (d->n_used + n_more) <= d->mask + 1)
    return;
  while (n < 4 * (d->n_live + n_more) + 2)
    n *= 2;
  g_free (d->slots);
  d->slots = g_new0 (DissolveSlot, n);
  d->mask = n - 1;
  d->n_used = 0;
  for (guint i = 0; i < d->edges->len; i++)
    {
      const DissolveEdge *e = &edges[i];
      DissolveSlot *slot;

      if (e->n == 0)
        continue;  /* cancelled */
      slot = dissolve_lookup (d, e->x0, e->y0, e->x1, e->y1);
      slot->tag = (guint32) (dissolve_hash (e->x0, e->y0, e->x1, e->y1) >> 32);
      slot->index = i + 1;
      d->n_used++;
    }
}

static inline void
dissolve_add_edge (Dissolve *d,
                   gint32    x0,
                   gint32    y0,
                   gint32    x1,
                   gint32    y1)
{
  gint32 dir = 1;
  DissolveSlot *slot;
  DissolveEdge *e;

  if (x1 < x0 || (x1 == x0 && y1 < y0))
    {
      gint32 t;

      t = x0, x0 = x1, x1 = t;
      t = y0, y0 = y1, y1 = t;
      dir = -1;
    }
  slot = dissolve_lookup (d, x0, y0, x1, y1);
  if (slot->index == 0)
    {
      DissolveEdge new_edge = { x0, y0, x1, y1, 0 };

      g_array_append_val (d->edges, new_edge);
      slot->tag = (guint32) (dissolve_hash (x0, y0, x1, y1) >> 32);
      slot->index = d->edges->len;
      d->n_used++;
    }
  e = &g_array_index (d->edges, DissolveEdge, slot->index - 1);
  d->n_live -= ABS (e->n);
  e->n += dir;
  d->n_live += ABS (e->n);
}

/* Adds a ring, its vertices snapped to the device grid as
 * add_part_path_snapped() does. */
static void
dissolve_add_ring (Dissolve        *d,
                   const double    *xy,
                   guint            n,
                   const DeviceMap *dm)
{
  GArray *ring = d->ring;
  const gint32 *v;

  g_array_set_size (ring, 0);
  for (guint i = 0; i < n; i++)
    {
      double x = (xy[2 * i] - dm->x0) * dm->inv_res;
      double y = (dm->y0 - xy[2 * i + 1]) * dm->inv_res;
      gint32 p[2];

      if (!isfinite (x) || !isfinite (y))
        continue;
      p[0] = (gint32) round (clamp_device (x));
      p[1] = (gint32) round (clamp_device (y));
      if (ring->len > 0)
        {
          const gint32 *last = &g_array_index (ring, gint32, 2 * (ring->len - 1));

          if (last[0] == p[0] && last[1] == p[1])
            continue;
        }
      g_array_append_val (ring, p);
    }
  /* The ring's closing vertex repeats the first. */
  v = (const gint32 *) ring->data;
  while (ring->len > 1 &&
         v[2 * (ring->len - 1)] == v[0] && v[2 * (ring->len - 1) + 1] == v[1])
    g_array_set_size (ring, ring->len - 1);
  if (ring->len < 2)
    return;
  dissolve_reserve (d, ring->len);
  /* The slots of the ring's edges, fetched together. */
  for (guint i = 0; i < ring->len; i++)
    {
      guint j = i + 1 < ring->len ? i + 1 : 0;
      gint32 x0, y0, x1, y1;

      if (v[2 * i] < v[2 * j] || (v[2 * i] == v[2 * j] && v[2 * i + 1] < v[2 * j + 1]))
        x0 = v[2 * i], y0 = v[2 * i + 1], x1 = v[2 * j], y1 = v[2 * j + 1];
      else
        x0 = v[2 * j], y0 = v[2 * j + 1], x1 = v[2 * i], y1 = v[2 * i + 1];
      __builtin_prefetch (&d->slots[dissolve_hash (x0, y0, x1, y1) & d->mask]);
    }
  for (guint i = 0; i < ring->len; i++)
    {
      guint j = i + 1 < ring->len ? i + 1 : 0;

      dissolve_add_edge (d, v[2 * i], v[2 * i + 1], v[2 * j], v[2 * j + 1]);
    }
}

/* Emits a loop to be filled (a fill closes it: no close_path, two bytes
 * less a loop), dropping the middle vertex of three collinear ones (exact on
 * the integer grid). */
static void
emit_loop (cairo_t      *cr,
           const gint32 *pts,
           guint         n)
{
  guint kept = 0;

  for (guint i = 0; i < n; i++)
    {
      const gint32 *a = &pts[2 * ((i + n - 1) % n)];
      const gint32 *b = &pts[2 * i];
      const gint32 *c = &pts[2 * ((i + 1) % n)];
      gint64 cross = (gint64) (b[0] - a[0]) * (c[1] - b[1]) - (gint64) (b[1] - a[1]) * (c[0] - b[0]);
      gint64 dot = (gint64) (b[0] - a[0]) * (c[0] - b[0]) + (gint64) (b[1] - a[1]) * (c[1] - b[1]);

      if (n > 3 && cross == 0 && dot > 0)
        continue;
      if (kept++ == 0)
        cairo_move_to (cr, b[0], b[1]);
      else
        cairo_line_to (cr, b[0], b[1]);
    }
}

/* Adds the live edges to cr's path as closed loops. FALSE when there are
 * none. */
static gboolean
dissolve_emit (Dissolve *d,
               cairo_t  *cr)
{
  const DissolveEdge *all = (const DissolveEdge *) d->edges->data;
  g_autofree LiveEdge *live = NULL;    /* in the order added, a copy each */
  g_autofree guint32 *next = NULL;     /* into live: the next edge leaving the same vertex */
  g_autofree guint8 *used = NULL;
  g_autofree VertexSlot *vslots = NULL;
  g_autoptr(GArray) loop = NULL;
  gsize n_live = 0, vmask = 1024;

  if (d->n_live == 0)
    return FALSE;

  live = g_new (LiveEdge, d->n_live);
  for (guint i = 0; i < d->edges->len; i++)
    {
      LiveEdge e = { all[i].x0, all[i].y0, all[i].x1, all[i].y1 };

      if (all[i].n < 0)
        e = (LiveEdge) { all[i].x1, all[i].y1, all[i].x0, all[i].y0 };
      for (gint32 k = 0; k < ABS (all[i].n); k++)
        live[n_live++] = e;
    }
  g_assert (n_live == d->n_live);

  /* The start vertices, each with the list of edges leaving it. */
  while (vmask < 2 * n_live)
    vmask *= 2;
  vslots = g_new0 (VertexSlot, vmask);
  vmask--;
  next = g_new (guint32, n_live);
  used = g_new0 (guint8, n_live);
  for (gsize i = n_live; i-- > 0;)
    {
      const LiveEdge *e = &live[i];
      guint64 h = dissolve_hash (e->x0, e->y0, 0, 0);
      guint32 tag = (guint32) (h >> 32);
      gsize s = h & vmask;

      for (;;)
        {
          const LiveEdge *r;

          if (vslots[s].index == 0)
            {
              vslots[s].tag = tag;
              vslots[s].index = (guint32) i + 1;
              vslots[s].head = G_MAXUINT32;
              break;
            }
          r = &live[vslots[s].index - 1];
          if (vslots[s].tag == tag && r->x0 == e->x0 && r->y0 == e->y0)
            break;
          s = (s + 1) & vmask;
        }
      /* Built from the end, so that each list runs in file order. */
      next[i] = vslots[s].head;
      vslots[s].head = (guint32) i;
    }

  /* Walks: a vertex has as many edges in as out, so a walk from an edge
   * returns to its start. */
  loop = g_array_new (FALSE, FALSE, 2 * sizeof (gint32));
  for (gsize start = 0; start < n_live; start++)
    {
      const LiveEdge *first = &live[start];
      gsize k = start;

      if (used[start])
        continue;
      g_array_set_size (loop, 0);
      for (;;)
        {
          const LiveEdge *e = &live[k];
          gint32 p[2] = { e->x0, e->y0 };
          guint64 h;
          guint32 tag;
          gsize s;

          used[k] = TRUE;
          g_array_append_val (loop, p);
          if (e->x1 == first->x0 && e->y1 == first->y0)
            break;
          /* Mostly the next edge of the same ring, added next. */
          if (k + 1 < n_live && !used[k + 1] && live[k + 1].x0 == e->x1 && live[k + 1].y0 == e->y1)
            {
              k++;
              continue;
            }
          h = dissolve_hash (e->x1, e->y1, 0, 0);
          tag = (guint32) (h >> 32);
          s = h & vmask;
          while (vslots[s].index != 0)
            {
              const LiveEdge *r = &live[vslots[s].index - 1];

              if (vslots[s].tag == tag && r->x0 == e->x1 && r->y0 == e->y1)
                break;
              s = (s + 1) & vmask;
            }
          if (vslots[s].index == 0)
            break;  /* not reached: every vertex has as many edges in as out */
          while (vslots[s].head != G_MAXUINT32 && used[vslots[s].head])
            vslots[s].head = next[vslots[s].head];
          if (vslots[s].head == G_MAXUINT32)
            break;  /* not reached, as above */
          k = vslots[s].head;
          vslots[s].head = next[k];
        }
      emit_loop (cr, (const gint32 *) loop->data, loop->len);
    }
  return TRUE;
}

typedef struct
{
  cairo_surface_t *surface; /* A8; in vector output made on first use */
  guint8 *data;
  int     stride;
  int     x;      /* device position of the mask's origin */
  int     y;
  int     width;
  int     height;
  gboolean used;
  gboolean failed;          /* the surface could not be made */
  int     ux0, uy0, ux1, uy1; /* the pixels set, inclusive, when used */
} PixelMask;

static gboolean
mask_alloc (PixelMask *m)
{
  if (m->surface != NULL)
    return TRUE;
  if (m->failed)
    return FALSE;
  m->surface = cairo_image_surface_create (CAIRO_FORMAT_A8, m->width, m->height);
  if (cairo_surface_status (m->surface) != CAIRO_STATUS_SUCCESS)
    {
      g_clear_pointer (&m->surface, cairo_surface_destroy);
      m->failed = TRUE;
      return FALSE;
    }
  cairo_surface_flush (m->surface);
  m->data = cairo_image_surface_get_data (m->surface);
  m->stride = cairo_image_surface_get_stride (m->surface);
  return TRUE;
}

static inline void
mask_fill_box (PixelMask *m,
               double     x0,
               double     y0,
               double     x1,
               double     y1)
{
  int ix0 = (int) floor (CLAMP (x0, -1, 1e6)) - m->x;
  int iy0 = (int) floor (CLAMP (y0, -1, 1e6)) - m->y;
  int ix1 = (int) floor (CLAMP (x1, -1, 1e6)) - m->x;
  int iy1 = (int) floor (CLAMP (y1, -1, 1e6)) - m->y;

  ix0 = MAX (ix0, 0);
  iy0 = MAX (iy0, 0);
  ix1 = MIN (ix1, m->width - 1);
  iy1 = MIN (iy1, m->height - 1);
  if (ix1 < ix0 || iy1 < iy0 || (m->data == NULL && !mask_alloc (m)))
    return;
  for (int y = iy0; y <= iy1; y++)
    memset (m->data + (gsize) y * m->stride + ix0, 0xFF, ix1 - ix0 + 1);
  if (!m->used)
    {
      m->ux0 = ix0, m->uy0 = iy0, m->ux1 = ix1, m->uy1 = iy1;
      m->used = TRUE;
    }
  else
    {
      m->ux0 = MIN (m->ux0, ix0), m->uy0 = MIN (m->uy0, iy0);
      m->ux1 = MAX (m->ux1, ix1), m->uy1 = MAX (m->uy1, iy1);
    }
}

/* Paints the mask in the current source, and clears it for the next group.
 * In vector output only the part that is set is painted: the document
 * keeps a copy of every mask. */
static void
mask_paint (PixelMask *m,
            cairo_t   *cr,
            gboolean   crop)
{
  int w = m->ux1 - m->ux0 + 1, h = m->uy1 - m->uy0 + 1;

  if (!m->used)
    return;
  cairo_surface_mark_dirty (m->surface);
  if (!crop)
    cairo_mask_surface (cr, m->surface, m->x, m->y);
  else
    {
      cairo_surface_t *part = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);

      if (cairo_surface_status (part) == CAIRO_STATUS_SUCCESS)
        {
          guint8 *data = cairo_image_surface_get_data (part);
          int stride = cairo_image_surface_get_stride (part);

          cairo_surface_flush (part);
          for (int y = 0; y < h; y++)
            memcpy (data + (gsize) y * stride, m->data + (gsize) (m->uy0 + y) * m->stride + m->ux0, w);
          cairo_surface_mark_dirty (part);
          cairo_mask_surface (cr, part, m->x + m->ux0, m->y + m->uy0);
        }
      else
        m->failed = TRUE;
      cairo_surface_destroy (part);
    }
  cairo_surface_flush (m->surface);
  for (int y = m->uy0; y <= m->uy1; y++)
    memset (m->data + (gsize) y * m->stride + m->ux0, 0, w);
  cairo_surface_mark_dirty (m->surface);
  m->used = FALSE;
}

/* Sorts feature ids through a bitmap: linear, where qsort would cost more
 * than drawing a full frame of a million parcels. */
static void
sort_ids (GArray *ids,
          guint   n_features)
{
  g_autofree guint64 *bits = g_new0 (guint64, n_features / 64 + 1);
  guint out = 0;

  for (guint k = 0; k < ids->len; k++)
    {
      guint32 f = g_array_index (ids, guint32, k);

      bits[f / 64] |= G_GUINT64_CONSTANT (1) << (f % 64);
    }
  for (guint w = 0; w <= n_features / 64; w++)
    {
      guint64 word = bits[w];

      while (word != 0)
        {
          int bit = __builtin_ctzll (word);

          g_array_index (ids, guint32, out++) = w * 64 + bit;
          word &= word - 1;
        }
    }
  g_assert (out == ids->len);
}

static GBytes *
dup_selection_bits (PvVectorLayer *self)
{
  GBytes *bits = NULL;

  g_mutex_lock (&self->mutex);
  if (self->selection != NULL)
    bits = g_bytes_ref (self->selection);
  g_mutex_unlock (&self->mutex);
  return bits;
}

static inline gboolean
bit_is_set (const guint64 *bits,
            guint          index)
{
  return (bits[index / 64] >> (index % 64)) & 1;
}

/* Selected features go on top in a highlight that reads on any fill, and are
 * never reduced to pixels: a selection must be seen at every scale. */
static void
draw_selection (PvVectorLayer   *self,
                Prepared        *p,
                cairo_t         *cr,
                GArray          *ids,
                const DeviceMap *dm,
                double           device_scale)
{
  g_autoptr(GBytes) selection = dup_selection_bits (self);
  const guint64 *bits;
  gboolean have_area = FALSE, have_lines = FALSE;

  if (selection == NULL)
    return;
  bits = g_bytes_get_data (selection, NULL);

  cairo_new_path (cr);
  for (guint k = 0; k < ids->len; k++)
    {
      guint32 f = g_array_index (ids, guint32, k);

      if (!bit_is_set (bits, f) || self->kinds[f] != PV_GEOMETRY_KIND_POLYGON)
        continue;
      for (guint part = self->part_starts[f]; part < self->part_starts[f + 1]; part++)
        {
          guint v0 = self->vertex_starts[part], v1 = self->vertex_starts[part + 1];

          if (v1 - v0 >= 3 && add_part_path (cr, p->xy + 2 * v0, v1 - v0, dm, TRUE))
            have_area = TRUE;
        }
    }
  if (have_area)
    {
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
      cairo_set_source_rgba (cr, 1.0, 0.85, 0.0, 0.35);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.9);
      cairo_set_line_width (cr, 4.0 * device_scale);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 1.0, 0.85, 0.0);
      cairo_set_line_width (cr, 2.0 * device_scale);
      cairo_stroke (cr);
    }

  cairo_new_path (cr);
  for (guint k = 0; k < ids->len; k++)
    {
      guint32 f = g_array_index (ids, guint32, k);

      if (!bit_is_set (bits, f) || self->kinds[f] == PV_GEOMETRY_KIND_POLYGON)
        continue;
      for (guint part = self->part_starts[f]; part < self->part_starts[f + 1]; part++)
        {
          guint v0 = self->vertex_starts[part], v1 = self->vertex_starts[part + 1];

          if (self->kinds[f] == PV_GEOMETRY_KIND_POINT || v1 - v0 == 1)
            {
              double x = (p->xy[2 * v0] - dm->x0) * dm->inv_res;
              double y = (dm->y0 - p->xy[2 * v0 + 1]) * dm->inv_res;

              if (!isfinite (x) || !isfinite (y))
                continue;
              cairo_new_sub_path (cr);
              cairo_arc (cr, clamp_device (x), clamp_device (y), 6.0 * device_scale, 0, 2 * G_PI);
              have_lines = TRUE;
            }
          else if (add_part_path (cr, p->xy + 2 * v0, v1 - v0, dm, FALSE))
            have_lines = TRUE;
        }
    }
  if (have_lines)
    {
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.9);
      cairo_set_line_width (cr, 5.0 * device_scale);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 1.0, 0.85, 0.0);
      cairo_set_line_width (cr, 3.0 * device_scale);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
}

static ClassMap *
dup_class_map (PvVectorLayer *self)
{
  ClassMap *cm = NULL;

  g_mutex_lock (&self->mutex);
  if (self->class_map != NULL)
    {
      cm = self->class_map;
      g_atomic_ref_count_inc (&cm->ref_count);
    }
  g_mutex_unlock (&self->mutex);
  return cm;
}

typedef struct
{
  PvVectorLayer   *self;
  Prepared        *p;
  const DeviceMap *dm;
  PixelMask       *mask;
  Dissolve        *dissolve;  /* vector output: fills without outlines dissolve */
  GCancellable    *cancellable;
  double           dpi;
  double           hatch_x;  /* device position of the map's origin: hatches start there */
  double           hatch_y;
  double           cx0, cy0, cx1, cy1;
} DrawJob;

/* How far a symbol reaches beyond its geometry, in device pixels. */
static double
symbol_reach (const PvStyleCategory *sym,
              double                 dpi)
{
  double outline = pv_unit_to_pixels (sym->outline_width, sym->unit, dpi);
  double line = pv_unit_to_pixels (sym->line_width, sym->unit, dpi);
  double casing = sym->casing[3] > 0 ? pv_unit_to_pixels (sym->casing_width, sym->unit, dpi) : 0;
  double marker = pv_unit_to_pixels (sym->marker_size, sym->unit, dpi);

  return MAX (MAX (marker / 2 + outline, line / 2 + casing), outline / 2) + 1;
}

/* Draws the features ids (in file order) with one symbol: polygons, then
 * lines, then points; features under a few pixels through the mask. FALSE
 * when cancelled. */
static gboolean
draw_group (DrawJob               *job,
            cairo_t               *cr,
            GArray                *ids,
            const PvStyleCategory *sym,
            double                 fill_alpha)
{
  PvVectorLayer *self = job->self;
  Prepared *p = job->p;
  DeviceMap dm = *job->dm;
  PixelMask *mask = job->mask;
  double cx0 = job->cx0, cy0 = job->cy0, cx1 = job->cx1, cy1 = job->cy1;
  double outline_width = pv_unit_to_pixels (sym->outline_width, sym->unit, job->dpi);
  double line_width = pv_unit_to_pixels (sym->line_width, sym->unit, job->dpi);
  double casing_width = sym->casing[3] > 0 ? pv_unit_to_pixels (sym->casing_width, sym->unit, job->dpi) : 0;
  double marker_size = pv_unit_to_pixels (sym->marker_size, sym->unit, job->dpi);
  double reach = marker_size / 2 + outline_width;
  gboolean outlined = sym->outline_dash != PV_DASH_NONE && sym->outline[3] > 0 && outline_width > 0;
  gboolean have_fill_path = FALSE, have_small_path = FALSE;
  cairo_pattern_t *hatch = NULL;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);

  /* Pass 1: polygon fills, and a second path of polygons big enough for
   * outlines and hatches. */
  for (int pass = 0; pass < 2; pass++)
    {
      /* A plain fill (no outline, no hatch) in vector output: dissolved. */
      gboolean dissolve;

      /* (On screen the hatch is made only when there is a path to hatch.) */
      if (pass == 1 && job->dissolve != NULL)
        hatch = pv_symbol_create_hatch_pattern (sym, job->dpi, job->hatch_x, job->hatch_y);
      dissolve = job->dissolve != NULL && (pass == 0 || (!outlined && hatch == NULL));
      if (dissolve)
        {
          /* Room for every edge at once: growing would move them all. */
          gsize n_edges = 0;

          for (guint k = 0; k < ids->len; k++)
            {
              guint32 f = g_array_index (ids, guint32, k);

              if (self->kinds[f] == PV_GEOMETRY_KIND_POLYGON)
                n_edges += self->vertex_starts[self->part_starts[f + 1]] - self->vertex_starts[self->part_starts[f]];
            }
          dissolve_reserve (job->dissolve, n_edges / 2);
        }
      cairo_new_path (cr);
      for (guint k = 0; k < ids->len; k++)
        {
          guint32 f = g_array_index (ids, guint32, k);
          float box[4];
          double bx0, bx1, by0, by1, size;

          if ((k & (CANCEL_CHECK_INTERVAL - 1)) == 0 && g_cancellable_is_cancelled (job->cancellable))
            {
              cairo_new_path (cr);
              cairo_restore (cr);
              if (hatch != NULL)
                cairo_pattern_destroy (hatch);
              if (job->dissolve != NULL)
                dissolve_clear (job->dissolve);
              return FALSE;
            }
          if (self->kinds[f] != PV_GEOMETRY_KIND_POLYGON || !_pv_rtree_get_box (p->tree, f, box))
            continue;
          bx0 = ((double) box[0] - dm.x0) * dm.inv_res;
          bx1 = ((double) box[2] - dm.x0) * dm.inv_res;
          by0 = (dm.y0 - (double) box[3]) * dm.inv_res;
          by1 = (dm.y0 - (double) box[1]) * dm.inv_res;
          size = MAX (bx1 - bx0, by1 - by0);

          if (size < (dm.snap ? PRINT_BOX_THRESHOLD : BOX_THRESHOLD))
            {
              if (pass == 0)
                mask_fill_box (mask, bx0, by0, bx1, by1);
              continue;
            }
          if ((pass == 0) != (size < OUTLINE_THRESHOLD))
            continue;
          for (guint part = self->part_starts[f]; part < self->part_starts[f + 1]; part++)
            {
              guint v0 = self->vertex_starts[part];
              guint v1 = self->vertex_starts[part + 1];

              if (v1 - v0 >= 3 && dissolve)
                dissolve_add_ring (job->dissolve, p->xy + 2 * v0, v1 - v0, &dm);
              else if (v1 - v0 >= 3 && add_part_path (cr, p->xy + 2 * v0, v1 - v0, &dm, TRUE))
                {
                  if (pass == 0)
                    have_small_path = TRUE;
                  else
                    have_fill_path = TRUE;
                }
            }
        }
      if (dissolve)
        {
          gboolean any = dissolve_emit (job->dissolve, cr);

          dissolve_clear (job->dissolve);
          if (any && pass == 0)
            have_small_path = TRUE;
          else if (any)
            have_fill_path = TRUE;
        }
      cairo_set_source_rgba (cr, sym->fill[0], sym->fill[1], sym->fill[2], fill_alpha);
      if (pass == 0)
        {
          if (have_small_path && fill_alpha > 0)
            cairo_fill (cr);
        }
      else if (have_fill_path)
        {
          /* One hatch pattern for the group, its tiles fixed to the map. */
          if (hatch == NULL && job->dissolve == NULL)
            hatch = pv_symbol_create_hatch_pattern (sym, job->dpi, job->hatch_x, job->hatch_y);
          if (fill_alpha > 0)
            cairo_fill_preserve (cr);
          if (hatch != NULL)
            {
              cairo_set_source (cr, hatch);
              cairo_fill_preserve (cr);
            }
          if (outlined)
            {
              pv_symbol_set_dash (cr, sym->outline_dash, outline_width);
              cairo_set_source_rgba (cr, sym->outline[0], sym->outline[1], sym->outline[2], sym->outline[3]);
              cairo_set_line_width (cr, outline_width);
              cairo_stroke (cr);
            }
        }
      cairo_new_path (cr);
    }
  if (hatch != NULL)
    cairo_pattern_destroy (hatch);

  /* Lines, then points, on top of the fills. */
  cairo_new_path (cr);
  have_fill_path = FALSE;
  for (guint k = 0; k < ids->len; k++)
    {
      guint32 f = g_array_index (ids, guint32, k);

      if (self->kinds[f] != PV_GEOMETRY_KIND_LINE)
        continue;
      for (guint part = self->part_starts[f]; part < self->part_starts[f + 1]; part++)
        {
          guint v0 = self->vertex_starts[part];
          guint v1 = self->vertex_starts[part + 1];

          if (v1 - v0 >= 2 && add_part_path (cr, p->xy + 2 * v0, v1 - v0, &dm, FALSE))
            have_fill_path = TRUE;
        }
    }
  if (have_fill_path)
    {
      /* Every casing of the group under every line, so that crossing roads
       * merge as on a road map. */
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, NULL, 0, 0);
      if (casing_width > 0)
        {
          cairo_set_source_rgba (cr, sym->casing[0], sym->casing[1], sym->casing[2], sym->casing[3]);
          cairo_set_line_width (cr, line_width + 2 * casing_width);
          cairo_stroke_preserve (cr);
        }
      if (sym->fill[3] > 0 && pv_symbol_set_dash (cr, sym->line_dash, line_width))
        {
          cairo_set_source_rgba (cr, sym->fill[0], sym->fill[1], sym->fill[2], sym->fill[3]);
          cairo_set_line_width (cr, line_width);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
    }

  cairo_new_path (cr);
  have_fill_path = FALSE;
  for (guint k = 0; k < ids->len; k++)
    {
      guint32 f = g_array_index (ids, guint32, k);

      if (self->kinds[f] != PV_GEOMETRY_KIND_POINT)
        continue;
      for (guint part = self->part_starts[f]; part < self->part_starts[f + 1]; part++)
        {
          guint v = self->vertex_starts[part];
          double x = (p->xy[2 * v] - dm.x0) * dm.inv_res;
          double y = (dm.y0 - p->xy[2 * v + 1]) * dm.inv_res;

          if (!isfinite (x) || !isfinite (y) || x < cx0 - reach || x > cx1 + reach ||
              y < cy0 - reach || y > cy1 + reach)
            continue;
          pv_symbol_add_marker_path (cr, sym->marker, x, y, marker_size);
          have_fill_path = TRUE;
        }
    }
  if (have_fill_path)
    {
      cairo_set_source_rgba (cr, sym->fill[0], sym->fill[1], sym->fill[2], sym->fill[3]);
      cairo_fill_preserve (cr);
      if (outlined)
        {
          pv_symbol_set_dash (cr, sym->outline_dash, outline_width);
          cairo_set_source_rgba (cr, sym->outline[0], sym->outline[1], sym->outline[2], sym->outline[3]);
          cairo_set_line_width (cr, outline_width);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
    }

  if (mask->used)
    {
      cairo_set_source_rgba (cr, sym->fill[0], sym->fill[1], sym->fill[2], fill_alpha);
      mask_paint (mask, cr, dm.snap);
    }
  cairo_restore (cr);
  return TRUE;
}

static gboolean
pv_vector_layer_render (PvLayer                *layer,
                        cairo_t                *cr,
                        const PvRenderContext  *ctx,
                        GError                **error)
{
  PvVectorLayer *self = PV_VECTOR_LAYER (layer);
  g_autoptr(Prepared) p = _pv_vector_layer_dup_prepared (self);
  g_autoptr(ClassMap) cm = NULL;
  g_autoptr(GArray) ids = NULL;
  PixelMask mask = { 0 };
  Dissolve dissolve;
  PvStyleCategory layer_symbol = { 0 };
  PvStyle *style;
  const guint16 *classes;
  DeviceMap dm;
  double cx0, cy0, cx1, cy1, res, dpi, reach;
  double mx0, my0, mx1, my1;
  double rgb[3], fill_alpha;
  int width, height;

  if (p == NULL)
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_EMPTY,
                   "%s: not prepared for drawing", pv_layer_get_name (layer));
      return FALSE;
    }
  if (p->tree == NULL || self->n_geometries == 0)
    return TRUE;

  width = pv_viewport_get_width (ctx->viewport);
  height = pv_viewport_get_height (ctx->viewport);
  res = pv_viewport_get_resolution (ctx->viewport);
  dpi = pv_viewport_get_dpi (ctx->viewport);
  pv_viewport_screen_to_map (ctx->viewport, 0, 0, &dm.x0, &dm.y0);
  dm.inv_res = 1.0 / res;
  dm.snap = ctx->vector_output;

  /* Only the clip (a stripe, or the whole frame) needs drawing. */
  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  cx0 = MAX (floor (cx0), 0);
  cy0 = MAX (floor (cy0), 0);
  cx1 = MIN (ceil (cx1), width);
  cy1 = MIN (ceil (cy1), height);
  if (cx1 <= cx0 || cy1 <= cy0)
    return TRUE;

  /* The symbols: the style's classes, or the default one in the layer's colour. */
  cm = dup_class_map (self);
  style = cm ? cm->style : NULL;
  classes = cm ? cm->categories : NULL;
  pv_layer_get_color (layer, rgb);
  pv_style_category_init_symbol (&layer_symbol, rgb);
  fill_alpha = pv_layer_get_fill_opacity (layer);
  reach = symbol_reach (&layer_symbol, dpi);
  for (guint c = 0; classes != NULL && c < pv_style_get_n_categories (style); c++)
    reach = MAX (reach, symbol_reach (pv_style_get_category (style, c), dpi));

  /* Margin so strokes and markers crossing the clip edge are drawn. */
  pv_viewport_screen_to_map (ctx->viewport, cx0 - reach, cy1 + reach, &mx0, &my0);
  pv_viewport_screen_to_map (ctx->viewport, cx1 + reach, cy0 - reach, &mx1, &my1);
  ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  _pv_rtree_search (p->tree, mx0, my0, mx1, my1, ids);
  if (ids->len == 0)
    return TRUE;
  /* Draw in file order, as the data's author stacked them. */
  sort_ids (ids, self->n_features);

  mask.x = (int) cx0;
  mask.y = (int) cy0;
  mask.width = (int) (cx1 - cx0);
  mask.height = (int) (cy1 - cy0);
  /* On paper the mask is needed only for what is under a device pixel:
   * made on first use. */
  if (!ctx->vector_output && !mask_alloc (&mask))
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
                   _("%s: cannot allocate the drawing mask"), pv_layer_get_name (layer));
      return FALSE;
    }

  if (ctx->vector_output)
    dissolve_init (&dissolve);
  {
    DrawJob job = {
      .self = self, .p = p, .dm = &dm, .mask = &mask,
      .dissolve = ctx->vector_output ? &dissolve : NULL,
      .cancellable = ctx->cancellable, .dpi = dpi,
      .hatch_x = -dm.x0 * dm.inv_res, .hatch_y = dm.y0 * dm.inv_res,
      .cx0 = cx0, .cy0 = cy0, .cx1 = cx1, .cy1 = cy1,
    };
    gboolean ok = TRUE;

    if (classes == NULL)
      ok = draw_group (&job, cr, ids, &layer_symbol, fill_alpha);
    else
      {
        /* One symbol at a time: bucket the features by class, keeping file
         * order within each (a counting sort). */
        guint n_classes = pv_style_get_n_categories (style);
        g_autofree guint *starts = g_new0 (guint, n_classes + 1);
        g_autoptr(GArray) bucket = g_array_sized_new (FALSE, FALSE, sizeof (guint32), ids->len);
        g_autoptr(GArray) group = g_array_new (FALSE, FALSE, sizeof (guint32));

        g_array_set_size (bucket, ids->len);
        for (guint k = 0; k < ids->len; k++)
          starts[MIN (classes[g_array_index (ids, guint32, k)], n_classes - 1) + 1]++;
        for (guint c = 0; c < n_classes; c++)
          starts[c + 1] += starts[c];
        {
          g_autofree guint *next = g_memdup2 (starts, (n_classes + 1) * sizeof (guint));

          for (guint k = 0; k < ids->len; k++)
            {
              guint32 f = g_array_index (ids, guint32, k);

              g_array_index (bucket, guint32, next[MIN (classes[f], n_classes - 1)]++) = f;
            }
        }
        for (guint c = 0; c < n_classes && ok; c++)
          {
            const PvStyleCategory *klass = pv_style_get_category (style, c);

            if (starts[c + 1] == starts[c])
              continue;
            g_array_set_size (group, 0);
            g_array_append_vals (group, &g_array_index (bucket, guint32, starts[c]), starts[c + 1] - starts[c]);
            ok = draw_group (&job, cr, group, klass, fill_alpha * klass->fill[3]);
          }
      }
    if (ctx->vector_output)
      dissolve_free (&dissolve);
    if (!ok)
      {
        g_clear_pointer (&mask.surface, cairo_surface_destroy);
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
        return FALSE;
      }
  }

  g_clear_pointer (&mask.surface, cairo_surface_destroy);
  if (mask.failed)
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
                   _("%s: cannot allocate the drawing mask"), pv_layer_get_name (layer));
      return FALSE;
    }
  draw_selection (self, p, cr, ids, &dm, ctx->device_scale);
  return TRUE;
}

static gboolean
pv_vector_layer_get_extent (PvLayer *layer,
                            double  *xmin,
                            double  *ymin,
                            double  *xmax,
                            double  *ymax)
{
  PvVectorLayer *self = PV_VECTOR_LAYER (layer);

  if (!self->has_extent)
    return FALSE;
  *xmin = self->extent[0];
  *ymin = self->extent[1];
  *xmax = self->extent[2];
  *ymax = self->extent[3];
  return TRUE;
}

void
_pv_vector_layer_emit_text_changed (PvVectorLayer *self)
{
  g_signal_emit (self, signals[SIGNAL_TEXT_CHANGED], 0);
  _pv_layer_emit_appearance_changed (PV_LAYER (self));
}

static void
pv_vector_layer_class_init (PvVectorLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PvLayerClass *layer_class = PV_LAYER_CLASS (klass);

  object_class->finalize = pv_vector_layer_finalize;

  signals[SIGNAL_STYLE_CHANGED] =
    g_signal_new ("style-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The layer's text was decoded anew (another encoding): field names and
   * values may have changed. */
  signals[SIGNAL_TEXT_CHANGED] =
    g_signal_new ("text-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  layer_class->prepare = pv_vector_layer_prepare;
  layer_class->render = pv_vector_layer_render;
  layer_class->get_extent = pv_vector_layer_get_extent;
  layer_class->prepare_view = pv_vector_layer_prepare_view;
  /* Drawing reads the geometry arrays a window swap replaces. */
  layer_class->prepare = prepare_window_locked;
  layer_class->render = render_window_locked;
  signals[SIGNAL_FEATURES_CHANGED] =
    g_signal_new ("features-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pv_vector_layer_init (PvVectorLayer *self)
{
  g_mutex_init (&self->mutex);
  g_mutex_init (&self->attribute_mutex);
  g_mutex_init (&self->window_mutex);
  g_rw_lock_init (&self->window_lock);
}

/* ---------------------------------------------------------------- queries */

const char *
pv_vector_layer_get_driver_name (PvVectorLayer *self)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);

  return self->driver_name;
}

const char *
pv_vector_layer_get_geometry_type_name (PvVectorLayer *self)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);

  return self->geometry_type_name;
}

guint
pv_vector_layer_get_n_features (PvVectorLayer *self)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), 0);

  return self->n_features;
}

guint
pv_vector_layer_get_n_geometries (PvVectorLayer *self)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), 0);

  return self->n_geometries;
}

guint
pv_vector_layer_get_n_vertices (PvVectorLayer *self)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), 0);

  return self->n_vertices;
}

guint
pv_vector_layer_get_n_fields (PvVectorLayer *self)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), 0);

  return self->field_names->len;
}

const char *
pv_vector_layer_get_field_name (PvVectorLayer *self,
                                guint          field)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);
  g_return_val_if_fail (field < self->field_names->len, NULL);

  return g_ptr_array_index (self->field_names, field);
}

const char *
pv_vector_layer_get_field_type_name (PvVectorLayer *self,
                                     guint          field)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);
  g_return_val_if_fail (field < self->field_types->len, NULL);

  return g_ptr_array_index (self->field_types, field);
}

/* The layer on the private attribute handle. Call with attribute_mutex held. */
static OGRLayerH
attribute_layer_locked (PvVectorLayer  *self,
                        GError        **error)
{
  const char *path = pv_layer_get_source (PV_LAYER (self));
  OGRLayerH layer;

  if (self->attribute_dataset == NULL)
    self->attribute_dataset = _pv_vector_open_source (path, self->text.raw);
  layer = self->attribute_dataset ? GDALDatasetGetLayer (self->attribute_dataset, self->layer_index) : NULL;
  if (layer == NULL)
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND, path,
                          _("the file can no longer be read"));
      return NULL;
    }
  _pv_vector_layer_window_filter_locked (self, layer);
  return layer;
}

GStrv
pv_vector_layer_dup_attributes (PvVectorLayer  *self,
                                guint           index,
                                GError        **error)
{
  g_auto(OGRFeatureH) feature = NULL;
  OGRLayerH layer;
  GStrv values;
  guint n;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);
  g_return_val_if_fail (index < self->n_features, NULL);

  g_mutex_lock (&self->attribute_mutex);
  if (!(layer = attribute_layer_locked (self, error)))
    {
      g_mutex_unlock (&self->attribute_mutex);
      return NULL;
    }
  CPLErrorReset ();
  feature = OGR_L_GetFeature (layer, self->fids ? self->fids[index] : self->fid_offset + index);
  if (feature == NULL)
    {
      /* MIF tables find a feature by reading up to it, and lose their way
       * once a scan ran to the end: from the start again. */
      OGR_L_ResetReading (layer);
      CPLErrorReset ();
      feature = OGR_L_GetFeature (layer, self->fids ? self->fids[index] : self->fid_offset + index);
    }
  if (feature == NULL)
    {
      g_mutex_unlock (&self->attribute_mutex);
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT, pv_layer_get_source (PV_LAYER (self)),
                          _("a feature cannot be read"));
      return NULL;
    }

  n = self->field_names->len;
  values = g_new0 (char *, n + 1);
  for (guint i = 0; i < n && (int) i < OGR_F_GetFieldCount (feature); i++)
    {
      if (!OGR_F_IsFieldSetAndNotNull (feature, (int) i))
        continue;
      values[i] = _pv_vector_layer_decode (self, OGR_F_GetFieldAsString (feature, (int) i));
    }
  g_mutex_unlock (&self->attribute_mutex);
  return values;
}

GArray *
pv_vector_layer_query_box (PvVectorLayer *self,
                           double         xmin,
                           double         ymin,
                           double         xmax,
                           double         ymax)
{
  g_autoptr(Prepared) p = NULL;
  GArray *ids;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  p = _pv_vector_layer_dup_prepared (self);
  if (p != NULL && p->tree != NULL)
    _pv_rtree_search (p->tree, xmin, ymin, xmax, ymax, ids);
  return ids;
}

/* ---------------------------------------------------------------- identify, selection, queries */

static gboolean
feature_hit (PvVectorLayer *self,
             const double  *xy,
             guint          f,
             double         x,
             double         y,
             double         tolerance)
{
  double tol2 = tolerance * tolerance;
  gboolean inside = FALSE;

  for (guint part = self->part_starts[f]; part < self->part_starts[f + 1]; part++)
    {
      guint v0 = self->vertex_starts[part], v1 = self->vertex_starts[part + 1];

      if (v1 - v0 == 1 || self->kinds[f] == PV_GEOMETRY_KIND_POINT)
        {
          double dx = xy[2 * v0] - x, dy = xy[2 * v0 + 1] - y;

          if (dx * dx + dy * dy <= tol2)
            return TRUE;
          continue;
        }
      for (guint v = v0; v + 1 < v1; v++)
        {
          const double *a = xy + 2 * v, *b = xy + 2 * (v + 1);

          if (!isfinite (a[0]) || !isfinite (a[1]) || !isfinite (b[0]) || !isfinite (b[1]))
            continue;
          if (_pv_segment_distance2 (x, y, a[0], a[1], b[0], b[1]) <= tol2)
            return TRUE;
          /* Even-odd crossing count over all rings: holes are holes. */
          if (self->kinds[f] == PV_GEOMETRY_KIND_POLYGON &&
              ((a[1] > y) != (b[1] > y)) &&
              x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0])
            inside = !inside;
        }
      /* Rings are closed by the data, but be tolerant of ones that are not. */
      if (self->kinds[f] == PV_GEOMETRY_KIND_POLYGON && v1 - v0 >= 3)
        {
          const double *a = xy + 2 * (v1 - 1), *b = xy + 2 * v0;

          if ((a[0] != b[0] || a[1] != b[1]) && ((a[1] > y) != (b[1] > y)) &&
              x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0])
            inside = !inside;
        }
    }
  return inside;
}

GArray *
pv_vector_layer_identify (PvVectorLayer *self,
                          double         x,
                          double         y,
                          double         tolerance)
{
  g_autoptr(Prepared) p = NULL;
  g_autoptr(GArray) candidates = NULL;
  GArray *hits;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);

  G_GNUC_UNUSED g_autoptr(GRWLockReaderLocker) window_locker = g_rw_lock_reader_locker_new (&self->window_lock);
  hits = g_array_new (FALSE, FALSE, sizeof (guint32));
  p = _pv_vector_layer_dup_prepared (self);
  if (p == NULL || p->tree == NULL || !isfinite (x) || !isfinite (y))
    return hits;
  tolerance = isfinite (tolerance) ? MAX (tolerance, 0) : 0;

  candidates = g_array_new (FALSE, FALSE, sizeof (guint32));
  _pv_rtree_search (p->tree, x - tolerance, y - tolerance, x + tolerance, y + tolerance, candidates);
  sort_ids (candidates, self->n_features);
  /* Last drawn is on top: report it first. */
  for (guint k = candidates->len; k > 0; k--)
    {
      guint32 f = g_array_index (candidates, guint32, k - 1);

      if (self->kinds[f] != KIND_NONE && feature_hit (self, p->xy, f, x, y, tolerance))
        g_array_append_val (hits, f);
    }
  return hits;
}

gboolean
pv_vector_layer_get_feature_extent (PvVectorLayer *self,
                                    guint          index,
                                    double        *xmin,
                                    double        *ymin,
                                    double        *xmax,
                                    double        *ymax)
{
  g_autoptr(Prepared) p = NULL;
  float box[4];

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), FALSE);

  p = _pv_vector_layer_dup_prepared (self);
  if (p == NULL || p->tree == NULL || index >= self->n_features || !_pv_rtree_get_box (p->tree, index, box))
    return FALSE;
  *xmin = box[0], *ymin = box[1], *xmax = box[2], *ymax = box[3];
  return TRUE;
}

void
pv_vector_layer_set_selection (PvVectorLayer *self,
                               GArray        *indices)
{
  GBytes *bits = NULL;
  guint n = 0;

  g_return_if_fail (PV_IS_VECTOR_LAYER (self));

  G_GNUC_UNUSED g_autoptr(GRWLockReaderLocker) window_locker = g_rw_lock_reader_locker_new (&self->window_lock);
  if (indices != NULL && indices->len > 0)
    {
      gsize n_words = self->n_features / 64 + 1;
      guint64 *words = g_new0 (guint64, n_words);

      for (guint k = 0; k < indices->len; k++)
        {
          guint32 f = g_array_index (indices, guint32, k);

          if (f >= self->n_features || bit_is_set (words, f))
            continue;
          words[f / 64] |= G_GUINT64_CONSTANT (1) << (f % 64);
          n++;
        }
      bits = g_bytes_new_take (words, n_words * sizeof (guint64));
    }

  g_mutex_lock (&self->mutex);
  if (self->n_selected == 0 && n == 0)
    {
      g_mutex_unlock (&self->mutex);
      g_clear_pointer (&bits, g_bytes_unref);
      return;
    }
  g_clear_pointer (&self->selection, g_bytes_unref);
  self->selection = n > 0 ? g_steal_pointer (&bits) : NULL;
  self->n_selected = n;
  g_mutex_unlock (&self->mutex);
  g_clear_pointer (&bits, g_bytes_unref);

  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

GArray *
pv_vector_layer_dup_selection (PvVectorLayer *self)
{
  g_autoptr(GBytes) selection = NULL;
  GArray *indices;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);

  indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  if ((selection = dup_selection_bits (self)) != NULL)
    {
      const guint64 *bits = g_bytes_get_data (selection, NULL);

      for (guint w = 0; w <= self->n_features / 64; w++)
        for (guint64 word = bits[w]; word != 0; word &= word - 1)
          {
            guint32 f = w * 64 + __builtin_ctzll (word);

            g_array_append_val (indices, f);
          }
    }
  return indices;
}

guint
pv_vector_layer_get_n_selected (PvVectorLayer *self)
{
  guint n;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), 0);

  g_mutex_lock (&self->mutex);
  n = self->n_selected;
  g_mutex_unlock (&self->mutex);
  return n;
}

gboolean
pv_vector_layer_is_selected (PvVectorLayer *self,
                             guint          index)
{
  g_autoptr(GBytes) selection = NULL;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), FALSE);

  if (index >= self->n_features || (selection = dup_selection_bits (self)) == NULL)
    return FALSE;
  return bit_is_set (g_bytes_get_data (selection, NULL), index);
}

gboolean
_pv_vector_layer_index_of_fid_locked (PvVectorLayer *self,
                                      gint64         fid,
                                      guint         *index)
{
  gpointer value;

  if (self->fids == NULL)
    {
      if (fid < self->fid_offset || fid - self->fid_offset >= self->n_features)
        return FALSE;
      *index = (guint) (fid - self->fid_offset);
      return TRUE;
    }
  if (self->index_by_fid == NULL)
    {
      self->index_by_fid = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
      for (guint f = 0; f < self->n_features; f++)
        g_hash_table_insert (self->index_by_fid, &self->fids[f], GUINT_TO_POINTER (f + 1));
    }
  value = g_hash_table_lookup (self->index_by_fid, &fid);
  if (value == NULL)
    return FALSE;
  *index = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

GArray *
pv_vector_layer_filter_where (PvVectorLayer  *self,
                              const char     *where,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_auto(FirstError) first = { NULL };
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  OGRLayerH layer;
  guint count = 0;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);
  g_return_val_if_fail (where != NULL, NULL);

  g_mutex_lock (&self->attribute_mutex);
  if (!(layer = _pv_vector_layer_filter_layer_locked (self, cancellable, error)))
    {
      g_mutex_unlock (&self->attribute_mutex);
      return NULL;
    }
  CPLErrorReset ();
  if (OGR_L_SetAttributeFilter (layer, where) != OGRERR_NONE)
    {
      g_autofree char *what = g_strdup_printf (_("the filter “%s” is not valid"), where);

      g_mutex_unlock (&self->attribute_mutex);
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                          pv_layer_get_source (PV_LAYER (self)), what);
      return NULL;
    }
  OGR_L_ResetReading (layer);
  /* A database checks the expression when it runs it. */
  CPLPushErrorHandlerEx (keep_first_error, &first);
  for (;;)
    {
      g_auto(OGRFeatureH) feature = OGR_L_GetNextFeature (layer);
      guint index;

      if (feature == NULL)
        break;
      if (++count % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          CPLPopErrorHandler ();
          OGR_L_SetAttributeFilter (layer, NULL);
          g_mutex_unlock (&self->attribute_mutex);
          return NULL;
        }
      if (_pv_vector_layer_index_of_fid_locked (self, OGR_F_GetFID (feature), &index))
        g_array_append_val (indices, index);
    }
  CPLPopErrorHandler ();
  OGR_L_SetAttributeFilter (layer, NULL);
  /* (A file with a bad record on the way is not a bad expression.) */
  if (first.message != NULL && count == 0)
    {
      g_autofree char *display = g_filename_display_name (pv_layer_get_source (PV_LAYER (self)));
      g_autofree char *what = g_strdup_printf (_("the filter “%s” is not valid"), where);

      /* A failed query leaves a database connection in an aborted
       * transaction: not reused. */
      if (self->windowed)
        g_clear_pointer (&self->attribute_dataset, GDALClose);
      g_mutex_unlock (&self->attribute_mutex);
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT, "%s: %s (%s)", display, what, first.message);
      return NULL;
    }
  g_mutex_unlock (&self->attribute_mutex);

  sort_ids (indices, self->n_features);
  return g_steal_pointer (&indices);
}

GStrv
pv_vector_layer_dup_column (PvVectorLayer  *self,
                            guint           field,
                            GCancellable   *cancellable,
                            GError        **error)
{
  OGRLayerH layer;
  GStrv values;
  guint count = 0;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);
  g_return_val_if_fail (field < self->field_names->len, NULL);

  g_mutex_lock (&self->attribute_mutex);
  if (!(layer = attribute_layer_locked (self, error)))
    {
      g_mutex_unlock (&self->attribute_mutex);
      return NULL;
    }
  /* Read only this field, and no geometry. */
  {
    int only = (int) field;

    _pv_ogr_read_only_fields (layer, &only, 1);
  }

  values = g_new0 (char *, self->n_features + 1);
  OGR_L_ResetReading (layer);
  for (;;)
    {
      g_auto(OGRFeatureH) feature = OGR_L_GetNextFeature (layer);
      guint index;

      if (feature == NULL)
        break;
      if (++count % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          OGR_L_SetIgnoredFields (layer, NULL);
          g_mutex_unlock (&self->attribute_mutex);
          pv_vector_layer_free_values (values, self->n_features);
          return NULL;
        }
      if (!_pv_vector_layer_index_of_fid_locked (self, OGR_F_GetFID (feature), &index) || values[index] != NULL)
        continue;
      if (OGR_F_IsFieldSetAndNotNull (feature, (int) field))
        values[index] = _pv_vector_layer_decode (self, OGR_F_GetFieldAsString (feature, (int) field));
    }
  OGR_L_SetIgnoredFields (layer, NULL);
  g_mutex_unlock (&self->attribute_mutex);
  return values;
}

void
pv_vector_layer_free_values (char  **values,
                             guint   n_values)
{
  if (values == NULL)
    return;
  for (guint i = 0; i < n_values; i++)
    g_free (values[i]);
  g_free (values);
}

gboolean
pv_vector_layer_field_is_numeric (PvVectorLayer *self,
                                  guint          field)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), FALSE);
  g_return_val_if_fail (field < self->field_numeric->len, FALSE);

  return g_array_index (self->field_numeric, gboolean, field);
}

/* ---------------------------------------------------------------- styles */

static int
field_index (PvVectorLayer *self,
             const char    *name)
{
  for (guint i = 0; i < self->field_names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->field_names, i), name) == 0)
      return (int) i;
  return -1;
}

/* Reads no fields and no geometry, only each feature's style string. */
static void
read_only_feature_styles (OGRLayerH layer)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  g_autoptr(GPtrArray) ignored = g_ptr_array_new ();

  for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
    g_ptr_array_add (ignored, (gpointer) OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)));
  g_ptr_array_add (ignored, (gpointer) "OGR_GEOMETRY");
  g_ptr_array_add (ignored, NULL);
  OGR_L_SetIgnoredFields (layer, (const char **) ignored->pdata);
}

/* Each feature's category, streamed from the file: a million parcels never
 * hold a million strings at once. */
static gboolean
classify_features (PvVectorLayer  *self,
                   PvStyle        *style,
                   int             field,
                   guint16        *categories,
                   GCancellable   *cancellable,
                   GError        **error)
{
  guint other = MIN (pv_style_get_n_categories (style) - 1, G_MAXUINT16);
  OGRLayerH layer;
  guint count = 0;

  for (guint f = 0; f < self->n_features; f++)
    categories[f] = (guint16) other;

  g_mutex_lock (&self->attribute_mutex);
  if (!(layer = attribute_layer_locked (self, error)))
    {
      g_mutex_unlock (&self->attribute_mutex);
      return FALSE;
    }
  if (field >= 0)
    _pv_ogr_read_only_fields (layer, &field, 1);
  else
    read_only_feature_styles (layer);
  OGR_L_ResetReading (layer);
  for (;;)
    {
      g_auto(OGRFeatureH) feature = OGR_L_GetNextFeature (layer);
      guint index;

      if (feature == NULL)
        break;
      if (++count % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          OGR_L_SetIgnoredFields (layer, NULL);
          g_mutex_unlock (&self->attribute_mutex);
          return FALSE;
        }
      if (!_pv_vector_layer_index_of_fid_locked (self, OGR_F_GetFID (feature), &index))
        continue;
      if (field < 0)
        {
          /* Features styled by their own OGR style string (MapInfo, CAD). */
          const char *feature_style = OGR_F_GetStyleString (feature);

          guint klass;

          if (feature_style == NULL)
            continue;
          klass = pv_style_classify (style, feature_style);
          if (klass >= other && pv_ogr_style_is_text (feature_style))
            klass = pv_style_classify (style, PV_OGR_STYLE_TEXT_VALUE);
          categories[index] = (guint16) MIN (klass, other);
          continue;
        }
      if (!OGR_F_IsFieldSetAndNotNull (feature, (int) field))
        continue;
      if (self->text.raw)
        {
          g_autofree char *value = _pv_vector_layer_decode (self, OGR_F_GetFieldAsString (feature, (int) field));

          categories[index] = (guint16) MIN (pv_style_classify (style, value), other);
        }
      else
        categories[index] = (guint16) MIN (pv_style_classify (style, OGR_F_GetFieldAsString (feature, (int) field)),
                                           other);
    }
  /* The scan filled GDAL's caches for nothing else: let them go (the handle
   * reopens on the next attribute read). */
  g_clear_pointer (&self->attribute_dataset, GDALClose);
  g_mutex_unlock (&self->attribute_mutex);
  return TRUE;
}

static void
install_class_map (PvVectorLayer *self,
                   ClassMap      *cm)
{
  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->class_map, _pv_class_map_unref);
  self->class_map = cm;
  g_mutex_unlock (&self->mutex);
  if (_pv_vector_layer_quiet ())
    return;
  g_signal_emit (self, signals[SIGNAL_STYLE_CHANGED], 0);
  _pv_layer_emit_appearance_changed (PV_LAYER (self));
}

/* Rules run as OGR SQL filters on the file; the first rule a feature
 * matches is its category. An invalid filter fails the whole style. */
static gboolean
set_rule_style (PvVectorLayer  *self,
                PvStyle        *style,
                GCancellable   *cancellable,
                GError        **error)
{
  guint n_categories = pv_style_get_n_categories (style);
  guint other = n_categories - 1;
  ClassMap *cm = g_new0 (ClassMap, 1);

  g_atomic_ref_count_init (&cm->ref_count);
  cm->style = g_object_ref (style);
  cm->categories = g_new (guint16, MAX (self->n_features, 1));
  cm->counts = g_new0 (guint, n_categories);
  for (guint f = 0; f < self->n_features; f++)
    cm->categories[f] = (guint16) MIN (other, G_MAXUINT16);
  /* Later rules first, so that earlier ones overwrite them. */
  for (guint r = other; r > 0; r--)
    {
      g_autoptr(GArray) matches = pv_vector_layer_filter_where (self, pv_style_get_category (style, r - 1)->filter,
                                                               cancellable, error);

      if (matches == NULL)
        {
          _pv_class_map_unref (cm);
          return FALSE;
        }
      for (guint k = 0; k < matches->len; k++)
        cm->categories[g_array_index (matches, guint32, k)] = (guint16) (r - 1);
    }
  for (guint f = 0; f < self->n_features; f++)
    cm->counts[cm->categories[f]]++;
  install_class_map (self, cm);
  return TRUE;
}

gboolean
pv_vector_layer_set_style (PvVectorLayer  *self,
                           PvStyle        *style,
                           GCancellable   *cancellable,
                           GError        **error)
{
  ClassMap *cm = NULL;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), FALSE);

  /* The features stay the same while they are classified. */
  G_GNUC_UNUSED g_autoptr(GRWLockReaderLocker) window_locker = g_rw_lock_reader_locker_new (&self->window_lock);
  if (style != NULL && pv_style_get_kind (style) != PV_STYLE_SINGLE)
    {
      const char *field = pv_style_get_field (style);
      gboolean by_feature_style = g_strcmp0 (field, PV_OGR_STYLE_FIELD) == 0;
      int index = by_feature_style ? -1 : field ? field_index (self, field) : -1;
      guint n_categories = pv_style_get_n_categories (style);

      if (pv_style_get_kind (style) == PV_STYLE_RULE_BASED)
        return set_rule_style (self, style, cancellable, error);
      if (index < 0 && !by_feature_style)
        {
          g_autofree char *display = g_filename_display_name (pv_layer_get_source (PV_LAYER (self)));

          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER,
                       _("%s: there is no field “%s” to style by"), display, field ? field : "");
          return FALSE;
        }
      cm = g_new0 (ClassMap, 1);
      g_atomic_ref_count_init (&cm->ref_count);
      cm->style = g_object_ref (style);
      cm->categories = g_new (guint16, MAX (self->n_features, 1));
      cm->counts = g_new0 (guint, n_categories);
      if (!classify_features (self, style, index, cm->categories, cancellable, error))
        {
          _pv_class_map_unref (cm);
          return FALSE;
        }
      for (guint f = 0; f < self->n_features; f++)
        cm->counts[cm->categories[f]]++;
    }
  else if (style != NULL)
    {
      /* A single symbol is the layer's colour, and every feature's symbol
       * (kept, so that its widths, dashes and hatch draw and are saved). */
      const PvStyleCategory *symbol = pv_style_get_category (style, 0);

      pv_layer_set_color (PV_LAYER (self), symbol->fill);
      cm = g_new0 (ClassMap, 1);
      g_atomic_ref_count_init (&cm->ref_count);
      cm->style = g_object_ref (style);
      cm->categories = g_new0 (guint16, MAX (self->n_features, 1));
      cm->counts = g_new0 (guint, pv_style_get_n_categories (style));
      cm->counts[0] = self->n_features;
    }

  install_class_map (self, cm);
  return TRUE;
}

PvStyle *
pv_vector_layer_dup_style (PvVectorLayer *self)
{
  g_autoptr(ClassMap) cm = NULL;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);

  cm = dup_class_map (self);
  return cm ? g_object_ref (cm->style) : NULL;
}

GArray *
pv_vector_layer_dup_category_counts (PvVectorLayer *self)
{
  g_autoptr(ClassMap) cm = NULL;
  GArray *counts = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), counts);

  if ((cm = dup_class_map (self)) != NULL)
    g_array_append_vals (counts, cm->counts, pv_style_get_n_categories (cm->style));
  return counts;
}

/* MapInfo tables and CAD drawings carry each feature's pen, brush and symbol:
 * drawn as their authors drew them, unless the user styles them. TRUE when
 * applied. */
#define FEATURE_STYLE_MAX_FEATURES 500000

static gboolean
apply_feature_styles (PvVectorLayer  *self,
                      GCancellable   *cancellable)
{
  static const char *const drivers[] = { "MapInfo File", "DXF", "DGN", NULL };
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GError) style_error = NULL;
  OGRLayerH layer;

  if (!g_strv_contains (drivers, self->driver_name) || self->n_features == 0)
    return FALSE;

  strings = g_ptr_array_new_with_free_func (g_free);
  g_mutex_lock (&self->attribute_mutex);
  if (!(layer = attribute_layer_locked (self, NULL)))
    {
      g_mutex_unlock (&self->attribute_mutex);
      return FALSE;
    }
  read_only_feature_styles (layer);
  OGR_L_ResetReading (layer);
  while (strings->len < FEATURE_STYLE_MAX_FEATURES)
    {
      g_auto(OGRFeatureH) feature = OGR_L_GetNextFeature (layer);
      guint index;

      if (feature == NULL)
        break;
      if (strings->len % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_is_cancelled (cancellable))
        break;
      /* Only the layer's own features (a DXF layer is a subset). */
      if (_pv_vector_layer_index_of_fid_locked (self, OGR_F_GetFID (feature), &index) &&
          OGR_F_GetStyleString (feature) != NULL)
        g_ptr_array_add (strings, g_strdup (OGR_F_GetStyleString (feature)));
    }
  OGR_L_SetIgnoredFields (layer, NULL);
  g_mutex_unlock (&self->attribute_mutex);

  if (!pv_ogr_style_is_useful ((const char * const *) strings->pdata, strings->len))
    return FALSE;
  style = pv_style_new_from_feature_styles ((const char * const *) strings->pdata, strings->len, &style_error);
  if (style == NULL)
    {
      g_debug ("%s: feature styles not used: %s", pv_layer_get_source (PV_LAYER (self)), style_error->message);
      return FALSE;
    }
  if (!pv_vector_layer_set_style (self, style, cancellable, &style_error))
    {
      g_debug ("%s: feature styles not applied: %s", pv_layer_get_source (PV_LAYER (self)), style_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The text entities of a CAD drawing are its labels. */
static void
apply_cad_text_labels (PvVectorLayer *self,
                       GCancellable  *cancellable)
{
  g_autoptr(PvLabeling) labeling = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (self->driver_name, "DXF") != 0 && g_strcmp0 (self->driver_name, "DGN") != 0)
    return;
  if (field_index (self, "Text") < 0)
    return;
  labeling = pv_labeling_new ("{Text}");
  if (!pv_vector_layer_set_labeling (self, labeling, cancellable, &error))
    g_debug ("%s: no text labels: %s", pv_layer_get_source (PV_LAYER (self)), error->message);
}

/* Land-use maps come with their codes in a field of any name (MDSD, LoaiDat,
 * KH, zone_code…): when most values of a text field are codes of the
 * Vietnamese palette, style the layer with it. */
gboolean
_pv_vector_layer_apply_automatic_style (PvVectorLayer  *self,
                                        GCancellable   *cancellable,
                                        GError        **error)
{
  const char *path = pv_layer_get_source (PV_LAYER (self));
  g_autoptr(GPtrArray) samples = NULL;
  OGRLayerH layer;
  OGRFeatureDefnH defn;
  int n_fields, best = -1;
  double best_share = 0.6;  /* below this, not a land-use field */
  guint n_read = 0;

  apply_cad_text_labels (self, cancellable);
  if (apply_feature_styles (self, cancellable))
    return !g_cancellable_set_error_if_cancelled (cancellable, error);

  g_mutex_lock (&self->attribute_mutex);
  if (!(layer = attribute_layer_locked (self, error)))
    {
      g_mutex_unlock (&self->attribute_mutex);
      return FALSE;
    }
  defn = OGR_L_GetLayerDefn (layer);
  n_fields = OGR_FD_GetFieldCount (defn);
  samples = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (int i = 0; i < n_fields; i++)
    g_ptr_array_add (samples, g_ptr_array_new_with_free_func (g_free));
  OGR_L_SetIgnoredFields (layer, (const char *[]) { "OGR_GEOMETRY", NULL });
  /* A database table's first rows, whatever the window. */
  if (self->windowed)
    OGR_L_SetSpatialFilter (layer, NULL);
  OGR_L_ResetReading (layer);
  /* The first features tell: a land-use field is codes throughout. */
  for (; n_read < 2000; n_read++)
    {
      g_auto(OGRFeatureH) feature = OGR_L_GetNextFeature (layer);

      if (feature == NULL)
        break;
      for (int i = 0; i < n_fields; i++)
        if (OGR_Fld_GetType (OGR_FD_GetFieldDefn (defn, i)) == OFTString && OGR_F_IsFieldSetAndNotNull (feature, i))
          g_ptr_array_add (g_ptr_array_index (samples, i),
                           _pv_vector_layer_decode (self, OGR_F_GetFieldAsString (feature, i)));
    }
  OGR_L_SetIgnoredFields (layer, NULL);
  g_mutex_unlock (&self->attribute_mutex);

  for (int i = 0; i < n_fields; i++)
    {
      GPtrArray *values = g_ptr_array_index (samples, i);
      double share;

      /* Most features must carry a value, and most values must be codes. */
      if (values->len < MAX (n_read / 2, 1))
        continue;
      share = pv_style_palette_match (PV_PALETTE_VN_LANDUSE, (const char * const *) values->pdata, values->len);
      if (share > best_share)
        {
          best_share = share;
          best = i;
        }
    }
  if (best < 0)
    return TRUE;

  {
    g_autoptr(PvStyle) style = pv_style_new_from_palette (PV_PALETTE_VN_LANDUSE,
                                                          g_ptr_array_index (self->field_names, best), error);

    g_debug ("%s: field %s holds land-use codes (%.0f %%): palette style", path,
             (char *) g_ptr_array_index (self->field_names, best), 100 * best_share);
    return style != NULL && pv_vector_layer_set_style (self, style, cancellable, error);
  }
}

/* ---------------------------------------------------------------- windowed sources */

/* A database table is never read whole: prepare_view() loads the features
 * whose bounding box meets the view and a margin (GDAL's spatial filter, run
 * by the server on its spatial index), and keeps them while the view stays
 * inside; attribute scans (styles, labels, filters, columns) run on the
 * server with the same filter, attribute filters as SQL WHERE clauses. */

/* How much of the view's width and height the window adds on each side. */
#define WINDOW_MARGIN 0.5
/* A window this many times the view's area is reloaded smaller once it
 * holds more than WINDOW_SHRINK_MIN_FEATURES features. */
#define WINDOW_SHRINK_AREA 36.0
#define WINDOW_SHRINK_MIN_FEATURES 20000

static GPrivate quiet_key;

static void
set_unreadable_table_error (const char  *source,
                            GError     **error)
{
  g_autoptr(PvPgConnection) connection = pv_pg_connection_parse (source);

  if (connection != NULL)
    _pv_pg_set_error (error, connection, _("the table can no longer be read"));
  else
    _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND, source,
                        _("the layer can no longer be read"));
}

/* The table's layer on a connection of the window's (opened when needed). */
static OGRLayerH
window_layer (PvVectorLayer *self,
              GDALDatasetH  *dataset)
{
  const char *table = pv_layer_get_source_layer (PV_LAYER (self));
  OGRLayerH layer = NULL;

  if (*dataset == NULL)
    *dataset = _pv_vector_open_source (pv_layer_get_source (PV_LAYER (self)), FALSE);
  if (*dataset != NULL)
    layer = table ? GDALDatasetGetLayerByName (*dataset, table) : GDALDatasetGetLayer (*dataset, self->layer_index);
  /* A broken connection is not reused. */
  if (layer == NULL)
    g_clear_pointer (dataset, GDALClose);
  return layer;
}

gboolean
_pv_vector_layer_quiet (void)
{
  return g_private_get (&quiet_key) != NULL;
}

void
_pv_vector_layer_window_filter_locked (PvVectorLayer *self,
                                       OGRLayerH      layer)
{
  if (!self->windowed)
    return;
  if (self->has_window && !isfinite (self->window[0]))
    OGR_L_SetSpatialFilter (layer, NULL);
  else if (self->has_window)
    OGR_L_SetSpatialFilterRect (layer, self->window[0], self->window[1], self->window[2], self->window[3]);
  else if (self->has_extent)
    {
      /* No features in memory yet: scans (a style set at open) read none,
       * through a box well beyond the table's (estimated) extent. */
      double w = self->extent[2] - self->extent[0] + 1, h = self->extent[3] - self->extent[1] + 1;

      OGR_L_SetSpatialFilterRect (layer, self->extent[2] + 2 * w, self->extent[3] + 2 * h,
                                  self->extent[2] + 3 * w, self->extent[3] + 3 * h);
    }
  else
    OGR_L_SetSpatialFilter (layer, NULL);
}

gboolean
pv_vector_layer_is_windowed (PvVectorLayer *self)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), FALSE);

  return self->windowed;
}

gboolean
pv_vector_layer_get_window (PvVectorLayer *self,
                            double        *xmin,
                            double        *ymin,
                            double        *xmax,
                            double        *ymax)
{
  gboolean has;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), FALSE);

  g_rw_lock_reader_lock (&self->window_lock);
  has = self->has_window;
  if (has)
    *xmin = self->window[0], *ymin = self->window[1], *xmax = self->window[2], *ymax = self->window[3];
  g_rw_lock_reader_unlock (&self->window_lock);
  return has;
}

gboolean
pv_vector_layer_count_source (PvVectorLayer  *self,
                              gint64         *n_features,
                              gint64         *n_geometries,
                              GError        **error)
{
  const char *source, *geometry_column;
  OGRLayerH layer = NULL;
  GIntBig count, with_geometry = -1;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->windowed)
    {
      *n_features = pv_vector_layer_get_n_features (self);
      *n_geometries = pv_vector_layer_get_n_geometries (self);
      return TRUE;
    }

  /* The whole table, counted by the server (not what the window holds). */
  source = pv_layer_get_source (PV_LAYER (self));
  g_mutex_lock (&self->window_mutex);
  CPLErrorReset ();
  if (!(layer = window_layer (self, &self->window_dataset)))
    {
      g_mutex_unlock (&self->window_mutex);
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND, source,
                          _("the features cannot be counted"));
      return FALSE;
    }
  OGR_L_SetSpatialFilter (layer, NULL);
  OGR_L_SetAttributeFilter (layer, NULL);
  count = OGR_L_GetFeatureCount (layer, TRUE);
  geometry_column = OGR_L_GetGeometryColumn (layer);
  if (count >= 0 && geometry_column != NULL && geometry_column[0] != '\0' &&
      strchr (geometry_column, '"') == NULL)
    {
      g_autofree char *where = g_strdup_printf ("\"%s\" IS NOT NULL", geometry_column);

      if (OGR_L_SetAttributeFilter (layer, where) == OGRERR_NONE)
        with_geometry = OGR_L_GetFeatureCount (layer, TRUE);
      OGR_L_SetAttributeFilter (layer, NULL);
    }
  g_mutex_unlock (&self->window_mutex);
  if (count < 0)
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT, source,
                          _("the features cannot be counted"));
      return FALSE;
    }
  *n_features = count;
  *n_geometries = with_geometry >= 0 ? with_geometry : count;
  return TRUE;
}

gboolean
pv_vector_layer_find_in_source (PvVectorLayer  *self,
                                const char     *where,
                                gint64         *n_matches,
                                double         *box,
                                GCancellable   *cancellable,
                                GError        **error)
{
  g_auto(FirstError) first = { NULL };
  const char *source;
  OGRLayerH layer;
  gint64 count = 0;
  gboolean failed = FALSE;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), FALSE);
  g_return_val_if_fail (self->windowed, FALSE);
  g_return_val_if_fail (where != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  source = pv_layer_get_source (PV_LAYER (self));
  box[0] = box[1] = INFINITY;
  box[2] = box[3] = -INFINITY;
  g_mutex_lock (&self->window_mutex);
  CPLErrorReset ();
  if (!(layer = window_layer (self, &self->window_dataset)))
    {
      g_mutex_unlock (&self->window_mutex);
      set_unreadable_table_error (source, error);
      return FALSE;
    }
  /* The matches' geometries only: GDAL's extent of a table leaves the
   * condition out. */
  set_ignored_fields (layer);
  OGR_L_SetSpatialFilter (layer, NULL);
  CPLPushErrorHandlerEx (keep_first_error, &first);
  if (OGR_L_SetAttributeFilter (layer, where) != OGRERR_NONE)
    failed = TRUE;
  else
    {
      OGR_L_ResetReading (layer);
      for (;;)
        {
          g_auto(OGRFeatureH) feature = next_feature (layer);
          OGRGeometryH geometry;
          OGREnvelope env;

          if (feature == NULL)
            {
              failed = CPLGetLastErrorType () >= CE_Failure;
              break;
            }
          if (++count % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            break;
          if ((geometry = OGR_F_GetGeometryRef (feature)) == NULL || OGR_G_IsEmpty (geometry))
            continue;
          OGR_G_GetEnvelope (geometry, &env);
          if (!isfinite (env.MinX) || !isfinite (env.MinY) || !isfinite (env.MaxX) || !isfinite (env.MaxY))
            continue;
          box[0] = MIN (box[0], env.MinX), box[1] = MIN (box[1], env.MinY);
          box[2] = MAX (box[2], env.MaxX), box[3] = MAX (box[3], env.MaxY);
        }
    }
  OGR_L_SetAttributeFilter (layer, NULL);
  OGR_L_SetIgnoredFields (layer, NULL);
  CPLPopErrorHandler ();
  if (failed)
    {
      g_autofree char *what = g_strdup_printf (_("the filter “%s” is not valid"), where);
      g_autofree char *why = _pv_gdal_clean_message (first.message != NULL ? first.message
                                                                        : CPLGetLastErrorMsg ());

      /* The server's own words say what is wrong with the expression. */
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT, "%s: %s (%s)", source, what, why);
      /* A failed query leaves the connection in an aborted transaction. */
      g_clear_pointer (&self->window_dataset, GDALClose);
    }
  g_mutex_unlock (&self->window_mutex);
  if (failed || (error != NULL && *error != NULL))
    return FALSE;
  *n_matches = count;
  if (!(box[0] <= box[2]))
    box[0] = box[1] = box[2] = box[3] = NAN;
  return TRUE;
}

/* At load: the table's extent (the server's estimate from its statistics
 * when it has one, else ST_Extent), and no features yet. */
static gboolean
read_window_extent (PvVectorLayer *self,
                    OGRLayerH      layer)
{
  OGREnvelope env;

  self->part_starts = g_new0 (guint32, 1);
  self->vertex_starts = g_new0 (guint32, 1);
  if (OGR_L_GetExtent (layer, &env, FALSE) == OGRERR_NONE ||
      OGR_L_GetExtent (layer, &env, TRUE) == OGRERR_NONE)
    {
      self->has_extent = env.MinX <= env.MaxX && env.MinY <= env.MaxY;
      self->extent[0] = env.MinX;
      self->extent[1] = env.MinY;
      self->extent[2] = env.MaxX;
      self->extent[3] = env.MaxY;
    }
  CPLErrorReset ();
  return TRUE;
}

static gboolean
prepare_window_locked (PvLayer       *layer,
                       PvCrs         *map_crs,
                       GCancellable  *cancellable,
                       GError       **error)
{
  PvVectorLayer *self = PV_VECTOR_LAYER (layer);
  G_GNUC_UNUSED g_autoptr(GRWLockReaderLocker) locker = g_rw_lock_reader_locker_new (&self->window_lock);

  return pv_vector_layer_prepare (layer, map_crs, cancellable, error);
}

static gboolean
render_window_locked (PvLayer                *layer,
                      cairo_t                *cr,
                      const PvRenderContext  *ctx,
                      GError                **error)
{
  PvVectorLayer *self = PV_VECTOR_LAYER (layer);
  G_GNUC_UNUSED g_autoptr(GRWLockReaderLocker) locker = g_rw_lock_reader_locker_new (&self->window_lock);

  /* Another view moved the window since this frame's prepare(). */
  if (self->windowed && !pv_vector_layer_prepare (layer, ctx->map_crs, ctx->cancellable, error))
    return FALSE;
  return pv_vector_layer_render (layer, cr, ctx, error);
}

/* Replaces the features by those in b (the window w) and returns the style
 * and labeling to apply to them again. */
static void
install_window (PvVectorLayer  *self,
                Builder        *b,
                const double   *w,
                double          resolution,
                PvStyle       **style,
                PvLabeling    **labeling)
{
  g_autoptr(GArray) selected = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_selected = 0;

  g_rw_lock_writer_lock (&self->window_lock);
  g_mutex_lock (&self->attribute_mutex);
  g_mutex_lock (&self->mutex);

  /* The selection is kept by feature id. */
  if (self->selection != NULL)
    {
      const guint64 *bits = g_bytes_get_data (self->selection, NULL);

      for (guint f = 0; f < self->n_features; f++)
        if (bits[f / 64] & (G_GUINT64_CONSTANT (1) << (f % 64)))
          {
            gint64 fid = self->fids ? self->fids[f] : self->fid_offset + f;

            g_array_append_val (selected, fid);
          }
    }

  *style = self->class_map ? g_object_ref (self->class_map->style) : NULL;
  *labeling = self->label_texts ? g_object_ref (self->label_texts->labeling) : NULL;
  clear_features (self);

  self->n_features = b->kinds->len;
  self->n_parts = b->vertex_starts->len - 1;
  self->n_vertices = b->xy->len / 2;
  self->kinds = (guint8 *) g_array_free (g_steal_pointer (&b->kinds), FALSE);
  self->part_starts = (guint32 *) g_array_free (g_steal_pointer (&b->part_starts), FALSE);
  self->vertex_starts = (guint32 *) g_array_free (g_steal_pointer (&b->vertex_starts), FALSE);
  self->xy = (double *) g_array_free (g_steal_pointer (&b->xy), FALSE);
  self->fids = (gint64 *) g_array_free (g_steal_pointer (&b->fids), FALSE);
  self->fid_offset = 0;
  self->n_geometries = 0;
  for (guint f = 0; f < self->n_features; f++)
    if (self->kinds[f] != KIND_NONE)
      self->n_geometries++;

  if (selected->len > 0)
    {
      guint64 *words = g_new0 (guint64, self->n_features / 64 + 1);

      for (guint k = 0; k < selected->len; k++)
        {
          guint index;

          if (_pv_vector_layer_index_of_fid_locked (self, g_array_index (selected, gint64, k), &index))
            {
              words[index / 64] |= G_GUINT64_CONSTANT (1) << (index % 64);
              n_selected++;
            }
        }
      if (n_selected > 0)
        self->selection = g_bytes_new_take (words, (self->n_features / 64 + 1) * sizeof (guint64));
      else
        g_free (words);
    }
  self->n_selected = n_selected;

  memcpy (self->window, w, sizeof self->window);
  self->window_resolution = resolution;
  self->has_window = TRUE;
  self->window_serial++;

  g_mutex_unlock (&self->mutex);
  g_mutex_unlock (&self->attribute_mutex);
  g_rw_lock_writer_unlock (&self->window_lock);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static gboolean
emit_features_changed (gpointer data)
{
  g_autoptr(PvVectorLayer) self = g_weak_ref_get (data);

  if (self != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_FEATURES_CHANGED], 0);
      g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
      /* The same style, other counts per category (the legend). */
      g_signal_emit (self, signals[SIGNAL_STYLE_CHANGED], 0);
    }
  return G_SOURCE_REMOVE;
}

/* The window w (whole when w[0] is -infinity), and an SQL condition. */
static void
set_window_filter (OGRLayerH     layer,
                   const double *w,
                   const char   *where)
{
  if (isfinite (w[0]))
    OGR_L_SetSpatialFilterRect (layer, w[0], w[1], w[2], w[3]);
  else
    OGR_L_SetSpatialFilter (layer, NULL);
  OGR_L_SetAttributeFilter (layer, where);
}

/* Reading alone, GDAL and the server take turns (a page of features is
 * fetched, then parsed): two connections keep both at work. Worth its
 * second query when the window is a good part of the table. */
#define WINDOW_SPLIT_MIN_SHARE 0.1

static gboolean
window_is_big (PvVectorLayer *self,
               const double  *w)
{
  double table_area, overlap;

  if (!isfinite (w[0]) || !self->has_extent)
    return TRUE;
  table_area = (self->extent[2] - self->extent[0]) * (self->extent[3] - self->extent[1]);
  overlap = MAX (0.0, MIN (w[2], self->extent[2]) - MAX (w[0], self->extent[0])) *
            MAX (0.0, MIN (w[3], self->extent[3]) - MAX (w[1], self->extent[1]));
  return table_area <= 0 || overlap >= WINDOW_SPLIT_MIN_SHARE * table_area;
}

/* One connection's share of a window read. */
typedef struct
{
  OGRLayerH      layer;
  const double  *w;
  const char    *where;
  const char    *source;
  ReadProgress  *rp;
  GCancellable  *cancellable;
  Builder        builder;
  GError        *error;
} WindowPart;

static void
part_init (WindowPart    *part,
           OGRLayerH      layer,
           const double  *w,
           const char    *where,
           PvStyle       *classify,
           PvVectorLayer *self,
           int            classify_field,
           const char    *source,
           ReadProgress  *rp,
           GCancellable  *cancellable)
{
  *part = (WindowPart) {
    .layer = layer, .w = w, .where = where, .source = source, .rp = rp, .cancellable = cancellable,
  };
  builder_init (&part->builder, 4096);
  if (classify_field >= 0)
    {
      part->builder.classify_style = classify;
      part->builder.classify_layer = self;
      part->builder.classify_field = classify_field;
      part->builder.categories = g_array_sized_new (FALSE, FALSE, sizeof (guint16), 4096);
    }
}

static gpointer
read_part_thread (gpointer data)
{
  WindowPart *part = data;

  set_ignored_fields_but (part->layer, part->builder.classify_layer ? part->builder.classify_field : -1);
  set_window_filter (part->layer, part->w, part->where);
  OGR_L_ResetReading (part->layer);
  read_features (NULL, -1, part->layer, part->source, -1, &part->builder, part->rp,
                 part->cancellable, &part->error);
  OGR_L_SetSpatialFilter (part->layer, NULL);
  OGR_L_SetAttributeFilter (part->layer, NULL);
  OGR_L_SetIgnoredFields (part->layer, NULL);
  return NULL;
}

/* Loads the window w (layer CRS; the whole table when w[0] is -infinity).
 * Call with window_mutex held. */
static gboolean
load_window (PvVectorLayer  *self,
             const double   *w,
             double          resolution,
             ReadProgress   *rp,
             GCancellable   *cancellable,
             GError        **error)
{
  const char *source = pv_layer_get_source (PV_LAYER (self));
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(PvStyle) classify = pv_vector_layer_dup_style (self);
  g_autoptr(PvLabeling) labeling = NULL;
  g_autoptr(GArray) categories = NULL;
  g_autofree char *even = NULL;
  g_autofree char *odd = NULL;
  WindowPart parts[2] = { { NULL } };
  GThread *thread = NULL;
  Builder b = { NULL };
  OGRLayerH layer = NULL, second = NULL;
  const char *fid_column;
  int classify_field = -1;
  gboolean ok;

  /* A style by a field: classified as the features come. */
  if (classify != NULL && (pv_style_get_kind (classify) == PV_STYLE_CATEGORIZED ||
                           pv_style_get_kind (classify) == PV_STYLE_GRADUATED) &&
      pv_style_get_field (classify) != NULL && g_strcmp0 (pv_style_get_field (classify), PV_OGR_STYLE_FIELD) != 0)
    classify_field = field_index (self, pv_style_get_field (classify));

  CPLErrorReset ();
  if (!(layer = window_layer (self, &self->window_dataset)))
    {
      set_unreadable_table_error (source, error);
      return FALSE;
    }
  if (rp != NULL && rp->progress != NULL)
    {
      set_window_filter (layer, w, NULL);
      rp->total = OGR_L_GetFeatureCount (layer, TRUE);
    }

  /* A big window: half the features (by the parity of their id) through a
   * second connection, read on a thread of its own. */
  fid_column = OGR_L_GetFIDColumn (layer);
  if (g_get_num_processors () > 1 && fid_column != NULL && fid_column[0] != '\0' &&
      strchr (fid_column, '"') == NULL && window_is_big (self, w))
    second = window_layer (self, &self->window_dataset2);
  if (second != NULL)
    {
      even = g_strdup_printf ("\"%s\" %% 2 = 0", fid_column);
      odd = g_strdup_printf ("\"%s\" %% 2 <> 0", fid_column);
    }

  part_init (&parts[0], layer, w, even, classify, self, classify_field, source, rp, cancellable);
  if (second != NULL)
    {
      part_init (&parts[1], second, w, odd, classify, self, classify_field, source, rp, cancellable);
      thread = g_thread_new ("pv-window-read", read_part_thread, &parts[1]);
    }
  read_part_thread (&parts[0]);
  if (thread != NULL)
    g_thread_join (thread);

  ok = parts[0].error == NULL && parts[1].error == NULL;
  if (ok)
    {
      b = parts[0].builder;
      parts[0].builder = (Builder) { NULL };
      if (second != NULL)
        builder_append (&b, &parts[1].builder);
    }
  else
    {
      GError **first = parts[0].error != NULL ? &parts[0].error : &parts[1].error;

      g_propagate_error (error, g_steal_pointer (first));
    }
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      builder_clear (&parts[i].builder);
      g_clear_error (&parts[i].error);
    }
  if (!ok)
    {
      builder_clear (&b);
      /* A broken connection is not reused. */
      if (!g_cancellable_is_cancelled (cancellable))
        {
          g_clear_pointer (&self->window_dataset, GDALClose);
          g_clear_pointer (&self->window_dataset2, GDALClose);
        }
      return FALSE;
    }
  categories = g_steal_pointer (&b.categories);
  install_window (self, &b, w, resolution, &style, &labeling);
  builder_clear (&b);
  g_debug ("%s: window [%.1f %.1f %.1f %.1f]: %u features (%s)", pv_layer_get_name (PV_LAYER (self)),
           w[0], w[1], w[2], w[3], self->n_features, second != NULL ? "two connections" : "one connection");

  /* The same style and labels for the new features, without signals (the
   * style did not change). */
  g_private_set (&quiet_key, GINT_TO_POINTER (1));
  if (style != NULL && pv_style_get_kind (style) == PV_STYLE_SINGLE)
    {
      ClassMap *cm = g_new0 (ClassMap, 1);

      g_atomic_ref_count_init (&cm->ref_count);
      cm->style = g_object_ref (style);
      cm->categories = g_new0 (guint16, MAX (self->n_features, 1));
      cm->counts = g_new0 (guint, pv_style_get_n_categories (style));
      cm->counts[0] = self->n_features;
      install_class_map (self, cm);
    }
  else if (style != NULL && style == classify && categories != NULL && categories->len == self->n_features)
    {
      /* Classified as read (the style did not change meanwhile). */
      ClassMap *cm = g_new0 (ClassMap, 1);

      g_atomic_ref_count_init (&cm->ref_count);
      cm->style = g_object_ref (style);
      cm->counts = g_new0 (guint, pv_style_get_n_categories (style));
      for (guint f = 0; f < self->n_features; f++)
        cm->counts[g_array_index (categories, guint16, f)]++;
      g_array_set_size (categories, MAX (self->n_features, 1));
      cm->categories = (guint16 *) g_array_free (g_steal_pointer (&categories), FALSE);
      install_class_map (self, cm);
    }
  else if (style != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!pv_vector_layer_set_style (self, style, cancellable, &local_error))
        g_warning ("%s: the style cannot be applied to the new window: %s",
                   pv_layer_get_name (PV_LAYER (self)), local_error->message);
    }
  if (labeling != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!pv_vector_layer_set_labeling (self, labeling, cancellable, &local_error))
        g_warning ("%s: the labels cannot be read for the new window: %s",
                   pv_layer_get_name (PV_LAYER (self)), local_error->message);
    }
  g_private_set (&quiet_key, NULL);

  /* Views (the attribute table) learn it on the main thread. */
  {
    GWeakRef *ref = g_new0 (GWeakRef, 1);
    GSource *idle = g_idle_source_new ();

    g_weak_ref_init (ref, self);
    g_source_set_callback (idle, emit_features_changed, ref, (GDestroyNotify) weak_ref_free);
    g_source_set_static_name (idle, "pv-vector-layer-features-changed");
    g_source_attach (idle, NULL);
    g_source_unref (idle);
  }
  return TRUE;
}

static gboolean
pv_vector_layer_prepare_view (PvLayer       *layer,
                              PvCrs         *map_crs,
                              PvViewport    *viewport,
                              GCancellable  *cancellable,
                              GError       **error)
{
  PvVectorLayer *self = PV_VECTOR_LAYER (layer);
  PvCrs *crs = pv_layer_get_crs (layer);
  int width = pv_viewport_get_width (viewport), height = pv_viewport_get_height (viewport);
  double v[4], w[4], dx, dy, resolution;
  gboolean ok = TRUE;

  if (!self->windowed || self->window_fixed || width <= 0 || height <= 0)
    return TRUE;
  pv_viewport_get_extent (viewport, &v[0], &v[1], &v[2], &v[3]);
  if (map_crs != NULL && crs != NULL && !same_crs (map_crs, crs))
    {
      g_autoptr(PvTransform) transform = pv_transform_new (map_crs, crs, error);

      if (transform == NULL)
        return FALSE;
      /* Nothing of the view has coordinates in the layer's CRS. */
      if (!pv_transform_bounds (transform, v[0], v[1], v[2], v[3], &v[0], &v[1], &v[2], &v[3]))
        return TRUE;
    }
  if (!(v[0] < v[2] && v[1] < v[3]) || !isfinite (v[0]) || !isfinite (v[1]) ||
      !isfinite (v[2]) || !isfinite (v[3]))
    return TRUE;
  resolution = MAX ((v[2] - v[0]) / width, (v[3] - v[1]) / height);

  g_mutex_lock (&self->window_mutex);
  if (self->has_window && v[0] >= self->window[0] && v[1] >= self->window[1] &&
      v[2] <= self->window[2] && v[3] <= self->window[3] &&
      !(self->n_features > WINDOW_SHRINK_MIN_FEATURES &&
        (self->window[2] - self->window[0]) * (self->window[3] - self->window[1]) >
        WINDOW_SHRINK_AREA * (v[2] - v[0]) * (v[3] - v[1])))
    {
      g_mutex_unlock (&self->window_mutex);
      return TRUE;
    }
  dx = (v[2] - v[0]) * WINDOW_MARGIN;
  dy = (v[3] - v[1]) * WINDOW_MARGIN;
  w[0] = v[0] - dx;
  w[1] = v[1] - dy;
  w[2] = v[2] + dx;
  w[3] = v[3] + dy;
  ok = load_window (self, w, resolution, NULL, cancellable, error);
  g_mutex_unlock (&self->window_mutex);
  return ok;
}

PvVectorLayer *
pv_vector_layer_read_table (PvVectorLayer   *self,
                            const double    *extent,
                            PvProgressFunc   progress,
                            gpointer         user_data,
                            GCancellable    *cancellable,
                            GError         **error)
{
  const char *source = pv_layer_get_source (PV_LAYER (self));
  const char *table = pv_layer_get_source_layer (PV_LAYER (self));
  g_autoptr(PvVectorLayer) copy = NULL;
  ReadProgress rp = {
    .progress = progress,
    .user_data = user_data,
    .caller = g_thread_self (),
  };
  const double whole[4] = { -INFINITY, -INFINITY, INFINITY, INFINITY };
  gboolean ok;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);
  g_return_val_if_fail (self->windowed, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  copy = _pv_vector_layer_new (source, self->layer_index, NULL, NULL, cancellable, error);
  if (copy == NULL)
    return NULL;
  /* Tables added or dropped since the layer was opened move the indices. */
  if (g_strcmp0 (pv_layer_get_source_layer (PV_LAYER (copy)), table) != 0 || !copy->windowed)
    {
      set_unreadable_table_error (source, error);
      return NULL;
    }
  _pv_layer_set_crs (PV_LAYER (copy), pv_layer_get_crs (PV_LAYER (self)));
  pv_layer_set_name (PV_LAYER (copy), pv_layer_get_name (PV_LAYER (self)));
  g_mutex_lock (&copy->window_mutex);
  ok = load_window (copy, extent != NULL ? extent : whole, 0, &rp, cancellable, error);
  copy->window_fixed = TRUE;
  g_mutex_unlock (&copy->window_mutex);
  return ok ? g_steal_pointer (&copy) : NULL;
}
