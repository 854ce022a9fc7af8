/* test-trust.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cpl_conv.h>
#include <gdal.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "pv-core.h"
#include "pv-test-util.h"

#define GEOJSON \
  "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"ma\":\"ONT\"}," \
  "\"geometry\":{\"type\":\"Point\",\"coordinates\":[106.65,11.0]}}]}"

/* A local HTTP server that counts the connections it gets and answers
 * each with 404: whether anything tried the network is a count, not a
 * timing. */
typedef struct
{
  GSocketListener *listener;
  GCancellable    *cancellable;
  GThread         *thread;
  guint16          port;
  int              connections;
} Server;

static gpointer
server_worker (gpointer data)
{
  Server *server = data;

  for (;;)
    {
      g_autoptr(GSocketConnection) connection = NULL;
      GOutputStream *out;
      char buffer[4096];

      connection = g_socket_listener_accept (server->listener, NULL, server->cancellable, NULL);
      if (connection == NULL)
        break;
      g_atomic_int_inc (&server->connections);
      /* The request (its first packet is enough), then the answer. */
      g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)), buffer, sizeof buffer,
                           server->cancellable, NULL);
      out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
      g_output_stream_write_all (out, "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n", 45, NULL, NULL, NULL);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
  return NULL;
}

static void
server_start (Server *server)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  server->listener = g_socket_listener_new ();
  server->cancellable = g_cancellable_new ();
  g_socket_listener_add_address (server->listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &bound, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  server->thread = g_thread_new ("test-http", server_worker, server);
}

static void
server_stop (Server *server)
{
  g_cancellable_cancel (server->cancellable);
  g_thread_join (server->thread);
  g_socket_listener_close (server->listener);
  g_clear_object (&server->listener);
  g_clear_object (&server->cancellable);
}

static void
write_file_in (const char *folder,
               const char *relative,
               const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (folder, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0755);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

typedef struct
{
  char *root;       /* the temporary folder */
  char *project;    /* root/proj/plan.pvproj */
  char *proj_dir;   /* root/proj, resolved */
  char *outside;    /* root/outside, resolved */
} Fixture;

/* root/proj/plan.pvproj with sources inside, '..' outside, absolute
 * elsewhere, through a symbolic link out of the folder, on the network, and
 * VRTs inside that read outside or on the network; a print layout's logo
 * outside. */
static void
fixture_set_up (Fixture    *fixture,
                guint16     port)
{
  g_autofree char *root = pv_test_make_temp_dir ("test-trust-XXXXXX");
  g_autofree char *absolute = NULL;
  g_autofree char *link = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *vrt = NULL;

  fixture->root = g_canonicalize_filename (root, NULL);
  {
    char real[4096];

    g_assert_nonnull (realpath (fixture->root, real));
    g_free (fixture->root);
    fixture->root = g_strdup (real);
  }
  fixture->proj_dir = g_build_filename (fixture->root, "proj", NULL);
  fixture->outside = g_build_filename (fixture->root, "outside", NULL);
  fixture->project = g_build_filename (fixture->proj_dir, "plan.pvproj", NULL);

  write_file_in (fixture->proj_dir, "data/inside.geojson", GEOJSON);
  write_file_in (fixture->outside, "out.geojson", GEOJSON);
  write_file_in (fixture->outside, "abs.geojson", GEOJSON);
  write_file_in (fixture->outside, "linked.geojson", GEOJSON);
  link = g_build_filename (fixture->proj_dir, "link", NULL);
  g_assert_cmpint (symlink (fixture->outside, link), ==, 0);

  vrt = g_strdup_printf ("<VRTDataset rasterXSize=\"4\" rasterYSize=\"4\">\n"
                         "  <VRTRasterBand dataType=\"Byte\" band=\"1\">\n"
                         "    <SimpleSource>\n"
                         "      <SourceFilename relativeToVRT=\"0\">/vsicurl/http://127.0.0.1:%u/vrt.tif</SourceFilename>\n"
                         "      <SourceBand>1</SourceBand>\n"
                         "    </SimpleSource>\n"
                         "  </VRTRasterBand>\n"
                         "</VRTDataset>\n", port);
  write_file_in (fixture->proj_dir, "data/net.vrt", vrt);
  write_file_in (fixture->proj_dir, "data/far.vrt",
              "<VRTDataset rasterXSize=\"4\" rasterYSize=\"4\">\n"
              "  <VRTRasterBand dataType=\"Byte\" band=\"1\">\n"
              "    <SimpleSource>\n"
              "      <SourceFilename relativeToVRT=\"1\">../../outside/far.tif</SourceFilename>\n"
              "      <SourceBand>1</SourceBand>\n"
              "    </SimpleSource>\n"
              "  </VRTRasterBand>\n"
              "</VRTDataset>\n");
  /* A VRT reading a VRT inside that reads inside: inside. */
  write_file_in (fixture->proj_dir, "data/near.vrt",
              "<OGRVRTDataSource><OGRVRTLayer name=\"inside\">"
              "<SrcDataSource relativeToVRT=\"1\">inside.geojson</SrcDataSource>"
              "</OGRVRTLayer></OGRVRTDataSource>");

  absolute = g_build_filename (fixture->outside, "abs.geojson", NULL);
  contents = g_strdup_printf (
    "{\"planviewer_project\": 1, \"layers\": ["
    "{\"name\": \"inside\", \"source\": \"data/../data/inside.geojson\"},"
    "{\"name\": \"near\", \"source\": \"data/near.vrt\"},"
    "{\"name\": \"dotdot\", \"source\": \"../outside/out.geojson\"},"
    "{\"name\": \"absolute\", \"source\": \"%s\"},"
    "{\"name\": \"symlink\", \"source\": \"link/linked.geojson\"},"
    "{\"name\": \"curl\", \"source\": \"/vsicurl/http://127.0.0.1:%u/x.tif\"},"
    "{\"name\": \"url\", \"source\": \"http://127.0.0.1:%u/x.geojson\"},"
    "{\"name\": \"wms\", \"source\": \"WMS:http://127.0.0.1:%u/wms?\"},"
    "{\"name\": \"netvrt\", \"source\": \"data/net.vrt\"},"
    "{\"name\": \"farvrt\", \"source\": \"data/far.vrt\"}],"
    "\"layouts\": [{\"name\": \"A3\", \"logo_path\": \"../outside/logo.png\"}]}",
    absolute, port, port, port);
  write_file_in (fixture->proj_dir, "plan.pvproj", contents);
}

static void
fixture_tear_down (Fixture *fixture)
{
  pv_test_remove_dir (fixture->root);
  g_free (fixture->root);
  g_free (fixture->project);
  g_free (fixture->proj_dir);
  g_free (fixture->outside);
}

static const PvProjectSource *
find_source (GPtrArray  *sources,
             const char *source)
{
  for (guint i = 0; i < sources->len; i++)
    {
      const PvProjectSource *item = g_ptr_array_index (sources, i);

      if (g_str_equal (item->source, source))
        return item;
    }
  return NULL;
}

static void
test_trust_classify (void)
{
  Fixture fixture;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *url = NULL;
  const PvProjectSource *item;
  char *resolved = NULL;
  PvSourceKind kind;

  fixture_set_up (&fixture, 9);
  sources = pv_project_list_outside_sources (fixture.project, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sources);
  /* Everything but "inside" and "near". */
  g_assert_cmpuint (sources->len, ==, 9);
  g_assert_null (find_source (sources, "data/../data/inside.geojson"));
  g_assert_null (find_source (sources, "data/near.vrt"));

  /* '..' resolved, and shown resolved. */
  item = find_source (sources, "../outside/out.geojson");
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, PV_SOURCE_OUTSIDE);
  g_assert_cmpint (item->use, ==, PV_SOURCE_USE_LAYER);
  expected = g_build_filename (fixture.outside, "out.geojson", NULL);
  g_assert_cmpstr (item->resolved, ==, expected);
  g_assert_null (strstr (item->resolved, ".."));

  absolute = g_build_filename (fixture.outside, "abs.geojson", NULL);
  item = find_source (sources, absolute);
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, PV_SOURCE_OUTSIDE);

  /* The symbolic link is followed: the file is outside. */
  item = find_source (sources, "link/linked.geojson");
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, PV_SOURCE_OUTSIDE);
  g_clear_pointer (&expected, g_free);
  expected = g_build_filename (fixture.outside, "linked.geojson", NULL);
  g_assert_cmpstr (item->resolved, ==, expected);

  item = find_source (sources, "/vsicurl/http://127.0.0.1:9/x.tif");
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, PV_SOURCE_NETWORK);
  g_assert_cmpint (find_source (sources, "http://127.0.0.1:9/x.geojson")->kind, ==, PV_SOURCE_NETWORK);
  g_assert_cmpint (find_source (sources, "WMS:http://127.0.0.1:9/wms?")->kind, ==, PV_SOURCE_NETWORK);

  /* VRTs inside take the kind of what they read, named in target. */
  item = find_source (sources, "data/net.vrt");
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, PV_SOURCE_NETWORK);
  g_assert_cmpstr (item->target, ==, "/vsicurl/http://127.0.0.1:9/vrt.tif");
  item = find_source (sources, "data/far.vrt");
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, PV_SOURCE_OUTSIDE);
  g_clear_pointer (&expected, g_free);
  expected = g_build_filename (fixture.outside, "far.tif", NULL);
  g_assert_cmpstr (item->target, ==, expected);

  item = find_source (sources, "../outside/logo.png");
  g_assert_nonnull (item);
  g_assert_cmpint (item->use, ==, PV_SOURCE_USE_LOGO);
  g_assert_cmpint (item->kind, ==, PV_SOURCE_OUTSIDE);

  /* Archives are judged by the archive's file; URLs in any /vsi chain are
   * the network. */
  kind = pv_trust_classify_source (fixture.proj_dir, "/vsizip/data/a.zip/b.shp", &resolved, NULL);
  g_assert_cmpint (kind, ==, PV_SOURCE_OUTSIDE);  /* relative inside /vsizip/: GDAL's current folder */
  g_free (resolved);
  url = g_strdup_printf ("/vsizip/{%s/data/a.zip}/b.shp", fixture.proj_dir);
  kind = pv_trust_classify_source (fixture.proj_dir, url, &resolved, NULL);
  g_assert_cmpint (kind, ==, PV_SOURCE_INSIDE);
  g_free (resolved);
  kind = pv_trust_classify_source (fixture.proj_dir, "/vsizip//vsis3/bucket/a.zip/b.shp", &resolved, NULL);
  g_assert_cmpint (kind, ==, PV_SOURCE_NETWORK);
  g_free (resolved);
  kind = pv_trust_classify_source (fixture.proj_dir, "PG:dbname=planning host=127.0.0.1", &resolved, NULL);
  g_assert_cmpint (kind, ==, PV_SOURCE_NETWORK);
  g_free (resolved);

  fixture_tear_down (&fixture);
}

/* The inotify events of dir: IN_OPEN counts the files opened in it. */
static int
count_opens (int fd)
{
  char buffer[64 * 1024] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  int opens = 0;
  ssize_t n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    for (char *p = buffer; p < buffer + n; p += sizeof (struct inotify_event) + ((struct inotify_event *) p)->len)
      if (((struct inotify_event *) p)->mask & IN_OPEN)
        opens++;
  return opens;
}

static void
assert_missing (PvMap      *map,
                const char *name)
{
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    {
      PvLayer *layer = pv_map_get_layer (map, i);

      if (g_str_equal (pv_layer_get_name (layer), name))
        {
          g_assert_true (PV_IS_MISSING_LAYER (layer));
          return;
        }
    }
  g_assert_not_reached ();
}

static void
test_trust_open (void)
{
  Server server = { 0 };
  Fixture fixture;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(PvProject) project = NULL;
  g_autoptr(PvProject) allowed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *outside_error = NULL;
  g_autofree char *curl_source = NULL;
  g_autofree char *wms_source = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *layers;
  int watch_fd;
  PvMap *map;

  server_start (&server);
  fixture_set_up (&fixture, server.port);
  curl_source = g_strdup_printf ("/vsicurl/http://127.0.0.1:%u/x.tif", server.port);
  wms_source = g_strdup_printf ("WMS:http://127.0.0.1:%u/wms?", server.port);
  watch_fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  g_assert_cmpint (watch_fd, >=, 0);
  g_assert_cmpint (inotify_add_watch (watch_fd, fixture.outside, IN_OPEN), >=, 0);

  g_assert_false (pv_trust_get_network_enabled ());
  /* Even allowed, network sources stay closed while online sources are off. */
  project = pv_project_open (fixture.project, PV_PROJECT_OPEN_ALLOW_NETWORK, errors, NULL, &error);
  g_assert_no_error (error);
  map = pv_project_get_map (project);
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 10);
  g_assert_false (PV_IS_MISSING_LAYER (pv_map_get_layer (map, 0)));
  g_assert_false (PV_IS_MISSING_LAYER (pv_map_get_layer (map, 1)));
  for (guint i = 2; i < pv_map_get_n_layers (map); i++)
    g_assert_true (PV_IS_MISSING_LAYER (pv_map_get_layer (map, i)));
  assert_missing (map, "symlink");
  /* Nothing outside was opened, nothing tried the network. */
  g_assert_cmpint (count_opens (watch_fd), ==, 0);
  g_assert_cmpint (g_atomic_int_get (&server.connections), ==, 0);

  /* Each refusal names the resolved path and why. */
  outside_error = g_build_filename (fixture.outside, "out.geojson", NULL);
  {
    gboolean named = FALSE;

    for (guint i = 0; i < errors->len; i++)
      {
        GError *e = g_ptr_array_index (errors, i);

        if (g_error_matches (e, PV_PROJECT_ERROR, PV_PROJECT_ERROR_NOT_ALLOWED) &&
            g_str_has_prefix (e->message, outside_error) && strstr (e->message, "outside") != NULL)
          named = TRUE;
      }
    g_assert_true (named);
  }

  /* Saving keeps every source as it was written, the logo too. */
  data = pv_project_to_data (project, NULL, fixture.proj_dir, NULL);
  json_parser_load_from_data (parser, data, -1, &error);
  g_assert_no_error (error);
  layers = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "layers");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (layers, 2), "source"), ==,
                   "../outside/out.geojson");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (layers, 5), "source"), ==,
                   curl_source);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (layers, 7), "source"), ==,
                   wms_source);
  g_assert_nonnull (strstr (data, "\"../outside/logo.png\""));
  g_assert_cmpint (count_opens (watch_fd), ==, 0);

  /* GDAL's own network access is off: opening the URLs directly reaches
   * nothing either. */
  {
    g_autofree char *curl = g_strdup_printf ("/vsicurl/http://127.0.0.1:%u/direct.tif", server.port);
    g_autofree char *http = g_strdup_printf ("http://127.0.0.1:%u/direct.geojson", server.port);
    g_autofree char *vrt = g_build_filename (fixture.proj_dir, "data", "net.vrt", NULL);
    g_autoptr(GPtrArray) layers_opened = NULL;
    g_autoptr(GError) open_error = NULL;

    layers_opened = pv_layer_open_all (curl, NULL, NULL, &open_error);
    g_assert_null (layers_opened);
    g_clear_error (&open_error);
    layers_opened = pv_layer_open_all (http, NULL, NULL, &open_error);
    g_assert_null (layers_opened);
    g_clear_error (&open_error);
    layers_opened = pv_layer_open_all (vrt, NULL, NULL, &open_error);
    g_clear_pointer (&layers_opened, g_ptr_array_unref);
    g_clear_error (&open_error);
    g_assert_cmpint (g_atomic_int_get (&server.connections), ==, 0);
  }

  /* With consent, the files outside are opened (the check above can fail),
   * and with online sources on the network is reached. */
  pv_trust_set_network_enabled (TRUE);
  allowed = pv_project_open (fixture.project, PV_PROJECT_OPEN_ALLOW_OUTSIDE | PV_PROJECT_OPEN_ALLOW_NETWORK,
                             NULL, NULL, &error);
  g_assert_no_error (error);
  pv_trust_set_network_enabled (FALSE);
  map = pv_project_get_map (allowed);
  assert_missing (map, "curl");  /* 404 */
  g_assert_false (PV_IS_MISSING_LAYER (pv_map_get_layer (map, 2)));
  g_assert_false (PV_IS_MISSING_LAYER (pv_map_get_layer (map, 3)));
  g_assert_false (PV_IS_MISSING_LAYER (pv_map_get_layer (map, 4)));
  g_assert_cmpint (count_opens (watch_fd), >, 0);
  g_assert_cmpint (g_atomic_int_get (&server.connections), >, 0);

  close (watch_fd);
  g_clear_object (&project);
  g_clear_object (&allowed);
  fixture_tear_down (&fixture);
  server_stop (&server);
}

/* Nothing in a project runs a program. */
static void
test_trust_no_programs (void)
{
  g_assert_cmpstr (CPLGetConfigOption ("GDAL_VRT_ENABLE_PYTHON", NULL), ==, "NO");
  g_assert_null (GDALGetDriverByName ("GPSBabel"));
  g_assert_null (GDALGetDriverByName ("ODBC"));
  /* Offline: the drivers of web services and database servers are gone. */
  g_assert_null (GDALGetDriverByName ("WMS"));
  g_assert_null (GDALGetDriverByName ("PostgreSQL"));
  pv_trust_set_network_enabled (TRUE);
  g_assert_nonnull (GDALGetDriverByName ("WMS"));
  pv_trust_set_network_enabled (FALSE);
  g_assert_null (GDALGetDriverByName ("WMS"));
  g_assert_nonnull (GDALGetDriverByName ("GTiff"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/trust/classify", test_trust_classify);
  g_test_add_func ("/core/trust/open", test_trust_open);
  g_test_add_func ("/core/trust/no-programs", test_trust_no_programs);

  return g_test_run ();
}
