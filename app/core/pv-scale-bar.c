/* pv-scale-bar.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pv-furniture-private.h"
#include "pv-scale-bar.h"
#include "pv-viewport.h"

/* Millimetres on paper. */
#define BAR_HEIGHT_MM 1.6
#define LINE_MM       0.2
#define LABEL_GAP_MM  0.6
/* The least room between two labels. */
#define LABEL_SPACE_MM 1.0

#define MAX_SEGMENTS 5

/* One way to draw the bar: its length and which boundaries carry labels. */
typedef struct
{
  double       length_m;
  double       bar_width;
  guint        n_segments;
  guint        n_labels;
  /* The boundary (0 … n_segments) of each label and its layout. */
  guint        boundary[MAX_SEGMENTS + 1];
  PangoLayout *layouts[MAX_SEGMENTS + 1];
  double       label_width[MAX_SEGMENTS + 1];
  double       label_height;
  double       bar_x;
  double       total_width;
} Plan;

static void
plan_clear (Plan *plan)
{
  for (guint i = 0; i < plan->n_labels; i++)
    g_clear_object (&plan->layouts[i]);
  plan->n_labels = 0;
}

/* 1 × 10^n in 4 segments (250 m of 1 km), 2 × 10^n in 4 (500 m of 2 km),
 * 5 × 10^n in 5 (1 km of 5 km). */
static guint
segments_for_length (double length_m)
{
  double leading = length_m / pow (10, floor (log10 (length_m)));

  if (leading > 4.5)
    return 5;
  return 4;
}

/* The unit the bar's end is labelled in: the factor from metres and the
 * label format for a number in it. */
typedef enum
{
  UNIT_CM,
  UNIT_M,
  UNIT_KM,
} Unit;

static Unit
unit_for_length (double metres)
{
  if (metres >= 1000)
    return UNIT_KM;
  if (metres >= 1)
    return UNIT_M;
  return UNIT_CM;
}

static double
unit_factor (Unit unit)
{
  switch (unit)
    {
    case UNIT_KM:
      return 1000;
    case UNIT_CM:
      return 0.01;
    case UNIT_M:
    default:
      return 1;
    }
}

static gboolean
is_whole (double value)
{
  return fabs (value - round (value)) < 1e-6 * MAX (1, fabs (value));
}

/* The text of the label at value metres on a bar of length_m: the end with
 * its unit; the others bare, in the end's unit when they are whole numbers
 * in it, else in the next smaller unit ("0", "500", "1 km"). */
static char *
format_label (double   value,
              double   length_m,
              gboolean all_whole_in_end_unit)
{
  Unit unit = unit_for_length (length_m);
  g_autofree char *number = NULL;

  if (value == 0)
    return g_strdup ("0");
  if (value < length_m)
    {
      if (!all_whole_in_end_unit && unit > UNIT_CM)
        unit--;
      return _pv_furniture_format_number (value / unit_factor (unit), 3);
    }
  number = _pv_furniture_format_number (value / unit_factor (unit), 3);
  switch (unit)
    {
    case UNIT_KM:
      /* translators: the end of a scale bar in kilometres; %s is a number such as "2" */
      return g_strdup_printf (C_("scale bar", "%s km"), number);
    case UNIT_CM:
      /* translators: the end of a scale bar in centimetres; %s is a number such as "20" */
      return g_strdup_printf (C_("scale bar", "%s cm"), number);
    case UNIT_M:
    default:
      /* translators: the end of a scale bar in metres; %s is a number such as "500" */
      return g_strdup_printf (C_("scale bar", "%s m"), number);
    }
}

/* Labels the boundaries in mask (bit i: boundary i); FALSE when two of them
 * would overlap. */
static gboolean
plan_try_labels (Plan    *plan,
                 cairo_t *cr,
                 guint    mask,
                 double   units_per_mm)
{
  double seg_w = plan->bar_width / plan->n_segments;
  double end_factor = unit_factor (unit_for_length (plan->length_m));
  gboolean all_whole = TRUE;
  double previous_right = -INFINITY;

  plan_clear (plan);
  plan->label_height = 0;
  for (guint i = 1; i < plan->n_segments; i++)
    if ((mask & (1u << i)) && !is_whole (plan->length_m * i / plan->n_segments / end_factor))
      all_whole = FALSE;

  for (guint i = 0; i <= plan->n_segments; i++)
    {
      g_autofree char *text = NULL;
      double value = plan->length_m * i / plan->n_segments;
      double centre = i * seg_w, w, h;

      if (!(mask & (1u << i)))
        continue;
      text = format_label (i == plan->n_segments ? plan->length_m : value, plan->length_m,
                           all_whole);
      plan->layouts[plan->n_labels] =
        _pv_furniture_create_layout (cr, text, PV_FURNITURE_LABEL_MM, units_per_mm, FALSE);
      _pv_furniture_get_layout_size (plan->layouts[plan->n_labels], &w, &h);
      plan->boundary[plan->n_labels] = i;
      plan->label_width[plan->n_labels] = w;
      plan->label_height = MAX (plan->label_height, h);
      plan->n_labels++;
      if (centre - w / 2 < previous_right + LABEL_SPACE_MM * units_per_mm)
        return FALSE;
      previous_right = centre + w / 2;
    }
  return TRUE;
}

/* Finds the longest round bar that fits max_width with its labels. */
static gboolean
plan_compute (Plan    *plan,
              cairo_t *cr,
              double   max_width,
              double   metres_per_unit,
              double   units_per_mm)
{
  double line = LINE_MM * units_per_mm;
  double length;

  memset (plan, 0, sizeof *plan);
  if (!(metres_per_unit > 0) || !isfinite (metres_per_unit) ||
      !(max_width > 0) || !isfinite (max_width) || !(units_per_mm > 0))
    return FALSE;

  for (length = pv_viewport_round_length (max_width * metres_per_unit);
       length > 0 && isfinite (length);
       length = pv_viewport_round_length (length * 0.999))
    {
      guint n = segments_for_length (length);
      guint all = (1u << (n + 1)) - 1;
      guint ends = 1u | (1u << n);
      guint masks[3];
      double left, right;

      plan->length_m = length;
      plan->bar_width = length / metres_per_unit;
      plan->n_segments = n;
      plan->label_height = 0;
      /* The bar must still look like one: its boxes at least a line wide. */
      if (plan->bar_width < 4 * n * line)
        break;

      /* Every boundary; else the ends and the middle; else the ends. */
      masks[0] = all;
      masks[1] = n % 2 == 0 ? ends | (1u << (n / 2)) : ends;
      masks[2] = ends;
      for (guint m = 0; m < G_N_ELEMENTS (masks); m++)
        if (plan_try_labels (plan, cr, masks[m], units_per_mm))
          break;
        else if (m + 1 == G_N_ELEMENTS (masks))
          plan_clear (plan);
      if (plan->n_labels == 0)
        continue;

      left = MAX (plan->label_width[0] / 2, 0);
      right = MAX (plan->label_width[plan->n_labels - 1] / 2, 0);
      plan->bar_x = left;
      plan->total_width = left + plan->bar_width + right;
      if (plan->total_width <= max_width)
        return TRUE;
      plan_clear (plan);
    }
  plan_clear (plan);
  return FALSE;
}

static void
plan_fill_info (const Plan     *plan,
                double          units_per_mm,
                PvScaleBarInfo *info)
{
  if (info == NULL)
    return;
  info->length_m = plan->length_m;
  info->width = plan->bar_width;
  info->n_segments = plan->n_segments;
  info->bar_x = plan->bar_x;
  info->bar_y = plan->label_height + LABEL_GAP_MM * units_per_mm;
  info->bar_height = BAR_HEIGHT_MM * units_per_mm;
  info->height = info->bar_y + info->bar_height;
  info->total_width = plan->total_width;
}

gboolean
pv_scale_bar_measure (cairo_t        *cr,
                      double          max_width,
                      double          metres_per_unit,
                      double          units_per_mm,
                      PvScaleBarInfo *info)
{
  Plan plan;
  gboolean ok;

  g_return_val_if_fail (cr != NULL, FALSE);

  if (info != NULL)
    memset (info, 0, sizeof *info);
  ok = plan_compute (&plan, cr, max_width, metres_per_unit, units_per_mm);
  if (ok)
    plan_fill_info (&plan, units_per_mm, info);
  plan_clear (&plan);
  return ok;
}

gboolean
pv_scale_bar_draw (cairo_t        *cr,
                   double          x,
                   double          y,
                   double          max_width,
                   double          metres_per_unit,
                   double          units_per_mm,
                   PvScaleBarInfo *info)
{
  PvScaleBarInfo local;
  Plan plan;
  double line = LINE_MM * units_per_mm;
  double bar_left, bar_top, seg_w;

  g_return_val_if_fail (cr != NULL, FALSE);

  if (info == NULL)
    info = &local;
  memset (info, 0, sizeof *info);
  if (!plan_compute (&plan, cr, max_width, metres_per_unit, units_per_mm))
    return FALSE;
  plan_fill_info (&plan, units_per_mm, info);

  bar_left = x + info->bar_x;
  bar_top = y + info->bar_y;
  seg_w = plan.bar_width / plan.n_segments;

  cairo_save (cr);
  cairo_new_path (cr);

  /* The boxes exactly over the bar's length, the outline inside them so
   * the ink spans length_m at the map's scale, no more. */
  for (guint i = 0; i < plan.n_segments; i++)
    {
      double v = i % 2 == 0 ? 0 : 1;

      cairo_set_source_rgb (cr, v, v, v);
      cairo_rectangle (cr, bar_left + i * seg_w, bar_top, seg_w, info->bar_height);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, line);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_rectangle (cr, bar_left + line / 2, bar_top + line / 2,
                   plan.bar_width - line, info->bar_height - line);
  cairo_stroke (cr);

  for (guint i = 0; i < plan.n_labels; i++)
    {
      double centre = bar_left + plan.boundary[i] * seg_w;

      cairo_move_to (cr, centre - plan.label_width[i] / 2, y);
      pango_cairo_update_layout (cr, plan.layouts[i]);
      pango_cairo_show_layout (cr, plan.layouts[i]);
    }
  cairo_restore (cr);
  plan_clear (&plan);
  return TRUE;
}

GStrv
pv_scale_bar_dup_labels (cairo_t *cr,
                         double   max_width,
                         double   metres_per_unit,
                         double   units_per_mm)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  Plan plan;

  g_return_val_if_fail (cr != NULL, NULL);

  if (!plan_compute (&plan, cr, max_width, metres_per_unit, units_per_mm))
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < plan.n_labels; i++)
    g_strv_builder_add (builder, pango_layout_get_text (plan.layouts[i]));
  plan_clear (&plan);
  return g_strv_builder_end (builder);
}
