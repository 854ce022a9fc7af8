/* pv-print-layout.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

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

#define PV_TYPE_PAPER (pv_paper_get_type ())
GType     pv_paper_get_type       (void) G_GNUC_CONST;

/* The smallest and largest side of a page in mm (PDF limits a page to
 * 14 400 pt = 5080 mm). */
#define PV_EXPORT_MIN_PAGE_MM 20.0
#define PV_EXPORT_MAX_PAGE_MM 5080.0
#define PV_EXPORT_MIN_DPI     36.0
#define PV_EXPORT_MAX_DPI     1200.0
/* Planning scales are 1:500 … 1:50 000; the limits leave room either side. */
#define PV_EXPORT_MIN_SCALE   50.0
#define PV_EXPORT_MAX_SCALE   50000000.0

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
/* "A4" … "A0", or "500×700 mm" for a custom size. */
char     *pv_paper_dup_label      (PvPaper           paper,
                                   double            width_mm,
                                   double            height_mm) G_GNUC_WARN_UNUSED_RESULT;

/* A print layout: the paper, the map frame's scale and resolution, the texts
 * and the furniture of a printed map. Every setting is a property (the
 * export dialog binds its widgets to them); layouts saved in a project are
 * templates, found by name. Strings are never NULL ("" when empty). */
#define PV_TYPE_PRINT_LAYOUT (pv_print_layout_get_type ())
G_DECLARE_FINAL_TYPE (PvPrintLayout, pv_print_layout, PV, PRINT_LAYOUT, GObject)

/* A4 portrait, 10 mm margins, 300 dpi, scale fitted to the frame, legend,
 * scale bar and north arrow on, grid, graticule and land-use table off. */
PvPrintLayout *pv_print_layout_new           (void) G_GNUC_WARN_UNUSED_RESULT;
PvPrintLayout *pv_print_layout_copy          (PvPrintLayout  *self) G_GNUC_WARN_UNUSED_RESULT;
/* Copies every setting of other into self (notifying what changed). */
void           pv_print_layout_assign        (PvPrintLayout  *self,
                                              PvPrintLayout  *other);
gboolean       pv_print_layout_equal         (PvPrintLayout  *a,
                                              PvPrintLayout  *b);

/* An object with one member per setting ("paper": "A3" or "custom",
 * "width_mm", "landscape", "title", …). */
JsonNode      *pv_print_layout_to_json       (PvPrintLayout  *self) G_GNUC_WARN_UNUSED_RESULT;
/* Unknown members are ignored; a member of the wrong type or out of range is
 * an error naming it. */
PvPrintLayout *pv_print_layout_new_from_json (JsonNode       *node,
                                              GError        **error) G_GNUC_WARN_UNUSED_RESULT;

const char    *pv_print_layout_get_name      (PvPrintLayout  *self);
PvPaper        pv_print_layout_get_paper     (PvPrintLayout  *self);
/* The page size in mm with the orientation applied (width across). */
void           pv_print_layout_get_page_size_mm (PvPrintLayout *self,
                                                 double        *width_mm,
                                                 double        *height_mm);
gboolean       pv_print_layout_get_landscape (PvPrintLayout  *self);
double         pv_print_layout_get_margin_mm (PvPrintLayout  *self);
double         pv_print_layout_get_dpi       (PvPrintLayout  *self);
/* The scale denominator of the map frame (1:N); 0: the extent is fitted. */
double         pv_print_layout_get_scale     (PvPrintLayout  *self);
/* Any string property by name ("title", "subtitle", "organisation",
 * "author", "date", "notes", "attribution", "logo-path"). */
const char    *pv_print_layout_get_text      (PvPrintLayout  *self,
                                              const char     *property);
/* Any boolean property by name ("show-legend", "show-scale-bar",
 * "show-north-arrow", "show-grid", "show-graticule", "show-landuse-table"). */
gboolean       pv_print_layout_get_flag      (PvPrintLayout  *self,
                                              const char     *property);
/* Map units between grid lines; 0: automatic. */
double         pv_print_layout_get_grid_interval (PvPrintLayout *self);

/* Checks that the settings can make a page (paper size, margins, dpi,
 * scale); the error says which setting is wrong and why. */
gboolean       pv_print_layout_validate      (PvPrintLayout  *self,
                                              GError        **error);

G_END_DECLS
