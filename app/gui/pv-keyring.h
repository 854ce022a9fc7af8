/* pv-keyring.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pv-core.h"

G_BEGIN_DECLS

/* Database passwords in the desktop keyring (the Secret Service, through
 * libsecret), one item per connection (host, port, database, user). */

void     pv_keyring_lookup_async  (const PvPgConnection  *connection,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data);
/* The password, or NULL when the keyring has none (error unset) or cannot
 * be reached (error set). Free with pv_keyring_free_password(). */
char    *pv_keyring_lookup_finish (GAsyncResult          *result,
                                   GError               **error) G_GNUC_WARN_UNUSED_RESULT;
void     pv_keyring_store_async   (const PvPgConnection  *connection,
                                   const char            *password,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data);
gboolean pv_keyring_store_finish  (GAsyncResult          *result,
                                   GError               **error);
/* Wipes and frees a password the keyring returned. */
void     pv_keyring_free_password (char                  *password);

G_END_DECLS
