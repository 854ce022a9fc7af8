/* pv-preferences-window.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pv-application.h"
#include "pv-format.h"
#include "pv-preferences-window.h"

struct _PvPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *coordinate_format_row;
  AdwActionRow         *online_sources_row;
  GtkSwitch            *online_sources_switch;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (PvPreferencesWindow, pv_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row's positions follow PvCoordinateFormat. */
static gboolean
format_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_uint (value, pv_coordinate_format_from_string (g_variant_get_string (variant, NULL)));
  return TRUE;
}

static GVariant *
format_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position > PV_COORDINATE_FORMAT_DMS)
    return NULL;
  return g_variant_new_string (pv_coordinate_format_to_string (position));
}

static void
pv_preferences_window_dispose (GObject *object)
{
  PvPreferencesWindow *self = PV_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pv_preferences_window_parent_class)->dispose (object);
}

static void
pv_preferences_window_class_init (PvPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PV_RESOURCE_PATH "/ui/pv-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PvPreferencesWindow, coordinate_format_row);
  gtk_widget_class_bind_template_child (widget_class, PvPreferencesWindow, online_sources_row);
  gtk_widget_class_bind_template_child (widget_class, PvPreferencesWindow, online_sources_switch);
}

static void
pv_preferences_window_init (PvPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = pv_application_dup_settings ();
  if (self->settings != NULL)
    g_settings_bind_with_mapping (self->settings, "coordinate-format",
                                  self->coordinate_format_row, "selected",
                                  G_SETTINGS_BIND_DEFAULT,
                                  format_get_mapping, format_set_mapping, NULL, NULL);
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->coordinate_format_row), FALSE);
  /* GDAL follows the key (pv_trust_dialog_follow_settings()). */
  if (self->settings != NULL)
    g_settings_bind (self->settings, "online-sources", self->online_sources_switch, "active",
                     G_SETTINGS_BIND_DEFAULT);
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->online_sources_row), FALSE);
}

GtkWidget *
pv_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (PV_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
