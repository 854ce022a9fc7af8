/* pv-export.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "pv-error.h"
#include "pv-export.h"
#include "pv-renderer.h"

#define MM_PER_INCH   25.4
#define PT_PER_INCH   72.0
#define TITLE_FONT    "Noto Sans, DejaVu Sans, Sans Bold 16"
/* Space between the title and the map frame, in points. */
#define TITLE_GAP_PT  6.0
#define FRAME_LINE_PT 0.5

static double
mm_to_pt (double mm)
{
  return mm / MM_PER_INCH * PT_PER_INCH;
}

void
pv_export_options_init (PvExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->paper = PV_PAPER_A4;
  options->margin_mm = 10.0;
  options->dpi = 300.0;
}

gboolean
pv_paper_get_size (PvPaper  paper,
                   double  *width_mm,
                   double  *height_mm)
{
  /* ISO 216: A0 is 841 × 1189 mm; each next size halves the longer side,
   * rounded down to the millimetre. */
  static const double sizes[][2] = {
    [PV_PAPER_A4] = { 210, 297 },
    [PV_PAPER_A3] = { 297, 420 },
    [PV_PAPER_A2] = { 420, 594 },
    [PV_PAPER_A1] = { 594, 841 },
    [PV_PAPER_A0] = { 841, 1189 },
  };

  if ((guint) paper >= G_N_ELEMENTS (sizes))
    return FALSE;
  *width_mm = sizes[paper][0];
  *height_mm = sizes[paper][1];
  return TRUE;
}

gboolean
pv_paper_parse (const char *text,
                PvPaper    *paper,
                double     *width_mm,
                double     *height_mm)
{
  static const char *names[] = { "A4", "A3", "A2", "A1", "A0" };
  g_autofree char *lower = NULL;
  g_auto(GStrv) parts = NULL;
  char *end;
  double w, h;

  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_ascii_strcasecmp (text, names[i]) == 0)
        {
          *paper = (PvPaper) i;
          return pv_paper_get_size (*paper, width_mm, height_mm);
        }
    }

  lower = g_ascii_strdown (text, -1);
  if (g_str_has_suffix (lower, "mm"))
    lower[strlen (lower) - 2] = '\0';
  parts = g_strsplit (lower, "x", -1);
  if (g_strv_length (parts) != 2 || *parts[0] == '\0' || *parts[1] == '\0')
    return FALSE;
  w = g_ascii_strtod (parts[0], &end);
  if (*end != '\0')
    return FALSE;
  h = g_ascii_strtod (parts[1], &end);
  if (*end != '\0')
    return FALSE;
  if (!isfinite (w) || !isfinite (h) ||
      w < PV_EXPORT_MIN_PAGE_MM || h < PV_EXPORT_MIN_PAGE_MM ||
      w > PV_EXPORT_MAX_PAGE_MM || h > PV_EXPORT_MAX_PAGE_MM)
    return FALSE;
  *paper = PV_PAPER_CUSTOM;
  *width_mm = w;
  *height_mm = h;
  return TRUE;
}

gboolean
pv_export_get_page_size (const PvExportOptions  *options,
                         double                 *width_pt,
                         double                 *height_pt,
                         GError                **error)
{
  double w, h, shorter, longer;

  g_return_val_if_fail (options != NULL, FALSE);

  if (options->paper == PV_PAPER_CUSTOM)
    {
      w = options->width_mm;
      h = options->height_mm;
      if (!isfinite (w) || !isfinite (h) ||
          w < PV_EXPORT_MIN_PAGE_MM || h < PV_EXPORT_MIN_PAGE_MM ||
          w > PV_EXPORT_MAX_PAGE_MM || h > PV_EXPORT_MAX_PAGE_MM)
        {
          g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                       _("The paper size %g × %g mm is outside %g to %g mm per side"),
                       w, h, PV_EXPORT_MIN_PAGE_MM, PV_EXPORT_MAX_PAGE_MM);
          return FALSE;
        }
    }
  else if (!pv_paper_get_size (options->paper, &w, &h))
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("Unknown paper size %d"), (int) options->paper);
      return FALSE;
    }

  shorter = MIN (w, h);
  longer = MAX (w, h);
  *width_pt = mm_to_pt (options->landscape ? longer : shorter);
  *height_pt = mm_to_pt (options->landscape ? shorter : longer);
  return TRUE;
}

/* Where cairo's PDF writer sends its bytes: the temporary file. */
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

static PangoLayout *
create_title_layout (cairo_t    *cr,
                     const char *title,
                     double      width_pt)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (TITLE_FONT);

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, title, -1);
  pango_layout_set_width (layout, pango_units_from_double (width_pt));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  return layout;
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

/* Draws the page on cr (user space in points). FALSE with error when the map
 * frame has no room or a layer fails. */
static gboolean
draw_page (PvMap                  *map,
           const double           *extent,
           const PvExportOptions  *options,
           cairo_t                *cr,
           double                  page_w,
           double                  page_h,
           GCancellable           *cancellable,
           GError                **error)
{
  double margin = mm_to_pt (options->margin_mm);
  double inner_w = page_w - 2 * margin;
  double frame_x = margin;
  double frame_y = margin;
  double frame_w, frame_h;
  double px_per_pt = options->dpi / PT_PER_INCH;
  int width_px, height_px;
  g_autoptr(PvViewport) viewport = NULL;
  g_autoptr(GPtrArray) layer_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  if (options->title != NULL && *options->title != '\0')
    {
      PangoLayout *layout = create_title_layout (cr, options->title, MAX (inner_w, 1.0));
      int text_w, text_h;

      pango_layout_get_size (layout, &text_w, &text_h);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, margin, margin);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
      frame_y += pango_units_to_double (text_h) + TITLE_GAP_PT;
    }

  frame_w = inner_w;
  frame_h = page_h - margin - frame_y;
  width_px = (int) floor (frame_w * px_per_pt);
  height_px = (int) floor (frame_h * px_per_pt);
  if (width_px < 1 || height_px < 1)
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("The margins of %g mm and the title leave no room for the map on the page"),
                   options->margin_mm);
      return FALSE;
    }
  /* The frame is a whole number of device pixels. */
  frame_w = width_px / px_per_pt;
  frame_h = height_px / px_per_pt;
  frame_x = (page_w - frame_w) / 2;

  viewport = pv_viewport_new ();
  pv_viewport_set_size (viewport, width_px, height_px);
  /* One device pixel is 1/dpi in: sizes in mm (symbols, labels) stay mm. */
  pv_viewport_set_dpi (viewport, options->dpi);
  pv_viewport_fit_extent (viewport, extent[0], extent[1], extent[2], extent[3]);

  /* The frame is drawn in device pixels into a recording surface placed on
   * the page scaled: its content is written once, as a form whose
   * coordinates are whole device pixels (short numbers, small files). */
  {
    cairo_rectangle_t bounds = { 0, 0, width_px, height_px };
    cairo_surface_t *frame = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &bounds);
    cairo_t *fcr = cairo_create (frame);
    gboolean ok = pv_render_map (map, viewport, fcr, cancellable, layer_errors, NULL, error);

    if (ok && layer_errors->len > 0)
      {
        g_propagate_error (error, g_steal_pointer ((GError **) &layer_errors->pdata[0]));
        ok = FALSE;
      }
    if (ok && pv_map_has_annotations (map))
      pv_render_map_annotations (map, viewport, fcr);
    cairo_destroy (fcr);
    if (ok)
      {
        cairo_save (cr);
        cairo_translate (cr, frame_x, frame_y);
        cairo_scale (cr, 1 / px_per_pt, 1 / px_per_pt);
        cairo_rectangle (cr, 0, 0, width_px, height_px);
        cairo_clip (cr);
        cairo_set_source_surface (cr, frame, 0, 0);
        cairo_paint (cr);
        cairo_restore (cr);
      }
    cairo_surface_destroy (frame);
    if (!ok)
      return FALSE;
  }

  cairo_rectangle (cr, frame_x, frame_y, frame_w, frame_h);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, FRAME_LINE_PT);
  cairo_stroke (cr);
  return TRUE;
}

gboolean
pv_export_pdf (PvMap                  *map,
               const double           *extent,
               const PvExportOptions  *options,
               const char             *path,
               GCancellable           *cancellable,
               GError                **error)
{
  g_autofree char *display = NULL;
  g_autofree char *date = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  int fd;
  g_autoptr(GError) local_error = NULL;
  WriteClosure closure = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double page_w, page_h;
  double frame_extent[4];
  gboolean drawn;

  g_return_val_if_fail (PV_IS_MAP (map), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);

  if (!pv_export_get_page_size (options, &page_w, &page_h, &local_error))
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID, "%s: %s", display, local_error->message);
      return FALSE;
    }
  if (!isfinite (options->dpi) || options->dpi < PV_EXPORT_MIN_DPI || options->dpi > PV_EXPORT_MAX_DPI)
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("%s: the resolution %g dpi is outside %g to %g dpi"),
                   display, options->dpi, PV_EXPORT_MIN_DPI, PV_EXPORT_MAX_DPI);
      return FALSE;
    }
  if (!isfinite (options->margin_mm) || options->margin_mm < 0)
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("%s: the margin %g mm is not a length"), display, options->margin_mm);
      return FALSE;
    }
  if (extent != NULL)
    {
      memcpy (frame_extent, extent, sizeof frame_extent);
      if (!(isfinite (extent[0]) && isfinite (extent[1]) && isfinite (extent[2]) && isfinite (extent[3])) ||
          extent[0] >= extent[2] || extent[1] >= extent[3])
        {
          g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                       _("%s: the extent to export is empty or not finite"), display);
          return FALSE;
        }
    }
  else if (!pv_map_get_extent (map, &frame_extent[0], &frame_extent[1], &frame_extent[2], &frame_extent[3]) ||
           !(isfinite (frame_extent[0]) && isfinite (frame_extent[1]) &&
             isfinite (frame_extent[2]) && isfinite (frame_extent[3])))
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("%s: nothing to export: no feature or pixel has a position in the map CRS"), display);
      return FALSE;
    }

  /* A temporary file next to path, renamed over it when complete. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0 || !(closure.file = fdopen (fd, "wb")))
    {
      int saved_errno = errno;

      if (fd >= 0)
        {
          close (fd);
          g_unlink (tmp_path);
        }
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED,
                   _("%s: cannot write the PDF: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (write_to_file, &closure, page_w, page_h);
  if (options->title != NULL && *options->title != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, options->title);
  if (options->author != NULL && *options->author != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, options->author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "PlanViewer");
  date = iso_date_now ();
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);

  cr = cairo_create (surface);
  drawn = draw_page (map, frame_extent, options, cr, page_w, page_h, cancellable, &local_error);
  if (drawn)
    cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (fclose (closure.file) != 0 && closure.saved_errno == 0)
    closure.saved_errno = errno;
  if (drawn && status == CAIRO_STATUS_SUCCESS && closure.saved_errno == 0)
    {
      if (g_rename (tmp_path, path) == 0)
        return TRUE;
      closure.saved_errno = errno;
    }
  g_unlink (tmp_path);

  if (!drawn)
    g_set_error (error, local_error->domain, local_error->code, "%s: %s", display, local_error->message);
  else
    g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED, _("%s: cannot write the PDF: %s"), display,
                 closure.saved_errno != 0 ? g_strerror (closure.saved_errno) : cairo_status_to_string (status));
  return FALSE;
}
