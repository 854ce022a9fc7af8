/* test-label-editor.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pv-gui-test-util.h"
#include "pv-label-editor.h"
#include "pv-test-util.h"

typedef struct
{
  PvVectorLayer *layer;
  GtkWindow     *window;
  PvLabelEditor *editor;
} Fixture;

static PvVectorLayer *
open_sample_layer (const char *name)
{
  g_autofree char *path = pv_test_sample_path (name);
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_true (PV_IS_VECTOR_LAYER (layers->pdata[0]));
  return g_object_ref (layers->pdata[0]);
}

/* The planned zoning of the sample (ma_sdd codes, ten_sdd names). */
static PvVectorLayer *
open_zoning (void)
{
  return open_sample_layer ("quy_hoach_2030.shp");
}

static gboolean
fixture_setup (Fixture *f)
{
  f->layer = open_zoning ();
  if (f->layer == NULL)
    {
      g_test_skip ("data-samples/quy_hoach_2030.shp has not been generated");
      return FALSE;
    }
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 600, 900);
  f->editor = PV_LABEL_EDITOR (pv_label_editor_new (f->layer));
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  gtk_window_present (f->window);
  pv_gui_test_drain ();
  g_assert_true (pv_label_editor_get_layer (f->editor) == f->layer);
  return TRUE;
}

static void
fixture_teardown (Fixture *f)
{
  GWeakRef editor;

  g_weak_ref_init (&editor, f->editor);
  gtk_window_destroy (f->window);
  pv_gui_test_drain ();
  /* A cancelled apply may still hold the editor until its callback. */
  pv_gui_test_spin (100);
  pv_gui_test_drain ();
  g_assert_null (g_weak_ref_get (&editor));
  g_weak_ref_clear (&editor);
  g_assert_finalize_object (f->layer);
}

static gpointer
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->editor), PV_TYPE_LABEL_EDITOR, name);

  g_assert_nonnull (object);
  return object;
}

static gboolean
not_busy (gpointer editor)
{
  return !pv_label_editor_get_busy (editor);
}

/* Waits (bounded) until the editor's changes have reached the layer. */
static void
wait_applied (Fixture *f)
{
  pv_gui_test_wait_until (not_busy, f->editor, "the label editor to apply its change");
  pv_gui_test_drain ();
}

static guint
field_position (Fixture    *f,
                const char *name)
{
  for (guint i = 0; i < pv_vector_layer_get_n_fields (f->layer); i++)
    if (g_strcmp0 (pv_vector_layer_get_field_name (f->layer, i), name) == 0)
      return i;
  g_error ("no field %s", name);
  return 0;
}

static void
set_template (Fixture    *f,
              const char *text)
{
  adw_combo_row_set_selected (child (f, "mode_row"), 1);
  gtk_editable_set_text (GTK_EDITABLE (child (f, "template_row")), text);
}

/* Labels on, from the field ma_sdd: the layer gets that labeling; off
 * removes it. */
static void
test_label_editor_field (void)
{
  Fixture f;
  g_autoptr(PvLabeling) labeling = NULL;
  g_autoptr(PvLabeling) none = NULL;

  if (!fixture_setup (&f))
    return;
  g_assert_null (pv_vector_layer_dup_labeling (f.layer));
  g_assert_false (gtk_switch_get_active (child (&f, "show_switch")));

  adw_combo_row_set_selected (child (&f, "field_row"), field_position (&f, "ma_sdd"));
  /* Labels are off: nothing reaches the layer. */
  wait_applied (&f);
  g_assert_null (pv_vector_layer_dup_labeling (f.layer));

  gtk_switch_set_active (child (&f, "show_switch"), TRUE);
  g_assert_true (pv_label_editor_get_busy (f.editor));
  wait_applied (&f);
  labeling = pv_vector_layer_dup_labeling (f.layer);
  g_assert_nonnull (labeling);
  g_assert_cmpstr (pv_labeling_get_text (labeling), ==, "ma_sdd");
  g_assert_cmpstr (pv_labeling_get_font_family (labeling), ==, "Noto Sans");
  g_assert_null (pv_label_editor_get_error (f.editor));

  gtk_switch_set_active (child (&f, "show_switch"), FALSE);
  wait_applied (&f);
  none = pv_vector_layer_dup_labeling (f.layer);
  g_assert_null (none);

  fixture_teardown (&f);
}

/* A template naming a field the layer lacks is shown as an error and the
 * layer keeps its labels; a good one replaces them. */
static void
test_label_editor_unknown_field (void)
{
  Fixture f;
  g_autoptr(PvLabeling) before = NULL;
  g_autoptr(PvLabeling) kept = NULL;
  g_autoptr(PvLabeling) after = NULL;

  if (!fixture_setup (&f))
    return;
  adw_combo_row_set_selected (child (&f, "field_row"), field_position (&f, "ma_sdd"));
  gtk_switch_set_active (child (&f, "show_switch"), TRUE);
  wait_applied (&f);
  /* A template starts from the field chosen so far. */
  adw_combo_row_set_selected (child (&f, "mode_row"), 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (&f, "template_row"))), ==, "{ma_sdd}");
  wait_applied (&f);
  before = pv_vector_layer_dup_labeling (f.layer);
  g_assert_nonnull (before);
  g_assert_cmpstr (pv_labeling_get_text (before), ==, "{ma_sdd}");

  set_template (&f, "{ma_sdd} – {khong_co}");
  wait_applied (&f);
  g_assert_nonnull (pv_label_editor_get_error (f.editor));
  g_assert_nonnull (strstr (pv_label_editor_get_error (f.editor), "khong_co"));
  g_assert_true (gtk_widget_get_visible (child (&f, "error_label")));
  g_assert_cmpstr (gtk_label_get_text (child (&f, "error_label")), ==, pv_label_editor_get_error (f.editor));
  kept = pv_vector_layer_dup_labeling (f.layer);
  g_assert_nonnull (kept);
  g_assert_cmpstr (pv_labeling_get_text (kept), ==, "{ma_sdd}");

  set_template (&f, "{ma_sdd} – {ten_sdd}");
  wait_applied (&f);
  g_assert_null (pv_label_editor_get_error (f.editor));
  g_assert_false (gtk_widget_get_visible (child (&f, "error_label")));
  after = pv_vector_layer_dup_labeling (f.layer);
  g_assert_nonnull (after);
  g_assert_cmpstr (pv_labeling_get_text (after), ==, "{ma_sdd} – {ten_sdd}");

  fixture_teardown (&f);
}

/* The look of the labels follows the widgets; quick successive changes
 * land in order (the last one wins). */
static void
test_label_editor_size (void)
{
  Fixture f;
  g_autoptr(PvLabeling) labeling = NULL;
  double halo[4], halo_width, min_scale, max_scale;

  if (!fixture_setup (&f))
    return;
  adw_combo_row_set_selected (child (&f, "field_row"), field_position (&f, "ten_sdd"));
  gtk_switch_set_active (child (&f, "show_switch"), TRUE);
  wait_applied (&f);

  gtk_spin_button_set_value (child (&f, "size_spin"), 10);
  gtk_spin_button_set_value (child (&f, "size_spin"), 11);
  gtk_switch_set_active (child (&f, "bold_switch"), TRUE);
  gtk_spin_button_set_value (child (&f, "size_spin"), 14);
  gtk_spin_button_set_value (child (&f, "halo_width_spin"), 1.2);
  gtk_spin_button_set_value (child (&f, "priority_spin"), 8);
  gtk_spin_button_set_value (child (&f, "max_scale_spin"), 20000);
  wait_applied (&f);

  labeling = pv_vector_layer_dup_labeling (f.layer);
  g_assert_nonnull (labeling);
  g_assert_cmpstr (pv_labeling_get_text (labeling), ==, "ten_sdd");
  g_assert_cmpfloat (pv_labeling_get_size (labeling), ==, 14);
  g_assert_true (pv_labeling_get_bold (labeling));
  pv_labeling_get_halo (labeling, halo, &halo_width);
  g_assert_cmpfloat_with_epsilon (halo_width, 1.2, 1e-9);
  g_assert_cmpint (pv_labeling_get_priority (labeling), ==, 8);
  pv_labeling_get_scale_range (labeling, &min_scale, &max_scale);
  g_assert_cmpfloat (min_scale, ==, 0);
  g_assert_cmpfloat (max_scale, ==, 20000);

  fixture_teardown (&f);
}

/* The field menu inserts "{field}" at the cursor of the template. */
static void
test_label_editor_insert_field (void)
{
  Fixture f;
  GtkEditable *entry;
  GMenuModel *menu;
  g_autofree char *label = NULL;
  g_autoptr(PvLabeling) labeling = NULL;

  if (!fixture_setup (&f))
    return;
  entry = GTK_EDITABLE (child (&f, "template_row"));
  /* One item per field, its underscores shown (not read as mnemonics). */
  menu = gtk_menu_button_get_menu_model (child (&f, "insert_button"));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, pv_vector_layer_get_n_fields (f.layer));
  g_assert_true (g_menu_model_get_item_attribute (menu, field_position (&f, "ma_sdd"),
                                                  G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, "ma__sdd");
  set_template (&f, "Khu ");
  gtk_editable_set_position (entry, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.editor), "label-editor.insert-field", "s", "ten_sdd"));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Khu {ten_sdd}");
  gtk_switch_set_active (child (&f, "show_switch"), TRUE);
  wait_applied (&f);
  labeling = pv_vector_layer_dup_labeling (f.layer);
  g_assert_nonnull (labeling);
  g_assert_cmpstr (pv_labeling_get_text (labeling), ==, "Khu {ten_sdd}");

  fixture_teardown (&f);
}

/* An editor opened on labelled layer shows its labeling. */
static void
test_label_editor_loads (void)
{
  g_autoptr(PvVectorLayer) layer = open_zoning ();
  g_autoptr(PvLabeling) labeling = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *editor;
  double color[4] = { 0.2, 0.4, 0.6, 1.0 };
  GdkRGBA rgba;

  if (layer == NULL)
    {
      g_test_skip ("data-samples/quy_hoach_2030.shp has not been generated");
      return;
    }
  labeling = pv_labeling_new ("{ma_sdd} ({huyen})");
  pv_labeling_set_size (labeling, 12.5);
  pv_labeling_set_color (labeling, color);
  g_assert_true (pv_vector_layer_set_labeling (layer, labeling, NULL, &error));
  g_assert_no_error (error);

  editor = g_object_ref_sink (pv_label_editor_new (layer));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (gtk_widget_get_template_child (editor, PV_TYPE_LABEL_EDITOR, "show_switch"))));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (gtk_widget_get_template_child (editor, PV_TYPE_LABEL_EDITOR, "mode_row"))), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gtk_widget_get_template_child (editor, PV_TYPE_LABEL_EDITOR, "template_row"))), ==,
                   "{ma_sdd} ({huyen})");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (gtk_widget_get_template_child (editor, PV_TYPE_LABEL_EDITOR, "size_spin"))), ==, 12.5);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (gtk_widget_get_template_child (editor, PV_TYPE_LABEL_EDITOR, "color_button")), &rgba);
  g_assert_cmpfloat_with_epsilon (rgba.blue, 0.6, 1e-6);
  /* Loading applies nothing. */
  g_assert_false (pv_label_editor_get_busy (PV_LABEL_EDITOR (editor)));
  g_assert_finalize_object (editor);
}

/* Point labels take an offset; polygon layers do not offer one. */
static void
test_label_editor_point_offset (void)
{
  g_autoptr(PvVectorLayer) points = open_sample_layer ("poi.geojson");
  g_autoptr(PvLabeling) labeling = NULL;
  Fixture f;

  if (points == NULL || !fixture_setup (&f))
    {
      if (points == NULL)
        g_test_skip ("data-samples/poi.geojson has not been generated");
      return;
    }
  g_assert_false (gtk_widget_get_visible (child (&f, "offset_row")));
  gtk_window_destroy (f.window);
  pv_gui_test_drain ();

  f.window = GTK_WINDOW (gtk_window_new ());
  f.editor = PV_LABEL_EDITOR (pv_label_editor_new (points));
  gtk_window_set_child (f.window, GTK_WIDGET (f.editor));
  gtk_window_present (f.window);
  pv_gui_test_drain ();
  g_assert_true (gtk_widget_get_visible (child (&f, "offset_row")));
  /* The first text field is offered first. */
  g_assert_cmpuint (adw_combo_row_get_selected (child (&f, "field_row")), ==, 0);
  gtk_switch_set_active (child (&f, "show_switch"), TRUE);
  gtk_spin_button_set_value (child (&f, "offset_spin"), 3);
  wait_applied (&f);
  labeling = pv_vector_layer_dup_labeling (points);
  g_assert_nonnull (labeling);
  g_assert_cmpstr (pv_labeling_get_text (labeling), ==, "ten");
  g_assert_cmpfloat (pv_labeling_get_point_offset (labeling), ==, 3);

  fixture_teardown (&f);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/label-editor/field", test_label_editor_field);
  g_test_add_func ("/gui/label-editor/unknown-field", test_label_editor_unknown_field);
  g_test_add_func ("/gui/label-editor/size", test_label_editor_size);
  g_test_add_func ("/gui/label-editor/insert-field", test_label_editor_insert_field);
  g_test_add_func ("/gui/label-editor/loads", test_label_editor_loads);
  g_test_add_func ("/gui/label-editor/point-offset", test_label_editor_point_offset);

  return g_test_run ();
}
