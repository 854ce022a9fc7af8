/* pv-application.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <epoxy/gl.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pv-application.h"
#include "pv-core.h"
#include "pv-preferences-window.h"
#include "pv-presentation.h"
#include "pv-trust-dialog.h"
#include "pv-window.h"

#define PV_SCHEMA_ID "io.github.planviewer.PlanViewer"
#define PV_ICON_NAME "io.github.planviewer.PlanViewer"

struct _PvApplication
{
  AdwApplication parent_instance;

  char          *present_path;   /* --present PROJECT */
  GSettings     *settings;       /* "online-sources" turns GDAL's network on */
};

G_DEFINE_FINAL_TYPE (PvApplication, pv_application, ADW_TYPE_APPLICATION)

GSettings *
pv_application_dup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) build_source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, PV_SCHEMA_ID, TRUE);

#ifdef PV_BUILD_SCHEMA_DIR
  /* Not installed: running from the build tree (make run, the tests). */
  if (schema == NULL)
    {
      build_source = g_settings_schema_source_new_from_directory (PV_BUILD_SCHEMA_DIR, source,
                                                                  FALSE, NULL);
      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source, PV_SCHEMA_ID, FALSE);
    }
#endif

  if (schema == NULL)
    {
      g_debug ("GSettings schema %s not found; the window state is not kept", PV_SCHEMA_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static PvWindow *
new_window (PvApplication *self)
{
  return g_object_new (PV_TYPE_WINDOW, "application", self, NULL);
}

/* --present: once the project is loaded, its bookmarks full screen. */
static void
present_when_loaded_cb (PvWindow   *window,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  if (pv_window_get_loading (window))
    return;
  g_signal_handlers_disconnect_by_func (window, present_when_loaded_cb, user_data);
  pv_presentation_start (GTK_WINDOW (window), pv_window_get_map (window), NULL);
}

static void
pv_application_activate (GApplication *app)
{
  PvApplication *self = PV_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (self->present_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (self->present_path);
      PvWindow *presenting = new_window (self);

      g_clear_pointer (&self->present_path, g_free);
      pv_window_open_files (presenting, &file, 1);
      gtk_window_present (GTK_WINDOW (presenting));
      g_signal_connect (presenting, "notify::loading", G_CALLBACK (present_when_loaded_cb), NULL);
      present_when_loaded_cb (presenting, NULL, NULL);
      return;
    }

  if (window == NULL)
    window = GTK_WINDOW (new_window (PV_APPLICATION (app)));
  gtk_window_present (window);
}

static void
pv_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PvWindow *window = new_window (PV_APPLICATION (app));

  /* Shown first: what opening asks (which files outside the project's
   * folder, a database's password) comes in dialogs above it. */
  gtk_window_present (GTK_WINDOW (window));
  pv_window_open_files (window, files, n_files);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autofree char *debug_info = NULL;
  const char *developers[] = { _("The PlanViewer authors"), NULL };
  GtkWidget *about;

  debug_info = g_strdup_printf ("PlanViewer %s\nGTK %u.%u.%u\nlibadwaita %u.%u.%u\nGDAL %s\nPROJ %s\n",
                                PACKAGE_VERSION,
                                gtk_get_major_version (), gtk_get_minor_version (),
                                gtk_get_micro_version (),
                                adw_get_major_version (), adw_get_minor_version (),
                                adw_get_micro_version (),
                                pv_core_get_gdal_version (), pv_core_get_proj_version ());

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("PlanViewer"),
                        "application-icon", PV_ICON_NAME,
                        "developer-name", _("The PlanViewer authors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("View the zoning and land-use maps of Bình Dương province: "
                                      "shapefiles, GeoPackages, GeoTIFFs and every other format "
                                      "GDAL reads, reprojected to VN-2000."),
                        "website", "https://github.com/planviewer/planviewer",
                        "issue-url", "https://github.com/planviewer/planviewer/issues",
                        "copyright", _("© 2026 The PlanViewer authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        "debug-info", debug_info,
                        "debug-info-filename", "planviewer-debug.txt",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = user_data;
  GtkWidget *preferences = pv_preferences_window_new (gtk_application_get_active_window (app));

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing (not destroying) lets each window save its state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "quit", .activate = quit_action },
};

/* Software OpenGL (llvmpipe in a VM, under Xvfb, on a machine without a GPU
 * driver) composites the map's one large texture several times slower than
 * GTK's cairo renderer: a drag costs 60 ms a frame instead of 6 ms (see
 * tests/bench). Choose cairo there, unless the user chose a renderer. */
void
pv_application_prefer_cairo_over_software_gl (void)
{
  static const char *software[] = { "llvmpipe", "softpipe", "swrast", "SWR", "Software Rasterizer" };
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkGLContext) context = NULL;
  const char *renderer;

  if (g_getenv ("GSK_RENDERER") != NULL || display == NULL)
    return;
  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return;  /* No GL at all: GTK picks cairo by itself. */
  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  for (guint i = 0; renderer != NULL && i < G_N_ELEMENTS (software); i++)
    if (strstr (renderer, software[i]) != NULL)
      {
        g_debug ("OpenGL renderer “%s” is software: drawing with cairo", renderer);
        g_setenv ("GSK_RENDERER", "cairo", FALSE);
        break;
      }
  gdk_gl_context_clear_current ();
}

static void
pv_application_startup (GApplication *app)
{
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-sidebar", { "F9", NULL } },
    { "tools.undo", { "<Control>z", NULL } },
    { "tools.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "tools.tool('measure-distance')", { "<Control>m", NULL } },
    { "tools.tool('measure-area')", { "<Control><Shift>m", NULL } },
    { "tools.tool('annotate')", { "<Control>e", NULL } },
  };

  G_APPLICATION_CLASS (pv_application_parent_class)->startup (app);
  /* Before the first window: GTK reads GSK_RENDERER once. */
  pv_application_prefer_cairo_over_software_gl ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (PV_ICON_NAME);

  /* Online sources (the network through GDAL) only when the user allows. */
  PV_APPLICATION (app)->settings = pv_application_dup_settings ();
  if (PV_APPLICATION (app)->settings != NULL)
    pv_trust_dialog_follow_settings (PV_APPLICATION (app)->settings);
}

static int
pv_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  PvApplication *self = PV_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "present", "^&ay", &path))
    {
      g_free (self->present_path);
      self->present_path = g_strdup (path);
      /* A presentation runs in a process of its own: an instance already
       * running would not know which project to present. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
pv_application_finalize (GObject *object)
{
  PvApplication *self = PV_APPLICATION (object);

  g_free (self->present_path);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pv_application_parent_class)->finalize (object);
}

static void
pv_application_class_init (PvApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pv_application_finalize;
  app_class->handle_local_options = pv_application_handle_local_options;
  app_class->activate = pv_application_activate;
  app_class->open = pv_application_open;
  app_class->startup = pv_application_startup;
}

static void
pv_application_init (PvApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "present", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_FILENAME,
                                 _("Show the project’s bookmarks as a full-screen presentation"),
                                 /* Translators: the value of --present in planviewer --help. */
                                 _("PROJECT"));
}

PvApplication *
pv_application_new (void)
{
  return g_object_new (PV_TYPE_APPLICATION,
                       "application-id", PV_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* The same resources for the .Devel id. */
                       "resource-base-path", PV_RESOURCE_PATH,
                       NULL);
}
