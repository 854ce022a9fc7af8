/* pv-bookmark.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pv-bookmark.h"
#include "pv-error.h"
#include "pv-project-private.h"
#include "pv-transform.h"
#include "pv-vector-layer.h"

/* Segments per edge when an extent is transformed: a curved edge then lies
 * within a few millimetres of the box around the samples, even for a whole
 * province in degrees. */
#define EDGE_SEGMENTS 256

/* Sources */

/* A GDAL connection string ("PG:dbname=…", "WFS:https://…") or a virtual
 * file system path: not a file name to resolve. */
static gboolean
is_path (const char *source)
{
  const char *colon, *slash;

  if (source == NULL || source[0] == '\0' || g_str_has_prefix (source, "/vsi"))
    return FALSE;
  if (g_path_is_absolute (source))
    return TRUE;
  colon = strchr (source, ':');
  slash = strchr (source, G_DIR_SEPARATOR);
  return colon == NULL || (slash != NULL && slash < colon);
}

/* The source in canonical form: absolute paths resolved ("." and ".."),
 * relative ones against base_dir (the current directory when NULL). */
static char *
canonical_source (const char *source,
                  const char *base_dir)
{
  if (!is_path (source))
    return g_strdup (source);
  return g_canonicalize_filename (source, base_dir);
}

/* PvBookmarkLayer */

G_DEFINE_BOXED_TYPE (PvBookmarkLayer, pv_bookmark_layer, pv_bookmark_layer_copy, pv_bookmark_layer_free)

PvBookmarkLayer *
pv_bookmark_layer_new (const char *source,
                       const char *source_layer,
                       const char *sublayer)
{
  PvBookmarkLayer *self;

  g_return_val_if_fail (source != NULL, NULL);

  self = g_new0 (PvBookmarkLayer, 1);
  self->source = g_strdup (source);
  self->source_layer = g_strdup (source_layer);
  self->sublayer = g_strdup (sublayer);
  return self;
}

PvBookmarkLayer *
pv_bookmark_layer_new_for_layer (PvLayer *layer)
{
  const char *field = NULL, *value = NULL;
  const char *source;

  g_return_val_if_fail (PV_IS_LAYER (layer), NULL);

  source = pv_layer_get_source (layer);
  if (PV_IS_VECTOR_LAYER (layer) && !pv_vector_layer_get_subset (PV_VECTOR_LAYER (layer), &field, &value))
    value = NULL;
  return pv_bookmark_layer_new (source != NULL ? source : "", pv_layer_get_source_layer (layer), value);
}

PvBookmarkLayer *
pv_bookmark_layer_copy (const PvBookmarkLayer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pv_bookmark_layer_new (self->source, self->source_layer, self->sublayer);
}

void
pv_bookmark_layer_free (PvBookmarkLayer *self)
{
  if (self == NULL)
    return;
  g_free (self->source);
  g_free (self->source_layer);
  g_free (self->sublayer);
  g_free (self);
}

gboolean
pv_bookmark_layer_equal (const PvBookmarkLayer *a,
                         const PvBookmarkLayer *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->source, b->source) == 0 &&
         g_strcmp0 (a->source_layer, b->source_layer) == 0 &&
         g_strcmp0 (a->sublayer, b->sublayer) == 0;
}

gboolean
pv_bookmark_layer_matches (const PvBookmarkLayer *self,
                           PvLayer               *layer)
{
  g_autoptr(PvBookmarkLayer) other = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (PV_IS_LAYER (layer), FALSE);

  other = pv_bookmark_layer_new_for_layer (layer);
  /* No layer name ("layer": null, as a project's own layer entries may be
   * written): whichever layer GDAL opened from the source. */
  if ((self->source_layer != NULL && g_strcmp0 (self->source_layer, other->source_layer) != 0) ||
      g_strcmp0 (self->sublayer, other->sublayer) != 0)
    return FALSE;
  if (g_strcmp0 (self->source, other->source) == 0)
    return TRUE;
  a = canonical_source (self->source, NULL);
  b = canonical_source (other->source, NULL);
  return g_strcmp0 (a, b) == 0;
}

/* PvBookmark */

struct _PvBookmark
{
  GObject    parent_instance;

  char      *name;
  char      *subtitle;
  char      *notes;
  PvCrs     *crs;
  double     extent[4];
  GPtrArray *layers;   /* PvBookmarkLayer */
  /* Compare (issue 8): PV_BOOKMARK_COMPARE_*, and group B's layers. */
  int        compare_mode;
  GPtrArray *compare_layers;   /* PvBookmarkLayer */
};

G_DEFINE_FINAL_TYPE (PvBookmark, pv_bookmark, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SUBTITLE,
  PROP_NOTES,
  PROP_CRS,
  PROP_XMIN,
  PROP_YMIN,
  PROP_XMAX,
  PROP_YMAX,
  PROP_LAYERS,
  PROP_COMPARE_MODE,
  PROP_COMPARE_LAYERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pv_bookmark_finalize (GObject *object)
{
  PvBookmark *self = PV_BOOKMARK (object);

  g_free (self->name);
  g_free (self->subtitle);
  g_free (self->notes);
  g_clear_object (&self->crs);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->compare_layers, g_ptr_array_unref);

  G_OBJECT_CLASS (pv_bookmark_parent_class)->finalize (object);
}

static void
pv_bookmark_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PvBookmark *self = PV_BOOKMARK (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_CRS:
      g_value_set_object (value, self->crs);
      break;
    case PROP_XMIN:
    case PROP_YMIN:
    case PROP_XMAX:
    case PROP_YMAX:
      g_value_set_double (value, self->extent[prop_id - PROP_XMIN]);
      break;
    case PROP_LAYERS:
      g_value_set_boxed (value, self->layers);
      break;
    case PROP_COMPARE_MODE:
      g_value_set_int (value, self->compare_mode);
      break;
    case PROP_COMPARE_LAYERS:
      g_value_set_boxed (value, self->compare_layers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_bookmark_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PvBookmark *self = PV_BOOKMARK (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pv_bookmark_set_name (self, g_value_get_string (value));
      break;
    case PROP_SUBTITLE:
      pv_bookmark_set_subtitle (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      pv_bookmark_set_notes (self, g_value_get_string (value));
      break;
    case PROP_CRS:
      pv_bookmark_set_crs (self, g_value_get_object (value));
      break;
    case PROP_COMPARE_MODE:
      pv_bookmark_set_compare_mode (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_bookmark_class_init (PvBookmarkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *extent_names[] = { "xmin", "ymin", "xmax", "ymax" };

  object_class->finalize = pv_bookmark_finalize;
  object_class->get_property = pv_bookmark_get_property;
  object_class->set_property = pv_bookmark_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CRS] =
    g_param_spec_object ("crs", NULL, NULL, PV_TYPE_CRS,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  for (guint i = 0; i < 4; i++)
    properties[PROP_XMIN + i] =
      g_param_spec_double (extent_names[i], NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAYERS] =
    g_param_spec_boxed ("layers", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COMPARE_MODE] =
    g_param_spec_int ("compare-mode", NULL, NULL,
                      PV_BOOKMARK_COMPARE_NONE, PV_BOOKMARK_COMPARE_SPYGLASS, PV_BOOKMARK_COMPARE_NONE,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COMPARE_LAYERS] =
    g_param_spec_boxed ("compare-layers", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pv_bookmark_init (PvBookmark *self)
{
  self->name = g_strdup ("");
  self->extent[2] = self->extent[3] = 1;
  self->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_bookmark_layer_free);
  self->compare_layers = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_bookmark_layer_free);
}

PvBookmark *
pv_bookmark_new (const char *name,
                 PvCrs      *crs,
                 double      xmin,
                 double      ymin,
                 double      xmax,
                 double      ymax)
{
  PvBookmark *self = g_object_new (PV_TYPE_BOOKMARK, "name", name, "crs", crs, NULL);

  pv_bookmark_set_extent (self, xmin, ymin, xmax, ymax);
  return self;
}

static GPtrArray *
visible_layers (PvMap *map)
{
  GPtrArray *layers = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_bookmark_layer_free);

  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    {
      PvLayer *layer = pv_map_get_layer (map, i);

      if (pv_layer_get_visible (layer) && pv_layer_get_source (layer) != NULL)
        g_ptr_array_add (layers, pv_bookmark_layer_new_for_layer (layer));
    }
  return layers;
}

void
pv_bookmark_update_from_view (PvBookmark *self,
                              PvMap      *map,
                              PvViewport *viewport)
{
  g_autoptr(GPtrArray) layers = NULL;
  double e[4];

  g_return_if_fail (PV_IS_BOOKMARK (self));
  g_return_if_fail (PV_IS_MAP (map));
  g_return_if_fail (PV_IS_VIEWPORT (viewport));
  g_return_if_fail (pv_viewport_get_width (viewport) > 0 && pv_viewport_get_height (viewport) > 0);

  pv_viewport_get_extent (viewport, &e[0], &e[1], &e[2], &e[3]);
  layers = visible_layers (map);

  g_object_freeze_notify (G_OBJECT (self));
  pv_bookmark_set_crs (self, pv_map_get_crs (map));
  pv_bookmark_set_extent (self, e[0], e[1], e[2], e[3]);
  pv_bookmark_set_layers (self, (PvBookmarkLayer **) layers->pdata, layers->len);
  g_object_thaw_notify (G_OBJECT (self));
}

PvBookmark *
pv_bookmark_new_from_view (const char *name,
                           PvMap      *map,
                           PvViewport *viewport)
{
  PvBookmark *self;

  g_return_val_if_fail (PV_IS_MAP (map), NULL);
  g_return_val_if_fail (PV_IS_VIEWPORT (viewport), NULL);

  self = g_object_new (PV_TYPE_BOOKMARK, "name", name, NULL);
  pv_bookmark_update_from_view (self, map, viewport);
  return self;
}

PvBookmark *
pv_bookmark_copy (PvBookmark *self)
{
  PvBookmark *copy;

  g_return_val_if_fail (PV_IS_BOOKMARK (self), NULL);

  copy = pv_bookmark_new (self->name, self->crs,
                          self->extent[0], self->extent[1], self->extent[2], self->extent[3]);
  pv_bookmark_set_subtitle (copy, self->subtitle);
  pv_bookmark_set_notes (copy, self->notes);
  pv_bookmark_set_layers (copy, (PvBookmarkLayer **) self->layers->pdata, self->layers->len);
  pv_bookmark_set_compare_mode (copy, self->compare_mode);
  pv_bookmark_set_compare_layers (copy, (PvBookmarkLayer **) self->compare_layers->pdata,
                                  self->compare_layers->len);
  return copy;
}

static gboolean
layer_arrays_equal (GPtrArray *a,
                    GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!pv_bookmark_layer_equal (a->pdata[i], b->pdata[i]))
      return FALSE;
  return TRUE;
}

gboolean
pv_bookmark_equal (PvBookmark *a,
                   PvBookmark *b)
{
  g_return_val_if_fail (PV_IS_BOOKMARK (a), FALSE);
  g_return_val_if_fail (PV_IS_BOOKMARK (b), FALSE);

  if (g_strcmp0 (a->name, b->name) != 0 ||
      g_strcmp0 (a->subtitle, b->subtitle) != 0 ||
      g_strcmp0 (a->notes, b->notes) != 0)
    return FALSE;
  if ((a->crs == NULL) != (b->crs == NULL) ||
      (a->crs != NULL && !pv_crs_equals (a->crs, b->crs)))
    return FALSE;
  if (memcmp (a->extent, b->extent, sizeof a->extent) != 0)
    return FALSE;
  if (a->layers->len != b->layers->len)
    return FALSE;
  for (guint i = 0; i < a->layers->len; i++)
    if (!pv_bookmark_layer_equal (a->layers->pdata[i], b->layers->pdata[i]))
      return FALSE;
  if (a->compare_mode != b->compare_mode || !layer_arrays_equal (a->compare_layers, b->compare_layers))
    return FALSE;
  return TRUE;
}

const char *
pv_bookmark_get_name (PvBookmark *self)
{
  g_return_val_if_fail (PV_IS_BOOKMARK (self), NULL);

  return self->name;
}

void
pv_bookmark_set_name (PvBookmark *self,
                      const char *name)
{
  g_return_if_fail (PV_IS_BOOKMARK (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

static void
set_optional_string (PvBookmark  *self,
                     char       **field,
                     const char  *value,
                     guint        prop_id)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

const char *
pv_bookmark_get_subtitle (PvBookmark *self)
{
  g_return_val_if_fail (PV_IS_BOOKMARK (self), NULL);

  return self->subtitle;
}

void
pv_bookmark_set_subtitle (PvBookmark *self,
                          const char *subtitle)
{
  g_return_if_fail (PV_IS_BOOKMARK (self));

  set_optional_string (self, &self->subtitle, subtitle, PROP_SUBTITLE);
}

const char *
pv_bookmark_get_notes (PvBookmark *self)
{
  g_return_val_if_fail (PV_IS_BOOKMARK (self), NULL);

  return self->notes;
}

void
pv_bookmark_set_notes (PvBookmark *self,
                       const char *notes)
{
  g_return_if_fail (PV_IS_BOOKMARK (self));

  set_optional_string (self, &self->notes, notes, PROP_NOTES);
}

PvCrs *
pv_bookmark_get_crs (PvBookmark *self)
{
  g_return_val_if_fail (PV_IS_BOOKMARK (self), NULL);

  return self->crs;
}

void
pv_bookmark_set_crs (PvBookmark *self,
                     PvCrs      *crs)
{
  g_return_if_fail (PV_IS_BOOKMARK (self));
  g_return_if_fail (crs == NULL || PV_IS_CRS (crs));

  if (g_set_object (&self->crs, crs))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CRS]);
}

void
pv_bookmark_get_extent (PvBookmark *self,
                        double      out[4])
{
  g_return_if_fail (PV_IS_BOOKMARK (self));

  memcpy (out, self->extent, sizeof self->extent);
}

void
pv_bookmark_set_extent (PvBookmark *self,
                        double      xmin,
                        double      ymin,
                        double      xmax,
                        double      ymax)
{
  double e[4] = { xmin, ymin, xmax, ymax };

  g_return_if_fail (PV_IS_BOOKMARK (self));
  g_return_if_fail (isfinite (xmin) && isfinite (ymin) && isfinite (xmax) && isfinite (ymax));
  g_return_if_fail (xmin < xmax && ymin < ymax);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < 4; i++)
    if (self->extent[i] != e[i])
      {
        self->extent[i] = e[i];
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_XMIN + i]);
      }
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
pv_bookmark_get_extent_in (PvBookmark  *self,
                           PvCrs       *crs,
                           double       out[4],
                           GError     **error)
{
  g_autoptr(PvTransform) transform = NULL;
  g_autofree double *xy = NULL;
  const double *e;
  double box[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
  guint n = 4 * EDGE_SEGMENTS;

  g_return_val_if_fail (PV_IS_BOOKMARK (self), FALSE);
  g_return_val_if_fail (crs == NULL || PV_IS_CRS (crs), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  e = self->extent;
  if (crs == NULL || self->crs == NULL || crs == self->crs || pv_crs_equals (crs, self->crs))
    {
      memcpy (out, e, sizeof self->extent);
      return TRUE;
    }
  if (!(transform = pv_transform_new (self->crs, crs, error)))
    return FALSE;

  /* The boundary, walked anticlockwise from the lower left corner; a
   * projection bends straight edges, so each is sampled densely. */
  xy = g_new (double, 2 * n);
  for (guint i = 0; i < EDGE_SEGMENTS; i++)
    {
      double t = (double) i / EDGE_SEGMENTS;
      double *p = xy + 2 * i;

      p[0] = e[0] + t * (e[2] - e[0]);                       /* bottom */
      p[1] = e[1];
      p[2 * EDGE_SEGMENTS + 0] = e[2];                       /* right */
      p[2 * EDGE_SEGMENTS + 1] = e[1] + t * (e[3] - e[1]);
      p[4 * EDGE_SEGMENTS + 0] = e[2] - t * (e[2] - e[0]);   /* top */
      p[4 * EDGE_SEGMENTS + 1] = e[3];
      p[6 * EDGE_SEGMENTS + 0] = e[0];                       /* left */
      p[6 * EDGE_SEGMENTS + 1] = e[3] - t * (e[3] - e[1]);
    }
  pv_transform_points_interleaved (transform, xy, n);
  for (guint i = 0; i < n; i++)
    {
      double x = xy[2 * i], y = xy[2 * i + 1];

      if (!isfinite (x) || !isfinite (y))
        continue;
      box[0] = MIN (box[0], x);
      box[1] = MIN (box[1], y);
      box[2] = MAX (box[2], x);
      box[3] = MAX (box[3], y);
    }
  if (!(box[0] < box[2] && box[1] < box[3]))
    {
      g_autofree char *from = pv_crs_dup_label (self->crs);
      g_autofree char *to = pv_crs_dup_label (crs);

      g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_FAILED,
                   /* Translators: a bookmark name, then two CRSs, e.g. "EPSG:9210". */
                   _("The view of bookmark “%s” cannot be transformed from %s to %s"),
                   self->name, from, to);
      return FALSE;
    }
  memcpy (out, box, sizeof box);
  return TRUE;
}

guint
pv_bookmark_get_n_layers (PvBookmark *self)
{
  g_return_val_if_fail (PV_IS_BOOKMARK (self), 0);

  return self->layers->len;
}

const PvBookmarkLayer *
pv_bookmark_get_layer (PvBookmark *self,
                       guint       index)
{
  g_return_val_if_fail (PV_IS_BOOKMARK (self), NULL);
  g_return_val_if_fail (index < self->layers->len, NULL);

  return self->layers->pdata[index];
}

/* Replaces *array with copies of layers[0..n); FALSE when they are equal. */
static gboolean
replace_layers (GPtrArray       **array,
                PvBookmarkLayer **layers,
                guint             n)
{
  g_autoptr(GPtrArray) copy = NULL;
  gboolean same;

  same = n == (*array)->len;
  for (guint i = 0; same && i < n; i++)
    same = pv_bookmark_layer_equal (layers[i], (*array)->pdata[i]);
  if (same)
    return FALSE;
  /* layers may be our own array's contents: copy before clearing. */
  copy = g_ptr_array_new_full (n, (GDestroyNotify) pv_bookmark_layer_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (copy, pv_bookmark_layer_copy (layers[i]));
  g_ptr_array_unref (*array);
  *array = g_steal_pointer (&copy);
  return TRUE;
}

void
pv_bookmark_set_layers (PvBookmark       *self,
                        PvBookmarkLayer **layers,
                        guint             n)
{
  g_return_if_fail (PV_IS_BOOKMARK (self));
  g_return_if_fail (n == 0 || layers != NULL);

  if (replace_layers (&self->layers, layers, n))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYERS]);
}

gboolean
pv_bookmark_apply_layers (PvBookmark *self,
                          PvMap      *map)
{
  guint n_layers;
  g_autofree gboolean *found = NULL;
  gboolean all_found = TRUE;

  g_return_val_if_fail (PV_IS_BOOKMARK (self), FALSE);
  g_return_val_if_fail (PV_IS_MAP (map), FALSE);

  found = g_new0 (gboolean, self->layers->len + 1);
  n_layers = pv_map_get_n_layers (map);
  for (guint i = 0; i < n_layers; i++)
    {
      PvLayer *layer = pv_map_get_layer (map, i);
      gboolean visible = FALSE;

      for (guint k = 0; k < self->layers->len; k++)
        if (pv_bookmark_layer_matches (self->layers->pdata[k], layer))
          {
            visible = TRUE;
            found[k] = TRUE;
          }
      pv_layer_set_visible (layer, visible);
    }
  for (guint k = 0; k < self->layers->len; k++)
    all_found = all_found && found[k];
  return all_found;
}

/* Compare */

int
pv_bookmark_get_compare_mode (PvBookmark *self)
{
  g_return_val_if_fail (PV_IS_BOOKMARK (self), PV_BOOKMARK_COMPARE_NONE);

  return self->compare_mode;
}

void
pv_bookmark_set_compare_mode (PvBookmark *self,
                              int         mode)
{
  g_return_if_fail (PV_IS_BOOKMARK (self));
  g_return_if_fail (mode >= PV_BOOKMARK_COMPARE_NONE && mode <= PV_BOOKMARK_COMPARE_SPYGLASS);

  if (self->compare_mode == mode)
    return;
  self->compare_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_MODE]);
}

PvBookmarkLayer **
pv_bookmark_get_compare_layers (PvBookmark *self,
                                guint      *n)
{
  g_return_val_if_fail (PV_IS_BOOKMARK (self), NULL);

  if (n != NULL)
    *n = self->compare_layers->len;
  return (PvBookmarkLayer **) self->compare_layers->pdata;
}

void
pv_bookmark_set_compare_layers (PvBookmark       *self,
                                PvBookmarkLayer **layers,
                                guint             n)
{
  g_return_if_fail (PV_IS_BOOKMARK (self));
  g_return_if_fail (n == 0 || layers != NULL);

  if (replace_layers (&self->compare_layers, layers, n))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_LAYERS]);
}

PvMap *
pv_bookmark_dup_compare_map (PvBookmark *self,
                             PvMap      *map)
{
  g_autoptr(PvMap) copy = NULL;
  g_autoptr(GPtrArray) shown = NULL;

  g_return_val_if_fail (PV_IS_BOOKMARK (self), NULL);
  g_return_val_if_fail (PV_IS_MAP (map), NULL);

  copy = pv_map_copy (map);
  shown = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    {
      PvLayer *layer = pv_map_get_layer (map, i);

      for (guint k = 0; k < self->compare_layers->len; k++)
        if (pv_bookmark_layer_matches (self->compare_layers->pdata[k], layer))
          {
            g_ptr_array_add (shown, g_object_ref (layer));
            break;
          }
    }
  pv_map_set_shown_layers (copy, shown);
  return g_steal_pointer (&copy);
}

/* PvBookmarkList */

struct _PvBookmarkList
{
  GObject    parent_instance;

  GPtrArray *items;   /* PvBookmark */
};

static void pv_bookmark_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PvBookmarkList, pv_bookmark_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pv_bookmark_list_model_init))

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
pv_bookmark_list_get_item_type (GListModel *model)
{
  return PV_TYPE_BOOKMARK;
}

static guint
pv_bookmark_list_get_n_items (GListModel *model)
{
  return PV_BOOKMARK_LIST (model)->items->len;
}

static gpointer
pv_bookmark_list_get_item (GListModel *model,
                           guint       position)
{
  PvBookmarkList *self = PV_BOOKMARK_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (self->items->pdata[position]);
}

static void
pv_bookmark_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pv_bookmark_list_get_item_type;
  iface->get_n_items = pv_bookmark_list_get_n_items;
  iface->get_item = pv_bookmark_list_get_item;
}

static void
bookmark_notify_cb (PvBookmarkList *self,
                    GParamSpec     *pspec,
                    PvBookmark     *bookmark)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
release_bookmark (gpointer data,
                  gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (data, bookmark_notify_cb, user_data);
}

static void
pv_bookmark_list_dispose (GObject *object)
{
  PvBookmarkList *self = PV_BOOKMARK_LIST (object);

  if (self->items != NULL)
    g_ptr_array_foreach (self->items, release_bookmark, self);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (pv_bookmark_list_parent_class)->dispose (object);
}

static void
pv_bookmark_list_class_init (PvBookmarkListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pv_bookmark_list_dispose;

  /* Something to save changed: the list or one of its bookmarks. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pv_bookmark_list_init (PvBookmarkList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

PvBookmarkList *
pv_bookmark_list_new (void)
{
  return g_object_new (PV_TYPE_BOOKMARK_LIST, NULL);
}

PvBookmark *
pv_bookmark_list_get_bookmark (PvBookmarkList *self,
                               guint           position)
{
  g_return_val_if_fail (PV_IS_BOOKMARK_LIST (self), NULL);

  if (position >= self->items->len)
    return NULL;
  return self->items->pdata[position];
}

static void
items_changed (PvBookmarkList *self,
               guint           position,
               guint           removed,
               guint           added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
pv_bookmark_list_insert (PvBookmarkList *self,
                         guint           position,
                         PvBookmark     *bookmark)
{
  g_return_if_fail (PV_IS_BOOKMARK_LIST (self));
  g_return_if_fail (PV_IS_BOOKMARK (bookmark));

  position = MIN (position, self->items->len);
  g_ptr_array_insert (self->items, position, g_object_ref (bookmark));
  g_signal_connect_object (bookmark, "notify", G_CALLBACK (bookmark_notify_cb), self, G_CONNECT_SWAPPED);
  items_changed (self, position, 0, 1);
}

void
pv_bookmark_list_add (PvBookmarkList *self,
                      PvBookmark     *bookmark)
{
  g_return_if_fail (PV_IS_BOOKMARK_LIST (self));

  pv_bookmark_list_insert (self, self->items->len, bookmark);
}

void
pv_bookmark_list_remove (PvBookmarkList *self,
                         guint           position)
{
  g_return_if_fail (PV_IS_BOOKMARK_LIST (self));
  g_return_if_fail (position < self->items->len);

  release_bookmark (self->items->pdata[position], self);
  g_ptr_array_remove_index (self->items, position);
  items_changed (self, position, 1, 0);
}

void
pv_bookmark_list_remove_all (PvBookmarkList *self)
{
  guint n;

  g_return_if_fail (PV_IS_BOOKMARK_LIST (self));

  n = self->items->len;
  if (n == 0)
    return;
  g_ptr_array_foreach (self->items, release_bookmark, self);
  g_ptr_array_set_size (self->items, 0);
  items_changed (self, 0, n, 0);
}

void
pv_bookmark_list_move (PvBookmarkList *self,
                       guint           from,
                       guint           to)
{
  gpointer item;
  guint first, n;

  g_return_if_fail (PV_IS_BOOKMARK_LIST (self));
  g_return_if_fail (from < self->items->len);
  g_return_if_fail (to < self->items->len);

  if (from == to)
    return;
  item = g_ptr_array_steal_index (self->items, from);
  g_ptr_array_insert (self->items, to, item);
  first = MIN (from, to);
  n = MAX (from, to) - first + 1;
  items_changed (self, first, n, n);
}

gboolean
pv_bookmark_list_get_position (PvBookmarkList *self,
                               PvBookmark     *bookmark,
                               guint          *position)
{
  g_return_val_if_fail (PV_IS_BOOKMARK_LIST (self), FALSE);

  return g_ptr_array_find (self->items, bookmark, position);
}

static gboolean
has_name (PvBookmarkList *self,
          const char     *name)
{
  for (guint i = 0; i < self->items->len; i++)
    if (g_strcmp0 (pv_bookmark_get_name (self->items->pdata[i]), name) == 0)
      return TRUE;
  return FALSE;
}

char *
pv_bookmark_list_dup_next_name (PvBookmarkList *self)
{
  g_return_val_if_fail (PV_IS_BOOKMARK_LIST (self), NULL);

  /* One more than there are, so a list of three gets "Bookmark 4" even
   * when its first was renamed; skipping names in use. */
  for (guint n = self->items->len + 1; ; n++)
    {
      /* Translators: the default name of a new bookmark (a saved view). */
      g_autofree char *name = g_strdup_printf (_("Bookmark %u"), n);

      if (!has_name (self, name))
        return g_steal_pointer (&name);
    }
}

/* JSON */

static void
add_optional_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static char *
relative_source (const char *project_dir,
                 const char *source)
{
  g_autofree char *canonical = NULL;

  if (project_dir == NULL || !is_path (source) || !g_path_is_absolute (source))
    return g_strdup (source);
  /* The same form as the project's own layer sources ("../data/x.shp"). */
  canonical = canonical_source (source, NULL);
  return _pv_project_relative_source (project_dir, canonical);
}

static void
add_layers (JsonBuilder *builder,
            GPtrArray   *layers,
            const char  *dir)
{
  json_builder_begin_array (builder);
  for (guint k = 0; k < layers->len; k++)
    {
      const PvBookmarkLayer *layer = layers->pdata[k];
      g_autofree char *source = relative_source (dir, layer->source);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, source);
      add_optional_string (builder, "layer", layer->source_layer);
      add_optional_string (builder, "sublayer", layer->sublayer);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
pv_bookmark_list_to_json (PvBookmarkList *self,
                          const char     *project_dir)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *dir = NULL;

  g_return_val_if_fail (PV_IS_BOOKMARK_LIST (self), NULL);

  if (project_dir != NULL)
    dir = g_canonicalize_filename (project_dir, NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    {
      PvBookmark *bookmark = self->items->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, bookmark->name);
      if (bookmark->subtitle != NULL)
        {
          json_builder_set_member_name (builder, "subtitle");
          json_builder_add_string_value (builder, bookmark->subtitle);
        }
      if (bookmark->notes != NULL)
        {
          json_builder_set_member_name (builder, "notes");
          json_builder_add_string_value (builder, bookmark->notes);
        }
      json_builder_set_member_name (builder, "crs");
      if (bookmark->crs == NULL)
        json_builder_add_null_value (builder);
      else
        {
          g_autofree char *definition = pv_crs_dup_definition (bookmark->crs);

          json_builder_add_string_value (builder, definition);
        }
      json_builder_set_member_name (builder, "extent");
      json_builder_begin_array (builder);
      for (guint k = 0; k < 4; k++)
        json_builder_add_double_value (builder, bookmark->extent[k]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "layers");
      add_layers (builder, bookmark->layers, dir);
      /* Absent when off, so that older projects save unchanged. */
      if (bookmark->compare_mode != PV_BOOKMARK_COMPARE_NONE)
        {
          json_builder_set_member_name (builder, "compare");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "mode");
          json_builder_add_string_value (builder,
                                         bookmark->compare_mode == PV_BOOKMARK_COMPARE_SWIPE
                                         ? "swipe" : "spyglass");
          json_builder_set_member_name (builder, "layers");
          add_layers (builder, bookmark->compare_layers, dir);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/* A string member, or NULL when absent or null; FALSE when of another type. */
static gboolean
get_optional_string (JsonObject  *object,
                     const char  *member,
                     const char **value)
{
  JsonNode *node;

  *value = NULL;
  if (!json_object_has_member (object, member))
    return TRUE;
  node = json_object_get_member (object, member);
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_DOUBLE || type == G_TYPE_INT64;
}

/* The "layers" member of object (a bookmark, or its "compare"), an empty list
 * when absent or null; NULL with error when malformed. */
static GPtrArray *
layers_from_json (JsonObject  *object,
                  const char  *name,
                  gboolean     compare,
                  const char  *project_dir,
                  GError     **error)
{
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_bookmark_layer_free);
  JsonArray *array;

  if (!json_object_has_member (object, "layers") ||
      JSON_NODE_HOLDS_NULL (json_object_get_member (object, "layers")))
    return g_steal_pointer (&layers);

  if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "layers")))
    {
      if (compare)
        g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                     _("Bookmark “%s”: the compared layers are not a list"), name);
      else
        g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                     _("Bookmark “%s”: the layers are not a list"), name);
      return NULL;
    }
  array = json_object_get_array_member (object, "layers");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *source = NULL, *source_layer = NULL, *sublayer = NULL;
      g_autofree char *resolved = NULL;

      if (entry == NULL ||
          !get_optional_string (entry, "source", &source) || source == NULL || source[0] == '\0' ||
          !get_optional_string (entry, "layer", &source_layer) ||
          !get_optional_string (entry, "sublayer", &sublayer))
        {
          if (compare)
            g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                         /* Translators: a bookmark name, then the layer's number in its list. */
                         _("Bookmark “%s”: compared layer %u has no source file"), name, i + 1);
          else
            g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                         /* Translators: a bookmark name, then the layer's number in its list. */
                         _("Bookmark “%s”: layer %u has no source file"), name, i + 1);
          return NULL;
        }
      resolved = is_path (source) && !g_path_is_absolute (source) && project_dir != NULL
                 ? canonical_source (source, project_dir) : g_strdup (source);
      g_ptr_array_add (layers, pv_bookmark_layer_new (resolved, source_layer, sublayer));
    }
  return g_steal_pointer (&layers);
}

static PvBookmark *
bookmark_from_json (JsonNode    *node,
                    guint        index,
                    const char  *project_dir,
                    GError     **error)
{
  g_autoptr(PvBookmark) bookmark = NULL;
  g_autoptr(PvCrs) crs = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GPtrArray) compare_layers = NULL;
  int compare_mode = PV_BOOKMARK_COMPARE_NONE;
  JsonObject *object;
  JsonArray *array;
  const char *name, *subtitle, *notes, *definition;
  double e[4];

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("Bookmark %u is not a JSON object"), index + 1);
      return NULL;
    }
  object = json_node_get_object (node);
  if (!get_optional_string (object, "name", &name) || name == NULL)
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("Bookmark %u has no name"), index + 1);
      return NULL;
    }
  if (!get_optional_string (object, "subtitle", &subtitle) ||
      !get_optional_string (object, "notes", &notes))
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("Bookmark “%s”: the subtitle or the notes are not text"), name);
      return NULL;
    }
  if (!get_optional_string (object, "crs", &definition))
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("Bookmark “%s”: the coordinate system is not text"), name);
      return NULL;
    }
  if (definition != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!(crs = pv_crs_new_from_user_input (definition, &local_error)))
        {
          g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                       /* Translators: a bookmark name, then PROJ's explanation. */
                       _("Bookmark “%s”: the coordinate system is not valid (%s)"),
                       name, local_error->message);
          return NULL;
        }
    }

  array = json_object_has_member (object, "extent") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "extent"))
          ? json_object_get_array_member (object, "extent") : NULL;
  if (array == NULL || json_array_get_length (array) != 4)
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("Bookmark “%s”: the extent is not four numbers"), name);
      return NULL;
    }
  for (guint i = 0; i < 4; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!is_number (element) || !isfinite (e[i] = json_node_get_double (element)))
        {
          g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                       _("Bookmark “%s”: the extent is not four numbers"), name);
          return NULL;
        }
    }
  if (!(e[0] < e[2] && e[1] < e[3]))
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("Bookmark “%s”: the extent is empty (its minimum is not below its maximum)"), name);
      return NULL;
    }

  layers = layers_from_json (object, name, FALSE, project_dir, error);
  if (layers == NULL)
    return NULL;

  if (json_object_has_member (object, "compare") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "compare")))
    {
      JsonNode *compare = json_object_get_member (object, "compare");
      JsonObject *compare_object = JSON_NODE_HOLDS_OBJECT (compare) ? json_node_get_object (compare) : NULL;
      const char *mode = NULL;

      if (compare_object == NULL || !get_optional_string (compare_object, "mode", &mode) ||
          (g_strcmp0 (mode, "swipe") != 0 && g_strcmp0 (mode, "spyglass") != 0))
        {
          g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                       /* Translators: "swipe" and "spyglass" are JSON values: keep them. */
                       _("Bookmark “%s”: the compare mode is not “swipe” or “spyglass”"), name);
          return NULL;
        }
      compare_mode = g_str_equal (mode, "swipe") ? PV_BOOKMARK_COMPARE_SWIPE : PV_BOOKMARK_COMPARE_SPYGLASS;
      compare_layers = layers_from_json (compare_object, name, TRUE, project_dir, error);
      if (compare_layers == NULL)
        return NULL;
    }

  bookmark = pv_bookmark_new (name, crs, e[0], e[1], e[2], e[3]);
  pv_bookmark_set_subtitle (bookmark, subtitle);
  pv_bookmark_set_notes (bookmark, notes);
  pv_bookmark_set_layers (bookmark, (PvBookmarkLayer **) layers->pdata, layers->len);
  pv_bookmark_set_compare_mode (bookmark, compare_mode);
  if (compare_layers != NULL)
    pv_bookmark_set_compare_layers (bookmark, (PvBookmarkLayer **) compare_layers->pdata,
                                    compare_layers->len);
  return g_steal_pointer (&bookmark);
}

PvBookmarkList *
pv_bookmark_list_new_from_json (JsonNode    *node,
                                const char  *project_dir,
                                GError     **error)
{
  g_autoptr(PvBookmarkList) list = pv_bookmark_list_new ();
  g_autofree char *dir = NULL;
  JsonArray *array;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&list);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                           _("The bookmarks are not a list"));
      return NULL;
    }
  if (project_dir != NULL)
    dir = g_canonicalize_filename (project_dir, NULL);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(PvBookmark) bookmark = bookmark_from_json (json_array_get_element (array, i), i, dir, error);

      if (bookmark == NULL)
        return NULL;
      pv_bookmark_list_add (list, bookmark);
    }
  return g_steal_pointer (&list);
}
