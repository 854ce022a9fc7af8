/* pv-trust.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Where a source a project names would read from. A project file can come
 * by e-mail: what it opens outside its own folder tree, or on the network,
 * is opened only when the user allows it. */
typedef enum
{
  PV_SOURCE_INSIDE,   /* a file in the project's folder tree */
  PV_SOURCE_OUTSIDE,  /* a local file elsewhere (or one that reads one) */
  PV_SOURCE_NETWORK,  /* a URL, /vsicurl/…, a web service or database connection
                       * (or a file that reads one) */
} PvSourceKind;

/* What in the project names the source. */
typedef enum
{
  PV_SOURCE_USE_LAYER,  /* a layer's data ("layers"/"source") */
  PV_SOURCE_USE_LOGO,   /* a print layout's logo image */
} PvSourceUse;

/* One source of a project that lies outside its folder tree or on the
 * network (pv_project_list_outside_sources()). */
typedef struct
{
  char         *source;    /* as written in the project file */
  char         *resolved;  /* absolute, '..' and symbolic links resolved (a URL as it is) */
  char         *target;    /* when the file itself lies inside but its content reads
                            * elsewhere (a GDAL VRT): what it reads; else NULL */
  PvSourceKind  kind;
  PvSourceUse   use;
} PvProjectSource;

#define PV_TYPE_PROJECT_SOURCE (pv_project_source_get_type ())
GType            pv_project_source_get_type (void) G_GNUC_CONST;
PvProjectSource *pv_project_source_copy     (const PvProjectSource *self) G_GNUC_WARN_UNUSED_RESULT;
void             pv_project_source_free     (PvProjectSource       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvProjectSource, pv_project_source_free)

/* Classifies source (a path relative to project_dir, an absolute path, a
 * /vsi… path, a URL or a GDAL connection string). Paths have '.', '..' and
 * symbolic links resolved (as far as they exist) before they are compared
 * with project_dir, itself resolved. A file inside whose content names other
 * files or URLs (a GDAL VRT, read with GDAL's XML parser, nested VRTs too)
 * takes the kind of what it reads: NETWORK over OUTSIDE over INSIDE; target
 * then names the first such source. Nothing is opened with GDAL and nothing
 * touches the network. resolved and target may be NULL. */
PvSourceKind pv_trust_classify_source (const char  *project_dir,
                                       const char  *source,
                                       char       **resolved,
                                       char       **target);

/* GDAL's network access ("online sources"), off from pv_core_init() on:
 * /vsicurl/ and its kin (/vsis3/, /vsigs/, /vsiaz/…) refuse every file, every
 * HTTP request GDAL makes through CPLHTTPFetch() is refused, and the drivers
 * that reach web services or database servers (WMS, WMTS, WCS, WFS, OAPIF,
 * PostgreSQL, MySQL…) are unregistered. Call on the main thread, while no
 * layer is being opened. */
void         pv_trust_set_network_enabled (gboolean enabled);
gboolean     pv_trust_get_network_enabled (void);

/* A translated phrase for kind, e.g. "outside the project’s folder". */
const char  *pv_source_kind_to_string     (PvSourceKind kind);

G_END_DECLS
