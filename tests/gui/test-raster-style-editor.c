/* test-raster-style-editor.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pv-core.h"
#include "pv-gui-test-util.h"
#include "pv-raster-style-editor.h"
#include "pv-test-util.h"

/* The row under widget whose title is title. */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwComboRow *
combo (GtkWidget  *editor,
       const char *title)
{
  GtkWidget *row = find_row (editor, title);

  g_assert_true (ADW_IS_COMBO_ROW (row));
  return ADW_COMBO_ROW (row);
}

/* The position of the item named name in a combo row's string list. */
static guint
position_of (AdwComboRow *row,
             const char  *name)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), name) == 0)
        return i;
    }
  g_error ("no item “%s”", name);
  return GTK_INVALID_LIST_POSITION;
}

typedef struct
{
  PvRasterStyleEditor *editor;
  PvRasterLayer       *layer;
  PvRasterMode         mode;
  int                  band0;      /* 0: any */
  PvRasterStretch      stretch;    /* or -1: any */
  PvColorRamp          ramp;       /* or -1: any */
} Wanted;

static gboolean
style_is_as_wanted (gpointer data)
{
  Wanted *w = data;
  g_autoptr(PvRasterStyle) style = NULL;

  if (pv_raster_style_editor_is_busy (w->editor))
    return FALSE;
  style = pv_raster_layer_dup_style (w->layer);
  return pv_raster_style_get_mode (style) == w->mode &&
         (w->band0 == 0 || pv_raster_style_get_band (style, 0) == w->band0) &&
         ((int) w->stretch < 0 || pv_raster_style_get_stretch (style) == w->stretch) &&
         ((int) w->ramp < 0 || (w->mode == PV_RASTER_MODE_PSEUDOCOLOR &&
                                pv_raster_style_get_ramp (style) == w->ramp));
}

static gboolean
editor_is_idle (gpointer data)
{
  return !pv_raster_style_editor_is_busy (data);
}

static void
appearance_changed_cb (PvLayer       *layer,
                       volatile gint *count)
{
  /* Emitted on the worker that applied the style. */
  g_atomic_int_inc (count);
}

static void
test_editor_changes_style (void)
{
  g_autofree char *path = pv_test_sample_path ("ortho_thu_dau_mot.tif");
  g_autoptr(GError) error = NULL;
  g_autoptr(PvRasterLayer) layer = pv_raster_layer_new (path, &error);
  g_autoptr(PvRasterStyle) style = NULL;
  volatile gint n_changed = 0;
  GtkWidget *window, *page, *editor, *error_row;
  AdwComboRow *mode_row, *red_row, *ramp_row, *stretch_row;
  Wanted w = { 0 };
  double low, high;

  g_assert_no_error (error);
  g_signal_connect (layer, "appearance-changed", G_CALLBACK (appearance_changed_cb), (gpointer) &n_changed);

  window = gtk_window_new ();
  page = adw_preferences_page_new ();
  editor = pv_raster_style_editor_new (layer);
  g_assert_true (pv_raster_style_editor_get_layer (PV_RASTER_STYLE_EDITOR (editor)) == layer);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (editor));
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  pv_gui_test_drain ();

  w.editor = PV_RASTER_STYLE_EDITOR (editor);
  w.layer = layer;

  /* It opens on the layer's style (RGB, bands 1 2 3) and applies nothing. */
  mode_row = combo (editor, _("Render Mode"));
  red_row = combo (editor, _("Red Band"));
  ramp_row = combo (editor, _("Colour Ramp"));
  stretch_row = combo (editor, _("Stretch"));
  error_row = find_row (editor, _("This style cannot be applied"));
  g_assert_nonnull (error_row);
  g_assert_cmpuint (adw_combo_row_get_selected (mode_row), ==, position_of (mode_row, _("RGB band mapping")));
  g_assert_cmpuint (adw_combo_row_get_selected (red_row), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (red_row)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ramp_row)));
  g_assert_false (pv_raster_style_editor_is_busy (PV_RASTER_STYLE_EDITOR (editor)));
  g_assert_cmpint (g_atomic_int_get (&n_changed), ==, 0);

  /* Blue into the red channel. */
  adw_combo_row_set_selected (red_row, 2);
  w.mode = PV_RASTER_MODE_RGB, w.band0 = 3, w.stretch = -1, w.ramp = -1;
  pv_gui_test_wait_until (style_is_as_wanted, &w, "band 3 in red");
  g_assert_cmpint (g_atomic_int_get (&n_changed), >=, 1);

  /* Single band grey: the layer's style follows, the band rows change. */
  adw_combo_row_set_selected (mode_row, position_of (mode_row, _("Single band grey")));
  w.mode = PV_RASTER_MODE_GREY, w.band0 = 0;
  pv_gui_test_wait_until (style_is_as_wanted, &w, "a grey style");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (red_row)));
  g_assert_true (gtk_widget_get_visible (find_row (editor, _("Band"))));

  /* Pseudocolour with viridis, then a quick series of changes: the last one
   * wins. */
  adw_combo_row_set_selected (mode_row, position_of (mode_row, _("Single band pseudocolour")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ramp_row)));
  g_assert_true (gtk_widget_get_visible (find_row (editor, _("Ramp Preview"))));
  adw_combo_row_set_selected (ramp_row, position_of (ramp_row, pv_color_ramp_get_display_name (PV_COLOR_RAMP_SPECTRAL)));
  adw_combo_row_set_selected (ramp_row, position_of (ramp_row, pv_color_ramp_get_display_name (PV_COLOR_RAMP_VIRIDIS)));
  adw_combo_row_set_selected (stretch_row, PV_RASTER_STRETCH_PERCENTILE);
  w.mode = PV_RASTER_MODE_PSEUDOCOLOR, w.stretch = PV_RASTER_STRETCH_PERCENTILE, w.ramp = PV_COLOR_RAMP_VIRIDIS;
  pv_gui_test_wait_until (style_is_as_wanted, &w, "a viridis percentile style");
  style = pv_raster_layer_dup_style (layer);
  pv_raster_style_get_percentiles (style, &low, &high);
  g_assert_cmpfloat (low, ==, 2);
  g_assert_cmpfloat (high, ==, 98);
  g_clear_object (&style);
  g_assert_true (gtk_widget_get_visible (find_row (editor, _("Low Percentile (%)"))));
  g_assert_false (gtk_widget_get_visible (error_row));

  /* Low above high is refused in the editor; the layer keeps its style. */
  {
    GtkWidget *low_row = find_row (editor, _("Low Percentile (%)"));
    GtkWidget *spin = pv_gui_test_find_widget_of_type (low_row, GTK_TYPE_SPIN_BUTTON);

    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 99);
    pv_gui_test_wait_until (editor_is_idle, editor, "the editor to be idle");
    g_assert_true (gtk_widget_get_visible (error_row));
    style = pv_raster_layer_dup_style (layer);
    pv_raster_style_get_percentiles (style, &low, &high);
    g_assert_cmpfloat (low, ==, 2);
    g_clear_object (&style);

    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 5);
    pv_gui_test_wait_until (editor_is_idle, editor, "the editor to be idle");
    style = pv_raster_layer_dup_style (layer);
    pv_raster_style_get_percentiles (style, &low, &high);
    g_assert_cmpfloat (low, ==, 5);
    g_clear_object (&style);
    g_assert_false (gtk_widget_get_visible (error_row));
  }

  /* A custom range starts from the range in use. */
  {
    double min, max, smin, smax;

    g_assert_true (pv_raster_layer_get_stretch_range (layer, 0, &min, &max));
    adw_combo_row_set_selected (stretch_row, PV_RASTER_STRETCH_USER);
    w.stretch = PV_RASTER_STRETCH_USER;
    pv_gui_test_wait_until (style_is_as_wanted, &w, "a custom range");
    style = pv_raster_layer_dup_style (layer);
    pv_raster_style_get_channel_range (style, 0, &smin, &smax);
    g_assert_cmpfloat (ABS (smin - min), <, 0.01);
    g_assert_cmpfloat (ABS (smax - max), <, 0.01);
    g_clear_object (&style);
  }

  /* Resampling. */
  adw_combo_row_set_selected (combo (editor, _("Resampling")), PV_RASTER_RESAMPLING_CUBIC);
  pv_gui_test_wait_until (editor_is_idle, editor, "the editor to be idle");
  style = pv_raster_layer_dup_style (layer);
  g_assert_cmpint (pv_raster_style_get_resampling (style), ==, PV_RASTER_RESAMPLING_CUBIC);
  g_clear_object (&style);

  g_signal_handlers_disconnect_by_func (layer, appearance_changed_cb, (gpointer) &n_changed);
  gtk_window_destroy (GTK_WINDOW (window));
  pv_gui_test_drain ();
  g_assert_finalize_object (g_steal_pointer (&layer));
}

/* A paletted raster offers the palette mode, and a change made right before
 * the editor goes away does not outlive it. */
static void
test_editor_palette (void)
{
  g_autofree char *path = pv_test_realdata_path ("raster/small_world_pct.tif");
  g_autoptr(GError) error = NULL;
  g_autoptr(PvRasterLayer) layer = NULL;
  g_autoptr(PvRasterStyle) style = NULL;
  GtkWidget *window, *page, *editor;
  AdwComboRow *mode_row;

  if (path == NULL)
    {
      g_test_skip ("../shared/realdata is absent");
      return;
    }
  layer = pv_raster_layer_new (path, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  page = adw_preferences_page_new ();
  editor = pv_raster_style_editor_new (layer);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (editor));
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  pv_gui_test_drain ();

  mode_row = combo (editor, _("Render Mode"));
  g_assert_cmpuint (adw_combo_row_get_selected (mode_row), ==,
                    position_of (mode_row, _("Palette (colour table)")));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (combo (editor, _("Stretch")))));

  adw_combo_row_set_selected (mode_row, position_of (mode_row, _("Single band grey")));
  pv_gui_test_wait_until (editor_is_idle, editor, "the editor to be idle");
  style = pv_raster_layer_dup_style (layer);
  g_assert_cmpint (pv_raster_style_get_mode (style), ==, PV_RASTER_MODE_GREY);
  g_clear_object (&style);

  adw_combo_row_set_selected (mode_row, position_of (mode_row, _("Palette (colour table)")));
  g_object_ref (editor);
  gtk_window_destroy (GTK_WINDOW (window));
  pv_gui_test_wait_until (editor_is_idle, editor, "the editor to be idle");
  g_assert_finalize_object (editor);
  pv_gui_test_drain ();
  g_assert_finalize_object (g_steal_pointer (&layer));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/raster-style-editor/changes-style", test_editor_changes_style);
  g_test_add_func ("/gui/raster-style-editor/palette", test_editor_palette);

  return g_test_run ();
}
