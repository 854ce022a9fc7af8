/* pv-web-layer-dialog.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pv-application.h"
#include "pv-task.h"
#include "pv-web-layer-dialog.h"

/* Saved services: "KIND URL" (KIND: wms, wmts, xyz, oapif), newest first. */
#define SAVED_KEY  "web-services"
#define MAX_SAVED  20

struct _PvWebLayerDialog
{
  AdwWindow       parent_instance;

  AdwComboRow    *saved_row;
  AdwComboRow    *kind_row;
  AdwEntryRow    *url_row;
  GtkLabel       *hint_label;
  GtkLabel       *status_label;
  GtkSpinner     *spinner;
  GtkButton      *online_button;
  GtkButton      *list_button;
  GtkButton      *add_button;
  AdwPreferencesGroup *layers_group;
  GtkListBox     *layers_list;

  PvMap          *map;
  GSettings      *settings;
  GStrv           saved;
  GCancellable   *cancellable;
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (PvWebLayerDialog, pv_web_layer_dialog, ADW_TYPE_WINDOW)

static const struct
{
  PvWebService  service;
  const char   *key;
} kinds[] = {
  { PV_WEB_SERVICE_WMS, "wms" },
  { PV_WEB_SERVICE_WMTS, "wmts" },
  { PV_WEB_SERVICE_XYZ, "xyz" },
  { PV_WEB_SERVICE_OAPIF, "oapif" },
};

static PvWebService
selected_service (PvWebLayerDialog *self)
{
  guint i = adw_combo_row_get_selected (self->kind_row);

  return i < G_N_ELEMENTS (kinds) ? kinds[i].service : PV_WEB_SERVICE_XYZ;
}

static void
set_status (PvWebLayerDialog *self,
            const char       *text)
{
  gtk_label_set_text (self->status_label, text ? text : "");
}

static void
set_busy (PvWebLayerDialog *self,
          gboolean          busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->list_button), !busy);
}

/* What Add would open: the XYZ template, or the layer chosen in the list. */
static void
update_sensitivity (PvWebLayerDialog *self)
{
  PvWebService service = selected_service (self);
  gboolean can_add;

  if (service == PV_WEB_SERVICE_XYZ)
    {
      g_autofree char *source = pv_web_source_new (service, gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                                                   NULL);

      can_add = source != NULL;
    }
  else
    can_add = gtk_list_box_get_selected_row (self->layers_list) != NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), can_add && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->list_button), service != PV_WEB_SERVICE_XYZ);
}

static void
clear_layers (PvWebLayerDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->layers_list))) != NULL)
    gtk_list_box_remove (self->layers_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->layers_group), FALSE);
}

static void
update_hint (PvWebLayerDialog *self)
{
  const char *hint;

  switch (selected_service (self))
    {
    case PV_WEB_SERVICE_WMS:
      hint = _("The address of the WMS service, e.g. https://example.org/wms?SERVICE=WMS. List its layers, then choose one.");
      break;
    case PV_WEB_SERVICE_WMTS:
      hint = _("The address of the WMTS GetCapabilities document. List its layers, then choose one.");
      break;
    case PV_WEB_SERVICE_OAPIF:
      hint = _("The landing page of the OGC API Features service. List its collections, then choose one.");
      break;
    case PV_WEB_SERVICE_XYZ:
    case PV_WEB_SERVICE_NONE:
    default:
      hint = _("A tile address with {z}, {x} and {y} where the zoom level, column and row go, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png");
      break;
    }
  gtk_label_set_text (self->hint_label, hint);
}

static void
service_changed_cb (PvWebLayerDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  clear_layers (self);
  update_hint (self);
  update_sensitivity (self);
}

/* ------------------------------------------------------------ saved */

static char *
saved_label (const char *entry)
{
  g_auto(GStrv) parts = g_strsplit (entry, " ", 2);

  for (guint i = 0; parts[0] != NULL && parts[1] != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (parts[0], kinds[i].key))
      /* translators: a kind of web service, then its address */
      return g_strdup_printf (_("%s — %s"), pv_web_service_to_string (kinds[i].service), parts[1]);
  return g_strdup (entry);
}

static void
fill_saved (PvWebLayerDialog *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  g_clear_pointer (&self->saved, g_strfreev);
  self->saved = self->settings ? g_settings_get_strv (self->settings, SAVED_KEY) : g_new0 (char *, 1);
  gtk_string_list_append (model, C_("saved services", "None"));
  for (guint i = 0; self->saved[i] != NULL; i++)
    {
      g_autofree char *label = saved_label (self->saved[i]);

      gtk_string_list_append (model, label);
    }
  adw_combo_row_set_model (self->saved_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->saved_row, 0);
}

static void
remember_service (PvWebLayerDialog *self,
                  PvWebService      service,
                  const char       *url)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) stored = NULL;
  g_auto(GStrv) updated = NULL;
  g_autofree char *entry = NULL;
  guint n = 1;

  if (self->settings == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].service == service)
      entry = g_strdup_printf ("%s %s", kinds[i].key, url);
  if (entry == NULL)
    return;
  stored = g_settings_get_strv (self->settings, SAVED_KEY);
  g_strv_builder_add (builder, entry);
  for (guint i = 0; stored[i] != NULL && n < MAX_SAVED; i++)
    if (!g_str_equal (stored[i], entry))
      {
        g_strv_builder_add (builder, stored[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, SAVED_KEY, (const char * const *) updated);
}

static void
saved_selected_cb (PvWebLayerDialog *self)
{
  guint i = adw_combo_row_get_selected (self->saved_row);
  g_auto(GStrv) parts = NULL;

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || i > g_strv_length (self->saved))
    return;
  parts = g_strsplit (self->saved[i - 1], " ", 2);
  if (parts[0] == NULL || parts[1] == NULL)
    return;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (g_str_equal (parts[0], kinds[k].key))
      pv_web_layer_dialog_set_service (self, kinds[k].service, parts[1]);
}

/* ------------------------------------------------------------ online */

static gboolean
check_online (PvWebLayerDialog *self)
{
  if (pv_trust_get_network_enabled ())
    return TRUE;
  set_status (self, _("Online sources are off (Preferences → Privacy): PlanViewer fetches nothing from web services."));
  gtk_widget_set_visible (GTK_WIDGET (self->online_button), TRUE);
  return FALSE;
}

static void
online_clicked_cb (PvWebLayerDialog *self)
{
  /* The application keeps GDAL's network in step with the setting. */
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "online-sources", TRUE);
  pv_trust_set_network_enabled (TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->online_button), FALSE);
  set_status (self, _("Online sources are on."));
}

/* ------------------------------------------------------------ listing */

static void
layer_selected_cb (PvWebLayerDialog *self)
{
  /* Rows go away while the template is disposed too. */
  if (self->kind_row != NULL)
    update_sensitivity (self);
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PvWebLayerDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = pv_web_source_list_layers_finish (result, &error);

  /* Cancelled, or the dialog is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->layers_list == NULL)
    return;
  set_busy (self, FALSE);
  if (infos == NULL)
    {
      set_status (self, error->message);
      update_sensitivity (self);
      return;
    }
  clear_layers (self);
  for (guint i = 0; i < infos->len; i++)
    {
      PvWebLayerInfo *info = g_ptr_array_index (infos, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (info->layer_name != NULL && g_strcmp0 (info->layer_name, info->title) != 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), info->layer_name);
      g_object_set_data_full (G_OBJECT (row), "pv-source", g_strdup (info->source), g_free);
      g_object_set_data_full (G_OBJECT (row), "pv-layer-name", g_strdup (info->layer_name), g_free);
      gtk_list_box_append (self->layers_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->layers_group), TRUE);
  gtk_list_box_select_row (self->layers_list, gtk_list_box_get_row_at_index (self->layers_list, 0));
  set_status (self, NULL);
  update_sensitivity (self);
}

static void
list_clicked_cb (PvWebLayerDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;

  if (!check_online (self))
    return;
  source = pv_web_source_new (selected_service (self), gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                              &error);
  if (source == NULL)
    {
      set_status (self, error->message);
      return;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_layers (self);
  set_status (self, _("Asking the service for its layers…"));
  set_busy (self, TRUE);
  update_sensitivity (self);
  pv_web_source_list_layers_async (source, self->cancellable, list_done_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ adding */

typedef struct
{
  char *source;
  char *layer_name;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->source);
  g_free (job->layer_name);
  g_free (job);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;
  GPtrArray *layers = pv_layer_open_all (job->source, job->layer_name, cancellable, &error);

  if (layers == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, layers, (GDestroyNotify) g_ptr_array_unref);
}

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PvWebLayerDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->layers_list == NULL)
    return;
  set_busy (self, FALSE);
  if (layers == NULL)
    {
      set_status (self, error->message);
      update_sensitivity (self);
      return;
    }
  for (guint i = 0; i < layers->len; i++)
    pv_map_add_layer (self->map, g_ptr_array_index (layers, i));
  remember_service (self, selected_service (self),
                    gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_clicked_cb (PvWebLayerDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  OpenJob *job;

  if (!check_online (self))
    return;
  job = g_new0 (OpenJob, 1);
  if (selected_service (self) == PV_WEB_SERVICE_XYZ)
    job->source = pv_web_source_new (PV_WEB_SERVICE_XYZ,
                                     gtk_editable_get_text (GTK_EDITABLE (self->url_row)), &error);
  else
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->layers_list);

      if (row != NULL)
        {
          job->source = g_strdup (g_object_get_data (G_OBJECT (row), "pv-source"));
          job->layer_name = g_strdup (g_object_get_data (G_OBJECT (row), "pv-layer-name"));
        }
    }
  if (job->source == NULL)
    {
      set_status (self, error ? error->message : _("Choose a layer of the service first."));
      open_job_free (job);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_status (self, _("Opening the layer…"));
  set_busy (self, TRUE);
  update_sensitivity (self);
  task = g_task_new (NULL, self->cancellable, open_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_set_name (task, "[planviewer] open web layer");
  pv_task_run_in_thread (task, open_thread);
}

static void
cancel_clicked_cb (PvWebLayerDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* ------------------------------------------------------------ GObject */

static void
pv_web_layer_dialog_dispose (GObject *object)
{
  PvWebLayerDialog *self = PV_WEB_LAYER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->kind_row != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->saved_row, self);
      g_signal_handlers_disconnect_by_data (self->kind_row, self);
      g_signal_handlers_disconnect_by_data (self->url_row, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_WEB_LAYER_DIALOG);

  G_OBJECT_CLASS (pv_web_layer_dialog_parent_class)->dispose (object);
}

static void
pv_web_layer_dialog_finalize (GObject *object)
{
  PvWebLayerDialog *self = PV_WEB_LAYER_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->map);
  g_clear_pointer (&self->saved, g_strfreev);

  G_OBJECT_CLASS (pv_web_layer_dialog_parent_class)->finalize (object);
}

static void
pv_web_layer_dialog_class_init (PvWebLayerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_web_layer_dialog_dispose;
  object_class->finalize = pv_web_layer_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-web-layer-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PvWebLayerDialog, saved_row);
  gtk_widget_class_bind_template_child (widget_class, PvWebLayerDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PvWebLayerDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, PvWebLayerDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, PvWebLayerDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PvWebLayerDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PvWebLayerDialog, online_button);
  gtk_widget_class_bind_template_child (widget_class, PvWebLayerDialog, list_button);
  gtk_widget_class_bind_template_child (widget_class, PvWebLayerDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, PvWebLayerDialog, layers_group);
  gtk_widget_class_bind_template_child (widget_class, PvWebLayerDialog, layers_list);
  gtk_widget_class_bind_template_callback (widget_class, online_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, layer_selected_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pv_web_layer_dialog_init (PvWebLayerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = pv_application_dup_settings ();
  self->cancellable = g_cancellable_new ();
  adw_combo_row_set_selected (self->kind_row, 2);
  fill_saved (self);
  g_signal_connect_object (self->saved_row, "notify::selected", G_CALLBACK (saved_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (service_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->url_row, "changed", G_CALLBACK (service_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_hint (self);
  update_sensitivity (self);
  check_online (self);
}

GtkWidget *
pv_web_layer_dialog_new (GtkWindow *parent,
                         PvMap     *map)
{
  PvWebLayerDialog *self;

  g_return_val_if_fail (PV_IS_MAP (map), NULL);

  self = g_object_new (PV_TYPE_WEB_LAYER_DIALOG, "transient-for", parent, NULL);
  self->map = g_object_ref (map);
  return GTK_WIDGET (self);
}

void
pv_web_layer_dialog_set_service (PvWebLayerDialog *self,
                                 PvWebService      service,
                                 const char       *url)
{
  g_return_if_fail (PV_IS_WEB_LAYER_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].service == service)
      adw_combo_row_set_selected (self->kind_row, i);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url ? url : "");
}
