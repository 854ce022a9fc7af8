/* pv-load-crs.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pv-crs-chooser.h"
#include "pv-crs-suggest.h"
#include "pv-load-crs.h"
#include "pv-task.h"
#include "pv-vn2000-zones.h"

/* A suggestion names at most this many provinces of its zone. */
#define MAX_PROVINCES_SHOWN 3

typedef struct
{
  const char *definition;
  const char *label;
} Preset;

/* Bình Dương's own zone first, then its neighbours' and the UTM grids. */
static const Preset presets[] = {
  /* Translators: a coordinate system choice; Bình Dương is the province. */
  { "EPSG:9210", N_("VN-2000 / Bình Dương, TM-3 105°45′ (EPSG:9210)") },
  { "EPSG:9209", N_("VN-2000 / TM-3 105°30′, e.g. Tây Ninh (EPSG:9209)") },
  { "EPSG:9211", N_("VN-2000 / TM-3 106°00′ (EPSG:9211)") },
  { "EPSG:5899", N_("VN-2000 / TM-3 107°45′, e.g. Đồng Nai (EPSG:5899)") },
  { "EPSG:3405", N_("VN-2000 / UTM zone 48N (EPSG:3405)") },
  { "EPSG:32648", N_("WGS 84 / UTM zone 48N (EPSG:32648)") },
  { "EPSG:4326", N_("WGS 84, longitude and latitude (EPSG:4326)") },
};

typedef struct
{
  GtkCheckButton *checks[G_N_ELEMENTS (presets) + 1];
  GtkEntry       *other_entry;
  GtkLabel       *error_label;
  GtkWidget      *dialog;
  gulong          cancelled_id;
  gboolean        done;

  /* Suggestions from the file's extent, computed on a worker. */
  GtkWidget      *suggestions_box;
  GtkWidget      *searching_row;
  GPtrArray      *suggested_checks;  /* GtkCheckButton, owned by the dialog */
  GPtrArray      *suggested_crs;     /* PvCrs, same order */
  GCancellable   *suggest_cancellable;
  /* Set once the user picks a choice, so a late suggestion does not move it. */
  gboolean        user_chose;
  gboolean        programmatic;
} AskData;

static void
ask_data_free (AskData *data)
{
  if (data->suggest_cancellable != NULL)
    g_cancellable_cancel (data->suggest_cancellable);
  g_clear_object (&data->suggest_cancellable);
  g_clear_pointer (&data->suggested_checks, g_ptr_array_unref);
  g_clear_pointer (&data->suggested_crs, g_ptr_array_unref);
  g_free (data);
}

/* The CRS the dialog's choice names, or NULL with an error to show. */
static PvCrs *
chosen_crs (AskData  *data,
            GError  **error)
{
  for (guint i = 0; i < data->suggested_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (data->suggested_checks, i)))
      return g_object_ref (g_ptr_array_index (data->suggested_crs, i));
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (gtk_check_button_get_active (data->checks[i]))
      return pv_crs_new_from_user_input (presets[i].definition, error);

  {
    g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->other_entry))));

    if (text[0] == '\0')
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("Enter an EPSG code or a coordinate system definition"));
        return NULL;
      }
    /* A bare number is an EPSG code. */
    if (g_ascii_isdigit (text[0]) && strspn (text, "0123456789") == strlen (text))
      {
        g_autofree char *epsg = g_strdup_printf ("EPSG:%s", text);

        return pv_crs_new_from_user_input (epsg, error);
      }
    return pv_crs_new_from_user_input (text, error);
  }
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GTask            *task)
{
  AskData *data = g_task_get_task_data (task);

  /* Closing after a response may answer again. */
  if (data->done)
    return;
  data->done = TRUE;
  g_cancellable_cancel (data->suggest_cancellable);

  if (g_strcmp0 (response, "assign") == 0)
    {
      g_autoptr(GError) error = NULL;
      PvCrs *crs = chosen_crs (data, &error);

      /* The entry is checked as it is typed: Assign is off while it fails. */
      if (crs == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, crs, g_object_unref);
    }
  else if (g_strcmp0 (response, "cancelled") == 0)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
  else
    g_task_return_pointer (task, NULL, NULL);

  g_cancellable_disconnect (g_task_get_cancellable (task), data->cancelled_id);
  data->cancelled_id = 0;
  /* A button closes the dialog itself; a response from code does not. */
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (task);
}

static gboolean
respond_cancelled_cb (gpointer user_data)
{
  AdwMessageDialog *dialog = user_data;

  /* Unless the user answered meanwhile. */
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    adw_message_dialog_response (dialog, "cancelled");
  return G_SOURCE_REMOVE;
}

/* Disconnecting inside the handler would deadlock: answer from an idle. */
static void
cancelled_cb (GCancellable     *cancellable,
              AdwMessageDialog *dialog)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, respond_cancelled_cb, g_object_ref (dialog), g_object_unref);
}

static void
validate (AskData *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PvCrs) crs = chosen_crs (data, &error);

  gtk_label_set_label (data->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (data->error_label), error != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (data->dialog), "assign", crs != NULL);
}

static void
other_changed_cb (GtkEditable *entry,
                  AskData     *data)
{
  gtk_check_button_set_active (data->checks[G_N_ELEMENTS (presets)], TRUE);
  validate (data);
}

static void
chooser_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkWidget) entry = user_data;
  g_autoptr(PvCrs) crs = pv_crs_chooser_choose_finish (PV_CRS_CHOOSER (source_object), result, NULL);
  g_autofree char *text = NULL;

  /* Cancelled, or the question was answered meanwhile. */
  if (crs == NULL || gtk_widget_get_root (entry) == NULL)
    return;
  text = pv_crs_get_epsg (crs) != 0 ? g_strdup_printf ("EPSG:%d", pv_crs_get_epsg (crs))
                                    : pv_crs_dup_definition (crs);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* The full CRS chooser: search PROJ's list by name, code or province. */
static void
choose_clicked_cb (GtkButton *button,
                   AskData   *data)
{
  PvCrsChooser *chooser = pv_crs_chooser_new (GTK_WINDOW (data->dialog), _("Coordinate System of the File"), NULL);

  pv_crs_chooser_choose_async (chooser, NULL, chooser_done_cb, g_object_ref (data->other_entry));
}

static void
check_toggled_cb (GtkCheckButton *check,
                  AskData        *data)
{
  if (!data->programmatic)
    data->user_chose = TRUE;
  if (gtk_check_button_get_active (check))
    validate (data);
}

static void
set_active_programmatically (AskData        *data,
                             GtkCheckButton *check)
{
  data->programmatic = TRUE;
  gtk_check_button_set_active (check, TRUE);
  data->programmatic = FALSE;
}

/* "VN-2000 / TM-3 105-45 — Bình Dương, Hồ Chí Minh, Hải Phòng… (EPSG:9210)" */
static char *
suggestion_label (PvCrs *crs)
{
  int code = pv_crs_get_epsg (crs);
  g_autofree char *label = pv_crs_dup_label (crs);
  g_autofree char *provinces = code > 0 ? pv_vn2000_zones_dup_provinces (code) : NULL;

  if (provinces != NULL)
    {
      g_auto(GStrv) names = g_strsplit (provinces, ", ", -1);
      g_autoptr(GString) shown = g_string_new (NULL);

      for (guint i = 0; names[i] != NULL && i < MAX_PROVINCES_SHOWN; i++)
        g_string_append_printf (shown, i > 0 ? ", %s" : "%s", names[i]);
      if (g_strv_length (names) > MAX_PROVINCES_SHOWN)
        g_string_append (shown, "…");
      /* Translators: a suggested coordinate system: its name, the provinces
       * that use it and its code, e.g. "VN-2000 / TM-3 105-45 — Bình Dương,
       * Hồ Chí Minh, Hải Phòng… (EPSG:9210)". */
      return g_strdup_printf (_("%s — %s (%s)"), pv_crs_get_name (crs), shown->str, label);
    }
  /* Translators: a suggested coordinate system: its name and its code. */
  return g_strdup_printf (_("%s (%s)"), pv_crs_get_name (crs), label);
}

static void
suggest_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const double *extent = task_data;
  GError *error = NULL;
  GPtrArray *found = pv_crs_suggest_for_extent (extent[0], extent[1], extent[2], extent[3], &error);

  if (found == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref);
}

/* The suggestions are in: offer them first, the most likely one ticked
 * unless the user chose meanwhile; a fixed choice they repeat is hidden. */
static void
suggest_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) ask_task = user_data;
  AskData *data = g_task_get_task_data (ask_task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = g_task_propagate_pointer (G_TASK (result), &error);
  GtkCheckButton *hidden_active = NULL;
  GtkCheckButton *replacement = NULL;

  if (data->done)
    return;
  gtk_widget_set_visible (data->searching_row, FALSE);
  if (found == NULL || found->len == 0)
    {
      if (error != NULL)
        g_debug ("No CRS suggestion: %s", error->message);
      gtk_widget_set_visible (data->suggestions_box, FALSE);
      return;
    }

  for (guint i = 0; i < found->len; i++)
    {
      PvCrs *crs = g_ptr_array_index (found, i);
      g_autofree char *label = suggestion_label (crs);
      g_autofree char *name = pv_crs_dup_label (crs);
      GtkWidget *check = gtk_check_button_new_with_label (label);

      gtk_widget_set_name (check, name);
      gtk_widget_add_css_class (check, "pv-suggested-crs");
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), data->checks[0]);
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), data);
      gtk_box_append (GTK_BOX (data->suggestions_box), check);
      g_ptr_array_add (data->suggested_checks, check);
      g_ptr_array_add (data->suggested_crs, g_object_ref (crs));

      for (guint p = 0; p < G_N_ELEMENTS (presets); p++)
        if (g_strcmp0 (presets[p].definition, name) == 0)
          {
            if (gtk_check_button_get_active (data->checks[p]))
              {
                hidden_active = data->checks[p];
                replacement = GTK_CHECK_BUTTON (check);
              }
            gtk_widget_set_visible (GTK_WIDGET (data->checks[p]), FALSE);
          }
    }

  if (!data->user_chose)
    set_active_programmatically (data, g_ptr_array_index (data->suggested_checks, 0));
  else if (hidden_active != NULL)
    set_active_programmatically (data, replacement);
  validate (data);
}

/* A heading, a "looking…" row, then the suggested choices as they come. */
static GtkWidget *
new_suggestions_box (AskData *data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Likely, from the file’s coordinates:"));
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *searching = gtk_label_new (_("Looking for coordinate systems that fit…"));

  gtk_widget_set_name (box, "suggestions");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  data->searching_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_label_set_xalign (GTK_LABEL (searching), 0);
  gtk_widget_add_css_class (searching, "dim-label");
  gtk_box_append (GTK_BOX (data->searching_row), spinner);
  gtk_box_append (GTK_BOX (data->searching_row), searching);
  gtk_box_append (GTK_BOX (box), data->searching_row);
  return box;
}

void
pv_load_ask_crs_async (GtkWindow           *parent,
                       const char          *file_name,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  pv_load_ask_crs_for_extent_async (parent, file_name, NULL, cancellable, callback, user_data);
}

void
pv_load_ask_crs_for_extent_async (GtkWindow           *parent,
                                  const char          *file_name,
                                  const double        *extent,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  AskData *data;
  GtkWidget *dialog, *box, *other_box;
  GtkCheckButton *group = NULL;
  gboolean suggest;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (file_name != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pv_load_ask_crs_async);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  data = g_new0 (AskData, 1);
  data->suggested_checks = g_ptr_array_new ();
  data->suggested_crs = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) ask_data_free);
  suggest = extent != NULL && isfinite (extent[0]) && isfinite (extent[1]) &&
            isfinite (extent[2]) && isfinite (extent[3]);

  dialog = adw_message_dialog_new (parent, NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     /* Translators: %s is a file name. */
                                     _("“%s” has no coordinate system"), file_name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("Choose the coordinate system its coordinates are in. "
                                 "Kept unknown, the layer is drawn with its coordinates as they are."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Unknown"),
                                    "assign", _("_Assign"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "assign",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "assign");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_widget_add_css_class (dialog, "pv-ask-crs");
  data->dialog = dialog;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  if (suggest)
    {
      GtkWidget *others = gtk_label_new (_("Other common choices:"));

      data->suggestions_box = new_suggestions_box (data);
      gtk_box_append (GTK_BOX (box), data->suggestions_box);
      gtk_label_set_xalign (GTK_LABEL (others), 0);
      gtk_widget_add_css_class (others, "heading");
      gtk_widget_set_margin_top (others, 6);
      gtk_box_append (GTK_BOX (box), others);
    }
  for (guint i = 0; i <= G_N_ELEMENTS (presets); i++)
    {
      GtkWidget *check;

      if (i < G_N_ELEMENTS (presets))
        {
          check = gtk_check_button_new_with_label (_(presets[i].label));
          gtk_widget_set_name (check, presets[i].definition);
        }
      else
        {
          /* Translators: followed by an entry for an EPSG code or definition. */
          check = gtk_check_button_new_with_mnemonic (_("_Other:"));
          gtk_widget_set_name (check, "other");
        }
      if (group == NULL)
        group = GTK_CHECK_BUTTON (check);
      else
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      data->checks[i] = GTK_CHECK_BUTTON (check);
      if (i < G_N_ELEMENTS (presets))
        gtk_box_append (GTK_BOX (box), check);
    }
  gtk_check_button_set_active (data->checks[0], TRUE);
  for (guint i = 0; i <= G_N_ELEMENTS (presets); i++)
    g_signal_connect (data->checks[i], "toggled", G_CALLBACK (check_toggled_cb), data);

  other_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (other_box), GTK_WIDGET (data->checks[G_N_ELEMENTS (presets)]));
  data->other_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (data->other_entry, _("EPSG code, e.g. 9210"));
  gtk_widget_set_hexpand (GTK_WIDGET (data->other_entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->other_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Other coordinate system"),
                                  -1);
  g_signal_connect (data->other_entry, "changed", G_CALLBACK (other_changed_cb), data);
  gtk_box_append (GTK_BOX (other_box), GTK_WIDGET (data->other_entry));
  {
    GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose…"));

    gtk_widget_set_tooltip_text (choose, _("Search all coordinate systems by name, EPSG code or province"));
    g_signal_connect (choose, "clicked", G_CALLBACK (choose_clicked_cb), data);
    gtk_box_append (GTK_BOX (other_box), choose);
  }
  gtk_box_append (GTK_BOX (box), other_box);

  data->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (data->error_label, TRUE);
  gtk_label_set_xalign (data->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (data->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (data->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->error_label));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), task);
  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), dialog, NULL);
  gtk_window_present (GTK_WINDOW (dialog));

  if (suggest)
    {
      g_autoptr(GTask) suggest_task = NULL;

      /* PROJ is asked about every VN-2000 zone: not on the main thread. */
      data->suggest_cancellable = g_cancellable_new ();
      suggest_task = g_task_new (NULL, data->suggest_cancellable, suggest_done_cb, g_object_ref (task));
      g_task_set_source_tag (suggest_task, suggest_worker);
      g_task_set_name (suggest_task, "[planviewer] suggest CRS");
      g_task_set_task_data (suggest_task, g_memdup2 (extent, 4 * sizeof (double)), g_free);
      pv_task_run_in_thread (suggest_task, suggest_worker);
    }
}

PvCrs *
pv_load_ask_crs_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
