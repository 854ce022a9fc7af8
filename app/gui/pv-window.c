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
#include "pv-bookmarks-panel.h"
#include "pv-compare-popover.h"
#include "pv-export-dialog.h"
#include "pv-presentation.h"
#include "pv-task.h"
#include "pv-trust-dialog.h"
#include "pv-format.h"
#include "pv-identify-popover.h"
#include "pv-layer-panel.h"
#include "pv-legend-panel.h"
#include "pv-load-queue.h"
#include "pv-map-tools.h"
#include "pv-map-view.h"
#include "pv-postgis-dialog.h"
#include "pv-recovery.h"
#include "pv-status-bar.h"
#include "pv-tile-cache-dialog.h"
#include "pv-web-layer-dialog.h"
#include "pv-window.h"

#define PROJECT_SUFFIX ".pvproj"
/* Seconds from a change to the recovery file that holds it. */
#define AUTOSAVE_DELAY_SECONDS 2

/* What waits for the answer to "Save changes?". */
typedef enum
{
  PENDING_NONE,
  PENDING_CLOSE,
  PENDING_OPEN,
} PendingAction;

struct _PvWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  PvComparePopover     *compare_popover;
  AdwFlap              *flap;
  GtkStack             *stack;
  PvMapView            *map_view;
  PvLayerPanel         *layer_panel;
  PvBookmarksPanel     *bookmarks_panel;
  GtkRevealer          *annotation_revealer;
  PvMapTools           *tools;
  GtkMenuButton        *recent_button;
  GtkWidget            *statusbar;
  GtkSpinner           *loading_spinner;
  GtkWidget            *recent_projects_group;
  GtkListBox           *recent_projects_list;

  PvMap                *map;
  /* The project the map belongs to: its file, and whether it changed. */
  PvProject            *project;
  PvLoadQueue          *load_queue;
  GSettings            *settings;
  GCancellable         *load_cancellable;
  char                 *document_name;
  /* Messages already shown, so a layer failing at every frame is told once. */
  GHashTable           *reported;
  guint                 n_loads;

  /* Unsaved changes: the recovery file, the prompt on closing. */
  char                 *recovery_path;
  guint                 autosave_id;
  guint                 autosaves_running;
  gboolean              close_confirmed;
  PendingAction         pending;
  GPtrArray            *pending_files;     /* GFile */
  AdwMessageDialog     *save_changes_dialog;
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
  gboolean   recovery;        /* paths are recovery files */
  PvProjectOpenFlags open_flags; /* what the user allowed (outside, network) */
  /* Results */
  PvProject *project;         /* the first project, if any */
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
          g_autoptr(PvProject) project = NULL;
          PvMap *map;

          project = pv_project_open (path,
                                     (job->recovery ? PV_PROJECT_OPEN_RECOVERY : PV_PROJECT_OPEN_DEFAULT) |
                                     job->open_flags,
                                     layer_errors, cancellable, &error);
          map = project != NULL ? pv_project_get_map (project) : NULL;
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
              job->project = g_steal_pointer (&project);
              /* The project's own title when it has one, else its file name. */
              job->project_name = pv_project_dup_display_name (job->project);
              job->has_view = pv_project_get_view (job->project, job->view_extent);
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
  gboolean modified = self->project != NULL && pv_project_get_modified (self->project);
  g_autofree char *project_name = self->project ? pv_project_dup_display_name (self->project) : NULL;
  const char *name = project_name != NULL ? project_name : self->document_name;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  g_autofree char *shown = NULL;

  if (name == NULL && modified)
    name = _("Untitled Project");
  if (name != NULL)
    {
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u layer", "%u layers", n), n);
      /* Translators: a project with unsaved changes, in the title bar. */
      shown = modified ? g_strdup_printf (_("• %s"), name) : g_strdup (name);
      /* Translators: the window title, "document — application". */
      title = g_strdup_printf (_("%s — PlanViewer"), shown);
      adw_window_title_set_title (self->window_title, shown);
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

static void discard_recovery (PvWindow *self);
static gboolean write_recovery_now (PvWindow *self);
static void project_changed_cb (PvWindow  *self,
                                PvProject *project);

static void
project_modified_cb (PvWindow   *self,
                     GParamSpec *pspec,
                     PvProject  *project)
{
  update_title (self);
}

static void
set_project (PvWindow     *self,
             PvProject    *project,
             const double *view_extent)
{
  PvMap *map = pv_project_get_map (project);

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  /* The project this window showed is gone: so are its unsaved changes. */
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  discard_recovery (self);
  g_set_object (&self->project, project);
  g_set_object (&self->map, map);
  self->close_confirmed = FALSE;
  g_signal_connect_object (pv_map_get_layers (map), "items-changed", G_CALLBACK (layers_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::modified", G_CALLBACK (project_modified_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self, G_CONNECT_SWAPPED);

  g_hash_table_remove_all (self->reported);
  pv_map_view_set_map (self->map_view, map, view_extent);
  pv_map_tools_set_map (self->tools, map);
  pv_bookmarks_panel_set_bookmarks (self->bookmarks_panel, pv_map_get_bookmarks (map));
  layers_changed_cb (self, 0, 0, 0, pv_map_get_layers (map));
  /* A recovered project holds changes from the start. */
  if (pv_project_get_modified (project))
    project_changed_cb (self, project);
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
      set_project (self, job->project, job->has_view ? job->view_extent : NULL);
    }

  for (guint i = 0; i < job->layers->len; i++)
    pv_map_add_layer (self->map, g_ptr_array_index (job->layers, i));
  if (job->recovery && job->project != NULL)
    {
      /* This window's own recovery file holds the changes now: the one the
       * ended session left can go. */
      if (write_recovery_now (self))
        for (guint i = 0; job->paths[i] != NULL; i++)
          pv_recovery_discard (job->paths[i], NULL);
      set_loading (self, FALSE);
      update_title (self);
      return;
    }

  for (guint i = 0; i < job->errors->len; i++)
    show_error (self, g_ptr_array_index (job->errors, i));

  /* A recovery file is no file of the user's. */
  for (guint i = 0; !job->recovery && job->paths[i] != NULL; i++)
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
  /* Files opened into an empty, untitled window are what the window shows,
   * not a change to save; layers added to a project change it. */
  gboolean keep_clean = pv_project_get_path (self->project) == NULL && !pv_project_get_modified (self->project);

  if (self->document_name == NULL || pv_map_get_n_layers (self->map) == 0)
    {
      g_free (self->document_name);
      self->document_name = display_basename (path, FALSE);
    }
  for (guint i = 0; i < layers->len; i++)
    pv_map_add_layer (self->map, g_ptr_array_index (layers, i));
  if (keep_clean)
    pv_project_set_modified (self->project, FALSE);
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
add_web_layer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PvWindow *self = PV_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (pv_web_layer_dialog_new (GTK_WINDOW (self), self->map)));
}

static void
cache_tiles_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PvWindow *self = PV_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (pv_tile_cache_dialog_new (GTK_WINDOW (self), self->map,
                                                            pv_map_view_get_viewport (self->map_view),
                                                            self->load_queue)));
}

static void
add_postgis_layer_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PvWindow *self = PV_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (pv_postgis_dialog_new (GTK_WINDOW (self), self->map)));
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

/* The export dialog, on the view the window shows. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PvWindow *self = PV_WINDOW (widget);
  PvExportDialog *dialog;
  double extent[4];

  if (self->map == NULL || pv_map_get_n_layers (self->map) == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Add a layer to export a map")));
      return;
    }
  pv_viewport_get_extent (pv_map_view_get_viewport (self->map_view), &extent[0], &extent[1], &extent[2], &extent[3]);
  dialog = pv_export_dialog_new (GTK_WINDOW (self), self->map, extent);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Compare on or off (the popover opens when no layer is chosen yet). */
static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pv_compare_popover_toggle_compare (PV_WINDOW (widget)->compare_popover);
}

/* The next pointer tool: laser, spotlight, magnifier, normal. */
static void
pointer_tool_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  pv_compare_popover_cycle_pointer (PV_WINDOW (widget)->compare_popover);
}

/* Presents the bookmarks as slides, flying from the current view. */
static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PvWindow *self = PV_WINDOW (widget);

  if (self->map == NULL ||
      g_list_model_get_n_items (G_LIST_MODEL (pv_map_get_bookmarks (self->map))) == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Add bookmarks to present: each bookmark is a slide (Ctrl+D)")));
      return;
    }
  pv_presentation_start (GTK_WINDOW (self), self->map, pv_map_view_get_viewport (self->map_view));
}

/* The parameter is the layer's position in the map (bottom first). */
static void
add_bookmark_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PvWindow *self = PV_WINDOW (widget);

  if (self->map != NULL)
    pv_bookmarks_panel_add_bookmark (self->bookmarks_panel);
}

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

/* Recent projects, on the empty page */

#define N_RECENT_PROJECTS 5

static int
compare_recent_newest_first (gconstpointer a,
                             gconstpointer b)
{
  GDateTime *ma = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *mb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (mb, ma);
}

static void
update_recent_projects (PvWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  const char *app_name = g_get_application_name ();
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_projects_list))) != NULL)
    gtk_list_box_remove (self->recent_projects_list, child);
  items = g_list_sort (items, compare_recent_newest_first);
  for (GList *l = items; l != NULL && n < N_RECENT_PROJECTS; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autofree char *path = NULL;
      g_autofree char *title = NULL;
      g_autofree char *folder = NULL;
      g_autofree char *folder_display = NULL;
      GtkWidget *row;

      if (app_name == NULL || !gtk_recent_info_has_application (info, app_name) || !gtk_recent_info_is_local (info) ||
          !gtk_recent_info_exists (info))
        continue;
      path = g_filename_from_uri (gtk_recent_info_get_uri (info), NULL, NULL);
      if (path == NULL || !is_project_path (path))
        continue;
      title = display_basename (path, TRUE);
      folder = g_path_get_dirname (path);
      folder_display = g_filename_display_name (folder);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder_display);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", gtk_recent_info_get_uri (info));
      gtk_list_box_append (self->recent_projects_list, row);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  gtk_widget_set_visible (self->recent_projects_group, n > 0);
}

/* Recovery files */

static void
discard_recovery (PvWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->recovery_path == NULL)
    return;
  if (!pv_recovery_discard (self->recovery_path, &error))
    g_warning ("%s", error->message);
}

static void
recovery_written_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PvWindow *self = PV_WINDOW (source_object);
  g_autoptr(GError) error = NULL;

  self->autosaves_running--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Told once: the next autosave may well fail the same way. */
      if (self->project != NULL)
        show_error (self, error);
      return;
    }
  /* Saved, discarded or closed meanwhile: the file must not outlive that. */
  if (self->project == NULL || !pv_project_get_modified (self->project))
    discard_recovery (self);
}

typedef struct
{
  char   *path;
  GBytes *data;
} RecoveryWrite;

static void
recovery_write_free (RecoveryWrite *write)
{
  g_free (write->path);
  g_bytes_unref (write->data);
  g_free (write);
}

static void
write_recovery_worker (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  RecoveryWrite *write = task_data;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (write->data, &length);

  if (!pv_project_write_atomically (write->path, data, length, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static char *
recovery_data (PvWindow *self,
               gsize    *length)
{
  g_autofree char *name = NULL;

  if (self->recovery_path == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->recovery_path = pv_recovery_new_path (&error);
      if (self->recovery_path == NULL)
        {
          show_error (self, error);
          return NULL;
        }
    }
  return pv_project_to_recovery_data (self->project, pv_map_view_get_viewport (self->map_view), length);
}

/* Writes the recovery file now, on this thread (a recovered project, before
 * the file it came from goes). */
static gboolean
write_recovery_now (PvWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (!(data = recovery_data (self, &length)))
    return FALSE;
  if (!pv_project_write_atomically (self->recovery_path, data, length, &error))
    {
      show_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
autosave_cb (gpointer user_data)
{
  PvWindow *self = PV_WINDOW (user_data);
  g_autoptr(GTask) task = NULL;
  g_autofree char *data = NULL;
  RecoveryWrite *write;
  gsize length;

  self->autosave_id = 0;
  if (self->project == NULL || !pv_project_get_modified (self->project))
    return G_SOURCE_REMOVE;
  /* One write at a time, in order; a later change schedules the next. */
  if (self->autosaves_running > 0)
    {
      self->autosave_id = g_timeout_add_seconds (AUTOSAVE_DELAY_SECONDS, autosave_cb, self);
      return G_SOURCE_REMOVE;
    }
  if (!(data = recovery_data (self, &length)))
    return G_SOURCE_REMOVE;
  write = g_new0 (RecoveryWrite, 1);
  write->path = g_strdup (self->recovery_path);
  write->data = g_bytes_new_take (g_steal_pointer (&data), length);
  task = g_task_new (self, NULL, recovery_written_cb, NULL);
  g_task_set_source_tag (task, autosave_cb);
  g_task_set_name (task, "[planviewer] autosave");
  g_task_set_task_data (task, write, (GDestroyNotify) recovery_write_free);
  self->autosaves_running++;
  pv_task_run_in_thread (task, write_recovery_worker);
  return G_SOURCE_REMOVE;
}

static void
project_changed_cb (PvWindow  *self,
                    PvProject *project)
{
  update_title (self);
  if (self->autosave_id == 0 && pv_project_get_modified (project))
    self->autosave_id = g_timeout_add_seconds (AUTOSAVE_DELAY_SECONDS, autosave_cb, self);
}

/* Saving */

static void run_pending (PvWindow *self);
static void show_save_as (PvWindow *self);

static gboolean
save_to (PvWindow    *self,
         const char  *path,
         GError     **error)
{
  g_autofree char *uri = NULL;

  if (!pv_project_save_to (self->project, pv_map_view_get_viewport (self->map_view), path, error))
    return FALSE;
  discard_recovery (self);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  uri = g_filename_to_uri (pv_project_get_path (self->project), NULL, NULL);
  if (uri != NULL && g_get_application_name () != NULL)
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  /* The file's name now names the window (unless the map has a title). */
  g_clear_pointer (&self->document_name, g_free);
  self->document_name = pv_project_dup_display_name (self->project);
  update_title (self);
  return TRUE;
}

static void
report_save_error (PvWindow     *self,
                   const GError *error)
{
  /* A failed save is told again however often it happens. */
  g_hash_table_remove (self->reported, error->message);
  show_error (self, error);
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     PvWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !is_project_path (path))
        {
          char *with_suffix = g_strconcat (path, PROJECT_SUFFIX, NULL);

          g_free (path);
          path = with_suffix;
        }
      if (path != NULL && save_to (self, path, &error))
        run_pending (self);
      else
        {
          if (error != NULL)
            report_save_error (self, error);
          self->pending = PENDING_NONE;
          g_clear_pointer (&self->pending_files, g_ptr_array_unref);
        }
    }
  else
    {
      self->pending = PENDING_NONE;
      g_clear_pointer (&self->pending_files, g_ptr_array_unref);
    }
  g_object_unref (dialog);
}

static void
show_save_as (PvWindow *self)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = pv_project_dup_display_name (self->project);
  g_autofree char *file_name = NULL;

  native = gtk_file_chooser_native_new (_("Save Project As"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, _("PlanViewer Projects"));
  gtk_file_filter_add_pattern (filter, "*" PROJECT_SUFFIX);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (pv_project_get_path (self->project) != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (pv_project_get_path (self->project));

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), file, NULL);
    }
  else
    {
      const char *base = name != NULL ? name : self->document_name;

      /* Translators: the file name offered for a new project. */
      file_name = g_strconcat (base != NULL ? base : _("Untitled Project"), PROJECT_SUFFIX, NULL);
      if (base != NULL && g_str_has_suffix (base, PROJECT_SUFFIX))
        file_name[strlen (base)] = '\0';
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), file_name);
    }
  g_signal_connect_object (native, "response", G_CALLBACK (save_as_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Saves to the project's file, or asks for one. TRUE when saved now. */
static gboolean
save_or_ask (PvWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (pv_project_get_path (self->project) == NULL)
    {
      show_save_as (self);
      return FALSE;
    }
  if (!save_to (self, NULL, &error))
    {
      report_save_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_or_ask (PV_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  show_save_as (PV_WINDOW (widget));
}

/* "Save changes?" */

static void open_files_now (PvWindow  *self,
                            GFile    **files,
                            int        n_files);

static void
run_pending (PvWindow *self)
{
  PendingAction pending = self->pending;
  g_autoptr(GPtrArray) files = g_steal_pointer (&self->pending_files);

  self->pending = PENDING_NONE;
  switch (pending)
    {
    case PENDING_CLOSE:
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      break;

    case PENDING_OPEN:
      if (files != NULL)
        open_files_now (self, (GFile **) files->pdata, files->len);
      break;

    case PENDING_NONE:
    default:
      break;
    }
}

static void
save_changes_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          PvWindow         *self)
{
  self->save_changes_dialog = NULL;
  if (g_str_equal (response, "discard"))
    {
      /* The changes are let go: so is their recovery file. */
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      discard_recovery (self);
      pv_project_set_modified (self->project, FALSE);
      run_pending (self);
    }
  else if (g_str_equal (response, "save"))
    {
      if (save_or_ask (self))
        run_pending (self);
      /* Else the Save As dialog carries on, or the error was shown. */
      else if (pv_project_get_path (self->project) != NULL)
        {
          self->pending = PENDING_NONE;
          g_clear_pointer (&self->pending_files, g_ptr_array_unref);
        }
    }
  else
    {
      self->pending = PENDING_NONE;
      g_clear_pointer (&self->pending_files, g_ptr_array_unref);
    }
}

static void
ask_save_changes (PvWindow      *self,
                  PendingAction  pending)
{
  g_autofree char *project_name = pv_project_dup_display_name (self->project);
  const char *name = project_name != NULL ? project_name : self->document_name;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  self->pending = pending;
  if (self->save_changes_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->save_changes_dialog));
      return;
    }
  if (name != NULL)
    /* Translators: %s is the project's name. */
    heading = g_strdup_printf (_("Save Changes to “%s”?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading != NULL ? heading : _("Save Changes?"),
                                   _("The project has changes that are not saved. "
                                     "If you do not save them, they are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_changes_response_cb), self, 0);
  self->save_changes_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Recovery after a crash */

typedef struct
{
  PvWindow  *window;
  GPtrArray *files;   /* PvRecoveryFile */
} RecoveryOffer;

static void
recovery_offer_free (RecoveryOffer *offer)
{
  g_clear_object (&offer->window);
  g_clear_pointer (&offer->files, g_ptr_array_unref);
  g_free (offer);
}

static void
recovery_offer_closure_free (gpointer  data,
                             GClosure *closure)
{
  recovery_offer_free (data);
}

static gboolean
window_is_empty (PvWindow *self)
{
  return self->n_loads == 0 && pv_map_get_n_layers (self->map) == 0 &&
         pv_project_get_path (self->project) == NULL && !pv_project_get_modified (self->project);
}

static void
recover_into (PvWindow       *self,
              PvRecoveryFile *file)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job = g_new0 (LoadJob, 1);
  const char *paths[] = { file->path, NULL };

  job->paths = g_strdupv ((char **) paths);
  job->recovery = TRUE;
  job->data_paths = g_new0 (char *, 1);
  job->layers = g_ptr_array_new_with_free_func (g_object_unref);
  job->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_hash_table_remove_all (self->reported);
  set_loading (self, TRUE);
  task = g_task_new (self, self->load_cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, recover_into);
  g_task_set_name (task, "[planviewer] recover");
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  pv_task_run_in_thread (task, load_worker);
}

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      RecoveryOffer    *offer)
{
  PvWindow *self = offer->window;

  if (g_str_equal (response, "recover"))
    {
      for (guint i = 0; i < offer->files->len; i++)
        {
          PvRecoveryFile *file = g_ptr_array_index (offer->files, i);
          PvWindow *target = self;

          /* The first into this window when it shows nothing yet, the
           * others into windows of their own. */
          if (i > 0 || !window_is_empty (self))
            {
              GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

              if (app == NULL)
                break;
              target = g_object_new (PV_TYPE_WINDOW, "application", app, NULL);
              gtk_window_present (GTK_WINDOW (target));
            }
          recover_into (target, file);
        }
    }
  else if (g_str_equal (response, "discard"))
    {
      for (guint i = 0; i < offer->files->len; i++)
        {
          g_autoptr(GError) error = NULL;

          if (!pv_recovery_discard (((PvRecoveryFile *) g_ptr_array_index (offer->files, i))->path, &error))
            show_error (self, error);
        }
    }
  /* Else (Escape): asked again at the next start. */
}

gboolean
pv_window_offer_recovery (PvWindow *self)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = NULL;
  RecoveryOffer *offer;
  GtkWidget *dialog;

  g_return_val_if_fail (PV_IS_WINDOW (self), FALSE);

  files = pv_recovery_list_orphans (&error);
  if (files == NULL)
    {
      show_error (self, error);
      return FALSE;
    }
  if (files->len == 0)
    return FALSE;

  body = g_string_new (g_dngettext (GETTEXT_PACKAGE,
                                    "PlanViewer was not closed properly. This project has changes that were not saved:",
                                    "PlanViewer was not closed properly. These projects have changes that were not saved:",
                                    files->len));
  for (guint i = 0; i < files->len; i++)
    {
      PvRecoveryFile *file = g_ptr_array_index (files, i);
      g_autoptr(GDateTime) local = g_date_time_to_local (file->saved);
      g_autofree char *when = g_date_time_format (local, "%x %X");
      g_autofree char *where = file->project != NULL ? g_filename_display_name (file->project) : NULL;

      g_string_append (body, "\n\n");
      /* Translators: one recovered project: its name, then when it was last
       * autosaved; the next line says where its project file is. */
      g_string_append_printf (body, _("• %s (%s)"), file->name != NULL ? file->name : _("Untitled Project"), when);
      if (where != NULL)
        g_string_append_printf (body, "\n  %s", where);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Recover Unsaved Changes?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  offer = g_new0 (RecoveryOffer, 1);
  offer->window = g_object_ref (self);
  offer->files = g_steal_pointer (&files);
  g_signal_connect_data (dialog, "response", G_CALLBACK (recovery_response_cb), offer,
                         recovery_offer_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* The application's first window looks for what a crashed session left. */
static gboolean
offer_recovery_idle_cb (gpointer user_data)
{
  g_autoptr(PvWindow) self = g_weak_ref_get (user_data);
  static gboolean offered;

  if (self != NULL && !offered && gtk_window_get_application (GTK_WINDOW (self)) != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      offered = TRUE;
      pv_window_offer_recovery (self);
    }
  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
pv_window_map (GtkWidget *widget)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  GTK_WIDGET_CLASS (pv_window_parent_class)->map (widget);
  g_weak_ref_init (ref, widget);
  g_idle_add_full (G_PRIORITY_LOW, offer_recovery_idle_cb, ref, (GDestroyNotify) weak_ref_free);
}

/* Missing files */

typedef struct
{
  PvMissingLayer *missing;
  char           *path;
  GPtrArray      *layers;
  GPtrArray      *errors;
} LocateJob;

static void
locate_job_free (LocateJob *job)
{
  g_clear_object (&job->missing);
  g_free (job->path);
  g_clear_pointer (&job->layers, g_ptr_array_unref);
  g_clear_pointer (&job->errors, g_ptr_array_unref);
  g_free (job);
}

static void
locate_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LocateJob *job = task_data;
  g_autoptr(GError) error = NULL;

  job->layers = pv_missing_layer_locate (job->missing, job->path, job->errors, cancellable, &error);
  if (job->layers == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
locate_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PvWindow *self = PV_WINDOW (source_object);
  LocateJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint position;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report_save_error (self, error);
      if (self->load_cancellable != NULL)
        set_loading (self, FALSE);
      return;
    }
  set_loading (self, FALSE);
  /* Where the placeholder is now (the user may have moved it meanwhile). */
  if (!pv_map_get_layer_position (self->map, PV_LAYER (job->missing), &position))
    return;
  pv_map_remove_layer (self->map, position);
  for (guint i = 0; i < job->layers->len; i++)
    pv_map_insert_layer (self->map, position + i, g_ptr_array_index (job->layers, i));
  for (guint i = 0; i < job->errors->len; i++)
    show_error (self, g_ptr_array_index (job->errors, i));
}

void
pv_window_locate_layer (PvWindow *self,
                        guint     position,
                        GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  LocateJob *job;
  PvLayer *layer;
  char *path;

  g_return_if_fail (PV_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (position >= pv_map_get_n_layers (self->map) ||
      !PV_IS_MISSING_LAYER ((layer = pv_map_get_layer (self->map, position))))
    return;
  if ((path = g_file_get_path (file)) == NULL)
    return;
  job = g_new0 (LocateJob, 1);
  job->missing = g_object_ref (PV_MISSING_LAYER (layer));
  job->path = path;
  job->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_hash_table_remove_all (self->reported);
  set_loading (self, TRUE);
  task = g_task_new (self, self->load_cancellable, locate_done_cb, NULL);
  g_task_set_source_tag (task, pv_window_locate_layer);
  g_task_set_name (task, "[planviewer] locate file");
  g_task_set_task_data (task, job, (GDestroyNotify) locate_job_free);
  pv_task_run_in_thread (task, locate_worker);
}

static void
locate_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    PvWindow        *self)
{
  PvLayer *missing = g_object_get_data (G_OBJECT (dialog), "missing-layer");
  guint position;

  if (response == GTK_RESPONSE_ACCEPT && pv_map_get_layer_position (self->map, missing, &position))
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        pv_window_locate_layer (self, position, file);
    }
  g_object_unref (dialog);
}

/* The parameter is the layer's position in the map (bottom first). */
static void
locate_layer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PvWindow *self = PV_WINDOW (widget);
  guint position = g_variant_get_uint32 (parameter);
  g_autofree char *title = NULL;
  g_autofree char *dir = NULL;
  GtkFileChooserNative *native;
  PvLayer *layer;

  if (position >= pv_map_get_n_layers (self->map) ||
      !PV_IS_MISSING_LAYER ((layer = pv_map_get_layer (self->map, position))))
    return;
  /* Translators: %s is the layer's name. */
  title = g_strdup_printf (_("Locate the File of “%s”"), pv_layer_get_name (layer));
  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  pv_load_add_file_filters (GTK_FILE_CHOOSER (native), FALSE);
  /* Where it was, or the nearest folder of that which is still there. */
  dir = g_path_get_dirname (pv_layer_get_source (layer));
  while (dir != NULL && !g_file_test (dir, G_FILE_TEST_IS_DIR) && strchr (dir, G_DIR_SEPARATOR) != NULL &&
         strcmp (dir, G_DIR_SEPARATOR_S) != 0)
    {
      char *parent = g_path_get_dirname (dir);

      g_free (dir);
      dir = parent;
    }
  if (dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }
  g_object_set_data_full (G_OBJECT (native), "missing-layer", g_object_ref (layer), g_object_unref);
  g_signal_connect_object (native, "response", G_CALLBACK (locate_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* GtkWindow */

static gboolean
pv_window_close_request (GtkWindow *window)
{
  PvWindow *self = PV_WINDOW (window);

  if (self->project != NULL && pv_project_get_modified (self->project) && !self->close_confirmed)
    {
      ask_save_changes (self, PENDING_CLOSE);
      return TRUE;
    }
  /* A clean close: nothing to recover. */
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  discard_recovery (self);

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
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  /* A window destroyed without a close (the application quitting) keeps its
   * recovery file when there are unsaved changes. */
  if (self->project != NULL && !pv_project_get_modified (self->project))
    discard_recovery (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_WINDOW);

  g_clear_object (&self->tools);
  g_clear_object (&self->map);
  g_clear_object (&self->project);
  g_clear_pointer (&self->pending_files, g_ptr_array_unref);
  g_clear_object (&self->load_queue);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pv_window_parent_class)->dispose (object);
}

static void
pv_window_finalize (GObject *object)
{
  PvWindow *self = PV_WINDOW (object);

  g_free (self->document_name);
  g_free (self->recovery_path);
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
  widget_class->map = pv_window_map;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PV_TYPE_BOOKMARKS_PANEL);
  g_type_ensure (PV_TYPE_COMPARE_POPOVER);
  g_type_ensure (PV_TYPE_LAYER_PANEL);
  g_type_ensure (PV_TYPE_LEGEND_PANEL);
  g_type_ensure (PV_TYPE_MAP_VIEW);
  g_type_ensure (PV_TYPE_STATUS_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PvWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, compare_popover);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, layer_panel);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, bookmarks_panel);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, annotation_revealer);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, recent_button);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, statusbar);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, recent_projects_group);
  gtk_widget_class_bind_template_child (widget_class, PvWindow, recent_projects_list);
  gtk_widget_class_bind_template_callback (widget_class, render_error_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.add-layer", NULL, add_layer_action);
  gtk_widget_class_install_action (widget_class, "win.add-postgis-layer", NULL, add_postgis_layer_action);
  gtk_widget_class_install_action (widget_class, "win.add-web-layer", NULL, add_web_layer_action);
  gtk_widget_class_install_action (widget_class, "win.cache-tiles", NULL, cache_tiles_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.locate-layer", "u", locate_layer_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.add-layer", NULL);
  gtk_widget_class_install_action (widget_class, "win.zoom-full", NULL, zoom_full_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.compare", NULL);
  gtk_widget_class_install_action (widget_class, "win.pointer-tool", NULL, pointer_tool_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.pointer-tool", NULL);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_install_action (widget_class, "win.add-bookmark", NULL, add_bookmark_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.add-bookmark", NULL);
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
  pv_compare_popover_set_map_view (self->compare_popover, self->map_view);

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
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed", G_CALLBACK (update_recent_projects),
                           self, G_CONNECT_SWAPPED);
  update_recent_projects (self);

  show_sidebar = g_property_action_new ("show-sidebar", self->flap, "reveal-flap");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (show_sidebar));

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (drop_target));

  /* Measuring, annotating, the land-use table ("tools" actions). */
  self->tools = pv_map_tools_new (GTK_WINDOW (self), self->map_view, self->annotation_revealer);

  {
    g_autoptr(PvProject) project = pv_project_new (map);

    set_project (self, project, NULL);
  }

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
  g_return_if_fail (PV_IS_WINDOW (self));
  g_return_if_fail (n_files == 0 || files != NULL);

  /* A project replaces the one shown: ask first about its changes. */
  if (pv_project_get_modified (self->project))
    for (int i = 0; i < n_files; i++)
      {
        g_autofree char *path = g_file_get_path (files[i]);

        if (path != NULL && is_project_path (path))
          {
            g_clear_pointer (&self->pending_files, g_ptr_array_unref);
            self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);
            for (int k = 0; k < n_files; k++)
              g_ptr_array_add (self->pending_files, g_object_ref (files[k]));
            ask_save_changes (self, PENDING_OPEN);
            return;
          }
      }
  open_files_now (self, files, n_files);
}

static void
start_load (PvWindow *self,
            LoadJob  *job)
{
  g_autoptr(GTask) task = NULL;

  /* A new batch may report again what an earlier one did. */
  g_hash_table_remove_all (self->reported);
  set_loading (self, TRUE);
  task = g_task_new (self, self->load_cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_name (task, "[planviewer] open files");
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  pv_task_run_in_thread (task, load_worker);
}

typedef struct
{
  PvWindow  *self;
  LoadJob   *job;
  GPtrArray *outside;  /* PvProjectSource */
} TrustAsk;

static void
trust_ask_free (TrustAsk *ask)
{
  g_object_unref (ask->self);
  g_ptr_array_unref (ask->outside);
  g_free (ask);
}

/* The databases' passwords are known (or skipped): open. */
static void
passwords_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TrustAsk *ask = user_data;

  pv_postgis_ensure_passwords_finish (result, NULL);
  start_load (ask->self, ask->job);
  trust_ask_free (ask);
}

static void
trust_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TrustAsk         *ask)
{
  if (g_str_equal (response, "cancel"))
    load_job_free (ask->job);
  else
    {
      ask->job->open_flags = pv_trust_dialog_flags_for_response (response);
      /* Network sources open: a database's password from the keyring, or asked. */
      if (g_str_equal (response, "all"))
        {
          pv_postgis_ensure_passwords_async (GTK_WINDOW (ask->self), ask->outside, NULL,
                                             passwords_ready_cb, ask);
          return;
        }
      start_load (ask->self, ask->job);
    }
  trust_ask_free (ask);
}

/* A project that names files outside its folder or network sources opens
 * them only if the user says so. */
static void
ask_trust_then_load (PvWindow *self,
                     LoadJob  *job)
{
  g_autoptr(GPtrArray) outside = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_project_source_free);
  GtkWidget *dialog;
  TrustAsk *ask;

  for (guint i = 0; job->paths[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) sources = pv_project_list_outside_sources (job->paths[i], NULL);

      for (guint k = 0; sources != NULL && k < sources->len; k++)
        g_ptr_array_add (outside, pv_project_source_copy (g_ptr_array_index (sources, k)));
    }
  if (outside->len == 0)
    {
      start_load (self, job);
      return;
    }
  ask = g_new0 (TrustAsk, 1);
  ask->self = g_object_ref (self);
  ask->job = job;
  ask->outside = g_ptr_array_ref (outside);
  dialog = pv_trust_dialog_new (GTK_WINDOW (self), job->paths[0], outside);
  g_signal_connect (dialog, "response", G_CALLBACK (trust_response_cb), ask);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_files_now (PvWindow  *self,
                GFile    **files,
                int        n_files)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) data_builder = g_strv_builder_new ();
  g_auto(GStrv) data_paths = NULL;
  LoadJob *job;
  guint n_paths = 0;

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

  ask_trust_then_load (self, job);
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

PvProject *
pv_window_get_project (PvWindow *self)
{
  g_return_val_if_fail (PV_IS_WINDOW (self), NULL);

  return self->project;
}

gboolean
pv_window_save (PvWindow    *self,
                GFile       *file,
                GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (PV_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  if (file == NULL && pv_project_get_path (self->project) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           _("The project has no file yet: choose one with Save As"));
      return FALSE;
    }
  if (file != NULL && (path = g_file_get_path (file)) == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: projects are saved to local files only"), uri);
      return FALSE;
    }
  return save_to (self, path, error);
}

const char *
pv_window_get_recovery_path (PvWindow *self)
{
  g_return_val_if_fail (PV_IS_WINDOW (self), NULL);

  return self->recovery_path;
}
