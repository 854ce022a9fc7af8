/* pv-style.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PV_TYPE_STYLE (pv_style_get_type ())
G_DECLARE_FINAL_TYPE (PvStyle, pv_style, PV, STYLE, GObject)

typedef enum
{
  PV_STYLE_SINGLE,
  PV_STYLE_CATEGORIZED,
  PV_STYLE_GRADUATED,
  PV_STYLE_RULE_BASED,     /* OGR SQL filters, the first that matches wins */
} PvStyleKind;

typedef enum
{
  PV_CLASSIFY_EQUAL_INTERVAL,
  PV_CLASSIFY_QUANTILE,
  PV_CLASSIFY_JENKS,       /* natural breaks (Fisher–Jenks) */
} PvClassifyMethod;

/* Units of symbol sizes: physical, so a symbol keeps its size on paper at
 * any dpi (PX is a CSS pixel, 1/96 inch). */
typedef enum
{
  PV_UNIT_MM,
  PV_UNIT_PT,
  PV_UNIT_PX,
} PvUnit;

typedef enum
{
  PV_DASH_SOLID,
  PV_DASH_DASH,
  PV_DASH_DOT,
  PV_DASH_DASH_DOT,
  PV_DASH_DASH_DOT_DOT,
  PV_DASH_NONE,            /* no stroke at all */
} PvDash;

/* Polygon fill patterns, drawn over the fill colour (whose alpha may be 0). */
typedef enum
{
  PV_HATCH_NONE,           /* solid fill */
  PV_HATCH_HORIZONTAL,
  PV_HATCH_VERTICAL,
  PV_HATCH_CROSS,
  PV_HATCH_FORWARD_DIAGONAL,   /* / */
  PV_HATCH_BACKWARD_DIAGONAL,  /* \ */
  PV_HATCH_DIAGONAL_CROSS,
  PV_HATCH_DOTS,
} PvHatch;

typedef enum
{
  PV_MARKER_CIRCLE,
  PV_MARKER_SQUARE,
  PV_MARKER_TRIANGLE,
  PV_MARKER_STAR,
  PV_MARKER_DIAMOND,
  PV_MARKER_CROSS,
} PvMarker;

/* One class of a style and its symbol. Polygons: fill (+ hatch) and outline;
 * lines: a stroke in the fill colour, over an optional casing; points: a
 * marker filled with fill and outlined with outline. */
typedef struct
{
  char     *value;      /* the category value; NULL for "other" and single */
  char     *label;      /* legend text */
  double    fill[4];    /* RGBA */
  double    outline[4]; /* RGBA */
  gboolean  confirmed;  /* the colour comes from an official source */
  gboolean  other;      /* catches values no class names */
  char     *filter;     /* rule-based: the OGR SQL WHERE expression */

  /* Symbol; sizes are in unit. */
  PvUnit    unit;
  double    outline_width;     /* polygon and marker outlines (default 0.26 mm) */
  PvDash    outline_dash;
  double    line_width;        /* line features (default 0.4 mm) */
  PvDash    line_dash;
  double    casing[4];         /* line casing colour; alpha 0: no casing */
  double    casing_width;      /* casing beyond each side of the line */
  PvHatch   hatch;
  double    hatch_color[4];
  double    hatch_spacing;     /* between hatch lines (default 2 mm) */
  double    hatch_width;       /* of hatch lines (default 0.2 mm) */
  PvMarker  marker;
  double    marker_size;       /* marker diameter (default 2 mm) */
} PvStyleCategory;

/* Symbol sizes in device pixels at dpi (e.g. 96 × device scale on screen). */
double                  pv_unit_to_pixels            (double         size,
                                                      PvUnit         unit,
                                                      double         dpi);
/* Sets the symbol of klass to the default one in colour rgb (opaque fill,
 * outline and hatch in a darker shade, 0.26 mm solid outlines, 0.4 mm lines,
 * no casing, no hatch, 2 mm circle markers); its value, label, filter and
 * flags are left alone. */
void                    pv_style_category_init_symbol (PvStyleCategory *klass,
                                                       const double    *rgb);
/* Copies the symbol part of src (colours, widths, dashes, hatch, marker,
 * casing) into dest; dest's value, label, filter and flags are kept. */
void                    pv_style_category_copy_symbol (PvStyleCategory       *dest,
                                                       const PvStyleCategory *src);

/* The built-in Vietnamese land-use palette (resources/palettes/vn-landuse.json). */
#define PV_PALETTE_VN_LANDUSE "vn-landuse"

/* An immutable description of how a layer draws: build it, then share it. */
PvStyle                *pv_style_new_single          (const double  *rgb) G_GNUC_WARN_UNUSED_RESULT;
/* Categories from a built-in palette, on field; values match the palette's
 * codes case-insensitively; anything else gets the palette's "other" class. */
PvStyle                *pv_style_new_from_palette    (const char    *palette_id,
                                                      const char    *field,
                                                      GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* Categories for the distinct values given (an automatic palette), plus
 * "other". */
PvStyle                *pv_style_new_unique_values   (const char    *field,
                                                      const char  * const *values,
                                                      guint          n_values) G_GNUC_WARN_UNUSED_RESULT;
/* Class limits of numeric values: n_classes + 1 ascending numbers, from the
 * minimum to the maximum; class i holds breaks[i] < v <= breaks[i + 1] (the
 * first also holds the minimum). Non-finite values are ignored. Jenks runs on
 * an evenly spaced sample of at most 2 000 sorted values. */
GArray                 *pv_style_compute_breaks      (const double  *values,
                                                      gsize          n_values,
                                                      guint          n_classes,
                                                      PvClassifyMethod method) G_GNUC_WARN_UNUSED_RESULT;
/* Classes between the breaks, coloured along a ramp from one colour to
 * another; values that are not numbers fall into "other". */
PvStyle                *pv_style_new_graduated       (const char    *field,
                                                      GArray        *breaks,
                                                      const double  *from_rgb,
                                                      const double  *to_rgb) G_GNUC_WARN_UNUSED_RESULT;
/* The method the breaks of a graduated style were computed with, kept so an
 * editor can show it again (saved in projects). FALSE when not known. */
void                    pv_style_set_method          (PvStyle       *self,
                                                      PvClassifyMethod method);
gboolean                pv_style_get_method          (PvStyle       *self,
                                                      PvClassifyMethod *method);
/* Rules, checked in order: a feature takes the first rule whose OGR SQL
 * filter it matches ("ma_sdd = 'ODT' AND dien_tich > 5000"), else "other". */
PvStyle                *pv_style_new_rule_based      (void) G_GNUC_WARN_UNUSED_RESULT;
void                    pv_style_add_rule            (PvStyle       *self,
                                                      const char    *label,
                                                      const char    *filter,
                                                      const double  *rgb);
/* A deep copy to edit (styles shared with layers are never changed). */
PvStyle                *pv_style_copy                (PvStyle       *self) G_GNUC_WARN_UNUSED_RESULT;
/* Sets the symbol part of a class (colours, widths, dash, hatch, marker,
 * casing) from symbol; its value, label, filter and flags are kept. */
void                    pv_style_set_category_symbol (PvStyle       *self,
                                                      guint          index,
                                                      const PvStyleCategory *symbol);
void                    pv_style_set_category_label  (PvStyle       *self,
                                                      guint          index,
                                                      const char    *label);
PvStyleKind             pv_style_get_kind            (PvStyle       *self);
const char             *pv_style_get_field           (PvStyle       *self);
/* The palette the categories come from, or NULL. */
const char             *pv_style_get_palette_id      (PvStyle       *self);
guint                   pv_style_get_n_categories    (PvStyle       *self);
const PvStyleCategory  *pv_style_get_category        (PvStyle       *self,
                                                      guint          index);
/* The class a value falls in (the "other" class when none names it). */
guint                   pv_style_classify            (PvStyle       *self,
                                                      const char    *value);
/* Share of the non-empty values that are codes of the palette (0…1). */
double                  pv_style_palette_match       (const char    *palette_id,
                                                      const char  * const *values,
                                                      guint          n_values);
/* For project files. */
JsonNode               *pv_style_to_json             (PvStyle       *self) G_GNUC_WARN_UNUSED_RESULT;
PvStyle                *pv_style_new_from_json       (JsonNode      *node,
                                                      GError       **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
