/* test-print-legend.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pv-core.h"
#include "pv-landuse-stats.h"
#include "pv-legend.h"
#include "pv-print-legend.h"
#include "pv-print-table.h"
#include "pv-style.h"
#include "pv-test-util.h"
#include "pv-vector-layer.h"

#define PT_PER_MM (72.0 / 25.4)

/* Two places, A (around 106.6 E, 10.93 N) and B (around 106.8 E), in WGS 84. */
static const char *const zones_geojson =
  "{\"type\": \"FeatureCollection\", \"features\": ["
  /* In A: two ODT, one ONT. */
  "{\"type\": \"Feature\", \"properties\": {\"mdsd\": \"ODT\"}, \"geometry\": {\"type\": \"Polygon\","
  " \"coordinates\": [[[106.600, 10.92], [106.610, 10.92], [106.610, 10.93], [106.600, 10.93], [106.600, 10.92]]]}},"
  "{\"type\": \"Feature\", \"properties\": {\"mdsd\": \"ODT\"}, \"geometry\": {\"type\": \"Polygon\","
  " \"coordinates\": [[[106.620, 10.92], [106.630, 10.92], [106.630, 10.93], [106.620, 10.93], [106.620, 10.92]]]}},"
  "{\"type\": \"Feature\", \"properties\": {\"mdsd\": \"ONT\"}, \"geometry\": {\"type\": \"Polygon\","
  " \"coordinates\": [[[106.600, 10.94], [106.610, 10.94], [106.610, 10.95], [106.600, 10.95], [106.600, 10.94]]]}},"
  /* A triangle whose bounding box meets box A, but not its shape. */
  "{\"type\": \"Feature\", \"properties\": {\"mdsd\": \"DGT\"}, \"geometry\": {\"type\": \"Polygon\","
  " \"coordinates\": [[[106.635, 10.90], [106.680, 10.90], [106.680, 10.945], [106.635, 10.90]]]}},"
  /* A polygon with box A wholly inside (no vertex in it)… */
  "{\"type\": \"Feature\", \"properties\": {\"mdsd\": \"CLN\"}, \"geometry\": {\"type\": \"Polygon\","
  " \"coordinates\": [[[106.580, 10.900], [106.650, 10.900], [106.650, 10.970], [106.580, 10.970], [106.580, 10.900]]]}},"
  /* …and one with box A wholly in its hole. */
  "{\"type\": \"Feature\", \"properties\": {\"mdsd\": \"TMD\"}, \"geometry\": {\"type\": \"Polygon\","
  " \"coordinates\": [[[106.570, 10.890], [106.660, 10.890], [106.660, 10.980], [106.570, 10.980], [106.570, 10.890]],"
  "                   [[106.585, 10.905], [106.645, 10.905], [106.645, 10.965], [106.585, 10.965], [106.585, 10.905]]]}},"
  /* In B: SON, LUC and a code of no palette. */
  "{\"type\": \"Feature\", \"properties\": {\"mdsd\": \"SON\"}, \"geometry\": {\"type\": \"Polygon\","
  " \"coordinates\": [[[106.800, 10.92], [106.810, 10.92], [106.810, 10.93], [106.800, 10.93], [106.800, 10.92]]]}},"
  "{\"type\": \"Feature\", \"properties\": {\"mdsd\": \"LUC\"}, \"geometry\": {\"type\": \"Polygon\","
  " \"coordinates\": [[[106.820, 10.92], [106.830, 10.92], [106.830, 10.93], [106.820, 10.93], [106.820, 10.92]]]}},"
  "{\"type\": \"Feature\", \"properties\": {\"mdsd\": \"XYZ\"}, \"geometry\": {\"type\": \"Polygon\","
  " \"coordinates\": [[[106.800, 10.94], [106.810, 10.94], [106.810, 10.95], [106.800, 10.95], [106.800, 10.94]]]}}"
  "]}";

static const double box_a[4] = { 106.590, 10.910, 106.640, 10.960 };
static const double box_b[4] = { 106.790, 10.910, 106.840, 10.960 };
static const double box_all[4] = { 106.5, 10.8, 106.9, 11.0 };

typedef struct
{
  char    *dir;
  PvMap   *map;
  PvLayer *zones;
} Fixture;

static PvLayer *
open_layer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  return g_object_ref (layers->pdata[0]);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PvStyle) style = NULL;

  fixture->dir = pv_test_make_temp_dir ("pv-test-print-legend");
  path = g_build_filename (fixture->dir, "zones.geojson", NULL);
  g_file_set_contents (path, zones_geojson, -1, &error);
  g_assert_no_error (error);
  fixture->zones = open_layer (path);
  /* Styled explicitly: the test does not rely on the automatic style. */
  style = pv_style_new_from_palette (PV_PALETTE_VN_LANDUSE, "mdsd", &error);
  g_assert_no_error (error);
  pv_vector_layer_set_style (PV_VECTOR_LAYER (fixture->zones), style, NULL, &error);
  g_assert_no_error (error);
  fixture->map = pv_map_new ();
  pv_map_add_layer (fixture->map, fixture->zones);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->map);
  g_clear_object (&fixture->zones);
  pv_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static const PvLegendItem *
find_item (const PvLegendEntry *entry,
           const char          *code)
{
  for (guint i = 0; i < entry->items->len; i++)
    {
      const PvLegendItem *item = entry->items->pdata[i];

      if (g_str_has_prefix (item->label, code))
        return item;
    }
  return NULL;
}

static GPtrArray *
build_for (PvMap        *map,
           const double *box)
{
  GPtrArray *legend = pv_legend_build_for_extent (map, box, NULL);

  g_assert_nonnull (legend);
  return legend;
}

/* Only the categories of features in the box, with their counts there;
 * features only near the box (bounding box in, shape out; box in a hole) are
 * not in it; a layer with nothing in the box is left out. */
static void
test_extent (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain_path = g_build_filename (fixture->dir, "plain.geojson", NULL);
  g_autoptr(PvLayer) plain = NULL;
  g_autoptr(GPtrArray) legend = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const PvLegendEntry *entry;
  const PvLegendItem *item;

  /* A point layer in B only. */
  g_file_set_contents (plain_path,
                       "{\"type\": \"FeatureCollection\", \"features\": ["
                       "{\"type\": \"Feature\", \"properties\": {\"ten\": \"Bến Cát\"},"
                       " \"geometry\": {\"type\": \"Point\", \"coordinates\": [106.815, 10.935]}}]}", -1, &error);
  g_assert_no_error (error);
  plain = open_layer (plain_path);
  pv_map_add_layer (fixture->map, plain);

  legend = build_for (fixture->map, box_a);
  g_assert_cmpuint (legend->len, ==, 1);
  entry = legend->pdata[0];
  g_assert_true (entry->layer == fixture->zones);
  g_assert_cmpstr (entry->palette_id, ==, PV_PALETTE_VN_LANDUSE);
  g_assert_cmpuint (entry->items->len, ==, 3);
  g_assert_nonnull ((item = find_item (entry, "ODT")));
  g_assert_cmpuint (item->count, ==, 2);
  g_assert_cmpstr (item->label, ==, "ODT – Đất ở tại đô thị");
  g_assert_nonnull ((item = find_item (entry, "ONT")));
  g_assert_cmpuint (item->count, ==, 1);
  g_assert_nonnull ((item = find_item (entry, "CLN")));
  g_assert_cmpuint (item->count, ==, 1);
  g_assert_null (find_item (entry, "DGT"));
  g_assert_null (find_item (entry, "TMD"));
  g_assert_null (find_item (entry, "SON"));
  g_clear_pointer (&legend, g_ptr_array_unref);

  /* B: both layers, the unknown code last as "other". */
  legend = build_for (fixture->map, box_b);
  g_assert_cmpuint (legend->len, ==, 2);
  entry = legend->pdata[0];
  g_assert_true (entry->layer == plain);
  g_assert_cmpuint (entry->items->len, ==, 1);
  g_assert_cmpuint (((PvLegendItem *) entry->items->pdata[0])->count, ==, 1);
  entry = legend->pdata[1];
  g_assert_cmpuint (entry->items->len, ==, 3);
  g_assert_cmpuint (find_item (entry, "SON")->count, ==, 1);
  g_assert_cmpuint (find_item (entry, "LUC")->count, ==, 1);
  item = entry->items->pdata[2];
  g_assert_true (item->other);
  g_assert_cmpuint (item->count, ==, 1);
  g_assert_null (find_item (entry, "ODT"));
  g_clear_pointer (&legend, g_ptr_array_unref);

  /* Nothing there: no entries. */
  legend = build_for (fixture->map, (const double[]) { 107.5, 11.5, 107.6, 11.6 });
  g_assert_cmpuint (legend->len, ==, 0);
  g_clear_pointer (&legend, g_ptr_array_unref);

  /* The box touching the triangle's tip at one point: it meets it. */
  legend = build_for (fixture->map, (const double[]) { 106.680, 10.945, 106.690, 10.950 });
  g_assert_cmpuint (legend->len, ==, 1);
  entry = legend->pdata[0];
  g_assert_cmpuint (entry->items->len, ==, 1);
  g_assert_nonnull (find_item (entry, "DGT"));
  g_clear_pointer (&legend, g_ptr_array_unref);

  /* The whole map: as pv_legend_build. */
  {
    g_autoptr(GPtrArray) all = pv_legend_build (fixture->map);

    legend = build_for (fixture->map, box_all);
    g_assert_cmpuint (legend->len, ==, all->len);
    for (guint e = 0; e < all->len; e++)
      {
        const PvLegendEntry *a = all->pdata[e], *b = legend->pdata[e];

        g_assert_cmpuint (a->items->len, ==, b->items->len);
        for (guint i = 0; i < a->items->len; i++)
          {
            g_assert_cmpstr (((PvLegendItem *) a->items->pdata[i])->label, ==,
                             ((PvLegendItem *) b->items->pdata[i])->label);
            g_assert_cmpuint (((PvLegendItem *) a->items->pdata[i])->count, ==,
                              ((PvLegendItem *) b->items->pdata[i])->count);
          }
      }
    g_clear_pointer (&legend, g_ptr_array_unref);
  }

  /* Cancelled: NULL. */
  g_cancellable_cancel (cancellable);
  legend = pv_legend_build_for_extent (fixture->map, box_all, cancellable);
  g_assert_null (legend);
}

static gboolean
pixel_is (cairo_surface_t *surface,
          int              x,
          int              y,
          const double    *rgb)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x);
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return abs (r - (int) lround (rgb[0] * 255)) <= 2 &&
         abs (g - (int) lround (rgb[1] * 255)) <= 2 &&
         abs (b - (int) lround (rgb[2] * 255)) <= 2;
}

/* Draws the legend of box A on an image: the swatches are in their column,
 * in the legend's order, in the items' colours; DGT's colour is nowhere. */
static void
test_draw_swatches (Fixture       *fixture,
                    gconstpointer  data)
{
  const double units_per_mm = 4; /* ≈ 100 dpi */
  g_autoptr(GPtrArray) legend = build_for (fixture->map, box_a);
  const PvLegendEntry *entry = legend->pdata[0];
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
  cairo_t *cr = cairo_create (surface);
  PvPrintLegendInfo info, measured;
  double height, swatch_x;
  guint next = 0;
  int run_start = -1;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  height = pv_print_legend_layout (cr, legend, 10, 10, 380, 0, units_per_mm, FALSE, &measured);
  g_assert_cmpfloat (height, >, 0);
  g_assert_cmpfloat (pv_print_legend_layout (cr, legend, 10, 10, 380, 0, units_per_mm, TRUE, &info), ==, height);
  g_assert_cmpfloat (info.height, ==, measured.height);
  g_assert_cmpuint (info.n_columns, ==, 1);
  g_assert_cmpfloat (info.font_mm, ==, PV_PRINT_LEGEND_FONT_MM);
  g_assert_false (info.truncated);
  g_assert_cmpfloat (info.width, <=, 380);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Down the middle of the swatch column: runs of the items' fills. */
  swatch_x = 10 + 1.1 * PV_PRINT_LEGEND_FONT_MM * units_per_mm;
  for (int y = 10; y < 10 + (int) height + 1 && y < 300; y++)
    {
      const PvLegendItem *item = next < entry->items->len ? entry->items->pdata[next] : NULL;
      gboolean hit = item != NULL && pixel_is (surface, (int) swatch_x, y, item->fill);

      if (hit && run_start < 0)
        run_start = y;
      else if (!hit && run_start >= 0)
        {
          /* A swatch is 1.4 text sizes tall (less its outline). */
          g_assert_cmpint (y - run_start, >=, (int) (PV_PRINT_LEGEND_FONT_MM * units_per_mm));
          run_start = -1;
          next++;
        }
    }
  g_assert_cmpuint (next, ==, entry->items->len);

  {
    g_autoptr(PvStyle) palette = pv_style_new_from_palette (PV_PALETTE_VN_LANDUSE, "mdsd", NULL);
    const PvStyleCategory *dgt = pv_style_get_category (palette, pv_style_classify (palette, "DGT"));

    for (int y = 0; y < 300; y++)
      for (int x = 0; x < 400; x++)
        g_assert_false (pixel_is (surface, x, y, dgt->fill));
  }
  cairo_surface_destroy (surface);
}

static char *
pdf_text (const char *pdf_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-layout", pdf_path, "-", NULL };
  int status = 0;

  if (program == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&text);
}

/* On a PDF page the labels stay text: pdftotext reads them back exact. */
static void
test_pdf_text (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "legend.pdf", NULL);
  g_autoptr(GPtrArray) legend = build_for (fixture->map, box_all);
  g_autofree char *text = NULL;
  cairo_surface_t *surface = cairo_pdf_surface_create (pdf_path, 210 * PT_PER_MM, 297 * PT_PER_MM);
  cairo_t *cr = cairo_create (surface);
  PvPrintLegendInfo info;

  pv_print_legend_layout (cr, legend, 20 * PT_PER_MM, 20 * PT_PER_MM, 120 * PT_PER_MM, 250 * PT_PER_MM,
                          PT_PER_MM, TRUE, &info);
  g_assert_false (info.truncated);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  text = pdf_text (pdf_path);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "Legend"));
  g_assert_nonnull (strstr (text, "zones"));
  g_assert_nonnull (strstr (text, "ODT – Đất ở tại đô thị"));
  g_assert_nonnull (strstr (text, "ONT – Đất ở tại nông thôn"));
  g_assert_nonnull (strstr (text, "SON – Đất sông, ngòi, kênh, rạch, suối"));
  g_assert_nonnull (strstr (text, "TMD – Đất thương mại, dịch vụ"));
}

/* A long legend in a short box goes to two columns at full size; the
 * height stays within the box; too short a box leaves items out. */
static void
test_columns (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pv_test_make_temp_dir ("pv-test-print-legend");
  g_autofree char *path = g_build_filename (dir, "many.geojson", NULL);
  g_autoptr(PvStyle) palette = pv_style_new_from_palette (PV_PALETTE_VN_LANDUSE, "mdsd", &error);
  g_autoptr(GString) json = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvLayer) layer = NULL;
  g_autoptr(GPtrArray) legend = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 10, 10);
  cairo_t *cr = cairo_create (surface);
  PvPrintLegendInfo one, two, tiny;
  guint n = MIN (pv_style_get_n_categories (palette) - 1, 40);
  double width = 150 * PT_PER_MM;

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      const PvStyleCategory *category = pv_style_get_category (palette, i);

      g_string_append_printf (json, "%s{\"type\": \"Feature\", \"properties\": {\"mdsd\": \"%s\"},"
                              " \"geometry\": {\"type\": \"Point\", \"coordinates\": [106.%03u, 10.9]}}",
                              i > 0 ? ", " : "", category->value, 600 + i);
    }
  g_string_append (json, "]}");
  g_file_set_contents (path, json->str, -1, &error);
  g_assert_no_error (error);
  layer = open_layer (path);
  pv_vector_layer_set_style (PV_VECTOR_LAYER (layer), palette, NULL, &error);
  g_assert_no_error (error);
  pv_map_add_layer (map, layer);
  legend = build_for (map, box_all);
  g_assert_cmpuint (((PvLegendEntry *) legend->pdata[0])->items->len, ==, n);

  pv_print_legend_layout (cr, legend, 0, 0, width, 0, PT_PER_MM, FALSE, &one);
  g_assert_cmpuint (one.n_columns, ==, 1);
  g_assert_false (one.truncated);

  pv_print_legend_layout (cr, legend, 0, 0, width, one.height * 0.6, PT_PER_MM, FALSE, &two);
  g_assert_cmpuint (two.n_columns, ==, 2);
  g_assert_cmpfloat (two.font_mm, ==, PV_PRINT_LEGEND_FONT_MM);
  g_assert_false (two.truncated);
  g_assert_cmpfloat (two.height, <=, one.height * 0.6);
  g_assert_cmpfloat (two.width, >, one.width);
  g_assert_cmpfloat (two.width, <=, width);

  /* Narrow and short: the text shrinks, then items are left out. */
  pv_print_legend_layout (cr, legend, 0, 0, 40 * PT_PER_MM, one.height * 0.3, PT_PER_MM, FALSE, &tiny);
  g_assert_true (tiny.truncated);
  g_assert_cmpfloat (tiny.font_mm, ==, PV_PRINT_LEGEND_MIN_FONT_MM);
  g_assert_cmpfloat (tiny.height, <=, one.height * 0.3);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  pv_test_remove_dir (dir);
}

/* Digits only: grouping marks and spaces dropped, for comparing numbers in
 * text that pdftotext spaced out. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x202f && c != 0xa0)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The land-use table on a PDF page: titles, every row's name and area, the
 * total; too short a box keeps the total. */
static void
test_table (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "table.pdf", NULL);
  g_autoptr(PvLanduseStats) stats = pv_landuse_stats_compute (PV_VECTOR_LAYER (fixture->zones), "mdsd", NULL,
                                                               NULL, NULL, NULL, &error);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  PvPrintLegendInfo info, measured, small;
  double width = 120 * PT_PER_MM, height;

  g_assert_no_error (error);
  surface = cairo_pdf_surface_create (pdf_path, 210 * PT_PER_MM, 297 * PT_PER_MM);
  cr = cairo_create (surface);
  height = pv_print_table_layout (cr, stats, 20 * PT_PER_MM, 20 * PT_PER_MM, width, 0, PT_PER_MM, FALSE, &measured);
  g_assert_cmpfloat (pv_print_table_layout (cr, stats, 20 * PT_PER_MM, 20 * PT_PER_MM, width, 0, PT_PER_MM,
                                            TRUE, &info), ==, height);
  g_assert_cmpfloat (info.height, ==, measured.height);
  g_assert_false (info.truncated);
  g_assert_cmpuint (info.n_columns, ==, 1);
  g_assert_cmpfloat (info.width, <=, width + 1e-9);

  /* Too short: smallest text, rows left out, on a second page. */
  cairo_show_page (cr);
  pv_print_table_layout (cr, stats, 20 * PT_PER_MM, 20 * PT_PER_MM, width, height * 0.6, PT_PER_MM, TRUE, &small);
  g_assert_true (small.truncated);
  g_assert_cmpfloat (small.font_mm, ==, PV_PRINT_LEGEND_MIN_FONT_MM);
  g_assert_cmpfloat (small.height, <=, height * 0.6);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  text = pdf_text (pdf_path);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  {
    g_auto(GStrv) pages = g_strsplit (text, "\f", -1);
    g_autofree char *first = squeeze (pages[0]);
    g_autofree char *second = squeeze (pages[1]);
    char buffer[G_ASCII_DTOSTR_BUF_SIZE];
    g_autofree char *total = NULL;

    /* Titles may wrap between words. */
    for (guint c = 0; c < 4; c++)
      {
        g_auto(GStrv) words = g_strsplit (pv_landuse_stats_get_column_title (c), " ", -1);

        for (guint w = 0; words[w] != NULL; w++)
          g_assert_nonnull (strstr (first, words[w]));
      }
    for (guint i = 0; i < pv_landuse_stats_get_n_rows (stats); i++)
      {
        const PvLanduseStatsRow *row = pv_landuse_stats_get_row (stats, i);
        g_autofree char *name = squeeze (row->name);

        g_assert_nonnull (strstr (first, name));
        g_assert_nonnull (strstr (first, g_ascii_formatd (buffer, sizeof buffer, "%.2f", row->area_ha)));
      }
    g_assert_nonnull (strstr (pages[0], "Đất ở tại đô thị"));
    total = g_strconcat (pv_landuse_stats_get_total_label (),
                         g_ascii_formatd (buffer, sizeof buffer, "%.2f", pv_landuse_stats_get_total_area_ha (stats)),
                         "100.00", NULL);
    g_assert_nonnull (strstr (first, total));
    /* The second page keeps the total and says rows are missing. */
    g_assert_nonnull (strstr (second, total));
    g_assert_nonnull (strstr (pages[1], "more row"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add ("/core/print-legend/extent", Fixture, NULL, fixture_set_up, test_extent, fixture_tear_down);
  g_test_add ("/core/print-legend/draw-swatches", Fixture, NULL, fixture_set_up, test_draw_swatches,
              fixture_tear_down);
  g_test_add ("/core/print-legend/pdf-text", Fixture, NULL, fixture_set_up, test_pdf_text, fixture_tear_down);
  g_test_add_func ("/core/print-legend/columns", test_columns);
  g_test_add ("/core/print-legend/table", Fixture, NULL, fixture_set_up, test_table, fixture_tear_down);

  return g_test_run ();
}
