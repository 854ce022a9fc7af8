/* pv-task.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pv-task.h"

static GMutex running_lock;
static GCond running_changed;
/* The GTasks whose worker function has not returned; GTask itself holds a
 * reference to each until then. */
static GPtrArray *running_tasks;

static GQuark
task_func_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("pv-task-func");
  return quark;
}

static void
run_counted (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GTaskThreadFunc task_func = g_object_get_qdata (G_OBJECT (task), task_func_quark ());

  task_func (task, source_object, task_data, cancellable);

  g_mutex_lock (&running_lock);
  g_ptr_array_remove_fast (running_tasks, task);
  g_cond_broadcast (&running_changed);
  g_mutex_unlock (&running_lock);
}

void
pv_task_run_in_thread (GTask           *task,
                       GTaskThreadFunc  task_func)
{
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (task_func != NULL);

  g_object_set_qdata (G_OBJECT (task), task_func_quark (), task_func);
  /* Counted before the thread pool may start it, so that a wait that
   * follows this call always sees it. */
  g_mutex_lock (&running_lock);
  if (running_tasks == NULL)
    running_tasks = g_ptr_array_new ();
  g_ptr_array_add (running_tasks, task);
  g_mutex_unlock (&running_lock);
  g_task_run_in_thread (task, run_counted);
}

guint
pv_task_get_n_running (void)
{
  guint n;

  g_mutex_lock (&running_lock);
  n = running_tasks != NULL ? running_tasks->len : 0;
  g_mutex_unlock (&running_lock);
  return n;
}

gboolean
pv_task_cancel_and_wait (guint timeout_ms)
{
  g_autoptr(GPtrArray) cancellables = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  gboolean all_returned = TRUE;

  g_mutex_lock (&running_lock);
  for (guint i = 0; running_tasks != NULL && i < running_tasks->len; i++)
    {
      GCancellable *cancellable = g_task_get_cancellable (running_tasks->pdata[i]);

      if (cancellable != NULL)
        g_ptr_array_add (cancellables, g_object_ref (cancellable));
    }
  g_mutex_unlock (&running_lock);

  /* Outside the lock: a cancelled handler may start or end a worker. */
  for (guint i = 0; i < cancellables->len; i++)
    g_cancellable_cancel (cancellables->pdata[i]);

  g_mutex_lock (&running_lock);
  while (running_tasks != NULL && running_tasks->len > 0)
    if (!g_cond_wait_until (&running_changed, &running_lock, deadline))
      {
        all_returned = running_tasks->len == 0;
        break;
      }
  g_mutex_unlock (&running_lock);
  return all_returned;
}
