/* pv-cli-test-util.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <stdarg.h>
#include <sys/resource.h>

#include "pv-cli-test-util.h"
#include "pv-test-util.h"

#define TIMEOUT_SECONDS 60
#define ADDRESS_SPACE_LIMIT ((rlim_t) 4 * 1024 * 1024 * 1024)

void
pv_cli_result_free (PvCliResult *result)
{
  g_free (result->command_line);
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

static void
limit_child_cb (gpointer user_data)
{
  /* A multi-GB allocation then fails in the child instead of thrashing the
   * machine; the CLI must turn that into an error, not a crash. Not under
   * AddressSanitizer, which reserves terabytes of shadow address space at
   * start (build-aux/run-sanitize.sh caps single allocations instead). */
#ifndef __SANITIZE_ADDRESS__
  struct rlimit limit = { ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT };

  setrlimit (RLIMIT_AS, &limit);
#endif
}

/* 60 s, or PV_TEST_CLI_TIMEOUT seconds (build-aux/run-valgrind.sh: the CLI
 * under memcheck runs tens of times slower). */
static guint
timeout_seconds (void)
{
  const char *value = g_getenv ("PV_TEST_CLI_TIMEOUT");
  guint64 seconds = 0;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &seconds, NULL))
    return (guint) seconds;
  return TIMEOUT_SECONDS;
}

typedef struct
{
  GBytes   *out;
  GBytes   *err;
  GError   *error;
  gboolean  done;
} Communication;

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Communication *comm = user_data;

  g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &comm->out, &comm->err, &comm->error);
  comm->done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  return g_strndup (data ? data : "", size);
}

PvCliResult *
pv_cli_runv_env (const char * const *args,
                 const char * const *env)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Communication comm = { 0 };
  PvCliResult *result = g_new0 (PvCliResult, 1);
  gboolean timed_out = FALSE;

  g_ptr_array_add (argv, pv_test_build_path ("app/cli/planviewer-cli"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  result->command_line = g_strjoinv (" ", (char **) argv->pdata);
  g_test_message ("running: %s", result->command_line);

  g_main_context_push_thread_default (context);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, limit_child_cb, NULL, NULL);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1] ? pair[1] : "", TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  timeout = g_timeout_source_new_seconds (timeout_seconds ());
  g_source_set_callback (timeout, timeout_cb, &timed_out, NULL);
  g_source_attach (timeout, context);

  g_subprocess_communicate_async (process, NULL, cancellable, communicate_cb, &comm);
  while (!comm.done)
    {
      if (timed_out && !g_cancellable_is_cancelled (cancellable))
        {
          g_subprocess_force_exit (process);
          g_cancellable_cancel (cancellable);
        }
      g_main_context_iteration (context, TRUE);
    }
  g_source_destroy (timeout);
  if (!timed_out)
    g_assert_no_error (comm.error);
  g_clear_error (&comm.error);

  /* Reap the child (also after a forced exit). */
  g_subprocess_wait (process, NULL, NULL);
  g_main_context_pop_thread_default (context);

  result->timed_out = timed_out;
  if (g_subprocess_get_if_signaled (process))
    {
      result->exit_status = -1;
      result->term_sig = g_subprocess_get_term_sig (process);
    }
  else
    result->exit_status = timed_out ? -1 : g_subprocess_get_exit_status (process);
  result->out = bytes_to_string (comm.out);
  result->err = bytes_to_string (comm.err);
  g_clear_pointer (&comm.out, g_bytes_unref);
  g_clear_pointer (&comm.err, g_bytes_unref);

  return result;
}

PvCliResult *
pv_cli_runv (const char * const *args)
{
  return pv_cli_runv_env (args, NULL);
}

PvCliResult *
pv_cli_run (const char *first_arg,
            ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return pv_cli_runv ((const char * const *) args->pdata);
}

static void
describe (PvCliResult *result)
{
  g_test_message ("command: %s", result->command_line);
  g_test_message ("exit status %d, signal %d, timed out %d", result->exit_status,
                  result->term_sig, result->timed_out);
  g_test_message ("stdout: %.2000s", result->out);
  g_test_message ("stderr: %.2000s", result->err);
}

void
pv_cli_assert_exit (PvCliResult *result,
                    int          status)
{
  if (result->timed_out || result->term_sig != 0 || result->exit_status != status)
    describe (result);
  g_assert_false (result->timed_out);
  g_assert_cmpint (result->term_sig, ==, 0);
  g_assert_cmpint (result->exit_status, ==, status);
}

void
pv_cli_assert_error_lines (PvCliResult *result)
{
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  if (!g_str_has_suffix (result->err, "\n"))
    describe (result);
  g_assert_true (g_str_has_suffix (result->err, "\n"));
  lines = g_strsplit (result->err, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++, n++)
    {
      if (!g_str_has_prefix (lines[i], "planviewer-cli: ") ||
          strlen (lines[i]) <= strlen ("planviewer-cli: "))
        describe (result);
      g_assert_true (g_str_has_prefix (lines[i], "planviewer-cli: "));
      g_assert_cmpuint (strlen (lines[i]), >, strlen ("planviewer-cli: "));
    }
  g_assert_cmpuint (n, >=, 1);
}

void
pv_cli_assert_one_error_line (PvCliResult *result)
{
  const char *newline = strchr (result->err, '\n');

  pv_cli_assert_error_lines (result);
  if (newline == NULL || newline[1] != '\0')
    describe (result);
  g_assert_nonnull (newline);
  g_assert_cmpint (newline[1], ==, '\0');
}

void
pv_cli_assert_clean_outcome (PvCliResult *result)
{
  if (result->timed_out || result->term_sig != 0 ||
      (result->exit_status != 0 && result->exit_status != 2))
    describe (result);
  g_assert_false (result->timed_out);
  g_assert_cmpint (result->term_sig, ==, 0);
  g_assert_true (result->exit_status == 0 || result->exit_status == 2);
  if (result->exit_status == 2)
    pv_cli_assert_one_error_line (result);
}

char *
pv_cli_sample_or_skip (const char *relative)
{
  g_autofree char *path = pv_test_sample_path (relative);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip_printf ("data-samples/%s is absent", relative);
      return NULL;
    }
  return g_steal_pointer (&path);
}

char *
pv_cli_realdata_or_skip (const char *relative)
{
  g_autofree char *path = pv_test_realdata_path (relative);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip_printf ("realdata/%s is absent", relative);
      return NULL;
    }
  return g_steal_pointer (&path);
}
