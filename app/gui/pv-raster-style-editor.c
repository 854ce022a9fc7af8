/* pv-raster-style-editor.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pv-raster-style-editor.h"
#include "pv-task.h"

struct _PvRasterStyleEditor
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  AdwComboRow         *mode_row;
  AdwComboRow         *band_row;
  AdwComboRow         *red_row;
  AdwComboRow         *green_row;
  AdwComboRow         *blue_row;
  AdwComboRow         *alpha_row;
  AdwComboRow         *ramp_row;
  AdwActionRow        *ramp_preview_row;
  GtkDrawingArea      *ramp_preview;
  AdwActionRow        *invert_row;
  GtkSwitch           *invert_switch;
  AdwComboRow         *stretch_row;
  AdwActionRow        *low_percent_row;
  GtkSpinButton       *low_percent_spin;
  AdwActionRow        *high_percent_row;
  GtkSpinButton       *high_percent_spin;
  AdwActionRow        *min_row;
  GtkSpinButton       *min_spin;
  AdwActionRow        *max_row;
  GtkSpinButton       *max_spin;
  AdwComboRow         *resampling_row;
  AdwActionRow        *error_row;

  PvRasterLayer       *layer;
  PvRasterMode         modes[4];   /* mode_row position → mode */
  guint                n_modes;
  gboolean             updating;   /* filling the widgets: no apply */

  /* One style is applied at a time, so they land in the order asked. */
  GCancellable        *cancellable;
  gboolean             running;
  PvRasterStyle       *pending;
};

G_DEFINE_FINAL_TYPE (PvRasterStyleEditor, pv_raster_style_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_LAYER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In the order of PvRasterStretch and PvRasterResampling. */
static const char * const stretch_names[] = {
  N_("None"), N_("Minimum to maximum"), N_("Percentiles"), N_("Custom range"),
};
static const char * const resampling_names[] = {
  N_("Automatic"), N_("Nearest neighbour"), N_("Bilinear"), N_("Cubic"), N_("Average"),
};

static const char *
mode_name (PvRasterMode mode)
{
  switch (mode)
    {
    case PV_RASTER_MODE_RGB:
      return _("RGB band mapping");
    case PV_RASTER_MODE_GREY:
      return _("Single band grey");
    case PV_RASTER_MODE_PSEUDOCOLOR:
      return _("Single band pseudocolour");
    case PV_RASTER_MODE_PALETTE:
    default:
      return _("Palette (colour table)");
    }
}

static PvRasterMode
current_mode (PvRasterStyleEditor *self)
{
  guint position = adw_combo_row_get_selected (self->mode_row);

  return position < self->n_modes ? self->modes[position] : PV_RASTER_MODE_GREY;
}

/* The band a row selects (1-based); the alpha row's first entry is none. */
static int
selected_band (AdwComboRow *row,
               gboolean     with_none)
{
  guint position = adw_combo_row_get_selected (row);

  if (position == GTK_INVALID_LIST_POSITION)
    return with_none ? 0 : 1;
  return with_none ? (int) position : (int) position + 1;
}

static void
select_band (AdwComboRow *row,
             int          band,
             gboolean     with_none)
{
  adw_combo_row_set_selected (row, with_none ? (guint) MAX (band, 0) : (guint) MAX (band - 1, 0));
}

/* ---------------------------------------------------------------- applying */

typedef struct
{
  PvRasterLayer *layer;
  PvRasterStyle *style;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_clear_object (&data->layer);
  g_clear_object (&data->style);
  g_free (data);
}

static void
apply_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyData *data = task_data;
  GError *error = NULL;

  if (pv_raster_layer_set_style (data->layer, data->style, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void start_apply (PvRasterStyleEditor *self,
                         PvRasterStyle       *style);

static void
show_error (PvRasterStyleEditor *self,
            const char          *message)
{
  if (message == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_row), FALSE);
      return;
    }
  adw_action_row_set_subtitle (self->error_row, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), TRUE);
}

static void
apply_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PvRasterStyleEditor *self = PV_RASTER_STYLE_EDITOR (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(PvRasterStyle) pending = NULL;

  self->running = FALSE;
  /* Disposed meanwhile: nothing to show, nothing more to apply. */
  if (self->error_row == NULL)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
    }
  else
    show_error (self, NULL);

  if ((pending = g_steal_pointer (&self->pending)) != NULL)
    start_apply (self, pending);
}

static void
start_apply (PvRasterStyleEditor *self,
             PvRasterStyle       *style)
{
  g_autoptr(GTask) task = NULL;
  ApplyData *data;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;

  data = g_new0 (ApplyData, 1);
  data->layer = g_object_ref (self->layer);
  data->style = g_object_ref (style);
  task = g_task_new (self, self->cancellable, apply_done_cb, NULL);
  g_task_set_source_tag (task, start_apply);
  g_task_set_name (task, "[planviewer] raster style");
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);
  pv_task_run_in_thread (task, apply_worker);
}

/* The style the widgets describe, or NULL (and a message) when they do not
 * make one. */
static PvRasterStyle *
build_style (PvRasterStyleEditor  *self,
             char                **message)
{
  g_autoptr(PvRasterStyle) style = NULL;
  PvRasterMode mode = current_mode (self);
  PvRasterStretch stretch = adw_combo_row_get_selected (self->stretch_row);
  guint ramp = adw_combo_row_get_selected (self->ramp_row);
  guint resampling = adw_combo_row_get_selected (self->resampling_row);

  switch (mode)
    {
    case PV_RASTER_MODE_RGB:
      style = pv_raster_style_new_rgb (selected_band (self->red_row, FALSE),
                                       selected_band (self->green_row, FALSE),
                                       selected_band (self->blue_row, FALSE),
                                       selected_band (self->alpha_row, TRUE));
      break;
    case PV_RASTER_MODE_PSEUDOCOLOR:
      style = pv_raster_style_new_pseudocolor (selected_band (self->band_row, FALSE),
                                               ramp < PV_N_COLOR_RAMPS ? ramp : PV_COLOR_RAMP_GREYS,
                                               gtk_switch_get_active (self->invert_switch));
      break;
    case PV_RASTER_MODE_PALETTE:
      style = pv_raster_style_new_palette (selected_band (self->band_row, FALSE));
      break;
    case PV_RASTER_MODE_GREY:
    default:
      style = pv_raster_style_new_grey (selected_band (self->band_row, FALSE));
      break;
    }

  if (mode != PV_RASTER_MODE_PALETTE && stretch <= PV_RASTER_STRETCH_USER)
    {
      double low = 0, high = 0;

      if (stretch == PV_RASTER_STRETCH_PERCENTILE)
        {
          low = gtk_spin_button_get_value (self->low_percent_spin);
          high = gtk_spin_button_get_value (self->high_percent_spin);
          if (!(low < high))
            {
              *message = g_strdup (_("The low percentile must be below the high one."));
              return NULL;
            }
        }
      else if (stretch == PV_RASTER_STRETCH_USER)
        {
          low = gtk_spin_button_get_value (self->min_spin);
          high = gtk_spin_button_get_value (self->max_spin);
          if (!(low < high))
            {
              *message = g_strdup (_("The minimum must be below the maximum."));
              return NULL;
            }
        }
      pv_raster_style_set_stretch (style, stretch, low, high);
    }
  if (resampling <= PV_RASTER_RESAMPLING_AVERAGE)
    pv_raster_style_set_resampling (style, resampling);
  return g_steal_pointer (&style);
}

static void
update_visibility (PvRasterStyleEditor *self)
{
  PvRasterMode mode = current_mode (self);
  PvRasterStretch stretch = adw_combo_row_get_selected (self->stretch_row);
  gboolean rgb = mode == PV_RASTER_MODE_RGB;
  gboolean pseudo = mode == PV_RASTER_MODE_PSEUDOCOLOR;
  gboolean stretched = mode != PV_RASTER_MODE_PALETTE;

  gtk_widget_set_visible (GTK_WIDGET (self->band_row), !rgb);
  gtk_widget_set_visible (GTK_WIDGET (self->red_row), rgb);
  gtk_widget_set_visible (GTK_WIDGET (self->green_row), rgb);
  gtk_widget_set_visible (GTK_WIDGET (self->blue_row), rgb);
  gtk_widget_set_visible (GTK_WIDGET (self->alpha_row), rgb);
  gtk_widget_set_visible (GTK_WIDGET (self->ramp_row), pseudo);
  gtk_widget_set_visible (GTK_WIDGET (self->ramp_preview_row), pseudo);
  gtk_widget_set_visible (GTK_WIDGET (self->invert_row), pseudo);
  gtk_widget_set_visible (GTK_WIDGET (self->stretch_row), stretched);
  gtk_widget_set_visible (GTK_WIDGET (self->low_percent_row),
                          stretched && stretch == PV_RASTER_STRETCH_PERCENTILE);
  gtk_widget_set_visible (GTK_WIDGET (self->high_percent_row),
                          stretched && stretch == PV_RASTER_STRETCH_PERCENTILE);
  gtk_widget_set_visible (GTK_WIDGET (self->min_row), stretched && stretch == PV_RASTER_STRETCH_USER);
  gtk_widget_set_visible (GTK_WIDGET (self->max_row), stretched && stretch == PV_RASTER_STRETCH_USER);
  gtk_widget_queue_draw (GTK_WIDGET (self->ramp_preview));
}

/* Something changed: show what fits the mode and apply the new style. */
static void
changed (PvRasterStyleEditor *self)
{
  g_autoptr(PvRasterStyle) style = NULL;
  g_autofree char *message = NULL;

  if (self->updating)
    return;
  update_visibility (self);
  if (!(style = build_style (self, &message)))
    {
      show_error (self, message);
      return;
    }
  if (self->running)
    {
      /* The one in flight is outdated: stop it, then apply this one. */
      g_cancellable_cancel (self->cancellable);
      g_set_object (&self->pending, style);
      return;
    }
  start_apply (self, style);
}

static void
stretch_changed_cb (PvRasterStyleEditor *self)
{
  double min, max;

  /* A custom range starts from the one in use. */
  if (!self->updating &&
      adw_combo_row_get_selected (self->stretch_row) == PV_RASTER_STRETCH_USER &&
      pv_raster_layer_get_stretch_range (self->layer, 0, &min, &max))
    {
      self->updating = TRUE;
      gtk_spin_button_set_value (self->min_spin, min);
      gtk_spin_button_set_value (self->max_spin, max);
      self->updating = FALSE;
    }
  changed (self);
}

/* ---------------------------------------------------------------- filling */

static void
draw_ramp (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  PvRasterStyleEditor *self = PV_RASTER_STYLE_EDITOR (user_data);
  guint ramp = adw_combo_row_get_selected (self->ramp_row);
  gboolean inverted = gtk_switch_get_active (self->invert_switch);

  if (ramp >= PV_N_COLOR_RAMPS || width <= 0)
    return;
  for (int x = 0; x < width; x++)
    {
      double rgb[3];

      pv_color_ramp_get_color (ramp, width > 1 ? (double) x / (width - 1) : 0.0, inverted, rgb);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_rectangle (cr, x, 0, 1, height);
      cairo_fill (cr);
    }
}

static GListModel *
band_model (PvRasterLayer *layer,
            gboolean       with_none)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  int n = pv_raster_layer_get_n_bands (layer);

  if (with_none)
    gtk_string_list_append (list, C_("alpha band", "None"));
  for (int b = 1; b <= n; b++)
    {
      g_autofree char *label = NULL;

      /* translators: a band number, its colour interpretation (e.g. "Red",
       * "Gray", "Palette", as GDAL names them) and its data type ("Byte") */
      label = g_strdup_printf (_("Band %d (%s, %s)"), b,
                               pv_raster_layer_get_band_color_name (layer, b),
                               pv_raster_layer_get_band_data_type_name (layer, b));
      gtk_string_list_append (list, label);
    }
  return G_LIST_MODEL (list);
}

static void
fill (PvRasterStyleEditor *self)
{
  g_autoptr(PvRasterStyle) style = pv_raster_layer_dup_style (self->layer);
  g_autoptr(GtkStringList) modes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) ramps = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) stretches = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) resamplings = gtk_string_list_new (NULL);
  PvRasterMode mode = pv_raster_style_get_mode (style);
  int n_bands = pv_raster_layer_get_n_bands (self->layer);
  gboolean has_table = FALSE;
  double low, high, min, max;

  self->updating = TRUE;

  for (int b = 1; b <= n_bands && !has_table; b++)
    has_table = pv_raster_layer_band_has_color_table (self->layer, b);
  self->n_modes = 0;
  self->modes[self->n_modes++] = PV_RASTER_MODE_RGB;
  self->modes[self->n_modes++] = PV_RASTER_MODE_GREY;
  self->modes[self->n_modes++] = PV_RASTER_MODE_PSEUDOCOLOR;
  if (has_table || mode == PV_RASTER_MODE_PALETTE)
    self->modes[self->n_modes++] = PV_RASTER_MODE_PALETTE;
  for (guint i = 0; i < self->n_modes; i++)
    gtk_string_list_append (modes, mode_name (self->modes[i]));
  adw_combo_row_set_model (self->mode_row, G_LIST_MODEL (modes));
  for (guint i = 0; i < self->n_modes; i++)
    if (self->modes[i] == mode)
      adw_combo_row_set_selected (self->mode_row, i);

  {
    AdwComboRow *rows[] = { self->band_row, self->red_row, self->green_row, self->blue_row };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_autoptr(GListModel) model = band_model (self->layer, FALSE);

        adw_combo_row_set_model (rows[i], model);
      }
    {
      g_autoptr(GListModel) model = band_model (self->layer, TRUE);

      adw_combo_row_set_model (self->alpha_row, model);
    }
  }
  if (mode == PV_RASTER_MODE_RGB)
    {
      select_band (self->red_row, pv_raster_style_get_band (style, 0), FALSE);
      select_band (self->green_row, pv_raster_style_get_band (style, 1), FALSE);
      select_band (self->blue_row, pv_raster_style_get_band (style, 2), FALSE);
      select_band (self->alpha_row, pv_raster_style_get_band (style, 3), TRUE);
      select_band (self->band_row, pv_raster_style_get_band (style, 0), FALSE);
    }
  else
    {
      int band = pv_raster_style_get_band (style, 0);

      select_band (self->band_row, band, FALSE);
      /* Switching to RGB starts from the bands in order. */
      select_band (self->red_row, 1, FALSE);
      select_band (self->green_row, MIN (2, n_bands), FALSE);
      select_band (self->blue_row, MIN (3, n_bands), FALSE);
      select_band (self->alpha_row, 0, TRUE);
    }

  for (guint i = 0; i < PV_N_COLOR_RAMPS; i++)
    gtk_string_list_append (ramps, pv_color_ramp_get_display_name (i));
  adw_combo_row_set_model (self->ramp_row, G_LIST_MODEL (ramps));
  adw_combo_row_set_selected (self->ramp_row, mode == PV_RASTER_MODE_PSEUDOCOLOR
                                              ? pv_raster_style_get_ramp (style)
                                              : PV_COLOR_RAMP_TERRAIN);
  gtk_switch_set_active (self->invert_switch, pv_raster_style_get_inverted (style));

  for (guint i = 0; i < G_N_ELEMENTS (stretch_names); i++)
    gtk_string_list_append (stretches, _(stretch_names[i]));
  adw_combo_row_set_model (self->stretch_row, G_LIST_MODEL (stretches));
  /* A palette is never stretched; for the other modes, start with min/max. */
  adw_combo_row_set_selected (self->stretch_row, mode == PV_RASTER_MODE_PALETTE
                                                 ? PV_RASTER_STRETCH_MIN_MAX
                                                 : pv_raster_style_get_stretch (style));
  pv_raster_style_get_percentiles (style, &low, &high);
  gtk_spin_button_set_value (self->low_percent_spin, low);
  gtk_spin_button_set_value (self->high_percent_spin, high);
  if (pv_raster_style_get_stretch (style) == PV_RASTER_STRETCH_USER)
    pv_raster_style_get_channel_range (style, 0, &min, &max);
  else if (!pv_raster_layer_get_stretch_range (self->layer, 0, &min, &max))
    min = 0, max = 255;
  gtk_spin_button_set_value (self->min_spin, min);
  gtk_spin_button_set_value (self->max_spin, max);

  for (guint i = 0; i < G_N_ELEMENTS (resampling_names); i++)
    gtk_string_list_append (resamplings, _(resampling_names[i]));
  adw_combo_row_set_model (self->resampling_row, G_LIST_MODEL (resamplings));
  adw_combo_row_set_selected (self->resampling_row, pv_raster_style_get_resampling (style));

  self->updating = FALSE;
  update_visibility (self);
}

/* ---------------------------------------------------------------- GObject */

static void
pv_raster_style_editor_constructed (GObject *object)
{
  PvRasterStyleEditor *self = PV_RASTER_STYLE_EDITOR (object);

  G_OBJECT_CLASS (pv_raster_style_editor_parent_class)->constructed (object);

  g_return_if_fail (PV_IS_RASTER_LAYER (self->layer));
  fill (self);
}

static void
pv_raster_style_editor_dispose (GObject *object)
{
  PvRasterStyleEditor *self = PV_RASTER_STYLE_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->pending);
  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_RASTER_STYLE_EDITOR);

  G_OBJECT_CLASS (pv_raster_style_editor_parent_class)->dispose (object);
}

static void
pv_raster_style_editor_finalize (GObject *object)
{
  PvRasterStyleEditor *self = PV_RASTER_STYLE_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (pv_raster_style_editor_parent_class)->finalize (object);
}

static void
pv_raster_style_editor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PvRasterStyleEditor *self = PV_RASTER_STYLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      g_value_set_object (value, self->layer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_raster_style_editor_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PvRasterStyleEditor *self = PV_RASTER_STYLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      self->layer = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_raster_style_editor_class_init (PvRasterStyleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pv_raster_style_editor_constructed;
  object_class->dispose = pv_raster_style_editor_dispose;
  object_class->finalize = pv_raster_style_editor_finalize;
  object_class->get_property = pv_raster_style_editor_get_property;
  object_class->set_property = pv_raster_style_editor_set_property;

  properties[PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL,
                         PV_TYPE_RASTER_LAYER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-raster-style-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, mode_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, band_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, red_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, green_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, blue_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, alpha_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, ramp_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, ramp_preview_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, ramp_preview);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, invert_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, invert_switch);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, stretch_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, low_percent_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, low_percent_spin);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, high_percent_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, high_percent_spin);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, min_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, min_spin);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, max_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, max_spin);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, resampling_row);
  gtk_widget_class_bind_template_child (widget_class, PvRasterStyleEditor, error_row);
}

static void
pv_raster_style_editor_init (PvRasterStyleEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->ramp_preview, draw_ramp, self, NULL);
  g_signal_connect_swapped (self->mode_row, "notify::selected", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->band_row, "notify::selected", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->red_row, "notify::selected", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->green_row, "notify::selected", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->blue_row, "notify::selected", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->alpha_row, "notify::selected", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->ramp_row, "notify::selected", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->invert_switch, "notify::active", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->stretch_row, "notify::selected", G_CALLBACK (stretch_changed_cb), self);
  g_signal_connect_swapped (self->low_percent_spin, "value-changed", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->high_percent_spin, "value-changed", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->min_spin, "value-changed", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->max_spin, "value-changed", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->resampling_row, "notify::selected", G_CALLBACK (changed), self);
}

GtkWidget *
pv_raster_style_editor_new (PvRasterLayer *layer)
{
  g_return_val_if_fail (PV_IS_RASTER_LAYER (layer), NULL);

  return g_object_new (PV_TYPE_RASTER_STYLE_EDITOR, "layer", layer, NULL);
}

PvRasterLayer *
pv_raster_style_editor_get_layer (PvRasterStyleEditor *self)
{
  g_return_val_if_fail (PV_IS_RASTER_STYLE_EDITOR (self), NULL);

  return self->layer;
}

gboolean
pv_raster_style_editor_is_busy (PvRasterStyleEditor *self)
{
  g_return_val_if_fail (PV_IS_RASTER_STYLE_EDITOR (self), FALSE);

  return self->running;
}
