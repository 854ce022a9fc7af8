/* pv-pg-private.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-pg.h"

G_BEGIN_DECLS

/* What GDAL opens for source: a PG: source with the session's password
 * (pv_pg_set_password()) added, anything else as it is. Never store it. */
char *_pv_pg_open_string (const char *source) G_GNUC_WARN_UNUSED_RESULT;
/* A PG: source as a layer keeps it: a password in it is registered for
 * the session (pv_pg_set_password()) and left out. Anything else as it is. */
char *_pv_pg_remember_password (const char *source) G_GNUC_WARN_UNUSED_RESULT;
/* Sets error from GDAL's last message (libpq's), as a PV_PG_ERROR naming the
 * connection: online sources off, cannot connect, password refused, else
 * fallback. */
void  _pv_pg_set_error   (GError               **error,
                          const PvPgConnection  *connection,
                          const char            *fallback);

G_END_DECLS
