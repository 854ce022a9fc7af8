/* test-print-render.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The map frame of a PDF against the same map rendered to an image at the
 * same resolution: what the print-only drawing does (fills dissolved on the
 * device grid, features under a device pixel in a mask, rasters embedded in
 * strips at the frame's resolution) must not show at 300 dpi. */

#include "config.h"

#include <cairo.h>
#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pv-core.h"
#include "pv-export.h"
#include "pv-test-util.h"

/* A lattice of parcels in VN-2000 / TM-3 105-45 (EPSG:9210) near Thủ Dầu Một. */
#define GRID_X0 600000.0
#define GRID_Y0 1200000.0

static gboolean
have_tools (void)
{
  return pv_test_have_tool ("pdftoppm") && pv_test_have_tool ("pdfimages");
}

/* A deterministic number in [0, 1) for (i, j, salt). */
static double
hash01 (int i,
        int j,
        int salt)
{
  guint32 h = (guint32) i * 73856093u ^ (guint32) j * 19349663u ^ (guint32) salt * 83492791u;

  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  return (h & 0xffffff) / 16777216.0;
}

/* The corner (i, j) of a jittered lattice of cell metres: neighbours share
 * their corners exactly, as in a cadastre. */
static void
corner (int     i,
        int     j,
        double  cell,
        double *x,
        double *y)
{
  *x = GRID_X0 + (i + 0.35 * (hash01 (i, j, 1) - 0.5)) * cell;
  *y = GRID_Y0 + (j + 0.35 * (hash01 (i, j, 2) - 0.5)) * cell;
}

/* Writes nx × ny parcels of the jittered lattice as GeoJSON with a land-use
 * code "ma": codes[0] only when n_codes is 1, else a few codes in patches
 * (neighbours often share theirs). */
static char *
write_lattice (const char         *dir,
               const char         *name,
               int                 nx,
               int                 ny,
               double              cell,
               gboolean            jitter,
               const char * const *codes,
               guint               n_codes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GString *json = g_string_new ("{\"type\": \"FeatureCollection\","
                                " \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::9210\"}},"
                                " \"features\": [");

  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++)
      {
        static const int di[] = { 0, 1, 1, 0, 0 }, dj[] = { 0, 0, 1, 1, 0 };
        guint code = n_codes == 1 ? 0 : (guint) (hash01 (i / 3, j / 2, 3) * n_codes + hash01 (i, j, 4) * 1.6) % n_codes;

        g_string_append_printf (json, "%s{\"type\": \"Feature\", \"properties\": {\"ma\": \"%s\"},"
                                " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[",
                                i + j > 0 ? ", " : "", codes[code]);
        for (int k = 0; k < 5; k++)
          {
            double x = GRID_X0 + (i + di[k]) * cell, y = GRID_Y0 + (j + dj[k]) * cell;

            if (jitter)
              corner (i + di[k], j + dj[k], cell, &x, &y);
            g_string_append_printf (json, "%s[%.3f, %.3f]", k > 0 ? ", " : "", x, y);
          }
        g_string_append (json, "]]}}");
      }
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, -1, NULL));
  g_string_free (json, TRUE);
  return g_steal_pointer (&path);
}

/* A map of one layer, styled with the land-use palette on "ma". */
static PvMap *
make_map (const char *path)
{
  g_autoptr(PvLayer) layer = pv_test_open_layer (path);
  PvMap *map = pv_map_new ();

  if (PV_IS_VECTOR_LAYER (layer))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PvStyle) style = pv_style_new_from_palette (PV_PALETTE_VN_LANDUSE, "ma", &error);

      g_assert_no_error (error);
      g_assert_true (pv_vector_layer_set_style (PV_VECTOR_LAYER (layer), style, NULL, &error));
      g_assert_no_error (error);
      pv_layer_set_fill_opacity (layer, 1.0);
    }
  pv_map_add_layer (map, layer);
  return map;
}

/* A page of width × height mm with the map frame and as little else as
 * can be; scale 0: the extent fitted, else 1:scale around its centre. */
static PvPrintLayout *
make_layout (double width_mm,
             double height_mm,
             double dpi,
             double scale)
{
  PvPrintLayout *layout = pv_print_layout_new ();

  g_object_set (layout, "paper", PV_PAPER_CUSTOM, "width-mm", width_mm, "height-mm", height_mm,
                "margin-mm", 5.0, "dpi", dpi, "scale", scale, "show-legend", FALSE, "show-scale-bar", FALSE,
                "show-north-arrow", FALSE, NULL);
  return layout;
}

/* Exports extent to path as a PDF and returns where the frame is. */
static void
export_pdf (PvMap         *map,
            PvPrintLayout *layout,
            const double  *extent,
            const char    *path,
            PvExportFrame *frame)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_export_page_free);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_ptr_array_add (pages, pv_export_page_new (extent));
  g_assert_true (pv_export_write (map, layout, pages, PV_EXPORT_FORMAT_PDF, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The same page on a recording surface tells where the frame is. */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  g_assert_true (pv_export_draw_page (map, layout, g_ptr_array_index (pages, 0), cr,
                                      pv_print_layout_get_dpi (layout), frame, NULL, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The PDF's page 1 rasterized by pdftoppm at dpi (RGB24). */
static cairo_surface_t *
rasterize (const char *pdf,
           double      dpi)
{
  g_autofree char *dir = g_path_get_dirname (pdf);
  g_autofree char *prefix = g_build_filename (dir, "raster", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *dpi_text = g_strdup_printf ("%g", dpi);
  cairo_surface_t *surface;

  g_free (pv_test_run_tool ((const char *[]) { "pdftoppm", "-r", dpi_text, "-f", "1", "-l", "1",
                                       "-png", "-singlefile", pdf, prefix, NULL }));
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_unlink (png);
  return surface;
}

/* The frame's map rendered as on screen, on white paper, at the frame's
 * own size and dpi. */
static cairo_surface_t *
render_frame_image (PvMap               *map,
                    const PvExportFrame *frame,
                    double               dpi)
{
  g_autoptr(PvViewport) viewport = pv_viewport_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image, *paper;
  cairo_t *cr;

  pv_viewport_set_size (viewport, frame->width_px, frame->height_px);
  pv_viewport_set_dpi (viewport, dpi);
  pv_viewport_fit_extent (viewport, frame->extent[0], frame->extent[1], frame->extent[2], frame->extent[3]);
  image = pv_render_map_to_image (map, viewport, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);

  paper = cairo_image_surface_create (CAIRO_FORMAT_RGB24, frame->width_px, frame->height_px);
  cr = cairo_create (paper);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
  cairo_surface_flush (paper);
  return paper;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  x = CLAMP (x, 0, cairo_image_surface_get_width (surface) - 1);
  y = CLAMP (y, 0, cairo_image_surface_get_height (surface) - 1);
  return ((const guint32 *) (data + (gsize) y * stride))[x] & 0xffffff;
}

static int
color_distance (guint32 a,
                guint32 b)
{
  int d = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    d = MAX (d, abs ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
  return d;
}

/* TRUE when each channel of p lies within tolerance of the range of that
 * channel around (x, y) in image (3 × 3 pixels): an edge smoothed or
 * resampled half a pixel apart passes, a colour that is not there does
 * not. */
static gboolean
within_neighbourhood (guint32          p,
                      cairo_surface_t *image,
                      int              x,
                      int              y,
                      int              tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    {
      int v = (p >> shift) & 0xff, lo = 255, hi = 0;

      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          {
            int c = (pixel_at (image, x + dx, y + dy) >> shift) & 0xff;

            lo = MIN (lo, c);
            hi = MAX (hi, c);
          }
      if (v < lo - tolerance || v > hi + tolerance)
        return FALSE;
    }
  return TRUE;
}

/* The share of the frame's pixels (inside a 3 px border: the frame line;
 * not under the printed scale at its bottom left) whose colour in the PDF
 * raster is within_neighbourhood() of the image's (edges fall half a pixel
 * apart on a page whose frame is not on the pixel grid). */
static double
frame_match (cairo_surface_t     *page,
             cairo_surface_t     *image,
             const PvExportFrame *frame,
             double               dpi,
             int                  tolerance,
             guint               *n_colours)
{
  int ox = (int) lround (frame->x * dpi / 72.0), oy = (int) lround (frame->y * dpi / 72.0);
  guint matched = 0, total = 0;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  int box_w = (int) (40 / 25.4 * dpi), box_h = (int) (15 / 25.4 * dpi);

  for (int y = 3; y < frame->height_px - 3; y++)
    for (int x = 3; x < frame->width_px - 3; x++)
      {
        if (x < box_w && y > frame->height_px - box_h)
          continue;
        matched += within_neighbourhood (pixel_at (page, ox + x, oy + y), image, x, y, tolerance);
        total++;
        g_hash_table_add (colours, GUINT_TO_POINTER (pixel_at (image, x, y) + 1));
      }
  *n_colours = g_hash_table_size (colours);
  return (double) matched / MAX (total, 1);
}

/* Each image of the PDF (pdfimages -list): its type, width and height. */
typedef struct
{
  char type[16];
  int  width;
  int  height;
} ImageInfo;

static GArray *
list_images (const char *pdf)
{
  g_autofree char *out = pv_test_run_tool ((const char *[]) { "pdfimages", "-list", pdf, NULL });
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GArray *images = g_array_new (FALSE, TRUE, sizeof (ImageInfo));

  /* Two header lines, then "page num type width height …". */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      ImageInfo info = { 0 };
      int page, num;

      if (sscanf (lines[i], "%d %d %15s %d %d", &page, &num, info.type, &info.width, &info.height) == 5)
        g_array_append_val (images, info);
    }
  return images;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* A cadastre of small parcels (about 7 device pixels: filled, no outline,
 * dissolved per class in the PDF) looks the same in the PDF at 300 dpi as
 * rendered to an image at 300 dpi. */
static void
test_matches_image (void)
{
  static const char *codes[] = { "ODT", "CLN", "LUC", "RSX", "SKC" };
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvPrintLayout) layout = NULL;
  cairo_surface_t *page, *image;
  PvExportFrame frame;
  guint n_colours;
  double match;
  const double extent[4] = { GRID_X0, GRID_Y0, GRID_X0 + 120 * 20.0, GRID_Y0 + 80 * 20.0 };

  if (!have_tools ())
    return;
  dir = pv_test_make_temp_dir ("pv-print-render");
  data = write_lattice (dir, "lattice.geojson", 120, 80, 20.0, TRUE, codes, G_N_ELEMENTS (codes));
  pdf = g_build_filename (dir, "lattice.pdf", NULL);
  map = make_map (data);
  /* 3.4 m a device pixel: a parcel is 6 of them. */
  layout = make_layout (150, 110, 300, 40000);
  export_pdf (map, layout, extent, pdf, &frame);
  /* The parcels are between the mask and the outlines: paths, dissolved. */
  g_assert_cmpfloat (20.0 * frame.width_px / (frame.extent[2] - frame.extent[0]), >, 4.0);
  g_assert_cmpfloat (20.0 * frame.width_px / (frame.extent[2] - frame.extent[0]), <, 8.0);

  page = rasterize (pdf, 300);
  image = render_frame_image (map, &frame, 300);
  match = frame_match (page, image, &frame, 300, 24, &n_colours);
  g_test_message ("%.4f of the frame's pixels match, %u colours", match, n_colours);
  g_assert_cmpuint (n_colours, >=, G_N_ELEMENTS (codes));
  g_assert_cmpfloat (match, >=, 0.995);

  cairo_surface_destroy (page);
  cairo_surface_destroy (image);
  pv_test_remove_dir (dir);
}

/* Neighbours of one class that share their borders are one fill in the
 * PDF: 1600 squares of 6 device pixels take about the bytes of the one
 * square they tile, and still print as one even fill. */
static void
test_dissolve (void)
{
  static const char *codes[] = { "LUC" };
  g_autofree char *dir = NULL;
  g_autofree char *grid = NULL;
  g_autofree char *single = NULL;
  g_autofree char *grid_pdf = NULL;
  g_autofree char *single_pdf = NULL;
  g_autoptr(PvMap) grid_map = NULL;
  g_autoptr(PvMap) single_map = NULL;
  g_autoptr(PvPrintLayout) layout = NULL;
  cairo_surface_t *page, *image;
  PvExportFrame frame;
  guint n_colours;
  double match;
  /* 40 × 40 squares of 20 m, 800 m across; a device pixel is 3.4 m. */
  const double extent[4] = { GRID_X0, GRID_Y0, GRID_X0 + 800, GRID_Y0 + 800 };

  if (!have_tools ())
    return;
  dir = pv_test_make_temp_dir ("pv-print-render");
  grid = write_lattice (dir, "grid.geojson", 40, 40, 20.0, FALSE, codes, 1);
  single = write_lattice (dir, "single.geojson", 1, 1, 800.0, FALSE, codes, 1);
  grid_pdf = g_build_filename (dir, "grid.pdf", NULL);
  single_pdf = g_build_filename (dir, "single.pdf", NULL);
  grid_map = make_map (grid);
  single_map = make_map (single);
  layout = make_layout (120, 110, 300, 40000);
  export_pdf (single_map, layout, extent, single_pdf, &frame);
  export_pdf (grid_map, layout, extent, grid_pdf, &frame);
  g_assert_cmpfloat (20.0 * frame.width_px / (frame.extent[2] - frame.extent[0]), <, 8.0);

  g_test_message ("one square: %" G_GINT64_FORMAT " bytes, 1600 squares: %" G_GINT64_FORMAT " bytes",
                  file_size (single_pdf), file_size (grid_pdf));
  /* Undissolved, the 1600 rings add some 25 KB of compressed path. */
  g_assert_cmpint (file_size (grid_pdf), <, file_size (single_pdf) + 2000);

  page = rasterize (grid_pdf, 300);
  image = render_frame_image (grid_map, &frame, 300);
  match = frame_match (page, image, &frame, 300, 24, &n_colours);
  g_assert_cmpfloat (match, >=, 0.995);
  cairo_surface_destroy (page);
  cairo_surface_destroy (image);
  pv_test_remove_dir (dir);
}

/* Parcels smaller than a device pixel are no paths of their own: they are
 * pixels of one mask image, cropped to where they are, and they still show
 * in their colour where they are. */
static void
test_subpixel (void)
{
  static const char *codes[] = { "ODT" };
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvPrintLayout) layout = NULL;
  g_autoptr(GArray) images = NULL;
  GString *json;
  cairo_surface_t *page, *image;
  PvExportFrame frame;
  int ox, oy, found = 0;
  /* 20 × 20 squares of 1 m every 20 m; a device pixel is 3.4 m. */
  const double extent[4] = { GRID_X0, GRID_Y0, GRID_X0 + 400, GRID_Y0 + 400 };

  if (!have_tools ())
    return;
  dir = pv_test_make_temp_dir ("pv-print-render");
  path = g_build_filename (dir, "dots.geojson", NULL);
  json = g_string_new ("{\"type\": \"FeatureCollection\","
                       " \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::9210\"}},"
                       " \"features\": [");
  for (int k = 0; k < 400; k++)
    {
      double x = GRID_X0 + (k % 20) * 20.0, y = GRID_Y0 + (k / 20) * 20.0;

      g_string_append_printf (json, "%s{\"type\": \"Feature\", \"properties\": {\"ma\": \"%s\"},"
                              " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[%.1f, %.1f], [%.1f, %.1f],"
                              " [%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f]]]}}",
                              k > 0 ? ", " : "", codes[0], x, y, x + 1, y, x + 1, y + 1, x, y + 1, x, y);
    }
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, -1, NULL));
  g_string_free (json, TRUE);
  data = g_steal_pointer (&path);

  pdf = g_build_filename (dir, "dots.pdf", NULL);
  map = make_map (data);
  layout = make_layout (120, 110, 300, 40000);
  export_pdf (map, layout, extent, pdf, &frame);
  g_assert_cmpfloat ((frame.extent[2] - frame.extent[0]) / frame.width_px, >, 1.0);

  /* One mask, about 380 m square (some 130 device pixels), not the frame. */
  images = list_images (pdf);
  g_assert_cmpuint (images->len, ==, 1);
  g_assert_cmpint (g_array_index (images, ImageInfo, 0).width, <, frame.width_px / 3);
  g_assert_cmpint (g_array_index (images, ImageInfo, 0).height, <, frame.height_px / 3);

  /* Every dot of the image render is coloured in the PDF too, within a
   * pixel. */
  page = rasterize (pdf, 300);
  image = render_frame_image (map, &frame, 300);
  ox = (int) lround (frame.x * 300 / 72.0);
  oy = (int) lround (frame.y * 300 / 72.0);
  for (int y = 0; y < frame.height_px; y++)
    for (int x = 0; x < frame.width_px; x++)
      {
        gboolean shown = FALSE;

        if (color_distance (pixel_at (image, x, y), 0xffffff) < 60)
          continue;
        found++;
        for (int dy = -1; dy <= 1 && !shown; dy++)
          for (int dx = -1; dx <= 1 && !shown; dx++)
            shown = color_distance (pixel_at (page, ox + x + dx, oy + y + dy), 0xffffff) >= 60;
        g_assert_true (shown);
      }
  g_assert_cmpint (found, >=, 400);

  cairo_surface_destroy (page);
  cairo_surface_destroy (image);
  pv_test_remove_dir (dir);
}

/* An RGB GeoTIFF of width × height pixels of px metres from GRID_X0,
 * GRID_Y0 down, in bands of colour that change every 7 rows and columns. */
static char *
write_raster (const char *dir,
              int         width,
              int         height,
              double      px)
{
  g_autofree char *path = g_build_filename (dir, "ortho.tif", NULL);
  g_autofree guint8 *row = g_new (guint8, width);
  GDALDriverH driver;
  GDALDatasetH ds;
  double gt[6] = { GRID_X0, px, 0, GRID_Y0, 0, -px };
  g_autoptr(PvCrs) crs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wkt = NULL;

  driver = GDALGetDriverByName ("GTiff");
  g_assert_nonnull (driver);
  ds = GDALCreate (driver, path, width, height, 3, GDT_Byte, NULL);
  g_assert_nonnull (ds);
  crs = pv_crs_new_from_epsg (9210, &error);
  g_assert_no_error (error);
  wkt = pv_crs_dup_wkt (crs);
  GDALSetProjection (ds, wkt);
  GDALSetGeoTransform (ds, gt);
  for (int b = 1; b <= 3; b++)
    for (int y = 0; y < height; y++)
      {
        for (int x = 0; x < width; x++)
          row[x] = (guint8) (b == 1 ? 40 + 30 * ((y / 7) % 6) : b == 2 ? 60 + 25 * ((x / 7) % 7) : 120);
        g_assert_cmpint (GDALRasterIO (GDALGetRasterBand (ds, b), GF_Write, 0, y, width, 1,
                                       row, width, 1, GDT_Byte, 0, 0), ==, CE_None);
      }
  GDALClose (ds);
  return g_steal_pointer (&path);
}

/* A raster is embedded at the frame's resolution when it is finer, at its
 * own when it is coarser, and a large one in strips that print as one. */
static void
test_raster (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvPrintLayout) layout = NULL;
  g_autoptr(GArray) images = NULL;
  cairo_surface_t *page, *image;
  PvExportFrame frame;
  guint n_colours;
  double match;
  int rows = 0;
  /* 2400 × 2000 pixels of 1 m. */
  const double all[4] = { GRID_X0, GRID_Y0 - 2000, GRID_X0 + 2400, GRID_Y0 };
  /* 240 × 200 of them. */
  const double part[4] = { GRID_X0 + 1000, GRID_Y0 - 1200, GRID_X0 + 1240, GRID_Y0 - 1000 };

  if (!have_tools ())
    return;
  dir = pv_test_make_temp_dir ("pv-print-render");
  data = write_raster (dir, 2400, 2000, 1.0);
  pdf = g_build_filename (dir, "ortho.pdf", NULL);
  map = make_map (data);

  /* Finer than the frame (100 dpi: under 400 device pixels across): one
   * image of the frame's pixels (and a pixel or two of margin). */
  layout = make_layout (110, 100, 100, 0);
  export_pdf (map, layout, all, pdf, &frame);
  images = list_images (pdf);
  g_assert_cmpuint (images->len, ==, 1);
  g_assert_cmpint (g_array_index (images, ImageInfo, 0).width, >=, frame.width_px - 2);
  g_assert_cmpint (g_array_index (images, ImageInfo, 0).width, <=, frame.width_px + 8);
  g_clear_pointer (&images, g_array_unref);
  g_clear_object (&layout);

  /* Coarser than the frame: the raster's own pixels in the window. */
  layout = make_layout (110, 100, 300, 0);
  export_pdf (map, layout, part, pdf, &frame);
  images = list_images (pdf);
  g_assert_cmpuint (images->len, ==, 1);
  g_assert_cmpint (g_array_index (images, ImageInfo, 0).width, >=, 240);
  g_assert_cmpint (g_array_index (images, ImageInfo, 0).width, <=, 246);
  g_assert_cmpint (g_array_index (images, ImageInfo, 0).width, <, frame.width_px / 4);
  g_clear_pointer (&images, g_array_unref);
  g_clear_object (&layout);

  /* All of it at 300 dpi on a 260 mm page: the raster's 4.8 Mpx, in
   * strips, together as tall as the raster, printing as the image does. */
  layout = make_layout (260, 220, 300, 0);
  export_pdf (map, layout, all, pdf, &frame);
  images = list_images (pdf);
  g_assert_cmpuint (images->len, >=, 2);
  for (guint i = 0; i < images->len; i++)
    {
      g_assert_cmpint (g_array_index (images, ImageInfo, i).width, ==, 2400);
      rows += g_array_index (images, ImageInfo, i).height;
    }
  /* Each strip reaches one row into the next. */
  g_assert_cmpint (rows, >=, 2000);
  g_assert_cmpint (rows, <=, 2000 + (int) images->len);

  page = rasterize (pdf, 300);
  image = render_frame_image (map, &frame, 300);
  match = frame_match (page, image, &frame, 300, 24, &n_colours);
  g_test_message ("%.4f of the frame's pixels match, %u colours", match, n_colours);
  g_assert_cmpuint (n_colours, >=, 20);
  g_assert_cmpfloat (match, >=, 0.995);
  cairo_surface_destroy (page);
  cairo_surface_destroy (image);
  pv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/print-render/matches-image", test_matches_image);
  g_test_add_func ("/core/print-render/dissolve", test_dissolve);
  g_test_add_func ("/core/print-render/subpixel", test_subpixel);
  g_test_add_func ("/core/print-render/raster", test_raster);

  return g_test_run ();
}
