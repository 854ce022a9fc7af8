/* pv-pg.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pv-gdal-private.h"
#include "pv-pg-private.h"
#include "pv-pg.h"

G_DEFINE_QUARK (pv-pg-error-quark, pv_pg_error)
G_DEFINE_BOXED_TYPE (PvPgConnection, pv_pg_connection, pv_pg_connection_copy, pv_pg_connection_free)

PvPgConnection *
pv_pg_connection_new (const char *host,
                      int         port,
                      const char *dbname,
                      const char *user)
{
  PvPgConnection *self = g_new0 (PvPgConnection, 1);

  self->host = host && host[0] ? g_strdup (host) : NULL;
  self->port = MAX (port, 0);
  self->dbname = dbname && dbname[0] ? g_strdup (dbname) : NULL;
  self->user = user && user[0] ? g_strdup (user) : NULL;
  return self;
}

PvPgConnection *
pv_pg_connection_copy (const PvPgConnection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pv_pg_connection_new (self->host, self->port, self->dbname, self->user);
}

void
pv_pg_connection_free (PvPgConnection *self)
{
  if (self == NULL)
    return;
  g_free (self->host);
  g_free (self->dbname);
  g_free (self->user);
  g_free (self);
}

gboolean
pv_pg_is_source (const char *source)
{
  return source != NULL && g_ascii_strncasecmp (source, "PG:", 3) == 0;
}

/* One key=value pair of a libpq connection string at *p (values in '…' with
 * \' and \\ escapes); FALSE at the end or on a malformed pair. */
static gboolean
next_pair (const char **p,
           char       **key,
           char       **value)
{
  const char *s = *p;
  const char *start;
  GString *v;

  while (g_ascii_isspace (*s))
    s++;
  if (*s == '\0')
    return FALSE;
  start = s;
  while (*s != '\0' && *s != '=' && !g_ascii_isspace (*s))
    s++;
  if (s == start)
    return FALSE;
  *key = g_strndup (start, s - start);
  while (g_ascii_isspace (*s))
    s++;
  if (*s != '=')
    {
      g_clear_pointer (key, g_free);
      return FALSE;
    }
  s++;
  while (g_ascii_isspace (*s))
    s++;
  v = g_string_new (NULL);
  if (*s == '\'')
    {
      s++;
      while (*s != '\0' && *s != '\'')
        {
          if (*s == '\\' && s[1] != '\0')
            s++;
          g_string_append_c (v, *s++);
        }
      if (*s == '\'')
        s++;
    }
  else
    {
      while (*s != '\0' && !g_ascii_isspace (*s))
        {
          if (*s == '\\' && s[1] != '\0')
            s++;
          g_string_append_c (v, *s++);
        }
    }
  *value = g_string_free (v, FALSE);
  *p = s;
  return TRUE;
}

PvPgConnection *
pv_pg_connection_parse (const char *source)
{
  g_autoptr(PvPgConnection) self = NULL;
  const char *p;
  char *key, *value;

  if (!pv_pg_is_source (source))
    return NULL;
  self = g_new0 (PvPgConnection, 1);
  p = source + 3;
  while (next_pair (&p, &key, &value))
    {
      if (g_strcmp0 (key, "host") == 0 || g_strcmp0 (key, "hostaddr") == 0)
        g_free (self->host), self->host = g_steal_pointer (&value);
      else if (g_strcmp0 (key, "port") == 0)
        self->port = (int) CLAMP (g_ascii_strtoll (value, NULL, 10), 0, 65535);
      else if (g_strcmp0 (key, "dbname") == 0)
        g_free (self->dbname), self->dbname = g_steal_pointer (&value);
      else if (g_strcmp0 (key, "user") == 0)
        g_free (self->user), self->user = g_steal_pointer (&value);
      g_free (key);
      g_free (value);
    }
  return g_steal_pointer (&self);
}

static void
append_pair (GString    *s,
             const char *key,
             const char *value)
{
  gboolean quote = value[0] == '\0';

  for (const char *c = value; *c != '\0' && !quote; c++)
    quote = g_ascii_isspace (*c) || *c == '\'' || *c == '\\';
  if (s->len > 3)
    g_string_append_c (s, ' ');
  g_string_append_printf (s, "%s=", key);
  if (!quote)
    {
      g_string_append (s, value);
      return;
    }
  g_string_append_c (s, '\'');
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *c);
    }
  g_string_append_c (s, '\'');
}

static char *
to_source (const PvPgConnection *self,
           const char           *password)
{
  GString *s = g_string_new ("PG:");

  if (self->host != NULL)
    append_pair (s, "host", self->host);
  if (self->port > 0)
    {
      char port[16];

      g_snprintf (port, sizeof port, "%d", self->port);
      append_pair (s, "port", port);
    }
  if (self->dbname != NULL)
    append_pair (s, "dbname", self->dbname);
  if (self->user != NULL)
    append_pair (s, "user", self->user);
  if (password != NULL)
    append_pair (s, "password", password);
  return g_string_free (s, FALSE);
}

char *
pv_pg_connection_to_source (const PvPgConnection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return to_source (self, NULL);
}

char *
pv_pg_connection_dup_label (const PvPgConnection *self)
{
  GString *s;

  g_return_val_if_fail (self != NULL, NULL);

  s = g_string_new (NULL);
  if (self->user != NULL)
    g_string_append_printf (s, "%s@", self->user);
  g_string_append (s, self->host ? self->host : "localhost");
  if (self->port > 0)
    g_string_append_printf (s, ":%d", self->port);
  g_string_append_printf (s, "/%s", self->dbname ? self->dbname : "");
  return g_string_free (s, FALSE);
}

char *
pv_pg_source_strip_password (const char *source)
{
  GString *s;
  const char *p;
  char *key, *value;

  if (!pv_pg_is_source (source))
    return g_strdup (source);
  s = g_string_new ("PG:");
  p = source + 3;
  while (next_pair (&p, &key, &value))
    {
      if (g_strcmp0 (key, "password") != 0)
        append_pair (s, key, value);
      g_free (key);
      g_free (value);
    }
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------ passwords */

static GMutex passwords_mutex;
static GHashTable *passwords; /* label → password */

void
pv_pg_set_password (const PvPgConnection *connection,
                    const char           *password)
{
  g_autofree char *label = NULL;

  g_return_if_fail (connection != NULL);

  label = pv_pg_connection_dup_label (connection);
  g_mutex_lock (&passwords_mutex);
  if (passwords == NULL)
    passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (password != NULL)
    g_hash_table_replace (passwords, g_steal_pointer (&label), g_strdup (password));
  else
    g_hash_table_remove (passwords, label);
  g_mutex_unlock (&passwords_mutex);
}

static char *
dup_password (const PvPgConnection *connection)
{
  g_autofree char *label = pv_pg_connection_dup_label (connection);
  char *password;

  g_mutex_lock (&passwords_mutex);
  password = passwords ? g_strdup (g_hash_table_lookup (passwords, label)) : NULL;
  g_mutex_unlock (&passwords_mutex);
  return password;
}

gboolean
pv_pg_has_password (const PvPgConnection *connection)
{
  g_autofree char *password = NULL;

  g_return_val_if_fail (connection != NULL, FALSE);

  password = dup_password (connection);
  return password != NULL;
}

char *
_pv_pg_open_string (const char *source)
{
  g_autoptr(PvPgConnection) connection = NULL;
  g_autofree char *password = NULL;
  g_autofree char *stripped = NULL;

  if (!pv_pg_is_source (source) || !(connection = pv_pg_connection_parse (source)) ||
      !(password = dup_password (connection)))
    return g_strdup (source);
  /* Everything the source says (options too), with the session's password. */
  stripped = pv_pg_source_strip_password (source);
  {
    GString *s = g_string_new (stripped);

    if (s->len > 3)
      g_string_append_c (s, ' ');
    g_string_append (s, "password=");
    g_string_append_c (s, '\'');
    for (const char *c = password; *c != '\0'; c++)
      {
        if (*c == '\'' || *c == '\\')
          g_string_append_c (s, '\\');
        g_string_append_c (s, *c);
      }
    g_string_append_c (s, '\'');
    return g_string_free (s, FALSE);
  }
}

/* ------------------------------------------------------------ errors */

void
_pv_pg_set_error (GError               **error,
                  const PvPgConnection  *connection,
                  const char            *fallback)
{
  g_autofree char *label = pv_pg_connection_dup_label (connection);
  g_autofree char *message = _pv_gdal_clean_message (CPLGetLastErrorMsg ());
  g_autofree char *lower = NULL;

  lower = g_ascii_strdown (message, -1);
  CPLErrorReset ();

  if (GDALGetDriverByName ("PostgreSQL") == NULL)
    g_set_error (error, PV_PG_ERROR, PV_PG_ERROR_NETWORK_OFF,
                 _("%s: online sources are off (Preferences → Privacy; planviewer-cli: --allow-network): databases are not opened"),
                 label);
  else if (strstr (lower, "password") != NULL || strstr (lower, "authentication") != NULL)
    g_set_error (error, PV_PG_ERROR, PV_PG_ERROR_AUTH,
                 _("%s: the server refused the password (%s)"), label, message);
  else if (strstr (lower, "could not connect") != NULL || strstr (lower, "connection to server") != NULL ||
           strstr (lower, "pqconnectdb") != NULL || strstr (lower, "translate host name") != NULL ||
           strstr (lower, "does not exist") != NULL)
    g_set_error (error, PV_PG_ERROR, PV_PG_ERROR_CONNECT,
                 _("%s: cannot connect to the database (%s)"), label, message);
  else if (message[0] != '\0')
    g_set_error (error, PV_PG_ERROR, PV_PG_ERROR_FAILED, "%s: %s (%s)", label, fallback, message);
  else
    g_set_error (error, PV_PG_ERROR, PV_PG_ERROR_FAILED, "%s: %s", label, fallback);
}

/* ------------------------------------------------------------ tables */

void
pv_pg_table_free (PvPgTable *table)
{
  if (table == NULL)
    return;
  g_free (table->name);
  g_free (table->geometry_column);
  g_free (table->geometry_type);
  g_free (table->crs);
  g_free (table);
}

static int
compare_tables (gconstpointer a,
                gconstpointer b)
{
  const PvPgTable *ta = *(PvPgTable * const *) a;
  const PvPgTable *tb = *(PvPgTable * const *) b;

  return g_strcmp0 (ta->name, tb->name);
}

/* A SELECT's first row as text (column col), or NULL. */
static char *
query_value (GDALDatasetH  dataset,
             const char   *sql)
{
  OGRLayerH result = GDALDatasetExecuteSQL (dataset, sql, NULL, NULL);
  char *value = NULL;

  if (result == NULL)
    return NULL;
  {
    g_auto(OGRFeatureH) feature = OGR_L_GetNextFeature (result);

    if (feature != NULL && OGR_F_IsFieldSetAndNotNull (feature, 0))
      value = g_strdup (OGR_F_GetFieldAsString (feature, 0));
  }
  GDALDatasetReleaseResultSet (dataset, result);
  return value;
}

GPtrArray *
pv_pg_list_tables (const PvPgConnection  *connection,
                   GCancellable          *cancellable,
                   GError               **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_pg_table_free);
  g_autoptr(GHashTable) estimates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *source = NULL;
  g_autofree char *open_string = NULL;
  g_autofree char *postgis = NULL;
  g_auto(GDALDatasetH) dataset = NULL;
  const char *const options[] = { "LIST_ALL_TABLES=NO", NULL };

  g_return_val_if_fail (connection != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  source = pv_pg_connection_to_source (connection);
  open_string = _pv_pg_open_string (source);
  CPLErrorReset ();
  if (GDALGetDriverByName ("PostgreSQL") == NULL ||
      !(dataset = GDALOpenEx (open_string, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL,
                              (const char *const *) options, NULL)))
    {
      _pv_pg_set_error (error, connection, _("cannot open the database"));
      return NULL;
    }
  postgis = query_value (dataset, "SELECT extversion FROM pg_extension WHERE extname = 'postgis'");
  if (postgis == NULL)
    {
      g_autofree char *label = pv_pg_connection_dup_label (connection);

      CPLErrorReset ();
      g_set_error (error, PV_PG_ERROR, PV_PG_ERROR_NO_POSTGIS,
                   _("%s: the database has no PostGIS (CREATE EXTENSION postgis)"), label);
      return NULL;
    }

  /* The planner's row estimates: counting a big table takes a scan. */
  {
    OGRLayerH result = GDALDatasetExecuteSQL (dataset,
        "SELECT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END, "
        "c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p', 'm', 'f')", NULL, NULL);

    if (result != NULL)
      {
        for (;;)
          {
            g_auto(OGRFeatureH) feature = OGR_L_GetNextFeature (result);

            if (feature == NULL)
              break;
            g_hash_table_replace (estimates, g_strdup (OGR_F_GetFieldAsString (feature, 0)),
                                  GINT_TO_POINTER ((int) MIN (OGR_F_GetFieldAsInteger64 (feature, 1) + 1, G_MAXINT)));
          }
        GDALDatasetReleaseResultSet (dataset, result);
      }
  }

  for (int i = 0; i < GDALDatasetGetLayerCount (dataset); i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (dataset, i);
      OGRwkbGeometryType type;
      PvPgTable *table;
      gpointer estimate;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (layer == NULL || OGR_FD_GetGeomFieldCount (OGR_L_GetLayerDefn (layer)) == 0)
        continue;
      type = OGR_L_GetGeomType (layer);
      table = g_new0 (PvPgTable, 1);
      table->name = g_strdup (OGR_L_GetName (layer));
      table->geometry_column = g_strdup (OGR_L_GetGeometryColumn (layer));
      table->geometry_type = g_strdup (OGRGeometryTypeToName (type));
      {
        g_autoptr(PvCrs) crs = _pv_crs_new_from_osr (OGR_L_GetSpatialRef (layer));

        table->crs = crs ? pv_crs_dup_label (crs) : NULL;
      }
      /* A layer name "table(geom)" names one of several geometry columns. */
      {
        g_autofree char *base = g_strdup (table->name);
        char *paren = strchr (base, '(');

        if (paren != NULL)
          *paren = '\0';
        estimate = g_hash_table_lookup (estimates, base);
      }
      /* reltuples is -1 (stored +1 = 0) before the first ANALYZE. */
      table->n_rows = estimate != NULL && GPOINTER_TO_INT (estimate) > 0 ? GPOINTER_TO_INT (estimate) - 1 : -1;
      g_ptr_array_add (tables, table);
    }
  CPLErrorReset ();
  g_ptr_array_sort (tables, compare_tables);
  return g_steal_pointer (&tables);
}

char *
_pv_pg_remember_password (const char *source)
{
  g_autoptr(PvPgConnection) connection = NULL;
  const char *p;
  char *key, *value;

  if (!pv_pg_is_source (source) || !(connection = pv_pg_connection_parse (source)))
    return g_strdup (source);
  p = source + 3;
  while (next_pair (&p, &key, &value))
    {
      if (g_strcmp0 (key, "password") == 0)
        pv_pg_set_password (connection, value);
      g_free (key);
      g_free (value);
    }
  return pv_pg_source_strip_password (source);
}
