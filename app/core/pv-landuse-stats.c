/* pv-landuse-stats.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cpl_conv.h>
#include <geodesic.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pv-error.h"
#include "pv-gdal-private.h"
#include "pv-landuse-stats.h"
#include "pv-style.h"
#include "pv-task.h"
#include "pv-transform.h"
#include "pv-vector-layer-private.h"

/* Features between cancellation checks and progress reports. */
#define CHECK_INTERVAL 256
/* A clipped feature counts when more than this much of it (m²) is inside. */
#define MIN_CLIPPED_AREA 1e-6

/* ---------------------------------------------------------------- scopes */

struct _PvLanduseScope
{
  gatomicrefcount     ref_count;
  PvLanduseScopeKind  kind;
  double              extent[4];
  GArray             *indices;  /* guint, ascending, distinct */
  char               *wkt;      /* POLYGON: the polygon(s) */
  PvCrs              *crs;      /* of extent and wkt; NULL: the layer's */
};

G_DEFINE_BOXED_TYPE (PvLanduseScope, pv_landuse_scope, pv_landuse_scope_ref, pv_landuse_scope_unref)

static PvLanduseScope *
scope_new (PvLanduseScopeKind kind)
{
  PvLanduseScope *self = g_new0 (PvLanduseScope, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  return self;
}

PvLanduseScope *
pv_landuse_scope_ref (PvLanduseScope *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pv_landuse_scope_unref (PvLanduseScope *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->indices, g_array_unref);
  g_clear_pointer (&self->wkt, g_free);
  g_clear_object (&self->crs);
  g_free (self);
}

PvLanduseScope *
pv_landuse_scope_new_all (void)
{
  return scope_new (PV_LANDUSE_SCOPE_ALL);
}

PvLanduseScope *
pv_landuse_scope_new_extent (double xmin,
                             double ymin,
                             double xmax,
                             double ymax)
{
  PvLanduseScope *self = scope_new (PV_LANDUSE_SCOPE_EXTENT);

  self->extent[0] = MIN (xmin, xmax);
  self->extent[1] = MIN (ymin, ymax);
  self->extent[2] = MAX (xmin, xmax);
  self->extent[3] = MAX (ymin, ymax);
  return self;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

PvLanduseScope *
pv_landuse_scope_new_selection (const guint *indices,
                                guint        n_indices)
{
  PvLanduseScope *self = scope_new (PV_LANDUSE_SCOPE_SELECTION);
  guint kept = 0;

  g_return_val_if_fail (indices != NULL || n_indices == 0, self);

  self->indices = g_array_sized_new (FALSE, FALSE, sizeof (guint), MAX (n_indices, 1));
  if (n_indices > 0)
    g_array_append_vals (self->indices, indices, n_indices);
  g_array_sort (self->indices, compare_uint);
  for (guint i = 0; i < self->indices->len; i++)
    if (kept == 0 || g_array_index (self->indices, guint, i) != g_array_index (self->indices, guint, kept - 1))
      g_array_index (self->indices, guint, kept++) = g_array_index (self->indices, guint, i);
  g_array_set_size (self->indices, kept);
  return self;
}

static void
set_scope_error (GError    **error,
                 const char *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
}

/* The polygonal part of geom as a new (multi)polygon with straight edges,
 * or NULL when it has none. */
static OGRGeometryH
polygonal_copy (OGRGeometryH geom)
{
  OGRwkbGeometryType type;

  if (geom == NULL || OGR_G_IsEmpty (geom))
    return NULL;
  type = wkbFlatten (OGR_G_GetGeometryType (geom));
  if (OGR_GT_IsNonLinear (type))
    {
      g_auto(OGRGeometryH) linear = OGR_G_GetLinearGeometry (geom, 0, NULL);

      return polygonal_copy (linear);
    }
  switch ((int) type)
    {
    case wkbPolygon:
    case wkbMultiPolygon:
      return OGR_G_Clone (geom);

    case wkbGeometryCollection:
      {
        OGRGeometryH multi = OGR_G_CreateGeometry (wkbMultiPolygon);

        for (int i = 0; i < OGR_G_GetGeometryCount (geom); i++)
          {
            g_auto(OGRGeometryH) part = polygonal_copy (OGR_G_GetGeometryRef (geom, i));

            if (part == NULL)
              continue;
            if (wkbFlatten (OGR_G_GetGeometryType (part)) == wkbPolygon)
              OGR_G_AddGeometry (multi, part);
            else
              for (int k = 0; k < OGR_G_GetGeometryCount (part); k++)
                OGR_G_AddGeometry (multi, OGR_G_GetGeometryRef (part, k));
          }
        if (OGR_G_GetGeometryCount (multi) == 0)
          {
            OGR_G_DestroyGeometry (multi);
            return NULL;
          }
        return multi;
      }

    default:
      return NULL;
    }
}

static PvLanduseScope *
scope_new_polygon_take (OGRGeometryH   geom,
                        GError       **error)
{
  g_auto(OGRGeometryH) owned = geom;
  g_auto(OGRGeometryH) polygonal = polygonal_copy (owned);
  PvLanduseScope *self;
  char *wkt = NULL;

  OGREnvelope env;

  if (polygonal == NULL)
    {
      set_scope_error (error, _("The scope is not a polygon"));
      return NULL;
    }
  OGR_G_FlattenTo2D (polygonal);
  OGR_G_CloseRings (polygonal);
  OGR_G_GetEnvelope (polygonal, &env);
  if (!(env.MaxX > env.MinX && env.MaxY > env.MinY) ||
      !isfinite (env.MinX) || !isfinite (env.MaxX) || !isfinite (env.MinY) || !isfinite (env.MaxY))
    {
      set_scope_error (error, _("The scope polygon has no area"));
      return NULL;
    }
  if (OGR_G_ExportToIsoWkt (polygonal, &wkt) != OGRERR_NONE || wkt == NULL)
    {
      set_scope_error (error, _("The scope polygon cannot be written as WKT"));
      return NULL;
    }
  self = scope_new (PV_LANDUSE_SCOPE_POLYGON);
  self->wkt = g_strdup (wkt);
  CPLFree (wkt);
  return self;
}

PvLanduseScope *
pv_landuse_scope_new_polygon (const double  *xy,
                              guint          n,
                              GError       **error)
{
  OGRGeometryH polygon, ring;
  guint distinct = 0;

  g_return_val_if_fail (xy != NULL || n == 0, NULL);

  for (guint i = 0; i < n; i++)
    {
      if (!isfinite (xy[2 * i]) || !isfinite (xy[2 * i + 1]))
        {
          set_scope_error (error, _("The scope polygon has a vertex that is not a number"));
          return NULL;
        }
      if (i == 0 || xy[2 * i] != xy[2 * i - 2] || xy[2 * i + 1] != xy[2 * i - 1])
        distinct++;
    }
  if (n > 1 && xy[0] == xy[2 * n - 2] && xy[1] == xy[2 * n - 1])
    distinct--;
  if (distinct < 3)
    {
      set_scope_error (error, _("The scope polygon needs at least three vertices"));
      return NULL;
    }

  ring = OGR_G_CreateGeometry (wkbLinearRing);
  OGR_G_SetPoints (ring, (int) n, xy, 2 * sizeof (double), xy + 1, 2 * sizeof (double), NULL, 0);
  if (xy[0] != xy[2 * n - 2] || xy[1] != xy[2 * n - 1])
    OGR_G_AddPoint_2D (ring, xy[0], xy[1]);
  polygon = OGR_G_CreateGeometry (wkbPolygon);
  OGR_G_AddGeometryDirectly (polygon, ring);
  return scope_new_polygon_take (polygon, error);
}

PvLanduseScope *
pv_landuse_scope_new_wkt (const char  *wkt,
                          GError     **error)
{
  OGRGeometryH geom = NULL;
  char *cursor = (char *) wkt;

  g_return_val_if_fail (wkt != NULL, NULL);

  if (OGR_G_CreateFromWkt (&cursor, NULL, &geom) != OGRERR_NONE || geom == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The scope “%s” is not valid WKT"), wkt);

      CPLErrorReset ();
      set_scope_error (error, message);
      return NULL;
    }
  return scope_new_polygon_take (geom, error);
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*copy == '\0')
    return FALSE;
  *value = g_ascii_strtod (copy, &end);
  return end != copy && *end == '\0' && isfinite (*value);
}

PvLanduseScope *
pv_landuse_scope_parse (const char  *text,
                        GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (g_ascii_strcasecmp (text, "all") == 0)
    return pv_landuse_scope_new_all ();

  if (g_ascii_strncasecmp (text, "extent:", 7) == 0)
    {
      g_auto(GStrv) parts = g_strsplit (text + 7, ",", -1);
      double e[4];

      if (g_strv_length (parts) != 4 ||
          !parse_number (parts[0], &e[0]) || !parse_number (parts[1], &e[1]) ||
          !parse_number (parts[2], &e[2]) || !parse_number (parts[3], &e[3]) ||
          !(e[0] < e[2] && e[1] < e[3]))
        {
          g_autofree char *message = g_strdup_printf (_("The scope “%s” is not “extent:XMIN,YMIN,XMAX,YMAX” "
                                                        "with XMIN < XMAX and YMIN < YMAX"), text);

          set_scope_error (error, message);
          return NULL;
        }
      return pv_landuse_scope_new_extent (e[0], e[1], e[2], e[3]);
    }

  if (g_ascii_strncasecmp (text, "wkt:", 4) == 0)
    return pv_landuse_scope_new_wkt (text + 4, error);

  {
    g_autofree char *message = g_strdup_printf (_("Unknown scope “%s” (use “all”, “extent:XMIN,YMIN,XMAX,YMAX” "
                                                  "or “wkt:WKT”)"), text);

    set_scope_error (error, message);
  }
  return NULL;
}

void
pv_landuse_scope_set_crs (PvLanduseScope *self,
                          PvCrs          *crs)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (crs == NULL || PV_IS_CRS (crs));

  g_set_object (&self->crs, crs);
}

PvCrs *
pv_landuse_scope_get_crs (PvLanduseScope *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->crs;
}

PvLanduseScopeKind
pv_landuse_scope_get_kind (PvLanduseScope *self)
{
  g_return_val_if_fail (self != NULL, PV_LANDUSE_SCOPE_ALL);

  return self->kind;
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.3f", value));
}

char *
pv_landuse_scope_dup_description (PvLanduseScope *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->kind)
    {
    case PV_LANDUSE_SCOPE_EXTENT:
      {
        g_autofree char *xmin = format_number (self->extent[0]);
        g_autofree char *ymin = format_number (self->extent[1]);
        g_autofree char *xmax = format_number (self->extent[2]);
        g_autofree char *ymax = format_number (self->extent[3]);

        /* translators: the scope of a land-use table; the four numbers of a box */
        return g_strdup_printf (_("inside the extent %s, %s – %s, %s"), xmin, ymin, xmax, ymax);
      }

    case PV_LANDUSE_SCOPE_SELECTION:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected feature", "%u selected features",
                                           self->indices->len),
                              self->indices->len);

    case PV_LANDUSE_SCOPE_POLYGON:
      /* translators: the scope of a land-use table */
      return g_strdup (_("inside a polygon"));

    case PV_LANDUSE_SCOPE_ALL:
    default:
      /* translators: the scope of a land-use table */
      return g_strdup (_("whole layer"));
    }
}

/* ---------------------------------------------------------------- result */

struct _PvLanduseStats
{
  GObject             parent_instance;

  GArray             *rows;          /* PvLanduseStatsRow */
  double              total_area_ha;
  guint               total_count;
  gboolean            geodesic;
  char               *ellipsoid;
  char               *field;
  char               *layer_name;
  PvLanduseScopeKind  scope_kind;
  char               *scope_description;
  char               *note;
};

G_DEFINE_FINAL_TYPE (PvLanduseStats, pv_landuse_stats, G_TYPE_OBJECT)

static void
row_clear (PvLanduseStatsRow *row)
{
  g_clear_pointer (&row->code, g_free);
  g_clear_pointer (&row->name, g_free);
}

static void
pv_landuse_stats_finalize (GObject *object)
{
  PvLanduseStats *self = PV_LANDUSE_STATS (object);

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->ellipsoid, g_free);
  g_clear_pointer (&self->field, g_free);
  g_clear_pointer (&self->layer_name, g_free);
  g_clear_pointer (&self->scope_description, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (pv_landuse_stats_parent_class)->finalize (object);
}

static void
pv_landuse_stats_class_init (PvLanduseStatsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pv_landuse_stats_finalize;
}

static void
pv_landuse_stats_init (PvLanduseStats *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (PvLanduseStatsRow));
  g_array_set_clear_func (self->rows, (GDestroyNotify) row_clear);
}

guint
pv_landuse_stats_get_n_rows (PvLanduseStats *self)
{
  g_return_val_if_fail (PV_IS_LANDUSE_STATS (self), 0);

  return self->rows->len;
}

const PvLanduseStatsRow *
pv_landuse_stats_get_row (PvLanduseStats *self,
                          guint           index)
{
  g_return_val_if_fail (PV_IS_LANDUSE_STATS (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  return &g_array_index (self->rows, PvLanduseStatsRow, index);
}

double
pv_landuse_stats_get_total_area_ha (PvLanduseStats *self)
{
  g_return_val_if_fail (PV_IS_LANDUSE_STATS (self), 0);

  return self->total_area_ha;
}

guint
pv_landuse_stats_get_total_count (PvLanduseStats *self)
{
  g_return_val_if_fail (PV_IS_LANDUSE_STATS (self), 0);

  return self->total_count;
}

gboolean
pv_landuse_stats_get_geodesic (PvLanduseStats *self)
{
  g_return_val_if_fail (PV_IS_LANDUSE_STATS (self), FALSE);

  return self->geodesic;
}

const char *
pv_landuse_stats_get_ellipsoid (PvLanduseStats *self)
{
  g_return_val_if_fail (PV_IS_LANDUSE_STATS (self), NULL);

  return self->ellipsoid;
}

const char *
pv_landuse_stats_get_field (PvLanduseStats *self)
{
  g_return_val_if_fail (PV_IS_LANDUSE_STATS (self), NULL);

  return self->field;
}

const char *
pv_landuse_stats_get_layer_name (PvLanduseStats *self)
{
  g_return_val_if_fail (PV_IS_LANDUSE_STATS (self), NULL);

  return self->layer_name;
}

PvLanduseScopeKind
pv_landuse_stats_get_scope_kind (PvLanduseStats *self)
{
  g_return_val_if_fail (PV_IS_LANDUSE_STATS (self), PV_LANDUSE_SCOPE_ALL);

  return self->scope_kind;
}

const char *
pv_landuse_stats_get_scope_description (PvLanduseStats *self)
{
  g_return_val_if_fail (PV_IS_LANDUSE_STATS (self), NULL);

  return self->scope_description;
}

const char *
pv_landuse_stats_get_note (PvLanduseStats *self)
{
  g_return_val_if_fail (PV_IS_LANDUSE_STATS (self), NULL);

  return self->note;
}

const char *
pv_landuse_stats_get_column_title (guint column)
{
  switch (column)
    {
    /* translators: columns of the land-use structure table (bảng cơ cấu sử dụng đất) */
    case 0: return C_("land-use table", "Code");
    case 1: return C_("land-use table", "Name");
    case 2: return C_("land-use table", "Area (ha)");
    case 3: return C_("land-use table", "Share (%)");
    case 4: return C_("land-use table", "Features");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
pv_landuse_stats_get_total_label (void)
{
  /* translators: the last row of the land-use structure table */
  return C_("land-use table", "Total");
}

static void
append_field (GString    *out,
              const char *text,
              char        separator)
{
  if (separator == '\t')
    {
      /* Cells cannot hold tabs or line breaks when pasted. */
      for (const char *p = text; *p != '\0'; p++)
        g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
      return;
    }
  if (strpbrk (text, ",\"\r\n") != NULL || g_ascii_isspace (text[0]) ||
      (text[0] != '\0' && g_ascii_isspace (text[strlen (text) - 1])))
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
}

static void
append_row (GString    *out,
            char        separator,
            const char *code,
            const char *name,
            double      area_ha,
            double      share,
            guint       count)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  append_field (out, code, separator);
  g_string_append_c (out, separator);
  append_field (out, name, separator);
  g_string_append_c (out, separator);
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.2f", area_ha));
  g_string_append_c (out, separator);
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.2f", share));
  g_string_append_c (out, separator);
  g_string_append_printf (out, "%u\n", count);
}

static char *
to_text (PvLanduseStats *self,
         char            separator)
{
  GString *out = g_string_new (NULL);
  g_autofree char *note = NULL;

  for (guint c = 0; c < 5; c++)
    {
      if (c > 0)
        g_string_append_c (out, separator);
      append_field (out, pv_landuse_stats_get_column_title (c), separator);
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < self->rows->len; i++)
    {
      const PvLanduseStatsRow *row = &g_array_index (self->rows, PvLanduseStatsRow, i);

      append_row (out, separator, row->code, row->name, row->area_ha, row->share, row->count);
    }
  append_row (out, separator, "", pv_landuse_stats_get_total_label (),
              self->total_area_ha, self->total_area_ha > 0 ? 100.0 : 0.0, self->total_count);

  /* translators: a sentence about the areas, then the scope of the table */
  note = g_strdup_printf (_("%s Scope: %s."), self->note, self->scope_description);
  append_field (out, note, separator);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

char *
pv_landuse_stats_to_csv (PvLanduseStats *self)
{
  g_return_val_if_fail (PV_IS_LANDUSE_STATS (self), NULL);

  return to_text (self, ',');
}

char *
pv_landuse_stats_to_tsv (PvLanduseStats *self)
{
  g_return_val_if_fail (PV_IS_LANDUSE_STATS (self), NULL);

  return to_text (self, '\t');
}

/* ---------------------------------------------------------------- ordering */

/* The agricultural group of the land-use table, in its order: the 2014-era
 * codes as the palette lists them, the 2024 codes next to their relatives
 * (natural production forest after production forest, concentrated
 * livestock farming after aquaculture). */
static const char *const agricultural_codes[] = {
  "NNP", "LUA", "LUC", "LUK", "LUN", "HNK", "BHK", "NHK", "CLN",
  "RSX", "RSN", "RPH", "RDD", "NTS", "CNT", "NKH",
};
/* Unused land; everything else of the palette is non-agricultural. */
static const char *const unused_codes[] = { "CSD", "BCS", "DCS", "NCS" };

static int
code_rank (const char *code,
           guint       palette_index)
{
  for (guint i = 0; i < G_N_ELEMENTS (agricultural_codes); i++)
    if (g_str_equal (code, agricultural_codes[i]))
      return (int) i;
  for (guint i = 0; i < G_N_ELEMENTS (unused_codes); i++)
    if (g_str_equal (code, unused_codes[i]))
      return 2000 + (int) i;
  return 1000 + (int) palette_index;
}

typedef struct
{
  PvLanduseStatsRow  row;
  int                rank;     /* palette codes; G_MAXINT for other values */
  gboolean           no_value;
} Bucket;

static int
compare_buckets (gconstpointer a,
                 gconstpointer b)
{
  const Bucket *x = *(Bucket * const *) a;
  const Bucket *y = *(Bucket * const *) b;

  if (x->no_value != y->no_value)
    return x->no_value ? 1 : -1;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  {
    int c = g_utf8_collate (x->row.code, y->row.code);

    return c != 0 ? c : strcmp (x->row.code, y->row.code);
  }
}

/* ---------------------------------------------------------------- measuring */

typedef struct
{
  PvTransform          *to_geographic;  /* NULL: planar */
  struct geod_geodesic  geod;
  double               *buffer;
  gsize                 buffer_len;
  guint                 failures;       /* vertices that did not transform */
} Measurer;

static double
planar_ring_area (const double *xy,
                  guint         n)
{
  double area = 0;

  if (n < 3)
    return 0;
  for (guint i = 0, j = n - 1; i < n; j = i++)
    area += (xy[2 * j] - xy[2 * i]) * (xy[2 * j + 1] + xy[2 * i + 1]);
  return area / 2.0;
}

/* The unsigned area of a ring in m² (layer units² when planar). */
static double
ring_area (Measurer     *m,
           const double *xy,
           guint         n)
{
  struct geod_polygon polygon;
  double area = 0, perimeter = 0;

  if (n < 3)
    return 0;
  if (m->to_geographic == NULL)
    return fabs (planar_ring_area (xy, n));

  if (m->buffer_len < 2 * (gsize) n)
    {
      m->buffer_len = MAX (2 * (gsize) n, 2 * m->buffer_len);
      m->buffer = g_renew (double, m->buffer, m->buffer_len);
    }
  memcpy (m->buffer, xy, 2 * (gsize) n * sizeof (double));
  m->failures += (guint) pv_transform_points_interleaved (m->to_geographic, m->buffer, n);

  geod_polygon_init (&polygon, 0);
  for (guint i = 0; i < n; i++)
    {
      double lon = m->buffer[2 * i], lat = m->buffer[2 * i + 1];

      if (!isfinite (lon) || !isfinite (lat))
        continue;
      geod_polygon_addpoint (&m->geod, &polygon, lat, lon);
    }
  geod_polygon_compute (&m->geod, &polygon, FALSE, TRUE, &area, &perimeter);
  return fabs (area);
}

static double
ogr_ring_area (Measurer     *m,
               OGRGeometryH  ring)
{
  int n = OGR_G_GetPointCount (ring);
  g_autofree double *xy = NULL;

  if (n < 3)
    return 0;
  xy = g_new (double, 2 * (gsize) n);
  OGR_G_GetPoints (ring, xy, 2 * sizeof (double), xy + 1, 2 * sizeof (double), NULL, 0);
  return ring_area (m, xy, (guint) n);
}

/* The area of the polygons in geom (exteriors less holes); lines and points
 * have none. */
static double
ogr_geometry_area (Measurer     *m,
                   OGRGeometryH  geom,
                   int           depth)
{
  OGRwkbGeometryType type;
  double area = 0;

  if (geom == NULL || OGR_G_IsEmpty (geom) || depth > 32)
    return 0;
  type = wkbFlatten (OGR_G_GetGeometryType (geom));
  if (OGR_GT_IsNonLinear (type))
    {
      g_auto(OGRGeometryH) linear = OGR_G_GetLinearGeometry (geom, 0, NULL);

      return ogr_geometry_area (m, linear, depth + 1);
    }
  switch ((int) type)
    {
    case wkbPolygon:
    case wkbTriangle:
      for (int i = 0; i < OGR_G_GetGeometryCount (geom); i++)
        {
          double a = ogr_ring_area (m, OGR_G_GetGeometryRef (geom, i));

          area += i == 0 ? a : -a;
        }
      return MAX (area, 0.0);

    case wkbMultiPolygon:
    case wkbGeometryCollection:
    case wkbPolyhedralSurface:
    case wkbTIN:
      for (int i = 0; i < OGR_G_GetGeometryCount (geom); i++)
        area += ogr_geometry_area (m, OGR_G_GetGeometryRef (geom, i), depth + 1);
      return area;

    default:
      return 0;
    }
}

/* The clip region of an extent or polygon scope, in the layer's CRS. */
typedef struct
{
  OGRGeometryH          geom;
  OGRPreparedGeometryH  prepared;
  OGREnvelope           env;
  gboolean              is_box;   /* geom is the box env */
} Clip;

static void
clip_clear (Clip *clip)
{
  g_clear_pointer (&clip->prepared, OGRDestroyPreparedGeometry);
  g_clear_pointer (&clip->geom, OGR_G_DestroyGeometry);
}

static OGRGeometryH
box_polygon (const double *e)
{
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
  OGRGeometryH polygon = OGR_G_CreateGeometry (wkbPolygon);

  OGR_G_AddPoint_2D (ring, e[0], e[1]);
  OGR_G_AddPoint_2D (ring, e[2], e[1]);
  OGR_G_AddPoint_2D (ring, e[2], e[3]);
  OGR_G_AddPoint_2D (ring, e[0], e[3]);
  OGR_G_AddPoint_2D (ring, e[0], e[1]);
  OGR_G_AddGeometryDirectly (polygon, ring);
  return polygon;
}

/* Moves every vertex of geom through transform; FALSE when one fails. */
static gboolean
transform_geometry (OGRGeometryH  geom,
                    PvTransform  *transform,
                    int           depth)
{
  int n_sub = OGR_G_GetGeometryCount (geom);

  if (depth > 32)
    return FALSE;
  if (n_sub > 0)
    {
      for (int i = 0; i < n_sub; i++)
        if (!transform_geometry (OGR_G_GetGeometryRef (geom, i), transform, depth + 1))
          return FALSE;
      return TRUE;
    }
  {
    int n = OGR_G_GetPointCount (geom);
    g_autofree double *xy = NULL;

    if (n <= 0)
      return TRUE;
    xy = g_new (double, 2 * (gsize) n);
    OGR_G_GetPoints (geom, xy, 2 * sizeof (double), xy + 1, 2 * sizeof (double), NULL, 0);
    if (pv_transform_points_interleaved (transform, xy, (gsize) n) > 0)
      return FALSE;
    OGR_G_SetPoints (geom, n, xy, 2 * sizeof (double), xy + 1, 2 * sizeof (double), NULL, 0);
    return TRUE;
  }
}

static gboolean
clip_init (Clip            *clip,
           PvLanduseScope  *scope,
           PvCrs           *layer_crs,
           const char      *display,
           GError         **error)
{
  g_autoptr(PvTransform) transform = NULL;

  memset (clip, 0, sizeof *clip);
  if (scope->crs != NULL && layer_crs != NULL && !pv_crs_equals (scope->crs, layer_crs))
    {
      g_autoptr(GError) local_error = NULL;

      if (!(transform = pv_transform_new (scope->crs, layer_crs, &local_error)))
        {
          g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_NO_OPERATION,
                       /* translators: %s: a file, then why */
                       _("%s: the scope cannot be brought into the layer’s CRS (%s)"),
                       display, local_error->message);
          return FALSE;
        }
    }

  if (scope->kind == PV_LANDUSE_SCOPE_EXTENT)
    {
      clip->geom = box_polygon (scope->extent);
      clip->is_box = transform == NULL;
    }
  else
    {
      char *cursor = scope->wkt;

      if (OGR_G_CreateFromWkt (&cursor, NULL, &clip->geom) != OGRERR_NONE || clip->geom == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The scope polygon cannot be read"));
          return FALSE;
        }
    }

  if (transform != NULL)
    {
      OGREnvelope env;
      double step;

      /* Straight edges in one CRS are curves in another. */
      OGR_G_GetEnvelope (clip->geom, &env);
      step = MAX (env.MaxX - env.MinX, env.MaxY - env.MinY) / 64;
      if (step > 0)
        OGR_G_Segmentize (clip->geom, step);
      if (!transform_geometry (clip->geom, transform, 0))
        {
          g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_FAILED,
                       _("%s: the scope cannot be brought into the layer’s CRS"), display);
          return FALSE;
        }
    }

  if (!OGR_G_IsValid (clip->geom))
    {
      OGRGeometryH valid = OGR_G_MakeValid (clip->geom);
      OGRGeometryH polygonal = polygonal_copy (valid);

      g_clear_pointer (&valid, OGR_G_DestroyGeometry);
      if (polygonal == NULL)
        {
          CPLErrorReset ();
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The scope polygon is not a valid polygon"));
          return FALSE;
        }
      OGR_G_DestroyGeometry (clip->geom);
      clip->geom = polygonal;
      clip->is_box = FALSE;
    }
  OGR_G_GetEnvelope (clip->geom, &clip->env);
  clip->prepared = OGRCreatePreparedGeometry (clip->geom);
  return TRUE;
}

static OGRGeometryH
ring_polygon (const double *xy,
              guint         n)
{
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
  OGRGeometryH polygon = OGR_G_CreateGeometry (wkbPolygon);

  OGR_G_SetPoints (ring, (int) n, xy, 2 * sizeof (double), xy + 1, 2 * sizeof (double), NULL, 0);
  OGR_G_AddGeometryDirectly (polygon, ring);
  OGR_G_CloseRings (polygon);
  return polygon;
}

/* The area (unsigned) of the part of the ring inside clip; -1 when GEOS
 * cannot intersect them. */
static double
clipped_ring_area (Measurer     *m,
                   Clip         *clip,
                   const double *xy,
                   guint         n)
{
  double rxmin = G_MAXDOUBLE, rymin = G_MAXDOUBLE, rxmax = -G_MAXDOUBLE, rymax = -G_MAXDOUBLE;
  g_auto(OGRGeometryH) polygon = NULL;
  g_auto(OGRGeometryH) inside = NULL;

  for (guint i = 0; i < n; i++)
    {
      rxmin = MIN (rxmin, xy[2 * i]);
      rxmax = MAX (rxmax, xy[2 * i]);
      rymin = MIN (rymin, xy[2 * i + 1]);
      rymax = MAX (rymax, xy[2 * i + 1]);
    }
  if (rxmax < clip->env.MinX || rxmin > clip->env.MaxX || rymax < clip->env.MinY || rymin > clip->env.MaxY)
    return 0;
  if (clip->is_box && rxmin >= clip->env.MinX && rxmax <= clip->env.MaxX &&
      rymin >= clip->env.MinY && rymax <= clip->env.MaxY)
    return ring_area (m, xy, n);

  polygon = ring_polygon (xy, n);
  if (clip->prepared != NULL)
    {
      if (!OGRPreparedGeometryIntersects (clip->prepared, polygon))
        return 0;
      if (OGRPreparedGeometryContains (clip->prepared, polygon))
        return ring_area (m, xy, n);
    }
  inside = OGR_G_Intersection (polygon, clip->geom);
  if (inside == NULL)
    {
      /* A self-intersecting ring: intersect what it encloses. */
      g_auto(OGRGeometryH) valid = OGR_G_MakeValid (polygon);

      CPLErrorReset ();
      if (valid == NULL || !(inside = OGR_G_Intersection (valid, clip->geom)))
        {
          CPLErrorReset ();
          return -1;
        }
    }
  return ogr_geometry_area (m, inside, 0);
}

/* ---------------------------------------------------------------- computing */

static int
find_field (PvVectorLayer *layer,
            const char    *field)
{
  guint n = pv_vector_layer_get_n_fields (layer);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (pv_vector_layer_get_field_name (layer, i), field) == 0)
      return (int) i;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *a = g_utf8_casefold (pv_vector_layer_get_field_name (layer, i), -1);
      g_autofree char *b = g_utf8_casefold (field, -1);

      if (g_strcmp0 (a, b) == 0)
        return (int) i;
    }
  return -1;
}

/* Sets up m for the layer's CRS: geodesic on its ellipsoid when it has one
 * PROJ can bring to its geographic CRS. *ellipsoid, *a and *inv_f describe it. */
static void
measurer_init (Measurer  *m,
               PvCrs     *crs,
               char     **ellipsoid,
               double    *a,
               double    *inv_f)
{
  g_autofree char *last_error = NULL;
  g_autoptr(PJ_CONTEXT) ctx = NULL;
  g_autoptr(PJ) pj = NULL;
  g_autoptr(PJ) geodetic = NULL;
  g_autoptr(PJ) ell = NULL;
  g_autoptr(PvCrs) geographic = NULL;
  g_autofree char *definition = NULL;
  const char *wkt;
  double b = 0;
  int computed = 0;

  memset (m, 0, sizeof *m);
  *ellipsoid = NULL;
  if (crs == NULL)
    return;

  ctx = _pv_proj_context_new (&last_error);
  definition = pv_crs_dup_wkt (crs);
  if (definition == NULL || !(pj = proj_create (ctx, definition)))
    return;
  if (!(geodetic = proj_crs_get_geodetic_crs (ctx, pj)) ||
      !(ell = proj_get_ellipsoid (ctx, pj)) ||
      !proj_ellipsoid_get_parameters (ctx, ell, a, &b, &computed, inv_f) ||
      !(*a > 0))
    {
      g_debug ("No ellipsoid for %s: %s", pv_crs_get_name (crs), last_error ? last_error : "");
      return;
    }
  if (proj_get_type (geodetic) != PJ_TYPE_GEOGRAPHIC_2D_CRS &&
      proj_get_type (geodetic) != PJ_TYPE_GEOGRAPHIC_3D_CRS)
    return;
  if (!(wkt = proj_as_wkt (ctx, geodetic, PJ_WKT2_2019, NULL)) ||
      !(geographic = pv_crs_new_from_wkt (wkt, NULL)) ||
      !(m->to_geographic = pv_transform_new (crs, geographic, NULL)))
    return;

  geod_init (&m->geod, *a, *inv_f > 0 ? 1.0 / *inv_f : 0.0);
  *ellipsoid = g_strdup (proj_get_name (ell));
}

static void
measurer_clear (Measurer *m)
{
  g_clear_object (&m->to_geographic);
  g_clear_pointer (&m->buffer, g_free);
}

static char *
make_note (gboolean    geodesic,
           const char *ellipsoid,
           double      a,
           double      inv_f)
{
  char sa[G_ASCII_DTOSTR_BUF_SIZE], sf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!geodesic)
    return g_strdup (_("Areas are planar: the layer has no coordinate reference system, "
                       "so its units are taken for metres."));
  g_ascii_formatd (sa, sizeof sa, "%.3f", a);
  /* "6378137.000" reads better as "6378137". */
  if (g_str_has_suffix (sa, ".000"))
    sa[strlen (sa) - 4] = '\0';
  if (inv_f > 0)
    {
      g_ascii_formatd (sf, sizeof sf, "%.12g", inv_f);
      /* translators: the ellipsoid's name, its semi-major axis and inverse flattening */
      return g_strdup_printf (_("Areas are geodesic, on the %s ellipsoid (a = %s m, 1/f = %s)."),
                              ellipsoid, sa, sf);
    }
  /* translators: the sphere's name and radius */
  return g_strdup_printf (_("Areas are geodesic, on the %s sphere (R = %s m)."), ellipsoid, sa);
}

/* crs: the layer's, taken on the caller's thread. */
static PvLanduseStats *
compute_loaded (PvVectorLayer  *layer,
                PvCrs          *crs,
                const char     *field,
                PvLanduseScope *scope,
                PvProgressFunc  progress,
                gpointer        progress_data,
                GCancellable   *cancellable,
                GError        **error)
{
  /* A database layer's window stays while it is measured. */
  G_GNUC_UNUSED g_autoptr(GRWLockReaderLocker) window_locker = g_rw_lock_reader_locker_new (&layer->window_lock);
  g_autoptr(PvLanduseStats) self = NULL;
  g_autoptr(PvLanduseScope) all = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PvStyle) palette = NULL;
  g_autoptr(GHashTable) by_value = NULL;  /* value (or "" for none) → Bucket */
  g_autoptr(GPtrArray) buckets = NULL;
  g_autofree char *display = NULL;
  g_auto(GStrv) values = NULL;  /* no NULL holes: see below */
  Measurer m;
  Clip clip = { 0 };
  gboolean clipping;
  double a = 0, inv_f = 0, total_m2 = 0;
  guint n_features, n_palette = 0, n_todo;
  int field_index;
  const char *what;

  if (scope == NULL)
    scope = all = pv_landuse_scope_new_all ();
  display = g_filename_display_name (pv_layer_get_source (PV_LAYER (layer)));
  what = pv_layer_get_name (PV_LAYER (layer));

  if ((field_index = find_field (layer, field)) < 0)
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND,
                   _("%s: there is no field “%s” to count land use by"), display, field);
      return NULL;
    }
  if (!(values = pv_vector_layer_dup_column (layer, (guint) field_index, cancellable, error)))
    return NULL;
  /* A null value counts as no land-use code (""); with no NULL entries left
   * before the end, g_strfreev frees every value. */
  for (guint f = 0, n = pv_vector_layer_get_n_features (layer); f < n; f++)
    if (values[f] == NULL)
      values[f] = g_strdup ("");

  self = g_object_new (PV_TYPE_LANDUSE_STATS, NULL);
  self->field = g_strdup (pv_vector_layer_get_field_name (layer, (guint) field_index));
  self->layer_name = g_strdup (pv_layer_get_name (PV_LAYER (layer)));
  self->scope_kind = scope->kind;
  self->scope_description = pv_landuse_scope_dup_description (scope);

  measurer_init (&m, crs, &self->ellipsoid, &a, &inv_f);
  self->geodesic = m.to_geographic != NULL;
  self->note = make_note (self->geodesic, self->ellipsoid, a, inv_f);

  clipping = scope->kind == PV_LANDUSE_SCOPE_EXTENT || scope->kind == PV_LANDUSE_SCOPE_POLYGON;
  CPLPushErrorHandler (CPLQuietErrorHandler);
  if (clipping && !clip_init (&clip, scope, crs, display, error))
    {
      CPLPopErrorHandler ();
      clip_clear (&clip);
      measurer_clear (&m);
      return NULL;
    }

  palette = pv_style_new_from_palette (PV_PALETTE_VN_LANDUSE, self->field, NULL);
  if (palette != NULL)
    n_palette = pv_style_get_n_categories (palette);
  by_value = g_hash_table_new (g_str_hash, g_str_equal);
  buckets = g_ptr_array_new ();

  n_features = pv_vector_layer_get_n_features (layer);
  n_todo = scope->kind == PV_LANDUSE_SCOPE_SELECTION ? scope->indices->len : n_features;
  for (guint k = 0; k < n_todo; k++)
    {
      guint f = scope->kind == PV_LANDUSE_SCOPE_SELECTION ? g_array_index (scope->indices, guint, k) : k;
      const char *value;
      Bucket *bucket;
      double area = 0;

      if ((k + 1) % CHECK_INTERVAL == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
            break;
          if (progress != NULL)
            progress ((double) k / MAX (n_todo, 1), what, progress_data);
        }
      if (f >= n_features || layer->kinds[f] != PV_GEOMETRY_KIND_POLYGON)
        continue;

      for (guint32 p = layer->part_starts[f]; p < layer->part_starts[f + 1]; p++)
        {
          const double *xy = layer->xy + 2 * (gsize) layer->vertex_starts[p];
          guint n = layer->vertex_starts[p + 1] - layer->vertex_starts[p];
          double sign = planar_ring_area (xy, n) >= 0 ? 1 : -1;
          double ring;

          if (n < 3)
            continue;
          /* The layer turns exteriors counter-clockwise and holes clockwise:
           * holes subtract, even when clipped (a hole lies in its exterior). */
          ring = clipping ? clipped_ring_area (&m, &clip, xy, n) : ring_area (&m, xy, n);
          if (ring < 0)
            {
              g_set_error (&local_error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                           _("%s: feature %u cannot be clipped to the scope"), display, f + 1);
              break;
            }
          area += sign * ring;
        }
      if (local_error != NULL)
        break;
      area = MAX (area, 0.0);
      if (clipping && area <= MIN_CLIPPED_AREA)
        continue;

      value = values[f] != NULL ? values[f] : "";
      bucket = g_hash_table_lookup (by_value, value);
      if (bucket == NULL)
        {
          guint klass = palette != NULL && *value != '\0' ? pv_style_classify (palette, value) : n_palette;
          /* The palette's last class is "other". */
          const PvStyleCategory *category = klass + 1 < n_palette ? pv_style_get_category (palette, klass) : NULL;

          bucket = g_new0 (Bucket, 1);
          if (category != NULL && category->value != NULL)
            {
              const char *label = category->label ? category->label : category->value;
              const char *dash = strstr (label, " – ");

              bucket->row.code = g_strdup (category->value);
              bucket->row.name = g_strdup (dash != NULL ? dash + strlen (" – ") : label);
              bucket->row.known = TRUE;
              bucket->rank = code_rank (category->value, klass);
            }
          else
            {
              bucket->row.code = g_strdup (value);
              bucket->row.name = g_strdup (*value != '\0' ? value : C_("land-use table", "(no code)"));
              bucket->rank = G_MAXINT;
              bucket->no_value = *value == '\0';
            }
          g_hash_table_insert (by_value, (gpointer) value, bucket);
          g_ptr_array_add (buckets, bucket);
        }
      bucket->row.area_ha += area;   /* m² until the end */
      bucket->row.count++;
    }
  CPLPopErrorHandler ();
  clip_clear (&clip);
  if (m.failures > 0 && local_error == NULL)
    {
      g_autofree char *crs_label = pv_crs_dup_label (crs);

      g_set_error (&local_error, PV_CRS_ERROR, PV_CRS_ERROR_FAILED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u vertex cannot be brought to the geographic coordinates of %s",
                                "%s: %u vertices cannot be brought to the geographic coordinates of %s",
                                m.failures),
                   display, m.failures, crs_label);
    }
  measurer_clear (&m);

  /* The table, merging values that name the same palette code ("odt", "ODT "). */
  g_ptr_array_sort (buckets, compare_buckets);
  for (guint i = 0; i < buckets->len; i++)
    {
      Bucket *bucket = g_ptr_array_index (buckets, i);
      PvLanduseStatsRow *last = self->rows->len > 0
        ? &g_array_index (self->rows, PvLanduseStatsRow, self->rows->len - 1) : NULL;

      if (last != NULL && bucket->row.known && last->known && g_str_equal (last->code, bucket->row.code))
        {
          last->area_ha += bucket->row.area_ha;
          last->count += bucket->row.count;
          row_clear (&bucket->row);
        }
      else
        g_array_append_val (self->rows, bucket->row);
      total_m2 += bucket->row.area_ha;
      g_free (bucket);
    }
  g_ptr_array_set_size (buckets, 0);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self->total_area_ha = total_m2 / 10000.0;
  for (guint i = 0; i < self->rows->len; i++)
    {
      PvLanduseStatsRow *row = &g_array_index (self->rows, PvLanduseStatsRow, i);

      row->area_ha /= 10000.0;
      row->share = total_m2 > 0 ? 100.0 * row->area_ha / self->total_area_ha : 0;
      self->total_count += row->count;
    }
  if (progress != NULL)
    progress (1.0, what, progress_data);
  return g_steal_pointer (&self);
}

/* Reading a table from its server is most of the work. */
#define READ_SHARE 0.9

typedef struct
{
  PvProgressFunc progress;
  gpointer       progress_data;
  double         start;
  double         share;
} ProgressPart;

static void
progress_part (double      fraction,
               const char *what,
               gpointer    user_data)
{
  ProgressPart *part = user_data;

  part->progress (part->start + part->share * fraction, what, part->progress_data);
}

/* A database layer holds the features of the view's window only: the scope
 * is measured on the table's own features, read for it (those meeting the
 * scope's box). A selection is of the window's features. */
static PvLanduseStats *
compute (PvVectorLayer  *layer,
         PvCrs          *crs,
         const char     *field,
         PvLanduseScope *scope,
         PvProgressFunc  progress,
         gpointer        progress_data,
         GCancellable   *cancellable,
         GError        **error)
{
  g_autoptr(PvVectorLayer) table = NULL;
  ProgressPart reading = { progress, progress_data, 0, READ_SHARE };
  ProgressPart measuring = { progress, progress_data, READ_SHARE, 1 - READ_SHARE };
  double box[4];
  gboolean bounded = FALSE;

  if (!pv_vector_layer_is_windowed (layer) ||
      (scope != NULL && scope->kind == PV_LANDUSE_SCOPE_SELECTION))
    return compute_loaded (layer, crs, field, scope, progress, progress_data, cancellable, error);

  if (scope != NULL && (scope->kind == PV_LANDUSE_SCOPE_EXTENT || scope->kind == PV_LANDUSE_SCOPE_POLYGON))
    {
      g_autofree char *display = g_filename_display_name (pv_layer_get_source (PV_LAYER (layer)));
      Clip clip;
      gboolean ok;

      CPLPushErrorHandler (CPLQuietErrorHandler);
      ok = clip_init (&clip, scope, crs, display, error);
      CPLPopErrorHandler ();
      if (ok)
        {
          box[0] = clip.env.MinX, box[1] = clip.env.MinY, box[2] = clip.env.MaxX, box[3] = clip.env.MaxY;
          bounded = TRUE;
        }
      clip_clear (&clip);
      if (!ok)
        return NULL;
    }
  table = pv_vector_layer_read_table (layer, bounded ? box : NULL,
                                      progress != NULL ? progress_part : NULL, &reading,
                                      cancellable, error);
  if (table == NULL)
    return NULL;
  return compute_loaded (table, crs, field, scope,
                         progress != NULL ? progress_part : NULL, &measuring, cancellable, error);
}

PvLanduseStats *
pv_landuse_stats_compute (PvVectorLayer  *layer,
                          const char     *field,
                          PvLanduseScope *scope,
                          PvProgressFunc  progress,
                          gpointer        progress_data,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_return_val_if_fail (PV_IS_VECTOR_LAYER (layer), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return compute (layer, pv_layer_get_crs (PV_LAYER (layer)), field, scope,
                  progress, progress_data, cancellable, error);
}

/* ---------------------------------------------------------------- async */

typedef struct
{
  PvVectorLayer   *layer;
  PvCrs           *crs;
  char            *field;
  PvLanduseScope  *scope;
  PvProgressFunc   progress;
  gpointer         progress_data;
  GMainContext    *context;
  GMutex           mutex;
  double           fraction;
  char            *what;
  gboolean         idle_pending;
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  g_clear_object (&data->layer);
  g_clear_object (&data->crs);
  g_clear_pointer (&data->field, g_free);
  g_clear_pointer (&data->scope, pv_landuse_scope_unref);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_clear_pointer (&data->what, g_free);
  g_mutex_clear (&data->mutex);
  g_free (data);
}

static gboolean
progress_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  ComputeData *data = g_task_get_task_data (task);
  g_autofree char *what = NULL;
  double fraction;

  g_mutex_lock (&data->mutex);
  data->idle_pending = FALSE;
  fraction = data->fraction;
  what = g_strdup (data->what);
  g_mutex_unlock (&data->mutex);

  if (!g_task_get_completed (task) && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    data->progress (fraction, what, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
worker_progress_cb (double      fraction,
                    const char *what,
                    gpointer    user_data)
{
  GTask *task = user_data;
  ComputeData *data = g_task_get_task_data (task);
  gboolean schedule;

  g_mutex_lock (&data->mutex);
  data->fraction = fraction;
  if (g_strcmp0 (data->what, what) != 0)
    {
      g_free (data->what);
      data->what = g_strdup (what);
    }
  schedule = !data->idle_pending;
  data->idle_pending = TRUE;
  g_mutex_unlock (&data->mutex);

  if (schedule)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, progress_idle_cb, g_object_ref (task), g_object_unref);
      g_source_set_static_name (source, "[planviewer] land-use stats progress");
      g_source_attach (source, data->context);
      g_source_unref (source);
    }
}

static void
compute_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;
  GError *error = NULL;
  PvLanduseStats *stats;

  stats = compute (data->layer, data->crs, data->field, data->scope,
                   data->progress ? worker_progress_cb : NULL, task,
                   cancellable, &error);
  /* The caller may expect the layer to be free once the result is in. */
  g_clear_object (&data->layer);
  if (stats == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stats, g_object_unref);
}

void
pv_landuse_stats_compute_async (PvVectorLayer       *layer,
                                const char          *field,
                                PvLanduseScope      *scope,
                                PvProgressFunc       progress,
                                gpointer             progress_data,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (PV_IS_VECTOR_LAYER (layer));
  g_return_if_fail (field != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pv_landuse_stats_compute_async);
  g_task_set_name (task, "[planviewer] land-use stats");
  data = g_new0 (ComputeData, 1);
  data->layer = g_object_ref (layer);
  data->crs = pv_layer_get_crs (PV_LAYER (layer)) ? g_object_ref (pv_layer_get_crs (PV_LAYER (layer))) : NULL;
  data->field = g_strdup (field);
  data->scope = scope ? pv_landuse_scope_ref (scope) : pv_landuse_scope_new_all ();
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_mutex_init (&data->mutex);
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  pv_task_run_in_thread (task, compute_worker);
}

PvLanduseStats *
pv_landuse_stats_compute_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pv_landuse_stats_compute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
