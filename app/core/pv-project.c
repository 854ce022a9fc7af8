/* pv-project.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pv-error.h"
#include "pv-project.h"
#include "pv-raster-layer.h"
#include "pv-vector-layer.h"

#define MAX_PROJECT_BYTES (64 * 1024 * 1024)

static gboolean
parse_color (const char *text,
             double     *rgb)
{
  guint r, g, b;

  if (text == NULL || sscanf (text, "#%02x%02x%02x", &r, &g, &b) != 3 || strlen (text) != 7)
    return FALSE;
  rgb[0] = r / 255.0;
  rgb[1] = g / 255.0;
  rgb[2] = b / 255.0;
  return TRUE;
}

static char *
resolve_source (const char *project_dir,
                const char *source)
{
  if (g_str_has_prefix (source, "/vsi") || g_path_is_absolute (source))
    return g_strdup (source);
  return g_canonicalize_filename (source, project_dir);
}

PvMap *
pv_project_load (const char    *path,
                 GPtrArray     *layer_errors,
                 double        *view_extent,
                 gboolean      *has_view,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *contents = NULL;
  g_autofree char *project_dir = NULL;
  JsonObject *root;
  JsonArray *layers;
  gsize length;
  gint64 version;

  if (has_view)
    *has_view = FALSE;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_MISSING_FILE,
                   _("%s: the project cannot be read (%s)"), display, local_error->message);
      return NULL;
    }
  if (length > MAX_PROJECT_BYTES)
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("%s: the project file is too large"), display);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("%s: not a valid project file (%s)"), display, local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      !json_object_has_member ((root = json_node_get_object (json_parser_get_root (parser))), "planviewer_project"))
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("%s: not a PlanViewer project"), display);
      return NULL;
    }
  version = json_object_get_int_member_with_default (root, "planviewer_project", 0);
  if (version < 1)
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("%s: not a PlanViewer project"), display);
      return NULL;
    }
  if (version > PV_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_VERSION,
                   _("%s: the project was written by a newer PlanViewer (schema %d)"),
                   display, (int) version);
      return NULL;
    }

  {
    const char *title = json_object_get_string_member_with_default (root, "title", NULL);

    if (title != NULL && g_utf8_validate (title, -1, NULL))
      pv_map_set_title (map, title);
  }

  {
    const char *crs_text = json_object_get_string_member_with_default (root, "crs", NULL);

    if (crs_text != NULL)
      {
        g_autoptr(PvCrs) crs = pv_crs_new_from_user_input (crs_text, &local_error);

        if (crs == NULL)
          {
            g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                         _("%s: the map coordinate system is invalid (%s)"), display,
                         local_error->message);
            return NULL;
          }
        pv_map_set_crs (map, crs);
      }
  }

  if (json_object_has_member (root, "view") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "view")))
    {
      JsonObject *view = json_object_get_object_member (root, "view");
      JsonArray *extent = json_object_has_member (view, "extent") &&
                          JSON_NODE_HOLDS_ARRAY (json_object_get_member (view, "extent"))
                          ? json_object_get_array_member (view, "extent") : NULL;

      if (extent != NULL && json_array_get_length (extent) == 4)
        {
          double e[4];
          gboolean ok = TRUE;

          for (guint i = 0; i < 4; i++)
            {
              JsonNode *node = json_array_get_element (extent, i);

              ok = ok && JSON_NODE_HOLDS_VALUE (node) &&
                   (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
                    json_node_get_value_type (node) == G_TYPE_INT64);
              e[i] = ok ? json_node_get_double (node) : NAN;
            }
          if (ok && isfinite (e[0]) && isfinite (e[1]) && isfinite (e[2]) && isfinite (e[3]) &&
              e[0] < e[2] && e[1] < e[3])
            {
              if (view_extent)
                for (guint i = 0; i < 4; i++)
                  view_extent[i] = e[i];
              if (has_view)
                *has_view = TRUE;
            }
        }
    }

  project_dir = g_path_get_dirname (path);
  if (!g_path_is_absolute (project_dir))
    {
      g_autofree char *cwd = g_get_current_dir ();
      g_autofree char *abs = g_build_filename (cwd, project_dir, NULL);

      g_free (project_dir);
      project_dir = g_canonicalize_filename (abs, NULL);
    }

  layers = json_object_has_member (root, "layers") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "layers"))
           ? json_object_get_array_member (root, "layers") : NULL;
  for (guint i = 0; layers != NULL && i < json_array_get_length (layers); i++)
    {
      JsonNode *node = json_array_get_element (layers, i);
      JsonObject *entry;
      const char *source, *layer_name, *name, *color;
      g_autofree char *resolved = NULL;
      g_autoptr(GPtrArray) opened = NULL;
      g_autoptr(GError) layer_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);
      source = json_object_get_string_member_with_default (entry, "source", NULL);
      if (source == NULL || source[0] == '\0')
        {
          if (layer_errors)
            g_ptr_array_add (layer_errors,
                             g_error_new (PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                                          _("%s: layer %u has no source file"), display, i + 1));
          continue;
        }
      layer_name = json_object_has_member (entry, "layer") && !json_object_get_null_member (entry, "layer")
                   ? json_object_get_string_member_with_default (entry, "layer", NULL) : NULL;
      resolved = resolve_source (project_dir, source);
      if (json_object_has_member (entry, "sublayer") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (entry, "sublayer")))
        {
          /* One layer of a CAD drawing. */
          JsonObject *sublayer = json_object_get_object_member (entry, "sublayer");
          const char *field = json_object_get_string_member_with_default (sublayer, "field", NULL);
          const char *value = json_object_get_string_member_with_default (sublayer, "value", NULL);

          if (field != NULL && value != NULL)
            opened = pv_layer_open_sublayer (resolved, layer_name, field, value, NULL, NULL, cancellable,
                                             &layer_error);
          else
            g_set_error (&layer_error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                         _("%s: layer %u names no field and value of the drawing to show"), display, i + 1);
        }
      else
        opened = pv_layer_open_all (resolved, layer_name, cancellable, &layer_error);
      if (opened == NULL)
        {
          if (g_error_matches (layer_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&layer_error));
              return NULL;
            }
          if (layer_errors)
            g_ptr_array_add (layer_errors, g_steal_pointer (&layer_error));
          continue;
        }

      name = json_object_get_string_member_with_default (entry, "name", NULL);
      color = json_object_get_string_member_with_default (entry, "color", NULL);
      for (guint k = 0; k < opened->len; k++)
        {
          PvLayer *layer = g_ptr_array_index (opened, k);
          double rgb[3];

          if (name != NULL && opened->len == 1)
            pv_layer_set_name (layer, name);
          pv_layer_set_visible (layer, json_object_get_boolean_member_with_default (entry, "visible", TRUE));
          pv_layer_set_opacity (layer, json_object_get_double_member_with_default (entry, "opacity", 1.0));
          pv_layer_set_fill_opacity (layer, json_object_get_double_member_with_default (entry, "fill_opacity", 1.0));
          pv_layer_set_scale_range (layer, json_object_get_double_member_with_default (entry, "min_scale", 0),
                                    json_object_get_double_member_with_default (entry, "max_scale", 0));
          if (parse_color (color, rgb))
            pv_layer_set_color (layer, rgb);
          /* The user's choice of text encoding, before the style and labels
           * that read the text. */
          if (PV_IS_VECTOR_LAYER (layer) && json_object_has_member (entry, "encoding"))
            {
              const char *encoding_name = json_object_get_string_member_with_default (entry, "encoding", "");
              g_autoptr(GError) encoding_error = NULL;
              PvEncoding encoding;

              if (!pv_encoding_from_name (encoding_name, &encoding))
                {
                  g_autofree char *layer_display = g_filename_display_name (pv_layer_get_source (layer));

                  g_set_error (&encoding_error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                               _("%s: unknown text encoding “%s”"), layer_display, encoding_name);
                }
              else
                pv_vector_layer_set_encoding (PV_VECTOR_LAYER (layer), encoding, FALSE, cancellable, &encoding_error);
              if (encoding_error != NULL && layer_errors != NULL)
                g_ptr_array_add (layer_errors, g_steal_pointer (&encoding_error));
            }
          if (PV_IS_VECTOR_LAYER (layer) && json_object_has_member (entry, "style"))
            {
              g_autoptr(GError) style_error = NULL;
              g_autoptr(PvStyle) style = pv_style_new_from_json (json_object_get_member (entry, "style"),
                                                                 &style_error);

              /* A bad style leaves the layer drawn, in its default style. */
              if (style == NULL ||
                  !pv_vector_layer_set_style (PV_VECTOR_LAYER (layer), style, cancellable, &style_error))
                {
                  if (layer_errors != NULL && style_error != NULL)
                    g_ptr_array_add (layer_errors, g_steal_pointer (&style_error));
                }
            }
          if (PV_IS_VECTOR_LAYER (layer) && json_object_has_member (entry, "labels"))
            {
              g_autoptr(GError) labels_error = NULL;
              g_autoptr(PvLabeling) labeling = pv_labeling_new_from_json (json_object_get_member (entry, "labels"),
                                                                          &labels_error);

              /* Bad labels leave the layer drawn, without labels (the
               * layer's own errors name the file already). */
              if (labeling == NULL)
                {
                  g_autofree char *labels_display = g_filename_display_name (pv_layer_get_source (layer));

                  g_prefix_error (&labels_error, "%s: ", labels_display);
                }
              if ((labeling == NULL ||
                   !pv_vector_layer_set_labeling (PV_VECTOR_LAYER (layer), labeling, cancellable, &labels_error)) &&
                  layer_errors != NULL && labels_error != NULL)
                g_ptr_array_add (layer_errors, g_steal_pointer (&labels_error));
            }
          if (PV_IS_RASTER_LAYER (layer) && json_object_has_member (entry, "raster_style"))
            {
              g_autoptr(GError) style_error = NULL;
              g_autoptr(PvRasterStyle) style =
                pv_raster_style_new_from_json (json_object_get_member (entry, "raster_style"), &style_error);

              /* A bad raster style leaves the layer drawn in its default one;
               * the layer's own errors name the file already. */
              if (style == NULL)
                {
                  g_autofree char *source_display = g_filename_display_name (resolved);

                  g_prefix_error (&style_error, "%s: ", source_display);
                }
              if ((style == NULL ||
                   !pv_raster_layer_set_style (PV_RASTER_LAYER (layer), style, cancellable, &style_error)) &&
                  layer_errors != NULL && style_error != NULL)
                g_ptr_array_add (layer_errors, g_steal_pointer (&style_error));
            }
          pv_map_add_layer (map, layer);
        }
    }

  return g_steal_pointer (&map);
}

static char *
relative_source (const char *project_dir,
                 const char *source)
{
  g_autofree char *prefix = g_strconcat (project_dir, G_DIR_SEPARATOR_S, NULL);

  if (g_str_has_prefix (source, prefix))
    return g_strdup (source + strlen (prefix));
  return g_strdup (source);
}

gboolean
pv_project_save (PvMap       *map,
                 PvViewport  *viewport,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  g_autofree char *project_dir = NULL;
  g_autofree char *abs_path = NULL;
  g_autoptr(GFile) file = NULL;
  PvCrs *crs = pv_map_get_crs (map);
  gsize length;

  abs_path = g_canonicalize_filename (path, NULL);
  project_dir = g_path_get_dirname (abs_path);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "planviewer_project");
  json_builder_add_int_value (builder, PV_PROJECT_SCHEMA_VERSION);
  if (pv_map_get_title (map) != NULL)
    {
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, pv_map_get_title (map));
    }
  if (crs != NULL)
    {
      g_autofree char *definition = pv_crs_dup_definition (crs);

      json_builder_set_member_name (builder, "crs");
      json_builder_add_string_value (builder, definition);
    }
  if (viewport != NULL)
    {
      double e[4];

      pv_viewport_get_extent (viewport, &e[0], &e[1], &e[2], &e[3]);
      json_builder_set_member_name (builder, "view");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "extent");
      json_builder_begin_array (builder);
      for (guint i = 0; i < 4; i++)
        json_builder_add_double_value (builder, e[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    {
      PvLayer *layer = pv_map_get_layer (map, i);
      g_autofree char *source = relative_source (project_dir, pv_layer_get_source (layer));
      g_autofree char *color = NULL;
      double rgb[3];

      pv_layer_get_color (layer, rgb);
      color = g_strdup_printf ("#%02x%02x%02x", (int) (rgb[0] * 255 + 0.5),
                               (int) (rgb[1] * 255 + 0.5), (int) (rgb[2] * 255 + 0.5));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, pv_layer_get_name (layer));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, source);
      json_builder_set_member_name (builder, "layer");
      if (pv_layer_get_source_layer (layer) == NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, pv_layer_get_source_layer (layer));
      if (PV_IS_VECTOR_LAYER (layer))
        {
          const char *field, *value;

          if (pv_vector_layer_get_subset (PV_VECTOR_LAYER (layer), &field, &value))
            {
              json_builder_set_member_name (builder, "sublayer");
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "field");
              json_builder_add_string_value (builder, field);
              json_builder_set_member_name (builder, "value");
              json_builder_add_string_value (builder, value);
              json_builder_end_object (builder);
            }
        }
      json_builder_set_member_name (builder, "visible");
      json_builder_add_boolean_value (builder, pv_layer_get_visible (layer));
      json_builder_set_member_name (builder, "opacity");
      json_builder_add_double_value (builder, pv_layer_get_opacity (layer));
      json_builder_set_member_name (builder, "fill_opacity");
      json_builder_add_double_value (builder, pv_layer_get_fill_opacity (layer));
      {
        double min_scale, max_scale;

        pv_layer_get_scale_range (layer, &min_scale, &max_scale);
        if (min_scale > 0)
          {
            json_builder_set_member_name (builder, "min_scale");
            json_builder_add_double_value (builder, min_scale);
          }
        if (max_scale > 0)
          {
            json_builder_set_member_name (builder, "max_scale");
            json_builder_add_double_value (builder, max_scale);
          }
      }
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, color);
      if (PV_IS_VECTOR_LAYER (layer) &&
          pv_vector_layer_get_encoding_origin (PV_VECTOR_LAYER (layer)) == PV_ENCODING_ORIGIN_USER)
        {
          json_builder_set_member_name (builder, "encoding");
          json_builder_add_string_value (builder,
                                         pv_encoding_get_name (pv_vector_layer_get_encoding (PV_VECTOR_LAYER (layer))));
        }
      if (PV_IS_VECTOR_LAYER (layer))
        {
          g_autoptr(PvStyle) style = pv_vector_layer_dup_style (PV_VECTOR_LAYER (layer));

          if (style != NULL)
            {
              json_builder_set_member_name (builder, "style");
              json_builder_add_value (builder, pv_style_to_json (style));
            }
        }
      if (PV_IS_VECTOR_LAYER (layer))
        {
          g_autoptr(PvLabeling) labeling = pv_vector_layer_dup_labeling (PV_VECTOR_LAYER (layer));

          if (labeling != NULL)
            {
              json_builder_set_member_name (builder, "labels");
              json_builder_add_value (builder, pv_labeling_to_json (labeling));
            }
        }
      if (PV_IS_RASTER_LAYER (layer))
        {
          g_autoptr(PvRasterStyle) raster_style = pv_raster_layer_dup_style (PV_RASTER_LAYER (layer));

          json_builder_set_member_name (builder, "raster_style");
          json_builder_add_value (builder, pv_raster_style_to_json (raster_style));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);

  file = g_file_new_for_path (abs_path);
  /* Atomic: the old project stays intact until the new one is complete. */
  if (!g_file_replace_contents (file, data, length, NULL, TRUE, G_FILE_CREATE_NONE, NULL, NULL, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  return TRUE;
}
