/* pv-project.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pv-annotation.h"
#include "pv-bookmark.h"
#include "pv-error.h"
#include "pv-print-layout.h"
#include "pv-project-private.h"
#include "pv-raster-layer.h"
#include "pv-trust.h"
#include "pv-vector-layer.h"

#define MAX_PROJECT_BYTES (64 * 1024 * 1024)
#define PROJECT_SUFFIX ".pvproj"
/* Members of a layer entry (and of the project) this version reads; others
 * are kept as they are and written back (docs/project-schema.md). */
#define EXTRA_KEY "pv-project-extra"

static const char * const layer_members[] = {
  "name", "source", "layer", "sublayer", "visible", "opacity", "fill_opacity", "min_scale",
  "max_scale", "color", "crs", "encoding", "style", "labels", "raster_style", NULL
};
static const char * const project_members[] = {
  "planviewer_project", "title", "crs", "view", "layers", "annotations", "bookmarks", "layouts", "recovery", NULL
};

/* ------------------------------------------------------------ helpers */

static gboolean
parse_color (const char *text,
             double     *rgb)
{
  guint r, g, b;

  if (text == NULL || strlen (text) != 7 || sscanf (text, "#%02x%02x%02x", &r, &g, &b) != 3)
    return FALSE;
  rgb[0] = r / 255.0;
  rgb[1] = g / 255.0;
  rgb[2] = b / 255.0;
  return TRUE;
}

/* A GDAL connection string ("PG:…", "WMS:…") rather than a file name. */
static gboolean
is_connection_string (const char *source)
{
  const char *colon = strchr (source, ':');
  const char *slash = strchr (source, '/');

  return colon != NULL && colon - source > 1 && (slash == NULL || colon < slash);
}

static char *
resolve_source (const char *project_dir,
                const char *source)
{
  if (g_str_has_prefix (source, "/vsi") || g_path_is_absolute (source) || is_connection_string (source))
    return g_strdup (source);
  return g_canonicalize_filename (source, project_dir);
}

char *
_pv_project_relative_source (const char *project_dir,
                             const char *source)
{
  g_auto(GStrv) dir_parts = NULL;
  g_auto(GStrv) source_parts = NULL;
  g_autoptr(GString) relative = NULL;
  guint common = 0, n_dir, n_source;

  if (project_dir == NULL || source == NULL || !g_path_is_absolute (source) || g_str_has_prefix (source, "/vsi"))
    return g_strdup (source);
  dir_parts = g_strsplit (project_dir, G_DIR_SEPARATOR_S, -1);
  source_parts = g_strsplit (source, G_DIR_SEPARATOR_S, -1);
  n_dir = g_strv_length (dir_parts);
  n_source = g_strv_length (source_parts);
  /* The trailing empty part of "/" itself. */
  if (n_dir > 0 && dir_parts[n_dir - 1][0] == '\0')
    n_dir--;
  while (common < n_dir && common + 1 < n_source && g_str_equal (dir_parts[common], source_parts[common]))
    common++;
  /* Only "/" in common: an absolute path travels better. */
  if (common <= 1)
    return g_strdup (source);
  relative = g_string_new (NULL);
  for (guint i = common; i < n_dir; i++)
    g_string_append (relative, ".." G_DIR_SEPARATOR_S);
  for (guint i = common; i < n_source; i++)
    {
      g_string_append (relative, source_parts[i]);
      if (i + 1 < n_source)
        g_string_append_c (relative, G_DIR_SEPARATOR);
    }
  return g_string_free (g_steal_pointer (&relative), FALSE);
}

static char *
absolute_path (const char *path)
{
  return g_canonicalize_filename (path, NULL);
}

static gboolean
is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64);
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_boolean (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static gboolean
in_list (const char * const *list,
         const char         *name)
{
  return g_strv_contains (list, name);
}

/* The members of object that this version does not read, or NULL. */
static JsonObject *
extra_members (JsonObject         *object,
               const char * const *known)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      if (in_list (known, l->data))
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, l->data, json_node_copy (json_object_get_member (object, l->data)));
    }
  return g_steal_pointer (&extra);
}

/* skip: members written already (NULL-terminated), or NULL. */
static void
add_extra_members_except (JsonBuilder        *builder,
                          JsonObject         *extra,
                          const char * const *skip)
{
  g_autoptr(GList) names = NULL;

  if (extra == NULL)
    return;
  names = json_object_get_members (extra);
  for (GList *l = names; l != NULL; l = l->next)
    {
      if (skip != NULL && g_strv_contains (skip, l->data))
        continue;
      json_builder_set_member_name (builder, l->data);
      json_builder_add_value (builder, json_node_copy (json_object_get_member (extra, l->data)));
    }
}

static void
add_extra_members (JsonBuilder *builder,
                   JsonObject  *extra)
{
  add_extra_members_except (builder, extra, NULL);
}

/* ------------------------------------------------------------ validation */

static gboolean
layer_type_error (GError     **error,
                  const char  *display,
                  guint        index,
                  const char  *member,
                  const char  *expected)
{
  /* Translators: "project.pvproj: layer 3: “opacity” must be a number". The
   * last %s is one of the phrases below ("a number", "a text", …). */
  g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
               _("%s: layer %u: “%s” must be %s"), display, index + 1, member, expected);
  return FALSE;
}

static gboolean
project_type_error (GError     **error,
                    const char  *display,
                    const char  *member,
                    const char  *expected)
{
  /* Translators: "project.pvproj: “layers” must be a list"; see above. */
  g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
               _("%s: “%s” must be %s"), display, member, expected);
  return FALSE;
}

static gboolean
validate_entry (JsonObject  *entry,
                const char  *display,
                guint        index,
                GError     **error)
{
  static const char * const numbers[] = { "opacity", "fill_opacity", "min_scale", "max_scale" };
  static const char * const strings[] = { "name", "crs", "encoding", "color" };
  JsonNode *node;

  if (!json_object_has_member (entry, "source") || !is_string (node = json_object_get_member (entry, "source")) ||
      json_node_get_string (node)[0] == '\0')
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("%s: layer %u has no source file"), display, index + 1);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    if (json_object_has_member (entry, numbers[i]) &&
        (!is_number (node = json_object_get_member (entry, numbers[i])) || !isfinite (json_node_get_double (node))))
      return layer_type_error (error, display, index, numbers[i], _("a number"));
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (json_object_has_member (entry, strings[i]) && !is_string (json_object_get_member (entry, strings[i])))
      return layer_type_error (error, display, index, strings[i], _("a text"));
  /* "style", "labels" and "raster_style" are checked as the layer loads: a
   * bad one leaves the layer in its default look, and is reported. */
  if (json_object_has_member (entry, "visible") && !is_boolean (json_object_get_member (entry, "visible")))
    return layer_type_error (error, display, index, "visible", _("true or false"));
  if (json_object_has_member (entry, "layer") && !JSON_NODE_HOLDS_NULL (json_object_get_member (entry, "layer")) &&
      !is_string (json_object_get_member (entry, "layer")))
    return layer_type_error (error, display, index, "layer", _("a text or null"));
  if (json_object_has_member (entry, "color"))
    {
      double rgb[3];

      if (!parse_color (json_object_get_string_member (entry, "color"), rgb))
        return layer_type_error (error, display, index, "color", _("a colour like “#1f78b4”"));
    }
  if (json_object_has_member (entry, "sublayer"))
    {
      JsonObject *sublayer;

      node = json_object_get_member (entry, "sublayer");
      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !json_object_has_member ((sublayer = json_node_get_object (node)), "field") ||
          !json_object_has_member (sublayer, "value") ||
          !is_string (json_object_get_member (sublayer, "field")) ||
          !is_string (json_object_get_member (sublayer, "value")))
        return layer_type_error (error, display, index, "sublayer", _("an object with a “field” and a “value” text"));
    }
  return TRUE;
}

static gboolean
validate_project (JsonNode    *root_node,
                  const char  *display,
                  GError     **error)
{
  JsonObject *root;
  JsonNode *node;
  gint64 version;

  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node) ||
      !json_object_has_member ((root = json_node_get_object (root_node)), "planviewer_project"))
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("%s: not a PlanViewer project"), display);
      return FALSE;
    }
  node = json_object_get_member (root, "planviewer_project");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (version = json_node_get_int (node)) < 1)
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("%s: not a PlanViewer project (the schema version is not a whole number from 1)"), display);
      return FALSE;
    }
  if (version > PV_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_VERSION,
                   _("%s: the project was written by a newer PlanViewer (schema %d; this version reads up to %d). "
                     "Open it with a newer PlanViewer."),
                   display, (int) MIN (version, G_MAXINT), PV_PROJECT_SCHEMA_VERSION);
      return FALSE;
    }
  if (json_object_has_member (root, "title") && !JSON_NODE_HOLDS_NULL (json_object_get_member (root, "title")) &&
      !is_string (json_object_get_member (root, "title")))
    return project_type_error (error, display, "title", _("a text"));
  if (json_object_has_member (root, "crs") && !is_string (json_object_get_member (root, "crs")))
    return project_type_error (error, display, "crs", _("a text"));
  if (json_object_has_member (root, "view"))
    {
      JsonObject *view;
      JsonArray *extent;
      gboolean ok;

      node = json_object_get_member (root, "view");
      ok = JSON_NODE_HOLDS_OBJECT (node) &&
           json_object_has_member ((view = json_node_get_object (node)), "extent") &&
           JSON_NODE_HOLDS_ARRAY (json_object_get_member (view, "extent")) &&
           json_array_get_length ((extent = json_object_get_array_member (view, "extent"))) == 4;
      for (guint i = 0; ok && i < 4; i++)
        ok = is_number (json_array_get_element (extent, i)) &&
             isfinite (json_node_get_double (json_array_get_element (extent, i)));
      if (!ok)
        return project_type_error (error, display, "view",
                                   _("an object whose “extent” is four numbers (xmin, ymin, xmax, ymax)"));
    }
  if (json_object_has_member (root, "recovery") && !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "recovery")))
    return project_type_error (error, display, "recovery", _("an object"));
  if (json_object_has_member (root, "layers"))
    {
      JsonArray *layers;

      node = json_object_get_member (root, "layers");
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return project_type_error (error, display, "layers", _("a list"));
      layers = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (layers); i++)
        {
          JsonNode *element = json_array_get_element (layers, i);

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                           _("%s: layer %u is not an object"), display, i + 1);
              return FALSE;
            }
          if (!validate_entry (json_node_get_object (element), display, i, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------ loading */

GPtrArray *
_pv_project_open_entry (JsonObject    *entry,
                        const char    *resolved,
                        const char    *display,
                        guint          index,
                        GPtrArray     *layer_errors,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GPtrArray) opened = NULL;
  g_autoptr(JsonObject) extra = extra_members (entry, layer_members);
  const char *layer_name = NULL;
  const char *name, *color;
  g_autoptr(PvCrs) layer_crs = NULL;

  if (json_object_has_member (entry, "layer") && !json_object_get_null_member (entry, "layer"))
    layer_name = json_object_get_string_member (entry, "layer");
  if (json_object_has_member (entry, "sublayer"))
    {
      /* One layer of a CAD drawing. */
      JsonObject *sublayer = json_object_get_object_member (entry, "sublayer");

      opened = pv_layer_open_sublayer (resolved, layer_name,
                                       json_object_get_string_member (sublayer, "field"),
                                       json_object_get_string_member (sublayer, "value"),
                                       NULL, NULL, cancellable, error);
    }
  else
    opened = pv_layer_open_all (resolved, layer_name, cancellable, error);
  if (opened == NULL)
    return NULL;

  if (json_object_has_member (entry, "crs"))
    {
      g_autoptr(GError) crs_error = NULL;

      layer_crs = pv_crs_new_from_user_input (json_object_get_string_member (entry, "crs"), &crs_error);
      if (layer_crs == NULL && layer_errors != NULL)
        {
          g_autofree char *source_display = g_filename_display_name (resolved);

          g_ptr_array_add (layer_errors,
                           g_error_new (PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                                        _("%s: the layer’s coordinate system is invalid (%s)"),
                                        source_display, crs_error->message));
        }
    }

  name = json_object_get_string_member_with_default (entry, "name", NULL);
  color = json_object_get_string_member_with_default (entry, "color", NULL);
  for (guint k = 0; k < opened->len; k++)
    {
      PvLayer *layer = g_ptr_array_index (opened, k);
      double rgb[3];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (name != NULL && opened->len == 1)
        pv_layer_set_name (layer, name);
      pv_layer_set_visible (layer, json_object_get_boolean_member_with_default (entry, "visible", TRUE));
      pv_layer_set_opacity (layer, json_object_get_double_member_with_default (entry, "opacity", 1.0));
      pv_layer_set_fill_opacity (layer, json_object_get_double_member_with_default (entry, "fill_opacity", 1.0));
      pv_layer_set_scale_range (layer, json_object_get_double_member_with_default (entry, "min_scale", 0),
                                json_object_get_double_member_with_default (entry, "max_scale", 0));
      if (parse_color (color, rgb))
        pv_layer_set_color (layer, rgb);
      /* The CRS the user gave a file that names none; a file's own CRS wins. */
      if (layer_crs != NULL && pv_layer_get_crs (layer) == NULL)
        pv_layer_set_crs (layer, layer_crs);
      /* The user's choice of text encoding, before the style and labels
       * that read the text. */
      if (PV_IS_VECTOR_LAYER (layer) && json_object_has_member (entry, "encoding"))
        {
          const char *encoding_name = json_object_get_string_member (entry, "encoding");
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
          g_autoptr(PvStyle) style = pv_style_new_from_json (json_object_get_member (entry, "style"), &style_error);

          /* A bad style leaves the layer drawn, in its default style. */
          if (style == NULL)
            {
              g_autofree char *style_display = g_filename_display_name (pv_layer_get_source (layer));

              g_prefix_error (&style_error, "%s: ", style_display);
            }
          if ((style == NULL || !pv_vector_layer_set_style (PV_VECTOR_LAYER (layer), style, cancellable, &style_error)) &&
              layer_errors != NULL && style_error != NULL)
            g_ptr_array_add (layer_errors, g_steal_pointer (&style_error));
        }
      if (PV_IS_VECTOR_LAYER (layer) && json_object_has_member (entry, "labels"))
        {
          g_autoptr(GError) labels_error = NULL;
          g_autoptr(PvLabeling) labeling = pv_labeling_new_from_json (json_object_get_member (entry, "labels"),
                                                                      &labels_error);

          /* Bad labels leave the layer drawn, without labels. */
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

          /* A bad raster style leaves the layer drawn in its default one. */
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
      if (extra != NULL)
        g_object_set_data_full (G_OBJECT (layer), EXTRA_KEY, json_object_ref (extra),
                                (GDestroyNotify) json_object_unref);
    }
  (void) display;
  (void) index;
  return g_steal_pointer (&opened);
}

typedef struct
{
  double      view[4];
  gboolean    has_view;
  char       *recovered_path;  /* the "recovery" member's project */
} LoadInfo;

/* Keeps member of root, which could not be read, in *extra as it was written
 * (saving writes it back), and reports error (taken) in layer_errors. */
static void
keep_unread_member (JsonObject  *root,
                    const char  *member,
                    JsonObject **extra,
                    GError      *error,
                    GPtrArray   *layer_errors)
{
  if (*extra == NULL)
    *extra = json_object_new ();
  json_object_set_member (*extra, member, json_node_copy (json_object_get_member (root, member)));
  if (layer_errors != NULL)
    g_ptr_array_add (layer_errors, error);
  else
    g_error_free (error);
}

/* The "layouts" member: print layout templates, their logos relative to the
 * project's folder. */
static char *refusal (const char         *project_dir,
                      const char         *source,
                      PvProjectOpenFlags  flags);

/* The logo a project named but the user did not allow (it is kept, written
 * back on save while the layout has no other logo). */
#define REFUSED_LOGO_KEY "pv-project-refused-logo"

static GPtrArray *
read_layouts (JsonNode            *node,
              const char          *project_dir,
              PvProjectOpenFlags   flags,
              GPtrArray           *layer_errors,
              GError             **error)
{
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID, _("“layouts” is not a list"));
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      PvPrintLayout *layout = pv_print_layout_new_from_json (json_array_get_element (array, i), error);
      const char *logo;

      if (layout == NULL)
        return NULL;
      logo = pv_print_layout_get_text (layout, "logo-path");
      if (*logo != '\0')
        {
          g_autofree char *resolved = resolve_source (project_dir, logo);
          g_autofree char *refused = refusal (project_dir, logo, flags);

          if (refused != NULL)
            {
              g_object_set_data_full (G_OBJECT (layout), REFUSED_LOGO_KEY, g_steal_pointer (&resolved), g_free);
              g_object_set (layout, "logo-path", "", NULL);
              if (layer_errors != NULL)
                g_ptr_array_add (layer_errors, g_error_new_literal (PV_PROJECT_ERROR, PV_PROJECT_ERROR_NOT_ALLOWED,
                                                                    refused));
            }
          else
            g_object_set (layout, "logo-path", resolved, NULL);
        }
      g_ptr_array_add (layouts, layout);
    }
  return g_steal_pointer (&layouts);
}

/* The "layouts" member of a project written in project_dir. */
static JsonNode *
layouts_to_json (PvMap      *map,
                 const char *project_dir)
{
  GListModel *layouts = pv_map_get_layouts (map);
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < g_list_model_get_n_items (layouts); i++)
    {
      g_autoptr(PvPrintLayout) layout = g_list_model_get_item (layouts, i);
      const char *logo = pv_print_layout_get_text (layout, "logo-path");
      JsonNode *entry = pv_print_layout_to_json (layout);

      if (*logo == '\0' && g_object_get_data (G_OBJECT (layout), REFUSED_LOGO_KEY) != NULL)
        logo = g_object_get_data (G_OBJECT (layout), REFUSED_LOGO_KEY);

      if (*logo != '\0')
        {
          g_autofree char *relative = _pv_project_relative_source (project_dir, logo);

          json_object_set_string_member (json_node_get_object (entry), "logo_path", relative);
        }
      json_array_add_element (array, entry);
    }
  json_node_take_array (node, array);
  return node;
}

/* Reads and validates the project file at path into parser. */
static gboolean
parse_project (const char  *path,
               JsonParser  *parser,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_MISSING_FILE,
                   _("%s: the project cannot be read (%s)"), display, local_error->message);
      return FALSE;
    }
  if (length > MAX_PROJECT_BYTES)
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("%s: the project file is too large"), display);
      return FALSE;
    }
  if (!g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("%s: not a valid project file (it is not UTF-8 text)"), display);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      /* json-glib quotes the bad token cut at a byte count, maybe inside a
       * character: the message must stay UTF-8 (GTK labels, the terminal). */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("%s: not a valid project file (%s)"), display, reason);
      return FALSE;
    }
  return validate_project (json_parser_get_root (parser), display, error);
}

/* Why a source the user did not allow stays closed, or NULL when it may be
 * opened. */
static char *
refusal (const char         *project_dir,
         const char         *source,
         PvProjectOpenFlags  flags)
{
  g_autofree char *resolved = NULL;
  g_autofree char *target = NULL;
  g_autofree char *display = NULL;
  g_autofree char *target_display = NULL;
  PvSourceKind kind = pv_trust_classify_source (project_dir, source, &resolved, &target);

  if (kind == PV_SOURCE_INSIDE ||
      (kind == PV_SOURCE_OUTSIDE && (flags & PV_PROJECT_OPEN_ALLOW_OUTSIDE) != 0) ||
      (kind == PV_SOURCE_NETWORK && (flags & PV_PROJECT_OPEN_ALLOW_NETWORK) != 0 &&
       pv_trust_get_network_enabled ()))
    return NULL;
  display = g_filename_display_name (resolved);
  if (target != NULL)
    {
      target_display = g_filename_display_name (target);
      if (kind == PV_SOURCE_NETWORK)
        return g_strdup_printf (_("%s: not opened: it reads %s, on the network, and online sources were not allowed"),
                                display, target_display);
      return g_strdup_printf (_("%s: not opened: it reads %s, outside the project’s folder, which was not allowed"),
                              display, target_display);
    }
  if (kind == PV_SOURCE_NETWORK)
    return g_strdup_printf (_("%s: not opened: it is on the network, and online sources were not allowed"),
                            display);
  return g_strdup_printf (_("%s: not opened: it is outside the project’s folder, which was not allowed"), display);
}

static PvMap *
load_map (const char          *path,
          gboolean             keep_missing,
          PvProjectOpenFlags   flags,
          LoadInfo            *info,
          GPtrArray           *layer_errors,
          GCancellable        *cancellable,
          GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *project_dir = NULL;
  g_autofree char *abs = NULL;
  g_autoptr(JsonObject) extra = NULL;
  JsonObject *root;
  JsonArray *layers;

  if (!parse_project (path, parser, error))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));

  if (json_object_has_member (root, "title") && !json_object_get_null_member (root, "title"))
    pv_map_set_title (map, json_object_get_string_member (root, "title"));

  if (json_object_has_member (root, "crs"))
    {
      g_autoptr(PvCrs) crs = pv_crs_new_from_user_input (json_object_get_string_member (root, "crs"), &local_error);

      if (crs == NULL)
        {
          g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                       _("%s: the map coordinate system is invalid (%s)"), display, local_error->message);
          return NULL;
        }
      pv_map_set_crs (map, crs);
    }

  if (json_object_has_member (root, "view"))
    {
      JsonArray *extent = json_object_get_array_member (json_object_get_object_member (root, "view"), "extent");
      double e[4];

      for (guint i = 0; i < 4; i++)
        e[i] = json_array_get_double_element (extent, i);
      /* An empty view is no view: the map shows all. */
      if (e[0] < e[2] && e[1] < e[3])
        {
          memcpy (info->view, e, sizeof e);
          info->has_view = TRUE;
        }
    }

  if (json_object_has_member (root, "recovery"))
    {
      JsonObject *recovery = json_object_get_object_member (root, "recovery");
      const char *project = json_object_get_string_member_with_default (recovery, "project", NULL);

      if (project != NULL && g_path_is_absolute (project))
        info->recovered_path = g_strdup (project);
    }

  abs = absolute_path (path);
  project_dir = g_path_get_dirname (abs);

  layers = json_object_has_member (root, "layers") ? json_object_get_array_member (root, "layers") : NULL;
  for (guint i = 0; layers != NULL && i < json_array_get_length (layers); i++)
    {
      JsonObject *entry = json_array_get_object_element (layers, i);
      g_autofree char *resolved = resolve_source (project_dir, json_object_get_string_member (entry, "source"));
      g_autoptr(GPtrArray) opened = NULL;
      g_autoptr(GError) layer_error = NULL;

      g_autofree char *refused = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      refused = refusal (project_dir, json_object_get_string_member (entry, "source"), flags);
      if (refused != NULL)
        g_set_error_literal (&layer_error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_NOT_ALLOWED, refused);
      else
        opened = _pv_project_open_entry (entry, resolved, display, i, layer_errors, cancellable, &layer_error);
      if (opened == NULL)
        {
          if (g_error_matches (layer_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&layer_error));
              return NULL;
            }
          if (keep_missing)
            {
              g_autoptr(PvMissingLayer) missing = _pv_missing_layer_new (resolved, entry, layer_error->message);

              pv_map_add_layer (map, PV_LAYER (missing));
            }
          if (layer_errors)
            g_ptr_array_add (layer_errors, g_steal_pointer (&layer_error));
          continue;
        }
      for (guint k = 0; k < opened->len; k++)
        pv_map_add_layer (map, g_ptr_array_index (opened, k));
    }

  extra = extra_members (root, project_members);

  /* What the user drew and bookmarked. One that cannot be read is reported
   * and kept as it was written, so that saving does not lose it. */
  if (json_object_has_member (root, "annotations"))
    {
      g_autoptr(GError) annotations_error = NULL;
      g_autoptr(PvAnnotationSet) annotations =
        pv_annotation_set_new_from_json (json_object_get_member (root, "annotations"), &annotations_error);

      if (annotations != NULL)
        pv_map_set_annotations (map, annotations);
      else
        {
          g_prefix_error (&annotations_error, _("%s: the annotations cannot be read: "), display);
          keep_unread_member (root, "annotations", &extra, g_steal_pointer (&annotations_error),
                              layer_errors);
        }
    }
  if (json_object_has_member (root, "bookmarks"))
    {
      g_autoptr(GError) bookmarks_error = NULL;
      g_autoptr(PvBookmarkList) bookmarks =
        pv_bookmark_list_new_from_json (json_object_get_member (root, "bookmarks"), project_dir, &bookmarks_error);

      if (bookmarks != NULL)
        pv_map_set_bookmarks (map, bookmarks);
      else
        {
          g_prefix_error (&bookmarks_error, _("%s: the bookmarks cannot be read: "), display);
          keep_unread_member (root, "bookmarks", &extra, g_steal_pointer (&bookmarks_error),
                              layer_errors);
        }
    }

  if (json_object_has_member (root, "layouts"))
    {
      g_autoptr(GError) layouts_error = NULL;
      g_autoptr(GPtrArray) layouts = read_layouts (json_object_get_member (root, "layouts"), project_dir,
                                                   flags, layer_errors, &layouts_error);

      if (layouts != NULL)
        pv_map_set_layouts (map, layouts);
      else
        {
          g_prefix_error (&layouts_error, _("%s: the print layouts cannot be read: "), display);
          keep_unread_member (root, "layouts", &extra, g_steal_pointer (&layouts_error), layer_errors);
        }
    }

  if (extra != NULL)
    g_object_set_data_full (G_OBJECT (map), EXTRA_KEY, json_object_ref (extra), (GDestroyNotify) json_object_unref);

  return g_steal_pointer (&map);
}

PvMap *
pv_project_load (const char    *path,
                 GPtrArray     *layer_errors,
                 double        *view_extent,
                 gboolean      *has_view,
                 GCancellable  *cancellable,
                 GError       **error)
{
  LoadInfo info = { { 0 }, FALSE, NULL };
  PvMap *map;

  g_return_val_if_fail (path != NULL, NULL);

  if (has_view)
    *has_view = FALSE;
  map = load_map (path, FALSE, PV_PROJECT_OPEN_ALLOW_OUTSIDE | PV_PROJECT_OPEN_ALLOW_NETWORK, &info,
                  layer_errors, cancellable, error);
  if (map != NULL && info.has_view)
    {
      if (view_extent)
        memcpy (view_extent, info.view, sizeof info.view);
      if (has_view)
        *has_view = TRUE;
    }
  g_free (info.recovered_path);
  return map;
}

/* ------------------------------------------------------------ saving */

static void
add_missing_entry (JsonBuilder    *builder,
                   PvMissingLayer *missing,
                   const char     *project_dir)
{
  JsonObject *entry = _pv_missing_layer_get_entry (missing);
  g_autoptr(GList) names = json_object_get_members (entry);
  g_autofree char *source = _pv_project_relative_source (project_dir, pv_layer_get_source (PV_LAYER (missing)));

  /* The entry as read; where the file is, and what the user may change in
   * the layer list, as they are now. */
  json_builder_begin_object (builder);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *member = l->data;

      if (g_str_equal (member, "source") || g_str_equal (member, "name") ||
          g_str_equal (member, "visible") || g_str_equal (member, "opacity"))
        continue;
      json_builder_set_member_name (builder, member);
      json_builder_add_value (builder, json_node_copy (json_object_get_member (entry, member)));
    }
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, pv_layer_get_name (PV_LAYER (missing)));
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, source);
  json_builder_set_member_name (builder, "visible");
  json_builder_add_boolean_value (builder, pv_layer_get_visible (PV_LAYER (missing)));
  json_builder_set_member_name (builder, "opacity");
  json_builder_add_double_value (builder, pv_layer_get_opacity (PV_LAYER (missing)));
  json_builder_end_object (builder);
}

static void
add_layer_entry (JsonBuilder *builder,
                 PvLayer     *layer,
                 const char  *project_dir)
{
  g_autofree char *source = _pv_project_relative_source (project_dir, pv_layer_get_source (layer));
  g_autofree char *color = NULL;
  double rgb[3], min_scale, max_scale;

  if (PV_IS_MISSING_LAYER (layer))
    {
      add_missing_entry (builder, PV_MISSING_LAYER (layer), project_dir);
      return;
    }

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
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, color);
  if (pv_layer_get_crs (layer) != NULL)
    {
      g_autofree char *definition = pv_crs_dup_definition (pv_layer_get_crs (layer));

      if (definition != NULL)
        {
          json_builder_set_member_name (builder, "crs");
          json_builder_add_string_value (builder, definition);
        }
    }
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
      g_autoptr(PvLabeling) labeling = pv_vector_layer_dup_labeling (PV_VECTOR_LAYER (layer));

      if (style != NULL)
        {
          json_builder_set_member_name (builder, "style");
          json_builder_add_value (builder, pv_style_to_json (style));
        }
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
  add_extra_members (builder, g_object_get_data (G_OBJECT (layer), EXTRA_KEY));
  json_builder_end_object (builder);
}

typedef struct
{
  const char *project;   /* the recovered project's path, or NULL */
  const char *name;
} RecoveryInfo;

static char *
map_to_data (PvMap              *map,
             PvViewport         *viewport,
             const char         *project_dir,
             const RecoveryInfo *recovery,
             gsize              *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  PvCrs *crs = pv_map_get_crs (map);

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
      if (isfinite (e[0]) && isfinite (e[1]) && isfinite (e[2]) && isfinite (e[3]))
        {
          json_builder_set_member_name (builder, "view");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "extent");
          json_builder_begin_array (builder);
          for (guint i = 0; i < 4; i++)
            json_builder_add_double_value (builder, e[i]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
    }
  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    add_layer_entry (builder, pv_map_get_layer (map, i), project_dir);
  json_builder_end_array (builder);
  {
    const char *written[4] = { NULL, NULL, NULL, NULL };
    guint n_written = 0;
    PvBookmarkList *bookmarks = pv_map_get_bookmarks (map);

    if (pv_map_has_annotations (map))
      {
        json_builder_set_member_name (builder, "annotations");
        json_builder_add_value (builder, pv_annotation_set_to_json (pv_map_get_annotations (map)));
        written[n_written++] = "annotations";
      }
    if (g_list_model_get_n_items (G_LIST_MODEL (bookmarks)) > 0)
      {
        json_builder_set_member_name (builder, "bookmarks");
        json_builder_add_value (builder, pv_bookmark_list_to_json (bookmarks, project_dir));
        written[n_written++] = "bookmarks";
      }
    if (pv_map_has_layouts (map))
      {
        json_builder_set_member_name (builder, "layouts");
        json_builder_add_value (builder, layouts_to_json (map, project_dir));
        written[n_written++] = "layouts";
      }
    /* Members this version does not know, and annotations or bookmarks it
     * could not read (unless the user made new ones). */
    add_extra_members_except (builder, g_object_get_data (G_OBJECT (map), EXTRA_KEY), written);
  }
  if (recovery != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *saved = g_date_time_format_iso8601 (now);

      json_builder_set_member_name (builder, "recovery");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "project");
      if (recovery->project != NULL)
        json_builder_add_string_value (builder, recovery->project);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "name");
      if (recovery->name != NULL)
        json_builder_add_string_value (builder, recovery->name);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "saved");
      json_builder_add_string_value (builder, saved);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, length);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return TRUE;
}

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("%s: the project cannot be saved (%s)"), display, g_strerror (saved_errno));
  return FALSE;
}

/* Whether name is a temporary file of pv_project_write_atomically():
 * ".<prefix><8 hex digits>.tmp" (prefix: "<base>." for one file's, NULL for
 * any file's). */
static gboolean
is_save_temp_name (const char *name,
                   const char *prefix)
{
  gsize n = strlen (name), start;

  if (name[0] != '.' || n < 1 + 9 + 4 || !g_str_has_suffix (name, ".tmp"))
    return FALSE;
  start = n - 4 - 8;
  if (prefix != NULL && (n != 1 + strlen (prefix) + 8 + 4 || strncmp (name + 1, prefix, strlen (prefix)) != 0))
    return FALSE;
  if (name[start - 1] != '.')
    return FALSE;
  for (gsize i = start; i < start + 8; i++)
    if (!g_ascii_isxdigit (name[i]))
      return FALSE;
  return TRUE;
}

/* Removes the temporary files in dir that saves killed half way left (those
 * of base's saves, or all with base NULL). A save holds its temporary file
 * locked until it is renamed into place, so a file that can be locked is an
 * orphan; one that cannot is a save in progress (another window, another
 * process) and stays. Best effort: nothing is reported. */
void
_pv_project_remove_orphaned_temps (const char *dir,
                                   const char *base)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = base != NULL ? g_strconcat (base, ".", NULL) : NULL;
  const char *name;

  if (gdir == NULL)
    return;
  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *temp = NULL;
      struct stat held, named;
      int fd;

      if (!is_save_temp_name (name, prefix))
        continue;
      temp = g_build_filename (dir, name, NULL);
      fd = open (temp, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0)
        continue;
      /* The same file still has the name (not renamed or replaced since). */
      if (flock (fd, LOCK_EX | LOCK_NB) == 0 && fstat (fd, &held) == 0 && S_ISREG (held.st_mode) &&
          lstat (temp, &named) == 0 && held.st_dev == named.st_dev && held.st_ino == named.st_ino)
        (void) g_unlink (temp);
      close (fd);
    }
}

gboolean
pv_project_write_atomically (const char  *path,
                             const char  *data,
                             gsize        length,
                             GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  const char *fault = g_getenv ("PV_TEST_SAVE_FAULT");
  struct stat st;
  int fd = -1, dir_fd, saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  /* What earlier saves killed half way left. */
  _pv_project_remove_orphaned_temps (dir, base);
  /* A new file beside the old one (same file system, so the rename is
   * atomic), hidden, and never an existing one; locked until it is renamed,
   * so that no other save takes it for an orphan. */
  for (guint tries = 0; fd < 0 && tries < 100; tries++)
    {
      struct stat held, named;

      g_free (temp);
      temp = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.%08x.tmp", dir, base, g_random_int ());
      fd = open (temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd < 0 && errno != EEXIST)
        break;
      if (fd < 0)
        continue;
      /* Another save may have removed it as an orphan before the lock:
       * then it is not ours any more (file systems without locks: kept). */
      if (flock (fd, LOCK_EX) == 0 &&
          (fstat (fd, &held) != 0 || stat (temp, &named) != 0 ||
           held.st_dev != named.st_dev || held.st_ino != named.st_ino))
        {
          close (fd);
          fd = -1;
          errno = EEXIST;
        }
    }
  if (fd < 0)
    return set_write_error (error, path, errno);
  /* The new file keeps the permissions of the one it replaces. */
  if (stat (path, &st) == 0)
    (void) fchmod (fd, st.st_mode & 07777);

  if (g_strcmp0 (fault, "write") == 0 || g_strcmp0 (fault, "kill") == 0)
    {
      (void) write_all (fd, data, length / 2);
      (void) fsync (fd);
      if (g_str_equal (fault, "kill"))
        {
          /* Dies holding what it allocated, where a leak checker that
           * reports at the kill (valgrind) finds it. */
          static const char *volatile held[3];

          held[0] = dir;
          held[1] = base;
          held[2] = temp;
          raise (SIGKILL);
        }
      saved_errno = ENOSPC;
      goto fail;
    }
  if (!write_all (fd, data, length) || fsync (fd) != 0)
    {
      saved_errno = errno;
      goto fail;
    }
  if (g_strcmp0 (fault, "rename") == 0)
    {
      saved_errno = EIO;
      goto fail;
    }
  /* Renamed while still open, so still locked. */
  if (rename (temp, path) != 0)
    {
      saved_errno = errno;
      goto fail;
    }
  /* In place, its data on disk (fsync): a failing close changes nothing. */
  (void) close (fd);
  /* The rename itself reaches the disk with the folder. */
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      (void) fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  (void) g_unlink (temp);
  return set_write_error (error, path, saved_errno);
}

/* Writes map as a project at abs_path, its paths relative to its folder. */
static gboolean
save_map (PvMap       *map,
          PvViewport  *viewport,
          const char  *abs_path,
          GError     **error)
{
  g_autofree char *project_dir = g_path_get_dirname (abs_path);
  g_autofree char *data = NULL;
  gsize length;

  data = map_to_data (map, viewport, project_dir, NULL, &length);
  return pv_project_write_atomically (abs_path, data, length, error);
}

gboolean
pv_project_save (PvMap       *map,
                 PvViewport  *viewport,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *abs_path = NULL;

  g_return_val_if_fail (PV_IS_MAP (map), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  abs_path = absolute_path (path);
  return save_map (map, viewport, abs_path, error);
}

/* ------------------------------------------------------------ PvProject */

struct _PvProject
{
  GObject    parent_instance;

  PvMap     *map;
  char      *path;
  double     view[4];
  gboolean   has_view;
  GPtrArray *watched;          /* PvLayer we listen to */
  GObject   *annotations;      /* the map's PvAnnotationSet we listen to */
  GObject   *bookmarks;        /* the map's PvBookmarkList we listen to */
  guint      n_annotations;    /* their numbers at the last "changed" */
  guint      n_bookmarks;

  int        changes;          /* atomic: grows with every change */
  int        idle_pending;     /* atomic */
  int        saved_changes;    /* changes when last saved or declared clean */
  int        reported_changes; /* changes when "changed" was last emitted */
  gboolean   forced;           /* modified whatever the count says */
  gboolean   modified;
};

G_DEFINE_FINAL_TYPE (PvProject, pv_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_modified (PvProject *self)
{
  gboolean modified = self->forced || g_atomic_int_get (&self->changes) != self->saved_changes;

  if (modified == self->modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static gboolean
changes_idle_cb (gpointer data)
{
  PvProject *self = data;
  int changes;

  g_atomic_int_set (&self->idle_pending, 0);
  changes = g_atomic_int_get (&self->changes);
  update_modified (self);
  if (changes != self->reported_changes)
    {
      self->reported_changes = changes;
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }
  return G_SOURCE_REMOVE;
}

/* Any thread: styles and labels are set on workers. */
static void
note_change (PvProject *self)
{
  g_atomic_int_inc (&self->changes);
  if (g_atomic_int_compare_and_exchange (&self->idle_pending, 0, 1))
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_callback (source, changes_idle_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[planviewer] project changed");
      g_source_attach (source, NULL);
    }
}

static void
layouts_changed_cb (PvProject  *self,
                    guint       position,
                    guint       removed,
                    guint       added,
                    GListModel *layouts)
{
  note_change (self);
}

static void
layer_notify_cb (PvProject  *self,
                 GParamSpec *pspec,
                 PvLayer    *layer)
{
  static const char * const stored[] = { "name", "visible", "opacity", "crs", NULL };

  if (g_strv_contains (stored, pspec->name))
    note_change (self);
}

static void
layer_appearance_changed_cb (PvProject *self,
                             PvLayer   *layer)
{
  note_change (self);
}

static void
unwatch_layers (PvProject *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    {
      PvLayer *layer = g_ptr_array_index (self->watched, i);

      g_signal_handlers_disconnect_by_func (layer, layer_notify_cb, self);
      g_signal_handlers_disconnect_by_func (layer, layer_appearance_changed_cb, self);
    }
  g_ptr_array_set_size (self->watched, 0);
}

static void
watch_layers (PvProject *self)
{
  unwatch_layers (self);
  for (guint i = 0; i < pv_map_get_n_layers (self->map); i++)
    {
      PvLayer *layer = pv_map_get_layer (self->map, i);

      g_signal_connect_swapped (layer, "notify", G_CALLBACK (layer_notify_cb), self);
      g_signal_connect_swapped (layer, "appearance-changed", G_CALLBACK (layer_appearance_changed_cb), self);
      g_ptr_array_add (self->watched, g_object_ref (layer));
    }
}

static void
layers_changed_cb (PvProject  *self,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GListModel *layers)
{
  watch_layers (self);
  note_change (self);
}

static guint
collection_size (GObject *collection)
{
  if (PV_IS_ANNOTATION_SET (collection))
    return pv_annotation_set_get_n_annotations (PV_ANNOTATION_SET (collection));
  return g_list_model_get_n_items (G_LIST_MODEL (collection));
}

/* An empty set or list is not written: its changes (the annotations' CRS
 * following the map's) are none of the file's. */
static void
collection_changed_cb (PvProject *self,
                       GObject   *collection)
{
  guint *previous = collection == self->annotations ? &self->n_annotations : &self->n_bookmarks;
  guint n = collection_size (collection);
  gboolean counts = n > 0 || *previous > 0;

  *previous = n;
  if (counts)
    note_change (self);
}

static void
unwatch_collections (PvProject *self)
{
  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_func (self->annotations, collection_changed_cb, self);
  if (self->bookmarks != NULL)
    g_signal_handlers_disconnect_by_func (self->bookmarks, collection_changed_cb, self);
  g_clear_object (&self->annotations);
  g_clear_object (&self->bookmarks);
}

/* Annotations and bookmarks emit "changed" for any change of theirs. */
static void
watch_collections (PvProject *self)
{
  unwatch_collections (self);
  self->annotations = g_object_ref (G_OBJECT (pv_map_get_annotations (self->map)));
  self->bookmarks = g_object_ref (G_OBJECT (pv_map_get_bookmarks (self->map)));
  self->n_annotations = collection_size (self->annotations);
  self->n_bookmarks = collection_size (self->bookmarks);
  g_signal_connect_swapped (self->annotations, "changed", G_CALLBACK (collection_changed_cb), self);
  g_signal_connect_swapped (self->bookmarks, "changed", G_CALLBACK (collection_changed_cb), self);
}

static void
map_notify_cb (PvProject  *self,
               GParamSpec *pspec,
               PvMap      *map)
{
  if (g_str_equal (pspec->name, "annotations") || g_str_equal (pspec->name, "bookmarks"))
    watch_collections (self);
  note_change (self);
}

static void
pv_project_dispose (GObject *object)
{
  PvProject *self = PV_PROJECT (object);

  if (self->map != NULL)
    {
      unwatch_layers (self);
      unwatch_collections (self);
      g_signal_handlers_disconnect_by_data (pv_map_get_layers (self->map), self);
      g_signal_handlers_disconnect_by_data (pv_map_get_layouts (self->map), self);
      g_signal_handlers_disconnect_by_data (self->map, self);
    }
  g_clear_object (&self->map);

  G_OBJECT_CLASS (pv_project_parent_class)->dispose (object);
}

static void
pv_project_finalize (GObject *object)
{
  PvProject *self = PV_PROJECT (object);

  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_free (self->path);

  G_OBJECT_CLASS (pv_project_parent_class)->finalize (object);
}

static void
pv_project_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PvProject *self = PV_PROJECT (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_project_class_init (PvProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pv_project_dispose;
  object_class->finalize = pv_project_finalize;
  object_class->get_property = pv_project_get_property;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pv_project_init (PvProject *self)
{
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
}

PvProject *
pv_project_new (PvMap *map)
{
  PvProject *self;

  g_return_val_if_fail (PV_IS_MAP (map), NULL);

  self = g_object_new (PV_TYPE_PROJECT, NULL);
  self->map = g_object_ref (map);
  watch_layers (self);
  g_signal_connect_swapped (pv_map_get_layers (map), "items-changed", G_CALLBACK (layers_changed_cb), self);
  g_signal_connect_swapped (map, "notify::title", G_CALLBACK (map_notify_cb), self);
  g_signal_connect_swapped (map, "notify::crs", G_CALLBACK (map_notify_cb), self);
  g_signal_connect_swapped (map, "notify::annotations", G_CALLBACK (map_notify_cb), self);
  g_signal_connect_swapped (map, "notify::bookmarks", G_CALLBACK (map_notify_cb), self);
  g_signal_connect_swapped (pv_map_get_layouts (map), "items-changed", G_CALLBACK (layouts_changed_cb), self);
  watch_collections (self);
  return self;
}

PvProject *
pv_project_open (const char          *path,
                 PvProjectOpenFlags   flags,
                 GPtrArray           *layer_errors,
                 GCancellable        *cancellable,
                 GError             **error)
{
  LoadInfo info = { { 0 }, FALSE, NULL };
  g_autoptr(PvMap) map = NULL;
  PvProject *self;

  g_return_val_if_fail (path != NULL, NULL);

  /* A recovery file is the application's own, written with absolute
   * sources: what it names outside was the user's choice. */
  if (flags & PV_PROJECT_OPEN_RECOVERY)
    flags |= PV_PROJECT_OPEN_ALLOW_OUTSIDE;
  map = load_map (path, TRUE, flags, &info, layer_errors, cancellable, error);
  if (map == NULL)
    return NULL;
  /* What saves of the file killed half way left beside it. */
  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autofree char *base = g_path_get_basename (path);

    _pv_project_remove_orphaned_temps (dir, base);
  }
  self = pv_project_new (map);
  memcpy (self->view, info.view, sizeof info.view);
  self->has_view = info.has_view;
  if (flags & PV_PROJECT_OPEN_RECOVERY)
    {
      self->path = g_steal_pointer (&info.recovered_path);
      self->forced = TRUE;
      self->modified = TRUE;
    }
  else
    self->path = absolute_path (path);
  g_free (info.recovered_path);
  return self;
}

PvMap *
pv_project_get_map (PvProject *self)
{
  g_return_val_if_fail (PV_IS_PROJECT (self), NULL);

  return self->map;
}

const char *
pv_project_get_path (PvProject *self)
{
  g_return_val_if_fail (PV_IS_PROJECT (self), NULL);

  return self->path;
}

char *
pv_project_dup_display_name (PvProject *self)
{
  g_autofree char *base = NULL;
  char *display;

  g_return_val_if_fail (PV_IS_PROJECT (self), NULL);

  if (pv_map_get_title (self->map) != NULL && pv_map_get_title (self->map)[0] != '\0')
    return g_strdup (pv_map_get_title (self->map));
  if (self->path == NULL)
    return NULL;
  base = g_path_get_basename (self->path);
  display = g_filename_display_name (base);
  if (g_str_has_suffix (display, PROJECT_SUFFIX) && strlen (display) > strlen (PROJECT_SUFFIX))
    display[strlen (display) - strlen (PROJECT_SUFFIX)] = '\0';
  return display;
}

gboolean
pv_project_get_view (PvProject *self,
                     double    *extent)
{
  g_return_val_if_fail (PV_IS_PROJECT (self), FALSE);

  if (self->has_view && extent != NULL)
    memcpy (extent, self->view, sizeof self->view);
  return self->has_view;
}

gboolean
pv_project_get_modified (PvProject *self)
{
  g_return_val_if_fail (PV_IS_PROJECT (self), FALSE);

  /* Changes not reported yet count too. */
  return self->forced || g_atomic_int_get (&self->changes) != self->saved_changes;
}

void
pv_project_set_modified (PvProject *self,
                         gboolean   modified)
{
  g_return_if_fail (PV_IS_PROJECT (self));

  self->forced = !!modified;
  if (!modified)
    self->saved_changes = g_atomic_int_get (&self->changes);
  update_modified (self);
}

guint
pv_project_get_change_count (PvProject *self)
{
  g_return_val_if_fail (PV_IS_PROJECT (self), 0);

  return (guint) g_atomic_int_get (&self->changes);
}

char *
pv_project_to_data (PvProject  *self,
                    PvViewport *viewport,
                    const char *project_dir,
                    gsize      *length)
{
  g_return_val_if_fail (PV_IS_PROJECT (self), NULL);

  return map_to_data (self->map, viewport, project_dir, NULL, length);
}

char *
pv_project_to_recovery_data (PvProject  *self,
                             PvViewport *viewport,
                             gsize      *length)
{
  g_autofree char *name = NULL;
  RecoveryInfo recovery;

  g_return_val_if_fail (PV_IS_PROJECT (self), NULL);

  name = pv_project_dup_display_name (self);
  if (name == NULL && pv_map_get_n_layers (self->map) > 0)
    name = g_strdup (pv_layer_get_name (pv_map_get_layer (self->map, 0)));
  recovery.project = self->path;
  recovery.name = name;
  return map_to_data (self->map, viewport, NULL, &recovery, length);
}

gboolean
pv_project_save_to (PvProject   *self,
                    PvViewport  *viewport,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *abs_path = NULL;
  int changes;

  g_return_val_if_fail (PV_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (path != NULL || self->path != NULL, FALSE);

  abs_path = absolute_path (path != NULL ? path : self->path);
  changes = g_atomic_int_get (&self->changes);
  if (!save_map (self->map, viewport, abs_path, error))
    return FALSE;
  g_free (self->path);
  self->path = g_steal_pointer (&abs_path);
  self->saved_changes = changes;
  self->forced = FALSE;
  update_modified (self);
  return TRUE;
}

static void
add_outside (GPtrArray   *sources,
             const char  *project_dir,
             const char  *source,
             PvSourceUse  use)
{
  PvProjectSource item = { (char *) source, NULL, NULL, PV_SOURCE_INSIDE, use };

  item.kind = pv_trust_classify_source (project_dir, source, &item.resolved, &item.target);
  if (item.kind != PV_SOURCE_INSIDE)
    g_ptr_array_add (sources, pv_project_source_copy (&item));
  g_free (item.resolved);
  g_free (item.target);
}

GPtrArray *
pv_project_list_outside_sources (const char  *path,
                                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_project_source_free);
  g_autofree char *abs = NULL;
  g_autofree char *project_dir = NULL;
  JsonObject *root;

  g_return_val_if_fail (path != NULL, NULL);

  if (!parse_project (path, parser, error))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  abs = absolute_path (path);
  project_dir = g_path_get_dirname (abs);

  if (json_object_has_member (root, "layers"))
    {
      JsonArray *layers = json_object_get_array_member (root, "layers");

      for (guint i = 0; i < json_array_get_length (layers); i++)
        add_outside (sources, project_dir,
                     json_object_get_string_member (json_array_get_object_element (layers, i), "source"),
                     PV_SOURCE_USE_LAYER);
    }
  /* Logos are read when a layout is printed; layouts that cannot be read
   * are not printed. */
  if (json_object_has_member (root, "layouts") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "layouts")))
    {
      JsonArray *layouts = json_object_get_array_member (root, "layouts");

      for (guint i = 0; i < json_array_get_length (layouts); i++)
        {
          JsonNode *node = json_array_get_element (layouts, i);
          const char *logo;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          logo = json_object_get_string_member_with_default (json_node_get_object (node), "logo_path", NULL);
          if (logo != NULL && *logo != '\0')
            add_outside (sources, project_dir, logo, PV_SOURCE_USE_LOGO);
        }
    }
  return g_steal_pointer (&sources);
}
