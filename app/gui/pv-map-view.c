/* pv-map-view.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pv-map-view.h"

/* How long the view must be still before a sharp frame is asked for. */
#define RENDER_DELAY_MS      30
#define RENDER_DELAY_DRAG_MS 150
/* Zoom step of the buttons and keys, and of one mouse-wheel notch. */
#define ZOOM_STEP            2.0
#define WHEEL_ZOOM_STEP      1.5
/* Share of the view left free around the full extent. */
#define FULL_EXTENT_MARGIN   0.03
#define KEY_PAN_PIXELS       96.0

struct _PvMapView
{
  GtkWidget     parent_instance;

  GtkWidget    *controls;

  PvMap        *map;
  PvViewport   *viewport;

  /* The last finished frame and the viewport it was rendered for. */
  GdkTexture   *frame;
  PvViewport   *frame_viewport;
  gboolean      frame_stale;        /* the map changed since the frame */
  gint64        frame_render_usec;

  /* The render in flight, if any. */
  GCancellable *render_cancellable;
  PvViewport   *render_viewport;
  gint64        render_started;
  guint         render_source;

  /* The view to show once the widget has a size. */
  double        pending_extent[4];
  guint         has_pending_extent : 1;
  guint         pending_full : 1;

  guint         allocated : 1;
  guint         dragging : 1;
  guint         pointer_inside : 1;
  guint         show_debug : 1;
  double        drag_last_x;
  double        drag_last_y;
  double        pointer_x;
  double        pointer_y;
};

G_DEFINE_FINAL_TYPE (PvMapView, pv_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAP,
  PROP_RENDERING,
  N_PROPS
};

enum {
  SIGNAL_FRAME_READY,
  SIGNAL_POINTER_MOVED,
  SIGNAL_POINTER_LEFT,
  SIGNAL_RENDER_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  PvMapView    *self;          /* strong reference */
  PvViewport   *viewport;
  GCancellable *cancellable;
  gboolean      content_changed;
} RenderRequest;

static void schedule_render (PvMapView *self,
                             guint      delay_ms);

static void
render_request_free (RenderRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->viewport);
  g_clear_object (&request->cancellable);
  g_free (request);
}

static double
device_scale (PvMapView *self)
{
  return MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

static gboolean
viewport_equal (PvViewport *a,
                PvViewport *b)
{
  double ax, ay, bx, by;

  if (a == NULL || b == NULL)
    return FALSE;
  pv_viewport_get_center (a, &ax, &ay);
  pv_viewport_get_center (b, &bx, &by);
  return ax == bx && ay == by
         && pv_viewport_get_resolution (a) == pv_viewport_get_resolution (b)
         && pv_viewport_get_width (a) == pv_viewport_get_width (b)
         && pv_viewport_get_height (a) == pv_viewport_get_height (b)
         && pv_viewport_get_dpi (a) == pv_viewport_get_dpi (b);
}

static gboolean
has_size (PvMapView *self)
{
  return self->allocated;
}

static gboolean
get_full_extent (PvMapView *self,
                 double    *xmin,
                 double    *ymin,
                 double    *xmax,
                 double    *ymax)
{
  if (self->map == NULL)
    return FALSE;
  return pv_map_get_extent (self->map, xmin, ymin, xmax, ymax);
}

/* Keeps the zoom within sensible limits around the data: out to where the
 * whole map is a few pixels, in to well below a millimetre per pixel. */
static double
clamp_factor (PvMapView *self,
              double     factor)
{
  double xmin, ymin, xmax, ymax, size, res, min_res, max_res;

  if (!get_full_extent (self, &xmin, &ymin, &xmax, &ymax))
    return factor;
  size = MAX (xmax - xmin, ymax - ymin);
  if (!(size > 0))
    return factor;
  res = pv_viewport_get_resolution (self->viewport);
  min_res = size * 1e-8;
  max_res = size / 16.0;
  if (res / factor < min_res)
    factor = res / min_res;
  else if (res / factor > max_res)
    factor = res / max_res;
  return factor;
}

static void
fit_extent (PvMapView *self,
            double     xmin,
            double     ymin,
            double     xmax,
            double     ymax,
            double     margin)
{
  double dx = (xmax - xmin) * margin;
  double dy = (ymax - ymin) * margin;

  pv_viewport_fit_extent (self->viewport, xmin - dx, ymin - dy, xmax + dx, ymax + dy);
}

static void
apply_pending_view (PvMapView *self)
{
  double xmin, ymin, xmax, ymax;

  if (!has_size (self))
    return;

  if (self->has_pending_extent)
    {
      self->has_pending_extent = FALSE;
      self->pending_full = FALSE;
      fit_extent (self, self->pending_extent[0], self->pending_extent[1],
                  self->pending_extent[2], self->pending_extent[3], 0);
    }
  else if (self->pending_full && get_full_extent (self, &xmin, &ymin, &xmax, &ymax))
    {
      self->pending_full = FALSE;
      fit_extent (self, xmin, ymin, xmax, ymax, FULL_EXTENT_MARGIN);
    }
}

static void
update_actions (PvMapView *self)
{
  gboolean has_data = self->map != NULL && pv_map_get_n_layers (self->map) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-in", has_data);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-out", has_data);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-full", has_data);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.pan", has_data);
}

static void
emit_pointer (PvMapView *self)
{
  double mx, my;

  if (!self->pointer_inside)
    return;
  pv_map_view_widget_to_map (self, self->pointer_x, self->pointer_y, &mx, &my);
  g_signal_emit (self, signals[SIGNAL_POINTER_MOVED], 0, mx, my);
}

/* Rendering */

static GdkTexture *
texture_new_for_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  int width, height, stride;

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);

  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 byte order on either endianness; the
   * bytes own the surface, so the pixels are not copied. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
cancel_render (PvMapView *self)
{
  gboolean was_rendering = self->render_cancellable != NULL || self->render_source != 0;

  g_clear_handle_id (&self->render_source, g_source_remove);
  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  g_clear_object (&self->render_viewport);

  if (was_rendering)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERING]);
}

static void
render_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RenderRequest *request = user_data;
  PvMapView *self = request->self;
  g_autoptr(GPtrArray) layer_errors = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  surface = pv_render_map_to_image_finish (result, &layer_errors, &error);

  /* Superseded (or the widget went away): a newer request owns the view. */
  if (g_cancellable_is_cancelled (request->cancellable)
      || request->cancellable != self->render_cancellable)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      render_request_free (request);
      return;
    }

  g_clear_object (&self->render_cancellable);
  g_clear_object (&self->render_viewport);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERING]);

  if (surface == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_RENDER_ERROR], 0, error);
      render_request_free (request);
      return;
    }

  g_set_object (&self->frame_viewport, request->viewport);
  g_clear_object (&self->frame);
  self->frame = texture_new_for_surface (surface);
  cairo_surface_destroy (surface);
  self->frame_render_usec = g_get_monotonic_time () - self->render_started;
  if (request->content_changed)
    self->frame_stale = FALSE;

  for (guint i = 0; layer_errors != NULL && i < layer_errors->len; i++)
    g_signal_emit (self, signals[SIGNAL_RENDER_ERROR], 0, g_ptr_array_index (layer_errors, i));

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_FRAME_READY], 0);

  /* The view may have moved on while the worker drew. */
  if (!viewport_equal (self->frame_viewport, self->viewport) || self->frame_stale)
    schedule_render (self, self->dragging ? RENDER_DELAY_DRAG_MS : RENDER_DELAY_MS);

  render_request_free (request);
}

static gboolean
start_render_cb (gpointer user_data)
{
  PvMapView *self = user_data;
  RenderRequest *request;

  self->render_source = 0;

  if (self->map == NULL || !has_size (self))
    return G_SOURCE_REMOVE;

  request = g_new0 (RenderRequest, 1);
  request->self = g_object_ref (self);
  request->viewport = pv_viewport_copy (self->viewport);
  request->cancellable = g_cancellable_new ();
  request->content_changed = self->frame_stale;

  g_set_object (&self->render_cancellable, request->cancellable);
  g_set_object (&self->render_viewport, request->viewport);
  self->render_started = g_get_monotonic_time ();

  pv_render_map_to_image_async (self->map, request->viewport, request->cancellable,
                                render_done_cb, request);
  return G_SOURCE_REMOVE;
}

/* Asks for a sharp frame of the current view once it has been still for
 * delay_ms, cancelling the render in flight that it supersedes. */
static void
schedule_render (PvMapView *self,
                 guint      delay_ms)
{
  gboolean was_rendering = self->render_cancellable != NULL || self->render_source != 0;

  if (self->map == NULL || !has_size (self))
    return;

  /* Nothing new to draw: the last frame (or the one in flight) shows this view. */
  if (!self->frame_stale && viewport_equal (self->frame_viewport, self->viewport))
    {
      cancel_render (self);
      return;
    }
  if (self->render_cancellable != NULL && viewport_equal (self->render_viewport, self->viewport))
    return;

  g_clear_handle_id (&self->render_source, g_source_remove);
  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  g_clear_object (&self->render_viewport);

  self->render_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, delay_ms,
                                            start_render_cb, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->render_source),
                            "[planviewer] map render");

  if (!was_rendering)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERING]);
}

static void
viewport_changed_cb (PvMapView  *self,
                     PvViewport *viewport)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  schedule_render (self, self->dragging ? RENDER_DELAY_DRAG_MS : RENDER_DELAY_MS);
  emit_pointer (self);
}

static void
content_changed (PvMapView *self)
{
  self->frame_stale = TRUE;
  /* Any render in flight draws the old content. */
  g_clear_handle_id (&self->render_source, g_source_remove);
  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  g_clear_object (&self->render_viewport);
  schedule_render (self, RENDER_DELAY_MS);
}

static void
layer_notify_cb (PvMapView  *self,
                 GParamSpec *pspec,
                 PvLayer    *layer)
{
  if (g_strcmp0 (pspec->name, "visible") == 0 || g_strcmp0 (pspec->name, "opacity") == 0)
    content_changed (self);
}

static void
connect_layers (PvMapView *self,
                guint      position,
                guint      n)
{
  GListModel *layers = pv_map_get_layers (self->map);

  for (guint i = position; i < position + n; i++)
    {
      g_autoptr(PvLayer) layer = g_list_model_get_item (layers, i);

      g_signal_handlers_disconnect_by_func (layer, layer_notify_cb, self);
      g_signal_connect_object (layer, "notify", G_CALLBACK (layer_notify_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
disconnect_layers (PvMapView *self)
{
  GListModel *layers = pv_map_get_layers (self->map);
  guint n = g_list_model_get_n_items (layers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PvLayer) layer = g_list_model_get_item (layers, i);

      g_signal_handlers_disconnect_by_func (layer, layer_notify_cb, self);
    }
}

static void
layers_changed_cb (PvMapView  *self,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GListModel *layers)
{
  gboolean was_empty = g_list_model_get_n_items (layers) - added + removed == 0;

  connect_layers (self, position, added);
  update_actions (self);

  /* The first data of an empty map: show all of it. */
  if (was_empty && added > 0 && !self->has_pending_extent)
    {
      self->pending_full = TRUE;
      apply_pending_view (self);
    }
  content_changed (self);
}

/* Input */

static void
drag_begin_cb (PvMapView      *self,
               double          start_x,
               double          start_y,
               GtkGestureDrag *gesture)
{
  if (self->map == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->dragging = TRUE;
  self->drag_last_x = 0;
  self->drag_last_y = 0;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
drag_update_cb (PvMapView      *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  double dx = offset_x - self->drag_last_x;
  double dy = offset_y - self->drag_last_y;

  if (!self->dragging)
    return;
  self->drag_last_x = offset_x;
  self->drag_last_y = offset_y;
  pv_map_view_pan (self, dx, dy);
}

static void
drag_end_cb (PvMapView      *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  if (!self->dragging)
    return;
  drag_update_cb (self, offset_x, offset_y, gesture);
  self->dragging = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  /* The view is still now: ask for the sharp frame at once. */
  schedule_render (self, 0);
}

static gboolean
scroll_cb (PvMapView                *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  double factor, x, y;

  if (self->map == NULL || dy == 0)
    return FALSE;

  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    factor = pow (WHEEL_ZOOM_STEP, -dy);
  else
    factor = pow (2.0, -dy / 150.0);  /* touchpad: surface pixels */

  if (self->pointer_inside)
    {
      x = self->pointer_x;
      y = self->pointer_y;
    }
  else
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  pv_map_view_zoom_at (self, factor, x, y);
  return TRUE;
}

static void
motion_cb (PvMapView                *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  emit_pointer (self);
}

static void
leave_cb (PvMapView                *self,
          GtkEventControllerMotion *controller)
{
  self->pointer_inside = FALSE;
  g_signal_emit (self, signals[SIGNAL_POINTER_LEFT], 0);
}

static void
click_pressed_cb (PvMapView       *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  if (self->map == NULL)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  /* Double click zooms in on the point (with Shift, out). */
  if (n_press == 2)
    {
      GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

      pv_map_view_zoom_at (self, (state & GDK_SHIFT_MASK) ? 1.0 / ZOOM_STEP : ZOOM_STEP, x, y);
    }
}

/* Actions */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pv_map_view_zoom_at (PV_MAP_VIEW (widget), ZOOM_STEP,
                       gtk_widget_get_width (widget) / 2.0,
                       gtk_widget_get_height (widget) / 2.0);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pv_map_view_zoom_at (PV_MAP_VIEW (widget), 1.0 / ZOOM_STEP,
                       gtk_widget_get_width (widget) / 2.0,
                       gtk_widget_get_height (widget) / 2.0);
}

static void
zoom_full_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pv_map_view_zoom_full (PV_MAP_VIEW (widget));
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  double dx, dy;

  g_variant_get (parameter, "(dd)", &dx, &dy);
  pv_map_view_pan (PV_MAP_VIEW (widget), dx, dy);
}

static void
toggle_debug_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PvMapView *self = PV_MAP_VIEW (widget);

  self->show_debug = !self->show_debug;
  gtk_widget_queue_draw (widget);
}

/* GtkWidget */

static void
pv_map_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  PvMapView *self = PV_MAP_VIEW (widget);

  gtk_widget_measure (self->controls, orientation, -1, minimum, natural, NULL, NULL);
  *natural = MAX (*natural, orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480);
}

static void
pv_map_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  PvMapView *self = PV_MAP_VIEW (widget);
  double scale = device_scale (self);

  gtk_widget_allocate (self->controls, width, height, baseline, NULL);
  self->allocated = width > 0 && height > 0;

  g_object_freeze_notify (G_OBJECT (self->viewport));
  pv_viewport_set_dpi (self->viewport, 96.0 * scale);
  pv_viewport_set_size (self->viewport, MAX (1, (int) (width * scale)), MAX (1, (int) (height * scale)));
  g_object_thaw_notify (G_OBJECT (self->viewport));
  apply_pending_view (self);
  /* Shown again at the same size after the map changed while hidden. */
  if ((self->frame_stale || self->frame == NULL)
      && self->render_source == 0 && self->render_cancellable == NULL)
    schedule_render (self, RENDER_DELAY_MS);
}

static void
snapshot_debug (PvMapView   *self,
                GtkSnapshot *snapshot)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *crs = NULL;
  g_autofree char *text = NULL;
  PvCrs *map_crs = self->map ? pv_map_get_crs (self->map) : NULL;
  int width, height;

  crs = map_crs ? pv_crs_dup_label (map_crs) : g_strdup ("—");
  text = g_strdup_printf ("res %.6g u/px  scale %.0f  %d×%d dev px\n"
                          "CRS %s  last render %.1f ms%s",
                          pv_viewport_get_resolution (self->viewport),
                          pv_viewport_get_scale (self->viewport),
                          pv_viewport_get_width (self->viewport),
                          pv_viewport_get_height (self->viewport),
                          crs, self->frame_render_usec / 1000.0,
                          self->render_cancellable ? "  rendering…" : "");
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_get_pixel_size (layout, &width, &height);

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, 0.6 },
                             &GRAPHENE_RECT_INIT (4, 4, width + 12, height + 8));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (10, 8));
  gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 1, 1, 1, 1 });
  gtk_snapshot_restore (snapshot);
}

static void
pv_map_view_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  PvMapView *self = PV_MAP_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (self->frame != NULL && self->frame_viewport != NULL)
    {
      double scale = device_scale (self);
      double fxmin, fymin, fxmax, fymax, x0, y0, x1, y1;

      /* Where the frame's corners are in the current view: the old frame
       * moved (pan) and scaled (zoom) until the sharp one arrives. */
      pv_viewport_get_extent (self->frame_viewport, &fxmin, &fymin, &fxmax, &fymax);
      pv_viewport_map_to_screen (self->viewport, fxmin, fymax, &x0, &y0);
      pv_viewport_map_to_screen (self->viewport, fxmax, fymin, &x1, &y1);

      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      gtk_snapshot_append_texture (snapshot, self->frame,
                                   &GRAPHENE_RECT_INIT (x0 / scale, y0 / scale,
                                                        (x1 - x0) / scale, (y1 - y0) / scale));
      gtk_snapshot_pop (snapshot);
    }

  if (self->show_debug)
    snapshot_debug (self, snapshot);

  gtk_widget_snapshot_child (widget, self->controls, snapshot);
}

static void
scale_factor_cb (PvMapView  *self,
                 GParamSpec *pspec)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* GObject */

static void
pv_map_view_dispose (GObject *object)
{
  PvMapView *self = PV_MAP_VIEW (object);

  cancel_render (self);
  if (self->map != NULL)
    {
      disconnect_layers (self);
      g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);
    }
  g_clear_object (&self->map);
  g_clear_object (&self->frame);
  g_clear_object (&self->frame_viewport);

  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_MAP_VIEW);

  G_OBJECT_CLASS (pv_map_view_parent_class)->dispose (object);
}

static void
pv_map_view_finalize (GObject *object)
{
  PvMapView *self = PV_MAP_VIEW (object);

  g_clear_object (&self->viewport);

  G_OBJECT_CLASS (pv_map_view_parent_class)->finalize (object);
}

static void
pv_map_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PvMapView *self = PV_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;

    case PROP_RENDERING:
      g_value_set_boolean (value, pv_map_view_get_rendering (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_map_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PvMapView *self = PV_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_MAP:
      pv_map_view_set_map (self, g_value_get_object (value), NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_map_view_class_init (PvMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_map_view_dispose;
  object_class->finalize = pv_map_view_finalize;
  object_class->get_property = pv_map_view_get_property;
  object_class->set_property = pv_map_view_set_property;

  widget_class->measure = pv_map_view_measure;
  widget_class->size_allocate = pv_map_view_size_allocate;
  widget_class->snapshot = pv_map_view_snapshot;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL,
                         PV_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RENDERING] =
    g_param_spec_boolean ("rendering", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A new sharp frame replaced the previous one. */
  signals[SIGNAL_FRAME_READY] =
    g_signal_new ("frame-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The pointer is over the map point (x, y) in the map CRS. */
  signals[SIGNAL_POINTER_MOVED] =
    g_signal_new ("pointer-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  signals[SIGNAL_POINTER_LEFT] =
    g_signal_new ("pointer-left", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A layer (or the whole frame) could not be drawn. */
  signals[SIGNAL_RENDER_ERROR] =
    g_signal_new ("render-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PvMapView, controls);
  gtk_widget_class_bind_template_callback (widget_class, drag_begin_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_update_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_end_cb);
  gtk_widget_class_bind_template_callback (widget_class, scroll_cb);
  gtk_widget_class_bind_template_callback (widget_class, motion_cb);
  gtk_widget_class_bind_template_callback (widget_class, leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, click_pressed_cb);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-full", NULL, zoom_full_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(dd)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.toggle-debug", NULL, toggle_debug_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "map.zoom-full", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(dd)", KEY_PAN_PIXELS, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(dd)", -KEY_PAN_PIXELS, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(dd)", 0.0, KEY_PAN_PIXELS);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(dd)", 0.0, -KEY_PAN_PIXELS);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "map.toggle-debug", NULL);

  gtk_widget_class_set_css_name (widget_class, "mapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pv_map_view_init (PvMapView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  self->viewport = pv_viewport_new ();
  g_signal_connect_object (self->viewport, "changed", G_CALLBACK (viewport_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_cb), NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map"),
                                  -1);
  update_actions (self);
}

/* Public API */

GtkWidget *
pv_map_view_new (void)
{
  return g_object_new (PV_TYPE_MAP_VIEW, NULL);
}

PvMap *
pv_map_view_get_map (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), NULL);

  return self->map;
}

void
pv_map_view_set_map (PvMapView    *self,
                     PvMap        *map,
                     const double *view_extent)
{
  g_return_if_fail (PV_IS_MAP_VIEW (self));
  g_return_if_fail (map == NULL || PV_IS_MAP (map));

  if (self->map != map)
    {
      cancel_render (self);
      if (self->map != NULL)
        {
          disconnect_layers (self);
          g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);
        }
      g_set_object (&self->map, map);
      /* A different map: the old picture must not linger. */
      g_clear_object (&self->frame);
      g_clear_object (&self->frame_viewport);
      if (self->map != NULL)
        {
          GListModel *layers = pv_map_get_layers (self->map);

          g_signal_connect_object (layers, "items-changed", G_CALLBACK (layers_changed_cb), self,
                                   G_CONNECT_SWAPPED);
          connect_layers (self, 0, g_list_model_get_n_items (layers));
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
    }

  self->has_pending_extent = FALSE;
  self->pending_full = FALSE;
  if (view_extent != NULL
      && view_extent[2] > view_extent[0] && view_extent[3] > view_extent[1])
    {
      memcpy (self->pending_extent, view_extent, sizeof self->pending_extent);
      self->has_pending_extent = TRUE;
    }
  else
    {
      self->pending_full = TRUE;
    }

  update_actions (self);
  apply_pending_view (self);
  content_changed (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

PvViewport *
pv_map_view_get_viewport (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), NULL);

  return self->viewport;
}

void
pv_map_view_zoom_full (PvMapView *self)
{
  double xmin, ymin, xmax, ymax;

  g_return_if_fail (PV_IS_MAP_VIEW (self));

  if (!get_full_extent (self, &xmin, &ymin, &xmax, &ymax))
    return;
  if (!has_size (self))
    {
      self->pending_full = TRUE;
      return;
    }
  fit_extent (self, xmin, ymin, xmax, ymax, FULL_EXTENT_MARGIN);
}

void
pv_map_view_zoom_at (PvMapView *self,
                     double     factor,
                     double     x,
                     double     y)
{
  double scale;

  g_return_if_fail (PV_IS_MAP_VIEW (self));

  if (!(factor > 0) || !isfinite (factor))
    return;
  factor = clamp_factor (self, factor);
  if (factor == 1.0)
    return;
  scale = device_scale (self);
  pv_viewport_zoom_at (self->viewport, factor, x * scale, y * scale);
}

void
pv_map_view_pan (PvMapView *self,
                 double     dx,
                 double     dy)
{
  double scale;

  g_return_if_fail (PV_IS_MAP_VIEW (self));

  if (dx == 0 && dy == 0)
    return;
  scale = device_scale (self);
  pv_viewport_pan_pixels (self->viewport, dx * scale, dy * scale);
}

void
pv_map_view_widget_to_map (PvMapView *self,
                           double     x,
                           double     y,
                           double    *map_x,
                           double    *map_y)
{
  double scale;

  g_return_if_fail (PV_IS_MAP_VIEW (self));

  scale = device_scale (self);
  pv_viewport_screen_to_map (self->viewport, x * scale, y * scale, map_x, map_y);
}

double
pv_map_view_get_resolution (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), 0);

  return pv_viewport_get_resolution (self->viewport) * device_scale (self);
}

GdkTexture *
pv_map_view_get_frame_texture (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), NULL);

  return self->frame;
}

PvViewport *
pv_map_view_get_frame_viewport (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), NULL);

  return self->frame_viewport;
}

gboolean
pv_map_view_get_rendering (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), FALSE);

  return self->render_cancellable != NULL || self->render_source != 0;
}
