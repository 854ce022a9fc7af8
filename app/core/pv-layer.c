/* pv-layer.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>

#include "pv-cad.h"
#include "pv-error.h"
#include "pv-gdal-private.h"
#include "pv-layer.h"
#include "pv-pg-private.h"
#include "pv-raster-layer.h"
#include "pv-transform.h"
#include "pv-vector-layer-private.h"
#include "pv-web-source-private.h"

typedef struct
{
  char   *name;
  char   *source;
  char   *source_layer;
  char   *notice;
  PvCrs  *crs;
  double  opacity;
  double  fill_opacity;
  double  min_scale;     /* the largest scale shown (1:min_scale), 0: none */
  double  max_scale;     /* the smallest scale shown (1:max_scale), 0: none */
  double  color[3];
  guint   generation;   /* atomic */
  guint   visible : 1;
} PvLayerPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PvLayer, pv_layer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_VISIBLE,
  PROP_OPACITY,
  PROP_CRS,
  PROP_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_APPEARANCE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Distinct, print-friendly default colours, handed out in turn. */
static const double default_colors[][3] = {
  { 0.90, 0.49, 0.13 },
  { 0.20, 0.52, 0.89 },
  { 0.18, 0.76, 0.49 },
  { 0.88, 0.11, 0.14 },
  { 0.57, 0.25, 0.67 },
  { 0.96, 0.83, 0.18 },
  { 0.39, 0.27, 0.17 },
  { 0.10, 0.62, 0.62 },
  { 0.75, 0.38, 0.60 },
  { 0.47, 0.47, 0.47 },
};

/* g_set_str() arrives only in GLib 2.76. */
static gboolean
set_str (char       **slot,
         const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static void
pv_layer_finalize (GObject *object)
{
  PvLayer *self = PV_LAYER (object);
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_clear_pointer (&priv->name, g_free);
  g_clear_pointer (&priv->source, g_free);
  g_clear_pointer (&priv->source_layer, g_free);
  g_clear_pointer (&priv->notice, g_free);
  g_clear_object (&priv->crs);

  G_OBJECT_CLASS (pv_layer_parent_class)->finalize (object);
}

static void
pv_layer_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PvLayer *self = PV_LAYER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, pv_layer_get_name (self));
      break;
    case PROP_VISIBLE:
      g_value_set_boolean (value, pv_layer_get_visible (self));
      break;
    case PROP_OPACITY:
      g_value_set_double (value, pv_layer_get_opacity (self));
      break;

    case PROP_CRS:
      g_value_set_object (value, pv_layer_get_crs (self));
      break;

    case PROP_NOTICE:
      g_value_set_string (value, pv_layer_get_notice (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_layer_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PvLayer *self = PV_LAYER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pv_layer_set_name (self, g_value_get_string (value));
      break;
    case PROP_VISIBLE:
      pv_layer_set_visible (self, g_value_get_boolean (value));
      break;
    case PROP_OPACITY:
      pv_layer_set_opacity (self, g_value_get_double (value));
      break;

    case PROP_CRS:
      pv_layer_set_crs (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_layer_class_init (PvLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pv_layer_finalize;
  object_class->get_property = pv_layer_get_property;
  object_class->set_property = pv_layer_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VISIBLE] =
    g_param_spec_boolean ("visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OPACITY] =
    g_param_spec_double ("opacity", NULL, NULL, 0.0, 1.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CRS] =
    g_param_spec_object ("crs", NULL, NULL, PV_TYPE_CRS,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Anything that changes how the layer draws (style, labels, colour, fill
   * opacity, scale range). May be emitted on a worker thread. */
  signals[SIGNAL_APPEARANCE_CHANGED] =
    g_signal_new ("appearance-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
_pv_layer_emit_appearance_changed (PvLayer *self)
{
  g_return_if_fail (PV_IS_LAYER (self));

  g_signal_emit (self, signals[SIGNAL_APPEARANCE_CHANGED], 0);
}

static void
pv_layer_init (PvLayer *self)
{
  static guint next_color = 0;
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);
  guint i = g_atomic_int_add (&next_color, 1) % G_N_ELEMENTS (default_colors);

  priv->visible = TRUE;
  priv->opacity = 1.0;
  priv->fill_opacity = 1.0;
  priv->color[0] = default_colors[i][0];
  priv->color[1] = default_colors[i][1];
  priv->color[2] = default_colors[i][2];
}

const char *
pv_layer_get_name (PvLayer *self)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_val_if_fail (PV_IS_LAYER (self), NULL);

  return priv->name;
}

void
pv_layer_set_name (PvLayer    *self,
                   const char *name)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_if_fail (PV_IS_LAYER (self));

  if (set_str (&priv->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
pv_layer_get_source (PvLayer *self)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_val_if_fail (PV_IS_LAYER (self), NULL);

  return priv->source;
}

const char *
pv_layer_get_source_layer (PvLayer *self)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_val_if_fail (PV_IS_LAYER (self), NULL);

  return priv->source_layer;
}

PvCrs *
pv_layer_get_crs (PvLayer *self)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_val_if_fail (PV_IS_LAYER (self), NULL);

  return priv->crs;
}

gboolean
pv_layer_get_visible (PvLayer *self)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_val_if_fail (PV_IS_LAYER (self), FALSE);

  return priv->visible;
}

void
pv_layer_set_visible (PvLayer  *self,
                      gboolean  visible)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_if_fail (PV_IS_LAYER (self));

  visible = !!visible;
  if (priv->visible == visible)
    return;
  priv->visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
}

double
pv_layer_get_opacity (PvLayer *self)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_val_if_fail (PV_IS_LAYER (self), 1.0);

  return priv->opacity;
}

void
pv_layer_set_opacity (PvLayer *self,
                      double   opacity)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_if_fail (PV_IS_LAYER (self));

  if (!isfinite (opacity))
    return;
  opacity = CLAMP (opacity, 0.0, 1.0);
  if (priv->opacity == opacity)
    return;
  priv->opacity = opacity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPACITY]);
}

void
pv_layer_set_scale_range (PvLayer *self,
                          double   min_scale,
                          double   max_scale)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_if_fail (PV_IS_LAYER (self));

  priv->min_scale = isfinite (min_scale) && min_scale > 0 ? min_scale : 0;
  priv->max_scale = isfinite (max_scale) && max_scale > 0 ? max_scale : 0;
  _pv_layer_emit_appearance_changed (self);
}

void
pv_layer_get_scale_range (PvLayer *self,
                          double  *min_scale,
                          double  *max_scale)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_if_fail (PV_IS_LAYER (self));

  if (min_scale)
    *min_scale = priv->min_scale;
  if (max_scale)
    *max_scale = priv->max_scale;
}

gboolean
pv_layer_is_visible_at_scale (PvLayer *self,
                              double   scale)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_val_if_fail (PV_IS_LAYER (self), TRUE);

  if (priv->min_scale > 0 && scale < priv->min_scale)
    return FALSE;
  if (priv->max_scale > 0 && scale > priv->max_scale)
    return FALSE;
  return TRUE;
}

double
pv_layer_get_fill_opacity (PvLayer *self)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_val_if_fail (PV_IS_LAYER (self), 1.0);

  return priv->fill_opacity;
}

void
pv_layer_set_fill_opacity (PvLayer *self,
                           double   fill_opacity)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_if_fail (PV_IS_LAYER (self));

  if (isfinite (fill_opacity))
    priv->fill_opacity = CLAMP (fill_opacity, 0.0, 1.0);
  _pv_layer_emit_appearance_changed (self);
}

const char *
pv_layer_get_notice (PvLayer *self)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_val_if_fail (PV_IS_LAYER (self), NULL);

  return priv->notice;
}

void
pv_layer_get_color (PvLayer *self,
                    double  *rgb)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_if_fail (PV_IS_LAYER (self));

  rgb[0] = priv->color[0];
  rgb[1] = priv->color[1];
  rgb[2] = priv->color[2];
}

void
pv_layer_set_color (PvLayer      *self,
                    const double *rgb)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_if_fail (PV_IS_LAYER (self));

  for (guint i = 0; i < 3; i++)
    priv->color[i] = isfinite (rgb[i]) ? CLAMP (rgb[i], 0.0, 1.0) : 0.0;
  _pv_layer_emit_appearance_changed (self);
}

gboolean
pv_layer_get_extent (PvLayer *self,
                     double  *xmin,
                     double  *ymin,
                     double  *xmax,
                     double  *ymax)
{
  g_return_val_if_fail (PV_IS_LAYER (self), FALSE);

  if (PV_LAYER_GET_CLASS (self)->get_extent == NULL)
    return FALSE;
  return PV_LAYER_GET_CLASS (self)->get_extent (self, xmin, ymin, xmax, ymax);
}

gboolean
pv_layer_get_extent_in (PvLayer *self,
                        PvCrs   *map_crs,
                        double  *xmin,
                        double  *ymin,
                        double  *xmax,
                        double  *ymax)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);
  g_autoptr(PvTransform) transform = NULL;
  double x0, y0, x1, y1;

  g_return_val_if_fail (PV_IS_LAYER (self), FALSE);

  if (!pv_layer_get_extent (self, &x0, &y0, &x1, &y1))
    return FALSE;
  if (map_crs == NULL || priv->crs == NULL || pv_crs_equals (map_crs, priv->crs))
    {
      *xmin = x0, *ymin = y0, *xmax = x1, *ymax = y1;
      return TRUE;
    }
  if (!(transform = pv_transform_new (priv->crs, map_crs, NULL)))
    return FALSE;
  return pv_transform_bounds (transform, x0, y0, x1, y1, xmin, ymin, xmax, ymax);
}

gboolean
pv_layer_prepare (PvLayer       *self,
                  PvCrs         *map_crs,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (PV_IS_LAYER (self), FALSE);

  if (PV_LAYER_GET_CLASS (self)->prepare == NULL)
    return TRUE;
  return PV_LAYER_GET_CLASS (self)->prepare (self, map_crs, cancellable, error);
}

gboolean
pv_layer_prepare_view (PvLayer       *self,
                       PvCrs         *map_crs,
                       PvViewport    *viewport,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (PV_IS_LAYER (self), FALSE);
  g_return_val_if_fail (viewport != NULL, FALSE);

  if (PV_LAYER_GET_CLASS (self)->prepare_view == NULL)
    return TRUE;
  return PV_LAYER_GET_CLASS (self)->prepare_view (self, map_crs, viewport, cancellable, error);
}

gboolean
pv_layer_render (PvLayer                *self,
                 cairo_t                *cr,
                 const PvRenderContext  *ctx,
                 GError                **error)
{
  g_return_val_if_fail (PV_IS_LAYER (self), FALSE);

  return PV_LAYER_GET_CLASS (self)->render (self, cr, ctx, error);
}

void
_pv_layer_set_source (PvLayer    *self,
                      const char *source,
                      const char *source_layer)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  set_str (&priv->source, source);
  set_str (&priv->source_layer, source_layer);
}

void
_pv_layer_set_crs (PvLayer *self,
                   PvCrs   *crs)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  if (g_set_object (&priv->crs, crs))
    g_atomic_int_inc (&priv->generation);
}

guint
_pv_layer_get_generation (PvLayer *self)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  return (guint) g_atomic_int_get (&priv->generation);
}

void
pv_layer_set_crs (PvLayer *self,
                  PvCrs   *crs)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  g_return_if_fail (PV_IS_LAYER (self));
  g_return_if_fail (crs == NULL || PV_IS_CRS (crs));

  if (priv->crs == crs || (priv->crs != NULL && crs != NULL && pv_crs_equals (priv->crs, crs)))
    return;
  _pv_layer_set_crs (self, crs);
  /* The readers word the notice exactly so when the file names no CRS, and
   * put it first (what they noticed in the data follows it). */
  if (crs != NULL && priv->notice != NULL &&
      g_str_has_prefix (priv->notice, _("The file does not say which coordinate system it uses (unknown CRS).")))
    {
      const char *rest = priv->notice + strlen (_("The file does not say which coordinate system it uses (unknown CRS)."));
      g_autofree char *left = g_strdup (rest + strspn (rest, " "));

      _pv_layer_set_notice (self, left[0] != '\0' ? left : NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CRS]);
}

void
_pv_layer_set_notice (PvLayer    *self,
                      const char *notice)
{
  PvLayerPrivate *priv = pv_layer_get_instance_private (self);

  if (set_str (&priv->notice, notice))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

GPtrArray *
pv_layer_open_all (const char    *path,
                   const char    *layer_name,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return pv_layer_open_all_with_progress (path, layer_name, NULL, NULL, cancellable, error);
}

static gboolean
check_source_path (const char  *path,
                   GError     **error)
{
  g_autofree char *display = NULL;

  if (pv_pg_is_source (path))
    return TRUE;
  if (g_str_has_prefix (path, "/vsi"))
    return _pv_cad_check_dxf_line_breaks (path, error);
  display = g_filename_display_name (path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND,
                   _("%s: the file does not exist"), display);
      return FALSE;
    }
  /* A FIFO or a device would block GDAL forever or never end. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) && !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED,
                   _("%s: not a regular file or folder"), display);
      return FALSE;
    }
  /* DWG and DGN v8: say how to save them in a readable form. */
  return _pv_cad_check_supported (path, error) && _pv_cad_check_dxf_line_breaks (path, error);
}

/* Opens a file or a database (with the session's password, never kept in
 * the source) for listing its layers. */
static GDALDatasetH
open_source_dataset (const char  *path,
                     GError     **error)
{
  GDALDatasetH dataset;

  CPLErrorReset ();
  if (pv_pg_is_source (path))
    {
      g_autofree char *open_path = _pv_pg_open_string (path);

      if (!(dataset = GDALOpenEx (open_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL)))
        {
          g_autoptr(PvPgConnection) connection = pv_pg_connection_parse (path);

          _pv_pg_set_error (error, connection, _("cannot open the database"));
        }
      return dataset;
    }
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                        NULL, NULL, NULL);
  if (dataset == NULL)
    _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED, path,
                        _("not a readable vector or raster file"));
  return dataset;
}

/* Maps one layer's progress into the whole source's. */
typedef struct
{
  PvProgressFunc  progress;
  gpointer        user_data;
  const char     *what;
  double          start;
  double          span;
} LayerProgress;

static void
layer_progress_cb (double      fraction,
                   const char *what,
                   gpointer    user_data)
{
  LayerProgress *lp = user_data;

  lp->progress (lp->start + lp->span * CLAMP (fraction, 0.0, 1.0), lp->what, lp->user_data);
}

GPtrArray *
pv_layer_open_all_with_progress (const char      *path,
                                 const char      *layer_name,
                                 PvProgressFunc   progress,
                                 gpointer         user_data,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GDALDatasetH) dataset = NULL;
  g_autoptr(GArray) layer_indices = NULL;
  g_autoptr(GPtrArray) layer_names = NULL;
  int n_layers, n_bands;
  guint n_steps;

  g_return_val_if_fail (path != NULL, NULL);

  /* WMS, WMTS, XYZ tiles, OGC API Features. */
  if (pv_web_source_get_service (path) != PV_WEB_SERVICE_NONE)
    return _pv_web_source_open (path, layer_name, progress, user_data, cancellable, error);
  if (!check_source_path (path, error))
    return NULL;

  if (!(dataset = open_source_dataset (path, error)))
    return NULL;

  n_bands = GDALGetRasterCount (dataset);
  n_layers = GDALDatasetGetLayerCount (dataset);
  /* The layers to read: all, or the one named. */
  layer_indices = g_array_new (FALSE, FALSE, sizeof (int));
  layer_names = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < n_layers; i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (dataset, i);
      const char *name = layer ? OGR_L_GetName (layer) : NULL;

      if (layer_name != NULL && g_strcmp0 (name, layer_name) != 0)
        continue;
      g_array_append_val (layer_indices, i);
      g_ptr_array_add (layer_names, g_strdup (name));
    }
  g_clear_pointer (&dataset, GDALClose);
  n_steps = layer_indices->len + (n_bands > 0 && layer_name == NULL ? 1 : 0);

  if (n_bands > 0 && layer_name == NULL)
    {
      PvRasterLayer *raster;
      g_autofree char *base = g_path_get_basename (path);

      if (progress != NULL)
        progress (0.0, base, user_data);
      if (!(raster = pv_raster_layer_new (path, error)))
        return NULL;
      g_ptr_array_add (layers, raster);
    }

  for (guint k = 0; k < layer_indices->len; k++)
    {
      PvVectorLayer *vector;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (progress != NULL)
        progress ((double) layers->len / n_steps, g_ptr_array_index (layer_names, k), user_data);
      if (progress != NULL)
        {
          LayerProgress lp = { progress, user_data, g_ptr_array_index (layer_names, k),
                               (double) layers->len / n_steps, 1.0 / n_steps };

          vector = _pv_vector_layer_new (path, g_array_index (layer_indices, int, k),
                                         layer_progress_cb, &lp, cancellable, error);
        }
      else
        vector = _pv_vector_layer_new (path, g_array_index (layer_indices, int, k),
                                       NULL, NULL, cancellable, error);
      if (vector != NULL && !_pv_vector_layer_apply_automatic_style (vector, cancellable, error))
        g_clear_object (&vector);
      if (vector == NULL)
        return NULL;
      g_ptr_array_add (layers, vector);
    }
  if (progress != NULL && layers->len > 0)
    progress (1.0, NULL, user_data);

  if (layers->len == 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      if (layer_name != NULL)
        g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER,
                     _("%s: there is no layer named “%s”"), display, layer_name);
      else
        g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_EMPTY,
                     _("%s: the file holds no layers or bands"), display);
      return NULL;
    }

  return g_steal_pointer (&layers);
}

void
pv_source_layer_free (PvSourceLayer *layer)
{
  if (layer == NULL)
    return;
  g_free (layer->name);
  g_free (layer->geometry_type);
  g_free (layer->sublayer_field);
  g_free (layer->sublayer_value);
  g_free (layer);
}

/* The layers of a DXF drawing and the levels of a DGN file, each a layer
 * of its own to choose (when there are several). */
static void
add_cad_sublayers (GPtrArray    *list,
                   const char   *path,
                   GDALDatasetH  dataset,
                   int           layer_index,
                   const char   *layer_name)
{
  const char *driver = GDALGetDriverShortName (GDALGetDatasetDriver (dataset));
  const char *field = g_strcmp0 (driver, "DXF") == 0 ? "Layer" : g_strcmp0 (driver, "DGN") == 0 ? "Level" : NULL;
  g_autoptr(GPtrArray) sublayers = NULL;

  if (field == NULL || !(sublayers = _pv_vector_list_sublayers (path, layer_index, field, NULL)) ||
      sublayers->len < 2)
    return;
  for (guint k = 0; k < sublayers->len; k++)
    {
      PvSublayer *sublayer = g_ptr_array_index (sublayers, k);
      PvSourceLayer *item = g_new0 (PvSourceLayer, 1);

      item->name = g_strdup (layer_name);
      item->n_features = sublayer->n_features;
      item->sublayer_field = g_strdup (field);
      item->sublayer_value = g_strdup (sublayer->value);
      g_ptr_array_add (list, item);
    }
}

GPtrArray *
pv_layer_open_sublayer (const char      *path,
                        const char      *layer_name,
                        const char      *field,
                        const char      *value,
                        PvProgressFunc   progress,
                        gpointer         user_data,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GDALDatasetH) dataset = NULL;
  g_autoptr(PvVectorLayer) vector = NULL;
  int layer_index = -1;

  g_return_val_if_fail (path != NULL && field != NULL && value != NULL, NULL);

  if (!check_source_path (path, error))
    return NULL;
  CPLErrorReset ();
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, NULL, NULL, NULL);
  if (dataset == NULL)
    {
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_UNSUPPORTED, path,
                          _("not a readable vector file"));
      return NULL;
    }
  for (int i = 0; i < GDALDatasetGetLayerCount (dataset) && layer_index < 0; i++)
    if (layer_name == NULL || g_strcmp0 (OGR_L_GetName (GDALDatasetGetLayer (dataset, i)), layer_name) == 0)
      layer_index = i;
  g_clear_pointer (&dataset, GDALClose);
  if (layer_index < 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER,
                   _("%s: there is no layer named “%s”"), display, layer_name);
      return NULL;
    }
  if (progress != NULL)
    progress (0.0, value, user_data);
  vector = _pv_vector_layer_new_subset (path, layer_index, field, value, NULL, NULL, cancellable, error);
  if (vector == NULL || !_pv_vector_layer_apply_automatic_style (vector, cancellable, error))
    return NULL;
  if (pv_vector_layer_get_n_features (vector) == 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_EMPTY,
                   _("%s: no features have %s “%s”"), display, field, value);
      return NULL;
    }
  if (progress != NULL)
    progress (1.0, NULL, user_data);
  g_ptr_array_add (layers, g_steal_pointer (&vector));
  return g_steal_pointer (&layers);
}

/* Counting features of drivers without a fast count scans the file. */
#define SMALL_SOURCE_BYTES (64 * 1024 * 1024)

GPtrArray *
pv_layer_list_source (const char  *path,
                      GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_source_layer_free);
  g_auto(GDALDatasetH) dataset = NULL;
  GStatBuf st;
  gboolean small;
  int n_layers;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_source_path (path, error))
    return NULL;

  if (!(dataset = open_source_dataset (path, error)))
    return NULL;
  small = g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size < SMALL_SOURCE_BYTES;

  if (GDALGetRasterCount (dataset) > 0)
    {
      PvSourceLayer *item = g_new0 (PvSourceLayer, 1);

      item->is_raster = TRUE;
      item->n_features = -1;
      item->width = GDALGetRasterXSize (dataset);
      item->height = GDALGetRasterYSize (dataset);
      item->n_bands = GDALGetRasterCount (dataset);
      g_ptr_array_add (list, item);
    }

  n_layers = GDALDatasetGetLayerCount (dataset);
  for (int i = 0; i < n_layers; i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (dataset, i);
      PvSourceLayer *item;

      if (layer == NULL)
        continue;
      item = g_new0 (PvSourceLayer, 1);
      item->name = g_utf8_make_valid (OGR_L_GetName (layer), -1);
      /* KML, DXF and GPX folders often declare no type: say nothing then. */
      if (wkbFlatten (OGR_L_GetGeomType (layer)) != wkbUnknown)
        item->geometry_type = g_strdup (OGRGeometryTypeToName (OGR_L_GetGeomType (layer)));
      if (small || OGR_L_TestCapability (layer, OLCFastFeatureCount))
        item->n_features = OGR_L_GetFeatureCount (layer, TRUE);
      else
        item->n_features = -1;
      g_ptr_array_add (list, item);
      add_cad_sublayers (list, path, dataset, i, item->name);
    }

  if (list->len == 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_EMPTY,
                   _("%s: the file holds no layers or bands"), display);
      return NULL;
    }

  return g_steal_pointer (&list);
}
