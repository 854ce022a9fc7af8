/* pv-raster-style.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PV_TYPE_RASTER_STYLE (pv_raster_style_get_type ())
G_DECLARE_FINAL_TYPE (PvRasterStyle, pv_raster_style, PV, RASTER_STYLE, GObject)

typedef enum
{
  PV_RASTER_MODE_RGB,          /* three bands to red, green, blue (+ alpha) */
  PV_RASTER_MODE_GREY,         /* one band, black to white */
  PV_RASTER_MODE_PSEUDOCOLOR,  /* one band along a colour ramp */
  PV_RASTER_MODE_PALETTE,      /* one band through its colour table */
} PvRasterMode;

/* How band values become 0…255 (RGB, grey) or a place on the ramp. */
typedef enum
{
  PV_RASTER_STRETCH_NONE,       /* values taken as 0…255 */
  PV_RASTER_STRETCH_MIN_MAX,    /* the band's minimum … maximum */
  PV_RASTER_STRETCH_PERCENTILE, /* the band's low % … high % values */
  PV_RASTER_STRETCH_USER,       /* given minimum … maximum */
} PvRasterStretch;

typedef enum
{
  PV_RASTER_RESAMPLING_AUTO,    /* crisp pixels zoomed in, bilinear zoomed out */
  PV_RASTER_RESAMPLING_NEAREST,
  PV_RASTER_RESAMPLING_BILINEAR,
  PV_RASTER_RESAMPLING_CUBIC,
  PV_RASTER_RESAMPLING_AVERAGE,
} PvRasterResampling;

typedef enum
{
  PV_COLOR_RAMP_GREYS,         /* black → white */
  PV_COLOR_RAMP_TERRAIN,       /* green lowlands → yellow → brown → white peaks */
  PV_COLOR_RAMP_VIRIDIS,       /* dark purple → blue → green → yellow */
  PV_COLOR_RAMP_SPECTRAL,      /* red → yellow → blue (ColorBrewer) */
  PV_COLOR_RAMP_BLUES,         /* light → dark blue (ColorBrewer) */
  PV_N_COLOR_RAMPS,
} PvColorRamp;

/* Colour of ramp at t (0…1), inverted or not; rgb gets three 0…1 values. */
void                pv_color_ramp_get_color          (PvColorRamp         ramp,
                                                      double              t,
                                                      gboolean            inverted,
                                                      double             *rgb);
/* The ramp's identifier in project files ("viridis"), and back (-1: none). */
const char         *pv_color_ramp_get_id             (PvColorRamp         ramp);
int                 pv_color_ramp_from_id            (const char         *id);
/* The ramp's name for people, translated. */
const char         *pv_color_ramp_get_display_name   (PvColorRamp         ramp);

/* Bands are numbered from 1, as GDAL does. A new style has min/max stretch
 * (none for RGB and palette), percentiles 2…98 and automatic resampling. A
 * style a layer uses is frozen: its setters then refuse (copy it first). */
PvRasterStyle      *pv_raster_style_new_rgb          (int                 red_band,
                                                      int                 green_band,
                                                      int                 blue_band,
                                                      int                 alpha_band) G_GNUC_WARN_UNUSED_RESULT;
PvRasterStyle      *pv_raster_style_new_grey         (int                 band) G_GNUC_WARN_UNUSED_RESULT;
PvRasterStyle      *pv_raster_style_new_pseudocolor  (int                 band,
                                                      PvColorRamp         ramp,
                                                      gboolean            inverted) G_GNUC_WARN_UNUSED_RESULT;
PvRasterStyle      *pv_raster_style_new_palette      (int                 band) G_GNUC_WARN_UNUSED_RESULT;
/* An unfrozen deep copy to edit. */
PvRasterStyle      *pv_raster_style_copy             (PvRasterStyle      *self) G_GNUC_WARN_UNUSED_RESULT;

/* Percentile: low and high are percents (0 ≤ low < high ≤ 100); user: the
 * values mapped to 0 and 255 in every band (see set_channel_range); min/max
 * and none ignore them. */
void                pv_raster_style_set_stretch      (PvRasterStyle      *self,
                                                      PvRasterStretch     stretch,
                                                      double              low,
                                                      double              high);
/* User range of one RGB channel (0 red, 1 green, 2 blue). */
void                pv_raster_style_set_channel_range (PvRasterStyle     *self,
                                                      guint               channel,
                                                      double              min,
                                                      double              max);
void                pv_raster_style_set_resampling   (PvRasterStyle      *self,
                                                      PvRasterResampling  resampling);

PvRasterMode        pv_raster_style_get_mode         (PvRasterStyle      *self);
/* Channel 0…2: red, green, blue (RGB) or 0: the band (others); 3: the alpha
 * band (0: none). */
int                 pv_raster_style_get_band         (PvRasterStyle      *self,
                                                      guint               channel);
PvColorRamp         pv_raster_style_get_ramp         (PvRasterStyle      *self);
gboolean            pv_raster_style_get_inverted     (PvRasterStyle      *self);
PvRasterStretch     pv_raster_style_get_stretch      (PvRasterStyle      *self);
void                pv_raster_style_get_percentiles  (PvRasterStyle      *self,
                                                      double             *low,
                                                      double             *high);
void                pv_raster_style_get_channel_range (PvRasterStyle     *self,
                                                      guint               channel,
                                                      double             *min,
                                                      double             *max);
PvRasterResampling  pv_raster_style_get_resampling   (PvRasterStyle      *self);
gboolean            pv_raster_style_is_frozen        (PvRasterStyle      *self);
gboolean            pv_raster_style_equal            (PvRasterStyle      *a,
                                                      PvRasterStyle      *b);

/* For project files. */
JsonNode           *pv_raster_style_to_json          (PvRasterStyle      *self) G_GNUC_WARN_UNUSED_RESULT;
PvRasterStyle      *pv_raster_style_new_from_json    (JsonNode           *node,
                                                      GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* Used by the layer: makes the style immutable. */
void                _pv_raster_style_freeze          (PvRasterStyle      *self);

G_END_DECLS
