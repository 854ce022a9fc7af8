/* test-trust-dialog.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "pv-application.h"
#include "pv-core.h"
#include "pv-gui-test-util.h"
#include "pv-preferences-window.h"
#include "pv-test-util.h"
#include "pv-trust-dialog.h"

#define GEOJSON \
  "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{}," \
  "\"geometry\":{\"type\":\"Point\",\"coordinates\":[106.65,11.0]}}]}"

static void
write_in (const char *dir,
          const char *relative,
          const char *contents)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0755);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             char            **out)
{
  g_free (*out);
  *out = g_strdup (response);
}

static void
test_trust_dialog_lists_and_answers (void)
{
  g_autofree char *temp = pv_test_make_temp_dir ("test-trust-dialog-XXXXXX");
  g_autofree char *root = NULL;
  g_autofree char *project = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *response = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  char real[4096];
  GtkWidget *dialog;

  g_assert_nonnull (realpath (temp, real));
  root = g_strdup (real);
  write_in (root, "proj/in.geojson", GEOJSON);
  write_in (root, "outside/far.geojson", GEOJSON);
  write_in (root, "proj/plan.pvproj",
            "{\"planviewer_project\": 1, \"layers\": [{\"source\": \"in.geojson\"},"
            "{\"source\": \"../proj/../outside/far.geojson\"},"
            "{\"source\": \"/vsicurl/http://127.0.0.1:9/far.tif\"}]}");
  project = g_build_filename (root, "proj", "plan.pvproj", NULL);
  resolved = g_build_filename (root, "outside", "far.geojson", NULL);

  sources = pv_project_list_outside_sources (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);

  dialog = pv_trust_dialog_new (NULL, project, sources);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), &response);
  gtk_window_present (GTK_WINDOW (dialog));
  pv_gui_test_iterate ();

  /* Each source by its resolved path ('..' gone) and kind; network sources
   * need online sources, which are off. */
  g_assert_true (pv_gui_test_tree_has_label_containing (dialog, resolved));
  g_assert_false (pv_gui_test_tree_has_label_containing (dialog, "/../"));
  g_assert_true (pv_gui_test_tree_has_label_containing (dialog, "/vsicurl/http://127.0.0.1:9/far.tif"));
  g_assert_true (pv_gui_test_tree_has_label_containing (dialog, pv_source_kind_to_string (PV_SOURCE_OUTSIDE)));
  g_assert_true (pv_gui_test_tree_has_label_containing (dialog, pv_source_kind_to_string (PV_SOURCE_NETWORK)));
  g_assert_true (pv_gui_test_tree_has_label_containing (dialog, "plan.pvproj"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "inside");
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "all"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "cancel"));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "inside");
  g_assert_cmpstr (response, ==, "inside");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The answers as open flags: "Only Inside" leaves the outside layer
   * missing, "Open All" opens it (the network one stays closed: online
   * sources are off). */
  {
    g_autoptr(PvProject) inside = pv_project_open (project, pv_trust_dialog_flags_for_response ("inside"),
                                                   NULL, NULL, &error);
    g_autoptr(PvProject) all = NULL;

    g_assert_no_error (error);
    g_assert_true (PV_IS_MISSING_LAYER (pv_map_get_layer (pv_project_get_map (inside), 1)));
    all = pv_project_open (project, pv_trust_dialog_flags_for_response ("all"), NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (PV_IS_MISSING_LAYER (pv_map_get_layer (pv_project_get_map (all), 1)));
    g_assert_true (PV_IS_MISSING_LAYER (pv_map_get_layer (pv_project_get_map (all), 2)));
  }
  g_assert_cmpint (pv_trust_dialog_flags_for_response ("cancel"), ==, PV_PROJECT_OPEN_DEFAULT);

  pv_test_remove_dir (root);
}

/* The "online-sources" key, which the Preferences window's switch sets,
 * turns GDAL's network access on and off. */
static void
test_trust_dialog_online_sources (void)
{
  g_autoptr(GSettings) settings = pv_application_dup_settings ();
  GtkWidget *preferences;
  GtkSwitch *toggle;

  if (settings == NULL)
    {
      g_test_skip ("the application's GSettings schema was not found");
      return;
    }
  g_settings_set_boolean (settings, "online-sources", FALSE);
  pv_trust_dialog_follow_settings (settings);
  g_assert_false (pv_trust_get_network_enabled ());
  g_settings_set_boolean (settings, "online-sources", TRUE);
  g_assert_true (pv_trust_get_network_enabled ());
  g_settings_set_boolean (settings, "online-sources", FALSE);
  g_assert_false (pv_trust_get_network_enabled ());

  preferences = pv_preferences_window_new (NULL);
  gtk_window_present (GTK_WINDOW (preferences));
  pv_gui_test_iterate ();
  toggle = GTK_SWITCH (pv_gui_test_find_widget_of_type (preferences, GTK_TYPE_SWITCH));
  g_assert_nonnull (toggle);
  g_assert_false (gtk_switch_get_active (toggle));
  gtk_switch_set_active (toggle, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "online-sources"));
  g_assert_true (pv_trust_get_network_enabled ());
  gtk_switch_set_active (toggle, FALSE);
  g_assert_false (pv_trust_get_network_enabled ());
  gtk_window_destroy (GTK_WINDOW (preferences));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/trust-dialog/lists-and-answers", test_trust_dialog_lists_and_answers);
  g_test_add_func ("/gui/trust-dialog/online-sources", test_trust_dialog_online_sources);

  return g_test_run ();
}
