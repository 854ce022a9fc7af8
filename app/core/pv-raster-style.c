/* pv-raster-style.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pv-error.h"
#include "pv-raster-style.h"

struct _PvRasterStyle
{
  GObject             parent_instance;

  PvRasterMode        mode;
  int                 bands[4];     /* red, green, blue, alpha; [0]: single band */
  PvColorRamp         ramp;
  gboolean            inverted;
  PvRasterStretch     stretch;
  double              percent_low;
  double              percent_high;
  double              range_min[3];
  double              range_max[3];
  PvRasterResampling  resampling;
  gboolean            frozen;
};

G_DEFINE_FINAL_TYPE (PvRasterStyle, pv_raster_style, G_TYPE_OBJECT)

/* ---------------------------------------------------------------- ramps */

typedef struct
{
  double  t;
  guint32 rgb;
} Stop;

/* Greys: black to white. Terrain: R's terrain.colors(). Viridis: matplotlib's
 * (every 1/8). Spectral and Blues: ColorBrewer (Cynthia Brewer), 9 classes. */
static const Stop greys[] = { { 0, 0x000000 }, { 1, 0xffffff } };
static const Stop terrain[] = {
  { 0.00, 0x00a600 }, { 0.25, 0xe6e600 }, { 0.50, 0xeab64e }, { 0.75, 0xeeb99f }, { 1.00, 0xf2f2f2 },
};
static const Stop viridis[] = {
  { 0.000, 0x440154 }, { 0.125, 0x472d7b }, { 0.250, 0x3b528b }, { 0.375, 0x2c728e },
  { 0.500, 0x21918c }, { 0.625, 0x28ae80 }, { 0.750, 0x5ec962 }, { 0.875, 0xaddc30 },
  { 1.000, 0xfde725 },
};
static const Stop spectral[] = {
  { 0.000, 0xd53e4f }, { 0.125, 0xf46d43 }, { 0.250, 0xfdae61 }, { 0.375, 0xfee08b },
  { 0.500, 0xffffbf }, { 0.625, 0xe6f598 }, { 0.750, 0xabdda4 }, { 0.875, 0x66c2a5 },
  { 1.000, 0x3288bd },
};
static const Stop blues[] = {
  { 0.000, 0xf7fbff }, { 0.125, 0xdeebf7 }, { 0.250, 0xc6dbef }, { 0.375, 0x9ecae1 },
  { 0.500, 0x6baed6 }, { 0.625, 0x4292c6 }, { 0.750, 0x2171b5 }, { 0.875, 0x08519c },
  { 1.000, 0x08306b },
};

static const struct
{
  const char *id;
  const char *name;
  const Stop *stops;
  guint       n_stops;
} ramps[PV_N_COLOR_RAMPS] = {
  { "greys", N_("Greys"), greys, G_N_ELEMENTS (greys) },
  { "terrain", N_("Terrain (elevation)"), terrain, G_N_ELEMENTS (terrain) },
  { "viridis", N_("Viridis"), viridis, G_N_ELEMENTS (viridis) },
  { "spectral", N_("Spectral"), spectral, G_N_ELEMENTS (spectral) },
  { "blues", N_("Blues"), blues, G_N_ELEMENTS (blues) },
};

void
pv_color_ramp_get_color (PvColorRamp  ramp,
                         double       t,
                         gboolean     inverted,
                         double      *rgb)
{
  const Stop *stops;
  guint n, i;
  double f;

  g_return_if_fail ((guint) ramp < PV_N_COLOR_RAMPS);
  g_return_if_fail (rgb != NULL);

  stops = ramps[ramp].stops;
  n = ramps[ramp].n_stops;
  t = isnan (t) ? 0.0 : CLAMP (t, 0.0, 1.0);
  if (inverted)
    t = 1.0 - t;
  for (i = 0; i + 2 < n && t > stops[i + 1].t; i++)
    ;
  f = (t - stops[i].t) / (stops[i + 1].t - stops[i].t);
  f = CLAMP (f, 0.0, 1.0);
  for (int c = 0; c < 3; c++)
    {
      int shift = 16 - 8 * c;
      double a = (stops[i].rgb >> shift) & 0xff;
      double b = (stops[i + 1].rgb >> shift) & 0xff;

      rgb[c] = (a + (b - a) * f) / 255.0;
    }
}

const char *
pv_color_ramp_get_id (PvColorRamp ramp)
{
  g_return_val_if_fail ((guint) ramp < PV_N_COLOR_RAMPS, NULL);

  return ramps[ramp].id;
}

int
pv_color_ramp_from_id (const char *id)
{
  for (guint i = 0; id != NULL && i < PV_N_COLOR_RAMPS; i++)
    if (g_ascii_strcasecmp (id, ramps[i].id) == 0)
      return (int) i;
  return -1;
}

const char *
pv_color_ramp_get_display_name (PvColorRamp ramp)
{
  g_return_val_if_fail ((guint) ramp < PV_N_COLOR_RAMPS, NULL);

  return _(ramps[ramp].name);
}

/* ---------------------------------------------------------------- object */

static void
pv_raster_style_class_init (PvRasterStyleClass *klass)
{
}

static void
pv_raster_style_init (PvRasterStyle *self)
{
  self->stretch = PV_RASTER_STRETCH_MIN_MAX;
  self->percent_low = 2.0;
  self->percent_high = 98.0;
  for (int i = 0; i < 3; i++)
    self->range_min[i] = 0.0, self->range_max[i] = 255.0;
  self->resampling = PV_RASTER_RESAMPLING_AUTO;
}

PvRasterStyle *
pv_raster_style_new_rgb (int red_band,
                         int green_band,
                         int blue_band,
                         int alpha_band)
{
  PvRasterStyle *self;

  g_return_val_if_fail (red_band >= 1 && green_band >= 1 && blue_band >= 1, NULL);
  g_return_val_if_fail (alpha_band >= 0, NULL);

  self = g_object_new (PV_TYPE_RASTER_STYLE, NULL);
  self->mode = PV_RASTER_MODE_RGB;
  self->bands[0] = red_band;
  self->bands[1] = green_band;
  self->bands[2] = blue_band;
  self->bands[3] = alpha_band;
  self->stretch = PV_RASTER_STRETCH_NONE;
  return self;
}

static PvRasterStyle *
new_single (PvRasterMode mode,
            int          band)
{
  PvRasterStyle *self = g_object_new (PV_TYPE_RASTER_STYLE, NULL);

  self->mode = mode;
  self->bands[0] = band;
  return self;
}

PvRasterStyle *
pv_raster_style_new_grey (int band)
{
  g_return_val_if_fail (band >= 1, NULL);

  return new_single (PV_RASTER_MODE_GREY, band);
}

PvRasterStyle *
pv_raster_style_new_pseudocolor (int          band,
                                 PvColorRamp  ramp,
                                 gboolean     inverted)
{
  PvRasterStyle *self;

  g_return_val_if_fail (band >= 1, NULL);
  g_return_val_if_fail ((guint) ramp < PV_N_COLOR_RAMPS, NULL);

  self = new_single (PV_RASTER_MODE_PSEUDOCOLOR, band);
  self->ramp = ramp;
  self->inverted = !!inverted;
  return self;
}

PvRasterStyle *
pv_raster_style_new_palette (int band)
{
  PvRasterStyle *self;

  g_return_val_if_fail (band >= 1, NULL);

  self = new_single (PV_RASTER_MODE_PALETTE, band);
  self->stretch = PV_RASTER_STRETCH_NONE;
  return self;
}

PvRasterStyle *
pv_raster_style_copy (PvRasterStyle *self)
{
  PvRasterStyle *copy;

  g_return_val_if_fail (PV_IS_RASTER_STYLE (self), NULL);

  copy = g_object_new (PV_TYPE_RASTER_STYLE, NULL);
  copy->mode = self->mode;
  memcpy (copy->bands, self->bands, sizeof copy->bands);
  copy->ramp = self->ramp;
  copy->inverted = self->inverted;
  copy->stretch = self->stretch;
  copy->percent_low = self->percent_low;
  copy->percent_high = self->percent_high;
  memcpy (copy->range_min, self->range_min, sizeof copy->range_min);
  memcpy (copy->range_max, self->range_max, sizeof copy->range_max);
  copy->resampling = self->resampling;
  return copy;
}

void
pv_raster_style_set_stretch (PvRasterStyle   *self,
                             PvRasterStretch  stretch,
                             double           low,
                             double           high)
{
  g_return_if_fail (PV_IS_RASTER_STYLE (self));
  g_return_if_fail (!self->frozen);
  g_return_if_fail (stretch <= PV_RASTER_STRETCH_USER);

  self->stretch = stretch;
  if (stretch == PV_RASTER_STRETCH_PERCENTILE)
    self->percent_low = low, self->percent_high = high;
  else if (stretch == PV_RASTER_STRETCH_USER)
    for (int i = 0; i < 3; i++)
      self->range_min[i] = low, self->range_max[i] = high;
}

void
pv_raster_style_set_channel_range (PvRasterStyle *self,
                                   guint          channel,
                                   double         min,
                                   double         max)
{
  g_return_if_fail (PV_IS_RASTER_STYLE (self));
  g_return_if_fail (!self->frozen);
  g_return_if_fail (channel < 3);

  self->range_min[channel] = min;
  self->range_max[channel] = max;
}

void
pv_raster_style_set_resampling (PvRasterStyle      *self,
                                PvRasterResampling  resampling)
{
  g_return_if_fail (PV_IS_RASTER_STYLE (self));
  g_return_if_fail (!self->frozen);
  g_return_if_fail (resampling <= PV_RASTER_RESAMPLING_AVERAGE);

  self->resampling = resampling;
}

PvRasterMode
pv_raster_style_get_mode (PvRasterStyle *self)
{
  g_return_val_if_fail (PV_IS_RASTER_STYLE (self), PV_RASTER_MODE_GREY);

  return self->mode;
}

int
pv_raster_style_get_band (PvRasterStyle *self,
                          guint          channel)
{
  g_return_val_if_fail (PV_IS_RASTER_STYLE (self), 0);
  g_return_val_if_fail (channel < 4, 0);

  if (self->mode != PV_RASTER_MODE_RGB && channel > 0)
    return 0;
  return self->bands[channel];
}

PvColorRamp
pv_raster_style_get_ramp (PvRasterStyle *self)
{
  g_return_val_if_fail (PV_IS_RASTER_STYLE (self), PV_COLOR_RAMP_GREYS);

  return self->ramp;
}

gboolean
pv_raster_style_get_inverted (PvRasterStyle *self)
{
  g_return_val_if_fail (PV_IS_RASTER_STYLE (self), FALSE);

  return self->inverted;
}

PvRasterStretch
pv_raster_style_get_stretch (PvRasterStyle *self)
{
  g_return_val_if_fail (PV_IS_RASTER_STYLE (self), PV_RASTER_STRETCH_NONE);

  return self->stretch;
}

void
pv_raster_style_get_percentiles (PvRasterStyle *self,
                                 double        *low,
                                 double        *high)
{
  g_return_if_fail (PV_IS_RASTER_STYLE (self));

  if (low)
    *low = self->percent_low;
  if (high)
    *high = self->percent_high;
}

void
pv_raster_style_get_channel_range (PvRasterStyle *self,
                                   guint          channel,
                                   double        *min,
                                   double        *max)
{
  g_return_if_fail (PV_IS_RASTER_STYLE (self));
  g_return_if_fail (channel < 3);

  if (min)
    *min = self->range_min[channel];
  if (max)
    *max = self->range_max[channel];
}

PvRasterResampling
pv_raster_style_get_resampling (PvRasterStyle *self)
{
  g_return_val_if_fail (PV_IS_RASTER_STYLE (self), PV_RASTER_RESAMPLING_AUTO);

  return self->resampling;
}

gboolean
pv_raster_style_is_frozen (PvRasterStyle *self)
{
  g_return_val_if_fail (PV_IS_RASTER_STYLE (self), FALSE);

  return self->frozen;
}

void
_pv_raster_style_freeze (PvRasterStyle *self)
{
  g_return_if_fail (PV_IS_RASTER_STYLE (self));

  self->frozen = TRUE;
}

gboolean
pv_raster_style_equal (PvRasterStyle *a,
                       PvRasterStyle *b)
{
  int n_channels;

  g_return_val_if_fail (PV_IS_RASTER_STYLE (a) && PV_IS_RASTER_STYLE (b), FALSE);

  if (a->mode != b->mode || a->stretch != b->stretch || a->resampling != b->resampling)
    return FALSE;
  n_channels = a->mode == PV_RASTER_MODE_RGB ? 3 : 1;
  for (int i = 0; i < n_channels; i++)
    if (a->bands[i] != b->bands[i])
      return FALSE;
  if (a->mode == PV_RASTER_MODE_RGB && a->bands[3] != b->bands[3])
    return FALSE;
  if (a->mode == PV_RASTER_MODE_PSEUDOCOLOR && (a->ramp != b->ramp || a->inverted != b->inverted))
    return FALSE;
  if (a->stretch == PV_RASTER_STRETCH_PERCENTILE &&
      (a->percent_low != b->percent_low || a->percent_high != b->percent_high))
    return FALSE;
  if (a->stretch == PV_RASTER_STRETCH_USER)
    for (int i = 0; i < n_channels; i++)
      if (a->range_min[i] != b->range_min[i] || a->range_max[i] != b->range_max[i])
        return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------- JSON */

static const char * const mode_ids[] = { "rgb", "grey", "pseudocolor", "palette" };
static const char * const stretch_ids[] = { "none", "minmax", "percentile", "user" };
static const char * const resampling_ids[] = { "auto", "nearest", "bilinear", "cubic", "average" };

static int
find_id (const char         *id,
         const char * const *ids,
         guint               n_ids)
{
  for (guint i = 0; id != NULL && i < n_ids; i++)
    if (g_strcmp0 (id, ids[i]) == 0)
      return (int) i;
  return -1;
}

JsonNode *
pv_raster_style_to_json (PvRasterStyle *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int n_channels;

  g_return_val_if_fail (PV_IS_RASTER_STYLE (self), NULL);

  n_channels = self->mode == PV_RASTER_MODE_RGB ? 3 : 1;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, mode_ids[self->mode]);
  if (self->mode == PV_RASTER_MODE_RGB)
    {
      json_builder_set_member_name (builder, "bands");
      json_builder_begin_array (builder);
      for (int i = 0; i < 3; i++)
        json_builder_add_int_value (builder, self->bands[i]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "alpha_band");
      json_builder_add_int_value (builder, self->bands[3]);
    }
  else
    {
      json_builder_set_member_name (builder, "band");
      json_builder_add_int_value (builder, self->bands[0]);
    }
  if (self->mode == PV_RASTER_MODE_PSEUDOCOLOR)
    {
      json_builder_set_member_name (builder, "ramp");
      json_builder_add_string_value (builder, ramps[self->ramp].id);
      json_builder_set_member_name (builder, "inverted");
      json_builder_add_boolean_value (builder, self->inverted);
    }
  json_builder_set_member_name (builder, "stretch");
  json_builder_add_string_value (builder, stretch_ids[self->stretch]);
  json_builder_set_member_name (builder, "percentiles");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, self->percent_low);
  json_builder_add_double_value (builder, self->percent_high);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "ranges");
  json_builder_begin_array (builder);
  for (int i = 0; i < n_channels; i++)
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, self->range_min[i]);
      json_builder_add_double_value (builder, self->range_max[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "resampling");
  json_builder_add_string_value (builder, resampling_ids[self->resampling]);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
get_number (JsonNode *node,
            double   *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value);
}

static gboolean
get_band (JsonNode *node,
          int       min,
          int      *band)
{
  double v;

  if (!get_number (node, &v) || v != floor (v) || v < min || v > 65535)
    return FALSE;
  *band = (int) v;
  return TRUE;
}

/* Two numbers, as a JSON array. */
static gboolean
get_pair (JsonNode *node,
          double   *a,
          double   *b)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  return json_array_get_length (array) == 2 &&
         get_number (json_array_get_element (array, 0), a) &&
         get_number (json_array_get_element (array, 1), b);
}

PvRasterStyle *
pv_raster_style_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(PvRasterStyle) self = NULL;
  JsonObject *object;
  int mode, stretch, resampling, n_channels;

  g_return_val_if_fail (node != NULL, NULL);

#define INVALID(what) G_STMT_START {                                                   \
    /* translators: %s names the part of the raster style that is wrong */            \
    g_set_error (error, PV_PROJECT_ERROR, PV_PROJECT_ERROR_INVALID,                   \
                 _("A raster style is not valid: %s"), (what));                       \
    return NULL;                                                                       \
  } G_STMT_END

  if (!JSON_NODE_HOLDS_OBJECT (node))
    INVALID (_("not an object"));
  object = json_node_get_object (node);
  mode = find_id (json_object_get_string_member_with_default (object, "mode", NULL),
                  mode_ids, G_N_ELEMENTS (mode_ids));
  if (mode < 0)
    INVALID (_("unknown mode"));

  self = g_object_new (PV_TYPE_RASTER_STYLE, NULL);
  self->mode = mode;
  n_channels = mode == PV_RASTER_MODE_RGB ? 3 : 1;
  if (mode == PV_RASTER_MODE_RGB)
    {
      JsonNode *bands = json_object_get_member (object, "bands");
      JsonArray *array = bands && JSON_NODE_HOLDS_ARRAY (bands) ? json_node_get_array (bands) : NULL;

      if (array == NULL || json_array_get_length (array) != 3)
        INVALID (_("RGB needs three bands"));
      for (guint i = 0; i < 3; i++)
        if (!get_band (json_array_get_element (array, i), 1, &self->bands[i]))
          INVALID (_("a band number is wrong"));
      if (json_object_has_member (object, "alpha_band") &&
          !get_band (json_object_get_member (object, "alpha_band"), 0, &self->bands[3]))
        INVALID (_("the alpha band number is wrong"));
    }
  else if (!get_band (json_object_get_member (object, "band"), 1, &self->bands[0]))
    INVALID (_("a band number is wrong"));

  if (mode == PV_RASTER_MODE_PSEUDOCOLOR)
    {
      int ramp = pv_color_ramp_from_id (json_object_get_string_member_with_default (object, "ramp", "greys"));

      if (ramp < 0)
        INVALID (_("unknown colour ramp"));
      self->ramp = ramp;
      self->inverted = json_object_get_boolean_member_with_default (object, "inverted", FALSE);
    }

  stretch = find_id (json_object_get_string_member_with_default (object, "stretch", "none"),
                     stretch_ids, G_N_ELEMENTS (stretch_ids));
  if (stretch < 0)
    INVALID (_("unknown stretch"));
  self->stretch = stretch;
  if (json_object_has_member (object, "percentiles") &&
      !get_pair (json_object_get_member (object, "percentiles"), &self->percent_low, &self->percent_high))
    INVALID (_("the percentiles are not two numbers"));
  if (!(self->percent_low >= 0 && self->percent_low < self->percent_high && self->percent_high <= 100))
    INVALID (_("the percentiles must be 0 ≤ low < high ≤ 100"));
  if (json_object_has_member (object, "ranges"))
    {
      JsonNode *ranges = json_object_get_member (object, "ranges");
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (ranges) ? json_node_get_array (ranges) : NULL;

      if (array == NULL || json_array_get_length (array) != (guint) n_channels)
        INVALID (_("there is not one value range per band"));
      for (int i = 0; i < n_channels; i++)
        if (!get_pair (json_array_get_element (array, i), &self->range_min[i], &self->range_max[i]) ||
            !(self->range_min[i] < self->range_max[i]))
          INVALID (_("a value range is not minimum < maximum"));
    }
  else if (stretch == PV_RASTER_STRETCH_USER)
    INVALID (_("a user stretch needs its value ranges"));

  resampling = find_id (json_object_get_string_member_with_default (object, "resampling", "auto"),
                        resampling_ids, G_N_ELEMENTS (resampling_ids));
  if (resampling < 0)
    INVALID (_("unknown resampling"));
  self->resampling = resampling;

#undef INVALID

  return g_steal_pointer (&self);
}
