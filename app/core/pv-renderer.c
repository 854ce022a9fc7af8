/* pv-renderer.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pv-annotation.h"
#include "pv-error.h"
#include "pv-labeler.h"
#include "pv-renderer.h"
#include "pv-task.h"

#define MAX_STRIPES 16

typedef struct
{
  PvMap        *map;
  PvViewport   *viewport;
  GCancellable *cancellable;
  GPtrArray    *layer_errors;  /* may be NULL */
  GMutex        errors_mutex;
  GHashTable   *failed_layers; /* PvLayer* already reported */
} Frame;

static void
report_layer_error (Frame   *frame,
                    PvLayer *layer,
                    GError  *error)
{
  g_mutex_lock (&frame->errors_mutex);
  if (!g_hash_table_contains (frame->failed_layers, layer))
    {
      g_hash_table_add (frame->failed_layers, layer);
      if (frame->layer_errors != NULL)
        g_ptr_array_add (frame->layer_errors, g_error_copy (error));
      else
        g_debug ("Layer %s not drawn: %s", pv_layer_get_name (layer), error->message);
    }
  g_mutex_unlock (&frame->errors_mutex);
}

static gboolean
layer_failed (Frame   *frame,
              PvLayer *layer)
{
  gboolean failed;

  g_mutex_lock (&frame->errors_mutex);
  failed = g_hash_table_contains (frame->failed_layers, layer);
  g_mutex_unlock (&frame->errors_mutex);
  return failed;
}

/* Brings every visible layer into the map CRS. A layer that fails is reported
 * and left out of the frame; the others are drawn. */
static void
prepare_layers (Frame *frame)
{
  PvCrs *map_crs = pv_map_get_crs (frame->map);
  guint n = pv_map_get_n_layers (frame->map);

  for (guint i = 0; i < n; i++)
    {
      PvLayer *layer = pv_map_get_layer (frame->map, i);
      g_autoptr(GError) error = NULL;

      if (!pv_map_shows_layer (frame->map, layer) || pv_layer_get_opacity (layer) <= 0)
        continue;
      if (g_cancellable_is_cancelled (frame->cancellable))
        return;
      /* A database layer loads what the frame shows first. */
      if (pv_layer_is_visible_at_scale (layer, pv_viewport_get_scale (frame->viewport)) &&
          !pv_layer_prepare_view (layer, map_crs, frame->viewport, frame->cancellable, &error))
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            report_layer_error (frame, layer, error);
          continue;
        }
      if (!pv_layer_prepare (layer, map_crs, frame->cancellable, &error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report_layer_error (frame, layer, error);
    }
}

static void
draw_layers (Frame   *frame,
             cairo_t *cr)
{
  PvRenderContext ctx = {
    .viewport = frame->viewport,
    .map_crs = pv_map_get_crs (frame->map),
    .device_scale = pv_viewport_get_dpi (frame->viewport) / 96.0,
    .cancellable = frame->cancellable,
    .vector_output = pv_render_is_vector_target (cr),
  };
  guint n = pv_map_get_n_layers (frame->map);

  for (guint i = 0; i < n; i++)
    {
      PvLayer *layer = pv_map_get_layer (frame->map, i);
      double opacity = pv_layer_get_opacity (layer);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (!pv_map_shows_layer (frame->map, layer) || opacity <= 0 || layer_failed (frame, layer) ||
          !pv_layer_is_visible_at_scale (layer, pv_viewport_get_scale (frame->viewport)))
        continue;
      if (g_cancellable_is_cancelled (frame->cancellable))
        return;

      if (opacity < 1.0)
        cairo_push_group (cr);
      ok = pv_layer_render (layer, cr, &ctx, &error);
      if (opacity < 1.0)
        {
          cairo_pop_group_to_source (cr);
          cairo_paint_with_alpha (cr, opacity);
          cairo_set_source_rgb (cr, 0, 0, 0);
        }
      if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report_layer_error (frame, layer, error);
    }
}

static void
frame_init (Frame        *frame,
            PvMap        *map,
            PvViewport   *viewport,
            GCancellable *cancellable,
            GPtrArray    *layer_errors)
{
  frame->map = map;
  frame->viewport = viewport;
  frame->cancellable = cancellable;
  frame->layer_errors = layer_errors;
  g_mutex_init (&frame->errors_mutex);
  frame->failed_layers = g_hash_table_new (NULL, NULL);
}

static void
frame_clear (Frame *frame)
{
  g_mutex_clear (&frame->errors_mutex);
  g_hash_table_unref (frame->failed_layers);
}

gboolean
pv_render_map (PvMap            *map,
               PvViewport       *viewport,
               cairo_t          *cr,
               GCancellable     *cancellable,
               GPtrArray        *layer_errors,
               PvRenderTimings  *timings,
               GError          **error)
{
  Frame frame;
  gint64 t0, t1, t2, t3;

  g_return_val_if_fail (PV_IS_MAP (map), FALSE);
  g_return_val_if_fail (PV_IS_VIEWPORT (viewport), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  frame_init (&frame, map, viewport, cancellable, layer_errors);
  t0 = g_get_monotonic_time ();
  prepare_layers (&frame);
  t1 = g_get_monotonic_time ();
  cairo_save (cr);
  draw_layers (&frame, cr);
  cairo_restore (cr);
  t2 = g_get_monotonic_time ();
  /* Labels go over every layer, placed across all of them. */
  if (!g_cancellable_is_cancelled (cancellable) && pv_labeler_has_labels (map, viewport))
    {
      g_autoptr(GPtrArray) labels = pv_labeler_place (map, viewport, cancellable);

      pv_labeler_draw (labels, cr);
    }
  t3 = g_get_monotonic_time ();
  frame_clear (&frame);

  if (timings)
    {
      timings->prepare_seconds = (t1 - t0) / 1e6;
      timings->render_seconds = (t3 - t1) / 1e6;
      timings->labels_seconds = (t3 - t2) / 1e6;
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

typedef struct
{
  Frame           *frame;
  cairo_surface_t *surface;  /* a view of some rows of the frame's image */
} Stripe;

static gpointer
stripe_worker (gpointer data)
{
  Stripe *stripe = data;
  cairo_t *cr = cairo_create (stripe->surface);

  draw_layers (stripe->frame, cr);
  cairo_destroy (cr);
  return NULL;
}

/* Places the frame's labels while the stripes draw the layers. */
typedef struct
{
  Frame     *frame;
  GPtrArray *labels;
  gint64     elapsed;
} LabelJob;

static gpointer
label_worker (gpointer data)
{
  LabelJob *job = data;
  gint64 start = g_get_monotonic_time ();

  job->labels = pv_labeler_place (job->frame->map, job->frame->viewport, job->frame->cancellable);
  job->elapsed = g_get_monotonic_time () - start;
  return NULL;
}

cairo_surface_t *
pv_render_map_to_image (PvMap            *map,
                        PvViewport       *viewport,
                        guint             n_threads,
                        GCancellable     *cancellable,
                        GPtrArray        *layer_errors,
                        PvRenderTimings  *timings,
                        GError          **error)
{
  cairo_surface_t *image;
  Stripe stripes[MAX_STRIPES];
  GThread *threads[MAX_STRIPES] = { NULL };
  GThread *label_thread = NULL;
  LabelJob label_job = { 0 };
  Frame frame;
  unsigned char *data;
  int width, height, stride, rows;
  guint n_stripes;
  gint64 t0, t1, t2, t3 = 0;

  g_return_val_if_fail (PV_IS_MAP (map), NULL);
  g_return_val_if_fail (PV_IS_VIEWPORT (viewport), NULL);

  width = pv_viewport_get_width (viewport);
  height = pv_viewport_get_height (viewport);
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      g_set_error (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                   _("Cannot create an image of %d × %d pixels"), width, height);
      return NULL;
    }

  frame_init (&frame, map, viewport, cancellable, layer_errors);
  t0 = g_get_monotonic_time ();
  prepare_layers (&frame);
  t1 = g_get_monotonic_time ();

  label_job.frame = &frame;
  if (!g_cancellable_is_cancelled (cancellable) && pv_labeler_has_labels (map, viewport))
    label_thread = g_thread_new ("pv-render-labels", label_worker, &label_job);

  /* Horizontal stripes drawn in parallel straight into the image's rows. */
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_stripes = CLAMP (n_threads, 1, MAX_STRIPES);
  n_stripes = MIN (n_stripes, (guint) MAX (height / 64, 1));
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  rows = (height + n_stripes - 1) / n_stripes;
  for (guint i = 0; i < n_stripes; i++)
    {
      int y0 = i * rows;
      int h = MIN (rows, height - y0);

      stripes[i].frame = &frame;
      stripes[i].surface = cairo_image_surface_create_for_data (data + (gsize) y0 * stride,
                                                                CAIRO_FORMAT_ARGB32, width,
                                                                MAX (h, 1), stride);
      /* User space stays the viewport's device pixels. */
      cairo_surface_set_device_offset (stripes[i].surface, 0, -y0);
    }
  for (guint i = 1; i < n_stripes; i++)
    threads[i] = g_thread_new ("pv-render-stripe", stripe_worker, &stripes[i]);
  stripe_worker (&stripes[0]);
  for (guint i = 1; i < n_stripes; i++)
    g_thread_join (threads[i]);
  for (guint i = 0; i < n_stripes; i++)
    {
      cairo_surface_finish (stripes[i].surface);
      cairo_surface_destroy (stripes[i].surface);
    }
  cairo_surface_mark_dirty (image);
  if (label_thread != NULL)
    {
      cairo_t *cr;

      g_thread_join (label_thread);
      t2 = g_get_monotonic_time ();
      /* Over the whole image: labels cross stripe borders. */
      cr = cairo_create (image);
      pv_labeler_draw (label_job.labels, cr);
      cairo_destroy (cr);
      cairo_surface_flush (image);
      g_ptr_array_unref (label_job.labels);
      t3 = g_get_monotonic_time () - t2 + label_job.elapsed;
    }
  t2 = g_get_monotonic_time ();
  frame_clear (&frame);

  if (timings)
    {
      timings->prepare_seconds = (t1 - t0) / 1e6;
      timings->render_seconds = (t2 - t1) / 1e6;
      timings->labels_seconds = t3 / 1e6;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cairo_surface_destroy (image);
      return NULL;
    }
  return image;
}

typedef struct
{
  PvMap      *map;
  PvViewport *viewport;
  GPtrArray  *layer_errors;
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_clear_object (&job->map);
  g_clear_object (&job->viewport);
  g_clear_pointer (&job->layer_errors, g_ptr_array_unref);
  g_free (job);
}

static void
render_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  surface = pv_render_map_to_image (job->map, job->viewport, 0, cancellable,
                                    job->layer_errors, NULL, &error);
  if (surface == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

void
pv_render_map_to_image_async (PvMap               *map,
                              PvViewport          *viewport,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  g_return_if_fail (PV_IS_MAP (map));
  g_return_if_fail (PV_IS_VIEWPORT (viewport));

  /* The worker gets private copies: the caller may change both meanwhile. */
  job = g_new0 (RenderJob, 1);
  job->map = pv_map_copy (map);
  job->viewport = pv_viewport_copy (viewport);
  job->layer_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pv_render_map_to_image_async);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  pv_task_run_in_thread (task, render_worker);
}

cairo_surface_t *
pv_render_map_to_image_finish (GAsyncResult  *result,
                               GPtrArray    **layer_errors,
                               GError       **error)
{
  RenderJob *job;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (layer_errors != NULL)
    *layer_errors = g_ptr_array_ref (job->layer_errors);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pv_render_map_annotations (PvMap      *map,
                           PvViewport *viewport,
                           cairo_t    *cr)
{
  g_return_if_fail (PV_IS_MAP (map));
  g_return_if_fail (PV_IS_VIEWPORT (viewport));
  g_return_if_fail (cr != NULL);

  if (!pv_map_has_annotations (map))
    return;
  cairo_save (cr);
  pv_annotation_set_draw_in_crs (pv_map_get_annotations (map), cr, viewport, pv_map_get_crs (map));
  cairo_restore (cr);
}

gboolean
pv_render_is_vector_target (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_RECORDING:
      return TRUE;
    default:
      return FALSE;
    }
}
