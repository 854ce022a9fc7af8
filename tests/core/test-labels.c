/* test-labels.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "pv-core.h"
#include "pv-labeler.h"
#include "pv-test-util.h"

static PvLayer *
open_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, >=, 1);
  return g_object_ref (g_ptr_array_index (layers, 0));
}

static PvLayer *
open_sample (const char *name)
{
  g_autofree char *path = pv_test_sample_path (name);

  return open_path (path);
}

static void
set_labels (PvLayer    *layer,
            const char *text,
            int         priority)
{
  g_autoptr(PvLabeling) labeling = pv_labeling_new (text);
  g_autoptr(GError) error = NULL;

  pv_labeling_set_priority (labeling, priority);
  g_assert_true (pv_vector_layer_set_labeling (PV_VECTOR_LAYER (layer), labeling, NULL, &error));
  g_assert_no_error (error);
}

/* A GeoJSON file in VN-2000 / TM-3 metres (EPSG:9210). */
static char *
write_geojson (const char *dir,
               const char *name,
               const char *features)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *json = g_strdup_printf ("{\"type\":\"FeatureCollection\","
                                           "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:9210\"}},"
                                           "\"features\":[%s]}", features);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static char *
make_temp_dir (void)
{
  return pv_test_make_temp_dir ("pv-test-labels");
}

/* ---------------------------------------------------------------- labeling */

static void
test_labels_template (void)
{
  g_autoptr(PvLabeling) field = pv_labeling_new ("ten_khu");
  g_autoptr(PvLabeling) tmpl = pv_labeling_new ("{ma_sdd} – {ten_sdd} ({MA_SDD})");
  g_autoptr(PvLabeling) braces = pv_labeling_new ("{{{code}}} {open");
  g_auto(GStrv) fields = NULL;
  char *text;

  fields = pv_labeling_dup_fields (field);
  g_assert_cmpuint (g_strv_length (fields), ==, 1);
  g_assert_cmpstr (fields[0], ==, "ten_khu");
  text = pv_labeling_expand (field, (const char *[]) { "Khu dân cư", NULL });
  g_assert_cmpstr (text, ==, "Khu dân cư");
  g_free (text);
  g_clear_pointer (&fields, g_strfreev);

  /* Fields in order of first use, each once (case-insensitively). */
  fields = pv_labeling_dup_fields (tmpl);
  g_assert_cmpuint (g_strv_length (fields), ==, 2);
  g_assert_cmpstr (fields[0], ==, "ma_sdd");
  g_assert_cmpstr (fields[1], ==, "ten_sdd");
  text = pv_labeling_expand (tmpl, (const char *[]) { "ODT", "Đất ở tại đô thị", NULL });
  g_assert_cmpstr (text, ==, "ODT – Đất ở tại đô thị (ODT)");
  g_free (text);
  /* A missing value is empty; the result is trimmed. */
  text = pv_labeling_expand (tmpl, (const char *[]) { NULL, "Đất ở", NULL });
  g_assert_cmpstr (text, ==, "– Đất ở ()");
  g_free (text);
  /* No value at all: no label, not a lone dash. */
  text = pv_labeling_expand (tmpl, (const char *[]) { NULL, "", NULL });
  g_assert_cmpstr (text, ==, "");
  g_free (text);
  g_clear_pointer (&fields, g_strfreev);

  /* "{{" and "}}" are braces; an unclosed brace is text. */
  fields = pv_labeling_dup_fields (braces);
  g_assert_cmpuint (g_strv_length (fields), ==, 1);
  g_assert_cmpstr (fields[0], ==, "code");
  text = pv_labeling_expand (braces, (const char *[]) { "ODT", NULL });
  g_assert_cmpstr (text, ==, "{ODT} {open");
  g_free (text);
}

static void
test_labels_json (void)
{
  g_autoptr(PvLabeling) labeling = pv_labeling_new ("{ma_sdd} – {ten_sdd}");
  g_autoptr(PvLabeling) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) bad = json_from_string ("{\"text\": \"ten\", \"size\": \"big\"}", NULL);
  g_autoptr(JsonNode) no_text = json_from_string ("{\"size\": 9}", NULL);
  g_autoptr(GError) error = NULL;
  const double color[4] = { 0.2, 0.4, 0.6, 0.8 }, halo[4] = { 1, 1, 0, 1 };
  double rgba[4], width, min_scale, max_scale;

  pv_labeling_set_font_family (labeling, "DejaVu Sans");
  pv_labeling_set_size (labeling, 11.5);
  pv_labeling_set_bold (labeling, TRUE);
  pv_labeling_set_color (labeling, color);
  pv_labeling_set_halo (labeling, halo, 0.5);
  pv_labeling_set_priority (labeling, 8);
  pv_labeling_set_scale_range (labeling, 500, 25000);
  pv_labeling_set_point_offset (labeling, 2.0);

  node = pv_labeling_to_json (labeling);
  back = pv_labeling_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pv_labeling_get_text (back), ==, "{ma_sdd} – {ten_sdd}");
  g_assert_cmpstr (pv_labeling_get_font_family (back), ==, "DejaVu Sans");
  g_assert_cmpfloat (pv_labeling_get_size (back), ==, 11.5);
  g_assert_true (pv_labeling_get_bold (back));
  pv_labeling_get_color (back, rgba);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (rgba[i], color[i], 1.0 / 255);
  pv_labeling_get_halo (back, rgba, &width);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (rgba[i], halo[i], 1.0 / 255);
  g_assert_cmpfloat (width, ==, 0.5);
  g_assert_cmpint (pv_labeling_get_priority (back), ==, 8);
  pv_labeling_get_scale_range (back, &min_scale, &max_scale);
  g_assert_cmpfloat (min_scale, ==, 500);
  g_assert_cmpfloat (max_scale, ==, 25000);
  g_assert_cmpfloat (pv_labeling_get_point_offset (back), ==, 2.0);

  g_assert_null (pv_labeling_new_from_json (bad, &error));
  g_assert_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pv_labeling_new_from_json (no_text, &error));
  g_assert_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID);
}

static void
test_labels_scale_range (void)
{
  g_autoptr(PvLabeling) labeling = pv_labeling_new ("ten");

  g_assert_true (pv_labeling_is_visible_at_scale (labeling, 1e7));
  pv_labeling_set_scale_range (labeling, 1000, 50000);
  g_assert_false (pv_labeling_is_visible_at_scale (labeling, 500));
  g_assert_true (pv_labeling_is_visible_at_scale (labeling, 20000));
  g_assert_false (pv_labeling_is_visible_at_scale (labeling, 60000));
}

/* ---------------------------------------------------------------- layer */

static void
test_labels_unknown_field (void)
{
  g_autoptr(PvLayer) layer = open_sample ("quy_hoach_2030.shp");
  g_autoptr(PvLabeling) good = pv_labeling_new ("{ma_sdd} – {huyen}");
  g_autoptr(PvLabeling) bad = pv_labeling_new ("{ma_sdd} – {khong_co}");
  g_autoptr(PvLabeling) kept = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pv_vector_layer_set_labeling (PV_VECTOR_LAYER (layer), good, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (pv_vector_layer_set_labeling (PV_VECTOR_LAYER (layer), bad, NULL, &error));
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER);
  g_assert_nonnull (strstr (error->message, "khong_co"));
  g_assert_nonnull (strstr (error->message, "quy_hoach_2030.shp"));
  kept = pv_vector_layer_dup_labeling (PV_VECTOR_LAYER (layer));
  g_assert_true (kept == good);

  g_assert_true (pv_vector_layer_set_labeling (PV_VECTOR_LAYER (layer), NULL, NULL, &error));
  g_assert_null (pv_vector_layer_dup_labeling (PV_VECTOR_LAYER (layer)));
}

/* ---------------------------------------------------------------- placement */

static PvMap *
sample_map (void)
{
  PvMap *map = pv_map_new ();
  g_autoptr(PvLayer) zones = open_sample ("quy_hoach_2030.shp");
  g_autoptr(PvLayer) roads = open_sample ("roads.shp");
  g_autoptr(PvLayer) poi = open_sample ("poi.geojson");

  set_labels (zones, "ma_sdd", 5);
  set_labels (roads, "ten", 7);
  set_labels (poi, "ten", 8);
  pv_map_add_layer (map, zones);
  pv_map_add_layer (map, roads);
  pv_map_add_layer (map, poi);
  return map;
}

static PvViewport *
city_viewport (void)
{
  PvViewport *viewport = pv_viewport_new ();

  pv_viewport_set_size (viewport, 1200, 800);
  pv_viewport_fit_extent (viewport, 594000, 1210000, 602000, 1216000);
  return viewport;
}

static void
assert_no_overlap (GPtrArray *labels,
                   int        width,
                   int        height)
{
  for (guint i = 0; i < labels->len; i++)
    {
      PvPlacedLabel *a = g_ptr_array_index (labels, i);

      /* Wholly in the frame, never cut by its edge. */
      g_assert_cmpfloat (a->box.x0, >=, 0);
      g_assert_cmpfloat (a->box.y0, >=, 0);
      g_assert_cmpfloat (a->box.x1, <=, width);
      g_assert_cmpfloat (a->box.y1, <=, height);
      for (guint j = i + 1; j < labels->len; j++)
        {
          PvPlacedLabel *b = g_ptr_array_index (labels, j);

          for (guint p = 0; p < a->boxes->len; p++)
            for (guint q = 0; q < b->boxes->len; q++)
              {
                const PvLabelBox *ba = &g_array_index (a->boxes, PvLabelBox, p);
                const PvLabelBox *bb = &g_array_index (b->boxes, PvLabelBox, q);

                if (ba->x0 < bb->x1 && bb->x0 < ba->x1 && ba->y0 < bb->y1 && bb->y0 < ba->y1)
                  g_error ("labels “%s” and “%s” overlap", a->text, b->text);
              }
        }
    }
}

static guint
count_kind (GPtrArray   *labels,
            PvLabelKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < labels->len; i++)
    n += ((PvPlacedLabel *) g_ptr_array_index (labels, i))->kind == kind;
  return n;
}

static void
test_labels_no_overlap (void)
{
  g_autoptr(PvMap) map = sample_map ();
  g_autoptr(PvViewport) viewport = city_viewport ();
  g_autoptr(PvViewport) full = pv_viewport_new ();
  g_autoptr(GPtrArray) labels = pv_labeler_place (map, viewport, NULL);
  g_autoptr(GPtrArray) full_labels = NULL;
  double extent[4];

  g_assert_cmpuint (labels->len, >, 30);
  g_assert_cmpuint (count_kind (labels, PV_LABEL_POLYGON), >, 10);
  g_assert_cmpuint (count_kind (labels, PV_LABEL_LINE), >, 0);
  g_assert_cmpuint (count_kind (labels, PV_LABEL_POINT), >, 0);
  assert_no_overlap (labels, 1200, 800);

  g_assert_true (pv_map_get_extent (map, &extent[0], &extent[1], &extent[2], &extent[3]));
  pv_viewport_set_size (full, 1600, 1000);
  pv_viewport_fit_extent (full, extent[0], extent[1], extent[2], extent[3]);
  full_labels = pv_labeler_place (map, full, NULL);
  g_assert_cmpuint (full_labels->len, >, 30);
  assert_no_overlap (full_labels, 1600, 1000);
}

static gboolean
inside_frame (const PvLabelBox *b,
              double            dx,
              double            dy,
              int               width,
              int               height)
{
  return b->x0 + dx >= 0 && b->y0 + dy >= 0 && b->x1 + dx <= width && b->y1 + dy <= height;
}

/* Every label shown in both frames is at the same map position, and its
 * device position moved by the pan. */
static void
check_pan (PvMap      *map,
           PvViewport *viewport,
           double      dx,
           double      dy)
{
  g_autoptr(PvViewport) panned = pv_viewport_copy (viewport);
  g_autoptr(GPtrArray) before = pv_labeler_place (map, viewport, NULL);
  g_autoptr(GPtrArray) after = NULL;
  double res = pv_viewport_get_resolution (viewport);
  guint matched = 0, unmatched = 0;

  pv_viewport_pan_pixels (panned, dx, dy);
  after = pv_labeler_place (map, panned, NULL);
  for (guint i = 0; i < before->len; i++)
    {
      PvPlacedLabel *a = g_ptr_array_index (before, i);
      gboolean found = FALSE, same_feature = FALSE;

      for (guint j = 0; j < after->len && !found; j++)
        {
          PvPlacedLabel *b = g_ptr_array_index (after, j);

          if (b->layer != a->layer || b->feature != a->feature)
            continue;
          same_feature = TRUE;
          if (fabs (b->map_x - a->map_x) < 1e-6 * res && fabs (b->map_y - a->map_y) < 1e-6 * res)
            {
              found = TRUE;
              g_assert_cmpfloat_with_epsilon (b->x - a->x, dx, 1e-6);
              g_assert_cmpfloat_with_epsilon (b->y - a->y, dy, 1e-6);
              g_assert_cmpfloat_with_epsilon (b->box.x0 - a->box.x0, dx, 1e-6);
            }
        }
      if (found)
        matched++;
      /* A feature shown in both frames at another place: only allowed when
       * this position is cut by the new frame's edge (a repeat of a line
       * label further along). */
      else if (same_feature)
        g_assert_false (inside_frame (&a->box, dx, dy, pv_viewport_get_width (viewport),
                                      pv_viewport_get_height (viewport)));
      else
        unmatched++;
    }
  g_assert_cmpuint (matched, >, before->len * 8 / 10);
  g_test_message ("pan %g,%g: %u of %u labels kept, %u gone", dx, dy, matched, before->len, unmatched);
}

static void
test_labels_stable (void)
{
  g_autoptr(PvMap) map = sample_map ();
  g_autoptr(PvViewport) viewport = city_viewport ();

  check_pan (map, viewport, 3, 0);
  check_pan (map, viewport, 0, -3);
  check_pan (map, viewport, 17, 17);
  check_pan (map, viewport, -17, 3);
}

static PvPlacedLabel *
find_label (GPtrArray  *labels,
            const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    {
      PvPlacedLabel *label = g_ptr_array_index (labels, i);

      if (g_strcmp0 (label->text, text) == 0)
        return label;
    }
  return NULL;
}

/* Two layers label the same point: the higher priority gets the first
 * position (above right), whatever the layer order; the other moves. */
static void
test_labels_priority (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *a_path = write_geojson (dir, "a.geojson",
                                           "{\"type\":\"Feature\",\"properties\":{\"ten\":\"Chợ Thủ Dầu Một\"},"
                                           "\"geometry\":{\"type\":\"Point\",\"coordinates\":[598000,1214000]}}");
  g_autofree char *b_path = write_geojson (dir, "b.geojson",
                                           "{\"type\":\"Feature\",\"properties\":{\"ten\":\"Nhà thờ Phú Cường\"},"
                                           "\"geometry\":{\"type\":\"Point\",\"coordinates\":[598000,1214000]}}");

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(PvLayer) a = open_path (a_path);
      g_autoptr(PvLayer) b = open_path (b_path);
      g_autoptr(PvMap) map = pv_map_new ();
      g_autoptr(PvViewport) viewport = pv_viewport_new ();
      g_autoptr(GPtrArray) labels = NULL;
      PvPlacedLabel *la, *lb, *winner, *loser;
      double px, py;

      /* a is the bottom layer; first it has the higher priority, then not. */
      set_labels (a, "ten", round == 0 ? 9 : 2);
      set_labels (b, "ten", 5);
      pv_map_add_layer (map, a);
      pv_map_add_layer (map, b);
      pv_viewport_set_size (viewport, 800, 600);
      pv_viewport_set_center (viewport, 598000, 1214000);
      pv_viewport_set_resolution (viewport, 1.0);
      labels = pv_labeler_place (map, viewport, NULL);
      g_assert_cmpuint (labels->len, ==, 2);
      la = find_label (labels, "Chợ Thủ Dầu Một");
      lb = find_label (labels, "Nhà thờ Phú Cường");
      g_assert_nonnull (la);
      g_assert_nonnull (lb);
      assert_no_overlap (labels, 800, 600);
      winner = round == 0 ? la : lb;
      loser = round == 0 ? lb : la;
      pv_viewport_map_to_screen (viewport, 598000, 1214000, &px, &py);
      g_assert_cmpfloat (winner->box.x0, >, px);
      g_assert_cmpfloat (winner->box.y1, <, py);
      g_assert_false (loser->box.x0 > px && loser->box.y1 < py);
    }
  pv_test_remove_dir (dir);
}

static void
test_labels_scale_hides (void)
{
  g_autoptr(PvMap) map = sample_map ();
  g_autoptr(PvViewport) viewport = city_viewport ();
  PvLayer *zones = pv_map_get_layer (map, 0);
  g_autoptr(PvLabeling) limited = pv_labeling_new ("ma_sdd");
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) hidden = NULL;
  g_autoptr(GPtrArray) layer_hidden = NULL;
  double scale = pv_viewport_get_scale (viewport);

  shown = pv_labeler_place (map, viewport, NULL);
  g_assert_cmpuint (count_kind (shown, PV_LABEL_POLYGON), >, 0);

  /* Labels only up to half this scale's denominator: none now. */
  pv_labeling_set_scale_range (limited, 0, scale / 2);
  g_assert_true (pv_vector_layer_set_labeling (PV_VECTOR_LAYER (zones), limited, NULL, NULL));
  hidden = pv_labeler_place (map, viewport, NULL);
  g_assert_cmpuint (count_kind (hidden, PV_LABEL_POLYGON), ==, 0);
  g_assert_cmpuint (count_kind (hidden, PV_LABEL_LINE), >, 0);

  /* The layer's own range hides its labels too. */
  set_labels (zones, "ma_sdd", 5);
  pv_layer_set_scale_range (zones, 0, scale / 2);
  layer_hidden = pv_labeler_place (map, viewport, NULL);
  g_assert_cmpuint (count_kind (layer_hidden, PV_LABEL_POLYGON), ==, 0);
}

static double
ring_distance (const double *ring,
               guint         n,
               double        x,
               double        y,
               gboolean     *inside)
{
  double min = INFINITY;

  *inside = FALSE;
  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double ax = ring[2 * j], ay = ring[2 * j + 1], bx = ring[2 * i], by = ring[2 * i + 1];
      double dx = bx - ax, dy = by - ay;
      double t = CLAMP (((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy), 0, 1);

      if ((ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax)
        *inside = !*inside;
      min = MIN (min, hypot (ax + t * dx - x, ay + t * dy - y));
    }
  return min;
}

/* L and U shapes, whose centroids lie outside them: the label sits at the
 * pole, inside and away from the edges. */
static void
test_labels_pole (void)
{
  /* Offsets from (598000, 1214000), metres. */
  static const double l_shape[] = { 0, 0, 1000, 0, 1000, 300, 300, 300, 300, 1000, 0, 1000 };
  static const double u_shape[] = { 0, 0, 1000, 0, 1000, 1000, 700, 1000, 700, 300, 300, 300, 300, 1000, 0, 1000 };
  const double *shapes[] = { l_shape, u_shape };
  const guint sizes[] = { G_N_ELEMENTS (l_shape) / 2, G_N_ELEMENTS (u_shape) / 2 };
  /* The largest inscribed circles: 176 m (L) and 150 m (U: the bars). */
  const double radii[] = { 175, 149 };

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autofree char *dir = make_temp_dir ();
      g_autoptr(GString) coords = g_string_new (NULL);
      g_autofree char *feature = NULL;
      g_autofree char *path = NULL;
      g_autoptr(PvLayer) layer = NULL;
      g_autoptr(PvMap) map = pv_map_new ();
      g_autoptr(PvViewport) viewport = pv_viewport_new ();
      g_autoptr(GPtrArray) labels = NULL;
      g_autoptr(GPtrArray) again = NULL;
      g_autofree double *ring = g_new (double, 2 * sizes[s]);
      PvPlacedLabel *label;
      gboolean inside;
      double distance;

      for (guint i = 0; i <= sizes[s]; i++)
        g_string_append_printf (coords, "%s[%.1f,%.1f]", i ? "," : "",
                                598000 + shapes[s][2 * (i % sizes[s])], 1214000 + shapes[s][2 * (i % sizes[s]) + 1]);
      for (guint i = 0; i < 2 * sizes[s]; i += 2)
        {
          ring[i] = 598000 + shapes[s][i];
          ring[i + 1] = 1214000 + shapes[s][i + 1];
        }
      feature = g_strdup_printf ("{\"type\":\"Feature\",\"properties\":{\"ma\":\"ODT\"},"
                                 "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[%s]]}}", coords->str);
      path = write_geojson (dir, "shape.geojson", feature);
      layer = open_path (path);
      set_labels (layer, "ma", 5);
      pv_map_add_layer (map, layer);
      pv_viewport_set_size (viewport, 600, 600);
      pv_viewport_fit_extent (viewport, 597900, 1213900, 599100, 1215100);

      labels = pv_labeler_place (map, viewport, NULL);
      g_assert_cmpuint (labels->len, ==, 1);
      label = g_ptr_array_index (labels, 0);
      g_assert_cmpint (label->kind, ==, PV_LABEL_POLYGON);
      g_assert_cmpstr (label->text, ==, "ODT");
      distance = ring_distance (ring, sizes[s], label->map_x, label->map_y, &inside);
      g_assert_true (inside);
      g_assert_cmpfloat (distance, >=, radii[s] * 0.97);

      /* Computed once: the same pole in the next frame. */
      again = pv_labeler_place (map, viewport, NULL);
      g_assert_cmpuint (again->len, ==, 1);
      g_assert_cmpfloat (((PvPlacedLabel *) g_ptr_array_index (again, 0))->map_x, ==, label->map_x);
      pv_test_remove_dir (dir);
    }
}

static guint
count_color (cairo_surface_t  *image,
             const PvLabelBox *box)
{
  unsigned char *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);
  guint n = 0;

  for (int y = MAX ((int) box->y0, 0); y < MIN ((int) box->y1, cairo_image_surface_get_height (image)); y++)
    for (int x = MAX ((int) box->x0, 0); x < MIN ((int) box->x1, cairo_image_surface_get_width (image)); x++)
      {
        guint32 pixel = *(guint32 *) (data + y * stride + 4 * x);
        guint r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

        /* The label colour: pure blue. */
        if (b > 200 && r < 60 && g < 60)
          n++;
      }
  return n;
}

/* The label of a known zone is drawn at its pole, in the label colour, in
 * the striped image render and in the direct one alike. */
static void
test_labels_drawn (void)
{
  g_autoptr(PvLayer) zones = open_sample ("quy_hoach_2030.shp");
  g_autoptr(PvLabeling) labeling = pv_labeling_new ("ma_sdd");
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) viewport = city_viewport ();
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *with, *without, *direct;
  PvRenderTimings timings = { 0 };
  const double blue[4] = { 0, 0, 1, 1 };
  PvPlacedLabel *label;
  guint n_with, n_without, n_direct;
  cairo_t *cr;

  pv_labeling_set_color (labeling, blue);
  pv_labeling_set_size (labeling, 12);
  pv_map_add_layer (map, zones);
  without = pv_render_map_to_image (map, viewport, 4, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pv_vector_layer_set_labeling (PV_VECTOR_LAYER (zones), labeling, NULL, &error));
  labels = pv_labeler_place (map, viewport, NULL);
  g_assert_cmpuint (labels->len, >, 0);
  label = g_ptr_array_index (labels, 0);

  with = pv_render_map_to_image (map, viewport, 4, NULL, NULL, &timings, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (timings.labels_seconds, >, 0);
  n_with = count_color (with, &label->box);
  n_without = count_color (without, &label->box);
  g_assert_cmpuint (n_with, >, 20);
  g_assert_cmpuint (n_without, <, 3);

  direct = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 800);
  cr = cairo_create (direct);
  g_assert_true (pv_render_map (map, viewport, cr, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (direct);
  n_direct = count_color (direct, &label->box);
  g_assert_cmpuint (n_direct, >, 20);

  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
  cairo_surface_destroy (direct);
}

/* Vietnamese names keep their diacritics: every glyph found, marks stacked
 * above the letters, and the text unchanged in the placement. */
static void
test_labels_vietnamese (void)
{
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  g_autoptr(GObject) context = G_OBJECT (pango_font_map_create_context (font_map));
  g_autoptr(PangoLayout) marked = pango_layout_new (PANGO_CONTEXT (context));
  g_autoptr(PangoLayout) plain = pango_layout_new (PANGO_CONTEXT (context));
  PangoFontDescription *font = pango_font_description_from_string ("Noto Sans,DejaVu Sans 12");
  PangoRectangle marked_ink, plain_ink;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_geojson (dir, "tdm.geojson",
                                         "{\"type\":\"Feature\",\"properties\":{\"ten\":\"Thủ Dầu Một\"},"
                                         "\"geometry\":{\"type\":\"Point\",\"coordinates\":[598371,1214436]}}");
  g_autoptr(PvLayer) layer = open_path (path);
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvViewport) viewport = pv_viewport_new ();
  g_autoptr(GPtrArray) labels = NULL;

  pango_layout_set_font_description (marked, font);
  pango_layout_set_font_description (plain, font);
  pango_font_description_free (font);
  pango_layout_set_text (marked, "Thủ Dầu Một", -1);
  pango_layout_set_text (plain, "Thu Dau Mot", -1);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (marked), ==, 0);
  pango_layout_get_extents (marked, &marked_ink, NULL);
  pango_layout_get_extents (plain, &plain_ink, NULL);
  /* The hook and the stacked marks (ầ, ộ) reach above and below. */
  g_assert_cmpint (marked_ink.y, <, plain_ink.y);
  g_assert_cmpint (marked_ink.y + marked_ink.height, >, plain_ink.y + plain_ink.height);

  set_labels (layer, "ten", 5);
  pv_map_add_layer (map, layer);
  pv_viewport_set_size (viewport, 400, 300);
  pv_viewport_set_center (viewport, 598371, 1214436);
  pv_viewport_set_resolution (viewport, 1.0);
  labels = pv_labeler_place (map, viewport, NULL);
  g_assert_cmpuint (labels->len, ==, 1);
  g_assert_cmpstr (((PvPlacedLabel *) g_ptr_array_index (labels, 0))->text, ==, "Thủ Dầu Một");
  pv_test_remove_dir (dir);
}

/* ---------------------------------------------------------------- projects */

static void
test_labels_project (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *project = g_build_filename (dir, "labels.pvproj", NULL);
  g_autofree char *bad_project = g_build_filename (dir, "bad.pvproj", NULL);
  g_autofree char *zones_path = pv_test_sample_path ("quy_hoach_2030.shp");
  g_autofree char *bad_json = NULL;
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvLayer) zones = open_sample ("quy_hoach_2030.shp");
  g_autoptr(PvLabeling) labeling = pv_labeling_new ("{ma_sdd} – {huyen}");
  g_autoptr(PvMap) loaded = NULL;
  g_autoptr(PvMap) bad = NULL;
  g_autoptr(PvLabeling) back = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;

  pv_labeling_set_priority (labeling, 9);
  g_assert_true (pv_vector_layer_set_labeling (PV_VECTOR_LAYER (zones), labeling, NULL, &error));
  pv_map_add_layer (map, zones);
  g_assert_true (pv_project_save (map, NULL, project, &error));
  g_assert_no_error (error);

  loaded = pv_project_load (project, errors, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 0);
  back = pv_vector_layer_dup_labeling (PV_VECTOR_LAYER (pv_map_get_layer (loaded, 0)));
  g_assert_nonnull (back);
  g_assert_cmpstr (pv_labeling_get_text (back), ==, "{ma_sdd} – {huyen}");
  g_assert_cmpint (pv_labeling_get_priority (back), ==, 9);

  /* Labels naming a missing field: reported, and the layer still loads. */
  bad_json = g_strdup_printf ("{\"planviewer_project\": 1, \"layers\": ["
                              "{\"source\": \"%s\", \"labels\": {\"text\": \"{khong_co}\"}},"
                              "{\"source\": \"%s\", \"labels\": 42}]}", zones_path, zones_path);
  g_file_set_contents (bad_project, bad_json, -1, &error);
  g_assert_no_error (error);
  bad = pv_project_load (bad_project, errors, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_map_get_n_layers (bad), ==, 2);
  g_assert_cmpuint (errors->len, ==, 2);
  for (guint i = 0; i < errors->len; i++)
    g_assert_nonnull (strstr (((GError *) g_ptr_array_index (errors, i))->message, "quy_hoach_2030.shp"));
  g_assert_null (pv_vector_layer_dup_labeling (PV_VECTOR_LAYER (pv_map_get_layer (bad, 0))));
  pv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/labels/template", test_labels_template);
  g_test_add_func ("/core/labels/json", test_labels_json);
  g_test_add_func ("/core/labels/scale-range", test_labels_scale_range);
  g_test_add_func ("/core/labels/unknown-field", test_labels_unknown_field);
  g_test_add_func ("/core/labels/no-overlap", test_labels_no_overlap);
  g_test_add_func ("/core/labels/stable", test_labels_stable);
  g_test_add_func ("/core/labels/priority", test_labels_priority);
  g_test_add_func ("/core/labels/scale-hides", test_labels_scale_hides);
  g_test_add_func ("/core/labels/pole", test_labels_pole);
  g_test_add_func ("/core/labels/drawn", test_labels_drawn);
  g_test_add_func ("/core/labels/vietnamese", test_labels_vietnamese);
  g_test_add_func ("/core/labels/project", test_labels_project);
  return g_test_run ();
}
