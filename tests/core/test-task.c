/* test-task.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "pv-core.h"
#include "pv-task.h"

/* Returns when its cancellable is cancelled, or after 20 s. */
static void
wait_for_cancel_worker (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  gint64 give_up = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (!g_cancellable_is_cancelled (cancellable) && g_get_monotonic_time () < give_up)
    g_usleep (1000);
  if (g_cancellable_is_cancelled (cancellable))
    {
      printf ("# worker cancelled\n");
      fflush (stdout);
    }
  g_task_return_boolean (task, TRUE);
}

/* Ignores cancellation: sleeps for the time given in its task data (ms). */
static void
sleep_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_usleep (GPOINTER_TO_UINT (task_data) * G_TIME_SPAN_MILLISECOND);
  printf ("# worker returned\n");
  fflush (stdout);
  g_task_return_boolean (task, TRUE);
}

static void
start (GTaskThreadFunc func,
       guint           data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, NULL, NULL);

  g_task_set_task_data (task, GUINT_TO_POINTER (data), NULL);
  pv_task_run_in_thread (task, func);
}

/* Workers are counted from the call until they return; waiting cancels
 * them first. */
static void
test_task_count_and_cancel (void)
{
  g_assert_cmpuint (pv_task_get_n_running (), ==, 0);
  for (guint i = 0; i < 3; i++)
    start (wait_for_cancel_worker, 0);
  g_assert_cmpuint (pv_task_get_n_running (), ==, 3);
  g_assert_true (pv_task_cancel_and_wait (10000));
  g_assert_cmpuint (pv_task_get_n_running (), ==, 0);
  /* Nothing running: returns at once. */
  g_assert_true (pv_task_cancel_and_wait (0));
}

/* A worker that ignores cancellation outlasts a short wait, and is still
 * counted until it returns. */
static void
test_task_wait_times_out (void)
{
  start (sleep_worker, 500);
  g_assert_false (pv_task_cancel_and_wait (10));
  g_assert_cmpuint (pv_task_get_n_running (), ==, 1);
  g_assert_true (pv_task_cancel_and_wait (10000));
  g_assert_cmpuint (pv_task_get_n_running (), ==, 0);
}

/* At exit the process waits for a worker that is still running (GDAL and
 * PROJ free their state right after), and cancels those that listen. */
static void
test_task_exit_waits (void)
{
  if (g_test_subprocess ())
    {
      start (sleep_worker, 300);
      start (wait_for_cancel_worker, 0);
      /* Returning from main() with both running. */
      return;
    }
  g_test_trap_subprocess (NULL, 15 * G_TIME_SPAN_SECOND, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*worker cancelled*");
  g_test_trap_assert_stdout ("*worker returned*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/task/count-and-cancel", test_task_count_and_cancel);
  g_test_add_func ("/core/task/wait-times-out", test_task_wait_times_out);
  g_test_add_func ("/core/task/exit-waits", test_task_exit_waits);

  return g_test_run ();
}
