/* pv-trust-private.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called by pv_core_init() once GDAL's drivers are registered: no program
 * can be run through GDAL, and the network is off. */
void  _pv_trust_init         (void);
/* path (absolute) with '.', '..' and symbolic links resolved as far as it
 * exists; the missing rest as written, '..' resolved by name. */
char *_pv_trust_resolve_path (const char *path) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
