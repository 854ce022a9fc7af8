/* pv-export.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cpl_conv.h>
#include <errno.h>
#include <fcntl.h>
#include <gdal.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <ogr_srs_api.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pv-error.h"
#include "pv-export.h"
#include "pv-gdal-private.h"
#include "pv-geodesic.h"
#include "pv-legend.h"
#include "pv-map-grid.h"
#include "pv-north-arrow.h"
#include "pv-number.h"
#include "pv-print-legend.h"
#include "pv-print-table.h"
#include "pv-landuse-stats.h"
#include "pv-renderer.h"
#include "pv-scale-bar.h"
#include "pv-task.h"
#include "pv-vector-layer.h"

#define MM_PER_INCH     25.4
#define PT_PER_INCH     72.0
#define PT_PER_MM       (PT_PER_INCH / MM_PER_INCH)
#define FRAME_LINE_MM   0.25
/* A PNG page holds at most this many pixels (4 bytes each while drawn). */
#define MAX_PNG_PIXELS  ((gint64) 200 * 1000 * 1000)
/* The resolution of the pixels GDAL's georeferencing is written in. */
#define GEOREFERENCE_DPI 300

static double
mm_to_pt (double mm)
{
  return mm * PT_PER_MM;
}

gboolean
pv_export_format_from_path (const char     *path,
                            PvExportFormat *format)
{
  static const struct { const char *suffix; PvExportFormat format; } formats[] = {
    { ".pdf", PV_EXPORT_FORMAT_PDF },
    { ".png", PV_EXPORT_FORMAT_PNG },
    { ".svg", PV_EXPORT_FORMAT_SVG },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_str_has_suffix (lower, formats[i].suffix))
        {
          *format = formats[i].format;
          return TRUE;
        }
    }
  return FALSE;
}

/* Pages */

PvExportPage *
pv_export_page_new (const double *extent)
{
  PvExportPage *page = g_new0 (PvExportPage, 1);

  if (extent != NULL)
    {
      page->has_extent = TRUE;
      memcpy (page->extent, extent, sizeof page->extent);
    }
  return page;
}

PvExportPage *
pv_export_page_new_for_bookmark (PvMap       *map,
                                 PvBookmark  *bookmark,
                                 GError     **error)
{
  g_autoptr(PvExportPage) page = pv_export_page_new (NULL);

  g_return_val_if_fail (PV_IS_MAP (map), NULL);
  g_return_val_if_fail (PV_IS_BOOKMARK (bookmark), NULL);

  if (!pv_bookmark_get_extent_in (bookmark, pv_map_get_crs (map), page->extent, error))
    return NULL;
  page->has_extent = TRUE;
  page->layers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    {
      PvLayer *layer = pv_map_get_layer (map, i);

      for (guint j = 0; j < pv_bookmark_get_n_layers (bookmark); j++)
        {
          if (pv_bookmark_layer_matches (pv_bookmark_get_layer (bookmark, j), layer))
            {
              g_ptr_array_add (page->layers, g_object_ref (layer));
              break;
            }
        }
    }
  page->heading = g_strdup (pv_bookmark_get_name (bookmark));
  page->notes = g_strdup (pv_bookmark_get_notes (bookmark));
  return g_steal_pointer (&page);
}

void
pv_export_page_free (PvExportPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->layers, g_ptr_array_unref);
  g_free (page->heading);
  g_free (page->notes);
  g_free (page);
}

static PvExportPage *
export_page_copy (const PvExportPage *page)
{
  PvExportPage *copy = pv_export_page_new (page->has_extent ? page->extent : NULL);

  if (page->layers != NULL)
    copy->layers = g_ptr_array_copy (page->layers, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  if (copy->layers != NULL)
    g_ptr_array_set_free_func (copy->layers, g_object_unref);
  copy->heading = g_strdup (page->heading);
  copy->notes = g_strdup (page->notes);
  return copy;
}

gboolean
pv_export_get_page_size (PvPrintLayout  *layout,
                         double         *width_pt,
                         double         *height_pt,
                         GError        **error)
{
  double w, h;

  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (layout), FALSE);

  if (!pv_print_layout_validate (layout, error))
    return FALSE;
  pv_print_layout_get_page_size_mm (layout, &w, &h);
  *width_pt = mm_to_pt (w);
  *height_pt = mm_to_pt (h);
  return TRUE;
}

/* Drawing a page */

/* Text sizes grow with the paper: a title that reads on A4 is lost on A0. */
static double
text_scale_for_page (double page_w,
                     double page_h)
{
  double a4_area = mm_to_pt (210) * mm_to_pt (297);

  return CLAMP (sqrt (page_w * page_h / a4_area), 1.0, 4.0);
}

static PangoLayout *
create_text_layout (cairo_t        *cr,
                    const char     *text,
                    double          size_pt,
                    gboolean        bold,
                    double          width,
                    PangoAlignment  alignment)
{
  PangoLayout *layout = pv_print_create_layout (cr, size_pt, bold);

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1.0)));
  pango_layout_set_alignment (layout, alignment);
  return layout;
}

/* Draws text (when draw) at (x, y) in a column of width; returns its height. */
static double
draw_text (cairo_t        *cr,
           const char     *text,
           double          x,
           double          y,
           double          width,
           double          size_pt,
           gboolean        bold,
           PangoAlignment  alignment,
           gboolean        draw)
{
  PangoLayout *layout;
  int text_w, text_h;

  if (text == NULL || *text == '\0')
    return 0;
  layout = create_text_layout (cr, text, size_pt, bold, width, alignment);
  pango_layout_get_size (layout, &text_w, &text_h);
  if (draw)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
  g_object_unref (layout);
  return pango_units_to_double (text_h);
}

/* The date printed on the page: the layout's, or today's. */
static char *
dup_page_date (PvPrintLayout *layout)
{
  const char *date = pv_print_layout_get_text (layout, "date");
  g_autoptr(GDateTime) now = NULL;

  if (*date != '\0')
    return g_strdup (date);
  now = g_date_time_new_now_local ();
  /* TRANSLATORS: the date printed on a map, see g_date_time_format() */
  return g_date_time_format (now, _("%d/%m/%Y"));
}

/* A logo image read through GDAL (PNG, JPEG, TIFF…), as a cairo image; NULL
 * with error when it cannot be read. */
static cairo_surface_t *
load_logo (const char  *path,
           GError     **error)
{
  g_auto(GDALDatasetH) ds = NULL;
  cairo_surface_t *image;
  int width, height, n_bands, stride;
  g_autofree guint8 *bands = NULL;
  guint8 *data;

  ds = GDALOpenEx (path, GDAL_OF_RASTER | GDAL_OF_READONLY, NULL, NULL, NULL);
  if (ds == NULL)
    {
      _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID, path,
                          _("the logo image cannot be read"));
      return NULL;
    }
  width = GDALGetRasterXSize (ds);
  height = GDALGetRasterYSize (ds);
  n_bands = GDALGetRasterCount (ds);
  if (width <= 0 || height <= 0 || n_bands < 1 || (gint64) width * height > 16 * 1024 * 1024)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("%s: the logo image is empty or larger than 16 megapixels"), display);
      return NULL;
    }
  n_bands = MIN (n_bands, 4);
  bands = g_malloc ((gsize) width * height * 4);
  for (int b = 0; b < n_bands; b++)
    {
      if (GDALRasterIO (GDALGetRasterBand (ds, b + 1), GF_Read, 0, 0, width, height,
                        bands + (gsize) b * width * height, width, height, GDT_Byte, 0, 0) != CE_None)
        {
          _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID, path,
                              _("the logo image cannot be read"));
          return NULL;
        }
    }

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int y = 0; y < height; y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          gsize i = (gsize) y * width + x;
          guint8 r = bands[i];
          guint8 g = n_bands >= 3 ? bands[(gsize) width * height + i] : r;
          guint8 bl = n_bands >= 3 ? bands[(gsize) 2 * width * height + i] : r;
          guint8 a = n_bands == 4 ? bands[(gsize) 3 * width * height + i]
                   : n_bands == 2 ? bands[(gsize) width * height + i] : 255;

          /* cairo wants premultiplied alpha. */
          row[x] = ((guint32) a << 24) | ((guint32) (r * a / 255) << 16) |
                   ((guint32) (g * a / 255) << 8) | (guint32) (bl * a / 255);
        }
    }
  cairo_surface_mark_dirty (image);
  return image;
}

/* The viewport of the frame: the page's extent fitted into it, or centred
 * at the layout's scale. */
static PvViewport *
create_frame_viewport (PvMap         *map,
                       PvPrintLayout *layout,
                       const double  *extent,
                       int            width_px,
                       int            height_px,
                       double         dpi)
{
  PvViewport *viewport = pv_viewport_new ();
  double scale = pv_print_layout_get_scale (layout);

  pv_viewport_set_size (viewport, width_px, height_px);
  /* One device pixel is 1/dpi in: sizes in mm (symbols, labels) stay mm. */
  pv_viewport_set_dpi (viewport, dpi);
  if (scale > 0)
    {
      double cx = (extent[0] + extent[2]) / 2;
      double cy = (extent[1] + extent[3]) / 2;
      double metres_per_unit = pv_geodesic_metres_per_unit (pv_map_get_crs (map), cx, cy);
      double ground_m_per_px = scale * (MM_PER_INCH / 1000.0) / dpi;

      pv_viewport_set_center (viewport, cx, cy);
      pv_viewport_set_resolution (viewport, ground_m_per_px / metres_per_unit);
    }
  else
    pv_viewport_fit_extent (viewport, extent[0], extent[1], extent[2], extent[3]);
  return viewport;
}

/* The printed scale of a frame: ground metres per metre of paper. */
static double
frame_scale (PvMap      *map,
             PvViewport *viewport)
{
  double cx, cy;
  double metres_per_unit;

  pv_viewport_get_center (viewport, &cx, &cy);
  metres_per_unit = pv_geodesic_metres_per_unit (pv_map_get_crs (map), cx, cy);
  return pv_viewport_get_resolution (viewport) * metres_per_unit * pv_viewport_get_dpi (viewport) /
         (MM_PER_INCH / 1000.0);
}

/* "1:10 000", with the thousands grouped as Vietnamese maps write them. */
static char *
dup_scale_text (double scale)
{
  g_autofree char *digits = pv_number_format_grouped (round (scale), 0, PV_NUMBER_NARROW_NBSP, FALSE);

  return g_strconcat ("1:", digits, NULL);
}

/* Draws the map frame's content (layers, labels, annotations) at (x, y) on
 * the page, width_px × height_px device pixels of viewport. */
static gboolean
draw_frame_content (PvMap         *map,
                    PvViewport    *viewport,
                    cairo_t       *cr,
                    double         x,
                    double         y,
                    double         px_per_pt,
                    GCancellable  *cancellable,
                    GError       **error)
{
  int width_px = pv_viewport_get_width (viewport);
  int height_px = pv_viewport_get_height (viewport);
  g_autoptr(GPtrArray) layer_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  cairo_surface_t *frame = NULL;
  cairo_t *fcr;
  gboolean ok;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, 1 / px_per_pt, 1 / px_per_pt);
  cairo_rectangle (cr, 0, 0, width_px, height_px);
  cairo_clip (cr);

  if (pv_render_is_vector_target (cr))
    {
      /* Drawn in device pixels into a recording surface placed on the page
       * scaled: its content is written once, as a form whose coordinates
       * are whole device pixels (short numbers, small files). */
      cairo_rectangle_t bounds = { 0, 0, width_px, height_px };

      frame = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &bounds);
      fcr = cairo_create (frame);
    }
  else
    fcr = cairo_reference (cr);

  ok = pv_render_map (map, viewport, fcr, cancellable, layer_errors, NULL, error);
  if (ok && layer_errors->len > 0)
    {
      g_propagate_error (error, g_steal_pointer ((GError **) &layer_errors->pdata[0]));
      ok = FALSE;
    }
  if (ok && pv_map_has_annotations (map))
    pv_render_map_annotations (map, viewport, fcr);
  cairo_destroy (fcr);
  if (ok && frame != NULL)
    {
      cairo_set_source_surface (cr, frame, 0, 0);
      cairo_paint (cr);
    }
  g_clear_pointer (&frame, cairo_surface_destroy);
  cairo_restore (cr);
  return ok;
}

/* The blocks beside the map: legend, land-use table, notes and logo. */
typedef struct
{
  GPtrArray       *legend;  /* PvLegendEntry*, or NULL */
  PvLanduseStats  *table;   /* or NULL */
  const char      *notes;
  cairo_surface_t *logo;    /* or NULL */
} PanelContent;

static gboolean
panel_is_empty (const PanelContent *panel)
{
  return (panel->legend == NULL || panel->legend->len == 0) && panel->table == NULL &&
         (panel->notes == NULL || *panel->notes == '\0') && panel->logo == NULL;
}

/* Draws the logo scaled into width × max_height at (x, y); its height. */
static double
draw_logo (cairo_t         *cr,
           cairo_surface_t *logo,
           double           x,
           double           y,
           double           width,
           double           max_height,
           gboolean         draw)
{
  double w = cairo_image_surface_get_width (logo);
  double h = cairo_image_surface_get_height (logo);
  double k = MIN (width / w, max_height / h);

  if (draw)
    {
      cairo_save (cr);
      cairo_translate (cr, x + (width - w * k) / 2, y);
      cairo_scale (cr, k, k);
      cairo_set_source_surface (cr, logo, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  return h * k;
}

/* Lays the panel out in a column (landscape pages) at (x, y), width × height;
 * in rows side by side (portrait) when across. */
static void
draw_panel (cairo_t            *cr,
            const PanelContent *panel,
            double              x,
            double              y,
            double              width,
            double              height,
            gboolean            across,
            double              k)
{
  double gap = mm_to_pt (4) * k;
  double units_per_mm = PT_PER_MM;
  PvPrintLegendInfo info;

  if (!across)
    {
      double bottom = y + height;

      if (panel->logo != NULL)
        y += draw_logo (cr, panel->logo, x, y, width, mm_to_pt (25) * k, TRUE) + gap;
      if (panel->legend != NULL && panel->legend->len > 0)
        {
          double room = bottom - y;

          if (panel->table != NULL)
            room *= 0.6;
          y += pv_print_legend_layout (cr, panel->legend, x, y, width, room, units_per_mm * k, TRUE, &info) + gap;
        }
      if (panel->table != NULL && y < bottom)
        y += pv_print_table_layout (cr, panel->table, x, y, width, bottom - y, units_per_mm * k, TRUE, &info) + gap;
      if (panel->notes != NULL && y < bottom)
        draw_text (cr, panel->notes, x, y, width, 8 * k, FALSE, PANGO_ALIGN_LEFT, TRUE);
      return;
    }

  /* Across the bottom: legend, table, then notes and logo, in columns. */
  {
    double shares[3] = {
      panel->legend != NULL && panel->legend->len > 0 ? 2 : 0,
      panel->table != NULL ? 2 : 0,
      (panel->notes != NULL && *panel->notes != '\0') || panel->logo != NULL ? 1 : 0,
    };
    double total = shares[0] + shares[1] + shares[2];
    double column_x = x;
    guint n_columns = (shares[0] > 0) + (shares[1] > 0) + (shares[2] > 0);
    double usable = width - gap * (n_columns - 1);

    for (guint c = 0; c < 3; c++)
      {
        double w = usable * shares[c] / total;
        double cy = y;

        if (shares[c] == 0)
          continue;
        if (c == 0)
          pv_print_legend_layout (cr, panel->legend, column_x, y, w, height, units_per_mm * k, TRUE, &info);
        else if (c == 1)
          pv_print_table_layout (cr, panel->table, column_x, y, w, height, units_per_mm * k, TRUE, &info);
        else
          {
            if (panel->logo != NULL)
              cy += draw_logo (cr, panel->logo, column_x, cy, w, height / 2, TRUE) + gap / 2;
            draw_text (cr, panel->notes, column_x, cy, w, 8 * k, FALSE, PANGO_ALIGN_LEFT, TRUE);
          }
        column_x += w + gap;
      }
  }
}

/* The land-use structure table of what the frame shows: of the topmost shown
 * layer drawn with the land-use palette, by its style's field. NULL when no
 * layer is. */
static PvLanduseStats *
compute_frame_table (PvMap         *map,
                     const double  *extent,
                     GCancellable  *cancellable,
                     GError       **error)
{
  for (guint i = pv_map_get_n_layers (map); i-- > 0; )
    {
      PvLayer *layer = pv_map_get_layer (map, i);
      g_autoptr(PvStyle) style = NULL;
      g_autoptr(PvLanduseScope) scope = NULL;

      if (!PV_IS_VECTOR_LAYER (layer) || !pv_map_shows_layer (map, layer))
        continue;
      style = pv_vector_layer_dup_style (PV_VECTOR_LAYER (layer));
      if (style == NULL || pv_style_get_palette_id (style) == NULL || pv_style_get_field (style) == NULL)
        continue;
      scope = pv_landuse_scope_new_extent (extent[0], extent[1], extent[2], extent[3]);
      pv_landuse_scope_set_crs (scope, pv_map_get_crs (map));
      return pv_landuse_stats_compute (PV_VECTOR_LAYER (layer), pv_style_get_field (style), scope,
                                       NULL, NULL, cancellable, error);
    }
  return NULL;
}

gboolean
pv_export_draw_page (PvMap          *map,
                     PvPrintLayout  *layout,
                     PvExportPage   *page,
                     cairo_t        *cr,
                     double          frame_dpi,
                     PvExportFrame  *frame_out,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(PvMap) page_map = NULL;
  g_autoptr(PvViewport) viewport = NULL;
  g_autoptr(GPtrArray) legend = NULL;
  g_autoptr(PvLanduseStats) table = NULL;
  cairo_surface_t *logo = NULL;
  PanelContent panel = { 0 };
  double page_w, page_h, k, margin, inner_w, y, footer_h = 0, grid_margin = 0;
  double body_x, body_y, body_w, body_h, panel_w = 0, panel_h = 0, gap;
  double frame_x, frame_y, frame_w, frame_h, px_per_pt, extent[4];
  gboolean landscape, grid, graticule;
  const char *notes;
  g_autofree char *date = NULL;
  g_autofree char *footer_right = NULL;
  g_autofree char *footer_left = NULL;
  int width_px, height_px;
  gboolean ok;

  g_return_val_if_fail (PV_IS_MAP (map), FALSE);
  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (layout), FALSE);
  g_return_val_if_fail (page != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  if (!pv_export_get_page_size (layout, &page_w, &page_h, error))
    return FALSE;
  if (!isfinite (frame_dpi) || frame_dpi < 1 || frame_dpi > PV_EXPORT_MAX_DPI)
    frame_dpi = pv_print_layout_get_dpi (layout);

  /* What the page shows: its own layers (a bookmark's), or the visible ones. */
  page_map = pv_map_copy (map);
  if (page->layers != NULL)
    pv_map_set_shown_layers (page_map, page->layers);
  if (page->has_extent)
    memcpy (extent, page->extent, sizeof extent);
  else if (!pv_map_get_extent (page_map, &extent[0], &extent[1], &extent[2], &extent[3]) ||
           !(isfinite (extent[0]) && isfinite (extent[1]) && isfinite (extent[2]) && isfinite (extent[3])))
    {
      g_set_error_literal (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                           _("nothing to export: no feature or pixel has a position in the map CRS"));
      return FALSE;
    }
  if (!(extent[0] < extent[2] && extent[1] < extent[3]))
    {
      /* A single point, or a line along an axis: a small square around it. */
      double cx = (extent[0] + extent[2]) / 2, cy = (extent[1] + extent[3]) / 2;
      double half = MAX (MAX (extent[2] - extent[0], extent[3] - extent[1]) / 2, 50.0);

      if (!(isfinite (cx) && isfinite (cy)))
        {
          g_set_error_literal (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                               _("the extent to export is not finite"));
          return FALSE;
        }
      extent[0] = cx - half; extent[2] = cx + half;
      extent[1] = cy - half; extent[3] = cy + half;
    }

  k = text_scale_for_page (page_w, page_h);
  margin = mm_to_pt (pv_print_layout_get_margin_mm (layout));
  gap = mm_to_pt (4) * k;
  inner_w = page_w - 2 * margin;
  landscape = page_w > page_h;
  grid = pv_print_layout_get_flag (layout, "show-grid");
  graticule = pv_print_layout_get_flag (layout, "show-graticule") && pv_map_get_crs (map) != NULL;
  y = margin;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_restore (cr);

  /* The title block. */
  {
    const char *organisation = pv_print_layout_get_text (layout, "organisation");
    const char *title = pv_print_layout_get_text (layout, "title");
    const char *subtitle = pv_print_layout_get_text (layout, "subtitle");
    double h;

    if ((h = draw_text (cr, organisation, margin, y, inner_w, 9 * k, TRUE, PANGO_ALIGN_CENTER, TRUE)) > 0)
      y += h + 1.5 * k;
    if ((h = draw_text (cr, title, margin, y, inner_w, 16 * k, TRUE, PANGO_ALIGN_CENTER, TRUE)) > 0)
      y += h + 1.5 * k;
    if ((h = draw_text (cr, subtitle, margin, y, inner_w, 11 * k, FALSE, PANGO_ALIGN_CENTER, TRUE)) > 0)
      y += h + 1.5 * k;
    if ((h = draw_text (cr, page->heading, margin, y, inner_w, 12 * k, TRUE, PANGO_ALIGN_CENTER, TRUE)) > 0)
      y += h + 1.5 * k;
    if (y > margin)
      y += gap / 2;
  }

  /* The footer: CRS and sources on the left, author and date on the right. */
  {
    PvCrs *crs = pv_map_get_crs (map);
    g_autofree char *crs_label = NULL;
    const char *attribution = pv_print_layout_get_text (layout, "attribution");
    const char *author = pv_print_layout_get_text (layout, "author");

    if (crs == NULL)
      crs_label = g_strdup (_("unknown"));
    else if (pv_crs_get_epsg (crs) > 0)
      crs_label = g_strdup_printf ("%s (EPSG:%d)", pv_crs_get_name (crs), pv_crs_get_epsg (crs));
    else
      crs_label = g_strdup (pv_crs_get_name (crs));
    date = dup_page_date (layout);
    /* TRANSLATORS: the map's coordinate reference system, in the footer */
    footer_left = *attribution != '\0' ? g_strdup_printf (_("Coordinate system: %s · Sources: %s"), crs_label, attribution)
                                       : g_strdup_printf (_("Coordinate system: %s"), crs_label);
    footer_right = *author != '\0' ? g_strdup_printf ("%s · %s", author, date) : g_strdup (date);
    footer_h = MAX (draw_text (cr, footer_left, 0, 0, inner_w * 0.7, 7 * k, FALSE, PANGO_ALIGN_LEFT, FALSE),
                    draw_text (cr, footer_right, 0, 0, inner_w * 0.28, 7 * k, FALSE, PANGO_ALIGN_RIGHT, FALSE));
    draw_text (cr, footer_left, margin, page_h - margin - footer_h, inner_w * 0.7, 7 * k, FALSE, PANGO_ALIGN_LEFT, TRUE);
    draw_text (cr, footer_right, margin + inner_w * 0.72, page_h - margin - footer_h, inner_w * 0.28, 7 * k,
               FALSE, PANGO_ALIGN_RIGHT, TRUE);
  }

  body_x = margin;
  body_y = y;
  body_w = inner_w;
  body_h = page_h - margin - footer_h - gap / 2 - body_y;

  /* The panel's content, then its room. */
  notes = page->notes != NULL && *page->notes != '\0' ? page->notes : pv_print_layout_get_text (layout, "notes");
  panel.notes = notes;
  if (*pv_print_layout_get_text (layout, "logo-path") != '\0')
    {
      logo = load_logo (pv_print_layout_get_text (layout, "logo-path"), error);
      if (logo == NULL)
        return FALSE;
      panel.logo = logo;
    }
  if (pv_print_layout_get_flag (layout, "show-legend"))
    {
      legend = pv_legend_build_for_extent (page_map, extent, cancellable);
      panel.legend = legend;
    }
  if (pv_print_layout_get_flag (layout, "show-landuse-table"))
    {
      g_autoptr(GError) table_error = NULL;

      table = compute_frame_table (page_map, extent, cancellable, &table_error);
      if (table_error != NULL)
        {
          g_clear_pointer (&logo, cairo_surface_destroy);
          g_propagate_error (error, g_steal_pointer (&table_error));
          return FALSE;
        }
      panel.table = table;
    }
  if (!panel_is_empty (&panel))
    {
      if (landscape)
        {
          panel_w = CLAMP (body_w * 0.24, mm_to_pt (45), mm_to_pt (90) * k);
          body_w -= panel_w + gap;
        }
      else
        {
          panel_h = body_h * 0.26;
          body_h -= panel_h + gap;
        }
    }

  if (grid || graticule)
    grid_margin = pv_map_grid_measure_margin (cr, PT_PER_MM * k);
  frame_x = body_x + grid_margin;
  frame_y = body_y + grid_margin;
  frame_w = body_w - 2 * grid_margin;
  frame_h = body_h - 2 * grid_margin;
  px_per_pt = frame_dpi / PT_PER_INCH;
  width_px = (int) floor (frame_w * px_per_pt);
  height_px = (int) floor (frame_h * px_per_pt);
  if (width_px < 1 || height_px < 1)
    {
      g_clear_pointer (&logo, cairo_surface_destroy);
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("The margins of %g mm and the page's texts leave no room for the map"),
                   pv_print_layout_get_margin_mm (layout));
      return FALSE;
    }
  /* The frame is a whole number of device pixels. */
  frame_w = width_px / px_per_pt;
  frame_h = height_px / px_per_pt;

  viewport = create_frame_viewport (page_map, layout, extent, width_px, height_px, frame_dpi);
  /* Layers their scale range hides at this scale are not drawn: nor listed. */
  for (guint i = legend != NULL ? legend->len : 0; i-- > 0; )
    {
      PvLegendEntry *entry = g_ptr_array_index (legend, i);

      if (!pv_layer_is_visible_at_scale (entry->layer, pv_viewport_get_scale (viewport)))
        g_ptr_array_remove_index (legend, i);
    }
  ok = draw_frame_content (page_map, viewport, cr, frame_x, frame_y, px_per_pt, cancellable, error);
  if (!ok)
    {
      g_clear_pointer (&logo, cairo_surface_destroy);
      return FALSE;
    }

  if (grid || graticule)
    {
      PvMapGridOptions options = {
        .interval = pv_print_layout_get_grid_interval (layout),
        .grid = grid,
        .graticule = graticule,
      };

      pv_map_grid_draw (cr, viewport, pv_map_get_crs (map), frame_x, frame_y, frame_w, frame_h,
                        PT_PER_MM * k, &options);
    }

  cairo_save (cr);
  cairo_rectangle (cr, frame_x, frame_y, frame_w, frame_h);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, mm_to_pt (FRAME_LINE_MM) * k);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* Scale bar and printed scale in a box at the frame's bottom left. */
  {
    double scale = frame_scale (page_map, viewport);
    g_autofree char *scale_text = dup_scale_text (scale);
    double pad = mm_to_pt (1.5) * k;
    double inset = mm_to_pt (3) * k;
    double text_size = 8 * k;
    double max_bar = MIN (frame_w * 0.3, mm_to_pt (80) * k);
    /* Ground metres per point on paper. */
    double metres_per_pt = scale * (MM_PER_INCH / 1000.0) / PT_PER_INCH;
    PvScaleBarInfo bar = { 0 };
    gboolean show_bar = pv_print_layout_get_flag (layout, "show-scale-bar") &&
                        pv_scale_bar_measure (cr, max_bar, metres_per_pt, PT_PER_MM * k, &bar);
    double text_h = draw_text (cr, scale_text, 0, 0, frame_w, text_size, TRUE, PANGO_ALIGN_LEFT, FALSE);
    double box_w = MAX (show_bar ? bar.width : 0, mm_to_pt (22) * k) + 2 * pad;
    double box_h = text_h + (show_bar ? bar.height + pad : 0) + 2 * pad;
    double bx = frame_x + inset, by = frame_y + frame_h - inset - box_h;

    cairo_save (cr);
    cairo_rectangle (cr, bx, by, box_w, box_h);
    cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
    cairo_fill (cr);
    cairo_restore (cr);
    draw_text (cr, scale_text, bx + pad, by + pad, box_w - 2 * pad, text_size, TRUE, PANGO_ALIGN_LEFT, TRUE);
    if (show_bar)
      pv_scale_bar_draw (cr, bx + pad, by + pad + text_h + pad, max_bar, metres_per_pt, PT_PER_MM * k, &bar);
    if (frame_out != NULL)
      frame_out->scale = scale;
  }

  if (pv_print_layout_get_flag (layout, "show-north-arrow"))
    {
      double size = mm_to_pt (14) * k;
      double inset = mm_to_pt (3) * k;
      double cx, cy;

      pv_viewport_get_center (viewport, &cx, &cy);
      cairo_save (cr);
      cairo_rectangle (cr, frame_x + frame_w - inset - size, frame_y + inset, size, size * 1.25);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_fill (cr);
      cairo_restore (cr);
      pv_north_arrow_draw (cr, frame_x + frame_w - inset - size / 2, frame_y + inset + size * 0.625,
                           size, pv_north_arrow_get_angle (pv_map_get_crs (map), cx, cy), PT_PER_MM * k);
    }

  if (!panel_is_empty (&panel))
    {
      if (landscape)
        draw_panel (cr, &panel, body_x + body_w + gap, body_y, panel_w, body_h, FALSE, k);
      else
        draw_panel (cr, &panel, body_x, body_y + body_h + gap, body_w, panel_h, TRUE, k);
    }
  g_clear_pointer (&logo, cairo_surface_destroy);

  if (frame_out != NULL)
    {
      frame_out->x = frame_x;
      frame_out->y = frame_y;
      frame_out->width = frame_w;
      frame_out->height = frame_h;
      frame_out->width_px = width_px;
      frame_out->height_px = height_px;
      pv_viewport_get_extent (viewport, &frame_out->extent[0], &frame_out->extent[1],
                              &frame_out->extent[2], &frame_out->extent[3]);
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Writing files */

/* Where cairo's writers send their bytes: the temporary file. */
typedef struct
{
  FILE *file;
  int   saved_errno;
} WriteClosure;

static cairo_status_t
write_to_file (void                *user_data,
               const unsigned char *data,
               unsigned int         length)
{
  WriteClosure *closure = user_data;

  if (closure->saved_errno != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (fwrite (data, 1, length, closure->file) != length)
    {
      closure->saved_errno = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static char *
iso_date_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *zone = g_date_time_format (now, "%z");

  /* cairo wants "+hh:mm" (ISO 8601), GDateTime gives "+hhmm". */
  if (zone != NULL && strlen (zone) == 5)
    return g_strdup_printf ("%s%.3s:%s", date, zone, zone + 3);
  return g_steal_pointer (&date);
}

/* A temporary file beside path (renamed over it when complete). */
static char *
open_temporary (const char  *path,
                FILE       **file,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  int fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);

  if (fd < 0 || !(*file = fdopen (fd, "wb")))
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      if (fd >= 0)
        {
          close (fd);
          g_unlink (tmp_path);
        }
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED,
                   _("%s: cannot write the file: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&tmp_path);
}

/* Map units per pixel of a raster of the page whose pixels are px_x × px_y
 * per point: the geotransform (GDAL's order) that puts the frame on its
 * extent. */
static void
frame_geotransform (const PvExportFrame *frame,
                    double               px_x,
                    double               px_y,
                    double               gt[6])
{
  double res_x = (frame->extent[2] - frame->extent[0]) / (frame->width * px_x);
  double res_y = (frame->extent[3] - frame->extent[1]) / (frame->height * px_y);

  gt[0] = frame->extent[0] - frame->x * px_x * res_x;
  gt[1] = res_x;
  gt[2] = 0;
  gt[3] = frame->extent[3] + frame->y * px_y * res_y;
  gt[4] = 0;
  gt[5] = -res_y;
}

/* Writes the map CRS and each page's frame geotransform into the PDF at path
 * as GDAL does (an incremental update with the ISO 32000 geospatial
 * dictionaries: a viewport over the frame), so GDAL and other GIS read the
 * pages back georeferenced. */
static gboolean write_georeferencing (const char          *path,
                                      const char          *wkt,
                                      const PvExportFrame *frames,
                                      guint                n_pages,
                                      double               page_w,
                                      double               page_h,
                                      GError             **error);

static gboolean
georeference_pdf (const char          *path,
                  PvCrs               *crs,
                  const PvExportFrame *frames,
                  guint                n_pages,
                  double               page_w,
                  double               page_h,
                  GError             **error)
{
  g_autofree char *wkt = NULL;
  locale_t c_numeric, saved_locale;
  gboolean ok;

  if (crs == NULL)
    return TRUE;
  wkt = pv_crs_dup_wkt (crs);
  /* GDAL 3.6's PDF writer prints numbers in the C library's locale: in
   * Vietnamese "1190,55", which no reader takes. This thread writes in "C". */
  c_numeric = newlocale (LC_NUMERIC_MASK, "C", duplocale (LC_GLOBAL_LOCALE));
  saved_locale = uselocale (c_numeric);
  ok = write_georeferencing (path, wkt, frames, n_pages, page_w, page_h, error);
  uselocale (saved_locale);
  freelocale (c_numeric);
  return ok;
}

static gboolean
write_georeferencing (const char          *path,
                      const char          *wkt,
                      const PvExportFrame *frames,
                      guint                n_pages,
                      double               page_w,
                      double               page_h,
                      GError             **error)
{
  for (guint i = 0; i < n_pages; i++)
    {
      const PvExportFrame *frame = &frames[i];
      g_autofree char *name = n_pages > 1 ? g_strdup_printf ("PDF:%u:%s", i + 1, path) : g_strdup (path);
      const char *drivers[] = { "PDF", NULL };
      g_auto(GDALDatasetH) ds = NULL;
      g_autofree char *neatline = NULL;
      char x0[G_ASCII_DTOSTR_BUF_SIZE], y0[G_ASCII_DTOSTR_BUF_SIZE];
      char x1[G_ASCII_DTOSTR_BUF_SIZE], y1[G_ASCII_DTOSTR_BUF_SIZE];
      double gt[6];

      /* GDAL gives the page 300 dpi pixels (the geotransform below is in
       * them), whatever the user's GDAL_PDF_DPI says. */
      CPLSetThreadLocalConfigOption ("GDAL_PDF_DPI", G_STRINGIFY (GEOREFERENCE_DPI));
      ds = GDALOpenEx (name, GDAL_OF_RASTER | GDAL_OF_UPDATE, drivers, NULL, NULL);
      CPLSetThreadLocalConfigOption ("GDAL_PDF_DPI", NULL);
      if (ds == NULL)
        {
          _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, path,
                              _("cannot write the georeferencing"));
          return FALSE;
        }
      frame_geotransform (frame, GEOREFERENCE_DPI / PT_PER_INCH, GEOREFERENCE_DPI / PT_PER_INCH, gt);
      g_ascii_dtostr (x0, sizeof x0, frame->extent[0]);
      g_ascii_dtostr (y0, sizeof y0, frame->extent[1]);
      g_ascii_dtostr (x1, sizeof x1, frame->extent[2]);
      g_ascii_dtostr (y1, sizeof y1, frame->extent[3]);
      neatline = g_strdup_printf ("POLYGON ((%s %s,%s %s,%s %s,%s %s,%s %s))",
                                  x0, y0, x0, y1, x1, y1, x1, y0, x0, y0);
      if (GDALSetProjection (ds, wkt) != CE_None || GDALSetGeoTransform (ds, gt) != CE_None ||
          GDALSetMetadataItem (ds, "NEATLINE", neatline, NULL) != CE_None)
        {
          _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, path,
                              _("cannot write the georeferencing"));
          return FALSE;
        }
      /* Closing writes the update. */
      g_clear_pointer (&ds, GDALClose);
      if (CPLGetLastErrorType () >= CE_Failure)
        {
          _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, path,
                              _("cannot write the georeferencing"));
          return FALSE;
        }
    }
  return TRUE;
}

/* The world file (.pgw) and .prj of a PNG page at path. */
static gboolean
write_png_georeferencing (const char          *path,
                          PvCrs               *crs,
                          const PvExportFrame *frame,
                          double               px_per_pt,
                          GError             **error)
{
  double gt[6];
  g_autofree char *stem = NULL;
  const char *dot = strrchr (path, '.');

  stem = dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL ? g_strndup (path, dot - path) : g_strdup (path);
  frame_geotransform (frame, px_per_pt, px_per_pt, gt);
  if (!GDALWriteWorldFile (path, "pgw", gt))
    {
      _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, path,
                          _("cannot write the world file"));
      return FALSE;
    }
  if (crs != NULL)
    {
      g_autofree char *wkt = pv_crs_dup_wkt (crs);
      g_auto(OGRSpatialReferenceH) srs = OSRNewSpatialReference (NULL);
      g_autofree char *prj_path = g_strconcat (stem, ".prj", NULL);
      char *esri = NULL;
      const char *options[] = { "FORMAT=WKT1_ESRI", NULL };
      g_autoptr(GError) local_error = NULL;

      if (OSRSetFromUserInput (srs, wkt) != OGRERR_NONE ||
          OSRExportToWktEx (srs, &esri, options) != OGRERR_NONE || esri == NULL)
        {
          CPLFree (esri);
          _pv_set_gdal_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, prj_path,
                              _("the map CRS cannot be written as a .prj file"));
          return FALSE;
        }
      if (!g_file_set_contents (prj_path, esri, -1, &local_error))
        {
          CPLFree (esri);
          g_set_error_literal (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, local_error->message);
          return FALSE;
        }
      CPLFree (esri);
    }
  return TRUE;
}

/* The file of page i of n: path itself for one page, "stem-i.ext" for more
 * (PNG and SVG hold one page each). */
static char *
dup_page_path (const char *path,
               guint       i,
               guint       n)
{
  const char *dot = strrchr (path, '.');
  g_autofree char *stem = NULL;

  if (n == 1)
    return g_strdup (path);
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return g_strdup_printf ("%s-%u", path, i + 1);
  stem = g_strndup (path, dot - path);
  return g_strdup_printf ("%s-%u%s", stem, i + 1, dot);
}

/* Writes one document: all pages (PDF) or page `only` (PNG, SVG). */
static gboolean
write_document (PvMap                *map,
                PvPrintLayout        *layout,
                GPtrArray            *pages,
                guint                 first,
                guint                 last,
                PvExportFormat        format,
                const char           *path,
                PvExportProgressFunc  progress,
                gpointer              progress_data,
                GCancellable         *cancellable,
                GError              **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *tmp_path = NULL;
  g_autofree PvExportFrame *frames = g_new0 (PvExportFrame, last - first);
  g_autoptr(GError) local_error = NULL;
  WriteClosure closure = { 0 };
  cairo_surface_t *surface = NULL;
  cairo_t *cr = NULL;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  double page_w, page_h, dpi = pv_print_layout_get_dpi (layout);
  double px_per_pt = dpi / PT_PER_INCH;
  gboolean drawn = TRUE;

  if (!pv_export_get_page_size (layout, &page_w, &page_h, &local_error))
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID, "%s: %s", display, local_error->message);
      return FALSE;
    }
  if (format == PV_EXPORT_FORMAT_PNG &&
      (gint64) ceil (page_w * px_per_pt) * (gint64) ceil (page_h * px_per_pt) > MAX_PNG_PIXELS)
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("%s: a PNG of this page at %g dpi would have more than %d million pixels; choose a lower resolution or PDF"),
                   display, dpi, (int) (MAX_PNG_PIXELS / 1000000));
      return FALSE;
    }

  tmp_path = open_temporary (path, &closure.file, error);
  if (tmp_path == NULL)
    return FALSE;

  switch (format)
    {
    case PV_EXPORT_FORMAT_PDF:
      {
        const char *title = pv_print_layout_get_text (layout, "title");
        const char *author = pv_print_layout_get_text (layout, "author");
        const char *subtitle = pv_print_layout_get_text (layout, "subtitle");
        g_autofree char *date = iso_date_now ();

        surface = cairo_pdf_surface_create_for_stream (write_to_file, &closure, page_w, page_h);
        if (*title != '\0')
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
        if (*author != '\0')
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
        if (*subtitle != '\0')
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subtitle);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "PlanViewer");
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
      }
      break;
    case PV_EXPORT_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_file, &closure, page_w, page_h);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
      break;
    case PV_EXPORT_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (page_w * px_per_pt),
                                            (int) ceil (page_h * px_per_pt));
      break;
    }

  cr = cairo_create (surface);
  if (format == PV_EXPORT_FORMAT_PNG)
    cairo_scale (cr, px_per_pt, px_per_pt);
  for (guint i = first; i < last && drawn; i++)
    {
      drawn = pv_export_draw_page (map, layout, g_ptr_array_index (pages, i), cr, dpi,
                                   &frames[i - first], cancellable, &local_error);
      if (drawn && format != PV_EXPORT_FORMAT_PNG)
        cairo_show_page (cr);
      if (drawn && progress != NULL)
        progress (i + 1, pages->len, progress_data);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (drawn && status == CAIRO_STATUS_SUCCESS && format == PV_EXPORT_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_file, &closure);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (fclose (closure.file) != 0 && closure.saved_errno == 0)
    closure.saved_errno = errno;
  if (drawn && status == CAIRO_STATUS_SUCCESS && closure.saved_errno == 0)
    {
      if (format == PV_EXPORT_FORMAT_PDF &&
          !georeference_pdf (tmp_path, pv_map_get_crs (map), frames, last - first, page_w, page_h, &local_error))
        {
          g_unlink (tmp_path);
          g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, "%s: %s", display, local_error->message);
          return FALSE;
        }
      if (format == PV_EXPORT_FORMAT_PNG &&
          !write_png_georeferencing (path, pv_map_get_crs (map), &frames[0], px_per_pt, error))
        {
          g_unlink (tmp_path);
          return FALSE;
        }
      if (g_rename (tmp_path, path) == 0)
        return TRUE;
      closure.saved_errno = errno;
    }
  g_unlink (tmp_path);

  if (!drawn)
    g_set_error (error, local_error->domain, local_error->code, "%s: %s", display, local_error->message);
  else
    g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, _("%s: cannot write the file: %s"), display,
                 closure.saved_errno != 0 ? g_strerror (closure.saved_errno) : cairo_status_to_string (status));
  return FALSE;
}

gboolean
pv_export_write (PvMap                *map,
                 PvPrintLayout        *layout,
                 GPtrArray            *pages,
                 PvExportFormat        format,
                 const char           *path,
                 PvExportProgressFunc  progress,
                 gpointer              progress_data,
                 GCancellable         *cancellable,
                 GError              **error)
{
  g_return_val_if_fail (PV_IS_MAP (map), FALSE);
  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (layout), FALSE);
  g_return_val_if_fail (pages != NULL && pages->len > 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (format == PV_EXPORT_FORMAT_PDF)
    return write_document (map, layout, pages, 0, pages->len, format, path, progress, progress_data,
                           cancellable, error);
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *page_path = dup_page_path (path, i, pages->len);

      if (!write_document (map, layout, pages, i, i + 1, format, page_path, progress, progress_data,
                           cancellable, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  PvMap          *map;
  PvPrintLayout  *layout;
  GPtrArray      *pages;
  PvExportFormat  format;
  char           *path;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_object_unref (job->map);
  g_object_unref (job->layout);
  g_ptr_array_unref (job->pages);
  g_free (job->path);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (pv_export_write (job->map, job->layout, job->pages, job->format, job->path, NULL, NULL,
                       cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pv_export_write_async (PvMap               *map,
                       PvPrintLayout       *layout,
                       GPtrArray           *pages,
                       PvExportFormat       format,
                       const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (PV_IS_MAP (map));
  g_return_if_fail (PV_IS_PRINT_LAYOUT (layout));
  g_return_if_fail (pages != NULL && pages->len > 0);
  g_return_if_fail (path != NULL);

  job = g_new0 (WriteJob, 1);
  job->map = pv_map_copy (map);
  job->layout = pv_print_layout_copy (layout);
  job->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_export_page_free);
  for (guint i = 0; i < pages->len; i++)
    g_ptr_array_add (job->pages, export_page_copy (g_ptr_array_index (pages, i)));
  job->format = format;
  job->path = g_strdup (path);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pv_export_write_async);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  pv_task_run_in_thread (task, write_thread);
}

gboolean
pv_export_write_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
