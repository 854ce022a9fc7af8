/* pv-map.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pv-annotation.h"
#include "pv-bookmark.h"
#include "pv-map.h"
#include "pv-print-layout.h"

struct _PvMap
{
  GObject     parent_instance;

  GListStore *layers;
  PvCrs      *crs;      /* set explicitly, or NULL: the first known layer CRS */
  char       *title;
  PvAnnotationSet *annotations; /* created on demand */
  PvBookmarkList  *bookmarks;   /* created on demand */
  GHashTable      *shown;       /* PvLayer*, or NULL: the visible flags */
  GListStore      *layouts;     /* PvPrintLayout*, created on demand */
};

G_DEFINE_FINAL_TYPE (PvMap, pv_map, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CRS,
  PROP_TITLE,
  PROP_ANNOTATIONS,
  PROP_BOOKMARKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
layer_crs_cb (PvMap      *self,
              GParamSpec *pspec,
              PvLayer    *layer)
{
  /* The map CRS follows the first known layer CRS unless set. */
  if (self->crs == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CRS]);
}

static void
watch_layer (PvMap   *self,
             PvLayer *layer)
{
  g_signal_connect_object (layer, "notify::crs", G_CALLBACK (layer_crs_cb), self, G_CONNECT_SWAPPED);
}

static void
unwatch_layer (PvMap   *self,
               PvLayer *layer)
{
  g_signal_handlers_disconnect_by_func (layer, layer_crs_cb, self);
}

static void
pv_map_dispose (GObject *object)
{
  PvMap *self = PV_MAP (object);

  if (self->layers != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->layers));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PvLayer) layer = g_list_model_get_item (G_LIST_MODEL (self->layers), i);

          unwatch_layer (self, layer);
        }
    }
  g_clear_object (&self->layers);
  g_clear_object (&self->crs);
  g_clear_object (&self->annotations);
  g_clear_object (&self->bookmarks);

  G_OBJECT_CLASS (pv_map_parent_class)->dispose (object);
}

static void
pv_map_finalize (GObject *object)
{
  PvMap *self = PV_MAP (object);

  g_free (self->title);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_object (&self->layouts);

  G_OBJECT_CLASS (pv_map_parent_class)->finalize (object);
}

static void
pv_map_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  PvMap *self = PV_MAP (object);

  switch (prop_id)
    {
    case PROP_CRS:
      g_value_set_object (value, pv_map_get_crs (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, pv_map_get_title (self));
      break;
    case PROP_ANNOTATIONS:
      g_value_set_object (value, pv_map_get_annotations (self));
      break;
    case PROP_BOOKMARKS:
      g_value_set_object (value, pv_map_get_bookmarks (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_map_class_init (PvMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pv_map_dispose;
  object_class->finalize = pv_map_finalize;
  object_class->get_property = pv_map_get_property;

  properties[PROP_CRS] =
    g_param_spec_object ("crs", NULL, NULL, PV_TYPE_CRS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The annotation set was replaced (a project loaded): not on each edit. */
  properties[PROP_ANNOTATIONS] =
    g_param_spec_object ("annotations", NULL, NULL, PV_TYPE_ANNOTATION_SET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The bookmark list was replaced (a project loaded). */
  properties[PROP_BOOKMARKS] =
    g_param_spec_object ("bookmarks", NULL, NULL, PV_TYPE_BOOKMARK_LIST,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pv_map_init (PvMap *self)
{
  self->layers = g_list_store_new (PV_TYPE_LAYER);
}

PvMap *
pv_map_new (void)
{
  return g_object_new (PV_TYPE_MAP, NULL);
}

GListModel *
pv_map_get_layers (PvMap *self)
{
  g_return_val_if_fail (PV_IS_MAP (self), NULL);

  return G_LIST_MODEL (self->layers);
}

guint
pv_map_get_n_layers (PvMap *self)
{
  g_return_val_if_fail (PV_IS_MAP (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->layers));
}

PvLayer *
pv_map_get_layer (PvMap *self,
                  guint  position)
{
  g_autoptr(PvLayer) layer = NULL;

  g_return_val_if_fail (PV_IS_MAP (self), NULL);

  layer = g_list_model_get_item (G_LIST_MODEL (self->layers), position);
  /* The store keeps it alive: hand out a borrowed pointer. */
  return layer;
}

void
pv_map_add_layer (PvMap   *self,
                  PvLayer *layer)
{
  gboolean crs_changes;

  g_return_if_fail (PV_IS_MAP (self));
  g_return_if_fail (PV_IS_LAYER (layer));

  crs_changes = self->crs == NULL && pv_map_get_crs (self) == NULL && pv_layer_get_crs (layer) != NULL;
  g_list_store_append (self->layers, layer);
  watch_layer (self, layer);
  if (crs_changes)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CRS]);
}

void
pv_map_remove_layer (PvMap *self,
                     guint  position)
{
  PvCrs *old_crs;

  g_return_if_fail (PV_IS_MAP (self));

  if (position >= pv_map_get_n_layers (self))
    return;
  old_crs = pv_map_get_crs (self);
  unwatch_layer (self, pv_map_get_layer (self, position));
  g_list_store_remove (self->layers, position);
  if (pv_map_get_crs (self) != old_crs)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CRS]);
}

void
pv_map_insert_layer (PvMap   *self,
                     guint    position,
                     PvLayer *layer)
{
  PvCrs *old_crs;

  g_return_if_fail (PV_IS_MAP (self));
  g_return_if_fail (PV_IS_LAYER (layer));

  old_crs = pv_map_get_crs (self);
  position = MIN (position, pv_map_get_n_layers (self));
  g_list_store_insert (self->layers, position, layer);
  watch_layer (self, layer);
  if (pv_map_get_crs (self) != old_crs)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CRS]);
}

void
pv_map_move_layer (PvMap *self,
                   guint  from,
                   guint  to)
{
  guint n, lo, hi;
  PvCrs *old_crs;
  g_autoptr(GPtrArray) span = NULL;

  g_return_if_fail (PV_IS_MAP (self));

  n = pv_map_get_n_layers (self);
  g_return_if_fail (from < n);
  to = MIN (to, n - 1);
  if (from == to)
    return;

  old_crs = pv_map_get_crs (self);
  lo = MIN (from, to);
  hi = MAX (from, to);
  span = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = lo; i <= hi; i++)
    g_ptr_array_add (span, g_list_model_get_item (G_LIST_MODEL (self->layers), i));
  /* Rotate the span by one, so the moved layer lands on to. */
  if (from < to)
    {
      gpointer moved = span->pdata[0];

      memmove (span->pdata, span->pdata + 1, (span->len - 1) * sizeof (gpointer));
      span->pdata[span->len - 1] = moved;
    }
  else
    {
      gpointer moved = span->pdata[span->len - 1];

      memmove (span->pdata + 1, span->pdata, (span->len - 1) * sizeof (gpointer));
      span->pdata[0] = moved;
    }
  g_list_store_splice (self->layers, lo, span->len, span->pdata, span->len);
  if (pv_map_get_crs (self) != old_crs)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CRS]);
}

gboolean
pv_map_get_layer_position (PvMap   *self,
                           PvLayer *layer,
                           guint   *position)
{
  guint pos;

  g_return_val_if_fail (PV_IS_MAP (self), FALSE);
  g_return_val_if_fail (PV_IS_LAYER (layer), FALSE);

  if (!g_list_store_find (self->layers, layer, &pos))
    return FALSE;
  if (position != NULL)
    *position = pos;
  return TRUE;
}

const char *
pv_map_get_title (PvMap *self)
{
  g_return_val_if_fail (PV_IS_MAP (self), NULL);

  return self->title;
}

void
pv_map_set_title (PvMap      *self,
                  const char *title)
{
  g_return_if_fail (PV_IS_MAP (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

PvCrs *
pv_map_get_crs (PvMap *self)
{
  guint n;

  g_return_val_if_fail (PV_IS_MAP (self), NULL);

  if (self->crs != NULL)
    return self->crs;
  n = pv_map_get_n_layers (self);
  for (guint i = 0; i < n; i++)
    {
      PvCrs *crs = pv_layer_get_crs (pv_map_get_layer (self, i));

      if (crs != NULL)
        return crs;
    }
  return NULL;
}

void
pv_map_set_crs (PvMap *self,
                PvCrs *crs)
{
  g_return_if_fail (PV_IS_MAP (self));

  if (g_set_object (&self->crs, crs))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CRS]);
}

gboolean
pv_map_get_extent (PvMap  *self,
                   double *xmin,
                   double *ymin,
                   double *xmax,
                   double *ymax)
{
  PvCrs *map_crs;
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  guint n;

  g_return_val_if_fail (PV_IS_MAP (self), FALSE);

  map_crs = pv_map_get_crs (self);
  n = pv_map_get_n_layers (self);
  for (guint i = 0; i < n; i++)
    {
      PvLayer *layer = pv_map_get_layer (self, i);
      double a, b, c, d;

      if (!pv_map_shows_layer (self, layer))
        continue;
      if (!pv_layer_get_extent_in (layer, map_crs, &a, &b, &c, &d))
        continue;
      if (!isfinite (a) || !isfinite (b) || !isfinite (c) || !isfinite (d))
        continue;
      x0 = MIN (x0, a); y0 = MIN (y0, b);
      x1 = MAX (x1, c); y1 = MAX (y1, d);
    }
  if (!(x0 <= x1 && y0 <= y1))
    return FALSE;
  *xmin = x0, *ymin = y0, *xmax = x1, *ymax = y1;
  return TRUE;
}

PvMap *
pv_map_copy (PvMap *self)
{
  PvMap *copy;
  guint n;

  g_return_val_if_fail (PV_IS_MAP (self), NULL);

  copy = pv_map_new ();
  copy->crs = self->crs ? g_object_ref (self->crs) : NULL;
  copy->title = g_strdup (self->title);
  copy->annotations = self->annotations ? g_object_ref (self->annotations) : NULL;
  copy->bookmarks = self->bookmarks ? g_object_ref (self->bookmarks) : NULL;
  copy->shown = self->shown ? g_hash_table_ref (self->shown) : NULL;
  copy->layouts = self->layouts ? g_object_ref (self->layouts) : NULL;
  n = pv_map_get_n_layers (self);
  for (guint i = 0; i < n; i++)
    g_list_store_append (copy->layers, pv_map_get_layer (self, i));
  return copy;
}

PvAnnotationSet *
pv_map_get_annotations (PvMap *self)
{
  g_return_val_if_fail (PV_IS_MAP (self), NULL);

  if (self->annotations == NULL)
    self->annotations = pv_annotation_set_new (pv_map_get_crs (self));
  /* A set made before the map knew its CRS takes it once known. */
  else if (pv_annotation_set_get_crs (self->annotations) == NULL && pv_map_get_crs (self) != NULL &&
           pv_annotation_set_get_n_annotations (self->annotations) == 0)
    pv_annotation_set_set_crs (self->annotations, pv_map_get_crs (self));
  return self->annotations;
}

void
pv_map_set_annotations (PvMap           *self,
                        PvAnnotationSet *annotations)
{
  g_return_if_fail (PV_IS_MAP (self));
  g_return_if_fail (annotations == NULL || PV_IS_ANNOTATION_SET (annotations));

  if (g_set_object (&self->annotations, annotations))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATIONS]);
}

gboolean
pv_map_has_annotations (PvMap *self)
{
  g_return_val_if_fail (PV_IS_MAP (self), FALSE);

  return self->annotations != NULL && pv_annotation_set_get_n_annotations (self->annotations) > 0;
}

PvBookmarkList *
pv_map_get_bookmarks (PvMap *self)
{
  g_return_val_if_fail (PV_IS_MAP (self), NULL);

  if (self->bookmarks == NULL)
    self->bookmarks = pv_bookmark_list_new ();
  return self->bookmarks;
}

void
pv_map_set_bookmarks (PvMap          *self,
                      PvBookmarkList *bookmarks)
{
  g_return_if_fail (PV_IS_MAP (self));
  g_return_if_fail (bookmarks == NULL || PV_IS_BOOKMARK_LIST (bookmarks));

  if (g_set_object (&self->bookmarks, bookmarks))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKMARKS]);
}

void
pv_map_set_shown_layers (PvMap     *self,
                         GPtrArray *layers)
{
  g_return_if_fail (PV_IS_MAP (self));

  g_clear_pointer (&self->shown, g_hash_table_unref);
  if (layers == NULL)
    return;
  self->shown = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  for (guint i = 0; i < layers->len; i++)
    g_hash_table_add (self->shown, g_object_ref (g_ptr_array_index (layers, i)));
}

gboolean
pv_map_shows_layer (PvMap   *self,
                    PvLayer *layer)
{
  g_return_val_if_fail (PV_IS_MAP (self), FALSE);

  if (self->shown != NULL)
    return g_hash_table_contains (self->shown, layer);
  return pv_layer_get_visible (layer);
}

GListModel *
pv_map_get_layouts (PvMap *self)
{
  g_return_val_if_fail (PV_IS_MAP (self), NULL);

  if (self->layouts == NULL)
    self->layouts = g_list_store_new (PV_TYPE_PRINT_LAYOUT);
  return G_LIST_MODEL (self->layouts);
}

void
pv_map_set_layouts (PvMap     *self,
                    GPtrArray *layouts)
{
  GListStore *store;

  g_return_if_fail (PV_IS_MAP (self));

  store = G_LIST_STORE (pv_map_get_layouts (self));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       layouts ? layouts->pdata : NULL, layouts ? layouts->len : 0);
}

gboolean
pv_map_has_layouts (PvMap *self)
{
  g_return_val_if_fail (PV_IS_MAP (self), FALSE);

  return self->layouts != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->layouts)) > 0;
}
