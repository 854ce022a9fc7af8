/* pv-trust.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_http.h>
#include <cpl_minixml.h>
#include <gdal.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pv-trust-private.h"
#include "pv-trust.h"

/* Nested VRTs deeper than this are taken as reading elsewhere. */
#define MAX_DEPTH 8
/* A VRT larger than this is not parsed, and counts as reading elsewhere. */
#define MAX_VRT_BYTES (16 * 1024 * 1024)

/* GDAL virtual file systems that reach the network. */
static const char * const network_vsi[] = {
  "/vsicurl", "/vsis3", "/vsigs", "/vsiaz", "/vsiadls", "/vsioss", "/vsiswift", "/vsiwebhdfs",
  "/vsihdfs", NULL
};
/* Those that read a local file given after the prefix. */
static const char * const archive_vsi[] = {
  "/vsizip/", "/vsigzip/", "/vsitar/", "/vsi7z/", "/vsirar/", NULL
};
/* Connection string prefixes ("PG:…") of servers and web services. */
static const char * const network_prefixes[] = {
  "AMIGOCLOUD", "CARTO", "COUCHDB", "CSW", "DAAS", "EEDA", "EEDAI", "ELASTICSEARCH", "ES", "GLTP",
  "HANA", "MONGODB", "MONGODBV3", "MSSQL", "MYSQL", "NGW", "OAPIF", "ODBC", "OGCAPI", "PG",
  "PGEO", "PLSCENES", "POSTGISRASTER", "STACIT", "STACTA", "WCS", "WFS", "WMS", "WMTS", NULL
};
/* Drivers that reach servers, unregistered while online sources are off. */
static const char * const network_drivers[] = {
  "AmigoCloud", "Carto", "CouchDB", "CSW", "DAAS", "EEDA", "EEDAI", "Elasticsearch", "GNMDatabase",
  "HANA", "HTTP", "MongoDBv3", "MSSQLSpatial", "MySQL", "NGW", "OAPIF", "OGCAPI", "OGR_OGDI",
  "PLSCENES", "PostGISRaster", "PostgreSQL", "STACIT", "STACTA", "WCS", "WFS", "WMS", "WMTS", NULL
};
/* Drivers that run programs or load libraries a file names: never used.
 * GPSBabel runs the gpsbabel program; ODBC connection strings can name the
 * driver library to load. */
static const char * const program_drivers[] = { "GPSBabel", "ODBC", NULL };
/* Root elements of XML files that describe a web service. */
static const char * const service_roots[] = {
  "GDAL_WMS", "GDAL_WMTS", "GDAL_WCS", "WCS_GDAL", "OGRWFSDataSource", NULL
};

G_DEFINE_BOXED_TYPE (PvProjectSource, pv_project_source, pv_project_source_copy, pv_project_source_free)

PvProjectSource *
pv_project_source_copy (const PvProjectSource *self)
{
  PvProjectSource *copy = g_new0 (PvProjectSource, 1);

  copy->source = g_strdup (self->source);
  copy->resolved = g_strdup (self->resolved);
  copy->target = g_strdup (self->target);
  copy->kind = self->kind;
  copy->use = self->use;
  return copy;
}

void
pv_project_source_free (PvProjectSource *self)
{
  if (self == NULL)
    return;
  g_free (self->source);
  g_free (self->resolved);
  g_free (self->target);
  g_free (self);
}

const char *
pv_source_kind_to_string (PvSourceKind kind)
{
  switch (kind)
    {
    case PV_SOURCE_INSIDE:
      return _("in the project’s folder");
    case PV_SOURCE_OUTSIDE:
      return _("outside the project’s folder");
    case PV_SOURCE_NETWORK:
      return _("on the network");
    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------ paths */

static gboolean
in_list_ci (const char * const *list,
            const char         *word,
            gsize               length)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strlen (list[i]) == length && g_ascii_strncasecmp (list[i], word, length) == 0)
      return TRUE;
  return FALSE;
}

/* "scheme://…" */
static gboolean
is_url (const char *source)
{
  const char *p = source;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  return g_str_has_prefix (p, "://");
}

/* A GDAL connection string ("PG:…", "WMS:…"): a colon before any slash,
 * not a drive letter. */
static gboolean
is_connection_string (const char *source)
{
  const char *colon = strchr (source, ':');
  const char *slash = strchr (source, '/');

  return colon != NULL && colon - source > 1 && (slash == NULL || colon < slash);
}

/* path (absolute) with '.', '..' and symbolic links resolved as far as the
 * path exists; the rest is appended as written ('..' resolved lexically). */
char *
_pv_trust_resolve_path (const char *path)
{
  g_autofree char *head = g_canonicalize_filename (path, "/");
  g_autofree char *tail = NULL;

  for (;;)
    {
      char real[PATH_MAX];
      char *slash;
      char *longer;

      if (realpath (head, real) != NULL)
        {
          g_autofree char *joined = NULL;

          if (tail == NULL)
            return g_strdup (real);
          joined = g_build_filename (real, tail, NULL);
          return g_canonicalize_filename (joined, "/");
        }
      slash = strrchr (head, '/');
      if (slash == NULL)
        break;
      longer = tail != NULL ? g_build_filename (slash + 1, tail, NULL) : g_strdup (slash + 1);
      g_free (tail);
      tail = longer;
      if (slash == head)
        {
          /* Only "/" is left, and it exists. */
          head[1] = '\0';
          continue;
        }
      *slash = '\0';
    }
  return g_canonicalize_filename (path, "/");
}

static gboolean
is_inside (const char *real_dir,
           const char *real_path)
{
  gsize n = strlen (real_dir);

  if (g_str_equal (real_dir, "/"))
    return TRUE;
  return strncmp (real_path, real_dir, n) == 0 && (real_path[n] == '/' || real_path[n] == '\0');
}

/* ------------------------------------------------------------ file content */

typedef struct
{
  const char   *project_dir;  /* resolved */
  guint         depth;
  PvSourceKind  kind;         /* the worst seen */
  char         *target;       /* what made it so */
} Inspect;

static PvSourceKind classify (const char *project_dir,
                              const char *source,
                              const char *base_dir,
                              guint       depth,
                              char      **resolved,
                              char      **target);

static void
note (Inspect     *inspect,
      PvSourceKind kind,
      const char  *what)
{
  if (kind > inspect->kind)
    {
      inspect->kind = kind;
      g_free (inspect->target);
      inspect->target = g_strdup (what);
    }
}

static const char *
element_text (CPLXMLNode *node)
{
  for (CPLXMLNode *child = node->psChild; child != NULL; child = child->psNext)
    if (child->eType == CXT_Text)
      return child->pszValue;
  return NULL;
}

static gboolean
relative_to_vrt (CPLXMLNode *node)
{
  for (CPLXMLNode *child = node->psChild; child != NULL; child = child->psNext)
    if (child->eType == CXT_Attribute && g_ascii_strcasecmp (child->pszValue, "relativeToVRT") == 0)
      {
        const char *value = element_text (child);

        return value != NULL && g_str_equal (value, "1");
      }
  return FALSE;
}

/* Walks a VRT's tree: every element that names a dataset is classified. */
static void
walk_vrt (Inspect    *inspect,
          CPLXMLNode *node,
          const char *vrt_dir)
{
  for (; node != NULL; node = node->psNext)
    {
      if (node->eType != CXT_Element)
        continue;
      if (g_ascii_strcasecmp (node->pszValue, "SourceFilename") == 0 ||
          g_ascii_strcasecmp (node->pszValue, "SrcDataSource") == 0 ||
          g_ascii_strcasecmp (node->pszValue, "SourceDataset") == 0)
        {
          const char *text = element_text (node);

          if (text != NULL && *text != '\0')
            {
              g_autofree char *resolved = NULL;
              g_autofree char *target = NULL;
              const char *base = relative_to_vrt (node) ? vrt_dir : NULL;
              PvSourceKind kind;

              /* Without relativeToVRT, GDAL takes a relative name from the
               * current directory: that is outside the project's control. */
              if (base == NULL && !g_path_is_absolute (text) && !is_url (text) &&
                  !is_connection_string (text))
                {
                  kind = PV_SOURCE_OUTSIDE;
                  resolved = g_strdup (text);
                }
              else
                kind = classify (inspect->project_dir, text, base, inspect->depth + 1, &resolved, &target);
              note (inspect, kind, target != NULL ? target : resolved);
            }
        }
      walk_vrt (inspect, node->psChild, vrt_dir);
    }
}

/* The kind of what the file at real_path (inside) reads: INSIDE unless it
 * is a VRT or a web service description that reads elsewhere. */
static PvSourceKind
inspect_content (const char *project_dir,
                 const char *real_path,
                 guint       depth,
                 char      **target)
{
  Inspect inspect = { project_dir, depth, PV_SOURCE_INSIDE, NULL };
  char header[1024];
  struct stat st;
  ssize_t n;
  int fd;

  /* Only regular files: opening a FIFO would block, a device would read it. */
  if (stat (real_path, &st) != 0 || !S_ISREG (st.st_mode))
    return PV_SOURCE_INSIDE;
  fd = g_open (real_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    return PV_SOURCE_INSIDE;
  n = read (fd, header, sizeof header - 1);
  close (fd);
  if (n <= 0)
    return PV_SOURCE_INSIDE;
  header[n] = '\0';

  for (guint i = 0; service_roots[i] != NULL; i++)
    {
      g_autofree char *tag = g_strconcat ("<", service_roots[i], NULL);

      if (strstr (header, tag) != NULL)
        {
          CPLXMLNode *root = st.st_size <= MAX_VRT_BYTES ? CPLParseXMLFile (real_path) : NULL;
          const char *url = NULL;

          if (root != NULL)
            {
              CPLXMLNode *service = CPLSearchXMLNode (root, service_roots[i]);

              url = CPLGetXMLValue (service, "Service.ServerUrl",
                                    CPLGetXMLValue (service, "GetCapabilitiesUrl",
                                                    CPLGetXMLValue (service, "URL", NULL)));
            }
          if (target != NULL)
            *target = g_strdup (url != NULL ? url : real_path);
          if (root != NULL)
            CPLDestroyXMLNode (root);
          CPLErrorReset ();
          return PV_SOURCE_NETWORK;
        }
    }

  if (strstr (header, "<VRTDataset") == NULL && strstr (header, "<OGRVRTDataSource") == NULL)
    return PV_SOURCE_INSIDE;

  if (depth >= MAX_DEPTH || st.st_size > MAX_VRT_BYTES)
    {
      if (target != NULL)
        *target = g_strdup (real_path);
      return PV_SOURCE_OUTSIDE;
    }
  {
    CPLXMLNode *root = CPLParseXMLFile (real_path);
    g_autofree char *vrt_dir = g_path_get_dirname (real_path);

    if (root == NULL)
      {
        /* GDAL could not read it either: it opens nothing. */
        CPLErrorReset ();
        return PV_SOURCE_INSIDE;
      }
    walk_vrt (&inspect, root, vrt_dir);
    CPLDestroyXMLNode (root);
  }
  if (target != NULL)
    *target = g_steal_pointer (&inspect.target);
  g_free (inspect.target);
  return inspect.kind;
}

/* ------------------------------------------------------------ classification */

static PvSourceKind
classify (const char *project_dir,
          const char *source,
          const char *base_dir,
          guint       depth,
          char      **resolved,
          char      **target)
{
  g_autofree char *path = NULL;
  g_autofree char *real = NULL;
  PvSourceKind kind;

  if (g_str_has_prefix (source, "/vsi"))
    {
      for (guint i = 0; network_vsi[i] != NULL; i++)
        if (strstr (source, network_vsi[i]) != NULL)
          {
            *resolved = g_strdup (source);
            return PV_SOURCE_NETWORK;
          }
      for (guint i = 0; archive_vsi[i] != NULL; i++)
        if (g_str_has_prefix (source, archive_vsi[i]))
          {
            const char *inner = source + strlen (archive_vsi[i]);
            g_autofree char *inner_path = NULL;
            g_autofree char *inner_resolved = NULL;

            /* "/vsizip/{archive}/member" */
            if (inner[0] == '{' && strchr (inner, '}') != NULL)
              inner_path = g_strndup (inner + 1, strchr (inner, '}') - inner - 1);
            else
              inner_path = g_strdup (inner);
            /* GDAL takes a relative name from the current folder. */
            if (!g_path_is_absolute (inner_path))
              {
                *resolved = g_strdup (source);
                return PV_SOURCE_OUTSIDE;
              }
            kind = classify (project_dir, inner_path, base_dir, depth + 1, &inner_resolved, target);
            *resolved = g_strconcat (archive_vsi[i], inner_resolved, NULL);
            return kind;
          }
      /* /vsimem/, /vsistdin/, /vsisparse/…: not a file of the project. */
      *resolved = g_strdup (source);
      return PV_SOURCE_OUTSIDE;
    }
  if (is_url (source))
    {
      *resolved = g_strdup (source);
      return g_str_has_prefix (source, "file:") ? PV_SOURCE_OUTSIDE : PV_SOURCE_NETWORK;
    }
  if (is_connection_string (source))
    {
      const char *colon = strchr (source, ':');

      *resolved = g_strdup (source);
      /* A subdataset ("NETCDF:file:var") reads a file whose place only its
       * driver knows: outside, to be asked about. */
      return in_list_ci (network_prefixes, source, colon - source) ? PV_SOURCE_NETWORK : PV_SOURCE_OUTSIDE;
    }

  path = g_canonicalize_filename (source, base_dir != NULL ? base_dir : project_dir);
  real = _pv_trust_resolve_path (path);
  *resolved = g_strdup (real);
  if (!is_inside (project_dir, real))
    return PV_SOURCE_OUTSIDE;
  kind = inspect_content (project_dir, real, depth, target);
  return kind;
}

PvSourceKind
pv_trust_classify_source (const char  *project_dir,
                          const char  *source,
                          char       **resolved,
                          char       **target)
{
  g_autofree char *real_dir = NULL;
  g_autofree char *local_resolved = NULL;
  g_autofree char *local_target = NULL;
  PvSourceKind kind;

  g_return_val_if_fail (project_dir != NULL && g_path_is_absolute (project_dir), PV_SOURCE_OUTSIDE);
  g_return_val_if_fail (source != NULL, PV_SOURCE_OUTSIDE);

  real_dir = _pv_trust_resolve_path (project_dir);
  kind = classify (real_dir, source, NULL, 0, &local_resolved, &local_target);
  if (resolved != NULL)
    *resolved = g_steal_pointer (&local_resolved);
  if (target != NULL)
    *target = g_steal_pointer (&local_target);
  return kind;
}

/* ------------------------------------------------------------ network */

static gboolean network_enabled = TRUE;
static gboolean network_initialized = FALSE;
static GPtrArray *held_drivers;  /* GDALDriverH unregistered while offline */

static CPLHTTPResult *
refuse_fetch_cb (const char            *url,
                 G_GNUC_UNUSED CSLConstList           options,
                 G_GNUC_UNUSED GDALProgressFunc       progress,
                 G_GNUC_UNUSED void                  *progress_data,
                 G_GNUC_UNUSED CPLHTTPFetchWriteFunc  write_func,
                 G_GNUC_UNUSED void                  *write_data,
                 G_GNUC_UNUSED void                  *user_data)
{
  CPLHTTPResult *result = CPLCalloc (1, sizeof (CPLHTTPResult));
  /* Translators: GDAL asked to fetch a URL while the user has not enabled
   * online sources. */
  const char *message = _("online sources are off");

  CPLError (CE_Failure, CPLE_AppDefined, "%s: %s", url != NULL ? url : "", message);
  result->nStatus = 1;
  result->pszErrBuf = CPLStrdup (message);
  return result;
}

void
pv_trust_set_network_enabled (gboolean enabled)
{
  enabled = !!enabled;
  if (network_initialized && enabled == network_enabled)
    return;
  network_initialized = TRUE;
  network_enabled = enabled;

  if (held_drivers == NULL)
    held_drivers = g_ptr_array_new ();

  if (!enabled)
    {
      /* /vsicurl/ and the file systems built on it accept only this one
       * file name, which names nothing: no request is made. */
      CPLSetConfigOption ("CPL_VSIL_CURL_ALLOWED_FILENAME", "/vsicurl/planviewer-online-sources-are-off");
      CPLHTTPSetFetchCallback (refuse_fetch_cb, NULL);
      for (guint i = 0; network_drivers[i] != NULL; i++)
        {
          GDALDriverH driver = GDALGetDriverByName (network_drivers[i]);

          if (driver != NULL)
            {
              GDALDeregisterDriver (driver);
              g_ptr_array_add (held_drivers, driver);
            }
        }
    }
  else
    {
      CPLSetConfigOption ("CPL_VSIL_CURL_ALLOWED_FILENAME", NULL);
      CPLHTTPSetFetchCallback (NULL, NULL);
      for (guint i = 0; i < held_drivers->len; i++)
        GDALRegisterDriver (g_ptr_array_index (held_drivers, i));
      g_ptr_array_set_size (held_drivers, 0);
    }
}

gboolean
pv_trust_get_network_enabled (void)
{
  return network_enabled;
}

void
_pv_trust_init (void)
{
  /* Nothing a file says may run a program: no Python pixel functions in
   * VRTs, no driver that spawns a program or loads a library it names. */
  CPLSetConfigOption ("GDAL_VRT_ENABLE_PYTHON", "NO");
  for (guint i = 0; program_drivers[i] != NULL; i++)
    {
      GDALDriverH driver = GDALGetDriverByName (program_drivers[i]);

      if (driver != NULL)
        {
          GDALDeregisterDriver (driver);
          GDALDestroyDriver (driver);
        }
    }
  pv_trust_set_network_enabled (FALSE);
}
