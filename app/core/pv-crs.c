/* pv-crs.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pv-crs-private.h"
#include "pv-crs.h"
#include "pv-error.h"
#include "pv-gdal-private.h"
#include "pv-vn2000-zones.h"

/* Inputs longer than this are shortened in error messages. */
#define MAX_QUOTED_CHARS 60

/* EPSG code of the VN-2000 geodetic datum. */
#define VN2000_DATUM_CODE "6756"

/* Every PROJ object belongs to the context it was created in, and a context
 * must not be used by two threads at once: each PvCrs has its own context and
 * serialises every PROJ call on it with a mutex. What never changes (name,
 * type, datum, definition, area) is computed once at construction. */
struct _PvCrs
{
  GObject     parent_instance;

  GMutex      mutex;
  PJ_CONTEXT *ctx;
  PJ         *pj;
  char       *last_proj_error;

  char       *name;
  char       *definition;
  gboolean    is_geographic;
  gboolean    is_vn2000;
  gboolean    has_area;
  double      area[4];

  /* Computed lazily under the mutex. */
  gboolean    epsg_known;
  int         epsg;
  char       *wkt;
};

G_DEFINE_FINAL_TYPE (PvCrs, pv_crs, G_TYPE_OBJECT)

static void
pv_crs_finalize (GObject *object)
{
  PvCrs *self = PV_CRS (object);

  g_clear_pointer (&self->pj, proj_destroy);
  g_clear_pointer (&self->ctx, proj_context_destroy);
  g_clear_pointer (&self->last_proj_error, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->definition, g_free);
  g_clear_pointer (&self->wkt, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pv_crs_parent_class)->finalize (object);
}

static void
pv_crs_class_init (PvCrsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pv_crs_finalize;
}

static void
pv_crs_init (PvCrs *self)
{
  g_mutex_init (&self->mutex);
  self->ctx = _pv_proj_context_new (&self->last_proj_error);
}

/* The input, quoted for a message: one line, at most MAX_QUOTED_CHARS characters. */
static char *
quote_input (const char *input)
{
  g_autofree char *line = NULL;

  if (!g_utf8_validate (input, -1, NULL))
    line = g_utf8_make_valid (input, -1);
  else
    line = g_strdup (input);
  g_strdelimit (line, "\r\n\t", ' ');
  if (g_utf8_strlen (line, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *head = g_utf8_substring (line, 0, MAX_QUOTED_CHARS - 1);

      return g_strdup_printf ("%s…", head);
    }
  return g_steal_pointer (&line);
}

static void
set_invalid_error (GError     **error,
                   const char  *input,
                   const char  *reason)
{
  g_autofree char *quoted = quote_input (input);

  if (reason != NULL && reason[0] != '\0')
    /* translators: the first %s is the user's text, the second PROJ's explanation */
    g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_INVALID,
                 _("“%s” is not a valid coordinate reference system (%s)"), quoted, reason);
  else
    g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_INVALID,
                 _("“%s” is not a valid coordinate reference system"), quoted);
}

PJ *
_pv_proj_get_horizontal_crs (PJ_CONTEXT *ctx,
                             PJ         *crs)
{
  g_autoptr(PJ) current = proj_clone (ctx, crs);

  for (guint depth = 0; current != NULL && depth < 4; depth++)
    {
      PJ_TYPE type = proj_get_type (current);
      PJ *inner;

      if (type == PJ_TYPE_BOUND_CRS)
        inner = proj_get_source_crs (ctx, current);
      else if (type == PJ_TYPE_COMPOUND_CRS)
        inner = proj_crs_get_sub_crs (ctx, current, 0);
      else
        break;
      g_clear_pointer (&current, proj_destroy);
      current = inner;
    }
  return g_steal_pointer (&current);
}

/* "D_Vietnam_2000" → "dvietnam2000": lower-case letters and digits only. */
static char *
normalise_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static gboolean
is_vn2000_datum_name (const char *name)
{
  static const char * const names[] = {
    "vietnam2000", "dvietnam2000", "vn2000", "dvn2000", "vn2000datum", "vietnam2000datum",
  };
  g_autofree char *normalised = NULL;

  if (name == NULL)
    return FALSE;
  normalised = normalise_name (name);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (normalised, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
compute_is_vn2000 (PJ_CONTEXT *ctx,
                   PJ         *crs)
{
  g_autoptr(PJ) horizontal = _pv_proj_get_horizontal_crs (ctx, crs);
  g_autoptr(PJ) geodetic = NULL;
  g_autoptr(PJ) datum = NULL;
  const char *auth;
  const char *code;

  if (horizontal == NULL ||
      !(geodetic = proj_crs_get_geodetic_crs (ctx, horizontal)) ||
      !(datum = proj_crs_get_datum_forced (ctx, geodetic)))
    return FALSE;

  auth = proj_get_id_auth_name (datum, 0);
  code = proj_get_id_code (datum, 0);
  if (auth != NULL && code != NULL && g_ascii_strcasecmp (auth, "EPSG") == 0)
    return strcmp (code, VN2000_DATUM_CODE) == 0;

  /* No EPSG id (ESRI .prj files, PROJJSON sub-objects, hand-written WKT): by name. */
  return is_vn2000_datum_name (proj_get_name (datum)) ||
         is_vn2000_datum_name (proj_get_name (geodetic));
}

static gboolean
compute_is_geographic (PJ_CONTEXT *ctx,
                       PJ         *crs)
{
  g_autoptr(PJ) horizontal = _pv_proj_get_horizontal_crs (ctx, crs);
  PJ_TYPE type;

  if (horizontal == NULL)
    return FALSE;
  type = proj_get_type (horizontal);
  return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
}

/* The EPSG code of the object's own identifier, or 0. */
static int
get_own_epsg (PJ *crs)
{
  const char *auth = proj_get_id_auth_name (crs, 0);
  const char *code = proj_get_id_code (crs, 0);
  gint64 value;

  if (auth == NULL || code == NULL || g_ascii_strcasecmp (auth, "EPSG") != 0)
    return 0;
  if (!g_ascii_string_to_signed (code, 10, 1, G_MAXINT, &value, NULL))
    return 0;
  return (int) value;
}

/* TRUE when text, parsed again, gives an object equivalent to crs. */
static gboolean
reads_back (PJ_CONTEXT *ctx,
            PJ         *crs,
            const char *text)
{
  g_autoptr(PJ) again = NULL;

  if (text == NULL || !(again = proj_create (ctx, text)))
    return FALSE;
  return proj_is_equivalent_to_with_ctx (ctx, crs, again, PJ_COMP_EQUIVALENT);
}

/* "EPSG:n" when the object is exactly that code, else WKT2 or PROJJSON,
 * whichever PROJ reads back as the same object. */
static char *
compute_definition (PJ_CONTEXT *ctx,
                    PJ         *crs)
{
  const char *wkt_options[] = { "MULTILINE=NO", NULL };
  const char *json_options[] = { "MULTILINE=NO", NULL };
  int code = get_own_epsg (crs);
  const char *wkt;
  const char *json;

  if (code > 0)
    {
      g_autofree char *text = g_strdup_printf ("EPSG:%d", code);

      if (reads_back (ctx, crs, text))
        return g_steal_pointer (&text);
    }

  wkt = proj_as_wkt (ctx, crs, PJ_WKT2_2019, wkt_options);
  if (reads_back (ctx, crs, wkt))
    return g_strdup (wkt);

  json = proj_as_projjson (ctx, crs, json_options);
  if (json != NULL)
    return g_strdup (json);

  return g_strdup (wkt);
}

/* Takes ownership of crs, which was created in self->ctx. */
static PvCrs *
pv_crs_take_pj (PvCrs       *self,
                PJ          *crs,
                const char  *input,
                GError     **error)
{
  const char *name;
  double west, south, east, north;

  if (crs == NULL)
    {
      set_invalid_error (error, input, self->last_proj_error);
      g_object_unref (self);
      return NULL;
    }
  if (!proj_is_crs (crs))
    {
      proj_destroy (crs);
      set_invalid_error (error, input,
                         _("it describes a coordinate operation or another object, not a CRS"));
      g_object_unref (self);
      return NULL;
    }

  self->pj = crs;
  name = proj_get_name (crs);
  self->name = g_strdup (name != NULL ? name : "unknown");
  self->is_geographic = compute_is_geographic (self->ctx, crs);
  self->is_vn2000 = compute_is_vn2000 (self->ctx, crs);
  self->definition = compute_definition (self->ctx, crs);
  if (proj_get_area_of_use (self->ctx, crs, &west, &south, &east, &north, NULL) &&
      west > -1000 && south > -1000 && east > -1000 && north > -1000)
    {
      self->has_area = TRUE;
      self->area[0] = west;
      self->area[1] = south;
      self->area[2] = east;
      self->area[3] = north;
    }
  proj_errno_reset (crs);

  return self;
}

static gboolean
looks_like_wkt (const char *text)
{
  const char *p = text;

  while (g_ascii_isalpha (*p) || g_ascii_isdigit (*p) || *p == '_')
    p++;
  while (g_ascii_isspace (*p))
    p++;
  return p != text && (*p == '[' || *p == '(');
}

static gboolean
looks_like_auth_code (const char *text)
{
  const char *colon = strchr (text, ':');

  if (g_str_has_prefix (text, "urn:") || g_str_has_prefix (text, "URN:"))
    return TRUE;
  if (colon == NULL || colon == text || colon[1] == '\0')
    return FALSE;
  for (const char *p = text; p < colon; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;
  for (const char *p = colon + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_.-+", *p) == NULL)
      return FALSE;
  return TRUE;
}

/**
 * pv_crs_new_from_user_input:
 * @definition: "EPSG:n" (or another AUTHORITY:code), WKT 1 or 2, a PROJ
 *   string (with or without +type=crs) or PROJJSON
 *
 * Unlike proj_create(), free text is not looked up by name: "foo" is an error,
 * not the first CRS whose name contains it.
 */
PvCrs *
pv_crs_new_from_user_input (const char  *definition,
                            GError     **error)
{
  g_autofree char *text = NULL;
  PvCrs *self;
  PJ *crs = NULL;

  g_return_val_if_fail (definition != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strstrip (g_strdup (definition));
  if (text[0] == '\0')
    {
      g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_INVALID,
                   _("An empty text is not a coordinate reference system"));
      return NULL;
    }

  if (looks_like_wkt (text))
    return pv_crs_new_from_wkt (text, error);

  self = g_object_new (PV_TYPE_CRS, NULL);
  if (text[0] == '{' || looks_like_auth_code (text))
    crs = proj_create (self->ctx, text);
  else if (text[0] == '+' || strstr (text, "proj=") != NULL)
    {
      if (strstr (text, "type=crs") == NULL)
        {
          g_autofree char *with_type = g_strconcat (text, " +type=crs", NULL);

          crs = proj_create (self->ctx, with_type);
        }
      else
        crs = proj_create (self->ctx, text);
    }
  else
    {
      set_invalid_error (error, definition,
                         _("expected EPSG:code, WKT, a PROJ string or PROJJSON"));
      g_object_unref (self);
      return NULL;
    }

  return pv_crs_take_pj (self, crs, definition, error);
}

PvCrs *
pv_crs_new_from_wkt (const char  *wkt,
                     GError     **error)
{
  PROJ_STRING_LIST warnings = NULL;
  PROJ_STRING_LIST grammar_errors = NULL;
  PvCrs *self;
  PJ *crs;

  g_return_val_if_fail (wkt != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PV_TYPE_CRS, NULL);
  crs = proj_create_from_wkt (self->ctx, wkt, NULL, &warnings, &grammar_errors);
  if (crs == NULL && grammar_errors != NULL && grammar_errors[0] != NULL)
    {
      g_free (self->last_proj_error);
      self->last_proj_error = g_strdup (grammar_errors[0]);
    }
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_debug ("WKT warning: %s", warnings[i]);
  proj_string_list_destroy (warnings);
  proj_string_list_destroy (grammar_errors);

  return pv_crs_take_pj (self, crs, wkt, error);
}

PvCrs *
pv_crs_new_from_epsg (int      code,
                      GError **error)
{
  g_autofree char *code_text = NULL;
  PvCrs *self;
  PJ *crs;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (code <= 0)
    {
      g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_INVALID,
                   _("%d is not a valid EPSG code"), code);
      return NULL;
    }

  code_text = g_strdup_printf ("%d", code);
  self = g_object_new (PV_TYPE_CRS, NULL);
  crs = proj_create_from_database (self->ctx, "EPSG", code_text, PJ_CATEGORY_CRS, FALSE, NULL);
  if (crs == NULL)
    {
      g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_INVALID,
                   _("EPSG:%d is not a coordinate reference system known to PROJ"), code);
      g_object_unref (self);
      return NULL;
    }
  return pv_crs_take_pj (self, crs, code_text, error);
}

const char *
pv_crs_get_name (PvCrs *self)
{
  g_return_val_if_fail (PV_IS_CRS (self), NULL);

  return self->name;
}

/* Called with the mutex held. */
static int
identify_epsg (PvCrs *self)
{
  PJ_OBJ_LIST *matches = NULL;
  int *confidences = NULL;
  int code = get_own_epsg (self->pj);
  int best_confidence = 0;
  int count;

  if (code > 0)
    return code;

  matches = proj_identify (self->ctx, self->pj, "EPSG", NULL, &confidences);
  count = matches != NULL ? proj_list_get_count (matches) : 0;
  for (int i = 0; i < count; i++)
    {
      g_autoptr(PJ) match = NULL;
      int match_code;

      if (confidences[i] < 90 || confidences[i] <= best_confidence)
        continue;
      match = proj_list_get (self->ctx, matches, i);
      if (match != NULL && (match_code = get_own_epsg (match)) > 0)
        {
          code = match_code;
          best_confidence = confidences[i];
        }
    }
  proj_int_list_destroy (confidences);
  g_clear_pointer (&matches, proj_list_destroy);
  proj_errno_reset (self->pj);
  return code;
}

int
pv_crs_get_epsg (PvCrs *self)
{
  int code;

  g_return_val_if_fail (PV_IS_CRS (self), 0);

  g_mutex_lock (&self->mutex);
  if (!self->epsg_known)
    {
      self->epsg = identify_epsg (self);
      self->epsg_known = TRUE;
    }
  code = self->epsg;
  g_mutex_unlock (&self->mutex);

  return code;
}

char *
pv_crs_dup_label (PvCrs *self)
{
  int code;

  g_return_val_if_fail (PV_IS_CRS (self), NULL);

  code = pv_crs_get_epsg (self);
  if (code > 0)
    return g_strdup_printf ("EPSG:%d", code);
  return g_strdup (self->name);
}

char *
pv_crs_dup_wkt (PvCrs *self)
{
  char *wkt;

  g_return_val_if_fail (PV_IS_CRS (self), NULL);

  g_mutex_lock (&self->mutex);
  if (self->wkt == NULL)
    {
      const char *text = proj_as_wkt (self->ctx, self->pj, PJ_WKT2_2019, NULL);

      self->wkt = g_strdup (text);
    }
  wkt = g_strdup (self->wkt);
  g_mutex_unlock (&self->mutex);

  return wkt;
}

char *
pv_crs_dup_definition (PvCrs *self)
{
  g_return_val_if_fail (PV_IS_CRS (self), NULL);

  return g_strdup (self->definition);
}

gboolean
pv_crs_is_geographic (PvCrs *self)
{
  g_return_val_if_fail (PV_IS_CRS (self), FALSE);

  return self->is_geographic;
}

gboolean
pv_crs_is_vn2000 (PvCrs *self)
{
  g_return_val_if_fail (PV_IS_CRS (self), FALSE);

  return self->is_vn2000;
}

/* Equivalent CRSs, ignoring the axis order of geographic CRSs (PlanViewer
 * always works in longitude, latitude order). */
gboolean
pv_crs_equals (PvCrs *a,
               PvCrs *b)
{
  PvCrs *first;
  PvCrs *second;
  gboolean equal;

  g_return_val_if_fail (PV_IS_CRS (a), FALSE);
  g_return_val_if_fail (PV_IS_CRS (b), FALSE);

  if (a == b)
    return TRUE;
  if (g_strcmp0 (a->definition, b->definition) == 0)
    return TRUE;

  /* Both objects are read: lock both, always in the same order. */
  first = a < b ? a : b;
  second = a < b ? b : a;
  g_mutex_lock (&first->mutex);
  g_mutex_lock (&second->mutex);
  equal = proj_is_equivalent_to_with_ctx (a->ctx, a->pj, b->pj,
                                          PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS);
  g_mutex_unlock (&second->mutex);
  g_mutex_unlock (&first->mutex);

  return equal;
}

gboolean
pv_crs_get_area_of_use (PvCrs  *self,
                        double *west,
                        double *south,
                        double *east,
                        double *north)
{
  g_return_val_if_fail (PV_IS_CRS (self), FALSE);

  if (!self->has_area)
    return FALSE;
  if (west != NULL)
    *west = self->area[0];
  if (south != NULL)
    *south = self->area[1];
  if (east != NULL)
    *east = self->area[2];
  if (north != NULL)
    *north = self->area[3];
  return TRUE;
}

/* VN-2000 definitions without EPSG identity */

/* Decision 05/2007/QĐ-BTNMT as a PROJ/GDAL TOWGS84 (Position Vector):
 * translations in metres, rotations in arc-seconds, scale in ppm
 * (vietnam.md §1.1, EPSG:6960). */
static const double vn2000_towgs84[7] = {
  -191.90441429, -39.30318279, -111.45032835, 0.00928836, -0.01975479, 0.00427372, 0.252906278,
};

#define TOWGS84_TRANSLATION_TOLERANCE 0.001 /* m */
#define TOWGS84_ROTATION_TOLERANCE 1e-7     /* arc-second */
#define TOWGS84_SCALE_TOLERANCE 1e-6        /* ppm */

typedef enum
{
  TOWGS84_NONE,      /* no TOWGS84 at all */
  TOWGS84_OFFICIAL,  /* Decision 05/2007's, in any of the spellings tools write */
  TOWGS84_OTHER,     /* another transformation: the file chose it, keep it */
} Towgs84Kind;

static gboolean
near (double a,
      double b,
      double tolerance)
{
  return fabs (a - b) <= tolerance;
}

/* The official seven parameters, written with the Position Vector or the
 * Coordinate Frame rotation signs, with either sign of the scale (GDAL 3.6's
 * MapInfo writer negates it), or the three translations alone. */
static gboolean
is_official_towgs84 (const double *v)
{
  gboolean pv_rotations = TRUE;
  gboolean cf_rotations = TRUE;
  gboolean no_rotations = TRUE;

  for (guint i = 0; i < 3; i++)
    if (!near (v[i], vn2000_towgs84[i], TOWGS84_TRANSLATION_TOLERANCE))
      return FALSE;
  for (guint i = 3; i < 6; i++)
    {
      pv_rotations = pv_rotations && near (v[i], vn2000_towgs84[i], TOWGS84_ROTATION_TOLERANCE);
      cf_rotations = cf_rotations && near (v[i], -vn2000_towgs84[i], TOWGS84_ROTATION_TOLERANCE);
      no_rotations = no_rotations && v[i] == 0.0;
    }
  if (no_rotations)
    return v[6] == 0.0;
  return (pv_rotations || cf_rotations) &&
         near (fabs (v[6]), vn2000_towgs84[6], TOWGS84_SCALE_TOLERANCE);
}

static Towgs84Kind
get_towgs84_kind (PJ_CONTEXT *ctx,
                  PJ         *crs)
{
  g_autoptr(PJ) operation = NULL;
  double values[7] = { 0 };

  if (proj_get_type (crs) != PJ_TYPE_BOUND_CRS)
    return TOWGS84_NONE;
  operation = proj_crs_get_coordoperation (ctx, crs);
  if (operation == NULL || !proj_coordoperation_get_towgs84_values (ctx, operation, values, 7, FALSE))
    return TOWGS84_OTHER;
  return is_official_towgs84 (values) ? TOWGS84_OFFICIAL : TOWGS84_OTHER;
}

static gboolean
name_mentions_vn2000 (const char *name)
{
  g_autofree char *normalised = NULL;

  if (name == NULL)
    return FALSE;
  normalised = normalise_name (name);
  return strstr (normalised, "vn2000") != NULL || strstr (normalised, "vietnam2000") != NULL;
}

static gboolean
is_wgs84_datum_name (const char *name)
{
  static const char * const names[] = {
    "worldgeodeticsystem1984", "dwgs1984", "wgs1984", "wgs84", "worldgeodeticsystem1984ensemble",
  };
  g_autofree char *normalised = NULL;

  if (name == NULL)
    return FALSE;
  normalised = normalise_name (name);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (normalised, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* WGS 84 ellipsoid and Greenwich prime meridian. */
static gboolean
has_wgs84_ellipsoid (PJ_CONTEXT *ctx,
                     PJ         *geodetic)
{
  g_autoptr(PJ) ellipsoid = proj_get_ellipsoid (ctx, geodetic);
  g_autoptr(PJ) meridian = proj_get_prime_meridian (ctx, geodetic);
  double a = 0, b = 0, inv_flattening = 0, longitude = -1, unit = 0;
  int computed = 0;

  if (ellipsoid == NULL || meridian == NULL ||
      !proj_ellipsoid_get_parameters (ctx, ellipsoid, &a, &b, &computed, &inv_flattening) ||
      !proj_prime_meridian_get_parameters (ctx, meridian, &longitude, &unit, NULL))
    return FALSE;
  return near (a, 6378137.0, 1e-3) && near (inv_flattening, 298.257223563, 1e-6) && longitude == 0.0;
}

/* The factor of every axis of the CRS's coordinate system to metres (or
 * radians), when all axes share it; 0 otherwise. */
static double
get_axis_unit_factor (PJ_CONTEXT *ctx,
                      PJ         *crs)
{
  g_autoptr(PJ) cs = proj_crs_get_coordinate_system (ctx, crs);
  int count = cs != NULL ? proj_cs_get_axis_count (ctx, cs) : 0;
  double factor = 0;

  if (count != 2)
    return 0;
  for (int i = 0; i < count; i++)
    {
      double axis_factor = 0;

      if (!proj_cs_get_axis_info (ctx, cs, i, NULL, NULL, NULL, &axis_factor, NULL, NULL, NULL))
        return 0;
      if (i > 0 && !near (axis_factor, factor, 1e-12))
        return 0;
      factor = axis_factor;
    }
  return factor;
}

enum
{
  TM_LATITUDE_OF_ORIGIN,
  TM_CENTRAL_MERIDIAN,
  TM_SCALE_FACTOR,
  TM_FALSE_EASTING,
  TM_FALSE_NORTHING,
  N_TM_PARAMS
};

/* Transverse Mercator parameters in degrees, unity and metres; FALSE when
 * the projection is something else or a parameter is missing. */
static gboolean
get_tm_parameters (PJ_CONTEXT *ctx,
                   PJ         *projected,
                   double     *params)
{
  static const struct { const char *code; const char *name; } wanted[N_TM_PARAMS] = {
    { "8801", "latitudeofnaturalorigin" },
    { "8802", "longitudeofnaturalorigin" },
    { "8805", "scalefactoratnaturalorigin" },
    { "8806", "falseeasting" },
    { "8807", "falsenorthing" },
  };
  g_autoptr(PJ) conversion = proj_crs_get_coordoperation (ctx, projected);
  const char *method_name = NULL, *method_auth = NULL, *method_code = NULL;
  g_autofree char *method = NULL;
  gboolean found[N_TM_PARAMS] = { FALSE };
  int count;

  if (conversion == NULL ||
      !proj_coordoperation_get_method_info (ctx, conversion, &method_name, &method_auth, &method_code))
    return FALSE;
  method = normalise_name (method_name != NULL ? method_name : "");
  if (!(g_strcmp0 (method_auth, "EPSG") == 0 && g_strcmp0 (method_code, "9807") == 0) &&
      strcmp (method, "transversemercator") != 0)
    return FALSE;

  count = proj_coordoperation_get_param_count (ctx, conversion);
  for (int i = 0; i < count; i++)
    {
      const char *name = NULL, *auth = NULL, *code = NULL, *category = NULL;
      double value = 0, factor = 0;
      g_autofree char *normalised = NULL;

      if (!proj_coordoperation_get_param (ctx, conversion, i, &name, &auth, &code, &value, NULL,
                                          &factor, NULL, NULL, NULL, &category))
        return FALSE;
      normalised = normalise_name (name != NULL ? name : "");
      for (guint p = 0; p < N_TM_PARAMS; p++)
        {
          if (!((g_strcmp0 (auth, "EPSG") == 0 && g_strcmp0 (code, wanted[p].code) == 0) ||
                strcmp (normalised, wanted[p].name) == 0))
            continue;
          if (g_strcmp0 (category, "angular") == 0)
            params[p] = value * factor * 180.0 / G_PI;
          else
            params[p] = value * factor;
          found[p] = TRUE;
        }
    }
  for (guint p = 0; p < N_TM_PARAMS; p++)
    if (!found[p])
      return FALSE;
  return TRUE;
}

static gboolean
same_tm_parameters (const double *a,
                    const double *b)
{
  return near (a[TM_LATITUDE_OF_ORIGIN], b[TM_LATITUDE_OF_ORIGIN], 1e-9) &&
         near (a[TM_CENTRAL_MERIDIAN], b[TM_CENTRAL_MERIDIAN], 1e-9) &&
         near (a[TM_SCALE_FACTOR], b[TM_SCALE_FACTOR], 1e-10) &&
         near (a[TM_FALSE_EASTING], b[TM_FALSE_EASTING], 1e-4) &&
         near (a[TM_FALSE_NORTHING], b[TM_FALSE_NORTHING], 1e-4);
}

typedef struct
{
  int    code;
  double params[N_TM_PARAMS];
} Vn2000Grid;

/* The Transverse Mercator VN-2000 projected CRSs of proj.db (EPSG, not
 * deprecated, metres), read once: an array of Vn2000Grid. */
static gpointer
list_vn2000_grids_once (gpointer data)
{
  g_autoptr(PJ_CONTEXT) ctx = proj_context_create ();
  g_autoptr(GPtrArray) known = pv_crs_list_known ();
  GArray *grids = g_array_new (FALSE, FALSE, sizeof (Vn2000Grid));

  for (guint i = 0; i < known->len; i++)
    {
      const PvCrsInfo *info = g_ptr_array_index (known, i);
      g_autoptr(PJ) crs = NULL;
      Vn2000Grid grid = { 0 };

      if (!info->is_vn2000 || !info->is_projected || g_strcmp0 (info->auth, "EPSG") != 0)
        continue;
      crs = proj_create_from_database (ctx, info->auth, info->code, PJ_CATEGORY_CRS, FALSE, NULL);
      if (crs == NULL || get_axis_unit_factor (ctx, crs) != 1.0 ||
          !get_tm_parameters (ctx, crs, grid.params))
        continue;
      grid.code = (int) g_ascii_strtoll (info->code, NULL, 10);
      g_array_append_val (grids, grid);
    }
  return grids;
}

static GArray *
get_vn2000_grids (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, list_vn2000_grids_once, NULL);
  return once.retval;
}

/* The EPSG code of the VN-2000 grid with these parameters, or 0. */
static int
find_vn2000_grid (const double *params)
{
  GArray *grids = get_vn2000_grids ();

  for (guint i = 0; i < grids->len; i++)
    {
      const Vn2000Grid *grid = &g_array_index (grids, Vn2000Grid, i);

      if (same_tm_parameters (grid->params, params))
        return grid->code;
    }
  return 0;
}

/* Called with the mutex held: the EPSG code self stands for, or 0. */
static int
find_vn2000_code (PvCrs *self)
{
  g_autoptr(PJ) horizontal = NULL;
  g_autoptr(PJ) geodetic = NULL;
  g_autoptr(PJ) datum = NULL;
  PJ_TYPE type;
  Towgs84Kind towgs84;
  gboolean named_vn2000;
  double params[N_TM_PARAMS];
  int code;

  if (get_own_epsg (self->pj) > 0)
    return 0;
  towgs84 = get_towgs84_kind (self->ctx, self->pj);
  if (towgs84 == TOWGS84_OTHER)
    return 0;
  horizontal = _pv_proj_get_horizontal_crs (self->ctx, self->pj);
  if (horizontal == NULL)
    return 0;
  /* A 3D or compound CRS would lose its height: not ours to simplify. */
  if (proj_get_type (self->pj) == PJ_TYPE_COMPOUND_CRS)
    return 0;
  type = proj_get_type (horizontal);
  if (type != PJ_TYPE_GEOGRAPHIC_2D_CRS && type != PJ_TYPE_PROJECTED_CRS)
    return 0;
  if (!(geodetic = proj_crs_get_geodetic_crs (self->ctx, horizontal)) ||
      !(datum = proj_crs_get_datum_forced (self->ctx, geodetic)) ||
      !has_wgs84_ellipsoid (self->ctx, geodetic))
    return 0;

  code = get_own_epsg (horizontal);
  named_vn2000 = compute_is_vn2000 (self->ctx, horizontal) ||
                 name_mentions_vn2000 (proj_get_name (datum)) ||
                 name_mentions_vn2000 (proj_get_name (geodetic)) ||
                 name_mentions_vn2000 (proj_get_name (horizontal));
  /* The base of an official BoundCRS may itself be an EPSG VN-2000 CRS. */
  if (code > 0)
    return towgs84 == TOWGS84_OFFICIAL && compute_is_vn2000 (self->ctx, horizontal) ? code : 0;

  if (type == PJ_TYPE_GEOGRAPHIC_2D_CRS)
    {
      if (!named_vn2000 && towgs84 != TOWGS84_OFFICIAL)
        return 0;
      return near (get_axis_unit_factor (self->ctx, horizontal), G_PI / 180.0, 1e-12) ? 4756 : 0;
    }

  if (get_axis_unit_factor (self->ctx, horizontal) != 1.0 ||
      !get_tm_parameters (self->ctx, horizontal, params) ||
      (code = find_vn2000_grid (params)) == 0)
    return 0;
  if (named_vn2000 || towgs84 == TOWGS84_OFFICIAL)
    return code;
  /* GDAL's MapInfo writer has no VN-2000 datum and writes it as plain
   * WGS 84 (datum 104): a TM-3 grid with k0 0.9999 on a VN-2000 provincial
   * meridian is used by no WGS 84 CRS, only by VN-2000. UTM on WGS 84 is
   * WGS 84's own (EPSG:32648) and stays so. */
  if (is_wgs84_datum_name (proj_get_name (datum)) &&
      near (params[TM_SCALE_FACTOR], 0.9999, 1e-10))
    return code;
  return 0;
}

PvCrs *
_pv_crs_resolve_vn2000 (PvCrs *crs)
{
  PvCrs *resolved;
  int code;

  g_return_val_if_fail (PV_IS_CRS (crs), NULL);

  g_mutex_lock (&crs->mutex);
  code = find_vn2000_code (crs);
  proj_errno_reset (crs->pj);
  g_mutex_unlock (&crs->mutex);

  if (code == 0 || !(resolved = pv_crs_new_from_epsg (code, NULL)))
    return g_object_ref (crs);
  g_debug ("%s resolved to EPSG:%d (VN-2000)", crs->name, code);
  return resolved;
}

/* The CRS database, for choosers */

G_DEFINE_BOXED_TYPE (PvCrsInfo, pv_crs_info, pv_crs_info_ref, pv_crs_info_unref)

static void
crs_info_clear (PvCrsInfo *info)
{
  g_free (info->auth);
  g_free (info->code);
  g_free (info->name);
  g_free (info->area_name);
  g_free (info->provinces);
  g_free (info->search_key);
}

PvCrsInfo *
pv_crs_info_ref (PvCrsInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  return g_atomic_rc_box_acquire (info);
}

void
pv_crs_info_unref (PvCrsInfo *info)
{
  g_return_if_fail (info != NULL);

  g_atomic_rc_box_release_full (info, (GDestroyNotify) crs_info_clear);
}

char *
pv_crs_info_dup_label (const PvCrsInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  return g_strdup_printf ("%s:%s", info->auth, info->code);
}

char *
pv_crs_fold_for_search (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  out = g_string_new (NULL);
  if (decomposed == NULL)
    return g_string_free (out, FALSE);

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      /* Vietnamese đ is a letter of its own, not d with a mark. */
      if (c == 0x0111 || c == 0x0110)
        c = 'd';
      if (!g_unichar_isalnum (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

/* Whether word begins one of the words of the segment [seg, seg + len):
 * "48n" is in "wgs 84 utm zone 48n", "duong" in "binh duong", but "210" is
 * not in "epsg 9210". */
static gboolean
segment_has_word_prefix (const char *seg,
                         gsize       len,
                         const char *word)
{
  gsize word_len = strlen (word);

  for (gsize i = 0; i + word_len <= len; i++)
    if ((i == 0 || seg[i - 1] == ' ') && memcmp (seg + i, word, word_len) == 0)
      return TRUE;
  return FALSE;
}

/* The search key is a list of segments, one a line: the name with the code,
 * then each province and each part of the area name. Every word of the query
 * must be found in the same segment, so "binh duong" finds Bình Dương and not
 * the zone of Hải Dương and Thái Bình. */
gboolean
pv_crs_info_matches (const PvCrsInfo *info,
                     const char      *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  const char *seg;

  g_return_val_if_fail (info != NULL, FALSE);

  if (query == NULL)
    return TRUE;
  folded = pv_crs_fold_for_search (query);
  if (folded[0] == '\0')
    return TRUE;
  words = g_strsplit (folded, " ", -1);

  for (seg = info->search_key; seg != NULL && *seg != '\0'; )
    {
      const char *end = strchr (seg, '\n');
      gsize len = end ? (gsize) (end - seg) : strlen (seg);
      gboolean all = TRUE;

      for (guint i = 0; all && words[i] != NULL; i++)
        all = segment_has_word_prefix (seg, len, words[i]);
      if (all)
        return TRUE;
      seg = end ? end + 1 : NULL;
    }
  return FALSE;
}

PvCrs *
pv_crs_info_create_crs (const PvCrsInfo  *info,
                        GError          **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  label = pv_crs_info_dup_label (info);
  return pv_crs_new_from_user_input (label, error);
}

static int
crs_info_rank (const PvCrsInfo *info)
{
  if (g_strcmp0 (info->auth, "EPSG") == 0 && g_strcmp0 (info->code, "9210") == 0)
    return 0;
  if (info->is_vn2000 && info->provinces != NULL)
    return 1;
  if (info->is_vn2000)
    return 2;
  return 3;
}

static int
crs_info_compare (gconstpointer a,
                  gconstpointer b)
{
  const PvCrsInfo *ia = *(const PvCrsInfo * const *) a;
  const PvCrsInfo *ib = *(const PvCrsInfo * const *) b;
  int ra = crs_info_rank (ia);
  int rb = crs_info_rank (ib);
  gint64 ca, cb;
  int cmp;

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if ((cmp = g_strcmp0 (ia->auth, ib->auth)) != 0)
    return cmp;
  ca = g_ascii_strtoll (ia->code, NULL, 10);
  cb = g_ascii_strtoll (ib->code, NULL, 10);
  if (ca != cb)
    return ca < cb ? -1 : 1;
  return g_strcmp0 (ia->code, ib->code);
}

static void
add_segments (GString    *key,
              const char *text)
{
  /* "Hai Phong and Ho Chi Minh cities; Ben Tre, Binh Duong, …" */
  g_auto(GStrv) parts = g_regex_split_simple ("[,;]| and ", text, 0, 0);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *folded = pv_crs_fold_for_search (parts[i]);

      if (folded[0] != '\0')
        g_string_append_printf (key, "\n%s", folded);
    }
}

static char *
build_search_key (const PvCrsInfo *info)
{
  g_autofree char *head = NULL;
  g_autofree char *folded = NULL;
  GString *key;

  /* "VN-2000 / TM-3 105-45 EPSG 9210 VN2000" */
  head = g_strdup_printf ("%s %s %s%s", info->name, info->auth, info->code,
                          info->is_vn2000 ? " VN2000" : "");
  folded = pv_crs_fold_for_search (head);
  key = g_string_new (folded);
  if (info->provinces != NULL)
    add_segments (key, info->provinces);
  if (info->area_name != NULL)
    add_segments (key, info->area_name);
  return g_string_free (key, FALSE);
}

static PvCrsInfo *
crs_info_new (const PROJ_CRS_INFO *proj_info)
{
  PvCrsInfo *info = g_atomic_rc_box_new0 (PvCrsInfo);

  info->auth = g_strdup (proj_info->auth_name);
  info->code = g_strdup (proj_info->code);
  info->name = g_strdup (proj_info->name);
  info->area_name = g_strdup (proj_info->area_name);
  info->is_projected = proj_info->type == PJ_TYPE_PROJECTED_CRS;
  info->is_geographic = proj_info->type == PJ_TYPE_GEOGRAPHIC_2D_CRS;
  /* EPSG names every CRS on the VN-2000 datum "VN-2000" or "VN-2000 / …". */
  info->is_vn2000 = g_strcmp0 (info->name, "VN-2000") == 0 || g_str_has_prefix (info->name, "VN-2000 /");
  /* The provinces of Circular 973/2001 whose TM-3 grid this is. */
  if (info->is_vn2000 && g_strcmp0 (info->auth, "EPSG") == 0)
    info->provinces = pv_vn2000_zones_dup_provinces ((int) g_ascii_strtoll (info->code, NULL, 10));

  info->search_key = build_search_key (info);
  return info;
}

static gpointer
list_known_once (gpointer data)
{
  static const PJ_TYPE types[] = { PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_PROJECTED_CRS };
  g_autoptr(PJ_CONTEXT) ctx = proj_context_create ();
  PROJ_CRS_LIST_PARAMETERS *params = proj_get_crs_list_parameters_create ();
  PROJ_CRS_INFO **list;
  GPtrArray *infos = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_crs_info_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int count = 0;

  params->types = types;
  params->typesCount = G_N_ELEMENTS (types);
  params->allow_deprecated = FALSE;
  list = proj_get_crs_info_list_from_database (ctx, "EPSG", params, &count);
  proj_get_crs_list_parameters_destroy (params);
  if (list == NULL)
    {
      g_warning ("PROJ lists no CRS: is proj.db installed?");
      return infos;
    }

  for (int i = 0; i < count; i++)
    {
      const PROJ_CRS_INFO *proj_info = list[i];

      if (proj_info->deprecated || proj_info->auth_name == NULL || proj_info->code == NULL ||
          proj_info->name == NULL)
        continue;
      if (proj_info->celestial_body_name != NULL &&
          g_ascii_strcasecmp (proj_info->celestial_body_name, "Earth") != 0)
        continue;
      /* A CRS with several areas of use is listed once per area: keep the first. */
      if (!g_hash_table_add (seen, g_strdup_printf ("%s:%s", proj_info->auth_name, proj_info->code)))
        continue;
      g_ptr_array_add (infos, crs_info_new (proj_info));
    }
  proj_crs_info_list_destroy (list);

  g_ptr_array_sort (infos, crs_info_compare);
  return infos;
}

GPtrArray *
pv_crs_list_known (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, list_known_once, NULL);
  return g_ptr_array_ref (once.retval);
}
