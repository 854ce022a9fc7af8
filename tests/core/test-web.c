/* test-web.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdal.h>
#include <gdal_utils.h>
#include <glib/gstdio.h>
#include <cpl_vsi.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pv-core.h"
#include "pv-raster-layer-private.h"
#include "pv-test-http.h"
#include "pv-test-tiles.h"
#include "pv-test-util.h"
#include "pv-tile-cache.h"
#include "pv-web-source.h"

/* Web layers and tile caches against a server on 127.0.0.1 that this test
 * starts: an XYZ tree and a WMTS capabilities document made from a
 * generated raster, served by pv-test-http. Nothing leaves the machine. */

#define HALF        PV_TEST_MERCATOR_HALF
#define CENTRE_X    PV_TEST_TILES_CENTRE_X
#define CENTRE_Y    PV_TEST_TILES_CENTRE_Y
#define SOURCE_HALF PV_TEST_TILES_HALF
#define SOURCE_PX   PV_TEST_TILES_PIXEL
#define SQUARE      PV_TEST_TILES_SQUARE
#define MIN_ZOOM    12
#define MAX_ZOOM    15

static char *tmp_dir;
static char *www_dir;
static char *source_tif;
static PvTestHttp *server;
static char *server_error;

#define NEED_SERVER()                                                          \
  G_STMT_START {                                                               \
    if (server == NULL)                                                        \
      {                                                                        \
        g_test_skip (server_error);                                            \
        return;                                                                \
      }                                                                        \
  } G_STMT_END
static char *xyz_url;

/* ---------------------------------------------------------------- fixtures */

#define square_colour pv_test_tiles_square_colour
#define tile_span     pv_test_tiles_span

/* A WMTS GetCapabilities naming one layer over the same tree
 * (GoogleMapsCompatible, levels 0…MAX_ZOOM, RESTful tile URLs). */
static void
write_wmts_capabilities (const char *root,
                         const char *base_url)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autofree char *path = g_build_filename (root, "wmts.xml", NULL);

  g_string_append_printf (xml,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Capabilities xmlns=\"http://www.opengis.net/wmts/1.0\" xmlns:ows=\"http://www.opengis.net/ows/1.1\""
    " xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.0.0\">\n"
    "<Contents>\n<Layer>\n"
    "<ows:Title>Thủ Dầu Một</ows:Title><ows:Identifier>tdm</ows:Identifier>\n"
    "<ows:WGS84BoundingBox><ows:LowerCorner>106.60 10.93</ows:LowerCorner>"
    "<ows:UpperCorner>106.70 11.03</ows:UpperCorner></ows:WGS84BoundingBox>\n"
    "<Style isDefault=\"true\"><ows:Identifier>default</ows:Identifier></Style>\n"
    "<Format>image/png</Format>\n"
    "<TileMatrixSetLink><TileMatrixSet>GoogleMapsCompatible</TileMatrixSet></TileMatrixSetLink>\n"
    "<ResourceURL format=\"image/png\" resourceType=\"tile\""
    " template=\"%s/{TileMatrix}/{TileCol}/{TileRow}.png\"/>\n"
    "</Layer>\n"
    "<TileMatrixSet><ows:Identifier>GoogleMapsCompatible</ows:Identifier>"
    "<ows:SupportedCRS>urn:ogc:def:crs:EPSG::3857</ows:SupportedCRS>\n", base_url);
  for (int z = 0; z <= MAX_ZOOM; z++)
    g_string_append_printf (xml,
      "<TileMatrix><ows:Identifier>%d</ows:Identifier>"
      "<ScaleDenominator>%.10f</ScaleDenominator>"
      "<TopLeftCorner>%.10f %.10f</TopLeftCorner>"
      "<TileWidth>256</TileWidth><TileHeight>256</TileHeight>"
      "<MatrixWidth>%d</MatrixWidth><MatrixHeight>%d</MatrixHeight></TileMatrix>\n",
      z, 559082264.0287178 / (1 << z), -HALF, HALF, 1 << z, 1 << z);
  g_string_append (xml, "</TileMatrixSet>\n</Contents>\n</Capabilities>\n");
  g_assert_true (g_file_set_contents (path, xml->str, -1, NULL));
}

/* A VN-2000 (EPSG:9210) view of about 2.3 × 1.7 km around the centre. */
static PvViewport *
city_viewport (double resolution)
{
  g_autoptr(PvCrs) mercator = pv_crs_new_from_epsg (3857, NULL);
  g_autoptr(PvCrs) vn2000 = pv_crs_new_from_epsg (9210, NULL);
  g_autoptr(PvTransform) t = pv_transform_new (mercator, vn2000, NULL);
  PvViewport *vp = pv_viewport_new ();
  double x = CENTRE_X + 300, y = CENTRE_Y - 200;

  g_assert_nonnull (t);
  g_assert_true (pv_transform_point (t, &x, &y, NULL));
  pv_viewport_set_size (vp, 256, 192);
  pv_viewport_set_resolution (vp, resolution);
  pv_viewport_set_center (vp, x, y);
  return vp;
}

static cairo_surface_t *
render_layer_in (PvLayer    *layer,
                 PvViewport *vp,
                 int         map_epsg)
{
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvCrs) vn2000 = pv_crs_new_from_epsg (map_epsg, NULL);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;

  pv_map_set_crs (map, vn2000);
  pv_map_add_layer (map, layer);
  image = pv_render_map_to_image (map, vp, 1, NULL, errors, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < errors->len; i++)
    g_test_message ("layer error: %s", ((GError *) g_ptr_array_index (errors, i))->message);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_nonnull (image);
  cairo_surface_flush (image);
  return image;
}

/* Renders layer into a VN-2000 (EPSG:9210) map. */
static cairo_surface_t *
render_layer (PvLayer    *layer,
              PvViewport *vp)
{
  return render_layer_in (layer, vp, 9210);
}

static void
pixel_at (cairo_surface_t *image,
          int              x,
          int              y,
          guint8          *rgba)
{
  const guint8 *data = cairo_image_surface_get_data (image);
  guint32 v = *(const guint32 *) (data + y * cairo_image_surface_get_stride (image) + 4 * x);

  rgba[0] = (v >> 16) & 0xff, rgba[1] = (v >> 8) & 0xff, rgba[2] = v & 0xff, rgba[3] = v >> 24;
}

/* The colour square of the source at (x, y) in EPSG:3857, FALSE outside. */
static gboolean
source_square (double  x,
               double  y,
               int    *i,
               int    *j)
{
  double col = (x - (CENTRE_X - SOURCE_HALF)) / SOURCE_PX;
  double row = ((CENTRE_Y + SOURCE_HALF) - y) / SOURCE_PX;

  if (col < 0 || row < 0 || col >= 2 * SOURCE_HALF / SOURCE_PX || row >= 2 * SOURCE_HALF / SOURCE_PX)
    return FALSE;
  *i = (int) col / SQUARE;
  *j = (int) row / SQUARE;
  return TRUE;
}

/* Checks image (a view of vp in map_crs) against the source raster at
 * probes inside colour squares (25 m from any other square): returns how
 * many matched. */
static guint
check_against_source_in (cairo_surface_t *image,
                         PvViewport      *vp,
                         int              map_epsg)
{
  g_autoptr(PvCrs) map_crs = pv_crs_new_from_epsg (map_epsg, NULL);
  g_autoptr(PvCrs) mercator = pv_crs_new_from_epsg (3857, NULL);
  g_autoptr(PvTransform) t = pv_transform_new (map_crs, mercator, NULL);
  guint n_probes = 0;

  g_assert_nonnull (t);
  for (int py = 8; py < cairo_image_surface_get_height (image); py += 23)
    for (int px = 8; px < cairo_image_surface_get_width (image); px += 23)
      {
        static const double d[5][2] = { { 0, 0 }, { 25, 0 }, { -25, 0 }, { 0, 25 }, { 0, -25 } };
        double mx, my;
        int i0 = 0, j0 = 0;
        gboolean uniform = TRUE;
        guint8 rgba[4], rgb[3];

        pv_viewport_screen_to_map (vp, px + 0.5, py + 0.5, &mx, &my);
        g_assert_true (pv_transform_point (t, &mx, &my, NULL));
        for (int k = 0; k < 5 && uniform; k++)
          {
            int i, j;

            if (!source_square (mx + d[k][0], my + d[k][1], &i, &j))
              uniform = FALSE;
            else if (k == 0)
              i0 = i, j0 = j;
            else
              uniform = i == i0 && j == j0;
          }
        if (!uniform)
          continue;
        square_colour (i0, j0, rgb);
        pixel_at (image, px, py, rgba);
        g_assert_cmpint (rgba[3], ==, 255);
        for (int c = 0; c < 3; c++)
          g_assert_cmpint (ABS ((int) rgba[c] - (int) rgb[c]), <=, 3);
        n_probes++;
      }
  return n_probes;
}

static guint
check_against_source (cairo_surface_t *image,
                      PvViewport      *vp)
{
  return check_against_source_in (image, vp, 9210);
}

/* Every request a tile "/z/x/y.png" at zoom z within the tiles of the view
 * (one tile of margin for the resampling); returns how many there were. */
static guint
check_requests_in_view (PvViewport *vp,
                        int        *zoom)
{
  g_auto(GStrv) requests = pv_test_http_dup_requests (server);
  g_autoptr(PvCrs) vn2000 = pv_crs_new_from_epsg (9210, NULL);
  double e[4], m[4];
  g_autoptr(PvCrs) mercator = pv_crs_new_from_epsg (3857, NULL);
  g_autoptr(PvTransform) t = pv_transform_new (vn2000, mercator, NULL);
  guint n = g_strv_length (requests);

  pv_viewport_get_extent (vp, &e[0], &e[1], &e[2], &e[3]);
  g_assert_true (pv_transform_bounds (t, e[0], e[1], e[2], e[3], &m[0], &m[1], &m[2], &m[3]));
  *zoom = -1;
  for (guint i = 0; i < n; i++)
    {
      int z, x, y;
      double span;

      g_test_message ("request %s", requests[i]);
      g_assert_cmpint (sscanf (requests[i], "/%d/%d/%d.png", &z, &x, &y), ==, 3);
      if (*zoom < 0)
        *zoom = z;
      g_assert_cmpint (z, ==, *zoom);
      span = tile_span (z);
      g_assert_cmpint (x, >=, (int) floor ((m[0] + HALF) / span) - 1);
      g_assert_cmpint (x, <=, (int) floor ((m[2] + HALF) / span) + 1);
      g_assert_cmpint (y, >=, (int) floor ((HALF - m[3]) / span) - 1);
      g_assert_cmpint (y, <=, (int) floor ((HALF - m[1]) / span) + 1);
    }
  return n;
}

/* ---------------------------------------------------------------- WMS */

/* A WMS 1.3.0 server at "/wms": GetCapabilities is a document written
 * here (two layers, each with EPSG:3857 and EPSG:4326 bounding boxes),
 * GetMap renders the requested BBOX, WIDTH, HEIGHT and CRS from the source
 * GeoTIFF with GDAL (gdalwarp to memory, gdal_translate to a PNG in
 * /vsimem/), on the server's thread. */

static char *wms_capabilities;
static guint wms_n_rendered;

static void
source_bounds_4326 (double *lon0,
                    double *lat0,
                    double *lon1,
                    double *lat1)
{
  g_autoptr(PvCrs) mercator = pv_crs_new_from_epsg (3857, NULL);
  g_autoptr(PvCrs) wgs84 = pv_crs_new_from_epsg (4326, NULL);
  g_autoptr(PvTransform) t = pv_transform_new (mercator, wgs84, NULL);

  g_assert_nonnull (t);
  g_assert_true (pv_transform_bounds (t, CENTRE_X - SOURCE_HALF, CENTRE_Y - SOURCE_HALF,
                                      CENTRE_X + SOURCE_HALF, CENTRE_Y + SOURCE_HALF,
                                      lon0, lat0, lon1, lat1));
  /* PlanViewer keeps longitude first. */
  g_assert_cmpfloat (*lon0, >, 106.0);
  g_assert_cmpfloat (*lat0, <, 12.0);
}

static char *
make_wms_capabilities (const char *base_url)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  static const char *const layers[][2] = { { "tdm", "Thủ Dầu Một" }, { "ranh_gioi", "Ranh giới & nền" } };
  double lon0, lat0, lon1, lat1;

  source_bounds_4326 (&lon0, &lat0, &lon1, &lat1);
  g_string_append_printf (xml,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<WMS_Capabilities version=\"1.3.0\" xmlns=\"http://www.opengis.net/wms\""
    " xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"
    "<Service><Name>WMS</Name><Title>Sở Tài nguyên và Môi trường</Title></Service>\n"
    "<Capability>\n"
    "<Request>\n"
    "<GetCapabilities><Format>text/xml</Format><DCPType><HTTP><Get>"
    "<OnlineResource xlink:type=\"simple\" xlink:href=\"%s/wms?\"/></Get></HTTP></DCPType></GetCapabilities>\n"
    "<GetMap><Format>image/png</Format><DCPType><HTTP><Get>"
    "<OnlineResource xlink:type=\"simple\" xlink:href=\"%s/wms?\"/></Get></HTTP></DCPType></GetMap>\n"
    "</Request>\n"
    "<Exception><Format>XML</Format></Exception>\n"
    "<Layer><Title>Bình Dương</Title><CRS>EPSG:3857</CRS><CRS>EPSG:4326</CRS>\n",
    base_url, base_url);
  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      g_autofree char *title = g_markup_escape_text (layers[i][1], -1);

      g_string_append_printf (xml,
      "<Layer queryable=\"0\"><Name>%s</Name><Title>%s</Title>"
      "<CRS>EPSG:3857</CRS><CRS>EPSG:4326</CRS>\n"
      "<EX_GeographicBoundingBox><westBoundLongitude>%.9f</westBoundLongitude>"
      "<eastBoundLongitude>%.9f</eastBoundLongitude><southBoundLatitude>%.9f</southBoundLatitude>"
      "<northBoundLatitude>%.9f</northBoundLatitude></EX_GeographicBoundingBox>\n"
      "<BoundingBox CRS=\"EPSG:3857\" minx=\"%.3f\" miny=\"%.3f\" maxx=\"%.3f\" maxy=\"%.3f\"/>\n"
      /* WMS 1.3.0: EPSG:4326 is latitude first. */
      "<BoundingBox CRS=\"EPSG:4326\" minx=\"%.9f\" miny=\"%.9f\" maxx=\"%.9f\" maxy=\"%.9f\"/>\n"
      "</Layer>\n",
      layers[i][0], title, lon0, lon1, lat0, lat1,
      CENTRE_X - SOURCE_HALF, CENTRE_Y - SOURCE_HALF, CENTRE_X + SOURCE_HALF, CENTRE_Y + SOURCE_HALF,
      lat0, lon0, lat1, lon1);
    }
  g_string_append (xml, "</Layer>\n</Capability>\n</WMS_Capabilities>\n");
  return g_string_free (g_steal_pointer (&xml), FALSE);
}

/* A GetMap request's BBOX as x/y (longitude first for EPSG:4326) and its
 * CRS; FALSE when the request is not a GetMap. */
static gboolean
parse_get_map (const char  *query,
               char       **format,
               char       **crs,
               double      *bbox,
               int         *width,
               int         *height)
{
  g_autoptr(GHashTable) params = NULL;
  const char *request, *version, *value;
  g_auto(GStrv) parts = NULL;

  if (format != NULL)
    *format = NULL;

  if (query == NULL)
    return FALSE;
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_CASE_INSENSITIVE, NULL);
  if (params == NULL)
    return FALSE;
  request = g_hash_table_lookup (params, "REQUEST");
  if (request == NULL || g_ascii_strcasecmp (request, "GetMap") != 0)
    return FALSE;
  version = g_hash_table_lookup (params, "VERSION");
  value = g_hash_table_lookup (params, "CRS");
  if (value == NULL)
    value = g_hash_table_lookup (params, "SRS");
  if (value == NULL || g_hash_table_lookup (params, "BBOX") == NULL ||
      g_hash_table_lookup (params, "WIDTH") == NULL || g_hash_table_lookup (params, "HEIGHT") == NULL)
    return FALSE;
  *crs = g_strdup (value);
  if (format != NULL)
    *format = g_strdup (g_hash_table_lookup (params, "FORMAT"));
  parts = g_strsplit (g_hash_table_lookup (params, "BBOX"), ",", -1);
  if (g_strv_length (parts) != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    bbox[i] = g_ascii_strtod (parts[i], NULL);
  if (g_strcmp0 (version, "1.3.0") == 0 && g_ascii_strcasecmp (*crs, "EPSG:4326") == 0)
    {
      double t;

      t = bbox[0], bbox[0] = bbox[1], bbox[1] = t;
      t = bbox[2], bbox[2] = bbox[3], bbox[3] = t;
    }
  *width = atoi (g_hash_table_lookup (params, "WIDTH"));
  *height = atoi (g_hash_table_lookup (params, "HEIGHT"));
  return *width > 0 && *height > 0 && *width <= 4096 && *height <= 4096;
}

/* The image in the FORMAT asked for (PNG or JPEG, as GDAL writes them;
 * JPEG without the alpha band). */
static GBytes *
wms_get_map (const char  *query,
             const char **content_type)
{
  g_autofree char *crs = NULL;
  g_autofree char *format = NULL;
  gboolean jpeg;
  double bbox[4];
  int width, height;
  char te[4][G_ASCII_DTOSTR_BUF_SIZE], ts[2][16];
  g_autofree char *png = g_strdup_printf ("/vsimem/pv-test-wms-%u", ++wms_n_rendered);
  GDALWarpAppOptions *warp_options;
  GDALTranslateOptions *translate_options;
  GDALDatasetH source, warped, written;
  vsi_l_offset length = 0;
  GByte *buffer;

  if (!parse_get_map (query, &format, &crs, bbox, &width, &height))
    return NULL;
  jpeg = format != NULL && g_ascii_strcasecmp (format, "image/jpeg") == 0;
  if (!jpeg && (format == NULL || g_ascii_strcasecmp (format, "image/png") != 0))
    return NULL;
  *content_type = jpeg ? "image/jpeg" : "image/png";
  for (int i = 0; i < 4; i++)
    g_ascii_dtostr (te[i], sizeof te[i], bbox[i]);
  g_snprintf (ts[0], sizeof ts[0], "%d", width);
  g_snprintf (ts[1], sizeof ts[1], "%d", height);
  {
    char *warp_argv[] = { "-of", "MEM", "-t_srs", crs, "-te", te[0], te[1], te[2], te[3],
                          "-ts", ts[0], ts[1], "-r", "near", "-dstalpha", NULL };
    char *translate_argv[] = { "-of", jpeg ? "JPEG" : "PNG", "-b", "1", "-b", "2", "-b", "3",
                               jpeg ? NULL : "-b", "4", NULL };

    warp_options = GDALWarpAppOptionsNew (warp_argv, NULL);
    translate_options = GDALTranslateOptionsNew (translate_argv, NULL);
  }
  source = GDALOpen (source_tif, GA_ReadOnly);
  g_assert_nonnull (source);
  warped = GDALWarp ("", NULL, 1, &source, warp_options, NULL);
  g_assert_nonnull (warped);
  written = GDALTranslate (png, warped, translate_options, NULL);
  g_assert_nonnull (written);
  GDALClose (written);
  GDALClose (warped);
  GDALClose (source);
  GDALWarpAppOptionsFree (warp_options);
  GDALTranslateOptionsFree (translate_options);
  buffer = VSIGetMemFileBuffer (png, &length, TRUE);
  g_assert_nonnull (buffer);
  return g_bytes_new_with_free_func (buffer, (gsize) length, VSIFree, buffer);
}

static GBytes *
wms_handler (const char  *path,
             const char  *query,
             const char **content_type,
             gpointer     user_data)
{
  g_autofree char *lower = g_ascii_strdown (query != NULL ? query : "", -1);

  if (strstr (lower, "request=getcapabilities") != NULL)
    {
      *content_type = "text/xml";
      return g_bytes_new (wms_capabilities, strlen (wms_capabilities));
    }
  return wms_get_map (query, content_type);
}

static PvWebLayerInfo *
find_info (GPtrArray  *infos,
           const char *title)
{
  for (guint i = 0; i < infos->len; i++)
    {
      PvWebLayerInfo *info = g_ptr_array_index (infos, i);

      if (g_strcmp0 (info->title, title) == 0)
        return info;
    }
  return NULL;
}

/* The GetMap requests the server saw (any other request fails the test),
 * each BBOX in EPSG:3857 (converted from the request's CRS). */
static guint
wms_requests_in_3857 (double **boxes)
{
  g_auto(GStrv) requests = pv_test_http_dup_requests (server);
  g_autoptr(PvCrs) mercator = pv_crs_new_from_epsg (3857, NULL);
  guint n = g_strv_length (requests);

  *boxes = g_new0 (double, 4 * (n + 1));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *crs = NULL;
      g_autofree char *format = NULL;
      const char *query = strchr (requests[i], '?');
      double *b = *boxes + 4 * i;
      int width, height, epsg;
      g_autoptr(PvCrs) request_crs = NULL;
      g_autoptr(PvTransform) t = NULL;

      g_test_message ("request %s", requests[i]);
      g_assert_true (g_str_has_prefix (requests[i], "/wms?"));
      g_assert_true (parse_get_map (query + 1, &format, &crs, b, &width, &height));
      g_assert_cmpstr (format, ==, "image/png");
      g_assert_true (g_ascii_strncasecmp (crs, "EPSG:", 5) == 0);
      epsg = atoi (crs + 5);
      request_crs = pv_crs_new_from_epsg (epsg, NULL);
      t = pv_transform_new (request_crs, mercator, NULL);
      g_assert_nonnull (t);
      g_assert_true (pv_transform_bounds (t, b[0], b[1], b[2], b[3], &b[0], &b[1], &b[2], &b[3]));
    }
  return n;
}

/* Renders layer into a VN-2000 view, collecting the layer's errors. */
static cairo_surface_t *
render_layer_errors (PvLayer    *layer,
                     PvViewport *vp,
                     GPtrArray  *errors)
{
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvCrs) vn2000 = pv_crs_new_from_epsg (9210, NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;

  pv_map_set_crs (map, vn2000);
  pv_map_add_layer (map, layer);
  image = pv_render_map_to_image (map, vp, 1, NULL, errors, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);
  cairo_surface_flush (image);
  return image;
}

static void
test_web_wms (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GPtrArray) direct = NULL;
  g_autoptr(PvViewport) vp = city_viewport (9.0);
  g_autoptr(PvViewport) zoomed = city_viewport (1.5);
  g_autoptr(PvCrs) vn2000 = pv_crs_new_from_epsg (9210, NULL);
  g_autoptr(PvCrs) mercator = pv_crs_new_from_epsg (3857, NULL);
  g_autoptr(PvTransform) to_3857 = pv_transform_new (vn2000, mercator, NULL);
  g_autofree double *boxes = NULL;
  cairo_surface_t *image, *reference;
  PvWebLayerInfo *info;
  PvLayer *layer;
  guint n_requests, n_compared = 0, n_differ = 0, max_diff = 0, n_edge = 0, n_edge_differ = 0;
  double e[4], m[4], u[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  NEED_SERVER ();
  url = g_strdup_printf ("%s/wms", pv_test_http_get_base_url (server));
  pv_trust_set_network_enabled (TRUE);
  source = pv_web_source_new (PV_WEB_SERVICE_WMS, url, &error);
  g_assert_no_error (error);

  /* The layers the capabilities name, with their titles. */
  pv_test_http_reset (server);
  infos = pv_web_source_list_layers (source, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < infos->len; i++)
    {
      PvWebLayerInfo *each = g_ptr_array_index (infos, i);

      g_test_message ("WMS layer “%s”: %s", each->title, each->source);
    }
  g_assert_cmpuint (infos->len, ==, 2);
  info = find_info (infos, "Ranh giới & nền");
  g_assert_nonnull (info);
  g_assert_cmpint (pv_web_source_get_service (info->source), ==, PV_WEB_SERVICE_WMS);
  g_assert_nonnull (strstr (info->source, "LAYERS=ranh_gioi"));
  info = find_info (infos, "Thủ Dầu Một");
  g_assert_nonnull (info);
  g_assert_nonnull (strstr (info->source, "LAYERS=tdm"));
  /* PNG with transparency, not GDAL's default opaque JPEG. */
  g_assert_nonnull (strstr (info->source, "&FORMAT=image/png&TRANSPARENT=TRUE"));
  g_assert_null (info->layer_name);
  {
    g_autofree char *title = pv_web_source_dup_title (info->source);

    g_assert_cmpstr (title, ==, "tdm (127.0.0.1)");
  }

  /* Opened and drawn into VN-2000. */
  layers = pv_layer_open_all (info->source, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  layer = g_ptr_array_index (layers, 0);
  g_assert_true (PV_IS_RASTER_LAYER (layer));
  g_assert_cmpstr (pv_layer_get_source (layer), ==, info->source);
  g_test_message ("the WMS layer is in EPSG:%d", pv_crs_get_epsg (pv_layer_get_crs (layer)));
  pv_test_http_reset (server);
  image = render_layer (layer, vp);
  n_requests = wms_requests_in_3857 (&boxes);
  g_test_message ("a 256 × 192 view at 9 m/px: %u GetMap requests", n_requests);
  g_assert_cmpuint (n_requests, >=, 1);
  g_assert_cmpuint (n_requests, <=, 4);
  g_assert_cmpuint (check_against_source (image, vp), >=, 20);

  /* Against the source GeoTIFF drawn directly in the same view: the WMS
   * image was resampled once more (nearest neighbour on the server), so
   * pixels on the edges of the 500 m squares may differ. */
  direct = pv_layer_open_all (source_tif, NULL, NULL, &error);
  g_assert_no_error (error);
  reference = render_layer (g_ptr_array_index (direct, 0), vp);
  for (int y = 0; y < 192; y++)
    for (int x = 0; x < 256; x++)
      {
        guint8 a[4], b[4];
        guint diff = 0;
        gboolean edge = FALSE;

        pixel_at (image, x, y, a);
        pixel_at (reference, x, y, b);
        if (b[3] != 255)
          continue;
        n_compared++;
        for (int c = 0; c < 4; c++)
          diff = MAX (diff, (guint) ABS ((int) a[c] - (int) b[c]));
        /* Within 2 pixels of a square's edge in the reference? */
        for (int dy = -2; dy <= 2 && !edge; dy++)
          for (int dx = -2; dx <= 2 && !edge; dx++)
            {
              guint8 n[4];

              if (x + dx < 0 || y + dy < 0 || x + dx >= 256 || y + dy >= 192)
                continue;
              pixel_at (reference, x + dx, y + dy, n);
              edge = memcmp (n, b, 4) != 0;
            }
        if (edge)
          {
            n_edge++;
            n_edge_differ += diff > 3;
            continue;
          }
        max_diff = MAX (max_diff, diff);
        if (diff > 3)
          n_differ++;
      }
  g_test_message ("WMS against the GeoTIFF: %u pixels compared, %u of them away from the squares' "
                  "edges differ by more than 3 (largest difference %u); %u of the %u near an edge do",
                  n_compared, n_differ, max_diff, n_edge_differ, n_edge);
  g_assert_cmpuint (n_compared, >=, 256 * 192 / 2);
  g_assert_cmpuint (n_edge, <=, n_compared / 3);
  g_assert_cmpuint (n_differ, ==, 0);
  cairo_surface_destroy (image);
  cairo_surface_destroy (reference);
  g_clear_pointer (&boxes, g_free);

  /* Zoomed in (384 × 288 m): every GetMap asks for the view's area, not
   * the layer's. */
  pv_test_http_reset (server);
  image = render_layer (layer, zoomed);
  n_requests = wms_requests_in_3857 (&boxes);
  pv_viewport_get_extent (zoomed, &e[0], &e[1], &e[2], &e[3]);
  g_assert_true (pv_transform_bounds (to_3857, e[0], e[1], e[2], e[3], &m[0], &m[1], &m[2], &m[3]));
  g_test_message ("zoomed in to 1.5 m/px: %u GetMap requests", n_requests);
  g_assert_cmpuint (n_requests, >=, 1);
  g_assert_cmpuint (n_requests, <=, 4);
  for (guint i = 0; i < n_requests; i++)
    {
      double *b = boxes + 4 * i;

      g_test_message ("BBOX %.0f %.0f %.0f %.0f (%.0f × %.0f m) for a view of %.0f %.0f %.0f %.0f",
                      b[0], b[1], b[2], b[3], b[2] - b[0], b[3] - b[1], m[0], m[1], m[2], m[3]);
      /* Next to the view: GDAL's WMS blocks are 1024 pixels, aligned on
       * the layer's grid, and a warped read may take a margin that
       * crosses into a neighbouring block… */
      g_assert_cmpfloat (b[0], <, m[2] + (b[2] - b[0]));
      g_assert_cmpfloat (b[2], >, m[0] - (b[2] - b[0]));
      g_assert_cmpfloat (b[1], <, m[3] + (b[3] - b[1]));
      g_assert_cmpfloat (b[3], >, m[1] - (b[3] - b[1]));
      /* …and one block of a level at least as fine as the view (1024
       * pixels of at most 1.5 m, EPSG:3857 metres being 2 % longer here),
       * not the 10 km layer. */
      g_assert_cmpfloat (b[2] - b[0], <=, 1024 * 1.5 * 1.1);
      g_assert_cmpfloat (b[3] - b[1], <=, 1024 * 1.5 * 1.1);
      u[0] = MIN (u[0], b[0]), u[1] = MIN (u[1], b[1]);
      u[2] = MAX (u[2], b[2]), u[3] = MAX (u[3], b[3]);
    }
  /* Together they cover the view. */
  g_assert_cmpfloat (u[0], <=, m[0]);
  g_assert_cmpfloat (u[1], <=, m[1]);
  g_assert_cmpfloat (u[2], >=, m[2]);
  g_assert_cmpfloat (u[3], >=, m[3]);
  g_assert_cmpuint (check_against_source (image, zoomed), >=, 4);
  cairo_surface_destroy (image);
  g_clear_pointer (&boxes, g_free);

  /* Online sources off: a view not drawn before asks the server nothing
   * (the layer's GDAL datasets stay open, and GDAL's WMS driver fetches
   * without the HTTP callback pv-trust refuses with)… */
  {
    g_autoptr(PvViewport) moved = city_viewport (3.0);
    g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
    double cx, cy;

    pv_viewport_get_center (moved, &cx, &cy);
    pv_viewport_set_center (moved, cx - 1500, cy + 1500);
    pv_trust_set_network_enabled (FALSE);
    pv_test_http_reset (server);
    image = render_layer_errors (layer, moved, errors);
    for (guint i = 0; i < errors->len; i++)
      g_test_message ("offline: %s", ((GError *) g_ptr_array_index (errors, i))->message);
    g_assert_cmpuint (pv_test_http_get_n_requests (server), ==, 0);
    /* …and the layer says why it is empty. */
    g_assert_cmpuint (errors->len, ==, 1);
    g_assert_nonnull (strstr (((GError *) g_ptr_array_index (errors, 0))->message,
                              "online sources are off"));
    cairo_surface_destroy (image);
    pv_trust_set_network_enabled (TRUE);
  }
}

/* ---------------------------------------------------------------- subdomains */

/* "/a/15/…" or "/b/15/…": the file "/15/…" of the XYZ tree. */
static GBytes *
subdomain_handler (const char  *path,
                   const char  *query,
                   const char **content_type,
                   gpointer     user_data)
{
  g_autofree char *file = g_build_filename (www_dir, path + 2, NULL);
  char *contents = NULL;
  gsize length = 0;

  if (strlen (path) < 3 || !g_file_get_contents (file, &contents, &length, NULL))
    return NULL;
  *content_type = "image/png";
  return g_bytes_new_take (contents, length);
}

/* A tile URL with a subdomain placeholder: GDAL's TMS minidriver takes one
 * server, so "{s}" is always "a" and "{switch:b,c}" always "b" (here a
 * part of the path instead of the host). */
static void
test_web_xyz_subdomains (void)
{
  static const struct
  {
    const char *placeholder;
    const char *prefix;
  } cases[] = { { "{s}", "/a/" }, { "{switch:b,c}", "/b/" } };
  g_autoptr(PvViewport) vp = city_viewport (9.0);

  NEED_SERVER ();
  pv_trust_set_network_enabled (TRUE);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = g_strdup_printf ("%s/%s/{z}/{x}/{y}.png", pv_test_http_get_base_url (server),
                                              cases[c].placeholder);
      g_autofree char *source = NULL;
      g_autoptr(GPtrArray) layers = NULL;
      g_auto(GStrv) requests = NULL;
      cairo_surface_t *image;

      source = pv_web_source_new (PV_WEB_SERVICE_XYZ, url, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (source, ==, url);
      g_assert_cmpint (pv_web_source_get_service (source), ==, PV_WEB_SERVICE_XYZ);
      layers = pv_layer_open_all (source, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (pv_layer_get_source (g_ptr_array_index (layers, 0)), ==, url);
      pv_test_http_reset (server);
      image = render_layer (g_ptr_array_index (layers, 0), vp);
      requests = pv_test_http_dup_requests (server);
      g_test_message ("%s: %u tiles", url, g_strv_length (requests));
      g_assert_cmpuint (g_strv_length (requests), >, 0);
      for (guint i = 0; requests[i] != NULL; i++)
        {
          int z, x, y;

          g_assert_true (g_str_has_prefix (requests[i], cases[c].prefix));
          g_assert_cmpint (sscanf (requests[i] + 2, "/%d/%d/%d.png", &z, &x, &y), ==, 3);
        }
      g_assert_cmpuint (check_against_source (image, vp), >=, 20);
      cairo_surface_destroy (image);
    }

  /* On a host, the title names the server the tiles come from. */
  {
    g_autofree char *title = pv_web_source_dup_title ("https://{s}.tile.example.org/{z}/{x}/{y}.png");

    g_assert_cmpstr (title, ==, "a.tile.example.org");
  }
}

/* ---------------------------------------------------------------- tests */

static void
test_web_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wms = NULL;
  g_autofree char *xyz = NULL;
  g_autofree char *title = NULL;

  g_assert_cmpint (pv_web_source_get_service ("/data/a.tif"), ==, PV_WEB_SERVICE_NONE);
  g_assert_cmpint (pv_web_source_get_service ("https://example.org/a.tif"), ==, PV_WEB_SERVICE_NONE);
  g_assert_cmpint (pv_web_source_get_service ("https://t.example.org/{z}/{x}/{y}.png"), ==,
                   PV_WEB_SERVICE_XYZ);
  g_assert_cmpint (pv_web_source_get_service ("WMTS:https://e.org/wmts"), ==, PV_WEB_SERVICE_WMTS);
  g_assert_cmpint (pv_web_source_get_service ("OAPIF:https://e.org/"), ==, PV_WEB_SERVICE_OAPIF);

  wms = pv_web_source_new (PV_WEB_SERVICE_WMS, "  https://e.org/wms?SERVICE=WMS ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wms, ==, "WMS:https://e.org/wms?SERVICE=WMS");
  g_assert_null (pv_web_source_new (PV_WEB_SERVICE_XYZ, "https://e.org/tiles.png", &error));
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_null (pv_web_source_new (PV_WEB_SERVICE_WMS, "/etc/passwd", &error));
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  xyz = pv_web_source_new (PV_WEB_SERVICE_XYZ, "XYZ:https://e.org/{z}/{x}/{-y}.png", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (xyz, ==, "https://e.org/{z}/{x}/{-y}.png");

  title = pv_web_source_dup_title ("WMS:https://e.org/wms?SERVICE=WMS&LAYERS=ranh%20gioi&SRS=EPSG:4326");
  g_assert_cmpstr (title, ==, "ranh gioi (e.org)");
  g_clear_pointer (&title, g_free);
  title = pv_web_source_dup_title ("WMTS:https://e.org/wmts.xml,layer=ortho,tilematrixset=g");
  g_assert_cmpstr (title, ==, "ortho (e.org)");

  /* A project that names a tile service asks first: it is a network source. */
  g_assert_cmpint (pv_trust_classify_source ("/tmp", xyz, NULL, NULL), ==, PV_SOURCE_NETWORK);
}

static void
test_web_offline_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  guint before;

  NEED_SERVER ();
  before = pv_test_http_get_n_requests (server);

  pv_trust_set_network_enabled (FALSE);
  layers = pv_layer_open_all (xyz_url, NULL, NULL, &error);
  g_assert_null (layers);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "online sources are off"));
  g_clear_error (&error);
  g_assert_null (pv_web_source_list_layers ("WMS:http://127.0.0.1:1/wms", NULL, &error));
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND);
  g_assert_cmpuint (pv_test_http_get_n_requests (server), ==, before);
}

static void
test_web_xyz_render (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(PvViewport) vp = city_viewport (9.0);
  cairo_surface_t *first, *second;
  PvLayer *layer;
  guint n_first, n_probes;
  int zoom;

  NEED_SERVER ();

  pv_trust_set_network_enabled (TRUE);
  pv_test_http_reset (server);
  layers = pv_layer_open_all (xyz_url, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  layer = g_ptr_array_index (layers, 0);
  g_assert_true (PV_IS_RASTER_LAYER (layer));
  g_assert_cmpstr (pv_layer_get_source (layer), ==, xyz_url);
  g_assert_cmpstr (pv_layer_get_name (layer), ==, "127.0.0.1");
  g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (layer)), ==, 3857);
  g_assert_cmpint (pv_raster_layer_get_n_overviews (PV_RASTER_LAYER (layer)), >=, 15);
  /* Opening fetches nothing. */
  g_assert_cmpuint (pv_test_http_get_n_requests (server), ==, 0);

  first = render_layer (layer, vp);
  n_first = check_requests_in_view (vp, &zoom);
  g_test_message ("a 256 × 192 view at 9 m/px fetched %u tiles of zoom %d", n_first, zoom);
  g_assert_cmpuint (n_first, >, 0);
  g_assert_cmpint (zoom, >=, 14);
  g_assert_cmpint (zoom, <=, 15);
  n_probes = check_against_source (first, vp);
  g_test_message ("%u probes match the source", n_probes);
  g_assert_cmpuint (n_probes, >=, 20);

  /* The same view from a new layer (its own GDAL datasets): every tile
   * comes from GDAL's cache on disk, none from the server. */
  pv_test_http_reset (server);
  again = pv_layer_open_all (xyz_url, NULL, NULL, &error);
  g_assert_no_error (error);
  second = render_layer (g_ptr_array_index (again, 0), vp);
  g_assert_cmpuint (pv_test_http_get_n_requests (server), ==, 0);
  g_assert_cmpuint (check_against_source (second, vp), ==, n_probes);

  cairo_surface_destroy (first);
  cairo_surface_destroy (second);
}

static void
test_web_wmts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("%s/wmts.xml", pv_test_http_get_base_url (server));
  g_autofree char *source = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(PvViewport) vp = city_viewport (9.0);
  cairo_surface_t *image;
  PvWebLayerInfo *info;
  int zoom = -1;
  g_auto(GStrv) requests = NULL;

  NEED_SERVER ();

  pv_trust_set_network_enabled (TRUE);
  source = pv_web_source_new (PV_WEB_SERVICE_WMTS, url, &error);
  g_assert_no_error (error);
  infos = pv_web_source_list_layers (source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_test_message ("WMTS layer %s: %s", info->title, info->source);

  layers = pv_layer_open_all (info->source, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (g_ptr_array_index (layers, 0))), ==, 3857);
  pv_test_http_reset (server);
  image = render_layer (g_ptr_array_index (layers, 0), vp);
  requests = pv_test_http_dup_requests (server);
  /* Tiles only (GDAL's cache may hold some already); zoom 14 or 15. */
  for (guint i = 0; requests[i] != NULL; i++)
    {
      int z, x, y;

      g_assert_cmpint (sscanf (requests[i], "/%d/%d/%d.png", &z, &x, &y), ==, 3);
      g_assert_cmpint (z, >=, 14);
      g_assert_cmpint (z, <=, 15);
    }
  (void) zoom;
  g_assert_cmpuint (check_against_source (image, vp), >=, 20);
  cairo_surface_destroy (image);
}

/* An OGC API Features service: "/oapif" (landing page), "/oapif/collections"
 * and "/oapif/collections/thua-dat/items" (five parcels, one page). */
static void
write_oapif (const char *root,
             const char *base)
{
  g_autofree char *dir = g_build_filename (root, "oapif", "collections", "thua-dat", NULL);
  g_autofree char *landing = g_build_filename (root, "oapif", "index.json", NULL);
  g_autofree char *collections = g_build_filename (root, "oapif", "collections", "index.json", NULL);
  g_autofree char *items = g_build_filename (dir, "items", NULL);
  g_autofree char *landing_json = NULL;
  g_autofree char *collections_json = NULL;
  g_autoptr(GString) features = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  landing_json = g_strdup_printf ("{\"links\": [{\"href\": \"%s/oapif/collections\", \"rel\": \"data\"}]}", base);
  collections_json = g_strdup_printf ("{\"collections\": [{\"id\": \"thua-dat\", \"title\": \"Thửa đất\", "
                                      "\"links\": [{\"href\": \"%s/oapif/collections/thua-dat/items\", "
                                      "\"rel\": \"items\", \"type\": \"application/geo+json\"}]}], \"links\": []}",
                                      base);
  for (int i = 0; i < 5; i++)
    g_string_append_printf (features,
                            "%s{\"type\": \"Feature\", \"id\": %d, \"properties\": {\"ma\": \"ODT\", \"ten\": \"Thửa %d\"}, "
                            "\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[%.3f, 10.98], [%.3f, 10.98], "
                            "[%.3f, 10.981], [%.3f, 10.981], [%.3f, 10.98]]]}}",
                            i ? ", " : "", i, i, 106.65 + i * 0.002, 106.651 + i * 0.002, 106.651 + i * 0.002,
                            106.65 + i * 0.002, 106.65 + i * 0.002);
  g_string_append (features, "]}");
  g_assert_true (g_file_set_contents (landing, landing_json, -1, NULL));
  g_assert_true (g_file_set_contents (collections, collections_json, -1, NULL));
  g_assert_true (g_file_set_contents (items, features->str, -1, NULL));
}

static void
test_web_oapif (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  PvWebLayerInfo *info;
  PvLayer *layer;

  NEED_SERVER ();
  url = g_strdup_printf ("%s/oapif", pv_test_http_get_base_url (server));
  pv_trust_set_network_enabled (TRUE);
  source = pv_web_source_new (PV_WEB_SERVICE_OAPIF, url, &error);
  g_assert_no_error (error);
  infos = pv_web_source_list_layers (source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpstr (info->layer_name, ==, "thua-dat");
  g_assert_cmpstr (info->title, ==, "Thửa đất");

  layers = pv_layer_open_all (info->source, info->layer_name, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  layer = g_ptr_array_index (layers, 0);
  g_assert_true (PV_IS_VECTOR_LAYER (layer));
  g_assert_cmpstr (pv_layer_get_source (layer), ==, source);
  g_assert_cmpstr (pv_layer_get_source_layer (layer), ==, "thua-dat");
  g_assert_cmpuint (pv_vector_layer_get_n_features (PV_VECTOR_LAYER (layer)), ==, 5);

  g_clear_pointer (&layers, g_ptr_array_unref);
  layers = pv_layer_open_all (source, "khong-co", NULL, &error);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER);
  g_assert_null (layers);
}

/* A project stores a web layer by its source: listed as a network source
 * before anything opens, kept as written, opened again only with network
 * sources allowed. */
static void
test_web_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvCrs) vn2000 = pv_crs_new_from_epsg (9210, NULL);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) layer_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(PvProject) closed = NULL;
  g_autoptr(PvProject) opened = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  PvProjectSource *source;
  PvLayer *layer;

  NEED_SERVER ();
  path = g_build_filename (tmp_dir, "web.pvproj", NULL);
  pv_trust_set_network_enabled (TRUE);
  layers = pv_layer_open_all (xyz_url, NULL, NULL, &error);
  g_assert_no_error (error);
  pv_map_set_crs (map, vn2000);
  pv_map_add_layer (map, g_ptr_array_index (layers, 0));
  g_assert_true (pv_project_save (map, NULL, path, &error));
  g_assert_no_error (error);
  text = pv_test_read_file (path);
  g_assert_nonnull (strstr (text, "/{z}/{x}/{y}.png\""));

  sources = pv_project_list_outside_sources (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 1);
  source = g_ptr_array_index (sources, 0);
  g_assert_cmpstr (source->source, ==, xyz_url);
  g_assert_cmpint (source->kind, ==, PV_SOURCE_NETWORK);

  /* Not allowed: the layer stays closed (and kept), nothing fetched. */
  pv_test_http_reset (server);
  closed = pv_project_open (path, 0, layer_errors, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_map_get_n_layers (pv_project_get_map (closed)), ==, 1);
  g_assert_false (PV_IS_RASTER_LAYER (pv_map_get_layer (pv_project_get_map (closed), 0)));
  g_assert_cmpuint (pv_test_http_get_n_requests (server), ==, 0);

  g_ptr_array_set_size (layer_errors, 0);
  opened = pv_project_open (path, PV_PROJECT_OPEN_ALLOW_NETWORK, layer_errors, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layer_errors->len, ==, 0);
  layer = pv_map_get_layer (pv_project_get_map (opened), 0);
  g_assert_true (PV_IS_RASTER_LAYER (layer));
  g_assert_cmpstr (pv_layer_get_source (layer), ==, xyz_url);
}

/* A bookmark's tiles cached into MBTiles, then drawn with online sources
 * off: the same pixels as the service gave. */
static void
test_web_cache_bookmark (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvViewport) vp = city_viewport (9.0);
  g_autoptr(PvCrs) vn2000 = pv_crs_new_from_epsg (9210, NULL);
  g_autoptr(PvTileCache) cache = NULL;
  g_autofree char *output = g_build_filename (tmp_dir, "bookmark.mbtiles", NULL);
  g_autofree char *partial = g_strconcat (output, ".part", NULL);
  g_autoptr(GPtrArray) online = NULL;
  g_autoptr(GPtrArray) offline = NULL;
  cairo_surface_t *a, *b;
  double e[4];
  guint64 n_tiles, n_fetched;
  int zoom;
  GStatBuf st;
  gint64 start;
  guint n_differ = 0, n_compared = 0;

  NEED_SERVER ();
  cache = pv_tile_cache_new (xyz_url);
  pv_trust_set_network_enabled (TRUE);
  pv_viewport_get_extent (vp, &e[0], &e[1], &e[2], &e[3]);
  zoom = pv_tile_cache_zoom_for_extent (vn2000, e[0], e[1], e[2], e[3], 256, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zoom, ==, 15);
  g_assert_true (pv_tile_cache_add_extent (cache, vn2000, e[0], e[1], e[2], e[3], zoom - 2, zoom, &error));
  g_assert_no_error (error);
  n_tiles = pv_tile_cache_count_tiles (cache);
  g_test_message ("bookmark at zoom %d–%d: %" G_GUINT64_FORMAT " tiles", zoom - 2, zoom, n_tiles);
  g_assert_cmpuint (n_tiles, >=, 4);
  g_assert_cmpuint (n_tiles, <=, 40);

  /* Over the limit: refused before anything is fetched or written. */
  pv_test_http_reset (server);
  g_assert_false (pv_tile_cache_write (cache, output, 2, NULL, NULL, NULL, &error));
  g_assert_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (pv_test_http_get_n_requests (server), ==, 0);

  /* Cancelled: no file. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_false (pv_tile_cache_write (cache, output, 0, NULL, NULL, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  }

  start = g_get_monotonic_time ();
  g_assert_true (pv_tile_cache_write (cache, output, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  n_fetched = pv_test_http_get_n_requests (server);
  {
    g_auto(GStrv) requests = pv_test_http_dup_requests (server);

    for (guint i = 0; requests[i] != NULL; i++)
      g_test_message ("cache request %s", requests[i]);
  }
  g_assert_cmpint (g_stat (output, &st), ==, 0);
  g_test_message ("cached in %.2f s: %" G_GUINT64_FORMAT " requests, %" G_GINT64_FORMAT " bytes",
                  (g_get_monotonic_time () - start) / 1e6, n_fetched, (gint64) st.st_size);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  /* Each tile fetched at most once (the view's tiles came from GDAL's cache). */
  g_assert_cmpuint (n_fetched, <=, n_tiles);

  online = pv_layer_open_all (xyz_url, NULL, NULL, &error);
  g_assert_no_error (error);
  a = render_layer (g_ptr_array_index (online, 0), vp);

  pv_trust_set_network_enabled (FALSE);
  pv_test_http_reset (server);
  offline = pv_layer_open_all (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offline->len, ==, 1);
  g_assert_cmpstr (pv_raster_layer_get_driver_name (g_ptr_array_index (offline, 0)), ==, "MBTiles");
  g_assert_cmpint (pv_raster_layer_get_n_overviews (g_ptr_array_index (offline, 0)), >=, 2);
  b = render_layer (g_ptr_array_index (offline, 0), vp);
  g_assert_cmpuint (pv_test_http_get_n_requests (server), ==, 0);

  /* In VN-2000 the two may read different levels (each warps its own
   * grid), so they are compared with the source where it is uniform. */
  g_assert_cmpuint (check_against_source (a, vp), >=, 20);
  g_assert_cmpuint (check_against_source (b, vp), >=, 20);

  /* In web mercator at zoom 15's own pixels both read the same tiles:
   * equal pixel for pixel. */
  {
    g_autoptr(PvViewport) same = pv_viewport_new ();
    double span = tile_span (15);
    double cx = -HALF + floor ((CENTRE_X + 300 + HALF) / span) * span;
    double cy = HALF - floor ((HALF - CENTRE_Y + 200) / span) * span;
    cairo_surface_t *c, *d;

    pv_viewport_set_size (same, 256, 256);
    pv_viewport_set_resolution (same, span / 256);
    pv_viewport_set_center (same, cx, cy);
    /* The service's layer draws only with online sources on. */
    pv_trust_set_network_enabled (TRUE);
    c = render_layer_in (g_ptr_array_index (online, 0), same, 3857);
    pv_trust_set_network_enabled (FALSE);
    d = render_layer_in (g_ptr_array_index (offline, 0), same, 3857);
    for (int y = 0; y < 256; y++)
      for (int x = 0; x < 256; x++)
        {
          guint8 pa[4], pb[4];

          pixel_at (c, x, y, pa);
          pixel_at (d, x, y, pb);
          n_compared++;
          if (ABS (pa[0] - pb[0]) > 1 || ABS (pa[1] - pb[1]) > 1 || ABS (pa[2] - pb[2]) > 1 ||
              ABS (pa[3] - pb[3]) > 1)
            n_differ++;
        }
    g_test_message ("%u of %u pixels differ", n_differ, n_compared);
    g_assert_cmpuint (n_differ, ==, 0);
    g_assert_cmpuint (check_against_source_in (d, same, 3857), >=, 20);
    cairo_surface_destroy (c);
    cairo_surface_destroy (d);
  }

  /* Zoomed out two levels: the cache's own overview, still the same picture. */
  {
    g_autoptr(PvViewport) out = city_viewport (36.0);
    cairo_surface_t *c;
    PvRasterReadInfo info;

    pv_viewport_set_size (out, 64, 48);
    c = render_layer (g_ptr_array_index (offline, 0), out);
    _pv_raster_layer_get_last_read (g_ptr_array_index (offline, 0), &info);
    g_assert_cmpint (info.level, >=, 1);
    cairo_surface_destroy (c);
  }

  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* Offline tile caches made by GDAL's own tools open as base maps,
 * reprojected into VN-2000, with their zoom levels as overviews. */
static void
test_tile_cache_files (gconstpointer data)
{
  const char *driver = data;
  g_autofree char *output = g_strdup_printf ("%s/made.%s", tmp_dir,
                                             g_str_equal (driver, "MBTiles") ? "mbtiles" : "gpkg");
  /* PNG tiles: GeoPackage's default would be lossy JPEG for opaque tiles. */
  const char *translate[] = { "gdal_translate", "-q", "-of", driver, "-co", "TILE_FORMAT=PNG",
                              source_tif, output, NULL };
  const char *addo[] = { "gdaladdo", "-q", "-r", "average", output, "2", "4", "8", NULL };
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PvViewport) vp = city_viewport (9.0);
  g_autoptr(PvViewport) out = city_viewport (60.0);
  g_autofree char *o1 = NULL, *o2 = NULL;
  cairo_surface_t *image;
  PvRasterReadInfo info;
  PvLayer *layer;

  if (!pv_test_have_tool ("gdal_translate") || !pv_test_have_tool ("gdaladdo"))
    return;
  g_unlink (output);
  o1 = pv_test_run_tool (translate);
  o2 = pv_test_run_tool (addo);

  pv_trust_set_network_enabled (FALSE);
  layers = pv_layer_open_all (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  layer = g_ptr_array_index (layers, 0);
  g_assert_true (PV_IS_RASTER_LAYER (layer));
  g_assert_cmpstr (pv_raster_layer_get_driver_name (PV_RASTER_LAYER (layer)), ==, driver);
  g_assert_cmpint (pv_crs_get_epsg (pv_layer_get_crs (layer)), ==, 3857);
  g_assert_cmpint (pv_raster_layer_get_n_overviews (PV_RASTER_LAYER (layer)), >=, 2);

  image = render_layer (layer, vp);
  g_assert_cmpuint (check_against_source (image, vp), >=, 20);
  cairo_surface_destroy (image);

  /* Zoomed out: an overview is read, not the full level. */
  image = render_layer (layer, out);
  _pv_raster_layer_get_last_read (PV_RASTER_LAYER (layer), &info);
  g_assert_cmpint (info.level, >=, 2);
  cairo_surface_destroy (image);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_dir = NULL;
  guint n_tiles;
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = pv_test_make_temp_dir ("pv-test-web");
  /* GDAL's tile cache in this run's folder: nothing from an earlier run. */
  cache_dir = g_build_filename (tmp_dir, "gdalwmscache", NULL);
  g_setenv ("GDAL_DEFAULT_WMS_CACHE_PATH", cache_dir, TRUE);
  pv_core_init ();

  www_dir = g_build_filename (tmp_dir, "www", NULL);
  g_assert_cmpint (g_mkdir (www_dir, 0755), ==, 0);
  source_tif = g_build_filename (tmp_dir, "source.tif", NULL);
  pv_test_tiles_write_source (source_tif);
  n_tiles = pv_test_tiles_write_xyz (www_dir, source_tif, MIN_ZOOM, MAX_ZOOM);
  g_test_message ("%u tiles in the XYZ tree", n_tiles);

  server = pv_test_http_new (www_dir, &error);
  if (server == NULL)
    server_error = g_strdup_printf ("no HTTP server on 127.0.0.1: %s", error->message);
  else
    {
      xyz_url = g_strdup_printf ("%s/{z}/{x}/{y}.png", pv_test_http_get_base_url (server));
      write_wmts_capabilities (www_dir, pv_test_http_get_base_url (server));
      write_oapif (www_dir, pv_test_http_get_base_url (server));
      wms_capabilities = make_wms_capabilities (pv_test_http_get_base_url (server));
      pv_test_http_add_handler (server, "/wms", wms_handler, NULL);
      pv_test_http_add_handler (server, "/a", subdomain_handler, NULL);
      pv_test_http_add_handler (server, "/b", subdomain_handler, NULL);
    }
  g_test_add_func ("/core/web/sources", test_web_sources);
  g_test_add_func ("/core/web/offline-refused", test_web_offline_refused);
  g_test_add_func ("/core/web/xyz-render", test_web_xyz_render);
  g_test_add_func ("/core/web/xyz-subdomains", test_web_xyz_subdomains);
  g_test_add_func ("/core/web/wmts", test_web_wmts);
  g_test_add_func ("/core/web/oapif", test_web_oapif);
  g_test_add_func ("/core/web/wms", test_web_wms);
  g_test_add_func ("/core/web/project", test_web_project);
  g_test_add_func ("/core/web/cache-bookmark", test_web_cache_bookmark);
  g_test_add_data_func ("/core/web/mbtiles", "MBTiles", test_tile_cache_files);
  g_test_add_data_func ("/core/web/gpkg-tiles", "GPKG", test_tile_cache_files);

  ret = g_test_run ();

  pv_trust_set_network_enabled (FALSE);
  g_clear_pointer (&server, pv_test_http_free);
  pv_test_remove_dir (tmp_dir);
  g_free (xyz_url);
  g_free (wms_capabilities);
  g_free (server_error);
  g_free (source_tif);
  g_free (www_dir);
  g_free (tmp_dir);
  return ret;
}
