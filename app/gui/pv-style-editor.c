/* pv-style-editor.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pv-qml.h"
#include "pv-style-editor.h"
#include "pv-symbol.h"
#include "pv-symbol-editor.h"
#include "pv-task.h"

/* Edits typed in spin and colour buttons settle before a style is built. */
#define DEBOUNCE_MS 150
/* Rows in the class list; more classes are applied but not listed. */
#define MAX_CLASS_ROWS 200
/* Distinct values an automatic categorized style colours one by one. */
#define MAX_UNIQUE_VALUES 1000
#define SWATCH_WIDTH 32
#define SWATCH_HEIGHT 20

typedef enum
{
  KIND_ROW_SINGLE,
  KIND_ROW_CATEGORIZED,
  KIND_ROW_GRADUATED,
  KIND_ROW_RULE_BASED,
} KindRow;

typedef struct
{
  char            *label;
  char            *filter;
  PvStyleCategory  symbol;  /* symbol fields only */
  char            *error;   /* why the filter failed, or NULL */
} Rule;

/* One style to build (from a recipe, on the worker) and apply. */
typedef struct
{
  PvVectorLayer    *layer;
  PvStyle          *style;       /* ready-made, or NULL: build from the recipe */
  PvStyleKind       kind;
  char             *field;
  guint             field_index;
  gboolean          palette;
  PvClassifyMethod  method;
  guint             n_classes;
  double            from[3];
  double            to[3];
  double            single[3];
  gboolean          has_shared;
  PvStyleCategory   shared;
  GArray           *rule_of_class; /* rule-based: category → rule index */
  gboolean          rebuild_rows;
  char             *import_name;   /* display name of an imported .qml */
  GPtrArray        *notices;       /* what an import approximated */
  /* Results */
  PvStyle          *built;
  int               bad_rule;
  char             *bad_rule_message;
} Job;

struct _PvStyleEditor
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkWidget            *root_box;
  GtkRevealer          *message_revealer;
  GtkWidget            *message_box;
  GtkImage             *message_icon;
  GtkLabel             *message_label;
  GtkSpinner           *spinner;
  GtkWidget            *import_button;
  AdwComboRow          *kind_row;
  AdwComboRow          *field_row;
  GtkStringList        *field_model;
  AdwComboRow          *colors_row;
  AdwComboRow          *method_row;
  GtkWidget            *n_classes_row;
  GtkSpinButton        *n_classes_spin;
  GtkWidget            *ramp_row;
  GtkColorButton       *ramp_from_button;
  GtkColorButton       *ramp_to_button;
  AdwPreferencesGroup  *rules_group;
  AdwPreferencesGroup  *classes_group;
  GtkWidget            *edit_all_button;

  PvVectorLayer        *layer;
  PvGeometryKind        geometry_kind;
  GArray               *field_indices;  /* field_row position → layer field */
  PvStyle              *style;          /* what the editor shows */
  PvStyle              *applied;        /* what the layer was last given */
  GPtrArray            *class_rows;
  GPtrArray            *count_labels;   /* GtkLabel per listed class */
  GtkWidget            *absent_row;     /* palette styles: how many codes are not listed */
  GPtrArray            *swatches;
  GPtrArray            *rules;          /* Rule */
  GPtrArray            *rule_rows;
  PvStyleCategory       shared;
  gboolean              has_shared;
  gboolean              updating;       /* widgets are being set from a style */

  guint                 recipe_timeout;
  guint                 symbol_timeout;
  guint                 rules_timeout;

  GCancellable         *cancellable;
  gboolean              running;
  Job                  *pending;

  GtkWindow            *symbol_window;
  PvSymbolEditor       *symbol_editor;
  guint                 symbol_index;
  GtkFileChooserNative *native;
};

G_DEFINE_FINAL_TYPE (PvStyleEditor, pv_style_editor, GTK_TYPE_WIDGET)

static void rebuild_class_rows (PvStyleEditor *self);
static void rebuild_rule_rows  (PvStyleEditor *self);
static void start_job          (PvStyleEditor *self,
                                Job           *job);

static void
rule_free (Rule *rule)
{
  g_free (rule->label);
  g_free (rule->filter);
  g_free (rule->error);
  g_free (rule);
}

static Rule *
rule_new (const char            *label,
          const char            *filter,
          const PvStyleCategory *symbol)
{
  Rule *rule = g_new0 (Rule, 1);

  rule->label = g_strdup (label);
  rule->filter = g_strdup (filter);
  pv_symbol_editor_copy_fields (&rule->symbol, symbol, FALSE);
  return rule;
}

static void
job_free (Job *job)
{
  g_clear_object (&job->layer);
  g_clear_object (&job->style);
  g_clear_object (&job->built);
  g_free (job->field);
  g_clear_pointer (&job->rule_of_class, g_array_unref);
  g_free (job->import_name);
  g_clear_pointer (&job->notices, g_ptr_array_unref);
  g_free (job->bad_rule_message);
  g_free (job);
}

static Job *
job_new (PvStyleEditor *self)
{
  Job *job = g_new0 (Job, 1);

  job->layer = g_object_ref (self->layer);
  job->bad_rule = -1;
  job->has_shared = self->has_shared;
  job->shared = self->shared;
  return job;
}

static const char *
field_display_name (PvStyleEditor *self,
                    guint          position)
{
  if (position >= self->field_indices->len)
    return NULL;
  return pv_vector_layer_get_field_name (self->layer, g_array_index (self->field_indices, guint, position));
}

/* Messages */

static void
show_message (PvStyleEditor *self,
              const char    *text,
              gboolean       error)
{
  gtk_label_set_text (self->message_label, text);
  gtk_image_set_from_icon_name (self->message_icon, error ? "dialog-error-symbolic" : "dialog-information-symbolic");
  if (error)
    gtk_widget_add_css_class (self->message_box, "error");
  else
    gtk_widget_remove_css_class (self->message_box, "error");
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
}

static void
hide_message (PvStyleEditor *self)
{
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
}

static void
dismiss_clicked_cb (PvStyleEditor *self)
{
  hide_message (self);
}

/* Fields */

static gboolean
looks_like_identifier (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_equal (lower, "id") || g_str_equal (lower, "fid") || g_str_equal (lower, "gid") ||
         g_str_equal (lower, "objectid") || g_str_equal (lower, "ogc_fid") || g_str_has_suffix (lower, "_id");
}

static void
fill_field_model (PvStyleEditor *self,
                  gboolean       numeric_only,
                  const char    *wanted)
{
  guint n_fields = pv_vector_layer_get_n_fields (self->layer);
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->field_model));
  g_autoptr(GPtrArray) names = g_ptr_array_new_null_terminated (n_fields, NULL, TRUE);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_array_set_size (self->field_indices, 0);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *name = pv_vector_layer_get_field_name (self->layer, i);

      if (numeric_only && !pv_vector_layer_field_is_numeric (self->layer, i))
        continue;
      if (g_strcmp0 (name, wanted) == 0)
        selected = self->field_indices->len;
      g_array_append_val (self->field_indices, i);
      g_ptr_array_add (names, (gpointer) name);
    }
  gtk_string_list_splice (self->field_model, 0, old, (const char * const *) names->pdata);
  /* Identifiers make poor classes: prefer another field. */
  for (guint i = 0; selected == GTK_INVALID_LIST_POSITION && i < self->field_indices->len; i++)
    if (!looks_like_identifier (names->pdata[i]))
      selected = i;
  if (selected == GTK_INVALID_LIST_POSITION && self->field_indices->len > 0)
    selected = 0;
  adw_combo_row_set_selected (self->field_row, selected);
}

static KindRow
selected_kind (PvStyleEditor *self)
{
  return adw_combo_row_get_selected (self->kind_row);
}

static void
update_visibility (PvStyleEditor *self)
{
  KindRow kind = selected_kind (self);

  gtk_widget_set_visible (GTK_WIDGET (self->field_row), kind == KIND_ROW_CATEGORIZED || kind == KIND_ROW_GRADUATED);
  gtk_widget_set_visible (GTK_WIDGET (self->colors_row), kind == KIND_ROW_CATEGORIZED);
  gtk_widget_set_visible (GTK_WIDGET (self->method_row), kind == KIND_ROW_GRADUATED);
  gtk_widget_set_visible (self->n_classes_row, kind == KIND_ROW_GRADUATED);
  gtk_widget_set_visible (self->ramp_row, kind == KIND_ROW_GRADUATED);
  gtk_widget_set_visible (GTK_WIDGET (self->rules_group), kind == KIND_ROW_RULE_BASED);
}

static void
rgba_to_rgb (const GdkRGBA *rgba,
             double        *rgb)
{
  rgb[0] = rgba->red;
  rgb[1] = rgba->green;
  rgb[2] = rgba->blue;
}

static void
rgb_to_rgba (const double *rgb,
             GdkRGBA      *rgba)
{
  rgba->red = rgb[0];
  rgba->green = rgb[1];
  rgba->blue = rgb[2];
  rgba->alpha = 1.0;
}

/* Loading what the layer draws with */

static void
rules_from_style (PvStyleEditor *self,
                  PvStyle       *style)
{
  g_ptr_array_set_size (self->rules, 0);
  for (guint i = 0; i < pv_style_get_n_categories (style); i++)
    {
      const PvStyleCategory *c = pv_style_get_category (style, i);

      if (!c->other && c->filter != NULL)
        g_ptr_array_add (self->rules, rule_new (c->label, c->filter, c));
    }
}

static void
load_style (PvStyleEditor *self,
            PvStyle       *style)
{
  PvStyleKind kind = pv_style_get_kind (style);
  guint n = pv_style_get_n_categories (style);
  guint n_classes = 0;

  g_set_object (&self->style, style);
  self->updating = TRUE;
  adw_combo_row_set_selected (self->kind_row, (KindRow) kind);
  fill_field_model (self, kind == PV_STYLE_GRADUATED, pv_style_get_field (style));
  adw_combo_row_set_selected (self->colors_row, pv_style_get_palette_id (style) != NULL ? 0 : 1);
  for (guint i = 0; i < n; i++)
    if (!pv_style_get_category (style, i)->other)
      n_classes++;
  if (kind == PV_STYLE_GRADUATED && n_classes > 0)
    {
      GdkRGBA rgba;

      PvClassifyMethod method;

      gtk_spin_button_set_value (self->n_classes_spin, n_classes);
      if (pv_style_get_method (style, &method))
        adw_combo_row_set_selected (self->method_row, method);
      rgb_to_rgba (pv_style_get_category (style, 0)->fill, &rgba);
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->ramp_from_button), &rgba);
      rgb_to_rgba (pv_style_get_category (style, n_classes - 1)->fill, &rgba);
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->ramp_to_button), &rgba);
    }
  if (kind == PV_STYLE_RULE_BASED)
    rules_from_style (self, style);
  self->updating = FALSE;
  update_visibility (self);
  rebuild_rule_rows (self);
  rebuild_class_rows (self);
}

static PvStyle *
layer_style (PvVectorLayer *layer)
{
  PvStyle *style = pv_vector_layer_dup_style (layer);
  double rgb[3];

  if (style != NULL)
    return style;
  /* No style: the layer's own colour, as a single symbol. */
  pv_layer_get_color (PV_LAYER (layer), rgb);
  return pv_style_new_single (rgb);
}

/* Applying */

static void
set_busy (PvStyleEditor *self,
          gboolean       busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

static void
submit_job (PvStyleEditor *self,
            Job           *job)
{
  if (self->running)
    {
      /* Only the newest edit matters: drop the one waiting, stop the one
       * running, and start this one when it has returned. */
      g_clear_pointer (&self->pending, job_free);
      self->pending = job;
      g_cancellable_cancel (self->cancellable);
      return;
    }
  start_job (self, job);
}

static void
apply_style (PvStyleEditor *self,
             PvStyle       *style,
             gboolean       rebuild_rows)
{
  Job *job = job_new (self);

  job->style = g_object_ref (style);
  job->kind = pv_style_get_kind (style);
  job->has_shared = FALSE;
  job->rebuild_rows = rebuild_rows;
  submit_job (self, job);
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  return end != NULL && *end == '\0' && isfinite (*value);
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  double x = 0, y = 0;

  parse_number (*(const char * const *) a, &x);
  parse_number (*(const char * const *) b, &y);
  return (x > y) - (x < y);
}

static int
compare_text (gconstpointer a,
              gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static char *
source_display_name (PvVectorLayer *layer)
{
  const char *source = pv_layer_get_source (PV_LAYER (layer));

  return source ? g_filename_display_name (source) : g_strdup (pv_layer_get_name (PV_LAYER (layer)));
}

/* A column holds NULL for null values: free it by its length. */
static void
free_column (char  **column,
             guint   n)
{
  if (column == NULL)
    return;
  for (guint i = 0; i < n; i++)
    g_free (column[i]);
  g_free (column);
}

static PvStyle *
build_unique_values (Job           *job,
                     GCancellable  *cancellable,
                     GError       **error)
{
  guint n_features = pv_vector_layer_get_n_features (job->layer);
  char **column = pv_vector_layer_dup_column (job->layer, job->field_index, cancellable, error);
  g_autoptr(GHashTable) seen = NULL;
  g_autofree const char **values = NULL;
  PvStyle *style;
  guint n = 0;

  if (column == NULL)
    return NULL;
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_features; i++)
    if (column[i] != NULL && column[i][0] != '\0')
      g_hash_table_add (seen, column[i]);
  if (g_hash_table_size (seen) > MAX_UNIQUE_VALUES)
    {
      g_autofree char *display = source_display_name (job->layer);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: a file name, a field name, a number. */
                   _("%s: the field “%s” has %u different values, too many to colour one by one; "
                     "try a graduated style"),
                   display, job->field, g_hash_table_size (seen));
      free_column (column, n_features);
      return NULL;
    }
  values = (const char **) g_hash_table_get_keys_as_array (seen, &n);
  qsort (values, n, sizeof (char *),
         pv_vector_layer_field_is_numeric (job->layer, job->field_index) ? compare_numbers : compare_text);
  style = pv_style_new_unique_values (job->field, values, n);
  free_column (column, n_features);
  return style;
}

static PvStyle *
build_graduated (Job           *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  guint n_features = pv_vector_layer_get_n_features (job->layer);
  char **column = pv_vector_layer_dup_column (job->layer, job->field_index, cancellable, error);
  g_autoptr(GArray) values = NULL;
  g_autoptr(GArray) breaks = NULL;
  PvStyle *style;

  if (column == NULL)
    return NULL;
  values = g_array_sized_new (FALSE, FALSE, sizeof (double), n_features);
  for (guint i = 0; i < n_features; i++)
    {
      double v;

      if (parse_number (column[i], &v))
        g_array_append_val (values, v);
    }
  free_column (column, n_features);
  if (values->len == 0)
    {
      g_autofree char *display = source_display_name (job->layer);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("%s: the field “%s” holds no numbers to classify"), display, job->field);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  breaks = pv_style_compute_breaks ((const double *) (gpointer) values->data, values->len,
                                    job->n_classes, job->method);
  style = pv_style_new_graduated (job->field, breaks, job->from, job->to);
  pv_style_set_method (style, job->method);
  return style;
}

static PvStyle *
build_style (Job           *job,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(PvStyle) style = NULL;

  switch (job->kind)
    {
    case PV_STYLE_CATEGORIZED:
      if (job->palette)
        style = pv_style_new_from_palette (PV_PALETTE_VN_LANDUSE, job->field, error);
      else
        style = build_unique_values (job, cancellable, error);
      break;
    case PV_STYLE_GRADUATED:
      style = build_graduated (job, cancellable, error);
      break;
    case PV_STYLE_SINGLE:
    case PV_STYLE_RULE_BASED:
    default:
      style = pv_style_new_single (job->single);
      break;
    }
  if (style == NULL)
    return NULL;
  /* What the user set for all classes survives a new classification. */
  if (job->has_shared)
    for (guint i = 0; i < pv_style_get_n_categories (style); i++)
      {
        PvStyleCategory c = *pv_style_get_category (style, i);

        pv_symbol_editor_copy_fields (&c, &job->shared, TRUE);
        c.fill[3] = job->shared.fill[3];
        pv_style_set_category_symbol (style, i, &c);
      }
  return g_steal_pointer (&style);
}

static void
apply_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;

  if (job->style != NULL)
    job->built = g_object_ref (job->style);
  else if ((job->built = build_style (job, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!pv_vector_layer_set_style (job->layer, job->built, cancellable, &error))
    {
      /* Find the rule to blame: each filter alone. */
      if (pv_style_get_kind (job->built) == PV_STYLE_RULE_BASED &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        for (guint i = 0; i + 1 < pv_style_get_n_categories (job->built); i++)
          {
            const char *filter = pv_style_get_category (job->built, i)->filter;
            g_autoptr(GError) rule_error = NULL;
            g_autoptr(GArray) matches = pv_vector_layer_filter_where (job->layer, filter, cancellable,
                                                                     &rule_error);

            if (matches == NULL)
              {
                job->bad_rule = job->rule_of_class && i < job->rule_of_class->len
                                ? (int) g_array_index (job->rule_of_class, guint, i) : (int) i;
                job->bad_rule_message = g_strdup (rule_error->message);
                break;
              }
          }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
update_counts (PvStyleEditor *self)
{
  g_autoptr(GArray) counts = pv_vector_layer_dup_category_counts (self->layer);
  gboolean match = self->applied != NULL && counts->len == pv_style_get_n_categories (self->applied);

  gboolean palette = match && pv_style_get_palette_id (self->applied) != NULL;
  guint n_absent = 0;

  for (guint i = 0; i < self->count_labels->len; i++)
    {
      g_autofree char *text = NULL;
      gboolean absent = palette && i < counts->len && g_array_index (counts, guint, i) == 0 &&
                        !pv_style_get_category (self->applied, i)->other;

      if (match && i < counts->len)
        text = g_strdup_printf ("%u", g_array_index (counts, guint, i));
      gtk_label_set_text (self->count_labels->pdata[i], text ? text : "");
      /* A palette names some sixty codes; list those the layer uses. */
      gtk_widget_set_visible (self->class_rows->pdata[i], !absent);
      n_absent += absent;
    }
  if (self->absent_row != NULL)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u code of the palette is not in the layer and not listed",
                                                            "%u codes of the palette are not in the layer and not listed",
                                                            n_absent), n_absent);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->absent_row), text);
      gtk_widget_set_visible (self->absent_row, n_absent > 0);
    }
}

static void
apply_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  PvStyleEditor *self = PV_STYLE_EDITOR (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->running = FALSE;
  if (self->layer == NULL)
    return;  /* disposed meanwhile */
  /* The layer draws with it now, even if a newer edit follows. */
  if (ok)
    g_set_object (&self->applied, job->built);
  if (self->pending != NULL)
    {
      Job *next = g_steal_pointer (&self->pending);

      start_job (self, next);
      return;
    }
  set_busy (self, FALSE);
  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (job->bad_rule >= 0 && (guint) job->bad_rule < self->rules->len)
        {
          Rule *rule = self->rules->pdata[job->bad_rule];

          g_free (rule->error);
          rule->error = g_strdup (job->bad_rule_message);
          rebuild_rule_rows (self);
        }
      if (job->import_name != NULL && strstr (error->message, job->import_name) == NULL)
        {
          /* Translators: a file name, then what is wrong with it. */
          g_autofree char *text = g_strdup_printf (_("%s: %s"), job->import_name, error->message);

          show_message (self, text, TRUE);
        }
      else
        show_message (self, error->message, TRUE);
      /* The layer keeps what it had; so does the class list. */
      g_set_object (&self->style, self->applied);
      return;
    }

  g_set_object (&self->style, job->built);
  if (job->notices != NULL && job->notices->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < job->notices->len; i++)
        {
          if (i > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, job->notices->pdata[i]);
        }
      show_message (self, text->str, FALSE);
    }
  else
    hide_message (self);
  if (job->import_name != NULL)
    load_style (self, job->built);
  else if (job->rebuild_rows)
    rebuild_class_rows (self);
  else
    for (guint i = 0; i < self->swatches->len; i++)
      gtk_widget_queue_draw (self->swatches->pdata[i]);
  update_counts (self);
}

static void
start_job (PvStyleEditor *self,
           Job           *job)
{
  g_autoptr(GTask) task = NULL;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, apply_done_cb, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  pv_task_run_in_thread (task, apply_worker);
}

/* Rules */

static char *
quote_sql_literal (const char *value)
{
  g_autoptr(GString) s = g_string_new ("'");

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (s, '\'');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '\'');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
apply_rules (PvStyleEditor *self)
{
  g_autoptr(PvStyle) style = pv_style_new_rule_based ();
  Job *job;

  g_clear_handle_id (&self->rules_timeout, g_source_remove);
  job = job_new (self);
  job->rule_of_class = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->rules->len; i++)
    {
      Rule *rule = self->rules->pdata[i];
      guint index = pv_style_get_n_categories (style) - 1;

      g_clear_pointer (&rule->error, g_free);
      if (rule->filter == NULL || *g_strstrip (rule->filter) == '\0')
        continue;
      pv_style_add_rule (style, rule->label, rule->filter, rule->symbol.fill);
      /* The rule went in before "other". */
      index = pv_style_get_n_categories (style) - 2;
      {
        PvStyleCategory c = *pv_style_get_category (style, index);

        pv_symbol_editor_copy_fields (&c, &rule->symbol, FALSE);
        pv_style_set_category_symbol (style, index, &c);
      }
      g_array_append_val (job->rule_of_class, i);
    }
  rebuild_rule_rows (self);
  job->style = g_object_ref (style);
  job->kind = PV_STYLE_RULE_BASED;
  job->rebuild_rows = TRUE;
  g_set_object (&self->style, style);
  submit_job (self, job);
}

static gboolean
rules_timeout_cb (gpointer data)
{
  PvStyleEditor *self = data;

  self->rules_timeout = 0;
  apply_rules (self);
  return G_SOURCE_REMOVE;
}

static void
queue_apply_rules (PvStyleEditor *self)
{
  g_clear_handle_id (&self->rules_timeout, g_source_remove);
  self->rules_timeout = g_timeout_add (DEBOUNCE_MS, rules_timeout_cb, self);
}

static void
default_symbol (PvStyleEditor   *self,
                PvStyleCategory *symbol,
                const double    *rgb)
{
  g_autoptr(PvStyle) single = pv_style_new_single (rgb);

  *symbol = (PvStyleCategory) { 0 };
  pv_symbol_editor_copy_fields (symbol, pv_style_get_category (single, 0), FALSE);
}

/* Switching to rules from categories keeps the classes, as rules. */
static void
seed_rules (PvStyleEditor *self)
{
  PvStyle *style = self->style;

  if (self->rules->len > 0)
    return;
  if (style != NULL && pv_style_get_kind (style) == PV_STYLE_CATEGORIZED && pv_style_get_field (style) != NULL)
    {
      g_autofree char *field = g_strdup_printf ("\"%s\"", pv_style_get_field (style));
      g_autoptr(GArray) counts = pv_vector_layer_dup_category_counts (self->layer);
      gboolean counted = style == self->applied && counts->len == pv_style_get_n_categories (style);

      for (guint i = 0; i < pv_style_get_n_categories (style) && self->rules->len < 20; i++)
        {
          const PvStyleCategory *c = pv_style_get_category (style, i);
          g_autofree char *literal = NULL;
          g_autofree char *filter = NULL;

          /* Classes no feature falls in make no useful rules. */
          if (c->other || c->value == NULL || (counted && g_array_index (counts, guint, i) == 0))
            continue;
          literal = quote_sql_literal (c->value);
          filter = g_strdup_printf ("%s = %s", field, literal);
          g_ptr_array_add (self->rules, rule_new (c->label ? c->label : c->value, filter, c));
        }
    }
  if (self->rules->len == 0)
    {
      PvStyleCategory symbol;
      double rgb[3];

      pv_layer_get_color (PV_LAYER (self->layer), rgb);
      default_symbol (self, &symbol, rgb);
      g_ptr_array_add (self->rules, rule_new (_("Rule 1"), "", &symbol));
    }
}

static guint
rule_index_of (GtkWidget *widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "rule-index"));
}

static void
rule_label_apply_cb (AdwEntryRow   *row,
                     PvStyleEditor *self)
{
  guint index = rule_index_of (GTK_WIDGET (row));
  Rule *rule = self->rules->pdata[index];

  g_free (rule->label);
  rule->label = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  apply_rules (self);
}

static void
rule_filter_apply_cb (AdwEntryRow   *row,
                      PvStyleEditor *self)
{
  guint index = rule_index_of (GTK_WIDGET (row));
  Rule *rule = self->rules->pdata[index];

  g_free (rule->filter);
  rule->filter = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  apply_rules (self);
}

static void
rule_color_cb (GtkColorButton *button,
               GParamSpec     *pspec,
               PvStyleEditor  *self)
{
  guint index = rule_index_of (GTK_WIDGET (button));
  Rule *rule = self->rules->pdata[index];
  GdkRGBA rgba;

  if (self->updating)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  rgba_to_rgb (&rgba, rule->symbol.fill);
  queue_apply_rules (self);
}

static void
rule_move (PvStyleEditor *self,
           guint          from,
           guint          to)
{
  gpointer rule;

  if (to >= self->rules->len)
    return;
  rule = g_ptr_array_steal_index (self->rules, from);
  g_ptr_array_insert (self->rules, to, rule);
  apply_rules (self);
}

static void
rule_up_cb (GtkButton     *button,
            PvStyleEditor *self)
{
  guint index = rule_index_of (GTK_WIDGET (button));

  if (index > 0)
    rule_move (self, index, index - 1);
}

static void
rule_down_cb (GtkButton     *button,
              PvStyleEditor *self)
{
  guint index = rule_index_of (GTK_WIDGET (button));

  rule_move (self, index, index + 1);
}

static void
rule_remove_cb (GtkButton     *button,
                PvStyleEditor *self)
{
  g_ptr_array_remove_index (self->rules, rule_index_of (GTK_WIDGET (button)));
  apply_rules (self);
}

static void
add_rule_clicked_cb (PvStyleEditor *self)
{
  PvStyleCategory symbol;
  double rgb[3];
  g_autofree char *label = NULL;

  /* A colour of its own, along the hue circle. */
  {
    double h = fmod (self->rules->len * 0.618033988749895, 1.0) * 6.0;
    double x = 1.0 - fabs (fmod (h, 2.0) - 1.0);
    double r = 0, g = 0, b = 0;

    switch ((int) h)
      {
      case 0: r = 1; g = x; break;
      case 1: r = x; g = 1; break;
      case 2: g = 1; b = x; break;
      case 3: g = x; b = 1; break;
      case 4: r = x; b = 1; break;
      default: r = 1; b = x; break;
      }
    rgb[0] = 0.3 + 0.6 * r;
    rgb[1] = 0.3 + 0.6 * g;
    rgb[2] = 0.3 + 0.6 * b;
  }
  default_symbol (self, &symbol, rgb);
  /* Translators: the name of a new style rule. */
  label = g_strdup_printf (_("Rule %u"), self->rules->len + 1);
  g_ptr_array_add (self->rules, rule_new (label, "", &symbol));
  rebuild_rule_rows (self);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             guint       index,
             GCallback   callback,
             gpointer    self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data (G_OBJECT (button), "rule-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
rebuild_rule_rows (PvStyleEditor *self)
{
  for (guint i = 0; i < self->rule_rows->len; i++)
    adw_preferences_group_remove (self->rules_group, self->rule_rows->pdata[i]);
  g_ptr_array_set_size (self->rule_rows, 0);

  self->updating = TRUE;
  for (guint i = 0; i < self->rules->len; i++)
    {
      Rule *rule = self->rules->pdata[i];
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *color = gtk_color_button_new ();
      GtkWidget *error_icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      GtkWidget *label_row = adw_entry_row_new ();
      GtkWidget *filter_row = adw_entry_row_new ();
      GtkWidget *error_row = adw_action_row_new ();
      GtkWidget *order_row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (rule->label ? rule->label : "", -1);
      g_autofree char *subtitle = g_markup_escape_text (rule->filter && *rule->filter ? rule->filter
                                                        : _("No filter yet"), -1);
      GdkRGBA rgba;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                     rule->error != NULL || rule->filter == NULL || *rule->filter == '\0');

      rgb_to_rgba (rule->symbol.fill, &rgba);
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (color), &rgba);
      gtk_color_button_set_title (GTK_COLOR_BUTTON (color), _("Rule Colour"));
      gtk_widget_set_valign (color, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (color, _("Rule colour"));
      g_object_set_data (G_OBJECT (color), "rule-index", GUINT_TO_POINTER (i));
      g_signal_connect (color, "notify::rgba", G_CALLBACK (rule_color_cb), self);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), color);

      gtk_widget_add_css_class (error_icon, "error");
      gtk_widget_set_visible (error_icon, rule->error != NULL);
      gtk_widget_set_tooltip_text (error_icon, rule->error);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), error_icon);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (label_row), _("Label"));
      gtk_editable_set_text (GTK_EDITABLE (label_row), rule->label ? rule->label : "");
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (label_row), TRUE);
      g_object_set_data (G_OBJECT (label_row), "rule-index", GUINT_TO_POINTER (i));
      g_signal_connect (label_row, "apply", G_CALLBACK (rule_label_apply_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label_row);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (filter_row), _("Filter (OGR SQL)"));
      gtk_editable_set_text (GTK_EDITABLE (filter_row), rule->filter ? rule->filter : "");
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (filter_row), TRUE);
      g_object_set_data (G_OBJECT (filter_row), "rule-index", GUINT_TO_POINTER (i));
      g_signal_connect (filter_row, "apply", G_CALLBACK (rule_filter_apply_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), filter_row);

      if (rule->error != NULL)
        {
          g_autofree char *message = g_markup_escape_text (rule->error, -1);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (error_row), message);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (error_row), 0);
          adw_action_row_add_prefix (ADW_ACTION_ROW (error_row),
                                     gtk_image_new_from_icon_name ("dialog-error-symbolic"));
          gtk_widget_add_css_class (error_row, "error");
          gtk_widget_add_css_class (filter_row, "error");
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), error_row);
        }
      else
        g_object_ref_sink (error_row), g_object_unref (error_row);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (order_row), _("Order"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (order_row),
                                 icon_button ("go-up-symbolic", _("Move Up"), i, G_CALLBACK (rule_up_cb), self));
      adw_action_row_add_suffix (ADW_ACTION_ROW (order_row),
                                 icon_button ("go-down-symbolic", _("Move Down"), i, G_CALLBACK (rule_down_cb), self));
      adw_action_row_add_suffix (ADW_ACTION_ROW (order_row),
                                 icon_button ("user-trash-symbolic", _("Remove Rule"), i, G_CALLBACK (rule_remove_cb), self));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), order_row);

      adw_preferences_group_add (self->rules_group, row);
      g_ptr_array_add (self->rule_rows, row);
    }
  self->updating = FALSE;
}

/* Classes */

static void
draw_class_swatch (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        data)
{
  PvStyleEditor *self = data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "class-index"));
  double dpi = 96.0 * gtk_widget_get_scale_factor (GTK_WIDGET (area));

  if (self->style == NULL || index >= pv_style_get_n_categories (self->style))
    return;
  pv_symbol_draw_swatch (pv_style_get_category (self->style, index), self->geometry_kind,
                         cr, 0, 0, width, height, dpi);
}

static void
swatch_clicked_cb (GtkButton     *button,
                   PvStyleEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "class-index"));

  pv_style_editor_edit_symbol (self, index);
}

static void
class_label_apply_cb (AdwEntryRow   *row,
                      PvStyleEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "class-index"));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(PvStyle) copy = NULL;

  if (self->style == NULL || index >= pv_style_get_n_categories (self->style))
    return;
  copy = pv_style_copy (self->style);
  pv_style_set_category_label (copy, index, text);
  if (pv_style_get_kind (copy) == PV_STYLE_RULE_BASED)
    for (guint r = 0, k = 0; r < self->rules->len; r++)
      {
        Rule *rule = self->rules->pdata[r];

        if (rule->filter == NULL || *rule->filter == '\0')
          continue;
        if (k++ == index)
          {
            g_free (rule->label);
            rule->label = g_strdup (text);
            rebuild_rule_rows (self);
            break;
          }
      }
  g_set_object (&self->style, copy);
  apply_style (self, copy, FALSE);
}

static char *
class_title (PvStyle               *style,
             const PvStyleCategory *c)
{
  if (c->other)
    return g_strdup (C_("style class", "Other values"));
  if (pv_style_get_kind (style) == PV_STYLE_RULE_BASED && c->filter != NULL)
    return g_strdup (c->filter);
  if (c->value != NULL)
    return g_strdup (c->value);
  if (pv_style_get_kind (style) == PV_STYLE_SINGLE)
    return g_strdup (C_("style class", "All features"));
  if (pv_style_get_kind (style) == PV_STYLE_GRADUATED)
    {
      guint index = 0;

      while (index < pv_style_get_n_categories (style) && pv_style_get_category (style, index) != c)
        index++;
      /* Translators: a class of a graduated style, lowest first. */
      return g_strdup_printf (C_("style class", "Class %u"), index + 1);
    }
  return g_strdup (c->label ? c->label : "");
}

static void
rebuild_class_rows (PvStyleEditor *self)
{
  PvStyle *style = self->style;
  guint n = style ? pv_style_get_n_categories (style) : 0;
  gboolean palette = style && pv_style_get_palette_id (style) != NULL;

  for (guint i = 0; i < self->class_rows->len; i++)
    adw_preferences_group_remove (self->classes_group, self->class_rows->pdata[i]);
  g_ptr_array_set_size (self->class_rows, 0);
  g_ptr_array_set_size (self->count_labels, 0);
  g_ptr_array_set_size (self->swatches, 0);
  self->absent_row = NULL;

  for (guint i = 0; i < MIN (n, MAX_CLASS_ROWS); i++)
    {
      const PvStyleCategory *c = pv_style_get_category (style, i);
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *button = gtk_button_new ();
      GtkWidget *swatch = gtk_drawing_area_new ();
      GtkWidget *count = gtk_label_new (NULL);
      g_autofree char *title = class_title (style, c);
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      /* Translators: the tooltip of a class's symbol in the style editor. */
      g_autofree char *tooltip = g_strdup_printf (_("Edit the symbol of “%s”"), c->label ? c->label : title);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      gtk_editable_set_text (GTK_EDITABLE (row), c->label ? c->label : "");
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "class-index", GUINT_TO_POINTER (i));
      g_signal_connect (row, "apply", G_CALLBACK (class_label_apply_cb), self);

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), SWATCH_WIDTH);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), SWATCH_HEIGHT);
      g_object_set_data (G_OBJECT (swatch), "class-index", GUINT_TO_POINTER (i));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_class_swatch, self, NULL);
      gtk_button_set_child (GTK_BUTTON (button), swatch);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      g_object_set_data (G_OBJECT (button), "class-index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (swatch_clicked_cb), self);
      adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), button);

      if (palette && !c->confirmed && !c->other)
        {
          GtkWidget *note = gtk_label_new (C_("palette colour", "unconfirmed"));

          gtk_widget_add_css_class (note, "caption");
          gtk_widget_add_css_class (note, "warning");
          gtk_widget_set_valign (note, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (note, _("No official source confirms this colour of the land-use palette yet"));
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), note);
        }
      gtk_label_set_width_chars (GTK_LABEL (count), 7);
      gtk_label_set_xalign (GTK_LABEL (count), 1);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (count, _("Features in this class"));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), count);

      adw_preferences_group_add (self->classes_group, row);
      g_ptr_array_add (self->class_rows, row);
      g_ptr_array_add (self->count_labels, count);
      g_ptr_array_add (self->swatches, swatch);
    }
  if (n > MAX_CLASS_ROWS)
    {
      GtkWidget *row = adw_action_row_new ();
      /* Translators: below the list of a style's classes. */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more class",
                                                            "and %u more classes", n - MAX_CLASS_ROWS),
                                               n - MAX_CLASS_ROWS);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->classes_group, row);
      g_ptr_array_add (self->class_rows, row);
    }
  if (palette)
    {
      self->absent_row = adw_action_row_new ();
      gtk_widget_add_css_class (self->absent_row, "dim-label");
      gtk_widget_set_visible (self->absent_row, FALSE);
      adw_preferences_group_add (self->classes_group, self->absent_row);
      g_ptr_array_add (self->class_rows, self->absent_row);
    }
  update_counts (self);
}

/* Symbols */

static void
apply_symbol (PvStyleEditor *self)
{
  g_autoptr(PvStyle) copy = NULL;
  guint n;

  g_clear_handle_id (&self->symbol_timeout, g_source_remove);
  if (self->symbol_editor == NULL || self->style == NULL)
    return;
  copy = pv_style_copy (self->style);
  n = pv_style_get_n_categories (copy);
  if (self->symbol_index == G_MAXUINT)
    {
      pv_symbol_editor_get_symbol (self->symbol_editor, &self->shared);
      self->has_shared = TRUE;
    }
  for (guint i = 0; i < n; i++)
    {
      PvStyleCategory c;

      if (self->symbol_index != G_MAXUINT && self->symbol_index != i)
        continue;
      c = *pv_style_get_category (copy, i);
      pv_symbol_editor_get_symbol (self->symbol_editor, &c);
      pv_style_set_category_symbol (copy, i, &c);
    }
  /* Rules keep their symbols when they are edited again. */
  if (pv_style_get_kind (copy) == PV_STYLE_RULE_BASED)
    for (guint r = 0, k = 0; r < self->rules->len && k + 1 < n; r++)
      {
        Rule *rule = self->rules->pdata[r];

        if (rule->filter == NULL || *rule->filter == '\0')
          continue;
        pv_symbol_editor_copy_fields (&rule->symbol, pv_style_get_category (copy, k++), FALSE);
      }
  g_set_object (&self->style, copy);
  for (guint i = 0; i < self->swatches->len; i++)
    gtk_widget_queue_draw (self->swatches->pdata[i]);
  if (pv_style_get_kind (copy) == PV_STYLE_RULE_BASED)
    rebuild_rule_rows (self);
  apply_style (self, copy, FALSE);
}

static gboolean
symbol_timeout_cb (gpointer data)
{
  PvStyleEditor *self = data;

  self->symbol_timeout = 0;
  apply_symbol (self);
  return G_SOURCE_REMOVE;
}

static void
symbol_changed_cb (PvStyleEditor *self)
{
  g_clear_handle_id (&self->symbol_timeout, g_source_remove);
  self->symbol_timeout = g_timeout_add (DEBOUNCE_MS, symbol_timeout_cb, self);
}

static void
symbol_window_destroy_cb (PvStyleEditor *self)
{
  /* Apply what was typed last before the window went. */
  if (self->symbol_timeout != 0)
    apply_symbol (self);
  self->symbol_window = NULL;
  self->symbol_editor = NULL;
}

GtkWidget *
pv_style_editor_edit_symbol (PvStyleEditor *self,
                             guint          index)
{
  const PvStyleCategory *symbol;
  GtkWidget *editor, *window, *box, *header, *title;
  GtkRoot *root;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (PV_IS_STYLE_EDITOR (self), NULL);
  g_return_val_if_fail (self->style != NULL, NULL);
  g_return_val_if_fail (index == G_MAXUINT || index < pv_style_get_n_categories (self->style), NULL);

  if (self->symbol_window != NULL)
    gtk_window_destroy (self->symbol_window);

  if (index == G_MAXUINT)
    {
      symbol = self->has_shared ? &self->shared : pv_style_get_category (self->style, 0);
      subtitle = g_strdup (_("All classes"));
    }
  else
    {
      const PvStyleCategory *c = pv_style_get_category (self->style, index);

      symbol = c;
      subtitle = class_title (self->style, c);
      if (c->label != NULL && g_strcmp0 (c->label, subtitle) != 0)
        {
          g_autofree char *title_text = g_steal_pointer (&subtitle);

          /* Translators: a class's value, then its label. */
          subtitle = g_strdup_printf (_("%s — %s"), title_text, c->label);
        }
    }
  editor = pv_symbol_editor_new (symbol, self->geometry_kind, index == G_MAXUINT);
  gtk_widget_set_vexpand (editor, TRUE);
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Symbol"));
  gtk_window_set_default_size (GTK_WINDOW (window), 440, 640);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (window), TRUE);
    }
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = adw_window_title_new (_("Symbol"), subtitle);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), editor);
  adw_window_set_content (ADW_WINDOW (window), box);

  self->symbol_window = GTK_WINDOW (window);
  self->symbol_editor = PV_SYMBOL_EDITOR (editor);
  self->symbol_index = index;
  g_signal_connect_object (editor, "changed", G_CALLBACK (symbol_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "destroy", G_CALLBACK (symbol_window_destroy_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
  return editor;
}

static void
edit_all_clicked_cb (PvStyleEditor *self)
{
  pv_style_editor_edit_symbol (self, G_MAXUINT);
}

/* Recipes: kind, field, colours, method, classes, ramp */

static void
submit_recipe (PvStyleEditor *self)
{
  KindRow kind = selected_kind (self);
  guint position = adw_combo_row_get_selected (self->field_row);
  Job *job;
  GdkRGBA rgba;

  g_clear_handle_id (&self->recipe_timeout, g_source_remove);
  if (kind == KIND_ROW_RULE_BASED)
    {
      apply_rules (self);
      return;
    }
  job = job_new (self);
  job->kind = (PvStyleKind) kind;
  job->rebuild_rows = TRUE;
  if (kind == KIND_ROW_CATEGORIZED || kind == KIND_ROW_GRADUATED)
    {
      if (position >= self->field_indices->len)
        {
          show_message (self, kind == KIND_ROW_GRADUATED ? _("The layer has no numeric field to classify")
                                                         : _("The layer has no field to classify"), TRUE);
          job_free (job);
          return;
        }
      job->field_index = g_array_index (self->field_indices, guint, position);
      job->field = g_strdup (field_display_name (self, position));
    }
  job->palette = adw_combo_row_get_selected (self->colors_row) == 0;
  job->method = (PvClassifyMethod) adw_combo_row_get_selected (self->method_row);
  job->n_classes = (guint) gtk_spin_button_get_value_as_int (self->n_classes_spin);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->ramp_from_button), &rgba);
  rgba_to_rgb (&rgba, job->from);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->ramp_to_button), &rgba);
  rgba_to_rgb (&rgba, job->to);
  if (self->style != NULL && pv_style_get_n_categories (self->style) > 0)
    memcpy (job->single, pv_style_get_category (self->style, 0)->fill, sizeof job->single);
  else
    pv_layer_get_color (PV_LAYER (self->layer), job->single);
  submit_job (self, job);
}

static gboolean
recipe_timeout_cb (gpointer data)
{
  PvStyleEditor *self = data;

  self->recipe_timeout = 0;
  submit_recipe (self);
  return G_SOURCE_REMOVE;
}

static void
recipe_changed_cb (PvStyleEditor *self)
{
  if (self->updating)
    return;
  submit_recipe (self);
}

static void
recipe_tweaked_cb (PvStyleEditor *self)
{
  if (self->updating)
    return;
  g_clear_handle_id (&self->recipe_timeout, g_source_remove);
  self->recipe_timeout = g_timeout_add (DEBOUNCE_MS, recipe_timeout_cb, self);
}

static void
kind_changed_cb (PvStyleEditor *self)
{
  KindRow kind = selected_kind (self);
  guint position = adw_combo_row_get_selected (self->field_row);
  g_autofree char *field = g_strdup (field_display_name (self, position));

  if (self->updating)
    return;
  self->updating = TRUE;
  fill_field_model (self, kind == KIND_ROW_GRADUATED, field);
  self->updating = FALSE;
  update_visibility (self);
  if (kind == KIND_ROW_RULE_BASED)
    {
      seed_rules (self);
      rebuild_rule_rows (self);
    }
  submit_recipe (self);
}

/* Import */

static void
import_response_cb (GtkNativeDialog *native,
                    int              response,
                    PvStyleEditor   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PvStyle) style = NULL;
  Job *job;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_clear_object (&self->native);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  display = g_filename_display_name (path);
  notices = g_ptr_array_new_with_free_func (g_free);
  if (!(style = pv_style_new_from_qml_file_full (path, notices, &error)))
    {
      if (strstr (error->message, display) == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("%s: %s"), display, error->message);

          show_message (self, text, TRUE);
        }
      else
        show_message (self, error->message, TRUE);
      return;
    }
  job = job_new (self);
  job->style = g_steal_pointer (&style);
  job->kind = pv_style_get_kind (job->style);
  job->has_shared = FALSE;
  job->rebuild_rows = TRUE;
  job->import_name = g_steal_pointer (&display);
  job->notices = g_steal_pointer (&notices);
  self->has_shared = FALSE;
  submit_job (self, job);
}

static void
import_clicked_cb (PvStyleEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->native != NULL)
    return;
  self->native = gtk_file_chooser_native_new (_("Import QGIS Style"),
                                              GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              GTK_FILE_CHOOSER_ACTION_OPEN,
                                              _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("QGIS layer styles (.qml)"));
  gtk_file_filter_add_pattern (filter, "*.qml");
  gtk_file_filter_add_pattern (filter, "*.QML");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->native), TRUE);
  g_signal_connect (self->native, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->native));
}

/* Styles set elsewhere (a project loaded, another editor) */

static gboolean
layer_style_changed_idle (gpointer data)
{
  PvStyleEditor *self = data;
  g_autoptr(PvStyle) style = NULL;

  if (self->layer == NULL || self->running || self->pending != NULL)
    return G_SOURCE_REMOVE;
  style = pv_vector_layer_dup_style (self->layer);
  if (style == self->applied)
    return G_SOURCE_REMOVE;
  if (style == NULL && self->applied != NULL && pv_style_get_kind (self->applied) == PV_STYLE_SINGLE)
    return G_SOURCE_REMOVE;
  g_clear_object (&style);
  style = layer_style (self->layer);
  g_set_object (&self->applied, style);
  load_style (self, style);
  return G_SOURCE_REMOVE;
}

static void
layer_style_changed_cb (PvVectorLayer *layer,
                        PvStyleEditor *self)
{
  /* May come from a worker thread. */
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT_IDLE, layer_style_changed_idle,
                              g_object_ref (self), g_object_unref);
}

GtkWidget *
pv_style_editor_new (PvVectorLayer *layer)
{
  PvStyleEditor *self;
  g_autoptr(PvStyle) style = NULL;

  g_return_val_if_fail (PV_IS_VECTOR_LAYER (layer), NULL);

  self = g_object_new (PV_TYPE_STYLE_EDITOR, NULL);
  self->layer = g_object_ref (layer);
  self->geometry_kind = pv_symbol_get_layer_kind (layer);
  g_signal_connect (layer, "style-changed", G_CALLBACK (layer_style_changed_cb), self);
  style = layer_style (layer);
  g_set_object (&self->applied, style);
  load_style (self, style);
  return GTK_WIDGET (self);
}

PvVectorLayer *
pv_style_editor_get_layer (PvStyleEditor *self)
{
  g_return_val_if_fail (PV_IS_STYLE_EDITOR (self), NULL);

  return self->layer;
}

gboolean
pv_style_editor_get_busy (PvStyleEditor *self)
{
  g_return_val_if_fail (PV_IS_STYLE_EDITOR (self), FALSE);

  return self->running || self->pending != NULL || self->recipe_timeout != 0 ||
         self->symbol_timeout != 0 || self->rules_timeout != 0;
}

static void
pv_style_editor_dispose (GObject *object)
{
  PvStyleEditor *self = PV_STYLE_EDITOR (object);

  g_clear_handle_id (&self->recipe_timeout, g_source_remove);
  g_clear_handle_id (&self->symbol_timeout, g_source_remove);
  g_clear_handle_id (&self->rules_timeout, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->pending, job_free);
  if (self->symbol_window != NULL)
    gtk_window_destroy (self->symbol_window);
  if (self->native != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->native));
      g_clear_object (&self->native);
    }
  if (self->layer != NULL)
    g_signal_handlers_disconnect_by_data (self->layer, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_STYLE_EDITOR);
  g_clear_object (&self->layer);
  g_clear_object (&self->style);
  g_clear_object (&self->applied);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pv_style_editor_parent_class)->dispose (object);
}

static void
pv_style_editor_finalize (GObject *object)
{
  PvStyleEditor *self = PV_STYLE_EDITOR (object);

  g_clear_pointer (&self->field_indices, g_array_unref);
  g_clear_pointer (&self->class_rows, g_ptr_array_unref);
  g_clear_pointer (&self->count_labels, g_ptr_array_unref);
  g_clear_pointer (&self->swatches, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pv_style_editor_parent_class)->finalize (object);
}

static void
pv_style_editor_class_init (PvStyleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_style_editor_dispose;
  object_class->finalize = pv_style_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-style-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, root_box);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, message_box);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, message_icon);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, import_button);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, field_row);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, field_model);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, colors_row);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, method_row);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, n_classes_row);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, n_classes_spin);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, ramp_row);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, ramp_from_button);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, ramp_to_button);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, rules_group);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, classes_group);
  gtk_widget_class_bind_template_child (widget_class, PvStyleEditor, edit_all_button);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_rule_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_all_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pv_style_editor_init (PvStyleEditor *self)
{
  GdkRGBA from = { 1.0, 0.96, 0.78, 1.0 };
  GdkRGBA to = { 0.70, 0.10, 0.12, 1.0 };

  self->field_indices = g_array_new (FALSE, FALSE, sizeof (guint));
  self->class_rows = g_ptr_array_new ();
  self->count_labels = g_ptr_array_new ();
  self->swatches = g_ptr_array_new ();
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  self->rule_rows = g_ptr_array_new ();
  self->symbol_index = G_MAXUINT;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  self->updating = TRUE;
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->ramp_from_button), &from);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->ramp_to_button), &to);
  adw_combo_row_set_selected (self->method_row, PV_CLASSIFY_JENKS);
  self->updating = FALSE;

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  g_signal_connect_swapped (self->field_row, "notify::selected", G_CALLBACK (recipe_changed_cb), self);
  g_signal_connect_swapped (self->colors_row, "notify::selected", G_CALLBACK (recipe_changed_cb), self);
  g_signal_connect_swapped (self->method_row, "notify::selected", G_CALLBACK (recipe_changed_cb), self);
  g_signal_connect_swapped (self->n_classes_spin, "value-changed", G_CALLBACK (recipe_tweaked_cb), self);
  g_signal_connect_swapped (self->ramp_from_button, "notify::rgba", G_CALLBACK (recipe_tweaked_cb), self);
  g_signal_connect_swapped (self->ramp_to_button, "notify::rgba", G_CALLBACK (recipe_tweaked_cb), self);
}
