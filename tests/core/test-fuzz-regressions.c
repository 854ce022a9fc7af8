/* test-fuzz-regressions.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Replays the inputs the fuzzers found bugs with (tests/fuzz/regressions/
 * <harness>/) and the hand-made seeds (tests/fuzz/seeds/<harness>/) through
 * the code the libFuzzer harnesses run, in every build: no clang needed. An
 * input that crashes, leaks (under the sanitizers) or breaks one of the
 * harness's invariants fails its test case. */

#include "config.h"

#include <glib.h>

/* The harnesses' code itself, not a copy: tests/fuzz/meson.build is only
 * read with -Dfuzzing=true, so it is compiled into this test here. */
#include "../fuzz/pv-fuzz-targets.c"

typedef void (*FuzzTarget) (const guint8 *data,
                            gsize         size);

static const struct
{
  const char *name;
  FuzzTarget  target;
} harnesses[] = {
  { "encoding", pv_fuzz_encoding },
  { "layer",    pv_fuzz_layer },
  { "project",  pv_fuzz_project },
  { "qml",      pv_fuzz_qml },
};

typedef struct
{
  FuzzTarget  target;
  char       *path;
} Replay;

static void
replay_free (gpointer data)
{
  Replay *replay = data;

  g_free (replay->path);
  g_free (replay);
}

static void
test_replay (gconstpointer data)
{
  const Replay *replay = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (replay->path, &contents, &length, &error));
  g_assert_no_error (error);
  replay->target ((const guint8 *) contents, length);
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static guint
add_replays (const char *kind,
             GPtrArray  *keep)
{
  guint n = 0;

  for (guint h = 0; h < G_N_ELEMENTS (harnesses); h++)
    {
      g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", kind,
                                                         harnesses[h].name, NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.' && g_strcmp0 (name, "README.md") != 0)
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          const char *file = g_ptr_array_index (names, i);
          Replay *replay = g_new0 (Replay, 1);
          g_autofree char *test_path = NULL;

          replay->target = harnesses[h].target;
          replay->path = g_build_filename (dir_path, file, NULL);
          g_ptr_array_add (keep, replay);
          test_path = g_strdup_printf ("/core/fuzz-%s/%s/%s", kind, harnesses[h].name, file);
          g_test_add_data_func (test_path, replay, test_replay);
          n++;
        }
    }
  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (replay_free);
  int status;

  g_test_init (&argc, &argv, NULL);
  pv_fuzz_init ();

  add_replays ("regressions", keep);
  /* The seeds are inputs too, and must keep passing every invariant. */
  g_assert_cmpuint (add_replays ("seeds", keep), >, 0);

  status = g_test_run ();
  pv_fuzz_cleanup ();
  return status;
}
