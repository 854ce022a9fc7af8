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
