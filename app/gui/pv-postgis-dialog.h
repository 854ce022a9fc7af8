/* pv-postgis-dialog.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-core.h"

G_BEGIN_DECLS

#define PV_TYPE_POSTGIS_DIALOG (pv_postgis_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PvPostgisDialog, pv_postgis_dialog, PV, POSTGIS_DIALOG, AdwWindow)

/* "Add PostGIS Layer": a connection (saved ones in GSettings, never their
 * passwords; the password in the keyring when asked to), its tables and
 * views with geometry columns, listed on a worker, and Add, which opens the
 * checked ones on a worker and adds them to map. */
GtkWidget *pv_postgis_dialog_new (GtkWindow *parent,
                                  PvMap     *map);

/* For tests: the connection fields, as the user would type them. */
void       pv_postgis_dialog_set_connection (PvPostgisDialog      *self,
                                             const PvPgConnection *connection,
                                             const char           *password);
/* Connect, and the names of the tables listed (NULL until listed). */
void       pv_postgis_dialog_connect        (PvPostgisDialog      *self);
GStrv      pv_postgis_dialog_dup_table_names (PvPostgisDialog     *self) G_GNUC_WARN_UNUSED_RESULT;
/* The message shown, or NULL. */
const char *pv_postgis_dialog_get_status    (PvPostgisDialog      *self);
/* Checks the table name (for Add). */
void       pv_postgis_dialog_check_table    (PvPostgisDialog      *self,
                                             const char           *name);
/* Opens the checked tables and adds them to the map (as Add does). */
void       pv_postgis_dialog_add            (PvPostgisDialog      *self);

/* Before a project opens its network sources: the password of each PG:
 * layer source (PvProjectSource), from the keyring, else asked for (naming
 * the connection; Skip leaves it to libpq, which then fails or finds
 * ~/.pgpass), registered with pv_pg_set_password(). Completes once every
 * connection is done. */
void       pv_postgis_ensure_passwords_async  (GtkWindow           *parent,
                                               GPtrArray           *sources,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean   pv_postgis_ensure_passwords_finish (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
