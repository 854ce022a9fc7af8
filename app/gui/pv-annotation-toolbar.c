/* pv-annotation-toolbar.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pv-annotation-toolbar.h"

struct _PvAnnotationToolbar
{
  GtkWidget         parent_instance;

  GtkWidget        *mode_box;
  GtkWidget        *select_button;
  GtkWidget        *text_button;
  GtkWidget        *arrow_button;
  GtkWidget        *line_button;
  GtkWidget        *polygon_button;
  GtkWidget        *rectangle_button;
  GtkWidget        *freehand_button;
  GtkWidget        *callout_button;
  GtkWidget        *color_button;
  GtkWidget        *width_spin;
  GtkWidget        *fill_button;
  GtkWidget        *font_spin;
  GtkWidget        *delete_button;
  GtkWidget        *undo_button;
  GtkWidget        *redo_button;

  PvAnnotationTool *tool;
  GSignalGroup     *tool_signals;
  GBindingGroup    *stack_bindings;
  gboolean          updating;
  /* Changes from one control in a row (a spin button turning) are one
   * undoable step. */
  GtkWidget        *merge_source;
  guint             merge_key;
};

G_DEFINE_FINAL_TYPE (PvAnnotationToolbar, pv_annotation_toolbar, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TOOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
mode_button (PvAnnotationToolbar  *self,
             PvAnnotationToolMode  mode)
{
  GtkWidget *buttons[] = {
    self->select_button, self->text_button, self->arrow_button, self->line_button,
    self->polygon_button, self->rectangle_button, self->freehand_button, self->callout_button,
  };

  return (guint) mode < G_N_ELEMENTS (buttons) ? buttons[mode] : NULL;
}

static void
rgba_from_doubles (GdkRGBA      *rgba,
                   const double *v)
{
  rgba->red = v[0], rgba->green = v[1], rgba->blue = v[2], rgba->alpha = v[3];
}

static void
doubles_from_rgba (double        *v,
                   const GdkRGBA *rgba)
{
  v[0] = rgba->red, v[1] = rgba->green, v[2] = rgba->blue, v[3] = rgba->alpha;
}

static void
sync_from_tool (PvAnnotationToolbar *self)
{
  PvAnnotationStyle style;
  GdkRGBA rgba;
  GtkWidget *button;

  self->updating = TRUE;
  if (self->tool != NULL)
    {
      PvUndoStack *stack = pv_annotation_tool_get_undo_stack (self->tool);

      button = mode_button (self, pv_annotation_tool_get_mode (self->tool));
      if (button != NULL)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      pv_annotation_tool_get_style (self->tool, &style);
      rgba_from_doubles (&rgba, style.color);
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
      rgba_from_doubles (&rgba, style.fill);
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->fill_button), &rgba);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->width_spin), style.width_mm);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->font_spin), style.font_pt);
      gtk_widget_set_sensitive (self->delete_button, pv_annotation_tool_get_selected (self->tool) != NULL);
      g_binding_group_set_source (self->stack_bindings, stack);
      if (stack == NULL)
        {
          gtk_widget_set_sensitive (self->undo_button, FALSE);
          gtk_widget_set_sensitive (self->redo_button, FALSE);
        }
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_box), self->tool != NULL);
  self->updating = FALSE;
}

static void
tool_notify_cb (PvAnnotationToolbar *self,
                GParamSpec          *pspec,
                PvAnnotationTool    *tool)
{
  /* Another selection: the next change is a step of its own. */
  if (g_strcmp0 (pspec->name, "selected") == 0)
    self->merge_source = NULL;
  sync_from_tool (self);
}

static void
mode_toggled_cb (PvAnnotationToolbar *self,
                 GtkToggleButton     *button)
{
  if (self->updating || self->tool == NULL || !gtk_toggle_button_get_active (button))
    return;
  for (PvAnnotationToolMode mode = PV_ANNOTATION_TOOL_SELECT; mode <= PV_ANNOTATION_TOOL_CALLOUT; mode++)
    if (mode_button (self, mode) == GTK_WIDGET (button))
      pv_annotation_tool_set_mode (self->tool, mode);
}

static void
style_widget_changed_cb (PvAnnotationToolbar *self,
                         GtkWidget           *widget)
{
  PvAnnotationStyle style;
  GdkRGBA rgba;
  PvUndoStack *stack;

  if (self->updating || self->tool == NULL)
    return;
  stack = pv_annotation_tool_get_undo_stack (self->tool);
  if (stack != NULL && (widget != self->merge_source || !GTK_IS_SPIN_BUTTON (widget)))
    {
      self->merge_source = widget;
      self->merge_key = pv_undo_stack_new_merge_key (stack);
    }
  pv_annotation_tool_get_style (self->tool, &style);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
  doubles_from_rgba (style.color, &rgba);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->fill_button), &rgba);
  doubles_from_rgba (style.fill, &rgba);
  style.width_mm = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->width_spin));
  style.font_pt = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->font_spin));
  pv_annotation_tool_set_style (self->tool, &style, GTK_IS_SPIN_BUTTON (widget) ? self->merge_key : 0);
}

static void
delete_clicked_cb (PvAnnotationToolbar *self,
                   GtkButton           *button)
{
  if (self->tool != NULL)
    pv_annotation_tool_delete_selected (self->tool);
}

static void
undo_clicked_cb (PvAnnotationToolbar *self,
                 GtkButton           *button)
{
  if (self->tool != NULL && pv_annotation_tool_get_undo_stack (self->tool) != NULL)
    pv_undo_stack_undo (pv_annotation_tool_get_undo_stack (self->tool));
}

static void
redo_clicked_cb (PvAnnotationToolbar *self,
                 GtkButton           *button)
{
  if (self->tool != NULL && pv_annotation_tool_get_undo_stack (self->tool) != NULL)
    pv_undo_stack_redo (pv_annotation_tool_get_undo_stack (self->tool));
}

static void
pv_annotation_toolbar_dispose (GObject *object)
{
  PvAnnotationToolbar *self = PV_ANNOTATION_TOOLBAR (object);
  GtkWidget *child;

  if (self->tool_signals != NULL)
    g_signal_group_set_target (self->tool_signals, NULL);
  if (self->stack_bindings != NULL)
    g_binding_group_set_source (self->stack_bindings, NULL);
  g_clear_object (&self->tool);
  g_clear_object (&self->tool_signals);
  g_clear_object (&self->stack_bindings);
  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_ANNOTATION_TOOLBAR);
  /* The unnamed children (separators, the undo box) too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (pv_annotation_toolbar_parent_class)->dispose (object);
}

static void
pv_annotation_toolbar_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PvAnnotationToolbar *self = PV_ANNOTATION_TOOLBAR (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      g_value_set_object (value, self->tool);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_annotation_toolbar_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PvAnnotationToolbar *self = PV_ANNOTATION_TOOLBAR (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      pv_annotation_toolbar_set_tool (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_annotation_toolbar_class_init (PvAnnotationToolbarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_annotation_toolbar_dispose;
  object_class->get_property = pv_annotation_toolbar_get_property;
  object_class->set_property = pv_annotation_toolbar_set_property;

  properties[PROP_TOOL] =
    g_param_spec_object ("tool", NULL, NULL, PV_TYPE_ANNOTATION_TOOL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-annotation-toolbar.ui");
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, mode_box);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, select_button);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, text_button);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, arrow_button);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, line_button);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, polygon_button);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, rectangle_button);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, freehand_button);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, callout_button);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, color_button);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, width_spin);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, fill_button);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, font_spin);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, delete_button);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, undo_button);
  gtk_widget_class_bind_template_child (widget_class, PvAnnotationToolbar, redo_button);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, style_widget_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, undo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, redo_clicked_cb);
  gtk_widget_class_set_css_name (widget_class, "annotationtoolbar");
}

static void
pv_annotation_toolbar_init (PvAnnotationToolbar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tool_signals = g_signal_group_new (PV_TYPE_ANNOTATION_TOOL);
  g_signal_group_connect_object (self->tool_signals, "notify", G_CALLBACK (tool_notify_cb), self,
                                 G_CONNECT_SWAPPED);
  self->stack_bindings = g_binding_group_new ();
  g_binding_group_bind (self->stack_bindings, "can-undo", self->undo_button, "sensitive", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->stack_bindings, "can-redo", self->redo_button, "sensitive", G_BINDING_SYNC_CREATE);
  sync_from_tool (self);
}

GtkWidget *
pv_annotation_toolbar_new (void)
{
  return g_object_new (PV_TYPE_ANNOTATION_TOOLBAR, NULL);
}

PvAnnotationTool *
pv_annotation_toolbar_get_tool (PvAnnotationToolbar *self)
{
  g_return_val_if_fail (PV_IS_ANNOTATION_TOOLBAR (self), NULL);
  return self->tool;
}

void
pv_annotation_toolbar_set_tool (PvAnnotationToolbar *self,
                                PvAnnotationTool    *tool)
{
  g_return_if_fail (PV_IS_ANNOTATION_TOOLBAR (self));
  g_return_if_fail (tool == NULL || PV_IS_ANNOTATION_TOOL (tool));

  if (!g_set_object (&self->tool, tool))
    return;
  self->merge_source = NULL;
  g_signal_group_set_target (self->tool_signals, tool);
  sync_from_tool (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}
