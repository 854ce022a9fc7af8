/* pv-scale-bar-widget.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pv-scale-bar-widget.h"

/* The longest the bar may be, in widget pixels; the round length chosen is
 * the largest that fits, so the bar is between 40 % and 100 % of it. */
#define MAX_BAR_WIDTH 120.0
#define BAR_HEIGHT    5.0
#define PADDING       6.0

struct _PvScaleBar
{
  GtkWidget   parent_instance;

  PvViewport *viewport;
  gboolean    geographic;
};

G_DEFINE_FINAL_TYPE (PvScaleBar, pv_scale_bar, GTK_TYPE_WIDGET)

static void
compute (PvScaleBar *self,
         double     *length,
         double     *bar_width)
{
  double metres_per_pixel;

  *length = 0;
  *bar_width = 0;
  if (self->viewport == NULL)
    return;
  /* The viewport counts device pixels; the bar is drawn in widget pixels. */
  metres_per_pixel = pv_viewport_get_ground_resolution (self->viewport, self->geographic)
                     * MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  if (!(metres_per_pixel > 0) || !isfinite (metres_per_pixel))
    return;
  *length = pv_viewport_round_length (MAX_BAR_WIDTH * metres_per_pixel);
  *bar_width = *length / metres_per_pixel;
}

static char *
format_length (double metres)
{
  if (metres >= 1000)
    /* translators: a scale bar label in kilometres, e.g. "2 km" */
    return g_strdup_printf (C_("scale bar", "%g km"), metres / 1000);
  if (metres >= 1)
    /* translators: a scale bar label in metres, e.g. "500 m" */
    return g_strdup_printf (C_("scale bar", "%g m"), metres);
  /* translators: a scale bar label in centimetres, e.g. "20 cm" */
  return g_strdup_printf (C_("scale bar", "%g cm"), round (metres * 1e4) / 100);
}

/* Readable on any map in either style: the bar and text in the theme's
 * foreground colour on a translucent plate of the opposite brightness. */
static void
get_colors (GtkWidget *widget,
            GdkRGBA   *fg,
            GdkRGBA   *bg)
{
  double luminance;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), fg);
  luminance = 0.2126 * fg->red + 0.7152 * fg->green + 0.0722 * fg->blue;
  if (luminance > 0.5)
    *bg = (GdkRGBA) { 0, 0, 0, 0.55 };
  else
    *bg = (GdkRGBA) { 1, 1, 1, 0.75 };
}

static void
viewport_changed_cb (PvScaleBar *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pv_scale_bar_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "0");
  int text_height;

  pango_layout_get_pixel_size (layout, NULL, &text_height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = (int) (MAX_BAR_WIDTH + 2 * PADDING);
  else
    *minimum = *natural = (int) (text_height + BAR_HEIGHT + 2 * PADDING + 2);
}

static void
pv_scale_bar_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  PvScaleBar *self = PV_SCALE_BAR (widget);
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *label = NULL;
  GskRoundedRect plate;
  GdkRGBA fg, bg;
  double length, bar_width, bar_y, plate_width;
  int text_width, text_height, height;

  compute (self, &length, &bar_width);
  if (length <= 0)
    return;

  get_colors (widget, &fg, &bg);
  label = format_length (length);
  layout = gtk_widget_create_pango_layout (widget, label);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  height = gtk_widget_get_height (widget);
  plate_width = MAX (bar_width, text_width) + 2 * PADDING;

  gsk_rounded_rect_init_from_rect (&plate, &GRAPHENE_RECT_INIT (0, 0, plate_width, height), 4);
  gtk_snapshot_push_rounded_clip (snapshot, &plate);
  gtk_snapshot_append_color (snapshot, &bg, &plate.bounds);
  gtk_snapshot_pop (snapshot);

  /* The label above the left end, the bar as ⊔: a base and two end ticks. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PADDING, PADDING - 1));
  gtk_snapshot_append_layout (snapshot, layout, &fg);
  gtk_snapshot_restore (snapshot);

  bar_y = height - PADDING - BAR_HEIGHT;
  gtk_snapshot_append_color (snapshot, &fg,
                             &GRAPHENE_RECT_INIT (PADDING, bar_y + BAR_HEIGHT - 2, bar_width, 2));
  gtk_snapshot_append_color (snapshot, &fg,
                             &GRAPHENE_RECT_INIT (PADDING, bar_y, 2, BAR_HEIGHT));
  gtk_snapshot_append_color (snapshot, &fg,
                             &GRAPHENE_RECT_INIT (PADDING + bar_width - 2, bar_y, 2, BAR_HEIGHT));
}

static void
pv_scale_bar_dispose (GObject *object)
{
  PvScaleBar *self = PV_SCALE_BAR (object);

  if (self->viewport != NULL)
    g_signal_handlers_disconnect_by_func (self->viewport, viewport_changed_cb, self);
  g_clear_object (&self->viewport);

  G_OBJECT_CLASS (pv_scale_bar_parent_class)->dispose (object);
}

static void
pv_scale_bar_class_init (PvScaleBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_scale_bar_dispose;
  widget_class->measure = pv_scale_bar_measure;
  widget_class->snapshot = pv_scale_bar_snapshot;

  gtk_widget_class_set_css_name (widget_class, "scalebar");
}

static void
pv_scale_bar_init (PvScaleBar *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}

GtkWidget *
pv_scale_bar_new (void)
{
  return g_object_new (PV_TYPE_SCALE_BAR, NULL);
}

void
pv_scale_bar_set_viewport (PvScaleBar *self,
                           PvViewport *viewport)
{
  g_return_if_fail (PV_IS_SCALE_BAR (self));
  g_return_if_fail (viewport == NULL || PV_IS_VIEWPORT (viewport));

  if (self->viewport == viewport)
    return;
  if (self->viewport != NULL)
    g_signal_handlers_disconnect_by_func (self->viewport, viewport_changed_cb, self);
  g_set_object (&self->viewport, viewport);
  if (viewport != NULL)
    g_signal_connect_object (viewport, "changed", G_CALLBACK (viewport_changed_cb), self,
                             G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pv_scale_bar_set_geographic (PvScaleBar *self,
                             gboolean    geographic)
{
  g_return_if_fail (PV_IS_SCALE_BAR (self));

  geographic = !!geographic;
  if (self->geographic == geographic)
    return;
  self->geographic = geographic;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
pv_scale_bar_get_length (PvScaleBar *self)
{
  double length, bar_width;

  g_return_val_if_fail (PV_IS_SCALE_BAR (self), 0);

  compute (self, &length, &bar_width);
  return length;
}

double
pv_scale_bar_get_bar_width (PvScaleBar *self)
{
  double length, bar_width;

  g_return_val_if_fail (PV_IS_SCALE_BAR (self), 0);

  compute (self, &length, &bar_width);
  return bar_width;
}
