/* pv-north-arrow.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "pv-furniture-private.h"
#include "pv-gdal-private.h"
#include "pv-north-arrow.h"

#define LINE_MM 0.2

/* The angular unit of the first axis of a geographic CRS, in radians. */
static double
get_radians_per_unit (PJ_CONTEXT *ctx,
                      PJ         *geographic)
{
  g_autoptr(PJ) cs = proj_crs_get_coordinate_system (ctx, geographic);
  double factor = NAN;

  if (cs == NULL ||
      !proj_cs_get_axis_info (ctx, cs, 0, NULL, NULL, NULL, &factor, NULL, NULL, NULL))
    return NAN;
  return factor;
}

double
pv_north_arrow_get_angle (PvCrs  *crs,
                          double  x,
                          double  y)
{
  g_autofree char *last_error = NULL;
  g_autofree char *definition = NULL;
  g_autoptr(PJ_CONTEXT) ctx = NULL;
  g_autoptr(PJ) pj = NULL;
  g_autoptr(PJ) horizontal = NULL;
  g_autoptr(PJ) geographic = NULL;
  g_autoptr(PJ) op = NULL;
  g_autoptr(PJ) norm = NULL;
  PJ_COORD lonlat, a, b;
  PJ_FACTORS factors;
  double to_radians;

  g_return_val_if_fail (crs == NULL || PV_IS_CRS (crs), 0);

  if (crs == NULL || pv_crs_is_geographic (crs) || !isfinite (x) || !isfinite (y))
    return 0;

  definition = pv_crs_dup_definition (crs);
  ctx = _pv_proj_context_new (&last_error);
  if (!(pj = proj_create (ctx, definition)) ||
      !(horizontal = _pv_proj_get_horizontal_crs (ctx, pj)) ||
      proj_get_type (horizontal) != PJ_TYPE_PROJECTED_CRS ||
      !(geographic = proj_crs_get_geodetic_crs (ctx, horizontal)) ||
      !isfinite (to_radians = get_radians_per_unit (ctx, geographic)) ||
      !(op = proj_create_crs_to_crs_from_pj (ctx, horizontal, geographic, NULL, NULL)) ||
      !(norm = proj_normalize_for_visualization (ctx, op)))
    {
      g_debug ("No north angle in %s: %s", pv_crs_get_name (crs),
               last_error != NULL ? last_error : "not a projected CRS");
      return 0;
    }

  lonlat = proj_trans (norm, PJ_FWD, proj_coord (x, y, 0, 0));
  if (!isfinite (lonlat.lp.lam) || !isfinite (lonlat.lp.phi))
    return 0;

  /* PROJ's convergence is the angle from true north to grid north,
   * clockwise: the arrow turns the other way. */
  factors = proj_factors (horizontal, proj_coord (lonlat.lp.lam * to_radians,
                                                  lonlat.lp.phi * to_radians, 0, 0));
  if (proj_errno (horizontal) == 0 && isfinite (factors.meridian_convergence))
    return -factors.meridian_convergence;
  proj_errno_reset (horizontal);

  /* Projections proj_factors() cannot differentiate: the direction in
   * which the meridian through the point runs north, 1″ either side. */
  {
    double step = G_PI / 180 / 3600 / to_radians;

    a = proj_trans (norm, PJ_INV, proj_coord (lonlat.lp.lam, lonlat.lp.phi - step, 0, 0));
    b = proj_trans (norm, PJ_INV, proj_coord (lonlat.lp.lam, lonlat.lp.phi + step, 0, 0));
  }
  if (!isfinite (a.xy.x) || !isfinite (b.xy.x) || !isfinite (a.xy.y) || !isfinite (b.xy.y))
    return 0;
  return atan2 (b.xy.x - a.xy.x, b.xy.y - a.xy.y);
}

void
pv_north_arrow_draw (cairo_t *cr,
                     double   cx,
                     double   cy,
                     double   size,
                     double   angle,
                     double   units_per_mm)
{
  g_autoptr(PangoLayout) layout = NULL;
  double line = LINE_MM * units_per_mm;
  double text_w, text_h, top, tip, bottom, notch, half;

  g_return_if_fail (cr != NULL);

  if (!(size > 0) || !isfinite (size) || !isfinite (angle))
    return;

  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_rotate (cr, angle);

  /* The letter takes the top 30 % of the height (its line box), the
   * arrowhead the rest. */
  /* translators: the letter on the north arrow (North) */
  layout = _pv_furniture_create_layout (cr, C_("north arrow", "N"), size * 0.3 / units_per_mm,
                                        units_per_mm, TRUE);
  _pv_furniture_get_layout_size (layout, &text_w, &text_h);
  top = -size / 2;
  tip = top + MIN (text_h, size * 0.4);
  bottom = size / 2 - line / 2;
  half = size * 0.45 / 2 - line / 2;
  notch = bottom - (bottom - tip) * 0.25;

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, -text_w / 2, top);
  pango_cairo_update_layout (cr, layout);
  pango_cairo_show_layout (cr, layout);

  cairo_new_path (cr);
  cairo_set_line_width (cr, line);
  /* Round: a miter would spike past the arrow's acute corners. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* The right half white, so the arrow reads on any map. */
  cairo_move_to (cr, 0, tip);
  cairo_line_to (cr, half, bottom);
  cairo_line_to (cr, 0, notch);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_stroke (cr);
  /* The left half black. */
  cairo_move_to (cr, 0, tip);
  cairo_line_to (cr, -half, bottom);
  cairo_line_to (cr, 0, notch);
  cairo_close_path (cr);
  cairo_fill_preserve (cr);
  cairo_stroke (cr);
  cairo_restore (cr);
}
