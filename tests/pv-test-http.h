/* pv-test-http.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A tiny HTTP/1.0 server for tests: GET (and HEAD) only, on 127.0.0.1 and an
 * ephemeral port, serving the files under a folder (the query string is
 * ignored: "/wms?REQUEST=GetCapabilities" serves the file "wms"; a folder
 * serves its "index.json"), or answering through a handler the test
 * installed for a path (pv_test_http_add_handler()). It runs on
 * its own thread, so the test may block in GDAL while it serves. Every
 * request is counted and its path kept, so a test can check what was
 * fetched. */
typedef struct _PvTestHttp PvTestHttp;

/* NULL, with error set, when no socket can be bound on 127.0.0.1. */
PvTestHttp *pv_test_http_new            (const char  *root,
                                         GError     **error);
void        pv_test_http_free           (PvTestHttp  *self);
/* "http://127.0.0.1:PORT" (no trailing slash). */
const char *pv_test_http_get_base_url   (PvTestHttp  *self);
guint       pv_test_http_get_n_requests (PvTestHttp  *self);
/* The requests served so far ("/12/3/4.png", query included), in order. */
GStrv       pv_test_http_dup_requests   (PvTestHttp  *self) G_GNUC_WARN_UNUSED_RESULT;
/* Forgets the requests counted so far. */
void        pv_test_http_reset          (PvTestHttp  *self);

/* Answers a request dynamically, on the server's thread: path is the
 * unescaped path, query the raw query string (NULL when there is none).
 * Returns the body and sets *content_type (a static string), or returns NULL
 * for a "404 Not Found". */
typedef GBytes *(*PvTestHttpHandler) (const char  *path,
                                      const char  *query,
                                      const char **content_type,
                                      gpointer     user_data);
/* Requests whose path is path_prefix or starts with path_prefix + "/" go to
 * handler instead of the files (the request is still counted). */
void        pv_test_http_add_handler    (PvTestHttp        *self,
                                         const char        *path_prefix,
                                         PvTestHttpHandler  handler,
                                         gpointer           user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvTestHttp, pv_test_http_free)

G_END_DECLS
