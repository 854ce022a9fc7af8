/* test-cad.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pv-cad.h"
#include "pv-core.h"
#include "pv-error.h"
#include "pv-test-util.h"

static char *
write_temp (const char   *dir,
            const char   *name,
            const guint8 *bytes,
            gsize         len)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) bytes, len, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_unsupported (const char *path,
                    const char *must_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);

  g_assert_false (_pv_cad_check_supported (path, &error));
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED);
  /* The message names the file and what to save it as. */
  g_assert_nonnull (strstr (error->message, base));
  g_assert_nonnull (strstr (error->message, must_name));
}

static void
assert_supported (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_pv_cad_check_supported (path, &error));
  g_assert_no_error (error);
}

static void
test_dwg_header (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pv-cad-XXXXXX", NULL);
  guint8 header[128] = { 0 };
  g_autofree char *dwg = NULL;
  g_autofree char *renamed = NULL;

  memcpy (header, "AC1027", 6);
  /* By its magic, whatever the name says … */
  dwg = write_temp (dir, "ban-ve.dwg", header, sizeof header);
  assert_unsupported (dwg, "DXF");
  renamed = write_temp (dir, "ban-ve.dat", header, sizeof header);
  assert_unsupported (renamed, "DXF");

  g_remove (dwg);
  g_remove (renamed);
  g_rmdir (dir);
}

static void
test_dwg_old_versions (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pv-cad-XXXXXX", NULL);
  const char *magics[] = { "AC1015", "AC1032", "AC1.50", "AC2.10" };

  for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
    {
      guint8 header[32] = { 0 };
      g_autofree char *path = NULL;

      memcpy (header, magics[i], 6);
      path = write_temp (dir, "old.bin", header, sizeof header);
      assert_unsupported (path, "DXF");
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
test_dwg_extension (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pv-cad-XXXXXX", NULL);
  const guint8 junk[16] = "not a real dwg.";
  g_autofree char *path = write_temp (dir, "QUY_HOACH.DWG", junk, sizeof junk);

  /* … and by its name even when the header is damaged. */
  assert_unsupported (path, "DXF");
  g_remove (path);
  g_rmdir (dir);
}

static void
test_dgn_v8_real (void)
{
  g_autofree char *path = pv_test_realdata_path ("bad/test_dgnv8.dgn");

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("realdata is absent");
      return;
    }
  assert_unsupported (path, "V7");
}

static void
test_ole2_not_dgn (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pv-cad-XXXXXX", NULL);
  const guint8 ole2[16] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  g_autofree char *dgn = write_temp (dir, "level.DGN", ole2, sizeof ole2);
  g_autofree char *xls = write_temp (dir, "bang.xls", ole2, sizeof ole2);

  /* The OLE2 container is DGN V8 only when the file is a .dgn. */
  assert_unsupported (dgn, "V7");
  assert_supported (xls);
  g_remove (dgn);
  g_remove (xls);
  g_rmdir (dir);
}

static void
test_supported_real (void)
{
  const char *files[] = {
    "vector/dxf_assorted/assorted.dxf",
    "vector/dgn_canada/canada.dgn",
    "vector/tab_win1251/tab-win1251.TAB",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = pv_test_realdata_path (files[i]);

      if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_test_skip ("realdata is absent");
          return;
        }
      assert_supported (path);
    }
}

static void
test_supported_small_and_missing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pv-cad-XXXXXX", NULL);
  const guint8 tiny[3] = "AC";
  g_autofree char *short_file = write_temp (dir, "tiny.dxf", tiny, 2);
  g_autofree char *empty = write_temp (dir, "empty.dgn", tiny, 0);
  g_autofree char *missing = g_build_filename (dir, "missing.dgn", NULL);

  assert_supported (short_file);
  assert_supported (empty);
  /* Left to the open path, which reports "not found". */
  assert_supported (missing);
  g_remove (short_file);
  g_remove (empty);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pv_core_init ();

  g_test_add_func ("/core/cad/dwg-header", test_dwg_header);
  g_test_add_func ("/core/cad/dwg-old-versions", test_dwg_old_versions);
  g_test_add_func ("/core/cad/dwg-extension", test_dwg_extension);
  g_test_add_func ("/core/cad/dgn-v8-real", test_dgn_v8_real);
  g_test_add_func ("/core/cad/ole2-not-dgn", test_ole2_not_dgn);
  g_test_add_func ("/core/cad/supported-real", test_supported_real);
  g_test_add_func ("/core/cad/supported-small-and-missing", test_supported_small_and_missing);

  return g_test_run ();
}
