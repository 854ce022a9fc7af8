/* pv-symbol.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "pv-symbol.h"
#include "pv-vector-layer-private.h"

gboolean
pv_symbol_set_dash (cairo_t *cr,
                    PvDash   dash,
                    double   width)
{
  /* In line widths, as drawing programs do. */
  static const double dashed[] = { 4, 2 };
  static const double dotted[] = { 1, 2 };
  static const double dash_dot[] = { 4, 2, 1, 2 };
  static const double dash_dot_dot[] = { 4, 2, 1, 2, 1, 2 };
  const double *pattern = NULL;
  double scaled[6];
  int n = 0;
  /* Hairlines keep dashes a pixel long at least. */
  double unit = MAX (width, 1.0);

  switch (dash)
    {
    case PV_DASH_NONE:
      return FALSE;
    case PV_DASH_DASH:
      pattern = dashed;
      n = G_N_ELEMENTS (dashed);
      break;
    case PV_DASH_DOT:
      pattern = dotted;
      n = G_N_ELEMENTS (dotted);
      break;
    case PV_DASH_DASH_DOT:
      pattern = dash_dot;
      n = G_N_ELEMENTS (dash_dot);
      break;
    case PV_DASH_DASH_DOT_DOT:
      pattern = dash_dot_dot;
      n = G_N_ELEMENTS (dash_dot_dot);
      break;
    case PV_DASH_SOLID:
    default:
      cairo_set_dash (cr, NULL, 0, 0);
      return TRUE;
    }
  for (int i = 0; i < n; i++)
    scaled[i] = pattern[i] * unit;
  cairo_set_dash (cr, scaled, n, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  return TRUE;
}

void
pv_symbol_add_marker_path (cairo_t  *cr,
                           PvMarker  marker,
                           double    x,
                           double    y,
                           double    size)
{
  double r = size / 2;

  cairo_new_sub_path (cr);
  switch (marker)
    {
    case PV_MARKER_SQUARE:
      cairo_rectangle (cr, x - r, y - r, size, size);
      break;

    case PV_MARKER_TRIANGLE:
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y + r);
      cairo_line_to (cr, x - r, y + r);
      cairo_close_path (cr);
      break;

    case PV_MARKER_STAR:
      /* Five points; the inner radius of a regular star. */
      for (int i = 0; i < 10; i++)
        {
          double a = -G_PI / 2 + i * G_PI / 5;
          double radius = i % 2 ? r * 0.381966 : r;

          if (i == 0)
            cairo_move_to (cr, x + radius * cos (a), y + radius * sin (a));
          else
            cairo_line_to (cr, x + radius * cos (a), y + radius * sin (a));
        }
      cairo_close_path (cr);
      break;

    case PV_MARKER_DIAMOND:
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;

    case PV_MARKER_CROSS:
      {
        /* A plus sign with arms 0.3 r thick on each side of the centre lines. */
        double t = r * 0.3;

        cairo_move_to (cr, x - t, y - r);
        cairo_line_to (cr, x + t, y - r);
        cairo_line_to (cr, x + t, y - t);
        cairo_line_to (cr, x + r, y - t);
        cairo_line_to (cr, x + r, y + t);
        cairo_line_to (cr, x + t, y + t);
        cairo_line_to (cr, x + t, y + r);
        cairo_line_to (cr, x - t, y + r);
        cairo_line_to (cr, x - t, y + t);
        cairo_line_to (cr, x - r, y + t);
        cairo_line_to (cr, x - r, y - t);
        cairo_line_to (cr, x - t, y - t);
        cairo_close_path (cr);
      }
      break;

    case PV_MARKER_CIRCLE:
    default:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_close_path (cr);
      break;
    }
}

/* Whole lines of width w across a tile of side t, at offsets 0, t, 2t … of
 * x + y (forward) or x - y (backward): the diagonal repeats with the tile. */
static void
diagonal_lines (cairo_t  *cr,
                int       t,
                gboolean  forward)
{
  for (int k = -1; k <= 1; k++)
    {
      if (forward)
        {
          /* x + y = (k + 1) t */
          cairo_move_to (cr, k * t - 1, t + 1);
          cairo_line_to (cr, k * t + t + 1, -1);
        }
      else
        {
          /* x - y = k t */
          cairo_move_to (cr, k * t - 1, -1);
          cairo_line_to (cr, k * t + t + 1, t + 1);
        }
    }
}

cairo_pattern_t *
pv_symbol_create_hatch_pattern (const PvStyleCategory *klass,
                                double                 dpi,
                                double                 origin_x,
                                double                 origin_y)
{
  cairo_surface_t *tile;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  cairo_t *cr;
  double spacing, width;
  int t, line;
  gboolean diagonal;

  g_return_val_if_fail (klass != NULL, NULL);

  if (klass->hatch == PV_HATCH_NONE || klass->hatch_color[3] <= 0)
    return NULL;
  spacing = pv_unit_to_pixels (klass->hatch_spacing, klass->unit, dpi);
  width = pv_unit_to_pixels (klass->hatch_width, klass->unit, dpi);
  diagonal = klass->hatch == PV_HATCH_FORWARD_DIAGONAL || klass->hatch == PV_HATCH_BACKWARD_DIAGONAL ||
             klass->hatch == PV_HATCH_DIAGONAL_CROSS;
  /* Diagonal lines spacing apart cross a square tile of side spacing √2. */
  t = (int) CLAMP (round (diagonal ? spacing * G_SQRT2 : spacing), 2, 1024);
  line = (int) CLAMP (round (width), 1, t - 1);

  tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, t, t);
  cr = cairo_create (tile);
  cairo_set_source_rgba (cr, klass->hatch_color[0], klass->hatch_color[1], klass->hatch_color[2],
                         klass->hatch_color[3]);
  switch (klass->hatch)
    {
    case PV_HATCH_HORIZONTAL:
    case PV_HATCH_VERTICAL:
    case PV_HATCH_CROSS:
      /* Whole pixel rows and columns: crisp at any spacing. */
      if (klass->hatch != PV_HATCH_VERTICAL)
        cairo_rectangle (cr, 0, 0, t, line);
      if (klass->hatch != PV_HATCH_HORIZONTAL)
        cairo_rectangle (cr, 0, 0, line, t);
      cairo_fill (cr);
      break;

    case PV_HATCH_FORWARD_DIAGONAL:
    case PV_HATCH_BACKWARD_DIAGONAL:
    case PV_HATCH_DIAGONAL_CROSS:
      cairo_set_line_width (cr, MAX (width, 0.75));
      if (klass->hatch != PV_HATCH_BACKWARD_DIAGONAL)
        diagonal_lines (cr, t, TRUE);
      if (klass->hatch != PV_HATCH_FORWARD_DIAGONAL)
        diagonal_lines (cr, t, FALSE);
      cairo_stroke (cr);
      break;

    case PV_HATCH_DOTS:
    default:
      cairo_arc (cr, t / 2.0, t / 2.0, MIN (MAX (width, 0.6), t / 2.0), 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    }
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_surface_destroy (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  /* Pattern space = user space - origin; whole pixels keep it sharp. */
  cairo_matrix_init_translate (&matrix, -fmod (round (origin_x), t), -fmod (round (origin_y), t));
  cairo_pattern_set_matrix (pattern, &matrix);
  return pattern;
}

void
pv_symbol_draw_swatch (const PvStyleCategory *klass,
                       PvGeometryKind         kind,
                       cairo_t               *cr,
                       double                 x,
                       double                 y,
                       double                 w,
                       double                 h,
                       double                 dpi)
{
  double side = MIN (w, h);

  g_return_if_fail (klass != NULL && cr != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_new_path (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  switch (kind)
    {
    case PV_GEOMETRY_KIND_LINE:
      {
        double line = MIN (pv_unit_to_pixels (klass->line_width, klass->unit, dpi), h / 2);
        double casing = klass->casing[3] > 0
                        ? MIN (pv_unit_to_pixels (klass->casing_width, klass->unit, dpi), (h - line) / 2) : 0;
        double pad = MAX (line / 2 + casing, 1.0);

        cairo_move_to (cr, x + pad, y + h / 2);
        cairo_line_to (cr, x + w - pad, y + h / 2);
        if (casing > 0)
          {
            cairo_set_source_rgba (cr, klass->casing[0], klass->casing[1], klass->casing[2], klass->casing[3]);
            cairo_set_line_width (cr, line + 2 * casing);
            cairo_stroke_preserve (cr);
          }
        if (pv_symbol_set_dash (cr, klass->line_dash, line))
          {
            cairo_set_source_rgba (cr, klass->fill[0], klass->fill[1], klass->fill[2], klass->fill[3]);
            cairo_set_line_width (cr, line);
            cairo_stroke (cr);
          }
      }
      break;

    case PV_GEOMETRY_KIND_POINT:
      {
        double outline = MIN (pv_unit_to_pixels (klass->outline_width, klass->unit, dpi), side / 4);
        double size = MIN (pv_unit_to_pixels (klass->marker_size, klass->unit, dpi), side - outline - 1);

        pv_symbol_add_marker_path (cr, klass->marker, x + w / 2, y + h / 2, MAX (size, 1));
        cairo_set_source_rgba (cr, klass->fill[0], klass->fill[1], klass->fill[2], klass->fill[3]);
        cairo_fill_preserve (cr);
        if (pv_symbol_set_dash (cr, klass->outline_dash, outline))
          {
            cairo_set_source_rgba (cr, klass->outline[0], klass->outline[1], klass->outline[2], klass->outline[3]);
            cairo_set_line_width (cr, outline);
            cairo_stroke (cr);
          }
      }
      break;

    case PV_GEOMETRY_KIND_POLYGON:
    default:
      {
        double outline = MIN (pv_unit_to_pixels (klass->outline_width, klass->unit, dpi), side / 4);
        double inset = klass->outline_dash == PV_DASH_NONE ? 0 : outline / 2;
        cairo_pattern_t *hatch = pv_symbol_create_hatch_pattern (klass, dpi, x, y);

        cairo_rectangle (cr, x + inset, y + inset, w - 2 * inset, h - 2 * inset);
        cairo_set_source_rgba (cr, klass->fill[0], klass->fill[1], klass->fill[2], klass->fill[3]);
        cairo_fill_preserve (cr);
        if (hatch != NULL)
          {
            cairo_set_source (cr, hatch);
            cairo_fill_preserve (cr);
            cairo_pattern_destroy (hatch);
          }
        if (pv_symbol_set_dash (cr, klass->outline_dash, outline))
          {
            cairo_set_source_rgba (cr, klass->outline[0], klass->outline[1], klass->outline[2], klass->outline[3]);
            cairo_set_line_width (cr, outline);
            cairo_stroke (cr);
          }
      }
      break;
    }
  cairo_new_path (cr);
  cairo_restore (cr);
}

PvGeometryKind
pv_symbol_get_layer_kind (PvVectorLayer *layer)
{
  g_autoptr(GRWLockReaderLocker) window_locker = NULL;
  guint counts[3] = { 0 };

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (layer), PV_GEOMETRY_KIND_POLYGON);

  /* A database layer's window stays while its kinds are counted. */
  window_locker = g_rw_lock_reader_locker_new (&layer->window_lock);
  for (guint f = 0; f < layer->n_features; f++)
    if (layer->kinds[f] <= PV_GEOMETRY_KIND_POLYGON)
      counts[layer->kinds[f]]++;
  if (counts[PV_GEOMETRY_KIND_POINT] > counts[PV_GEOMETRY_KIND_POLYGON] &&
      counts[PV_GEOMETRY_KIND_POINT] >= counts[PV_GEOMETRY_KIND_LINE])
    return PV_GEOMETRY_KIND_POINT;
  if (counts[PV_GEOMETRY_KIND_LINE] > counts[PV_GEOMETRY_KIND_POLYGON])
    return PV_GEOMETRY_KIND_LINE;
  return PV_GEOMETRY_KIND_POLYGON;
}
