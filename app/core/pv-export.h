/* pv-export.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "pv-bookmark.h"
#include "pv-map.h"
#include "pv-print-layout.h"

G_BEGIN_DECLS

typedef enum
{
  PV_EXPORT_FORMAT_PDF,
  PV_EXPORT_FORMAT_PNG,  /* with a world file (.pgw) and a .prj */
  PV_EXPORT_FORMAT_SVG,
} PvExportFormat;

/* The format named by path's extension (.pdf, .png, .svg, any case); FALSE
 * when it names none. */
gboolean  pv_export_format_from_path (const char     *path,
                                      PvExportFormat *format);

/* One page of an export: what its map frame shows. */
typedef struct
{
  gboolean   has_extent;  /* FALSE: every layer's extent */
  double     extent[4];   /* XMIN, YMIN, XMAX, YMAX in the map CRS: fitted
                           * into the frame, or its centre at the layout's
                           * scale */
  GPtrArray *layers;      /* PvLayer* drawn (bottom first), or NULL: the
                           * map's visible layers */
  char      *heading;     /* the page's own subtitle (a bookmark's name),
                           * or NULL */
  char      *notes;       /* the page's own notes (a bookmark's), or NULL:
                           * the layout's */
} PvExportPage;

PvExportPage *pv_export_page_new              (const double *extent) G_GNUC_WARN_UNUSED_RESULT;
/* The bookmark's extent (in the map CRS), its layers that the map holds, its
 * name as the heading and its notes. */
PvExportPage *pv_export_page_new_for_bookmark (PvMap        *map,
                                               PvBookmark   *bookmark,
                                               GError      **error) G_GNUC_WARN_UNUSED_RESULT;
void          pv_export_page_free             (PvExportPage *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvExportPage, pv_export_page_free)

/* Where a page put its map frame, and what the frame shows. */
typedef struct
{
  double x;          /* the frame on the page, in points from the */
  double y;          /* top-left corner */
  double width;
  double height;
  int    width_px;   /* the frame in device pixels at the layout's dpi */
  int    height_px;
  double extent[4];  /* the map extent the frame shows exactly */
  double scale;      /* 1:scale on paper (ground metres per paper metre) */
} PvExportFrame;

/* The page size of layout in PDF points (1/72 in), orientation applied;
 * FALSE (PV_EXPORT_ERROR_INVALID) when the layout cannot make a page. */
gboolean  pv_export_get_page_size (PvPrintLayout  *layout,
                                   double         *width_pt,
                                   double         *height_pt,
                                   GError        **error);

/* Draws page on cr, whose user space is the page in points: the title
 * block, the map frame (rendered at frame_dpi: the layout's dpi for an
 * export, less for a preview), the legend, scale bar, north arrow, grid and
 * the other blocks the layout asks for. A layer that fails fails the page (a
 * print missing a layer would mislead); the error names the layer. frame
 * (may be NULL) receives the frame's placement. */
gboolean  pv_export_draw_page     (PvMap          *map,
                                   PvPrintLayout  *layout,
                                   PvExportPage   *page,
                                   cairo_t        *cr,
                                   double          frame_dpi,
                                   PvExportFrame  *frame,
                                   GCancellable   *cancellable,
                                   GError        **error);

/* Called after each page is drawn (from the thread that exports). */
typedef void (*PvExportProgressFunc) (guint    pages_done,
                                      guint    n_pages,
                                      gpointer user_data);

/* Writes pages (PvExportPage*, at least one) to path in format, with the
 * layout: PDF pages carry georeferencing GDAL reads (the map CRS and the
 * frame's geotransform) and the document metadata; a PNG (one page only)
 * gets a world file and a .prj beside it. The file is written atomically:
 * on failure an existing file at path is left as it was. Errors name the
 * file (and the layer, when one fails). */
gboolean  pv_export_write         (PvMap                *map,
                                   PvPrintLayout        *layout,
                                   GPtrArray            *pages,
                                   PvExportFormat        format,
                                   const char           *path,
                                   PvExportProgressFunc  progress,
                                   gpointer              progress_data,
                                   GCancellable         *cancellable,
                                   GError              **error);

/* pv_export_write() on a worker thread. The map's layers must not change
 * while it runs (the window keeps them); layout and pages are copied. */
void      pv_export_write_async   (PvMap                *map,
                                   PvPrintLayout        *layout,
                                   GPtrArray            *pages,
                                   PvExportFormat        format,
                                   const char           *path,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
gboolean  pv_export_write_finish  (GAsyncResult         *result,
                                   GError              **error);

G_END_DECLS
