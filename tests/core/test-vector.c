/* test-vector.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdal_utils.h>
#include <glib/gstdio.h>
#include <math.h>

#include "pv-core.h"
#include "pv-test-util.h"

typedef struct
{
  const char *path;        /* under realdata/ */
  guint       n_layers;
  guint       n_features;  /* of the first layer */
  int         epsg;        /* 0: unknown CRS, -1: a CRS without EPSG code */
  int         kind;        /* PvGeometryKind of the first drawable feature, -1 none */
} RealVector;

/* Counts and CRSs as GDAL 3.6 reports them (realdata/MANIFEST.md). */
static const RealVector real_vectors[] = {
  { "vector/shp_coutwildrnp/coutwildrnp.shp", 1, 67, 4326, PV_GEOMETRY_KIND_POLYGON },
  { "vector/shp_naturalearth_lowres/naturalearth_lowres.shp", 1, 177, 4326, PV_GEOMETRY_KIND_POLYGON },
  { "vector/shp_mexico_noprj/states.shp", 1, 32, 0, PV_GEOMETRY_KIND_POLYGON },
  { "vector/shp_mexico_noprj/cities.shp", 1, 36, 0, PV_GEOMETRY_KIND_POINT },
  { "vector/shp_mexico_noprj/roads.shp", 1, 105, 0, PV_GEOMETRY_KIND_LINE },
  { "vector/shp_poly_osgb27700/poly.shp", 1, 10, 27700, PV_GEOMETRY_KIND_POLYGON },
  { "vector/shp_mn_counties_utm15n/mn_counties.shp", 1, 117, 26915, PV_GEOMETRY_KIND_POLYGON },
  { "vector/shp_stacks_texas_ftus/Stacks.shp", 1, 1, 2278, PV_GEOMETRY_KIND_POLYGON },
  { "vector/shp_3d_breaklines_masspoints/brklinz.shp", 1, 122, 0, PV_GEOMETRY_KIND_LINE },
  { "vector/shp_multipatch_mpatch3/mpatch3.shp", 1, 473, 0, PV_GEOMETRY_KIND_POLYGON },
  { "vector/shp_measured_m_zm/polygonm_with_m.shp", 1, 2, 0, PV_GEOMETRY_KIND_POLYGON },
  { "vector/dbf_chinese_cp936/chinese.dbf", 1, 1, 0, -1 },
  { "vector/tab_win1251/tab-win1251.TAB", 1, 3, -1, -1 },
  { "vector/mif_win1251/win1251.mif", 1, 3, -1, -1 },
  { "vector/mif_all_geoms/all_geoms.mif", 1, 16, 0, -1 },
  { "vector/dgn_canada/canada.dgn", 1, 12, 0, -1 },
  { "vector/dxf_assorted/assorted.dxf", 1, 22, 0, -1 },
  { "vector/gpkg_curves/curvepolygon.gpkg", 1, 1, 4326, PV_GEOMETRY_KIND_POLYGON },
  { "vector/gpkg_curves/curve.gpkg", 1, 1, 4326, PV_GEOMETRY_KIND_LINE },
  { "vector/gpkg_curves/multisurface.gpkg", 1, 1, 4326, PV_GEOMETRY_KIND_POLYGON },
  { "vector/gpkg_line_zm/line_zm.gpkg", 1, 1, 4326, PV_GEOMETRY_KIND_LINE },
  { "vector/gpkg_nulls/test_gpkg_nulls.gpkg", 1, 4, 4326, PV_GEOMETRY_KIND_POINT },
  { "vector/geojson_rmnp/rmnp.geojson", 1, 1, 4326, PV_GEOMETRY_KIND_POLYGON },
  { "vector/geojson_geometrycollection/geometrycollection.geojson", 1, 1, 4326, -1 },
  { "vector/kml_samples/samples.kml", 10, 0, 4326, -1 },
  { "vector/gpx_track/test_gpx.gpx", 5, 0, 4326, -1 },
};

static void
test_vector_realdata (void)
{
  g_autofree char *root = pv_test_realdata_path ("");

  if (root == NULL)
    {
      g_test_skip ("../shared/realdata is absent");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (real_vectors); i++)
    {
      const RealVector *rv = &real_vectors[i];
      g_autofree char *path = pv_test_realdata_path (rv->path);
      g_autoptr(GPtrArray) layers = NULL;
      g_autoptr(GError) error = NULL;
      PvVectorLayer *layer;
      PvCrs *crs;

      g_test_message ("%s", rv->path);
      layers = pv_layer_open_all (path, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (layers->len, ==, rv->n_layers);
      g_assert_true (PV_IS_VECTOR_LAYER (layers->pdata[0]));
      layer = layers->pdata[0];
      if (rv->n_features > 0)
        g_assert_cmpuint (pv_vector_layer_get_n_features (layer), ==, rv->n_features);
      crs = pv_layer_get_crs (PV_LAYER (layer));
      if (rv->epsg == 0)
        {
          g_assert_null (crs);
          g_assert_nonnull (pv_layer_get_notice (PV_LAYER (layer)));
        }
      else if (rv->epsg > 0)
        {
          g_assert_nonnull (crs);
          g_assert_cmpint (pv_crs_get_epsg (crs), ==, rv->epsg);
        }
      else
        g_assert_nonnull (crs);

      if (rv->kind >= 0)
        {
          g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
          g_autoptr(PvMap) map = pv_map_new ();
          g_autoptr(PvViewport) vp = pv_viewport_new ();
          cairo_surface_t *image;
          double e[4];

          g_assert_cmpuint (pv_vector_layer_get_n_geometries (layer), >, 0);
          pv_map_add_layer (map, PV_LAYER (layer));
          g_assert_true (pv_map_get_extent (map, &e[0], &e[1], &e[2], &e[3]));
          pv_viewport_set_size (vp, 200, 150);
          pv_viewport_fit_extent (vp, e[0], e[1], e[2], e[3]);
          image = pv_render_map_to_image (map, vp, 2, NULL, errors, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (errors->len, ==, 0);
          cairo_surface_destroy (image);
        }
    }
}

static void
test_vector_multilayer_pick (void)
{
  g_autofree char *path = pv_test_realdata_path ("vector/kml_samples/samples.kml");
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    {
      g_test_skip ("../shared/realdata is absent");
      return;
    }
  layers = pv_layer_open_all (path, "Paths", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_cmpstr (pv_layer_get_source_layer (layers->pdata[0]), ==, "Paths");
  g_clear_pointer (&layers, g_ptr_array_unref);

  layers = pv_layer_open_all (path, "No such layer", NULL, &error);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER);
  g_assert_null (layers);
  g_assert_nonnull (strstr (error->message, "samples.kml"));
}

static void
test_vector_curves_linearised (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;
  double e[4];

  /* A circle as one arc (GDAL reads WKT geometry from a CSV column "WKT"). */
  dir = g_dir_make_tmp ("pv-test-curve-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "circle.csv", NULL);
  g_file_set_contents (path, "id,WKT\n1,\"CURVEPOLYGON(CIRCULARSTRING(0 0,1 1,2 0,1 -1,0 0))\"\n", -1, &error);
  g_assert_no_error (error);
  layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_vector_layer_get_n_geometries (layers->pdata[0]), ==, 1);
  /* The arc becomes many segments, not its control points. */
  g_assert_cmpuint (pv_vector_layer_get_n_vertices (layers->pdata[0]), >, 20);
  g_assert_true (pv_layer_get_extent (layers->pdata[0], &e[0], &e[1], &e[2], &e[3]));
  g_assert_cmpfloat_with_epsilon (e[1], -1.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (e[3], 1.0, 1e-3);
  g_unlink (path);
  g_rmdir (dir);
}

/* Converts a realdata file with GDAL's own translator (FlatGeobuf, zipped
 * shapefile): formats we must read but the corpus does not hold. */
static char *
translate (const char *src,
           const char *dir,
           const char *name,
           const char *format)
{
  g_autofree char *dst = g_build_filename (dir, name, NULL);
  const char *argv[] = { "-f", format, NULL };
  GDALVectorTranslateOptions *options = GDALVectorTranslateOptionsNew ((char **) argv, NULL);
  GDALDatasetH in = GDALOpenEx (src, GDAL_OF_VECTOR, NULL, NULL, NULL);
  GDALDatasetH out;
  int usage_error = 0;

  g_assert_nonnull (in);
  out = GDALVectorTranslate (dst, NULL, 1, &in, options, &usage_error);
  g_assert_nonnull (out);
  GDALClose (out);
  GDALClose (in);
  GDALVectorTranslateOptionsFree (options);
  return g_steal_pointer (&dst);
}

static void
test_vector_flatgeobuf_and_zip (void)
{
  g_autofree char *src = pv_test_realdata_path ("vector/shp_coutwildrnp/coutwildrnp.shp");
  g_autofree char *dir = NULL;
  g_autofree char *fgb = NULL;
  g_autofree char *zip = NULL;
  g_autofree char *vsizip = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[2];

  if (src == NULL)
    {
      g_test_skip ("../shared/realdata is absent");
      return;
    }
  dir = g_dir_make_tmp ("pv-test-vector-XXXXXX", &error);
  g_assert_no_error (error);
  fgb = translate (src, dir, "wild.fgb", "FlatGeobuf");
  zip = translate (src, dir, "wild.shp.zip", "ESRI Shapefile");
  vsizip = g_strconcat ("/vsizip/", zip, "/coutwildrnp.shp", NULL);
  paths[0] = fgb;
  paths[1] = vsizip;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GPtrArray) layers = pv_layer_open_all (paths[i], NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (layers->len, ==, 1);
      g_assert_cmpuint (pv_vector_layer_get_n_features (layers->pdata[0]), ==, 67);
      g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (layers->pdata[0])), ==, 4326);
    }
  g_unlink (fgb);
  g_unlink (zip);
  g_rmdir (dir);
}

static void
test_vector_attributes (void)
{
  g_autofree char *path = pv_test_realdata_path ("vector/gpkg_nulls/test_gpkg_nulls.gpkg");
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;
  PvVectorLayer *layer;
  guint n_fields;

  if (path == NULL)
    {
      g_test_skip ("../shared/realdata is absent");
      return;
    }
  layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_assert_no_error (error);
  layer = layers->pdata[0];
  n_fields = pv_vector_layer_get_n_fields (layer);
  g_assert_cmpuint (n_fields, >, 5);
  for (guint f = 0; f < pv_vector_layer_get_n_features (layer); f++)
    {
      g_auto(GStrv) values = pv_vector_layer_dup_attributes (layer, f, &error);
      guint n_null = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < n_fields; i++)
        n_null += values[i] == NULL;
      /* The last row is all NULL (MANIFEST V19). */
      if (f == 3)
        g_assert_cmpuint (n_null, ==, n_fields);
      else
        g_assert_cmpuint (n_null, <, n_fields);
    }
}

static void
test_vector_bad_coordinates (void)
{
  const char *files[] = {
    "bad/shp_pointnan/pointnan.shp",
    "bad/shp_extentnan/extentnan.shp",
    "bad/shp_bigoffset_huge_coords/bigoffset.shp",
    "bad/shp_empty/empty.shp",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = pv_test_realdata_path (files[i]);
      g_autoptr(GPtrArray) layers = NULL;
      g_autoptr(GError) error = NULL;
      double e[4];

      if (path == NULL)
        {
          g_test_skip ("../shared/realdata is absent");
          return;
        }
      layers = pv_layer_open_all (path, NULL, NULL, &error);
      g_assert_no_error (error);
      /* Whatever the file claims, an extent is finite or absent. */
      if (pv_layer_get_extent (layers->pdata[0], &e[0], &e[1], &e[2], &e[3]))
        for (guint k = 0; k < 4; k++)
          g_assert_true (isfinite (e[k]));

      {
        g_autoptr(PvMap) map = pv_map_new ();
        g_autoptr(PvViewport) vp = pv_viewport_new ();
        cairo_surface_t *image;

        pv_map_add_layer (map, layers->pdata[0]);
        pv_viewport_set_size (vp, 64, 64);
        if (pv_map_get_extent (map, &e[0], &e[1], &e[2], &e[3]))
          pv_viewport_fit_extent (vp, e[0], e[1], e[2], e[3]);
        image = pv_render_map_to_image (map, vp, 1, NULL, NULL, NULL, &error);
        g_assert_no_error (error);
        cairo_surface_destroy (image);
      }
    }
}

static void
test_vector_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all ("/nonexistent/quy_hoach.shp", NULL, NULL, &error);

  g_assert_null (layers);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "quy_hoach.shp"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/vector/realdata", test_vector_realdata);
  g_test_add_func ("/core/vector/multilayer-pick", test_vector_multilayer_pick);
  g_test_add_func ("/core/vector/curves-linearised", test_vector_curves_linearised);
  g_test_add_func ("/core/vector/flatgeobuf-and-zip", test_vector_flatgeobuf_and_zip);
  g_test_add_func ("/core/vector/attributes", test_vector_attributes);
  g_test_add_func ("/core/vector/bad-coordinates", test_vector_bad_coordinates);
  g_test_add_func ("/core/vector/missing-file", test_vector_missing_file);

  return g_test_run ();
}
