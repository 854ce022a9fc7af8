/* test-project-files.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "pv-gui-test-util.h"
#include "pv-layer-panel.h"
#include "pv-recovery.h"
#include "pv-test-util.h"
#include "pv-window.h"

#define WIDTH 1000
#define HEIGHT 700

/* Helpers */

/* A small project of two sample layers, in a folder of its own:
 * dir/plan.pvproj and dir/data/{districts,rivers}.shp. */
static char *
write_project (const char *dir)
{
  static const char * const stems[] = { "districts", "rivers" };
  static const char * const suffixes[] = { ".shp", ".shx", ".dbf", ".prj", ".cpg" };
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.pvproj", NULL);
  g_autoptr(GError) error = NULL;
  const char *project =
    "{\n"
    "  \"planviewer_project\": 1,\n"
    "  \"title\": \"Kế hoạch Dĩ An\",\n"
    "  \"crs\": \"EPSG:9210\",\n"
    "  \"layers\": [\n"
    "    { \"name\": \"Ranh giới\", \"source\": \"data/districts.shp\", \"layer\": null, \"visible\": true,\n"
    "      \"opacity\": 1.0, \"fill_opacity\": 0.0, \"color\": \"#7b2d8b\" },\n"
    "    { \"name\": \"Sông, suối\", \"source\": \"data/rivers.shp\", \"layer\": null, \"visible\": true,\n"
    "      \"opacity\": 1.0, \"color\": \"#2b7bd6\" }\n"
    "  ]\n"
    "}\n";

  g_mkdir_with_parents (data_dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (stems); i++)
    for (guint k = 0; k < G_N_ELEMENTS (suffixes); k++)
      {
        g_autofree char *name = g_strconcat (stems[i], suffixes[k], NULL);
        g_autofree char *from = pv_test_sample_path (name);
        g_autofree char *to = g_build_filename (data_dir, name, NULL);
        g_autofree char *contents = NULL;
        gsize length;

        if (!g_file_get_contents (from, &contents, &length, NULL))
          continue;
        g_file_set_contents (to, contents, length, &error);
        g_assert_no_error (error);
      }
  g_file_set_contents (path, project, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static gboolean
is_modified (gpointer window)
{
  return pv_project_get_modified (pv_window_get_project (window));
}

static gboolean
has_message_dialog (gpointer data)
{
  return pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static AdwMessageDialog *
wait_for_message_dialog (void)
{
  pv_gui_test_wait_until (has_message_dialog, NULL, "a message dialog");
  return ADW_MESSAGE_DIALOG (pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* As a click on the button does: the answer, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static const char *
window_title (PvWindow *window)
{
  return gtk_window_get_title (GTK_WINDOW (window));
}

static PvWindow *
open_project_window (const char *path)
{
  PvWindow *window = pv_gui_test_window_new (WIDTH, HEIGHT);

  pv_gui_test_window_open_path (window, path);
  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, window, "the project drawn");
  return window;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
recovery_written (gpointer window)
{
  const char *path = pv_window_get_recovery_path (window);

  return path != NULL && g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
weak_notify_cb (gpointer  data,
                GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Tests */

/* Opening is not a change; an edit marks the title; Save writes it. */
static void
test_save (void)
{
  g_autofree char *dir = pv_test_make_temp_dir ("pv-test-project-files");
  g_autofree char *path = write_project (dir);
  g_autofree char *before = pv_test_read_file (path);
  g_autofree char *after = NULL;
  PvWindow *window = open_project_window (path);
  PvMap *map = pv_window_get_map (window);

  /* Drawn, and still as it was opened. */
  pv_gui_test_drain ();
  g_assert_false (pv_project_get_modified (pv_window_get_project (window)));
  g_assert_cmpstr (pv_project_get_path (pv_window_get_project (window)), ==, path);
  g_assert_true (g_str_has_prefix (window_title (window), "Kế hoạch Dĩ An"));

  /* Panning is not a change to save. */
  pv_map_view_zoom_full (pv_window_get_map_view (window));
  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, window, "the full extent drawn");
  pv_gui_test_drain ();
  g_assert_false (pv_project_get_modified (pv_window_get_project (window)));

  pv_layer_set_visible (pv_map_get_layer (map, 1), FALSE);
  pv_gui_test_wait_until (is_modified, window, "the project modified");
  pv_gui_test_drain ();
  g_assert_true (g_str_has_prefix (window_title (window), "• Kế hoạch Dĩ An"));

  /* Ctrl+S */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  pv_gui_test_drain ();
  g_assert_false (pv_project_get_modified (pv_window_get_project (window)));
  g_assert_true (g_str_has_prefix (window_title (window), "Kế hoạch Dĩ An"));
  after = pv_test_read_file (path);
  g_assert_cmpstr (after, !=, before);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonArray *layers;

    g_assert_true (json_parser_load_from_data (parser, after, -1, &error));
    layers = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "layers");
    g_assert_false (json_object_get_boolean_member (json_array_get_object_element (layers, 1), "visible"));
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (layers, 0), "source"), ==,
                     "data/districts.shp");
  }

  pv_gui_test_window_destroy_drained (window);
  pv_test_remove_dir (dir);
}

/* Map data opened into an empty window is what it shows, not a change:
 * closing does not ask. */
static void
test_data_files_unmodified (void)
{
  g_autofree char *rivers = pv_test_sample_path ("rivers.shp");
  g_autofree char *poi = pv_test_sample_path ("poi.geojson");
  PvWindow *window = pv_gui_test_window_new (WIDTH, HEIGHT);
  gboolean finalized = FALSE;

  pv_gui_test_window_open_path (window, rivers);
  pv_gui_test_window_open_path (window, poi);
  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, window, "the data drawn");
  pv_gui_test_spin (300);
  pv_gui_test_drain ();
  g_assert_cmpuint (pv_map_get_n_layers (pv_window_get_map (window)), ==, 2);
  g_assert_false (pv_project_get_modified (pv_window_get_project (window)));
  g_assert_null (pv_project_get_path (pv_window_get_project (window)));
  g_assert_false (g_str_has_prefix (window_title (window), "•"));

  /* A change the user makes is one. */
  pv_layer_set_visible (pv_map_get_layer (pv_window_get_map (window), 0), FALSE);
  pv_gui_test_wait_until (is_modified, window, "the project modified");
  pv_gui_test_drain ();
  g_assert_true (g_str_has_prefix (window_title (window), "• rivers.shp"));
  pv_project_set_modified (pv_window_get_project (window), FALSE);
  pv_gui_test_drain ();

  gtk_window_close (GTK_WINDOW (window));
  pv_gui_test_drain ();
  g_assert_null (pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_object_weak_ref (G_OBJECT (window), weak_notify_cb, &finalized);
  g_object_unref (window);
  pv_gui_test_wait_until (is_true, &finalized, "the window finalized");
}

/* A row (of the recent projects list) titled title, with a subtitle. */
static gboolean
has_action_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0 &&
      adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_action_row (child, title))
      return TRUE;
  return FALSE;
}

static gboolean
recent_project_shown (gpointer window)
{
  return has_action_row (window, "phương án 2") || has_action_row (window, "bản sao");
}

/* Save As: a new file, relative paths from its folder, the window named
 * after it; the Save As dialog adds .pvproj. */
static void
test_save_as (void)
{
  g_autofree char *dir = pv_test_make_temp_dir ("pv-test-project-files");
  g_autofree char *path = write_project (dir);
  g_autofree char *copies = g_build_filename (dir, "bản sao", NULL);
  g_autofree char *copy = g_build_filename (copies, "bản sao.pvproj", NULL);
  g_autofree char *chosen = g_build_filename (copies, "phương án 2.pvproj", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (copy);
  g_autoptr(GError) error = NULL;
  PvWindow *window = open_project_window (path);
  GtkWindow *chooser;

  g_mkdir (copies, 0755);
  pv_map_set_title (pv_window_get_map (window), NULL);
  pv_gui_test_wait_until (is_modified, window, "the project modified");
  pv_gui_test_drain ();

  g_assert_true (pv_window_save (window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pv_project_get_path (pv_window_get_project (window)), ==, copy);
  g_assert_false (pv_project_get_modified (pv_window_get_project (window)));
  g_assert_true (g_str_has_prefix (window_title (window), "bản sao — "));
  contents = pv_test_read_file (copy);
  g_assert_nonnull (strstr (contents, "\"source\" : \"../data/districts.shp\""));

  /* Through the dialog (GTK's own chooser when there is no portal). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL));
  pv_gui_test_spin (200);
  chooser = pv_gui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  if (chooser == NULL)
    {
      g_test_message ("the file chooser is not GTK's own (a portal?): the dialog is not driven");
    }
  else
    {
      g_autoptr(GFile) folder = g_file_new_for_path (copies);

      g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error));
      g_assert_no_error (error);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "phương án 2");
      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
      pv_gui_test_wait_until (file_exists, chosen, "the project saved under the name chosen");
      pv_gui_test_drain ();
      g_assert_cmpstr (pv_project_get_path (pv_window_get_project (window)), ==, chosen);
      g_assert_true (g_str_has_prefix (window_title (window), "phương án 2 — "));
    }

  pv_gui_test_window_destroy_drained (window);

  /* The saved project is a recent one, on the page of an empty window. */
  {
    PvWindow *empty = pv_gui_test_window_new (WIDTH, HEIGHT);

    pv_gui_test_wait_until (recent_project_shown, empty, "the saved project among the recent ones");
    pv_gui_test_window_destroy_drained (empty);
  }
  pv_test_remove_dir (dir);
}

/* Closing with unsaved changes asks: Cancel keeps the window, Discard
 * closes without saving, Save saves then closes. */
static void
test_close_prompt (void)
{
  g_autofree char *dir = pv_test_make_temp_dir ("pv-test-project-files");
  g_autofree char *path = write_project (dir);
  g_autofree char *before = pv_test_read_file (path);
  g_autofree char *after = NULL;
  PvWindow *window = open_project_window (path);
  AdwMessageDialog *dialog;
  gboolean finalized = FALSE;

  pv_layer_set_opacity (pv_map_get_layer (pv_window_get_map (window), 0), 0.5);
  pv_gui_test_wait_until (is_modified, window, "the project modified");
  pv_gui_test_drain ();

  gtk_window_close (GTK_WINDOW (window));
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Kế hoạch Dĩ An"));
  respond (dialog, "cancel");
  pv_gui_test_drain ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (pv_project_get_modified (pv_window_get_project (window)));

  /* Discard: nothing written. */
  gtk_window_close (GTK_WINDOW (window));
  dialog = wait_for_message_dialog ();
  respond (dialog, "discard");
  pv_gui_test_drain ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  after = pv_test_read_file (path);
  g_assert_cmpstr (after, ==, before);
  g_object_weak_ref (G_OBJECT (window), weak_notify_cb, &finalized);
  g_object_unref (window);
  pv_gui_test_wait_until (is_true, &finalized, "the window finalized");

  /* Save: written, then closed. */
  window = open_project_window (path);
  pv_layer_set_opacity (pv_map_get_layer (pv_window_get_map (window), 0), 0.25);
  pv_gui_test_wait_until (is_modified, window, "the project modified");
  pv_gui_test_drain ();
  gtk_window_close (GTK_WINDOW (window));
  dialog = wait_for_message_dialog ();
  respond (dialog, "save");
  pv_gui_test_drain ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_clear_pointer (&after, g_free);
  after = pv_test_read_file (path);
  g_assert_nonnull (strstr (after, "\"opacity\" : 0.25"));
  finalized = FALSE;
  g_object_weak_ref (G_OBJECT (window), weak_notify_cb, &finalized);
  g_object_unref (window);
  pv_gui_test_wait_until (is_true, &finalized, "the window finalized");

  pv_test_remove_dir (dir);
}

static gboolean
has_two_layers_and_no_dialog (gpointer window)
{
  return !pv_window_get_loading (window) && pv_map_get_n_layers (pv_window_get_map (window)) == 2 &&
         pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

/* Opening another project over unsaved changes asks first. */
static void
test_open_prompt (void)
{
  g_autofree char *dir = pv_test_make_temp_dir ("pv-test-project-files");
  g_autofree char *path = write_project (dir);
  g_autofree char *other_dir = g_build_filename (dir, "other", NULL);
  g_autofree char *other = NULL;
  PvWindow *window = open_project_window (path);
  AdwMessageDialog *dialog;

  g_mkdir (other_dir, 0755);
  other = write_project (other_dir);
  pv_map_remove_layer (pv_window_get_map (window), 0);
  pv_gui_test_wait_until (is_modified, window, "the project modified");
  pv_gui_test_drain ();

  pv_gui_test_window_open_path (window, other);
  dialog = wait_for_message_dialog ();
  /* Nothing happens while the question is open. */
  g_assert_cmpuint (pv_map_get_n_layers (pv_window_get_map (window)), ==, 1);
  respond (dialog, "discard");
  pv_gui_test_wait_until (has_two_layers_and_no_dialog, window, "the other project open");
  g_assert_cmpstr (pv_project_get_path (pv_window_get_project (window)), ==, other);
  g_assert_false (pv_project_get_modified (pv_window_get_project (window)));

  pv_gui_test_window_destroy_drained (window);
  pv_test_remove_dir (dir);
}

static gboolean
layer_is_not_missing (gpointer window)
{
  PvMap *map = pv_window_get_map (window);

  return !pv_window_get_loading (window) && pv_map_get_n_layers (map) == 2 &&
         !PV_IS_MISSING_LAYER (pv_map_get_layer (map, 0));
}

/* A moved file: the layer stays, marked, and Locate File opens it in place
 * with the colour and fill opacity the project gave it. */
static void
test_missing_file (void)
{
  static const char * const suffixes[] = { ".shp", ".shx", ".dbf", ".prj", ".cpg" };
  g_autofree char *dir = pv_test_make_temp_dir ("pv-test-project-files");
  g_autofree char *path = write_project (dir);
  g_autofree char *moved = g_build_filename (dir, "moved", NULL);
  g_autofree char *found_path = g_build_filename (moved, "districts.shp", NULL);
  g_autoptr(GFile) found = g_file_new_for_path (found_path);
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  PvWindow *window;
  PvMap *map;
  PvLayer *layer;
  PvLayerPanel *panel;
  double rgb[3];

  g_mkdir (moved, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat ("districts", suffixes[i], NULL);
      g_autofree char *from = g_build_filename (dir, "data", name, NULL);
      g_autofree char *to = g_build_filename (moved, name, NULL);

      g_rename (from, to);
    }

  window = open_project_window (path);
  map = pv_window_get_map (window);
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 2);
  layer = pv_map_get_layer (map, 0);
  g_assert_true (PV_IS_MISSING_LAYER (layer));
  g_assert_cmpstr (pv_layer_get_name (layer), ==, "Ranh giới");
  g_assert_nonnull (pv_layer_get_notice (layer));
  g_assert_false (pv_project_get_modified (pv_window_get_project (window)));
  /* The layer list shows it, with its warning. */
  panel = PV_LAYER_PANEL (pv_gui_test_find_widget_of_type (GTK_WIDGET (window), PV_TYPE_LAYER_PANEL));
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (panel), "Ranh giới"));

  /* Saved unchanged meanwhile. */
  g_assert_true (pv_window_save (window, NULL, &error));
  g_assert_no_error (error);
  saved = pv_test_read_file (path);
  g_assert_nonnull (strstr (saved, "\"source\" : \"data/districts.shp\""));
  g_assert_nonnull (strstr (saved, "\"color\" : \"#7b2d8b\""));

  pv_window_locate_layer (window, 0, found);
  pv_gui_test_wait_until (layer_is_not_missing, window, "the located layer open");
  layer = pv_map_get_layer (map, 0);
  g_assert_true (PV_IS_VECTOR_LAYER (layer));
  g_assert_cmpstr (pv_layer_get_name (layer), ==, "Ranh giới");
  g_assert_cmpfloat (pv_layer_get_fill_opacity (layer), ==, 0.0);
  pv_layer_get_color (layer, rgb);
  g_assert_cmpfloat_with_epsilon (rgb[0], 0x7b / 255.0, 1e-6);
  pv_gui_test_wait_until (is_modified, window, "the project modified");
  pv_gui_test_drain ();

  g_assert_true (pv_window_save (window, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&saved, g_free);
  saved = pv_test_read_file (path);
  g_assert_nonnull (strstr (saved, "\"source\" : \"moved/districts.shp\""));

  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, window, "the map drawn");
  pv_gui_test_window_destroy_drained (window);
  pv_test_remove_dir (dir);
}

/* Recovery: a real PlanViewer window in another process (this program, in
 * its child mode) opens the project, is edited, writes its recovery file and
 * is killed with SIGKILL. The next start offers the recovery, and the edits
 * are there. */

#define CHILD_ENV "PV_TEST_RECOVERY_CHILD"

typedef struct
{
  PvWindow   *window;
  const char *project;
} ChildState;

static gboolean
child_recovery_complete (gpointer data)
{
  ChildState *state = data;
  const char *path = pv_window_get_recovery_path (state->window);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *layers;

  if (path == NULL || !json_parser_load_from_file (parser, path, NULL))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  layers = json_object_get_array_member (root, "layers");
  /* The last edit is in. */
  return json_array_get_length (layers) == 1 &&
         json_object_get_double_member (json_array_get_object_element (layers, 0), "opacity") == 0.35;
}

static int
run_recovery_child (const char *project)
{
  ChildState state = { NULL, project };
  GtkWidget *panel;

  state.window = open_project_window (project);
  /* Edits through the window: the layer list removes a layer, the other one
   * is hidden and made translucent. */
  panel = pv_gui_test_find_widget_of_type (GTK_WIDGET (state.window), PV_TYPE_LAYER_PANEL);
  g_assert_true (gtk_widget_activate_action (panel, "layer.remove", "u", 0));
  pv_layer_set_visible (pv_map_get_layer (pv_window_get_map (state.window), 0), FALSE);
  pv_layer_set_opacity (pv_map_get_layer (pv_window_get_map (state.window), 0), 0.35);
  pv_gui_test_wait_until (child_recovery_complete, &state, "the recovery file written");
  g_print ("ready %s\n", pv_window_get_recovery_path (state.window));
  fflush (stdout);
  /* Until killed. */
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

typedef struct
{
  char    *line;
  gboolean done;
} LineRead;

static void
line_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  read->done = TRUE;
}

static gboolean
line_is_read (gpointer data)
{
  return ((LineRead *) data)->done;
}

static gboolean
recovered (gpointer window)
{
  return !pv_window_get_loading (window) && pv_map_get_n_layers (pv_window_get_map (window)) == 1 &&
         pv_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static void
test_recovery_after_kill (void)
{
  g_autofree char *dir = pv_test_make_temp_dir ("pv-test-project-files");
  g_autofree char *path = write_project (dir);
  g_autofree char *before = pv_test_read_file (path);
  g_autofree char *after = NULL;
  g_autofree char *child_recovery = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  LineRead read = { NULL, FALSE };
  AdwMessageDialog *dialog;
  PvWindow *window;
  PvMap *map;

  g_assert_nonnull (self_path);
  g_subprocess_launcher_setenv (launcher, CHILD_ENV, path, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self_path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, line_read_cb, &read);
  pv_gui_test_wait_until (line_is_read, &read, "the child's window edited");
  g_assert_nonnull (read.line);
  g_assert_true (g_str_has_prefix (read.line, "ready "));
  child_recovery = g_strdup (read.line + strlen ("ready "));
  g_free (read.line);
  g_assert_true (g_file_test (child_recovery, G_FILE_TEST_EXISTS));

  /* The crash. */
  g_subprocess_send_signal (child, SIGKILL);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  /* The project file itself was never written. */
  after = pv_test_read_file (path);
  g_assert_cmpstr (after, ==, before);

  /* The next start. */
  window = pv_gui_test_window_new (WIDTH, HEIGHT);
  g_assert_true (pv_window_offer_recovery (window));
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Kế hoạch Dĩ An"));
  respond (dialog, "recover");
  pv_gui_test_wait_until (recovered, window, "the recovered project open");
  map = pv_window_get_map (window);
  g_assert_cmpstr (pv_layer_get_name (pv_map_get_layer (map, 0)), ==, "Sông, suối");
  g_assert_false (pv_layer_get_visible (pv_map_get_layer (map, 0)));
  g_assert_cmpfloat (pv_layer_get_opacity (pv_map_get_layer (map, 0)), ==, 0.35);
  g_assert_true (pv_project_get_modified (pv_window_get_project (window)));
  g_assert_cmpstr (pv_project_get_path (pv_window_get_project (window)), ==, path);
  g_assert_true (g_str_has_prefix (window_title (window), "• Kế hoạch Dĩ An"));
  /* This window holds the changes now; the dead one's file is gone. */
  g_assert_false (g_file_test (child_recovery, G_FILE_TEST_EXISTS));
  g_assert_true (recovery_written (window));
  {
    g_autoptr(GPtrArray) orphans = pv_recovery_list_orphans (&error);

    g_assert_no_error (error);
    g_assert_cmpuint (orphans->len, ==, 0);
  }

  /* Saved where the project belongs. */
  g_assert_true (pv_window_save (window, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = pv_test_read_file (path);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *layers;

    g_assert_true (json_parser_load_from_data (parser, after, -1, &error));
    layers = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "layers");
    g_assert_cmpuint (json_array_get_length (layers), ==, 1);
    g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (layers, 0), "opacity"), ==, 0.35);
    g_assert_false (json_object_get_boolean_member (json_array_get_object_element (layers, 0), "visible"));
  }
  g_assert_null (strstr (after, "districts"));
  g_assert_null (strstr (after, "\"recovery\""));
  g_assert_false (recovery_written (window));
  g_assert_false (pv_window_offer_recovery (window));

  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, window, "the map drawn");
  pv_gui_test_window_destroy_drained (window);
  pv_test_remove_dir (dir);
}

/* Autosave: a change reaches the recovery file; a clean close removes it. */
static void
test_autosave (void)
{
  g_autofree char *dir = pv_test_make_temp_dir ("pv-test-project-files");
  g_autofree char *path = write_project (dir);
  g_autofree char *recovery = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  PvWindow *window = open_project_window (path);
  AdwMessageDialog *dialog;

  g_assert_null (pv_window_get_recovery_path (window));
  pv_layer_set_name (pv_map_get_layer (pv_window_get_map (window), 1), "Kênh rạch");
  pv_gui_test_wait_until (recovery_written, window, "the recovery file written");
  recovery = g_strdup (pv_window_get_recovery_path (window));
  contents = pv_test_read_file (recovery);
  g_assert_nonnull (strstr (contents, "Kênh rạch"));
  g_assert_nonnull (strstr (contents, "\"recovery\""));
  /* Ours, while we run, is no orphan. */
  {
    g_autoptr(GPtrArray) orphans = pv_recovery_list_orphans (&error);

    g_assert_no_error (error);
    g_assert_cmpuint (orphans->len, ==, 0);
  }

  /* Discarding the changes on closing removes it. */
  gtk_window_close (GTK_WINDOW (window));
  dialog = wait_for_message_dialog ();
  respond (dialog, "discard");
  pv_gui_test_drain ();
  g_assert_false (g_file_test (recovery, G_FILE_TEST_EXISTS));
  pv_gui_test_window_destroy_drained (window);
  pv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = NULL;
  const char *child_project = g_getenv (CHILD_ENV);

  /* Recovery files in a folder of the test's own (the child shares it). */
  if (g_getenv ("PV_TEST_STATE_HOME") == NULL)
    {
      state = g_build_filename (g_get_tmp_dir (), "pv-test-project-files-state-XXXXXX", NULL);
      g_assert_nonnull (g_mkdtemp (state));
      g_setenv ("PV_TEST_STATE_HOME", state, TRUE);
    }
  g_setenv ("XDG_STATE_HOME", g_getenv ("PV_TEST_STATE_HOME"), TRUE);

  if (child_project != NULL)
    {
      gtk_init ();
      adw_init ();
      pv_core_init ();
      return run_recovery_child (child_project);
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/project-files/save", test_save);
  g_test_add_func ("/gui/project-files/data-files-unmodified", test_data_files_unmodified);
  g_test_add_func ("/gui/project-files/save-as", test_save_as);
  g_test_add_func ("/gui/project-files/close-prompt", test_close_prompt);
  g_test_add_func ("/gui/project-files/open-prompt", test_open_prompt);
  g_test_add_func ("/gui/project-files/missing-file", test_missing_file);
  g_test_add_func ("/gui/project-files/autosave", test_autosave);
  g_test_add_func ("/gui/project-files/recovery-after-kill", test_recovery_after_kill);

  {
    int status = g_test_run ();

    if (state != NULL)
      pv_test_remove_dir (state);
    return status;
  }
}
