/* pv-vn2000-zones.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pv-crs.h"
#include "pv-vn2000-zones.h"

#define DM(d, m) ((d) * 60 + (m))

/* Central meridians of the provincial VN-2000 TM-3 grids, from the appendix
 * of Circular 973/2001/TT-TCĐC (General Department of Land Administration,
 * 20 Jun 2001) as reproduced at
 * https://rtk.com.vn/tin-tuc/kinh-tuyen-truc-he-toa-do-dia-phuong-vn2000.html
 * and https://viet-thanh.vn/kinh-tuyen-truc-la-gi-kinh-tuyen-truc-cac-tinh/
 * (../shared/domain/vietnam.md §1.2). The list agrees province by province
 * with the extent descriptions EPSG gives the VN-2000 TM-3 CRSs in proj.db
 * v10.076, which also supplied the codes (projected CRSs named "VN-2000 /
 * TM-3 …", not deprecated, by longitude of natural origin; 105° and 108° are
 * the generic zones 482 and 491). Every zone used by a province is in
 * proj.db, so none had to be built by hand. The 63 provinces are those of
 * 2008–2025: Hà Tây (105°00′) had been merged into Hà Nội, and the 2025
 * mergers are not applied, legacy data keeps the old grids. Within a
 * meridian Bình Dương comes first, then the cities, then the provinces. */
static const PvVn2000Zone zones[] = {
  { "Lai Châu",          DM (103,  0), 9205 },
  { "Điện Biên",         DM (103,  0), 9205 },
  { "Sơn La",            DM (104,  0), 9206 },
  { "Cà Mau",            DM (104, 30), 9207 },
  { "Kiên Giang",        DM (104, 30), 9207 },
  { "An Giang",          DM (104, 45), 9208 },
  { "Lào Cai",           DM (104, 45), 9208 },
  { "Nghệ An",           DM (104, 45), 9208 },
  { "Phú Thọ",           DM (104, 45), 9208 },
  { "Yên Bái",           DM (104, 45), 9208 },
  { "Hà Nội",            DM (105,  0), 5897 },
  { "Cần Thơ",           DM (105,  0), 5897 },
  { "Bạc Liêu",          DM (105,  0), 5897 },
  { "Đồng Tháp",         DM (105,  0), 5897 },
  { "Hà Nam",            DM (105,  0), 5897 },
  { "Hậu Giang",         DM (105,  0), 5897 },
  { "Ninh Bình",         DM (105,  0), 5897 },
  { "Thanh Hóa",         DM (105,  0), 5897 },
  { "Vĩnh Phúc",         DM (105,  0), 5897 },
  { "Bắc Ninh",          DM (105, 30), 9209 },
  { "Hà Giang",          DM (105, 30), 9209 },
  { "Hà Tĩnh",           DM (105, 30), 9209 },
  { "Hải Dương",         DM (105, 30), 9209 },
  { "Hưng Yên",          DM (105, 30), 9209 },
  { "Nam Định",          DM (105, 30), 9209 },
  { "Sóc Trăng",         DM (105, 30), 9209 },
  { "Tây Ninh",          DM (105, 30), 9209 },
  { "Thái Bình",         DM (105, 30), 9209 },
  { "Trà Vinh",          DM (105, 30), 9209 },
  { "Vĩnh Long",         DM (105, 30), 9209 },
  { "Bình Dương",        DM (105, 45), 9210 },
  { "Hồ Chí Minh",       DM (105, 45), 9210 },
  { "Hải Phòng",         DM (105, 45), 9210 },
  { "Bến Tre",           DM (105, 45), 9210 },
  { "Cao Bằng",          DM (105, 45), 9210 },
  { "Long An",           DM (105, 45), 9210 },
  { "Tiền Giang",        DM (105, 45), 9210 },
  { "Hòa Bình",          DM (106,  0), 9211 },
  { "Quảng Bình",        DM (106,  0), 9211 },
  { "Tuyên Quang",       DM (106,  0), 9211 },
  { "Bình Phước",        DM (106, 15), 9212 },
  { "Quảng Trị",         DM (106, 15), 9212 },
  { "Bắc Kạn",           DM (106, 30), 9213 },
  { "Thái Nguyên",       DM (106, 30), 9213 },
  { "Bắc Giang",         DM (107,  0), 9214 },
  { "Thừa Thiên Huế",    DM (107,  0), 9214 },
  { "Lạng Sơn",          DM (107, 15), 9215 },
  { "Kon Tum",           DM (107, 30), 9216 },
  { "Đà Nẵng",           DM (107, 45), 5899 },
  { "Bà Rịa–Vũng Tàu",   DM (107, 45), 5899 },
  { "Đồng Nai",          DM (107, 45), 5899 },
  { "Lâm Đồng",          DM (107, 45), 5899 },
  { "Quảng Nam",         DM (107, 45), 5899 },
  { "Quảng Ninh",        DM (107, 45), 5899 },
  { "Quảng Ngãi",        DM (108,  0), 5898 },
  { "Bình Định",         DM (108, 15), 9217 },
  { "Khánh Hòa",         DM (108, 15), 9217 },
  { "Ninh Thuận",        DM (108, 15), 9217 },
  { "Bình Thuận",        DM (108, 30), 9218 },
  { "Đắk Lắk",           DM (108, 30), 9218 },
  { "Đắk Nông",          DM (108, 30), 9218 },
  { "Gia Lai",           DM (108, 30), 9218 },
  { "Phú Yên",           DM (108, 30), 9218 },
};

const PvVn2000Zone *
pv_vn2000_zones_get (guint *n_zones)
{
  g_return_val_if_fail (n_zones != NULL, NULL);

  *n_zones = G_N_ELEMENTS (zones);
  return zones;
}

double
pv_vn2000_zone_get_central_meridian (const PvVn2000Zone *zone)
{
  g_return_val_if_fail (zone != NULL, 0.0);

  return zone->meridian_minutes / 60.0;
}

const PvVn2000Zone *
pv_vn2000_zones_find (const char *province)
{
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (province != NULL, NULL);

  wanted = pv_crs_fold_for_search (province);
  if (wanted[0] == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autofree char *name = pv_crs_fold_for_search (zones[i].province);

      if (strcmp (name, wanted) == 0)
        return &zones[i];
    }
  return NULL;
}

char *
pv_vn2000_zones_dup_provinces (int epsg)
{
  GString *out = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      if (zones[i].epsg != epsg)
        continue;
      if (out == NULL)
        out = g_string_new (zones[i].province);
      else
        g_string_append_printf (out, ", %s", zones[i].province);
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}
