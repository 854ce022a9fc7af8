/* pv-north-arrow-widget.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pv-north-arrow-widget.h"

#define SIZE    36
#define PADDING 4.0

struct _PvNorthArrow
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (PvNorthArrow, pv_north_arrow, GTK_TYPE_WIDGET)

static void
pv_north_arrow_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "N");
  int text_height;

  pango_layout_get_pixel_size (layout, NULL, &text_height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = SIZE - 8;
  else
    *minimum = *natural = SIZE + text_height / 2;
}

static void
pv_north_arrow_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  g_autoptr(PangoLayout) layout = NULL;
  graphene_rect_t bounds;
  GskRoundedRect plate;
  GdkRGBA fg, bg;
  cairo_t *cr;
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double luminance, cx, top, bottom, half;
  int text_width, text_height;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  luminance = 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue;
  bg = luminance > 0.5 ? (GdkRGBA) { 0, 0, 0, 0.55 } : (GdkRGBA) { 1, 1, 1, 0.75 };

  graphene_rect_init (&bounds, 0, 0, width, height);
  gsk_rounded_rect_init_from_rect (&plate, &bounds, 4);
  gtk_snapshot_push_rounded_clip (snapshot, &plate);
  gtk_snapshot_append_color (snapshot, &bg, &bounds);
  gtk_snapshot_pop (snapshot);

  /* translators: the letter on the north arrow (North) */
  layout = gtk_widget_create_pango_layout (widget, C_("north arrow", "N"));
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - text_width) / 2, PADDING - 2));
  gtk_snapshot_append_layout (snapshot, layout, &fg);
  gtk_snapshot_restore (snapshot);

  /* The arrow under the letter: a tall triangle, its left half filled. */
  cx = width / 2;
  top = PADDING + text_height - 2;
  bottom = height - PADDING;
  half = (width - 2 * PADDING) / 2.5;
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (cr, cx, top);
  cairo_line_to (cr, cx - half, bottom);
  cairo_line_to (cr, cx, bottom - half * 0.8);
  cairo_close_path (cr);
  cairo_fill_preserve (cr);
  cairo_stroke (cr);
  cairo_move_to (cr, cx, top);
  cairo_line_to (cr, cx + half, bottom);
  cairo_line_to (cr, cx, bottom - half * 0.8);
  cairo_close_path (cr);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
pv_north_arrow_class_init (PvNorthArrowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = pv_north_arrow_measure;
  widget_class->snapshot = pv_north_arrow_snapshot;

  gtk_widget_class_set_css_name (widget_class, "northarrow");
}

static void
pv_north_arrow_init (PvNorthArrow *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}

GtkWidget *
pv_north_arrow_new (void)
{
  return g_object_new (PV_TYPE_NORTH_ARROW, NULL);
}
