/* pv-missing-layer.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pv-project-private.h"

struct _PvMissingLayer
{
  PvLayer     parent_instance;

  JsonObject *entry;
};

G_DEFINE_FINAL_TYPE (PvMissingLayer, pv_missing_layer, PV_TYPE_LAYER)

static gboolean
pv_missing_layer_render (PvLayer                *layer,
                         cairo_t                *cr,
                         const PvRenderContext  *ctx,
                         GError                **error)
{
  /* Nothing to draw: the file is not there. */
  return TRUE;
}

static gboolean
pv_missing_layer_get_extent (PvLayer *layer,
                             double  *xmin,
                             double  *ymin,
                             double  *xmax,
                             double  *ymax)
{
  return FALSE;
}

static void
pv_missing_layer_finalize (GObject *object)
{
  PvMissingLayer *self = PV_MISSING_LAYER (object);

  g_clear_pointer (&self->entry, json_object_unref);

  G_OBJECT_CLASS (pv_missing_layer_parent_class)->finalize (object);
}

static void
pv_missing_layer_class_init (PvMissingLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PvLayerClass *layer_class = PV_LAYER_CLASS (klass);

  object_class->finalize = pv_missing_layer_finalize;
  layer_class->render = pv_missing_layer_render;
  layer_class->get_extent = pv_missing_layer_get_extent;
}

static void
pv_missing_layer_init (PvMissingLayer *self)
{
}

static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;

  json_node_set_object (node, object);
  copy = json_node_copy (node);
  return json_object_ref (json_node_get_object (copy));
}

PvMissingLayer *
_pv_missing_layer_new (const char *source,
                       JsonObject *entry,
                       const char *reason)
{
  PvMissingLayer *self = g_object_new (PV_TYPE_MISSING_LAYER, NULL);
  const char *name = json_object_get_string_member_with_default (entry, "name", NULL);
  const char *layer_name = NULL;

  if (json_object_has_member (entry, "layer") && !json_object_get_null_member (entry, "layer"))
    layer_name = json_object_get_string_member (entry, "layer");
  self->entry = copy_object (entry);
  _pv_layer_set_source (PV_LAYER (self), source, layer_name);
  if (name == NULL || name[0] == '\0')
    {
      g_autofree char *base = g_path_get_basename (source);
      g_autofree char *display = g_filename_display_name (base);

      pv_layer_set_name (PV_LAYER (self), display);
    }
  else
    pv_layer_set_name (PV_LAYER (self), name);
  if (json_object_has_member (entry, "visible"))
    pv_layer_set_visible (PV_LAYER (self), json_object_get_boolean_member (entry, "visible"));
  if (json_object_has_member (entry, "opacity"))
    pv_layer_set_opacity (PV_LAYER (self), json_object_get_double_member (entry, "opacity"));
  _pv_layer_set_notice (PV_LAYER (self), reason);
  return self;
}

JsonObject *
_pv_missing_layer_get_entry (PvMissingLayer *self)
{
  g_return_val_if_fail (PV_IS_MISSING_LAYER (self), NULL);

  return self->entry;
}

GPtrArray *
pv_missing_layer_locate (PvMissingLayer  *self,
                         const char      *path,
                         GPtrArray       *layer_errors,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autofree char *display = NULL;
  GPtrArray *layers;

  g_return_val_if_fail (PV_IS_MISSING_LAYER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  layers = _pv_project_open_entry (self->entry, path, display, 0, layer_errors, cancellable, error);
  if (layers != NULL && layers->len == 1 && pv_layer_get_name (PV_LAYER (self)) != NULL)
    pv_layer_set_name (g_ptr_array_index (layers, 0), pv_layer_get_name (PV_LAYER (self)));
  for (guint i = 0; layers != NULL && i < layers->len; i++)
    {
      pv_layer_set_visible (g_ptr_array_index (layers, i), pv_layer_get_visible (PV_LAYER (self)));
      pv_layer_set_opacity (g_ptr_array_index (layers, i), pv_layer_get_opacity (PV_LAYER (self)));
    }
  return layers;
}
