/* test-presentation.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "pv-bookmark.h"
#include "pv-gui-test-util.h"
#include "pv-presentation.h"
#include "pv-presentation-console.h"
#include "pv-test-util.h"
#include "pv-window.h"

/* The main window with the sample project (three bookmarks), what it showed
 * before the presentation, and the presentation. */
typedef struct
{
  PvWindow       *window;
  PvMap          *map;
  PvMapView      *view;
  gboolean       *visible;       /* each layer's visible flag before */
  guint           n_layers;
  double          center[2];
  double          resolution;
  PvPresentation *presentation;  /* weak */
} Fixture;

static void
set_animations (gboolean enabled)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", enabled, NULL);
}

static gboolean
presentation_is_still (gpointer data)
{
  Fixture *f = data;
  PvMapView *view;

  if (f->presentation == NULL)
    return TRUE;
  view = pv_presentation_get_map_view (f->presentation);
  return gtk_widget_get_mapped (GTK_WIDGET (f->presentation))
         && !pv_presentation_get_flying (f->presentation)
         && pv_map_view_get_frame_texture (view) != NULL
         && !pv_map_view_get_rendering (view)
         && pv_map_view_get_frame_is_sharp (view);
}

/* Destroyed windows go once their last reference does: a frame still
 * rendering on a worker holds one for a while (long under the sanitizers). */
static gboolean
presentation_is_gone (gpointer data)
{
  Fixture *f = data;

  return f->presentation == NULL;
}

static void
wait_still (Fixture    *f,
            const char *what)
{
  pv_gui_test_wait_until (presentation_is_still, f, what);
}

static gboolean
fixture_open (Fixture *f)
{
  PvViewport *viewport;

  memset (f, 0, sizeof *f);
  f->window = pv_gui_test_open_sample_project (1000, 700);
  if (f->window == NULL)
    return FALSE;
  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, f->window, "the sample project's first frame");
  f->map = pv_window_get_map (f->window);
  f->view = pv_window_get_map_view (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pv_map_get_bookmarks (f->map))), ==, 3);

  f->n_layers = pv_map_get_n_layers (f->map);
  f->visible = g_new0 (gboolean, f->n_layers);
  for (guint i = 0; i < f->n_layers; i++)
    f->visible[i] = pv_layer_get_visible (pv_map_get_layer (f->map, i));
  viewport = pv_map_view_get_viewport (f->view);
  pv_viewport_get_center (viewport, &f->center[0], &f->center[1]);
  f->resolution = pv_viewport_get_resolution (viewport);
  return TRUE;
}

static void
fixture_start (Fixture *f)
{
  f->presentation = pv_presentation_start (GTK_WINDOW (f->window), f->map,
                                           pv_map_view_get_viewport (f->view));
  g_assert_nonnull (f->presentation);
  g_object_add_weak_pointer (G_OBJECT (f->presentation), (gpointer *) &f->presentation);
  wait_still (f, "the presentation's first slide");
  g_assert_cmpint (pv_presentation_get_slide (f->presentation), ==, 0);
}

/* The main window is as it was: the layers' visible flags, the view. */
static void
assert_main_window_unchanged (Fixture *f)
{
  PvViewport *viewport = pv_map_view_get_viewport (f->view);
  double x, y;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_cmpuint (pv_map_get_n_layers (f->map), ==, f->n_layers);
  for (guint i = 0; i < f->n_layers; i++)
    g_assert_cmpint (pv_layer_get_visible (pv_map_get_layer (f->map, i)), ==, f->visible[i]);
  pv_viewport_get_center (viewport, &x, &y);
  g_assert_cmpfloat (x, ==, f->center[0]);
  g_assert_cmpfloat (y, ==, f->center[1]);
  g_assert_cmpfloat (pv_viewport_get_resolution (viewport), ==, f->resolution);
}

static void
fixture_close (Fixture *f)
{
  if (f->presentation != NULL)
    gtk_window_destroy (GTK_WINDOW (f->presentation));
  pv_gui_test_wait_until (presentation_is_gone, f, "the presentation to go");
  assert_main_window_unchanged (f);
  pv_gui_test_window_destroy_drained (g_steal_pointer (&f->window));
  g_free (f->visible);
  set_animations (TRUE);
}

static gboolean
press (Fixture *f,
       guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->presentation));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "presentation-keys") == 0)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
          return handled;
        }
    }
  g_assert_not_reached ();
}

/* The presentation shows bookmark index: its slide number, its extent
 * (inside the view, tight on one axis within 1 %) and its layers only. */
static void
assert_shows_slide (Fixture *f,
                    guint    index)
{
  PvBookmark *bookmark = pv_bookmark_list_get_bookmark (pv_map_get_bookmarks (f->map), index);
  PvMap *shown = pv_presentation_get_map (f->presentation);
  PvViewport *viewport = pv_map_view_get_viewport (pv_presentation_get_map_view (f->presentation));
  double e[4], v[4], slack_x, slack_y;

  g_assert_cmpint (pv_presentation_get_slide (f->presentation), ==, (int) index);
  pv_bookmark_get_extent (bookmark, e);
  pv_viewport_get_extent (viewport, &v[0], &v[1], &v[2], &v[3]);
  /* Contains it (to a pixel's rounding)… */
  g_assert_cmpfloat (v[0], <=, e[0] + 1e-6 * (e[2] - e[0]));
  g_assert_cmpfloat (v[1], <=, e[1] + 1e-6 * (e[3] - e[1]));
  g_assert_cmpfloat (v[2], >=, e[2] - 1e-6 * (e[2] - e[0]));
  g_assert_cmpfloat (v[3], >=, e[3] - 1e-6 * (e[3] - e[1]));
  /* …and fits it on one axis. */
  slack_x = ((v[2] - v[0]) - (e[2] - e[0])) / (e[2] - e[0]);
  slack_y = ((v[3] - v[1]) - (e[3] - e[1])) / (e[3] - e[1]);
  g_assert_cmpfloat (MIN (slack_x, slack_y), <, 0.01);

  for (guint i = 0; i < pv_map_get_n_layers (shown); i++)
    {
      PvLayer *layer = pv_map_get_layer (shown, i);
      gboolean listed = FALSE;

      for (guint k = 0; k < pv_bookmark_get_n_layers (bookmark); k++)
        listed = listed || pv_bookmark_layer_matches (pv_bookmark_get_layer (bookmark, k), layer);
      g_assert_cmpint (pv_map_shows_layer (shown, layer), ==, listed);
    }
  /* The main window's layers keep their own flags all along. */
  for (guint i = 0; i < f->n_layers; i++)
    g_assert_cmpint (pv_layer_get_visible (pv_map_get_layer (f->map, i)), ==, f->visible[i]);
}

static void
go (Fixture    *f,
    guint       keyval,
    guint       expected,
    const char *what)
{
  g_assert_true (press (f, keyval));
  wait_still (f, what);
  assert_shows_slide (f, expected);
}

static void
test_fullscreen_and_leave (void)
{
  Fixture f;

  if (!fixture_open (&f))
    return;
  fixture_start (&f);

  g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (f.presentation)));
  g_assert_false (gtk_window_get_decorated (GTK_WINDOW (f.presentation)));
  g_assert_null (gtk_window_get_titlebar (GTK_WINDOW (f.presentation)));
  g_assert_null (pv_gui_test_find_widget_of_type (GTK_WIDGET (f.presentation), GTK_TYPE_HEADER_BAR));
  g_assert_null (pv_gui_test_find_widget_of_type (GTK_WIDGET (f.presentation), ADW_TYPE_HEADER_BAR));
  g_assert_cmpuint (pv_presentation_get_n_slides (f.presentation), ==, 3);
  assert_shows_slide (&f, 0);
  /* A different map object (a copy) showing the same layers. */
  g_assert_true (pv_presentation_get_map (f.presentation) != f.map);
  g_assert_cmpuint (pv_map_get_n_layers (pv_presentation_get_map (f.presentation)), ==, f.n_layers);

  /* Esc leaves: the window goes, the main window is as it was. */
  g_assert_true (press (&f, GDK_KEY_Escape));
  pv_gui_test_wait_until (presentation_is_gone, &f, "the presentation to go");
  fixture_close (&f);
}

static void
test_navigate (void)
{
  Fixture f;

  if (!fixture_open (&f))
    return;
  set_animations (TRUE);
  fixture_start (&f);

  go (&f, GDK_KEY_Page_Down, 1, "Page Down to slide 2");
  go (&f, GDK_KEY_Right, 2, "Right to slide 3");
  go (&f, GDK_KEY_space, 2, "Space on the last slide");
  go (&f, GDK_KEY_Page_Up, 1, "Page Up to slide 2");
  go (&f, GDK_KEY_Left, 0, "Left to slide 1");
  go (&f, GDK_KEY_Left, 0, "Left on the first slide");
  go (&f, GDK_KEY_space, 1, "Space to slide 2");
  go (&f, GDK_KEY_BackSpace, 0, "BackSpace to slide 1");
  go (&f, GDK_KEY_Return, 1, "Enter to slide 2");
  go (&f, GDK_KEY_End, 2, "End");
  go (&f, GDK_KEY_Home, 0, "Home");
  /* Keys that are not ours pass through (the map view takes + and -). */
  g_assert_false (press (&f, GDK_KEY_plus));

  fixture_close (&f);
}

static void
test_jump_to_number (void)
{
  Fixture f;

  if (!fixture_open (&f))
    return;
  set_animations (FALSE);
  fixture_start (&f);

  g_assert_true (press (&f, GDK_KEY_3));
  /* Typing alone does not move. */
  g_assert_cmpint (pv_presentation_get_slide (f.presentation), ==, 0);
  go (&f, GDK_KEY_Return, 2, "3 Enter");
  g_assert_true (press (&f, GDK_KEY_KP_2));
  go (&f, GDK_KEY_KP_Enter, 1, "2 Enter on the keypad");
  /* BackSpace takes back a digit: 1, 9, BackSpace, Enter is slide 1. */
  g_assert_true (press (&f, GDK_KEY_1));
  g_assert_true (press (&f, GDK_KEY_9));
  g_assert_true (press (&f, GDK_KEY_BackSpace));
  g_assert_cmpint (pv_presentation_get_slide (f.presentation), ==, 1);
  go (&f, GDK_KEY_Return, 0, "1 Enter");
  /* No slide 9: nothing happens. */
  g_assert_true (press (&f, GDK_KEY_9));
  go (&f, GDK_KEY_Return, 0, "9 Enter");

  fixture_close (&f);
}

/* The window as the screen shows it. */
static GdkTexture *
render_window (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* How many of 7 × 7 probes across the window have exactly this colour. */
static guint
count_probes (GtkWidget *widget,
              guint8     r,
              guint8     g,
              guint8     b)
{
  g_autoptr(GdkTexture) texture = render_window (widget);
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guint8 *pixels = g_malloc (stride * height);
  guint count = 0;

  gdk_texture_download (texture, pixels, stride);
  for (int i = 0; i < 7; i++)
    for (int j = 0; j < 7; j++)
      {
        int x = (int) ((i + 0.5) * width / 7), y = (int) ((j + 0.5) * height / 7);
        const guint8 *p = pixels + y * stride + x * 4;   /* B G R A */

        if (p[2] == r && p[1] == g && p[0] == b && p[3] == 255)
          count++;
      }
  return count;
}

static void
test_blank (void)
{
  Fixture f;
  GtkWidget *widget;

  if (!fixture_open (&f))
    return;
  set_animations (FALSE);
  fixture_start (&f);
  widget = GTK_WIDGET (f.presentation);

  /* The map: neither all black nor all white. */
  g_assert_cmpuint (count_probes (widget, 0, 0, 0), <, 49);
  g_assert_cmpuint (count_probes (widget, 255, 255, 255), <, 49);

  g_assert_true (press (&f, GDK_KEY_b));
  g_assert_cmpint (pv_presentation_get_blank (f.presentation), ==, PV_PRESENTATION_BLANK_BLACK);
  g_assert_cmpuint (count_probes (widget, 0, 0, 0), ==, 49);
  /* B again: the map is back. */
  g_assert_true (press (&f, GDK_KEY_B));
  g_assert_cmpuint (count_probes (widget, 0, 0, 0), <, 49);

  g_assert_true (press (&f, GDK_KEY_w));
  g_assert_cmpint (pv_presentation_get_blank (f.presentation), ==, PV_PRESENTATION_BLANK_WHITE);
  g_assert_cmpuint (count_probes (widget, 255, 255, 255), ==, 49);
  /* From white straight to black, then a navigation key leaves it. */
  g_assert_true (press (&f, GDK_KEY_b));
  g_assert_cmpuint (count_probes (widget, 0, 0, 0), ==, 49);
  go (&f, GDK_KEY_Right, 1, "Right from the black screen");
  g_assert_cmpint (pv_presentation_get_blank (f.presentation), ==, PV_PRESENTATION_BLANK_NONE);
  g_assert_cmpuint (count_probes (widget, 0, 0, 0), <, 49);

  fixture_close (&f);
}

/* R, F and M turn the laser, the spotlight and the magnifier on; the same
 * key again turns it off; another key switches tools. */
static void
test_pointer_tools (void)
{
  Fixture f;
  PvMapView *view;

  if (!fixture_open (&f))
    return;
  set_animations (FALSE);
  fixture_start (&f);
  view = pv_presentation_get_map_view (f.presentation);

  g_assert_cmpint (pv_map_view_get_pointer_mode (view), ==, PV_POINTER_NONE);
  g_assert_true (press (&f, GDK_KEY_r));
  g_assert_cmpint (pv_map_view_get_pointer_mode (view), ==, PV_POINTER_LASER);
  g_assert_true (press (&f, GDK_KEY_f));
  g_assert_cmpint (pv_map_view_get_pointer_mode (view), ==, PV_POINTER_SPOTLIGHT);
  g_assert_true (press (&f, GDK_KEY_M));
  g_assert_cmpint (pv_map_view_get_pointer_mode (view), ==, PV_POINTER_MAGNIFIER);
  g_assert_true (press (&f, GDK_KEY_m));
  g_assert_cmpint (pv_map_view_get_pointer_mode (view), ==, PV_POINTER_NONE);

  /* The magnifier's lens render holds the view until it ends. */
  wait_still (&f, "the lens render");
  fixture_close (&f);
}

/* Reduced motion: the view is at the next slide the moment the key is
 * pressed, without a flight. */
static void
test_reduced_motion (void)
{
  Fixture f;

  if (!fixture_open (&f))
    return;
  set_animations (FALSE);
  fixture_start (&f);

  g_assert_true (press (&f, GDK_KEY_Right));
  g_assert_false (pv_presentation_get_flying (f.presentation));
  assert_shows_slide (&f, 1);
  g_assert_true (press (&f, GDK_KEY_Home));
  g_assert_false (pv_presentation_get_flying (f.presentation));
  assert_shows_slide (&f, 0);

  fixture_close (&f);
}

static gboolean
frames_pass (gpointer data)
{
  guint *n = data;

  return *n >= 5;
}

static gboolean
count_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* With animations the view flies along the path (the map view hidden under
 * the composed frames, the view zoomed out beyond both ends on the way), and
 * a slide change during the flight jumps to the new target. */
static void
test_flight (void)
{
  Fixture f;
  PvMapView *view;
  guint ticks = 0, tick_id;

  if (!fixture_open (&f))
    return;
  set_animations (TRUE);
  fixture_start (&f);
  view = pv_presentation_get_map_view (f.presentation);

  g_assert_true (press (&f, GDK_KEY_Right));
  g_assert_true (pv_presentation_get_flying (f.presentation));
  g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (view)), ==, 0);
  /* Some frames go by on the frame clock, still flying (a flight lasts at
   * least 0.6 s), drawing without waiting for a render. */
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (f.presentation), count_tick_cb, &ticks, NULL);
  pv_gui_test_wait_until (frames_pass, &ticks, "five frames of the flight");
  gtk_widget_remove_tick_callback (GTK_WIDGET (f.presentation), tick_id);
  {
    g_autoptr(GdkTexture) texture = render_window (GTK_WIDGET (f.presentation));

    g_assert_nonnull (texture);
  }

  /* Another key while flying: straight to slide 3. */
  g_assert_true (press (&f, GDK_KEY_Right));
  g_assert_cmpint (pv_presentation_get_slide (f.presentation), ==, 2);
  g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (view)), ==, 1);
  assert_shows_slide (&f, 2);
  wait_still (&f, "slide 3 after the jump");
  assert_shows_slide (&f, 2);

  /* And a whole flight back lands exactly on slide 2. */
  go (&f, GDK_KEY_Left, 1, "the flight back to slide 2");
  g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (view)), ==, 1);

  fixture_close (&f);
}

/* The window's actions do what the keys do. */
static void
test_actions (void)
{
  Fixture f;

  if (!fixture_open (&f))
    return;
  set_animations (FALSE);
  fixture_start (&f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.presentation), "presentation.go-to", "u", 2));
  assert_shows_slide (&f, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.presentation), "presentation.previous", NULL));
  assert_shows_slide (&f, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.presentation), "presentation.blank", "s", "white"));
  g_assert_cmpint (pv_presentation_get_blank (f.presentation), ==, PV_PRESENTATION_BLANK_WHITE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.presentation), "presentation.next", NULL));
  g_assert_cmpint (pv_presentation_get_blank (f.presentation), ==, PV_PRESENTATION_BLANK_NONE);
  assert_shows_slide (&f, 2);
  /* Overlays switch off and on. */
  g_assert_true (press (&f, GDK_KEY_l));
  g_assert_false (pv_presentation_get_overlays (f.presentation) & PV_PRESENTATION_OVERLAY_LEGEND);
  g_assert_true (press (&f, GDK_KEY_L));
  g_assert_true (pv_presentation_get_overlays (f.presentation) & PV_PRESENTATION_OVERLAY_LEGEND);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.presentation), "presentation.leave", NULL));
  pv_gui_test_wait_until (presentation_is_gone, &f, "the presentation to go");

  fixture_close (&f);
}

/* A slide that starts in compare: its group B over its own layers, in the
 * mode it was saved with; the next slide without compare turns it off. */
static void
test_compare (void)
{
  Fixture f;
  PvBookmark *bookmark;
  PvMapView *view;
  PvMap *other;
  PvLayer *current = NULL;
  g_autoptr(PvBookmarkLayer) group_b = NULL;

  if (!fixture_open (&f))
    return;
  for (guint i = 0; i < f.n_layers; i++)
    if (g_str_has_suffix (pv_layer_get_source (pv_map_get_layer (f.map, i)), "hien_trang_2024.shp"))
      current = pv_map_get_layer (f.map, i);
  g_assert_nonnull (current);
  group_b = pv_bookmark_layer_new_for_layer (current);
  bookmark = pv_bookmark_list_get_bookmark (pv_map_get_bookmarks (f.map), 1);
  pv_bookmark_set_compare_mode (bookmark, PV_BOOKMARK_COMPARE_SWIPE);
  pv_bookmark_set_compare_layers (bookmark, &group_b, 1);

  set_animations (TRUE);
  fixture_start (&f);
  view = pv_presentation_get_map_view (f.presentation);
  g_assert_cmpint (pv_map_view_get_compare_mode (view), ==, PV_COMPARE_NONE);

  /* Flown to: compare once landed. */
  go (&f, GDK_KEY_Right, 1, "the flight to the compare slide");
  g_assert_cmpint (pv_map_view_get_compare_mode (view), ==, PV_COMPARE_SWIPE);
  other = pv_map_view_get_compare_map (view);
  g_assert_nonnull (other);
  for (guint i = 0; i < pv_map_get_n_layers (other); i++)
    g_assert_cmpint (pv_map_shows_layer (other, pv_map_get_layer (other, i)), ==,
                     pv_map_get_layer (other, i) == current);

  go (&f, GDK_KEY_Right, 2, "the flight to slide 3");
  g_assert_cmpint (pv_map_view_get_compare_mode (view), ==, PV_COMPARE_NONE);

  /* Jumped to (reduced motion), in spyglass mode. */
  pv_bookmark_set_compare_mode (bookmark, PV_BOOKMARK_COMPARE_SPYGLASS);
  set_animations (FALSE);
  g_assert_true (press (&f, GDK_KEY_2));
  go (&f, GDK_KEY_Return, 1, "2 Enter");
  g_assert_cmpint (pv_map_view_get_compare_mode (view), ==, PV_COMPARE_SPYGLASS);
  go (&f, GDK_KEY_Home, 0, "Home");
  g_assert_cmpint (pv_map_view_get_compare_mode (view), ==, PV_COMPARE_NONE);

  fixture_close (&f);
}

static gboolean
picture_has_paintable (gpointer data)
{
  return gtk_picture_get_paintable (GTK_PICTURE (data)) != NULL;
}

/* The presenter console (shown on the laptop's monitor when there are two;
 * under Xvfb there is one, so the test makes it itself): the current slide
 * with its notes, the next slide's name and picture, the clock, and keys
 * that drive the presentation. */
static void
test_console (void)
{
  Fixture f;
  PvPresentationConsole *console;
  GtkEventController *keys = NULL;
  PvBookmarkList *bookmarks;
  GtkWidget *next_picture = NULL;
  gboolean handled = FALSE;

  if (!fixture_open (&f))
    return;
  set_animations (FALSE);
  fixture_start (&f);
  bookmarks = pv_map_get_bookmarks (f.map);

  console = pv_presentation_console_new (f.presentation);
  g_object_ref_sink (console);
  gtk_window_present (GTK_WINDOW (console));
  pv_gui_test_drain ();
  g_assert_false (gtk_window_get_decorated (GTK_WINDOW (console)));
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (console), "1 / 3 · Toàn tỉnh Bình Dương"));
  g_assert_true (pv_gui_test_tree_has_label_containing (
                   GTK_WIDGET (console), pv_bookmark_get_notes (pv_bookmark_list_get_bookmark (bookmarks, 0))));
  g_assert_true (pv_gui_test_tree_has_label_containing (
                   GTK_WIDGET (console), pv_bookmark_get_name (pv_bookmark_list_get_bookmark (bookmarks, 1))));
  /* The clock: hours and minutes, and the time elapsed from 00:00. */
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (console), "00:0"));

  /* The next slide's picture is rendered (the second GtkPicture; the first
   * mirrors the hall's screen). */
  {
    GtkWidget *first = pv_gui_test_find_widget_of_type (GTK_WIDGET (console), GTK_TYPE_PICTURE);
    GtkWidget *w = first;

    g_assert_nonnull (first);
    g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (first)));
    /* Walk the tree in order for the next picture after the first. */
    while (w != NULL && next_picture == NULL)
      {
        GtkWidget *next = gtk_widget_get_first_child (w);

        while (next == NULL && w != NULL)
          {
            next = gtk_widget_get_next_sibling (w);
            if (next == NULL)
              w = gtk_widget_get_parent (w);
          }
        w = next;
        if (w != NULL && GTK_IS_PICTURE (w) && w != first)
          next_picture = w;
      }
  }
  g_assert_nonnull (next_picture);
  pv_gui_test_wait_until (picture_has_paintable, next_picture, "the next slide's picture");
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (gtk_picture_get_paintable (GTK_PICTURE (next_picture))),
                   >, 0);

  /* Its keys drive the presentation. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (console));

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && keys == NULL; i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (g_strcmp0 (gtk_event_controller_get_name (controller), "presentation-keys") == 0)
          keys = controller;
      }
  }
  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Page_Down, 0, (GdkModifierType) 0, &handled);
  g_assert_true (handled);
  assert_shows_slide (&f, 1);
  pv_presentation_console_update (console);
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (console), "2 / 3 · Trung tâm Thủ Dầu Một"));
  g_assert_true (pv_gui_test_tree_has_label_containing (
                   GTK_WIDGET (console), pv_bookmark_get_notes (pv_bookmark_list_get_bookmark (bookmarks, 1))));

  /* On the last slide there is no next one. */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_End, 0, (GdkModifierType) 0, &handled);
  pv_presentation_console_update (console);
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (console), "End of the presentation"));

  pv_gui_test_window_destroy (console);
  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/presentation/fullscreen-and-leave", test_fullscreen_and_leave);
  g_test_add_func ("/gui/presentation/navigate", test_navigate);
  g_test_add_func ("/gui/presentation/jump-to-number", test_jump_to_number);
  g_test_add_func ("/gui/presentation/blank", test_blank);
  g_test_add_func ("/gui/presentation/pointer-tools", test_pointer_tools);
  g_test_add_func ("/gui/presentation/reduced-motion", test_reduced_motion);
  g_test_add_func ("/gui/presentation/flight", test_flight);
  g_test_add_func ("/gui/presentation/actions", test_actions);
  g_test_add_func ("/gui/presentation/console", test_console);
  g_test_add_func ("/gui/presentation/compare", test_compare);

  return g_test_run ();
}
