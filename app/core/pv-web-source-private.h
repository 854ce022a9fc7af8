/* pv-web-source-private.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-layer.h"
#include "pv-web-source.h"

G_BEGIN_DECLS

/* What GDAL opens for source: the GDAL_WMS description of an XYZ template,
 * the source itself otherwise. */
char      *_pv_web_source_dup_gdal_name (const char      *source) G_GNUC_WARN_UNUSED_RESULT;
/* Points GDAL's WMS cache at pv_web_source_get_cache_dir() unless
 * GDAL_DEFAULT_WMS_CACHE_PATH says otherwise. */
void       _pv_web_source_init_cache    (void);
/* FALSE with an error naming source when online sources are off. */
gboolean   _pv_web_source_check_online  (const char      *source,
                                         GError         **error);
/* pv_layer_open_all_with_progress() for a web source. */
GPtrArray *_pv_web_source_open          (const char      *source,
                                         const char      *layer_name,
                                         PvProgressFunc   progress,
                                         gpointer         user_data,
                                         GCancellable    *cancellable,
                                         GError         **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
