/* test-postgis-dialog.c — "Add PostGIS Layer" against a real PostgreSQL +
 * PostGIS server (tests/pg/pv-pg-server.sh) and a real Secret Service
 * (gnome-keyring-daemon on a private D-Bus session bus: the program runs
 * itself again under dbus-run-session, so the user's keyring is never seen).
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "pv-application.h"
#include "pv-attribute-table.h"
#include "pv-gui-test-util.h"
#include "pv-keyring.h"
#include "pv-map-view.h"
#include "pv-pg-test-util.h"
#include "pv-postgis-dialog.h"
#include "pv-test-util.h"

static PvTestPg *pg;
static gboolean have_keyring;

static gboolean
need_server (void)
{
  if (pg == NULL)
    {
      g_test_skip ("PostGIS tests: the test server could not start (see the log)");
      return FALSE;
    }
  return TRUE;
}

static gboolean
tables_listed (gpointer data)
{
  g_auto(GStrv) names = pv_postgis_dialog_dup_table_names (data);

  return names != NULL || pv_postgis_dialog_get_status (data) != NULL;
}

static gboolean
map_has_layer (gpointer data)
{
  return pv_map_get_n_layers (data) > 0;
}

typedef struct
{
  gboolean  done;
  char     *password;
  GError   *error;
} Lookup;

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Lookup *lookup = user_data;

  lookup->password = pv_keyring_lookup_finish (result, &lookup->error);
  lookup->done = TRUE;
}

static gboolean
lookup_done (gpointer data)
{
  return ((Lookup *) data)->done;
}

static void
ensure_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_assert_true (pv_postgis_ensure_passwords_finish (result, NULL));
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Connect, list, add: the map gets the table as a layer whose source has no
 * password; the password went to the keyring, the connection to the saved
 * ones; a second dialog connects with one click from them. */
static void
test_connect_and_add (void)
{
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvPgConnection) connection = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) saved = NULL;
  PvPostgisDialog *dialog;
  Lookup lookup = { 0 };

  if (!need_server ())
    return;
  connection = pv_pg_connection_parse (pg->source);
  pv_pg_set_password (connection, NULL);
  dialog = PV_POSTGIS_DIALOG (pv_postgis_dialog_new (NULL, map));
  gtk_window_present (GTK_WINDOW (dialog));
  pv_postgis_dialog_set_connection (dialog, connection, PV_TEST_PG_PASSWORD);
  pv_postgis_dialog_connect (dialog);
  pv_gui_test_wait_until (tables_listed, dialog, "the tables listed");
  g_assert_null (pv_postgis_dialog_get_status (dialog));
  names = pv_postgis_dialog_dup_table_names (dialog);
  g_assert_true (g_strv_contains ((const char * const *) names, "parcels"));
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (dialog), "Polygon — EPSG:9210"));

  pv_postgis_dialog_check_table (dialog, "parcels");
  pv_postgis_dialog_add (dialog);
  pv_gui_test_wait_until (map_has_layer, map, "the layer added");
  g_assert_cmpstr (pv_layer_get_source (pv_map_get_layer (map, 0)), ==, pg->source);
  g_assert_cmpstr (pv_layer_get_source_layer (pv_map_get_layer (map, 0)), ==, "parcels");

  settings = pv_application_dup_settings ();
  g_assert_nonnull (settings);
  saved = g_settings_get_strv (settings, "postgis-connections");
  g_assert_cmpstr (saved[0], ==, pg->source);

  if (!have_keyring)
    {
      g_test_skip ("no Secret Service (dbus-run-session and gnome-keyring-daemon): the keyring is not tested");
      return;
    }
  pv_gui_test_spin (200);
  pv_keyring_lookup_async (connection, NULL, lookup_cb, &lookup);
  pv_gui_test_wait_until (lookup_done, &lookup, "the keyring's answer");
  g_assert_no_error (lookup.error);
  g_assert_cmpstr (lookup.password, ==, PV_TEST_PG_PASSWORD);
  pv_keyring_free_password (lookup.password);

  /* One click: the saved connection, its password from the keyring. */
  pv_pg_set_password (connection, NULL);
  dialog = PV_POSTGIS_DIALOG (pv_postgis_dialog_new (NULL, map));
  gtk_window_present (GTK_WINDOW (dialog));
  {
    AdwComboRow *saved_row = ADW_COMBO_ROW (pv_gui_test_find_widget_of_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW));

    adw_combo_row_set_selected (saved_row, 1);
  }
  pv_gui_test_wait_until (tables_listed, dialog, "the tables listed");
  g_assert_null (pv_postgis_dialog_get_status (dialog));
  g_clear_pointer (&names, g_strfreev);
  names = pv_postgis_dialog_dup_table_names (dialog);
  g_assert_true (g_strv_contains ((const char * const *) names, "parcels"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A project's database: the password comes from the keyring, unasked. */
  {
    g_autoptr(GPtrArray) sources = g_ptr_array_new ();
    PvProjectSource source = { .source = pg->source, .kind = PV_SOURCE_NETWORK, .use = PV_SOURCE_USE_LAYER };
    gboolean done = FALSE;

    pv_pg_set_password (connection, NULL);
    g_ptr_array_add (sources, &source);
    pv_postgis_ensure_passwords_async (NULL, sources, NULL, ensure_cb, &done);
    pv_gui_test_wait_until (flag_set, &done, "the passwords looked up");
    g_assert_true (pv_pg_has_password (connection));
  }
}

/* A wrong password says so, naming the connection. */
static void
test_wrong_password (void)
{
  g_autoptr(PvMap) map = pv_map_new ();
  g_autoptr(PvPgConnection) connection = NULL;
  g_auto(GStrv) names = NULL;
  PvPostgisDialog *dialog;

  if (!need_server ())
    return;
  connection = pv_pg_connection_parse (pg->source);
  dialog = PV_POSTGIS_DIALOG (pv_postgis_dialog_new (NULL, map));
  gtk_window_present (GTK_WINDOW (dialog));
  pv_postgis_dialog_set_connection (dialog, connection, "not-the-password");
  pv_postgis_dialog_connect (dialog);
  pv_gui_test_wait_until (tables_listed, dialog, "an answer");
  names = pv_postgis_dialog_dup_table_names (dialog);
  g_assert_null (names);
  g_assert_nonnull (strstr (pv_postgis_dialog_get_status (dialog), "planviewer@"));
  g_assert_nonnull (strstr (pv_postgis_dialog_get_status (dialog), "password"));
  g_assert_cmpuint (pv_map_get_n_layers (map), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The first label under widget whose text contains needle. */
static GtkWidget *
label_widget_containing (GtkWidget  *widget,
                         const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), needle) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = label_widget_containing (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Its text. */
static const char *
label_containing (GtkWidget  *widget,
                  const char *needle)
{
  GtkWidget *label = label_widget_containing (widget, needle);

  return label != NULL ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static gboolean
table_counted (gpointer data)
{
  return label_containing (data, "in the table") != NULL;
}

/* The test table as a layer, the session's password set. */
static PvVectorLayer *
open_parcels (void)
{
  g_autoptr(PvPgConnection) connection = pv_pg_connection_parse (pg->source);
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;

  pv_pg_set_password (connection, PV_TEST_PG_PASSWORD);
  layers = pv_layer_open_all (pg->source, "parcels", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  return g_object_ref (PV_VECTOR_LAYER (layers->pdata[0]));
}

/* The attribute table of a table says it shows the features around the
 * view, and how many the table has (counted by the server). */
static void
test_attribute_table (void)
{
  g_autoptr(PvVectorLayer) layer = NULL;
  g_autoptr(PvViewport) city = pv_viewport_new ();
  g_autoptr(GError) error = NULL;
  PvAttributeTable *table;
  g_autofree char *expected = NULL;

  if (!need_server ())
    return;
  layer = open_parcels ();
  pv_viewport_set_size (city, 1000, 600);
  pv_viewport_fit_extent (city, 597871, 1214136, 598871, 1214736);
  g_assert_true (pv_layer_prepare_view (PV_LAYER (layer), NULL, city, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pv_vector_layer_get_n_features (layer), <, 1000);

  table = pv_attribute_table_new (layer, NULL);
  gtk_window_present (GTK_WINDOW (table));
  pv_gui_test_wait_until (table_counted, table, "the table's features counted");
  /* 8 166 with a narrow no-break space */
  expected = g_strdup_printf ("%u of %u features · 8\u202f166 in the table",
                              pv_vector_layer_get_n_features (layer), pv_vector_layer_get_n_features (layer));
  g_assert_cmpstr (label_containing (GTK_WIDGET (table), "in the table"), ==, expected);
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (table), "Features around the map’s view"));
  gtk_window_destroy (GTK_WINDOW (table));
}

static gboolean
where_failed (gpointer data)
{
  return pv_attribute_table_get_where_error (data) != NULL && !pv_attribute_table_get_busy (data);
}

static gboolean
table_matches_shown (gpointer data)
{
  return label_containing (data, "of the whole table match") != NULL;
}

typedef struct
{
  PvVectorLayer    *layer;
  PvAttributeTable *table;
} MatchesShown;

/* The map drew the window holding every match, and the table shows them. */
static gboolean
all_matches_listed (gpointer data)
{
  MatchesShown *shown = data;
  const char *count = label_containing (GTK_WIDGET (shown->table), "in the table");

  return count != NULL && g_str_has_prefix (count, "60 of ") &&
         !pv_attribute_table_get_busy (shown->table);
}

/* A WHERE filter on a table's attribute table also runs on the whole
 * table: how many match there, and a button that zooms the map to all of
 * them, after which the table lists them all. A filter the server refuses
 * says why. */
static void
test_table_matches (void)
{
  g_autoptr(PvVectorLayer) layer = NULL;
  g_autoptr(PvMap) map = pv_map_new ();
  const double city[4] = { 597871, 1214136, 598871, 1214736 };
  PvAttributeTable *table;
  GtkWidget *window, *view;
  MatchesShown shown;
  double e[4];

  if (!need_server ())
    return;
  layer = open_parcels ();
  pv_map_set_crs (map, pv_layer_get_crs (PV_LAYER (layer)));
  pv_map_add_layer (map, PV_LAYER (layer));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  view = pv_map_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  pv_map_view_set_map (PV_MAP_VIEW (view), map, city);
  gtk_window_present (GTK_WINDOW (window));

  table = pv_attribute_table_new (layer, PV_MAP_VIEW (view));
  gtk_window_present (GTK_WINDOW (table));
  pv_attribute_table_set_where (table, "ma_sdd = 'DGD'");
  pv_gui_test_wait_until (table_matches_shown, table, "the whole table's matches");
  g_assert_cmpstr (label_containing (GTK_WIDGET (table), "of the whole table match"), ==,
                   "60 features of the whole table match.");

  gtk_widget_activate_action (GTK_WIDGET (table), "table.show-table-matches", NULL);
  pv_viewport_get_extent (pv_map_view_get_viewport (PV_MAP_VIEW (view)), &e[0], &e[1], &e[2], &e[3]);
  g_assert_cmpfloat (e[2] - e[0], >, 10 * (city[2] - city[0]));
  shown = (MatchesShown) { layer, table };
  pv_gui_test_wait_until (all_matches_listed, &shown, "the 60 matches listed");

  /* The server refuses a column the table lacks, and says which. */
  pv_attribute_table_set_where (table, "no_such_column = 1");
  pv_gui_test_wait_until (where_failed, table, "the filter's error");
  g_assert_nonnull (strstr (pv_attribute_table_get_where_error (table), "no_such_column"));
  g_assert_false (gtk_widget_is_visible (gtk_widget_get_parent (
    label_widget_containing (GTK_WIDGET (table), "of the whole table match"))));

  gtk_window_destroy (GTK_WINDOW (table));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* A private session bus with an unlocked keyring of its own. */
  if (g_getenv ("PV_TEST_KEYRING") == NULL && g_find_program_in_path ("dbus-run-session") != NULL &&
      g_find_program_in_path ("gnome-keyring-daemon") != NULL)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      g_setenv ("PV_TEST_KEYRING", "1", TRUE);
      g_ptr_array_add (args, (gpointer) "dbus-run-session");
      g_ptr_array_add (args, (gpointer) "--");
      g_ptr_array_add (args, (gpointer) "sh");
      g_ptr_array_add (args, (gpointer) "-c");
      /* A new keyring in a folder of its own; the daemon without the
       * tests' G_DEBUG=fatal-warnings. */
      g_ptr_array_add (args, (gpointer) "d=$(mktemp -d) && export XDG_DATA_HOME=\"$d\" && "
                                          "echo -n pv-test | env -u G_DEBUG -u MALLOC_PERTURB_ "
                                          "gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
                                          "\"$0\" \"$@\"; s=$?; rm -rf \"$d\"; exit $s");
      for (int i = 0; i < argc; i++)
        g_ptr_array_add (args, argv[i]);
      g_ptr_array_add (args, NULL);
      execvp ("dbus-run-session", (char **) args->pdata);
      /* Not run: go on without a keyring. */
    }
  have_keyring = g_strcmp0 (g_getenv ("PV_TEST_KEYRING"), "1") == 0 && g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();
  pv_trust_set_network_enabled (TRUE);
  g_setenv ("PGPASSFILE", "/nonexistent/pgpass", TRUE);
  g_unsetenv ("PGPASSWORD");

  g_test_add_func ("/gui/postgis-dialog/connect-and-add", test_connect_and_add);
  g_test_add_func ("/gui/postgis-dialog/wrong-password", test_wrong_password);
  g_test_add_func ("/gui/postgis-dialog/attribute-table", test_attribute_table);
  g_test_add_func ("/gui/postgis-dialog/table-matches", test_table_matches);

  {
    g_autofree char *sample = pv_test_sample_path ("hien_trang_2024.shp");

    pg = pv_test_pg_start ();
    if (pg != NULL)
      pv_test_pg_load (pg, sample, "parcels", "-a_srs", "EPSG:9210", NULL);
  }
  status = g_test_run ();
  pv_test_pg_stop (pg);
  return status;
}
