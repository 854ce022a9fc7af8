/* test-cli-bad-input.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "pv-cli-test-util.h"
#include "pv-test-util.h"

/* Malformed, hostile and unsupported files: `info` and `render` must end with
 * status 0, or 2 and one "planviewer-cli: " line; never a signal, never a
 * hang (60 s), never a multi-GB allocation (the child runs under a 4 GB
 * address-space limit). */

/* The files of realdata/bad/ that GDAL 3.6 refuses to open (MANIFEST.md):
 * they must give exit status 2. */
static const char * const rejected_by_gdal[] = {
  "insert-too-many-errors.dxf",
  "truncated.kml",
  "test_dgnv8.dgn",
  "wfsogr10_shapezip.zip",
  "hugeblocksize.tif",
  "toomanyblocks.tif",
  "unknown_compression.tif",
  "truncated.jp2",
  "invalid",
};

static char *tmp_dir;

static gboolean
is_rejected_by_gdal (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (rejected_by_gdal); i++)
    {
      if (g_str_equal (rejected_by_gdal[i], name))
        return TRUE;
    }
  return FALSE;
}

static void
run_info_and_render (const char *path,
                     gboolean    must_fail)
{
  g_autofree char *png = g_build_filename (tmp_dir, "bad.png", NULL);
  g_autofree char *pgw = g_build_filename (tmp_dir, "bad.pgw", NULL);
  g_autoptr(PvCliResult) info = NULL;
  g_autoptr(PvCliResult) json = NULL;
  g_autoptr(PvCliResult) render = NULL;

  info = pv_cli_run ("info", "--features", path, NULL);
  pv_cli_assert_clean_outcome (info);
  if (must_fail)
    pv_cli_assert_exit (info, 2);

  json = pv_cli_run ("info", "--json", path, NULL);
  pv_cli_assert_clean_outcome (json);
  g_assert_cmpint (json->exit_status, ==, info->exit_status);
  g_assert_true (g_utf8_validate (json->out, -1, NULL));

  g_remove (png);
  g_remove (pgw);
  render = pv_cli_run ("render", "-o", png, "--size", "320x240", path, NULL);
  pv_cli_assert_clean_outcome (render);
  if (must_fail)
    pv_cli_assert_exit (render, 2);
  if (render->exit_status == 0)
    {
      g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
      g_assert_true (g_file_test (pgw, G_FILE_TEST_IS_REGULAR));
    }
}

static void
test_bad_file (gconstpointer data)
{
  const char *relative = data;
  g_autofree char *path = pv_cli_realdata_or_skip (relative);
  g_autofree char *base = NULL;

  if (path == NULL)
    return;
  base = g_path_get_basename (relative);
  run_info_and_render (path, is_rejected_by_gdal (base));
}

static void
test_no_realdata (void)
{
  g_test_skip ("../shared/realdata is absent");
}

/* The main file of a multi-file set: .shp, .tab, .mif, or a lone .dbf. */
static gboolean
is_main_file (const char *dir,
              const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_str_has_suffix (lower, ".shp") || g_str_has_suffix (lower, ".tab") ||
      g_str_has_suffix (lower, ".mif"))
    return TRUE;
  if (g_str_has_suffix (lower, ".dbf"))
    {
      g_autofree char *stem = g_strndup (name, strlen (name) - 4);
      g_autofree char *shp = g_strconcat (stem, ".shp", NULL);
      g_autofree char *shp_path = g_build_filename (dir, shp, NULL);

      return !g_file_test (shp_path, G_FILE_TEST_EXISTS);
    }
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* realdata/bad paths relative to realdata/, sorted. */
static GPtrArray *
list_bad_files (void)
{
  g_autofree char *bad = pv_test_realdata_path ("bad");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (bad == NULL || !(dir = g_dir_open (bad, 0, NULL)))
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (bad, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) sub = g_dir_open (path, 0, NULL);
          const char *member;

          while (sub != NULL && (member = g_dir_read_name (sub)) != NULL)
            {
              if (is_main_file (path, member))
                g_ptr_array_add (files, g_build_filename ("bad", name, member, NULL));
            }
        }
      else
        g_ptr_array_add (files, g_build_filename ("bad", name, NULL));
    }
  g_ptr_array_sort (files, compare_strings);
  return g_steal_pointer (&files);
}

static void
test_rejected_listed (void)
{
  g_autofree char *bad = pv_cli_realdata_or_skip ("bad");

  if (bad == NULL)
    return;
  /* The MANIFEST's rejected files are all there (else they'd pass unnoticed). */
  for (guint i = 0; i < G_N_ELEMENTS (rejected_by_gdal); i++)
    {
      g_autofree char *path = g_build_filename (bad, rejected_by_gdal[i], NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

/* A FIFO blocks whoever opens it for reading, a device never ends: both must
 * be refused, not waited on. */
static void
test_special_files (void)
{
  g_autofree char *fifo = g_build_filename (tmp_dir, "pipe.shp", NULL);
  g_autofree char *png = g_build_filename (tmp_dir, "special.png", NULL);
  const char *paths[] = { fifo, "/dev/zero" };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(PvCliResult) info = pv_cli_run ("info", paths[i], NULL);
      g_autoptr(PvCliResult) render = pv_cli_run ("render", "-o", png, paths[i], NULL);

      pv_cli_assert_exit (info, 2);
      pv_cli_assert_one_error_line (info);
      g_assert_nonnull (strstr (info->err, paths[i]));
      pv_cli_assert_exit (render, 2);
      pv_cli_assert_one_error_line (render);
      g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
    }
  g_remove (fifo);
}

/* Truncated shapefiles --------------------------------------------------- */

typedef enum
{
  CUT,      /* keep the first length bytes of the file */
  REMOVE,   /* delete the file */
} Damage;

typedef struct
{
  const char *source;  /* the intact set, without extension, under realdata or samples */
  gboolean    sample;  /* in data-samples/ rather than realdata */
  const char *ext;     /* the member to damage */
  Damage      damage;
  double      fraction; /* of the file, when length is < 0 */
  gssize      length;
} TruncationCase;

static gboolean
copy_set (const char *source_stem,
          const char *dest_stem)
{
  const char *exts[] = { ".shp", ".shx", ".dbf", ".prj", ".cpg", ".PRJ" };
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *from = g_strconcat (source_stem, exts[i], NULL);
      g_autofree char *to = g_strconcat (dest_stem, exts[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (from, &contents, &length, NULL))
        continue;
      g_assert_true (g_file_set_contents (to, contents, length, NULL));
      found |= g_str_equal (exts[i], ".shp");
    }
  return found;
}

static void
test_truncated (gconstpointer data)
{
  const TruncationCase *c = data;
  g_autofree char *source = NULL;
  g_autofree char *set_dir = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *shp = NULL;
  g_autofree char *victim = NULL;
  const char *exts[] = { ".shp", ".shx", ".dbf", ".prj", ".cpg", ".PRJ" };

  source = c->sample ? pv_cli_sample_or_skip (c->source) : pv_cli_realdata_or_skip (c->source);
  if (source == NULL)
    return;

  set_dir = g_build_filename (tmp_dir, "set", NULL);
  g_mkdir_with_parents (set_dir, 0700);
  stem = g_build_filename (set_dir, "damaged", NULL);
  {
    g_autofree char *source_stem = g_strndup (source, strlen (source) - 4);

    g_assert_true (copy_set (source_stem, stem));
  }
  shp = g_strconcat (stem, ".shp", NULL);
  victim = g_strconcat (stem, c->ext, NULL);

  if (c->damage == REMOVE)
    g_assert_cmpint (g_remove (victim), ==, 0);
  else
    {
      g_autofree char *contents = NULL;
      gsize length, keep;

      g_assert_true (g_file_get_contents (victim, &contents, &length, NULL));
      keep = c->length >= 0 ? (gsize) c->length : (gsize) (length * c->fraction);
      keep = MIN (keep, length);
      g_test_message ("%s: keeping %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes", c->ext, keep, length);
      g_assert_true (g_file_set_contents (victim, contents, keep, NULL));
    }

  run_info_and_render (shp, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *path = g_strconcat (stem, exts[i], NULL);

      g_remove (path);
    }
  g_rmdir (set_dir);
}

static const struct
{
  const char *name;
  const char *ext;
  Damage      damage;
  double      fraction;
  gssize      length;
} damages[] = {
  { "shp-empty",     ".shp", CUT,    0,    0 },
  { "shp-50",        ".shp", CUT,    0,   50 },
  { "shp-header",    ".shp", CUT,    0,  100 },
  { "shp-108",       ".shp", CUT,    0,  108 },
  { "shp-150",       ".shp", CUT,    0,  150 },
  { "shp-half",      ".shp", CUT,    0.5, -1 },
  { "shp-last-byte", ".shp", CUT,    0.9999, -1 },
  { "shx-empty",     ".shx", CUT,    0,    0 },
  { "shx-50",        ".shx", CUT,    0,   50 },
  { "shx-header",    ".shx", CUT,    0,  100 },
  { "shx-half",      ".shx", CUT,    0.5, -1 },
  { "dbf-empty",     ".dbf", CUT,    0,    0 },
  { "dbf-10",        ".dbf", CUT,    0,   10 },
  { "dbf-32",        ".dbf", CUT,    0,   32 },
  { "dbf-half",      ".dbf", CUT,    0.5, -1 },
  { "dbf-last-byte", ".dbf", CUT,    0.9999, -1 },
  { "no-shx",        ".shx", REMOVE, 0,   -1 },
  { "no-dbf",        ".dbf", REMOVE, 0,   -1 },
};

static void
add_truncation_tests (const char *label,
                      const char *source,
                      gboolean    sample)
{
  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      TruncationCase *c = g_new0 (TruncationCase, 1);
      g_autofree char *test_path = g_strdup_printf ("/cli/bad-input/truncated/%s/%s", label, damages[i].name);

      c->source = source;
      c->sample = sample;
      c->ext = damages[i].ext;
      c->damage = damages[i].damage;
      c->fraction = damages[i].fraction;
      c->length = damages[i].length;
      g_test_add_data_func_full (test_path, c, test_truncated, g_free);
    }
}

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (tmp_dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("pv-cli-bad-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/cli/bad-input/rejected-listed", test_rejected_listed);
  g_test_add_func ("/cli/bad-input/special-files", test_special_files);
  if ((files = list_bad_files ()) != NULL)
    {
      for (guint i = 0; i < files->len; i++)
        {
          const char *relative = g_ptr_array_index (files, i);
          g_autofree char *test_path = g_strdup_printf ("/cli/bad-input/realdata/%s", relative + strlen ("bad/"));

          g_test_add_data_func (test_path, relative, test_bad_file);
        }
    }
  else
    g_test_add_func ("/cli/bad-input/realdata", test_no_realdata);

  add_truncation_tests ("poly", "vector/shp_poly_osgb27700/poly.shp", FALSE);
  add_truncation_tests ("districts", "districts.shp", TRUE);

  status = g_test_run ();
  remove_tmp_dir ();
  g_free (tmp_dir);
  return status;
}
