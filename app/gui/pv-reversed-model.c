/* pv-reversed-model.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pv-reversed-model.h"

struct _PvReversedModel
{
  GObject     parent_instance;

  GListModel *model;
  guint       n_items;  /* the model's size as last announced */
};

static void pv_reversed_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PvReversedModel, pv_reversed_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pv_reversed_model_list_model_init))

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
pv_reversed_model_get_item_type (GListModel *list)
{
  PvReversedModel *self = PV_REVERSED_MODEL (list);

  return self->model ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
pv_reversed_model_get_n_items (GListModel *list)
{
  return PV_REVERSED_MODEL (list)->n_items;
}

static gpointer
pv_reversed_model_get_item (GListModel *list,
                            guint       position)
{
  PvReversedModel *self = PV_REVERSED_MODEL (list);

  if (self->model == NULL || position >= self->n_items)
    return NULL;
  return g_list_model_get_item (self->model, self->n_items - 1 - position);
}

static void
pv_reversed_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pv_reversed_model_get_item_type;
  iface->get_n_items = pv_reversed_model_get_n_items;
  iface->get_item = pv_reversed_model_get_item;
}

static void
items_changed_cb (PvReversedModel *self,
                  guint            position,
                  guint            removed,
                  guint            added,
                  GListModel      *model)
{
  guint old_n = self->n_items;

  /* Old items [position, position + removed) sat at reversed
   * [old_n - position - removed, old_n - position); the new ones start at the
   * same reversed position. */
  self->n_items = g_list_model_get_n_items (model);
  g_list_model_items_changed (G_LIST_MODEL (self), old_n - position - removed, removed, added);
}

static void
pv_reversed_model_dispose (GObject *object)
{
  PvReversedModel *self = PV_REVERSED_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (pv_reversed_model_parent_class)->dispose (object);
}

static void
pv_reversed_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PvReversedModel *self = PV_REVERSED_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_reversed_model_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PvReversedModel *self = PV_REVERSED_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      pv_reversed_model_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_reversed_model_class_init (PvReversedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pv_reversed_model_dispose;
  object_class->get_property = pv_reversed_model_get_property;
  object_class->set_property = pv_reversed_model_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pv_reversed_model_init (PvReversedModel *self)
{
}

PvReversedModel *
pv_reversed_model_new (GListModel *model)
{
  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);

  return g_object_new (PV_TYPE_REVERSED_MODEL, "model", model, NULL);
}

GListModel *
pv_reversed_model_get_model (PvReversedModel *self)
{
  g_return_val_if_fail (PV_IS_REVERSED_MODEL (self), NULL);

  return self->model;
}

void
pv_reversed_model_set_model (PvReversedModel *self,
                             GListModel      *model)
{
  guint removed;

  g_return_if_fail (PV_IS_REVERSED_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_set_object (&self->model, model);
  if (self->model != NULL)
    g_signal_connect_object (self->model, "items-changed", G_CALLBACK (items_changed_cb), self,
                             G_CONNECT_SWAPPED);

  removed = self->n_items;
  self->n_items = model ? g_list_model_get_n_items (model) : 0;
  if (removed > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}
