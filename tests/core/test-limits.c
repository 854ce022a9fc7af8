/* test-limits.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Hostile sizes and shapes (issue 9, "Resource limits"): rasters that claim
 * a million by a million pixels, coordinates of 1e11, NaN and Inf, deeply
 * nested and degenerate geometries, a polygon of a million vertices, a DXF
 * whose blocks insert each other. Each input is made here with GDAL/OGR (or
 * written as a small text file), then opened, prepared (reprojected, indexed),
 * rendered, labelled and identified in a subprocess of its own, so that its
 * peak memory (getrusage maxrss) is its own and a hang ends in the trap's
 * timeout instead of the suite's. Long work is cancelled from another thread
 * and must stop (no timings are asserted; they are printed). */

#include "config.h"

#include <cpl_conv.h>
#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <string.h>
#include <sys/resource.h>

#include "pv-core.h"
#include "pv-test-util.h"

/* What any one of these inputs may add to the process's peak memory. The
 * largest legitimate one (a million vertices: 16 MB of coordinates, their
 * reprojected copy and the index) needs well under a tenth of it. */
#define MEMORY_BOUND_KB (768 * 1024)
/* The address space a subprocess may have: threads' stacks and malloc's
 * arenas reserve some hundreds of megabytes. */
#define ADDRESS_SPACE_BOUND ((rlim_t) 4 << 30)
/* A subprocess that has not finished by then hangs. */
#define SUBPROCESS_TIMEOUT_USEC (240 * G_USEC_PER_SEC)

static char *tmp_dir;

static glong
max_rss_kb (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

/* ------------------------------------------------------------- inputs */

static OGRSpatialReferenceH
utm48n (void)
{
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);

  OSRImportFromEPSG (srs, 32648);
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

/* A GeoPackage layer "t" (field "name") of the given geometries (taken). */
static char *
write_gpkg (const char   *file,
            OGRGeometryH *geoms,
            guint         n_geoms)
{
  g_autofree char *path = g_build_filename (tmp_dir, file, NULL);
  GDALDriverH driver = GDALGetDriverByName ("GPKG");
  GDALDatasetH ds;
  OGRSpatialReferenceH srs = utm48n ();
  OGRLayerH layer;
  OGRFieldDefnH fd;

  ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (ds);
  layer = GDALDatasetCreateLayer (ds, "t", srs, wkbUnknown, NULL);
  g_assert_nonnull (layer);
  fd = OGR_Fld_Create ("name", OFTString);
  g_assert_cmpint (OGR_L_CreateField (layer, fd, TRUE), ==, OGRERR_NONE);
  OGR_Fld_Destroy (fd);
  g_assert_cmpint (OGR_L_StartTransaction (layer), ==, OGRERR_NONE);
  for (guint i = 0; i < n_geoms; i++)
    {
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      g_autofree char *name = g_strdup_printf ("Thửa %u", i + 1);

      OGR_F_SetFieldString (f, 0, name);
      if (geoms[i] != NULL)
        OGR_F_SetGeometryDirectly (f, geoms[i]);
      g_assert_cmpint (OGR_L_CreateFeature (layer, f), ==, OGRERR_NONE);
      OGR_F_Destroy (f);
    }
  g_assert_cmpint (OGR_L_CommitTransaction (layer), ==, OGRERR_NONE);
  GDALClose (ds);
  OSRDestroySpatialReference (srs);
  return g_steal_pointer (&path);
}

static OGRGeometryH
square (double x,
        double y,
        double size)
{
  OGRGeometryH poly = OGR_G_CreateGeometry (wkbPolygon);
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);

  OGR_G_AddPoint_2D (ring, x, y);
  OGR_G_AddPoint_2D (ring, x + size, y);
  OGR_G_AddPoint_2D (ring, x + size, y + size);
  OGR_G_AddPoint_2D (ring, x, y + size);
  OGR_G_AddPoint_2D (ring, x, y);
  OGR_G_AddGeometryDirectly (poly, ring);
  return poly;
}

static OGRGeometryH
point (double x,
       double y)
{
  OGRGeometryH p = OGR_G_CreateGeometry (wkbPoint);

  OGR_G_SetPoint_2D (p, 0, x, y);
  return p;
}

static OGRGeometryH
line (double x0,
      double y0,
      double x1,
      double y1)
{
  OGRGeometryH l = OGR_G_CreateGeometry (wkbLineString);

  OGR_G_AddPoint_2D (l, x0, y0);
  OGR_G_AddPoint_2D (l, x1, y1);
  return l;
}

/* A parcel near Thủ Dầu Một beside each kind of wild coordinate, so that the
 * layer has something sane to draw. */
static char *
make_wild_coordinates (void)
{
  const double x0 = 690000, y0 = 1220000;
  OGRGeometryH geoms[] = {
    square (x0, y0, 100),
    point (1e11, 1e11),
    point (-1e11, 1e11),
    square (1e11, -1e11, 1e10),
    line (x0, y0, 1e11, 1e11),
    point (NAN, NAN),     /* an empty point to OGR */
    point (x0, NAN),      /* the same */
    line (x0, y0, INFINITY, y0),
    point (-INFINITY, INFINITY),
    square (NAN, y0, 100),
    square (x0, y0, INFINITY),
    line (1e308, 1e308, -1e308, -1e308),
  };

  return write_gpkg ("wild.gpkg", geoms, G_N_ELEMENTS (geoms));
}

/* Only wild coordinates: nothing to fit a view to. */
static char *
make_only_wild_coordinates (void)
{
  OGRGeometryH geoms[] = {
    point (NAN, NAN),
    line (INFINITY, 0, 0, -INFINITY),
    square (NAN, NAN, NAN),
  };

  return write_gpkg ("only-wild.gpkg", geoms, G_N_ELEMENTS (geoms));
}

static OGRGeometryH
nested_collection (guint depth)
{
  OGRGeometryH inner = square (690000, 1220000, 100);

  for (guint i = 0; i < depth; i++)
    {
      OGRGeometryH outer = OGR_G_CreateGeometry (wkbGeometryCollection);

      OGR_G_AddGeometryDirectly (outer, inner);
      inner = outer;
    }
  return inner;
}

static char *
make_nested_gpkg (void)
{
  OGRGeometryH geoms[] = {
    square (690200, 1220000, 100),
    nested_collection (1000),
    nested_collection (20),
  };

  return write_gpkg ("nested.gpkg", geoms, G_N_ELEMENTS (geoms));
}

/* The same as GeoJSON text: a reader that recursed without limit would blow
 * the stack on it. */
static char *
make_nested_geojson (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "nested.geojson", NULL);
  g_autoptr(GString) s = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GError) error = NULL;
  const guint depth = 1000;

  g_string_append (s, "{\"type\":\"Feature\",\"properties\":{\"name\":\"ok\"},\"geometry\":"
                   "{\"type\":\"Point\",\"coordinates\":[106.65,10.98]}},");
  g_string_append (s, "{\"type\":\"Feature\",\"properties\":{\"name\":\"deep\"},\"geometry\":");
  for (guint i = 0; i < depth; i++)
    g_string_append (s, "{\"type\":\"GeometryCollection\",\"geometries\":[");
  g_string_append (s, "{\"type\":\"Point\",\"coordinates\":[106.66,10.99]}");
  for (guint i = 0; i < depth; i++)
    g_string_append (s, "]}");
  g_string_append (s, "}]}\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* GeoJSON text (OGR reads NaN and Infinity there) of one of each kind of
 * feature that is skipped, beside two that are drawn: the notice counts them.
 * (A point with a NaN is an empty point to OGR: no geometry, not counted.) */
static char *
make_wild_geojson (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "wild.geojson", NULL);
  g_autoptr(GString) s = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[\n");
  g_autoptr(GError) error = NULL;
  static const char *const geometries[] = {
    /* drawn */
    "{\"type\":\"Polygon\",\"coordinates\":[[[106.65,10.98],[106.66,10.98],[106.66,10.99],[106.65,10.98]]]}",
    "{\"type\":\"Point\",\"coordinates\":[106.67,10.97]}",
    /* not numbers: 3 */
    "{\"type\":\"LineString\",\"coordinates\":[[106.65,10.98],[NaN,10.99]]}",
    "{\"type\":\"LineString\",\"coordinates\":[[106.65,10.98],[Infinity,10.98]]}",
    "{\"type\":\"Polygon\",\"coordinates\":[[[106.65,10.98],[106.66,-Infinity],[106.66,10.99],[106.65,10.98]]]}",
    /* far outside any map: 2 */
    "{\"type\":\"Point\",\"coordinates\":[1e11,10.98]}",
    "{\"type\":\"MultiLineString\",\"coordinates\":[[[106.65,10.98],[106.66,10.99]],[[0,0],[-1e300,1e300]]]}",
    /* no area: 2 (two corners; all corners in a line) */
    "{\"type\":\"Polygon\",\"coordinates\":[[[106.65,10.98],[106.66,10.99],[106.65,10.98]]]}",
    "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[106.65,10.98],[106.66,10.98],[106.67,10.98],[106.65,10.98]]]]}",
  };
  const guint too_deep = 40;

  for (guint i = 0; i < G_N_ELEMENTS (geometries); i++)
    g_string_append_printf (s, "{\"type\":\"Feature\",\"properties\":{\"name\":\"f%u\"},\"geometry\":%s},\n",
                            i, geometries[i]);
  /* nested too deep: 1 */
  g_string_append (s, "{\"type\":\"Feature\",\"properties\":{\"name\":\"deep\"},\"geometry\":");
  for (guint i = 0; i < too_deep; i++)
    g_string_append (s, "{\"type\":\"GeometryCollection\",\"geometries\":[");
  g_string_append (s, "{\"type\":\"Point\",\"coordinates\":[106.66,10.99]}");
  for (guint i = 0; i < too_deep; i++)
    g_string_append (s, "]}");
  g_string_append (s, "}]}\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Empty rings, two-point and one-point polygons, zero-area rings, empty
 * geometries of each kind, a polygon whose only ring is empty. */
static char *
make_degenerate (void)
{
  const double x0 = 690000, y0 = 1220000;
  OGRGeometryH two_point = OGR_G_CreateGeometry (wkbPolygon);
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
  OGRGeometryH one_point = OGR_G_CreateGeometry (wkbPolygon);
  OGRGeometryH ring1 = OGR_G_CreateGeometry (wkbLinearRing);
  OGRGeometryH empty_ring = OGR_G_CreateGeometry (wkbPolygon);
  OGRGeometryH with_empty_hole = square (x0 + 300, y0, 100);
  OGRGeometryH flat = OGR_G_CreateGeometry (wkbPolygon);
  OGRGeometryH flat_ring = OGR_G_CreateGeometry (wkbLinearRing);
  OGRGeometryH multi = OGR_G_CreateGeometry (wkbMultiPolygon);

  OGR_G_AddPoint_2D (ring, x0, y0);
  OGR_G_AddPoint_2D (ring, x0 + 50, y0 + 50);
  OGR_G_AddGeometryDirectly (two_point, ring);
  OGR_G_AddPoint_2D (ring1, x0 + 10, y0 + 10);
  OGR_G_AddGeometryDirectly (one_point, ring1);
  OGR_G_AddGeometryDirectly (empty_ring, OGR_G_CreateGeometry (wkbLinearRing));
  OGR_G_AddGeometryDirectly (with_empty_hole, OGR_G_CreateGeometry (wkbLinearRing));
  for (int i = 0; i < 4; i++)
    OGR_G_AddPoint_2D (flat_ring, x0 + 20 * i, y0);
  OGR_G_AddGeometryDirectly (flat, flat_ring);
  OGR_G_AddGeometryDirectly (multi, OGR_G_CreateGeometry (wkbPolygon));
  OGR_G_AddGeometry (multi, two_point);

  {
    OGRGeometryH geoms[] = {
      square (x0 + 150, y0, 100),
      two_point,
      one_point,
      empty_ring,
      with_empty_hole,
      flat,
      multi,
      OGR_G_CreateGeometry (wkbPolygon),
      OGR_G_CreateGeometry (wkbLineString),
      OGR_G_CreateGeometry (wkbPoint),
      OGR_G_CreateGeometry (wkbGeometryCollection),
      line (x0, y0, x0, y0),
      NULL,
    };

    return write_gpkg ("degenerate.gpkg", geoms, G_N_ELEMENTS (geoms));
  }
}

#define MILLION 1000000

/* One parcel-sized star of a million vertices (and a square beside it). */
static char *
make_million_vertices (void)
{
  OGRGeometryH poly = OGR_G_CreateGeometry (wkbPolygon);
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
  g_autofree double *xs = g_new (double, MILLION + 1);
  g_autofree double *ys = g_new (double, MILLION + 1);

  for (guint i = 0; i < MILLION; i++)
    {
      double a = 2 * G_PI * i / MILLION;
      double r = 500 + ((i & 1) ? 40 : 0);

      xs[i] = 690000 + r * cos (a);
      ys[i] = 1220000 + r * sin (a);
    }
  xs[MILLION] = xs[0];
  ys[MILLION] = ys[0];
  OGR_G_SetPoints (ring, MILLION + 1, xs, sizeof (double), ys, sizeof (double), NULL, 0);
  OGR_G_AddGeometryDirectly (poly, ring);
  {
    OGRGeometryH geoms[] = { poly, square (691000, 1220000, 100) };

    return write_gpkg ("million.gpkg", geoms, G_N_ELEMENTS (geoms));
  }
}

/* A DXF drawing whose block A inserts B, B inserts A, and C inserts itself;
 * the model space inserts A and C beside a plain line. */
static char *
make_recursive_dxf (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "recursive.dxf", NULL);
  g_autoptr(GError) error = NULL;
  static const char dxf[] =
    "0\nSECTION\n2\nHEADER\n9\n$ACADVER\n1\nAC1015\n0\nENDSEC\n"
    "0\nSECTION\n2\nTABLES\n0\nTABLE\n2\nLAYER\n70\n1\n"
    "0\nLAYER\n2\n0\n70\n0\n62\n7\n6\nCONTINUOUS\n0\nENDTAB\n0\nENDSEC\n"
    "0\nSECTION\n2\nBLOCKS\n"
    "0\nBLOCK\n8\n0\n2\nA\n70\n0\n10\n0.0\n20\n0.0\n30\n0.0\n3\nA\n"
    "0\nLINE\n8\n0\n10\n0.0\n20\n0.0\n30\n0.0\n11\n10.0\n21\n0.0\n31\n0.0\n"
    "0\nINSERT\n8\n0\n2\nB\n10\n1.0\n20\n1.0\n30\n0.0\n"
    "0\nENDBLK\n8\n0\n"
    "0\nBLOCK\n8\n0\n2\nB\n70\n0\n10\n0.0\n20\n0.0\n30\n0.0\n3\nB\n"
    "0\nLINE\n8\n0\n10\n0.0\n20\n0.0\n30\n0.0\n11\n0.0\n21\n10.0\n31\n0.0\n"
    "0\nINSERT\n8\n0\n2\nA\n10\n1.0\n20\n1.0\n30\n0.0\n"
    "0\nENDBLK\n8\n0\n"
    "0\nBLOCK\n8\n0\n2\nC\n70\n0\n10\n0.0\n20\n0.0\n30\n0.0\n3\nC\n"
    "0\nCIRCLE\n8\n0\n10\n0.0\n20\n0.0\n30\n0.0\n40\n3.0\n"
    "0\nINSERT\n8\n0\n2\nC\n10\n0.5\n20\n0.5\n30\n0.0\n41\n0.9\n42\n0.9\n"
    "0\nINSERT\n8\n0\n2\nC\n10\n-0.5\n20\n0.5\n30\n0.0\n41\n0.9\n42\n0.9\n"
    "0\nENDBLK\n8\n0\n"
    "0\nENDSEC\n"
    "0\nSECTION\n2\nENTITIES\n"
    "0\nLINE\n8\n0\n10\n0.0\n20\n0.0\n30\n0.0\n11\n100.0\n21\n100.0\n31\n0.0\n"
    "0\nINSERT\n8\n0\n2\nA\n10\n20.0\n20\n20.0\n30\n0.0\n"
    "0\nINSERT\n8\n0\n2\nC\n10\n50.0\n20\n50.0\n30\n0.0\n"
    "0\nENDSEC\n0\nEOF\n";

  g_file_set_contents (path, dxf, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
set_utm_geotransform (GDALDatasetH ds,
                      double       pixel)
{
  double gt[6] = { 600000, pixel, 0, 1300000, 0, -pixel };
  OGRSpatialReferenceH srs = utm48n ();

  GDALSetGeoTransform (ds, gt);
  GDALSetSpatialRef (ds, srs);
  OSRDestroySpatialReference (srs);
}

/* A BigTIFF claiming 10⁶ × 10⁶ pixels of which no block is written. */
static char *
make_sparse_gtiff (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "sparse.tif", NULL);
  const char *options[] = { "SPARSE_OK=TRUE", "BIGTIFF=YES", "TILED=YES", "BLOCKXSIZE=4096",
                            "BLOCKYSIZE=4096", "COMPRESS=DEFLATE", NULL };
  GDALDatasetH ds = GDALCreate (GDALGetDriverByName ("GTiff"), path, MILLION, MILLION, 1,
                                GDT_Byte, (char **) options);

  g_assert_nonnull (ds);
  set_utm_geotransform (ds, 0.1);
  GDALClose (ds);
  return g_steal_pointer (&path);
}

/* A GTiff claiming 10⁶ × 10⁶ pixels in strips of one row: every row a block
 * of its own, a million of them, no overviews. */
static char *
make_strip_gtiff (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "strips.tif", NULL);
  const char *options[] = { "SPARSE_OK=TRUE", "BIGTIFF=YES", "BLOCKYSIZE=1", NULL };
  GDALDatasetH ds = GDALCreate (GDALGetDriverByName ("GTiff"), path, MILLION, MILLION, 1,
                                GDT_Byte, (char **) options);

  g_assert_nonnull (ds);
  set_utm_geotransform (ds, 0.1);
  GDALClose (ds);
  return g_steal_pointer (&path);
}

/* A VRT claiming 10⁶ × 10⁶ pixels of three bands, a small real raster
 * stretched over it. */
static char *
make_huge_vrt (void)
{
  g_autofree char *small = g_build_filename (tmp_dir, "small.tif", NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "huge.vrt", NULL);
  g_autoptr(GString) vrt = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GDALDatasetH ds = GDALCreate (GDALGetDriverByName ("GTiff"), small, 64, 64, 1, GDT_Byte, NULL);
  guint8 data[64 * 64];

  g_assert_nonnull (ds);
  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) (i * 7);
  g_assert_cmpint (GDALRasterIO (GDALGetRasterBand (ds, 1), GF_Write, 0, 0, 64, 64, data, 64, 64,
                                 GDT_Byte, 0, 0), ==, CE_None);
  GDALClose (ds);

  g_string_append_printf (vrt, "<VRTDataset rasterXSize=\"%d\" rasterYSize=\"%d\">\n"
                          "  <SRS>EPSG:32648</SRS>\n"
                          "  <GeoTransform>600000, 0.1, 0, 1300000, 0, -0.1</GeoTransform>\n",
                          MILLION, MILLION);
  for (int b = 1; b <= 3; b++)
    g_string_append_printf (vrt, "  <VRTRasterBand dataType=\"Byte\" band=\"%d\">\n"
                            "    <SimpleSource>\n"
                            "      <SourceFilename relativeToVRT=\"1\">small.tif</SourceFilename>\n"
                            "      <SourceBand>1</SourceBand>\n"
                            "      <SrcRect xOff=\"0\" yOff=\"0\" xSize=\"64\" ySize=\"64\"/>\n"
                            "      <DstRect xOff=\"0\" yOff=\"0\" xSize=\"%d\" ySize=\"%d\"/>\n"
                            "    </SimpleSource>\n"
                            "  </VRTRasterBand>\n", b, MILLION, MILLION);
  g_string_append (vrt, "</VRTDataset>\n");
  g_file_set_contents (path, vrt->str, vrt->len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* A table of three records whose header claims 400 million: a count read
 * from a header is a claim, and memory is not made ready for it. */
static char *
make_claimed_count_dbf (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "claims.dbf", NULL);
  GDALDatasetH ds = GDALCreate (GDALGetDriverByName ("ESRI Shapefile"), path, 0, 0, 0, GDT_Unknown, NULL);
  OGRLayerH layer = GDALDatasetCreateLayer (ds, "claims", NULL, wkbNone, NULL);
  OGRFieldDefnH field = OGR_Fld_Create ("ma_sdd", OFTString);
  guint32 claimed = GUINT32_TO_LE (400000000);
  FILE *file;

  g_assert_cmpint (OGR_L_CreateField (layer, field, TRUE), ==, OGRERR_NONE);
  OGR_Fld_Destroy (field);
  for (guint i = 0; i < 3; i++)
    {
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      OGR_F_SetFieldString (f, 0, "ODT");
      g_assert_cmpint (OGR_L_CreateFeature (layer, f), ==, OGRERR_NONE);
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  /* The record count: bytes 4 to 7, little-endian. */
  file = g_fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, 4, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (&claimed, sizeof claimed, 1, file), ==, 1);
  fclose (file);
  return g_steal_pointer (&path);
}

/* ------------------------------------------------------------- exercise */

typedef struct
{
  PvMap        *map;
  PvViewport   *viewport;
  GCancellable *cancellable;
  GPtrArray    *errors;
  cairo_surface_t *image;
  GError       *error;
} RenderJob;

static gpointer
render_thread (gpointer data)
{
  RenderJob *job = data;

  job->image = pv_render_map_to_image (job->map, job->viewport, 2, job->cancellable,
                                       job->errors, NULL, &job->error);
  return NULL;
}

/* An error or notice about the file names it and says something. */
static void
assert_says_what (const char *message,
                  const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  g_test_message ("  says: %s", message);
  g_assert_nonnull (strstr (message, base));
  g_assert_cmpuint (strlen (message), >, strlen (base) + 8);
}

static guint
count_drawn (cairo_surface_t *image)
{
  const guint8 *data;
  int stride, w, h;
  guint n = 0;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  w = cairo_image_surface_get_width (image);
  h = cairo_image_surface_get_height (image);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      n += ((const guint32 *) (data + y * stride))[x] >> 24 != 0;
  return n;
}

/* Renders the map for the viewport; the layers that fail must say why. */
static guint
render_checked (PvMap      *map,
                PvViewport *vp,
                const char *path)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image = pv_render_map_to_image (map, vp, 2, NULL, errors, NULL, &error);
  guint drawn;

  g_assert_no_error (error);
  g_assert_nonnull (image);
  for (guint i = 0; i < errors->len; i++)
    assert_says_what (((GError *) errors->pdata[i])->message, path);
  drawn = count_drawn (image);
  cairo_surface_destroy (image);
  return drawn;
}

/* Starts a render of a view whose work is long and cancels it from this
 * thread right after; the render must end cancelled or finished. */
static void
render_cancelled (PvMap      *map,
                  PvViewport *vp)
{
  RenderJob job = { map, vp, g_cancellable_new (), NULL, NULL, NULL };
  GThread *thread;
  gint64 t0, t1;

  job.errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  thread = g_thread_new ("render", render_thread, &job);
  g_usleep (G_USEC_PER_SEC / 50);
  t0 = g_get_monotonic_time ();
  g_cancellable_cancel (job.cancellable);
  g_thread_join (thread);
  t1 = g_get_monotonic_time ();
  g_test_message ("  render cancelled: returned %.1f ms after cancel (%s)",
                  (t1 - t0) / 1000.0, job.error ? job.error->message : "finished first");
  if (job.error != NULL)
    g_assert_error (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  else
    g_assert_nonnull (job.image);
  g_clear_pointer (&job.image, cairo_surface_destroy);
  g_clear_error (&job.error);
  g_ptr_array_unref (job.errors);
  g_object_unref (job.cancellable);
}

typedef enum
{
  EXPECT_DRAWN,   /* something is drawn */
  EXPECT_ANY,     /* drawn, or skipped saying why */
} Expect;

/* Opens, prepares, renders (whole extent, a close-up, cancelled), labels and
 * identifies every layer of path; returns the number of layers. */
static guint
exercise (const char        *path,
          Expect             expect,
          int                map_epsg,
          const char *const *notices)
{
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  glong rss0 = max_rss_kb ();
  double e[4];
  guint drawn;

  g_test_message ("%s", path);
  if (map_epsg != 0)
    {
      g_autoptr(PvCrs) map_crs = pv_crs_new_from_epsg (map_epsg, NULL);

      /* The layers are drawn reprojected (a warped VRT on a raster). */
      g_assert_nonnull (map_crs);
      pv_map_set_crs (map, map_crs);
    }
  layers = pv_layer_open_all (path, NULL, NULL, &error);
  if (layers == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (expect == EXPECT_ANY);
      assert_says_what (error->message, path);
      g_test_message ("  peak memory added: %ld KiB", max_rss_kb () - rss0);
      g_assert_cmpint (max_rss_kb () - rss0, <, MEMORY_BOUND_KB);
      return 0;
    }
  g_assert_no_error (error);

  {
    g_autoptr(GString) all = g_string_new (NULL);

    for (guint i = 0; i < layers->len; i++)
      {
        PvLayer *layer = layers->pdata[i];

        if (pv_layer_get_notice (layer) != NULL)
          {
            g_test_message ("  notice: %s", pv_layer_get_notice (layer));
            g_string_append_printf (all, "%s\n", pv_layer_get_notice (layer));
          }
        pv_map_add_layer (map, layer);
      }
    for (guint i = 0; notices != NULL && notices[i] != NULL; i++)
      if (strstr (all->str, notices[i]) == NULL)
        g_error ("the notices do not say “%s”; they say: %s", notices[i], all->str);
  }

  pv_viewport_set_size (vp, 512, 384);
  if (pv_map_get_extent (map, &e[0], &e[1], &e[2], &e[3]))
    {
      g_test_message ("  extent %g %g %g %g", e[0], e[1], e[2], e[3]);
      g_assert_true (isfinite (e[0]) && isfinite (e[1]) && isfinite (e[2]) && isfinite (e[3]));
      pv_viewport_fit_extent (vp, e[0], e[1], e[2], e[3]);
    }
  else
    {
      g_assert_true (expect == EXPECT_ANY);
      pv_viewport_fit_extent (vp, 689000, 1219000, 692000, 1221000);
    }

  /* Prepare (reproject to geographic degrees, index) like a map in WGS 84. */
  for (guint i = 0; i < layers->len; i++)
    {
      g_autoptr(PvCrs) wgs84 = pv_crs_new_from_epsg (4326, NULL);
      g_autoptr(GError) prep_error = NULL;

      if (!pv_layer_prepare (layers->pdata[i], wgs84, NULL, &prep_error))
        assert_says_what (prep_error->message, path);
    }

  drawn = render_checked (map, vp, path);
  g_test_message ("  whole extent: %u pixels drawn", drawn);
  if (expect == EXPECT_DRAWN)
    g_assert_cmpuint (drawn, >, 0);

  /* A close-up of the centre (rasters: source pixels larger than the screen's). */
  {
    double cx, cy;

    /* 10 m across (in degrees on a map in WGS 84). */
    double half = map_epsg == 4326 ? 5e-5 : 5;

    pv_viewport_get_center (vp, &cx, &cy);
    pv_viewport_fit_extent (vp, cx - half, cy - half, cx + half, cy + half);
    drawn = render_checked (map, vp, path);
    g_test_message ("  close-up: %u pixels drawn", drawn);
    if (pv_map_get_extent (map, &e[0], &e[1], &e[2], &e[3]))
      pv_viewport_fit_extent (vp, e[0], e[1], e[2], e[3]);
  }

  /* Labels, identify, query. */
  for (guint i = 0; i < layers->len; i++)
    {
      PvLayer *layer = layers->pdata[i];

      if (PV_IS_VECTOR_LAYER (layer))
        {
          PvVectorLayer *vl = PV_VECTOR_LAYER (layer);
          g_autoptr(GError) label_error = NULL;
          g_autoptr(PvLabeling) labeling = NULL;
          double cx, cy;

          if (pv_vector_layer_get_n_fields (vl) > 0)
            {
              labeling = pv_labeling_new (pv_vector_layer_get_field_name (vl, 0));
              pv_labeling_set_size (labeling, 30);
              g_assert_true (pv_vector_layer_set_labeling (vl, labeling, NULL, &label_error));
              g_assert_no_error (label_error);
            }
          render_checked (map, vp, path);
          pv_viewport_get_center (vp, &cx, &cy);
          for (int k = 0; k < 3; k++)
            {
              double qx = k == 0 ? cx : k == 1 ? 690000 : 1e11;
              double qy = k == 0 ? cy : k == 1 ? 1220000 : 1e11;
              g_autoptr(GArray) hits = pv_vector_layer_identify (vl, qx, qy, 10);
              g_autoptr(GArray) box = pv_vector_layer_query_box (vl, -G_MAXDOUBLE, -G_MAXDOUBLE,
                                                                G_MAXDOUBLE, G_MAXDOUBLE);

              g_test_message ("  identify (%g, %g): %u hits; box: %u", qx, qy,
                              hits ? hits->len : 0, box ? box->len : 0);
              for (guint h = 0; hits != NULL && h < hits->len; h++)
                g_assert_cmpuint (g_array_index (hits, guint, h), <, pv_vector_layer_get_n_features (vl));
            }
        }
      else if (PV_IS_RASTER_LAYER (layer))
        {
          g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
          g_autoptr(GArray) nodata = g_array_new (FALSE, FALSE, sizeof (gboolean));
          g_autoptr(GError) sample_error = NULL;
          double cx, cy;
          int column = 0, row = 0;

          pv_viewport_get_center (vp, &cx, &cy);
          if (!pv_raster_layer_sample (PV_RASTER_LAYER (layer), NULL, cx, cy, values, nodata,
                                       &column, &row, &sample_error) && sample_error != NULL)
            assert_says_what (sample_error->message, path);
          g_test_message ("  identify: pixel %d, %d, %u bands", column, row, values->len);
        }
    }

  render_cancelled (map, vp);

  g_test_message ("  peak memory added: %ld KiB", max_rss_kb () - rss0);
  g_assert_cmpint (max_rss_kb () - rss0, <, MEMORY_BOUND_KB);
  return layers->len;
}

/* ------------------------------------------------------------- tests */

typedef struct
{
  const char *name;
  char     *(*make) (void);
  Expect      expect;
  int         map_epsg;   /* the map's CRS; 0: the first layer's */
  /* What the layers' notices must say (C locale), NULL-terminated. */
  const char *notices[5];
} Case;

static const Case cases[] = {
  { "wild-coordinates", make_wild_coordinates, EXPECT_DRAWN, 0,
    { "4 features with coordinates that are not numbers (NaN or infinite) were skipped.",
      "5 features with coordinates beyond ±10¹⁰ (far outside any map) were skipped.", NULL } },
  { "only-wild-coordinates", make_only_wild_coordinates, EXPECT_ANY, 0,
    { "2 features with coordinates that are not numbers", NULL } },
  { "wild-geojson", make_wild_geojson, EXPECT_DRAWN, 0,
    { "3 features with coordinates that are not numbers (NaN or infinite) were skipped.",
      "2 features with coordinates beyond ±10¹⁰ (far outside any map) were skipped.",
      "1 feature whose geometry is nested more than 32 collections deep was skipped.",
      "2 features whose polygons have no area (empty rings, fewer than three corners or all in a line) were skipped.",
      NULL } },
  /* GDAL reads WKB through at most 32 nested collections. */
  { "nested-gpkg", make_nested_gpkg, EXPECT_DRAWN, 0,
    { "1 feature whose geometry cannot be read (corrupt, or nested too deep) was skipped.", NULL } },
  { "nested-geojson", make_nested_geojson, EXPECT_ANY },
  { "degenerate", make_degenerate, EXPECT_DRAWN, 0,
    { "4 features whose polygons have no area (empty rings, fewer than three corners or all in a line) were skipped.",
      NULL } },
  { "million-vertices", make_million_vertices, EXPECT_DRAWN },
  { "recursive-dxf", make_recursive_dxf, EXPECT_DRAWN },
  { "sparse-gtiff", make_sparse_gtiff, EXPECT_ANY },
  { "strip-gtiff", make_strip_gtiff, EXPECT_ANY },
  { "huge-vrt", make_huge_vrt, EXPECT_DRAWN },
  /* The same drawn on a map in WGS 84: through a warped VRT, which reads
   * every source pixel under what it warps. */
  { "reprojected-sparse-gtiff", make_sparse_gtiff, EXPECT_ANY, 4326 },
  { "reprojected-strip-gtiff", make_strip_gtiff, EXPECT_ANY, 4326 },
  { "reprojected-huge-vrt", make_huge_vrt, EXPECT_ANY, 4326 },
  { "claimed-count-dbf", make_claimed_count_dbf, EXPECT_ANY, 0 },
};

/* A file that names no CRS and holds a wild feature: the notice says both;
 * once the user sets the CRS, it says only what was skipped. */
static void
test_notice_after_crs (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-crs.shp", NULL);
  GDALDatasetH ds = GDALCreate (GDALGetDriverByName ("ESRI Shapefile"), path, 0, 0, 0, GDT_Unknown, NULL);
  OGRLayerH layer = GDALDatasetCreateLayer (ds, "no-crs", NULL, wkbPolygon, NULL);
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) crs = pv_crs_new_from_epsg (32648, NULL);
  const char *notice;

  for (guint i = 0; i < 3; i++)
    {
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      /* (A shapefile takes no NaN.) */
      OGR_F_SetGeometryDirectly (f, square (i == 1 ? 1e11 : 690000 + 200 * i, 1220000, 100));
      g_assert_cmpint (OGR_L_CreateFeature (layer, f), ==, OGRERR_NONE);
      OGR_F_Destroy (f);
    }
  GDALClose (ds);

  layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_assert_no_error (error);
  notice = pv_layer_get_notice (layers->pdata[0]);
  g_test_message ("notice: %s", notice);
  g_assert_cmpstr (notice, ==, "The file does not say which coordinate system it uses (unknown CRS). "
                   "1 feature with coordinates beyond ±10¹⁰ (far outside any map) was skipped.");
  g_assert_cmpuint (pv_vector_layer_get_n_features (layers->pdata[0]), ==, 3);
  g_assert_cmpuint (pv_vector_layer_get_n_geometries (layers->pdata[0]), ==, 2);
  pv_layer_set_crs (layers->pdata[0], crs);
  g_assert_cmpstr (pv_layer_get_notice (layers->pdata[0]), ==,
                   "1 feature with coordinates beyond ±10¹⁰ (far outside any map) was skipped.");
}

/* Memory asked for and never touched is not in the peak (maxrss): a bound
 * on the address space makes it fail too, where nothing else reserves
 * address space by the terabyte (the sanitizers, valgrind). */
static void
limit_address_space (void)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return;
#elif defined(__has_feature)
# if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
  return;
# endif
#endif
  {
    const char *preload = g_getenv ("LD_PRELOAD");
    struct rlimit limit = { ADDRESS_SPACE_BOUND, ADDRESS_SPACE_BOUND };

    if (preload != NULL && strstr (preload, "vgpreload") != NULL)
      return;
    g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
  }
}

static void
run_case (gconstpointer data)
{
  const Case *c = data;

  if (g_test_subprocess ())
    {
      g_autofree char *path = NULL;

      /* GDAL's block cache is the one cache allowed to grow: bound it. */
      GDALSetCacheMax64 (64 * 1024 * 1024);
      limit_address_space ();
      path = c->make ();
      exercise (path, c->expect, c->map_epsg, c->notices);
      /* The subprocess ends with the test, before main() cleans up. */
      pv_test_remove_dir (tmp_dir);
      return;
    }
  g_test_trap_subprocess (NULL, SUBPROCESS_TIMEOUT_USEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  pv_core_init ();
  tmp_dir = pv_test_make_temp_dir ("pv-limits");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/core/limits/%s", cases[i].name);

      g_test_add_data_func (test_path, &cases[i], run_case);
    }
  g_test_add_func ("/core/limits/notice-after-crs", test_notice_after_crs);

  ret = g_test_run ();
  pv_test_remove_dir (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
