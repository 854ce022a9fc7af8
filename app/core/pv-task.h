/* pv-task.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* g_task_run_in_thread(), with the worker counted until its function
 * returns. Every worker of the application runs through it, so that the
 * process can wait for them before GDAL, PROJ and the C++ runtime tear
 * themselves down at exit (a worker still reading a dataset then would touch
 * freed memory). */
void     pv_task_run_in_thread     (GTask           *task,
                                    GTaskThreadFunc  task_func);
/* How many workers started by pv_task_run_in_thread() have not yet
 * returned (queued ones included). */
guint    pv_task_get_n_running     (void);
/* Cancels every running worker's cancellable and waits for them to return,
 * at most @timeout_ms. Returns whether they all did. pv_core_init() makes
 * this run at exit. */
gboolean pv_task_cancel_and_wait   (guint            timeout_ms);

G_END_DECLS
