/* bench-presentation.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fly-to benchmark (run-bench.sh runs it under Xvfb when there is no
 * display): opens a big layer in a real PlanViewer window, makes two
 * bookmarks (a 1 km city view of Thủ Dầu Một and the full extent), presents
 * them full screen and flies between them FLIGHTS times, recording on the
 * presentation window's frame clock, for the frames of the flights only:
 *
 *  - the frame interval: the difference of consecutive frames' frame times
 *    (GdkFrameTimings), p50 / p95 / max;
 *  - the main thread's work per frame: from the frame time to after-paint
 *    (the composition of the cached frames and GSK drawing it), as wall
 *    time and as the main thread's own CPU time (which other processes and
 *    the render workers do not inflate);
 *  - per flight its planned duration, the time it took to land and the time
 *    from landing to the map view's sharp frame (the hand-over).
 *
 * Usage: bench-presentation [--flights N] [--blank] FILE (--blank: the same
 * flights under the black screen, the cost of a full-screen frame itself)
 * Never a test: nothing here asserts on time. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "pv-application.h"
#include "pv-bookmark.h"
#include "pv-map-view.h"
#include "pv-presentation.h"
#include "pv-window.h"

#define TIMEOUT_S 600

/* As run-bench.sh: 1 km × 0.6 km around the old centre of Thủ Dầu Một. */
static const double city_extent[4] = { 597871, 1214136, 598871, 1214736 };

typedef struct
{
  PvWindow       *window;
  PvPresentation *presentation;
  GArray         *interval;   /* double, ms */
  GArray         *work;       /* double, ms */
  GArray         *cpu;        /* double, ms */
  double          cpu_start;
  gint64          last_frame_time;
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
  g_print ("  %-26s n=%4u  p50 %6.2f  p95 %6.2f  max %6.2f ms\n", label, values->len,
           quantile (values, 0.5), quantile (values, 0.95), quantile (values, 1.0));
}

/* The main thread's own CPU time, ms: unlike the wall clock, it does not
 * count the time other processes and the render workers take the CPU. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->cpu_start = thread_cpu_ms ();
}

/* Each painted frame of a flight: its interval from the previous painted
 * frame of the flight and the work from its frame time to now. */
static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  GdkFrameTimings *timings = gdk_frame_clock_get_current_timings (clock);
  gint64 frame_time;

  if (timings == NULL || bench->presentation == NULL
      || pv_presentation_get_flight_progress (bench->presentation) < 0)
    {
      bench->last_frame_time = 0;
      return;
    }
  frame_time = gdk_frame_timings_get_frame_time (timings);
  if (bench->last_frame_time != 0 && frame_time > bench->last_frame_time)
    {
      double interval = (frame_time - bench->last_frame_time) / 1000.0;

      g_array_append_val (bench->interval, interval);
    }
  {
    double work = (g_get_monotonic_time () - frame_time) / 1000.0;
    double cpu = thread_cpu_ms () - bench->cpu_start;

    g_array_append_val (bench->work, work);
    g_array_append_val (bench->cpu, cpu);
  }
  bench->last_frame_time = frame_time;
}

static void
iterate_until (gboolean  (*done) (Bench *),
               Bench      *bench,
               const char *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) TIMEOUT_S * G_USEC_PER_SEC;

  while (!done (bench))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("bench-presentation: gave up waiting for %s\n", what);
          exit (1);
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
loaded (Bench *bench)
{
  PvMapView *view = pv_window_get_map_view (bench->window);

  return !pv_window_get_loading (bench->window) && pv_map_view_get_frame_is_sharp (view)
         && !pv_map_view_get_rendering (view);
}

static gboolean
presentation_still (Bench *bench)
{
  PvMapView *view = pv_presentation_get_map_view (bench->presentation);

  return gtk_widget_get_mapped (GTK_WIDGET (bench->presentation))
         && !pv_presentation_get_flying (bench->presentation)
         && pv_map_view_get_frame_is_sharp (view) && !pv_map_view_get_rendering (view);
}

static gboolean
landed (Bench *bench)
{
  return pv_presentation_get_flight_progress (bench->presentation) < 0;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) flight_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) handover_ms = g_array_new (FALSE, FALSE, sizeof (double));
  Bench bench = { 0 };
  int flights = 8;
  gboolean blank = FALSE;
  GOptionEntry entries[] = {
    { "flights", 0, 0, G_OPTION_ARG_INT, &flights, "Number of flights", "N" },
    { "blank", 0, 0, G_OPTION_ARG_NONE, &blank,
      "Baseline: fly with the black screen on (each frame is one full-screen colour)", NULL },
    { NULL }
  };
  g_autofree char *state_dir = NULL;
  PvMap *map;
  PvBookmarkList *bookmarks;
  GPtrArray *layers;
  GdkFrameClock *clock;
  double full[4];

  context = g_option_context_new ("FILE — PlanViewer presentation fly-to benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || flights < 1)
    {
      g_printerr ("usage: bench-presentation [--flights N] [--blank] FILE\n");
      return 1;
    }

  /* The bookmarks modify the project: its recovery file goes to a folder
   * of our own, removed at the end, not among the user's. */
  state_dir = g_dir_make_tmp ("pv-bench-presentation-XXXXXX", &error);
  if (state_dir == NULL)
    {
      g_printerr ("bench-presentation: %s\n", error->message);
      return 1;
    }
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);

  gtk_init ();
  adw_init ();
  /* As the application does (pv_application_startup). */
  pv_application_prefer_cairo_over_software_gl ();
  pv_core_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  bench.interval = g_array_new (FALSE, FALSE, sizeof (double));
  bench.work = g_array_new (FALSE, FALSE, sizeof (double));
  bench.cpu = g_array_new (FALSE, FALSE, sizeof (double));

  bench.window = g_object_new (PV_TYPE_WINDOW, NULL);
  g_object_ref_sink (bench.window);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1280, 800);
  gtk_window_present (GTK_WINDOW (bench.window));
  file = g_file_new_for_commandline_arg (argv[1]);
  pv_window_open_files (bench.window, &file, 1);
  iterate_until (loaded, &bench, "the layer to load");
  map = pv_window_get_map (bench.window);
  if (pv_map_get_n_layers (map) == 0 || !pv_map_get_extent (map, &full[0], &full[1], &full[2], &full[3]))
    {
      g_printerr ("bench-presentation: %s did not load\n", argv[1]);
      return 1;
    }

  /* Two slides: the city and the whole set, with the layer. */
  bookmarks = pv_map_get_bookmarks (map);
  layers = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_bookmark_layer_free);
  g_ptr_array_add (layers, pv_bookmark_layer_new_for_layer (pv_map_get_layer (map, 0)));
  {
    g_autoptr(PvBookmark) city = pv_bookmark_new ("City", pv_map_get_crs (map), city_extent[0],
                                                  city_extent[1], city_extent[2], city_extent[3]);
    g_autoptr(PvBookmark) all = pv_bookmark_new ("Full extent", pv_map_get_crs (map),
                                                 full[0], full[1], full[2], full[3]);

    pv_bookmark_set_layers (city, (PvBookmarkLayer **) layers->pdata, layers->len);
    pv_bookmark_set_layers (all, (PvBookmarkLayer **) layers->pdata, layers->len);
    pv_bookmark_list_add (bookmarks, city);
    pv_bookmark_list_add (bookmarks, all);
  }
  g_ptr_array_unref (layers);

  bench.presentation = pv_presentation_start (GTK_WINDOW (bench.window), map, NULL);
  g_object_add_weak_pointer (G_OBJECT (bench.presentation), (gpointer *) &bench.presentation);
  iterate_until (presentation_still, &bench, "the first slide");
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.presentation));
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &bench);

  g_print ("PlanViewer presentation fly-to benchmark — %s\n", argv[1]);
  g_print ("GTK %u.%u.%u, renderer %s, presentation %d×%d, %u CPU(s)\n",
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (bench.presentation))),
           gtk_widget_get_width (GTK_WIDGET (bench.presentation)),
           gtk_widget_get_height (GTK_WIDGET (bench.presentation)), g_get_num_processors ());

  if (blank)
    {
      pv_presentation_set_blank (bench.presentation, PV_PRESENTATION_BLANK_BLACK);
      g_print ("baseline: the black screen is on, frames draw one colour\n");
    }
  for (int i = 0; i < flights; i++)
    {
      gint64 start = g_get_monotonic_time (), landed_at;

      if (i % 2 == 0)
        pv_presentation_next (bench.presentation);
      else
        pv_presentation_previous (bench.presentation);
      if (!pv_presentation_get_flying (bench.presentation))
        {
          g_printerr ("bench-presentation: flight %d did not take off (animations off?)\n", i + 1);
          return 1;
        }
      iterate_until (landed, &bench, "the landing");
      landed_at = g_get_monotonic_time ();
      iterate_until (presentation_still, &bench, "the sharp frame after landing");
      g_array_append_vals (flight_ms, (double[]) { (landed_at - start) / 1000.0 }, 1);
      g_array_append_vals (handover_ms, (double[]) { (g_get_monotonic_time () - landed_at) / 1000.0 }, 1);
    }

  g_print ("\n%d flights between the 1 km city view and the full extent (frames in the air):\n",
           flights);
  print_series ("frame interval", bench.interval);
  print_series ("main-thread work per frame", bench.work);
  print_series ("main-thread CPU per frame", bench.cpu);
  print_series ("flight (take-off → landing)", flight_ms);
  print_series ("landing → sharp frame", handover_ms);

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, &bench);
  g_signal_handlers_disconnect_by_func (clock, before_paint_cb, &bench);
  if (bench.presentation != NULL)
    gtk_window_destroy (GTK_WINDOW (bench.presentation));
  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_object_unref (bench.window);
  g_array_unref (bench.interval);
  g_array_unref (bench.work);
  g_array_unref (bench.cpu);
  remove_tree (state_dir);
  return 0;
}
