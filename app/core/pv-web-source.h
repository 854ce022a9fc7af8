/* pv-web-source.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Web services a layer can be read from, all through GDAL. A layer's source
 * (what pv_layer_get_source() returns and a project stores) is then:
 *
 *   WMS    "WMS:" + a GetMap URL naming one layer (GDAL's WMS driver, as it
 *          lists a server's layers: pv_web_source_list_layers())
 *   WMTS   "WMTS:" + the GetCapabilities URL + ",layer=…" (GDAL's WMTS driver)
 *   XYZ    the tile URL template itself, e.g. "https://…/{z}/{x}/{y}.png"
 *          ("{-y}" for TMS rows counted from the bottom; a subdomain as
 *          "{s}" is read from "a", "{switch:b,c}" from its first choice,
 *          so that each tile is fetched and cached once); GDAL reads it
 *          through a WMS TMS-minidriver description made in memory, in
 *          EPSG:3857, zoom levels 0…19 as the dataset's overviews
 *   OAPIF  "OAPIF:" + the landing page URL (GDAL's OGC API Features driver),
 *          the collection as the source layer: a vector layer.
 *
 * Nothing here touches the network while online sources are off
 * (pv_trust_set_network_enabled()): opening and listing fail with an error
 * that says so. Tiles and responses are kept in GDAL's WMS cache, in
 * pv_web_source_get_cache_dir() unless GDAL_DEFAULT_WMS_CACHE_PATH is set. */
typedef enum
{
  PV_WEB_SERVICE_NONE,   /* not a web service */
  PV_WEB_SERVICE_WMS,
  PV_WEB_SERVICE_WMTS,
  PV_WEB_SERVICE_XYZ,
  PV_WEB_SERVICE_OAPIF,
} PvWebService;

/* The service a layer source reads from, PV_WEB_SERVICE_NONE for a file. */
PvWebService pv_web_source_get_service  (const char    *source);
/* A short translated name: "WMS", "WMTS", "XYZ tiles", "OGC API Features". */
const char  *pv_web_service_to_string   (PvWebService   service);
/* The source for a URL the user typed for service: checks the URL (http or
 * https; an XYZ template must hold {z}, {x} and {y}) and adds the prefix
 * GDAL needs. For WMS and WMTS this names the whole service: list its layers
 * with pv_web_source_list_layers() and open one of them. */
char        *pv_web_source_new          (PvWebService   service,
                                         const char    *url,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* A readable name for a source: the layer's title or name where the source
 * names one, else the host. */
char        *pv_web_source_dup_title    (const char    *source) G_GNUC_WARN_UNUSED_RESULT;
/* The folder of GDAL's tile and response cache. */
const char  *pv_web_source_get_cache_dir (void);

/* One layer a service offers. */
typedef struct
{
  char *source;        /* what to open: pv_layer_open_all (source, layer_name, …) */
  char *layer_name;    /* the OAPIF collection, else NULL */
  char *title;         /* as the service describes it */
} PvWebLayerInfo;

void         pv_web_layer_info_free     (PvWebLayerInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvWebLayerInfo, pv_web_layer_info_free)

/* Asks the service what it offers (blocking: call from a worker): WMS and
 * WMTS through GDAL's subdatasets, OAPIF its collections, XYZ the template
 * itself. Returns a GPtrArray of PvWebLayerInfo. */
GPtrArray   *pv_web_source_list_layers  (const char    *source,
                                         GCancellable  *cancellable,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;
void         pv_web_source_list_layers_async  (const char          *source,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray   *pv_web_source_list_layers_finish (GAsyncResult        *result,
                                               GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
