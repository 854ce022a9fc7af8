/* pv-qml.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pv-style.h"

G_BEGIN_DECLS

/* Imports the symbology of a QGIS layer style file (.qml, QGIS 3.x): the
 * single-symbol, categorized and graduated renderers, with their simple fill,
 * simple line and simple marker symbol layers. Other renderers (rule-based,
 * heatmap, 2.5D…) and malformed files are errors (PV_DATA_ERROR) naming the
 * file; what is imported only approximately (map-unit widths, symbol layers
 * we cannot draw…) is reported in notices, a GPtrArray of translated
 * strings (may be NULL). */
PvStyle *pv_style_new_from_qml_file      (const char  *path,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
PvStyle *pv_style_new_from_qml_file_full (const char  *path,
                                          GPtrArray   *notices,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same from the file's contents; display_name names it in messages. */
PvStyle *pv_style_new_from_qml_data      (const char  *data,
                                          gsize        len,
                                          const char  *display_name,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
PvStyle *pv_style_new_from_qml_data_full (const char  *data,
                                          gsize        len,
                                          const char  *display_name,
                                          GPtrArray   *notices,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
