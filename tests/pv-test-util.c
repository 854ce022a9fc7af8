/* pv-test-util.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pv-test-util.h"

static const char *
source_root (void)
{
  const char *root = g_getenv ("PV_SOURCE_ROOT");

  g_assert_nonnull (root);
  return root;
}

char *
pv_test_sample_path (const char *relative)
{
  return g_build_filename (source_root (), "data-samples", relative, NULL);
}

char *
pv_test_realdata_path (const char *relative)
{
  const char *override = g_getenv ("PV_REALDATA");
  g_autofree char *base = NULL;
  g_autofree char *canonical = NULL;

  /* The shared real-data corpus sits beside the checkout. */
  base = override ? g_strdup (override)
                  : g_build_filename (source_root (), "..", "shared", "realdata", NULL);
  canonical = g_canonicalize_filename (base, NULL);
  if (!g_file_test (canonical, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_build_filename (canonical, relative, NULL);
}

char *
pv_test_build_path (const char *relative)
{
  const char *root = g_getenv ("PV_BUILD_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}
