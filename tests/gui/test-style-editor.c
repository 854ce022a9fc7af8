/* test-style-editor.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>

#include "pv-core.h"
#include "pv-gui-test-util.h"
#include "pv-map.h"
#include "pv-renderer.h"
#include "pv-style-editor.h"
#include "pv-symbol-editor.h"
#include "pv-test-util.h"
#include "pv-vector-layer.h"
#include "pv-viewport.h"

typedef struct
{
  PvVectorLayer *layer;
  GtkWindow     *window;
  GtkWidget     *editor;
} Fixture;

static gboolean
open_sample (Fixture *f)
{
  g_autofree char *path = pv_test_sample_path ("quy_hoach_2030.shp");
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data-samples/quy_hoach_2030.shp has not been generated");
      return FALSE;
    }
  layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  f->layer = g_object_ref (layers->pdata[0]);
  f->window = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (f->window, 500, 800);
  f->editor = pv_style_editor_new (f->layer);
  gtk_window_set_child (f->window, f->editor);
  gtk_window_present (f->window);
  pv_gui_test_drain ();
  return TRUE;
}

static void
close_sample (Fixture *f)
{
  pv_gui_test_window_destroy_drained (g_steal_pointer (&f->window));
  g_clear_object (&f->layer);
}

/* The first widget under widget of type whose (row) title is title. */
static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
select_item (AdwComboRow *row,
             const char  *item)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_error ("no item “%s” in the combo row “%s”", item,
           adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static AdwComboRow *
combo_row (Fixture    *f,
           const char *title)
{
  GtkWidget *row = find_row (f->editor, ADW_TYPE_COMBO_ROW, title);

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

typedef struct
{
  Fixture     *f;
  PvStyleKind  kind;
  const char  *field;
  PvStyle     *not_this;
} StyleQuery;

static gboolean
style_is_applied (gpointer data)
{
  StyleQuery *q = data;
  g_autoptr(PvStyle) style = NULL;

  if (pv_style_editor_get_busy (PV_STYLE_EDITOR (q->f->editor)))
    return FALSE;
  style = pv_vector_layer_dup_style (q->f->layer);
  return style != NULL && style != q->not_this && pv_style_get_kind (style) == q->kind &&
         (q->field == NULL || g_strcmp0 (pv_style_get_field (style), q->field) == 0);
}

static gboolean
editor_is_idle (gpointer data)
{
  return !pv_style_editor_get_busy (data);
}

static guint
n_classes_without_other (PvStyle *style)
{
  guint n = 0;

  for (guint i = 0; i < pv_style_get_n_categories (style); i++)
    if (!pv_style_get_category (style, i)->other)
      n++;
  return n;
}

static GArray *
column_numbers (PvVectorLayer *layer,
                const char    *field)
{
  guint n = pv_vector_layer_get_n_features (layer);
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  char **column = NULL;

  for (guint i = 0; i < pv_vector_layer_get_n_fields (layer); i++)
    if (g_strcmp0 (pv_vector_layer_get_field_name (layer, i), field) == 0)
      column = pv_vector_layer_dup_column (layer, i, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (column);
  for (guint i = 0; i < n; i++)
    {
      if (column[i] != NULL)
        {
          double v = g_ascii_strtod (column[i], NULL);

          g_array_append_val (values, v);
        }
      g_free (column[i]);
    }
  g_free (column);
  return values;
}

/* Graduated on dien_tich, 5 classes by natural breaks: the layer gets that
 * style, split where Jenks says (not where equal intervals would). */
static void
test_style_editor_graduated (void)
{
  Fixture f = { 0 };
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GArray) values = NULL;
  g_autoptr(GArray) jenks = NULL;
  g_autoptr(GArray) equal = NULL;
  GtkWidget *classes_row;
  GtkSpinButton *spin;
  StyleQuery q;
  gboolean differ = FALSE;

  if (!open_sample (&f))
    return;
  select_item (combo_row (&f, "Style"), "Graduated");
  /* Only numeric fields are offered. */
  g_assert_false (pv_gui_test_tree_has_label_containing (GTK_WIDGET (combo_row (&f, "Field")), "ma_sdd"));
  select_item (combo_row (&f, "Field"), "dien_tich");
  select_item (combo_row (&f, "Method"), "Natural breaks (Jenks)");
  classes_row = find_row (f.editor, ADW_TYPE_ACTION_ROW, "Classes");
  g_assert_nonnull (classes_row);
  spin = GTK_SPIN_BUTTON (pv_gui_test_find_widget_of_type (classes_row, GTK_TYPE_SPIN_BUTTON));
  gtk_spin_button_set_value (spin, 4);
  gtk_spin_button_set_value (spin, 5);

  q = (StyleQuery) { &f, PV_STYLE_GRADUATED, "dien_tich", NULL };
  pv_gui_test_wait_until (style_is_applied, &q, "a graduated style on dien_tich");
  style = pv_vector_layer_dup_style (f.layer);
  g_assert_cmpuint (n_classes_without_other (style), ==, 5);

  values = column_numbers (f.layer, "dien_tich");
  jenks = pv_style_compute_breaks ((double *) (gpointer) values->data, values->len, 5, PV_CLASSIFY_JENKS);
  equal = pv_style_compute_breaks ((double *) (gpointer) values->data, values->len, 5, PV_CLASSIFY_EQUAL_INTERVAL);
  g_assert_cmpuint (jenks->len, ==, 6);
  for (guint k = 1; k < 5; k++)
    {
      double b = g_array_index (jenks, double, k);
      char below[G_ASCII_DTOSTR_BUF_SIZE], above[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (below, sizeof below, b);
      g_ascii_dtostr (above, sizeof above, b + fmax (fabs (b) * 1e-6, 1e-6));
      g_assert_cmpuint (pv_style_classify (style, below), ==, k - 1);
      g_assert_cmpuint (pv_style_classify (style, above), ==, k);
      differ |= fabs (b - g_array_index (equal, double, k)) > 1e-6;
    }
  g_assert_true (differ);

  /* The class list shows the five classes and their counts. */
  g_assert_nonnull (find_row (f.editor, ADW_TYPE_ENTRY_ROW, "Other values"));
  close_sample (&f);
}

static guint
count_colour (cairo_surface_t *image,
              const double    *rgb)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data;
  guint n = 0;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = *(const guint32 *) (gconstpointer) (data + y * stride + 4 * x);
        double a = (p >> 24) / 255.0;
        double c[3] = { ((p >> 16) & 0xff) / 255.0, ((p >> 8) & 0xff) / 255.0, (p & 0xff) / 255.0 };

        if (a < 0.2)
          continue;
        /* Unpremultiplied: the fill colour itself, whatever its opacity. */
        if (fabs (c[0] / a - rgb[0]) < 0.08 && fabs (c[1] / a - rgb[1]) < 0.08 && fabs (c[2] / a - rgb[2]) < 0.08)
          n++;
      }
  return n;
}

static cairo_surface_t *
render (PvVectorLayer *layer)
{
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) viewport = pv_viewport_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  double xmin, ymin, xmax, ymax;

  pv_map_add_layer (map, PV_LAYER (layer));
  g_assert_true (pv_map_get_extent (map, &xmin, &ymin, &xmax, &ymax));
  pv_viewport_set_size (viewport, 400, 400);
  pv_viewport_fit_extent (viewport, xmin, ymin, xmax, ymax);
  image = pv_render_map_to_image (map, viewport, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return image;
}

/* Editing a class's fill in the symbol editor changes that class, only that
 * class, in the layer's style, and the map draws it. */
static void
test_style_editor_symbol (void)
{
  static const double magenta[3] = { 1.0, 0.0, 1.0 };
  static const GdkRGBA rgba = { 1.0, 0.0, 1.0, 1.0 };
  Fixture f = { 0 };
  g_autoptr(PvStyle) before = NULL;
  g_autoptr(PvStyle) after = NULL;
  g_autoptr(GArray) counts = NULL;
  cairo_surface_t *image;
  GtkWidget *symbol_editor;
  GtkWidget *fill_button;
  guint biggest = 0, n_before;
  StyleQuery q;

  if (!open_sample (&f))
    return;
  /* The land-use codes get the palette when the layer opens. */
  select_item (combo_row (&f, "Style"), "Categorized");
  select_item (combo_row (&f, "Field"), "ma_sdd");
  select_item (combo_row (&f, "Colours"), "Vietnamese land-use palette");
  q = (StyleQuery) { &f, PV_STYLE_CATEGORIZED, "ma_sdd", NULL };
  pv_gui_test_wait_until (style_is_applied, &q, "the land-use palette on ma_sdd");
  pv_gui_test_wait_until (editor_is_idle, f.editor, "the style editor to settle");
  before = pv_vector_layer_dup_style (f.layer);
  g_assert_nonnull (pv_style_get_palette_id (before));
  counts = pv_vector_layer_dup_category_counts (f.layer);
  for (guint i = 0; i + 1 < counts->len; i++)
    if (g_array_index (counts, guint, i) > g_array_index (counts, guint, biggest))
      biggest = i;
  g_assert_cmpuint (g_array_index (counts, guint, biggest), >, 0);

  image = render (f.layer);
  n_before = count_colour (image, magenta);
  cairo_surface_destroy (image);

  symbol_editor = pv_style_editor_edit_symbol (PV_STYLE_EDITOR (f.editor), biggest);
  g_assert_true (PV_IS_SYMBOL_EDITOR (symbol_editor));
  /* The first colour button is the fill's. */
  fill_button = pv_gui_test_find_widget_of_type (symbol_editor, GTK_TYPE_COLOR_BUTTON);
  g_assert_nonnull (fill_button);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (fill_button), &rgba);

  q = (StyleQuery) { &f, PV_STYLE_CATEGORIZED, "ma_sdd", before };
  pv_gui_test_wait_until (style_is_applied, &q, "the style with the new fill");
  after = pv_vector_layer_dup_style (f.layer);
  g_assert_cmpuint (pv_style_get_n_categories (after), ==, pv_style_get_n_categories (before));
  for (guint i = 0; i < pv_style_get_n_categories (after); i++)
    {
      const PvStyleCategory *a = pv_style_get_category (after, i);
      const PvStyleCategory *b = pv_style_get_category (before, i);

      if (i == biggest)
        {
          g_assert_cmpfloat_with_epsilon (a->fill[0], 1.0, 1e-6);
          g_assert_cmpfloat_with_epsilon (a->fill[1], 0.0, 1e-6);
          g_assert_cmpfloat_with_epsilon (a->fill[2], 1.0, 1e-6);
          g_assert_cmpfloat_with_epsilon (a->fill[3], b->fill[3], 0.006);
        }
      else
        for (guint c = 0; c < 4; c++)
          g_assert_cmpfloat (a->fill[c], ==, b->fill[c]);
      g_assert_cmpstr (a->value, ==, b->value);
      g_assert_cmpstr (a->label, ==, b->label);
    }

  /* A render probe: the map now shows magenta where it showed none. */
  image = render (f.layer);
  g_assert_cmpuint (count_colour (image, magenta), >, n_before + 200);
  cairo_surface_destroy (image);
  close_sample (&f);
}

/* A rule whose filter is not valid SQL: the error is shown, next to the
 * rule too, and the layer keeps the style it had. */
/* The land-use palette names some sixty codes: the editor lists those the
 * layer uses and says how many others it leaves out. */
static void
test_style_editor_palette_codes (void)
{
  Fixture f = { 0 };
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GArray) counts = NULL;
  guint n_absent = 0, n_present = 0;

  if (!open_sample (&f))
    return;
  style = pv_vector_layer_dup_style (f.layer);
  g_assert_nonnull (style);
  g_assert_cmpstr (pv_style_get_palette_id (style), ==, PV_PALETTE_VN_LANDUSE);
  counts = pv_vector_layer_dup_category_counts (f.layer);
  for (guint i = 0; i < counts->len; i++)
    {
      const PvStyleCategory *c = pv_style_get_category (style, i);
      GtkWidget *row = find_row (f.editor, ADW_TYPE_ENTRY_ROW, c->value);

      if (c->other)
        continue;
      g_assert_nonnull (row);
      g_assert_true (gtk_widget_get_visible (row) == (g_array_index (counts, guint, i) > 0));
      if (g_array_index (counts, guint, i) > 0)
        n_present++;
      else
        n_absent++;
    }
  g_assert_cmpuint (n_present, >, 5);
  g_assert_cmpuint (n_absent, >, 0);
  {
    g_autofree char *title = g_strdup_printf ("%u codes of the palette are not in the layer and not listed",
                                              n_absent);
    GtkWidget *row = find_row (f.editor, ADW_TYPE_ACTION_ROW, title);

    g_assert_nonnull (row);
    g_assert_true (gtk_widget_get_visible (row));
  }
  close_sample (&f);
}

static void
test_style_editor_invalid_rule (void)
{
  Fixture f = { 0 };
  g_autoptr(PvStyle) before = NULL;
  g_autoptr(PvStyle) still = NULL;
  GtkWidget *filter_row;
  StyleQuery q;

  if (!open_sample (&f))
    return;
  select_item (combo_row (&f, "Style"), "Rule-based");
  q = (StyleQuery) { &f, PV_STYLE_RULE_BASED, NULL, NULL };
  pv_gui_test_wait_until (style_is_applied, &q, "a rule-based style");
  before = pv_vector_layer_dup_style (f.layer);
  g_assert_cmpuint (pv_style_get_n_categories (before), >, 1);
  g_assert_false (pv_gui_test_tree_has_label_containing (f.editor, "not valid"));

  filter_row = find_row (f.editor, ADW_TYPE_ENTRY_ROW, "Filter (OGR SQL)");
  g_assert_nonnull (filter_row);
  gtk_editable_set_text (GTK_EDITABLE (filter_row), "ma_sdd === 'ODT' AND");
  g_signal_emit_by_name (filter_row, "apply");
  pv_gui_test_spin (50);
  pv_gui_test_wait_until (editor_is_idle, f.editor, "the rules to be tried");
  pv_gui_test_drain ();

  still = pv_vector_layer_dup_style (f.layer);
  g_assert_true (still == before);
  g_assert_true (pv_gui_test_tree_has_label_containing (f.editor, "not valid"));
  /* Next to the rule: an error row in the rule's expander. */
  {
    GtkWidget *expander = gtk_widget_get_ancestor (find_row (f.editor, ADW_TYPE_ENTRY_ROW, "Filter (OGR SQL)"),
                                                   ADW_TYPE_EXPANDER_ROW);

    g_assert_nonnull (expander);
    g_assert_true (pv_gui_test_tree_has_label_containing (expander, "not valid"));
  }
  close_sample (&f);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/style-editor/graduated", test_style_editor_graduated);
  g_test_add_func ("/gui/style-editor/symbol", test_style_editor_symbol);
  g_test_add_func ("/gui/style-editor/invalid-rule", test_style_editor_invalid_rule);
  g_test_add_func ("/gui/style-editor/palette-codes", test_style_editor_palette_codes);

  return g_test_run ();
}
