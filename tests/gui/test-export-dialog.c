/* test-export-dialog.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pv-export-dialog.h"
#include "pv-gui-test-util.h"
#include "pv-test-util.h"
#include "pv-window.h"

#define TITLE "Quy hoạch Thủ Dầu Một — thử nghiệm"

/* The preferences row titled title (with its mnemonic underline) under
 * widget, or NULL. */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_row (child, title);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = find_button (child, label);

      if (button != NULL)
        return button;
    }
  return NULL;
}

static AdwComboRow *
combo_row (PvExportDialog *dialog,
           const char     *title)
{
  GtkWidget *row = find_row (GTK_WIDGET (dialog), title);

  g_assert_true (ADW_IS_COMBO_ROW (row));
  return ADW_COMBO_ROW (row);
}

/* The spin button of the action row titled title. */
static GtkSpinButton *
spin_of_row (PvExportDialog *dialog,
             const char     *title)
{
  GtkWidget *row = find_row (GTK_WIDGET (dialog), title);
  GtkWidget *spin;

  g_assert_nonnull (row);
  spin = pv_gui_test_find_widget_of_type (row, GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  return GTK_SPIN_BUTTON (spin);
}

static gboolean
preview_settled (gpointer data)
{
  PvExportDialog *dialog = data;

  return !pv_export_dialog_get_preview_busy (dialog) && pv_export_dialog_get_render_count (dialog) > 0;
}

static void
wait_preview (PvExportDialog *dialog,
              const char     *what)
{
  pv_gui_test_drain ();
  pv_gui_test_wait_until (preview_settled, dialog, what);
}

static gboolean
not_exporting (gpointer data)
{
  return !pv_export_dialog_get_exporting (data);
}

static void
exported_cb (PvExportDialog *dialog,
             const char     *path,
             char          **exported)
{
  g_free (*exported);
  *exported = g_strdup (path);
}

/* pdfinfo's "Page size" (points) and "Pages" of a PDF. */
static void
pdf_info (const char *path,
          double     *width_pt,
          double     *height_pt,
          int        *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *command = g_strdup_printf ("pdfinfo %s", quoted);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  g_spawn_command_line_sync (command, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  *width_pt = *height_pt = 0;
  *n_pages = 0;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Page size:"))
        g_assert_cmpint (sscanf (lines[i], "Page size: %lf x %lf", width_pt, height_pt), ==, 2);
      else if (g_str_has_prefix (lines[i], "Pages:"))
        g_assert_cmpint (sscanf (lines[i], "Pages: %d", n_pages), ==, 1);
    }
}

static gboolean
have_pdfinfo (void)
{
  g_autofree char *found = g_find_program_in_path ("pdfinfo");

  return found != NULL;
}

static void
destroyed_cb (GtkWidget *dialog)
{
  g_object_set_data (G_OBJECT (dialog), "destroyed", GINT_TO_POINTER (TRUE));
}

static PvExportDialog *
open_dialog (PvWindow *window)
{
  PvViewport *viewport = pv_map_view_get_viewport (pv_window_get_map_view (window));
  double extent[4];
  PvExportDialog *dialog;

  pv_viewport_get_extent (viewport, &extent[0], &extent[1], &extent[2], &extent[3]);
  dialog = pv_export_dialog_new (GTK_WINDOW (window), pv_window_get_map (window), extent);
  /* The test holds a reference of its own: the dialog closes on success. */
  g_object_ref (dialog);
  g_signal_connect (dialog, "destroy", G_CALLBACK (destroyed_cb), NULL);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 1000, 700);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_preview (dialog, "the first preview");
  return dialog;
}

static void
close_dialog (PvExportDialog *dialog)
{
  if (!GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "destroyed")))
    gtk_window_destroy (GTK_WINDOW (dialog));
  pv_gui_test_drain ();
  g_object_unref (dialog);
}

static double
aspect (double width,
        double height)
{
  return width / height;
}

static void
test_export_dialog_sample (void)
{
  g_autoptr(PvWindow) window = pv_gui_test_open_sample_project (1200, 800);
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *exported = NULL;
  PvExportDialog *dialog;
  PvPrintLayout *layout;
  PvMap *map;
  GListModel *layouts;
  cairo_surface_t *before;
  graphene_rect_t rect;
  GtkWidget *export_button;
  double width_mm, height_mm, width_pt, height_pt;
  guint renders, n_layouts;
  int n_pages;
  gboolean found = FALSE;

  if (window == NULL)
    return;
  map = pv_window_get_map (window);
  dialog = open_dialog (window);
  layout = pv_export_dialog_get_layout (dialog);
  export_button = find_button (GTK_WIDGET (dialog), "_Export…");
  g_assert_nonnull (export_button);

  /* A4 portrait by default; the project's title is the page's. */
  g_assert_null (pv_export_dialog_get_error (dialog));
  g_assert_true (gtk_widget_get_sensitive (export_button));
  g_assert_cmpint (pv_print_layout_get_paper (layout), ==, PV_PAPER_A4);
  g_assert_cmpstr (pv_print_layout_get_text (layout, "title"), ==, pv_map_get_title (map));
  g_assert_nonnull (pv_export_dialog_get_preview_surface (dialog));
  g_assert_cmpfloat_with_epsilon (aspect (cairo_image_surface_get_width (pv_export_dialog_get_preview_surface (dialog)),
                                          cairo_image_surface_get_height (pv_export_dialog_get_preview_surface (dialog))),
                                  210.0 / 297.0, 0.01);

  /* A3 landscape through the rows: the layout follows, then the preview. */
  adw_combo_row_set_selected (combo_row (dialog, "_Paper"), 1);
  adw_combo_row_set_selected (combo_row (dialog, "_Orientation"), 1);
  g_assert_cmpint (pv_print_layout_get_paper (layout), ==, PV_PAPER_A3);
  g_assert_true (pv_print_layout_get_landscape (layout));
  pv_print_layout_get_page_size_mm (layout, &width_mm, &height_mm);
  g_assert_cmpfloat (width_mm, ==, 420);
  g_assert_cmpfloat (height_mm, ==, 297);
  pv_export_dialog_get_page_rect (dialog, &rect);
  g_assert_cmpfloat_with_epsilon (aspect (rect.size.width, rect.size.height), 420.0 / 297.0, 0.001);
  wait_preview (dialog, "the A3 landscape preview");
  g_assert_cmpfloat_with_epsilon (aspect (cairo_image_surface_get_width (pv_export_dialog_get_preview_surface (dialog)),
                                          cairo_image_surface_get_height (pv_export_dialog_get_preview_surface (dialog))),
                                  420.0 / 297.0, 0.01);
  /* The layout also drives the widgets. */
  g_object_set (layout, "margin-mm", 12.0, NULL);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin_of_row (dialog, "_Margins (mm)")), ==, 12);

  /* A title: after the delay the preview is drawn anew, and differs. */
  before = cairo_surface_reference (pv_export_dialog_get_preview_surface (dialog));
  renders = pv_export_dialog_get_render_count (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), "_Title")), TITLE);
  g_assert_cmpstr (pv_print_layout_get_text (layout, "title"), ==, TITLE);
  g_assert_true (pv_export_dialog_get_preview_busy (dialog));
  wait_preview (dialog, "the preview with the new title");
  g_assert_cmpuint (pv_export_dialog_get_render_count (dialog), >, renders);
  {
    cairo_surface_t *after = pv_export_dialog_get_preview_surface (dialog);
    int h = cairo_image_surface_get_height (after);

    g_assert_true (after != before);
    g_assert_cmpint (cairo_image_surface_get_width (after), ==, cairo_image_surface_get_width (before));
    g_assert_cmpint (h, ==, cairo_image_surface_get_height (before));
    g_assert_cmpint (memcmp (cairo_image_surface_get_data (after), cairo_image_surface_get_data (before),
                             (gsize) cairo_image_surface_get_stride (after) * h), !=, 0);
  }
  cairo_surface_destroy (before);

  /* The scale combo: a planning scale, a custom one, back to fitted. */
  adw_combo_row_set_selected (combo_row (dialog, "_Scale"), 2);
  g_assert_cmpfloat (pv_print_layout_get_scale (layout), ==, 1000);
  g_object_set (layout, "scale", 7500.0, NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_row (dialog, "_Scale")), ==, 8);
  gtk_spin_button_set_value (spin_of_row (dialog, "Scale _1:"), 8000);
  g_assert_cmpfloat (pv_print_layout_get_scale (layout), ==, 8000);
  adw_combo_row_set_selected (combo_row (dialog, "_Scale"), 0);
  g_assert_cmpfloat (pv_print_layout_get_scale (layout), ==, 0);

  /* Save as template: the project's layouts hold it by name, once. */
  layouts = pv_map_get_layouts (map);
  n_layouts = g_list_model_get_n_items (layouts);
  g_assert_false (pv_project_get_modified (pv_window_get_project (window)));
  pv_export_dialog_save_template (dialog, "Mẫu A3 thử");
  g_assert_cmpuint (g_list_model_get_n_items (layouts), ==, n_layouts + 1);
  g_assert_true (pv_project_get_modified (pv_window_get_project (window)));
  g_object_set (layout, "dpi", 150.0, NULL);
  pv_export_dialog_save_template (dialog, "Mẫu A3 thử");
  g_assert_cmpuint (g_list_model_get_n_items (layouts), ==, n_layouts + 1);
  for (guint i = 0; i < g_list_model_get_n_items (layouts); i++)
    {
      g_autoptr(PvPrintLayout) saved = g_list_model_get_item (layouts, i);

      if (g_strcmp0 (pv_print_layout_get_name (saved), "Mẫu A3 thử") == 0)
        {
          found = TRUE;
          g_assert_cmpstr (pv_print_layout_get_text (saved, "title"), ==, TITLE);
          g_assert_cmpfloat (pv_print_layout_get_dpi (saved), ==, 150);
          g_assert_true (pv_print_layout_get_landscape (saved));
          g_assert_true (saved != layout);
        }
    }
  g_assert_true (found);
  /* The Template row lists it, chosen. */
  g_assert_cmpuint (adw_combo_row_get_selected (combo_row (dialog, "_Layout template")), ==, n_layouts + 1);

  /* Loading the project's first template sets everything it holds. */
  {
    g_autoptr(PvPrintLayout) first = g_list_model_get_item (layouts, 0);

    adw_combo_row_set_selected (combo_row (dialog, "_Layout template"), 1);
    g_assert_true (pv_print_layout_equal (layout, first));
    g_assert_cmpfloat (gtk_spin_button_get_value (spin_of_row (dialog, "_Resolution (dpi)")), ==,
                       pv_print_layout_get_dpi (first));
  }
  /* And the saved one again. */
  pv_export_dialog_load_template (dialog, n_layouts);
  g_assert_cmpstr (pv_print_layout_get_text (layout, "title"), ==, TITLE);

  /* A margin wider than the page: the error shows, Export is off. */
  adw_combo_row_set_selected (combo_row (dialog, "_Paper"), 0);
  adw_combo_row_set_selected (combo_row (dialog, "_Orientation"), 0);
  gtk_spin_button_set_value (spin_of_row (dialog, "_Margins (mm)"), 200);
  g_assert_cmpfloat (pv_print_layout_get_margin_mm (layout), ==, 200);
  g_assert_nonnull (pv_export_dialog_get_error (dialog));
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (dialog), pv_export_dialog_get_error (dialog)));
  g_assert_false (gtk_widget_get_sensitive (export_button));
  g_assert_false (pv_export_dialog_get_can_export (dialog));
  g_assert_false (pv_export_dialog_export_to_path (dialog, "/nonexistent/never.pdf"));
  gtk_spin_button_set_value (spin_of_row (dialog, "_Margins (mm)"), 10);
  g_assert_null (pv_export_dialog_get_error (dialog));
  g_assert_true (gtk_widget_get_sensitive (export_button));

  /* A3 landscape to a PDF through the dialog's export. */
  adw_combo_row_set_selected (combo_row (dialog, "_Paper"), 1);
  adw_combo_row_set_selected (combo_row (dialog, "_Orientation"), 1);
  g_object_set (layout, "dpi", 100.0, NULL);
  wait_preview (dialog, "the preview before the export");
  dir = pv_test_make_temp_dir ("export-dialog");
  pdf = g_build_filename (dir, "quy-hoach.pdf", NULL);
  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &exported);
  g_assert_true (pv_export_dialog_export_to_path (dialog, pdf));
  g_assert_true (pv_export_dialog_get_exporting (dialog));
  g_assert_false (gtk_widget_get_sensitive (export_button));
  pv_gui_test_wait_until (not_exporting, dialog, "the PDF export");
  g_assert_null (pv_export_dialog_get_error (dialog));
  g_assert_cmpstr (exported, ==, pdf);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  if (have_pdfinfo ())
    {
      pdf_info (pdf, &width_pt, &height_pt, &n_pages);
      g_assert_cmpint (n_pages, ==, 1);
      g_assert_cmpfloat_with_epsilon (width_pt, 420 / 25.4 * 72, 0.5);
      g_assert_cmpfloat_with_epsilon (height_pt, 297 / 25.4 * 72, 0.5);
    }

  close_dialog (dialog);
  pv_test_remove_dir (dir);
  pv_gui_test_window_destroy_drained (g_steal_pointer (&window));
}

/* One page per bookmark, and a failed export that keeps the dialog and what
 * was typed. */
static void
test_export_dialog_bookmarks (void)
{
  g_autoptr(PvWindow) window = pv_gui_test_open_sample_project (1200, 800);
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *exported = NULL;
  PvExportDialog *dialog;
  PvPrintLayout *layout;
  PvBookmarkList *bookmarks;
  guint n, renders;
  double width_pt, height_pt;
  int n_pages;

  if (window == NULL)
    return;
  bookmarks = pv_map_get_bookmarks (pv_window_get_map (window));
  n = g_list_model_get_n_items (G_LIST_MODEL (bookmarks));
  if (n < 2)
    {
      g_test_skip ("the sample project has fewer than two bookmarks");
      pv_gui_test_window_destroy_drained (g_steal_pointer (&window));
      return;
    }
  dialog = open_dialog (window);
  layout = pv_export_dialog_get_layout (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (combo_row (dialog, "_Export"))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (combo_row (dialog, "_Bookmark"))));

  /* One bookmark: its row shows, the preview is drawn anew. */
  renders = pv_export_dialog_get_render_count (dialog);
  adw_combo_row_set_selected (combo_row (dialog, "_Export"), PV_EXPORT_PAGES_ONE_BOOKMARK);
  g_assert_cmpint (pv_export_dialog_get_pages (dialog), ==, PV_EXPORT_PAGES_ONE_BOOKMARK);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (combo_row (dialog, "_Bookmark"))));
  adw_combo_row_set_selected (combo_row (dialog, "_Bookmark"), 1);
  wait_preview (dialog, "the preview of the second bookmark");
  g_assert_cmpuint (pv_export_dialog_get_render_count (dialog), >, renders);
  g_assert_null (pv_export_dialog_get_error (dialog));

  /* A folder that does not exist: the error shows, the dialog stays with
   * its settings. */
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), "_Author")), "Sở Tài nguyên và Môi trường");
  g_object_set (layout, "dpi", 72.0, NULL);
  dir = pv_test_make_temp_dir ("export-dialog");
  bad = g_build_filename (dir, "không-có", "ban-do.pdf", NULL);
  g_assert_true (pv_export_dialog_export_to_path (dialog, bad));
  pv_gui_test_wait_until (not_exporting, dialog, "the failing export");
  g_assert_nonnull (pv_export_dialog_get_error (dialog));
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (dialog), pv_export_dialog_get_error (dialog)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), "_Author"))), ==,
                   "Sở Tài nguyên và Môi trường");
  g_assert_true (pv_export_dialog_get_can_export (dialog));

  /* Every bookmark: one page each. */
  adw_combo_row_set_selected (combo_row (dialog, "_Export"), PV_EXPORT_PAGES_ALL_BOOKMARKS);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (combo_row (dialog, "_Bookmark"))));
  pdf = g_build_filename (dir, "bookmarks.pdf", NULL);
  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &exported);
  g_assert_true (pv_export_dialog_export_to_path (dialog, pdf));
  pv_gui_test_wait_until (not_exporting, dialog, "the export of every bookmark");
  g_assert_null (pv_export_dialog_get_error (dialog));
  g_assert_cmpstr (exported, ==, pdf);
  if (have_pdfinfo ())
    {
      pdf_info (pdf, &width_pt, &height_pt, &n_pages);
      g_assert_cmpint (n_pages, ==, (int) n);
      g_assert_cmpfloat_with_epsilon (width_pt, 210 / 25.4 * 72, 0.5);
    }

  close_dialog (dialog);
  pv_test_remove_dir (dir);
  pv_gui_test_window_destroy_drained (g_steal_pointer (&window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/export-dialog/sample", test_export_dialog_sample);
  g_test_add_func ("/gui/export-dialog/bookmarks", test_export_dialog_bookmarks);

  return g_test_run ();
}
