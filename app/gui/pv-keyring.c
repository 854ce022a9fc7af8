/* pv-keyring.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "pv-keyring.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.planviewer.PlanViewer.PostgreSQL", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "dbname", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static GHashTable *
attributes_for (const PvPgConnection *connection)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "host", g_strdup (connection->host ? connection->host : ""));
  g_hash_table_insert (attributes, (gpointer) "port", g_strdup_printf ("%d", connection->port));
  g_hash_table_insert (attributes, (gpointer) "dbname", g_strdup (connection->dbname ? connection->dbname : ""));
  g_hash_table_insert (attributes, (gpointer) "user", g_strdup (connection->user ? connection->user : ""));
  return attributes;
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

void
pv_keyring_lookup_async (const PvPgConnection *connection,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = attributes_for (connection);

  g_task_set_source_tag (task, pv_keyring_lookup_async);
  secret_password_lookupv (get_schema (), attributes, cancellable, lookup_cb, task);
}

char *
pv_keyring_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
pv_keyring_store_async (const PvPgConnection *connection,
                        const char           *password,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = attributes_for (connection);
  g_autofree char *label = pv_pg_connection_dup_label (connection);
  /* Translators: the keyring item's name; %s is user@host:port/database. */
  g_autofree char *title = g_strdup_printf (_("PlanViewer: PostgreSQL %s"), label);

  g_task_set_source_tag (task, pv_keyring_store_async);
  secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, title, password,
                          cancellable, store_cb, task);
}

gboolean
pv_keyring_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pv_keyring_free_password (char *password)
{
  secret_password_free (password);
}
