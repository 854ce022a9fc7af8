/* test-ogr-style.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <string.h>

#include "pv-core.h"
#include "pv-error.h"
#include "pv-ogr-style.h"
#include "pv-style.h"
#include "pv-test-util.h"

/* GDAL's paper units: px and pt are both 1/72 inch. */
#define MM_PER_PT (25.4 / 72.0)

static void
assert_rgba (const double *rgba,
             double        r,
             double        g,
             double        b,
             double        a)
{
  g_assert_cmpfloat_with_epsilon (rgba[0], r, 1e-6);
  g_assert_cmpfloat_with_epsilon (rgba[1], g, 1e-6);
  g_assert_cmpfloat_with_epsilon (rgba[2], b, 1e-6);
  g_assert_cmpfloat_with_epsilon (rgba[3], a, 1e-6);
}

static PvStyleCategory
symbol_of (const char *style_string)
{
  PvStyleCategory symbol = { 0 };

  g_assert_true (pv_ogr_style_to_symbol (style_string, &symbol));
  g_assert_cmpint (symbol.unit, ==, PV_UNIT_MM);
  return symbol;
}

/* The style strings of every feature of the first layer of path, as GDAL
 * gives them (NULL entries for features without one). */
static GPtrArray *
read_styles (const char *path)
{
  GPtrArray *styles = g_ptr_array_new_with_free_func (g_free);
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  OGRLayerH layer;
  OGRFeatureH feature;

  g_assert_nonnull (ds);
  layer = GDALDatasetGetLayer (ds, 0);
  g_assert_nonnull (layer);
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_ptr_array_add (styles, g_strdup (OGR_F_GetStyleString (feature)));
      OGR_F_Destroy (feature);
    }
  GDALClose (ds);
  return styles;
}

static char *
realdata (const char *relative)
{
  char *path = pv_test_realdata_path (relative);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_free (path);
      g_test_skip ("realdata is absent");
      return NULL;
    }
  return path;
}

/* Writes one feature per style string into a MapInfo TAB through GDAL and
 * reads the strings back as the MapInfo driver gives them. */
static GPtrArray *
tab_round_trip (const char * const *styles,
                const char * const *wkts,
                guint               n)
{
  g_autofree char *dir = g_dir_make_tmp ("pv-ogr-style-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "styles.tab", NULL);
  GDALDriverH driver = GDALGetDriverByName ("MapInfo File");
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFieldDefnH field;
  GPtrArray *read;
  const char *suffixes[] = { ".tab", ".dat", ".map", ".id" };

  g_assert_nonnull (driver);
  ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (ds);
  layer = GDALDatasetCreateLayer (ds, "styles", NULL, wkbUnknown, NULL);
  g_assert_nonnull (layer);
  field = OGR_Fld_Create ("n", OFTInteger);
  g_assert_cmpint (OGR_L_CreateField (layer, field, TRUE), ==, OGRERR_NONE);
  OGR_Fld_Destroy (field);

  for (guint i = 0; i < n; i++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH geometry = NULL;
      char *wkt = (char *) wkts[i];

      g_assert_cmpint (OGR_G_CreateFromWkt (&wkt, NULL, &geometry), ==, OGRERR_NONE);
      OGR_F_SetFieldInteger (feature, 0, (int) i);
      OGR_F_SetGeometryDirectly (feature, geometry);
      OGR_F_SetStyleString (feature, styles[i]);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (ds);

  read = read_styles (path);
  g_assert_cmpuint (read->len, ==, n);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_build_filename (dir, "styles", NULL);
      g_autofree char *full = g_strconcat (file, suffixes[i], NULL);

      g_remove (full);
    }
  g_rmdir (dir);
  return read;
}

/* ---------------------------------------------------------------- strings */

static void
test_symbol_pen_brush (void)
{
  PvStyleCategory s = symbol_of ("PEN(c:#ff0000,w:1px,p:\"3px 2px\");"
                                 "BRUSH(fc:#00ff00,bc:#000000,id:\"mapinfo-brush-2,ogr-brush-1\")");
  g_autofree char *label = NULL;

  /* MapInfo's brush 2 is solid, whatever the OGR id says. */
  assert_rgba (s.fill, 0, 1, 0, 1);
  g_assert_cmpint (s.hatch, ==, PV_HATCH_NONE);
  assert_rgba (s.outline, 1, 0, 0, 1);
  g_assert_cmpfloat_with_epsilon (s.outline_width, MM_PER_PT, 1e-4);
  g_assert_cmpfloat_with_epsilon (s.line_width, MM_PER_PT, 1e-4);
  g_assert_cmpint (s.outline_dash, ==, PV_DASH_DASH);

  label = pv_ogr_style_describe ("PEN(c:#ff0000,w:1px,p:\"3px 2px\");"
                                 "BRUSH(fc:#00ff00,bc:#000000,id:\"mapinfo-brush-2,ogr-brush-1\")");
  g_assert_cmpstr (label, ==, "Fill #00ff00, outline #ff0000 0.35 mm");
}

static void
test_symbol_units (void)
{
  PvStyleCategory s;

  s = symbol_of ("PEN(c:#000000,w:2.5pt)");
  g_assert_cmpfloat_with_epsilon (s.line_width, 2.5 * MM_PER_PT, 1e-4);
  s = symbol_of ("PEN(c:#000000,w:0.5mm)");
  g_assert_cmpfloat_with_epsilon (s.line_width, 0.5, 1e-9);
  s = symbol_of ("PEN(c:#000000,w:0.1cm)");
  g_assert_cmpfloat_with_epsilon (s.line_width, 1.0, 1e-9);
  /* DXF line weights come as ground units but are mm. */
  s = symbol_of ("PEN(c:#ff0000,w:0.35g)");
  g_assert_cmpfloat_with_epsilon (s.line_width, 0.35, 1e-9);
  /* A PEN alone is a line: stroked in the fill colour. */
  assert_rgba (s.fill, 1, 0, 0, 1);
  /* No width: the default line. */
  s = symbol_of ("PEN(c:#000000)");
  g_assert_cmpfloat_with_epsilon (s.line_width, 0.4, 1e-9);
  /* Colours with alpha. */
  s = symbol_of ("BRUSH(fc:#00ff0080)");
  assert_rgba (s.fill, 0, 1, 0, 128 / 255.0);
}

static void
test_symbol_brushes (void)
{
  const struct
  {
    const char *id;
    PvHatch     hatch;
  } cases[] = {
    { "mapinfo-brush-3", PV_HATCH_HORIZONTAL },
    { "mapinfo-brush-4", PV_HATCH_VERTICAL },
    { "mapinfo-brush-5", PV_HATCH_BACKWARD_DIAGONAL },
    { "mapinfo-brush-6", PV_HATCH_FORWARD_DIAGONAL },
    { "mapinfo-brush-7", PV_HATCH_CROSS },
    { "mapinfo-brush-8", PV_HATCH_DIAGONAL_CROSS },
    { "mapinfo-brush-12", PV_HATCH_DOTS },
    { "mapinfo-brush-21", PV_HATCH_HORIZONTAL },
    { "mapinfo-brush-45", PV_HATCH_DIAGONAL_CROSS },
    { "ogr-brush-2", PV_HATCH_HORIZONTAL },
    { "ogr-brush-3", PV_HATCH_VERTICAL },
    { "ogr-brush-4", PV_HATCH_BACKWARD_DIAGONAL },
    { "ogr-brush-5", PV_HATCH_FORWARD_DIAGONAL },
    { "ogr-brush-6", PV_HATCH_CROSS },
    { "ogr-brush-7", PV_HATCH_DIAGONAL_CROSS },
    /* MapInfo's number wins over GDAL's equivalent. */
    { "mapinfo-brush-5,ogr-brush-5", PV_HATCH_BACKWARD_DIAGONAL },
  };
  PvStyleCategory s;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *with_bc = g_strdup_printf ("BRUSH(fc:#00ff00,bc:#0000ff,id:\"%s\")", cases[i].id);
      g_autofree char *without_bc = g_strdup_printf ("BRUSH(fc:#00ff00,id:\"%s\")", cases[i].id);

      s = symbol_of (with_bc);
      g_assert_cmpint (s.hatch, ==, cases[i].hatch);
      assert_rgba (s.hatch_color, 0, 1, 0, 1);
      assert_rgba (s.fill, 0, 0, 1, 1);          /* bc is the background */
      g_assert_cmpint (s.outline_dash, ==, PV_DASH_NONE);

      s = symbol_of (without_bc);
      g_assert_cmpint (s.hatch, ==, cases[i].hatch);
      assert_rgba (s.hatch_color, 0, 1, 0, 1);
      g_assert_cmpfloat (s.fill[3], ==, 0);      /* transparent background */
    }

  /* Null brushes. */
  s = symbol_of ("BRUSH(fc:#000000,bc:#ffffff,id:\"mapinfo-brush-1,ogr-brush-1\");PEN(w:1px,c:#000000)");
  g_assert_cmpfloat (s.fill[3], ==, 0);
  g_assert_cmpint (s.hatch, ==, PV_HATCH_NONE);
  g_assert_cmpint (s.outline_dash, ==, PV_DASH_SOLID);
  s = symbol_of ("BRUSH(fc:#ff0000,id:\"ogr-brush-1\")");
  g_assert_cmpfloat (s.fill[3], ==, 0);
  /* Solid. */
  s = symbol_of ("BRUSH(fc:#ff0000,id:\"ogr-brush-0\")");
  assert_rgba (s.fill, 1, 0, 0, 1);
}

static void
test_symbol_pens (void)
{
  const struct
  {
    const char *pen;
    PvDash      dash;
  } cases[] = {
    { "PEN(c:#000000,id:\"ogr-pen-0\")", PV_DASH_SOLID },
    { "PEN(c:#000000,id:\"ogr-pen-1\")", PV_DASH_NONE },
    { "PEN(c:#000000,id:\"ogr-pen-2\")", PV_DASH_DASH },
    { "PEN(c:#000000,id:\"ogr-pen-5\")", PV_DASH_DOT },
    { "PEN(c:#000000,id:\"ogr-pen-6\")", PV_DASH_DASH_DOT },
    { "PEN(c:#000000,id:\"ogr-pen-7\")", PV_DASH_DASH_DOT_DOT },
    { "PEN(c:#000000,p:\"4mm 2mm\")", PV_DASH_DASH },
    { "PEN(c:#000000,p:\"1 4px\")", PV_DASH_DOT },
    { "PEN(c:#000000,p:\"12.7g 6.35g\")", PV_DASH_DASH },
    { "PEN(c:#000000,p:\"10 3 1 3\")", PV_DASH_DASH_DOT },
    { "PEN(c:#000000,p:\"10 3 1 3 1 3\")", PV_DASH_DASH_DOT_DOT },
    /* A null MapInfo pen stays invisible whatever its pattern. */
    { "PEN(c:#000000,id:\"mapinfo-pen-1,ogr-pen-1\",p:\"1 1px\")", PV_DASH_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PvStyleCategory s = symbol_of (cases[i].pen);

      g_assert_cmpint (s.line_dash, ==, cases[i].dash);
      g_assert_cmpint (s.outline_dash, ==, cases[i].dash);
    }
}

static void
test_symbol_markers (void)
{
  const struct
  {
    const char *symbol;
    PvMarker    marker;
    gboolean    hollow;
  } cases[] = {
    { "SYMBOL(c:#ff0000,s:12pt,id:\"mapinfo-sym-32\")", PV_MARKER_SQUARE, FALSE },
    { "SYMBOL(c:#ff0000,s:12pt,id:\"mapinfo-sym-33\")", PV_MARKER_DIAMOND, FALSE },
    { "SYMBOL(c:#ff0000,s:12pt,id:\"mapinfo-sym-34\")", PV_MARKER_CIRCLE, FALSE },
    { "SYMBOL(c:#ff0000,s:12pt,id:\"mapinfo-sym-35,ogr-sym-10\")", PV_MARKER_STAR, FALSE },
    { "SYMBOL(c:#ff0000,s:12pt,id:\"mapinfo-sym-36\")", PV_MARKER_TRIANGLE, FALSE },
    { "SYMBOL(c:#ff0000,s:12pt,id:\"mapinfo-sym-40\")", PV_MARKER_CIRCLE, TRUE },
    { "SYMBOL(c:#ff0000,s:12pt,id:\"mapinfo-sym-49\")", PV_MARKER_CROSS, FALSE },
    { "SYMBOL(c:#ff0000,s:12pt,id:\"ogr-sym-0\")", PV_MARKER_CROSS, FALSE },
    { "SYMBOL(c:#ff0000,s:12pt,id:\"ogr-sym-2\")", PV_MARKER_CIRCLE, TRUE },
    { "SYMBOL(c:#ff0000,s:12pt,id:\"ogr-sym-5\")", PV_MARKER_SQUARE, FALSE },
    { "SYMBOL(c:#ff0000,s:12pt,a:45,id:\"ogr-sym-5\")", PV_MARKER_DIAMOND, FALSE },
    { "SYMBOL(c:#ff0000,s:12pt,id:\"ogr-sym-6\")", PV_MARKER_TRIANGLE, TRUE },
    { "SYMBOL(c:#ff0000,s:12pt,id:\"ogr-sym-9\")", PV_MARKER_STAR, FALSE },
    { "SYMBOL(c:#ff0000,s:12pt,id:\"font-sym-99,ogr-sym-9\",f:\"foo\")", PV_MARKER_STAR, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PvStyleCategory s = symbol_of (cases[i].symbol);

      g_assert_cmpint (s.marker, ==, cases[i].marker);
      g_assert_cmpfloat_with_epsilon (s.marker_size, 12 * MM_PER_PT, 1e-4);
      assert_rgba (s.outline, 1, 0, 0, 1);
      g_assert_cmpfloat (s.fill[3], ==, cases[i].hollow ? 0.0 : 1.0);
    }
}

static void
test_not_drawing (void)
{
  const char *strings[] = {
    "LABEL(f:\"Arial\",t:\"Test\",a:30,s:5g,p:7,c:#000000)",
    "@transBluePoly",
    "garbage(",
    "",
    NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PvStyle) style = NULL;
  PvStyleCategory s = { 0 };
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    g_assert_false (pv_ogr_style_to_symbol (strings[i], &s));
  g_assert_false (pv_ogr_style_is_useful (strings, G_N_ELEMENTS (strings)));
  g_assert_false (pv_ogr_style_is_useful (NULL, 0));
  g_assert_true (pv_ogr_style_is_useful ((const char * const[]) { "LABEL(t:\"a\")", "PEN(c:#000000)" }, 2));

  style = pv_style_new_from_feature_styles (strings, G_N_ELEMENTS (strings), &error);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_EMPTY);
  g_assert_null (style);

  text = pv_ogr_style_describe (strings[0]);
  g_assert_cmpstr (text, ==, "Text");
}

static void
test_label (void)
{
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  double angle = -1, size = -1, map_size = -1, rgba[4];

  g_assert_true (pv_ogr_style_get_label ("LABEL(t:\"Thủ Dầu Một\",a:30.5,s:10pt,c:#00ffff)",
                                         &text, &angle, &size, rgba));
  g_assert_cmpstr (text, ==, "Thủ Dầu Một");
  g_assert_cmpfloat_with_epsilon (angle, 30.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (size, 10, 1e-6);
  assert_rgba (rgba, 0, 1, 1, 1);
  g_assert_false (pv_ogr_style_get_label_map_size ("LABEL(t:\"a\",s:10pt)", &map_size));

  /* DXF text heights are drawing units. */
  g_assert_true (pv_ogr_style_get_label ("LABEL(f:\"Arial\",t:\"Second\",s:0.5g,p:7)",
                                         &text2, &angle, &size, rgba));
  g_assert_cmpstr (text2, ==, "Second");
  g_assert_cmpfloat (angle, ==, 0);
  g_assert_cmpfloat (size, ==, 0);
  assert_rgba (rgba, 0, 0, 0, 1);
  g_assert_true (pv_ogr_style_get_label_map_size ("LABEL(f:\"Arial\",t:\"Second\",s:0.5g,p:7)", &map_size));
  g_assert_cmpfloat_with_epsilon (map_size, 0.5, 1e-9);

  g_assert_false (pv_ogr_style_get_label ("PEN(c:#000000)", NULL, NULL, NULL, NULL));
  g_assert_false (pv_ogr_style_get_label (NULL, NULL, NULL, NULL, NULL));
}

/* ---------------------------------------------------------------- styles */

static void
test_style_order_and_limit (void)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GError) error = NULL;
  const PvStyleCategory *klass;
  guint n_distinct = PV_OGR_STYLE_MAX_CATEGORIES + 6;

  /* Style i appears i + 1 times, plus texts that must not become classes. */
  for (guint i = 0; i < n_distinct; i++)
    {
      for (guint k = 0; k <= i; k++)
        g_ptr_array_add (strings, g_strdup_printf ("PEN(c:#%06x,w:%upx)", i * 997, 1 + i % 5));
      g_ptr_array_add (strings, g_strdup_printf ("LABEL(t:\"%u\")", i));
    }
  g_ptr_array_add (strings, NULL);

  style = pv_style_new_from_feature_styles ((const char * const *) strings->pdata, strings->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (style);
  g_assert_cmpint (pv_style_get_kind (style), ==, PV_STYLE_CATEGORIZED);
  g_assert_cmpstr (pv_style_get_field (style), ==, PV_OGR_STYLE_FIELD);
  /* The drawing classes, one for the texts, "other". */
  g_assert_cmpuint (pv_style_get_n_categories (style), ==, PV_OGR_STYLE_MAX_CATEGORIES + 2);

  /* Most frequent first. */
  klass = pv_style_get_category (style, 0);
  g_assert_cmpstr (klass->value, ==, (const char *) g_ptr_array_index (strings, strings->len - 3));
  klass = pv_style_get_category (style, PV_OGR_STYLE_MAX_CATEGORIES);
  g_assert_cmpstr (klass->value, ==, PV_OGR_STYLE_TEXT_VALUE);
  g_assert_cmpfloat (klass->fill[3], ==, 0);
  g_assert_cmpfloat (klass->outline[3], ==, 0);
  klass = pv_style_get_category (style, PV_OGR_STYLE_MAX_CATEGORIES + 1);
  g_assert_true (klass->other);

  /* The rarest styles fall into "other"; texts are told apart by the layer. */
  g_assert_cmpuint (pv_style_classify (style, "PEN(c:#000000,w:1px)"), ==, PV_OGR_STYLE_MAX_CATEGORIES + 1);
  g_assert_true (pv_ogr_style_is_text ("LABEL(t:\"3\")"));
  g_assert_false (pv_ogr_style_is_text ("PEN(c:#000000,w:1px);LABEL(t:\"3\")"));
  klass = pv_style_get_category (style, PV_OGR_STYLE_MAX_CATEGORIES - 1);
  g_assert_cmpuint (pv_style_classify (style, klass->value), ==, PV_OGR_STYLE_MAX_CATEGORIES - 1);
}

static void
test_tab_round_trip (void)
{
  const char *styles[] = {
    "PEN(w:2px,c:#ff0000,id:\"mapinfo-pen-2\")",
    "PEN(w:2px,c:#ff0000,id:\"mapinfo-pen-3\")",
    "PEN(w:2px,c:#ff0000,id:\"mapinfo-pen-5\")",
    "PEN(w:2px,c:#ff0000,id:\"mapinfo-pen-14\")",
    "BRUSH(fc:#00ff00,bc:#0000ff,id:\"mapinfo-brush-5\");PEN(w:1px,c:#000000)",
    "BRUSH(fc:#00ff00,bc:#0000ff,id:\"mapinfo-brush-6\");PEN(w:1px,c:#000000)",
    "BRUSH(fc:#00ff00,id:\"mapinfo-brush-7\");PEN(w:1px,c:#000000)",
    "BRUSH(fc:#d8b365,bc:#ffffff,id:\"mapinfo-brush-2\");PEN(w:3px,c:#8c510a)",
    "BRUSH(fc:#d8b365,bc:#ffffff,id:\"mapinfo-brush-2\");PEN(w:3px,c:#8c510a)",
    "BRUSH(fc:#d8b365,bc:#ffffff,id:\"mapinfo-brush-2\");PEN(w:3px,c:#8c510a)",
    "SYMBOL(c:#0000ff,s:10pt,id:\"mapinfo-sym-35\")",
    "SYMBOL(c:#0000ff,s:10pt,id:\"mapinfo-sym-40\")",
  };
  const char *line = "LINESTRING (500000 1200000,500100 1200100)";
  const char *poly = "POLYGON ((500000 1200000,500100 1200000,500100 1200100,500000 1200000))";
  const char *point = "POINT (500000 1200000)";
  const char *wkts[] = { line, line, line, line, poly, poly, poly, poly, poly, poly, point, point };
  g_autoptr(GPtrArray) read = tab_round_trip (styles, wkts, G_N_ELEMENTS (styles));
  const char * const *got = (const char * const *) read->pdata;
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GError) error = NULL;
  PvStyleCategory s;
  const PvStyleCategory *klass;
  g_autofree char *label = NULL;

  /* Pens: solid, dotted ("1 1px"), dashed ("3 1px"), dash-dot ("8 2 1 2px"). */
  s = symbol_of (got[0]);
  g_assert_cmpint (s.line_dash, ==, PV_DASH_SOLID);
  g_assert_cmpfloat_with_epsilon (s.line_width, 2 * MM_PER_PT, 1e-4);
  assert_rgba (s.fill, 1, 0, 0, 1);
  g_assert_cmpint (symbol_of (got[1]).line_dash, ==, PV_DASH_DOT);
  g_assert_cmpint (symbol_of (got[2]).line_dash, ==, PV_DASH_DASH);
  g_assert_cmpint (symbol_of (got[3]).line_dash, ==, PV_DASH_DASH_DOT);

  /* Brushes: the two diagonals stay apart, a brush without bc is see-through. */
  s = symbol_of (got[4]);
  g_assert_cmpint (s.hatch, ==, PV_HATCH_BACKWARD_DIAGONAL);
  assert_rgba (s.fill, 0, 0, 1, 1);
  assert_rgba (s.hatch_color, 0, 1, 0, 1);
  g_assert_cmpint (symbol_of (got[5]).hatch, ==, PV_HATCH_FORWARD_DIAGONAL);
  s = symbol_of (got[6]);
  g_assert_cmpint (s.hatch, ==, PV_HATCH_CROSS);
  g_assert_cmpfloat (s.fill[3], ==, 0);

  /* Symbols. */
  s = symbol_of (got[10]);
  g_assert_cmpint (s.marker, ==, PV_MARKER_STAR);
  g_assert_cmpfloat_with_epsilon (s.marker_size, 10 * MM_PER_PT, 1e-4);
  assert_rgba (s.fill, 0, 0, 1, 1);
  s = symbol_of (got[11]);
  g_assert_cmpint (s.marker, ==, PV_MARKER_CIRCLE);
  g_assert_cmpfloat (s.fill[3], ==, 0);

  /* The style: 10 distinct strings, the thrice-used brush first. */
  style = pv_style_new_from_feature_styles (got, read->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_style_get_n_categories (style), ==, 10 + 1);
  klass = pv_style_get_category (style, 0);
  g_assert_cmpstr (klass->value, ==, got[7]);
  assert_rgba (klass->fill, 0xd8 / 255.0, 0xb3 / 255.0, 0x65 / 255.0, 1);
  assert_rgba (klass->outline, 0x8c / 255.0, 0x51 / 255.0, 0x0a / 255.0, 1);
  g_assert_cmpfloat_with_epsilon (klass->outline_width, 3 * MM_PER_PT, 1e-4);
  g_assert_cmpstr (klass->label, ==, "Fill #d8b365, outline #8c510a 1.1 mm");
  /* Then in the order of the file. */
  g_assert_cmpstr (pv_style_get_category (style, 1)->value, ==, got[0]);
  for (guint i = 0; i < read->len; i++)
    g_assert_cmpuint (pv_style_classify (style, got[i]), <, 10);

  label = pv_ogr_style_describe (got[4]);
  g_assert_cmpstr (label, ==, "Diagonal hatch (\\) #00ff00 on #0000ff, outline #000000 0.35 mm");
}

/* ---------------------------------------------------------------- realdata */

static void
test_real_tab_win1251 (void)
{
  g_autofree char *path = realdata ("vector/tab_win1251/tab-win1251.TAB");
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GError) error = NULL;
  gboolean seen_point = FALSE, seen_line = FALSE, seen_polygon = FALSE;

  if (path == NULL)
    return;
  strings = read_styles (path);
  g_assert_cmpuint (strings->len, ==, 3);
  g_assert_true (pv_ogr_style_is_useful ((const char * const *) strings->pdata, strings->len));

  style = pv_style_new_from_feature_styles ((const char * const *) strings->pdata, strings->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_style_get_n_categories (style), ==, 3 + 1);
  for (guint i = 0; i < 3; i++)
    {
      const PvStyleCategory *klass = pv_style_get_category (style, pv_style_classify (style, g_ptr_array_index (strings, i)));

      g_assert_false (klass->other);
      if (strstr (klass->value, "SYMBOL") != NULL)
        {
          /* SYMBOL(a:0,c:#ff0000,s:12pt,id:"mapinfo-sym-35,ogr-sym-9") */
          g_assert_cmpint (klass->marker, ==, PV_MARKER_STAR);
          g_assert_cmpfloat_with_epsilon (klass->marker_size, 12 * MM_PER_PT, 1e-4);
          assert_rgba (klass->fill, 1, 0, 0, 1);
          g_assert_cmpstr (klass->label, ==, "Star #ff0000, 4.2 mm");
          seen_point = TRUE;
        }
      else if (strstr (klass->value, "BRUSH") != NULL)
        {
          /* BRUSH(fc:#ffffff,bc:#ffffff,id:"mapinfo-brush-2,ogr-brush-0");PEN(w:1px,c:#000000,…) */
          assert_rgba (klass->fill, 1, 1, 1, 1);
          g_assert_cmpint (klass->hatch, ==, PV_HATCH_NONE);
          assert_rgba (klass->outline, 0, 0, 0, 1);
          g_assert_cmpfloat_with_epsilon (klass->outline_width, MM_PER_PT, 1e-4);
          seen_polygon = TRUE;
        }
      else
        {
          /* PEN(w:2px,c:#00ff00,id:"mapinfo-pen-2,ogr-pen-0",cap:r,j:r) */
          assert_rgba (klass->fill, 0, 1, 0, 1);
          g_assert_cmpfloat_with_epsilon (klass->line_width, 2 * MM_PER_PT, 1e-4);
          g_assert_cmpint (klass->line_dash, ==, PV_DASH_SOLID);
          g_assert_cmpstr (klass->label, ==, "Line #00ff00 0.71 mm");
          seen_line = TRUE;
        }
    }
  g_assert_true (seen_point && seen_line && seen_polygon);
}

static void
test_real_mif_all_geoms (void)
{
  g_autofree char *path = realdata ("vector/mif_all_geoms/all_geoms.mif");
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GError) error = NULL;
  const PvStyleCategory *first;
  guint n_null_brush = 0, n_label = 0;

  if (path == NULL)
    return;
  strings = read_styles (path);
  g_assert_cmpuint (strings->len, ==, 16);

  style = pv_style_new_from_feature_styles ((const char * const *) strings->pdata, strings->len, &error);
  g_assert_no_error (error);
  /* 8 distinct strings, one of them a text object's LABEL only: 7 classes,
   * the texts' class and "other". */
  g_assert_cmpuint (pv_style_get_n_categories (style), ==, 7 + 2);
  /* PEN(w:1px,c:#000000,…) is the most used (4 features). */
  first = pv_style_get_category (style, 0);
  g_assert_true (g_str_has_prefix (first->value, "PEN(w:1px,c:#000000"));
  assert_rgba (first->fill, 0, 0, 0, 1);

  for (guint i = 0; i < strings->len; i++)
    {
      const char *s = g_ptr_array_index (strings, i);
      const PvStyleCategory *klass = pv_style_get_category (style, pv_style_classify (style, s));

      if (g_str_has_prefix (s, "LABEL("))
        {
          g_autofree char *text = NULL;
          double angle, size, rgba[4];

          /* The layer puts texts in the texts' class (not by string). */
          g_assert_true (klass->other);
          g_assert_true (pv_ogr_style_is_text (s));
          g_assert_true (pv_ogr_style_get_label (s, &text, &angle, &size, rgba));
          g_assert_cmpstr (text, ==, "text");
          g_assert_cmpfloat_with_epsilon (angle, 30, 1e-9);
          assert_rgba (rgba, 0, 1, 1, 1);
          n_label++;
          continue;
        }
      g_assert_false (klass->other);
      if (strstr (s, "mapinfo-brush-1") != NULL)
        {
          /* MapInfo's brush 1: no fill at all. */
          g_assert_cmpfloat (klass->fill[3], ==, 0);
          g_assert_cmpint (klass->outline_dash, ==, PV_DASH_SOLID);
          n_null_brush++;
        }
      if (strstr (s, "s:1pt") != NULL)
        g_assert_cmpfloat_with_epsilon (klass->marker_size, MM_PER_PT, 1e-4);
    }
  g_assert_cmpuint (n_null_brush, ==, 4);
  g_assert_cmpuint (n_label, ==, 1);
}

static void
test_real_dxf_assorted (void)
{
  g_autofree char *path = realdata ("vector/dxf_assorted/assorted.dxf");
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GError) error = NULL;
  const PvStyleCategory *klass;
  guint n_labels = 0;
  gboolean seen_test = FALSE;

  if (path == NULL)
    return;
  strings = read_styles (path);
  g_assert_cmpuint (strings->len, ==, 22);

  style = pv_style_new_from_feature_styles ((const char * const *) strings->pdata, strings->len, &error);
  g_assert_no_error (error);
  /* PEN(c:#000000) ×9, BRUSH(fc:#000000) ×6, PEN(c:#ffbeb8) ×1, the
   * texts, "other". */
  g_assert_cmpuint (pv_style_get_n_categories (style), ==, 3 + 2);
  g_assert_cmpstr (pv_style_get_category (style, 3)->value, ==, PV_OGR_STYLE_TEXT_VALUE);
  klass = pv_style_get_category (style, 0);
  g_assert_cmpstr (klass->value, ==, "PEN(c:#000000)");
  assert_rgba (klass->fill, 0, 0, 0, 1);
  klass = pv_style_get_category (style, 1);
  g_assert_cmpstr (klass->value, ==, "BRUSH(fc:#000000)");
  assert_rgba (klass->fill, 0, 0, 0, 1);
  g_assert_cmpint (klass->outline_dash, ==, PV_DASH_NONE);
  g_assert_cmpstr (klass->label, ==, "Fill #000000, no outline");
  klass = pv_style_get_category (style, 2);
  assert_rgba (klass->fill, 0xff / 255.0, 0xbe / 255.0, 0xb8 / 255.0, 1);

  for (guint i = 0; i < strings->len; i++)
    {
      const char *s = g_ptr_array_index (strings, i);
      g_autofree char *text = NULL;
      double angle, size, map_size = 0, rgba[4];

      if (!pv_ogr_style_get_label (s, &text, &angle, &size, rgba))
        continue;
      n_labels++;
      /* DXF text heights are in drawing units. */
      g_assert_cmpfloat (size, ==, 0);
      g_assert_true (pv_ogr_style_get_label_map_size (s, &map_size));
      g_assert_cmpfloat (map_size, >, 0);
      if (g_strcmp0 (text, "Test") == 0)
        {
          g_assert_cmpfloat_with_epsilon (angle, 30, 1e-9);
          g_assert_cmpfloat_with_epsilon (map_size, 5, 1e-9);
          assert_rgba (rgba, 0, 0, 0, 1);
          seen_test = TRUE;
        }
    }
  g_assert_cmpuint (n_labels, ==, 6);
  g_assert_true (seen_test);
}

static void
test_real_dgn (void)
{
  g_autofree char *path = realdata ("vector/dgn_canada/canada.dgn");
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  strings = read_styles (path);
  g_assert_cmpuint (strings->len, ==, 12);
  g_assert_true (pv_ogr_style_is_useful ((const char * const *) strings->pdata, strings->len));
  style = pv_style_new_from_feature_styles ((const char * const *) strings->pdata, strings->len, &error);
  g_assert_no_error (error);
  /* PEN(id:"ogr-pen-0",c:#ffffff) on every element. */
  g_assert_cmpuint (pv_style_get_n_categories (style), ==, 1 + 1);
  assert_rgba (pv_style_get_category (style, 0)->fill, 1, 1, 1, 1);
  g_assert_cmpint (pv_style_get_category (style, 0)->line_dash, ==, PV_DASH_SOLID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/ogr-style/symbol/pen-brush", test_symbol_pen_brush);
  g_test_add_func ("/core/ogr-style/symbol/units", test_symbol_units);
  g_test_add_func ("/core/ogr-style/symbol/brushes", test_symbol_brushes);
  g_test_add_func ("/core/ogr-style/symbol/pens", test_symbol_pens);
  g_test_add_func ("/core/ogr-style/symbol/markers", test_symbol_markers);
  g_test_add_func ("/core/ogr-style/not-drawing", test_not_drawing);
  g_test_add_func ("/core/ogr-style/label", test_label);
  g_test_add_func ("/core/ogr-style/style/order-and-limit", test_style_order_and_limit);
  g_test_add_func ("/core/ogr-style/style/tab-round-trip", test_tab_round_trip);
  g_test_add_func ("/core/ogr-style/real/tab-win1251", test_real_tab_win1251);
  g_test_add_func ("/core/ogr-style/real/mif-all-geoms", test_real_mif_all_geoms);
  g_test_add_func ("/core/ogr-style/real/dxf-assorted", test_real_dxf_assorted);
  g_test_add_func ("/core/ogr-style/real/dgn-canada", test_real_dgn);

  return g_test_run ();
}
