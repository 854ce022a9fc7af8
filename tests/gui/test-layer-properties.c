/* test-layer-properties.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "pv-gui-test-util.h"
#include "pv-label-editor.h"
#include "pv-layer-panel.h"
#include "pv-layer-properties.h"
#include "pv-test-util.h"
#include "pv-window.h"

#define PLANNED "Quy hoạch sử dụng đất 2021–2030"
#define ORTHO   "Ảnh trực giao Thủ Dầu Một"

static guint
position_of (PvMap      *map,
             const char *name)
{
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    if (g_strcmp0 (pv_layer_get_name (pv_map_get_layer (map, i)), name) == 0)
      return i;
  g_error ("no layer named %s", name);
  return 0;
}

/* Opens the properties of a layer as the layer panel's row menu does. */
static PvLayerProperties *
open_properties (PvWindow   *window,
                 const char *name)
{
  GtkWidget *panel = pv_gui_test_find_widget_of_type (GTK_WIDGET (window), PV_TYPE_LAYER_PANEL);
  PvMap *map = pv_window_get_map (window);
  guint pos = position_of (map, name);
  PvLayerProperties *dialog;

  g_assert_nonnull (panel);
  g_assert_true (gtk_widget_activate_action (panel, "layer.properties", "u", pos));
  pv_gui_test_drain ();
  dialog = PV_LAYER_PROPERTIES (pv_gui_test_find_toplevel (PV_TYPE_LAYER_PROPERTIES));
  g_assert_nonnull (dialog);
  g_assert_true (pv_layer_properties_get_layer (dialog) == pv_map_get_layer (map, pos));
  return dialog;
}

static gpointer
child (PvLayerProperties *dialog,
       const char        *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), PV_TYPE_LAYER_PROPERTIES, name);

  g_assert_nonnull (object);
  return object;
}

static gboolean
page_is_visible (PvLayerProperties *dialog,
                 const char        *name)
{
  AdwViewStack *stack = child (dialog, "view_stack");
  GtkWidget *page_child = adw_view_stack_get_child_by_name (stack, name);

  g_assert_nonnull (page_child);
  return adw_view_stack_page_get_visible (adw_view_stack_get_page (stack, page_child));
}

static void
close_dialog (PvLayerProperties *dialog)
{
  GWeakRef ref;

  g_weak_ref_init (&ref, dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  pv_gui_test_drain ();
  g_assert_null (g_weak_ref_get (&ref));
  g_weak_ref_clear (&ref);
}

/* A vector layer's properties show their pages, each one reachable. */
static void
test_properties_pages (void)
{
  PvWindow *window = pv_gui_test_open_sample_project (1000, 800);
  PvLayerProperties *dialog;
  AdwViewStack *stack;
  GtkWidget *labels;
  const char *pages[] = { "information", "style", "labels", "display" };

  if (window == NULL)
    return;
  dialog = open_properties (window, PLANNED);
  stack = child (dialog, "view_stack");

  /* Information first, with the layer's content. */
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "information");
  g_assert_true (pv_gui_test_tree_has_label_containing (adw_view_stack_get_visible_child (stack), "ma_sdd"));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (child (dialog, "switcher_title")), ==, PLANNED);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_assert_true (page_is_visible (dialog, pages[i]));
      adw_view_stack_set_visible_child_name (stack, pages[i]);
      pv_gui_test_drain ();
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, pages[i]);
    }
  /* The label editor takes the map's scale from the window below. */
  labels = pv_gui_test_find_widget_of_type (GTK_WIDGET (dialog), PV_TYPE_LABEL_EDITOR);
  g_assert_nonnull (labels);
  g_assert_true (pv_label_editor_get_layer (PV_LABEL_EDITOR (labels)) == PV_VECTOR_LAYER (pv_layer_properties_get_layer (dialog)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (labels, PV_TYPE_LABEL_EDITOR,
                                                                                      "max_scale_current_button"))));
  /* The Display page of a vector layer has its fill opacity. */
  g_assert_true (gtk_widget_get_visible (child (dialog, "fill_opacity_row")));

  close_dialog (dialog);
  pv_gui_test_window_destroy_drained (window);
}

/* A raster has a style but no labels and no fill. */
static void
test_properties_raster_pages (void)
{
  PvWindow *window = pv_gui_test_open_sample_project (1000, 800);
  PvLayerProperties *dialog;

  if (window == NULL)
    return;
  dialog = open_properties (window, ORTHO);
  g_assert_true (page_is_visible (dialog, "information"));
  g_assert_true (page_is_visible (dialog, "style"));
  g_assert_true (page_is_visible (dialog, "display"));
  g_assert_false (page_is_visible (dialog, "labels"));
  g_assert_false (gtk_widget_get_visible (child (dialog, "fill_opacity_row")));

  close_dialog (dialog);
  pv_gui_test_window_destroy_drained (window);
}

typedef struct
{
  PvLayerProperties *dialog;
  double             value;
} SpinQuery;

static gboolean
max_spin_shows (gpointer data)
{
  SpinQuery *q = data;

  return gtk_spin_button_get_value (child (q->dialog, "max_scale_spin")) == q->value;
}

/* The scale range spins set the layer's range; the map's scale can be
 * taken over; a range the wrong way round is pointed out. */
static void
test_properties_scale_range (void)
{
  PvWindow *window = pv_gui_test_open_sample_project (1000, 800);
  PvLayerProperties *dialog;
  PvLayer *layer;
  double min_scale, max_scale, scale;
  SpinQuery q;

  if (window == NULL)
    return;
  dialog = open_properties (window, PLANNED);
  layer = pv_layer_properties_get_layer (dialog);
  pv_layer_get_scale_range (layer, &min_scale, &max_scale);
  g_assert_cmpfloat (min_scale, ==, 0);
  g_assert_cmpfloat (max_scale, ==, 0);

  gtk_spin_button_set_value (child (dialog, "max_scale_spin"), 50000);
  gtk_spin_button_set_value (child (dialog, "min_scale_spin"), 1000);
  pv_layer_get_scale_range (layer, &min_scale, &max_scale);
  g_assert_cmpfloat (min_scale, ==, 1000);
  g_assert_cmpfloat (max_scale, ==, 50000);
  g_assert_false (gtk_widget_get_visible (child (dialog, "scale_warning")));

  /* "Use the current scale" takes the map view's scale. */
  scale = pv_viewport_get_scale (pv_map_view_get_viewport (pv_window_get_map_view (window)));
  g_assert_cmpfloat (scale, >, 0);
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "min_scale_current_button")));
  g_signal_emit_by_name (child (dialog, "min_scale_current_button"), "clicked");
  pv_layer_get_scale_range (layer, &min_scale, &max_scale);
  g_assert_cmpfloat (min_scale, ==, round (scale));
  g_assert_cmpfloat (max_scale, ==, 50000);

  /* The wrong way round: never drawn, and the window says so. */
  gtk_spin_button_set_value (child (dialog, "min_scale_spin"), 60000);
  g_assert_true (gtk_widget_get_visible (child (dialog, "scale_warning")));
  g_assert_false (pv_layer_is_visible_at_scale (layer, 55000));

  /* 0 is no limit. */
  gtk_spin_button_set_value (child (dialog, "min_scale_spin"), 0);
  gtk_spin_button_set_value (child (dialog, "max_scale_spin"), 0);
  pv_layer_get_scale_range (layer, &min_scale, &max_scale);
  g_assert_cmpfloat (min_scale, ==, 0);
  g_assert_cmpfloat (max_scale, ==, 0);
  g_assert_false (gtk_widget_get_visible (child (dialog, "scale_warning")));

  /* A range set elsewhere shows up in the window. */
  pv_layer_set_scale_range (layer, 0, 25000);
  q = (SpinQuery) { dialog, 25000 };
  pv_gui_test_wait_until (max_spin_shows, &q, "the window to show the new scale range");

  close_dialog (dialog);
  pv_gui_test_window_destroy_drained (window);
}

/* The fill opacity scale sets the layer's fill opacity. */
static void
test_properties_fill_opacity (void)
{
  PvWindow *window = pv_gui_test_open_sample_project (1000, 800);
  PvLayerProperties *dialog;
  PvLayer *layer;

  if (window == NULL)
    return;
  dialog = open_properties (window, PLANNED);
  layer = pv_layer_properties_get_layer (dialog);
  g_assert_cmpfloat (gtk_range_get_value (child (dialog, "fill_opacity_scale")), ==,
                     pv_layer_get_fill_opacity (layer));
  gtk_range_set_value (child (dialog, "fill_opacity_scale"), 0.25);
  g_assert_cmpfloat_with_epsilon (pv_layer_get_fill_opacity (layer), 0.25, 1e-9);

  close_dialog (dialog);
  pv_gui_test_window_destroy_drained (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/layer-properties/pages", test_properties_pages);
  g_test_add_func ("/gui/layer-properties/raster-pages", test_properties_raster_pages);
  g_test_add_func ("/gui/layer-properties/scale-range", test_properties_scale_range);
  g_test_add_func ("/gui/layer-properties/fill-opacity", test_properties_fill_opacity);

  return g_test_run ();
}
