/* test-annotation.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <string.h>

#include "pv-annotation-edit.h"
#include "pv-annotation.h"
#include "pv-core.h"
#include "pv-test-util.h"

/* Around Thủ Dầu Một, in Bình Dương's VN-2000 TM-3 grid (metres). */
#define X0 595000.0
#define Y0 1215000.0

/* Texts that end on a multi-byte letter: the last character must survive. */
#define TEXT_NOTE    "Đất thương mại, dịch vụ"
#define TEXT_CALLOUT "Cầu Ông Cộ"
#define TEXT_AREA    "Diện tích: 1,25 ha – khu ở"

static PvCrs *
crs_9210 (void)
{
  g_autoptr(GError) error = NULL;
  PvCrs *crs = pv_crs_new_from_user_input (PV_CRS_BINH_DUONG, &error);

  g_assert_no_error (error);
  return crs;
}

static PvAnnotation *
make (PvAnnotationKind  kind,
      const double     *xy,
      guint             n,
      const char       *text)
{
  PvAnnotation *annotation = pv_annotation_new (kind);

  pv_annotation_set_points (annotation, xy, n);
  pv_annotation_set_text (annotation, text);
  return annotation;
}

/* One annotation of every kind, with its own style. */
static PvAnnotationSet *
sample_set (void)
{
  g_autoptr(PvCrs) crs = crs_9210 ();
  PvAnnotationSet *set = pv_annotation_set_new (crs);
  const double text_xy[] = { X0, Y0 };
  const double arrow_xy[] = { X0 - 300, Y0 - 200, X0 - 50, Y0 - 20 };
  const double line_xy[] = { X0 + 100, Y0 + 100, X0 + 400, Y0 + 150, X0 + 450, Y0 + 420 };
  const double polygon_xy[] = { X0 - 500, Y0 + 200, X0 - 200, Y0 + 250, X0 - 300, Y0 + 500 };
  const double freehand_xy[] = { X0, Y0 - 400, X0 + 10.5, Y0 - 395.25, X0 + 22, Y0 - 380, X0 + 40, Y0 - 377 };
  const double callout_xy[] = { X0 + 250, Y0 - 250, X0 + 400, Y0 - 150 };
  const double measure_xy[] = { X0 - 600, Y0 - 600, X0 - 500, Y0 - 600, X0 - 500, Y0 - 500, X0 - 600, Y0 - 500 };
  PvAnnotationStyle style;
  PvAnnotation *a;

  a = make (PV_ANNOTATION_TEXT, text_xy, 1, TEXT_NOTE);
  pv_annotation_get_style (a, &style);
  style.font_pt = 14;
  style.color[0] = 0, style.color[1] = 0.2, style.color[2] = 0.6, style.color[3] = 1;
  pv_annotation_set_style (a, &style);
  pv_annotation_set_add (set, a);
  g_object_unref (a);

  a = make (PV_ANNOTATION_ARROW, arrow_xy, 2, NULL);
  pv_annotation_get_style (a, &style);
  style.width_mm = 1.2;
  pv_annotation_set_style (a, &style);
  pv_annotation_set_add (set, a);
  g_object_unref (a);

  a = make (PV_ANNOTATION_LINE, line_xy, 3, "Đường ĐT 743");
  pv_annotation_set_add (set, a);
  g_object_unref (a);

  a = make (PV_ANNOTATION_POLYGON, polygon_xy, 3, NULL);
  pv_annotation_get_style (a, &style);
  style.fill[0] = 0.1, style.fill[1] = 0.7, style.fill[2] = 0.2, style.fill[3] = 0.4;
  pv_annotation_set_style (a, &style);
  pv_annotation_set_add (set, a);
  g_object_unref (a);

  a = pv_annotation_new (PV_ANNOTATION_RECTANGLE);
  pv_annotation_set_rectangle (a, X0 + 600, Y0 + 600, X0 + 900, Y0 + 800);
  pv_annotation_set_add (set, a);
  g_object_unref (a);

  a = make (PV_ANNOTATION_FREEHAND, freehand_xy, 4, NULL);
  pv_annotation_set_add (set, a);
  g_object_unref (a);

  a = make (PV_ANNOTATION_CALLOUT, callout_xy, 2, TEXT_CALLOUT);
  pv_annotation_set_number (a, pv_annotation_set_next_number (set));
  pv_annotation_set_add (set, a);
  g_object_unref (a);

  a = pv_annotation_new (PV_ANNOTATION_MEASUREMENT);
  pv_annotation_set_closed (a, TRUE);
  pv_annotation_set_points (a, measure_xy, 4);
  pv_annotation_set_text (a, TEXT_AREA);
  pv_annotation_set_add (set, a);
  g_object_unref (a);

  return set;
}

/* ---------------------------------------------------------------- model */

typedef struct
{
  guint position, removed, added, calls;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
}

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_model (void)
{
  g_autoptr(PvAnnotationSet) set = sample_set ();
  g_autoptr(PvAnnotation) extra = pv_annotation_new (PV_ANNOTATION_LINE);
  const double xy[] = { 1, 2, 3, 4 };
  Change change = { 0 };
  guint n_changed = 0, n_annotation_changed = 0;
  PvAnnotation *first, *rect;
  double x, y;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (set)) == PV_TYPE_ANNOTATION);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, PV_ANNOTATION_N_KINDS);
  for (guint i = 0; i < PV_ANNOTATION_N_KINDS; i++)
    {
      PvAnnotationKind kind;

      g_assert_cmpint (pv_annotation_get_kind (pv_annotation_set_get_annotation (set, i)), ==, i);
      g_assert_true (pv_annotation_is_complete (pv_annotation_set_get_annotation (set, i)));
      g_assert_true (pv_annotation_kind_from_string (pv_annotation_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_false (pv_annotation_kind_from_string ("blob", NULL));
  g_signal_connect (set, "items-changed", G_CALLBACK (items_changed_cb), &change);
  g_signal_connect (set, "changed", G_CALLBACK (count_cb), &n_changed);

  pv_annotation_set_points (extra, xy, 2);
  pv_annotation_set_insert (set, 1, extra);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_true (pv_annotation_set_get_annotation (set, 1) == extra);

  /* A change of an annotation in the set is a change of the set. */
  pv_annotation_set_text (extra, "Lô A");
  g_assert_cmpuint (n_changed, ==, 2);
  pv_annotation_set_text (extra, "Lô A");  /* unchanged */
  g_assert_cmpuint (n_changed, ==, 2);

  pv_annotation_set_move (set, 1, 4);
  g_assert_true (pv_annotation_set_get_annotation (set, 4) == extra);
  g_assert_cmpuint (n_changed, ==, 3);
  g_assert_true (pv_annotation_set_remove (set, extra));
  g_assert_false (pv_annotation_set_remove (set, extra));
  g_assert_cmpuint (change.position, ==, 4);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (n_changed, ==, 4);
  /* Out of the set, its changes are no longer the set's. */
  pv_annotation_set_text (extra, "Lô B");
  g_assert_cmpuint (n_changed, ==, 4);

  /* Geometry edits notify once each through "changed". */
  first = pv_annotation_set_get_annotation (set, 0);
  g_signal_connect (first, "changed", G_CALLBACK (count_cb), &n_annotation_changed);
  pv_annotation_translate (first, 10, -5);
  pv_annotation_get_point (first, 0, &x, &y);
  g_assert_cmpfloat (x, ==, X0 + 10);
  g_assert_cmpfloat (y, ==, Y0 - 5);
  g_assert_cmpuint (n_annotation_changed, ==, 1);

  /* A rectangle stays one when a corner moves. */
  rect = pv_annotation_set_get_annotation (set, PV_ANNOTATION_RECTANGLE);
  pv_annotation_move_point (rect, 2, X0 + 1000, Y0 + 1000);
  {
    const double *p = pv_annotation_get_points (rect, NULL);
    const double expected[] = { X0 + 600, Y0 + 600, X0 + 1000, Y0 + 600, X0 + 1000, Y0 + 1000, X0 + 600, Y0 + 1000 };

    for (guint i = 0; i < 8; i++)
      g_assert_cmpfloat (p[i], ==, expected[i]);
  }
  pv_annotation_move_point (rect, 3, X0 + 500, Y0 + 1100);
  {
    const double *p = pv_annotation_get_points (rect, NULL);
    const double expected[] = { X0 + 500, Y0 + 600, X0 + 1000, Y0 + 600, X0 + 1000, Y0 + 1100, X0 + 500, Y0 + 1100 };

    for (guint i = 0; i < 8; i++)
      g_assert_cmpfloat (p[i], ==, expected[i]);
  }

  /* Only measurements choose to be closed. */
  pv_annotation_set_closed (extra, TRUE);
  g_assert_false (pv_annotation_get_closed (extra));
  g_assert_true (pv_annotation_get_closed (rect));

  g_assert_cmpint (pv_annotation_set_next_number (set), ==, 2);

  pv_annotation_set_clear (set);
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (set), ==, 0);
  g_assert_cmpuint (change.removed, ==, PV_ANNOTATION_N_KINDS);

  /* Colours as text. */
  {
    double rgba[4];
    g_autofree char *s = NULL;

    g_assert_true (pv_annotation_color_from_string ("#ff800040", rgba));
    g_assert_cmpfloat_with_epsilon (rgba[1], 128 / 255.0, 1e-12);
    g_assert_cmpfloat_with_epsilon (rgba[3], 64 / 255.0, 1e-12);
    s = pv_annotation_color_to_string (rgba);
    g_assert_cmpstr (s, ==, "#ff800040");
    g_assert_true (pv_annotation_color_from_string ("#0000FF", rgba));
    g_assert_cmpfloat (rgba[3], ==, 1.0);
    g_assert_false (pv_annotation_color_from_string ("red", rgba));
    g_assert_false (pv_annotation_color_from_string ("#12345", rgba));
  }

  g_signal_handlers_disconnect_by_data (set, &change);
  g_signal_handlers_disconnect_by_data (set, &n_changed);
  g_assert_finalize_object (g_steal_pointer (&extra));
  g_assert_finalize_object (g_steal_pointer (&set));
}

/* ---------------------------------------------------------------- undo */

static void
assert_points (PvAnnotation *annotation,
               const double *expected,
               guint         n)
{
  guint n_points;
  const double *p = pv_annotation_get_points (annotation, &n_points);

  g_assert_cmpuint (n_points, ==, n);
  for (guint i = 0; i < 2 * n; i++)
    g_assert_cmpfloat (p[i], ==, expected[i]);
}

static void
test_undo_stack (void)
{
  g_autoptr(PvUndoStack) stack = pv_undo_stack_new ();
  g_autoptr(PvAnnotationSet) set = pv_annotation_set_new (NULL);
  guint notified = 0;

  g_signal_connect (stack, "notify::can-undo", G_CALLBACK (notify_cb), &notified);
  g_assert_false (pv_undo_stack_get_can_undo (stack));
  g_assert_false (pv_undo_stack_get_can_redo (stack));
  g_assert_null (pv_undo_stack_get_undo_label (stack));
  g_assert_true (pv_undo_stack_get_clean (stack));
  g_assert_false (pv_undo_stack_undo (stack));
  g_assert_false (pv_undo_stack_redo (stack));

  /* A limit of 3 keeps the last 3 steps. */
  pv_undo_stack_set_limit (stack, 3);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(PvAnnotation) a = pv_annotation_new (PV_ANNOTATION_TEXT);
      const double xy[] = { i, i };

      pv_annotation_set_points (a, xy, 1);
      pv_annotation_edit_add (stack, set, a);
    }
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (set), ==, 5);
  g_assert_cmpuint (pv_undo_stack_get_n_undo (stack), ==, 3);
  g_assert_cmpstr (pv_undo_stack_get_undo_label (stack), ==, "Add Text");
  g_assert_false (pv_undo_stack_get_clean (stack));
  while (pv_undo_stack_undo (stack))
    ;
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (set), ==, 2);
  g_assert_cmpuint (pv_undo_stack_get_n_redo (stack), ==, 3);
  g_assert_true (pv_undo_stack_get_can_redo (stack));
  g_assert_cmpuint (notified, ==, 2);
  /* The state before the kept steps is not the clean (empty) one. */
  g_assert_false (pv_undo_stack_get_clean (stack));

  pv_undo_stack_redo (stack);
  pv_undo_stack_mark_clean (stack);
  g_assert_true (pv_undo_stack_get_clean (stack));
  pv_undo_stack_redo (stack);
  g_assert_false (pv_undo_stack_get_clean (stack));
  pv_undo_stack_undo (stack);
  g_assert_true (pv_undo_stack_get_clean (stack));

  /* A new edit drops what could be redone. */
  pv_annotation_edit_remove (stack, set, pv_annotation_set_get_annotation (set, 0));
  g_assert_false (pv_undo_stack_get_can_redo (stack));
  g_assert_cmpstr (pv_undo_stack_get_undo_label (stack), ==, "Delete Annotation");
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (set), ==, 2);

  pv_undo_stack_clear (stack);
  g_assert_false (pv_undo_stack_get_can_undo (stack));
  g_assert_false (pv_undo_stack_get_can_redo (stack));
  g_signal_handlers_disconnect_by_data (stack, &notified);
}

/* Every edit, undone and redone. */
static void
test_undo_edits (void)
{
  g_autoptr(PvUndoStack) stack = pv_undo_stack_new ();
  g_autoptr(PvAnnotationSet) set = sample_set ();
  g_autoptr(PvAnnotationSet) original = pv_annotation_set_copy (set);
  g_autoptr(PvAnnotationSet) edited = NULL;
  PvAnnotation *line = pv_annotation_set_get_annotation (set, PV_ANNOTATION_LINE);
  PvAnnotation *note = pv_annotation_set_get_annotation (set, PV_ANNOTATION_TEXT);
  PvAnnotation *rect = pv_annotation_set_get_annotation (set, PV_ANNOTATION_RECTANGLE);
  g_autoptr(PvAnnotation) added = pv_annotation_new (PV_ANNOTATION_ARROW);
  const double line_xy[] = { X0 + 100, Y0 + 100, X0 + 400, Y0 + 150, X0 + 450, Y0 + 420 };
  const double arrow_xy[] = { X0, Y0, X0 + 10, Y0 + 10 };
  PvAnnotationStyle style;
  guint merge_key, n_steps;

  g_assert_true (pv_annotation_set_equal (set, original, 0));

  /* A drag of three steps is one step. */
  merge_key = pv_undo_stack_new_merge_key (stack);
  pv_annotation_edit_move (stack, line, 10, 0, merge_key);
  pv_annotation_edit_move (stack, line, 10, 5, merge_key);
  pv_annotation_edit_move (stack, line, 5, 5, merge_key);
  g_assert_cmpuint (pv_undo_stack_get_n_undo (stack), ==, 1);
  g_assert_cmpstr (pv_undo_stack_get_undo_label (stack), ==, "Move Annotation");
  {
    const double moved[] = { X0 + 125, Y0 + 110, X0 + 425, Y0 + 160, X0 + 475, Y0 + 430 };

    assert_points (line, moved, 3);
    pv_undo_stack_undo (stack);
    assert_points (line, line_xy, 3);
    pv_undo_stack_redo (stack);
    assert_points (line, moved, 3);
  }
  /* The next drag is a step of its own, even with the old key after an
   * undo/redo. */
  pv_annotation_edit_move (stack, line, -25, -10, pv_undo_stack_new_merge_key (stack));
  pv_annotation_edit_move (stack, line, 0, 0, merge_key);  /* no change: no step */
  g_assert_cmpuint (pv_undo_stack_get_n_undo (stack), ==, 2);
  assert_points (line, line_xy, 3);

  /* Vertices: move (merged drag), insert, remove. */
  merge_key = pv_undo_stack_new_merge_key (stack);
  pv_annotation_edit_move_point (stack, line, 1, X0 + 300, Y0 + 300, merge_key);
  pv_annotation_edit_move_point (stack, line, 1, X0 + 310, Y0 + 320, merge_key);
  g_assert_cmpuint (pv_undo_stack_get_n_undo (stack), ==, 3);
  g_assert_cmpstr (pv_undo_stack_get_undo_label (stack), ==, "Move Point");
  pv_annotation_edit_insert_point (stack, line, 3, X0 + 500, Y0 + 500);
  g_assert_cmpuint (pv_annotation_get_n_points (line), ==, 4);
  g_assert_cmpstr (pv_undo_stack_get_undo_label (stack), ==, "Add Point");
  pv_annotation_edit_remove_point (stack, line, 0);
  g_assert_cmpuint (pv_annotation_get_n_points (line), ==, 3);
  g_assert_cmpstr (pv_undo_stack_get_undo_label (stack), ==, "Remove Point");
  {
    const double expected[] = { X0 + 310, Y0 + 320, X0 + 450, Y0 + 420, X0 + 500, Y0 + 500 };

    assert_points (line, expected, 3);
  }
  /* A line keeps two points at least; a rectangle's count is fixed. */
  n_steps = pv_undo_stack_get_n_undo (stack);
  pv_annotation_edit_remove_point (stack, line, 0);
  pv_annotation_edit_remove_point (stack, line, 0);
  g_assert_cmpuint (pv_annotation_get_n_points (line), ==, 2);
  g_assert_cmpuint (pv_undo_stack_get_n_undo (stack), ==, n_steps + 1);
  pv_annotation_edit_insert_point (stack, rect, 1, X0, Y0);
  g_assert_cmpuint (pv_annotation_get_n_points (rect), ==, 4);
  pv_annotation_edit_move_point (stack, rect, 0, X0 + 550, Y0 + 550, 0);

  /* Text and style. */
  pv_annotation_edit_set_text (stack, note, "Nhà văn hoá");
  g_assert_cmpstr (pv_annotation_get_text (note), ==, "Nhà văn hoá");
  g_assert_cmpstr (pv_undo_stack_get_undo_label (stack), ==, "Edit Text");
  pv_annotation_get_style (note, &style);
  style.font_pt = 20;
  style.fill[3] = 0;
  pv_annotation_edit_set_style (stack, note, &style, 0);
  g_assert_cmpstr (pv_undo_stack_get_undo_label (stack), ==, "Change Style");

  /* Order, add and delete. */
  pv_annotation_edit_reorder (stack, set, 0, 7);
  g_assert_true (pv_annotation_set_get_annotation (set, 7) == note);
  pv_annotation_set_points (added, arrow_xy, 2);
  pv_annotation_edit_add (stack, set, added);
  g_assert_cmpstr (pv_undo_stack_get_undo_label (stack), ==, "Add Arrow");
  pv_annotation_edit_remove (stack, set, rect);
  g_assert_false (pv_annotation_set_find (set, rect, NULL));

  /* All the way back, then forward again. */
  edited = pv_annotation_set_copy (set);
  n_steps = pv_undo_stack_get_n_undo (stack);
  while (pv_undo_stack_undo (stack))
    ;
  g_assert_true (pv_annotation_set_equal (set, original, 0));
  g_assert_cmpuint (pv_undo_stack_get_n_redo (stack), ==, n_steps);
  while (pv_undo_stack_redo (stack))
    ;
  g_assert_true (pv_annotation_set_equal (set, edited, 0));
  g_assert_true (pv_annotation_set_get_annotation (set, pv_annotation_set_get_n_annotations (set) - 1) == added);
  g_assert_cmpstr (pv_annotation_get_text (note), ==, "Nhà văn hoá");
}

/* ---------------------------------------------------------------- JSON */

static void
test_json (void)
{
  g_autoptr(PvAnnotationSet) set = sample_set ();
  g_autoptr(PvAnnotationSet) back = NULL;
  g_autoptr(PvAnnotationSet) empty = pv_annotation_set_new (NULL);
  g_autoptr(JsonNode) node = pv_annotation_set_to_json (set);
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = json_to_string (node, FALSE);

  /* Through text, as the project file stores it. */
  parsed = json_from_string (text, &error);
  g_assert_no_error (error);
  back = pv_annotation_set_new_from_json (parsed, &error);
  g_assert_no_error (error);
  g_assert_true (pv_annotation_set_equal (set, back, 0));
  g_assert_cmpint (pv_crs_get_epsg (pv_annotation_set_get_crs (back)), ==, 9210);
  g_assert_cmpstr (pv_annotation_get_text (pv_annotation_set_get_annotation (back, 0)), ==, TEXT_NOTE);
  g_assert_true (pv_annotation_get_closed (pv_annotation_set_get_annotation (back, PV_ANNOTATION_MEASUREMENT)));
  g_clear_object (&back);
  g_clear_pointer (&node, json_node_unref);

  node = pv_annotation_set_to_json (empty);
  back = pv_annotation_set_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_null (pv_annotation_set_get_crs (back));
  g_assert_true (pv_annotation_set_equal (empty, back, 0));

  /* Malformed input is an error, never a half set. */
  {
    const char *bad[] = {
      "[]",
      "{\"crs\": \"EPSG:9210\", \"annotations\": {}}",
      "{\"crs\": \"no such crs\", \"annotations\": []}",
      "{\"annotations\": [ {\"kind\": \"blob\", \"points\": [[1, 2]]} ]}",
      "{\"annotations\": [ {\"kind\": \"line\", \"points\": [[1, 2]]} ]}",
      "{\"annotations\": [ {\"kind\": \"text\", \"points\": [[1, \"x\"]]} ]}",
      "{\"annotations\": [ {\"kind\": \"text\", \"points\": [[1, 2]], \"color\": \"red\"} ]}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(JsonNode) bad_node = json_from_string (bad[i], NULL);
        g_autoptr(PvAnnotationSet) bad_set = NULL;
        g_autoptr(GError) bad_error = NULL;

        g_assert_nonnull (bad_node);
        bad_set = pv_annotation_set_new_from_json (bad_node, &bad_error);
        g_assert_null (bad_set);
        g_assert_error (bad_error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID);
      }
  }
}

/* ---------------------------------------------------------------- OGR */

static const char *
expected_geometry (PvAnnotation *annotation)
{
  if (pv_annotation_get_kind (annotation) == PV_ANNOTATION_TEXT)
    return "POINT";
  return pv_annotation_get_closed (annotation) ? "POLYGON" : "LINESTRING";
}

/* Reads the file with OGR itself and compares every feature with the set:
 * kinds, texts, colours, sizes, numbers and coordinates (in degrees for
 * WGS 84 files, within 1e-6°; in metres for the set's CRS, within 1 mm). */
static void
check_with_ogr (PvAnnotationSet *set,
                const char      *path,
                gboolean         wgs84,
                gboolean         kml)
{
  GDALDatasetH dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  g_autoptr(PvCrs) crs_4326 = pv_crs_new_from_epsg (4326, NULL);
  g_autoptr(PvTransform) to_4326 = pv_transform_new (pv_annotation_set_get_crs (set), crs_4326, NULL);
  OGRLayerH layer;
  OGRSpatialReferenceH srs;
  OGRFeatureH feature;
  double tolerance = wgs84 ? 1e-6 : 1e-3;
  guint i = 0;

  g_assert_nonnull (dataset);
  g_assert_nonnull (to_4326);
  layer = GDALDatasetGetLayerByName (dataset, "annotations");
  g_assert_nonnull (layer);
  srs = OGR_L_GetSpatialRef (layer);
  g_assert_nonnull (srs);
  g_assert_cmpstr (OSRGetAuthorityCode (srs, NULL), ==, wgs84 ? "4326" : "9210");
  g_assert_cmpint (OGR_L_GetFeatureCount (layer, TRUE), ==, pv_annotation_set_get_n_annotations (set));

  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      PvAnnotation *annotation = pv_annotation_set_get_annotation (set, i++);
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      OGRGeometryH line = geometry;
      PvAnnotationStyle style;
      g_autofree char *color = NULL;
      g_autofree char *fill = NULL;
      const char *text = pv_annotation_get_text (annotation);
      const char *style_string;
      const double *xy;
      guint n;

      pv_annotation_get_style (annotation, &style);
      color = pv_annotation_color_to_string (style.color);
      fill = pv_annotation_color_to_string (style.fill);
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, "kind")), ==,
                       pv_annotation_kind_to_string (pv_annotation_get_kind (annotation)));
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, "text")), ==,
                       text ? text : "");
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, "color")), ==, color);
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, "fill")), ==, fill);
      g_assert_cmpfloat_with_epsilon (OGR_F_GetFieldAsDouble (feature, OGR_F_GetFieldIndex (feature, "width_mm")),
                                      style.width_mm, 1e-9);
      g_assert_cmpfloat_with_epsilon (OGR_F_GetFieldAsDouble (feature, OGR_F_GetFieldIndex (feature, "font_pt")),
                                      style.font_pt, 1e-9);
      g_assert_cmpint (OGR_F_GetFieldAsInteger (feature, OGR_F_GetFieldIndex (feature, "number")), ==,
                       pv_annotation_get_number (annotation));

      /* Styled for QGIS: the line colour in a PEN, texts in a LABEL. */
      style_string = OGR_F_GetStyleString (feature);
      g_assert_nonnull (style_string);
      if (pv_annotation_get_kind (annotation) != PV_ANNOTATION_TEXT)
        g_assert_nonnull (strstr (style_string, "PEN("));
      if (text != NULL)
        {
          g_assert_nonnull (strstr (style_string, "LABEL("));
          /* KML labels show the placemark's name. */
          if (kml)
            g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, "Name")), ==, text);
          else
            g_assert_nonnull (strstr (style_string, text));
        }

      g_assert_cmpstr (OGR_G_GetGeometryName (geometry), ==, expected_geometry (annotation));
      if (wkbFlatten (OGR_G_GetGeometryType (geometry)) == wkbPolygon)
        line = OGR_G_GetGeometryRef (geometry, 0);
      xy = pv_annotation_get_points (annotation, &n);
      g_assert_cmpint (OGR_G_GetPointCount (line), ==, n + (pv_annotation_get_closed (annotation) ? 1 : 0));
      for (guint j = 0; j < n; j++)
        {
          double x = xy[2 * j], y = xy[2 * j + 1];

          if (wgs84)
            g_assert_true (pv_transform_point (to_4326, &x, &y, NULL));
          g_assert_cmpfloat_with_epsilon (OGR_G_GetX (line, j), x, tolerance);
          g_assert_cmpfloat_with_epsilon (OGR_G_GetY (line, j), y, tolerance);
        }
      OGR_F_Destroy (feature);
    }
  g_assert_cmpuint (i, ==, pv_annotation_set_get_n_annotations (set));
  GDALClose (dataset);
}

static void
test_export (gconstpointer data)
{
  const char *extension = data;
  gboolean wgs84 = g_strcmp0 (extension, "gpkg") != 0;
  g_autoptr(PvAnnotationSet) set = sample_set ();
  g_autoptr(PvAnnotationSet) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-annotation-XXXXXX", NULL);
  g_autofree char *name = g_strdup_printf ("ghi-chú.%s", extension);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GDir) listing = NULL;
  const char *entry;

  g_assert_true (pv_annotation_set_export (set, path, &error));
  g_assert_no_error (error);
  check_with_ogr (set, path, wgs84, g_strcmp0 (extension, "kml") == 0);

  /* Written again over the old file. */
  g_assert_true (pv_annotation_set_export (set, path, &error));
  g_assert_no_error (error);

  /* import (export (x)) == x: the same CRS for GeoPackage; in WGS 84
   * files, back in the set's CRS to 1 mm. */
  back = pv_annotation_set_import (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpint (pv_crs_get_epsg (pv_annotation_set_get_crs (back)), ==, wgs84 ? 4326 : 9210);
  if (wgs84)
    {
      g_assert_true (pv_annotation_set_transform_to (back, pv_annotation_set_get_crs (set), &error));
      g_assert_no_error (error);
      g_assert_true (pv_annotation_set_equal (set, back, 1e-3));
    }
  else
    g_assert_true (pv_annotation_set_equal (set, back, 1e-9));
  g_assert_cmpstr (pv_annotation_get_text (pv_annotation_set_get_annotation (back, PV_ANNOTATION_CALLOUT)), ==,
                   TEXT_CALLOUT);

  /* Nothing but the file is left in the folder. */
  listing = g_dir_open (dir, 0, NULL);
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *entry_path = g_build_filename (dir, entry, NULL);

      g_assert_cmpstr (entry, ==, name);
      g_remove (entry_path);
    }
  g_rmdir (dir);
}

static void
test_export_errors (void)
{
  g_autoptr(PvAnnotationSet) set = sample_set ();
  g_autoptr(PvAnnotationSet) no_crs = pv_annotation_set_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pv-test-annotation-XXXXXX", NULL);
  g_autofree char *shp = g_build_filename (dir, "a.shp", NULL);
  g_autofree char *kml = g_build_filename (dir, "a.kml", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.gpkg", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no", "such", "dir.gpkg", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.geojson", NULL);

  g_assert_false (pv_annotation_set_export (set, shp, &error));
  g_assert_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "a.shp"));
  g_clear_error (&error);

  /* KML needs WGS 84: a set without CRS cannot be placed. */
  g_assert_false (pv_annotation_set_export (no_crs, kml, &error));
  g_assert_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (kml, G_FILE_TEST_EXISTS));

  g_assert_false (pv_annotation_set_export (set, nowhere, &error));
  g_assert_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_null (pv_annotation_set_import (missing, &error));
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_file_set_contents (garbage, "{ this is not json", -1, NULL);
  g_assert_null (pv_annotation_set_import (garbage, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "garbage.geojson"));
  g_clear_error (&error);
  g_remove (garbage);
  g_rmdir (dir);
}

/* A layer not written by PlanViewer: kinds from geometry, text from name. */
static void
test_import_foreign (void)
{
  static const char geojson[] =
    "{ \"type\": \"FeatureCollection\", \"features\": [\n"
    "  { \"type\": \"Feature\", \"properties\": { \"name\": \"Chợ Thủ Dầu Một\" },\n"
    "    \"geometry\": { \"type\": \"Point\", \"coordinates\": [106.65, 10.98] } },\n"
    "  { \"type\": \"Feature\", \"properties\": { },\n"
    "    \"geometry\": { \"type\": \"MultiLineString\", \"coordinates\": [ [[106.6, 10.9], [106.7, 11.0]],\n"
    "                                                                     [[106.8, 10.9], [106.9, 11.0]] ] } },\n"
    "  { \"type\": \"Feature\", \"properties\": { \"name\": \"Khu A\" },\n"
    "    \"geometry\": { \"type\": \"Polygon\", \"coordinates\": [ [[106.6, 10.9], [106.7, 10.9], [106.7, 11.0], [106.6, 10.9]] ] } }\n"
    "] }\n";
  g_autofree char *dir = g_dir_make_tmp ("pv-test-annotation-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "foreign.geojson", NULL);
  g_autoptr(PvAnnotationSet) set = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, geojson, -1, NULL);
  set = pv_annotation_set_import (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (set), ==, 4);
  g_assert_cmpint (pv_annotation_get_kind (pv_annotation_set_get_annotation (set, 0)), ==, PV_ANNOTATION_TEXT);
  g_assert_cmpstr (pv_annotation_get_text (pv_annotation_set_get_annotation (set, 0)), ==, "Chợ Thủ Dầu Một");
  g_assert_cmpint (pv_annotation_get_kind (pv_annotation_set_get_annotation (set, 1)), ==, PV_ANNOTATION_LINE);
  g_assert_cmpint (pv_annotation_get_kind (pv_annotation_set_get_annotation (set, 2)), ==, PV_ANNOTATION_LINE);
  g_assert_cmpint (pv_annotation_get_kind (pv_annotation_set_get_annotation (set, 3)), ==, PV_ANNOTATION_POLYGON);
  g_assert_cmpuint (pv_annotation_get_n_points (pv_annotation_set_get_annotation (set, 3)), ==, 3);
  g_remove (path);
  g_rmdir (dir);
}

/* ---------------------------------------------------------------- drawing */

#define IMG_W 400
#define IMG_H 300

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(guint32 *) (data + y * stride + 4 * x) & 0xFFFFFF;
}

static void
assert_near_rgb (guint32 got,
                 guint32 expected,
                 int     tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    {
      int a = (got >> shift) & 0xFF, b = (expected >> shift) & 0xFF;

      if (ABS (a - b) > tolerance)
        g_error ("pixel %06x is not %06x", got, expected);
    }
}

static guint
count_near (cairo_surface_t *surface,
            int              x0,
            int              y0,
            int              x1,
            int              y1,
            guint32          rgb,
            int              tolerance)
{
  guint n = 0;

  for (int y = MAX (y0, 0); y < MIN (y1, IMG_H); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, IMG_W); x++)
      {
        guint32 p = pixel (surface, x, y);
        gboolean ok = TRUE;

        for (int shift = 0; shift <= 16; shift += 8)
          ok = ok && ABS ((int) ((p >> shift) & 0xFF) - (int) ((rgb >> shift) & 0xFF)) <= tolerance;
        n += ok;
      }
  return n;
}

static cairo_surface_t *
draw_set (PvAnnotationSet *set,
          PvViewport      *viewport,
          PvCrs           *view_crs)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, IMG_W, IMG_H);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  pv_annotation_set_draw_in_crs (set, cr, viewport, view_crs);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  /* To look at what was drawn. */
  if (g_getenv ("PV_TEST_ANNOTATION_PNG") != NULL)
    cairo_surface_write_to_png (surface, g_getenv ("PV_TEST_ANNOTATION_PNG"));
  return surface;
}

static void
test_draw (void)
{
  g_autoptr(PvCrs) crs = crs_9210 ();
  g_autoptr(PvCrs) crs_4326 = pv_crs_new_from_epsg (4326, NULL);
  g_autoptr(PvAnnotationSet) set = pv_annotation_set_new (crs);
  g_autoptr(PvViewport) viewport = pv_viewport_new ();
  g_autoptr(PvAnnotation) arrow = pv_annotation_new (PV_ANNOTATION_ARROW);
  g_autoptr(PvAnnotation) polygon = pv_annotation_new (PV_ANNOTATION_POLYGON);
  g_autoptr(PvAnnotation) note = pv_annotation_new (PV_ANNOTATION_TEXT);
  g_autoptr(PvAnnotation) callout = pv_annotation_new (PV_ANNOTATION_CALLOUT);
  /* 1 m per pixel, the view's centre at (X0, Y0): pixel (200, 150). */
  const double arrow_xy[] = { X0 - 180, Y0 + 100, X0 - 20, Y0 + 100 };     /* y = 50 px */
  const double polygon_xy[] = { X0 - 180, Y0 - 20, X0 - 60, Y0 - 20, X0 - 120, Y0 - 120 };
  const double note_xy[] = { X0 + 20, Y0 + 120 };                         /* (220, 30) */
  const double callout_xy[] = { X0 + 100, Y0 - 60, X0 + 40, Y0 - 110 };    /* (300, 210) → (240, 260) */
  cairo_surface_t *surface;
  PvAnnotationStyle style;
  double sx, sy, x, y, w, h;
  int vertex;

  pv_viewport_set_size (viewport, IMG_W, IMG_H);
  pv_viewport_set_center (viewport, X0, Y0);
  pv_viewport_set_resolution (viewport, 1.0);
  pv_viewport_set_dpi (viewport, 96);

  pv_annotation_set_points (arrow, arrow_xy, 2);
  pv_annotation_get_style (arrow, &style);
  style.color[0] = 0, style.color[1] = 0, style.color[2] = 1, style.color[3] = 1;  /* blue */
  style.width_mm = 1.0;                                                            /* 3.8 px */
  pv_annotation_set_style (arrow, &style);
  pv_annotation_set_add (set, arrow);

  pv_annotation_set_points (polygon, polygon_xy, 3);
  pv_annotation_get_style (polygon, &style);
  style.fill[0] = 0, style.fill[1] = 1, style.fill[2] = 0, style.fill[3] = 1;      /* green */
  pv_annotation_set_style (polygon, &style);
  pv_annotation_set_add (set, polygon);

  pv_annotation_set_points (note, note_xy, 1);
  pv_annotation_set_text (note, TEXT_NOTE);
  pv_annotation_get_style (note, &style);
  style.color[0] = 0, style.color[1] = 0, style.color[2] = 0, style.color[3] = 1;  /* black text */
  style.fill[0] = 1, style.fill[1] = 1, style.fill[2] = 0, style.fill[3] = 1;      /* on yellow */
  style.font_pt = 12;
  pv_annotation_set_style (note, &style);
  pv_annotation_set_add (set, note);

  pv_annotation_set_points (callout, callout_xy, 2);
  pv_annotation_set_number (callout, 7);
  pv_annotation_set_text (callout, TEXT_CALLOUT);
  pv_annotation_set_add (set, callout);

  surface = draw_set (set, viewport, NULL);
  /* The arrow's shaft, its head (wider than the shaft) and nothing beyond. */
  pv_viewport_map_to_screen (viewport, X0 - 100, Y0 + 100, &sx, &sy);
  g_assert_cmpfloat_with_epsilon (sy, 50, 1e-9);
  assert_near_rgb (pixel (surface, (int) sx, (int) sy), 0x0000FF, 8);
  assert_near_rgb (pixel (surface, (int) sx, (int) sy - 6), 0xFFFFFF, 8);
  /* The head: 5 line widths long (19 px), 0.9 of that wide, its tip at x 180. */
  assert_near_rgb (pixel (surface, 180 - 15, 50 - 5), 0x0000FF, 8);  /* in the head, off the shaft */
  assert_near_rgb (pixel (surface, 180 - 25, 50 - 5), 0xFFFFFF, 8);  /* before the head, off the shaft */
  assert_near_rgb (pixel (surface, 180 + 3, 50), 0xFFFFFF, 8);       /* past the tip */

  /* The polygon's fill inside, white outside. */
  assert_near_rgb (pixel (surface, 80, 200), 0x00FF00, 8);
  assert_near_rgb (pixel (surface, 40, 250), 0xFFFFFF, 8);

  /* The note: a yellow box with black text in it. */
  g_assert_true (pv_annotation_set_get_text_box (set, note, viewport, NULL, &x, &y, &w, &h));
  g_assert_cmpfloat_with_epsilon (x, 220, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 30, 1e-9);
  g_assert_cmpfloat (w, >, 80);
  g_assert_cmpfloat (h, >, 12);
  g_assert_cmpuint (count_near (surface, x, y, x + w, y + h, 0xFFFF00, 8), >, w * h / 2);
  g_assert_cmpuint (count_near (surface, x, y, x + w, y + h, 0x000000, 60), >, 40);

  /* The callout: its marker in the line colour, the leader, the box. */
  assert_near_rgb (pixel (surface, 300 - 5, 210 - 5), 0xDB141A, 24);
  g_assert_cmpuint (count_near (surface, 280, 200, 320, 220, 0xFFFFFF, 40), >, 5);  /* the white "7" */
  g_assert_true (pv_annotation_set_get_text_box (set, callout, viewport, NULL, &x, &y, &w, &h));
  g_assert_cmpfloat_with_epsilon (x, 240, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 260, 1e-9);
  cairo_surface_destroy (surface);

  /* Hit testing, top first; a vertex within the tolerance. */
  g_assert_true (pv_annotation_set_hit_test (set, viewport, NULL, 100, 51, 3, &vertex) == arrow);
  g_assert_cmpint (vertex, ==, -1);
  g_assert_true (pv_annotation_set_hit_test (set, viewport, NULL, 21, 49, 4, &vertex) == arrow);
  g_assert_cmpint (vertex, ==, 0);
  g_assert_true (pv_annotation_set_hit_test (set, viewport, NULL, 80, 200, 3, &vertex) == polygon);
  g_assert_true (pv_annotation_set_hit_test (set, viewport, NULL, 230, 35, 3, &vertex) == note);
  g_assert_true (pv_annotation_set_hit_test (set, viewport, NULL, 250, 270, 3, &vertex) == callout);
  g_assert_null (pv_annotation_set_hit_test (set, viewport, NULL, 380, 20, 3, &vertex));
  g_assert_cmpint (vertex, ==, -1);

  /* A viewport in another CRS: the same marks at the same places. */
  {
    g_autoptr(PvAnnotationSet) in_4326 = pv_annotation_set_copy (set);
    g_autoptr(PvViewport) degrees = pv_viewport_new ();
    g_autoptr(PvTransform) to_4326 = pv_transform_new (crs, crs_4326, NULL);
    double cx = X0, cy = Y0, ex = X0 + 1, ey = Y0;

    g_assert_true (pv_transform_point (to_4326, &cx, &cy, NULL));
    g_assert_true (pv_transform_point (to_4326, &ex, &ey, NULL));
    pv_viewport_set_size (degrees, IMG_W, IMG_H);
    pv_viewport_set_center (degrees, cx, cy);
    pv_viewport_set_resolution (degrees, hypot (ex - cx, ey - cy));
    pv_viewport_set_dpi (degrees, 96);
    /* The set in 9210 drawn on a WGS 84 view. */
    surface = draw_set (set, degrees, crs_4326);
    assert_near_rgb (pixel (surface, 100, 50), 0x0000FF, 8);
    assert_near_rgb (pixel (surface, 80, 200), 0x00FF00, 8);
    cairo_surface_destroy (surface);
    g_assert_true (pv_annotation_set_hit_test (set, degrees, crs_4326, 100, 51, 3, NULL) == arrow);

    /* The set moved to WGS 84, drawn on the 9210 view. */
    g_assert_true (pv_annotation_set_transform_to (in_4326, crs_4326, NULL));
    surface = draw_set (in_4326, viewport, crs);
    assert_near_rgb (pixel (surface, 100, 50), 0x0000FF, 8);
    assert_near_rgb (pixel (surface, 80, 200), 0x00FF00, 8);
    cairo_surface_destroy (surface);
  }

  /* Sizes are physical: 1 mm is 3.78 px at 96 dpi, 7.56 px at 192 dpi (the
   * shaft's coverage summed down a column). */
  for (guint i = 0; i < 2; i++)
    {
      double dpi = i == 0 ? 96 : 192, width = 0;

      pv_viewport_set_dpi (viewport, dpi);
      surface = draw_set (set, viewport, NULL);
      for (int row = 30; row < 70; row++)
        width += 1.0 - ((pixel (surface, 100, row) >> 16) & 0xFF) / 255.0;
      cairo_surface_destroy (surface);
      g_assert_cmpfloat_with_epsilon (width, dpi / 25.4, 0.1);
    }
}

/* The same drawing goes to PDF (a vector surface) without errors. */
static void
test_draw_pdf (void)
{
  g_autoptr(PvAnnotationSet) set = sample_set ();
  g_autoptr(PvViewport) viewport = pv_viewport_new ();
  g_autofree char *dir = g_dir_make_tmp ("pv-test-annotation-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "a.pdf", NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  GStatBuf st;

  pv_viewport_set_size (viewport, 1200, 1200);
  pv_viewport_set_center (viewport, X0, Y0);
  pv_viewport_set_resolution (viewport, 1.5);
  pv_viewport_set_dpi (viewport, 72);
  surface = cairo_pdf_surface_create (path, 1200, 1200);
  cr = cairo_create (surface);
  pv_annotation_set_draw (set, cr, viewport);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 1000);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/annotation/model", test_model);
  g_test_add_func ("/core/annotation/undo-stack", test_undo_stack);
  g_test_add_func ("/core/annotation/undo-edits", test_undo_edits);
  g_test_add_func ("/core/annotation/json", test_json);
  g_test_add_data_func ("/core/annotation/export/gpkg", "gpkg", test_export);
  g_test_add_data_func ("/core/annotation/export/geojson", "geojson", test_export);
  g_test_add_data_func ("/core/annotation/export/kml", "kml", test_export);
  g_test_add_func ("/core/annotation/export-errors", test_export_errors);
  g_test_add_func ("/core/annotation/import-foreign", test_import_foreign);
  g_test_add_func ("/core/annotation/draw", test_draw);
  g_test_add_func ("/core/annotation/draw-pdf", test_draw_pdf);

  return g_test_run ();
}
