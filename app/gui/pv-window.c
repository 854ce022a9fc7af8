/* pv-window.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pv-application.h"
#include "pv-attribute-table.h"
#include "pv-format.h"
#include "pv-identify-popover.h"
#include "pv-layer-panel.h"
#include "pv-legend-panel.h"
#include "pv-load-queue.h"
#include "pv-map-view.h"
#include "pv-status-bar.h"
#include "pv-window.h"

#define PROJECT_SUFFIX ".pvproj"

struct _PvWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  GtkStack             *stack;
  PvMapView            *map_view;
  PvLayerPanel         *layer_panel;
  GtkMenuButton        *recent_button;
  GtkWidget            *statusbar;
  GtkSpinner           *loading_spinner;

  PvMap                *map;
  PvLoadQueue          *load_queue;
  GSettings            *settings;
  GCancellable         *load_cancellable;
  char                 *document_name;
  /* Messages already shown, so a layer failing at every frame is told once. */
  GHashTable           *reported;
  guint                 n_loads;
};

G_DEFINE_FINAL_TYPE (PvWindow, pv_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Loading, on a worker thread */

typedef struct
{
  GStrv      paths;
  /* Results */
  PvMap     *project;         /* the first project, if any */
  char      *project_name;
  double     view_extent[4];
  gboolean   has_view;
  GPtrArray *layers;          /* PvLayer, from data files and further projects */
  GPtrArray *errors;          /* GError */
  GStrv      data_paths;      /* opened after the projects, by the load queue */
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_strfreev (job->paths);
  g_clear_object (&job->project);
  g_free (job->project_name);
  g_clear_pointer (&job->layers, g_ptr_array_unref);
  g_clear_pointer (&job->errors, g_ptr_array_unref);
  g_strfreev (job->data_paths);
  g_free (job);
}

static gboolean
is_project_path (const char *path)
{
  g_autofree char *lower = g_utf8_strdown (path, -1);

  return g_str_has_suffix (lower, PROJECT_SUFFIX);
}

static char *
display_basename (const char *path,
                  gboolean    strip_project_suffix)
{
  g_autofree char *base = g_path_get_basename (path);
  char *display = g_filename_display_name (base);

  if (strip_project_suffix && is_project_path (display) && strlen (display) > strlen (PROJECT_SUFFIX))
    display[strlen (display) - strlen (PROJECT_SUFFIX)] = '\0';
  return display;
}

/* An error message that names the file, whatever the core said. */
static GError *
error_naming_file (GError     *error,
                   const char *path)
{
  g_autofree char *base = display_basename (path, FALSE);
  GError *named;

  if (strstr (error->message, base) != NULL)
    return g_error_copy (error);
  named = g_error_copy (error);
  g_free (named->message);
  /* Translators: "file name: reason". */
  named->message = g_strdup_printf (_("%s: %s"), base, error->message);
  return named;
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;

  for (guint i = 0; job->paths[i] != NULL; i++)
    {
      const char *path = job->paths[i];
      g_autoptr(GError) error = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;

      if (is_project_path (path))
        {
          g_autoptr(GPtrArray) layer_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
          g_autoptr(PvMap) map = NULL;
          double extent[4];
          gboolean has_view = FALSE;

          map = pv_project_load (path, layer_errors, extent, &has_view, cancellable, &error);
          /* These name the layer's own file. */
          for (guint k = 0; k < layer_errors->len; k++)
            g_ptr_array_add (job->errors, g_error_copy (g_ptr_array_index (layer_errors, k)));

          if (map == NULL)
            {
              if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                {
                  g_task_return_error (task, g_steal_pointer (&error));
                  return;
                }
              g_ptr_array_add (job->errors, error_naming_file (error, path));
            }
          else if (job->project == NULL)
            {
              job->project = g_steal_pointer (&map);
              /* The project's own title when it has one, else its file name. */
              job->project_name = pv_map_get_title (job->project) != NULL
                                  ? g_strdup (pv_map_get_title (job->project))
                                  : display_basename (path, TRUE);
              job->has_view = has_view;
              memcpy (job->view_extent, extent, sizeof extent);
            }
          else
            {
              /* A further project on the same command line: its layers join. */
              for (guint k = 0; k < pv_map_get_n_layers (map); k++)
                g_ptr_array_add (job->layers, g_object_ref (pv_map_get_layer (map, k)));
            }
        }
    }

  g_task_return_boolean (task, TRUE);
}

/* UI */

static void
show_error (PvWindow     *self,
            const GError *error)
{
  g_autoptr(AdwToast) toast = NULL;

  if (g_hash_table_contains (self->reported, error->message))
    return;
  g_hash_table_add (self->reported, g_strdup (error->message));

  toast = adw_toast_new (error->message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, g_steal_pointer (&toast));
}

static void
update_title (PvWindow *self)
{
  guint n = self->map ? pv_map_get_n_layers (self->map) : 0;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  if (self->document_name != NULL)
    {
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u layer", "%u layers", n), n);
      /* Translators: the window title, "document — application". */
      title = g_strdup_printf (_("%s — PlanViewer"), self->document_name);
      adw_window_title_set_title (self->window_title, self->document_name);
      adw_window_title_set_subtitle (self->window_title, subtitle);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("PlanViewer"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("PlanViewer"));
    }
}

static void
update_stack (PvWindow *self)
{
  gboolean has_layers = self->map != NULL && pv_map_get_n_layers (self->map) > 0;
  const char *page;

  /* Coordinates and scale mean nothing without data. */
  gtk_widget_set_visible (self->statusbar, has_layers);

  if (has_layers)
    page = "map";
  else if (self->n_loads > 0)
    page = "loading";
  else
    page = "empty";
  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
layers_changed_cb (PvWindow   *self,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GListModel *layers)
{
  update_title (self);
  update_stack (self);
}

static void
set_map (PvWindow     *self,
         PvMap        *map,
         const double *view_extent)
{
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);
  g_set_object (&self->map, map);
  g_signal_connect_object (pv_map_get_layers (map), "items-changed", G_CALLBACK (layers_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_hash_table_remove_all (self->reported);
  pv_map_view_set_map (self->map_view, map, view_extent);
  layers_changed_cb (self, 0, 0, 0, pv_map_get_layers (map));
}

static void
set_loading (PvWindow *self,
             gboolean  loading)
{
  if (loading)
    self->n_loads++;
  else
    self->n_loads--;

  gtk_spinner_set_spinning (self->loading_spinner, self->n_loads > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), self->n_loads > 0);
  update_stack (self);
  if (self->n_loads <= 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PvWindow *self = PV_WINDOW (source_object);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Cancelled: the window is closing. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      if (self->load_cancellable != NULL)
        set_loading (self, FALSE);
      return;
    }

  if (job->project != NULL)
    {
      g_free (self->document_name);
      self->document_name = g_strdup (job->project_name);
      set_map (self, job->project, job->has_view ? job->view_extent : NULL);
    }

  for (guint i = 0; i < job->layers->len; i++)
    pv_map_add_layer (self->map, g_ptr_array_index (job->layers, i));

  for (guint i = 0; i < job->errors->len; i++)
    show_error (self, g_ptr_array_index (job->errors, i));

  for (guint i = 0; job->paths[i] != NULL; i++)
    {
      g_autofree char *uri = g_filename_to_uri (job->paths[i], NULL, NULL);

      /* The recent list records the application's name. */
      if (uri != NULL && g_get_application_name () != NULL)
        gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }
  /* Data files join the map the projects made. */
  pv_load_queue_add (self->load_queue, (const char * const *) job->data_paths);

  set_loading (self, FALSE);
  update_title (self);
}

/* Map data, through the load queue */

static void
queue_layers_loaded_cb (PvWindow    *self,
                        const char  *path,
                        GPtrArray   *layers,
                        PvLoadQueue *queue)
{
  if (self->document_name == NULL || pv_map_get_n_layers (self->map) == 0)
    {
      g_free (self->document_name);
      self->document_name = display_basename (path, FALSE);
    }
  for (guint i = 0; i < layers->len; i++)
    pv_map_add_layer (self->map, g_ptr_array_index (layers, i));
  update_title (self);
}

static void
queue_error_cb (PvWindow     *self,
                const GError *error,
                PvLoadQueue  *queue)
{
  show_error (self, error);
}

static void
queue_loading_cb (PvWindow    *self,
                  GParamSpec  *pspec,
                  PvLoadQueue *queue)
{
  set_loading (self, pv_load_queue_get_loading (queue));
}

static void
render_error_cb (PvWindow     *self,
                 const GError *error,
                 PvMapView    *map_view)
{
  show_error (self, error);
}

/* Opening files */

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  PvWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint n = g_list_model_get_n_items (files);
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      pv_window_open_files (self, (GFile **) array->pdata, array->len);
    }
  g_object_unref (dialog);
}

static void
show_file_chooser (PvWindow *self,
                   gboolean  with_projects)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (with_projects ? _("Open Projects and Map Data") : _("Add Map Data"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        with_projects ? _("_Open") : _("_Add"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  pv_load_add_file_filters (GTK_FILE_CHOOSER (native), with_projects);

  g_signal_connect_object (native, "response", G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_file_chooser (PV_WINDOW (widget), TRUE);
}

static void
add_layer_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_file_chooser (PV_WINDOW (widget), FALSE);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  pv_window_open_files (PV_WINDOW (widget), &file, 1);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PvWindow      *self)
{
  GSList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  g_slist_free (list);
  if (files->len == 0)
    return FALSE;
  pv_window_open_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

static void
zoom_full_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pv_map_view_zoom_full (PV_WINDOW (widget)->map_view);
}

/* The parameter is the layer's position in the map (bottom first). */
static void
open_attribute_table_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  PvWindow *self = PV_WINDOW (widget);
  guint position = g_variant_get_uint32 (parameter);

  if (self->map == NULL || position >= pv_map_get_n_layers (self->map)
      || !PV_IS_VECTOR_LAYER (pv_map_get_layer (self->map, position)))
    return;
  pv_attribute_table_present_for_layer (GTK_WINDOW (self),
                                        PV_VECTOR_LAYER (pv_map_get_layer (self->map, position)),
                                        self->map_view);
}

/* GtkWindow */

static gboolean
pv_window_close_request (GtkWindow *window)
{
  PvWindow *self = PV_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (self->settings, "window-width", MAX (width, 360));
          g_settings_set_int (self->settings, "window-height", MAX (height, 294));
        }
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (pv_window_parent_class)->close_request (window);
}

/* GObject */

static void
pv_window_dispose (GObject *object)
{
  PvWindow *self = PV_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->load_queue != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->load_queue, self);
      pv_load_queue_cancel (self->load_queue);
    }
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_WINDOW);

  g_clear_object (&self->map);
  g_clear_object (&self->load_queue);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pv_window_parent_class)->dispose (object);
}

static void
pv_window_finalize (GObject *object)
{
  PvWindow *self = PV_WINDOW (object);

  g_free (self->document_name);
  g_clear_pointer (&self->reported, g_hash_table_unref);

  G_OBJECT_CLASS (pv_window_parent_class)->finalize (object);
}

static void
pv_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PvWindow *self = PV_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, pv_window_get_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_window_class_init (PvWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pv_window_dispose;
  object_class->finalize = pv_window_finalize;
  object_class->get_property = pv_window_get_property;
  window_class->close_request = pv_window_close_request;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PV_TYPE_LAYER_PANEL);
  g_type_ensure (PV_TYPE_LEGEND_PANEL);
  g_type_ensure (PV_TYPE_MAP_VIEW);
  g_type_ensure (PV_TYPE_STATUS_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PvWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, layer_panel);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, recent_button);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, statusbar);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, loading_spinner);
  gtk_widget_class_bind_template_callback (widget_class, render_error_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.add-layer", NULL, add_layer_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.add-layer", NULL);
  gtk_widget_class_install_action (widget_class, "win.zoom-full", NULL, zoom_full_action);
  gtk_widget_class_install_action (widget_class, "win.open-attribute-table", "u", open_attribute_table_action);
  /* Bubble phase: the layer list keeps Home for itself when it has the focus. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "win.zoom-full", NULL);
}

static void
pv_window_init (PvWindow *self)
{
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(GPropertyAction) show_sidebar = NULL;
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Click on the map: what is there (a child of the map view). */
  pv_identify_popover_new (self->map_view);

  self->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->load_cancellable = g_cancellable_new ();
  self->load_queue = pv_load_queue_new (GTK_WINDOW (self));
  g_signal_connect_object (self->load_queue, "layers-loaded", G_CALLBACK (queue_layers_loaded_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->load_queue, "error", G_CALLBACK (queue_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->load_queue, "notify::loading", G_CALLBACK (queue_loading_cb),
                           self, G_CONNECT_SWAPPED);
  pv_layer_panel_set_load_queue (self->layer_panel, self->load_queue);
  gtk_menu_button_set_menu_model (self->recent_button, pv_load_recent_menu_get ());

  show_sidebar = g_property_action_new ("show-sidebar", self->flap, "reveal-flap");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (show_sidebar));

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (drop_target));

  set_map (self, map, NULL);

  self->settings = pv_application_dup_settings ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  if (g_strcmp0 (PV_APP_ID, "io.github.planviewer.PlanViewer") != 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/* Public API */

void
pv_window_open_files (PvWindow  *self,
                      GFile    **files,
                      int        n_files)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) data_builder = g_strv_builder_new ();
  g_auto(GStrv) data_paths = NULL;
  LoadJob *job;
  guint n_paths = 0;

  g_return_if_fail (PV_IS_WINDOW (self));
  g_return_if_fail (n_files == 0 || files != NULL);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autoptr(GError) error = NULL;

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("%s: only local files can be opened"), uri);
          show_error (self, error);
          continue;
        }
      if (is_project_path (path))
        {
          g_strv_builder_add (builder, path);
          n_paths++;
        }
      else
        g_strv_builder_add (data_builder, path);
    }
  data_paths = g_strv_builder_end (data_builder);
  if (n_paths == 0)
    {
      /* Map data only: straight to the load queue. */
      g_hash_table_remove_all (self->reported);
      pv_load_queue_add (self->load_queue, (const char * const *) data_paths);
      return;
    }

  job = g_new0 (LoadJob, 1);
  job->paths = g_strv_builder_end (builder);
  job->data_paths = g_steal_pointer (&data_paths);
  job->layers = g_ptr_array_new_with_free_func (g_object_unref);
  job->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  /* A new batch may report again what an earlier one did. */
  g_hash_table_remove_all (self->reported);
  set_loading (self, TRUE);

  task = g_task_new (self, self->load_cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, pv_window_open_files);
  g_task_set_name (task, "[planviewer] open files");
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_worker);
}

PvMap *
pv_window_get_map (PvWindow *self)
{
  g_return_val_if_fail (PV_IS_WINDOW (self), NULL);

  return self->map;
}

PvMapView *
pv_window_get_map_view (PvWindow *self)
{
  g_return_val_if_fail (PV_IS_WINDOW (self), NULL);

  return self->map_view;
}

PvLoadQueue *
pv_window_get_load_queue (PvWindow *self)
{
  g_return_val_if_fail (PV_IS_WINDOW (self), NULL);

  return self->load_queue;
}

gboolean
pv_window_get_loading (PvWindow *self)
{
  g_return_val_if_fail (PV_IS_WINDOW (self), FALSE);

  return self->n_loads > 0;
}
