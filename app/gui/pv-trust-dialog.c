/* pv-trust-dialog.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pv-trust-dialog.h"

struct _PvTrustDialog
{
  AdwMessageDialog  parent_instance;

  GtkListBox       *list;
};

G_DEFINE_FINAL_TYPE (PvTrustDialog, pv_trust_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pv_trust_dialog_class_init (PvTrustDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-trust-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PvTrustDialog, list);
}

static void
pv_trust_dialog_init (PvTrustDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* "A layer, outside the project’s folder" and what it reads. */
static char *
describe (const PvProjectSource *source)
{
  const char *kind = pv_source_kind_to_string (source->kind);
  g_autofree char *what = NULL;

  if (source->use == PV_SOURCE_USE_LOGO)
    /* Translators: %s is "outside the project’s folder" or "on the network". */
    what = g_strdup_printf (_("A print layout’s logo, %s"), kind);
  else
    /* Translators: %s is "outside the project’s folder" or "on the network". */
    what = g_strdup_printf (_("A layer, %s"), kind);
  if (source->target != NULL)
    {
      g_autofree char *target = g_filename_display_name (source->target);

      /* Translators: "A layer, on the network" — "it reads FILE". */
      return g_strdup_printf (_("%s: it reads %s"), what, target);
    }
  return g_steal_pointer (&what);
}

GtkWidget *
pv_trust_dialog_new (GtkWindow  *parent,
                     const char *project_path,
                     GPtrArray  *sources)
{
  PvTrustDialog *self;
  g_autofree char *base = NULL;
  g_autofree char *body = NULL;
  gboolean network = FALSE;
  gboolean online = pv_trust_get_network_enabled ();

  g_return_val_if_fail (project_path != NULL && sources != NULL, NULL);

  self = g_object_new (PV_TYPE_TRUST_DIALOG, "transient-for", parent, NULL);
  for (guint i = 0; i < sources->len; i++)
    {
      const PvProjectSource *source = g_ptr_array_index (sources, i);
      g_autofree char *resolved = g_filename_display_name (source->resolved);
      g_autofree char *subtitle = describe (source);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;

      /* The resolved path: where the file really is, not what the project says. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), resolved);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      icon = gtk_image_new_from_icon_name (source->kind == PV_SOURCE_NETWORK ? "network-server-symbolic"
                                                                              : "folder-symbolic");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->list, row);
      if (source->kind == PV_SOURCE_NETWORK)
        network = TRUE;
    }

  base = g_path_get_basename (project_path);
  {
    g_autofree char *display = g_filename_display_name (base);

    if (network && !online)
      /* Translators: %s is the project's file name. */
      body = g_strdup_printf (_("“%s” wants to open these files outside its folder. Open them only if you trust "
                                "where the project came from. Network sources stay closed while online sources "
                                "are off (Preferences)."), display);
    else
      body = g_strdup_printf (_("“%s” wants to open these files outside its folder. Open them only if you trust "
                                "where the project came from."), display);
  }
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  return GTK_WIDGET (self);
}

PvProjectOpenFlags
pv_trust_dialog_flags_for_response (const char *response)
{
  if (g_strcmp0 (response, "all") == 0)
    return PV_PROJECT_OPEN_ALLOW_OUTSIDE | PV_PROJECT_OPEN_ALLOW_NETWORK;
  return PV_PROJECT_OPEN_DEFAULT;
}

static void
online_sources_changed_cb (GSettings  *settings,
                           const char *key,
                           gpointer    user_data)
{
  pv_trust_set_network_enabled (g_settings_get_boolean (settings, "online-sources"));
}

void
pv_trust_dialog_follow_settings (GSettings *settings)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_signal_connect (settings, "changed::online-sources", G_CALLBACK (online_sources_changed_cb), NULL);
  online_sources_changed_cb (settings, "online-sources", NULL);
}
