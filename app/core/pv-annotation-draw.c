/* pv-annotation-draw.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "pv-annotation-private.h"
#include "pv-print-legend.h"
#include "pv-style.h"

/* Padding around texts in their boxes, mm. */
#define TEXT_PADDING_MM 0.8
/* Smallest arrow head length, mm; heads grow with the line width. */
#define ARROW_HEAD_MM 3.0
#define ARROW_HEAD_WIDTHS 5.0

/* An annotation in device pixels. */
typedef struct
{
  PvAnnotation      *annotation;
  PvAnnotationStyle  style;
  double            *xy;        /* device pixels */
  guint              n;
  double             dpi;
  double             line_px;
} Projected;

static double
mm (double size,
    double dpi)
{
  return pv_unit_to_pixels (size, PV_UNIT_MM, dpi);
}

static gboolean
project (PvAnnotationSet *set,
         PvAnnotation    *annotation,
         PvViewport      *viewport,
         PvCrs           *view_crs,
         Projected       *out)
{
  const double *points;
  guint n;

  points = pv_annotation_get_points (annotation, &n);
  out->annotation = annotation;
  out->n = n;
  out->xy = NULL;
  out->dpi = pv_viewport_get_dpi (viewport);
  pv_annotation_get_style (annotation, &out->style);
  out->line_px = mm (out->style.width_mm, out->dpi);
  if (n == 0)
    return FALSE;
  out->xy = g_memdup2 (points, 2 * n * sizeof (double));
  if (!_pv_annotation_set_transform_points (set, view_crs, FALSE, out->xy, n))
    {
      g_clear_pointer (&out->xy, g_free);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    pv_viewport_map_to_screen (viewport, out->xy[2 * i], out->xy[2 * i + 1], &out->xy[2 * i], &out->xy[2 * i + 1]);
  return TRUE;
}

static void
projected_clear (Projected *p)
{
  g_clear_pointer (&p->xy, g_free);
}

static void
set_source (cairo_t      *cr,
            const double *rgba)
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      font_pt,
             gboolean    bold,
             double      dpi)
{
  /* font_pt points are font_pt × dpi / 72 device pixels. */
  PangoLayout *layout = pv_print_create_layout (cr, font_pt * dpi / 72.0, bold);

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The box of a text placed with its top-left corner at (x, y). */
static void
text_box (PangoLayout *layout,
          double       dpi,
          double       x,
          double       y,
          double      *box)
{
  PangoRectangle logical;
  double pad = mm (TEXT_PADDING_MM, dpi);

  pango_layout_get_extents (layout, NULL, &logical);
  box[0] = x;
  box[1] = y;
  box[2] = (double) logical.width / PANGO_SCALE + 2 * pad;
  box[3] = (double) logical.height / PANGO_SCALE + 2 * pad;
}

static void
draw_text_box (cairo_t           *cr,
               PangoLayout       *layout,
               const double      *box,
               Projected         *p,
               gboolean           outline)
{
  double pad = mm (TEXT_PADDING_MM, p->dpi);
  PangoRectangle logical;

  if (p->style.fill[3] > 0)
    {
      cairo_rectangle (cr, box[0], box[1], box[2], box[3]);
      set_source (cr, p->style.fill);
      cairo_fill_preserve (cr);
      cairo_new_path (cr);
    }
  if (outline)
    {
      cairo_rectangle (cr, box[0], box[1], box[2], box[3]);
      cairo_set_line_width (cr, MAX (1.0, p->line_px / 2));
      set_source (cr, p->style.color);
      cairo_stroke (cr);
    }
  pango_layout_get_extents (layout, NULL, &logical);
  cairo_move_to (cr, box[0] + pad - (double) logical.x / PANGO_SCALE, box[1] + pad - (double) logical.y / PANGO_SCALE);
  set_source (cr, p->style.color);
  pango_cairo_show_layout (cr, layout);
}

static void
path_points (cairo_t      *cr,
             const double *xy,
             guint         n,
             gboolean      closed)
{
  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    cairo_line_to (cr, xy[2 * i], xy[2 * i + 1]);
  if (closed)
    cairo_close_path (cr);
}

static void
stroke_line (cairo_t   *cr,
             Projected *p,
             gboolean   closed)
{
  path_points (cr, p->xy, p->n, closed);
  if (closed && p->style.fill[3] > 0)
    {
      set_source (cr, p->style.fill);
      cairo_fill_preserve (cr);
    }
  cairo_set_line_width (cr, p->line_px);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_source (cr, p->style.color);
  cairo_stroke (cr);
}

static void
draw_arrow (cairo_t   *cr,
            Projected *p)
{
  double head = MAX (mm (ARROW_HEAD_MM, p->dpi), ARROW_HEAD_WIDTHS * p->line_px);
  double *xy = p->xy;
  guint n = p->n;
  double tx = xy[2 * n - 2], ty = xy[2 * n - 1];
  double fx = xy[2 * n - 4], fy = xy[2 * n - 3];
  double dx = tx - fx, dy = ty - fy, len = hypot (dx, dy);
  double ux, uy, bx, by;

  if (len <= 0)
    return;
  ux = dx / len, uy = dy / len;
  head = MIN (head, len);
  bx = tx - ux * head, by = ty - uy * head;

  /* The shaft stops inside the head so its round cap does not show. */
  cairo_new_path (cr);
  for (guint i = 0; i + 1 < n; i++)
    cairo_line_to (cr, xy[2 * i], xy[2 * i + 1]);
  cairo_line_to (cr, tx - ux * head * 0.6, ty - uy * head * 0.6);
  cairo_set_line_width (cr, p->line_px);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  set_source (cr, p->style.color);
  cairo_stroke (cr);

  cairo_move_to (cr, tx, ty);
  cairo_line_to (cr, bx - uy * head * 0.45, by + ux * head * 0.45);
  cairo_line_to (cr, bx + uy * head * 0.45, by - ux * head * 0.45);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static double
marker_radius (Projected *p)
{
  return MAX (pv_unit_to_pixels (p->style.font_pt, PV_UNIT_PT, p->dpi) * 0.85, mm (2.0, p->dpi));
}

static void
draw_callout (cairo_t   *cr,
              Projected *p)
{
  double tx = p->xy[0], ty = p->xy[1];
  double radius = marker_radius (p);
  g_autofree char *number = g_strdup_printf ("%d", pv_annotation_get_number (p->annotation));
  const char *text = pv_annotation_get_text (p->annotation);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) number_layout = NULL;
  PangoRectangle ink;
  double box[4];

  /* The leader from the marker to the nearest point of the text box. */
  if (p->n >= 2)
    {
      double cx, cy;

      layout = make_layout (cr, text ? text : "", p->style.font_pt, FALSE, p->dpi);
      text_box (layout, p->dpi, p->xy[2], p->xy[3], box);
      cx = CLAMP (tx, box[0], box[0] + box[2]);
      cy = CLAMP (ty, box[1], box[1] + box[3]);
      cairo_move_to (cr, tx, ty);
      cairo_line_to (cr, cx, cy);
      cairo_set_line_width (cr, p->line_px);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      set_source (cr, p->style.color);
      cairo_stroke (cr);
      draw_text_box (cr, layout, box, p, TRUE);
    }

  cairo_new_path (cr);
  cairo_arc (cr, tx, ty, radius, 0, 2 * G_PI);
  set_source (cr, p->style.color);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 1);
  cairo_set_line_width (cr, MAX (1.0, p->line_px / 2));
  cairo_stroke (cr);

  number_layout = make_layout (cr, number, p->style.font_pt * 0.9, TRUE, p->dpi);
  pango_layout_get_extents (number_layout, &ink, NULL);
  cairo_move_to (cr, tx - (ink.x + ink.width / 2.0) / PANGO_SCALE, ty - (ink.y + ink.height / 2.0) / PANGO_SCALE);
  cairo_set_source_rgba (cr, 1, 1, 1, 1);
  pango_cairo_show_layout (cr, number_layout);
}

/* Where a measurement's label goes: the middle of the polygon's box, or
 * the middle point along the line. */
static void
measurement_anchor (Projected *p,
                    double    *x,
                    double    *y)
{
  if (pv_annotation_get_closed (p->annotation))
    {
      double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;

      for (guint i = 0; i < p->n; i++)
        {
          x0 = MIN (x0, p->xy[2 * i]), x1 = MAX (x1, p->xy[2 * i]);
          y0 = MIN (y0, p->xy[2 * i + 1]), y1 = MAX (y1, p->xy[2 * i + 1]);
        }
      *x = (x0 + x1) / 2, *y = (y0 + y1) / 2;
    }
  else
    {
      double total = 0, half, run = 0;

      for (guint i = 0; i + 1 < p->n; i++)
        total += hypot (p->xy[2 * i + 2] - p->xy[2 * i], p->xy[2 * i + 3] - p->xy[2 * i + 1]);
      half = total / 2;
      *x = p->xy[0], *y = p->xy[1];
      for (guint i = 0; i + 1 < p->n; i++)
        {
          double seg = hypot (p->xy[2 * i + 2] - p->xy[2 * i], p->xy[2 * i + 3] - p->xy[2 * i + 1]);

          if (run + seg >= half && seg > 0)
            {
              double t = (half - run) / seg;

              *x = p->xy[2 * i] + t * (p->xy[2 * i + 2] - p->xy[2 * i]);
              *y = p->xy[2 * i + 1] + t * (p->xy[2 * i + 3] - p->xy[2 * i + 1]);
              break;
            }
          run += seg;
        }
    }
}

/* The text box of a projected annotation (texts, callouts, measurements). */
static PangoLayout *
projected_text_box (cairo_t   *cr,
                    Projected *p,
                    double    *box)
{
  const char *text = pv_annotation_get_text (p->annotation);
  PangoLayout *layout;

  switch (pv_annotation_get_kind (p->annotation))
    {
    case PV_ANNOTATION_TEXT:
      layout = make_layout (cr, text ? text : "", p->style.font_pt, FALSE, p->dpi);
      text_box (layout, p->dpi, p->xy[0], p->xy[1], box);
      return layout;
    case PV_ANNOTATION_CALLOUT:
      if (p->n < 2)
        return NULL;
      layout = make_layout (cr, text ? text : "", p->style.font_pt, FALSE, p->dpi);
      text_box (layout, p->dpi, p->xy[2], p->xy[3], box);
      return layout;
    case PV_ANNOTATION_MEASUREMENT:
      {
        double x, y;

        if (text == NULL)
          return NULL;
        layout = make_layout (cr, text, p->style.font_pt, FALSE, p->dpi);
        measurement_anchor (p, &x, &y);
        text_box (layout, p->dpi, 0, 0, box);
        box[0] = x - box[2] / 2;
        box[1] = y - box[3] / 2;
        return layout;
      }
    default:
      return NULL;
    }
}

static void
draw_projected (cairo_t   *cr,
                Projected *p)
{
  PvAnnotationKind kind = pv_annotation_get_kind (p->annotation);
  g_autoptr(PangoLayout) layout = NULL;
  double box[4];

  cairo_save (cr);
  switch (kind)
    {
    case PV_ANNOTATION_TEXT:
      layout = projected_text_box (cr, p, box);
      draw_text_box (cr, layout, box, p, FALSE);
      break;
    case PV_ANNOTATION_ARROW:
      if (p->n >= 2)
        draw_arrow (cr, p);
      break;
    case PV_ANNOTATION_LINE:
    case PV_ANNOTATION_FREEHAND:
      stroke_line (cr, p, FALSE);
      break;
    case PV_ANNOTATION_POLYGON:
    case PV_ANNOTATION_RECTANGLE:
      stroke_line (cr, p, TRUE);
      break;
    case PV_ANNOTATION_CALLOUT:
      draw_callout (cr, p);
      break;
    case PV_ANNOTATION_MEASUREMENT:
      {
        PvAnnotationStyle style = p->style;

        /* The fill is the label's box; the area gets a light wash of the
         * line colour. */
        memcpy (p->style.fill, p->style.color, sizeof p->style.fill);
        p->style.fill[3] *= 0.15;
        stroke_line (cr, p, pv_annotation_get_closed (p->annotation));
        p->style = style;
        layout = projected_text_box (cr, p, box);
        if (layout != NULL)
          draw_text_box (cr, layout, box, p, FALSE);
      }
      break;
    default:
      break;
    }
  cairo_restore (cr);
}

void
pv_annotation_set_draw_annotation (PvAnnotationSet *self,
                                   PvAnnotation    *annotation,
                                   cairo_t         *cr,
                                   PvViewport      *viewport,
                                   PvCrs           *view_crs)
{
  Projected p;

  g_return_if_fail (PV_IS_ANNOTATION_SET (self));
  g_return_if_fail (PV_IS_ANNOTATION (annotation));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (PV_IS_VIEWPORT (viewport));

  if (project (self, annotation, viewport, view_crs, &p))
    draw_projected (cr, &p);
  projected_clear (&p);
}

void
pv_annotation_set_draw_in_crs (PvAnnotationSet *self,
                               cairo_t         *cr,
                               PvViewport      *viewport,
                               PvCrs           *view_crs)
{
  g_return_if_fail (PV_IS_ANNOTATION_SET (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (PV_IS_VIEWPORT (viewport));

  for (guint i = 0; i < pv_annotation_set_get_n_annotations (self); i++)
    pv_annotation_set_draw_annotation (self, pv_annotation_set_get_annotation (self, i), cr, viewport, view_crs);
}

void
pv_annotation_set_draw (PvAnnotationSet *self,
                        cairo_t         *cr,
                        PvViewport      *viewport)
{
  pv_annotation_set_draw_in_crs (self, cr, viewport, NULL);
}

/* ---------------------------------------------------------------- hit testing */

static cairo_t *
measuring_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

static double
segment_distance (double px,
                  double py,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0, 1) : 0;

  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

static gboolean
inside_ring (const double *xy,
             guint         n,
             double        x,
             double        y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];

      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
        inside = !inside;
    }
  return inside;
}

static gboolean
hit_projected (cairo_t   *cr,
               Projected *p,
               double     x,
               double     y,
               double     tolerance)
{
  PvAnnotationKind kind = pv_annotation_get_kind (p->annotation);
  gboolean closed = pv_annotation_get_closed (p->annotation);
  double reach = tolerance + p->line_px / 2;
  g_autoptr(PangoLayout) layout = NULL;
  double box[4];

  layout = projected_text_box (cr, p, box);
  if (layout != NULL && x >= box[0] - tolerance && x <= box[0] + box[2] + tolerance
      && y >= box[1] - tolerance && y <= box[1] + box[3] + tolerance)
    return TRUE;
  if (kind == PV_ANNOTATION_TEXT)
    return FALSE;
  if (kind == PV_ANNOTATION_CALLOUT && hypot (x - p->xy[0], y - p->xy[1]) <= marker_radius (p) + tolerance)
    return TRUE;
  for (guint i = 0; i + 1 < p->n; i++)
    if (segment_distance (x, y, p->xy[2 * i], p->xy[2 * i + 1], p->xy[2 * i + 2], p->xy[2 * i + 3]) <= reach)
      return TRUE;
  if (closed && p->n >= 3)
    {
      guint l = p->n - 1;

      if (segment_distance (x, y, p->xy[2 * l], p->xy[2 * l + 1], p->xy[0], p->xy[1]) <= reach)
        return TRUE;
      if (inside_ring (p->xy, p->n, x, y))
        return TRUE;
    }
  return FALSE;
}

PvAnnotation *
pv_annotation_set_hit_test (PvAnnotationSet *self,
                            PvViewport      *viewport,
                            PvCrs           *view_crs,
                            double           x,
                            double           y,
                            double           tolerance,
                            int             *vertex)
{
  cairo_t *cr;
  PvAnnotation *found = NULL;

  g_return_val_if_fail (PV_IS_ANNOTATION_SET (self), NULL);
  g_return_val_if_fail (PV_IS_VIEWPORT (viewport), NULL);

  if (vertex != NULL)
    *vertex = -1;
  cr = measuring_context ();
  for (guint i = pv_annotation_set_get_n_annotations (self); i-- > 0 && found == NULL;)
    {
      PvAnnotation *annotation = pv_annotation_set_get_annotation (self, i);
      Projected p;

      if (!project (self, annotation, viewport, view_crs, &p))
        {
          projected_clear (&p);
          continue;
        }
      /* Vertices first: a handle wins over the body. */
      for (guint j = 0; j < p.n; j++)
        if (hypot (x - p.xy[2 * j], y - p.xy[2 * j + 1]) <= tolerance)
          {
            found = annotation;
            if (vertex != NULL)
              *vertex = j;
            break;
          }
      if (found == NULL && hit_projected (cr, &p, x, y, tolerance))
        found = annotation;
      projected_clear (&p);
    }
  cairo_destroy (cr);
  return found;
}

gboolean
pv_annotation_set_get_text_box (PvAnnotationSet *self,
                                PvAnnotation    *annotation,
                                PvViewport      *viewport,
                                PvCrs           *view_crs,
                                double          *x,
                                double          *y,
                                double          *width,
                                double          *height)
{
  g_autoptr(PangoLayout) layout = NULL;
  Projected p;
  cairo_t *cr;
  double box[4];

  g_return_val_if_fail (PV_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (PV_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (PV_IS_VIEWPORT (viewport), FALSE);

  if (!project (self, annotation, viewport, view_crs, &p))
    {
      projected_clear (&p);
      return FALSE;
    }
  cr = measuring_context ();
  layout = projected_text_box (cr, &p, box);
  cairo_destroy (cr);
  projected_clear (&p);
  if (layout == NULL)
    return FALSE;
  *x = box[0], *y = box[1], *width = box[2], *height = box[3];
  return TRUE;
}
