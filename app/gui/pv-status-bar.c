/* pv-status-bar.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pv-application.h"
#include "pv-crs-chooser.h"
#include "pv-format.h"
#include "pv-status-bar.h"
#include "pv-task.h"

/* One degree along the WGS 84 equator (as pv-format.c). */
#define METRES_PER_DEGREE 111319.490793

struct _PvStatusBar
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkLabel           *position_label;
  GtkLabel           *geographic_label;
  GtkEntry           *scale_entry;
  GtkMenuButton      *scale_button;
  GtkButton          *crs_button;
  GtkLabel           *crs_label;
  GtkEventController *scale_focus;

  PvMapView          *map_view;
  PvMap              *map;
  GSettings          *settings;
  PvCoordinateFormat  format;
  /* Map CRS → WGS 84 for the map's current CRS; NULL when unknown. */
  PvTransform        *to_wgs84;
  PvCrs              *transform_crs;
  gboolean            has_position;
  double              position[2];
};

G_DEFINE_FINAL_TYPE (PvStatusBar, pv_status_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAP_VIEW,
  PROP_COORDINATE_FORMAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PvCrs *
get_map_crs (PvStatusBar *self)
{
  return self->map != NULL ? pv_map_get_crs (self->map) : NULL;
}

/* The transform follows the map CRS; a new one is cheap enough to make on
 * each change, and it is used on this thread only. */
static PvTransform *
get_to_wgs84 (PvStatusBar *self)
{
  PvCrs *crs = get_map_crs (self);

  if (crs != self->transform_crs)
    {
      g_clear_object (&self->to_wgs84);
      g_set_object (&self->transform_crs, crs);
      if (crs != NULL)
        {
          g_autoptr(PvCrs) wgs84 = pv_crs_new_from_epsg (4326, NULL);
          g_autoptr(GError) error = NULL;

          if (wgs84 != NULL)
            self->to_wgs84 = pv_transform_new (crs, wgs84, &error);
          if (self->to_wgs84 == NULL && error != NULL)
            g_debug ("No WGS 84 position for %s: %s", pv_crs_get_name (crs), error->message);
        }
    }
  return self->to_wgs84;
}

static void
update_position (PvStatusBar *self)
{
  g_autofree char *text = NULL;
  g_autofree char *geographic = NULL;
  PvTransform *transform;
  double lon, lat;

  if (!self->has_position)
    {
      gtk_label_set_label (self->position_label, "");
      gtk_label_set_label (self->geographic_label, "");
      return;
    }

  text = pv_format_position (get_map_crs (self), self->position[0], self->position[1],
                             self->map_view ? pv_map_view_get_resolution (self->map_view) : 1.0);
  gtk_label_set_label (self->position_label, text);

  lon = self->position[0];
  lat = self->position[1];
  transform = get_to_wgs84 (self);
  if (transform != NULL && pv_transform_point (transform, &lon, &lat, NULL))
    geographic = pv_format_geographic (lon, lat, self->format);
  else
    geographic = g_strdup ("—");
  gtk_label_set_label (self->geographic_label, geographic);
}

static void
show_scale (PvStatusBar *self)
{
  PvCrs *crs = get_map_crs (self);
  g_autofree char *text = NULL;

  if (self->map_view == NULL)
    return;
  /* Degrees make the scale an approximation. */
  text = pv_format_scale (pv_format_map_scale (pv_map_view_get_viewport (self->map_view), crs),
                          crs != NULL && pv_crs_is_geographic (crs));
  gtk_editable_set_text (GTK_EDITABLE (self->scale_entry), text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->scale_entry), "error");
}

static void
update_scale (PvStatusBar *self)
{
  /* Not while the user types a scale. */
  if (!gtk_event_controller_focus_contains_focus (GTK_EVENT_CONTROLLER_FOCUS (self->scale_focus)))
    show_scale (self);
}

static void
update_crs (PvStatusBar *self)
{
  PvCrs *crs = get_map_crs (self);

  if (crs != NULL)
    {
      g_autofree char *label = pv_crs_dup_label (crs);
      /* Translators: tooltip of the map CRS button; %s is the CRS name. */
      g_autofree char *tooltip = g_strdup_printf (_("Map coordinate system: %s. Click to change it."),
                                                  pv_crs_get_name (crs));

      gtk_label_set_label (self->crs_label, label);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->crs_button), tooltip);
    }
  else
    {
      gtk_label_set_label (self->crs_label, _("Unknown coordinate system"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->crs_button),
                                   _("The layers carry no coordinate system. Click to choose one."));
    }
  update_position (self);
  update_scale (self);
}

static void
map_crs_changed_cb (PvStatusBar *self,
                    GParamSpec  *pspec,
                    PvMap       *map)
{
  update_crs (self);
}

static void
layers_changed_cb (PvStatusBar *self,
                   guint        position,
                   guint        removed,
                   guint        added,
                   GListModel  *layers)
{
  /* The map CRS may come from the first layer. */
  update_crs (self);
}

static void
set_map (PvStatusBar *self,
         PvMap       *map)
{
  if (self->map == map)
    return;
  if (self->map != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->map, map_crs_changed_cb, self);
      g_signal_handlers_disconnect_by_func (pv_map_get_layers (self->map), layers_changed_cb, self);
    }
  g_set_object (&self->map, map);
  if (map != NULL)
    {
      g_signal_connect_object (map, "notify::crs", G_CALLBACK (map_crs_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pv_map_get_layers (map), "items-changed",
                               G_CALLBACK (layers_changed_cb), self, G_CONNECT_SWAPPED);
    }
  self->has_position = FALSE;
  update_crs (self);
}

static void
view_map_changed_cb (PvStatusBar *self,
                     GParamSpec  *pspec,
                     PvMapView   *map_view)
{
  set_map (self, pv_map_view_get_map (map_view));
}

static void
viewport_changed_cb (PvStatusBar *self,
                     PvViewport  *viewport)
{
  update_scale (self);
}

static void
pointer_moved_cb (PvStatusBar *self,
                  double       x,
                  double       y,
                  PvMapView   *map_view)
{
  pv_status_bar_show_position (self, x, y);
}

static void
pointer_left_cb (PvStatusBar *self,
                 PvMapView   *map_view)
{
  pv_status_bar_clear_position (self);
}

static void
scale_activate_cb (PvStatusBar *self,
                   GtkEntry    *entry)
{
  if (pv_status_bar_apply_scale_text (self, gtk_editable_get_text (GTK_EDITABLE (entry))))
    {
      show_scale (self);
      /* Back to the map. */
      if (self->map_view != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->map_view));
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_error_bell (GTK_WIDGET (entry));
    }
}

static void
scale_focus_leave_cb (PvStatusBar *self)
{
  /* Leaving the entry without Enter drops what was typed. */
  show_scale (self);
}

/* Actions */

static void
set_scale_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PvStatusBar *self = PV_STATUS_BAR (widget);
  g_autofree char *text = g_strdup_printf ("%u", g_variant_get_uint32 (parameter));

  pv_status_bar_apply_scale_text (self, text);
}

static void
choose_crs_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  pv_status_bar_choose_crs (PV_STATUS_BAR (widget));
}

/* GObject */

static void
pv_status_bar_dispose (GObject *object)
{
  PvStatusBar *self = PV_STATUS_BAR (object);
  GtkWidget *child;

  pv_status_bar_set_map_view (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_STATUS_BAR);
  /* The unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);
  g_clear_object (&self->to_wgs84);
  g_clear_object (&self->transform_crs);

  G_OBJECT_CLASS (pv_status_bar_parent_class)->dispose (object);
}

static void
pv_status_bar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PvStatusBar *self = PV_STATUS_BAR (object);

  switch (prop_id)
    {
    case PROP_MAP_VIEW:
      g_value_set_object (value, self->map_view);
      break;

    case PROP_COORDINATE_FORMAT:
      g_value_set_string (value, pv_status_bar_get_coordinate_format (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_status_bar_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PvStatusBar *self = PV_STATUS_BAR (object);

  switch (prop_id)
    {
    case PROP_MAP_VIEW:
      pv_status_bar_set_map_view (self, g_value_get_object (value));
      break;

    case PROP_COORDINATE_FORMAT:
      pv_status_bar_set_coordinate_format (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_status_bar_class_init (PvStatusBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_status_bar_dispose;
  object_class->get_property = pv_status_bar_get_property;
  object_class->set_property = pv_status_bar_set_property;

  properties[PROP_MAP_VIEW] =
    g_param_spec_object ("map-view", NULL, NULL,
                         PV_TYPE_MAP_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COORDINATE_FORMAT] =
    g_param_spec_string ("coordinate-format", NULL, NULL,
                         "decimal",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-status-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, PvStatusBar, position_label);
  gtk_widget_class_bind_template_child (widget_class, PvStatusBar, geographic_label);
  gtk_widget_class_bind_template_child (widget_class, PvStatusBar, scale_entry);
  gtk_widget_class_bind_template_child (widget_class, PvStatusBar, scale_button);
  gtk_widget_class_bind_template_child (widget_class, PvStatusBar, crs_button);
  gtk_widget_class_bind_template_child (widget_class, PvStatusBar, crs_label);
  gtk_widget_class_bind_template_callback (widget_class, scale_activate_cb);

  gtk_widget_class_install_action (widget_class, "status.set-scale", "u", set_scale_action);
  gtk_widget_class_install_action (widget_class, "status.choose-crs", NULL, choose_crs_action);

  gtk_widget_class_set_css_name (widget_class, "statusbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* Reading PROJ's CRS list takes ~100 ms: do it off the UI thread before the
 * chooser first needs it. */
static void
list_crs_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(GPtrArray) infos = pv_crs_list_known ();

  g_task_return_boolean (task, TRUE);
}

static void
pv_status_bar_init (PvStatusBar *self)
{
  static gsize crs_list_started = 0;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  const guint *scales;
  guint n_scales;

  gtk_widget_init_template (GTK_WIDGET (self));

  scales = pv_format_get_planning_scales (&n_scales);
  for (guint i = 0; i < n_scales; i++)
    {
      g_autofree char *label = pv_format_scale (scales[i], FALSE);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "status.set-scale", g_variant_new_uint32 (scales[i]));
      g_menu_append_item (section, item);
    }
  g_menu_append_section (menu, _("Planning Scales"), G_MENU_MODEL (section));
  gtk_menu_button_set_menu_model (self->scale_button, G_MENU_MODEL (menu));

  self->scale_focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (self->scale_focus, "leave", G_CALLBACK (scale_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->scale_entry), self->scale_focus);

  if (g_once_init_enter (&crs_list_started))
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      g_task_set_name (task, "[planviewer] list CRSs");
      pv_task_run_in_thread (task, list_crs_worker);
      g_once_init_leave (&crs_list_started, 1);
    }

  self->format = PV_COORDINATE_FORMAT_DECIMAL;
  self->settings = pv_application_dup_settings ();
  if (self->settings != NULL)
    g_settings_bind (self->settings, "coordinate-format", self, "coordinate-format", G_SETTINGS_BIND_GET);

  update_crs (self);
}

/* Public API */

GtkWidget *
pv_status_bar_new (void)
{
  return g_object_new (PV_TYPE_STATUS_BAR, NULL);
}

PvMapView *
pv_status_bar_get_map_view (PvStatusBar *self)
{
  g_return_val_if_fail (PV_IS_STATUS_BAR (self), NULL);

  return self->map_view;
}

void
pv_status_bar_set_map_view (PvStatusBar *self,
                            PvMapView   *map_view)
{
  g_return_if_fail (PV_IS_STATUS_BAR (self));
  g_return_if_fail (map_view == NULL || PV_IS_MAP_VIEW (map_view));

  if (self->map_view == map_view)
    return;

  if (self->map_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->map_view, self);
      g_signal_handlers_disconnect_by_data (pv_map_view_get_viewport (self->map_view), self);
    }
  g_set_object (&self->map_view, map_view);
  if (map_view != NULL)
    {
      g_signal_connect_object (map_view, "notify::map", G_CALLBACK (view_map_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (map_view, "pointer-moved", G_CALLBACK (pointer_moved_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (map_view, "pointer-left", G_CALLBACK (pointer_left_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pv_map_view_get_viewport (map_view), "changed",
                               G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
    }
  set_map (self, map_view ? pv_map_view_get_map (map_view) : NULL);
  update_crs (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_VIEW]);
}

const char *
pv_status_bar_get_coordinate_format (PvStatusBar *self)
{
  g_return_val_if_fail (PV_IS_STATUS_BAR (self), NULL);

  return pv_coordinate_format_to_string (self->format);
}

void
pv_status_bar_set_coordinate_format (PvStatusBar *self,
                                     const char  *format)
{
  PvCoordinateFormat value;

  g_return_if_fail (PV_IS_STATUS_BAR (self));

  value = pv_coordinate_format_from_string (format);
  if (value == self->format)
    return;
  self->format = value;
  update_position (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COORDINATE_FORMAT]);
}

void
pv_status_bar_show_position (PvStatusBar *self,
                             double       x,
                             double       y)
{
  g_return_if_fail (PV_IS_STATUS_BAR (self));

  self->has_position = TRUE;
  self->position[0] = x;
  self->position[1] = y;
  update_position (self);
}

void
pv_status_bar_clear_position (PvStatusBar *self)
{
  g_return_if_fail (PV_IS_STATUS_BAR (self));

  self->has_position = FALSE;
  update_position (self);
}

const char *
pv_status_bar_get_position_text (PvStatusBar *self)
{
  g_return_val_if_fail (PV_IS_STATUS_BAR (self), NULL);

  return gtk_label_get_label (self->position_label);
}

const char *
pv_status_bar_get_geographic_text (PvStatusBar *self)
{
  g_return_val_if_fail (PV_IS_STATUS_BAR (self), NULL);

  return gtk_label_get_label (self->geographic_label);
}

const char *
pv_status_bar_get_scale_text (PvStatusBar *self)
{
  g_return_val_if_fail (PV_IS_STATUS_BAR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->scale_entry));
}

gboolean
pv_status_bar_apply_scale_text (PvStatusBar *self,
                                const char  *text)
{
  PvCrs *crs;
  double scale;

  g_return_val_if_fail (PV_IS_STATUS_BAR (self), FALSE);

  if (self->map_view == NULL || !pv_format_parse_scale (text, &scale))
    return FALSE;
  crs = get_map_crs (self);
  /* The inverse of pv_format_map_scale(). */
  if (crs != NULL && pv_crs_is_geographic (crs))
    scale /= METRES_PER_DEGREE;
  /* The viewport keeps its centre. */
  pv_viewport_set_scale (pv_map_view_get_viewport (self->map_view), scale);
  return TRUE;
}

/* Half the distance between the transforms of (x - d, y) and (x + d, y)
 * and of (x, y - d) and (x, y + d), averaged; NaN when they fail. */
static double
transformed_half_span (PvTransform *transform,
                       double       x,
                       double       y,
                       double       d)
{
  double xy[8] = { x - d, y, x + d, y, x, y - d, x, y + d };

  if (pv_transform_points_interleaved (transform, xy, 4) > 0)
    return NAN;
  return (hypot (xy[2] - xy[0], xy[3] - xy[1]) + hypot (xy[6] - xy[4], xy[7] - xy[5])) / 4.0;
}

void
pv_status_bar_set_map_crs (PvStatusBar *self,
                           PvCrs       *crs)
{
  g_autoptr(PvTransform) transform = NULL;
  g_autoptr(GError) error = NULL;
  PvViewport *viewport;
  PvCrs *old;
  double cx, cy, half, new_half;
  double extent[4];
  int width, height;

  g_return_if_fail (PV_IS_STATUS_BAR (self));
  g_return_if_fail (PV_IS_CRS (crs));

  if (self->map == NULL || self->map_view == NULL)
    return;
  old = get_map_crs (self);
  if (old != NULL && pv_crs_equals (old, crs))
    {
      pv_map_set_crs (self->map, crs);
      return;
    }

  viewport = pv_map_view_get_viewport (self->map_view);
  pv_viewport_get_center (viewport, &cx, &cy);
  width = MAX (pv_viewport_get_width (viewport), 1);
  height = MAX (pv_viewport_get_height (viewport), 1);
  half = pv_viewport_get_resolution (viewport) * width / 2.0;

  if (old != NULL && (transform = pv_transform_new (old, crs, &error)) != NULL)
    new_half = transformed_half_span (transform, cx, cy, half);
  else
    new_half = NAN;
  if (transform != NULL && isfinite (new_half) && new_half > 0 &&
      pv_transform_point (transform, &cx, &cy, NULL))
    {
      /* The same ground at the centre and about the same width, in the
       * viewport's shape so fitting it keeps the centre exactly. */
      double new_half_y = new_half * height / width;

      extent[0] = cx - new_half;
      extent[1] = cy - new_half_y;
      extent[2] = cx + new_half;
      extent[3] = cy + new_half_y;
      pv_map_set_crs (self->map, crs);
      /* Re-showing the map drops frames drawn in the old CRS. */
      pv_map_view_set_map (self->map_view, self->map, extent);
    }
  else
    {
      /* Nothing to keep (unknown CRS before, or the view is outside the new
       * CRS's reach): show everything. */
      if (error != NULL)
        g_debug ("Map CRS change: %s", error->message);
      pv_map_set_crs (self->map, crs);
      pv_map_view_set_map (self->map_view, self->map, NULL);
    }
}

static void
crs_chosen_cb (PvStatusBar  *self,
               PvCrs        *crs,
               PvCrsChooser *chooser)
{
  pv_status_bar_set_map_crs (self, crs);
}

void
pv_status_bar_choose_crs (PvStatusBar *self)
{
  PvCrsChooser *chooser;
  GtkRoot *root;

  g_return_if_fail (PV_IS_STATUS_BAR (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = pv_crs_chooser_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                _("Map Coordinate System"), get_map_crs (self));
  g_signal_connect_object (chooser, "crs-chosen", G_CALLBACK (crs_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (chooser));
}
