/* test-annotation-tool.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "pv-annotation-edit.h"
#include "pv-annotation-tool.h"
#include "pv-annotation-toolbar.h"
#include "pv-gui-test-util.h"
#include "pv-map-view.h"
#include "pv-test-util.h"

#define VIEW_WIDTH  800
#define VIEW_HEIGHT 600

typedef struct
{
  char             *dir;
  char             *path;
  PvMap            *map;
  GtkWidget        *window;
  PvMapView        *view;
  PvAnnotationSet  *set;
  PvUndoStack      *stack;
  PvAnnotationTool *tool;
  GtkGesture       *drag;
  GtkGesture       *click;
  GtkEventController *keys;
  guint             overlay;
} Fixture;

/* Render nodes stay alive until the test ends: a renderer may cache what it
 * drew for a node by its address, and a new node at a freed one's address
 * would show the old picture. */
static GPtrArray *kept_nodes;

static gboolean
is_sharp (gpointer view)
{
  return pv_map_view_get_frame_is_sharp (view) && !pv_map_view_get_rendering (view);
}

static gboolean
is_idle (gpointer view)
{
  return !pv_map_view_get_rendering (view) && !pv_map_view_get_animating (view);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  fixture->dir = pv_test_make_temp_dir ("pv-test-annotation-tool");
  fixture->path = pv_gui_test_write_zoning_square (fixture->dir);
  layers = pv_layer_open_all (fixture->path, NULL, NULL, &error);
  g_assert_no_error (error);

  fixture->map = pv_map_new ();
  pv_map_add_layer (fixture->map, g_ptr_array_index (layers, 0));
  g_assert_nonnull (pv_map_get_crs (fixture->map));

  fixture->window = gtk_window_new ();
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), VIEW_WIDTH, VIEW_HEIGHT);
  fixture->view = PV_MAP_VIEW (pv_map_view_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  pv_map_view_set_map (fixture->view, fixture->map, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  pv_gui_test_wait_until (is_sharp, fixture->view, "the first frame");

  fixture->set = pv_annotation_set_new (pv_map_get_crs (fixture->map));
  fixture->stack = pv_undo_stack_new ();
  fixture->tool = pv_annotation_tool_new (fixture->set, fixture->stack);
  fixture->overlay = pv_annotation_overlay_add (fixture->view, fixture->set);
  pv_map_view_set_tool (fixture->view, PV_MAP_TOOL (fixture->tool));

  fixture->drag = GTK_GESTURE (pv_gui_test_find_view_controller (fixture->view, GTK_TYPE_GESTURE_DRAG,
                                                                 GTK_PHASE_BUBBLE));
  fixture->click = GTK_GESTURE (pv_gui_test_find_view_controller (fixture->view, GTK_TYPE_GESTURE_CLICK,
                                                                  GTK_PHASE_BUBBLE));
  fixture->keys = pv_gui_test_find_view_controller (fixture->view, GTK_TYPE_EVENT_CONTROLLER_KEY,
                                                    GTK_PHASE_CAPTURE);
  g_assert_nonnull (fixture->drag);
  g_assert_nonnull (fixture->click);
  g_assert_nonnull (fixture->keys);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pv_gui_test_wait_until (is_idle, fixture->view, "the view to be idle");
  g_clear_pointer (&kept_nodes, g_ptr_array_unref);
  pv_map_view_set_tool (fixture->view, NULL);
  pv_map_view_remove_overlay (fixture->view, fixture->overlay);
  pv_gui_test_window_destroy (g_steal_pointer (&fixture->window));
  g_assert_finalize_object (g_steal_pointer (&fixture->tool));
  g_assert_finalize_object (g_steal_pointer (&fixture->stack));
  g_assert_finalize_object (g_steal_pointer (&fixture->set));
  g_assert_finalize_object (g_steal_pointer (&fixture->map));
  pv_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Input as the view's controllers receive it. */

static void
drag (Fixture *fixture,
      double   x0,
      double   y0,
      double   x1,
      double   y1)
{
  g_signal_emit_by_name (fixture->drag, "drag-begin", x0, y0);
  g_signal_emit_by_name (fixture->drag, "drag-update", (x1 - x0) / 2, (y1 - y0) / 2);
  g_signal_emit_by_name (fixture->drag, "drag-update", x1 - x0, y1 - y0);
  g_signal_emit_by_name (fixture->drag, "drag-end", x1 - x0, y1 - y0);
}

static void
click (Fixture *fixture,
       double   x,
       double   y)
{
  g_signal_emit_by_name (fixture->drag, "drag-begin", x, y);
  g_signal_emit_by_name (fixture->drag, "drag-end", 0.0, 0.0);
}

/* The second click of a double click: its press, then the click gesture's
 * second press. */
static void
double_click (Fixture *fixture,
              double   x,
              double   y)
{
  click (fixture, x, y);
  g_signal_emit_by_name (fixture->click, "pressed", 2, x, y);
}

static gboolean
key (Fixture *fixture,
     guint    keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (fixture->keys, "key-pressed", keyval, 0, 0, &handled);
  return handled;
}

static void
map_point (Fixture *fixture,
           double   x,
           double   y,
           double  *mx,
           double  *my)
{
  pv_map_view_widget_to_map (fixture->view, x, y, mx, my);
}

static void
assert_point (PvAnnotation *annotation,
              guint         index,
              double        x,
              double        y)
{
  double px, py;

  pv_annotation_get_point (annotation, index, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, x, 1e-6);
  g_assert_cmpfloat_with_epsilon (py, y, 1e-6);
}

static PvAnnotation *
last (Fixture *fixture)
{
  guint n = pv_annotation_set_get_n_annotations (fixture->set);

  g_assert_cmpuint (n, >, 0);
  return pv_annotation_set_get_annotation (fixture->set, n - 1);
}

static GtkPopover *
text_popover (Fixture *fixture)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && g_strcmp0 (gtk_widget_get_name (child), "annotation-text") == 0)
      return GTK_POPOVER (child);
  return NULL;
}

/* Types text in the open text entry and presses Enter. */
static void
enter_text (Fixture    *fixture,
            const char *text)
{
  GtkPopover *popover = text_popover (fixture);
  GtkWidget *entry;

  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  entry = gtk_popover_get_child (popover);
  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  pv_gui_test_drain ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
}

/* The view as the screen shows it (frame, overlays, the tool). */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  if (kept_nodes == NULL)
    kept_nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);
  g_ptr_array_add (kept_nodes, node);
  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                           gtk_widget_get_height (widget)));
}

static guint32
probe (Fixture *fixture,
       int      x,
       int      y)
{
  g_autoptr(GdkTexture) texture = render_widget (GTK_WIDGET (fixture->view));
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  double sx = width / (double) gtk_widget_get_width (GTK_WIDGET (fixture->view));

  gdk_texture_download (texture, pixels, stride);
  /* To look at what was drawn. */
  if (g_getenv ("PV_TEST_ANNOTATION_PNG") != NULL)
    gdk_texture_save_to_png (texture, g_getenv ("PV_TEST_ANNOTATION_PNG"));
  return *(guint32 *) (pixels + (gsize) (y * sx) * stride + 4 * (gsize) (x * sx)) & 0xFFFFFF;
}

static void
assert_rgb_near_at (guint32 got,
                    guint32 expected,
                    int     line)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((got >> shift) & 0xFF) - (int) ((expected >> shift) & 0xFF)) > 16)
      g_error ("line %d: pixel %06x is not %06x", line, got, expected);
}

#define assert_rgb_near(got, expected) assert_rgb_near_at ((got), (expected), __LINE__)

/* ---------------------------------------------------------------- tests */

/* Every kind drawn with the pointer, each an undoable step. */
static void
test_draw_kinds (Fixture       *fixture,
                 gconstpointer  data)
{
  static const PvAnnotationToolMode dragged[] = {
    PV_ANNOTATION_TOOL_ARROW, PV_ANNOTATION_TOOL_LINE, PV_ANNOTATION_TOOL_RECTANGLE, PV_ANNOTATION_TOOL_FREEHAND,
  };
  static const PvAnnotationKind dragged_kinds[] = {
    PV_ANNOTATION_ARROW, PV_ANNOTATION_LINE, PV_ANNOTATION_RECTANGLE, PV_ANNOTATION_FREEHAND,
  };
  double ax, ay, bx, by, cx, cy;
  PvAnnotation *a;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (dragged); i++)
    {
      pv_annotation_tool_set_mode (fixture->tool, dragged[i]);
      drag (fixture, 200, 150, 400, 300);
      g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, i + 1);
      a = last (fixture);
      g_assert_cmpint (pv_annotation_get_kind (a), ==, dragged_kinds[i]);
      map_point (fixture, 200, 150, &ax, &ay);
      map_point (fixture, 400, 300, &bx, &by);
      assert_point (a, 0, ax, ay);
      if (dragged_kinds[i] == PV_ANNOTATION_RECTANGLE)
        {
          g_assert_cmpuint (pv_annotation_get_n_points (a), ==, 4);
          assert_point (a, 2, bx, by);
          assert_point (a, 1, bx, ay);
        }
      else
        {
          /* The freehand line passes through the middle of the drag. */
          n = pv_annotation_get_n_points (a);
          g_assert_cmpuint (n, ==, dragged_kinds[i] == PV_ANNOTATION_FREEHAND ? 3 : 2);
          assert_point (a, n - 1, bx, by);
        }
      g_assert_true (pv_undo_stack_get_can_undo (fixture->stack));
    }

  /* A click without a drag draws nothing. */
  click (fixture, 100, 100);
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, 4);

  /* Polygon: three clicks, the last one doubled. */
  pv_annotation_tool_set_mode (fixture->tool, PV_ANNOTATION_TOOL_POLYGON);
  click (fixture, 100, 400);
  click (fixture, 250, 400);
  click (fixture, 175, 500);
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, 4);
  double_click (fixture, 175, 500);
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, 5);
  a = last (fixture);
  g_assert_cmpint (pv_annotation_get_kind (a), ==, PV_ANNOTATION_POLYGON);
  g_assert_cmpuint (pv_annotation_get_n_points (a), ==, 3);
  map_point (fixture, 175, 500, &cx, &cy);
  assert_point (a, 2, cx, cy);

  /* Return ends one too; BackSpace drops the last point; Escape cancels. */
  click (fixture, 500, 400);
  click (fixture, 600, 400);
  click (fixture, 650, 450);
  click (fixture, 700, 500);
  g_assert_true (key (fixture, GDK_KEY_BackSpace));
  g_assert_true (key (fixture, GDK_KEY_Return));
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, 6);
  g_assert_cmpuint (pv_annotation_get_n_points (last (fixture)), ==, 3);
  click (fixture, 500, 100);
  click (fixture, 600, 100);
  g_assert_true (key (fixture, GDK_KEY_Escape));
  g_assert_false (key (fixture, GDK_KEY_Return));
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, 6);

  /* Text: a click opens the entry; Enter keeps the text, to its last letter. */
  pv_annotation_tool_set_mode (fixture->tool, PV_ANNOTATION_TOOL_TEXT);
  click (fixture, 300, 80);
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, 6);
  enter_text (fixture, "Đất thương mại, dịch vụ");
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, 7);
  a = last (fixture);
  g_assert_cmpint (pv_annotation_get_kind (a), ==, PV_ANNOTATION_TEXT);
  g_assert_cmpstr (pv_annotation_get_text (a), ==, "Đất thương mại, dịch vụ");
  map_point (fixture, 300, 80, &ax, &ay);
  assert_point (a, 0, ax, ay);
  /* An empty text adds nothing, nor a click elsewhere while the entry is
   * open; the next click places the next text. */
  click (fixture, 300, 500);
  enter_text (fixture, "   ");
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, 7);
  click (fixture, 300, 500);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (text_popover (fixture))));
  click (fixture, 350, 520);
  enter_text (fixture, "Trường học");
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, 8);
  map_point (fixture, 350, 520, &ax, &ay);
  assert_point (last (fixture), 0, ax, ay);
  pv_undo_stack_undo (fixture->stack);
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, 7);

  /* Callout: the target, then where the text goes, then the text. */
  pv_annotation_tool_set_mode (fixture->tool, PV_ANNOTATION_TOOL_CALLOUT);
  click (fixture, 500, 250);
  click (fixture, 600, 200);
  enter_text (fixture, "Cầu Ông Cộ");
  a = last (fixture);
  g_assert_cmpint (pv_annotation_get_kind (a), ==, PV_ANNOTATION_CALLOUT);
  g_assert_cmpint (pv_annotation_get_number (a), ==, 1);
  g_assert_cmpstr (pv_annotation_get_text (a), ==, "Cầu Ông Cộ");
  map_point (fixture, 500, 250, &ax, &ay);
  map_point (fixture, 600, 200, &bx, &by);
  assert_point (a, 0, ax, ay);
  assert_point (a, 1, bx, by);
  /* The next one by a drag, numbered 2. */
  drag (fixture, 520, 350, 650, 330);
  enter_text (fixture, "Chợ");
  g_assert_cmpint (pv_annotation_get_number (last (fixture)), ==, 2);
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, 9);

  /* Each was one step: undo them all, redo them all. */
  g_assert_cmpuint (pv_undo_stack_get_n_undo (fixture->stack), ==, 9);
  g_assert_cmpstr (pv_undo_stack_get_undo_label (fixture->stack), ==, "Add Callout");
  for (guint i = 9; i > 0; i--)
    {
      g_assert_true (pv_undo_stack_undo (fixture->stack));
      g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, i - 1);
    }
  while (pv_undo_stack_redo (fixture->stack))
    ;
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, 9);
  g_assert_cmpstr (pv_annotation_get_text (pv_annotation_set_get_annotation (fixture->set, 6)), ==,
                   "Đất thương mại, dịch vụ");
  /* The arrow's shaft in the default red, over the map. */
  assert_rgb_near (probe (fixture, 300, 225), 0xDB141A);
}

/* Select, move, edit a point and the text, delete; each undone and redone. */
static void
test_select_edit (Fixture       *fixture,
                  gconstpointer  data)
{
  PvAnnotation *line, *note;
  double ax, ay, bx, by, mx, my, cx, cy, res, x0, y0;
  PvViewport *viewport = pv_map_view_get_viewport (fixture->view);

  pv_annotation_tool_set_mode (fixture->tool, PV_ANNOTATION_TOOL_LINE);
  drag (fixture, 200, 300, 400, 300);
  line = last (fixture);
  pv_annotation_tool_set_mode (fixture->tool, PV_ANNOTATION_TOOL_TEXT);
  click (fixture, 500, 100);
  enter_text (fixture, "Nhà văn hoá");
  note = last (fixture);
  pv_annotation_tool_set_mode (fixture->tool, PV_ANNOTATION_TOOL_SELECT);
  g_assert_null (pv_annotation_tool_get_selected (fixture->tool));

  /* A click on the line selects it; on nothing, clears and the map pans. */
  click (fixture, 300, 301);
  g_assert_true (pv_annotation_tool_get_selected (fixture->tool) == line);
  pv_viewport_get_center (viewport, &cx, &cy);
  res = pv_map_view_get_resolution (fixture->view);
  drag (fixture, 300, 500, 320, 500);
  g_assert_null (pv_annotation_tool_get_selected (fixture->tool));
  pv_viewport_get_center (viewport, &x0, &y0);
  g_assert_cmpfloat_with_epsilon (x0, cx - 20 * res, 1e-6 * res);
  g_assert_cmpfloat_with_epsilon (y0, cy, 1e-6 * res);

  /* A drag moves it by as much as the pointer: one step. */
  pv_annotation_get_point (line, 0, &ax, &ay);
  pv_annotation_get_point (line, 1, &bx, &by);
  g_assert_cmpuint (pv_undo_stack_get_n_undo (fixture->stack), ==, 2);
  drag (fixture, 300, 300, 340, 260);
  g_assert_true (pv_annotation_tool_get_selected (fixture->tool) == line);
  g_assert_cmpuint (pv_undo_stack_get_n_undo (fixture->stack), ==, 3);
  g_assert_cmpstr (pv_undo_stack_get_undo_label (fixture->stack), ==, "Move Annotation");
  assert_point (line, 0, ax + 40 * res, ay + 40 * res);
  assert_point (line, 1, bx + 40 * res, by + 40 * res);
  pv_undo_stack_undo (fixture->stack);
  assert_point (line, 0, ax, ay);
  pv_undo_stack_redo (fixture->stack);
  assert_point (line, 0, ax + 40 * res, ay + 40 * res);

  /* Its end's handle moves that point only. */
  pv_map_view_map_to_widget (fixture->view, bx + 40 * res, by + 40 * res, &x0, &y0);
  drag (fixture, x0 + 2, y0 - 1, x0 + 60, y0 + 100);
  g_assert_cmpstr (pv_undo_stack_get_undo_label (fixture->stack), ==, "Move Point");
  map_point (fixture, x0 + 60, y0 + 100, &mx, &my);
  assert_point (line, 1, mx, my);
  assert_point (line, 0, ax + 40 * res, ay + 40 * res);
  pv_undo_stack_undo (fixture->stack);
  assert_point (line, 1, bx + 40 * res, by + 40 * res);
  pv_undo_stack_redo (fixture->stack);
  assert_point (line, 1, mx, my);

  /* A double click on the note (moved with the map) edits its text. */
  pv_annotation_get_point (note, 0, &mx, &my);
  pv_map_view_map_to_widget (fixture->view, mx, my, &x0, &y0);
  g_assert_cmpfloat_with_epsilon (x0, 520, 1e-6);
  double_click (fixture, x0 + 10, y0 + 8);
  g_assert_true (pv_annotation_tool_get_selected (fixture->tool) == note);
  enter_text (fixture, "Nhà văn hoá phường Phú Cường");
  g_assert_cmpstr (pv_annotation_get_text (note), ==, "Nhà văn hoá phường Phú Cường");
  g_assert_cmpstr (pv_undo_stack_get_undo_label (fixture->stack), ==, "Edit Text");
  pv_undo_stack_undo (fixture->stack);
  g_assert_cmpstr (pv_annotation_get_text (note), ==, "Nhà văn hoá");
  pv_undo_stack_redo (fixture->stack);
  g_assert_cmpstr (pv_annotation_get_text (note), ==, "Nhà văn hoá phường Phú Cường");

  /* The style of the selected one, from the tool. */
  {
    PvAnnotationStyle style;

    pv_annotation_tool_get_style (fixture->tool, &style);
    style.font_pt = 18;
    pv_annotation_tool_set_style (fixture->tool, &style, 0);
    pv_annotation_get_style (note, &style);
    g_assert_cmpfloat (style.font_pt, ==, 18);
    g_assert_cmpstr (pv_undo_stack_get_undo_label (fixture->stack), ==, "Change Style");
  }

  /* Delete removes it, Escape clears the selection. */
  g_assert_true (key (fixture, GDK_KEY_Delete));
  g_assert_false (pv_annotation_set_find (fixture->set, note, NULL));
  g_assert_null (pv_annotation_tool_get_selected (fixture->tool));
  g_assert_cmpstr (pv_undo_stack_get_undo_label (fixture->stack), ==, "Delete Annotation");
  pv_undo_stack_undo (fixture->stack);
  g_assert_true (pv_annotation_set_find (fixture->set, note, NULL));
  click (fixture, x0 + 10, y0 + 8);
  g_assert_true (pv_annotation_tool_get_selected (fixture->tool) == note);
  g_assert_true (key (fixture, GDK_KEY_Escape));
  g_assert_null (pv_annotation_tool_get_selected (fixture->tool));
  g_assert_false (key (fixture, GDK_KEY_Escape));
  g_assert_false (key (fixture, GDK_KEY_Delete));
}

/* The overlay shows what the set holds, in its colours, and follows undo. */
static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  PvAnnotationStyle style;
  guint32 background = probe (fixture, 300, 300);

  pv_annotation_tool_get_style (fixture->tool, &style);
  style.color[0] = 0, style.color[1] = 0, style.color[2] = 1, style.color[3] = 1;
  style.width_mm = 1.5;
  style.fill[0] = 0, style.fill[1] = 1, style.fill[2] = 0, style.fill[3] = 1;
  pv_annotation_tool_set_style (fixture->tool, &style, 0);

  pv_annotation_tool_set_mode (fixture->tool, PV_ANNOTATION_TOOL_ARROW);
  drag (fixture, 200, 300, 400, 300);
  assert_rgb_near (probe (fixture, 300, 300), 0x0000FF);
  pv_annotation_tool_set_mode (fixture->tool, PV_ANNOTATION_TOOL_RECTANGLE);
  drag (fixture, 500, 400, 600, 500);
  assert_rgb_near (probe (fixture, 550, 450), 0x00FF00);
  assert_rgb_near (probe (fixture, 500, 450), 0x0000FF);

  /* Being drawn: the tool shows it before it is kept. */
  pv_annotation_tool_set_mode (fixture->tool, PV_ANNOTATION_TOOL_LINE);
  g_signal_emit_by_name (fixture->drag, "drag-begin", 100.0, 100.0);
  g_signal_emit_by_name (fixture->drag, "drag-update", 200.0, 0.0);
  assert_rgb_near (probe (fixture, 200, 100), 0x0000FF);
  g_assert_true (key (fixture, GDK_KEY_Escape));
  g_signal_emit_by_name (fixture->drag, "drag-end", 200.0, 0.0);
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (fixture->set), ==, 2);
  assert_rgb_near (probe (fixture, 200, 100), background);

  /* Undone, gone from the map; redone, back. */
  pv_undo_stack_undo (fixture->stack);
  pv_undo_stack_undo (fixture->stack);
  assert_rgb_near (probe (fixture, 300, 300), background);
  assert_rgb_near (probe (fixture, 550, 450), background);
  pv_undo_stack_redo (fixture->stack);
  assert_rgb_near (probe (fixture, 300, 300), 0x0000FF);

  /* Selected: handles at its ends. */
  pv_annotation_tool_set_mode (fixture->tool, PV_ANNOTATION_TOOL_SELECT);
  click (fixture, 300, 300);
  g_assert_nonnull (pv_annotation_tool_get_selected (fixture->tool));
  assert_rgb_near (probe (fixture, 200, 300), 0xFFFFFF);
}

/* The annotations kept in WGS 84 are drawn and edited on a VN-2000 map. */
static void
test_other_crs (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PvCrs) wgs84 = pv_crs_new_from_epsg (4326, NULL);
  g_autoptr(PvAnnotationSet) set = pv_annotation_set_new (wgs84);
  PvAnnotationStyle style;
  double ax, ay, lon, lat;
  guint id;

  pv_annotation_tool_set_annotations (fixture->tool, set);
  id = pv_annotation_overlay_add (fixture->view, set);
  pv_annotation_tool_get_style (fixture->tool, &style);
  style.color[0] = 1, style.color[1] = 0, style.color[2] = 1, style.color[3] = 1;
  style.width_mm = 1.5;
  pv_annotation_tool_set_style (fixture->tool, &style, 0);
  pv_annotation_tool_set_mode (fixture->tool, PV_ANNOTATION_TOOL_LINE);
  drag (fixture, 200, 200, 600, 200);
  g_assert_cmpuint (pv_annotation_set_get_n_annotations (set), ==, 1);
  pv_annotation_get_point (last (&(Fixture) { .set = set }), 0, &lon, &lat);
  /* Bình Dương: about 106.6°E, 11°N. */
  g_assert_cmpfloat (lon, >, 106);
  g_assert_cmpfloat (lon, <, 107);
  g_assert_cmpfloat (lat, >, 10.5);
  g_assert_cmpfloat (lat, <, 11.5);
  map_point (fixture, 200, 200, &ax, &ay);
  g_assert_true (pv_annotation_set_point_to_crs (set, pv_map_get_crs (fixture->map), &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lon, ax, 1e-3);
  g_assert_cmpfloat_with_epsilon (lat, ay, 1e-3);
  assert_rgb_near (probe (fixture, 400, 200), 0xFF00FF);

  pv_annotation_tool_set_mode (fixture->tool, PV_ANNOTATION_TOOL_SELECT);
  click (fixture, 400, 201);
  g_assert_nonnull (pv_annotation_tool_get_selected (fixture->tool));
  pv_map_view_remove_overlay (fixture->view, id);
  pv_annotation_tool_set_annotations (fixture->tool, fixture->set);
}

/* The toolbar drives the tool and follows it. */
static void
test_toolbar (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *toolbar = pv_annotation_toolbar_new ();
  GtkWidget *arrow_button = NULL, *undo_button = NULL, *width_spin = NULL;
  PvAnnotationStyle style;
  PvAnnotation *arrow;

  g_object_ref_sink (window);
  gtk_window_set_child (GTK_WINDOW (window), toolbar);
  pv_annotation_toolbar_set_tool (PV_ANNOTATION_TOOLBAR (toolbar), fixture->tool);
  gtk_window_present (GTK_WINDOW (window));
  pv_gui_test_drain ();

  /* Find the controls by what they show. */
  for (GtkWidget *w = gtk_widget_get_first_child (toolbar); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      if (GTK_IS_SPIN_BUTTON (w) && width_spin == NULL)
        width_spin = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        {
          if (GTK_IS_TOGGLE_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), "Arrow") == 0)
            arrow_button = c;
          if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (c)), "edit-undo-symbolic") == 0)
            undo_button = c;
        }
    }
  g_assert_nonnull (arrow_button);
  g_assert_nonnull (undo_button);
  g_assert_nonnull (width_spin);

  g_assert_false (gtk_widget_get_sensitive (undo_button));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (arrow_button), TRUE);
  g_assert_cmpint (pv_annotation_tool_get_mode (fixture->tool), ==, PV_ANNOTATION_TOOL_ARROW);
  drag (fixture, 200, 300, 400, 300);
  g_assert_true (gtk_widget_get_sensitive (undo_button));
  arrow = last (fixture);

  /* The tool's mode shows on the buttons. */
  pv_annotation_tool_set_mode (fixture->tool, PV_ANNOTATION_TOOL_SELECT);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (arrow_button)));

  /* Turning the width of the selected arrow: one step however many turns. */
  click (fixture, 300, 300);
  g_assert_true (pv_annotation_tool_get_selected (fixture->tool) == arrow);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (width_spin), 2.0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (width_spin), 2.5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (width_spin), 3.0);
  pv_annotation_get_style (arrow, &style);
  g_assert_cmpfloat_with_epsilon (style.width_mm, 3.0, 1e-9);
  g_assert_cmpuint (pv_undo_stack_get_n_undo (fixture->stack), ==, 2);
  g_signal_emit_by_name (undo_button, "clicked");
  pv_annotation_get_style (arrow, &style);
  g_assert_cmpfloat_with_epsilon (style.width_mm, 0.5, 1e-9);
  /* The spin button shows the selected arrow's width again. */
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (width_spin)), 0.5, 1e-9);

  pv_annotation_toolbar_set_tool (PV_ANNOTATION_TOOLBAR (toolbar), NULL);
  pv_gui_test_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

#define ADD(path, func) \
  g_test_add ("/gui/annotation-tool/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("draw-kinds", test_draw_kinds);
  ADD ("select-edit", test_select_edit);
  ADD ("render", test_render);
  ADD ("other-crs", test_other_crs);
  ADD ("toolbar", test_toolbar);
#undef ADD

  return g_test_run ();
}
