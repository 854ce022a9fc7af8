/* pv-fuzz-targets.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the fuzz harnesses (tests/fuzz/fuzz-*.c, built with clang's
 * -fsanitize=fuzzer) and the regression test (tests/core/test-fuzz-
 * regressions.c, a normal build) run on one input: the same code path in
 * both. A broken invariant aborts (g_error()), as a crash would. */

/* Once per process: pv_core_init(), GDAL kept off the network, a private
 * temporary folder holding the small layers project inputs may name. */
void pv_fuzz_init     (void);
/* Removes the temporary folder (the regression test calls it at the end). */
void pv_fuzz_cleanup  (void);

/* The bytes as a .pvproj file: pv_project_load() and pv_project_open(); an
 * opened project is written back with pv_project_to_data(), which must read
 * again and write the same data. */
void pv_fuzz_project  (const guint8 *data,
                       gsize         size);
/* The first byte picks the encoding, the rest is decoded with it and with
 * every other encoding (the result is valid NFC UTF-8 without NUL); the rest
 * split at newlines is given to pv_encoding_detect(). */
void pv_fuzz_encoding (const guint8 *data,
                       gsize         size);
/* The bytes as a QGIS .qml style; an imported style goes through
 * pv_style_to_json() and back. */
void pv_fuzz_qml      (const guint8 *data,
                       gsize         size);
/* The first byte picks a file format (extension); the rest, split at
 * PV_FUZZ_PART_SEPARATOR, is the main file and its sidecar files (.shx, .dbf,
 * .prj, .cpg for a shapefile…) in GDAL's /vsimem/. Every layer
 * pv_layer_open_all() returns goes into a map in EPSG:9210 that is rendered
 * into a small image. */
void pv_fuzz_layer    (const guint8 *data,
                       gsize         size);

#define PV_FUZZ_PART_SEPARATOR "@@PVFUZZ@@"

/* The extensions the first byte of a layer input picks (byte % n), the
 * main file's first. NULL-terminated lists. */
const char * const *pv_fuzz_layer_extensions (guint8 selector);
guint               pv_fuzz_layer_n_formats  (void);

G_END_DECLS
