/* pv-error.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PV_DATA_ERROR    (pv_data_error_quark ())
#define PV_CRS_ERROR     (pv_crs_error_quark ())
#define PV_PROJECT_ERROR (pv_project_error_quark ())
#define PV_EXPORT_ERROR  (pv_export_error_quark ())

typedef enum
{
  PV_DATA_ERROR_NOT_FOUND,       /* the file does not exist or cannot be read */
  PV_DATA_ERROR_UNSUPPORTED,     /* no GDAL driver recognises it */
  PV_DATA_ERROR_CORRUPT,         /* GDAL opened it but reading failed */
  PV_DATA_ERROR_NO_LAYER,        /* the requested layer does not exist */
  PV_DATA_ERROR_TOO_LARGE,       /* refusing to allocate what the file claims */
  PV_DATA_ERROR_EMPTY,           /* nothing drawable in it */
} PvDataError;

typedef enum
{
  PV_CRS_ERROR_INVALID,          /* the definition cannot be parsed */
  PV_CRS_ERROR_UNKNOWN,          /* the CRS is unknown where one is needed */
  PV_CRS_ERROR_NO_OPERATION,     /* no transformation between the two CRSs */
  PV_CRS_ERROR_FAILED,           /* a coordinate could not be transformed */
} PvCrsError;

typedef enum
{
  PV_PROJECT_ERROR_INVALID,      /* not a project file, or malformed JSON */
  PV_PROJECT_ERROR_VERSION,      /* written by a newer schema */
  PV_PROJECT_ERROR_MISSING_FILE, /* a layer points to a missing file */
  PV_PROJECT_ERROR_NOT_ALLOWED,  /* a source outside the project's folder or on the
                                  * network, which the user did not allow */
} PvProjectError;

typedef enum
{
  PV_EXPORT_ERROR_FAILED,        /* writing the output failed */
  PV_EXPORT_ERROR_INVALID,       /* invalid export parameters */
} PvExportError;

GQuark pv_data_error_quark    (void);
GQuark pv_crs_error_quark     (void);
GQuark pv_project_error_quark (void);
GQuark pv_export_error_quark  (void);

G_END_DECLS
