/* test-bookmarks-panel.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "pv-bookmark.h"
#include "pv-bookmarks-panel.h"
#include "pv-gui-test-util.h"
#include "pv-test-util.h"
#include "pv-window.h"

typedef struct
{
  PvWindow         *window;    /* the real main window with the sample */
  GtkWindow        *side;      /* our panel's own window */
  PvBookmarksPanel *panel;
  PvBookmarkList   *bookmarks;
  PvMapView        *view;
  PvMap            *map;
} Fixture;

static void
set_animations (gboolean enabled)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", enabled, NULL);
}

static gboolean
view_is_still (gpointer data)
{
  PvMapView *view = data;

  return !pv_map_view_get_animating (view);
}

/* Opens the sample project in a PvWindow and puts a bookmarks panel for its
 * map view in a window of its own, inside a toast overlay when asked. */
static gboolean
fixture_open (Fixture  *f,
              gboolean  with_overlay)
{
  g_autofree char *path = pv_test_sample_path ("binh-duong.pvproj");
  GtkWidget *panel;

  memset (f, 0, sizeof *f);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  f->window = pv_gui_test_window_new (900, 700);
  pv_gui_test_window_open_path (f->window, path);
  pv_gui_test_wait_until (pv_gui_test_frame_is_ready, f->window, "the sample project");
  f->view = pv_window_get_map_view (f->window);
  f->map = pv_window_get_map (f->window);
  g_assert_nonnull (f->map);

  f->bookmarks = pv_bookmark_list_new ();
  panel = pv_bookmarks_panel_new ();
  f->panel = PV_BOOKMARKS_PANEL (panel);
  pv_bookmarks_panel_set_map_view (f->panel, f->view);
  pv_bookmarks_panel_set_bookmarks (f->panel, f->bookmarks);
  f->side = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (f->side);
  gtk_window_set_default_size (f->side, 320, 600);
  if (with_overlay)
    {
      GtkWidget *overlay = adw_toast_overlay_new ();

      adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), panel);
      gtk_window_set_child (f->side, overlay);
    }
  else
    gtk_window_set_child (f->side, panel);
  gtk_window_present (f->side);
  pv_gui_test_drain ();
  return TRUE;
}

static void
fixture_close (Fixture *f)
{
  g_object_add_weak_pointer (G_OBJECT (f->panel), (gpointer *) &f->panel);
  pv_gui_test_window_destroy_drained (g_steal_pointer (&f->side));
  g_assert_null (f->panel);
  g_assert_finalize_object (g_steal_pointer (&f->bookmarks));
  pv_gui_test_window_destroy_drained (g_steal_pointer (&f->window));
}

static GtkListBox *
panel_list_box (Fixture *f)
{
  GtkWidget *list_box = pv_gui_test_find_widget_of_type (GTK_WIDGET (f->panel), GTK_TYPE_LIST_BOX);

  g_assert_nonnull (list_box);
  return GTK_LIST_BOX (list_box);
}

static GtkListBoxRow *
row_at (Fixture *f,
        guint    position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (panel_list_box (f), (int) position);

  g_assert_nonnull (row);
  return row;
}

/* The text the row shows as the bookmark's name: its first label. */
static const char *
row_name (Fixture *f,
          guint    position)
{
  GtkWidget *label = pv_gui_test_find_widget_of_type (GTK_WIDGET (row_at (f, position)), GTK_TYPE_LABEL);

  return gtk_label_get_label (GTK_LABEL (label));
}

static GtkEntry *
row_entry (Fixture *f,
           guint    position)
{
  GtkWidget *entry = pv_gui_test_find_widget_of_type (GTK_WIDGET (row_at (f, position)), GTK_TYPE_ENTRY);

  g_assert_nonnull (entry);
  return GTK_ENTRY (entry);
}

static gboolean
entry_is_editing (GtkEntry *entry)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (entry)));

  return gtk_widget_get_mapped (GTK_WIDGET (entry)) && focus != NULL &&
         (focus == GTK_WIDGET (entry) || gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)));
}

static void
assert_order (Fixture    *f,
              const char *expected)
{
  g_autoptr(GString) model = g_string_new (NULL);
  g_autoptr(GString) rows = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->bookmarks));

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (model, "%s%s", i ? "|" : "",
                              pv_bookmark_get_name (pv_bookmark_list_get_bookmark (f->bookmarks, i)));
      g_string_append_printf (rows, "%s%s", i ? "|" : "", row_name (f, i));
    }
  g_assert_null (gtk_list_box_get_row_at_index (panel_list_box (f), (int) n));
  g_assert_cmpstr (model->str, ==, expected);
  g_assert_cmpstr (rows->str, ==, expected);
}

static GtkWidget *
add_button (Fixture *f)
{
  GtkWidget *button = pv_gui_test_find_widget_of_type (GTK_WIDGET (f->panel), GTK_TYPE_BUTTON);

  /* The header's button comes first in the tree. */
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "bookmarks.add");
  return button;
}

static guint
visible_mask (PvMap *map)
{
  guint mask = 0;

  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    if (pv_layer_get_visible (pv_map_get_layer (map, i)))
      mask |= 1u << i;
  return mask;
}

static void
set_visible_mask (PvMap *map,
                  guint  mask)
{
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    pv_layer_set_visible (pv_map_get_layer (map, i), (mask & (1u << i)) != 0);
}

/* Map units per widget pixel. */
static double
widget_pixel (Fixture *f)
{
  PvViewport *viewport = pv_map_view_get_viewport (f->view);

  return pv_viewport_get_resolution (viewport) * pv_viewport_get_width (viewport) /
         gtk_widget_get_width (GTK_WIDGET (f->view));
}

static void
view_extent (Fixture *f,
             double   e[4])
{
  pv_viewport_get_extent (pv_map_view_get_viewport (f->view), &e[0], &e[1], &e[2], &e[3]);
}

static gboolean
row_has_height (gpointer data)
{
  return gtk_widget_get_height (GTK_WIDGET (data)) > 4;
}

/* Drops the bookmark of row from on the row at position to, in its upper or
 * lower half, through the row's drop target. */
static void
drop_on_row (Fixture  *f,
             guint     from,
             guint     onto,
             gboolean  lower_half)
{
  GtkListBoxRow *row = row_at (f, onto);
  g_autoptr(GListModel) controllers = NULL;
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  /* Rows made anew by the last move get their size on the next frame. */
  pv_gui_test_wait_until (row_has_height, row, "the row's allocation");
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (row));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_value_init (&value, PV_TYPE_BOOKMARK);
  g_value_set_object (&value, pv_bookmark_list_get_bookmark (f->bookmarks, from));
  g_signal_emit_by_name (target, "drop", &value,
                         10.0, lower_half ? gtk_widget_get_height (GTK_WIDGET (row)) - 2.0 : 2.0,
                         &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  pv_gui_test_drain ();
}

static void
test_workflow (void)
{
  Fixture f;
  PvBookmark *first, *second;
  GtkEntry *entry;
  guint mask_first, mask_second, all;
  double e_first[4], e[4], b[4], px;

  if (!fixture_open (&f, TRUE))
    {
      g_test_skip ("data-samples/binh-duong.pvproj has not been generated");
      return;
    }
  set_animations (FALSE);
  g_assert_cmpint (pv_crs_get_epsg (pv_map_get_crs (f.map)), ==, 9210);
  g_assert_cmpuint (pv_map_get_n_layers (f.map), >=, 3);
  all = (1u << pv_map_get_n_layers (f.map)) - 1;

  /* Empty: a hint instead of the list. */
  g_assert_true (pv_gui_test_tree_has_label_containing (GTK_WIDGET (f.panel), "Save the current view"));

  /* Add: the current view, named "Bookmark 1", renamed in place at once. */
  mask_first = visible_mask (f.map);
  g_assert_cmpuint (mask_first, !=, all);
  view_extent (&f, e_first);
  g_signal_emit_by_name (add_button (&f), "clicked");
  pv_gui_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.bookmarks)), ==, 1);
  first = pv_bookmark_list_get_bookmark (f.bookmarks, 0);
  g_assert_cmpstr (pv_bookmark_get_name (first), ==, "Bookmark 1");
  pv_bookmark_get_extent (first, b);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (b[i], ==, e_first[i]);
  g_assert_true (pv_crs_equals (pv_bookmark_get_crs (first), pv_map_get_crs (f.map)));
  entry = row_entry (&f, 0);
  g_assert_true (entry_is_editing (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Trung tâm Thủ Dầu Một ");
  g_signal_emit_by_name (entry, "activate");
  pv_gui_test_drain ();
  g_assert_false (entry_is_editing (entry));
  g_assert_cmpstr (pv_bookmark_get_name (first), ==, "Trung tâm Thủ Dầu Một");
  assert_order (&f, "Trung tâm Thủ Dầu Một");

  /* Elsewhere, with other layers: a second bookmark; Escape keeps its name. */
  pv_map_view_zoom_at (f.view, 4.0, 200, 150);
  pv_gui_test_drain ();
  set_visible_mask (f.map, all);
  mask_second = visible_mask (f.map);
  gtk_widget_activate_action (GTK_WIDGET (f.panel), "bookmarks.add", NULL);
  pv_gui_test_drain ();
  second = pv_bookmark_list_get_bookmark (f.bookmarks, 1);
  entry = row_entry (&f, 1);
  g_assert_true (entry_is_editing (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "not this");
  /* Escape, through the entry's key controller as the keyboard sends it. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (entry));
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
          g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Escape, 9, 0, &handled);
      }
    g_assert_true (handled);
  }
  pv_gui_test_drain ();
  g_assert_cmpstr (pv_bookmark_get_name (second), ==, "Bookmark 2");
  gtk_widget_activate_action (GTK_WIDGET (f.panel), "bookmarks.add", NULL);
  pv_gui_test_drain ();
  g_signal_emit_by_name (row_entry (&f, 2), "activate");
  assert_order (&f, "Trung tâm Thủ Dầu Một|Bookmark 2|Bookmark 3");

  /* Rename in place (F2's action); an empty name changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f.panel), "bookmarks.rename", "u", 2);
  entry = row_entry (&f, 2);
  g_assert_true (entry_is_editing (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Bookmark 3");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Bến Cát");
  g_signal_emit_by_name (entry, "activate");
  pv_gui_test_drain ();
  gtk_widget_activate_action (GTK_WIDGET (f.panel), "bookmarks.rename", "u", 1);
  gtk_editable_set_text (GTK_EDITABLE (row_entry (&f, 1)), "   ");
  g_signal_emit_by_name (row_entry (&f, 1), "activate");
  pv_gui_test_drain ();
  assert_order (&f, "Trung tâm Thủ Dầu Một|Bookmark 2|Bến Cát");

  /* Reorder: the row menu's Move Up, the panel's Move Down, drag and drop. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_at (&f, 2)), "row.move-up", NULL));
  pv_gui_test_drain ();
  assert_order (&f, "Trung tâm Thủ Dầu Một|Bến Cát|Bookmark 2");
  g_assert_true (gtk_list_box_get_selected_row (panel_list_box (&f)) == row_at (&f, 1));
  gtk_widget_activate_action (GTK_WIDGET (f.panel), "bookmarks.move-down", "u", 0);
  pv_gui_test_drain ();
  assert_order (&f, "Bến Cát|Trung tâm Thủ Dầu Một|Bookmark 2");
  /* The top row cannot move up. */
  g_assert_false (g_action_group_get_action_enabled (
    G_ACTION_GROUP (g_object_get_data (G_OBJECT (row_at (&f, 0)), "pv-row-actions")), "move-up"));
  drop_on_row (&f, 2, 0, FALSE);
  assert_order (&f, "Bookmark 2|Bến Cát|Trung tâm Thủ Dầu Một");
  drop_on_row (&f, 0, 2, TRUE);
  assert_order (&f, "Bến Cát|Trung tâm Thủ Dầu Một|Bookmark 2");

  /* Delete, with Undo in the toast overlay. */
  gtk_widget_activate_action (GTK_WIDGET (f.panel), "bookmarks.delete", "u", 1);
  pv_gui_test_drain ();
  assert_order (&f, "Bến Cát|Bookmark 2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.panel), "bookmarks.undo-delete", NULL));
  pv_gui_test_drain ();
  assert_order (&f, "Bến Cát|Trung tâm Thủ Dầu Một|Bookmark 2");
  g_assert_true (pv_bookmark_list_get_bookmark (f.bookmarks, 1) == first);

  /* Go to, animated: the view ends on the bookmark's extent and the
   * bookmark's layers are shown again. */
  set_animations (TRUE);
  pv_map_view_zoom_at (f.view, 0.25, 600, 500);
  pv_gui_test_wait_until (view_is_still, f.view, "the zoom out");
  set_visible_mask (f.map, all & ~mask_first);
  gtk_widget_activate (GTK_WIDGET (row_at (&f, 1)));
  g_assert_true (pv_map_view_get_animating (f.view));
  pv_gui_test_wait_until (view_is_still, f.view, "the move to the first bookmark");
  g_assert_cmpuint (visible_mask (f.map), ==, mask_first);
  view_extent (&f, e);
  px = widget_pixel (&f);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (e[i], e_first[i], px);

  /* And to the second, through its action. */
  pv_bookmark_get_extent (second, b);
  gtk_widget_activate_action (GTK_WIDGET (f.panel), "bookmarks.go-to", "u", 2);
  pv_gui_test_wait_until (view_is_still, f.view, "the move to the second bookmark");
  g_assert_cmpuint (visible_mask (f.map), ==, mask_second);
  view_extent (&f, e);
  px = widget_pixel (&f);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (e[i], b[i], px);

  set_animations (FALSE);
  fixture_close (&f);
}

/* A bookmark made in WGS 84 is shown where it lies in the map CRS; one much
 * smaller than a pixel of the current view is still reached. */
/* A bookmark added while the view compares keeps the compare (mode and group
 * B's layers); going to it compares again, going to one without compare
 * turns it off. */
static void
test_compare (void)
{
  Fixture f;
  g_autoptr(PvMap) other = NULL;
  g_autoptr(GPtrArray) group_b = g_ptr_array_new ();
  PvBookmark *with, *without;
  PvBookmarkLayer **layers;
  PvLayer *current = NULL;
  guint n;

  if (!fixture_open (&f, TRUE))
    {
      g_test_skip ("data-samples/binh-duong.pvproj has not been generated");
      return;
    }
  set_animations (FALSE);
  for (guint i = 0; i < pv_map_get_n_layers (f.map); i++)
    if (g_str_has_suffix (pv_layer_get_source (pv_map_get_layer (f.map, i)), "hien_trang_2024.shp"))
      current = pv_map_get_layer (f.map, i);
  g_assert_nonnull (current);
  g_ptr_array_add (group_b, current);
  other = pv_map_copy (f.map);
  pv_map_set_shown_layers (other, group_b);

  pv_map_view_set_compare (f.view, other, PV_COMPARE_SPYGLASS);
  with = pv_bookmarks_panel_add_bookmark (f.panel);
  g_assert_nonnull (with);
  g_assert_cmpint (pv_bookmark_get_compare_mode (with), ==, PV_BOOKMARK_COMPARE_SPYGLASS);
  layers = pv_bookmark_get_compare_layers (with, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (pv_bookmark_layer_matches (layers[0], current));

  pv_map_view_set_compare (f.view, NULL, PV_COMPARE_NONE);
  without = pv_bookmarks_panel_add_bookmark (f.panel);
  g_assert_cmpint (pv_bookmark_get_compare_mode (without), ==, PV_BOOKMARK_COMPARE_NONE);

  g_assert_true (pv_bookmarks_panel_go_to (f.panel, 0));
  g_assert_cmpint (pv_map_view_get_compare_mode (f.view), ==, PV_COMPARE_SPYGLASS);
  g_assert_true (pv_map_shows_layer (pv_map_view_get_compare_map (f.view), current));
  g_assert_cmpuint (g_list_model_get_n_items (pv_map_get_layers (pv_map_view_get_compare_map (f.view))), ==,
                    pv_map_get_n_layers (f.map));
  g_assert_true (pv_bookmarks_panel_go_to (f.panel, 1));
  g_assert_cmpint (pv_map_view_get_compare_mode (f.view), ==, PV_COMPARE_NONE);

  fixture_close (&f);
}

static void
test_go_to_other_crs (void)
{
  Fixture f;
  g_autoptr(PvCrs) wgs84 = NULL;
  g_autoptr(PvBookmark) bookmark = NULL;
  g_autoptr(PvBookmark) tiny = NULL;
  g_autoptr(GError) error = NULL;
  double want[4], e[4], px, cx, cy;

  if (!fixture_open (&f, TRUE))
    {
      g_test_skip ("data-samples/binh-duong.pvproj has not been generated");
      return;
    }
  set_animations (TRUE);
  wgs84 = pv_crs_new_from_epsg (4326, &error);
  g_assert_no_error (error);
  /* Around Thủ Dầu Một. */
  bookmark = pv_bookmark_new ("Thủ Dầu Một (WGS 84)", wgs84, 106.64, 10.96, 106.70, 11.01);
  pv_bookmark_list_add (f.bookmarks, bookmark);
  g_assert_true (pv_bookmark_get_extent_in (bookmark, pv_map_get_crs (f.map), want, &error));
  g_assert_no_error (error);

  g_assert_true (pv_bookmarks_panel_go_to (f.panel, 0));
  pv_gui_test_wait_until (view_is_still, f.view, "the move to the WGS 84 bookmark");
  view_extent (&f, e);
  px = widget_pixel (&f);
  /* Centred, the whole box shown, and filling the view on one axis. */
  cx = (want[0] + want[2]) / 2;
  cy = (want[1] + want[3]) / 2;
  g_assert_cmpfloat_with_epsilon ((e[0] + e[2]) / 2, cx, px);
  g_assert_cmpfloat_with_epsilon ((e[1] + e[3]) / 2, cy, px);
  g_assert_cmpfloat (e[0], <=, want[0] + px);
  g_assert_cmpfloat (e[2], >=, want[2] - px);
  g_assert_cmpfloat (e[1], <=, want[1] + px);
  g_assert_cmpfloat (e[3], >=, want[3] - px);
  g_assert_true (fabs (e[0] - want[0]) <= px || fabs (e[1] - want[1]) <= px);

  /* An 8 m box seen from far out: under a pixel at first. */
  pv_map_view_zoom_full (f.view);
  pv_gui_test_wait_until (view_is_still, f.view, "the full view");
  tiny = pv_bookmark_new ("Cổng", pv_map_get_crs (f.map), cx - 4, cy - 3, cx + 4, cy + 3);
  g_assert_cmpfloat (widget_pixel (&f), >, 8);
  pv_bookmark_list_add (f.bookmarks, tiny);
  g_assert_true (pv_bookmarks_panel_go_to (f.panel, 1));
  pv_gui_test_wait_until (view_is_still, f.view, "the move to the small bookmark");
  view_extent (&f, e);
  px = widget_pixel (&f);
  g_assert_cmpfloat_with_epsilon ((e[0] + e[2]) / 2, cx, px);
  g_assert_cmpfloat_with_epsilon ((e[1] + e[3]) / 2, cy, px);
  g_assert_true (fabs (e[0] - (cx - 4)) <= px || fabs (e[1] - (cy - 3)) <= px);

  set_animations (FALSE);
  fixture_close (&f);
}

/* Runs the widget's class key binding for (keyval, modifiers), as a key
 * press does; FALSE when there is none or it did nothing. */
static gboolean
press_key_binding (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* Without a toast overlay there is no Undo: Delete deletes. Keyboard: the
 * selected row takes Alt+Down and Delete. */
static void
test_delete_without_overlay (void)
{
  Fixture f;
  GtkListBox *list_box;

  if (!fixture_open (&f, FALSE))
    {
      g_test_skip ("data-samples/binh-duong.pvproj has not been generated");
      return;
    }
  set_animations (FALSE);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_nonnull (pv_bookmarks_panel_add_bookmark (f.panel));
      g_signal_emit_by_name (row_entry (&f, i), "activate");
      pv_gui_test_drain ();
    }
  assert_order (&f, "Bookmark 1|Bookmark 2|Bookmark 3");

  list_box = panel_list_box (&f);
  gtk_list_box_select_row (list_box, row_at (&f, 0));
  pv_gui_test_drain ();
  /* Alt+Down: the panel's key binding moves the selected row. */
  g_assert_true (press_key_binding (GTK_WIDGET (f.panel), GDK_KEY_Down, GDK_ALT_MASK));
  pv_gui_test_drain ();
  assert_order (&f, "Bookmark 2|Bookmark 1|Bookmark 3");

  g_assert_true (gtk_list_box_get_selected_row (list_box) == row_at (&f, 1));
  /* Alt+Up brings it back; Delete deletes the selected row for good. */
  g_assert_true (press_key_binding (GTK_WIDGET (f.panel), GDK_KEY_Up, GDK_ALT_MASK));
  pv_gui_test_drain ();
  assert_order (&f, "Bookmark 1|Bookmark 2|Bookmark 3");
  g_assert_true (press_key_binding (GTK_WIDGET (f.panel), GDK_KEY_Delete, 0));
  pv_gui_test_drain ();
  assert_order (&f, "Bookmark 2|Bookmark 3");
  gtk_widget_activate_action (GTK_WIDGET (f.panel), "bookmarks.undo-delete", NULL);
  pv_gui_test_drain ();
  assert_order (&f, "Bookmark 2|Bookmark 3");
  /* F2 renames the selected row in place. */
  gtk_list_box_select_row (list_box, row_at (&f, 1));
  g_assert_true (press_key_binding (GTK_WIDGET (f.panel), GDK_KEY_F2, 0));
  g_assert_true (entry_is_editing (row_entry (&f, 1)));
  gtk_editable_set_text (GTK_EDITABLE (row_entry (&f, 1)), "Dĩ An");
  g_signal_emit_by_name (row_entry (&f, 1), "activate");
  pv_gui_test_drain ();
  assert_order (&f, "Bookmark 2|Dĩ An");
  /* The next default name counts the bookmarks, skipping names in use. */
  g_assert_nonnull (pv_bookmarks_panel_add_bookmark (f.panel));
  g_signal_emit_by_name (row_entry (&f, 2), "activate");
  assert_order (&f, "Bookmark 2|Dĩ An|Bookmark 3");

  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pv_core_init ();

  g_test_add_func ("/gui/bookmarks-panel/workflow", test_workflow);
  g_test_add_func ("/gui/bookmarks-panel/go-to-other-crs", test_go_to_other_crs);
  g_test_add_func ("/gui/bookmarks-panel/compare", test_compare);
  g_test_add_func ("/gui/bookmarks-panel/delete-without-overlay", test_delete_without_overlay);

  return g_test_run ();
}
