/* test-symbols.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pv-core.h"
#include "pv-legend.h"
#include "pv-symbol.h"

/* The views here: 1 map unit a pixel, centred on (CX, CY) in EPSG:9210, so
 * map (CX + dx, CY + dy) is pixel (width / 2 + dx, height / 2 - dy). */
#define CX 598000
#define CY 1214000

typedef struct
{
  char     *dir;
  char     *path;
  PvLayer  *layer;
  PvMap    *map;
} Fixture;

/* Writes the features (GeoJSON, coordinates relative to CX, CY) to a file,
 * opens it and puts it on a map. */
static void
fixture_open (Fixture    *fx,
              const char *features)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autofree char *json = g_strdup_printf ("{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", "
                                           "\"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::9210\"}}, "
                                           "\"features\": [%s]}", features);

  fx->dir = g_dir_make_tmp ("pv-test-symbols-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "features.geojson", NULL);
  g_file_set_contents (fx->path, json, -1, &error);
  g_assert_no_error (error);
  layers = pv_layer_open_all (fx->path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  fx->layer = g_object_ref (layers->pdata[0]);
  fx->map = pv_map_new ();
  pv_map_add_layer (fx->map, fx->layer);
}

static void
fixture_close (Fixture *fx)
{
  g_clear_object (&fx->map);
  g_clear_object (&fx->layer);
  g_unlink (fx->path);
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* A square polygon feature of half side r around (dx, dy), with a code. */
static char *
square_feature (const char *code,
                int         dx,
                int         dy,
                int         r)
{
  int x0 = CX + dx - r, x1 = CX + dx + r, y0 = CY + dy - r, y1 = CY + dy + r;

  return g_strdup_printf ("{\"type\": \"Feature\", \"properties\": {\"code\": \"%s\"}, \"geometry\": "
                          "{\"type\": \"Polygon\", \"coordinates\": [[[%d, %d], [%d, %d], [%d, %d], [%d, %d], "
                          "[%d, %d]]]}}", code, x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
}

static void
style_layer (Fixture         *fx,
             PvStyleCategory *symbol)
{
  const double black[3] = { 0, 0, 0 };
  g_autoptr(PvStyle) style = pv_style_new_single (black);
  g_autoptr(GError) error = NULL;

  pv_style_set_category_symbol (style, 0, symbol);
  g_assert_true (pv_vector_layer_set_style (PV_VECTOR_LAYER (fx->layer), style, NULL, &error));
  g_assert_no_error (error);
}

static cairo_surface_t *
render (Fixture *fx,
        int      width,
        int      height,
        double   center_dx,
        double   dpi)
{
  g_autoptr(PvViewport) vp = pv_viewport_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;

  pv_viewport_set_size (vp, width, height);
  pv_viewport_set_dpi (vp, dpi);
  pv_viewport_set_resolution (vp, 1.0);
  pv_viewport_set_center (vp, CX + center_dx, CY);
  image = pv_render_map_to_image (fx->map, vp, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  cairo_surface_flush (image);
  return image;
}

static guint32
pixel (cairo_surface_t *image,
       int              x,
       int              y)
{
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (image));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (image));
  return *(guint32 *) (cairo_image_surface_get_data (image) + (gsize) y * cairo_image_surface_get_stride (image) +
                       4 * (gsize) x);
}

static guint
alpha_of (guint32 p)
{
  return p >> 24;
}

/* An opaque pixel of colour rgb (0…1), give or take a step. */
static gboolean
is_color (guint32       p,
          const double *rgb)
{
  return alpha_of (p) == 255 &&
         ABS ((int) ((p >> 16) & 0xFF) - (int) (rgb[0] * 255 + 0.5)) <= 1 &&
         ABS ((int) ((p >> 8) & 0xFF) - (int) (rgb[1] * 255 + 0.5)) <= 1 &&
         ABS ((int) (p & 0xFF) - (int) (rgb[2] * 255 + 0.5)) <= 1;
}

/* Two pixels alike, but for antialiasing's rounding. */
static gboolean
near (guint32 p,
      guint32 q)
{
  for (int shift = 0; shift < 32; shift += 8)
    if (ABS ((int) ((p >> shift) & 0xFF) - (int) ((q >> shift) & 0xFF)) > 4)
      return FALSE;
  return TRUE;
}

static void
plain_symbol (PvStyleCategory *symbol,
              const double    *rgb)
{
  memset (symbol, 0, sizeof *symbol);
  pv_style_category_init_symbol (symbol, rgb);
  symbol->unit = PV_UNIT_PX;
  symbol->outline_dash = PV_DASH_NONE;
}

/* ---------------------------------------------------------------- units and defaults */

static void
test_symbols_units (void)
{
  g_assert_cmpfloat_with_epsilon (pv_unit_to_pixels (25.4, PV_UNIT_MM, 96), 96, 1e-9);
  g_assert_cmpfloat_with_epsilon (pv_unit_to_pixels (72, PV_UNIT_PT, 96), 96, 1e-9);
  g_assert_cmpfloat_with_epsilon (pv_unit_to_pixels (10, PV_UNIT_PX, 96), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (pv_unit_to_pixels (10, PV_UNIT_PX, 192), 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (pv_unit_to_pixels (1, PV_UNIT_MM, 300), 300 / 25.4, 1e-9);
}

static void
assert_default_symbol (const PvStyleCategory *c)
{
  g_assert_cmpint (c->unit, ==, PV_UNIT_MM);
  g_assert_cmpfloat (c->outline_width, ==, 0.26);
  g_assert_cmpint (c->outline_dash, ==, PV_DASH_SOLID);
  g_assert_cmpfloat (c->line_width, ==, 0.4);
  g_assert_cmpint (c->line_dash, ==, PV_DASH_SOLID);
  g_assert_cmpfloat (c->casing[3], ==, 0);
  g_assert_cmpfloat (c->casing_width, ==, 0);
  g_assert_cmpfloat (c->hatch_spacing, ==, 2.0);
  g_assert_cmpfloat (c->hatch_width, ==, 0.2);
  g_assert_cmpint (c->marker, ==, PV_MARKER_CIRCLE);
  g_assert_cmpfloat (c->marker_size, ==, 2.0);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (c->hatch_color[i], ==, c->outline[i]);
  if (c->other)
    g_assert_cmpint (c->hatch, !=, PV_HATCH_NONE);
  else
    g_assert_cmpint (c->hatch, ==, PV_HATCH_NONE);
}

/* Every constructor gives every class the default symbol; "other" classes a
 * hatch, so that unknown codes stand out. */
static void
test_symbols_defaults (void)
{
  const double rgb[3] = { 0.2, 0.4, 0.6 };
  const char *values[] = { "a", "b" };
  const double limits[] = { 0, 1, 2 };
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(PvStyle) single = pv_style_new_single (rgb);
  g_autoptr(PvStyle) unique = pv_style_new_unique_values ("f", values, 2);
  g_autoptr(PvStyle) rules = pv_style_new_rule_based ();
  g_autoptr(PvStyle) palette = pv_style_new_from_palette (PV_PALETTE_VN_LANDUSE, "ma_sdd", NULL);
  g_autoptr(PvStyle) graduated = NULL;
  PvStyle *styles[5];

  g_array_append_vals (breaks, limits, 3);
  graduated = pv_style_new_graduated ("f", breaks, rgb, rgb);
  pv_style_add_rule (rules, "r", "f > 1", rgb);
  styles[0] = single;
  styles[1] = unique;
  styles[2] = rules;
  styles[3] = palette;
  styles[4] = graduated;
  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      guint n = pv_style_get_n_categories (styles[s]);

      for (guint i = 0; i < n; i++)
        assert_default_symbol (pv_style_get_category (styles[s], i));
      if (s > 0)
        g_assert_true (pv_style_get_category (styles[s], n - 1)->other);
    }
  /* The outline is a darker shade of the fill. */
  g_assert_cmpfloat (pv_style_get_category (single, 0)->outline[0], <, 0.2);
  g_assert_cmpfloat (pv_style_get_category (single, 0)->fill[3], ==, 1.0);
}

/* A copy is deep: editing it leaves the original alone. */
static void
test_symbols_copy (void)
{
  const char *values[] = { "a", "b" };
  g_autoptr(PvStyle) style = pv_style_new_unique_values ("f", values, 2);
  g_autoptr(PvStyle) copy = pv_style_copy (style);
  PvStyleCategory symbol = *pv_style_get_category (copy, 1);

  symbol.hatch = PV_HATCH_CROSS;
  symbol.fill[0] = 0.125;
  pv_style_set_category_symbol (copy, 1, &symbol);
  pv_style_set_category_label (copy, 1, "Bê");
  g_assert_cmpint (pv_style_get_category (copy, 1)->hatch, ==, PV_HATCH_CROSS);
  g_assert_cmpfloat (pv_style_get_category (copy, 1)->fill[0], ==, 0.125);
  g_assert_cmpstr (pv_style_get_category (copy, 1)->label, ==, "Bê");
  /* Value and flags are kept; classification still works on the copy. */
  g_assert_cmpstr (pv_style_get_category (copy, 1)->value, ==, "b");
  g_assert_cmpuint (pv_style_classify (copy, "B"), ==, 1);
  g_assert_cmpuint (pv_style_classify (copy, "zzz"), ==, 2);
  g_assert_cmpint (pv_style_get_category (style, 1)->hatch, ==, PV_HATCH_NONE);
  g_assert_cmpstr (pv_style_get_category (style, 1)->label, ==, "b");
  g_assert_cmpfloat (pv_style_get_category (style, 1)->fill[0], !=, 0.125);
}

/* ---------------------------------------------------------------- hatches */

typedef struct
{
  PvHatch hatch;
  int     dx;    /* the hatch is invariant along (dx, dy) */
  int     dy;
} HatchCase;

static void
test_symbols_hatch (void)
{
  const double red[3] = { 1, 0, 0 }, blue[3] = { 0, 0, 1 };
  const HatchCase cases[] = {
    { PV_HATCH_HORIZONTAL, 1, 0 },
    { PV_HATCH_VERTICAL, 0, 1 },
    { PV_HATCH_FORWARD_DIAGONAL, 1, -1 },
    { PV_HATCH_BACKWARD_DIAGONAL, 1, 1 },
  };
  Fixture fx = { 0 };
  g_autofree char *square = square_feature ("A", 0, 0, 100);

  fixture_open (&fx, square);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      PvStyleCategory symbol;
      cairo_surface_t *image, *panned;
      guint n_hatch = 0, n_fill = 0, n_other = 0, n_varies = 0;

      plain_symbol (&symbol, red);
      symbol.hatch = cases[c].hatch;
      memcpy (symbol.hatch_color, blue, sizeof blue);
      symbol.hatch_color[3] = 1;
      symbol.hatch_spacing = 6;
      symbol.hatch_width = 2;
      style_layer (&fx, &symbol);
      image = render (&fx, 300, 300, 0, 96);

      for (int y = 80; y < 220; y++)
        for (int x = 80; x < 220; x++)
          {
            guint32 p = pixel (image, x, y);

            /* Invariant along the hatch direction, varying across it. */
            g_assert_true (near (p, pixel (image, x + cases[c].dx, y + cases[c].dy)));
            n_varies += !near (p, pixel (image, x - cases[c].dy, y + cases[c].dx));
            if (is_color (p, blue))
              n_hatch++;
            else if (is_color (p, red))
              n_fill++;
            else
              n_other++;
          }
      g_test_message ("hatch %d: %u hatch, %u fill, %u blended pixels", cases[c].hatch, n_hatch, n_fill, n_other);
      g_assert_cmpuint (n_varies, >, 0);
      if (cases[c].hatch == PV_HATCH_HORIZONTAL || cases[c].hatch == PV_HATCH_VERTICAL)
        {
          /* Crisp lines 2 px wide every 6 px: a third hatch, two thirds fill. */
          g_assert_cmpuint (n_other, ==, 0);
          g_assert_cmpfloat_with_epsilon ((double) n_hatch / (n_hatch + n_fill), 1.0 / 3, 0.03);
        }
      else
        {
          g_assert_cmpuint (n_hatch + n_other, >, 0);
          g_assert_cmpuint (n_fill, >, n_hatch);
        }

      /* The hatch is fixed to the map: panned by 5 pixels, every map point
       * keeps its colour. */
      panned = render (&fx, 300, 300, 5, 96);
      for (int y = 100; y < 200; y++)
        for (int x = 100; x < 200; x++)
          g_assert_cmpuint (pixel (image, x, y), ==, pixel (panned, x - 5, y));
      cairo_surface_destroy (panned);
      cairo_surface_destroy (image);
    }
  fixture_close (&fx);
}

/* Rows alternate: two hatch rows, four fill rows, again and again. */
static void
test_symbols_hatch_rows (void)
{
  const double red[3] = { 1, 0, 0 }, blue[3] = { 0, 0, 1 };
  Fixture fx = { 0 };
  g_autofree char *square = square_feature ("A", 0, 0, 100);
  PvStyleCategory symbol;
  cairo_surface_t *image;
  int first = -1;

  fixture_open (&fx, square);
  plain_symbol (&symbol, red);
  symbol.hatch = PV_HATCH_HORIZONTAL;
  memcpy (symbol.hatch_color, blue, sizeof blue);
  symbol.hatch_color[3] = 1;
  symbol.hatch_spacing = 6;
  symbol.hatch_width = 2;
  style_layer (&fx, &symbol);
  image = render (&fx, 300, 300, 0, 96);
  for (int y = 60; y < 240; y++)
    if (is_color (pixel (image, 150, y), blue))
      {
        first = y;
        break;
      }
  g_assert_cmpint (first, >=, 60);
  for (int y = first; y < 235; y++)
    g_assert_true (is_color (pixel (image, 150, y), (y - first) % 6 < 2 ? blue : red));
  cairo_surface_destroy (image);
  fixture_close (&fx);
}

/* ---------------------------------------------------------------- lines */

static char *
line_feature (int x0,
              int y0,
              int x1,
              int y1)
{
  return g_strdup_printf ("{\"type\": \"Feature\", \"properties\": {\"code\": \"L\"}, \"geometry\": "
                          "{\"type\": \"LineString\", \"coordinates\": [[%d, %d], [%d, %d]]}}",
                          CX + x0, CY + y0, CX + x1, CY + y1);
}

static void
test_symbols_dash (void)
{
  const double black[3] = { 0, 0, 0 };
  const PvDash dashes[] = { PV_DASH_SOLID, PV_DASH_DASH, PV_DASH_DOT, PV_DASH_DASH_DOT, PV_DASH_NONE };
  Fixture fx = { 0 };
  g_autofree char *line = line_feature (-100, 0, 100, 0);

  fixture_open (&fx, line);
  for (guint d = 0; d < G_N_ELEMENTS (dashes); d++)
    {
      PvStyleCategory symbol;
      cairo_surface_t *image;
      guint ink = 0, gap = 0, longest_gap = 0, run = 0;

      plain_symbol (&symbol, black);
      symbol.line_width = 3;
      symbol.line_dash = dashes[d];
      style_layer (&fx, &symbol);
      image = render (&fx, 300, 100, 0, 96);
      /* The line covers rows 48.5 … 51.5: row 50 is inside. */
      for (int x = 60; x < 240; x++)
        {
          guint a = alpha_of (pixel (image, x, 50));

          ink += a > 0xC0;
          gap += a < 0x20;
          run = a < 0x20 ? run + 1 : 0;
          longest_gap = MAX (longest_gap, run);
        }
      g_test_message ("dash %d: %u ink, %u gap, longest gap %u", dashes[d], ink, gap, longest_gap);
      switch (dashes[d])
        {
        case PV_DASH_SOLID:
          g_assert_cmpuint (ink, ==, 180);
          break;
        case PV_DASH_NONE:
          g_assert_cmpuint (ink, ==, 0);
          break;
        case PV_DASH_DASH:
          /* 12 px dashes, 6 px gaps. */
          g_assert_cmpuint (longest_gap, >=, 5);
          g_assert_cmpuint (longest_gap, <=, 6);
          g_assert_cmpfloat_with_epsilon ((double) ink / (ink + gap), 2.0 / 3, 0.1);
          break;
        default:
          g_assert_cmpuint (longest_gap, >=, 4);
          g_assert_cmpuint (ink, >, 20);
          break;
        }
      cairo_surface_destroy (image);
    }
  fixture_close (&fx);
}

/* Casings show just outside the line; every casing of a class goes under
 * every line, so crossing roads merge. */
static void
test_symbols_casing (void)
{
  const double red[3] = { 1, 0, 0 }, blue[3] = { 0, 0, 1 };
  Fixture fx = { 0 };
  g_autofree char *horizontal = line_feature (-100, 0, 100, 0);
  g_autofree char *vertical = line_feature (0, -100, 0, 100);
  g_autofree char *features = g_strconcat (horizontal, ", ", vertical, NULL);
  PvStyleCategory symbol;
  cairo_surface_t *image;

  fixture_open (&fx, features);
  plain_symbol (&symbol, red);
  symbol.line_width = 4;
  symbol.casing_width = 3;
  memcpy (symbol.casing, blue, sizeof blue);
  symbol.casing[3] = 1;
  style_layer (&fx, &symbol);
  image = render (&fx, 300, 300, 0, 96);
  /* The horizontal line spans rows 148…151, its casing 145…147 and 152…154. */
  for (int y = 148; y < 152; y++)
    g_assert_true (is_color (pixel (image, 100, y), red));
  for (int y = 145; y < 148; y++)
    g_assert_true (is_color (pixel (image, 100, y), blue));
  for (int y = 152; y < 155; y++)
    g_assert_true (is_color (pixel (image, 100, y), blue));
  g_assert_cmpuint (alpha_of (pixel (image, 100, 143)), ==, 0);
  g_assert_cmpuint (alpha_of (pixel (image, 100, 157)), ==, 0);
  /* At the crossing the lines run through each other's casing. */
  g_assert_true (is_color (pixel (image, 146, 150), red));
  g_assert_true (is_color (pixel (image, 150, 146), red));
  g_assert_true (is_color (pixel (image, 146, 146), blue));
  cairo_surface_destroy (image);
  fixture_close (&fx);
}

/* ---------------------------------------------------------------- markers */

static gboolean
filled (cairo_surface_t *image,
        int              x,
        int              y)
{
  return alpha_of (pixel (image, x, y)) > 0xC0;
}

static gboolean
empty (cairo_surface_t *image,
       int              x,
       int              y)
{
  return alpha_of (pixel (image, x, y)) < 0x20;
}

static void
test_symbols_markers (void)
{
  const double black[3] = { 0, 0, 0 };
  const PvMarker markers[] = { PV_MARKER_CIRCLE, PV_MARKER_SQUARE, PV_MARKER_TRIANGLE, PV_MARKER_STAR,
                               PV_MARKER_DIAMOND, PV_MARKER_CROSS };
  Fixture fx = { 0 };
  g_autofree char *point = g_strdup_printf ("{\"type\": \"Feature\", \"properties\": {\"code\": \"P\"}, "
                                            "\"geometry\": {\"type\": \"Point\", \"coordinates\": [%d, %d]}}",
                                            CX, CY);
  guint coverage[G_N_ELEMENTS (markers)];

  fixture_open (&fx, point);
  for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
    {
      PvStyleCategory symbol;
      cairo_surface_t *image;
      /* The point is at the corner between pixels 49 and 50 of a 100×100 view. */
      const int c = 50;
      double sum = 0;

      plain_symbol (&symbol, black);
      symbol.marker = markers[m];
      symbol.marker_size = 24;
      style_layer (&fx, &symbol);
      image = render (&fx, 100, 100, 0, 96);
      for (int y = 0; y < 100; y++)
        for (int x = 0; x < 100; x++)
          sum += alpha_of (pixel (image, x, y)) / 255.0;
      coverage[m] = (guint) (sum + 0.5);
      g_test_message ("marker %d covers %u px", markers[m], coverage[m]);
      g_assert_true (filled (image, c, c));
      switch (markers[m])
        {
        case PV_MARKER_CIRCLE:
          g_assert_true (filled (image, c + 10, c));
          g_assert_true (filled (image, c - 11, c - 1));
          g_assert_true (empty (image, c + 10, c + 10));
          g_assert_true (empty (image, c - 11, c - 11));
          break;
        case PV_MARKER_SQUARE:
          g_assert_true (filled (image, c + 10, c + 10));
          g_assert_true (filled (image, c - 11, c - 11));
          g_assert_true (filled (image, c + 10, c - 11));
          break;
        case PV_MARKER_TRIANGLE:
          g_assert_true (filled (image, c + 10, c + 10));
          g_assert_true (filled (image, c - 11, c + 10));
          g_assert_true (empty (image, c - 11, c - 11));
          g_assert_true (empty (image, c + 10, c - 11));
          break;
        case PV_MARKER_STAR:
          g_assert_true (filled (image, c - 1, c - 9));
          g_assert_true (empty (image, c + 10, c + 10));
          g_assert_true (empty (image, c + 5, c - 9));
          break;
        case PV_MARKER_DIAMOND:
          g_assert_true (filled (image, c + 10, c));
          g_assert_true (filled (image, c + 5, c + 5));
          g_assert_true (empty (image, c + 7, c + 7));
          g_assert_true (empty (image, c - 9, c - 9));
          break;
        case PV_MARKER_CROSS:
        default:
          g_assert_true (filled (image, c + 10, c));
          g_assert_true (filled (image, c - 1, c - 11));
          g_assert_true (empty (image, c + 8, c + 8));
          g_assert_true (empty (image, c - 9, c - 9));
          break;
        }
      cairo_surface_destroy (image);
    }
  /* Areas: circle π r², square 4 r², star about 1.12 r² (r = 12). */
  g_assert_cmpuint (coverage[0], >, 430);
  g_assert_cmpuint (coverage[0], <, 475);
  g_assert_cmpuint (coverage[1], >, 560);
  g_assert_cmpuint (coverage[3], <, coverage[0] / 2);
  g_assert_cmpuint (coverage[4], <, coverage[1] * 6 / 10);
  fixture_close (&fx);
}

/* ---------------------------------------------------------------- dpi */

/* The ink across the left edge of the square: (alpha − red) / 255 is the
 * black outline's coverage over both the white fill and the transparent
 * outside. */
static double
edge_ink (cairo_surface_t *image)
{
  double ink = 0;

  for (int x = 35; x < 66; x++)
    {
      guint32 p = pixel (image, x, 150);

      ink += (alpha_of (p) - (double) ((p >> 16) & 0xFF)) / 255.0;
    }
  return ink;
}

static void
test_symbols_outline_dpi (void)
{
  const double white[3] = { 1, 1, 1 };
  Fixture fx = { 0 };
  g_autofree char *square = square_feature ("A", 0, 0, 100);
  PvStyleCategory symbol;
  cairo_surface_t *at96, *at192;
  double ink96, ink192;

  fixture_open (&fx, square);
  memset (&symbol, 0, sizeof symbol);
  pv_style_category_init_symbol (&symbol, white);
  symbol.outline[0] = symbol.outline[1] = symbol.outline[2] = 0;
  symbol.outline_width = 1.0;  /* mm */
  style_layer (&fx, &symbol);
  at96 = render (&fx, 300, 300, 0, 96);
  at192 = render (&fx, 300, 300, 0, 192);
  ink96 = edge_ink (at96);
  ink192 = edge_ink (at192);
  g_test_message ("1 mm outline: %.2f px at 96 dpi, %.2f px at 192 dpi", ink96, ink192);
  g_assert_cmpfloat_with_epsilon (ink96, 96 / 25.4, 0.3);
  g_assert_cmpfloat_with_epsilon (ink192, 192 / 25.4, 0.3);
  g_assert_cmpfloat_with_epsilon (ink192 / ink96, 2.0, 0.1);
  cairo_surface_destroy (at96);
  cairo_surface_destroy (at192);
  fixture_close (&fx);
}

/* ---------------------------------------------------------------- "other" */

/* With the land-use palette, an unknown code gets the hatched "other"
 * symbol: fill and hatch colours inside; a known code a plain fill. */
static void
test_symbols_other_hatch (void)
{
  Fixture fx = { 0 };
  g_autofree char *odt = square_feature ("ODT", -60, 0, 50);
  g_autofree char *xyz = square_feature ("XYZ", 60, 0, 50);
  g_autofree char *features = g_strconcat (odt, ", ", xyz, NULL);
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GError) error = NULL;
  const PvStyleCategory *known, *other;
  cairo_surface_t *image;
  guint n_fill = 0, n_hatch = 0;

  fixture_open (&fx, features);
  style = pv_style_new_from_palette (PV_PALETTE_VN_LANDUSE, "code", &error);
  g_assert_no_error (error);
  g_assert_true (pv_vector_layer_set_style (PV_VECTOR_LAYER (fx.layer), style, NULL, &error));
  g_assert_no_error (error);
  known = pv_style_get_category (style, pv_style_classify (style, "ODT"));
  other = pv_style_get_category (style, pv_style_classify (style, "XYZ"));
  g_assert_true (other->other);
  g_assert_cmpint (other->hatch, !=, PV_HATCH_NONE);

  image = render (&fx, 300, 200, 0, 96);
  for (int y = 70; y < 130; y++)
    for (int x = 60; x < 120; x++)
      g_assert_true (is_color (pixel (image, x, y), known->fill));
  for (int y = 70; y < 130; y++)
    for (int x = 180; x < 260; x++)
      {
        guint32 p = pixel (image, x, y);

        n_fill += is_color (p, other->fill);
        /* Thin diagonal lines, antialiased: pixels well towards the hatch colour. */
        n_hatch += alpha_of (p) == 255 &&
                   ((p >> 16) & 0xFF) < (other->fill[0] + other->hatch_color[0]) / 2 * 255;
      }
  g_test_message ("other: %u fill, %u hatch pixels", n_fill, n_hatch);
  g_assert_cmpuint (n_fill, >, 1800);
  g_assert_cmpuint (n_hatch, >, 300);
  cairo_surface_destroy (image);
  fixture_close (&fx);
}

/* ---------------------------------------------------------------- JSON */

/* A symbol in which every member differs from the defaults (seed varies it). */
static void
odd_symbol (PvStyleCategory *s,
            guint            seed)
{
  const double base[3] = { 0.1, 0.2, 0.3 };

  pv_style_category_init_symbol (s, base);
  s->fill[0] = (10 + seed % 200) / 255.0;
  s->fill[3] = 128 / 255.0;
  s->outline[1] = (200 + seed % 50) / 255.0;
  s->outline[3] = 0.5;
  s->unit = seed % 2 ? PV_UNIT_PT : PV_UNIT_PX;
  s->outline_width = 1.25 + seed;
  s->outline_dash = PV_DASH_DASH_DOT;
  s->line_width = 2.5;
  s->line_dash = seed % 2 ? PV_DASH_DOT : PV_DASH_NONE;
  s->casing[0] = 1;
  s->casing[3] = 1;
  s->casing_width = 0.75;
  s->hatch = seed % 2 ? PV_HATCH_DIAGONAL_CROSS : PV_HATCH_DOTS;
  s->hatch_color[2] = 1;
  s->hatch_color[3] = 64 / 255.0;
  s->hatch_spacing = 3.5;
  s->hatch_width = 0.5;
  s->marker = seed % 2 ? PV_MARKER_STAR : PV_MARKER_DIAMOND;
  s->marker_size = 4.5;
}

static void
assert_same_symbol (const PvStyleCategory *a,
                    const PvStyleCategory *b)
{
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpfloat_with_epsilon (a->fill[i], b->fill[i], 0.5 / 255);
      g_assert_cmpfloat_with_epsilon (a->outline[i], b->outline[i], 0.5 / 255);
      g_assert_cmpfloat_with_epsilon (a->casing[i], b->casing[i], 0.5 / 255);
      g_assert_cmpfloat_with_epsilon (a->hatch_color[i], b->hatch_color[i], 0.5 / 255);
    }
  g_assert_cmpint (a->unit, ==, b->unit);
  g_assert_cmpfloat (a->outline_width, ==, b->outline_width);
  g_assert_cmpint (a->outline_dash, ==, b->outline_dash);
  g_assert_cmpfloat (a->line_width, ==, b->line_width);
  g_assert_cmpint (a->line_dash, ==, b->line_dash);
  g_assert_cmpfloat (a->casing_width, ==, b->casing_width);
  g_assert_cmpint (a->hatch, ==, b->hatch);
  g_assert_cmpfloat (a->hatch_spacing, ==, b->hatch_spacing);
  g_assert_cmpfloat (a->hatch_width, ==, b->hatch_width);
  g_assert_cmpint (a->marker, ==, b->marker);
  g_assert_cmpfloat (a->marker_size, ==, b->marker_size);
  g_assert_cmpstr (a->label, ==, b->label);
  g_assert_cmpstr (a->value, ==, b->value);
  g_assert_cmpstr (a->filter, ==, b->filter);
  g_assert_cmpint (a->other, ==, b->other);
}

/* Through text, as in a project file. */
static PvStyle *
round_trip (PvStyle  *style,
            char    **text)
{
  g_autoptr(JsonNode) node = pv_style_to_json (style);
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  PvStyle *copy;

  *text = json_to_string (node, FALSE);
  parsed = json_from_string (*text, &error);
  g_assert_no_error (error);
  copy = pv_style_new_from_json (parsed, &error);
  g_assert_no_error (error);
  return copy;
}

static void
test_symbols_json (void)
{
  const double rgb[3] = { 0.9, 0.5, 0.1 };
  const char *values[] = { "a", "b", "c" };
  const double limits[] = { 0, 10, 20, 30 };
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(PvStyle) rules = pv_style_new_rule_based ();
  PvStyle *styles[5];

  g_array_append_vals (breaks, limits, G_N_ELEMENTS (limits));
  pv_style_add_rule (rules, "Lớn", "dien_tich > 5000", rgb);
  pv_style_add_rule (rules, "Vừa", "dien_tich > 500", rgb);
  styles[0] = pv_style_new_single (rgb);
  styles[1] = pv_style_new_unique_values ("f", values, 3);
  styles[2] = g_object_ref (rules);
  styles[3] = pv_style_new_graduated ("f", breaks, rgb, rgb);
  styles[4] = pv_style_new_from_palette (PV_PALETTE_VN_LANDUSE, "ma_sdd", NULL);

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      g_autoptr(PvStyle) edited = pv_style_copy (styles[s]);
      g_autoptr(PvStyle) plain = NULL;
      g_autoptr(PvStyle) loaded = NULL;
      g_autofree char *plain_text = NULL;
      g_autofree char *text = NULL;
      g_autofree char *again = NULL;
      guint n = pv_style_get_n_categories (edited);

      /* Default symbols add nothing to the file. */
      plain = round_trip (styles[s], &plain_text);
      g_test_message ("style %u with default symbols: %s", s, plain_text);
      g_assert_null (strstr (plain_text, "outline_width"));
      g_assert_null (strstr (plain_text, "hatch"));
      g_assert_null (strstr (plain_text, "marker"));
      for (guint i = 0; i < n; i++)
        assert_same_symbol (pv_style_get_category (plain, i), pv_style_get_category (styles[s], i));

      /* Every member of every class (but a palette's few) changed. */
      for (guint i = 0; i < n; i++)
        {
          PvStyleCategory symbol;
          g_autofree char *label = g_strdup_printf ("Lớp %u", i);

          if (s == 4 && i % 10 != 0 && i != n - 1)
            continue;
          odd_symbol (&symbol, i);
          pv_style_set_category_symbol (edited, i, &symbol);
          pv_style_set_category_label (edited, i, label);
        }
      loaded = round_trip (edited, &text);
      g_test_message ("style %u: %s", s, text);
      g_assert_cmpuint (pv_style_get_n_categories (loaded), ==, n);
      g_assert_cmpint (pv_style_get_kind (loaded), ==, pv_style_get_kind (edited));
      for (guint i = 0; i < n; i++)
        assert_same_symbol (pv_style_get_category (loaded, i), pv_style_get_category (edited, i));
      /* Loaded and saved again, the same text. */
      {
        g_autoptr(PvStyle) reloaded = round_trip (loaded, &again);

        g_assert_cmpstr (again, ==, text);
      }
      g_object_unref (styles[s]);
    }
}

/* A palette's classes are saved by name: symbol edits go in "overrides",
 * by code, and come back on load. */
static void
test_symbols_palette_overrides (void)
{
  g_autoptr(PvStyle) palette = pv_style_new_from_palette (PV_PALETTE_VN_LANDUSE, "ma_sdd", NULL);
  g_autoptr(PvStyle) edited = pv_style_copy (palette);
  g_autoptr(PvStyle) loaded = NULL;
  g_autofree char *text = NULL;
  guint odt = pv_style_classify (palette, "ODT");
  guint son = pv_style_classify (palette, "SON");
  PvStyleCategory symbol = *pv_style_get_category (edited, odt);

  symbol.hatch = PV_HATCH_BACKWARD_DIAGONAL;
  symbol.outline_dash = PV_DASH_DASH;
  symbol.outline_width = 0.5;
  pv_style_set_category_symbol (edited, odt, &symbol);
  loaded = round_trip (edited, &text);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "\"overrides\""));
  g_assert_nonnull (strstr (text, "\"ODT\""));
  g_assert_null (strstr (text, "\"SON\""));
  g_assert_null (strstr (text, "\"classes\""));
  g_assert_cmpstr (pv_style_get_palette_id (loaded), ==, PV_PALETTE_VN_LANDUSE);
  assert_same_symbol (pv_style_get_category (loaded, odt), pv_style_get_category (edited, odt));
  assert_same_symbol (pv_style_get_category (loaded, son), pv_style_get_category (palette, son));
  g_assert_cmpint (pv_style_get_category (loaded, odt)->hatch, ==, PV_HATCH_BACKWARD_DIAGONAL);
}

/* Files written before symbols existed load with default symbols; broken
 * symbol members are errors. */
static void
test_symbols_old_files (void)
{
  const char *old[] = {
    "{\"type\": \"categorized\", \"field\": \"ma_sdd\", \"palette\": \"vn-landuse\"}",
    "{\"type\": \"single\", \"classes\": [{\"label\": null, \"color\": \"#336699\"}]}",
    "{\"type\": \"categorized\", \"field\": \"f\", \"classes\": [{\"value\": \"a\", \"label\": \"a\", "
    "\"color\": \"#ff0000\"}, {\"other\": true, \"label\": \"Other values\", \"color\": \"#bdbdbd\"}]}",
    "{\"type\": \"graduated\", \"field\": \"f\", \"breaks\": [0, 1, 2], \"colors\": [\"#ffffff\", \"#000000\"]}",
    "{\"type\": \"rules\", \"rules\": [{\"label\": \"x\", \"filter\": \"f > 1\", \"color\": \"#00ff00\"}]}",
  };
  const char *bad[] = {
    "{\"type\": \"single\", \"classes\": [{\"color\": \"#336699\", \"hatch\": \"zigzag\"}]}",
    "{\"type\": \"single\", \"classes\": [{\"color\": \"#336699\", \"outline_width\": -1}]}",
    "{\"type\": \"single\", \"classes\": [{\"color\": \"#336699\", \"casing\": \"red\"}]}",
    "{\"type\": \"categorized\", \"field\": \"ma_sdd\", \"palette\": \"vn-landuse\", "
    "\"overrides\": {\"ODT\": {\"marker\": 3}}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (old); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (old[i], &error);
      g_autoptr(PvStyle) style = NULL;

      g_assert_no_error (error);
      style = pv_style_new_from_json (node, &error);
      g_assert_no_error (error);
      for (guint c = 0; c < pv_style_get_n_categories (style); c++)
        assert_default_symbol (pv_style_get_category (style, c));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (bad[i], &error);
      g_autoptr(PvStyle) style = NULL;

      g_assert_no_error (error);
      style = pv_style_new_from_json (node, &error);
      g_assert_null (style);
      g_assert_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID);
    }
}

/* ---------------------------------------------------------------- swatches */

static cairo_surface_t *
swatch (const PvStyleCategory *symbol,
        PvGeometryKind         kind)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 24);
  cairo_t *cr = cairo_create (image);

  pv_symbol_draw_swatch (symbol, kind, cr, 0, 0, 40, 24, 96);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

static void
test_symbols_swatch (void)
{
  const double red[3] = { 1, 0, 0 }, blue[3] = { 0, 0, 1 };
  PvStyleCategory symbol;
  cairo_surface_t *image, *circle, *star;
  guint n_red = 0, n_blue = 0, n_differ = 0;

  /* A polygon swatch shows the hatch over the fill, inside the outline. */
  plain_symbol (&symbol, red);
  symbol.hatch = PV_HATCH_VERTICAL;
  memcpy (symbol.hatch_color, blue, sizeof blue);
  symbol.hatch_color[3] = 1;
  symbol.hatch_spacing = 4;
  symbol.hatch_width = 1;
  image = swatch (&symbol, PV_GEOMETRY_KIND_POLYGON);
  for (int x = 2; x < 38; x++)
    {
      n_red += is_color (pixel (image, x, 12), red);
      n_blue += is_color (pixel (image, x, 12), blue);
    }
  g_assert_cmpuint (n_blue, >=, 8);
  g_assert_cmpuint (n_red, >=, 24);
  cairo_surface_destroy (image);

  /* A line swatch: the line over its casing, across the middle. */
  plain_symbol (&symbol, red);
  symbol.line_width = 4;
  symbol.casing_width = 3;
  memcpy (symbol.casing, blue, sizeof blue);
  symbol.casing[3] = 1;
  image = swatch (&symbol, PV_GEOMETRY_KIND_LINE);
  g_assert_true (is_color (pixel (image, 20, 11), red));
  g_assert_true (is_color (pixel (image, 20, 12), red));
  g_assert_true (is_color (pixel (image, 20, 8), blue));
  g_assert_true (is_color (pixel (image, 20, 15), blue));
  g_assert_cmpuint (alpha_of (pixel (image, 20, 2)), ==, 0);
  cairo_surface_destroy (image);

  /* A point swatch: the marker's own shape. */
  plain_symbol (&symbol, red);
  symbol.marker_size = 16;
  circle = swatch (&symbol, PV_GEOMETRY_KIND_POINT);
  symbol.marker = PV_MARKER_STAR;
  star = swatch (&symbol, PV_GEOMETRY_KIND_POINT);
  for (int y = 0; y < 24; y++)
    for (int x = 0; x < 40; x++)
      n_differ += pixel (circle, x, y) != pixel (star, x, y);
  g_assert_cmpuint (n_differ, >, 50);
  g_assert_true (is_color (pixel (star, 20, 12), red));
  cairo_surface_destroy (circle);
  cairo_surface_destroy (star);
}

/* The legend carries each class's symbol, for the swatches. */
static void
test_symbols_legend (void)
{
  Fixture fx = { 0 };
  g_autofree char *odt = square_feature ("ODT", -60, 0, 50);
  g_autofree char *xyz = square_feature ("XYZ", 60, 0, 50);
  g_autofree char *features = g_strconcat (odt, ", ", xyz, NULL);
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(GPtrArray) legend = NULL;
  g_autoptr(GError) error = NULL;
  PvLegendEntry *entry;
  const PvLegendItem *last;

  fixture_open (&fx, features);
  style = pv_style_new_from_palette (PV_PALETTE_VN_LANDUSE, "code", &error);
  g_assert_no_error (error);
  g_assert_true (pv_vector_layer_set_style (PV_VECTOR_LAYER (fx.layer), style, NULL, &error));
  legend = pv_legend_build (fx.map);
  g_assert_cmpuint (legend->len, ==, 1);
  entry = legend->pdata[0];
  g_assert_cmpuint (entry->items->len, ==, 2);
  last = entry->items->pdata[1];
  g_assert_true (last->other);
  g_assert_cmpint (last->symbol.hatch, ==, pv_style_get_category (style, pv_style_get_n_categories (style) - 1)->hatch);
  g_assert_cmpint (last->symbol.hatch, !=, PV_HATCH_NONE);
  g_assert_cmpint (pv_symbol_get_layer_kind (PV_VECTOR_LAYER (fx.layer)), ==, PV_GEOMETRY_KIND_POLYGON);
  g_clear_pointer (&legend, g_ptr_array_unref);
  fixture_close (&fx);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/symbols/units", test_symbols_units);
  g_test_add_func ("/core/symbols/defaults", test_symbols_defaults);
  g_test_add_func ("/core/symbols/copy", test_symbols_copy);
  g_test_add_func ("/core/symbols/hatch", test_symbols_hatch);
  g_test_add_func ("/core/symbols/hatch-rows", test_symbols_hatch_rows);
  g_test_add_func ("/core/symbols/dash", test_symbols_dash);
  g_test_add_func ("/core/symbols/casing", test_symbols_casing);
  g_test_add_func ("/core/symbols/markers", test_symbols_markers);
  g_test_add_func ("/core/symbols/outline-dpi", test_symbols_outline_dpi);
  g_test_add_func ("/core/symbols/other-hatch", test_symbols_other_hatch);
  g_test_add_func ("/core/symbols/json", test_symbols_json);
  g_test_add_func ("/core/symbols/palette-overrides", test_symbols_palette_overrides);
  g_test_add_func ("/core/symbols/old-files", test_symbols_old_files);
  g_test_add_func ("/core/symbols/swatch", test_symbols_swatch);
  g_test_add_func ("/core/symbols/legend", test_symbols_legend);

  return g_test_run ();
}
