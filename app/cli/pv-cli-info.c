/* pv-cli-info.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "pv-cli.h"
#include "pv-core.h"

/* Every layer is first described as a JSON object; the plain-text output is
 * printed from that same object, so both forms always say the same thing. */

static char *
valid_utf8 (const char *text)
{
  /* Undeclared 8-bit encodings reach us as raw bytes: show what the map shows. */
  return text != NULL ? g_utf8_make_valid (text, -1) : NULL;
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  g_autofree char *valid = valid_utf8 (value);

  json_builder_set_member_name (builder, member);
  if (valid != NULL)
    json_builder_add_string_value (builder, valid);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_crs (JsonBuilder *builder,
         PvCrs       *crs)
{
  json_builder_set_member_name (builder, "crs");
  if (crs == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  add_string (builder, "name", pv_crs_get_name (crs));
  json_builder_set_member_name (builder, "epsg");
  if (pv_crs_get_epsg (crs) > 0)
    json_builder_add_int_value (builder, pv_crs_get_epsg (crs));
  else
    json_builder_add_null_value (builder);
  {
    g_autofree char *label = pv_crs_dup_label (crs);

    add_string (builder, "label", label);
  }
  json_builder_set_member_name (builder, "geographic");
  json_builder_add_boolean_value (builder, pv_crs_is_geographic (crs));
  json_builder_end_object (builder);
}

/* "suggested_crs": the likely CRSs of a layer without one, most likely
 * first (nothing is assumed: --assume-crs does that). */
static void
add_suggestions (JsonBuilder *builder,
                 PvLayer     *layer)
{
  g_autoptr(GPtrArray) suggested = NULL;

  if (pv_layer_get_crs (layer) != NULL)
    return;
  suggested = pv_cli_suggest_crs (layer);
  json_builder_set_member_name (builder, "suggested_crs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < suggested->len; i++)
    {
      PvCrs *crs = g_ptr_array_index (suggested, i);
      g_autofree char *label = pv_crs_dup_label (crs);

      json_builder_begin_object (builder);
      add_string (builder, "label", label);
      add_string (builder, "name", pv_crs_get_name (crs));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_extent (JsonBuilder *builder,
            PvLayer     *layer)
{
  double e[4];

  json_builder_set_member_name (builder, "extent");
  if (!pv_layer_get_extent (layer, &e[0], &e[1], &e[2], &e[3]) ||
      !isfinite (e[0]) || !isfinite (e[1]) || !isfinite (e[2]) || !isfinite (e[3]))
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_array (builder);
  for (guint i = 0; i < 4; i++)
    json_builder_add_double_value (builder, e[i]);
  json_builder_end_array (builder);
}

/* Adds "features": [ {field: value, …}, … ]; FALSE (and error) when the
 * attributes of a feature cannot be read. */
static gboolean
add_features (JsonBuilder    *builder,
              PvVectorLayer  *vector,
              GError        **error)
{
  guint n_fields = pv_vector_layer_get_n_fields (vector);
  guint n_features = pv_vector_layer_get_n_features (vector);
  gboolean ok = TRUE;

  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_features && ok; i++)
    {
      char **values;

      if (!(values = pv_vector_layer_dup_attributes (vector, i, error)))
        {
          ok = FALSE;
          break;
        }
      json_builder_begin_object (builder);
      for (guint f = 0; f < n_fields; f++)
        {
          g_autofree char *name = valid_utf8 (pv_vector_layer_get_field_name (vector, f));

          add_string (builder, name ? name : "", values[f]);
        }
      json_builder_end_object (builder);
      /* NULL for null values: g_strfreev would stop at the first. */
      pv_vector_layer_free_values (values, n_fields);
    }
  json_builder_end_array (builder);

  return ok;
}

static const char *
origin_name (PvEncodingOrigin origin)
{
  switch (origin)
    {
    case PV_ENCODING_ORIGIN_UNICODE: return "unicode";
    case PV_ENCODING_ORIGIN_DECLARED: return "declared";
    case PV_ENCODING_ORIGIN_DETECTED: return "detected";
    case PV_ENCODING_ORIGIN_USER: return "chosen";
    case PV_ENCODING_ORIGIN_GDAL:
    default: return "gdal";
    }
}

/* "encoding": how the layer's text is decoded. */
static void
add_encoding (JsonBuilder   *builder,
              PvVectorLayer *vector)
{
  g_autofree char *description = pv_vector_layer_dup_encoding_description (vector);
  PvEncodingOrigin origin = pv_vector_layer_get_encoding_origin (vector);

  json_builder_set_member_name (builder, "encoding");
  json_builder_begin_object (builder);
  add_string (builder, "name", origin == PV_ENCODING_ORIGIN_GDAL ? NULL
                               : pv_encoding_get_name (pv_vector_layer_get_encoding (vector)));
  add_string (builder, "origin", origin_name (origin));
  json_builder_set_member_name (builder, "confidence");
  json_builder_add_double_value (builder, pv_vector_layer_get_encoding_confidence (vector));
  add_string (builder, "declared", pv_vector_layer_get_declared_encoding (vector));
  add_string (builder, "description", description);
  json_builder_end_object (builder);
}

/* "cad_layers": the layers of a DXF drawing / levels of a DGN file. */
static void
add_cad_layers (JsonBuilder *builder,
                GPtrArray   *source_layers,
                PvLayer     *layer)
{
  gboolean any = FALSE;

  for (guint i = 0; source_layers != NULL && i < source_layers->len; i++)
    {
      PvSourceLayer *item = g_ptr_array_index (source_layers, i);

      if (item->sublayer_value == NULL || g_strcmp0 (item->name, pv_layer_get_source_layer (layer)) != 0)
        continue;
      if (!any)
        {
          json_builder_set_member_name (builder, "cad_layers");
          json_builder_begin_array (builder);
          any = TRUE;
        }
      json_builder_begin_object (builder);
      add_string (builder, "field", item->sublayer_field);
      add_string (builder, "value", item->sublayer_value);
      add_int (builder, "feature_count", item->n_features);
      json_builder_end_object (builder);
    }
  if (any)
    json_builder_end_array (builder);
}

static JsonNode *
describe_layer (const char  *file,
                GPtrArray   *source_layers,
                PvLayer     *layer,
                gboolean     with_features,
                GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean ok = TRUE;

  json_builder_begin_object (builder);
  add_string (builder, "file", file);

  if (PV_IS_VECTOR_LAYER (layer))
    {
      PvVectorLayer *vector = PV_VECTOR_LAYER (layer);
      guint n_fields = pv_vector_layer_get_n_fields (vector);
      gint64 n_features, n_geometries;

      add_string (builder, "layer", pv_layer_get_source_layer (layer));
      add_string (builder, "driver", pv_vector_layer_get_driver_name (vector));
      add_string (builder, "kind", "vector");
      add_string (builder, "geometry_type", pv_vector_layer_get_geometry_type_name (vector));
      add_crs (builder, pv_layer_get_crs (layer));
      add_suggestions (builder, layer);
      add_extent (builder, layer);
      if (!pv_vector_layer_count_source (vector, &n_features, &n_geometries, error))
        return NULL;
      add_int (builder, "feature_count", n_features);
      add_int (builder, "geometry_count", n_geometries);
      add_encoding (builder, vector);
      add_cad_layers (builder, source_layers, layer);
      json_builder_set_member_name (builder, "fields");
      json_builder_begin_array (builder);
      for (guint f = 0; f < n_fields; f++)
        {
          json_builder_begin_object (builder);
          add_string (builder, "name", pv_vector_layer_get_field_name (vector, f));
          add_string (builder, "type", pv_vector_layer_get_field_type_name (vector, f));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      add_string (builder, "notice", pv_layer_get_notice (layer));
      if (with_features)
        ok = add_features (builder, vector, error);
    }
  else if (PV_IS_RASTER_LAYER (layer))
    {
      PvRasterLayer *raster = PV_RASTER_LAYER (layer);

      add_string (builder, "layer", pv_layer_get_name (layer));
      add_string (builder, "driver", pv_raster_layer_get_driver_name (raster));
      add_string (builder, "kind", "raster");
      add_int (builder, "bands", pv_raster_layer_get_n_bands (raster));
      add_string (builder, "data_type", pv_raster_layer_get_data_type_name (raster));
      add_string (builder, "color", pv_raster_layer_get_kind_name (raster));
      add_int (builder, "width", pv_raster_layer_get_width (raster));
      add_int (builder, "height", pv_raster_layer_get_height (raster));
      add_int (builder, "overviews", pv_raster_layer_get_n_overviews (raster));
      json_builder_set_member_name (builder, "georeferenced");
      json_builder_add_boolean_value (builder, pv_raster_layer_is_georeferenced (raster));
      add_crs (builder, pv_layer_get_crs (layer));
      add_suggestions (builder, layer);
      add_extent (builder, layer);
      add_string (builder, "notice", pv_layer_get_notice (layer));
    }
  else
    {
      add_string (builder, "layer", pv_layer_get_name (layer));
      add_string (builder, "kind", G_OBJECT_TYPE_NAME (layer));
      add_crs (builder, pv_layer_get_crs (layer));
      add_suggestions (builder, layer);
      add_extent (builder, layer);
      add_string (builder, "notice", pv_layer_get_notice (layer));
    }

  json_builder_end_object (builder);
  if (!ok)
    return NULL;
  return json_builder_get_root (builder);
}

/* Plain text ---------------------------------------------------------- */

static void
print_line (const char *label,
            const char *value)
{
  /* Pad by characters, not bytes, so translated labels line up too. */
  glong width = g_utf8_strlen (label, -1);

  g_print ("%s%*s %s\n", label, (int) MAX (0, 14 - width), "", value ? value : "");
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_string (node);
}

static void
print_extent (JsonObject *object)
{
  JsonArray *extent = NULL;
  JsonObject *crs = NULL;
  const char *format = "%.3f";
  g_autofree char *xmin = NULL, *ymin = NULL, *xmax = NULL, *ymax = NULL;
  g_autofree char *value = NULL;

  if (!JSON_NODE_HOLDS_NULL (json_object_get_member (object, "extent")))
    extent = json_object_get_array_member (object, "extent");
  if (extent == NULL)
    {
      print_line (_("Extent:"), _("empty"));
      return;
    }
  if (!JSON_NODE_HOLDS_NULL (json_object_get_member (object, "crs")))
    crs = json_object_get_object_member (object, "crs");
  if (crs != NULL && json_object_get_boolean_member (crs, "geographic"))
    format = "%.7f";

  xmin = pv_cli_format_double (format, json_array_get_double_element (extent, 0));
  ymin = pv_cli_format_double (format, json_array_get_double_element (extent, 1));
  xmax = pv_cli_format_double (format, json_array_get_double_element (extent, 2));
  ymax = pv_cli_format_double (format, json_array_get_double_element (extent, 3));
  /* translators: the four numbers of a bounding box */
  value = g_strdup_printf (_("xmin %s, ymin %s, xmax %s, ymax %s"), xmin, ymin, xmax, ymax);
  print_line (_("Extent:"), value);
}

static void
print_layer_text (JsonObject *object)
{
  const char *kind = get_string (object, "kind");
  const char *layer = get_string (object, "layer");
  const char *notice = get_string (object, "notice");
  JsonNode *crs_node = json_object_get_member (object, "crs");

  print_line (_("File:"), get_string (object, "file"));
  if (layer != NULL)
    print_line (_("Layer:"), layer);
  if (get_string (object, "driver") != NULL)
    print_line (_("Driver:"), get_string (object, "driver"));

  if (g_strcmp0 (kind, "vector") == 0)
    {
      print_line (_("Kind:"), _("vector"));
      print_line (_("Geometry:"), get_string (object, "geometry_type"));
    }
  else if (g_strcmp0 (kind, "raster") == 0)
    {
      g_autofree char *bands = NULL;
      g_autofree char *size = NULL;

      print_line (_("Kind:"), _("raster"));
      /* translators: e.g. "3 (RGB, Byte)" */
      bands = g_strdup_printf (_("%d (%s, %s)"),
                               (int) json_object_get_int_member (object, "bands"),
                               get_string (object, "color"),
                               get_string (object, "data_type"));
      print_line (_("Bands:"), bands);
      /* translators: raster width x height */
      size = g_strdup_printf (_("%d × %d pixels"),
                              (int) json_object_get_int_member (object, "width"),
                              (int) json_object_get_int_member (object, "height"));
      print_line (_("Size:"), size);
    }

  if (crs_node == NULL || JSON_NODE_HOLDS_NULL (crs_node))
    {
      JsonNode *suggested = json_object_get_member (object, "suggested_crs");

      print_line (_("CRS:"), _("unknown"));
      print_line (_("EPSG:"), _("unknown"));
      if (suggested != NULL && json_array_get_length (json_node_get_array (suggested)) > 0)
        {
          JsonArray *array = json_node_get_array (suggested);
          g_autoptr(GString) text = g_string_new (NULL);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonObject *entry = json_array_get_object_element (array, i);

              if (i > 0)
                g_string_append (text, ", ");
              /* translators: a suggested CRS: its code and its name, "EPSG:9210 (VN-2000 / TM-3 105-45)" */
              g_string_append_printf (text, _("%s (%s)"), get_string (entry, "label"), get_string (entry, "name"));
            }
          /* translators: followed by the CRSs that fit the coordinates of a layer without CRS */
          print_line (_("Suggested:"), text->str);
        }
    }
  else
    {
      JsonObject *crs = json_node_get_object (crs_node);
      JsonNode *epsg = json_object_get_member (crs, "epsg");
      g_autofree char *code = NULL;

      print_line (_("CRS:"), get_string (crs, "name"));
      if (epsg != NULL && !JSON_NODE_HOLDS_NULL (epsg))
        code = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (epsg));
      print_line (_("EPSG:"), code ? code : _("unknown"));
    }

  print_extent (object);

  if (g_strcmp0 (kind, "vector") == 0)
    {
      JsonArray *fields = json_object_get_array_member (object, "fields");
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                json_object_get_int_member (object, "feature_count"));
      guint n_fields = json_array_get_length (fields);
      g_autofree char *n_fields_text = g_strdup_printf ("%u", n_fields);

      print_line (C_("feature count", "Features:"), count);
      if (json_object_has_member (object, "encoding"))
        print_line (_("Encoding:"), get_string (json_object_get_object_member (object, "encoding"), "description"));
      if (json_object_has_member (object, "cad_layers"))
        {
          JsonArray *cad = json_object_get_array_member (object, "cad_layers");

          /* translators: followed by the layers of a CAD drawing (DXF) or levels of a DGN file */
          print_line (_("CAD layers:"), NULL);
          for (guint c = 0; c < json_array_get_length (cad); c++)
            {
              JsonObject *entry = json_array_get_object_element (cad, c);
              g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (entry, "feature_count"));

              /* translators: a CAD layer: field, value and its number of features, "Layer = ROADS (12)" */
              g_print (_("  %s = %s (%s)\n"), get_string (entry, "field"), get_string (entry, "value"), n);
            }
        }
      print_line (_("Fields:"), n_fields_text);
      for (guint f = 0; f < n_fields; f++)
        {
          JsonObject *field = json_array_get_object_element (fields, f);

          g_print ("  %s (%s)\n", get_string (field, "name"), get_string (field, "type"));
        }
    }

  if (notice != NULL)
    print_line (_("Notice:"), notice);

  if (json_object_has_member (object, "features"))
    {
      JsonArray *features = json_object_get_array_member (object, "features");

      for (guint i = 0; i < json_array_get_length (features); i++)
        {
          JsonObject *feature = json_array_get_object_element (features, i);
          g_autoptr(GList) members = json_object_get_members (feature);

          /* translators: %u is the feature's index, counting from 0 */
          g_print (_("Feature %u:\n"), i);
          for (GList *l = members; l != NULL; l = l->next)
            {
              const char *value = get_string (feature, l->data);

              g_print ("  %s = %s\n", (const char *) l->data, value ? value : "NULL");
            }
        }
    }
}

int
pv_cli_info (int    argc,
             char **argv)
{
  gboolean json = FALSE;
  gboolean features = FALSE;
  g_autofree char *assume_text = NULL;
  g_autofree char *encoding_text = NULL;
  int encoding = -1;
  g_autoptr(PvCrs) assumed = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(JsonArray) result = json_array_new ();
  gboolean failed = FALSE;
  const GOptionEntry entries[] = {
    { "json",     0, 0, G_OPTION_ARG_NONE, &json,     N_("Print JSON (an array of layer objects)"), NULL },
    { "features", 0, 0, G_OPTION_ARG_NONE, &features, N_("Also print every feature’s attribute values"), NULL },
    { "assume-crs", 0, 0, G_OPTION_ARG_STRING, &assume_text, N_("CRS of the layers that have none (EPSG:n, WKT or PROJ string); a layer with a CRS keeps it"), N_("CRS") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_text, N_("Read the text of the files as ENCODING (UTF-8, CP1258, TCVN3, VNI, VISCII, ISO-8859-1) instead of the declared or detected one"), N_("ENCODING") },
    { NULL }
  };

  context = g_option_context_new (_("FILE…"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  pv_cli_add_trust_options (context);
  g_option_context_set_summary (context,
                                _("Describes every layer of each FILE: driver, geometry type or bands,\n"
                                  "CRS (name and EPSG code, or “unknown”), extent, feature count or\n"
                                  "raster size, fields and their types."));
  g_option_context_set_description (context,
                                    _("A file that cannot be read is reported on stderr and the other\n"
                                      "files are still described.\n\n"
                                      "A layer without CRS is described with the CRSs its coordinates fit\n"
                                      "(“Suggested:”, e.g. EPSG:9210 for VN-2000 TM-3 105°45′ coordinates);\n"
                                      "none is assumed unless --assume-crs CRS is given, which applies only\n"
                                      "to layers without CRS (a layer with one keeps it and stderr says so).\n\n"
                                      "Exit status: 0 success, 1 usage error, 2 when a file could not be read."));

  if (!(files = pv_cli_parse_command (context, "info", argc, argv, FALSE)))
    return PV_CLI_EXIT_USAGE;
  if (files[0] == NULL)
    {
      pv_cli_print_error (_("info: no input file given"));
      return PV_CLI_EXIT_USAGE;
    }
  if (assume_text != NULL && !(assumed = pv_cli_parse_assume_crs ("info", assume_text)))
    return PV_CLI_EXIT_DATA;
  if (!pv_cli_parse_encoding ("info", encoding_text, &encoding))
    return PV_CLI_EXIT_USAGE;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) layers = NULL;
      g_autoptr(GPtrArray) source_layers = NULL;

      if (!pv_cli_check_input (files[i]))
        {
          failed = TRUE;
          continue;
        }
      if (!(layers = pv_layer_open_all (files[i], NULL, NULL, &error)))
        {
          pv_cli_print_error ("%s", error->message);
          failed = TRUE;
          continue;
        }
      pv_cli_assume_crs (assumed, files[i], layers);
      if (!pv_cli_apply_encoding (encoding, files[i], layers))
        failed = TRUE;
      source_layers = pv_layer_list_source (files[i], NULL);

      for (guint l = 0; l < layers->len; l++)
        {
          JsonNode *node = describe_layer (files[i], source_layers, g_ptr_array_index (layers, l), features, &error);

          if (node == NULL)
            {
              pv_cli_print_error ("%s", error->message);
              g_clear_error (&error);
              failed = TRUE;
              continue;
            }
          json_array_add_element (result, node);
        }
    }

  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *data = NULL;
      gsize length;

      json_node_set_array (root, result);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      data = json_generator_to_data (generator, &length);
      /* JSON is UTF-8 whatever the locale: no charset conversion. */
      fwrite (data, 1, length, stdout);
      fputc ('\n', stdout);
    }
  else
    {
      for (guint i = 0; i < json_array_get_length (result); i++)
        {
          if (i > 0)
            g_print ("\n");
          print_layer_text (json_array_get_object_element (result, i));
        }
    }

  fflush (stdout);
  return failed ? PV_CLI_EXIT_DATA : PV_CLI_EXIT_OK;
}
