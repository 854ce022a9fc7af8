/* test-postgis.c — PostGIS layers against a real PostgreSQL + PostGIS server
 * (tests/pg/pv-pg-server.sh), loaded with the sample's land use.
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gdal.h>
#include <math.h>
#include <string.h>

#include "pv-core.h"
#include "pv-labeling.h"
#include "pv-landuse-stats.h"
#include "pv-legend.h"
#include "pv-renderer.h"
#include "pv-error.h"
#include "pv-map.h"
#include "pv-pg.h"
#include "pv-pg-test-util.h"
#include "pv-project.h"
#include "pv-test-util.h"
#include "pv-trust.h"
#include "pv-vector-layer.h"
#include "pv-viewport.h"

static PvTestPg *pg;
static char *skip_reason;

/* The city view of the benchmark: 1 km × 0.6 km of central Thủ Dầu Một. */
#define CITY_X0 597871.0
#define CITY_Y0 1214136.0
#define CITY_X1 598871.0
#define CITY_Y1 1214736.0

static gboolean
need_server (void)
{
  if (pg == NULL)
    {
      g_test_skip (skip_reason);
      return FALSE;
    }
  return TRUE;
}

static PvPgConnection *
test_connection (void)
{
  return pv_pg_connection_parse (pg->source);
}

static PvVectorLayer *
open_parcels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (pg->source, "parcels", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_true (PV_IS_VECTOR_LAYER (layers->pdata[0]));
  return g_object_ref (layers->pdata[0]);
}

static PvViewport *
make_view (double x0,
           double y0,
           double x1,
           double y1)
{
  PvViewport *viewport = pv_viewport_new ();

  pv_viewport_set_size (viewport, 1000, 600);
  pv_viewport_fit_extent (viewport, x0, y0, x1, y1);
  return viewport;
}

static PvVectorLayer *
open_sample_file (void)
{
  g_autofree char *path = pv_test_sample_path ("hien_trang_2024.shp");
  PvLayer *layer = pv_test_open_layer (path);

  g_assert_true (pv_layer_prepare (layer, pv_layer_get_crs (layer), NULL, NULL));
  return PV_VECTOR_LAYER (layer);
}

/* The table as a layer (the session's password set), its window loaded for
 * the city view. */
static PvVectorLayer *
open_parcels_in_city (void)
{
  g_autoptr(PvPgConnection) connection = test_connection ();
  g_autoptr(PvViewport) city = make_view (CITY_X0, CITY_Y0, CITY_X1, CITY_Y1);
  g_autoptr(GError) error = NULL;
  PvVectorLayer *layer;

  pv_pg_set_password (connection, PV_TEST_PG_PASSWORD);
  layer = open_parcels ();
  g_assert_true (pv_layer_prepare_view (PV_LAYER (layer), NULL, city, NULL, &error));
  g_assert_no_error (error);
  return layer;
}

static void
test_connection_strings (void)
{
  g_autoptr(PvPgConnection) c = pv_pg_connection_new ("/tmp/my socket", 5433, "gis", "o'neil");
  g_autofree char *source = pv_pg_connection_to_source (c);
  g_autoptr(PvPgConnection) back = pv_pg_connection_parse (source);
  g_autofree char *label = pv_pg_connection_dup_label (c);
  g_autofree char *stripped = pv_pg_source_strip_password ("PG:host=db port=5432 password='s3 cr\\'et' dbname=gis");

  g_assert_cmpstr (source, ==, "PG:host='/tmp/my socket' port=5433 dbname=gis user='o\\'neil'");
  g_assert_cmpstr (back->host, ==, "/tmp/my socket");
  g_assert_cmpint (back->port, ==, 5433);
  g_assert_cmpstr (back->dbname, ==, "gis");
  g_assert_cmpstr (back->user, ==, "o'neil");
  g_assert_cmpstr (label, ==, "o'neil@/tmp/my socket:5433/gis");
  g_assert_cmpstr (stripped, ==, "PG:host=db port=5432 dbname=gis");
  g_assert_true (pv_pg_is_source ("pg:dbname=x"));
  g_assert_false (pv_pg_is_source ("/data/parcels.shp"));
  g_assert_null (pv_pg_connection_parse ("/data/parcels.shp"));
}

static void
test_list_tables (void)
{
  g_autoptr(PvPgConnection) connection = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GError) error = NULL;
  PvPgTable *parcels = NULL;

  if (!need_server ())
    return;
  connection = test_connection ();
  pv_pg_set_password (connection, PV_TEST_PG_PASSWORD);
  tables = pv_pg_list_tables (connection, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tables->len; i++)
    if (g_strcmp0 (((PvPgTable *) tables->pdata[i])->name, "parcels") == 0)
      parcels = tables->pdata[i];
  g_assert_nonnull (parcels);
  g_assert_cmpstr (parcels->geometry_column, ==, "geom");
  g_assert_cmpstr (parcels->geometry_type, ==, "Polygon");
  g_assert_nonnull (parcels->crs);
  g_test_message ("parcels: CRS %s", parcels->crs);
  g_assert_nonnull (strstr (parcels->crs, "9210"));
  /* ANALYZE ran after the load: the estimate is the count. */
  g_assert_cmpint (parcels->n_rows, ==, 8166);
}

static void
test_errors (void)
{
  g_autoptr(PvPgConnection) connection = NULL;
  g_autoptr(PvPgConnection) plain = NULL;
  g_autoptr(PvPgConnection) nowhere = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;

  if (!need_server ())
    return;
  connection = test_connection ();

  /* A wrong password, then none (PGPASSWORD is not set in tests). */
  g_assert_null (g_getenv ("PGPASSWORD"));
  pv_pg_set_password (connection, "wrong");
  tables = pv_pg_list_tables (connection, NULL, &error);
  g_assert_null (tables);
  g_assert_error (error, PV_PG_ERROR, PV_PG_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "planviewer@"));
  g_clear_error (&error);
  pv_pg_set_password (connection, NULL);
  tables = pv_pg_list_tables (connection, NULL, &error);
  g_assert_null (tables);
  g_assert_error (error, PV_PG_ERROR, PV_PG_ERROR_AUTH);
  g_clear_error (&error);

  /* No PostGIS. */
  plain = pv_pg_connection_parse (pg->plain_source);
  pv_pg_set_password (plain, PV_TEST_PG_PASSWORD);
  tables = pv_pg_list_tables (plain, NULL, &error);
  g_assert_null (tables);
  g_assert_error (error, PV_PG_ERROR, PV_PG_ERROR_NO_POSTGIS);
  g_assert_nonnull (strstr (error->message, "/plain"));
  g_clear_error (&error);

  /* No server there. */
  missing = g_build_filename (pg->dir, "no-such-folder", NULL);
  nowhere = pv_pg_connection_new (missing, 54329, "planviewer", "planviewer");
  tables = pv_pg_list_tables (nowhere, NULL, &error);
  g_assert_null (tables);
  g_assert_error (error, PV_PG_ERROR, PV_PG_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  /* Online sources off: the driver is not there at all. */
  pv_trust_set_network_enabled (FALSE);
  pv_pg_set_password (connection, PV_TEST_PG_PASSWORD);
  tables = pv_pg_list_tables (connection, NULL, &error);
  g_assert_null (tables);
  g_assert_error (error, PV_PG_ERROR, PV_PG_ERROR_NETWORK_OFF);
  g_clear_error (&error);
  pv_trust_set_network_enabled (TRUE);
}

/* Opens, then loads only the features of the view: a city view loads a
 * small part of the table, the same features a file layer finds there. */
static void
test_window (void)
{
  g_autoptr(PvPgConnection) connection = NULL;
  g_autoptr(PvVectorLayer) layer = NULL;
  g_autoptr(PvVectorLayer) file = NULL;
  g_autoptr(PvViewport) city = NULL;
  g_autoptr(PvViewport) inside = NULL;
  g_autoptr(PvViewport) far = NULL;
  g_autoptr(GArray) in_file = NULL;
  g_autoptr(GError) error = NULL;
  double w[4], w2[4], e[4];
  guint n_city;

  if (!need_server ())
    return;
  connection = test_connection ();
  pv_pg_set_password (connection, PV_TEST_PG_PASSWORD);
  layer = open_parcels ();
  g_assert_true (pv_vector_layer_is_windowed (layer));
  g_assert_cmpstr (pv_layer_get_source (PV_LAYER (layer)), ==, pg->source);
  g_assert_cmpstr (pv_layer_get_source_layer (PV_LAYER (layer)), ==, "parcels");
  g_assert_cmpstr (pv_layer_get_name (PV_LAYER (layer)), ==, "parcels");
  g_assert_cmpstr (pv_vector_layer_get_geometry_type_name (layer), ==, "Polygon");
  /* Nothing read before a view; the table's extent is known. */
  g_assert_cmpuint (pv_vector_layer_get_n_features (layer), ==, 0);
  g_assert_false (pv_vector_layer_get_window (layer, &w[0], &w[1], &w[2], &w[3]));
  g_assert_true (pv_layer_get_extent (PV_LAYER (layer), &e[0], &e[1], &e[2], &e[3]));
  g_assert_cmpfloat (e[0], <, CITY_X0);
  g_assert_cmpfloat (e[2], >, CITY_X1);

  city = make_view (CITY_X0, CITY_Y0, CITY_X1, CITY_Y1);
  g_assert_true (pv_layer_prepare_view (PV_LAYER (layer), pv_layer_get_crs (PV_LAYER (layer)), city, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pv_vector_layer_get_window (layer, &w[0], &w[1], &w[2], &w[3]));
  n_city = pv_vector_layer_get_n_features (layer);
  g_test_message ("city window: %u of 8166 features", n_city);
  g_assert_cmpuint (n_city, >, 0);
  g_assert_cmpuint (n_city, <, 8166 / 20);

  /* The same features as the shapefile has in the window. */
  file = open_sample_file ();
  in_file = pv_vector_layer_query_box (file, w[0], w[1], w[2], w[3]);
  g_assert_cmpuint (n_city, ==, in_file->len);

  /* A view inside the window keeps it; one far away loads another. */
  inside = make_view (CITY_X0 + 100, CITY_Y0 + 100, CITY_X1 - 100, CITY_Y1 - 100);
  g_assert_true (pv_layer_prepare_view (PV_LAYER (layer), NULL, inside, NULL, &error));
  g_assert_true (pv_vector_layer_get_window (layer, &w2[0], &w2[1], &w2[2], &w2[3]));
  g_assert_cmpmem (w, sizeof w, w2, sizeof w2);
  far = make_view (610000, 1240000, 611000, 1240600);
  g_assert_true (pv_layer_prepare_view (PV_LAYER (layer), NULL, far, NULL, &error));
  g_assert_true (pv_vector_layer_get_window (layer, &w2[0], &w2[1], &w2[2], &w2[3]));
  g_assert_cmpfloat (w2[0], >, w[2]);
  g_clear_pointer (&in_file, g_array_unref);
  in_file = pv_vector_layer_query_box (file, w2[0], w2[1], w2[2], w2[3]);
  g_assert_cmpuint (pv_vector_layer_get_n_features (layer), ==, in_file->len);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The land-use codes of some features, sorted. */
static GPtrArray *
sorted_codes (PvVectorLayer *layer,
              const guint   *indices,
              guint          n)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  int field = -1;

  for (guint i = 0; i < pv_vector_layer_get_n_fields (layer); i++)
    if (g_strcmp0 (pv_vector_layer_get_field_name (layer, i), "ma_sdd") == 0)
      field = (int) i;
  g_assert_cmpint (field, >=, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      GStrv values = pv_vector_layer_dup_attributes (layer, indices ? indices[i] : i, &error);

      g_assert_no_error (error);
      g_ptr_array_add (codes, g_strdup (values[field]));
      pv_vector_layer_free_values (values, pv_vector_layer_get_n_fields (layer));
    }
  g_ptr_array_sort (codes, compare_strings);
  return codes;
}

/* A window is one query of the table's id and geometry columns, whatever
 * their names: a table in another schema, with quotes, spaces and
 * Vietnamese in its names, its id column not "fid", reads the features the
 * shapefile has there, each with its own attributes (read by id). */
static void
test_window_names (void)
{
  g_autofree char *admin = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(PvVectorLayer) file = NULL;
  g_autoptr(PvViewport) city = NULL;
  g_autoptr(GArray) in_file = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) file_codes = NULL;
  g_autoptr(GError) error = NULL;
  PvVectorLayer *layer;
  GDALDatasetH ds;
  double w[4];
  const char *statements[] = {
    "CREATE SCHEMA \"quy hoạch\"",
    "CREATE TABLE \"quy hoạch\".\"thửa \"\"đất\"\"\" AS "
    "SELECT fid + 1000 AS \"mã thửa\", ma_sdd, id, geom AS \"hình\" FROM parcels ORDER BY random()",
    "ALTER TABLE \"quy hoạch\".\"thửa \"\"đất\"\"\" ADD PRIMARY KEY (\"mã thửa\")",
    "CREATE INDEX ON \"quy hoạch\".\"thửa \"\"đất\"\"\" USING GIST (\"hình\")",
  };

  if (!need_server ())
    return;
  admin = g_strdup_printf ("%s password=" PV_TEST_PG_PASSWORD, pg->source);
  ds = GDALOpenEx (admin, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      CPLErrorReset ();
      GDALDatasetExecuteSQL (ds, statements[i], NULL, NULL);
      g_assert_cmpint (CPLGetLastErrorType (), <, CE_Failure);
    }
  GDALClose (ds);

  layers = pv_layer_open_all (pg->source, "quy hoạch.thửa \"đất\"", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  layer = PV_VECTOR_LAYER (layers->pdata[0]);
  g_assert_true (pv_vector_layer_is_windowed (layer));
  city = make_view (CITY_X0, CITY_Y0, CITY_X1, CITY_Y1);
  g_assert_true (pv_layer_prepare_view (PV_LAYER (layer), pv_layer_get_crs (PV_LAYER (layer)), city, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pv_vector_layer_get_window (layer, &w[0], &w[1], &w[2], &w[3]));

  file = open_sample_file ();
  in_file = pv_vector_layer_query_box (file, w[0], w[1], w[2], w[3]);
  g_assert_cmpuint (in_file->len, >, 10);
  g_assert_cmpuint (pv_vector_layer_get_n_features (layer), ==, in_file->len);
  codes = sorted_codes (layer, NULL, pv_vector_layer_get_n_features (layer));
  file_codes = sorted_codes (file, (const guint *) in_file->data, in_file->len);
  for (guint i = 0; i < codes->len; i++)
    g_assert_cmpstr (codes->pdata[i], ==, file_codes->pdata[i]);
}

/* The id of the feature at index. */
static char *
feature_id (PvVectorLayer *layer,
            guint          index)
{
  g_autoptr(GError) error = NULL;
  GStrv values = pv_vector_layer_dup_attributes (layer, index, &error);
  char *id;

  g_assert_no_error (error);
  g_assert_cmpstr (pv_vector_layer_get_field_name (layer, 0), ==, "id");
  id = g_strdup (values[0]);
  pv_vector_layer_free_values (values, pv_vector_layer_get_n_fields (layer));
  return id;
}

/* Identify and attributes as on a file; filters run on the server (ILIKE
 * and ST_Area are PostgreSQL's, not OGR SQL); the selection survives a new
 * window; categorized styles apply to each new window. */
static void
test_identify_filter_style (void)
{
  g_autoptr(PvPgConnection) connection = NULL;
  g_autoptr(PvVectorLayer) layer = NULL;
  g_autoptr(PvVectorLayer) file = NULL;
  g_autoptr(PvViewport) city = NULL;
  g_autoptr(PvViewport) far = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GArray) file_hits = NULL;
  g_autoptr(GArray) big = NULL;
  g_autoptr(GArray) odt = NULL;
  g_autoptr(GArray) selection = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selected_id = NULL;
  double x = (CITY_X0 + CITY_X1) / 2, y = (CITY_Y0 + CITY_Y1) / 2;
  guint total = 0, n_city;

  if (!need_server ())
    return;
  connection = test_connection ();
  pv_pg_set_password (connection, PV_TEST_PG_PASSWORD);
  layer = open_parcels ();
  city = make_view (CITY_X0, CITY_Y0, CITY_X1, CITY_Y1);
  g_assert_true (pv_layer_prepare_view (PV_LAYER (layer), NULL, city, NULL, &error));
  g_assert_true (pv_layer_prepare (PV_LAYER (layer), pv_layer_get_crs (PV_LAYER (layer)), NULL, &error));
  g_assert_no_error (error);
  n_city = pv_vector_layer_get_n_features (layer);

  file = open_sample_file ();
  hits = pv_vector_layer_identify (layer, x, y, 1.0);
  file_hits = pv_vector_layer_identify (file, x, y, 1.0);
  g_assert_cmpuint (hits->len, >, 0);
  g_assert_cmpuint (hits->len, ==, file_hits->len);
  {
    g_autofree char *a = feature_id (layer, g_array_index (hits, guint32, 0));
    g_autofree char *b = feature_id (file, g_array_index (file_hits, guint32, 0));

    g_assert_cmpstr (a, ==, b);
  }

  big = pv_vector_layer_filter_where (layer, "ST_Area(geom) > 5000 AND ma_sdd ILIKE 'od%'", NULL, &error);
  g_assert_no_error (error);
  odt = pv_vector_layer_filter_where (layer, "ma_sdd = 'ODT'", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odt->len, >, 0);
  g_assert_cmpuint (odt->len, <, pv_vector_layer_get_n_features (layer));
  g_assert_cmpuint (big->len, <=, odt->len);
  for (guint k = 0; k < big->len; k++)
    {
      guint32 f = g_array_index (big, guint32, k);
      GStrv values = pv_vector_layer_dup_attributes (layer, f, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (values[1], ==, "ODT");
      g_assert_cmpfloat (g_ascii_strtod (values[4], NULL), >, 4900);
      pv_vector_layer_free_values (values, pv_vector_layer_get_n_fields (layer));
    }

  /* A style by land use; counts cover the window's features. */
  style = pv_style_new_from_palette ("vn-landuse", "ma_sdd", &error);
  g_assert_no_error (error);
  g_assert_true (pv_vector_layer_set_style (layer, style, NULL, &error));
  g_assert_no_error (error);

  /* A new window is classified again. */
  far = make_view (CITY_X0 - 600, CITY_Y0, CITY_X1 - 600, CITY_Y1);
  g_assert_true (pv_layer_prepare_view (PV_LAYER (layer), NULL, far, NULL, &error));
  g_assert_no_error (error);
  counts = pv_vector_layer_dup_category_counts (layer);
  g_assert_nonnull (counts);
  for (guint c = 0; c < counts->len; c++)
    total += g_array_index (counts, guint, c);
  g_assert_cmpuint (total, ==, pv_vector_layer_get_n_features (layer));
  g_assert_cmpuint (total, !=, n_city);
  /* Classified as the window was read: as a scan of the window classifies
   * it, more than one code present. */
  {
    g_autoptr(GArray) scanned = NULL;
    guint n_present = 0;

    g_assert_true (pv_vector_layer_set_style (layer, style, NULL, &error));
    g_assert_no_error (error);
    scanned = pv_vector_layer_dup_category_counts (layer);
    g_assert_cmpuint (scanned->len, ==, counts->len);
    for (guint c = 0; c < counts->len; c++)
      {
        g_assert_cmpuint (g_array_index (counts, guint, c), ==, g_array_index (scanned, guint, c));
        n_present += g_array_index (counts, guint, c) > 0;
      }
    g_assert_cmpuint (n_present, >, 1);
  }

  /* Selection by feature id across windows. */
  g_assert_true (pv_layer_prepare (PV_LAYER (layer), pv_layer_get_crs (PV_LAYER (layer)), NULL, &error));
  g_clear_pointer (&hits, g_array_unref);
  hits = pv_vector_layer_identify (layer, x, y, 1.0);
  g_assert_cmpuint (hits->len, >, 0);
  selection = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (selection, g_array_index (hits, guint32, 0));
  pv_vector_layer_set_selection (layer, selection);
  selected_id = feature_id (layer, g_array_index (hits, guint32, 0));
  g_assert_true (pv_layer_prepare_view (PV_LAYER (layer), NULL, city, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pv_vector_layer_get_n_selected (layer), ==, 1);
  {
    g_autoptr(GArray) now = pv_vector_layer_dup_selection (layer);
    g_autofree char *id = feature_id (layer, g_array_index (now, guint32, 0));

    g_assert_cmpstr (id, ==, selected_id);
  }
}

/* The project stores the connection without the password, and opens it
 * again with the session's. */
static void
count_progress (double      fraction,
                const char *what,
                gpointer    user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

/* Two tables of land use agree: the same codes, counts and areas. */
static void
assert_same_stats (PvLanduseStats *a,
                   PvLanduseStats *b)
{
  g_assert_cmpuint (pv_landuse_stats_get_n_rows (a), ==, pv_landuse_stats_get_n_rows (b));
  g_assert_cmpuint (pv_landuse_stats_get_total_count (a), ==, pv_landuse_stats_get_total_count (b));
  g_assert_cmpfloat_with_epsilon (pv_landuse_stats_get_total_area_ha (a),
                                  pv_landuse_stats_get_total_area_ha (b), 1e-6);
  for (guint i = 0; i < pv_landuse_stats_get_n_rows (a); i++)
    {
      const PvLanduseStatsRow *ra = pv_landuse_stats_get_row (a, i);
      const PvLanduseStatsRow *rb = pv_landuse_stats_get_row (b, i);

      g_assert_cmpstr (ra->code, ==, rb->code);
      g_assert_cmpuint (ra->count, ==, rb->count);
      g_assert_cmpfloat_with_epsilon (ra->area_ha, rb->area_ha, 1e-6);
    }
}

/* Land-use stats of a table cover the table (or the scope's part of it),
 * whatever window the view loaded: the same table as the shapefile's, while
 * the layer keeps its city window. A selection is the window's features. */
static void
test_stats (void)
{
  g_autoptr(PvVectorLayer) layer = NULL;
  g_autoptr(PvVectorLayer) file = NULL;
  g_autoptr(PvLanduseStats) from_table = NULL;
  g_autoptr(PvLanduseStats) from_file = NULL;
  g_autoptr(PvLanduseScope) box = NULL;
  g_autoptr(PvLanduseScope) selection = NULL;
  g_autoptr(GError) error = NULL;
  double w[4], w2[4], last = 0;
  guint n_city, first_two[2] = { 0, 1 };

  if (!need_server ())
    return;
  layer = open_parcels_in_city ();
  file = open_sample_file ();
  g_assert_true (pv_vector_layer_get_window (layer, &w[0], &w[1], &w[2], &w[3]));
  n_city = pv_vector_layer_get_n_features (layer);
  {
    gint64 n_features = 0, n_geometries = 0;

    /* Counted by the server, whatever the window holds. */
    g_assert_true (pv_vector_layer_count_source (layer, &n_features, &n_geometries, &error));
    g_assert_no_error (error);
    g_assert_cmpint (n_features, ==, 8166);
    g_assert_cmpint (n_geometries, ==, 8166);
  }

  /* The whole table. */
  from_table = pv_landuse_stats_compute (layer, "ma_sdd", NULL, count_progress, &last, NULL, &error);
  g_assert_no_error (error);
  from_file = pv_landuse_stats_compute (file, "ma_sdd", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("whole table: %u features, %.2f ha", pv_landuse_stats_get_total_count (from_table),
                  pv_landuse_stats_get_total_area_ha (from_table));
  g_assert_cmpuint (pv_landuse_stats_get_total_count (from_table), >, 10 * n_city);
  assert_same_stats (from_table, from_file);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpstr (pv_landuse_stats_get_layer_name (from_table), ==, "parcels");

  /* An extent far from the window, clipped. */
  g_clear_object (&from_table);
  g_clear_object (&from_file);
  box = pv_landuse_scope_new_extent (605000, 1225000, 608000, 1227000);
  from_table = pv_landuse_stats_compute (layer, "ma_sdd", box, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  from_file = pv_landuse_stats_compute (file, "ma_sdd", box, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_landuse_stats_get_total_count (from_table), >, 0);
  assert_same_stats (from_table, from_file);

  /* The layer's own window did not move. */
  g_assert_true (pv_vector_layer_get_window (layer, &w2[0], &w2[1], &w2[2], &w2[3]));
  g_assert_cmpmem (w, sizeof w, w2, sizeof w2);
  g_assert_cmpuint (pv_vector_layer_get_n_features (layer), ==, n_city);

  /* A selection: features of the window. */
  g_clear_object (&from_table);
  selection = pv_landuse_scope_new_selection (first_two, 2);
  from_table = pv_landuse_stats_compute (layer, "ma_sdd", selection, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_landuse_stats_get_total_count (from_table), ==, 2);
}

/* The legend of a box (an export's frame) lists what the table has there,
 * whatever view the layer last drew: the shapefile's categories. */
static void
test_legend (void)
{
  g_autoptr(PvPgConnection) connection = NULL;
  g_autoptr(PvVectorLayer) layer = NULL;
  g_autoptr(PvVectorLayer) file = NULL;
  g_autoptr(PvMap) table_map = pv_map_new ();
  g_autoptr(PvMap) file_map = pv_map_new ();
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(PvViewport) far = NULL;
  g_autoptr(GPtrArray) from_table = NULL;
  g_autoptr(GPtrArray) from_file = NULL;
  g_autoptr(GError) error = NULL;
  const double city[4] = { CITY_X0, CITY_Y0, CITY_X1, CITY_Y1 };
  PvLegendEntry *a, *b;

  if (!need_server ())
    return;
  connection = test_connection ();
  pv_pg_set_password (connection, PV_TEST_PG_PASSWORD);
  layer = open_parcels ();
  file = open_sample_file ();
  style = pv_style_new_from_palette ("vn-landuse", "ma_sdd", &error);
  g_assert_no_error (error);
  g_assert_true (pv_vector_layer_set_style (layer, style, NULL, &error));
  g_assert_true (pv_vector_layer_set_style (file, style, NULL, &error));
  g_assert_no_error (error);
  /* The layer last drew a view far from the box. */
  far = make_view (610000, 1240000, 611000, 1240600);
  g_assert_true (pv_layer_prepare_view (PV_LAYER (layer), NULL, far, NULL, &error));
  g_assert_no_error (error);

  pv_map_set_crs (table_map, pv_layer_get_crs (PV_LAYER (layer)));
  pv_map_set_crs (file_map, pv_layer_get_crs (PV_LAYER (file)));
  pv_map_add_layer (table_map, PV_LAYER (layer));
  pv_map_add_layer (file_map, PV_LAYER (file));
  from_table = pv_legend_build_for_extent (table_map, city, NULL);
  from_file = pv_legend_build_for_extent (file_map, city, NULL);
  g_assert_cmpuint (from_table->len, ==, 1);
  g_assert_cmpuint (from_file->len, ==, 1);
  a = from_table->pdata[0];
  b = from_file->pdata[0];
  g_assert_cmpuint (a->items->len, >, 1);
  g_assert_cmpuint (a->items->len, ==, b->items->len);
  for (guint i = 0; i < a->items->len; i++)
    {
      PvLegendItem *x = a->items->pdata[i], *y = b->items->pdata[i];

      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpuint (x->count, ==, y->count);
    }
}

/* A WHERE run on the whole table: the count and the box of the matches are
 * the shapefile's, whatever the window; a bad expression says why. */
static void
test_find_in_source (void)
{
  g_autoptr(PvVectorLayer) layer = NULL;
  g_autoptr(PvVectorLayer) file = NULL;
  g_autoptr(GArray) in_file = NULL;
  g_autoptr(GError) error = NULL;
  double box[4], e[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
  gint64 n = -1;
  guint n_city;

  if (!need_server ())
    return;
  layer = open_parcels_in_city ();
  file = open_sample_file ();
  n_city = pv_vector_layer_get_n_features (layer);

  in_file = pv_vector_layer_filter_where (file, "ma_sdd = 'DGD'", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in_file->len, >, 0);
  for (guint k = 0; k < in_file->len; k++)
    {
      double x0, y0, x1, y1;

      g_assert_true (pv_vector_layer_get_feature_extent (file, g_array_index (in_file, guint32, k),
                                                         &x0, &y0, &x1, &y1));
      e[0] = MIN (e[0], x0), e[1] = MIN (e[1], y0), e[2] = MAX (e[2], x1), e[3] = MAX (e[3], y1);
    }
  g_assert_true (pv_vector_layer_find_in_source (layer, "ma_sdd = 'DGD'", &n, box, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("ma_sdd = 'DGD': %" G_GINT64_FORMAT " in the table, %u in the window", n,
                  pv_vector_layer_get_n_features (layer));
  g_assert_cmpint (n, ==, in_file->len);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (box[i], e[i], 1.0);
  /* The window's features did not change. */
  g_assert_cmpuint (pv_vector_layer_get_n_features (layer), ==, n_city);

  g_assert_true (pv_vector_layer_find_in_source (layer, "ma_sdd = 'nothing'", &n, box, NULL, &error));
  g_assert_cmpint (n, ==, 0);
  g_assert_true (isnan (box[0]));

  g_assert_false (pv_vector_layer_find_in_source (layer, "no_such_column = 1", &n, box, NULL, &error));
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "no_such_column"));
  g_clear_error (&error);
  /* The window's filter says so too (the server runs it). */
  {
    g_autoptr(GArray) none = pv_vector_layer_filter_where (layer, "no_such_column = 1", NULL, &error);

    g_assert_null (none);
    g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "no_such_column"));
    g_clear_error (&error);
    none = pv_vector_layer_filter_where (layer, "ma_sdd = 'DGD'", NULL, &error);
    g_assert_no_error (error);
  }
  /* The connection the failed query aborted is not reused. */
  g_assert_true (pv_vector_layer_find_in_source (layer, "ma_sdd = 'DGD'", &n, box, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, in_file->len);
}

static void
test_project (void)
{
  g_autoptr(PvPgConnection) connection = NULL;
  g_autoptr(PvVectorLayer) layer = NULL;
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvMap) again = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *with_password = NULL;

  if (!need_server ())
    return;
  connection = test_connection ();
  pv_pg_set_password (connection, NULL);
  /* A password in a source is used, never kept. */
  with_password = g_strdup_printf ("%s password=%s", pg->source, PV_TEST_PG_PASSWORD);
  layers = pv_layer_open_all (with_password, "parcels", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pv_layer_get_source (layers->pdata[0]), ==, pg->source);
  g_assert_true (pv_pg_has_password (connection));
  pv_map_add_layer (map, layers->pdata[0]);

  dir = pv_test_make_temp_dir ("pv-postgis");
  path = g_build_filename (dir, "pg.pvproj", NULL);
  g_assert_true (pv_project_save (map, NULL, path, &error));
  g_assert_no_error (error);
  text = pv_test_read_file (path);
  g_assert_null (strstr (text, PV_TEST_PG_PASSWORD));
  g_assert_null (strstr (text, "password"));
  g_assert_nonnull (strstr (text, "dbname=planviewer"));

  again = pv_project_load (path, errors, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpuint (pv_map_get_n_layers (again), ==, 1);
  g_assert_cmpstr (pv_layer_get_source (pv_map_get_layer (again, 0)), ==, pg->source);
  g_assert_cmpstr (pv_layer_get_source_layer (pv_map_get_layer (again, 0)), ==, "parcels");
  g_clear_pointer (&again, g_object_unref);

  /* Without the password the layer is reported, naming the connection. */
  pv_pg_set_password (connection, NULL);
  again = pv_project_load (path, errors, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) errors->pdata[0])->message, "planviewer@"));
  pv_test_remove_dir (dir);
}

typedef struct
{
  PvMap  *map;
  double  x0;
  guint   n_errors;
} ViewJob;

/* Renders, with labels, views that alternate between two places: every
 * frame moves the shared layer's window. */
static gpointer
render_views (gpointer data)
{
  ViewJob *job = data;

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(PvViewport) view = make_view (job->x0 + (i % 2) * 9000, CITY_Y0, job->x0 + (i % 2) * 9000 + 1000, CITY_Y1);
      g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
      g_autoptr(GError) error = NULL;
      cairo_surface_t *image = pv_render_map_to_image (job->map, view, 2, NULL, errors, NULL, &error);

      if (image == NULL || errors->len > 0)
        job->n_errors++;
      for (guint k = 0; k < errors->len; k++)
        g_test_message ("render error: %s", ((GError *) errors->pdata[k])->message);
      g_clear_pointer (&image, cairo_surface_destroy);
    }
  return NULL;
}

/* Two views (two maps, as the map view and a compare group or the print
 * preview) draw one database layer at once, labelled, while the main thread
 * identifies and reads attributes: the windows swap under them safely. */
static void
test_concurrent_views (void)
{
  g_autoptr(PvPgConnection) connection = NULL;
  g_autoptr(PvVectorLayer) layer = NULL;
  g_autoptr(PvMap) map_a = pv_map_new ();
  g_autoptr(PvMap) map_b = pv_map_new ();
  g_autoptr(PvLabeling) labeling = NULL;
  g_autoptr(GError) error = NULL;
  ViewJob a = { 0 }, b = { 0 };
  GThread *ta, *tb;
  guint n_identified = 0;

  if (!need_server ())
    return;
  connection = test_connection ();
  pv_pg_set_password (connection, PV_TEST_PG_PASSWORD);
  layer = open_parcels ();
  labeling = pv_labeling_new ("{ma_sdd}");
  g_assert_true (pv_vector_layer_set_labeling (layer, labeling, NULL, &error));
  g_assert_no_error (error);
  pv_map_add_layer (map_a, PV_LAYER (layer));
  pv_map_add_layer (map_b, PV_LAYER (layer));
  a.map = map_a;
  a.x0 = CITY_X0;
  b.map = map_b;
  b.x0 = CITY_X0 - 4000;
  ta = g_thread_new ("view-a", render_views, &a);
  tb = g_thread_new ("view-b", render_views, &b);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GArray) hits = pv_vector_layer_identify (layer, (CITY_X0 + CITY_X1) / 2, (CITY_Y0 + CITY_Y1) / 2, 5);

      if (hits->len > 0)
        {
          GStrv values = pv_vector_layer_dup_attributes (layer, g_array_index (hits, guint32, 0), NULL);

          n_identified++;
          if (values != NULL)
            pv_vector_layer_free_values (values, pv_vector_layer_get_n_fields (layer));
        }
      g_usleep (2000);
    }
  g_thread_join (ta);
  g_thread_join (tb);
  g_test_message ("identified %u times of 200", n_identified);
  g_assert_cmpuint (a.n_errors, ==, 0);
  g_assert_cmpuint (b.n_errors, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pv_core_init ();
  g_unsetenv ("PGPASSWORD");
  g_unsetenv ("PGPASSFILE");
  /* No ~/.pgpass of the user's. */
  g_setenv ("PGPASSFILE", "/nonexistent/pgpass", TRUE);
  pv_trust_set_network_enabled (TRUE);

  g_test_add_func ("/core/postgis/connection-strings", test_connection_strings);
  g_test_add_func ("/core/postgis/list-tables", test_list_tables);
  g_test_add_func ("/core/postgis/errors", test_errors);
  g_test_add_func ("/core/postgis/window", test_window);
  g_test_add_func ("/core/postgis/window-names", test_window_names);
  g_test_add_func ("/core/postgis/identify-filter-style", test_identify_filter_style);
  g_test_add_func ("/core/postgis/stats", test_stats);
  g_test_add_func ("/core/postgis/legend", test_legend);
  g_test_add_func ("/core/postgis/find-in-source", test_find_in_source);
  g_test_add_func ("/core/postgis/project", test_project);
  g_test_add_func ("/core/postgis/concurrent-views", test_concurrent_views);

  /* One server for every test of this program. */
  if (!g_test_subprocess ())
    {
      g_autofree char *sample = pv_test_sample_path ("hien_trang_2024.shp");

      pg = pv_test_pg_start ();
      if (pg != NULL)
        pv_test_pg_load (pg, sample, "parcels", "-a_srs", "EPSG:9210", NULL);
      else
        skip_reason = g_strdup ("PostGIS tests: the test server could not start (see the log)");
    }
  status = g_test_run ();
  pv_test_pg_stop (pg);
  g_free (skip_reason);
  return status;
}
