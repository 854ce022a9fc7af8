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
#include "pv-north-arrow-widget.h"
#include "pv-scale-bar-widget.h"

/* How long the view must be still before a sharp frame is asked for. */
#define RENDER_DELAY_MS      30
#define RENDER_DELAY_DRAG_MS 150
/* A pan that the last frame's margin still covers re-renders (to centre the
 * margin again) only once the view has been idle this long. */
#define RENDER_DELAY_IDLE_MS 300
/* Frames are rendered this share of the widget's width and height larger on
 * every side (1.25 × in each direction), so a pan shows real content at the
 * edges while the next frame renders. */
#define OVERSCAN             0.125
/* Zoom step of the buttons, keys and double click, and of one wheel notch. */
#define ZOOM_STEP            2.0
#define WHEEL_ZOOM_STEP      1.5
/* Share of the view left free around the full extent. */
#define FULL_EXTENT_MARGIN   0.03
/* The arrow keys move the map by this share of the view. */
#define KEY_PAN_SHARE        0.25
/* Animated navigation: zoom steps, key pans and history jumps. */
#define ZOOM_ANIMATION_MS    200
#define PAN_ANIMATION_MS     150
#define JUMP_ANIMATION_MS    250
/* Kinetic fling: the speed (widget px/s) decays as exp (-t / FLING_TAU_S);
 * slower releases do not fling, faster ones are capped. */
#define FLING_TAU_S          0.30
#define FLING_MIN_SPEED      150.0
#define FLING_STOP_SPEED     15.0
#define FLING_MAX_SPEED      6000.0
/* A scroll burst ends (and is recorded in the history) after this pause. */
#define SCROLL_END_MS        400
/* A box smaller than this (widget px) is a slip, not a zoom. */
#define BOX_MIN_SIZE         4.0
#define HISTORY_MAX          100
/* Compare: the divider's handle takes presses this far (widget px) either
 * side of it (more for a finger); spyglass radius limits and default (a
 * share of the smaller side), and the Ctrl+scroll step. */
#define DIVIDER_GRAB_PX        10.0
#define DIVIDER_GRAB_TOUCH_PX  24.0
#define DIVIDER_KNOB_RADIUS    14.0
#define RADIUS_MIN             0.05
#define RADIUS_MAX             0.5
#define SPYGLASS_RADIUS        0.18
#define POINTER_RADIUS         0.15
#define RADIUS_SCROLL_STEP     1.1
/* Pointer tools: the spotlight's dimming, the magnifier's zoom, the margin
 * of its sharp frame around the lens (so small moves reuse it) and how often
 * it may re-render while the pointer moves. */
#define SPOTLIGHT_DIM          0.65
#define LENS_ZOOM              2.0
#define LENS_MARGIN            2.0
#define LENS_DELAY_MS          16
#define LASER_RADIUS           5.0
#define LASER_GLOW_RADIUS      18.0

typedef struct
{
  double center_x;
  double center_y;
  double resolution;
} ViewEntry;

typedef enum
{
  SLOT_MAIN,      /* the view's map (group A) */
  SLOT_COMPARE,   /* group B of a compare */
  SLOT_LENS,      /* the magnifier's lens */
  N_SLOTS
} SlotId;

/* A frame and the render that replaces it. */
typedef struct
{
  SlotId           id;
  PvMapView       *view;
  /* The last finished frame, the (overscanned) viewport and the map it was
   * rendered for. */
  GdkTexture      *frame;
  cairo_surface_t *frame_surface;   /* the same pixels, for the cairo renderer */
  PvViewport      *frame_viewport;
  PvMap           *frame_map;
  gboolean         frame_stale;      /* the map changed since the frame */
  gint64           frame_render_usec;

  GCancellable    *render_cancellable;
  PvViewport      *render_viewport;
  PvMap           *render_map;
  gboolean         render_content_changed;
  gboolean         render_pending;
  gint64           render_started;
  guint            render_source;
} Slot;

typedef struct
{
  guint              id;
  PvMapOverlayFunc   func;
  gpointer           data;
  GDestroyNotify     destroy;
} Overlay;

struct _PvMapView
{
  GtkWidget     parent_instance;

  GtkWidget    *controls;
  GtkWidget    *scale_bar;
  GtkWidget    *north_arrow;
  GtkGesture   *drag_gesture;
  GtkGesture   *swipe_gesture;
  GtkGesture   *zoom_gesture;

  PvMap        *map;
  PvViewport   *viewport;

  /* The tool that takes pointer input first, and what draws over the map. */
  PvMapTool    *tool;
  gboolean      tool_dragging;
  gboolean      tool_took_drag;   /* no fling after the tool's drag */
  GArray       *overlays;         /* Overlay */
  guint         next_overlay_id;
  PvAnnotationSet *annotations;   /* the map's, watched for redraws */

  /* The full extent of the map, computed once per change of the layers or
   * CRS (it may transform extents) rather than on every zoom. */
  double        extent[4];
  guint         extent_valid : 1;
  guint         has_extent : 1;

  /* The frames: the map's, group B's, the lens's. */
  Slot          slots[N_SLOTS];

  /* Compare (group B) and the pointer tools. */
  PvMap        *compare_map;
  PvCompareMode compare_mode;
  double        compare_position;
  double        spyglass_radius;
  double        spyglass_x;
  double        spyglass_y;
  guint         spyglass_placed : 1;
  guint         divider_dragging : 1;
  guint         divider_took_drag : 1;
  guint         divider_hover : 1;
  guint         spyglass_dragging : 1;
  PvPointerMode pointer_mode;
  double        pointer_radius;

  /* The view to show once the widget has a size. */
  double        pending_extent[4];
  guint         has_pending_extent : 1;
  guint         pending_full : 1;

  guint         allocated : 1;
  guint         dragging : 1;
  guint         box_zooming : 1;
  guint         pinching : 1;
  guint         pointer_inside : 1;
  guint         show_debug : 1;
  double        drag_start_x;
  double        drag_start_y;
  double        drag_last_x;
  double        drag_last_y;
  double        pointer_x;
  double        pointer_y;
  guint         settle_source;

  /* Kinetic fling, in widget px/s. */
  guint         fling_tick;
  double        fling_vx;
  double        fling_vy;
  gint64        fling_last_time;

  /* Animated navigation from one view to another on the frame clock. */
  guint         anim_tick;
  PvViewport   *anim_from;
  PvViewport   *anim_to;
  gint64        anim_start;
  gint64        anim_duration;
  gboolean      anim_history;       /* a back/forward jump: not a new entry */

  /* Pinch. */
  double        pinch_scale;
  double        pinch_x;
  double        pinch_y;

  guint         scroll_end_source;

  /* View history: entries, and the one shown. */
  GArray       *history;
  guint         history_index;
};

G_DEFINE_FINAL_TYPE (PvMapView, pv_map_view, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (PvCompareMode, pv_compare_mode,
                    G_DEFINE_ENUM_VALUE (PV_COMPARE_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (PV_COMPARE_SWIPE, "swipe"),
                    G_DEFINE_ENUM_VALUE (PV_COMPARE_SPYGLASS, "spyglass"))

G_DEFINE_ENUM_TYPE (PvPointerMode, pv_pointer_mode,
                    G_DEFINE_ENUM_VALUE (PV_POINTER_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (PV_POINTER_LASER, "laser"),
                    G_DEFINE_ENUM_VALUE (PV_POINTER_SPOTLIGHT, "spotlight"),
                    G_DEFINE_ENUM_VALUE (PV_POINTER_MAGNIFIER, "magnifier"))

enum {
  PROP_0,
  PROP_MAP,
  PROP_RENDERING,
  PROP_TOOL,
  PROP_COMPARE_MODE,
  PROP_COMPARE_MAP,
  PROP_COMPARE_POSITION,
  PROP_SPYGLASS_RADIUS,
  PROP_POINTER_MODE,
  PROP_POINTER_RADIUS,
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
  SlotId        slot;
  PvMap        *map;
  PvViewport   *viewport;
  GCancellable *cancellable;
  gboolean      content_changed;
} RenderRequest;

static void schedule_render (PvMapView *self,
                             guint      delay_ms);
static void history_commit  (PvMapView *self);
static void stop_fling      (PvMapView *self);
static void stop_animation  (PvMapView *self);
static void update_cursor   (PvMapView *self);

static void
render_request_free (RenderRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->map);
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
has_size (PvMapView *self)
{
  return self->allocated;
}

/* The frame that view v needs: v's centre, resolution and dpi, enlarged by
 * the overscan margin. */
static gboolean
viewport_is_frame_of (PvViewport *frame,
                      PvViewport *view)
{
  g_autoptr(PvViewport) wanted = NULL;
  double ax, ay, bx, by;

  if (frame == NULL || view == NULL)
    return FALSE;
  wanted = pv_viewport_copy_overscan (view, OVERSCAN);
  pv_viewport_get_center (frame, &ax, &ay);
  pv_viewport_get_center (wanted, &bx, &by);
  return ax == bx && ay == by
         && pv_viewport_get_resolution (frame) == pv_viewport_get_resolution (wanted)
         && pv_viewport_get_width (frame) == pv_viewport_get_width (wanted)
         && pv_viewport_get_height (frame) == pv_viewport_get_height (wanted)
         && pv_viewport_get_dpi (frame) == pv_viewport_get_dpi (wanted);
}

static gboolean
animations_enabled (PvMapView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self));
}

static void
invalidate_extent (PvMapView *self)
{
  self->extent_valid = FALSE;
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
  if (!self->extent_valid)
    {
      self->has_extent = pv_map_get_extent (self->map, &self->extent[0], &self->extent[1],
                                            &self->extent[2], &self->extent[3]);
      self->extent_valid = TRUE;
    }
  if (!self->has_extent)
    return FALSE;
  *xmin = self->extent[0];
  *ymin = self->extent[1];
  *xmax = self->extent[2];
  *ymax = self->extent[3];
  return TRUE;
}

/* Keeps the zoom within sensible limits around the data: out to where the
 * whole map is a few pixels, in to well below a millimetre per pixel. */
static double
clamp_factor (PvMapView *self,
              double     resolution,
              double     factor)
{
  double xmin, ymin, xmax, ymax, size, min_res, max_res;

  if (!get_full_extent (self, &xmin, &ymin, &xmax, &ymax))
    return factor;
  size = MAX (xmax - xmin, ymax - ymin);
  if (!(size > 0))
    return factor;
  min_res = size * 1e-8;
  max_res = size / 16.0;
  if (resolution / factor < min_res)
    factor = resolution / min_res;
  else if (resolution / factor > max_res)
    factor = resolution / max_res;
  return factor;
}

static void
fit_extent (PvViewport *viewport,
            double      xmin,
            double      ymin,
            double      xmax,
            double      ymax,
            double      margin)
{
  double dx = (xmax - xmin) * margin;
  double dy = (ymax - ymin) * margin;

  pv_viewport_fit_extent (viewport, xmin - dx, ymin - dy, xmax + dx, ymax + dy);
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
      fit_extent (self->viewport, self->pending_extent[0], self->pending_extent[1],
                  self->pending_extent[2], self->pending_extent[3], 0);
      history_commit (self);
    }
  else if (self->pending_full && get_full_extent (self, &xmin, &ymin, &xmax, &ymax))
    {
      self->pending_full = FALSE;
      fit_extent (self->viewport, xmin, ymin, xmax, ymax, FULL_EXTENT_MARGIN);
      history_commit (self);
    }
}

static void
update_actions (PvMapView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_data = self->map != NULL && pv_map_get_n_layers (self->map) > 0;
  guint n = self->history->len;

  gtk_widget_action_set_enabled (widget, "map.zoom-in", has_data);
  gtk_widget_action_set_enabled (widget, "map.zoom-out", has_data);
  gtk_widget_action_set_enabled (widget, "map.zoom-full", has_data);
  gtk_widget_action_set_enabled (widget, "map.pan", has_data);
  gtk_widget_action_set_enabled (widget, "map.pan-left", has_data);
  gtk_widget_action_set_enabled (widget, "map.pan-right", has_data);
  gtk_widget_action_set_enabled (widget, "map.pan-up", has_data);
  gtk_widget_action_set_enabled (widget, "map.pan-down", has_data);
  gtk_widget_action_set_enabled (widget, "map.back", has_data && n > 0 && self->history_index > 0);
  gtk_widget_action_set_enabled (widget, "map.forward", has_data && n > 0 && self->history_index + 1 < n);
}

static void
update_overlays (PvMapView *self)
{
  PvCrs *crs = self->map != NULL ? pv_map_get_crs (self->map) : NULL;

  /* Without a CRS the map units are unknown (a raster in pixel space, a file
   * without CRS): no ground length to show. Projected CRSs are taken to be in
   * metres, as pv_viewport_get_scale() does. */
  pv_scale_bar_set_geographic (PV_SCALE_BAR (self->scale_bar), crs != NULL && pv_crs_is_geographic (crs));
  gtk_widget_set_visible (self->scale_bar, crs != NULL);
  gtk_widget_set_visible (self->north_arrow, self->map != NULL && pv_map_get_n_layers (self->map) > 0);
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

/* History */

static void
view_entry_get (PvViewport *viewport,
                ViewEntry  *entry)
{
  pv_viewport_get_center (viewport, &entry->center_x, &entry->center_y);
  entry->resolution = pv_viewport_get_resolution (viewport);
}

static gboolean
view_entry_equal (const ViewEntry *a,
                  const ViewEntry *b)
{
  return a->center_x == b->center_x && a->center_y == b->center_y
         && a->resolution == b->resolution;
}

static gboolean
navigating (PvMapView *self)
{
  return self->dragging || self->pinching || self->fling_tick != 0 || self->anim_tick != 0
         || self->scroll_end_source != 0;
}

/* Records the current view when a navigation has ended: one entry per pan,
 * zoom or jump, never for the steps in between. */
static void
history_commit (PvMapView *self)
{
  ViewEntry entry;

  if (self->map == NULL || !has_size (self) || self->has_pending_extent || self->pending_full)
    return;
  if (navigating (self))
    return;
  view_entry_get (self->viewport, &entry);
  if (self->history->len > 0
      && view_entry_equal (&g_array_index (self->history, ViewEntry, self->history_index), &entry))
    return;

  /* A new view after going back drops the views ahead. */
  if (self->history->len > 0)
    g_array_set_size (self->history, self->history_index + 1);
  g_array_append_val (self->history, entry);
  if (self->history->len > HISTORY_MAX)
    g_array_remove_index (self->history, 0);
  self->history_index = self->history->len - 1;
  update_actions (self);
}

static void
history_clear (PvMapView *self)
{
  g_array_set_size (self->history, 0);
  self->history_index = 0;
}

/* Rendering
 *
 * Each slot (the map, group B of a compare, the magnifier's lens) keeps its
 * last finished frame and renders on a worker when its frame no longer fits:
 * at most one render in flight per slot (possibly cancelled, until its
 * worker returns) and one pending, started when the one in flight ends. */

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

static double
min_side (PvMapView *self)
{
  return MIN (gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
}

/* The lens radius in widget px. */
static double
lens_radius (PvMapView *self)
{
  return MAX (8, self->pointer_radius * min_side (self));
}

static double
divider_x (PvMapView *self)
{
  return round (self->compare_position * gtk_widget_get_width (GTK_WIDGET (self)));
}

static void
spyglass_center (PvMapView *self,
                 double    *x,
                 double    *y)
{
  if (self->spyglass_placed)
    {
      *x = self->spyglass_x;
      *y = self->spyglass_y;
    }
  else
    {
      *x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      *y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
}

static double
spyglass_radius_px (PvMapView *self)
{
  return MAX (8, self->spyglass_radius * min_side (self));
}

/* What the magnifier shows: group B where the pointer is over it. */
static PvMap *
lens_map (PvMapView *self)
{
  if (self->compare_map != NULL && self->compare_mode == PV_COMPARE_SPYGLASS)
    return self->compare_map;
  if (self->compare_map != NULL && self->compare_mode == PV_COMPARE_SWIPE
      && self->pointer_x >= self->compare_position * gtk_widget_get_width (GTK_WIDGET (self)))
    return self->compare_map;
  return self->map;
}

static gboolean
lens_active (PvMapView *self)
{
  return self->pointer_mode == PV_POINTER_MAGNIFIER && self->pointer_inside && self->map != NULL;
}

/* The view inside the lens: centred on the map point under the pointer, at
 * LENS_ZOOM × the view's resolution, margin times the lens's size. */
static PvViewport *
lens_viewport (PvMapView *self,
               double     margin)
{
  PvViewport *lens = pv_viewport_copy (self->viewport);
  double scale = device_scale (self);
  double mx, my;
  int size;

  pv_map_view_widget_to_map (self, self->pointer_x, self->pointer_y, &mx, &my);
  size = MAX (1, (int) ceil (2 * lens_radius (self) * scale * margin));
  g_object_freeze_notify (G_OBJECT (lens));
  pv_viewport_set_size (lens, size, size);
  pv_viewport_set_resolution (lens, pv_viewport_get_resolution (self->viewport) / LENS_ZOOM);
  pv_viewport_set_center (lens, mx, my);
  g_object_thaw_notify (G_OBJECT (lens));
  return lens;
}

static PvMap *
slot_map (PvMapView *self,
          Slot      *slot)
{
  switch (slot->id)
    {
    case SLOT_MAIN:
      return self->map;
    case SLOT_COMPARE:
      return self->compare_map;
    case SLOT_LENS:
      return lens_active (self) ? lens_map (self) : NULL;
    case N_SLOTS:
    default:
      g_assert_not_reached ();
    }
}

/* The viewport a slot's next frame is rendered for. */
static PvViewport *
slot_wanted_viewport (PvMapView *self,
                      Slot      *slot)
{
  if (slot->id == SLOT_LENS)
    return lens_viewport (self, LENS_MARGIN);
  return pv_viewport_copy_overscan (self->viewport, OVERSCAN);
}

/* Whether a frame of viewport, showing map, serves the slot in the current
 * view (for the map and group B: it is exactly the overscanned view; for the
 * lens: it covers the lens at its resolution). */
static gboolean
slot_viewport_fits (PvMapView  *self,
                    Slot       *slot,
                    PvViewport *viewport,
                    PvMap      *map)
{
  g_autoptr(PvViewport) lens = NULL;

  if (viewport == NULL)
    return FALSE;
  if (slot->id != SLOT_LENS)
    return viewport_is_frame_of (viewport, self->viewport);
  if (map != slot_map (self, slot))
    return FALSE;
  lens = lens_viewport (self, 1.0);
  return pv_viewport_covers (viewport, lens);
}

static gboolean
slot_frame_fits (PvMapView *self,
                 Slot      *slot)
{
  return slot->frame != NULL && !slot->frame_stale
         && slot_viewport_fits (self, slot, slot->frame_viewport, slot->frame_map);
}

static gboolean
slot_rendering (Slot *slot)
{
  return slot->render_cancellable != NULL || slot->render_source != 0 || slot->render_pending;
}

static void
slot_clear_frame (Slot *slot)
{
  g_clear_object (&slot->frame);
  g_clear_pointer (&slot->frame_surface, cairo_surface_destroy);
  g_clear_object (&slot->frame_viewport);
  g_clear_object (&slot->frame_map);
}

static void
notify_rendering (PvMapView *self,
                  gboolean   was_rendering)
{
  if (was_rendering != pv_map_view_get_rendering (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERING]);
}

/* Drops every render of the slot, also the one in flight, whose worker
 * finishes unseen: for a new map and for dispose. */
static void
cancel_slot (PvMapView *self,
             Slot      *slot)
{
  g_clear_handle_id (&slot->render_source, g_source_remove);
  if (slot->render_cancellable != NULL)
    g_cancellable_cancel (slot->render_cancellable);
  g_clear_object (&slot->render_cancellable);
  g_clear_object (&slot->render_viewport);
  g_clear_object (&slot->render_map);
  slot->render_pending = FALSE;
}

static void
cancel_render (PvMapView *self)
{
  gboolean was_rendering = pv_map_view_get_rendering (self);

  for (guint i = 0; i < N_SLOTS; i++)
    cancel_slot (self, &self->slots[i]);
  notify_rendering (self, was_rendering);
}

/* Cancels the render in flight (it no longer matches the view or the
 * content); it stays "in flight" until its worker returns, so that no two
 * workers draw one slot at once. */
static void
supersede_render (Slot *slot)
{
  if (slot->render_cancellable != NULL)
    g_cancellable_cancel (slot->render_cancellable);
}

static void start_render (PvMapView *self,
                          Slot      *slot);
static void schedule_slot (PvMapView *self,
                           Slot      *slot,
                           guint      delay_ms);

static void
render_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RenderRequest *request = user_data;
  PvMapView *self = request->self;
  Slot *slot = &self->slots[request->slot];
  g_autoptr(GPtrArray) layer_errors = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  gboolean cancelled, failed, was_rendering;

  surface = pv_render_map_to_image_finish (result, &layer_errors, &error);
  cancelled = g_cancellable_is_cancelled (request->cancellable);
  failed = !cancelled && surface == NULL;

  /* Dropped by cancel_slot (): a new map or dispose owns the view now. */
  if (request->cancellable != slot->render_cancellable)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      render_request_free (request);
      return;
    }

  was_rendering = TRUE;
  g_clear_object (&slot->render_cancellable);
  g_clear_object (&slot->render_viewport);
  g_clear_object (&slot->render_map);

  /* Group B and the lens show the same layers as the map: their errors are
   * the map's, reported once. */
  if (failed && slot->id == SLOT_MAIN)
    g_signal_emit (self, signals[SIGNAL_RENDER_ERROR], 0, error);
  else if (!cancelled && surface != NULL)
    {
      g_set_object (&slot->frame_viewport, request->viewport);
      g_set_object (&slot->frame_map, request->map);
      g_clear_object (&slot->frame);
      g_clear_pointer (&slot->frame_surface, cairo_surface_destroy);
      slot->frame = texture_new_for_surface (surface);
      slot->frame_surface = cairo_surface_reference (surface);
      slot->frame_render_usec = g_get_monotonic_time () - slot->render_started;
      if (request->content_changed)
        slot->frame_stale = FALSE;

      for (guint i = 0; slot->id == SLOT_MAIN && layer_errors != NULL && i < layer_errors->len; i++)
        g_signal_emit (self, signals[SIGNAL_RENDER_ERROR], 0, g_ptr_array_index (layer_errors, i));

      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  g_clear_pointer (&surface, cairo_surface_destroy);

  if (slot->render_pending)
    {
      /* The request that superseded this one waited for it. */
      slot->render_pending = FALSE;
      start_render (self, slot);
    }
  else if (!failed && slot_map (self, slot) != NULL && !slot_frame_fits (self, slot))
    {
      /* The view moved on while the worker drew (a failed render is retried
       * on the next change, not in a loop). */
      schedule_slot (self, slot, self->dragging ? RENDER_DELAY_DRAG_MS : RENDER_DELAY_MS);
    }

  notify_rendering (self, was_rendering);
  if (!cancelled && slot->id == SLOT_MAIN && slot->frame != NULL && slot->frame_viewport == request->viewport)
    g_signal_emit (self, signals[SIGNAL_FRAME_READY], 0);

  render_request_free (request);
}

static void
start_render (PvMapView *self,
              Slot      *slot)
{
  RenderRequest *request;
  PvMap *map = slot_map (self, slot);

  if (map == NULL || !has_size (self))
    return;

  request = g_new0 (RenderRequest, 1);
  request->self = g_object_ref (self);
  request->slot = slot->id;
  request->map = g_object_ref (map);
  request->viewport = slot_wanted_viewport (self, slot);
  request->cancellable = g_cancellable_new ();
  request->content_changed = slot->frame_stale;

  g_set_object (&slot->render_cancellable, request->cancellable);
  g_set_object (&slot->render_viewport, request->viewport);
  g_set_object (&slot->render_map, request->map);
  slot->render_content_changed = request->content_changed;
  slot->render_started = g_get_monotonic_time ();

  pv_render_map_to_image_async (map, request->viewport, request->cancellable,
                                render_done_cb, request);
}

static gboolean
start_render_cb (gpointer user_data)
{
  Slot *slot = user_data;
  PvMapView *self = slot->view;

  slot->render_source = 0;

  if (slot->render_cancellable != NULL)
    {
      /* Wait for the superseded worker; its callback starts this one. */
      supersede_render (slot);
      slot->render_pending = TRUE;
      return G_SOURCE_REMOVE;
    }
  start_render (self, slot);
  return G_SOURCE_REMOVE;
}

/* Asks for a sharp frame of the slot once the view has been still for
 * delay_ms (the lens: at most every delay_ms while the pointer moves). */
static void
schedule_slot (PvMapView *self,
               Slot      *slot,
               guint      delay_ms)
{
  gboolean was_rendering = pv_map_view_get_rendering (self);
  gboolean in_flight_current;

  if (slot_map (self, slot) == NULL || !has_size (self))
    {
      /* Nothing to show (compare off, the pointer away from the lens). */
      cancel_slot (self, slot);
      notify_rendering (self, was_rendering);
      return;
    }

  in_flight_current = slot->render_cancellable != NULL
                      && !g_cancellable_is_cancelled (slot->render_cancellable)
                      && slot->render_content_changed == slot->frame_stale
                      && slot_viewport_fits (self, slot, slot->render_viewport, slot->render_map);

  /* Nothing new to draw: the last frame shows this view. */
  if (slot_frame_fits (self, slot))
    {
      g_clear_handle_id (&slot->render_source, g_source_remove);
      slot->render_pending = FALSE;
      if (slot->render_cancellable != NULL && !in_flight_current)
        supersede_render (slot);
      notify_rendering (self, was_rendering);
      return;
    }
  /* The render in flight draws exactly this. */
  if (in_flight_current)
    {
      g_clear_handle_id (&slot->render_source, g_source_remove);
      slot->render_pending = FALSE;
      return;
    }

  /* A frame of another resolution is of no use: stop it now. One that only
   * moved may still arrive and fill the margins while the view moves. */
  if (slot->render_cancellable != NULL
      && (slot->frame_stale != slot->render_content_changed
          || slot->id == SLOT_LENS
          || pv_viewport_get_resolution (slot->render_viewport) != pv_viewport_get_resolution (self->viewport)))
    supersede_render (slot);

  if (slot->id == SLOT_LENS)
    {
      /* The lens follows a moving pointer: throttled, not postponed. */
      if (slot->render_source != 0)
        return;
    }
  else
    {
      /* A pan within the margin of the last frame: nothing is missing on
       * screen, so re-centre the margin only once the view is idle. */
      if (!slot->frame_stale && slot->frame_viewport != NULL
          && pv_viewport_covers (slot->frame_viewport, self->viewport))
        delay_ms = MAX (delay_ms, RENDER_DELAY_IDLE_MS);
      g_clear_handle_id (&slot->render_source, g_source_remove);
    }

  slot->render_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, delay_ms,
                                            start_render_cb, slot, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, slot->render_source),
                            "[planviewer] map render");

  notify_rendering (self, was_rendering);
}

static void
schedule_render (PvMapView *self,
                 guint      delay_ms)
{
  schedule_slot (self, &self->slots[SLOT_MAIN], delay_ms);
  schedule_slot (self, &self->slots[SLOT_COMPARE], delay_ms);
  schedule_slot (self, &self->slots[SLOT_LENS], MIN (delay_ms, LENS_DELAY_MS));
}

static void
viewport_changed_cb (PvMapView  *self,
                     PvViewport *viewport)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  schedule_render (self, (self->dragging || self->pinching) ? RENDER_DELAY_DRAG_MS : RENDER_DELAY_MS);
  emit_pointer (self);
}

static void
slot_content_changed (PvMapView *self,
                      Slot      *slot)
{
  slot->frame_stale = TRUE;
  /* Any render in flight draws the old content. */
  supersede_render (slot);
}

static void
content_changed (PvMapView *self)
{
  for (guint i = 0; i < N_SLOTS; i++)
    slot_content_changed (self, &self->slots[i]);
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

static gboolean
appearance_changed_idle_cb (gpointer data)
{
  GWeakRef *ref = data;
  g_autoptr(PvMapView) self = g_weak_ref_get (ref);

  if (self != NULL)
    content_changed (self);
  g_weak_ref_clear (ref);
  g_free (ref);
  return G_SOURCE_REMOVE;
}

static void
layer_appearance_changed_cb (PvMapView *self,
                             PvLayer   *layer)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  /* Styles and labels may be set by a worker thread: redraw on ours. */
  g_weak_ref_init (ref, self);
  g_main_context_invoke (NULL, appearance_changed_idle_cb, ref);
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
      g_signal_handlers_disconnect_by_func (layer, layer_appearance_changed_cb, self);
      g_signal_connect_object (layer, "notify", G_CALLBACK (layer_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (layer, "appearance-changed", G_CALLBACK (layer_appearance_changed_cb), self,
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
      g_signal_handlers_disconnect_by_func (layer, layer_appearance_changed_cb, self);
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

  invalidate_extent (self);
  connect_layers (self, position, added);
  update_actions (self);
  update_overlays (self);

  /* The first data of an empty map: show all of it. */
  if (was_empty && added > 0 && !self->has_pending_extent)
    {
      self->pending_full = TRUE;
      apply_pending_view (self);
    }
  content_changed (self);
}

static void
map_crs_changed_cb (PvMapView  *self,
                    GParamSpec *pspec,
                    PvMap      *map)
{
  invalidate_extent (self);
  update_overlays (self);
  content_changed (self);
}

/* Animated navigation */

static gboolean
animation_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  PvMapView *self = PV_MAP_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double t, eased;

  if (self->anim_start == 0)
    self->anim_start = now;
  t = (double) (now - self->anim_start) / (double) self->anim_duration;
  t = CLAMP (t, 0.0, 1.0);
  /* Ease out (cubic): fast start, gentle landing. */
  eased = 1.0 - pow (1.0 - t, 3);
  pv_viewport_interpolate (self->viewport, self->anim_from, self->anim_to, eased);

  if (t < 1.0)
    return G_SOURCE_CONTINUE;

  self->anim_tick = 0;
  g_clear_object (&self->anim_from);
  g_clear_object (&self->anim_to);
  if (!self->anim_history)
    history_commit (self);
  self->anim_history = FALSE;
  update_actions (self);
  schedule_render (self, 0);
  return G_SOURCE_REMOVE;
}

/* Leaves the view where the animation has got to. */
static void
stop_animation (PvMapView *self)
{
  if (self->anim_tick == 0)
    return;
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->anim_tick);
  self->anim_tick = 0;
  g_clear_object (&self->anim_from);
  g_clear_object (&self->anim_to);
  self->anim_history = FALSE;
}

/* Moves to target's centre and resolution: smoothly on the frame clock, or at
 * once when animations are off. */
static void
animate_to (PvMapView  *self,
            PvViewport *target,
            guint       duration_ms,
            gboolean    history_jump)
{
  stop_fling (self);
  if (!animations_enabled (self) || duration_ms == 0)
    {
      stop_animation (self);
      pv_viewport_interpolate (self->viewport, self->viewport, target, 1.0);
      if (!history_jump)
        history_commit (self);
      update_actions (self);
      schedule_render (self, 0);
      return;
    }

  g_clear_object (&self->anim_from);
  self->anim_from = pv_viewport_copy (self->viewport);
  g_clear_object (&self->anim_to);
  self->anim_to = pv_viewport_copy (target);
  self->anim_start = 0;
  self->anim_duration = (gint64) duration_ms * 1000;
  self->anim_history = history_jump;
  if (self->anim_tick == 0)
    self->anim_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), animation_tick_cb, NULL, NULL);
}

/* Where the view is going: the end of a running animation, or the view. */
static PvViewport *
navigation_base (PvMapView *self)
{
  return self->anim_to != NULL ? self->anim_to : self->viewport;
}

static void
zoom_step (PvMapView *self,
           double     factor,
           double     x,
           double     y)
{
  g_autoptr(PvViewport) target = NULL;
  double scale = device_scale (self);

  if (self->map == NULL)
    return;
  stop_fling (self);
  if (self->anim_tick == 0 || self->anim_history)
    {
      stop_animation (self);
      history_commit (self);
    }
  target = pv_viewport_copy (navigation_base (self));
  factor = clamp_factor (self, pv_viewport_get_resolution (target), factor);
  if (factor == 1.0)
    return;
  pv_viewport_zoom_at (target, factor, x * scale, y * scale);
  animate_to (self, target, ZOOM_ANIMATION_MS, FALSE);
}

static void
pan_step (PvMapView *self,
          double     share_x,
          double     share_y)
{
  g_autoptr(PvViewport) target = NULL;

  if (self->map == NULL)
    return;
  stop_fling (self);
  if (self->anim_tick == 0 || self->anim_history)
    {
      stop_animation (self);
      history_commit (self);
    }
  target = pv_viewport_copy (navigation_base (self));
  pv_viewport_pan_pixels (target,
                          share_x * pv_viewport_get_width (target),
                          share_y * pv_viewport_get_height (target));
  animate_to (self, target, PAN_ANIMATION_MS, FALSE);
}

static void
history_go (PvMapView *self,
            int        delta)
{
  g_autoptr(PvViewport) target = NULL;
  const ViewEntry *entry;

  if (self->map == NULL)
    return;
  stop_fling (self);
  /* An unfinished navigation (or a view set from outside) counts first. */
  if (!self->anim_history)
    {
      stop_animation (self);
      history_commit (self);
    }
  if (self->history->len == 0
      || (delta < 0 && self->history_index == 0)
      || (delta > 0 && self->history_index + 1 >= self->history->len))
    return;

  self->history_index += delta;
  entry = &g_array_index (self->history, ViewEntry, self->history_index);
  target = pv_viewport_copy (self->viewport);
  pv_viewport_set_center (target, entry->center_x, entry->center_y);
  pv_viewport_set_resolution (target, entry->resolution);
  update_actions (self);
  animate_to (self, target, JUMP_ANIMATION_MS, TRUE);
}

/* Kinetic fling */

static gboolean
fling_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  PvMapView *self = PV_MAP_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double dt, decay;

  if (self->fling_last_time == 0)
    {
      self->fling_last_time = now;
      return G_SOURCE_CONTINUE;
    }
  dt = (now - self->fling_last_time) / (double) G_USEC_PER_SEC;
  self->fling_last_time = now;
  if (dt <= 0)
    return G_SOURCE_CONTINUE;

  /* v (t) = v0 e^(-t/τ): over dt the view moves v τ (1 - e^(-dt/τ)). */
  decay = exp (-dt / FLING_TAU_S);
  pv_map_view_pan (self,
                   self->fling_vx * FLING_TAU_S * (1 - decay),
                   self->fling_vy * FLING_TAU_S * (1 - decay));
  self->fling_vx *= decay;
  self->fling_vy *= decay;

  if (hypot (self->fling_vx, self->fling_vy) > FLING_STOP_SPEED)
    return G_SOURCE_CONTINUE;

  self->fling_tick = 0;
  history_commit (self);
  schedule_render (self, 0);
  return G_SOURCE_REMOVE;
}

static void
stop_fling (PvMapView *self)
{
  if (self->fling_tick == 0)
    return;
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fling_tick);
  self->fling_tick = 0;
}

/* Input */

static gboolean
settle_cb (gpointer user_data)
{
  PvMapView *self = user_data;

  self->settle_source = 0;
  /* A fling started by the release records the view where it stops. */
  history_commit (self);
  return G_SOURCE_REMOVE;
}

static gboolean
near_divider (PvMapView *self,
              double     x,
              double     grab)
{
  return self->compare_map != NULL && self->compare_mode == PV_COMPARE_SWIPE
         && fabs (x - divider_x (self)) <= grab;
}

static gboolean
is_touch (GtkGesture *gesture)
{
  GdkDevice *device = gtk_gesture_get_device (gesture);

  return device != NULL && gdk_device_get_source (device) == GDK_SOURCE_TOUCHSCREEN;
}

/* Whether a press at (x, y) takes the divider's handle, or (by touch, as
 * fingers do not hover) the spyglass; sets which. */
static gboolean
press_on_compare (PvMapView  *self,
                  GtkGesture *gesture,
                  double      x,
                  double      y)
{
  gboolean touch = is_touch (gesture);

  if (near_divider (self, x, touch ? DIVIDER_GRAB_TOUCH_PX : DIVIDER_GRAB_PX))
    {
      self->divider_dragging = TRUE;
      return TRUE;
    }
  if (touch && self->compare_map != NULL && self->compare_mode == PV_COMPARE_SPYGLASS)
    {
      double cx, cy;

      spyglass_center (self, &cx, &cy);
      if (hypot (x - cx, y - cy) <= spyglass_radius_px (self))
        {
          self->spyglass_dragging = TRUE;
          return TRUE;
        }
    }
  return FALSE;
}

/* The cursor for what a press would do, or is doing. */
static void
update_cursor (PvMapView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (self->divider_dragging || (self->divider_hover && !self->dragging && !self->box_zooming))
    gtk_widget_set_cursor_from_name (widget, "col-resize");
  else if (self->box_zooming)
    gtk_widget_set_cursor_from_name (widget, "crosshair");
  else if (self->pointer_mode == PV_POINTER_LASER)
    gtk_widget_set_cursor_from_name (widget, "none");
  else if (self->dragging)
    gtk_widget_set_cursor_from_name (widget, "grabbing");
  else if (self->tool != NULL)
    gtk_widget_set_cursor_from_name (widget, pv_map_tool_get_cursor_name (self->tool));
  else
    gtk_widget_set_cursor (widget, NULL);
}

static void
drag_begin_cb (PvMapView      *self,
               double          start_x,
               double          start_y,
               GtkGestureDrag *gesture)
{
  GdkModifierType state;

  if (self->map == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  /* A press stops the map where it is. */
  stop_fling (self);
  stop_animation (self);
  history_commit (self);

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  self->tool_took_drag = FALSE;
  self->divider_took_drag = FALSE;
  /* The divider's handle (or, for a finger, the spyglass) moves; the map
   * stays where it is. */
  if (press_on_compare (self, GTK_GESTURE (gesture), start_x, start_y))
    {
      /* What moves keeps its offset from the press: a press beside the line
       * does not make it jump. */
      self->divider_took_drag = TRUE;
      if (self->divider_dragging)
        {
          self->drag_start_x = divider_x (self);
          self->drag_start_y = start_y;
        }
      else
        spyglass_center (self, &self->drag_start_x, &self->drag_start_y);
      gtk_widget_grab_focus (GTK_WIDGET (self));
      update_cursor (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (self->tool != NULL && pv_map_tool_press (self->tool, self, 1, start_x, start_y, state))
    {
      self->tool_dragging = TRUE;
      self->tool_took_drag = TRUE;
      self->drag_start_x = start_x;
      self->drag_start_y = start_y;
      gtk_widget_grab_focus (GTK_WIDGET (self));
      return;
    }
  self->box_zooming = (state & GDK_SHIFT_MASK) != 0;
  self->dragging = !self->box_zooming;
  self->drag_start_x = start_x;
  self->drag_start_y = start_y;
  self->drag_last_x = 0;
  self->drag_last_y = 0;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  update_cursor (self);
}

static void
drag_update_cb (PvMapView      *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  double dx = offset_x - self->drag_last_x;
  double dy = offset_y - self->drag_last_y;

  if (self->divider_dragging)
    {
      pv_map_view_set_compare_position (self, (self->drag_start_x + offset_x) / MAX (1, gtk_widget_get_width (GTK_WIDGET (self))));
      return;
    }
  if (self->spyglass_dragging)
    {
      self->spyglass_x = self->drag_start_x + offset_x;
      self->spyglass_y = self->drag_start_y + offset_y;
      self->spyglass_placed = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (self->tool_dragging)
    {
      pv_map_tool_drag_update (self->tool, self, self->drag_start_x + offset_x, self->drag_start_y + offset_y);
      return;
    }
  if (!self->dragging && !self->box_zooming)
    return;
  self->drag_last_x = offset_x;
  self->drag_last_y = offset_y;
  if (self->box_zooming)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  else if (!self->pinching)
    pv_map_view_pan (self, dx, dy);
}

static void
drag_end_cb (PvMapView      *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  if (self->divider_dragging || self->spyglass_dragging)
    {
      drag_update_cb (self, offset_x, offset_y, gesture);
      self->divider_dragging = FALSE;
      self->spyglass_dragging = FALSE;
      update_cursor (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (self->tool_dragging)
    {
      self->tool_dragging = FALSE;
      if (self->tool != NULL)
        pv_map_tool_release (self->tool, self, self->drag_start_x + offset_x, self->drag_start_y + offset_y);
      return;
    }
  if (self->box_zooming)
    {
      self->box_zooming = FALSE;
      update_cursor (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      pv_map_view_zoom_to_box (self, self->drag_start_x, self->drag_start_y,
                               self->drag_start_x + offset_x, self->drag_start_y + offset_y);
      return;
    }
  if (!self->dragging)
    return;
  drag_update_cb (self, offset_x, offset_y, gesture);
  self->dragging = FALSE;
  update_cursor (self);
  /* The view is still now: ask for the sharp frame at once. The history
   * entry waits for the swipe gesture, which may start a fling. */
  schedule_render (self, 0);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->settle_source = g_idle_add (settle_cb, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->settle_source),
                            "[planviewer] map drag settle");
}

static void
swipe_cb (PvMapView       *self,
          double           velocity_x,
          double           velocity_y,
          GtkGestureSwipe *gesture)
{
  if (self->map == NULL || self->box_zooming || self->pinching || self->tool_took_drag
      || self->divider_took_drag)
    return;
  pv_map_view_fling (self, velocity_x, velocity_y);
}

static gboolean
cancel_box_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  PvMapView *self = PV_MAP_VIEW (widget);

  if (!self->box_zooming)
    return FALSE;
  self->box_zooming = FALSE;
  gtk_gesture_set_state (self->drag_gesture, GTK_EVENT_SEQUENCE_DENIED);
  update_cursor (self);
  gtk_widget_queue_draw (widget);
  return TRUE;
}

static void
pinch_begin_cb (PvMapView  *self,
                GdkEventSequence *sequence,
                GtkGesture *gesture)
{
  if (self->map == NULL)
    {
      gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  stop_fling (self);
  stop_animation (self);
  history_commit (self);
  self->pinching = TRUE;
  self->pinch_scale = 1.0;
  if (!gtk_gesture_get_bounding_box_center (gesture, &self->pinch_x, &self->pinch_y))
    {
      self->pinch_x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      self->pinch_y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
}

static void
pinch_scale_changed_cb (PvMapView      *self,
                        double          scale,
                        GtkGestureZoom *gesture)
{
  double x, y, factor;

  if (!self->pinching || !(scale > 0))
    return;
  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = self->pinch_x;
      y = self->pinch_y;
    }
  factor = scale / self->pinch_scale;
  self->pinch_scale = scale;
  /* The fingers' midpoint carries the map along and anchors the zoom. */
  pv_map_view_pan (self, x - self->pinch_x, y - self->pinch_y);
  self->pinch_x = x;
  self->pinch_y = y;
  factor = clamp_factor (self, pv_viewport_get_resolution (self->viewport), factor);
  if (factor != 1.0)
    pv_viewport_zoom_at (self->viewport, factor, x * device_scale (self), y * device_scale (self));
}

static void
pinch_end_cb (PvMapView        *self,
              GdkEventSequence *sequence,
              GtkGesture       *gesture)
{
  if (!self->pinching)
    return;
  self->pinching = FALSE;
  history_commit (self);
  schedule_render (self, 0);
}

static gboolean
scroll_end_cb (gpointer user_data)
{
  PvMapView *self = user_data;

  self->scroll_end_source = 0;
  history_commit (self);
  return G_SOURCE_REMOVE;
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

  /* Ctrl+scroll sizes the circle of the pointer tool or the spyglass. */
  if (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller)) & GDK_CONTROL_MASK)
    {
      factor = pow (RADIUS_SCROLL_STEP, gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
                                        ? -dy : -dy / 15.0);
      if (self->pointer_mode == PV_POINTER_SPOTLIGHT || self->pointer_mode == PV_POINTER_MAGNIFIER)
        {
          pv_map_view_set_pointer_radius (self, self->pointer_radius * factor);
          return TRUE;
        }
      if (self->compare_map != NULL && self->compare_mode == PV_COMPARE_SPYGLASS)
        {
          pv_map_view_set_spyglass_radius (self, self->spyglass_radius * factor);
          return TRUE;
        }
    }

  stop_fling (self);
  if (self->scroll_end_source == 0)
    {
      /* The first event of a burst: the view before it is an entry. */
      stop_animation (self);
      history_commit (self);
    }
  else
    {
      g_clear_handle_id (&self->scroll_end_source, g_source_remove);
    }
  /* A wheel notch lands at once, also during a zoom animation. */
  stop_animation (self);

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
  self->scroll_end_source = g_timeout_add (SCROLL_END_MS, scroll_end_cb, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->scroll_end_source),
                            "[planviewer] map scroll end");
  factor = clamp_factor (self, pv_viewport_get_resolution (self->viewport), factor);
  if (factor != 1.0)
    pv_viewport_zoom_at (self->viewport, factor, x * device_scale (self), y * device_scale (self));
  return TRUE;
}

static void
motion_cb (PvMapView                *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  gboolean hover;

  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  emit_pointer (self);
  if (self->tool != NULL && !self->tool_dragging)
    pv_map_tool_motion (self->tool, self, x, y);

  /* The spyglass and the pointer tools follow the pointer, drawn over the
   * frames without a render (the lens renders its own sharp frame). */
  if (self->compare_map != NULL && self->compare_mode == PV_COMPARE_SPYGLASS && !self->spyglass_dragging)
    {
      self->spyglass_x = x;
      self->spyglass_y = y;
      self->spyglass_placed = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  hover = near_divider (self, x, DIVIDER_GRAB_PX);
  if (hover != self->divider_hover)
    {
      self->divider_hover = hover;
      update_cursor (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (self->pointer_mode != PV_POINTER_NONE)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->pointer_mode == PV_POINTER_MAGNIFIER)
    schedule_slot (self, &self->slots[SLOT_LENS], LENS_DELAY_MS);
}

static gboolean
tool_key_pressed_cb (PvMapView       *self,
                     guint            keyval,
                     guint            keycode,
                     GdkModifierType  state)
{
  return self->tool != NULL && pv_map_tool_key_pressed (self->tool, self, keyval, state);
}

static void
leave_cb (PvMapView                *self,
          GtkEventControllerMotion *controller)
{
  self->pointer_inside = FALSE;
  g_signal_emit (self, signals[SIGNAL_POINTER_LEFT], 0);
  if (self->divider_hover)
    {
      self->divider_hover = FALSE;
      update_cursor (self);
    }
  if (self->pointer_mode != PV_POINTER_NONE || self->divider_hover)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->pointer_mode == PV_POINTER_MAGNIFIER)
    schedule_slot (self, &self->slots[SLOT_LENS], LENS_DELAY_MS);
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
  /* Presses on the divider's handle are not the map's. */
  if (self->divider_took_drag)
    return;
  /* A tool had the first press (drag begin); later ones of a multi-click
   * (a double click ends a line) are its too. */
  if (self->tool != NULL)
    {
      GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

      if (n_press > 1 && pv_map_tool_press (self->tool, self, n_press, x, y, state))
        return;
      if (self->tool_took_drag)
        return;
    }
  /* Double click zooms in on the point (with Shift, out). */
  if (n_press == 2)
    {
      GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

      zoom_step (self, (state & GDK_SHIFT_MASK) ? 1.0 / ZOOM_STEP : ZOOM_STEP, x, y);
    }
}

/* The mouse's back and forward buttons (8 and 9) walk the view history. */
static void
nav_button_pressed_cb (PvMapView       *self,
                       int              n_press,
                       double           x,
                       double           y,
                       GtkGestureClick *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (button == 8)
    history_go (self, -1);
  else if (button == 9)
    history_go (self, +1);
  else
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Actions */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  zoom_step (PV_MAP_VIEW (widget), ZOOM_STEP,
             gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  zoom_step (PV_MAP_VIEW (widget), 1.0 / ZOOM_STEP,
             gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
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
  PvMapView *self = PV_MAP_VIEW (widget);
  double dx, dy;

  g_variant_get (parameter, "(dd)", &dx, &dy);
  stop_fling (self);
  stop_animation (self);
  history_commit (self);
  pv_map_view_pan (self, dx, dy);
  history_commit (self);
}

static void
pan_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PvMapView *self = PV_MAP_VIEW (widget);

  /* "Left" shows what is left of the view: the map moves right. */
  if (g_str_equal (action_name, "map.pan-left"))
    pan_step (self, KEY_PAN_SHARE, 0);
  else if (g_str_equal (action_name, "map.pan-right"))
    pan_step (self, -KEY_PAN_SHARE, 0);
  else if (g_str_equal (action_name, "map.pan-up"))
    pan_step (self, 0, KEY_PAN_SHARE);
  else if (g_str_equal (action_name, "map.pan-down"))
    pan_step (self, 0, -KEY_PAN_SHARE);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  history_go (PV_MAP_VIEW (widget), -1);
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  history_go (PV_MAP_VIEW (widget), +1);
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

  /* Each child places itself by its halign, valign and margins. */
  gtk_widget_allocate (self->controls, width, height, baseline, NULL);
  gtk_widget_allocate (self->scale_bar, width, height, baseline, NULL);
  gtk_widget_allocate (self->north_arrow, width, height, baseline, NULL);
  self->allocated = width > 0 && height > 0;

  g_object_freeze_notify (G_OBJECT (self->viewport));
  pv_viewport_set_dpi (self->viewport, 96.0 * scale);
  pv_viewport_set_size (self->viewport, MAX (1, (int) (width * scale)), MAX (1, (int) (height * scale)));
  g_object_thaw_notify (G_OBJECT (self->viewport));
  apply_pending_view (self);
  /* Shown again at the same size after the map changed while hidden. */
  for (guint i = 0; i < N_SLOTS; i++)
    {
      Slot *slot = &self->slots[i];

      if ((slot->frame_stale || slot->frame == NULL)
          && slot->render_source == 0 && slot->render_cancellable == NULL)
        {
          schedule_render (self, RENDER_DELAY_MS);
          break;
        }
    }
}

static void
snapshot_debug (PvMapView   *self,
                GtkSnapshot *snapshot)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *crs = NULL;
  g_autofree char *text = NULL;
  PvCrs *map_crs = self->map ? pv_map_get_crs (self->map) : NULL;
  Slot *main = &self->slots[SLOT_MAIN];
  int width, height;

  crs = map_crs ? pv_crs_dup_label (map_crs) : g_strdup ("—");
  text = g_strdup_printf ("res %.6g u/px  scale %.0f  %d×%d dev px (frame %d×%d)\n"
                          "CRS %s  last render %.1f ms%s",
                          pv_viewport_get_resolution (self->viewport),
                          pv_viewport_get_scale (self->viewport),
                          pv_viewport_get_width (self->viewport),
                          pv_viewport_get_height (self->viewport),
                          main->frame_viewport ? pv_viewport_get_width (main->frame_viewport) : 0,
                          main->frame_viewport ? pv_viewport_get_height (main->frame_viewport) : 0,
                          crs, main->frame_render_usec / 1000.0,
                          main->render_cancellable ? "  rendering…" : "");
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
snapshot_box (PvMapView   *self,
              GtkSnapshot *snapshot)
{
  /* The rubber band, in the accent blue of both styles. */
  const GdkRGBA fill = { 0.21, 0.52, 0.89, 0.2 };
  const GdkRGBA edge = { 0.21, 0.52, 0.89, 1.0 };
  double x = MIN (self->drag_start_x, self->drag_start_x + self->drag_last_x);
  double y = MIN (self->drag_start_y, self->drag_start_y + self->drag_last_y);
  double w = fabs (self->drag_last_x);
  double h = fabs (self->drag_last_y);
  GskRoundedRect border;
  const float widths[4] = { 1, 1, 1, 1 };
  const GdkRGBA colors[4] = { edge, edge, edge, edge };

  gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (x, y, w, h));
  gsk_rounded_rect_init_from_rect (&border, &GRAPHENE_RECT_INIT (x, y, w, h), 0);
  gtk_snapshot_append_border (snapshot, &border, widths, colors);
}

/* Draws the slot's frame where its map extent is in the current view (the
 * old frame moved and scaled until the sharp one arrives), magnified by
 * zoom around the widget point (cx, cy), within bounds (NULL: the view). */
static void
snapshot_slot (PvMapView             *self,
               GtkSnapshot           *snapshot,
               Slot                  *slot,
               double                 zoom,
               double                 cx,
               double                 cy,
               const graphene_rect_t *bounds)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double scale = device_scale (self);
  double fxmin, fymin, fxmax, fymax, x0, y0, x1, y1;
  graphene_rect_t frame_rect, view_rect;

  if (slot->frame == NULL || slot->frame_viewport == NULL)
    return;

  pv_viewport_get_extent (slot->frame_viewport, &fxmin, &fymin, &fxmax, &fymax);
  pv_viewport_map_to_screen (self->viewport, fxmin, fymax, &x0, &y0);
  pv_viewport_map_to_screen (self->viewport, fxmax, fymin, &x1, &y1);
  x0 = cx + zoom * (x0 / scale - cx);
  y0 = cy + zoom * (y0 / scale - cy);
  x1 = cx + zoom * (x1 / scale - cx);
  y1 = cy + zoom * (y1 / scale - cy);

  graphene_rect_init (&frame_rect, x0, y0, x1 - x0, y1 - y0);
  graphene_rect_init (&view_rect, 0, 0, width, height);
  if (bounds == NULL)
    bounds = &view_rect;
  if (GSK_IS_CAIRO_RENDERER (renderer) && slot->frame_surface != NULL)
    {
      graphene_rect_t visible;

      /* GTK 4.8's cairo renderer turns a memory texture into a new image
       * surface on every frame, pixel by pixel; a cairo node paints the
       * frame's own surface directly. GL renderers keep the texture
       * uploaded, so they get the texture. */
      if (graphene_rect_intersection (&frame_rect, bounds, &visible))
        {
          cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &visible);

          cairo_translate (cr, frame_rect.origin.x, frame_rect.origin.y);
          cairo_scale (cr, frame_rect.size.width / cairo_image_surface_get_width (slot->frame_surface),
                       frame_rect.size.height / cairo_image_surface_get_height (slot->frame_surface));
          cairo_set_source_surface (cr, slot->frame_surface, 0, 0);
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
          cairo_paint (cr);
          cairo_destroy (cr);
        }
    }
  else
    {
      gtk_snapshot_push_clip (snapshot, bounds);
      gtk_snapshot_append_texture (snapshot, slot->frame, &frame_rect);
      gtk_snapshot_pop (snapshot);
    }
}

static void
push_circle_clip (GtkSnapshot *snapshot,
                  double       x,
                  double       y,
                  double       r)
{
  GskRoundedRect circle;

  gsk_rounded_rect_init_from_rect (&circle, &GRAPHENE_RECT_INIT (x - r, y - r, 2 * r, 2 * r), r);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
}

/* A ring in white over a dark halo, legible on any map. */
static void
draw_ring (cairo_t *cr,
           double   x,
           double   y,
           double   r)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_line_width (cr, 5);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 2.5);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_stroke (cr);
}

/* Group B over group A: right of the divider, or in the spyglass. */
static void
snapshot_compare (PvMapView   *self,
                  GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  Slot *slot = &self->slots[SLOT_COMPARE];

  if (self->compare_mode == PV_COMPARE_SWIPE)
    {
      double x = divider_x (self);

      /* Over the view's own (white) background: A is not drawn there. */
      graphene_rect_t right = GRAPHENE_RECT_INIT (x, 0, MAX (0, width - x), height);

      gtk_snapshot_push_clip (snapshot, &right);
      snapshot_slot (self, snapshot, slot, 1, 0, 0, &right);
      gtk_snapshot_pop (snapshot);
    }
  else if (self->compare_mode == PV_COMPARE_SPYGLASS)
    {
      double x, y, r = spyglass_radius_px (self);

      spyglass_center (self, &x, &y);
      push_circle_clip (snapshot, x, y, r);
      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 },
                                 &GRAPHENE_RECT_INIT (x - r, y - r, 2 * r, 2 * r));
      snapshot_slot (self, snapshot, slot, 1, 0, 0, NULL);
      gtk_snapshot_pop (snapshot);
    }
}

/* The divider as a handle, or the spyglass's ring. */
static void
snapshot_compare_handle (PvMapView   *self,
                         GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->compare_mode == PV_COMPARE_SWIPE)
    {
      double x = divider_x (self);
      double y = height / 2.0;
      double k = DIVIDER_KNOB_RADIUS;
      gboolean active = self->divider_dragging || self->divider_hover;
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x - k - 4, 0, 2 * k + 8, height));

      /* The line: white over a dark halo. */
      cairo_rectangle (cr, x - 2.5, 0, 5, height);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
      cairo_fill (cr);
      cairo_rectangle (cr, x - 1, 0, 2, height);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
      /* The knob, with arrows left and right. */
      cairo_arc (cr, x, y, k + 1.5, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
      cairo_fill (cr);
      cairo_arc (cr, x, y, k, 0, 2 * G_PI);
      if (active)
        cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
      if (active)
        cairo_set_source_rgb (cr, 1, 1, 1);
      else
        cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_move_to (cr, x - 3, y - 5);
      cairo_line_to (cr, x - 9, y);
      cairo_line_to (cr, x - 3, y + 5);
      cairo_close_path (cr);
      cairo_move_to (cr, x + 3, y - 5);
      cairo_line_to (cr, x + 9, y);
      cairo_line_to (cr, x + 3, y + 5);
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_destroy (cr);
    }
  else if (self->compare_mode == PV_COMPARE_SPYGLASS)
    {
      double x, y, r = spyglass_radius_px (self);
      cairo_t *cr;

      spyglass_center (self, &x, &y);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x - r - 4, y - r - 4, 2 * r + 8, 2 * r + 8));
      draw_ring (cr, x, y, r);
      cairo_destroy (cr);
    }
  (void) width;
}

/* The pointer tools, over everything the map shows. */
static void
snapshot_pointer (PvMapView   *self,
                  GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double x = self->pointer_x, y = self->pointer_y;
  cairo_t *cr;

  if (!self->pointer_inside || self->pointer_mode == PV_POINTER_NONE)
    return;

  switch (self->pointer_mode)
    {
    case PV_POINTER_LASER:
      {
        double g = LASER_GLOW_RADIUS;
        cairo_pattern_t *glow;

        cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x - g, y - g, 2 * g, 2 * g));
        glow = cairo_pattern_create_radial (x, y, LASER_RADIUS, x, y, g);
        cairo_pattern_add_color_stop_rgba (glow, 0, 1, 0.1, 0.1, 0.6);
        cairo_pattern_add_color_stop_rgba (glow, 1, 1, 0.1, 0.1, 0);
        cairo_set_source (cr, glow);
        cairo_arc (cr, x, y, g, 0, 2 * G_PI);
        cairo_fill (cr);
        cairo_pattern_destroy (glow);
        cairo_arc (cr, x, y, LASER_RADIUS, 0, 2 * G_PI);
        cairo_set_source_rgb (cr, 1, 0.1, 0.1);
        cairo_fill (cr);
        cairo_destroy (cr);
      }
      break;

    case PV_POINTER_SPOTLIGHT:
      {
        double r = MAX (8, self->pointer_radius * min_side (self));

        cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
        cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
        cairo_rectangle (cr, 0, 0, width, height);
        cairo_arc (cr, x, y, r, 0, 2 * G_PI);
        cairo_set_source_rgba (cr, 0, 0, 0, SPOTLIGHT_DIM);
        cairo_fill (cr);
        cairo_destroy (cr);
      }
      break;

    case PV_POINTER_MAGNIFIER:
      {
        double r = lens_radius (self);
        Slot *lens = &self->slots[SLOT_LENS];
        Slot *under = lens_map (self) == self->compare_map && self->compare_map != NULL
                      ? &self->slots[SLOT_COMPARE] : &self->slots[SLOT_MAIN];

        push_circle_clip (snapshot, x, y, r);
        gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 },
                                   &GRAPHENE_RECT_INIT (x - r, y - r, 2 * r, 2 * r));
        /* The view's frame enlarged at once; the lens's own frame, rendered
         * at the lens's resolution, over it when it has come. */
        snapshot_slot (self, snapshot, under, LENS_ZOOM, x, y, NULL);
        if (lens->frame != NULL && lens->frame_map == lens_map (self)
            && pv_viewport_get_resolution (lens->frame_viewport)
               == pv_viewport_get_resolution (self->viewport) / LENS_ZOOM)
          snapshot_slot (self, snapshot, lens, LENS_ZOOM, x, y, NULL);
        gtk_snapshot_pop (snapshot);
        cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x - r - 4, y - r - 4, 2 * r + 8, 2 * r + 8));
        draw_ring (cr, x, y, r);
        cairo_destroy (cr);
      }
      break;

    case PV_POINTER_NONE:
    default:
      break;
    }
}

static void
pv_map_view_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  PvMapView *self = PV_MAP_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (self->compare_map != NULL && self->compare_mode == PV_COMPARE_SWIPE
      && self->slots[SLOT_COMPARE].frame != NULL)
    {
      /* Group A left of the divider only: what B covers is not painted
       * twice (the cairo renderer paints every pixel it is given). */
      graphene_rect_t left = GRAPHENE_RECT_INIT (0, 0, divider_x (self), height);

      gtk_snapshot_push_clip (snapshot, &left);
      snapshot_slot (self, snapshot, &self->slots[SLOT_MAIN], 1, 0, 0, &left);
      gtk_snapshot_pop (snapshot);
    }
  else
    snapshot_slot (self, snapshot, &self->slots[SLOT_MAIN], 1, 0, 0, NULL);
  if (self->compare_map != NULL)
    snapshot_compare (self, snapshot);

  if (self->map != NULL && (self->overlays->len > 0 || pv_map_has_annotations (self->map)))
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      double scale = device_scale (self);

      /* Overlays draw in the viewport's device pixels, as the renderer does. */
      cairo_scale (cr, 1.0 / scale, 1.0 / scale);
      pv_render_map_annotations (self->map, self->viewport, cr);
      for (guint i = 0; i < self->overlays->len; i++)
        {
          Overlay *overlay = &g_array_index (self->overlays, Overlay, i);

          cairo_save (cr);
          overlay->func (cr, self->viewport, overlay->data);
          cairo_restore (cr);
        }
      cairo_destroy (cr);
    }
  if (self->tool != NULL)
    pv_map_tool_snapshot (self->tool, self, snapshot);

  if (self->box_zooming)
    snapshot_box (self, snapshot);

  if (self->compare_map != NULL)
    snapshot_compare_handle (self, snapshot);
  snapshot_pointer (self, snapshot);

  gtk_widget_snapshot_child (widget, self->scale_bar, snapshot);
  gtk_widget_snapshot_child (widget, self->north_arrow, snapshot);

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

static void
pv_map_view_unmap (GtkWidget *widget)
{
  PvMapView *self = PV_MAP_VIEW (widget);

  /* Tick callbacks stop with the frame clock: land where they were going. */
  stop_fling (self);
  if (self->anim_to != NULL)
    pv_viewport_interpolate (self->viewport, self->viewport, self->anim_to, 1.0);
  stop_animation (self);

  GTK_WIDGET_CLASS (pv_map_view_parent_class)->unmap (widget);
}

/* GObject */

static void
pv_map_view_dispose (GObject *object)
{
  PvMapView *self = PV_MAP_VIEW (object);

  cancel_render (self);
  stop_fling (self);
  stop_animation (self);
  g_clear_handle_id (&self->scroll_end_source, g_source_remove);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  if (self->map != NULL)
    {
      disconnect_layers (self);
      g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->map, map_crs_changed_cb, self);
    }
  if (self->tool != NULL)
    pv_map_tool_deactivate (self->tool, self);
  g_clear_object (&self->tool);
  for (guint i = 0; self->overlays != NULL && i < self->overlays->len; i++)
    {
      Overlay *overlay = &g_array_index (self->overlays, Overlay, i);

      if (overlay->destroy != NULL)
        overlay->destroy (overlay->data);
    }
  if (self->overlays != NULL)
    g_array_set_size (self->overlays, 0);
  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_func (self->annotations, gtk_widget_queue_draw, self);
  g_clear_object (&self->annotations);
  g_clear_object (&self->map);
  g_clear_object (&self->compare_map);
  for (guint i = 0; i < N_SLOTS; i++)
    slot_clear_frame (&self->slots[i]);

  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_MAP_VIEW);

  G_OBJECT_CLASS (pv_map_view_parent_class)->dispose (object);
}

static void
pv_map_view_finalize (GObject *object)
{
  PvMapView *self = PV_MAP_VIEW (object);

  g_clear_object (&self->viewport);
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_pointer (&self->overlays, g_array_unref);

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

    case PROP_TOOL:
      g_value_set_object (value, self->tool);
      break;

    case PROP_RENDERING:
      g_value_set_boolean (value, pv_map_view_get_rendering (self));
      break;

    case PROP_COMPARE_MODE:
      g_value_set_enum (value, self->compare_mode);
      break;

    case PROP_COMPARE_MAP:
      g_value_set_object (value, self->compare_map);
      break;

    case PROP_COMPARE_POSITION:
      g_value_set_double (value, self->compare_position);
      break;

    case PROP_SPYGLASS_RADIUS:
      g_value_set_double (value, self->spyglass_radius);
      break;

    case PROP_POINTER_MODE:
      g_value_set_enum (value, self->pointer_mode);
      break;

    case PROP_POINTER_RADIUS:
      g_value_set_double (value, self->pointer_radius);
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

    case PROP_COMPARE_POSITION:
      pv_map_view_set_compare_position (self, g_value_get_double (value));
      break;

    case PROP_SPYGLASS_RADIUS:
      pv_map_view_set_spyglass_radius (self, g_value_get_double (value));
      break;

    case PROP_POINTER_MODE:
      pv_map_view_set_pointer_mode (self, g_value_get_enum (value));
      break;

    case PROP_POINTER_RADIUS:
      pv_map_view_set_pointer_radius (self, g_value_get_double (value));
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
  widget_class->unmap = pv_map_view_unmap;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL,
                         PV_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RENDERING] =
    g_param_spec_boolean ("rendering", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The tool taking pointer input (pv_map_view_set_tool), or NULL. */
  properties[PROP_TOOL] =
    g_param_spec_object ("tool", NULL, NULL,
                         PV_TYPE_MAP_TOOL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Compare: set both with pv_map_view_set_compare(). */
  properties[PROP_COMPARE_MODE] =
    g_param_spec_enum ("compare-mode", NULL, NULL,
                       PV_TYPE_COMPARE_MODE, PV_COMPARE_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPARE_MAP] =
    g_param_spec_object ("compare-map", NULL, NULL,
                         PV_TYPE_MAP,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPARE_POSITION] =
    g_param_spec_double ("compare-position", NULL, NULL,
                         0.0, 1.0, 0.5,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPYGLASS_RADIUS] =
    g_param_spec_double ("spyglass-radius", NULL, NULL,
                         RADIUS_MIN, RADIUS_MAX, SPYGLASS_RADIUS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POINTER_MODE] =
    g_param_spec_enum ("pointer-mode", NULL, NULL,
                       PV_TYPE_POINTER_MODE, PV_POINTER_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POINTER_RADIUS] =
    g_param_spec_double ("pointer-radius", NULL, NULL,
                         RADIUS_MIN, RADIUS_MAX, POINTER_RADIUS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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

  g_type_ensure (PV_TYPE_SCALE_BAR);
  g_type_ensure (PV_TYPE_NORTH_ARROW);
  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PvMapView, controls);
  gtk_widget_class_bind_template_child (widget_class, PvMapView, scale_bar);
  gtk_widget_class_bind_template_child (widget_class, PvMapView, north_arrow);
  gtk_widget_class_bind_template_child (widget_class, PvMapView, drag_gesture);
  gtk_widget_class_bind_template_child (widget_class, PvMapView, swipe_gesture);
  gtk_widget_class_bind_template_child (widget_class, PvMapView, zoom_gesture);
  gtk_widget_class_bind_template_callback (widget_class, drag_begin_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_update_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_end_cb);
  gtk_widget_class_bind_template_callback (widget_class, swipe_cb);
  gtk_widget_class_bind_template_callback (widget_class, pinch_begin_cb);
  gtk_widget_class_bind_template_callback (widget_class, pinch_scale_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pinch_end_cb);
  gtk_widget_class_bind_template_callback (widget_class, scroll_cb);
  gtk_widget_class_bind_template_callback (widget_class, motion_cb);
  gtk_widget_class_bind_template_callback (widget_class, leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, click_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, nav_button_pressed_cb);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-full", NULL, zoom_full_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(dd)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.pan-left", NULL, pan_step_action);
  gtk_widget_class_install_action (widget_class, "map.pan-right", NULL, pan_step_action);
  gtk_widget_class_install_action (widget_class, "map.pan-up", NULL, pan_step_action);
  gtk_widget_class_install_action (widget_class, "map.pan-down", NULL, pan_step_action);
  gtk_widget_class_install_action (widget_class, "map.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "map.forward", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "map.toggle-debug", NULL, toggle_debug_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_SHIFT_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "map.zoom-full", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "map.zoom-full", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "map.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "map.forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "map.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Forward, 0, "map.forward", NULL);
  /* Shift is usually still held while the box is drawn. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, cancel_box_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, GDK_SHIFT_MASK, cancel_box_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "map.toggle-debug", NULL);

  gtk_widget_class_set_css_name (widget_class, "mapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pv_map_view_init (PvMapView *self)
{
  GtkEventController *keys;

  self->history = g_array_new (FALSE, FALSE, sizeof (ViewEntry));
  self->overlays = g_array_new (FALSE, FALSE, sizeof (Overlay));
  for (guint i = 0; i < N_SLOTS; i++)
    {
      self->slots[i].id = i;
      self->slots[i].view = self;
    }
  self->compare_position = 0.5;
  self->spyglass_radius = SPYGLASS_RADIUS;
  self->pointer_radius = POINTER_RADIUS;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  /* The swipe measures the release speed of the drag's own sequence. */
  gtk_gesture_group (self->swipe_gesture, self->drag_gesture);
  /* Before the view's own shortcuts: a tool's Escape, Return, Delete… */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (tool_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->viewport = pv_viewport_new ();
  g_signal_connect_object (self->viewport, "changed", G_CALLBACK (viewport_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_cb), NULL);
  pv_scale_bar_set_viewport (PV_SCALE_BAR (self->scale_bar), self->viewport);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map"),
                                  -1);
  update_actions (self);
  update_overlays (self);
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

/* The map's annotations draw over it on every frame; an edit redraws the
 * view without rendering any layer. */
static void
watch_annotations (PvMapView *self)
{
  PvAnnotationSet *annotations = self->map != NULL ? pv_map_get_annotations (self->map) : NULL;

  if (self->annotations == annotations)
    return;
  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_func (self->annotations, gtk_widget_queue_draw, self);
  g_set_object (&self->annotations, annotations);
  if (self->annotations != NULL)
    g_signal_connect_object (self->annotations, "changed", G_CALLBACK (gtk_widget_queue_draw), self,
                             G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pv_map_view_set_map (PvMapView    *self,
                     PvMap        *map,
                     const double *view_extent)
{
  g_return_if_fail (PV_IS_MAP_VIEW (self));
  g_return_if_fail (map == NULL || PV_IS_MAP (map));

  stop_fling (self);
  stop_animation (self);
  if (self->map != map)
    {
      cancel_render (self);
      if (self->map != NULL)
        {
          disconnect_layers (self);
          g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);
          g_signal_handlers_disconnect_by_func (self->map, map_crs_changed_cb, self);
          g_signal_handlers_disconnect_by_func (self->map, watch_annotations, self);
        }
      g_set_object (&self->map, map);
      /* A different map: the old picture must not linger, nor a compare of
       * the old map's layers. */
      for (guint i = 0; i < N_SLOTS; i++)
        slot_clear_frame (&self->slots[i]);
      if (self->compare_map != NULL)
        {
          g_clear_object (&self->compare_map);
          self->compare_mode = PV_COMPARE_NONE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_MAP]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_MODE]);
        }
      if (self->map != NULL)
        {
          GListModel *layers = pv_map_get_layers (self->map);

          g_signal_connect_object (layers, "items-changed", G_CALLBACK (layers_changed_cb), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (self->map, "notify::crs", G_CALLBACK (map_crs_changed_cb), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (self->map, "notify::annotations", G_CALLBACK (watch_annotations), self,
                                   G_CONNECT_SWAPPED);
          connect_layers (self, 0, g_list_model_get_n_items (layers));
        }
      watch_annotations (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
    }
  invalidate_extent (self);
  history_clear (self);

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
  update_overlays (self);
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
  /* A jump, not a step: at once. */
  stop_fling (self);
  stop_animation (self);
  history_commit (self);
  fit_extent (self->viewport, xmin, ymin, xmax, ymax, FULL_EXTENT_MARGIN);
  history_commit (self);
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
  stop_fling (self);
  stop_animation (self);
  factor = clamp_factor (self, pv_viewport_get_resolution (self->viewport), factor);
  if (factor == 1.0)
    return;
  history_commit (self);
  scale = device_scale (self);
  pv_viewport_zoom_at (self->viewport, factor, x * scale, y * scale);
  history_commit (self);
}

void
pv_map_view_zoom_to_box (PvMapView *self,
                         double     x0,
                         double     y0,
                         double     x1,
                         double     y1)
{
  g_autoptr(PvViewport) target = NULL;
  double scale, res, factor;

  g_return_if_fail (PV_IS_MAP_VIEW (self));

  if (self->map == NULL || !has_size (self)
      || fabs (x1 - x0) < BOX_MIN_SIZE || fabs (y1 - y0) < BOX_MIN_SIZE)
    return;
  stop_fling (self);
  stop_animation (self);
  history_commit (self);
  scale = device_scale (self);
  target = pv_viewport_copy (self->viewport);
  pv_viewport_zoom_to_box (target, x0 * scale, y0 * scale, x1 * scale, y1 * scale);
  /* Not deeper than the zoom limit. */
  res = pv_viewport_get_resolution (self->viewport);
  factor = res / pv_viewport_get_resolution (target);
  pv_viewport_set_resolution (target, res / clamp_factor (self, res, factor));
  animate_to (self, target, ZOOM_ANIMATION_MS, FALSE);
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
pv_map_view_fling (PvMapView *self,
                   double     velocity_x,
                   double     velocity_y)
{
  double speed;

  g_return_if_fail (PV_IS_MAP_VIEW (self));

  speed = hypot (velocity_x, velocity_y);
  if (self->map == NULL || !isfinite (speed) || speed < FLING_MIN_SPEED)
    return;
  stop_animation (self);
  if (speed > FLING_MAX_SPEED)
    {
      velocity_x *= FLING_MAX_SPEED / speed;
      velocity_y *= FLING_MAX_SPEED / speed;
    }
  self->fling_vx = velocity_x;
  self->fling_vy = velocity_y;
  self->fling_last_time = 0;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (self->fling_tick == 0)
    self->fling_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), fling_tick_cb, NULL, NULL);
}

gboolean
pv_map_view_get_animating (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), FALSE);

  return self->fling_tick != 0 || self->anim_tick != 0;
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

  return self->slots[SLOT_MAIN].frame;
}

PvViewport *
pv_map_view_get_frame_viewport (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), NULL);

  return self->slots[SLOT_MAIN].frame_viewport;
}

gboolean
pv_map_view_get_frame_is_sharp (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), FALSE);

  return slot_frame_fits (self, &self->slots[SLOT_MAIN])
         && (self->compare_map == NULL || slot_frame_fits (self, &self->slots[SLOT_COMPARE]));
}

gboolean
pv_map_view_get_rendering (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), FALSE);

  for (guint i = 0; i < N_SLOTS; i++)
    if (slot_rendering (&self->slots[i]))
      return TRUE;
  return FALSE;
}

void
pv_map_view_queue_render (PvMapView *self)
{
  g_return_if_fail (PV_IS_MAP_VIEW (self));

  content_changed (self);
}

void
pv_map_view_map_to_widget (PvMapView *self,
                           double     map_x,
                           double     map_y,
                           double    *x,
                           double    *y)
{
  double scale;

  g_return_if_fail (PV_IS_MAP_VIEW (self));

  scale = device_scale (self);
  pv_viewport_map_to_screen (self->viewport, map_x, map_y, x, y);
  *x /= scale;
  *y /= scale;
}

void
pv_map_view_set_tool (PvMapView *self,
                      PvMapTool *tool)
{
  g_return_if_fail (PV_IS_MAP_VIEW (self));
  g_return_if_fail (tool == NULL || PV_IS_MAP_TOOL (tool));

  if (self->tool == tool)
    return;
  if (self->tool != NULL)
    {
      g_autoptr(PvMapTool) old = g_steal_pointer (&self->tool);

      self->tool_dragging = FALSE;
      pv_map_tool_deactivate (old, self);
    }
  if (tool != NULL)
    {
      self->tool = g_object_ref (tool);
      pv_map_tool_activate (tool, self);
    }
  update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

PvMapTool *
pv_map_view_get_tool (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), NULL);

  return self->tool;
}

guint
pv_map_view_add_overlay (PvMapView        *self,
                         PvMapOverlayFunc  func,
                         gpointer          data,
                         GDestroyNotify    destroy)
{
  Overlay overlay = { 0 };

  g_return_val_if_fail (PV_IS_MAP_VIEW (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  overlay.id = ++self->next_overlay_id;
  overlay.func = func;
  overlay.data = data;
  overlay.destroy = destroy;
  g_array_append_val (self->overlays, overlay);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return overlay.id;
}

void
pv_map_view_remove_overlay (PvMapView *self,
                            guint      id)
{
  g_return_if_fail (PV_IS_MAP_VIEW (self));

  for (guint i = 0; i < self->overlays->len; i++)
    {
      Overlay overlay = g_array_index (self->overlays, Overlay, i);

      if (overlay.id != id)
        continue;
      g_array_remove_index (self->overlays, i);
      if (overlay.destroy != NULL)
        overlay.destroy (overlay.data);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
}

/* Compare and pointer tools */

void
pv_map_view_set_compare (PvMapView     *self,
                         PvMap         *other,
                         PvCompareMode  mode)
{
  Slot *slot;

  g_return_if_fail (PV_IS_MAP_VIEW (self));
  g_return_if_fail (other == NULL || PV_IS_MAP (other));
  g_return_if_fail (mode <= PV_COMPARE_SPYGLASS);

  if (other == NULL || mode == PV_COMPARE_NONE)
    {
      other = NULL;
      mode = PV_COMPARE_NONE;
    }
  if (self->compare_map == other && self->compare_mode == mode)
    return;

  slot = &self->slots[SLOT_COMPARE];
  if (self->compare_map != other)
    {
      gboolean was_rendering = pv_map_view_get_rendering (self);

      /* Another group B: its old frame must not show. */
      cancel_slot (self, slot);
      slot_clear_frame (slot);
      slot->frame_stale = TRUE;
      g_set_object (&self->compare_map, other);
      /* The lens may show group B. */
      slot_content_changed (self, &self->slots[SLOT_LENS]);
      notify_rendering (self, was_rendering);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_MAP]);
    }
  if (self->compare_mode != mode)
    {
      self->compare_mode = mode;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_MODE]);
    }
  self->divider_hover = self->pointer_inside && near_divider (self, self->pointer_x, DIVIDER_GRAB_PX);
  update_cursor (self);
  schedule_render (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

PvCompareMode
pv_map_view_get_compare_mode (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), PV_COMPARE_NONE);

  return self->compare_mode;
}

PvMap *
pv_map_view_get_compare_map (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), NULL);

  return self->compare_map;
}

void
pv_map_view_set_compare_position (PvMapView *self,
                                  double     position)
{
  g_return_if_fail (PV_IS_MAP_VIEW (self));

  if (!isfinite (position))
    return;
  position = CLAMP (position, 0.0, 1.0);
  if (self->compare_position == position)
    return;
  self->compare_position = position;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_POSITION]);
}

double
pv_map_view_get_compare_position (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), 0.5);

  return self->compare_position;
}

void
pv_map_view_set_spyglass_radius (PvMapView *self,
                                 double     radius)
{
  g_return_if_fail (PV_IS_MAP_VIEW (self));

  if (!isfinite (radius))
    return;
  radius = CLAMP (radius, RADIUS_MIN, RADIUS_MAX);
  if (self->spyglass_radius == radius)
    return;
  self->spyglass_radius = radius;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPYGLASS_RADIUS]);
}

double
pv_map_view_get_spyglass_radius (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), SPYGLASS_RADIUS);

  return self->spyglass_radius;
}

void
pv_map_view_set_pointer_mode (PvMapView     *self,
                              PvPointerMode  mode)
{
  g_return_if_fail (PV_IS_MAP_VIEW (self));
  g_return_if_fail (mode <= PV_POINTER_MAGNIFIER);

  if (self->pointer_mode == mode)
    return;
  self->pointer_mode = mode;
  update_cursor (self);
  schedule_slot (self, &self->slots[SLOT_LENS], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINTER_MODE]);
}

PvPointerMode
pv_map_view_get_pointer_mode (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), PV_POINTER_NONE);

  return self->pointer_mode;
}

void
pv_map_view_set_pointer_radius (PvMapView *self,
                                double     radius)
{
  g_return_if_fail (PV_IS_MAP_VIEW (self));

  if (!isfinite (radius))
    return;
  radius = CLAMP (radius, RADIUS_MIN, RADIUS_MAX);
  if (self->pointer_radius == radius)
    return;
  self->pointer_radius = radius;
  /* A bigger lens may need more of its frame. */
  schedule_slot (self, &self->slots[SLOT_LENS], LENS_DELAY_MS);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINTER_RADIUS]);
}

double
pv_map_view_get_pointer_radius (PvMapView *self)
{
  g_return_val_if_fail (PV_IS_MAP_VIEW (self), POINTER_RADIUS);

  return self->pointer_radius;
}
