/* pv-presentation.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "pv-flight.h"
#include "pv-geodesic.h"
#include "pv-north-arrow.h"
#include "pv-presentation.h"
#include "pv-presentation-console.h"
#include "pv-print-legend.h"
#include "pv-scale-bar.h"
#include "pv-task.h"

/* Overlay sizes, as shares of the screen height (they must read from the
 * back of a hall, whatever the projector's resolution). */
#define TITLE_SHARE       0.04
#define SUBTITLE_SHARE    0.025
#define NUMBER_SHARE      0.025
#define MARGIN_SHARE      0.025
#define ARROW_SHARE       0.09
/* Furniture text in millimetres (scale bar, legend) becomes screen pixels at
 * the height / MM_PER_HEIGHT pixels a millimetre: 2.8 mm legend text is
 * about 1.75 % of the height. */
#define MM_PER_HEIGHT     160.0
/* The overview rendered for a flight is larger than its widest view, so
 * that the views near the top of the path stay inside it. */
#define OVERVIEW_OVERSCAN 0.5
/* Background where no cached frame covers the view during a flight. */
#define FLIGHT_BACKGROUND ((GdkRGBA) { 0.96, 0.96, 0.95, 1.0 })

typedef struct
{
  cairo_surface_t *surface;
  GdkTexture      *texture;
  PvViewport      *viewport;
} CachedFrame;

struct _PvPresentation
{
  GtkWindow        parent_instance;

  GtkWindow       *parent;          /* weak */
  PvMap           *source_map;
  PvMap           *map;             /* copy showing the slide's layers */
  PvBookmarkList  *bookmarks;
  PvMapView       *view;
  GtkWidget       *console;         /* PvPresentationConsole or NULL */
  PvViewport      *start_view;

  int              slide;
  GString         *digits;
  PvPresentationBlank blank;
  PvPresentationOverlays overlays;
  char            *message;         /* the last problem with a slide, or NULL */

  /* The slide's legend (built on a worker) and north angle. */
  GPtrArray       *legend;          /* PvLegendEntry */
  GCancellable    *legend_cancellable;
  cairo_surface_t *legend_surface;  /* drawn once for this size */
  int              legend_height;
  double           north_angle;

  /* The flight. */
  guint            generation;      /* of renders: a newer flight drops older ones */
  guint            tick_id;
  gboolean         flying;
  gboolean         handing_over;    /* landed, waiting for the view's sharp frame */
  PvFlight         flight;
  gint64           flight_start;
  double           flight_duration; /* µs */
  double           flight_s;
  PvViewport      *flight_view;     /* the view on the path, device pixels */
  PvViewport      *flight_target;
  GCancellable    *flight_cancellable;
  CachedFrame      frames[3];       /* overview, start, target */
  gboolean         waiting_first_frame;
};

enum {
  FRAME_OVERVIEW,
  FRAME_START,
  FRAME_TARGET,
};

G_DEFINE_FINAL_TYPE (PvPresentation, pv_presentation, GTK_TYPE_WINDOW)

static void update_slide_furniture (PvPresentation *self);

static void
cached_frame_clear (CachedFrame *frame)
{
  g_clear_pointer (&frame->surface, cairo_surface_destroy);
  g_clear_object (&frame->texture);
  g_clear_object (&frame->viewport);
}

/* Takes surface (an ARGB32 image) as the frame for viewport, made opaque
 * on the flight's background once, so that every frame of the flight can
 * copy it rather than blend it. */
static void
cached_frame_set (CachedFrame     *frame,
                  cairo_surface_t *surface,
                  PvViewport      *viewport)
{
  g_autoptr(GBytes) bytes = NULL;
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  cairo_t *cr;

  cached_frame_clear (frame);
  cr = cairo_create (surface);
  cairo_set_operator (cr, CAIRO_OPERATOR_DEST_OVER);
  gdk_cairo_set_source_rgba (cr, &FLIGHT_BACKGROUND);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  frame->texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                           GDK_MEMORY_DEFAULT, bytes, stride);
  frame->surface = surface;
  frame->viewport = pv_viewport_copy (viewport);
}

static double
device_scale (PvPresentation *self)
{
  return MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

static gboolean
animations_enabled (PvPresentation *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self));
}

/* The map layers a bookmark lists. */
static GPtrArray *
bookmark_layers (PvBookmark *bookmark,
                 PvMap      *map,
                 gboolean   *all_found)
{
  GPtrArray *layers = g_ptr_array_new ();
  guint n_layers = pv_map_get_n_layers (map);
  guint n = pv_bookmark_get_n_layers (bookmark);

  *all_found = TRUE;
  for (guint k = 0; k < n; k++)
    {
      const PvBookmarkLayer *wanted = pv_bookmark_get_layer (bookmark, k);
      gboolean found = FALSE;

      for (guint i = 0; i < n_layers; i++)
        {
          PvLayer *layer = pv_map_get_layer (map, i);

          if (pv_bookmark_layer_matches (wanted, layer))
            {
              if (!g_ptr_array_find (layers, layer, NULL))
                g_ptr_array_add (layers, layer);
              found = TRUE;
            }
        }
      *all_found = *all_found && found;
    }
  return layers;
}

static void
set_message (PvPresentation *self,
             const char     *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  if (message != NULL)
    g_message ("%s", message);
}

/* Legend */

static void
legend_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PvMap *map = task_data;
  double *extent = g_object_get_data (G_OBJECT (task), "extent");
  GPtrArray *legend = pv_legend_build_for_extent (map, extent, cancellable);

  if (legend == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  else
    g_task_return_pointer (task, legend, (GDestroyNotify) g_ptr_array_unref);
}

static void
legend_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PvPresentation) self = user_data;
  GPtrArray *legend = g_task_propagate_pointer (G_TASK (result), NULL);

  if (legend == NULL)
    return;
  if (g_task_get_cancellable (G_TASK (result)) != self->legend_cancellable)
    {
      g_ptr_array_unref (legend);
      return;
    }
  g_clear_pointer (&self->legend, g_ptr_array_unref);
  g_clear_pointer (&self->legend_surface, cairo_surface_destroy);
  self->legend = legend;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
build_legend (PvPresentation *self,
              const double    extent[4])
{
  g_autoptr(GTask) task = NULL;
  double *copy = g_memdup2 (extent, 4 * sizeof (double));

  g_cancellable_cancel (self->legend_cancellable);
  g_clear_object (&self->legend_cancellable);
  g_clear_pointer (&self->legend, g_ptr_array_unref);
  g_clear_pointer (&self->legend_surface, cairo_surface_destroy);
  self->legend_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->legend_cancellable, legend_done_cb, g_object_ref (self));
  g_task_set_task_data (task, pv_map_copy (self->map), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "extent", copy, g_free);
  pv_task_run_in_thread (task, legend_worker);
}

/* Flight */

typedef struct
{
  PvPresentation *self;   /* strong */
  guint           generation;
  guint           which;
  PvViewport     *viewport;
} FlightRender;

static void
flight_render_done_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  FlightRender *request = user_data;
  PvPresentation *self = request->self;
  cairo_surface_t *surface = pv_render_map_to_image_finish (result, NULL, NULL);

  if (surface != NULL && request->generation == self->generation
      && (self->flying || self->handing_over))
    {
      cached_frame_set (&self->frames[request->which], surface, request->viewport);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else if (surface != NULL)
    cairo_surface_destroy (surface);
  g_object_unref (request->viewport);
  g_object_unref (request->self);
  g_free (request);
}

static void
flight_render (PvPresentation *self,
               guint           which,
               PvViewport     *viewport)
{
  FlightRender *request = g_new0 (FlightRender, 1);

  request->self = g_object_ref (self);
  request->generation = self->generation;
  request->which = which;
  request->viewport = pv_viewport_copy (viewport);
  pv_render_map_to_image_async (self->map, viewport, self->flight_cancellable,
                                flight_render_done_cb, request);
}

static void
show_map_view (PvPresentation *self,
               gboolean        shown)
{
  gtk_widget_set_opacity (GTK_WIDGET (self->view), shown ? 1.0 : 0.0);
  gtk_widget_set_can_target (GTK_WIDGET (self->view), shown);
}

static void
end_flight (PvPresentation *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  self->flying = FALSE;
  self->handing_over = FALSE;
  self->generation++;
  g_cancellable_cancel (self->flight_cancellable);
  g_clear_object (&self->flight_cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (self->frames); i++)
    cached_frame_clear (&self->frames[i]);
  g_clear_object (&self->flight_view);
  g_clear_object (&self->flight_target);
  show_map_view (self, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The map view takes over when it shows the target sharp (or gave up). */
static void
check_handover (PvPresentation *self)
{
  if (!self->handing_over)
    return;
  if (pv_map_view_get_frame_is_sharp (self->view) || !pv_map_view_get_rendering (self->view))
    end_flight (self);
}

/* The slide's compare (swipe or spyglass with its group B), or none; set
 * when the view shows the slide, not while flying (group B would render for
 * a view nobody sees). */
static void
apply_compare (PvPresentation *self)
{
  PvBookmark *bookmark = pv_presentation_get_bookmark (self, self->slide);
  int mode = bookmark != NULL ? pv_bookmark_get_compare_mode (bookmark) : PV_BOOKMARK_COMPARE_NONE;

  if (mode == PV_BOOKMARK_COMPARE_SWIPE || mode == PV_BOOKMARK_COMPARE_SPYGLASS)
    {
      g_autoptr(PvMap) other = pv_bookmark_dup_compare_map (bookmark, self->map);

      pv_map_view_set_compare (self->view, other,
                               mode == PV_BOOKMARK_COMPARE_SWIPE ? PV_COMPARE_SWIPE : PV_COMPARE_SPYGLASS);
    }
  else if (pv_map_view_get_compare_mode (self->view) != PV_COMPARE_NONE)
    pv_map_view_set_compare (self->view, NULL, PV_COMPARE_NONE);
}

static void
land (PvPresentation *self)
{
  PvViewport *viewport = pv_map_view_get_viewport (self->view);

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  self->flying = FALSE;
  self->handing_over = TRUE;
  pv_flight_apply (&self->flight, pv_flight_get_length (&self->flight), self->flight_view);
  /* The view renders the target now; until it has, the cached target (or
   * what covers it) stands in. */
  pv_flight_apply (&self->flight, pv_flight_get_length (&self->flight), viewport);
  apply_compare (self);
  pv_map_view_queue_render (self->view);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  check_handover (self);
}

static gboolean
flight_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  PvPresentation *self = PV_PRESENTATION (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double t;

  if (self->flight_start == 0)
    self->flight_start = now;
  t = (now - self->flight_start) / self->flight_duration;
  if (t >= 1.0)
    {
      land (self);
      return G_SOURCE_REMOVE;
    }
  self->flight_s = pv_flight_get_s_at (&self->flight, t);
  pv_flight_apply (&self->flight, self->flight_s, self->flight_view);
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

/* The map view's last frame as a cached frame (downloaded once: GTK's cairo
 * renderer would convert the texture on every frame). */
static void
take_start_frame (PvPresentation *self)
{
  GdkTexture *texture = pv_map_view_get_frame_texture (self->view);
  PvViewport *viewport = pv_map_view_get_frame_viewport (self->view);
  cairo_surface_t *surface;
  int width, height;

  if (texture == NULL || viewport == NULL)
    return;
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  cached_frame_set (&self->frames[FRAME_START], surface, viewport);
}

/* Flies from the view shown to target along the van Wijk–Nuij path. FALSE
 * when there is nothing to fly (then the caller jumps). */
static gboolean
start_flight (PvPresentation *self,
              PvViewport     *target)
{
  PvViewport *viewport = pv_map_view_get_viewport (self->view);
  g_autoptr(PvViewport) widest = NULL;
  g_autoptr(PvViewport) overview = NULL;
  double s_widest, w_widest, x, y;

  if (!pv_flight_init_viewports (&self->flight, viewport, target, PV_FLIGHT_RHO)
      || pv_flight_get_duration (&self->flight) <= 0)
    return FALSE;

  self->generation++;
  self->flying = TRUE;
  self->handing_over = FALSE;
  self->flight_start = 0;
  self->flight_s = 0;
  self->flight_duration = pv_flight_get_duration (&self->flight) * G_USEC_PER_SEC;
  g_clear_object (&self->flight_view);
  self->flight_view = pv_viewport_copy (viewport);
  g_clear_object (&self->flight_target);
  self->flight_target = pv_viewport_copy (target);
  self->flight_cancellable = g_cancellable_new ();

  /* What the screen shows now, the top of the path and the target: the
   * frames every step of the flight is composed of. */
  take_start_frame (self);
  w_widest = pv_flight_get_widest (&self->flight, &s_widest);
  pv_flight_get_view (&self->flight, s_widest, &x, &y, NULL);
  /* At half the screen's resolution: it is seen while moving fast, and a
   * quarter of the pixels renders in a quarter of the time. */
  widest = pv_viewport_copy (viewport);
  pv_viewport_set_size (widest, MAX (1, pv_viewport_get_width (viewport) / 2),
                        MAX (1, pv_viewport_get_height (viewport) / 2));
  pv_viewport_set_center (widest, x, y);
  pv_viewport_set_resolution (widest, w_widest / pv_viewport_get_width (widest));
  overview = pv_viewport_copy_overscan (widest, OVERVIEW_OVERSCAN);
  flight_render (self, FRAME_TARGET, target);
  flight_render (self, FRAME_OVERVIEW, overview);

  show_map_view (self, FALSE);
  if (pv_map_view_get_compare_mode (self->view) != PV_COMPARE_NONE)
    pv_map_view_set_compare (self->view, NULL, PV_COMPARE_NONE);
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), flight_tick_cb, NULL, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/* Slides */

void
pv_presentation_go_to (PvPresentation *self,
                       guint           index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(PvViewport) target = NULL;
  PvViewport *viewport;
  PvBookmark *bookmark;
  gboolean all_found, was_flying;
  guint n = pv_presentation_get_n_slides (self);
  double e[4], cx, cy;

  g_return_if_fail (PV_IS_PRESENTATION (self));

  if (n == 0)
    return;
  index = MIN (index, n - 1);
  bookmark = pv_bookmark_list_get_bookmark (self->bookmarks, index);
  self->slide = (int) index;
  self->waiting_first_frame = FALSE;
  g_string_truncate (self->digits, 0);
  set_message (self, NULL);

  if (!pv_bookmark_get_extent_in (bookmark, pv_map_get_crs (self->map), e, &error))
    {
      g_autofree char *message =
        /* Translators: the first %s is a slide (bookmark) name, the second the problem. */
        g_strdup_printf (_("Cannot show slide “%s”: %s"), pv_bookmark_get_name (bookmark), error->message);

      set_message (self, message);
      update_slide_furniture (self);
      return;
    }

  layers = bookmark_layers (bookmark, self->map, &all_found);
  if (!all_found)
    {
      g_autofree char *message =
        /* Translators: %s is a slide (bookmark) name. */
        g_strdup_printf (_("Some layers of slide “%s” are no longer in the map"),
                         pv_bookmark_get_name (bookmark));

      set_message (self, message);
    }

  /* A slide change during a flight jumps to the new target. */
  was_flying = self->flying || self->handing_over;
  if (was_flying)
    end_flight (self);

  pv_map_set_shown_layers (self->map, layers);
  viewport = pv_map_view_get_viewport (self->view);
  if (pv_viewport_get_width (viewport) <= 1 || !gtk_widget_get_mapped (GTK_WIDGET (self->view)))
    {
      /* Not shown yet: the view opens on the extent. */
      pv_map_view_set_map (self->view, self->map, e);
      apply_compare (self);
    }
  else
    {
      target = pv_viewport_copy (viewport);
      pv_viewport_fit_extent (target, e[0], e[1], e[2], e[3]);
      if (was_flying || !animations_enabled (self) || !start_flight (self, target))
        {
          pv_viewport_interpolate (viewport, viewport, target, 1.0);
          apply_compare (self);
          pv_map_view_queue_render (self->view);
        }
    }

  cx = (e[0] + e[2]) / 2;
  cy = (e[1] + e[3]) / 2;
  self->north_angle = pv_north_arrow_get_angle (pv_map_get_crs (self->map), cx, cy);
  build_legend (self, e);
  update_slide_furniture (self);
}

void
pv_presentation_next (PvPresentation *self)
{
  g_return_if_fail (PV_IS_PRESENTATION (self));

  if (self->slide + 1 < (int) pv_presentation_get_n_slides (self))
    pv_presentation_go_to (self, self->slide + 1);
}

void
pv_presentation_previous (PvPresentation *self)
{
  g_return_if_fail (PV_IS_PRESENTATION (self));

  if (self->slide > 0)
    pv_presentation_go_to (self, self->slide - 1);
  else if (self->slide < 0 && pv_presentation_get_n_slides (self) > 0)
    pv_presentation_go_to (self, 0);
}

static void
update_slide_furniture (PvPresentation *self)
{
  if (self->console != NULL)
    pv_presentation_console_update (PV_PRESENTATION_CONSOLE (self->console));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

PvMap *
pv_presentation_dup_slide_map (PvPresentation *self,
                               guint           index,
                               double          extent[4])
{
  g_autoptr(GPtrArray) layers = NULL;
  PvBookmark *bookmark;
  PvMap *map;
  gboolean all_found;

  g_return_val_if_fail (PV_IS_PRESENTATION (self), NULL);

  if (self->bookmarks == NULL || (bookmark = pv_bookmark_list_get_bookmark (self->bookmarks, index)) == NULL
      || !pv_bookmark_get_extent_in (bookmark, pv_map_get_crs (self->map), extent, NULL))
    return NULL;
  map = pv_map_copy (self->map);
  layers = bookmark_layers (bookmark, map, &all_found);
  pv_map_set_shown_layers (map, layers);
  return map;
}

/* Keys */

/* Turns the map view's pointer tool to mode, or off when it is on. */
static gboolean
toggle_pointer (PvPresentation *self,
                PvPointerMode   mode)
{
  PvMapView *view = pv_presentation_get_map_view (self);

  pv_map_view_set_pointer_mode (view, pv_map_view_get_pointer_mode (view) == mode ? PV_POINTER_NONE : mode);
  return TRUE;
}

static gboolean
toggle_blank (PvPresentation      *self,
              PvPresentationBlank  blank)
{
  pv_presentation_set_blank (self, self->blank == blank ? PV_PRESENTATION_BLANK_NONE : blank);
  return TRUE;
}

static int
digit_of (guint keyval)
{
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    return keyval - GDK_KEY_0;
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    return keyval - GDK_KEY_KP_0;
  return -1;
}

gboolean
pv_presentation_handle_key (PvPresentation  *self,
                            guint            keyval,
                            GdkModifierType  state)
{
  PvPresentationOverlays toggle = 0;
  int digit;

  g_return_val_if_fail (PV_IS_PRESENTATION (self), FALSE);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return FALSE;

  if ((digit = digit_of (keyval)) >= 0)
    {
      if (self->digits->len < 4)
        g_string_append_c (self->digits, '0' + digit);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      pv_presentation_set_blank (self, PV_PRESENTATION_BLANK_NONE);
      if (self->digits->len > 0)
        {
          guint64 number = g_ascii_strtoull (self->digits->str, NULL, 10);

          g_string_truncate (self->digits, 0);
          if (number >= 1 && number <= pv_presentation_get_n_slides (self))
            pv_presentation_go_to (self, (guint) number - 1);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      else
        pv_presentation_next (self);
      return TRUE;

    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_space:
      pv_presentation_set_blank (self, PV_PRESENTATION_BLANK_NONE);
      pv_presentation_next (self);
      return TRUE;

    case GDK_KEY_BackSpace:
      if (self->digits->len > 0)
        {
          g_string_truncate (self->digits, self->digits->len - 1);
          gtk_widget_queue_draw (GTK_WIDGET (self));
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      pv_presentation_set_blank (self, PV_PRESENTATION_BLANK_NONE);
      pv_presentation_previous (self);
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      pv_presentation_set_blank (self, PV_PRESENTATION_BLANK_NONE);
      pv_presentation_go_to (self, 0);
      return TRUE;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      pv_presentation_set_blank (self, PV_PRESENTATION_BLANK_NONE);
      if (pv_presentation_get_n_slides (self) > 0)
        pv_presentation_go_to (self, pv_presentation_get_n_slides (self) - 1);
      return TRUE;

    case GDK_KEY_b:
    case GDK_KEY_B:
      return toggle_blank (self, PV_PRESENTATION_BLANK_BLACK);

    case GDK_KEY_w:
    case GDK_KEY_W:
      return toggle_blank (self, PV_PRESENTATION_BLANK_WHITE);

    case GDK_KEY_Escape:
      gtk_window_destroy (GTK_WINDOW (self));
      return TRUE;

    case GDK_KEY_t:
    case GDK_KEY_T:
      toggle = PV_PRESENTATION_OVERLAY_TITLE;
      break;
    case GDK_KEY_l:
    case GDK_KEY_L:
      toggle = PV_PRESENTATION_OVERLAY_LEGEND;
      break;
    case GDK_KEY_s:
    case GDK_KEY_S:
      toggle = PV_PRESENTATION_OVERLAY_SCALE_BAR;
      break;
    case GDK_KEY_n:
    case GDK_KEY_N:
      toggle = PV_PRESENTATION_OVERLAY_NORTH_ARROW;
      break;
    case GDK_KEY_p:
    case GDK_KEY_P:
      toggle = PV_PRESENTATION_OVERLAY_NUMBER;
      break;

    /* Pointer tools for the hall: the same key again puts it away. */
    case GDK_KEY_r:
    case GDK_KEY_R:
      return toggle_pointer (self, PV_POINTER_LASER);
    case GDK_KEY_f:
    case GDK_KEY_F:
      return toggle_pointer (self, PV_POINTER_SPOTLIGHT);
    case GDK_KEY_m:
    case GDK_KEY_M:
      return toggle_pointer (self, PV_POINTER_MAGNIFIER);

    default:
      return FALSE;
    }

  pv_presentation_set_overlays (self, self->overlays ^ toggle);
  return TRUE;
}

static gboolean
key_pressed_cb (PvPresentation        *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  return pv_presentation_handle_key (self, keyval, state);
}

/* Drawing */

/* Where frame lies in view, in widget pixels. */
static void
frame_rect (CachedFrame     *frame,
            PvViewport      *view,
            double           scale,
            graphene_rect_t *rect)
{
  double fxmin, fymin, fxmax, fymax, x0, y0, x1, y1;

  pv_viewport_get_extent (frame->viewport, &fxmin, &fymin, &fxmax, &fymax);
  pv_viewport_map_to_screen (view, fxmin, fymax, &x0, &y0);
  pv_viewport_map_to_screen (view, fxmax, fymin, &x1, &y1);
  graphene_rect_init (rect, x0 / scale, y0 / scale, (x1 - x0) / scale, (y1 - y0) / scale);
}

static void
paint_frame (cairo_t               *cr,
             CachedFrame           *frame,
             PvViewport            *view,
             double                 scale,
             double                 alpha,
             const graphene_rect_t *bounds,
             cairo_filter_t         filter,
             gboolean               copy)
{
  graphene_rect_t rect, visible;

  if (frame->surface == NULL || alpha <= 0)
    return;
  frame_rect (frame, view, scale, &rect);
  if (!graphene_rect_intersection (&rect, bounds, &visible))
    return;
  cairo_save (cr);
  /* Only where the frame is: pixman then scales no more than it shows. */
  cairo_rectangle (cr, floor (visible.origin.x), floor (visible.origin.y),
                   ceil (visible.size.width + 1), ceil (visible.size.height + 1));
  cairo_clip (cr);
  cairo_translate (cr, rect.origin.x, rect.origin.y);
  cairo_scale (cr, rect.size.width / cairo_image_surface_get_width (frame->surface),
               rect.size.height / cairo_image_surface_get_height (frame->surface));
  cairo_set_source_surface (cr, frame->surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), filter);
  /* The bottom frame, opaque, covering all: a plain (scaled) copy. */
  if (copy)
    cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  if (alpha >= 1)
    cairo_paint (cr);
  else
    cairo_paint_with_alpha (cr, alpha);
  cairo_restore (cr);
}

static void
append_frame (GtkSnapshot *snapshot,
              CachedFrame *frame,
              PvViewport  *view,
              double       scale,
              double       alpha)
{
  graphene_rect_t rect;

  if (frame->texture == NULL || alpha <= 0)
    return;
  frame_rect (frame, view, scale, &rect);
  if (alpha < 1)
    gtk_snapshot_push_opacity (snapshot, alpha);
  gtk_snapshot_append_texture (snapshot, frame->texture, &rect);
  if (alpha < 1)
    gtk_snapshot_pop (snapshot);
}

/* Whether frame, drawn opaque, hides everything under it. */
static gboolean
frame_covers (CachedFrame           *frame,
              PvViewport            *view,
              double                 scale,
              double                 alpha,
              const graphene_rect_t *bounds)
{
  graphene_rect_t rect;

  if (frame->surface == NULL || alpha < 1)
    return FALSE;
  frame_rect (frame, view, scale, &rect);
  return graphene_rect_contains_rect (&rect, bounds);
}

/* One step of the flight, from the cached frames: the start frame while
 * the view is still near it, the overview (the top of the path) in the
 * middle and the target towards the end, each blended in over a short part
 * of the path (a plain cross-fade from start to target while the overview
 * is not ready yet). What an opaque frame covers is not drawn under it. */
static void
snapshot_flight (PvPresentation *self,
                 GtkSnapshot    *snapshot,
                 int             width,
                 int             height)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  double S = pv_flight_get_length (&self->flight);
  double t = self->handing_over || S <= 0 ? 1.0 : self->flight_s / S;
  double scale = device_scale (self);
  double alpha[3];
  PvViewport *view = self->flight_view;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  /* Nearest-pixel scaling in the air (several times faster in pixman, and
   * motion hides it); smooth once landed. */
  cairo_filter_t filter = self->flying ? CAIRO_FILTER_FAST : CAIRO_FILTER_GOOD;
  int first = 0;

  if (view == NULL)
    return;
  alpha[FRAME_OVERVIEW] = 1.0;
  if (self->frames[FRAME_OVERVIEW].surface != NULL)
    {
      alpha[FRAME_START] = CLAMP ((0.45 - t) / 0.15, 0.0, 1.0);
      alpha[FRAME_TARGET] = CLAMP ((t - 0.55) / 0.15, 0.0, 1.0);
    }
  else
    {
      alpha[FRAME_START] = 1.0;
      alpha[FRAME_TARGET] = CLAMP ((t - 0.35) / 0.3, 0.0, 1.0);
    }
  if (t >= 1.0)
    alpha[FRAME_TARGET] = 1.0;

  /* Bottom to top: overview, start, target; start at the topmost opaque
   * frame that covers the screen (1 + its index; 0: the background too). */
  for (int i = FRAME_TARGET; i >= FRAME_OVERVIEW && first == 0; i--)
    if (frame_covers (&self->frames[i], view, scale, alpha[i], &bounds))
      first = i + 1;

  if (first == 0)
    gtk_snapshot_append_color (snapshot, &FLIGHT_BACKGROUND, &bounds);
  if (GSK_IS_CAIRO_RENDERER (renderer))
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);

      for (int i = MAX (first - 1, 0); i <= FRAME_TARGET; i++)
        paint_frame (cr, &self->frames[i], view, scale, alpha[i], &bounds, filter,
                     i == first - 1);
      cairo_destroy (cr);
    }
  else
    {
      gtk_snapshot_push_clip (snapshot, &bounds);
      for (int i = MAX (first - 1, 0); i <= FRAME_TARGET; i++)
        append_frame (snapshot, &self->frames[i], view, scale, alpha[i]);
      gtk_snapshot_pop (snapshot);
    }
}

static PangoLayout *
create_text_layout (cairo_t    *cr,
                    const char *text,
                    double      size,
                    gboolean    bold,
                    int         max_width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, max_width * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
rounded_box (cairo_t *cr,
             double   x,
             double   y,
             double   w,
             double   h,
             double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Title and subtitle, top left, white on a dark band. */
static void
snapshot_title (PvPresentation *self,
                GtkSnapshot    *snapshot,
                PvBookmark     *bookmark,
                int             width,
                int             height)
{
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  cairo_surface_t *measure = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *mcr = cairo_create (measure);
  double margin = height * MARGIN_SHARE, pad = height * 0.015;
  int max_width = (int) (width * 0.6), tw, th, sw = 0, sh = 0;
  double bw, bh;
  cairo_t *cr;

  title = create_text_layout (mcr, pv_bookmark_get_name (bookmark), height * TITLE_SHARE, TRUE, max_width);
  pango_layout_get_pixel_size (title, &tw, &th);
  if (pv_bookmark_get_subtitle (bookmark) != NULL)
    {
      subtitle = create_text_layout (mcr, pv_bookmark_get_subtitle (bookmark), height * SUBTITLE_SHARE,
                                     FALSE, max_width);
      pango_layout_get_pixel_size (subtitle, &sw, &sh);
    }
  cairo_destroy (mcr);
  cairo_surface_destroy (measure);

  bw = MAX (tw, sw) + 2 * pad;
  bh = th + (subtitle ? sh + pad * 0.3 : 0) + 2 * pad;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (margin, margin, bw, bh));
  rounded_box (cr, margin, margin, bw, bh, pad * 0.6);
  cairo_set_source_rgba (cr, 0.08, 0.09, 0.11, 0.72);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, margin + pad, margin + pad);
  pango_cairo_update_layout (cr, title);
  pango_cairo_show_layout (cr, title);
  if (subtitle != NULL)
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_move_to (cr, margin + pad, margin + pad + th + pad * 0.3);
      pango_cairo_update_layout (cr, subtitle);
      pango_cairo_show_layout (cr, subtitle);
    }
  cairo_destroy (cr);
}

/* "3 / 7", or the number being typed, bottom right. */
static void
snapshot_number (PvPresentation *self,
                 GtkSnapshot    *snapshot,
                 int             width,
                 int             height)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *measure = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *mcr = cairo_create (measure);
  double margin = height * MARGIN_SHARE, pad = height * 0.01;
  int tw, th;
  double bx, by, bw, bh;
  cairo_t *cr;

  if (self->digits->len > 0)
    /* Translators: shown while a slide number is typed (before Enter jumps to it). */
    text = g_strdup_printf (_("Go to %s"), self->digits->str);
  else
    text = g_strdup_printf ("%d / %u", self->slide + 1, pv_presentation_get_n_slides (self));
  layout = create_text_layout (mcr, text, height * NUMBER_SHARE, self->digits->len > 0, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_destroy (mcr);
  cairo_surface_destroy (measure);

  bw = tw + 2 * pad;
  bh = th + 2 * pad;
  bx = width - margin - bw;
  by = height - margin - bh;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (bx, by, bw, bh));
  rounded_box (cr, bx, by, bw, bh, pad);
  cairo_set_source_rgba (cr, 0.08, 0.09, 0.11, 0.72);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, bx + pad, by + pad);
  pango_cairo_update_layout (cr, layout);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
}

static void
snapshot_scale_bar (PvPresentation *self,
                    GtkSnapshot    *snapshot,
                    int             width,
                    int             height)
{
  PvViewport *viewport = pv_map_view_get_viewport (self->view);
  double margin = height * MARGIN_SHARE, pad = height * 0.01;
  double upm = height / MM_PER_HEIGHT, cx, cy, metres_per_unit;
  PvScaleBarInfo info;
  cairo_surface_t *measure = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *mcr = cairo_create (measure);
  gboolean fits;
  double bx, by, bw, bh;
  cairo_t *cr;

  pv_viewport_get_center (viewport, &cx, &cy);
  metres_per_unit = pv_geodesic_metres_per_unit (pv_map_get_crs (self->map), cx, cy)
                    * pv_viewport_get_resolution (viewport) * device_scale (self);
  fits = pv_scale_bar_measure (mcr, width * 0.25, metres_per_unit, upm, &info);
  cairo_destroy (mcr);
  cairo_surface_destroy (measure);
  if (!fits)
    return;

  bw = info.total_width + 2 * pad;
  bh = info.height + 2 * pad;
  bx = margin;
  by = height - margin - bh;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (bx, by, bw, bh));
  rounded_box (cr, bx, by, bw, bh, pad);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_fill (cr);
  pv_scale_bar_draw (cr, bx + pad, by + pad, width * 0.25, metres_per_unit, upm, NULL);
  cairo_destroy (cr);
}

static void
snapshot_north_arrow (PvPresentation *self,
                      GtkSnapshot    *snapshot,
                      int             width,
                      int             height)
{
  double margin = height * MARGIN_SHARE, size = height * ARROW_SHARE;
  double r = size * 0.62, cx = width - margin - r, cy = margin + r;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (cx - r, cy - r, 2 * r, 2 * r));

  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_fill (cr);
  pv_north_arrow_draw (cr, cx, cy, size, self->north_angle, height / MM_PER_HEIGHT);
  cairo_destroy (cr);
}

/* The legend, right, under the north arrow: laid out once per slide and
 * size into an image. */
static void
snapshot_legend (PvPresentation *self,
                 GtkSnapshot    *snapshot,
                 int             width,
                 int             height)
{
  double margin = height * MARGIN_SHARE, pad = height * 0.012;
  double lw = width * 0.2, top = margin * 2 + height * ARROW_SHARE * 1.24;
  double max_h = height - top - margin * 2 - height * NUMBER_SHARE * 2;
  double bx, by;
  cairo_t *cr;

  if (self->legend == NULL || self->legend->len == 0 || max_h <= 0)
    return;
  if (self->legend_surface == NULL
      || cairo_image_surface_get_width (self->legend_surface) != (int) ceil (lw + 2 * pad))
    {
      cairo_surface_t *measure = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_t *mcr = cairo_create (measure);
      double upm = height / MM_PER_HEIGHT, h;
      cairo_t *lcr;

      h = pv_print_legend_layout (mcr, self->legend, 0, 0, lw, max_h, upm, FALSE, NULL);
      cairo_destroy (mcr);
      cairo_surface_destroy (measure);
      g_clear_pointer (&self->legend_surface, cairo_surface_destroy);
      self->legend_height = (int) ceil (h + 2 * pad);
      self->legend_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (lw + 2 * pad),
                                                         self->legend_height);
      lcr = cairo_create (self->legend_surface);
      rounded_box (lcr, 0, 0, lw + 2 * pad, self->legend_height, pad);
      cairo_set_source_rgba (lcr, 1, 1, 1, 0.88);
      cairo_fill (lcr);
      pv_print_legend_layout (lcr, self->legend, pad, pad, lw, max_h, upm, TRUE, NULL);
      cairo_destroy (lcr);
    }

  bx = width - margin - cairo_image_surface_get_width (self->legend_surface);
  by = top;
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (bx, by,
                                                       cairo_image_surface_get_width (self->legend_surface),
                                                       self->legend_height));
  cairo_set_source_surface (cr, self->legend_surface, bx, by);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static void
pv_presentation_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  PvPresentation *self = PV_PRESENTATION (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PvBookmark *bookmark = NULL;

  if (self->blank != PV_PRESENTATION_BLANK_NONE)
    {
      const GdkRGBA black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 };

      gtk_snapshot_append_color (snapshot, self->blank == PV_PRESENTATION_BLANK_BLACK ? &black : &white,
                                 &GRAPHENE_RECT_INIT (0, 0, width, height));
      return;
    }

  GTK_WIDGET_CLASS (pv_presentation_parent_class)->snapshot (widget, snapshot);
  if (self->flying || self->handing_over)
    snapshot_flight (self, snapshot, width, height);

  if (self->slide >= 0 && self->bookmarks != NULL)
    bookmark = pv_bookmark_list_get_bookmark (self->bookmarks, self->slide);
  /* While flying, only the title of where it is going; the rest would
   * change on every frame. */
  if (bookmark != NULL && (self->overlays & PV_PRESENTATION_OVERLAY_TITLE))
    snapshot_title (self, snapshot, bookmark, width, height);
  if (!self->flying && !self->handing_over)
    {
      if (self->overlays & PV_PRESENTATION_OVERLAY_SCALE_BAR)
        snapshot_scale_bar (self, snapshot, width, height);
      if (self->overlays & PV_PRESENTATION_OVERLAY_NORTH_ARROW)
        snapshot_north_arrow (self, snapshot, width, height);
      if (self->overlays & PV_PRESENTATION_OVERLAY_LEGEND)
        snapshot_legend (self, snapshot, width, height);
    }
  if (self->digits->len > 0
      || (bookmark != NULL && (self->overlays & PV_PRESENTATION_OVERLAY_NUMBER)))
    snapshot_number (self, snapshot, width, height);
}

static void
pv_presentation_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  PvPresentation *self = PV_PRESENTATION (widget);

  GTK_WIDGET_CLASS (pv_presentation_parent_class)->size_allocate (widget, width, height, baseline);
  /* The legend is laid out for the screen's size. */
  g_clear_pointer (&self->legend_surface, cairo_surface_destroy);
}

/* The first frame of the opening view is there: fly to the first slide. */
static void
frame_ready_cb (PvPresentation *self)
{
  if (self->waiting_first_frame && pv_map_view_get_frame_is_sharp (self->view))
    {
      self->waiting_first_frame = FALSE;
      if (self->slide < 0 && pv_presentation_get_n_slides (self) > 0)
        pv_presentation_go_to (self, 0);
    }
  check_handover (self);
}

static void
rendering_cb (PvPresentation *self)
{
  check_handover (self);
}

static void
parent_destroy_cb (PvPresentation *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Actions */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pv_presentation_set_blank (PV_PRESENTATION (widget), PV_PRESENTATION_BLANK_NONE);
  pv_presentation_next (PV_PRESENTATION (widget));
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pv_presentation_set_blank (PV_PRESENTATION (widget), PV_PRESENTATION_BLANK_NONE);
  pv_presentation_previous (PV_PRESENTATION (widget));
}

static void
go_to_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  pv_presentation_set_blank (PV_PRESENTATION (widget), PV_PRESENTATION_BLANK_NONE);
  pv_presentation_go_to (PV_PRESENTATION (widget), g_variant_get_uint32 (parameter));
}

static void
blank_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  const char *which = g_variant_get_string (parameter, NULL);

  toggle_blank (PV_PRESENTATION (widget),
                g_str_equal (which, "white") ? PV_PRESENTATION_BLANK_WHITE : PV_PRESENTATION_BLANK_BLACK);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* GObject */

static void
pv_presentation_dispose (GObject *object)
{
  PvPresentation *self = PV_PRESENTATION (object);

  end_flight (self);
  g_cancellable_cancel (self->legend_cancellable);
  g_clear_object (&self->legend_cancellable);
  if (self->console != NULL)
    {
      GtkWidget *console = g_steal_pointer (&self->console);

      gtk_window_destroy (GTK_WINDOW (console));
    }
  if (self->parent != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->parent, parent_destroy_cb, self);
      g_object_remove_weak_pointer (G_OBJECT (self->parent), (gpointer *) &self->parent);
      self->parent = NULL;
    }
  g_clear_object (&self->source_map);
  g_clear_object (&self->bookmarks);
  g_clear_object (&self->start_view);
  g_clear_pointer (&self->legend, g_ptr_array_unref);
  g_clear_pointer (&self->legend_surface, cairo_surface_destroy);

  G_OBJECT_CLASS (pv_presentation_parent_class)->dispose (object);
}

static void
pv_presentation_finalize (GObject *object)
{
  PvPresentation *self = PV_PRESENTATION (object);

  g_clear_object (&self->map);
  g_string_free (self->digits, TRUE);
  g_free (self->message);

  G_OBJECT_CLASS (pv_presentation_parent_class)->finalize (object);
}

static void
pv_presentation_class_init (PvPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_presentation_dispose;
  object_class->finalize = pv_presentation_finalize;
  widget_class->snapshot = pv_presentation_snapshot;
  widget_class->size_allocate = pv_presentation_size_allocate;

  gtk_widget_class_install_action (widget_class, "presentation.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "presentation.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "presentation.go-to", "u", go_to_action);
  gtk_widget_class_install_action (widget_class, "presentation.blank", "s", blank_action);
  gtk_widget_class_install_action (widget_class, "presentation.leave", NULL, leave_action);
}

static void
pv_presentation_init (PvPresentation *self)
{
  GtkEventController *keys;

  self->slide = -1;
  self->digits = g_string_new (NULL);
  self->overlays = PV_PRESENTATION_OVERLAY_TITLE | PV_PRESENTATION_OVERLAY_LEGEND
                   | PV_PRESENTATION_OVERLAY_SCALE_BAR | PV_PRESENTATION_OVERLAY_NORTH_ARROW
                   | PV_PRESENTATION_OVERLAY_NUMBER;

  gtk_window_set_decorated (GTK_WINDOW (self), FALSE);
  gtk_window_set_title (GTK_WINDOW (self), _("Presentation"));
  gtk_widget_add_css_class (GTK_WIDGET (self), "pv-presentation");

  self->view = PV_MAP_VIEW (pv_map_view_new ());
  /* The view's own buttons, scale bar and north arrow make way for the
   * presentation's, sized for the hall (child-visible: the view switches
   * their visibility itself). */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_child_visible (child, FALSE);
  gtk_window_set_child (GTK_WINDOW (self), GTK_WIDGET (self->view));
  g_signal_connect_object (self->view, "frame-ready", G_CALLBACK (frame_ready_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::rendering", G_CALLBACK (rendering_cb), self,
                           G_CONNECT_SWAPPED);

  /* Before the map view's own keys (arrows pan it, Home zooms out). */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, "presentation-keys");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* The monitor that shows most of window, or NULL. */
static GdkMonitor *
monitor_of (GtkWindow *window)
{
  GdkSurface *surface;

  if (window == NULL || (surface = gtk_native_get_surface (GTK_NATIVE (window))) == NULL)
    return NULL;
  return gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (window)), surface);
}

PvPresentation *
pv_presentation_start (GtkWindow  *parent,
                       PvMap      *map,
                       PvViewport *start_view)
{
  PvPresentation *self;
  GdkDisplay *display;
  GListModel *monitors;
  GdkMonitor *parent_monitor, *audience = NULL;
  gboolean animate = TRUE;
  double extent[4];

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PV_IS_MAP (map), NULL);
  g_return_val_if_fail (start_view == NULL || PV_IS_VIEWPORT (start_view), NULL);

  self = g_object_new (PV_TYPE_PRESENTATION, NULL);
  self->source_map = g_object_ref (map);
  self->map = pv_map_copy (map);
  self->bookmarks = g_object_ref (pv_map_get_bookmarks (map));
  if (parent != NULL)
    {
      self->parent = parent;
      g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &self->parent);
      g_signal_connect_swapped (parent, "destroy", G_CALLBACK (parent_destroy_cb), self);
      if (gtk_window_get_application (parent) != NULL)
        gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }

  /* Opens on start_view (its extent, with the layers the window shows), then
   * flies to the first slide once that is drawn; or on the first slide. */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &animate, NULL);
  if (animate && start_view != NULL && pv_viewport_get_width (start_view) > 0
      && pv_presentation_get_n_slides (self) > 0)
    {
      self->start_view = pv_viewport_copy (start_view);
      pv_viewport_get_extent (start_view, &extent[0], &extent[1], &extent[2], &extent[3]);
      pv_map_view_set_map (self->view, self->map, extent);
      self->waiting_first_frame = TRUE;
    }
  else if (pv_presentation_get_n_slides (self) > 0)
    pv_presentation_go_to (self, 0);
  else
    {
      if (start_view != NULL)
        pv_viewport_get_extent (start_view, &extent[0], &extent[1], &extent[2], &extent[3]);
      pv_map_view_set_map (self->view, self->map, start_view != NULL ? extent : NULL);
    }

  display = parent != NULL ? gtk_widget_get_display (GTK_WIDGET (parent)) : gdk_display_get_default ();
  monitors = gdk_display_get_monitors (display);
  parent_monitor = monitor_of (parent);
  if (g_list_model_get_n_items (monitors) >= 2)
    {
      for (guint i = 0; i < g_list_model_get_n_items (monitors) && audience == NULL; i++)
        {
          g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

          if (monitor != parent_monitor)
            audience = monitor;
        }
    }

  /* The monitor's size, for when no window manager makes it full screen. */
  {
    GdkMonitor *monitor = audience != NULL ? audience : parent_monitor;
    GdkRectangle geometry;

    if (monitor == NULL && g_list_model_get_n_items (monitors) > 0)
      {
        g_autoptr(GdkMonitor) first = g_list_model_get_item (monitors, 0);

        gdk_monitor_get_geometry (first, &geometry);
      }
    else if (monitor != NULL)
      gdk_monitor_get_geometry (monitor, &geometry);
    else
      geometry = (GdkRectangle) { 0, 0, 1280, 720 };
    gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
  }

  if (audience != NULL)
    {
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), audience);
      self->console = GTK_WIDGET (pv_presentation_console_new (self));
      if (parent_monitor != NULL)
        gtk_window_fullscreen_on_monitor (GTK_WINDOW (self->console), parent_monitor);
      else
        gtk_window_fullscreen (GTK_WINDOW (self->console));
      gtk_window_present (GTK_WINDOW (self->console));
    }
  else
    gtk_window_fullscreen (GTK_WINDOW (self));

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

PvMapView *
pv_presentation_get_map_view (PvPresentation *self)
{
  g_return_val_if_fail (PV_IS_PRESENTATION (self), NULL);

  return self->view;
}

PvMap *
pv_presentation_get_map (PvPresentation *self)
{
  g_return_val_if_fail (PV_IS_PRESENTATION (self), NULL);

  return self->map;
}

guint
pv_presentation_get_n_slides (PvPresentation *self)
{
  g_return_val_if_fail (PV_IS_PRESENTATION (self), 0);

  return self->bookmarks != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks)) : 0;
}

int
pv_presentation_get_slide (PvPresentation *self)
{
  g_return_val_if_fail (PV_IS_PRESENTATION (self), -1);

  return self->slide;
}

/* The slide's bookmark (borrowed), for the console. */
PvBookmark *
pv_presentation_get_bookmark (PvPresentation *self,
                              int             index)
{
  g_return_val_if_fail (PV_IS_PRESENTATION (self), NULL);

  if (index < 0 || self->bookmarks == NULL)
    return NULL;
  return pv_bookmark_list_get_bookmark (self->bookmarks, index);
}

const char *
pv_presentation_get_message (PvPresentation *self)
{
  g_return_val_if_fail (PV_IS_PRESENTATION (self), NULL);

  return self->message;
}

gboolean
pv_presentation_get_flying (PvPresentation *self)
{
  g_return_val_if_fail (PV_IS_PRESENTATION (self), FALSE);

  return self->flying || self->handing_over || self->waiting_first_frame;
}

double
pv_presentation_get_flight_progress (PvPresentation *self)
{
  double S;

  g_return_val_if_fail (PV_IS_PRESENTATION (self), -1);

  if (!self->flying)
    return -1;
  S = pv_flight_get_length (&self->flight);
  return S > 0 ? self->flight_s / S : 0;
}

PvPresentationBlank
pv_presentation_get_blank (PvPresentation *self)
{
  g_return_val_if_fail (PV_IS_PRESENTATION (self), PV_PRESENTATION_BLANK_NONE);

  return self->blank;
}

void
pv_presentation_set_blank (PvPresentation      *self,
                           PvPresentationBlank  blank)
{
  g_return_if_fail (PV_IS_PRESENTATION (self));

  if (self->blank == blank)
    return;
  self->blank = blank;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

PvPresentationOverlays
pv_presentation_get_overlays (PvPresentation *self)
{
  g_return_val_if_fail (PV_IS_PRESENTATION (self), 0);

  return self->overlays;
}

void
pv_presentation_set_overlays (PvPresentation         *self,
                              PvPresentationOverlays  overlays)
{
  g_return_if_fail (PV_IS_PRESENTATION (self));

  self->overlays = overlays;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
