/* pv-feature-view.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pv-feature-view.h"

struct _PvFeatureView
{
  GObject         parent_instance;

  PvFeatureModel *model;
  guint           n_features;
  guint32        *order;       /* NULL: identity */
  guint           n_items;
  guint32        *positions;   /* inverse of order, built when asked */
};

static void pv_feature_view_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PvFeatureView, pv_feature_view, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pv_feature_view_list_model_iface_init))

static GType
pv_feature_view_get_item_type (GListModel *model)
{
  return PV_TYPE_FEATURE_ROW;
}

static guint
pv_feature_view_get_n_items (GListModel *model)
{
  return PV_FEATURE_VIEW (model)->n_items;
}

static gpointer
pv_feature_view_get_item (GListModel *model,
                          guint       position)
{
  PvFeatureView *self = PV_FEATURE_VIEW (model);

  if (position >= self->n_items)
    return NULL;
  return g_object_ref (pv_feature_model_get_row (self->model, pv_feature_view_get_index (self, position)));
}

static void
pv_feature_view_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pv_feature_view_get_item_type;
  iface->get_n_items = pv_feature_view_get_n_items;
  iface->get_item = pv_feature_view_get_item;
}

static void
pv_feature_view_finalize (GObject *object)
{
  PvFeatureView *self = PV_FEATURE_VIEW (object);

  g_free (self->order);
  g_free (self->positions);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (pv_feature_view_parent_class)->finalize (object);
}

static void
pv_feature_view_class_init (PvFeatureViewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pv_feature_view_finalize;
}

static void
pv_feature_view_init (PvFeatureView *self)
{
}

PvFeatureView *
pv_feature_view_new (PvFeatureModel *model)
{
  PvFeatureView *self;

  g_return_val_if_fail (PV_IS_FEATURE_MODEL (model), NULL);

  self = g_object_new (PV_TYPE_FEATURE_VIEW, NULL);
  self->model = g_object_ref (model);
  self->n_features = g_list_model_get_n_items (G_LIST_MODEL (model));
  self->n_items = self->n_features;
  return self;
}

void
pv_feature_view_set_order (PvFeatureView *self,
                           guint32       *order,
                           guint          n)
{
  guint removed;

  g_return_if_fail (PV_IS_FEATURE_VIEW (self));
  g_return_if_fail (n <= self->n_features);
  g_return_if_fail (order != NULL || n == 0);

  removed = self->n_items;
  g_free (self->order);
  g_clear_pointer (&self->positions, g_free);
  self->order = order;
  self->n_items = n;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, n);
}

void
pv_feature_view_set_model (PvFeatureView  *self,
                           PvFeatureModel *model,
                           guint32        *order,
                           guint           n)
{
  guint removed;

  g_return_if_fail (PV_IS_FEATURE_VIEW (self));
  g_return_if_fail (PV_IS_FEATURE_MODEL (model));
  g_return_if_fail (n <= g_list_model_get_n_items (G_LIST_MODEL (model)));
  g_return_if_fail (order != NULL || n == 0);

  removed = self->n_items;
  self->n_features = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_set_object (&self->model, model);
  g_free (self->order);
  g_clear_pointer (&self->positions, g_free);
  self->order = order;
  self->n_items = n;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, n);
}

PvFeatureModel *
pv_feature_view_get_model (PvFeatureView *self)
{
  g_return_val_if_fail (PV_IS_FEATURE_VIEW (self), NULL);

  return self->model;
}

guint
pv_feature_view_get_index (PvFeatureView *self,
                           guint          position)
{
  g_return_val_if_fail (PV_IS_FEATURE_VIEW (self), G_MAXUINT);
  g_return_val_if_fail (position < self->n_items, G_MAXUINT);

  return self->order != NULL ? self->order[position] : position;
}

const guint32 *
pv_feature_view_get_positions (PvFeatureView *self)
{
  g_return_val_if_fail (PV_IS_FEATURE_VIEW (self), NULL);

  if (self->positions == NULL)
    {
      self->positions = g_new (guint32, MAX (self->n_features, 1));
      memset (self->positions, 0xff, sizeof (guint32) * MAX (self->n_features, 1));
      for (guint pos = 0; pos < self->n_items; pos++)
        self->positions[pv_feature_view_get_index (self, pos)] = pos;
    }
  return self->positions;
}
