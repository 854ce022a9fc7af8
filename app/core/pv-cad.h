/* pv-cad.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CAD files GDAL cannot read. An AutoCAD DWG drawing (its "AC10xx" version
 * magic, or a .dwg name) or a MicroStation DGN V8 file (an OLE2 compound
 * file named .dgn) gives FALSE with PV_DATA_ERROR_UNSUPPORTED and a message
 * saying how to save it in a format that opens (DXF, DGN V7). Anything else,
 * including files that cannot be read, gives TRUE: opening them reports
 * their own errors. Reads at most the first 8 bytes of the file. */
gboolean _pv_cad_check_supported (const char  *path,
                                  GError     **error);
/* A text DXF file (any GDAL path, /vsimem/ and /vsizip/ included) in which a
 * carriage return is followed by a NUL byte or ends the file: GDAL 3.6's DXF
 * reader waits for the rest of that line break forever. Gives FALSE with
 * PV_DATA_ERROR_CORRUPT and a message naming the file and the byte; TRUE for
 * anything else (other formats, binary DXF, unreadable files). Reads the
 * whole file when GDAL identifies it as DXF. */
gboolean _pv_cad_check_dxf_line_breaks (const char  *path,
                                        GError     **error);

G_END_DECLS
