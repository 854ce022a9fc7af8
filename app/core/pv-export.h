/* pv-export.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pv-map.h"

G_BEGIN_DECLS

/* Paper sizes: ISO 216 A series, or a custom size. */
typedef enum
{
  PV_PAPER_A4,
  PV_PAPER_A3,
  PV_PAPER_A2,
  PV_PAPER_A1,
  PV_PAPER_A0,
  PV_PAPER_CUSTOM,
} PvPaper;

/* The smallest and largest side of a page in mm (PDF limits a page to
 * 14 400 pt = 5080 mm). */
#define PV_EXPORT_MIN_PAGE_MM 20.0
#define PV_EXPORT_MAX_PAGE_MM 5080.0
#define PV_EXPORT_MIN_DPI     36.0
#define PV_EXPORT_MAX_DPI     1200.0

typedef struct
{
  PvPaper     paper;
  double      width_mm;     /* custom paper only: the sides in mm (the */
  double      height_mm;    /* orientation decides which is horizontal) */
  gboolean    landscape;    /* the longer side is horizontal */
  double      margin_mm;    /* on every side of the page */
  double      dpi;          /* device resolution of the map frame: rasters
                             * are drawn at this resolution */
  const char *title;        /* above the map frame and in the metadata; NULL:
                             * none */
  const char *author;       /* metadata only; NULL: none */
} PvExportOptions;

/* A4 portrait, 10 mm margins, 300 dpi, no title nor author. */
void      pv_export_options_init  (PvExportOptions  *options);
/* The portrait size of an ISO 216 paper in mm (width < height); FALSE for
 * PV_PAPER_CUSTOM. */
gboolean  pv_paper_get_size       (PvPaper           paper,
                                   double           *width_mm,
                                   double           *height_mm);
/* Parses "A4" … "A0" (any case) or "WxHmm" (e.g. "500x700mm", "mm"
 * optional); *width_mm and *height_mm are set for both. */
gboolean  pv_paper_parse          (const char       *text,
                                   PvPaper          *paper,
                                   double           *width_mm,
                                   double           *height_mm);
/* The page size of options in PDF points (1/72 in), orientation applied;
 * FALSE (PV_EXPORT_ERROR_INVALID) when the options cannot make a page. */
gboolean  pv_export_get_page_size (const PvExportOptions *options,
                                   double           *width_pt,
                                   double           *height_pt,
                                   GError          **error);
/* Writes map as a one-page PDF: the title above a map frame inside the
 * margins, drawn by the screen renderer (vectors stay vectors, text stays
 * text) with the map's annotations over it. extent (XMIN, YMIN, XMAX, YMAX in
 * the map CRS, NULL: all layers) is fitted into the frame. The file is
 * written atomically: on failure an existing file at path is left as it was.
 * A layer that fails while drawing fails the export (a print missing a layer
 * would mislead); the error names the file and the layer. */
gboolean  pv_export_pdf           (PvMap                 *map,
                                   const double          *extent,
                                   const PvExportOptions *options,
                                   const char            *path,
                                   GCancellable          *cancellable,
                                   GError               **error);

G_END_DECLS
