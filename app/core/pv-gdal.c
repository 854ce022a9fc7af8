/* pv-gdal.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <cpl_conv.h>
#include <cpl_error.h>

#include "pv-crs-private.h"
#include "pv-gdal-private.h"

char *
_pv_gdal_clean_message (const char *message)
{
  char *clean = g_utf8_make_valid (message != NULL ? message : "", -1);

  g_strdelimit (clean, "\r\n\t", ' ');
  return g_strstrip (clean);
}

void
_pv_set_gdal_error (GError     **error,
                    GQuark       domain,
                    int          code,
                    const char  *path,
                    const char  *what)
{
  const char *gdal_message = CPLGetLastErrorMsg ();
  g_autofree char *display = NULL;

  display = g_filename_display_name (path ? path : "");
  if (gdal_message != NULL && gdal_message[0] != '\0')
    {
      g_autofree char *clean = _pv_gdal_clean_message (gdal_message);

      g_set_error (error, domain, code, "%s: %s (%s)", display, what, clean);
    }
  else
    g_set_error (error, domain, code, "%s: %s", display, what);
  CPLErrorReset ();
}

PvCrs *
_pv_crs_new_from_osr (OGRSpatialReferenceH srs)
{
  const char *options[] = { "FORMAT=WKT2_2019", NULL };
  char *wkt = NULL;
  PvCrs *crs = NULL;

  if (srs == NULL)
    return NULL;
  if (OSRExportToWktEx (srs, &wkt, options) == OGRERR_NONE && wkt != NULL && wkt[0] != '\0')
    crs = pv_crs_new_from_wkt (wkt, NULL);
  CPLFree (wkt);
  /* ESRI .prj and MapInfo CoordSys spell VN-2000 without EPSG identity:
   * the EPSG CRS gets the official transformation (pv-transform.c). */
  if (crs != NULL)
    {
      PvCrs *resolved = _pv_crs_resolve_vn2000 (crs);

      g_object_unref (crs);
      crs = resolved;
    }
  return crs;
}

/* PROJ reports errors through its logger: keep the last one for a GError
 * instead of letting PROJ print it on stderr. */
static void
proj_log_cb (void       *app_data,
             int         level,
             const char *message)
{
  char **slot = app_data;

  if (level <= PJ_LOG_ERROR && message != NULL)
    {
      const char *colon = strstr (message, ": ");

      /* "proj_create: crs not found" → "crs not found" */
      if (g_str_has_prefix (message, "proj_") && colon != NULL)
        message = colon + 2;
      g_free (*slot);
      *slot = g_strdup (message);
    }
  g_debug ("PROJ: %s", message);
}

PJ_CONTEXT *
_pv_proj_context_new (char **last_error)
{
  PJ_CONTEXT *ctx = proj_context_create ();

  proj_log_func (ctx, last_error, proj_log_cb);
  return ctx;
}
