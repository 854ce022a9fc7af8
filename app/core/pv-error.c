/* pv-error.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pv-error.h"

G_DEFINE_QUARK (pv-data-error-quark, pv_data_error)
G_DEFINE_QUARK (pv-crs-error-quark, pv_crs_error)
G_DEFINE_QUARK (pv-project-error-quark, pv_project_error)
G_DEFINE_QUARK (pv-export-error-quark, pv_export_error)
