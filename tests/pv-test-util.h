/* pv-test-util.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pv-encoding.h"
#include "pv-layer.h"

G_BEGIN_DECLS

/* Path of a file under data-samples/ in the source tree (owned by the caller). */
char *pv_test_sample_path   (const char *relative);
/* Path of a file under ../shared/realdata next to the checkout, or NULL when
 * that folder is absent (the caller then calls g_test_skip()). */
char *pv_test_realdata_path (const char *relative);
/* Path of a built program, e.g. "app/cli/planviewer-cli". */
char *pv_test_build_path    (const char *relative);
/* A new empty folder in the temporary directory, named prefix-XXXXXX. */
char *pv_test_make_temp_dir (const char *prefix);
/* Removes a folder made by pv_test_make_temp_dir and all in it (folders in
 * it too; a link is removed, not followed). */
void  pv_test_remove_dir    (const char *dir);
/* The contents of the file at path (the test fails if it cannot be read). */
char    *pv_test_read_file  (const char *path);
/* The one layer of the file at path (the test fails unless it has exactly
 * one); the caller owns a reference. */
PvLayer *pv_test_open_layer (const char *path);
/* utf8 in a legacy encoding, made independently of the decoder: glibc iconv
 * for CP1258, TCVN3 (text without toned capitals) and VISCII, the VNI-Windows
 * table of vietnam.md §3.2 for VNI. */
char *pv_test_encode_legacy (PvEncoding  enc,
                             const char *utf8);

/* Place names of Bình Dương and the phrases ("Thủ Dầu Một", "Bình
 * Dương", "Đất ở tại đô thị"…), none with a toned capital. */
extern const char *const pv_test_place_names[];
extern const guint       pv_test_n_place_names;
/* Writes pv_test_place_names as points 2 km apart in EPSG:9210, field "Tên"
 * ("ten" for MapInfo) and "ma" (the index), their bytes in @enc, without
 * recoding and without declaring the encoding. Returns the path. */
/* Writes quy-hoach.dxf in dir: layers "RANH_GIOI" (red lines) and "Đường" (a
 * blue line and the text "Đại lộ Bình Dương"), text in CP1258 with
 * $DWGCODEPAGE ANSI_1258. Returns the path. */
char *pv_test_write_cad_drawing (const char *dir);
char *pv_test_write_place_names (const char *dir,
                                 const char *file,
                                 const char *driver_name,
                                 PvEncoding  enc);

/* FALSE, after g_test_skip() naming it, when the program tool is not in
 * PATH (poppler-utils, gdal-bin…). */
gboolean    pv_test_have_tool           (const char         *tool);
/* Runs argv (argv[0] searched in PATH) and returns its stdout; the test
 * fails unless it exits 0 (its stderr is in the test log). */
char       *pv_test_run_tool            (const char * const *argv);

G_END_DECLS
