/* pv-qml.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Import of QGIS layer styles (.qml).
 *
 * A .qml file is XML: <qgis version="3.x"> holds one <renderer-v2 type=…
 * attr=…> whose <categories>/<ranges> name symbols of its <symbols> list by
 * their name attribute. A <symbol type="fill|line|marker" alpha=…> is a stack
 * of <layer class="SimpleFill|SimpleLine|SimpleMarker|…"> drawn bottom
 * first, whose properties are <prop k=… v=…/> (QGIS 3.0–3.22) or the
 * <Option name=… value=…/> children of an <Option type="Map"> (QGIS ≥ 3.26).
 * Colours are "r,g,b,a" in 0…255 (QGIS ≥ 3.34 appends ",rgb:…", which we
 * skip: the integers say the same). The file is read with GMarkup in one
 * pass into plain records, then turned into a PvStyle. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "pv-error.h"
#include "pv-qml.h"

/* Real styles with thousands of categories stay far below this. */
#define MAX_FILE_SIZE   (64 * 1024 * 1024)
/* QGIS nests about 12 levels deep; anything deeper is not a style. */
#define MAX_DEPTH       64
/* Widths and sizes beyond this (in any unit) are not symbols. */
#define MAX_SIZE        1000.0
/* Map-unit sizes depend on the map scale, which a style does not know: we
 * read them as metres on a 1:2 000 detailed plan (1 m → 0.5 mm). */
#define MAP_UNIT_MM     0.5

typedef struct
{
  char       *klass;
  gboolean    enabled;
  GHashTable *props;    /* key → value */
} QmlLayer;

typedef struct
{
  char      *name;
  char      *type;      /* fill, line, marker */
  char      *alpha;
  GPtrArray *layers;    /* QmlLayer, bottom first */
} QmlSymbol;

typedef struct
{
  GPtrArray *values;    /* categorized: one value, or the <val> list */
  char      *label;
  char      *symbol;
  gboolean   render;
  char      *lower;     /* graduated */
  char      *upper;
  double     lo, hi;
} QmlClass;

typedef struct
{
  const char *display_name;
  GPtrArray  *notices;
  GHashTable *noticed;
  guint       depth;
  gboolean    seen_root;
  guint       renderer_depth;   /* of the renderer-v2 being read; 0 outside */
  gboolean    renderer_done;
  char       *renderer_type;
  char       *attr;
  GPtrArray  *classes;          /* QmlClass */
  GHashTable *symbols;          /* name → QmlSymbol */
  QmlSymbol  *symbol;           /* the renderer's symbol being read */
  guint       symbol_depth;
  QmlLayer   *layer;            /* its layer being read */
  guint       layer_depth;
  guint       options_depth;    /* of the layer's <Option type="Map">; 0 outside */
  QmlClass   *category;         /* the <category> being read, for its <val>s */
  guint       category_depth;
} QmlReader;

static void
qml_layer_free (QmlLayer *layer)
{
  g_free (layer->klass);
  g_hash_table_unref (layer->props);
  g_free (layer);
}

static void
qml_symbol_free (QmlSymbol *symbol)
{
  g_free (symbol->name);
  g_free (symbol->type);
  g_free (symbol->alpha);
  g_ptr_array_unref (symbol->layers);
  g_free (symbol);
}

static void
qml_class_free (QmlClass *klass)
{
  g_ptr_array_unref (klass->values);
  g_free (klass->label);
  g_free (klass->symbol);
  g_free (klass->lower);
  g_free (klass->upper);
  g_free (klass);
}

static void
qml_reader_clear (QmlReader *r)
{
  g_clear_pointer (&r->renderer_type, g_free);
  g_clear_pointer (&r->attr, g_free);
  g_clear_pointer (&r->classes, g_ptr_array_unref);
  g_clear_pointer (&r->symbols, g_hash_table_unref);
  g_clear_pointer (&r->symbol, qml_symbol_free);
  g_clear_pointer (&r->layer, qml_layer_free);
  g_clear_pointer (&r->noticed, g_hash_table_unref);
}

G_GNUC_PRINTF (2, 3)
static void
notice (QmlReader  *r,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (!g_hash_table_add (r->noticed, g_strdup (message)))
    return;
  if (r->notices != NULL)
    g_ptr_array_add (r->notices, g_steal_pointer (&message));
  else
    g_debug ("%s", message);
}

static const char *
find_attribute (const char  *name,
                const char **names,
                const char **values)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], name) == 0)
      return values[i];
  return NULL;
}

static const char *
parent_element (GMarkupParseContext *context)
{
  const GSList *stack = g_markup_parse_context_get_element_stack (context);

  return stack != NULL && stack->next != NULL ? stack->next->data : NULL;
}

/* ---------------------------------------------------------------- reading */

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  QmlReader *r = user_data;
  const char *parent = parent_element (context);
  guint depth = ++r->depth;

  if (depth > MAX_DEPTH)
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                   _("%s: the style file nests elements more than %d levels deep"),
                   r->display_name, MAX_DEPTH);
      return;
    }
  if (depth == 1)
    {
      if (strcmp (element, "qgis") != 0)
        {
          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED,
                       _("%s is not a QGIS style file: it starts with <%s> instead of <qgis>"),
                       r->display_name, element);
          return;
        }
      r->seen_root = TRUE;
      return;
    }

  /* A .qml holds its renderer right under <qgis>; renderers nested in
   * others (inverted polygons, point displacement) are not read. */
  if (depth == 2 && strcmp (element, "renderer-v2") == 0 && !r->renderer_done)
    {
      r->renderer_depth = depth;
      r->renderer_type = g_strdup (find_attribute ("type", names, values));
      r->attr = g_strdup (find_attribute ("attr", names, values));
      return;
    }
  if (r->renderer_depth == 0)
    return;

  if (depth == r->renderer_depth + 2 && g_strcmp0 (parent, "categories") == 0 &&
      strcmp (element, "category") == 0)
    {
      QmlClass *klass = g_new0 (QmlClass, 1);
      const char *value = find_attribute ("value", names, values);

      klass->values = g_ptr_array_new_with_free_func (g_free);
      if (value != NULL)
        g_ptr_array_add (klass->values, g_strdup (value));
      klass->label = g_strdup (find_attribute ("label", names, values));
      klass->symbol = g_strdup (find_attribute ("symbol", names, values));
      klass->render = g_strcmp0 (find_attribute ("render", names, values), "false") != 0;
      g_ptr_array_add (r->classes, klass);
      r->category = klass;
      r->category_depth = depth;
    }
  else if (r->category != NULL && depth == r->category_depth + 1 && strcmp (element, "val") == 0)
    {
      /* A category merged from several values lists them as <val>s. */
      const char *value = find_attribute ("value", names, values);

      if (value != NULL)
        g_ptr_array_add (r->category->values, g_strdup (value));
    }
  else if (depth == r->renderer_depth + 2 && g_strcmp0 (parent, "ranges") == 0 &&
           strcmp (element, "range") == 0)
    {
      QmlClass *klass = g_new0 (QmlClass, 1);

      klass->values = g_ptr_array_new_with_free_func (g_free);
      klass->lower = g_strdup (find_attribute ("lower", names, values));
      klass->upper = g_strdup (find_attribute ("upper", names, values));
      klass->label = g_strdup (find_attribute ("label", names, values));
      klass->symbol = g_strdup (find_attribute ("symbol", names, values));
      klass->render = g_strcmp0 (find_attribute ("render", names, values), "false") != 0;
      g_ptr_array_add (r->classes, klass);
    }
  else if (depth == r->renderer_depth + 2 && g_strcmp0 (parent, "symbols") == 0 &&
           strcmp (element, "symbol") == 0)
    {
      const char *name = find_attribute ("name", names, values);

      if (name == NULL)
        {
          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                       _("%s: a symbol of the style has no name"), r->display_name);
          return;
        }
      r->symbol = g_new0 (QmlSymbol, 1);
      r->symbol->name = g_strdup (name);
      r->symbol->type = g_strdup (find_attribute ("type", names, values));
      r->symbol->alpha = g_strdup (find_attribute ("alpha", names, values));
      r->symbol->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) qml_layer_free);
      r->symbol_depth = depth;
    }
  else if (r->symbol != NULL && r->layer == NULL && depth == r->symbol_depth + 1 &&
           strcmp (element, "layer") == 0)
    {
      r->layer = g_new0 (QmlLayer, 1);
      r->layer->klass = g_strdup (find_attribute ("class", names, values));
      r->layer->enabled = g_strcmp0 (find_attribute ("enabled", names, values), "0") != 0;
      r->layer->props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      r->layer_depth = depth;
    }
  else if (r->layer != NULL && depth == r->layer_depth + 1 && strcmp (element, "prop") == 0)
    {
      const char *k = find_attribute ("k", names, values);
      const char *v = find_attribute ("v", names, values);

      if (k != NULL && v != NULL)
        g_hash_table_insert (r->layer->props, g_strdup (k), g_strdup (v));
    }
  else if (r->layer != NULL && depth == r->layer_depth + 1 && strcmp (element, "Option") == 0 &&
           g_strcmp0 (find_attribute ("type", names, values), "Map") == 0)
    {
      r->options_depth = depth;
    }
  else if (r->layer != NULL && r->options_depth != 0 && depth == r->options_depth + 1 &&
           strcmp (element, "Option") == 0)
    {
      const char *k = find_attribute ("name", names, values);
      const char *v = find_attribute ("value", names, values);

      if (k != NULL && v != NULL)
        g_hash_table_insert (r->layer->props, g_strdup (k), g_strdup (v));
    }
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element,
                gpointer              user_data,
                GError              **error)
{
  QmlReader *r = user_data;

  if (r->depth == r->options_depth)
    r->options_depth = 0;
  if (r->layer != NULL && r->depth == r->layer_depth)
    {
      g_ptr_array_add (r->symbol->layers, g_steal_pointer (&r->layer));
      r->layer_depth = 0;
    }
  if (r->symbol != NULL && r->depth == r->symbol_depth)
    {
      QmlSymbol *symbol = g_steal_pointer (&r->symbol);

      g_hash_table_replace (r->symbols, symbol->name, symbol);
      r->symbol_depth = 0;
    }
  if (r->category != NULL && r->depth == r->category_depth)
    {
      r->category = NULL;
      r->category_depth = 0;
    }
  if (r->renderer_depth != 0 && r->depth == r->renderer_depth)
    {
      r->renderer_depth = 0;
      r->renderer_done = TRUE;
    }
  r->depth--;
}

/* ---------------------------------------------------------------- values */

static gboolean
parse_number (const char *text,
              double     *value)
{
  char *end = NULL;
  double v;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == text)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

/* "r,g,b[,a]" in 0…255, possibly followed by QGIS ≥ 3.34's ",rgb:…" (or
 * hsv:, cmyk:) spec. */
static gboolean
parse_color (const char *text,
             double     *rgba)
{
  guint64 c[4] = { 0, 0, 0, 255 };
  const char *p = text;
  guint n = 0;

  if (text == NULL)
    return FALSE;
  while (n < 4)
    {
      char *end = NULL;

      while (g_ascii_isspace (*p))
        p++;
      if (!g_ascii_isdigit (*p))
        break;
      c[n] = g_ascii_strtoull (p, &end, 10);
      if (end == p || c[n] > 255)
        return FALSE;
      n++;
      p = end;
      while (g_ascii_isspace (*p))
        p++;
      if (*p != ',')
        break;
      p++;
    }
  while (g_ascii_isspace (*p))
    p++;
  if (n < 3 || (*p != '\0' && !g_ascii_isalpha (*p)))
    return FALSE;
  for (guint i = 0; i < 4; i++)
    rgba[i] = c[i] / 255.0;
  return TRUE;
}

/* The first of the keys the layer has (QGIS 2 names come second). */
static const char *
layer_prop (QmlLayer   *layer,
            const char *key,
            const char *old_key)
{
  const char *value = g_hash_table_lookup (layer->props, key);

  if (value == NULL && old_key != NULL)
    value = g_hash_table_lookup (layer->props, old_key);
  return value;
}

static double
mm_per_unit (PvUnit unit)
{
  switch (unit)
    {
    case PV_UNIT_PT:
      return 25.4 / 72;
    case PV_UNIT_PX:
      return 25.4 / 96;
    case PV_UNIT_MM:
    default:
      return 1.0;
    }
}

static double
convert_size (double value,
              PvUnit from,
              PvUnit to)
{
  return from == to ? value : value * mm_per_unit (from) / mm_per_unit (to);
}

/* A size with its unit, read from a layer; into the class's unit later. */
typedef struct
{
  double   *target;
  double    value;
  PvUnit    unit;
  gboolean  exact;   /* the unit is one of ours */
} Size;

static gboolean
read_size (QmlReader   *r,
           QmlLayer    *layer,
           const char  *key,
           const char  *old_key,
           const char  *unit_key,
           const char  *old_unit_key,
           double      *target,
           GArray      *sizes,
           GError     **error)
{
  const char *text = layer_prop (layer, key, old_key);
  const char *unit = layer_prop (layer, unit_key, old_unit_key);
  Size size = { target, 0, PV_UNIT_MM, TRUE };

  if (text == NULL)
    return TRUE;
  if (!parse_number (text, &size.value) || size.value < 0 || size.value > MAX_SIZE)
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                   _("%s: the size “%s” of “%s” is not a number from 0 to %g"),
                   r->display_name, text, key, MAX_SIZE);
      return FALSE;
    }
  if (unit == NULL || g_ascii_strcasecmp (unit, "MM") == 0)
    size.unit = PV_UNIT_MM;
  else if (g_ascii_strcasecmp (unit, "Point") == 0)
    size.unit = PV_UNIT_PT;
  else if (g_ascii_strcasecmp (unit, "Pixel") == 0)
    size.unit = PV_UNIT_PX;
  else if (g_ascii_strcasecmp (unit, "Inch") == 0)
    {
      size.value *= 25.4;
      size.exact = FALSE;
    }
  else if (g_ascii_strcasecmp (unit, "MapUnit") == 0 ||
           g_ascii_strcasecmp (unit, "RenderMetersInMapUnits") == 0)
    {
      size.value *= MAP_UNIT_MM;
      size.exact = FALSE;
      notice (r, _("%s: sizes in map units depend on the map scale; they are drawn as on a 1:2000 plan "
                   "(1 map unit = 0.5 mm)"), r->display_name);
    }
  else
    {
      size.exact = FALSE;
      notice (r, _("%s: the size unit “%s” is not supported; millimetres are used instead"),
              r->display_name, unit);
    }
  g_array_append_val (sizes, size);
  return TRUE;
}

static gboolean
read_color (QmlReader   *r,
            QmlLayer    *layer,
            const char  *key,
            const char  *old_key,
            double       alpha,
            double      *target,
            GError     **error)
{
  const char *text = layer_prop (layer, key, old_key);

  if (text == NULL)
    return TRUE;
  if (!parse_color (text, target))
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                   _("%s: the colour “%s” is not of the form red,green,blue,alpha with numbers from 0 to 255"),
                   r->display_name, text);
      return FALSE;
    }
  target[3] *= alpha;
  return TRUE;
}

/* Qt pen styles as QGIS names them. */
static PvDash
read_dash (QmlReader  *r,
           QmlLayer   *layer,
           const char *key,
           const char *old_key)
{
  const char *text = layer_prop (layer, key, old_key);

  if (text == NULL || strcmp (text, "solid") == 0)
    return PV_DASH_SOLID;
  if (strcmp (text, "no") == 0)
    return PV_DASH_NONE;
  if (strcmp (text, "dash") == 0)
    return PV_DASH_DASH;
  if (strcmp (text, "dot") == 0)
    return PV_DASH_DOT;
  if (strcmp (text, "dash dot") == 0)
    return PV_DASH_DASH_DOT;
  if (strcmp (text, "dash dot dot") == 0)
    return PV_DASH_DASH_DOT_DOT;
  notice (r, _("%s: the line style “%s” is not supported; a solid line is drawn instead"),
          r->display_name, text);
  return PV_DASH_SOLID;
}

static gboolean
is_class (QmlLayer   *layer,
          const char *klass)
{
  return layer->enabled && g_strcmp0 (layer->klass, klass) == 0;
}

/* Fills a SimpleFill's brush into symbol: a solid colour, or a pattern of
 * lines in that colour over nothing (as Qt brushes draw). */
static void
read_fill_style (QmlReader       *r,
                 QmlLayer        *layer,
                 PvStyleCategory *symbol)
{
  /* Qt's dithered Dense1…7 brushes cover this share of the area. */
  static const double dense_coverage[] = { 0.94, 0.88, 0.63, 0.5, 0.37, 0.12, 0.06 };
  const char *style = layer_prop (layer, "style", NULL);
  PvHatch hatch = PV_HATCH_NONE;

  symbol->hatch = PV_HATCH_NONE;
  if (style == NULL || strcmp (style, "solid") == 0)
    return;
  if (strcmp (style, "no") == 0)
    {
      symbol->fill[3] = 0;
      return;
    }
  if (strcmp (style, "horizontal") == 0)
    hatch = PV_HATCH_HORIZONTAL;
  else if (strcmp (style, "vertical") == 0)
    hatch = PV_HATCH_VERTICAL;
  else if (strcmp (style, "cross") == 0)
    hatch = PV_HATCH_CROSS;
  /* Qt's "backward" diagonal rises to the right (/), its "forward" one
   * falls (\): we name them by what they look like. */
  else if (strcmp (style, "b_diagonal") == 0)
    hatch = PV_HATCH_FORWARD_DIAGONAL;
  else if (strcmp (style, "f_diagonal") == 0)
    hatch = PV_HATCH_BACKWARD_DIAGONAL;
  else if (strcmp (style, "diagonal_x") == 0)
    hatch = PV_HATCH_DIAGONAL_CROSS;
  else if (g_str_has_prefix (style, "dense") && style[5] >= '1' && style[5] <= '7' && style[6] == '\0')
    {
      double coverage = dense_coverage[style[5] - '1'];

      /* Dense1…4 look like a paler solid fill, Dense5…7 like dots. */
      notice (r, _("%s: the dithered fill “%s” is drawn as a similar tint or dot pattern"),
              r->display_name, style);
      if (coverage >= 0.5)
        {
          symbol->fill[3] *= coverage;
          return;
        }
      hatch = PV_HATCH_DOTS;
    }
  else
    {
      notice (r, _("%s: the fill style “%s” is not supported; a solid fill is drawn instead"),
              r->display_name, style);
      return;
    }
  symbol->hatch = hatch;
  memcpy (symbol->hatch_color, symbol->fill, sizeof symbol->fill);
  symbol->fill[3] = 0;
}

static PvMarker
read_marker (QmlReader *r,
             QmlLayer  *layer)
{
  const char *name = layer_prop (layer, "name", NULL);

  if (name == NULL || strcmp (name, "circle") == 0)
    return PV_MARKER_CIRCLE;
  if (strcmp (name, "square") == 0)
    return PV_MARKER_SQUARE;
  if (strcmp (name, "triangle") == 0 || strcmp (name, "equilateral_triangle") == 0)
    return PV_MARKER_TRIANGLE;
  if (strcmp (name, "star") == 0)
    return PV_MARKER_STAR;
  if (strcmp (name, "diamond") == 0)
    return PV_MARKER_DIAMOND;
  if (strcmp (name, "cross") == 0 || strcmp (name, "cross2") == 0 || strcmp (name, "cross_fill") == 0)
    return PV_MARKER_CROSS;
  notice (r, _("%s: the marker shape “%s” is not supported; a circle is drawn instead"),
          r->display_name, name);
  return PV_MARKER_CIRCLE;
}

/* The symbol part of a class from a QGIS symbol, on top of base (the class
 * as our constructor made it, whose defaults fill what QGIS leaves out).
 *
 * Multi-layer symbols: a fill takes its colour and pattern from its first
 * SimpleFill layer and its outline from the first layer that draws one (a
 * SimpleFill with an outline, or a SimpleLine); a line is its topmost
 * SimpleLine, over the one below it as casing when that is wider; a marker
 * is its first SimpleMarker. Other symbol layers are left out, with a
 * notice. */
static gboolean
symbol_to_category (QmlReader             *r,
                    QmlSymbol             *qs,
                    gboolean               render,
                    const PvStyleCategory *base,
                    PvStyleCategory       *out,
                    GError               **error)
{
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (Size));
  QmlLayer *fill = NULL, *outline = NULL, *marker = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  double alpha = 1.0;
  double casing_outer = -1;
  gboolean used = FALSE;
  PvUnit unit;

  *out = *base;
  if (qs->alpha != NULL && (!parse_number (qs->alpha, &alpha) || alpha < 0 || alpha > 1))
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                   _("%s: the opacity “%s” of symbol “%s” is not a number from 0 to 1"),
                   r->display_name, qs->alpha, qs->name);
      return FALSE;
    }

  for (guint i = 0; i < qs->layers->len; i++)
    {
      QmlLayer *layer = g_ptr_array_index (qs->layers, i);

      if (!layer->enabled)
        continue;
      if (is_class (layer, "SimpleFill"))
        {
          if (fill == NULL)
            fill = layer;
          if (outline == NULL && g_strcmp0 (layer_prop (layer, "outline_style", "style_border"), "no") != 0)
            outline = layer;
        }
      else if (is_class (layer, "SimpleLine"))
        {
          if (outline == NULL)
            outline = layer;
          g_ptr_array_add (lines, layer);
        }
      else if (is_class (layer, "SimpleMarker"))
        {
          if (marker == NULL)
            marker = layer;
        }
      else
        notice (r, _("%s: symbol layers of type “%s” cannot be drawn and were left out"),
                r->display_name, layer->klass ? layer->klass : "?");
    }

  if (g_strcmp0 (qs->type, "marker") == 0)
    {
      if ((used = marker != NULL))
        {
          if (!read_color (r, marker, "color", NULL, alpha, out->fill, error) ||
              !read_color (r, marker, "outline_color", "color_border", alpha, out->outline, error) ||
              !read_size (r, marker, "outline_width", NULL, "outline_width_unit", NULL,
                          &out->outline_width, sizes, error) ||
              !read_size (r, marker, "size", NULL, "size_unit", NULL, &out->marker_size, sizes, error))
            return FALSE;
          out->outline_dash = read_dash (r, marker, "outline_style", NULL);
          out->marker = read_marker (r, marker);
        }
    }
  else if (g_strcmp0 (qs->type, "line") == 0)
    {
      if ((used = lines->len > 0))
        {
          QmlLayer *top = g_ptr_array_index (lines, lines->len - 1);

          if (!read_color (r, top, "line_color", "color", alpha, out->fill, error) ||
              !read_size (r, top, "line_width", "width", "line_width_unit", "width_unit",
                          &out->line_width, sizes, error))
            return FALSE;
          out->line_dash = read_dash (r, top, "line_style", "penstyle");
          if (g_strcmp0 (layer_prop (top, "use_custom_dash", NULL), "1") == 0)
            notice (r, _("%s: custom dash patterns are drawn as plain dashes"), r->display_name);
          if (lines->len > 1)
            {
              QmlLayer *below = g_ptr_array_index (lines, lines->len - 2);

              if (!read_color (r, below, "line_color", "color", alpha, out->casing, error) ||
                  !read_size (r, below, "line_width", "width", "line_width_unit", "width_unit",
                              &casing_outer, sizes, error))
                return FALSE;
            }
          if (lines->len > 2)
            notice (r, _("%s: lines of more than two layers are drawn with the top two only"),
                    r->display_name);
        }
    }
  else
    {
      if (g_strcmp0 (qs->type, "fill") != 0)
        notice (r, _("%s: symbols of type “%s” are read as fills"),
                r->display_name, qs->type ? qs->type : "?");
      used = fill != NULL || outline != NULL;
      if (fill != NULL)
        {
          if (!read_color (r, fill, "color", NULL, alpha, out->fill, error))
            return FALSE;
          read_fill_style (r, fill, out);
        }
      else if (used)
        {
          out->fill[3] = 0;   /* an outline only */
          out->hatch = PV_HATCH_NONE;
        }
      if (outline != NULL && is_class (outline, "SimpleFill"))
        {
          if (!read_color (r, outline, "outline_color", "color_border", alpha, out->outline, error) ||
              !read_size (r, outline, "outline_width", "width_border", "outline_width_unit", "border_width_unit",
                          &out->outline_width, sizes, error))
            return FALSE;
          out->outline_dash = read_dash (r, outline, "outline_style", "style_border");
        }
      else if (outline != NULL)
        {
          if (!read_color (r, outline, "line_color", "color", alpha, out->outline, error) ||
              !read_size (r, outline, "line_width", "width", "line_width_unit", "width_unit",
                          &out->outline_width, sizes, error))
            return FALSE;
          out->outline_dash = read_dash (r, outline, "line_style", "penstyle");
        }
      else if (used)
        out->outline_dash = PV_DASH_NONE;
    }
  if (!used)
    notice (r, _("%s: symbol “%s” has no layer that can be drawn; the default symbol is used"),
            r->display_name, qs->name);

  /* One unit per class: the file's when all sizes share one of ours, else
   * millimetres. The defaults we keep move to that unit too. */
  unit = base->unit;
  for (guint i = 0; i < sizes->len; i++)
    {
      Size *size = &g_array_index (sizes, Size, i);

      if (i == 0)
        unit = size->exact ? size->unit : PV_UNIT_MM;
      if (!size->exact || size->unit != unit)
        unit = PV_UNIT_MM;
    }
  out->unit = unit;
  out->outline_width = convert_size (base->outline_width, base->unit, unit);
  out->line_width = convert_size (base->line_width, base->unit, unit);
  out->casing_width = convert_size (base->casing_width, base->unit, unit);
  out->hatch_spacing = convert_size (base->hatch_spacing, base->unit, unit);
  out->hatch_width = convert_size (base->hatch_width, base->unit, unit);
  out->marker_size = convert_size (base->marker_size, base->unit, unit);
  for (guint i = 0; i < sizes->len; i++)
    {
      Size *size = &g_array_index (sizes, Size, i);

      *size->target = convert_size (size->value, size->unit, unit);
    }
  /* Width 0 is QGIS's hairline: one device pixel. */
  for (guint i = 0; i < sizes->len; i++)
    {
      Size *size = &g_array_index (sizes, Size, i);

      if (size->value == 0 && (size->target == &out->outline_width || size->target == &out->line_width))
        *size->target = convert_size (1, PV_UNIT_PX, unit);
    }
  /* Casing: the lower line's width beyond each side of the top one. */
  if (casing_outer >= 0 && casing_outer > out->line_width)
    out->casing_width = (casing_outer - out->line_width) / 2;
  else if (casing_outer >= 0)
    out->casing[3] = 0;

  if (!render)
    {
      /* QGIS hides unticked classes. */
      out->fill[3] = 0;
      out->outline[3] = 0;
      out->casing[3] = 0;
      out->hatch = PV_HATCH_NONE;
      out->outline_dash = PV_DASH_NONE;
      out->line_dash = PV_DASH_NONE;
    }
  return TRUE;
}

static QmlSymbol *
class_symbol (QmlReader  *r,
              QmlClass   *klass,
              GError    **error)
{
  QmlSymbol *symbol = klass->symbol ? g_hash_table_lookup (r->symbols, klass->symbol) : NULL;

  if (symbol == NULL)
    g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                 _("%s: class “%s” uses symbol “%s”, which the file does not define"),
                 r->display_name, klass->label ? klass->label : "", klass->symbol ? klass->symbol : "");
  return symbol;
}

static gboolean
apply_symbol (QmlReader  *r,
              PvStyle    *style,
              guint       index,
              QmlSymbol  *qs,
              gboolean    render,
              const char *label,
              GError    **error)
{
  PvStyleCategory symbol;

  if (!symbol_to_category (r, qs, render, pv_style_get_category (style, index), &symbol, error))
    return FALSE;
  pv_style_set_category_symbol (style, index, &symbol);
  if (label != NULL && *label != '\0')
    pv_style_set_category_label (style, index, label);
  return TRUE;
}

/* ---------------------------------------------------------------- renderers */

static char *
field_name (const char *attr)
{
  gsize len = strlen (attr);

  /* QGIS quotes field names that need it: "ma sdd". */
  if (len >= 2 && attr[0] == '"' && attr[len - 1] == '"')
    return g_strndup (attr + 1, len - 2);
  return g_strdup (attr);
}

static PvStyle *
import_single (QmlReader  *r,
               GError    **error)
{
  const double grey[3] = { 0.5, 0.5, 0.5 };
  g_autoptr(PvStyle) style = pv_style_new_single (grey);
  QmlSymbol *symbol = g_hash_table_lookup (r->symbols, "0");

  if (symbol == NULL)
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                   _("%s: the single-symbol style has no symbol"), r->display_name);
      return NULL;
    }
  if (!apply_symbol (r, style, 0, symbol, TRUE, NULL, error))
    return NULL;
  return g_steal_pointer (&style);
}

static PvStyle *
import_categorized (QmlReader  *r,
                    GError    **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(PvStyle) style = NULL;
  g_autofree char *field = NULL;
  g_autofree gboolean *taken = NULL;
  QmlClass *other = NULL;
  guint n;

  if (r->attr == NULL || *r->attr == '\0')
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                   _("%s: the categorized style names no field"), r->display_name);
      return NULL;
    }
  for (guint i = 0; i < r->classes->len; i++)
    {
      QmlClass *klass = g_ptr_array_index (r->classes, i);

      if (!class_symbol (r, klass, error))
        return NULL;
      for (guint v = 0; v < klass->values->len; v++)
        {
          const char *value = g_ptr_array_index (klass->values, v);

          /* QGIS's category with an empty value takes all other values. */
          if (*value == '\0')
            other = other ? other : klass;
          else
            g_ptr_array_add (values, (gpointer) value);
        }
    }
  field = field_name (r->attr);
  style = pv_style_new_unique_values (field, (const char * const *) values->pdata, values->len);
  n = pv_style_get_n_categories (style);
  taken = g_new0 (gboolean, n);
  for (guint i = 0; i < r->classes->len; i++)
    {
      QmlClass *klass = g_ptr_array_index (r->classes, i);
      QmlSymbol *symbol = class_symbol (r, klass, NULL);

      for (guint v = 0; v < klass->values->len; v++)
        {
          const char *value = g_ptr_array_index (klass->values, v);
          guint index;

          if (*value == '\0')
            continue;
          index = pv_style_classify (style, value);
          if (index + 1 >= n || taken[index])
            {
              /* We match values case-insensitively, QGIS does not. */
              notice (r, _("%s: the category “%s” repeats an earlier value; the first one is used"),
                      r->display_name, value);
              continue;
            }
          taken[index] = TRUE;
          if (!apply_symbol (r, style, index, symbol, klass->render,
                             klass->label && *klass->label ? klass->label : value, error))
            return NULL;
        }
    }
  /* Without such a category QGIS does not draw other values; we keep our
   * visible "other" class, so that nothing disappears unnoticed. */
  if (other != NULL &&
      !apply_symbol (r, style, n - 1, class_symbol (r, other, NULL), other->render, other->label, error))
    return NULL;
  return g_steal_pointer (&style);
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const QmlClass *x = *(QmlClass * const *) a, *y = *(QmlClass * const *) b;

  return x->lo < y->lo ? -1 : x->lo > y->lo ? 1 : x->hi < y->hi ? -1 : x->hi > y->hi;
}

static PvStyle *
import_graduated (QmlReader  *r,
                  GError    **error)
{
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(PvStyle) style = NULL;
  g_autofree char *field = NULL;
  const double white[3] = { 1, 1, 1 }, black[3] = { 0, 0, 0 };

  if (r->attr == NULL || *r->attr == '\0')
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                   _("%s: the graduated style names no field"), r->display_name);
      return NULL;
    }
  if (r->classes->len == 0)
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                   _("%s: the graduated style has no class"), r->display_name);
      return NULL;
    }
  for (guint i = 0; i < r->classes->len; i++)
    {
      QmlClass *klass = g_ptr_array_index (r->classes, i);

      if (!parse_number (klass->lower, &klass->lo) || !parse_number (klass->upper, &klass->hi) ||
          klass->lo > klass->hi)
        {
          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                       _("%s: the class limits “%s” and “%s” are not two ascending numbers"),
                       r->display_name, klass->lower ? klass->lower : "", klass->upper ? klass->upper : "");
          return NULL;
        }
      if (!class_symbol (r, klass, error))
        return NULL;
    }
  /* QGIS lists ranges in any order; ours are contiguous and ascending. */
  g_ptr_array_sort (r->classes, compare_ranges);
  for (guint i = 0; i < r->classes->len; i++)
    {
      QmlClass *klass = g_ptr_array_index (r->classes, i);

      if (i == 0)
        g_array_append_val (breaks, klass->lo);
      else
        {
          double previous = g_array_index (breaks, double, breaks->len - 1);

          if (klass->hi <= previous)
            {
              g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                           _("%s: the class “%s” lies inside another class"),
                           r->display_name, klass->label ? klass->label : "");
              return NULL;
            }
          /* Values in a gap fall into the class above it. */
          if (klass->lo != previous)
            notice (r, _("%s: the class “%s” does not start where the class below it ends; "
                         "it is taken to start there"),
                    r->display_name, klass->label ? klass->label : klass->lower);
        }
      g_array_append_val (breaks, klass->hi);
    }
  field = field_name (r->attr);
  style = pv_style_new_graduated (field, breaks, white, black);
  for (guint i = 0; i < r->classes->len; i++)
    {
      QmlClass *klass = g_ptr_array_index (r->classes, i);

      if (!apply_symbol (r, style, i, class_symbol (r, klass, NULL), klass->render, klass->label, error))
        return NULL;
    }
  return g_steal_pointer (&style);
}

/* ---------------------------------------------------------------- entry points */

PvStyle *
pv_style_new_from_qml_data_full (const char  *data,
                                 gsize        len,
                                 const char  *display_name,
                                 GPtrArray   *notices,
                                 GError     **error)
{
  static const GMarkupParser parser = { start_element_cb, end_element_cb, NULL, NULL, NULL };
  static const struct
  {
    const char *type;
    const char *name;
  } unsupported[] = {
    { "RuleRenderer", N_("rule-based") },
    { "heatmapRenderer", N_("heatmap") },
    { "25dRenderer", N_("2.5 D") },
    { "pointDisplacement", N_("point displacement") },
    { "pointCluster", N_("point cluster") },
    { "invertedPolygonRenderer", N_("inverted polygons") },
    { "mergedFeatureRenderer", N_("merged features") },
    { "nullSymbol", N_("no symbols") },
    { "embeddedSymbol", N_("embedded symbols") },
  };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  QmlReader r = { 0 };
  PvStyle *style = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  r.display_name = display_name;
  r.notices = notices;
  r.noticed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.classes = g_ptr_array_new_with_free_func ((GDestroyNotify) qml_class_free);
  r.symbols = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) qml_symbol_free);

  /* A byte-order mark is not XML GMarkup accepts. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  context = g_markup_parse_context_new (&parser, 0, &r, NULL);
  if (!g_markup_parse_context_parse (context, data, len, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      if (local_error->domain == PV_DATA_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        {
          /* GMarkup quotes the bytes it could not read, valid or not. */
          g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT,
                       _("%s is not a valid style file: %s"), display_name, reason);
        }
      goto out;
    }
  if (!r.seen_root)
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_EMPTY,
                   _("%s is empty: it holds no QGIS style"), display_name);
      goto out;
    }
  if (r.renderer_type == NULL)
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED,
                   _("%s holds no vector symbology (no <renderer-v2>): raster, label-only and other "
                     "styles cannot be imported"), display_name);
      goto out;
    }

  if (strcmp (r.renderer_type, "singleSymbol") == 0)
    style = import_single (&r, error);
  else if (strcmp (r.renderer_type, "categorizedSymbol") == 0)
    style = import_categorized (&r, error);
  else if (strcmp (r.renderer_type, "graduatedSymbol") == 0)
    style = import_graduated (&r, error);
  else
    {
      const char *name = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (unsupported); i++)
        if (strcmp (r.renderer_type, unsupported[i].type) == 0)
          name = _(unsupported[i].name);
      if (name != NULL)
        /* Translators: the second %s is a kind of QGIS style, e.g. "heatmap". */
        g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED,
                     _("%s: %s styles cannot be imported; only single-symbol, categorized and graduated "
                       "styles can"), display_name, name);
      else
        g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED,
                     _("%s: the QGIS renderer “%s” cannot be imported; only single-symbol, categorized "
                       "and graduated styles can"), display_name, r.renderer_type);
    }

out:
  qml_reader_clear (&r);
  return style;
}

PvStyle *
pv_style_new_from_qml_data (const char  *data,
                            gsize        len,
                            const char  *display_name,
                            GError     **error)
{
  return pv_style_new_from_qml_data_full (data, len, display_name, NULL, error);
}

PvStyle *
pv_style_new_from_qml_file_full (const char  *path,
                                 GPtrArray   *notices,
                                 GError     **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf info;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  display_name = g_filename_display_name (path);
  if (g_stat (path, &info) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND,
                   _("%s cannot be read: %s"), display_name, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (info.st_mode))
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND,
                   _("%s is not a regular file"), display_name);
      return NULL;
    }
  if (info.st_size > MAX_FILE_SIZE)
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
                   _("%s is too large for a style file (more than %d MB)"), display_name,
                   MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND,
                   _("%s cannot be read: %s"), display_name, local_error->message);
      return NULL;
    }
  return pv_style_new_from_qml_data_full (contents, len, display_name, notices, error);
}

PvStyle *
pv_style_new_from_qml_file (const char  *path,
                            GError     **error)
{
  return pv_style_new_from_qml_file_full (path, NULL, error);
}
