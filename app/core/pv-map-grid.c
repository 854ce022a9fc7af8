/* pv-map-grid.c
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
#include "pv-map-grid.h"
#include "pv-transform.h"

/* Millimetres on paper. */
#define TICK_MM        1.0
#define LABEL_GAP_MM   0.5
#define LINE_MM        0.12
#define TICK_LINE_MM   0.15
#define LABEL_SPACE_MM 1.5

/* Beyond this many lines across the frame the interval is surely a
 * mistake; nothing is drawn for that direction. */
#define MAX_LINES 500
/* Points per graticule line. */
#define DENSIFY 128

typedef enum
{
  SIDE_TOP,
  SIDE_BOTTOM,
  SIDE_LEFT,
  SIDE_RIGHT,
  N_SIDES
} Side;

typedef struct
{
  double  pos;  /* along the side: frame x for top/bottom, frame y for left/right */
  char   *text;
} Label;

typedef struct
{
  cairo_t    *cr;
  PvViewport *viewport;
  double      x, y, w, h;
  double      sx, sy;
  double      units_per_mm;
  GArray     *labels[N_SIDES];
} Frame;

static void
label_clear (gpointer data)
{
  Label *label = data;

  g_free (label->text);
}

static void
frame_to_page (Frame  *frame,
               double  map_x,
               double  map_y,
               double *x,
               double *y)
{
  double px, py;

  pv_viewport_map_to_screen (frame->viewport, map_x, map_y, &px, &py);
  *x = frame->x + px * frame->sx;
  *y = frame->y + py * frame->sy;
}

static void
frame_add_label (Frame      *frame,
                 Side        side,
                 double      pos,
                 const char *text)
{
  Label label = { pos, g_strdup (text) };

  g_array_append_val (frame->labels[side], label);
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const Label *la = a, *lb = b;

  return (la->pos > lb->pos) - (la->pos < lb->pos);
}

/* Draws a side's ticks and labels, left to right or top to bottom, leaving
 * out those that overlap the previous one or pass the frame's corners. */
static void
frame_draw_labels (Frame *frame,
                   Side   side)
{
  cairo_t *cr = frame->cr;
  GArray *labels = frame->labels[side];
  double tick = TICK_MM * frame->units_per_mm;
  double gap = LABEL_GAP_MM * frame->units_per_mm;
  double space = LABEL_SPACE_MM * frame->units_per_mm;
  gboolean horizontal = side == SIDE_TOP || side == SIDE_BOTTOM;
  double start = horizontal ? frame->x : frame->y;
  double end = start + (horizontal ? frame->w : frame->h);
  double previous_end = -INFINITY;

  g_array_sort (labels, compare_labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const Label *label = &g_array_index (labels, Label, i);
      g_autoptr(PangoLayout) layout = NULL;
      double w, h;

      cairo_save (cr);
      if (!horizontal)
        cairo_rotate (cr, -G_PI / 2);
      layout = _pv_furniture_create_layout (cr, label->text, PV_FURNITURE_LABEL_MM,
                                            frame->units_per_mm, FALSE);
      cairo_restore (cr);
      _pv_furniture_get_layout_size (layout, &w, &h);
      if (label->pos - w / 2 < start || label->pos + w / 2 > end ||
          label->pos - w / 2 < previous_end + space)
        continue;
      previous_end = label->pos + w / 2;

      cairo_save (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_set_line_width (cr, TICK_LINE_MM * frame->units_per_mm);
      switch (side)
        {
        case SIDE_TOP:
          cairo_move_to (cr, label->pos, frame->y);
          cairo_line_to (cr, label->pos, frame->y - tick);
          cairo_stroke (cr);
          cairo_move_to (cr, label->pos - w / 2, frame->y - tick - gap - h);
          break;
        case SIDE_BOTTOM:
          cairo_move_to (cr, label->pos, frame->y + frame->h);
          cairo_line_to (cr, label->pos, frame->y + frame->h + tick);
          cairo_stroke (cr);
          cairo_move_to (cr, label->pos - w / 2, frame->y + frame->h + tick + gap);
          break;
        case SIDE_LEFT:
          cairo_move_to (cr, frame->x, label->pos);
          cairo_line_to (cr, frame->x - tick, label->pos);
          cairo_stroke (cr);
          /* Read upwards: the text's baseline runs up the page. */
          cairo_translate (cr, frame->x - tick - gap - h, label->pos + w / 2);
          cairo_rotate (cr, -G_PI / 2);
          cairo_move_to (cr, 0, 0);
          break;
        case SIDE_RIGHT:
        case N_SIDES:
        default:
          cairo_move_to (cr, frame->x + frame->w, label->pos);
          cairo_line_to (cr, frame->x + frame->w + tick, label->pos);
          cairo_stroke (cr);
          cairo_translate (cr, frame->x + frame->w + tick + gap, label->pos + w / 2);
          cairo_rotate (cr, -G_PI / 2);
          cairo_move_to (cr, 0, 0);
          break;
        }
      pango_cairo_update_layout (cr, layout);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
}

/* The number of decimals that tell grid lines interval apart. */
static int
decimals_for (double interval)
{
  if (interval >= 1)
    return 0;
  return MIN (9, (int) ceil (-log10 (interval) - 1e-9));
}

double
pv_map_grid_choose_interval (PvViewport *viewport)
{
  double xmin, ymin, xmax, ymax;

  g_return_val_if_fail (PV_IS_VIEWPORT (viewport), 0);

  pv_viewport_get_extent (viewport, &xmin, &ymin, &xmax, &ymax);
  /* The largest round interval with 4 lines or more across the longer
   * side (fewer than 10: the next round interval is at most 2.5 × less). */
  return pv_viewport_round_length (MAX (xmax - xmin, ymax - ymin) / 4);
}

static void
draw_grid (Frame  *frame,
           double  interval,
           Side    x_sides[2],
           Side    y_sides[2])
{
  cairo_t *cr = frame->cr;
  double xmin, ymin, xmax, ymax;
  double k0, k1, j0, j1;
  int decimals = decimals_for (interval);

  pv_viewport_get_extent (frame->viewport, &xmin, &ymin, &xmax, &ymax);
  k0 = ceil (xmin / interval);
  k1 = floor (xmax / interval);
  j0 = ceil (ymin / interval);
  j1 = floor (ymax / interval);
  if (!(k1 - k0 < MAX_LINES) || !(j1 - j0 < MAX_LINES))
    {
      g_debug ("Grid interval %g gives too many lines; no grid drawn", interval);
      return;
    }

  cairo_save (cr);
  cairo_rectangle (cr, frame->x, frame->y, frame->w, frame->h);
  cairo_clip (cr);
  cairo_new_path (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
  cairo_set_line_width (cr, LINE_MM * frame->units_per_mm);

  for (double k = k0; k <= k1; k++)
    {
      g_autofree char *text = _pv_furniture_format_number (k * interval, decimals);
      double x0, y0, x1, y1;

      frame_to_page (frame, k * interval, ymin, &x0, &y0);
      frame_to_page (frame, k * interval, ymax, &x1, &y1);
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      for (guint s = 0; s < 2; s++)
        if (x_sides[s] != N_SIDES)
          frame_add_label (frame, x_sides[s], x0, text);
    }
  for (double j = j0; j <= j1; j++)
    {
      g_autofree char *text = _pv_furniture_format_number (j * interval, decimals);
      double x0, y0, x1, y1;

      frame_to_page (frame, xmin, j * interval, &x0, &y0);
      frame_to_page (frame, xmax, j * interval, &x1, &y1);
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      for (guint s = 0; s < 2; s++)
        if (y_sides[s] != N_SIDES)
          frame_add_label (frame, y_sides[s], y0, text);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The geographic CRS crs is projected from (NULL when it has none), as an
 * EPSG code when it has one. */
static PvCrs *
dup_geographic_crs (PvCrs *crs)
{
  g_autofree char *last_error = NULL;
  g_autofree char *definition = pv_crs_dup_definition (crs);
  g_autoptr(PJ_CONTEXT) ctx = _pv_proj_context_new (&last_error);
  g_autoptr(PJ) pj = NULL;
  g_autoptr(PJ) horizontal = NULL;
  g_autoptr(PJ) geodetic = NULL;
  const char *auth, *code, *wkt;
  PJ_TYPE type;

  if (!(pj = proj_create (ctx, definition)) ||
      !(horizontal = _pv_proj_get_horizontal_crs (ctx, pj)) ||
      !(geodetic = proj_crs_get_geodetic_crs (ctx, horizontal)))
    return NULL;
  type = proj_get_type (geodetic);
  if (type != PJ_TYPE_GEOGRAPHIC_2D_CRS && type != PJ_TYPE_GEOGRAPHIC_3D_CRS)
    return NULL;

  auth = proj_get_id_auth_name (geodetic, 0);
  code = proj_get_id_code (geodetic, 0);
  if (auth != NULL && code != NULL && type == PJ_TYPE_GEOGRAPHIC_2D_CRS)
    {
      g_autofree char *id = g_strdup_printf ("%s:%s", auth, code);
      PvCrs *geographic = pv_crs_new_from_user_input (id, NULL);

      if (geographic != NULL)
        return geographic;
    }
  if (!(wkt = proj_as_wkt (ctx, geodetic, PJ_WKT2_2019, NULL)))
    return NULL;
  return pv_crs_new_from_wkt (wkt, NULL);
}

/* Map ↔ longitude/latitude for the graticule: both NULL for a geographic
 * map CRS (the identity). FALSE when crs has no geographic CRS. */
static gboolean
create_transforms (PvCrs        *crs,
                   PvTransform **to_geo,
                   PvTransform **to_map)
{
  g_autoptr(PvCrs) geographic = NULL;
  g_autoptr(GError) error = NULL;

  *to_geo = *to_map = NULL;
  if (pv_crs_is_geographic (crs))
    return TRUE;
  if (!(geographic = dup_geographic_crs (crs)))
    return FALSE;
  if (!(*to_geo = pv_transform_new (crs, geographic, &error)) ||
      !(*to_map = pv_transform_new (geographic, crs, &error)))
    {
      g_debug ("No graticule in %s: %s", pv_crs_get_name (crs), error->message);
      g_clear_object (to_geo);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_geographic_bounds (PvViewport  *viewport,
                       PvTransform *to_geo,
                       double      *lon0,
                       double      *lat0,
                       double      *lon1,
                       double      *lat1)
{
  double xmin, ymin, xmax, ymax;

  pv_viewport_get_extent (viewport, &xmin, &ymin, &xmax, &ymax);
  if (to_geo == NULL)
    {
      *lon0 = xmin, *lat0 = ymin, *lon1 = xmax, *lat1 = ymax;
      return TRUE;
    }
  return pv_transform_bounds (to_geo, xmin, ymin, xmax, ymax, lon0, lat0, lon1, lat1);
}

/* Seconds of arc, smallest first: the graticule's steps. */
static const double graticule_steps_s[] = {
  1, 2, 5, 10, 15, 20, 30,
  60, 2 * 60, 5 * 60, 10 * 60, 15 * 60, 20 * 60, 30 * 60,
  3600, 2 * 3600, 5 * 3600, 10 * 3600, 15 * 3600, 30 * 3600,
};

static double
choose_graticule_step (double span_deg)
{
  double step = graticule_steps_s[0] / 3600;

  for (guint i = 0; i < G_N_ELEMENTS (graticule_steps_s); i++)
    if (span_deg / (graticule_steps_s[i] / 3600) >= 4)
      step = graticule_steps_s[i] / 3600;
  return step;
}

double
pv_map_grid_choose_graticule_interval (PvViewport *viewport,
                                       PvCrs      *crs)
{
  g_autoptr(PvTransform) to_geo = NULL;
  g_autoptr(PvTransform) to_map = NULL;
  double lon0, lat0, lon1, lat1;

  g_return_val_if_fail (PV_IS_VIEWPORT (viewport), 0);
  g_return_val_if_fail (crs == NULL || PV_IS_CRS (crs), 0);

  if (crs == NULL || !create_transforms (crs, &to_geo, &to_map) ||
      !get_geographic_bounds (viewport, to_geo, &lon0, &lat0, &lon1, &lat1))
    return 0;
  return choose_graticule_step (MAX (lon1 - lon0, lat1 - lat0));
}

char *
pv_map_grid_format_degrees (double value,
                            double step)
{
  gboolean seconds = fabs (step * 60 - round (step * 60)) > 1e-6;
  gint64 total;
  int degrees, minutes, secs;

  if (!isfinite (value))
    return g_strdup ("");
  total = (gint64) llround (fabs (value) * (seconds ? 3600 : 60));
  if (seconds)
    {
      degrees = (int) (total / 3600);
      minutes = (int) (total / 60 % 60);
      secs = (int) (total % 60);
      /* translators: an angle in degrees, minutes and seconds: 106°40′30″ */
      return g_strdup_printf (C_("graticule", "%s%d°%02d′%02d″"),
                              value < 0 && total != 0 ? "−" : "", degrees, minutes, secs);
    }
  degrees = (int) (total / 60);
  minutes = (int) (total % 60);
  /* translators: an angle in degrees and minutes: 106°40′ */
  return g_strdup_printf (C_("graticule", "%s%d°%02d′"),
                          value < 0 && total != 0 ? "−" : "", degrees, minutes);
}

/* Strokes n points (frame units, NaN breaks the line) and adds a label
 * where the line crosses each side in sides (the frame's top or bottom
 * edge for meridians, left or right for parallels). */
static void
add_polyline (Frame        *frame,
              const double *xy,
              guint         n,
              const Side    sides[2],
              const char   *text)
{
  cairo_t *cr = frame->cr;
  gboolean pen_down = FALSE;

  for (guint i = 0; i < n; i++)
    {
      double x = xy[2 * i], y = xy[2 * i + 1];

      if (!isfinite (x) || !isfinite (y))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      pen_down = TRUE;
    }

  for (guint s = 0; s < 2; s++)
    {
      Side side = sides[s];
      gboolean vertical_edge = side == SIDE_LEFT || side == SIDE_RIGHT;
      double edge;

      if (side == N_SIDES)
        continue;
      edge = side == SIDE_TOP ? frame->y : side == SIDE_BOTTOM ? frame->y + frame->h
             : side == SIDE_LEFT ? frame->x : frame->x + frame->w;
      for (guint i = 1; i < n; i++)
        {
          /* a: the coordinate across the edge, b: along it. */
          double a0 = vertical_edge ? xy[2 * i - 2] : xy[2 * i - 1];
          double a1 = vertical_edge ? xy[2 * i] : xy[2 * i + 1];
          double b0 = vertical_edge ? xy[2 * i - 1] : xy[2 * i - 2];
          double b1 = vertical_edge ? xy[2 * i + 1] : xy[2 * i];
          double t, b;

          if (!isfinite (a0) || !isfinite (a1) || !isfinite (b0) || !isfinite (b1) ||
              (a0 - edge) * (a1 - edge) > 0 || a0 == a1)
            continue;
          t = (edge - a0) / (a1 - a0);
          b = b0 + t * (b1 - b0);
          frame_add_label (frame, side, b, text);
          break;
        }
    }
}

static void
draw_graticule (Frame       *frame,
                PvTransform *to_geo,
                PvTransform *to_map,
                double       step,
                const Side   lon_sides[2],
                const Side   lat_sides[2])
{
  cairo_t *cr = frame->cr;
  g_autofree double *xy = g_new (double, 2 * (DENSIFY + 1));
  double lon0, lat0, lon1, lat1;
  double k0, k1, j0, j1;

  if (!get_geographic_bounds (frame->viewport, to_geo, &lon0, &lat0, &lon1, &lat1))
    return;
  if (!(step > 0))
    step = choose_graticule_step (MAX (lon1 - lon0, lat1 - lat0));
  k0 = ceil (lon0 / step - 1e-9);
  k1 = floor (lon1 / step + 1e-9);
  j0 = ceil (lat0 / step - 1e-9);
  j1 = floor (lat1 / step + 1e-9);
  if (!(k1 - k0 < MAX_LINES) || !(j1 - j0 < MAX_LINES))
    {
      g_debug ("Graticule interval %g° gives too many lines; no graticule drawn", step);
      return;
    }

  cairo_save (cr);
  cairo_rectangle (cr, frame->x, frame->y, frame->w, frame->h);
  cairo_clip (cr);
  cairo_new_path (cr);
  cairo_set_source_rgba (cr, 0.05, 0.25, 0.6, 0.9);
  cairo_set_line_width (cr, LINE_MM * frame->units_per_mm);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (int pass = 0; pass < 2; pass++)
    {
      gboolean meridians = pass == 0;
      double first = meridians ? k0 : j0, last = meridians ? k1 : j1;

      for (double k = first; k <= last; k++)
        {
          g_autofree char *text = pv_map_grid_format_degrees (k * step, step);

          /* Along the line across the whole frame's bounds, densified. */
          for (guint i = 0; i <= DENSIFY; i++)
            {
              double t = (double) i / DENSIFY;

              xy[2 * i] = meridians ? k * step : lon0 + t * (lon1 - lon0);
              xy[2 * i + 1] = meridians ? lat0 + t * (lat1 - lat0) : k * step;
            }
          if (to_map != NULL)
            pv_transform_points_interleaved (to_map, xy, DENSIFY + 1);
          for (guint i = 0; i <= DENSIFY; i++)
            if (isfinite (xy[2 * i]) && isfinite (xy[2 * i + 1]))
              frame_to_page (frame, xy[2 * i], xy[2 * i + 1], &xy[2 * i], &xy[2 * i + 1]);
          add_polyline (frame, xy, DENSIFY + 1, meridians ? lon_sides : lat_sides, text);
        }
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
pv_map_grid_draw (cairo_t                *cr,
                  PvViewport             *viewport,
                  PvCrs                  *crs,
                  double                  frame_x,
                  double                  frame_y,
                  double                  frame_w,
                  double                  frame_h,
                  double                  units_per_mm,
                  const PvMapGridOptions *options)
{
  g_autoptr(PvTransform) to_geo = NULL;
  g_autoptr(PvTransform) to_map = NULL;
  Frame frame = { 0, };
  gboolean grid, graticule, geographic;
  Side grid_x_sides[2] = { SIDE_BOTTOM, SIDE_TOP };
  Side grid_y_sides[2] = { SIDE_LEFT, SIDE_RIGHT };
  Side lon_sides[2] = { SIDE_TOP, SIDE_BOTTOM };
  Side lat_sides[2] = { SIDE_RIGHT, SIDE_LEFT };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PV_IS_VIEWPORT (viewport));
  g_return_if_fail (crs == NULL || PV_IS_CRS (crs));
  g_return_if_fail (options != NULL);

  if (!(frame_w > 0) || !(frame_h > 0) || !(units_per_mm > 0) ||
      pv_viewport_get_width (viewport) <= 0 || pv_viewport_get_height (viewport) <= 0 ||
      !(pv_viewport_get_resolution (viewport) > 0))
    return;

  geographic = crs != NULL && pv_crs_is_geographic (crs);
  /* In degrees the grid is the graticule. */
  grid = options->grid && !geographic;
  graticule = (options->graticule || (options->grid && geographic)) && crs != NULL &&
              create_transforms (crs, &to_geo, &to_map);
  if (!grid && !graticule)
    return;
  /* Both: the grid below and left, the graticule above and right. */
  if (grid && graticule)
    {
      grid_x_sides[1] = grid_y_sides[1] = N_SIDES;
      lon_sides[1] = lat_sides[1] = N_SIDES;
    }

  frame.cr = cr;
  frame.viewport = viewport;
  frame.x = frame_x;
  frame.y = frame_y;
  frame.w = frame_w;
  frame.h = frame_h;
  frame.sx = frame_w / pv_viewport_get_width (viewport);
  frame.sy = frame_h / pv_viewport_get_height (viewport);
  frame.units_per_mm = units_per_mm;
  for (guint s = 0; s < N_SIDES; s++)
    {
      frame.labels[s] = g_array_new (FALSE, FALSE, sizeof (Label));
      g_array_set_clear_func (frame.labels[s], label_clear);
    }

  cairo_save (cr);
  if (grid)
    {
      double interval = options->interval > 0 && isfinite (options->interval)
                        ? options->interval : pv_map_grid_choose_interval (viewport);

      if (interval > 0)
        draw_grid (&frame, interval, grid_x_sides, grid_y_sides);
    }
  if (graticule)
    {
      double step = options->graticule_interval_deg;

      /* A geographic CRS's grid interval is in degrees too. */
      if (!(step > 0) && geographic && !options->graticule)
        step = options->interval;
      draw_graticule (&frame, to_geo, to_map, isfinite (step) ? step : 0, lon_sides, lat_sides);
    }
  for (guint s = 0; s < N_SIDES; s++)
    frame_draw_labels (&frame, s);
  cairo_restore (cr);

  for (guint s = 0; s < N_SIDES; s++)
    g_array_unref (frame.labels[s]);
}

double
pv_map_grid_measure_margin (cairo_t *cr,
                            double   units_per_mm)
{
  g_autoptr(PangoLayout) layout = NULL;
  double h;

  g_return_val_if_fail (cr != NULL, 0);

  layout = _pv_furniture_create_layout (cr, "0", PV_FURNITURE_LABEL_MM, units_per_mm, FALSE);
  _pv_furniture_get_layout_size (layout, NULL, &h);
  return (TICK_MM + LABEL_GAP_MM) * units_per_mm + h;
}
