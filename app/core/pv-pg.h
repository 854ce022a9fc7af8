/* pv-pg.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* PostgreSQL/PostGIS connections, read through GDAL's PostgreSQL driver.
 *
 * A layer's source is the connection string without a password,
 * "PG:host=db.example port=5432 dbname=gis user=planner", and its layer the
 * table ("parcels", "schema.table"); that is what a project stores. The
 * password reaches GDAL only at open time: registered for the session with
 * pv_pg_set_password() (the GUI takes it from the keyring or asks), else
 * libpq finds it itself (PGPASSWORD, ~/.pgpass). */

#define PV_PG_ERROR (pv_pg_error_quark ())

typedef enum
{
  PV_PG_ERROR_NETWORK_OFF, /* online sources are off: GDAL's PostgreSQL driver is not registered */
  PV_PG_ERROR_CONNECT,     /* the server cannot be reached */
  PV_PG_ERROR_AUTH,        /* a password is needed, or the one given is wrong */
  PV_PG_ERROR_NO_POSTGIS,  /* the database has no PostGIS extension */
  PV_PG_ERROR_FAILED,      /* anything else the server said */
} PvPgError;

GQuark pv_pg_error_quark (void);

typedef struct
{
  char *host;    /* a host name, an address or a Unix socket folder; NULL: libpq's default */
  int   port;    /* 0: libpq's default */
  char *dbname;
  char *user;    /* NULL: libpq's default */
} PvPgConnection;

#define PV_TYPE_PG_CONNECTION (pv_pg_connection_get_type ())
GType           pv_pg_connection_get_type   (void) G_GNUC_CONST;
PvPgConnection *pv_pg_connection_new        (const char            *host,
                                             int                    port,
                                             const char            *dbname,
                                             const char            *user) G_GNUC_WARN_UNUSED_RESULT;
PvPgConnection *pv_pg_connection_copy       (const PvPgConnection  *self) G_GNUC_WARN_UNUSED_RESULT;
void            pv_pg_connection_free       (PvPgConnection        *self);
/* Reads a "PG:…" connection string (libpq's key=value form, values quoted
 * with '…' where needed); a password in it is ignored (see
 * pv_pg_source_strip_password()). NULL when source is not one. */
PvPgConnection *pv_pg_connection_parse      (const char            *source) G_GNUC_WARN_UNUSED_RESULT;
/* "PG:host=… port=… dbname=… user=…", never with a password. */
char           *pv_pg_connection_to_source  (const PvPgConnection  *self) G_GNUC_WARN_UNUSED_RESULT;
/* For messages and the keyring: "user@host:port/dbname". */
char           *pv_pg_connection_dup_label  (const PvPgConnection  *self) G_GNUC_WARN_UNUSED_RESULT;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvPgConnection, pv_pg_connection_free)

/* Whether source is a PostgreSQL connection string ("PG:…"). */
gboolean        pv_pg_is_source             (const char            *source);
/* source with any password=… removed (a hand-written project may hold one:
 * it is used for this session and never written back). */
char           *pv_pg_source_strip_password (const char            *source) G_GNUC_WARN_UNUSED_RESULT;

/* The password of a connection for this process (kept in memory only, never
 * written anywhere); NULL forgets it. Thread-safe. */
void            pv_pg_set_password          (const PvPgConnection  *connection,
                                             const char            *password);
gboolean        pv_pg_has_password          (const PvPgConnection  *connection);

/* One table or view with a geometry column. */
typedef struct
{
  char   *name;            /* GDAL's layer name: "table", or "schema.table" outside public */
  char   *geometry_column;
  char   *geometry_type;   /* OGR's name, e.g. "Multi Polygon" */
  char   *crs;             /* a label ("EPSG:9210 — VN-2000 / TM-3 105-45"), or NULL when unknown */
  gint64  n_rows;          /* the server's estimate (pg_class.reltuples); -1 when unknown */
} PvPgTable;

void            pv_pg_table_free            (PvPgTable             *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvPgTable, pv_pg_table_free)

/* Connects (blocking: call on a worker) and lists the tables and views with
 * geometry columns, as PvPgTable, sorted by name. Errors are PV_PG_ERROR,
 * their message naming the connection. */
GPtrArray      *pv_pg_list_tables           (const PvPgConnection  *connection,
                                             GCancellable          *cancellable,
                                             GError               **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
