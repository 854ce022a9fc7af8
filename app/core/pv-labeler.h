/* pv-labeler.h
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

typedef enum
{
  PV_LABEL_POLYGON, /* inside, at the pole of inaccessibility */
  PV_LABEL_LINE,    /* along the line, glyph by glyph */
  PV_LABEL_POINT,   /* offset from the point */
} PvLabelKind;

/* A box in device pixels of the viewport (x0 < x1, y0 < y1). */
typedef struct
{
  double x0;
  double y0;
  double x1;
  double y1;
} PvLabelBox;

/* One label placed in a frame. The boxes hold the label with its halo: one
 * for polygon and point labels, one per glyph cluster for line labels
 * (the bounding box of the turned glyph). */
typedef struct
{
  char        *text;
  PvLayer     *layer;     /* a reference */
  guint        feature;   /* index in the layer */
  PvLabelKind  kind;
  double       map_x;     /* anchor in the map CRS: the pole, the point of the */
  double       map_y;     /* line under the label's middle, the box centre */
  double       x;         /* the anchor in device pixels */
  double       y;
  PvLabelBox   box;       /* the union of boxes */
  GArray      *boxes;     /* PvLabelBox */
} PvPlacedLabel;

void       pv_placed_label_free   (PvPlacedLabel *label);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvPlacedLabel, pv_placed_label_free)

/* Places the labels of every visible labelled vector layer of map for
 * viewport, without collisions: by labeling priority, then layer (top
 * first), then feature size (larger first), then feature index; an order that
 * does not depend on the view, so labels keep their map positions while the
 * view pans. Layers are prepared for the map CRS when needed. Only labels
 * wholly inside the frame are returned (labels just outside still take their
 * room, so what shows does not depend on where the frame edge cuts).
 * Returns a GPtrArray of PvPlacedLabel (empty when cancelled). */
GPtrArray *pv_labeler_place       (PvMap         *map,
                                   PvViewport    *viewport,
                                   GCancellable  *cancellable) G_GNUC_WARN_UNUSED_RESULT;
/* Draws placed labels (from pv_labeler_place() for the same viewport) on cr,
 * whose user space is the viewport's device pixels: halo, then text. */
void       pv_labeler_draw        (GPtrArray     *labels,
                                   cairo_t       *cr);
/* TRUE when some layer of map would get labels at the viewport's scale. */
gboolean   pv_labeler_has_labels  (PvMap         *map,
                                   PvViewport    *viewport);

G_END_DECLS
