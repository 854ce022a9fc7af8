/* pv-fuzz-targets.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <gdal.h>
#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <json-glib/json-glib.h>

#include "pv-core.h"
#include "pv-encoding.h"
#include "pv-qml.h"

#include "pv-fuzz-targets.h"

/* A broken invariant: abort() (libFuzzer keeps the input; g_error()'s trap
 * it would not). */
#define fuzz_fail(...) \
  G_STMT_START { g_printerr (__VA_ARGS__); g_printerr ("\n"); abort (); } G_STMT_END

static char *temp_dir;
static PvCrs *map_crs;

/* Small layers a project input may name (those of the sample project). */
static const char * const project_layers[] = {
  "poi.geojson",
  "rivers.shp", "rivers.shx", "rivers.dbf", "rivers.prj", "rivers.cpg",
};

void
pv_fuzz_init (void)
{
  g_autoptr(GError) error = NULL;

  if (temp_dir != NULL)
    return;

  /* Nothing an input names may reach the network: every HTTP request goes to
   * a closed local port. */
  g_setenv ("http_proxy", "http://127.0.0.1:9", TRUE);
  g_setenv ("https_proxy", "http://127.0.0.1:9", TRUE);
  g_setenv ("all_proxy", "http://127.0.0.1:9", TRUE);
  g_setenv ("GDAL_PAM_ENABLED", "NO", TRUE);
  pv_core_init ();
  CPLSetConfigOption ("GDAL_HTTP_PROXY", "127.0.0.1:9");
  CPLSetConfigOption ("GDAL_HTTP_TIMEOUT", "1");
  CPLSetConfigOption ("GDAL_HTTP_MAX_RETRY", "0");
  /* A small block cache: what an input makes GDAL read stays small. */
  CPLSetConfigOption ("GDAL_CACHEMAX", "64");

  temp_dir = g_dir_make_tmp ("pv-fuzz-XXXXXX", &error);
  if (temp_dir == NULL)
    fuzz_fail ("fuzz: cannot make a temporary folder: %s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (project_layers); i++)
    {
      g_autofree char *from = g_build_filename (PV_SOURCE_DATA_SAMPLES, project_layers[i], NULL);
      g_autofree char *to = g_build_filename (temp_dir, project_layers[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_get_contents (from, &contents, &length, NULL))
        g_file_set_contents (to, contents, length, NULL);
    }

  map_crs = pv_crs_new_from_epsg (9210, &error);
  if (map_crs == NULL)
    fuzz_fail ("fuzz: no EPSG:9210: %s", error->message);
}

void
pv_fuzz_cleanup (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (temp_dir == NULL)
    return;
  dir = g_dir_open (temp_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (temp_dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (temp_dir);
  g_clear_pointer (&temp_dir, g_free);
  g_clear_object (&map_crs);
}

/* Messages reach GTK labels and the terminal: they must be valid UTF-8. */
static void
check_error (const GError *error,
             const char   *what)
{
  if (error == NULL)
    return;
  if (error->message == NULL)
    fuzz_fail ("fuzz %s: an error without a message", what);
  if (!g_utf8_validate (error->message, -1, NULL))
    {
      g_autofree char *escaped = g_strescape (error->message, NULL);

      fuzz_fail ("fuzz %s: an error message is not valid UTF-8: %s", what, escaped);
    }
}

static void
check_errors (GPtrArray  *errors,
              const char *what)
{
  for (guint i = 0; i < errors->len; i++)
    check_error (g_ptr_array_index (errors, i), what);
}

/* Project files */

static char *
write_input (const char   *name,
             const guint8 *data,
             gsize         size)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (temp_dir, name, NULL);

  if (!g_file_set_contents (path, (const char *) data, size, &error))
    fuzz_fail ("fuzz: cannot write %s: %s", path, error->message);
  return path;
}

void
pv_fuzz_project (const guint8 *data,
                 gsize         size)
{
  g_autofree char *path = NULL;
  g_autofree char *again_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(PvMap) map = NULL;
  g_autoptr(PvProject) project = NULL;
  g_autoptr(PvProject) again = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  gsize saved_length, saved_again_length;
  double extent[4];
  gboolean has_view = FALSE;

  pv_fuzz_init ();
  path = write_input ("project.pvproj", data, size);

  map = pv_project_load (path, errors, extent, &has_view, NULL, &error);
  check_error (error, "project load");
  check_errors (errors, "project load");
  if ((map == NULL) != (error != NULL))
    fuzz_fail ("fuzz project: pv_project_load() returned %s with %s error",
             map ? "a map" : "nothing", error ? "an" : "no");
  g_clear_error (&error);
  g_ptr_array_set_size (errors, 0);

  project = pv_project_open (path, PV_PROJECT_OPEN_DEFAULT, errors, NULL, &error);
  check_error (error, "project open");
  check_errors (errors, "project open");
  if ((project == NULL) != (error != NULL))
    fuzz_fail ("fuzz project: pv_project_open() returned %s with %s error",
             project ? "a project" : "nothing", error ? "an" : "no");
  if (project == NULL)
    return;

  /* What is written reads back, and is written the same again. */
  saved = pv_project_to_data (project, NULL, temp_dir, &saved_length);
  if (saved == NULL || strlen (saved) != saved_length || !g_utf8_validate (saved, -1, NULL))
    fuzz_fail ("fuzz project: pv_project_to_data() wrote no valid text");
  again_path = write_input ("again.pvproj", (const guint8 *) saved, saved_length);
  g_ptr_array_set_size (errors, 0);
  again = pv_project_open (again_path, PV_PROJECT_OPEN_DEFAULT, errors, NULL, &error);
  if (again == NULL)
    fuzz_fail ("fuzz project: the saved project does not open again: %s\n%s", error->message, saved);
  saved_again = pv_project_to_data (again, NULL, temp_dir, &saved_again_length);
  if (g_strcmp0 (saved, saved_again) != 0)
    fuzz_fail ("fuzz project: saved once:\n%s\nsaved again:\n%s", saved, saved_again);
}

/* Text encodings */

static void
check_decoded (PvEncoding  enc,
               const char *text,
               const char *input_kind)
{
  g_autofree char *nfc = NULL;

  if (text == NULL)
    fuzz_fail ("fuzz encoding: %s decoded %s to NULL", pv_encoding_get_name (enc), input_kind);
  if (!g_utf8_validate (text, -1, NULL))
    fuzz_fail ("fuzz encoding: %s decoded %s to invalid UTF-8", pv_encoding_get_name (enc), input_kind);
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (g_strcmp0 (nfc, text) != 0)
    fuzz_fail ("fuzz encoding: %s decoded %s to text that is not NFC", pv_encoding_get_name (enc), input_kind);
}

void
pv_fuzz_encoding (const guint8 *data,
                  gsize         size)
{
  g_autofree char *terminated = NULL;
  g_autoptr(GPtrArray) samples = NULL;
  const char *bytes;
  gsize n, text_len;
  PvEncoding chosen, detected, named;
  double confidence = -1;
  gboolean all_utf8 = TRUE;

  pv_fuzz_init ();
  if (size == 0)
    return;
  chosen = data[0] % PV_ENCODING_N_ENCODINGS;
  bytes = (const char *) data + 1;
  n = size - 1;
  terminated = g_strndup (bytes, n);
  text_len = strlen (terminated);

  if (!pv_encoding_from_name (pv_encoding_get_name (chosen), &named) || named != chosen)
    fuzz_fail ("fuzz encoding: %s does not name itself", pv_encoding_get_name (chosen));

  for (PvEncoding enc = 0; enc < PV_ENCODING_N_ENCODINGS; enc++)
    {
      g_autofree char *whole = pv_encoding_decode (enc, bytes, n);
      g_autofree char *nul = pv_encoding_decode (enc, terminated, -1);

      check_decoded (enc, whole, "bytes");
      check_decoded (enc, nul, "a NUL-terminated string");
      /* A NUL byte ends the text either way. */
      if (strcmp (whole, nul) != 0)
        fuzz_fail ("fuzz encoding: %s decodes the same text differently with a length and with a NUL",
                 pv_encoding_get_name (enc));
      if (enc == chosen && text_len > 1)
        {
          g_autofree char *half = pv_encoding_decode (enc, bytes, text_len / 2);

          check_decoded (enc, half, "a prefix");
        }
    }

  /* Valid UTF-8 decodes as itself, in NFC. */
  if (g_utf8_validate (terminated, -1, NULL))
    {
      g_autofree char *decoded = pv_encoding_decode (PV_ENCODING_UTF8, terminated, -1);
      g_autofree char *nfc = g_utf8_normalize (terminated, -1, G_NORMALIZE_NFC);

      if (g_strcmp0 (decoded, nfc) != 0)
        fuzz_fail ("fuzz encoding: valid UTF-8 decoded as UTF-8 changed");
    }

  /* Detection over the lines of the input. */
  samples = g_ptr_array_new_with_free_func (g_free);
  for (const char *line = terminated; *line != '\0' && samples->len < 64;)
    {
      const char *end = strchr (line, '\n');
      gsize len = end ? (gsize) (end - line) : strlen (line);

      g_ptr_array_add (samples, g_strndup (line, len));
      if (!g_utf8_validate (g_ptr_array_index (samples, samples->len - 1), -1, NULL))
        all_utf8 = FALSE;
      line += len + (end ? 1 : 0);
    }
  detected = pv_encoding_detect ((const char * const *) samples->pdata, samples->len, &confidence);
  if ((guint) detected >= PV_ENCODING_N_ENCODINGS)
    fuzz_fail ("fuzz encoding: detection returned %d", detected);
  if (!(confidence >= 0.0 && confidence <= 1.0))
    fuzz_fail ("fuzz encoding: detection confidence %g is not within 0…1", confidence);
  if (all_utf8 && detected != PV_ENCODING_UTF8)
    fuzz_fail ("fuzz encoding: valid UTF-8 detected as %s", pv_encoding_get_name (detected));
  detected = pv_encoding_detect (NULL, 0, NULL);
  if ((guint) detected >= PV_ENCODING_N_ENCODINGS)
    fuzz_fail ("fuzz encoding: detection of nothing returned %d", detected);
}

/* QGIS styles */

static char *
style_json (PvStyle *style)
{
  g_autoptr(JsonNode) node = pv_style_to_json (style);

  if (node == NULL)
    fuzz_fail ("fuzz qml: pv_style_to_json() returned NULL");
  return json_to_string (node, FALSE);
}

void
pv_fuzz_qml (const guint8 *data,
             gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(PvStyle) again = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  pv_fuzz_init ();
  style = pv_style_new_from_qml_data_full ((const char *) data, size, "fuzz.qml", notices, &error);
  check_error (error, "qml");
  if ((style == NULL) != (error != NULL))
    fuzz_fail ("fuzz qml: returned %s with %s error", style ? "a style" : "nothing", error ? "an" : "no");
  for (guint i = 0; i < notices->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (notices, i), -1, NULL))
      fuzz_fail ("fuzz qml: a notice is not valid UTF-8");
  if (style == NULL)
    return;

  for (guint i = 0; i < pv_style_get_n_categories (style); i++)
    if (pv_style_get_category (style, i) == NULL)
      fuzz_fail ("fuzz qml: category %u of %u is NULL", i, pv_style_get_n_categories (style));
  if (pv_style_classify (style, "ONT") > pv_style_get_n_categories (style))
    fuzz_fail ("fuzz qml: a value classified past the categories");

  /* The style as a project stores it reads back the same. */
  json = style_json (style);
  node = json_from_string (json, &error);
  if (node == NULL)
    fuzz_fail ("fuzz qml: pv_style_to_json() wrote JSON that does not parse: %s", error->message);
  again = pv_style_new_from_json (node, &error);
  if (again == NULL)
    fuzz_fail ("fuzz qml: the style does not read back from %s: %s", json, error->message);
  json_again = style_json (again);
  if (strcmp (json, json_again) != 0)
    fuzz_fail ("fuzz qml: the style changed when read back:\n%s\n%s", json, json_again);
}

/* Layers from bytes */

static const char * const layer_formats[][6] = {
  { "geojson", NULL },
  { "shp", "shx", "dbf", "prj", "cpg", NULL },
  { "gpkg", NULL },
  { "tif", NULL },
  { "dxf", NULL },
  { "mif", "mid", NULL },
  { "kml", NULL },
  { "gml", NULL },
  { "csv", NULL },
  { "tab", "dat", "map", "id", NULL },
  { "dgn", NULL },
  { "fgb", NULL },
  { "gpx", NULL },
  { "png", NULL },
  { "dbf", NULL },
  { "asc", NULL },
  { "jp2", NULL },
};

guint
pv_fuzz_layer_n_formats (void)
{
  return G_N_ELEMENTS (layer_formats);
}

const char * const *
pv_fuzz_layer_extensions (guint8 selector)
{
  return layer_formats[selector % G_N_ELEMENTS (layer_formats)];
}

static const guint8 *
find_separator (const guint8 *data,
                gsize         size)
{
  const gsize sep_len = strlen (PV_FUZZ_PART_SEPARATOR);

  for (gsize i = 0; i + sep_len <= size; i++)
    if (data[i] == PV_FUZZ_PART_SEPARATOR[0] && memcmp (data + i, PV_FUZZ_PART_SEPARATOR, sep_len) == 0)
      return data + i;
  return NULL;
}

void
pv_fuzz_layer (const guint8 *data,
               gsize         size)
{
  const char * const *extensions;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  const guint8 *part, *end;
  double xmin, ymin, xmax, ymax;

  pv_fuzz_init ();
  if (size == 0)
    return;
  extensions = pv_fuzz_layer_extensions (data[0]);
  end = data + size;
  part = data + 1;
  for (guint i = 0; extensions[i] != NULL && part != NULL; i++)
    {
      const guint8 *sep = find_separator (part, end - part);
      gsize len = (sep ? sep : end) - part;
      char *path = g_strdup_printf ("/vsimem/pv-fuzz/in.%s", extensions[i]);
      /* GDAL owns a copy (an open dataset may outlive the input). */
      GByte *copy = VSIMalloc (MAX (len, 1));

      memcpy (copy, part, len);
      VSIFCloseL (VSIFileFromMemBuffer (path, copy, len, TRUE));
      g_ptr_array_add (files, path);
      part = sep ? sep + strlen (PV_FUZZ_PART_SEPARATOR) : NULL;
    }

  layers = pv_layer_open_all (g_ptr_array_index (files, 0), NULL, NULL, &error);
  check_error (error, "layer");
  if ((layers == NULL) != (error != NULL))
    fuzz_fail ("fuzz layer: pv_layer_open_all() returned %s with %s error",
             layers ? "layers" : "nothing", error ? "an" : "no");

  if (layers != NULL)
    {
      g_autoptr(PvMap) map = pv_map_new ();
      g_autoptr(PvViewport) viewport = pv_viewport_new ();
      cairo_surface_t *surface;
      cairo_t *cr;

      pv_map_set_crs (map, map_crs);
      for (guint i = 0; i < layers->len; i++)
        {
          PvLayer *layer = g_ptr_array_index (layers, i);

          if (pv_layer_get_name (layer) == NULL ||
              !g_utf8_validate (pv_layer_get_name (layer), -1, NULL))
            fuzz_fail ("fuzz layer: a layer name is not valid UTF-8");
          if (pv_layer_get_notice (layer) != NULL &&
              !g_utf8_validate (pv_layer_get_notice (layer), -1, NULL))
            fuzz_fail ("fuzz layer: a layer notice is not valid UTF-8");
          pv_layer_get_extent (layer, &xmin, &ymin, &xmax, &ymax);
          pv_map_add_layer (map, layer);
        }

      pv_viewport_set_size (viewport, 64, 64);
      if (pv_map_get_extent (map, &xmin, &ymin, &xmax, &ymax) &&
          isfinite (xmin) && isfinite (ymin) && isfinite (xmax) && isfinite (ymax) &&
          xmax > xmin && ymax > ymin)
        pv_viewport_fit_extent (viewport, xmin, ymin, xmax, ymax);
      else
        {
          pv_viewport_set_center (viewport, 600000, 1230000);
          pv_viewport_set_resolution (viewport, 1000);
        }

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 64);
      cr = cairo_create (surface);
      pv_render_map (map, viewport, cr, NULL, errors, NULL, &error);
      check_error (error, "layer render");
      check_errors (errors, "layer render");
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        fuzz_fail ("fuzz layer: rendering left cairo in error: %s",
                 cairo_status_to_string (cairo_status (cr)));
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  g_clear_pointer (&layers, g_ptr_array_unref);
  for (guint i = 0; i < files->len; i++)
    VSIUnlink (g_ptr_array_index (files, i));
}
