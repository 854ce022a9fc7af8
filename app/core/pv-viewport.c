/* pv-viewport.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "pv-viewport.h"

#define METERS_PER_INCH 0.0254

struct _PvViewport
{
  GObject parent_instance;

  double  center_x;
  double  center_y;
  double  resolution;
  int     width;
  int     height;
  double  dpi;
};

G_DEFINE_FINAL_TYPE (PvViewport, pv_viewport, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pv_viewport_class_init (PvViewportClass *klass)
{
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pv_viewport_init (PvViewport *self)
{
  self->resolution = 1.0;
  self->width = 1;
  self->height = 1;
  self->dpi = 96.0;
}

PvViewport *
pv_viewport_new (void)
{
  return g_object_new (PV_TYPE_VIEWPORT, NULL);
}

PvViewport *
pv_viewport_copy (PvViewport *self)
{
  PvViewport *copy;

  g_return_val_if_fail (PV_IS_VIEWPORT (self), NULL);

  copy = pv_viewport_new ();
  copy->center_x = self->center_x;
  copy->center_y = self->center_y;
  copy->resolution = self->resolution;
  copy->width = self->width;
  copy->height = self->height;
  copy->dpi = self->dpi;
  return copy;
}

static void
emit_changed (PvViewport *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
pv_viewport_set_center (PvViewport *self,
                        double      x,
                        double      y)
{
  g_return_if_fail (PV_IS_VIEWPORT (self));

  if (!isfinite (x) || !isfinite (y))
    return;
  if (x == self->center_x && y == self->center_y)
    return;
  self->center_x = x;
  self->center_y = y;
  emit_changed (self);
}

void
pv_viewport_get_center (PvViewport *self,
                        double     *x,
                        double     *y)
{
  g_return_if_fail (PV_IS_VIEWPORT (self));

  if (x)
    *x = self->center_x;
  if (y)
    *y = self->center_y;
}

double
pv_viewport_get_resolution (PvViewport *self)
{
  g_return_val_if_fail (PV_IS_VIEWPORT (self), 1.0);

  return self->resolution;
}

void
pv_viewport_set_resolution (PvViewport *self,
                            double      resolution)
{
  g_return_if_fail (PV_IS_VIEWPORT (self));

  if (!isfinite (resolution) || resolution <= 0)
    return;
  /* Keep far from cairo's fixed-point limits and double precision limits. */
  resolution = CLAMP (resolution, 1e-9, 1e9);
  if (resolution == self->resolution)
    return;
  self->resolution = resolution;
  emit_changed (self);
}

void
pv_viewport_set_size (PvViewport *self,
                      int         width,
                      int         height)
{
  g_return_if_fail (PV_IS_VIEWPORT (self));

  width = MAX (width, 1);
  height = MAX (height, 1);
  if (width == self->width && height == self->height)
    return;
  self->width = width;
  self->height = height;
  emit_changed (self);
}

int
pv_viewport_get_width (PvViewport *self)
{
  g_return_val_if_fail (PV_IS_VIEWPORT (self), 1);

  return self->width;
}

int
pv_viewport_get_height (PvViewport *self)
{
  g_return_val_if_fail (PV_IS_VIEWPORT (self), 1);

  return self->height;
}

double
pv_viewport_get_dpi (PvViewport *self)
{
  g_return_val_if_fail (PV_IS_VIEWPORT (self), 96.0);

  return self->dpi;
}

void
pv_viewport_set_dpi (PvViewport *self,
                     double      dpi)
{
  g_return_if_fail (PV_IS_VIEWPORT (self));

  if (!isfinite (dpi) || dpi <= 0 || dpi == self->dpi)
    return;
  self->dpi = dpi;
  emit_changed (self);
}

double
pv_viewport_get_scale (PvViewport *self)
{
  g_return_val_if_fail (PV_IS_VIEWPORT (self), 0);

  return self->resolution * self->dpi / METERS_PER_INCH;
}

void
pv_viewport_set_scale (PvViewport *self,
                       double      scale)
{
  g_return_if_fail (PV_IS_VIEWPORT (self));

  if (!isfinite (scale) || scale <= 0)
    return;
  pv_viewport_set_resolution (self, scale * METERS_PER_INCH / self->dpi);
}

void
pv_viewport_get_extent (PvViewport *self,
                        double     *xmin,
                        double     *ymin,
                        double     *xmax,
                        double     *ymax)
{
  double half_w, half_h;

  g_return_if_fail (PV_IS_VIEWPORT (self));

  half_w = self->width * self->resolution / 2.0;
  half_h = self->height * self->resolution / 2.0;
  *xmin = self->center_x - half_w;
  *xmax = self->center_x + half_w;
  *ymin = self->center_y - half_h;
  *ymax = self->center_y + half_h;
}

void
pv_viewport_fit_extent (PvViewport *self,
                        double      xmin,
                        double      ymin,
                        double      xmax,
                        double      ymax)
{
  double w, h, res;

  g_return_if_fail (PV_IS_VIEWPORT (self));

  if (!isfinite (xmin) || !isfinite (ymin) || !isfinite (xmax) || !isfinite (ymax))
    return;
  w = MAX (xmax - xmin, 0);
  h = MAX (ymax - ymin, 0);
  res = MAX (w / self->width, h / self->height);
  if (res <= 0)
    res = 1.0;  /* a single point: any zoom shows it */

  g_object_freeze_notify (G_OBJECT (self));
  self->center_x = (xmin + xmax) / 2.0;
  self->center_y = (ymin + ymax) / 2.0;
  self->resolution = CLAMP (res, 1e-9, 1e9);
  g_object_thaw_notify (G_OBJECT (self));
  emit_changed (self);
}

void
pv_viewport_map_to_screen (PvViewport *self,
                           double      map_x,
                           double      map_y,
                           double     *screen_x,
                           double     *screen_y)
{
  g_return_if_fail (PV_IS_VIEWPORT (self));

  *screen_x = (map_x - self->center_x) / self->resolution + self->width / 2.0;
  *screen_y = (self->center_y - map_y) / self->resolution + self->height / 2.0;
}

void
pv_viewport_screen_to_map (PvViewport *self,
                           double      screen_x,
                           double      screen_y,
                           double     *map_x,
                           double     *map_y)
{
  g_return_if_fail (PV_IS_VIEWPORT (self));

  *map_x = self->center_x + (screen_x - self->width / 2.0) * self->resolution;
  *map_y = self->center_y - (screen_y - self->height / 2.0) * self->resolution;
}

void
pv_viewport_zoom_at (PvViewport *self,
                     double      factor,
                     double      screen_x,
                     double      screen_y)
{
  double mx, my, new_res;

  g_return_if_fail (PV_IS_VIEWPORT (self));

  if (!isfinite (factor) || factor <= 0)
    return;
  pv_viewport_screen_to_map (self, screen_x, screen_y, &mx, &my);
  new_res = CLAMP (self->resolution / factor, 1e-9, 1e9);
  /* The anchored point keeps its screen position. */
  self->center_x = mx - (screen_x - self->width / 2.0) * new_res;
  self->center_y = my + (screen_y - self->height / 2.0) * new_res;
  self->resolution = new_res;
  emit_changed (self);
}

void
pv_viewport_pan_pixels (PvViewport *self,
                        double      dx,
                        double      dy)
{
  g_return_if_fail (PV_IS_VIEWPORT (self));

  if (!isfinite (dx) || !isfinite (dy))
    return;
  self->center_x -= dx * self->resolution;
  self->center_y += dy * self->resolution;
  emit_changed (self);
}

void
pv_viewport_zoom_to_box (PvViewport *self,
                         double      x0,
                         double      y0,
                         double      x1,
                         double      y1)
{
  double ax, ay, bx, by;

  g_return_if_fail (PV_IS_VIEWPORT (self));

  if (!isfinite (x0) || !isfinite (y0) || !isfinite (x1) || !isfinite (y1))
    return;
  pv_viewport_screen_to_map (self, x0, y0, &ax, &ay);
  pv_viewport_screen_to_map (self, x1, y1, &bx, &by);
  pv_viewport_fit_extent (self, MIN (ax, bx), MIN (ay, by), MAX (ax, bx), MAX (ay, by));
}

void
pv_viewport_interpolate (PvViewport *self,
                         PvViewport *from,
                         PvViewport *to,
                         double      t)
{
  double ra, rb, r, cx, cy;

  g_return_if_fail (PV_IS_VIEWPORT (self));
  g_return_if_fail (PV_IS_VIEWPORT (from));
  g_return_if_fail (PV_IS_VIEWPORT (to));

  if (!isfinite (t))
    return;
  t = CLAMP (t, 0.0, 1.0);
  ra = from->resolution;
  rb = to->resolution;
  r = t >= 1.0 ? rb : ra * pow (rb / ra, t);

  if (t >= 1.0)
    {
      cx = to->center_x;
      cy = to->center_y;
    }
  else if (fabs (rb / ra - 1.0) < 1e-9)
    {
      /* A pan: straight line. */
      cx = from->center_x + (to->center_x - from->center_x) * t;
      cy = from->center_y + (to->center_y - from->center_y) * t;
    }
  else
    {
      /* The fixed point F of the similarity from one view to the other is at
       * the same screen position in both: (F - ca) / ra = (F - cb) / rb. Every
       * intermediate view scales about it. */
      double fx = (from->center_x * rb - to->center_x * ra) / (rb - ra);
      double fy = (from->center_y * rb - to->center_y * ra) / (rb - ra);

      cx = fx + (from->center_x - fx) * r / ra;
      cy = fy + (from->center_y - fy) * r / ra;
    }

  if (!isfinite (cx) || !isfinite (cy) || !isfinite (r))
    return;
  r = CLAMP (r, 1e-9, 1e9);
  if (cx == self->center_x && cy == self->center_y && r == self->resolution)
    return;
  self->center_x = cx;
  self->center_y = cy;
  self->resolution = r;
  emit_changed (self);
}

PvViewport *
pv_viewport_copy_overscan (PvViewport *self,
                           double      margin)
{
  PvViewport *copy;

  g_return_val_if_fail (PV_IS_VIEWPORT (self), NULL);

  copy = pv_viewport_copy (self);
  if (isfinite (margin) && margin > 0)
    {
      /* Whole pixels on each side, so the centre stays on the same pixel grid. */
      int mx = (int) ceil (self->width * margin);
      int my = (int) ceil (self->height * margin);

      copy->width = self->width + 2 * mx;
      copy->height = self->height + 2 * my;
    }
  return copy;
}

gboolean
pv_viewport_covers (PvViewport *self,
                    PvViewport *other)
{
  double axmin, aymin, axmax, aymax, bxmin, bymin, bxmax, bymax, slack;

  g_return_val_if_fail (PV_IS_VIEWPORT (self), FALSE);
  g_return_val_if_fail (PV_IS_VIEWPORT (other), FALSE);

  if (self->resolution != other->resolution || self->dpi != other->dpi)
    return FALSE;
  pv_viewport_get_extent (self, &axmin, &aymin, &axmax, &aymax);
  pv_viewport_get_extent (other, &bxmin, &bymin, &bxmax, &bymax);
  /* Rounding of the sums must not turn an exact fit into a miss. */
  slack = self->resolution * 1e-6;
  return axmin <= bxmin + slack && aymin <= bymin + slack
         && axmax >= bxmax - slack && aymax >= bymax - slack;
}

/* Metres per degree of longitude at the equator (WGS 84 semi-major axis × π / 180). */
#define METERS_PER_DEGREE 111319.49

double
pv_viewport_get_ground_resolution (PvViewport *self,
                                   gboolean    geographic)
{
  double lat;

  g_return_val_if_fail (PV_IS_VIEWPORT (self), 0);

  if (!geographic)
    return self->resolution;
  /* Core has no geodesic API yet: a degree of longitude at the centre's
   * latitude is approximated on a sphere of the WGS 84 equatorial radius as
   * 111 319.49 m × cos (lat). Good to about 0.5 % at Bình Dương's latitude,
   * which is plenty for a scale bar. */
  lat = CLAMP (self->center_y, -89.9, 89.9);
  return self->resolution * METERS_PER_DEGREE * cos (lat * G_PI / 180.0);
}

double
pv_viewport_round_length (double length)
{
  double power, mantissa;

  if (!isfinite (length) || length <= 0)
    return 0;
  power = pow (10.0, floor (log10 (length)));
  mantissa = length / power;
  /* log10 may land a hair below an exact power of ten. */
  if (mantissa >= 10.0 - 1e-9)
    {
      power *= 10.0;
      mantissa = 1.0;
    }
  if (mantissa >= 5.0)
    return 5.0 * power;
  if (mantissa >= 2.0)
    return 2.0 * power;
  return power;
}
