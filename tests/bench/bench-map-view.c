/* bench-map-view.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The GUI benchmark behind `make bench` (run-bench.sh runs it under Xvfb when
 * there is no display): opens a big layer in a real PlanViewer window, then
 * drives the map view on the frame clock — a 120-frame drag, a 60-frame
 * continuous (touchpad-like) zoom, and animated zoom steps — and reports
 *
 *  - frame intervals (after-paint to after-paint) and the main thread's work
 *    per frame (frame clock "update" to "after-paint", which includes GSK
 *    drawing the window: with Mesa's llvmpipe under Xvfb that is most of it),
 *    p50 / p95 / max;
 *  - the longest main-loop stall (a 1 ms high-priority timeout measuring its
 *    own lateness) while loading and while rendering and interacting;
 *  - the time from the end of a zoom to the sharp frame.
 *
 * Usage: bench-map-view [--width W --height H] FILE
 * Never a test: nothing here asserts on time. */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>

#include "pv-application.h"
#include "pv-map-view.h"
#include "pv-window.h"

#define TIMEOUT_S       600
#define DRAG_FRAMES     120
#define DRAG_STEP_PX    6.0
#define ZOOM_FRAMES     60
#define ZOOM_STEP_WHEEL 0.1    /* wheel notches per frame: 1.5^0.1 = × 1.041 */
#define ZOOM_STEPS      4

typedef struct
{
  GArray *values;  /* double, ms */
} Series;

typedef struct
{
  PvWindow      *window;
  PvMapView     *view;
  GdkFrameClock *clock;

  /* Stall monitor. */
  gint64         stall_last;
  double         stall_max_ms;

  /* Frame recording. */
  gboolean       recording;
  gint64         update_time;
  gint64         last_paint;
  Series         interval;
  Series         work;

  /* The running script step, called at each frame clock update. */
  gboolean     (*step) (gpointer bench, guint frame);
  guint          frame;
} Bench;

static void
series_init (Series *series)
{
  series->values = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
series_reset (Series *series)
{
  g_array_set_size (series->values, 0);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
series_quantile (Series *series,
                 double  q)
{
  g_autoptr(GArray) sorted = NULL;
  guint index;

  if (series->values->len == 0)
    return NAN;
  sorted = g_array_copy (series->values);
  g_array_sort (sorted, compare_doubles);
  index = (guint) ceil (q * sorted->len) - 1;
  index = MIN (index, sorted->len - 1);
  return g_array_index (sorted, double, index);
}

static void
series_print (const char *label,
              Series     *series)
{
  g_print ("  %-26s n=%3u  p50 %6.2f  p95 %6.2f  max %6.2f ms\n", label, series->values->len,
           series_quantile (series, 0.5), series_quantile (series, 0.95), series_quantile (series, 1.0));
}

/* Main-loop stalls: a high-priority 1 ms timeout that records how late it
 * runs. Any dispatch that blocks the loop shows as lateness. */
static gboolean
stall_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  if (bench->stall_last != 0)
    bench->stall_max_ms = MAX (bench->stall_max_ms, (now - bench->stall_last) / 1000.0 - 1.0);
  bench->stall_last = now;
  return G_SOURCE_CONTINUE;
}

static void
stall_reset (Bench *bench)
{
  bench->stall_last = 0;
  bench->stall_max_ms = 0;
}

static void
update_cb (GdkFrameClock *clock,
           Bench         *bench)
{
  bench->update_time = g_get_monotonic_time ();
  if (bench->step != NULL && !bench->step (bench, bench->frame++))
    {
      bench->step = NULL;
      gdk_frame_clock_end_updating (clock);
    }
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();

  if (bench->recording)
    {
      double work = (now - bench->update_time) / 1000.0;

      if (bench->last_paint != 0)
        {
          double interval = (now - bench->last_paint) / 1000.0;

          g_array_append_val (bench->interval.values, interval);
        }
      g_array_append_val (bench->work.values, work);
    }
  bench->last_paint = now;
}

static void
iterate_until (Bench      *bench,
               gboolean  (*done) (Bench *),
               const char *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) TIMEOUT_S * G_USEC_PER_SEC;

  while (!done (bench))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("bench-map-view: gave up waiting for %s\n", what);
          exit (1);
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
loaded (Bench *bench)
{
  return !pv_window_get_loading (bench->window);
}

static gboolean
sharp (Bench *bench)
{
  return pv_map_view_get_frame_is_sharp (bench->view) && !pv_map_view_get_animating (bench->view);
}

static gboolean
script_done (Bench *bench)
{
  return bench->step == NULL;
}

static gboolean
still (Bench *bench)
{
  return !pv_map_view_get_animating (bench->view);
}

static void
run_script (Bench      *bench,
            gboolean  (*step) (gpointer, guint),
            const char *what)
{
  series_reset (&bench->interval);
  series_reset (&bench->work);
  bench->last_paint = 0;
  bench->frame = 0;
  bench->step = step;
  bench->recording = TRUE;
  gdk_frame_clock_begin_updating (bench->clock);
  iterate_until (bench, script_done, what);
  bench->recording = FALSE;
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  g_printerr ("bench-map-view: the map view has no %s\n", g_type_name (type));
  exit (1);
}

/* A drag through the view's own gesture, right and down DRAG_STEP_PX a
 * frame, well past the frame's margin (so the edges show background until
 * the view is still and the sharp frame arrives), then back. */
static gboolean
drag_step (gpointer data,
           guint    frame)
{
  Bench *bench = data;
  GtkEventController *drag = find_controller (GTK_WIDGET (bench->view), GTK_TYPE_GESTURE_DRAG);
  double offset;

  if (frame == 0)
    {
      g_signal_emit_by_name (drag, "drag-begin", 400.0, 300.0);
      return TRUE;
    }
  /* Out for the first half, most of the way back for the second, so the
   * view ends over the data, away from where it started. */
  if (frame <= DRAG_FRAMES / 2)
    offset = frame * DRAG_STEP_PX;
  else
    offset = (DRAG_FRAMES / 2) * DRAG_STEP_PX - (frame - DRAG_FRAMES / 2) * DRAG_STEP_PX * 2 / 3;
  if (frame < DRAG_FRAMES)
    {
      g_signal_emit_by_name (drag, "drag-update", offset, offset * 0.5);
      return TRUE;
    }
  g_signal_emit_by_name (drag, "drag-end", offset, offset * 0.5);
  return FALSE;
}

/* A continuous zoom in through the view's scroll controller, one small
 * step a frame, as a touchpad or a fast wheel gives. */
static gboolean
zoom_step (gpointer data,
           guint    frame)
{
  Bench *bench = data;
  GtkEventController *scroll = find_controller (GTK_WIDGET (bench->view), GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  gboolean handled;

  if (frame >= ZOOM_FRAMES)
    return FALSE;
  g_signal_emit_by_name (scroll, "scroll", 0.0, -ZOOM_STEP_WHEEL, &handled);
  return TRUE;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Series to_sharp;
  Bench bench = { 0 };
  int width = 1280, height = 800;
  GOptionEntry entries[] = {
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "PX" },
    { NULL }
  };
  gint64 start;
  guint stall_id;
  PvViewport *viewport;

  context = g_option_context_new ("FILE — PlanViewer map view benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("usage: bench-map-view [--width W --height H] FILE\n");
      return 1;
    }

  gtk_init ();
  adw_init ();
  /* As the application does (pv_application_startup). */
  pv_application_prefer_cairo_over_software_gl ();
  pv_core_init ();
  series_init (&bench.interval);
  series_init (&bench.work);
  series_init (&to_sharp);

  stall_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_cb, &bench, NULL);

  bench.window = g_object_new (PV_TYPE_WINDOW, NULL);
  g_object_ref_sink (bench.window);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), width, height);
  gtk_window_present (GTK_WINDOW (bench.window));
  bench.view = pv_window_get_map_view (bench.window);
  viewport = pv_map_view_get_viewport (bench.view);
  while (!gtk_widget_get_mapped (GTK_WIDGET (bench.window)))
    g_main_context_iteration (NULL, TRUE);
  bench.clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
  g_signal_connect (bench.clock, "update", G_CALLBACK (update_cb), &bench);
  g_signal_connect (bench.clock, "after-paint", G_CALLBACK (after_paint_cb), &bench);

  g_print ("PlanViewer map view benchmark — %s\n", argv[1]);
  g_print ("GTK %u.%u.%u, renderer %s, window %d×%d, %u CPU(s)\n",
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (bench.window))),
           width, height, g_get_num_processors ());

  /* Loading: from the request to the layer in the map, then the first frame. */
  file = g_file_new_for_commandline_arg (argv[1]);
  stall_reset (&bench);
  start = g_get_monotonic_time ();
  pv_window_open_files (bench.window, &file, 1);
  iterate_until (&bench, loaded, "the layer to load");
  g_print ("\nload:   %.0f ms to loaded (longest main-loop stall %.1f ms)",
           ms_since (start), bench.stall_max_ms);
  stall_reset (&bench);
  iterate_until (&bench, sharp, "the first frame");
  g_print (", %.0f ms to the first sharp frame (stall %.1f ms)\n",
           ms_since (start), bench.stall_max_ms);
  if (pv_map_get_n_layers (pv_window_get_map (bench.window)) == 0)
    {
      g_printerr ("bench-map-view: %s did not load\n", argv[1]);
      return 1;
    }
  g_print ("map view %d×%d device px, full extent at %.1f m/px\n",
           pv_viewport_get_width (viewport), pv_viewport_get_height (viewport),
           pv_viewport_get_resolution (viewport));

  /* Drag at the full extent (every parcel in view). */
  stall_reset (&bench);
  run_script (&bench, drag_step, "the drag");
  start = g_get_monotonic_time ();
  iterate_until (&bench, sharp, "the sharp frame after the drag");
  g_print ("\ndrag, %d frames of %.0f px (out) and %.0f px (back) at the full extent:\n",
           DRAG_FRAMES, DRAG_STEP_PX, DRAG_STEP_PX * 2 / 3);
  series_print ("frame interval", &bench.interval);
  series_print ("main-thread work per frame", &bench.work);
  g_print ("  drag end → sharp frame      %.0f ms; longest main-loop stall %.1f ms\n",
           ms_since (start), bench.stall_max_ms);

  /* Continuous zoom in around the centre. */
  stall_reset (&bench);
  run_script (&bench, zoom_step, "the zoom");
  start = g_get_monotonic_time ();
  iterate_until (&bench, sharp, "the sharp frame after the zoom");
  g_print ("\ncontinuous zoom, %d frames (× %.1f in all):\n", ZOOM_FRAMES,
           pow (1.5, ZOOM_STEP_WHEEL * ZOOM_FRAMES));
  series_print ("frame interval", &bench.interval);
  series_print ("main-thread work per frame", &bench.work);
  g_print ("  zoom end → sharp frame      %.0f ms; longest main-loop stall %.1f ms\n",
           ms_since (start), bench.stall_max_ms);

  /* Animated zoom steps (the + and − keys): out to beyond the full extent
   * and back; each measured from the end of its animation to its sharp frame. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  stall_reset (&bench);
  series_reset (&bench.interval);
  series_reset (&bench.work);
  for (guint i = 0; i < 2 * ZOOM_STEPS; i++)
    {
      /* Frames of the animation only: the wait for the render paints nothing. */
      bench.recording = TRUE;
      bench.last_paint = 0;
      bench.update_time = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (bench.view),
                                  i < ZOOM_STEPS ? "map.zoom-out" : "map.zoom-in", NULL);
      iterate_until (&bench, still, "the zoom animation");
      bench.recording = FALSE;
      start = g_get_monotonic_time ();
      iterate_until (&bench, sharp, "the sharp frame after a zoom step");
      g_array_append_vals (to_sharp.values, (double[]) { ms_since (start) }, 1);
    }
  g_print ("\nanimated zoom steps, %d out and %d in (frames of the animations):\n",
           ZOOM_STEPS, ZOOM_STEPS);
  series_print ("frame interval", &bench.interval);
  series_print ("main-thread work per frame", &bench.work);
  series_print ("zoom end → sharp frame", &to_sharp);
  g_print ("   each step:");
  for (guint i = 0; i < to_sharp.values->len; i++)
    g_print (" %.0f", g_array_index (to_sharp.values, double, i));
  g_print (" ms\n");
  g_print ("  longest main-loop stall %.1f ms\n", bench.stall_max_ms);

  g_source_remove (stall_id);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_object_unref (bench.window);
  return 0;
}
