/* pv-vn2000-zones.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One province (or centrally governed city) of Vietnam, as the 63 were
 * before the 2025 mergers, with the central meridian of its VN-2000 TM-3
 * grid (k0 = 0.9999, false easting 500 000 m) and the EPSG code of that
 * grid in PROJ's database. */
typedef struct
{
  const char *province;          /* in Vietnamese: "Bình Dương" */
  int         meridian_minutes;  /* central meridian in arc-minutes: 105°45′ = 6345 */
  int         epsg;              /* 9210 */
} PvVn2000Zone;

/* The table, in order of central meridian (n_zones is set to its length). */
const PvVn2000Zone *pv_vn2000_zones_get               (guint      *n_zones);
/* The central meridian in decimal degrees (105°45′ → 105.75). */
double              pv_vn2000_zone_get_central_meridian (const PvVn2000Zone *zone);
/* The province whose name is province, ignoring case and diacritics
 * ("binh duong", "Bình Dương", "BINH DUONG"); NULL when none. */
const PvVn2000Zone *pv_vn2000_zones_find              (const char *province);
/* The provinces whose grid is EPSG:epsg, "Bình Dương, Hồ Chí Minh, …"; NULL
 * when no province uses it. */
char               *pv_vn2000_zones_dup_provinces     (int         epsg) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
