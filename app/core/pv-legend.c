/* pv-legend.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pv-legend.h"
#include "pv-missing-layer.h"
#include "pv-style.h"
#include "pv-vector-layer-private.h"

static void
legend_item_free (PvLegendItem *item)
{
  g_free (item->label);
  g_free (item);
}

void
pv_legend_entry_free (PvLegendEntry *entry)
{
  if (entry == NULL)
    return;
  g_clear_object (&entry->layer);
  g_free (entry->title);
  g_free (entry->palette_id);
  g_clear_pointer (&entry->items, g_ptr_array_unref);
  g_free (entry);
}

static PvLegendItem *
item_from_category (const PvStyleCategory *category,
                    guint                  count)
{
  PvLegendItem *item = g_new0 (PvLegendItem, 1);

  item->label = g_strdup (category->label);
  memcpy (item->fill, category->fill, sizeof item->fill);
  memcpy (item->outline, category->outline, sizeof item->outline);
  item->count = count;
  item->confirmed = category->confirmed;
  item->other = category->other;
  pv_style_category_copy_symbol (&item->symbol, category);
  return item;
}

static void
add_categorized_items (PvLegendEntry *entry,
                       PvStyle       *style,
                       const guint   *counts,
                       guint          n_counts)
{
  guint n = MIN (pv_style_get_n_categories (style), n_counts);

  /* Named categories in the style's order, then the catch-all ones. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        const PvStyleCategory *category = pv_style_get_category (style, i);

        if (counts[i] == 0 || (category->other != FALSE) != (pass == 1))
          continue;
        g_ptr_array_add (entry->items, item_from_category (category, counts[i]));
      }
}

static void
add_single_item (PvLegendEntry *entry,
                 PvVectorLayer *layer,
                 guint          count)
{
  PvLegendItem *item = g_new0 (PvLegendItem, 1);
  double rgb[3];

  pv_layer_get_color (PV_LAYER (layer), rgb);
  item->label = g_strdup (pv_layer_get_name (PV_LAYER (layer)));
  for (guint i = 0; i < 3; i++)
    item->fill[i] = item->outline[i] = rgb[i];
  item->fill[3] = pv_layer_get_fill_opacity (PV_LAYER (layer));
  item->outline[3] = 1.0;
  item->count = count;
  item->confirmed = TRUE;
  /* As the layer draws without a style: the default symbol in its colour. */
  pv_style_category_init_symbol (&item->symbol, rgb);
  item->symbol.fill[3] = item->fill[3];
  g_ptr_array_add (entry->items, item);
}

/* The layer's style and each feature's category, as one snapshot (the
 * renderer's), or NULL without a style. */
static ClassMap *
dup_class_map (PvVectorLayer *layer)
{
  ClassMap *cm = NULL;

  g_mutex_lock (&layer->mutex);
  if (layer->class_map != NULL)
    {
      cm = layer->class_map;
      g_atomic_ref_count_inc (&cm->ref_count);
    }
  g_mutex_unlock (&layer->mutex);
  return cm;
}

/* The items of a vector layer whose features per category are counts (NULL
 * without a style) and count in all. */
static void
add_vector_items (PvLegendEntry *entry,
                  PvVectorLayer *layer,
                  PvStyle       *style,
                  const guint   *counts,
                  guint          count)
{
  if (style != NULL && pv_style_get_kind (style) != PV_STYLE_SINGLE)
    {
      entry->palette_id = g_strdup (pv_style_get_palette_id (style));
      add_categorized_items (entry, style, counts, pv_style_get_n_categories (style));
    }
  else if (style != NULL && pv_style_get_n_categories (style) > 0)
    {
      /* A single symbol of its own: named after the layer. */
      PvLegendItem *item = item_from_category (pv_style_get_category (style, 0), count);

      g_free (item->label);
      item->label = g_strdup (entry->title);
      g_ptr_array_add (entry->items, item);
    }
  else
    add_single_item (entry, layer, count);
}

/* ---------------------------------------------------------------- in a box */

static inline gboolean
point_in_box (const double *pt,
              const double *box)
{
  /* NaN compares false: left out. */
  return pt[0] >= box[0] && pt[0] <= box[2] && pt[1] >= box[1] && pt[1] <= box[3];
}

/* Whether the segment a–b meets the box (Liang–Barsky clipping). */
static gboolean
segment_meets_box (const double *a,
                   const double *b,
                   const double *box)
{
  double dx = b[0] - a[0], dy = b[1] - a[1];
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { a[0] - box[0], box[2] - a[0], a[1] - box[1], box[3] - a[1] };
  double t0 = 0, t1 = 1;

  if (!isfinite (a[0]) || !isfinite (a[1]) || !isfinite (b[0]) || !isfinite (b[1]))
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      double t;

      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      t = q[i] / p[i];
      if (p[i] < 0)
        {
          if (t > t1)
            return FALSE;
          t0 = MAX (t0, t);
        }
      else
        {
          if (t < t0)
            return FALSE;
          t1 = MIN (t1, t);
        }
    }
  return TRUE;
}

/* Whether feature f's geometry (xy: the prepared coordinates) meets the box,
 * exactly: a vertex in the box, an edge crossing it, or for polygons the box
 * inside the polygon (not in a hole). Features wholly in the box, most of a
 * frame's, are decided by their first vertex. */
static gboolean
feature_meets_box (PvVectorLayer *layer,
                   const double  *xy,
                   guint          f,
                   const double  *box)
{
  guint kind = layer->kinds[f];
  guint p0 = layer->part_starts[f], p1 = layer->part_starts[f + 1];
  gboolean inside = FALSE;
  double x = box[0], y = box[1];

  if (kind == KIND_NONE)
    return FALSE;
  for (guint part = p0; part < p1; part++)
    for (guint v = layer->vertex_starts[part]; v < layer->vertex_starts[part + 1]; v++)
      if (point_in_box (xy + 2 * (gsize) v, box))
        return TRUE;
  if (kind == PV_GEOMETRY_KIND_POINT)
    return FALSE;

  for (guint part = p0; part < p1; part++)
    {
      guint v0 = layer->vertex_starts[part], v1 = layer->vertex_starts[part + 1];

      for (guint v = v0; v + 1 < v1; v++)
        {
          const double *a = xy + 2 * (gsize) v, *b = a + 2;

          if (segment_meets_box (a, b, box))
            return TRUE;
          /* Even-odd crossings of a ray from the box's corner: with no edge
           * in the box, the box is wholly inside the polygon or outside. */
          if (kind == PV_GEOMETRY_KIND_POLYGON && ((a[1] > y) != (b[1] > y)) &&
              x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0])
            inside = !inside;
        }
      /* Rings are closed by the data, but be tolerant of ones that are not. */
      if (kind == PV_GEOMETRY_KIND_POLYGON && v1 - v0 >= 3)
        {
          const double *a = xy + 2 * (gsize) (v1 - 1), *b = xy + 2 * (gsize) v0;

          if (a[0] != b[0] || a[1] != b[1])
            {
              if (segment_meets_box (a, b, box))
                return TRUE;
              if (((a[1] > y) != (b[1] > y)) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0])
                inside = !inside;
            }
        }
    }
  return inside;
}

/* Counts the features of layer meeting the box: per category into counts
 * (n_counts of them, when classes is not NULL) and in all. FALSE when
 * cancelled. */
static gboolean
count_in_box (PvVectorLayer  *layer,
              Prepared       *p,
              const guint16  *classes,
              guint          *counts,
              guint           n_counts,
              const double   *box,
              guint          *total,
              GCancellable   *cancellable)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));

  *total = 0;
  if (p->tree == NULL)
    return TRUE;
  /* The index finds the features whose bounding box meets the frame; the
   * exact test drops those that only come near it. */
  _pv_rtree_search (p->tree, box[0], box[1], box[2], box[3], ids);
  for (guint k = 0; k < ids->len; k++)
    {
      guint32 f = g_array_index (ids, guint32, k);

      if ((k & 0xFFFF) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      if (!feature_meets_box (layer, p->xy, f, box))
        continue;
      (*total)++;
      if (classes != NULL && n_counts > 0)
        counts[MIN (classes[f], n_counts - 1)]++;
    }
  return TRUE;
}

static gboolean
boxes_meet (const double *a,
            const double *b)
{
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/* The legend entry of layer, or NULL when it shows nothing (in the box, when
 * extent is not NULL). *cancelled is set when cancellable was. */
static PvLegendEntry *
build_entry (PvMap        *map,
             PvLayer      *layer,
             const double *extent,
             GCancellable *cancellable,
             gboolean     *cancelled)
{
  g_autoptr(PvLegendEntry) entry = NULL;

  /* A database layer holds the features around the view it last drew:
   * those of the box first (what an export's frame will draw). */
  if (extent != NULL && PV_IS_VECTOR_LAYER (layer) && pv_vector_layer_is_windowed (PV_VECTOR_LAYER (layer)))
    {
      g_autoptr(PvViewport) viewport = pv_viewport_new ();
      g_autoptr(GError) error = NULL;

      pv_viewport_set_size (viewport, 1024, 1024);
      pv_viewport_fit_extent (viewport, extent[0], extent[1], extent[2], extent[3]);
      if (!pv_layer_prepare_view (layer, pv_map_get_crs (map), viewport, cancellable, &error))
        {
          *cancelled = g_cancellable_is_cancelled (cancellable);
          if (!*cancelled)
            g_debug ("%s: %s", pv_layer_get_name (layer), error->message);
          return NULL;
        }
    }

  entry = g_new0 (PvLegendEntry, 1);
  entry->layer = g_object_ref (layer);
  entry->title = g_strdup (pv_layer_get_name (layer));
  entry->items = g_ptr_array_new_with_free_func ((GDestroyNotify) legend_item_free);

  if (PV_IS_VECTOR_LAYER (layer))
    {
      PvVectorLayer *vector = PV_VECTOR_LAYER (layer);
      /* A database layer's window stays while its features are counted. */
      G_GNUC_UNUSED g_autoptr(GRWLockReaderLocker) window_locker = g_rw_lock_reader_locker_new (&vector->window_lock);
      g_autoptr(ClassMap) cm = dup_class_map (vector);
      PvStyle *style = cm != NULL ? cm->style : NULL;
      guint n_categories = style != NULL ? pv_style_get_n_categories (style) : 0;
      g_autofree guint *counts = NULL;
      g_autoptr(Prepared) p = NULL;
      guint total;

      if (extent == NULL)
        {
          add_vector_items (entry, vector, style, cm != NULL ? cm->counts : NULL,
                            pv_vector_layer_get_n_features (vector));
          return g_steal_pointer (&entry);
        }

      if (!pv_layer_prepare (layer, pv_map_get_crs (map), cancellable, NULL) ||
          (p = _pv_vector_layer_dup_prepared (vector)) == NULL)
        {
          *cancelled = g_cancellable_is_cancelled (cancellable);
          return NULL;
        }
      counts = g_new0 (guint, MAX (n_categories, 1));
      if (!count_in_box (vector, p, cm != NULL ? cm->categories : NULL, counts, n_categories,
                         extent, &total, cancellable))
        {
          *cancelled = TRUE;
          return NULL;
        }
      if (total == 0)
        return NULL;
      add_vector_items (entry, vector, style, counts, total);
      return entry->items->len > 0 ? g_steal_pointer (&entry) : NULL;
    }

  if (extent != NULL)
    {
      double box[4];

      /* A raster (or other layer) is in when its extent meets the box; one
       * without a known extent is kept. */
      if (pv_layer_get_extent_in (layer, pv_map_get_crs (map), &box[0], &box[1], &box[2], &box[3]) &&
          !boxes_meet (box, extent))
        return NULL;
    }
  return g_steal_pointer (&entry);
}

static GPtrArray *
build (PvMap        *map,
       const double *extent,
       GCancellable *cancellable)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_legend_entry_free);

  for (guint i = pv_map_get_n_layers (map); i-- > 0;)
    {
      PvLayer *layer = pv_map_get_layer (map, i);
      PvLegendEntry *entry;
      gboolean cancelled = FALSE;

      /* A layer whose file is missing draws nothing: nothing to explain. */
      if (!pv_map_shows_layer (map, layer) || PV_IS_MISSING_LAYER (layer))
        continue;
      entry = build_entry (map, layer, extent, cancellable, &cancelled);
      if (cancelled)
        return NULL;
      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }
  return g_steal_pointer (&entries);
}

GPtrArray *
pv_legend_build (PvMap *map)
{
  g_return_val_if_fail (PV_IS_MAP (map),
                        g_ptr_array_new_with_free_func ((GDestroyNotify) pv_legend_entry_free));

  return build (map, NULL, NULL);
}

GPtrArray *
pv_legend_build_for_extent (PvMap        *map,
                            const double *extent,
                            GCancellable *cancellable)
{
  g_return_val_if_fail (PV_IS_MAP (map), NULL);
  g_return_val_if_fail (extent != NULL, NULL);

  return build (map, extent, cancellable);
}
