/* pv-feature-row.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pv-feature-row.h"

struct _PvFeatureRow
{
  GObject  parent_instance;

  guint    index;
  guint    n_values;
  GStrv    values;
};

G_DEFINE_FINAL_TYPE (PvFeatureRow, pv_feature_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pv_feature_row_finalize (GObject *object)
{
  PvFeatureRow *self = PV_FEATURE_ROW (object);

  /* NULL entries are null values, so free up to the count, not the first NULL. */
  for (guint i = 0; self->values != NULL && i < self->n_values; i++)
    g_free (self->values[i]);
  g_free (self->values);

  G_OBJECT_CLASS (pv_feature_row_parent_class)->finalize (object);
}

static void
pv_feature_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PvFeatureRow *self = PV_FEATURE_ROW (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->values != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_feature_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PvFeatureRow *self = PV_FEATURE_ROW (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      self->index = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_feature_row_class_init (PvFeatureRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pv_feature_row_finalize;
  object_class->get_property = pv_feature_row_get_property;
  object_class->set_property = pv_feature_row_set_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pv_feature_row_init (PvFeatureRow *self)
{
}

PvFeatureRow *
pv_feature_row_new (guint index)
{
  return g_object_new (PV_TYPE_FEATURE_ROW, "index", index, NULL);
}

guint
pv_feature_row_get_index (PvFeatureRow *self)
{
  g_return_val_if_fail (PV_IS_FEATURE_ROW (self), 0);

  return self->index;
}

gboolean
pv_feature_row_get_loaded (PvFeatureRow *self)
{
  g_return_val_if_fail (PV_IS_FEATURE_ROW (self), FALSE);

  return self->values != NULL;
}

const char *
pv_feature_row_get_value (PvFeatureRow *self,
                          guint         field)
{
  g_return_val_if_fail (PV_IS_FEATURE_ROW (self), NULL);

  if (self->values == NULL || field >= self->n_values)
    return NULL;
  return self->values[field];
}

void
pv_feature_row_set_values (PvFeatureRow *self,
                           char        **values,
                           guint         n_values)
{
  g_return_if_fail (PV_IS_FEATURE_ROW (self));
  g_return_if_fail (values != NULL);
  g_return_if_fail (self->values == NULL);

  self->values = values;
  self->n_values = n_values;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}
