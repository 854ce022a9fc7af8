/* test-export.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pv-core.h"
#include "pv-export.h"
#include "pv-test-util.h"

/* A 100 m square parcel of urban residential land (ODT, 255,160,255) in
 * VN-2000 / TM-3 105-45 (EPSG:9210). */
#define PARCEL_X0 600000.0
#define PARCEL_Y0 1200000.0
#define PARCEL_SIDE 100.0
static const double odt_rgb[3] = { 1.0, 160 / 255.0, 1.0 };

static const char *title_vi = "Bản đồ hiện trạng sử dụng đất phường Phú Lợi, Thủ Dầu Một";

static gboolean
have_tool (const char *tool)
{
  g_autofree char *found = g_find_program_in_path (tool);

  if (found == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s (poppler-utils) is not installed", tool);

      g_test_skip (message);
      return FALSE;
    }
  return TRUE;
}

/* Runs argv and returns its stdout (the test fails unless it exits 0). */
static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  if (error != NULL)
    g_test_message ("%s: %s", argv[0], err);
  g_assert_no_error (error);
  return out;
}

static PvMap *
make_parcel_map (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "parcel.geojson", NULL);
  g_autofree char *json = NULL;
  g_autoptr(PvStyle) style = pv_style_new_single (odt_rgb);
  g_autoptr(PvLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  PvMap *map;

  json = g_strdup_printf ("{\"type\": \"FeatureCollection\","
                          " \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::9210\"}},"
                          " \"features\": [{\"type\": \"Feature\", \"properties\": {\"ma\": \"ODT\"},"
                          " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[%.1f, %.1f], [%.1f, %.1f],"
                          " [%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f]]]}}]}",
                          PARCEL_X0, PARCEL_Y0, PARCEL_X0 + PARCEL_SIDE, PARCEL_Y0,
                          PARCEL_X0 + PARCEL_SIDE, PARCEL_Y0 + PARCEL_SIDE, PARCEL_X0, PARCEL_Y0 + PARCEL_SIDE,
                          PARCEL_X0, PARCEL_Y0);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  layer = pv_test_open_layer (path);
  g_assert_true (pv_vector_layer_set_style (PV_VECTOR_LAYER (layer), style, NULL, &error));
  g_assert_no_error (error);
  pv_layer_set_fill_opacity (layer, 1.0);

  map = pv_map_new ();
  pv_map_add_layer (map, layer);
  return map;
}

static void
test_paper_sizes (void)
{
  static const struct { PvPaper paper; double w, h; } iso[] = {
    { PV_PAPER_A4, 210, 297 }, { PV_PAPER_A3, 297, 420 }, { PV_PAPER_A2, 420, 594 },
    { PV_PAPER_A1, 594, 841 }, { PV_PAPER_A0, 841, 1189 },
  };
  PvPaper paper;
  double w, h;

  for (guint i = 0; i < G_N_ELEMENTS (iso); i++)
    {
      g_assert_true (pv_paper_get_size (iso[i].paper, &w, &h));
      g_assert_cmpfloat (w, ==, iso[i].w);
      g_assert_cmpfloat (h, ==, iso[i].h);
    }
  g_assert_false (pv_paper_get_size (PV_PAPER_CUSTOM, &w, &h));

  g_assert_true (pv_paper_parse ("a3", &paper, &w, &h));
  g_assert_cmpint (paper, ==, PV_PAPER_A3);
  g_assert_true (pv_paper_parse ("500x700mm", &paper, &w, &h));
  g_assert_cmpint (paper, ==, PV_PAPER_CUSTOM);
  g_assert_cmpfloat (w, ==, 500);
  g_assert_cmpfloat (h, ==, 700);
  g_assert_true (pv_paper_parse ("250.5X300", &paper, &w, &h));
  g_assert_cmpfloat (w, ==, 250.5);
  g_assert_false (pv_paper_parse ("A5", &paper, &w, &h));
  g_assert_false (pv_paper_parse ("500x", &paper, &w, &h));
  g_assert_false (pv_paper_parse ("0x700mm", &paper, &w, &h));
  g_assert_false (pv_paper_parse ("500x700cm", &paper, &w, &h));
  g_assert_false (pv_paper_parse ("9000x700", &paper, &w, &h));
}

/* pdfinfo's "Page size: W x H pts" of each paper and orientation. */
static void
test_page_sizes (void)
{
  static const struct { PvPaper paper; double w_mm, h_mm; } papers[] = {
    { PV_PAPER_A4, 210, 297 }, { PV_PAPER_A3, 297, 420 }, { PV_PAPER_A2, 420, 594 },
    { PV_PAPER_A1, 594, 841 }, { PV_PAPER_A0, 841, 1189 }, { PV_PAPER_CUSTOM, 700, 500 },
  };
  g_autofree char *dir = NULL;
  g_autoptr(PvMap) map = NULL;

  if (!have_tool ("pdfinfo"))
    return;
  dir = pv_test_make_temp_dir ("pv-export");
  map = make_parcel_map (dir);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      for (int landscape = 0; landscape <= 1; landscape++)
        {
          g_autofree char *path = g_build_filename (dir, "page.pdf", NULL);
          g_autofree char *info = NULL;
          g_autoptr(GError) error = NULL;
          PvExportOptions options;
          const char *line;
          double shorter = MIN (papers[i].w_mm, papers[i].h_mm) / 25.4 * 72;
          double longer = MAX (papers[i].w_mm, papers[i].h_mm) / 25.4 * 72;
          double w, h;

          pv_export_options_init (&options);
          options.paper = papers[i].paper;
          options.width_mm = papers[i].w_mm;
          options.height_mm = papers[i].h_mm;
          options.landscape = landscape;
          options.dpi = 72;
          g_assert_true (pv_export_pdf (map, NULL, &options, path, NULL, &error));
          g_assert_no_error (error);

          info = run_tool ((const char *[]) { "pdfinfo", path, NULL });
          line = strstr (info, "Page size:");
          g_assert_nonnull (line);
          g_assert_cmpint (sscanf (line, "Page size: %lf x %lf pts", &w, &h), ==, 2);
          g_test_message ("paper %u landscape %d: %.2f x %.2f pt", i, landscape, w, h);
          g_assert_cmpfloat_with_epsilon (w, landscape ? longer : shorter, 0.01);
          g_assert_cmpfloat_with_epsilon (h, landscape ? shorter : longer, 0.01);
          g_assert_nonnull (strstr (info, "Pages:           1\n"));
        }
    }
  pv_test_remove_dir (dir);
}

/* The title is text (pdftotext finds it, diacritics exact), in the metadata
 * with the author and creator, and its font is embedded. */
static void
test_title_text_and_fonts (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *fonts = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  PvExportOptions options;
  guint n_fonts = 0;

  if (!have_tool ("pdftotext") || !have_tool ("pdffonts") || !have_tool ("pdfinfo"))
    return;
  dir = pv_test_make_temp_dir ("pv-export");
  path = g_build_filename (dir, "title.pdf", NULL);
  map = make_parcel_map (dir);

  pv_export_options_init (&options);
  options.title = title_vi;
  options.author = "Sở Tài nguyên và Môi trường";
  g_assert_true (pv_export_pdf (map, NULL, &options, path, NULL, &error));
  g_assert_no_error (error);

  /* A title wider than the frame wraps: lines joined by spaces. */
  text = run_tool ((const char *[]) { "pdftotext", "-enc", "UTF-8", path, "-", NULL });
  g_strdelimit (text, "\n", ' ');
  g_test_message ("pdftotext: %s", text);
  g_assert_nonnull (strstr (text, title_vi));

  info = run_tool ((const char *[]) { "pdfinfo", "-enc", "UTF-8", path, NULL });
  g_assert_nonnull (strstr (info, title_vi));
  g_assert_nonnull (strstr (info, "Sở Tài nguyên và Môi trường"));
  g_assert_nonnull (strstr (info, "PlanViewer"));
  g_assert_nonnull (strstr (info, "CreationDate:"));

  /* pdffonts: two header lines, then one line per font whose "emb" column
   * is yes. */
  fonts = run_tool ((const char *[]) { "pdffonts", path, NULL });
  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = NULL;
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      if (*lines[i] == '\0')
        continue;
      columns = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      for (guint c = 0; columns[c] != NULL; c++)
        if (*columns[c] != '\0')
          g_ptr_array_add (words, columns[c]);
      /* name type… encoding emb sub uni id gen: emb is the 5th from the end. */
      g_assert_cmpuint (words->len, >=, 7);
      g_test_message ("font %s embedded: %s", (char *) words->pdata[0], (char *) words->pdata[words->len - 5]);
      g_assert_cmpstr (words->pdata[words->len - 5], ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >=, 1);
  pv_test_remove_dir (dir);
}

/* pdftoppm at 72 dpi: one pixel per point. The parcel, centred in the frame,
 * has its land-use colour; beside it the paper is white. */
static void
test_pixel_probe (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *png = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(GError) error = NULL;
  PvExportOptions options;
  cairo_surface_t *surface;
  const guchar *data;
  int stride, width, height;
  /* 300 × 300 m around the parcel: on the frame's shorter side the parcel
   * takes a third. */
  const double extent[4] = { PARCEL_X0 - PARCEL_SIDE, PARCEL_Y0 - PARCEL_SIDE,
                             PARCEL_X0 + 2 * PARCEL_SIDE, PARCEL_Y0 + 2 * PARCEL_SIDE };
  double margin_pt = 10 / 25.4 * 72;
  double cx, cy, side_pt;

  if (!have_tool ("pdftoppm"))
    return;
  dir = pv_test_make_temp_dir ("pv-export");
  path = g_build_filename (dir, "probe.pdf", NULL);
  prefix = g_build_filename (dir, "probe", NULL);
  png = g_build_filename (dir, "probe.png", NULL);
  map = make_parcel_map (dir);

  pv_export_options_init (&options);
  g_assert_true (pv_export_pdf (map, extent, &options, path, NULL, &error));
  g_assert_no_error (error);
  g_free (run_tool ((const char *[]) { "pdftoppm", "-r", "72", "-png", "-singlefile", path, prefix, NULL }));

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  /* 595.28 × 841.89 pt, rounded up by pdftoppm. */
  g_assert_cmpint (width, >=, 595);
  g_assert_cmpint (width, <=, 596);
  g_assert_cmpint (height, >=, 842);
  g_assert_cmpint (height, <=, 843);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  /* No title: the frame fills the page inside the margins. */
  cx = 595.28 / 2;
  cy = 841.89 / 2;
  side_pt = (595.28 - 2 * margin_pt) / 3;
  {
    guint32 inside = ((const guint32 *) (data + (int) cy * stride))[(int) cx];
    guint32 beside = ((const guint32 *) (data + (int) cy * stride))[(int) (cx + side_pt)];
    guint32 above = ((const guint32 *) (data + (int) (cy - side_pt) * stride))[(int) cx];

    g_test_message ("inside %08x beside %08x above %08x", inside, beside, above);
    g_assert_cmpint (abs ((int) ((inside >> 16) & 0xff) - 255), <=, 2);
    g_assert_cmpint (abs ((int) ((inside >> 8) & 0xff) - 160), <=, 2);
    g_assert_cmpint (abs ((int) (inside & 0xff) - 255), <=, 2);
    g_assert_cmphex (beside & 0xffffff, ==, 0xffffff);
    g_assert_cmphex (above & 0xffffff, ==, 0xffffff);
  }
  cairo_surface_destroy (surface);
  pv_test_remove_dir (dir);
}

/* Errors name the file; a failed export leaves an existing file alone. */
static void
test_errors (void)
{
  g_autofree char *dir = pv_test_make_temp_dir ("pv-export");
  g_autofree char *path = g_build_filename (dir, "keep.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "out.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(PvMap) map = make_parcel_map (dir);
  g_autoptr(PvMap) empty = pv_map_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const double bad_extent[4] = { 10, 10, 5, 20 };
  PvExportOptions options;
  guint n_files = 0;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  pv_export_options_init (&options);

  g_assert_false (pv_export_pdf (map, NULL, &options, missing, NULL, &error));
  g_assert_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "out.pdf"));
  g_clear_error (&error);

  g_assert_false (pv_export_pdf (empty, NULL, &options, path, NULL, &error));
  g_assert_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "keep.pdf"));
  g_clear_error (&error);

  g_assert_false (pv_export_pdf (map, bad_extent, &options, path, NULL, &error));
  g_assert_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID);
  g_clear_error (&error);

  options.margin_mm = 200;
  g_assert_false (pv_export_pdf (map, NULL, &options, path, NULL, &error));
  g_assert_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "keep.pdf"));
  g_clear_error (&error);

  options.margin_mm = 10;
  options.dpi = 5;
  g_assert_false (pv_export_pdf (map, NULL, &options, path, NULL, &error));
  g_assert_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID);
  g_clear_error (&error);

  options.dpi = 300;
  options.paper = PV_PAPER_CUSTOM;
  options.width_mm = 5;
  options.height_mm = 300;
  g_assert_false (pv_export_pdf (map, NULL, &options, path, NULL, &error));
  g_assert_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID);
  g_clear_error (&error);

  /* The old file is intact and no temporary file is left behind. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 2); /* keep.pdf, parcel.geojson */

  /* A successful export replaces it. */
  options.paper = PV_PAPER_A4;
  g_assert_true (pv_export_pdf (map, NULL, &options, path, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  pv_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/export/paper-sizes", test_paper_sizes);
  g_test_add_func ("/core/export/page-sizes", test_page_sizes);
  g_test_add_func ("/core/export/title-text-and-fonts", test_title_text_and_fonts);
  g_test_add_func ("/core/export/pixel-probe", test_pixel_probe);
  g_test_add_func ("/core/export/errors", test_errors);

  return g_test_run ();
}
