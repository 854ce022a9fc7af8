/* test-save-kill.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Crash-proof saves (issue 9): a child process (this program, in child mode)
 * opens a big project (a thousand bookmarks with notes, about 1.5 MB) and
 * makes GENERATIONS edits, each autosaved into a recovery file (as the
 * application does: pv_project_to_recovery_data() and
 * pv_project_write_atomically()) and then saved (pv_project_save_to()), the
 * recovery file removed after each save. The parent kills it with SIGKILL
 * after a random delay (deterministic seed, printed; PV_TEST_KILL_SEED sets
 * it), at least 100 times. After every kill the project on disk opens and
 * is, byte for byte, one of the generations the child made (the last one it
 * reported saved, or the next); and the recovery file, when the child
 * reported an edit autosaved but not saved, opens and holds that edit.
 * The temporary files of the writes killed half way never take the place of
 * either file, and opening the project (or the recovery file) removes them.
 * Nothing is timed: the delays only spread the kills over the child's work.
 * PV_SAVE_KILL_TRIALS sets the number of kills (default N_TRIALS; fewer
 * under slow instrumentation such as AddressSanitizer). */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pv-core.h"
#include "pv-test-util.h"

#define N_TRIALS     100   /* PV_SAVE_KILL_TRIALS overrides */
#define GENERATIONS  4
#define N_BOOKMARKS  1000

/* The project of generation g (0: as first saved): its title and the notes
 * of every tenth bookmark say g. */
static void
apply_generation (PvMap *map,
                  guint  generation)
{
  PvBookmarkList *list = pv_map_get_bookmarks (map);
  g_autofree char *title = g_strdup_printf ("Quy hoạch Thủ Dầu Một — bản %u", generation);

  pv_map_set_title (map, title);
  for (guint k = 0; k < N_BOOKMARKS; k += 10)
    {
      g_autofree char *notes = g_strdup_printf ("Khu %u, bản %u: đất ở tại đô thị, đất thương mại dịch vụ.",
                                                k, generation);

      pv_bookmark_set_notes (pv_bookmark_list_get_bookmark (list, k), notes);
    }
}

static PvMap *
new_big_map (void)
{
  PvMap *map = pv_map_new ();
  PvBookmarkList *list = pv_map_get_bookmarks (map);
  g_autoptr(GString) notes = g_string_new (NULL);

  for (guint i = 0; i < 12; i++)
    g_string_append (notes, "Ranh giới khu dân cư Phú Hòa, Bình Dương; đường Đại lộ Bình Dương. ");
  for (guint k = 0; k < N_BOOKMARKS; k++)
    {
      g_autofree char *name = g_strdup_printf ("Khu %u", k);
      g_autoptr(PvBookmark) bm = pv_bookmark_new (name, NULL, 690000 + k, 1220000, 691000 + k, 1221000);

      pv_bookmark_set_notes (bm, notes->str);
      pv_bookmark_list_add (list, bm);
    }
  apply_generation (map, 0);
  return map;
}

/* ------------------------------------------------------------- child */

static void
say (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
say (const char *format,
     ...)
{
  va_list args;
  g_autofree char *line = NULL;
  gsize done = 0, n;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  n = strlen (line);
  while (done < n)
    {
      ssize_t w = write (STDOUT_FILENO, line + done, n - done);

      if (w < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (w, >, 0);
      done += (gsize) w;
    }
}

/* Never returns: exits 0 when every generation is saved. */
static void
run_child (const char *project_path,
           const char *recovery_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvProject) project = NULL;

  project = pv_project_open (project_path, PV_PROJECT_OPEN_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  say ("ready\n");
  for (guint g = 1; g <= GENERATIONS; g++)
    {
      g_autofree char *data = NULL;
      gsize length;

      apply_generation (pv_project_get_map (project), g);
      /* The autosave. */
      data = pv_project_to_recovery_data (project, NULL, &length);
      g_assert_true (pv_project_write_atomically (recovery_path, data, length, &error));
      g_assert_no_error (error);
      say ("R %u\n", g);
      g_assert_true (pv_project_save_to (project, NULL, NULL, &error));
      g_assert_no_error (error);
      say ("S %u\n", g);
      g_assert_cmpint (g_unlink (recovery_path), ==, 0);
      say ("D %u\n", g);
    }
  exit (0);
}

/* ------------------------------------------------------------- parent */

typedef struct
{
  char  *dir;
  char  *project;
  char  *recovery;
  char  *expected[GENERATIONS + 1];
  gsize  expected_length[GENERATIONS + 1];
  char  *self;
} Setup;

static void
setup_init (Setup *s)
{
  g_autoptr(PvMap) map = new_big_map ();
  g_autoptr(PvProject) project = pv_project_new (map);
  g_autoptr(GError) error = NULL;

  s->dir = pv_test_make_temp_dir ("pv-save-kill");
  s->project = g_build_filename (s->dir, "quy-hoạch.pvproj", NULL);
  s->recovery = g_build_filename (s->dir, "recovery.pvproj", NULL);
  s->self = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  for (guint g = 0; g <= GENERATIONS; g++)
    {
      apply_generation (map, g);
      s->expected[g] = pv_project_to_data (project, NULL, s->dir, &s->expected_length[g]);
    }
  g_test_message ("project of %" G_GSIZE_FORMAT " bytes", s->expected_length[0]);
}

static void
setup_clear (Setup *s)
{
  pv_test_remove_dir (s->dir);
  g_free (s->dir);
  g_free (s->project);
  g_free (s->recovery);
  g_free (s->self);
  for (guint g = 0; g <= GENERATIONS; g++)
    g_free (s->expected[g]);
}

/* Generation 0 on disk, no recovery file. */
static void
reset_files (Setup *s)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pv_project_write_atomically (s->project, s->expected[0], s->expected_length[0], &error));
  g_assert_no_error (error);
  (void) g_unlink (s->recovery);
}

typedef struct
{
  GPid     pid;
  int      out;
  GString *lines;
} Child;

static void
spawn_child (Setup *s,
             Child *c)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { s->self, NULL };

  env = g_environ_setenv (env, "PV_TEST_KILL_PROJECT", s->project, TRUE);
  env = g_environ_setenv (env, "PV_TEST_KILL_RECOVERY", s->recovery, TRUE);
  c->lines = g_string_new (NULL);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &c->pid, NULL, &c->out, NULL, &error));
  g_assert_no_error (error);
}

/* Reads the child's lines until one ends with what (or the end). */
static void
read_until (Child      *c,
            const char *what)
{
  char buf[256];

  while (what == NULL || !g_str_has_suffix (c->lines->str, what))
    {
      ssize_t n = read (c->out, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      g_string_append_len (c->lines, buf, n);
    }
}

/* Waits for the child; returns its wait status. */
static int
reap_child (Child *c)
{
  int status = 0;

  while (waitpid (c->pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  read_until (c, NULL);
  close (c->out);
  g_spawn_close_pid (c->pid);
  return status;
}

/* The last generation the child reported for an event ('R', 'S', 'D'). */
static guint
last_reported (const char *lines,
               char        event)
{
  g_auto(GStrv) split = g_strsplit (lines, "\n", -1);
  guint last = 0;

  for (guint i = 0; split[i] != NULL; i++)
    if (split[i][0] == event && split[i][1] == ' ')
      last = (guint) g_ascii_strtoull (split[i] + 2, NULL, 10);
  return last;
}

/* Which generation the file holds, byte for byte (-1: none). */
static int
generation_of (Setup      *s,
               const char *contents,
               gsize       length)
{
  for (guint g = 0; g <= GENERATIONS; g++)
    if (length == s->expected_length[g] && memcmp (contents, s->expected[g], length) == 0)
      return (int) g;
  return -1;
}

static guint
title_generation (PvProject *project)
{
  const char *title = pv_map_get_title (pv_project_get_map (project));
  const char *mark = title ? strstr (title, "bản ") : NULL;

  g_assert_nonnull (mark);
  return (guint) g_ascii_strtoull (mark + strlen ("bản "), NULL, 10);
}

/* The temporary files in dir of the writes of the file called base. */
static guint
count_temps (const char *dir,
             const char *base)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  const char *name;
  guint n = 0;

  g_assert_nonnull (gdir);
  while ((name = g_dir_read_name (gdir)) != NULL)
    n += g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".tmp");
  return n;
}

typedef struct
{
  guint killed_before_ready;
  guint finished;
  guint on_disk[GENERATIONS + 1];
  guint mid_save;        /* killed between an autosave and its save's report */
  guint recovered;       /* recovery files opened that held unsaved edits */
  guint leftovers;       /* temporary files a killed write left behind */
} Outcomes;

/* Checks the files after the child ended (killed or not). */
static void
check_after (Setup      *s,
             const char *lines,
             Outcomes   *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvProject) project = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint last_r = last_reported (lines, 'R');
  guint last_s = last_reported (lines, 'S');
  guint project_temps = count_temps (s->dir, "quy-hoạch.pvproj");
  guint recovery_temps = count_temps (s->dir, "recovery.pvproj");
  int g;

  /* At most the write killed now left one (earlier ones were removed). */
  g_assert_cmpuint (project_temps + recovery_temps, <=, 1);
  o->leftovers += project_temps + recovery_temps;
  g_assert_true (g_file_get_contents (s->project, &contents, &length, &error));
  g_assert_no_error (error);
  g = generation_of (s, contents, length);
  if (g < 0)
    g_error ("the project on disk (%" G_GSIZE_FORMAT " bytes) is no generation the child made; "
             "the child said:\n%s", length, lines);
  /* What was reported saved is on disk; at most the one autosaved after. */
  g_assert_cmpint (g, >=, (int) last_s);
  g_assert_cmpint (g, <=, (int) MAX (last_r, last_s));
  o->on_disk[g]++;
  project = pv_project_open (s->project, PV_PROJECT_OPEN_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (title_generation (project), ==, (guint) g);
  g_clear_object (&project);
  /* Opening it removed what its killed write left. */
  g_assert_cmpuint (count_temps (s->dir, "quy-hoạch.pvproj"), ==, 0);

  if (g_file_test (s->recovery, G_FILE_TEST_EXISTS))
    {
      guint r;

      project = pv_project_open (s->recovery, PV_PROJECT_OPEN_RECOVERY, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (pv_project_get_path (project), ==, s->project);
      g_assert_true (pv_project_get_modified (project));
      r = title_generation (project);
      g_assert_cmpuint (count_temps (s->dir, "recovery.pvproj"), ==, 0);
      /* The last autosave reported, or the next one, complete. */
      g_assert_cmpuint (r, >=, last_r);
      g_assert_cmpuint (r, <=, last_r + 1);
      g_assert_cmpuint (r, >=, (guint) g);
      if (r > (guint) g)
        o->recovered++;
    }
  else
    {
      /* Edits autosaved and not saved are never lost. */
      g_assert_cmpint (g, >=, (int) last_r);
    }
  if (last_r > last_s)
    o->mid_save++;

  /* Nothing else is there; a temporary file of an autosave killed before
   * its recovery file existed stays until the next autosave. */
  {
    g_autoptr(GDir) dir = g_dir_open (s->dir, 0, &error);
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (dir)) != NULL)
      if (name[0] == '.')
        g_assert_true (g_str_has_prefix (name, ".recovery.pvproj.") && g_str_has_suffix (name, ".tmp"));
      else
        g_assert_true (g_str_equal (name, "quy-hoạch.pvproj") || g_str_equal (name, "recovery.pvproj"));
  }
}

static void
test_save_killed_randomly (void)
{
  Setup s = { NULL };
  Outcomes o = { 0 };
  const char *seed_env = g_getenv ("PV_TEST_KILL_SEED");
  guint32 seed = seed_env ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : 20260901;
  const char *trials_env = g_getenv ("PV_SAVE_KILL_TRIALS");
  guint n_trials = trials_env ? (guint) g_ascii_strtoull (trials_env, NULL, 10) : N_TRIALS;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gint64 work_usec;

  g_assert_cmpuint (n_trials, >, 0);
  setup_init (&s);
  g_test_message ("seed %u (PV_TEST_KILL_SEED), %u trials (PV_SAVE_KILL_TRIALS), %u generations each",
                  seed, n_trials, GENERATIONS);

  /* Once unkilled: the child's work from "ready" to its end, the span the
   * kills are spread over; and its result is the last generation. */
  {
    Child c = { 0 };
    gint64 t0;
    int status;

    reset_files (&s);
    spawn_child (&s, &c);
    read_until (&c, "ready\n");
    t0 = g_get_monotonic_time ();
    status = reap_child (&c);
    work_usec = MAX (g_get_monotonic_time () - t0, 1000);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    check_after (&s, c.lines->str, &o);
    g_assert_cmpuint (o.on_disk[GENERATIONS], ==, 1);
    g_assert_false (g_file_test (s.recovery, G_FILE_TEST_EXISTS));
    g_string_free (c.lines, TRUE);
    memset (&o, 0, sizeof o);
    g_test_message ("child's work: %.1f ms", work_usec / 1000.0);
  }

  for (guint t = 0; t < n_trials; t++)
    {
      Child c = { 0 };
      gint64 delay = g_rand_int_range (rand, 0, (gint32) MIN (work_usec * 11 / 10, G_MAXINT32));
      int status;

      reset_files (&s);
      spawn_child (&s, &c);
      read_until (&c, "ready\n");
      g_usleep (delay);
      kill (c.pid, SIGKILL);
      status = reap_child (&c);
      if (WIFEXITED (status))
        {
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
          o.finished++;
        }
      else
        g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      check_after (&s, c.lines->str, &o);
      g_string_free (c.lines, TRUE);
    }

  g_test_message ("outcomes: %u finished before the kill; on disk generation 0 to %u: %u %u %u %u %u; "
                  "%u killed between an autosave and its save's report, %u recovery files held unsaved edits, "
                  "%u writes killed half way (their temporary file left)",
                  o.finished, GENERATIONS, o.on_disk[0], o.on_disk[1], o.on_disk[2], o.on_disk[3], o.on_disk[4],
                  o.mid_save, o.recovered, o.leftovers);
  setup_clear (&s);
}

int
main (int   argc,
      char *argv[])
{
  const char *child_project = g_getenv ("PV_TEST_KILL_PROJECT");

  if (child_project != NULL)
    {
      pv_core_init ();
      run_child (child_project, g_getenv ("PV_TEST_KILL_RECOVERY"));
    }

  g_test_init (&argc, &argv, NULL);
  pv_core_init ();
  g_test_add_func ("/core/project/save-killed-randomly", test_save_killed_randomly);
  return g_test_run ();
}
