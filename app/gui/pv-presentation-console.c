/* pv-presentation-console.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pv-presentation-console.h"

#define THUMBNAIL_WIDTH  640
#define THUMBNAIL_HEIGHT 360

struct _PvPresentationConsole
{
  GtkWindow       parent_instance;

  PvPresentation *presentation;   /* weak: it owns and destroys us */
  GtkWidget      *current_title;
  GtkWidget      *current_picture;
  GtkWidget      *next_picture;
  GtkWidget      *next_title;
  GtkWidget      *notes;
  GtkWidget      *message;
  GtkWidget      *clock;
  GtkWidget      *elapsed;
  gint64          started;
  guint           clock_source;
  GCancellable   *thumbnail_cancellable;
};

G_DEFINE_FINAL_TYPE (PvPresentationConsole, pv_presentation_console, GTK_TYPE_WINDOW)

static void
update_clock (PvPresentationConsole *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *clock = g_date_time_format (now, "%H:%M");
  g_autofree char *elapsed = NULL;
  gint64 seconds = (g_get_monotonic_time () - self->started) / G_USEC_PER_SEC;

  if (seconds >= 3600)
    elapsed = g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                               (int) (seconds % 60));
  else
    elapsed = g_strdup_printf ("%02d:%02d", (int) (seconds / 60), (int) (seconds % 60));
  gtk_label_set_text (GTK_LABEL (self->clock), clock);
  gtk_label_set_text (GTK_LABEL (self->elapsed), elapsed);
}

static gboolean
clock_cb (gpointer data)
{
  update_clock (data);
  return G_SOURCE_CONTINUE;
}

static void
thumbnail_done_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(PvPresentationConsole) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = pv_render_map_to_image_finish (result, NULL, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int height, stride;

  g_weak_ref_clear (ref);
  g_free (ref);
  /* The console may be gone: it does not wait for its renders. */
  if (surface == NULL || self == NULL
      || g_task_get_cancellable (G_TASK (result)) != self->thumbnail_cancellable)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return;
    }
  cairo_surface_flush (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                    GDK_MEMORY_DEFAULT, bytes, stride);
  gtk_picture_set_paintable (GTK_PICTURE (self->next_picture), GDK_PAINTABLE (texture));
}

void
pv_presentation_console_update (PvPresentationConsole *self)
{
  PvPresentation *presentation = self->presentation;
  PvBookmark *current, *next;
  int slide;

  g_return_if_fail (PV_IS_PRESENTATION_CONSOLE (self));

  if (presentation == NULL)
    return;
  slide = pv_presentation_get_slide (presentation);
  current = pv_presentation_get_bookmark (presentation, slide);
  next = pv_presentation_get_bookmark (presentation, slide + 1);

  if (current != NULL)
    {
      /* Translators: slide number, count and name, e.g. "2 / 5 · Central Thủ Dầu Một". */
      g_autofree char *title = g_strdup_printf (_("%d / %u · %s"), slide + 1,
                                                pv_presentation_get_n_slides (presentation),
                                                pv_bookmark_get_name (current));

      gtk_label_set_text (GTK_LABEL (self->current_title), title);
      gtk_label_set_text (GTK_LABEL (self->notes),
                          pv_bookmark_get_notes (current) != NULL ? pv_bookmark_get_notes (current)
                                                                  : _("No notes for this slide."));
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->current_title), "");
      gtk_label_set_text (GTK_LABEL (self->notes), "");
    }
  gtk_label_set_text (GTK_LABEL (self->message), pv_presentation_get_message (presentation));
  gtk_widget_set_visible (self->message, pv_presentation_get_message (presentation) != NULL);

  g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);
  gtk_picture_set_paintable (GTK_PICTURE (self->next_picture), NULL);
  if (next != NULL)
    {
      g_autoptr(PvMap) map = NULL;
      g_autoptr(PvViewport) viewport = NULL;
      double extent[4];

      gtk_label_set_text (GTK_LABEL (self->next_title), pv_bookmark_get_name (next));
      map = pv_presentation_dup_slide_map (presentation, slide + 1, extent);
      if (map != NULL)
        {
          GWeakRef *ref = g_new0 (GWeakRef, 1);

          viewport = pv_viewport_new ();
          pv_viewport_set_size (viewport, THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
          pv_viewport_fit_extent (viewport, extent[0], extent[1], extent[2], extent[3]);
          g_weak_ref_init (ref, self);
          self->thumbnail_cancellable = g_cancellable_new ();
          pv_render_map_to_image_async (map, viewport, self->thumbnail_cancellable, thumbnail_done_cb, ref);
        }
    }
  else
    gtk_label_set_text (GTK_LABEL (self->next_title), _("End of the presentation"));
}

static gboolean
key_pressed_cb (PvPresentationConsole *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (self->presentation == NULL)
    return FALSE;
  return pv_presentation_handle_key (self->presentation, keyval, state);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
pv_presentation_console_dispose (GObject *object)
{
  PvPresentationConsole *self = PV_PRESENTATION_CONSOLE (object);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);
  if (self->presentation != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->presentation), (gpointer *) &self->presentation);
  self->presentation = NULL;

  G_OBJECT_CLASS (pv_presentation_console_parent_class)->dispose (object);
}

static void
pv_presentation_console_class_init (PvPresentationConsoleClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pv_presentation_console_dispose;
}

static void
pv_presentation_console_init (PvPresentationConsole *self)
{
  GtkWidget *box, *left, *right, *scrolled, *times;
  GtkEventController *keys;

  gtk_window_set_decorated (GTK_WINDOW (self), FALSE);
  gtk_window_set_title (GTK_WINDOW (self), _("Presenter Console"));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_window_set_child (GTK_WINDOW (self), box);

  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_hexpand (left, TRUE);
  gtk_box_append (GTK_BOX (box), left);
  gtk_box_append (GTK_BOX (left), heading (_("Current Slide")));
  self->current_title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->current_title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->current_title), TRUE);
  gtk_widget_add_css_class (self->current_title, "title-1");
  gtk_box_append (GTK_BOX (left), self->current_title);
  /* The hall's screen, as it is: the picture follows the presentation. */
  self->current_picture = gtk_picture_new ();
  gtk_widget_set_vexpand (self->current_picture, TRUE);
  gtk_picture_set_can_shrink (GTK_PICTURE (self->current_picture), TRUE);
  gtk_box_append (GTK_BOX (left), self->current_picture);
  self->message = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_widget_add_css_class (self->message, "error");
  gtk_widget_set_visible (self->message, FALSE);
  gtk_box_append (GTK_BOX (left), self->message);

  right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_size_request (right, 420, -1);
  gtk_box_append (GTK_BOX (box), right);
  times = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_box_append (GTK_BOX (right), times);
  self->clock = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->clock, "title-1");
  gtk_widget_set_tooltip_text (self->clock, _("Time of day"));
  gtk_box_append (GTK_BOX (times), self->clock);
  self->elapsed = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->elapsed, "title-1");
  gtk_widget_add_css_class (self->elapsed, "dim-label");
  gtk_widget_set_tooltip_text (self->elapsed, _("Time since the start of the presentation"));
  gtk_box_append (GTK_BOX (times), self->elapsed);

  gtk_box_append (GTK_BOX (right), heading (_("Next Slide")));
  self->next_picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (self->next_picture), TRUE);
  gtk_widget_set_size_request (self->next_picture, 400, 225);
  gtk_box_append (GTK_BOX (right), self->next_picture);
  self->next_title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->next_title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->next_title), TRUE);
  gtk_box_append (GTK_BOX (right), self->next_title);

  gtk_box_append (GTK_BOX (right), heading (_("Notes")));
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  self->notes = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->notes), 0);
  gtk_label_set_yalign (GTK_LABEL (self->notes), 0);
  gtk_label_set_wrap (GTK_LABEL (self->notes), TRUE);
  gtk_widget_add_css_class (self->notes, "title-3");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->notes);
  gtk_box_append (GTK_BOX (right), scrolled);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, "presentation-keys");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->started = g_get_monotonic_time ();
  update_clock (self);
  self->clock_source = g_timeout_add_seconds (1, clock_cb, self);
}

PvPresentationConsole *
pv_presentation_console_new (PvPresentation *presentation)
{
  PvPresentationConsole *self;
  g_autoptr(GdkPaintable) screen = NULL;

  g_return_val_if_fail (PV_IS_PRESENTATION (presentation), NULL);

  self = g_object_new (PV_TYPE_PRESENTATION_CONSOLE, NULL);
  self->presentation = presentation;
  g_object_add_weak_pointer (G_OBJECT (presentation), (gpointer *) &self->presentation);
  if (gtk_window_get_application (GTK_WINDOW (presentation)) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (GTK_WINDOW (presentation)));
  screen = gtk_widget_paintable_new (GTK_WIDGET (presentation));
  gtk_picture_set_paintable (GTK_PICTURE (self->current_picture), screen);
  pv_presentation_console_update (self);
  return self;
}
