/* pv-tile-cache-dialog.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pv-tile-cache-dialog.h"
#include "pv-tile-cache.h"
#include "pv-web-source.h"

struct _PvTileCacheDialog
{
  AdwWindow       parent_instance;

  AdwComboRow    *source_row;
  AdwComboRow    *area_row;
  GtkSpinButton  *min_zoom;
  GtkSpinButton  *max_zoom;
  AdwActionRow   *output_row;
  GtkLabel       *estimate_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *status_label;
  GtkButton      *add_button;
  GtkButton      *start_button;
  GtkButton      *cancel_button;

  PvMap          *map;
  PvViewport     *viewport;
  PvLoadQueue    *queue;
  GPtrArray      *sources;      /* char *, as source_row lists them */
  char           *output;
  guint64         n_tiles;
  GCancellable   *cancellable;
  gboolean        running;
  GMutex          mutex;        /* guards fraction */
  double          fraction;
  guint           progress_id;
};

G_DEFINE_FINAL_TYPE (PvTileCacheDialog, pv_tile_cache_dialog, ADW_TYPE_WINDOW)

static PvTileCache *
build_cache (PvTileCacheDialog  *self,
             GError            **error)
{
  guint i = adw_combo_row_get_selected (self->source_row);
  g_autoptr(PvTileCache) cache = NULL;
  int zmin = gtk_spin_button_get_value_as_int (self->min_zoom);
  int zmax = gtk_spin_button_get_value_as_int (self->max_zoom);

  if (self->sources == NULL || i >= self->sources->len)
    {
      g_set_error_literal (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                           _("The map has no raster layer whose tiles could be cached."));
      return NULL;
    }
  cache = pv_tile_cache_new (g_ptr_array_index (self->sources, i));
  if (adw_combo_row_get_selected (self->area_row) == 0)
    {
      double e[4];

      pv_viewport_get_extent (self->viewport, &e[0], &e[1], &e[2], &e[3]);
      if (!pv_tile_cache_add_extent (cache, pv_map_get_crs (self->map), e[0], e[1], e[2], e[3],
                                     zmin, zmax, error))
        return NULL;
    }
  else
    {
      PvBookmarkList *bookmarks = pv_map_get_bookmarks (self->map);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (bookmarks));

      if (n == 0)
        {
          g_set_error_literal (error, PV_EXPORT_ERROR, PV_EXPORT_ERROR_INVALID,
                               _("The map has no bookmarks."));
          return NULL;
        }
      for (guint k = 0; k < n; k++)
        {
          PvBookmark *bookmark = pv_bookmark_list_get_bookmark (bookmarks, k);
          double e[4];

          pv_bookmark_get_extent (bookmark, e);
          if (!pv_tile_cache_add_extent (cache, pv_bookmark_get_crs (bookmark), e[0], e[1], e[2], e[3],
                                         zmin, zmax, error))
            return NULL;
        }
    }
  return g_steal_pointer (&cache);
}

static void
update_estimate (PvTileCacheDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvTileCache) cache = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  if (self->running || self->min_zoom == NULL)
    return;
  if (gtk_spin_button_get_value_as_int (self->max_zoom) < gtk_spin_button_get_value_as_int (self->min_zoom))
    gtk_spin_button_set_value (self->max_zoom, gtk_spin_button_get_value (self->min_zoom));
  cache = build_cache (self, &error);
  self->n_tiles = cache ? pv_tile_cache_count_tiles (cache) : 0;
  if (cache == NULL)
    text = g_strdup (error->message);
  else
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, self->n_tiles);

      if (self->n_tiles > PV_TILE_CACHE_DEFAULT_LIMIT)
        /* translators: the tile count, then the limit */
        text = g_strdup_printf (_("%s tiles: more than the limit of %d. Choose fewer zoom levels."),
                                count, PV_TILE_CACHE_DEFAULT_LIMIT);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s tile to fetch, at most",
                                             "%s tiles to fetch, at most",
                                             (gulong) MIN (self->n_tiles, G_MAXULONG)),
                                count);
    }
  gtk_label_set_text (self->estimate_label, text);
  ok = cache != NULL && self->n_tiles > 0 && self->n_tiles <= PV_TILE_CACHE_DEFAULT_LIMIT;
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), ok);
}

static void
fill_sources (PvTileCacheDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = pv_map_get_n_layers (self->map);

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  self->sources = g_ptr_array_new_with_free_func (g_free);
  /* Top layer first: a base map is usually at the bottom, web maps first. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = n; i-- > 0;)
      {
        PvLayer *layer = pv_map_get_layer (self->map, i);
        gboolean web = pv_web_source_get_service (pv_layer_get_source (layer)) != PV_WEB_SERVICE_NONE;

        if (!PV_IS_RASTER_LAYER (layer) || web != (pass == 0))
          continue;
        gtk_string_list_append (names, pv_layer_get_name (layer));
        g_ptr_array_add (self->sources, g_strdup (pv_layer_get_source (layer)));
      }
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (names));
}

static void
set_default_zoom (PvTileCacheDialog *self)
{
  double e[4];
  int z;

  pv_viewport_get_extent (self->viewport, &e[0], &e[1], &e[2], &e[3]);
  z = pv_tile_cache_zoom_for_extent (pv_map_get_crs (self->map), e[0], e[1], e[2], e[3],
                                     MAX (pv_viewport_get_width (self->viewport), 1), NULL);
  if (z < 0)
    z = 14;
  /* Two levels out (what a fly-to passes through) to one level in. */
  gtk_spin_button_set_value (self->min_zoom, MAX (z - 2, 0));
  gtk_spin_button_set_value (self->max_zoom, MIN (z + 1, PV_TILE_CACHE_MAX_ZOOM));
}

/* ------------------------------------------------------------ running */

static void
progress_cb (double      fraction,
             const char *what,
             gpointer    user_data)
{
  PvTileCacheDialog *self = user_data;

  /* On the worker: the dialog lives until the task ends (it holds a ref). */
  g_mutex_lock (&self->mutex);
  self->fraction = fraction;
  g_mutex_unlock (&self->mutex);
}

static gboolean
progress_tick_cb (gpointer data)
{
  PvTileCacheDialog *self = data;
  double fraction;

  g_mutex_lock (&self->mutex);
  fraction = self->fraction;
  g_mutex_unlock (&self->mutex);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  return G_SOURCE_CONTINUE;
}

static void
set_running (PvTileCacheDialog *self,
             gboolean           running)
{
  self->running = running;
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->area_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->min_zoom), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->max_zoom), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (running)
    self->progress_id = g_timeout_add (100, progress_tick_cb, self);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PvTileCacheDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pv_tile_cache_write_finish (result, &error);

  if (self->status_label == NULL)
    return;
  set_running (self, FALSE);
  if (!ok)
    {
      gtk_label_set_text (self->status_label,
                          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                            ? _("Cancelled; no file was written.") : error->message);
      return;
    }
  {
    GStatBuf st;
    g_autofree char *display = g_filename_display_name (self->output);
    g_autofree char *size = g_format_size (g_stat (self->output, &st) == 0 ? (guint64) st.st_size : 0);
    g_autofree char *text = NULL;

    /* translators: the file, then its size */
    text = g_strdup_printf (_("Saved %s (%s)."), display, size);
    gtk_label_set_text (self->status_label, text);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), self->queue != NULL);
  gtk_button_set_label (self->cancel_button, _("_Close"));
}

static void
start_clicked_cb (PvTileCacheDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvTileCache) cache = NULL;
  guint i = adw_combo_row_get_selected (self->source_row);

  if (self->output == NULL)
    {
      gtk_label_set_text (self->status_label, _("Choose the file to write first."));
      return;
    }
  if (self->sources != NULL && i < self->sources->len &&
      pv_web_source_get_service (g_ptr_array_index (self->sources, i)) != PV_WEB_SERVICE_NONE &&
      !pv_trust_get_network_enabled ())
    {
      gtk_label_set_text (self->status_label,
                          _("Online sources are off (Preferences → Privacy): the tiles cannot be fetched."));
      return;
    }
  if (!(cache = build_cache (self, &error)))
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->fraction = 0;
  gtk_label_set_text (self->status_label, _("Fetching tiles…"));
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), FALSE);
  set_running (self, TRUE);
  pv_tile_cache_write_async (cache, self->output, 0, progress_cb, self, self->cancellable,
                             write_done_cb, g_object_ref (self));
}

static void
cancel_clicked_cb (PvTileCacheDialog *self)
{
  if (self->running)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
add_clicked_cb (PvTileCacheDialog *self)
{
  const char *paths[] = { self->output, NULL };

  if (self->queue != NULL && self->output != NULL)
    pv_load_queue_add (self->queue, paths);
  gtk_window_close (GTK_WINDOW (self));
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     PvTileCacheDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          if (!g_str_has_suffix (path, ".mbtiles"))
            {
              char *with = g_strconcat (path, ".mbtiles", NULL);

              g_free (path);
              path = with;
            }
          pv_tile_cache_dialog_set_output (self, path);
        }
    }
  g_object_unref (chooser);
}

static void
choose_clicked_cb (PvTileCacheDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Save Tile Cache"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("MBTiles tile caches"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("tiles.mbtiles"));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------ GObject */

static void
pv_tile_cache_dialog_dispose (GObject *object)
{
  PvTileCacheDialog *self = PV_TILE_CACHE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->source_row != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->source_row, self);
      g_signal_handlers_disconnect_by_data (self->area_row, self);
      g_signal_handlers_disconnect_by_data (self->min_zoom, self);
      g_signal_handlers_disconnect_by_data (self->max_zoom, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_TILE_CACHE_DIALOG);

  G_OBJECT_CLASS (pv_tile_cache_dialog_parent_class)->dispose (object);
}

static void
pv_tile_cache_dialog_finalize (GObject *object)
{
  PvTileCacheDialog *self = PV_TILE_CACHE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->map);
  g_clear_object (&self->viewport);
  g_clear_object (&self->queue);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->output, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pv_tile_cache_dialog_parent_class)->finalize (object);
}

static void
pv_tile_cache_dialog_class_init (PvTileCacheDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_tile_cache_dialog_dispose;
  object_class->finalize = pv_tile_cache_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-tile-cache-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PvTileCacheDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, PvTileCacheDialog, area_row);
  gtk_widget_class_bind_template_child (widget_class, PvTileCacheDialog, min_zoom);
  gtk_widget_class_bind_template_child (widget_class, PvTileCacheDialog, max_zoom);
  gtk_widget_class_bind_template_child (widget_class, PvTileCacheDialog, output_row);
  gtk_widget_class_bind_template_child (widget_class, PvTileCacheDialog, estimate_label);
  gtk_widget_class_bind_template_child (widget_class, PvTileCacheDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PvTileCacheDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PvTileCacheDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, PvTileCacheDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, PvTileCacheDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
}

static void
pv_tile_cache_dialog_init (PvTileCacheDialog *self)
{
  g_mutex_init (&self->mutex);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pv_tile_cache_dialog_new (GtkWindow   *parent,
                          PvMap       *map,
                          PvViewport  *viewport,
                          PvLoadQueue *queue)
{
  PvTileCacheDialog *self;

  g_return_val_if_fail (PV_IS_MAP (map), NULL);
  g_return_val_if_fail (PV_IS_VIEWPORT (viewport), NULL);

  self = g_object_new (PV_TYPE_TILE_CACHE_DIALOG, "transient-for", parent, NULL);
  self->map = g_object_ref (map);
  self->viewport = pv_viewport_copy (viewport);
  self->queue = queue ? g_object_ref (queue) : NULL;
  fill_sources (self);
  set_default_zoom (self);
  g_signal_connect_object (self->source_row, "notify::selected", G_CALLBACK (update_estimate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->area_row, "notify::selected", G_CALLBACK (update_estimate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->min_zoom, "value-changed", G_CALLBACK (update_estimate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->max_zoom, "value-changed", G_CALLBACK (update_estimate), self,
                           G_CONNECT_SWAPPED);
  update_estimate (self);
  return GTK_WIDGET (self);
}

void
pv_tile_cache_dialog_set_output (PvTileCacheDialog *self,
                                 const char        *path)
{
  g_autofree char *display = NULL;

  g_return_if_fail (PV_IS_TILE_CACHE_DIALOG (self));

  g_free (self->output);
  self->output = g_strdup (path);
  display = path ? g_filename_display_name (path) : NULL;
  adw_action_row_set_subtitle (self->output_row, display ? display : "");
}

guint64
pv_tile_cache_dialog_get_n_tiles (PvTileCacheDialog *self)
{
  g_return_val_if_fail (PV_IS_TILE_CACHE_DIALOG (self), 0);

  return self->n_tiles;
}
