/* pv-postgis-dialog.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pv-application.h"
#include "pv-keyring.h"
#include "pv-postgis-dialog.h"
#include "pv-task.h"

/* GSettings: the saved connections, as PG: sources without passwords. */
#define SAVED_KEY "postgis-connections"

struct _PvPostgisDialog
{
  AdwWindow      parent_instance;

  AdwComboRow   *saved_row;
  AdwEntryRow   *host_row;
  AdwEntryRow   *port_row;
  AdwEntryRow   *dbname_row;
  AdwEntryRow   *user_row;
  AdwEntryRow   *password_row;
  GtkSwitch     *remember_switch;
  GtkButton     *connect_button;
  GtkButton     *add_button;
  GtkButton     *online_button;
  GtkSpinner    *spinner;
  GtkLabel      *status_label;
  AdwPreferencesGroup *tables_group;
  GtkListBox    *tables_list;

  PvMap         *map;
  GSettings     *settings;
  GCancellable  *cancellable;
  PvPgConnection *connection;  /* the one listed */
  GPtrArray     *tables;       /* PvPgTable of connection */
  GPtrArray     *checks;       /* GtkCheckButton per table */
  GStrv          saved;        /* sources shown in saved_row ([0] is "new") */
  gboolean       busy;
};

G_DEFINE_FINAL_TYPE (PvPostgisDialog, pv_postgis_dialog, ADW_TYPE_WINDOW)

static void
set_status (PvPostgisDialog *self,
            const char      *message)
{
  gtk_label_set_text (self->status_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
}

static void
set_busy (PvPostgisDialog *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), !busy && self->checks != NULL &&
                            self->checks->len > 0);
  if (!busy && self->checks != NULL)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < self->checks->len; i++)
        any |= gtk_check_button_get_active (self->checks->pdata[i]);
      gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), any);
    }
}

/* The connection the fields describe. */
static PvPgConnection *
fields_connection (PvPostgisDialog *self)
{
  const char *port = gtk_editable_get_text (GTK_EDITABLE (self->port_row));

  return pv_pg_connection_new (gtk_editable_get_text (GTK_EDITABLE (self->host_row)),
                               (int) g_ascii_strtoll (port, NULL, 10),
                               gtk_editable_get_text (GTK_EDITABLE (self->dbname_row)),
                               gtk_editable_get_text (GTK_EDITABLE (self->user_row)));
}

static void
fill_saved (PvPostgisDialog *self)
{
  g_auto(GStrv) stored = self->settings ? g_settings_get_strv (self->settings, SAVED_KEY) : g_new0 (char *, 1);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();

  gtk_string_list_append (labels, _("New connection"));
  g_ptr_array_add (sources, g_strdup (""));
  for (guint i = 0; stored[i] != NULL; i++)
    {
      g_autoptr(PvPgConnection) c = pv_pg_connection_parse (stored[i]);
      g_autofree char *label = c ? pv_pg_connection_dup_label (c) : NULL;

      if (label == NULL)
        continue;
      gtk_string_list_append (labels, label);
      g_ptr_array_add (sources, g_strdup (stored[i]));
    }
  g_ptr_array_add (sources, NULL);
  g_strfreev (self->saved);
  self->saved = (GStrv) g_ptr_array_steal (sources, NULL);
  adw_combo_row_set_model (self->saved_row, G_LIST_MODEL (labels));
}

/* Saved connections: the one listed goes first, without its password. */
static void
remember_connection (PvPostgisDialog      *self,
                     const PvPgConnection *connection)
{
  g_auto(GStrv) stored = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *source = pv_pg_connection_to_source (connection);
  g_auto(GStrv) updated = NULL;

  if (self->settings == NULL)
    return;
  stored = g_settings_get_strv (self->settings, SAVED_KEY);
  g_strv_builder_add (builder, source);
  for (guint i = 0; stored[i] != NULL && i < 20; i++)
    if (g_strcmp0 (stored[i], source) != 0)
      g_strv_builder_add (builder, stored[i]);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, SAVED_KEY, (const char * const *) updated);
}

static void
check_toggled_cb (PvPostgisDialog *self)
{
  set_busy (self, self->busy);
}

static void
show_tables (PvPostgisDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tables_list))) != NULL)
    gtk_list_box_remove (self->tables_list, child);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  self->checks = g_ptr_array_new ();
  for (guint i = 0; self->tables != NULL && i < self->tables->len; i++)
    {
      const PvPgTable *table = self->tables->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *rows = NULL;
      g_autofree char *subtitle = NULL;

      if (table->n_rows >= 0)
        /* Translators: the server's estimate of a table's rows. */
        {
          g_autofree char *number = g_strdup_printf ("%'" G_GINT64_FORMAT, table->n_rows);

          rows = g_strdup_printf (ngettext ("about %s row", "about %s rows", (gulong) MIN (table->n_rows, G_MAXLONG)),
                                  number);
        }
      else
        rows = g_strdup (_("rows unknown"));
      /* Translators: geometry type — CRS — row estimate, e.g. "Polygon — EPSG:9210 — about 8 166 rows". */
      subtitle = g_strdup_printf (_("%s — %s — %s"), table->geometry_type,
                                  table->crs ? table->crs : _("unknown CRS"), rows);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), table->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->checks, check);
      gtk_list_box_append (self->tables_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tables_group), TRUE);
  if (self->tables == NULL || self->tables->len == 0)
    set_status (self, _("The database has no tables or views with a geometry column."));
}

typedef struct
{
  PvPgConnection *connection;
  char           *password;
} ListJob;

static void
list_job_free (ListJob *job)
{
  pv_pg_connection_free (job->connection);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job);
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  ListJob *job = data;
  GError *error = NULL;
  GPtrArray *tables;

  if (job->password != NULL)
    pv_pg_set_password (job->connection, job->password);
  tables = pv_pg_list_tables (job->connection, cancellable, &error);
  if (tables == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tables, (GDestroyNotify) g_ptr_array_unref);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pv_keyring_store_finish (result, &error))
    g_warning ("The password could not be kept in the keyring: %s", error->message);
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PvPostgisDialog *self = user_data;
  ListJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GPtrArray *tables = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (tables == NULL)
    {
      set_status (self, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->online_button),
                              g_error_matches (error, PV_PG_ERROR, PV_PG_ERROR_NETWORK_OFF));
      if (g_error_matches (error, PV_PG_ERROR, PV_PG_ERROR_AUTH))
        gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }
  set_status (self, NULL);
  g_clear_pointer (&self->connection, pv_pg_connection_free);
  self->connection = pv_pg_connection_copy (job->connection);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  self->tables = tables;
  remember_connection (self, job->connection);
  if (job->password != NULL && job->password[0] != '\0' && gtk_switch_get_active (self->remember_switch))
    pv_keyring_store_async (job->connection, job->password, NULL, store_cb, NULL);
  show_tables (self);
  set_busy (self, FALSE);
}

static void
connect_clicked_cb (PvPostgisDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ListJob *job;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (self->busy)
    return;
  job = g_new0 (ListJob, 1);
  job->connection = fields_connection (self);
  if (job->connection->dbname == NULL)
    {
      list_job_free (job);
      set_status (self, _("Give the database’s name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->dbname_row));
      return;
    }
  job->password = password[0] != '\0' ? g_strdup (password) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->online_button), FALSE);
  set_status (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (NULL, self->cancellable, list_done_cb, self);
  g_task_set_task_data (task, job, (GDestroyNotify) list_job_free);
  pv_task_run_in_thread (task, list_thread);
}

static void
lookup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PvPostgisDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = pv_keyring_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (password != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
      pv_keyring_free_password (password);
      /* One click: a saved connection with its password connects. */
      connect_clicked_cb (self);
      return;
    }
  if (error != NULL)
    g_debug ("No keyring: %s", error->message);
  set_status (self, _("Type the password and connect."));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
saved_selected_cb (PvPostgisDialog *self)
{
  guint i = adw_combo_row_get_selected (self->saved_row);
  g_autoptr(PvPgConnection) c = NULL;
  char port[16];

  if (self->saved == NULL || i == GTK_INVALID_LIST_POSITION || i == 0 ||
      i >= g_strv_length (self->saved) || !(c = pv_pg_connection_parse (self->saved[i])))
    return;
  g_snprintf (port, sizeof port, "%d", c->port > 0 ? c->port : 5432);
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), c->host ? c->host : "");
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), port);
  gtk_editable_set_text (GTK_EDITABLE (self->dbname_row), c->dbname ? c->dbname : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), c->user ? c->user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  pv_keyring_lookup_async (c, self->cancellable, lookup_done_cb, self);
}

static void
online_clicked_cb (PvPostgisDialog *self)
{
  /* The application keeps GDAL's network in step with the setting. */
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "online-sources", TRUE);
  pv_trust_set_network_enabled (TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->online_button), FALSE);
  connect_clicked_cb (self);
}

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GStrv names = data;
  PvPostgisDialog *self = source;
  g_autofree char *pg_source = pv_pg_connection_to_source (self->connection);
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; names[i] != NULL; i++)
    {
      GError *error = NULL;
      g_autoptr(GPtrArray) opened = pv_layer_open_all (pg_source, names[i], cancellable, &error);

      if (opened == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_extend_and_steal (layers, g_steal_pointer (&opened));
    }
  g_task_return_pointer (task, g_steal_pointer (&layers), (GDestroyNotify) g_ptr_array_unref);
}

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PvPostgisDialog *self = PV_POSTGIS_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (layers == NULL)
    {
      set_status (self, error->message);
      return;
    }
  for (guint i = 0; i < layers->len; i++)
    pv_map_add_layer (self->map, layers->pdata[i]);
  gtk_window_close (GTK_WINDOW (self));
}

void
pv_postgis_dialog_add (PvPostgisDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (PV_IS_POSTGIS_DIALOG (self));

  if (self->busy || self->checks == NULL || self->connection == NULL)
    return;
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (self->checks->pdata[i]))
      g_strv_builder_add (builder, ((PvPgTable *) self->tables->pdata[i])->name);
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, open_done_cb, NULL);
  g_task_set_task_data (task, g_strv_builder_end (builder), (GDestroyNotify) g_strfreev);
  pv_task_run_in_thread (task, open_thread);
}

static void
add_clicked_cb (PvPostgisDialog *self)
{
  pv_postgis_dialog_add (self);
}

static void
cancel_clicked_cb (PvPostgisDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
pv_postgis_dialog_dispose (GObject *object)
{
  PvPostgisDialog *self = PV_POSTGIS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->map);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->connection, pv_pg_connection_free);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->saved, g_strfreev);
  G_OBJECT_CLASS (pv_postgis_dialog_parent_class)->dispose (object);
}

static void
pv_postgis_dialog_class_init (PvPostgisDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_postgis_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-postgis-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PvPostgisDialog, saved_row);
  gtk_widget_class_bind_template_child (widget_class, PvPostgisDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, PvPostgisDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, PvPostgisDialog, dbname_row);
  gtk_widget_class_bind_template_child (widget_class, PvPostgisDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, PvPostgisDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, PvPostgisDialog, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, PvPostgisDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, PvPostgisDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, PvPostgisDialog, online_button);
  gtk_widget_class_bind_template_child (widget_class, PvPostgisDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PvPostgisDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PvPostgisDialog, tables_group);
  gtk_widget_class_bind_template_child (widget_class, PvPostgisDialog, tables_list);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, online_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pv_postgis_dialog_init (PvPostgisDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = pv_application_dup_settings ();
  self->cancellable = g_cancellable_new ();
  fill_saved (self);
  g_signal_connect_object (self->saved_row, "notify::selected", G_CALLBACK (saved_selected_cb), self,
                           G_CONNECT_SWAPPED);
  if (!pv_trust_get_network_enabled ())
    {
      set_status (self, _("Online sources are off (Preferences → Privacy): PlanViewer does not connect to database servers."));
      gtk_widget_set_visible (GTK_WIDGET (self->online_button), TRUE);
    }
}

GtkWidget *
pv_postgis_dialog_new (GtkWindow *parent,
                       PvMap     *map)
{
  PvPostgisDialog *self;

  g_return_val_if_fail (PV_IS_MAP (map), NULL);

  self = g_object_new (PV_TYPE_POSTGIS_DIALOG, "transient-for", parent, NULL);
  self->map = g_object_ref (map);
  return GTK_WIDGET (self);
}

void
pv_postgis_dialog_set_connection (PvPostgisDialog      *self,
                                  const PvPgConnection *connection,
                                  const char           *password)
{
  char port[16];

  g_return_if_fail (PV_IS_POSTGIS_DIALOG (self));

  g_snprintf (port, sizeof port, "%d", connection->port);
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), connection->host ? connection->host : "");
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), port);
  gtk_editable_set_text (GTK_EDITABLE (self->dbname_row), connection->dbname ? connection->dbname : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), connection->user ? connection->user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
}

void
pv_postgis_dialog_connect (PvPostgisDialog *self)
{
  g_return_if_fail (PV_IS_POSTGIS_DIALOG (self));

  connect_clicked_cb (self);
}

GStrv
pv_postgis_dialog_dup_table_names (PvPostgisDialog *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (PV_IS_POSTGIS_DIALOG (self), NULL);

  if (self->tables == NULL || self->busy)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->tables->len; i++)
    g_strv_builder_add (builder, ((PvPgTable *) self->tables->pdata[i])->name);
  return g_strv_builder_end (builder);
}

const char *
pv_postgis_dialog_get_status (PvPostgisDialog *self)
{
  g_return_val_if_fail (PV_IS_POSTGIS_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->status_label)) ? gtk_label_get_text (self->status_label) : NULL;
}

void
pv_postgis_dialog_check_table (PvPostgisDialog *self,
                               const char      *name)
{
  g_return_if_fail (PV_IS_POSTGIS_DIALOG (self));

  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    if (g_strcmp0 (((PvPgTable *) self->tables->pdata[i])->name, name) == 0)
      gtk_check_button_set_active (self->checks->pdata[i], TRUE);
}

/* ------------------------------------------------------------ passwords of a project's databases */

typedef struct
{
  GtkWindow *parent;
  GPtrArray *connections;  /* PvPgConnection still to do */
  guint      next;
} EnsureJob;

static void
ensure_job_free (EnsureJob *job)
{
  g_clear_object (&job->parent);
  g_ptr_array_unref (job->connections);
  g_free (job);
}

static void ensure_next (GTask *task);

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 GTask            *task)
{
  EnsureJob *job = g_task_get_task_data (task);
  const PvPgConnection *connection = job->connections->pdata[job->next];
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "password");
  GtkCheckButton *remember = g_object_get_data (G_OBJECT (dialog), "remember");
  const char *password = gtk_editable_get_text (entry);

  if (g_str_equal (response, "connect") && password[0] != '\0')
    {
      pv_pg_set_password (connection, password);
      if (gtk_check_button_get_active (remember))
        pv_keyring_store_async (connection, password, NULL, store_cb, NULL);
    }
  job->next++;
  ensure_next (task);
  g_object_unref (task);
}

static void
ask_password (GTask                *task,
              const PvPgConnection *connection)
{
  EnsureJob *job = g_task_get_task_data (task);
  g_autofree char *label = pv_pg_connection_dup_label (connection);
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *entry = gtk_password_entry_new ();
  GtkWidget *remember = gtk_check_button_new_with_mnemonic (_("_Remember the password in the keyring"));

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (remember), TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), remember);
  dialog = adw_message_dialog_new (job->parent, _("Database Password"), NULL);
  /* Translators: %s is user@host:port/database. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The project reads layers from the database %s. Its password is not in the keyring."),
                                  label);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "skip", _("_Skip"),
                                    "connect", _("C_onnect"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "skip");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set (entry, "activates-default", TRUE, NULL);
  g_object_set_data (G_OBJECT (dialog), "password", entry);
  g_object_set_data (G_OBJECT (dialog), "remember", remember);
  g_signal_connect (dialog, "response", G_CALLBACK (ask_response_cb), g_object_ref (task));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
ensure_lookup_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EnsureJob *job = g_task_get_task_data (task);
  const PvPgConnection *connection = job->connections->pdata[job->next];
  g_autoptr(GError) error = NULL;
  char *password = pv_keyring_lookup_finish (result, &error);

  if (password != NULL)
    {
      pv_pg_set_password (connection, password);
      pv_keyring_free_password (password);
      job->next++;
      ensure_next (task);
      return;
    }
  if (error != NULL)
    g_debug ("No keyring: %s", error->message);
  ask_password (task, connection);
}

static void
ensure_next (GTask *task)
{
  EnsureJob *job = g_task_get_task_data (task);
  const PvPgConnection *connection;

  /* Already known this session (typed earlier, or in the source). */
  while (job->next < job->connections->len && pv_pg_has_password (job->connections->pdata[job->next]))
    job->next++;
  if (job->next >= job->connections->len)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  connection = job->connections->pdata[job->next];
  pv_keyring_lookup_async (connection, g_task_get_cancellable (task), ensure_lookup_cb, g_object_ref (task));
}

void
pv_postgis_ensure_passwords_async (GtkWindow           *parent,
                                   GPtrArray           *sources,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  EnsureJob *job = g_new0 (EnsureJob, 1);

  job->parent = parent ? g_object_ref (parent) : NULL;
  job->connections = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_pg_connection_free);
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      const PvProjectSource *source = g_ptr_array_index (sources, i);
      PvPgConnection *connection = source->use == PV_SOURCE_USE_LAYER ? pv_pg_connection_parse (source->source) : NULL;
      char *label;

      if (connection == NULL)
        continue;
      label = pv_pg_connection_dup_label (connection);
      if (!g_hash_table_add (seen, label))
        {
          pv_pg_connection_free (connection);
          continue;
        }
      g_ptr_array_add (job->connections, connection);
    }
  g_task_set_source_tag (task, pv_postgis_ensure_passwords_async);
  g_task_set_task_data (task, job, (GDestroyNotify) ensure_job_free);
  ensure_next (task);
}

gboolean
pv_postgis_ensure_passwords_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
