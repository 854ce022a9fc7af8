/* pv-cli-test-util.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a run of planviewer-cli ended. */
typedef struct
{
  char     *command_line; /* for messages */
  int       exit_status;  /* -1 when killed by a signal or the timeout */
  int       term_sig;     /* the signal, 0 when it exited */
  gboolean  timed_out;
  char     *out;          /* stdout, NUL-terminated */
  char     *err;          /* stderr, NUL-terminated */
} PvCliResult;

void         pv_cli_result_free   (PvCliResult  *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PvCliResult, pv_cli_result_free)

/* Runs the built planviewer-cli with args (NULL-terminated) under a 4 GB
 * address-space limit; kills it after 60 s. */
PvCliResult *pv_cli_runv          (const char * const *args);
PvCliResult *pv_cli_run           (const char         *first_arg,
                                   ...) G_GNUC_NULL_TERMINATED;
/* Like pv_cli_runv() with extra environment variables ("NAME=value"). */
PvCliResult *pv_cli_runv_env      (const char * const *args,
                                   const char * const *env);

/* The run exited (no signal, no timeout) with status. */
void         pv_cli_assert_exit   (PvCliResult  *result,
                                   int           status);
/* stderr is exactly one line starting "planviewer-cli: ". */
void         pv_cli_assert_one_error_line (PvCliResult *result);
/* Every stderr line starts "planviewer-cli: " and there is at least one. */
void         pv_cli_assert_error_lines    (PvCliResult *result);
/* The run exited 0, or exited 2 with one "planviewer-cli: " line. */
void         pv_cli_assert_clean_outcome  (PvCliResult *result);

/* Path of a data-samples/ file, or NULL (after g_test_skip()) when absent. */
char        *pv_cli_sample_or_skip        (const char *relative);
/* Path of a realdata file, or NULL (after g_test_skip()) when absent. */
char        *pv_cli_realdata_or_skip      (const char *relative);

G_END_DECLS
