/* pv-print-layout.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pv-error.h"
#include "pv-print-layout.h"

G_DEFINE_ENUM_TYPE (PvPaper, pv_paper,
                    G_DEFINE_ENUM_VALUE (PV_PAPER_A4, "A4"),
                    G_DEFINE_ENUM_VALUE (PV_PAPER_A3, "A3"),
                    G_DEFINE_ENUM_VALUE (PV_PAPER_A2, "A2"),
                    G_DEFINE_ENUM_VALUE (PV_PAPER_A1, "A1"),
                    G_DEFINE_ENUM_VALUE (PV_PAPER_A0, "A0"),
                    G_DEFINE_ENUM_VALUE (PV_PAPER_CUSTOM, "custom"))

gboolean
pv_paper_get_size (PvPaper  paper,
                   double  *width_mm,
                   double  *height_mm)
{
  /* ISO 216: A0 is 841 × 1189 mm; each next size halves the longer side,
   * rounded down to the millimetre. */
  static const double sizes[][2] = {
    [PV_PAPER_A4] = { 210, 297 },
    [PV_PAPER_A3] = { 297, 420 },
    [PV_PAPER_A2] = { 420, 594 },
    [PV_PAPER_A1] = { 594, 841 },
    [PV_PAPER_A0] = { 841, 1189 },
  };

  if ((guint) paper >= G_N_ELEMENTS (sizes))
    return FALSE;
  *width_mm = sizes[paper][0];
  *height_mm = sizes[paper][1];
  return TRUE;
}

static gboolean
page_side_is_valid (double mm)
{
  return isfinite (mm) && mm >= PV_EXPORT_MIN_PAGE_MM && mm <= PV_EXPORT_MAX_PAGE_MM;
}

gboolean
pv_paper_parse (const char *text,
                PvPaper    *paper,
                double     *width_mm,
                double     *height_mm)
{
  static const char *names[] = { "A4", "A3", "A2", "A1", "A0" };
  g_autofree char *lower = NULL;
  g_auto(GStrv) parts = NULL;
  char *end;
  double w, h;

  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_ascii_strcasecmp (text, names[i]) == 0)
        {
          *paper = (PvPaper) i;
          return pv_paper_get_size (*paper, width_mm, height_mm);
        }
    }

  lower = g_ascii_strdown (text, -1);
  if (g_str_has_suffix (lower, "mm"))
    lower[strlen (lower) - 2] = '\0';
  parts = g_strsplit (lower, "x", -1);
  if (g_strv_length (parts) != 2 || *parts[0] == '\0' || *parts[1] == '\0')
    return FALSE;
  w = g_ascii_strtod (parts[0], &end);
  if (*end != '\0')
    return FALSE;
  h = g_ascii_strtod (parts[1], &end);
  if (*end != '\0')
    return FALSE;
  if (!page_side_is_valid (w) || !page_side_is_valid (h))
    return FALSE;
  *paper = PV_PAPER_CUSTOM;
  *width_mm = w;
  *height_mm = h;
  return TRUE;
}

char *
pv_paper_dup_label (PvPaper paper,
                    double  width_mm,
                    double  height_mm)
{
  if (paper != PV_PAPER_CUSTOM)
    return g_strdup (g_enum_get_value (g_type_class_peek (PV_TYPE_PAPER), paper)->value_nick);
  /* TRANSLATORS: a custom paper size, width × height */
  return g_strdup_printf (_("%g × %g mm"), width_mm, height_mm);
}

/* PvPrintLayout: every setting lives in a table (name, kind, offset,
 * default), so properties, copies, comparisons and JSON stay in step. */

typedef enum
{
  SETTING_STRING,
  SETTING_DOUBLE,
  SETTING_BOOLEAN,
  SETTING_PAPER,
} SettingKind;

struct _PvPrintLayout
{
  GObject parent_instance;

  char    *name;
  char    *title;
  char    *subtitle;
  char    *organisation;
  char    *author;
  char    *date;
  char    *notes;
  char    *attribution;
  char    *logo_path;
  PvPaper  paper;
  double   width_mm;
  double   height_mm;
  double   margin_mm;
  double   dpi;
  double   scale;
  double   grid_interval;
  gboolean landscape;
  gboolean show_legend;
  gboolean show_scale_bar;
  gboolean show_north_arrow;
  gboolean show_grid;
  gboolean show_graticule;
  gboolean show_landuse_table;
};

typedef struct
{
  const char  *name;       /* property name; the JSON member has '_' for '-' */
  SettingKind  kind;
  gsize        offset;
  double       minimum;    /* doubles */
  double       maximum;
  double       fallback;   /* doubles, booleans and the paper */
} Setting;

#define S(n, f)                 { n, SETTING_STRING, G_STRUCT_OFFSET (PvPrintLayout, f), 0, 0, 0 }
#define D(n, f, lo, hi, def)    { n, SETTING_DOUBLE, G_STRUCT_OFFSET (PvPrintLayout, f), lo, hi, def }
#define B(n, f, def)            { n, SETTING_BOOLEAN, G_STRUCT_OFFSET (PvPrintLayout, f), 0, 1, def }

static const Setting settings[] = {
  S ("name", name),
  { "paper", SETTING_PAPER, G_STRUCT_OFFSET (PvPrintLayout, paper), 0, PV_PAPER_CUSTOM, PV_PAPER_A4 },
  D ("width-mm", width_mm, PV_EXPORT_MIN_PAGE_MM, PV_EXPORT_MAX_PAGE_MM, 210),
  D ("height-mm", height_mm, PV_EXPORT_MIN_PAGE_MM, PV_EXPORT_MAX_PAGE_MM, 297),
  B ("landscape", landscape, FALSE),
  D ("margin-mm", margin_mm, 0, PV_EXPORT_MAX_PAGE_MM / 2, 10),
  D ("dpi", dpi, PV_EXPORT_MIN_DPI, PV_EXPORT_MAX_DPI, 300),
  /* 0 (fitted) or PV_EXPORT_MIN_SCALE … PV_EXPORT_MAX_SCALE */
  D ("scale", scale, 0, PV_EXPORT_MAX_SCALE, 0),
  S ("title", title),
  S ("subtitle", subtitle),
  S ("organisation", organisation),
  S ("author", author),
  S ("date", date),
  S ("notes", notes),
  S ("attribution", attribution),
  S ("logo-path", logo_path),
  B ("show-legend", show_legend, TRUE),
  B ("show-scale-bar", show_scale_bar, TRUE),
  B ("show-north-arrow", show_north_arrow, TRUE),
  B ("show-grid", show_grid, FALSE),
  B ("show-graticule", show_graticule, FALSE),
  B ("show-landuse-table", show_landuse_table, FALSE),
  D ("grid-interval", grid_interval, 0, 1e9, 0),
};

#undef S
#undef D
#undef B

static GParamSpec *properties[G_N_ELEMENTS (settings) + 1];

G_DEFINE_FINAL_TYPE (PvPrintLayout, pv_print_layout, G_TYPE_OBJECT)

#define FIELD(self, setting, type) (*(type *) ((guint8 *) (self) + (setting)->offset))

static const Setting *
find_setting (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (strcmp (settings[i].name, name) == 0)
      return &settings[i];
  return NULL;
}

static void
pv_print_layout_finalize (GObject *object)
{
  PvPrintLayout *self = PV_PRINT_LAYOUT (object);

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (settings[i].kind == SETTING_STRING)
      g_free (FIELD (self, &settings[i], char *));

  G_OBJECT_CLASS (pv_print_layout_parent_class)->finalize (object);
}

static void
pv_print_layout_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PvPrintLayout *self = PV_PRINT_LAYOUT (object);
  const Setting *setting;

  if (prop_id == 0 || prop_id > G_N_ELEMENTS (settings))
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  setting = &settings[prop_id - 1];
  switch (setting->kind)
    {
    case SETTING_STRING:
      g_value_set_string (value, FIELD (self, setting, char *));
      break;
    case SETTING_DOUBLE:
      g_value_set_double (value, FIELD (self, setting, double));
      break;
    case SETTING_BOOLEAN:
      g_value_set_boolean (value, FIELD (self, setting, gboolean));
      break;
    case SETTING_PAPER:
      g_value_set_enum (value, FIELD (self, setting, PvPaper));
      break;
    }
}

static void
pv_print_layout_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PvPrintLayout *self = PV_PRINT_LAYOUT (object);
  const Setting *setting;
  gboolean changed = FALSE;

  if (prop_id == 0 || prop_id > G_N_ELEMENTS (settings))
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  setting = &settings[prop_id - 1];
  switch (setting->kind)
    {
    case SETTING_STRING:
      {
        const char *text = g_value_get_string (value);

        if (text == NULL)
          text = "";
        if (g_strcmp0 (FIELD (self, setting, char *), text) != 0)
          {
            g_free (FIELD (self, setting, char *));
            FIELD (self, setting, char *) = g_strdup (text);
            changed = TRUE;
          }
      }
      break;
    case SETTING_DOUBLE:
      changed = FIELD (self, setting, double) != g_value_get_double (value);
      FIELD (self, setting, double) = g_value_get_double (value);
      break;
    case SETTING_BOOLEAN:
      changed = FIELD (self, setting, gboolean) != g_value_get_boolean (value);
      FIELD (self, setting, gboolean) = g_value_get_boolean (value);
      break;
    case SETTING_PAPER:
      changed = FIELD (self, setting, PvPaper) != (PvPaper) g_value_get_enum (value);
      FIELD (self, setting, PvPaper) = g_value_get_enum (value);
      if (changed && self->paper != PV_PAPER_CUSTOM)
        {
          /* The custom size starts from the last paper chosen. */
          pv_paper_get_size (self->paper, &self->width_mm, &self->height_mm);
          g_object_notify (object, "width-mm");
          g_object_notify (object, "height-mm");
        }
      break;
    }
  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
pv_print_layout_class_init (PvPrintLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pv_print_layout_finalize;
  object_class->get_property = pv_print_layout_get_property;
  object_class->set_property = pv_print_layout_set_property;

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      const Setting *s = &settings[i];

      switch (s->kind)
        {
        case SETTING_STRING:
          properties[i + 1] = g_param_spec_string (s->name, NULL, NULL, "", flags);
          break;
        case SETTING_DOUBLE:
          properties[i + 1] = g_param_spec_double (s->name, NULL, NULL, s->minimum, s->maximum,
                                                   s->fallback, flags);
          break;
        case SETTING_BOOLEAN:
          properties[i + 1] = g_param_spec_boolean (s->name, NULL, NULL, s->fallback != 0, flags);
          break;
        case SETTING_PAPER:
          properties[i + 1] = g_param_spec_enum (s->name, NULL, NULL, PV_TYPE_PAPER,
                                                 (int) s->fallback, flags);
          break;
        }
    }
  g_object_class_install_properties (object_class, G_N_ELEMENTS (properties), properties);
}

static void
pv_print_layout_init (PvPrintLayout *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      const Setting *s = &settings[i];

      switch (s->kind)
        {
        case SETTING_STRING:
          FIELD (self, s, char *) = g_strdup ("");
          break;
        case SETTING_DOUBLE:
          FIELD (self, s, double) = s->fallback;
          break;
        case SETTING_BOOLEAN:
          FIELD (self, s, gboolean) = s->fallback != 0;
          break;
        case SETTING_PAPER:
          FIELD (self, s, PvPaper) = (PvPaper) s->fallback;
          break;
        }
    }
}

PvPrintLayout *
pv_print_layout_new (void)
{
  return g_object_new (PV_TYPE_PRINT_LAYOUT, NULL);
}

void
pv_print_layout_assign (PvPrintLayout *self,
                        PvPrintLayout *other)
{
  g_return_if_fail (PV_IS_PRINT_LAYOUT (self));
  g_return_if_fail (PV_IS_PRINT_LAYOUT (other));

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, properties[i + 1]->value_type);
      g_object_get_property (G_OBJECT (other), settings[i].name, &value);
      g_object_set_property (G_OBJECT (self), settings[i].name, &value);
    }
  /* The paper's own size overwrote a custom one set before it. */
  self->width_mm = other->width_mm;
  self->height_mm = other->height_mm;
  g_object_thaw_notify (G_OBJECT (self));
}

PvPrintLayout *
pv_print_layout_copy (PvPrintLayout *self)
{
  PvPrintLayout *copy;

  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (self), NULL);

  copy = pv_print_layout_new ();
  pv_print_layout_assign (copy, self);
  return copy;
}

gboolean
pv_print_layout_equal (PvPrintLayout *a,
                       PvPrintLayout *b)
{
  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (a), FALSE);
  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (b), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      const Setting *s = &settings[i];
      gboolean same = FALSE;

      switch (s->kind)
        {
        case SETTING_STRING:
          same = g_strcmp0 (FIELD (a, s, char *), FIELD (b, s, char *)) == 0;
          break;
        case SETTING_DOUBLE:
          same = FIELD (a, s, double) == FIELD (b, s, double);
          break;
        case SETTING_BOOLEAN:
          same = !FIELD (a, s, gboolean) == !FIELD (b, s, gboolean);
          break;
        case SETTING_PAPER:
          same = FIELD (a, s, PvPaper) == FIELD (b, s, PvPaper);
          break;
        }
      if (!same)
        return FALSE;
    }
  return TRUE;
}

static char *
json_member_name (const Setting *s)
{
  return g_strdelimit (g_strdup (s->name), "-", '_');
}

JsonNode *
pv_print_layout_to_json (PvPrintLayout *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (self), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      const Setting *s = &settings[i];
      g_autofree char *member = json_member_name (s);

      /* A paper's own size is implied by its name. */
      if ((s->offset == G_STRUCT_OFFSET (PvPrintLayout, width_mm) ||
           s->offset == G_STRUCT_OFFSET (PvPrintLayout, height_mm)) && self->paper != PV_PAPER_CUSTOM)
        continue;
      json_builder_set_member_name (builder, member);
      switch (s->kind)
        {
        case SETTING_STRING:
          json_builder_add_string_value (builder, FIELD (self, s, char *));
          break;
        case SETTING_DOUBLE:
          json_builder_add_double_value (builder, FIELD (self, s, double));
          break;
        case SETTING_BOOLEAN:
          json_builder_add_boolean_value (builder, FIELD (self, s, gboolean));
          break;
        case SETTING_PAPER:
          json_builder_add_string_value (builder, g_enum_get_value (g_type_class_peek (PV_TYPE_PAPER),
                                                                    self->paper)->value_nick);
          break;
        }
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

PvPrintLayout *
pv_print_layout_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(PvPrintLayout) self = pv_print_layout_new ();
  JsonObject *object;
  /* The size of a custom paper is applied after "paper" (which resets it). */
  double custom[2] = { NAN, NAN };

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                           _("a print layout is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      const Setting *s = &settings[i];
      g_autofree char *member = json_member_name (s);
      JsonNode *value = json_object_get_member (object, member);
      GType type = value != NULL && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;

      if (value == NULL)
        continue;
      switch (s->kind)
        {
        case SETTING_STRING:
          if (type != G_TYPE_STRING)
            goto wrong;
          g_object_set (self, s->name, json_node_get_string (value), NULL);
          break;
        case SETTING_DOUBLE:
          {
            double d;

            if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
              goto wrong;
            d = json_node_get_double (value);
            if (!isfinite (d) || d < s->minimum || d > s->maximum)
              goto wrong;
            if (s->offset == G_STRUCT_OFFSET (PvPrintLayout, width_mm))
              custom[0] = d;
            else if (s->offset == G_STRUCT_OFFSET (PvPrintLayout, height_mm))
              custom[1] = d;
            else
              g_object_set (self, s->name, d, NULL);
          }
          break;
        case SETTING_BOOLEAN:
          if (type != G_TYPE_BOOLEAN)
            goto wrong;
          g_object_set (self, s->name, json_node_get_boolean (value), NULL);
          break;
        case SETTING_PAPER:
          {
            GEnumValue *paper;

            if (type != G_TYPE_STRING)
              goto wrong;
            paper = g_enum_get_value_by_nick (g_type_class_peek (PV_TYPE_PAPER), json_node_get_string (value));
            if (paper == NULL)
              goto wrong;
            g_object_set (self, "paper", paper->value, NULL);
          }
          break;
        }
      continue;

    wrong:
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("the print layout setting “%s” has a wrong value"), member);
      return NULL;
    }

  if (self->paper == PV_PAPER_CUSTOM)
    {
      if (!isnan (custom[0]))
        self->width_mm = custom[0];
      if (!isnan (custom[1]))
        self->height_mm = custom[1];
    }
  return g_steal_pointer (&self);
}

const char *
pv_print_layout_get_name (PvPrintLayout *self)
{
  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (self), NULL);
  return self->name;
}

PvPaper
pv_print_layout_get_paper (PvPrintLayout *self)
{
  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (self), PV_PAPER_A4);
  return self->paper;
}

void
pv_print_layout_get_page_size_mm (PvPrintLayout *self,
                                  double        *width_mm,
                                  double        *height_mm)
{
  double shorter, longer;

  g_return_if_fail (PV_IS_PRINT_LAYOUT (self));

  shorter = MIN (self->width_mm, self->height_mm);
  longer = MAX (self->width_mm, self->height_mm);
  *width_mm = self->landscape ? longer : shorter;
  *height_mm = self->landscape ? shorter : longer;
}

gboolean
pv_print_layout_get_landscape (PvPrintLayout *self)
{
  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (self), FALSE);
  return self->landscape;
}

double
pv_print_layout_get_margin_mm (PvPrintLayout *self)
{
  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (self), 0);
  return self->margin_mm;
}

double
pv_print_layout_get_dpi (PvPrintLayout *self)
{
  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (self), 300);
  return self->dpi;
}

double
pv_print_layout_get_scale (PvPrintLayout *self)
{
  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (self), 0);
  return self->scale;
}

double
pv_print_layout_get_grid_interval (PvPrintLayout *self)
{
  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (self), 0);
  return self->grid_interval;
}

const char *
pv_print_layout_get_text (PvPrintLayout *self,
                          const char    *property)
{
  const Setting *s;

  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (self), "");
  s = find_setting (property);
  g_return_val_if_fail (s != NULL && s->kind == SETTING_STRING, "");
  return FIELD (self, s, char *);
}

gboolean
pv_print_layout_get_flag (PvPrintLayout *self,
                          const char    *property)
{
  const Setting *s;

  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (self), FALSE);
  s = find_setting (property);
  g_return_val_if_fail (s != NULL && s->kind == SETTING_BOOLEAN, FALSE);
  return FIELD (self, s, gboolean);
}

gboolean
pv_print_layout_validate (PvPrintLayout  *self,
                          GError        **error)
{
  g_return_val_if_fail (PV_IS_PRINT_LAYOUT (self), FALSE);

  if (!page_side_is_valid (self->width_mm) || !page_side_is_valid (self->height_mm))
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("The paper size %g × %g mm is outside %g to %g mm per side"),
                   self->width_mm, self->height_mm, PV_EXPORT_MIN_PAGE_MM, PV_EXPORT_MAX_PAGE_MM);
      return FALSE;
    }
  if (!isfinite (self->dpi) || self->dpi < PV_EXPORT_MIN_DPI || self->dpi > PV_EXPORT_MAX_DPI)
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("The resolution %g dpi is outside %g to %g dpi"),
                   self->dpi, PV_EXPORT_MIN_DPI, PV_EXPORT_MAX_DPI);
      return FALSE;
    }
  if (!isfinite (self->margin_mm) || self->margin_mm < 0 ||
      2 * self->margin_mm >= MIN (self->width_mm, self->height_mm))
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("The margin of %g mm leaves no room on a %g × %g mm page"),
                   self->margin_mm, self->width_mm, self->height_mm);
      return FALSE;
    }
  if (self->scale != 0 &&
      (!isfinite (self->scale) || self->scale < PV_EXPORT_MIN_SCALE || self->scale > PV_EXPORT_MAX_SCALE))
    {
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("The scale 1:%g is outside 1:%g to 1:%g"),
                   self->scale, PV_EXPORT_MIN_SCALE, PV_EXPORT_MAX_SCALE);
      return FALSE;
    }
  return TRUE;
}
