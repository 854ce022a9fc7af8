/* pv-compare-popover.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pv-compare-popover.h"

struct _PvComparePopover
{
  GtkPopover       parent_instance;

  GtkToggleButton *mode_off;
  GtkToggleButton *mode_swipe;
  GtkToggleButton *mode_spyglass;
  GtkListBox      *layer_list;
  GtkLabel        *empty_label;
  GtkToggleButton *pointer_none;
  GtkToggleButton *pointer_laser;
  GtkToggleButton *pointer_spotlight;
  GtkToggleButton *pointer_magnifier;

  PvMapView       *view;
  PvMap           *map;        /* the view's, whose layers are listed */
  GPtrArray       *layers;     /* PvLayer, one per check, bottom first */
  GPtrArray       *checks;     /* GtkCheckButton */
  GHashTable      *chosen;     /* PvLayer → itself: group B, kept across rebuilds */
  PvCompareMode    last_mode;  /* what toggling turns on again */
  gboolean         syncing;    /* setting the buttons from the view */
};

G_DEFINE_FINAL_TYPE (PvComparePopover, pv_compare_popover, GTK_TYPE_POPOVER)

static void rebuild_layers (PvComparePopover *self);

static PvCompareMode
chosen_mode (PvComparePopover *self)
{
  if (gtk_toggle_button_get_active (self->mode_swipe))
    return PV_COMPARE_SWIPE;
  if (gtk_toggle_button_get_active (self->mode_spyglass))
    return PV_COMPARE_SPYGLASS;
  return PV_COMPARE_NONE;
}

/* Group B: a copy of the view's map showing the chosen layers. */
static void
apply (PvComparePopover *self)
{
  g_autoptr(PvMap) other = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  PvCompareMode mode = chosen_mode (self);

  if (self->view == NULL || self->syncing)
    return;
  if (mode == PV_COMPARE_NONE || self->map == NULL)
    {
      pv_map_view_set_compare (self->view, NULL, PV_COMPARE_NONE);
      return;
    }
  self->last_mode = mode;
  shown = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->layers->len; i++)
    if (g_hash_table_contains (self->chosen, g_ptr_array_index (self->layers, i)))
      g_ptr_array_add (shown, g_object_ref (g_ptr_array_index (self->layers, i)));
  other = pv_map_copy (self->map);
  pv_map_set_shown_layers (other, shown);
  pv_map_view_set_compare (self->view, other, mode);
}

static void
sync_from_view (PvComparePopover *self)
{
  PvCompareMode compare = self->view != NULL ? pv_map_view_get_compare_mode (self->view) : PV_COMPARE_NONE;
  PvPointerMode pointer = self->view != NULL ? pv_map_view_get_pointer_mode (self->view) : PV_POINTER_NONE;

  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->mode_off, compare == PV_COMPARE_NONE);
  gtk_toggle_button_set_active (self->mode_swipe, compare == PV_COMPARE_SWIPE);
  gtk_toggle_button_set_active (self->mode_spyglass, compare == PV_COMPARE_SPYGLASS);
  gtk_toggle_button_set_active (self->pointer_none, pointer == PV_POINTER_NONE);
  gtk_toggle_button_set_active (self->pointer_laser, pointer == PV_POINTER_LASER);
  gtk_toggle_button_set_active (self->pointer_spotlight, pointer == PV_POINTER_SPOTLIGHT);
  gtk_toggle_button_set_active (self->pointer_magnifier, pointer == PV_POINTER_MAGNIFIER);
  self->syncing = FALSE;
}

static void
mode_toggled_cb (PvComparePopover *self,
                 GtkToggleButton  *button)
{
  /* The group turns the previous button off first: act on the new one. */
  if (self->syncing || !gtk_toggle_button_get_active (button))
    return;
  apply (self);
}

static void
pointer_toggled_cb (PvComparePopover *self,
                    GtkToggleButton  *button)
{
  PvPointerMode mode = PV_POINTER_NONE;

  if (self->syncing || !gtk_toggle_button_get_active (button) || self->view == NULL)
    return;
  if (button == self->pointer_laser)
    mode = PV_POINTER_LASER;
  else if (button == self->pointer_spotlight)
    mode = PV_POINTER_SPOTLIGHT;
  else if (button == self->pointer_magnifier)
    mode = PV_POINTER_MAGNIFIER;
  pv_map_view_set_pointer_mode (self->view, mode);
}

static void
check_toggled_cb (PvComparePopover *self,
                  GtkCheckButton   *check)
{
  guint index;

  if (!g_ptr_array_find (self->checks, check, &index))
    return;
  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->chosen, g_ptr_array_index (self->layers, index));
  else
    g_hash_table_remove (self->chosen, g_ptr_array_index (self->layers, index));
  apply (self);
}

static void
layers_changed_cb (PvComparePopover *self)
{
  rebuild_layers (self);
  /* Group B is a copy of the map: take the layers as they are now. */
  if (self->view != NULL && pv_map_view_get_compare_mode (self->view) != PV_COMPARE_NONE)
    apply (self);
}

/* The check list, top layer first as in the layer panel; the choice of
 * layers still in the map is kept. */
static void
rebuild_layers (PvComparePopover *self)
{
  GtkWidget *child;
  g_autoptr(GHashTable) keep = g_hash_table_new (NULL, NULL);
  guint n = self->map != NULL ? pv_map_get_n_layers (self->map) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->layer_list))) != NULL)
    gtk_list_box_remove (self->layer_list, child);
  g_ptr_array_set_size (self->layers, 0);
  g_ptr_array_set_size (self->checks, 0);

  for (guint i = 0; i < n; i++)
    {
      PvLayer *layer = pv_map_get_layer (self->map, i);
      GtkWidget *check = gtk_check_button_new_with_label (pv_layer_get_name (layer));

      g_ptr_array_add (self->layers, g_object_ref (layer));
      g_ptr_array_add (self->checks, check);
      if (g_hash_table_contains (self->chosen, layer))
        g_hash_table_add (keep, layer);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (self->chosen, layer));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      gtk_list_box_prepend (self->layer_list, check);
    }
  g_hash_table_remove_all (self->chosen);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, keep);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_add (self->chosen, key);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->layer_list), n > 0);
}

static void
set_map (PvComparePopover *self,
         PvMap            *map)
{
  if (self->map == map)
    return;
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);
  g_set_object (&self->map, map);
  g_hash_table_remove_all (self->chosen);
  if (self->map != NULL)
    g_signal_connect_object (pv_map_get_layers (self->map), "items-changed", G_CALLBACK (layers_changed_cb),
                             self, G_CONNECT_SWAPPED);
  rebuild_layers (self);
}

static void
view_map_cb (PvComparePopover *self)
{
  set_map (self, self->view != NULL ? pv_map_view_get_map (self->view) : NULL);
  sync_from_view (self);
}

static void
pv_compare_popover_dispose (GObject *object)
{
  PvComparePopover *self = PV_COMPARE_POPOVER (object);

  pv_compare_popover_set_map_view (self, NULL);
  /* The view may have gone first (its weak pointer cleared). */
  set_map (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_COMPARE_POPOVER);

  G_OBJECT_CLASS (pv_compare_popover_parent_class)->dispose (object);
}

static void
pv_compare_popover_finalize (GObject *object)
{
  PvComparePopover *self = PV_COMPARE_POPOVER (object);

  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);

  G_OBJECT_CLASS (pv_compare_popover_parent_class)->finalize (object);
}

static void
pv_compare_popover_class_init (PvComparePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_compare_popover_dispose;
  object_class->finalize = pv_compare_popover_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-compare-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, PvComparePopover, mode_off);
  gtk_widget_class_bind_template_child (widget_class, PvComparePopover, mode_swipe);
  gtk_widget_class_bind_template_child (widget_class, PvComparePopover, mode_spyglass);
  gtk_widget_class_bind_template_child (widget_class, PvComparePopover, layer_list);
  gtk_widget_class_bind_template_child (widget_class, PvComparePopover, empty_label);
  gtk_widget_class_bind_template_child (widget_class, PvComparePopover, pointer_none);
  gtk_widget_class_bind_template_child (widget_class, PvComparePopover, pointer_laser);
  gtk_widget_class_bind_template_child (widget_class, PvComparePopover, pointer_spotlight);
  gtk_widget_class_bind_template_child (widget_class, PvComparePopover, pointer_magnifier);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, pointer_toggled_cb);
}

static void
pv_compare_popover_init (PvComparePopover *self)
{
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
  self->checks = g_ptr_array_new ();
  self->chosen = g_hash_table_new (NULL, NULL);
  self->last_mode = PV_COMPARE_SWIPE;
  gtk_widget_init_template (GTK_WIDGET (self));
  rebuild_layers (self);
}

GtkWidget *
pv_compare_popover_new (void)
{
  return g_object_new (PV_TYPE_COMPARE_POPOVER, NULL);
}

void
pv_compare_popover_set_map_view (PvComparePopover *self,
                                 PvMapView        *view)
{
  g_return_if_fail (PV_IS_COMPARE_POPOVER (self));
  g_return_if_fail (view == NULL || PV_IS_MAP_VIEW (view));

  if (self->view == view)
    return;
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->view, view_map_cb, self);
      g_signal_handlers_disconnect_by_func (self->view, sync_from_view, self);
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
    }
  self->view = view;
  if (self->view != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      g_signal_connect_object (self->view, "notify::map", G_CALLBACK (view_map_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->view, "notify::compare-mode", G_CALLBACK (sync_from_view), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->view, "notify::pointer-mode", G_CALLBACK (sync_from_view), self,
                               G_CONNECT_SWAPPED);
    }
  view_map_cb (self);
}

PvMapView *
pv_compare_popover_get_map_view (PvComparePopover *self)
{
  g_return_val_if_fail (PV_IS_COMPARE_POPOVER (self), NULL);

  return self->view;
}

gboolean
pv_compare_popover_get_layer_active (PvComparePopover *self,
                                     guint             index)
{
  g_return_val_if_fail (PV_IS_COMPARE_POPOVER (self), FALSE);
  g_return_val_if_fail (index < self->checks->len, FALSE);

  return gtk_check_button_get_active (g_ptr_array_index (self->checks, index));
}

void
pv_compare_popover_set_layer_active (PvComparePopover *self,
                                     guint             index,
                                     gboolean          active)
{
  g_return_if_fail (PV_IS_COMPARE_POPOVER (self));
  g_return_if_fail (index < self->checks->len);

  gtk_check_button_set_active (g_ptr_array_index (self->checks, index), active);
}

void
pv_compare_popover_set_mode (PvComparePopover *self,
                             PvCompareMode     mode)
{
  g_return_if_fail (PV_IS_COMPARE_POPOVER (self));

  switch (mode)
    {
    case PV_COMPARE_SWIPE:
      gtk_toggle_button_set_active (self->mode_swipe, TRUE);
      break;
    case PV_COMPARE_SPYGLASS:
      gtk_toggle_button_set_active (self->mode_spyglass, TRUE);
      break;
    case PV_COMPARE_NONE:
    default:
      gtk_toggle_button_set_active (self->mode_off, TRUE);
      break;
    }
}

void
pv_compare_popover_toggle_compare (PvComparePopover *self)
{
  g_return_if_fail (PV_IS_COMPARE_POPOVER (self));

  if (self->view == NULL)
    return;
  if (pv_map_view_get_compare_mode (self->view) != PV_COMPARE_NONE)
    pv_compare_popover_set_mode (self, PV_COMPARE_NONE);
  else if (g_hash_table_size (self->chosen) == 0)
    gtk_popover_popup (GTK_POPOVER (self));
  else
    pv_compare_popover_set_mode (self, self->last_mode);
}

void
pv_compare_popover_cycle_pointer (PvComparePopover *self)
{
  g_return_if_fail (PV_IS_COMPARE_POPOVER (self));

  if (self->view == NULL)
    return;
  pv_map_view_set_pointer_mode (self->view, (pv_map_view_get_pointer_mode (self->view) + 1) % (PV_POINTER_MAGNIFIER + 1));
}
