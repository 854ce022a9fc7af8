/* pv-feature-model.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pv-feature-model.h"
#include "pv-task.h"

/* Rows read per worker round trip: a screenful, so the first rows of a jump
 * show quickly and rows scrolled past are dropped before they are read. */
#define FETCH_BATCH 48

struct _PvFeatureModel
{
  GObject         parent_instance;

  PvVectorLayer  *layer;
  guint           n_items;
  guint           n_fields;

  PvFeatureRow  **rows;          /* created on demand */
  guint16        *wants;         /* per feature: cells showing it */
  guint8         *queued;        /* per feature: in pending */
  GArray         *pending;       /* feature indices, newest last */
  GCancellable   *cancellable;   /* of the fetches; cancelled on dispose */
  gboolean        fetching;

  /* Whole columns, read on workers; written once under the lock. */
  GMutex          columns_lock;
  char         ***columns;       /* n_fields arrays of n_items values */
  char         ***folded;        /* the same, folded for text matching */
};

static void pv_feature_model_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PvFeatureModel, pv_feature_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pv_feature_model_list_model_iface_init))

enum {
  PROP_0,
  PROP_FETCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void maybe_fetch (PvFeatureModel *self);

/* GListModel */

static GType
pv_feature_model_get_item_type (GListModel *model)
{
  return PV_TYPE_FEATURE_ROW;
}

static guint
pv_feature_model_get_n_items (GListModel *model)
{
  return PV_FEATURE_MODEL (model)->n_items;
}

static gpointer
pv_feature_model_get_item (GListModel *model,
                           guint       position)
{
  PvFeatureModel *self = PV_FEATURE_MODEL (model);

  if (position >= self->n_items)
    return NULL;
  return g_object_ref (pv_feature_model_get_row (self, position));
}

static void
pv_feature_model_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pv_feature_model_get_item_type;
  iface->get_n_items = pv_feature_model_get_n_items;
  iface->get_item = pv_feature_model_get_item;
}

/* Fetching rows */

typedef struct
{
  PvVectorLayer *layer;
  GArray        *indices;
  GPtrArray     *values;     /* char **, NULL for a row that failed */
  guint          n_fields;
} FetchJob;

static void
fetch_job_free (FetchJob *job)
{
  g_clear_object (&job->layer);
  g_clear_pointer (&job->indices, g_array_unref);
  for (guint i = 0; job->values != NULL && i < job->values->len; i++)
    {
      char **values = g_ptr_array_index (job->values, i);

      for (guint k = 0; values != NULL && k < job->n_fields; k++)
        g_free (values[k]);
      g_free (values);
    }
  g_clear_pointer (&job->values, g_ptr_array_unref);
  g_free (job);
}

static void
fetch_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchJob *job = task_data;

  for (guint i = 0; i < job->indices->len; i++)
    {
      g_autoptr(GError) error = NULL;
      char **values = NULL;

      if (!g_cancellable_is_cancelled (cancellable))
        values = pv_vector_layer_dup_attributes (job->layer, g_array_index (job->indices, guint, i), &error);
      if (error != NULL)
        g_debug ("%s", error->message);
      g_ptr_array_add (job->values, values);
    }
  g_task_return_boolean (task, TRUE);
}

static void
fetch_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PvFeatureModel *self = PV_FEATURE_MODEL (source_object);
  FetchJob *job = g_task_get_task_data (G_TASK (result));

  self->fetching = FALSE;
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  for (guint i = 0; i < job->indices->len; i++)
    {
      guint index = g_array_index (job->indices, guint, i);
      char **values = g_ptr_array_index (job->values, i);

      self->queued[index] = FALSE;
      if (self->rows[index] == NULL || pv_feature_row_get_loaded (self->rows[index]))
        continue;
      /* A row that cannot be read shows empty rather than loading forever. */
      if (values == NULL)
        values = g_new0 (char *, job->n_fields + 1);
      g_ptr_array_index (job->values, i) = NULL;
      pv_feature_row_set_values (self->rows[index], values, job->n_fields);
    }

  maybe_fetch (self);
  if (!self->fetching)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHING]);
}

static void
maybe_fetch (PvFeatureModel *self)
{
  g_autoptr(GTask) task = NULL;
  FetchJob *job;
  gboolean was_fetching = self->fetching;

  if (self->fetching || self->pending->len == 0)
    return;

  job = g_new0 (FetchJob, 1);
  job->layer = g_object_ref (self->layer);
  job->n_fields = self->n_fields;
  job->indices = g_array_sized_new (FALSE, FALSE, sizeof (guint), FETCH_BATCH);
  job->values = g_ptr_array_sized_new (FETCH_BATCH);
  /* Newest first: while scrolling fast, the rows on screen now. Rows
   * scrolled past by now are dropped unread. */
  while (self->pending->len > 0 && job->indices->len < FETCH_BATCH)
    {
      guint index = g_array_index (self->pending, guint, self->pending->len - 1);

      g_array_set_size (self->pending, self->pending->len - 1);
      if (self->wants[index] == 0 || (self->rows[index] && pv_feature_row_get_loaded (self->rows[index])))
        {
          self->queued[index] = FALSE;
          continue;
        }
      g_array_append_val (job->indices, index);
    }
  if (job->indices->len == 0)
    {
      fetch_job_free (job);
      return;
    }

  self->fetching = TRUE;
  task = g_task_new (self, self->cancellable, fetch_done_cb, NULL);
  g_task_set_source_tag (task, maybe_fetch);
  g_task_set_name (task, "[planviewer] attribute rows");
  g_task_set_task_data (task, job, (GDestroyNotify) fetch_job_free);
  pv_task_run_in_thread (task, fetch_worker);
  if (!was_fetching)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHING]);
}

/* Whole columns, on workers */

/* Borrowed, valid for the model's life. */
static char **
ensure_column (PvFeatureModel  *self,
               guint            field,
               GCancellable    *cancellable,
               GError         **error)
{
  char **column;

  g_mutex_lock (&self->columns_lock);
  column = self->columns[field];
  g_mutex_unlock (&self->columns_lock);
  if (column != NULL)
    return column;

  column = pv_vector_layer_dup_column (self->layer, field, cancellable, error);
  if (column == NULL)
    return NULL;

  g_mutex_lock (&self->columns_lock);
  if (self->columns[field] == NULL)
    self->columns[field] = column;
  else
    {
      for (guint i = 0; i < self->n_items; i++)
        g_free (column[i]);
      g_free (column);
    }
  column = self->columns[field];
  g_mutex_unlock (&self->columns_lock);
  return column;
}

char *
pv_feature_model_fold_text (const char *text)
{
  g_autofree char *lower = NULL;
  g_autofree char *decomposed = NULL;
  GString *folded;

  if (text == NULL)
    return NULL;
  lower = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (lower, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_steal_pointer (&lower);

  folded = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (c == 0x0111)  /* đ has no decomposition */
        c = 'd';
      g_string_append_unichar (folded, c);
    }
  return g_string_free (folded, FALSE);
}

static char **
ensure_folded (PvFeatureModel  *self,
               guint            field,
               GCancellable    *cancellable,
               GError         **error)
{
  char **column, **folded;

  g_mutex_lock (&self->columns_lock);
  folded = self->folded[field];
  g_mutex_unlock (&self->columns_lock);
  if (folded != NULL)
    return folded;

  if (!(column = ensure_column (self, field, cancellable, error)))
    return NULL;
  folded = g_new0 (char *, self->n_items + 1);
  for (guint i = 0; i < self->n_items; i++)
    {
      /* ASCII needs no Unicode folding: most values are codes and numbers. */
      const char *value = column[i];
      gboolean ascii = TRUE;

      if (value == NULL)
        continue;
      for (const char *p = value; *p != '\0' && ascii; p++)
        ascii = (guchar) *p < 0x80;
      folded[i] = ascii ? g_ascii_strdown (value, -1) : pv_feature_model_fold_text (value);
    }

  g_mutex_lock (&self->columns_lock);
  if (self->folded[field] == NULL)
    self->folded[field] = folded;
  else
    {
      for (guint i = 0; i < self->n_items; i++)
        g_free (folded[i]);
      g_free (folded);
    }
  folded = self->folded[field];
  g_mutex_unlock (&self->columns_lock);
  return folded;
}

typedef struct
{
  guint     field;
  char     *text;
} QueryJob;

static void
query_job_free (QueryJob *job)
{
  g_free (job->text);
  g_free (job);
}

typedef struct
{
  const double *numbers;
  char * const *keys;
} SortData;

static int
compare_numbers (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const SortData *data = user_data;
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;
  double va = data->numbers[ia], vb = data->numbers[ib];

  /* Nulls (NaN) first. */
  if (isnan (va) != isnan (vb))
    return isnan (va) ? -1 : 1;
  if (!isnan (va) && va != vb)
    return va < vb ? -1 : 1;
  return ia < ib ? -1 : (ia > ib);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortData *data = user_data;
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;
  const char *ka = data->keys[ia], *kb = data->keys[ib];
  int cmp;

  if ((ka == NULL) != (kb == NULL))
    return ka == NULL ? -1 : 1;
  if (ka != NULL && (cmp = strcmp (ka, kb)) != 0)
    return cmp;
  return ia < ib ? -1 : (ia > ib);
}

static void
sort_order_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PvFeatureModel *self = source_object;
  QueryJob *job = task_data;
  g_autofree guint32 *order = NULL;
  g_autofree double *numbers = NULL;
  char **keys = NULL;
  GError *error = NULL;
  char **column;
  SortData data = { 0 };

  if (!(column = ensure_column (self, job->field, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  order = g_new (guint32, MAX (self->n_items, 1));
  for (guint i = 0; i < self->n_items; i++)
    order[i] = i;

  if (pv_vector_layer_field_is_numeric (self->layer, job->field))
    {
      numbers = g_new (double, MAX (self->n_items, 1));
      for (guint i = 0; i < self->n_items; i++)
        numbers[i] = column[i] != NULL ? g_ascii_strtod (column[i], NULL) : NAN;
      data.numbers = numbers;
      g_qsort_with_data (order, self->n_items, sizeof (guint32), compare_numbers, &data);
    }
  else
    {
      keys = g_new0 (char *, self->n_items + 1);
      for (guint i = 0; i < self->n_items; i++)
        if (column[i] != NULL)
          keys[i] = g_utf8_collate_key (column[i], -1);
      data.keys = keys;
      g_qsort_with_data (order, self->n_items, sizeof (guint32), compare_keys, &data);
      for (guint i = 0; i < self->n_items; i++)
        g_free (keys[i]);
      g_free (keys);
    }

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&order), g_free);
}

static void
match_text_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PvFeatureModel *self = source_object;
  QueryJob *job = task_data;
  g_autofree char *needle = pv_feature_model_fold_text (job->text);
  g_autofree guint8 *hit = g_new0 (guint8, MAX (self->n_items, 1));
  GtkBitset *matches;

  for (guint field = 0; field < self->n_fields; field++)
    {
      GError *error = NULL;
      char **folded = ensure_folded (self, field, cancellable, &error);

      if (folded == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      for (guint i = 0; i < self->n_items; i++)
        if (!hit[i] && folded[i] != NULL && strstr (folded[i], needle) != NULL)
          hit[i] = TRUE;
    }

  matches = gtk_bitset_new_empty ();
  for (guint i = 0; i < self->n_items; i++)
    if (hit[i])
      gtk_bitset_add (matches, i);
  g_task_return_pointer (task, matches, (GDestroyNotify) gtk_bitset_unref);
}

static void
filter_where_worker (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  PvFeatureModel *self = source_object;
  QueryJob *job = task_data;
  g_autoptr(GArray) indices = NULL;
  GError *error = NULL;
  GtkBitset *matches;

  if (!(indices = pv_vector_layer_filter_where (self->layer, job->text, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  matches = gtk_bitset_new_empty ();
  for (guint i = 0; i < indices->len; i++)
    gtk_bitset_add (matches, g_array_index (indices, guint32, i));
  g_task_return_pointer (task, matches, (GDestroyNotify) gtk_bitset_unref);
}

static void
run_query (PvFeatureModel      *self,
           gpointer             source_tag,
           const char          *name,
           GTaskThreadFunc      worker,
           guint                field,
           const char          *text,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryJob *job = g_new0 (QueryJob, 1);

  job->field = field;
  job->text = g_strdup (text);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);
  g_task_set_task_data (task, job, (GDestroyNotify) query_job_free);
  pv_task_run_in_thread (task, worker);
}

/* GObject */

static void
pv_feature_model_dispose (GObject *object)
{
  PvFeatureModel *self = PV_FEATURE_MODEL (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (pv_feature_model_parent_class)->dispose (object);
}

static void
free_columns (char ***columns,
              guint   n_fields,
              guint   n_items)
{
  for (guint f = 0; f < n_fields; f++)
    {
      for (guint i = 0; columns[f] != NULL && i < n_items; i++)
        g_free (columns[f][i]);
      g_free (columns[f]);
    }
  g_free (columns);
}

static void
pv_feature_model_finalize (GObject *object)
{
  PvFeatureModel *self = PV_FEATURE_MODEL (object);

  for (guint i = 0; i < self->n_items; i++)
    g_clear_object (&self->rows[i]);
  g_free (self->rows);
  g_free (self->wants);
  g_free (self->queued);
  g_clear_pointer (&self->pending, g_array_unref);
  free_columns (self->columns, self->n_fields, self->n_items);
  free_columns (self->folded, self->n_fields, self->n_items);
  g_mutex_clear (&self->columns_lock);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (pv_feature_model_parent_class)->finalize (object);
}

static void
pv_feature_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PvFeatureModel *self = PV_FEATURE_MODEL (object);

  switch (prop_id)
    {
    case PROP_FETCHING:
      g_value_set_boolean (value, self->fetching);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_feature_model_class_init (PvFeatureModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pv_feature_model_dispose;
  object_class->finalize = pv_feature_model_finalize;
  object_class->get_property = pv_feature_model_get_property;

  properties[PROP_FETCHING] =
    g_param_spec_boolean ("fetching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pv_feature_model_init (PvFeatureModel *self)
{
  g_mutex_init (&self->columns_lock);
  self->pending = g_array_new (FALSE, FALSE, sizeof (guint));
  self->cancellable = g_cancellable_new ();
}

/* Public API */

PvFeatureModel *
pv_feature_model_new (PvVectorLayer *layer)
{
  PvFeatureModel *self;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (layer), NULL);

  self = g_object_new (PV_TYPE_FEATURE_MODEL, NULL);
  self->layer = g_object_ref (layer);
  self->n_items = pv_vector_layer_get_n_features (layer);
  self->n_fields = pv_vector_layer_get_n_fields (layer);
  self->rows = g_new0 (PvFeatureRow *, MAX (self->n_items, 1));
  self->wants = g_new0 (guint16, MAX (self->n_items, 1));
  self->queued = g_new0 (guint8, MAX (self->n_items, 1));
  self->columns = g_new0 (char **, self->n_fields + 1);
  self->folded = g_new0 (char **, self->n_fields + 1);
  return self;
}

PvVectorLayer *
pv_feature_model_get_layer (PvFeatureModel *self)
{
  g_return_val_if_fail (PV_IS_FEATURE_MODEL (self), NULL);

  return self->layer;
}

PvFeatureRow *
pv_feature_model_get_row (PvFeatureModel *self,
                          guint           index)
{
  g_return_val_if_fail (PV_IS_FEATURE_MODEL (self), NULL);
  g_return_val_if_fail (index < self->n_items, NULL);

  if (self->rows[index] == NULL)
    self->rows[index] = pv_feature_row_new (index);
  return self->rows[index];
}

void
pv_feature_model_want (PvFeatureModel *self,
                       PvFeatureRow   *row)
{
  guint index;

  g_return_if_fail (PV_IS_FEATURE_MODEL (self));
  g_return_if_fail (PV_IS_FEATURE_ROW (row));

  index = pv_feature_row_get_index (row);
  g_return_if_fail (index < self->n_items && self->rows[index] == row);

  if (self->wants[index] < G_MAXUINT16)
    self->wants[index]++;
  if (pv_feature_row_get_loaded (row) || self->queued[index])
    return;
  self->queued[index] = TRUE;
  g_array_append_val (self->pending, index);
  maybe_fetch (self);
}

void
pv_feature_model_unwant (PvFeatureModel *self,
                         PvFeatureRow   *row)
{
  guint index;

  g_return_if_fail (PV_IS_FEATURE_MODEL (self));
  g_return_if_fail (PV_IS_FEATURE_ROW (row));

  index = pv_feature_row_get_index (row);
  g_return_if_fail (index < self->n_items);
  if (self->wants[index] > 0)
    self->wants[index]--;
}

gboolean
pv_feature_model_get_fetching (PvFeatureModel *self)
{
  g_return_val_if_fail (PV_IS_FEATURE_MODEL (self), FALSE);

  return self->fetching;
}

void
pv_feature_model_sort_order_async (PvFeatureModel      *self,
                                   guint                field,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PV_IS_FEATURE_MODEL (self));
  g_return_if_fail (field < self->n_fields);

  run_query (self, pv_feature_model_sort_order_async, "[planviewer] sort attribute column",
             sort_order_worker, field, NULL, cancellable, callback, user_data);
}

guint32 *
pv_feature_model_sort_order_finish (PvFeatureModel  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pv_feature_model_match_text_async (PvFeatureModel      *self,
                                   const char          *text,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PV_IS_FEATURE_MODEL (self));
  g_return_if_fail (text != NULL);

  run_query (self, pv_feature_model_match_text_async, "[planviewer] search attributes",
             match_text_worker, 0, text, cancellable, callback, user_data);
}

GtkBitset *
pv_feature_model_match_text_finish (PvFeatureModel  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pv_feature_model_filter_where_async (PvFeatureModel      *self,
                                     const char          *where,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (PV_IS_FEATURE_MODEL (self));
  g_return_if_fail (where != NULL);

  run_query (self, pv_feature_model_filter_where_async, "[planviewer] filter attributes",
             filter_where_worker, 0, where, cancellable, callback, user_data);
}

GtkBitset *
pv_feature_model_filter_where_finish (PvFeatureModel  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
