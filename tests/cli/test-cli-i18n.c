/* test-cli-i18n.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdarg.h>

#include "pv-cli-test-util.h"
#include "pv-test-util.h"

/* planviewer-cli in Vietnamese: run from the build tree, it must find the
 * catalogue compiled there (po/vi/LC_MESSAGES/planviewer.mo), translate the
 * messages of the core and of the CLI, and keep the "planviewer-cli: " prefix
 * and the file name that scripts rely on. */

#define VI_LOCALE "vi_VN.UTF-8"

static const char * const vietnamese_env[] = {
  "LANG=" VI_LOCALE,
  "LC_ALL=" VI_LOCALE,
  "LANGUAGE=vi",
  NULL
};

static const char * const english_env[] = {
  "LANG=C.UTF-8",
  "LC_ALL=C.UTF-8",
  "LANGUAGE=",
  NULL
};

static char *tmp_dir;

/* Without the locale, gettext ignores LANGUAGE and everything stays English. */
static gboolean
skip_without_vietnamese_locale (void)
{
  locale_t vi = newlocale (LC_ALL_MASK, VI_LOCALE, (locale_t) 0);

  if (vi == (locale_t) 0)
    {
      g_test_skip ("the " VI_LOCALE " locale is not installed (make deps generates it)");
      return TRUE;
    }
  freelocale (vi);
  return FALSE;
}

static PvCliResult *
run_with_env (const char * const *env,
              const char         *first_arg,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return pv_cli_runv_env ((const char * const *) args->pdata, env);
}

/* A file in a folder that exists, with a Vietnamese name, that does not. */
static char *
missing_file (void)
{
  char *path = g_build_filename (tmp_dir, "quy-hoạch-sử-dụng-đất.shp", NULL);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  return path;
}

static void
test_missing_file (void)
{
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(PvCliResult) result = NULL;

  if (skip_without_vietnamese_locale ())
    return;

  path = missing_file ();
  result = run_with_env (vietnamese_env, "info", path, NULL);
  pv_cli_assert_exit (result, 2);
  pv_cli_assert_one_error_line (result);
  /* The core's message, translated, after the prefix and the file name. */
  expected = g_strdup_printf ("planviewer-cli: %s: tệp không tồn tại\n", path);
  g_assert_cmpstr (result->err, ==, expected);
}

static void
test_missing_file_english (void)
{
  g_autofree char *path = missing_file ();
  g_autofree char *expected = g_strdup_printf ("planviewer-cli: %s: the file does not exist\n", path);
  g_autoptr(PvCliResult) result = run_with_env (english_env, "info", path, NULL);

  /* The same run without the Vietnamese locale stays English. */
  pv_cli_assert_exit (result, 2);
  g_assert_cmpstr (result->err, ==, expected);
}

static void
test_unknown_command (void)
{
  g_autoptr(PvCliResult) result = NULL;

  if (skip_without_vietnamese_locale ())
    return;

  result = run_with_env (vietnamese_env, "hiển-thị", NULL);
  pv_cli_assert_exit (result, 1);
  pv_cli_assert_one_error_line (result);
  g_assert_cmpstr (result->err, ==,
                   "planviewer-cli: lệnh không xác định “hiển-thị” (thử “planviewer-cli --help”)\n");
}

static void
test_usage (void)
{
  g_autoptr(PvCliResult) result = NULL;

  if (skip_without_vietnamese_locale ())
    return;

  result = run_with_env (vietnamese_env, "--help", NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_true (g_str_has_prefix (result->out, "Cách dùng:\n"));
  g_assert_nonnull (strstr (result->out, "Mô tả các lớp của tệp dữ liệu"));
  g_assert_null (strstr (result->out, "Usage:"));
}

static void
test_info_labels (void)
{
  g_autofree char *districts = NULL;
  g_autoptr(PvCliResult) result = NULL;

  if (skip_without_vietnamese_locale ())
    return;
  if (!(districts = pv_cli_sample_or_skip ("districts.shp")))
    return;

  result = run_with_env (vietnamese_env, "info", districts, NULL);
  pv_cli_assert_exit (result, 0);
  g_assert_cmpstr (result->err, ==, "");
  /* Labels padded by characters: the values still line up at column 16. */
  g_assert_nonnull (strstr (result->out, "\nLớp:           districts\n"));
  g_assert_nonnull (strstr (result->out, "\nLoại:          vectơ\n"));
  g_assert_nonnull (strstr (result->out, "\nHệ tọa độ:     VN-2000 / TM-3 105-45\n"));
  g_assert_nonnull (strstr (result->out, "\nMã EPSG:       9210\n"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("pv-cli-i18n-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/cli/i18n/missing-file", test_missing_file);
  g_test_add_func ("/cli/i18n/missing-file-english", test_missing_file_english);
  g_test_add_func ("/cli/i18n/unknown-command", test_unknown_command);
  g_test_add_func ("/cli/i18n/usage", test_usage);
  g_test_add_func ("/cli/i18n/info-labels", test_info_labels);

  status = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
