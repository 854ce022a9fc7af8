/* pv-vector-labels.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The labels of a vector layer: the text of every feature, read once from
 * the source when the labeling is set, and packed in one buffer that the
 * render threads share. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pv-error.h"
#include "pv-gdal-private.h"
#include "pv-vector-labels-private.h"

#define CANCEL_CHECK_INTERVAL 8192

PvLabelTexts *
_pv_vector_layer_dup_label_texts (PvVectorLayer *self)
{
  PvLabelTexts *texts = NULL;

  g_mutex_lock (&self->mutex);
  if (self->label_texts != NULL)
    {
      texts = self->label_texts;
      g_atomic_ref_count_inc (&texts->ref_count);
    }
  g_mutex_unlock (&self->mutex);
  return texts;
}

/* Reads the fields, in one streamed pass without geometry, and expands the
 * labeling for each feature. */
static PvLabelTexts *
read_texts (PvVectorLayer  *self,
            PvLabeling     *labeling,
            const int      *columns,
            guint           n_columns,
            GCancellable   *cancellable,
            GError        **error)
{
  const char *path = pv_layer_get_source (PV_LAYER (self));
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autofree guint32 *offsets = g_new0 (guint32, MAX (self->n_features, 1));
  g_autofree const char **values = g_new0 (const char *, n_columns + 1);
  g_autofree char **owned = g_new0 (char *, n_columns + 1);
  OGRLayerH layer = NULL;
  PvLabelTexts *texts;
  gboolean failed = FALSE;
  guint count = 0;

  /* Offset 0 is the empty text of features without a label. */
  g_byte_array_append (buffer, (const guint8 *) "", 1);

  g_mutex_lock (&self->attribute_mutex);
  if (self->attribute_dataset == NULL)
    self->attribute_dataset = _pv_vector_open_source (path, self->text.raw);
  if (self->attribute_dataset != NULL)
    layer = GDALDatasetGetLayer (self->attribute_dataset, self->layer_index);
  if (layer != NULL)
    _pv_vector_layer_window_filter_locked (self, layer);
  if (layer == NULL)
    {
      g_mutex_unlock (&self->attribute_mutex);
      _pv_set_gdal_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NOT_FOUND, path,
                          _("the file can no longer be read"));
      return NULL;
    }
  _pv_ogr_read_only_fields (layer, columns, n_columns);
  OGR_L_ResetReading (layer);
  for (;;)
    {
      g_auto(OGRFeatureH) feature = OGR_L_GetNextFeature (layer);
      g_autofree char *text = NULL;
      guint index;

      if (feature == NULL)
        break;
      if (++count % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          failed = TRUE;
          break;
        }
      if (!_pv_vector_layer_index_of_fid_locked (self, OGR_F_GetFID (feature), &index) || offsets[index] != 0)
        continue;
      for (guint k = 0; k < n_columns; k++)
        {
          values[k] = NULL;
          g_clear_pointer (&owned[k], g_free);
          if (!OGR_F_IsFieldSetAndNotNull (feature, columns[k]))
            continue;
          values[k] = OGR_F_GetFieldAsString (feature, columns[k]);
          if (self->text.raw || !g_utf8_validate (values[k], -1, NULL))
            values[k] = owned[k] = _pv_vector_layer_decode (self, values[k]);
        }
      text = pv_labeling_expand (labeling, values);
      if (*text == '\0')
        continue;
      if (buffer->len > G_MAXUINT32 - strlen (text) - 1)
        {
          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_TOO_LARGE,
                       _("%s: the label texts are too long to hold"), path);
          failed = TRUE;
          break;
        }
      offsets[index] = buffer->len;
      g_byte_array_append (buffer, (const guint8 *) text, strlen (text) + 1);
    }
  for (guint k = 0; k < n_columns; k++)
    g_free (owned[k]);
  /* The scan filled GDAL's caches for nothing else: let them go (the handle
   * reopens on the next attribute read). */
  OGR_L_SetIgnoredFields (layer, NULL);
  g_clear_pointer (&self->attribute_dataset, GDALClose);
  g_mutex_unlock (&self->attribute_mutex);
  if (failed)
    return NULL;

  texts = g_new0 (PvLabelTexts, 1);
  g_atomic_ref_count_init (&texts->ref_count);
  texts->labeling = g_object_ref (labeling);
  texts->offsets = g_steal_pointer (&offsets);
  texts->text = (char *) g_byte_array_free (g_steal_pointer (&buffer), FALSE);
  return texts;
}

gboolean
pv_vector_layer_set_labeling (PvVectorLayer  *self,
                              PvLabeling     *labeling,
                              GCancellable   *cancellable,
                              GError        **error)
{
  PvLabelTexts *texts = NULL;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), FALSE);
  g_return_val_if_fail (labeling == NULL || PV_IS_LABELING (labeling), FALSE);

  /* The features stay the same while their texts are read. */
  G_GNUC_UNUSED g_autoptr(GRWLockReaderLocker) window_locker = g_rw_lock_reader_locker_new (&self->window_lock);

  if (labeling != NULL)
    {
      g_auto(GStrv) fields = pv_labeling_dup_fields (labeling);
      guint n_fields = g_strv_length (fields);
      g_autofree int *columns = g_new0 (int, MAX (n_fields, 1));

      if (n_fields == 0)
        {
          g_autofree char *display = g_filename_display_name (pv_layer_get_source (PV_LAYER (self)));

          g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER,
                       _("%s: the label text “%s” names no field"), display, pv_labeling_get_text (labeling));
          return FALSE;
        }
      for (guint k = 0; k < n_fields; k++)
        {
          columns[k] = -1;
          for (guint i = 0; i < self->field_names->len; i++)
            if (g_ascii_strcasecmp (g_ptr_array_index (self->field_names, i), fields[k]) == 0)
              {
                columns[k] = (int) i;
                break;
              }
          if (columns[k] < 0)
            {
              g_autofree char *display = g_filename_display_name (pv_layer_get_source (PV_LAYER (self)));

              g_set_error (error, PV_DATA_ERROR, PV_DATA_ERROR_NO_LAYER,
                           _("%s: there is no field “%s” to label with"), display, fields[k]);
              return FALSE;
            }
        }
      texts = read_texts (self, labeling, columns, n_fields, cancellable, error);
      if (texts == NULL)
        return FALSE;
    }

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->label_texts, _pv_label_texts_unref);
  self->label_texts = texts;
  g_mutex_unlock (&self->mutex);
  if (_pv_vector_layer_quiet ())
    return TRUE;
  g_signal_emit_by_name (self, "style-changed");
  _pv_layer_emit_appearance_changed (PV_LAYER (self));
  return TRUE;
}

PvLabeling *
pv_vector_layer_dup_labeling (PvVectorLayer *self)
{
  g_autoptr(PvLabelTexts) texts = NULL;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (self), NULL);

  texts = _pv_vector_layer_dup_label_texts (self);
  return texts ? g_object_ref (texts->labeling) : NULL;
}
