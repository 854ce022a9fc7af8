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

/* One entry of PROJ's CRS database, for choosers (see pv_crs_list_known()).
 * Immutable and reference counted; the fields are read-only. */
typedef struct _PvCrsInfo PvCrsInfo;

struct _PvCrsInfo
{
  char     *auth;          /* "EPSG" */
  char     *code;          /* "9210" */
  char     *name;          /* "VN-2000 / TM-3 105-45" */
  char     *area_name;     /* PROJ's area of use name, or NULL */
  /* For the VN-2000 provincial TM-3 zones, the provinces and cities that
   * use it, in Vietnamese ("Bình Dương, Hồ Chí Minh, …"); else NULL. */
  char     *provinces;
  gboolean  is_vn2000;
  gboolean  is_projected;
  gboolean  is_geographic;
  /* Private: the folded text searches match against. */
  char     *search_key;
};

#define PV_TYPE_CRS_INFO (pv_crs_info_get_type ())

GType       pv_crs_info_get_type       (void) G_GNUC_CONST;
PvCrsInfo  *pv_crs_info_ref            (PvCrsInfo   *info);
void        pv_crs_info_unref          (PvCrsInfo   *info);
/* "EPSG:9210" */
char       *pv_crs_info_dup_label      (const PvCrsInfo *info) G_GNUC_WARN_UNUSED_RESULT;
/* TRUE when every word of query begins a word of the name, "AUTH:code", the area
 * or the provinces, ignoring case and diacritics ("binh duong" finds
 * "Bình Dương"). An empty query matches everything. */
gboolean    pv_crs_info_matches        (const PvCrsInfo *info,
                                        const char      *query);
PvCrs      *pv_crs_info_create_crs     (const PvCrsInfo *info,
                                        GError         **error) G_GNUC_WARN_UNUSED_RESULT;
/* The non-deprecated geographic 2D and projected CRSs of PROJ's EPSG
 * database (PvCrsInfo), Bình Dương's EPSG:9210 first, then the other VN-2000
 * CRSs (provincial TM-3 zones, then the others), then the rest by code.
 * Read once and cached; safe from any thread. Returns a new reference to
 * the shared array: do not change it. */
GPtrArray  *pv_crs_list_known          (void) G_GNUC_WARN_UNUSED_RESULT;
/* Text folded for searching: lower case, without diacritics (đ → d), and
 * every run of other than letters and digits turned into one space. */
char       *pv_crs_fold_for_search     (const char *text) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvCrsInfo, pv_crs_info_unref)

G_END_DECLS
