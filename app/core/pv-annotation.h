/* pv-annotation.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pv-crs.h"
#include "pv-viewport.h"

G_BEGIN_DECLS

/* What an annotation is, and the points it takes (map coordinates in the
 * set's CRS, x/easting first):
 *   TEXT         1: the top-left corner of the text box;
 *   ARROW        2 or more: a line whose last point carries the head;
 *   LINE         2 or more;
 *   POLYGON      3 or more, the ring not closed by a repeated point;
 *   RECTANGLE    4: the corners (x0 y0) (x1 y0) (x1 y1) (x0 y1);
 *   FREEHAND     2 or more: a line drawn by hand;
 *   CALLOUT      2: the target, where the numbered marker sits, then the
 *                top-left corner of the text box the leader goes to;
 *   MEASUREMENT  a kept measurement: a line (2 or more) or, closed, a
 *                polygon (3 or more), with its result as the text. */
typedef enum
{
  PV_ANNOTATION_TEXT,
  PV_ANNOTATION_ARROW,
  PV_ANNOTATION_LINE,
  PV_ANNOTATION_POLYGON,
  PV_ANNOTATION_RECTANGLE,
  PV_ANNOTATION_FREEHAND,
  PV_ANNOTATION_CALLOUT,
  PV_ANNOTATION_MEASUREMENT,
} PvAnnotationKind;

#define PV_ANNOTATION_N_KINDS (PV_ANNOTATION_MEASUREMENT + 1)

#define PV_TYPE_ANNOTATION_KIND (pv_annotation_kind_get_type ())
GType       pv_annotation_kind_get_type    (void) G_GNUC_CONST;
/* "text", "arrow", "line", "polygon", "rectangle", "freehand", "callout",
 * "measurement": the names files store. */
const char *pv_annotation_kind_to_string   (PvAnnotationKind  kind);
gboolean    pv_annotation_kind_from_string (const char       *name,
                                            PvAnnotationKind *kind);
/* The fewest points an annotation of kind takes (closed: a polygon). */
guint       pv_annotation_kind_min_points  (PvAnnotationKind  kind,
                                            gboolean          closed);

/* How an annotation looks; sizes are physical (as on paper). */
typedef struct
{
  double color[4];   /* RGBA of lines, outlines, text and the callout marker */
  double fill[4];    /* RGBA of areas and text boxes; alpha 0: none */
  double width_mm;   /* line width */
  double font_pt;    /* text size */
} PvAnnotationStyle;

#define PV_TYPE_ANNOTATION_STYLE (pv_annotation_style_get_type ())
GType              pv_annotation_style_get_type (void) G_GNUC_CONST;
PvAnnotationStyle *pv_annotation_style_copy     (const PvAnnotationStyle *style) G_GNUC_WARN_UNUSED_RESULT;
void               pv_annotation_style_free     (PvAnnotationStyle       *style);
/* Red 0.5 mm lines, a translucent red fill for areas (none for lines), a
 * white box behind texts, 11 pt. */
void               pv_annotation_style_init     (PvAnnotationStyle       *style,
                                                 PvAnnotationKind         kind);
gboolean           pv_annotation_style_equal    (const PvAnnotationStyle *a,
                                                 const PvAnnotationStyle *b);
/* "#rrggbbaa" (lower case), and back ("#rrggbb" is opaque). */
char              *pv_annotation_color_to_string   (const double *rgba) G_GNUC_WARN_UNUSED_RESULT;
gboolean           pv_annotation_color_from_string (const char   *text,
                                                    double       *rgba);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvAnnotationStyle, pv_annotation_style_free)

#define PV_TYPE_ANNOTATION (pv_annotation_get_type ())
G_DECLARE_FINAL_TYPE (PvAnnotation, pv_annotation, PV, ANNOTATION, GObject)

/* One mark on the map. Properties "kind" (construct only), "text", "style",
 * "number", "closed" and "n-points" notify when they change; "changed" is
 * emitted once after any change, geometry included. Setters apply directly:
 * edits the user makes go through pv-annotation-edit.h (undoable). */
PvAnnotation      *pv_annotation_new              (PvAnnotationKind         kind) G_GNUC_WARN_UNUSED_RESULT;
/* A deep copy with the same kind, points, text, style, number and closed. */
PvAnnotation      *pv_annotation_copy             (PvAnnotation            *self) G_GNUC_WARN_UNUSED_RESULT;
/* Everything equal; coordinates and sizes within tolerance (0: exactly). */
gboolean           pv_annotation_equal            (PvAnnotation            *a,
                                                   PvAnnotation            *b,
                                                   double                   tolerance);
PvAnnotationKind   pv_annotation_get_kind         (PvAnnotation            *self);
/* The points, interleaved x, y; NULL when there are none. */
const double      *pv_annotation_get_points       (PvAnnotation            *self,
                                                   guint                   *n_points);
guint              pv_annotation_get_n_points     (PvAnnotation            *self);
void               pv_annotation_get_point        (PvAnnotation            *self,
                                                   guint                    index,
                                                   double                  *x,
                                                   double                  *y);
/* Replaces the points (n_points x, y pairs). */
void               pv_annotation_set_points       (PvAnnotation            *self,
                                                   const double            *xy,
                                                   guint                    n_points);
/* Moves one point; a rectangle's neighbouring corners follow, so that it
 * stays a rectangle. */
void               pv_annotation_move_point       (PvAnnotation            *self,
                                                   guint                    index,
                                                   double                   x,
                                                   double                   y);
void               pv_annotation_insert_point     (PvAnnotation            *self,
                                                   guint                    index,
                                                   double                   x,
                                                   double                   y);
void               pv_annotation_remove_point     (PvAnnotation            *self,
                                                   guint                    index);
/* Moves every point by (dx, dy). */
void               pv_annotation_translate        (PvAnnotation            *self,
                                                   double                   dx,
                                                   double                   dy);
/* Sets a rectangle's four corners from two opposite ones. */
void               pv_annotation_set_rectangle    (PvAnnotation            *self,
                                                   double                   x0,
                                                   double                   y0,
                                                   double                   x1,
                                                   double                   y1);
/* TRUE when the points are an area: always for polygons and rectangles,
 * for measurements when set, never for the other kinds. */
gboolean           pv_annotation_get_closed       (PvAnnotation            *self);
void               pv_annotation_set_closed       (PvAnnotation            *self,
                                                   gboolean                 closed);
const char        *pv_annotation_get_text         (PvAnnotation            *self);
void               pv_annotation_set_text         (PvAnnotation            *self,
                                                   const char              *text);
void               pv_annotation_get_style        (PvAnnotation            *self,
                                                   PvAnnotationStyle       *style);
void               pv_annotation_set_style        (PvAnnotation            *self,
                                                   const PvAnnotationStyle *style);
/* The number a callout's marker shows (0 for the other kinds). */
int                pv_annotation_get_number       (PvAnnotation            *self);
void               pv_annotation_set_number       (PvAnnotation            *self,
                                                   int                      number);
/* TRUE when it has the points its kind needs (pv_annotation_kind_min_points). */
gboolean           pv_annotation_is_complete      (PvAnnotation            *self);
/* The box around the points; FALSE when there are none. */
gboolean           pv_annotation_get_bounds       (PvAnnotation            *self,
                                                   double                  *xmin,
                                                   double                  *ymin,
                                                   double                  *xmax,
                                                   double                  *ymax);

#define PV_TYPE_ANNOTATION_SET (pv_annotation_set_get_type ())
G_DECLARE_FINAL_TYPE (PvAnnotationSet, pv_annotation_set, PV, ANNOTATION_SET, GObject)

/* The annotations of a map (a GListModel of PvAnnotation, bottom first),
 * their coordinates in one CRS. "changed" is emitted after any change of
 * the list or of an annotation in it; items-changed as a list model. */
PvAnnotationSet   *pv_annotation_set_new          (PvCrs                   *crs) G_GNUC_WARN_UNUSED_RESULT;
/* A deep copy (for drawing on a worker thread). */
PvAnnotationSet   *pv_annotation_set_copy         (PvAnnotationSet         *self) G_GNUC_WARN_UNUSED_RESULT;
/* The CRS of the coordinates, or NULL (unknown: the map's, whatever it is). */
PvCrs             *pv_annotation_set_get_crs      (PvAnnotationSet         *self);
/* Only says which CRS the coordinates are in; moves nothing. */
void               pv_annotation_set_set_crs      (PvAnnotationSet         *self,
                                                   PvCrs                   *crs);
/* Transforms every coordinate to crs and makes it the set's CRS. FALSE
 * (nothing changed) when a point cannot be transformed. */
gboolean           pv_annotation_set_transform_to (PvAnnotationSet         *self,
                                                   PvCrs                   *crs,
                                                   GError                 **error);
guint              pv_annotation_set_get_n_annotations (PvAnnotationSet    *self);
/* Borrowed. */
PvAnnotation      *pv_annotation_set_get_annotation (PvAnnotationSet       *self,
                                                     guint                  index);
void               pv_annotation_set_add          (PvAnnotationSet         *self,
                                                   PvAnnotation            *annotation);
void               pv_annotation_set_insert       (PvAnnotationSet         *self,
                                                   guint                    position,
                                                   PvAnnotation            *annotation);
/* FALSE when annotation is not in the set. */
gboolean           pv_annotation_set_remove       (PvAnnotationSet         *self,
                                                   PvAnnotation            *annotation);
/* Moves the annotation at from to position to (in the list after removal). */
void               pv_annotation_set_move         (PvAnnotationSet         *self,
                                                   guint                    from,
                                                   guint                    to);
void               pv_annotation_set_clear        (PvAnnotationSet         *self);
gboolean           pv_annotation_set_find         (PvAnnotationSet         *self,
                                                   PvAnnotation            *annotation,
                                                   guint                   *position);
/* One more than the highest callout number (1 when there is none). */
int                pv_annotation_set_next_number  (PvAnnotationSet         *self);
/* Same CRS (both NULL or equal) and equal annotations in the same order. */
gboolean           pv_annotation_set_equal        (PvAnnotationSet         *a,
                                                   PvAnnotationSet         *b,
                                                   double                   tolerance);

/* A point between the set's CRS and another one (NULL or equal: no
 * change); FALSE when it cannot be transformed. Transforms are cached. */
gboolean           pv_annotation_set_point_from_crs (PvAnnotationSet       *self,
                                                     PvCrs                 *crs,
                                                     double                *x,
                                                     double                *y);
gboolean           pv_annotation_set_point_to_crs   (PvAnnotationSet       *self,
                                                     PvCrs                 *crs,
                                                     double                *x,
                                                     double                *y);

/* Drawing (pv-annotation-draw.c). cr's user space is the viewport's device
 * pixels, as the renderer's; sizes in mm and pt scale with the viewport's
 * dpi. The viewport shows the set's CRS; pv_annotation_set_draw_in_crs()
 * draws for a viewport in another CRS (view_crs; NULL: the set's). Safe on
 * a worker thread for a set only that thread uses (pv_annotation_set_copy). */
void               pv_annotation_set_draw         (PvAnnotationSet         *self,
                                                   cairo_t                 *cr,
                                                   PvViewport              *viewport);
void               pv_annotation_set_draw_in_crs  (PvAnnotationSet         *self,
                                                   cairo_t                 *cr,
                                                   PvViewport              *viewport,
                                                   PvCrs                   *view_crs);
/* Draws one annotation (in the set or not, e.g. one being drawn) with the
 * set's CRS. */
void               pv_annotation_set_draw_annotation (PvAnnotationSet      *self,
                                                      PvAnnotation         *annotation,
                                                      cairo_t              *cr,
                                                      PvViewport           *viewport,
                                                      PvCrs                *view_crs);
/* The topmost annotation drawn within tolerance device pixels of the point
 * (x, y) of viewport (in view_crs; NULL: the set's), or NULL. *vertex (may
 * be NULL) is the index of the point within tolerance, or -1. The text box
 * of texts and callouts and the inside of filled areas count. */
PvAnnotation      *pv_annotation_set_hit_test     (PvAnnotationSet         *self,
                                                   PvViewport              *viewport,
                                                   PvCrs                   *view_crs,
                                                   double                   x,
                                                   double                   y,
                                                   double                   tolerance,
                                                   int                     *vertex);
/* The text box of a text or callout in device pixels of viewport (x, y:
 * top-left); FALSE for the other kinds. */
gboolean           pv_annotation_set_get_text_box (PvAnnotationSet         *self,
                                                   PvAnnotation            *annotation,
                                                   PvViewport              *viewport,
                                                   PvCrs                   *view_crs,
                                                   double                  *x,
                                                   double                  *y,
                                                   double                  *width,
                                                   double                  *height);

/* JSON for project files (pv-annotation-json.c):
 *   { "crs": "EPSG:9210" | null,
 *     "annotations": [ { "kind": "arrow", "points": [[x, y], …],
 *                        "text": "…", "color": "#rrggbbaa", "fill": "#rrggbbaa",
 *                        "width_mm": 0.5, "font_pt": 11,
 *                        "number": 1, "closed": false }, … ] } */
JsonNode          *pv_annotation_set_to_json       (PvAnnotationSet        *self) G_GNUC_WARN_UNUSED_RESULT;
PvAnnotationSet   *pv_annotation_set_new_from_json (JsonNode               *node,
                                                    GError                **error) G_GNUC_WARN_UNUSED_RESULT;

/* Exchange with GIS through OGR (pv-annotation-ogr.c): one layer
 * "annotations", fields kind, text, color, width_mm, fill, font_pt, number
 * and OGR_STYLE (an OGR style string, PEN/BRUSH/LABEL/SYMBOL, that QGIS
 * and GDAL read as the feature's style), geometry a point (texts), a line
 * string (lines, arrows, freehand, callouts: target then text, open
 * measurements) or a polygon (polygons, rectangles, closed measurements).
 * The format follows the extension: .gpkg (GeoPackage, in the set's CRS),
 * .geojson/.json (RFC 7946: WGS 84 longitude, latitude) or .kml (KML: WGS
 * 84). Writes a new file (replacing one at path). */
gboolean           pv_annotation_set_export        (PvAnnotationSet        *self,
                                                    const char             *path,
                                                    GError                **error);
/* Reads the first layer of a file written by pv_annotation_set_export (or
 * any point/line/polygon layer: features without a kind become texts,
 * lines or polygons; their name/text field the text). The set has the
 * layer's CRS. */
PvAnnotationSet   *pv_annotation_set_import        (const char             *path,
                                                    GError                **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
