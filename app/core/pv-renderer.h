/* pv-renderer.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "pv-map.h"
#include "pv-viewport.h"

G_BEGIN_DECLS

typedef struct
{
  double prepare_seconds; /* transform + spatial index (first frame only) */
  double render_seconds;  /* drawing, labels included */
  double labels_seconds;  /* placing and drawing the labels (placing runs
                           * alongside the layers' drawing in images) */
} PvRenderTimings;

/* Draws the visible layers of map, bottom first, for viewport on cr (whose
 * user space must be the viewport's device pixels). Layers that fail are
 * skipped and reported in layer_errors (a GPtrArray of GError, may be NULL). */
gboolean         pv_render_map          (PvMap            *map,
                                         PvViewport       *viewport,
                                         cairo_t          *cr,
                                         GCancellable     *cancellable,
                                         GPtrArray        *layer_errors,
                                         PvRenderTimings  *timings,
                                         GError          **error);
/* Renders to a new ARGB32 image surface of the viewport's size, using
 * n_threads horizontal stripes in parallel (0 = one per core). */
cairo_surface_t *pv_render_map_to_image (PvMap            *map,
                                         PvViewport       *viewport,
                                         guint             n_threads,
                                         GCancellable     *cancellable,
                                         GPtrArray        *layer_errors,
                                         PvRenderTimings  *timings,
                                         GError          **error);
void             pv_render_map_to_image_async  (PvMap               *map,
                                                PvViewport          *viewport,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
cairo_surface_t *pv_render_map_to_image_finish (GAsyncResult        *result,
                                                GPtrArray          **layer_errors,
                                                GError             **error);

/* Draws the map's annotations over a rendering of it (cr as for
 * pv_render_map). The screen draws them as an overlay, so that editing one
 * redraws no layer; images, PDF and the CLI call this after the layers. */
void             pv_render_map_annotations (PvMap      *map,
                                            PvViewport *viewport,
                                            cairo_t    *cr);

/* TRUE when cr draws into a document: a PDF, PostScript or SVG surface, or a
 * recording surface (the exports draw the map frame into one, to be placed
 * on the page; the screen never renders layers into one). Layers then emit
 * their geometry snapped to the device pixel grid. */
gboolean         pv_render_is_vector_target (cairo_t   *cr);

G_END_DECLS
