/* pv-load-queue.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pv-layer-chooser.h"
#include "pv-load-crs.h"
#include "pv-load-queue.h"
#include "pv-task.h"

struct _PvLoadQueue
{
  GObject       parent_instance;

  GtkWindow    *parent;          /* weak */
  GQueue        pending;         /* char *paths */
  char         *current;         /* the path being loaded, or NULL */
  GCancellable *cancellable;     /* of the current path */
  GtkWindow    *chooser;         /* open layer chooser, or NULL */

  /* Progress, written by the loading thread under the mutex. */
  GMutex        mutex;
  double        thread_fraction;
  char         *thread_what;
  guint         progress_source;

  double        fraction;
  char         *status;
};

G_DEFINE_FINAL_TYPE (PvLoadQueue, pv_load_queue, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_FRACTION,
  PROP_STATUS,
  N_PROPS
};

enum {
  SIGNAL_LAYERS_LOADED,
  SIGNAL_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void load_next (PvLoadQueue *self);

/* One file's journey: list, choose, read, ask for a CRS. */
typedef struct
{
  PvLoadQueue  *queue;
  char         *path;
  GPtrArray    *source_layers;   /* PvSourceLayer */
  GArray       *chosen;          /* guint indices into source_layers; NULL: all */
  GPtrArray    *layers;          /* PvLayer read */
  GPtrArray    *errors;          /* GError, per layer that failed */
  guint         step, n_steps;   /* for the progress of several layers */
} FileJob;

static void
file_job_free (FileJob *job)
{
  g_clear_object (&job->queue);
  g_free (job->path);
  g_clear_pointer (&job->source_layers, g_ptr_array_unref);
  g_clear_pointer (&job->chosen, g_array_unref);
  g_clear_pointer (&job->layers, g_ptr_array_unref);
  g_clear_pointer (&job->errors, g_ptr_array_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileJob, file_job_free)

static char *
display_basename (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_filename_display_name (base);
}

/* An error message that names the file, whatever the core said. */
static GError *
error_naming_file (const GError *error,
                   const char   *path)
{
  g_autofree char *base = display_basename (path);
  GError *named = g_error_copy (error);

  if (strstr (error->message, base) != NULL)
    return named;
  g_free (named->message);
  /* Translators: "file name: reason". */
  named->message = g_strdup_printf (_("%s: %s"), base, error->message);
  return named;
}

static void
set_status (PvLoadQueue *self,
            double       fraction,
            const char  *status)
{
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (g_strcmp0 (self->status, status) != 0)
    {
      g_free (self->status);
      self->status = g_strdup (status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

static void
report_error (PvLoadQueue  *self,
              const GError *error)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
}

/* Progress: published by one coalesced idle on the main thread. */

static gboolean
progress_idle_cb (gpointer user_data)
{
  PvLoadQueue *self = user_data;
  g_autofree char *what = NULL;
  g_autofree char *status = NULL;
  g_autofree char *base = NULL;
  double fraction;

  g_mutex_lock (&self->mutex);
  self->progress_source = 0;
  fraction = self->thread_fraction;
  what = g_strdup (self->thread_what);
  g_mutex_unlock (&self->mutex);

  if (self->current == NULL)
    return G_SOURCE_REMOVE;
  base = display_basename (self->current);
  if (what != NULL && g_strcmp0 (what, base) != 0)
    /* Translators: "file name — layer name", while reading. */
    status = g_strdup_printf (_("Reading %s — %s…"), base, what);
  else
    status = g_strdup_printf (_("Reading %s…"), base);
  set_status (self, fraction, status);
  return G_SOURCE_REMOVE;
}

static void
publish_progress (PvLoadQueue *self,
                  double       fraction,
                  const char  *what)
{
  g_mutex_lock (&self->mutex);
  self->thread_fraction = fraction;
  if (what != NULL)
    {
      g_free (self->thread_what);
      self->thread_what = g_strdup (what);
    }
  if (self->progress_source == 0)
    self->progress_source = g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle_cb,
                                             g_object_ref (self), g_object_unref);
  g_mutex_unlock (&self->mutex);
}

static void
layer_progress_cb (double      fraction,
                   const char *what,
                   gpointer    user_data)
{
  FileJob *job = user_data;
  double total;

  /* One step of several: its share of the whole. Within one layer the
   * reader reports nothing, so a single layer shows activity only. */
  if (job->n_steps > 1)
    total = (job->step + CLAMP (fraction, 0.0, 1.0)) / job->n_steps;
  else
    total = fraction >= 1.0 ? 1.0 : -1.0;
  /* The layer's name only tells something when the user chose among several. */
  publish_progress (job->queue, total, job->chosen != NULL ? what : NULL);
}

/* Step 3: a CRS for a file that has none, then hand the layers over. */

static gboolean
needs_crs (PvLayer *layer)
{
  if (pv_layer_get_crs (layer) != NULL)
    return FALSE;
  /* A picture without georeferencing is in pixels: no CRS fits it. */
  if (PV_IS_RASTER_LAYER (layer))
    return pv_raster_layer_is_georeferenced (PV_RASTER_LAYER (layer));
  return TRUE;
}

static void
finish_file (PvLoadQueue *self,
             FileJob     *job)
{
  for (guint i = 0; i < job->errors->len; i++)
    report_error (self, g_ptr_array_index (job->errors, i));

  if (job->layers->len > 0)
    {
      g_autofree char *uri = g_filename_to_uri (job->path, NULL, NULL);

      g_signal_emit (self, signals[SIGNAL_LAYERS_LOADED], 0, job->path, job->layers);
      if (uri != NULL && g_get_application_name () != NULL)
        gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }

  g_clear_pointer (&self->current, g_free);
  g_clear_object (&self->cancellable);
  load_next (self);
}

static void
ask_crs_cb (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FileJob) job = user_data;
  PvLoadQueue *self = job->queue;
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) crs = pv_load_ask_crs_finish (result, &error);

  if (error != NULL)
    {
      /* Cancelled: nothing of this file is added. */
      g_clear_pointer (&self->current, g_free);
      g_clear_object (&self->cancellable);
      load_next (self);
      return;
    }
  if (crs != NULL)
    for (guint i = 0; i < job->layers->len; i++)
      if (needs_crs (g_ptr_array_index (job->layers, i)))
        pv_layer_set_crs (g_ptr_array_index (job->layers, i), crs);
  finish_file (self, job);
}

/* Step 2: read the chosen layers on a worker thread. */

static void
read_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FileJob *job = task_data;
  guint n = job->chosen ? job->chosen->len : 1;

  job->n_steps = n;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) layers = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      job->step = i;

      if (job->chosen == NULL)
        layers = pv_layer_open_all_with_progress (job->path, NULL, layer_progress_cb, job,
                                                  cancellable, &error);
      else
        {
          guint index = g_array_index (job->chosen, guint, i);
          PvSourceLayer *item = g_ptr_array_index (job->source_layers, index);

          if (item->is_raster)
            {
              PvRasterLayer *raster;

              layer_progress_cb (0.0, NULL, job);
              if ((raster = pv_raster_layer_new (job->path, &error)))
                {
                  layers = g_ptr_array_new_with_free_func (g_object_unref);
                  g_ptr_array_add (layers, raster);
                }
            }
          else if (item->sublayer_value != NULL)
            layers = pv_layer_open_sublayer (job->path, item->name, item->sublayer_field, item->sublayer_value,
                                             layer_progress_cb, job, cancellable, &error);
          else
            layers = pv_layer_open_all_with_progress (job->path, item->name, layer_progress_cb, job,
                                                      cancellable, &error);
        }

      if (layers == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          g_ptr_array_add (job->errors, error_naming_file (error, job->path));
          continue;
        }
      for (guint k = 0; k < layers->len; k++)
        g_ptr_array_add (job->layers, g_object_ref (g_ptr_array_index (layers, k)));
    }
  g_task_return_boolean (task, TRUE);
}

static void
read_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PvLoadQueue *self = PV_LOAD_QUEUE (source_object);
  g_autoptr(FileJob) job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean any_needs_crs = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Only cancellation ends a read early. */
      g_clear_pointer (&self->current, g_free);
      g_clear_object (&self->cancellable);
      load_next (self);
      return;
    }

  for (guint i = 0; i < job->layers->len && !any_needs_crs; i++)
    any_needs_crs = needs_crs (g_ptr_array_index (job->layers, i));

  if (any_needs_crs)
    {
      g_autofree char *base = display_basename (job->path);
      double extent[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };

      /* What the layers without CRS cover, for the likely CRSs. */
      for (guint i = 0; i < job->layers->len; i++)
        {
          PvLayer *layer = g_ptr_array_index (job->layers, i);
          double e[4];

          if (needs_crs (layer) && pv_layer_get_extent (layer, &e[0], &e[1], &e[2], &e[3]))
            {
              extent[0] = MIN (extent[0], e[0]);
              extent[1] = MIN (extent[1], e[1]);
              extent[2] = MAX (extent[2], e[2]);
              extent[3] = MAX (extent[3], e[3]);
            }
        }
      set_status (self, 1.0, NULL);
      pv_load_ask_crs_for_extent_async (self->parent, base, extent[0] <= extent[2] ? extent : NULL,
                                        self->cancellable, ask_crs_cb, g_steal_pointer (&job));
      return;
    }
  finish_file (self, job);
}

static void
start_read (PvLoadQueue *self,
            FileJob     *job)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, read_done_cb, NULL);

  job->layers = g_ptr_array_new_with_free_func (g_object_unref);
  job->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_task_set_source_tag (task, start_read);
  g_task_set_name (task, "[planviewer] read layers");
  /* The done callback owns the job. */
  g_task_set_task_data (task, job, NULL);
  pv_task_run_in_thread (task, read_worker);
}

/* Step 1: list the source's layers without reading them. */

static void
chooser_response_cb (PvLayerChooser *chooser,
                     gboolean        accepted,
                     FileJob        *job)
{
  PvLoadQueue *self = job->queue;

  if (self->chooser == GTK_WINDOW (chooser))
    self->chooser = NULL;

  if (!accepted || g_cancellable_is_cancelled (self->cancellable))
    {
      file_job_free (job);
      g_clear_pointer (&self->current, g_free);
      g_clear_object (&self->cancellable);
      load_next (self);
      return;
    }

  job->chosen = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < pv_layer_chooser_get_n_layers (chooser); i++)
    if (pv_layer_chooser_get_layer_active (chooser, i))
      g_array_append_val (job->chosen, i);
  start_read (self, job);
}

static void
list_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FileJob *job = task_data;
  GError *error = NULL;

  job->source_layers = pv_layer_list_source (job->path, &error);
  if (job->source_layers == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_boolean (task, TRUE);
}

static void
list_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PvLoadQueue *self = PV_LOAD_QUEUE (source_object);
  g_autoptr(FileJob) job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autoptr(GError) named = error_naming_file (error, job->path);

          report_error (self, named);
        }
      g_clear_pointer (&self->current, g_free);
      g_clear_object (&self->cancellable);
      load_next (self);
      return;
    }

  if (job->source_layers->len > 1)
    {
      PvLayerChooser *chooser = pv_layer_chooser_new (self->parent, job->path, job->source_layers);

      set_status (self, -1.0, NULL);
      self->chooser = GTK_WINDOW (chooser);
      g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_steal_pointer (&job));
      gtk_window_present (GTK_WINDOW (chooser));
      return;
    }
  start_read (self, g_steal_pointer (&job));
}

static void
load_next (PvLoadQueue *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *base = NULL;
  g_autofree char *status = NULL;
  FileJob *job;

  g_assert (self->current == NULL);

  self->current = g_queue_pop_head (&self->pending);
  if (self->current == NULL)
    {
      set_status (self, 0.0, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  self->cancellable = g_cancellable_new ();
  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->thread_what, g_free);
  g_mutex_unlock (&self->mutex);
  base = display_basename (self->current);
  status = g_strdup_printf (_("Reading %s…"), base);
  set_status (self, -1.0, status);

  job = g_new0 (FileJob, 1);
  job->queue = g_object_ref (self);
  job->path = g_strdup (self->current);

  task = g_task_new (self, self->cancellable, list_done_cb, NULL);
  g_task_set_source_tag (task, load_next);
  g_task_set_name (task, "[planviewer] list layers");
  /* The done callback owns the job. */
  g_task_set_task_data (task, job, NULL);
  pv_task_run_in_thread (task, list_worker);
}

/* GObject */

static void
pv_load_queue_dispose (GObject *object)
{
  PvLoadQueue *self = PV_LOAD_QUEUE (object);

  g_queue_clear_full (&self->pending, g_free);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (pv_load_queue_parent_class)->dispose (object);
}

static void
pv_load_queue_finalize (GObject *object)
{
  PvLoadQueue *self = PV_LOAD_QUEUE (object);

  g_free (self->current);
  g_free (self->status);
  g_free (self->thread_what);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pv_load_queue_parent_class)->finalize (object);
}

static void
pv_load_queue_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PvLoadQueue *self = PV_LOAD_QUEUE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, pv_load_queue_get_loading (self));
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_load_queue_class_init (PvLoadQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pv_load_queue_dispose;
  object_class->finalize = pv_load_queue_finalize;
  object_class->get_property = pv_load_queue_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_LAYERS_LOADED] =
    g_signal_new ("layers-loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_PTR_ARRAY);
  signals[SIGNAL_ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
pv_load_queue_init (PvLoadQueue *self)
{
  g_mutex_init (&self->mutex);
  g_queue_init (&self->pending);
}

PvLoadQueue *
pv_load_queue_new (GtkWindow *parent)
{
  PvLoadQueue *self = g_object_new (PV_TYPE_LOAD_QUEUE, NULL);

  g_set_weak_pointer (&self->parent, parent);
  return self;
}

void
pv_load_queue_add (PvLoadQueue        *self,
                   const char * const *paths)
{
  gboolean was_loading;

  g_return_if_fail (PV_IS_LOAD_QUEUE (self));

  if (paths == NULL || paths[0] == NULL)
    return;
  was_loading = pv_load_queue_get_loading (self);
  for (guint i = 0; paths[i] != NULL; i++)
    g_queue_push_tail (&self->pending, g_strdup (paths[i]));
  if (!was_loading)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      load_next (self);
    }
}

void
pv_load_queue_cancel (PvLoadQueue *self)
{
  g_return_if_fail (PV_IS_LOAD_QUEUE (self));

  g_queue_clear_full (&self->pending, g_free);
  g_cancellable_cancel (self->cancellable);
  /* The chooser's response ends the file. */
  if (self->chooser != NULL)
    gtk_window_close (self->chooser);
}

gboolean
pv_load_queue_get_loading (PvLoadQueue *self)
{
  g_return_val_if_fail (PV_IS_LOAD_QUEUE (self), FALSE);

  return self->current != NULL || !g_queue_is_empty (&self->pending);
}

double
pv_load_queue_get_fraction (PvLoadQueue *self)
{
  g_return_val_if_fail (PV_IS_LOAD_QUEUE (self), 0.0);

  return self->fraction;
}

const char *
pv_load_queue_get_status (PvLoadQueue *self)
{
  g_return_val_if_fail (PV_IS_LOAD_QUEUE (self), NULL);

  return self->status;
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *suffixes)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_auto(GStrv) list = g_strsplit (suffixes, " ", -1);

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; list[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, list[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

/* What GDAL reads that planners meet; "All files" covers the rest. */
#define PROJECT_SUFFIXES "pvproj"
#define VECTOR_SUFFIXES  "shp gpkg geojson json kml kmz gml tab mif dxf fgb gdb sqlite csv gpx zip"
#define RASTER_SUFFIXES  "tif tiff jp2 ecw img vrt png jpg jpeg asc sid"

void
pv_load_add_file_filters (GtkFileChooser *chooser,
                          gboolean        with_projects)
{
  g_autoptr(GtkFileFilter) all_files = gtk_file_filter_new ();

  g_return_if_fail (GTK_IS_FILE_CHOOSER (chooser));

  if (with_projects)
    {
      add_filter (chooser, _("All Supported Files"),
                  PROJECT_SUFFIXES " " VECTOR_SUFFIXES " " RASTER_SUFFIXES);
      add_filter (chooser, _("PlanViewer Projects"), PROJECT_SUFFIXES);
    }
  else
    add_filter (chooser, _("All Map Data"), VECTOR_SUFFIXES " " RASTER_SUFFIXES);
  add_filter (chooser, _("Vector Data"), VECTOR_SUFFIXES);
  add_filter (chooser, _("Raster Data"), RASTER_SUFFIXES);
  gtk_file_filter_set_name (all_files, _("All Files"));
  gtk_file_filter_add_pattern (all_files, "*");
  gtk_file_chooser_add_filter (chooser, all_files);
}

/* Recent files */

#define N_RECENT 10

static gboolean
is_ours (GtkRecentInfo *info)
{
  const char *name = g_get_application_name ();

  /* gtk_recent_manager_add_item() records g_get_application_name(). */
  return name != NULL && gtk_recent_info_has_application (info, name);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *ia = *(GtkRecentInfo **) a;
  GtkRecentInfo *ib = *(GtkRecentInfo **) b;
  GDateTime *ma = gtk_recent_info_get_modified (ia);
  GDateTime *mb = gtk_recent_info_get_modified (ib);

  return -g_date_time_compare (ma, mb);
}

static void
rebuild_recent_menu (GMenu *menu)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) ours = g_ptr_array_new ();
  guint n = 0;

  g_menu_remove_all (menu);
  for (GList *l = items; l != NULL; l = l->next)
    if (is_ours (l->data) && gtk_recent_info_is_local (l->data) && gtk_recent_info_exists (l->data))
      g_ptr_array_add (ours, l->data);
  g_ptr_array_sort (ours, compare_recent);

  for (guint i = 0; i < ours->len && n < N_RECENT; i++, n++)
    {
      GtkRecentInfo *info = g_ptr_array_index (ours, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (menu, item);
    }
  if (n == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Files"), "win.no-recent-files");

      g_menu_append_item (menu, item);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

GMenuModel *
pv_load_recent_menu_get (void)
{
  static GMenu *menu = NULL;

  if (menu == NULL)
    {
      menu = g_menu_new ();
      g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                               G_CALLBACK (rebuild_recent_menu), menu, G_CONNECT_SWAPPED);
      rebuild_recent_menu (menu);
    }
  return G_MENU_MODEL (menu);
}
