/* pv-pg-test-util.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The role tests/pg/pv-pg-server.sh makes, and its password. */
#define PV_TEST_PG_PASSWORD "pv-secret"

/* A throw-away PostgreSQL + PostGIS server (tests/pg/pv-pg-server.sh) in a
 * temporary folder, listening on a Unix socket there only. */
typedef struct
{
  char *dir;
  char *source;        /* "PG:host=DIR port=… dbname=planviewer user=planviewer", no password */
  char *plain_source;  /* the same server's database without PostGIS */
} PvTestPg;

/* Starts the server; NULL, after g_test_skip() saying why, when it cannot
 * start (no PostgreSQL or PostGIS installed, no postgres user as root…). */
PvTestPg *pv_test_pg_start (void);
/* Loads a vector file into table with ogr2ogr (the test fails otherwise);
 * extra ogr2ogr arguments may follow, NULL-terminated. */
void      pv_test_pg_load  (PvTestPg   *pg,
                            const char *file,
                            const char *table,
                            ...) G_GNUC_NULL_TERMINATED;
/* Stops the server and removes its folder. */
void      pv_test_pg_stop  (PvTestPg   *pg);

G_END_DECLS
