/* test-cad.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cpl_vsi.h>
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

#define DXF_LINE_START "  0\nSECTION\n  2\nENTITIES\n  0\nLINE\n  8\nRANH_GIOI\n 10\n"
#define DXF_LINE_END   "\n 20\n1210000\n 11\n600000\n 21\n1220000\n  0\nENDSEC\n  0\nEOF\n"

/* Opening must fail, at once, saying the file is damaged and where. */
static void
assert_cut_line_break (const char *path,
                       guint64     at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (path, NULL, NULL, &error);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *byte = g_strdup_printf (" %" G_GUINT64_FORMAT " ", at);

  g_assert_null (layers);
  g_assert_error (error, PV_DATA_ERROR, PV_DATA_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, base));
  g_assert_nonnull (strstr (error->message, byte));
}

static void
assert_opens_one_line (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = pv_layer_open_all (path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_cmpuint (pv_vector_layer_get_n_features (PV_VECTOR_LAYER (g_ptr_array_index (layers, 0))), ==, 1);
}

/* GDAL 3.6's DXF reader waits forever for the rest of a line break cut
 * after its carriage return (by a zero byte, or by the end of the file; the
 * fuzzer's input in tests/fuzz/regressions/layer/dxf-timeout.dxf): such a
 * file is refused before GDAL reads it. Line breaks GDAL reads (CR only,
 * LF CR) still open. */
static void
test_dxf_cut_line_break (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pv-cad-XXXXXX", NULL);
  const guint64 cr_at = strlen (DXF_LINE_START "590000");
  struct
  {
    const char *name;
    const char *text;
    gsize       len;
  } cut[] = {
    { "cr-nul.dxf", DXF_LINE_START "590000\r\0\0\n" DXF_LINE_END, 0 },
    { "cr-at-end.dxf", DXF_LINE_START "590000\r", 0 },
  };
  g_autofree char *cr_only = g_strdelimit (g_strdup (DXF_LINE_START "590000" DXF_LINE_END), "\n", '\r');
  g_autofree char *lf_cr = g_strconcat (DXF_LINE_START "590000" DXF_LINE_END, "\r", NULL);
  g_autofree char *cr_only_path = write_temp (dir, "mac.dxf", (const guint8 *) cr_only, strlen (cr_only));
  g_autofree char *lf_cr_path = write_temp (dir, "lf-cr.dxf", (const guint8 *) lf_cr, strlen (lf_cr));
  g_autofree char *big_path = NULL;
  g_autoptr(GString) big = g_string_new ("  0\nSECTION\n  2\nENTITIES\n");
  gsize boundary = 256 * 1024;

  cut[0].len = strlen (DXF_LINE_START "590000\r") + 3 + strlen (DXF_LINE_END);
  cut[1].len = strlen (cut[1].text);
  for (guint i = 0; i < G_N_ELEMENTS (cut); i++)
    {
      g_autofree char *path = write_temp (dir, cut[i].name, (const guint8 *) cut[i].text, cut[i].len);
      g_autofree char *vsimem = g_strdup_printf ("/vsimem/pv-test-cad/%s", cut[i].name);

      assert_cut_line_break (path, cr_at);
      /* The same through GDAL's own paths. */
      VSIFCloseL (VSIFileFromMemBuffer (vsimem, (GByte *) cut[i].text, cut[i].len, FALSE));
      assert_cut_line_break (vsimem, cr_at);
      g_assert_cmpint (VSIUnlink (vsimem), ==, 0);
      g_remove (path);
    }

  assert_opens_one_line (cr_only_path);
  assert_opens_one_line (lf_cr_path);

  /* A CR ending one chunk of the check's reading and a zero byte starting
   * the next: comment lines (999) bring the CR to the chunk's last byte. */
  while (big->len + 80 < boundary - strlen ("  0\nLINE\n  8\nA\n 10\n590000"))
    g_string_append (big, "999\ncomment line that takes some room in the file before the line\n");
  g_string_append (big, "999\n");
  while (big->len + 2 < boundary - strlen ("  0\nLINE\n  8\nA\n 10\n590000"))
    g_string_append_c (big, 'x');
  g_string_append (big, "\n  0\nLINE\n  8\nA\n 10\n590000\r");
  g_assert_cmpuint (big->len, ==, boundary);
  g_string_append_len (big, "\0\n", 2);
  g_string_append (big, DXF_LINE_END);
  big_path = write_temp (dir, "chunk.dxf", (const guint8 *) big->str, big->len);
  assert_cut_line_break (big_path, boundary - 1);

  g_remove (big_path);
  g_remove (cr_only_path);
  g_remove (lf_cr_path);
  g_rmdir (dir);
}

/* Every DXF of the real data passes the check. */
static void
test_dxf_real_line_breaks (void)
{
  g_autofree char *root = pv_test_realdata_path ("vector");
  g_autoptr(GDir) dir = NULL;
  guint n = 0;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("realdata is absent");
      return;
    }
  dir = g_dir_open (root, 0, NULL);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    {
      g_autofree char *sub = g_build_filename (root, name, NULL);
      g_autoptr(GDir) files = g_dir_open (sub, 0, NULL);

      for (const char *file; files != NULL && (file = g_dir_read_name (files)) != NULL;)
        {
          g_autofree char *lower = g_ascii_strdown (file, -1);
          g_autofree char *path = g_build_filename (sub, file, NULL);
          g_autoptr(GError) error = NULL;

          if (!g_str_has_suffix (lower, ".dxf"))
            continue;
          g_assert_true (_pv_cad_check_dxf_line_breaks (path, &error));
          g_assert_no_error (error);
          n++;
        }
    }
  g_assert_cmpuint (n, >, 0);
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
  g_test_add_func ("/core/cad/dxf-cut-line-break", test_dxf_cut_line_break);
  g_test_add_func ("/core/cad/dxf-real-line-breaks", test_dxf_real_line_breaks);

  return g_test_run ();
}
