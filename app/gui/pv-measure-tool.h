/* pv-measure-tool.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-core.h"
#include "pv-map-tool.h"

G_BEGIN_DECLS

typedef enum
{
  PV_MEASURE_MODE_DISTANCE,   /* along a polyline */
  PV_MEASURE_MODE_AREA,       /* inside a polygon */
} PvMeasureMode;

#define PV_TYPE_MEASURE_MODE (pv_measure_mode_get_type ())
GType pv_measure_mode_get_type (void) G_GNUC_CONST;

#define PV_TYPE_MEASURE_TOOL (pv_measure_tool_get_type ())
G_DECLARE_FINAL_TYPE (PvMeasureTool, pv_measure_tool, PV, MEASURE_TOOL, GObject)

/* A PvMapTool that measures on the map (pv_map_view_set_tool): a click adds
 * a vertex, the pointer drags a rubber band from the last one, a double
 * click or Return finishes, BackSpace removes the last vertex and Escape
 * clears (Escape with nothing to clear is left to the window). A drag pans
 * the map as without the tool. The result shows next to the last vertex:
 * the geodesic value on the map CRS's ellipsoid and the planar one in the
 * map CRS (pv_geodesic_length / pv_geodesic_area), e.g.
 * "1.234 km (planar 1.233 km)". A click after a finished measurement
 * starts a new one. */
PvMeasureTool *pv_measure_tool_new          (PvMeasureMode   mode) G_GNUC_WARN_UNUSED_RESULT;
PvMeasureMode  pv_measure_tool_get_mode     (PvMeasureTool  *self);
/* Changing the mode clears the measurement. */
void           pv_measure_tool_set_mode     (PvMeasureTool  *self,
                                             PvMeasureMode   mode);
/* Forgets every vertex. */
void           pv_measure_tool_clear        (PvMeasureTool  *self);
/* TRUE once a double click or Return ended the shape ("measured" was emitted). */
gboolean       pv_measure_tool_get_finished (PvMeasureTool  *self);
guint          pv_measure_tool_get_n_points (PvMeasureTool  *self);
/* The vertices in map coordinates (interleaved x, y doubles; a polygon's
 * ring is not closed) in a new array, and TRUE when the shape has enough of
 * them to measure (2 for a distance, 3 for an area); FALSE and *xy_map NULL
 * otherwise. For keeping a measurement as an annotation, or a drawn polygon
 * as the scope of the land-use table. */
gboolean       pv_measure_tool_get_points   (PvMeasureTool  *self,
                                             GArray        **xy_map);
/* The CRS the vertices are in (the map's when the first one was placed),
 * or NULL for a map without CRS. */
PvCrs         *pv_measure_tool_get_crs      (PvMeasureTool  *self);
/* The values of the vertices placed (the rubber band excluded): metres or
 * m²; NaN when there is nothing to measure, geodesic NaN without a CRS,
 * planar NaN for a geographic CRS. */
double         pv_measure_tool_get_geodesic (PvMeasureTool  *self);
double         pv_measure_tool_get_planar   (PvMeasureTool  *self);
/* The same as text, "1.234 km (planar 1.233 km)" or "3.25 ha (planar
 * 3.24 ha)", or NULL when there is nothing to measure. */
const char    *pv_measure_tool_get_result   (PvMeasureTool  *self);
/* How it was measured ("Geodesic on the WGS 84 ellipsoid"), or why it
 * could not be; NULL before the first vertex. */
const char    *pv_measure_tool_get_notice   (PvMeasureTool  *self);

/* Lengths in m below 1 km, else km: "850.3 m", "1.234 km", "12.48 km";
 * areas in m² below 1 ha, else ha: "950 m²", "3.25 ha". Digits grouped as
 * pv_format_grouped() does; "—" for NaN. */
char          *pv_measure_format_length     (double          metres) G_GNUC_WARN_UNUSED_RESULT;
char          *pv_measure_format_area       (double          square_metres) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
