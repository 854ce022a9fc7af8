/* test-qml.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pv-core.h"
#include "pv-qml.h"
#include "pv-test-util.h"

static PvStyle *
load_fixture (const char *name,
              GPtrArray  *notices)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "qml", name, NULL);
  PvStyle *style = pv_style_new_from_qml_file_full (path, notices, &error);

  g_assert_no_error (error);
  g_assert_nonnull (style);
  return style;
}

/* The colour a .qml declares, "r,g,b,a" in 0…255, times the symbol opacity. */
static void
assert_rgba (const double *actual,
             guint         r,
             guint         g,
             guint         b,
             guint         a,
             double        opacity)
{
  g_assert_cmpfloat (actual[0], ==, r / 255.0);
  g_assert_cmpfloat (actual[1], ==, g / 255.0);
  g_assert_cmpfloat (actual[2], ==, b / 255.0);
  g_assert_cmpfloat_with_epsilon (actual[3], a / 255.0 * opacity, 1e-12);
}

static const PvStyleCategory *
category_of (PvStyle    *style,
             const char *value)
{
  guint index = pv_style_classify (style, value);

  g_assert_cmpuint (index + 1, <, pv_style_get_n_categories (style));
  g_assert_cmpstr (pv_style_get_category (style, index)->value, ==, value);
  return pv_style_get_category (style, index);
}

static void
test_qml_single (void)
{
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PvStyle) style = load_fixture ("single-3.28.qml", notices);
  const PvStyleCategory *klass;

  g_assert_cmpint (pv_style_get_kind (style), ==, PV_STYLE_SINGLE);
  g_assert_cmpuint (pv_style_get_n_categories (style), ==, 1);
  klass = pv_style_get_category (style, 0);
  /* Colour alpha 200 and symbol opacity 0.8 multiply. */
  assert_rgba (klass->fill, 227, 26, 28, 200, 0.8);
  assert_rgba (klass->outline, 35, 35, 35, 255, 0.8);
  g_assert_cmpint (klass->unit, ==, PV_UNIT_PT);
  g_assert_cmpfloat (klass->outline_width, ==, 1.5);
  g_assert_cmpint (klass->outline_dash, ==, PV_DASH_DASH);
  g_assert_cmpint (klass->hatch, ==, PV_HATCH_NONE);
  g_assert_cmpuint (notices->len, ==, 0);
}

static void
test_qml_categorized (void)
{
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PvStyle) style = load_fixture ("categorized-3.28.qml", notices);
  const PvStyleCategory *klass;
  guint n;

  g_assert_cmpint (pv_style_get_kind (style), ==, PV_STYLE_CATEGORIZED);
  g_assert_cmpstr (pv_style_get_field (style), ==, "ma_sdd");
  n = pv_style_get_n_categories (style);
  /* Six codes, then QGIS's empty-value category as our "other". */
  g_assert_cmpuint (n, ==, 7);

  klass = category_of (style, "ODT");
  g_assert_cmpstr (klass->label, ==, "ODT – Đất ở tại đô thị");
  assert_rgba (klass->fill, 201, 45, 130, 255, 1);
  assert_rgba (klass->outline, 90, 20, 60, 255, 1);
  g_assert_cmpint (klass->unit, ==, PV_UNIT_MM);
  g_assert_cmpfloat (klass->outline_width, ==, 0.35);
  g_assert_cmpint (klass->outline_dash, ==, PV_DASH_SOLID);
  g_assert_cmpint (klass->hatch, ==, PV_HATCH_NONE);
  g_assert_true (pv_style_get_category (style, pv_style_classify (style, "odt")) == klass);

  klass = category_of (style, "CLN");
  g_assert_cmpstr (klass->label, ==, "Đất trồng cây lâu năm");
  assert_rgba (klass->fill, 171, 229, 140, 255, 1);
  g_assert_cmpfloat (klass->outline_width, ==, 0.26);
  g_assert_cmpint (klass->outline_dash, ==, PV_DASH_DOT);

  /* A hatch in the fill colour over nothing, as Qt's brushes draw; the
   * outline width in pixels. */
  klass = category_of (style, "TMD");
  g_assert_cmpint (klass->hatch, ==, PV_HATCH_BACKWARD_DIAGONAL);
  assert_rgba (klass->hatch_color, 250, 120, 90, 180, 1);
  g_assert_cmpfloat (klass->fill[3], ==, 0);
  assert_rgba (klass->outline, 120, 40, 20, 255, 1);
  g_assert_cmpint (klass->unit, ==, PV_UNIT_PX);
  g_assert_cmpfloat (klass->outline_width, ==, 2);
  g_assert_cmpint (klass->outline_dash, ==, PV_DASH_DASH_DOT);

  /* No fill ("no" brush) and no SimpleFill outline: the SimpleLine above
   * draws the outline. */
  klass = category_of (style, "DGT");
  g_assert_cmpfloat (klass->fill[3], ==, 0);
  g_assert_cmpint (klass->hatch, ==, PV_HATCH_NONE);
  assert_rgba (klass->outline, 255, 170, 0, 255, 1);
  g_assert_cmpfloat (klass->outline_width, ==, 0.8);
  g_assert_cmpint (klass->outline_dash, ==, PV_DASH_DASH_DOT_DOT);

  /* Unticked in QGIS: not drawn. */
  klass = category_of (style, "SKK");
  g_assert_cmpstr (klass->label, ==, "Khu công nghiệp");
  g_assert_cmpfloat (klass->fill[3], ==, 0);
  g_assert_cmpfloat (klass->outline[3], ==, 0);
  g_assert_cmpint (klass->outline_dash, ==, PV_DASH_NONE);
  g_assert_cmpint (klass->hatch, ==, PV_HATCH_NONE);

  /* Two SimpleFills: the first gives fill and outline. */
  klass = category_of (style, "SKC");
  g_assert_cmpint (klass->hatch, ==, PV_HATCH_FORWARD_DIAGONAL);
  assert_rgba (klass->hatch_color, 140, 100, 200, 255, 1);
  assert_rgba (klass->outline, 35, 35, 35, 255, 1);
  g_assert_cmpfloat (klass->outline_width, ==, 0.26);

  klass = pv_style_get_category (style, n - 1);
  g_assert_true (klass->other);
  g_assert_cmpstr (klass->label, ==, "Các loại đất khác");
  g_assert_cmpint (klass->hatch, ==, PV_HATCH_HORIZONTAL);
  assert_rgba (klass->hatch_color, 210, 210, 210, 255, 1);
  assert_rgba (klass->outline, 128, 128, 128, 255, 1);
  g_assert_cmpfloat (klass->outline_width, ==, 0.1);
  g_assert_cmpuint (pv_style_classify (style, "LUC"), ==, n - 1);

  /* The elevation profile's symbol (1,2,3) and the source symbol are not
   * classes: nothing took their colours. */
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (pv_style_get_category (style, i)->fill[0], !=, 1 / 255.0);
  g_assert_cmpuint (notices->len, ==, 0);
}

static void
test_qml_graduated (void)
{
  g_autoptr(PvStyle) style = load_fixture ("graduated-3.16.qml", NULL);
  const PvStyleCategory *klass;

  g_assert_cmpint (pv_style_get_kind (style), ==, PV_STYLE_GRADUATED);
  g_assert_cmpstr (pv_style_get_field (style), ==, "dien_tich");
  g_assert_cmpuint (pv_style_get_n_categories (style), ==, 4);
  /* The ranges are listed out of order; the classes come sorted. */
  g_assert_cmpuint (pv_style_classify (style, "0"), ==, 0);
  g_assert_cmpuint (pv_style_classify (style, "50000"), ==, 0);
  g_assert_cmpuint (pv_style_classify (style, "50000.5"), ==, 1);
  g_assert_cmpuint (pv_style_classify (style, "500000"), ==, 1);
  g_assert_cmpuint (pv_style_classify (style, "500001"), ==, 2);
  g_assert_cmpuint (pv_style_classify (style, "5000000"), ==, 2);
  g_assert_cmpuint (pv_style_classify (style, "5000001"), ==, 3);
  g_assert_cmpuint (pv_style_classify (style, "-1"), ==, 3);

  klass = pv_style_get_category (style, 0);
  g_assert_cmpstr (klass->label, ==, "dưới 5 ha");
  assert_rgba (klass->fill, 255, 255, 212, 255, 1);
  klass = pv_style_get_category (style, 1);
  g_assert_cmpstr (klass->label, ==, "50 000 – 500 000 m²");
  assert_rgba (klass->fill, 254, 196, 79, 255, 1);
  klass = pv_style_get_category (style, 2);
  g_assert_cmpstr (klass->label, ==, "trên 50 ha");
  assert_rgba (klass->fill, 153, 52, 4, 255, 1);
  for (guint i = 0; i < 3; i++)
    {
      klass = pv_style_get_category (style, i);
      assert_rgba (klass->outline, 110, 110, 110, 255, 1);
      g_assert_cmpint (klass->unit, ==, PV_UNIT_PX);
      g_assert_cmpfloat (klass->outline_width, ==, 0.5);
    }
}

/* Line symbols: the top SimpleLine is the line, a wider one below it the
 * casing. */
static void
test_qml_lines (void)
{
  g_autoptr(PvStyle) style = load_fixture ("roads-3.22.qml", NULL);
  const PvStyleCategory *klass;

  g_assert_cmpstr (pv_style_get_field (style), ==, "cap");
  klass = category_of (style, "QL");
  g_assert_cmpstr (klass->label, ==, "Quốc lộ");
  assert_rgba (klass->fill, 230, 80, 60, 255, 1);
  g_assert_cmpint (klass->unit, ==, PV_UNIT_MM);
  g_assert_cmpfloat (klass->line_width, ==, 1.0);
  g_assert_cmpint (klass->line_dash, ==, PV_DASH_SOLID);
  assert_rgba (klass->casing, 120, 30, 30, 255, 1);
  g_assert_cmpfloat_with_epsilon (klass->casing_width, 0.3, 1e-12);

  klass = category_of (style, "DT");
  assert_rgba (klass->fill, 240, 200, 60, 255, 1);
  g_assert_cmpint (klass->unit, ==, PV_UNIT_PT);
  g_assert_cmpfloat (klass->line_width, ==, 2);
  g_assert_cmpint (klass->line_dash, ==, PV_DASH_DASH);
  g_assert_cmpfloat (klass->casing[3], ==, 0);
}

static void
test_qml_marker (void)
{
  g_autoptr(PvStyle) style = load_fixture ("poi-3.28.qml", NULL);
  const PvStyleCategory *klass = pv_style_get_category (style, 0);

  g_assert_cmpint (klass->marker, ==, PV_MARKER_STAR);
  g_assert_cmpint (klass->unit, ==, PV_UNIT_MM);
  g_assert_cmpfloat (klass->marker_size, ==, 3.5);
  assert_rgba (klass->fill, 255, 215, 0, 255, 1);
  assert_rgba (klass->outline, 60, 60, 60, 255, 1);
  g_assert_cmpfloat (klass->outline_width, ==, 0.4);
}

#define QML_HEAD "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.34.4-Prizren\">\n"
#define FILL_LAYER(props) \
  "<layer class=\"SimpleFill\" enabled=\"1\" pass=\"0\" locked=\"0\"><Option type=\"Map\">" props "</Option></layer>"
#define OPT(k, v) "<Option type=\"QString\" name=\"" k "\" value=\"" v "\"/>"
#define SINGLE(layers) \
  QML_HEAD "<renderer-v2 type=\"singleSymbol\"><symbols><symbol type=\"fill\" name=\"0\" alpha=\"1\">" \
  layers "</symbol></symbols></renderer-v2></qgis>\n"

static PvStyle *
load_data (const char *data,
           GPtrArray  *notices)
{
  g_autoptr(GError) error = NULL;
  PvStyle *style = pv_style_new_from_qml_data_full (data, strlen (data), "inline.qml", notices, &error);

  g_assert_no_error (error);
  return style;
}

static gboolean
notices_mention (GPtrArray  *notices,
                 const char *text)
{
  for (guint i = 0; i < notices->len; i++)
    {
      g_test_message ("notice: %s", (char *) g_ptr_array_index (notices, i));
      if (strstr (g_ptr_array_index (notices, i), text) != NULL &&
          strstr (g_ptr_array_index (notices, i), "inline.qml") != NULL)
        return TRUE;
    }
  return FALSE;
}

/* What QGIS writes in other versions and corners of the format. */
static void
test_qml_variants (void)
{
  /* QGIS ≥ 3.34 appends a float spec to the integers. */
  {
    g_autoptr(PvStyle) style = load_data (SINGLE (FILL_LAYER (OPT ("color", "10,20,30,255,rgb:0.0392157,0.0784314,0.1176471,1")
                                                              OPT ("outline_color", "1,2,3,128,rgb:0,0,0,0.5")
                                                              OPT ("outline_width", "0"))), NULL);
    const PvStyleCategory *klass = pv_style_get_category (style, 0);

    assert_rgba (klass->fill, 10, 20, 30, 255, 1);
    assert_rgba (klass->outline, 1, 2, 3, 128, 1);
    /* Width 0 is a hairline: one pixel. */
    g_assert_cmpfloat_with_epsilon (pv_unit_to_pixels (klass->outline_width, klass->unit, 96), 1, 1e-9);
  }
  /* Map units are approximated, and said so. */
  {
    g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(PvStyle) style = load_data (SINGLE (FILL_LAYER (OPT ("color", "1,1,1,255") OPT ("outline_width", "2")
                                                              OPT ("outline_width_unit", "MapUnit"))), notices);

    g_assert_cmpint (pv_style_get_category (style, 0)->unit, ==, PV_UNIT_MM);
    g_assert_cmpfloat (pv_style_get_category (style, 0)->outline_width, ==, 1.0);
    g_assert_true (notices_mention (notices, "map units"));
  }
  /* Sizes in several units end up in millimetres. */
  {
    g_autoptr(PvStyle) style = load_data (
      QML_HEAD "<renderer-v2 type=\"singleSymbol\"><symbols><symbol type=\"marker\" name=\"0\">"
      "<layer class=\"SimpleMarker\"><prop k=\"name\" v=\"diamond\"/><prop k=\"size\" v=\"9\"/>"
      "<prop k=\"size_unit\" v=\"Point\"/><prop k=\"outline_width\" v=\"1\"/><prop k=\"outline_width_unit\" v=\"MM\"/>"
      "<prop k=\"color\" v=\"0,0,255\"/></layer></symbol></symbols></renderer-v2></qgis>", NULL);
    const PvStyleCategory *klass = pv_style_get_category (style, 0);

    g_assert_cmpint (klass->marker, ==, PV_MARKER_DIAMOND);
    g_assert_cmpint (klass->unit, ==, PV_UNIT_MM);
    g_assert_cmpfloat_with_epsilon (klass->marker_size, 9 * 25.4 / 72, 1e-12);
    g_assert_cmpfloat (klass->outline_width, ==, 1);
    assert_rgba (klass->fill, 0, 0, 255, 255, 1);
  }
  /* A category merged from several values, and a symbol layer we cannot
   * draw next to one we can. */
  {
    g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(PvStyle) style = load_data (
      QML_HEAD "<renderer-v2 type=\"categorizedSymbol\" attr=\"&quot;loai dat&quot;\"><categories>"
      "<category render=\"true\" symbol=\"0\" label=\"Nông nghiệp\"><val value=\"LUC\" type=\"QString\"/>"
      "<val value=\"HNK\" type=\"QString\"/></category></categories><symbols>"
      "<symbol type=\"fill\" name=\"0\" alpha=\"0.5\">"
      "<layer class=\"SVGFill\" enabled=\"1\"><Option type=\"Map\">" OPT ("color", "9,9,9,255") "</Option></layer>"
      FILL_LAYER (OPT ("color", "0,128,0,255") OPT ("style", "dense6"))
      "</symbol></symbols></renderer-v2></qgis>", notices);
    const PvStyleCategory *luc, *hnk;

    g_assert_cmpstr (pv_style_get_field (style), ==, "loai dat");
    g_assert_cmpuint (pv_style_get_n_categories (style), ==, 3);
    luc = category_of (style, "LUC");
    hnk = category_of (style, "HNK");
    g_assert_cmpstr (luc->label, ==, "Nông nghiệp");
    g_assert_cmpstr (hnk->label, ==, "Nông nghiệp");
    g_assert_cmpint (luc->hatch, ==, PV_HATCH_DOTS);
    assert_rgba (hnk->hatch_color, 0, 128, 0, 255, 0.5);
    g_assert_true (notices_mention (notices, "SVGFill"));
    g_assert_true (notices_mention (notices, "dense6"));
  }
}

/* Renderers we cannot import, and files that are not styles at all, are
 * errors that name the file; none crashes. */
static void
test_qml_unsupported (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvStyle) style = NULL;
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "qml", "rule-based.qml", NULL);
  const char *heatmap = QML_HEAD "<renderer-v2 type=\"heatmapRenderer\" radius=\"10\"/></qgis>";
  const char *raster = QML_HEAD "<pipe><rasterrenderer type=\"singlebandgray\" grayBand=\"1\"/></pipe></qgis>";

  style = pv_style_new_from_qml_file (path, &error);
  g_assert_null (style);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "rule-based.qml"));
  g_assert_nonnull (strstr (error->message, "rule-based styles"));
  g_clear_error (&error);

  style = pv_style_new_from_qml_data (heatmap, strlen (heatmap), "heat.qml", &error);
  g_assert_null (style);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "heat.qml"));
  g_assert_nonnull (strstr (error->message, "heatmap"));
  g_clear_error (&error);

  style = pv_style_new_from_qml_data (raster, strlen (raster), "ortho.qml", &error);
  g_assert_null (style);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "ortho.qml"));
}

static void
assert_rejected (const char *data,
                 gsize       len,
                 const char *why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvStyle) style = NULL;

  g_test_message ("rejecting %s", why);
  style = pv_style_new_from_qml_data (data, len, "bad.qml", &error);
  g_assert_null (style);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PV_DATA_ERROR);
  g_test_message ("  → %s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "bad.qml"));
}

static void
test_qml_malformed (void)
{
  static const struct
  {
    const char *why;
    const char *data;
  } cases[] = {
    { "empty", "" },
    { "not XML", "colour=red\n" },
    { "wrong root", "<?xml version=\"1.0\"?><html><body>qgis</body></html>" },
    { "unclosed tags", QML_HEAD "<renderer-v2 type=\"singleSymbol\"><symbols>" },
    { "mismatched tags", QML_HEAD "<renderer-v2 type=\"singleSymbol\"></symbols></qgis>" },
    { "invalid UTF-8", QML_HEAD "<renderer-v2 type=\"single\xff\xfe\"/></qgis>" },
    { "no symbol", QML_HEAD "<renderer-v2 type=\"singleSymbol\"><symbols/></renderer-v2></qgis>" },
    { "huge width", SINGLE (FILL_LAYER (OPT ("color", "1,2,3,255") OPT ("outline_width", "1e999"))) },
    { "width beyond reason", SINGLE (FILL_LAYER (OPT ("color", "1,2,3,255") OPT ("outline_width", "1e300"))) },
    { "NaN width", SINGLE (FILL_LAYER (OPT ("color", "1,2,3,255") OPT ("outline_width", "nan"))) },
    { "negative width", SINGLE (FILL_LAYER (OPT ("color", "1,2,3,255") OPT ("outline_width", "-1"))) },
    { "colour out of range", SINGLE (FILL_LAYER (OPT ("color", "300,0,0,255"))) },
    { "huge colour", SINGLE (FILL_LAYER (OPT ("color", "99999999999999999999999,0,0,255"))) },
    { "colour words", SINGLE (FILL_LAYER (OPT ("color", "red"))) },
    { "NaN opacity", QML_HEAD "<renderer-v2 type=\"singleSymbol\"><symbols><symbol type=\"fill\" name=\"0\" alpha=\"nan\">"
                     FILL_LAYER (OPT ("color", "1,2,3,255")) "</symbol></symbols></renderer-v2></qgis>" },
    { "undefined symbol", QML_HEAD "<renderer-v2 type=\"categorizedSymbol\" attr=\"ma_sdd\"><categories>"
                          "<category value=\"ODT\" symbol=\"7\" label=\"ODT\"/></categories><symbols/></renderer-v2></qgis>" },
    { "categorized without field", QML_HEAD "<renderer-v2 type=\"categorizedSymbol\"><categories/></renderer-v2></qgis>" },
    { "reversed range", QML_HEAD "<renderer-v2 type=\"graduatedSymbol\" attr=\"x\"><ranges>"
                        "<range lower=\"10\" upper=\"1\" symbol=\"0\" label=\"a\"/></ranges><symbols>"
                        "<symbol type=\"fill\" name=\"0\">" FILL_LAYER (OPT ("color", "1,2,3,255"))
                        "</symbol></symbols></renderer-v2></qgis>" },
    { "NaN range", QML_HEAD "<renderer-v2 type=\"graduatedSymbol\" attr=\"x\"><ranges>"
                   "<range lower=\"nan\" upper=\"1\" symbol=\"0\" label=\"a\"/></ranges><symbols>"
                   "<symbol type=\"fill\" name=\"0\">" FILL_LAYER (OPT ("color", "1,2,3,255"))
                   "</symbol></symbols></renderer-v2></qgis>" },
    { "nested range", QML_HEAD "<renderer-v2 type=\"graduatedSymbol\" attr=\"x\"><ranges>"
                      "<range lower=\"0\" upper=\"100\" symbol=\"0\" label=\"a\"/>"
                      "<range lower=\"10\" upper=\"20\" symbol=\"0\" label=\"b\"/></ranges><symbols>"
                      "<symbol type=\"fill\" name=\"0\">" FILL_LAYER (OPT ("color", "1,2,3,255"))
                      "</symbol></symbols></renderer-v2></qgis>" },
    { "no ranges", QML_HEAD "<renderer-v2 type=\"graduatedSymbol\" attr=\"x\"><ranges/></renderer-v2></qgis>" },
  };
  g_autofree char *contents = NULL;
  g_autoptr(GString) deep = g_string_new ("<qgis>");
  g_autoptr(GError) error = NULL;
  g_autoptr(PvStyle) style = NULL;
  gsize len;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_rejected (cases[i].data, strlen (cases[i].data), cases[i].why);

  /* A real file cut anywhere is an error, never a half style. */
  g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "qml", "categorized-3.28.qml", NULL),
                       &contents, &len, &error);
  g_assert_no_error (error);
  for (gsize cut = 1; cut < len - 2; cut += 997)
    assert_rejected (contents, cut, "a truncated file");

  /* 10 MB of nesting stops at the depth limit. */
  while (deep->len < 10 * 1024 * 1024)
    g_string_append (deep, "<symbol><layer>");
  assert_rejected (deep->str, deep->len, "10 MB of nesting");

  /* A missing file. */
  style = pv_style_new_from_qml_file ("/nonexistent/style.qml", &error);
  g_assert_null (style);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/style.qml"));
}

/* The imported colours are what the renderer draws: a known ODT polygon of
 * the sample zoning plan shows the .qml's ODT colour. */
static void
test_qml_render (void)
{
  g_autofree char *path = pv_test_sample_path ("quy_hoach_2030.shp");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(PvStyle) style = load_fixture ("categorized-3.28.qml", NULL);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  cairo_surface_t *image;
  /* Inside polygon id 3718 (ma_sdd ODT), 60 m from any edge. */
  const double x = 598830.11, y = 1222188.66;
  double sx, sy;
  guint32 pixel;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data-samples/quy_hoach_2030.shp is absent");
      return;
    }
  layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pv_vector_layer_set_style (layers->pdata[0], style, NULL, &error));
  g_assert_no_error (error);
  pv_map_add_layer (map, layers->pdata[0]);
  pv_viewport_set_size (vp, 400, 400);
  pv_viewport_fit_extent (vp, 598307, 1221597, 599407, 1222728);
  image = pv_render_map_to_image (map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  cairo_surface_flush (image);
  pv_viewport_map_to_screen (vp, x, y, &sx, &sy);
  pixel = *(guint32 *) (cairo_image_surface_get_data (image) +
                        (gsize) sy * cairo_image_surface_get_stride (image) + 4 * (gsize) sx);
  /* 201,45,130,255 in the .qml. */
  g_assert_cmphex (pixel, ==, 0xFFC92D82);
  cairo_surface_destroy (image);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/qml/single", test_qml_single);
  g_test_add_func ("/core/qml/categorized", test_qml_categorized);
  g_test_add_func ("/core/qml/graduated", test_qml_graduated);
  g_test_add_func ("/core/qml/lines", test_qml_lines);
  g_test_add_func ("/core/qml/marker", test_qml_marker);
  g_test_add_func ("/core/qml/variants", test_qml_variants);
  g_test_add_func ("/core/qml/unsupported", test_qml_unsupported);
  g_test_add_func ("/core/qml/malformed", test_qml_malformed);
  g_test_add_func ("/core/qml/render", test_qml_render);

  return g_test_run ();
}
