/* pv-legend.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pv-layer.h"
#include "pv-map.h"
#include "pv-style.h"

G_BEGIN_DECLS

/* One symbol shown in a legend. */
typedef struct
{
  char     *label;
  double    fill[4];    /* RGBA */
  double    outline[4]; /* RGBA */
  guint     count;      /* features drawn with it */
  gboolean  confirmed;  /* the colour comes from an official source */
  gboolean  other;      /* the class of values no category names */
  /* The whole symbol (its value, label and filter NULL): what the swatch
   * draws, with pv_symbol_draw_swatch(). */
  PvStyleCategory symbol;
} PvLegendItem;

/* The legend of one layer. */
typedef struct
{
  PvLayer   *layer;      /* owned reference */
  char      *title;      /* the layer's name */
  char      *palette_id; /* the built-in palette of its style, or NULL */
  GPtrArray *items;      /* PvLegendItem*; empty for rasters */
} PvLegendEntry;

void        pv_legend_entry_free (PvLegendEntry *entry);

/* The legend of the map: one PvLegendEntry per visible layer, topmost first.
 * A categorized layer lists only the categories some feature falls in (the
 * "other" class last), a vector layer without a style one item in its
 * colour, a raster none. Shared by the window's legend and the exports. */
GPtrArray  *pv_legend_build      (PvMap         *map) G_GNUC_WARN_UNUSED_RESULT;
/* Like pv_legend_build, but a categorized layer lists only the categories of
 * features whose geometry meets the box extent (xmin, ymin, xmax, ymax) in the
 * map CRS (each layer is prepared for the map CRS; counts are of those
 * features), e.g. what a printed map frame shows. Layers with nothing in the
 * box are left out, and so are layers that cannot be brought into the map CRS.
 * NULL when cancelled. */
GPtrArray  *pv_legend_build_for_extent (PvMap        *map,
                                        const double *extent,
                                        GCancellable *cancellable) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvLegendEntry, pv_legend_entry_free)

G_END_DECLS
