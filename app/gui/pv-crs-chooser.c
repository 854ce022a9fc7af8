/* pv-crs-chooser.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pv-crs-chooser.h"

/* PvCrsInfo is a boxed struct; list models hold GObjects. This private item
 * carries one. */
#define PV_TYPE_CRS_CHOOSER_ITEM (pv_crs_chooser_item_get_type ())
G_DECLARE_FINAL_TYPE (PvCrsChooserItem, pv_crs_chooser_item, PV, CRS_CHOOSER_ITEM, GObject)

struct _PvCrsChooserItem
{
  GObject    parent_instance;
  PvCrsInfo *info;
};

G_DEFINE_FINAL_TYPE (PvCrsChooserItem, pv_crs_chooser_item, G_TYPE_OBJECT)

static void
pv_crs_chooser_item_finalize (GObject *object)
{
  PvCrsChooserItem *self = PV_CRS_CHOOSER_ITEM (object);

  g_clear_pointer (&self->info, pv_crs_info_unref);

  G_OBJECT_CLASS (pv_crs_chooser_item_parent_class)->finalize (object);
}

static void
pv_crs_chooser_item_class_init (PvCrsChooserItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pv_crs_chooser_item_finalize;
}

static void
pv_crs_chooser_item_init (PvCrsChooserItem *self)
{
}

static PvCrsChooserItem *
pv_crs_chooser_item_new (PvCrsInfo *info)
{
  PvCrsChooserItem *self = g_object_new (PV_TYPE_CRS_CHOOSER_ITEM, NULL);

  self->info = pv_crs_info_ref (info);
  return self;
}

/* The chooser */

struct _PvCrsChooser
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack       *view_stack;
  GtkSearchEntry     *search_entry;
  GtkStack           *results_stack;
  GtkListView        *list_view;
  GtkTextView        *custom_view;
  GtkLabel           *custom_error;
  GtkWidget          *select_button;

  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  char               *query;
  PvCrs              *initial;
  PvCrs              *chosen;
  GTask              *task;
};

G_DEFINE_FINAL_TYPE (PvCrsChooser, pv_crs_chooser, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CRS_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PvCrsChooser *self = user_data;

  return pv_crs_info_matches (PV_CRS_CHOOSER_ITEM (item)->info, self->query);
}

static gboolean
on_custom_page (PvCrsChooser *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "custom") == 0;
}

static void
update_select_button (PvCrsChooser *self)
{
  gboolean sensitive;

  if (on_custom_page (self))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->custom_view);

      sensitive = gtk_text_buffer_get_char_count (buffer) > 0;
    }
  else
    sensitive = gtk_single_selection_get_selected_item (self->selection) != NULL;
  gtk_widget_set_sensitive (self->select_button, sensitive);
}

static void
update_results (PvCrsChooser *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  gtk_stack_set_visible_child_name (self->results_stack, n > 0 ? "results" : "empty");
  /* The best match is selected: Enter in the search entry picks it. */
  if (n > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
    }
  update_select_button (self);
}

static void
refilter (PvCrsChooser *self,
          const char   *text)
{
  g_autofree char *old = g_steal_pointer (&self->query);

  /* An empty search matches every row: no text to fold for each of them. */
  self->query = text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_results (self);
}

static void
search_changed_cb (PvCrsChooser   *self,
                   GtkSearchEntry *entry)
{
  refilter (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
choose (PvCrsChooser *self,
        PvCrs        *crs)
{
  g_set_object (&self->chosen, crs);
  g_signal_emit (self, signals[SIGNAL_CRS_CHOSEN], 0, crs);
  if (self->task != NULL)
    {
      GTask *task = g_steal_pointer (&self->task);

      g_task_return_pointer (task, g_object_ref (crs), g_object_unref);
      g_object_unref (task);
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
search_activate_cb (PvCrsChooser   *self,
                    GtkSearchEntry *entry)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  /* The search may still be waiting for its delay. */
  refilter (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  position = gtk_single_selection_get_selected (self->selection);
  if (position != GTK_INVALID_LIST_POSITION)
    pv_crs_chooser_choose_result (self, position);
}

static void
list_activate_cb (PvCrsChooser *self,
                  guint         position,
                  GtkListView  *list_view)
{
  pv_crs_chooser_choose_result (self, position);
}

static void
select_clicked_cb (PvCrsChooser *self,
                   GtkButton    *button)
{
  if (on_custom_page (self))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->custom_view);
      g_autofree char *text = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      pv_crs_chooser_choose_custom (self, text, NULL);
    }
  else
    {
      guint position = gtk_single_selection_get_selected (self->selection);

      if (position != GTK_INVALID_LIST_POSITION)
        pv_crs_chooser_choose_result (self, position);
    }
}

static void
custom_changed_cb (PvCrsChooser  *self,
                   GtkTextBuffer *buffer)
{
  gtk_widget_set_visible (GTK_WIDGET (self->custom_error), FALSE);
  update_select_button (self);
}

/* Rows */

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PvCrsChooser             *self)
{
  GtkWidget *box, *labels, *name, *detail, *badge;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  detail = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  /* Translators: a badge on VN-2000 coordinate systems; keep it short. */
  badge = gtk_label_new (C_("crs badge", "VN-2000"));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "crs-badge");

  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), detail);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_list_item_set_child (list_item, box);

  g_object_set_data (G_OBJECT (list_item), "name", name);
  g_object_set_data (G_OBJECT (list_item), "detail", detail);
  g_object_set_data (G_OBJECT (list_item), "badge", badge);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             PvCrsChooser             *self)
{
  PvCrsChooserItem *item = gtk_list_item_get_item (list_item);
  const PvCrsInfo *info = item->info;
  GtkWidget *name = g_object_get_data (G_OBJECT (list_item), "name");
  GtkWidget *detail = g_object_get_data (G_OBJECT (list_item), "detail");
  GtkWidget *badge = g_object_get_data (G_OBJECT (list_item), "badge");
  g_autofree char *label = pv_crs_info_dup_label (info);
  g_autofree char *text = NULL;
  const char *where = info->provinces ? info->provinces : info->area_name;

  if (where != NULL)
    /* Translators: a CRS row's detail line, "EPSG:9210 · Bình Dương, Hồ Chí Minh, …". */
    text = g_strdup_printf (_("%s · %s"), label, where);
  else
    text = g_steal_pointer (&label);

  gtk_label_set_label (GTK_LABEL (name), info->name);
  gtk_label_set_label (GTK_LABEL (detail), text);
  gtk_widget_set_tooltip_text (detail, text);
  gtk_widget_set_visible (badge, info->is_vn2000);
}

/* GObject */

static void
pv_crs_chooser_dispose (GObject *object)
{
  PvCrsChooser *self = PV_CRS_CHOOSER (object);

  if (self->task != NULL)
    {
      GTask *task = g_steal_pointer (&self->task);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("No coordinate system was chosen"));
      g_object_unref (task);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_CRS_CHOOSER);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->initial);
  g_clear_object (&self->chosen);

  G_OBJECT_CLASS (pv_crs_chooser_parent_class)->dispose (object);
}

static void
pv_crs_chooser_finalize (GObject *object)
{
  PvCrsChooser *self = PV_CRS_CHOOSER (object);

  g_free (self->query);

  G_OBJECT_CLASS (pv_crs_chooser_parent_class)->finalize (object);
}

static gboolean
pv_crs_chooser_close_request (GtkWindow *window)
{
  PvCrsChooser *self = PV_CRS_CHOOSER (window);

  if (self->task != NULL)
    {
      GTask *task = g_steal_pointer (&self->task);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("No coordinate system was chosen"));
      g_object_unref (task);
    }
  return GTK_WINDOW_CLASS (pv_crs_chooser_parent_class)->close_request (window);
}

static void
pv_crs_chooser_class_init (PvCrsChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pv_crs_chooser_dispose;
  object_class->finalize = pv_crs_chooser_finalize;
  window_class->close_request = pv_crs_chooser_close_request;

  /* The user picked crs (a PvCrs); the window closes next. */
  signals[SIGNAL_CRS_CHOSEN] =
    g_signal_new ("crs-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PV_TYPE_CRS);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-crs-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, PvCrsChooser, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PvCrsChooser, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PvCrsChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PvCrsChooser, results_stack);
  gtk_widget_class_bind_template_child (widget_class, PvCrsChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, PvCrsChooser, custom_view);
  gtk_widget_class_bind_template_child (widget_class, PvCrsChooser, custom_error);
  gtk_widget_class_bind_template_child (widget_class, PvCrsChooser, select_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, select_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_select_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pv_crs_chooser_init (PvCrsChooser *self)
{
  g_autoptr(GPtrArray) infos = pv_crs_list_known ();
  g_autoptr(GListStore) store = g_list_store_new (PV_TYPE_CRS_CHOOSER_ITEM);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (infos->len, g_object_unref);
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < infos->len; i++)
    g_ptr_array_add (items, pv_crs_chooser_item_new (g_ptr_array_index (infos, i)));
  g_list_store_splice (store, 0, 0, items->pdata, items->len);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_select_button),
                           self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (gtk_text_view_get_buffer (self->custom_view), "changed",
                           G_CALLBACK (custom_changed_cb), self, G_CONNECT_SWAPPED);

  update_results (self);
}

/* Public API */

PvCrsChooser *
pv_crs_chooser_new (GtkWindow  *parent,
                    const char *title,
                    PvCrs      *initial)
{
  PvCrsChooser *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (initial == NULL || PV_IS_CRS (initial), NULL);

  if (title == NULL)
    title = _("Coordinate System");
  self = g_object_new (PV_TYPE_CRS_CHOOSER,
                       "transient-for", parent,
                       "title", title,
                       NULL);
  adw_view_switcher_title_set_title (self->switcher_title, title);

  if (initial != NULL)
    {
      g_set_object (&self->initial, initial);
      if (pv_crs_get_epsg (initial) > 0)
        {
          g_autofree char *code = g_strdup_printf ("EPSG:%d", pv_crs_get_epsg (initial));

          /* The current CRS, found: Enter keeps it, Backspace searches. */
          gtk_editable_set_text (GTK_EDITABLE (self->search_entry), code);
          pv_crs_chooser_set_search_text (self, code);
          gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
        }
      else
        {
          g_autofree char *definition = pv_crs_dup_definition (initial);

          if (definition != NULL)
            gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->custom_view), definition, -1);
          adw_view_stack_set_visible_child_name (self->view_stack, "custom");
        }
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}

void
pv_crs_chooser_choose_async (PvCrsChooser        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PV_IS_CRS_CHOOSER (self));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pv_crs_chooser_choose_async);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (gtk_window_close), self,
                             G_CONNECT_SWAPPED);
  self->task = g_steal_pointer (&task);
  gtk_window_present (GTK_WINDOW (self));
}

PvCrs *
pv_crs_chooser_choose_finish (PvCrsChooser  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (PV_IS_CRS_CHOOSER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

PvCrs *
pv_crs_chooser_get_crs (PvCrsChooser *self)
{
  g_return_val_if_fail (PV_IS_CRS_CHOOSER (self), NULL);

  return self->chosen;
}

void
pv_crs_chooser_set_search_text (PvCrsChooser *self,
                                const char   *text)
{
  g_return_if_fail (PV_IS_CRS_CHOOSER (self));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  refilter (self, text);
}

guint
pv_crs_chooser_get_n_results (PvCrsChooser *self)
{
  g_return_val_if_fail (PV_IS_CRS_CHOOSER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

const PvCrsInfo *
pv_crs_chooser_get_result (PvCrsChooser *self,
                           guint         position)
{
  g_autoptr(PvCrsChooserItem) item = NULL;

  g_return_val_if_fail (PV_IS_CRS_CHOOSER (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  /* The store keeps the item, and the item its info. */
  return item ? item->info : NULL;
}

gboolean
pv_crs_chooser_choose_result (PvCrsChooser *self,
                              guint         position)
{
  g_autoptr(PvCrsChooserItem) item = NULL;
  g_autoptr(PvCrs) crs = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PV_IS_CRS_CHOOSER (self), FALSE);

  item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (item == NULL)
    return FALSE;
  if (!(crs = pv_crs_info_create_crs (item->info, &error)))
    {
      /* PROJ lists it but cannot build it: say so on the custom page. */
      g_autofree char *label = pv_crs_info_dup_label (item->info);

      adw_view_stack_set_visible_child_name (self->view_stack, "custom");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->custom_view), label, -1);
      gtk_label_set_label (self->custom_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->custom_error), TRUE);
      return FALSE;
    }
  choose (self, crs);
  return TRUE;
}

gboolean
pv_crs_chooser_choose_custom (PvCrsChooser  *self,
                              const char    *definition,
                              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PvCrs) crs = NULL;
  GtkTextBuffer *buffer;
  g_autofree char *current = NULL;
  GtkTextIter start, end;

  g_return_val_if_fail (PV_IS_CRS_CHOOSER (self), FALSE);
  g_return_val_if_fail (definition != NULL, FALSE);

  buffer = gtk_text_view_get_buffer (self->custom_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (current, definition) != 0)
    gtk_text_buffer_set_text (buffer, definition, -1);

  if (!(crs = pv_crs_new_from_user_input (definition, &local_error)))
    {
      gtk_label_set_label (self->custom_error, local_error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->custom_error), TRUE);
      adw_view_stack_set_visible_child_name (self->view_stack, "custom");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  choose (self, crs);
  return TRUE;
}
