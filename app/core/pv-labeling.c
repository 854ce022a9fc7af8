/* pv-labeling.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pv-error.h"
#include "pv-labeling.h"

#define DEFAULT_FAMILY "Noto Sans"
#define DEFAULT_SIZE 9.0
#define DEFAULT_HALO_MM 0.7
#define DEFAULT_PRIORITY 5
#define DEFAULT_POINT_OFFSET_MM 1.5

/* A template, parsed: literal text and field references in turn. */
typedef struct
{
  char *literal; /* NULL for a field */
  guint field;   /* index into fields */
} Segment;

struct _PvLabeling
{
  GObject    parent_instance;

  char      *text;
  GArray    *segments; /* Segment */
  GPtrArray *fields;   /* char*, unique, in order of first use */

  char      *family;
  double     size;
  gboolean   bold;
  double     color[4];
  double     halo[4];
  double     halo_width;
  int        priority;
  double     min_scale;
  double     max_scale;
  double     point_offset;
};

G_DEFINE_FINAL_TYPE (PvLabeling, pv_labeling, G_TYPE_OBJECT)

static void
segment_clear (Segment *segment)
{
  g_clear_pointer (&segment->literal, g_free);
}

static void
pv_labeling_finalize (GObject *object)
{
  PvLabeling *self = PV_LABELING (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->family, g_free);

  G_OBJECT_CLASS (pv_labeling_parent_class)->finalize (object);
}

static void
pv_labeling_class_init (PvLabelingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pv_labeling_finalize;
}

static void
pv_labeling_init (PvLabeling *self)
{
  self->segments = g_array_new (FALSE, TRUE, sizeof (Segment));
  g_array_set_clear_func (self->segments, (GDestroyNotify) segment_clear);
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->family = g_strdup (DEFAULT_FAMILY);
  self->size = DEFAULT_SIZE;
  self->color[0] = self->color[1] = self->color[2] = 0.1;
  self->color[3] = 1.0;
  self->halo[0] = self->halo[1] = self->halo[2] = self->halo[3] = 1.0;
  self->halo_width = DEFAULT_HALO_MM;
  self->priority = DEFAULT_PRIORITY;
  self->point_offset = DEFAULT_POINT_OFFSET_MM;
}

static guint
add_field (PvLabeling *self,
           const char *name,
           gsize       length)
{
  g_autofree char *field = g_strstrip (g_strndup (name, length));

  for (guint i = 0; i < self->fields->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->fields, i), field) == 0)
      return i;
  g_ptr_array_add (self->fields, g_steal_pointer (&field));
  return self->fields->len - 1;
}

static void
add_literal (PvLabeling *self,
             GString    *literal)
{
  Segment segment = { 0 };

  if (literal->len == 0)
    return;
  segment.literal = g_strndup (literal->str, literal->len);
  g_array_append_val (self->segments, segment);
  g_string_truncate (literal, 0);
}

/* A text without braces names one field; otherwise "{field}" are fields,
 * "{{" and "}}" literal braces, and an unclosed brace is literal text. */
static void
parse_text (PvLabeling *self)
{
  g_autoptr(GString) literal = g_string_new (NULL);
  const char *p = self->text;

  if (strchr (p, '{') == NULL && strchr (p, '}') == NULL)
    {
      g_autofree char *name = g_strstrip (g_strdup (p));
      Segment segment = { NULL, 0 };

      if (*name == '\0')
        return;
      segment.field = add_field (self, p, strlen (p));
      g_array_append_val (self->segments, segment);
      return;
    }
  while (*p != '\0')
    {
      const char *close;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          g_string_append_c (literal, p[0]);
          p += 2;
          continue;
        }
      if (p[0] == '{' && (close = strchr (p + 1, '}')) != NULL && close > p + 1)
        {
          Segment segment = { NULL, 0 };

          add_literal (self, literal);
          segment.field = add_field (self, p + 1, close - p - 1);
          g_array_append_val (self->segments, segment);
          p = close + 1;
          continue;
        }
      g_string_append_c (literal, *p);
      p++;
    }
  add_literal (self, literal);
}

PvLabeling *
pv_labeling_new (const char *text)
{
  PvLabeling *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (PV_TYPE_LABELING, NULL);
  self->text = g_strdup (text);
  parse_text (self);
  return self;
}

PvLabeling *
pv_labeling_copy (PvLabeling *self)
{
  PvLabeling *copy;

  g_return_val_if_fail (PV_IS_LABELING (self), NULL);

  copy = pv_labeling_new (self->text);
  g_free (copy->family);
  copy->family = g_strdup (self->family);
  copy->size = self->size;
  copy->bold = self->bold;
  memcpy (copy->color, self->color, sizeof self->color);
  memcpy (copy->halo, self->halo, sizeof self->halo);
  copy->halo_width = self->halo_width;
  copy->priority = self->priority;
  copy->min_scale = self->min_scale;
  copy->max_scale = self->max_scale;
  copy->point_offset = self->point_offset;
  return copy;
}

const char *
pv_labeling_get_text (PvLabeling *self)
{
  g_return_val_if_fail (PV_IS_LABELING (self), NULL);

  return self->text;
}

GStrv
pv_labeling_dup_fields (PvLabeling *self)
{
  GStrv fields;

  g_return_val_if_fail (PV_IS_LABELING (self), NULL);

  fields = g_new0 (char *, self->fields->len + 1);
  for (guint i = 0; i < self->fields->len; i++)
    fields[i] = g_strdup (g_ptr_array_index (self->fields, i));
  return fields;
}

/* Missing values are empty; a label whose fields are all empty is empty
 * (no "–" alone), and the result is trimmed. */
char *
pv_labeling_expand (PvLabeling         *self,
                    const char * const *values)
{
  g_autoptr(GString) result = g_string_new (NULL);
  gboolean any = FALSE;

  g_return_val_if_fail (PV_IS_LABELING (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    if (values != NULL && values[i] != NULL && *values[i] != '\0')
      any = TRUE;
  if (!any && self->fields->len > 0)
    return g_strdup ("");
  for (guint i = 0; i < self->segments->len; i++)
    {
      const Segment *segment = &g_array_index (self->segments, Segment, i);

      if (segment->literal != NULL)
        g_string_append (result, segment->literal);
      else if (values != NULL && values[segment->field] != NULL)
        g_string_append (result, values[segment->field]);
    }
  return g_strstrip (g_string_free (g_steal_pointer (&result), FALSE));
}

const char *
pv_labeling_get_font_family (PvLabeling *self)
{
  g_return_val_if_fail (PV_IS_LABELING (self), NULL);

  return self->family;
}

void
pv_labeling_set_font_family (PvLabeling *self,
                             const char *family)
{
  g_return_if_fail (PV_IS_LABELING (self));

  g_free (self->family);
  self->family = g_strdup (family != NULL && *family != '\0' ? family : DEFAULT_FAMILY);
}

double
pv_labeling_get_size (PvLabeling *self)
{
  g_return_val_if_fail (PV_IS_LABELING (self), DEFAULT_SIZE);

  return self->size;
}

void
pv_labeling_set_size (PvLabeling *self,
                      double      size_pt)
{
  g_return_if_fail (PV_IS_LABELING (self));

  self->size = isfinite (size_pt) ? CLAMP (size_pt, 1.0, 200.0) : DEFAULT_SIZE;
}

gboolean
pv_labeling_get_bold (PvLabeling *self)
{
  g_return_val_if_fail (PV_IS_LABELING (self), FALSE);

  return self->bold;
}

void
pv_labeling_set_bold (PvLabeling *self,
                      gboolean    bold)
{
  g_return_if_fail (PV_IS_LABELING (self));

  self->bold = !!bold;
}

void
pv_labeling_get_color (PvLabeling *self,
                       double     *rgba)
{
  g_return_if_fail (PV_IS_LABELING (self));

  memcpy (rgba, self->color, sizeof self->color);
}

void
pv_labeling_set_color (PvLabeling   *self,
                       const double *rgba)
{
  g_return_if_fail (PV_IS_LABELING (self));

  for (guint i = 0; i < 4; i++)
    self->color[i] = CLAMP (rgba[i], 0.0, 1.0);
}

void
pv_labeling_get_halo (PvLabeling *self,
                      double     *rgba,
                      double     *width_mm)
{
  g_return_if_fail (PV_IS_LABELING (self));

  if (rgba != NULL)
    memcpy (rgba, self->halo, sizeof self->halo);
  if (width_mm != NULL)
    *width_mm = self->halo_width;
}

void
pv_labeling_set_halo (PvLabeling   *self,
                      const double *rgba,
                      double        width_mm)
{
  g_return_if_fail (PV_IS_LABELING (self));

  if (rgba != NULL)
    for (guint i = 0; i < 4; i++)
      self->halo[i] = CLAMP (rgba[i], 0.0, 1.0);
  self->halo_width = isfinite (width_mm) ? CLAMP (width_mm, 0.0, 10.0) : 0.0;
}

int
pv_labeling_get_priority (PvLabeling *self)
{
  g_return_val_if_fail (PV_IS_LABELING (self), DEFAULT_PRIORITY);

  return self->priority;
}

void
pv_labeling_set_priority (PvLabeling *self,
                          int         priority)
{
  g_return_if_fail (PV_IS_LABELING (self));

  self->priority = CLAMP (priority, 0, 10);
}

void
pv_labeling_get_scale_range (PvLabeling *self,
                             double     *min_scale,
                             double     *max_scale)
{
  g_return_if_fail (PV_IS_LABELING (self));

  if (min_scale != NULL)
    *min_scale = self->min_scale;
  if (max_scale != NULL)
    *max_scale = self->max_scale;
}

void
pv_labeling_set_scale_range (PvLabeling *self,
                             double      min_scale,
                             double      max_scale)
{
  g_return_if_fail (PV_IS_LABELING (self));

  self->min_scale = isfinite (min_scale) && min_scale > 0 ? min_scale : 0;
  self->max_scale = isfinite (max_scale) && max_scale > 0 ? max_scale : 0;
}

/* As pv_layer_is_visible_at_scale(): min_scale is the smallest denominator
 * (the most zoomed in), max_scale the largest. */
gboolean
pv_labeling_is_visible_at_scale (PvLabeling *self,
                                 double      scale)
{
  g_return_val_if_fail (PV_IS_LABELING (self), FALSE);

  if (self->min_scale > 0 && scale < self->min_scale)
    return FALSE;
  if (self->max_scale > 0 && scale > self->max_scale)
    return FALSE;
  return TRUE;
}

double
pv_labeling_get_point_offset (PvLabeling *self)
{
  g_return_val_if_fail (PV_IS_LABELING (self), DEFAULT_POINT_OFFSET_MM);

  return self->point_offset;
}

void
pv_labeling_set_point_offset (PvLabeling *self,
                              double      offset_mm)
{
  g_return_if_fail (PV_IS_LABELING (self));

  self->point_offset = isfinite (offset_mm) ? CLAMP (offset_mm, 0.0, 50.0) : DEFAULT_POINT_OFFSET_MM;
}

/* ---------------------------------------------------------------- JSON */

static char *
hex_rgba (const double *rgba)
{
  int c[4];

  for (guint i = 0; i < 4; i++)
    c[i] = (int) (CLAMP (rgba[i], 0, 1) * 255 + 0.5);
  if (c[3] == 255)
    return g_strdup_printf ("#%02x%02x%02x", c[0], c[1], c[2]);
  return g_strdup_printf ("#%02x%02x%02x%02x", c[0], c[1], c[2], c[3]);
}

static gboolean
parse_rgba (const char *text,
            double     *rgba)
{
  guint c[4] = { 0, 0, 0, 255 };
  gsize length = text ? strlen (text) : 0;

  if (length == 7 && sscanf (text, "#%02x%02x%02x", &c[0], &c[1], &c[2]) == 3)
    ;
  else if (length == 9 && sscanf (text, "#%02x%02x%02x%02x", &c[0], &c[1], &c[2], &c[3]) == 4)
    ;
  else
    return FALSE;
  for (guint i = 0; i < 4; i++)
    rgba[i] = c[i] / 255.0;
  return TRUE;
}

JsonNode *
pv_labeling_to_json (PvLabeling *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *color = NULL;
  g_autofree char *halo = NULL;

  g_return_val_if_fail (PV_IS_LABELING (self), NULL);

  color = hex_rgba (self->color);
  halo = hex_rgba (self->halo);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, self->text);
  json_builder_set_member_name (builder, "font");
  json_builder_add_string_value (builder, self->family);
  json_builder_set_member_name (builder, "size");
  json_builder_add_double_value (builder, self->size);
  json_builder_set_member_name (builder, "bold");
  json_builder_add_boolean_value (builder, self->bold);
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, color);
  json_builder_set_member_name (builder, "halo_color");
  json_builder_add_string_value (builder, halo);
  json_builder_set_member_name (builder, "halo_width_mm");
  json_builder_add_double_value (builder, self->halo_width);
  json_builder_set_member_name (builder, "priority");
  json_builder_add_int_value (builder, self->priority);
  json_builder_set_member_name (builder, "point_offset_mm");
  json_builder_add_double_value (builder, self->point_offset);
  if (self->min_scale > 0)
    {
      json_builder_set_member_name (builder, "min_scale");
      json_builder_add_double_value (builder, self->min_scale);
    }
  if (self->max_scale > 0)
    {
      json_builder_set_member_name (builder, "max_scale");
      json_builder_add_double_value (builder, self->max_scale);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
get_number (JsonObject *object,
            const char *member,
            double     *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value);
}

PvLabeling *
pv_labeling_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(PvLabeling) self = NULL;
  JsonObject *object;
  const char *text, *font, *color, *halo;
  double size = DEFAULT_SIZE, halo_width = DEFAULT_HALO_MM, priority = DEFAULT_PRIORITY;
  double offset = DEFAULT_POINT_OFFSET_MM, min_scale = 0, max_scale = 0;
  double rgba[4];
  JsonNode *bold;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto invalid;
  object = json_node_get_object (node);
  text = json_object_get_string_member_with_default (object, "text", NULL);
  if (text == NULL || *text == '\0')
    goto invalid;
  self = pv_labeling_new (text);
  if (self->fields->len == 0)
    goto invalid;
  font = json_object_get_string_member_with_default (object, "font", NULL);
  if (font != NULL)
    pv_labeling_set_font_family (self, font);
  if (!get_number (object, "size", &size) || size <= 0 ||
      !get_number (object, "halo_width_mm", &halo_width) || halo_width < 0 ||
      !get_number (object, "priority", &priority) ||
      !get_number (object, "point_offset_mm", &offset) ||
      !get_number (object, "min_scale", &min_scale) ||
      !get_number (object, "max_scale", &max_scale))
    goto invalid;
  pv_labeling_set_size (self, size);
  pv_labeling_set_priority (self, (int) lround (priority));
  pv_labeling_set_point_offset (self, offset);
  pv_labeling_set_scale_range (self, min_scale, max_scale);
  if ((bold = json_object_get_member (object, "bold")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (bold) || json_node_get_value_type (bold) != G_TYPE_BOOLEAN)
        goto invalid;
      self->bold = json_node_get_boolean (bold);
    }
  if ((color = json_object_get_string_member_with_default (object, "color", NULL)) != NULL)
    {
      if (!parse_rgba (color, rgba))
        goto invalid;
      pv_labeling_set_color (self, rgba);
    }
  if ((halo = json_object_get_string_member_with_default (object, "halo_color", NULL)) != NULL)
    {
      if (!parse_rgba (halo, rgba))
        goto invalid;
      pv_labeling_set_halo (self, rgba, halo_width);
    }
  else
    pv_labeling_set_halo (self, NULL, halo_width);
  return g_steal_pointer (&self);

invalid:
  g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
               _("The labels of a layer are not valid: they need a “text” naming a field, "
                 "and sizes and colours like “9” and “#1a1a1a”"));
  return NULL;
}
