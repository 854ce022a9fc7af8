/* pv-bookmarks-panel.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "pv-bookmarks-panel.h"

/* pv_map_view_zoom_to_box() ignores boxes under 4 widget pixels: a bookmark
 * smaller than this in the current view is first brought closer at once. */
#define MIN_BOX_PX 16.0

struct _PvBookmarksPanel
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *box;
  GtkWidget      *add_button;
  GtkWidget      *placeholder;
  GtkWidget      *scroller;
  GtkListBox     *list_box;
  GMenuModel     *row_menu;

  PvBookmarkList *bookmarks;
  PvMapView      *map_view;   /* weak */

  /* The last deleted bookmark, for Undo. */
  PvBookmark     *deleted;
  guint           deleted_position;
  AdwToast       *deleted_toast;
};

G_DEFINE_FINAL_TYPE (PvBookmarksPanel, pv_bookmarks_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOOKMARKS,
  PROP_MAP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static PvMap *
current_map (PvBookmarksPanel *self)
{
  return self->map_view != NULL ? pv_map_view_get_map (self->map_view) : NULL;
}

static PvBookmark *
bookmark_at (PvBookmarksPanel *self,
             GVariant         *parameter)
{
  if (self->bookmarks == NULL || parameter == NULL)
    return NULL;
  return pv_bookmark_list_get_bookmark (self->bookmarks, g_variant_get_uint32 (parameter));
}

static GtkWindow *
parent_window (PvBookmarksPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* FALSE when there is no toast overlay to show it in. */
static gboolean
add_toast (PvBookmarksPanel *self,
           AdwToast         *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    return FALSE;
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
  return TRUE;
}

static void
show_message (PvBookmarksPanel *self,
              const char       *message)
{
  g_autoptr(AdwToast) toast = adw_toast_new (message);
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_set_title (toast, escaped);
  adw_toast_set_timeout (toast, 5);
  if (!add_toast (self, toast))
    g_message ("%s", message);
}

static void
update_state (PvBookmarksPanel *self)
{
  guint n = self->bookmarks != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks)) : 0;
  PvMap *map = current_map (self);

  gtk_widget_set_visible (self->scroller, n > 0);
  gtk_widget_set_visible (self->placeholder, n == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bookmarks.add",
                                 self->bookmarks != NULL && map != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bookmarks.undo-delete", self->deleted != NULL);
}

static GtkListBoxRow *
row_for_position (PvBookmarksPanel *self,
                  guint             position)
{
  return gtk_list_box_get_row_at_index (self->list_box, (int) position);
}

/* Rows: the name (renamed in place in an entry), the subtitle, a menu. */

typedef struct
{
  GtkStack       *stack;
  GtkLabel       *name_label;
  GtkLabel       *subtitle_label;
  GtkEntry       *entry;
  GtkMenuButton  *menu_button;
  GSimpleActionGroup *actions;
  gboolean        editing;
} RowWidgets;

static RowWidgets *
row_widgets (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "pv-row-widgets") : NULL;
}

static PvBookmark *
row_bookmark (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "pv-bookmark") : NULL;
}

static void
update_row (GtkListBoxRow *row)
{
  RowWidgets *w = row_widgets (row);
  PvBookmark *bookmark = row_bookmark (row);
  const char *subtitle;

  if (w == NULL || bookmark == NULL)
    return;
  subtitle = pv_bookmark_get_subtitle (bookmark);
  gtk_label_set_label (w->name_label, pv_bookmark_get_name (bookmark));
  gtk_widget_set_tooltip_text (GTK_WIDGET (w->name_label), pv_bookmark_get_name (bookmark));
  gtk_label_set_label (w->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (w->subtitle_label), subtitle != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, pv_bookmark_get_name (bookmark),
                                  -1);
}

static void
update_row_actions (PvBookmarksPanel *self)
{
  guint n = self->bookmarks != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks)) : 0;

  for (guint i = 0; i < n; i++)
    {
      RowWidgets *w = row_widgets (row_for_position (self, i));

      if (w == NULL)
        continue;
      g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (w->actions), "move-up")),
                                   i > 0);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (w->actions), "move-down")),
                                   i + 1 < n);
    }
}

static void
bookmark_changed_cb (PvBookmark    *bookmark,
                     GParamSpec    *pspec,
                     GtkListBoxRow *row)
{
  update_row (row);
}

static void
finish_editing (GtkListBoxRow *row,
                gboolean       commit)
{
  RowWidgets *w = row_widgets (row);
  PvBookmark *bookmark = row_bookmark (row);
  GtkWidget *focus;
  GtkRoot *root;
  gboolean had_focus;

  if (w == NULL || !w->editing)
    return;
  w->editing = FALSE;
  if (commit && bookmark != NULL)
    {
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (w->entry))));

      /* An empty name keeps the old one. */
      if (name[0] != '\0')
        pv_bookmark_set_name (bookmark, name);
    }
  root = gtk_widget_get_root (GTK_WIDGET (row));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  had_focus = focus != NULL &&
              (focus == GTK_WIDGET (w->entry) || gtk_widget_is_ancestor (focus, GTK_WIDGET (w->entry)));
  gtk_stack_set_visible_child_name (w->stack, "label");
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
start_editing (GtkListBoxRow *row)
{
  RowWidgets *w = row_widgets (row);
  PvBookmark *bookmark = row_bookmark (row);

  if (w == NULL || bookmark == NULL || w->editing)
    return;
  w->editing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (w->entry), pv_bookmark_get_name (bookmark));
  gtk_stack_set_visible_child_name (w->stack, "entry");
  gtk_widget_grab_focus (GTK_WIDGET (w->entry));
  gtk_editable_select_region (GTK_EDITABLE (w->entry), 0, -1);
}

static void
entry_activate_cb (GtkEntry      *entry,
                   GtkListBoxRow *row)
{
  finish_editing (row, TRUE);
}

static gboolean
entry_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkListBoxRow         *row)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  finish_editing (row, FALSE);
  return TRUE;
}

static void
entry_focus_leave_cb (GtkEventControllerFocus *controller,
                      GtkListBoxRow           *row)
{
  finish_editing (row, TRUE);
}

/* A row's "row." action: the panel's "bookmarks." one for the row's
 * current position (rows keep their widgets while others are removed). */
static void
row_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GtkListBoxRow *row = user_data;
  PvBookmarksPanel *self = PV_BOOKMARKS_PANEL (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                                        PV_TYPE_BOOKMARKS_PANEL));
  g_autofree char *name = g_strconcat ("bookmarks.", g_action_get_name (G_ACTION (action)), NULL);
  int index = gtk_list_box_row_get_index (row);

  if (self == NULL || index < 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), name, "u", (guint) index);
}

static const GActionEntry row_actions[] = {
  { .name = "go-to", .activate = row_action_cb },
  { .name = "rename", .activate = row_action_cb },
  { .name = "details", .activate = row_action_cb },
  { .name = "update", .activate = row_action_cb },
  { .name = "move-up", .activate = row_action_cb },
  { .name = "move-down", .activate = row_action_cb },
  { .name = "delete", .activate = row_action_cb },
};

/* Drag and drop */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListBoxRow *row)
{
  PvBookmark *bookmark = row_bookmark (row);
  RowWidgets *w = row_widgets (row);

  if (bookmark == NULL || (w != NULL && w->editing))
    return NULL;
  return gdk_content_provider_new_typed (PV_TYPE_BOOKMARK, bookmark);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               GtkListBoxRow *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (row));

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkListBoxRow *row)
{
  PvBookmarksPanel *self = PV_BOOKMARKS_PANEL (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                                        PV_TYPE_BOOKMARKS_PANEL));
  PvBookmark *dragged = g_value_get_object (value);
  int index = gtk_list_box_row_get_index (row);
  guint from, to;

  if (self == NULL || self->bookmarks == NULL || dragged == NULL || index < 0 ||
      !pv_bookmark_list_get_position (self->bookmarks, dragged, &from))
    return FALSE;
  /* The upper half of a row drops above it, the lower half below. */
  to = (guint) index + (y > gtk_widget_get_height (GTK_WIDGET (row)) / 2.0 ? 1 : 0);
  if (from < to)
    to--;
  if (from != to)
    {
      pv_bookmark_list_move (self->bookmarks, from, to);
      gtk_list_box_select_row (self->list_box, row_for_position (self, to));
    }
  return TRUE;
}

static void
row_destroy_cb (GtkListBoxRow *row)
{
  PvBookmark *bookmark = row_bookmark (row);

  if (bookmark != NULL)
    g_signal_handlers_disconnect_by_func (bookmark, bookmark_changed_cb, row);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  PvBookmarksPanel *self = user_data;
  PvBookmark *bookmark = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *popover;
  GtkEventController *controller;
  GtkDragSource *drag_source;
  GtkDropTarget *drop_target;
  RowWidgets *w = g_new0 (RowWidgets, 1);

  g_object_set_data_full (G_OBJECT (row), "pv-bookmark", g_object_ref (bookmark), g_object_unref);
  w->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (w->actions), row_actions, G_N_ELEMENTS (row_actions), row);
  gtk_widget_insert_action_group (row, "row", G_ACTION_GROUP (w->actions));
  g_object_set_data_full (G_OBJECT (row), "pv-row-actions", w->actions, g_object_unref);

  w->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->name_label, 0);
  gtk_label_set_ellipsize (w->name_label, PANGO_ELLIPSIZE_END);
  w->subtitle_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->subtitle_label, 0);
  gtk_label_set_ellipsize (w->subtitle_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (w->subtitle_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (w->subtitle_label), "dim-label");
  gtk_box_append (GTK_BOX (vbox), GTK_WIDGET (w->name_label));
  gtk_box_append (GTK_BOX (vbox), GTK_WIDGET (w->subtitle_label));
  gtk_widget_set_valign (vbox, GTK_ALIGN_CENTER);

  w->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Bookmark name"),
                                  -1);
  g_signal_connect (w->entry, "activate", G_CALLBACK (entry_activate_cb), row);
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (entry_key_pressed_cb), row);
  gtk_widget_add_controller (GTK_WIDGET (w->entry), controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (entry_focus_leave_cb), row);
  gtk_widget_add_controller (GTK_WIDGET (w->entry), controller);

  w->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (w->stack, vbox, "label");
  gtk_stack_add_named (w->stack, GTK_WIDGET (w->entry), "entry");
  gtk_stack_set_visible_child_name (w->stack, "label");
  gtk_stack_set_hhomogeneous (w->stack, FALSE);
  gtk_stack_set_vhomogeneous (w->stack, FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (w->stack), TRUE);

  popover = gtk_popover_menu_new_from_model (self->row_menu);
  w->menu_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (w->menu_button, "view-more-symbolic");
  gtk_menu_button_set_popover (w->menu_button, popover);
  gtk_widget_set_tooltip_text (GTK_WIDGET (w->menu_button), _("Bookmark Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Bookmark menu"),
                                  -1);
  gtk_widget_add_css_class (GTK_WIDGET (w->menu_button), "flat");
  gtk_widget_set_valign (GTK_WIDGET (w->menu_button), GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (hbox), GTK_WIDGET (w->stack));
  gtk_box_append (GTK_BOX (hbox), GTK_WIDGET (w->menu_button));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
  g_object_set_data_full (G_OBJECT (row), "pv-row-widgets", w, g_free);

  drag_source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag_source, GDK_ACTION_MOVE);
  g_signal_connect (drag_source, "prepare", G_CALLBACK (drag_prepare_cb), row);
  g_signal_connect (drag_source, "drag-begin", G_CALLBACK (drag_begin_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag_source));
  drop_target = gtk_drop_target_new (PV_TYPE_BOOKMARK, GDK_ACTION_MOVE);
  g_signal_connect (drop_target, "drop", G_CALLBACK (drop_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop_target));

  g_signal_connect_object (bookmark, "notify::name", G_CALLBACK (bookmark_changed_cb), row, 0);
  g_signal_connect_object (bookmark, "notify::subtitle", G_CALLBACK (bookmark_changed_cb), row, 0);
  g_signal_connect (row, "destroy", G_CALLBACK (row_destroy_cb), NULL);
  update_row (GTK_LIST_BOX_ROW (row));
  return row;
}

static void
items_changed_cb (PvBookmarksPanel *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  update_row_actions (self);
  update_state (self);
}

/* Going to a bookmark */

/* The compare the view shows (mode and group B's layers) kept with the
 * bookmark, so that its slide opens the same way. */
static void
capture_compare (PvBookmarksPanel *self,
                 PvBookmark       *bookmark)
{
  PvMap *other = pv_map_view_get_compare_map (self->map_view);
  PvCompareMode mode = pv_map_view_get_compare_mode (self->map_view);
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_bookmark_layer_free);

  if (mode == PV_COMPARE_NONE || other == NULL)
    {
      pv_bookmark_set_compare_mode (bookmark, PV_BOOKMARK_COMPARE_NONE);
      pv_bookmark_set_compare_layers (bookmark, NULL, 0);
      return;
    }
  for (guint i = 0; i < pv_map_get_n_layers (other); i++)
    {
      PvLayer *layer = pv_map_get_layer (other, i);

      if (pv_map_shows_layer (other, layer) && pv_layer_get_source (layer) != NULL)
        g_ptr_array_add (layers, pv_bookmark_layer_new_for_layer (layer));
    }
  pv_bookmark_set_compare_layers (bookmark, (PvBookmarkLayer **) layers->pdata, layers->len);
  pv_bookmark_set_compare_mode (bookmark, mode == PV_COMPARE_SWIPE ? PV_BOOKMARK_COMPARE_SWIPE
                                                                   : PV_BOOKMARK_COMPARE_SPYGLASS);
}

/* Going to a bookmark shows its compare, or none. */
static void
apply_compare (PvBookmarksPanel *self,
               PvBookmark       *bookmark,
               PvMap            *map)
{
  int mode = pv_bookmark_get_compare_mode (bookmark);
  g_autoptr(PvMap) other = NULL;

  if (mode == PV_BOOKMARK_COMPARE_NONE)
    {
      if (pv_map_view_get_compare_mode (self->map_view) != PV_COMPARE_NONE)
        pv_map_view_set_compare (self->map_view, NULL, PV_COMPARE_NONE);
      return;
    }
  other = pv_bookmark_dup_compare_map (bookmark, map);
  pv_map_view_set_compare (self->map_view, other,
                           mode == PV_BOOKMARK_COMPARE_SWIPE ? PV_COMPARE_SWIPE : PV_COMPARE_SPYGLASS);
}

static void
to_widget (double  scale,
           double *x0,
           double *y0,
           double *x1,
           double *y1)
{
  *x0 /= scale;
  *y0 /= scale;
  *x1 /= scale;
  *y1 /= scale;
}

gboolean
pv_bookmarks_panel_go_to (PvBookmarksPanel *self,
                          guint             position)
{
  g_autoptr(GError) error = NULL;
  PvBookmark *bookmark;
  PvViewport *viewport;
  PvMap *map;
  double e[4], x0, y0, x1, y1, scale, width, height;

  g_return_val_if_fail (PV_IS_BOOKMARKS_PANEL (self), FALSE);

  map = current_map (self);
  if (map == NULL || self->bookmarks == NULL ||
      (bookmark = pv_bookmark_list_get_bookmark (self->bookmarks, position)) == NULL)
    return FALSE;

  /* A bookmark made in another CRS: its extent as the map shows it. */
  if (!pv_bookmark_get_extent_in (bookmark, pv_map_get_crs (map), e, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }

  apply_compare (self, bookmark, map);
  if (!pv_bookmark_apply_layers (bookmark, map))
    {
      g_autofree char *message =
        /* Translators: %s is a bookmark name. */
        g_strdup_printf (_("Some layers of “%s” are no longer in the map"), pv_bookmark_get_name (bookmark));

      show_message (self, message);
    }

  /* The extent as a box of widget pixels in the current view, which
   * pv_map_view_zoom_to_box() moves to, animated. */
  viewport = pv_map_view_get_viewport (self->map_view);
  width = gtk_widget_get_width (GTK_WIDGET (self->map_view));
  height = gtk_widget_get_height (GTK_WIDGET (self->map_view));
  if (width <= 0 || height <= 0 || pv_viewport_get_width (viewport) <= 0)
    return FALSE;
  scale = pv_viewport_get_width (viewport) / width;
  pv_viewport_map_to_screen (viewport, e[0], e[3], &x0, &y0);
  pv_viewport_map_to_screen (viewport, e[2], e[1], &x1, &y1);
  to_widget (scale, &x0, &y0, &x1, &y1);
  if (fabs (x1 - x0) < MIN_BOX_PX || fabs (y1 - y0) < MIN_BOX_PX)
    {
      /* Too small to zoom to from here: come closer at once, the rest of
       * the way animated. */
      double factor = MIN (width / MAX (fabs (x1 - x0), 1e-9), height / MAX (fabs (y1 - y0), 1e-9)) / 2.0;

      pv_map_view_zoom_at (self->map_view, MAX (factor, 1.0), (x0 + x1) / 2.0, (y0 + y1) / 2.0);
      pv_viewport_map_to_screen (viewport, e[0], e[3], &x0, &y0);
      pv_viewport_map_to_screen (viewport, e[2], e[1], &x1, &y1);
      to_widget (scale, &x0, &y0, &x1, &y1);
    }
  pv_map_view_zoom_to_box (self->map_view, x0, y0, x1, y1);
  return TRUE;
}

static void
row_activated_cb (PvBookmarksPanel *self,
                  GtkListBoxRow    *row,
                  GtkListBox       *list_box)
{
  RowWidgets *w = row_widgets (row);

  if (w != NULL && w->editing)
    return;
  pv_bookmarks_panel_go_to (self, (guint) gtk_list_box_row_get_index (row));
}

/* Actions */

static void
go_to_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  pv_bookmarks_panel_go_to (PV_BOOKMARKS_PANEL (widget), g_variant_get_uint32 (parameter));
}

PvBookmark *
pv_bookmarks_panel_add_bookmark (PvBookmarksPanel *self)
{
  g_autoptr(PvBookmark) bookmark = NULL;
  g_autofree char *name = NULL;
  PvViewport *viewport;
  PvMap *map;
  GtkListBoxRow *row;

  g_return_val_if_fail (PV_IS_BOOKMARKS_PANEL (self), NULL);

  map = current_map (self);
  if (map == NULL || self->bookmarks == NULL)
    return NULL;
  viewport = pv_map_view_get_viewport (self->map_view);
  if (pv_viewport_get_width (viewport) <= 0 || pv_viewport_get_height (viewport) <= 0)
    return NULL;
  name = pv_bookmark_list_dup_next_name (self->bookmarks);
  bookmark = pv_bookmark_new_from_view (name, map, viewport);
  capture_compare (self, bookmark);
  pv_bookmark_list_add (self->bookmarks, bookmark);

  row = row_for_position (self, g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks)) - 1);
  if (row != NULL)
    {
      gtk_list_box_select_row (self->list_box, row);
      if (gtk_widget_get_mapped (GTK_WIDGET (row)))
        start_editing (row);
    }
  return bookmark;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  pv_bookmarks_panel_add_bookmark (PV_BOOKMARKS_PANEL (widget));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PvBookmarksPanel *self = PV_BOOKMARKS_PANEL (widget);
  GtkListBoxRow *row;

  if (bookmark_at (self, parameter) == NULL)
    return;
  row = row_for_position (self, g_variant_get_uint32 (parameter));
  gtk_list_box_select_row (self->list_box, row);
  start_editing (row);
}

static void
update_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PvBookmarksPanel *self = PV_BOOKMARKS_PANEL (widget);
  PvBookmark *bookmark = bookmark_at (self, parameter);
  PvMap *map = current_map (self);

  if (bookmark == NULL || map == NULL)
    return;
  pv_bookmark_update_from_view (bookmark, map, pv_map_view_get_viewport (self->map_view));
  capture_compare (self, bookmark);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PvBookmarksPanel *self = PV_BOOKMARKS_PANEL (widget);
  guint position, n, to;
  GtkListBoxRow *row;

  if (bookmark_at (self, parameter) == NULL)
    return;
  position = g_variant_get_uint32 (parameter);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks));
  if (g_str_equal (action_name, "bookmarks.move-up") && position > 0)
    to = position - 1;
  else if (g_str_equal (action_name, "bookmarks.move-down") && position + 1 < n)
    to = position + 1;
  else
    return;
  pv_bookmark_list_move (self->bookmarks, position, to);
  /* The rows were made anew: keep the moved one selected and focused. */
  row = row_for_position (self, to);
  gtk_list_box_select_row (self->list_box, row);
  if (row != NULL && gtk_widget_get_mapped (GTK_WIDGET (row)))
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Details: name, subtitle and speaker notes. */

static void
details_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PvBookmark       *bookmark)
{
  if (g_strcmp0 (response, "save") == 0)
    {
      GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
      GtkEditable *subtitle = g_object_get_data (G_OBJECT (dialog), "subtitle");
      GtkTextBuffer *notes = g_object_get_data (G_OBJECT (dialog), "notes");
      g_autofree char *name_text = g_strstrip (g_strdup (gtk_editable_get_text (name)));
      g_autofree char *subtitle_text = g_strstrip (g_strdup (gtk_editable_get_text (subtitle)));
      g_autofree char *notes_text = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (notes, &start, &end);
      notes_text = gtk_text_buffer_get_text (notes, &start, &end, FALSE);
      g_object_freeze_notify (G_OBJECT (bookmark));
      if (name_text[0] != '\0')
        pv_bookmark_set_name (bookmark, name_text);
      pv_bookmark_set_subtitle (bookmark, subtitle_text);
      pv_bookmark_set_notes (bookmark, notes_text);
      g_object_thaw_notify (G_OBJECT (bookmark));
    }
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWidget *
labelled (const char *label,
          GtkWidget  *child)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), child);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), child);
  return box;
}

static void
details_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PvBookmarksPanel *self = PV_BOOKMARKS_PANEL (widget);
  PvBookmark *bookmark = bookmark_at (self, parameter);
  GtkWidget *dialog, *box, *name, *subtitle, *notes, *scroller;
  GtkTextBuffer *buffer;

  if (bookmark == NULL)
    return;
  dialog = adw_message_dialog_new (parent_window (self), _("Bookmark Details"),
                                   _("The subtitle and the notes are shown when the bookmarks are presented as slides."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  name = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (name), pv_bookmark_get_name (bookmark));
  gtk_entry_set_activates_default (GTK_ENTRY (name), TRUE);
  subtitle = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (subtitle),
                         pv_bookmark_get_subtitle (bookmark) ? pv_bookmark_get_subtitle (bookmark) : "");
  gtk_entry_set_activates_default (GTK_ENTRY (subtitle), TRUE);
  notes = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (notes), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (notes), FALSE);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes));
  gtk_text_buffer_set_text (buffer, pv_bookmark_get_notes (bookmark) ? pv_bookmark_get_notes (bookmark) : "", -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), notes);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_widget_add_css_class (scroller, "card");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), labelled (_("_Title"), name));
  gtk_box_append (GTK_BOX (box), labelled (_("_Subtitle"), subtitle));
  gtk_box_append (GTK_BOX (box), labelled (_("Speaker _notes"), scroller));
  /* The scroller holds the text view: label the view itself too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (notes),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Speaker notes"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_object_set_data (G_OBJECT (dialog), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (dialog), "notes", buffer);
  g_signal_connect_data (dialog, "response", G_CALLBACK (details_response_cb),
                         g_object_ref (bookmark), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name);
}

/* Delete and undo */

static void
undo_toast_clicked_cb (PvBookmarksPanel *self,
                       AdwToast         *toast)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "bookmarks.undo-delete", NULL);
}

static void
undo_toast_dismissed_cb (PvBookmarksPanel *self,
                         AdwToast         *toast)
{
  if (self->deleted_toast == toast)
    g_clear_object (&self->deleted_toast);
}

static void
forget_deleted (PvBookmarksPanel *self)
{
  g_clear_object (&self->deleted);
  if (self->deleted_toast != NULL)
    adw_toast_dismiss (self->deleted_toast);
  g_clear_object (&self->deleted_toast);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PvBookmarksPanel *self = PV_BOOKMARKS_PANEL (widget);
  PvBookmark *bookmark = bookmark_at (self, parameter);
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  guint position, n;

  if (bookmark == NULL)
    return;
  position = g_variant_get_uint32 (parameter);
  forget_deleted (self);
  self->deleted = g_object_ref (bookmark);
  self->deleted_position = position;
  pv_bookmark_list_remove (self->bookmarks, position);

  /* Keep a row selected for the keyboard. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks));
  if (n > 0)
    gtk_list_box_select_row (self->list_box, row_for_position (self, MIN (position, n - 1)));

  escaped = g_markup_escape_text (pv_bookmark_get_name (bookmark), -1);
  /* Translators: %s is a bookmark name. */
  title = g_strdup_printf (_("“%s” deleted"), escaped);
  self->deleted_toast = adw_toast_new (title);
  adw_toast_set_button_label (self->deleted_toast, _("_Undo"));
  g_signal_connect_object (self->deleted_toast, "button-clicked", G_CALLBACK (undo_toast_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deleted_toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb),
                           self, G_CONNECT_SWAPPED);
  if (!add_toast (self, self->deleted_toast))
    {
      /* Nowhere to offer Undo: the deletion is final. */
      g_clear_object (&self->deleted_toast);
      g_clear_object (&self->deleted);
    }
  update_state (self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PvBookmarksPanel *self = PV_BOOKMARKS_PANEL (widget);
  g_autoptr(PvBookmark) bookmark = g_steal_pointer (&self->deleted);
  guint position;

  if (bookmark == NULL || self->bookmarks == NULL)
    return;
  position = MIN (self->deleted_position, g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks)));
  pv_bookmark_list_insert (self->bookmarks, position, bookmark);
  forget_deleted (self);
  gtk_list_box_select_row (self->list_box, row_for_position (self, position));
  update_state (self);
}

/* The selected row's actions, for the keyboard. */
static gboolean
selected_action_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  PvBookmarksPanel *self = PV_BOOKMARKS_PANEL (widget);
  const char *action = g_variant_get_string (args, NULL);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  RowWidgets *w = row_widgets (row);
  int index;

  if (row == NULL || w == NULL || w->editing || (index = gtk_list_box_row_get_index (row)) < 0)
    return FALSE;
  if (g_str_equal (action, "menu"))
    {
      gtk_menu_button_popup (w->menu_button);
      return TRUE;
    }
  return gtk_widget_activate_action (widget, action, "u", (guint) index);
}

/* GObject */

static void
map_view_map_cb (PvBookmarksPanel *self)
{
  update_state (self);
}

static void
pv_bookmarks_panel_dispose (GObject *object)
{
  PvBookmarksPanel *self = PV_BOOKMARKS_PANEL (object);

  if (self->map_view != NULL)
    g_signal_handlers_disconnect_by_func (self->map_view, map_view_map_cb, self);
  g_clear_weak_pointer (&self->map_view);
  if (self->bookmarks != NULL)
    g_signal_handlers_disconnect_by_func (self->bookmarks, items_changed_cb, self);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_BOOKMARKS_PANEL);

  g_clear_object (&self->bookmarks);
  g_clear_object (&self->deleted);
  g_clear_object (&self->deleted_toast);

  G_OBJECT_CLASS (pv_bookmarks_panel_parent_class)->dispose (object);
}

static void
pv_bookmarks_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PvBookmarksPanel *self = PV_BOOKMARKS_PANEL (object);

  switch (prop_id)
    {
    case PROP_BOOKMARKS:
      g_value_set_object (value, self->bookmarks);
      break;

    case PROP_MAP_VIEW:
      g_value_set_object (value, self->map_view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_bookmarks_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PvBookmarksPanel *self = PV_BOOKMARKS_PANEL (object);

  switch (prop_id)
    {
    case PROP_BOOKMARKS:
      pv_bookmarks_panel_set_bookmarks (self, g_value_get_object (value));
      break;

    case PROP_MAP_VIEW:
      pv_bookmarks_panel_set_map_view (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_selected_binding (GtkWidgetClass  *widget_class,
                      guint            keyval,
                      GdkModifierType  mods,
                      const char      *action)
{
  gtk_widget_class_add_binding (widget_class, keyval, mods, selected_action_cb, "s", action);
}

static void
pv_bookmarks_panel_class_init (PvBookmarksPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_bookmarks_panel_dispose;
  object_class->get_property = pv_bookmarks_panel_get_property;
  object_class->set_property = pv_bookmarks_panel_set_property;

  properties[PROP_BOOKMARKS] =
    g_param_spec_object ("bookmarks", NULL, NULL, PV_TYPE_BOOKMARK_LIST,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAP_VIEW] =
    g_param_spec_object ("map-view", NULL, NULL, PV_TYPE_MAP_VIEW,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-bookmarks-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PvBookmarksPanel, box);
  gtk_widget_class_bind_template_child (widget_class, PvBookmarksPanel, add_button);
  gtk_widget_class_bind_template_child (widget_class, PvBookmarksPanel, placeholder);
  gtk_widget_class_bind_template_child (widget_class, PvBookmarksPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, PvBookmarksPanel, list_box);
  gtk_widget_class_bind_template_child (widget_class, PvBookmarksPanel, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "bookmarks.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "bookmarks.go-to", "u", go_to_action);
  gtk_widget_class_install_action (widget_class, "bookmarks.rename", "u", rename_action);
  gtk_widget_class_install_action (widget_class, "bookmarks.details", "u", details_action);
  gtk_widget_class_install_action (widget_class, "bookmarks.update", "u", update_action);
  gtk_widget_class_install_action (widget_class, "bookmarks.move-up", "u", move_action);
  gtk_widget_class_install_action (widget_class, "bookmarks.move-down", "u", move_action);
  gtk_widget_class_install_action (widget_class, "bookmarks.delete", "u", delete_action);
  gtk_widget_class_install_action (widget_class, "bookmarks.undo-delete", NULL, undo_delete_action);

  add_selected_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "bookmarks.move-up");
  add_selected_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "bookmarks.move-down");
  add_selected_binding (widget_class, GDK_KEY_F2, 0, "bookmarks.rename");
  add_selected_binding (widget_class, GDK_KEY_Delete, 0, "bookmarks.delete");
  add_selected_binding (widget_class, GDK_KEY_Return, GDK_ALT_MASK, "bookmarks.details");
  add_selected_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "menu");
  add_selected_binding (widget_class, GDK_KEY_Menu, 0, "menu");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pv_bookmarks_panel_init (PvBookmarksPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_state (self);
}

GtkWidget *
pv_bookmarks_panel_new (void)
{
  return g_object_new (PV_TYPE_BOOKMARKS_PANEL, NULL);
}

PvBookmarkList *
pv_bookmarks_panel_get_bookmarks (PvBookmarksPanel *self)
{
  g_return_val_if_fail (PV_IS_BOOKMARKS_PANEL (self), NULL);

  return self->bookmarks;
}

void
pv_bookmarks_panel_set_bookmarks (PvBookmarksPanel *self,
                                  PvBookmarkList   *bookmarks)
{
  g_return_if_fail (PV_IS_BOOKMARKS_PANEL (self));
  g_return_if_fail (bookmarks == NULL || PV_IS_BOOKMARK_LIST (bookmarks));

  if (self->bookmarks == bookmarks)
    return;
  if (self->bookmarks != NULL)
    g_signal_handlers_disconnect_by_func (self->bookmarks, items_changed_cb, self);
  g_set_object (&self->bookmarks, bookmarks);
  /* Undo would put a bookmark into another list. */
  forget_deleted (self);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (bookmarks), create_row_cb, self, NULL);
  if (bookmarks != NULL)
    g_signal_connect_object (bookmarks, "items-changed", G_CALLBACK (items_changed_cb), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_row_actions (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKMARKS]);
}

PvMapView *
pv_bookmarks_panel_get_map_view (PvBookmarksPanel *self)
{
  g_return_val_if_fail (PV_IS_BOOKMARKS_PANEL (self), NULL);

  return self->map_view;
}

void
pv_bookmarks_panel_set_map_view (PvBookmarksPanel *self,
                                 PvMapView        *map_view)
{
  g_return_if_fail (PV_IS_BOOKMARKS_PANEL (self));
  g_return_if_fail (map_view == NULL || PV_IS_MAP_VIEW (map_view));

  if (self->map_view == map_view)
    return;
  if (self->map_view != NULL)
    g_signal_handlers_disconnect_by_func (self->map_view, map_view_map_cb, self);
  g_set_weak_pointer (&self->map_view, map_view);
  if (map_view != NULL)
    g_signal_connect_object (map_view, "notify::map", G_CALLBACK (map_view_map_cb), self,
                             G_CONNECT_SWAPPED);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_VIEW]);
}
