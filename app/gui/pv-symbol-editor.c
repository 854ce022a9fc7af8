/* pv-symbol-editor.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pv-symbol.h"
#include "pv-symbol-editor.h"

struct _PvSymbolEditor
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkWidget           *page;
  GtkDrawingArea      *preview;
  AdwComboRow         *unit_row;
  AdwPreferencesGroup *fill_group;
  GtkWidget           *fill_color_row;
  GtkColorButton      *fill_button;
  GtkSpinButton       *opacity_spin;
  AdwComboRow         *hatch_row;
  GtkWidget           *hatch_color_row;
  GtkColorButton      *hatch_color_button;
  GtkWidget           *hatch_spacing_row;
  GtkSpinButton       *hatch_spacing_spin;
  GtkWidget           *hatch_width_row;
  GtkSpinButton       *hatch_width_spin;
  GtkWidget           *outline_group;
  GtkWidget           *outline_color_row;
  GtkColorButton      *outline_button;
  GtkSpinButton       *outline_width_spin;
  AdwComboRow         *outline_dash_row;
  GtkWidget           *line_group;
  GtkSpinButton       *line_width_spin;
  AdwComboRow         *line_dash_row;
  GtkColorButton      *casing_button;
  GtkSpinButton       *casing_width_spin;
  GtkWidget           *marker_group;
  AdwComboRow         *marker_row;
  GtkSpinButton       *marker_size_spin;

  PvStyleCategory      symbol;   /* symbol fields only; no strings */
  PvGeometryKind       kind;
  gboolean             all_classes;
  gboolean             updating; /* widgets are being set from symbol */
};

G_DEFINE_FINAL_TYPE (PvSymbolEditor, pv_symbol_editor, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
pv_symbol_editor_copy_fields (PvStyleCategory       *dest,
                              const PvStyleCategory *src,
                              gboolean               shared_only)
{
  double fill[3], outline[4];

  g_return_if_fail (dest != NULL && src != NULL);

  memcpy (fill, dest->fill, sizeof fill);
  memcpy (outline, dest->outline, sizeof outline);
  pv_style_category_copy_symbol (dest, src);
  if (shared_only)
    {
      memcpy (dest->fill, fill, sizeof fill);
      memcpy (dest->outline, outline, sizeof outline);
    }
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  PvSymbolEditor *self = data;
  double dpi = 96.0 * gtk_widget_get_scale_factor (GTK_WIDGET (area));

  pv_symbol_draw_swatch (&self->symbol, self->kind, cr, 0, 0, width, height, dpi);
}

static void
rgba_from (GdkRGBA      *rgba,
           const double *c,
           gboolean      with_alpha)
{
  rgba->red = c[0];
  rgba->green = c[1];
  rgba->blue = c[2];
  rgba->alpha = with_alpha ? c[3] : 1.0;
}

static void
rgba_to (double        *c,
         const GdkRGBA *rgba,
         gboolean       with_alpha)
{
  c[0] = rgba->red;
  c[1] = rgba->green;
  c[2] = rgba->blue;
  if (with_alpha)
    c[3] = rgba->alpha;
}

static void
update_widgets (PvSymbolEditor *self)
{
  const PvStyleCategory *s = &self->symbol;
  GdkRGBA rgba;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->unit_row, s->unit);
  rgba_from (&rgba, s->fill, FALSE);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->fill_button), &rgba);
  gtk_spin_button_set_value (self->opacity_spin, round (s->fill[3] * 100));
  adw_combo_row_set_selected (self->hatch_row, s->hatch);
  rgba_from (&rgba, s->hatch_color, TRUE);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->hatch_color_button), &rgba);
  gtk_spin_button_set_value (self->hatch_spacing_spin, s->hatch_spacing);
  gtk_spin_button_set_value (self->hatch_width_spin, s->hatch_width);
  rgba_from (&rgba, s->outline, TRUE);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->outline_button), &rgba);
  gtk_spin_button_set_value (self->outline_width_spin, s->outline_width);
  adw_combo_row_set_selected (self->outline_dash_row, s->outline_dash);
  gtk_spin_button_set_value (self->line_width_spin, s->line_width);
  adw_combo_row_set_selected (self->line_dash_row, s->line_dash);
  rgba_from (&rgba, s->casing, TRUE);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->casing_button), &rgba);
  gtk_spin_button_set_value (self->casing_width_spin, s->casing_width);
  adw_combo_row_set_selected (self->marker_row, s->marker);
  gtk_spin_button_set_value (self->marker_size_spin, s->marker_size);
  self->updating = FALSE;
}

static void
update_sensitivity (PvSymbolEditor *self)
{
  gboolean hatched = self->symbol.hatch != PV_HATCH_NONE;

  gtk_widget_set_sensitive (self->hatch_color_row, hatched);
  gtk_widget_set_sensitive (self->hatch_spacing_row, hatched);
  gtk_widget_set_sensitive (self->hatch_width_row, hatched);
}

/* Reads every widget into the symbol, then tells the listeners. */
static void
widget_changed_cb (PvSymbolEditor *self)
{
  PvStyleCategory *s = &self->symbol;
  GdkRGBA rgba;

  if (self->updating)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->fill_button), &rgba);
  rgba_to (s->fill, &rgba, FALSE);
  s->fill[3] = gtk_spin_button_get_value (self->opacity_spin) / 100.0;
  s->hatch = adw_combo_row_get_selected (self->hatch_row);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->hatch_color_button), &rgba);
  rgba_to (s->hatch_color, &rgba, TRUE);
  s->hatch_spacing = gtk_spin_button_get_value (self->hatch_spacing_spin);
  s->hatch_width = gtk_spin_button_get_value (self->hatch_width_spin);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->outline_button), &rgba);
  rgba_to (s->outline, &rgba, TRUE);
  s->outline_width = gtk_spin_button_get_value (self->outline_width_spin);
  s->outline_dash = adw_combo_row_get_selected (self->outline_dash_row);
  s->line_width = gtk_spin_button_get_value (self->line_width_spin);
  s->line_dash = adw_combo_row_get_selected (self->line_dash_row);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->casing_button), &rgba);
  rgba_to (s->casing, &rgba, TRUE);
  s->casing_width = gtk_spin_button_get_value (self->casing_width_spin);
  s->marker = adw_combo_row_get_selected (self->marker_row);
  s->marker_size = gtk_spin_button_get_value (self->marker_size_spin);

  update_sensitivity (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* A new unit keeps what the symbol looks like: the sizes are converted. */
static void
unit_changed_cb (PvSymbolEditor *self)
{
  PvStyleCategory *s = &self->symbol;
  PvUnit unit = adw_combo_row_get_selected (self->unit_row);
  double factor;

  if (self->updating || unit == s->unit || unit > PV_UNIT_PX)
    return;
  factor = pv_unit_to_pixels (1.0, s->unit, 96.0) / pv_unit_to_pixels (1.0, unit, 96.0);
  s->outline_width *= factor;
  s->line_width *= factor;
  s->casing_width *= factor;
  s->hatch_spacing *= factor;
  s->hatch_width *= factor;
  s->marker_size *= factor;
  s->unit = unit;
  update_widgets (self);
  widget_changed_cb (self);
}

static void
apply_kind (PvSymbolEditor *self)
{
  gboolean polygon = self->kind == PV_GEOMETRY_KIND_POLYGON;
  gboolean line = self->kind == PV_GEOMETRY_KIND_LINE;
  gboolean point = self->kind == PV_GEOMETRY_KIND_POINT;

  if (line)
    adw_preferences_group_set_title (self->fill_group, C_("symbol group", "Colour"));
  else if (point)
    adw_preferences_group_set_title (self->fill_group, C_("symbol group", "Marker Fill"));
  else
    adw_preferences_group_set_title (self->fill_group, C_("symbol group", "Fill"));
  if (self->all_classes)
    adw_preferences_group_set_description (self->fill_group,
                                           _("Each class keeps its own colour"));
  gtk_widget_set_visible (self->fill_color_row, !self->all_classes);
  gtk_widget_set_visible (self->outline_color_row, !self->all_classes);
  gtk_widget_set_visible (GTK_WIDGET (self->hatch_row), polygon);
  gtk_widget_set_visible (self->hatch_color_row, polygon);
  gtk_widget_set_visible (self->hatch_spacing_row, polygon);
  gtk_widget_set_visible (self->hatch_width_row, polygon);
  gtk_widget_set_visible (self->outline_group, !line);
  gtk_widget_set_visible (self->line_group, line);
  gtk_widget_set_visible (self->marker_group, point);
}

GtkWidget *
pv_symbol_editor_new (const PvStyleCategory *symbol,
                      PvGeometryKind         kind,
                      gboolean               all_classes)
{
  PvSymbolEditor *self;

  g_return_val_if_fail (symbol != NULL, NULL);

  self = g_object_new (PV_TYPE_SYMBOL_EDITOR, NULL);
  pv_symbol_editor_copy_fields (&self->symbol, symbol, FALSE);
  self->kind = kind;
  self->all_classes = all_classes;
  apply_kind (self);
  update_widgets (self);
  update_sensitivity (self);
  return GTK_WIDGET (self);
}

void
pv_symbol_editor_get_symbol (PvSymbolEditor  *self,
                             PvStyleCategory *symbol)
{
  g_return_if_fail (PV_IS_SYMBOL_EDITOR (self));
  g_return_if_fail (symbol != NULL);

  pv_symbol_editor_copy_fields (symbol, &self->symbol, self->all_classes);
  if (self->all_classes)
    symbol->fill[3] = self->symbol.fill[3];
}

gboolean
pv_symbol_editor_get_all_classes (PvSymbolEditor *self)
{
  g_return_val_if_fail (PV_IS_SYMBOL_EDITOR (self), FALSE);

  return self->all_classes;
}

static void
pv_symbol_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PV_TYPE_SYMBOL_EDITOR);

  G_OBJECT_CLASS (pv_symbol_editor_parent_class)->dispose (object);
}

static void
pv_symbol_editor_class_init (PvSymbolEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_symbol_editor_dispose;

  /* Emitted on every edit; read the symbol with pv_symbol_editor_get_symbol(). */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-symbol-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, page);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, preview);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, fill_group);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, fill_color_row);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, fill_button);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, opacity_spin);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, hatch_row);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, hatch_color_row);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, hatch_color_button);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, hatch_spacing_row);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, hatch_spacing_spin);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, hatch_width_row);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, hatch_width_spin);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, outline_group);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, outline_color_row);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, outline_button);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, outline_width_spin);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, outline_dash_row);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, line_group);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, line_width_spin);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, line_dash_row);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, casing_button);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, casing_width_spin);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, marker_group);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, marker_row);
  gtk_widget_class_bind_template_child (widget_class, PvSymbolEditor, marker_size_spin);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pv_symbol_editor_init (PvSymbolEditor *self)
{
  GtkColorButton *colors[4];
  GtkSpinButton *spins[7];
  AdwComboRow *combos[4];

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->preview, draw_preview, self, NULL);

  colors[0] = self->fill_button;
  colors[1] = self->hatch_color_button;
  colors[2] = self->outline_button;
  colors[3] = self->casing_button;
  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    g_signal_connect_swapped (colors[i], "notify::rgba", G_CALLBACK (widget_changed_cb), self);
  spins[0] = self->opacity_spin;
  spins[1] = self->hatch_spacing_spin;
  spins[2] = self->hatch_width_spin;
  spins[3] = self->outline_width_spin;
  spins[4] = self->line_width_spin;
  spins[5] = self->casing_width_spin;
  spins[6] = self->marker_size_spin;
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    g_signal_connect_swapped (spins[i], "value-changed", G_CALLBACK (widget_changed_cb), self);
  combos[0] = self->hatch_row;
  combos[1] = self->outline_dash_row;
  combos[2] = self->line_dash_row;
  combos[3] = self->marker_row;
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    g_signal_connect_swapped (combos[i], "notify::selected", G_CALLBACK (widget_changed_cb), self);
  g_signal_connect_swapped (self->unit_row, "notify::selected", G_CALLBACK (unit_changed_cb), self);
}
