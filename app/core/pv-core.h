/* pv-core.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-annotation.h"
#include "pv-bookmark.h"
#include "pv-crs.h"
#include "pv-error.h"
#include "pv-layer.h"
#include "pv-map.h"
#include "pv-pg.h"
#include "pv-project.h"
#include "pv-raster-layer.h"
#include "pv-renderer.h"
#include "pv-style.h"
#include "pv-task.h"
#include "pv-transform.h"
#include "pv-trust.h"
#include "pv-vector-layer.h"
#include "pv-viewport.h"

G_BEGIN_DECLS

/* Registers GDAL drivers, sets process-wide GDAL/PROJ options (no network,
 * no side files) and binds the message catalogues (installed, or the build
 * tree's when uninstalled). Call once, after setlocale(); idempotent. */
void        pv_core_init            (void);
const char *pv_core_get_gdal_version (void);
const char *pv_core_get_proj_version (void);

G_END_DECLS
