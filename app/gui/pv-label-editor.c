/* pv-label-editor.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pv-label-editor.h"
#include "pv-map-view.h"
#include "pv-task.h"
#include "pv-window.h"

/* Typing and spinning settle for this long before the labels are applied. */
#define DEBOUNCE_MS 200

#define DEFAULT_FONT "Noto Sans"

enum
{
  MODE_FIELD,
  MODE_TEMPLATE,
};

struct _PvLabelEditor
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkSwitch      *show_switch;
  GtkSpinner     *spinner;
  AdwComboRow    *mode_row;
  AdwComboRow    *field_row;
  GtkStringList  *field_list;
  AdwEntryRow    *template_row;
  GtkMenuButton  *insert_button;
  GtkLabel       *error_label;
  GtkLabel       *no_fields_label;
  GtkFontButton  *font_button;
  GtkSpinButton  *size_spin;
  GtkSwitch      *bold_switch;
  GtkColorButton *color_button;
  GtkColorButton *halo_color_button;
  GtkSpinButton  *halo_width_spin;
  GtkSpinButton  *priority_spin;
  GtkWidget      *offset_row;
  GtkSpinButton  *offset_spin;
  GtkSpinButton  *min_scale_spin;
  GtkSpinButton  *max_scale_spin;
  GtkWidget      *min_scale_current_button;
  GtkWidget      *max_scale_current_button;

  PvVectorLayer  *layer;
  char           *error;
  guint           debounce_id;
  gboolean        loading;       /* writing values into the widgets */

  /* One apply runs at a time, so they land in order; a newer change
   * cancels the running one and waits in pending. */
  GCancellable   *cancellable;   /* of the running apply, or NULL */
  gboolean        has_pending;
  PvLabeling     *pending;       /* NULL: no labels */
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (PvLabelEditor, pv_label_editor, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  PvVectorLayer *layer;
  PvLabeling    *labeling;
} ApplyJob;

static void
apply_job_free (ApplyJob *job)
{
  g_clear_object (&job->layer);
  g_clear_object (&job->labeling);
  g_free (job);
}

static void start_apply (PvLabelEditor *self,
                         PvLabeling    *labeling);

static void
update_busy (PvLabelEditor *self)
{
  gboolean busy = self->layer != NULL &&
                  (self->debounce_id != 0 || self->cancellable != NULL || self->has_pending);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy == self->busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error (PvLabelEditor *self,
            const char    *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->template_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->template_row), "error");
}

/* The index of the layer's field called name (as the layer matches label
 * fields: ignoring case), or -1. */
static int
find_field (PvVectorLayer *layer,
            const char    *name)
{
  for (guint i = 0; i < pv_vector_layer_get_n_fields (layer); i++)
    if (g_ascii_strcasecmp (pv_vector_layer_get_field_name (layer, i), name) == 0)
      return (int) i;
  return -1;
}

static const char *
selected_field (PvLabelEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->field_row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->field_list, selected);
}

static void
rgba_to_doubles (const GdkRGBA *rgba,
                 double        *out)
{
  out[0] = rgba->red;
  out[1] = rgba->green;
  out[2] = rgba->blue;
  out[3] = rgba->alpha;
}

static void
doubles_to_rgba (const double *in,
                 GdkRGBA      *rgba)
{
  rgba->red = in[0];
  rgba->green = in[1];
  rgba->blue = in[2];
  rgba->alpha = in[3];
}

/* The labeling the widgets describe; NULL with error set when they describe
 * none that can be applied (an empty template, a field the layer lacks). */
static PvLabeling *
build_labeling (PvLabelEditor  *self,
                char          **error)
{
  g_autoptr(PvLabeling) labeling = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  const char *text;
  const char *family = NULL;
  GdkRGBA rgba;
  double color[4], halo[4];

  if (adw_combo_row_get_selected (self->mode_row) == MODE_TEMPLATE)
    {
      g_autofree char *stripped = NULL;

      text = gtk_editable_get_text (GTK_EDITABLE (self->template_row));
      stripped = g_strstrip (g_strdup (text ? text : ""));
      if (stripped[0] == '\0')
        {
          *error = g_strdup (_("Write a template, for example “{ma_sdd} – {ten_sdd}”, or choose a field."));
          return NULL;
        }
    }
  else
    text = selected_field (self);
  if (text == NULL)
    {
      *error = g_strdup (_("Choose the field to label the features with."));
      return NULL;
    }

  /* Whether the fields exist is for the layer to say (in the worker). */
  labeling = pv_labeling_new (text);

  font = gtk_font_chooser_get_font_desc (GTK_FONT_CHOOSER (self->font_button));
  if (font != NULL)
    family = pango_font_description_get_family (font);
  pv_labeling_set_font_family (labeling, family != NULL && family[0] != '\0' ? family : DEFAULT_FONT);
  pv_labeling_set_size (labeling, gtk_spin_button_get_value (self->size_spin));
  pv_labeling_set_bold (labeling, gtk_switch_get_active (self->bold_switch));
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
  rgba_to_doubles (&rgba, color);
  pv_labeling_set_color (labeling, color);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->halo_color_button), &rgba);
  rgba_to_doubles (&rgba, halo);
  pv_labeling_set_halo (labeling, halo, gtk_spin_button_get_value (self->halo_width_spin));
  pv_labeling_set_priority (labeling, gtk_spin_button_get_value_as_int (self->priority_spin));
  pv_labeling_set_scale_range (labeling,
                               gtk_spin_button_get_value (self->min_scale_spin),
                               gtk_spin_button_get_value (self->max_scale_spin));
  pv_labeling_set_point_offset (labeling, gtk_spin_button_get_value (self->offset_spin));

  return g_steal_pointer (&labeling);
}

static void
apply_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyJob *job = task_data;
  g_autoptr(GError) error = NULL;

  gboolean ok = pv_vector_layer_set_labeling (job->layer, job->labeling, cancellable, &error);

  /* Let go of the layer before the editor hears back, so that once it has,
   * nothing of this apply holds the layer any more. */
  g_clear_object (&job->layer);
  g_clear_object (&job->labeling);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
apply_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PvLabelEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_object (&self->cancellable);
  if (self->layer == NULL)
    return;
  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error->message);
  else if (ok && !self->has_pending)
    show_error (self, NULL);

  if (self->has_pending)
    {
      g_autoptr(PvLabeling) next = g_steal_pointer (&self->pending);

      self->has_pending = FALSE;
      start_apply (self, next);
    }
  update_busy (self);
}

static void
start_apply (PvLabelEditor *self,
             PvLabeling    *labeling)
{
  g_autoptr(GTask) task = NULL;
  ApplyJob *job;

  if (self->cancellable != NULL)
    {
      /* Wait for the running one to stop, then apply this. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->pending);
      self->pending = labeling ? g_object_ref (labeling) : NULL;
      self->has_pending = TRUE;
      update_busy (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  job = g_new0 (ApplyJob, 1);
  job->layer = g_object_ref (self->layer);
  job->labeling = labeling ? g_object_ref (labeling) : NULL;
  /* No source object: the worker must never drop the last reference of a
   * widget. The callback owns one instead and runs on this thread. */
  task = g_task_new (NULL, self->cancellable, apply_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_apply);
  g_task_set_task_data (task, job, (GDestroyNotify) apply_job_free);
  pv_task_run_in_thread (task, apply_worker);
  update_busy (self);
}

static void
apply_now (PvLabelEditor *self)
{
  g_autoptr(PvLabeling) labeling = NULL;
  g_autofree char *error = NULL;

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->layer == NULL)
    return;

  if (gtk_switch_get_active (self->show_switch))
    {
      labeling = build_labeling (self, &error);
      if (labeling == NULL)
        {
          /* Nothing to apply: the layer keeps what it has. */
          show_error (self, error);
          update_busy (self);
          return;
        }
    }
  else if (self->cancellable == NULL && !self->has_pending)
    {
      g_autoptr(PvLabeling) current = pv_vector_layer_dup_labeling (self->layer);

      /* Labels off, and the layer has none: nothing to do. */
      if (current == NULL)
        {
          show_error (self, NULL);
          update_busy (self);
          return;
        }
    }
  show_error (self, NULL);
  start_apply (self, labeling);
}

static gboolean
debounce_cb (gpointer data)
{
  PvLabelEditor *self = data;

  self->debounce_id = 0;
  apply_now (self);
  return G_SOURCE_REMOVE;
}

static void
queue_apply (PvLabelEditor *self,
             gboolean       debounce)
{
  if (self->loading || self->layer == NULL)
    return;
  if (!debounce)
    {
      apply_now (self);
      return;
    }
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (DEBOUNCE_MS, debounce_cb, self);
  update_busy (self);
}

static void
update_mode (PvLabelEditor *self)
{
  gboolean template = adw_combo_row_get_selected (self->mode_row) == MODE_TEMPLATE;

  gtk_widget_set_visible (GTK_WIDGET (self->field_row), !template);
  gtk_widget_set_visible (GTK_WIDGET (self->template_row), template);
}

static void
value_changed_cb (PvLabelEditor *self)
{
  queue_apply (self, FALSE);
}

static void
spin_changed_cb (PvLabelEditor *self)
{
  queue_apply (self, TRUE);
}

static void
text_changed_cb (PvLabelEditor *self)
{
  queue_apply (self, TRUE);
}

static void
mode_changed_cb (PvLabelEditor *self)
{
  const char *field = selected_field (self);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->template_row));

  update_mode (self);
  if (self->loading)
    return;
  /* A template starts from the field chosen so far. */
  if (adw_combo_row_get_selected (self->mode_row) == MODE_TEMPLATE &&
      (text == NULL || text[0] == '\0') && field != NULL)
    {
      g_autofree char *start = g_strdup_printf ("{%s}", field);

      self->loading = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->template_row), start);
      self->loading = FALSE;
    }
  queue_apply (self, FALSE);
}

/* The scale of the map view in the window the editor's window belongs to,
 * or 0. */
static double
current_map_scale (PvLabelEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  PvMapView *map_view;

  if (window != NULL && !PV_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);
  if (!PV_IS_WINDOW (window))
    return 0;
  map_view = pv_window_get_map_view (PV_WINDOW (window));
  if (map_view == NULL || pv_map_view_get_viewport (map_view) == NULL)
    return 0;
  return pv_viewport_get_scale (pv_map_view_get_viewport (map_view));
}

static void
min_scale_current_cb (PvLabelEditor *self)
{
  double scale = current_map_scale (self);

  if (scale > 0)
    gtk_spin_button_set_value (self->min_scale_spin, round (scale));
}

static void
max_scale_current_cb (PvLabelEditor *self)
{
  double scale = current_map_scale (self);

  if (scale > 0)
    gtk_spin_button_set_value (self->max_scale_spin, round (scale));
}

static void
insert_field_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PvLabelEditor *self = PV_LABEL_EDITOR (widget);
  GtkEditable *editable = GTK_EDITABLE (self->template_row);
  g_autofree char *text = g_strdup_printf ("{%s}", g_variant_get_string (parameter, NULL));
  int position = gtk_editable_get_position (editable);

  gtk_editable_insert_text (editable, text, -1, &position);
  gtk_editable_set_position (editable, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->template_row));
}

static void
update_current_buttons (PvLabelEditor *self)
{
  gboolean known = current_map_scale (self) > 0;

  gtk_widget_set_sensitive (self->min_scale_current_button, known);
  gtk_widget_set_sensitive (self->max_scale_current_button, known);
}

static void
root_changed_cb (PvLabelEditor *self,
                 GParamSpec    *pspec,
                 gpointer       user_data)
{
  update_current_buttons (self);
}

/* Whether the layer may hold points (point labels take an offset). */
static gboolean
may_hold_points (PvVectorLayer *layer)
{
  const char *type = pv_vector_layer_get_geometry_type_name (layer);

  if (type == NULL)
    return TRUE;
  return strstr (type, "Point") != NULL || strstr (type, "Unknown") != NULL ||
         strstr (type, "Collection") != NULL || g_str_has_prefix (type, "None");
}

/* The field offered first: the first text field, else the first. */
static guint
default_field (PvVectorLayer *layer)
{
  for (guint i = 0; i < pv_vector_layer_get_n_fields (layer); i++)
    if (!pv_vector_layer_field_is_numeric (layer, i))
      return i;
  return 0;
}

/* Writes the layer's labeling (or the defaults) into the widgets. */
static void
load (PvLabelEditor *self)
{
  PvVectorLayer *layer = self->layer;
  g_autoptr(PvLabeling) current = pv_vector_layer_dup_labeling (layer);
  g_autoptr(PvLabeling) shown = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *font = NULL;
  guint n_fields = pv_vector_layer_get_n_fields (layer);
  guint field = default_field (layer);
  const char *text;
  double color[4], halo[4], halo_width, min_scale, max_scale;
  GdkRGBA rgba;

  self->loading = TRUE;

  for (guint i = 0; i < n_fields; i++)
    {
      const char *name = pv_vector_layer_get_field_name (layer, i);
      /* Menu labels read "_" as a mnemonic: double it (ma_sdd). */
      g_auto(GStrv) parts = g_strsplit (name, "_", -1);
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      gtk_string_list_append (self->field_list, name);
      g_menu_item_set_action_and_target_value (item, "label-editor.insert-field", g_variant_new_string (name));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->insert_button, G_MENU_MODEL (menu));

  if (current != NULL)
    shown = g_object_ref (current);
  else if (n_fields > 0)
    shown = pv_labeling_new (pv_vector_layer_get_field_name (layer, field));

  gtk_widget_set_visible (GTK_WIDGET (self->no_fields_label), n_fields == 0 && current == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->show_switch), n_fields > 0 || current != NULL);
  gtk_widget_set_visible (self->offset_row, may_hold_points (layer));

  gtk_switch_set_active (self->show_switch, current != NULL);
  if (shown == NULL)
    {
      update_mode (self);
      self->loading = FALSE;
      return;
    }

  text = pv_labeling_get_text (shown);
  if (find_field (layer, text) >= 0)
    {
      adw_combo_row_set_selected (self->field_row, find_field (layer, text));
      adw_combo_row_set_selected (self->mode_row, MODE_FIELD);
    }
  else
    {
      adw_combo_row_set_selected (self->field_row, field);
      gtk_editable_set_text (GTK_EDITABLE (self->template_row), text);
      adw_combo_row_set_selected (self->mode_row, MODE_TEMPLATE);
    }
  update_mode (self);

  font = g_strdup_printf ("%s %g", pv_labeling_get_font_family (shown), pv_labeling_get_size (shown));
  gtk_font_chooser_set_font (GTK_FONT_CHOOSER (self->font_button), font);
  gtk_spin_button_set_value (self->size_spin, pv_labeling_get_size (shown));
  gtk_switch_set_active (self->bold_switch, pv_labeling_get_bold (shown));
  pv_labeling_get_color (shown, color);
  doubles_to_rgba (color, &rgba);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
  pv_labeling_get_halo (shown, halo, &halo_width);
  doubles_to_rgba (halo, &rgba);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->halo_color_button), &rgba);
  gtk_spin_button_set_value (self->halo_width_spin, halo_width);
  gtk_spin_button_set_value (self->priority_spin, pv_labeling_get_priority (shown));
  pv_labeling_get_scale_range (shown, &min_scale, &max_scale);
  gtk_spin_button_set_value (self->min_scale_spin, min_scale);
  gtk_spin_button_set_value (self->max_scale_spin, max_scale);
  gtk_spin_button_set_value (self->offset_spin, pv_labeling_get_point_offset (shown));

  self->loading = FALSE;
}

static void
pv_label_editor_dispose (GObject *object)
{
  PvLabelEditor *self = PV_LABEL_EDITOR (object);

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending);
  self->has_pending = FALSE;
  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_LABEL_EDITOR);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (pv_label_editor_parent_class)->dispose (object);
}

static void
pv_label_editor_finalize (GObject *object)
{
  PvLabelEditor *self = PV_LABEL_EDITOR (object);

  g_free (self->error);

  G_OBJECT_CLASS (pv_label_editor_parent_class)->finalize (object);
}

static void
pv_label_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PvLabelEditor *self = PV_LABEL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_label_editor_class_init (PvLabelEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_label_editor_dispose;
  object_class->finalize = pv_label_editor_finalize;
  object_class->get_property = pv_label_editor_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-label-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, show_switch);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, mode_row);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, field_row);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, field_list);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, template_row);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, insert_button);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, no_fields_label);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, font_button);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, size_spin);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, bold_switch);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, color_button);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, halo_color_button);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, halo_width_spin);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, priority_spin);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, offset_row);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, offset_spin);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, min_scale_spin);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, max_scale_spin);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, min_scale_current_button);
  gtk_widget_class_bind_template_child (widget_class, PvLabelEditor, max_scale_current_button);
  gtk_widget_class_bind_template_callback (widget_class, value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, min_scale_current_cb);
  gtk_widget_class_bind_template_callback (widget_class, max_scale_current_cb);

  gtk_widget_class_install_action (widget_class, "label-editor.insert-field", "s", insert_field_action);
}

static void
pv_label_editor_init (PvLabelEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::root", G_CALLBACK (root_changed_cb), NULL);
  update_mode (self);
}

GtkWidget *
pv_label_editor_new (PvVectorLayer *layer)
{
  PvLabelEditor *self;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (layer), NULL);

  self = g_object_new (PV_TYPE_LABEL_EDITOR, NULL);
  self->layer = g_object_ref (layer);
  load (self);
  update_current_buttons (self);

  return GTK_WIDGET (self);
}

PvVectorLayer *
pv_label_editor_get_layer (PvLabelEditor *self)
{
  g_return_val_if_fail (PV_IS_LABEL_EDITOR (self), NULL);

  return self->layer;
}

gboolean
pv_label_editor_get_busy (PvLabelEditor *self)
{
  g_return_val_if_fail (PV_IS_LABEL_EDITOR (self), FALSE);

  return self->busy;
}

const char *
pv_label_editor_get_error (PvLabelEditor *self)
{
  g_return_val_if_fail (PV_IS_LABEL_EDITOR (self), NULL);

  return self->error;
}
