/* pv-gen-util.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <cpl_error.h>
#include <cpl_string.h>

#include "pv-gen.h"

/* ---- deterministic randomness ------------------------------------------ */

/* splitmix64: tiny, fast, and the same sequence on every platform. */
void
pv_gen_rng_init (PvGenRng *rng,
                 guint64   seed)
{
  rng->state = seed;
}

guint64
pv_gen_rng_next (PvGenRng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

double
pv_gen_rng_double (PvGenRng *rng)
{
  return (pv_gen_rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

double
pv_gen_rng_range (PvGenRng *rng,
                  double    lo,
                  double    hi)
{
  return lo + (hi - lo) * pv_gen_rng_double (rng);
}

guint64
pv_gen_hash (guint64 a,
             guint64 b,
             guint64 c)
{
  PvGenRng rng;

  rng.state = a * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ (b + G_GUINT64_CONSTANT (0x632BE59BD9B4E019));
  pv_gen_rng_next (&rng);
  rng.state ^= c * G_GUINT64_CONSTANT (0xD6E8FEB86659FD93);
  return pv_gen_rng_next (&rng);
}

double
pv_gen_hash_double (guint64 a,
                    guint64 b,
                    guint64 c)
{
  return (pv_gen_hash (a, b, c) >> 11) * (1.0 / 9007199254740992.0);
}

static double
lattice (gint64  ix,
         gint64  iy,
         guint32 seed)
{
  return pv_gen_hash_double ((guint64) ix, (guint64) iy, seed) * 2.0 - 1.0;
}

static double
smooth (double t)
{
  return t * t * t * (t * (t * 6.0 - 15.0) + 10.0);
}

double
pv_gen_noise (double  x,
              double  y,
              guint32 seed)
{
  double fx = floor (x), fy = floor (y);
  gint64 ix = (gint64) fx, iy = (gint64) fy;
  double tx = smooth (x - fx), ty = smooth (y - fy);
  double a = lattice (ix, iy, seed);
  double b = lattice (ix + 1, iy, seed);
  double c = lattice (ix, iy + 1, seed);
  double d = lattice (ix + 1, iy + 1, seed);

  return (a + (b - a) * tx) + ((c + (d - c) * tx) - (a + (b - a) * tx)) * ty;
}

double
pv_gen_fbm (double  x,
            double  y,
            int     octaves,
            guint32 seed)
{
  double sum = 0.0, amp = 1.0, norm = 0.0;

  for (int i = 0; i < octaves; i++)
    {
      sum += amp * pv_gen_noise (x, y, seed + (guint32) i * 977u);
      norm += amp;
      amp *= 0.5;
      x = x * 2.03 + 17.1;
      y = y * 2.03 - 5.3;
    }
  return sum / norm;
}

/* ---- coordinate reference systems --------------------------------------- */

#define VN2000_TOWGS84 \
  "+towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278"

static OGRSpatialReferenceH
srs_from_proj (const char  *proj,
               GError     **error)
{
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);

  if (OSRImportFromProj4 (srs, proj) != OGRERR_NONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "cannot build the CRS “%s”: %s", proj, CPLGetLastErrorMsg ());
      OSRDestroySpatialReference (srs);
      return NULL;
    }
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

static OGRSpatialReferenceH
srs_from_epsg (int      code,
               GError **error)
{
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);

  if (OSRImportFromEPSG (srs, code) != OGRERR_NONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "cannot build the CRS EPSG:%d: %s", code, CPLGetLastErrorMsg ());
      OSRDestroySpatialReference (srs);
      return NULL;
    }
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

gboolean
pv_gen_crs_init (PvGenCrs  *crs,
                 GError   **error)
{
  OGRSpatialReferenceH tm3_proj = NULL, utm_proj = NULL;
  double x = 106.6519, y = 10.9804;

  memset (crs, 0, sizeof *crs);
  if (!(crs->wgs84 = srs_from_epsg (4326, error)) ||
      !(crs->tm3 = srs_from_epsg (9210, error)) ||
      !(crs->utm48 = srs_from_epsg (3405, error)))
    return FALSE;

  /* Explicit +towgs84 (EPSG:6960): with plain EPSG codes PROJ 9.1 would pick
   * EPSG:5194 south of 11.04°N (vietnam.md §1.4). */
  tm3_proj = srs_from_proj ("+proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 +x_0=500000 +y_0=0 "
                            "+ellps=WGS84 " VN2000_TOWGS84 " +units=m +no_defs", error);
  utm_proj = srs_from_proj ("+proj=utm +zone=48 +ellps=WGS84 " VN2000_TOWGS84 " +units=m +no_defs",
                            error);
  if (tm3_proj == NULL || utm_proj == NULL)
    goto fail;

  crs->to_tm3 = OCTNewCoordinateTransformation (crs->wgs84, tm3_proj);
  crs->to_utm48 = OCTNewCoordinateTransformation (crs->wgs84, utm_proj);
  crs->tm3_to_utm48 = OCTNewCoordinateTransformation (tm3_proj, utm_proj);
  if (crs->to_tm3 == NULL || crs->to_utm48 == NULL || crs->tm3_to_utm48 == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "cannot create the VN-2000 transformations: %s", CPLGetLastErrorMsg ());
      goto fail;
    }

  /* Self-check against the reference values of vietnam.md §1.4 (rows A, B). */
  if (!OCTTransform (crs->to_tm3, 1, &x, &y, NULL) ||
      fabs (x - 598371.1816) > 0.01 || fabs (y - 1214436.3465) > 0.01)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "WGS 84 → VN-2000 TM-3 check failed: got %.4f %.4f, expected "
                   "598371.1816 1214436.3465", x, y);
      goto fail;
    }
  x = 106.6519, y = 10.9804;
  if (!OCTTransform (crs->to_utm48, 1, &x, &y, NULL) ||
      fabs (x - 680299.1724) > 0.01 || fabs (y - 1214419.4940) > 0.01)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "WGS 84 → VN-2000 UTM 48N check failed: got %.4f %.4f, expected "
                   "680299.1724 1214419.4940", x, y);
      goto fail;
    }

  OSRDestroySpatialReference (tm3_proj);
  OSRDestroySpatialReference (utm_proj);
  return TRUE;

fail:
  if (tm3_proj)
    OSRDestroySpatialReference (tm3_proj);
  if (utm_proj)
    OSRDestroySpatialReference (utm_proj);
  pv_gen_crs_clear (crs);
  return FALSE;
}

void
pv_gen_crs_clear (PvGenCrs *crs)
{
  g_clear_pointer (&crs->to_tm3, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&crs->to_utm48, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&crs->tm3_to_utm48, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&crs->wgs84, OSRDestroySpatialReference);
  g_clear_pointer (&crs->tm3, OSRDestroySpatialReference);
  g_clear_pointer (&crs->utm48, OSRDestroySpatialReference);
}

void
pv_gen_lonlat_to_tm3 (PvGenCrs *crs,
                      double    lon,
                      double    lat,
                      double   *x,
                      double   *y)
{
  *x = lon;
  *y = lat;
  if (!OCTTransform (crs->to_tm3, 1, x, y, NULL))
    g_error ("cannot transform %.6f %.6f to VN-2000", lon, lat);
}

/* ---- land use ----------------------------------------------------------- */

static const PvGenLandUse land_uses[] = {
  { "ODT", "Đất ở tại đô thị", 255, 160, 255 },
  { "ONT", "Đất ở tại nông thôn", 255, 208, 255 },
  { "TMD", "Đất thương mại, dịch vụ", 250, 170, 160 },
  { "SKK", "Đất khu công nghiệp", 250, 170, 160 },
  { "SKC", "Đất cơ sở sản xuất phi nông nghiệp", 250, 170, 160 },
  { "TSC", "Đất xây dựng trụ sở cơ quan", 255, 170, 160 },
  { "DGT", "Đất giao thông", 255, 170, 50 },
  { "DTL", "Đất thủy lợi", 170, 255, 255 },
  { "DGD", "Đất xây dựng cơ sở giáo dục và đào tạo", 255, 170, 160 },
  { "DYT", "Đất xây dựng cơ sở y tế", 255, 170, 160 },
  { "DVH", "Đất xây dựng cơ sở văn hóa", 255, 170, 160 },
  { "DTT", "Đất xây dựng cơ sở thể dục thể thao", 255, 170, 160 },
  { "DKV", "Đất khu vui chơi, giải trí công cộng", 255, 170, 160 },
  { "NTD", "Đất nghĩa trang, nghĩa địa, nhà tang lễ, nhà hỏa táng", 210, 210, 210 },
  { "SON", "Đất sông, ngòi, kênh, rạch, suối", 160, 255, 255 },
  { "MNC", "Đất có mặt nước chuyên dùng", 160, 255, 255 },
  { "LUC", "Đất chuyên trồng lúa nước", 255, 252, 140 },
  { "HNK", "Đất trồng cây hàng năm khác", 255, 240, 180 },
  { "CLN", "Đất trồng cây lâu năm", 255, 210, 160 },
  { "RSX", "Đất rừng sản xuất", 180, 255, 180 },
  { "NTS", "Đất nuôi trồng thủy sản", 170, 255, 255 },
  { "CSD", "Đất chưa sử dụng", 255, 255, 254 },
};

const PvGenLandUse *
pv_gen_land_use_lookup (const char *code)
{
  return &land_uses[pv_gen_land_use_index (code)];
}

guint
pv_gen_land_use_index (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (land_uses); i++)
    if (g_str_equal (land_uses[i].code, code))
      return i;
  g_error ("unknown land-use code %s", code);
  return 0;
}

const PvGenLandUse *
pv_gen_land_use_nth (guint index)
{
  g_assert (index < G_N_ELEMENTS (land_uses));
  return &land_uses[index];
}

guint
pv_gen_land_use_count (void)
{
  return G_N_ELEMENTS (land_uses);
}

/* ---- output ------------------------------------------------------------- */

OGRLayerH
pv_gen_create_shapefile (const char            *dir,
                         const char            *basename,
                         OGRSpatialReferenceH   srs,
                         OGRwkbGeometryType     type,
                         GDALDatasetH          *out_dataset,
                         GError               **error)
{
  GDALDriverH driver = GDALGetDriverByName ("ESRI Shapefile");
  g_autofree char *path = g_strdup_printf ("%s/%s.shp", dir, basename);
  /* A fixed DBF date keeps the output byte-identical from run to run; the
   * .cpg written for ENCODING=UTF-8 tells readers the text is UTF-8. */
  const char *options[] = { "ENCODING=UTF-8", "DBF_DATE_LAST_UPDATE=2024-12-31",
                            "SPATIAL_INDEX=NO", NULL };
  GDALDatasetH ds;
  OGRLayerH layer;

  if (driver == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "GDAL has no shapefile driver");
      return NULL;
    }
  /* Remove an older copy: the driver refuses to overwrite. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    GDALDeleteDataset (driver, path);

  ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  if (ds == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot create: %s",
                   path, CPLGetLastErrorMsg ());
      return NULL;
    }
  layer = GDALDatasetCreateLayer (ds, basename, srs, type, (char **) options);
  if (layer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot create the layer: %s",
                   path, CPLGetLastErrorMsg ());
      GDALClose (ds);
      return NULL;
    }
  *out_dataset = ds;
  return layer;
}

void
pv_gen_add_field (OGRLayerH     layer,
                  const char   *name,
                  OGRFieldType  type,
                  int           width,
                  int           precision)
{
  OGRFieldDefnH field = OGR_Fld_Create (name, type);

  g_assert (strlen (name) <= 10);
  if (width > 0)
    OGR_Fld_SetWidth (field, width);
  if (precision > 0)
    OGR_Fld_SetPrecision (field, precision);
  if (OGR_L_CreateField (layer, field, TRUE) != OGRERR_NONE)
    g_error ("cannot create the field %s: %s", name, CPLGetLastErrorMsg ());
  OGR_Fld_Destroy (field);
}
