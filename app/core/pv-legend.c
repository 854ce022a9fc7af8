/* pv-legend.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pv-legend.h"
#include "pv-missing-layer.h"
#include "pv-style.h"
#include "pv-vector-layer.h"

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
                       PvVectorLayer *layer,
                       PvStyle       *style)
{
  g_autoptr(GArray) counts = pv_vector_layer_dup_category_counts (layer);
  guint n = MIN (pv_style_get_n_categories (style), counts->len);

  /* Named categories in the style's order, then the catch-all ones. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        const PvStyleCategory *category = pv_style_get_category (style, i);
        guint count = g_array_index (counts, guint, i);

        if (count == 0 || (category->other != FALSE) != (pass == 1))
          continue;
        g_ptr_array_add (entry->items, item_from_category (category, count));
      }
}

static void
add_single_item (PvLegendEntry *entry,
                 PvVectorLayer *layer)
{
  PvLegendItem *item = g_new0 (PvLegendItem, 1);
  double rgb[3];

  pv_layer_get_color (PV_LAYER (layer), rgb);
  item->label = g_strdup (pv_layer_get_name (PV_LAYER (layer)));
  for (guint i = 0; i < 3; i++)
    item->fill[i] = item->outline[i] = rgb[i];
  item->fill[3] = pv_layer_get_fill_opacity (PV_LAYER (layer));
  item->outline[3] = 1.0;
  item->count = pv_vector_layer_get_n_features (layer);
  item->confirmed = TRUE;
  /* As the layer draws without a style: the default symbol in its colour. */
  pv_style_category_init_symbol (&item->symbol, rgb);
  item->symbol.fill[3] = item->fill[3];
  g_ptr_array_add (entry->items, item);
}

GPtrArray *
pv_legend_build (PvMap *map)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_legend_entry_free);

  g_return_val_if_fail (PV_IS_MAP (map), entries);

  for (guint i = pv_map_get_n_layers (map); i-- > 0;)
    {
      PvLayer *layer = pv_map_get_layer (map, i);
      PvLegendEntry *entry;

      /* A layer whose file is missing draws nothing: nothing to explain. */
      if (!pv_layer_get_visible (layer) || PV_IS_MISSING_LAYER (layer))
        continue;
      entry = g_new0 (PvLegendEntry, 1);
      entry->layer = g_object_ref (layer);
      entry->title = g_strdup (pv_layer_get_name (layer));
      entry->items = g_ptr_array_new_with_free_func ((GDestroyNotify) legend_item_free);
      if (PV_IS_VECTOR_LAYER (layer))
        {
          g_autoptr(PvStyle) style = pv_vector_layer_dup_style (PV_VECTOR_LAYER (layer));

          if (style != NULL && pv_style_get_kind (style) != PV_STYLE_SINGLE)
            {
              entry->palette_id = g_strdup (pv_style_get_palette_id (style));
              add_categorized_items (entry, PV_VECTOR_LAYER (layer), style);
            }
          else if (style != NULL && pv_style_get_n_categories (style) > 0)
            {
              /* A single symbol of its own: named after the layer. */
              PvLegendItem *item = item_from_category (pv_style_get_category (style, 0),
                                                       pv_vector_layer_get_n_features (PV_VECTOR_LAYER (layer)));

              g_free (item->label);
              item->label = g_strdup (entry->title);
              g_ptr_array_add (entry->items, item);
            }
          else
            add_single_item (entry, PV_VECTOR_LAYER (layer));
        }
      g_ptr_array_add (entries, entry);
    }
  return entries;
}
