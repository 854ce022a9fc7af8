/* pv-ogr-style.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pv-style.h"

G_BEGIN_DECLS

/* Styles carried by the features themselves: MapInfo pens, brushes and
 * symbols, DXF/DGN entity colours and line weights, KML styles. GDAL gives
 * them as OGR style strings (OGR_F_GetStyleString):
 *   PEN(c:#ff0000,w:1px,p:"3px 2px");BRUSH(fc:#00ff00,bc:#000000,id:"ogr-brush-2")
 *   SYMBOL(id:"mapinfo-sym-35,ogr-sym-9",c:#ff0000,s:12pt)
 * They are read with GDAL's OGR style API only. */

/* The pseudo-field a categorized style classifies on when its values are
 * the features' style strings. */
#define PV_OGR_STYLE_FIELD "OGR_STYLE"

/* Styles with more distinct strings keep this many categories (the most
 * frequent); the rest fall into the "other" class. */
#define PV_OGR_STYLE_MAX_CATEGORIES 64

/* The class of the features whose style is only a text (CAD texts, MapInfo
 * text objects): they are drawn as labels, their points not at all. */
#define PV_OGR_STYLE_TEXT_VALUE "LABEL"

/* TRUE when the style string has a LABEL part and nothing that draws. */
gboolean  pv_ogr_style_is_text             (const char         *style_string);

/* A categorized style on PV_OGR_STYLE_FIELD whose categories are the
 * distinct style strings (NULL and empty ones skipped), most frequent first
 * (ties: first seen first), at most PV_OGR_STYLE_MAX_CATEGORIES of them,
 * each with the symbol its string describes (pv_ogr_style_to_symbol()) and a
 * readable legend label, plus the "other" class. Fails with
 * PV_DATA_ERROR_EMPTY when no string has a PEN, BRUSH or SYMBOL part. */
PvStyle  *pv_style_new_from_feature_styles (const char * const *style_strings,
                                            guint               n_strings,
                                            GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* TRUE when at least one of the strings has a PEN, BRUSH or SYMBOL part
 * (strings with only a LABEL, or unresolved "@name" references, do not
 * count). */
gboolean  pv_ogr_style_is_useful           (const char * const *style_strings,
                                            guint               n);

/* Sets the symbol part of symbol (colours, widths, dashes, hatch, marker;
 * unit PV_UNIT_MM) from a style string, starting from the default symbol:
 * BRUSH fc/bc and its pattern id → fill, hatch and hatch colour (a null
 * brush → fill alpha 0); PEN c/w/p/id → outline and line colour, width and
 * dash (a PEN without BRUSH is a line: its colour is also the fill, which
 * lines are stroked with); SYMBOL c/s/id/a → marker shape, size and colours.
 * Value, label, filter and flags are left alone. FALSE (symbol untouched)
 * when the string has no PEN, BRUSH or SYMBOL part. */
gboolean  pv_ogr_style_to_symbol           (const char         *style_string,
                                            PvStyleCategory    *symbol);

/* A legend label for a style string, e.g. "Fill #00ff00, outline #ff0000
 * 0.35 mm" (translated). */
char     *pv_ogr_style_describe            (const char         *style_string) G_GNUC_WARN_UNUSED_RESULT;

/* The LABEL part of a style string (DXF/DGN text entities, MapInfo text
 * objects): its text (t), angle in degrees counter-clockwise (a, default 0),
 * size in points (s) and colour (c, RGBA 0…1, default opaque black). Any
 * out pointer may be NULL. A size given in ground units ("s:2.5g", DXF text
 * heights) has no paper size: *size_pt is then 0 and
 * pv_ogr_style_get_label_map_size() gives it. FALSE when the string has no
 * LABEL part. */
gboolean  pv_ogr_style_get_label           (const char         *style_string,
                                            char              **text,
                                            double             *angle_degrees,
                                            double             *size_pt,
                                            double             *rgba);
/* The LABEL text height in map (ground) units, for labels that scale with
 * the map. FALSE when the label has no size in ground units. */
gboolean  pv_ogr_style_get_label_map_size  (const char         *style_string,
                                            double             *size);

G_END_DECLS
