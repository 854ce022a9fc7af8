/* pv-labeling.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PV_TYPE_LABELING (pv_labeling_get_type ())
G_DECLARE_FINAL_TYPE (PvLabeling, pv_labeling, PV, LABELING, GObject)

/* How the labels of a vector layer read and look. Like PvStyle: build or copy
 * it, set it, then share it (a labeling set on a layer is never changed). */

/* text is a field name ("ten_khu") or a template with fields in braces
 * ("{zone_code} – {zone_name}"); "{{" and "}}" are literal braces. */
PvLabeling *pv_labeling_new                (const char    *text) G_GNUC_WARN_UNUSED_RESULT;
PvLabeling *pv_labeling_copy               (PvLabeling    *self) G_GNUC_WARN_UNUSED_RESULT;

const char *pv_labeling_get_text           (PvLabeling    *self);
/* The field names the text uses, in order of first use (NULL-terminated). */
GStrv       pv_labeling_dup_fields         (PvLabeling    *self) G_GNUC_WARN_UNUSED_RESULT;
/* The label of one feature: values[i] is the value of the i-th field of
 * pv_labeling_dup_fields() (NULL: empty). */
char       *pv_labeling_expand             (PvLabeling    *self,
                                            const char * const *values) G_GNUC_WARN_UNUSED_RESULT;

/* Font family (default "Noto Sans", which covers Vietnamese; DejaVu Sans is
 * the fallback), size in points (default 9), bold. */
const char *pv_labeling_get_font_family    (PvLabeling    *self);
void        pv_labeling_set_font_family    (PvLabeling    *self,
                                            const char    *family);
double      pv_labeling_get_size           (PvLabeling    *self);
void        pv_labeling_set_size           (PvLabeling    *self,
                                            double         size_pt);
gboolean    pv_labeling_get_bold           (PvLabeling    *self);
void        pv_labeling_set_bold           (PvLabeling    *self,
                                            gboolean       bold);
void        pv_labeling_get_color          (PvLabeling    *self,
                                            double        *rgba);
void        pv_labeling_set_color          (PvLabeling    *self,
                                            const double  *rgba);
/* Halo around the glyphs; width in mm (0: none; default 0.7 mm white). */
void        pv_labeling_get_halo           (PvLabeling    *self,
                                            double        *rgba,
                                            double        *width_mm);
void        pv_labeling_set_halo           (PvLabeling    *self,
                                            const double  *rgba,
                                            double         width_mm);
/* Higher priorities are placed first (0…10, default 5). */
int         pv_labeling_get_priority       (PvLabeling    *self);
void        pv_labeling_set_priority       (PvLabeling    *self,
                                            int            priority);
/* Labels are shown only between these scale denominators (0: no limit). */
void        pv_labeling_get_scale_range    (PvLabeling    *self,
                                            double        *min_scale,
                                            double        *max_scale);
void        pv_labeling_set_scale_range    (PvLabeling    *self,
                                            double         min_scale,
                                            double         max_scale);
gboolean    pv_labeling_is_visible_at_scale (PvLabeling   *self,
                                            double         scale);
/* Distance of point labels from their point, in mm (default 1.5). */
double      pv_labeling_get_point_offset   (PvLabeling    *self);
void        pv_labeling_set_point_offset   (PvLabeling    *self,
                                            double         offset_mm);

/* For project files. */
JsonNode   *pv_labeling_to_json            (PvLabeling    *self) G_GNUC_WARN_UNUSED_RESULT;
PvLabeling *pv_labeling_new_from_json      (JsonNode      *node,
                                            GError       **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
