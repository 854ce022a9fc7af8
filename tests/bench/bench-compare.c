/* bench-compare.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The compare benchmark behind `make bench` (run-bench.sh runs it under Xvfb
 * when there is no display): opens a big layer in a real PlanViewer window
 * (group A: the parcels as the window styles them, by land-use code), opens
 * the same file again as group B in one colour at 60 % opacity, turns swipe
 * compare on and waits for both sharp frames, then on the frame clock
 *
 *  - drags the swipe divider through the view's own drag gesture across the
 *    view and back (120 frames);
 *  - moves the spyglass with the pointer (120 frames);
 *  - moves the magnifier with the pointer (120 frames; its lens renders);
 *
 * and reports the frame intervals (after-paint to after-paint) and the main
 * thread's work per frame (frame clock "update" to "after-paint"), p50 / p95
 * / max, and whether any map frame was rendered meanwhile.
 *
 * Usage: bench-compare [--width W --height H] FILE
 * Never a test: nothing here asserts on time. */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>

#include "pv-application.h"
#include "pv-map-view.h"
#include "pv-vector-layer.h"
#include "pv-window.h"

#define TIMEOUT_S 600
#define FRAMES    120

typedef struct
{
  PvWindow      *window;
  PvMapView     *view;
  GdkFrameClock *clock;

  gboolean       recording;
  gint64         update_time;
  gint64         last_paint;
  GArray        *interval;   /* double, ms */
  GArray        *work;
  guint          frames_ready;

  gboolean     (*step) (gpointer bench, guint frame);
  guint          frame;
} Bench;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
quantile (GArray *values,
          double  q)
{
  g_autoptr(GArray) sorted = NULL;
  guint index;

  if (values->len == 0)
    return NAN;
  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_doubles);
  index = (guint) ceil (q * sorted->len) - 1;
  index = MIN (index, sorted->len - 1);
  return g_array_index (sorted, double, index);
}

static void
print_series (const char *label,
              GArray     *values)
{
  g_print ("  %-26s n=%3u  p50 %6.2f  p95 %6.2f  max %6.2f ms\n", label, values->len,
           quantile (values, 0.5), quantile (values, 0.95), quantile (values, 1.0));
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

          g_array_append_val (bench->interval, interval);
        }
      g_array_append_val (bench->work, work);
    }
  bench->last_paint = now;
}

static void
frame_ready_cb (PvMapView *view,
                Bench     *bench)
{
  if (bench->recording)
    bench->frames_ready++;
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
          g_printerr ("bench-compare: gave up waiting for %s\n", what);
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
  return pv_map_view_get_frame_is_sharp (bench->view) && !pv_map_view_get_rendering (bench->view)
         && !pv_map_view_get_animating (bench->view);
}

static gboolean
script_done (Bench *bench)
{
  return bench->step == NULL;
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type)
          && gtk_event_controller_get_name (controller) == NULL
          && (!GTK_IS_GESTURE_SINGLE (controller)
              || gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) <= 1))
        return controller;
    }
  g_printerr ("bench-compare: the map view has no %s\n", g_type_name (type));
  exit (1);
}

static void
run_script (Bench      *bench,
            gboolean  (*step) (gpointer, guint),
            const char *what)
{
  g_array_set_size (bench->interval, 0);
  g_array_set_size (bench->work, 0);
  bench->frames_ready = 0;
  bench->last_paint = 0;
  bench->frame = 0;
  bench->step = step;
  bench->recording = TRUE;
  gdk_frame_clock_begin_updating (bench->clock);
  iterate_until (bench, script_done, what);
  bench->recording = FALSE;
}

/* Where the pointer or the divider is at frame i: across the view from the
 * middle to 90 %, back to 10 % and to the middle again. */
static double
sweep (guint frame)
{
  return 0.5 + 0.4 * sin (2 * G_PI * frame / FRAMES);
}

static gboolean
divider_step (gpointer data,
              guint    frame)
{
  Bench *bench = data;
  GtkEventController *drag = find_controller (GTK_WIDGET (bench->view), GTK_TYPE_GESTURE_DRAG);
  double width = gtk_widget_get_width (GTK_WIDGET (bench->view));
  double y = gtk_widget_get_height (GTK_WIDGET (bench->view)) / 2.0;

  if (frame == 0)
    {
      g_signal_emit_by_name (drag, "drag-begin", width / 2.0, y);
      return TRUE;
    }
  if (frame < FRAMES)
    {
      g_signal_emit_by_name (drag, "drag-update", (sweep (frame) - 0.5) * width, 0.0);
      return TRUE;
    }
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  return FALSE;
}

static gboolean
pointer_step (gpointer data,
              guint    frame)
{
  Bench *bench = data;
  GtkEventController *motion = find_controller (GTK_WIDGET (bench->view), GTK_TYPE_EVENT_CONTROLLER_MOTION);
  double width = gtk_widget_get_width (GTK_WIDGET (bench->view));
  double height = gtk_widget_get_height (GTK_WIDGET (bench->view));

  if (frame >= FRAMES)
    return FALSE;
  g_signal_emit_by_name (motion, "motion", sweep (frame) * width,
                         height / 2.0 + 0.3 * height * sin (4 * G_PI * frame / FRAMES));
  return TRUE;
}

static void
report (Bench      *bench,
        const char *title)
{
  g_print ("\n%s, %d frames:\n", title, FRAMES);
  print_series ("frame interval", bench->interval);
  print_series ("main-thread work per frame", bench->work);
  g_print ("  map frames rendered meanwhile: %u\n", bench->frames_ready);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(PvStyle) style = NULL;
  g_autoptr(PvMap) group_b = NULL;
  const double orange[3] = { 0.95, 0.45, 0.05 };
  Bench bench = { 0 };
  int width = 1280, height = 800;
  GOptionEntry entries[] = {
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "PX" },
    { NULL }
  };
  gint64 start;

  context = g_option_context_new ("FILE — PlanViewer compare benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("usage: bench-compare [--width W --height H] FILE\n");
      return 1;
    }

  gtk_init ();
  adw_init ();
  /* As the application does (pv_application_startup). */
  pv_application_prefer_cairo_over_software_gl ();
  pv_core_init ();
  bench.interval = g_array_new (FALSE, FALSE, sizeof (double));
  bench.work = g_array_new (FALSE, FALSE, sizeof (double));

  bench.window = g_object_new (PV_TYPE_WINDOW, NULL);
  g_object_ref_sink (bench.window);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), width, height);
  gtk_window_present (GTK_WINDOW (bench.window));
  bench.view = pv_window_get_map_view (bench.window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (bench.window)))
    g_main_context_iteration (NULL, TRUE);
  bench.clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
  g_signal_connect (bench.clock, "update", G_CALLBACK (update_cb), &bench);
  g_signal_connect (bench.clock, "after-paint", G_CALLBACK (after_paint_cb), &bench);
  g_signal_connect (bench.view, "frame-ready", G_CALLBACK (frame_ready_cb), &bench);

  g_print ("PlanViewer compare benchmark — %s\n", argv[1]);
  g_print ("GTK %u.%u.%u, renderer %s, window %d×%d, %u CPU(s)\n",
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (bench.window))),
           width, height, g_get_num_processors ());

  /* Group A through the window's loader, group B read here. */
  file = g_file_new_for_commandline_arg (argv[1]);
  start = g_get_monotonic_time ();
  pv_window_open_files (bench.window, &file, 1);
  iterate_until (&bench, loaded, "the layer to load");
  iterate_until (&bench, sharp, "the first frame");
  if (pv_map_get_n_layers (pv_window_get_map (bench.window)) == 0)
    {
      g_printerr ("bench-compare: %s did not load\n", argv[1]);
      return 1;
    }
  g_print ("\ngroup A loaded and drawn in %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  start = g_get_monotonic_time ();
  layers = pv_layer_open_all (argv[1], NULL, NULL, &error);
  if (layers == NULL || layers->len == 0)
    {
      g_printerr ("bench-compare: %s: %s\n", argv[1], error != NULL ? error->message : "no layer");
      return 1;
    }
  style = pv_style_new_single (orange);
  if (PV_IS_VECTOR_LAYER (g_ptr_array_index (layers, 0))
      && !pv_vector_layer_set_style (g_ptr_array_index (layers, 0), style, NULL, &error))
    {
      g_printerr ("bench-compare: %s\n", error->message);
      return 1;
    }
  pv_layer_set_opacity (g_ptr_array_index (layers, 0), 0.6);
  group_b = pv_map_new ();
  pv_map_set_crs (group_b, pv_map_get_crs (pv_window_get_map (bench.window)));
  pv_map_add_layer (group_b, g_ptr_array_index (layers, 0));
  pv_map_view_set_compare (bench.view, group_b, PV_COMPARE_SWIPE);
  iterate_until (&bench, sharp, "group B's first frame");
  g_print ("group B loaded and drawn in %.0f ms (map view %d×%d device px)\n",
           (g_get_monotonic_time () - start) / 1000.0,
           pv_viewport_get_width (pv_map_view_get_viewport (bench.view)),
           pv_viewport_get_height (pv_map_view_get_viewport (bench.view)));

  run_script (&bench, divider_step, "the divider drag");
  report (&bench, "swipe: the divider dragged across the view and back (full extent, 2 × 1M parcels)");
  g_print ("  divider position at the end: %.3f\n", pv_map_view_get_compare_position (bench.view));

  pv_map_view_set_compare (bench.view, group_b, PV_COMPARE_SPYGLASS);
  iterate_until (&bench, sharp, "the spyglass");
  run_script (&bench, pointer_step, "the spyglass moves");
  report (&bench, "spyglass following the pointer");

  pv_map_view_set_compare (bench.view, NULL, PV_COMPARE_NONE);
  pv_map_view_set_pointer_mode (bench.view, PV_POINTER_MAGNIFIER);
  iterate_until (&bench, sharp, "compare off");
  run_script (&bench, pointer_step, "the magnifier moves");
  report (&bench, "magnifier following the pointer (its 2× lens re-rendered as it goes)");
  start = g_get_monotonic_time ();
  iterate_until (&bench, sharp, "the lens's last frame");
  g_print ("  pointer still → sharp lens  %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  pv_map_view_set_pointer_mode (bench.view, PV_POINTER_NONE);

  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_object_unref (bench.window);
  g_array_unref (bench.interval);
  g_array_unref (bench.work);
  return 0;
}
