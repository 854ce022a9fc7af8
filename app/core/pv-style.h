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

/* One symbol of a style. */
typedef struct
{
  char     *value;      /* the category value; NULL for "other" and single */
  char     *label;      /* legend text */
  double    fill[4];    /* RGBA */
  double    outline[4]; /* RGBA */
  gboolean  confirmed;  /* the colour comes from an official source */
  gboolean  other;      /* catches values no class names */
  char     *filter;     /* rule-based: the OGR SQL WHERE expression */
} PvStyleCategory;

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
/* Rules, checked in order: a feature takes the first rule whose OGR SQL
 * filter it matches ("ma_sdd = 'ODT' AND dien_tich > 5000"), else "other". */
PvStyle                *pv_style_new_rule_based      (void) G_GNUC_WARN_UNUSED_RESULT;
void                    pv_style_add_rule            (PvStyle       *self,
                                                      const char    *label,
                                                      const char    *filter,
                                                      const double  *rgb);
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
