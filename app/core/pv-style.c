/* pv-style.c
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
#include "pv-style.h"

#define PALETTE_RESOURCE_DIR PV_RESOURCE_PATH "/palettes/"

struct _PvStyle
{
  GObject      parent_instance;

  PvStyleKind  kind;
  char        *field;
  char        *palette_id;
  GArray      *classes;   /* PvStyleCategory; the "other" class, if any, is last */
  GArray      *breaks;    /* graduated: n_categories (without "other") + 1 limits */
  int          method;    /* graduated: the PvClassifyMethod of the breaks, or -1 */
  GHashTable  *index;     /* folded value → class index + 1 */
};

G_DEFINE_FINAL_TYPE (PvStyle, pv_style, G_TYPE_OBJECT)

static void
style_class_clear (PvStyleCategory *klass)
{
  g_clear_pointer (&klass->value, g_free);
  g_clear_pointer (&klass->label, g_free);
  g_clear_pointer (&klass->filter, g_free);
}

static void
pv_style_finalize (GObject *object)
{
  PvStyle *self = PV_STYLE (object);

  g_clear_pointer (&self->field, g_free);
  g_clear_pointer (&self->palette_id, g_free);
  g_clear_pointer (&self->classes, g_array_unref);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->breaks, g_array_unref);

  G_OBJECT_CLASS (pv_style_parent_class)->finalize (object);
}

static void
pv_style_class_init (PvStyleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pv_style_finalize;
}

static void
pv_style_init (PvStyle *self)
{
  self->classes = g_array_new (FALSE, TRUE, sizeof (PvStyleCategory));
  g_array_set_clear_func (self->classes, (GDestroyNotify) style_class_clear);
  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->method = -1;
}

/* Codes match whatever their case and surrounding blanks. */
static char *
fold_value (const char *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value));

  return g_utf8_casefold (trimmed, -1);
}

static void
darker (const double *rgb,
        double       *out)
{
  for (guint i = 0; i < 3; i++)
    out[i] = rgb[i] * 0.55;
  out[3] = 1.0;
}

double
pv_unit_to_pixels (double size,
                   PvUnit unit,
                   double dpi)
{
  switch (unit)
    {
    case PV_UNIT_MM:
      return size * dpi / 25.4;
    case PV_UNIT_PT:
      return size * dpi / 72.0;
    case PV_UNIT_PX:
    default:
      return size * dpi / 96.0;
    }
}

void
pv_style_category_init_symbol (PvStyleCategory *klass,
                               const double    *rgb)
{
  g_return_if_fail (klass != NULL && rgb != NULL);

  klass->fill[0] = rgb[0];
  klass->fill[1] = rgb[1];
  klass->fill[2] = rgb[2];
  klass->fill[3] = 1.0;
  darker (rgb, klass->outline);
  klass->unit = PV_UNIT_MM;
  klass->outline_width = 0.26;
  klass->outline_dash = PV_DASH_SOLID;
  klass->line_width = 0.4;
  klass->line_dash = PV_DASH_SOLID;
  memset (klass->casing, 0, sizeof klass->casing);
  klass->casing_width = 0;
  klass->hatch = PV_HATCH_NONE;
  memcpy (klass->hatch_color, klass->outline, sizeof klass->hatch_color);
  klass->hatch_spacing = 2.0;
  klass->hatch_width = 0.2;
  klass->marker = PV_MARKER_CIRCLE;
  klass->marker_size = 2.0;
}

void
pv_style_category_copy_symbol (PvStyleCategory       *dest,
                               const PvStyleCategory *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  memcpy (dest->fill, src->fill, sizeof dest->fill);
  memcpy (dest->outline, src->outline, sizeof dest->outline);
  dest->unit = src->unit;
  dest->outline_width = src->outline_width;
  dest->outline_dash = src->outline_dash;
  dest->line_width = src->line_width;
  dest->line_dash = src->line_dash;
  memcpy (dest->casing, src->casing, sizeof dest->casing);
  dest->casing_width = src->casing_width;
  dest->hatch = src->hatch;
  memcpy (dest->hatch_color, src->hatch_color, sizeof dest->hatch_color);
  dest->hatch_spacing = src->hatch_spacing;
  dest->hatch_width = src->hatch_width;
  dest->marker = src->marker;
  dest->marker_size = src->marker_size;
}

static void
add_class (PvStyle      *self,
           const char   *value,
           const char   *label,
           const double *rgb,
           gboolean      confirmed,
           gboolean      other)
{
  PvStyleCategory klass = { 0 };

  klass.value = g_strdup (value);
  klass.label = g_strdup (label ? label : value);
  pv_style_category_init_symbol (&klass, rgb);
  /* Unknown values must stand out: a diagonal hatch over the fill. */
  if (other)
    klass.hatch = PV_HATCH_FORWARD_DIAGONAL;
  klass.confirmed = confirmed;
  klass.other = other;
  g_array_append_val (self->classes, klass);
  if (value != NULL && !other)
    {
      char *key = fold_value (value);

      if (!g_hash_table_contains (self->index, key))
        g_hash_table_insert (self->index, key, GUINT_TO_POINTER (self->classes->len));
      else
        g_free (key);
    }
}

static gboolean
parse_hex_color (const char *text,
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

PvStyle *
pv_style_new_single (const double *rgb)
{
  PvStyle *self = g_object_new (PV_TYPE_STYLE, NULL);

  self->kind = PV_STYLE_SINGLE;
  add_class (self, NULL, NULL, rgb, TRUE, FALSE);
  return self;
}

/* ---------------------------------------------------------------- palettes */

static JsonObject *
load_palette (const char  *palette_id,
              GError     **error)
{
  static GMutex mutex;
  static GHashTable *palettes;
  JsonObject *palette;

  g_mutex_lock (&mutex);
  if (palettes == NULL)
    palettes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  palette = g_hash_table_lookup (palettes, palette_id);
  if (palette == NULL)
    {
      g_autofree char *path = g_strconcat (PALETTE_RESOURCE_DIR, palette_id, ".json", NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (bytes == NULL ||
          !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
          !JSON_NODE_HOLDS_OBJECT ((root = json_parser_get_root (parser))))
        {
          g_mutex_unlock (&mutex);
          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND,
                       _("There is no palette “%s”"), palette_id);
          return NULL;
        }
      palette = json_object_ref (json_node_get_object (root));
      g_hash_table_insert (palettes, g_strdup (palette_id), palette);
    }
  g_mutex_unlock (&mutex);
  return palette;
}

PvStyle *
pv_style_new_from_palette (const char  *palette_id,
                           const char  *field,
                           GError     **error)
{
  g_autoptr(PvStyle) self = NULL;
  JsonObject *palette;
  JsonArray *classes;
  JsonObject *other;
  double rgb[3] = { 0.74, 0.74, 0.74 };

  g_return_val_if_fail (palette_id != NULL && field != NULL, NULL);

  if (!(palette = load_palette (palette_id, error)))
    return NULL;

  self = g_object_new (PV_TYPE_STYLE, NULL);
  self->kind = PV_STYLE_CATEGORIZED;
  self->field = g_strdup (field);
  self->palette_id = g_strdup (palette_id);

  classes = json_object_has_member (palette, "classes") ? json_object_get_array_member (palette, "classes") : NULL;
  for (guint i = 0; classes != NULL && i < json_array_get_length (classes); i++)
    {
      JsonObject *entry = json_array_get_object_element (classes, i);
      const char *code = json_object_get_string_member_with_default (entry, "code", NULL);
      const char *name = json_object_get_string_member_with_default (entry, "name", NULL);
      g_autofree char *label = NULL;

      if (code == NULL || !parse_hex_color (json_object_get_string_member_with_default (entry, "color", NULL), rgb))
        continue;
      label = name ? g_strdup_printf ("%s – %s", code, name) : g_strdup (code);
      add_class (self, code, label, rgb,
                 json_object_get_boolean_member_with_default (entry, "confirmed", FALSE), FALSE);
    }

  other = json_object_has_member (palette, "other") ? json_object_get_object_member (palette, "other") : NULL;
  rgb[0] = rgb[1] = rgb[2] = 0.74;
  if (other != NULL)
    parse_hex_color (json_object_get_string_member_with_default (other, "color", NULL), rgb);
  add_class (self, NULL, C_("legend", "Other codes"), rgb, TRUE, TRUE);
  /* Hatched, unless the palette says otherwise. */
  if (other != NULL && !json_object_get_boolean_member_with_default (other, "hatch", TRUE))
    g_array_index (self->classes, PvStyleCategory, self->classes->len - 1).hatch = PV_HATCH_NONE;
  return g_steal_pointer (&self);
}

double
pv_style_palette_match (const char         *palette_id,
                        const char * const *values,
                        guint               n_values)
{
  g_autoptr(PvStyle) style = pv_style_new_from_palette (palette_id, "-", NULL);
  guint n = 0, matched = 0;

  if (style == NULL)
    return 0;
  for (guint i = 0; i < n_values; i++)
    {
      g_autofree char *key = NULL;

      if (values[i] == NULL || values[i][0] == '\0')
        continue;
      n++;
      key = fold_value (values[i]);
      matched += g_hash_table_contains (style->index, key);
    }
  return n > 0 ? (double) matched / n : 0;
}

PvStyle *
pv_style_new_unique_values (const char         *field,
                            const char * const *values,
                            guint               n_values)
{
  PvStyle *self = g_object_new (PV_TYPE_STYLE, NULL);
  const double grey[3] = { 0.74, 0.74, 0.74 };
  guint n = 0;

  self->kind = PV_STYLE_CATEGORIZED;
  self->field = g_strdup (field);
  for (guint i = 0; i < n_values; i++)
    {
      g_autofree char *key = NULL;
      double h, rgb[3];

      if (values[i] == NULL)
        continue;
      key = fold_value (values[i]);
      if (g_hash_table_contains (self->index, key))
        continue;
      /* Hues a golden angle apart stay distinct however many there are. */
      h = fmod (n++ * 0.618033988749895, 1.0) * 6.0;
      {
        double c = 0.95 * 0.45, x = c * (1 - fabs (fmod (h, 2.0) - 1)), m = 0.95 - c;
        int sector = (int) h;

        rgb[0] = m + (sector == 0 || sector == 5 ? c : sector == 1 || sector == 4 ? x : 0);
        rgb[1] = m + (sector == 1 || sector == 2 ? c : sector == 0 || sector == 3 ? x : 0);
        rgb[2] = m + (sector == 3 || sector == 4 ? c : sector == 2 || sector == 5 ? x : 0);
      }
      add_class (self, values[i], values[i], rgb, TRUE, FALSE);
    }
  add_class (self, NULL, C_("legend", "Other values"), grey, TRUE, TRUE);
  return self;
}

/* ---------------------------------------------------------------- rules */

PvStyle *
pv_style_new_rule_based (void)
{
  PvStyle *self = g_object_new (PV_TYPE_STYLE, NULL);
  const double grey[3] = { 0.74, 0.74, 0.74 };

  self->kind = PV_STYLE_RULE_BASED;
  add_class (self, NULL, C_("legend", "Other features"), grey, TRUE, TRUE);
  return self;
}

void
pv_style_add_rule (PvStyle      *self,
                   const char   *label,
                   const char   *filter,
                   const double *rgb)
{
  PvStyleCategory other;

  g_return_if_fail (PV_IS_STYLE (self));
  g_return_if_fail (self->kind == PV_STYLE_RULE_BASED);
  g_return_if_fail (filter != NULL);

  /* Keep "other" last: take it out, add the rule, put it back. */
  other = g_array_index (self->classes, PvStyleCategory, self->classes->len - 1);
  /* Removing runs the clear function: keep copies of its strings. */
  other.value = g_strdup (other.value);
  other.label = g_strdup (other.label);
  other.filter = NULL;
  g_array_remove_index (self->classes, self->classes->len - 1);
  add_class (self, NULL, label ? label : filter, rgb, TRUE, FALSE);
  g_array_index (self->classes, PvStyleCategory, self->classes->len - 1).filter = g_strdup (filter);
  g_array_append_val (self->classes, other);
}

/* ---------------------------------------------------------------- graduated */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Fisher–Jenks natural breaks: the partition of sorted values into k classes
 * with the least sum of squared deviations, by dynamic programming. Writes
 * the upper limit of each class but the last into upper. */
static void
jenks (const double *v,
       guint         n,
       guint         k,
       double       *upper)
{
  g_autofree double *cost = g_new (double, (gsize) (n + 1) * (k + 1));
  g_autofree guint *split = g_new0 (guint, (gsize) (n + 1) * (k + 1));
  g_autofree double *sum = g_new0 (double, n + 1);
  g_autofree double *sum2 = g_new0 (double, n + 1);

#define COST(i, j) cost[(gsize) (i) * (k + 1) + (j)]
#define SPLIT(i, j) split[(gsize) (i) * (k + 1) + (j)]
  for (guint i = 0; i < n; i++)
    {
      sum[i + 1] = sum[i] + v[i];
      sum2[i + 1] = sum2[i] + v[i] * v[i];
    }
  for (guint i = 0; i <= n; i++)
    for (guint j = 0; j <= k; j++)
      COST (i, j) = INFINITY;
  COST (0, 0) = 0;
  for (guint j = 1; j <= k; j++)
    for (guint i = j; i <= n; i++)
      for (guint m = j - 1; m < i; m++)
        {
          /* Values m … i-1 form class j. */
          double s = sum[i] - sum[m], s2 = sum2[i] - sum2[m];
          double c = COST (m, j - 1) + (s2 - s * s / (i - m));

          if (c < COST (i, j))
            {
              COST (i, j) = c;
              SPLIT (i, j) = m;
            }
        }
  for (guint j = k, i = n; j > 1; j--)
    {
      i = SPLIT (i, j);
      upper[j - 2] = v[i - 1];
    }
#undef COST
#undef SPLIT
}

GArray *
pv_style_compute_breaks (const double     *values,
                         gsize             n_values,
                         guint             n_classes,
                         PvClassifyMethod  method)
{
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (double));
  const double *v;
  double lo, hi;
  guint n;

  for (gsize i = 0; i < n_values; i++)
    if (isfinite (values[i]))
      g_array_append_val (sorted, values[i]);
  if (sorted->len == 0 || n_classes == 0)
    return breaks;
  g_array_sort (sorted, compare_doubles);
  v = (const double *) sorted->data;
  n = sorted->len;
  lo = v[0];
  hi = v[n - 1];
  n_classes = MIN (n_classes, n);
  g_array_append_val (breaks, lo);

  switch (method)
    {
    case PV_CLASSIFY_EQUAL_INTERVAL:
      for (guint i = 1; i < n_classes; i++)
        {
          double b = lo + (hi - lo) * i / n_classes;

          g_array_append_val (breaks, b);
        }
      break;

    case PV_CLASSIFY_QUANTILE:
      for (guint i = 1; i < n_classes; i++)
        {
          /* Class i ends with the value at rank ceil (n i / k). */
          gsize rank = ((gsize) n * i + n_classes - 1) / n_classes;
          double b = v[MAX (rank, 1) - 1];

          g_array_append_val (breaks, b);
        }
      break;

    case PV_CLASSIFY_JENKS:
    default:
      {
        /* Quadratic in the values: work on an evenly spaced sample. */
        guint m = MIN (n, 2000);
        g_autofree double *sample = g_new (double, m);
        g_autofree double *upper = g_new (double, MAX (n_classes, 1));

        for (guint i = 0; i < m; i++)
          sample[i] = v[m == n ? i : (gsize) i * (n - 1) / (m - 1)];
        if (n_classes > 1)
          jenks (sample, m, n_classes, upper);
        g_array_append_vals (breaks, upper, n_classes - 1);
      }
      break;
    }
  g_array_append_val (breaks, hi);
  return breaks;
}

PvStyle *
pv_style_new_graduated (const char   *field,
                        GArray       *breaks,
                        const double *from_rgb,
                        const double *to_rgb)
{
  PvStyle *self;
  const double grey[3] = { 0.74, 0.74, 0.74 };
  guint n;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (breaks != NULL && breaks->len >= 2, NULL);

  self = g_object_new (PV_TYPE_STYLE, NULL);
  self->kind = PV_STYLE_GRADUATED;
  self->field = g_strdup (field);
  self->breaks = g_array_copy (breaks);
  n = breaks->len - 1;
  for (guint i = 0; i < n; i++)
    {
      double t = n > 1 ? (double) i / (n - 1) : 0.0, rgb[3];
      char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *label = NULL;

      for (guint c = 0; c < 3; c++)
        rgb[c] = from_rgb[c] + (to_rgb[c] - from_rgb[c]) * t;
      g_ascii_formatd (lo, sizeof lo, "%.6g", g_array_index (breaks, double, i));
      g_ascii_formatd (hi, sizeof hi, "%.6g", g_array_index (breaks, double, i + 1));
      /* Translators: a class of a graduated legend, "100 – 250". */
      label = g_strdup_printf (C_("legend", "%s – %s"), lo, hi);
      add_class (self, NULL, label, rgb, TRUE, FALSE);
    }
  add_class (self, NULL, C_("legend", "Other values"), grey, TRUE, TRUE);
  return self;
}

/* ---------------------------------------------------------------- queries */

PvStyleKind
pv_style_get_kind (PvStyle *self)
{
  g_return_val_if_fail (PV_IS_STYLE (self), PV_STYLE_SINGLE);

  return self->kind;
}

const char *
pv_style_get_field (PvStyle *self)
{
  g_return_val_if_fail (PV_IS_STYLE (self), NULL);

  return self->field;
}

const char *
pv_style_get_palette_id (PvStyle *self)
{
  g_return_val_if_fail (PV_IS_STYLE (self), NULL);

  return self->palette_id;
}

guint
pv_style_get_n_categories (PvStyle *self)
{
  g_return_val_if_fail (PV_IS_STYLE (self), 0);

  return self->classes->len;
}

const PvStyleCategory *
pv_style_get_category (PvStyle *self,
                    guint    index)
{
  g_return_val_if_fail (PV_IS_STYLE (self), NULL);
  g_return_val_if_fail (index < self->classes->len, NULL);

  return &g_array_index (self->classes, PvStyleCategory, index);
}

guint
pv_style_classify (PvStyle    *self,
                   const char *value)
{
  g_autofree char *key = NULL;
  gpointer found;

  g_return_val_if_fail (PV_IS_STYLE (self), 0);

  if (self->kind == PV_STYLE_SINGLE)
    return 0;
  if (self->kind == PV_STYLE_RULE_BASED)
    return self->classes->len - 1;  /* rules match features, not values */
  if (self->kind == PV_STYLE_GRADUATED)
    {
      const double *b = (const double *) self->breaks->data;
      guint n = self->breaks->len - 1, lo = 0, hi;
      char *end = NULL;
      double v;

      if (value == NULL)
        return self->classes->len - 1;
      v = g_ascii_strtod (value, &end);
      if (end == value || !isfinite (v) || v < b[0] || v > b[n])
        return self->classes->len - 1;
      /* The first class whose upper limit is at least v. */
      hi = n - 1;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (v <= b[mid + 1])
            hi = mid;
          else
            lo = mid + 1;
        }
      return lo;
    }
  if (value != NULL)
    {
      key = fold_value (value);
      if ((found = g_hash_table_lookup (self->index, key)) != NULL)
        return GPOINTER_TO_UINT (found) - 1;
    }
  return self->classes->len - 1;
}

/* ---------------------------------------------------------------- editing */

PvStyle *
pv_style_copy (PvStyle *self)
{
  PvStyle *copy;

  g_return_val_if_fail (PV_IS_STYLE (self), NULL);

  copy = g_object_new (PV_TYPE_STYLE, NULL);
  copy->kind = self->kind;
  copy->field = g_strdup (self->field);
  copy->palette_id = g_strdup (self->palette_id);
  copy->method = self->method;
  if (self->breaks != NULL)
    copy->breaks = g_array_copy (self->breaks);
  for (guint i = 0; i < self->classes->len; i++)
    {
      PvStyleCategory klass = g_array_index (self->classes, PvStyleCategory, i);

      klass.value = g_strdup (klass.value);
      klass.label = g_strdup (klass.label);
      klass.filter = g_strdup (klass.filter);
      g_array_append_val (copy->classes, klass);
    }
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, self->index);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (copy->index, g_strdup (key), value);
  }
  return copy;
}

void
pv_style_set_category_symbol (PvStyle               *self,
                              guint                  index,
                              const PvStyleCategory *symbol)
{
  g_return_if_fail (PV_IS_STYLE (self));
  g_return_if_fail (index < self->classes->len);
  g_return_if_fail (symbol != NULL);

  pv_style_category_copy_symbol (&g_array_index (self->classes, PvStyleCategory, index), symbol);
}

void
pv_style_set_category_label (PvStyle    *self,
                             guint       index,
                             const char *label)
{
  PvStyleCategory *klass;

  g_return_if_fail (PV_IS_STYLE (self));
  g_return_if_fail (index < self->classes->len);

  klass = &g_array_index (self->classes, PvStyleCategory, index);
  if (klass->label != label)
    {
      g_free (klass->label);
      klass->label = g_strdup (label);
    }
}

/* ---------------------------------------------------------------- JSON */

/* Symbols are stored compactly: each class names only the members where it
 * differs from the class the loader builds from the style's other members
 * (its reference), so files stay small and old files, which have no symbol
 * members, load as they always did. */

static const char * const unit_names[] = { "mm", "pt", "px", NULL };
static const char * const dash_names[] = { "solid", "dash", "dot", "dash-dot", "dash-dot-dot", "none", NULL };
static const char * const hatch_names[] = { "none", "horizontal", "vertical", "cross", "forward-diagonal",
                                            "backward-diagonal", "diagonal-cross", "dots", NULL };
static const char * const marker_names[] = { "circle", "square", "triangle", "star", "diamond", "cross", NULL };

G_STATIC_ASSERT (sizeof (PvUnit) == sizeof (int) && sizeof (PvDash) == sizeof (int) &&
                 sizeof (PvHatch) == sizeof (int) && sizeof (PvMarker) == sizeof (int));

typedef enum
{
  MEMBER_COLOR,
  MEMBER_SIZE,
  MEMBER_ENUM,
} MemberType;

typedef struct
{
  const char         *name;
  MemberType          type;
  gsize               offset;
  const char * const *names;
} SymbolMember;

#define MEMBER(name, type, field, names) { name, type, G_STRUCT_OFFSET (PvStyleCategory, field), names }
static const SymbolMember symbol_members[] = {
  MEMBER ("fill", MEMBER_COLOR, fill, NULL),
  MEMBER ("outline", MEMBER_COLOR, outline, NULL),
  MEMBER ("unit", MEMBER_ENUM, unit, unit_names),
  MEMBER ("outline_width", MEMBER_SIZE, outline_width, NULL),
  MEMBER ("outline_dash", MEMBER_ENUM, outline_dash, dash_names),
  MEMBER ("line_width", MEMBER_SIZE, line_width, NULL),
  MEMBER ("line_dash", MEMBER_ENUM, line_dash, dash_names),
  MEMBER ("casing", MEMBER_COLOR, casing, NULL),
  MEMBER ("casing_width", MEMBER_SIZE, casing_width, NULL),
  MEMBER ("hatch", MEMBER_ENUM, hatch, hatch_names),
  MEMBER ("hatch_color", MEMBER_COLOR, hatch_color, NULL),
  MEMBER ("hatch_spacing", MEMBER_SIZE, hatch_spacing, NULL),
  MEMBER ("hatch_width", MEMBER_SIZE, hatch_width, NULL),
  MEMBER ("marker", MEMBER_ENUM, marker, marker_names),
  MEMBER ("marker_size", MEMBER_SIZE, marker_size, NULL),
};
#undef MEMBER

/* Largest symbol size accepted from a file, in any unit. */
#define MAX_SYMBOL_SIZE 1000.0

static int
channel_byte (double v)
{
  return (int) (CLAMP (v, 0, 1) * 255 + 0.5);
}

static char *
hex_color (const double *rgb)
{
  return g_strdup_printf ("#%02x%02x%02x", channel_byte (rgb[0]), channel_byte (rgb[1]), channel_byte (rgb[2]));
}

/* "#rrggbb", or "#rrggbbaa" when not opaque. */
static char *
hex_rgba (const double *rgba)
{
  if (channel_byte (rgba[3]) == 255)
    return hex_color (rgba);
  return g_strdup_printf ("#%02x%02x%02x%02x", channel_byte (rgba[0]), channel_byte (rgba[1]),
                          channel_byte (rgba[2]), channel_byte (rgba[3]));
}

static gboolean
parse_rgba (const char *text,
            double     *rgba)
{
  guint a = 255;

  if (text == NULL)
    return FALSE;
  if (strlen (text) == 9)
    {
      g_autofree char *rgb = g_strndup (text, 7);

      if (sscanf (text + 7, "%02x", &a) != 1 || !g_ascii_isxdigit (text[7]) || !g_ascii_isxdigit (text[8]) ||
          !parse_hex_color (rgb, rgba))
        return FALSE;
    }
  else if (!parse_hex_color (text, rgba))
    return FALSE;
  rgba[3] = a / 255.0;
  return TRUE;
}

/* Colours are saved with 8 bits a channel: compare them so. */
static gboolean
same_color (const double *a,
            const double *b)
{
  for (guint i = 0; i < 4; i++)
    if (channel_byte (a[i]) != channel_byte (b[i]))
      return FALSE;
  return TRUE;
}

/* Writes the members where klass differs from reference into the open
 * object of builder (when not NULL); returns how many there are. */
static guint
write_overrides (JsonBuilder           *builder,
                 const PvStyleCategory *klass,
                 const PvStyleCategory *reference)
{
  guint n = 0;

  if (klass->label != NULL && g_strcmp0 (klass->label, reference->label) != 0)
    {
      n++;
      if (builder != NULL)
        {
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, klass->label);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (symbol_members); i++)
    {
      const SymbolMember *m = &symbol_members[i];
      const char *a = (const char *) klass + m->offset, *b = (const char *) reference + m->offset;

      switch (m->type)
        {
        case MEMBER_COLOR:
          if (same_color ((const double *) a, (const double *) b))
            continue;
          if (builder != NULL)
            {
              g_autofree char *color = hex_rgba ((const double *) a);

              json_builder_set_member_name (builder, m->name);
              json_builder_add_string_value (builder, color);
            }
          break;

        case MEMBER_SIZE:
          if (*(const double *) a == *(const double *) b)
            continue;
          if (builder != NULL)
            {
              json_builder_set_member_name (builder, m->name);
              json_builder_add_double_value (builder, *(const double *) a);
            }
          break;

        case MEMBER_ENUM:
        default:
          if (*(const int *) a == *(const int *) b)
            continue;
          if (builder != NULL)
            {
              int v = *(const int *) a;

              json_builder_set_member_name (builder, m->name);
              json_builder_add_string_value (builder, v >= 0 && v < (int) g_strv_length ((char **) m->names)
                                                      ? m->names[v] : m->names[0]);
            }
          break;
        }
      n++;
    }
  return n;
}

/* Applies the symbol members of object (those write_overrides writes) to
 * klass. */
static gboolean
read_overrides (JsonObject       *object,
                PvStyleCategory  *klass,
                GError          **error)
{
  JsonNode *node;

  if (object == NULL)
    return TRUE;
  if ((node = json_object_get_member (object, "label")) != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_free (klass->label);
      klass->label = g_strdup (json_node_get_string (node));
    }
  for (guint i = 0; i < G_N_ELEMENTS (symbol_members); i++)
    {
      const SymbolMember *m = &symbol_members[i];
      char *field = (char *) klass + m->offset;
      gboolean valid = FALSE;

      if ((node = json_object_get_member (object, m->name)) == NULL)
        continue;
      if (JSON_NODE_HOLDS_VALUE (node))
        {
          GType type = json_node_get_value_type (node);

          switch (m->type)
            {
            case MEMBER_COLOR:
              {
                double rgba[4];

                if (type == G_TYPE_STRING && (valid = parse_rgba (json_node_get_string (node), rgba)))
                  memcpy (field, rgba, sizeof rgba);
              }
              break;

            case MEMBER_SIZE:
              if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
                {
                  double v = json_node_get_double (node);

                  if ((valid = isfinite (v) && v >= 0 && v <= MAX_SYMBOL_SIZE))
                    *(double *) field = v;
                }
              break;

            case MEMBER_ENUM:
            default:
              if (type == G_TYPE_STRING)
                {
                  const char *name = json_node_get_string (node);

                  for (int v = 0; m->names[v] != NULL; v++)
                    if (g_strcmp0 (name, m->names[v]) == 0)
                      {
                        *(int *) field = v;
                        valid = TRUE;
                        break;
                      }
                }
              break;
            }
        }
      if (!valid)
        {
          g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                       _("A symbol of a layer style has an invalid “%s”"), m->name);
          return FALSE;
        }
    }
  return TRUE;
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static PvStyleCategory *
get_class (PvStyle *self,
           guint    index)
{
  return &g_array_index (self->classes, PvStyleCategory, index);
}

static gboolean
has_other (PvStyle *self)
{
  return self->classes->len > 0 && get_class (self, self->classes->len - 1)->other;
}

/* The style pv_style_new_from_json builds from what pv_style_to_json writes
 * before the symbol overrides: the classes' structure and colours with
 * default symbols. (The loader's colours have 8 bits a channel: its default
 * outlines may differ from these by a step, as they always did.) */
static PvStyle *
reference_style (PvStyle *self)
{
  PvStyle *reference = NULL;
  double rgb[3];

  switch (self->kind)
    {
    case PV_STYLE_SINGLE:
      memcpy (rgb, get_class (self, 0)->fill, sizeof rgb);
      return pv_style_new_single (rgb);

    case PV_STYLE_RULE_BASED:
      reference = pv_style_new_rule_based ();
      for (guint i = 0; i + 1 < self->classes->len; i++)
        {
          const PvStyleCategory *klass = get_class (self, i);

          memcpy (rgb, klass->fill, sizeof rgb);
          pv_style_add_rule (reference, klass->label, klass->filter, rgb);
        }
      return reference;

    case PV_STYLE_GRADUATED:
      {
        const double white[3] = { 1, 1, 1 }, black[3] = { 0, 0, 0 };

        reference = pv_style_new_graduated (self->field, self->breaks, white, black);
        for (guint i = 0; i + 1 < self->classes->len && i + 1 < reference->classes->len; i++)
          {
            memcpy (rgb, get_class (self, i)->fill, sizeof rgb);
            pv_style_category_init_symbol (get_class (reference, i), rgb);
          }
        return reference;
      }

    case PV_STYLE_CATEGORIZED:
    default:
      if (self->palette_id != NULL)
        {
          reference = pv_style_new_from_palette (self->palette_id, self->field ? self->field : "-", NULL);
          if (reference != NULL)
            return reference;
        }
      {
        const double grey[3] = { 0.74, 0.74, 0.74 };

        reference = g_object_new (PV_TYPE_STYLE, NULL);
        reference->kind = PV_STYLE_CATEGORIZED;
        reference->field = g_strdup (self->field);
        for (guint i = 0; i < self->classes->len; i++)
          {
            const PvStyleCategory *klass = get_class (self, i);

            if (klass->other)
              continue;
            memcpy (rgb, klass->fill, sizeof rgb);
            add_class (reference, klass->value ? klass->value : "", klass->label, rgb, TRUE, FALSE);
          }
        add_class (reference, NULL, C_("legend", "Other values"), grey, TRUE, TRUE);
        return reference;
      }
    }
}

/* The reference of class index of self, in reference. */
static const PvStyleCategory *
reference_class (PvStyle *self,
                 PvStyle *reference,
                 guint    index)
{
  const PvStyleCategory *klass = get_class (self, index);

  if (klass->other)
    return has_other (reference) ? get_class (reference, reference->classes->len - 1) : klass;
  if (self->palette_id != NULL && klass->value != NULL)
    {
      guint i = pv_style_classify (reference, klass->value);

      return i < reference->classes->len ? get_class (reference, i) : klass;
    }
  return index < reference->classes->len ? get_class (reference, index) : klass;
}

/* "other": the overrides of the catch-all class, when it has any. */
static void
write_other (JsonBuilder *builder,
             PvStyle     *self,
             PvStyle     *reference)
{
  const PvStyleCategory *other;

  if (!has_other (self))
    return;
  other = get_class (self, self->classes->len - 1);
  if (write_overrides (NULL, other, reference_class (self, reference, self->classes->len - 1)) == 0)
    return;
  json_builder_set_member_name (builder, "other");
  json_builder_begin_object (builder);
  write_overrides (builder, other, reference_class (self, reference, self->classes->len - 1));
  json_builder_end_object (builder);
}

static gboolean
read_other (JsonObject  *object,
            PvStyle     *self,
            GError     **error)
{
  if (!has_other (self))
    return TRUE;
  return read_overrides (object_member (object, "other"), get_class (self, self->classes->len - 1), error);
}

/* By PvClassifyMethod, for project files. */
static const char * const method_names[] = { "equal-interval", "quantile", "jenks" };

void
pv_style_set_method (PvStyle          *self,
                     PvClassifyMethod  method)
{
  g_return_if_fail (PV_IS_STYLE (self));
  g_return_if_fail ((guint) method < G_N_ELEMENTS (method_names));

  self->method = (int) method;
}

gboolean
pv_style_get_method (PvStyle          *self,
                     PvClassifyMethod *method)
{
  g_return_val_if_fail (PV_IS_STYLE (self), FALSE);

  if (self->method < 0)
    return FALSE;
  if (method != NULL)
    *method = (PvClassifyMethod) self->method;
  return TRUE;
}

JsonNode *
pv_style_to_json (PvStyle *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(PvStyle) reference = NULL;

  g_return_val_if_fail (PV_IS_STYLE (self), NULL);

  reference = reference_style (self);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, self->kind == PV_STYLE_SINGLE ? "single"
                                          : self->kind == PV_STYLE_GRADUATED ? "graduated"
                                          : self->kind == PV_STYLE_RULE_BASED ? "rules" : "categorized");
  if (self->kind == PV_STYLE_RULE_BASED)
    {
      json_builder_set_member_name (builder, "rules");
      json_builder_begin_array (builder);
      for (guint i = 0; i + 1 < self->classes->len; i++)
        {
          const PvStyleCategory *klass = get_class (self, i);
          g_autofree char *color = hex_color (klass->fill);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, klass->label);
          json_builder_set_member_name (builder, "filter");
          json_builder_add_string_value (builder, klass->filter);
          json_builder_set_member_name (builder, "color");
          json_builder_add_string_value (builder, color);
          write_overrides (builder, klass, reference_class (self, reference, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      write_other (builder, self, reference);
      json_builder_end_object (builder);
      return json_builder_get_root (builder);
    }
  if (self->kind == PV_STYLE_GRADUATED)
    {
      gboolean any = FALSE;

      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, self->field);
      if (self->method >= 0)
        {
          json_builder_set_member_name (builder, "method");
          json_builder_add_string_value (builder, method_names[self->method]);
        }
      json_builder_set_member_name (builder, "breaks");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->breaks->len; i++)
        json_builder_add_double_value (builder, g_array_index (self->breaks, double, i));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "colors");
      json_builder_begin_array (builder);
      for (guint i = 0; i + 1 < self->classes->len; i++)
        {
          g_autofree char *color = hex_color (get_class (self, i)->fill);

          json_builder_add_string_value (builder, color);
          any |= write_overrides (NULL, get_class (self, i), reference_class (self, reference, i)) > 0;
        }
      json_builder_end_array (builder);
      if (any)
        {
          /* One object a class, in the order of "colors". */
          json_builder_set_member_name (builder, "symbols");
          json_builder_begin_array (builder);
          for (guint i = 0; i + 1 < self->classes->len; i++)
            {
              json_builder_begin_object (builder);
              write_overrides (builder, get_class (self, i), reference_class (self, reference, i));
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
      write_other (builder, self, reference);
      json_builder_end_object (builder);
      return json_builder_get_root (builder);
    }
  if (self->field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, self->field);
    }
  if (self->palette_id != NULL)
    {
      gboolean any = FALSE;

      /* A palette's classes come from the palette: store its name, and the
       * classes changed since, by value. */
      json_builder_set_member_name (builder, "palette");
      json_builder_add_string_value (builder, self->palette_id);
      for (guint i = 0; i < self->classes->len && !any; i++)
        if (!get_class (self, i)->other && get_class (self, i)->value != NULL)
          any = write_overrides (NULL, get_class (self, i), reference_class (self, reference, i)) > 0;
      if (any)
        {
          json_builder_set_member_name (builder, "overrides");
          json_builder_begin_object (builder);
          for (guint i = 0; i < self->classes->len; i++)
            {
              const PvStyleCategory *klass = get_class (self, i);
              const PvStyleCategory *ref = reference_class (self, reference, i);

              if (klass->other || klass->value == NULL || write_overrides (NULL, klass, ref) == 0)
                continue;
              json_builder_set_member_name (builder, klass->value);
              json_builder_begin_object (builder);
              write_overrides (builder, klass, ref);
              json_builder_end_object (builder);
            }
          json_builder_end_object (builder);
        }
      write_other (builder, self, reference);
    }
  else
    {
      json_builder_set_member_name (builder, "classes");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->classes->len; i++)
        {
          const PvStyleCategory *klass = get_class (self, i);
          g_autofree char *color = hex_color (klass->fill);

          json_builder_begin_object (builder);
          if (klass->value != NULL)
            {
              json_builder_set_member_name (builder, "value");
              json_builder_add_string_value (builder, klass->value);
            }
          if (klass->other)
            {
              json_builder_set_member_name (builder, "other");
              json_builder_add_boolean_value (builder, TRUE);
            }
          if (klass->label != NULL)
            {
              json_builder_set_member_name (builder, "label");
              json_builder_add_string_value (builder, klass->label);
            }
          json_builder_set_member_name (builder, "color");
          json_builder_add_string_value (builder, color);
          write_overrides (builder, klass, reference_class (self, reference, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

PvStyle *
pv_style_new_from_json (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(PvStyle) self = NULL;
  JsonObject *object;
  const char *type, *field, *palette;
  JsonArray *classes;
  JsonObject *other_entry = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID, _("A layer style is not valid"));
      return NULL;
    }
  object = json_node_get_object (node);
  type = json_object_get_string_member_with_default (object, "type", "single");
  field = json_object_get_string_member_with_default (object, "field", NULL);
  palette = json_object_get_string_member_with_default (object, "palette", NULL);

  if (g_strcmp0 (type, "rules") == 0)
    {
      JsonArray *rules = array_member (object, "rules");

      self = pv_style_new_rule_based ();
      for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
        {
          JsonNode *element = json_array_get_element (rules, i);
          JsonObject *rule;
          const char *filter;
          double rgb[3];

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          rule = json_node_get_object (element);
          filter = json_object_get_string_member_with_default (rule, "filter", NULL);
          if (filter == NULL ||
              !parse_hex_color (json_object_get_string_member_with_default (rule, "color", NULL), rgb))
            {
              g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                           _("A rule of a layer style is not valid"));
              return NULL;
            }
          pv_style_add_rule (self, json_object_get_string_member_with_default (rule, "label", NULL), filter, rgb);
          if (!read_overrides (rule, get_class (self, self->classes->len - 2), error))
            return NULL;
        }
      if (!read_other (object, self, error))
        return NULL;
      return g_steal_pointer (&self);
    }
  if (g_strcmp0 (type, "graduated") == 0)
    {
      JsonArray *limits = array_member (object, "breaks");
      JsonArray *colors = array_member (object, "colors");
      JsonArray *symbols = array_member (object, "symbols");
      g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (double));
      const double white[3] = { 1, 1, 1 }, black[3] = { 0, 0, 0 };

      for (guint i = 0; limits != NULL && i < json_array_get_length (limits); i++)
        {
          JsonNode *element = json_array_get_element (limits, i);
          double b;

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              (json_node_get_value_type (element) != G_TYPE_DOUBLE &&
               json_node_get_value_type (element) != G_TYPE_INT64) ||
              !isfinite (b = json_node_get_double (element)) ||
              (breaks->len > 0 && b < g_array_index (breaks, double, breaks->len - 1)))
            {
              g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                           _("A graduated style has invalid class limits"));
              return NULL;
            }
          g_array_append_val (breaks, b);
        }
      if (field == NULL || breaks->len < 2)
        {
          g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                       _("A graduated style has invalid class limits"));
          return NULL;
        }
      self = pv_style_new_graduated (field, breaks, white, black);
      {
        const char *method = json_object_get_string_member_with_default (object, "method", NULL);

        /* Only a hint for editing: an unknown name is ignored. */
        for (guint i = 0; method != NULL && i < G_N_ELEMENTS (method_names); i++)
          if (g_strcmp0 (method, method_names[i]) == 0)
            self->method = (int) i;
      }
      for (guint i = 0; colors != NULL && i < json_array_get_length (colors) && i + 1 < self->classes->len; i++)
        {
          JsonNode *element = json_array_get_element (colors, i);
          double rgb[3];

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
              parse_hex_color (json_node_get_string (element), rgb))
            pv_style_category_init_symbol (get_class (self, i), rgb);
        }
      for (guint i = 0; symbols != NULL && i < json_array_get_length (symbols) && i + 1 < self->classes->len; i++)
        {
          JsonNode *element = json_array_get_element (symbols, i);

          if (JSON_NODE_HOLDS_OBJECT (element) &&
              !read_overrides (json_node_get_object (element), get_class (self, i), error))
            return NULL;
        }
      if (!read_other (object, self, error))
        return NULL;
      return g_steal_pointer (&self);
    }
  if (g_strcmp0 (type, "categorized") != 0)
    {
      const double grey[3] = { 0.5, 0.5, 0.5 };
      double rgb[3];
      JsonArray *single = array_member (object, "classes");
      JsonObject *entry = single != NULL && json_array_get_length (single) > 0 &&
                          JSON_NODE_HOLDS_OBJECT (json_array_get_element (single, 0))
                          ? json_array_get_object_element (single, 0) : NULL;

      if (entry == NULL ||
          !parse_hex_color (json_object_get_string_member_with_default (entry, "color", NULL), rgb))
        memcpy (rgb, grey, sizeof rgb);
      self = pv_style_new_single (rgb);
      if (!read_overrides (entry, get_class (self, 0), error))
        return NULL;
      return g_steal_pointer (&self);
    }
  if (field == NULL)
    {
      g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,
                   _("A categorized style names no field"));
      return NULL;
    }
  if (palette != NULL)
    {
      JsonObject *overrides = object_member (object, "overrides");

      if (!(self = pv_style_new_from_palette (palette, field, error)))
        return NULL;
      if (overrides != NULL)
        {
          g_autoptr(GList) values = json_object_get_members (overrides);

          for (GList *l = values; l != NULL; l = l->next)
            {
              guint index = pv_style_classify (self, l->data);

              /* A code the palette no longer has is dropped. */
              if (get_class (self, index)->other)
                continue;
              if (!read_overrides (object_member (overrides, l->data), get_class (self, index), error))
                return NULL;
            }
        }
      if (!read_other (object, self, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  self = g_object_new (PV_TYPE_STYLE, NULL);
  self->kind = PV_STYLE_CATEGORIZED;
  self->field = g_strdup (field);
  classes = array_member (object, "classes");
  for (guint i = 0; classes != NULL && i < json_array_get_length (classes); i++)
    {
      JsonNode *element = json_array_get_element (classes, i);
      JsonObject *entry;
      double rgb[3];

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      entry = json_node_get_object (element);
      if (json_object_get_boolean_member_with_default (entry, "other", FALSE))
        {
          other_entry = entry;
          continue;
        }
      if (!parse_hex_color (json_object_get_string_member_with_default (entry, "color", NULL), rgb))
        continue;
      add_class (self, json_object_get_string_member_with_default (entry, "value", ""),
                 json_object_get_string_member_with_default (entry, "label", NULL), rgb, TRUE, FALSE);
      if (!read_overrides (entry, get_class (self, self->classes->len - 1), error))
        return NULL;
    }
  {
    const double grey[3] = { 0.74, 0.74, 0.74 };

    add_class (self, NULL, C_("legend", "Other values"), grey, TRUE, TRUE);
    /* Its colour too is an override: older files saved the default. */
    if (other_entry != NULL)
      {
        double rgb[3];

        if (parse_hex_color (json_object_get_string_member_with_default (other_entry, "color", NULL), rgb))
          memcpy (get_class (self, self->classes->len - 1)->fill, rgb, sizeof rgb);
        if (!read_overrides (other_entry, get_class (self, self->classes->len - 1), error))
          return NULL;
      }
  }
  return g_steal_pointer (&self);
}
