/* pv-crs.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PV_TYPE_CRS (pv_crs_get_type ())
G_DECLARE_FINAL_TYPE (PvCrs, pv_crs, PV, CRS, GObject)

/* Bình Dương's VN-2000 TM-3 zone (central meridian 105°45′). */
#define PV_CRS_BINH_DUONG "EPSG:9210"

/* An immutable coordinate reference system (a PROJ CRS object).
 * Safe to share between threads: every query is serialised internally. */
PvCrs      *pv_crs_new_from_user_input (const char  *definition,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;
PvCrs      *pv_crs_new_from_wkt        (const char  *wkt,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;
PvCrs      *pv_crs_new_from_epsg       (int          code,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;
const char *pv_crs_get_name            (PvCrs       *self);
/* The EPSG code when the CRS is (equivalent to) one, else 0. */
int         pv_crs_get_epsg            (PvCrs       *self);
/* "EPSG:9210" or the name when there is no code. */
char       *pv_crs_dup_label           (PvCrs       *self) G_GNUC_WARN_UNUSED_RESULT;
char       *pv_crs_dup_wkt             (PvCrs       *self) G_GNUC_WARN_UNUSED_RESULT;
/* A definition that pv_crs_new_from_user_input() reads back (for project files). */
char       *pv_crs_dup_definition      (PvCrs       *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean    pv_crs_is_geographic       (PvCrs       *self);
/* TRUE when the datum is VN-2000 (EPSG:6756), whatever the CRS is called. */
gboolean    pv_crs_is_vn2000           (PvCrs       *self);
gboolean    pv_crs_equals              (PvCrs       *a,
                                        PvCrs       *b);
/* Area of use in WGS 84 degrees; FALSE when PROJ knows none. */
gboolean    pv_crs_get_area_of_use     (PvCrs       *self,
                                        double      *west,
                                        double      *south,
                                        double      *east,
                                        double      *north);

G_END_DECLS
