/* test-export.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "pv-core.h"
#include "pv-export.h"
#include "pv-scale-bar.h"
#include "pv-test-util.h"

/* A 100 m square parcel of urban residential land (ODT, 255,160,255) in
 * VN-2000 / TM-3 105-45 (EPSG:9210). */
#define PARCEL_X0 600000.0
#define PARCEL_Y0 1200000.0
#define PARCEL_SIDE 100.0

static const char *title_vi = "Bản đồ hiện trạng sử dụng đất phường Phú Lợi, Thủ Dầu Một";

/* Writes a GeoJSON layer of 100 m squares with land-use codes "ma" at the
 * given lower-left corners, in EPSG:9210. */
static char *
write_parcels (const char        *dir,
               const char        *name,
               const char * const *codes,
               const double      *corners,
               guint              n)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GString *json = g_string_new ("{\"type\": \"FeatureCollection\","
                                " \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::9210\"}},"
                                " \"features\": [");

  for (guint i = 0; i < n; i++)
    {
      double x = corners[2 * i], y = corners[2 * i + 1];

      g_string_append_printf (json, "%s{\"type\": \"Feature\", \"properties\": {\"ma\": \"%s\"},"
                              " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[%.1f, %.1f], [%.1f, %.1f],"
                              " [%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f]]]}}",
                              i > 0 ? ", " : "", codes[i], x, y, x + PARCEL_SIDE, y, x + PARCEL_SIDE,
                              y + PARCEL_SIDE, x, y + PARCEL_SIDE, x, y);
    }
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, -1, NULL));
  g_string_free (json, TRUE);
  return g_steal_pointer (&path);
}

/* One urban residential parcel (ODT) at PARCEL_X0, PARCEL_Y0, and a
 * perennial crop parcel (CLN) 5 km east, styled with the land-use palette. */
static PvMap *
make_parcel_map (const char *dir)
{
  static const char *codes[] = { "ODT", "CLN" };
  const double corners[] = { PARCEL_X0, PARCEL_Y0, PARCEL_X0 + 5000, PARCEL_Y0 };
  g_autofree char *path = write_parcels (dir, "parcel.geojson", codes, corners, 2);
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(PvLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  PvMap *map;

  layer = pv_test_open_layer (path);
  style = pv_style_new_from_palette (PV_PALETTE_VN_LANDUSE, "ma", &error);
  g_assert_no_error (error);
  g_assert_true (pv_vector_layer_set_style (PV_VECTOR_LAYER (layer), style, NULL, &error));
  g_assert_no_error (error);
  pv_layer_set_fill_opacity (layer, 1.0);

  map = pv_map_new ();
  pv_map_add_layer (map, layer);
  return map;
}

/* The box around the ODT parcel: 300 × 300 m, the parcel in its middle. */
static const double parcel_extent[4] = {
  PARCEL_X0 - PARCEL_SIDE, PARCEL_Y0 - PARCEL_SIDE, PARCEL_X0 + 2 * PARCEL_SIDE, PARCEL_Y0 + 2 * PARCEL_SIDE
};

/* Exports one page of extent (NULL: everything) with layout to path. */
static void
export_one (PvMap         *map,
            PvPrintLayout *layout,
            const double  *extent,
            const char    *path)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_export_page_free);
  g_autoptr(GError) error = NULL;
  PvExportFormat format;

  g_assert_true (pv_export_format_from_path (path, &format));
  g_ptr_array_add (pages, pv_export_page_new (extent));
  g_assert_true (pv_export_write (map, layout, pages, format, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Where the page puts its frame (drawn once on a recording surface). */
static void
get_page_frame (PvMap         *map,
                PvPrintLayout *layout,
                PvExportPage  *page,
                PvExportFrame *frame)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);

  /* At the layout's dpi: the frame is a whole number of its pixels. */
  g_assert_true (pv_export_draw_page (map, layout, page, cr, pv_print_layout_get_dpi (layout), frame, NULL, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
get_frame (PvMap         *map,
           PvPrintLayout *layout,
           const double  *extent,
           PvExportFrame *frame)
{
  g_autoptr(PvExportPage) page = pv_export_page_new (extent);

  get_page_frame (map, layout, page, frame);
}

/* Rasterizes page (1-based) of a PDF at dpi with pdftoppm. */
static cairo_surface_t *
rasterize (const char *pdf,
           guint       page,
           int         dpi)
{
  g_autofree char *dir = g_path_get_dirname (pdf);
  g_autofree char *prefix = g_build_filename (dir, "raster", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *dpi_text = g_strdup_printf ("%d", dpi);
  g_autofree char *page_text = g_strdup_printf ("%u", page);
  cairo_surface_t *surface;

  g_free (pv_test_run_tool ((const char *[]) { "pdftoppm", "-r", dpi_text, "-f", page_text, "-l", page_text,
                                       "-png", "-singlefile", pdf, prefix, NULL }));
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_unlink (png);
  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int ix = CLAMP ((int) x, 0, cairo_image_surface_get_width (surface) - 1);
  int iy = CLAMP ((int) y, 0, cairo_image_surface_get_height (surface) - 1);

  return ((const guint32 *) (data + (gsize) iy * stride))[ix] & 0xffffff;
}

static gboolean
color_near (guint32 pixel,
            int     r,
            int     g,
            int     b,
            int     tolerance)
{
  return abs ((int) ((pixel >> 16) & 0xff) - r) <= tolerance &&
         abs ((int) ((pixel >> 8) & 0xff) - g) <= tolerance &&
         abs ((int) (pixel & 0xff) - b) <= tolerance;
}

/* Pixels of colour (r, g, b) in the box (x0, y0)–(x1, y1). */
static guint
count_color (cairo_surface_t *surface,
             double           x0,
             double           y0,
             double           x1,
             double           y1,
             int              r,
             int              g,
             int              b)
{
  guint n = 0;

  for (int y = (int) y0; y < (int) y1; y++)
    for (int x = (int) x0; x < (int) x1; x++)
      if (color_near (pixel_at (surface, x, y), r, g, b, 3))
        n++;
  return n;
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
  static const struct { const char *paper; double w_mm, h_mm; } papers[] = {
    { "A4", 210, 297 }, { "A3", 297, 420 }, { "A2", 420, 594 },
    { "A1", 594, 841 }, { "A0", 841, 1189 }, { "700x500mm", 700, 500 },
  };
  g_autofree char *dir = NULL;
  g_autoptr(PvMap) map = NULL;

  if (!pv_test_have_tool ("pdfinfo"))
    return;
  dir = pv_test_make_temp_dir ("pv-export");
  map = make_parcel_map (dir);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      for (int landscape = 0; landscape <= 1; landscape++)
        {
          g_autofree char *path = g_build_filename (dir, "page.pdf", NULL);
          g_autofree char *info = NULL;
          g_autoptr(PvPrintLayout) layout = pv_print_layout_new ();
          PvPaper paper;
          const char *line;
          double shorter = MIN (papers[i].w_mm, papers[i].h_mm) / 25.4 * 72;
          double longer = MAX (papers[i].w_mm, papers[i].h_mm) / 25.4 * 72;
          double w, h;

          g_assert_true (pv_paper_parse (papers[i].paper, &paper, &w, &h));
          g_object_set (layout, "paper", paper, "width-mm", w, "height-mm", h,
                        "landscape", landscape, "dpi", 72.0, NULL);
          export_one (map, layout, NULL, path);

          info = pv_test_run_tool ((const char *[]) { "pdfinfo", path, NULL });
          line = strstr (info, "Page size:");
          g_assert_nonnull (line);
          g_assert_cmpint (sscanf (line, "Page size: %lf x %lf pts", &w, &h), ==, 2);
          g_test_message ("paper %s landscape %d: %.2f x %.2f pt", papers[i].paper, landscape, w, h);
          g_assert_cmpfloat_with_epsilon (w, landscape ? longer : shorter, 0.01);
          g_assert_cmpfloat_with_epsilon (h, landscape ? shorter : longer, 0.01);
          g_assert_nonnull (strstr (info, "Pages:           1\n"));
        }
    }
  pv_test_remove_dir (dir);
}

/* The title, the legend's labels and an annotation's text are text
 * (pdftotext finds them, diacritics exact), the metadata carries title,
 * author and creator, and every font is embedded as a subset. */
static void
test_text_and_fonts (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *fonts = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvPrintLayout) layout = pv_print_layout_new ();
  g_autoptr(PvAnnotation) note = pv_annotation_new (PV_ANNOTATION_TEXT);
  g_auto(GStrv) lines = NULL;
  const double at[2] = { PARCEL_X0 + 50, PARCEL_Y0 + 150 };
  guint n_fonts = 0;

  if (!pv_test_have_tool ("pdftotext") || !pv_test_have_tool ("pdffonts") || !pv_test_have_tool ("pdfinfo"))
    return;
  dir = pv_test_make_temp_dir ("pv-export");
  path = g_build_filename (dir, "title.pdf", NULL);
  map = make_parcel_map (dir);
  pv_annotation_set_points (note, at, 1);
  pv_annotation_set_text (note, "Khu tái định cư Phú Lợi");
  pv_annotation_set_add (pv_map_get_annotations (map), note);

  g_object_set (layout, "title", title_vi, "author", "Sở Tài nguyên và Môi trường",
                "organisation", "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG", NULL);
  export_one (map, layout, NULL, path);

  text = pv_test_run_tool ((const char *[]) { "pdftotext", "-enc", "UTF-8", path, "-", NULL });
  /* Wrapped lines are joined by spaces. */
  g_strdelimit (text, "\n", ' ');
  g_test_message ("pdftotext: %s", text);
  g_assert_nonnull (strstr (text, title_vi));
  g_assert_nonnull (strstr (text, "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG"));
  g_assert_nonnull (strstr (text, "Khu tái định cư Phú Lợi"));
  /* The legend: both parcels are in the frame. */
  g_assert_nonnull (strstr (text, "Đất ở tại đô thị"));
  g_assert_nonnull (strstr (text, "Đất trồng cây lâu năm"));
  /* The footer names the CRS. */
  g_assert_nonnull (strstr (text, "VN-2000"));

  info = pv_test_run_tool ((const char *[]) { "pdfinfo", "-enc", "UTF-8", path, NULL });
  g_assert_nonnull (strstr (info, title_vi));
  g_assert_nonnull (strstr (info, "Sở Tài nguyên và Môi trường"));
  g_assert_nonnull (strstr (info, "PlanViewer"));
  g_assert_nonnull (strstr (info, "CreationDate:"));

  /* pdffonts: two header lines, then one line per font whose "emb" and
   * "sub" columns say yes. */
  fonts = pv_test_run_tool ((const char *[]) { "pdffonts", path, NULL });
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
      g_test_message ("font %s embedded: %s subset: %s", (char *) words->pdata[0],
                      (char *) words->pdata[words->len - 5], (char *) words->pdata[words->len - 4]);
      g_assert_cmpstr (words->pdata[words->len - 5], ==, "yes");
      g_assert_cmpstr (words->pdata[words->len - 4], ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >=, 1);

  /* The legend lists only what the frame shows: around the ODT parcel, no
   * perennial crops. */
  export_one (map, layout, parcel_extent, path);
  g_free (text);
  text = pv_test_run_tool ((const char *[]) { "pdftotext", "-enc", "UTF-8", path, "-", NULL });
  g_strdelimit (text, "\n", ' ');
  g_assert_nonnull (strstr (text, "Đất ở tại đô thị"));
  g_assert_null (strstr (text, "Đất trồng cây lâu năm"));
  pv_test_remove_dir (dir);
}

/* pdftoppm at 144 dpi: the parcel has its land-use colour where the frame
 * puts it, the paper beside it is white; the legend's swatch shows the same
 * colour beside the frame; an annotation's colour at its position; the
 * north arrow draws dark strokes in the frame's top right. */
static void
test_pixel_probes (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvPrintLayout) layout = pv_print_layout_new ();
  g_autoptr(PvAnnotation) line = pv_annotation_new (PV_ANNOTATION_LINE);
  PvAnnotationStyle style;
  PvExportFrame frame;
  cairo_surface_t *surface;
  const double k = 144 / 72.0;
  /* A blue line along the parcel's south edge, 50 m below it. */
  const double line_xy[4] = { PARCEL_X0, PARCEL_Y0 - 50, PARCEL_X0 + PARCEL_SIDE, PARCEL_Y0 - 50 };
  double res_x, res_y, px, py;

  if (!pv_test_have_tool ("pdftoppm"))
    return;
  dir = pv_test_make_temp_dir ("pv-export");
  path = g_build_filename (dir, "probe.pdf", NULL);
  map = make_parcel_map (dir);
  pv_annotation_style_init (&style, PV_ANNOTATION_LINE);
  style.color[0] = 0; style.color[1] = 0; style.color[2] = 1; style.color[3] = 1;
  style.width_mm = 2;
  pv_annotation_set_style (line, &style);
  pv_annotation_set_points (line, line_xy, 2);
  pv_annotation_set_add (pv_map_get_annotations (map), line);

  g_object_set (layout, "paper", PV_PAPER_A4, "landscape", TRUE, "title", "Phú Lợi", NULL);
  export_one (map, layout, parcel_extent, path);
  get_frame (map, layout, parcel_extent, &frame);
  surface = rasterize (path, 1, 144);
  res_x = (frame.extent[2] - frame.extent[0]) / frame.width;
  res_y = (frame.extent[3] - frame.extent[1]) / frame.height;

  /* The parcel's centre and a point 80 m west of it (outside). */
  px = (frame.x + (PARCEL_X0 + PARCEL_SIDE / 2 - frame.extent[0]) / res_x) * k;
  py = (frame.y + (frame.extent[3] - (PARCEL_Y0 + PARCEL_SIDE / 2)) / res_y) * k;
  g_test_message ("parcel centre at (%.1f, %.1f) px: %06x", px, py, pixel_at (surface, px, py));
  g_assert_true (color_near (pixel_at (surface, px, py), 255, 160, 255, 3));
  g_assert_cmphex (pixel_at (surface, px - 80 / res_x * k, py), ==, 0xffffff);

  /* The annotation: blue on its line. */
  py = (frame.y + (frame.extent[3] - (PARCEL_Y0 - 50)) / res_y) * k;
  g_test_message ("annotation at (%.1f, %.1f) px: %06x", px, py, pixel_at (surface, px, py));
  g_assert_true (color_near (pixel_at (surface, px, py), 0, 0, 255, 3));

  /* The legend beside the frame (landscape: on the right) has a swatch of
   * the ODT colour; the frame's colour does not leak there otherwise. */
  g_assert_cmpuint (count_color (surface, (frame.x + frame.width) * k + 2, frame.y * k,
                                 cairo_image_surface_get_width (surface), (frame.y + frame.height) * k,
                                 255, 160, 255), >=, 20);

  /* The north arrow in the frame's top right corner: dark pixels in a box
   * of 20 mm. */
  g_assert_cmpuint (count_color (surface, (frame.x + frame.width - 20 / 25.4 * 72) * k, frame.y * k,
                                 (frame.x + frame.width) * k, (frame.y + 20 / 25.4 * 72) * k, 0, 0, 0), >=, 20);
  cairo_surface_destroy (surface);
  pv_test_remove_dir (dir);
}

/* A logo read through GDAL is drawn beside the frame; notes are text. */
static void
test_logo_and_notes (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *logo = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvPrintLayout) layout = pv_print_layout_new ();
  cairo_surface_t *image;
  cairo_t *cr;
  PvExportFrame frame;
  const double k = 100 / 72.0;

  if (!pv_test_have_tool ("pdftoppm") || !pv_test_have_tool ("pdftotext"))
    return;
  dir = pv_test_make_temp_dir ("pv-export");
  path = g_build_filename (dir, "logo.pdf", NULL);
  logo = g_build_filename (dir, "logo.png", NULL);
  map = make_parcel_map (dir);

  /* A pure green 200 × 100 logo. */
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 100);
  cr = cairo_create (image);
  cairo_set_source_rgb (cr, 0, 0.8, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (image, logo), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (image);

  g_object_set (layout, "landscape", TRUE, "logo-path", logo, "show-legend", FALSE,
                "notes", "Ghi chú: ranh giới theo Quyết định số 1234 của Ủy ban nhân dân tỉnh", NULL);
  export_one (map, layout, parcel_extent, path);
  get_frame (map, layout, parcel_extent, &frame);

  image = rasterize (path, 1, 100);
  g_assert_cmpuint (count_color (image, (frame.x + frame.width) * k + 2, frame.y * k,
                                 cairo_image_surface_get_width (image), (frame.y + frame.height) * k,
                                 0, 204, 0), >=, 500);
  /* Not in the frame. */
  g_assert_cmpuint (count_color (image, frame.x * k, frame.y * k, (frame.x + frame.width) * k,
                                 (frame.y + frame.height) * k, 0, 204, 0), ==, 0);
  cairo_surface_destroy (image);

  text = pv_test_run_tool ((const char *[]) { "pdftotext", "-enc", "UTF-8", path, "-", NULL });
  g_strdelimit (text, "\n", ' ');
  g_test_message ("pdftotext: %s", text);
  g_assert_nonnull (strstr (text, "Ghi chú: ranh giới theo Quyết định số 1234 của Ủy ban nhân dân tỉnh"));
  pv_test_remove_dir (dir);
}

/* At a fixed scale the frame shows exactly that scale, centred on the
 * extent; the scale bar's length on paper is its ground length at that
 * scale: the longest dark run in the scale box, measured at 288 dpi. */
static void
test_scale_and_scale_bar (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvPrintLayout) layout = pv_print_layout_new ();
  PvExportFrame frame;
  PvScaleBarInfo bar;
  cairo_surface_t *surface;
  const int dpi = 288;
  const double k = dpi / 72.0;
  double metres_per_pt, expected_px;
  int best = 0, best_y = 0;
  cairo_surface_t *scratch;
  cairo_t *cr;

  if (!pv_test_have_tool ("pdftoppm"))
    return;
  dir = pv_test_make_temp_dir ("pv-export");
  path = g_build_filename (dir, "scale.pdf", NULL);
  map = make_parcel_map (dir);
  g_object_set (layout, "scale", 2000.0, "show-legend", FALSE, NULL);
  export_one (map, layout, parcel_extent, path);
  get_frame (map, layout, parcel_extent, &frame);

  /* 1:2000: a point of paper is 2000 × 25.4/72 mm = 0.7056 m of ground. */
  g_assert_cmpfloat_with_epsilon (frame.scale, 2000, 1e-6);
  g_assert_cmpfloat_with_epsilon ((frame.extent[2] - frame.extent[0]) / frame.width, 2000 * 0.0254 / 72, 1e-9);
  g_assert_cmpfloat_with_epsilon ((frame.extent[0] + frame.extent[2]) / 2, PARCEL_X0 + PARCEL_SIDE / 2, 1e-6);

  /* The bar the page drew (same measure as the page: 30 % of the frame, at
   * most 80 mm). */
  metres_per_pt = 2000 * 0.0254 / 72;
  scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (scratch);
  g_assert_true (pv_scale_bar_measure (cr, MIN (frame.width * 0.3, 80 / 25.4 * 72), metres_per_pt, 72 / 25.4, &bar));
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  expected_px = bar.length_m / metres_per_pt * k;
  g_test_message ("scale bar %g m = %.1f px at %d dpi; frame %.2f,%.2f %.2f×%.2f pt", bar.length_m, expected_px, dpi,
                  frame.x, frame.y, frame.width, frame.height);

  surface = rasterize (path, 1, dpi);
  /* The scale box sits in the frame's bottom-left quarter. */
  /* (Above the frame's own border line.) */
  for (int y = (int) ((frame.y + frame.height * 0.6) * k); y < (int) ((frame.y + frame.height - 2) * k); y++)
    {
      int run = 0;

      for (int x = (int) (frame.x * k) + 4; x < (int) ((frame.x + frame.width / 2) * k); x++)
        {
          guint32 p = pixel_at (surface, x, y);

          /* The bar: black and white boxes inside a black outline — count
           * the outline's dark run along the bar's top edge. */
          if (color_near (p, 0, 0, 0, 60))
            {
              if (++run > best)
                {
                  best = run;
                  best_y = y;
                }
            }
          else
            run = 0;
        }
    }
  g_test_message ("longest dark run %d px at y = %d px", best, best_y);
  g_assert_cmpfloat (fabs (best - expected_px), <=, 3);
  cairo_surface_destroy (surface);
  pv_test_remove_dir (dir);
}

/* gdalinfo reads the map CRS and a geotransform that puts the frame on its
 * extent within one map unit per 300 dpi pixel. */
static void
check_georeferencing (const char          *dataset,
                      const PvExportFrame *frame,
                      double               page_w,
                      double               page_h)
{
  g_autofree char *info = pv_test_run_tool ((const char *[]) { "gdalinfo", dataset, NULL });
  const char *size = strstr (info, "Size is ");
  const char *origin = strstr (info, "Origin = (");
  const char *pixel = strstr (info, "Pixel Size = (");
  const char *dpi_line = strstr (info, "DPI=");
  int width, height;
  double ox, oy, rx, ry, dpi, tolerance;
  double corners[2][2] = { { frame->x, frame->y }, { frame->x + frame->width, frame->y + frame->height } };
  double expected[2][2] = { { frame->extent[0], frame->extent[3] }, { frame->extent[2], frame->extent[1] } };

  g_assert_nonnull (strstr (info, "VN-2000 / TM-3 105-45"));
  g_assert_nonnull (size);
  g_assert_nonnull (origin);
  g_assert_nonnull (pixel);
  g_assert_cmpint (sscanf (size, "Size is %d, %d", &width, &height), ==, 2);
  g_assert_cmpint (sscanf (origin, "Origin = (%lf,%lf)", &ox, &oy), ==, 2);
  g_assert_cmpint (sscanf (pixel, "Pixel Size = (%lf,%lf)", &rx, &ry), ==, 2);
  /* GDAL's pixels: the page at the DPI it reports, 150 by default. */
  if (dpi_line == NULL || sscanf (dpi_line, "DPI=%lf", &dpi) != 1)
    dpi = 150;
  g_assert_cmpint (width, ==, (int) round (page_w * dpi / 72));
  g_assert_cmpint (height, ==, (int) round (page_h * dpi / 72));

  /* One pixel of the frame at 300 dpi, in map units. */
  tolerance = (frame->extent[2] - frame->extent[0]) / (frame->width * 300 / 72.0);
  for (guint c = 0; c < 2; c++)
    {
      /* The frame corner in GDAL's pixels, then in map units. */
      double gx = corners[c][0] * dpi / 72;
      double gy = corners[c][1] * dpi / 72;
      double mx = ox + gx * rx;
      double my = oy + gy * ry;

      g_test_message ("%s corner %u: (%.3f, %.3f), expected (%.3f, %.3f), tolerance %.3f", dataset, c,
                      mx, my, expected[c][0], expected[c][1], tolerance);
      g_assert_cmpfloat (fabs (mx - expected[c][0]), <=, tolerance);
      g_assert_cmpfloat (fabs (my - expected[c][1]), <=, tolerance);
    }
}

static void
test_georeferencing (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvPrintLayout) layout = pv_print_layout_new ();
  PvExportFrame frame;
  double page_w, page_h;

  if (!pv_test_have_tool ("gdalinfo"))
    return;
  dir = pv_test_make_temp_dir ("pv-export");
  path = g_build_filename (dir, "geo.pdf", NULL);
  map = make_parcel_map (dir);
  g_object_set (layout, "paper", PV_PAPER_A3, "landscape", TRUE, "title", title_vi, "show-grid", TRUE, NULL);
  export_one (map, layout, NULL, path);
  get_frame (map, layout, NULL, &frame);
  g_assert_true (pv_export_get_page_size (layout, &page_w, &page_h, NULL));
  check_georeferencing (path, &frame, page_w, page_h);
  pv_test_remove_dir (dir);
}

/* In a Vietnamese locale (decimal comma) the page and its georeferencing
 * are the same: GDAL's PDF writer must not print "1190,55". */
static void
test_vietnamese_numeric_locale (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvPrintLayout) layout = pv_print_layout_new ();
  g_autofree char *saved = NULL;
  PvExportFrame frame;
  double page_w, page_h;

  if (!pv_test_have_tool ("gdalinfo") || !pv_test_have_tool ("pdfinfo"))
    return;
  saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  if (setlocale (LC_NUMERIC, "vi_VN.UTF-8") == NULL)
    {
      g_test_skip ("the vi_VN.UTF-8 locale is not installed");
      return;
    }
  dir = pv_test_make_temp_dir ("pv-export");
  path = g_build_filename (dir, "vi.pdf", NULL);
  map = make_parcel_map (dir);
  g_object_set (layout, "paper", PV_PAPER_A3, "landscape", TRUE, NULL);
  export_one (map, layout, parcel_extent, path);
  get_frame (map, layout, parcel_extent, &frame);
  setlocale (LC_NUMERIC, saved);

  info = pv_test_run_tool ((const char *[]) { "pdfinfo", path, NULL });
  g_assert_nonnull (strstr (info, "Page size:       1190.55 x 841.89 pts (A3)"));
  g_assert_true (pv_export_get_page_size (layout, &page_w, &page_h, NULL));
  check_georeferencing (path, &frame, page_w, page_h);
  pv_test_remove_dir (dir);
}

/* One page per bookmark, in order, each with its bookmark's extent (in
 * its georeferencing) and name. */
static void
test_bookmark_pages (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvPrintLayout) layout = pv_print_layout_new ();
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_export_page_free);
  g_autoptr(GError) error = NULL;
  PvBookmarkList *bookmarks;
  const char *names[] = { "Phường Phú Lợi", "Vườn cây Tân Định", "Toàn cảnh" };
  const double extents[3][4] = {
    { PARCEL_X0 - 100, PARCEL_Y0 - 100, PARCEL_X0 + 200, PARCEL_Y0 + 200 },
    { PARCEL_X0 + 4900, PARCEL_Y0 - 100, PARCEL_X0 + 5200, PARCEL_Y0 + 200 },
    { PARCEL_X0 - 500, PARCEL_Y0 - 2000, PARCEL_X0 + 5600, PARCEL_Y0 + 2000 },
  };
  double page_w, page_h;

  if (!pv_test_have_tool ("gdalinfo") || !pv_test_have_tool ("pdfinfo") || !pv_test_have_tool ("pdftotext"))
    return;
  dir = pv_test_make_temp_dir ("pv-export");
  path = g_build_filename (dir, "slides.pdf", NULL);
  map = make_parcel_map (dir);
  bookmarks = pv_map_get_bookmarks (map);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(PvBookmark) bookmark = pv_bookmark_new (names[i], pv_map_get_crs (map), extents[i][0],
                                                        extents[i][1], extents[i][2], extents[i][3]);
      g_autoptr(PvBookmarkLayer) id = pv_bookmark_layer_new_for_layer (pv_map_get_layer (map, 0));

      pv_bookmark_set_layers (bookmark, &id, 1);
      pv_bookmark_list_add (bookmarks, bookmark);
      g_ptr_array_add (pages, pv_export_page_new_for_bookmark (map, bookmark, &error));
      g_assert_no_error (error);
    }
  g_object_set (layout, "title", title_vi, NULL);
  g_assert_true (pv_export_write (map, layout, pages, PV_EXPORT_FORMAT_PDF, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  info = pv_test_run_tool ((const char *[]) { "pdfinfo", path, NULL });
  g_assert_nonnull (strstr (info, "Pages:           3\n"));
  g_assert_true (pv_export_get_page_size (layout, &page_w, &page_h, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dataset = g_strdup_printf ("PDF:%u:%s", i + 1, path);
      g_autofree char *page_text = g_strdup_printf ("%u", i + 1);
      g_autofree char *text = pv_test_run_tool ((const char *[]) { "pdftotext", "-enc", "UTF-8", "-f", page_text,
                                                           "-l", page_text, path, "-", NULL });
      PvExportFrame frame;

      g_assert_nonnull (strstr (text, names[i]));
      get_page_frame (map, layout, g_ptr_array_index (pages, i), &frame);
      check_georeferencing (dataset, &frame, page_w, page_h);
    }
  pv_test_remove_dir (dir);
}

/* A PNG has the page's size at the layout's dpi, a world file that puts the
 * frame on its extent and a .prj of the map CRS; an SVG has the page's size
 * in points. */
static void
test_png_and_svg (void)
{
  g_autofree char *dir = pv_test_make_temp_dir ("pv-export");
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *pgw = g_build_filename (dir, "map.pgw", NULL);
  g_autofree char *prj = g_build_filename (dir, "map.prj", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *world = NULL;
  g_autofree char *wkt = NULL;
  g_autofree char *svg_text = NULL;
  g_autoptr(PvMap) map = make_parcel_map (dir);
  g_autoptr(PvPrintLayout) layout = pv_print_layout_new ();
  g_autoptr(PvCrs) crs = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  PvExportFrame frame;
  cairo_surface_t *image;
  double gt[6], px, py, k = 150 / 72.0;

  g_object_set (layout, "dpi", 150.0, "title", title_vi, NULL);
  export_one (map, layout, parcel_extent, png);
  get_frame (map, layout, parcel_extent, &frame);

  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) ceil (210 / 25.4 * 150));
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int) ceil (297 / 25.4 * 150));

  /* The world file: x size, rotations, y size, then the centre of the top
   * left pixel. */
  g_assert_true (g_file_get_contents (pgw, &world, NULL, NULL));
  lines = g_strsplit (g_strstrip (world), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  for (guint i = 0; i < 6; i++)
    gt[i] = g_ascii_strtod (lines[i], NULL);
  g_assert_cmpfloat_with_epsilon (gt[0], (frame.extent[2] - frame.extent[0]) / (frame.width * k), 1e-9);
  g_assert_cmpfloat_with_epsilon (gt[3], -(frame.extent[3] - frame.extent[1]) / (frame.height * k), 1e-9);
  /* The frame's top left corner through the world file. */
  px = frame.x * k;
  py = frame.y * k;
  g_test_message ("world file top left %.6f %.6f, frame %.6f %.6f", gt[4] + (px - 0.5) * gt[0],
                  gt[5] + (py - 0.5) * gt[3], frame.extent[0], frame.extent[3]);
  g_assert_cmpfloat_with_epsilon (gt[4] + (px - 0.5) * gt[0], frame.extent[0], 0.01);
  g_assert_cmpfloat_with_epsilon (gt[5] + (py - 0.5) * gt[3], frame.extent[3], 0.01);
  /* The parcel's centre, located through the world file, has its colour. */
  px = (PARCEL_X0 + PARCEL_SIDE / 2 - gt[4]) / gt[0] + 0.5;
  py = (PARCEL_Y0 + PARCEL_SIDE / 2 - gt[5]) / gt[3] + 0.5;
  g_assert_true (color_near (pixel_at (image, px, py), 255, 160, 255, 3));
  cairo_surface_destroy (image);

  g_assert_true (g_file_get_contents (prj, &wkt, NULL, NULL));
  g_assert_true (g_str_has_prefix (wkt, "PROJCS["));
  crs = pv_crs_new_from_wkt (wkt, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pv_crs_get_epsg (crs), ==, 9210);

  export_one (map, layout, parcel_extent, svg);
  g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
  g_assert_nonnull (strstr (svg_text, "<svg"));
  g_assert_nonnull (strstr (svg_text, "width=\"595.275591pt\" height=\"841.889764pt\""));
  pv_test_remove_dir (dir);
}

/* Layouts round-trip through JSON; bad members are errors naming them. */
static void
test_layout_json (void)
{
  g_autoptr(PvPrintLayout) layout = pv_print_layout_new ();
  g_autoptr(PvPrintLayout) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  double w, h;

  g_object_set (layout, "name", "A1 quy hoạch", "paper", PV_PAPER_CUSTOM, "width-mm", 500.0,
                "height-mm", 700.0, "landscape", TRUE, "scale", 5000.0, "dpi", 200.0,
                "title", title_vi, "notes", "Ghi chú: số liệu năm 2024", "show-grid", TRUE,
                "show-north-arrow", FALSE, NULL);
  node = pv_print_layout_to_json (layout);
  back = pv_print_layout_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (pv_print_layout_equal (layout, back));
  pv_print_layout_get_page_size_mm (back, &w, &h);
  g_assert_cmpfloat (w, ==, 700);
  g_assert_cmpfloat (h, ==, 500);
  g_assert_cmpstr (pv_print_layout_get_text (back, "title"), ==, title_vi);
  g_assert_false (pv_print_layout_get_flag (back, "show-north-arrow"));

  /* A named paper resets the size; the JSON does not repeat it. */
  g_object_set (layout, "paper", PV_PAPER_A2, NULL);
  pv_print_layout_get_page_size_mm (layout, &w, &h);
  g_assert_cmpfloat (w, ==, 594);
  g_clear_pointer (&node, json_node_unref);
  node = pv_print_layout_to_json (layout);
  g_assert_false (json_object_has_member (json_node_get_object (node), "width_mm"));

  g_assert_true (json_parser_load_from_data (parser, "{\"dpi\": \"300\"}", -1, NULL));
  g_assert_null (pv_print_layout_new_from_json (json_parser_get_root (parser), &error));
  g_assert_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "dpi"));
  g_clear_error (&error);
  g_assert_true (json_parser_load_from_data (parser, "{\"paper\": \"B5\"}", -1, NULL));
  g_assert_null (pv_print_layout_new_from_json (json_parser_get_root (parser), &error));
  g_assert_nonnull (strstr (error->message, "paper"));
  g_clear_error (&error);
  g_assert_true (json_parser_load_from_data (parser, "{\"scale\": -5}", -1, NULL));
  g_assert_null (pv_print_layout_new_from_json (json_parser_get_root (parser), &error));
  g_clear_error (&error);
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
  g_autoptr(PvPrintLayout) layout = pv_print_layout_new ();
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_export_page_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_ptr_array_add (pages, pv_export_page_new (NULL));

  g_assert_false (pv_export_write (map, layout, pages, PV_EXPORT_FORMAT_PDF, missing, NULL, NULL, NULL, &error));
  g_assert_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "out.pdf"));
  g_clear_error (&error);

  g_assert_false (pv_export_write (empty, layout, pages, PV_EXPORT_FORMAT_PDF, path, NULL, NULL, NULL, &error));
  g_assert_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "keep.pdf"));
  g_clear_error (&error);

  g_object_set (layout, "margin-mm", 200.0, NULL);
  g_assert_false (pv_export_write (map, layout, pages, PV_EXPORT_FORMAT_PDF, path, NULL, NULL, NULL, &error));
  g_assert_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "keep.pdf"));
  g_clear_error (&error);

  g_object_set (layout, "margin-mm", 10.0, "logo-path", "/no/such/logo.png", NULL);
  g_assert_false (pv_export_write (map, layout, pages, PV_EXPORT_FORMAT_PDF, path, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "logo.png"));
  g_clear_error (&error);

  /* A PNG too big to hold. */
  g_object_set (layout, "logo-path", "", "paper", PV_PAPER_A0, "dpi", 1200.0, NULL);
  g_assert_false (pv_export_write (map, layout, pages, PV_EXPORT_FORMAT_PNG, path, NULL, NULL, NULL, &error));
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
  g_object_set (layout, "paper", PV_PAPER_A4, "dpi", 300.0, NULL);
  g_assert_true (pv_export_write (map, layout, pages, PV_EXPORT_FORMAT_PDF, path, NULL, NULL, NULL, &error));
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
  g_test_add_func ("/core/export/text-and-fonts", test_text_and_fonts);
  g_test_add_func ("/core/export/pixel-probes", test_pixel_probes);
  g_test_add_func ("/core/export/logo-and-notes", test_logo_and_notes);
  g_test_add_func ("/core/export/scale-and-scale-bar", test_scale_and_scale_bar);
  g_test_add_func ("/core/export/georeferencing", test_georeferencing);
  g_test_add_func ("/core/export/bookmark-pages", test_bookmark_pages);
  g_test_add_func ("/core/export/vietnamese-numeric-locale", test_vietnamese_numeric_locale);
  g_test_add_func ("/core/export/png-and-svg", test_png_and_svg);
  g_test_add_func ("/core/export/layout-json", test_layout_json);
  g_test_add_func ("/core/export/errors", test_errors);

  return g_test_run ();
}
