/* pv-annotation-json.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pv-annotation.h"
#include "pv-error.h"

JsonNode *
pv_annotation_set_to_json (PvAnnotationSet *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  PvCrs *crs;

  g_return_val_if_fail (PV_IS_ANNOTATION_SET (self), NULL);

  crs = pv_annotation_set_get_crs (self);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "crs");
  if (crs != NULL)
    {
      g_autofree char *definition = pv_crs_dup_definition (crs);

      json_builder_add_string_value (builder, definition);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "annotations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pv_annotation_set_get_n_annotations (self); i++)
    {
      PvAnnotation *annotation = pv_annotation_set_get_annotation (self, i);
      PvAnnotationKind kind = pv_annotation_get_kind (annotation);
      PvAnnotationStyle style;
      const double *xy;
      guint n;
      g_autofree char *color = NULL;
      g_autofree char *fill = NULL;

      pv_annotation_get_style (annotation, &style);
      color = pv_annotation_color_to_string (style.color);
      fill = pv_annotation_color_to_string (style.fill);
      xy = pv_annotation_get_points (annotation, &n);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, pv_annotation_kind_to_string (kind));
      json_builder_set_member_name (builder, "points");
      json_builder_begin_array (builder);
      for (guint j = 0; j < n; j++)
        {
          json_builder_begin_array (builder);
          json_builder_add_double_value (builder, xy[2 * j]);
          json_builder_add_double_value (builder, xy[2 * j + 1]);
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, pv_annotation_get_text (annotation) ? pv_annotation_get_text (annotation) : "");
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, color);
      json_builder_set_member_name (builder, "fill");
      json_builder_add_string_value (builder, fill);
      json_builder_set_member_name (builder, "width_mm");
      json_builder_add_double_value (builder, style.width_mm);
      json_builder_set_member_name (builder, "font_pt");
      json_builder_add_double_value (builder, style.font_pt);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, pv_annotation_get_number (annotation));
      json_builder_set_member_name (builder, "closed");
      json_builder_add_boolean_value (builder, pv_annotation_get_closed (annotation));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
invalid (GError    **error,
         guint       index,
         const char *what)
{
  g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
               /* translators: the first is the number of the annotation, the second what is wrong */
               _("Annotation %u of the project is invalid: %s"), index + 1, what);
  return FALSE;
}

static gboolean
get_number (JsonObject *object,
            const char *member,
            double     *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *value = json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *value = json_node_get_double (node);
      return isfinite (*value);
    default:
      return FALSE;
    }
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
read_annotation (JsonNode         *node,
                 guint             index,
                 PvAnnotationSet  *set,
                 GError          **error)
{
  g_autoptr(PvAnnotation) annotation = NULL;
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  PvAnnotationStyle style;
  PvAnnotationKind kind;
  JsonObject *object;
  JsonArray *points;
  JsonNode *member;
  const char *text;
  double value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, index, _("not an object"));
  object = json_node_get_object (node);
  if (!pv_annotation_kind_from_string (get_string (object, "kind"), &kind))
    return invalid (error, index, _("unknown kind"));
  annotation = pv_annotation_new (kind);

  member = json_object_get_member (object, "points");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return invalid (error, index, _("no points"));
  points = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      JsonNode *point = json_array_get_element (points, i);
      JsonArray *pair;
      double p[2];

      if (!JSON_NODE_HOLDS_ARRAY (point) || json_array_get_length (pair = json_node_get_array (point)) != 2)
        return invalid (error, index, _("a point is not a pair of numbers"));
      for (guint j = 0; j < 2; j++)
        {
          JsonNode *c = json_array_get_element (pair, j);

          if (!JSON_NODE_HOLDS_VALUE (c) ||
              (json_node_get_value_type (c) != G_TYPE_DOUBLE && json_node_get_value_type (c) != G_TYPE_INT64))
            return invalid (error, index, _("a point is not a pair of numbers"));
          p[j] = json_node_get_double (c);
          if (!isfinite (p[j]))
            return invalid (error, index, _("a point is not a pair of numbers"));
        }
      g_array_append_vals (xy, p, 2);
    }

  pv_annotation_set_closed (annotation, json_object_get_boolean_member_with_default (object, "closed", FALSE));
  pv_annotation_set_points (annotation, (const double *) xy->data, xy->len / 2);
  if (!pv_annotation_is_complete (annotation))
    return invalid (error, index, _("too few points for its kind"));

  text = get_string (object, "text");
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    return invalid (error, index, _("the text is not UTF-8"));
  pv_annotation_set_text (annotation, text);

  pv_annotation_style_init (&style, kind);
  if (get_string (object, "color") != NULL && !pv_annotation_color_from_string (get_string (object, "color"), style.color))
    return invalid (error, index, _("bad colour"));
  if (get_string (object, "fill") != NULL && !pv_annotation_color_from_string (get_string (object, "fill"), style.fill))
    return invalid (error, index, _("bad colour"));
  if (get_number (object, "width_mm", &value))
    style.width_mm = value;
  if (get_number (object, "font_pt", &value))
    style.font_pt = value;
  pv_annotation_set_style (annotation, &style);
  if (get_number (object, "number", &value))
    pv_annotation_set_number (annotation, (int) CLAMP (value, 0, G_MAXINT));

  pv_annotation_set_add (set, annotation);
  return TRUE;
}

PvAnnotationSet *
pv_annotation_set_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(PvAnnotationSet) set = NULL;
  g_autoptr(PvCrs) crs = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *definition;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("The annotations of the project are not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  definition = get_string (object, "crs");
  if (definition != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      crs = pv_crs_new_from_user_input (definition, &local_error);
      if (crs == NULL)
        {
          g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                       _("The coordinate reference system of the annotations is invalid: %s"),
                       local_error->message);
          return NULL;
        }
    }
  set = pv_annotation_set_new (crs);

  member = json_object_get_member (object, "annotations");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                       _("The annotations of the project are not a JSON array"));
          return NULL;
        }
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!read_annotation (json_array_get_element (array, i), i, set, error))
          return NULL;
    }
  return g_steal_pointer (&set);
}
