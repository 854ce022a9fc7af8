/* pv-web-source.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "pv-error.h"
#include "pv-gdal-private.h"
#include "pv-raster-layer-private.h"
#include "pv-task.h"
#include "pv-trust.h"
#include "pv-vector-layer-private.h"
#include "pv-web-source-private.h"

/* EPSG:3857's square, and the deepest zoom level an XYZ template is read at
 * (beyond it a view shows the level-19 tiles enlarged). */
#define MERCATOR_HALF  20037508.342789244
#define XYZ_MAX_ZOOM   19

static const struct
{
  PvWebService  service;
  const char   *prefix;
} prefixes[] = {
  { PV_WEB_SERVICE_WMS, "WMS:" },
  { PV_WEB_SERVICE_WMTS, "WMTS:" },
  { PV_WEB_SERVICE_OAPIF, "OAPIF:" },
};

static gboolean
is_http_url (const char *url)
{
  return g_ascii_strncasecmp (url, "http://", 7) == 0 ||
         g_ascii_strncasecmp (url, "https://", 8) == 0;
}

static gboolean
is_xyz_template (const char *url)
{
  return is_http_url (url) && strstr (url, "{z}") != NULL && strstr (url, "{x}") != NULL &&
         (strstr (url, "{y}") != NULL || strstr (url, "{-y}") != NULL);
}

PvWebService
pv_web_source_get_service (const char *source)
{
  if (source == NULL)
    return PV_WEB_SERVICE_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_ascii_strncasecmp (source, prefixes[i].prefix, strlen (prefixes[i].prefix)) == 0)
      return prefixes[i].service;
  if (is_xyz_template (source))
    return PV_WEB_SERVICE_XYZ;
  return PV_WEB_SERVICE_NONE;
}

const char *
pv_web_service_to_string (PvWebService service)
{
  switch (service)
    {
    case PV_WEB_SERVICE_WMS:
      return C_("web service", "WMS");
    case PV_WEB_SERVICE_WMTS:
      return C_("web service", "WMTS");
    case PV_WEB_SERVICE_XYZ:
      return C_("web service", "XYZ tiles");
    case PV_WEB_SERVICE_OAPIF:
      return C_("web service", "OGC API Features");
    case PV_WEB_SERVICE_NONE:
    default:
      return C_("web service", "file");
    }
}

static const char *
strip_prefix (const char *source)
{
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_ascii_strncasecmp (source, prefixes[i].prefix, strlen (prefixes[i].prefix)) == 0)
      return source + strlen (prefixes[i].prefix);
  return source;
}

char *
pv_web_source_new (PvWebService   service,
                   const char    *url,
                   GError       **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (service != PV_WEB_SERVICE_NONE, NULL);

  trimmed = g_strstrip (g_strdup (url));
  /* "XYZ:" as some tools write it; the template alone is the source. */
  if (g_ascii_strncasecmp (trimmed, "XYZ:", 4) == 0)
    stripped = g_strdup (trimmed + 4);
  else
    stripped = g_strdup (strip_prefix (trimmed));
  if (!is_http_url (stripped))
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED,
                   _("%s: not a web address (it must start with http:// or https://)"),
                   stripped);
      return NULL;
    }
  switch (service)
    {
    case PV_WEB_SERVICE_XYZ:
      if (!is_xyz_template (stripped))
        {
          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED,
                       _("%s: a tile address must hold {z}, {x} and {y} where the zoom level, "
                         "column and row go"), stripped);
          return NULL;
        }
      return g_steal_pointer (&stripped);
    case PV_WEB_SERVICE_WMS:
      return g_strconcat ("WMS:", stripped, NULL);
    case PV_WEB_SERVICE_WMTS:
      return g_strconcat ("WMTS:", stripped, NULL);
    case PV_WEB_SERVICE_OAPIF:
      return g_strconcat ("OAPIF:", stripped, NULL);
    case PV_WEB_SERVICE_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The template with its subdomain placeholder filled in: "{s}" (Leaflet's,
 * for servers named a., b. and c.) becomes "a", "{switch:b,c}" (JOSM's)
 * its first choice. GDAL's TMS minidriver takes one server URL, and its
 * cache is keyed by the tile's URL: always the same subdomain keeps every
 * tile cached once, where rotating would fetch a tile again under each
 * name. */
static char *
xyz_with_subdomain (const char *template)
{
  g_autoptr(GString) url = g_string_new (template);
  const char *open;

  g_string_replace (url, "{s}", "a", 0);
  while ((open = strstr (url->str, "{switch:")) != NULL)
    {
      gsize start = open - url->str;
      const char *close = strchr (open, '}');
      const char *first = open + strlen ("{switch:");
      gsize first_len;

      if (close == NULL)
        break;
      first_len = strcspn (first, ",}");
      {
        g_autofree char *choice = g_strndup (first, first_len);

        g_string_erase (url, start, close - open + 1);
        g_string_insert (url, start, choice);
      }
    }
  return g_string_free (g_steal_pointer (&url), FALSE);
}

/* The value of key in a URL's query string (case-insensitive key). */
static char *
query_value (const char *url,
             const char *key)
{
  const char *query = strchr (url, '?');
  g_auto(GStrv) pairs = NULL;

  if (query == NULL)
    return NULL;
  pairs = g_strsplit (query + 1, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');

      if (eq != NULL && (gsize) (eq - pairs[i]) == strlen (key) &&
          g_ascii_strncasecmp (pairs[i], key, strlen (key)) == 0)
        return g_uri_unescape_string (eq + 1, NULL);
    }
  return NULL;
}

static char *
url_host (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);
  return g_strdup (g_uri_get_host (uri));
}

char *
pv_web_source_dup_title (const char *source)
{
  const char *url;

  g_return_val_if_fail (source != NULL, NULL);

  url = strip_prefix (source);
  switch (pv_web_source_get_service (source))
    {
    case PV_WEB_SERVICE_WMS:
      {
        g_autofree char *layers = query_value (url, "LAYERS");
        g_autofree char *host = url_host (url);

        if (layers != NULL && layers[0] != '\0')
          return g_strdup_printf ("%s (%s)", layers, host);
        return g_steal_pointer (&host);
      }
    case PV_WEB_SERVICE_WMTS:
      {
        const char *layer = strstr (url, ",layer=");
        g_autofree char *host = NULL;
        g_autofree char *base = g_strdup (url);
        char *comma = strchr (base, ',');

        if (comma != NULL)
          *comma = '\0';
        host = url_host (base);
        if (layer != NULL)
          {
            g_autofree char *name = g_strdup (layer + strlen (",layer="));
            char *end = strchr (name, ',');

            if (end != NULL)
              *end = '\0';
            return g_strdup_printf ("%s (%s)", name, host);
          }
        return g_steal_pointer (&host);
      }
    case PV_WEB_SERVICE_XYZ:
      {
        g_autofree char *filled = xyz_with_subdomain (url);

        return url_host (filled);
      }
    case PV_WEB_SERVICE_OAPIF:
      return url_host (url);
    case PV_WEB_SERVICE_NONE:
    default:
      return g_path_get_basename (source);
    }
}

/* ------------------------------------------------------------ GDAL */

const char *
pv_web_source_get_cache_dir (void)
{
  static char *dir;

  if (g_once_init_enter (&dir))
    g_once_init_leave (&dir, g_build_filename (g_get_user_cache_dir (), "planviewer",
                                               "gdalwmscache", NULL));
  return dir;
}

void
_pv_web_source_init_cache (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      if (CPLGetConfigOption ("GDAL_DEFAULT_WMS_CACHE_PATH", NULL) == NULL)
        CPLSetConfigOption ("GDAL_DEFAULT_WMS_CACHE_PATH", pv_web_source_get_cache_dir ());
      g_once_init_leave (&done, 1);
    }
}

static const char *
web_cache_path (void)
{
  _pv_web_source_init_cache ();
  return CPLGetConfigOption ("GDAL_DEFAULT_WMS_CACHE_PATH", pv_web_source_get_cache_dir ());
}

static char *
xyz_description (const char *template)
{
  g_autofree char *filled = xyz_with_subdomain (template);
  g_autoptr(GString) url = g_string_new (filled);
  g_autofree char *escaped = NULL;
  g_autofree char *cache = NULL;
  gboolean from_bottom = strstr (template, "{-y}") != NULL;

  g_string_replace (url, "{z}", "${z}", 0);
  g_string_replace (url, "{x}", "${x}", 0);
  g_string_replace (url, "{-y}", "${y}", 0);
  g_string_replace (url, "{y}", "${y}", 0);
  escaped = g_markup_escape_text (url->str, -1);
  cache = g_markup_escape_text (web_cache_path (), -1);

  /* A 404 or 204 is a tile the service does not have: transparent. */
  return g_strdup_printf ("<GDAL_WMS>"
                          "<Service name=\"TMS\"><ServerUrl>%s</ServerUrl></Service>"
                          "<DataWindow>"
                          "<UpperLeftX>%.9f</UpperLeftX><UpperLeftY>%.9f</UpperLeftY>"
                          "<LowerRightX>%.9f</LowerRightX><LowerRightY>%.9f</LowerRightY>"
                          "<TileLevel>%d</TileLevel>"
                          "<TileCountX>1</TileCountX><TileCountY>1</TileCountY>"
                          "<YOrigin>%s</YOrigin>"
                          "</DataWindow>"
                          "<Projection>EPSG:3857</Projection>"
                          "<BlockSizeX>256</BlockSizeX><BlockSizeY>256</BlockSizeY>"
                          "<BandsCount>4</BandsCount>"
                          "<MaxConnections>4</MaxConnections>"
                          "<ZeroBlockHttpCodes>204,404</ZeroBlockHttpCodes>"
                          "<UserAgent>PlanViewer/" PACKAGE_VERSION "</UserAgent>"
                          "<Cache><Path>%s</Path></Cache>"
                          "</GDAL_WMS>",
                          escaped, -MERCATOR_HALF, MERCATOR_HALF, MERCATOR_HALF, -MERCATOR_HALF,
                          XYZ_MAX_ZOOM, from_bottom ? "bottom" : "top", cache);
}

char *
_pv_web_source_dup_gdal_name (const char *source)
{
  _pv_web_source_init_cache ();
  if (pv_web_source_get_service (source) == PV_WEB_SERVICE_XYZ)
    return xyz_description (source);
  return g_strdup (source);
}

gboolean
_pv_web_source_check_online (const char  *source,
                             GError     **error)
{
  if (pv_trust_get_network_enabled ())
    return TRUE;
  g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND,
               /* translators: the web address, then the service, e.g. "WMS" */
               _("%s: this %s service is on the network, and online sources are off "
                 "(Preferences → Privacy)"),
               source, pv_web_service_to_string (pv_web_source_get_service (source)));
  return FALSE;
}

void
pv_web_layer_info_free (PvWebLayerInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->source);
  g_free (info->layer_name);
  g_free (info->title);
  g_free (info);
}

/* A WMS layer as GDAL lists it names no FORMAT, and GDAL then asks for
 * opaque JPEG: a layer over others would hide them, and lossy pixels blur
 * the lines of a plan. PNG with transparency instead, which servers offer
 * almost always (GDAL does not tell which formats the capabilities name). */
static char *
wms_layer_source (const char *name)
{
  g_autofree char *format = query_value (name, "FORMAT");
  g_autofree char *transparent = query_value (name, "TRANSPARENT");

  if (format != NULL || transparent != NULL)
    return g_strdup (name);
  return g_strconcat (name, strchr (name, '?') != NULL ? "&" : "?",
                      "FORMAT=image/png&TRANSPARENT=TRUE", NULL);
}

static PvWebLayerInfo *
layer_info_new (const char *source,
                const char *layer_name,
                const char *title)
{
  PvWebLayerInfo *info = g_new0 (PvWebLayerInfo, 1);

  info->source = g_strdup (source);
  info->layer_name = g_strdup (layer_name);
  info->title = g_strdup (title);
  return info;
}

GPtrArray *
pv_web_source_list_layers (const char    *source,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_web_layer_info_free);
  PvWebService service;
  g_auto(GDALDatasetH) dataset = NULL;
  g_autofree char *gdal_name = NULL;

  g_return_val_if_fail (source != NULL, NULL);

  service = pv_web_source_get_service (source);
  if (service == PV_WEB_SERVICE_NONE)
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED,
                   _("%s: not a web service"), source);
      return NULL;
    }
  if (service == PV_WEB_SERVICE_XYZ)
    {
      g_autofree char *title = pv_web_source_dup_title (source);

      g_ptr_array_add (infos, layer_info_new (source, NULL, title));
      return g_steal_pointer (&infos);
    }
  if (!_pv_web_source_check_online (source, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  gdal_name = _pv_web_source_dup_gdal_name (source);
  CPLErrorReset ();
  dataset = GDALOpenEx (gdal_name,
                        (service == PV_WEB_SERVICE_OAPIF ? GDAL_OF_VECTOR : GDAL_OF_RASTER) |
                        GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, NULL, NULL, NULL);
  if (dataset == NULL)
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED, source,
                          _("the service does not answer as a web map or feature service"));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (service == PV_WEB_SERVICE_OAPIF)
    {
      for (int i = 0; i < GDALDatasetGetLayerCount (dataset); i++)
        {
          OGRLayerH layer = GDALDatasetGetLayer (dataset, i);
          const char *name = OGR_L_GetName (layer);
          const char *title = GDALGetMetadataItem ((GDALMajorObjectH) layer, "TITLE", NULL);

          g_ptr_array_add (infos, layer_info_new (source, name,
                                                  title != NULL && title[0] ? title : name));
        }
    }
  else
    {
      char **subdatasets = GDALGetMetadata (dataset, "SUBDATASETS");

      for (int i = 1; ; i++)
        {
          g_autofree char *name_key = g_strdup_printf ("SUBDATASET_%d_NAME", i);
          g_autofree char *desc_key = g_strdup_printf ("SUBDATASET_%d_DESC", i);
          const char *name = CSLFetchNameValue (subdatasets, name_key);
          const char *desc = CSLFetchNameValue (subdatasets, desc_key);

          g_autofree char *layer_source = NULL;

          if (name == NULL)
            break;
          layer_source = service == PV_WEB_SERVICE_WMS ? wms_layer_source (name) : g_strdup (name);
          g_ptr_array_add (infos, layer_info_new (layer_source, NULL, desc != NULL ? desc : name));
        }
      /* A URL that already names one layer. */
      if (infos->len == 0 && GDALGetRasterCount (dataset) > 0)
        {
          g_autofree char *title = pv_web_source_dup_title (source);

          g_ptr_array_add (infos, layer_info_new (source, NULL, title));
        }
    }
  if (infos->len == 0)
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_EMPTY,
                   _("%s: the service offers no layers"), source);
      return NULL;
    }
  return g_steal_pointer (&infos);
}

static void
list_layers_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *infos = pv_web_source_list_layers (task_data, cancellable, &error);

  if (infos == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, infos, (GDestroyNotify) g_ptr_array_unref);
}

void
pv_web_source_list_layers_async (const char          *source,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, pv_web_source_list_layers_async);
  g_task_set_task_data (task, g_strdup (source), g_free);
  pv_task_run_in_thread (task, list_layers_worker);
}

GPtrArray *
pv_web_source_list_layers_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
_pv_web_source_open (const char      *source,
                     const char      *layer_name,
                     PvProgressFunc   progress,
                     gpointer         user_data,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  PvWebService service = pv_web_source_get_service (source);
  g_autofree char *gdal_name = NULL;
  g_autofree char *title = pv_web_source_dup_title (source);

  if (!_pv_web_source_check_online (source, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (progress != NULL)
    progress (-1, title, user_data);

  gdal_name = _pv_web_source_dup_gdal_name (source);
  if (service == PV_WEB_SERVICE_OAPIF)
    {
      g_auto(GDALDatasetH) dataset = NULL;
      PvVectorLayer *vector;
      int index = -1, n;

      CPLErrorReset ();
      dataset = GDALOpenEx (gdal_name, GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                            NULL, NULL, NULL);
      if (dataset == NULL)
        {
          _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED, source,
                              _("the service does not answer as an OGC API Features service"));
          return NULL;
        }
      n = GDALDatasetGetLayerCount (dataset);
      for (int i = 0; i < n && index < 0; i++)
        if (layer_name == NULL ? n == 1
                               : g_strcmp0 (OGR_L_GetName (GDALDatasetGetLayer (dataset, i)), layer_name) == 0)
          index = i;
      g_clear_pointer (&dataset, GDALClose);
      if (index < 0)
        {
          if (layer_name != NULL)
            g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER,
                         _("%s: the service has no collection “%s”"), source, layer_name);
          else
            g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER,
                         _("%s: the service offers %d collections: choose one"), source, n);
          return NULL;
        }
      vector = _pv_vector_layer_new (gdal_name, index, progress, user_data, cancellable, error);
      if (vector != NULL && !_pv_vector_layer_apply_automatic_style (vector, cancellable, error))
        g_clear_object (&vector);
      if (vector == NULL)
        return NULL;
      g_ptr_array_add (layers, vector);
    }
  else
    {
      PvRasterLayer *raster;

      if (layer_name != NULL)
        {
          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER,
                       _("%s: a web map has no layer “%s”"), source, layer_name);
          return NULL;
        }
      if (!(raster = _pv_raster_layer_new_for_gdal (source, gdal_name, error)))
        return NULL;
      pv_layer_set_name (PV_LAYER (raster), title);
      g_ptr_array_add (layers, raster);
    }
  if (progress != NULL)
    progress (1.0, title, user_data);
  return g_steal_pointer (&layers);
}
