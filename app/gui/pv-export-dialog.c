/* pv-export-dialog.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pv-export.h"
#include "pv-export-dialog.h"
#include "pv-task.h"

/* The delay between a change and the preview it asks for. */
#define RENDER_DELAY_MS 150
/* Grey around the page in the preview, in widget pixels. */
#define PREVIEW_PADDING 24

/* The planning scales offered, after "Fit to frame" and before "Custom". */
static const double planning_scales[] = { 500, 1000, 2000, 5000, 10000, 25000, 50000 };
#define SCALE_FIT    0
#define SCALE_CUSTOM (G_N_ELEMENTS (planning_scales) + 1)

struct _PvExportDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkWidget       *export_button;
  GtkLabel        *error_label;
  GtkWidget       *progress_box;
  GtkProgressBar  *progress_bar;
  GtkWidget       *cancel_export_button;
  GtkDrawingArea  *preview;
  GtkSpinner      *spinner;
  AdwComboRow     *template_row;
  GtkWidget       *save_template_button;
  GtkWidget       *pages_group;
  AdwComboRow     *pages_row;
  AdwComboRow     *bookmark_row;
  AdwComboRow     *paper_row;
  GtkWidget       *width_row;
  GtkWidget       *height_row;
  GtkSpinButton   *width_spin;
  GtkSpinButton   *height_spin;
  AdwComboRow     *orientation_row;
  GtkSpinButton   *margin_spin;
  AdwComboRow     *scale_row;
  GtkWidget       *custom_scale_row;
  GtkSpinButton   *custom_scale_spin;
  GtkSpinButton   *dpi_spin;
  AdwEntryRow     *title_row;
  AdwEntryRow     *subtitle_row;
  AdwEntryRow     *organisation_row;
  AdwEntryRow     *author_row;
  AdwEntryRow     *date_row;
  AdwEntryRow     *notes_row;
  AdwEntryRow     *attribution_row;
  AdwActionRow    *logo_row;
  GtkWidget       *logo_button;
  GtkWidget       *logo_clear_button;
  GtkSwitch       *legend_switch;
  GtkSwitch       *scale_bar_switch;
  GtkSwitch       *north_arrow_switch;
  GtkSwitch       *grid_switch;
  GtkSwitch       *graticule_switch;
  GtkSwitch       *landuse_table_switch;

  PvMap           *map;
  PvPrintLayout   *layout;
  gboolean         has_extent;
  double           extent[4];
  PvExportPages    pages;
  guint            bookmark;

  GtkStringList   *templates;     /* "Default", then the map's layouts */
  GtkStringList   *bookmark_names;
  gboolean         syncing;       /* widgets updated from the model */

  /* The preview */
  guint            render_timeout;
  GCancellable    *render_cancellable;
  cairo_surface_t *preview_surface;
  guint            render_count;

  /* Errors, shown first to last */
  char            *layout_error;
  char            *export_error;
  char            *preview_error;

  /* The export */
  GCancellable    *export_cancellable;
  char            *export_path;
  guint            pulse_id;
  GtkNativeDialog *chooser;
  GtkNativeDialog *logo_chooser;
  gboolean         disposed;
};

G_DEFINE_FINAL_TYPE (PvExportDialog, pv_export_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_render (PvExportDialog *self);

/* Errors */

static const char *
current_error (PvExportDialog *self)
{
  if (self->layout_error != NULL)
    return self->layout_error;
  if (self->export_error != NULL)
    return self->export_error;
  return self->preview_error;
}

static void
update_state (PvExportDialog *self)
{
  const char *error = current_error (self);
  gboolean exporting = self->export_cancellable != NULL;

  gtk_label_set_text (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  gtk_widget_set_sensitive (self->export_button, pv_export_dialog_get_can_export (self));
  gtk_widget_set_visible (self->progress_box, exporting);
}

/* Pages */

static guint
n_bookmarks (PvExportDialog *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (pv_map_get_bookmarks (self->map)));
}

/* The pages of the export (first_only: the first page, for the preview). */
static GPtrArray *
build_pages (PvExportDialog  *self,
             gboolean         first_only,
             GError         **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_export_page_free);
  PvBookmarkList *bookmarks = pv_map_get_bookmarks (self->map);
  guint n = n_bookmarks (self);
  guint first = 0, last = 0;

  if (self->pages == PV_EXPORT_PAGES_VIEW || n == 0)
    {
      g_ptr_array_add (pages, pv_export_page_new (self->has_extent ? self->extent : NULL));
      return g_steal_pointer (&pages);
    }

  if (self->pages == PV_EXPORT_PAGES_ONE_BOOKMARK)
    first = last = MIN (self->bookmark, n - 1);
  else
    {
      first = 0;
      last = first_only ? 0 : n - 1;
    }
  for (guint i = first; i <= last; i++)
    {
      PvExportPage *page = pv_export_page_new_for_bookmark (self->map,
                                                            pv_bookmark_list_get_bookmark (bookmarks, i),
                                                            error);

      if (page == NULL)
        return NULL;
      g_ptr_array_add (pages, page);
    }
  return g_steal_pointer (&pages);
}

/* The preview */

/* The page in the drawing area: the page's aspect, fitted inside the
 * padding, centred (FALSE when the area is too small). */
static gboolean
compute_page_rect (PvExportDialog  *self,
                   graphene_rect_t *rect,
                   double          *page_width_pt,
                   double          *page_height_pt)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->preview));
  int height = gtk_widget_get_height (GTK_WIDGET (self->preview));
  double pw, ph, avail_w, avail_h, k;

  /* The paper shows even when the settings are wrong (a margin too wide). */
  graphene_rect_init (rect, 0, 0, 0, 0);
  pv_print_layout_get_page_size_mm (self->layout, &pw, &ph);
  pw *= 72 / 25.4;
  ph *= 72 / 25.4;
  if (!(pw > 0 && ph > 0))
    return FALSE;
  if (page_width_pt != NULL)
    *page_width_pt = pw;
  if (page_height_pt != NULL)
    *page_height_pt = ph;
  avail_w = width - 2 * PREVIEW_PADDING;
  avail_h = height - 2 * PREVIEW_PADDING;
  if (avail_w < 8 || avail_h < 8)
    return FALSE;
  k = MIN (avail_w / pw, avail_h / ph);
  graphene_rect_init (rect, (width - pw * k) / 2, (height - ph * k) / 2, pw * k, ph * k);
  return TRUE;
}

static void
preview_draw (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  PvExportDialog *self = user_data;
  graphene_rect_t rect;

  cairo_set_source_rgb (cr, 0.55, 0.56, 0.58);
  cairo_paint (cr);
  if (!compute_page_rect (self, &rect, NULL, NULL))
    return;

  /* A soft shadow, then the paper. */
  for (int i = 1; i <= 4; i++)
    {
      cairo_set_source_rgba (cr, 0, 0, 0, 0.07);
      cairo_rectangle (cr, rect.origin.x - i + 3, rect.origin.y - i + 4,
                       rect.size.width + 2 * i, rect.size.height + 2 * i);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, rect.origin.x, rect.origin.y, rect.size.width, rect.size.height);
  cairo_fill (cr);

  if (self->preview_surface != NULL)
    {
      double sw = cairo_image_surface_get_width (self->preview_surface);
      double sh = cairo_image_surface_get_height (self->preview_surface);

      /* A page of another shape waits for its own render. */
      if (fabs (sw / sh - rect.size.width / rect.size.height) < 0.02 * (sw / sh))
        {
          cairo_save (cr);
          cairo_translate (cr, rect.origin.x, rect.origin.y);
          cairo_scale (cr, rect.size.width / sw, rect.size.height / sh);
          cairo_set_source_surface (cr, self->preview_surface, 0, 0);
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
          cairo_paint (cr);
          cairo_restore (cr);
        }
    }
}

typedef struct
{
  PvMap         *map;
  PvPrintLayout *layout;
  PvExportPage  *page;
  int            width_px;
  int            height_px;
  double         page_width_pt;
} RenderData;

static void
render_data_free (RenderData *data)
{
  g_clear_object (&data->map);
  g_clear_object (&data->layout);
  g_clear_pointer (&data->page, pv_export_page_free);
  g_free (data);
}

/* Runs on a worker: the page on an image surface of the preview's size, the
 * map frame at the preview's pixels per inch. */
static void
render_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderData *data = task_data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double k = data->width_px / data->page_width_pt;
  gboolean ok;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, data->width_px, data->height_px);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, k, k);
  ok = pv_export_draw_page (data->map, data->layout, data->page, cr, MAX (1.0, 72.0 * k),
                            NULL, cancellable, &error);
  cairo_destroy (cr);
  if (!ok)
    {
      cairo_surface_destroy (surface);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cairo_surface_flush (surface);
  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void
render_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PvExportDialog *self = PV_EXPORT_DIALOG (source);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer render replaced this one, or the dialog closed. */
  if (self->disposed || g_cancellable_is_cancelled (cancellable) || cancellable != self->render_cancellable)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return;
    }
  g_clear_object (&self->render_cancellable);
  if (self->render_timeout == 0)
    gtk_spinner_stop (self->spinner);

  g_clear_pointer (&self->preview_error, g_free);
  if (surface != NULL)
    {
      g_clear_pointer (&self->preview_surface, cairo_surface_destroy);
      self->preview_surface = surface;
    }
  else
    /* TRANSLATORS: the error of a page preview that could not be drawn */
    self->preview_error = g_strdup_printf (_("The preview failed: %s"), error->message);
  self->render_count++;
  update_state (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

static void
start_render (PvExportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  graphene_rect_t rect;
  RenderData *data;
  double page_width_pt, page_height_pt;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->preview));

  if (self->render_cancellable != NULL)
    {
      g_cancellable_cancel (self->render_cancellable);
      g_clear_object (&self->render_cancellable);
    }
  if (self->layout_error != NULL || !compute_page_rect (self, &rect, &page_width_pt, &page_height_pt))
    {
      gtk_spinner_stop (self->spinner);
      return;
    }

  pages = build_pages (self, TRUE, &error);
  if (pages == NULL)
    {
      g_free (self->preview_error);
      self->preview_error = g_strdup_printf (_("The preview failed: %s"), error->message);
      gtk_spinner_stop (self->spinner);
      update_state (self);
      return;
    }

  data = g_new0 (RenderData, 1);
  data->map = g_object_ref (self->map);
  data->layout = pv_print_layout_copy (self->layout);
  data->page = g_ptr_array_steal_index (pages, 0);
  data->width_px = MAX (1, (int) ceil (rect.size.width * scale));
  data->height_px = MAX (1, (int) ceil (rect.size.height * scale));
  data->page_width_pt = page_width_pt;

  self->render_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  task = g_task_new (self, self->render_cancellable, render_done, NULL);
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);
  pv_task_run_in_thread (task, render_worker);
}

static gboolean
render_timeout_cb (gpointer user_data)
{
  PvExportDialog *self = user_data;

  self->render_timeout = 0;
  start_render (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_render (PvExportDialog *self)
{
  g_clear_handle_id (&self->render_timeout, g_source_remove);
  if (self->layout_error != NULL)
    {
      if (self->render_cancellable != NULL)
        {
          g_cancellable_cancel (self->render_cancellable);
          g_clear_object (&self->render_cancellable);
        }
      gtk_spinner_stop (self->spinner);
      return;
    }
  gtk_spinner_start (self->spinner);
  self->render_timeout = g_timeout_add (RENDER_DELAY_MS, render_timeout_cb, self);
}

static void
preview_resize (GtkDrawingArea *area,
                int             width,
                int             height,
                PvExportDialog *self)
{
  schedule_render (self);
}

/* Settings */

static void
validate_layout (PvExportDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->layout_error, g_free);
  if (!pv_print_layout_validate (self->layout, &error))
    self->layout_error = g_strdup (error->message);
}

static void
sync_scale_from_layout (PvExportDialog *self)
{
  double scale = pv_print_layout_get_scale (self->layout);
  guint selected = adw_combo_row_get_selected (self->scale_row);
  guint position = SCALE_CUSTOM;

  self->syncing = TRUE;
  if (scale == 0)
    position = SCALE_FIT;
  else if (selected != SCALE_CUSTOM ||
           gtk_spin_button_get_value (self->custom_scale_spin) != scale)
    {
      for (guint i = 0; i < G_N_ELEMENTS (planning_scales); i++)
        if (planning_scales[i] == scale)
          position = i + 1;
    }
  if (position == SCALE_CUSTOM)
    gtk_spin_button_set_value (self->custom_scale_spin, scale);
  adw_combo_row_set_selected (self->scale_row, position);
  gtk_widget_set_visible (self->custom_scale_row, position == SCALE_CUSTOM);
  self->syncing = FALSE;
}

static void
layout_notify (PvPrintLayout  *layout,
               GParamSpec     *pspec,
               PvExportDialog *self)
{
  /* A template's name does not show on the page. */
  if (g_strcmp0 (pspec->name, "name") == 0)
    return;
  if (g_strcmp0 (pspec->name, "scale") == 0)
    sync_scale_from_layout (self);
  validate_layout (self);
  g_clear_pointer (&self->export_error, g_free);
  update_state (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
  schedule_render (self);
}

static void
scale_selected (PvExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->scale_row);
  double scale;

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  gtk_widget_set_visible (self->custom_scale_row, selected == SCALE_CUSTOM);
  if (selected == SCALE_FIT)
    scale = 0;
  else if (selected == SCALE_CUSTOM)
    scale = gtk_spin_button_get_value (self->custom_scale_spin);
  else
    scale = planning_scales[selected - 1];
  g_object_set (self->layout, "scale", scale, NULL);
}

static void
custom_scale_changed (PvExportDialog *self)
{
  if (self->syncing || adw_combo_row_get_selected (self->scale_row) != SCALE_CUSTOM)
    return;
  g_object_set (self->layout, "scale", gtk_spin_button_get_value (self->custom_scale_spin), NULL);
}

static gboolean
enum_to_uint (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  g_value_set_uint (to, (guint) g_value_get_enum (from));
  return TRUE;
}

static gboolean
uint_to_enum (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  guint value = g_value_get_uint (from);

  if (value > PV_PAPER_CUSTOM)
    return FALSE;
  g_value_set_enum (to, (int) value);
  return TRUE;
}

static gboolean
bool_to_uint (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  g_value_set_uint (to, g_value_get_boolean (from) ? 1 : 0);
  return TRUE;
}

static gboolean
uint_to_bool (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  guint value = g_value_get_uint (from);

  if (value > 1)
    return FALSE;
  g_value_set_boolean (to, value == 1);
  return TRUE;
}

static gboolean
paper_is_custom (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == PV_PAPER_CUSTOM);
  return TRUE;
}

static gboolean
logo_to_subtitle (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  const char *path = g_value_get_string (from);

  if (path == NULL || *path == '\0')
    g_value_set_string (to, _("None"));
  else
    g_value_take_string (to, g_path_get_basename (path));
  return TRUE;
}

static gboolean
string_is_set (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_boolean (to, text != NULL && *text != '\0');
  return TRUE;
}

static void
bind_settings (PvExportDialog *self)
{
  const GBindingFlags both = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;
  const struct
  {
    const char *property;
    gpointer    widget;
    const char *widget_property;
  } direct[] = {
    { "width-mm", self->width_spin, "value" },
    { "height-mm", self->height_spin, "value" },
    { "margin-mm", self->margin_spin, "value" },
    { "dpi", self->dpi_spin, "value" },
    { "title", self->title_row, "text" },
    { "subtitle", self->subtitle_row, "text" },
    { "organisation", self->organisation_row, "text" },
    { "author", self->author_row, "text" },
    { "date", self->date_row, "text" },
    { "notes", self->notes_row, "text" },
    { "attribution", self->attribution_row, "text" },
    { "show-legend", self->legend_switch, "active" },
    { "show-scale-bar", self->scale_bar_switch, "active" },
    { "show-north-arrow", self->north_arrow_switch, "active" },
    { "show-grid", self->grid_switch, "active" },
    { "show-graticule", self->graticule_switch, "active" },
    { "show-landuse-table", self->landuse_table_switch, "active" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (direct); i++)
    g_object_bind_property (self->layout, direct[i].property, direct[i].widget, direct[i].widget_property, both);

  g_object_bind_property_full (self->layout, "paper", self->paper_row, "selected", both,
                               enum_to_uint, uint_to_enum, NULL, NULL);
  g_object_bind_property_full (self->layout, "paper", self->width_row, "visible", G_BINDING_SYNC_CREATE,
                               paper_is_custom, NULL, NULL, NULL);
  g_object_bind_property_full (self->layout, "paper", self->height_row, "visible", G_BINDING_SYNC_CREATE,
                               paper_is_custom, NULL, NULL, NULL);
  g_object_bind_property_full (self->layout, "landscape", self->orientation_row, "selected", both,
                               bool_to_uint, uint_to_bool, NULL, NULL);
  g_object_bind_property_full (self->layout, "logo-path", self->logo_row, "subtitle", G_BINDING_SYNC_CREATE,
                               logo_to_subtitle, NULL, NULL, NULL);
  g_object_bind_property_full (self->layout, "logo-path", self->logo_clear_button, "sensitive",
                               G_BINDING_SYNC_CREATE, string_is_set, NULL, NULL, NULL);

  sync_scale_from_layout (self);
  g_signal_connect_object (self->scale_row, "notify::selected", G_CALLBACK (scale_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->custom_scale_spin, "value-changed", G_CALLBACK (custom_scale_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layout, "notify", G_CALLBACK (layout_notify), self, 0);
}

/* Templates */

static void
rebuild_templates (PvExportDialog *self)
{
  GListModel *layouts = pv_map_get_layouts (self->map);
  guint n = g_list_model_get_n_items (layouts);
  const char *current = pv_print_layout_get_name (self->layout);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;

  g_ptr_array_add (names, g_strdup (C_("print layout", "Default")));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PvPrintLayout) layout = g_list_model_get_item (layouts, i);
      const char *name = pv_print_layout_get_name (layout);

      g_ptr_array_add (names, g_strdup (*name != '\0' ? name : _("Unnamed")));
      if (selected == 0 && *current != '\0' && strcmp (name, current) == 0)
        selected = i + 1;
    }
  g_ptr_array_add (names, NULL);

  self->syncing = TRUE;
  gtk_string_list_splice (self->templates, 0, g_list_model_get_n_items (G_LIST_MODEL (self->templates)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->template_row, selected);
  self->syncing = FALSE;
}

static void
template_selected (PvExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->template_row);

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected == 0)
    {
      g_autoptr(PvPrintLayout) defaults = pv_print_layout_new ();

      pv_print_layout_assign (self->layout, defaults);
    }
  else
    pv_export_dialog_load_template (self, selected - 1);
}

void
pv_export_dialog_load_template (PvExportDialog *self,
                                guint           position)
{
  g_autoptr(PvPrintLayout) layout = NULL;

  g_return_if_fail (PV_IS_EXPORT_DIALOG (self));

  layout = g_list_model_get_item (pv_map_get_layouts (self->map), position);
  g_return_if_fail (layout != NULL);
  pv_print_layout_assign (self->layout, layout);
  self->syncing = TRUE;
  adw_combo_row_set_selected (self->template_row, position + 1);
  self->syncing = FALSE;
}

void
pv_export_dialog_save_template (PvExportDialog *self,
                                const char     *name)
{
  GListModel *layouts;
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PvPrintLayout) copy = NULL;
  g_autofree char *stripped = NULL;
  gboolean replaced = FALSE;
  guint n;

  g_return_if_fail (PV_IS_EXPORT_DIALOG (self));
  g_return_if_fail (name != NULL);

  stripped = g_strstrip (g_strdup (name));
  g_return_if_fail (*stripped != '\0');

  g_object_set (self->layout, "name", stripped, NULL);
  copy = pv_print_layout_copy (self->layout);
  layouts = pv_map_get_layouts (self->map);
  n = g_list_model_get_n_items (layouts);
  for (guint i = 0; i < n; i++)
    {
      PvPrintLayout *layout = g_list_model_get_item (layouts, i);

      if (!replaced && strcmp (pv_print_layout_get_name (layout), stripped) == 0)
        {
          g_object_unref (layout);
          layout = g_object_ref (copy);
          replaced = TRUE;
        }
      g_ptr_array_add (saved, layout);
    }
  if (!replaced)
    g_ptr_array_add (saved, g_object_ref (copy));
  pv_map_set_layouts (self->map, saved);
}

static void
template_entry_changed (GtkEditable      *entry,
                        AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

static void
template_response (AdwMessageDialog *dialog,
                   const char       *response,
                   PvExportDialog   *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "save") == 0)
    {
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

      if (*name != '\0')
        pv_export_dialog_save_template (self, name);
    }
}

static void
save_template_clicked (PvExportDialog *self)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  const char *name = pv_print_layout_get_name (self->layout);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save as Template"),
                                                       _("The settings are saved in the project under this name; a template of the same name is replaced.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Template name"));
  gtk_editable_set_text (GTK_EDITABLE (entry), *name != '\0' ? name : pv_print_layout_get_text (self->layout, "title"));
  adw_message_dialog_set_extra_child (dialog, entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (template_entry_changed), dialog, 0);
  template_entry_changed (GTK_EDITABLE (entry), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (template_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What to export */

static void
rebuild_bookmarks (PvExportDialog *self)
{
  PvBookmarkList *bookmarks = pv_map_get_bookmarks (self->map);
  guint n = n_bookmarks (self);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, (gpointer) pv_bookmark_get_name (pv_bookmark_list_get_bookmark (bookmarks, i)));
  g_ptr_array_add (names, NULL);

  self->syncing = TRUE;
  gtk_string_list_splice (self->bookmark_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->bookmark_names)),
                          (const char * const *) names->pdata);
  if (n > 0)
    adw_combo_row_set_selected (self->bookmark_row, MIN (self->bookmark, n - 1));
  self->syncing = FALSE;

  gtk_widget_set_visible (self->pages_group, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->bookmark_row), n > 0 && self->pages == PV_EXPORT_PAGES_ONE_BOOKMARK);
  if (n == 0 && self->pages != PV_EXPORT_PAGES_VIEW)
    pv_export_dialog_set_pages (self, PV_EXPORT_PAGES_VIEW);
  else
    schedule_render (self);
}

static void
pages_selected (PvExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->pages_row);

  if (self->syncing || selected > PV_EXPORT_PAGES_ONE_BOOKMARK)
    return;
  pv_export_dialog_set_pages (self, (PvExportPages) selected);
}

static void
bookmark_selected (PvExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->bookmark_row);

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  pv_export_dialog_set_bookmark (self, selected);
}

void
pv_export_dialog_set_pages (PvExportDialog *self,
                            PvExportPages   pages)
{
  g_return_if_fail (PV_IS_EXPORT_DIALOG (self));
  g_return_if_fail (pages <= PV_EXPORT_PAGES_ONE_BOOKMARK);

  self->pages = pages;
  self->syncing = TRUE;
  adw_combo_row_set_selected (self->pages_row, pages);
  self->syncing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->bookmark_row),
                          n_bookmarks (self) > 0 && pages == PV_EXPORT_PAGES_ONE_BOOKMARK);
  g_clear_pointer (&self->export_error, g_free);
  g_clear_pointer (&self->preview_error, g_free);
  update_state (self);
  schedule_render (self);
}

PvExportPages
pv_export_dialog_get_pages (PvExportDialog *self)
{
  g_return_val_if_fail (PV_IS_EXPORT_DIALOG (self), PV_EXPORT_PAGES_VIEW);
  return self->pages;
}

void
pv_export_dialog_set_bookmark (PvExportDialog *self,
                               guint           position)
{
  g_return_if_fail (PV_IS_EXPORT_DIALOG (self));

  self->bookmark = position;
  self->syncing = TRUE;
  adw_combo_row_set_selected (self->bookmark_row, position);
  self->syncing = FALSE;
  if (self->pages == PV_EXPORT_PAGES_ONE_BOOKMARK)
    {
      g_clear_pointer (&self->preview_error, g_free);
      update_state (self);
      schedule_render (self);
    }
}

/* The logo */

static void
logo_chooser_response (GtkNativeDialog *chooser,
                       int              response,
                       PvExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_object_set (self->layout, "logo-path", path, NULL);
    }
  g_clear_object (&self->logo_chooser);
}

static void
logo_clicked (PvExportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->logo_chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Choose a Logo"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images (PNG, JPEG, SVG)"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  self->logo_chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (logo_chooser_response), self, 0);
  gtk_native_dialog_show (self->logo_chooser);
}

static void
logo_clear_clicked (PvExportDialog *self)
{
  g_object_set (self->layout, "logo-path", "", NULL);
}

/* The export */

static gboolean
pulse_cb (gpointer user_data)
{
  PvExportDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  if (widget == NULL)
    return NULL;
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *overlay = find_toast_overlay (child);

      if (overlay != NULL)
        return overlay;
    }
  return NULL;
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PvExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean ok = pv_export_write_finish (result, &error);

  if (self->disposed)
    return;

  path = g_steal_pointer (&self->export_path);
  g_clear_object (&self->export_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);

  if (ok)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
      AdwToastOverlay *overlay = find_toast_overlay (GTK_WIDGET (parent));

      g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, path);
      if (overlay != NULL)
        {
          g_autofree char *name = g_filename_display_basename (path);
          /* TRANSLATORS: a toast after an export, %s is the file name */
          g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);

          adw_toast_overlay_add_toast (overlay, adw_toast_new (text));
        }
      update_state (self);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  g_free (self->export_error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->export_error = g_strdup (_("The export was stopped; no file was written."));
  else
    self->export_error = g_strdup (error->message);
  update_state (self);
}

gboolean
pv_export_dialog_export_to_path (PvExportDialog *self,
                                 const char     *path)
{
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  PvExportFormat format;

  g_return_val_if_fail (PV_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!pv_export_dialog_get_can_export (self))
    return FALSE;

  g_clear_pointer (&self->export_error, g_free);
  if (!pv_export_format_from_path (path, &format))
    {
      g_autofree char *name = g_filename_display_basename (path);

      self->export_error = g_strdup_printf (_("“%s” does not end in .pdf, .png or .svg: the format of the export is unknown."), name);
      update_state (self);
      return FALSE;
    }
  pages = build_pages (self, FALSE, &error);
  if (pages == NULL)
    {
      self->export_error = g_strdup (error->message);
      update_state (self);
      return FALSE;
    }

  self->export_cancellable = g_cancellable_new ();
  self->export_path = g_strdup (path);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  self->pulse_id = g_timeout_add (100, pulse_cb, self);
  update_state (self);
  pv_export_write_async (self->map, self->layout, pages, format, path, self->export_cancellable,
                         export_done, g_object_ref (self));
  return TRUE;
}

static void
export_chooser_response (GtkNativeDialog *chooser,
                         int              response,
                         PvExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      PvExportFormat format;

      if (path != NULL && !pv_export_format_from_path (path, &format))
        {
          GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
          const char *extension = filter != NULL ? g_object_get_data (G_OBJECT (filter), "pv-extension") : NULL;
          char *with_extension = g_strconcat (path, extension != NULL ? extension : ".pdf", NULL);

          g_free (path);
          path = with_extension;
        }
      if (path != NULL)
        pv_export_dialog_export_to_path (self, path);
    }
  g_clear_object (&self->chooser);
}

static char *
suggest_file_name (PvExportDialog *self)
{
  g_autofree char *title = g_strstrip (g_strdup (pv_print_layout_get_text (self->layout, "title")));

  if (*title == '\0')
    {
      g_free (title);
      /* TRANSLATORS: the file name suggested for an export without a title */
      title = g_strdup (C_("file name", "map"));
    }
  g_strdelimit (title, "/\\:*?\"<>|", '-');
  return g_strconcat (title, ".pdf", NULL);
}

static void
export_clicked (PvExportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  const struct
  {
    const char *name;
    const char *mime_type;
    const char *extension;
  } formats[] = {
    { N_("PDF document"), "application/pdf", ".pdf" },
    { N_("PNG image (georeferenced)"), "image/png", ".png" },
    { N_("SVG drawing"), "image/svg+xml", ".svg" },
  };

  if (self->chooser != NULL || !pv_export_dialog_get_can_export (self))
    return;
  chooser = gtk_file_chooser_native_new (_("Export Map"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(formats[i].name));
      gtk_file_filter_add_mime_type (filter, formats[i].mime_type);
      gtk_file_filter_add_suffix (filter, formats[i].extension + 1);
      g_object_set_data (G_OBJECT (filter), "pv-extension", (gpointer) formats[i].extension);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  name = suggest_file_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chooser_response), self, 0);
  gtk_native_dialog_show (self->chooser);
}

void
pv_export_dialog_cancel_export (PvExportDialog *self)
{
  g_return_if_fail (PV_IS_EXPORT_DIALOG (self));

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

/* The object */

static void
pv_export_dialog_dispose (GObject *object)
{
  PvExportDialog *self = PV_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  g_clear_handle_id (&self->render_timeout, g_source_remove);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  if (self->logo_chooser != NULL)
    gtk_native_dialog_destroy (self->logo_chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->logo_chooser);
  g_clear_object (&self->render_cancellable);
  g_clear_object (&self->export_cancellable);
  if (self->layout != NULL)
    g_signal_handlers_disconnect_by_data (self->layout, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (pv_export_dialog_parent_class)->dispose (object);
}

static void
pv_export_dialog_finalize (GObject *object)
{
  PvExportDialog *self = PV_EXPORT_DIALOG (object);

  g_clear_object (&self->map);
  g_clear_object (&self->layout);
  g_clear_object (&self->templates);
  g_clear_object (&self->bookmark_names);
  g_clear_pointer (&self->preview_surface, cairo_surface_destroy);
  g_clear_pointer (&self->layout_error, g_free);
  g_clear_pointer (&self->export_error, g_free);
  g_clear_pointer (&self->preview_error, g_free);
  g_clear_pointer (&self->export_path, g_free);

  G_OBJECT_CLASS (pv_export_dialog_parent_class)->finalize (object);
}

static void
pv_export_dialog_class_init (PvExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_export_dialog_dispose;
  object_class->finalize = pv_export_dialog_finalize;

  /* Emitted when a file was written, with its path, before the dialog
   * closes. */
  signals[SIGNAL_EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/planviewer/PlanViewer/ui/pv-export-dialog.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, PvExportDialog, name)
  CHILD (export_button);
  CHILD (error_label);
  CHILD (progress_box);
  CHILD (progress_bar);
  CHILD (cancel_export_button);
  CHILD (preview);
  CHILD (spinner);
  CHILD (template_row);
  CHILD (save_template_button);
  CHILD (pages_group);
  CHILD (pages_row);
  CHILD (bookmark_row);
  CHILD (paper_row);
  CHILD (width_row);
  CHILD (height_row);
  CHILD (width_spin);
  CHILD (height_spin);
  CHILD (orientation_row);
  CHILD (margin_spin);
  CHILD (scale_row);
  CHILD (custom_scale_row);
  CHILD (custom_scale_spin);
  CHILD (dpi_spin);
  CHILD (title_row);
  CHILD (subtitle_row);
  CHILD (organisation_row);
  CHILD (author_row);
  CHILD (date_row);
  CHILD (notes_row);
  CHILD (attribution_row);
  CHILD (logo_row);
  CHILD (logo_button);
  CHILD (logo_clear_button);
  CHILD (legend_switch);
  CHILD (scale_bar_switch);
  CHILD (north_arrow_switch);
  CHILD (grid_switch);
  CHILD (graticule_switch);
  CHILD (landuse_table_switch);
#undef CHILD

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pv_export_dialog_init (PvExportDialog *self)
{
  g_autoptr(GtkStringList) scales = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->layout = pv_print_layout_new ();
  self->templates = gtk_string_list_new (NULL);
  self->bookmark_names = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (self->templates));
  adw_combo_row_set_model (self->bookmark_row, G_LIST_MODEL (self->bookmark_names));

  gtk_string_list_append (scales, _("Fit to frame"));
  for (guint i = 0; i < G_N_ELEMENTS (planning_scales); i++)
    {
      g_autofree char *digits = g_strdup_printf ("%.0f", planning_scales[i]);
      g_autoptr(GString) grouped = g_string_new (NULL);
      gsize len = strlen (digits);
      g_autofree char *label = NULL;

      /* 1:25 000: thousands apart, as plans write them. */
      for (gsize j = 0; j < len; j++)
        {
          if (j > 0 && (len - j) % 3 == 0)
            g_string_append_c (grouped, ' ');
          g_string_append_c (grouped, digits[j]);
        }
      /* TRANSLATORS: a map scale, %s is its denominator */
      label = g_strdup_printf (_("1:%s"), grouped->str);
      gtk_string_list_append (scales, label);
    }
  gtk_string_list_append (scales, C_("map scale", "Custom"));
  adw_combo_row_set_model (self->scale_row, G_LIST_MODEL (scales));
  gtk_spin_button_set_value (self->custom_scale_spin, 10000);

  gtk_drawing_area_set_draw_func (self->preview, preview_draw, self, NULL);
  g_signal_connect_object (self->preview, "resize", G_CALLBACK (preview_resize), self, 0);
  g_signal_connect_object (self->export_button, "clicked", G_CALLBACK (export_clicked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cancel_export_button, "clicked", G_CALLBACK (pv_export_dialog_cancel_export), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->save_template_button, "clicked", G_CALLBACK (save_template_clicked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->logo_button, "clicked", G_CALLBACK (logo_clicked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->logo_clear_button, "clicked", G_CALLBACK (logo_clear_clicked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->template_row, "notify::selected", G_CALLBACK (template_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pages_row, "notify::selected", G_CALLBACK (pages_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bookmark_row, "notify::selected", G_CALLBACK (bookmark_selected), self,
                           G_CONNECT_SWAPPED);

  bind_settings (self);
  validate_layout (self);
}

PvExportDialog *
pv_export_dialog_new (GtkWindow    *parent,
                      PvMap        *map,
                      const double  extent[4])
{
  PvExportDialog *self;
  const char *title;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PV_IS_MAP (map), NULL);

  self = g_object_new (PV_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->map = g_object_ref (map);
  if (extent != NULL)
    {
      self->has_extent = TRUE;
      memcpy (self->extent, extent, sizeof self->extent);
    }

  title = pv_map_get_title (map);
  if (title != NULL)
    g_object_set (self->layout, "title", title, NULL);

  rebuild_templates (self);
  g_signal_connect_object (pv_map_get_layouts (map), "items-changed", G_CALLBACK (rebuild_templates), self,
                           G_CONNECT_SWAPPED);
  rebuild_bookmarks (self);
  g_signal_connect_object (pv_map_get_bookmarks (map), "items-changed", G_CALLBACK (rebuild_bookmarks), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
  schedule_render (self);
  return self;
}

PvPrintLayout *
pv_export_dialog_get_layout (PvExportDialog *self)
{
  g_return_val_if_fail (PV_IS_EXPORT_DIALOG (self), NULL);
  return self->layout;
}

gboolean
pv_export_dialog_get_exporting (PvExportDialog *self)
{
  g_return_val_if_fail (PV_IS_EXPORT_DIALOG (self), FALSE);
  return self->export_cancellable != NULL;
}

gboolean
pv_export_dialog_get_preview_busy (PvExportDialog *self)
{
  g_return_val_if_fail (PV_IS_EXPORT_DIALOG (self), FALSE);
  return self->render_timeout != 0 || self->render_cancellable != NULL;
}

guint
pv_export_dialog_get_render_count (PvExportDialog *self)
{
  g_return_val_if_fail (PV_IS_EXPORT_DIALOG (self), 0);
  return self->render_count;
}

cairo_surface_t *
pv_export_dialog_get_preview_surface (PvExportDialog *self)
{
  g_return_val_if_fail (PV_IS_EXPORT_DIALOG (self), NULL);
  return self->preview_surface;
}

void
pv_export_dialog_get_page_rect (PvExportDialog  *self,
                                graphene_rect_t *rect)
{
  g_return_if_fail (PV_IS_EXPORT_DIALOG (self));
  compute_page_rect (self, rect, NULL, NULL);
}

const char *
pv_export_dialog_get_error (PvExportDialog *self)
{
  g_return_val_if_fail (PV_IS_EXPORT_DIALOG (self), NULL);
  return current_error (self);
}

gboolean
pv_export_dialog_get_can_export (PvExportDialog *self)
{
  g_return_val_if_fail (PV_IS_EXPORT_DIALOG (self), FALSE);
  return self->layout_error == NULL && self->export_cancellable == NULL;
}
