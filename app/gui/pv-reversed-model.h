/* pv-reversed-model.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PV_TYPE_REVERSED_MODEL (pv_reversed_model_get_type ())
G_DECLARE_FINAL_TYPE (PvReversedModel, pv_reversed_model, PV, REVERSED_MODEL, GObject)

/* The items of model in reverse order: layer lists show the top layer first
 * while PvMap keeps them bottom first. */
PvReversedModel *pv_reversed_model_new       (GListModel      *model) G_GNUC_WARN_UNUSED_RESULT;
GListModel      *pv_reversed_model_get_model (PvReversedModel *self);
void             pv_reversed_model_set_model (PvReversedModel *self,
                                              GListModel      *model);

G_END_DECLS
