/* test-cli-info.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pv-cli-test-util.h"
#include "pv-test-util.h"

/* Runs `info --json [extra] FILE…`, checks it exited with status and returns
 * the parsed array of layer objects. */
static JsonArray *
info_json (int                 status,
           const char * const *files,
           gboolean            features)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(PvCliResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_ptr_array_add (args, (gpointer) "info");
  g_ptr_array_add (args, (gpointer) "--json");
  if (features)
    g_ptr_array_add (args, (gpointer) "--features");
  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) files[i]);
  g_ptr_array_add (args, NULL);

  result = pv_cli_runv ((const char * const *) args->pdata);
  pv_cli_assert_exit (result, status);
  if (status == 0)
    g_assert_cmpstr (result->err, ==, "");
  else
    pv_cli_assert_error_lines (result);

  g_assert_true (g_utf8_validate (result->out, -1, NULL));
  json_parser_load_from_data (parser, result->out, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_ref (json_node_get_array (root));
}

static JsonArray *
info_json_one (const char *file,
               gboolean    features)
{
  const char *files[] = { file, NULL };

  return info_json (0, files, features);
}

static gboolean
member_is_null (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node);
}

/* epsg: the expected code, 0 for an unknown CRS (crs: null), -1 for a known
 * CRS that has no EPSG code or whose code is not checked. */
static void
assert_crs (JsonObject *layer,
            int         epsg)
{
  JsonObject *crs;

  if (epsg == 0)
    {
      g_assert_true (member_is_null (layer, "crs"));
      return;
    }
  g_assert_false (member_is_null (layer, "crs"));
  crs = json_object_get_object_member (layer, "crs");
  g_assert_nonnull (json_object_get_string_member (crs, "name"));
  g_assert_nonnull (json_object_get_string_member (crs, "label"));
  g_assert_true (json_object_has_member (crs, "epsg"));
  if (epsg > 0)
    {
      g_assert_false (member_is_null (crs, "epsg"));
      g_assert_cmpint (json_object_get_int_member (crs, "epsg"), ==, epsg);
    }
}

static void
assert_extent (JsonObject *layer,
               double      xmin,
               double      ymin,
               double      xmax,
               double      ymax,
               double      tolerance)
{
  JsonArray *extent;

  g_assert_false (member_is_null (layer, "extent"));
  extent = json_object_get_array_member (layer, "extent");
  g_assert_cmpuint (json_array_get_length (extent), ==, 4);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (extent, 0), xmin, tolerance);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (extent, 1), ymin, tolerance);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (extent, 2), xmax, tolerance);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (extent, 3), ymax, tolerance);
}

/* Real data -------------------------------------------------------------- */

typedef struct
{
  const char *path;
  const char *driver;
  guint       n_layers;
  gint64      n_features;  /* summed over the layers */
  int         epsg;        /* as assert_crs() */
} VectorCase;

static const VectorCase vector_cases[] = {
  { "vector/shp_coutwildrnp/coutwildrnp.shp", "ESRI Shapefile", 1, 67, 4326 },
  { "vector/shp_naturalearth_lowres/naturalearth_lowres.shp", "ESRI Shapefile", 1, 177, 4326 },
  { "vector/shp_mexico_noprj/cities.shp", "ESRI Shapefile", 1, 36, 0 },
  { "vector/shp_mexico_noprj/roads.shp", "ESRI Shapefile", 1, 105, 0 },
  { "vector/shp_mexico_noprj/states.shp", "ESRI Shapefile", 1, 32, 0 },
  { "vector/shp_poly_osgb27700/poly.shp", "ESRI Shapefile", 1, 10, 27700 },
  { "vector/shp_mn_counties_utm15n/mn_counties.shp", "ESRI Shapefile", 1, 117, 26915 },
  { "vector/shp_stacks_texas_ftus/Stacks.shp", "ESRI Shapefile", 1, 1, 2278 },
  { "vector/shp_3d_breaklines_masspoints/brklinz.shp", "ESRI Shapefile", 1, 122, 0 },
  { "vector/shp_3d_breaklines_masspoints/masspntz.shp", "ESRI Shapefile", 1, 815, 0 },
  { "vector/shp_multipatch_mpatch3/mpatch3.shp", "ESRI Shapefile", 1, 473, 0 },
  { "vector/shp_measured_m_zm/polygonm_with_m.shp", "ESRI Shapefile", 1, 2, 0 },
  { "vector/shp_measured_m_zm/arcm_with_m.shp", "ESRI Shapefile", 1, 2, 0 },
  { "vector/shp_measured_m_zm/testpointzm.shp", "ESRI Shapefile", 1, 1, 0 },
  { "vector/shp_latin1_nocpg/latin1.shp", "ESRI Shapefile", 1, 2, 0 },
  { "vector/dbf_chinese_cp936/chinese.dbf", "ESRI Shapefile", 1, 1, 0 },
  { "vector/tab_win1251/tab-win1251.TAB", "MapInfo File", 1, 3, -1 },
  { "vector/mif_win1251/win1251.mif", "MapInfo File", 1, 3, -1 },
  { "vector/mif_all_geoms/all_geoms.mif", "MapInfo File", 1, 16, 0 },
  { "vector/dgn_canada/canada.dgn", "DGN", 1, 12, 0 },
  { "vector/dxf_assorted/assorted.dxf", "DXF", 1, 22, 0 },
  { "vector/gpkg_curves/curve.gpkg", "GPKG", 1, 1, 4326 },
  { "vector/gpkg_curves/curvepolygon.gpkg", "GPKG", 1, 1, 4326 },
  { "vector/gpkg_curves/multisurface.gpkg", "GPKG", 1, 1, 4326 },
  { "vector/gpkg_line_zm/line_zm.gpkg", "GPKG", 1, 1, 4326 },
  { "vector/gpkg_nulls/test_gpkg_nulls.gpkg", "GPKG", 1, 4, 4326 },
  { "vector/geojson_rmnp/rmnp.geojson", "GeoJSON", 1, 1, 4326 },
  { "vector/geojson_geometrycollection/geometrycollection.geojson", "GeoJSON", 1, 1, 4326 },
  { "vector/kml_samples/samples.kml", "LIBKML", 10, 21, 4326 },
  { "vector/gpx_track/test_gpx.gpx", "GPX", 5, 20, 4326 },
  { "vietnam/geoBoundaries-VNM-ADM1.shp", "ESRI Shapefile", 1, 64, 4326 },
  { "vietnam/geoBoundaries-VNM-ADM1.geojson", "GeoJSON", 1, 64, 4326 },
  { "vietnam/geoBoundaries-VNM-ADM1_simplified.geojson", "GeoJSON", 1, 64, 4326 },
  { "vietnam/geoBoundaries-VNM-ADM1.topojson", "TopoJSON", 1, 64, 0 },
};

static void
test_realdata_vector (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (vector_cases); i++)
    {
      const VectorCase *c = &vector_cases[i];
      g_autofree char *path = pv_cli_realdata_or_skip (c->path);
      g_autoptr(JsonArray) layers = NULL;
      gint64 n_features = 0;

      if (path == NULL)
        return;
      g_test_message ("%s", c->path);
      layers = info_json_one (path, FALSE);
      g_assert_cmpuint (json_array_get_length (layers), ==, c->n_layers);
      for (guint l = 0; l < c->n_layers; l++)
        {
          JsonObject *layer = json_array_get_object_element (layers, l);
          JsonArray *fields = json_object_get_array_member (layer, "fields");

          g_assert_cmpstr (json_object_get_string_member (layer, "file"), ==, path);
          g_assert_cmpstr (json_object_get_string_member (layer, "kind"), ==, "vector");
          g_assert_cmpstr (json_object_get_string_member (layer, "driver"), ==, c->driver);
          g_assert_false (member_is_null (layer, "layer"));
          g_assert_false (member_is_null (layer, "geometry_type"));
          g_assert_true (json_object_has_member (layer, "notice"));
          g_assert_true (json_object_has_member (layer, "extent"));
          g_assert_false (json_object_has_member (layer, "features"));
          for (guint f = 0; f < json_array_get_length (fields); f++)
            {
              JsonObject *field = json_array_get_object_element (fields, f);

              g_assert_nonnull (json_object_get_string_member (field, "name"));
              g_assert_nonnull (json_object_get_string_member (field, "type"));
            }
          assert_crs (layer, c->epsg);
          n_features += json_object_get_int_member (layer, "feature_count");
        }
      g_assert_cmpint (n_features, ==, c->n_features);
    }
}

typedef struct
{
  const char *path;
  const char *driver;
  gint64      bands;
  const char *data_type;
  gint64      width;
  gint64      height;
  int         epsg;
} RasterCase;

static const RasterCase raster_cases[] = {
  { "raster/RGB.byte.tif", "GTiff", 3, "Byte", 791, 718, 32618 },
  { "raster/shade.tif", "GTiff", 1, "Byte", 1024, 1024, 3857 },
  { "raster/small_world_pct.tif", "GTiff", 1, "Byte", 400, 200, 4326 },
  { "raster/polygonize_check_area.tif", "GTiff", 1, "Int16", 493, 830, 26912 },
  { "raster/n43.dt0", "DTED", 1, "Int16", 121, 121, 4326 },
  { "raster/cogeo.tif", "GTiff", 3, "Byte", 1024, 1024, 3857 },
  { "raster/stefan_full_rgba.tif", "GTiff", 4, "Byte", 162, 150, 0 },
  { "raster/rotated.tif", "GTiff", 1, "Byte", 10, 15, 0 },
  { "raster/utmsmall.tif", "GTiff", 1, "Byte", 100, 100, 26711 },
  { "raster/land_shallow_topo_2048.tif", "GTiff", 3, "Byte", 512, 256, 0 },
};

static void
test_realdata_raster (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (raster_cases); i++)
    {
      const RasterCase *c = &raster_cases[i];
      g_autofree char *path = pv_cli_realdata_or_skip (c->path);
      g_autoptr(JsonArray) layers = NULL;
      JsonObject *layer;

      if (path == NULL)
        return;
      g_test_message ("%s", c->path);
      layers = info_json_one (path, FALSE);
      g_assert_cmpuint (json_array_get_length (layers), ==, 1);
      layer = json_array_get_object_element (layers, 0);
      g_assert_cmpstr (json_object_get_string_member (layer, "kind"), ==, "raster");
      g_assert_cmpstr (json_object_get_string_member (layer, "driver"), ==, c->driver);
      g_assert_cmpint (json_object_get_int_member (layer, "bands"), ==, c->bands);
      g_assert_cmpstr (json_object_get_string_member (layer, "data_type"), ==, c->data_type);
      g_assert_cmpint (json_object_get_int_member (layer, "width"), ==, c->width);
      g_assert_cmpint (json_object_get_int_member (layer, "height"), ==, c->height);
      g_assert_false (json_object_has_member (layer, "feature_count"));
      assert_crs (layer, c->epsg);
    }
}

static void
test_realdata_extent (void)
{
  g_autofree char *rgb = pv_cli_realdata_or_skip ("raster/RGB.byte.tif");
  g_autofree char *utm = pv_cli_realdata_or_skip ("raster/utmsmall.tif");
  g_autofree char *poly = pv_cli_realdata_or_skip ("vector/shp_poly_osgb27700/poly.shp");
  g_autoptr(JsonArray) layers = NULL;

  if (rgb == NULL || utm == NULL || poly == NULL)
    return;

  /* The numbers gdalinfo / ogrinfo print for these files. */
  layers = info_json_one (rgb, FALSE);
  assert_extent (json_array_get_object_element (layers, 0), 101985.0, 2611485.0, 339315.0, 2826915.0, 1e-3);
  g_clear_pointer (&layers, json_array_unref);
  layers = info_json_one (utm, FALSE);
  assert_extent (json_array_get_object_element (layers, 0), 440720.0, 3745320.0, 446720.0, 3751320.0, 1e-6);
  g_clear_pointer (&layers, json_array_unref);
  layers = info_json_one (poly, FALSE);
  assert_extent (json_array_get_object_element (layers, 0), 478315.53125, 4762880.5, 481645.3125, 4765610.5, 1e-6);
}

static void
test_text (void)
{
  g_autofree char *poly = pv_cli_realdata_or_skip ("vector/shp_poly_osgb27700/poly.shp");
  g_autofree char *cities = pv_cli_realdata_or_skip ("vector/shp_mexico_noprj/cities.shp");
  g_autofree char *rgb = pv_cli_realdata_or_skip ("raster/RGB.byte.tif");
  g_autoptr(PvCliResult) result = NULL;
  g_autoptr(GRegex) regex = NULL;

  if (poly == NULL || cities == NULL || rgb == NULL)
    return;

  result = pv_cli_run ("info", poly, cities, rgb, NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_cmpstr (result->err, ==, "");

  /* poly.shp: British National Grid, 10 features, three fields. */
  g_assert_true (g_regex_match_simple ("^Driver: +ESRI Shapefile$", result->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^EPSG: +27700$", result->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Features: +10$", result->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Extent: +xmin 478315\\.531, ymin 4762880\\.500, "
                                       "xmax 481645\\.31[23], ymax 4765610\\.500$",
                                       result->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  AREA \\(Real\\)$", result->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  PRFEDEA \\(String\\)$", result->out, G_REGEX_MULTILINE, 0));
  /* cities.shp has no .prj: the CRS is unknown, never guessed. */
  g_assert_true (g_regex_match_simple ("^CRS: +unknown$", result->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^EPSG: +unknown$", result->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Features: +36$", result->out, G_REGEX_MULTILINE, 0));
  /* The raster. */
  g_assert_true (g_regex_match_simple ("^Kind: +raster$", result->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Size: +791 × 718 pixels$", result->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Bands: +3 \\(.*, Byte\\)$", result->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^EPSG: +32618$", result->out, G_REGEX_MULTILINE, 0));
  /* No feature values without --features. */
  g_assert_null (strstr (result->out, "35043411"));
}

static void
test_features (void)
{
  g_autofree char *poly = pv_cli_realdata_or_skip ("vector/shp_poly_osgb27700/poly.shp");
  g_autofree char *nulls = pv_cli_realdata_or_skip ("vector/gpkg_nulls/test_gpkg_nulls.gpkg");
  g_autofree char *latin1 = pv_cli_realdata_or_skip ("vector/shp_latin1_nocpg/latin1.shp");
  g_autoptr(JsonArray) layers = NULL;
  JsonArray *features;
  JsonObject *feature;
  guint n_null = 0;

  if (poly == NULL || nulls == NULL || latin1 == NULL)
    return;

  layers = info_json_one (poly, TRUE);
  features = json_object_get_array_member (json_array_get_object_element (layers, 0), "features");
  g_assert_cmpuint (json_array_get_length (features), ==, 10);
  feature = json_array_get_object_element (features, 0);
  g_assert_cmpuint (json_object_get_size (feature), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (feature, "EAS_ID"), ==, "168");
  g_assert_cmpstr (json_object_get_string_member (feature, "PRFEDEA"), ==, "35043411");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (json_object_get_string_member (feature, "AREA"), NULL),
                                  215229.266, 1e-3);
  g_clear_pointer (&layers, json_array_unref);

  /* The last row of test_gpkg_nulls is all NULL: JSON nulls. */
  layers = info_json_one (nulls, TRUE);
  features = json_object_get_array_member (json_array_get_object_element (layers, 0), "features");
  g_assert_cmpuint (json_array_get_length (features), ==, 4);
  feature = json_array_get_object_element (features, 3);
  g_assert_cmpuint (json_object_get_size (feature), >, 0);
  {
    g_autoptr(GList) members = json_object_get_members (feature);

    for (GList *m = members; m != NULL; m = m->next)
      n_null += member_is_null (feature, m->data);
  }
  g_assert_cmpuint (n_null, ==, json_object_get_size (feature));
  g_clear_pointer (&layers, json_array_unref);

  /* Undeclared Latin-1 bytes still give valid UTF-8 JSON (checked in info_json). */
  layers = info_json_one (latin1, TRUE);
  features = json_object_get_array_member (json_array_get_object_element (layers, 0), "features");
  g_assert_cmpuint (json_array_get_length (features), ==, 2);

  /* The text form lists the values too. */
  {
    g_autoptr(PvCliResult) result = pv_cli_run ("info", "--features", poly, NULL);

    pv_cli_assert_exit (result, 0);
    g_assert_true (g_regex_match_simple ("^  PRFEDEA = 35043411$", result->out, G_REGEX_MULTILINE, 0));
    g_assert_true (g_regex_match_simple ("^Feature 9:$", result->out, G_REGEX_MULTILINE, 0));
  }
}

static void
test_missing_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pv-cli-info-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "nothing-here.shp", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk.shp", NULL);
  g_autoptr(PvCliResult) result = NULL;

  result = pv_cli_run ("info", missing, NULL);
  pv_cli_assert_exit (result, 2);
  pv_cli_assert_one_error_line (result);
  g_assert_nonnull (strstr (result->err, "nothing-here.shp"));
  g_assert_cmpstr (result->out, ==, "");
  g_clear_pointer (&result, pv_cli_result_free);

  g_assert_true (g_file_set_contents (junk, "this is not a shapefile\n", -1, NULL));
  result = pv_cli_run ("info", "--json", junk, NULL);
  pv_cli_assert_exit (result, 2);
  pv_cli_assert_one_error_line (result);
  g_assert_nonnull (strstr (result->err, "junk.shp"));

  g_remove (junk);
  g_rmdir (dir);
}

static void
test_one_of_several_fails (void)
{
  g_autofree char *poly = pv_cli_realdata_or_skip ("vector/shp_poly_osgb27700/poly.shp");
  g_autofree char *cities = pv_cli_realdata_or_skip ("vector/shp_mexico_noprj/cities.shp");
  g_autoptr(JsonArray) layers = NULL;

  if (poly == NULL || cities == NULL)
    return;

  {
    const char *files[] = { poly, "/nonexistent/missing.shp", cities, NULL };

    /* The others are still described; the failure is one stderr line. */
    layers = info_json (2, files, FALSE);
    g_assert_cmpuint (json_array_get_length (layers), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (layers, 0), "file"), ==, poly);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (layers, 1), "file"), ==, cities);
  }
  {
    g_autoptr(PvCliResult) result = pv_cli_run ("info", poly, "/nonexistent/missing.shp", NULL);

    pv_cli_assert_exit (result, 2);
    pv_cli_assert_one_error_line (result);
    g_assert_nonnull (strstr (result->err, "missing.shp"));
    g_assert_true (g_regex_match_simple ("^Features: +10$", result->out, G_REGEX_MULTILINE, 0));
  }
}

/* data-samples/ ------------------------------------------------------------ */

static void
test_samples (void)
{
  const struct { const char *file; const char *kind; int epsg; } samples[] = {
    /* Bình Dương's VN-2000 TM-3 zone, except roads (VN-2000 UTM 48N) and POIs (WGS 84). */
    { "districts.shp", "vector", 9210 },
    { "quy_hoach_2030.shp", "vector", 9210 },
    { "hien_trang_2024.shp", "vector", 9210 },
    { "rivers.shp", "vector", 9210 },
    { "roads.shp", "vector", 3405 },
    { "poi.geojson", "vector", 4326 },
    { "ortho_thu_dau_mot.tif", "raster", 9210 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = pv_cli_sample_or_skip (samples[i].file);
      g_autoptr(JsonArray) layers = NULL;
      g_autoptr(PvCliResult) text = NULL;
      JsonObject *layer;

      if (path == NULL)
        return;
      g_test_message ("%s", samples[i].file);
      layers = info_json_one (path, g_str_equal (samples[i].kind, "vector"));
      g_assert_cmpuint (json_array_get_length (layers), ==, 1);
      layer = json_array_get_object_element (layers, 0);
      g_assert_cmpstr (json_object_get_string_member (layer, "kind"), ==, samples[i].kind);
      assert_crs (layer, samples[i].epsg);
      g_assert_false (member_is_null (layer, "extent"));
      if (g_str_equal (samples[i].kind, "vector"))
        {
          gint64 n = json_object_get_int_member (layer, "feature_count");

          g_assert_cmpint (n, >, 0);
          g_assert_cmpint (json_array_get_length (json_object_get_array_member (layer, "features")), ==, n);
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (layer, "fields")), >, 0);
        }
      else
        {
          g_assert_cmpint (json_object_get_int_member (layer, "width"), >, 0);
          g_assert_cmpint (json_object_get_int_member (layer, "height"), >, 0);
        }

      text = pv_cli_run ("info", path, NULL);
      pv_cli_assert_exit (text, 0);
      g_assert_true (g_utf8_validate (text->out, -1, NULL));
      g_assert_true (g_regex_match_simple ("^CRS: +\\S", text->out, G_REGEX_MULTILINE, 0));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/info/realdata-vector", test_realdata_vector);
  g_test_add_func ("/cli/info/realdata-raster", test_realdata_raster);
  g_test_add_func ("/cli/info/realdata-extent", test_realdata_extent);
  g_test_add_func ("/cli/info/text", test_text);
  g_test_add_func ("/cli/info/features", test_features);
  g_test_add_func ("/cli/info/missing-file", test_missing_file);
  g_test_add_func ("/cli/info/one-of-several-fails", test_one_of_several_fails);
  g_test_add_func ("/cli/info/samples", test_samples);

  return g_test_run ();
}
